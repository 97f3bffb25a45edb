//! Where updates come from and who signs them: the feed, the public key check, and the
//! reasons an update was not checked, downloaded or installed.

use std::time::Duration;

use url::Url;

/// Where updates come from and who signs them.
#[derive(Clone)]
pub struct UpdateFeed {
    pub endpoint: Url,
    /// The minisign public key as `tauri signer generate` prints it (base64 of the key file).
    pub pubkey: String,
    pub check_every: Duration,
    /// Where an administrator sets the key: named in messages about it.
    pub pubkey_setting: &'static str,
}

impl std::fmt::Debug for UpdateFeed {
    // The key is public, but it is configuration, not something logs need to carry.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateFeed")
            .field("endpoint", &self.endpoint.as_str())
            .field("pubkey", &"<set>")
            .field("check_every", &self.check_every)
            .finish()
    }
}

impl UpdateFeed {
    /// The feed in the configuration file, if it names one.
    pub fn from_config(
        updates: &kiosk_config::UpdatesSection,
        check_every: Duration,
    ) -> Result<Option<Self>, UpdateError> {
        let (Some(endpoint), Some(pubkey)) = (&updates.endpoint, &updates.pubkey) else {
            return Ok(None);
        };
        let endpoint =
            Url::parse(endpoint).map_err(|error| UpdateError::BadEndpoint(error.to_string()))?;
        Ok(Some(Self {
            endpoint,
            pubkey: pubkey.trim().to_string(),
            check_every,
            pubkey_setting: "updates.pubkey",
        }))
    }
}

/// Why an update was not checked, downloaded or installed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    #[error("its signature does not match the configured public key")]
    SignatureMismatch,
    #[error("its signature cannot be read")]
    UnreadableSignature,
    #[error(
        "it was signed for version {signed}, but the update feed announced version {announced}"
    )]
    SignedForOtherVersion { signed: String, announced: String },
    #[error("its signature does not say which version it was signed for")]
    SignatureWithoutVersion,
    #[error("the configured public key is not a minisign public key")]
    InvalidPublicKey,
    #[error("updates.endpoint is not a URL ({0}). Use the https:// URL of the update feed")]
    BadEndpoint(String),
    #[error("the update feed did not answer with a release")]
    NoRelease,
    #[error("the update feed has no build for this platform ({0})")]
    NoBuildForPlatform(String),
    #[error("the update feed's answer is not a release description: {0}")]
    BadFeed(String),
    #[error("{0}")]
    Network(String),
    #[error("the download is not an AppImage")]
    NotAnAppImage,
    #[error("this kiosk was not started from its AppImage, so it cannot replace itself")]
    NotInstallableHere,
    #[error("{0}")]
    Other(String),
}

impl UpdateError {
    /// The signature checks failed: the download must never be installed.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Self::SignatureMismatch
                | Self::UnreadableSignature
                | Self::SignedForOtherVersion { .. }
                | Self::SignatureWithoutVersion
        )
    }

    pub(super) fn from_plugin(error: tauri_plugin_updater::Error) -> Self {
        use tauri_plugin_updater::Error as E;
        match error {
            E::Minisign(_) => Self::SignatureMismatch,
            E::Base64(_) | E::SignatureUtf8(_) => Self::UnreadableSignature,
            E::SignedVersionMismatch { signed, announced } => {
                Self::SignedForOtherVersion { signed, announced }
            }
            E::MissingSignedVersion => Self::SignatureWithoutVersion,
            E::ReleaseNotFound => Self::NoRelease,
            E::TargetNotFound(target) => Self::NoBuildForPlatform(target),
            E::TargetsNotFound(targets) => Self::NoBuildForPlatform(targets.join(", ")),
            E::Serialization(error) => Self::BadFeed(error.to_string()),
            E::InvalidUpdaterFormat | E::BinaryNotFoundInArchive => Self::NotAnAppImage,
            E::Reqwest(error) => Self::Network(error_chain(&error)),
            E::Network(message) => Self::Network(message.trim_matches('`').to_string()),
            other => Self::Other(error_chain(&other)),
        }
    }
}

/// An error and its causes on one line (reqwest's own message leaves out the cause).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        next = cause.source();
    }
    text
}

/// Checks that `pubkey` is what the updater expects: base64 of a minisign public key file.
pub fn check_public_key(pubkey: &str) -> Result<(), UpdateError> {
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD
        .decode(pubkey.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(UpdateError::InvalidPublicKey)?;
    minisign_verify::PublicKey::decode(&text)
        .map(drop)
        .map_err(|_| UpdateError::InvalidPublicKey)
}
