use std::path::Path;

use serde::{Deserialize, Serialize};
use url::Url;

pub const CONFIG_FILE_NAME: &str = "config.toml";

/// The whole file. Unknown keys are refused, so a typo never silently falls back to a default.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    pub entra: EntraSection,
    pub onekosmos: OneKosmosSection,
    #[serde(default)]
    pub kiosk: KioskSection,
    #[serde(default)]
    pub callback: CallbackSection,
    #[serde(default)]
    pub admin: AdminSection,
    #[serde(default)]
    pub updates: UpdatesSection,
    #[serde(default)]
    pub camera: CameraSection,
    #[serde(default)]
    pub verify: VerifySection,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntraSection {
    pub tenant_id: String,
    pub client_id: String,
    pub issuer_did: String,
    pub manifest_url: String,
    pub credential_type: String,
    #[serde(default = "default_client_name")]
    pub client_name: String,
    /// Digits of the PIN shown beside the QR; 0 turns the PIN off.
    #[serde(default = "default_pin_length")]
    pub pin_length: u8,
    /// The credential's photo claim (e.g. `photo`): the proofed selfie, cropped to the photo
    /// rules, goes on the card, so Face Check can be used with it. Off when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_claim: Option<String>,
}

fn default_client_name() -> String {
    "Enrollment Kiosk".into()
}

fn default_pin_length() -> u8 {
    4
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OneKosmosSection {
    pub tenant_dns: String,
    #[serde(default = "default_community")]
    pub community: String,
    pub journey: JourneySetting,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dvc_id_kyc_with_selfie: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dvc_id_document_only: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_proofing_flow_url: Option<String>,
    /// Run `dl_verify` (AAMVA DMV check) for US licenses captured at the kiosk.
    #[serde(default)]
    pub dl_verify: bool,
}

fn default_community() -> String {
    "default".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JourneySetting {
    KycWithSelfie,
    DocumentOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum KioskMode {
    #[default]
    Staffed,
    Lobby,
}

/// What a lobby (unattended) kiosk does when someone wants to photograph their document with
/// the kiosk's camera. Nobody inspects the document there, so it can never be IAL2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LobbyCapture {
    /// The phone's hosted session, which authenticates the document (IAL2 possible).
    #[default]
    Phone,
    /// The kiosk camera, and the credential says IAL1.
    KioskCameraIal1,
}

/// What a staffed kiosk does when the operator cannot attest a document photographed with
/// the kiosk camera (security features missing, signs of alteration, portrait not the person).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnattestedDocument {
    /// Verify anyway; the credential says IAL1.
    #[default]
    ContinueAtIal1,
    /// End the enrollment; nothing is sent for verification.
    End,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct KioskSection {
    pub mode: KioskMode,
    /// Lobby mode only: the phone (default) or the kiosk camera at IAL1.
    pub lobby_capture: LobbyCapture,
    /// Staffed mode only: when the operator cannot attest the document.
    pub unattested_document: UnattestedDocument,
    pub idle_warning_secs: u64,
    pub idle_reset_secs: u64,
    pub max_proofing_attempts: u32,
    pub max_offer_reissues: u32,
    pub allowed_email_domains: Vec<String>,
    /// The kiosk's language, one of [`LANGUAGES`]: Welcome starts in it (the employee may
    /// choose another there), and the staff and administration screens always use it.
    pub language: String,
}

/// The languages the kiosk speaks, by the tags `kiosk.language` takes.
pub const LANGUAGES: [&str; 3] = ["en", "es", "fr-CA"];

/// The tag of [`LANGUAGES`] that `tag` names, whatever its letter case.
pub fn language_tag(tag: &str) -> Option<&'static str> {
    LANGUAGES
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(tag.trim()))
}

