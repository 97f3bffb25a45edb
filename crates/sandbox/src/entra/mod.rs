//! The Microsoft Entra stand-in: token endpoint, Verified ID Request Service, credential manifest
//! and a wallet simulator, all on one loopback port.
//!
//! Routes (paths relative to [`RunningEntraSandbox::base_url`]):
//! - `POST {tenant}/oauth2/v2.0/token`: client credentials (form body, or HTTP Basic client auth)
//! - `POST v1.0/verifiableCredentials/createIssuanceRequest` and `…/createPresentationRequest`
//! - `GET v1.0/tenants/{tenant}/verifiableCredentials/contracts/{contract}/manifest`: `{"token": JWS}`
//! - `GET v1.0/tenants/{tenant}/verifiableCredentials/{issuanceRequests|presentationRequests}/{id}`:
//!   what a wallet fetches after reading the QR code; it counts as a scan
//! - the control API for tests and demo, see [`control`].
//!
//! The wallet simulator keeps the cards it was issued ([`credentials`]) and presents them to
//! presentation requests, with Face Check, the way the service reports the outcome.
//!
//! Where the reference marks a message as UNCONFIRMED the stand-in uses a plausible wording and
//! says so next to it; status codes and `code` values always follow the reference.

mod control;
mod credentials;
mod manifest;
mod requests;
mod token;
mod wallet;
mod wire;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;
use url::Url;

use crate::serve::Serving;
pub use credentials::{IssuedPhoto, PhotoClaimNames, PhotoEncoding, WalletCard, MIN_PHOTO_SIDE};
pub use wallet::{Presentation, WalletError};

/// The claims the kiosk sends (`enrollment::claims::ISSUED_CLAIMS`); a test in the
/// `administration` crate keeps the two lists in step.
pub const KIOSK_CLAIMS: &[&str] = &[
    "given_name",
    "family_name",
    "email",
    "document_type",
    "document_country",
    "verification_journey",
    "assurance_level",
    "evidence_validation",
    "verified_at",
    "proofing_reference",
];

/// The resource (and `.default` scope) of the Verified ID Request Service.
pub const REQUEST_SERVICE_SCOPE: &str = "3db474b9-6a0c-4840-96ac-1fceb342124f/.default";

/// What the stand-in knows about its one tenant, app registration and credential.
#[derive(Clone)]
pub struct EntraSandboxConfig {
    pub tenant_id: String,
    pub client_id: String,
    /// The client secret the token endpoint accepts. A stand-in secret, not a real one.
    pub client_secret: String,
    /// The issuer (and verifier) DID of the tenant; `authority` must equal it.
    pub issuer_did: String,
    /// The credential type of the one contract; its manifest is at [`RunningEntraSandbox::manifest_url`].
    pub credential_type: String,
    /// The credential's rules definition, as an administrator pastes it into Verified ID
    /// (reference §6: `attestations.idTokenHints[].mapping`, `validityInterval`, `vc.type`).
    /// The manifest's input is built from it, and an issuance request without a claim its
    /// mappings require is refused.
    pub rules: serde_json::Value,
    /// The credential's display definition (`card`, `consent`, `claims[]` with
    /// `vc.credentialSubject.<name>`, a photo as `image/jpg;base64url`).
    pub display: serde_json::Value,
    /// The real service refuses loopback callback URLs ("URL must be public"); tests and demo
    /// mode need them. When true, `http://` and `https://` loopback URLs are accepted.
    pub allow_loopback_callbacks: bool,
    /// Whether issued access tokens carry the `VerifiableCredential.Create.All` role. When false
    /// the Request Service answers 401 "Provided access token contains no roles.".
    pub grant_roles: bool,
    /// `expires_in` of issued access tokens (the real service: 60–90 minutes).
    pub token_lifetime: Duration,
    /// Lifetime of an issuance or presentation request (the real service: 5 minutes).
    pub request_lifetime: Duration,
}

