//! `createIssuanceRequest` (reference §2) and `createPresentationRequest` (§3): validation with
//! the documented error bodies, then 201 `{requestId, url, expiry}` (plus `qrCode` when asked).
//!
//! Order of checks: scripted fault, body size (413), bearer token (401), JSON, then fields.
//! Messages marked UNCONFIRMED below are plausible wordings; codes and targets follow the
//! reference.

// Validation steps end in a ready HTTP answer; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use url::{Host, Url};

use super::credentials::{AskedCredential, Constraint, IssuedPhoto};
use super::wire::{
    bad_field, check_bearer, read_body, service_error, service_fault, Inner, MAX_REQUEST_BODY,
};
use super::{
    now_unix, RequestKind, RequestRecord, RequestStatus, SandboxEndpoint, Shared, StoredRequest,
};

/// A smallest valid PNG (1×1), standing in for the QR image when `includeQRCode` is true.
const QR_PLACEHOLDER: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

pub async fn create_issuance_request(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let request = match admit(
        &shared,
        SandboxEndpoint::CreateIssuanceRequest,
        &headers,
        body,
    )
    .await
    {
        Ok(request) => request,
        Err(response) => return response,
    };
    match validate_issuance(&shared, &request) {
        Ok(accepted) => created(&shared, RequestKind::Issuance, accepted),
        Err(response) => response,
    }
}

pub async fn create_presentation_request(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let request = match admit(
        &shared,
        SandboxEndpoint::CreatePresentationRequest,
        &headers,
        body,
    )
    .await
    {
        Ok(request) => request,
        Err(response) => return response,
    };
    match validate_presentation(&shared, &request) {
        Ok(accepted) => created(&shared, RequestKind::Presentation, accepted),
        Err(response) => response,
    }
}

/// Fault, size, bearer token, JSON object.
async fn admit(
    shared: &Shared,
    endpoint: SandboxEndpoint,
    headers: &HeaderMap,
    body: Body,
) -> Result<Map<String, Value>, Response> {
    if let Some(fault) = shared.arrive(endpoint) {
        return Err(service_fault(fault));
    }
    let Some(bytes) = read_body(body, MAX_REQUEST_BODY).await else {
        return Err(service_error(StatusCode::PAYLOAD_TOO_LARGE, None));
    };
    check_bearer(shared, headers)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        // UNCONFIRMED wording.
        _ => Err(service_error(
            StatusCode::BAD_REQUEST,
            Some(Inner {
                code: "badOrMissingField",
                message: "The request body is not a valid JSON object.".into(),
                target: None,
            }),
        )),
    }
}

/// What a valid request leaves behind.
struct Accepted {
    callback: Callback,
    include_qr_code: bool,
    requested_type: Option<String>,
    /// A presentation request's `requestedCredentials`.
    asked: Vec<AskedCredential>,
    /// The issuance request's `claims` (none for a presentation), without the photo.
    claims: BTreeMap<String, String>,
    /// The issuance request's photo claim value, when the credential has one and it was sent.
    photo_value: Option<String>,
}

struct Callback {
    url: Url,
    state: String,
    headers: BTreeMap<String, String>,
}

