//! The session state machine: one enrollment at a time, from Welcome back to Welcome.
//!
//! [`events`] holds what goes in and comes out; [`transitions`] how each event moves the
//! state; [`screen`] what a person sees in each state. This file holds the state itself and
//! the public entry points ([`Session::handle`], [`Session::poll_effect`], …).

mod events;
mod screen;
mod transitions;

pub use events::{Effect, Event, Ticket};

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use zeroize::Zeroize;

use crate::attestation::{AttestationForm, AttestationProblem};
use crate::audit::{AuditEvent, FailureReason};

use crate::claims::{issuance_claims, EvidenceValidation, ProofingApproval};
use crate::domain::{
    CameraGuidance, CaptureMethod, CredentialOffer, DocumentType, ProofingFailure,
    ProofingSubmission,
};
use crate::intake::{kiosk_camera_refusal, FieldError, IntakeForm, ValidIntake};
use crate::language::{Language, Phrase};
use crate::messages;
use crate::personal::{CaptureStep, CapturedImage};
use crate::settings::{KioskMode, SessionSettings, UnattestedDocument};
use crate::verification::{
    PresentationEvent, PresentationQr, VerificationFailure, VerificationPurpose, VerifiedCard,
};
use crate::view::{
    CaptureView, DocumentOption, DoneOutcome, InactivityWarning, Intent, PresentationStatus,
    QrMatrix, Screen, StepProgress, View, WalletStatus,
};

#[derive(Debug)]
enum State {
    Welcome,
    Intake {
        form: IntakeForm,
        errors: Vec<FieldError>,
    },
    Capturing {
        step: CaptureStep,
        capturing: bool,
        camera_problem: bool,
        /// The camera's latest verdict; `None` until the first analysed frame.
        guidance: Option<CameraGuidance>,
    },
    Review {
        image: CapturedImage,
    },
    PhoneHandoff {
        /// The hosted capture link and its QR, encoded once when the link arrives.
        link: Option<(String, QrMatrix)>,
        status: Phrase,
    },
    /// Staffed desk, kiosk camera: the operator attests the physical document before it is
    /// verified. The form is staff data, kept so a refused submit does not empty it.
    StaffAttestation {
        form: AttestationForm,
        problems: Vec<AttestationProblem>,
    },
    Verifying {
        since: Instant,
    },
    ProofingFailed {
        failure: ProofingFailure,
        can_retry: bool,
    },
    Issuing {
        since: Instant,
        failed: bool,
    },
    OfferCredential {
        offer: CredentialOffer,
        /// Encoded once: the view is rebuilt every second for the countdown.
        qr: QrMatrix,
        status: WalletStatus,
        /// Why the wallet failed, as the service said it.
        failure: Option<String>,
    },
    Done {
        outcome: DoneOutcome,
    },
    /// Creating a presentation request.
    PreparingVerification {
        purpose: VerificationPurpose,
        since: Instant,
    },
    VerifyCard {
        purpose: VerificationPurpose,
        request: PresentationQr,
        /// Encoded once: the view is rebuilt every second for the countdown.
        qr: QrMatrix,
        status: PresentationStatus,
    },
    VerificationResult {
        purpose: VerificationPurpose,
        outcome: Result<VerifiedCard, VerificationFailure>,
    },
}

