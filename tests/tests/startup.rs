//! Cold start and memory (targets: an interactive Welcome within 1.5 s, app RSS under
//! 150 MB), for the debug build and the release build. A benchmark: it prints figures and
//! asserts nothing about time.
//!
//! The debug build is measured twice: through WebDriver as the other end-to-end tests run it
//! (the page records when Welcome's script ran), and started directly like the release build.
//! WebDriver cannot drive a release build (its webview is always incognito, and WebKitGTK
//! cannot automate an ephemeral one), so a direct start is timed from the outside, as a person
//! sees it: the virtual screen is read through Xlib every 40 ms, and Welcome counts as shown
//! at the first look that matches the picture the screen then keeps for 3 s.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use e2e::process::{kill_marked, marked_processes, wait_until, Marked, ProcessGroup};
use e2e::Kiosk;

fn status_kb(pid: i32, field: &str) -> u64 {
    proc_kb(pid, "status", field)
}

fn proc_kb(pid: i32, file: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_default()
}

/// How long ago the process started, in ms (from /proc, 10 ms resolution).
fn process_age_ms(pid: i32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("its stat");
    // Field 22 (starttime), counting from the fields after the command name's ")".
    let after_name = stat.rsplit_once(')').expect("stat has a name").1;
    let start_ticks: f64 = after_name
        .split_whitespace()
        .nth(19)
        .and_then(|t| t.parse().ok())
        .expect("starttime");
    // SAFETY: sysconf has no preconditions.
    let ticks_per_sec = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split_whitespace().next()?.parse().ok())
        .expect("uptime");
    (uptime - start_ticks / ticks_per_sec) * 1000.0
}

/// One process's memory, in MiB: resident, peak resident, its own (private) pages and its
/// proportional share (PSS: shared pages divided among the processes that map them).
#[derive(Clone, Copy, Default)]
struct Memory {
    rss: f64,
    peak: f64,
    private: f64,
    pss: f64,
}

impl Memory {
    fn of(pid: i32) -> Memory {
        let mib = |kb: u64| kb as f64 / 1024.0;
        Memory {
            rss: mib(status_kb(pid, "VmRSS:")),
            peak: mib(status_kb(pid, "VmHWM:")),
            private: mib(proc_kb(pid, "smaps_rollup", "Private_Clean:")
                + proc_kb(pid, "smaps_rollup", "Private_Dirty:")),
            pss: mib(proc_kb(pid, "smaps_rollup", "Pss:")),
        }
    }

    fn add(self, other: Memory) -> Memory {
        Memory {
            rss: self.rss + other.rss,
            peak: self.peak + other.peak,
            private: self.private + other.private,
            pss: self.pss + other.pss,
        }
    }
}

/// The app's memory and its WebKit processes' (web and network), summed.
fn memory(processes: &[Marked], app: i32) -> (Memory, Memory, Vec<String>) {
    let mut webkit = Memory::default();
    let mut lines = Vec::new();
    for web in processes
        .iter()
        .filter(|p| p.cmdline.contains("webkit2gtk-4.1/WebKit"))
    {
        let m = Memory::of(web.pid);
        let name = web
            .cmdline
            .split_whitespace()
            .next()
            .and_then(|exe| exe.rsplit('/').next())
            .unwrap_or_default();
        lines.push(format!(
            "{name}: RSS {:.0} MiB, private {:.0} MiB, PSS {:.0} MiB",
            m.rss, m.private, m.pss
        ));
        webkit = webkit.add(m);
    }
    (Memory::of(app), webkit, lines)
}

fn the_app(processes: &[Marked]) -> &Marked {
    processes
        .iter()
        .find(|p| p.cmdline.contains("enrollment-kiosk") && !p.cmdline.contains("driver"))
        .expect("the app process")
}

/// What one start measured.
struct Start {
    welcome_ms: f64,
    app: Memory,
    webkit: Memory,
}

