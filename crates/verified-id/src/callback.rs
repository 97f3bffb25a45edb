//! The callback receiver: the HTTP endpoint the Request Service POSTs status to (reference §4),
//! turning each callback into a [`CallbackEvent`] for the session that owns its `state`.
//!
//! Rules, in the order they are applied:
//! 1. more than [`ReceiverLimits::max_concurrent_requests`] callbacks in progress → 503 at once;
//! 2. no `api-key` header, or one that equals (constant-time, every candidate compared) the key of
//!    no outstanding, unexpired expectation → **401 before the body is read**, so a caller
//!    without a key costs a header parse and learns nothing about which requests exist;
//! 3. body larger than the cap of the matching expectation's kind (declared `Content-Length`
//!    checked first, then counted while streaming: never read whole before the check) → 413
//!    (caps: [`MAX_ISSUANCE_CALLBACK_BYTES`], [`MAX_PRESENTATION_CALLBACK_BYTES`]);
//! 4. body not complete within [`ReceiverLimits::body_read_timeout`] → 408;
//! 5. body not JSON with `requestId`, `requestStatus`, `state` strings → 400;
//! 6. `state` not one that the presented key was issued for (unknown state, another request's
//!    state, or the expectation forgotten while the body was read) → **401**, the same answer
//!    as a wrong api-key;
//! 7. unknown `requestStatus`, or one of the other kind (a presentation status for an
//!    issuance expectation or the reverse) → 400 (as the official samples do);
//! 8. otherwise 200 at once, and the event goes to that state's channel only (503 if the
//!    session has let [`EVENTS_PER_REQUEST`] events pile up unread).
//!
//! Expectations end when the app calls [`CallbackReceiver::forget`], after a grace period given
//! to [`CallbackReceiver::forget_after`], or at the latest [`ReceiverLimits::expectation_ttl`]
//! after [`CallbackReceiver::expect`] (the request's 5-minute lifetime plus a margin), whichever
//! comes first; then the event channel closes and later callbacks for that state get 401.
//!
//! Nothing from a callback body is logged except the request status and an error code.
//!
//! In demo mode and tests it listens on loopback; in production a relay forwards to it and the
//! public URL comes from configuration.

use std::collections::{BTreeMap, HashMap};
use std::future::poll_fn;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::error_handling::HandleErrorLayer;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tower::ServiceBuilder;
use url::Url;

use crate::credential_state::{CredentialState, PhotoQuality};
use crate::requests::CallbackTarget;

/// Largest issuance callback body accepted. Issuance callbacks (reference §4.2) carry only
/// `requestId`, `requestStatus`, `state` and, for `issuance_error`, an `error {code, message}`
/// with short fixed strings (`IssuanceFlowFailed` / `issuance_service_error`): a few hundred
/// bytes. 64 KiB leaves two orders of magnitude for undocumented extra fields.
pub const MAX_ISSUANCE_CALLBACK_BYTES: usize = 64 * 1024;

/// Largest presentation callback body accepted: reference §7, "Callback result: 10 MB without
/// receipt". A `presentation_verified` body carries the verified claims, which may include a
/// photo (up to 1 MB in the credential, more once base64-encoded in JSON). A receipt repeats the
/// presented credential and has no documented size; the kiosk never asks for one
/// ([`crate::PresentationRequest::new`] sets `includeReceipt: false`, and Face Check forbids
/// it), so a callback that goes over the documented limit is refused with 413.
pub const MAX_PRESENTATION_CALLBACK_BYTES: usize = 10 * 1024 * 1024;

/// Largest callback body accepted for any kind (an expectation made with
/// [`CallbackReceiver::expect`], which does not say its kind).
pub const MAX_CALLBACK_BYTES: usize = MAX_PRESENTATION_CALLBACK_BYTES;

/// How long a Request Service request (its QR code or deep link) lives: 5 minutes, not
/// configurable (reference §7).
pub const REQUEST_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// Kept after [`REQUEST_LIFETIME`] before an expectation nobody forgot is dropped: a wallet that
/// picked the request up just before it expired may still be entering the PIN and finishing,
/// and the service's callback timing is not documented (reference §7).
pub const EXPECTATION_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Path the receiver listens on when no public URL is configured.
pub const DEFAULT_CALLBACK_PATH: &str = "/api/verified-id/callback";

/// Events buffered per request before the receiver answers 503 (the session is not reading).
pub const EVENTS_PER_REQUEST: usize = 16;