impl EntraSandboxConfig {
    /// A configuration with the kiosk's claims, loopback callbacks allowed and realistic lifetimes.
    pub fn new(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        issuer_did: impl Into<String>,
    ) -> Self {
        Self {
            tenant_id: tenant_id.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            issuer_did: issuer_did.into(),
            credential_type: "VerifiedEnrollment".into(),
            rules: serde_json::Value::Null,
            display: serde_json::Value::Null,
            allow_loopback_callbacks: true,
            grant_roles: true,
            token_lifetime: Duration::from_secs(3599),
            request_lifetime: Duration::from_secs(300),
        }
        .with_claims(KIOSK_CLAIMS, Some("photo"))
    }

    /// Defines the credential with `claims` (none required) and an optional photo claim, the
    /// way an administrator would in Verified ID. Demo mode pastes the kiosk's own generated
    /// definition into [`EntraSandboxConfig::rules`] and [`EntraSandboxConfig::display`] instead.
    pub fn with_claims(mut self, claims: &[&str], photo: Option<&str>) -> Self {
        use serde_json::json;
        let mut mapping: Vec<serde_json::Value> = claims
            .iter()
            .map(|name| json!({ "outputClaim": name, "required": false, "inputClaim": format!("$.{name}"), "indexed": false }))
            .collect();
        let mut shown: Vec<serde_json::Value> = claims
            .iter()
            .map(|name| json!({ "claim": format!("vc.credentialSubject.{name}"), "label": name.replace('_', " "), "type": "String" }))
            .collect();
        if let Some(photo) = photo {
            mapping.push(json!({ "outputClaim": photo, "required": false, "inputClaim": photo, "indexed": false }));
            shown.push(json!({ "claim": format!("vc.credentialSubject.{photo}"), "label": "User picture", "type": "image/jpg;base64url" }));
        }
        self.rules = json!({
            "attestations": { "idTokenHints": [ { "mapping": mapping, "required": false } ] },
            "validityInterval": 2_592_000,
            "vc": { "type": [self.credential_type] },
        });
        self.display = json!({
            "locale": "en-US",
            "card": {
                "title": "Verified enrollment",
                "issuedBy": "Enrollment Kiosk sandbox",
                "backgroundColor": "#1F3A5F",
                "textColor": "#FFFFFF",
                "description": "Issued after an in-person identity check.",
            },
            "consent": {
                "title": "Do you want to add this credential?",
                "instructions": "It was issued at an enrollment desk.",
            },
            "claims": shown,
        });
        self
    }

    /// The claims the rules require (input claims without `$.`).
    pub fn required_claims(&self) -> Vec<String> {
        self.mappings()
            .filter(|mapping| {
                mapping.get("required").and_then(serde_json::Value::as_bool) == Some(true)
            })
            .filter_map(|mapping| mapping.get("inputClaim")?.as_str())
            .map(|claim| claim.strip_prefix("$.").unwrap_or(claim).to_string())
            .collect()
    }

    fn mappings(&self) -> impl Iterator<Item = &serde_json::Value> {
        self.rules
            .pointer("/attestations/idTokenHints")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|hint| hint.get("mapping")?.as_array())
            .flatten()
    }

    /// Fixed demo values (not secrets anywhere else).
    pub fn demo() -> Self {
        Self::new(
            "aaaabbbb-0000-cccc-1111-dddd2222eeee",
            "535fb089-9ff3-47b6-9bfb-4f1264799865",
            "sandbox-client-secret",
            "did:web:verifiedid.sandbox.example",
        )
    }
}

impl std::fmt::Debug for EntraSandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EntraSandboxConfig")
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("issuer_did", &self.issuer_did)
            .field("credential_type", &self.credential_type)
            .field("allow_loopback_callbacks", &self.allow_loopback_callbacks)
            .finish_non_exhaustive()
    }
}

/// Errors starting the stand-in.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not create the stand-in's signing key: {0}")]
    SigningKey(String),
    #[error("the Entra stand-in could not be served as asked: {0}")]
    Serving(#[from] crate::serve::ServingError),
}

/// An endpoint of the stand-in, for [`RunningEntraSandbox::inject`] and [`RunningEntraSandbox::calls`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SandboxEndpoint {
    Token,
    CreateIssuanceRequest,
    CreatePresentationRequest,
    Manifest,
}

