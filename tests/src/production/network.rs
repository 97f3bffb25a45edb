//! The network around the kiosk in the production-mode test, on loopback:
//! - [`InternetProxy`]: the site's HTTPS proxy (HTTP `CONNECT`), standing for the internet. It
//!   opens tunnels only to the names it was given (`login.microsoftonline.com:443` → the Entra
//!   stand-in, …), each to a loopback address, and refuses every other name, so nothing in the
//!   test can reach a real service. The kiosk finds it through `HTTPS_PROXY`, as any program
//!   on a managed machine does.
//! - [`LoadBalancer`]: the platform's TCP load balancer in front of the relay instances (TLS
//!   passes through to them): each new connection goes to the next instance that accepts it.
//!   It counts the open connections per instance, so the test can tell which one holds the
//!   kiosk's subscription.
//!
//! Plain threads and blocking sockets: a handful of connections at a time.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The sockets of the connections a server thread is relaying, so that dropping it closes them.
#[derive(Default)]
struct Open {
    next: AtomicU64,
    sockets: Mutex<HashMap<u64, (TcpStream, TcpStream)>>,
}

impl Open {
    fn add(&self, a: &TcpStream, b: &TcpStream) -> Option<u64> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let pair = (a.try_clone().ok()?, b.try_clone().ok()?);
        self.sockets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, pair);
        Some(id)
    }

    fn remove(&self, id: u64) {
        self.sockets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
    }

    fn close_all(&self) {
        for (_, (a, b)) in self
            .sockets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .drain()
        {
            let _ = a.shutdown(Shutdown::Both);
            let _ = b.shutdown(Shutdown::Both);
        }
    }
}

/// A listening socket served by a thread until dropped.
struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    open: Arc<Open>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start(
        name: &'static str,
        handle: impl Fn(TcpStream, &Arc<Open>) + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let stopping = Arc::new(AtomicBool::new(false));
        let open = Arc::new(Open::default());
        let handle = Arc::new(handle);
        let thread = {
            let stopping = stopping.clone();
            let open = open.clone();
            thread::Builder::new()
                .name(name.into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stopping.load(Ordering::SeqCst) {
                            return;
                        }
                        let Ok(stream) = stream else { continue };
                        let handle = handle.clone();
                        let open = open.clone();
                        let _ = thread::Builder::new()
                            .name(format!("{name}-conn"))
                            .spawn(move || handle(stream, &open));
                    }
                })
                .expect("start a server thread")
        };
        Self {
            addr,
            stopping,
            open,
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.open.close_all();
    }
}

/// Copies both ways between `a` and `b` until both directions have ended; `early` is sent to
/// `b` first (bytes already read from `a`). A clean end of one direction is passed on as a
/// half-close; an error closes both connections.
fn splice(a: TcpStream, b: TcpStream, early: &[u8], open: &Open) {
    let mut b_writer = match b.try_clone() {
        Ok(b) => b,
        Err(_) => return,
    };
    if !early.is_empty() && b_writer.write_all(early).is_err() {
        return;
    }
    let id = open.add(&a, &b);
    let one_way = |mut from: TcpStream, mut to: TcpStream| {
        let copied = io::copy(&mut from, &mut to);
        match copied {
            Ok(_) => {
                let _ = to.shutdown(Shutdown::Write);
            }
            Err(_) => {
                let _ = from.shutdown(Shutdown::Both);
                let _ = to.shutdown(Shutdown::Both);
            }
        }
    };
    let (Ok(a_reader), Ok(b_reader)) = (a.try_clone(), b.try_clone()) else {
        return;
    };
    let forward = thread::spawn(move || one_way(a_reader, b_writer));
    one_way(b_reader, a);
    let _ = forward.join();
    if let Some(id) = id {
        open.remove(id);
    }
}

type Routes = Arc<Mutex<HashMap<String, SocketAddr>>>;

/// The site's HTTPS proxy; see the module comment.
pub struct InternetProxy {
    server: Server,
    routes: Routes,
    refused: Arc<Mutex<Vec<String>>>,
}