/// Which request an expectation is for; sets the body cap and the statuses accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackKind {
    /// `createIssuanceRequest`: `request_retrieved`, `issuance_successful`, `issuance_error`.
    Issuance,
    /// `createPresentationRequest`: `request_retrieved`, `presentation_verified`,
    /// `presentation_error`.
    Presentation,
}

impl CallbackKind {
    /// The body cap for this kind.
    pub const fn max_body_bytes(self) -> usize {
        match self {
            CallbackKind::Issuance => MAX_ISSUANCE_CALLBACK_BYTES,
            CallbackKind::Presentation => MAX_PRESENTATION_CALLBACK_BYTES,
        }
    }
}

/// Limits of the receiver's HTTP endpoint and of its expectations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiverLimits {
    /// Longest time one callback may take from its headers to its last body byte (408 after).
    /// Default 20 s: the largest body, 10 MB, at 4 Mbit/s.
    pub body_read_timeout: Duration,
    /// Callbacks handled at once; more get 503 at once. Default 16: a kiosk has one offer
    /// outstanding (two during a reissue grace) and each sends at most three callbacks.
    pub max_concurrent_requests: usize,
    /// An expectation nobody forgot is dropped this long after it was made. Default
    /// [`REQUEST_LIFETIME`] + [`EXPECTATION_MARGIN`].
    pub expectation_ttl: Duration,
}

impl Default for ReceiverLimits {
    fn default() -> Self {
        Self {
            body_read_timeout: Duration::from_secs(20),
            max_concurrent_requests: 16,
            expectation_ttl: REQUEST_LIFETIME + EXPECTATION_MARGIN,
        }
    }
}

/// What the wallet and service did with one request.
#[derive(Clone, PartialEq)]
pub enum CallbackEvent {
    /// `request_retrieved`: the QR code was scanned / the link opened.
    RequestRetrieved,
    /// `issuance_successful`: the credential is in the wallet.
    IssuanceSuccessful,
    /// `issuance_error`, e.g. code `IssuanceFlowFailed`, message `issuance_service_error`.
    IssuanceError { code: String, message: String },
    /// `presentation_verified`.
    PresentationVerified {
        /// Holder DID.
        subject: Option<String>,
        credentials: Vec<VerifiedCredential>,
        /// Only with `includeReceipt`; contents are not fixed by the service.
        receipt: Option<Value>,
    },
    /// `presentation_error`.
    PresentationError { code: String, message: String },
}

impl std::fmt::Debug for CallbackEvent {
    /// Claims and receipts are personal data and are not shown; nor are the service's error
    /// messages, which may echo what the wallet sent (only their codes are).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallbackEvent::RequestRetrieved => f.write_str("RequestRetrieved"),
            CallbackEvent::IssuanceSuccessful => f.write_str("IssuanceSuccessful"),
            CallbackEvent::IssuanceError { code, .. } => f
                .debug_struct("IssuanceError")
                .field("code", code)
                .finish_non_exhaustive(),
            CallbackEvent::PresentationVerified {
                credentials,
                receipt,
                ..
            } => f
                .debug_struct("PresentationVerified")
                .field("credentials", credentials)
                .field("receipt", &receipt.as_ref().map(|_| "[REDACTED]"))
                .finish_non_exhaustive(),
            CallbackEvent::PresentationError { code, .. } => f
                .debug_struct("PresentationError")
                .field("code", code)
                .finish_non_exhaustive(),
        }
    }
}

/// One entry of `verifiedCredentialsData`.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedCredential {
    pub issuer: String,
    #[serde(rename = "type", default)]
    pub types: Vec<String>,
    /// Claim values (personal data; the photo is a long string).
    #[serde(default)]
    pub claims: BTreeMap<String, Value>,
    /// `credentialState`, read leniently: an unexpected shape is an unknown status, not a
    /// refused callback.
    pub credential_state: Option<CredentialState>,
    pub domain_validation: Option<Value>,
    pub issuance_date: Option<String>,
    pub expiration_date: Option<String>,
    pub face_check: Option<FaceCheckResult>,
}

impl std::fmt::Debug for VerifiedCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedCredential")
            .field("issuer", &self.issuer)
            .field("types", &self.types)
            .field("claims", &self.claims.keys().collect::<Vec<_>>())
            .field("credential_state", &self.credential_state)
            .field("face_check", &self.face_check)
            .finish_non_exhaustive()
    }
}

/// `faceCheck` of a verified presentation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceCheckResult {
    pub match_confidence_score: f64,
    /// `"HIGH"` is the only documented value; others are kept as sent.
    pub source_photo_quality: Option<PhotoQuality>,
}

