//! The credential offer as a person sees it: the QR on screen, decoded from the pixels, is the
//! URL the Entra stand-in issued; the wallet's scan shows up; an unscanned QR is replaced by a
//! fresh one when it expires.

use std::time::Duration;

use e2e::{EntraControl, Kiosk};

const OFFER_LIFETIME_SECS: &str = "12";

/// Decodes the QR code inside `canvas#offer-qr` from a screenshot of the whole window.
fn qr_on_screen(kiosk: &Kiosk, dir: &std::path::Path, name: &str) -> String {
    kiosk.read_qr("canvas#offer-qr", &dir.join(format!("{name}.png")))
}

fn to_the_offer(kiosk: &Kiosk) {
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.fill_intake(
        "mia.chen@example.com",
        Some("passport"),
        Some("phone"),
        true,
    );
    kiosk.wait_screen("phone_handoff");
    kiosk.wait_screen("offer_credential");
    kiosk.wait_displayed("canvas#offer-qr", Duration::from_secs(10));
}

#[test]
fn the_qr_on_screen_is_the_offer_and_follows_the_wallet() {
    let (sandbox_port, _) = e2e::process::free_ports();
    let port = sandbox_port.to_string();
    let kiosk = Kiosk::launch(
        "the_qr_on_screen_is_the_offer_and_follows_the_wallet",
        &[
            "--demo",
            "--demo-decline-first",
            "none",
            "--demo-wallet",
            "manual",
            "--entra-sandbox-port",
            &port,
            "--demo-offer-lifetime-secs",
            OFFER_LIFETIME_SECS,
        ],
    );
    let entra = EntraControl::on_port(sandbox_port);
    let shots = tempfile::tempdir().expect("a folder for screenshots");
    to_the_offer(&kiosk);

    // What the screen shows is what Entra issued.
    let first = qr_on_screen(&kiosk, shots.path(), "first");
    assert!(first.starts_with("openid-vc://?request_uri="), "{first}");
    let issued = entra.request_with_url(&first);
    assert_eq!(issued["url"].as_str(), Some(first.as_str()));
    // The phone's hosted session authenticated the passport: the card may say IAL2, and says how.
    assert_eq!(issued["claims"]["assurance_level"], "IAL2", "{issued}");
    assert_eq!(
        issued["claims"]["evidence_validation"], "automated_document_authentication",
        "{issued}"
    );
    assert!(
        !kiosk.is_displayed("#offer-pin"),
        "no PIN beside a code that could still be photographed and used"
    );

    // Left unscanned, the offer expires and a fresh QR with a new URL replaces it.
    let replaced = e2e::process::wait_until(Duration::from_secs(40), || {
        kiosk.screen().as_deref() == Some("offer_credential")
            && entra.requests().len() >= 2
            && qr_on_screen(&kiosk, shots.path(), "polling") != first
    });
    assert!(replaced, "the expired QR was not replaced by a fresh one");
    let second = qr_on_screen(&kiosk, shots.path(), "second");
    assert_ne!(second, first);
    let fresh = entra.request_with_url(&second);

    // The wallet scans: the kiosk says so; then it adds the credential: Done.
    let id = fresh["requestId"]
        .as_str()
        .expect("the request has an id")
        .to_string();
    entra.act(&id, "scan");
    kiosk.wait_text("#wallet-status", Duration::from_secs(10), |t| {
        t.to_lowercase().contains("scanned")
    });
    // Retrieved: the spent code leaves the screen and the PIN Authenticator asks for shows.
    kiosk.wait_hidden("canvas#offer-qr", Duration::from_secs(5));
    let pin = kiosk.wait_text("#offer-pin", Duration::from_secs(5), |t| !t.is_empty());
    assert!(
        pin.len() >= 4 && pin.chars().all(|c| c.is_ascii_digit()),
        "a PIN in digits is shown once the code was scanned: {pin:?}"
    );
    entra.act(&id, "complete");
    kiosk.wait_screen("done");
    let callbacks = entra.request_with_url(&second)["callbacks"].clone();
    let statuses: Vec<_> = callbacks
        .as_array()
        .expect("callbacks are listed")
        .iter()
        .filter_map(|c| c["httpStatus"].as_u64())
        .collect();
    assert_eq!(
        statuses,
        [200, 200],
        "both callbacks reached the kiosk's receiver: {callbacks}"
    );
}

