//! `cargo xtask package`: the installable packages. The Linux `.deb` is made by the Tauri
//! bundler (`tauri bundle`, from the `@tauri-apps/cli` npm package pinned in ui/package.json to
//! the `tauri` crate's version); `--test` installs it into this machine with `dpkg -i`, runs it
//! and removes it again (tests/tests/package.rs). The Windows installer is made by Debian's
//! `makensis` from packaging/windows/installer.nsi around a cross-compiled
//! `x86_64-pc-windows-gnu` build (`--windows`).
//!
//! The bundler works on a copy of the binary under target/package/<profile>/ (it points
//! CARGO_TARGET_DIR there): it patches the binary it packs with the package type, and the
//! binary in target/debug is the one the end-to-end tests run, possibly at this very moment.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{Ctx, Result, APP_PACKAGE, WINDOWS_TARGET};

/// What the package test needs beyond `APT_PACKAGES`: `desktop-file-validate`,
/// `systemd-analyze` (containers often lack systemd), and Tesseract to read the installed
/// kiosk's screen.
pub(crate) const APT_PACKAGING: &[&str] = &["desktop-file-utils", "systemd", "tesseract-ocr"];
/// The Windows installer: `makensis`, and 7-Zip to read back what the installer holds.
const APT_NSIS: &[&str] = &["nsis", "p7zip-full"];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// The build `cargo xtask test` and the end-to-end tests use (no `custom-protocol`; the UI
    /// is embedded all the same, since there is no dev server).
    Debug,
    /// What is shipped: optimised, with `custom-protocol`.
    Release,
}

impl Profile {
    fn dir(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

pub(crate) struct Options {
    pub profile: Profile,
    pub test: bool,
    pub windows: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut options = Options {
            profile: Profile::Release,
            test: false,
            windows: false,
        };
        for arg in args {
            match arg.as_str() {
                "--debug" => options.profile = Profile::Debug,
                "--test" => options.test = true,
                "--windows" => options.windows = true,
                other => {
                    return Err(format!(
                        "unknown package option `{other}` (--debug, --test, --windows)"
                    ))
                }
            }
        }
        Ok(options)
    }
}

impl Ctx {
    /// `cargo xtask package [--debug] [--test] [--windows]`.
    pub(crate) fn package(&self, args: &[String]) -> Result {
        let options = Options::parse(args)?;
        self.prerequisites(true)?;
        self.system_packages(APT_PACKAGING)?;
        self.build_ui()?;
        let deb = self.package_deb(options.profile)?;
        if options.test {
            self.test_deb(&deb, options.profile)?;
        }
        let installer = if options.windows {
            Some(self.package_windows(options.profile)?)
        } else {
            None
        };
        println!("\nxtask: the Linux package: {}", deb.display());
        if let Some(installer) = installer {
            println!("xtask: the Windows installer: {}", installer.display());
        }
        Ok(())
    }

    /// Builds the app as it is shipped (release, with `custom-protocol`) and returns the
    /// binary's path (`target/release/enrollment-kiosk`). Also what `cargo xtask bench` starts.
    pub(crate) fn build_release_app(&self) -> Result<PathBuf> {
        self.banner(&format!(
            "app: cargo build --release -p {APP_PACKAGE} --features custom-protocol"
        ));
        let started = Instant::now();
        self.cargo(
            &[
                "build",
                "--release",
                "-p",
                APP_PACKAGE,
                "--features",
                "custom-protocol",
            ],
            &[],
        )?;
        println!(
            "xtask: release build took {:.0} s",
            started.elapsed().as_secs_f64()
        );
        Ok(self.target.join("release").join(APP_PACKAGE))
    }

