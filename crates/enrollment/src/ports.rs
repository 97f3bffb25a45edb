//! The outside world as the driver sees it. Real adapters (nokhwa camera, 1Kosmos, Entra)
//! implement these; demo mode and tests plug in others. Each call is cancellable by dropping
//! its future.

use async_trait::async_trait;
use tokio::sync::{mpsc, watch};

use crate::audit::AuditEvent;
use crate::claims::{Claims, ProofingApproval};
use crate::domain::{
    CameraGuidance, CredentialOffer, DocumentType, Journey, ProofingFailure, ProofingSubmission,
};
use crate::personal::{CaptureStep, CapturedImage};
use crate::verification::{
    PresentationEvent, PresentationQr, VerificationFailure, VerificationPurpose,
};

#[derive(Debug, thiserror::Error)]
pub enum CameraError {
    #[error("no camera is connected")]
    NoCamera,
    #[error("the camera is in use by another program")]
    Busy,
    #[error("camera access was denied")]
    PermissionDenied,
    #[error("the camera stopped: {0}")]
    Stopped(String),
}

/// A camera that can be pointed at one capture step at a time.
#[async_trait]
pub trait Camera: Send + Sync {
    /// Starts filming for `step` of photographing `document` (what is in front of the lens).
    async fn start(&self, step: CaptureStep, document: DocumentType) -> Result<(), CameraError>;
    /// The live verdict of the running camera, if this camera analyses frames; `None` in it
    /// until the first analysed frame, and after a stop.
    fn guidance(&self) -> Option<watch::Receiver<Option<CameraGuidance>>> {
        None
    }
    /// Resolves with the next still: when auto-capture fires, or at once after
    /// [`Camera::capture_now`].
    async fn next_still(&self, step: CaptureStep) -> Result<CapturedImage, CameraError>;
    /// Staff pressed the capture button.
    fn capture_now(&self);
    fn stop(&self);
}

/// Progress reported while a phone-handoff session runs.
#[derive(Debug)]
pub enum HandoffProgress {
    Ready {
        url: String,
    },
    /// The phone has not finished after a while; the screen says so, and what to do.
    StillWaiting,
}

/// The identity-proofing service (1Kosmos).
#[async_trait]
pub trait Proofing: Send + Sync {
    async fn verify(
        &self,
        submission: ProofingSubmission,
    ) -> Result<ProofingApproval, ProofingFailure>;

    /// Runs a hosted capture session on the employee's phone to its end, reporting progress.
    async fn phone_handoff(
        &self,
        document_type: DocumentType,
        journey: Journey,
        progress: mpsc::Sender<HandoffProgress>,
    ) -> Result<ProofingApproval, ProofingFailure>;
}

/// What the wallet did with an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalletEvent {
    Scanned,
    Added,
    /// The service's error message (e.g. `issuance_service_error`, `user canceled`).
    Failed {
        reason: String,
    },
}

#[derive(Debug, thiserror::Error)]
#[error("the credential offer could not be created: {0}")]
pub struct IssuingError(pub String);

/// The credential issuer (Entra Verified ID).
#[async_trait]
pub trait Issuing: Send + Sync {
    /// Creates an offer; wallet events for it are sent on `wallet` until it ends.
    async fn create_offer(
        &self,
        claims: Claims,
        wallet: mpsc::Sender<WalletEvent>,
    ) -> Result<CredentialOffer, IssuingError>;
}

/// The verifier (Entra Verified ID presentation requests, with Face Check when configured).
#[async_trait]
pub trait Verifying: Send + Sync {
    /// Creates a presentation request (with Face Check when `face_check` and the kiosk is
    /// configured for it); what the wallet and the service do with it is sent on
    /// `events`, judged against what was asked, until it ends.
    async fn request_presentation(
        &self,
        purpose: VerificationPurpose,
        face_check: bool,
        events: mpsc::Sender<PresentationEvent>,
    ) -> Result<PresentationQr, VerificationFailure>;
}

/// Where counted outcomes go. Recording never fails the enrollment: an adapter that cannot
/// store a count logs that and carries on.
pub trait AuditTrail: Send + Sync {
    fn record(&self, event: AuditEvent);
}