/// At the kiosk camera the kiosk only reads the licence (its barcode proves nothing about the
/// card) and no operator has attested it: the credential Entra is asked for says IAL1, and that
/// nothing validated the document.
/// Launches demo mode with a manual wallet and the Entra stand-in on a known port; walks a
/// driver's licence through the kiosk camera to the offer (attested by staff when
/// `staff_code` is given) and returns the kiosk, the stand-in, the offer's URL and the claims
/// Entra was asked to put on the card.
fn kiosk_camera_offer(
    name: &str,
    extra: &[&str],
    staff_code: Option<&str>,
) -> (Kiosk, EntraControl, String, serde_json::Value) {
    document_at_kiosk_camera_offer(name, extra, staff_code, "drivers_license")
}

/// [`kiosk_camera_offer`] for `document` (`drivers_license`, `passport`, `national_id`).
fn document_at_kiosk_camera_offer(
    name: &str,
    extra: &[&str],
    staff_code: Option<&str>,
    document: &str,
) -> (Kiosk, EntraControl, String, serde_json::Value) {
    let (sandbox_port, _) = e2e::process::free_ports();
    let port = sandbox_port.to_string();
    let mut args = vec![
        "--demo",
        "--demo-decline-first",
        "none",
        "--demo-wallet",
        "manual",
        "--entra-sandbox-port",
        &port,
    ];
    args.extend_from_slice(extra);
    let kiosk = Kiosk::launch(name, &args);
    let entra = EntraControl::on_port(sandbox_port);
    let shots = tempfile::tempdir().expect("a folder for screenshots");
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.fill_intake(
        "sam.rivera@example.com",
        Some(document),
        Some("kiosk_camera"),
        true,
    );
    // A passport's data page is its only side.
    let steps: &[&str] = match document {
        "passport" => &["document_front", "selfie"],
        _ => &["document_front", "document_back", "selfie"],
    };
    for step in steps {
        kiosk.wait_screen(step);
        kiosk.wait_screen_within("review", e2e::AUTO_CAPTURE_TIMEOUT);
        kiosk.click("#use-photo");
    }
    match staff_code {
        Some(code) => kiosk.attest(code),
        None => {
            let next =
                kiosk.wait_screen_any(&["staff_attestation", "verifying", "offer_credential"]);
            assert_ne!(
                next, "staff_attestation",
                "a lobby kiosk has no staff to attest"
            );
        }
    }
    kiosk.wait_screen("offer_credential");
    kiosk.wait_displayed("canvas#offer-qr", Duration::from_secs(10));
    let url = qr_on_screen(&kiosk, shots.path(), "kiosk-offer");
    let issued = entra.request_with_url(&url);
    assert_eq!(issued["claims"]["document_type"], document, "{issued}");
    // The proofed selfie went on the card as its photo, within Face Check's rules.
    let photo = &issued["photo"];
    assert_eq!(photo["claim"], "photo", "{issued}");
    assert_eq!(photo["encoding"], "base64", "{issued}");
    for side in ["width", "height"] {
        let pixels = photo[side].as_u64().unwrap_or_default();
        assert!(pixels >= 200, "the photo's {side} is {pixels} px: {issued}");
    }
    assert!(
        photo["encodedLen"].as_u64().unwrap_or(u64::MAX) < 1024 * 1024,
        "{issued}"
    );
    let claims = issued["claims"].clone();
    (kiosk, entra, url, claims)
}

