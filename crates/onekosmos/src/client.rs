//! The HTTP client: discovery with caching, the header set, encrypted POSTs, typed answers.
//! Response bodies are never logged: only endpoint names and status codes are traced.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use url::Url;
use zeroize::Zeroizing;

use crate::config::{ConfigError, Journey, OneKosmosConfig};
use crate::envelope::{EnvelopeError, PrivateKey, PublicKey, SharedKey};
use crate::error::{Endpoint, Error};
use crate::model::{
    parse_session_result, parse_verify_outcome, DocumentType, Session, SessionResult, SessionUser,
    VerifyOutcome, VerifyRequest,
};

/// Largest answer read into memory (poll results carry several images of a few hundred KB).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// The three authentication headers of every service call (reference §2.4).
#[derive(Clone)]
pub struct RequestHeaders {
    pub publickey: String,
    pub licensekey: String,
    pub requestid: String,
}

impl std::fmt::Debug for RequestHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RequestHeaders([REDACTED])")
    }
}

/// Builds the header set for one request: `licensekey` and `requestid` `{ts, appid, uuid}`
/// encrypted under the key shared with the service. `ts` is epoch seconds.
pub fn request_headers(
    own: &PrivateKey,
    service: &PublicKey,
    license_key: &str,
    app_id: &str,
    ts: i64,
    uuid: &str,
) -> Result<RequestHeaders, EnvelopeError> {
    let shared = own.shared_key(service);
    let request_id = json!({"ts": ts, "appid": app_id, "uuid": uuid}).to_string();
    Ok(RequestHeaders {
        publickey: own.public_key().to_base64(),
        licensekey: shared.encrypt(license_key.as_bytes())?,
        requestid: shared.encrypt(request_id.as_bytes())?,
    })
}

/// Tenant and community as `community_info/fetch` returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityInfo {
    pub tenant_id: String,
    pub tenant_name: Option<String>,
    pub tenant_tag: Option<String>,
    pub community_id: String,
    pub community_name: String,
    /// The adminconsole ECDH key (not used for DocuVerify).
    pub community_public_key: Option<PublicKey>,
}

/// The service URLs the client uses, taken from `/caas/sd` where they can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDirectory {
    pub docuverify: Url,
    /// Entries of the directory that were ignored (cluster-internal or foreign hosts).
    pub ignored: Vec<String>,
}

/// What "Test connection" found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionReport {
    pub tenant_name: Option<String>,
    pub community_name: String,
    pub docuverify: Url,
    /// The DocuVerify service public key was fetched and parsed.
    pub service_key: PublicKey,
    /// The license key was accepted by DocuVerify.
    pub license_accepted: bool,
}

struct Cached<T> {
    value: T,
    at: Instant,
}

#[derive(Default)]
struct Cache {
    community: Option<Cached<CommunityInfo>>,
    directory: Option<Cached<ServiceDirectory>>,
    keys: HashMap<String, Cached<PublicKey>>,
}

/// The 1Kosmos client. Cheap to share behind an `Arc`; caches discovery for `cache_ttl`.
pub struct OneKosmosClient {
    config: OneKosmosConfig,
    http: reqwest::Client,
    own: PrivateKey,
    cache: Mutex<Cache>,
}

