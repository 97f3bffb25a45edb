//! Bringing the real app up and down: finding the binaries and the target directory, starting
//! `Xvfb` and `dbus-run-session -- tauri-driver`, opening the WebDriver session that launches
//! the app, and tearing all of it down on drop (keeping the evidence when a test fails).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::json;

use crate::process::{self, free_ports, program_exists, wait_until, ProcessGroup, RUN_MARKER};
use crate::webdriver::{Driver, Session};

/// How long the app may take to start and show its first screen.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// The workspace root (the parent of this package).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Cargo's target directory: `E2E_TARGET_DIR`, else `CARGO_TARGET_DIR`, else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    let root = workspace_root();
    for var in ["E2E_TARGET_DIR", "CARGO_TARGET_DIR"] {
        if let Some(dir) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return root.join(dir);
        }
    }
    root.join("target")
}

fn path_from_env(var: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or(default)
}

/// The app binary under test.
pub fn app_path() -> PathBuf {
    path_from_env(
        "KIOSK_APP",
        target_dir().join("debug").join("enrollment-kiosk"),
    )
}

pub fn tauri_driver_path() -> PathBuf {
    path_from_env(
        "TAURI_DRIVER",
        workspace_root()
            .join("tools")
            .join("bin")
            .join("tauri-driver"),
    )
}

pub fn native_driver_path() -> PathBuf {
    path_from_env(
        "WEBKIT_WEBDRIVER",
        PathBuf::from("/usr/bin/WebKitWebDriver"),
    )
}

/// The real app, running under its own virtual display and WebDriver.
pub struct Kiosk {
    pub(crate) name: String,
    pub(crate) session: Option<Session>,
    driver: Option<ProcessGroup>,
    xvfb: Option<ProcessGroup>,
    run_dir: PathBuf,
    driver_log: PathBuf,
    xvfb_log: PathBuf,
    artifacts: PathBuf,
    pub(crate) recorder: bool,
    // Dropped last: the temporary directory the run lives in.
    _tmp: tempfile::TempDir,
}

impl Kiosk {
    /// Launches the app with `args` for the test `name`; panics (keeping the logs) when it
    /// cannot be brought up.
    pub fn launch(name: &str, args: &[&str]) -> Kiosk {
        Self::launch_with_env(name, args, |_| Vec::new())
    }

    /// Like [`Kiosk::launch`], with extra environment variables for the app (and the driver
    /// that starts it). `env` gets the run directory first, e.g. to place files there.
    pub fn launch_with_env(
        name: &str,
        args: &[&str],
        env: impl FnOnce(&Path) -> Vec<(String, String)>,
    ) -> Kiosk {
        let mut kiosk = Self::start_with_env(name, args, env);
        // The first screen (the page may still be loading: keep looking).
        kiosk.retry("the first screen (main#screen)", STARTUP_TIMEOUT, |s| {
            s.find("main#screen").map(drop)
        });
        kiosk.record_screens();
        kiosk
    }

    /// Like [`Kiosk::launch`] on a virtual screen of `width`×`height` pixels (the kiosk window
    /// is full screen, so this is the window's size too).
    pub fn launch_on_screen(name: &str, args: &[&str], (width, height): (u32, u32)) -> Kiosk {
        Self::launch_with_env(name, args, |_| {
            vec![(SCREEN_SIZE_VAR.to_string(), format!("{width}x{height}"))]
        })
    }

    /// Like [`Kiosk::launch`] but returns as soon as the WebDriver session exists, without
    /// waiting for the app's first screen (for checking the harness against another browser).
    pub fn start(name: &str, args: &[&str]) -> Kiosk {
        Self::start_with_env(name, args, |_| Vec::new())
    }

