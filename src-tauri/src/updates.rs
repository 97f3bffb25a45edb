//! Signed updates (tauri-plugin-updater): checked in the background, downloaded as soon as they
//! are found, and installed only while the enrollment session shows the Welcome screen, never
//! during an enrollment. Then the kiosk restarts into the new version.
//!
//! The feed and the public key come from the configuration file (`[updates]`) or, in demo mode,
//! from `--demo-update-endpoint` and `--demo-update-pubkey`; they are set on the updater at run
//! time, so nothing is baked into `tauri.conf.json`. The plugin verifies the minisign signature
//! of the download against that key, and the version the signature was made for against the
//! version the feed announces (`requireSignedVersion`). A download that fails either check is
//! refused and never installed. The webview has no updater permission: only this module updates.
//!
//! On Linux only an AppImage updates in place (the plugin replaces the file `APPIMAGE` names);
//! a kiosk started any other way reports that the new version has to be installed by the
//! device-management tool instead of overwriting its own binary.
//!
//! [`UpdateState`] is managed state: [`UpdateState::describe`] says in one sentence, for an
//! administrator, where updates stand.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use enrollment::view::Screen;
use enrollment::View;
use tauri::{AppHandle, Manager};
use tauri_plugin_updater::UpdaterExt;
use time::OffsetDateTime;
use url::Url;

use crate::view_relay::SessionHandle;