/// Errors starting the receiver.
#[derive(Debug, thiserror::Error)]
pub enum ReceiverError {
    #[error("could not listen for Verified ID callbacks on {addr}: {source}; choose another address or port")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallbackBody {
    /// Required (rule 5) but not used: the `state` identifies the request.
    #[serde(rename = "requestId")]
    _request_id: String,
    request_status: String,
    state: String,
    error: Option<CallbackErrorBody>,
    subject: Option<String>,
    verified_credentials_data: Option<Vec<VerifiedCredential>>,
    receipt: Option<Value>,
}

#[derive(Deserialize)]
struct CallbackErrorBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

struct Expectation {
    /// Tells this expectation from a later one for the same state (timers check it).
    id: u64,
    api_key: SecretString,
    kind: Option<CallbackKind>,
    events: mpsc::Sender<CallbackEvent>,
    /// Removed at this time at the latest.
    deadline: Instant,
}

/// An expectation whose api-key matched the presented one.
struct Candidate {
    state: String,
    id: u64,
    kind: Option<CallbackKind>,
}

struct Expectations {
    map: Mutex<HashMap<String, Expectation>>,
    next_id: AtomicU64,
    ttl: Duration,
    /// Where removal timers run (`expect` may be called outside the runtime).
    runtime: tokio::runtime::Handle,
}

impl Expectations {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Expectation>> {
        self.map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn insert(
        self: &Arc<Self>,
        target: &CallbackTarget,
        kind: Option<CallbackKind>,
    ) -> mpsc::Receiver<CallbackEvent> {
        let (events, receiver) = mpsc::channel(EVENTS_PER_REQUEST);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let now = Instant::now();
        let deadline = now.checked_add(self.ttl).unwrap_or(now);
        {
            let mut map = self.lock();
            map.retain(|_, e| e.deadline > now);
            map.insert(
                target.state.clone(),
                Expectation {
                    id,
                    api_key: target.api_key.clone(),
                    kind,
                    events,
                    deadline,
                },
            );
        }
        self.remove_at(target.state.clone(), id, deadline);
        receiver
    }

    /// Removes `state`'s expectation `id` at `deadline` unless it was replaced or ended sooner.
    fn remove_at(self: &Arc<Self>, state: String, id: u64, deadline: Instant) {
        let expectations: Weak<Self> = Arc::downgrade(self);
        self.runtime.spawn(async move {
            tokio::time::sleep_until(deadline).await;
            let Some(expectations) = expectations.upgrade() else {
                return;
            };
            let mut map = expectations.lock();
            if map
                .get(&state)
                .is_some_and(|e| e.id == id && e.deadline <= Instant::now())
            {
                map.remove(&state);
            }
        });
    }

    fn forget_after(self: &Arc<Self>, state: &str, grace: Duration) {
        let now = Instant::now();
        let until = now.checked_add(grace).unwrap_or(now);
        let id = {
            let mut map = self.lock();
            match map.get_mut(state) {
                Some(e) if until < e.deadline => {
                    e.deadline = until;
                    e.id
                }
                _ => return,
            }
        };
        self.remove_at(state.to_string(), id, until);
    }

    fn is_expected(&self, state: &str) -> bool {
        let now = Instant::now();
        self.lock().get(state).is_some_and(|e| e.deadline > now)
    }

    /// Every unexpired expectation whose api-key equals `presented`. Each key is compared in
    /// constant time and all are compared, matching or not.
    fn candidates(&self, presented: &[u8]) -> Vec<Candidate> {
        let now = Instant::now();
        let map = self.lock();
        let matches: Vec<(&String, &Expectation, bool)> = map
            .iter()
            .map(|(state, e)| {
                let equal: bool = e.api_key.expose_secret().as_bytes().ct_eq(presented).into();
                (state, e, equal)
            })
            .collect();
        matches
            .into_iter()
            .filter(|(_, e, equal)| *equal && e.deadline > now)
            .map(|(state, e, _)| Candidate {
                state: state.clone(),
                id: e.id,
                kind: e.kind,
            })
            .collect()
    }

