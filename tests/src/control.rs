//! The control APIs of the stand-ins (wallet, proofing service, …) on loopback.

use serde_json::Value;

/// JSON from a stand-in's control API on loopback.
pub fn control_get(url: &str) -> Value {
    let body = ureq::get(url)
        .call()
        .unwrap_or_else(|e| panic!("e2e: GET {url}: {e}"))
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("e2e: read {url}: {e}"));
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("e2e: {url} is not JSON: {e}"))
}

/// Tells a stand-in's control API to act, with an optional JSON body.
pub fn control_post(url: &str, body: Option<Value>) {
    let request = ureq::post(url);
    let result = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .send(body.to_string()),
        None => request.send_empty(),
    };
    result.unwrap_or_else(|e| panic!("e2e: POST {url}: {e}"));
}
