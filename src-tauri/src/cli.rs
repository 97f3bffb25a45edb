//! Command-line flags: which mode to run in (demo, or production from the configuration
//! file), the one-shot tasks (`--store-secret`, `--hash-admin-pin`), and demo mode's knobs for
//! demos and end-to-end tests (timings, stand-in ports, wallet, phone, camera, update feed).

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use enrollment::SessionSettings;

#[derive(Debug, Parser)]
#[command(
    name = "enrollment-kiosk",
    version,
    about = "Identity enrollment kiosk"
)]
pub struct Cli {
    /// Run against in-process stand-ins instead of the real services.
    #[arg(long)]
    pub demo: bool,

    /// Configuration file (default: config.toml in the platform configuration directory).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Write the log file as JSON lines instead of text.
    #[arg(long)]
    pub log_json: bool,

    /// Stores a secret in the OS credential store, reading its value from standard input,
    /// then exits: `entra-client-secret`, `onekosmos-license-key` or `relay-token`.
    #[arg(long, value_name = "NAME", value_parser = parse_secret_name)]
    pub store_secret: Option<kiosk_config::Secret>,

    /// Reads an admin PIN (6 to 12 digits) from standard input, prints the `pin_hash = "…"`
    /// line for the `[admin]` section of the configuration file, then exits.
    #[arg(long)]
    pub hash_admin_pin: bool,

    /// Prints the credential definition to paste into Verified ID (a custom credential's
    /// rules or display definition), made for the claims this kiosk sends and the configured
    /// credential type, then exits.
    #[arg(long, value_enum, value_name = "PART")]
    pub print_credential_definition: Option<DefinitionPart>,

    /// Quiet seconds before the "are you still there?" warning.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_warning_secs: Option<u64>,

    /// Seconds the warning counts down before the session resets.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub idle_reset_secs: Option<u64>,

    /// Proofing attempts per enrollment.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10))]
    pub max_attempts: Option<u32>,

    /// Fresh QR codes offered after the first one expires unscanned.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub max_offer_reissues: Option<u32>,

    /// Demo only: the 1Kosmos reason code the first kiosk-camera verification after start is
    /// declined with, to show the retry path; `none` approves every time.
    #[arg(long, value_name = "IDVxxxx|none", default_value = "IDV0001", value_parser = parse_reason_code)]
    pub demo_decline_first: DemoDecline,

    /// Demo only: whether a simulated wallet scans offers by itself.
    #[arg(long, value_enum, default_value = "auto")]
    pub demo_wallet: crate::demo::DemoWallet,

    /// Demo only: whether a simulated phone completes hosted capture sessions by itself.
    #[arg(long, value_enum, default_value = "auto")]
    pub demo_phone: crate::demo::DemoPhone,

    /// Demo only: loopback port of the in-process Entra stand-in and its control API
    /// (default: any free port).
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub entra_sandbox_port: u16,

    /// Demo only: loopback port of the in-process 1Kosmos stand-in and its control API
    /// (default: any free port).
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub onekosmos_sandbox_port: u16,

    /// Demo only: how long each credential offer lives before a fresh QR is made.
    #[arg(long, value_name = "SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(5..=3600))]
    pub demo_offer_lifetime_secs: u64,

    /// Demo only: the synthetic camera, or a webcam when one is found.
    #[arg(long, value_enum, default_value = "synthetic")]
    pub demo_camera: crate::demo::camera::DemoCameraSource,

    /// Demo only: what the synthetic camera films (`slow` and `never-ready` are for tests).
    #[arg(long, value_enum, default_value = "demo")]
    pub demo_camera_script: crate::demo::camera::DemoCameraScript,

    /// Demo only: the name on the generated licence, "GIVEN FAMILY" (default: the fictional
    /// ALEX JORDAN SAMPLE). A name typed at intake must be the licence's.
    #[arg(long, value_name = "NAME", value_parser = crate::demo::camera::DocumentHolder::parse)]
    pub demo_document_holder: Option<crate::demo::camera::DocumentHolder>,

    /// Demo only: run as a lobby (unattended) kiosk, photos on the phone or at the kiosk camera
    /// at IAL1 (`kiosk.lobby_capture` in a configuration file).
    #[arg(long, value_enum, value_name = "CAPTURE")]
    pub demo_lobby: Option<DemoLobby>,

