//! Structured logs: to standard error, and to a daily file in the platform's local data
//! directory, kept 14 days. Nothing personal is logged anywhere in the app (types that hold
//! personal data never print it), and the privacy test reads these files to prove it.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// Keeps the file writer flushing until the app exits.
pub struct LogGuard(#[allow(dead_code)] Option<WorkerGuard>);

pub fn log_dir() -> Option<PathBuf> {
    dirs::data_local_dir().map(|dir| dir.join(crate::window::IDENTIFIER).join("logs"))
}

pub fn init(json: bool) -> LogGuard {
    let filter = || {
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,enrollment=info"))
    };
    let appender = log_dir().and_then(|dir| {
        RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix("kiosk")
            .filename_suffix(if json { "json" } else { "log" })
            .max_log_files(14)
            .build(dir)
            .ok()
    });
    let (file_layer, guard) = match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = fmt::layer().with_writer(writer).with_ansi(false);
            let layer = if json {
                layer.json().with_filter(filter()).boxed()
            } else {
                layer.with_filter(filter()).boxed()
            };
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    tracing_subscriber::registry()
        .with(stderr)
        .with(file_layer)
        .init();
    LogGuard(guard)
}
