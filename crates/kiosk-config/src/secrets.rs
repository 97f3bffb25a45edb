use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

/// The secrets the kiosk keeps, each under its own account in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Secret {
    EntraClientSecret,
    OneKosmosLicenseKey,
    /// The kiosk's token at the callback relay.
    RelayToken,
}

impl Secret {
    pub fn account(self) -> &'static str {
        match self {
            Self::EntraClientSecret => "entra-client-secret",
            Self::OneKosmosLicenseKey => "onekosmos-license-key",
            Self::RelayToken => "relay-token",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::EntraClientSecret => "Entra client secret",
            Self::OneKosmosLicenseKey => "1Kosmos license key",
            Self::RelayToken => "relay token",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretStoreError {
    #[error(
        "no credential store is available on this computer ({0}). On Linux, run a Secret Service \
         such as GNOME Keyring in the kiosk's session; on Windows, Credential Manager must be \
         available to the kiosk's account"
    )]
    Unavailable(String),
    #[error(
        "the credential store is locked. Unlock it (log in to the kiosk's account) and try again"
    )]
    Locked,
    #[error("the credential store refused the {0}: {1}")]
    Refused(&'static str, String),
}

/// Where secrets live. The real one is the OS store; tests use [`MemoryStore`].
pub trait SecretStore: Send + Sync {
    fn get(&self, secret: Secret) -> Result<Option<SecretString>, SecretStoreError>;
    fn set(&self, secret: Secret, value: &SecretString) -> Result<(), SecretStoreError>;
    fn delete(&self, secret: Secret) -> Result<(), SecretStoreError>;
}

/// Secrets in memory only: demo mode and unit tests.
#[derive(Default)]
pub struct MemoryStore {
    values: Mutex<HashMap<Secret, SecretString>>,
}

impl SecretStore for MemoryStore {
    fn get(&self, secret: Secret) -> Result<Option<SecretString>, SecretStoreError> {
        let values = self.values.lock().map_err(|_| SecretStoreError::Locked)?;
        Ok(values.get(&secret).cloned())
    }

    fn set(&self, secret: Secret, value: &SecretString) -> Result<(), SecretStoreError> {
        let mut values = self.values.lock().map_err(|_| SecretStoreError::Locked)?;
        values.insert(secret, value.clone());
        Ok(())
    }

    fn delete(&self, secret: Secret) -> Result<(), SecretStoreError> {
        let mut values = self.values.lock().map_err(|_| SecretStoreError::Locked)?;
        values.remove(&secret);
        Ok(())
    }
}

/// The operating system's credential store through `keyring`: the Secret Service on Linux,
/// Credential Manager on Windows, the Keychain on macOS.
pub struct OsCredentialStore {
    service: String,
}

impl OsCredentialStore {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, secret: Secret) -> Result<keyring::Entry, SecretStoreError> {
        keyring::Entry::new(&self.service, secret.account()).map_err(|e| map_error(secret, e))
    }
}

fn map_error(secret: Secret, error: keyring::Error) -> SecretStoreError {
    match error {
        keyring::Error::PlatformFailure(e) => SecretStoreError::Unavailable(e.to_string()),
        keyring::Error::NoStorageAccess(_) => SecretStoreError::Locked,
        other => SecretStoreError::Refused(secret.label(), other.to_string()),
    }
}

impl SecretStore for OsCredentialStore {
    fn get(&self, secret: Secret) -> Result<Option<SecretString>, SecretStoreError> {
        match self.entry(secret)?.get_password() {
            Ok(value) => Ok(Some(SecretString::from(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(map_error(secret, error)),
        }
    }

    fn set(&self, secret: Secret, value: &SecretString) -> Result<(), SecretStoreError> {
        self.entry(secret)?
            .set_password(value.expose_secret())
            .map_err(|e| map_error(secret, e))
    }

    fn delete(&self, secret: Secret) -> Result<(), SecretStoreError> {
        match self.entry(secret)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_error(secret, error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_keeps_each_secret_apart() {
        let store = MemoryStore::default();
        store
            .set(
                Secret::EntraClientSecret,
                &SecretString::from("s3cret".to_string()),
            )
            .unwrap();
        assert_eq!(
            store
                .get(Secret::EntraClientSecret)
                .unwrap()
                .map(|s| s.expose_secret().to_string()),
            Some("s3cret".into())
        );
        assert!(store.get(Secret::OneKosmosLicenseKey).unwrap().is_none());
        store.delete(Secret::EntraClientSecret).unwrap();
        assert!(store.get(Secret::EntraClientSecret).unwrap().is_none());
    }
}
