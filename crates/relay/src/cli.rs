//! The binary's flags; each has an environment variable (`RELAY_…`) for containers.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use enrollment_relay::{
    ClientIpSource, HeldLimits, Rate, RedisTimeouts, RelayConfig, RelayLimits, StreamLimits,
    TlsFiles, TokenKey,
};

#[derive(Parser)]
#[command(
    name = "enrollment-relay",
    version,
    about = "Relays Entra Verified ID callbacks to kiosks behind NAT, through Redis Streams.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve (the default when no command is given).
    Serve(Box<ServeArgs>),
    /// Print the subscription token of KIOSK_ID under the relay's key; store it in the kiosk's
    /// credential store.
    KioskToken(KioskTokenArgs),
    /// Print a fresh random token key (base64, 32 bytes) for RELAY_TOKEN_KEY.
    GenerateKey,
}

/// Where the token key comes from: never a plain flag, which `ps` would show.
#[derive(Args, Clone)]
pub struct KeySource {
    /// A file holding the token key (base64); otherwise the RELAY_TOKEN_KEY variable.
    #[arg(long, env = "RELAY_TOKEN_KEY_FILE")]
    pub token_key_file: Option<PathBuf>,
}

impl KeySource {
    pub fn load(&self) -> Result<TokenKey, String> {
        let text = match &self.token_key_file {
            Some(path) => std::fs::read_to_string(path)
                .map_err(|e| format!("could not read the token key file {}: {e}", path.display()))?,
            None => std::env::var("RELAY_TOKEN_KEY").map_err(|_| {
                "no token key: set RELAY_TOKEN_KEY or --token-key-file (`enrollment-relay generate-key` prints a new key)".to_string()
            })?,
        };
        TokenKey::from_base64(&text).map_err(|e| e.to_string())
    }
}

#[derive(Args)]
pub struct KioskTokenArgs {
    /// The kiosk's id (letters, digits, '-', '_'; at most 64).
    pub kiosk_id: String,
    #[command(flatten)]
    pub key: KeySource,
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "RELAY_LISTEN", default_value = "0.0.0.0:8080")]
    pub listen: SocketAddr,
    /// Redis URL (redis://… or rediss://…). Without it: the in-memory store, one instance only.
    #[arg(long, env = "RELAY_REDIS_URL")]
    pub redis_url: Option<String>,
    #[command(flatten)]
    pub key: KeySource,
    /// PEM certificate chain: the relay serves TLS itself (with --tls-key).
    #[arg(long, env = "RELAY_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, env = "RELAY_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Count per-address rates by the last X-Forwarded-For address (only behind a proxy that
    /// sets it).
    #[arg(long, env = "RELAY_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// Largest callback body, bytes.
    #[arg(long, env = "RELAY_MAX_BODY_BYTES", default_value_t = RelayLimits::default().max_body_bytes)]
    pub max_body_bytes: usize,
    /// Requests per second per client address (burst: twice that).
    #[arg(long, env = "RELAY_PER_IP_RATE", default_value_t = RelayLimits::default().per_ip.per_second)]
    pub per_ip_rate: f64,
    /// Callbacks per second per kiosk (burst: twice that).
    #[arg(long, env = "RELAY_PER_KIOSK_RATE", default_value_t = RelayLimits::default().per_kiosk_callbacks.per_second)]
    pub per_kiosk_rate: f64,
    /// Open connections at most.
    #[arg(long, env = "RELAY_MAX_CONNECTIONS", default_value_t = RelayLimits::default().max_connections)]
    pub max_connections: usize,
    /// Subscriptions at most.
    #[arg(long, env = "RELAY_MAX_SUBSCRIPTIONS", default_value_t = RelayLimits::default().max_subscriptions)]
    pub max_subscriptions: usize,
    /// Subscriptions per kiosk at most.
    #[arg(long, env = "RELAY_MAX_SUBSCRIPTIONS_PER_KIOSK", default_value_t = RelayLimits::default().max_subscriptions_per_kiosk)]
    pub max_subscriptions_per_kiosk: usize,
    /// Callbacks handled at once at most.
    #[arg(long, env = "RELAY_MAX_CONCURRENT_CALLBACKS", default_value_t = RelayLimits::default().max_concurrent_callbacks)]
    pub max_concurrent_callbacks: usize,
    /// Entries kept per kiosk stream.
    #[arg(long, env = "RELAY_STREAM_MAX_LEN", default_value_t = StreamLimits::default().max_len)]
    pub stream_max_len: usize,
    /// Seconds a kiosk stream is kept after its last callback.
    #[arg(long, env = "RELAY_STREAM_TTL_SECS", default_value_t = StreamLimits::default().ttl.as_secs())]
    pub stream_ttl_secs: u64,
    /// Milliseconds a callback's Redis write may take before the callback is held in memory.
    #[arg(long, env = "RELAY_REDIS_WRITE_TIMEOUT_MS", default_value_t = RedisTimeouts::default().write.as_millis() as u64)]
    pub redis_write_timeout_ms: u64,
    /// Callbacks held in memory at most while Redis is unreachable (then 503).
    #[arg(long, env = "RELAY_HELD_MAX_CALLBACKS", default_value_t = HeldLimits::default().max_callbacks)]
    pub held_max_callbacks: usize,
    /// Write logs as JSON lines.
    #[arg(long, env = "RELAY_LOG_JSON")]
    pub log_json: bool,
}

impl ServeArgs {
    pub fn relay_config(&self) -> Result<RelayConfig, String> {
        let positive = |name: &str, value: f64| {
            if value.is_finite() && value > 0.0 {
                Ok(value)
            } else {
                Err(format!("{name} must be a positive number"))
            }
        };
        let limits = RelayLimits {
            max_body_bytes: self.max_body_bytes.max(1),
            per_ip: Rate::per_second(positive("--per-ip-rate", self.per_ip_rate)?),
            per_kiosk_callbacks: Rate::per_second(positive(
                "--per-kiosk-rate",
                self.per_kiosk_rate,
            )?),
            max_connections: self.max_connections.max(1),
            max_subscriptions: self.max_subscriptions.max(1),
            max_subscriptions_per_kiosk: self.max_subscriptions_per_kiosk.max(1),
            max_concurrent_callbacks: self.max_concurrent_callbacks.max(1),
            ..RelayLimits::default()
        };
        let tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles {
                certificate_chain: cert.clone(),
                private_key: key.clone(),
            }),
            _ => None,
        };
        Ok(RelayConfig {
            listen: self.listen,
            tls,
            token_key: self.key.load()?,
            limits,
            client_ip: if self.trust_forwarded_for {
                ClientIpSource::LastForwardedFor
            } else {
                ClientIpSource::Peer
            },
        })
    }

    pub fn stream_limits(&self) -> StreamLimits {
        StreamLimits {
            max_len: self.stream_max_len.max(1),
            ttl: Duration::from_secs(self.stream_ttl_secs.max(1)),
        }
    }

    pub fn redis_timeouts(&self) -> RedisTimeouts {
        RedisTimeouts {
            write: Duration::from_millis(self.redis_write_timeout_ms.max(1)),
            ..RedisTimeouts::default()
        }
    }

    pub fn held_limits(&self) -> HeldLimits {
        HeldLimits {
            max_callbacks: self.held_max_callbacks,
            ..HeldLimits::default()
        }
    }
}
