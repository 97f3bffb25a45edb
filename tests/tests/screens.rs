//! Every screen as people meet it, at the three sizes the kiosk runs at (a 1920×1080 landscape
//! kiosk, a 1080×1920 lobby totem, a 1366×768 laptop at a staffed desk): nothing cut off by the
//! window, nothing lying on top of something else, text readable at arm's length, targets big
//! enough for a finger, and no WCAG 2.1 A/AA violation axe-core can find, on every screen of an
//! enrollment, of verify mode and of the admin screens (first run, saved, overview). The same walk runs in
//! Canadian French (longer words, on the smallest screen) and in the pseudo-locale, where it
//! also fails on any word that does not come from the translation files.

use std::time::Duration;

use e2e::{EntraControl, Kiosk, AUTO_CAPTURE_TIMEOUT, SCREEN_TIMEOUT};
use serde_json::json;

struct Findings {
    size: String,
    kiosk: Kiosk,
    found: Vec<String>,
    seen: Vec<String>,
    /// In the pseudo-locale: also look for words that are not translated.
    pseudo: bool,
}

impl Findings {
    /// Inspects the screen as it is now.
    fn check(&mut self, label: &str) {
        // Let a screen that just appeared finish its first layout.
        std::thread::sleep(Duration::from_millis(300));
        self.seen.push(label.to_string());
        let shots = e2e::target_dir()
            .join("e2e")
            .join("screens")
            .join(&self.size);
        let _ = std::fs::create_dir_all(&shots);
        self.kiosk
            .screenshot(&shots.join(format!("{:02}-{label}.png", self.seen.len())));
        for problem in self.kiosk.layout_problems() {
            self.found
                .push(format!("[{} {label}] {problem}", self.size));
        }
        if self.pseudo {
            for words in self.kiosk.untranslated_words() {
                self.found.push(format!(
                    "[{} {label}] not from the translation files: {words}",
                    self.size
                ));
            }
        }
        for violation in self.kiosk.accessibility_violations() {
            self.found
                .push(format!("[{} {label}] axe: {violation}", self.size));
        }
    }
}

