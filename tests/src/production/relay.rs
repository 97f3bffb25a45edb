//! Instances of the real callback relay (`enrollment-relay`, the binary `cargo xtask test`
//! builds), serving TLS from certificate files, sharing Redis and one token key.

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::launch::target_dir;
use crate::process::ProcessGroup;

/// The relay binary: `ENROLLMENT_RELAY`, else `<target>/debug/enrollment-relay`.
pub fn relay_path() -> PathBuf {
    let path = std::env::var_os("ENROLLMENT_RELAY")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("enrollment-relay"));
    assert!(
        path.is_file(),
        "e2e: the relay binary is missing at {} (build it: cargo build -p enrollment-relay; \
         `cargo xtask test e2e` builds it)",
        path.display()
    );
    path
}

/// Runs a one-shot relay command (`generate-key`, `kiosk-token ID`) and returns what it printed.
pub fn relay_command(args: &[&str], token_key: Option<&str>) -> String {
    let mut command = Command::new(relay_path());
    command.args(args);
    if let Some(key) = token_key {
        command.env("RELAY_TOKEN_KEY", key);
    }
    let output = command.output().expect("run enrollment-relay");
    assert!(
        output.status.success(),
        "e2e: `enrollment-relay {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// What every instance runs with.
#[derive(Clone)]
pub struct RelaySettings {
    pub redis_url: String,
    pub token_key: String,
    pub tls_cert: PathBuf,
    pub tls_key: PathBuf,
}

/// One relay instance.
pub struct RelayInstance {
    name: String,
    settings: RelaySettings,
    addr: SocketAddr,
    log: PathBuf,
    process: Option<ProcessGroup>,
}

impl RelayInstance {
    /// Starts an instance on a free loopback port; its log goes to `{name}.log` in `dir`.
    pub fn start(name: &str, settings: RelaySettings, dir: &Path) -> Self {
        let mut relay = Self {
            name: name.to_string(),
            settings,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log: dir.join(format!("{name}.log")),
            process: None,
        };
        relay.launch();
        relay
    }

    /// Where it listens (TLS).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn launch(&mut self) {
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("open the relay's log");
        let mut command = Command::new(relay_path());
        command
            .arg("--listen")
            .arg(self.addr.to_string())
            .arg("--redis-url")
            .arg(&self.settings.redis_url)
            .arg("--tls-cert")
            .arg(&self.settings.tls_cert)
            .arg("--tls-key")
            .arg(&self.settings.tls_key)
            .env("RELAY_TOKEN_KEY", &self.settings.token_key)
            .env("RELAY_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log);
        let mut process =
            ProcessGroup::spawn(&self.name, &mut command).expect("start enrollment-relay");
        let stdout = process.take_stdout().expect("the relay's standard output");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_default();
        let url = line
            .trim()
            .strip_prefix("enrollment-relay listening on ")
            .unwrap_or_else(|| {
                panic!(
                    "e2e: {} did not say where it listens (first line {line:?}):\n{}",
                    self.name,
                    self.log_tail()
                )
            });
        assert!(
            url.starts_with("https://"),
            "e2e: {} serves {url}",
            self.name
        );
        self.addr = url
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|_| panic!("e2e: {} printed an odd address: {url}", self.name));
        self.process = Some(process);
    }

    /// SIGKILL: the instance dies at once, as in a crash, its connections cut.
    pub fn kill(&mut self) {
        if let Some(mut process) = self.process.take() {
            process.kill();
        }
    }

    /// Starts the instance again on the same address (as the platform restarts it).
    pub fn restart(&mut self) {
        self.kill();
        self.launch();
    }

    pub fn is_running(&self) -> bool {
        self.process.is_some()
    }

    /// The last lines of its log, for failure messages.
    pub fn log_tail(&self) -> String {
        super::tail(&self.name, &self.log, 25)
    }
}

impl Drop for RelayInstance {
    fn drop(&mut self) {
        self.kill();
    }
}
