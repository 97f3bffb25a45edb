//! End-to-end journeys through the real app in demo mode: what a person at the desk does and
//! sees. Run with `cargo xtask test e2e` (or `cargo test -p e2e -- --test-threads=1` once the
//! app is built and tauri-driver is installed).

use std::time::Duration;

use e2e::{Kiosk, AUTO_CAPTURE_TIMEOUT, SCREEN_TIMEOUT};

const LICENSE: &str = "drivers_license";
const PASSPORT: &str = "passport";
const KIOSK_CAMERA: &str = "kiosk_camera";
const PHONE: &str = "phone";

/// Asserts that `css` is displayed and shows text for which `want` holds; returns the text.
fn assert_shows(kiosk: &Kiosk, css: &str, what: &str, want: impl Fn(&str) -> bool) -> String {
    kiosk.wait_displayed(css, Duration::from_secs(5));
    let text = kiosk.text(css);
    assert!(want(&text), "{css} should show {what}; it shows {text:?}");
    text
}

/// Asserts that an error element sits next to (right below or beside) its field on screen.
fn assert_next_to(kiosk: &Kiosk, error: &str, field: &str) {
    let (_, ey, _, eh) = kiosk.rect(error);
    let (_, fy, _, fh) = kiosk.rect(field);
    let gap = if ey >= fy + fh {
        ey - (fy + fh)
    } else {
        fy - (ey + eh).min(fy)
    };
    assert!(
        gap <= 160.0,
        "{error} should be shown next to {field}, but they are {gap:.0}px apart"
    );
}

fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// One capture screen (kiosk camera): manual capture when asked, else wait for auto-capture;
/// then review it with *Use photo*.
fn capture_and_use(kiosk: &Kiosk, screen: &str, manual: bool) {
    kiosk.wait_screen(screen);
    let preview = kiosk.is_displayed("#preview");
    let instruction = kiosk.try_text("#instruction").unwrap_or_default();
    let cancel = kiosk.is_displayed("#cancel");
    // Auto-capture may legitimately have moved on meanwhile; judge only what was on screen.
    if kiosk.screen().as_deref() == Some(screen) {
        assert!(preview, "{screen}: the camera preview is not shown");
        assert!(
            !instruction.trim().is_empty(),
            "{screen}: no instruction for the person"
        );
        assert!(cancel, "{screen}: Cancel is not one tap away");
    }
    if manual {
        // Staff press Capture; if the demo camera's auto-capture won the race, that is fine.
        let pressed = e2e::process::wait_until(Duration::from_secs(10), || {
            if kiosk.screen().as_deref() != Some(screen) {
                return true;
            }
            let session = kiosk.session();
            session
                .find("#capture")
                .and_then(|el| session.click(&el))
                .is_ok()
        });
        assert!(pressed, "{screen}: could not press #capture");
    }
    // Manual capture shows the review at once; auto-capture once the scene is steady.
    kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
    kiosk.wait_displayed("#use-photo", Duration::from_secs(5));
    assert!(
        kiosk.is_displayed("#retake"),
        "review: Retake is not offered"
    );
    kiosk.click("#use-photo");
}

