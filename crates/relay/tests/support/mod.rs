//! What the relay's integration tests run against: a real `redis-server` on a free loopback
//! port in a temporary folder, relay instances as real processes (the `enrollment-relay`
//! binary), and a small TCP load balancer that, like a real one, sends each new connection to
//! the next instance that accepts it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use enrollment_relay::subscriber::{RelayedCallback, Subscription};
use enrollment_relay::{KioskId, KioskToken, TokenKey};

/// The token key every test relay uses (32 bytes of 0x2a, base64).
pub const TOKEN_KEY: &str = "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";

pub fn token_for(kiosk: &str) -> KioskToken {
    TokenKey::from_base64(TOKEN_KEY)
        .unwrap()
        .token_for(&KioskId::parse(kiosk).unwrap())
}

/// Polls `condition` every 20 ms until it holds; panics with `what` after `limit`.
pub async fn eventually<F, Fut>(what: &str, limit: Duration, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let until = Instant::now() + limit;
    loop {
        if condition().await {
            return;
        }
        assert!(
            Instant::now() < until,
            "timed out after {limit:?} waiting for: {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The next callback of `subscription`, or a panic naming `what` after `limit`.
pub async fn next_callback(
    subscription: &mut Subscription,
    what: &str,
    limit: Duration,
) -> RelayedCallback {
    match tokio::time::timeout(limit, subscription.next()).await {
        Ok(Some(callback)) => callback,
        Ok(None) => panic!("the subscription ended while waiting for {what}"),
        Err(_) => panic!("no callback within {limit:?}: {what}"),
    }
}

/// Whether nothing arrives on `subscription` for `quiet`.
pub async fn nothing_arrives(
    subscription: &mut Subscription,
    quiet: Duration,
) -> Option<RelayedCallback> {
    tokio::time::timeout(quiet, subscription.next())
        .await
        .ok()
        .flatten()
}

/// Sends `head` then `body` on a fresh connection and reads the status code of the answer
/// (`None`: no HTTP answer). The answer is read while the body is still being written: a relay
/// may answer and close before the whole body was sent (a 413), and the answer is what matters.
pub async fn raw_request(addr: SocketAddr, head: &[u8], body: &[u8]) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let (mut reader, mut writer) = stream.into_split();
    let mut request = head.to_vec();
    request.extend_from_slice(body);
    let writing = tokio::spawn(async move {
        for chunk in request.chunks(64 * 1024) {
            if writer.write_all(chunk).await.is_err() {
                return;
            }
        }
        // No half-close: the server (hyper, without half-close support, like many) may take it
        // for a client that gave up. Keep the write half open until the answer is read.
        tokio::time::sleep(Duration::from_secs(10)).await;
        drop(writer);
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        match tokio::time::timeout(Duration::from_secs(10), reader.read(&mut buffer)).await {
            Ok(Ok(n)) if n > 0 => answer.extend_from_slice(&buffer[..n]),
            _ => break,
        }
    }
    writing.abort();
    let line = String::from_utf8_lossy(&answer);
    line.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// A body of `size` bytes in HTTP/1.1 chunked encoding (no length declared).
pub fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 64);
    for chunk in body.chunks(256 * 1024) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// A documented-shape callback body (reference §4.2).
pub fn callback_body(request: &str, status: &str, state: &str) -> String {
    format!(r#"{{"requestId":"{request}","requestStatus":"{status}","state":"{state}"}}"#)
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// A real `redis-server`, without persistence, on a free loopback port.
pub struct RedisServer {
    binary: PathBuf,
    dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl RedisServer {
    pub fn start() -> Self {
        let binary = find_on_path("redis-server").unwrap_or_else(|| {
            panic!(
                "redis-server is not installed, and the relay's tests need a real one: \
                 `cargo xtask setup` installs it (Debian package redis-server), or run \
                 `apt-get install redis-server`"
            )
        });
        let mut server = Self {
            binary,
            dir: tempfile::tempdir().expect("a temporary folder"),
            port: free_port(),
            child: None,
        };
        server.launch();
        server
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    fn launch(&mut self) {
        let log = std::fs::File::create(self.dir.path().join("redis.log")).unwrap();
        let child = Command::new(&self.binary)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(self.dir.path())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(10);
        while !self.answers_ping() {
            assert!(
                Instant::now() < until,
                "redis-server did not answer PING within 10 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn answers_ping(&self) -> bool {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
        let mut reply = [0u8; 7];
        stream.write_all(b"PING\r\n").is_ok()
            && stream.read_exact(&mut reply).is_ok()
            && &reply == b"+PONG\r\n"
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Kills Redis (everything in it is gone: no persistence).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts Redis again on the same port.
    pub fn restart(&mut self) {
        self.kill();
        self.launch();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One relay instance: the real binary.
pub struct RelayProcess {
    args: Vec<String>,
    pub addr: SocketAddr,
    pub url: String,
    child: Option<Child>,
    log: PathBuf,
}

impl RelayProcess {
    /// Starts the relay on a free loopback port, with Redis at `redis` (or the in-memory store)
    /// and `extra` flags.
    pub fn start(redis: Option<&RedisServer>, extra: &[&str]) -> Self {
        let mut args: Vec<String> = Vec::new();
        if let Some(redis) = redis {
            args.extend(["--redis-url".into(), redis.url()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let log = std::env::temp_dir().join(format!("enrollment-relay-test-{}.log", free_port()));
        let mut relay = Self {
            args,
            addr: "127.0.0.1:0".parse().unwrap(),
            url: String::new(),
            child: None,
            log,
        };
        relay.launch("127.0.0.1:0".parse().unwrap());
        relay
    }

    fn launch(&mut self, listen: SocketAddr) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_enrollment-relay"))
            .arg("--listen")
            .arg(listen.to_string())
            .args(&self.args)
            .env("RELAY_TOKEN_KEY", TOKEN_KEY)
            .env("RELAY_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("the relay binary starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the relay says where it listens within 20 s");
        let url = line
            .trim()
            .strip_prefix("enrollment-relay listening on ")
            .unwrap_or_else(|| {
                panic!(
                    "unexpected first line {line:?}; relay log:\n{}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                )
            })
            .to_string();
        self.addr = url
            .rsplit("//")
            .next()
            .and_then(|a| a.parse().ok())
            .expect("the relay prints its address");
        self.url = url;
        self.child = Some(child);
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGKILL: the instance dies at once, mid-request.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, then waits for the graceful exit (at most 15 s).
    pub fn terminate(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: kill(2) on our own child's pid.
            unsafe {
                libc::kill(child.id() as i32, libc::SIGTERM);
            }
            let until = Instant::now() + Duration::from_secs(15);
            loop {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if Instant::now() > until {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("the relay did not exit within 15 s of SIGTERM");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// Starts the instance again on the same address.
    pub fn restart(&mut self) {
        self.kill();
        let addr = self.addr;
        self.launch(addr);
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn log_path(&self) -> &Path {
        &self.log
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// A TCP load balancer on loopback: each new connection goes to the next backend that
/// accepts it (round robin), as a platform's load balancer with health checks would.
pub struct LoadBalancer {
    pub url: String,
    task: tokio::task::JoinHandle<()>,
}

impl LoadBalancer {
    pub async fn start(backends: Vec<SocketAddr>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let next = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    continue;
                };
                let backends = backends.clone();
                let next = next.clone();
                tokio::spawn(async move {
                    let start = next.fetch_add(1, Ordering::Relaxed);
                    for offset in 0..backends.len() {
                        let backend = backends[(start + offset) % backends.len()];
                        if let Ok(mut outbound) = tokio::net::TcpStream::connect(backend).await {
                            let _ =
                                tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                            return;
                        }
                    }
                });
            }
        });
        Self { url, task }
    }
}

impl Drop for LoadBalancer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
