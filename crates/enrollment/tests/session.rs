//! The enrollment session, driven event by event with a fake clock.

use std::time::{Duration, Instant};

use enrollment::attestation::AttestationForm;
use enrollment::audit::AuditEvent;
use enrollment::claims::{EvidenceValidation, ProofingApproval};
use enrollment::domain::{CameraGuidance, CredentialOffer, ProofingFailure};
use enrollment::language::Language;
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::session::{
    Effect, Event, Session, Ticket, MAX_VERIFICATION_ATTEMPTS, REPLACED_OFFER_GRACE,
    SERVICE_TIMEOUT,
};
use enrollment::settings::{KioskMode, UnattestedDocument};
use enrollment::verification::{
    FaceCheckOutcome, PresentationEvent, PresentationQr, RevocationCheck, ShownClaim,
    VerificationFailure, VerificationPurpose, VerifiedCard,
};
use enrollment::view::{DoneOutcome, PresentationStatus, Screen, WalletStatus};
use enrollment::{CaptureMethod, DocumentType, IntakeForm, Intent, Journey, SessionSettings};
use zeroize::Zeroizing;

struct Desk {
    session: Session,
    now: Instant,
    effects: Vec<Effect>,
    /// Audit effects, kept apart so that the other tests can match effects exactly.
    audits: Vec<AuditEvent>,
    ticket: Ticket,
}

impl Desk {
    fn new(settings: SessionSettings) -> Self {
        let now = Instant::now();
        Self {
            session: Session::new(settings, now),
            now,
            effects: Vec::new(),
            audits: Vec::new(),
            ticket: Ticket::default(),
        }
    }

    fn drain(&mut self) {
        while let Some(effect) = self.session.poll_effect() {
            match &effect {
                Effect::StartCamera { ticket, .. }
                | Effect::CaptureStill { ticket, .. }
                | Effect::StartPhoneHandoff { ticket, .. }
                | Effect::SubmitProofing { ticket, .. }
                | Effect::CreateOffer { ticket, .. }
                | Effect::RequestPresentation { ticket, .. } => self.ticket = *ticket,
                _ => {}
            }
            match effect {
                Effect::Audit(event) => self.audits.push(event),
                effect => self.effects.push(effect),
            }
        }
    }

    fn intent(&mut self, intent: Intent) -> &mut Self {
        self.session.handle(Event::Intent(intent), self.now);
        self.drain();
        self
    }

    fn event(&mut self, event: impl FnOnce(Ticket) -> Event) -> &mut Self {
        let event = event(self.ticket);
        self.session.handle(event, self.now);
        self.drain();
        self
    }

    fn wait(&mut self, duration: Duration) -> &mut Self {
        let until = self.now + duration;
        // Step through every deadline on the way, as the driver would.
        while let Some(deadline) = self.session.next_deadline() {
            if deadline > until {
                break;
            }
            self.now = deadline.max(self.now);
            self.session.handle_timeout(self.now);
            self.drain();
        }
        self.now = until;
        self.session.handle_timeout(self.now);
        self.drain();
        self
    }

    fn screen(&self) -> Screen {
        self.session.view(self.now).screen
    }

    fn name(&self) -> &'static str {
        self.screen().name()
    }

    fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    fn capture(&mut self, step: CaptureStep) -> &mut Self {
        self.event(|ticket| Event::Captured {
            ticket,
            image: image(step),
        })
    }

    fn approve(&mut self) -> &mut Self {
        self.event(|ticket| Event::ProofingApproved {
            ticket,
            approval: approval(),
        })
    }

    fn decline(&mut self, code: &str) -> &mut Self {
        let failure = ProofingFailure::Declined {
            reason_code: code.into(),
        };
        self.event(|ticket| Event::ProofingFailed { ticket, failure })
    }

    fn offer(&mut self, url: &str) -> &mut Self {
        let offer = CredentialOffer {
            url: url.into(),
            pin: Some("1234".into()),
            expires_at: self.now + Duration::from_secs(300),
        };
        self.event(|ticket| Event::OfferReady { ticket, offer })
    }
}

const EMAIL: &str = "ada.lovelace@example.com";
const GIVEN: &str = "Augusta";
const FAMILY: &str = "Lovelace";

fn form(document: DocumentType, method: CaptureMethod) -> IntakeForm {
    IntakeForm {
        email: EMAIL.into(),
        given_name: GIVEN.into(),
        family_name: FAMILY.into(),
        document_type: Some(document),
        capture_method: Some(method),
        consent: true,
    }
}

fn image(step: CaptureStep) -> CapturedImage {
    CapturedImage {
        step,
        jpeg: Zeroizing::new(vec![0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9]),
        width: 1280,
        height: 720,
    }
}

fn approval() -> ProofingApproval {
    ProofingApproval {
        given_name: Some(GIVEN.into()),
        family_name: Some(FAMILY.into()),
        document_country: Some("USA".into()),
        proofing_reference: "ref-1".into(),
        verified_at: "2026-11-26T10:00:00Z".into(),
        document_checks_passed: true,
        liveness_passed: true,
        face_match_passed: true,
        // What the kiosk-camera adapter can say: it read the document, nothing showed it genuine.
        evidence: EvidenceValidation::NotValidated,
        photo: None,
    }
}

/// Welcome → intake → the kiosk camera's first step.
fn at_first_capture(settings: SessionSettings, document: DocumentType) -> Desk {
    let mut desk = Desk::new(settings);
    desk.intent(Intent::Start).intent(Intent::SubmitIntake {
        form: form(document, CaptureMethod::KioskCamera),
    });
    desk
}

fn photograph(desk: &mut Desk, step: CaptureStep) {
    assert_eq!(desk.name(), step_screen(step));
    desk.capture(step);
    assert_eq!(desk.name(), "review");
    desk.intent(Intent::UsePhoto);
}

fn step_screen(step: CaptureStep) -> &'static str {
    match step {
        CaptureStep::DocumentFront => "document_front",
        CaptureStep::DocumentBack => "document_back",
        CaptureStep::Selfie => "selfie",
    }
}

fn personal_strings_in_view(desk: &Desk) -> Vec<&'static str> {
    let json = format!("{:?}", desk.session.view(desk.now));
    [EMAIL, GIVEN, FAMILY]
        .into_iter()
        .filter(|needle| json.contains(needle))
        .collect()
}

