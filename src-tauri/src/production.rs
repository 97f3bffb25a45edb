//! Production mode: the real clients, configured from the validated configuration file and
//! the secrets in the OS credential store.

use std::net::SocketAddr;
use std::sync::Arc;

use enrollment::adapters::entra::EntraIssuing;
use enrollment::adapters::onekosmos::OneKosmosProofing;
use kiosk_config::{JourneySetting, KioskConfig, Secret, SecretStore, SecretStoreError};
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum ProductionError {
    #[error(
        "the {} is not in the credential store. Store it with: enrollment-kiosk --store-secret {} \
         (the value is read from standard input)",
        .0.label(),
        .0.account()
    )]
    MissingSecret(Secret),
    #[error(transparent)]
    Store(#[from] SecretStoreError),
    #[error("callback.relay_url is required outside demo mode: Entra must reach the kiosk's callback receiver through a public https URL")]
    NoRelay,
    #[error("{0}")]
    Setup(String),
    #[error("the callback receiver could not start: {0}")]
    Receiver(#[from] verified_id::callback::ReceiverError),
}

/// The running clients, for the admin screen's *Test connection*.
#[derive(Clone)]
pub struct ServiceClients {
    pub entra: Arc<verified_id::VerifiedIdClient>,
    pub onekosmos: Arc<onekosmos::OneKosmosClient>,
}

/// The clients production mode runs; dropping it stops the callback receiver.
pub struct ProductionServices {
    pub issuing: Arc<EntraIssuing>,
    pub proofing: Arc<OneKosmosProofing>,
    pub clients: ServiceClients,
    _receiver: Arc<verified_id::callback::CallbackReceiver>,
}

fn secret(
    store: &dyn SecretStore,
    which: Secret,
) -> Result<secrecy::SecretString, ProductionError> {
    store
        .get(which)?
        .ok_or(ProductionError::MissingSecret(which))
}

impl ProductionServices {
    pub async fn start(
        config: &KioskConfig,
        store: &dyn SecretStore,
    ) -> Result<Self, ProductionError> {
        let relay = config
            .callback
            .relay_url
            .as_deref()
            .ok_or(ProductionError::NoRelay)?;
        let relay = Url::parse(relay).map_err(|_| ProductionError::NoRelay)?;
        let receiver = Arc::new(
            verified_id::callback::CallbackReceiver::bind(
                SocketAddr::from(([127, 0, 0, 1], config.callback.listen_port)),
                Some(relay),
            )
            .await?,
        );

        let entra_client = Arc::new(
            administration::connection::entra_client(
                config,
                secret(store, Secret::EntraClientSecret)?,
            )
            .map_err(|e| ProductionError::Setup(e.to_string()))?,
        );
        let issuing = Arc::new(EntraIssuing::new(entra_client.clone(), receiver.clone()));
        let onekosmos_client = Arc::new(
            administration::connection::onekosmos_client(
                config,
                secret(store, Secret::OneKosmosLicenseKey)?,
            )
            .map_err(|e| ProductionError::Setup(e.to_string()))?,
        );
        let kosmos = &config.onekosmos;
        let proofing = Arc::new(OneKosmosProofing::new(
            onekosmos_client.clone(),
            kosmos.dl_verify,
        ));
        Ok(Self {
            issuing,
            proofing,
            clients: ServiceClients {
                entra: entra_client,
                onekosmos: onekosmos_client,
            },
            _receiver: receiver,
        })
    }
}

/// The session settings a configuration asks for.
pub fn session_settings(config: &KioskConfig) -> enrollment::SessionSettings {
    let kiosk = &config.kiosk;
    enrollment::SessionSettings {
        kiosk_mode: match kiosk.mode {
            kiosk_config::KioskMode::Staffed => enrollment::settings::KioskMode::Staffed,
            kiosk_config::KioskMode::Lobby => enrollment::settings::KioskMode::Lobby,
        },
        journey: match config.onekosmos.journey {
            JourneySetting::KycWithSelfie => enrollment::Journey::KycWithSelfie,
            JourneySetting::DocumentOnly => enrollment::Journey::DocumentOnly,
        },
        allowed_email_domains: kiosk
            .allowed_email_domains
            .iter()
            .map(|d| d.to_ascii_lowercase())
            .collect(),
        idle_warning_after: std::time::Duration::from_secs(kiosk.idle_warning_secs),
        idle_reset_after: std::time::Duration::from_secs(kiosk.idle_reset_secs),
        max_proofing_attempts: kiosk.max_proofing_attempts,
        max_offer_reissues: kiosk.max_offer_reissues,
        kiosk_capture_reads_mrz: false,
        demo: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> KioskConfig {
        let text = include_str!("../../docs/config.example.toml");
        KioskConfig::parse(text).expect("the example is valid")
    }

    #[test]
    fn the_configuration_becomes_session_settings() {
        let settings = session_settings(&example());
        assert!(!settings.demo);
        assert_eq!(settings.allowed_email_domains, ["contoso.com"]);
        assert_eq!(settings.idle_warning_after.as_secs(), 90);
        assert_eq!(settings.max_proofing_attempts, 3);
    }

    #[tokio::test]
    async fn missing_secrets_say_how_to_store_them() {
        let store = kiosk_config::MemoryStore::default();
        let mut config = example();
        config.callback.listen_port = 0;
        let error = ProductionServices::start(&config, &store)
            .await
            .err()
            .expect("no secrets stored");
        let message = error.to_string();
        assert!(message.contains("Entra client secret"), "{message}");
        assert!(
            message.contains("--store-secret entra-client-secret"),
            "{message}"
        );
    }
}
