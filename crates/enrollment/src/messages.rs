//! Every sentence the kiosk shows about a failure, in one place, so the same failure always
//! reads the same way. Codes are shown to staff; the words are for the employee.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{CameraGuidance, ProofingFailure};
use crate::verification::{VerificationFailure, VerificationPurpose};

/// The words for a failure: what happened, and what to do next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Explanation {
    pub message: String,
    pub next_step: String,
}

fn explain(message: &str, next_step: &str) -> Explanation {
    Explanation {
        message: message.into(),
        next_step: next_step.into(),
    }
}

impl ProofingFailure {
    pub fn explanation(&self) -> Explanation {
        match self {
            Self::Declined { reason_code } => match reason_code.as_str() {
                "IDV0001" => explain(
                    "The scan didn't work.",
                    "Find a spot without bright light behind you, hold the document flat and try again.",
                ),
                "IDV0002" | "IDV0003" | "IDV0004" | "IDV0008" | "IDV0009" | "IDV0012" => explain(
                    "We couldn't finish checking your document.",
                    "Try again. If it fails again, ask a member of staff for help.",
                ),
                "IDV0005" => explain(
                    "The document couldn't be read.",
                    "Use a valid, undamaged government ID and try again.",
                ),
                "IDV0006" | "IDV0015" => explain(
                    "This type of document isn't supported.",
                    "Try again with a driver's license, passport or national ID card.",
                ),
                "IDV0007" => explain(
                    "We couldn't finish the verification.",
                    "Try again. If it fails again, ask a member of staff for help.",
                ),
                "IDV0010" => explain(
                    "The name you entered doesn't match your document.",
                    "Check the spelling of your first and last name, or leave them empty, and try again.",
                ),
                "IDV0011" => explain(
                    "Your document has expired.",
                    "Come back with a document that is still valid.",
                ),
                "IDV0014" => explain(
                    "There have been too many attempts.",
                    "Please ask a member of staff for help.",
                ),
                _ => explain(
                    "We couldn't verify your identity.",
                    "Try again. If it fails again, ask a member of staff for help.",
                ),
            },
            Self::PhoneSessionEnded { expired: true } => explain(
                "The link on your phone expired before the photos were sent.",
                "Try again to get a new code to scan.",
            ),
            Self::PhoneSessionEnded { expired: false } => explain(
                "The capture on your phone was stopped before it finished.",
                "Try again to get a new code to scan.",
            ),
            Self::DocumentUnreadable => explain(
                "We couldn't read your document from the photos.",
                "Try again: hold the document flat, fill the frame and avoid reflections on the barcode and photo.",
            ),
            Self::DocumentExpired => explain(
                "Your document has expired.",
                "Come back with a document that is still valid.",
            ),
            Self::NameMismatch => explain(
                "The name you entered doesn't match your document.",
                "Start again and type your first and last name as they are on your document, or leave them empty.",
            ),
            Self::PhotoUnusable => explain(
                "Your photo can't be used on your card.",
                "Try again: face the camera from closer, with only your face in the picture.",
            ),
            Self::IncompleteVerification => explain(
                "We couldn't finish checking your identity.",
                "Try again. If it fails again, ask a member of staff for help.",
            ),
            Self::ServiceUnavailable => explain(
                "The identity check service isn't answering right now.",
                "Try again in a minute. If it keeps happening, ask a member of staff.",
            ),
            Self::TimedOut => explain(
                "The identity check took too long.",
                "Try again. If it keeps happening, ask a member of staff.",
            ),
        }
    }
}

