//! Verify mode's words: what a presentation request is for, what the wallet and the service
//! did with it, and what the kiosk shows staff about a card that was presented. The adapter
//! (`enrollment-runtime`, Entra) judges the service's callbacks against what was asked and
//! hands the session only these; the words people read are in
//! [`messages`](crate::messages).

use std::fmt;
use std::time::Instant;

use serde::Serialize;
use ts_rs::TS;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Why the kiosk asks for a presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerificationPurpose {
    /// Someone chose "Verify a Verified ID" on Welcome: staff check an employee's card.
    Verify,
    /// Right after issuance: prove that the phone holds the new card and the face matches.
    NewCard,
}

/// A presentation request Authenticator can pick up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresentationQr {
    pub url: String,
    pub expires_at: Instant,
}

/// What happened to a presentation request, judged by the adapter against what it asked.
#[derive(Debug, Clone, PartialEq)]
pub enum PresentationEvent {
    /// Authenticator scanned the code; the person is choosing a card.
    Retrieved,
    /// A card was presented and passed every check asked for.
    Verified(VerifiedCard),
    Failed(VerificationFailure),
}

/// A card that passed, reduced to what the configuration shows staff. Claim values are
/// personal data: wiped on drop and never in `Debug`.
#[derive(Clone, PartialEq, Serialize, TS, Zeroize, ZeroizeOnDrop)]
pub struct VerifiedCard {
    /// The claims chosen in configuration, in that order, with the card's labels.
    pub claims: Vec<ShownClaim>,
    /// The issuer's DID.
    pub issuer: String,
    pub credential_type: String,
    /// Absent when Face Check was not asked for.
    #[zeroize(skip)]
    pub face_check: Option<FaceCheckOutcome>,
    #[zeroize(skip)]
    pub revocation: RevocationCheck,
}

impl fmt::Debug for VerifiedCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedCard")
            .field(
                "claims",
                &self.claims.iter().map(|c| &c.name).collect::<Vec<_>>(),
            )
            .field("issuer", &self.issuer)
            .field("credential_type", &self.credential_type)
            .field("face_check", &self.face_check)
            .field("revocation", &self.revocation)
            .finish()
    }
}

/// One claim shown on the result screen.
#[derive(Clone, PartialEq, Eq, Serialize, TS, Zeroize, ZeroizeOnDrop)]
pub struct ShownClaim {
    /// The claim's name in the credential, e.g. `given_name`.
    pub name: String,
    /// What the card calls it, e.g. "First name".
    pub label: String,
    pub value: String,
}

/// Face Check's result on a presented card.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct FaceCheckOutcome {
    /// Match confidence, 0–100.
    pub score: f64,
    /// The threshold it was held to.
    pub threshold: u8,
    /// The photo claim's quality as the service judged it (`HIGH`, …), when it said.
    pub photo_quality: Option<String>,
}

/// What the service said about revocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RevocationCheck {
    /// The service checked the card's status: not revoked.
    Valid,
    /// The service sent no status. A revoked card fails verification, so a card shown as
    /// verified was not found revoked, but the kiosk does not claim more than it was told.
    NotReported,
}

/// Why a presentation did not verify. Only these reasons reach the screen and the audit book;
/// the service's own wording stays in the adapter.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum VerificationFailure {
    /// Face Check did not match well enough.
    FaceCheckBelowThreshold {
        score: Option<f64>,
        threshold: Option<u8>,
    },
    /// Face Check was asked for, but no result came back.
    FaceCheckMissing,
    /// Face Check is a premium feature and the tenant has no billing for it.
    BillingNotEnabled,
    Revoked,
    /// Not a card this kiosk accepts (type or issuer).
    WrongIssuerOrType,
    /// The code expired before a card was presented.
    RequestExpired,
    /// The person declined in Authenticator.
    UserDeclined,
    /// Verified ID could not be reached or refused the request.
    ServiceUnavailable,
    /// No answer came within the time the kiosk waits.
    TimedOut,
    /// Anything else the service reported.
    Other,
}

impl VerificationFailure {
    /// The audit book's key for this reason; short and stable across versions.
    pub fn code(&self) -> &'static str {
        match self {
            Self::FaceCheckBelowThreshold { .. } => "face_check_below_threshold",
            Self::FaceCheckMissing => "face_check_missing",
            Self::BillingNotEnabled => "billing_not_enabled",
            Self::Revoked => "revoked",
            Self::WrongIssuerOrType => "wrong_issuer_or_type",
            Self::RequestExpired => "request_expired",
            Self::UserDeclined => "user_declined",
            Self::ServiceUnavailable => "service_unavailable",
            Self::TimedOut => "timed_out",
            Self::Other => "other",
        }
    }

    /// Whether asking again could end differently. A revoked card or a tenant without
    /// billing stays so; a wrong card, a low score or a declined request may not.
    pub fn retryable(&self) -> bool {
        !matches!(self, Self::Revoked | Self::BillingNotEnabled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verified_card_does_not_print_its_claims() {
        let card = VerifiedCard {
            claims: vec![ShownClaim {
                name: "given_name".into(),
                label: "First name".into(),
                value: "Megan".into(),
            }],
            issuer: "did:web:kiosk.example".into(),
            credential_type: "VerifiedEnrollment".into(),
            face_check: None,
            revocation: RevocationCheck::Valid,
        };
        let shown = format!("{card:?}");
        assert!(shown.contains("given_name"), "{shown}");
        assert!(!shown.contains("Megan"), "{shown}");
    }

    #[test]
    fn audit_codes_are_distinct() {
        let all = [
            VerificationFailure::FaceCheckBelowThreshold {
                score: None,
                threshold: None,
            },
            VerificationFailure::FaceCheckMissing,
            VerificationFailure::BillingNotEnabled,
            VerificationFailure::Revoked,
            VerificationFailure::WrongIssuerOrType,
            VerificationFailure::RequestExpired,
            VerificationFailure::UserDeclined,
            VerificationFailure::ServiceUnavailable,
            VerificationFailure::TimedOut,
            VerificationFailure::Other,
        ];
        let codes: std::collections::BTreeSet<_> = all.iter().map(|f| f.code()).collect();
        assert_eq!(codes.len(), all.len());
    }
}
