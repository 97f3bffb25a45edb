//! [`VerifiedIdClient`]: token, issuance and presentation requests, manifest check.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use reqwest::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER};
use reqwest::RequestBuilder;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use url::Url;

use crate::config::{ConfigError, IssuerConfig, RetryPolicy, DEFAULT_TOKEN_REFRESH_MARGIN};
use crate::error::{Endpoint, Error, ServiceError, TokenError};
use crate::manifest::{read_manifest, ManifestCheck};
use crate::random;
use crate::requests::{
    CallbackSpec, CallbackTarget, CreatedBody, IssuanceOffer, IssuanceRequestBody, PinSpec,
    PresentationOffer, PresentationRequest, Registration,
};
use crate::token::{read_token_answer, LeasedToken, TokenCache};

/// The scope of the Verified ID Request Service (reference §1).
pub const REQUEST_SERVICE_SCOPE: &str = "3db474b9-6a0c-4840-96ac-1fceb342124f/.default";

/// Largest request body the service accepts (reference §7).
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

/// Largest answer read from the token endpoint or the Request Service. Their documented answers
/// (reference §1, §2.2, §2.4, §3.2) are small JSON objects: a token of a few kB, `requestId`,
/// `url`, `expiry`, an error object; the largest, a `qrCode` PNG data URI, is not asked for.
/// Bodies are counted while they stream in; a larger one is refused, not read to its end.
pub const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// Largest credential manifest read (reference §5.1, §6: `{"token": "<JWS>"}` with the display
/// and rules definitions, which name logos by URL). Counted while streaming, like
/// [`MAX_RESPONSE_BYTES`].
pub const MAX_MANIFEST_BYTES: usize = 1024 * 1024;

/// Largest `Retry-After` believed (and reported in [`ServiceError::retry_after`]): an hour. The
/// client itself waits at most [`crate::MAX_RETRY_WAIT`].
pub const MAX_REPORTED_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);

/// A client for one tenant and app registration. Cheap to share (`Arc`); concurrent calls share
/// one cached access token.
pub struct VerifiedIdClient {
    config: IssuerConfig,
    http: reqwest::Client,
    tokens: TokenCache,
    retry: RetryPolicy,
    token_url: Url,
    issuance_url: Url,
    presentation_url: Url,
}

/// One HTTP answer after retries.
struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

impl VerifiedIdClient {
    /// Checks the configuration and builds a client. `http` should come from
    /// [`crate::http_client`] (it installs the TLS provider).
    pub fn new(config: IssuerConfig, http: reqwest::Client) -> Result<Self, ConfigError> {
        config.validate()?;
        let authority = with_trailing_slash(config.authority_host.clone());
        let service = with_trailing_slash(config.request_service.clone());
        let token_url = authority
            .join(&format!("{}/oauth2/v2.0/token", config.tenant_id))
            .map_err(|_| ConfigError::NotHttps {
                field: "Authority host",
                url: config.authority_host.to_string(),
            })?;
        let join = |path: &str| {
            service.join(path).map_err(|_| ConfigError::NotHttps {
                field: "Request Service URL",
                url: config.request_service.to_string(),
            })
        };
        let issuance_url = join("verifiableCredentials/createIssuanceRequest")?;
        let presentation_url = join("verifiableCredentials/createPresentationRequest")?;
        Ok(Self {
            config,
            http,
            tokens: TokenCache::new(DEFAULT_TOKEN_REFRESH_MARGIN),
            retry: RetryPolicy::default(),
            token_url,
            issuance_url,
            presentation_url,
        })
    }

    /// Replaces the retry policy for 429 and 5xx answers.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long before expiry the access token is replaced (default 5 minutes).
    pub fn with_token_refresh_margin(mut self, margin: Duration) -> Self {
        self.tokens = TokenCache::new(margin);
        self
    }

    pub fn config(&self) -> &IssuerConfig {
        &self.config
    }

