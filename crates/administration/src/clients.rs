//! The one place that builds the service clients from a configuration and its secrets: used
//! by production start-up and by *Test connection* alike, so what is tested is what runs.

use std::sync::Arc;

use kiosk_config::{KioskConfig, Secret, SecretStore, SecretStoreError};
use onekosmos::OneKosmosClient;
use secrecy::SecretString;
use url::Url;
use verified_id::VerifiedIdClient;

/// The clients the kiosk runs with (production's, or demo mode's stand-ins), shared with the
/// admin screen's *Test connection*.
#[derive(Clone)]
pub struct ServiceClients {
    pub entra: Arc<VerifiedIdClient>,
    pub onekosmos: Arc<OneKosmosClient>,
}

impl ServiceClients {
    /// Both clients for `config`, with the secrets from `store`.
    pub fn from_config(
        config: &KioskConfig,
        store: &dyn SecretStore,
    ) -> Result<Self, ClientSetupError> {
        let entra = entra_client(config, stored_secret(store, Secret::EntraClientSecret)?)?;
        let onekosmos =
            onekosmos_client(config, stored_secret(store, Secret::OneKosmosLicenseKey)?)?;
        Ok(Self {
            entra: Arc::new(entra),
            onekosmos: Arc::new(onekosmos),
        })
    }
}

/// A secret from the store, or the error that says how to store it.
pub fn stored_secret(
    store: &dyn SecretStore,
    which: Secret,
) -> Result<SecretString, ClientSetupError> {
    store
        .get(which)?
        .ok_or(ClientSetupError::MissingSecret(which))
}

#[derive(Debug, thiserror::Error)]
pub enum ClientSetupError {
    #[error(
        "the {} is not in the credential store. Store it with: enrollment-kiosk --store-secret {} \
         (the value is read from standard input)",
        .0.label(),
        .0.account()
    )]
    MissingSecret(Secret),
    #[error(transparent)]
    Store(#[from] SecretStoreError),
    #[error("Entra settings: {0}")]
    Entra(String),
    #[error("1Kosmos settings: {0}")]
    OneKosmos(String),
}

/// The Verified ID client for a configuration.
pub fn entra_client(
    config: &KioskConfig,
    client_secret: SecretString,
) -> Result<VerifiedIdClient, ClientSetupError> {
    let entra = &config.entra;
    let manifest =
        Url::parse(&entra.manifest_url).map_err(|e| ClientSetupError::Entra(e.to_string()))?;
    let mut issuer = verified_id::IssuerConfig::new(
        entra.tenant_id.clone(),
        entra.client_id.clone(),
        client_secret,
        entra.issuer_did.clone(),
        manifest,
        entra.credential_type.clone(),
    );
    issuer.client_name = entra.client_name.clone();
    issuer.pin_length = (entra.pin_length != 0).then_some(entra.pin_length);
    let http = verified_id::http_client().map_err(|e| ClientSetupError::Entra(e.to_string()))?;
    VerifiedIdClient::new(issuer, http).map_err(|e| ClientSetupError::Entra(e.to_string()))
}

/// The 1Kosmos client for a configuration.
pub fn onekosmos_client(
    config: &KioskConfig,
    license_key: SecretString,
) -> Result<OneKosmosClient, ClientSetupError> {
    let kosmos = &config.onekosmos;
    let settings = onekosmos::OneKosmosConfig::for_tenant(
        kosmos.tenant_dns.clone(),
        kosmos.community.clone(),
        license_key,
        onekosmos::DvcIds {
            kyc_with_selfie: kosmos.dvc_id_kyc_with_selfie.clone(),
            document_verification_only: kosmos.dvc_id_document_only.clone(),
        },
    )
    .map_err(|e| ClientSetupError::OneKosmos(e.to_string()))?;
    let http = onekosmos::http_client_builder()
        .build()
        .map_err(|e| ClientSetupError::OneKosmos(e.to_string()))?;
    OneKosmosClient::new(settings, http).map_err(|e| ClientSetupError::OneKosmos(e.to_string()))
}