fn kiosk_camera_claims(name: &str, extra: &[&str], staff_code: Option<&str>) -> serde_json::Value {
    kiosk_camera_offer(name, extra, staff_code).3
}

/// With `verify.check_new_card`, the card just added is asked back at once: the code on screen
/// is a presentation request for this kiosk's card with Face Check against the photo it put on
/// the card, and the person sees that the card works before Done.
#[test]
fn the_new_card_is_checked_with_face_check_before_done() {
    let (kiosk, entra, offer_url, _) = kiosk_camera_offer(
        "the_new_card_is_checked_with_face_check_before_done",
        &["--demo-check-new-card"],
        Some("HD-0042"),
    );
    let offer = entra.request_with_url(&offer_url);
    let id = offer["requestId"].as_str().expect("an id").to_string();
    entra.act(&id, "scan");
    entra.act(&id, "complete");
    kiosk.wait_screen("verify_card");
    assert_eq!(kiosk.text("#screen-title"), "Check your new card");
    kiosk.wait_displayed("canvas#verify-qr", Duration::from_secs(10));
    let shots = tempfile::tempdir().expect("a folder for screenshots");
    let url = kiosk.read_qr("canvas#verify-qr", &shots.path().join("new-card.png"));
    let asked = entra.request_with_url(&url);
    assert_eq!(asked["kind"], "presentation", "{asked}");
    let presentation_id = asked["requestId"].as_str().expect("an id").to_string();
    entra.act(&presentation_id, "scan");
    // The wallet presents the card it was just given, photo and all.
    entra.act(&presentation_id, "present");
    kiosk.wait_screen("verification_result");
    assert_eq!(kiosk.text("#screen-title"), "Your new card works");
    let face_check = kiosk.text("#verified-face-check");
    assert!(face_check.contains("86.3 of 100"), "{face_check}");
    kiosk.click("#finish");
    kiosk.wait_screen("done");
}

#[test]
fn a_staff_attested_kiosk_camera_enrollment_says_ial2_by_operator_inspection() {
    // The demo runs dl_verify; liveness and face match pass; staff attest the document.
    let claims = kiosk_camera_claims(
        "a_staff_attested_kiosk_camera_enrollment_says_ial2_by_operator_inspection",
        &[],
        Some("HD-0042"),
    );
    assert_eq!(claims["assurance_level"], "IAL2", "{claims}");
    assert_eq!(
        claims["evidence_validation"], "operator_inspection",
        "{claims}"
    );
}

#[test]
fn a_lobby_kiosk_camera_enrollment_never_claims_more_than_ial1() {
    let claims = kiosk_camera_claims(
        "a_lobby_kiosk_camera_enrollment_never_claims_more_than_ial1",
        &["--demo-lobby", "kiosk-camera-ial1"],
        None,
    );
    assert_eq!(claims["assurance_level"], "IAL1", "{claims}");
    assert_eq!(claims["evidence_validation"], "none", "{claims}");
}

/// A passport photographed with the kiosk camera: the data page is read locally (its MRZ, its
/// portrait), staff attest it, and the card Entra is asked for names the passport's holder and
/// issuing state, and claims no more than IAL1.
#[test]
fn a_passport_at_the_kiosk_camera_is_read_from_its_data_page() {
    let (_kiosk, _entra, _url, claims) = document_at_kiosk_camera_offer(
        "a_passport_at_the_kiosk_camera_is_read_from_its_data_page",
        &[],
        Some("HD-0042"),
        "passport",
    );
    assert_eq!(claims["document_country"], "UTO", "{claims}");
    assert_eq!(claims["family_name"], "SAMPLE", "{claims}");
    // Reading the zone proves the read, not the document, and no service checked the passport
    // (there is no dl_verify for it): even attested by staff, the card says IAL1.
    assert_eq!(claims["assurance_level"], "IAL1", "{claims}");
    assert_eq!(
        claims["evidence_validation"], "operator_inspection",
        "{claims}"
    );
}
