//! What every request handler of one instance shares, and the relay's refusals.

use std::net::IpAddr;
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::sync::{watch, Semaphore};

use crate::kiosk::KioskId;
use crate::limits::{rate_key, RateLimited, RateLimiter, RelayLimits};
use crate::listener::ClientAddr;
use crate::store::CallbackStore;
use crate::token::TokenKey;
use crate::wakeups::Wakeups;

/// Which address a client's per-IP rate is counted under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientIpSource {
    /// The TCP peer: the relay faces the internet itself.
    #[default]
    Peer,
    /// The last address of `X-Forwarded-For`, the one the platform's proxy in front appended
    /// (the peer when there is none). Only behind a proxy that sets it: anyone can send it.
    LastForwardedFor,
}

/// The state of one instance's handlers.
pub struct RelayState {
    pub store: Arc<dyn CallbackStore>,
    pub wakeups: Arc<Wakeups>,
    pub token_key: TokenKey,
    pub limits: RelayLimits,
    pub client_ip: ClientIpSource,
    pub per_ip: RateLimiter<IpAddr>,
    pub per_kiosk: RateLimiter<KioskId>,
    /// One permit per callback body byte held in memory.
    pub body_bytes: Arc<Semaphore>,
    /// Becomes true when the instance shuts down: subscriptions end.
    pub shutting_down: watch::Receiver<bool>,
}

impl RelayState {
    pub fn new(
        store: Arc<dyn CallbackStore>,
        wakeups: Arc<Wakeups>,
        token_key: TokenKey,
        limits: RelayLimits,
        client_ip: ClientIpSource,
        shutting_down: watch::Receiver<bool>,
    ) -> Self {
        Self {
            per_ip: RateLimiter::new(limits.per_ip, limits.max_tracked_clients),
            per_kiosk: RateLimiter::new(limits.per_kiosk_callbacks, limits.max_tracked_clients),
            body_bytes: Arc::new(Semaphore::new(
                limits
                    .max_body_bytes_in_flight
                    .clamp(1, Semaphore::MAX_PERMITS),
            )),
            store,
            wakeups,
            token_key,
            limits,
            client_ip,
            shutting_down,
        }
    }

    /// The client's address for rate limiting.
    pub fn client_ip(&self, peer: ClientAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.0.ip();
        match self.client_ip {
            ClientIpSource::Peer => peer,
            ClientIpSource::LastForwardedFor => headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .last()
                .and_then(|last| last.trim().parse().ok())
                .unwrap_or(peer),
        }
    }

    /// Takes one request from the client address's rate (over it: answer 429).
    pub fn check_client_rate(
        &self,
        peer: ClientAddr,
        headers: &HeaderMap,
    ) -> Result<(), RateLimited> {
        self.per_ip.check(&rate_key(self.client_ip(peer, headers)))
    }
}

/// A answer: the status and a short plain-text reason (never anything the client sent);
/// 429 and 503 say when to retry.
pub fn answer(status: StatusCode, reason: &'static str) -> Response {
    let mut response = (status, reason).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}
