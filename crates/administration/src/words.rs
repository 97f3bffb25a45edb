//! What the admin screen says that is not a check's or a rule's own (those are beside their
//! rules in this crate): the camera section's notes, and the credential store's and the
//! clients' problems. Each is a [`Phrase`] of `ui/locales/*/admin.ftl`; technical detail that
//! no translator can put into words (an OS error, a library's message) goes in as an argument.

use enrollment::language::Phrase;
use kiosk_config::{Secret, SecretStoreError};

use crate::clients::ClientSetupError;

/// The admin screen takes the camera or restarts the kiosk only between enrollments. (English,
/// for the session's own refusal; the admin screen says `admin-error-busy`.)
pub const ENROLLMENT_IN_PROGRESS: &str = "An enrollment is in progress. Finish or cancel it first.";

pub fn no_camera_connected() -> Phrase {
    Phrase::new("admin-camera-none")
}

pub fn choose_a_camera() -> Phrase {
    Phrase::new("admin-camera-choose")
}

pub fn cameras_not_listed(error: &dyn std::fmt::Display) -> Phrase {
    Phrase::new("admin-camera-not-listed").with("error", error.to_string())
}

pub fn preview_failed(error: &dyn std::fmt::Display) -> Phrase {
    Phrase::new("admin-camera-preview-failed").with("error", error.to_string())
}

/// The warning when the settings file can be read or changed by other accounts (see
/// [`kiosk_config::open_to_others`]), naming the file and the fix.
pub fn config_open_to_others(path: &std::path::Path) -> Option<Phrase> {
    kiosk_config::open_to_others(path)
        .filter(|open| *open)
        .map(|_| {
            Phrase::new("admin-config-open-to-others").with("path", path.display().to_string())
        })
}

/// A phrase naming one of the secrets: `$secret` is its account name, which the translation
/// files turn into the secret's name (`admin.ftl` selects on it).
pub fn about_secret(id: &str, secret: Secret) -> Phrase {
    Phrase::new(id).with("secret", secret.account())
}

/// The secret a store error's English label names, if any.
fn secret_labelled(label: &str) -> Option<Secret> {
    [
        Secret::EntraClientSecret,
        Secret::OneKosmosLicenseKey,
        Secret::RelayToken,
    ]
    .into_iter()
    .find(|secret| secret.label() == label)
}

/// Why the credential store could not be used, and what to do.
pub fn store_problem(error: &SecretStoreError) -> Phrase {
    match error {
        SecretStoreError::Unavailable(detail) => {
            Phrase::new("admin-store-unavailable").with("detail", detail.as_str())
        }
        SecretStoreError::Locked => Phrase::new("admin-store-locked"),
        SecretStoreError::Refused(label, detail) => match secret_labelled(label) {
            Some(secret) => about_secret("admin-store-refused", secret),
            None => Phrase::new("admin-store-refused").with("secret", *label),
        }
        .with("detail", detail.as_str()),
    }
}

/// Why a service client could not be built from the settings.
pub fn client_setup_problem(error: &ClientSetupError) -> Phrase {
    match error {
        ClientSetupError::MissingSecret(secret) => {
            about_secret("admin-secret-missing", *secret).with("account", secret.account())
        }
        ClientSetupError::Store(error) => store_problem(error),
        ClientSetupError::Entra(detail) => {
            Phrase::new("admin-settings-entra-unusable").with("detail", detail.as_str())
        }
        ClientSetupError::OneKosmos(detail) => {
            Phrase::new("admin-settings-onekosmos-unusable").with("detail", detail.as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_refusal_names_the_secret_by_its_account() {
        let refused = store_problem(&SecretStoreError::Refused(
            Secret::OneKosmosLicenseKey.label(),
            "denied".into(),
        ));
        assert_eq!(
            refused,
            Phrase::new("admin-store-refused")
                .with("secret", "onekosmos-license-key")
                .with("detail", "denied")
        );
        let missing = client_setup_problem(&ClientSetupError::MissingSecret(Secret::RelayToken));
        assert_eq!(missing.id, "admin-secret-missing");
    }
}
