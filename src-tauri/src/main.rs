//! Enrollment Kiosk: the desktop shell. It opens the kiosk window, wires the enrollment
//! session to its adapters and relays views and intents. No business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod admin;
mod cli;
mod commands;
mod demo;
mod hardening;
mod kiosk_camera;
mod kiosk_window;
mod logging;
mod production;
mod updates;
mod view_relay;

use std::process::ExitCode;

use clap::Parser;
use enrollment::driver::{self, Ports};
use enrollment::ports::{Issuing, Proofing};
use enrollment::Session;
use std::sync::Arc;
use tauri::Manager;
use tokio::sync::mpsc;

use crate::cli::Cli;
use crate::view_relay::{SessionHandle, WebviewRelay};

fn main() -> ExitCode {
    kiosk_window::prefer_software_compositing();
    hardening::disable_core_dumps();
    let cli = Cli::parse();
    let _logs = logging::init(cli.log_json);
    if let Some(secret) = cli.store_secret {
        return store_secret(secret);
    }
    if cli.hash_admin_pin {
        return hash_admin_pin();
    }
    let mode = cli.mode();
    let update_feed = cli.update_feed(mode.as_ref().ok());
    let mut admin_config: Option<kiosk_config::KioskConfig> = None;
    let demo_mode = matches!(mode, Ok(cli::Mode::Demo(_)));
    let (settings, mut production) = match mode {
        Ok(cli::Mode::Demo(settings)) => (settings, None),
        Ok(cli::Mode::Production(settings, config)) => {
            admin_config = Some((*config).clone());
            let store = kiosk_config::OsCredentialStore::new(kiosk_window::IDENTIFIER);
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

    let demo_options = cli.demo_options();
    let config_path = cli
        .config_path()
        .unwrap_or_else(|| std::path::PathBuf::from(kiosk_config::CONFIG_FILE_NAME));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running kiosk forward instead of opening another.
            if let Some(window) = app.get_webview_window(kiosk_window::LABEL) {
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(tauri::generate_handler![
            commands::current_view,
            commands::send_intent,
            commands::next_preview_frame,
            commands::review_image,
            admin::admin_status,
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
            admin::admin_preview_camera,
            admin::admin_stop_preview
        ])
        .setup(move |app| {
            let now = std::time::Instant::now();
            let session = Session::new(settings, now);
            let (intents_tx, intents_rx) = mpsc::channel(32);
            let relay = WebviewRelay::new(app.handle().clone(), session.view(now));
            app.manage(SessionHandle::new(intents_tx, relay.latest()));
            updates::start(app.handle(), update_feed);
            let service_clients;
            let (camera_choice, proofing, issuing): (_, Arc<dyn Proofing>, Arc<dyn Issuing>) =
                match production.take() {
                    Some(services) => {
                        let clients = (services.proofing.clone(), services.issuing.clone());
                        service_clients = services.clients.clone();
                        app.manage(services);
                        (kiosk_camera::production_choice(), clients.0, clients.1)
                    }
                    None => {
                        let services = tauri::async_runtime::block_on(demo::DemoServices::start(
                            demo_options,
                        ))?;
                        service_clients = services.clients.clone();
                        let parts = (
                            services.camera,
                            services.proofing.clone(),
                            services.issuing.clone(),
                        );
                        app.manage(services);
                        (
                            parts.0,
                            parts.1 as Arc<dyn Proofing>,
                            parts.2 as Arc<dyn Issuing>,
                        )
                    }
                };
            let preferred_camera = admin_config
                .as_ref()
                .and_then(|config| config.camera.device_name.clone());
            let camera = kiosk_camera::build(camera_choice, preferred_camera);
            app.manage(commands::CameraFeed(camera.feed()));
            app.manage(admin::AdminCamera {
                camera: camera.clone(),
                demo: camera_choice.demo.then_some(camera_choice),
            });
            let relay = relay.with_review_feed(camera.feed());
            app.manage(admin::AdminState::new(
                config_path.clone(),
                admin_config.take(),
                service_clients,
                Arc::new(kiosk_config::OsCredentialStore::new(
                    kiosk_window::IDENTIFIER,
                )),
            ));
            let audit = Arc::new(open_audit_trail(demo_mode));
            app.manage(AuditState(audit.clone()));
            let ports = Ports {
                camera,
                proofing,
                issuing,
                audit,
            };
            tauri::async_runtime::spawn(driver::run(session, ports, intents_rx, relay));
            kiosk_window::open(app)?;
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

/// The day-by-day outcome counts (no personal data), for the admin screen.
pub struct AuditState(pub Arc<enrollment::adapters::audit::FileAuditTrail>);

/// The audit file lives beside the logs in the platform's local data directory; with no such
/// directory they go to the working directory.
/// Demo enrollments are counted in a file of their own, apart from real ones.
fn open_audit_trail(demo: bool) -> enrollment::adapters::audit::FileAuditTrail {
    use enrollment::adapters::audit::{FileAuditTrail, AUDIT_FILE_NAME};
    let dir = dirs::data_local_dir()
        .map(|dir| dir.join(kiosk_window::IDENTIFIER))
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
    let store = kiosk_config::OsCredentialStore::new(kiosk_window::IDENTIFIER);
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
