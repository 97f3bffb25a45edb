//! What goes into a session and what comes out: events (intents and outcomes), the effects it
//! asks for, and the tickets that tie an outcome to its request.

use crate::audit::AuditEvent;
use crate::claims::{Claims, ProofingApproval};
use crate::domain::{
    CameraGuidance, CredentialOffer, DocumentType, Journey, ProofingFailure, ProofingSubmission,
};
use crate::personal::{CaptureStep, CapturedImage};
use crate::verification::{
    PresentationEvent, PresentationQr, VerificationFailure, VerificationPurpose,
};
use crate::view::Intent;

/// Names one request to the outside world. Results carry it back; a result whose ticket is not
/// the current one (the session was cancelled or moved on) is ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ticket(pub u64);

/// Something that happened: a person's intent, or the outcome of an effect.
#[derive(Debug)]
pub enum Event {
    Intent(Intent),
    Captured {
        ticket: Ticket,
        image: CapturedImage,
    },
    CameraFailed {
        ticket: Ticket,
    },
    /// The camera's live verdict on the current frame changed ("hold still", "reduce glare").
    CameraGuidance {
        ticket: Ticket,
        guidance: CameraGuidance,
    },
    PhoneSessionReady {
        ticket: Ticket,
        url: String,
    },
    /// The phone has not finished after a while.
    PhoneSessionStillWaiting {
        ticket: Ticket,
    },
    ProofingApproved {
        ticket: Ticket,
        approval: ProofingApproval,
    },
    ProofingFailed {
        ticket: Ticket,
        failure: ProofingFailure,
    },
    OfferReady {
        ticket: Ticket,
        offer: CredentialOffer,
    },
    OfferFailed {
        ticket: Ticket,
    },
    WalletScanned {
        ticket: Ticket,
    },
    WalletAdded {
        ticket: Ticket,
    },
    WalletFailed {
        ticket: Ticket,
        reason: String,
    },
    /// A presentation request exists; its code can go on screen.
    PresentationReady {
        ticket: Ticket,
        request: PresentationQr,
    },
    /// The presentation request could not be created.
    PresentationRefused {
        ticket: Ticket,
        failure: VerificationFailure,
    },
    /// What the wallet and the service did with the presentation request.
    Presentation {
        ticket: Ticket,
        event: PresentationEvent,
    },
}

/// What the session asks the driver to do.
#[derive(Debug)]
pub enum Effect {
    StartCamera {
        ticket: Ticket,
        step: CaptureStep,
        document: DocumentType,
    },
    CaptureStill {
        ticket: Ticket,
        step: CaptureStep,
    },
    StopCamera,
    StartPhoneHandoff {
        ticket: Ticket,
        document_type: DocumentType,
        journey: Journey,
    },
    SubmitProofing {
        ticket: Ticket,
        submission: ProofingSubmission,
    },
    CreateOffer {
        ticket: Ticket,
        claims: Claims,
    },
    /// Ask for a presentation of a card (verify mode, or the new-card check).
    RequestPresentation {
        ticket: Ticket,
        purpose: VerificationPurpose,
        /// Whether to ask for Face Check (where configured): not for a new card without a
        /// photo, which Face Check has nothing to compare with.
        face_check: bool,
    },
    /// Abandon whatever request is in flight; its result would be ignored anyway.
    CancelOutstanding,
    /// Drop every copy of this enrollment's personal data the driver or the UI holds.
    WipeSession,
    /// Count an outcome in the audit trail (no personal data).
    Audit(AuditEvent),
}
