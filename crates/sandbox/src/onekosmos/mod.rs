//! The 1Kosmos stand-in: tenant discovery, the DocuVerify service (hosted document-share
//! sessions, v3 and legacy results, `/verify`) with the real envelope and header checks, a
//! hosted-session page for the phone, and a control API, all on one loopback port.
//!
//! Routes (relative to [`RunningOneKosmosSandbox::base_url`]):
//! - `POST api/r1/system/community_info/fetch`, `GET caas/sd` (plain JSON)
//! - `GET docuverify/publickeys`, `GET idproofing/publickeys`
//! - `POST docuverify/document_share_session/create`, `POST docuverify/v3/document_share_session/result`,
//!   `POST docuverify/document_share_session/result` (legacy), `POST docuverify/verify`
//! - `GET idproofing/session/{id}`: the page the phone opens; its buttons post to
//!   `idproofing/session/{id}/consent` (in progress) and `…/decline` (abandoned)
//! - the control API, see [`control`].
//!
//! Header checks follow reference §2.4–2.5; where the reference marks the server's behaviour
//! as [I] (the replay window, the exact rejection messages), the stand-in's choice is noted.

mod control;
pub mod crypto;
mod docuverify;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;
use url::Url;

use crate::serve::Serving;

/// Which checks a dvcID's journey runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SandboxJourney {
    /// "KYC with Selfie": proof JWTs carry `face_compare` and `selfie_liveness`.
    KycWithSelfie,
    /// "Document Verification Only": they do not.
    DocumentVerificationOnly,
}

/// The stand-in's tenant.
#[derive(Debug, Clone)]
pub struct OneKosmosSandboxConfig {
    pub tenant_dns: String,
    pub community: String,
    /// License keys that are accepted (stand-in values, not secrets anywhere).
    pub license_keys: Vec<String>,
    /// dvcID → journey.
    pub dvc_ids: BTreeMap<String, SandboxJourney>,
    /// Allowed distance between `requestid.ts` and the server clock ([I]; helpers hint 60 s).
    pub ts_window: Duration,
    /// How long a session URL stays valid (the real default: 7 days).
    pub session_lifetime: Duration,
}

impl OneKosmosSandboxConfig {
    pub const DEMO_LICENSE: &'static str = "5d6a1f0e-7c2b-4e39-9a8d-0f1e2d3c4b5a";
    pub const DEMO_KYC_DVC_ID: &'static str = "sandbox_kyc_with_selfie";
    pub const DEMO_DOC_ONLY_DVC_ID: &'static str = "sandbox_document_verification_only";

    /// Fixed demo values.
    pub fn demo() -> Self {
        Self {
            tenant_dns: "sandbox.1kosmos.local".into(),
            community: "default".into(),
            license_keys: vec![Self::DEMO_LICENSE.into()],
            dvc_ids: [
                (
                    Self::DEMO_KYC_DVC_ID.to_string(),
                    SandboxJourney::KycWithSelfie,
                ),
                (
                    Self::DEMO_DOC_ONLY_DVC_ID.to_string(),
                    SandboxJourney::DocumentVerificationOnly,
                ),
            ]
            .into_iter()
            .collect(),
            ts_window: Duration::from_secs(60),
            session_lifetime: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

/// Where a session is, as the control API lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum SessionState {
    Pending,
    InProgress,
    Succeeded,
    #[serde(rename_all = "camelCase")]
    Failed {
        reason_code: String,
    },
    Expired,
    Abandoned,
}

/// A session as the control API lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRecord {
    pub session_id: String,
    pub dvc_id: String,
    pub journey: SandboxJourney,
    pub document_type: String,
    pub url: String,
    pub state: SessionState,
    /// Unix seconds.
    pub expires_at: i64,
    /// Names from `sessionRequest.user`, echoed in `sessionData` (synthetic in tests).
    #[serde(skip)]
    pub(crate) user: serde_json::Value,
}

/// Errors of the control methods.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OneKosmosControlError {
    #[error("no such session")]
    UnknownSession,
    #[error("the session is already finished")]
    Finished,
}