/// One enrollment at a time, from Welcome back to Welcome. See the crate docs.
#[derive(Debug)]
pub struct Session {
    settings: SessionSettings,
    state: State,
    /// The employee's language; back to the kiosk's own at each Welcome.
    language: Language,
    intake: Option<ValidIntake>,
    captures: Vec<CapturedImage>,
    approval: Option<ProofingApproval>,
    /// Whether an operator attested the document of the current attempt.
    operator_attested: bool,
    proofing_attempts: u32,
    offers_made: u32,
    /// Presentation codes shown for the current verification (first one and fresh ones).
    presentations_made: u32,
    /// Verifications asked for since Welcome (the first and each Try again).
    verification_attempts: u32,
    /// Whether the card just issued carries the photo, so that its check can use Face Check.
    new_card_has_photo: bool,
    /// The offer a fresh QR just replaced, and until when its success still counts: someone
    /// who scanned in the last seconds of the old code may finish in Authenticator after the
    /// screen moved on.
    replaced_offer: Option<(Ticket, Instant)>,
    ticket: Ticket,
    last_activity: Instant,
    warning_since: Option<Instant>,
    /// Next moment a countdown on screen (inactivity, QR expiry) changes.
    countdown_tick: Option<Instant>,
    effects: VecDeque<Effect>,
}

/// How long the kiosk waits on a service before it gives up and says so.
pub const SERVICE_TIMEOUT: Duration = Duration::from_secs(120);

/// How long a replaced offer's success still completes the enrollment.
pub const REPLACED_OFFER_GRACE: Duration = Duration::from_secs(60);

/// Verifications per visit to the verify screens, the first one included.
pub const MAX_VERIFICATION_ATTEMPTS: u32 = 3;

/// When a shown presentation code stops counting: at its expiry while nobody scanned it; a
/// little later once Authenticator retrieved it, so a person sharing in the last seconds is
/// still heard.
fn presentation_deadline(request: &PresentationQr, status: PresentationStatus) -> Instant {
    match status {
        PresentationStatus::Waiting => request.expires_at,
        PresentationStatus::Retrieved => request.expires_at + REPLACED_OFFER_GRACE,
    }
}

impl Session {
    pub fn new(settings: SessionSettings, now: Instant) -> Self {
        Self {
            language: settings.language,
            settings,
            state: State::Welcome,
            intake: None,
            captures: Vec::new(),
            approval: None,
            operator_attested: false,
            proofing_attempts: 0,
            offers_made: 0,
            presentations_made: 0,
            verification_attempts: 0,
            new_card_has_photo: false,
            replaced_offer: None,
            ticket: Ticket(0),
            last_activity: now,
            warning_since: None,
            countdown_tick: None,
            effects: VecDeque::new(),
        }
    }

    pub fn settings(&self) -> &SessionSettings {
        &self.settings
    }

    /// True while any personal data of an enrollment is held: form values, captures, results.
    pub fn holds_personal_data(&self) -> bool {
        let form_filled = match &self.state {
            State::Intake { form, .. } => {
                !form.email.is_empty()
                    || !form.given_name.is_empty()
                    || !form.family_name.is_empty()
            }
            State::Review { .. } => true,
            State::VerificationResult { outcome, .. } => outcome.is_ok(),
            _ => false,
        };
        form_filled || self.intake.is_some() || !self.captures.is_empty() || self.approval.is_some()
    }

    pub fn is_at_welcome(&self) -> bool {
        matches!(self.state, State::Welcome)
    }

