//! From an approved proofing result to the claims of the Verified ID credential.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::domain::{CaptureMethod, DocumentType, Journey};
use crate::intake::ValidIntake;

/// How the document was shown to be genuine, as the `evidence_validation` claim says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceValidation {
    /// 1Kosmos's hosted session authenticated the document (document liveness, fraud checks).
    AutomatedDocumentAuthentication,
    /// A trained operator inspected the physical document at a staffed desk and attested it.
    OperatorInspection,
    /// Nothing established that the document is genuine: the kiosk only read what it says.
    NotValidated,
}

impl EvidenceValidation {
    pub fn claim_value(self) -> &'static str {
        match self {
            Self::AutomatedDocumentAuthentication => "automated_document_authentication",
            Self::OperatorInspection => "operator_inspection",
            Self::NotValidated => "none",
        }
    }
}

/// What proofing tells us when it approves an identity. Personal fields are wiped on drop.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct ProofingApproval {
    /// Names as read from the document; preferred over what was typed at intake.
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// ISO 3166 alpha-3 issuing country, when the document says.
    pub document_country: Option<String>,
    /// The 1Kosmos session or certification id: a reference, not personal data.
    pub proofing_reference: String,
    /// RFC 3339 time of the decision, as reported by the proofing service.
    pub verified_at: String,
    pub document_checks_passed: bool,
    pub liveness_passed: bool,
    pub face_match_passed: bool,
    /// How the document was shown to be genuine (the proofing adapter says what it has).
    #[zeroize(skip)]
    pub evidence: EvidenceValidation,
    /// The photo claim's value (the proofed selfie cropped to the photo rules, encoded), when
    /// the kiosk sends a photo and proofing had the selfie (the kiosk-camera path).
    pub photo: Option<String>,
}

impl fmt::Debug for ProofingApproval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProofingApproval")
            .field("proofing_reference", &self.proofing_reference)
            .field("document_checks_passed", &self.document_checks_passed)
            .field("liveness_passed", &self.liveness_passed)
            .field("face_match_passed", &self.face_match_passed)
            .field("evidence", &self.evidence)
            .field("photo", &self.photo.as_ref().map(|p| p.len()))
            .finish_non_exhaustive()
    }
}

/// The claims handed to the issuing service as `idTokenHint` claims. Wiped on drop.
#[derive(Clone, PartialEq, Eq, Default, Zeroize, ZeroizeOnDrop)]
pub struct Claims(pub Vec<(String, String)>);

impl Claims {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(claim, _)| claim == name)
            .map(|(_, value)| value.as_str())
    }
}

impl fmt::Debug for Claims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(name, _)| name))
            .finish()
    }
}

/// A claim the kiosk puts on every credential: its name in the issuance request, the label a
/// card shows for it, and whether it always has a value (only those may be `required` in the
/// credential's rules: Entra refuses an issuance that lacks a required claim).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimSpec {
    pub name: &'static str,
    pub label: &'static str,
    pub always_present: bool,
}

const fn claim(name: &'static str, label: &'static str, always_present: bool) -> ClaimSpec {
    ClaimSpec {
        name,
        label,
        always_present,
    }
}

/// Every claim [`issuance_claims`] sends, in that order. The credential definition an
/// administrator pastes into Verified ID is generated from this list, and Test connection
/// checks the live manifest against it.
pub const ISSUED_CLAIMS: [ClaimSpec; 10] = [
    // Empty when neither the document nor the employee gave a name.
    claim("given_name", "First name", false),
    claim("family_name", "Last name", false),
    claim("email", "Work e-mail", true),
    claim("document_type", "Document checked", true),
    // Empty when the document does not say.
    claim("document_country", "Document issued by", false),
    claim("verification_journey", "Checks run", true),
    claim("assurance_level", "Identity assurance level", true),
    claim(
        "evidence_validation",
        "How the document was validated",
        true,
    ),
    claim("verified_at", "Verified on", true),
    claim("proofing_reference", "Proofing reference", true),
];

