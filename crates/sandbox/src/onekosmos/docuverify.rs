//! Discovery and DocuVerify handlers: header checks, body decryption, sessions, results, /verify.

// Validation steps end in a ready HTTP answer; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha512};

use super::{crypto, AnswerFault, SandboxJourney, SessionRecord, SessionState, Shared};

type Answer = Result<Response, Response>;

fn plain(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

fn bad(message: &str) -> Response {
    plain(
        StatusCode::BAD_REQUEST,
        json!({"code": 400, "message": message}),
    )
}

fn count(shared: &Shared, route: &str) {
    *shared.state().calls.entry(route.into()).or_default() += 1;
}

pub async fn community_info(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    count(&shared, "community_info");
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let dns = request.get("dns").and_then(Value::as_str);
    let community = request.get("communityName").and_then(Value::as_str);
    if dns != Some(shared.config.tenant_dns.as_str())
        || community != Some(shared.config.community.as_str())
    {
        return plain(
            StatusCode::NOT_FOUND,
            json!({"code": 404, "message": "Tenant or community not found"}),
        );
    }
    plain(
        StatusCode::OK,
        json!({
            "tenant": {"id": "5f3d8d0cd0000000019cf968", "firstname": "Sandbox", "lastname": "Admin",
                "tenanttype": "master", "tenanttag": "sandbox", "name": "Sandbox",
                "otherDNS": [shared.config.tenant_dns], "displayTenantInfoForPersona": true},
            "community": {"id": "5f3d8d0cd0000000019cf969", "tenantid": "5f3d8d0cd0000000019cf968",
                "logo": "", "mobileLogo": "", "name": shared.config.community,
                "publicKey": crypto::public_key_b64(&shared.community_key.public_key()),
                "accountsPerPerson": 12, "personsPerAccount": 20, "personLimitRule": "reject", "otpSeed": null},
            "message": null
        }),
    )
}

pub async fn service_directory(State(shared): State<Arc<Shared>>) -> Response {
    count(&shared, "sd");
    let base = shared.base_url.as_str().trim_end_matches('/').to_string();
    let mut sd = serde_json::Map::new();
    for (name, path) in [
        ("sessions", "/sessions"),
        ("licenses", "/licenses"),
        ("global_caas", "/caas"),
        ("adminconsole", ""),
        ("authn", "/authn"),
        ("docuverify", "/docuverify"),
        ("vcs", "/vcs"),
        ("events", "/events"),
        ("idproofing", "/idproofing"),
        ("blockid_console", ""),
    ] {
        sd.insert(name.into(), Value::String(format!("{base}{path}")));
    }
    // Cluster-internal entries exactly as the published sample has them.
    sd.insert("idproofingapi".into(), json!("http://idproofing-api:8888"));
    sd.insert(
        "public_assets_upload_url".into(),
        json!("http://ipfs-cluster.static-nonprod:9095"),
    );
    sd.insert("1key_authserver".into(), json!("https://192.168.177.210"));
    plain(StatusCode::OK, Value::Object(sd))
}

pub async fn docuverify_key(State(shared): State<Arc<Shared>>) -> Response {
    count(&shared, "publickeys");
    plain(
        StatusCode::OK,
        json!({"publicKey": crypto::public_key_b64(&shared.docuverify_key.public_key())}),
    )
}

pub async fn idproofing_key(State(shared): State<Arc<Shared>>) -> Response {
    plain(
        StatusCode::OK,
        json!({"publicKey": crypto::public_key_b64(&shared.idproofing_key.public_key())}),
    )
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn undecryptable(param: &str) -> Response {
    plain(
        StatusCode::BAD_REQUEST,
        json!({"code": 400, "message": "This header can't be decrypted",
               "errors": [{"message": "This header can't be decrypted", "param": param}]}),
    )
}

/// Who called: their public key and the key shared with them.
struct Caller {
    public: k256::PublicKey,
    key: [u8; 32],
}

/// Checks `publickey`, `licensekey`, `requestid` and decrypts `{data}`: the caller and the
/// decrypted body.
fn authenticate(
    shared: &Shared,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(Caller, Value), Response> {
    let caller = header(headers, "publickey")
        .and_then(crypto::parse_public_key)
        .ok_or_else(|| bad("publickey header is missing or invalid"))?;
    let key = crypto::shared_key(&shared.docuverify_key, &caller);
    let license = header(headers, "licensekey")
        .and_then(|h| crypto::decrypt(&key, h))
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| undecryptable("licensekey"))?;
    if !shared.config.license_keys.contains(&license) {
        return Err(plain(
            StatusCode::UNAUTHORIZED,
            json!({"statusCode": 401, "code": 401, "messages": "Invalid or Unauthorized License"}),
        ));
    }
    let request_id: Value = header(headers, "requestid")
        .and_then(|h| crypto::decrypt(&key, h))
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| undecryptable("requestid"))?;
    let uuid = request_id
        .get("uuid")
        .and_then(Value::as_str)
        .filter(|u| !u.is_empty())
        .ok_or_else(|| bad("RequestId is required."))?;
    let ts = request_id
        .get("ts")
        .and_then(Value::as_i64)
        .ok_or_else(|| bad("RequestId ts is required."))?;
    // [I] The window and wording are the stand-in's; the reference only infers the check.
    if (shared.now() - ts).unsigned_abs() > shared.config.ts_window.as_secs() {
        return Err(bad(
            "RequestId has expired (ts outside the allowed window).",
        ));
    }
    if !shared.state().seen_uuids.insert(uuid.to_string()) {
        return Err(bad("RequestId has already been used."));
    }
    let envelope: Value = serde_json::from_slice(body).map_err(|_| bad("data is required"))?;
    let data = envelope
        .get("data")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("data is required"))?;
    let decrypted = crypto::decrypt(&key, data)
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| bad("data can't be decrypted"))?;
    Ok((
        Caller {
            public: caller,
            key,
        },
        decrypted,
    ))
}

