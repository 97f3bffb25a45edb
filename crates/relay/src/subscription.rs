//! `GET /kiosks/{kiosk_id}/events`: a kiosk's outbound subscription, as Server-Sent Events.
//!
//! The kiosk authenticates with `Authorization: Bearer {token}` ([`crate::TokenKey`]): none →
//! 401, not this kiosk's → 403. It resumes with `Last-Event-ID` (malformed → 400); without
//! one it starts after the newest event kept (a kiosk that starts fresh has no request
//! outstanding). The first event is `ready`, whose id is where the stream starts, so a kiosk
//! that has seen nothing else still has a position to resume from. Then each callback is an
//! event `callback` whose id is its stream id and whose data is `{"apiKey":…,"body":…}`
//! ([`crate::event`]). A comment every 15 s keeps proxies from closing a quiet stream and lets
//! both sides notice a dead connection. Limits: the client's address rate (429), subscriptions
//! per kiosk (429) and per instance (503).
//!
//! The stream ends when the instance shuts down or cannot read the kiosk's stream from the store
//! (and a subscription is refused with 503 while the store does not answer); the kiosk
//! reconnects (to another instance, through the load balancer) and resumes from its last id,
//! so nothing is lost, and while it cannot, it says so.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use tokio::sync::watch;

use crate::event::{sse_data, EventId, StoredCallback};
use crate::kiosk::KioskId;
use crate::listener::ClientAddr;
use crate::state::{answer, RelayState};
use crate::store::CallbackStore;
use crate::wakeups::{Subscribed, SubscriptionRefusal};

/// Events read from the store at a time.
const READ_BATCH: usize = 64;
/// A subscriber reads its stream at least this often even without a wake-up (a safety net:
/// wake-ups are at most once).
const READ_AT_LEAST_EVERY: Duration = Duration::from_secs(30);
/// Without a wake-up signal to wait for, the next read waits this long.
const RETRY_READ_AFTER: Duration = Duration::from_secs(1);
/// Keep-alive comment interval.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The bearer token of `headers`, if any.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn unauthorized() -> Response {
    let mut response = answer(StatusCode::UNAUTHORIZED, "a kiosk token is required");
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"enrollment-relay\""),
    );
    response
}

/// The handler; see the module comment.
pub async fn subscribe(
    State(state): State<Arc<RelayState>>,
    ConnectInfo(peer): ConnectInfo<ClientAddr>,
    Path(kiosk): Path<String>,
    headers: HeaderMap,
) -> Response {
    if state.check_client_rate(peer, &headers).is_err() {
        return answer(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests from this address",
        );
    }
    let Ok(kiosk) = KioskId::parse(&kiosk) else {
        return answer(
            StatusCode::BAD_REQUEST,
            "the kiosk id in the path is not valid",
        );
    };
    let Some(token) = bearer(&headers) else {
        return unauthorized();
    };
    if state.token_key.verify(&kiosk, token).is_err() {
        tracing::info!(%kiosk, "subscription refused: wrong kiosk token");
        return answer(
            StatusCode::FORBIDDEN,
            "the kiosk token is not valid for this kiosk",
        );
    }
    let resume = match headers.get("last-event-id") {
        None => None,
        Some(value) => match value
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<EventId>().ok())
        {
            Some(id) => Some(id),
            None => return answer(StatusCode::BAD_REQUEST, "Last-Event-ID is not an event id"),
        },
    };
    let subscribed = match state.wakeups.subscribe(&kiosk) {
        Ok(subscribed) => subscribed,
        Err(SubscriptionRefusal::TooManyForKiosk(_)) => {
            return answer(
                StatusCode::TOO_MANY_REQUESTS,
                "this kiosk has too many subscriptions open",
            )
        }
        Err(SubscriptionRefusal::TooManyInTotal(_)) => {
            return answer(
                StatusCode::SERVICE_UNAVAILABLE,
                "this relay instance is full",
            )
        }
    };
    // A subscription is only worth holding while the store answers: every event reaches the
    // kiosk through it. Otherwise 503, and the kiosk says it is reconnecting rather than
    // connected while nothing can reach it.
    let start = match resume {
        Some(id) => state.store.check_ready().await.map(|()| id),
        None => state.store.last_id(&kiosk).await,
    };
    let start = match start {
        Ok(id) => id,
        Err(error) => {
            tracing::warn!(%kiosk, %error, "subscription refused: the store did not answer");
            return answer(
                StatusCode::SERVICE_UNAVAILABLE,
                "the relay's store is unreachable",
            );
        }
    };
    tracing::debug!(%kiosk, resume = resume.is_some(), "kiosk subscribed");
    let follower = Follower {
        store: state.store.clone(),
        kiosk,
        last: start,
        pending: VecDeque::new(),
        subscribed,
        shutting_down: state.shutting_down.clone(),
        ready_sent: false,
    };
    let events = stream::unfold(follower, |follower| follower.next_event());
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    // Proxies such as nginx would otherwise buffer the stream.
    response
        .headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// One subscription's position in its kiosk's stream.
struct Follower {
    store: Arc<dyn CallbackStore>,
    kiosk: KioskId,
    /// The id of the last event sent (or the starting position).
    last: EventId,
    pending: VecDeque<StoredCallback>,
    subscribed: Subscribed,
    shutting_down: watch::Receiver<bool>,
    ready_sent: bool,
}

impl Follower {
    async fn next_event(mut self) -> Option<(Result<Event, Infallible>, Self)> {
        if !self.ready_sent {
            self.ready_sent = true;
            let ready = Event::default()
                .event("ready")
                .id(self.last.to_string())
                .data("{}");
            return Some((Ok(ready), self));
        }
        loop {
            if *self.shutting_down.borrow() {
                return None;
            }
            if let Some(next) = self.pending.pop_front() {
                self.last = next.id;
                let Some(data) = sse_data(&next.record) else {
                    continue;
                };
                let event = Event::default()
                    .event("callback")
                    .id(next.id.to_string())
                    .data(data);
                return Some((Ok(event), self));
            }
            // Seen before reading, so a wake-up during the read is not missed.
            self.subscribed.signal.borrow_and_update();
            match self
                .store
                .read_after(&self.kiosk, self.last, READ_BATCH)
                .await
            {
                Ok(events) if !events.is_empty() => {
                    self.pending.extend(events);
                    continue;
                }
                Ok(_) => {
                    tokio::select! {
                        changed = self.subscribed.signal.changed() => {
                            if changed.is_err() {
                                tokio::time::sleep(RETRY_READ_AFTER).await;
                            }
                        }
                        _ = tokio::time::sleep(READ_AT_LEAST_EVERY) => {}
                        stopping = self.shutting_down.changed() => {
                            if stopping.is_err() {
                                return None;
                            }
                        }
                    }
                }
                Err(error) => {
                    // Ended rather than held open: the kiosk reconnects (perhaps to an instance
                    // that reaches the store), resumes from its last id, and meanwhile says it
                    // is not connected, which is the truth.
                    tracing::info!(kiosk = %self.kiosk, %error, "could not read a kiosk's stream; ending its subscription");
                    return None;
                }
            }
        }
    }
}
