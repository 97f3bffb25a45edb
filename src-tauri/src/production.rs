//! Production mode: the real clients, built from the validated configuration file and the
//! secrets in the OS credential store (by `administration::clients`, as *Test connection*
//! builds them), and the callback receiver behind the relay.

use std::net::SocketAddr;
use std::sync::Arc;

use administration::clients::{stored_secret, ClientSetupError};
use administration::ServiceClients;
use enrollment_relay::subscriber::{self, SubscriberConfig};
use enrollment_relay::{KioskId, KioskToken};
use enrollment_runtime::adapters::entra::EntraIssuing;
use enrollment_runtime::adapters::entra_verify::{EntraVerifying, VerifyPolicy};
use enrollment_runtime::adapters::onekosmos::OneKosmosProofing;
use enrollment_runtime::adapters::relay::{RelayLink, RelayLinkError};
use kiosk_config::{JourneySetting, KioskConfig, Secret, SecretStore};
use secrecy::ExposeSecret;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum ProductionError {
    #[error("callback.relay_url and callback.kiosk_id are required outside demo mode: Entra posts callbacks to the relay, and the kiosk subscribes to them there")]
    NoRelay,
    #[error("callback.kiosk_id: {0}")]
    KioskId(String),
    #[error(transparent)]
    Clients(#[from] ClientSetupError),
    #[error("the callback receiver could not start: {0}")]
    Receiver(#[from] verified_id::callback::ReceiverError),
    #[error(transparent)]
    Relay(#[from] RelayLinkError),
}

/// The clients production mode runs; dropping it ends the relay subscription and stops the
/// callback receiver.
pub struct ProductionServices {
    pub issuing: Arc<EntraIssuing>,
    pub verifying: Arc<EntraVerifying>,
    pub proofing: Arc<OneKosmosProofing>,
    pub clients: ServiceClients,
    pub relay: Arc<RelayStatus>,
    _receiver: Arc<verified_id::callback::CallbackReceiver>,
}

/// The relay subscription as the admin screen shows it.
pub struct RelayStatus {
    pub relay_url: Url,
    pub kiosk: KioskId,
    pub callback_url: Url,
    pub token: KioskToken,
    pub link: RelayLink,
}

impl ProductionServices {
    pub async fn start(
        config: &KioskConfig,
        store: &dyn SecretStore,
    ) -> Result<Self, ProductionError> {
        let (Some(relay_url), Some(kiosk)) = (
            config.callback.relay_url.as_deref(),
            config.callback.kiosk_id.as_deref(),
        ) else {
            return Err(ProductionError::NoRelay);
        };
        let relay_url = Url::parse(relay_url).map_err(|_| ProductionError::NoRelay)?;
        let kiosk = KioskId::parse(kiosk).map_err(|e| ProductionError::KioskId(e.to_string()))?;
        let clients = ServiceClients::from_config(config, store)?;
        let token = KioskToken::new(
            stored_secret(store, Secret::RelayToken)?
                .expose_secret()
                .trim()
                .to_string(),
        );
        // Entra posts to the relay; the receiver takes the same path on loopback, where only
        // the relay link delivers to it.
        let callback_url = subscriber::callback_url(&relay_url, &kiosk);
        let receiver = Arc::new(
            verified_id::callback::CallbackReceiver::bind(
                SocketAddr::from(([127, 0, 0, 1], 0)),
                Some(callback_url.clone()),
            )
            .await?,
        );
        let link = RelayLink::start(
            SubscriberConfig::new(relay_url.clone(), kiosk.clone(), token.clone()),
            &receiver,
        )?;
        let issuing = Arc::new(EntraIssuing::new(clients.entra.clone(), receiver.clone()));
        let verifying = Arc::new(EntraVerifying::new(
            clients.entra.clone(),
            receiver.clone(),
            verify_policy(config),
        ));
        let proofing = Arc::new(
            OneKosmosProofing::new(clients.onekosmos.clone(), config.onekosmos.dl_verify)
                .with_photo_claim(config.entra.photo_claim.is_some()),
        );
        Ok(Self {
            issuing,
            verifying,
            proofing,
            clients,
            relay: Arc::new(RelayStatus {
                relay_url,
                kiosk,
                callback_url,
                token,
                link,
            }),
            _receiver: receiver,
        })
    }
}

/// What verify mode asks a presented card to be, from `[verify]` (and `[entra]` for what it
/// leaves out).
pub fn verify_policy(config: &KioskConfig) -> VerifyPolicy {
    VerifyPolicy {
        authority: config.entra.issuer_did.clone(),
        client_name: config.entra.client_name.clone(),
        issued_type: config.entra.credential_type.clone(),
        credential_types: config.verify_credential_types(),
        accepted_issuers: config.verify_accepted_issuers(),
        face_check: config
            .verify_face_check_claim()
            .map(|claim| (claim.to_string(), config.verify.face_check_threshold)),
        required_claim_values: config
            .verify
            .required_claim_values
            .iter()
            .map(|(claim, values)| (claim.clone(), values.clone()))
            .collect(),
        shown_claims: config.verify.shown_claims.clone(),
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
        photo_claim: config.entra.photo_claim.clone(),
        verify_in_lobby: config.verify.in_lobby,
        check_new_card: config.verify.check_new_card,
        // Validated when the file was loaded: one of the tags the kiosk speaks.
        language: enrollment::language::Language::from_tag(&kiosk.language).unwrap_or_default(),
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
        assert!(!settings.check_new_card);
    }

    #[test]
    fn verify_mode_asks_for_the_kiosks_own_card_with_face_check_by_default() {
        let policy = verify_policy(&example());
        assert_eq!(policy.credential_types, ["VerifiedEnrollment"]);
        assert_eq!(policy.accepted_issuers, ["did:web:verifiedid.contoso.com"]);
        assert_eq!(policy.face_check, Some(("photo".to_string(), 70)));
        assert_eq!(policy.shown_claims[0], "given_name");
    }

    #[tokio::test]
    async fn missing_secrets_say_how_to_store_them() {
        let store = kiosk_config::MemoryStore::default();
        let config = example();
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
