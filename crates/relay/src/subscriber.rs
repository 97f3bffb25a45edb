//! The kiosk's side of the relay: an outbound, authenticated subscription that yields each
//! callback the relay kept for this kiosk, reconnects by itself with jittered exponential
//! backoff, resumes from the last event it saw, and says how it stands.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use enrollment_relay::subscriber::{self, Subscription, SubscriberConfig};
//! use enrollment_relay::{KioskId, KioskToken};
//!
//! let kiosk = KioskId::parse("lobby-01")?;
//! let relay = url::Url::parse("https://kiosk-relay.contoso.com/")?;
//! // Tell Entra this URL as `callback.url`:
//! let callback_url = subscriber::callback_url(&relay, &kiosk);
//! let config = SubscriberConfig::new(relay, kiosk, KioskToken::new("v1.…"));
//! let mut subscription = Subscription::start(config, subscriber::http_client()?);
//! while let Some(callback) = subscription.next().await {
//!     // Compare callback.api_key with the request's key in constant time, then read the
//!     // body as the callback receiver does: the relay cannot vouch for either.
//! }
//! # Ok(()) }
//! ```
//!
//! The relay passes each callback's `api-key` through untouched: the kiosk still checks it
//! against the key it gave Entra for that request, so the relay (or anyone who could write to
//! Redis) cannot make the kiosk believe a status it was not sent.

use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION};
use tokio::sync::{mpsc, watch};
use url::Url;

use crate::event::{parse_sse_data, EventId};
use crate::kiosk::KioskId;
use crate::shape::MAX_CALLBACK_BODY_BYTES;
use crate::token::KioskToken;

/// Largest SSE event accepted: the largest body plus its key and framing.
const MAX_EVENT_BYTES: usize = MAX_CALLBACK_BODY_BYTES + 16 * 1024;
/// Callbacks buffered for a consumer that is busy; beyond, reading the stream waits.
const BUFFERED_EVENTS: usize = 64;

/// A `reqwest` client for subscriptions: installs the `ring` TLS provider (the workspace's
/// reqwest is built with `rustls-no-provider`), sets a connect timeout and no total timeout (a
/// subscription lasts as long as it can).
pub fn http_client() -> Result<reqwest::Client, reqwest::Error> {
    // Err means a provider is already installed, which is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .build()
}

/// The URL Entra posts this kiosk's callbacks to: `{relay}/callback/{kiosk}`.
pub fn callback_url(relay: &Url, kiosk: &KioskId) -> Url {
    relay_path(relay, &format!("callback/{kiosk}"))
}

/// The kiosk's subscription URL: `{relay}/kiosks/{kiosk}/events`.
pub fn events_url(relay: &Url, kiosk: &KioskId) -> Url {
    relay_path(relay, &format!("kiosks/{kiosk}/events"))
}

fn relay_path(relay: &Url, path: &str) -> Url {
    let mut base = relay.clone();
    if !base.path().ends_with('/') {
        let with_slash = format!("{}/", base.path());
        base.set_path(&with_slash);
    }
    base.set_query(None);
    base.set_fragment(None);
    // A kiosk id is letters, digits, '-' and '_': the join cannot fail or escape the base.
    base.join(path).unwrap_or(base)
}

/// How long to wait between attempts: `first`, doubling up to `max`, each delay drawn
/// between half and all of it so that a fleet does not reconnect in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_millis(250),
            max: Duration::from_secs(30),
        }
    }
}

impl Backoff {
    /// The delay before attempt `attempt` (1 = the first retry).
    pub fn delay(&self, attempt: u32) -> Duration {
        let doubling = 2u32.saturating_pow(attempt.saturating_sub(1).min(20));
        let base = self.first.saturating_mul(doubling).min(self.max);
        let mut random = [0u8; 8];
        let fraction = match getrandom::fill(&mut random) {
            Ok(()) => (u64::from_le_bytes(random) >> 11) as f64 / (1u64 << 53) as f64,
            Err(_) => 1.0,
        };
        base.mul_f64(0.5 + 0.5 * fraction)
    }
}