    /// The event channel of `state`'s expectation `id`, if it is still outstanding.
    fn sender(&self, state: &str, id: u64) -> Option<mpsc::Sender<CallbackEvent>> {
        let now = Instant::now();
        self.lock()
            .get(state)
            .filter(|e| e.id == id && e.deadline > now)
            .map(|e| e.events.clone())
    }
}

/// A running callback endpoint. Dropping it stops the server.
pub struct CallbackReceiver {
    expectations: Arc<Expectations>,
    url: Url,
    local_addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl CallbackReceiver {
    /// Listens on `addr` (port 0 picks a free one) with the default [`ReceiverLimits`].
    /// Callbacks are accepted at the path of `public_url` when given (the URL a relay forwards
    /// from), else at [`DEFAULT_CALLBACK_PATH`].
    pub async fn bind(addr: SocketAddr, public_url: Option<Url>) -> Result<Self, ReceiverError> {
        Self::bind_with(addr, public_url, ReceiverLimits::default()).await
    }

    /// [`CallbackReceiver::bind`] with other limits.
    pub async fn bind_with(
        addr: SocketAddr,
        public_url: Option<Url>,
        limits: ReceiverLimits,
    ) -> Result<Self, ReceiverError> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ReceiverError::Bind { addr, source })?;
        let local_addr = listener
            .local_addr()
            .map_err(|source| ReceiverError::Bind { addr, source })?;
        let url = match public_url {
            Some(url) => url,
            None => Url::parse(&format!("http://{local_addr}{DEFAULT_CALLBACK_PATH}"))
                .expect("socket address forms a URL"),
        };
        let path = match url.path() {
            "" => "/".to_string(),
            path => path.to_string(),
        };
        let expectations = Arc::new(Expectations {
            map: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(0),
            ttl: limits.expectation_ttl,
            runtime: tokio::runtime::Handle::current(),
        });
        let app = Router::new()
            .route(&path, post(receive))
            .layer(
                ServiceBuilder::new()
                    .layer(HandleErrorLayer::new(refuse_over_limit))
                    .load_shed()
                    .concurrency_limit(limits.max_concurrent_requests.max(1))
                    .timeout(limits.body_read_timeout),
            )
            .with_state(expectations.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(error) = served {
                tracing::warn!(%error, "Verified ID callback receiver stopped");
            }
        });
        Ok(Self {
            expectations,
            url,
            local_addr,
            stop: Some(stop),
        })
    }

    /// The URL to send to Entra as `callback.url`.
    pub fn url(&self) -> Url {
        self.url.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Starts accepting callbacks of either kind for `target.state` with `target.api_key`
    /// (body cap [`MAX_CALLBACK_BYTES`]); its events arrive on the returned channel. Expecting
    /// the same state again replaces the earlier expectation (and closes its channel). The
    /// expectation ends at [`CallbackReceiver::forget`], [`CallbackReceiver::forget_after`] or
    /// [`ReceiverLimits::expectation_ttl`] from now, whichever is first; then the channel closes.
    pub fn expect(&self, target: &CallbackTarget) -> mpsc::Receiver<CallbackEvent> {
        self.expectations.insert(target, None)
    }

    /// [`CallbackReceiver::expect`] for an issuance request: issuance statuses only, body cap
    /// [`MAX_ISSUANCE_CALLBACK_BYTES`].
    pub fn expect_issuance(&self, target: &CallbackTarget) -> mpsc::Receiver<CallbackEvent> {
        self.expectations
            .insert(target, Some(CallbackKind::Issuance))
    }

    /// [`CallbackReceiver::expect`] for a presentation request: presentation statuses only,
    /// body cap [`MAX_PRESENTATION_CALLBACK_BYTES`].
    pub fn expect_presentation(&self, target: &CallbackTarget) -> mpsc::Receiver<CallbackEvent> {
        self.expectations
            .insert(target, Some(CallbackKind::Presentation))
    }

    /// Stops accepting callbacks for `state` now (later ones get 401; its channel closes). For
    /// cancel, reset and expiry. Unknown states are ignored.
    pub fn forget(&self, state: &str) {
        self.expectations.lock().remove(state);
    }

    /// Keeps accepting callbacks for `state` for `grace` more, then forgets it; for an offer
    /// just replaced by a new one, whose wallet may still be finishing. Never extends an
    /// expectation beyond its TTL or an earlier `forget_after`. Unknown states are ignored.
    pub fn forget_after(&self, state: &str, grace: Duration) {
        self.expectations.forget_after(state, grace);
    }

    /// Whether callbacks for `state` are still accepted.
    pub fn is_expected(&self, state: &str) -> bool {
        self.expectations.is_expected(state)
    }
}

