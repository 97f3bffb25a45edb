//! The callback relay on the admin screen: where the kiosk's subscription stands, in words, and
//! *Test connection* (the relay is reachable and accepts this kiosk's token).

use std::time::{Duration, SystemTime};

use enrollment::language::Phrase;
use enrollment_relay::subscriber::{self, CheckError, ConnectionState, Disconnect};
use enrollment_relay::{KioskId, KioskToken};
use kiosk_config::{KioskConfig, Secret, SecretStore};
use url::Url;

use crate::clients::stored_secret;
use crate::connection::{error_text, step};
use crate::view::{ConnectionReport, RelayOverview, Service};
use crate::words::client_setup_problem;

const RELAY: &str = "admin-step-relay";
const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

/// The relay settings of `config`, with the token from the store.
pub fn relay_settings(
    config: &KioskConfig,
    store: &dyn SecretStore,
) -> Result<(Url, KioskId, KioskToken), Phrase> {
    let (Some(url), Some(kiosk)) = (&config.callback.relay_url, &config.callback.kiosk_id) else {
        return Err(Phrase::new("admin-relay-settings-missing"));
    };
    let url = Url::parse(url).map_err(|_| Phrase::new("admin-relay-url-invalid"))?;
    let kiosk = KioskId::parse(kiosk).map_err(|error| {
        Phrase::new("admin-relay-kiosk-name-invalid").with("error", error.to_string())
    })?;
    let token =
        stored_secret(store, Secret::RelayToken).map_err(|error| client_setup_problem(&error))?;
    use secrecy::ExposeSecret;
    Ok((url, kiosk, KioskToken::new(token.expose_secret().trim())))
}

/// Checks once that the relay answers and accepts the token, then hangs up.
pub async fn check_relay(url: &Url, kiosk: &KioskId, token: &KioskToken) -> ConnectionReport {
    let http = match subscriber::http_client() {
        Ok(http) => http,
        Err(error) => return report(false, vec![error_text(&error)]),
    };
    match subscriber::check(&http, url, kiosk, token, CHECK_TIMEOUT).await {
        Ok(()) => report(
            true,
            vec![Phrase::new("admin-relay-accepted")
                .with("kiosk", kiosk.to_string())
                .with("url", subscriber::callback_url(url, kiosk).to_string())],
        ),
        Err(CheckError::TokenRefused(_)) => report(
            false,
            vec![Phrase::new("admin-relay-token-refused").with("kiosk", kiosk.to_string())],
        ),
        Err(error) => report(
            false,
            vec![error_text(&error), Phrase::new("admin-hint-relay-reach")],
        ),
    }
}

fn report(ok: bool, detail: Vec<Phrase>) -> ConnectionReport {
    ConnectionReport {
        service: Service::Relay,
        ok,
        steps: vec![step(RELAY, ok, detail)],
    }
}

/// The subscription's state in words, e.g. "Connected since 14:02:07 UTC".
pub fn overview(callback_url: &Url, kiosk: &KioskId, state: ConnectionState) -> RelayOverview {
    let (connected, words) = match state {
        ConnectionState::Connecting { since } => (
            false,
            Phrase::new("admin-relay-connecting").with("time", clock(since)),
        ),
        ConnectionState::Connected { since } => (
            true,
            Phrase::new("admin-relay-connected").with("time", clock(since)),
        ),
        ConnectionState::Reconnecting {
            since,
            attempts,
            reason,
        } => (
            false,
            Phrase::new("admin-relay-reconnecting")
                .with("time", clock(since))
                .with("attempts", attempts)
                .with(
                    "reason",
                    match reason {
                        Disconnect::Unreachable => "unreachable",
                        Disconnect::TokenRefused => "token-refused",
                        Disconnect::Refused(_) => "refused",
                        Disconnect::Ended => "ended",
                        Disconnect::Silent => "silent",
                        Disconnect::Malformed => "malformed",
                    },
                ),
        ),
    };
    RelayOverview {
        callback_url: callback_url.to_string(),
        kiosk_id: kiosk.to_string(),
        connected,
        state: words,
    }
}

/// `HH:MM:SS` (UTC) of a moment today (the admin screen shows recent moments).
fn clock(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
        % 86_400;
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_reads_as_a_sentence() {
        let url = Url::parse("https://relay.contoso.com/callback/desk-1").unwrap();
        let kiosk = KioskId::parse("desk-1").unwrap();
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(86_400 * 3 + 3_723);
        let up = overview(&url, &kiosk, ConnectionState::Connected { since: at });
        assert!(up.connected);
        assert_eq!(
            up.state,
            Phrase::new("admin-relay-connected").with("time", "01:02:03")
        );
        let down = overview(
            &url,
            &kiosk,
            ConnectionState::Reconnecting {
                since: at,
                attempts: 4,
                reason: Disconnect::TokenRefused,
            },
        );
        assert!(!down.connected);
        assert_eq!(
            down.state,
            Phrase::new("admin-relay-reconnecting")
                .with("time", "01:02:03")
                .with("attempts", 4u32)
                .with("reason", "token-refused")
        );
    }
}
