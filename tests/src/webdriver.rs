//! A small, blocking W3C WebDriver client: only the endpoints the tests use, over plain HTTP on
//! loopback (ureq without TLS). Blocking keeps the tests and, above all, the clean-up in `Drop`
//! simple: no async runtime has to be alive while a panicking test tears its processes down.

use std::fmt;
use std::time::Duration;

use serde_json::{json, Value};

/// The W3C key under which an element reference travels.
pub const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// An error answered by the driver (`error`, `message`) or a transport failure (`error` =
/// "transport").
#[derive(Clone, Debug)]
pub struct WdError {
    pub error: String,
    pub message: String,
}

impl WdError {
    fn transport(message: impl fmt::Display) -> Self {
        Self {
            error: "transport".into(),
            message: message.to_string(),
        }
    }

    /// Errors that go away by looking again: the element is not there yet, was re-rendered, or
    /// cannot be interacted with yet (e.g. still animating in).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.error.as_str(),
            "no such element"
                | "stale element reference"
                | "element not interactable"
                | "element click intercepted"
                | "invalid element state"
        )
    }
}

impl fmt::Display for WdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

impl std::error::Error for WdError {}

pub type WdResult<T> = Result<T, WdError>;

/// A WebDriver endpoint (`http://127.0.0.1:<port>`).
#[derive(Clone)]
pub struct Driver {
    base: String,
    agent: ureq::Agent,
}

impl Driver {
    pub fn new(port: u16, timeout: Duration) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Self {
            base: format!("http://127.0.0.1:{port}"),
            agent,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> WdResult<Value> {
        let url = format!("{}{}", self.base, path);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json; charset=utf-8")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let mut response = response.map_err(WdError::transport)?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .map_err(WdError::transport)?;
        let parsed: Value = serde_json::from_str(&text).map_err(|e| {
            WdError::transport(format!("HTTP {status}: not JSON ({e}): {text:.300}"))
        })?;
        let value = parsed.get("value").cloned().unwrap_or(Value::Null);
        if status.is_success() {
            return Ok(value);
        }
        Err(WdError {
            error: value
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("unknown error")
                .to_string(),
            message: value
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or(&text)
                .to_string(),
        })
    }

    /// `GET /status`: the driver is up (tauri-driver forwards this to WebKitWebDriver).
    pub fn status(&self) -> WdResult<Value> {
        self.call("GET", "/status", None)
    }

    /// `POST /session` with the given `alwaysMatch` capabilities.
    pub fn new_session(&self, always_match: Value) -> WdResult<Session> {
        let value = self.call(
            "POST",
            "/session",
            Some(json!({ "capabilities": { "alwaysMatch": always_match } })),
        )?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| WdError::transport(format!("no sessionId in {value}")))?;
        Ok(Session {
            driver: self.clone(),
            id: id.to_string(),
        })
    }
}

/// One WebDriver session (one app instance).
pub struct Session {
    driver: Driver,
    id: String,
}

/// A reference to an element in the page.
#[derive(Clone, Debug)]
pub struct Element(pub String);

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> WdResult<Value> {
        self.driver
            .call(method, &format!("/session/{}{}", self.id, path), body)
    }

    pub fn delete(&self) -> WdResult<()> {
        self.call("DELETE", "", None).map(drop)
    }

    pub fn navigate(&self, url: &str) -> WdResult<()> {
        self.call("POST", "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    pub fn find(&self, css: &str) -> WdResult<Element> {
        let value = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        element_from(&value)
    }

    pub fn find_all(&self, css: &str) -> WdResult<Vec<Element>> {
        let value = self.call(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        value
            .as_array()
            .map(|all| all.iter().map(element_from).collect())
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    pub fn click(&self, element: &Element) -> WdResult<()> {
        self.call("POST", &format!("/element/{}/click", element.0), None)
            .map(drop)
    }

    pub fn clear(&self, element: &Element) -> WdResult<()> {
        self.call("POST", &format!("/element/{}/clear", element.0), None)
            .map(drop)
    }

    pub fn send_keys(&self, element: &Element, text: &str) -> WdResult<()> {
        self.call(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        )
        .map(drop)
    }

    pub fn text(&self, element: &Element) -> WdResult<String> {
        let value = self.call("GET", &format!("/element/{}/text", element.0), None)?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    pub fn displayed(&self, element: &Element) -> WdResult<bool> {
        let value = self.call("GET", &format!("/element/{}/displayed", element.0), None)?;
        Ok(value.as_bool().unwrap_or(false))
    }

    pub fn selected(&self, element: &Element) -> WdResult<bool> {
        let value = self.call("GET", &format!("/element/{}/selected", element.0), None)?;
        Ok(value.as_bool().unwrap_or(false))
    }

    pub fn attribute(&self, element: &Element, name: &str) -> WdResult<Option<String>> {
        let value = self.call(
            "GET",
            &format!("/element/{}/attribute/{name}", element.0),
            None,
        )?;
        Ok(value.as_str().map(str::to_string))
    }

    pub fn property(&self, element: &Element, name: &str) -> WdResult<Value> {
        self.call(
            "GET",
            &format!("/element/{}/property/{name}", element.0),
            None,
        )
    }

    /// `(x, y, width, height)` in CSS pixels.
    pub fn rect(&self, element: &Element) -> WdResult<(f64, f64, f64, f64)> {
        let value = self.call("GET", &format!("/element/{}/rect", element.0), None)?;
        let get = |key: &str| value.get(key).and_then(Value::as_f64).unwrap_or(0.0);
        Ok((get("x"), get("y"), get("width"), get("height")))
    }

    pub fn execute(&self, script: &str, args: Vec<Value>) -> WdResult<Value> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Presses and releases each key in turn on whatever has focus, as a keyboard would; a
    /// string of several characters is typed one character at a time
    /// (W3C "Perform Actions"; keys are characters or WebDriver key codes such as `\u{E004}`).
    pub fn press_keys(&self, keys: &[&str]) -> WdResult<()> {
        // One key per character: typed text is pressed a character at a time.
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|key| key.chars())
            .flat_map(|key| {
                let key = key.to_string();
                [
                    json!({ "type": "keyDown", "value": key }),
                    json!({ "type": "keyUp", "value": key }),
                ]
            })
            .collect();
        self.call(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        )
        .map(drop)
    }

    /// The whole window as PNG bytes.
    pub fn screenshot_png(&self) -> WdResult<Vec<u8>> {
        use base64::Engine as _;
        let value = self.call("GET", "/screenshot", None)?;
        let encoded = value
            .as_str()
            .ok_or_else(|| WdError::transport("screenshot is not a string"))?;
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(WdError::transport)
    }

    pub fn page_source(&self) -> WdResult<String> {
        let value = self.call("GET", "/source", None)?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }
}

/// An element reference as a script argument.
pub fn element_arg(element: &Element) -> Value {
    json!({ ELEMENT_KEY: element.0 })
}

fn element_from(value: &Value) -> WdResult<Element> {
    value
        .get(ELEMENT_KEY)
        .and_then(Value::as_str)
        .map(|id| Element(id.to_string()))
        .ok_or_else(|| WdError::transport(format!("not an element reference: {value}")))
}
