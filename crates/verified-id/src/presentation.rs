//! What a presentation request's callbacks mean (reference §4.2), in the kiosk's terms: the
//! wallet picked the request up, the card was verified (issuer, type, claims, revocation
//! status, Face Check score and photo quality), or why not.
//!
//! The service checks the presentation before it calls back; [`PresentationPolicy::judge`]
//! checks the verified data again against what was asked (type, accepted issuers, revocation,
//! Face Check and its threshold), so the kiosk never shows "verified" for a card it did not
//! ask for, whatever a callback says. Claim constraints are left to the service (its
//! case-insensitive matching is not re-implemented here).
//!
//! # Failures and the evidence for each mapping
//!
//! | [`PresentationFailureReason`] | from | evidence (reference) |
//! |---|---|---|
//! | `FaceCheckBelowThreshold` | `presentation_error` whose message names the match confidence score / threshold; or a verified score under the threshold | §4.2 [FC]: code `claimValidationError`, "Match confidence score failing to meet the threshold."; assurance §4 "below the threshold the presentation fails" |
//! | `FaceCheckMissing` | a verified presentation without `faceCheck` when Face Check was asked | §4.2: "`faceCheck` is present only when Face Check was requested and passed" |
//! | `BillingNotEnabled` | `createPresentationRequest` refused ([`PresentationFailureReason::of_create_error`]), or an error message naming billing / premium features | §2.4 (MyWorkID #19): `badOrMissingField`, "Premium features cannot be used until billing is enabled by the admin. See https://aka.ms/fcbilling", target `authority`. In a callback: UNCONFIRMED |
//! | `Revoked` | an error message saying "revoked"; or `credentialState.revocationStatus` REVOKED without `allowRevoked` | §4.2: code `tokenError`, "The presented verifiable credential with jti is revoked." ([WOODGROVE], apparently the service's text); the status value `REVOKED` is UNCONFIRMED (only `VALID` is shown) |
//! | `WrongIssuerOrType` | a verified presentation whose credential is not of an asked type or not from an accepted issuer; or an error message naming the issuer / credential type | §3.1: `type` "must match", `acceptedIssuers`; the service's error wording is UNCONFIRMED |
//! | `RequestExpired` | an error message saying the request expired; the session's own clock at `expiry` | §7: requests live 5 minutes; the wallet then gets nothing. No expiry callback is documented (UNCONFIRMED) |
//! | `UserDeclined` | an error message "user canceled" (or cancelled / declined) | §4.2: the wallet library sends "user canceled" for cancelled issuance; for presentations UNCONFIRMED |
//! | `Other` | anything else; the code is kept | — |
//!
//! Nothing here logs; the service's error message and the claims stay out of `Debug`.

use std::fmt;

use crate::callback::{CallbackEvent, FaceCheckResult, VerifiedCredential};
use crate::credential_state::RevocationStatus;
use crate::error::{Error, ServiceErrorKind};
use crate::requests::{FaceCheckRequest, PresentationRequest};

/// A presentation callback, judged.
#[derive(Debug, Clone, PartialEq)]
pub enum PresentationUpdate {
    /// `request_retrieved`: the QR code was scanned; the person is choosing a card.
    Retrieved,
    /// The card was presented and passed every check asked for.
    Verified(VerifiedPresentation),
    /// The presentation failed (a `presentation_error`, or verified data that does not meet
    /// the request).
    Failed(PresentationFailure),
}

/// A presentation that passed: one credential per requested type, in the order asked.
#[derive(Clone, PartialEq)]
pub struct VerifiedPresentation {
    /// The holder's DID (`subject`).
    pub subject: Option<String>,
    /// Never empty.
    pub credentials: Vec<VerifiedCredential>,
}

impl VerifiedPresentation {
    /// The credential of the first requested type.
    pub fn credential(&self) -> &VerifiedCredential {
        &self.credentials[0]
    }

    /// Face Check's result on the first credential that carries one.
    pub fn face_check(&self) -> Option<&FaceCheckResult> {
        self.credentials.iter().find_map(|c| c.face_check.as_ref())
    }

    /// The revocation status of the first requested credential, when the service sent one.
    pub fn revocation_status(&self) -> Option<&RevocationStatus> {
        self.credential()
            .credential_state
            .as_ref()?
            .revocation_status
            .as_ref()
    }

    /// A claim of the first requested credential as text (claims are strings in every
    /// documented example and sample, reference §4.2).
    pub fn claim_text(&self, name: &str) -> Option<&str> {
        self.credential().claims.get(name)?.as_str()
    }
}

