//! The wizard's form and the configuration file, both ways. Validation is the configuration's
//! own (one set of rules for the file and the screen), plus the secrets the form must bring.

use enrollment::language::{Language, Phrase, PhraseArg};
use kiosk_config::{
    AdminSection, CallbackSection, CameraSection, ConfigError, EntraSection, FieldWords,
    JourneySetting, KioskConfig, KioskMode, KioskSection, LobbyCapture, OneKosmosSection,
    UnattestedDocument, UpdatesSection,
};

use crate::view::{
    FieldProblem, JourneyChoice, KioskModeChoice, LobbyCaptureChoice, SettingsForm,
    UnattestedChoice,
};

/// The form's key for the Entra client secret (not a configuration key: it is not in the file).
pub const CLIENT_SECRET_FIELD: &str = "secrets.entra_client_secret";
/// The form's key for the 1Kosmos license key.
pub const LICENSE_KEY_FIELD: &str = "secrets.onekosmos_license_key";

/// A configuration problem in the admin screen's words.
pub fn field_problem(problem: &ConfigError) -> FieldProblem {
    match problem {
        ConfigError::Field { field, words, .. } => FieldProblem {
            field: field.to_string(),
            problem: phrase(words, words.problem),
            fix: phrase(words, words.fix),
        },
        other => FieldProblem {
            field: String::new(),
            problem: Phrase::new("admin-problem-config").with("detail", other.to_string()),
            fix: Phrase::new("admin-fix-config"),
        },
    }
}

/// One of the two messages of `words`, with their arguments: a range and its value as
/// numbers (so each language writes them its way), anything else (typed, or technical like
/// Argon2 costs) as the text it is.
fn phrase(words: &FieldWords, id: &str) -> Phrase {
    let numeric = |name: &str| {
        matches!(name, "min" | "max")
            || (name == "value" && words.problem == "admin-problem-outside-range")
    };
    words
        .args
        .iter()
        .fold(Phrase::new(id), |phrase, (name, value)| {
            match value.parse::<i64>() {
                Ok(number) if numeric(name) => phrase.with(name, PhraseArg::Number(number)),
                _ => phrase.with(name, value.as_str()),
            }
        })
}