#[test]
fn drivers_license_with_selfie_walks_every_kiosk_screen_to_done() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    assert!(matches!(
        desk.take_effects()[..],
        [Effect::StartCamera {
            step: CaptureStep::DocumentFront,
            ..
        }]
    ));

    // Staff press the capture button on the first step; later steps auto-capture.
    desk.intent(Intent::Capture);
    assert!(matches!(
        desk.take_effects()[..],
        [Effect::CaptureStill { .. }]
    ));
    desk.capture(CaptureStep::DocumentFront);
    assert_eq!(desk.name(), "review");
    desk.intent(Intent::UsePhoto);
    photograph(&mut desk, CaptureStep::DocumentBack);
    photograph(&mut desk, CaptureStep::Selfie);

    // At a staffed desk the operator attests the document before anything is sent.
    assert_eq!(desk.name(), "staff_attestation");
    assert!(
        !desk
            .take_effects()
            .iter()
            .any(|effect| matches!(effect, Effect::SubmitProofing { .. })),
        "nothing is sent before the attestation"
    );
    desk.intent(Intent::Attest {
        form: attestation("HD-0042"),
    });
    assert_eq!(desk.name(), "verifying");
    let submission = desk
        .take_effects()
        .into_iter()
        .find_map(|effect| match effect {
            Effect::SubmitProofing { submission, .. } => Some(submission),
            _ => None,
        })
        .expect("proofing submitted");
    let steps: Vec<_> = submission.captures.iter().map(|c| c.step).collect();
    assert_eq!(
        steps,
        [
            CaptureStep::DocumentFront,
            CaptureStep::DocumentBack,
            CaptureStep::Selfie
        ]
    );
    assert_eq!(submission.journey, Journey::KycWithSelfie);

    desk.approve();
    assert_eq!(desk.name(), "issuing");
    let claims = desk
        .take_effects()
        .into_iter()
        .find_map(|effect| match effect {
            Effect::CreateOffer { claims, .. } => Some(claims),
            _ => None,
        })
        .expect("offer requested");
    assert_eq!(claims.get("email"), Some(EMAIL));
    // Every check passed and the operator inspected the document.
    assert_eq!(claims.get("assurance_level"), Some("IAL2"));
    assert_eq!(
        claims.get("evidence_validation"),
        Some("operator_inspection")
    );

    desk.offer("openid-vc://?request_uri=https://example/1");
    match desk.screen() {
        Screen::OfferCredential {
            url,
            pin,
            pin_required,
            status,
            qr,
            expires_in_seconds,
            problem,
        } => {
            assert!(problem.is_none());
            assert_eq!(url, "openid-vc://?request_uri=https://example/1");
            // The PIN is not shown beside a code that could still be photographed and used.
            assert_eq!(pin, None);
            assert!(pin_required);
            assert_eq!(status, WalletStatus::Waiting);
            let qr = qr.expect("the code to scan");
            assert_eq!(qr.modules.len() as u32, qr.width * qr.width);
            assert_eq!(expires_in_seconds, 300);
        }
        other => panic!("expected the offer, got {other:?}"),
    }
    desk.event(|ticket| Event::WalletScanned { ticket });
    match desk.screen() {
        Screen::OfferCredential {
            status: WalletStatus::Scanned,
            qr,
            pin,
            ..
        } => {
            assert!(qr.is_none(), "a retrieved request's code leaves the screen");
            assert_eq!(
                pin.as_deref(),
                Some("1234"),
                "the PIN Authenticator asks for"
            );
        }
        other => panic!("expected the scanned offer, got {other:?}"),
    }
    desk.event(|ticket| Event::WalletAdded { ticket });
    assert!(matches!(
        desk.screen(),
        Screen::Done {
            outcome: DoneOutcome::Issued,
            ..
        }
    ));
    assert!(
        !desk.session.holds_personal_data(),
        "done keeps nothing personal"
    );
    assert!(desk
        .take_effects()
        .iter()
        .any(|effect| matches!(effect, Effect::WipeSession)));
    desk.intent(Intent::Finish);
    assert_eq!(desk.name(), "welcome");
}

#[test]
fn passports_skip_the_back_side_and_document_only_goes_to_the_phone() {
    let settings = SessionSettings {
        kiosk_capture_reads_mrz: true,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::Passport);
    photograph(&mut desk, CaptureStep::DocumentFront);
    assert_eq!(desk.name(), "selfie");

    // 1Kosmos `/verify` always checks a selfie: a document-only journey goes to the phone.
    let settings = SessionSettings {
        journey: Journey::DocumentOnly,
        ..SessionSettings::default()
    };
    let mut desk = Desk::new(settings);
    desk.intent(Intent::Start).intent(Intent::SubmitIntake {
        form: form(DocumentType::DriversLicense, CaptureMethod::KioskCamera),
    });
    match desk.screen() {
        Screen::Intake { errors, .. } => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].message.id, "intake-kiosk-camera-document-only");
        }
        other => panic!("{other:?}"),
    }
    desk.intent(Intent::SubmitIntake {
        form: form(DocumentType::DriversLicense, CaptureMethod::Phone),
    });
    assert!(desk.take_effects().iter().any(|e| matches!(
        e,
        Effect::StartPhoneHandoff {
            journey: Journey::DocumentOnly,
            ..
        }
    )));
}

#[test]
fn capture_progress_counts_the_steps_of_the_journey() {
    let desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    match desk.screen() {
        Screen::DocumentFront(view) => {
            assert_eq!((view.progress.current, view.progress.total), (1, 3));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_intake_stays_on_intake_with_errors_and_starts_nothing() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::Start);
    let mut bad = form(DocumentType::DriversLicense, CaptureMethod::KioskCamera);
    bad.email = "not-an-email".into();
    desk.intent(Intent::SubmitIntake { form: bad });
    match desk.screen() {
        Screen::Intake { errors, form, .. } => {
            assert_eq!(errors.len(), 1);
            assert_eq!(form.email, "not-an-email", "what was typed is kept");
        }
        other => panic!("{other:?}"),
    }
    assert!(desk.take_effects().is_empty());
}

#[test]
fn retake_restarts_the_same_step() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    desk.capture(CaptureStep::DocumentFront);
    desk.take_effects();
    desk.intent(Intent::Retake);
    assert_eq!(desk.name(), "document_front");
    assert!(matches!(
        desk.take_effects()[..],
        [Effect::StartCamera {
            step: CaptureStep::DocumentFront,
            ..
        }]
    ));
}

#[test]
fn a_camera_failure_is_explained_and_can_be_retried() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    desk.event(|ticket| Event::CameraFailed { ticket });
    match desk.screen() {
        Screen::DocumentFront(view) => assert!(view.camera_problem.is_some()),
        other => panic!("{other:?}"),
    }
    desk.take_effects();
    desk.intent(Intent::TryAgain);
    assert!(matches!(
        desk.take_effects()[..],
        [Effect::StartCamera { .. }]
    ));
}

/// Every photo taken and used; at a staffed desk, the operator attests the document.
fn to_verifying(desk: &mut Desk) {
    photograph(desk, CaptureStep::DocumentFront);
    photograph(desk, CaptureStep::DocumentBack);
    photograph(desk, CaptureStep::Selfie);
    if desk.name() == "staff_attestation" {
        desk.intent(Intent::Attest {
            form: attestation("HD-0042"),
        });
    }
    assert_eq!(desk.name(), "verifying");
}

fn attestation(staff_code: &str) -> AttestationForm {
    AttestationForm {
        staff_code: staff_code.into(),
        security_features_present: true,
        not_altered: true,
        portrait_matches: true,
    }
}

#[test]
fn retry_limit_ends_the_enrollment_politely() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    for attempt in 1..=3 {
        to_verifying(&mut desk);
        desk.decline("IDV0010");
        match desk.screen() {
            Screen::ProofingFailed {
                reason_code,
                can_retry,
                attempts_left,
                explanation,
            } => {
                assert_eq!(reason_code.as_deref(), Some("IDV0010"));
                assert_eq!(attempts_left, 3 - attempt);
                assert_eq!(can_retry, attempt < 3);
                if attempt == 3 {
                    assert_eq!(explanation.message.id, "attempts-used-up");
                } else {
                    assert_eq!(explanation.message.id, "name-mismatch");
                }
            }
            other => panic!("{other:?}"),
        }
        desk.intent(Intent::TryAgain);
    }
    assert_eq!(desk.name(), "proofing_failed", "no fourth attempt");
    desk.intent(Intent::Finish);
    assert_eq!(desk.name(), "welcome");
    assert!(!desk.session.holds_personal_data());
}

#[test]
fn an_expired_document_is_final_at_once() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.decline("IDV0011");
    assert!(matches!(
        desk.screen(),
        Screen::ProofingFailed {
            can_retry: false,
            ..
        }
    ));
}