#[test]
fn walkthrough_visits_every_screen_in_order() {
    let kiosk = Kiosk::launch(
        "walkthrough_visits_every_screen_in_order",
        &["--demo", "--demo-decline-first", "IDV0001"],
    );

    // Welcome.
    kiosk.wait_screen("welcome");
    assert!(
        !kiosk.is_displayed("#cancel"),
        "welcome must not offer Cancel"
    );
    kiosk.click("#start");

    // Intake, submitted empty: every required field says what is missing, next to it.
    kiosk.wait_screen("intake");
    kiosk.click("#continue");
    let email_error = assert_shows(&kiosk, "#email-error", "that the e-mail is missing", |t| {
        lower(t).contains("e-mail")
    });
    assert_next_to(&kiosk, "#email-error", "#email");
    assert_shows(&kiosk, "#consent-error", "that consent is needed", |t| {
        lower(t).contains("agree")
    });
    assert_next_to(&kiosk, "#consent-error", "#consent");
    assert_shows(
        &kiosk,
        "#document-type-error",
        "that a document must be chosen",
        |t| lower(t).contains("document"),
    );
    assert_shows(
        &kiosk,
        "#capture-method-error",
        "that a capture method must be chosen",
        |t| !t.trim().is_empty(),
    );
    // Names are optional: no error for leaving them empty.
    for optional in ["#given-name-error", "#family-name-error"] {
        assert!(
            !kiosk.is_displayed(optional) || kiosk.text(optional).trim().is_empty(),
            "{optional} shows an error although names are optional: {:?}",
            kiosk.text(optional)
        );
    }
    assert_eq!(
        kiosk.screen().as_deref(),
        Some("intake"),
        "an empty form must not be accepted"
    );

    // An e-mail that is not one.
    kiosk.type_into("#email", "not-an-email");
    kiosk.click("#continue");
    kiosk.wait_text("#email-error", Duration::from_secs(5), |t| {
        t != email_error && !t.is_empty()
    });
    assert_shows(
        &kiosk,
        "#email-error",
        "that this is not an e-mail address",
        |t| lower(t).contains("e-mail address") && lower(t).contains("doesn't look like"),
    );
    assert_eq!(kiosk.screen().as_deref(), Some("intake"));

    // A valid intake: driver's license at the kiosk camera.
    kiosk.type_into("#given-name", "Alex");
    // As on the demo licence (ALEX JORDAN SAMPLE): a typed name must be the document's.
    kiosk.type_into("#family-name", "Sample");
    kiosk.fill_intake(
        "alex.sample@example.com",
        Some(LICENSE),
        Some(KIOSK_CAMERA),
        true,
    );

    // First attempt: front (manual capture), back (auto-capture), selfie with one retake.
    kiosk.wait_screen("document_front");
    kiosk.forget_screens();
    capture_and_use(&kiosk, "document_front", true);
    capture_and_use(&kiosk, "document_back", false);
    kiosk.wait_screen("selfie");
    kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
    kiosk.click("#retake");
    capture_and_use(&kiosk, "selfie", false);
    // Staff attest the document they hold before it is verified.
    kiosk.attest("HD-0042");

    // Verifying, then declined with IDV0001.
    kiosk.wait_screen_any(&["verifying", "proofing_failed"]);
    kiosk.wait_screen("proofing_failed");
    assert_shows(&kiosk, "#reason-code", "the reason code IDV0001", |t| {
        t.contains("IDV0001")
    });
    assert_shows(&kiosk, "#failure-message", "what went wrong", |t| {
        !t.trim().is_empty()
    });
    assert_shows(&kiosk, "#failure-next-step", "what to do next", |t| {
        !t.trim().is_empty()
    });
    assert!(
        kiosk.is_displayed("#try-again"),
        "a retryable decline must offer Try again"
    );
    kiosk.assert_screens(&[
        "document_front",
        "review",
        "document_back",
        "review",
        "selfie",
        "review",
        "selfie",
        "review",
        "staff_attestation",
        "verifying",
        "proofing_failed",
    ]);

    // Second attempt: the three captures again, then approved.
    kiosk.forget_screens();
    kiosk.click("#try-again");
    capture_and_use(&kiosk, "document_front", false);
    capture_and_use(&kiosk, "document_back", false);
    capture_and_use(&kiosk, "selfie", false);
    kiosk.attest("HD-0042");

    // The credential offer: a QR that fills most of the screen; the wallet scans it.
    kiosk.wait_screen("offer_credential");
    kiosk.wait_displayed("canvas#offer-qr", Duration::from_secs(5));
    let (_, _, width, height) = kiosk.rect("canvas#offer-qr");
    let window = kiosk.window_height();
    assert!(
        height >= 0.6 * window && width > 0.0,
        "the offer QR is {width:.0}x{height:.0}px in a {window:.0}px high window: it must fill at least 60% of the height"
    );
    assert_shows(&kiosk, "#offer-countdown", "a countdown", |t| {
        t.chars().any(|c| c.is_ascii_digit())
    });
    let waiting = kiosk.text("#wallet-status");
    let mut statuses = vec![waiting.clone()];
    let scanned = e2e::process::wait_until(SCREEN_TIMEOUT, || {
        if kiosk.screen().as_deref() != Some("offer_credential") {
            return false;
        }
        let now = kiosk.text("#wallet-status");
        if statuses.last() != Some(&now) {
            statuses.push(now.clone());
        }
        lower(&now).contains("scanned")
    });
    assert!(
        scanned,
        "#wallet-status never said the code was scanned; it showed {statuses:?}, screen now {:?}",
        kiosk.screen()
    );

    // Done, and back to Welcome.
    kiosk.wait_screen("done");
    kiosk.assert_screens(&[
        "proofing_failed",
        "document_front",
        "review",
        "document_back",
        "review",
        "selfie",
        "review",
        "staff_attestation",
        "verifying",
        "issuing",
        "offer_credential",
        "done",
    ]);
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}

