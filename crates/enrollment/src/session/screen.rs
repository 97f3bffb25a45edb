//! What a person sees in each state of the session: the [`View`] the UI renders.

use super::*;

impl Session {
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
            verify_available: self.settings.offers_verify(),
            language: self.language,
            staff_language: self.settings.language,
            languages: Language::OFFERED.to_vec(),
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
                            label: document.label(),
                            kiosk_camera_available: refusal.is_none(),
                            // Why, in the employee's words: a phone-only lobby, a document-only
                            // journey, or a document this kiosk does not read.
                            kiosk_camera_note: refusal,
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
                    title: step.label(),
                    instruction: guidance.map_or_else(
                        || capture_instruction(*step),
                        |guidance| messages::camera_guidance(guidance, *step),
                    ),
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
                title: Phrase::new(match image.step {
                    CaptureStep::DocumentFront => "review-front-title",
                    CaptureStep::DocumentBack => "review-back-title",
                    CaptureStep::Selfie => "review-selfie-title",
                }),
                progress: self.progress(image.step),
            },
            State::PhoneHandoff { link, status } => Screen::PhoneHandoff {
                url: link.as_ref().map(|(url, _)| url.clone()),
                qr: link.as_ref().map(|(_, qr)| qr.clone()),
                status: status.clone(),
            },
            State::StaffAttestation { form, problems } => {
                let document = self
                    .intake()
                    .map_or(DocumentType::DriversLicense, |intake| intake.document_type);
                Screen::StaffAttestation {
                    document,
                    document_label: document.label(),
                    form: form.clone(),
                    problems: problems.clone(),
                    when_declined: self.settings.unattested,
                }
            }
            State::Verifying { .. } => Screen::Verifying {
                status: Phrase::new("verifying-status"),
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
                qr: (*status == WalletStatus::Waiting).then(|| qr.clone()),
                url: offer.url.clone(),
                pin: offer
                    .pin
                    .clone()
                    .filter(|_| *status == WalletStatus::Scanned),
                pin_required: offer.pin.is_some(),
                expires_in_seconds: offer.expires_at.saturating_duration_since(now).as_secs()
                    as u32,
                status: *status,
                problem: failure.as_deref().map(messages::wallet_problem),
            },
            State::Done { outcome } => Screen::Done {
                outcome: *outcome,
                explanation: done_explanation(*outcome),
            },
            State::PreparingVerification { purpose, .. } => {
                Screen::PreparingVerification { purpose: *purpose }
            }
            State::VerifyCard {
                purpose,
                request,
                qr,
                status,
            } => Screen::VerifyCard {
                purpose: *purpose,
                url: request.url.clone(),
                qr: (*status == PresentationStatus::Waiting).then(|| qr.clone()),
                expires_in_seconds: request.expires_at.saturating_duration_since(now).as_secs()
                    as u32,
                status: *status,
            },
            State::VerificationResult { purpose, outcome } => match outcome {
                Ok(card) => Screen::VerificationResult {
                    purpose: *purpose,
                    card: Some(card.clone()),
                    failure: None,
                    explanation: None,
                    can_retry: false,
                },
                Err(failure) => Screen::VerificationResult {
                    purpose: *purpose,
                    card: None,
                    failure: Some(failure.clone()),
                    explanation: Some(failure.explanation(*purpose)),
                    can_retry: self.verification_can_retry(failure),
                },
            },
        }
    }
}

fn capture_instruction(step: CaptureStep) -> Phrase {
    Phrase::new(match step {
        CaptureStep::DocumentFront => "capture-front-instruction",
        CaptureStep::DocumentBack => "capture-back-instruction",
        CaptureStep::Selfie => "capture-selfie-instruction",
    })
}

fn done_explanation(outcome: DoneOutcome) -> messages::Explanation {
    let (message, next_step) = match outcome {
        DoneOutcome::Issued => ("done-issued", "done-issued-next"),
        DoneOutcome::NotVerified => ("done-not-verified", "next-ask-staff"),
        DoneOutcome::OfferExpired => ("done-offer-expired", "done-offer-expired-next"),
        DoneOutcome::DocumentNotAttested => ("done-not-attested", "done-not-attested-next"),
    };
    messages::Explanation {
        message: Phrase::new(message),
        next_step: Phrase::new(next_step),
    }
}
