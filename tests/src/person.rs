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
