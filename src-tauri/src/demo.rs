//! Demo mode: the services the kiosk would reach, started in process on loopback.
//!
//! Issuance is real: the Entra Verified ID client talks HTTP to the Entra stand-in from
//! `crates/sandbox`, whose callbacks reach our callback receiver; a simulated wallet scans and
//! accepts each offer (or, with `--demo-wallet manual`, waits for a test to drive it through
//! the stand-in's control API). The camera and proofing are still placeholders until the
//! Camera and 1Kosmos issues bring real adapters; nothing here runs outside demo mode.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use enrollment::adapters::entra::EntraIssuing;
use enrollment::claims::ProofingApproval;
use enrollment::messages::ProofingFailure;
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::ports::{Camera, CameraError, HandoffProgress, Proofing};
use enrollment::session::ProofingSubmission;
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

/// How the demo's wallet behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoWallet {
    /// Scans each offer after a few seconds, then adds the credential.
    Auto,
    /// Does nothing by itself: the stand-in's control API drives it (end-to-end tests).
    Manual,
}

pub struct DemoOptions {
    /// Loopback port of the Entra stand-in (0: any free port).
    pub sandbox_port: u16,
    pub wallet: DemoWallet,
    /// How long each credential offer lives (Entra: 5 minutes).
    pub request_lifetime: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the Entra stand-in could not start: {0}")]
    Sandbox(#[from] sandbox::SandboxError),
    #[error("the callback receiver could not start: {0}")]
    Receiver(#[from] verified_id::callback::ReceiverError),
    #[error("the Verified ID client could not be set up: {0}")]
    Client(String),
}

/// The stand-ins and clients demo mode runs; dropping it stops them.
pub struct DemoServices {
    pub issuing: Arc<EntraIssuing>,
    _entra: Arc<sandbox::RunningEntraSandbox>,
    _receiver: Arc<verified_id::callback::CallbackReceiver>,
}

impl DemoServices {
    pub async fn start(options: DemoOptions) -> Result<Self, DemoError> {
        let mut config = sandbox::EntraSandboxConfig::demo();
        config.allow_loopback_callbacks = true;
        config.request_lifetime = options.request_lifetime;
        let entra = Arc::new(
            sandbox::EntraSandbox::start_on(
                config.clone(),
                SocketAddr::from(([127, 0, 0, 1], options.sandbox_port)),
            )
            .await?,
        );
        tracing::info!(control = %entra.base_url(), "demo: Entra stand-in listening");
        let receiver = Arc::new(
            verified_id::callback::CallbackReceiver::bind(
                SocketAddr::from(([127, 0, 0, 1], 0)),
                None,
            )
            .await?,
        );
        let mut issuer = verified_id::IssuerConfig::new(
            config.tenant_id.clone(),
            config.client_id.clone(),
            secrecy::SecretString::from(config.client_secret.clone()),
            config.issuer_did.clone(),
            entra.manifest_url(),
            config.credential_type.clone(),
        );
        issuer.authority_host = entra.authority_host();
        issuer.request_service = entra.request_service();
        let http = verified_id::http_client().map_err(|e| DemoError::Client(e.to_string()))?;
        let client = verified_id::VerifiedIdClient::new(issuer, http)
            .map_err(|e| DemoError::Client(e.to_string()))?;
        let issuing = Arc::new(EntraIssuing::new(Arc::new(client), receiver.clone()));
        if options.wallet == DemoWallet::Auto {
            tokio::spawn(simulate_wallet(Arc::downgrade(&entra)));
        }
        Ok(Self {
            issuing,
            _entra: entra,
            _receiver: receiver,
        })
    }
}

/// A wallet that scans each new offer after a few seconds and accepts it two seconds later.
async fn simulate_wallet(entra: std::sync::Weak<sandbox::RunningEntraSandbox>) {
    let mut seen = HashSet::new();
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let Some(sandbox) = entra.upgrade() else {
            return;
        };
        for request in sandbox.requests() {
            if request.status != sandbox::RequestStatus::Created
                || !seen.insert(request.request_id.clone())
            {
                continue;
            }
            let entra = entra.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(3)).await;
                let Some(sandbox) = entra.upgrade() else {
                    return;
                };
                if sandbox.scan(&request.request_id).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_secs(2)).await;
                let _ = sandbox.complete(&request.request_id, None).await;
            });
        }
    }
}