impl fmt::Debug for VerifiedPresentation {
    /// Without the holder's DID or claim values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedPresentation")
            .field("subject", &self.subject.as_ref().map(|_| "[REDACTED]"))
            .field("credentials", &self.credentials)
            .finish()
    }
}

/// Why a presentation failed, with the service's code and message when it sent them.
#[derive(Clone, PartialEq)]
pub struct PresentationFailure {
    pub reason: PresentationFailureReason,
    /// `error.code` of a `presentation_error`; `None` when the kiosk's own check failed.
    pub code: Option<String>,
    /// `error.message`. It may echo what the wallet sent, so it is in neither `Debug` nor
    /// `Display`; a screen may show it.
    pub message: Option<String>,
}

impl PresentationFailure {
    /// A failure the kiosk found itself in verified data.
    fn found(reason: PresentationFailureReason) -> Self {
        Self {
            reason,
            code: None,
            message: None,
        }
    }

    /// A `presentation_error` callback, classified by [`PresentationFailureReason::classify`].
    pub fn from_error(code: &str, message: &str) -> Self {
        Self {
            reason: PresentationFailureReason::classify(code, message),
            code: (!code.is_empty()).then(|| code.to_string()),
            message: (!message.is_empty()).then(|| message.to_string()),
        }
    }
}

impl fmt::Debug for PresentationFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PresentationFailure")
            .field("reason", &self.reason)
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for PresentationFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{} ({code})", self.reason),
            None => write!(f, "{}", self.reason),
        }
    }
}

/// What went wrong with a presentation; the module documentation gives the evidence for each.
#[derive(Debug, Clone, PartialEq)]
pub enum PresentationFailureReason {
    /// Face Check did not match well enough. `score` when the service sent one (a verified
    /// presentation under the threshold); `threshold` as asked.
    FaceCheckBelowThreshold {
        score: Option<f64>,
        threshold: Option<u8>,
    },
    /// Face Check was asked for but the verified data carries no result.
    FaceCheckMissing,
    /// Face Check is a premium feature and the tenant has no billing for it.
    BillingNotEnabled,
    /// The credential was revoked by its issuer.
    Revoked,
    /// The credential is not of a requested type or not from an accepted issuer.
    WrongIssuerOrType,
    /// The request's five minutes passed.
    RequestExpired,
    /// The person declined in the wallet.
    UserDeclined,
    /// Anything else (see [`PresentationFailure::code`]).
    Other,
}

impl PresentationFailureReason {
    /// Classifies a `presentation_error`'s `{code, message}` by the wordings in the module
    /// table; case is ignored. Anything unrecognised is [`PresentationFailureReason::Other`].
    pub fn classify(code: &str, message: &str) -> Self {
        let message = message.to_ascii_lowercase();
        let code = code.to_ascii_lowercase();
        let says = |words: &[&str]| words.iter().any(|w| message.contains(w));
        if says(&["match confidence"]) || (says(&["face"]) && says(&["threshold"])) {
            PresentationFailureReason::FaceCheckBelowThreshold {
                score: None,
                threshold: None,
            }
        } else if says(&["billing", "premium feature"]) {
            PresentationFailureReason::BillingNotEnabled
        } else if says(&["revoked"]) {
            PresentationFailureReason::Revoked
        } else if says(&["user canceled", "user cancelled", "declined"]) || code.contains("cancel")
        {
            PresentationFailureReason::UserDeclined
        } else if (says(&["request"]) && says(&["expired"])) || code.contains("expired") {
            PresentationFailureReason::RequestExpired
        } else if says(&["issuer", "credential type"]) {
            PresentationFailureReason::WrongIssuerOrType
        } else {
            PresentationFailureReason::Other
        }
    }

    /// The failure a refused `createPresentationRequest` stands for, when it is one the person
    /// at the desk should hear about as a verification failure (billing for Face Check).
    pub fn of_create_error(error: &Error) -> Option<Self> {
        match error {
            Error::Service(service) if service.kind() == ServiceErrorKind::BillingNotEnabled => {
                Some(PresentationFailureReason::BillingNotEnabled)
            }
            _ => None,
        }
    }
}