fn validate_issuance(shared: &Shared, body: &Map<String, Value>) -> Result<Accepted, Response> {
    let include_qr_code = optional_bool(body, "includeQRCode")?;
    let callback = validate_callback(body.get("callback"), shared.config.allow_loopback_callbacks)?;
    validate_authority(shared, body)?;
    validate_registration(body)?;
    if let Some(kind) = body.get("type") {
        if !kind.is_string() {
            return Err(bad_field(
                "The request contains `type`, but it is not a string.",
                "type",
            ));
        }
    }
    validate_manifest(shared, body)?;
    if let Some(claims) = body.get("claims") {
        let valid = claims
            .as_object()
            .is_some_and(|map| map.values().all(Value::is_string));
        if !valid {
            // UNCONFIRMED wording.
            return Err(bad_field(
                "The request contains `claims`, but it is not an object of strings.",
                "claims",
            ));
        }
    }
    if let Some(pin) = body.get("pin") {
        validate_pin(pin)?;
    }
    if let Some(date) = body.get("expirationDate") {
        if !date.as_str().is_some_and(looks_like_iso_date_time) {
            // UNCONFIRMED wording.
            return Err(bad_field(
                "The request contains `expirationDate`, but it is not an ISO 8601 date-time.",
                "expirationDate",
            ));
        }
    }
    let claims: BTreeMap<String, String> = body
        .get("claims")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    // The rules' required mappings must be fed (reference §6: "required: true mappings make
    // the call fail if missing"). UNCONFIRMED wording.
    for required in shared.config.required_claims() {
        if claims.get(&required).is_none_or(|value| value.is_empty()) {
            return Err(bad_field(
                format!("The claim '{required}' is required by the credential's rules but is missing from the request."),
                "claims",
            ));
        }
    }
    // The photo travels apart: it is large, and the listing shows what it held instead.
    let mut claims = claims;
    let photo_value = shared
        .config
        .photo_claim()
        .and_then(|names| claims.remove(&names.input));
    Ok(Accepted {
        callback,
        include_qr_code,
        requested_type: body.get("type").and_then(Value::as_str).map(String::from),
        asked: Vec::new(),
        claims,
        photo_value,
    })
}

fn validate_presentation(shared: &Shared, body: &Map<String, Value>) -> Result<Accepted, Response> {
    let include_qr_code = optional_bool(body, "includeQRCode")?;
    let include_receipt = optional_bool(body, "includeReceipt")?;
    let callback = validate_callback(body.get("callback"), shared.config.allow_loopback_callbacks)?;
    validate_authority(shared, body)?;
    validate_registration(body)?;
    let Some(credentials) = body
        .get("requestedCredentials")
        .and_then(Value::as_array)
        .filter(|list| !list.is_empty())
    else {
        // UNCONFIRMED wording.
        return Err(bad_field(
            "The request does not contain `requestedCredentials`.",
            "requestedCredentials",
        ));
    };
    let mut asked = Vec::with_capacity(credentials.len());
    for credential in credentials {
        asked.push(validate_requested_credential(credential)?);
    }
    let face_check = asked.iter().any(|a| a.face_check.is_some());
    if face_check && include_receipt {
        // [FC]: a receipt cannot be requested with faceCheck. UNCONFIRMED wording.
        return Err(bad_field(
            "`includeReceipt` is not supported when the request includes faceCheck.",
            "includeReceipt",
        ));
    }
    if face_check && shared.state().face_check_billing_off {
        // The documented answer (reference §2.4, MyWorkID #19), target `authority`.
        return Err(bad_field(
            "Premium features cannot be used until billing is enabled by the admin. See https://aka.ms/fcbilling",
            "authority",
        ));
    }
    Ok(Accepted {
        callback,
        include_qr_code,
        requested_type: asked.first().map(|a| a.credential_type.clone()),
        asked,
        claims: BTreeMap::new(),
        photo_value: None,
    })
}

