//! What the employee tells the kiosk before capture, and the rules it must meet.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::domain::{CaptureMethod, DocumentType};
use crate::language::Phrase;
use crate::settings::{KioskMode, SessionSettings};

/// The intake form as typed. Names and e-mail are personal data: wiped when dropped, and
/// `Debug` (so also a logged `Intent`) says only whether they were filled in.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, Zeroize, ZeroizeOnDrop)]
pub struct IntakeForm {
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    #[zeroize(skip)]
    pub document_type: Option<DocumentType>,
    #[zeroize(skip)]
    pub capture_method: Option<CaptureMethod>,
    pub consent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IntakeField {
    Email,
    GivenName,
    FamilyName,
    DocumentType,
    CaptureMethod,
    Consent,
}

/// A problem with one field, worded for the person at the kiosk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub field: IntakeField,
    pub message: Phrase,
}

pub const MAX_NAME_CHARS: usize = 64;
pub const MAX_EMAIL_CHARS: usize = 254;

/// The intake after validation: trimmed, the e-mail lower-cased. `Debug` hides the personal
/// fields.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct ValidIntake {
    pub email: String,
    pub given_name: String,
    pub family_name: String,
    #[zeroize(skip)]
    pub document_type: DocumentType,
    #[zeroize(skip)]
    pub capture_method: CaptureMethod,
}

/// How a personal field shows in `Debug`: whether it holds anything, never what.
fn filled(value: &str) -> &'static str {
    if value.is_empty() {
        "<empty>"
    } else {
        "<redacted>"
    }
}

impl std::fmt::Debug for IntakeForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IntakeForm")
            .field("email", &filled(&self.email))
            .field("given_name", &filled(&self.given_name))
            .field("family_name", &filled(&self.family_name))
            .field("document_type", &self.document_type)
            .field("capture_method", &self.capture_method)
            .field("consent", &self.consent)
            .finish()
    }
}

impl std::fmt::Debug for ValidIntake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidIntake")
            .field("email", &filled(&self.email))
            .field("given_name", &filled(&self.given_name))
            .field("family_name", &filled(&self.family_name))
            .field("document_type", &self.document_type)
            .field("capture_method", &self.capture_method)
            .finish()
    }
}

impl IntakeForm {
    /// Checks every field and returns either the clean intake or one error per bad field.
    pub fn validate(&self, settings: &SessionSettings) -> Result<ValidIntake, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message: Phrase| errors.push(FieldError { field, message });

        let email = self.email.trim().to_lowercase();
        if email.is_empty() {
            fail(IntakeField::Email, Phrase::new("intake-email-missing"));
        } else if !is_plausible_email(&email) {
            fail(IntakeField::Email, Phrase::new("intake-email-invalid"));
        } else if !settings.allowed_email_domains.is_empty() {
            let domain = email.rsplit('@').next().unwrap_or_default();
            if !settings
                .allowed_email_domains
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(domain))
            {
                fail(
                    IntakeField::Email,
                    Phrase::new("intake-email-domain")
                        .with(
                            "domains",
                            settings
                                .allowed_email_domains
                                .iter()
                                .map(|d| format!("@{d}"))
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                        .with("count", settings.allowed_email_domains.len() as u32),
                );
            }
        }

        let given_name = self.given_name.trim().to_string();
        let family_name = self.family_name.trim().to_string();
        for (field, name, what) in [
            (IntakeField::GivenName, &given_name, "given"),
            (IntakeField::FamilyName, &family_name, "family"),
        ] {
            if let Some(message) = name_problem(name, what) {
                fail(field, message);
            }
        }

        let document_type = self.document_type;
        if document_type.is_none() {
            fail(
                IntakeField::DocumentType,
                Phrase::new("intake-document-missing"),
            );
        }
        let capture_method = self.capture_method;
        match (capture_method, document_type) {
            (None, _) => fail(
                IntakeField::CaptureMethod,
                Phrase::new("intake-method-missing"),
            ),
            (Some(CaptureMethod::KioskCamera), Some(doc)) => {
                if let Some(reason) = kiosk_camera_refusal(doc, settings) {
                    fail(IntakeField::CaptureMethod, reason)
                }
            }
            _ => {}
        }
        if !self.consent {
            fail(IntakeField::Consent, Phrase::new("intake-consent-missing"));
        }

        match (errors.is_empty(), document_type, capture_method) {
            (true, Some(document_type), Some(capture_method)) => Ok(ValidIntake {
                email,
                given_name,
                family_name,
                document_type,
                capture_method,
            }),
            _ => Err(errors),
        }
    }
}

/// Passports and ID cards carry their data in the MRZ, which the kiosk cannot read yet; and
/// 1Kosmos `/verify` always checks a selfie, so a document-only journey runs on the phone.
pub fn kiosk_camera_supports(document: DocumentType, settings: &SessionSettings) -> bool {
    kiosk_camera_refusal(document, settings).is_none()
}

/// Why this document cannot be photographed at the kiosk, in the employee's words.
pub fn kiosk_camera_refusal(document: DocumentType, settings: &SessionSettings) -> Option<Phrase> {
    if settings.kiosk_mode == KioskMode::Lobby && !settings.lobby_kiosk_camera {
        return Some(Phrase::new("intake-kiosk-camera-lobby"));
    }
    if !settings.journey.needs_selfie() {
        return Some(Phrase::new("intake-kiosk-camera-document-only"));
    }
    if document != DocumentType::DriversLicense && !settings.kiosk_capture_reads_mrz {
        return Some(
            Phrase::new("intake-kiosk-camera-unread").with("document", document.claim_value()),
        );
    }
    None
}