    pub fn poll_effect(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// The next moment at which [`Session::handle_timeout`] has something to do.
    pub fn next_deadline(&self) -> Option<Instant> {
        if self.is_at_welcome() {
            return self.welcome_language_deadline();
        }
        let idle = match self.warning_since {
            _ if !self.waits_on_person() => None,
            Some(since) => Some(since + self.settings.idle_reset_after),
            None => Some(self.last_activity + self.settings.idle_warning_after),
        };
        let service = match &self.state {
            State::Verifying { since }
            | State::Issuing {
                since,
                failed: false,
            } => Some(*since + SERVICE_TIMEOUT),
            State::OfferCredential {
                offer,
                status: WalletStatus::Waiting,
                ..
            } => Some(offer.expires_at),
            State::PreparingVerification { since, .. } => Some(*since + SERVICE_TIMEOUT),
            State::VerifyCard {
                request, status, ..
            } => Some(presentation_deadline(request, *status)),
            _ => None,
        };
        [idle, self.countdown_tick, service]
            .into_iter()
            .flatten()
            .min()
    }

    /// When a language chosen on Welcome, with nothing started, goes back to the kiosk's own.
    fn welcome_language_deadline(&self) -> Option<Instant> {
        (self.language != self.settings.language)
            .then(|| self.last_activity + self.settings.idle_warning_after)
    }

    /// While the kiosk itself is busy (checking, preparing the credential) the person is
    /// waiting on us, not idle: the service timeout guards those states instead.
    fn waits_on_person(&self) -> bool {
        !matches!(
            self.state,
            State::Welcome
                | State::Verifying { .. }
                | State::Issuing { failed: false, .. }
                | State::PreparingVerification { .. }
        )
    }

    /// Time has passed: inactivity warning and reset, service timeouts, QR expiry.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.is_at_welcome() {
            // Someone chose a language and walked away: the next person finds the kiosk's own.
            if self.welcome_language_deadline().is_some_and(|at| now >= at) {
                self.language = self.settings.language;
            }
            return;
        }
        match self.warning_since {
            _ if !self.waits_on_person() => {}
            Some(since) if now >= since + self.settings.idle_reset_after => {
                self.reset(Some(FailureReason::IdleReset));
                return;
            }
            Some(_) => {}
            None if now >= self.last_activity + self.settings.idle_warning_after => {
                self.warning_since = Some(now);
            }
            None => {}
        }
        match &self.state {
            State::Verifying { since } if now >= *since + SERVICE_TIMEOUT => {
                self.effects.push_back(Effect::CancelOutstanding);
                self.proofing_finished(ProofingFailure::TimedOut);
                self.activity(now);
            }
            State::Issuing {
                since,
                failed: false,
            } if now >= *since + SERVICE_TIMEOUT => {
                let since = *since;
                self.effects.push_back(Effect::CancelOutstanding);
                self.effects.push_back(Effect::Audit(AuditEvent::Failed(
                    FailureReason::IssuanceUnavailable,
                )));
                self.next_ticket();
                self.state = State::Issuing {
                    since,
                    failed: true,
                };
                self.activity(now);
            }
            State::OfferCredential {
                offer,
                status: WalletStatus::Waiting,
                ..
            } if now >= offer.expires_at => {
                if self.offers_made <= self.settings.max_offer_reissues {
                    self.replaced_offer = Some((self.ticket, now + REPLACED_OFFER_GRACE));
                    self.request_offer(now);
                } else {
                    self.effects.push_back(Effect::CancelOutstanding);
                    self.finish_with(DoneOutcome::OfferExpired);
                }
            }
            State::PreparingVerification { purpose, since } if now >= *since + SERVICE_TIMEOUT => {
                let purpose = *purpose;
                self.effects.push_back(Effect::CancelOutstanding);
                self.verification_finished(purpose, Err(VerificationFailure::TimedOut));
                self.activity(now);
            }
            State::VerifyCard {
                purpose,
                request,
                status,
                ..
            } if now >= presentation_deadline(request, *status) => {
                let (purpose, status) = (*purpose, *status);
                self.effects.push_back(Effect::CancelOutstanding);
                if status == PresentationStatus::Waiting
                    && self.presentations_made <= self.settings.max_offer_reissues
                {
                    // Nobody scanned it: a fresh code, as for credential offers.
                    self.state = self.request_presentation(purpose, now);
                } else {
                    self.verification_finished(purpose, Err(VerificationFailure::RequestExpired));
                }
            }
            _ => {}
        }
        self.refresh_countdown(now);
    }

    pub fn handle(&mut self, event: Event, now: Instant) {
        match event {
            Event::Intent(intent) => self.handle_intent(intent, now),
            outcome => self.handle_outcome(outcome, now),
        }
        self.refresh_countdown(now);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Fields zeroize themselves; this makes the order explicit and covers the form too.
        if let State::Intake { form, .. } = &mut self.state {
            form.zeroize();
        }
        self.wipe_personal_data();
    }
}