#[test]
fn phone_handoff_shows_the_link_as_a_qr_then_issues() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::Start).intent(Intent::SubmitIntake {
        form: form(DocumentType::Passport, CaptureMethod::Phone),
    });
    assert_eq!(desk.name(), "phone_handoff");
    assert!(matches!(
        desk.take_effects()[..],
        [Effect::StartPhoneHandoff {
            document_type: DocumentType::Passport,
            ..
        }]
    ));
    desk.event(|ticket| Event::PhoneSessionReady {
        ticket,
        url: "https://idv.example/s/1".into(),
    });
    match desk.screen() {
        Screen::PhoneHandoff { url, qr, .. } => {
            assert_eq!(url.as_deref(), Some("https://idv.example/s/1"));
            assert!(qr.is_some());
        }
        other => panic!("{other:?}"),
    }
    desk.approve();
    assert_eq!(desk.name(), "issuing");
}

#[test]
fn results_arriving_after_cancel_are_ignored() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    let stale = desk.ticket;
    desk.take_effects();
    desk.intent(Intent::Cancel);
    let effects = desk.take_effects();
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::CancelOutstanding)));
    assert!(effects.iter().any(|e| matches!(e, Effect::WipeSession)));
    desk.session.handle(
        Event::ProofingApproved {
            ticket: stale,
            approval: approval(),
        },
        desk.now,
    );
    assert_eq!(desk.name(), "welcome");
    assert!(!desk.session.holds_personal_data());
}