#[test]
fn phone_handoff_for_a_passport() {
    // A lobby kiosk whose photos are taken on the phone.
    let kiosk = Kiosk::launch(
        "phone_handoff_for_a_passport",
        &[
            "--demo",
            "--demo-decline-first",
            "none",
            "--demo-lobby",
            "phone",
        ],
    );
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");

    // This kiosk does not offer its camera: the form says to use the phone.
    kiosk.fill_intake(
        "sam.lee@example.com",
        Some(PASSPORT),
        Some(KIOSK_CAMERA),
        true,
    );
    let refusal = kiosk.wait_text("#capture-method-error", Duration::from_secs(10), |t| {
        !t.trim().is_empty()
    });
    assert!(
        refusal.contains("My phone"),
        "#capture-method-error should point to \"My phone\": {refusal:?}"
    );
    assert_eq!(
        kiosk.screen().as_deref(),
        Some("intake"),
        "the kiosk camera must be refused at a phone-only lobby kiosk"
    );

    // With the phone: a QR to scan, progress, then the credential.
    kiosk.forget_screens();
    kiosk.choose(&format!(
        "input[name=\"capture-method\"][value=\"{PHONE}\"]"
    ));
    kiosk.click("#continue");
    kiosk.wait_screen("phone_handoff");
    kiosk.wait_displayed("canvas#handoff-qr", Duration::from_secs(10));
    let (_, _, width, height) = kiosk.rect("canvas#handoff-qr");
    assert!(
        width >= 100.0 && height >= 100.0,
        "the handoff QR is too small to scan: {width}x{height}"
    );
    assert_shows(&kiosk, "#handoff-status", "progress", |t| {
        !t.trim().is_empty()
    });

    kiosk.wait_screen_any(&["issuing", "offer_credential"]);
    kiosk.wait_screen("offer_credential");
    kiosk.wait_displayed("canvas#offer-qr", Duration::from_secs(5));
    kiosk.wait_screen("done");
    let seen = kiosk.screens_seen();
    for (a, b) in [
        ("phone_handoff", "issuing"),
        ("issuing", "offer_credential"),
        ("offer_credential", "done"),
    ] {
        let ia = seen.iter().position(|s| s == a);
        let ib = seen.iter().position(|s| s == b);
        assert!(
            matches!((ia, ib), (Some(x), Some(y)) if x < y),
            "expected {a} before {b}; screens shown: {seen:?}"
        );
    }
    assert!(
        !seen
            .iter()
            .any(|s| ["document_front", "document_back", "selfie"].contains(&s.as_str())),
        "the phone journey must not use the kiosk camera: {seen:?}"
    );
    kiosk.click("#finish");
    kiosk.wait_screen("welcome");
}

