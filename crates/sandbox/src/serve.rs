//! Serving a stand-in's router on its listener until its handle is dropped.

use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Serves `app` on `listener` in a task; the server stops when the returned sender is dropped
/// or used. `name` says which stand-in stopped, if it stops with an error.
pub(crate) fn until_stopped(
    listener: TcpListener,
    app: axum::Router,
    name: &'static str,
) -> oneshot::Sender<()> {
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
        if let Err(error) = served {
            tracing::warn!(%error, stand_in = name, "stand-in stopped");
        }
    });
    stop
}