#[test]
fn cancel_while_capturing_stops_the_camera_and_forgets_everything() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    photograph(&mut desk, CaptureStep::DocumentFront);
    desk.take_effects();
    desk.intent(Intent::Cancel);
    let effects = desk.take_effects();
    assert!(effects.iter().any(|e| matches!(e, Effect::StopCamera)));
    assert_eq!(desk.name(), "welcome");
    assert!(!desk.session.holds_personal_data());
    desk.intent(Intent::Start);
    match desk.screen() {
        Screen::Intake { form, errors, .. } => {
            assert_eq!(form, IntakeForm::default());
            assert!(errors.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn inactivity_warns_counts_down_then_resets() {
    let settings = SessionSettings {
        idle_warning_after: Duration::from_secs(60),
        idle_reset_after: Duration::from_secs(20),
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    desk.wait(Duration::from_secs(59));
    assert!(desk.session.view(desk.now).inactivity.is_none());
    desk.wait(Duration::from_secs(1));
    let warning = desk
        .session
        .view(desk.now)
        .inactivity
        .expect("warning shown");
    assert_eq!(warning.reset_in_seconds, 20);
    // The countdown is refreshed every second.
    let next = desk.session.next_deadline().expect("a deadline");
    assert!(next <= desk.now + Duration::from_secs(1));
    desk.wait(Duration::from_secs(5));
    assert_eq!(
        desk.session
            .view(desk.now)
            .inactivity
            .unwrap()
            .reset_in_seconds,
        15
    );

    desk.intent(Intent::StillHere);
    assert!(desk.session.view(desk.now).inactivity.is_none());
    assert_eq!(desk.name(), "document_front");

    desk.wait(Duration::from_secs(60 + 20));
    assert_eq!(desk.name(), "welcome");
    assert!(!desk.session.holds_personal_data());
    assert!(
        desk.session.next_deadline().is_none(),
        "welcome waits forever"
    );
}

#[test]
fn verification_that_never_answers_times_out() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.intent(Intent::StillHere);
    desk.wait(SERVICE_TIMEOUT);
    match desk.screen() {
        Screen::ProofingFailed {
            explanation,
            can_retry,
            ..
        } => {
            assert_eq!(explanation.message.id, "proofing-timed-out");
            assert!(can_retry);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unscanned_qr_is_replaced_a_bounded_number_of_times() {
    let settings = SessionSettings {
        idle_warning_after: Duration::from_secs(3600),
        max_offer_reissues: 3,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve();
    for n in 0..=3 {
        desk.offer(&format!("openid-vc://?request_uri=https://example/{n}"));
        assert_eq!(desk.name(), "offer_credential");
        desk.take_effects();
        desk.wait(Duration::from_secs(300));
        if n < 3 {
            assert_eq!(desk.name(), "issuing", "a fresh offer is requested");
            assert!(desk
                .take_effects()
                .iter()
                .any(|e| matches!(e, Effect::CreateOffer { .. })));
        }
    }
    assert!(matches!(
        desk.screen(),
        Screen::Done {
            outcome: DoneOutcome::OfferExpired,
            ..
        }
    ));
}

#[test]
fn a_success_for_the_code_just_replaced_still_completes_the_enrollment() {
    let settings = SessionSettings {
        idle_warning_after: Duration::from_secs(3600),
        ..SessionSettings::default()
    };
    let replaced_then = |late: Duration| {
        let mut desk = at_first_capture(settings.clone(), DocumentType::DriversLicense);
        to_verifying(&mut desk);
        desk.approve()
            .offer("openid-vc://?request_uri=https://example/old");
        let old = desk.ticket;
        desk.wait(Duration::from_secs(300));
        assert_eq!(desk.name(), "issuing", "a fresh offer is requested");
        assert_ne!(desk.ticket, old);
        desk.take_effects();
        desk.wait(late);
        desk.session
            .handle(Event::WalletAdded { ticket: old }, desk.now);
        desk.drain();
        desk
    };
    // Finished in Authenticator seconds after the code changed: the person has the card.
    let mut desk = replaced_then(Duration::from_secs(5));
    assert!(matches!(
        desk.screen(),
        Screen::Done {
            outcome: DoneOutcome::Issued,
            ..
        }
    ));
    assert!(desk
        .take_effects()
        .iter()
        .any(|e| matches!(e, Effect::CancelOutstanding)));
    // Long after, an old request's success is nothing the session still waits for.
    let desk = replaced_then(REPLACED_OFFER_GRACE + Duration::from_secs(1));
    assert_ne!(desk.name(), "done");
}

#[test]
fn the_offer_countdown_ticks_every_second() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve().offer("openid-vc://x");
    desk.wait(Duration::from_secs(3));
    match desk.screen() {
        Screen::OfferCredential {
            expires_in_seconds, ..
        } => assert_eq!(expires_in_seconds, 297),
        other => panic!("{other:?}"),
    }
    assert!(desk.session.next_deadline().unwrap() <= desk.now + Duration::from_secs(1));
}

#[test]
fn a_failed_wallet_can_get_a_fresh_offer() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve().offer("openid-vc://a");
    desk.event(|ticket| Event::WalletFailed {
        ticket,
        reason: "user canceled".into(),
    });
    match desk.screen() {
        Screen::OfferCredential {
            status: WalletStatus::Failed,
            problem: Some(problem),
            ..
        } => assert_eq!(problem.message.id, "wallet-cancelled"),
        other => panic!("{other:?}"),
    }
    desk.take_effects();
    desk.intent(Intent::TryAgain);
    assert_eq!(desk.name(), "issuing");
    assert!(desk
        .take_effects()
        .iter()
        .any(|e| matches!(e, Effect::CreateOffer { .. })));
}

#[test]
fn an_offer_url_too_long_for_a_qr_is_a_failed_offer() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve();
    desk.offer(&format!("openid-vc://?request_uri={}", "x".repeat(8000)));
    match desk.screen() {
        Screen::Issuing { problem } => assert!(problem.is_some()),
        other => panic!("{other:?}"),
    }
    desk.take_effects();
    desk.intent(Intent::TryAgain);
    assert!(desk
        .take_effects()
        .iter()
        .any(|e| matches!(e, Effect::CreateOffer { .. })));
}

#[test]
fn views_never_carry_names_after_reset() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.intent(Intent::Cancel);
    assert!(personal_strings_in_view(&desk).is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Intent(u8, bool),
        Outcome(u8, bool),
        Wait(u16),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (any::<u8>(), any::<bool>()).prop_map(|(k, v)| Step::Intent(k, v)),
            (any::<u8>(), any::<bool>()).prop_map(|(k, fresh)| Step::Outcome(k, fresh)),
            (0u16..400).prop_map(Step::Wait),
        ]
    }

    fn intent(kind: u8, valid: bool) -> Intent {
        match kind % 12 {
            0 => Intent::Start,
            10 => Intent::Attest {
                form: AttestationForm {
                    portrait_matches: valid,
                    ..attestation("HD-7")
                },
            },
            11 => Intent::DeclineAttestation,
            1 | 2 => {
                let document = DocumentType::ALL[kind as usize % 3];
                let method = if kind % 4 == 1 {
                    CaptureMethod::Phone
                } else {
                    CaptureMethod::KioskCamera
                };
                let mut form = form(document, method);
                if !valid {
                    form.email = "no at sign".into();
                }
                Intent::SubmitIntake { form }
            }
            3 => Intent::Capture,
            4 => Intent::Retake,
            5 => Intent::UsePhoto,
            6 => Intent::TryAgain,
            7 => Intent::Finish,
            8 => Intent::Cancel,
            _ => Intent::StillHere,
        }
    }

    fn outcome(kind: u8, ticket: Ticket, now: Instant) -> Event {
        let step = [
            CaptureStep::DocumentFront,
            CaptureStep::DocumentBack,
            CaptureStep::Selfie,
        ][kind as usize % 3];
        match kind % 11 {
            0 => Event::Captured {
                ticket,
                image: image(step),
            },
            1 => Event::CameraFailed { ticket },
            2 => Event::PhoneSessionReady {
                ticket,
                url: "https://idv.example/s".into(),
            },
            3 => Event::PhoneSessionStillWaiting { ticket },
            4 => Event::ProofingApproved {
                ticket,
                approval: approval(),
            },
            5 => Event::ProofingFailed {
                ticket,
                failure: ProofingFailure::Declined {
                    reason_code: format!("IDV{:04}", kind % 16),
                },
            },
            6 => Event::OfferReady {
                ticket,
                offer: CredentialOffer {
                    url: "openid-vc://?request_uri=x".into(),
                    pin: None,
                    expires_at: now + Duration::from_secs(kind as u64),
                },
            },
            7 => Event::OfferFailed { ticket },
            8 => Event::WalletScanned { ticket },
            9 => Event::WalletAdded { ticket },
            _ => Event::WalletFailed {
                ticket,
                reason: "issuance_service_error".into(),
            },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// No sequence panics; Welcome holds nothing personal; Cancel always reaches Welcome
        /// and leaves nothing behind.
        #[test]
        fn any_event_sequence_ends_safely(steps in prop::collection::vec(step(), 0..80)) {
            let settings = SessionSettings {
                idle_warning_after: Duration::from_secs(60),
                idle_reset_after: Duration::from_secs(20),
                ..SessionSettings::default()
            };
            let mut desk = Desk::new(settings);
            for step in steps {
                let was_reset_by = match step {
                    Step::Intent(kind, valid) => {
                        let intent = intent(kind, valid);
                        let cancel = intent == Intent::Cancel;
                        desk.intent(intent);
                        cancel
                    }
                    Step::Outcome(kind, fresh) => {
                        let ticket = if fresh { desk.ticket } else { Ticket(desk.ticket.0.wrapping_sub(1)) };
                        let now = desk.now;
                        desk.event(|_| outcome(kind, ticket, now));
                        false
                    }
                    Step::Wait(secs) => {
                        desk.wait(Duration::from_secs(secs.into()));
                        false
                    }
                };
                let _ = desk.session.view(desk.now);
                if desk.session.is_at_welcome() {
                    prop_assert!(!desk.session.holds_personal_data());
                    prop_assert!(personal_strings_in_view(&desk).is_empty());
                }
                if was_reset_by {
                    prop_assert!(desk.session.is_at_welcome());
                }
                if let Some(deadline) = desk.session.next_deadline() {
                    prop_assert!(deadline + Duration::from_secs(1) >= desk.now, "deadline far in the past");
                }
            }
            desk.intent(Intent::Cancel);
            prop_assert!(desk.session.is_at_welcome());
            prop_assert!(!desk.session.holds_personal_data());
            prop_assert!(personal_strings_in_view(&desk).is_empty());
            prop_assert!(desk.session.poll_effect().is_none());
        }

        /// Inactivity alone always brings any session back to Welcome.
        #[test]
        fn idle_time_always_returns_to_welcome(steps in prop::collection::vec(step(), 0..40)) {
            let mut desk = Desk::new(SessionSettings::default());
            for step in steps {
                match step {
                    Step::Intent(kind, valid) => { desk.intent(intent(kind, valid)); }
                    Step::Outcome(kind, _) => {
                        let now = desk.now;
                        let ticket = desk.ticket;
                        desk.event(|_| outcome(kind, ticket, now));
                    }
                    Step::Wait(secs) => { desk.wait(Duration::from_secs(secs.into())); }
                }
            }
            let limit = SessionSettings::default().idle_warning_after
                + SessionSettings::default().idle_reset_after
                + SERVICE_TIMEOUT * 2 + Duration::from_secs(300 * 4);
            desk.wait(limit);
            prop_assert!(desk.session.is_at_welcome());
            prop_assert!(!desk.session.holds_personal_data());
        }
    }
}

fn instruction(desk: &Desk) -> enrollment::Phrase {
    match desk.screen() {
        Screen::DocumentFront(view) | Screen::DocumentBack(view) | Screen::Selfie(view) => {
            view.instruction
        }
        other => panic!("not a capture screen: {other:?}"),
    }
}

#[test]
fn the_cameras_live_verdict_is_the_instruction_on_screen() {
    use enrollment::messages::camera_guidance;
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    let before = instruction(&desk);
    assert_eq!(before.id, "capture-front-instruction");
    desk.take_effects();
    for guidance in [
        CameraGuidance::HoldStill,
        CameraGuidance::ReduceGlare,
        CameraGuidance::LooksGood,
    ] {
        desk.event(|ticket| Event::CameraGuidance { ticket, guidance });
        assert_eq!(
            instruction(&desk),
            camera_guidance(guidance, CaptureStep::DocumentFront)
        );
        // The session only shows it: no effect, no capture.
        assert!(desk.take_effects().is_empty());
    }
    assert_eq!(instruction(&desk).id, "guidance-looks-good");
    desk.event(|ticket| Event::CameraGuidance {
        ticket,
        guidance: CameraGuidance::MoveCloser,
    });
    assert_eq!(instruction(&desk).id, "guidance-document-closer");
    desk.event(|ticket| Event::CameraGuidance {
        ticket,
        guidance: CameraGuidance::LooksGood,
    });
    // Pressing Capture keeps the verdict on screen while the still is taken.
    desk.intent(Intent::Capture);
    assert_eq!(instruction(&desk).id, "guidance-looks-good");
}

#[test]
fn a_stale_verdict_is_ignored_and_a_retake_starts_without_one() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    let first = desk.ticket;
    desk.capture(CaptureStep::DocumentFront);
    desk.intent(Intent::Retake);
    let fresh = instruction(&desk);
    assert_eq!(fresh.id, "capture-front-instruction");
    // A verdict from the first camera run arrives late: ignored.
    desk.event(|_| Event::CameraGuidance {
        ticket: first,
        guidance: CameraGuidance::ReduceGlare,
    });
    assert_eq!(instruction(&desk), fresh);
    // On a camera problem the explanation wins; verdicts no longer change the screen.
    desk.event(|ticket| Event::CameraFailed { ticket });
    desk.event(|ticket| Event::CameraGuidance {
        ticket,
        guidance: CameraGuidance::HoldStill,
    });
    assert_eq!(instruction(&desk), fresh);
}

#[test]
fn a_verdict_on_another_screen_changes_nothing() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    desk.capture(CaptureStep::DocumentFront);
    let review = desk.screen();
    desk.event(|ticket| Event::CameraGuidance {
        ticket,
        guidance: CameraGuidance::HoldStill,
    });
    assert_eq!(desk.screen(), review);
}

/// The audit codes counted so far, in order.
fn audited(desk: &Desk) -> Vec<String> {
    desk.audits
        .iter()
        .map(|event| match event {
            AuditEvent::Started => "started".to_string(),
            AuditEvent::Attested { staff_code } => format!("attested_by_{}", staff_code.as_str()),
            AuditEvent::AttestationDeclined => "attestation_declined".to_string(),
            AuditEvent::Proofed => "proofed".to_string(),
            AuditEvent::Issued => "issued".to_string(),
            AuditEvent::Failed(reason) => reason.code(),
            AuditEvent::Verified => "verified".to_string(),
            AuditEvent::VerificationFailed(code) => format!("verification_failed_{code}"),
        })
        .collect()
}

#[test]
fn a_successful_enrollment_is_counted_started_proofed_issued() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve()
        .offer("openid-vc://?request_uri=https://example/1")
        .event(|ticket| Event::WalletAdded { ticket })
        .intent(Intent::Finish);
    assert_eq!(desk.name(), "welcome");
    assert_eq!(
        audited(&desk),
        ["started", "attested_by_HD-0042", "proofed", "issued"]
    );
}

