//! The Linux package as an IT department meets it: the `.deb` that `cargo xtask package` built
//! (`KIOSK_DEB`) is installed into this machine with `dpkg -i`; `enrollment-kiosk` is then on
//! PATH and answers `--version` with the package's version; the desktop entry is valid and its
//! command and icon resolve; the systemd user unit parses and names the installed binary; the
//! installed app starts in demo mode under Xvfb and shows Welcome. Then `dpkg -r` takes it all
//! away again, and the test checks that nothing of it is left.
//!
//! Welcome is checked as a person sees it, read off a screenshot of the virtual screen
//! (Tesseract), for any build; and for a debug build (`KIOSK_DEB_DRIVABLE=1`) also through
//! the end-to-end harness (WebDriver), which a release build refuses by design: its webview is
//! always incognito, and WebKitGTK cannot automate an ephemeral one.
//!
//! It changes the system (as root, or through sudo), so the ordinary e2e run skips it:
//! `cargo xtask test package` (the debug build's package) and `cargo xtask package --test`
//! (the release package) run it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use e2e::process::{marked_processes, wait_until, ProcessGroup};
use e2e::Kiosk;

const PACKAGE: &str = "enrollment-kiosk";
const BINARY: &str = "/usr/bin/enrollment-kiosk";
const DESKTOP_ENTRY: &str = "/usr/share/applications/Enrollment Kiosk.desktop";
const USER_UNIT: &str = "/usr/lib/systemd/user/enrollment-kiosk.service";
/// What the staffed Welcome screen's start button says (ui/src/screens/welcome.ts).
const WELCOME_WORDS: &str = "Start enrollment";
const ICONS: &[&str] = &[
    "/usr/share/icons/hicolor/32x32/apps/enrollment-kiosk.png",
    "/usr/share/icons/hicolor/128x128/apps/enrollment-kiosk.png",
    "/usr/share/icons/hicolor/512x512/apps/enrollment-kiosk.png",
];