    /// Like [`Kiosk::start`], with extra environment variables (see [`Kiosk::launch_with_env`]).
    pub fn start_with_env(
        name: &str,
        args: &[&str],
        extra_env: impl FnOnce(&Path) -> Vec<(String, String)>,
    ) -> Kiosk {
        let app = app_path();
        let tauri_driver = tauri_driver_path();
        let native_driver = native_driver_path();
        for (what, path) in [
            (
                "the app binary (build it: cargo build -p enrollment-kiosk)",
                &app,
            ),
            (
                "tauri-driver (install it: cargo xtask test e2e)",
                &tauri_driver,
            ),
            (
                "WebKitWebDriver (apt-get install webkit2gtk-driver)",
                &native_driver,
            ),
        ] {
            assert!(
                path.is_file(),
                "e2e: {what} is missing at {}",
                path.display()
            );
        }
        for program in ["Xvfb", "dbus-run-session"] {
            assert!(
                program_exists(program),
                "e2e: `{program}` is not installed (apt-get install xvfb dbus); `cargo xtask test` installs it"
            );
        }

        let tmp = tempfile::Builder::new()
            .prefix("kiosk-e2e-")
            .tempdir()
            .expect("create a temporary directory");
        let run_dir = tmp.path().to_path_buf();
        let artifacts = target_dir().join("e2e").join(name);
        let _ = fs::remove_dir_all(&artifacts);

        let mut kiosk = Kiosk {
            name: name.to_string(),
            session: None,
            driver: None,
            xvfb: None,
            driver_log: run_dir.join("driver.log"),
            xvfb_log: run_dir.join("xvfb.log"),
            run_dir,
            artifacts,
            recorder: false,
            _tmp: tmp,
        };
        let mut env = kiosk.hermetic_env();
        env.extend(extra_env(&kiosk.run_dir));

        // 1. A virtual screen; Xvfb picks a free display and tells us which.
        let display = kiosk.start_xvfb(&env);
        eprintln!(
            "e2e[{name}]: Xvfb on :{display}, run dir {}",
            kiosk.run_dir.display()
        );

        // 2. tauri-driver (and through it WebKitWebDriver, the app and the WebKit processes)
        //    inside its own D-Bus session, so that nothing D-Bus starts outlives it.
        let (port, native_port) = free_ports();
        let log = fs::File::create(&kiosk.driver_log).expect("create the driver log");
        // A real Secret Service (GNOME Keyring, unlocked) on that bus, as on a kiosk's desktop,
        // so the admin screen can store secrets in the OS credential store.
        let mut command = Command::new("dbus-run-session");
        command
            .args(["--", "sh", "-c", UNLOCKED_KEYRING, "sh"])
            .arg(&tauri_driver)
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .arg("--native-driver")
            .arg(&native_driver)
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("DISPLAY", format!(":{display}"))
            .current_dir(&kiosk.run_dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone the log handle"))
            .stderr(log);
        kiosk.driver = Some(
            ProcessGroup::spawn("tauri-driver", &mut command).expect("start dbus-run-session"),
        );
        eprintln!(
            "e2e[{name}]: tauri-driver on 127.0.0.1:{port} (WebKitWebDriver on {native_port})"
        );

        let driver = Driver::new(port, Duration::from_secs(120));
        let up = wait_until(Duration::from_secs(30), || {
            if let Some(status) = kiosk.driver.as_mut().and_then(ProcessGroup::exited) {
                panic!(
                    "e2e: tauri-driver exited ({status}) before it answered:\n{}",
                    kiosk.log_tail()
                );
            }
            driver.status().is_ok()
        });
        assert!(
            up,
            "e2e: tauri-driver did not answer GET /status within 30 s:\n{}",
            kiosk.log_tail()
        );

        // 3. The session starts the app with our arguments (tauri-driver turns
        //    `tauri:options.args` into `webkitgtk:browserOptions.args`).
        let session = driver
            .new_session(json!({
                "tauri:options": {
                    "application": app,
                    "args": args,
                }
            }))
            .unwrap_or_else(|e| {
                panic!(
                    "e2e: could not start the app through WebDriver: {e}\n{}",
                    kiosk.log_tail()
                )
            });
        kiosk.session = Some(session);
        kiosk
    }

    fn hermetic_env(&self) -> Vec<(String, String)> {
        hermetic_env(&self.run_dir)
    }

    fn start_xvfb(&mut self, env: &[(String, String)]) -> u32 {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;

        let (mut reader, writer) = std::io::pipe().expect("create a pipe for -displayfd");
        let fd = writer.as_raw_fd();
        let log = fs::File::create(&self.xvfb_log).expect("create the Xvfb log");
        let mut command = Command::new("Xvfb");
        command
            .args(["-displayfd", &fd.to_string()])
            .args([
                "-screen",
                "0",
                &format!("{}x24", screen_size(env)),
                "-nolisten",
                "tcp",
            ])
            .env_clear()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.run_dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone the log handle"))
            .stderr(log);
        // SAFETY: only async-signal-safe fcntl calls between fork and exec: let Xvfb inherit
        // the pipe's write end (std opens it close-on-exec).
        unsafe {
            command.pre_exec(move || {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                if flags < 0 || libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        self.xvfb = Some(ProcessGroup::spawn("Xvfb", &mut command).expect("start Xvfb"));
        drop(writer);

        // Xvfb writes "<display>\n" once it accepts connections; EOF means it died.
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = Vec::new();
            let mut byte = [0u8; 1];
            while let Ok(1) = reader.read(&mut byte) {
                if byte[0] == b'\n' {
                    break;
                }
                line.push(byte[0]);
            }
            let _ = tx.send(String::from_utf8_lossy(&line).trim().to_string());
        });
        let answer = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
        answer.parse().unwrap_or_else(|_| {
            panic!(
                "e2e: Xvfb did not report a display (got {answer:?}):\n{}",
                fs::read_to_string(&self.xvfb_log).unwrap_or_default()
            )
        })
    }

    pub fn session(&self) -> &Session {
        self.session
            .as_ref()
            .expect("the WebDriver session is open")
    }

    /// Closes the app as its WebDriver session ends and waits until its process has exited, so
    /// that whatever it (and its webview) would write is on disk. Panics when it outlives
    /// `timeout`. The display and the driver stay up for the rest of the test.
    pub fn quit_app(&mut self, timeout: Duration) {
        if let Some(session) = self.session.take() {
            session
                .delete()
                .unwrap_or_else(|e| panic!("e2e[{}]: ending the session failed: {e}", self.name));
        }
        let app_is_running = |run_dir: &Path| {
            process::marked_processes(run_dir)
                .iter()
                .any(|p| p.cmdline.contains("enrollment-kiosk") && !p.cmdline.contains("driver"))
        };
        let exited = wait_until(timeout, || !app_is_running(&self.run_dir));
        assert!(
            exited,
            "e2e[{}]: the app was still running {timeout:?} after its session ended",
            self.name
        );
    }

    /// The temporary directory of this run (holds `driver.log`, the hermetic HOME, …).
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    /// Everything tauri-driver, WebKitWebDriver and the app wrote so far.
    pub fn log(&self) -> String {
        fs::read_to_string(&self.driver_log).unwrap_or_default()
    }

    fn log_tail(&self) -> String {
        let log = self.log();
        let lines: Vec<&str> = log.lines().collect();
        let start = lines.len().saturating_sub(40);
        format!(
            "--- last lines of {} ---\n{}",
            self.driver_log.display(),
            lines[start..].join("\n")
        )
    }

    // ---- teardown ---------------------------------------------------------------------------

    fn keep_screen_evidence(&self) {
        let _ = fs::create_dir_all(&self.artifacts);
        if let Some(session) = &self.session {
            let _ = session.execute(PAINT_NUDGE, vec![]);
            match session.screenshot_png() {
                Ok(png) => {
                    let _ = fs::write(self.artifacts.join("screenshot.png"), png);
                }
                Err(e) => eprintln!("e2e[{}]: no screenshot: {e}", self.name),
            }
            if let Ok(source) = session.page_source() {
                let _ = fs::write(self.artifacts.join("page.html"), source);
            }
            let _ = fs::write(
                self.artifacts.join("screens.txt"),
                self.screens_seen().join("\n"),
            );
        }
    }

    fn keep_logs(&self) {
        let _ = fs::create_dir_all(&self.artifacts);
        let _ = fs::copy(&self.driver_log, self.artifacts.join("app-and-driver.log"));
        let _ = fs::copy(&self.xvfb_log, self.artifacts.join("xvfb.log"));
        eprintln!(
            "e2e[{}]: kept the screenshot, page source and app/driver log in {}",
            self.name,
            self.artifacts.display()
        );
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        let failed = thread::panicking();
        if failed {
            self.keep_screen_evidence();
        }
        // Ask politely first (closes the app), then take down both process groups.
        if let Some(session) = self.session.take() {
            let _ = session.delete();
        }
        if let Some(mut driver) = self.driver.take() {
            driver.terminate();
        }
        if let Some(mut xvfb) = self.xvfb.take() {
            xvfb.terminate();
        }
        // Anything of this run that escaped its process group is found by its environment.
        wait_until(Duration::from_secs(3), || {
            process::marked_processes(&self.run_dir).is_empty()
        });
        let escaped = process::kill_marked(&self.run_dir);
        if failed {
            self.keep_logs();
        }
        if !escaped.is_empty() {
            let list: Vec<String> = escaped
                .iter()
                .map(|p| format!("{} {}", p.pid, p.cmdline))
                .collect();
            eprintln!(
                "e2e[{}]: killed processes that outlived their group:\n  {}",
                self.name,
                list.join("\n  ")
            );
        }
        wait_until(Duration::from_secs(3), || {
            process::marked_processes(&self.run_dir).is_empty()
        });
        let left = process::marked_processes(&self.run_dir);
        if !left.is_empty() && !failed {
            panic!(
                "e2e[{}]: processes still running after teardown: {left:?}",
                self.name
            );
        }
    }
}

/// See [`Kiosk::screenshot`]. Styles are set through the CSSOM, which the app's CSP allows.
pub(crate) const PAINT_NUDGE: &str = "
    const dot = document.createElement('div');
    dot.setAttribute('aria-hidden', 'true');
    const s = dot.style;
    s.position = 'fixed'; s.left = '0'; s.top = '0'; s.width = '1px'; s.height = '1px';
    s.pointerEvents = 'none'; s.zIndex = '2147483647'; s.background = 'rgb(0, 0, 0)';
    s.opacity = '0.01';
    document.body.appendChild(dot);
    let n = 0;
    const id = setInterval(() => {
        n += 1;
        s.opacity = n % 2 ? '0.02' : '0.01';
        if (n >= 40) { clearInterval(id); dot.remove(); }
    }, 50);
";

/// Starts an unlocked GNOME Keyring (the Secret Service) on the D-Bus session, then runs the
/// command given after it (`sh -c UNLOCKED_KEYRING sh PROGRAM ARGS…`).
const UNLOCKED_KEYRING: &str =
    "echo -n kiosk | gnome-keyring-daemon --unlock --components=secrets \
                                >/dev/null 2>&1; exec \"$@\"";

/// The environment every process of the run in `dir` gets: its own `HOME`, XDG directories
/// (created here) and `TMPDIR`, the run marker, and the few outside variables still needed.
pub fn hermetic_env(dir: &Path) -> Vec<(String, String)> {
    let sub = |name: &str| {
        let path = dir.join(name);
        fs::create_dir_all(&path).expect("create a hermetic directory");
        path.display().to_string()
    };
    let runtime = sub("runtime");
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&runtime, fs::Permissions::from_mode(0o700))
            .expect("chmod 0700 XDG_RUNTIME_DIR");
    }
    let mut env = vec![
        (RUN_MARKER.to_string(), dir.display().to_string()),
        ("HOME".into(), sub("home")),
        ("XDG_CONFIG_HOME".into(), sub("config")),
        ("XDG_DATA_HOME".into(), sub("data")),
        ("XDG_CACHE_HOME".into(), sub("cache")),
        ("XDG_STATE_HOME".into(), sub("state")),
        ("XDG_RUNTIME_DIR".into(), runtime),
        ("TMPDIR".into(), sub("tmp")),
        ("RUST_BACKTRACE".into(), "1".into()),
    ];
    // A few variables from outside are still needed (finding programs, locale, log level).
    for var in [
        "PATH", "LANG", "LC_ALL", "RUST_LOG", "USER", "LOGNAME", "SHELL",
    ] {
        if let Ok(value) = std::env::var(var) {
            env.push((var.to_string(), value));
        }
    }
    if !env.iter().any(|(k, _)| k == "PATH") {
        env.push(("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into()));
    }
    env
}

/// Runs `program` with `args` the way the kiosk's own desktop session will run the app: in the
/// hermetic environment of the run in `run_dir`, on a D-Bus session with the same GNOME Keyring
/// (unlocked), with `input` on its standard input. For what an administrator does on a kiosk
/// before it starts, e.g. `enrollment-kiosk --store-secret relay-token`. Panics with the
/// command's output when it fails. The session's keyring daemon is gone when this returns, so
/// the kiosk's own session starts a fresh one on the same keyring files.
pub fn run_in_desktop_session(
    run_dir: &Path,
    program: &Path,
    args: &[&str],
    input: &str,
) -> String {
    use std::io::Write;
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "sh", "-c", UNLOCKED_KEYRING, "sh"])
        .arg(program)
        .args(args)
        .env_clear()
        .envs(hermetic_env(run_dir))
        .current_dir(run_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("e2e: could not start dbus-run-session: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .expect("write the command's standard input");
    }
    let output = child
        .wait_with_output()
        .expect("wait for the command in the desktop session");
    let shown = format!("{} {}", program.display(), args.join(" "));
    assert!(
        output.status.success(),
        "e2e: `{shown}` failed in the desktop session ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let keyring_gone = |run_dir: &Path| {
        !process::marked_processes(run_dir)
            .iter()
            .any(|p| p.cmdline.contains("gnome-keyring-daemon"))
    };
    if !wait_until(Duration::from_secs(3), || keyring_gone(run_dir)) {
        for p in process::marked_processes(run_dir) {
            if p.cmdline.contains("gnome-keyring-daemon") {
                // SAFETY: kill(2) of a daemon this run started, found by the run's marker.
                unsafe {
                    libc::kill(p.pid, libc::SIGTERM);
                }
            }
        }
        assert!(
            wait_until(Duration::from_secs(5), || keyring_gone(run_dir)),
            "e2e: the keyring daemon of `{shown}` did not exit"
        );
    }
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Set in the launch environment to choose the virtual screen's size (`WIDTHxHEIGHT`).
const SCREEN_SIZE_VAR: &str = "E2E_SCREEN_SIZE";

/// The virtual screen's size: [`SCREEN_SIZE_VAR`] when the launch set it, else 1920×1080.
fn screen_size(env: &[(String, String)]) -> &str {
    env.iter()
        .find(|(key, value)| key == SCREEN_SIZE_VAR && !value.is_empty())
        .map_or("1920x1080", |(_, value)| value.as_str())
}
