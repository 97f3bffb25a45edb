//! The kiosk's configuration: plain settings from a TOML file that a fleet can
//! deploy, validated field by field with a message that names the field and the fix; secrets
//! (the Entra client secret, the 1Kosmos license key) in the OS credential store; the admin PIN
//! as an Argon2id hash with a growing lockout, which a small file beside the configuration
//! ([`LockoutFile`]) keeps across restarts.
//!
//! Not here: reading or writing anything else, or applying settings. Start at [`KioskConfig`].

mod file;
mod lockout;
mod pin;
mod secrets;

pub use file::{
    language_tag, AdminSection, CallbackSection, CameraSection, ConfigError, EntraSection,
    FieldWords, JourneySetting, KioskConfig, KioskMode, KioskSection, LobbyCapture,
    OneKosmosSection, UnattestedDocument, UpdatesSection, VerifySection, CONFIG_FILE_NAME,
    DEFAULT_FACE_CHECK_THRESHOLD, LANGUAGES,
};
pub use file::{open_to_others, permission_warning};
pub use lockout::{LockoutFile, LockoutFileError, LOCKOUT_FILE_NAME};
pub use pin::{
    hash_pin, AdminPin, LockoutRecord, PinCheck, PinError, PinLockout, FREE_TRIES, MIN_M_COST_KIB,
    MIN_P_COST, MIN_T_COST,
};
pub use secrets::{MemoryStore, OsCredentialStore, Secret, SecretStore, SecretStoreError};