/// How often the session's screen is looked at while a verified update waits for Welcome.
const WELCOME_POLL: Duration = Duration::from_secs(1);
/// How long one request to the feed may take.
const CHECK_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one download may take (an AppImage is some 100 MB).
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

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

    fn from_plugin(error: tauri_plugin_updater::Error) -> Self {
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
    current_version: String,
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

    fn set(&self, status: UpdateStatus) {
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

// ---- the app's side: the plugin and the session -------------------------------------------

struct PluginChannel {
    updater: tauri_plugin_updater::Updater,
    in_place: bool,
}

impl Channel for PluginChannel {
    type Update = tauri_plugin_updater::Update;

    async fn check(&self) -> Result<Option<Self::Update>, UpdateError> {
        let update = self
            .updater
            .check()
            .await
            .map_err(UpdateError::from_plugin)?;
        // The updater's timeout does not carry over to the download.
        Ok(update.map(|mut update| {
            update.timeout = Some(DOWNLOAD_TIMEOUT);
            update
        }))
    }

    fn version(update: &Self::Update) -> String {
        update.version.clone()
    }

    fn identity(update: &Self::Update) -> (String, String) {
        (update.version.clone(), update.signature.clone())
    }

    fn can_install(&self) -> Result<(), UpdateError> {
        if self.in_place {
            Ok(())
        } else {
            Err(UpdateError::NotInstallableHere)
        }
    }

    async fn download(&self, update: &Self::Update) -> Result<Vec<u8>, UpdateError> {
        // The plugin verifies the signature (and the signed version) before returning the bytes.
        update
            .download(|_, _| {}, || {})
            .await
            .map_err(UpdateError::from_plugin)
    }

    fn install(&self, update: &Self::Update, bytes: &[u8]) -> Result<(), UpdateError> {
        update.install(bytes).map_err(UpdateError::from_plugin)
    }
}

struct AppKiosk {
    app: AppHandle,
}

impl Kiosk for AppKiosk {
    fn is_quiet(&self) -> bool {
        // Not while an administrator has the admin screen open over Welcome either.
        let admin_open = self
            .app
            .try_state::<crate::admin::AdminState>()
            .is_some_and(|admin| admin.is_open());
        !admin_open
            && self
                .app
                .try_state::<SessionHandle>()
                .is_some_and(|session| is_quiet(session.latest_view().as_ref()))
    }

    fn restart(&self) {
        // Give the non-blocking log file writer a moment: the restart ends the process.
        std::thread::sleep(Duration::from_millis(300));
        self.app.request_restart();
    }
}

/// Whether this installation replaces itself: on Linux only an AppImage does (a `.deb` or
/// `.rpm` update would ask for a password; a bare binary is not for overwriting).
fn installs_in_place(app: &AppHandle) -> bool {
    #[cfg(target_os = "linux")]
    {
        app.env().appimage.is_some()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = app;
        true
    }
}

fn build_updater(
    app: &AppHandle,
    feed: &UpdateFeed,
) -> Result<tauri_plugin_updater::Updater, UpdateError> {
    app.updater_builder()
        .pubkey(feed.pubkey.clone())
        .endpoints(vec![feed.endpoint.clone()])
        .map_err(UpdateError::from_plugin)?
        .timeout(CHECK_TIMEOUT)
        .build()
        .map_err(UpdateError::from_plugin)
}

/// Manages [`UpdateState`] and, when a feed is configured, starts the watcher.
pub fn start(app: &AppHandle, feed: Option<UpdateFeed>) {
    let version = app.package_info().version.to_string();
    let Some(feed) = feed else {
        app.manage(UpdateState::new(version, UpdateStatus::NotConfigured));
        tracing::info!("updates are not configured");
        return;
    };
    if check_public_key(&feed.pubkey).is_err() {
        let state = UpdateState::new(version, UpdateStatus::NotConfigured);
        state.set(UpdateStatus::BadPublicKey {
            pubkey_setting: feed.pubkey_setting,
        });
        app.manage(state);
        return;
    }
    let state = UpdateState::new(version, UpdateStatus::Starting);
    app.manage(state.clone());
    // The updater's requests use rustls without a built-in provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let updater = match build_updater(app, &feed) {
        Ok(updater) => updater,
        Err(reason) => {
            state.set(UpdateStatus::CheckFailed {
                reason,
                at: OffsetDateTime::now_utc(),
            });
            return;
        }
    };
    // Host only: a feed URL may carry an access token in its path or query.
    let host = feed.endpoint.host_str().unwrap_or("?").to_string();
    tracing::info!(feed_host = %host, every_secs = feed.check_every.as_secs(), "checking for signed updates");
    let channel = PluginChannel {
        updater,
        in_place: installs_in_place(app),
    };
    let kiosk = AppKiosk { app: app.clone() };
    let watcher = Watcher::new(channel, kiosk, state, feed.check_every, feed.pubkey_setting);
    tauri::async_runtime::spawn(watcher.run());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    use enrollment::view::InactivityWarning;

    fn view(screen: Screen, inactivity: Option<InactivityWarning>) -> View {
        View {
            screen,
            inactivity,
            kiosk_mode: enrollment::settings::KioskMode::Staffed,
            demo: true,
        }
    }

    #[test]
    fn only_a_quiet_welcome_screen_allows_installing() {
        assert!(is_quiet(Some(&view(Screen::Welcome, None))));
        assert!(!is_quiet(Some(&view(
            Screen::Welcome,
            Some(InactivityWarning {
                reset_in_seconds: 10
            })
        ))));
        assert!(!is_quiet(Some(&view(
            Screen::Verifying {
                status: "Checking".into()
            },
            None
        ))));
        // Between a wipe and the next view nothing is known: not quiet.
        assert!(!is_quiet(None));
    }

    #[test]
    fn the_gate_opens_after_two_quiet_looks_in_a_row() {
        let mut gate = WelcomeGate::default();
        assert!(!gate.observe(true));
        assert!(!gate.observe(false));
        assert!(!gate.observe(true));
        assert!(gate.observe(true));
    }

    #[test]
    fn descriptions_are_plain_sentences_for_an_administrator() {
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000 + 240).unwrap(); // 22:17 UTC
        let describe = |status: UpdateStatus| status.describe("0.1.0");
        assert_eq!(
            describe(UpdateStatus::NotConfigured),
            "Updates are not configured"
        );
        assert_eq!(
            describe(UpdateStatus::UpToDate {
                version: "0.1.0".into(),
                checked_at: at
            }),
            "Up to date (version 0.1.0, checked 22:17 UTC)"
        );
        assert_eq!(
            describe(UpdateStatus::WaitingForWelcome {
                version: "0.2.0".into()
            }),
            "Version 0.2.0 is downloaded and verified; it installs when the Welcome screen shows"
        );
        let refused = describe(UpdateStatus::Refused {
            version: "0.2.0".into(),
            reason: UpdateError::SignatureMismatch,
            pubkey_setting: "updates.pubkey",
        });
        assert!(
            refused.starts_with("An update (version 0.2.0) was refused: its signature does not match the configured public key. Check updates.pubkey"),
            "{refused}"
        );
        let failed = describe(UpdateStatus::CheckFailed {
            reason: UpdateError::Network("connection refused".into()),
            at,
        });
        assert!(
            failed.starts_with("Could not check for updates: connection refused"),
            "{failed}"
        );
        let bad_key = describe(UpdateStatus::BadPublicKey {
            pubkey_setting: "--demo-update-pubkey",
        });
        assert!(bad_key.contains("--demo-update-pubkey is not a minisign public key"));
    }

    #[test]
    fn signature_failures_are_refusals_and_network_failures_are_not() {
        use tauri_plugin_updater::Error as E;
        let refusals = [
            E::Minisign(minisign_verify::Error::InvalidSignature),
            E::Minisign(minisign_verify::Error::UnexpectedKeyId),
            E::SignatureUtf8("x".into()),
            E::MissingSignedVersion,
            E::SignedVersionMismatch {
                signed: "0.1.5".into(),
                announced: "0.2.0".into(),
            },
        ];
        for error in refusals {
            let text = error.to_string();
            assert!(UpdateError::from_plugin(error).is_refusal(), "{text}");
        }
        for error in [
            E::ReleaseNotFound,
            E::Network("503".into()),
            E::InvalidUpdaterFormat,
        ] {
            let text = error.to_string();
            assert!(!UpdateError::from_plugin(error).is_refusal(), "{text}");
        }
        assert_eq!(
            UpdateError::from_plugin(E::Minisign(minisign_verify::Error::UnexpectedKeyId)),
            UpdateError::SignatureMismatch
        );
    }

    #[test]
    fn the_public_key_must_be_base64_of_a_minisign_key_file() {
        use base64::Engine;
        let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
        // "Ed", an 8-byte key id, a 32-byte Ed25519 key: the layout of a minisign public key.
        let mut raw = b"Ed".to_vec();
        raw.extend([7u8; 8]);
        raw.extend([42u8; 32]);
        let file = format!(
            "untrusted comment: minisign public key: 0707070707070707\n{}\n",
            b64(&raw)
        );
        assert_eq!(check_public_key(&b64(file.as_bytes())), Ok(()));
        // The bare key line, the file text itself, or anything else is refused.
        assert!(check_public_key(&b64(&raw)).is_err());
        assert!(check_public_key(&file).is_err());
        assert!(check_public_key("").is_err());
    }

    /// A release in a script: version, signature, what downloading it gives.
    type Scripted = (String, String, Result<Vec<u8>, UpdateError>);

    /// A feed that answers from a script.
    #[derive(Default)]
    struct ScriptedFeed {
        /// Offered by every check; None: up to date.
        offer: Mutex<Option<Scripted>>,
        in_place: bool,
        downloads: AtomicUsize,
        installed: Mutex<Vec<Vec<u8>>>,
    }

    impl ScriptedFeed {
        fn offering(
            version: &str,
            signature: &str,
            download: Result<Vec<u8>, UpdateError>,
        ) -> Self {
            Self {
                offer: Mutex::new(Some((version.into(), signature.into(), download))),
                in_place: true,
                ..Self::default()
            }
        }
    }

    impl Channel for &ScriptedFeed {
        type Update = Scripted;

        async fn check(&self) -> Result<Option<Self::Update>, UpdateError> {
            Ok(self.offer.lock().unwrap().clone())
        }
        fn version(update: &Self::Update) -> String {
            update.0.clone()
        }
        fn identity(update: &Self::Update) -> (String, String) {
            (update.0.clone(), update.1.clone())
        }
        fn can_install(&self) -> Result<(), UpdateError> {
            if self.in_place {
                Ok(())
            } else {
                Err(UpdateError::NotInstallableHere)
            }
        }
        async fn download(&self, update: &Self::Update) -> Result<Vec<u8>, UpdateError> {
            self.downloads.fetch_add(1, Ordering::SeqCst);
            update.2.clone()
        }
        fn install(&self, _update: &Self::Update, bytes: &[u8]) -> Result<(), UpdateError> {
            self.installed.lock().unwrap().push(bytes.to_vec());
            Ok(())
        }
    }

    #[derive(Default)]
    struct FakeKiosk {
        quiet: AtomicBool,
        restarts: AtomicUsize,
    }

    impl Kiosk for &FakeKiosk {
        fn is_quiet(&self) -> bool {
            self.quiet.load(Ordering::SeqCst)
        }
        fn restart(&self) {
            self.restarts.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn watcher<'a>(
        feed: &'a ScriptedFeed,
        kiosk: &'a FakeKiosk,
    ) -> Watcher<&'a ScriptedFeed, &'a FakeKiosk> {
        Watcher::new(
            feed,
            kiosk,
            UpdateState::new("0.1.0", UpdateStatus::Starting),
            Duration::from_secs(3600),
            "updates.pubkey",
        )
    }

    #[tokio::test(start_paused = true)]
    async fn a_verified_update_waits_for_welcome_then_installs_and_restarts() {
        let feed = ScriptedFeed::offering("0.2.0", "sig", Ok(b"new".to_vec()));
        let kiosk = FakeKiosk::default(); // an enrollment is in progress
        let state;
        {
            let watcher = watcher(&feed, &kiosk);
            state = watcher.state.clone();
            let run = watcher.run();
            tokio::pin!(run);
            // Ten minutes of enrollment: downloaded, verified, not installed.
            let waited = tokio::time::timeout(Duration::from_secs(600), &mut run).await;
            assert!(waited.is_err(), "the watcher must still be waiting");
            assert_eq!(feed.downloads.load(Ordering::SeqCst), 1);
            assert!(feed.installed.lock().unwrap().is_empty());
            assert_eq!(kiosk.restarts.load(Ordering::SeqCst), 0);
            assert_eq!(
                state.status(),
                UpdateStatus::WaitingForWelcome {
                    version: "0.2.0".into()
                }
            );
            // Back on Welcome: installed within a few looks, then the restart.
            kiosk.quiet.store(true, Ordering::SeqCst);
            tokio::time::timeout(Duration::from_secs(5), &mut run)
                .await
                .expect("installed once Welcome shows");
        }
        assert_eq!(*feed.installed.lock().unwrap(), vec![b"new".to_vec()]);
        assert_eq!(kiosk.restarts.load(Ordering::SeqCst), 1);
        assert_eq!(
            state.status(),
            UpdateStatus::Installed {
                version: "0.2.0".into()
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_refused_update_is_never_installed_nor_fetched_again_until_re_signed() {
        let feed = ScriptedFeed::offering("0.2.0", "forged", Err(UpdateError::SignatureMismatch));
        let kiosk = FakeKiosk::default();
        kiosk.quiet.store(true, Ordering::SeqCst);
        let mut watcher = watcher(&feed, &kiosk);
        assert!(watcher.check_once().await.is_none());
        assert!(watcher.check_once().await.is_none());
        assert_eq!(
            feed.downloads.load(Ordering::SeqCst),
            1,
            "refused once, not fetched again"
        );
        assert!(matches!(
            watcher.state.status(),
            UpdateStatus::Refused {
                reason: UpdateError::SignatureMismatch,
                ..
            }
        ));
        assert!(watcher.state.describe().contains(
            "its signature does not match the configured public key. Check updates.pubkey"
        ));
        // The publisher re-signs: the new signature is fetched and checked.
        *feed.offer.lock().unwrap() = Some(("0.2.0".into(), "good".into(), Ok(b"new".to_vec())));
        assert!(watcher.check_once().await.is_some());
        assert_eq!(feed.downloads.load(Ordering::SeqCst), 2);
        assert!(feed.installed.lock().unwrap().is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn an_installation_that_cannot_replace_itself_does_not_download() {
        let mut feed = ScriptedFeed::offering("0.2.0", "sig", Ok(b"new".to_vec()));
        feed.in_place = false;
        let kiosk = FakeKiosk::default();
        let mut watcher = watcher(&feed, &kiosk);
        assert!(watcher.check_once().await.is_none());
        assert_eq!(feed.downloads.load(Ordering::SeqCst), 0);
        assert!(watcher.state.describe().contains("device-management tool"));
    }

    #[tokio::test(start_paused = true)]
    async fn up_to_date_and_check_failures_are_reported() {
        let feed = ScriptedFeed::default();
        let kiosk = FakeKiosk::default();
        let mut watcher = watcher(&feed, &kiosk);
        assert!(watcher.check_once().await.is_none());
        assert!(watcher
            .state
            .describe()
            .starts_with("Up to date (version 0.1.0, checked "));
    }
}
