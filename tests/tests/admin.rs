//! The admin screen, as an administrator meets it on a new kiosk: choose the admin PIN, fill in
//! the setup wizard (with errors next to the fields), save to the configuration file and the
//! OS credential store, then read the audit counts, test the connections, lock, and unlock
//! only with the right PIN.

use std::time::Duration;

use e2e::{Kiosk, SCREEN_TIMEOUT};

const PIN: &str = "24681357";
const CLIENT_SECRET: &str = "kiosk-e2e-client-secret-value";
const LICENSE_KEY: &str = "kiosk-e2e-license-key-value";
const TENANT: &str = "aaaabbbb-0000-cccc-1111-dddd2222eeee";

fn wait_for(kiosk: &Kiosk, css: &str, want: &str) -> String {
    kiosk.wait_text(css, SCREEN_TIMEOUT, |text| text.contains(want))
}

#[test]
fn first_run_setup_audit_connections_and_the_pin_gate() {
    let kiosk = Kiosk::launch("admin_first_run", &["--demo"]);
    kiosk.wait_screen("welcome");

    // One enrollment started and abandoned, for the audit counts.
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    assert!(
        !kiosk.is_displayed("#open-admin"),
        "administration is not offered during an enrollment"
    );
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");

    // First run: choose the PIN (typed twice).
    kiosk.click("#open-admin");
    kiosk.wait_displayed("#admin-new-pin", SCREEN_TIMEOUT);
    kiosk.type_into("#admin-new-pin", PIN);
    kiosk.type_into("#admin-repeat-pin", "13572468");
    kiosk.click("#admin-set-pin");
    wait_for(&kiosk, "#admin-message", "differ");
    kiosk.type_into("#admin-new-pin", PIN);
    kiosk.type_into("#admin-repeat-pin", PIN);
    kiosk.click("#admin-set-pin");

    // Step 1 with nothing filled in: each problem is shown at its field.
    kiosk.wait_displayed("#f-entra-tenant-id", SCREEN_TIMEOUT);
    kiosk.click("#wizard-next");
    wait_for(
        &kiosk,
        "[data-field='entra.tenant_id']",
        "Directory (tenant) ID",
    );
    wait_for(
        &kiosk,
        "[data-field='secrets.entra_client_secret']",
        "Certificates & secrets",
    );
    kiosk.type_into("#f-entra-tenant-id", TENANT);
    kiosk.type_into("#f-entra-client-id", "535fb089-9ff3-47b6-9bfb-4f1264799865");
    kiosk.type_into("#f-secrets-entra-client-secret", CLIENT_SECRET);
    kiosk.type_into("#f-entra-issuer-did", "did:web:verifiedid.contoso.com");
    kiosk.type_into(
        "#f-entra-manifest-url",
        "https://verifiedid.did.msidentity.com/v1.0/tenants/aaaabbbb-0000-cccc-1111-dddd2222eeee/verifiableCredentials/contracts/VmVyaWZpZWRFbnJvbGxtZW50/manifest",
    );
    kiosk.click("#wizard-next");

    // Step 2: 1Kosmos.
    kiosk.wait_displayed("#f-onekosmos-tenant-dns", SCREEN_TIMEOUT);
    kiosk.type_into("#f-onekosmos-tenant-dns", "contoso.1kosmos.net");
    kiosk.type_into("#f-secrets-onekosmos-license-key", LICENSE_KEY);
    kiosk.type_into("#f-onekosmos-dvc-id-kyc-with-selfie", "contoso_kyc_selfie");
    kiosk.click("#wizard-next");

    // Step 3: this kiosk; a plain-http relay is refused at its field.
    kiosk.wait_displayed("#f-callback-relay-url", SCREEN_TIMEOUT);
    kiosk.type_into("#f-callback-relay-url", "http://relay.contoso.com/callback");
    kiosk.type_into("#f-kiosk-allowed-email-domains", "contoso.com");
    kiosk.click("#wizard-save");
    wait_for(&kiosk, "[data-field='callback.relay_url']", "https");
    kiosk.clear("#f-callback-relay-url");
    kiosk.type_into(
        "#f-callback-relay-url",
        "https://relay.contoso.com/api/verified-id/",
    );
    // A relay needs this kiosk's name there.
    kiosk.click("#wizard-save");
    wait_for(&kiosk, "[data-field='callback.kiosk_id']", "missing");
    kiosk.type_into("#f-callback-kiosk-id", "desk-1");
    kiosk.click("#wizard-save");
    wait_for(&kiosk, "#admin-saved", "Saved to");

    // The file holds the settings and the PIN's hash, never a secret or the PIN.
    let path = kiosk
        .run_dir()
        .join("config/com.enrollmentkiosk.desk/config.toml");
    let saved = std::fs::read_to_string(&path).expect("the configuration file was written");
    assert!(saved.contains(TENANT), "{saved}");
    assert!(saved.contains("$argon2id$"), "{saved}");
    for secret in [CLIENT_SECRET, LICENSE_KEY, PIN] {
        assert!(!saved.contains(secret), "{secret} must not be in the file");
    }

    // The overview: secrets in the credential store, the audit counts, the update status.
    kiosk.click("#admin-overview");
    wait_for(&kiosk, "#admin-secrets", "client secret stored");
    assert!(kiosk.text("#admin-secrets").contains("license key stored"));
    assert!(!kiosk.text("#update-status").trim().is_empty());
    assert_eq!(kiosk.text("#audit-table td[data-count='started']"), "1");
    assert!(
        kiosk
            .text("#audit-table td[data-count='failed']")
            .contains("Cancelled at the desk: 1"),
        "{}",
        kiosk.text("#audit-table")
    );

    // Test connection against the running services (in demo mode, the stand-ins).
    kiosk.click("#test-entra");
    let entra = wait_for(&kiosk, "#connection-entra", "Connected.");
    assert!(entra.contains("manifest's issuer"), "{entra}");
    kiosk.click("#test-onekosmos");
    wait_for(&kiosk, "#connection-onekosmos", "accepted the license key");
    // Callbacks come through the relay (in demo mode, one in the kiosk's own process), as in
    // production: the kiosk is subscribed, and the relay accepts its token.
    let relay = kiosk.text("#relay-status");
    assert!(relay.contains("Connected since"), "{relay}");
    assert!(relay.contains("/callback/demo-kiosk"), "{relay}");
    kiosk.click("#test-relay");
    wait_for(&kiosk, "#connection-relay", "accepted this kiosk");

    // Preview a camera (in demo mode, the synthetic one): frames keep arriving, then stop.
    kiosk.click("#camera-preview-demo");
    kiosk.wait_displayed("#admin-preview", SCREEN_TIMEOUT);
    let painted = || kiosk.preview_frames_painted();
    assert!(
        e2e::process::wait_until(SCREEN_TIMEOUT, || painted() >= 5),
        "the admin preview should paint frames; painted {}",
        painted()
    );
    let before = painted();
    assert!(
        e2e::process::wait_until(SCREEN_TIMEOUT, || painted() > before + 3),
        "the admin preview should keep moving"
    );
    kiosk.click("#camera-preview-stop");
    kiosk.wait_hidden("#admin-preview", Duration::from_secs(5));

    // Lock; only the right PIN opens it again.
    kiosk.click("#admin-lock");
    kiosk.wait_hidden("#admin", Duration::from_secs(5));
    kiosk.click("#open-admin");
    kiosk.wait_displayed("#admin-pin", SCREEN_TIMEOUT);
    kiosk.type_into("#admin-pin", "11111111");
    kiosk.click("#admin-unlock");
    wait_for(&kiosk, "#admin-message", "not right");
    kiosk.type_into("#admin-pin", PIN);
    kiosk.click("#admin-unlock");
    wait_for(&kiosk, "#admin-version", "0.");
    kiosk.click("#admin-close");
    kiosk.wait_hidden("#admin", Duration::from_secs(5));
    kiosk.wait_screen("welcome");
}
