//! Microsoft Entra Verified ID for the Enrollment Kiosk: the client-credentials token cache,
//! `createIssuanceRequest` (with PIN and callback), `createPresentationRequest` (built and
//! checked with [`PresentationRequest::builder`], Face Check included), the manifest
//! pre-flight, typed errors for every documented error shape, the [`callback`] receiver that
//! turns the service's status POSTs into events, and [`PresentationPolicy::judge`], which says
//! what a presentation's events mean.
//!
//! It is not the enrollment flow (that is `crates/enrollment`), does not draw QR codes, and
//! knows nothing of Tauri. It never logs secrets, claim values, response bodies or the services'
//! error messages (which could echo personal data); only statuses and error codes.
//!
//! Start reading at [`VerifiedIdClient`]; the facts it follows are collected from Microsoft's
//! Verified ID Request Service documentation in `docs/reference/entra-verified-id.md` (the
//! "reference §n" in comments here).

pub mod callback;
mod client;
mod config;
mod credential_state;
pub mod definition;
mod error;
pub mod manifest;
mod presentation;
mod random;
mod requests;
mod token;

pub use client::{
    VerifiedIdClient, MAX_MANIFEST_BYTES, MAX_REPORTED_RETRY_AFTER, MAX_REQUEST_BYTES,
    MAX_RESPONSE_BYTES, REQUEST_SERVICE_SCOPE,
};
pub use config::{
    ConfigError, IssuerConfig, RetryPolicy, DEFAULT_AUTHORITY_HOST, DEFAULT_REQUEST_SERVICE,
    DEFAULT_TOKEN_REFRESH_MARGIN, MAX_RETRY_WAIT,
};
pub use credential_state::{CredentialState, PhotoQuality, RevocationStatus};
pub use error::{Endpoint, Error, InnerError, ServiceError, ServiceErrorKind, TokenError};
pub use manifest::{ManifestCheck, MappedClaim};
pub use presentation::{
    PresentationFailure, PresentationFailureReason, PresentationPolicy, PresentationUpdate,
    VerifiedPresentation,
};
pub use requests::{
    CallbackTarget, ClaimConstraint, ConstraintRule, CredentialConfiguration, CredentialValidation,
    FaceCheckRequest, IssuanceOffer, PresentationOffer, PresentationRequest,
    PresentationRequestBuilder, PresentationRequestError, Registration, RequestedCredential,
    DEFAULT_FACE_CHECK_THRESHOLD, FACE_CHECK_THRESHOLDS,
};
pub use token::{read_token_answer, MAX_TOKEN_LIFETIME};

use std::time::Duration;

/// A `reqwest` client builder for Verified ID: installs the `ring` TLS provider (reqwest is built
/// with `rustls-no-provider`, as tauri-plugin-updater's is) and sets timeouts.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    // Err means a provider is already installed, which is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
}

/// [`http_client_builder`] built.
pub fn http_client() -> Result<reqwest::Client, reqwest::Error> {
    http_client_builder().build()
}
