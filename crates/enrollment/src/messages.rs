//! What the kiosk says about each failure, by phrase identifier, in one place, so the same
//! failure always reads the same way whatever the language. Codes are shown to staff; the
//! words (in `ui/locales/*/employee.ftl` and `staff.ftl`) are for the people at the desk.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{CameraGuidance, ProofingFailure};
use crate::language::Phrase;
use crate::personal::CaptureStep;
use crate::verification::{VerificationFailure, VerificationPurpose};

/// The words for a failure: what happened, and what to do next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Explanation {
    pub message: Phrase,
    pub next_step: Phrase,
}

fn explain(message: &str, next_step: &str) -> Explanation {
    Explanation {
        message: Phrase::new(message),
        next_step: Phrase::new(next_step),
    }
}

impl ProofingFailure {
    pub fn explanation(&self) -> Explanation {
        match self {
            Self::Declined { reason_code } => match reason_code.as_str() {
                "IDV0001" => explain("declined-scan-failed", "next-light-and-flat"),
                "IDV0002" | "IDV0003" | "IDV0004" | "IDV0008" | "IDV0009" | "IDV0012" => {
                    explain("declined-check-unfinished", "next-try-again-or-staff")
                }
                "IDV0005" => explain("declined-unreadable", "next-valid-document"),
                "IDV0006" | "IDV0015" => explain("declined-unsupported", "next-other-document"),
                "IDV0007" => explain(
                    "declined-verification-unfinished",
                    "next-try-again-or-staff",
                ),
                "IDV0010" => explain("name-mismatch", "next-check-name-spelling"),
                "IDV0011" => explain("document-expired", "next-valid-document-later"),
                "IDV0014" => explain("declined-too-many-attempts", "next-ask-staff"),
                _ => explain("declined-generic", "next-try-again-or-staff"),
            },
            Self::PhoneSessionEnded { expired: true } => {
                explain("phone-link-expired", "next-new-phone-code")
            }
            Self::PhoneSessionEnded { expired: false } => {
                explain("phone-capture-stopped", "next-new-phone-code")
            }
            Self::DocumentUnreadable => explain("document-unreadable", "next-retake-document"),
            Self::DocumentExpired => explain("document-expired", "next-valid-document-later"),
            Self::NameMismatch => explain("name-mismatch", "next-start-again-name"),
            Self::PhotoUnusable => explain("photo-unusable", "next-retake-selfie"),
            Self::IncompleteVerification => {
                explain("verification-incomplete", "next-try-again-or-staff")
            }
            Self::ServiceUnavailable => {
                explain("proofing-unavailable", "next-try-again-in-a-minute")
            }
            Self::TimedOut => explain("proofing-timed-out", "next-try-again-or-staff-if-repeated"),
        }
    }
}

impl VerificationFailure {
    /// What happened to a presented card and what to do next. Verify mode's result is read
    /// by staff at the desk (`staff.ftl`); the new-card check's by the employee who just got
    /// the card (`employee.ftl`).
    pub fn explanation(&self, purpose: VerificationPurpose) -> Explanation {
        let new_card = purpose == VerificationPurpose::NewCard;
        match self {
            Self::FaceCheckBelowThreshold { score, threshold } => {
                let message = match (score, threshold) {
                    (Some(score), Some(threshold)) => Phrase::new("card-face-check-below-scored")
                        .with("score", score.round() as i64 as u32)
                        .with("threshold", *threshold),
                    (None, Some(threshold)) => {
                        Phrase::new("card-face-check-below-threshold").with("threshold", *threshold)
                    }
                    _ => Phrase::new("card-face-check-below"),
                };
                Explanation {
                    message,
                    next_step: Phrase::new(if new_card {
                        "next-new-card-face-check-again"
                    } else {
                        "staff-next-face-check-again"
                    }),
                }
            }
            Self::FaceCheckMissing => explain("card-face-check-missing", "staff-next-no-photo"),
            Self::BillingNotEnabled => {
                explain("card-face-check-billing", "staff-next-enable-billing")
            }
            Self::Revoked => explain("card-revoked", "staff-next-revoked"),
            Self::WrongIssuerOrType => explain("card-not-accepted", "staff-next-present-work-id"),
            Self::RequestExpired => explain("card-code-expired", "next-new-code"),
            Self::UserDeclined if new_card => {
                explain("card-sharing-declined", "next-new-card-declined")
            }
            Self::UserDeclined => explain("card-sharing-declined", "staff-next-when-ready"),
            Self::ServiceUnavailable => explain(
                "card-service-unavailable",
                "next-try-again-in-a-minute-admin",
            ),
            Self::TimedOut => explain("card-service-timed-out", "next-try-again-admin"),
            Self::Other => explain("card-not-verified", "staff-next-other-way"),
        }
    }
}

