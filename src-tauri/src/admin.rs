//! The admin screen's commands: thin glue between the webview and the `administration`
//! crate, the configuration file, the OS credential store and the running clients. Every
//! command but the PIN ones is refused while the admin screen is locked.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use administration::connection::{self, check_entra, check_onekosmos, setup_failed};
use administration::view::{
    AdminOverview, AdminStatus, CameraList, ConnectionReport, FieldProblem, SaveOutcome,
    SecretsStatus, Service, SettingsForm, UnlockOutcome,
};
use administration::{AdminGate, StoredSecrets};
use enrollment::view::Screen;
use kiosk_config::{AdminSection, CameraSection, KioskConfig, Secret, SecretStore};
use secrecy::SecretString;
use tauri::{AppHandle, Manager, State};

use crate::production::ServiceClients;
use crate::view_relay::SessionHandle;

pub struct AdminState {
    gate: Mutex<AdminGate>,
    config_path: PathBuf,
    /// The configuration in use (none in demo mode), then the one last saved.
    config: Mutex<Option<KioskConfig>>,
    demo: bool,
    clients: ServiceClients,
    store: Arc<dyn SecretStore>,
}

impl AdminState {
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
        Self {
            gate: Mutex::new(gate),
            config_path,
            demo,
            config: Mutex::new(config),
            clients,
            store,
        }
    }

    /// Whether an administrator has the admin screen open now.
    pub fn is_open(&self) -> bool {
        self.gate().is_open(Instant::now())
    }

    fn gate(&self) -> MutexGuard<'_, AdminGate> {
        // A poisoned lock only means another command panicked; the gate itself is consistent.
        self.gate.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn config(&self) -> Option<KioskConfig> {
        self.config
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn authorize(&self) -> Result<(), String> {
        self.gate()
            .authorize(Instant::now())
            .map_err(|e| e.to_string())
    }

    /// The stored secrets a form may reuse: only those of the same Entra app and 1Kosmos
    /// tenant as the saved configuration, so that no stored secret is ever sent to a service
    /// someone typed into the form.
    fn reusable_secrets(&self, form: &SettingsForm) -> (StoredSecrets, Option<String>) {
        let (stored, problem) = self.stored_secrets();
        let Some(saved) = self.config() else {
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

    fn stored_secrets(&self) -> (StoredSecrets, Option<String>) {
        let mut problem = None;
        let mut stored = |secret| match self.store.get(secret) {
            Ok(value) => value.is_some(),
            Err(error) => {
                problem = Some(error.to_string());
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
        let current = self.config();
        let gate = self.gate();
        let admin = AdminSection {
            pin_hash: gate.chosen_pin_hash().map(str::to_string).or_else(|| {
                current
                    .as_ref()
                    .and_then(|config| config.admin.pin_hash.clone())
            }),
        };
        let camera = current.map(|config| config.camera).unwrap_or_default();
        form.to_config(admin, camera)
    }
}

/// Who may open the admin screen, and the configuration it shows: the one in use; in demo
/// mode the file on disk if there is one (its PIN still guards it); a first run only when
/// there is no file at all.
fn gate_for(
    in_use: Option<KioskConfig>,
    config_path: &std::path::Path,
) -> (AdminGate, Option<KioskConfig>) {
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
                AdminGate::closed(format!(
                    "The admin screen is locked: the configuration file cannot be used \
                     ({error}). Fix or remove {}.",
                    config_path.display()
                )),
                None,
            ),
        },
        None => (AdminGate::new(None), None),
    }
}

fn at_welcome(session: &SessionHandle) -> bool {
    matches!(
        session.latest_view().map(|view| view.screen),
        Some(Screen::Welcome)
    )
}

const BUSY: &str = "An enrollment is in progress. Finish or cancel it first.";

#[tauri::command]
pub fn admin_status(admin: State<'_, AdminState>) -> AdminStatus {
    admin.gate().status(Instant::now())
}

/// First run: the admin PIN, typed twice. Held in memory until the settings are saved.
// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_choose_pin(
    pin: String,
    repeat: String,
    admin: State<'_, AdminState>,
    session: State<'_, SessionHandle>,
) -> Result<(), String> {
    if !at_welcome(&session) {
        return Err(BUSY.into());
    }
    admin
        .gate()
        .choose_first_pin(&pin, &repeat, Instant::now())
        .map_err(|e| e.to_string())
}