#[test]
fn each_declined_attempt_is_counted_by_reason_and_finishing_is_not_a_cancel() {
    let settings = SessionSettings {
        max_proofing_attempts: 2,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.decline("IDV0010").intent(Intent::TryAgain);
    to_verifying(&mut desk);
    desk.decline("IDV0003").intent(Intent::Finish);
    assert_eq!(desk.name(), "welcome");
    assert_eq!(
        audited(&desk),
        [
            "started",
            "attested_by_HD-0042",
            "declined_IDV0010",
            "attested_by_HD-0042",
            "declined_IDV0003"
        ]
    );
}

#[test]
fn cancelling_and_walking_away_are_counted_apart_and_welcome_counts_nothing() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::Cancel);
    assert!(audited(&desk).is_empty(), "nothing to cancel at Welcome");

    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    desk.intent(Intent::Cancel);
    assert_eq!(audited(&desk), ["started", "cancelled"]);

    let settings = SessionSettings {
        idle_warning_after: Duration::from_secs(30),
        idle_reset_after: Duration::from_secs(10),
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    desk.wait(Duration::from_secs(45));
    assert_eq!(desk.name(), "welcome");
    assert_eq!(audited(&desk), ["started", "idle_reset"]);
}

#[test]
fn issuance_problems_are_counted() {
    let settings = SessionSettings {
        idle_warning_after: Duration::from_secs(3600),
        max_offer_reissues: 0,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve()
        .event(|ticket| Event::OfferFailed { ticket })
        .intent(Intent::TryAgain)
        .offer("openid-vc://?request_uri=https://example/2")
        .event(|ticket| Event::WalletFailed {
            ticket,
            reason: "user canceled".into(),
        })
        .intent(Intent::TryAgain)
        .offer("openid-vc://?request_uri=https://example/3");
    desk.wait(Duration::from_secs(300));
    assert_eq!(desk.name(), "done");
    assert_eq!(
        audited(&desk),
        [
            "started",
            "attested_by_HD-0042",
            "proofed",
            "issuance_unavailable",
            "wallet_failed",
            "offer_expired"
        ]
    );
}

#[test]
fn a_failure_then_cancel_is_one_failure_not_two() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.decline("IDV0010").intent(Intent::Cancel);
    assert_eq!(
        audited(&desk),
        ["started", "attested_by_HD-0042", "declined_IDV0010"]
    );

    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve()
        .event(|ticket| Event::OfferFailed { ticket })
        .intent(Intent::Cancel);
    assert_eq!(
        audited(&desk),
        [
            "started",
            "attested_by_HD-0042",
            "proofed",
            "issuance_unavailable"
        ]
    );
}

// ---- Staff attestation: what makes a kiosk-camera enrollment IAL2, and what happens without.

/// Every photo taken and used, up to the attestation screen.
fn to_attestation(desk: &mut Desk) {
    photograph(desk, CaptureStep::DocumentFront);
    photograph(desk, CaptureStep::DocumentBack);
    photograph(desk, CaptureStep::Selfie);
    assert_eq!(desk.name(), "staff_attestation");
}

/// Approves with what an adapter might claim, and returns the claims of the offer requested.
fn approve_with(desk: &mut Desk, evidence: EvidenceValidation) -> enrollment::claims::Claims {
    let mut approval = approval();
    approval.evidence = evidence;
    desk.event(|ticket| Event::ProofingApproved { ticket, approval });
    desk.take_effects()
        .into_iter()
        .find_map(|effect| match effect {
            Effect::CreateOffer { claims, .. } => Some(claims),
            _ => None,
        })
        .expect("an offer is requested")
}