/// What a subscription needs.
#[derive(Debug, Clone)]
pub struct SubscriberConfig {
    /// The relay's base URL, e.g. `https://kiosk-relay.contoso.com/`.
    pub relay_url: Url,
    pub kiosk: KioskId,
    pub token: KioskToken,
    /// Start after this event (`None`: from the newest, which is what a kiosk that has just
    /// started wants).
    pub resume_from: Option<EventId>,
    pub backoff: Backoff,
    /// With nothing at all from the relay for this long (it sends a comment every 15 s), the
    /// connection is taken for dead and replaced. Default 45 s.
    pub silence_timeout: Duration,
    /// Longest wait for the relay's answer to a subscription. Default 10 s.
    pub answer_timeout: Duration,
}

impl SubscriberConfig {
    pub fn new(relay_url: Url, kiosk: KioskId, token: KioskToken) -> Self {
        Self {
            relay_url,
            kiosk,
            token,
            resume_from: None,
            backoff: Backoff::default(),
            silence_timeout: Duration::from_secs(45),
            answer_timeout: Duration::from_secs(10),
        }
    }
}

/// One callback the relay kept for this kiosk.
#[derive(Clone, PartialEq, Eq)]
pub struct RelayedCallback {
    /// Its position in the kiosk's stream.
    pub id: EventId,
    /// The `api-key` header Entra sent: compare it, in constant time, with the request's key.
    pub api_key: String,
    /// The body Entra sent (a JSON object; line breaks turned into spaces).
    pub body: Bytes,
}

impl std::fmt::Debug for RelayedCallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelayedCallback")
            .field("id", &self.id)
            .field("api_key", &"[REDACTED]")
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// Why the subscription is not connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disconnect {
    /// The relay could not be reached, or the connection broke.
    Unreachable,
    /// The relay refused the token (401 or 403): the kiosk id or token is wrong.
    TokenRefused,
    /// The relay answered with another status (429, 503, …).
    Refused(u16),
    /// The relay ended the stream (an instance shutting down).
    Ended,
    /// Nothing arrived for [`SubscriberConfig::silence_timeout`].
    Silent,
    /// The relay sent something that is not an event stream.
    Malformed,
}

/// Where a subscription stands, for the admin screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// The first attempt is under way.
    Connecting { since: SystemTime },
    /// Subscribed: callbacks arrive as they come.
    Connected { since: SystemTime },
    /// Lost (or never had) the subscription; trying again.
    Reconnecting {
        since: SystemTime,
        attempts: u32,
        reason: Disconnect,
    },
}

/// A running subscription; dropping it ends it.
pub struct Subscription {
    events: mpsc::Receiver<RelayedCallback>,
    state: watch::Receiver<ConnectionState>,
    task: tokio::task::JoinHandle<()>,
}

impl Subscription {
    /// Starts subscribing (on the current tokio runtime) and keeps at it until dropped.
    pub fn start(config: SubscriberConfig, http: reqwest::Client) -> Self {
        let (events_tx, events) = mpsc::channel(BUFFERED_EVENTS);
        let (state_tx, state) = watch::channel(ConnectionState::Connecting {
            since: SystemTime::now(),
        });
        let task = tokio::spawn(follow(config, http, events_tx, state_tx));
        Self {
            events,
            state,
            task,
        }
    }

    /// The next callback, in stream order. `None` only once the subscription has ended.
    pub async fn next(&mut self) -> Option<RelayedCallback> {
        self.events.recv().await
    }

    /// Where the subscription stands now.
    pub fn state(&self) -> ConnectionState {
        *self.state.borrow()
    }

