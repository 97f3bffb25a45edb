//! Demo mode: the services the kiosk would reach, started in process on loopback.
//!
//! Issuance is real: the Entra Verified ID client talks HTTP to the Entra stand-in from
//! `crates/sandbox`, whose callbacks reach our callback receiver; a simulated wallet scans and
//! accepts each offer (or, with `--demo-wallet manual`, waits for a test to drive it through
//! the stand-in's control API). Proofing is real too: the 1Kosmos client talks to the 1Kosmos
//! stand-in, and a simulated phone completes hosted sessions. The camera is real too
//! ([`camera`]): the synthetic camera films scripted scenes, and its stills are swapped for
//! generated document images that proofing accepts. Nothing here runs outside demo mode.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub mod camera;

use administration::ServiceClients;
use enrollment_runtime::adapters::entra::EntraIssuing;
use enrollment_runtime::adapters::entra_verify::{EntraVerifying, VerifyPolicy};
use enrollment_runtime::adapters::onekosmos::OneKosmosProofing;

use camera::DemoCamera;

/// How the demo's wallet behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoWallet {
    /// Scans each offer after a few seconds, then adds the credential.
    Auto,
    /// Does nothing by itself: the stand-in's control API drives it (end-to-end tests).
    Manual,
}

/// How the demo's phone behaves in the hosted capture (phone hand-off).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoPhone {
    /// Completes each hosted session after a few seconds.
    Auto,
    /// Does nothing by itself: the 1Kosmos stand-in's control API drives it (end-to-end tests).
    Manual,
}