#[test]
fn an_incomplete_attestation_is_refused_and_keeps_what_staff_typed() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_attestation(&mut desk);
    desk.take_effects();
    let mut form = attestation("HD-0042");
    form.not_altered = false;
    desk.intent(Intent::Attest { form: form.clone() });
    match desk.screen() {
        Screen::StaffAttestation {
            form: shown,
            problems,
            document,
            ..
        } => {
            assert_eq!(shown, form);
            assert_eq!(document, DocumentType::DriversLicense);
            assert_eq!(problems.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    form.not_altered = true;
    form.staff_code = "not a code".into();
    desk.intent(Intent::Attest { form });
    assert_eq!(desk.name(), "staff_attestation");
    assert!(desk.take_effects().is_empty(), "nothing is sent");
    assert!(!audited(&desk)
        .iter()
        .any(|code| code.starts_with("attested")));
}

#[test]
fn declining_the_attestation_continues_at_ial1_by_default_whatever_the_adapter_says() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_attestation(&mut desk);
    desk.intent(Intent::DeclineAttestation);
    assert_eq!(desk.name(), "verifying");
    // Even an adapter claiming an inspection cannot make it so: the session saw none.
    let claims = approve_with(&mut desk, EvidenceValidation::OperatorInspection);
    assert_eq!(claims.get("assurance_level"), Some("IAL1"));
    assert_eq!(claims.get("evidence_validation"), Some("none"));
    assert_eq!(
        audited(&desk),
        ["started", "attestation_declined", "proofed"]
    );
}

#[test]
fn declining_the_attestation_ends_politely_when_configured_and_sends_nothing() {
    let settings = SessionSettings {
        unattested: UnattestedDocument::End,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_attestation(&mut desk);
    match desk.screen() {
        Screen::StaffAttestation { when_declined, .. } => {
            assert_eq!(when_declined, UnattestedDocument::End)
        }
        other => panic!("{other:?}"),
    }
    desk.take_effects();
    desk.intent(Intent::DeclineAttestation);
    match desk.screen() {
        Screen::Done { outcome, .. } => assert_eq!(outcome, DoneOutcome::DocumentNotAttested),
        other => panic!("{other:?}"),
    }
    let effects = desk.take_effects();
    assert!(
        !effects
            .iter()
            .any(|effect| matches!(effect, Effect::SubmitProofing { .. })),
        "{effects:?}"
    );
    assert!(effects
        .iter()
        .any(|effect| matches!(effect, Effect::WipeSession)));
    assert!(!desk.session.holds_personal_data());
    assert_eq!(
        audited(&desk),
        ["started", "attestation_declined", "document_not_attested"]
    );
    desk.intent(Intent::Finish);
    assert_eq!(desk.name(), "welcome");
}

#[test]
fn each_attempt_needs_its_own_attestation() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.decline("IDV0001").intent(Intent::TryAgain);
    to_attestation(&mut desk);
    desk.intent(Intent::DeclineAttestation);
    let claims = approve_with(&mut desk, EvidenceValidation::NotValidated);
    assert_eq!(claims.get("assurance_level"), Some("IAL1"));
}

#[test]
fn an_attested_document_with_a_failed_check_is_still_ial1() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    let mut approval = approval();
    // dl_verify was not asked for or did not pass: the document's checks did not pass.
    approval.document_checks_passed = false;
    desk.event(|ticket| Event::ProofingApproved { ticket, approval });
    let claims = desk
        .take_effects()
        .into_iter()
        .find_map(|effect| match effect {
            Effect::CreateOffer { claims, .. } => Some(claims),
            _ => None,
        })
        .expect("an offer is requested");
    assert_eq!(
        claims.get("evidence_validation"),
        Some("operator_inspection")
    );
    assert_eq!(claims.get("assurance_level"), Some("IAL1"));
}

#[test]
fn a_lobby_kiosk_camera_has_no_attestation_and_is_never_ial2() {
    let settings = SessionSettings {
        kiosk_mode: KioskMode::Lobby,
        lobby_kiosk_camera: true,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    photograph(&mut desk, CaptureStep::DocumentFront);
    photograph(&mut desk, CaptureStep::DocumentBack);
    photograph(&mut desk, CaptureStep::Selfie);
    assert_eq!(desk.name(), "verifying");
    let claims = approve_with(&mut desk, EvidenceValidation::OperatorInspection);
    assert_eq!(claims.get("assurance_level"), Some("IAL1"));
    assert_eq!(claims.get("evidence_validation"), Some("none"));
}

#[test]
fn the_phone_path_has_no_attestation_and_takes_the_hosted_sessions_evidence() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::Start).intent(Intent::SubmitIntake {
        form: form(DocumentType::Passport, CaptureMethod::Phone),
    });
    assert_eq!(desk.name(), "phone_handoff");
    let claims = approve_with(
        &mut desk,
        EvidenceValidation::AutomatedDocumentAuthentication,
    );
    assert_eq!(claims.get("assurance_level"), Some("IAL2"));
    assert_eq!(
        claims.get("evidence_validation"),
        Some("automated_document_authentication")
    );
}

#[test]
fn a_typed_name_that_is_not_the_documents_stops_before_any_offer() {
    let mut desk = at_first_capture(SessionSettings::default(), DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.take_effects();
    let mut approval = approval();
    approval.family_name = Some("SOMEONE-ELSE".into());
    desk.event(|ticket| Event::ProofingApproved { ticket, approval });
    match desk.screen() {
        Screen::ProofingFailed {
            can_retry,
            explanation,
            ..
        } => {
            assert!(!can_retry, "retaking photos cannot change a typed name");
            assert_eq!(explanation.message.id, "name-mismatch");
        }
        other => panic!("{other:?}"),
    }
    assert!(!desk
        .take_effects()
        .iter()
        .any(|effect| matches!(effect, Effect::CreateOffer { .. })));
    assert_eq!(
        audited(&desk),
        ["started", "attested_by_HD-0042", "name_mismatch"]
    );
}

#[test]
fn names_left_empty_are_taken_from_the_document() {
    let mut desk = Desk::new(SessionSettings::default());
    let mut untyped = form(DocumentType::DriversLicense, CaptureMethod::KioskCamera);
    untyped.given_name.clear();
    untyped.family_name.clear();
    desk.intent(Intent::Start)
        .intent(Intent::SubmitIntake { form: untyped });
    to_verifying(&mut desk);
    desk.take_effects();
    let claims = approve_with(&mut desk, EvidenceValidation::NotValidated);
    assert_eq!(claims.get("given_name"), Some(GIVEN));
    assert_eq!(claims.get("family_name"), Some(FAMILY));
}

#[test]
fn the_proofed_selfie_goes_on_the_card_when_the_kiosk_sends_photos() {
    let settings = SessionSettings {
        photo_claim: Some("photo".into()),
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.take_effects();
    let mut approval = approval();
    approval.photo = Some("/9j/4AAQSkZJRg".into());
    desk.event(|ticket| Event::ProofingApproved { ticket, approval });
    let claims = desk
        .take_effects()
        .into_iter()
        .find_map(|effect| match effect {
            Effect::CreateOffer { claims, .. } => Some(claims),
            _ => None,
        })
        .expect("an offer is requested");
    assert_eq!(claims.get("photo"), Some("/9j/4AAQSkZJRg"));
    desk.offer("openid-vc://?request_uri=https://example/1")
        .event(|ticket| Event::WalletAdded { ticket });
    assert!(
        !desk.session.holds_personal_data(),
        "the photo is wiped with the rest"
    );
}

// ---- verify mode ------------------------------------------------------------------------------

fn presented_card() -> VerifiedCard {
    VerifiedCard {
        claims: vec![ShownClaim {
            name: "given_name".into(),
            label: "First name".into(),
            value: GIVEN.into(),
        }],
        issuer: "did:web:kiosk.example".into(),
        credential_type: "VerifiedEnrollment".into(),
        face_check: Some(FaceCheckOutcome {
            score: 91.5,
            threshold: 70,
            photo_quality: Some("HIGH".into()),
        }),
        revocation: RevocationCheck::Valid,
    }
}

impl Desk {
    fn presentation_ready(&mut self, url: &str) -> &mut Self {
        let request = PresentationQr {
            url: url.into(),
            expires_at: self.now + Duration::from_secs(300),
        };
        self.event(|ticket| Event::PresentationReady { ticket, request })
    }

    fn presentation(&mut self, event: PresentationEvent) -> &mut Self {
        self.event(|ticket| Event::Presentation { ticket, event })
    }

    fn requested_presentations(&mut self) -> Vec<VerificationPurpose> {
        self.take_effects()
            .into_iter()
            .filter_map(|effect| match effect {
                Effect::RequestPresentation { purpose, .. } => Some(purpose),
                _ => None,
            })
            .collect()
    }
}

#[test]
fn staff_verify_a_card_from_welcome_and_the_result_leaves_with_done() {
    let mut desk = Desk::new(SessionSettings::default());
    assert!(desk.session.view(desk.now).verify_available);
    desk.intent(Intent::StartVerify);
    assert_eq!(desk.name(), "preparing_verification");
    assert_eq!(
        desk.requested_presentations(),
        [VerificationPurpose::Verify]
    );

    desk.presentation_ready("openid-vc://?request_uri=https://example/p1");
    match desk.screen() {
        Screen::VerifyCard {
            purpose,
            url,
            qr,
            expires_in_seconds,
            status,
        } => {
            assert_eq!(purpose, VerificationPurpose::Verify);
            assert_eq!(url, "openid-vc://?request_uri=https://example/p1");
            assert!(qr.is_some());
            assert_eq!(expires_in_seconds, 300);
            assert_eq!(status, PresentationStatus::Waiting);
        }
        other => panic!("expected the verify code, got {other:?}"),
    }
    desk.wait(Duration::from_secs(10));
    assert!(matches!(
        desk.screen(),
        Screen::VerifyCard {
            expires_in_seconds: 290,
            ..
        }
    ));
    desk.presentation(PresentationEvent::Retrieved);
    assert!(matches!(
        desk.screen(),
        Screen::VerifyCard {
            qr: None,
            status: PresentationStatus::Retrieved,
            ..
        }
    ));
    desk.presentation(PresentationEvent::Verified(presented_card()));
    match desk.screen() {
        Screen::VerificationResult {
            card: Some(card),
            failure: None,
            ..
        } => assert_eq!(card.face_check.as_ref().unwrap().score, 91.5),
        other => panic!("expected the verified card, got {other:?}"),
    }
    assert!(
        desk.session.holds_personal_data(),
        "the result shows claims"
    );
    desk.take_effects();
    desk.intent(Intent::Finish);
    assert_eq!(desk.name(), "welcome");
    assert!(!desk.session.holds_personal_data());
    assert!(desk
        .take_effects()
        .iter()
        .any(|e| matches!(e, Effect::WipeSession)));
    assert_eq!(audited(&desk), ["verified"], "not an enrollment");
}

#[test]
fn a_lobby_offers_verify_mode_only_when_configured() {
    let lobby = SessionSettings {
        kiosk_mode: KioskMode::Lobby,
        ..SessionSettings::default()
    };
    let mut desk = Desk::new(lobby.clone());
    assert!(!desk.session.view(desk.now).verify_available);
    desk.intent(Intent::StartVerify);
    assert_eq!(desk.name(), "welcome");
    assert!(desk.requested_presentations().is_empty());

    let mut desk = Desk::new(SessionSettings {
        verify_in_lobby: true,
        ..lobby
    });
    assert!(desk.session.view(desk.now).verify_available);
    desk.intent(Intent::StartVerify);
    assert_eq!(desk.name(), "preparing_verification");
}

#[test]
fn a_failed_presentation_says_why_and_only_retries_what_can_change() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::StartVerify)
        .presentation_ready("openid-vc://p1")
        .presentation(PresentationEvent::Retrieved)
        .presentation(PresentationEvent::Failed(
            VerificationFailure::FaceCheckBelowThreshold {
                score: Some(41.0),
                threshold: Some(70),
            },
        ));
    match desk.screen() {
        Screen::VerificationResult {
            card: None,
            failure: Some(VerificationFailure::FaceCheckBelowThreshold { .. }),
            explanation: Some(explanation),
            can_retry: true,
            ..
        } => assert_eq!(
            explanation.message,
            enrollment::Phrase::new("card-face-check-below-scored")
                .with("score", 41u32)
                .with("threshold", 70u32),
        ),
        other => panic!("expected the Face Check failure, got {other:?}"),
    }
    desk.take_effects();
    desk.intent(Intent::TryAgain);
    assert_eq!(
        desk.requested_presentations(),
        [VerificationPurpose::Verify]
    );
    desk.presentation_ready("openid-vc://p2")
        .presentation(PresentationEvent::Failed(VerificationFailure::Revoked));
    assert!(matches!(
        desk.screen(),
        Screen::VerificationResult {
            failure: Some(VerificationFailure::Revoked),
            can_retry: false,
            ..
        }
    ));
    desk.intent(Intent::TryAgain);
    assert_eq!(
        desk.name(),
        "verification_result",
        "a revoked card stays revoked"
    );
    assert_eq!(
        audited(&desk),
        [
            "verification_failed_face_check_below_threshold",
            "verification_failed_revoked"
        ]
    );
}

