//! One relay instance: its routes, its listener and its shutdown.
//!
//! | route | what |
//! |---|---|
//! | `POST /callback/{kiosk_id}` | Entra's callbacks ([`crate::callback`]) |
//! | `GET /kiosks/{kiosk_id}/events` | a kiosk's subscription, SSE ([`crate::subscription`]) |
//! | `GET /healthz` | 200 while the process serves |
//! | `GET /readyz` | 200 when the store answers, else 503 |

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::watch;
use tower::ServiceBuilder;

use crate::callback::receive;
use crate::limits::RelayLimits;
use crate::listener::{load_tls, ClientAddr, ListenerError, RelayListener, TlsFiles};
use crate::state::{answer, ClientIpSource, RelayState};
use crate::store::CallbackStore;
use crate::subscription::subscribe;
use crate::token::TokenKey;
use crate::wakeups::Wakeups;

/// How to run one instance (the store is built separately, see [`crate::store`]).
#[derive(Debug, Clone)]
pub struct RelayConfig {
    pub listen: SocketAddr,
    /// TLS by the relay itself; `None` when the platform in front terminates TLS.
    pub tls: Option<TlsFiles>,
    pub token_key: TokenKey,
    pub limits: RelayLimits,
    pub client_ip: ClientIpSource,
}

/// A running instance. Dropping it stops serving at once; [`RunningRelay::shut_down`] stops
/// gracefully.
pub struct RunningRelay {
    local_addr: SocketAddr,
    tls: bool,
    shutting_down: watch::Sender<bool>,
    served: tokio::task::JoinHandle<()>,
    store: Arc<dyn CallbackStore>,
}

/// Starts serving `config.listen` with `store`; `wakeups` must be the one the store wakes.
pub async fn start(
    config: RelayConfig,
    store: Arc<dyn CallbackStore>,
    wakeups: Arc<Wakeups>,
) -> Result<RunningRelay, ListenerError> {
    let tls = config.tls.as_ref().map(load_tls).transpose()?;
    let uses_tls = tls.is_some();
    let listener = RelayListener::bind(
        config.listen,
        tls,
        config.limits.max_connections,
        config.limits.tls_handshake_timeout,
    )
    .await?;
    let local_addr = listener.local_addr();
    let (shutting_down, shutting_down_rx) = watch::channel(false);
    let state = Arc::new(RelayState::new(
        store.clone(),
        wakeups,
        config.token_key,
        config.limits,
        config.client_ip,
        shutting_down_rx.clone(),
    ));
    let app = router(state);
    let mut stop = shutting_down_rx;
    let served = tokio::spawn(async move {
        let served = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<ClientAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|stopping| *stopping).await;
        })
        .await;
        if let Err(error) = served {
            tracing::warn!(%error, "the relay stopped serving");
        }
    });
    Ok(RunningRelay {
        local_addr,
        tls: uses_tls,
        shutting_down,
        served,
        store,
    })
}

/// The relay's routes over `state`.
pub fn router(state: Arc<RelayState>) -> Router {
    let limits = &state.limits;
    let callbacks = post(receive).layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(refuse_over_limit))
            .load_shed()
            .concurrency_limit(limits.max_concurrent_callbacks.max(1))
            .timeout(limits.body_read_timeout),
    );
    Router::new()
        .route("/callback/{kiosk_id}", callbacks)
        .route("/kiosks/{kiosk_id}/events", get(subscribe))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .with_state(state)
}

async fn ready(State(state): State<Arc<RelayState>>) -> Response {
    match state.store.check_ready().await {
        Ok(()) => answer(StatusCode::OK, "ready"),
        Err(_) => answer(StatusCode::SERVICE_UNAVAILABLE, "the store is unreachable"),
    }
}

/// Too many callbacks at once → 503; a body too slow → 408.
async fn refuse_over_limit(error: tower::BoxError) -> Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        answer(StatusCode::SERVICE_UNAVAILABLE, "the relay is busy")
    } else if error.is::<tower::timeout::error::Elapsed>() {
        answer(
            StatusCode::REQUEST_TIMEOUT,
            "the callback took too long to arrive",
        )
    } else {
        answer(StatusCode::SERVICE_UNAVAILABLE, "the relay is busy")
    }
}

impl RunningRelay {
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// `http://addr` or `https://addr`.
    pub fn base_url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.local_addr)
    }

    /// Stops gracefully: no new connections, subscriptions end (kiosks reconnect elsewhere),
    /// callbacks in progress finish, then up to `patience` for held callbacks to reach the
    /// store. Returns how many callbacks are still held (lost with this process).
    pub async fn shut_down(mut self, patience: Duration) -> usize {
        let _ = self.shutting_down.send(true);
        if tokio::time::timeout(patience, &mut self.served)
            .await
            .is_err()
        {
            self.served.abort();
        }
        self.store.flush(patience).await
    }
}

impl Drop for RunningRelay {
    fn drop(&mut self) {
        let _ = self.shutting_down.send(true);
        self.served.abort();
    }
}