    /// Demo only: what happens when staff cannot attest a document
    /// (`kiosk.unattested_document` in a configuration file).
    #[arg(long, value_enum, default_value = "continue-at-ial1")]
    pub demo_unattested: DemoUnattested,

    /// Demo only: right after issuance, ask for the new card back with Face Check
    /// (`verify.check_new_card` in a configuration file).
    #[arg(long)]
    pub demo_check_new_card: bool,

    /// Demo only: the kiosk's language, en, es or fr-CA (`kiosk.language` in a configuration
    /// file); `en-XA`, the pseudo-locale with every letter accented, shows any word that does
    /// not come from the translation files.
    #[arg(long, value_name = "TAG", default_value = "en", value_parser = parse_language)]
    pub demo_language: enrollment::Language,

    /// Demo only: the synthetic camera's MJPEG stream size.
    #[arg(long, value_enum, default_value = "720p")]
    pub demo_camera_size: crate::demo::camera::DemoCameraSize,

    /// Demo only: replay a recorded MJPEG stream (JPEGs back to back, or a folder of JPEGs) in
    /// a loop at 30 fps as the camera, like a webcam's MJPEG stream (the preview benchmark).
    /// Its frames are the stills too: no generated document replaces them.
    #[arg(long, value_name = "PATH")]
    pub demo_camera_file: Option<PathBuf>,

    /// Demo only: the update feed to check (production reads `[updates]` from the
    /// configuration file). `{{target}}`, `{{arch}}` and `{{current_version}}` are filled in.
    #[arg(long, value_name = "URL", requires = "demo_update_pubkey")]
    pub demo_update_endpoint: Option<url::Url>,

    /// Demo only: the public key updates must be signed with, as `tauri signer generate`
    /// prints it.
    #[arg(long, value_name = "KEY", requires = "demo_update_endpoint")]
    pub demo_update_pubkey: Option<String>,

    /// Seconds between two checks for updates.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_UPDATE_CHECK_SECS, value_parser = clap::value_parser!(u64).range(1..=7 * 24 * 3600))]
    pub update_check_secs: u64,
}

/// Which of the credential's two definitions to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DefinitionPart {
    Rules,
    Display,
}

/// A lobby kiosk's capture choice in demo mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoLobby {
    Phone,
    KioskCameraIal1,
}

/// What a staffed demo kiosk does when staff cannot attest a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoUnattested {
    ContinueAtIal1,
    End,
}

/// Updates are looked for every four hours.
const DEFAULT_UPDATE_CHECK_SECS: u64 = 4 * 3600;

/// The reason code the demo declines the first verification with, if any.
#[derive(Clone, Debug)]
pub struct DemoDecline(pub Option<String>);

fn parse_secret_name(value: &str) -> Result<kiosk_config::Secret, String> {
    use kiosk_config::Secret;
    [
        Secret::EntraClientSecret,
        Secret::OneKosmosLicenseKey,
        Secret::RelayToken,
    ]
    .into_iter()
    .find(|secret| secret.account() == value)
    .ok_or_else(|| "expected entra-client-secret, onekosmos-license-key or relay-token".to_string())
}

/// How this run works: against in-process stand-ins, or against the configured services.
pub enum Mode {
    Demo(SessionSettings),
    Production(SessionSettings, Box<kiosk_config::KioskConfig>),
}

fn parse_reason_code(value: &str) -> Result<DemoDecline, String> {
    if value.eq_ignore_ascii_case("none") {
        return Ok(DemoDecline(None));
    }
    let valid = value.len() == 7
        && value.starts_with("IDV")
        && value[3..].chars().all(|c| c.is_ascii_digit());
    if valid {
        Ok(DemoDecline(Some(value.to_string())))
    } else {
        Err(format!(
            "expected a reason code like IDV0010, or none; got {value:?}"
        ))
    }
}