    /// Builds the app for `profile`, bundles it as a .deb and returns the .deb's path
    /// (`target/package/<profile>/enrollment-kiosk_<version>_<arch>.deb`).
    pub(crate) fn package_deb(&self, profile: Profile) -> Result<PathBuf> {
        let binary = match profile {
            Profile::Debug => {
                self.build_app()?;
                self.app_path()
            }
            Profile::Release => self.build_release_app()?,
        };

        self.banner("Linux package: tauri bundle --bundles deb (Tauri bundler)");
        let out = self.target.join("package");
        let profile_dir = out.join(profile.dir());
        let bundle_dir = profile_dir.join("bundle").join("deb");
        if bundle_dir.exists() {
            fs::remove_dir_all(&bundle_dir)
                .map_err(|e| format!("cannot clear {}: {e}", bundle_dir.display()))?;
        }
        fs::create_dir_all(&profile_dir)
            .map_err(|e| format!("cannot create {}: {e}", profile_dir.display()))?;
        let copy = profile_dir.join(APP_PACKAGE);
        fs::copy(&binary, &copy).map_err(|e| {
            format!(
                "cannot copy {} to {}: {e}",
                binary.display(),
                copy.display()
            )
        })?;

        let tauri = self.ui.join("node_modules").join(".bin").join("tauri");
        let mut bundle_args = vec!["bundle", "--bundles", "deb", "--ci"];
        if profile == Profile::Debug {
            bundle_args.push("--debug");
        }
        let started = Instant::now();
        self.run(
            &self.root.join("src-tauri"),
            &tauri.to_string_lossy(),
            &bundle_args,
            &[("CARGO_TARGET_DIR", out.as_os_str())],
        )?;
        let made = only_file_with_extension(&bundle_dir, "deb")?;
        let field = |name: &str| deb_field(&made, name);
        let deb = profile_dir.join(format!(
            "{}_{}_{}.deb",
            field("Package")?,
            field("Version")?,
            field("Architecture")?
        ));
        fs::rename(&made, &deb)
            .map_err(|e| format!("cannot move {} to {}: {e}", made.display(), deb.display()))?;
        println!(
            "xtask: bundled in {:.1} s: {} ({:.1} MiB)",
            started.elapsed().as_secs_f64(),
            deb.display(),
            fs::metadata(&deb).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0
        );
        self.run(
            &self.root,
            "dpkg-deb",
            &["--info", &deb.to_string_lossy()],
            &[],
        )?;
        self.run(
            &self.root,
            "dpkg-deb",
            &["--contents", &deb.to_string_lossy()],
            &[],
        )?;
        Ok(deb)
    }