#[test]
fn cancel_mid_flow_returns_to_an_empty_welcome() {
    let kiosk = Kiosk::launch(
        "cancel_mid_flow_returns_to_an_empty_welcome",
        &["--demo", "--demo-decline-first", "none"],
    );
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.type_into("#given-name", "Jordan");
    kiosk.type_into("#family-name", "Okafor");
    kiosk.fill_intake(
        "jordan.okafor@example.com",
        Some(LICENSE),
        Some(KIOSK_CAMERA),
        true,
    );

    capture_and_use(&kiosk, "document_front", true);
    kiosk.wait_screen("document_back");
    kiosk.wait_displayed("#cancel", Duration::from_secs(5));
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");

    // The next person starts with an empty form.
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    for field in ["#email", "#given-name", "#family-name"] {
        assert_eq!(
            kiosk.value(field),
            "",
            "{field} still holds the previous person's data"
        );
    }
    for choice in [
        "input[name=\"document-type\"][value=\"drivers_license\"]",
        "input[name=\"capture-method\"][value=\"kiosk_camera\"]",
        "#consent",
    ] {
        assert!(
            !kiosk.is_checked(choice),
            "{choice} is still selected from the previous person"
        );
    }
    for error in ["#email-error", "#consent-error"] {
        assert!(
            !kiosk.is_displayed(error) || kiosk.text(error).trim().is_empty(),
            "{error} shows an error before anything was submitted"
        );
    }
    let page = kiosk.session().page_source().unwrap_or_default();
    for personal in ["jordan.okafor@example.com", "Jordan", "Okafor"] {
        assert!(
            !page.contains(personal),
            "the page still contains {personal:?} after cancel"
        );
    }
}

#[test]
fn inactivity_warns_then_resets() {
    let kiosk = Kiosk::launch(
        "inactivity_warns_then_resets",
        &[
            "--demo",
            "--idle-warning-secs",
            "2",
            "--idle-reset-secs",
            "4",
        ],
    );
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.type_into("#email", "still.here@example.com");

    // Quiet: the warning appears and counts down.
    kiosk.wait_displayed("#inactivity-warning", SCREEN_TIMEOUT);
    assert_eq!(
        kiosk
            .session()
            .find("#inactivity-warning")
            .ok()
            .and_then(|el| kiosk.session().attribute(&el, "role").ok().flatten()),
        Some("alertdialog".to_string()),
        "the inactivity warning must be an alertdialog for screen readers"
    );
    let number = |text: &str| text.trim().parse::<u64>().ok();
    let first = kiosk.text("#inactivity-seconds");
    let first = number(&first)
        .unwrap_or_else(|| panic!("#inactivity-seconds shows {first:?}, not a number"));
    let lower_shown = kiosk.wait_text("#inactivity-seconds", Duration::from_secs(10), |t| {
        number(t).is_some_and(|n| n < first)
    });
    assert!(number(&lower_shown).is_some());

    // "I'm still here" dismisses it and keeps what was typed.
    kiosk.click("#still-here");
    kiosk.wait_hidden("#inactivity-warning", Duration::from_secs(5));
    assert_eq!(kiosk.screen().as_deref(), Some("intake"));
    assert_eq!(
        kiosk.value("#email"),
        "still.here@example.com",
        "dismissing the warning lost the typed e-mail"
    );

    // Quiet again, without touching anything: warning, then back to Welcome.
    kiosk.wait_displayed("#inactivity-warning", SCREEN_TIMEOUT);
    kiosk.wait_screen("welcome");
    kiosk.wait_hidden("#inactivity-warning", Duration::from_secs(5));
    kiosk.wait_displayed("#start", Duration::from_secs(5));
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    assert_eq!(
        kiosk.value("#email"),
        "",
        "the reset kept the previous e-mail"
    );
}

