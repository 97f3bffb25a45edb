//! What crosses IPC for the admin screen. Secrets travel only from the screen to the kiosk
//! (typed in the form), never back: the overview says whether each one is stored, not what
//! it is. Every sentence is a [`Phrase`] (a message of `ui/locales/*/admin.ftl` with its
//! arguments), which the screen says in the kiosk's language.

use enrollment::language::{Language, Phrase};
use enrollment::view::CommandError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroize;

/// Whether the admin screen can be opened, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AdminStatus {
    /// False on first run: the first step is choosing the admin PIN.
    pub pin_set: bool,
    pub unlocked: bool,
    /// Seconds until another PIN may be tried, after too many wrong ones.
    pub locked_out_seconds: Option<u32>,
    /// Why the admin screen cannot be opened at all (a configuration without a usable PIN).
    pub unavailable: Option<Phrase>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnlockOutcome {
    Accepted,
    Rejected { tries_before_lockout: u32 },
    LockedOut { retry_in_seconds: u32 },
}

/// Every setting of the wizard, as the form holds it. `client_secret` and `license_key` are
/// write-only: empty means "keep the stored one". `Debug` never shows them.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsForm {
    pub tenant_id: String,
    pub client_id: String,
    pub client_secret: String,
    pub issuer_did: String,
    pub manifest_url: String,
    pub credential_type: String,
    pub client_name: String,
    pub pin_length: u8,
    /// The credential's photo claim; empty sends no photo.
    pub photo_claim: String,
    pub onekosmos_tenant_dns: String,
    pub community: String,
    pub license_key: String,
    pub journey: JourneyChoice,
    pub dvc_id_kyc_with_selfie: String,
    pub dvc_id_document_only: String,
    pub id_proofing_flow_url: String,
    pub dl_verify: bool,
    pub kiosk_mode: KioskModeChoice,
    /// Lobby mode only: the phone, or the kiosk camera at IAL1.
    pub lobby_capture: LobbyCaptureChoice,
    /// Staffed mode only: when the operator cannot attest the document.
    pub unattested_document: UnattestedChoice,
    /// The kiosk's language: Welcome starts in it; staff and administration screens use it.
    pub language: Language,
    pub idle_warning_secs: u32,
    pub idle_reset_secs: u32,
    pub max_proofing_attempts: u32,
    pub max_offer_reissues: u32,
    /// Comma- or space-separated domains; empty allows any.
    pub allowed_email_domains: String,
    pub relay_url: String,
    /// This kiosk's name at the relay.
    pub kiosk_id: String,
    pub update_endpoint: String,
    pub update_pubkey: String,
}

