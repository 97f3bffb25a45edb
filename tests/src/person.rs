//! Common steps of a person at the desk, built from the page-level look-ups in `page.rs`.

use crate::launch::Kiosk;

/// WebDriver key codes.
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const SPACE: &str = " ";

impl Kiosk {
    /// On Intake: fills in the form (`None` leaves a choice untouched) and presses Continue.
    pub fn fill_intake(
        &self,
        email: &str,
        document: Option<&str>,
        method: Option<&str>,
        consent: bool,
    ) {
        self.enter_intake(email, document, method, consent);
        self.click("#continue");
    }

    /// On the staff attestation screen (staffed desk, kiosk camera): the operator confirms the
    /// three checks of the physical document, enters `staff_code` and confirms.
    pub fn attest(&self, staff_code: &str) {
        self.wait_screen("staff_attestation");
        for check in [
            "#attest-security-features",
            "#attest-not-altered",
            "#attest-portrait",
        ] {
            if !self.is_checked(check) {
                self.choose(check);
            }
        }
        self.clear("#staff-code");
        self.type_into("#staff-code", staff_code);
        self.click("#attest");
    }

    /// The `id` of the element that has keyboard focus ("" for none).
    pub fn focused_id(&self) -> String {
        self.session()
            .execute(
                "return document.activeElement ? document.activeElement.id : '';",
                Vec::new(),
            )
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Presses keys on whatever has focus (see [`crate::webdriver::Session::press_keys`]).
    pub fn press(&self, keys: &[&str]) {
        self.session()
            .press_keys(keys)
            .unwrap_or_else(|e| panic!("e2e: pressing {keys:?} failed: {e}"));
    }

    /// Presses Tab until the element `#id` has focus, as a keyboard user would; panics when it
    /// is not reached within `max_tabs` presses (it cannot be reached by keyboard).
    pub fn tab_to(&self, id: &str, max_tabs: usize) {
        for _ in 0..=max_tabs {
            if self.focused_id() == id {
                return;
            }
            self.press(&[TAB]);
        }
        panic!(
            "e2e: #{id} was not reached with {max_tabs} presses of Tab (focus is on #{})",
            self.focused_id()
        );
    }

    /// On the admin screen's first-run wizard: fills in every step with a fictional tenant
    /// (Contoso) and saves; the secrets go to the OS credential store.
    pub fn complete_admin_wizard(&self) {
        self.wait_displayed("#f-entra-tenant-id", crate::SCREEN_TIMEOUT);
        for (field, value) in [
            ("#f-entra-tenant-id", "aaaabbbb-0000-cccc-1111-dddd2222eeee"),
            ("#f-entra-client-id", "535fb089-9ff3-47b6-9bfb-4f1264799865"),
            ("#f-secrets-entra-client-secret", "fictional-client-secret~1"),
            ("#f-entra-issuer-did", "did:web:verifiedid.contoso.com"),
            (
                "#f-entra-manifest-url",
                "https://verifiedid.did.msidentity.com/v1.0/tenants/aaaabbbb-0000-cccc-1111-dddd2222eeee/verifiableCredentials/contracts/VmVyaWZpZWRFbnJvbGxtZW50/manifest",
            ),
        ] {
            self.clear(field);
            self.type_into(field, value);
        }
        self.click("#wizard-next");
        self.wait_displayed("#f-onekosmos-tenant-dns", crate::SCREEN_TIMEOUT);
        self.type_into("#f-onekosmos-tenant-dns", "contoso.1kosmos.net");
        self.type_into(
            "#f-secrets-onekosmos-license-key",
            "fictional-license-key-1",
        );
        self.type_into("#f-onekosmos-dvc-id-kyc-with-selfie", "contoso_kyc_selfie");
        self.click("#wizard-next");
        self.wait_displayed("#f-kiosk-allowed-email-domains", crate::SCREEN_TIMEOUT);
        self.type_into("#f-kiosk-allowed-email-domains", "contoso.com");
        self.type_into(
            "#f-callback-relay-url",
            "https://relay.contoso.com/api/verified-id/",
        );
        self.type_into("#f-callback-kiosk-id", "desk-1");
        self.click("#wizard-save");
        self.wait_displayed("#admin-saved", crate::SCREEN_TIMEOUT);
    }

    /// On Intake: fills in the form without submitting it.
    pub fn enter_intake(
        &self,
        email: &str,
        document: Option<&str>,
        method: Option<&str>,
        consent: bool,
    ) {
        self.clear("#email");
        self.type_into("#email", email);
        if let Some(document) = document {
            self.choose(&format!(
                "input[name=\"document-type\"][value=\"{document}\"]"
            ));
        }
        if let Some(method) = method {
            self.choose(&format!(
                "input[name=\"capture-method\"][value=\"{method}\"]"
            ));
        }
        if consent && !self.is_checked("#consent") {
            self.choose("#consent");
        }
    }
}
