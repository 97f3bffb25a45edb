//! Serving a stand-in's router until its handle is dropped: over plain HTTP on loopback (demo
//! mode, client tests), or over HTTPS under the real service's name (production-mode end-to-end
//! tests, where a proxy sends that name here and the test's CA is trusted).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::Listener;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;
use url::Url;

/// How long a client may take over its TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How a stand-in is served. [`Serving::default`]: plain HTTP on a free loopback port, reached
/// at `http://127.0.0.1:{port}/`.
#[derive(Clone, Default)]
pub struct Serving {
    /// The loopback address to listen on (`None`: a free port on 127.0.0.1).
    pub addr: Option<SocketAddr>,
    /// Serve HTTPS with this certificate instead of plain HTTP.
    pub tls: Option<TlsIdentity>,
    /// The base URL clients reach the stand-in at, when it is not the stand-in's own address:
    /// the real service's name (`https://verifiedid.did.msidentity.com/`), which a proxy or a
    /// hosts file sends here. Every URL the stand-in hands out (request URIs, the manifest,
    /// hosted sessions, the service directory) is built on it.
    pub public_url: Option<Url>,
    /// The HTTP client the stand-in calls out with (the Entra stand-in's callbacks). Default:
    /// direct connections (no proxy), the platform's trusted roots, a 10 s timeout.
    pub outbound: Option<reqwest::Client>,
}

impl Serving {
    /// Plain HTTP on `addr` (a loopback address; port 0 picks a free one).
    pub fn plain(addr: SocketAddr) -> Self {
        Self {
            addr: Some(addr),
            ..Self::default()
        }
    }
}

impl std::fmt::Debug for Serving {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Serving")
            .field("addr", &self.addr)
            .field("tls", &self.tls.is_some())
            .field("public_url", &self.public_url.as_ref().map(Url::as_str))
            .field("outbound", &self.outbound.is_some())
            .finish()
    }
}

/// A server certificate chain and its private key, in PEM.
#[derive(Clone)]
pub struct TlsIdentity {
    /// The server's certificate first, then any intermediates.
    pub certificate_chain_pem: String,
    /// PKCS#8, PKCS#1 or SEC1.
    pub private_key_pem: String,
}

/// Why a stand-in could not be served as asked.
#[derive(Debug, thiserror::Error)]
pub enum ServingError {
    #[error("the stand-in listens on loopback only, not on {0}")]
    NotLoopback(SocketAddr),
    #[error("could not listen on loopback: {0}")]
    Bind(#[source] std::io::Error),
    #[error("the TLS certificate or key is not usable: {0}")]
    Tls(String),
    #[error("could not set up the stand-in's HTTP client: {0}")]
    HttpClient(#[source] reqwest::Error),
}

/// A bound listener and the base URL clients use.
pub(crate) struct Bound {
    listener: Bindable,
    pub addr: SocketAddr,
    pub base_url: Url,
}

enum Bindable {
    Plain(TcpListener),
    Tls(TcpListener, TlsAcceptor),
}

/// Binds the listener `serving` asks for.
pub(crate) async fn bind(serving: &Serving) -> Result<Bound, ServingError> {
    let addr = serving
        .addr
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
    if !addr.ip().is_loopback() {
        return Err(ServingError::NotLoopback(addr));
    }
    let acceptor = serving.tls.as_ref().map(acceptor).transpose()?;
    let tcp = TcpListener::bind(addr).await.map_err(ServingError::Bind)?;
    let addr = tcp.local_addr().map_err(ServingError::Bind)?;
    let scheme = if acceptor.is_some() { "https" } else { "http" };
    let base_url = match &serving.public_url {
        Some(url) => url.clone(),
        None => Url::parse(&format!("{scheme}://{addr}/")).expect("socket address forms a URL"),
    };
    let listener = match acceptor {
        Some(acceptor) => Bindable::Tls(tcp, acceptor),
        None => Bindable::Plain(tcp),
    };
    Ok(Bound {
        listener,
        addr,
        base_url,
    })
}

fn acceptor(identity: &TlsIdentity) -> Result<TlsAcceptor, ServingError> {
    use rustls::pki_types::pem::PemObject;
    let chain = CertificateDer::pem_slice_iter(identity.certificate_chain_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ServingError::Tls(format!("certificate chain: {e}")))?;
    if chain.is_empty() {
        return Err(ServingError::Tls("no certificate in the chain".into()));
    }
    let key = PrivateKeyDer::from_pem_slice(identity.private_key_pem.as_bytes())
        .map_err(|e| ServingError::Tls(format!("private key: {e}")))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ServingError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| ServingError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// The stand-in's client for calling out: `serving.outbound`, or a direct one.
pub(crate) fn outbound(serving: &Serving) -> Result<reqwest::Client, ServingError> {
    if let Some(client) = &serving.outbound {
        return Ok(client.clone());
    }
    // reqwest is built without a TLS provider of its own (as the app's is); the client needs
    // one to be built even when it only calls loopback over plain HTTP.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(ServingError::HttpClient)
}

/// Serves `app` on `bound` in a task; the server stops when the returned sender is dropped or
/// used. `name` says which stand-in stopped, if it stops with an error.
pub(crate) fn until_stopped(
    bound: Bound,
    app: axum::Router,
    name: &'static str,
) -> oneshot::Sender<()> {
    let (stop, stopped) = oneshot::channel::<()>();
    let stopped = async {
        let _ = stopped.await;
    };
    match bound.listener {
        Bindable::Plain(tcp) => {
            tokio::spawn(async move {
                let served = axum::serve(tcp, app).with_graceful_shutdown(stopped).await;
                if let Err(error) = served {
                    tracing::warn!(%error, stand_in = name, "stand-in stopped");
                }
            });
        }
        Bindable::Tls(tcp, acceptor) => {
            let listener = TlsListener::start(tcp, acceptor, bound.addr);
            tokio::spawn(async move {
                let served = axum::serve(listener, app)
                    .with_graceful_shutdown(stopped)
                    .await;
                if let Err(error) = served {
                    tracing::warn!(%error, stand_in = name, "stand-in stopped");
                }
            });
        }
    }
    stop
}

/// TLS connections, each handshake on a task of its own so that a slow or failed one never
/// holds up the next client.
struct TlsListener {
    handshaken: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    addr: SocketAddr,
    accepting: tokio::task::JoinHandle<()>,
}

impl TlsListener {
    fn start(tcp: TcpListener, acceptor: TlsAcceptor, addr: SocketAddr) -> Self {
        let (sender, handshaken) = mpsc::channel(16);
        let accepting = tokio::spawn(async move {
            loop {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::debug!(%error, "stand-in: could not accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let acceptor = acceptor.clone();
                let sender = sender.clone();
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = sender.send((tls, peer)).await;
                        }
                        // A client that does not trust the certificate hangs up here.
                        Ok(Err(error)) => {
                            tracing::debug!(%error, "stand-in: TLS handshake failed");
                        }
                        Err(_) => tracing::debug!("stand-in: TLS handshake timed out"),
                    }
                });
            }
        });
        Self {
            handshaken,
            addr,
            accepting,
        }
    }
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

impl Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.handshaken.recv().await {
            Some(accepted) => accepted,
            // The accepting task ended: nothing will come any more.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.addr)
    }
}
