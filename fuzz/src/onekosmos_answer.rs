//! A decrypted 1Kosmos answer, read as a `/verify` outcome for any requested verifications
//! and as a hosted-session poll result (v3 and legacy).
//!
//! Input: `[requested][JSON…]`; the first byte picks up to three requested verifications.
//! Properties, checked against the raw JSON rather than the parser's reading of it: an approved
//! `/verify` outcome has every requested verification reported (by its `type`, or by position
//! when a certification has none) and every certification `verified: true`; a session reads as
//! succeeded only when its status says `SUCCESS`; its checks pass only when liveness, face match
//! and a document check were all reported and all verified.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use onekosmos::{
    parse_session_result, parse_verify_outcome, Endpoint, SessionResult, Verification,
};
use serde_json::{json, Value};

const VERIFICATIONS: [Verification; 3] = [
    Verification::FaceLiveness,
    Verification::FaceCompare,
    Verification::DlVerify,
];

/// Up to three verifications (repeats allowed), in the order the request lists them.
fn requested(selector: u8) -> Vec<Verification> {
    let mut digits = selector / 4;
    (0..selector % 4)
        .map(|_| {
            let v = VERIFICATIONS[usize::from(digits % 3)];
            digits /= 3;
            v
        })
        .collect()
}

pub fn run(data: &[u8]) -> bool {
    let Some((&selector, json)) = data.split_first() else {
        return false;
    };
    let Ok(answer) = serde_json::from_slice::<Value>(json) else {
        return false;
    };
    let requested = requested(selector);
    let mut read = false;
    if let Ok(outcome) = parse_verify_outcome(&requested, &answer) {
        read = true;
        if outcome.all_passed() {
            assert_approval_is_complete(&requested, &answer);
        }
    }
    for endpoint in [Endpoint::PollResult, Endpoint::PollResultLegacy] {
        if let Ok(SessionResult::Succeeded(identity)) =
            parse_session_result("fuzz-session", &answer, endpoint)
        {
            read = true;
            assert_eq!(
                status(&answer).map(str::to_ascii_uppercase).as_deref(),
                Some("SUCCESS"),
                "a session read as succeeded without saying so"
            );
            let checks = &identity.checks;
            if checks.all_passed() {
                let reported = |name: &str| checks.reported.get(name) == Some(&true);
                assert!(reported("selfie_liveness") && reported("face_compare"));
                assert!(checks.reported.len() > 2, "no document check reported");
                assert!(checks.reported.values().all(|v| *v));
            }
        }
    }
    read
}

/// The session status as the service sent it: `sessionResult`, else `responseStatus`.
fn status(answer: &Value) -> Option<&str> {
    ["sessionResult", "responseStatus"]
        .iter()
        .find_map(|key| match answer.get(key)? {
            Value::String(s) if !s.is_empty() => Some(Some(s.as_str())),
            // A number is a status too, just never a success.
            Value::Number(_) => Some(None),
            _ => None,
        })
        .flatten()
}

fn assert_approval_is_complete(requested: &[Verification], answer: &Value) {
    let list = answer
        .get("certifications")
        .or_else(|| answer.get("result").and_then(|r| r.get("certifications")))
        .and_then(Value::as_array)
        .expect("an approved answer has certifications");
    assert!(!list.is_empty(), "approved with no certification");
    for cert in list {
        assert_eq!(
            cert.get("verified"),
            Some(&Value::Bool(true)),
            "approved with a certification that is not verified"
        );
    }
    for wanted in requested {
        let reported = list
            .iter()
            .enumerate()
            .any(|(index, cert)| match cert.get("type") {
                Some(Value::String(t)) if !t.is_empty() => t == wanted.wire(),
                // No type: matched to the request by position.
                None | Some(Value::Null) | Some(Value::String(_)) => {
                    requested.get(index) == Some(wanted)
                }
                Some(_) => false,
            });
        assert!(reported, "approved without a report of {}", wanted.wire());
    }
}

fn selector(wanted: &[Verification]) -> u8 {
    let digits = wanted.iter().rev().fold(0u8, |n, v| {
        n * 3 + VERIFICATIONS.iter().position(|x| x == v).unwrap() as u8
    });
    digits * 4 + wanted.len() as u8
}

fn seed(wanted: &[Verification], answer: Value) -> Vec<u8> {
    let mut out = vec![selector(wanted)];
    out.extend(answer.to_string().into_bytes());
    out
}

fn proof_jwt(checks: &[&str]) -> String {
    let result: serde_json::Map<String, Value> = checks
        .iter()
        .map(|c| (c.to_string(), json!({ "verified": true })))
        .collect();
    let payload = json!({ "version": "1.0", "checks": checks, "result": result });
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    format!(
        "{header}.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

/// Answers in the shapes of the reference (§3.3 session results, §3.5 `/verify`), with
/// fictional values.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    use Verification::{DlVerify, FaceCompare, FaceLiveness};
    let cert = |kind: &str, verified: bool| {
        json!({ "type": kind, "verified": verified, "status": if verified { 200 } else { 400 },
                "token": "0b7c5a1e-fuzz-seed", "authority": "1Kosmos", "metadata": {} })
    };
    let document = json!({
        "category": "identity_document", "documentType": "DL", "type": "dl", "country": "US",
        "firstName": "ALEX", "lastName": "SAMPLE", "dob": "19860607", "doe": "20310630",
        "state": "VA", "gender": "2", "proofedBy": "fuzz-seed",
        "proof_jwt": proof_jwt(&["document_liveness_front", "document_liveness_back",
                                 "fraud_detection", "face_compare", "selfie_liveness"]),
    });
    vec![
        (
            "verify-approved",
            seed(
                &[FaceLiveness, FaceCompare, DlVerify],
                json!({ "certifications": [
                    cert("face_liveness", true), cert("face_compare", true), cert("dl_verify", true)
                ] }),
            ),
        ),
        (
            "verify-sdk-untyped",
            seed(
                &[FaceLiveness, FaceCompare],
                json!({ "result": { "certifications": [
                    { "verified": true, "status": 200 }, { "verified": true, "status": 200 }
                ] } }),
            ),
        ),
        (
            "verify-declined",
            seed(
                &[FaceLiveness, FaceCompare],
                json!({ "certifications": [
                    cert("face_liveness", true),
                    { "type": "face_compare", "verified": false, "status": 400,
                      "reason_code": "IDV0001", "message": "face_compare failed" }
                ] }),
            ),
        ),
        (
            // What the fuzzer found first: a type that names no verification stood for the
            // requested one at its position (fixed in `parse_verify_outcome`).
            "regression-unknown-type",
            seed(
                &[FaceLiveness, FaceCompare, DlVerify],
                json!({ "certifications": [
                    cert("responseSface_liveness", true), cert("face_compare", true),
                    cert("dl_verify", true)
                ] }),
            ),
        ),
        (
            "session-success",
            seed(
                &[],
                json!({ "sessionResult": "SUCCESS", "sessionId": "fuzz-session",
                        "document": document }),
            ),
        ),
        (
            "session-legacy-success",
            seed(
                &[],
                json!({ "responseStatus": "SUCCESS", "dl_object": document }),
            ),
        ),
        (
            "session-failed",
            seed(
                &[],
                json!({ "sessionResult": "FAILED", "sessionId": "fuzz-session",
                        "errorInfo": { "status": 400, "reasonCode": "IDV0006",
                                       "message": "Unsupported document scanned." } }),
            ),
        ),
        (
            "session-in-progress",
            seed(
                &[],
                json!({ "responseStatus": "INPROGRESS", "id": "fuzz-session" }),
            ),
        ),
    ]
}