impl InternetProxy {
    /// A proxy that knows no name yet: every tunnel is refused until [`InternetProxy::route`].
    pub fn start() -> Self {
        let routes: Routes = Arc::default();
        let refused = Arc::new(Mutex::new(Vec::new()));
        let server = {
            let routes = routes.clone();
            let refused = refused.clone();
            Server::start("e2e-proxy", move |stream, open| {
                tunnel(stream, &routes, &refused, open)
            })
        };
        Self {
            server,
            routes,
            refused,
        }
    }

    /// From now on, tunnels to `name:port` lead to `to`.
    pub fn route(&self, name: &str, port: u16, to: SocketAddr) {
        self.routes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(format!("{}:{port}", name.to_ascii_lowercase()), to);
    }

    /// The proxy's URL, for `HTTPS_PROXY`.
    pub fn url(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// Every destination a client asked for that is not part of the test's internet.
    pub fn refused(&self) -> Vec<String> {
        self.refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Reads the request head (`CONNECT host:port HTTP/1.1`, headers, blank line) from `client`;
/// returns the destination and any bytes read past the head.
fn read_connect(client: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    const MAX_HEAD: usize = 16 * 1024;
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buffer = [0u8; 2048];
    let end = loop {
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if head.len() > MAX_HEAD {
            return None;
        }
        let n = client.read(&mut buffer).ok()?;
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&buffer[..n]);
    };
    let _ = client.set_read_timeout(None);
    let text = String::from_utf8_lossy(&head[..end]);
    let mut first = text.lines().next()?.split_whitespace();
    let (method, target) = (first.next()?, first.next()?);
    if !method.eq_ignore_ascii_case("CONNECT") {
        return Some((String::new(), Vec::new()));
    }
    Some((target.to_ascii_lowercase(), head[end..].to_vec()))
}

fn tunnel(mut client: TcpStream, routes: &Routes, refused: &Mutex<Vec<String>>, open: &Open) {
    let Some((target, early)) = read_connect(&mut client) else {
        return;
    };
    let to = routes
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&target)
        .copied();
    let Some(to) = to else {
        refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(if target.is_empty() {
                "(not a CONNECT request)".to_string()
            } else {
                target
            });
        let _ = client
            .write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        return;
    };
    let Ok(backend) = TcpStream::connect_timeout(&to, Duration::from_secs(5)) else {
        let _ = client.write_all(
            b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
        return;
    };
    if client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .is_err()
    {
        return;
    }
    let _ = backend.set_nodelay(true);
    let _ = client.set_nodelay(true);
    splice(client, backend, &early, open);
}

/// The platform's TCP load balancer; see the module comment.
pub struct LoadBalancer {
    server: Server,
    open: Arc<Vec<AtomicUsize>>,
}

impl LoadBalancer {
    /// Balances new connections over `backends`, round robin, skipping any that refuse.
    pub fn start(backends: Vec<SocketAddr>) -> Self {
        let open: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let next = Arc::new(AtomicUsize::new(0));
        let server = {
            let open = open.clone();
            Server::start("e2e-balancer", move |client, sockets| {
                let start = next.fetch_add(1, Ordering::Relaxed);
                for offset in 0..backends.len() {
                    let index = (start + offset) % backends.len();
                    let Ok(backend) =
                        TcpStream::connect_timeout(&backends[index], Duration::from_secs(2))
                    else {
                        continue;
                    };
                    let _ = backend.set_nodelay(true);
                    let _ = client.set_nodelay(true);
                    open[index].fetch_add(1, Ordering::SeqCst);
                    splice(client, backend, &[], sockets);
                    open[index].fetch_sub(1, Ordering::SeqCst);
                    return;
                }
                // No instance is up: the client sees its connection close.
            })
        };
        Self { server, open }
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.addr
    }

    /// How many connections are open to each backend now, in the order given.
    pub fn open_connections(&self) -> Vec<usize> {
        self.open.iter().map(|n| n.load(Ordering::SeqCst)).collect()
    }
}
