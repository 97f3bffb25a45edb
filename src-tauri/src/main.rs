//! Enrollment Kiosk: the desktop shell. It opens the kiosk window, wires the enrollment
//! session to its adapters and relays views and intents. No business logic lives here: each
//! module is an adapter for one job, and what a module needs is handed to it from here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod admin;
mod camera;
mod cli;
mod demo;
mod logging;
mod production;
mod session;
mod updates;
mod window;

use std::process::ExitCode;
use std::sync::Arc;

use administration::{AdminConsole, ServiceClients};
use clap::Parser;
use enrollment::ports::{Issuing, Proofing, Verifying};
use enrollment::Session;
use enrollment_runtime::adapters::audit_file::{FileAuditTrail, AUDIT_FILE_NAME};
use enrollment_runtime::adapters::camera::LiveCamera;
use enrollment_runtime::driver::{self, Ports};
use tauri::Manager;
use tokio::sync::mpsc;

use crate::cli::Cli;
use crate::session::relay::WebviewRelay;
use crate::session::SessionHandle;

fn main() -> ExitCode {
    window::prefer_software_compositing();
    window::hardening::disable_core_dumps();
    let cli = Cli::parse();
    let _logs = logging::init(cli.log_json);
    if let Some(secret) = cli.store_secret {
        return store_secret(secret);
    }
    if cli.hash_admin_pin {
        return hash_admin_pin();
    }
    if let Some(part) = cli.print_credential_definition {
        return print_credential_definition(&cli, part);
    }
    let mode = cli.mode();
    let update_feed = cli.update_feed(mode.as_ref().ok());
    let mut admin_config: Option<kiosk_config::KioskConfig> = None;
    let (settings, mut production) = match mode {
        Ok(cli::Mode::Demo(settings)) => (settings, None),
        Ok(cli::Mode::Production(settings, config)) => {
            admin_config = Some((*config).clone());
            let store = kiosk_config::OsCredentialStore::new(window::IDENTIFIER);
            match tauri::async_runtime::block_on(production::ProductionServices::start(
                &config, &store,
            )) {
                Ok(services) => (settings, Some(services)),
                Err(error) => {
                    eprintln!("enrollment-kiosk: {error}");
                    return ExitCode::from(2);
                }
            }
        }
        Err(error) => {
            eprintln!("enrollment-kiosk: {error}");
            return ExitCode::from(2);
        }
    };
    let demo_mode = production.is_none();

    let demo_options = cli.demo_options();
    let config_path = cli
        .config_path()
        .unwrap_or_else(|| std::path::PathBuf::from(kiosk_config::CONFIG_FILE_NAME));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running kiosk forward instead of opening another.
            if let Some(window) = app.get_webview_window(window::LABEL) {
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(tauri::generate_handler![
            session::commands::current_view,
            session::commands::send_intent,
            session::commands::next_preview_frame,
            session::commands::review_image,
            admin::admin_status,
            admin::admin_first_run_form,
            admin::admin_choose_pin,
            admin::admin_unlock,
            admin::admin_lock,
            admin::admin_touch,
            admin::admin_overview,
            admin::admin_check_settings,
            admin::admin_save_settings,
            admin::admin_test_connection,
            admin::admin_test_settings,
            admin::admin_choose_camera,
            admin::admin_restart,
            admin::camera::admin_preview_camera,
            admin::camera::admin_stop_preview
        ])
        .setup(move |app| {
            let now = std::time::Instant::now();
            let session = Session::new(settings, now);
            let (intents_tx, intents_rx) = mpsc::channel(32);
            let relay = WebviewRelay::new(app.handle().clone(), session.view(now));
            let session_handle = SessionHandle::new(intents_tx, relay.latest());

            // The services: production's clients, or demo mode's stand-ins and camera.
            let services: Services = match production.take() {
                Some(services) => {
                    let preferred = admin_config
                        .as_ref()
                        .and_then(|config| config.camera.device_name.clone());
                    let parts = Services {
                        camera: camera::webcam(preferred),
                        demo_camera: None,
                        proofing: services.proofing.clone(),
                        issuing: services.issuing.clone(),
                        verifying: services.verifying.clone(),
                        clients: services.clients.clone(),
                    };
                    app.manage(admin::RelayInUse(Some(services.relay.clone())));
                    app.manage(services);
                    parts
                }
                None => {
                    let demo_camera = demo_options.camera;
                    let holder = demo_options.document_holder.clone();
                    let services =
                        tauri::async_runtime::block_on(demo::DemoServices::start(demo_options))?;
                    let parts = Services {
                        camera: demo::camera::build(demo_camera, holder),
                        demo_camera: Some(demo_camera),
                        proofing: services.proofing.clone(),
                        issuing: services.issuing.clone(),
                        verifying: services.verifying.clone(),
                        clients: services.clients.clone(),
                    };
                    app.manage(admin::RelayInUse(Some(services.relay.clone())));
                    app.manage(services);
                    parts
                }
            };

            let console = Arc::new(AdminConsole::new(
                config_path.clone(),
                admin_config.take(),
                services.clients.clone(),
                Arc::new(kiosk_config::OsCredentialStore::new(window::IDENTIFIER)),
            ));
            let audit = Arc::new(open_audit_trail(demo_mode));
            let latest = relay.latest();
            let quiet_console = console.clone();
            let update_state = updates::start(
                app.handle(),
                update_feed,
                Arc::new(move || {
                    // Not while an administrator has the admin screen open over Welcome either.
                    let view = latest.lock().ok().and_then(|view| view.clone());
                    !quiet_console.is_open() && updates::watcher::is_quiet(view.as_ref())
                }),
            );

            app.manage(session_handle);
            app.manage(session::commands::CameraFeed(services.camera.feed()));
            app.manage(admin::camera::AdminCamera {
                camera: services.camera.clone(),
                demo: services.demo_camera,
            });
            app.manage(console);
            app.manage(admin::AuditCounts(audit.clone()));
            app.manage(update_state);

            let relay = relay.with_review_feed(services.camera.feed());
            let ports = Ports {
                camera: services.camera,
                proofing: services.proofing,
                issuing: services.issuing,
                verifying: services.verifying,
                audit,
            };
            tauri::async_runtime::spawn(driver::run(session, ports, intents_rx, relay));
            window::open(app)?;
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("enrollment-kiosk: the window could not be opened: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What the session runs with, in either mode.
struct Services {
    camera: Arc<LiveCamera>,
    demo_camera: Option<demo::camera::DemoCamera>,
    proofing: Arc<dyn Proofing>,
    issuing: Arc<dyn Issuing>,
    verifying: Arc<dyn Verifying>,
    clients: ServiceClients,
}

/// The audit file lives beside the logs in the platform's local data directory; with no such
/// directory they go to the working directory.
/// Demo enrollments are counted in a file of their own, apart from real ones.
fn open_audit_trail(demo: bool) -> FileAuditTrail {
    let dir = dirs::data_local_dir()
        .map(|dir| dir.join(window::IDENTIFIER))
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    let name = if demo {
        "audit-demo.json"
    } else {
        AUDIT_FILE_NAME
    };
    FileAuditTrail::open(dir.join(name))
}

/// `--hash-admin-pin`: reads a PIN from standard input and prints the configuration line
/// holding its Argon2id hash, for fleets that deploy the configuration file.
fn hash_admin_pin() -> ExitCode {
    let mut pin = String::new();
    if std::io::stdin().read_line(&mut pin).is_err() {
        eprintln!("enrollment-kiosk: give the admin PIN on standard input");
        return ExitCode::from(2);
    }
    let pin = zeroize::Zeroizing::new(pin);
    match kiosk_config::hash_pin(pin.trim()) {
        Ok(hash) => {
            println!("pin_hash = \"{hash}\"");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("enrollment-kiosk: {error}");
            ExitCode::from(2)
        }
    }
}

/// `--print-credential-definition rules|display`: the definition for the configured
/// credential type and organization (the defaults when there is no configuration yet).
fn print_credential_definition(cli: &Cli, part: cli::DefinitionPart) -> ExitCode {
    use administration::credential_definition::{kiosk_definition, DEFAULT_CREDENTIAL_TYPE};
    let config = match cli.config_path().filter(|path| path.exists()) {
        Some(path) => match kiosk_config::KioskConfig::load(&path) {
            Ok(config) => Some(config),
            Err(error) => {
                eprintln!("enrollment-kiosk: {}: {error}", path.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let (credential_type, organization, photo) = match config.as_ref() {
        Some(config) => (
            config.entra.credential_type.as_str(),
            config.entra.client_name.as_str(),
            config.entra.photo_claim.as_deref(),
        ),
        None => (DEFAULT_CREDENTIAL_TYPE, "Enrollment Kiosk", None),
    };
    let definition = kiosk_definition(credential_type, organization, photo);
    println!(
        "{}",
        match part {
            cli::DefinitionPart::Rules => definition.rules_json(),
            cli::DefinitionPart::Display => definition.display_json(),
        }
    );
    ExitCode::SUCCESS
}

/// `--store-secret NAME`: reads the value from standard input into the OS credential store.
fn store_secret(secret: kiosk_config::Secret) -> ExitCode {
    use kiosk_config::SecretStore;
    let mut value = String::new();
    if std::io::stdin().read_line(&mut value).is_err() || value.trim().is_empty() {
        eprintln!(
            "enrollment-kiosk: give the {} on standard input",
            secret.label()
        );
        return ExitCode::from(2);
    }
    let value = secrecy::SecretString::from(value.trim().to_string());
    let store = kiosk_config::OsCredentialStore::new(window::IDENTIFIER);
    match store.set(secret, &value) {
        Ok(()) => {
            eprintln!("enrollment-kiosk: the {} is stored.", secret.label());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("enrollment-kiosk: {error}");
            ExitCode::FAILURE
        }
    }
}
