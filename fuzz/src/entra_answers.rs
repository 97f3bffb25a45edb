//! One HTTP answer body from Entra, read by every reader the Verified ID client has: the token
//! endpoint's OAuth error and its token, the Request Service's error, and the credential
//! manifest.
//!
//! Input: `[status: u16 LE][body…]`. Properties: no panic; a token's lifetime is at most a day
//! and can be added to the clock; an OAuth error's description is one line; a service error's
//! messages (which can quote a claim) never reach its `Display` or `Debug`; a plain manifest is
//! read for the issuer it names.

use std::time::Instant;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use verified_id::manifest::read_manifest;
use verified_id::{read_token_answer, Error, ServiceError, TokenError, MAX_TOKEN_LIFETIME};

/// Stands in for a service message in the `Display`/`Debug` check; no input is expected to hold it.
const CANARY: &str = "\u{1F50E}message-canary";

pub fn run(data: &[u8]) -> bool {
    let Some((status, body)) = data.split_first_chunk::<2>() else {
        return false;
    };
    let status = u16::from_le_bytes(*status);
    let mut read = false;

    if let Ok((_token, lifetime)) = read_token_answer(body) {
        read = true;
        assert!(lifetime <= MAX_TOKEN_LIFETIME, "{lifetime:?}");
        assert!(Instant::now().checked_add(lifetime).is_some());
    }

    if let Some(error) = TokenError::parse(status, body) {
        read = true;
        assert!(
            !error.description.contains(['\r', '\n']),
            "a description of several lines"
        );
        assert!(!error.advice().is_empty());
        let _ = error.to_string();
    }

    if let Some(mut error) = ServiceError::parse(status, body, None) {
        read = true;
        let _ = error.kind();
        if !String::from_utf8_lossy(body).contains(CANARY) {
            error.message = canary_like(&error.message);
            if let Some(inner) = &mut error.inner {
                inner.message = canary_like(&inner.message);
            }
            let error = Error::Service(error);
            for shown in [error.to_string(), format!("{error:?}")] {
                assert!(
                    !shown.contains(CANARY),
                    "a service message is shown: {shown}"
                );
            }
        }
    }

    if let Ok(manifest) = read_manifest(body) {
        read = true;
        assert_eq!(
            manifest.has_photo_claim,
            manifest.photo_claim_name.is_some()
        );
        let outer: Value = serde_json::from_slice(body).expect("a manifest read is JSON");
        if !outer.get("token").is_some_and(Value::is_string) {
            let named = outer
                .get("iss")
                .and_then(Value::as_str)
                .or_else(|| outer.pointer("/input/issuer").and_then(Value::as_str));
            assert_eq!(Some(manifest.issuer_did.as_str()), named);
        }
    }
    read
}

/// The canary in place of a message, keeping the words the error's kind is decided by.
fn canary_like(message: &str) -> String {
    let mut out = CANARY.to_string();
    for word in ["billing", "fetch_contract_error"] {
        if message.contains(word) {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

fn seed(status: u16, body: &Value) -> Vec<u8> {
    let mut out = status.to_le_bytes().to_vec();
    out.extend(body.to_string().into_bytes());
    out
}

/// The documented answers (reference §1, §2.4, §5.1), with fictional values.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let manifest = json!({
        "id": "VerifiedEnrollment",
        "iss": "did:web:verifiedid.contoso.com",
        "display": { "claims": {
            "vc.credentialSubject.firstName": { "type": "String", "label": "First name" },
            "vc.credentialSubject.photo": { "type": "image/jpg;base64url", "label": "Photo" }
        } }
    });
    let header = URL_SAFE_NO_PAD.encode(json!({ "alg": "ES256K" }).to_string());
    let token = format!(
        "{header}.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(manifest.to_string())
    );
    vec![
        (
            "token",
            seed(
                200,
                &json!({ "token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ0eXAi.fuzz" }),
            ),
        ),
        (
            "token-error",
            seed(
                401,
                &json!({ "error": "invalid_client",
                         "error_description": "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0000",
                         "error_codes": [7000215], "trace_id": "0000", "correlation_id": "1111" }),
            ),
        ),
        (
            "service-error",
            seed(
                400,
                &json!({ "requestId": "fuzz-request", "date": "Thu, 01 Jan 2026 00:00:00 GMT",
                         "error": { "code": "badRequest", "message": "The request is invalid.",
                                    "innererror": { "code": "badOrMissingField",
                                                    "message": "The callback url is not valid.",
                                                    "target": "callback.url" } } }),
            ),
        ),
        (
            "service-error-legacy",
            seed(
                400,
                &json!({ "requestId": "fuzz-request", "date": "x", "mscv": "y",
                         "error": { "code": "client_request.invalid_include_qr_code",
                                    "message": "includeQRCode is not a boolean" } }),
            ),
        ),
        ("manifest-token", seed(200, &json!({ "token": token }))),
        ("manifest-plain", seed(200, &manifest)),
    ]
}
