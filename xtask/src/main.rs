//! `cargo xtask`: the project's developer commands (std only).
//!
//! Every command first makes sure the prerequisites are there and says what it installs:
//! system packages (Debian/Ubuntu, through apt-get), the UI's npm dependencies, and
//! tauri-driver in the project-local `tools/` folder.

mod architecture;
mod eval;
mod fuzz;
mod package;
mod relay_bench;

use std::env;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::SystemTime;

const HELP: &str = "\
cargo xtask <command>

Commands:
  demo                 Install what is missing, build the UI and the app, start it in demo mode.
                       Extra arguments after `--` go to the app.
  demo --headless      Walk one whole enrollment in demo mode under Xvfb and write a PNG of
                       every screen at 1920x1080, 1080x1920 and 1366x768 to target/demo/.
  test [GROUP]         Install what is missing and run every test, stopping at the first failure:
                         ui       UI type check and unit tests (npm run typecheck, npm test)
                         rust     Rust unit and integration tests (all crates except e2e)
                         e2e      end-to-end tests: the real app under Xvfb through WebDriver
                         package  the .deb of the debug build: installed with dpkg -i, run
                                  (--version; demo mode under Xvfb), removed with dpkg -r
                         windows  type-check the Windows build (x86_64-pc-windows-gnu)
                       Without GROUP all five run, in that order.
                       A single e2e test: cargo xtask test e2e -- <test name filter>
  bindings             Regenerate ui/src/ipc/*bindings.ts from the Rust IPC types.
  check                Check the architecture: the enrollment core has no I/O dependency
                       (cargo tree) and no two modules of a crate import each other.
                       `test rust` runs it first.
  bench                Run the benchmarks of the library crates (criterion; cargo bench), then
                       the app's under Xvfb: the camera preview in the webview (a pre-encoded
                       MJPEG stream replayed at 30 fps, 720p and 1080p) and cold start and
                       memory of the debug and the release build (builds both).
  bench preview        Only the camera preview benchmark (PREVIEW_BENCH_SIZE=720p|1080p: one).
  bench startup        Only cold start and memory (STARTUP_BENCH_RUNS=N starts per build).
  bench relay          The callback relay at fleet scale: 1,000 kiosks, 500 callbacks/s for 20 s,
                       two instances (one restarted) and a real redis-server; prints a table.
  fuzz [TARGET] [--seconds N]
                       Run the cargo-fuzz targets in fuzz/ (libFuzzer, AddressSanitizer), each
                       for N seconds (default 60), and print executions, coverage and crashes.
                       Installs cargo-fuzz into tools/; uses the stable compiler with
                       RUSTC_BOOTSTRAP=1 (no nightly). `test rust` runs each target's body over
                       its seed corpus.
  eval capture [ARGS]  Generate the capture evaluation set (crates/capture-eval: fictional cards,
                       passport pages, ID cards and selfies at 1080p, with their truth), run the
                       camera's verdicts, the licence and the MRZ reading on it in release, and
                       print the tables. ARGS go to the evaluation (--size 720p, --seed N,
                       --slice, --only mrz, --dump DIR, --metrics, --ocr tesseract: also
                       measure Tesseract on the MRZ, installing Debian's tesseract-ocr).
  package [--debug] [--test] [--windows]
                       Build the UI, the app (release, with custom-protocol; --debug: the debug
                       build the tests use) and the Linux .deb with the Tauri bundler (binary,
                       desktop entry, icons, systemd user unit); print where the .deb is
                       (target/package/<profile>/enrollment-kiosk_<version>_amd64.deb).
                       --test: install it with dpkg -i, run `enrollment-kiosk --version` and
                       start it in demo mode under Xvfb, then dpkg -r (needs root or sudo).
                       --windows: also the Windows installer (NSIS, Debian's makensis) around
                       an x86_64-pc-windows-gnu build, in target/package/windows/.
  setup                Only install the prerequisites.
  help                 This text.

Environment: CARGO_TARGET_DIR is respected. Prerequisites on Debian/Ubuntu are installed with
apt-get (through sudo when not root); on other systems the list is printed.";

/// Debian/Ubuntu packages every command needs.
const APT_PACKAGES: &[&str] = &[
    // building the Tauri app
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "libxdo-dev",
    "file",
    // keyring (Secret Service over D-Bus)
    "libdbus-1-dev",
    // headless runs and end-to-end tests
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    "libsecret-tools",
    "imagemagick",
    // camera (nokhwa: bindgen needs libclang, mozjpeg needs nasm for SIMD)
    "libclang-dev",
    "nasm",
    // the callback relay's tests and benchmark, and the production-mode end-to-end test (two
    // relay instances on one Redis), run against a real Redis (redis-server)
    "redis-server",
    // the relay's TLS test makes a throwaway CA with the openssl command
    "openssl",
    // the capture evaluation set prints passports' and ID cards' MRZ in OCR-B (the app itself
    // never loads it: the MRZ reader's glyphs are compiled into crates/document)
    "fonts-ocr-b",
];

/// Extra package for type-checking the Windows build (C code compiled by build scripts).
const APT_WINDOWS: &[&str] = &["gcc-mingw-w64-x86-64"];
const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";
const TAURI_DRIVER_VERSION: &str = "2.1.0";
const APP_PACKAGE: &str = "enrollment-kiosk";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("help" | "-h" | "--help") => {
            println!("{HELP}");
            Ok(())
        }
        Some("setup") => Ctx::new().and_then(|ctx| ctx.prerequisites(true)),
        Some("test") => Ctx::new().and_then(|ctx| ctx.test(&args[1..])),
        Some("demo") => Ctx::new().and_then(|ctx| ctx.demo(&args[1..])),
        Some("bindings") => Ctx::new().and_then(|ctx| ctx.bindings()),
        Some("bench") if args.get(1).is_some_and(|a| a == "relay") => {
            Ctx::new().and_then(|ctx| relay_bench::run(&ctx))
        }
        Some("bench") => Ctx::new().and_then(|ctx| ctx.bench(&args[1..])),
        Some("check") => Ctx::new().and_then(|ctx| ctx.check_architecture()),
        Some("fuzz") => Ctx::new().and_then(|ctx| ctx.fuzz(&args[1..])),
        Some("eval") => Ctx::new().and_then(|ctx| ctx.eval(&args[1..])),
        Some("package") => Ctx::new().and_then(|ctx| ctx.package(&args[1..])),
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Ctx {
    root: PathBuf,
    target: PathBuf,
    ui: PathBuf,
    tools: PathBuf,
    cargo: String,
    step: std::cell::Cell<usize>,
}

impl Ctx {
    fn new() -> Result<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("xtask/ has no parent directory")?
            .to_path_buf();
        let cwd = env::current_dir().map_err(|e| format!("current directory: {e}"))?;
        // Cargo reads a relative CARGO_TARGET_DIR relative to where it was started.
        let target = match env::var_os("CARGO_TARGET_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => cwd.join(dir),
            None => root.join("target"),
        };
        Ok(Self {
            ui: root.join("ui"),
            tools: root.join("tools"),
            cargo: env::var("CARGO").unwrap_or_else(|_| "cargo".into()),
            root,
            target,
            step: std::cell::Cell::new(0),
        })
    }

    // ---- output ---------------------------------------------------------------------------

    fn banner(&self, title: &str) {
        self.step.set(self.step.get() + 1);
        let line = "=".repeat(78);
        println!("\n{line}\n==> [{}] {title}\n{line}", self.step.get());
    }

    /// Runs a command in `dir`, echoing it; fails when it fails.
    fn run(&self, dir: &Path, program: &str, args: &[&str], envs: &[(&str, &OsStr)]) -> Result {
        let shown: Vec<String> = envs
            .iter()
            .map(|(k, v)| format!("{k}={}", v.to_string_lossy()))
            .chain(std::iter::once(program.to_string()))
            .chain(args.iter().map(|a| a.to_string()))
            .collect();
        println!("$ {}", shown.join(" "));
        let status = Command::new(program)
            .args(args)
            .envs(envs.iter().copied())
            .current_dir(dir)
            .status()
            .map_err(|e| format!("could not run `{program}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", shown.join(" ")))
        }
    }

    fn cargo(&self, args: &[&str], envs: &[(&str, &OsStr)]) -> Result {
        self.run(&self.root, &self.cargo, args, envs)
    }

    fn npm(&self, script_args: &[&str]) -> Result {
        self.run(&self.ui, "npm", script_args, &[])
    }

    // ---- prerequisites ----------------------------------------------------------------------

    fn prerequisites(&self, announce: bool) -> Result {
        if announce {
            self.banner("prerequisites");
        } else {
            println!("xtask: checking prerequisites");
        }
        self.system_packages(APT_PACKAGES)?;
        self.npm_dependencies()?;
        self.tauri_driver()?;
        println!("xtask: prerequisites are in place");
        Ok(())
    }

    fn system_packages(&self, wanted: &[&str]) -> Result {
        if !is_debian_like() {
            return Err(format!(
                "automatic setup supports Debian and Ubuntu only (read /etc/os-release).\n\
                 Install these yourself (Debian package names; use your system's equivalents):\n  {}\n  {}\n\
                 plus Node.js 20+ with npm, and a Rust toolchain with rustup; then run the command again.",
                APT_PACKAGES.join(" "),
                APT_WINDOWS.join(" ")
            ));
        }
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|pkg| !dpkg_installed(pkg))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        println!("xtask: installing system packages: {}", missing.join(" "));
        let sudo = !is_root();
        let apt = |args: &[&str]| -> Result {
            let mut argv: Vec<&str> = Vec::new();
            if sudo {
                argv.push("sudo");
            }
            argv.extend(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            // Wait for another apt/dpkg to finish instead of failing on its lock.
            argv.extend(["-o", "DPkg::Lock::Timeout=900"]);
            argv.extend(args);
            self.run(&self.root, argv[0], &argv[1..], &[])
        };
        apt(&["update"])?;
        let mut install = vec!["install", "-y"];
        install.extend(&missing);
        apt(&install)?;
        let still: Vec<&str> = missing.into_iter().filter(|p| !dpkg_installed(p)).collect();
        if still.is_empty() {
            Ok(())
        } else {
            Err(format!("apt-get did not install: {}", still.join(" ")))
        }
    }

    fn npm_dependencies(&self) -> Result {
        let lock = self.ui.join("package-lock.json");
        // npm writes node_modules/.package-lock.json on every install.
        let installed = self.ui.join("node_modules").join(".package-lock.json");
        let stale = match (mtime(&installed), mtime(&lock)) {
            (Some(installed), Some(lock)) => installed < lock,
            _ => true,
        };
        if !stale {
            return Ok(());
        }
        if !lock.is_file() {
            return Err(format!("{} is missing", lock.display()));
        }
        println!("xtask: installing the UI's npm dependencies (npm ci in ui/)");
        self.npm(&["ci", "--no-audit", "--no-fund"])
    }

    fn tauri_driver_path(&self) -> PathBuf {
        self.tools.join("bin").join("tauri-driver")
    }

    fn tauri_driver(&self) -> Result {
        if self.tauri_driver_path().is_file() {
            return Ok(());
        }
        println!(
            "xtask: installing tauri-driver {TAURI_DRIVER_VERSION} into {}",
            self.tools.display()
        );
        let root = self.tools.to_string_lossy().into_owned();
        self.cargo(
            &[
                "install",
                "tauri-driver",
                "--version",
                TAURI_DRIVER_VERSION,
                "--locked",
                "--root",
                &root,
            ],
            &[],
        )
    }

    // ---- building ----------------------------------------------------------------------------

    fn build_ui(&self) -> Result {
        self.banner("UI: npm run build (the app embeds ui/dist at compile time)");
        self.npm(&["run", "build"])
    }

    fn app_path(&self) -> PathBuf {
        self.target.join("debug").join(APP_PACKAGE)
    }

    fn build_app(&self) -> Result {
        self.banner("app: cargo build -p enrollment-kiosk");
        self.cargo(&["build", "-p", APP_PACKAGE], &[])
    }

    fn e2e_env(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        vec![
            ("KIOSK_APP", self.app_path().into_os_string()),
            ("TAURI_DRIVER", self.tauri_driver_path().into_os_string()),
            ("E2E_TARGET_DIR", self.target.clone().into_os_string()),
            (
                "ENROLLMENT_RELAY",
                self.target
                    .join("debug")
                    .join("enrollment-relay")
                    .into_os_string(),
            ),
        ]
    }

    // ---- commands -----------------------------------------------------------------------------

    fn test(&self, args: &[String]) -> Result {
        let (groups, filters): (&[String], &[String]) = match args.iter().position(|a| a == "--") {
            Some(i) => (&args[..i], &args[i + 1..]),
            None => (args, &[]),
        };
        let all = ["ui", "rust", "e2e", "package", "windows"];
        for group in groups {
            if !all.contains(&group.as_str()) {
                return Err(format!(
                    "unknown test group `{group}` (one of: {})",
                    all.join(", ")
                ));
            }
        }
        let wants = |g: &str| groups.is_empty() || groups.iter().any(|x| x == g);

        self.prerequisites(true)?;
        if wants("ui") {
            self.banner("UI: npm run typecheck");
            self.npm(&["run", "typecheck"])?;
            self.banner("UI: npm test");
            self.npm(&["test"])?;
        }
        // Everything below compiles the app, which needs ui/dist.
        if wants("rust") || wants("e2e") || wants("package") || wants("windows") {
            self.build_ui()?;
        }
        if wants("e2e") {
            self.build_app()?;
            // The production-mode end-to-end test runs the callback relay as processes of its
            // own; built together with the app, the two share one build of their dependencies.
            self.banner("relay: cargo build -p enrollment-kiosk -p enrollment-relay");
            self.cargo(&["build", "-p", APP_PACKAGE, "-p", "enrollment-relay"], &[])?;
        }
        if wants("rust") {
            self.check_architecture()?;
            self.banner("Rust: cargo test --workspace --exclude e2e");
            self.cargo(&["test", "--workspace", "--exclude", "e2e"], &[])?;
            self.fuzz_seed_test()?;
        }
        if wants("e2e") {
            self.banner("end-to-end: the real app under Xvfb through tauri-driver");
            let env = self.e2e_env();
            let envs: Vec<(&str, &OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
            let mut cargo_args = vec!["test", "-p", "e2e", "--", "--test-threads=1"];
            cargo_args.extend(filters.iter().map(String::as_str));
            self.cargo(&cargo_args, &envs).map_err(|e| {
                format!(
                    "{e}\n  screenshots and logs of failed tests: {}",
                    self.target.join("e2e").display()
                )
            })?;
        }
        if wants("package") {
            // The debug build's package: the binary the end-to-end tests just ran, bundled in
            // seconds, so the package test costs CI about a minute.
            let deb = self.package_deb(package::Profile::Debug)?;
            self.test_deb(&deb, package::Profile::Debug)?;
        }
        if wants("windows") {
            self.windows_check()?;
        }
        println!("\nxtask: all requested tests passed");
        Ok(())
    }

    fn windows_check(&self) -> Result {
        self.banner(&format!(
            "Windows: cargo check --target {WINDOWS_TARGET} -p {APP_PACKAGE}"
        ));
        self.windows_toolchain("type-check the Windows build")?;
        self.cargo(
            &["check", "--target", WINDOWS_TARGET, "-p", APP_PACKAGE],
            &[],
        )
    }

    /// The Rust target and the mingw-w64 C compiler for Windows builds; `what` is the job
    /// they are for, named in the error when they cannot be installed.
    fn windows_toolchain(&self, what: &str) -> Result {
        let installed = Command::new("rustup")
            .args(["target", "list", "--installed"])
            .output()
            .map_err(|e| {
                format!(
                    "cannot {what}: rustup is not available ({e}); \
                     install the {WINDOWS_TARGET} standard library and run again"
                )
            })?;
        if !String::from_utf8_lossy(&installed.stdout)
            .lines()
            .any(|l| l.trim() == WINDOWS_TARGET)
        {
            println!("xtask: installing the Rust target {WINDOWS_TARGET}");
            self.run(
                &self.root,
                "rustup",
                &["target", "add", WINDOWS_TARGET],
                &[],
            )
            .map_err(|e| {
                format!(
                    "cannot {what}: the Rust target {WINDOWS_TARGET} \
                         could not be installed ({e}). It did NOT run."
                )
            })?;
        }
        self.system_packages(APT_WINDOWS)
            .map_err(|e| format!("cannot {what}: {e}. It did NOT run."))
    }

    fn demo(&self, args: &[String]) -> Result {
        let (own, app_args): (&[String], &[String]) = match args.iter().position(|a| a == "--") {
            Some(i) => (&args[..i], &args[i + 1..]),
            None => (args, &[]),
        };
        let headless = own.iter().any(|a| a == "--headless");
        if let Some(other) = own.iter().find(|a| *a != "--headless") {
            return Err(format!("unknown demo option `{other}` (only --headless)"));
        }
        let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| env::var_os(v).is_some_and(|v| !v.is_empty()));
        if !headless && !has_display {
            return Err(
                "there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the \
                 app's window cannot open.\n  Run `cargo xtask demo --headless` instead: it walks \
                 one enrollment under a virtual display and saves a screenshot of every screen \
                 in target/demo/ (at the three sizes the kiosk runs at)."
                    .into(),
            );
        }
        self.prerequisites(true)?;
        self.build_ui()?;
        self.build_app()?;
        if headless {
            self.banner("headless demo: one enrollment under Xvfb, a PNG of every screen");
            let out = self.target.join("demo");
            let out_arg = out.to_string_lossy().into_owned();
            let env = self.e2e_env();
            let envs: Vec<(&str, &OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
            self.cargo(
                &[
                    "run",
                    "--quiet",
                    "-p",
                    "e2e",
                    "--bin",
                    "headless-demo",
                    "--",
                    "--out",
                    &out_arg,
                ],
                &envs,
            )?;
            return Ok(());
        }
        self.banner("demo: the app in demo mode (close the window to stop)");
        let app = self.app_path();
        let mut argv = vec!["--demo".to_string()];
        argv.extend(app_args.iter().cloned());
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        self.run(&self.root, &app.to_string_lossy(), &argv, &[])
    }

    fn check_architecture(&self) -> Result {
        self.banner("architecture: the core has no I/O, no module circles");
        let mut problems = architecture::core_dependencies(&self.root, &self.cargo)?;
        problems.extend(architecture::module_cycles(&self.root));
        if problems.is_empty() {
            println!("xtask: the enrollment core depends on no I/O crate; no module imports another in a circle");
            Ok(())
        } else {
            Err(format!(
                "the architecture check found {} problem(s):\n  {}",
                problems.len(),
                problems.join("\n  ")
            ))
        }
    }

    fn bindings(&self) -> Result {
        self.prerequisites(true)?;
        self.banner("regenerate ui/src/ipc/*bindings.ts from the Rust IPC types");
        self.cargo(
            &[
                "test",
                "-p",
                "enrollment",
                "-p",
                "administration",
                "--test",
                "ipc_bindings",
            ],
            &[("UPDATE_IPC_BINDINGS", OsStr::new("1"))],
        )
    }

    fn bench(&self, args: &[String]) -> Result {
        self.prerequisites(true)?;
        // `bench preview` / `bench startup`: only that part of the e2e benchmarks.
        let only = match args.first().map(String::as_str) {
            Some(part @ ("preview" | "startup")) => Some(part),
            _ => None,
        };
        if only.is_none() {
            self.bench_crates(args)?;
        }
        self.bench_app(only)
    }

    fn bench_crates(&self, args: &[String]) -> Result {
        // The benchmarks live in the library crates; the app shell, the e2e harness and xtask
        // have none (the app's own figures come from bench_app below).
        self.banner("benchmarks: cargo bench (library crates)");
        let mut cargo_args = vec![
            "bench",
            "--workspace",
            "--exclude",
            APP_PACKAGE,
            "--exclude",
            "e2e",
            "--exclude",
            "xtask",
            // Its load benchmark has a command of its own: `cargo xtask bench relay`.
            "--exclude",
            "enrollment-relay",
        ];
        cargo_args.extend(args.iter().map(String::as_str));
        self.cargo(&cargo_args, &[])
    }

    /// The app's own figures through the e2e harness under Xvfb (prints figures only): the
    /// camera preview and cold start and memory; `only` picks one.
    fn bench_app(&self, only: Option<&str>) -> Result {
        self.tauri_driver()?;
        self.build_ui()?;
        self.build_app()?;
        // Start-up and memory are measured for the build that is shipped too.
        let release = if only != Some("preview") {
            Some(self.build_release_app()?)
        } else {
            None
        };
        let mut env = self.e2e_env();
        if let Some(release) = release {
            env.push(("KIOSK_RELEASE_APP", release.into_os_string()));
        }
        let envs: Vec<(&str, &OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
        if only == Some("startup") {
            return self.bench_startup(&envs);
        }
        // The camera preview as the webview paints it, fed by a pre-encoded MJPEG stream the
        // app replays at 30 fps like a webcam (720p and 1080p): frames per second, frame age
        // and the CPU of the app, WebKit and Xvfb.
        self.banner("benchmarks: camera preview inside the webview (e2e harness)");
        self.cargo(
            &[
                "test",
                "-p",
                "e2e",
                "--test",
                "camera",
                "--",
                "--ignored",
                "preview_benchmark",
                "--nocapture",
            ],
            &envs,
        )?;
        if only == Some("preview") {
            return Ok(());
        }
        self.bench_startup(&envs)
    }

    /// Cold start to an interactive Welcome screen, and memory: the debug build and the
    /// release build (`KIOSK_RELEASE_APP`).
    fn bench_startup(&self, envs: &[(&str, &OsStr)]) -> Result {
        self.banner("benchmarks: start-up and memory, debug and release (e2e harness)");
        self.cargo(
            &[
                "test",
                "-p",
                "e2e",
                "--test",
                "startup",
                "--",
                "--ignored",
                "startup_benchmark",
                "--nocapture",
            ],
            envs,
        )
    }
}

fn is_debian_like() -> bool {
    let Ok(release) = fs::read_to_string("/etc/os-release") else {
        return false;
    };
    release.lines().any(|line| {
        let Some((key, value)) = line.split_once('=') else {
            return false;
        };
        (key == "ID" || key == "ID_LIKE")
            && value
                .trim_matches('"')
                .split_whitespace()
                .any(|id| id == "debian" || id == "ubuntu")
    })
}

fn dpkg_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|out| {
            out.status.success()
                && String::from_utf8_lossy(&out.stdout).trim() == "install ok installed"
        })
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}
