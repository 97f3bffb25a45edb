//! Demo-mode placeholders behind the session's ports, used until the camera, 1Kosmos and
//! Entra issues bring real adapters and faithful stand-ins. Nothing here runs outside demo
//! mode; each later issue deletes its placeholder.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use enrollment::claims::{Claims, ProofingApproval};
use enrollment::messages::ProofingFailure;
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::ports::{
    Camera, CameraError, HandoffProgress, Issuing, IssuingError, Proofing, WalletEvent,
};
use enrollment::session::{CredentialOffer, ProofingSubmission};
use enrollment::{DocumentType, Journey};
use tokio::sync::{mpsc, Notify};
use zeroize::Zeroizing;

/// Placeholder camera: "captures" a still after a short steady moment, or at once when staff
/// press the button. It produces no picture; the camera issue replaces it with real sources.
#[derive(Default)]
pub struct DemoCamera {
    capture_now: Notify,
    active: Mutex<Option<CaptureStep>>,
}

const AUTO_CAPTURE_AFTER: Duration = Duration::from_millis(1500);

#[async_trait]
impl Camera for DemoCamera {
    async fn start(&self, step: CaptureStep) -> Result<(), CameraError> {
        *self
            .active
            .lock()
            .map_err(|_| CameraError::Stopped("poisoned".into()))? = Some(step);
        Ok(())
    }

    async fn next_still(&self, step: CaptureStep) -> Result<CapturedImage, CameraError> {
        tokio::select! {
            () = tokio::time::sleep(AUTO_CAPTURE_AFTER) => {}
            () = self.capture_now.notified() => {}
        }
        let active = *self
            .active
            .lock()
            .map_err(|_| CameraError::Stopped("poisoned".into()))?;
        if active != Some(step) {
            return Err(CameraError::Stopped("the camera was stopped".into()));
        }
        Ok(CapturedImage {
            step,
            // The two JPEG markers alone: a stand-in, not a picture.
            jpeg: Zeroizing::new(vec![0xFF, 0xD8, 0xFF, 0xD9]),
            width: 0,
            height: 0,
        })
    }

    fn capture_now(&self) {
        self.capture_now.notify_one();
    }

    fn stop(&self) {
        if let Ok(mut active) = self.active.lock() {
            *active = None;
        }
    }
}

/// Placeholder proofing: approves after a pause, except that the first verification after
/// start is declined with a chosen reason code so the demo shows the retry path.
pub struct DemoProofing {
    decline_first: Option<String>,
    declined_once: AtomicBool,
    references: AtomicU64,
}

impl DemoProofing {
    pub fn new(decline_first: Option<String>) -> Self {
        Self {
            decline_first,
            declined_once: AtomicBool::new(false),
            references: AtomicU64::new(1),
        }
    }

    fn approval(&self, journey: Journey) -> ProofingApproval {
        let selfie = journey.needs_selfie();
        ProofingApproval {
            given_name: None,
            family_name: None,
            document_country: Some("USA".into()),
            proofing_reference: format!(
                "demo-session-{}",
                self.references.fetch_add(1, Ordering::Relaxed)
            ),
            verified_at: now_rfc3339(),
            document_checks_passed: true,
            liveness_passed: selfie,
            face_match_passed: selfie,
        }
    }
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[async_trait]
impl Proofing for DemoProofing {
    async fn verify(
        &self,
        submission: ProofingSubmission,
    ) -> Result<ProofingApproval, ProofingFailure> {
        tokio::time::sleep(Duration::from_secs(2)).await;
        if let Some(code) = &self.decline_first {
            if !self.declined_once.swap(true, Ordering::SeqCst) {
                return Err(ProofingFailure::Declined {
                    reason_code: code.clone(),
                });
            }
        }
        Ok(self.approval(submission.journey))
    }

    async fn phone_handoff(
        &self,
        _document_type: DocumentType,
        journey: Journey,
        progress: mpsc::Sender<HandoffProgress>,
    ) -> Result<ProofingApproval, ProofingFailure> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let id = self.references.load(Ordering::Relaxed);
        let url = format!("https://demo.invalid/hosted-capture/session-{id}");
        let _ = progress.send(HandoffProgress::Ready { url }).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let _ = progress
            .send(HandoffProgress::Status(
                "Photos received from your phone. Checking them now…".into(),
            ))
            .await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
        Ok(self.approval(journey))
    }
}

/// Placeholder issuer: offers a credential URL and plays a wallet that scans, then adds it.
pub struct DemoIssuing;

static OFFERS: AtomicU64 = AtomicU64::new(1);

#[async_trait]
impl Issuing for DemoIssuing {
    async fn create_offer(
        &self,
        _claims: Claims,
        wallet: mpsc::Sender<WalletEvent>,
    ) -> Result<CredentialOffer, IssuingError> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let n = OFFERS.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(3)).await;
            if wallet.send(WalletEvent::Scanned).await.is_ok() {
                tokio::time::sleep(Duration::from_secs(2)).await;
                let _ = wallet.send(WalletEvent::Added).await;
            }
        });
        Ok(CredentialOffer {
            url: format!("openid-vc://?request_uri=https://demo.invalid/v1.0/verifiablecredentials/request/demo-{n}"),
            pin: None,
            expires_at: std::time::Instant::now() + Duration::from_secs(300),
        })
    }
}