impl Cli {
    pub fn demo_options(&self) -> crate::demo::DemoOptions {
        crate::demo::DemoOptions {
            entra_port: self.entra_sandbox_port,
            onekosmos_port: self.onekosmos_sandbox_port,
            wallet: self.demo_wallet,
            phone: self.demo_phone,
            decline_first: self.demo_decline_first.0.clone(),
            request_lifetime: Duration::from_secs(self.demo_offer_lifetime_secs),
            camera: crate::demo::camera::DemoCamera {
                source: self.demo_camera,
                script: self.demo_camera_script,
                size: self.demo_camera_size,
                // Read once here; the camera opener outlives every borrow of the flags.
                file: self
                    .demo_camera_file
                    .clone()
                    .map(|path| &*Box::leak(path.into_boxed_path())),
            },
            document_holder: self.demo_document_holder.clone().unwrap_or_default(),
        }
    }

    pub fn config_path(&self) -> Option<PathBuf> {
        self.config.clone().or_else(|| {
            dirs::config_dir().map(|base| {
                base.join(crate::window::IDENTIFIER)
                    .join(kiosk_config::CONFIG_FILE_NAME)
            })
        })
    }

    /// Demo mode when asked for, and whenever there is no configuration to run with;
    /// otherwise the configuration, validated, or an error that names the field and the fix.
    pub fn mode(&self) -> Result<Mode, String> {
        if let Some(path) = &self.config {
            if !path.exists() {
                return Err(format!(
                    "the configuration file {} does not exist",
                    path.display()
                ));
            }
        }
        match self.config_path().filter(|path| path.exists()) {
            Some(path) if !self.demo => {
                if self.demo_update_endpoint.is_some() {
                    return Err(
                        "--demo-update-endpoint and --demo-update-pubkey are for demo mode; \
                         outside it the update feed is [updates] in the configuration file"
                            .to_string(),
                    );
                }
                let config = kiosk_config::KioskConfig::load(&path)
                    .map_err(|error| format!("{}: {error}", path.display()))?;
                let settings = crate::production::session_settings(&config);
                Ok(Mode::Production(settings, Box::new(config)))
            }
            _ => Ok(Mode::Demo(self.demo_settings())),
        }
    }

    /// The update feed to watch, if any: `[updates]` of the configuration, or the demo flags.
    pub fn update_feed(&self, mode: Option<&Mode>) -> Option<crate::updates::UpdateFeed> {
        let check_every = Duration::from_secs(self.update_check_secs);
        match mode? {
            Mode::Production(_, config) => {
                match crate::updates::UpdateFeed::from_config(&config.updates, check_every) {
                    Ok(feed) => feed,
                    Err(error) => {
                        tracing::error!(%error, "updates are not checked");
                        None
                    }
                }
            }
            Mode::Demo(_) => Some(crate::updates::UpdateFeed {
                endpoint: self.demo_update_endpoint.clone()?,
                pubkey: self.demo_update_pubkey.clone()?.trim().to_string(),
                check_every,
                pubkey_setting: "--demo-update-pubkey",
            }),
        }
    }

    fn demo_settings(&self) -> SessionSettings {
        let mut settings = SessionSettings {
            demo: true,
            photo_claim: Some(crate::demo::DEMO_PHOTO_CLAIM.into()),
            ..SessionSettings::default()
        };
        if let Some(secs) = self.idle_warning_secs {
            settings.idle_warning_after = Duration::from_secs(secs);
        }
        if let Some(secs) = self.idle_reset_secs {
            settings.idle_reset_after = Duration::from_secs(secs);
        }
        if let Some(attempts) = self.max_attempts {
            settings.max_proofing_attempts = attempts;
        }
        if let Some(reissues) = self.max_offer_reissues {
            settings.max_offer_reissues = reissues;
        }
        if let Some(lobby) = self.demo_lobby {
            settings.kiosk_mode = enrollment::settings::KioskMode::Lobby;
            settings.lobby_kiosk_camera = lobby == DemoLobby::KioskCameraIal1;
        }
        // The demo camera films passports' data pages and ID cards' backs for the MRZ reader.
        settings.kiosk_capture_reads_mrz = true;
        // A demo lobby shows verify mode too, so that it can be tried there.
        settings.verify_in_lobby = true;
        settings.check_new_card = self.demo_check_new_card;
        settings.language = self.demo_language;
        settings.unattested = match self.demo_unattested {
            DemoUnattested::ContinueAtIal1 => {
                enrollment::settings::UnattestedDocument::ContinueAtIal1
            }
            DemoUnattested::End => enrollment::settings::UnattestedDocument::End,
        };
        settings
    }
}

