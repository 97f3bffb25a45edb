//! The callback receiver: the HTTP endpoint the Request Service POSTs status to (reference §4),
//! turning each callback into a [`CallbackEvent`] for the session that owns its `state`.
//!
//! Rules, in the order they are applied:
//! 1. no `api-key` header → 401;
//! 2. body over 10 MB (the documented callback limit) → 413;
//! 3. body not JSON with `requestId`, `requestStatus`, `state` strings → 400;
//! 4. unknown `state` → **401**, the same answer as a wrong api-key, so that a caller without the
//!    key learns nothing about which requests exist;
//! 5. api-key not equal (constant-time) to the one issued for that state → 401;
//! 6. unknown `requestStatus` → 400 (as the official samples do);
//! 7. otherwise 200 at once, and the event goes to that state's channel only.
//!
//! In demo mode and tests it listens on loopback; in production a relay forwards to it and the
//! public URL comes from configuration.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::Value;
use subtle::ConstantTimeEq;
use tokio::sync::{mpsc, oneshot};
use url::Url;

use crate::requests::CallbackTarget;

/// Largest callback body accepted (reference §7: "10 MB without receipt").
pub const MAX_CALLBACK_BYTES: usize = 10 * 1024 * 1024;

/// Path the receiver listens on when no public URL is configured.
pub const DEFAULT_CALLBACK_PATH: &str = "/api/verified-id/callback";

/// Events buffered per request before the receiver answers 503 (the session is not reading).
const EVENTS_PER_REQUEST: usize = 16;

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
    /// Claims and receipts are personal data and are not shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallbackEvent::RequestRetrieved => f.write_str("RequestRetrieved"),
            CallbackEvent::IssuanceSuccessful => f.write_str("IssuanceSuccessful"),
            CallbackEvent::IssuanceError { code, message } => f
                .debug_struct("IssuanceError")
                .field("code", code)
                .field("message", message)
                .finish(),
            CallbackEvent::PresentationVerified {
                credentials,
                receipt,
                ..
            } => f
                .debug_struct("PresentationVerified")
                .field("credentials", credentials)
                .field("receipt", &receipt.as_ref().map(|_| "[REDACTED]"))
                .finish_non_exhaustive(),
            CallbackEvent::PresentationError { code, message } => f
                .debug_struct("PresentationError")
                .field("code", code)
                .field("message", message)
                .finish(),
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
    pub credential_state: Option<Value>,
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
            .field("face_check", &self.face_check)
            .finish_non_exhaustive()
    }
}

/// `faceCheck` of a verified presentation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceCheckResult {
    pub match_confidence_score: f64,
    /// `"HIGH"` is the only documented value.
    pub source_photo_quality: Option<String>,
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
    request_id: String,
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
    api_key: SecretString,
    events: mpsc::Sender<CallbackEvent>,
}

#[derive(Default)]
struct Expectations(Mutex<HashMap<String, Expectation>>);

impl Expectations {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Expectation>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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
    /// Listens on `addr` (port 0 picks a free one). Callbacks are accepted at the path of
    /// `public_url` when given (the URL a relay forwards from), else at [`DEFAULT_CALLBACK_PATH`].
    pub async fn bind(addr: SocketAddr, public_url: Option<Url>) -> Result<Self, ReceiverError> {
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
        let expectations = Arc::new(Expectations::default());
        let app = Router::new()
            .route(&path, post(receive))
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

    /// Starts accepting callbacks for `target.state` with `target.api_key`; its events arrive on
    /// the returned channel. Expecting the same state again replaces the earlier channel.
    pub fn expect(&self, target: &CallbackTarget) -> mpsc::Receiver<CallbackEvent> {
        let (events, receiver) = mpsc::channel(EVENTS_PER_REQUEST);
        self.expectations.lock().insert(
            target.state.clone(),
            Expectation {
                api_key: target.api_key.clone(),
                events,
            },
        );
        receiver
    }

    /// Stops accepting callbacks for `state` (later ones get 401).
    pub fn forget(&self, state: &str) {
        self.expectations.lock().remove(state);
    }
}

impl Drop for CallbackReceiver {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn receive(
    State(expectations): State<Arc<Expectations>>,
    headers: HeaderMap,
    body: Body,
) -> StatusCode {
    let Some(presented_key) = headers.get("api-key").map(|v| v.as_bytes().to_vec()) else {
        return StatusCode::UNAUTHORIZED;
    };
    let Ok(bytes) = axum::body::to_bytes(body, MAX_CALLBACK_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE;
    };
    let Ok(callback) = serde_json::from_slice::<CallbackBody>(&bytes) else {
        return StatusCode::BAD_REQUEST;
    };
    let events = {
        let expectations = expectations.lock();
        let Some(expected) = expectations.get(&callback.state) else {
            return StatusCode::UNAUTHORIZED;
        };
        let matches: bool = expected
            .api_key
            .expose_secret()
            .as_bytes()
            .ct_eq(&presented_key)
            .into();
        if !matches {
            return StatusCode::UNAUTHORIZED;
        }
        expected.events.clone()
    };
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
    tracing::debug!(request_id = %callback.request_id, status = %callback.request_status, "Verified ID callback");
    match events.try_send(event) {
        Ok(()) => StatusCode::OK,
        // Nobody is listening any more: the callback was still valid.
        Err(mpsc::error::TrySendError::Closed(_)) => StatusCode::OK,
        Err(mpsc::error::TrySendError::Full(_)) => StatusCode::SERVICE_UNAVAILABLE,
    }
}