impl std::fmt::Debug for OneKosmosClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneKosmosClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// A `reqwest` builder with ring's TLS provider installed (reqwest is built with
/// `rustls-no-provider`) and timeouts set.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl OneKosmosClient {
    /// Validates `config` and creates a fresh client key pair (per process, as the helpers do).
    pub fn new(config: OneKosmosConfig, http: reqwest::Client) -> Result<Self, Error> {
        let own = PrivateKey::generate().map_err(|source| Error::Envelope {
            endpoint: Endpoint::PublicKey,
            source,
        })?;
        Self::with_private_key(config, http, own)
    }

    /// Like [`OneKosmosClient::new`] with a given client key.
    pub fn with_private_key(
        config: OneKosmosConfig,
        http: reqwest::Client,
        own: PrivateKey,
    ) -> Result<Self, Error> {
        config.validate()?;
        Ok(Self {
            config,
            http,
            own,
            cache: Mutex::new(Cache::default()),
        })
    }

    pub fn config(&self) -> &OneKosmosConfig {
        &self.config
    }

    /// The client's public key as sent in `publickey`.
    pub fn public_key(&self) -> PublicKey {
        self.own.public_key()
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn fresh<T: Clone>(&self, cached: &Option<Cached<T>>) -> Option<T> {
        cached
            .as_ref()
            .filter(|c| c.at.elapsed() < self.config.cache_ttl)
            .map(|c| c.value.clone())
    }

    /// Forgets cached discovery and keys (e.g. after an administrator changes settings).
    pub fn clear_cache(&self) {
        *self.cache() = Cache::default();
    }

    fn url(&self, path: &str) -> Url {
        self.config
            .base_url
            .join(path)
            .expect("static relative paths join onto a base URL")
    }

    /// Sends `request` and reads its JSON answer (size-capped, status checked).
    async fn exchange(
        &self,
        endpoint: Endpoint,
        request: reqwest::RequestBuilder,
    ) -> Result<(u16, Value), Error> {
        let response = request.send().await.map_err(|e| transport(endpoint, e))?;
        self.read_json(endpoint, response).await
    }

    async fn read_json(
        &self,
        endpoint: Endpoint,
        mut response: reqwest::Response,
    ) -> Result<(u16, Value), Error> {
        let status = response.status().as_u16();
        if let Some(len) = response.content_length() {
            if len as usize > MAX_RESPONSE_BYTES {
                return Err(Error::invalid(endpoint, "answer too large"));
            }
        }
        // Read piece by piece: an answer without Content-Length stops at the cap, it is never
        // read whole first.
        let mut bytes = Zeroizing::new(Vec::new());
        while let Some(chunk) = response.chunk().await.map_err(|e| transport(endpoint, e))? {
            if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(Error::invalid(endpoint, "answer too large"));
            }
            bytes.extend_from_slice(&chunk);
        }
        tracing::debug!(%endpoint, status, "1Kosmos answered");
        if !(200..300).contains(&status) {
            let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            return Err(status_error(endpoint, status, &body));
        }
        let body = serde_json::from_slice(&bytes).map_err(|e| Error::json(endpoint, &e))?;
        Ok((status, body))
    }

    /// `POST /api/r1/system/community_info/fetch`, cached.
    pub async fn community_info(&self) -> Result<CommunityInfo, Error> {
        if let Some(info) = self.fresh(&self.cache().community) {
            return Ok(info);
        }
        let endpoint = Endpoint::CommunityInfo;
        let (_, body) = self
            .exchange(
                endpoint,
                self.http
                    .post(self.url("api/r1/system/community_info/fetch"))
                    .json(&json!({"dns": self.config.tenant_dns, "communityName": self.config.community}))
            )
            .await?;
        let (Some(tenant), Some(community)) = (
            body.get("tenant").filter(|v| v.is_object()),
            body.get("community").filter(|v| v.is_object()),
        ) else {
            return Err(Error::invalid(endpoint, "tenant or community missing"));
        };
        let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let info = CommunityInfo {
            tenant_id: field(tenant, "id")
                .ok_or_else(|| Error::invalid(endpoint, "tenant id missing"))?,
            tenant_name: field(tenant, "name"),
            tenant_tag: field(tenant, "tenanttag"),
            community_id: field(community, "id")
                .ok_or_else(|| Error::invalid(endpoint, "community id missing"))?,
            community_name: field(community, "name")
                .unwrap_or_else(|| self.config.community.clone()),
            community_public_key: field(community, "publicKey")
                .and_then(|k| PublicKey::from_base64(&k).ok()),
        };
        self.cache().community = Some(Cached {
            value: info.clone(),
            at: Instant::now(),
        });
        Ok(info)
    }

    /// `GET /caas/sd`, cached. Only entries on the tenant's own origin are trusted; others
    /// (cluster-internal `http://idproofing-api:8888`, bare IPs) are listed in `ignored`, and
    /// DocuVerify falls back to `{tenant}/docuverify`.
    pub async fn service_directory(&self) -> Result<ServiceDirectory, Error> {
        if let Some(sd) = self.fresh(&self.cache().directory) {
            return Ok(sd);
        }
        let endpoint = Endpoint::ServiceDirectory;
        let (_, body) = self
            .exchange(endpoint, self.http.get(self.url("caas/sd")))
            .await?;
        let entries = body
            .as_object()
            .filter(|o| o.contains_key("licenses"))
            .ok_or_else(|| Error::invalid(endpoint, "no licenses entry"))?;
        let base = &self.config.base_url;
        let mut ignored = Vec::new();
        let mut docuverify = None;
        for (name, value) in entries {
            let trusted = value
                .as_str()
                .and_then(|s| Url::parse(s).ok())
                .filter(|u| u.origin() == base.origin());
            match (name.as_str(), trusted) {
                ("docuverify", Some(url)) => docuverify = Some(url),
                (_, None) => ignored.push(name.clone()),
                _ => {}
            }
        }
        ignored.sort();
        let docuverify = docuverify.unwrap_or_else(|| self.url("docuverify"));
        let sd = ServiceDirectory {
            docuverify: with_trailing_slash(docuverify),
            ignored,
        };
        self.cache().directory = Some(Cached {
            value: sd.clone(),
            at: Instant::now(),
        });
        Ok(sd)
    }

    /// `GET {service}/publickeys`, cached per service.
    pub async fn service_public_key(&self, service: &Url) -> Result<PublicKey, Error> {
        let key = service.as_str().to_string();
        if let Some(cached) = self
            .cache()
            .keys
            .get(&key)
            .filter(|c| c.at.elapsed() < self.config.cache_ttl)
        {
            return Ok(cached.value.clone());
        }
        let endpoint = Endpoint::PublicKey;
        let url = service.join("publickeys").expect("static path joins");
        let (_, body) = self.exchange(endpoint, self.http.get(url)).await?;
        let public = body
            .get("publicKey")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid(endpoint, "no publicKey"))
            .and_then(|k| {
                PublicKey::from_base64(k).map_err(|source| Error::Envelope { endpoint, source })
            })?;
        self.cache().keys.insert(
            key,
            Cached {
                value: public.clone(),
                at: Instant::now(),
            },
        );
        Ok(public)
    }

    fn dvc_id(&self, journey: Journey) -> Result<&str, Error> {
        self.config
            .dvc_ids
            .get(journey)
            .ok_or(Error::Config(ConfigError::JourneyNotConfigured(journey)))
    }

    /// An encrypted DocuVerify POST: `{data: enc(body)}` with the header set; decrypts the
    /// `{data, publicKey}` answer with the key shared with the service key this client fetched.
    /// A plain answer passes only where `answer` allows it (the create-session answer, plain
    /// in every sample); an answer naming another `publicKey` is refused, since anyone could
    /// encrypt to us with a key of their own.
    async fn docuverify_post(
        &self,
        endpoint: Endpoint,
        path: &str,
        body: &Value,
        answer: Answer,
    ) -> Result<Value, Error> {
        let service = self.service_directory().await?.docuverify;
        let service_key = self.service_public_key(&service).await?;
        let shared = self.own.shared_key(&service_key);
        let envelope = |source| Error::Envelope { endpoint, source };
        let headers = request_headers(
            &self.own,
            &service_key,
            self.config.license_key.expose_secret(),
            &self.config.app_id,
            now_unix(),
            &uuid::Uuid::new_v4().to_string(),
        )
        .map_err(envelope)?;
        let plain = Zeroizing::new(body.to_string());
        let data = shared.encrypt(plain.as_bytes()).map_err(envelope)?;
        let mut map = HeaderMap::new();
        for (name, value) in [
            ("publickey", &headers.publickey),
            ("licensekey", &headers.licensekey),
            ("requestid", &headers.requestid),
        ] {
            map.insert(
                name,
                HeaderValue::from_str(value).expect("base64 is a valid header value"),
            );
        }
        map.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let url = service.join(path).expect("static path joins");
        let result = self
            .exchange(
                endpoint,
                self.http
                    .post(url)
                    .headers(map)
                    .body(json!({ "data": data }).to_string()),
            )
            .await;
        if let Err(Error::Rejected { status: 400, .. }) = &result {
            // Perhaps the service rotated its key: fetch it again next time.
            self.cache().keys.remove(service.as_str());
        }
        let (_, reply) = result?;
        match reply.get("data").and_then(Value::as_str) {
            Some(data) => {
                match reply.get("publicKey").and_then(Value::as_str) {
                    Some(key) if key != service_key.to_base64() => {
                        return Err(Error::invalid(
                            endpoint,
                            "the answer names a public key other than the service's",
                        ))
                    }
                    _ => {}
                }
                decrypt_json(endpoint, &shared, data)
            }
            None if answer == Answer::EncryptedOrPlain => Ok(reply),
            None => Err(Error::invalid(
                endpoint,
                "the answer is not encrypted, although the service encrypts it",
            )),
        }
    }

    /// `POST {docuverify}/document_share_session/create` for the journey's dvcID.
    pub async fn create_document_share_session(
        &self,
        journey: Journey,
        document: DocumentType,
        user: Option<&SessionUser>,
    ) -> Result<Session, Error> {
        let endpoint = Endpoint::CreateSession;
        let dvc_id = self.dvc_id(journey)?.to_string();
        let mut request = json!({
            "tenantDNS": self.config.tenant_dns,
            "communityName": self.config.community,
            "documentType": document.wire(),
            "userUID": uuid::Uuid::new_v4().to_string(),
            "did": uuid::Uuid::new_v4().to_string(),
        });
        if let Some(user) = user {
            let mut u = serde_json::Map::new();
            for (k, v) in [
                ("username", &user.username),
                ("firstname", &user.first_name),
                ("lastname", &user.last_name),
                ("uid", &user.uid),
            ] {
                if let Some(v) = v {
                    u.insert(k.into(), Value::String(v.clone()));
                }
            }
            request["user"] = Value::Object(u);
        }
        let body = json!({"dvcID": dvc_id, "sessionRequest": request});
        let answer = self
            .docuverify_post(
                endpoint,
                "document_share_session/create",
                &body,
                Answer::EncryptedOrPlain,
            )
            .await?;
        let session_id = answer
            .get("sessionId")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::invalid(endpoint, "no sessionId"))?;
        let url = answer
            .get("url")
            .or_else(|| answer.get("sessionUrl"))
            .and_then(Value::as_str)
            .and_then(|u| Url::parse(u).ok())
            .filter(|u| matches!(u.scheme(), "https" | "http"))
            .ok_or_else(|| Error::invalid(endpoint, "no usable session url"))?;
        Ok(Session {
            session_id: session_id.to_string(),
            url,
            dvc_id,
            journey,
        })
    }

    /// `POST {docuverify}/v3/document_share_session/result`.
    pub async fn poll_result(&self, session: &Session) -> Result<SessionResult, Error> {
        self.poll(
            Endpoint::PollResult,
            "v3/document_share_session/result",
            session,
        )
        .await
    }

    /// `POST {docuverify}/document_share_session/result` (the helpers' legacy path).
    pub async fn poll_result_legacy(&self, session: &Session) -> Result<SessionResult, Error> {
        self.poll(
            Endpoint::PollResultLegacy,
            "document_share_session/result",
            session,
        )
        .await
    }

    async fn poll(
        &self,
        endpoint: Endpoint,
        path: &str,
        session: &Session,
    ) -> Result<SessionResult, Error> {
        let body = json!({"dvcID": session.dvc_id, "sessionId": session.session_id});
        let answer = self
            .docuverify_post(endpoint, path, &body, Answer::Encrypted)
            .await?;
        parse_session_result(&session.session_id, &answer, endpoint)
    }

    /// `POST {docuverify}/verify` with `face_liveness`, `face_compare` and `dl_verify` as the
    /// request asks.
    pub async fn verify(&self, request: &VerifyRequest) -> Result<VerifyOutcome, Error> {
        let endpoint = Endpoint::Verify;
        let dvc_id = self.dvc_id(request.journey)?;
        let verifications = request.verifications();
        let document = verify_document(request);
        let body = json!({
            "dvcID": dvc_id,
            "verifications": verifications.iter().map(|v| v.wire()).collect::<Vec<_>>(),
            "document": Value::Object(document),
        });
        let answer = self
            .docuverify_post(endpoint, "verify", &body, Answer::Encrypted)
            .await?;
        parse_verify_outcome(&verifications, &answer)
    }

    /// For the administrator's "Test connection": community info, the service directory, the
    /// DocuVerify public key, and whether DocuVerify accepts the license key (a result query
    /// for a session that does not exist: 401 means the license is refused, any other
    /// answer means it was accepted). Bypasses the caches.
    pub async fn check_connection(&self) -> Result<ConnectionReport, Error> {
        self.clear_cache();
        let community = self.community_info().await?;
        let directory = self.service_directory().await?;
        let service_key = self.service_public_key(&directory.docuverify).await?;
        let journey = [Journey::KycWithSelfie, Journey::DocumentVerificationOnly]
            .into_iter()
            .find(|j| self.config.dvc_ids.get(*j).is_some())
            .expect("validated: at least one dvcID");
        let probe = Session {
            session_id: uuid::Uuid::nil().to_string(),
            url: self.config.base_url.clone(),
            dvc_id: self.dvc_id(journey)?.to_string(),
            journey,
        };
        let license_accepted = match self.poll_result(&probe).await {
            Err(Error::LicenseRejected { .. }) => false,
            // The session does not exist: any answer about it means the license got through.
            Ok(_) | Err(Error::NotFound { .. } | Error::Rejected { .. }) => true,
            // A server error or an answer we cannot read says nothing about the license.
            Err(other) => return Err(other),
        };
        Ok(ConnectionReport {
            tenant_name: community.tenant_name,
            community_name: community.community_name,
            docuverify: directory.docuverify,
            service_key,
            license_accepted,
        })
    }
}

