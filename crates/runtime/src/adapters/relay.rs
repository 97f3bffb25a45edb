//! Entra's callbacks through the relay (`enrollment-relay`). Entra posts them to the relay's
//! public `…/callback/{kiosk_id}`; the kiosk holds an outbound subscription to the relay and
//! hands each callback to its own callback receiver on loopback, exactly as Entra would have
//! sent it (body and `api-key` header). So every check the receiver makes (the api-key against
//! the key given for that request, in constant time; the body caps; the shape) applies as
//! before: the relay, or anyone who can write to its Redis, cannot make the kiosk believe a
//! status it was not sent.

use enrollment_relay::subscriber::{self, ConnectionState, SubscriberConfig, Subscription};
use tokio::sync::watch;
use url::Url;
use verified_id::callback::CallbackReceiver;

#[derive(Debug, thiserror::Error)]
pub enum RelayLinkError {
    #[error("the HTTP client for the relay could not be built: {0}")]
    Client(#[source] reqwest::Error),
}

/// A running subscription that feeds the callback receiver; dropping it ends both.
pub struct RelayLink {
    state: watch::Receiver<ConnectionState>,
    task: tokio::task::JoinHandle<()>,
}

impl RelayLink {
    /// Subscribes with `config` and forwards every callback to `receiver`.
    pub fn start(
        config: SubscriberConfig,
        receiver: &CallbackReceiver,
    ) -> Result<Self, RelayLinkError> {
        let relay_http = subscriber::http_client().map_err(RelayLinkError::Client)?;
        // The receiver listens on loopback, in plain HTTP, at the path of its public URL.
        let local = local_url(receiver);
        let loopback = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(RelayLinkError::Client)?;
        let mut subscription = Subscription::start(config, relay_http);
        let state = subscription.watch_state();
        let task = tokio::spawn(async move {
            while let Some(callback) = subscription.next().await {
                let delivered = loopback
                    .post(local.clone())
                    .header("api-key", callback.api_key.as_str())
                    .header("content-type", "application/json")
                    .body(callback.body.clone())
                    .send()
                    .await;
                match delivered {
                    // Only the status: a refused key says someone tried, the body stays private.
                    Ok(answer) if !answer.status().is_success() => {
                        tracing::info!(
                            status = answer.status().as_u16(),
                            "a relayed callback was refused by the receiver"
                        );
                    }
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(error = %error.without_url(), "a relayed callback could not be handed to the receiver");
                    }
                }
            }
        });
        Ok(Self { state, task })
    }

    /// Where the subscription stands now (for the admin screen).
    pub fn state(&self) -> ConnectionState {
        *self.state.borrow()
    }
}

impl Drop for RelayLink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn local_url(receiver: &CallbackReceiver) -> Url {
    let mut local = receiver.url();
    let addr = receiver.local_addr();
    // A plain http loopback URL always accepts these; the public URL's query is kept out.
    let _ = local.set_scheme("http");
    let _ = local.set_ip_host(addr.ip());
    let _ = local.set_port(Some(addr.port()));
    local.set_query(None);
    local
}
