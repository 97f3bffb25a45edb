//! Privacy, proven: after a whole enrollment (a declined attempt, then an approved one), a
//! verification of the card it issued (verify mode shows its claims) and an errored enrollment
//! (Verified ID refuses with a message that echoes the e-mail and the names) nothing personal,
//! neither what was typed nor what was read from the document nor what a service echoed, is
//! left on disk or in the log.
//! The app runs with a hermetic HOME, XDG directories and TMPDIR; all of them are scanned.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use e2e::{Kiosk, AUTO_CAPTURE_TIMEOUT};

const EMAIL: &str = "priya.natarajan@example.com";
const GIVEN: &str = "Priya";
const FAMILY: &str = "Natarajan";
/// The same name as the licence prints it.
const DOCUMENT_NAMES: [&str; 2] = ["PRIYA", "NATARAJAN"];
/// What demo mode's generated licence holds (the fictional card of `document::synth`): data
/// read from a document must not reach the disk either.
const DOCUMENT_NUMBER: &str = "T64235789";
const DATES_OF_BIRTH: [&str; 3] = ["06071986", "19860607", "1986-06-07"];

/// Every regular file under `dir`, without following links or entering other file systems
/// (the document portal mounts a FUSE file system in the runtime directory).
fn files_under(dir: &Path, device: u64, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.dev() != device {
            continue;
        }
        if meta.is_dir() {
            files_under(&entry.path(), device, found);
        } else if meta.is_file() {
            found.push(entry.path());
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A second enrollment that errors: Verified ID refuses to create the offer with an error whose
/// message echoes the e-mail (services do echo what they were sent). The kiosk says so; staff
/// cancel. Neither the message nor the e-mail may reach the disk or the log.
fn walk_one_errored_enrollment(kiosk: &Kiosk, entra_port: u16) {
    let echo = format!("The claim email '{EMAIL}' could not be used for {GIVEN} {FAMILY}.");
    let body = serde_json::json!({ "error": { "code": "badRequest", "message": echo,
        "innererror": { "code": "badOrMissingField", "message": echo, "target": "claims" } } });
    e2e::control_post(
        &format!("http://127.0.0.1:{entra_port}/control/faults"),
        Some(serde_json::json!({
            "endpoint": "createIssuanceRequest",
            "fault": { "kind": "canned", "status": 400, "body": body.to_string() },
            "times": 20,
        })),
    );
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.type_into("#given-name", GIVEN);
    kiosk.type_into("#family-name", FAMILY);
    kiosk.fill_intake(EMAIL, Some("drivers_license"), Some("kiosk_camera"), true);
    for step in ["document_front", "document_back", "selfie"] {
        kiosk.wait_screen(step);
        kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
        kiosk.click("#use-photo");
    }
    kiosk.attest("HD-0042");
    kiosk.wait_screen("issuing");
    kiosk.wait_displayed("#try-again", Duration::from_secs(60));
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");
}

fn walk_one_enrollment(kiosk: &Kiosk) {
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.type_into("#given-name", GIVEN);
    kiosk.type_into("#family-name", FAMILY);
    kiosk.fill_intake(EMAIL, Some("drivers_license"), Some("kiosk_camera"), true);
    let capture_all = || {
        for step in ["document_front", "document_back", "selfie"] {
            kiosk.wait_screen(step);
            kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
            kiosk.click("#use-photo");
        }
        kiosk.attest("HD-0042");
    };
    // The first attempt is declined (as launched), the second approved.
    capture_all();
    kiosk.wait_screen("proofing_failed");
    kiosk.click("#try-again");
    capture_all();
    kiosk.wait_screen("offer_credential");
    kiosk.wait_screen("done");
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}

/// Verify mode: the demo's wallet presents the card just issued; its claims are on screen,
/// then Done clears them.
fn walk_one_verification(kiosk: &Kiosk) {
    kiosk.click("#start-verify");
    kiosk.wait_screen("verification_result");
    let shown = kiosk.text("#verified-claims");
    assert!(
        shown.contains(DOCUMENT_NAMES[1]) && shown.contains(EMAIL),
        "the verified card's claims are shown: {shown}"
    );
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}

#[test]
fn nothing_personal_is_left_on_disk_or_in_the_log() {
    let (entra_port, _) = e2e::process::free_ports();
    let mut kiosk = Kiosk::launch(
        "nothing_personal_is_left_on_disk_or_in_the_log",
        &[
            "--demo",
            "--demo-decline-first",
            "IDV0001",
            // The demo licence carries the typed name, as a real one would.
            "--demo-document-holder",
            "PRIYA NATARAJAN",
            "--entra-sandbox-port",
            &entra_port.to_string(),
        ],
    );
    walk_one_enrollment(&kiosk);
    walk_one_verification(&kiosk);
    walk_one_errored_enrollment(&kiosk, entra_port);
    // Close the app, as at the end of a day: whatever it or its webview would write is written
    // by the time its process has exited.
    kiosk.quit_app(Duration::from_secs(30));

    let run_dir = kiosk.run_dir().to_path_buf();
    let device = fs::metadata(&run_dir).expect("the run directory").dev();
    let mut files = Vec::new();
    for hermetic in ["home", "config", "data", "cache", "state", "runtime", "tmp"] {
        files_under(&run_dir.join(hermetic), device, &mut files);
    }
    let mut findings = Vec::new();
    for file in &files {
        let Ok(bytes) = fs::read(file) else { continue };
        for (what, needle) in [
            ("the e-mail", EMAIL.as_bytes()),
            ("the first name", GIVEN.as_bytes()),
            ("the last name", FAMILY.as_bytes()),
            ("the name on the document", DOCUMENT_NAMES[0].as_bytes()),
            ("the name on the document", DOCUMENT_NAMES[1].as_bytes()),
            ("the document number", DOCUMENT_NUMBER.as_bytes()),
            ("the date of birth", DATES_OF_BIRTH[0].as_bytes()),
            ("the date of birth", DATES_OF_BIRTH[1].as_bytes()),
            ("the date of birth", DATES_OF_BIRTH[2].as_bytes()),
            ("JPEG data", &[0xFF, 0xD8, 0xFF][..]),
            (
                "PNG data",
                &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
            ),
        ] {
            if contains(&bytes, needle) {
                findings.push(format!("{what} in {}", file.display()));
            }
        }
    }
    assert!(
        findings.is_empty(),
        "personal data or images on disk after an enrollment:\n{}",
        findings.join("\n")
    );

    // The app's own log files (platform local data directory) were among the files scanned
    // above; make sure they exist, so the scan is not vacuous.
    let log_dir = run_dir
        .join("data")
        .join("com.enrollmentkiosk.desk")
        .join("logs");
    let log_files: Vec<_> = fs::read_dir(&log_dir)
        .unwrap_or_else(|e| panic!("no log directory at {}: {e}", log_dir.display()))
        .flatten()
        .filter(|entry| entry.metadata().map(|m| m.len() > 0).unwrap_or(false))
        .collect();
    assert!(
        !log_files.is_empty(),
        "the app wrote no log file in {}",
        log_dir.display()
    );

    let log = kiosk.log();
    assert!(!log.is_empty(), "the app's log was captured");
    for secret in [EMAIL, GIVEN, FAMILY, DOCUMENT_NUMBER]
        .into_iter()
        .chain(DATES_OF_BIRTH)
        .chain(DOCUMENT_NAMES)
    {
        assert!(!log.contains(secret), "the log contains {secret:?}");
    }
}
