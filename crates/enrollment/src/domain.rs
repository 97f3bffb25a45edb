//! The words the whole core shares: what an enrollment is about (document, journey), what
//! passes between the session and the outside world (an offer, a proofing submission, a
//! failure, the camera's verdict). Every other module imports these; this one imports only
//! [`personal`](crate::personal), so no two modules need each other.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::language::Phrase;
use crate::personal::{CapturedImage, Redacted};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    DriversLicense,
    Passport,
    NationalId,
}

impl DocumentType {
    pub const ALL: [DocumentType; 3] = [Self::DriversLicense, Self::Passport, Self::NationalId];

    /// Passports have no back side worth capturing; cards do.
    pub fn has_back_side(self) -> bool {
        !matches!(self, Self::Passport)
    }

    /// Machine-readable label used in credential claims.
    pub fn claim_value(self) -> &'static str {
        match self {
            Self::DriversLicense => "drivers_license",
            Self::Passport => "passport",
            Self::NationalId => "national_id",
        }
    }

    /// The document's name on screen.
    pub fn label(self) -> Phrase {
        Phrase::new(match self {
            Self::DriversLicense => "document-drivers-license",
            Self::Passport => "document-passport",
            Self::NationalId => "document-national-id",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaptureMethod {
    KioskCamera,
    Phone,
}

/// The 1Kosmos journey: which checks run and so which captures are needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Journey {
    KycWithSelfie,
    DocumentOnly,
}

impl Journey {
    pub fn needs_selfie(self) -> bool {
        matches!(self, Self::KycWithSelfie)
    }

    pub fn claim_value(self) -> &'static str {
        match self {
            Self::KycWithSelfie => "kyc_with_selfie",
            Self::DocumentOnly => "document_verification_only",
        }
    }
}

/// The camera's live verdict on what it sees; the words are in
/// `messages::camera_guidance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CameraGuidance {
    PlaceDocument,
    MoveCloser,
    HoldStill,
    ReduceGlare,
    MoreLight,
    FaceCamera,
    /// Everything passes; auto-capture follows when it stays so.
    LooksGood,
}

/// Why proofing did not approve the identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProofingFailure {
    /// 1Kosmos declined with a reason code (`IDV0001`…`IDV0015`).
    Declined { reason_code: String },
    /// The hosted phone session expired or was abandoned before it finished.
    PhoneSessionEnded { expired: bool },
    /// The kiosk could not read the document (no barcode, no portrait) from the photos.
    DocumentUnreadable,
    /// The document's own expiry date has passed; nothing was sent.
    DocumentExpired,
    /// The name typed at intake is not the name on the document; nothing was sent.
    NameMismatch,
    /// The selfie cannot make the card's photo (no face, several faces, too far away); nothing
    /// was sent.
    PhotoUnusable,
    /// The service's answer left out a check that was asked for: nothing is approved on a
    /// partial answer.
    IncompleteVerification,
    /// The service could not be reached or answered with something we cannot use.
    ServiceUnavailable,
    /// No answer within the time the kiosk waits.
    TimedOut,
}

impl ProofingFailure {
    pub fn reason_code(&self) -> Option<&str> {
        match self {
            Self::Declined { reason_code } => Some(reason_code),
            _ => None,
        }
    }

    /// Whether trying again could succeed; some reasons end the enrollment.
    pub fn retryable(&self) -> bool {
        // A typed name that is not the document's stays wrong however often the photos are
        // retaken: the person starts again and types it as on the document, or leaves it out.
        !matches!(self, Self::DocumentExpired | Self::NameMismatch)
            && !matches!(self.reason_code(), Some("IDV0011" | "IDV0014"))
    }
}

/// A credential offer as created by the issuing service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialOffer {
    pub url: String,
    pub pin: Option<String>,
    pub expires_at: Instant,
}

/// Everything proofing needs from the kiosk-camera path.
#[derive(Debug)]
pub struct ProofingSubmission {
    pub given_name: Redacted,
    pub family_name: Redacted,
    pub document_type: DocumentType,
    pub journey: Journey,
    pub captures: Vec<CapturedImage>,
}