/// Keeps an open admin screen open while the administrator is typing (nothing else to do).
#[tauri::command]
pub fn admin_touch(admin: State<'_, AdminState>) -> Result<(), String> {
    admin.authorize()
}

// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_unlock(
    pin: String,
    admin: State<'_, AdminState>,
    session: State<'_, SessionHandle>,
) -> Result<UnlockOutcome, String> {
    if !at_welcome(&session) {
        return Err(BUSY.into());
    }
    let outcome = admin
        .gate()
        .unlock(&pin, Instant::now())
        .map_err(|e| e.to_string())?;
    if !matches!(outcome, UnlockOutcome::Accepted) {
        tracing::warn!("a wrong admin PIN was entered");
    }
    Ok(outcome)
}

#[tauri::command]
pub fn admin_lock(admin: State<'_, AdminState>) {
    admin.gate().lock();
}

// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_overview(
    app: AppHandle,
    admin: State<'_, AdminState>,
) -> Result<AdminOverview, String> {
    admin.authorize()?;
    let config = admin.config();
    let (stored, problem) = admin.stored_secrets();
    let audit = app
        .try_state::<crate::AuditState>()
        .map(|audit| administration::audit_summary::summarize(&audit.0.snapshot()))
        .unwrap_or_default();
    let update_status = app
        .try_state::<crate::updates::UpdateState>()
        .map(|state| state.describe())
        .unwrap_or_else(|| "Updates are not configured.".into());
    Ok(AdminOverview {
        version: app.package_info().version.to_string(),
        demo: admin.demo,
        config_path: admin.config_path.display().to_string(),
        configured: config.is_some(),
        settings: config
            .as_ref()
            .map(SettingsForm::from_config)
            .unwrap_or_else(SettingsForm::first_run),
        secrets: SecretsStatus {
            client_secret_stored: stored.client_secret,
            license_key_stored: stored.license_key,
            problem,
        },
        audit,
        update_status,
        cameras: CameraList {
            demo_camera: admin.demo,
            ..camera_list(config.as_ref())
        },
    })
}

fn camera_list(config: Option<&KioskConfig>) -> CameraList {
    let chosen = config.and_then(|config| config.camera.device_name.clone());
    match camera::list_devices() {
        Ok(devices) if devices.is_empty() => CameraList {
            devices: Vec::new(),
            demo_camera: false,
            chosen,
            note: Some(
                "No camera is connected. Plug in a webcam; until then the capture screens offer the phone."
                    .into(),
            ),
        },
        Ok(devices) => CameraList {
            devices: devices.into_iter().map(|device| device.name).collect(),
            demo_camera: false,
            chosen,
            note: None,
        },
        Err(error) => CameraList {
            devices: Vec::new(),
            demo_camera: false,
            chosen,
            note: Some(format!("The cameras could not be listed: {error}.")),
        },
    }
}

// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_check_settings(
    form: SettingsForm,
    admin: State<'_, AdminState>,
) -> Result<Vec<FieldProblem>, String> {
    admin.authorize()?;
    let config = admin.config_from(&form);
    Ok(form.problems(&config, admin.reusable_secrets(&form).0))
}