fn dvc_journey(shared: &Shared, body: &Value) -> Result<(String, SandboxJourney), Response> {
    let dvc_id = match body.get("dvcID") {
        None | Some(Value::Null) => return Err(bad("dvcID is required")),
        Some(Value::String(s)) if s.is_empty() => {
            return Err(bad("dvcID is not allowed to be empty"))
        }
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(bad("dvcID must be a string")),
    };
    match shared.config.dvc_ids.get(&dvc_id) {
        Some(journey) => Ok((dvc_id, *journey)),
        None => Err(plain(
            StatusCode::NOT_FOUND,
            json!({"code": 404, "message": "dvcID not found"}),
        )),
    }
}

fn encrypted(shared: &Shared, caller: &Caller, payload: &Value) -> Response {
    let fault = shared.state().answer_fault.take();
    match fault {
        None => plain(
            StatusCode::OK,
            json!({"data": crypto::encrypt(&caller.key, payload.to_string().as_bytes()),
                   "publicKey": crypto::public_key_b64(&shared.docuverify_key.public_key())}),
        ),
        Some(AnswerFault::Plaintext) => plain(StatusCode::OK, payload.clone()),
        Some(AnswerFault::ForeignKey) => {
            let foreign = crypto::generate_key();
            let key = crypto::shared_key(&foreign, &caller.public);
            plain(
                StatusCode::OK,
                json!({"data": crypto::encrypt(&key, payload.to_string().as_bytes()),
                       "publicKey": crypto::public_key_b64(&foreign.public_key())}),
            )
        }
    }
}

pub async fn create_session(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    count(&shared, "create");
    create(&shared, &headers, &body).unwrap_or_else(|r| r)
}

