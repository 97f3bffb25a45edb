//! The Entra and 1Kosmos stand-ins (`crates/sandbox`) as the kiosk meets the real services in
//! production: over HTTPS, under the services' own names, with certificates from the test's
//! CA. They run in this process on a runtime of their own; everything the test does to them
//! goes over the network like the kiosk's requests, through the site's proxy: the wallet
//! fetches the request URI the QR code on screen holds, the phone opens the hosted session's
//! link, and the rest goes through the stand-ins' control APIs.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use url::Url;

use sandbox::{
    EntraSandbox, EntraSandboxConfig, OneKosmosSandbox, OneKosmosSandboxConfig,
    RunningEntraSandbox, RunningOneKosmosSandbox, SandboxJourney, Serving,
};

use super::tls::{ServerCertificate, TestCa};

/// The names the kiosk uses for Entra (the token endpoint and the Request Service).
pub const ENTRA_LOGIN: &str = "login.microsoftonline.com";
pub const ENTRA_VERIFIED_ID: &str = "verifiedid.did.msidentity.com";
/// The 1Kosmos tenant of the test's configuration.
pub const ONEKOSMOS_TENANT: &str = "contoso.1kosmos.net";

/// The tenant, app registration and credential the stand-in's Entra knows (stand-in values).
pub struct EntraTenant {
    pub tenant_id: &'static str,
    pub client_id: &'static str,
    pub client_secret: &'static str,
    pub issuer_did: &'static str,
    pub credential_type: &'static str,
}

/// The 1Kosmos tenant the stand-in knows (stand-in values).
pub struct OneKosmosTenant {
    pub community: &'static str,
    pub license_key: &'static str,
    pub dvc_id: &'static str,
}

/// The kiosk's own credential definition, as an administrator pastes it into Verified ID
/// (`enrollment-kiosk --print-credential-definition rules|display`).
pub struct Definition {
    pub rules: Value,
    pub display: Value,
}

pub struct StandIns {
    // Dropped before the runtime they run on.
    entra: RunningEntraSandbox,
    onekosmos: RunningOneKosmosSandbox,
    /// The test's side of the internet: through the proxy, trusting only the test's CA.
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl StandIns {
    /// Starts both stand-ins over HTTPS under their public names. `proxy` is the site's proxy
    /// through which Entra's callbacks and the test's own requests go.
    pub fn start(
        ca: &TestCa,
        proxy: &str,
        entra: &EntraTenant,
        definition: Definition,
        onekosmos: &OneKosmosTenant,
    ) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("e2e-stand-ins")
            .enable_all()
            .build()
            .expect("a runtime for the stand-ins");
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .proxy(reqwest::Proxy::https(proxy).expect("the proxy's URL"))
            .tls_certs_only([ca.root()])
            // One connection per request: the load balancer's count of open connections
            // then shows the kiosk's subscription only.
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(10))
            .build()
            .expect("an HTTP client for the test's side of the internet");

        let mut config = EntraSandboxConfig::new(
            entra.tenant_id,
            entra.client_id,
            entra.client_secret,
            entra.issuer_did,
        );
        config.credential_type = entra.credential_type.to_string();
        config.rules = definition.rules;
        config.display = definition.display;
        // As the real service: callbacks only to public https URLs (the relay's).
        config.allow_loopback_callbacks = false;
        let entra = runtime
            .block_on(EntraSandbox::start_serving(
                config,
                serving(
                    ca.issue(&[ENTRA_VERIFIED_ID, ENTRA_LOGIN]),
                    &format!("https://{ENTRA_VERIFIED_ID}/"),
                    Some(client.clone()),
                ),
            ))
            .expect("the Entra stand-in starts over HTTPS");