    /// Installs `deb` into this machine, runs it, removes it (tests/tests/package.rs).
    pub(crate) fn test_deb(&self, deb: &Path, profile: Profile) -> Result {
        self.banner("package test: dpkg -i, --version, demo mode under Xvfb, dpkg -r");
        self.system_packages(APT_PACKAGING)?;
        self.tauri_driver()?;
        let mut env = self.e2e_env();
        env.push(("KIOSK_DEB", deb.as_os_str().to_owned()));
        // Only a debug build lets WebDriver drive its webview (a release build's is always
        // incognito); the test reads the screen of either.
        if profile == Profile::Debug {
            env.push(("KIOSK_DEB_DRIVABLE", "1".into()));
        }
        let envs: Vec<(&str, &OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
        self.cargo(
            &[
                "test",
                "-p",
                "e2e",
                "--test",
                "package",
                "--",
                "--ignored",
                "--nocapture",
            ],
            &envs,
        )
        .map_err(|e| {
            format!(
                "{e}\n  screenshots and logs: {}",
                self.target.join("e2e").display()
            )
        })
    }
}

impl Ctx {
    /// Cross-compiles the app for Windows (`x86_64-pc-windows-gnu`, mingw-w64) and wraps it in
    /// an NSIS installer made by Debian's `makensis` from packaging/windows/installer.nsi.
    /// Checks what it made: the executable imports no MinGW runtime DLL that Windows lacks and
    /// every DLL it needs beside it is in the installer (listed with 7-Zip).
    pub(crate) fn package_windows(&self, profile: Profile) -> Result<PathBuf> {
        self.banner(&format!(
            "Windows installer: cargo build --target {WINDOWS_TARGET}, then makensis"
        ));
        self.windows_toolchain("build the Windows installer")?;
        self.system_packages(APT_NSIS)?;
        let mut build = vec![
            "build",
            "--target",
            WINDOWS_TARGET,
            "-p",
            APP_PACKAGE,
            "--features",
            "custom-protocol",
        ];
        if profile == Profile::Release {
            build.push("--release");
        }
        let started = Instant::now();
        self.cargo(&build, &[])?;
        println!(
            "xtask: Windows {} build took {:.0} s",
            profile.dir(),
            started.elapsed().as_secs_f64()
        );
        let built = self.target.join(WINDOWS_TARGET).join(profile.dir());
        let exe = built.join(format!("{APP_PACKAGE}.exe"));
        // tauri-build copies the WebView2 loader beside the executable for -gnu targets (MSVC
        // builds link it statically).
        let loader = built.join("WebView2Loader.dll");

        let imports = pe_imports(&exe)?;
        println!("xtask: {} imports {}", exe.display(), imports.join(", "));
        let mingw: Vec<&String> = imports
            .iter()
            .filter(|dll| {
                let dll = dll.to_ascii_lowercase();
                ["libgcc", "libstdc++", "libwinpthread"]
                    .iter()
                    .any(|runtime| dll.starts_with(runtime))
            })
            .collect();
        if !mingw.is_empty() {
            return Err(format!(
                "{} needs MinGW runtime DLLs that Windows does not have: {mingw:?}",
                exe.display()
            ));
        }

        let stage = self
            .target
            .join("package")
            .join("windows")
            .join(profile.dir());
        let _ = fs::remove_dir_all(&stage);
        fs::create_dir_all(&stage)
            .map_err(|e| format!("cannot create {}: {e}", stage.display()))?;
        for file in [&exe, &loader] {
            let name = file.file_name().unwrap_or_default();
            fs::copy(file, stage.join(name))
                .map_err(|e| format!("cannot copy {}: {e}", file.display()))?;
        }
        let version = env!("CARGO_PKG_VERSION");
        let installer = stage.join(format!("{APP_PACKAGE}_{version}_x64-setup.exe"));
        let define = |name: &str, value: &Path| format!("-D{name}={}", value.display());
        let args = [
            "-V2".to_string(),
            format!("-DVERSION={version}"),
            define("STAGE", &stage),
            define("ICON", &self.root.join("icons").join("icon.ico")),
            define("OUTFILE", &installer),
            self.root
                .join("packaging")
                .join("windows")
                .join("installer.nsi")
                .to_string_lossy()
                .into_owned(),
        ];
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run(&self.root, "makensis", &args, &[])?;

        // What the installer holds, read back as 7-Zip reads NSIS archives.
        let listing = Command::new("7z")
            .arg("l")
            .arg(&installer)
            .output()
            .map_err(|e| format!("could not run 7z: {e}"))?;
        let listing = String::from_utf8_lossy(&listing.stdout);
        let mut needed = vec![format!("{APP_PACKAGE}.exe"), "uninstall.exe".to_string()];
        needed.extend(
            imports
                .iter()
                .filter(|dll| dll.eq_ignore_ascii_case("WebView2Loader.dll"))
                .cloned(),
        );
        for file in &needed {
            if !listing
                .lines()
                .any(|line| line.trim_end().ends_with(file.as_str()))
            {
                return Err(format!(
                    "the installer {} lacks {file}:\n{listing}",
                    installer.display()
                ));
            }
        }
        println!(
            "xtask: the Windows installer: {} ({:.1} MiB; holds {})",
            installer.display(),
            fs::metadata(&installer).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0,
            needed.join(", ")
        );
        Ok(installer)
    }
}

/// The DLLs a Windows executable imports (mingw-w64's objdump), sorted, each once.
fn pe_imports(exe: &Path) -> Result<Vec<String>> {
    let out = Command::new("x86_64-w64-mingw32-objdump")
        .arg("-p")
        .arg(exe)
        .output()
        .map_err(|e| format!("could not run x86_64-w64-mingw32-objdump: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "objdump could not read {}: {}",
            exe.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut dlls: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.trim().strip_prefix("DLL Name: "))
        .map(str::to_string)
        .collect();
    dlls.sort_by_key(|dll| dll.to_ascii_lowercase());
    dlls.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    Ok(dlls)
}

/// One field of a .deb's control file (`dpkg-deb --field`).
fn deb_field(deb: &Path, name: &str) -> Result<String> {
    let out = Command::new("dpkg-deb")
        .arg("--field")
        .arg(deb)
        .arg(name)
        .output()
        .map_err(|e| format!("could not run dpkg-deb: {e}"))?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !value.is_empty() {
        Ok(value)
    } else {
        Err(format!(
            "{} has no {name} field: {}",
            deb.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn only_file_with_extension(dir: &Path, extension: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("the bundler made no {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension() == Some(OsStr::new(extension)))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected one .{extension} in {}, found {}",
            dir.display(),
            found.len()
        )),
    }
}