fn required(field: &str, fix: &str) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        problem: Phrase::new("admin-problem-required"),
        fix: Phrase::new(fix),
    }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl SettingsForm {
    /// The form a first run starts from: the kiosk's defaults, the services' fields empty.
    pub fn first_run() -> Self {
        let kiosk = KioskSection::default();
        let mut form = Self::default();
        form.credential_type = crate::credential_definition::DEFAULT_CREDENTIAL_TYPE.into();
        form.client_name = "Enrollment Kiosk".into();
        form.pin_length = 4;
        form.community = "default".into();
        form.idle_warning_secs = kiosk.idle_warning_secs as u32;
        form.idle_reset_secs = kiosk.idle_reset_secs as u32;
        form.max_proofing_attempts = kiosk.max_proofing_attempts;
        form.max_offer_reissues = kiosk.max_offer_reissues;
        form
    }

    /// The form showing a configuration; the secrets are left empty (they stay in the store).
    pub fn from_config(config: &KioskConfig) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        Self {
            tenant_id: config.entra.tenant_id.clone(),
            client_id: config.entra.client_id.clone(),
            client_secret: String::new(),
            issuer_did: config.entra.issuer_did.clone(),
            manifest_url: config.entra.manifest_url.clone(),
            credential_type: config.entra.credential_type.clone(),
            client_name: config.entra.client_name.clone(),
            pin_length: config.entra.pin_length,
            photo_claim: text(&config.entra.photo_claim),
            onekosmos_tenant_dns: config.onekosmos.tenant_dns.clone(),
            community: config.onekosmos.community.clone(),
            license_key: String::new(),
            journey: match config.onekosmos.journey {
                JourneySetting::KycWithSelfie => JourneyChoice::KycWithSelfie,
                JourneySetting::DocumentOnly => JourneyChoice::DocumentOnly,
            },
            dvc_id_kyc_with_selfie: text(&config.onekosmos.dvc_id_kyc_with_selfie),
            dvc_id_document_only: text(&config.onekosmos.dvc_id_document_only),
            id_proofing_flow_url: text(&config.onekosmos.id_proofing_flow_url),
            dl_verify: config.onekosmos.dl_verify,
            kiosk_mode: match config.kiosk.mode {
                KioskMode::Staffed => KioskModeChoice::Staffed,
                KioskMode::Lobby => KioskModeChoice::Lobby,
            },
            lobby_capture: match config.kiosk.lobby_capture {
                LobbyCapture::Phone => LobbyCaptureChoice::Phone,
                LobbyCapture::KioskCameraIal1 => LobbyCaptureChoice::KioskCameraIal1,
            },
            unattested_document: match config.kiosk.unattested_document {
                UnattestedDocument::ContinueAtIal1 => UnattestedChoice::ContinueAtIal1,
                UnattestedDocument::End => UnattestedChoice::End,
            },
            language: Language::from_tag(&config.kiosk.language).unwrap_or_default(),
            idle_warning_secs: config.kiosk.idle_warning_secs.min(u32::MAX as u64) as u32,
            idle_reset_secs: config.kiosk.idle_reset_secs.min(u32::MAX as u64) as u32,
            max_proofing_attempts: config.kiosk.max_proofing_attempts,
            max_offer_reissues: config.kiosk.max_offer_reissues,
            allowed_email_domains: config.kiosk.allowed_email_domains.join(", "),
            relay_url: text(&config.callback.relay_url),
            kiosk_id: text(&config.callback.kiosk_id),
            update_endpoint: text(&config.updates.endpoint),
            update_pubkey: text(&config.updates.pubkey),
        }
    }

    /// The configuration this form describes; the admin PIN hash and the camera choice come
    /// from elsewhere (they have their own screens).
    pub fn to_config(&self, admin: AdminSection, camera: CameraSection) -> KioskConfig {
        KioskConfig {
            entra: EntraSection {
                tenant_id: self.tenant_id.trim().to_string(),
                client_id: self.client_id.trim().to_string(),
                issuer_did: self.issuer_did.trim().to_string(),
                manifest_url: self.manifest_url.trim().to_string(),
                credential_type: self.credential_type.trim().to_string(),
                client_name: self.client_name.trim().to_string(),
                pin_length: self.pin_length,
                photo_claim: optional(&self.photo_claim),
            },
            onekosmos: OneKosmosSection {
                tenant_dns: self.onekosmos_tenant_dns.trim().to_string(),
                community: self.community.trim().to_string(),
                journey: match self.journey {
                    JourneyChoice::KycWithSelfie => JourneySetting::KycWithSelfie,
                    JourneyChoice::DocumentOnly => JourneySetting::DocumentOnly,
                },
                dvc_id_kyc_with_selfie: optional(&self.dvc_id_kyc_with_selfie),
                dvc_id_document_only: optional(&self.dvc_id_document_only),
                id_proofing_flow_url: optional(&self.id_proofing_flow_url),
                dl_verify: self.dl_verify,
            },
            kiosk: KioskSection {
                mode: match self.kiosk_mode {
                    KioskModeChoice::Staffed => KioskMode::Staffed,
                    KioskModeChoice::Lobby => KioskMode::Lobby,
                },
                lobby_capture: match self.lobby_capture {
                    LobbyCaptureChoice::Phone => LobbyCapture::Phone,
                    LobbyCaptureChoice::KioskCameraIal1 => LobbyCapture::KioskCameraIal1,
                },
                unattested_document: match self.unattested_document {
                    UnattestedChoice::ContinueAtIal1 => UnattestedDocument::ContinueAtIal1,
                    UnattestedChoice::End => UnattestedDocument::End,
                },
                idle_warning_secs: self.idle_warning_secs.into(),
                idle_reset_secs: self.idle_reset_secs.into(),
                max_proofing_attempts: self.max_proofing_attempts,
                max_offer_reissues: self.max_offer_reissues,
                language: self.language.tag().to_string(),
                allowed_email_domains: self
                    .allowed_email_domains
                    .split([',', ' ', ';', '\n'])
                    .map(|domain| domain.trim().trim_start_matches('@').to_ascii_lowercase())
                    .filter(|domain| !domain.is_empty())
                    .collect(),
            },
            callback: CallbackSection {
                relay_url: optional(&self.relay_url),
                kiosk_id: optional(&self.kiosk_id),
            },
            admin,
            updates: UpdatesSection {
                endpoint: optional(&self.update_endpoint),
                pubkey: optional(&self.update_pubkey),
            },
            camera,
            // Verify mode has no form yet: the console keeps the file's section.
            verify: kiosk_config::VerifySection::default(),
        }
    }

    /// Every problem of the form. `stored` says which secrets the credential store already
    /// holds: a secret left empty keeps the stored one, so it is only required when absent.
    pub fn problems(&self, config: &KioskConfig, stored: StoredSecrets) -> Vec<FieldProblem> {
        let mut problems: Vec<FieldProblem> = config.problems().iter().map(field_problem).collect();
        if config.callback.relay_url.is_none() {
            problems.push(required(
                "callback.relay_url",
                "admin-fix-relay-url-required",
            ));
        }
        if self.client_secret.trim().is_empty() && !stored.client_secret {
            problems.push(required(CLIENT_SECRET_FIELD, "admin-fix-client-secret"));
        }
        if self.license_key.trim().is_empty() && !stored.license_key {
            problems.push(required(LICENSE_KEY_FIELD, "admin-fix-license-key"));
        }
        problems
    }
}