/// One `requestedCredentials[]` entry (reference §3.1). Messages are UNCONFIRMED wordings;
/// codes and targets follow the reference.
fn validate_requested_credential(credential: &Value) -> Result<AskedCredential, Response> {
    let Some(credential_type) = credential
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
    else {
        return Err(bad_field(
            "The requested credential does not contain a `type`.",
            "requestedCredentials.type",
        ));
    };
    let mut accepted_issuers = Vec::new();
    if let Some(issuers) = credential.get("acceptedIssuers") {
        let Some(list) = issuers.as_array() else {
            return Err(bad_field(
                "`acceptedIssuers` must be an array of strings.",
                "requestedCredentials.acceptedIssuers",
            ));
        };
        for issuer in list {
            match issuer.as_str() {
                Some(did) if is_did(did) => accepted_issuers.push(did.to_string()),
                Some(_) => {
                    return Err(bad_field(
                        "An accepted issuer is not a valid DID.",
                        "requestedCredentials.acceptedIssuers",
                    ))
                }
                None => {
                    return Err(bad_field(
                        "`acceptedIssuers` must be an array of strings.",
                        "requestedCredentials.acceptedIssuers",
                    ))
                }
            }
        }
    }
    let constraints = match credential.get("constraints") {
        None => Vec::new(),
        Some(constraints) => validate_constraints(constraints)?,
    };
    let configuration = credential.get("configuration");
    if configuration.is_some_and(|c| !c.is_object()) {
        return Err(bad_field(
            "`configuration` must be an object.",
            "requestedCredentials.configuration",
        ));
    }
    let validation = configuration.and_then(|c| c.get("validation"));
    let flag = |name: &'static str, target: &'static str| -> Result<bool, Response> {
        match validation.and_then(|v| v.get(name)) {
            None => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(bad_field(
                format!("The request contains `{name}`, but it is not boolean."),
                target,
            )),
        }
    };
    let allow_revoked = flag(
        "allowRevoked",
        "requestedCredentials.configuration.validation.allowRevoked",
    )?;
    flag(
        "validateLinkedDomain",
        "requestedCredentials.configuration.validation.validateLinkedDomain",
    )?;
    let face_check = match validation.and_then(|v| v.get("faceCheck")) {
        None => None,
        Some(check) => Some(validate_face_check(check)?),
    };
    Ok(AskedCredential {
        credential_type: credential_type.to_string(),
        accepted_issuers,
        constraints,
        allow_revoked,
        face_check,
    })
}

/// `did:<method>:<id>`.
fn is_did(value: &str) -> bool {
    let mut parts = value.splitn(3, ':');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some("did"), Some(method), Some(id))
            if !method.is_empty() && !id.is_empty() && !value.contains(char::is_whitespace)
    )
}

fn optional_bool(body: &Map<String, Value>, name: &'static str) -> Result<bool, Response> {
    match body.get(name) {
        None => Ok(false),
        Some(Value::Bool(value)) => Ok(*value),
        // The documented message (reference §2.4).
        Some(_) => Err(bad_field(
            format!("The request contains `{name}`, but it is not boolean."),
            name,
        )),
    }
}

fn validate_callback(value: Option<&Value>, allow_loopback: bool) -> Result<Callback, Response> {
    let Some(callback) = value.and_then(Value::as_object) else {
        // UNCONFIRMED wording; the reference says only that `callback` is mandatory.
        return Err(bad_field(
            "The request does not contain a callback.",
            "callback",
        ));
    };
    let Some(url) = callback
        .get("url")
        .and_then(Value::as_str)
        .and_then(|s| Url::parse(s).ok())
    else {
        return Err(bad_field(
            "The callback URL is missing or not a valid URL.",
            "callback.url",
        ));
    };
    let reach = classify_host(&url);
    if reach == Reach::Loopback && allow_loopback {
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(bad_field("URL must use https", "callback.url"));
        }
    } else if reach != Reach::Public {
        // The documented message (python #28).
        return Err(bad_field("URL must be public", "callback.url"));
    } else if url.scheme() != "https" {
        // UNCONFIRMED: whether public http:// is refused (every sample uses https).
        return Err(bad_field("URL must use https", "callback.url"));
    }
    let Some(state) = callback.get("state").and_then(Value::as_str) else {
        return Err(bad_field(
            "The callback does not contain a `state`.",
            "callback.state",
        ));
    };
    let mut headers = BTreeMap::new();
    match callback.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                let allowed = name.eq_ignore_ascii_case("api-key")
                    || name.eq_ignore_ascii_case("authorization");
                if !allowed {
                    // The reference: "Any other header throws an invalid callback header error".
                    return Err(bad_field(
                        format!("Invalid callback header '{name}'. Only 'api-key' and 'Authorization' are allowed."),
                        "callback.headers",
                    ));
                }
                let Some(value) = value.as_str() else {
                    return Err(bad_field(
                        format!("Invalid callback header '{name}': the value must be a string."),
                        "callback.headers",
                    ));
                };
                headers.insert(name.clone(), value.to_string());
            }
        }
        Some(_) => {
            return Err(bad_field(
                "Invalid callback header: `headers` must be an object.",
                "callback.headers",
            ))
        }
    }
    Ok(Callback {
        url,
        state: state.to_string(),
        headers,
    })
}

