//! `POST /callback/{kiosk_id}`: Entra's issuance and presentation callbacks.
//!
//! Checks, in order (each answer is a 4xx, or a 503 that says to retry):
//! 1. more than [`RelayLimits::max_concurrent_callbacks`] in progress → 503 at once;
//! 2. the client's address over its rate → 429;
//! 3. the kiosk id not of the documented shape → 400;
//! 4. the kiosk over its callback rate → 429;
//! 5. no `api-key` header → 401; one that is not 1–512 visible ASCII characters → 400
//!    (the relay cannot check the key itself: the kiosk does, in constant time);
//! 6. the body over [`RelayLimits::max_body_bytes`] (the declared length first, then counted
//!    while it streams in: never read whole before the check) → 413; not complete within
//!    [`RelayLimits::body_read_timeout`] → 408; the instance's body memory full → 503;
//! 7. not a JSON object with `requestId`, `requestStatus`, `state` strings → 400;
//! 8. appended to the kiosk's stream → 200 at once; held because Redis is unreachable → 200
//!    as well (see [`crate::store::RedisStore`]); the store full → 503.
//!
//! The body and the key are never logged; the kiosk id and the request status are.
//!
//! [`RelayLimits::max_concurrent_callbacks`]: crate::RelayLimits::max_concurrent_callbacks
//! [`RelayLimits::max_body_bytes`]: crate::RelayLimits::max_body_bytes
//! [`RelayLimits::body_read_timeout`]: crate::RelayLimits::body_read_timeout

use std::future::poll_fn;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, TryAcquireError};

use crate::event::CallbackRecord;
use crate::kiosk::KioskId;
use crate::listener::ClientAddr;
use crate::shape::{check_callback_body, is_api_key_shaped};
use crate::state::{answer, RelayState};
use crate::store::Appended;

enum BodyProblem {
    TooLarge,
    NoMemory,
    Broken,
}

/// Adds `bytes` permits of `budget` to `held`, or says there is no memory left for them.
fn take_bytes(
    budget: &Arc<Semaphore>,
    held: &mut Option<OwnedSemaphorePermit>,
    bytes: usize,
) -> Result<(), BodyProblem> {
    if bytes == 0 {
        return Ok(());
    }
    let permits = u32::try_from(bytes).map_err(|_| BodyProblem::NoMemory)?;
    let permit = budget
        .clone()
        .try_acquire_many_owned(permits)
        .map_err(|e| match e {
            TryAcquireError::NoPermits | TryAcquireError::Closed => BodyProblem::NoMemory,
        })?;
    match held {
        Some(held) => held.merge(permit),
        None => *held = Some(permit),
    }
    Ok(())
}

/// Reads at most `cap` bytes, holding one permit of `budget` per byte held: refuses a larger
/// declared length before reading, and stops as soon as the bytes go over the cap.
async fn read_capped(
    mut body: Body,
    cap: usize,
    budget: &Arc<Semaphore>,
) -> Result<(Vec<u8>, Option<OwnedSemaphorePermit>), BodyProblem> {
    let declared = body.size_hint().lower();
    if declared > cap as u64 {
        return Err(BodyProblem::TooLarge);
    }
    let mut held: Option<OwnedSemaphorePermit> = None;
    take_bytes(budget, &mut held, declared as usize)?;
    let mut bytes = Vec::with_capacity(declared as usize);
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame.map_err(|_| BodyProblem::Broken)?;
        if let Ok(data) = frame.into_data() {
            if data.len() > cap - bytes.len() {
                return Err(BodyProblem::TooLarge);
            }
            let reserved = held.as_ref().map_or(0, |p| p.num_permits());
            let after = bytes.len() + data.len();
            if after > reserved {
                take_bytes(budget, &mut held, after - reserved)?;
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok((bytes, held))
}

/// Bytes of an unread body read and thrown away before an early refusal, so that a client
/// still sending a small body gets the answer rather than a reset connection.
const DRAIN_BEFORE_REFUSING: usize = 64 * 1024;

/// `answer`, after reading and dropping up to [`DRAIN_BEFORE_REFUSING`] of `body`.
async fn refuse_unread(mut body: Body, answer: Response) -> Response {
    let mut drained = 0usize;
    while drained <= DRAIN_BEFORE_REFUSING {
        match poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            Some(Ok(frame)) => drained += frame.data_ref().map_or(0, |d| d.len()),
            _ => break,
        }
    }
    answer
}

/// The handler; see the module comment.
pub async fn receive(
    State(state): State<Arc<RelayState>>,
    ConnectInfo(peer): ConnectInfo<ClientAddr>,
    Path(kiosk): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if state.check_client_rate(peer, &headers).is_err() {
        let refused = answer(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests from this address",
        );
        return refuse_unread(body, refused).await;
    }
    let Ok(kiosk) = KioskId::parse(&kiosk) else {
        let refused = answer(
            StatusCode::BAD_REQUEST,
            "the kiosk id in the path is not valid",
        );
        return refuse_unread(body, refused).await;
    };
    if state.per_kiosk.check(&kiosk).is_err() {
        let refused = answer(
            StatusCode::TOO_MANY_REQUESTS,
            "too many callbacks for this kiosk",
        );
        return refuse_unread(body, refused).await;
    }
    let Some(api_key) = headers.get("api-key") else {
        let refused = answer(StatusCode::UNAUTHORIZED, "the api-key header is missing");
        return refuse_unread(body, refused).await;
    };
    if !is_api_key_shaped(api_key.as_bytes()) {
        let refused = answer(StatusCode::BAD_REQUEST, "the api-key header is not valid");
        return refuse_unread(body, refused).await;
    }
    let api_key = String::from_utf8_lossy(api_key.as_bytes()).into_owned();
    let (bytes, _held_memory) =
        match read_capped(body, state.limits.max_body_bytes, &state.body_bytes).await {
            Ok(read) => read,
            Err(BodyProblem::TooLarge) => {
                return answer(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "the callback body is too large",
                )
            }
            Err(BodyProblem::NoMemory) => {
                return answer(StatusCode::SERVICE_UNAVAILABLE, "the relay is busy")
            }
            Err(BodyProblem::Broken) => {
                return answer(
                    StatusCode::BAD_REQUEST,
                    "the callback body could not be read",
                )
            }
        };
    let checked =
        match check_callback_body(&bytes) {
            Ok(checked) => checked,
            Err(_) => return answer(
                StatusCode::BAD_REQUEST,
                "the body is not a callback: a JSON object with requestId, requestStatus and state",
            ),
        };
    let record = CallbackRecord {
        api_key,
        body: Bytes::from(bytes),
    };
    match state.store.append(&kiosk, record).await {
        Ok(Appended::Stored(id)) => {
            tracing::debug!(%kiosk, status = %checked.request_status, %id, "callback kept");
            answer(StatusCode::OK, "")
        }
        Ok(Appended::Held) => {
            tracing::info!(%kiosk, status = %checked.request_status, "callback held until the store answers");
            answer(StatusCode::OK, "")
        }
        Err(error) => {
            tracing::warn!(%kiosk, %error, "callback refused: the store cannot take it");
            answer(
                StatusCode::SERVICE_UNAVAILABLE,
                "the relay cannot keep callbacks now",
            )
        }
    }
}