fn parse_language(tag: &str) -> Result<enrollment::Language, String> {
    enrollment::Language::from_tag(tag)
        .ok_or_else(|| format!("{tag:?} is not en, es, fr-CA or en-XA"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Cli {
        let mut all = vec!["enrollment-kiosk"];
        all.extend(args);
        Cli::try_parse_from(all).expect("valid flags")
    }

    const KEY: &str = "dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk=";

    #[test]
    fn demo_mode_takes_its_update_feed_from_the_flags() {
        let cli = cli(&[
            "--demo",
            "--demo-update-endpoint",
            "http://127.0.0.1:9/feed/{{target}}",
            "--demo-update-pubkey",
            KEY,
            "--update-check-secs",
            "30",
        ]);
        let mode = cli.mode().expect("demo mode");
        let feed = cli.update_feed(Some(&mode)).expect("a feed");
        assert_eq!(feed.pubkey, KEY);
        assert_eq!(feed.check_every, Duration::from_secs(30));
        assert_eq!(feed.pubkey_setting, "--demo-update-pubkey");
        assert!(feed
            .endpoint
            .as_str()
            .starts_with("http://127.0.0.1:9/feed/"));
        // The key never shows in debug output.
        assert!(!format!("{feed:?}").contains(KEY));
    }

    #[test]
    fn a_recorded_mjpeg_stream_can_stand_in_for_the_demo_camera() {
        let file = cli(&["--demo", "--demo-camera-file", "/tmp/stream.mjpeg"])
            .demo_options()
            .camera
            .file;
        assert_eq!(file, Some(std::path::Path::new("/tmp/stream.mjpeg")));
        assert_eq!(cli(&["--demo"]).demo_options().camera.file, None);
    }

    #[test]
    fn without_a_feed_updates_are_not_watched_and_checks_default_to_hours() {
        let cli = cli(&["--demo"]);
        assert_eq!(cli.update_check_secs, 4 * 3600);
        assert!(cli.update_feed(cli.mode().ok().as_ref()).is_none());
    }

    #[test]
    fn an_endpoint_needs_its_key_and_the_key_its_endpoint() {
        let all = |args: &[&str]| {
            let mut all = vec!["enrollment-kiosk", "--demo"];
            all.extend(args);
            Cli::try_parse_from(all)
        };
        assert!(all(&["--demo-update-endpoint", "https://example.com/feed"]).is_err());
        assert!(all(&["--demo-update-pubkey", KEY]).is_err());
        assert!(all(&["--update-check-secs", "0"]).is_err());
    }

    fn production_config(dir: &std::path::Path, updates: &str) -> PathBuf {
        let example = include_str!("../../docs/config.example.toml");
        let start = example.find("[updates]").expect("an [updates] section");
        let end = example[start + 1..]
            .find("\n[")
            .map_or(example.len(), |i| start + 1 + i);
        let text = format!("{}{updates}{}", &example[..start], &example[end..]);
        let path = dir.join("config.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn production_takes_its_update_feed_from_the_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let path = production_config(
            dir.path(),
            &format!(
                "[updates]\nendpoint = \"https://updates.contoso.com/kiosk/{{{{target}}}}\"\npubkey = \"{KEY}\"\n"
            ),
        );
        let cli = cli(&["--config", path.to_str().unwrap()]);
        let mode = cli.mode().expect("production mode");
        assert!(matches!(mode, Mode::Production(..)));
        let feed = cli.update_feed(Some(&mode)).expect("a feed");
        assert_eq!(feed.pubkey, KEY);
        assert_eq!(feed.pubkey_setting, "updates.pubkey");

        let path = production_config(dir.path(), "[updates]\n");
        let cli = self::cli(&["--config", path.to_str().unwrap()]);
        assert!(cli.update_feed(cli.mode().ok().as_ref()).is_none());
    }

    #[test]
    fn the_demo_update_flags_are_refused_outside_demo_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = production_config(dir.path(), "[updates]\n");
        let cli = cli(&[
            "--config",
            path.to_str().unwrap(),
            "--demo-update-endpoint",
            "https://example.com/feed",
            "--demo-update-pubkey",
            KEY,
        ]);
        let error = cli.mode().err().expect("refused");
        assert!(error.contains("are for demo mode"), "{error}");
    }
}