#[test]
fn an_employee_reads_the_language_chosen_on_welcome_until_the_next_welcome() {
    let kiosk = Kiosk::launch("language_choice", &["--demo"]);
    kiosk.wait_screen("welcome");
    let lang = |kiosk: &Kiosk| {
        kiosk
            .session()
            .execute("return document.documentElement.lang;", Vec::new())
            .expect("the page answers")
    };
    assert_eq!(lang(&kiosk), "en");
    assert_eq!(
        kiosk.text("#language-es"),
        e2e::words("es", "language-name")
    );
    assert_eq!(
        kiosk.text("#language-fr-CA"),
        e2e::words("fr-CA", "language-name")
    );

    kiosk.click("#language-es");
    let title = e2e::words("es", "welcome-title");
    kiosk.wait_text("#screen-title", SCREEN_TIMEOUT, |t| t == title);
    assert_eq!(lang(&kiosk), "es");
    assert_eq!(
        kiosk.text("#start"),
        e2e::words("es", "welcome-start-staffed")
    );
    assert_eq!(kiosk.text("#cancel"), "", "Cancel is hidden on Welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    assert_eq!(
        kiosk.text("#screen-title"),
        e2e::words("es", "intake-title")
    );
    assert_eq!(kiosk.text("#cancel"), e2e::words("es", "cancel"));
    // Rust's words come through in the chosen language too.
    kiosk.click("#continue");
    kiosk.wait_displayed("#email-error", Duration::from_secs(5));
    assert_eq!(
        kiosk.text("#email-error"),
        e2e::words("es", "intake-email-missing")
    );

    // The next person finds the kiosk's own language.
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");
    let english = e2e::words("en", "welcome-title");
    kiosk.wait_text("#screen-title", SCREEN_TIMEOUT, |t| t == english);
    assert_eq!(lang(&kiosk), "en");
}

/// Asserts that a new screen put keyboard focus on its heading, so a screen reader reads it.
fn assert_focus_on_heading(kiosk: &Kiosk, screen: &str) {
    assert_eq!(
        kiosk.focused_id(),
        "screen-title",
        "focus did not move to the heading of {screen}"
    );
}

#[test]
fn keyboard_only_from_welcome_to_done() {
    use e2e::{ENTER, SPACE};
    let kiosk = Kiosk::launch("keyboard_only", &["--demo", "--demo-decline-first", "none"]);
    kiosk.wait_screen("welcome");
    assert_focus_on_heading(&kiosk, "welcome");
    kiosk.tab_to("start", 8);
    kiosk.press(&[ENTER]);

    kiosk.wait_screen("intake");
    assert_focus_on_heading(&kiosk, "intake");
    kiosk.tab_to("email", 8);
    kiosk.press(&["alex.sample@example.com"]);
    // Names are optional; the first radio of each group takes focus, and Space picks it
    // (the licence, then this kiosk's camera).
    kiosk.tab_to("document-type-drivers-license", 8);
    kiosk.press(&[SPACE]);
    kiosk.tab_to("capture-method-kiosk-camera", 8);
    kiosk.press(&[SPACE]);
    kiosk.tab_to("consent", 8);
    kiosk.press(&[SPACE]);
    kiosk.tab_to("continue", 4);
    kiosk.press(&[ENTER]);

    for step in ["document_front", "document_back", "selfie"] {
        kiosk.wait_screen(step);
        assert_focus_on_heading(&kiosk, step);
        // Auto-capture takes the photo; the review is answered from the keyboard.
        kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
        assert_focus_on_heading(&kiosk, "review");
        kiosk.tab_to("use-photo", 8);
        kiosk.press(&[ENTER]);
    }

    kiosk.wait_screen("staff_attestation");
    assert_focus_on_heading(&kiosk, "staff_attestation");
    for check in [
        "attest-security-features",
        "attest-not-altered",
        "attest-portrait",
    ] {
        kiosk.tab_to(check, 8);
        kiosk.press(&[SPACE]);
    }
    kiosk.tab_to("staff-code", 4);
    kiosk.press(&["HD-0042", ENTER]);

    kiosk.wait_screen_within("offer_credential", SCREEN_TIMEOUT);
    assert_focus_on_heading(&kiosk, "offer_credential");
    // The demo wallet scans and accepts the offer by itself.
    kiosk.wait_screen_within("done", Duration::from_secs(60));
    assert_focus_on_heading(&kiosk, "done");
    kiosk.tab_to("finish", 8);
    kiosk.press(&[ENTER]);
    kiosk.wait_screen("welcome");
}