impl Default for KioskSection {
    fn default() -> Self {
        Self {
            mode: KioskMode::Staffed,
            lobby_capture: LobbyCapture::Phone,
            unattested_document: UnattestedDocument::ContinueAtIal1,
            idle_warning_secs: 90,
            idle_reset_secs: 30,
            max_proofing_attempts: 3,
            max_offer_reissues: 2,
            allowed_email_domains: Vec::new(),
            language: "en".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct CallbackSection {
    /// The public HTTPS URL of the callback relay (`enrollment-relay`): Entra posts this
    /// kiosk's callbacks to `{relay_url}/callback/{kiosk_id}`, and the kiosk subscribes to them
    /// over an outbound connection, so nothing needs to reach the kiosk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_url: Option<String>,
    /// This kiosk's name at the relay; its token (`enrollment-relay kiosk-token KIOSK_ID`) is
    /// in the credential store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kiosk_id: Option<String>,
}

/// The relay's kiosk-id rule (`enrollment_relay::KioskId`): 1–64 letters, digits, `-` or `_`,
/// starting with a letter or digit, so it is one plain URL path segment.
pub fn is_kiosk_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct AdminSection {
    /// The admin PIN as an Argon2id PHC string (`$argon2id$…`), never the PIN itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin_hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct UpdatesSection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pubkey: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct CameraSection {
    /// The webcam chosen on the admin screen, by the name the system gives it; the first
    /// camera found is used when this one is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
}

/// Verify mode: checking a Verified ID presented from Authenticator (a presentation request,
/// with Face Check against the card's photo when there is one).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct VerifySection {
    /// Lobby kiosks offer verify mode on Welcome only when this is true; a staffed desk
    /// always does.
    pub in_lobby: bool,
    /// Credential types accepted; empty: `entra.credential_type`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub credential_types: Vec<String>,
    /// Issuer DIDs accepted; empty: `entra.issuer_did`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted_issuers: Vec<String>,
    /// Face Check against the card's photo claim. Absent: on when there is a photo claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub face_check: Option<bool>,
    /// Face Check's match confidence threshold, 50–100.
    pub face_check_threshold: u8,
    /// The card's photo claim; absent: `entra.photo_claim`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo_claim: Option<String>,
    /// The verified claims shown to staff, in this order.
    pub shown_claims: Vec<String>,
    /// Claim constraints: a card is accepted only when each named claim has one of the values.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub required_claim_values: std::collections::BTreeMap<String, Vec<String>>,
    /// Right after issuance, ask for the new card back with Face Check.
    pub check_new_card: bool,
}

/// Face Check's threshold when none is configured (Microsoft's default).
pub const DEFAULT_FACE_CHECK_THRESHOLD: u8 = 70;

impl Default for VerifySection {
    fn default() -> Self {
        Self {
            in_lobby: false,
            credential_types: Vec::new(),
            accepted_issuers: Vec::new(),
            face_check: None,
            face_check_threshold: DEFAULT_FACE_CHECK_THRESHOLD,
            photo_claim: None,
            shown_claims: [
                "given_name",
                "family_name",
                "email",
                "assurance_level",
                "verified_at",
            ]
            .map(String::from)
            .to_vec(),
            required_claim_values: std::collections::BTreeMap::new(),
            check_new_card: false,
        }
    }
}

impl KioskConfig {
    /// The credential types verify mode accepts.
    pub fn verify_credential_types(&self) -> Vec<String> {
        match self.verify.credential_types.is_empty() {
            true => vec![self.entra.credential_type.clone()],
            false => self.verify.credential_types.clone(),
        }
    }

    /// The issuers verify mode accepts.
    pub fn verify_accepted_issuers(&self) -> Vec<String> {
        match self.verify.accepted_issuers.is_empty() {
            true => vec![self.entra.issuer_did.clone()],
            false => self.verify.accepted_issuers.clone(),
        }
    }

    /// The photo claim Face Check compares against, when verify mode uses Face Check.
    pub fn verify_face_check_claim(&self) -> Option<&str> {
        let claim = self
            .verify
            .photo_claim
            .as_deref()
            .or(self.entra.photo_claim.as_deref());
        match self.verify.face_check {
            Some(false) => None,
            _ => claim,
        }
    }
}

fn is_claim_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A problem with the configuration, naming the field and saying how to fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("the configuration file {path} could not be read: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("the configuration file {path} could not be written: {reason}")]
    Unwritable { path: String, reason: String },
    #[error("the configuration file is not valid TOML or has an unknown or mistyped key: {0}")]
    Syntax(String),
    /// `problem` and `fix` in English, for the log and standard error; `words` for the admin
    /// screen, in the kiosk's language.
    #[error("{field}: {problem}. {fix}")]
    Field {
        field: &'static str,
        problem: String,
        fix: &'static str,
        words: FieldWords,
    },
}

/// What the admin screen says about a field problem, in any language: what is wrong and what
/// to do, each a message of the admin translation files (`ui/locales/*/admin.ftl`), and their
/// arguments (the value as typed, a range). The form's own words, so a fix can speak of the
/// form where the file's English speaks of TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldWords {
    /// E.g. `admin-problem-not-guid`.
    pub problem: &'static str,
    /// E.g. `admin-fix-entra-tenant-id`.
    pub fix: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl FieldWords {
    pub fn new(problem: &'static str, fix: &'static str) -> Self {
        Self {
            problem,
            fix,
            args: Vec::new(),
        }
    }

    /// The same words with one more argument.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

fn field(
    field: &'static str,
    problem: impl Into<String>,
    fix: &'static str,
    words: FieldWords,
) -> ConfigError {
    ConfigError::Field {
        field,
        problem: problem.into(),
        fix,
        words,
    }
}

/// The words of a value outside `min..=max`.
fn outside(fix: &'static str, value: impl ToString, min: u64, max: u64) -> FieldWords {
    FieldWords::new("admin-problem-outside-range", fix)
        .with("value", value)
        .with("min", min)
        .with("max", max)
}

impl KioskConfig {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::parse(&text)
    }

    /// Parses and validates; the first problem found is returned.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let config: KioskConfig =
            toml::from_str(text).map_err(|e| ConfigError::Syntax(e.message().to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// The file's text, for [`KioskConfig::save`]. Secrets never appear: they are not fields.
    pub fn to_toml(&self) -> Result<String, ConfigError> {
        let body = toml::to_string_pretty(self).map_err(|e| ConfigError::Syntax(e.to_string()))?;
        Ok(format!(
            "# Enrollment Kiosk configuration, written by the admin screen. Secrets are in the\n\
             # operating system's credential store, not here.\n\n{body}"
        ))
    }

    /// Validates, then writes the file atomically (a new file renamed over the old), so a
    /// crash never leaves half a configuration behind.
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        self.validate()?;
        let text = self.to_toml()?;
        write_private_atomically(path, &text).map_err(|e| ConfigError::Unwritable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    /// The first problem, if any.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Every problem, in file order, so that a form can mark each field at once.
    pub fn problems(&self) -> Vec<ConfigError> {
        let mut problems = Vec::new();
        let mut check = |result: Result<(), ConfigError>| {
            if let Err(problem) = result {
                problems.push(problem);
            }
        };
        let entra = &self.entra;
        check(check_guid(
            "entra.tenant_id",
            &entra.tenant_id,
            "Copy the Directory (tenant) ID from the Entra admin center",
            "admin-fix-entra-tenant-id",
        ));
        check(check_guid(
            "entra.client_id",
            &entra.client_id,
            "Copy the Application (client) ID of the app registration",
            "admin-fix-entra-client-id",
        ));
        if !(entra.issuer_did.starts_with("did:web:") || entra.issuer_did.starts_with("did:ion:"))
            || entra.issuer_did.len() < 10
        {
            check(Err(field(
                "entra.issuer_did",
                format!(
                    "{:?} is not a did:web: or did:ion: identifier",
                    entra.issuer_did
                ),
                "Copy the Decentralized identifier (DID) from Verified ID > Organization settings",
                FieldWords::new("admin-problem-not-did", "admin-fix-entra-issuer-did")
                    .with("value", &entra.issuer_did),
            )));
        }
        check(check_https(
            "entra.manifest_url",
            &entra.manifest_url,
            "Copy the Manifest URL from the credential's page in Verified ID",
            "admin-fix-entra-manifest-url",
        ));
        if entra.credential_type.trim().is_empty() {
            check(Err(field(
                "entra.credential_type",
                "is empty",
                "Set the credential type of your custom credential, e.g. VerifiedEnrollment",
                FieldWords::new("admin-problem-empty", "admin-fix-entra-credential-type"),
            )));
        }
        if let Some(photo) = &entra.photo_claim {
            if !is_claim_name(photo) {
                check(Err(field(
                    "entra.photo_claim",
                    format!("{photo:?} is not a claim name"),
                    "Use the photo claim's name from the credential's rules, e.g. photo",
                    FieldWords::new("admin-problem-not-claim-name", "admin-fix-photo-claim")
                        .with("value", photo),
                )));
            }
        }
        if entra.pin_length != 0 && !(4..=16).contains(&entra.pin_length) {
            check(Err(field(
                "entra.pin_length",
                format!("{} is outside 4–16", entra.pin_length),
                "Use 4 to 16 digits, or 0 for no PIN",
                outside("admin-fix-entra-pin-length", entra.pin_length, 4, 16),
            )));
        }

        let onekosmos = &self.onekosmos;
        let dns = onekosmos.tenant_dns.trim();
        if dns.is_empty()
            || dns.contains("://")
            || !dns.contains('.')
            || !dns
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            check(Err(field(
                "onekosmos.tenant_dns",
                format!("{dns:?} is not a host name"),
                "Use the tenant's DNS name without https://, e.g. acme.1kosmos.net",
                FieldWords::new("admin-problem-not-host", "admin-fix-onekosmos-tenant-dns")
                    .with("value", dns),
            )));
        }
        if onekosmos.community.trim().is_empty() {
            check(Err(field(
                "onekosmos.community",
                "is empty",
                "Use the community name from the 1Kosmos admin console, often \"default\"",
                FieldWords::new("admin-problem-empty", "admin-fix-onekosmos-community"),
            )));
        }
        let (dvc_field, dvc) = match onekosmos.journey {
            JourneySetting::KycWithSelfie => (
                "onekosmos.dvc_id_kyc_with_selfie",
                &onekosmos.dvc_id_kyc_with_selfie,
            ),
            JourneySetting::DocumentOnly => (
                "onekosmos.dvc_id_document_only",
                &onekosmos.dvc_id_document_only,
            ),
        };
        if dvc.as_deref().is_none_or(|d| d.trim().is_empty()) {
            check(Err(field(
                dvc_field,
                "is missing for the chosen journey",
                "Copy the dvcID of this journey from the 1Kosmos admin console",
                FieldWords::new(
                    "admin-problem-missing-for-journey",
                    "admin-fix-onekosmos-dvc-id",
                ),
            )));
        }
        if let Some(url) = &onekosmos.id_proofing_flow_url {
            check(check_https(
                "onekosmos.id_proofing_flow_url",
                url,
                "Use the https:// ID proofing flow URL from 1Kosmos",
                "admin-fix-onekosmos-flow-url",
            ));
        }

        let kiosk = &self.kiosk;
        if !(15..=3600).contains(&kiosk.idle_warning_secs) {
            check(Err(field(
                "kiosk.idle_warning_secs",
                format!("{} is outside 15–3600", kiosk.idle_warning_secs),
                "Use 15 to 3600 seconds",
                outside("admin-fix-seconds", kiosk.idle_warning_secs, 15, 3600),
            )));
        }
        if !(5..=600).contains(&kiosk.idle_reset_secs) {
            check(Err(field(
                "kiosk.idle_reset_secs",
                format!("{} is outside 5–600", kiosk.idle_reset_secs),
                "Use 5 to 600 seconds",
                outside("admin-fix-seconds", kiosk.idle_reset_secs, 5, 600),
            )));
        }
        if !(1..=10).contains(&kiosk.max_proofing_attempts) {
            check(Err(field(
                "kiosk.max_proofing_attempts",
                format!("{} is outside 1–10", kiosk.max_proofing_attempts),
                "Use 1 to 10 attempts",
                outside("admin-fix-attempts", kiosk.max_proofing_attempts, 1, 10),
            )));
        }
        if kiosk.max_offer_reissues > 10 {
            check(Err(field(
                "kiosk.max_offer_reissues",
                format!("{} is over 10", kiosk.max_offer_reissues),
                "Use 0 to 10",
                outside("admin-fix-reissues", kiosk.max_offer_reissues, 0, 10),
            )));
        }
        for domain in &kiosk.allowed_email_domains {
            let valid = domain.contains('.')
                && !domain.starts_with('.')
                && !domain.contains('@')
                && domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if !valid {
                check(Err(field(
                    "kiosk.allowed_email_domains",
                    format!("{domain:?} is not a domain"),
                    "List domains without @, e.g. [\"contoso.com\"]",
                    FieldWords::new("admin-problem-not-domain", "admin-fix-email-domains")
                        .with("value", domain),
                )));
            }
        }

        if language_tag(&kiosk.language).is_none() {
            check(Err(field(
                "kiosk.language",
                format!("{:?} is not a language the kiosk speaks", kiosk.language),
                "Use \"en\" (English), \"es\" (Spanish) or \"fr-CA\" (French, Canada)",
                FieldWords::new("admin-problem-not-language", "admin-fix-language")
                    .with("value", &kiosk.language),
            )));
        }

        if let Some(url) = &self.callback.relay_url {
            check(
                check_https(
                    "callback.relay_url",
                    url,
                    "Use the public https:// URL of the callback relay",
                    "admin-fix-relay-url",
                )
                .and_then(|()| check_plain_route("callback.relay_url", url)),
            );
            if self.callback.kiosk_id.is_none() {
                check(Err(field(
                    "callback.kiosk_id",
                    "is missing",
                    "Name this kiosk for the relay (letters, digits, - and _), the name its token was made for",
                    FieldWords::new("admin-problem-missing", "admin-fix-kiosk-id-missing"),
                )));
            }
        }
        if let Some(id) = &self.callback.kiosk_id {
            if !is_kiosk_id(id) {
                check(Err(field(
                    "callback.kiosk_id",
                    format!("{id:?} is not a kiosk id"),
                    "Use 1 to 64 letters, digits, - or _, starting with a letter or digit",
                    FieldWords::new("admin-problem-not-kiosk-id", "admin-fix-kiosk-id")
                        .with("value", id),
                )));
            }
        }
        if let Some(hash) = &self.admin.pin_hash {
            match crate::pin::AdminPin::from_hash(hash) {
                Ok(_) => {}
                Err(crate::pin::PinError::WeakHash {
                    m_cost,
                    t_cost,
                    p_cost,
                }) => check(Err(field(
                    "admin.pin_hash",
                    format!(
                        "its Argon2id costs m={m_cost},t={t_cost},p={p_cost} are below the \
                         minimum m=19456 (KiB),t=2,p=1, so the PIN is quick to guess from a \
                         copy of the file"
                    ),
                    "Replace it with the line that `echo PIN | enrollment-kiosk --hash-admin-pin` prints",
                    FieldWords::new("admin-problem-weak-pin-hash", "admin-fix-pin-hash")
                        .with("m", m_cost)
                        .with("t", t_cost)
                        .with("p", p_cost),
                ))),
                Err(_) => check(Err(field(
                    "admin.pin_hash",
                    "is not a usable Argon2id hash",
                    "Set it with `enrollment-kiosk --hash-admin-pin`; never write the PIN itself in this file",
                    FieldWords::new("admin-problem-not-pin-hash", "admin-fix-pin-hash"),
                ))),
            }
        }
        let verify = &self.verify;
        if !(50..=100).contains(&verify.face_check_threshold) {
            check(Err(field(
                "verify.face_check_threshold",
                format!("{} is outside 50–100", verify.face_check_threshold),
                "Use 50 to 100; Microsoft's default is 70",
                outside(
                    "admin-fix-face-check-threshold",
                    verify.face_check_threshold,
                    50,
                    100,
                ),
            )));
        }
        if verify.face_check == Some(true) && self.verify_face_check_claim().is_none() {
            check(Err(field(
                "verify.face_check",
                "is on, but no photo claim is named",
                "Set entra.photo_claim (or verify.photo_claim) to the card's photo claim, or set verify.face_check = false",
                FieldWords::new("admin-problem-face-check-without-photo", "admin-fix-face-check"),
            )));
        }
        if let Some(photo) = &verify.photo_claim {
            if !is_claim_name(photo) {
                check(Err(field(
                    "verify.photo_claim",
                    format!("{photo:?} is not a claim name"),
                    "Use the photo claim's name from the credential's rules, e.g. photo",
                    FieldWords::new("admin-problem-not-claim-name", "admin-fix-photo-claim")
                        .with("value", photo),
                )));
            }
        }
        if verify.credential_types.iter().any(|t| t.trim().is_empty()) {
            check(Err(field(
                "verify.credential_types",
                "has an empty type",
                "List credential types, e.g. [\"VerifiedEnrollment\"], or leave it out",
                FieldWords::new(
                    "admin-problem-empty-entry",
                    "admin-fix-verify-credential-types",
                ),
            )));
        }
        if let Some(issuer) = verify
            .accepted_issuers
            .iter()
            .find(|i| !(i.starts_with("did:web:") || i.starts_with("did:ion:")) || i.len() < 10)
        {
            check(Err(field(
                "verify.accepted_issuers",
                format!("{issuer:?} is not a did:web: or did:ion: identifier"),
                "List issuer DIDs, e.g. [\"did:web:verifiedid.contoso.com\"], or leave it out",
                FieldWords::new("admin-problem-not-did", "admin-fix-verify-issuers")
                    .with("value", issuer),
            )));
        }
        let claim_lists = verify
            .shown_claims
            .iter()
            .map(|name| ("verify.shown_claims", name))
            .chain(
                verify
                    .required_claim_values
                    .keys()
                    .map(|name| ("verify.required_claim_values", name)),
            );
        for (list, name) in claim_lists {
            if !is_claim_name(name) {
                check(Err(field(
                    list,
                    format!("{name:?} is not a claim name"),
                    "Use claim names from the credential's rules, e.g. given_name",
                    FieldWords::new("admin-problem-not-claim-name", "admin-fix-claim-names")
                        .with("value", name),
                )));
            }
        }
        if let Some((name, _)) = verify
            .required_claim_values
            .iter()
            .find(|(_, values)| values.is_empty() || values.iter().any(|v| v.is_empty()))
        {
            check(Err(field(
                "verify.required_claim_values",
                format!("{name:?} lists no value, or an empty one"),
                "Give each claim the values a card may have, e.g. assurance_level = [\"IAL2\"]",
                FieldWords::new("admin-problem-no-values", "admin-fix-claim-values")
                    .with("value", name),
            )));
        }
        if let Some(url) = &self.updates.endpoint {
            check(check_https(
                "updates.endpoint",
                url,
                "Use the https:// URL of the update feed",
                "admin-fix-update-endpoint",
            ));
            if self
                .updates
                .pubkey
                .as_deref()
                .is_none_or(|k| k.trim().is_empty())
            {
                check(Err(field(
                    "updates.pubkey",
                    "is missing while an endpoint is set",
                    "Paste the public key that signs the updates",
                    FieldWords::new(
                        "admin-problem-missing-with-endpoint",
                        "admin-fix-update-pubkey",
                    ),
                )));
            }
        }
        problems
    }
}

/// Writes `text` to `path` atomically: a new file beside it (`NAME.partial`), synced, then
/// renamed over the old one, so a crash never leaves half a file behind. On unix only the
/// kiosk's account may read it (mode 0600). Creates the directory if needed.
pub(crate) fn write_private_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?
        .to_os_string();
    name.push(".partial");
    let partial = path.with_file_name(name);
    let _ = std::fs::remove_file(&partial);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Only the kiosk's account may read it: the configuration holds the admin PIN's hash.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&partial)?;
    let written = std::io::Write::write_all(&mut file, text.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&partial, path)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// Whether group or others may read or write the file at `path` (any of the unix mode bits
/// 0o066), so that the admin screen can warn: the configuration holds the admin PIN's hash.
/// `None` on platforms without such mode bits, or when the file's metadata cannot be read.
pub fn open_to_others(path: &Path) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        Some(mode & 0o066 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The admin screen's warning when [`open_to_others`] says so, naming the file and the fix.
pub fn permission_warning(path: &Path) -> Option<String> {
    open_to_others(path).filter(|open| *open).map(|_| {
        format!(
            "{} can be read or changed by other accounts on this computer, and it holds the \
             admin PIN's hash: run `chmod 600 {}` (saving the settings here also fixes it).",
            path.display(),
            path.display()
        )
    })
}

fn check_guid(
    name: &'static str,
    value: &str,
    fix: &'static str,
    fix_words: &'static str,
) -> Result<(), ConfigError> {
    let groups: Vec<&str> = value.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    let valid = groups.len() == 5
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()));
    if valid {
        Ok(())
    } else {
        Err(field(
            name,
            format!("{value:?} is not a GUID"),
            fix,
            FieldWords::new("admin-problem-not-guid", fix_words).with("value", value),
        ))
    }
}

/// The callback receiver routes its requests by the relay URL's path, and the router reads
/// a segment starting with `:` or `*`, or braces, as a pattern (and refuses to start).
fn check_plain_route(name: &'static str, value: &str) -> Result<(), ConfigError> {
    let path = Url::parse(value)
        .map(|url| url.path().to_string())
        .unwrap_or_default();
    let pattern = value.contains(['{', '}'])
        || path.contains(['{', '}'])
        || path
            .split('/')
            .any(|segment| segment.starts_with(':') || segment.starts_with('*'));
    if pattern {
        Err(field(
            name,
            format!(
                "{value:?} has a path that reads as a route pattern (a segment starting with \
                 ':' or '*', or a brace)"
            ),
            "Use a plain path, e.g. https://kiosk-relay.contoso.com/api/verified-id/callback",
            FieldWords::new("admin-problem-route-pattern", "admin-fix-plain-path")
                .with("value", value),
        ))
    } else {
        Ok(())
    }
}

fn check_https(
    name: &'static str,
    value: &str,
    fix: &'static str,
    fix_words: &'static str,
) -> Result<(), ConfigError> {
    match Url::parse(value) {
        Ok(url) if url.scheme() == "https" && url.host_str().is_some() => Ok(()),
        Ok(_) => Err(field(
            name,
            format!("{value:?} is not an https:// URL"),
            fix,
            FieldWords::new("admin-problem-not-https-url", fix_words).with("value", value),
        )),
        Err(_) => Err(field(
            name,
            format!("{value:?} is not a URL"),
            fix,
            FieldWords::new("admin-problem-not-url", fix_words).with("value", value),
        )),
    }
}
