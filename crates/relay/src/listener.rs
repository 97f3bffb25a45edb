//! The relay's listening socket: plain TCP (TLS by the platform in front) or TLS from
//! certificate files (rustls with ring), with a limit on open connections.
//!
//! Connections are accepted and TLS handshakes done on a task of their own, so a slow
//! handshake never holds up the next connection; at the connection limit the task waits for
//! one to close before it accepts again.

use std::fs::File;
use std::io::{self, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};
use tokio_rustls::TlsAcceptor;

/// The address of the peer of a connection (the load balancer's, behind one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub SocketAddr);

/// Where the relay's certificate chain and private key are (PEM).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub certificate_chain: PathBuf,
    pub private_key: PathBuf,
}

/// Problems opening the listening socket.
#[derive(Debug, thiserror::Error)]
pub enum ListenerError {
    #[error("could not listen on {addr}: {source}; choose another address or port")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    #[error("could not read {path}: {source}")]
    ReadFile {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0} holds no PEM certificate")]
    NoCertificate(PathBuf),
    #[error("{0} holds no PEM private key (PKCS#8, PKCS#1 or SEC1)")]
    NoPrivateKey(PathBuf),
    #[error("the certificate and key cannot be used together: {0}")]
    Tls(#[source] rustls::Error),
}

/// Reads a PEM certificate chain and key into a rustls server configuration (HTTP/1.1).
pub fn load_tls(files: &TlsFiles) -> Result<Arc<rustls::ServerConfig>, ListenerError> {
    let open = |path: &Path| {
        File::open(path)
            .map(BufReader::new)
            .map_err(|source| ListenerError::ReadFile {
                path: path.to_path_buf(),
                source,
            })
    };
    let chain: Vec<CertificateDer<'static>> =
        read_pem_certificates(&mut open(&files.certificate_chain)?).map_err(|source| {
            ListenerError::ReadFile {
                path: files.certificate_chain.clone(),
                source,
            }
        })?;
    if chain.is_empty() {
        return Err(ListenerError::NoCertificate(
            files.certificate_chain.clone(),
        ));
    }
    let key = read_pem_private_key(&mut open(&files.private_key)?)
        .map_err(|source| ListenerError::ReadFile {
            path: files.private_key.clone(),
            source,
        })?
        .ok_or_else(|| ListenerError::NoPrivateKey(files.private_key.clone()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(ListenerError::Tls)?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(ListenerError::Tls)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

fn read_pem_certificates(reader: &mut dyn io::BufRead) -> io::Result<Vec<CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let mut text = Vec::new();
    reader.read_to_end(&mut text)?;
    CertificateDer::pem_slice_iter(&text)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
}

fn read_pem_private_key(
    reader: &mut dyn io::BufRead,
) -> io::Result<Option<PrivateKeyDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    let mut text = Vec::new();
    reader.read_to_end(&mut text)?;
    match PrivateKeyDer::from_pem_slice(&text) {
        Ok(key) => Ok(Some(key)),
        Err(rustls::pki_types::pem::Error::NoItemsFound) => Ok(None),
        Err(e) => Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string())),
    }
}

trait Stream: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> Stream for T {}

/// One accepted connection; it counts against the connection limit until dropped.
pub struct Connection {
    stream: Box<dyn Stream>,
    _permit: OwnedSemaphorePermit,
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// The listening socket handed to `axum::serve`.
pub struct RelayListener {
    incoming: mpsc::Receiver<(Connection, ClientAddr)>,
    local_addr: SocketAddr,
    accepting: tokio::task::JoinHandle<()>,
}

impl RelayListener {
    /// Listens on `addr`; with `tls`, every connection is TLS.
    pub async fn bind(
        addr: SocketAddr,
        tls: Option<Arc<rustls::ServerConfig>>,
        max_connections: usize,
        handshake_timeout: Duration,
    ) -> Result<Self, ListenerError> {
        let tcp = TcpListener::bind(addr)
            .await
            .map_err(|source| ListenerError::Bind { addr, source })?;
        let local_addr = tcp
            .local_addr()
            .map_err(|source| ListenerError::Bind { addr, source })?;
        let (sender, incoming) = mpsc::channel(64);
        let limit = Arc::new(Semaphore::new(max_connections.max(1)));
        let accepting = tokio::spawn(accept_connections(
            tcp,
            tls.map(TlsAcceptor::from),
            limit,
            handshake_timeout,
            sender,
        ));
        Ok(Self {
            incoming,
            local_addr,
            accepting,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }
}

impl Drop for RelayListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

async fn accept_connections(
    tcp: TcpListener,
    tls: Option<TlsAcceptor>,
    limit: Arc<Semaphore>,
    handshake_timeout: Duration,
    sender: mpsc::Sender<(Connection, ClientAddr)>,
) {
    loop {
        let Ok(permit) = limit.clone().acquire_owned().await else {
            return;
        };
        let (stream, peer) = match tcp.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors and the like: wait a moment rather than spin.
                tracing::warn!(%error, "could not accept a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Events are small writes that must leave at once.
        let _ = stream.set_nodelay(true);
        match &tls {
            None => {
                let connection = Connection {
                    stream: Box::new(stream),
                    _permit: permit,
                };
                if sender.send((connection, ClientAddr(peer))).await.is_err() {
                    return;
                }
            }
            Some(acceptor) => {
                let acceptor = acceptor.clone();
                let sender = sender.clone();
                tokio::spawn(async move {
                    let handshake =
                        tokio::time::timeout(handshake_timeout, acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        let connection = Connection {
                            stream: Box::new(stream),
                            _permit: permit,
                        };
                        let _ = sender.send((connection, ClientAddr(peer))).await;
                    }
                });
            }
        }
    }
}

impl Listener for RelayListener {
    type Io = Connection;
    type Addr = ClientAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.incoming.recv().await {
            Some(accepted) => accepted,
            // The accepting task ended: nothing will come any more.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(ClientAddr(self.local_addr))
    }
}

impl Connected<IncomingStream<'_, RelayListener>> for ClientAddr {
    fn connect_info(stream: IncomingStream<'_, RelayListener>) -> Self {
        *stream.remote_addr()
    }
}