/// The assurance the credential may claim. IAL2 needs the selfie journey with every check
/// passed (document, liveness, face match) **and** evidence that the document is genuine of
/// the kind the capture path can have: on the phone, 1Kosmos's hosted session authenticated
/// it; at the kiosk camera, a trained operator inspected it (the kiosk itself only reads the
/// document, which proves nothing about whether it is genuine). Anything less is IAL1.
pub fn assurance_level(
    journey: Journey,
    capture: CaptureMethod,
    approval: &ProofingApproval,
) -> &'static str {
    let all_passed =
        approval.document_checks_passed && approval.liveness_passed && approval.face_match_passed;
    let genuine = match capture {
        CaptureMethod::Phone => {
            approval.evidence == EvidenceValidation::AutomatedDocumentAuthentication
        }
        CaptureMethod::KioskCamera => approval.evidence == EvidenceValidation::OperatorInspection,
    };
    if journey == Journey::KycWithSelfie && all_passed && genuine {
        "IAL2"
    } else {
        "IAL1"
    }
}

/// The claims of the credential; `photo_claim` names the photo claim when the kiosk sends one
/// (and there is a photo to send).
pub fn issuance_claims(
    intake: &ValidIntake,
    journey: Journey,
    approval: &ProofingApproval,
    photo_claim: Option<&str>,
) -> Claims {
    let pick = |read: &Option<String>, typed: &str| {
        read.clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| typed.to_string())
    };
    let document: DocumentType = intake.document_type;
    let photo = photo_claim
        .zip(approval.photo.as_ref())
        .map(|(name, value)| (name.to_string(), value.clone()));
    let mut claims = Claims(vec![
        (
            "given_name".into(),
            pick(&approval.given_name, &intake.given_name),
        ),
        (
            "family_name".into(),
            pick(&approval.family_name, &intake.family_name),
        ),
        ("email".into(), intake.email.clone()),
        ("document_type".into(), document.claim_value().into()),
        (
            "document_country".into(),
            approval.document_country.clone().unwrap_or_default(),
        ),
        ("verification_journey".into(), journey.claim_value().into()),
        (
            "assurance_level".into(),
            assurance_level(journey, intake.capture_method, approval).into(),
        ),
        (
            "evidence_validation".into(),
            approval.evidence.claim_value().into(),
        ),
        ("verified_at".into(), approval.verified_at.clone()),
        (
            "proofing_reference".into(),
            approval.proofing_reference.clone(),
        ),
    ]);
    claims.0.extend(photo);
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approval() -> ProofingApproval {
        ProofingApproval {
            given_name: Some("ADA".into()),
            family_name: None,
            document_country: Some("USA".into()),
            proofing_reference: "session-42".into(),
            verified_at: "2026-11-26T10:00:00Z".into(),
            document_checks_passed: true,
            liveness_passed: true,
            face_match_passed: true,
            evidence: EvidenceValidation::AutomatedDocumentAuthentication,
            photo: None,
        }
    }

    fn intake() -> ValidIntake {
        ValidIntake {
            email: "ada@example.com".into(),
            given_name: "Ada".into(),
            family_name: "Lovelace".into(),
            document_type: DocumentType::DriversLicense,
            capture_method: CaptureMethod::Phone,
        }
    }

    #[test]
    fn document_names_win_and_typed_names_fill_gaps() {
        let claims = issuance_claims(&intake(), Journey::KycWithSelfie, &approval(), None);
        assert_eq!(claims.get("given_name"), Some("ADA"));
        assert_eq!(claims.get("family_name"), Some("Lovelace"));
        assert_eq!(claims.get("email"), Some("ada@example.com"));
        assert_eq!(claims.get("document_type"), Some("drivers_license"));
        assert_eq!(claims.get("proofing_reference"), Some("session-42"));
        assert_eq!(claims.get("assurance_level"), Some("IAL2"));
    }

    #[test]
    fn ial2_needs_every_check_and_the_selfie_journey() {
        let mut partial = approval();
        partial.face_match_passed = false;
        assert_eq!(
            assurance_level(Journey::KycWithSelfie, CaptureMethod::Phone, &partial),
            "IAL1"
        );
        assert_eq!(
            assurance_level(Journey::DocumentOnly, CaptureMethod::Phone, &approval()),
            "IAL1"
        );
    }

    #[test]
    fn ial2_needs_evidence_that_the_document_is_genuine_for_its_capture_path() {
        use CaptureMethod::{KioskCamera, Phone};
        use EvidenceValidation::{
            AutomatedDocumentAuthentication, NotValidated, OperatorInspection,
        };
        let level = |capture, evidence| {
            let mut approval = approval();
            approval.evidence = evidence;
            assurance_level(Journey::KycWithSelfie, capture, &approval)
        };
        // The phone's hosted session authenticates the document.
        assert_eq!(level(Phone, AutomatedDocumentAuthentication), "IAL2");
        assert_eq!(level(Phone, NotValidated), "IAL1");
        // At the kiosk camera the barcode proves nothing: only an operator's inspection does.
        assert_eq!(level(KioskCamera, NotValidated), "IAL1");
        assert_eq!(level(KioskCamera, AutomatedDocumentAuthentication), "IAL1");
        assert_eq!(level(KioskCamera, OperatorInspection), "IAL2");
        assert_eq!(level(Phone, OperatorInspection), "IAL1");
    }

    #[test]
    fn the_claims_say_how_the_evidence_was_validated() {
        let mut kiosk = intake();
        kiosk.capture_method = CaptureMethod::KioskCamera;
        let mut unvalidated = approval();
        unvalidated.evidence = EvidenceValidation::NotValidated;
        let claims = issuance_claims(&kiosk, Journey::KycWithSelfie, &unvalidated, None);
        assert_eq!(claims.get("evidence_validation"), Some("none"));
        assert_eq!(claims.get("assurance_level"), Some("IAL1"));
        let claims = issuance_claims(&intake(), Journey::KycWithSelfie, &approval(), None);
        assert_eq!(
            claims.get("evidence_validation"),
            Some("automated_document_authentication")
        );
    }

    #[test]
    fn the_catalogue_lists_exactly_the_claims_sent_in_order() {
        let claims = issuance_claims(&intake(), Journey::KycWithSelfie, &approval(), None);
        let sent: Vec<&str> = claims.0.iter().map(|(name, _)| name.as_str()).collect();
        let listed: Vec<&str> = ISSUED_CLAIMS.iter().map(|spec| spec.name).collect();
        assert_eq!(sent, listed);
        // A claim that can be empty must not be one the rules may require.
        let mut bare = approval();
        bare.given_name = None;
        bare.family_name = None;
        bare.document_country = None;
        let mut untyped = intake();
        untyped.given_name.clear();
        untyped.family_name.clear();
        let claims = issuance_claims(&untyped, Journey::DocumentOnly, &bare, None);
        for spec in ISSUED_CLAIMS {
            let value = claims.get(spec.name).unwrap_or_default();
            assert!(
                !spec.always_present || !value.is_empty(),
                "{} is said to be always present but was empty",
                spec.name
            );
        }
    }

    #[test]
    fn the_photo_is_sent_only_when_the_kiosk_sends_photos_and_has_one() {
        let mut with_photo = approval();
        with_photo.photo = Some("/9j/4AAQ".into());
        let claims = issuance_claims(
            &intake(),
            Journey::KycWithSelfie,
            &with_photo,
            Some("photo"),
        );
        assert_eq!(claims.get("photo"), Some("/9j/4AAQ"));
        let claims = issuance_claims(&intake(), Journey::KycWithSelfie, &with_photo, None);
        assert_eq!(claims.get("photo"), None);
        let claims = issuance_claims(
            &intake(),
            Journey::KycWithSelfie,
            &approval(),
            Some("photo"),
        );
        assert_eq!(claims.get("photo"), None);
        assert!(!format!("{with_photo:?}").contains("/9j/"));
    }

    #[test]
    fn debug_output_names_claims_but_never_values() {
        let claims = issuance_claims(&intake(), Journey::KycWithSelfie, &approval(), None);
        let printed = format!("{claims:?} {:?}", approval());
        assert!(printed.contains("email"));
        for secret in ["ada@example.com", "Lovelace", "ADA"] {
            assert!(!printed.contains(secret), "{secret} leaked into {printed}");
        }
    }
}
