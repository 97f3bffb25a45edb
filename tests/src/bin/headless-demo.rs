//! `cargo xtask demo --headless`: walks one whole enrollment in demo mode under Xvfb (the same
//! harness as the end-to-end tests) and writes a PNG of every screen, in order, at each of the
//! three sizes the kiosk runs at, to `target/demo/WIDTHxHEIGHT/` (or `--out DIR`). Then shows the phone-handoff screen with a second visitor,
//! and verify mode checking the card the first visitor was given.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use e2e::{target_dir, Kiosk, SCREEN_TIMEOUT};

struct Album {
    dir: PathBuf,
    shots: Vec<PathBuf>,
}

impl Album {
    fn new(dir: PathBuf) -> Self {
        fs::create_dir_all(&dir).expect("create the demo directory");
        if let Ok(entries) = fs::read_dir(&dir) {
            for entry in entries.flatten() {
                if entry.path().extension().is_some_and(|e| e == "png") {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Self {
            dir,
            shots: Vec::new(),
        }
    }

    /// Screenshot named `NN-<label>.png`; `settle` lets the screen finish painting first.
    fn shot(&mut self, kiosk: &Kiosk, label: &str, settle: bool) {
        if settle {
            thread::sleep(Duration::from_millis(400));
        }
        let path = self
            .dir
            .join(format!("{:02}-{label}.png", self.shots.len() + 1));
        kiosk.screenshot(&path);
        eprintln!("  {}", path.display());
        self.shots.push(path);
    }
}

fn capture(kiosk: &Kiosk, album: &mut Album, screen: &str, shots: bool) {
    kiosk.wait_screen(screen);
    if shots {
        album.shot(kiosk, screen, true);
    }
    kiosk.wait_screen("review");
    if shots {
        album.shot(kiosk, &format!("review-{screen}"), true);
    }
    kiosk.click("#use-photo");
}

/// The sizes the kiosk runs at: a landscape kiosk, a portrait lobby totem, a desk laptop.
const SIZES: [(u32, u32); 3] = [(1920, 1080), (1080, 1920), (1366, 768)];

fn walk(album: &mut Album, (width, height): (u32, u32)) {
    let kiosk = Kiosk::launch_on_screen(
        "headless-demo",
        &["--demo", "--demo-decline-first", "IDV0001"],
        (width, height),
    );

    kiosk.wait_screen("welcome");
    album.shot(&kiosk, "welcome", true);
    kiosk.click("#start");

    kiosk.wait_screen("intake");
    album.shot(&kiosk, "intake", true);
    kiosk.click("#continue");
    kiosk.wait_displayed("#email-error", Duration::from_secs(5));
    album.shot(&kiosk, "intake-errors", true);
    kiosk.type_into("#given-name", "Alex");
    kiosk.type_into("#family-name", "Sample");
    kiosk.enter_intake(
        "alex.sample@example.com",
        Some("drivers_license"),
        Some("kiosk_camera"),
        true,
    );
    thread::sleep(Duration::from_millis(200));
    album.shot(&kiosk, "intake-filled", false);
    kiosk.click("#continue");

    capture(&kiosk, album, "document_front", true);
    capture(&kiosk, album, "document_back", true);
    capture(&kiosk, album, "selfie", true);

    kiosk.wait_screen("staff_attestation");
    album.shot(&kiosk, "staff_attestation", true);
    kiosk.attest("HD-0042");

    if kiosk.wait_screen_any(&["verifying", "proofing_failed"]) == "verifying" {
        album.shot(&kiosk, "verifying", false);
    }
    kiosk.wait_screen("proofing_failed");
    album.shot(&kiosk, "proofing_failed", true);
    kiosk.click("#try-again");

    capture(&kiosk, album, "document_front", false);
    capture(&kiosk, album, "document_back", false);
    capture(&kiosk, album, "selfie", false);
    kiosk.attest("HD-0042");

    if kiosk.wait_screen_any(&["issuing", "offer_credential"]) == "issuing" {
        album.shot(&kiosk, "issuing", false);
    }
    kiosk.wait_screen("offer_credential");
    album.shot(&kiosk, "offer_credential", true);
    let scanned = e2e::process::wait_until(SCREEN_TIMEOUT, || {
        kiosk.screen().as_deref() != Some("offer_credential")
            || kiosk
                .try_text("#wallet-status")
                .is_some_and(|t| t.to_lowercase().contains("scanned"))
    });
    if scanned && kiosk.screen().as_deref() == Some("offer_credential") {
        album.shot(&kiosk, "offer_credential-scanned", false);
    }
    kiosk.wait_screen("done");
    album.shot(&kiosk, "done", true);
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");

    // A second visitor photographs a passport with their phone.
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.fill_intake("sam.lee@example.com", Some("passport"), Some("phone"), true);
    kiosk.wait_screen("phone_handoff");
    kiosk.wait_displayed("canvas#handoff-qr", Duration::from_secs(10));
    album.shot(&kiosk, "phone_handoff", true);
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");

    // Verify mode: staff check the work ID the first visitor just added; the demo's wallet
    // scans the code and presents that card, Face Check and all.
    kiosk.click("#start-verify");
    kiosk.wait_screen("verify_card");
    kiosk.wait_displayed("canvas#verify-qr", Duration::from_secs(10));
    album.shot(&kiosk, "verify_card", true);
    kiosk.wait_screen("verification_result");
    album.shot(&kiosk, "verification_result", true);
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}

fn main() -> ExitCode {
    let mut out = target_dir().join("demo");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out needs a directory")),
            "-h" | "--help" => {
                println!(
                    "headless-demo [--out DIR]: screenshots of every screen of a demo enrollment, at 1920x1080, 1080x1920 and 1366x768"
                );
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("headless-demo: unknown argument {other:?}");
                return ExitCode::from(2);
            }
        }
    }
    for size in SIZES {
        let dir = out.join(format!("{}x{}", size.0, size.1));
        let mut album = Album::new(dir.clone());
        eprintln!(
            "Walking one enrollment in demo mode under Xvfb at {}×{}; screenshots:",
            size.0, size.1
        );
        let walked =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| walk(&mut album, size)));
        println!();
        println!("Screens written to {}:", display(&dir));
        for shot in &album.shots {
            println!(
                "  {}",
                shot.file_name().unwrap_or_default().to_string_lossy()
            );
        }
        if walked.is_err() {
            eprintln!(
                "headless-demo: the walk stopped early; the app log and a screenshot are in {}",
                display(&target_dir().join("e2e").join("headless-demo"))
            );
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