#[derive(Debug, PartialEq, Eq)]
enum Reach {
    Public,
    Loopback,
    Private,
}

fn classify_host(url: &Url) -> Reach {
    match url.host() {
        None => Reach::Private,
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                Reach::Loopback
            } else if !name.contains('.') || name.ends_with(".local") || name.ends_with(".internal")
            {
                Reach::Private
            } else {
                Reach::Public
            }
        }
        Some(Host::Ipv4(ip)) => classify_ip(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => classify_ip(IpAddr::V6(ip)),
    }
}

fn classify_ip(ip: IpAddr) -> Reach {
    match ip {
        IpAddr::V4(ip) if ip.is_loopback() => Reach::Loopback,
        IpAddr::V4(ip) => {
            let [a, b, ..] = ip.octets();
            let shared_space = a == 100 && (64..128).contains(&b);
            if ip.is_private()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_broadcast()
                || ip.is_documentation()
                || ip.is_multicast()
                || shared_space
                || ip == Ipv4Addr::new(0, 0, 0, 0)
            {
                Reach::Private
            } else {
                Reach::Public
            }
        }
        IpAddr::V6(ip) if ip.is_loopback() => Reach::Loopback,
        IpAddr::V6(ip) => {
            if let Some(v4) = ip.to_ipv4_mapped() {
                return classify_ip(IpAddr::V4(v4));
            }
            let first = ip.segments()[0];
            let unique_local = first & 0xfe00 == 0xfc00;
            let link_local = first & 0xffc0 == 0xfe80;
            if unique_local
                || link_local
                || ip.is_unspecified()
                || ip.is_multicast()
                || ip == Ipv6Addr::UNSPECIFIED
            {
                Reach::Private
            } else {
                Reach::Public
            }
        }
    }
}

fn validate_authority(shared: &Shared, body: &Map<String, Value>) -> Result<(), Response> {
    let authority = body.get("authority").and_then(Value::as_str).unwrap_or("");
    let is_did = authority.starts_with("did:web:") || authority.starts_with("did:ion:");
    if !is_did || authority != shared.config.issuer_did {
        // The documented message (azure-docs #97959).
        return Err(bad_field(
            "The request does not contain a valid authority DID.",
            "authority",
        ));
    }
    Ok(())
}

fn validate_registration(body: &Map<String, Value>) -> Result<(), Response> {
    match body.get("registration") {
        None => Ok(()),
        Some(Value::Object(map)) => {
            for field in ["clientName", "purpose", "logoUrl", "termsOfServiceUrl"] {
                if map.get(field).is_some_and(|v| !v.is_string()) {
                    return Err(bad_field(
                        format!(
                            "The request contains `registration.{field}`, but it is not a string."
                        ),
                        "registration",
                    ));
                }
            }
            Ok(())
        }
        Some(_) => Err(bad_field(
            "The request contains `registration`, but it is not an object.",
            "registration",
        )),
    }
}

/// The manifest must be this tenant's one contract; anything else cannot be fetched.
fn validate_manifest(shared: &Shared, body: &Map<String, Value>) -> Result<(), Response> {
    let Some(manifest) = body.get("manifest").and_then(Value::as_str) else {
        // UNCONFIRMED wording.
        return Err(bad_field(
            "The request does not contain a `manifest`.",
            "manifest",
        ));
    };
    let known = shared.manifest_url();
    let matches = Url::parse(manifest).is_ok_and(|mut url| {
        url.set_query(None);
        url.set_fragment(None);
        url == known
    });
    if !matches {
        // The documented message (azure-docs #97977): no target.
        return Err(service_error(
            StatusCode::BAD_REQUEST,
            Some(Inner {
                code: "badOrMissingField",
                message: "fetch_contract_error".into(),
                target: None,
            }),
        ));
    }
    Ok(())
}