pub struct DemoOptions {
    /// Loopback port of the Entra stand-in (0: any free port).
    pub entra_port: u16,
    /// Loopback port of the 1Kosmos stand-in (0: any free port).
    pub onekosmos_port: u16,
    pub wallet: DemoWallet,
    /// Whether a simulated phone completes hosted capture sessions by itself.
    pub phone: DemoPhone,
    /// The reason code the first kiosk-camera verification is declined with, if any.
    pub decline_first: Option<String>,
    /// How long each credential offer lives (Entra: 5 minutes).
    pub request_lifetime: Duration,
    /// Which camera the capture screens use.
    pub camera: DemoCamera,
    /// Whose name the generated licence carries.
    pub document_holder: camera::DocumentHolder,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the Entra stand-in could not start: {0}")]
    Sandbox(#[from] sandbox::SandboxError),
    #[error("the callback receiver could not start: {0}")]
    Receiver(#[from] verified_id::callback::ReceiverError),
    #[error("the Verified ID client could not be set up: {0}")]
    Client(String),
    #[error("the 1Kosmos stand-in could not start: {0}")]
    OneKosmosSandbox(#[from] sandbox::OneKosmosSandboxError),
    #[error("the 1Kosmos client could not be set up: {0}")]
    OneKosmos(String),
    #[error("the callback relay could not start: {0}")]
    Relay(String),
}

/// The stand-ins and clients demo mode runs; dropping it stops them.
pub struct DemoServices {
    pub issuing: Arc<EntraIssuing>,
    pub verifying: Arc<EntraVerifying>,
    pub proofing: Arc<OneKosmosProofing>,
    pub clients: ServiceClients,
    _onekosmos: Arc<sandbox::RunningOneKosmosSandbox>,
    _entra: Arc<sandbox::RunningEntraSandbox>,
    _receiver: Arc<verified_id::callback::CallbackReceiver>,
    /// The in-process relay and the kiosk's subscription to it, as in production.
    pub relay: Arc<crate::production::RelayStatus>,
    _relay: enrollment_relay::RunningRelay,
}

/// Demo mode puts the proofed selfie on the card as this claim, as a configured kiosk with
/// `entra.photo_claim` does.
pub const DEMO_PHOTO_CLAIM: &str = "photo";

/// Demo mode's kiosk name at its relay.
const DEMO_KIOSK: &str = "demo-kiosk";

/// The callback relay in this process with its in-memory store, so that demo mode takes the
/// production path: Entra's stand-in posts to the relay, the kiosk subscribes to it.
async fn start_relay(
) -> Result<(enrollment_relay::RunningRelay, enrollment_relay::TokenKey), DemoError> {
    use enrollment_relay::{
        ClientIpSource, MemoryStore, RelayConfig, RelayLimits, StreamLimits, TokenKey, Wakeups,
    };
    let relay_error = |e: &dyn std::fmt::Display| DemoError::Relay(e.to_string());
    let key = TokenKey::generate_base64().map_err(|e| relay_error(&e))?;
    let key = TokenKey::from_base64(&key).map_err(|e| relay_error(&e))?;
    let limits = RelayLimits::default();
    let wakeups = Wakeups::new(limits.max_subscriptions, limits.max_subscriptions_per_kiosk);
    let store = MemoryStore::new(StreamLimits::default(), 16 << 20, wakeups.clone());
    let relay = enrollment_relay::start(
        RelayConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            tls: None,
            token_key: key.clone(),
            limits,
            client_ip: ClientIpSource::Peer,
        },
        store,
        wakeups,
    )
    .await
    .map_err(|e| relay_error(&e))?;
    Ok((relay, key))
}

impl DemoServices {
    pub async fn start(options: DemoOptions) -> Result<Self, DemoError> {
        let mut config = sandbox::EntraSandboxConfig::demo();
        config.allow_loopback_callbacks = true;
        // The stand-in's credential is defined as an administrator would define the real one:
        // with the definition the kiosk prints (`--print-credential-definition`).
        let definition = administration::credential_definition::kiosk_definition(
            &config.credential_type,
            "Enrollment Kiosk demo",
            Some(DEMO_PHOTO_CLAIM),
        );
        config.rules = serde_json::to_value(&definition.rules).unwrap_or_default();
        config.display = serde_json::to_value(&definition.display).unwrap_or_default();
        config.request_lifetime = options.request_lifetime;
        let entra = Arc::new(
            sandbox::EntraSandbox::start_on(
                config.clone(),
                SocketAddr::from(([127, 0, 0, 1], options.entra_port)),
            )
            .await?,
        );
        tracing::info!(control = %entra.base_url(), "demo: Entra stand-in listening");
        let (running_relay, key) = start_relay().await?;
        let relay_url = url::Url::parse(&format!("{}/", running_relay.base_url()))
            .map_err(|e| DemoError::Relay(e.to_string()))?;
        let kiosk = enrollment_relay::KioskId::parse(DEMO_KIOSK)
            .map_err(|e| DemoError::Relay(e.to_string()))?;
        let token = key.token_for(&kiosk);
        let callback_url = enrollment_relay::subscriber::callback_url(&relay_url, &kiosk);
        let receiver = Arc::new(
            verified_id::callback::CallbackReceiver::bind(
                SocketAddr::from(([127, 0, 0, 1], 0)),
                Some(callback_url.clone()),
            )
            .await?,
        );
        let link = enrollment_runtime::adapters::relay::RelayLink::start(
            enrollment_relay::subscriber::SubscriberConfig::new(
                relay_url.clone(),
                kiosk.clone(),
                token.clone(),
            ),
            &receiver,
        )
        .map_err(|e| DemoError::Relay(e.to_string()))?;
        tracing::info!(relay = %relay_url, "demo: callbacks go through the relay");
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
        let entra_client = Arc::new(client);
        let issuing = Arc::new(EntraIssuing::new(entra_client.clone(), receiver.clone()));
        // Verify mode as a configured kiosk's defaults: this kiosk's card, from its issuer,
        // with Face Check against the photo it puts on the card.
        let verifying = Arc::new(EntraVerifying::new(
            entra_client.clone(),
            receiver.clone(),
            VerifyPolicy {
                authority: config.issuer_did.clone(),
                client_name: "Enrollment Kiosk demo".into(),
                issued_type: config.credential_type.clone(),
                credential_types: vec![config.credential_type.clone()],
                accepted_issuers: vec![config.issuer_did.clone()],
                face_check: Some((
                    DEMO_PHOTO_CLAIM.into(),
                    kiosk_config::DEFAULT_FACE_CHECK_THRESHOLD,
                )),
                required_claim_values: Vec::new(),
                shown_claims: kiosk_config::VerifySection::default().shown_claims,
            },
        ));
        if options.wallet == DemoWallet::Auto {
            tokio::spawn(simulate_wallet(Arc::downgrade(&entra)));
        }
        let (proofing, onekosmos_client, onekosmos) = start_proofing(&options).await?;
        Ok(Self {
            issuing,
            verifying,
            proofing,
            clients: ServiceClients {
                entra: entra_client,
                onekosmos: onekosmos_client,
            },
            _onekosmos: onekosmos,
            _entra: entra,
            _receiver: receiver,
            relay: Arc::new(crate::production::RelayStatus {
                relay_url,
                kiosk,
                callback_url,
                token,
                link,
            }),
            _relay: running_relay,
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

/// The 1Kosmos stand-in and a client pointed at it.
async fn start_proofing(
    options: &DemoOptions,
) -> Result<
    (
        Arc<OneKosmosProofing>,
        Arc<onekosmos::OneKosmosClient>,
        Arc<sandbox::RunningOneKosmosSandbox>,
    ),
    DemoError,
> {
    use sandbox::OneKosmosSandboxConfig as Tenant;
    let tenant = Tenant::demo();
    let stand_in = Arc::new(
        sandbox::OneKosmosSandbox::start_on(
            tenant.clone(),
            SocketAddr::from(([127, 0, 0, 1], options.onekosmos_port)),
        )
        .await?,
    );
    tracing::info!(control = %stand_in.base_url(), "demo: 1Kosmos stand-in listening");
    if let Some(code) = &options.decline_first {
        stand_in.fail_next_verify("face_liveness", code);
    }
    let config = onekosmos::OneKosmosConfig::for_tenant(
        tenant.tenant_dns.clone(),
        tenant.community.clone(),
        secrecy::SecretString::from(Tenant::DEMO_LICENSE.to_string()),
        onekosmos::DvcIds {
            kyc_with_selfie: Some(Tenant::DEMO_KYC_DVC_ID.into()),
            document_verification_only: Some(Tenant::DEMO_DOC_ONLY_DVC_ID.into()),
        },
    )
    .and_then(|config| config.at(stand_in.base_url()))
    .map_err(|e| DemoError::OneKosmos(e.to_string()))?;
    let http = onekosmos::http_client_builder()
        .build()
        .map_err(|e| DemoError::OneKosmos(e.to_string()))?;
    let client = onekosmos::OneKosmosClient::new(config, http)
        .map_err(|e| DemoError::OneKosmos(e.to_string()))?;
    if options.phone == DemoPhone::Auto {
        tokio::spawn(simulate_phone(Arc::downgrade(&stand_in)));
    }
    let client = Arc::new(client);
    Ok((
        Arc::new(OneKosmosProofing::new(client.clone(), true).with_photo_claim(true)),
        client,
        stand_in,
    ))
}

/// A phone that opens each new hosted session after a moment and finishes the capture.
async fn simulate_phone(stand_in: std::sync::Weak<sandbox::RunningOneKosmosSandbox>) {
    let mut seen = HashSet::new();
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let Some(sandbox) = stand_in.upgrade() else {
            return;
        };
        for session in sandbox.sessions() {
            if session.state != sandbox::SessionState::Pending
                || !seen.insert(session.session_id.clone())
            {
                continue;
            }
            let stand_in = stand_in.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(2)).await;
                let Some(sandbox) = stand_in.upgrade() else {
                    return;
                };
                if sandbox.start_session(&session.session_id).is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_secs(3)).await;
                let _ = sandbox.complete_session(&session.session_id);
            });
        }
    }
}