fn walk_every_screen(width: u32, height: u32, language: &str) {
    let name = format!("screens_{width}x{height}_{language}");
    let (entra_port, _) = e2e::process::free_ports();
    let port = entra_port.to_string();
    let kiosk = Kiosk::launch_on_screen(
        &name,
        &[
            "--demo",
            "--demo-decline-first",
            "IDV0001",
            "--demo-wallet",
            "manual",
            "--entra-sandbox-port",
            &port,
            "--demo-language",
            language,
        ],
        (width, height),
    );
    let entra = EntraControl::on_port(entra_port);
    let mut f = Findings {
        size: format!("{width}x{height}-{language}"),
        kiosk,
        found: Vec::new(),
        seen: Vec::new(),
        pseudo: language == "en-XA",
    };

    f.kiosk.wait_screen("welcome");
    f.check("welcome");
    f.kiosk.click("#start");
    f.kiosk.wait_screen("intake");
    f.check("intake");
    f.kiosk.click("#continue");
    f.kiosk
        .wait_displayed("#email-error", Duration::from_secs(5));
    f.check("intake-errors");
    f.kiosk.fill_intake(
        "ines.moreau@example.com",
        Some("drivers_license"),
        Some("kiosk_camera"),
        true,
    );
    let capture_all = |f: &mut Findings, look: bool| {
        for step in ["document_front", "document_back", "selfie"] {
            f.kiosk.wait_screen(step);
            if look {
                f.check(step);
            }
            f.kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
            if look {
                f.check(&format!("review-{step}"));
            }
            f.kiosk.click("#use-photo");
        }
        f.kiosk.wait_screen("staff_attestation");
        if look {
            f.check("staff_attestation");
        }
        f.kiosk.attest("HD-0042");
    };
    capture_all(&mut f, true);
    f.kiosk.wait_screen("proofing_failed");
    f.check("proofing_failed");
    f.kiosk.click("#try-again");
    capture_all(&mut f, false);
    f.kiosk.wait_screen("offer_credential");
    f.kiosk.wait_displayed("canvas#offer-qr", SCREEN_TIMEOUT);
    f.check("offer_credential");
    let offer = entra
        .requests()
        .into_iter()
        .rev()
        .find(|r| r["kind"] == "issuance")
        .expect("an issuance request");
    let id = offer["requestId"].as_str().expect("an id").to_string();
    entra.act(&id, "scan");
    f.kiosk.wait_displayed("#offer-pin", SCREEN_TIMEOUT);
    f.check("offer_credential-scanned");
    entra.act(&id, "complete");
    f.kiosk.wait_screen("done");
    f.check("done");
    f.kiosk.click("#finish");

    // Verify mode: a card that passes, then one that fails.
    f.kiosk.wait_screen("welcome");
    f.kiosk.click("#start-verify");
    f.kiosk.wait_screen("verify_card");
    f.kiosk.wait_displayed("canvas#verify-qr", SCREEN_TIMEOUT);
    f.check("verify_card");
    let presentation = |entra: &EntraControl| {
        entra
            .requests()
            .into_iter()
            .rev()
            .find(|r| r["kind"] == "presentation")
            .and_then(|r| r["requestId"].as_str().map(str::to_string))
            .expect("a presentation request")
    };
    let id = presentation(&entra);
    entra.act(&id, "scan");
    f.kiosk.wait_hidden("canvas#verify-qr", SCREEN_TIMEOUT);
    f.check("verify_card-scanned");
    entra.act(&id, "present");
    f.kiosk.wait_screen("verification_result");
    f.check("verification_result");
    f.kiosk.click("#finish");
    f.kiosk.wait_screen("welcome");
    f.kiosk.click("#start-verify");
    f.kiosk.wait_displayed("canvas#verify-qr", SCREEN_TIMEOUT);
    let id = presentation(&entra);
    entra.act(&id, "scan");
    entra.act_with(&id, "present", Some(json!({ "faceCheckScore": 40 })));
    f.kiosk.wait_screen("verification_result");
    f.kiosk.wait_displayed("#verify-problem", SCREEN_TIMEOUT);
    f.check("verification_result-failed");
    f.kiosk.click("#finish");

    // A passport goes to the phone.
    f.kiosk.wait_screen("welcome");
    f.kiosk.click("#start");
    f.kiosk.wait_screen("intake");
    f.kiosk.fill_intake(
        "ines.moreau@example.com",
        Some("passport"),
        Some("phone"),
        true,
    );
    f.kiosk.wait_screen("phone_handoff");
    f.kiosk.wait_displayed("canvas#handoff-qr", SCREEN_TIMEOUT);
    f.check("phone_handoff");
    f.kiosk.click("#cancel");

    // The admin screens' first run: choosing the PIN, then the setup wizard.
    f.kiosk.wait_screen("welcome");
    f.kiosk.click("#open-admin");
    f.kiosk.wait_displayed("#admin-new-pin", SCREEN_TIMEOUT);
    f.check("admin-choose-pin");
    f.kiosk.type_into("#admin-new-pin", "24681357");
    f.kiosk.type_into("#admin-repeat-pin", "24681357");
    f.kiosk.click("#admin-set-pin");
    f.kiosk.wait_displayed("#f-entra-tenant-id", SCREEN_TIMEOUT);
    f.check("admin-wizard");
    f.kiosk.click("#wizard-next");
    f.kiosk
        .wait_displayed("[data-field='entra.tenant_id']", SCREEN_TIMEOUT);
    f.check("admin-wizard-errors");
    f.kiosk.complete_admin_wizard();
    f.check("admin-saved");
    f.kiosk.click("#admin-overview");
    f.kiosk.wait_displayed("#admin-secrets", SCREEN_TIMEOUT);
    f.check("admin-overview");

    assert!(
        f.found.is_empty(),
        "{} problems on {} screens at {}:\n{}",
        f.found.len(),
        f.seen.len(),
        f.size,
        f.found.join("\n")
    );
}

#[test]
fn every_screen_fits_and_passes_axe_on_a_landscape_kiosk() {
    walk_every_screen(1920, 1080, "en");
}

#[test]
fn every_screen_fits_and_passes_axe_on_a_portrait_totem() {
    walk_every_screen(1080, 1920, "en");
}

#[test]
fn every_screen_fits_and_passes_axe_on_a_laptop() {
    walk_every_screen(1366, 768, "en");
}

#[test]
fn every_screen_fits_in_canadian_french_on_a_laptop() {
    walk_every_screen(1366, 768, "fr-CA");
}

#[test]
fn every_word_on_every_screen_comes_from_the_translation_files() {
    walk_every_screen(1920, 1080, "en-XA");
}