/// PIN (reference §2.1): `length` 4..=16 (default 6); plain `value` is that many digits; a hashed
/// PIN needs `salt`, `alg` = `sha256`, `iterations` = 1.
fn validate_pin(pin: &Value) -> Result<(), Response> {
    let Some(pin) = pin.as_object() else {
        return Err(bad_field(
            "The request contains `pin`, but it is not an object.",
            "pin",
        ));
    };
    let length = match pin.get("length") {
        None => 6,
        Some(value) => match value.as_u64() {
            Some(length) => length,
            None => {
                return Err(bad_field(
                    "The request contains `pin.length`, but it is not an integer.",
                    "pin.length",
                ))
            }
        },
    };
    if !(4..=16).contains(&length) {
        // UNCONFIRMED wording; the limits are documented.
        return Err(bad_field(
            "The PIN length must be between 4 and 16.",
            "pin.length",
        ));
    }
    if let Some(kind) = pin.get("type") {
        if kind.as_str() != Some("numeric") {
            return Err(bad_field("The PIN type must be `numeric`.", "pin.type"));
        }
    }
    let Some(value) = pin.get("value").and_then(Value::as_str) else {
        return Err(bad_field(
            "The request does not contain `pin.value`.",
            "pin.value",
        ));
    };
    let hashed =
        pin.contains_key("alg") || pin.contains_key("salt") || pin.contains_key("iterations");
    if hashed {
        if !pin.get("salt").is_some_and(Value::is_string) {
            return Err(bad_field("A hashed PIN requires `salt`.", "pin.salt"));
        }
        if pin.get("alg").and_then(Value::as_str) != Some("sha256") {
            return Err(bad_field(
                "The PIN hash algorithm must be `sha256`.",
                "pin.alg",
            ));
        }
        if pin.get("iterations").and_then(Value::as_u64) != Some(1) {
            return Err(bad_field(
                "The PIN hash iterations must be 1.",
                "pin.iterations",
            ));
        }
        if value.is_empty() {
            return Err(bad_field("The hashed PIN value is empty.", "pin.value"));
        }
    } else if value.len() as u64 != length || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_field(
            "The PIN value must be numeric and as long as `pin.length`.",
            "pin.value",
        ));
    }
    Ok(())
}

/// Each constraint has `claimName` and exactly one of `values` (strings), `contains`,
/// `startsWith` (a string) — reference §3.1.
fn validate_constraints(constraints: &Value) -> Result<Vec<Constraint>, Response> {
    let Some(list) = constraints.as_array() else {
        return Err(bad_field(
            "`constraints` must be an array.",
            "requestedCredentials.constraints",
        ));
    };
    let mut parsed = Vec::with_capacity(list.len());
    for constraint in list {
        let Some(claim) = constraint
            .get("claimName")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
        else {
            return Err(bad_field(
                "A constraint does not contain `claimName`.",
                "requestedCredentials.constraints.claimName",
            ));
        };
        let claim = claim.to_string();
        let operators = ["values", "contains", "startsWith"]
            .iter()
            .filter(|op| constraint.get(**op).is_some())
            .count();
        if operators != 1 {
            return Err(bad_field(
                "A constraint must have exactly one of `values`, `contains` or `startsWith`.",
                "requestedCredentials.constraints",
            ));
        }
        let text = |name: &'static str, target: &'static str| {
            constraint
                .get(name)
                .and_then(Value::as_str)
                .map(String::from)
                .ok_or_else(|| bad_field(format!("`{name}` must be a string."), target))
        };
        parsed.push(if let Some(values) = constraint.get("values") {
            let values: Option<Vec<String>> = values
                .as_array()
                .filter(|l| !l.is_empty())
                .and_then(|l| l.iter().map(|v| v.as_str().map(String::from)).collect());
            let Some(values) = values else {
                return Err(bad_field(
                    "`values` must be a non-empty array of strings.",
                    "requestedCredentials.constraints.values",
                ));
            };
            Constraint::Values { claim, values }
        } else if constraint.get("contains").is_some() {
            Constraint::Contains {
                text: text("contains", "requestedCredentials.constraints.contains")?,
                claim,
            }
        } else {
            Constraint::StartsWith {
                text: text("startsWith", "requestedCredentials.constraints.startsWith")?,
                claim,
            }
        });
    }
    Ok(parsed)
}

