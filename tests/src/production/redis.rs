//! A real `redis-server` (Debian's package, which `cargo xtask test` installs) on a free
//! loopback port, in a folder of its own, with append-only persistence as `docs/relay.md`
//! asks of a production Redis. It can be stopped and started again on the same port and
//! folder, as an operator restarts Redis.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::process::{program_exists, wait_until, ProcessGroup};

pub struct RedisServer {
    dir: PathBuf,
    port: u16,
    process: Option<ProcessGroup>,
}

impl RedisServer {
    /// Starts Redis with its files in `dir` (created).
    pub fn start(dir: &Path) -> Self {
        assert!(
            program_exists("redis-server"),
            "e2e: redis-server is not installed; `cargo xtask test` installs it (Debian package \
             redis-server), or run `apt-get install redis-server`"
        );
        fs::create_dir_all(dir).expect("create Redis's folder");
        let mut redis = Self {
            dir: dir.to_path_buf(),
            port: crate::process::free_ports().0,
            process: None,
        };
        redis.start_again();
        redis
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts Redis (again) on the same port and folder; waits until it answers PING.
    pub fn start_again(&mut self) {
        assert!(self.process.is_none(), "e2e: Redis is already running");
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_path())
            .expect("open Redis's log");
        let mut command = Command::new("redis-server");
        command
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--appendonly", "yes", "--save", ""])
            .arg("--dir")
            .arg(&self.dir)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone the log handle"))
            .stderr(log);
        let mut process =
            ProcessGroup::spawn("redis-server", &mut command).expect("start redis-server");
        let up = wait_until(Duration::from_secs(15), || {
            process.exited().is_none() && self.answers_ping()
        });
        assert!(
            up,
            "e2e: redis-server did not answer PING within 15 s:\n{}",
            self.log_tail()
        );
        self.process = Some(process);
    }

    /// Stops Redis the way `systemctl stop` does (SIGTERM: it finishes writing its
    /// append-only file) and waits until it is gone.
    pub fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            process.terminate();
        }
        assert!(
            !self.answers_ping(),
            "e2e: Redis still answers after it was stopped"
        );
    }

    pub fn is_running(&self) -> bool {
        self.process.is_some()
    }

    fn answers_ping(&self) -> bool {
        use std::io::{Read, Write};
        let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
        let mut reply = [0u8; 7];
        stream.write_all(b"PING\r\n").is_ok()
            && stream.read_exact(&mut reply).is_ok()
            && &reply == b"+PONG\r\n"
    }

    fn log_path(&self) -> PathBuf {
        self.dir.join("redis.log")
    }

    /// The last lines of Redis's log, for failure messages.
    pub fn log_tail(&self) -> String {
        super::tail("redis-server", &self.log_path(), 20)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        if let Some(mut process) = self.process.take() {
            process.kill();
        }
    }
}
