//! Where signed updates stand, and why one was not checked, downloaded or installed: one
//! plain sentence for an administrator per state. The app's updater sets the state; the admin
//! screen shows [`UpdateStatus::describe`].

use time::OffsetDateTime;

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
}

/// Where updates stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateStatus {
    NotConfigured,
    /// Configured; the first check has not finished yet.
    Starting,
    UpToDate {
        version: String,
        checked_at: OffsetDateTime,
    },
    Downloading {
        version: String,
    },
    /// Downloaded and verified; waits for the Welcome screen.
    WaitingForWelcome {
        version: String,
    },
    Installing {
        version: String,
    },
    /// Installed; the kiosk restarts into it.
    Installed {
        version: String,
    },
    /// The download failed a signature check and was thrown away.
    Refused {
        version: String,
        reason: UpdateError,
        pubkey_setting: &'static str,
    },
    /// The configured key is unusable: updates are not checked at all.
    BadPublicKey {
        pubkey_setting: &'static str,
    },
    CheckFailed {
        reason: UpdateError,
        at: OffsetDateTime,
    },
    DownloadFailed {
        version: String,
        reason: UpdateError,
    },
    InstallFailed {
        version: String,
        reason: UpdateError,
    },
    /// A newer version exists but this installation cannot replace itself.
    CannotInstallHere {
        version: String,
    },
}

fn clock(at: &OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{:02}:{:02} UTC", at.hour(), at.minute())
}

impl UpdateStatus {
    /// One plain sentence for an administrator.
    pub fn describe(&self, current_version: &str) -> String {
        match self {
            Self::NotConfigured => "Updates are not configured".into(),
            Self::Starting => format!(
                "Updates are configured; the first check is under way (running version {current_version})"
            ),
            Self::UpToDate { version, checked_at } => {
                format!("Up to date (version {version}, checked {})", clock(checked_at))
            }
            Self::Downloading { version } => {
                format!("Version {version} was found and is being downloaded")
            }
            Self::WaitingForWelcome { version } => format!(
                "Version {version} is downloaded and verified; it installs when the Welcome screen shows"
            ),
            Self::Installing { version } => format!("Version {version} is being installed"),
            Self::Installed { version } => {
                format!("Version {version} is installed; the kiosk is restarting")
            }
            Self::Refused {
                version,
                reason,
                pubkey_setting,
            } => {
                let fix = match reason {
                    UpdateError::SignatureMismatch | UpdateError::UnreadableSignature => {
                        format!("Check {pubkey_setting}, or whether the download was altered on its way")
                    }
                    _ => "Ask the publisher of the update feed to re-sign and re-publish it".into(),
                };
                format!(
                    "An update (version {version}) was refused: {reason}. {fix}. Nothing was installed"
                )
            }
            Self::BadPublicKey { pubkey_setting } => format!(
                "Updates are not checked: {pubkey_setting} is not a minisign public key. Paste the public key that signs the updates (the text `tauri signer generate` prints)"
            ),
            Self::CheckFailed { reason, at } => {
                format!("Could not check for updates: {reason} (at {}); tried again later", clock(at))
            }
            Self::DownloadFailed { version, reason } => format!(
                "Version {version} could not be downloaded: {reason}; tried again at the next check"
            ),
            Self::InstallFailed { version, reason } => format!(
                "Version {version} could not be installed: {reason}; tried again at the next check"
            ),
            Self::CannotInstallHere { version } => format!(
                "Version {version} is available, but this kiosk was not started from its AppImage and cannot replace itself. Install the new version with your device-management tool"
            ),
        }
    }
}