/// A scripted failure for the next call(s) of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fault {
    /// 429 `tooManyRequests` / `transientError`, with this `Retry-After` header value if given.
    #[serde(rename_all = "camelCase")]
    TooManyRequests { retry_after: Option<String> },
    /// A 5xx answer with the documented error body for that status.
    ServerError { status: u16 },
    /// 401 as for an access token that has expired (Request Service endpoints); on the token
    /// endpoint, 401 AADSTS7000222 (the client secret has expired).
    ExpiredToken,
    /// This status and body, verbatim (known-answer tests of error parsing).
    Canned { status: u16, body: String },
}

/// Issuance or presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RequestKind {
    Issuance,
    Presentation,
}

/// Where a request is in the wallet flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RequestStatus {
    /// Created; the QR code has not been scanned.
    Created,
    /// The wallet fetched the request (`request_retrieved` sent).
    Retrieved,
    /// `issuance_successful` or `presentation_verified` sent.
    Completed,
    /// `issuance_error` or `presentation_error` sent.
    Failed,
    /// Past its expiry, or expired through the control API: gone for the wallet.
    Expired,
}

/// One callback the stand-in sent, and what the receiver answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackDelivery {
    pub request_status: String,
    /// HTTP status the callback receiver answered, if it answered.
    pub http_status: Option<u16>,
    /// Why no status was received (connection refused, timeout).
    pub error: Option<String>,
}

/// A request as the control API lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    pub request_id: String,
    pub kind: RequestKind,
    /// The `url` returned to the caller (QR content).
    pub url: String,
    pub state: String,
    pub status: RequestStatus,
    /// Unix seconds.
    pub expiry: i64,
    pub callback_url: String,
    /// Names of the callback headers that will be sent (values are not listed).
    pub callback_header_names: Vec<String>,
    /// Every callback sent so far, in order.
    pub callbacks: Vec<CallbackDelivery>,
    /// The claims an issuance request carried, as the credential would hold them (kept in
    /// memory only, for tests and the demo to see what a card would say). The photo claim is
    /// not repeated here: see `photo`.
    #[serde(default)]
    pub claims: BTreeMap<String, String>,
    /// What the issuance request's photo claim held (the credential definition names the
    /// claim); the JPEG itself is at `GET /control/requests/{id}/photo`.
    #[serde(default)]
    pub photo: Option<IssuedPhoto>,
}

/// A request as the stand-in stores it.
#[derive(Clone)]
struct StoredRequest {
    record: RequestRecord,
    callback_headers: BTreeMap<String, String>,
    /// The credential type an issuance request named.
    requested_type: Option<String>,
    /// What a presentation request asks for (empty for issuance).
    asked: Vec<credentials::AskedCredential>,
    /// An issuance request's photo claim value, as sent.
    photo_value: Option<String>,
    created_seq: u64,
}

struct IssuedToken {
    expires_at: SystemTime,
    revoked: bool,
    has_roles: bool,
}

#[derive(Default)]
struct State {
    tokens: HashMap<String, IssuedToken>,
    requests: HashMap<String, StoredRequest>,
    faults: HashMap<SandboxEndpoint, VecDeque<Fault>>,
    calls: HashMap<SandboxEndpoint, usize>,
    next_seq: u64,
    /// The simulated wallet's cards, oldest first.
    wallet: Vec<credentials::StoredCard>,
    /// Face Check (a premium feature) refused for lack of billing.
    face_check_billing_off: bool,
}

struct Shared {
    config: EntraSandboxConfig,
    base_url: Url,
    contract_id: String,
    signing_key: k256::ecdsa::SigningKey,
    http: reqwest::Client,
    state: Mutex<State>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the maps half-updated in a way that
        // matters for a stand-in; keep serving.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts a call and takes the next scripted fault for `endpoint`, if any.
    fn arrive(&self, endpoint: SandboxEndpoint) -> Option<Fault> {
        let mut state = self.state();
        *state.calls.entry(endpoint).or_default() += 1;
        state
            .faults
            .get_mut(&endpoint)
            .and_then(VecDeque::pop_front)
    }

    fn manifest_url(&self) -> Url {
        self.base_url
            .join(&format!(
                "v1.0/tenants/{}/verifiableCredentials/contracts/{}/manifest",
                self.config.tenant_id, self.contract_id
            ))
            .expect("manifest path is a valid relative URL")
    }
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes
}

