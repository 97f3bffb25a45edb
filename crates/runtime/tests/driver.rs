//! The async driver performs the session's effects through the ports and shows each view.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use enrollment::claims::{Claims, ProofingApproval};
use enrollment::domain::ProofingFailure;
use enrollment::domain::{CredentialOffer, ProofingSubmission};
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::ports::{
    Camera, CameraError, HandoffProgress, Issuing, IssuingError, Proofing, Verifying, WalletEvent,
};
use enrollment::verification::{
    PresentationEvent, PresentationQr, RevocationCheck, VerificationFailure, VerificationPurpose,
    VerifiedCard,
};
use enrollment::{
    CaptureMethod, DocumentType, IntakeForm, Intent, Journey, Session, SessionSettings, View,
};
use enrollment_runtime::driver::{self, Ports, ViewSink};
use tokio::sync::mpsc;
use zeroize::Zeroizing;

struct InstantCamera;

#[async_trait]
impl Camera for InstantCamera {
    async fn start(&self, _step: CaptureStep, _document: DocumentType) -> Result<(), CameraError> {
        Ok(())
    }
    async fn next_still(&self, step: CaptureStep) -> Result<CapturedImage, CameraError> {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok(CapturedImage {
            step,
            jpeg: Zeroizing::new(vec![0xFF, 0xD8, 0xFF, 0xD9]),
            width: 1,
            height: 1,
        })
    }
    fn capture_now(&self) {}
    fn stop(&self) {}
}

/// Approves after a while; records whether a verification was abandoned mid-way.
struct SlowProofing {
    delay: Duration,
    abandoned: Arc<AtomicBool>,
}

struct AbandonFlag(Arc<AtomicBool>, bool);

impl Drop for AbandonFlag {
    fn drop(&mut self) {
        if !self.1 {
            self.0.store(true, Ordering::SeqCst);
        }
    }
}

fn approval() -> ProofingApproval {
    ProofingApproval {
        given_name: None,
        family_name: None,
        document_country: None,
        proofing_reference: "ref".into(),
        verified_at: "2026-11-26T10:00:00Z".into(),
        document_checks_passed: true,
        liveness_passed: true,
        face_match_passed: true,
        evidence: enrollment::claims::EvidenceValidation::NotValidated,
        photo: None,
    }
}

#[async_trait]
impl Proofing for SlowProofing {
    async fn verify(
        &self,
        _submission: ProofingSubmission,
    ) -> Result<ProofingApproval, ProofingFailure> {
        let mut flag = AbandonFlag(self.abandoned.clone(), false);
        tokio::time::sleep(self.delay).await;
        flag.1 = true;
        Ok(approval())
    }

    async fn phone_handoff(
        &self,
        _document_type: DocumentType,
        _journey: Journey,
        progress: mpsc::Sender<HandoffProgress>,
    ) -> Result<ProofingApproval, ProofingFailure> {
        let _ = progress
            .send(HandoffProgress::Ready {
                url: "https://idv.example/s/1".into(),
            })
            .await;
        tokio::time::sleep(self.delay).await;
        Ok(approval())
    }
}

struct ScanningWallet;

#[async_trait]
impl Issuing for ScanningWallet {
    async fn create_offer(
        &self,
        claims: Claims,
        wallet: mpsc::Sender<WalletEvent>,
    ) -> Result<CredentialOffer, IssuingError> {
        assert_eq!(claims.get("email"), Some("ada@example.com"));
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let _ = wallet.send(WalletEvent::Scanned).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
            let _ = wallet.send(WalletEvent::Added).await;
        });
        Ok(CredentialOffer {
            url: "openid-vc://?request_uri=https://example/1".into(),
            pin: None,
            expires_at: std::time::Instant::now() + Duration::from_secs(300),
        })
    }
}

/// Authenticator scans the code after a second and presents a card a second later.
struct PresentingWallet;

#[async_trait]
impl Verifying for PresentingWallet {
    async fn request_presentation(
        &self,
        purpose: VerificationPurpose,
        face_check: bool,
        events: mpsc::Sender<PresentationEvent>,
    ) -> Result<PresentationQr, VerificationFailure> {
        assert_eq!(purpose, VerificationPurpose::Verify);
        assert!(
            face_check,
            "verify mode asks for Face Check where configured"
        );
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let _ = events.send(PresentationEvent::Retrieved).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
            let card = VerifiedCard {
                claims: Vec::new(),
                issuer: "did:web:kiosk.example".into(),
                credential_type: "VerifiedEnrollment".into(),
                face_check: None,
                revocation: RevocationCheck::Valid,
            };
            let _ = events.send(PresentationEvent::Verified(card)).await;
        });
        Ok(PresentationQr {
            url: "openid-vc://?request_uri=https://example/p".into(),
            expires_at: std::time::Instant::now() + Duration::from_secs(300),
        })
    }
}

#[derive(Clone, Default)]
struct Screens {
    names: Arc<Mutex<Vec<String>>>,
    wipes: Arc<Mutex<u32>>,
    /// What the driver handed to the audit trail.
    audit: Arc<CountingAudit>,
}

impl ViewSink for Screens {
    fn show(&mut self, view: &View) {
        let name = view.screen.name().to_string();
        let mut names = self.names.lock().unwrap();
        if names.last() != Some(&name) {
            names.push(name);
        }
    }
    fn wipe(&mut self) {
        *self.wipes.lock().unwrap() += 1;
    }
}

impl Screens {
    fn last(&self) -> String {
        self.names
            .lock()
            .unwrap()
            .last()
            .cloned()
            .unwrap_or_default()
    }

