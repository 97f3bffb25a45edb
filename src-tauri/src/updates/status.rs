//! Where updates stand, in one sentence for an administrator.

use std::sync::{Arc, Mutex};

use time::OffsetDateTime;

use super::feed::UpdateError;

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

/// Managed state: where updates stand, for the admin screen.
#[derive(Clone)]
pub struct UpdateState {
    status: Arc<Mutex<UpdateStatus>>,
    pub(super) current_version: String,
}

impl UpdateState {
    pub fn new(current_version: impl Into<String>, status: UpdateStatus) -> Self {
        Self {
            status: Arc::new(Mutex::new(status)),
            current_version: current_version.into(),
        }
    }

    pub fn status(&self) -> UpdateStatus {
        match self.status.lock() {
            Ok(status) => status.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// One plain sentence for an administrator, e.g. "Up to date (version 0.1.0, checked
    /// 12:04 UTC)".
    pub fn describe(&self) -> String {
        self.status().describe(&self.current_version)
    }

    pub(super) fn set(&self, status: UpdateStatus) {
        let described = status.describe(&self.current_version);
        let changed = {
            let mut current = match self.status.lock() {
                Ok(current) => current,
                Err(poisoned) => poisoned.into_inner(),
            };
            // Logged when the sentence changes, not at every check that finds nothing new.
            let changed = current.describe(&self.current_version) != described;
            *current = status;
            changed
        };
        if changed {
            match self.status() {
                UpdateStatus::Refused { .. }
                | UpdateStatus::BadPublicKey { .. }
                | UpdateStatus::InstallFailed { .. } => {
                    tracing::error!(status = %described, "updates")
                }
                UpdateStatus::CheckFailed { .. }
                | UpdateStatus::DownloadFailed { .. }
                | UpdateStatus::CannotInstallHere { .. } => {
                    tracing::warn!(status = %described, "updates")
                }
                _ => tracing::info!(status = %described, "updates"),
            }
        }
    }
}
