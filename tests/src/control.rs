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

/// The Entra stand-in's control API, reached over loopback like a wallet would reach Entra.
pub struct EntraControl {
    pub base: String,
}

impl EntraControl {
    /// The stand-in listening on `port` on loopback.
    pub fn on_port(port: u16) -> Self {
        Self {
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Every request (issuance and presentation), oldest first.
    pub fn requests(&self) -> Vec<Value> {
        match control_get(&format!("{}/control/requests", self.base)) {
            Value::Array(items) => items,
            Value::Object(mut map) => match map.remove("requests") {
                Some(Value::Array(items)) => items,
                other => panic!("unexpected request list: {other:?}"),
            },
            other => panic!("unexpected request list: {other:?}"),
        }
    }

    pub fn request_with_url(&self, url: &str) -> Value {
        self.requests()
            .into_iter()
            .find(|r| r["url"].as_str() == Some(url))
            .unwrap_or_else(|| panic!("the stand-in issued no request with the URL {url}"))
    }

    /// A wallet step (`scan`, `complete`, `present`, `decline`, …) on a request, with an
    /// optional body.
    pub fn act_with(&self, request_id: &str, action: &str, body: Option<Value>) {
        control_post(
            &format!("{}/control/requests/{request_id}/{action}", self.base),
            body,
        );
    }

    pub fn act(&self, request_id: &str, action: &str) {
        self.act_with(request_id, action, None);
    }
}
