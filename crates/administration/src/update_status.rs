//! Where signed updates stand, and why one was not checked, downloaded or installed: one
//! plain sentence for an administrator per state. The app's updater sets the state; the admin
//! screen shows [`UpdateStatus::describe`].

use enrollment::language::Phrase;
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
    /// `phrase` with the reason as `admin.ftl`'s `admin-update-reason` reads it: `$reason`
    /// names the kind, and `$detail` (or `$signed` and `$announced`) carry what only the feed
    /// or the network can say.
    fn with_reason(&self, phrase: Phrase) -> Phrase {
        let (kind, detail) = match self {
            Self::SignatureMismatch => ("signature-mismatch", None),
            Self::UnreadableSignature => ("unreadable-signature", None),
            Self::SignedForOtherVersion { signed, announced } => {
                return phrase
                    .with("reason", "signed-for-other-version")
                    .with("signed", signed.as_str())
                    .with("announced", announced.as_str())
            }
            Self::SignatureWithoutVersion => ("signature-without-version", None),
            Self::InvalidPublicKey => ("invalid-public-key", None),
            Self::BadEndpoint(detail) => ("bad-endpoint", Some(detail)),
            Self::NoRelease => ("no-release", None),
            Self::NoBuildForPlatform(platform) => ("no-build-for-platform", Some(platform)),
            Self::BadFeed(detail) => ("bad-feed", Some(detail)),
            Self::Network(detail) => ("network", Some(detail)),
            Self::NotAnAppImage => ("not-an-appimage", None),
            Self::NotInstallableHere => ("not-installable-here", None),
            Self::Other(detail) => ("other", Some(detail)),
        };
        let phrase = phrase.with("reason", kind);
        match detail {
            Some(detail) => phrase.with("detail", detail.as_str()),
            None => phrase,
        }
    }

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

fn clock_time(at: &OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{:02}:{:02}", at.hour(), at.minute())
}

impl UpdateStatus {
    /// The same sentence as [`UpdateStatus::describe`], for the admin screen in the kiosk's
    /// language (`admin-update-*` in `admin.ftl`); times are UTC.
    pub fn phrase(&self, current_version: &str) -> Phrase {
        let versioned = |id: &str, version: &str| Phrase::new(id).with("version", version);
        match self {
            Self::NotConfigured => Phrase::new("admin-update-not-configured"),
            Self::Starting => versioned("admin-update-starting", current_version),
            Self::UpToDate {
                version,
                checked_at,
            } => versioned("admin-update-up-to-date", version).with("time", clock_time(checked_at)),
            Self::Downloading { version } => versioned("admin-update-downloading", version),
            Self::WaitingForWelcome { version } => versioned("admin-update-waiting", version),
            Self::Installing { version } => versioned("admin-update-installing", version),
            Self::Installed { version } => versioned("admin-update-installed", version),
            Self::Refused {
                version,
                reason,
                pubkey_setting,
            } => {
                let id = match reason {
                    UpdateError::SignatureMismatch | UpdateError::UnreadableSignature => {
                        "admin-update-refused-check-key"
                    }
                    _ => "admin-update-refused-re-sign",
                };
                reason.with_reason(versioned(id, version).with("setting", *pubkey_setting))
            }
            Self::BadPublicKey { pubkey_setting } => {
                Phrase::new("admin-update-bad-key").with("setting", *pubkey_setting)
            }
            Self::CheckFailed { reason, at } => reason
                .with_reason(Phrase::new("admin-update-check-failed").with("time", clock_time(at))),
            Self::DownloadFailed { version, reason } => {
                reason.with_reason(versioned("admin-update-download-failed", version))
            }
            Self::InstallFailed { version, reason } => {
                reason.with_reason(versioned("admin-update-install-failed", version))
            }
            Self::CannotInstallHere { version } => {
                versioned("admin-update-cannot-install-here", version)
            }
        }
    }

    /// One plain sentence for an administrator, in English: the log's.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_admin_screen_gets_each_status_as_a_phrase_with_its_reason() {
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000 + 240).unwrap();
        assert_eq!(
            UpdateStatus::UpToDate {
                version: "0.1.0".into(),
                checked_at: at
            }
            .phrase("0.1.0"),
            Phrase::new("admin-update-up-to-date")
                .with("version", "0.1.0")
                .with("time", "22:17")
        );
        assert_eq!(
            UpdateStatus::Refused {
                version: "0.2.0".into(),
                reason: UpdateError::SignatureMismatch,
                pubkey_setting: "updates.pubkey",
            }
            .phrase("0.1.0"),
            Phrase::new("admin-update-refused-check-key")
                .with("version", "0.2.0")
                .with("setting", "updates.pubkey")
                .with("reason", "signature-mismatch")
        );
        assert_eq!(
            UpdateStatus::CheckFailed {
                reason: UpdateError::Network("connection refused".into()),
                at,
            }
            .phrase("0.1.0"),
            Phrase::new("admin-update-check-failed")
                .with("time", "22:17")
                .with("reason", "network")
                .with("detail", "connection refused")
        );
    }
}