/// The debug build through WebDriver, as the end-to-end tests run it: process start → the
/// moment Welcome's script made it usable (`window.__welcomeShownAt`).
fn through_webdriver() -> Start {
    let kiosk = Kiosk::launch("startup_benchmark", &["--demo"]);
    kiosk.wait_screen("welcome");
    let processes = marked_processes(kiosk.run_dir());
    let app = the_app(&processes);
    let shown_at = kiosk
        .session()
        .execute("return window.__welcomeShownAt || 0;", vec![])
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or_default();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0;
    let age = process_age_ms(app.pid);
    assert!(shown_at > 0.0, "Welcome records when it was shown");
    let (app_memory, webkit, lines) = memory(&processes, app.pid);
    for line in lines {
        println!("  {line}");
    }
    Start {
        welcome_ms: age - (now - shown_at),
        app: app_memory,
        webkit,
    }
}

/// How often the screen is looked at while the app starts. One look (the band below,
/// 3.7 MB from Xvfb) takes 5–7 ms of CPU here, so looking costs about 15 % of one core.
const LOOK_EVERY: Duration = Duration::from_millis(40);

/// The virtual screen, read through Xlib (loaded at run time).
struct Screen {
    xlib: x11_dl::xlib::Xlib,
    display: *mut x11_dl::xlib::Display,
    root: std::os::raw::c_ulong,
    width: u32,
    height: u32,
}

impl Screen {
    fn open(display: &str) -> Screen {
        let xlib = x11_dl::xlib::Xlib::open().expect("libX11 (apt-get install libx11-6)");
        let name = std::ffi::CString::new(display).expect("a display name");
        // SAFETY: Xlib calls on a display this struct owns until drop.
        unsafe {
            let dpy = (xlib.XOpenDisplay)(name.as_ptr());
            assert!(!dpy.is_null(), "could not open the X display {display}");
            let screen = (xlib.XDefaultScreen)(dpy);
            let (width, height) = (
                (xlib.XDisplayWidth)(dpy, screen) as u32,
                (xlib.XDisplayHeight)(dpy, screen) as u32,
            );
            let root = (xlib.XDefaultRootWindow)(dpy);
            Screen {
                xlib,
                display: dpy,
                root,
                width,
                height,
            }
        }
    }

    /// The band of the screen Welcome's title, text and buttons are drawn in (the middle rows,
    /// full width): a digest of every 4th pixel of every 2nd row (cheap enough to look every
    /// [`LOOK_EVERY`] without taking a core from the start being timed), whether those pixels show
    /// anything but one colour, and the band's raw pixels.
    fn look(&self) -> Look {
        let (top, rows) = (self.height * 3 / 10, self.height * 9 / 20);
        // SAFETY: XGetImage on our display's root window; the image is read within its
        // bytes_per_line × height and destroyed before returning.
        unsafe {
            let image = (self.xlib.XGetImage)(
                self.display,
                self.root,
                0,
                top as i32,
                self.width,
                rows,
                !0,
                x11_dl::xlib::ZPixmap,
            );
            assert!(!image.is_null(), "XGetImage failed");
            let stride = (*image).bytes_per_line as usize;
            let height = (*image).height as usize;
            let pixels =
                std::slice::from_raw_parts((*image).data as *const u8, stride * height).to_vec();
            (self.xlib.XDestroyImage)(image);
            let pixel = |at: usize| {
                u32::from_ne_bytes([pixels[at], pixels[at + 1], pixels[at + 2], pixels[at + 3]])
                    & 0xff_ffff
            };
            let first = pixel(0);
            let mut digest = 0xcbf2_9ce4_8422_2325u64;
            let mut differing = 0usize;
            for row in (0..height).step_by(2) {
                for at in (row * stride..(row + 1) * stride).step_by(16) {
                    let value = pixel(at);
                    digest = (digest ^ u64::from(value)).wrapping_mul(0x0100_0000_01b3);
                    differing += usize::from(value != first);
                }
            }
            Look {
                digest,
                drawn: differing > 100,
                pixels,
                stride,
            }
        }
    }
}

/// One look at the screen's band (see [`Screen::look`]).
struct Look {
    digest: u64,
    drawn: bool,
    /// 24-bit TrueColor in 32-bit pixels (0x00RRGGBB), `stride` bytes a row.
    pixels: Vec<u8>,
    stride: usize,
}

