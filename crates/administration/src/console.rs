//! The admin screen's state and rules, without a window: who may open it, the configuration
//! it shows, saving with rollback, which stored secret a form may reuse, and *Test
//! connection* on typed values. The app's admin commands are a line or two around these.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use enrollment::language::Phrase;
use kiosk_config::{
    AdminSection, CameraSection, ConfigError, KioskConfig, LockoutFile, PinError, Secret,
    SecretStore, SecretStoreError,
};
use secrecy::SecretString;

use crate::clients::{entra_client, onekosmos_client, ServiceClients};
use crate::connection::{check_entra, check_onekosmos, setup_failed};
use crate::desk::{AdminGate, GateError};
use crate::form::{field_problem, StoredSecrets};
use crate::view::{
    AdminCommandError, AdminStatus, ConnectionReport, FieldProblem, SaveOutcome, SecretsStatus,
    Service, SettingsForm, UnlockOutcome,
};
use crate::words::{about_secret, client_setup_problem, store_problem};

/// What an admin action could not do. The IPC edge turns it into an [`AdminCommandError`]: a
/// kind the screen can act on, and the words for the administrator.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Gate(#[from] GateError),
    #[error("Save the settings first: the camera choice is kept with them.")]
    NotConfigured,
    #[error("{0}")]
    Config(#[from] ConfigError),
}

impl From<AdminError> for AdminCommandError {
    fn from(error: AdminError) -> Self {
        let pin = |message: &str| AdminCommandError::Invalid {
            field: Some("pin".into()),
            message: Phrase::new(message),
        };
        match error {
            AdminError::Gate(GateError::Locked) => AdminCommandError::Locked {
                message: Phrase::new("admin-error-locked"),
            },
            AdminError::Gate(GateError::Unavailable(reason)) => {
                AdminCommandError::Unavailable { message: reason }
            }
            AdminError::Gate(GateError::Mismatch) => pin("admin-pin-mismatch"),
            AdminError::Gate(GateError::PinAlreadySet) => pin("admin-pin-already-set"),
            AdminError::Gate(GateError::Pin(PinError::Shape)) => pin("admin-pin-shape"),
            AdminError::Gate(GateError::Pin(error)) => AdminCommandError::failed(
                Phrase::new("admin-pin-not-hashed").with("detail", error.to_string()),
            ),
            AdminError::NotConfigured => {
                AdminCommandError::failed(Phrase::new("admin-camera-save-settings-first"))
            }
            AdminError::Config(ConfigError::Unwritable { path, reason }) => {
                AdminCommandError::failed(
                    Phrase::new("admin-error-config-unwritable")
                        .with("path", path)
                        .with("reason", reason),
                )
            }
            AdminError::Config(error @ ConfigError::Field { field, .. }) => {
                AdminCommandError::Invalid {
                    field: Some(field.into()),
                    message: field_problem(&error).problem,
                }
            }
            AdminError::Config(error) => AdminCommandError::failed(
                Phrase::new("admin-error-other").with("detail", error.to_string()),
            ),
        }
    }
}

/// Proof that the admin screen was open when an admin action began. Every privileged method
/// of [`AdminConsole`] takes one, and only [`AdminConsole::authorize`] makes one, so no admin
/// action can run while the screen is locked.
#[derive(Debug)]
pub struct Unlocked(());

/// The admin screen of one running kiosk.
pub struct AdminConsole {
    gate: Mutex<AdminGate>,
    /// Where the PIN lockout is kept, so that a restart does not reset it.
    lockout: LockoutFile,
    config_path: PathBuf,
    /// The configuration in use (none in demo mode), then the one last saved.
    config: Mutex<Option<KioskConfig>>,
    demo: bool,
    clients: ServiceClients,
    store: Arc<dyn SecretStore>,
}