#[test]
#[ignore = "installs a package into the system; run by `cargo xtask test package` or `cargo xtask package --test`"]
fn the_deb_installs_starts_in_demo_mode_and_removes_cleanly() {
    let deb = PathBuf::from(
        std::env::var_os("KIOSK_DEB")
            .expect("KIOSK_DEB names the .deb to test (cargo xtask package --test sets it)"),
    );
    assert!(deb.is_file(), "no package at {}", deb.display());

    // What the package says it is, and what it holds.
    assert_eq!(deb_field(&deb, "Package"), PACKAGE);
    let version = deb_field(&deb, "Version");
    assert_eq!(
        version,
        env!("CARGO_PKG_VERSION"),
        "the package's version is the workspace's"
    );
    let depends = deb_field(&deb, "Depends");
    for library in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        assert!(depends.contains(library), "Depends: {depends}");
    }
    let contents = stdout(run(Command::new("dpkg-deb").arg("--contents").arg(&deb)));
    for path in [BINARY, DESKTOP_ENTRY, USER_UNIT].iter().chain(ICONS) {
        // dpkg-deb lists `usr/…` or `./usr/…`, depending on how the archive was made.
        let relative = path.trim_start_matches('/');
        assert!(
            contents
                .lines()
                .any(|line| line.ends_with(&format!(" {relative}"))
                    || line.ends_with(&format!("./{relative}"))),
            "{path} is not in the package:\n{contents}"
        );
    }

    assert!(
        !is_installed(),
        "{PACKAGE} is already installed on this machine (version {}). The test installs and \
         removes it, so it would not leave the machine as it found it: remove it first \
         (dpkg -r {PACKAGE}).",
        installed_version()
    );

    let mut installed = Installed::install(&deb);
    assert_eq!(installed_version(), version);

    // On PATH, and the one the package put there.
    let on_path = which(PACKAGE).expect("enrollment-kiosk is on PATH after dpkg -i");
    assert_eq!(on_path, Path::new(BINARY));
    let answer = stdout(run(Command::new(PACKAGE).arg("--version")));
    assert_eq!(answer.trim(), format!("{PACKAGE} {version}"));

    // The desktop entry: valid, and what it starts and shows is installed.
    run(Command::new("desktop-file-validate").arg(DESKTOP_ENTRY));
    let entry = fs::read_to_string(DESKTOP_ENTRY).expect("the desktop entry");
    let key = |name: &str| {
        entry
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("the desktop entry has no {name}=:\n{entry}"))
            .to_string()
    };
    assert_eq!(key("Name"), "Enrollment Kiosk");
    let exec = key("Exec");
    let program = exec.split_whitespace().next().unwrap_or_default();
    assert_eq!(
        which(program).as_deref(),
        Some(Path::new(BINARY)),
        "Exec={exec}"
    );
    let icon = key("Icon");
    for path in ICONS {
        assert!(Path::new(path).is_file(), "{path} is missing");
        assert!(path.ends_with(&format!("/apps/{icon}.png")), "Icon={icon}");
    }

    // The systemd user unit (autostart): it parses and its ExecStart exists.
    let unit = fs::read_to_string(USER_UNIT).expect("the user unit");
    assert!(
        unit.lines().any(|l| l == format!("ExecStart={BINARY}")),
        "{unit}"
    );
    run(Command::new("systemd-analyze").arg("verify").arg(USER_UNIT));

    // The installed app in demo mode (an empty HOME: no configuration), Welcome on the
    // virtual screen as a person reads it.
    let screen = read_the_screen_of(&on_path);
    println!("package test: the installed kiosk's screen reads:\n{screen}");

    // Driven through WebDriver like the end-to-end tests (a debug build only).
    if std::env::var("KIOSK_DEB_DRIVABLE").as_deref() == Ok("1") {
        std::env::set_var("KIOSK_APP", &on_path);
        let kiosk = Kiosk::launch("package", &["--demo"]);
        kiosk.wait_screen("welcome");
        let app = marked_processes(kiosk.run_dir())
            .into_iter()
            .find(|p| p.cmdline.contains(PACKAGE) && !p.cmdline.contains("driver"))
            .expect("the app process");
        assert_eq!(
            fs::read_link(format!("/proc/{}/exe", app.pid)).expect("the app's executable"),
            Path::new(BINARY),
            "the running kiosk is the installed one"
        );
    } else {
        println!("package test: a release build: not driven through WebDriver (always incognito)");
    }

    // dpkg -r leaves nothing behind.
    installed.remove();
    assert!(!is_installed(), "dpkg still knows {PACKAGE}");
    for path in [BINARY, DESKTOP_ENTRY, USER_UNIT].iter().chain(ICONS) {
        assert!(!Path::new(path).exists(), "{path} is left after dpkg -r");
    }
    assert_eq!(which(PACKAGE), None);
}