fn create(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    let (_, body) = authenticate(shared, headers, body)?;
    let (dvc_id, journey) = dvc_journey(shared, &body)?;
    let request = body
        .get("sessionRequest")
        .ok_or_else(|| bad("sessionRequest is required"))?;
    let field = |k: &str| request.get(k).and_then(Value::as_str).unwrap_or("");
    if field("tenantDNS") != shared.config.tenant_dns {
        return Err(bad("tenantDNS is invalid"));
    }
    if field("communityName") != shared.config.community {
        return Err(bad("communityName is invalid"));
    }
    let document_type = field("documentType").to_string();
    if !matches!(
        document_type.as_str(),
        "dl_object" | "ppt_object" | "idcard_object"
    ) {
        return Err(bad(
            "documentType must be one of [dl_object, ppt_object, idcard_object]",
        ));
    }
    let session_id = uuid::Uuid::new_v4().to_string();
    let url = shared.url(&format!("idproofing/session/{session_id}"));
    let record = SessionRecord {
        session_id: session_id.clone(),
        dvc_id,
        journey,
        document_type,
        url: url.clone(),
        state: SessionState::Pending,
        expires_at: shared.now() + shared.config.session_lifetime.as_secs() as i64,
        user: request.get("user").cloned().unwrap_or(json!({})),
    };
    let mut state = shared.state();
    state.sessions.insert(session_id.clone(), record);
    state.order.push(session_id.clone());
    // Plain, as every published sample and helper shows.
    Ok(plain(
        StatusCode::OK,
        json!({"sessionId": session_id, "url": url}),
    ))
}

pub async fn result_v3(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    count(&shared, "result_v3");
    result(&shared, &headers, &body, false).unwrap_or_else(|r| r)
}

pub async fn result_legacy(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    count(&shared, "result_legacy");
    result(&shared, &headers, &body, true).unwrap_or_else(|r| r)
}

fn result(shared: &Shared, headers: &HeaderMap, body: &[u8], legacy: bool) -> Answer {
    let (caller, body) = authenticate(shared, headers, body)?;
    let (dvc_id, _) = dvc_journey(shared, &body)?;
    let session_id = body
        .get("sessionId")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| bad("sessionId is required"))?;
    let record = super::control::list(shared)
        .into_iter()
        .find(|s| s.session_id == session_id && s.dvc_id == dvc_id)
        .ok_or_else(|| {
            plain(
                StatusCode::NOT_FOUND,
                json!({"code": 404, "message": "Session not found"}),
            )
        })?;
    let payload = if legacy {
        legacy_payload(shared, &record)
    } else {
        v3_payload(shared, &record)
    };
    Ok(encrypted(shared, &caller, &payload))
}

fn session_data(record: &SessionRecord) -> Value {
    json!({"user": record.user, "documentType": record.document_type})
}

