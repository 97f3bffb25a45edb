//! What a callback must look like before it is kept (reference `entra-verified-id.md` §2.3,
//! §4): a JSON object whose `requestId`, `requestStatus` and `state` are strings, with an
//! `api-key` header. Everything else in the body is passed on untouched for the kiosk to read.
//!
//! `requestStatus` is checked for its shape (lower-case words joined by `_`), not against the
//! five documented values: a status Entra adds later still reaches the kiosk, which ignores what
//! it does not know, instead of becoming a 400 that the wallet might show as an error.

use serde::Deserialize;

/// Largest callback body accepted: reference §7, "Callback result: up to 10 MB without
/// receipt". Presentation callbacks (`presentation_verified`) carry the verified claims, which
/// may include a photo (up to 1 MB in the credential, a third more once base64-encoded), and a
/// receipt when asked for; issuance callbacks are a few hundred bytes. The relay cannot tell
/// which kind a kiosk asked for, so it takes the larger, documented limit.
pub const MAX_CALLBACK_BODY_BYTES: usize = 10 * 1024 * 1024;

/// Longest `api-key` header value accepted. The kiosk sends a UUID-sized random key; Entra
/// returns it unchanged.
pub const MAX_API_KEY_BYTES: usize = 512;

const MAX_REQUEST_ID_BYTES: usize = 256;
const MAX_REQUEST_STATUS_BYTES: usize = 64;
const MAX_STATE_BYTES: usize = 1024;

/// Why a body was refused (all answered 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("the body is not a JSON object")]
    NotJsonObject,
    #[error("the body's `{0}` is missing or not a string")]
    MissingField(&'static str),
    #[error("the body's `{0}` is empty, too long or malformed")]
    BadField(&'static str),
}

/// The parts of a well-formed callback that may be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCallback {
    pub request_status: String,
}

#[derive(Deserialize)]
struct Fields {
    #[serde(rename = "requestId")]
    request_id: Option<String>,
    #[serde(rename = "requestStatus")]
    request_status: Option<String>,
    state: Option<String>,
}

/// Checks a callback body; see the module comment.
pub fn check_callback_body(body: &[u8]) -> Result<CheckedCallback, ShapeError> {
    // serde would also read a struct from a JSON array: insist on an object.
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err(ShapeError::NotJsonObject);
    }
    let fields: Fields = serde_json::from_slice(body).map_err(|error| {
        if error.is_data() {
            // A field of the wrong type, or a duplicate field.
            ShapeError::BadField("requestId/requestStatus/state")
        } else {
            ShapeError::NotJsonObject
        }
    })?;
    let request_id = fields
        .request_id
        .ok_or(ShapeError::MissingField("requestId"))?;
    let request_status = fields
        .request_status
        .ok_or(ShapeError::MissingField("requestStatus"))?;
    let state = fields.state.ok_or(ShapeError::MissingField("state"))?;
    if request_id.is_empty() || request_id.len() > MAX_REQUEST_ID_BYTES {
        return Err(ShapeError::BadField("requestId"));
    }
    if !is_status_shaped(&request_status) {
        return Err(ShapeError::BadField("requestStatus"));
    }
    if state.len() > MAX_STATE_BYTES {
        return Err(ShapeError::BadField("state"));
    }
    Ok(CheckedCallback { request_status })
}

/// `request_retrieved`, `issuance_successful`, …: a lower-case letter, then letters and `_`.
fn is_status_shaped(status: &str) -> bool {
    let bytes = status.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_REQUEST_STATUS_BYTES
        && bytes[0].is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || *b == b'_')
}

/// Whether an `api-key` header value can be kept: present, visible ASCII, not too long.
pub fn is_api_key_shaped(value: &[u8]) -> bool {
    !value.is_empty()
        && value.len() <= MAX_API_KEY_BYTES
        && value.iter().all(|b| (0x21..=0x7e).contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_callbacks_are_accepted() {
        // Reference §4.2 examples.
        let examples: [&[u8]; 3] = [
            br#"{ "requestId": "799f23ea-5241-45af-99ad-cf8e5018814e", "requestStatus": "request_retrieved", "state": "de19cb6b-36c1-45fe-9409-909a51292a9c" }"#,
            br#"{ "requestId": "799f23ea", "requestStatus": "issuance_error", "state": "de19cb6b",
                  "error": { "code": "IssuanceFlowFailed", "message": "issuance_service_error" } }"#,
            br#"{"requestId":"e4ef","requestStatus":"presentation_verified","state":"92d0","subject":"did:web:x",
                 "verifiedCredentialsData":[{"issuer":"did:web:i","type":["VerifiableCredential"],"claims":{"photo":"AAAA"},
                 "faceCheck":{"matchConfidenceScore":86.314159,"sourcePhotoQuality":"HIGH"}}],
                 "receipt":{"id_token":"eyJ...","vp_token":["a","b"]}}"#,
        ];
        for body in examples {
            assert!(check_callback_body(body).is_ok());
        }
    }

    #[test]
    fn other_bodies_are_refused() {
        let cases: [(&[u8], ShapeError); 8] = [
            (b"", ShapeError::NotJsonObject),
            (b"[1]", ShapeError::NotJsonObject),
            (
                br#"["r","request_retrieved","s"]"#,
                ShapeError::NotJsonObject,
            ),
            (b"{\"requestId\":", ShapeError::NotJsonObject),
            (
                br#"{"requestStatus":"request_retrieved","state":"s"}"#,
                ShapeError::MissingField("requestId"),
            ),
            (
                br#"{"requestId":"r","state":"s"}"#,
                ShapeError::MissingField("requestStatus"),
            ),
            (
                br#"{"requestId":"r","requestStatus":"Request Retrieved","state":"s"}"#,
                ShapeError::BadField("requestStatus"),
            ),
            (
                br#"{"requestId":"","requestStatus":"request_retrieved","state":"s"}"#,
                ShapeError::BadField("requestId"),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(
                check_callback_body(body),
                Err(expected),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        assert!(
            check_callback_body(br#"{"requestId":7,"requestStatus":"x","state":"s"}"#).is_err()
        );
        assert!(check_callback_body(
            br#"{"requestId":"a","requestId":"b","requestStatus":"x","state":"s"}"#
        )
        .is_err());
        let deep = format!(
            "{{\"requestId\":\"r\",\"requestStatus\":\"x\",\"state\":\"s\",\"n\":{}{}}}",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        // Unknown fields are skipped without recursion: deep nesting never overflows the stack.
        let _ = check_callback_body(deep.as_bytes());
    }

    #[test]
    fn api_keys_are_visible_ascii() {
        assert!(is_api_key_shaped(b"3f1c2d9e-8a7b-4c6d-9e0f-112233445566"));
        assert!(!is_api_key_shaped(b""));
        assert!(!is_api_key_shaped(b"with space"));
        assert!(!is_api_key_shaped(&[b'a'; 513]));
    }
}
