//! The kiosk's configuration: plain settings from a TOML file that a fleet can
//! deploy, validated field by field with a message that names the field and the fix; secrets
//! (the Entra client secret, the 1Kosmos license key) in the OS credential store; the admin PIN
//! as an Argon2id hash with a growing lockout.
//!
//! Not here: reading or writing anything else, or applying settings. Start at [`KioskConfig`].

mod file;
mod pin;
mod secrets;

pub use file::{
    AdminSection, CallbackSection, CameraSection, ConfigError, EntraSection, JourneySetting,
    KioskConfig, KioskMode, KioskSection, OneKosmosSection, UpdatesSection, CONFIG_FILE_NAME,
};
pub use pin::{hash_pin, AdminPin, PinCheck, PinError, PinLockout, FREE_TRIES};
pub use secrets::{MemoryStore, OsCredentialStore, Secret, SecretStore, SecretStoreError};
