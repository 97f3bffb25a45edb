//! Child processes that cannot outlive the test: every child is started in its own process
//! group and the whole group is terminated on drop (SIGTERM, then SIGKILL after a grace
//! period), even while a test is panicking. Every child also carries a marker variable
//! (`KIOSK_E2E_RUN=<run dir>`) in its environment, inherited by everything it starts, so that a
//! final sweep can find anything that escaped its group (e.g. by calling `setsid`).

use std::ffi::OsStr;
use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command};
use std::thread;
use std::time::{Duration, Instant};

/// The environment variable that marks every process of one harness run.
pub const RUN_MARKER: &str = "KIOSK_E2E_RUN";

/// How long a group gets to exit after SIGTERM before it is killed.
const GRACE: Duration = Duration::from_secs(3);

/// A running child that leads its own process group.
pub struct ProcessGroup {
    name: String,
    child: Child,
    pgid: libc::pid_t,
    reaped: bool,
}

impl ProcessGroup {
    /// Starts `command` as the leader of a new process group.
    pub fn spawn(name: &str, command: &mut Command) -> std::io::Result<Self> {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
        let child = command.spawn()?;
        let pgid = child.id() as libc::pid_t;
        Ok(Self {
            name: name.to_string(),
            child,
            pgid,
            reaped: false,
        })
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// The leader's standard output, when it was piped (once).
    pub fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    /// `Some(status)` once the group leader has exited.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        match self.child.try_wait() {
            Ok(Some(status)) => {
                self.reaped = true;
                Some(status)
            }
            _ => None,
        }
    }

    fn group_alive(&mut self) -> bool {
        // Reap the leader first: a zombie leader still counts as a member of its group.
        if !self.reaped {
            self.exited();
        }
        // SAFETY: kill(2) with signal 0 only checks whether the group exists.
        unsafe { libc::kill(-self.pgid, 0) == 0 }
    }

    fn signal_group(&self, signal: libc::c_int) {
        // SAFETY: sends a signal to the process group this struct created; no memory involved.
        unsafe {
            libc::kill(-self.pgid, signal);
        }
    }

    /// Kills the whole group at once (SIGKILL: no chance to finish anything, as in a crash)
    /// and waits until it is gone.
    pub fn kill(&mut self) {
        if !self.group_alive() {
            return;
        }
        self.signal_group(libc::SIGKILL);
        wait_until(Duration::from_secs(5), || !self.group_alive());
        if !self.reaped {
            let _ = self.child.wait();
            self.reaped = true;
        }
    }

    /// Terminates the whole group: SIGTERM, a grace period, then SIGKILL.
    pub fn terminate(&mut self) {
        if !self.group_alive() {
            return;
        }
        self.signal_group(libc::SIGTERM);
        if wait_until(GRACE, || !self.group_alive()) {
            return;
        }
        eprintln!(
            "e2e: {} (process group {}) ignored SIGTERM; killing it",
            self.name, self.pgid
        );
        self.signal_group(libc::SIGKILL);
        wait_until(Duration::from_secs(5), || !self.group_alive());
        if !self.reaped {
            let _ = self.child.wait();
            self.reaped = true;
        }
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// Polls `done` every 50 ms until it is true or `timeout` has passed; returns whether it became true.
pub fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(50));
    }
}

/// Two distinct free TCP ports on loopback (both are bound at the same time, then released).
pub fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind(("127.0.0.1", 0)).expect("bind a free port on 127.0.0.1");
    let b = TcpListener::bind(("127.0.0.1", 0)).expect("bind a free port on 127.0.0.1");
    let ports = (
        a.local_addr().expect("local addr").port(),
        b.local_addr().expect("local addr").port(),
    );
    drop((a, b));
    ports
}

/// A process found by [`marked_processes`].
#[derive(Debug)]
pub struct Marked {
    pub pid: libc::pid_t,
    pub cmdline: String,
}

/// Every live process (other than this one) whose environment contains `KIOSK_E2E_RUN=<value>`.
pub fn marked_processes(value: &Path) -> Vec<Marked> {
    let needle = format!("{RUN_MARKER}={}", value.display()).into_bytes();
    let own = std::process::id() as libc::pid_t;
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        if pid == own {
            continue;
        }
        let dir = entry.path();
        let Ok(environ) = fs::read(dir.join("environ")) else {
            continue;
        };
        if !environ
            .split(|&b| b == 0)
            .any(|var| var == needle.as_slice())
        {
            continue;
        }
        // Zombies have already exited; they only wait for their parent to reap them.
        let state = fs::read_to_string(dir.join("stat")).unwrap_or_default();
        if state
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
        {
            continue;
        }
        let cmdline = fs::read(dir.join("cmdline"))
            .map(|raw| {
                raw.split(|&b| b == 0)
                    .filter(|part| !part.is_empty())
                    .map(|part| String::from_utf8_lossy(part).into_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        found.push(Marked { pid, cmdline });
    }
    found
}

/// Kills (SIGKILL) every process carrying this run's marker; returns what it found.
pub fn kill_marked(value: &Path) -> Vec<Marked> {
    let found = marked_processes(value);
    for process in &found {
        // SAFETY: plain kill(2) of a pid we just identified as belonging to this run.
        unsafe {
            libc::kill(process.pid, libc::SIGKILL);
        }
    }
    found
}

/// True when `program` can be found (absolute path, or on `PATH`).
pub fn program_exists(program: impl AsRef<OsStr>) -> bool {
    let program = Path::new(program.as_ref());
    if program.components().count() > 1 {
        return program.is_file();
    }
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}
