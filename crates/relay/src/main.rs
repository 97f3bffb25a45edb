//! `enrollment-relay`: the callback relay service (see the library's documentation and
//! `docs/relay.md`).
//!
//! ```text
//! enrollment-relay [serve] [flags]      serve (the default); every flag has an environment variable
//! enrollment-relay kiosk-token KIOSK_ID print the kiosk's subscription token (key from the environment)
//! enrollment-relay generate-key         print a fresh random token key
//! ```
//!
//! Once listening it prints one line to standard output, `enrollment-relay listening on
//! {url}`; logs go to standard error.

mod cli;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use enrollment_relay::{
    start, store::DEFAULT_MEMORY_STORE_BYTES, CallbackStore, KioskId, MemoryStore, RedisStore,
    TokenKey, Wakeups,
};

use cli::{Cli, Command, ServeArgs};

/// How long a shutdown waits for callbacks in progress and held callbacks.
const SHUTDOWN_PATIENCE: Duration = Duration::from_secs(10);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve(Box::new(cli.serve))) {
        Command::KioskToken(args) => {
            let kiosk = match KioskId::parse(&args.kiosk_id) {
                Ok(kiosk) => kiosk,
                Err(error) => return fail(&format!("{:?}: {error}", args.kiosk_id)),
            };
            match args.key.load() {
                Ok(key) => {
                    println!("{}", key.token_for(&kiosk).expose());
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
        Command::GenerateKey => match TokenKey::generate_base64() {
            Ok(key) => {
                println!("{key}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&format!("no randomness from the operating system: {error}")),
        },
        Command::Serve(args) => serve(*args),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("enrollment-relay: {message}");
    ExitCode::FAILURE
}

fn serve(args: ServeArgs) -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RELAY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if args.log_json {
        logs.json().init();
    } else {
        logs.init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(&format!("could not start the async runtime: {error}")),
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

async fn run(args: ServeArgs) -> Result<(), String> {
    let config = args.relay_config()?;
    let limits = config.limits.clone();
    let wakeups = Wakeups::new(limits.max_subscriptions, limits.max_subscriptions_per_kiosk);
    let store: Arc<dyn CallbackStore> = match &args.redis_url {
        Some(url) => RedisStore::connect(
            url,
            args.stream_limits(),
            args.redis_timeouts(),
            args.held_limits(),
            wakeups.clone(),
        )
        .map_err(|e| e.to_string())?,
        None => {
            tracing::warn!("no --redis-url: using the in-memory store; run one instance only, and a restart loses unread events");
            MemoryStore::new(
                args.stream_limits(),
                DEFAULT_MEMORY_STORE_BYTES,
                wakeups.clone(),
            )
        }
    };
    let description = store.describe();
    let relay = start(config, store, wakeups)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(store = %description, url = %relay.base_url(), "enrollment-relay serving");
    println!("enrollment-relay listening on {}", relay.base_url());
    wait_for_stop_signal().await;
    tracing::info!("shutting down");
    let still_held = relay.shut_down(SHUTDOWN_PATIENCE).await;
    if still_held > 0 {
        tracing::error!(
            still_held,
            "shut down with callbacks that never reached Redis; they are lost"
        );
    }
    Ok(())
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