fn hex_128(seed: &str) -> String {
    Sha512::digest(seed.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An HS256 JWT with the `checks`/`result` structure of reference §3.3.
fn proof_jwt(shared: &Shared, checks: &[&str], document_type: &str, verified: bool) -> String {
    let now = shared.now();
    let result: serde_json::Map<String, Value> = checks
        .iter()
        .map(|c| (c.to_string(), json!({"verified": verified})))
        .collect();
    let payload = json!({
        "version": "1.0",
        "document": {"type": document_type, "documentId": "SANDBOX-DOC", "doe": "20340101",
            "hashes": {"id": hex_128("id"), "firstName": hex_128("fn"), "lastName": hex_128("ln"),
                       "zipCode": null, "state": null, "country": hex_128("c"), "dob": hex_128("dob"), "doi": null},
            "hash": hex_128("doc")},
        "checks": checks,
        "result": result,
        "connector": {"id": "000000000000000000000000"},
        "aud": shared.base_url.as_str(),
        "iss": shared.url("idproofing"),
        "jit": uuid::Uuid::new_v4().to_string(),
        "ts": now, "iat": now,
    });
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(payload.to_string());
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&shared.jwt_secret).expect("any key size");
    mac.update(format!("{header}.{body}").as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{header}.{body}.{signature}")
}

/// Tiny synthetic images (bare base64, no data: prefix): a JPEG SOI/EOI shell and a PNG signature.
const FAKE_JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 0xFF, 0xD9,
];
const FAKE_PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn names(record: &SessionRecord) -> (String, String) {
    let get = |k: &str, d: &str| {
        record
            .user
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or(d)
            .to_uppercase()
    };
    (get("firstname", "JORDAN"), get("lastname", "SAMPLE"))
}

fn document(shared: &Shared, record: &SessionRecord) -> Value {
    let (first, last) = names(record);
    let (document_type, kind, country) = match record.document_type.as_str() {
        "ppt_object" => ("PASSPORT", "ppt", "IN"),
        "dl_object" => ("DL", "dl", "US"),
        _ => ("RESIDENCE_PERMIT", "RESIDENCE_PERMIT", "ES"),
    };
    let mut checks = vec![
        "fraud_detection",
        "session_decision",
        "session_summary",
        "document_liveness_back",
        "document_liveness_front",
    ];
    if record.document_type == "ppt_object" {
        checks.retain(|c| *c != "document_liveness_back");
    }
    if record.journey == SandboxJourney::KycWithSelfie {
        checks.extend(["face_compare", "selfie_liveness"]);
    }
    let mut doc = json!({
        "category": "identity_document",
        "proofedBy": hex_128(&record.session_id),
        "documentType": document_type,
        "type": kind,
        "country": country,
        "image": STANDARD.encode(FAKE_JPEG),
        "face": STANDARD.encode(FAKE_PNG),
        "documentId": "SANDBOX-DOC",
        "id": "SANDBOX-DOC",
        "firstName": first,
        "familyName": last,
        "lastName": last,
        "complianceType": "F",
        "dob": "19900101",
        "doe": "20340101",
        "gender": "2",
        "proof_jwt": proof_jwt(shared, &checks, document_type, true),
    });
    if record.document_type == "ppt_object" {
        doc["mrzResult"] = json!(format!(
            "P<IND{last:<<39}\n{:<<44}\n",
            "SANDBOX00<4IND9001012F3401013"
        ));
    } else {
        doc["imageBack"] = json!(STANDARD.encode(FAKE_JPEG));
        doc["fullName"] = json!(format!("{first} {last}"));
        doc["doi"] = json!("20240101");
        doc["state"] = json!(if kind == "dl" { "CA" } else { "NONE" });
    }
    doc
}

fn error_info(record: &SessionRecord, reason_code: &str, now: i64) -> Value {
    if reason_code == "IDV0006" {
        // Sample (e): camelCase reasonCode.
        json!({"type": "ppt", "docType": "PPT", "docId": record.session_id, "ts": now * 1000,
               "status": 400, "message": "Unsupported document scanned. Verification could not be done.",
               "reason": "Unsupported document was presented", "reasonCode": reason_code})
    } else {
        let message = if reason_code == "IDV0010" {
            "Module 'firstname check' failed".to_string()
        } else {
            format!("Verification failed ({reason_code})")
        };
        json!({"status": 400, "message": message, "reason": message, "reason_code": reason_code})
    }
}

fn v3_payload(shared: &Shared, record: &SessionRecord) -> Value {
    let (first, last) = names(record);
    let extracted = json!({"documentType": "DOCUMENT", "documentId": "SANDBOX-DOC",
                           "firstName": first, "lastName": last, "doe": "20340101"});
    match &record.state {
        SessionState::Pending | SessionState::InProgress => {
            json!({"responseStatus": "INPROGRESS", "id": record.session_id})
        }
        SessionState::Succeeded => {
            let document = document(shared, record);
            let mut extracted = extracted;
            extracted["documentType"] = document["documentType"].clone();
            json!({"sessionResult": "SUCCESS", "sessionId": record.session_id,
                   "sessionData": session_data(record), "extractedInfo": extracted, "document": document})
        }
        SessionState::Failed { reason_code } => {
            let extracted = if reason_code == "IDV0006" {
                json!({})
            } else {
                extracted
            };
            json!({"sessionResult": "FAILED", "sessionId": record.session_id,
                   "sessionData": session_data(record), "extractedInfo": extracted,
                   "errorInfo": error_info(record, reason_code, shared.now())})
        }
        SessionState::Expired => {
            json!({"sessionResult": "EXPIRED", "sessionId": record.session_id})
        }
        SessionState::Abandoned => {
            json!({"sessionResult": "ABANDONED", "sessionId": record.session_id})
        }
    }
}

/// [I] The legacy path: `responseStatus` plus `<documentType>` and `liveid_object`
/// (BIDPollSessionResponse); the in-progress shape is the shared one.
fn legacy_payload(shared: &Shared, record: &SessionRecord) -> Value {
    match &record.state {
        SessionState::Pending | SessionState::InProgress => {
            json!({"responseStatus": "INPROGRESS", "id": record.session_id})
        }
        SessionState::Succeeded => {
            let mut payload = json!({"responseStatus": "SUCCESS", "sessionId": record.session_id});
            payload[record.document_type.as_str()] = document(shared, record);
            if record.journey == SandboxJourney::KycWithSelfie {
                payload["liveid_object"] = json!({"id": record.session_id, "type": "liveid",
                    "category": "identity_document", "proofedBy": hex_128(&record.session_id),
                    "face": STANDARD.encode(FAKE_JPEG)});
            }
            payload
        }
        SessionState::Failed { reason_code } => json!({"responseStatus": "FAILED",
            "sessionId": record.session_id, "errorInfo": error_info(record, reason_code, shared.now())}),
        SessionState::Expired => {
            json!({"responseStatus": "EXPIRED", "sessionId": record.session_id})
        }
        SessionState::Abandoned => {
            json!({"responseStatus": "ABANDONED", "sessionId": record.session_id})
        }
    }
}

pub async fn verify(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    count(&shared, "verify");
    verify_inner(&shared, &headers, &body).unwrap_or_else(|r| r)
}

fn is_b64(document: &Value, key: &str) -> bool {
    document
        .get(key)
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty() && STANDARD.decode(s).is_ok())
}

