use std::collections::VecDeque;
use std::time::{Duration, Instant};

use zeroize::Zeroize;

use crate::audit::{AuditEvent, FailureReason};

use crate::claims::{issuance_claims, Claims, ProofingApproval};
use crate::intake::{
    kiosk_camera_refusal, CaptureMethod, DocumentType, FieldError, IntakeForm, Journey, ValidIntake,
};
use crate::messages::{self, ProofingFailure};
use crate::personal::{CaptureStep, CapturedImage};
use crate::ports::CameraGuidance;
use crate::settings::SessionSettings;
use crate::view::{
    CaptureView, DocumentOption, DoneOutcome, InactivityWarning, Intent, QrMatrix, Screen,
    StepProgress, View, WalletStatus,
};

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
    PhoneSessionProgress {
        ticket: Ticket,
        status: String,
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
}

/// A credential offer as created by the issuing service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialOffer {
    pub url: String,
    pub pin: Option<String>,
    pub expires_at: Instant,
}

/// What the session asks the driver to do.
#[derive(Debug)]
pub enum Effect {
    StartCamera {
        ticket: Ticket,
        step: CaptureStep,
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
    /// Abandon whatever request is in flight; its result would be ignored anyway.
    CancelOutstanding,
    /// Drop every copy of this enrollment's personal data the driver or the UI holds.
    WipeSession,
    /// Count an outcome in the audit trail (no personal data).
    Audit(AuditEvent),
}

/// Everything proofing needs from the kiosk-camera path.
#[derive(Debug)]
pub struct ProofingSubmission {
    pub given_name: crate::personal::Redacted,
    pub family_name: crate::personal::Redacted,
    pub document_type: DocumentType,
    pub journey: Journey,
    pub captures: Vec<CapturedImage>,
}

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
        status: String,
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
}

/// One enrollment at a time, from Welcome back to Welcome. See the crate docs.
#[derive(Debug)]
pub struct Session {
    settings: SessionSettings,
    state: State,
    intake: Option<ValidIntake>,
    captures: Vec<CapturedImage>,
    approval: Option<ProofingApproval>,
    proofing_attempts: u32,
    offers_made: u32,
    ticket: Ticket,
    last_activity: Instant,
    warning_since: Option<Instant>,
    /// Next moment a countdown on screen (inactivity, QR expiry) changes.
    countdown_tick: Option<Instant>,
    effects: VecDeque<Effect>,
}

/// How long the kiosk waits on a service before it gives up and says so.
pub const SERVICE_TIMEOUT: Duration = Duration::from_secs(120);

impl Session {
    pub fn new(settings: SessionSettings, now: Instant) -> Self {
        Self {
            settings,
            state: State::Welcome,
            intake: None,
            captures: Vec::new(),
            approval: None,
            proofing_attempts: 0,
            offers_made: 0,
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
            return None;
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
            _ => None,
        };
        [idle, self.countdown_tick, service]
            .into_iter()
            .flatten()
            .min()
    }

    /// While the kiosk itself is busy (checking, preparing the credential) the person is
    /// waiting on us, not idle: the service timeout guards those states instead.
    fn waits_on_person(&self) -> bool {
        !matches!(
            self.state,
            State::Welcome | State::Verifying { .. } | State::Issuing { failed: false, .. }
        )
    }