/// Entry point: `EntraSandbox::start(config).await`.
pub struct EntraSandbox;

impl EntraSandbox {
    /// Binds 127.0.0.1 on a free port and serves until the returned handle is dropped.
    pub async fn start(config: EntraSandboxConfig) -> Result<RunningEntraSandbox, SandboxError> {
        Self::start_on(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Like [`EntraSandbox::start`], on a chosen loopback address (demo mode and end-to-end
    /// tests pick the port so that a test can reach the control API).
    pub async fn start_on(
        config: EntraSandboxConfig,
        addr: SocketAddr,
    ) -> Result<RunningEntraSandbox, SandboxError> {
        Self::start_serving(config, Serving::plain(addr)).await
    }

    /// Like [`EntraSandbox::start`], served as `serving` says: e.g. over HTTPS under the names
    /// of the real service (`login.microsoftonline.com`, `verifiedid.did.msidentity.com`),
    /// posting callbacks through the client it is given.
    pub async fn start_serving(
        config: EntraSandboxConfig,
        serving: Serving,
    ) -> Result<RunningEntraSandbox, SandboxError> {
        let bound = crate::serve::bind(&serving).await?;
        let addr = bound.addr;
        let base_url = bound.base_url.clone();
        let signing_key = manifest::new_signing_key()?;
        let http = crate::serve::outbound(&serving)?;
        let contract_id = manifest::contract_id(&config.credential_type);
        let shared = Arc::new(Shared {
            config,
            base_url: base_url.clone(),
            contract_id,
            signing_key,
            http,
            state: Mutex::new(State::default()),
        });

        let app = Router::new()
            .route("/{tenant}/oauth2/v2.0/token", post(token::token))
            .route(
                "/v1.0/verifiableCredentials/createIssuanceRequest",
                post(requests::create_issuance_request),
            )
            .route(
                "/v1.0/verifiableCredentials/createPresentationRequest",
                post(requests::create_presentation_request),
            )
            .route(
                "/v1.0/tenants/{tenant}/verifiableCredentials/contracts/{contract}/manifest",
                get(manifest::serve_manifest),
            )
            .route(
                "/v1.0/tenants/{tenant}/verifiableCredentials/{collection}/{id}",
                get(wallet::wallet_fetch),
            )
            .merge(control::routes())
            .with_state(shared.clone());

        let stop = crate::serve::until_stopped(bound, app, "Entra");
        tracing::info!(%base_url, "Entra stand-in listening");
        Ok(RunningEntraSandbox {
            shared,
            addr,
            stop: Some(stop),
        })
    }
}

/// A running stand-in. Dropping it stops the server.
pub struct RunningEntraSandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl RunningEntraSandbox {
    /// Where clients reach the stand-in: `http://127.0.0.1:{port}/`, or the public URL it was
    /// served under ([`Serving::public_url`]).
    pub fn base_url(&self) -> Url {
        self.shared.base_url.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// What to configure as the authority host (stands for `https://login.microsoftonline.com/`).
    pub fn authority_host(&self) -> Url {
        self.base_url()
    }

    /// The token endpoint of the configured tenant.
    pub fn token_url(&self) -> Url {
        self.shared
            .base_url
            .join(&format!(
                "{}/oauth2/v2.0/token",
                self.shared.config.tenant_id
            ))
            .expect("token path is a valid relative URL")
    }

    /// What to configure as the Request Service base (stands for `https://verifiedid.did.msidentity.com/v1.0/`).
    pub fn request_service(&self) -> Url {
        self.shared
            .base_url
            .join("v1.0/")
            .expect("static path joins")
    }

    /// The manifest URL of the one credential contract.
    pub fn manifest_url(&self) -> Url {
        self.shared.manifest_url()
    }

    /// The configuration the stand-in runs with.
    pub fn config(&self) -> &EntraSandboxConfig {
        &self.shared.config
    }

    /// SEC1-encoded public key that verifies the manifest JWS (ES256K).
    pub fn manifest_verifying_key(&self) -> Vec<u8> {
        self.shared
            .signing_key
            .verifying_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec()
    }

    /// Makes the next `times` calls of `endpoint` answer with `fault` (queued after earlier ones).
    pub fn inject(&self, endpoint: SandboxEndpoint, fault: Fault, times: usize) {
        let mut state = self.shared.state();
        let queue = state.faults.entry(endpoint).or_default();
        queue.extend(std::iter::repeat_n(fault, times));
    }

    /// How many requests `endpoint` has received, including failed and faulted ones.
    pub fn calls(&self, endpoint: SandboxEndpoint) -> usize {
        self.shared
            .state()
            .calls
            .get(&endpoint)
            .copied()
            .unwrap_or(0)
    }

    /// Expires every access token issued so far (the next Request Service call with one gets 401).
    pub fn expire_tokens(&self) {
        for token in self.shared.state().tokens.values_mut() {
            token.revoked = true;
        }
    }

    /// All requests created so far, oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        control::list(&self.shared)
    }

    /// One request by id.
    pub fn request(&self, request_id: &str) -> Option<RequestRecord> {
        self.requests()
            .into_iter()
            .find(|r| r.request_id == request_id)
    }

    /// The wallet scans the QR code: `request_retrieved` is sent to the callback.
    pub async fn scan(&self, request_id: &str) -> Result<CallbackDelivery, WalletError> {
        wallet::scan(&self.shared, request_id).await
    }

    /// The wallet accepts: `issuance_successful` (and the card goes into the wallet); for a
    /// presentation, [`RunningEntraSandbox::present`] with these claims added to the card.
    pub async fn complete(
        &self,
        request_id: &str,
        presented_claims: Option<serde_json::Map<String, serde_json::Value>>,
    ) -> Result<CallbackDelivery, WalletError> {
        wallet::complete(&self.shared, request_id, presented_claims, None).await
    }

    /// The flow fails: `issuance_error` / `presentation_error` with this code and message.
    pub async fn fail(
        &self,
        request_id: &str,
        code: &str,
        message: &str,
    ) -> Result<CallbackDelivery, WalletError> {
        wallet::fail(&self.shared, request_id, code, message).await
    }

    /// The request expires now: it is gone for the wallet, and no callback is sent.
    pub fn expire(&self, request_id: &str) -> Result<(), WalletError> {
        wallet::expire(&self.shared, request_id)
    }

    /// The wallet presents a card to a retrieved presentation request (see [`Presentation`]
    /// for the choices); the stand-in then applies the service's checks and sends
    /// `presentation_verified` or `presentation_error`.
    pub async fn present(
        &self,
        request_id: &str,
        presentation: Presentation,
    ) -> Result<CallbackDelivery, WalletError> {
        wallet::present(&self.shared, request_id, presentation).await
    }

    /// The person declines in the wallet: `issuance_error` / `presentation_error` with the
    /// message "user canceled".
    pub async fn decline(&self, request_id: &str) -> Result<CallbackDelivery, WalletError> {
        wallet::decline(&self.shared, request_id).await
    }

    /// The cards in the simulated wallet, oldest first.
    pub fn credentials(&self) -> Vec<WalletCard> {
        self.shared
            .state()
            .wallet
            .iter()
            .map(|stored| stored.card.clone())
            .collect()
    }

    /// The issuer revokes a card (by the id of the issuance request that made it).
    pub fn revoke(&self, card_id: &str) -> Result<(), WalletError> {
        wallet::revoke(&self.shared, card_id)
    }

    /// The bytes an issuance request's photo claim decoded to (a JPEG when the kiosk is right).
    pub fn issued_photo(&self, request_id: &str) -> Option<Vec<u8>> {
        let value = self
            .shared
            .state()
            .requests
            .get(request_id)?
            .photo_value
            .clone()?;
        let claim = self.shared.config.photo_claim()?.output;
        let (photo, bytes) = IssuedPhoto::read(&claim, &value);
        (photo.encoding != PhotoEncoding::Undecodable).then_some(bytes)
    }

    /// Whether Face Check is billed for: when false, a presentation request with Face Check is
    /// refused as the service refuses it without billing.
    pub fn set_face_check_billing(&self, enabled: bool) {
        self.shared.state().face_check_billing_off = !enabled;
    }
}

impl Drop for RunningEntraSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