    /// Asks `createIssuanceRequest` for an offer carrying these idTokenHint claims, with a PIN
    /// when configured, callbacks to `callback`, and no QR image (the kiosk draws its own).
    pub async fn create_issuance(
        &self,
        claims: &[(String, String)],
        callback: &CallbackTarget,
    ) -> Result<IssuanceOffer, Error> {
        let mut claim_map = BTreeMap::new();
        for (name, value) in claims {
            if name.trim().is_empty() || claim_map.insert(name.as_str(), value.as_str()).is_some() {
                return Err(Error::InvalidClaim { name: name.clone() });
            }
        }
        let plain_pin = self.config.pin_length.map(random::pin);
        let pin = plain_pin.as_ref().map(|pin| self.pin_spec(pin));
        let body = IssuanceRequestBody {
            authority: &self.config.issuer_did,
            include_qr_code: false,
            registration: Registration::named(self.config.client_name.clone()),
            callback: CallbackSpec(callback),
            credential_type: &self.config.credential_type,
            manifest: self.config.manifest_url.as_str(),
            pin,
            claims: claim_map,
        };
        let body = serde_json::to_vec(&body).expect("request body serializes");
        let created = self
            .call_service(Endpoint::CreateIssuanceRequest, &self.issuance_url, body)
            .await?;
        Ok(IssuanceOffer {
            request_id: created.request_id,
            url: created.url,
            expiry_unix: created.expiry,
            pin: plain_pin,
        })
    }

    /// Asks `createPresentationRequest` for an offer, with the same token handling, retries
    /// (429, 5xx), size caps and error parsing as [`VerifiedIdClient::create_issuance`]. The
    /// request is checked first ([`PresentationRequest::validate`]): one the service would
    /// refuse is [`Error::InvalidPresentationRequest`] and is not sent. Callbacks go to
    /// `request.callback`; expect them with
    /// [`crate::callback::CallbackReceiver::expect_presentation`] and read them with
    /// [`crate::PresentationPolicy::judge`].
    pub async fn create_presentation(
        &self,
        request: &PresentationRequest,
    ) -> Result<PresentationOffer, Error> {
        request.validate()?;
        let body = serde_json::to_vec(request).expect("request body serializes");
        let created = self
            .call_service(
                Endpoint::CreatePresentationRequest,
                &self.presentation_url,
                body,
            )
            .await?;
        Ok(PresentationOffer {
            request_id: created.request_id,
            url: created.url,
            expiry_unix: created.expiry,
        })
    }

    /// Fetches the manifest and checks that its issuer is the configured Issuer DID (see
    /// [`crate::manifest`] for what is and is not verified).
    pub async fn check_manifest(&self) -> Result<ManifestCheck, Error> {
        let url = self.config.manifest_url.clone();
        let answer = self
            .send_with_retries(Endpoint::Manifest, || self.http.get(url.clone()))
            .await?;
        if !(200..300).contains(&answer.status) {
            return Err(service_failure(Endpoint::Manifest, answer));
        }
        let check = read_manifest(&answer.body).map_err(|problem| Error::UnexpectedResponse {
            endpoint: Endpoint::Manifest,
            status: answer.status,
            detail: problem.describe().into(),
        })?;
        if check.issuer_did != self.config.issuer_did {
            return Err(Error::ManifestIssuerMismatch {
                configured: self.config.issuer_did.clone(),
                manifest_issuer: check.issuer_did,
            });
        }
        Ok(check)
    }

    /// Gets an access token now (bypassing the cache), for the admin screen's *Test connection*.
    pub async fn check_credentials(&self) -> Result<(), Error> {
        self.fetch_token().await.map(|_| ())
    }