#[test]
fn verification_retries_are_bounded() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::StartVerify);
    for attempt in 1..=MAX_VERIFICATION_ATTEMPTS {
        desk.presentation_ready("openid-vc://p")
            .presentation(PresentationEvent::Failed(VerificationFailure::UserDeclined));
        let can_retry = matches!(
            desk.screen(),
            Screen::VerificationResult {
                can_retry: true,
                ..
            }
        );
        assert_eq!(
            can_retry,
            attempt < MAX_VERIFICATION_ATTEMPTS,
            "attempt {attempt}"
        );
        desk.intent(Intent::TryAgain);
    }
    assert_eq!(desk.name(), "verification_result");
}

#[test]
fn an_unscanned_verify_code_is_replaced_then_expires() {
    let settings = SessionSettings::default();
    let reissues = settings.max_offer_reissues;
    let mut desk = Desk::new(settings);
    desk.intent(Intent::StartVerify);
    desk.take_effects();
    for _ in 0..reissues {
        desk.presentation_ready("openid-vc://p");
        // Someone is at the desk: touches keep the inactivity reset away.
        desk.wait(Duration::from_secs(60)).intent(Intent::StillHere);
        desk.wait(Duration::from_secs(60)).intent(Intent::StillHere);
        desk.wait(Duration::from_secs(60)).intent(Intent::StillHere);
        desk.wait(Duration::from_secs(60)).intent(Intent::StillHere);
        desk.wait(Duration::from_secs(61));
        assert_eq!(desk.name(), "preparing_verification", "a fresh code");
        assert_eq!(
            desk.requested_presentations(),
            [VerificationPurpose::Verify]
        );
    }
    desk.presentation_ready("openid-vc://p");
    for _ in 0..4 {
        desk.wait(Duration::from_secs(60)).intent(Intent::StillHere);
    }
    desk.wait(Duration::from_secs(61));
    assert!(matches!(
        desk.screen(),
        Screen::VerificationResult {
            failure: Some(VerificationFailure::RequestExpired),
            can_retry: true,
            ..
        }
    ));
    assert_eq!(audited(&desk), ["verification_failed_request_expired"]);
}

#[test]
fn a_verification_result_disappears_when_nobody_touches_the_kiosk() {
    let settings = SessionSettings::default();
    let idle = settings.idle_warning_after + settings.idle_reset_after;
    let mut desk = Desk::new(settings);
    desk.intent(Intent::StartVerify)
        .presentation_ready("openid-vc://p")
        .presentation(PresentationEvent::Verified(presented_card()));
    let shown = |desk: &Desk| serde_json::to_string(&desk.session.view(desk.now)).unwrap();
    assert!(
        shown(&desk).contains(GIVEN),
        "the result shows the card's claims"
    );
    desk.wait(idle + Duration::from_secs(1));
    assert_eq!(desk.name(), "welcome");
    assert!(!shown(&desk).contains(GIVEN));
    assert!(!desk.session.holds_personal_data());
}

#[test]
fn cancelling_a_verification_is_not_an_abandoned_enrollment() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::StartVerify)
        .presentation_ready("openid-vc://p");
    desk.take_effects();
    desk.intent(Intent::Cancel);
    assert_eq!(desk.name(), "welcome");
    assert!(desk
        .take_effects()
        .iter()
        .any(|e| matches!(e, Effect::CancelOutstanding)));
    assert!(audited(&desk).is_empty(), "{:?}", audited(&desk));
    // Late news about the cancelled request changes nothing.
    let stale = Ticket(desk.ticket.0);
    desk.session.handle(
        Event::Presentation {
            ticket: stale,
            event: PresentationEvent::Verified(presented_card()),
        },
        desk.now,
    );
    assert_eq!(desk.name(), "welcome");
}

