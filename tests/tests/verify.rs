//! Verify mode as staff at the desk see it: "Verify a work ID" on Welcome shows a code that is
//! the Entra stand-in's presentation request (decoded from the screen's pixels); the stand-in's
//! wallet presents a card and the result screen shows what was verified, with the Face Check
//! score; a score below the threshold and a revoked card are refused in plain words.

use std::time::Duration;

use e2e::{EntraControl, Kiosk};
use serde_json::json;

/// Welcome → "Verify a work ID" → the code; returns the presentation request it stands for.
fn to_the_verify_code(
    kiosk: &Kiosk,
    entra: &EntraControl,
    shots: &std::path::Path,
    name: &str,
) -> String {
    kiosk.wait_screen("verify_card");
    kiosk.wait_displayed("canvas#verify-qr", Duration::from_secs(10));
    let url = kiosk.read_qr("canvas#verify-qr", &shots.join(format!("{name}.png")));
    assert!(url.starts_with("openid-vc://?request_uri="), "{url}");
    let request = entra.request_with_url(&url);
    assert_eq!(request["kind"], "presentation", "{request}");
    request["requestId"].as_str().expect("an id").to_string()
}

/// The wallet scans the code; the kiosk says so and the spent code leaves the screen.
fn scan(kiosk: &Kiosk, entra: &EntraControl, id: &str) {
    entra.act(id, "scan");
    kiosk.wait_text("#verify-status", Duration::from_secs(10), |t| {
        t.contains("Scanned")
    });
    kiosk.wait_hidden("canvas#verify-qr", Duration::from_secs(5));
}

#[test]
fn staff_verify_a_work_id_with_face_check_and_refuse_what_fails() {
    let (sandbox_port, _) = e2e::process::free_ports();
    let port = sandbox_port.to_string();
    let kiosk = Kiosk::launch(
        "staff_verify_a_work_id_with_face_check_and_refuse_what_fails",
        &[
            "--demo",
            "--demo-wallet",
            "manual",
            "--entra-sandbox-port",
            &port,
        ],
    );
    let entra = EntraControl::on_port(sandbox_port);
    let shots = tempfile::tempdir().expect("a folder for screenshots");

    // A card that passes: the configured claims, the score, the revocation status.
    kiosk.wait_screen("welcome");
    kiosk.click("#start-verify");
    let id = to_the_verify_code(&kiosk, &entra, shots.path(), "first");
    scan(&kiosk, &entra, &id);
    let claims = json!({
        "given_name": "Mia",
        "family_name": "Chen",
        "email": "mia.chen@example.com",
        "assurance_level": "IAL2",
        "verified_at": "2026-11-27T10:00:00Z"
    });
    entra.act_with(
        &id,
        "present",
        Some(json!({ "claims": claims, "faceCheckScore": 91.2 })),
    );
    kiosk.wait_screen("verification_result");
    assert_eq!(kiosk.text("#screen-title"), "Card verified");
    assert_eq!(kiosk.text("#claim-given_name"), "Mia");
    assert_eq!(kiosk.text("#claim-assurance_level"), "IAL2");
    let face_check = kiosk.text("#verified-face-check");
    assert!(
        face_check.starts_with("91.2 of 100 (70 needed)"),
        "{face_check}"
    );
    assert!(kiosk.text("#verified-revocation").contains("Not revoked"));
    assert!(!kiosk.is_displayed("#try-again"));
    // Done clears it: Welcome again, nothing of the card left on screen.
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
    assert!(!kiosk.is_displayed("#verified-claims"));

    // Face Check below the threshold: refused, with the score, and Try again offered.
    kiosk.click("#start-verify");
    let id = to_the_verify_code(&kiosk, &entra, shots.path(), "second");
    scan(&kiosk, &entra, &id);
    entra.act_with(&id, "present", Some(json!({ "faceCheckScore": 40 })));
    kiosk.wait_screen("verification_result");
    assert_eq!(kiosk.text("#screen-title"), "Card not verified");
    let problem = kiosk.text("#verify-problem-message");
    assert!(problem.contains("Face Check"), "{problem}");
    // The service's error names the threshold, not the score (reference §4.2).
    assert!(problem.contains("70 of 100 needed"), "{problem}");
    assert!(
        !kiosk.is_displayed("#verified-claims"),
        "no claims from a failed card"
    );

    // Try again: a fresh code; this time the card is revoked, which no retry changes.
    kiosk.click("#try-again");
    let id = to_the_verify_code(&kiosk, &entra, shots.path(), "third");
    scan(&kiosk, &entra, &id);
    entra.act_with(&id, "present", Some(json!({ "revoked": true })));
    kiosk.wait_screen("verification_result");
    let problem = kiosk.text("#verify-problem-message");
    assert!(problem.contains("revoked"), "{problem}");
    assert!(
        !kiosk.is_displayed("#try-again"),
        "a revoked card stays revoked"
    );
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}