impl fmt::Display for PresentationFailureReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PresentationFailureReason::FaceCheckBelowThreshold { score, threshold } => {
                f.write_str("the Face Check score was below the threshold")?;
                match (score, threshold) {
                    (Some(score), Some(threshold)) => write!(f, " ({score:.1} < {threshold})"),
                    (None, Some(threshold)) => write!(f, " ({threshold})"),
                    _ => Ok(()),
                }
            }
            PresentationFailureReason::FaceCheckMissing => {
                f.write_str("Face Check was asked for but no result came back")
            }
            PresentationFailureReason::BillingNotEnabled => f.write_str(
                "Face Check is a premium feature and billing is not enabled for the tenant",
            ),
            PresentationFailureReason::Revoked => f.write_str("the credential has been revoked"),
            PresentationFailureReason::WrongIssuerOrType => f.write_str(
                "the credential is not of a requested type or not from an accepted issuer",
            ),
            PresentationFailureReason::RequestExpired => {
                f.write_str("the presentation request expired")
            }
            PresentationFailureReason::UserDeclined => {
                f.write_str("the person declined in the wallet")
            }
            PresentationFailureReason::Other => f.write_str("the presentation failed"),
        }
    }
}

/// What one requested credential asked for.
#[derive(Debug, Clone, PartialEq)]
struct Asked {
    credential_type: String,
    accepted_issuers: Vec<String>,
    allow_revoked: bool,
    face_check: Option<FaceCheckRequest>,
}

/// What a presentation request asked for, kept (without its callback key) to judge the
/// callbacks that come back for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PresentationPolicy {
    asked: Vec<Asked>,
}

impl PresentationRequest {
    /// What this request asks for, to judge its callbacks with.
    pub fn policy(&self) -> PresentationPolicy {
        PresentationPolicy::of(self)
    }
}

impl PresentationPolicy {
    pub fn of(request: &PresentationRequest) -> Self {
        let asked = request
            .requested_credentials
            .iter()
            .map(|requested| {
                let validation = requested.configuration.as_ref().map(|c| &c.validation);
                Asked {
                    credential_type: requested.credential_type.clone(),
                    accepted_issuers: requested.accepted_issuers.clone(),
                    allow_revoked: validation.is_some_and(|v| v.allow_revoked),
                    face_check: validation.and_then(|v| v.face_check.clone()),
                }
            })
            .collect();
        Self { asked }
    }

    /// The Face Check threshold asked for, if any.
    pub fn face_check_threshold(&self) -> Option<u8> {
        self.asked
            .iter()
            .find_map(|a| a.face_check.as_ref())
            .map(|f| f.match_confidence_threshold)
    }

    /// Judges a callback event of this request; `None` for issuance events (which the receiver
    /// does not deliver for a presentation expectation).
    pub fn judge(&self, event: CallbackEvent) -> Option<PresentationUpdate> {
        match event {
            CallbackEvent::RequestRetrieved => Some(PresentationUpdate::Retrieved),
            CallbackEvent::PresentationVerified {
                subject,
                credentials,
                ..
            } => Some(match self.check(subject, credentials) {
                Ok(verified) => PresentationUpdate::Verified(verified),
                Err(failure) => PresentationUpdate::Failed(failure),
            }),
            CallbackEvent::PresentationError { code, message } => {
                let mut failure = PresentationFailure::from_error(&code, &message);
                if let PresentationFailureReason::FaceCheckBelowThreshold { threshold, .. } =
                    &mut failure.reason
                {
                    *threshold = self.face_check_threshold();
                }
                Some(PresentationUpdate::Failed(failure))
            }
            CallbackEvent::IssuanceSuccessful | CallbackEvent::IssuanceError { .. } => None,
        }
    }