/// Ways an answer can break the envelope, for tests of what a client accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerFault {
    /// The payload in plain JSON where the service encrypts it.
    Plaintext,
    /// Encrypted to the caller with a key pair of its own, and that key as `publicKey`.
    ForeignKey,
}

/// Errors starting the stand-in.
#[derive(Debug, thiserror::Error)]
pub enum OneKosmosSandboxError {
    #[error("the 1Kosmos stand-in could not be served as asked: {0}")]
    Serving(#[from] crate::serve::ServingError),
}

#[derive(Default)]
struct State {
    sessions: BTreeMap<String, SessionRecord>,
    order: Vec<String>,
    seen_uuids: HashSet<String>,
    /// Next `/verify` failures: verification name → reason code.
    verify_failures: BTreeMap<String, String>,
    /// Verifications the next `/verify` answer leaves out although they were requested.
    verify_omissions: BTreeSet<String>,
    /// How the next encrypted answer misbehaves, if at all.
    answer_fault: Option<AnswerFault>,
    clock_skew: i64,
    calls: BTreeMap<String, usize>,
}

struct Shared {
    config: OneKosmosSandboxConfig,
    base_url: Url,
    community_key: k256::SecretKey,
    docuverify_key: k256::SecretKey,
    idproofing_key: k256::SecretKey,
    jwt_secret: [u8; 32],
    state: Mutex<State>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn now(&self) -> i64 {
        now_unix() + self.state().clock_skew
    }

