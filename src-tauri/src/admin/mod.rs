//! The admin screen's commands: a line or two each around `administration::AdminConsole`,
//! which holds the state and the rules. Every command but the PIN ones is refused while the
//! admin screen is locked; the ones that take the camera or restart run only at Welcome.

pub mod camera;

use std::sync::Arc;

use administration::view::{
    AdminCommandError, AdminOverview, AdminStatus, ConnectionReport, FieldProblem, SaveOutcome,
    Service, SettingsForm, UnlockOutcome,
};
use administration::AdminConsole;
use enrollment_runtime::adapters::audit_file::FileAuditTrail;
use tauri::{AppHandle, State};

use crate::session::SessionHandle;
use crate::updates::UpdateState;

/// The day-by-day outcome counts (no personal data), for the overview.
pub struct AuditCounts(pub Arc<FileAuditTrail>);

#[tauri::command]
pub fn admin_status(admin: State<'_, Arc<AdminConsole>>) -> AdminStatus {
    admin.status()
}

/// The wizard's starting values on a first run (Rust owns the defaults).
#[tauri::command]
pub fn admin_first_run_form() -> SettingsForm {
    SettingsForm::first_run()
}

/// First run: the admin PIN, typed twice. Held in memory until the settings are saved.
// Off the main thread: Argon2, the credential store and camera listing can take a while.
#[tauri::command(async)]
pub fn admin_choose_pin(
    pin: String,
    repeat: String,
    admin: State<'_, Arc<AdminConsole>>,
    session: State<'_, SessionHandle>,
) -> Result<(), AdminCommandError> {
    session.require_welcome()?;
    Ok(admin.choose_first_pin(&pin, &repeat)?)
}

/// Keeps an open admin screen open while the administrator is typing (nothing else to do).
#[tauri::command]
pub fn admin_touch(admin: State<'_, Arc<AdminConsole>>) -> Result<(), AdminCommandError> {
    admin.authorize()?;
    Ok(())
}

#[tauri::command(async)]
pub fn admin_unlock(
    pin: String,
    admin: State<'_, Arc<AdminConsole>>,
    session: State<'_, SessionHandle>,
) -> Result<UnlockOutcome, AdminCommandError> {
    session.require_welcome()?;
    Ok(admin.unlock(&pin)?)
}

#[tauri::command]
pub fn admin_lock(admin: State<'_, Arc<AdminConsole>>) {
    admin.lock();
}

#[tauri::command(async)]
pub fn admin_overview(
    app: AppHandle,
    admin: State<'_, Arc<AdminConsole>>,
    audit: State<'_, AuditCounts>,
    updates: State<'_, UpdateState>,
    relay: State<'_, RelayInUse>,
) -> Result<AdminOverview, AdminCommandError> {
    let unlocked = admin.authorize()?;
    let config = admin.config(&unlocked);
    Ok(AdminOverview {
        version: app.package_info().version.to_string(),
        demo: admin.is_demo(),
        config_path: admin.config_path().display().to_string(),
        configured: config.is_some(),
        settings: admin.settings_form(&unlocked),
        secrets: admin.secrets_status(&unlocked),
        audit: administration::audit_summary::summarize(&audit.0.snapshot()),
        update_status: updates.phrase(),
        cameras: camera::list(config.as_ref(), admin.is_demo()),
        config_warning: administration::words::config_open_to_others(admin.config_path()),
        relay: relay.0.as_ref().map(|relay| {
            administration::relay_check::overview(
                &relay.callback_url,
                &relay.kiosk,
                relay.link.state(),
            )
        }),
    })
}

/// The relay subscription the kiosk holds (in demo mode, to a relay in this process).
pub struct RelayInUse(pub Option<Arc<crate::production::RelayStatus>>);

#[tauri::command(async)]
pub fn admin_check_settings(
    form: SettingsForm,
    admin: State<'_, Arc<AdminConsole>>,
) -> Result<Vec<FieldProblem>, AdminCommandError> {
    let unlocked = admin.authorize()?;
    Ok(admin.check_settings(&unlocked, &form))
}

/// Validates, stores the typed secrets, then writes the file (the secrets go back if the
/// file cannot be written). The running kiosk keeps its settings until it restarts.
#[tauri::command(async)]
pub fn admin_save_settings(
    form: SettingsForm,
    admin: State<'_, Arc<AdminConsole>>,
) -> Result<SaveOutcome, AdminCommandError> {
    let unlocked = admin.authorize()?;
    Ok(admin.save_settings(&unlocked, &form))
}

/// *Test connection* of the services the kiosk runs with now (in demo mode, the stand-ins).
#[tauri::command]
pub async fn admin_test_connection(
    service: Service,
    admin: State<'_, Arc<AdminConsole>>,
    relay: State<'_, RelayInUse>,
) -> Result<ConnectionReport, AdminCommandError> {
    let unlocked = admin.authorize()?;
    // The relay this kiosk is subscribed to now (in demo mode, the one in this process).
    if let (Service::Relay, Some(relay)) = (service, relay.0.as_ref()) {
        return Ok(administration::relay_check::check_relay(
            &relay.relay_url,
            &relay.kiosk,
            &relay.token,
        )
        .await);
    }
    Ok(admin.test_connection(&unlocked, service).await)
}

/// *Test connection* with the values typed in the wizard, before they are saved.
#[tauri::command]
pub async fn admin_test_settings(
    service: Service,
    form: SettingsForm,
    admin: State<'_, Arc<AdminConsole>>,
) -> Result<ConnectionReport, AdminCommandError> {
    let unlocked = admin.authorize()?;
    Ok(admin.test_settings(&unlocked, service, &form).await)
}

/// Remembers the webcam by its name; it is used from the next start.
#[tauri::command(async)]
pub fn admin_choose_camera(
    name: Option<String>,
    admin: State<'_, Arc<AdminConsole>>,
) -> Result<(), AdminCommandError> {
    let unlocked = admin.authorize()?;
    Ok(admin.choose_camera(&unlocked, name)?)
}

/// Restarts the kiosk so that saved settings take effect; only between enrollments.
#[tauri::command]
pub fn admin_restart(
    app: AppHandle,
    admin: State<'_, Arc<AdminConsole>>,
    session: State<'_, SessionHandle>,
) -> Result<(), AdminCommandError> {
    admin.authorize()?;
    session.require_welcome()?;
    tracing::info!("restarting from the admin screen");
    app.restart()
}