    /// `verifiedCredentialsData` against what was asked: for each requested type, a credential
    /// of that type from an accepted issuer, not revoked (unless allowed), with a Face Check
    /// result at or above the threshold when Face Check was asked.
    pub fn check(
        &self,
        subject: Option<String>,
        mut credentials: Vec<VerifiedCredential>,
    ) -> Result<VerifiedPresentation, PresentationFailure> {
        if self.asked.is_empty() {
            return Err(PresentationFailure::found(
                PresentationFailureReason::WrongIssuerOrType,
            ));
        }
        let mut chosen = Vec::with_capacity(self.asked.len());
        for asked in &self.asked {
            let accepted = |c: &VerifiedCredential| {
                c.types.contains(&asked.credential_type)
                    && (asked.accepted_issuers.is_empty()
                        || asked.accepted_issuers.contains(&c.issuer))
            };
            let Some(index) = credentials.iter().position(accepted) else {
                return Err(PresentationFailure::found(
                    PresentationFailureReason::WrongIssuerOrType,
                ));
            };
            let credential = credentials.swap_remove(index);
            let revoked = credential
                .credential_state
                .as_ref()
                .and_then(|s| s.revocation_status.as_ref())
                == Some(&RevocationStatus::Revoked);
            if revoked && !asked.allow_revoked {
                return Err(PresentationFailure::found(
                    PresentationFailureReason::Revoked,
                ));
            }
            if let Some(face_check) = &asked.face_check {
                let threshold = face_check.match_confidence_threshold;
                let Some(result) = &credential.face_check else {
                    return Err(PresentationFailure::found(
                        PresentationFailureReason::FaceCheckMissing,
                    ));
                };
                // A score that is not a number compares as nothing, and fails too.
                let passes = result
                    .match_confidence_score
                    .partial_cmp(&f64::from(threshold))
                    .is_some_and(|order| order.is_ge());
                if !passes {
                    return Err(PresentationFailure::found(
                        PresentationFailureReason::FaceCheckBelowThreshold {
                            score: Some(result.match_confidence_score),
                            threshold: Some(threshold),
                        },
                    ));
                }
            }
            chosen.push(credential);
        }
        Ok(VerifiedPresentation {
            subject,
            credentials: chosen,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential_state::{CredentialState, PhotoQuality};
    use crate::requests::{CallbackTarget, ClaimConstraint, Registration};
    use serde_json::{json, Value};

    fn request(face_check: bool, allow_revoked: bool) -> PresentationRequest {
        let mut builder =
            PresentationRequest::builder("did:web:kiosk.example", Registration::named("Desk"))
                .credential_type("VerifiedEnrollment")
                .accepted_issuer("did:web:kiosk.example")
                .constraint(ClaimConstraint::values("assurance_level", ["IAL2"]))
                .allow_revoked(allow_revoked);
        if face_check {
            builder = builder.face_check("photo", 80);
        }
        builder
            .build(CallbackTarget::fresh(
                "https://relay.example/cb".parse().unwrap(),
            ))
            .unwrap()
    }

    fn credential(value: Value) -> VerifiedCredential {
        serde_json::from_value(value).unwrap()
    }

    fn reference_credential() -> Value {
        // The reference's presentation_verified example (§4.2), with this kiosk's type/issuer.
        json!({
            "issuer": "did:web:kiosk.example",
            "type": ["VerifiableCredential", "VerifiedEnrollment"],
            "claims": { "given_name": "Megan", "family_name": "Bowen" },
            "credentialState": { "revocationStatus": "VALID" },
            "domainValidation": { "url": "https://contoso.com/" },
            "issuanceDate": "2025-01-01T00:00:00Z",
            "expirationDate": "2025-02-01T00:00:00Z",
            "faceCheck": { "matchConfidenceScore": 86.314159, "sourcePhotoQuality": "HIGH" }
        })
    }

    fn verified(value: Value) -> CallbackEvent {
        CallbackEvent::PresentationVerified {
            subject: Some("did:ion:holder".into()),
            credentials: vec![credential(value)],
            receipt: None,
        }
    }

    #[test]
    fn a_verified_presentation_passes_with_its_score_quality_and_status() {
        let policy = request(true, false).policy();
        let Some(PresentationUpdate::Verified(presentation)) =
            policy.judge(verified(reference_credential()))
        else {
            panic!()
        };
        let face_check = presentation.face_check().unwrap();
        assert_eq!(face_check.match_confidence_score, 86.314159);
        assert_eq!(face_check.source_photo_quality, Some(PhotoQuality::High));
        assert_eq!(
            presentation.revocation_status(),
            Some(&RevocationStatus::Valid)
        );
        assert_eq!(presentation.claim_text("given_name"), Some("Megan"));
        let debug = format!("{presentation:?}");
        assert!(
            !debug.contains("Megan") && !debug.contains("did:ion:holder"),
            "{debug}"
        );
    }

    #[test]
    fn verified_data_that_misses_the_request_is_a_failure() {
        let reason = |policy: &PresentationPolicy, edit: &dyn Fn(&mut Value)| {
            let mut value = reference_credential();
            edit(&mut value);
            match policy.judge(verified(value)) {
                Some(PresentationUpdate::Failed(failure)) => {
                    assert_eq!(failure.code, None);
                    failure.reason
                }
                other => panic!("{other:?}"),
            }
        };
        let strict = request(true, false).policy();
        assert_eq!(
            reason(&strict, &|v| v["issuer"] = json!("did:web:other.example")),
            PresentationFailureReason::WrongIssuerOrType
        );
        assert_eq!(
            reason(&strict, &|v| v["type"] =
                json!(["VerifiableCredential", "Other"])),
            PresentationFailureReason::WrongIssuerOrType
        );
        assert_eq!(
            reason(&strict, &|v| v["credentialState"]["revocationStatus"] =
                json!("REVOKED")),
            PresentationFailureReason::Revoked
        );
        assert_eq!(
            reason(&strict, &|v| {
                v.as_object_mut().unwrap().remove("faceCheck");
            }),
            PresentationFailureReason::FaceCheckMissing
        );
        assert_eq!(
            reason(&strict, &|v| v["faceCheck"]["matchConfidenceScore"] =
                json!(79.9)),
            PresentationFailureReason::FaceCheckBelowThreshold {
                score: Some(79.9),
                threshold: Some(80)
            }
        );
        // With allowRevoked the card is verified and its status shown.
        let lenient = request(true, true).policy();
        let mut value = reference_credential();
        value["credentialState"]["revocationStatus"] = json!("REVOKED");
        let Some(PresentationUpdate::Verified(presentation)) = lenient.judge(verified(value))
        else {
            panic!()
        };
        assert_eq!(
            presentation.revocation_status(),
            Some(&RevocationStatus::Revoked)
        );
        // Without Face Check asked, no result is needed.
        let mut value = reference_credential();
        value.as_object_mut().unwrap().remove("faceCheck");
        assert!(matches!(
            request(false, false).policy().judge(verified(value)),
            Some(PresentationUpdate::Verified(_))
        ));
    }

    #[test]
    fn documented_error_wordings_map_to_their_reasons() {
        use PresentationFailureReason as R;
        let cases = [
            // Reference §4.2 ([FC]).
            (
                "claimValidationError",
                "Match confidence score failing to meet the threshold.",
                R::FaceCheckBelowThreshold {
                    score: None,
                    threshold: Some(80),
                },
            ),
            // Reference §2.4 (MyWorkID #19).
            (
                "badOrMissingField",
                "Premium features cannot be used until billing is enabled by the admin. See https://aka.ms/fcbilling",
                R::BillingNotEnabled,
            ),
            // Reference §4.2 ([WOODGROVE]).
            (
                "tokenError",
                "The presented verifiable credential with jti is revoked.",
                R::Revoked,
            ),
            // Reference §4.2 (wallet library, issuance).
            ("IssuanceFlowFailed", "user canceled", R::UserDeclined),
            ("userCanceled", "", R::UserDeclined),
            ("requestExpired", "", R::RequestExpired),
            ("badRequest", "The presentation request has expired.", R::RequestExpired),
            ("tokenError", "The presented credential's issuer is not accepted.", R::WrongIssuerOrType),
            ("IssuanceFlowFailed", "issuance_service_error", R::Other),
            ("", "", R::Other),
        ];
        let policy = request(true, false).policy();
        for (code, message, expected) in cases {
            let Some(PresentationUpdate::Failed(failure)) =
                policy.judge(CallbackEvent::PresentationError {
                    code: code.into(),
                    message: message.into(),
                })
            else {
                panic!()
            };
            assert_eq!(failure.reason, expected, "{code} / {message}");
            assert_eq!(failure.code.as_deref(), (!code.is_empty()).then_some(code));
            if !message.is_empty() {
                assert!(!format!("{failure:?}").contains(message));
                assert!(!failure.to_string().contains(message));
            }
        }
    }

    #[test]
    fn unexpected_state_and_quality_shapes_are_kept_not_refused() {
        let mut value = reference_credential();
        value["credentialState"] = json!(["not", "an", "object"]);
        value["faceCheck"]["sourcePhotoQuality"] = json!({ "level": 3 });
        let credential = credential(value);
        assert_eq!(
            credential.credential_state,
            Some(CredentialState {
                revocation_status: None
            })
        );
        assert!(matches!(
            credential.face_check.unwrap().source_photo_quality,
            Some(PhotoQuality::Other(_))
        ));
        let mut value = reference_credential();
        value["credentialState"]["revocationStatus"] = json!("SUSPENDED");
        assert_eq!(
            credential_state(value),
            Some(RevocationStatus::Other("SUSPENDED".into()))
        );
    }

    fn credential_state(value: Value) -> Option<RevocationStatus> {
        credential(value).credential_state?.revocation_status
    }

    #[test]
    fn issuance_events_are_not_presentation_updates() {
        let policy = request(false, false).policy();
        assert_eq!(policy.judge(CallbackEvent::IssuanceSuccessful), None);
        assert_eq!(
            policy.judge(CallbackEvent::RequestRetrieved),
            Some(PresentationUpdate::Retrieved)
        );
    }
}