    /// Time has passed: inactivity warning and reset, service timeouts, QR expiry.
    pub fn handle_timeout(&mut self, now: Instant) {
        if self.is_at_welcome() {
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
                    self.request_offer(now);
                } else {
                    self.effects.push_back(Effect::CancelOutstanding);
                    self.finish_with(DoneOutcome::OfferExpired);
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

    /// Keeps a one-second tick going while a countdown is on screen, so the view stays true.
    fn refresh_countdown(&mut self, now: Instant) {
        let counting =
            self.warning_since.is_some() || matches!(self.state, State::OfferCredential { .. });
        self.countdown_tick = match self.countdown_tick {
            _ if !counting => None,
            Some(tick) if tick > now => Some(tick),
            _ => Some(now + Duration::from_secs(1)),
        };
    }

    fn handle_intent(&mut self, intent: Intent, now: Instant) {
        // Any touch is activity and answers the warning.
        if !self.is_at_welcome() {
            self.last_activity = now;
            self.warning_since = None;
        }
        let state = std::mem::replace(&mut self.state, State::Welcome);
        self.state = match (state, intent) {
            (state, Intent::Cancel) => {
                self.state = state;
                self.reset(Some(FailureReason::Cancelled));
                return;
            }
            (State::Welcome, Intent::Start) => {
                self.last_activity = now;
                self.effects.push_back(Effect::Audit(AuditEvent::Started));
                State::Intake {
                    form: IntakeForm::default(),
                    errors: Vec::new(),
                }
            }
            (State::Intake { .. }, Intent::SubmitIntake { form }) => {
                match form.validate(&self.settings) {
                    Ok(valid) => {
                        self.intake = Some(valid);
                        self.proofing_attempts = 0;
                        self.begin_capture(now)
                    }
                    Err(errors) => State::Intake { form, errors },
                }
            }
            (
                State::Capturing {
                    step,
                    capturing: false,
                    camera_problem: false,
                    guidance,
                },
                Intent::Capture,
            ) => {
                self.effects.push_back(Effect::CaptureStill {
                    ticket: self.ticket,
                    step,
                });
                State::Capturing {
                    step,
                    capturing: true,
                    camera_problem: false,
                    guidance,
                }
            }
            (
                State::Capturing {
                    step,
                    camera_problem: true,
                    ..
                },
                Intent::TryAgain,
            ) => self.start_camera(step),
            (State::Review { image }, Intent::Retake) => self.start_camera(image.step),
            (State::Review { image }, Intent::UsePhoto) => {
                let step = image.step;
                self.captures.push(image);
                match self.step_after(step) {
                    Some(next) => self.start_camera(next),
                    None => self.submit_proofing(now),
                }
            }
            (
                State::ProofingFailed {
                    can_retry: true, ..
                },
                Intent::TryAgain,
            ) => {
                self.captures.zeroize();
                self.captures.clear();
                self.begin_capture(now)
            }
            (
                state @ (State::ProofingFailed {
                    can_retry: false, ..
                }
                | State::Done { .. }),
                Intent::Finish,
            ) => {
                self.state = state;
                self.reset(None);
                return;
            }
            (State::Issuing { failed: true, .. }, Intent::TryAgain)
            | (
                State::OfferCredential {
                    status: WalletStatus::Failed,
                    ..
                },
                Intent::TryAgain,
            ) => {
                self.offers_made = 0;
                self.request_offer_state(now)
            }
            (state, _ignored) => state,
        };
    }

    fn handle_outcome(&mut self, event: Event, now: Instant) {
        let current = self.ticket;
        let fresh = |ticket: &Ticket| *ticket == current;
        match event {
            Event::Captured { ticket, image } if fresh(&ticket) => {
                if let State::Capturing {
                    step,
                    camera_problem: false,
                    ..
                } = self.state
                {
                    if image.step == step {
                        self.effects.push_back(Effect::StopCamera);
                        self.state = State::Review { image };
                        self.activity(now);
                    }
                }
            }
            Event::CameraFailed { ticket } if fresh(&ticket) => {
                if let State::Capturing { step, .. } = self.state {
                    self.effects.push_back(Effect::StopCamera);
                    self.state = State::Capturing {
                        step,
                        capturing: false,
                        camera_problem: true,
                        guidance: None,
                    };
                }
            }
            Event::CameraGuidance { ticket, guidance } if fresh(&ticket) => {
                // Shown, not acted on: the camera decides when to capture. Not activity either:
                // a scene changing in front of the lens does not answer the idle warning.
                if let State::Capturing {
                    camera_problem: false,
                    guidance: shown,
                    ..
                } = &mut self.state
                {
                    *shown = Some(guidance);
                }
            }
            Event::PhoneSessionReady { ticket, url } if fresh(&ticket) => {
                if let State::PhoneHandoff { .. } = self.state {
                    match QrMatrix::encode(&url) {
                        Some(qr) => {
                            self.state = State::PhoneHandoff {
                                link: Some((url, qr)),
                                status: "Scan the code with your phone's camera.".into(),
                            };
                        }
                        None => {
                            // A link too long for a QR code is of no use to the employee.
                            self.effects.push_back(Effect::CancelOutstanding);
                            self.proofing_finished(ProofingFailure::ServiceUnavailable);
                        }
                    }
                    self.activity(now);
                }
            }
            Event::PhoneSessionProgress { ticket, status } if fresh(&ticket) => {
                if let State::PhoneHandoff { link, .. } = &mut self.state {
                    let link = link.take();
                    self.state = State::PhoneHandoff { link, status };
                    self.activity(now);
                }
            }
            Event::ProofingApproved { ticket, approval } if fresh(&ticket) => {
                if matches!(
                    self.state,
                    State::Verifying { .. } | State::PhoneHandoff { .. }
                ) {
                    self.wipe_captures();
                    self.effects.push_back(Effect::Audit(AuditEvent::Proofed));
                    self.approval = Some(approval);
                    self.offers_made = 0;
                    self.state = self.request_offer_state(now);
                    self.activity(now);
                }
            }
            Event::ProofingFailed { ticket, failure } if fresh(&ticket) => {
                if matches!(
                    self.state,
                    State::Verifying { .. } | State::PhoneHandoff { .. }
                ) {
                    self.proofing_finished(failure);
                    self.activity(now);
                }
            }
            Event::OfferReady { ticket, offer } if fresh(&ticket) => {
                if let State::Issuing {
                    since,
                    failed: false,
                } = self.state
                {
                    match QrMatrix::encode(&offer.url) {
                        Some(qr) => {
                            self.state = State::OfferCredential {
                                offer,
                                qr,
                                status: WalletStatus::Waiting,
                                failure: None,
                            };
                        }
                        None => {
                            tracing::warn!("the offer URL does not fit in a QR code");
                            self.effects.push_back(Effect::CancelOutstanding);
                            self.effects.push_back(Effect::Audit(AuditEvent::Failed(
                                FailureReason::IssuanceUnavailable,
                            )));
                            self.next_ticket();
                            self.state = State::Issuing {
                                since,
                                failed: true,
                            };
                        }
                    }
                    self.activity(now);
                }
            }
            Event::OfferFailed { ticket } if fresh(&ticket) => {
                if let State::Issuing {
                    since,
                    failed: false,
                } = self.state
                {
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
            }
            Event::WalletScanned { ticket } if fresh(&ticket) => {
                if let State::OfferCredential { status, .. } = &mut self.state {
                    if *status == WalletStatus::Waiting {
                        *status = WalletStatus::Scanned;
                        self.activity(now);
                    }
                }
            }
            Event::WalletAdded { ticket } if fresh(&ticket) => {
                if let State::OfferCredential { .. } = self.state {
                    self.effects.push_back(Effect::Audit(AuditEvent::Issued));
                    self.finish_with(DoneOutcome::Issued);
                    self.activity(now);
                }
            }
            Event::WalletFailed { ticket, reason } if fresh(&ticket) => {
                if let State::OfferCredential {
                    status, failure, ..
                } = &mut self.state
                {
                    *status = WalletStatus::Failed;
                    *failure = Some(reason);
                    self.effects.push_back(Effect::Audit(AuditEvent::Failed(
                        FailureReason::WalletFailed,
                    )));
                    self.activity(now);
                }
            }
            // Stale results from an abandoned request, or an intent routed here by mistake.
            _ => {}
        }
    }

    fn activity(&mut self, now: Instant) {
        self.last_activity = now;
        self.warning_since = None;
    }

    fn next_ticket(&mut self) -> Ticket {
        self.ticket = Ticket(self.ticket.0.wrapping_add(1));
        self.ticket
    }

    fn intake(&self) -> Option<&ValidIntake> {
        self.intake.as_ref()
    }

    fn first_step(&self) -> CaptureStep {
        CaptureStep::DocumentFront
    }

    fn step_after(&self, step: CaptureStep) -> Option<CaptureStep> {
        let document = self.intake()?.document_type;
        let selfie = self
            .settings
            .journey
            .needs_selfie()
            .then_some(CaptureStep::Selfie);
        match step {
            CaptureStep::DocumentFront if document.has_back_side() => {
                Some(CaptureStep::DocumentBack)
            }
            CaptureStep::DocumentFront | CaptureStep::DocumentBack => selfie,
            CaptureStep::Selfie => None,
        }
    }

    fn steps(&self) -> Vec<CaptureStep> {
        let mut steps = vec![self.first_step()];
        while let Some(next) = steps.last().and_then(|step| self.step_after(*step)) {
            steps.push(next);
        }
        steps
    }

    fn progress(&self, step: CaptureStep) -> StepProgress {
        let steps = self.steps();
        let index = steps.iter().position(|s| *s == step).unwrap_or(0);
        StepProgress {
            current: index as u32 + 1,
            total: steps.len() as u32,
        }
    }

    /// After a valid intake, or on Try again: the first capture, or a fresh phone session.
    fn begin_capture(&mut self, now: Instant) -> State {
        let Some(intake) = self.intake() else {
            return State::Welcome;
        };
        match intake.capture_method {
            CaptureMethod::KioskCamera => self.start_camera(self.first_step()),
            CaptureMethod::Phone => {
                let document_type = intake.document_type;
                let ticket = self.next_ticket();
                self.effects.push_back(Effect::StartPhoneHandoff {
                    ticket,
                    document_type,
                    journey: self.settings.journey,
                });
                self.proofing_attempts += 1;
                self.activity(now);
                State::PhoneHandoff {
                    link: None,
                    status: "Preparing a code for your phone…".into(),
                }
            }
        }
    }

    fn start_camera(&mut self, step: CaptureStep) -> State {
        let ticket = self.next_ticket();
        self.effects.push_back(Effect::StartCamera { ticket, step });
        State::Capturing {
            step,
            capturing: false,
            camera_problem: false,
            guidance: None,
        }
    }

    fn submit_proofing(&mut self, now: Instant) -> State {
        let Some(intake) = self.intake() else {
            return State::Welcome;
        };
        let submission = ProofingSubmission {
            given_name: crate::personal::Redacted(intake.given_name.clone()),
            family_name: crate::personal::Redacted(intake.family_name.clone()),
            document_type: intake.document_type,
            journey: self.settings.journey,
            captures: self.captures.clone(),
        };
        let ticket = self.next_ticket();
        self.proofing_attempts += 1;
        self.effects
            .push_back(Effect::SubmitProofing { ticket, submission });
        // The submission holds its own copy; ours is no longer needed.
        self.wipe_captures();
        self.activity(now);
        State::Verifying { since: now }
    }

    fn proofing_finished(&mut self, failure: ProofingFailure) {
        self.effects
            .push_back(Effect::Audit(AuditEvent::Failed(FailureReason::from(
                &failure,
            ))));
        self.next_ticket();
        self.wipe_captures();
        let can_retry =
            failure.retryable() && self.proofing_attempts < self.settings.max_proofing_attempts;
        self.state = State::ProofingFailed { failure, can_retry };
    }

    fn request_offer_state(&mut self, now: Instant) -> State {
        self.request_offer(now);
        std::mem::replace(&mut self.state, State::Welcome)
    }

    /// Asks for a (fresh) credential offer from the approved result.
    fn request_offer(&mut self, now: Instant) {
        let (Some(intake), Some(approval)) = (self.intake.as_ref(), self.approval.as_ref()) else {
            self.reset(None);
            return;
        };
        let claims = issuance_claims(intake, self.settings.journey, approval);
        let ticket = self.next_ticket();
        self.offers_made += 1;
        self.effects
            .push_back(Effect::CreateOffer { ticket, claims });
        self.state = State::Issuing {
            since: now,
            failed: false,
        };
    }

    fn finish_with(&mut self, outcome: DoneOutcome) {
        if outcome == DoneOutcome::OfferExpired {
            self.effects.push_back(Effect::Audit(AuditEvent::Failed(
                FailureReason::OfferExpired,
            )));
        }
        self.next_ticket();
        // The credential is offered or the enrollment is over: nothing personal is needed now.
        self.wipe_personal_data();
        self.effects.push_back(Effect::WipeSession);
        self.state = State::Done { outcome };
    }

    fn wipe_captures(&mut self) {
        // Each image zeroizes itself when dropped.
        self.captures.clear();
    }

    fn wipe_personal_data(&mut self) {
        self.wipe_captures();
        self.intake = None;
        self.approval = None;
    }

    /// Back to Welcome from anywhere, leaving nothing of the enrollment behind. `abandoned`
    /// says why an unfinished enrollment ended, for the audit trail.
    fn reset(&mut self, abandoned: Option<FailureReason>) {
        // Queued requests are moot now, and may carry personal data.
        self.effects.retain(|effect| {
            matches!(
                effect,
                Effect::StopCamera | Effect::CancelOutstanding | Effect::Audit(_)
            )
        });
        // An enrollment whose failure is already counted is not counted again as abandoned.
        let unfinished = !matches!(
            self.state,
            State::Welcome
                | State::Done { .. }
                | State::ProofingFailed { .. }
                | State::Issuing { failed: true, .. }
                | State::OfferCredential {
                    status: WalletStatus::Failed,
                    ..
                }
        );
        if let (true, Some(reason)) = (unfinished, abandoned) {
            self.effects
                .push_back(Effect::Audit(AuditEvent::Failed(reason)));
        }
        if matches!(self.state, State::Capturing { .. }) {
            self.effects.push_back(Effect::StopCamera);
        }
        if !self.is_at_welcome() {
            self.effects.push_back(Effect::CancelOutstanding);
        }
        self.next_ticket();
        self.wipe_personal_data();
        self.state = State::Welcome;
        self.proofing_attempts = 0;
        self.offers_made = 0;
        self.warning_since = None;
        self.countdown_tick = None;
        self.effects.push_back(Effect::WipeSession);
    }

    /// What the UI shows now. Carries no secrets and no image bytes.
    pub fn view(&self, now: Instant) -> View {
        let inactivity = self.warning_since.map(|since| {
            let reset_at = since + self.settings.idle_reset_after;
            let left = reset_at.saturating_duration_since(now);
            InactivityWarning {
                reset_in_seconds: left.as_secs_f64().ceil() as u32,
            }
        });
        View {
            screen: self.screen(now),
            inactivity,
            kiosk_mode: self.settings.kiosk_mode,
            demo: self.settings.demo,
        }
    }

    fn screen(&self, now: Instant) -> Screen {
        match &self.state {
            State::Welcome => Screen::Welcome,
            State::Intake { form, errors } => Screen::Intake {
                form: form.clone(),
                errors: errors.clone(),
                document_options: DocumentType::ALL
                    .iter()
                    .map(|document| {
                        let refusal = kiosk_camera_refusal(*document, &self.settings);
                        DocumentOption {
                            value: *document,
                            label: document.label().into(),
                            kiosk_camera_available: refusal.is_none(),
                            kiosk_camera_note: refusal.map(|_| {
                                "This kiosk can't read this document yet: use your phone.".into()
                            }),
                        }
                    })
                    .collect(),
                journey: self.settings.journey,
            },
            State::Capturing {
                step,
                capturing,
                camera_problem,
                guidance,
            } => {
                let capture = CaptureView {
                    title: step.label().into(),
                    instruction: guidance
                        .map_or(capture_instruction(*step), messages::camera_guidance)
                        .into(),
                    progress: self.progress(*step),
                    camera_problem: camera_problem.then(messages::camera_problem),
                    capturing: *capturing,
                };
                match step {
                    CaptureStep::DocumentFront => Screen::DocumentFront(capture),
                    CaptureStep::DocumentBack => Screen::DocumentBack(capture),
                    CaptureStep::Selfie => Screen::Selfie(capture),
                }
            }
            State::Review { image } => Screen::Review {
                step: image.step,
                title: format!("Check the photo: {}", image.step.label().to_lowercase()),
                progress: self.progress(image.step),
            },
            State::PhoneHandoff { link, status } => Screen::PhoneHandoff {
                url: link.as_ref().map(|(url, _)| url.clone()),
                qr: link.as_ref().map(|(_, qr)| qr.clone()),
                status: status.clone(),
            },
            State::Verifying { .. } => Screen::Verifying {
                status: "Checking your document and photo. This usually takes under a minute."
                    .into(),
            },
            State::ProofingFailed { failure, can_retry } => Screen::ProofingFailed {
                reason_code: failure.reason_code().map(str::to_string),
                explanation: if *can_retry || !failure.retryable() {
                    failure.explanation()
                } else {
                    messages::attempts_exhausted()
                },
                can_retry: *can_retry,
                attempts_left: self
                    .settings
                    .max_proofing_attempts
                    .saturating_sub(self.proofing_attempts),
            },
            State::Issuing { failed, .. } => Screen::Issuing {
                problem: failed.then(messages::issuance_problem),
            },
            State::OfferCredential {
                offer,
                qr,
                status,
                failure,
            } => Screen::OfferCredential {
                qr: qr.clone(),
                url: offer.url.clone(),
                pin: offer.pin.clone(),
                expires_in_seconds: offer.expires_at.saturating_duration_since(now).as_secs()
                    as u32,
                status: *status,
                problem: failure.as_deref().map(messages::wallet_problem),
            },
            State::Done { outcome } => Screen::Done {
                outcome: *outcome,
                explanation: done_explanation(*outcome),
            },
        }
    }
}

fn capture_instruction(step: CaptureStep) -> &'static str {
    match step {
        CaptureStep::DocumentFront => "Place the front of your document inside the frame.",
        CaptureStep::DocumentBack => "Turn your document over and place the back inside the frame.",
        CaptureStep::Selfie => "Look at the camera and keep your face inside the oval.",
    }
}

fn done_explanation(outcome: DoneOutcome) -> messages::Explanation {
    let (message, next_step) = match outcome {
        DoneOutcome::Issued => (
            "Your Verified ID is in Microsoft Authenticator.",
            "You can now use it to prove who you are. Thank you!",
        ),
        DoneOutcome::NotVerified => (
            "We couldn't verify your identity today.",
            "Please ask a member of staff for help.",
        ),
        DoneOutcome::OfferExpired => (
            "The code expired before it was scanned.",
            "Start again when you are ready to scan it with Microsoft Authenticator.",
        ),
    };
    messages::Explanation {
        message: message.into(),
        next_step: next_step.into(),
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