    fn pin_spec(&self, pin: &str) -> PinSpec {
        let length = pin.len() as u8;
        if self.config.hash_pin {
            // Reference §2.1: value = base64(SHA-256(UTF-8(salt + pin))), alg sha256, iterations 1.
            let salt = random::uuid_v4();
            let digest = Sha256::digest(format!("{salt}{pin}").as_bytes());
            PinSpec {
                value: STANDARD.encode(digest),
                length,
                kind: "numeric",
                salt: Some(salt),
                alg: Some("sha256"),
                iterations: Some(1),
            }
        } else {
            PinSpec {
                value: pin.to_string(),
                length,
                kind: "numeric",
                salt: None,
                alg: None,
                iterations: None,
            }
        }
    }

    /// POSTs a JSON body with the bearer token; on 401 drops the token and tries once more.
    async fn call_service(
        &self,
        endpoint: Endpoint,
        url: &Url,
        body: Vec<u8>,
    ) -> Result<CreatedBody, Error> {
        if body.len() > MAX_REQUEST_BYTES {
            return Err(Error::PayloadTooLarge { size: body.len() });
        }
        let mut token = self.token().await?;
        let mut refreshed = false;
        let answer = loop {
            let bearer = token.value.clone();
            let answer = self
                .send_with_retries(endpoint, || {
                    self.http
                        .post(url.clone())
                        .bearer_auth(bearer.expose_secret())
                        .header(CONTENT_TYPE, "application/json")
                        .body(body.clone())
                })
                .await?;
            if answer.status == 401 && !refreshed {
                tracing::info!(%endpoint, "access token refused; fetching a new one and retrying once");
                self.tokens.invalidate(token.generation).await;
                token = self.token().await?;
                refreshed = true;
                continue;
            }
            break answer;
        };
        if !(200..300).contains(&answer.status) {
            return Err(service_failure(endpoint, answer));
        }
        serde_json::from_slice::<CreatedBody>(&answer.body).map_err(|_| Error::UnexpectedResponse {
            endpoint,
            status: answer.status,
            detail: "the body lacks requestId, url or expiry".into(),
        })
    }

    async fn token(&self) -> Result<LeasedToken, Error> {
        self.tokens.get(|| self.fetch_token()).await
    }

    async fn fetch_token(&self) -> Result<(SecretString, Duration), Error> {
        let answer = self
            .send_with_retries(Endpoint::Token, || {
                self.http.post(self.token_url.clone()).form(&[
                    ("client_id", self.config.client_id.as_str()),
                    ("scope", REQUEST_SERVICE_SCOPE),
                    ("client_secret", self.config.client_secret.expose_secret()),
                    ("grant_type", "client_credentials"),
                ])
            })
            .await?;
        if answer.status != 200 {
            return Err(match TokenError::parse(answer.status, &answer.body) {
                Some(error) => Error::Token(error),
                None => unexpected(Endpoint::Token, &answer),
            });
        }
        read_token_answer(&answer.body).map_err(|problem| Error::UnexpectedResponse {
            endpoint: Endpoint::Token,
            status: answer.status,
            detail: problem.into(),
        })
    }

