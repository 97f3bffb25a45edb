//! The app's side of updates: tauri-plugin-updater as the watcher's channel, and the running
//! kiosk as the watcher sees it.

use std::sync::Arc;
use std::time::Duration;

use tauri::AppHandle;
use tauri_plugin_updater::UpdaterExt;
use time::OffsetDateTime;

use administration::update_status::{UpdateError, UpdateStatus};

use super::feed::{check_public_key, UpdateFeed};
use super::status::UpdateState;
use super::watcher::{Channel, Kiosk, Watcher};

/// How long one request to the feed may take.
const CHECK_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one download may take (an AppImage is some 100 MB).
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

struct PluginChannel {
    updater: tauri_plugin_updater::Updater,
    in_place: bool,
}

impl Channel for PluginChannel {
    type Update = tauri_plugin_updater::Update;

    async fn check(&self) -> Result<Option<Self::Update>, UpdateError> {
        let update = self.updater.check().await.map_err(plugin_error)?;
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
            .map_err(plugin_error)
    }

    fn install(&self, update: &Self::Update, bytes: &[u8]) -> Result<(), UpdateError> {
        update.install(bytes).map_err(plugin_error)
    }
}

/// Tells whether the kiosk is quiet enough to install now: Welcome with no countdown, and no
/// administrator at work (main.rs puts this together from the session and the admin console).
pub type QuietCheck = Arc<dyn Fn() -> bool + Send + Sync>;

struct AppKiosk {
    app: AppHandle,
    quiet: QuietCheck,
}

impl Kiosk for AppKiosk {
    fn is_quiet(&self) -> bool {
        (self.quiet)()
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
        use tauri::Manager;
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
        .map_err(plugin_error)?
        .timeout(CHECK_TIMEOUT)
        .build()
        .map_err(plugin_error)
}

/// Starts the watcher when a feed is configured; the returned [`UpdateState`] says where
/// updates stand either way.
pub fn start(app: &AppHandle, feed: Option<UpdateFeed>, quiet: QuietCheck) -> UpdateState {
    let version = app.package_info().version.to_string();
    let Some(feed) = feed else {
        tracing::info!("updates are not configured");
        return UpdateState::new(version, UpdateStatus::NotConfigured);
    };
    if check_public_key(&feed.pubkey).is_err() {
        let state = UpdateState::new(version, UpdateStatus::NotConfigured);
        state.set(UpdateStatus::BadPublicKey {
            pubkey_setting: feed.pubkey_setting,
        });
        return state;
    }
    let state = UpdateState::new(version, UpdateStatus::Starting);
    // The updater's requests use rustls without a built-in provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let updater = match build_updater(app, &feed) {
        Ok(updater) => updater,
        Err(reason) => {
            state.set(UpdateStatus::CheckFailed {
                reason,
                at: OffsetDateTime::now_utc(),
            });
            return state;
        }
    };
    // Host only: a feed URL may carry an access token in its path or query.
    let host = feed.endpoint.host_str().unwrap_or("?").to_string();
    tracing::info!(feed_host = %host, every_secs = feed.check_every.as_secs(), "checking for signed updates");
    let channel = PluginChannel {
        updater,
        in_place: installs_in_place(app),
    };
    let kiosk = AppKiosk {
        app: app.clone(),
        quiet,
    };
    let watcher = Watcher::new(
        channel,
        kiosk,
        state.clone(),
        feed.check_every,
        feed.pubkey_setting,
    );
    tauri::async_runtime::spawn(watcher.run());
    state
}

/// The plugin's error in the words of [`UpdateError`].
pub(super) fn plugin_error(error: tauri_plugin_updater::Error) -> UpdateError {
    use tauri_plugin_updater::Error as E;
    match error {
        E::Minisign(_) => UpdateError::SignatureMismatch,
        E::Base64(_) | E::SignatureUtf8(_) => UpdateError::UnreadableSignature,
        E::SignedVersionMismatch { signed, announced } => {
            UpdateError::SignedForOtherVersion { signed, announced }
        }
        E::MissingSignedVersion => UpdateError::SignatureWithoutVersion,
        E::ReleaseNotFound => UpdateError::NoRelease,
        E::TargetNotFound(target) => UpdateError::NoBuildForPlatform(target),
        E::TargetsNotFound(targets) => UpdateError::NoBuildForPlatform(targets.join(", ")),
        E::Serialization(error) => UpdateError::BadFeed(error.to_string()),
        E::InvalidUpdaterFormat | E::BinaryNotFoundInArchive => UpdateError::NotAnAppImage,
        E::Reqwest(error) => UpdateError::Network(error_chain(&error)),
        E::Network(message) => UpdateError::Network(message.trim_matches('`').to_string()),
        other => UpdateError::Other(error_chain(&other)),
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
