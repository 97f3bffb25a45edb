//! The update policy, without the plugin: check, download, wait until the kiosk is quiet
//! (Welcome seen twice in a row, no countdown, no admin screen open), install, restart.

use std::future::Future;
use std::time::Duration;

use enrollment::view::Screen;
use enrollment::View;
use time::OffsetDateTime;

use administration::update_status::{UpdateError, UpdateStatus};

use super::status::UpdateState;

/// How often the session's screen is looked at while a verified update waits for Welcome.
const WELCOME_POLL: Duration = Duration::from_secs(1);

/// Whether an update may be installed now: the session shows Welcome, with no countdown.
pub fn is_quiet(view: Option<&View>) -> bool {
    view.is_some_and(|view| matches!(view.screen, Screen::Welcome) && view.inactivity.is_none())
}

/// Opens after Welcome was seen on two looks in a row, so that a view passing through Welcome
/// for an instant (or a person about to press Start) does not trigger an install.
#[derive(Debug, Default)]
pub struct WelcomeGate {
    quiet_looks: u32,
}

impl WelcomeGate {
    pub fn observe(&mut self, quiet: bool) -> bool {
        self.quiet_looks = if quiet { self.quiet_looks + 1 } else { 0 };
        self.quiet_looks >= 2
    }
}

/// The update feed as the watcher uses it (the plugin in the app, a script in unit tests).
pub trait Channel: Send + Sync {
    type Update: Send + Sync;
    fn check(&self) -> impl Future<Output = Result<Option<Self::Update>, UpdateError>> + Send;
    fn version(update: &Self::Update) -> String;
    /// Identifies the release (version and signature), so a refused one is not fetched again.
    fn identity(update: &Self::Update) -> (String, String);
    /// Whether this installation can replace itself at all.
    fn can_install(&self) -> Result<(), UpdateError>;
    /// Downloads and verifies: returns the bytes only when the signature checks pass.
    fn download(
        &self,
        update: &Self::Update,
    ) -> impl Future<Output = Result<Vec<u8>, UpdateError>> + Send;
    /// Verifies again, then installs.
    fn install(&self, update: &Self::Update, bytes: &[u8]) -> Result<(), UpdateError>;
}

/// The running kiosk as the watcher sees it.
pub trait Kiosk: Send + Sync {
    fn is_quiet(&self) -> bool;
    fn restart(&self);
}

/// Checks, downloads, waits for Welcome, installs, restarts.
pub struct Watcher<C: Channel, K: Kiosk> {
    pub channel: C,
    pub kiosk: K,
    pub state: UpdateState,
    pub check_every: Duration,
    pub welcome_poll: Duration,
    pub pubkey_setting: &'static str,
    refused: Option<(String, String)>,
}

impl<C: Channel, K: Kiosk> Watcher<C, K> {
    pub fn new(
        channel: C,
        kiosk: K,
        state: UpdateState,
        check_every: Duration,
        pubkey_setting: &'static str,
    ) -> Self {
        Self {
            channel,
            kiosk,
            state,
            check_every,
            welcome_poll: WELCOME_POLL,
            pubkey_setting,
            refused: None,
        }
    }

    /// Runs until an update is installed and the restart requested.
    pub async fn run(mut self) {
        loop {
            if let Some((update, bytes)) = self.check_once().await {
                if self.install_at_welcome(&update, &bytes).await {
                    return;
                }
            }
            tokio::time::sleep(self.check_every).await;
        }
    }

    /// One check; a newer version is downloaded and verified. Returns it when it may be installed.
    pub async fn check_once(&mut self) -> Option<(C::Update, Vec<u8>)> {
        let update = match self.channel.check().await {
            Ok(Some(update)) => update,
            Ok(None) => {
                self.state.set(UpdateStatus::UpToDate {
                    version: self.state.current_version.clone(),
                    checked_at: OffsetDateTime::now_utc(),
                });
                return None;
            }
            Err(reason) => {
                self.state.set(UpdateStatus::CheckFailed {
                    reason,
                    at: OffsetDateTime::now_utc(),
                });
                return None;
            }
        };
        let version = C::version(&update);
        if self.refused.as_ref() == Some(&C::identity(&update)) {
            // Already refused: the status still says so. A re-signed release is fetched again.
            tracing::debug!(%version, "the feed still offers the refused update");
            return None;
        }
        if self.channel.can_install().is_err() {
            self.state.set(UpdateStatus::CannotInstallHere { version });
            return None;
        }
        self.state.set(UpdateStatus::Downloading {
            version: version.clone(),
        });
        match self.channel.download(&update).await {
            Ok(bytes) => {
                tracing::info!(%version, bytes = bytes.len(), "update downloaded; its signature is valid");
                self.state.set(UpdateStatus::WaitingForWelcome { version });
                Some((update, bytes))
            }
            Err(reason) if reason.is_refusal() => {
                self.refused = Some(C::identity(&update));
                self.state.set(UpdateStatus::Refused {
                    version,
                    reason,
                    pubkey_setting: self.pubkey_setting,
                });
                None
            }
            Err(reason) => {
                self.state
                    .set(UpdateStatus::DownloadFailed { version, reason });
                None
            }
        }
    }

    /// Waits for the Welcome screen, installs, asks for the restart. False when installing failed.
    pub async fn install_at_welcome(&mut self, update: &C::Update, bytes: &[u8]) -> bool {
        let version = C::version(update);
        if !self.kiosk.is_quiet() {
            tracing::info!(%version, "an enrollment is in progress; the update waits for the Welcome screen");
        }
        let mut gate = WelcomeGate::default();
        while !gate.observe(self.kiosk.is_quiet()) {
            tokio::time::sleep(self.welcome_poll).await;
        }
        self.state.set(UpdateStatus::Installing {
            version: version.clone(),
        });
        match self.channel.install(update, bytes) {
            Ok(()) => {
                self.state.set(UpdateStatus::Installed { version });
                self.kiosk.restart();
                true
            }
            Err(reason) => {
                if reason.is_refusal() {
                    self.refused = Some(C::identity(update));
                }
                self.state
                    .set(UpdateStatus::InstallFailed { version, reason });
                false
            }
        }
    }
}