    /// Sends, retrying 429 and 5xx with jittered backoff that honours `Retry-After`.
    async fn send_with_retries(
        &self,
        endpoint: Endpoint,
        request: impl Fn() -> RequestBuilder,
    ) -> Result<Answer, Error> {
        let mut retry = 0;
        loop {
            let response = request()
                .send()
                .await
                .map_err(|source| Error::Transport { endpoint, source })?;
            let status = response.status().as_u16();
            let retry_after = parse_retry_after(response.headers(), SystemTime::now());
            let cap = max_response_bytes(endpoint);
            let body = read_capped(response, cap)
                .await
                .map_err(|source| Error::Transport { endpoint, source })?
                .ok_or_else(|| Error::UnexpectedResponse {
                    endpoint,
                    status,
                    detail: format!("the body is larger than the {cap} bytes accepted"),
                })?;
            let answer = Answer {
                status,
                retry_after,
                body,
            };
            let transient = status == 429 || (500..600).contains(&status);
            if !transient || retry >= self.retry.max_retries {
                return Ok(answer);
            }
            let Some(delay) = self
                .retry
                .delay(retry, retry_after, random::unit_interval())
            else {
                return Ok(answer);
            };
            tracing::info!(%endpoint, status, retry = retry + 1, delay_ms = delay.as_millis() as u64, "transient answer; retrying");
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }
}

fn max_response_bytes(endpoint: Endpoint) -> usize {
    match endpoint {
        Endpoint::Manifest => MAX_MANIFEST_BYTES,
        Endpoint::Token | Endpoint::CreateIssuanceRequest | Endpoint::CreatePresentationRequest => {
            MAX_RESPONSE_BYTES
        }
    }
}

/// The body, or `None` when it is larger than `cap`: a larger declared `Content-Length` is refused
/// before reading, and a body without one is counted chunk by chunk and dropped (closing the
/// connection) as soon as it goes over.
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Option<Vec<u8>>, reqwest::Error> {
    let declared = response.content_length().unwrap_or(0);
    if declared > cap as u64 {
        return Ok(None);
    }
    let mut body = Vec::with_capacity(declared as usize);
    while let Some(chunk) = response.chunk().await? {
        if chunk.len() > cap - body.len() {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

fn with_trailing_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

fn service_failure(endpoint: Endpoint, answer: Answer) -> Error {
    match ServiceError::parse(answer.status, &answer.body, answer.retry_after) {
        Some(error) => Error::Service(error),
        None => unexpected(endpoint, &answer),
    }
}

/// An answer in no documented shape. Its text is not kept: the error is shown and logged, and
/// a body could echo what was sent (claims); only its size and shape are described.
fn unexpected(endpoint: Endpoint, answer: &Answer) -> Error {
    let detail = if answer.body.is_empty() {
        "empty body".to_string()
    } else if serde_json::from_slice::<serde_json::Value>(&answer.body).is_ok() {
        format!("{} bytes of JSON in no documented shape", answer.body.len())
    } else {
        format!("{} bytes that are not JSON", answer.body.len())
    };
    Error::UnexpectedResponse {
        endpoint,
        status: answer.status,
        detail,
    }
}

/// `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), at most
/// [`MAX_REPORTED_RETRY_AFTER`] (so that adding it to a clock cannot overflow).
pub(crate) fn parse_retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = if value.bytes().all(|b| b.is_ascii_digit()) && !value.is_empty() {
        // Digits only: seconds, however many (a value past u64 is just "very long").
        value
            .parse::<u64>()
            .map_or(MAX_REPORTED_RETRY_AFTER, Duration::from_secs)
    } else {
        let when = httpdate::parse_http_date(value).ok()?;
        when.duration_since(now).unwrap_or(Duration::ZERO)
    };
    Some(wait.min(MAX_REPORTED_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_651_231_219); // Fri, 29 Apr 2022 11:20:19 GMT
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("120"));
        assert_eq!(
            parse_retry_after(&headers, now),
            Some(Duration::from_secs(120))
        );
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Fri, 29 Apr 2022 11:20:49 GMT"),
        );
        assert_eq!(
            parse_retry_after(&headers, now),
            Some(Duration::from_secs(30))
        );
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Fri, 29 Apr 2022 11:00:00 GMT"),
        );
        assert_eq!(parse_retry_after(&headers, now), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(parse_retry_after(&headers, now), None);
    }

    #[test]
    fn retry_after_is_clamped_to_an_hour() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_651_231_219);
        let mut headers = HeaderMap::new();
        for huge in [
            "18446744073709551615",
            "99999999999999999999999",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            headers.insert(RETRY_AFTER, HeaderValue::from_static(huge));
            assert_eq!(
                parse_retry_after(&headers, now),
                Some(MAX_REPORTED_RETRY_AFTER),
                "{huge}"
            );
        }
    }
}
