//! Production mode: the real clients, built from the validated configuration file and the
//! secrets in the OS credential store (by `administration::clients`, as *Test connection*
//! builds them), and the callback receiver behind the relay.

use std::net::SocketAddr;
use std::sync::Arc;

use administration::clients::ClientSetupError;
use administration::ServiceClients;
use enrollment_runtime::adapters::entra::EntraIssuing;
use enrollment_runtime::adapters::onekosmos::OneKosmosProofing;
use kiosk_config::{JourneySetting, KioskConfig, SecretStore};
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum ProductionError {
    #[error("callback.relay_url is required outside demo mode: Entra must reach the kiosk's callback receiver through a public https URL")]
    NoRelay,
    #[error(transparent)]
    Clients(#[from] ClientSetupError),
    #[error("the callback receiver could not start: {0}")]
    Receiver(#[from] verified_id::callback::ReceiverError),
}

/// The clients production mode runs; dropping it stops the callback receiver.
pub struct ProductionServices {
    pub issuing: Arc<EntraIssuing>,
    pub proofing: Arc<OneKosmosProofing>,
    pub clients: ServiceClients,
    _receiver: Arc<verified_id::callback::CallbackReceiver>,
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
        let clients = ServiceClients::from_config(config, store)?;
        let issuing = Arc::new(EntraIssuing::new(clients.entra.clone(), receiver.clone()));
        let proofing = Arc::new(OneKosmosProofing::new(
            clients.onekosmos.clone(),
            config.onekosmos.dl_verify,
        ));
        Ok(Self {
            issuing,
            proofing,
            clients,
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
        lobby_kiosk_camera: kiosk.lobby_capture == kiosk_config::LobbyCapture::KioskCameraIal1,
        unattested: match kiosk.unattested_document {
            kiosk_config::UnattestedDocument::ContinueAtIal1 => {
                enrollment::settings::UnattestedDocument::ContinueAtIal1
            }
            kiosk_config::UnattestedDocument::End => enrollment::settings::UnattestedDocument::End,
        },
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
