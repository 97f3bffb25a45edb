//! How each event moves the session: a person's intents, the outside world's outcomes, and
//! the steps between (capture order, retries, offers, resets).

use super::*;

impl Session {
    /// Keeps a one-second tick going while a countdown is on screen, so the view stays true.
    pub(super) fn refresh_countdown(&mut self, now: Instant) {
        let counting = self.warning_since.is_some()
            || matches!(
                self.state,
                State::OfferCredential { .. } | State::VerifyCard { .. }
            );
        self.countdown_tick = match self.countdown_tick {
            _ if !counting => None,
            Some(tick) if tick > now => Some(tick),
            _ => Some(now + Duration::from_secs(1)),
        };
    }

    pub(super) fn handle_intent(&mut self, intent: Intent, now: Instant) {
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
            (State::Welcome, Intent::ChooseLanguage { language }) => {
                // The pseudo-locale is a test language; only configuration can choose it.
                if Language::OFFERED.contains(&language) || language == self.settings.language {
                    self.language = language;
                    self.last_activity = now;
                }
                State::Welcome
            }
            (State::Welcome, Intent::Start) => {
                self.last_activity = now;
                self.effects.push_back(Effect::Audit(AuditEvent::Started));
                State::Intake {
                    form: IntakeForm::default(),
                    errors: Vec::new(),
                }
            }
            (State::Welcome, Intent::StartVerify) if self.settings.offers_verify() => {
                self.last_activity = now;
                self.verification_attempts = 0;
                self.request_presentation(VerificationPurpose::Verify, now)
            }
            (
                State::VerificationResult {
                    purpose,
                    outcome: Err(failure),
                },
                Intent::TryAgain,
            ) if self.verification_can_retry(&failure) => self.request_presentation(purpose, now),
            (
                State::VerificationResult {
                    purpose: VerificationPurpose::NewCard,
                    ..
                },
                Intent::Finish,
            ) => {
                // The card was issued before it was checked: the enrollment ends as issued.
                self.finish_with(DoneOutcome::Issued);
                return;
            }
            (state @ State::VerificationResult { .. }, Intent::Finish) => {
                self.state = state;
                self.reset(None);
                return;
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
                    None if self.settings.kiosk_mode == KioskMode::Staffed => {
                        State::StaffAttestation {
                            form: AttestationForm::default(),
                            problems: Vec::new(),
                        }
                    }
                    None => self.submit_proofing(now),
                }
            }
            (State::StaffAttestation { .. }, Intent::Attest { form }) => match form.validate() {
                Ok(staff_code) => {
                    self.effects
                        .push_back(Effect::Audit(AuditEvent::Attested { staff_code }));
                    self.operator_attested = true;
                    self.submit_proofing(now)
                }
                Err(problems) => State::StaffAttestation { form, problems },
            },
            (State::StaffAttestation { .. }, Intent::DeclineAttestation) => {
                self.effects
                    .push_back(Effect::Audit(AuditEvent::AttestationDeclined));
                match self.settings.unattested {
                    UnattestedDocument::ContinueAtIal1 => self.submit_proofing(now),
                    UnattestedDocument::End => {
                        self.effects.push_back(Effect::Audit(AuditEvent::Failed(
                            FailureReason::DocumentNotAttested,
                        )));
                        self.finish_with(DoneOutcome::DocumentNotAttested);
                        return;
                    }
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

    pub(super) fn handle_outcome(&mut self, event: Event, now: Instant) {
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
                                status: Phrase::new("phone-scan-code"),
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
            Event::PhoneSessionStillWaiting { ticket } if fresh(&ticket) => {
                if let State::PhoneHandoff { link, .. } = &mut self.state {
                    let link = link.take();
                    self.state = State::PhoneHandoff {
                        link,
                        status: Phrase::new("phone-still-waiting"),
                    };
                    self.activity(now);
                }
            }
            Event::ProofingApproved {
                ticket,
                mut approval,
            } if fresh(&ticket) => {
                if matches!(
                    self.state,
                    State::Verifying { .. } | State::PhoneHandoff { .. }
                ) {
                    if !self.names_on_document(&approval) {
                        // Nothing typed that the document does not support goes on a card.
                        self.proofing_finished(ProofingFailure::NameMismatch);
                        self.activity(now);
                        return;
                    }
                    if matches!(self.state, State::Verifying { .. }) {
                        // At the kiosk camera the session itself witnessed whether an operator
                        // attested the document; no adapter can claim that inspection for it.
                        approval.evidence = if self.operator_attested {
                            EvidenceValidation::OperatorInspection
                        } else {
                            EvidenceValidation::NotValidated
                        };
                    }
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
            Event::WalletAdded { ticket } if self.is_replaced_offer(ticket, now) => {
                // The person finished with the code that was just replaced: they have the
                // card, so the fresh offer is not needed any more.
                if let State::Issuing { .. } | State::OfferCredential { .. } = self.state {
                    self.effects.push_back(Effect::CancelOutstanding);
                    self.effects.push_back(Effect::Audit(AuditEvent::Issued));
                    self.finish_with(DoneOutcome::Issued);
                    self.activity(now);
                }
            }
            Event::WalletAdded { ticket } if fresh(&ticket) => {
                if let State::OfferCredential { .. } = self.state {
                    self.effects.push_back(Effect::Audit(AuditEvent::Issued));
                    if self.settings.check_new_card {
                        self.new_card_has_photo = self.settings.photo_claim.is_some()
                            && self.approval.as_ref().is_some_and(|a| a.photo.is_some());
                        // The card is issued: nothing of the enrollment is needed to check it.
                        self.wipe_personal_data();
                        self.effects.push_back(Effect::WipeSession);
                        self.verification_attempts = 0;
                        self.state = self.request_presentation(VerificationPurpose::NewCard, now);
                    } else {
                        self.finish_with(DoneOutcome::Issued);
                    }
                    self.activity(now);
                }
            }
            Event::PresentationReady { ticket, request } if fresh(&ticket) => {
                if let State::PreparingVerification { purpose, .. } = self.state {
                    match QrMatrix::encode(&request.url) {
                        Some(qr) => {
                            self.state = State::VerifyCard {
                                purpose,
                                request,
                                qr,
                                status: PresentationStatus::Waiting,
                            };
                        }
                        None => {
                            tracing::warn!("the presentation URL does not fit in a QR code");
                            self.effects.push_back(Effect::CancelOutstanding);
                            self.verification_finished(
                                purpose,
                                Err(VerificationFailure::ServiceUnavailable),
                            );
                        }
                    }
                    self.activity(now);
                }
            }
            Event::PresentationRefused { ticket, failure } if fresh(&ticket) => {
                if let State::PreparingVerification { purpose, .. } = self.state {
                    self.verification_finished(purpose, Err(failure));
                    self.activity(now);
                }
            }
            Event::Presentation { ticket, event } if fresh(&ticket) => {
                let State::VerifyCard {
                    purpose, status, ..
                } = &mut self.state
                else {
                    return;
                };
                let purpose = *purpose;
                match event {
                    PresentationEvent::Retrieved => *status = PresentationStatus::Retrieved,
                    PresentationEvent::Verified(card) => {
                        self.verification_finished(purpose, Ok(card))
                    }
                    PresentationEvent::Failed(failure) => {
                        self.verification_finished(purpose, Err(failure))
                    }
                }
                self.activity(now);
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

    pub(super) fn activity(&mut self, now: Instant) {
        self.last_activity = now;
        self.warning_since = None;
    }

    pub(super) fn next_ticket(&mut self) -> Ticket {
        self.ticket = Ticket(self.ticket.0.wrapping_add(1));
        self.ticket
    }

    /// Whether the names typed at intake (if any) are the names proofing read from the document.
    fn names_on_document(&self, approval: &ProofingApproval) -> bool {
        let Some(intake) = self.intake() else {
            return true;
        };
        let given: Vec<&str> = approval.given_name.as_deref().into_iter().collect();
        crate::names::typed_names_match(
            &intake.given_name,
            &intake.family_name,
            &given,
            approval.family_name.as_deref().unwrap_or_default(),
        )
    }

    pub(super) fn intake(&self) -> Option<&ValidIntake> {
        self.intake.as_ref()
    }

    pub(super) fn first_step(&self) -> CaptureStep {
        CaptureStep::DocumentFront
    }

    pub(super) fn step_after(&self, step: CaptureStep) -> Option<CaptureStep> {
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

    pub(super) fn steps(&self) -> Vec<CaptureStep> {
        let mut steps = vec![self.first_step()];
        while let Some(next) = steps.last().and_then(|step| self.step_after(*step)) {
            steps.push(next);
        }
        steps
    }

    pub(super) fn progress(&self, step: CaptureStep) -> StepProgress {
        let steps = self.steps();
        let index = steps.iter().position(|s| *s == step).unwrap_or(0);
        StepProgress {
            current: index as u32 + 1,
            total: steps.len() as u32,
        }
    }

    /// After a valid intake, or on Try again: the first capture, or a fresh phone session.
    pub(super) fn begin_capture(&mut self, now: Instant) -> State {
        self.operator_attested = false;
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
                    status: Phrase::new("phone-preparing-code"),
                }
            }
        }
    }

    pub(super) fn start_camera(&mut self, step: CaptureStep) -> State {
        let ticket = self.next_ticket();
        let document = self
            .intake()
            .map_or(DocumentType::DriversLicense, |intake| intake.document_type);
        self.effects.push_back(Effect::StartCamera {
            ticket,
            step,
            document,
        });
        State::Capturing {
            step,
            capturing: false,
            camera_problem: false,
            guidance: None,
        }
    }

    pub(super) fn submit_proofing(&mut self, now: Instant) -> State {
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

    pub(super) fn proofing_finished(&mut self, failure: ProofingFailure) {
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

    pub(super) fn request_offer_state(&mut self, now: Instant) -> State {
        self.request_offer(now);
        std::mem::replace(&mut self.state, State::Welcome)
    }

    /// Asks for a (fresh) credential offer from the approved result.
    /// Whether `ticket` is the offer a fresh QR replaced, still within its grace.
    pub(super) fn is_replaced_offer(&self, ticket: Ticket, now: Instant) -> bool {
        self.replaced_offer
            .is_some_and(|(replaced, until)| replaced == ticket && now < until)
    }

    pub(super) fn request_offer(&mut self, now: Instant) {
        let (Some(intake), Some(approval)) = (self.intake.as_ref(), self.approval.as_ref()) else {
            self.reset(None);
            return;
        };
        let claims = issuance_claims(
            intake,
            self.settings.journey,
            approval,
            self.settings.photo_claim.as_deref(),
        );
        let ticket = self.next_ticket();
        self.offers_made += 1;
        self.effects
            .push_back(Effect::CreateOffer { ticket, claims });
        self.state = State::Issuing {
            since: now,
            failed: false,
        };
    }

    /// Asks for a (fresh) presentation request; the state to show meanwhile.
    pub(super) fn request_presentation(
        &mut self,
        purpose: VerificationPurpose,
        now: Instant,
    ) -> State {
        if !matches!(self.state, State::VerifyCard { .. }) {
            // A first code, not a fresh one for an expired code.
            self.presentations_made = 0;
            self.verification_attempts += 1;
        }
        self.presentations_made += 1;
        let ticket = self.next_ticket();
        let face_check = match purpose {
            VerificationPurpose::Verify => true,
            VerificationPurpose::NewCard => self.new_card_has_photo,
        };
        self.effects.push_back(Effect::RequestPresentation {
            ticket,
            purpose,
            face_check,
        });
        State::PreparingVerification {
            purpose,
            since: now,
        }
    }

    /// A presentation ended: counted (without personal data) and shown.
    pub(super) fn verification_finished(
        &mut self,
        purpose: VerificationPurpose,
        outcome: Result<VerifiedCard, VerificationFailure>,
    ) {
        let counted = match &outcome {
            Ok(_) => AuditEvent::Verified,
            Err(failure) => AuditEvent::VerificationFailed(failure.code()),
        };
        self.effects.push_back(Effect::Audit(counted));
        // Nothing that arrives for this request any more is wanted.
        self.next_ticket();
        self.state = State::VerificationResult { purpose, outcome };
    }

    pub(super) fn verification_can_retry(&self, failure: &VerificationFailure) -> bool {
        failure.retryable() && self.verification_attempts < MAX_VERIFICATION_ATTEMPTS
    }

    pub(super) fn finish_with(&mut self, outcome: DoneOutcome) {
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

    pub(super) fn wipe_captures(&mut self) {
        // Each image zeroizes itself when dropped.
        self.captures.clear();
    }

    pub(super) fn wipe_personal_data(&mut self) {
        self.wipe_captures();
        self.intake = None;
        self.approval = None;
        self.operator_attested = false;
    }

    /// Back to Welcome from anywhere, leaving nothing of the enrollment behind. `abandoned`
    /// says why an unfinished enrollment ended, for the audit trail.
    pub(super) fn reset(&mut self, abandoned: Option<FailureReason>) {
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
                // Verify mode is not an enrollment; the new-card check follows an issued one.
                | State::PreparingVerification { .. }
                | State::VerifyCard { .. }
                | State::VerificationResult { .. }
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
        self.language = self.settings.language;
        self.proofing_attempts = 0;
        self.offers_made = 0;
        self.presentations_made = 0;
        self.verification_attempts = 0;
        self.new_card_has_photo = false;
        self.replaced_offer = None;
        self.warning_since = None;
        self.countdown_tick = None;
        self.effects.push_back(Effect::WipeSession);
    }
}