        let tenant = OneKosmosSandboxConfig {
            tenant_dns: ONEKOSMOS_TENANT.into(),
            community: onekosmos.community.into(),
            license_keys: vec![onekosmos.license_key.into()],
            dvc_ids: [(onekosmos.dvc_id.to_string(), SandboxJourney::KycWithSelfie)]
                .into_iter()
                .collect(),
            ..OneKosmosSandboxConfig::demo()
        };
        let onekosmos = runtime
            .block_on(OneKosmosSandbox::start_serving(
                tenant,
                serving(
                    ca.issue(&[ONEKOSMOS_TENANT]),
                    &format!("https://{ONEKOSMOS_TENANT}/"),
                    None,
                ),
            ))
            .expect("the 1Kosmos stand-in starts over HTTPS");
        Self {
            entra,
            onekosmos,
            client,
            runtime,
        }
    }

    /// Where the Entra stand-in listens (for the proxy's routes).
    pub fn entra_addr(&self) -> std::net::SocketAddr {
        self.entra.local_addr()
    }

    pub fn onekosmos_addr(&self) -> std::net::SocketAddr {
        self.onekosmos.local_addr()
    }

    /// The manifest URL of the credential, under Verified ID's name.
    pub fn manifest_url(&self) -> Url {
        self.entra.manifest_url()
    }

    /// A request over the test's side of the internet; the status and the body (JSON when it
    /// is JSON).
    pub fn call(&self, method: Method, url: &str) -> (StatusCode, Value) {
        let client = self.client.clone();
        let request = client.request(method.clone(), url);
        self.runtime.block_on(async move {
            let response = request
                .send()
                .await
                .unwrap_or_else(|e| panic!("e2e: {method} {url}: {e:?}"));
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
            (status, body)
        })
    }

    fn entra_control(&self, path: &str) -> String {
        format!("https://{ENTRA_VERIFIED_ID}/control/{path}")
    }

    /// Every request Entra was asked to create, oldest first (the control API).
    pub fn entra_requests(&self) -> Vec<Value> {
        match self.call(Method::GET, &self.entra_control("requests")) {
            (StatusCode::OK, Value::Array(requests)) => requests,
            other => panic!("e2e: the Entra stand-in's request list: {other:?}"),
        }
    }

    /// The request whose QR code the kiosk shows (`openid-vc://?request_uri=…`).
    pub fn request_with_url(&self, url: &str) -> Value {
        self.entra_requests()
            .into_iter()
            .find(|r| r["url"].as_str() == Some(url))
            .unwrap_or_else(|| panic!("e2e: Entra issued no request with the URL {url}"))
    }

    /// The wallet reads the QR code: it fetches the request URI it holds from Verified ID,
    /// which Entra reports to the kiosk as `request_retrieved`.
    pub fn wallet_scans(&self, offer_url: &str) {
        let offer = Url::parse(offer_url).expect("the offer is a URL");
        let request_uri = offer
            .query_pairs()
            .find(|(k, _)| k == "request_uri")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_else(|| panic!("e2e: the offer has no request_uri: {offer_url}"));
        assert!(
            request_uri.starts_with(&format!("https://{ENTRA_VERIFIED_ID}/")),
            "e2e: the request URI is not Verified ID's: {request_uri}"
        );
        let (status, body) = self.call(Method::GET, &request_uri);
        assert_eq!(status, StatusCode::OK, "the wallet's fetch: {body}");
    }

    /// The person accepts in the wallet: `issuance_successful` (the control API). Returns how
    /// the stand-in's callback went.
    pub fn wallet_completes(&self, request_id: &str) -> Value {
        let url = self.entra_control(&format!("requests/{request_id}/complete"));
        let (status, body) = self.call(Method::POST, &url);
        assert_eq!(status, StatusCode::OK, "the wallet's completion: {body}");
        body
    }

    /// Every hosted session 1Kosmos was asked to create, oldest first (the control API).
    pub fn proofing_sessions(&self) -> Vec<Value> {
        let url = format!("https://{ONEKOSMOS_TENANT}/control/sessions");
        match self.call(Method::GET, &url) {
            (StatusCode::OK, Value::Array(sessions)) => sessions,
            other => panic!("e2e: the 1Kosmos stand-in's session list: {other:?}"),
        }
    }

    /// The phone opens the hosted session's link (the QR code on the kiosk's screen) and the
    /// employee agrees to start; then the capture on the phone succeeds (the control API).
    pub fn phone_completes(&self, session_url: &str) {
        let session = self
            .proofing_sessions()
            .into_iter()
            .find(|s| s["url"].as_str() == Some(session_url))
            .unwrap_or_else(|| panic!("e2e: 1Kosmos created no session at {session_url}"));
        let id = session["sessionId"]
            .as_str()
            .expect("the session has an id")
            .to_string();
        let (status, page) = self.call(Method::GET, session_url);
        assert_eq!(status, StatusCode::OK, "the hosted page: {page}");
        let (status, body) = self.call(Method::POST, &format!("{session_url}/consent"));
        assert!(status.is_success(), "the phone's consent: {status} {body}");
        let url = format!("https://{ONEKOSMOS_TENANT}/control/sessions/{id}/complete");
        let (status, body) = self.call(Method::POST, &url);
        assert!(status.is_success(), "the phone's capture: {status} {body}");
    }
}

fn serving(
    certificate: ServerCertificate,
    public: &str,
    outbound: Option<reqwest::Client>,
) -> Serving {
    Serving {
        tls: Some(certificate.identity()),
        public_url: Some(Url::parse(public).expect("a public URL")),
        outbound,
        ..Serving::default()
    }
}