impl VerificationFailure {
    /// What happened to a presented card and what to do next. Verify mode's result is read
    /// by staff at the desk; the new-card check's by the employee who just got the card.
    pub fn explanation(&self, purpose: VerificationPurpose) -> Explanation {
        let new_card = purpose == VerificationPurpose::NewCard;
        match self {
            Self::FaceCheckBelowThreshold { score, threshold } => {
                let figures = match (score, threshold) {
                    (Some(score), Some(threshold)) => {
                        format!(" (match {score:.0} of 100; {threshold} needed)")
                    }
                    (None, Some(threshold)) => format!(" ({threshold} of 100 needed)"),
                    _ => String::new(),
                };
                Explanation {
                    message: format!(
                        "Face Check did not match the card's photo closely enough{figures}."
                    ),
                    next_step: if new_card {
                        "Try again in good light, facing the phone. If it fails again, ask a member of staff.".into()
                    } else {
                        "Ask them to try again in good light, facing the phone. If it fails again, check their identity another way.".into()
                    },
                }
            }
            Self::FaceCheckMissing => explain(
                "The card was presented without a Face Check result.",
                "Try again. If it keeps happening, the credential may have no photo: check their identity another way.",
            ),
            Self::BillingNotEnabled => explain(
                "Face Check isn't available: billing for it is not set up in Verified ID.",
                "An administrator must enable Face Check billing (aka.ms/fcbilling). Until then, check identities another way.",
            ),
            Self::Revoked => explain(
                "This card has been revoked by its issuer.",
                "Don't accept it. The person can enroll again for a new card.",
            ),
            Self::WrongIssuerOrType => explain(
                "This isn't a card this kiosk accepts (another type, or another issuer).",
                "Ask them to present their work Verified ID and try again.",
            ),
            Self::RequestExpired => explain(
                "The code expired before a card was presented.",
                "Try again for a new code.",
            ),
            Self::UserDeclined if new_card => explain(
                "Sharing the card was declined in Authenticator.",
                "Your card is still in Authenticator. Try again to check it, or finish.",
            ),
            Self::UserDeclined => explain(
                "Sharing the card was declined in Authenticator.",
                "Try again when they are ready to share it.",
            ),
            Self::ServiceUnavailable => explain(
                "Verified ID isn't answering right now.",
                "Try again in a minute. If it keeps happening, ask an administrator.",
            ),
            Self::TimedOut => explain(
                "No answer came from Verified ID in time.",
                "Try again. If it keeps happening, ask an administrator.",
            ),
            Self::Other => explain(
                "The card couldn't be verified.",
                "Try again. If it fails again, check their identity another way.",
            ),
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
    explain(
        "You've used all the attempts for this visit.",
        "Please ask a member of staff for help.",
    )
}

pub fn camera_problem() -> Explanation {
    explain(
        "The camera isn't working right now.",
        "Try again, or cancel and choose \"My phone\" to take the photos with your phone.",
    )
}

/// The live instruction under the camera preview, for the camera's verdict on the frame.
pub fn camera_guidance(guidance: CameraGuidance) -> &'static str {
    use CameraGuidance as G;
    match guidance {
        G::PlaceDocument => "Place your document inside the frame.",
        G::MoveCloser => "Move closer.",
        G::HoldStill => "Hold still.",
        G::ReduceGlare => "Reduce glare: tilt the document away from the light.",
        G::MoreLight => "Too dark: more light, please.",
        G::FaceCamera => "Face the camera, inside the oval.",
        G::LooksGood => "Looks good. Hold it there…",
    }
}

/// The wallet or the service ended an offer with an error (Entra `issuance_error`).
pub fn wallet_problem(reason: &str) -> Explanation {
    let reason = reason.to_ascii_lowercase();
    if reason.contains("cancel") {
        explain(
            "Adding the credential was cancelled in Authenticator.",
            "Tap Try again for a new code when you are ready.",
        )
    } else if reason.contains("fetch_contract") {
        explain(
            "The credential's setup couldn't be read.",
            "Please ask a member of staff: the credential settings need checking.",
        )
    } else {
        explain(
            "Authenticator couldn't add the credential.",
            "Tap Try again for a new code. If it keeps happening, ask a member of staff.",
        )
    }
}

pub fn issuance_problem() -> Explanation {
    explain(
        "We couldn't prepare your credential.",
        "Try again. If it keeps happening, ask a member of staff.",
    )
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