#[test]
fn a_refused_presentation_request_shows_why() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::StartVerify)
        .event(|ticket| Event::PresentationRefused {
            ticket,
            failure: VerificationFailure::BillingNotEnabled,
        });
    match desk.screen() {
        Screen::VerificationResult {
            failure: Some(VerificationFailure::BillingNotEnabled),
            explanation: Some(explanation),
            can_retry: false,
            ..
        } => assert_eq!(explanation.message.id, "card-face-check-billing"),
        other => panic!("expected the billing failure, got {other:?}"),
    }
    // A request that never answers ends in a timeout the person can retry.
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::StartVerify).wait(SERVICE_TIMEOUT);
    assert!(matches!(
        desk.screen(),
        Screen::VerificationResult {
            failure: Some(VerificationFailure::TimedOut),
            can_retry: true,
            ..
        }
    ));
}

#[test]
fn the_new_card_is_checked_after_issuance_when_configured() {
    let settings = SessionSettings {
        check_new_card: true,
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_verifying(&mut desk);
    desk.approve()
        .offer("openid-vc://?request_uri=https://example/1");
    desk.take_effects();
    desk.event(|ticket| Event::WalletAdded { ticket });
    assert_eq!(desk.name(), "preparing_verification");
    assert!(
        !desk.session.holds_personal_data(),
        "the enrollment's data goes once the card is issued"
    );
    let asked: Vec<_> = desk
        .take_effects()
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::RequestPresentation {
                purpose,
                face_check,
                ..
            } => Some((purpose, face_check)),
            _ => None,
        })
        .collect();
    assert_eq!(
        asked,
        [(VerificationPurpose::NewCard, false)],
        "a card without a photo cannot be checked with Face Check"
    );
    desk.presentation_ready("openid-vc://p")
        .presentation(PresentationEvent::Verified(presented_card()));
    assert!(matches!(
        desk.screen(),
        Screen::VerificationResult {
            purpose: VerificationPurpose::NewCard,
            card: Some(_),
            ..
        }
    ));
    desk.intent(Intent::Finish);
    assert!(matches!(
        desk.screen(),
        Screen::Done {
            outcome: DoneOutcome::Issued,
            ..
        }
    ));
    assert_eq!(
        audited(&desk),
        [
            "started",
            "attested_by_HD-0042",
            "proofed",
            "issued",
            "verified"
        ]
    );
}

#[test]
fn a_new_card_with_the_selfie_as_its_photo_is_checked_with_face_check() {
    let settings = SessionSettings {
        check_new_card: true,
        photo_claim: Some("photo".into()),
        ..SessionSettings::default()
    };
    let mut desk = at_first_capture(settings, DocumentType::DriversLicense);
    to_verifying(&mut desk);
    let mut with_photo = approval();
    with_photo.photo = Some("base64-jpeg".into());
    desk.event(|ticket| Event::ProofingApproved {
        ticket,
        approval: with_photo,
    })
    .offer("openid-vc://?request_uri=https://example/1");
    desk.take_effects();
    desk.event(|ticket| Event::WalletAdded { ticket });
    assert!(desk.take_effects().iter().any(|effect| matches!(
        effect,
        Effect::RequestPresentation {
            purpose: VerificationPurpose::NewCard,
            face_check: true,
            ..
        }
    )));
}

#[test]
fn the_intake_says_why_the_kiosk_camera_is_not_offered() {
    let notes = |settings: SessionSettings| {
        let mut desk = Desk::new(settings);
        desk.intent(Intent::Start);
        match desk.screen() {
            Screen::Intake {
                document_options, ..
            } => document_options
                .into_iter()
                .map(|option| (option.value, option.kiosk_camera_note))
                .collect::<Vec<_>>(),
            other => panic!("expected the intake, got {other:?}"),
        }
    };
    // A phone-only lobby says so, for every document.
    let lobby = notes(SessionSettings {
        kiosk_mode: KioskMode::Lobby,
        ..SessionSettings::default()
    });
    for (document, note) in lobby {
        let note = note.unwrap_or_else(|| panic!("{document:?} has no note"));
        assert_eq!(note.id, "intake-kiosk-camera-lobby", "{document:?}");
    }
    // A kiosk that does not read the MRZ names the document.
    let staffed = notes(SessionSettings::default());
    assert_eq!(staffed[0], (DocumentType::DriversLicense, None));
    let passport = staffed[1].1.clone().expect("a note for passports");
    assert_eq!(
        passport,
        enrollment::Phrase::new("intake-kiosk-camera-unread").with("document", "passport")
    );
}

fn language(desk: &Desk) -> Language {
    desk.session.view(desk.now).language
}

#[test]
fn the_language_chosen_on_welcome_lasts_until_the_next_welcome() {
    let settings = SessionSettings {
        language: Language::CanadianFrench,
        ..SessionSettings::default()
    };
    let mut desk = Desk::new(settings);
    let view = desk.session.view(desk.now);
    assert_eq!(
        (view.language, view.staff_language),
        (Language::CanadianFrench, Language::CanadianFrench)
    );
    assert_eq!(view.languages, Language::OFFERED.to_vec());

    desk.intent(Intent::ChooseLanguage {
        language: Language::Spanish,
    });
    assert_eq!(desk.name(), "welcome");
    assert_eq!(language(&desk), Language::Spanish);
    desk.intent(Intent::Start);
    assert_eq!(
        language(&desk),
        Language::Spanish,
        "kept through the enrollment"
    );
    let view = desk.session.view(desk.now);
    assert_eq!(
        view.staff_language,
        Language::CanadianFrench,
        "staff keep the kiosk's"
    );
    // Not a choice once the enrollment has started.
    desk.intent(Intent::ChooseLanguage {
        language: Language::English,
    });
    assert_eq!(language(&desk), Language::Spanish);

    desk.intent(Intent::Cancel);
    assert_eq!(desk.name(), "welcome");
    assert_eq!(
        language(&desk),
        Language::CanadianFrench,
        "back to the default"
    );
}

#[test]
fn a_language_chosen_by_someone_who_walked_away_goes_back_to_the_default() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::ChooseLanguage {
        language: Language::Spanish,
    });
    desk.wait(Duration::from_secs(60));
    assert_eq!(
        language(&desk),
        Language::Spanish,
        "still there a minute later"
    );
    desk.wait(SessionSettings::default().idle_warning_after);
    assert_eq!(language(&desk), Language::English);
    assert_eq!(desk.session.next_deadline(), None, "nothing left to time");
    assert!(
        desk.audits.is_empty(),
        "choosing a language is not an enrollment"
    );
}

#[test]
fn the_pseudo_locale_is_only_chosen_by_configuration() {
    let mut desk = Desk::new(SessionSettings::default());
    desk.intent(Intent::ChooseLanguage {
        language: Language::Pseudo,
    });
    assert_eq!(language(&desk), Language::English);

    let mut desk = Desk::new(SessionSettings {
        language: Language::Pseudo,
        ..SessionSettings::default()
    });
    assert_eq!(language(&desk), Language::Pseudo);
    desk.intent(Intent::ChooseLanguage {
        language: Language::Spanish,
    })
    .intent(Intent::ChooseLanguage {
        language: Language::Pseudo,
    });
    assert_eq!(
        language(&desk),
        Language::Pseudo,
        "its own default is allowed back"
    );
}