/// Starts `binary --demo` under its own Xvfb and D-Bus session, in a hermetic HOME, and reads
/// the screen (a screenshot a second, read by Tesseract) until the Welcome screen's words show;
/// returns what it read. Panics, keeping the last screenshot and the app's output in
/// target/e2e/package-screen/, when they do not show within 90 s or the app exits.
fn read_the_screen_of(binary: &Path) -> String {
    // $1 the app, $2 the screenshot to keep fresh, $3 the file that says stop.
    const SCREENSHOTS: &str = r#"
        "$1" --demo & app=$!
        while kill -0 "$app" 2>/dev/null && [ ! -e "$3" ]; do
            sleep 1
            import -window root "$2.new.png" 2>/dev/null && mv "$2.new.png" "$2"
        done
        kill "$app" 2>/dev/null
        wait "$app"
    "#;
    let run = tempfile::Builder::new()
        .prefix("kiosk-package-")
        .tempdir()
        .expect("a temporary directory");
    let shot = run.path().join("screen.png");
    let stop = run.path().join("stop");
    let log_path = run.path().join("app.log");
    let log = fs::File::create(&log_path).expect("the app's log");
    let mut command = Command::new("xvfb-run");
    command
        .args([
            "--auto-servernum",
            "--server-args=-screen 0 1920x1080x24 -nolisten tcp",
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            SCREENSHOTS,
            "sh",
        ])
        .arg(binary)
        .arg(&shot)
        .arg(&stop)
        .env_clear()
        .envs(e2e::hermetic_env(run.path()))
        .current_dir(run.path())
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("the log, twice"))
        .stderr(log);
    let mut group = ProcessGroup::spawn("xvfb-run", &mut command).expect("start xvfb-run");

    let mut text = String::new();
    let mut exited = None;
    let shown = wait_until(Duration::from_secs(90), || {
        exited = group.exited();
        if exited.is_some() || !shot.is_file() {
            return exited.is_some();
        }
        if let Ok(out) = Command::new("tesseract").arg(&shot).arg("-").output() {
            text = String::from_utf8_lossy(&out.stdout).into_owned();
        }
        text.contains(WELCOME_WORDS)
    });
    let _ = fs::write(&stop, "");
    group.terminate();
    if !shown || exited.is_some() {
        let keep = e2e::target_dir().join("e2e").join("package-screen");
        let _ = fs::create_dir_all(&keep);
        let _ = fs::copy(&shot, keep.join("screen.png"));
        let _ = fs::copy(&log_path, keep.join("app.log"));
        panic!(
            "the installed kiosk's screen never showed \"{WELCOME_WORDS}\" (exited: {exited:?}); \
             it read:\n{text}\nscreenshot and app output kept in {}",
            keep.display()
        );
    }
    text
}

/// The package installed by this test; removed on drop too, so a failing test leaves the
/// machine as it found it.
struct Installed {
    removed: bool,
}

impl Installed {
    fn install(deb: &Path) -> Installed {
        dpkg(&["-i".as_ref(), deb.as_os_str()]);
        Installed { removed: false }
    }

    fn remove(&mut self) {
        self.removed = true;
        dpkg(&["-r".as_ref(), PACKAGE.as_ref()]);
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        if !self.removed {
            self.removed = true;
            eprintln!("package test: removing {PACKAGE} after a failure");
            let _ = privileged("dpkg").args(["-r", PACKAGE]).status();
        }
    }
}

/// Runs dpkg as root, waiting while another dpkg or apt holds its lock (another build on the
/// machine may be installing packages).
fn dpkg(args: &[&std::ffi::OsStr]) {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let out = privileged("dpkg").args(args).output().expect("run dpkg");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            print!("{}", String::from_utf8_lossy(&out.stdout));
            return;
        }
        if stderr.contains("lock") && Instant::now() < deadline {
            eprintln!("package test: dpkg is busy, waiting: {}", stderr.trim());
            std::thread::sleep(Duration::from_secs(5));
            continue;
        }
        panic!(
            "dpkg {args:?} failed ({}):\n{}{stderr}",
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// `program` as root: directly when this is root, else through sudo (as xtask installs
/// packages).
fn privileged(program: &str) -> Command {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        Command::new(program)
    } else {
        let mut command = Command::new("sudo");
        command.arg(program);
        command
    }
}

fn is_installed() -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", PACKAGE])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "install ok installed")
        .unwrap_or(false)
}

fn installed_version() -> String {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", PACKAGE])
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .unwrap_or_default()
}

fn deb_field(deb: &Path, field: &str) -> String {
    stdout(run(Command::new("dpkg-deb")
        .arg("--field")
        .arg(deb)
        .arg(field)))
    .trim()
    .to_string()
}

/// Where `program` is found on PATH, as a shell would find it.
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn run(command: &mut Command) -> Output {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
