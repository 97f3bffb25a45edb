//! Enrollment Kiosk: the desktop shell. It opens the kiosk window, wires the enrollment
//! session to its adapters and relays views and intents. No business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod commands;
mod demo;
mod kiosk_window;
mod view_relay;

use std::process::ExitCode;

use clap::Parser;
use enrollment::driver::{self, Ports};
use enrollment::Session;
use tauri::Manager;
use tokio::sync::mpsc;

use crate::cli::Cli;
use crate::view_relay::{SessionHandle, WebviewRelay};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,enrollment=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let cli = Cli::parse();
    let settings = match cli.session_settings() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("enrollment-kiosk: {error}");
            return ExitCode::from(2);
        }
    };
    if !settings.demo {
        eprintln!(
            "enrollment-kiosk: a configuration file was found, but production mode needs the \
             1Kosmos and Entra clients, which this build does not have yet. Start with --demo."
        );
        return ExitCode::from(2);
    }

    let demo_options = cli.demo_options();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running kiosk forward instead of opening another.
            if let Some(window) = app.get_webview_window(kiosk_window::LABEL) {
                let _ = window.set_focus();
            }
        }))
        .invoke_handler(tauri::generate_handler![
            commands::current_view,
            commands::send_intent
        ])
        .setup(move |app| {
            let now = std::time::Instant::now();
            let session = Session::new(settings, now);
            let (intents_tx, intents_rx) = mpsc::channel(32);
            let relay = WebviewRelay::new(app.handle().clone(), session.view(now));
            app.manage(SessionHandle::new(intents_tx, relay.latest()));
            let services = tauri::async_runtime::block_on(demo::DemoServices::start(demo_options))?;
            let ports = Ports {
                camera: std::sync::Arc::new(demo::DemoCamera::default()),
                proofing: services.proofing.clone(),
                issuing: services.issuing.clone(),
            };
            app.manage(services);
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