/// `sourcePhotoClaimName` mandatory; `matchConfidenceThreshold` integer 50..=100, default 70
/// (reference §3.1, §7).
fn validate_face_check(check: &Value) -> Result<(String, u8), Response> {
    let Some(claim) = check
        .get("sourcePhotoClaimName")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
    else {
        return Err(bad_field(
            "faceCheck requires `sourcePhotoClaimName`.",
            "requestedCredentials.configuration.validation.faceCheck.sourcePhotoClaimName",
        ));
    };
    let threshold = match check.get("matchConfidenceThreshold") {
        None => 70,
        Some(threshold) => match threshold.as_u64().filter(|t| (50..=100).contains(t)) {
            Some(threshold) => threshold as u8,
            None => return Err(bad_field(
                "`matchConfidenceThreshold` must be an integer between 50 and 100.",
                "requestedCredentials.configuration.validation.faceCheck.matchConfidenceThreshold",
            )),
        },
    };
    Ok((claim.to_string(), threshold))
}

/// `yyyy-MM-ddTHH:mm:ss(.fff)Z`, loosely.
fn looks_like_iso_date_time(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && value.ends_with('Z')
}

fn created(shared: &Shared, kind: RequestKind, accepted: Accepted) -> Response {
    let request_id = uuid::Uuid::new_v4().to_string();
    let collection = match kind {
        RequestKind::Issuance => "issuanceRequests",
        RequestKind::Presentation => "presentationRequests",
    };
    let request_uri = format!(
        "{}v1.0/tenants/{}/verifiableCredentials/{collection}/{request_id}",
        shared.base_url, shared.config.tenant_id
    );
    let url = format!("openid-vc://?request_uri={request_uri}");
    let expiry = now_unix() + shared.config.request_lifetime.as_secs() as i64;
    {
        let mut state = shared.state();
        let created_seq = state.next_seq;
        state.next_seq += 1;
        state.requests.insert(
            request_id.clone(),
            StoredRequest {
                record: RequestRecord {
                    request_id: request_id.clone(),
                    kind,
                    url: url.clone(),
                    state: accepted.callback.state,
                    status: RequestStatus::Created,
                    expiry,
                    callback_url: accepted.callback.url.to_string(),
                    callback_header_names: accepted.callback.headers.keys().cloned().collect(),
                    callbacks: Vec::new(),
                    claims: accepted.claims,
                    photo: photo_summary(shared, accepted.photo_value.as_deref()),
                },
                callback_headers: accepted.callback.headers,
                requested_type: accepted.requested_type,
                asked: accepted.asked,
                photo_value: accepted.photo_value,
                created_seq,
            },
        );
    }
    let mut body = json!({ "requestId": request_id, "url": url, "expiry": expiry });
    if accepted.include_qr_code {
        body["qrCode"] = Value::from(QR_PLACEHOLDER);
    }
    (StatusCode::CREATED, axum::Json(body)).into_response()
}

/// What the listing shows of an issuance request's photo claim.
fn photo_summary(shared: &Shared, value: Option<&str>) -> Option<IssuedPhoto> {
    let claim = shared.config.photo_claim()?.output;
    Some(IssuedPhoto::read(&claim, value?).0)
}