    /// Follows the state as it changes.
    pub fn watch_state(&self) -> watch::Receiver<ConnectionState> {
        self.state.clone()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Problems checking a relay (the admin screen's Test connection).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("the relay could not be reached: {0}")]
    Unreachable(#[source] reqwest::Error),
    #[error("the relay did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the relay refused this kiosk's token (HTTP {0}): check the kiosk id and the token")]
    TokenRefused(u16),
    #[error("the relay answered HTTP {0}")]
    Status(u16),
}

/// Checks once that the relay is reachable and accepts `token` for `kiosk`, then hangs up.
pub async fn check(
    http: &reqwest::Client,
    relay_url: &Url,
    kiosk: &KioskId,
    token: &KioskToken,
    timeout: Duration,
) -> Result<(), CheckError> {
    let request = http
        .get(events_url(relay_url, kiosk))
        .header(AUTHORIZATION, format!("Bearer {}", token.expose()))
        .header(ACCEPT, "text/event-stream")
        .send();
    let response = tokio::time::timeout(timeout, request)
        .await
        .map_err(|_| CheckError::Timeout(timeout))?
        .map_err(CheckError::Unreachable)?;
    match response.status().as_u16() {
        200 => Ok(()),
        status @ (401 | 403) => Err(CheckError::TokenRefused(status)),
        status => Err(CheckError::Status(status)),
    }
}

/// The subscription's task: connect, read, and on any trouble wait and connect again.
async fn follow(
    config: SubscriberConfig,
    http: reqwest::Client,
    events: mpsc::Sender<RelayedCallback>,
    state: watch::Sender<ConnectionState>,
) {
    let mut last = config.resume_from;
    let mut attempts: u32 = 0;
    let mut down_since = SystemTime::now();
    loop {
        let mut connected = false;
        let reason = follow_once(&config, &http, &mut last, &events, &state, &mut connected).await;
        if events.is_closed() {
            return;
        }
        if connected {
            attempts = 0;
            down_since = SystemTime::now();
        }
        attempts = attempts.saturating_add(1);
        tracing::info!(kiosk = %config.kiosk, ?reason, attempts, "relay subscription lost; reconnecting");
        state.send_replace(ConnectionState::Reconnecting {
            since: down_since,
            attempts,
            reason,
        });
        tokio::time::sleep(config.backoff.delay(attempts)).await;
    }
}

/// One connection, until it ends; returns why.
async fn follow_once(
    config: &SubscriberConfig,
    http: &reqwest::Client,
    last: &mut Option<EventId>,
    events: &mpsc::Sender<RelayedCallback>,
    state: &watch::Sender<ConnectionState>,
    connected: &mut bool,
) -> Disconnect {
    let mut request = http
        .get(events_url(&config.relay_url, &config.kiosk))
        .header(AUTHORIZATION, format!("Bearer {}", config.token.expose()))
        .header(ACCEPT, "text/event-stream");
    if let Some(id) = last {
        request = request.header("last-event-id", id.to_string());
    }
    let mut response = match tokio::time::timeout(config.answer_timeout, request.send()).await {
        Ok(Ok(response)) => response,
        Ok(Err(_)) | Err(_) => return Disconnect::Unreachable,
    };
    match response.status().as_u16() {
        200 => {}
        401 | 403 => return Disconnect::TokenRefused,
        status => return Disconnect::Refused(status),
    }
    *connected = true;
    state.send_replace(ConnectionState::Connected {
        since: SystemTime::now(),
    });
    let mut parser = SseParser::default();
    let mut messages = Vec::new();
    loop {
        let chunk = match tokio::time::timeout(config.silence_timeout, response.chunk()).await {
            Err(_) => return Disconnect::Silent,
            Ok(Err(_)) => return Disconnect::Unreachable,
            Ok(Ok(None)) => return Disconnect::Ended,
            Ok(Ok(Some(chunk))) => chunk,
        };
        if parser.push(&chunk, &mut messages).is_err() {
            return Disconnect::Malformed;
        }
        for message in messages.drain(..) {
            let Some(id) = message
                .id
                .as_deref()
                .and_then(|id| id.parse::<EventId>().ok())
            else {
                continue;
            };
            match message.event.as_str() {
                "ready" => *last = Some(id),
                "callback" => {
                    let Some(record) = parse_sse_data(&message.data) else {
                        tracing::warn!(kiosk = %config.kiosk, "skipped a relay event that is not a callback");
                        continue;
                    };
                    let callback = RelayedCallback {
                        id,
                        api_key: record.api_key,
                        body: record.body,
                    };
                    if events.send(callback).await.is_err() {
                        return Disconnect::Ended;
                    }
                    *last = Some(id);
                }
                _ => {}
            }
        }
    }
}

/// One dispatched Server-Sent Event.
#[derive(Debug, Default, PartialEq, Eq)]
struct SseMessage {
    event: String,
    id: Option<String>,
    data: String,
}

/// The event-stream format (WHATWG HTML §9.2): lines end in LF, CRLF or CR; `field: value`;
/// a blank line dispatches; `:` starts a comment. Bounded by [`MAX_EVENT_BYTES`].
#[derive(Default)]
struct SseParser {
    line: Vec<u8>,
    after_cr: bool,
    event: String,
    id: Option<String>,
    data: String,
    has_data: bool,
}

/// An event or line over [`MAX_EVENT_BYTES`].
#[derive(Debug)]
struct EventTooLarge;

impl SseParser {
    fn push(&mut self, bytes: &[u8], out: &mut Vec<SseMessage>) -> Result<(), EventTooLarge> {
        for &byte in bytes {
            if self.after_cr {
                self.after_cr = false;
                if byte == b'\n' {
                    continue;
                }
            }
            match byte {
                b'\n' | b'\r' => {
                    self.after_cr = byte == b'\r';
                    let line = std::mem::take(&mut self.line);
                    self.line_ended(&String::from_utf8_lossy(&line), out)?;
                }
                _ => {
                    if self.line.len() >= MAX_EVENT_BYTES {
                        return Err(EventTooLarge);
                    }
                    self.line.push(byte);
                }
            }
        }
        Ok(())
    }

    fn line_ended(&mut self, line: &str, out: &mut Vec<SseMessage>) -> Result<(), EventTooLarge> {
        if line.is_empty() {
            let event = std::mem::take(&mut self.event);
            let data = std::mem::take(&mut self.data);
            if std::mem::take(&mut self.has_data) || !event.is_empty() {
                out.push(SseMessage {
                    event,
                    id: self.id.take(),
                    data,
                });
            }
            self.id = None;
            return Ok(());
        }
        if line.starts_with(':') {
            return Ok(());
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event = value.to_string(),
            "id" if !value.contains('\0') => self.id = Some(value.to_string()),
            "data" => {
                if self.data.len() + value.len() + 1 > MAX_EVENT_BYTES {
                    return Err(EventTooLarge);
                }
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parser_reads_events_split_anywhere() {
        let stream = b": keep-alive\r\nevent: ready\r\nid: 5-0\r\ndata: {}\r\n\r\nevent:callback\nid:6-1\ndata: {\"a\":\ndata: 1}\n\n:x\r\r";
        for split in 0..stream.len() {
            let mut parser = SseParser::default();
            let mut out = Vec::new();
            parser.push(&stream[..split], &mut out).unwrap();
            parser.push(&stream[split..], &mut out).unwrap();
            assert_eq!(
                out,
                vec![
                    SseMessage {
                        event: "ready".into(),
                        id: Some("5-0".into()),
                        data: "{}".into()
                    },
                    SseMessage {
                        event: "callback".into(),
                        id: Some("6-1".into()),
                        data: "{\"a\":\n1}".into()
                    },
                ],
                "split at {split}"
            );
        }
    }

    #[test]
    fn an_endless_line_is_refused() {
        let mut parser = SseParser::default();
        let mut out = Vec::new();
        let chunk = vec![b'a'; 1024 * 1024];
        let mut refused = false;
        for _ in 0..(MAX_EVENT_BYTES / chunk.len() + 2) {
            if parser.push(&chunk, &mut out).is_err() {
                refused = true;
                break;
            }
        }
        assert!(refused);
    }

    #[test]
    fn backoff_doubles_with_jitter_up_to_its_max() {
        let backoff = Backoff {
            first: Duration::from_millis(100),
            max: Duration::from_secs(1),
        };
        for _ in 0..50 {
            let first = backoff.delay(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = backoff.delay(3);
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
            assert!(backoff.delay(30) <= Duration::from_secs(1));
        }
    }

    #[test]
    fn urls_are_built_under_the_relay_base() {
        let kiosk = KioskId::parse("lobby-01").unwrap();
        let relay = Url::parse("https://relay.example/base?x=1").unwrap();
        assert_eq!(
            callback_url(&relay, &kiosk).as_str(),
            "https://relay.example/base/callback/lobby-01"
        );
        assert_eq!(
            events_url(&Url::parse("https://relay.example").unwrap(), &kiosk).as_str(),
            "https://relay.example/kiosks/lobby-01/events"
        );
    }
}