/// Validates, stores the typed secrets in the OS credential store, then writes the file.
/// The running kiosk keeps its settings until it restarts.
// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_save_settings(
    form: SettingsForm,
    admin: State<'_, AdminState>,
) -> Result<SaveOutcome, String> {
    admin.authorize()?;
    let config = admin.config_from(&form);
    let (stored, store_problem) = admin.reusable_secrets(&form);
    let problems = form.problems(&config, stored);
    if !problems.is_empty() {
        return Ok(SaveOutcome::Invalid { problems });
    }
    if let Some(problem) = store_problem {
        tracing::warn!(%problem, "the credential store had a problem while saving");
    }
    // Secrets first, then the file; if anything fails, the secrets go back to what they were,
    // so the store and the file always describe the same setup.
    let mut replaced: Vec<(Secret, Option<SecretString>)> = Vec::new();
    let mut failure = None;
    for (secret, value) in [
        (Secret::EntraClientSecret, &form.client_secret),
        (Secret::OneKosmosLicenseKey, &form.license_key),
    ] {
        if value.trim().is_empty() {
            continue;
        }
        let previous = match admin.store.get(secret) {
            Ok(previous) => previous,
            Err(error) => {
                failure = Some(format!(
                    "The {} could not be stored: {error}.",
                    secret.label()
                ));
                break;
            }
        };
        let value = SecretString::from(value.trim().to_string());
        if let Err(error) = admin.store.set(secret, &value) {
            failure = Some(format!(
                "The {} could not be stored: {error}.",
                secret.label()
            ));
            break;
        }
        replaced.push((secret, previous));
    }
    if failure.is_none() {
        if let Err(error) = config.save(&admin.config_path) {
            failure = Some(format!(
                "{error}. Check that the kiosk's account may write there."
            ));
        }
    }
    if let Some(message) = failure {
        for (secret, previous) in replaced {
            let restored = match previous {
                Some(previous) => admin.store.set(secret, &previous),
                None => admin.store.delete(secret),
            };
            if let Err(error) = restored {
                tracing::error!(%error, secret = secret.label(), "a secret could not be put back after a failed save");
            }
        }
        return Ok(SaveOutcome::Failed {
            message: format!("{message} Nothing was saved."),
        });
    }
    tracing::info!(path = %admin.config_path.display(), "settings saved from the admin screen");
    *admin.config.lock().unwrap_or_else(|e| e.into_inner()) = Some(config);
    Ok(SaveOutcome::Saved {
        path: admin.config_path.display().to_string(),
    })
}

/// *Test connection* of the services the kiosk runs with now (in demo mode, the stand-ins).
#[tauri::command]
pub async fn admin_test_connection(
    service: Service,
    admin: State<'_, AdminState>,
) -> Result<ConnectionReport, String> {
    admin.authorize()?;
    let clients = admin.clients.clone();
    Ok(match service {
        Service::Entra => check_entra(&clients.entra).await,
        Service::Onekosmos => check_onekosmos(&clients.onekosmos).await,
    })
}

/// *Test connection* with the values typed in the wizard, before they are saved. A secret
/// left empty is taken from the credential store.
#[tauri::command]
pub async fn admin_test_settings(
    service: Service,
    form: SettingsForm,
    admin: State<'_, AdminState>,
) -> Result<ConnectionReport, String> {
    admin.authorize()?;
    let config = admin.config_from(&form);
    let (which, typed) = match service {
        Service::Entra => (Secret::EntraClientSecret, &form.client_secret),
        Service::Onekosmos => (Secret::OneKosmosLicenseKey, &form.license_key),
    };
    let section = match service {
        Service::Entra => "entra.",
        Service::Onekosmos => "onekosmos.",
    };
    if let Some(problem) = config
        .problems()
        .into_iter()
        .find(|problem| problem.to_string().starts_with(section))
    {
        return Ok(setup_failed(service, problem.to_string()));
    }
    let reusable = admin.reusable_secrets(&form).0;
    let may_reuse = match service {
        Service::Entra => reusable.client_secret,
        Service::Onekosmos => reusable.license_key,
    };
    let secret = if typed.trim().is_empty() {
        if !may_reuse {
            return Ok(setup_failed(
                service,
                format!(
                    "Type the {}: the stored one belongs to the saved settings and is only used with them.",
                    which.label()
                ),
            ));
        }
        match admin.store.get(which) {
            Ok(Some(secret)) => secret,
            Ok(None) => {
                return Ok(setup_failed(
                    service,
                    format!("Type the {} first.", which.label()),
                ))
            }
            Err(error) => return Ok(setup_failed(service, error.to_string())),
        }
    } else {
        SecretString::from(typed.trim().to_string())
    };
    Ok(match service {
        Service::Entra => match connection::entra_client(&config, secret) {
            Ok(client) => check_entra(&client).await,
            Err(error) => setup_failed(service, error.to_string()),
        },
        Service::Onekosmos => match connection::onekosmos_client(&config, secret) {
            Ok(client) => check_onekosmos(&client).await,
            Err(error) => setup_failed(service, error.to_string()),
        },
    })
}