/// `/verify`'s `document`: the selfie (`liveId`, `image1`), the document's portrait (`image2`),
/// and the document's fields: a licence's for `dl_verify`, else a passport's or ID card's read
/// from its zone, else a random id with `type: face`.
fn verify_document(request: &VerifyRequest) -> serde_json::Map<String, Value> {
    let selfie = Zeroizing::new(STANDARD.encode(request.selfie_jpeg.as_slice()));
    let mut document = serde_json::Map::new();
    let put = |doc: &mut serde_json::Map<String, Value>, k: &str, v: &str| {
        doc.insert(k.to_string(), Value::String(v.to_string()));
    };
    put(&mut document, "category", "identity_document");
    put(&mut document, "liveId", &selfie);
    put(&mut document, "image1", &selfie);
    if let Some(portrait) = &request.portrait_jpeg {
        put(
            &mut document,
            "image2",
            &STANDARD.encode(portrait.as_slice()),
        );
    }
    match (&request.driver_license, &request.travel_document) {
        (Some(dl), _) => {
            put(&mut document, "id", &dl.document_id);
            put(&mut document, "type", "dl");
            put(&mut document, "firstName", &dl.first_name);
            put(&mut document, "lastName", &dl.last_name);
            put(&mut document, "dob", &dl.date_of_birth);
            put(&mut document, "state", &dl.state);
            for (k, v) in [
                ("middleName", &dl.middle_name),
                ("doi", &dl.issue_date),
                ("doe", &dl.expiry_date),
                ("country", &dl.country),
                ("street", &dl.street),
                ("city", &dl.city),
                ("zipCode", &dl.zip_code),
                ("gender", &dl.gender),
            ] {
                if let Some(v) = v {
                    put(&mut document, k, v);
                }
            }
        }
        (None, Some(travel)) => {
            put(&mut document, "id", &travel.document_id);
            put(&mut document, "type", travel.kind.wire());
            put(&mut document, "firstName", &travel.first_name);
            put(&mut document, "lastName", &travel.last_name);
            put(&mut document, "doe", &travel.expiry_date);
            put(&mut document, "country", &travel.country);
            for (k, v) in [
                ("middleName", &travel.middle_name),
                ("dob", &travel.date_of_birth),
                ("gender", &travel.gender),
            ] {
                if let Some(v) = v {
                    put(&mut document, k, v);
                }
            }
        }
        (None, None) => {
            put(&mut document, "id", &uuid::Uuid::new_v4().to_string());
            put(&mut document, "type", "face");
        }
    }
    document
}