impl Look {
    fn to_rgb(&self) -> image::RgbImage {
        let (width, height) = (self.stride / 4, self.pixels.len() / self.stride);
        let mut rgb = Vec::with_capacity(width * height * 3);
        for pixel in self.pixels.chunks_exact(4) {
            let value = u32::from_ne_bytes([pixel[0], pixel[1], pixel[2], pixel[3]]);
            rgb.extend_from_slice(&[(value >> 16) as u8, (value >> 8) as u8, value as u8]);
        }
        image::RgbImage::from_raw(width as u32, height as u32, rgb).expect("a whole band")
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        // SAFETY: the display opened in `open`, closed once.
        unsafe {
            (self.xlib.XCloseDisplay)(self.display);
        }
    }
}

/// Starts `binary --demo` directly (no WebDriver) on its own Xvfb and D-Bus session, in a
/// hermetic HOME, and times process start → Welcome on the screen; reads the memory once
/// the screen has settled. Every picture the band showed is kept in `looks_dir` as
/// `<ms after process start>.png`, to see what the time means.
fn started_directly(binary: &Path, looks_dir: &Path) -> Start {
    let run = tempfile::Builder::new()
        .prefix("kiosk-startup-")
        .tempdir()
        .expect("a temporary directory");
    let env = e2e::hermetic_env(run.path());
    let mut xvfb = Command::new("Xvfb");
    xvfb.args([
        "-displayfd",
        "1",
        "-screen",
        "0",
        "1920x1080x24",
        "-nolisten",
        "tcp",
    ])
    .env_clear()
    .envs(env.iter().map(|(k, v)| (k, v)))
    .current_dir(run.path())
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut xvfb = ProcessGroup::spawn("Xvfb", &mut xvfb).expect("start Xvfb");
    let mut line = String::new();
    BufReader::new(xvfb.take_stdout().expect("Xvfb's standard output"))
        .read_line(&mut line)
        .expect("Xvfb's display number");
    let display = format!(":{}", line.trim());
    let screen = Screen::open(&display);
    let before = screen.look().digest;

    let log = run.path().join("app.log");
    let log_file = std::fs::File::create(&log).expect("the app's log");
    let mut command = Command::new("dbus-run-session");
    command
        .arg("--")
        .arg(binary)
        .arg("--demo")
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("DISPLAY", &display)
        .current_dir(run.path())
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().expect("the log, twice"))
        .stderr(log_file);
    let mut app_group = ProcessGroup::spawn("the app", &mut command).expect("start the app");

    // Every look at the screen, until it has kept one non-blank picture for 3 s.
    let mut looks: Vec<(Instant, Look)> = Vec::new();
    let mut app: Option<(i32, Instant)> = None;
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut next_look = Instant::now();
    let settled = loop {
        if Instant::now() >= deadline {
            break false;
        }
        if let Some(status) = app_group.exited() {
            panic!(
                "the app exited ({status}) before Welcome showed:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        if app.is_none() {
            if let Some(p) = marked_processes(run.path())
                .iter()
                .find(|p| p.cmdline.starts_with(&*binary.to_string_lossy()))
            {
                let now = Instant::now();
                let age = Duration::from_secs_f64(process_age_ms(p.pid).max(0.0) / 1000.0);
                app = Some((p.pid, now.checked_sub(age).unwrap_or(now)));
            }
        }
        let look = screen.look();
        let (digest, drawn) = (look.digest, look.drawn);
        let now = Instant::now();
        if looks.last().is_none_or(|(_, last)| last.digest != digest) {
            looks.push((now, look));
        }
        let since = looks.last().expect("a look").0;
        if drawn
            && digest != before
            && app.is_some()
            && now.duration_since(since) >= Duration::from_secs(3)
        {
            break true;
        }
        next_look += LOOK_EVERY;
        std::thread::sleep(next_look.saturating_duration_since(Instant::now()));
    };
    assert!(
        settled,
        "the screen never settled on a picture within 90 s:\n{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    let (pid, started) = app.expect("the app process");
    let shown = looks.last().expect("a look").0;
    let _ = std::fs::remove_dir_all(looks_dir);
    std::fs::create_dir_all(looks_dir).expect("a folder for the looks");
    let mut changes = Vec::new();
    for (at, look) in &looks {
        let ms = at.saturating_duration_since(started).as_millis();
        let _ = look.to_rgb().save(looks_dir.join(format!("{ms:05}.png")));
        changes.push(ms.to_string());
    }
    println!(
        "  the screen's middle band changed at {} ms after process start (pictures in {})",
        changes.join(", "),
        looks_dir.display()
    );
    let processes = marked_processes(run.path());
    let (app_memory, webkit, lines) = memory(&processes, pid);
    for line in lines {
        println!("  {line}");
    }
    // Xlib ends the process when its server goes away under an open display: close first.
    drop(screen);
    app_group.terminate();
    xvfb.terminate();
    wait_until(Duration::from_secs(3), || {
        marked_processes(run.path()).is_empty()
    });
    kill_marked(run.path());
    Start {
        welcome_ms: shown.duration_since(started).as_secs_f64() * 1000.0,
        app: app_memory,
        webkit,
    }
}

/// The release build: `KIOSK_RELEASE_APP`, else target/release/enrollment-kiosk (`cargo xtask
/// bench` builds it as `cargo xtask package` does, with `custom-protocol`).
fn release_app() -> PathBuf {
    std::env::var_os("KIOSK_RELEASE_APP")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| e2e::target_dir().join("release").join("enrollment-kiosk"))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn row(build: &str, starts: &[Start]) {
    let of = |f: fn(&Start) -> f64| median(starts.iter().map(f).collect());
    let times: Vec<String> = starts
        .iter()
        .map(|s| format!("{:.0}", s.welcome_ms))
        .collect();
    println!(
        "| {build} | {:.0} ms ({}) | {:.0} MiB | {:.0} MiB | {:.0} MiB | {:.0} MiB | {:.0} MiB | {:.0} MiB | {:.0} MiB |",
        of(|s| s.welcome_ms),
        times.join(", "),
        of(|s| s.app.rss),
        of(|s| s.app.peak),
        of(|s| s.app.private),
        of(|s| s.app.pss),
        of(|s| s.webkit.rss),
        of(|s| s.webkit.private),
        of(|s| s.webkit.pss),
    );
}

/// Run by `cargo xtask bench` (or `cargo xtask bench startup`). `STARTUP_BENCH_RUNS` direct
/// starts per build (default 3); the medians are printed.
#[test]
#[ignore = "benchmark; run explicitly"]
fn startup_benchmark() {
    let runs: usize = std::env::var("STARTUP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    println!("debug build through WebDriver:");
    let driven = through_webdriver();
    let mut builds = vec![("debug", e2e::app_path())];
    let release = release_app();
    if release.is_file() {
        builds.push(("release", release));
    } else {
        println!(
            "no release build at {} (cargo xtask bench builds it)",
            release.display()
        );
    }
    let mut measured = Vec::new();
    for (build, binary) in &builds {
        let mut starts = Vec::new();
        for n in 1..=runs {
            println!(
                "{build} build started directly ({n} of {runs}), {}:",
                binary.display()
            );
            let looks = e2e::target_dir()
                .join("e2e")
                .join("startup_benchmark")
                .join(format!("{build}-{n}"));
            let start = started_directly(binary, &looks);
            println!(
                "  process start -> Welcome on screen {:.0} ms; app RSS {:.0} MiB, PSS {:.0} MiB",
                start.welcome_ms, start.app.rss, start.app.pss
            );
            starts.push(start);
        }
        measured.push((build, starts));
    }
    println!(
        "\nstart-up and memory (demo mode: the stand-ins start first; memory once Welcome \
         has settled; medians of {runs} direct starts, each start's time in brackets; load \
         average of this shared machine now: {})",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    println!(
        "| build | process start → Welcome | app RSS | app peak RSS | app private | app PSS | WebKit RSS | WebKit private | WebKit PSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    row("debug, through WebDriver (page script ran)", &[driven]);
    for (build, starts) in &measured {
        row(&format!("{build}, started directly (on screen)"), starts);
    }
}