/// Which secrets the credential store holds already.
#[derive(Clone, Copy, Debug, Default)]
pub struct StoredSecrets {
    pub client_secret: bool,
    pub license_key: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> KioskConfig {
        KioskConfig::parse(include_str!("../../../docs/config.example.toml")).unwrap()
    }

    #[test]
    fn a_configuration_survives_the_form_both_ways() {
        let config = example();
        let form = SettingsForm::from_config(&config);
        assert!(form.client_secret.is_empty() && form.license_key.is_empty());
        assert_eq!(
            form.to_config(config.admin.clone(), config.camera.clone()),
            config
        );
        let stored = StoredSecrets {
            client_secret: true,
            license_key: true,
        };
        assert_eq!(form.problems(&config, stored), []);
    }

    #[test]
    fn the_first_run_form_names_each_missing_value() {
        let form = SettingsForm::first_run();
        let config = form.to_config(AdminSection::default(), CameraSection::default());
        let fields: Vec<String> = form
            .problems(&config, StoredSecrets::default())
            .into_iter()
            .map(|p| p.field)
            .collect();
        for expected in [
            "entra.tenant_id",
            "entra.client_id",
            "entra.issuer_did",
            "entra.manifest_url",
            "onekosmos.tenant_dns",
            "onekosmos.dvc_id_kyc_with_selfie",
            "callback.relay_url",
            CLIENT_SECRET_FIELD,
            LICENSE_KEY_FIELD,
        ] {
            assert!(
                fields.iter().any(|f| f == expected),
                "{expected}: {fields:?}"
            );
        }
        assert!(
            !fields.iter().any(|f| f.starts_with("kiosk.")),
            "{fields:?}"
        );
    }

    #[test]
    fn the_language_survives_the_form_and_a_problem_comes_as_words() {
        let mut form = SettingsForm::from_config(&example());
        assert_eq!(form.language, Language::English);
        form.language = Language::CanadianFrench;
        let config = form.to_config(AdminSection::default(), CameraSection::default());
        assert_eq!(config.kiosk.language, "fr-CA");
        assert_eq!(
            SettingsForm::from_config(&config).language,
            Language::CanadianFrench
        );

        form.idle_reset_secs = 1;
        form.tenant_id = "12345678".into();
        let config = form.to_config(AdminSection::default(), CameraSection::default());
        let problems = form.problems(&config, StoredSecrets::default());
        let tenant = problems
            .iter()
            .find(|p| p.field == "entra.tenant_id")
            .unwrap();
        assert_eq!(
            tenant.problem,
            Phrase::new("admin-problem-not-guid").with("value", "12345678"),
            "a typed value stays text"
        );
        assert_eq!(
            tenant.fix,
            Phrase::new("admin-fix-entra-tenant-id").with("value", "12345678")
        );
        let reset = problems
            .iter()
            .find(|p| p.field == "kiosk.idle_reset_secs")
            .unwrap();
        assert_eq!(
            reset.problem,
            Phrase::new("admin-problem-outside-range")
                .with("value", 1u32)
                .with("min", 5u32)
                .with("max", 600u32)
        );
        let secret = problems
            .iter()
            .find(|p| p.field == CLIENT_SECRET_FIELD)
            .unwrap();
        assert_eq!(secret.fix, Phrase::new("admin-fix-client-secret"));
    }

    #[test]
    fn domains_are_listed_however_they_are_typed() {
        let mut form = SettingsForm::from_config(&example());
        form.allowed_email_domains = "@Contoso.com, fabrikam.com;  northwind.org\n".into();
        let config = form.to_config(AdminSection::default(), CameraSection::default());
        assert_eq!(
            config.kiosk.allowed_email_domains,
            ["contoso.com", "fabrikam.com", "northwind.org"]
        );
    }
}