impl AdminConsole {
    /// `in_use`: the configuration production mode runs with; `None` in demo mode, where a
    /// configuration file that exists anyway still decides who may open the admin screen.
    pub fn new(
        config_path: PathBuf,
        in_use: Option<KioskConfig>,
        clients: ServiceClients,
        store: Arc<dyn SecretStore>,
    ) -> Self {
        let demo = in_use.is_none();
        let (gate, config) = gate_for(in_use, &config_path);
        let lockout = LockoutFile::beside(&config_path);
        let (record, problem) = lockout.load(unix_now());
        if let Some(problem) = problem {
            tracing::warn!(%problem, "the admin PIN lockout file could not be used; the PIN waits as after too many wrong ones");
        }
        let gate = gate.with_lockout(record, Instant::now(), unix_now());
        Self {
            gate: Mutex::new(gate),
            lockout,
            config_path,
            demo,
            config: Mutex::new(config),
            clients,
            store,
        }
    }

    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn config_path(&self) -> &Path {
        &self.config_path
    }

    /// Whether an administrator has the admin screen open now.
    pub fn is_open(&self) -> bool {
        self.gate().is_open(Instant::now())
    }

    pub fn status(&self) -> AdminStatus {
        self.gate().status(Instant::now())
    }

    /// First run: the admin PIN, typed twice. Held in memory until the settings are saved.
    pub fn choose_first_pin(&self, pin: &str, repeat: &str) -> Result<(), AdminError> {
        Ok(self.gate().choose_first_pin(pin, repeat, Instant::now())?)
    }

    /// Tries the PIN; the lockout after it is saved, so a restart does not reset it.
    pub fn unlock(&self, pin: &str) -> Result<UnlockOutcome, AdminError> {
        let now = Instant::now();
        let (outcome, record) = {
            let mut gate = self.gate();
            let outcome = gate.unlock(pin, now);
            (outcome, gate.lockout_record(now, unix_now()))
        };
        if let Err(error) = self.lockout.save(&record) {
            tracing::warn!(%error, "the admin PIN lockout could not be saved");
        }
        let outcome = outcome?;
        if !matches!(outcome, UnlockOutcome::Accepted) {
            tracing::warn!("a wrong admin PIN was entered");
        }
        Ok(outcome)
    }

    pub fn lock(&self) {
        self.gate().lock();
    }

    /// Refuses unless the admin screen is open; keeps it open (an admin action is activity).
    pub fn authorize(&self) -> Result<Unlocked, AdminError> {
        self.gate().authorize(Instant::now())?;
        Ok(Unlocked(()))
    }

    /// The configuration in use or last saved.
    pub fn config(&self, _: &Unlocked) -> Option<KioskConfig> {
        self.current_config()
    }