/// The window asked for a view before the session's first one (start-up).
pub const KIOSK_STARTING: &str = "The kiosk is still starting. Please wait a moment.";
/// A tap arrived while the session was still busy with the ones before it.
pub const KIOSK_BUSY: &str = "The kiosk is busy. Please try again.";
/// The session driver has ended; only a restart helps.
pub const KIOSK_STOPPED: &str = "The kiosk has stopped. Please ask staff to restart it.";

/// Retry limit reached: the same words whatever the last reason was.
pub fn attempts_exhausted() -> Explanation {
    explain("attempts-used-up", "next-ask-staff")
}

pub fn camera_problem() -> Explanation {
    explain("camera-not-working", "next-camera-or-phone")
}

/// The live instruction under the camera preview, for the camera's verdict on the frame of
/// `step` (a document is brought closer; a person moves closer).
pub fn camera_guidance(guidance: CameraGuidance, step: CaptureStep) -> Phrase {
    use CameraGuidance as G;
    Phrase::new(match guidance {
        G::PlaceDocument => "guidance-place-document",
        G::MoveCloser if step == CaptureStep::Selfie => "guidance-move-closer",
        G::MoveCloser => "guidance-document-closer",
        G::HoldStill => "guidance-hold-still",
        G::ReduceGlare => "guidance-reduce-glare",
        G::MoreLight => "guidance-more-light",
        G::FaceCamera => "guidance-face-camera",
        G::LooksGood => "guidance-looks-good",
    })
}

/// The wallet or the service ended an offer with an error (Entra `issuance_error`).
pub fn wallet_problem(reason: &str) -> Explanation {
    let reason = reason.to_ascii_lowercase();
    if reason.contains("cancel") {
        explain("wallet-cancelled", "next-new-offer-code")
    } else if reason.contains("fetch_contract") {
        explain("wallet-contract-unreadable", "next-staff-check-credential")
    } else {
        explain("wallet-failed", "next-new-offer-code-or-staff")
    }
}

pub fn issuance_problem() -> Explanation {
    explain("issuance-failed", "next-try-again-or-staff-if-repeated")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_reason_code_has_specific_words() {
        let generic = ProofingFailure::Declined {
            reason_code: "IDV9999".into(),
        }
        .explanation();
        for n in (1..=12).chain(14..=15) {
            let failure = ProofingFailure::Declined {
                reason_code: format!("IDV{n:04}"),
            };
            assert_ne!(
                failure.explanation(),
                generic,
                "IDV{n:04} falls back to generic words"
            );
        }
    }

    #[test]
    fn expired_documents_and_server_retry_caps_are_final() {
        for code in ["IDV0011", "IDV0014"] {
            assert!(!ProofingFailure::Declined {
                reason_code: code.into()
            }
            .retryable());
        }
        assert!(ProofingFailure::Declined {
            reason_code: "IDV0010".into()
        }
        .retryable());
        assert!(ProofingFailure::ServiceUnavailable.retryable());
    }
}