fn with_trailing_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

fn decrypt_json(endpoint: Endpoint, key: &SharedKey, data: &str) -> Result<Value, Error> {
    let plain = key
        .decrypt(data)
        .map_err(|source| Error::Envelope { endpoint, source })?;
    serde_json::from_slice(&plain).map_err(|e| Error::json(endpoint, &e))
}

fn status_error(endpoint: Endpoint, status: u16, body: &Value) -> Error {
    let message = ["message", "messages", "error"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_str))
        .or_else(|| {
            body.get("errors")
                .and_then(|e| e.get(0))
                .and_then(|e| e.get("message"))
                .and_then(Value::as_str)
        })
        .unwrap_or("")
        .chars()
        .take(200)
        .collect::<String>();
    match status {
        401 => Error::LicenseRejected { endpoint },
        404 => Error::NotFound { endpoint, message },
        400..=499 => Error::Rejected {
            endpoint,
            status,
            message,
        },
        _ => Error::Server { endpoint, status },
    }
}

/// A request that did not get an answer (the URL is left out: it can carry tenant names).
fn transport(endpoint: Endpoint, error: reqwest::Error) -> Error {
    Error::Transport {
        endpoint,
        source: error.without_url(),
    }
}

/// Whether a DocuVerify answer must come encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    /// Results and `/verify`: always `{data, publicKey}` on success.
    Encrypted,
    /// Create-session: plain in every sample, "encrypted" in one text; both are taken.
    EncryptedOrPlain,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DlFields, TravelDocumentFields, TravelDocumentKind};

    fn request() -> VerifyRequest {
        VerifyRequest {
            journey: Journey::KycWithSelfie,
            selfie_jpeg: Zeroizing::new(vec![0xFF, 0xD8, 1, 0xFF, 0xD9]),
            portrait_jpeg: Some(Zeroizing::new(vec![0xFF, 0xD8, 2, 0xFF, 0xD9])),
            driver_license: None,
            travel_document: None,
        }
    }

    fn passport() -> TravelDocumentFields {
        TravelDocumentFields {
            kind: TravelDocumentKind::Passport,
            document_id: "L898902C3".into(),
            first_name: "ALEX".into(),
            last_name: "SAMPLE".into(),
            middle_name: Some("JORDAN".into()),
            date_of_birth: Some("19860607".into()),
            expiry_date: "20310415".into(),
            country: "UTO".into(),
            gender: None,
        }
    }

    #[test]
    fn a_passport_s_fields_go_in_the_document_without_a_check_of_their_own() {
        let mut request = request();
        request.travel_document = Some(passport());
        let document = verify_document(&request);
        let text = |k: &str| document.get(k).and_then(Value::as_str).map(str::to_owned);
        assert_eq!(text("id").as_deref(), Some("L898902C3"));
        assert_eq!(text("type").as_deref(), Some("ppt"));
        assert_eq!(text("firstName").as_deref(), Some("ALEX"));
        assert_eq!(text("middleName").as_deref(), Some("JORDAN"));
        assert_eq!(text("lastName").as_deref(), Some("SAMPLE"));
        assert_eq!(text("dob").as_deref(), Some("19860607"));
        assert_eq!(text("doe").as_deref(), Some("20310415"));
        assert_eq!(text("country").as_deref(), Some("UTO"));
        assert_eq!(text("gender"), None);
        assert!(text("image2").is_some() && text("liveId").is_some());
        assert_eq!(
            request.verifications(),
            [
                crate::model::Verification::FaceLiveness,
                crate::model::Verification::FaceCompare
            ]
        );
        assert!(!format!("{request:?} {:?}", passport()).contains("SAMPLE"));
        // An ID card says so.
        let mut card = passport();
        card.kind = TravelDocumentKind::IdCard;
        request.travel_document = Some(card);
        assert_eq!(
            verify_document(&request)
                .get("type")
                .and_then(Value::as_str),
            Some("idcard")
        );
    }

    #[test]
    fn a_licence_s_fields_take_precedence_and_a_selfie_alone_is_a_face() {
        let mut request = request();
        request.driver_license = Some(DlFields {
            document_id: "D1234567".into(),
            state: "CA".into(),
            ..Default::default()
        });
        request.travel_document = Some(passport());
        let document = verify_document(&request);
        assert_eq!(document.get("type").and_then(Value::as_str), Some("dl"));
        assert_eq!(document.get("id").and_then(Value::as_str), Some("D1234567"));
        let document = verify_document(&VerifyRequest {
            driver_license: None,
            travel_document: None,
            ..request
        });
        assert_eq!(document.get("type").and_then(Value::as_str), Some("face"));
    }
}