fn verify_inner(shared: &Shared, headers: &HeaderMap, body: &[u8]) -> Answer {
    let (caller, body) = authenticate(shared, headers, body)?;
    dvc_journey(shared, &body)?;
    let verifications: Vec<String> = body
        .get("verifications")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .filter(|v: &Vec<String>| !v.is_empty())
        .ok_or_else(|| bad("verifications is required"))?;
    let document = body
        .get("document")
        .filter(|d| d.is_object())
        .ok_or_else(|| bad("document is required"))?;
    for required in ["id", "type"] {
        if document
            .get(required)
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
        {
            return Err(bad(&format!("document.{required} is required")));
        }
    }
    let mut certifications = Vec::new();
    for verification in &verifications {
        let (ok, authority) = match verification.as_str() {
            "face_liveness" => (is_b64(document, "liveId"), "IDRND"),
            "face_compare" => (
                is_b64(document, "image1") && is_b64(document, "image2"),
                "1Kosmos",
            ),
            "dl_verify" => (
                ["firstName", "lastName", "dob", "state"].iter().all(|k| {
                    document
                        .get(*k)
                        .and_then(Value::as_str)
                        .is_some_and(|v| !v.is_empty())
                }),
                "AAMVA",
            ),
            other => return Err(bad(&format!("verification {other} is not supported"))),
        };
        if !ok {
            return Err(bad(&format!("document fields missing for {verification}")));
        }
        if shared.state().verify_omissions.remove(verification) {
            continue;
        }
        let failure = shared.state().verify_failures.remove(verification);
        let mut cert = json!({
            "type": verification,
            "verified": failure.is_none(),
            "status": if failure.is_none() { 200 } else { 400 },
            "token": uuid::Uuid::new_v4().to_string(),
            "authority": authority,
            "proof_jwt": proof_jwt(shared, &[verification.as_str()], "face", failure.is_none()),
            "metadata": {},
        });
        if let Some(code) = failure {
            // [I] Where a failed certification carries its code is unpublished.
            cert["reason_code"] = json!(code);
            cert["message"] = json!(format!("{verification} failed"));
        }
        certifications.push(cert);
    }
    Ok(encrypted(
        shared,
        &caller,
        &json!({"docId": document.get("id"), "docType": document.get("type"),
                "certifications": certifications}),
    ))
}