/// Remembers the webcam by its name; it is used from the next start.
// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_choose_camera(
    name: Option<String>,
    admin: State<'_, AdminState>,
) -> Result<(), String> {
    admin.authorize()?;
    let mut guard = admin.config.lock().unwrap_or_else(|e| e.into_inner());
    let Some(config) = guard.as_mut() else {
        return Err("Save the settings first: the camera choice is kept with them.".into());
    };
    let mut updated = config.clone();
    updated.camera = CameraSection { device_name: name };
    updated
        .save(&admin.config_path)
        .map_err(|error| error.to_string())?;
    *config = updated;
    Ok(())
}

/// Restarts the kiosk so that saved settings take effect; only between enrollments.
#[tauri::command]
pub fn admin_restart(
    app: AppHandle,
    admin: State<'_, AdminState>,
    session: State<'_, SessionHandle>,
) -> Result<(), String> {
    admin.authorize()?;
    if !at_welcome(&session) {
        return Err(BUSY.into());
    }
    tracing::info!("restarting from the admin screen");
    app.restart()
}

/// The kiosk's camera, for the admin screen's preview.
pub struct AdminCamera {
    pub camera: Arc<enrollment::adapters::camera::LiveCamera>,
    /// Demo mode: the synthetic camera's settings, so it can be previewed.
    pub demo: Option<crate::kiosk_camera::CameraChoice>,
}

/// Shows one camera's live picture in the admin screen (`None`: the demo camera). Only
/// between enrollments, since it takes the camera.
#[tauri::command]
pub async fn admin_preview_camera(
    name: Option<String>,
    admin: State<'_, AdminState>,
    camera: State<'_, AdminCamera>,
    session: State<'_, SessionHandle>,
) -> Result<(), String> {
    admin.authorize()?;
    if !at_welcome(&session) {
        return Err(BUSY.into());
    }
    let opener: Box<dyn camera::SourceOpener> = match (name, camera.demo) {
        (Some(name), _) => Box::new(move || {
            camera::DeviceSource::open_by_name(&name)
                .map(|source| Box::new(source) as Box<dyn camera::FrameSource>)
        }),
        (None, Some(choice)) => {
            crate::kiosk_camera::synthetic(enrollment::personal::CaptureStep::DocumentFront, choice)
        }
        (None, None) => return Err("Choose a camera to preview.".into()),
    };
    camera
        .camera
        .start_preview(opener)
        .await
        .map_err(|error| format!("The preview could not start: {error}."))
}

/// Ends the admin screen's preview.
#[tauri::command]
pub fn admin_stop_preview(camera: State<'_, AdminCamera>, session: State<'_, SessionHandle>) {
    // During an enrollment the camera belongs to the session, and no admin preview runs.
    if at_welcome(&session) {
        use enrollment::ports::Camera;
        camera.camera.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> KioskConfig {
        KioskConfig::parse(include_str!("../../docs/config.example.toml")).unwrap()
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
        assert_eq!(
            gate.unlock("24681357", now),
            Ok(administration::view::UnlockOutcome::Accepted)
        );

        // Deployed without a PIN, or with a broken file: shut, with the reason.
        let (gate, _) = gate_for(Some(example()), &path);
        assert!(gate.status(now).unavailable.is_some());
        std::fs::write(&path, "not = [toml").unwrap();
        let (gate, config) = gate_for(None, &path);
        assert!(config.is_none());
        assert!(gate
            .status(now)
            .unavailable
            .unwrap()
            .contains("cannot be used"));
    }
}