    async fn wait_for(&self, name: &str) {
        for _ in 0..10_000 {
            if self.last() == name {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("never reached {name}; saw {:?}", self.names.lock().unwrap());
    }
}

fn start(
    proofing_delay: Duration,
) -> (
    mpsc::Sender<Intent>,
    Screens,
    Arc<AtomicBool>,
    tokio::task::JoinHandle<()>,
) {
    let abandoned = Arc::new(AtomicBool::new(false));
    let screens = Screens::default();
    let ports = Ports {
        camera: Arc::new(InstantCamera),
        proofing: Arc::new(SlowProofing {
            delay: proofing_delay,
            abandoned: abandoned.clone(),
        }),
        issuing: Arc::new(ScanningWallet),
        verifying: Arc::new(PresentingWallet),
        audit: screens.audit.clone(),
    };
    let session = Session::new(SessionSettings::default(), std::time::Instant::now());
    let (tx, rx) = mpsc::channel(8);
    let task = tokio::spawn(driver::run(session, ports, rx, screens.clone()));
    (tx, screens, abandoned, task)
}

fn intake(method: CaptureMethod) -> Intent {
    let mut form = IntakeForm::default();
    form.email = "ada@example.com".into();
    form.document_type = Some(DocumentType::DriversLicense);
    form.capture_method = Some(method);
    form.consent = true;
    Intent::SubmitIntake { form }
}

/// Each capture screen auto-captures; the person accepts every photo; staff attest the
/// document.
async fn photograph_all(intents: &mpsc::Sender<Intent>, screens: &Screens) {
    for step in ["document_front", "document_back", "selfie"] {
        screens.wait_for(step).await;
        screens.wait_for("review").await;
        intents.send(Intent::UsePhoto).await.unwrap();
    }
    screens.wait_for("staff_attestation").await;
    let form = enrollment::attestation::AttestationForm {
        staff_code: "HD-0042".into(),
        security_features_present: true,
        not_altered: true,
        portrait_matches: true,
    };
    intents.send(Intent::Attest { form }).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn performs_a_whole_enrollment_through_the_ports() {
    let (intents, screens, _, task) = start(Duration::from_secs(2));
    intents.send(Intent::Start).await.unwrap();
    screens.wait_for("intake").await;
    intents
        .send(intake(CaptureMethod::KioskCamera))
        .await
        .unwrap();
    photograph_all(&intents, &screens).await;
    screens.wait_for("done").await;
    intents.send(Intent::Finish).await.unwrap();
    screens.wait_for("welcome").await;
    assert_eq!(
        *screens.names.lock().unwrap(),
        [
            "welcome",
            "intake",
            "document_front",
            "review",
            "document_back",
            "review",
            "selfie",
            "review",
            "staff_attestation",
            "verifying",
            "issuing",
            "offer_credential",
            "done",
            "welcome"
        ]
    );
    use enrollment::audit::AuditEvent;
    assert_eq!(
        *screens.audit.0.lock().unwrap(),
        [
            AuditEvent::Started,
            AuditEvent::Attested {
                staff_code: enrollment::attestation::StaffCode::parse("HD-0042").unwrap()
            },
            AuditEvent::Proofed,
            AuditEvent::Issued
        ],
        "every outcome reached the audit trail"
    );
    assert!(*screens.wipes.lock().unwrap() >= 1);
    drop(intents);
    task.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn verifies_a_presented_card_through_the_port() {
    let (intents, screens, _, task) = start(Duration::from_secs(2));
    intents.send(Intent::StartVerify).await.unwrap();
    screens.wait_for("verification_result").await;
    intents.send(Intent::Finish).await.unwrap();
    screens.wait_for("welcome").await;
    assert_eq!(
        *screens.names.lock().unwrap(),
        [
            "welcome",
            "preparing_verification",
            "verify_card",
            "verification_result",
            "welcome"
        ]
    );
    assert_eq!(
        *screens.audit.0.lock().unwrap(),
        [enrollment::audit::AuditEvent::Verified]
    );
    drop(intents);
    task.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn cancel_abandons_the_verification_in_flight() {
    let (intents, screens, abandoned, _task) = start(Duration::from_secs(3600));
    intents.send(Intent::Start).await.unwrap();
    screens.wait_for("intake").await;
    intents
        .send(intake(CaptureMethod::KioskCamera))
        .await
        .unwrap();
    photograph_all(&intents, &screens).await;
    screens.wait_for("verifying").await;
    intents.send(Intent::Cancel).await.unwrap();
    screens.wait_for("welcome").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        abandoned.load(Ordering::SeqCst),
        "the verification future was dropped"
    );
}

#[tokio::test(start_paused = true)]
async fn phone_handoff_progress_reaches_the_view() {
    let (intents, screens, _, _task) = start(Duration::from_secs(5));
    intents.send(Intent::Start).await.unwrap();
    screens.wait_for("intake").await;
    intents.send(intake(CaptureMethod::Phone)).await.unwrap();
    screens.wait_for("phone_handoff").await;
    screens.wait_for("done").await;
    let names = screens.names.lock().unwrap().clone();
    assert_eq!(
        names[2..],
        ["phone_handoff", "issuing", "offer_credential", "done"]
    );
}

/// Keeps counted outcomes in memory.
#[derive(Default)]
struct CountingAudit(std::sync::Mutex<Vec<enrollment::audit::AuditEvent>>);

impl enrollment::ports::AuditTrail for CountingAudit {
    fn record(&self, event: enrollment::audit::AuditEvent) {
        self.0.lock().unwrap().push(event);
    }
}
