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
//! administrator, where updates stand. [`feed`] is where updates come from, [`status`] where
//! they stand, [`watcher`] the policy (testable without the plugin), [`plugin`] the adapter.

pub mod feed;
pub mod plugin;
pub mod status;
pub mod watcher;

pub use feed::UpdateFeed;
pub use plugin::start;
pub use status::UpdateState;

#[cfg(test)]
mod tests {
    use super::feed::*;
    use super::status::*;
    use super::watcher::*;
    use administration::update_status::{UpdateError, UpdateStatus};
    use enrollment::view::Screen;
    use enrollment::View;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::Duration;
    use time::OffsetDateTime;

    use enrollment::view::InactivityWarning;

    fn view(screen: Screen, inactivity: Option<InactivityWarning>) -> View {
        View {
            screen,
            inactivity,
            kiosk_mode: enrollment::settings::KioskMode::Staffed,
            verify_available: true,
            language: enrollment::Language::English,
            staff_language: enrollment::Language::English,
            languages: enrollment::Language::OFFERED.to_vec(),
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
            assert!(super::plugin::plugin_error(error).is_refusal(), "{text}");
        }
        for error in [
            E::ReleaseNotFound,
            E::Network("503".into()),
            E::InvalidUpdaterFormat,
        ] {
            let text = error.to_string();
            assert!(!super::plugin::plugin_error(error).is_refusal(), "{text}");
        }
        assert_eq!(
            super::plugin::plugin_error(E::Minisign(minisign_verify::Error::UnexpectedKeyId)),
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