    fn url(&self, path: &str) -> String {
        self.base_url.join(path).expect("static path").to_string()
    }
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn random_32() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes
}

/// Entry point: `OneKosmosSandbox::start(config).await`.
pub struct OneKosmosSandbox;

impl OneKosmosSandbox {
    /// Binds 127.0.0.1 on a free port and serves until the handle is dropped.
    pub async fn start(
        config: OneKosmosSandboxConfig,
    ) -> Result<RunningOneKosmosSandbox, OneKosmosSandboxError> {
        Self::start_on(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Like [`OneKosmosSandbox::start`] on a chosen loopback address.
    pub async fn start_on(
        config: OneKosmosSandboxConfig,
        addr: SocketAddr,
    ) -> Result<RunningOneKosmosSandbox, OneKosmosSandboxError> {
        Self::start_serving(config, Serving::plain(addr)).await
    }

    /// Like [`OneKosmosSandbox::start`], served as `serving` says: e.g. over HTTPS under the
    /// tenant's own name (`https://{tenant_dns}/`).
    pub async fn start_serving(
        config: OneKosmosSandboxConfig,
        serving: Serving,
    ) -> Result<RunningOneKosmosSandbox, OneKosmosSandboxError> {
        let bound = crate::serve::bind(&serving).await?;
        let addr = bound.addr;
        let base_url = bound.base_url.clone();
        let shared = Arc::new(Shared {
            config,
            base_url: base_url.clone(),
            community_key: crypto::generate_key(),
            docuverify_key: crypto::generate_key(),
            idproofing_key: crypto::generate_key(),
            jwt_secret: random_32(),
            state: Mutex::new(State::default()),
        });
        let app = Router::new()
            .route(
                "/api/r1/system/community_info/fetch",
                post(docuverify::community_info),
            )
            .route("/caas/sd", get(docuverify::service_directory))
            .route("/docuverify/publickeys", get(docuverify::docuverify_key))
            .route("/idproofing/publickeys", get(docuverify::idproofing_key))
            .route(
                "/docuverify/document_share_session/create",
                post(docuverify::create_session),
            )
            .route(
                "/docuverify/v3/document_share_session/result",
                post(docuverify::result_v3),
            )
            .route(
                "/docuverify/document_share_session/result",
                post(docuverify::result_legacy),
            )
            .route("/docuverify/verify", post(docuverify::verify))
            .route("/idproofing/session/{id}", get(control::hosted_page))
            .route(
                "/idproofing/session/{id}/consent",
                post(control::page_consent),
            )
            .route(
                "/idproofing/session/{id}/decline",
                post(control::page_decline),
            )
            .merge(control::routes())
            .with_state(shared.clone());
        let stop = crate::serve::until_stopped(bound, app, "1Kosmos");
        tracing::info!(%base_url, "1Kosmos stand-in listening");
        Ok(RunningOneKosmosSandbox {
            shared,
            addr,
            stop: Some(stop),
        })
    }
}

/// A running stand-in. Dropping it stops the server.
pub struct RunningOneKosmosSandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl RunningOneKosmosSandbox {
    /// Where clients reach the stand-in (what to configure as the tenant URL):
    /// `http://127.0.0.1:{port}/`, or the public URL it was served under
    /// ([`Serving::public_url`]).
    pub fn base_url(&self) -> Url {
        self.shared.base_url.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn config(&self) -> &OneKosmosSandboxConfig {
        &self.shared.config
    }

    /// The DocuVerify public key, base64 of the 64-byte point.
    pub fn docuverify_public_key(&self) -> String {
        crypto::public_key_b64(&self.shared.docuverify_key.public_key())
    }

    /// The community (adminconsole) public key.
    pub fn community_public_key(&self) -> String {
        crypto::public_key_b64(&self.shared.community_key.public_key())
    }

    /// Every session, oldest first (expiry applied).
    pub fn sessions(&self) -> Vec<SessionRecord> {
        control::list(&self.shared)
    }

    pub fn session(&self, session_id: &str) -> Option<SessionRecord> {
        self.sessions()
            .into_iter()
            .find(|s| s.session_id == session_id)
    }

    /// The person opened the link and consented: pending → in progress.
    pub fn start_session(&self, session_id: &str) -> Result<(), OneKosmosControlError> {
        control::transition(&self.shared, session_id, SessionState::InProgress)
    }

    /// The person submitted document (and selfie, for KYC): a SUCCESS result.
    pub fn complete_session(&self, session_id: &str) -> Result<(), OneKosmosControlError> {
        control::transition(&self.shared, session_id, SessionState::Succeeded)
    }

    /// The session fails with this reason code (IDV0006 answers in the camelCase `reasonCode`
    /// shape of the sample, every other code in the `reason_code` shape).
    pub fn fail_session(
        &self,
        session_id: &str,
        reason_code: &str,
    ) -> Result<(), OneKosmosControlError> {
        control::transition(
            &self.shared,
            session_id,
            SessionState::Failed {
                reason_code: reason_code.into(),
            },
        )
    }

    pub fn expire_session(&self, session_id: &str) -> Result<(), OneKosmosControlError> {
        control::transition(&self.shared, session_id, SessionState::Expired)
    }

    pub fn abandon_session(&self, session_id: &str) -> Result<(), OneKosmosControlError> {
        control::transition(&self.shared, session_id, SessionState::Abandoned)
    }

    /// The next `/verify` answers `verification` (`face_liveness`, `face_compare`,
    /// `dl_verify`) as failed with this reason code (once).
    pub fn fail_next_verify(&self, verification: &str, reason_code: &str) {
        self.shared
            .state()
            .verify_failures
            .insert(verification.into(), reason_code.into());
    }

    /// Leaves `verification` out of the next `/verify` answer although it was requested (a
    /// partial answer a client must not read as approval).
    pub fn omit_next_verification(&self, verification: &str) {
        self.shared
            .state()
            .verify_omissions
            .insert(verification.into());
    }

    /// The next answer that would be encrypted misbehaves as `fault` says.
    pub fn fault_next_answer(&self, fault: AnswerFault) {
        self.shared.state().answer_fault = Some(fault);
    }

    /// Moves the server clock by `seconds` (a client's `ts` then falls outside the window).
    pub fn set_clock_skew(&self, seconds: i64) {
        self.shared.state().clock_skew = seconds;
    }

    /// How many calls a route received (`create`, `result_v3`, `result_legacy`, `verify`,
    /// `community_info`, `sd`, `publickeys`), rejected ones included.
    pub fn calls(&self, route: &str) -> usize {
        self.shared.state().calls.get(route).copied().unwrap_or(0)
    }
}

impl Drop for RunningOneKosmosSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