impl std::fmt::Debug for SettingsForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsForm")
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("onekosmos_tenant_dns", &self.onekosmos_tenant_dns)
            .field("license_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Drop for SettingsForm {
    fn drop(&mut self) {
        self.client_secret.zeroize();
        self.license_key.zeroize();
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JourneyChoice {
    #[default]
    KycWithSelfie,
    DocumentOnly,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KioskModeChoice {
    #[default]
    Staffed,
    Lobby,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LobbyCaptureChoice {
    #[default]
    Phone,
    KioskCameraIal1,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnattestedChoice {
    #[default]
    ContinueAtIal1,
    End,
}

/// One problem with one field: `field` is the configuration key (`entra.tenant_id`), which the
/// form uses as the input's name; `problem` says what is wrong, `fix` what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Phrase,
    pub fix: Phrase,
}

/// What saving did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SaveOutcome {
    Saved {
        path: String,
    },
    Invalid {
        problems: Vec<FieldProblem>,
    },
    /// What failed and why, sentence by sentence.
    Failed {
        message: Vec<Phrase>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Entra,
    Onekosmos,
    Relay,
}

/// The kiosk's subscription at the callback relay (production mode).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RelayOverview {
    /// Where Entra posts this kiosk's callbacks.
    pub callback_url: String,
    pub kiosk_id: String,
    pub connected: bool,
    /// E.g. "Connected since 14:02:07 UTC", or why and since when it is reconnecting.
    pub state: Phrase,
}

/// The result of *Test connection*, step by step, in words an administrator can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ConnectionReport {
    pub service: Service,
    pub ok: bool,
    pub steps: Vec<CheckStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CheckStep {
    pub label: Phrase,
    pub ok: bool,
    /// What was found or what failed, then what to do, sentence by sentence.
    pub detail: Vec<Phrase>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SecretsStatus {
    pub client_secret_stored: bool,
    pub license_key_stored: bool,
    pub relay_token_stored: bool,
    /// Set when the credential store cannot be used at all.
    pub problem: Option<Phrase>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AuditDay {
    pub day: String,
    pub started: u32,
    pub proofed: u32,
    pub issued: u32,
    pub failed_total: u32,
    pub failures: Vec<FailureCount>,
    /// Documents staff attested, in all and per staff code; and those they could not.
    pub attested: u32,
    pub attestation_declined: u32,
    pub attested_by: Vec<StaffAttestations>,
    /// Presented cards that verified (verify mode and new-card checks), and those that did
    /// not, by reason.
    pub verified: u32,
    pub verification_failed_total: u32,
    pub verification_failures: Vec<FailureCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct StaffAttestations {
    pub staff_code: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FailureCount {
    /// The audit code, e.g. `declined_IDV0010`.
    pub code: String,
    pub reason: Phrase,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CameraList {
    pub devices: Vec<String>,
    /// Demo mode: the synthetic camera can be previewed too.
    pub demo_camera: bool,
    pub chosen: Option<String>,
    /// Why the list is empty, or why the choice cannot be saved.
    pub note: Option<Phrase>,
}

/// Everything the admin screen shows after unlocking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AdminOverview {
    pub version: String,
    pub demo: bool,
    pub config_path: String,
    /// A configuration file exists and is in use.
    pub configured: bool,
    pub settings: SettingsForm,
    pub secrets: SecretsStatus,
    pub audit: Vec<AuditDay>,
    pub update_status: Phrase,
    pub cameras: CameraList,
    /// Set when the settings file can be read or changed by other accounts on this computer.
    pub config_warning: Option<Phrase>,
    /// The relay subscription the kiosk holds (in demo mode, to a relay in its own process).
    pub relay: Option<RelayOverview>,
}

/// Why an admin command was refused: the kinds of [`CommandError`] (`locked` sends the screen
/// back to the PIN, `invalid` marks the named field), with the words as a [`Phrase`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AdminCommandError {
    #[error("the admin screen is locked ({})", .message.id)]
    Locked { message: Phrase },
    #[error("busy ({})", .message.id)]
    Busy { message: Phrase },
    #[error("invalid ({})", .message.id)]
    Invalid {
        field: Option<String>,
        message: Phrase,
    },
    #[error("unavailable ({})", .message.id)]
    Unavailable { message: Phrase },
    #[error("failed ({})", .message.id)]
    Failed { message: Phrase },
}

impl AdminCommandError {
    pub fn failed(message: Phrase) -> Self {
        Self::Failed { message }
    }
}

/// The session's refusals (`require_welcome`) on the admin screen, in its words: only the
/// kind matters; the session's English goes in as an argument where the kind says too little.
impl From<CommandError> for AdminCommandError {
    fn from(error: CommandError) -> Self {
        match error {
            CommandError::Locked { .. } => Self::Locked {
                message: Phrase::new("admin-error-locked"),
            },
            CommandError::Busy { .. } => Self::Busy {
                message: Phrase::new("admin-error-busy"),
            },
            CommandError::Unavailable { .. } => Self::Unavailable {
                message: Phrase::new("admin-error-kiosk-unavailable"),
            },
            CommandError::Invalid { field, message } => Self::Invalid {
                field,
                message: Phrase::new("admin-error-other").with("detail", message),
            },
            CommandError::Failed { message } => Self::Failed {
                message: Phrase::new("admin-error-other").with("detail", message),
            },
        }
    }
}

/// The admin screen's IPC types as TypeScript, for `ui/src/ipc/admin_bindings.ts`.
pub fn typescript_bindings() -> String {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let decls = [
        AdminStatus::decl(&cfg),
        UnlockOutcome::decl(&cfg),
        SettingsForm::decl(&cfg),
        JourneyChoice::decl(&cfg),
        KioskModeChoice::decl(&cfg),
        LobbyCaptureChoice::decl(&cfg),
        StaffAttestations::decl(&cfg),
        UnattestedChoice::decl(&cfg),
        FieldProblem::decl(&cfg),
        SaveOutcome::decl(&cfg),
        Service::decl(&cfg),
        RelayOverview::decl(&cfg),
        ConnectionReport::decl(&cfg),
        CheckStep::decl(&cfg),
        SecretsStatus::decl(&cfg),
        AuditDay::decl(&cfg),
        FailureCount::decl(&cfg),
        CameraList::decl(&cfg),
        AdminOverview::decl(&cfg),
        AdminCommandError::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from crates/administration/src by `cargo xtask bindings`. Do not edit.\n\n\
         import type { Language, Phrase } from \"./bindings\";\n",
    );
    for decl in decls {
        out.push_str("\nexport ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