    fn current_config(&self) -> Option<KioskConfig> {
        self.config
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The form the wizard opens with: the configuration's values, or the first-run defaults.
    pub fn settings_form(&self, _: &Unlocked) -> SettingsForm {
        self.current_config()
            .as_ref()
            .map(SettingsForm::from_config)
            .unwrap_or_else(SettingsForm::first_run)
    }

    /// Whether each secret is in the credential store (never what it is).
    pub fn secrets_status(&self, _: &Unlocked) -> SecretsStatus {
        let (stored, problem) = self.stored_secrets();
        SecretsStatus {
            client_secret_stored: stored.client_secret,
            license_key_stored: stored.license_key,
            relay_token_stored: matches!(self.store.get(Secret::RelayToken), Ok(Some(_))),
            problem: problem.as_ref().map(store_problem),
        }
    }

    pub fn check_settings(&self, _: &Unlocked, form: &SettingsForm) -> Vec<FieldProblem> {
        let config = self.config_from(form);
        form.problems(&config, self.reusable_secrets(form).0)
    }

    /// Validates, stores the typed secrets in the OS credential store, then writes the file.
    /// If anything fails, the secrets go back to what they were, so the store and the file
    /// always describe the same setup. The running kiosk keeps its settings until it restarts.
    pub fn save_settings(&self, _: &Unlocked, form: &SettingsForm) -> SaveOutcome {
        let config = self.config_from(form);
        let (stored, trouble) = self.reusable_secrets(form);
        let problems = form.problems(&config, stored);
        if !problems.is_empty() {
            return SaveOutcome::Invalid { problems };
        }
        if let Some(problem) = trouble {
            tracing::warn!(%problem, "the credential store had a problem while saving");
        }
        let mut replaced: Vec<(Secret, Option<SecretString>)> = Vec::new();
        let mut failure: Option<Vec<Phrase>> = None;
        for (secret, value) in [
            (Secret::EntraClientSecret, &form.client_secret),
            (Secret::OneKosmosLicenseKey, &form.license_key),
        ] {
            if value.trim().is_empty() {
                continue;
            }
            let not_stored = |error: &SecretStoreError| {
                tracing::warn!(%error, secret = secret.label(), "a secret could not be stored");
                vec![
                    about_secret("admin-save-secret-failed", secret),
                    store_problem(error),
                ]
            };
            let previous = match self.store.get(secret) {
                Ok(previous) => previous,
                Err(error) => {
                    failure = Some(not_stored(&error));
                    break;
                }
            };
            let value = SecretString::from(value.trim().to_string());
            if let Err(error) = self.store.set(secret, &value) {
                failure = Some(not_stored(&error));
                break;
            }
            replaced.push((secret, previous));
        }
        if failure.is_none() {
            if let Err(error) = config.save(&self.config_path) {
                tracing::warn!(%error, "the settings could not be saved");
                failure = Some(vec![match error {
                    ConfigError::Unwritable { path, reason } => {
                        Phrase::new("admin-save-file-failed")
                            .with("path", path)
                            .with("reason", reason)
                    }
                    other => Phrase::new("admin-error-other").with("detail", other.to_string()),
                }]);
            }
        }
        if let Some(mut message) = failure {
            for (secret, previous) in replaced {
                let restored = match previous {
                    Some(previous) => self.store.set(secret, &previous),
                    None => self.store.delete(secret),
                };
                if let Err(error) = restored {
                    tracing::error!(%error, secret = secret.label(), "a secret could not be put back after a failed save");
                }
            }
            message.push(Phrase::new("admin-save-nothing-saved"));
            return SaveOutcome::Failed { message };
        }
        tracing::info!(path = %self.config_path.display(), "settings saved from the admin screen");
        *self.config.lock().unwrap_or_else(|e| e.into_inner()) = Some(config);
        SaveOutcome::Saved {
            path: self.config_path.display().to_string(),
        }
    }

    /// *Test connection* of the services the kiosk runs with now (in demo mode, the stand-ins).
    pub async fn test_connection(&self, _: &Unlocked, service: Service) -> ConnectionReport {
        let clients = self.clients.clone();
        match service {
            Service::Entra => {
                let photo = self
                    .config
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .as_ref()
                    .and_then(|config| config.entra.photo_claim.clone());
                check_entra(&clients.entra, photo.as_deref()).await
            }
            Service::Onekosmos => check_onekosmos(&clients.onekosmos).await,
            Service::Relay => {
                let config = self
                    .config
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .clone();
                let Some(config) = config else {
                    return setup_failed(
                        service,
                        vec![Phrase::new("admin-relay-no-configuration")],
                    );
                };
                self.test_relay(&config).await
            }
        }
    }

    async fn test_relay(&self, config: &KioskConfig) -> ConnectionReport {
        match crate::relay_check::relay_settings(config, self.store.as_ref()) {
            Ok((url, kiosk, token)) => crate::relay_check::check_relay(&url, &kiosk, &token).await,
            Err(problem) => setup_failed(Service::Relay, vec![problem]),
        }
    }

    /// *Test connection* with the values typed in the wizard, before they are saved. A secret
    /// left empty is taken from the credential store, and only for the saved tenant or app.
    pub async fn test_settings(
        &self,
        _: &Unlocked,
        service: Service,
        form: &SettingsForm,
    ) -> ConnectionReport {
        let config = self.config_from(form);
        if let Some(problem) = config
            .problems()
            .into_iter()
            .find(|problem| section_service(problem) == Some(service))
        {
            let words = field_problem(&problem);
            return setup_failed(
                service,
                vec![
                    Phrase::new("admin-check-setting").with("field", words.field),
                    words.problem,
                    words.fix,
                ],
            );
        }
        if service == Service::Relay {
            return self.test_relay(&config).await;
        }
        let secret = match self.secret_for_test(service, form) {
            Ok(secret) => secret,
            Err(problem) => return setup_failed(service, vec![problem]),
        };
        match service {
            Service::Entra => match entra_client(&config, secret) {
                Ok(client) => check_entra(&client, config.entra.photo_claim.as_deref()).await,
                Err(error) => setup_failed(service, vec![client_setup_problem(&error)]),
            },
            Service::Onekosmos => match onekosmos_client(&config, secret) {
                Ok(client) => check_onekosmos(&client).await,
                Err(error) => setup_failed(service, vec![client_setup_problem(&error)]),
            },
            Service::Relay => self.test_relay(&config).await,
        }
    }

    /// Remembers the webcam by its name; it is used from the next start.
    pub fn choose_camera(&self, _: &Unlocked, name: Option<String>) -> Result<(), AdminError> {
        let mut guard = self.config.lock().unwrap_or_else(|e| e.into_inner());
        let config = guard.as_mut().ok_or(AdminError::NotConfigured)?;
        let mut updated = config.clone();
        updated.camera = CameraSection { device_name: name };
        updated.save(&self.config_path)?;
        *config = updated;
        Ok(())
    }

    fn gate(&self) -> MutexGuard<'_, AdminGate> {
        // A poisoned lock only means another command panicked; the gate itself is consistent.
        self.gate.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The typed secret, or the stored one when the form may reuse it.
    fn secret_for_test(
        &self,
        service: Service,
        form: &SettingsForm,
    ) -> Result<SecretString, Phrase> {
        let (which, typed) = match service {
            Service::Entra => (Secret::EntraClientSecret, &form.client_secret),
            Service::Onekosmos => (Secret::OneKosmosLicenseKey, &form.license_key),
            Service::Relay => {
                return Err(about_secret("admin-secret-from-store", Secret::RelayToken))
            }
        };
        if !typed.trim().is_empty() {
            return Ok(SecretString::from(typed.trim().to_string()));
        }
        let reusable = self.reusable_secrets(form).0;
        let may_reuse = match service {
            Service::Entra => reusable.client_secret,
            Service::Onekosmos => reusable.license_key,
            Service::Relay => false,
        };
        if !may_reuse {
            return Err(about_secret("admin-secret-type-new", which));
        }
        match self.store.get(which) {
            Ok(Some(secret)) => Ok(secret),
            Ok(None) => Err(about_secret("admin-secret-type-first", which)),
            Err(error) => Err(store_problem(&error)),
        }
    }

    /// The stored secrets a form may reuse: only those of the same Entra app and 1Kosmos
    /// tenant as the saved configuration, so that no stored secret is ever sent to a service
    /// someone typed into the form.
    fn reusable_secrets(&self, form: &SettingsForm) -> (StoredSecrets, Option<SecretStoreError>) {
        let (stored, problem) = self.stored_secrets();
        let Some(saved) = self.current_config() else {
            return (StoredSecrets::default(), problem);
        };
        let same_entra = saved.entra.tenant_id == form.tenant_id.trim()
            && saved.entra.client_id == form.client_id.trim();
        let same_kosmos = saved.onekosmos.tenant_dns == form.onekosmos_tenant_dns.trim();
        (
            StoredSecrets {
                client_secret: stored.client_secret && same_entra,
                license_key: stored.license_key && same_kosmos,
            },
            problem,
        )
    }

    fn stored_secrets(&self) -> (StoredSecrets, Option<SecretStoreError>) {
        let mut problem = None;
        let mut stored = |secret| match self.store.get(secret) {
            Ok(value) => value.is_some(),
            Err(error) => {
                problem = Some(error);
                false
            }
        };
        let secrets = StoredSecrets {
            client_secret: stored(Secret::EntraClientSecret),
            license_key: stored(Secret::OneKosmosLicenseKey),
        };
        (secrets, problem)
    }

    /// The configuration a form describes, keeping the PIN and the camera choice.
    fn config_from(&self, form: &SettingsForm) -> KioskConfig {
        let current = self.current_config();
        let gate = self.gate();
        let admin = AdminSection {
            pin_hash: gate.chosen_pin_hash().map(str::to_string).or_else(|| {
                current
                    .as_ref()
                    .and_then(|config| config.admin.pin_hash.clone())
            }),
        };
        let (camera, verify) = current
            .map(|config| (config.camera, config.verify))
            .unwrap_or_default();
        let mut config = form.to_config(admin, camera);
        // Edited in the file only, for now: saving the form keeps it as it is.
        config.verify = verify;
        config
    }
}

/// Wall-clock seconds, for what must outlive a restart (an `Instant` does not).
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The service a configuration problem belongs to, by its field's section.
fn section_service(problem: &ConfigError) -> Option<Service> {
    match problem {
        ConfigError::Field { field, .. } => match field.split('.').next() {
            Some("entra") => Some(Service::Entra),
            Some("onekosmos") => Some(Service::Onekosmos),
            Some("callback") => Some(Service::Relay),
            _ => None,
        },
        _ => None,
    }
}

/// Who may open the admin screen, and the configuration it shows: the one in use; in demo
/// mode the file on disk if there is one (its PIN still guards it); a first run only when
/// there is no file at all.
fn gate_for(in_use: Option<KioskConfig>, config_path: &Path) -> (AdminGate, Option<KioskConfig>) {
    match in_use {
        Some(config) => (
            AdminGate::new(Some(config.admin.pin_hash.as_deref())),
            Some(config),
        ),
        None if config_path.exists() => match KioskConfig::load(config_path) {
            Ok(config) => (
                AdminGate::new(Some(config.admin.pin_hash.as_deref())),
                Some(config),
            ),
            Err(error) => (
                // The file's problem in the log's English: it is the file that needs fixing.
                AdminGate::closed(
                    Phrase::new("admin-unavailable-config-unusable")
                        .with("error", error.to_string())
                        .with("path", config_path.display().to_string()),
                ),
                None,
            ),
        },
        None => (AdminGate::new(None), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> KioskConfig {
        KioskConfig::parse(include_str!("../../../docs/config.example.toml")).unwrap()
    }

    #[test]
    fn only_a_kiosk_without_any_configuration_offers_the_first_run_pin() {
        let now = Instant::now();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");

        let (gate, config) = gate_for(None, &path);
        assert!(!gate.status(now).pin_set && config.is_none(), "first run");

        // Demo mode on a configured kiosk: the file's PIN guards the admin screen.
        let mut configured = example();
        configured.admin.pin_hash = Some(kiosk_config::hash_pin("24681357").unwrap());
        configured.save(&path).unwrap();
        let (mut gate, config) = gate_for(None, &path);
        assert!(gate.status(now).pin_set);
        assert_eq!(config.as_ref(), Some(&configured));
        assert_eq!(gate.unlock("24681357", now), Ok(UnlockOutcome::Accepted));

        // Deployed without a PIN, or with a broken file: shut, with the reason.
        let (gate, _) = gate_for(Some(example()), &path);
        assert!(gate.status(now).unavailable.is_some());
        std::fs::write(&path, "not = [toml").unwrap();
        let (gate, config) = gate_for(None, &path);
        assert!(config.is_none());
        let reason = gate.status(now).unavailable.unwrap();
        assert_eq!(reason.id, "admin-unavailable-config-unusable");
        assert!(
            matches!(&reason.args["path"], enrollment::language::PhraseArg::Text(p) if p.ends_with("config.toml"))
        );
    }

    #[test]
    fn no_admin_action_runs_while_the_screen_is_locked() {
        let dir = tempfile::tempdir().unwrap();
        let mut configured = example();
        configured.admin.pin_hash = Some(kiosk_config::hash_pin("24681357").unwrap());
        let console = AdminConsole::new(
            dir.path().join("config.toml"),
            Some(configured),
            demo_clients(),
            Arc::new(kiosk_config::MemoryStore::default()),
        );
        // Every privileged method needs the proof only `authorize` makes.
        assert!(matches!(
            console.authorize(),
            Err(AdminError::Gate(GateError::Locked))
        ));
        assert_eq!(console.unlock("24681357").unwrap(), UnlockOutcome::Accepted);
        let unlocked = console.authorize().expect("open after the right PIN");
        assert!(console.config(&unlocked).is_some());
        console.lock();
        assert!(matches!(
            console.authorize(),
            Err(AdminError::Gate(GateError::Locked))
        ));
    }

    #[test]
    fn wrong_pins_before_a_restart_still_count_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut configured = example();
        configured.admin.pin_hash = Some(kiosk_config::hash_pin("24681357").unwrap());
        let console = || {
            AdminConsole::new(
                path.clone(),
                Some(configured.clone()),
                demo_clients(),
                Arc::new(kiosk_config::MemoryStore::default()),
            )
        };
        let before = console();
        let mut last = None;
        for _ in 0..5 {
            last = Some(before.unlock("00000000").unwrap());
        }
        assert!(
            matches!(last, Some(UnlockOutcome::LockedOut { .. })),
            "{last:?}"
        );
        drop(before);
        // The kiosk restarts: the right PIN still has to wait.
        let after = console();
        assert!(matches!(
            after.unlock("24681357").unwrap(),
            UnlockOutcome::LockedOut { .. }
        ));
        assert!(after.status().locked_out_seconds.is_some());
    }

    /// Clients pointed at nothing: built, never called by these tests.
    fn demo_clients() -> ServiceClients {
        let mut config = example();
        config.onekosmos.tenant_dns = "tenant.example.com".into();
        ServiceClients {
            entra: Arc::new(
                entra_client(&config, SecretString::from("s".to_string())).expect("a client"),
            ),
            onekosmos: Arc::new(
                onekosmos_client(&config, SecretString::from("k".to_string())).expect("a client"),
            ),
        }
    }

    #[test]
    fn test_settings_picks_a_problem_by_its_field_section() {
        let field = |name: &'static str| ConfigError::Field {
            field: name,
            problem: "x".into(),
            fix: "y",
            words: kiosk_config::FieldWords::new("admin-problem-empty", "admin-fix-config"),
        };
        assert_eq!(
            section_service(&field("entra.tenant_id")),
            Some(Service::Entra)
        );
        assert_eq!(
            section_service(&field("onekosmos.tenant_dns")),
            Some(Service::Onekosmos)
        );
        assert_eq!(section_service(&field("kiosk.mode")), None);
        assert_eq!(section_service(&ConfigError::Syntax("entra.".into())), None);
    }

    #[test]
    fn a_locked_gate_reads_as_locked_at_the_ipc_edge() {
        assert!(matches!(
            AdminCommandError::from(AdminError::Gate(GateError::Locked)),
            AdminCommandError::Locked { .. }
        ));
        assert_eq!(
            AdminCommandError::from(AdminError::Gate(GateError::Mismatch)),
            AdminCommandError::Invalid {
                field: Some("pin".into()),
                message: Phrase::new("admin-pin-mismatch")
            }
        );
        assert_eq!(
            AdminCommandError::from(AdminError::Gate(GateError::Pin(PinError::Shape))),
            AdminCommandError::Invalid {
                field: Some("pin".into()),
                message: Phrase::new("admin-pin-shape")
            }
        );
        let busy = enrollment::view::CommandError::Busy {
            message: "An enrollment is in progress.".into(),
        };
        assert_eq!(
            AdminCommandError::from(busy),
            AdminCommandError::Busy {
                message: Phrase::new("admin-error-busy")
            }
        );
    }

    #[test]
    fn a_failed_save_puts_the_secrets_back_and_says_so_in_words() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be: the settings cannot be written.
        let path = dir.path().join("config.toml");
        let mut configured = example();
        configured.admin.pin_hash = Some(kiosk_config::hash_pin("24681357").unwrap());
        let store = Arc::new(kiosk_config::MemoryStore::default());
        let console = AdminConsole::new(
            path.clone(),
            Some(configured.clone()),
            demo_clients(),
            store.clone(),
        );
        std::fs::create_dir_all(&path).unwrap();
        console.unlock("24681357").unwrap();
        let unlocked = console.authorize().unwrap();
        let mut form = SettingsForm::from_config(&configured);
        form.client_secret = "new-secret".into();
        form.license_key = "new-key".into();
        let SaveOutcome::Failed { message } = console.save_settings(&unlocked, &form) else {
            panic!("saving over a directory fails")
        };
        let ids: Vec<&str> = message.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["admin-save-file-failed", "admin-save-nothing-saved"]);
        assert_eq!(
            store.get(Secret::EntraClientSecret).unwrap().map(|_| ()),
            None
        );
    }
}
