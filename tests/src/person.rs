//! Common steps of a person at the desk, built from the page-level look-ups in `page.rs`.

use crate::launch::Kiosk;

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
