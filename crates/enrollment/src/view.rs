//! The IPC contract: what the UI renders ([`View`]) and what it may ask for ([`Intent`]).
//! The TypeScript side is generated from these types (`cargo xtask bindings`), never written
//! by hand. A view carries no secrets and no full-resolution image.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attestation::{AttestationForm, AttestationProblem};
use crate::domain::{DocumentType, Journey};
use crate::intake::{FieldError, IntakeForm};
use crate::language::{Language, Phrase, PhraseArg};
use crate::messages::Explanation;
use crate::personal::CaptureStep;
use crate::settings::{KioskMode, UnattestedDocument};
use crate::verification::{
    FaceCheckOutcome, RevocationCheck, ShownClaim, VerificationFailure, VerificationPurpose,
    VerifiedCard,
};

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct View {
    pub screen: Screen,
    /// Present while the "are you still there?" warning counts down.
    pub inactivity: Option<InactivityWarning>,
    pub kiosk_mode: KioskMode,
    /// Whether Welcome offers verify mode (always at a staffed desk; in the lobby when
    /// configured).
    pub verify_available: bool,
    /// The language the employee chose on Welcome (the kiosk's own until then).
    pub language: Language,
    /// The kiosk's configured language: staff and administration screens always use it.
    pub staff_language: Language,
    /// What Welcome offers to choose from.
    pub languages: Vec<Language>,
    pub demo: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct InactivityWarning {
    pub reset_in_seconds: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum Screen {
    Welcome,
    Intake {
        form: IntakeForm,
        errors: Vec<FieldError>,
        document_options: Vec<DocumentOption>,
        journey: Journey,
    },
    DocumentFront(CaptureView),
    DocumentBack(CaptureView),
    Selfie(CaptureView),
    Review {
        step: CaptureStep,
        title: Phrase,
        progress: StepProgress,
    },
    PhoneHandoff {
        /// The hosted capture link, once the session exists.
        url: Option<String>,
        qr: Option<QrMatrix>,
        status: Phrase,
    },
    /// Staff attest the physical document before it is verified (staffed desk, kiosk camera).
    StaffAttestation {
        document: DocumentType,
        document_label: Phrase,
        form: AttestationForm,
        problems: Vec<AttestationProblem>,
        /// What "Can't confirm" does, so the button can say it.
        when_declined: UnattestedDocument,
    },
    Verifying {
        status: Phrase,
    },
    ProofingFailed {
        /// Shown to staff; the employee reads the explanation.
        reason_code: Option<String>,
        explanation: Explanation,
        can_retry: bool,
        attempts_left: u32,
    },
    Issuing {
        /// Set when creating the credential offer failed; the screen then offers Try again.
        problem: Option<Explanation>,
    },
    OfferCredential {
        url: String,
        /// The code to scan, while it is still waiting to be scanned: once Authenticator has
        /// retrieved the request the code is spent, so it leaves the screen.
        qr: Option<QrMatrix>,
        /// The PIN, shown only once the request was retrieved (Authenticator asks for it then),
        /// never beside a code that could still be photographed and used.
        pin: Option<String>,
        /// Whether Authenticator will ask for a PIN after the scan.
        pin_required: bool,
        expires_in_seconds: u32,
        status: WalletStatus,
        /// Set when the wallet failed: what happened and what to do next.
        problem: Option<Explanation>,
    },
    Done {
        outcome: DoneOutcome,
        explanation: Explanation,
    },
    /// Creating the presentation request (verify mode, or the new-card check).
    PreparingVerification {
        purpose: VerificationPurpose,
    },
    /// The code Authenticator scans to share a card.
    VerifyCard {
        purpose: VerificationPurpose,
        url: String,
        /// While it waits to be scanned; once Authenticator retrieved the request the code is
        /// spent and leaves the screen.
        qr: Option<QrMatrix>,
        expires_in_seconds: u32,
        status: PresentationStatus,
    },
    /// What the presented card showed, or why it did not verify. Gone on Done, Cancel or
    /// inactivity; never written anywhere.
    VerificationResult {
        purpose: VerificationPurpose,
        /// Present when the card passed every check asked for.
        card: Option<VerifiedCard>,
        /// Present when it did not.
        failure: Option<VerificationFailure>,
        explanation: Option<Explanation>,
        can_retry: bool,
    },
}

impl Screen {
    /// The screen's name as the UI's `data-screen` attribute spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Welcome => "welcome",
            Self::Intake { .. } => "intake",
            Self::DocumentFront(_) => "document_front",
            Self::DocumentBack(_) => "document_back",
            Self::Selfie(_) => "selfie",
            Self::Review { .. } => "review",
            Self::PhoneHandoff { .. } => "phone_handoff",
            Self::StaffAttestation { .. } => "staff_attestation",
            Self::Verifying { .. } => "verifying",
            Self::ProofingFailed { .. } => "proofing_failed",
            Self::Issuing { .. } => "issuing",
            Self::OfferCredential { .. } => "offer_credential",
            Self::Done { .. } => "done",
            Self::PreparingVerification { .. } => "preparing_verification",
            Self::VerifyCard { .. } => "verify_card",
            Self::VerificationResult { .. } => "verification_result",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct DocumentOption {
    pub value: DocumentType,
    pub label: Phrase,
    /// False when this document must be photographed with the phone, with the reason.
    pub kiosk_camera_available: bool,
    pub kiosk_camera_note: Option<Phrase>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct StepProgress {
    pub current: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct CaptureView {
    pub title: Phrase,
    pub instruction: Phrase,
    pub progress: StepProgress,
    /// Set when the camera could not start or stopped; the screen offers Try again.
    pub camera_problem: Option<Explanation>,
    /// True while a still is being taken, so the button can show progress.
    pub capturing: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WalletStatus {
    Waiting,
    Scanned,
    Failed,
}

/// How far a presentation request got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PresentationStatus {
    Waiting,
    /// Authenticator scanned the code; the person is choosing and sharing a card.
    Retrieved,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DoneOutcome {
    /// The credential is in the employee's wallet.
    Issued,
    /// Proofing attempts are used up or a final reason ended the enrollment.
    NotVerified,
    /// The QR expired too many times without being scanned.
    OfferExpired,
    /// Staff could not attest the document, and this kiosk ends the enrollment then.
    DocumentNotAttested,
}

/// A QR code as modules, so the UI can draw it pixel-exact at any size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct QrMatrix {
    /// Modules per side, quiet zone excluded.
    pub width: u32,
    /// Row-major, `'1'` for a dark module.
    pub modules: String,
}

impl QrMatrix {
    /// Error correction M, the least that survives a glossy screen and a tilted phone.
    pub fn encode(text: &str) -> Option<QrMatrix> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        let modules = code
            .to_colors()
            .iter()
            .map(|color| {
                if *color == qrcode::Color::Dark {
                    '1'
                } else {
                    '0'
                }
            })
            .collect();
        Some(QrMatrix {
            width: code.width() as u32,
            modules,
        })
    }
}

/// What a person at the kiosk can ask for. Anything else the UI sends is refused at the IPC edge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intent {
    Start,
    /// Verify a card someone presents from Authenticator (Welcome).
    StartVerify,
    SubmitIntake {
        form: IntakeForm,
    },
    Capture,
    Retake,
    UsePhoto,
    /// Staff attest the document they inspected.
    Attest {
        form: AttestationForm,
    },
    /// Staff cannot attest the document.
    DeclineAttestation,
    TryAgain,
    Finish,
    Cancel,
    StillHere,
    /// The employee picks the language on Welcome; it lasts until the next Welcome.
    ChooseLanguage {
        language: Language,
    },
}

/// Why an IPC command was refused, in a shape the UI can act on without reading the words:
/// `locked` sends it back to the PIN screen, `invalid` marks the named field. `message` is the
/// sentence to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    /// The admin screen is locked: the PIN comes first.
    #[error("{message}")]
    Locked { message: String },
    /// An enrollment is in progress; the action waits for the Welcome screen.
    #[error("{message}")]
    Busy { message: String },
    /// An argument was refused; `field` names the form field when there is one.
    #[error("{message}")]
    Invalid {
        field: Option<String>,
        message: String,
    },
    /// The kiosk cannot do this now (still starting, stopped, or closed by its configuration).
    #[error("{message}")]
    Unavailable { message: String },
    /// The action was tried and failed; the message says what to do next.
    #[error("{message}")]
    Failed { message: String },
}

/// The TypeScript declarations of every IPC type, as one module. `ui/src/ipc/bindings.ts` is
/// this text; a test fails when the two differ.
pub fn typescript_bindings() -> String {
    use crate::domain::{CaptureMethod, ProofingFailure};
    use crate::intake::{FieldError, IntakeField};
    let cfg = ts_rs::Config::new().with_large_int("number");
    let decls = [
        View::decl(&cfg),
        InactivityWarning::decl(&cfg),
        Screen::decl(&cfg),
        DocumentOption::decl(&cfg),
        StepProgress::decl(&cfg),
        CaptureView::decl(&cfg),
        WalletStatus::decl(&cfg),
        DoneOutcome::decl(&cfg),
        QrMatrix::decl(&cfg),
        Intent::decl(&cfg),
        IntakeForm::decl(&cfg),
        IntakeField::decl(&cfg),
        FieldError::decl(&cfg),
        DocumentType::decl(&cfg),
        CaptureMethod::decl(&cfg),
        Journey::decl(&cfg),
        CaptureStep::decl(&cfg),
        KioskMode::decl(&cfg),
        Explanation::decl(&cfg),
        Language::decl(&cfg),
        Phrase::decl(&cfg),
        PhraseArg::decl(&cfg),
        ProofingFailure::decl(&cfg),
        CommandError::decl(&cfg),
        crate::attestation::AttestationForm::decl(&cfg),
        crate::attestation::AttestationField::decl(&cfg),
        crate::attestation::AttestationProblem::decl(&cfg),
        UnattestedDocument::decl(&cfg),
        PresentationStatus::decl(&cfg),
        VerificationPurpose::decl(&cfg),
        VerifiedCard::decl(&cfg),
        ShownClaim::decl(&cfg),
        FaceCheckOutcome::decl(&cfg),
        RevocationCheck::decl(&cfg),
        VerificationFailure::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/enrollment/src by `cargo xtask bindings`. Do not edit.\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