impl Drop for CallbackReceiver {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Rule 1 (too many at once → 503) and rule 4 (body too slow → 408).
async fn refuse_over_limit(error: tower::BoxError) -> StatusCode {
    if error.is::<tower::load_shed::error::Overloaded>() {
        StatusCode::SERVICE_UNAVAILABLE
    } else if error.is::<tower::timeout::error::Elapsed>() {
        StatusCode::REQUEST_TIMEOUT
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

enum BodyProblem {
    TooLarge,
    Broken,
}

/// Reads at most `cap` bytes: refuses a larger declared length before reading anything, and
/// stops as soon as the bytes received go over the cap.
async fn read_capped(mut body: Body, cap: usize) -> Result<Vec<u8>, BodyProblem> {
    let declared = body.size_hint().lower();
    if declared > cap as u64 {
        return Err(BodyProblem::TooLarge);
    }
    let mut bytes = Vec::with_capacity(declared as usize);
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| BodyProblem::Broken)?;
        if let Ok(data) = frame.into_data() {
            if data.len() > cap - bytes.len() {
                return Err(BodyProblem::TooLarge);
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

async fn receive(
    State(expectations): State<Arc<Expectations>>,
    headers: HeaderMap,
    body: Body,
) -> StatusCode {
    // Rule 2: the key first; the body is not touched for a key nobody was given.
    let Some(presented_key) = headers.get("api-key") else {
        return StatusCode::UNAUTHORIZED;
    };
    let candidates = expectations.candidates(presented_key.as_bytes());
    let Some(cap) = candidates
        .iter()
        .map(|c| {
            c.kind
                .map_or(MAX_CALLBACK_BYTES, CallbackKind::max_body_bytes)
        })
        .max()
    else {
        return StatusCode::UNAUTHORIZED;
    };
    // Rules 3 and 4 (the timeout layer bounds this read).
    let bytes = match read_capped(body, cap).await {
        Ok(bytes) => bytes,
        Err(BodyProblem::TooLarge) => return StatusCode::PAYLOAD_TOO_LARGE,
        Err(BodyProblem::Broken) => return StatusCode::BAD_REQUEST,
    };
    // Rule 5.
    let Ok(callback) = serde_json::from_slice::<CallbackBody>(&bytes) else {
        return StatusCode::BAD_REQUEST;
    };
    // Rule 6: the state must be one this key was issued for, and still outstanding.
    let Some(candidate) = candidates.iter().find(|c| c.state == callback.state) else {
        return StatusCode::UNAUTHORIZED;
    };
    if candidate.kind.is_some_and(|kind| {
        body_kind(&callback.request_status).is_some_and(|status_kind| status_kind != kind)
    }) {
        return StatusCode::BAD_REQUEST;
    }
    let Some(events) = expectations.sender(&candidate.state, candidate.id) else {
        return StatusCode::UNAUTHORIZED;
    };
    // Rule 7.
    let event = match callback.request_status.as_str() {
        "request_retrieved" => CallbackEvent::RequestRetrieved,
        "issuance_successful" => CallbackEvent::IssuanceSuccessful,
        "issuance_error" => {
            let error = callback.error.unwrap_or(CallbackErrorBody {
                code: String::new(),
                message: String::new(),
            });
            CallbackEvent::IssuanceError {
                code: error.code,
                message: error.message,
            }
        }
        "presentation_verified" => CallbackEvent::PresentationVerified {
            subject: callback.subject,
            credentials: callback.verified_credentials_data.unwrap_or_default(),
            receipt: callback.receipt,
        },
        "presentation_error" => {
            let error = callback.error.unwrap_or(CallbackErrorBody {
                code: String::new(),
                message: String::new(),
            });
            CallbackEvent::PresentationError {
                code: error.code,
                message: error.message,
            }
        }
        _ => return StatusCode::BAD_REQUEST,
    };
    // Status and error code only: messages, claims and ids stay out of the log.
    match &event {
        CallbackEvent::IssuanceError { code, .. }
        | CallbackEvent::PresentationError { code, .. } => {
            tracing::debug!(status = %callback.request_status, %code, "Verified ID callback");
        }
        _ => tracing::debug!(status = %callback.request_status, "Verified ID callback"),
    }
    // Rule 8.
    match events.try_send(event) {
        Ok(()) => StatusCode::OK,
        // Nobody is listening any more: the callback was still valid.
        Err(mpsc::error::TrySendError::Closed(_)) => StatusCode::OK,
        Err(mpsc::error::TrySendError::Full(_)) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// The kind a known `requestStatus` belongs to (`None`: both, or unknown).
fn body_kind(request_status: &str) -> Option<CallbackKind> {
    match request_status {
        "issuance_successful" | "issuance_error" => Some(CallbackKind::Issuance),
        "presentation_verified" | "presentation_error" => Some(CallbackKind::Presentation),
        _ => None,
    }
}
