//! Where updates stand, in one sentence for an administrator.

use std::sync::{Arc, Mutex};

use administration::update_status::UpdateStatus;

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

    /// One plain sentence in English, as the log says it, e.g. "Up to date (version 0.1.0,
    /// checked 12:04 UTC)"; the admin screen shows [`UpdateState::phrase`].
    #[cfg(test)]
    pub fn describe(&self) -> String {
        self.status().describe(&self.current_version)
    }

    /// The same sentence for the admin screen, in the kiosk's language.
    pub fn phrase(&self) -> enrollment::language::Phrase {
        self.status().phrase(&self.current_version)
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