/// `field` is the Fluent selector for which name it is (`given` or `family`).
fn name_problem(name: &str, field: &str) -> Option<Phrase> {
    // Names are optional: 1Kosmos only uses them for a name match.
    if name.is_empty() {
        return None;
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(
            Phrase::new("intake-name-too-long")
                .with("field", field)
                .with("max", MAX_NAME_CHARS as u32),
        );
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.');
    if !name.chars().all(allowed) || !name.chars().any(char::is_alphabetic) {
        return Some(Phrase::new("intake-name-characters").with("field", field));
    }
    None
}

/// A deliberately simple check: one `@`, a non-empty local part without spaces, and a domain
/// of dot-separated labels. Deliverability is proven later by the wallet, not here.
fn is_plausible_email(email: &str) -> bool {
    if email.chars().count() > MAX_EMAIL_CHARS || email.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str) -> IntakeForm {
        IntakeForm {
            email: email.into(),
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            document_type: Some(DocumentType::DriversLicense),
            capture_method: Some(CaptureMethod::KioskCamera),
            consent: true,
        }
    }

    fn fields(result: Result<ValidIntake, Vec<FieldError>>) -> Vec<IntakeField> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_lobby_kiosk_sends_the_camera_to_the_phone_unless_configured_for_ial1() {
        let lobby = SessionSettings {
            kiosk_mode: KioskMode::Lobby,
            ..SessionSettings::default()
        };
        let refusal = kiosk_camera_refusal(DocumentType::DriversLicense, &lobby);
        assert_eq!(refusal, Some(Phrase::new("intake-kiosk-camera-lobby")));
        let allowed = SessionSettings {
            lobby_kiosk_camera: true,
            ..lobby
        };
        assert_eq!(
            kiosk_camera_refusal(DocumentType::DriversLicense, &allowed),
            None
        );
        // A staffed desk is not affected by the lobby setting.
        assert_eq!(
            kiosk_camera_refusal(DocumentType::DriversLicense, &SessionSettings::default()),
            None
        );
    }

    #[test]
    fn debug_of_the_form_and_of_an_intent_never_shows_what_was_typed() {
        let form = IntakeForm {
            email: "priya.natarajan@example.com".into(),
            given_name: "Priya".into(),
            family_name: "Natarajan".into(),
            document_type: Some(DocumentType::Passport),
            capture_method: Some(CaptureMethod::Phone),
            consent: true,
        };
        let valid = form.validate(&SessionSettings::default()).expect("valid");
        let printed = format!(
            "{form:?} {valid:?} {:?}",
            crate::view::Intent::SubmitIntake { form: form.clone() }
        );
        for personal in ["priya", "Priya", "Natarajan", "example.com"] {
            assert!(!printed.contains(personal), "{personal} in {printed}");
        }
        assert!(printed.contains("Passport") && printed.contains("<redacted>"));
    }

    #[test]
    fn accepts_a_complete_form_and_normalises_it() {
        let valid = form("  Ada.Lovelace@Example.COM ")
            .validate(&SessionSettings::default())
            .expect("valid");
        assert_eq!(valid.email, "ada.lovelace@example.com");
        assert_eq!(valid.document_type, DocumentType::DriversLicense);
    }

    #[test]
    fn rejects_malformed_emails() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@example.c0m",
            "ada@-example.com",
            ".ada@example.com",
            "ada..l@example.com",
        ] {
            assert_eq!(
                fields(form(bad).validate(&SessionSettings::default())),
                vec![IntakeField::Email],
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn enforces_allowed_domains_case_insensitively() {
        let settings = SessionSettings {
            allowed_email_domains: vec!["contoso.com".into()],
            ..SessionSettings::default()
        };
        assert!(form("ada@CONTOSO.com").validate(&settings).is_ok());
        let errors = form("ada@fabrikam.com").validate(&settings).unwrap_err();
        assert_eq!(errors[0].field, IntakeField::Email);
        assert_eq!(
            errors[0].message,
            Phrase::new("intake-email-domain")
                .with("domains", "@contoso.com")
                .with("count", 1u32)
        );
    }

    #[test]
    fn names_are_optional_but_must_look_like_names() {
        let mut f = form("ada@example.com");
        f.given_name.clear();
        f.family_name.clear();
        assert!(f.validate(&SessionSettings::default()).is_ok());
        f.given_name = "Ada3".into();
        f.family_name = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            fields(f.validate(&SessionSettings::default())),
            vec![IntakeField::GivenName, IntakeField::FamilyName]
        );
        let mut f = form("ada@example.com");
        f.given_name = "Zoë-Anne O’Brien".into();
        assert!(f.validate(&SessionSettings::default()).is_ok());
    }

    #[test]
    fn passports_at_the_kiosk_camera_are_sent_to_the_phone() {
        let mut f = form("ada@example.com");
        f.document_type = Some(DocumentType::Passport);
        let errors = f.validate(&SessionSettings::default()).unwrap_err();
        assert_eq!(errors[0].field, IntakeField::CaptureMethod);
        assert_eq!(
            errors[0].message,
            Phrase::new("intake-kiosk-camera-unread").with("document", "passport")
        );
        f.capture_method = Some(CaptureMethod::Phone);
        assert!(f.validate(&SessionSettings::default()).is_ok());
    }

    #[test]
    fn consent_and_choices_are_required() {
        let mut f = IntakeForm::default();
        f.email = "ada@example.com".into();
        assert_eq!(
            fields(f.validate(&SessionSettings::default())),
            vec![
                IntakeField::DocumentType,
                IntakeField::CaptureMethod,
                IntakeField::Consent
            ]
        );
    }
}
