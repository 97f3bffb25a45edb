//! The callback relay on the admin screen: where the kiosk's subscription stands, in words, and
//! *Test connection* (the relay is reachable and accepts this kiosk's token).

use std::time::{Duration, SystemTime};

use enrollment_relay::subscriber::{self, CheckError, ConnectionState, Disconnect};
use enrollment_relay::{KioskId, KioskToken};
use kiosk_config::{KioskConfig, Secret, SecretStore};
use url::Url;

use crate::clients::stored_secret;
use crate::view::{CheckStep, ConnectionReport, RelayOverview, Service};

const RELAY: &str = "Callback relay";
const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

/// The relay settings of `config`, with the token from the store.
pub fn relay_settings(
    config: &KioskConfig,
    store: &dyn SecretStore,
) -> Result<(Url, KioskId, KioskToken), String> {
    let (Some(url), Some(kiosk)) = (&config.callback.relay_url, &config.callback.kiosk_id) else {
        return Err("Set the relay URL and this kiosk's name at the relay.".into());
    };
    let url = Url::parse(url).map_err(|_| "The relay URL is not a URL.".to_string())?;
    let kiosk = KioskId::parse(kiosk).map_err(|error| format!("The kiosk name: {error}."))?;
    let token = stored_secret(store, Secret::RelayToken).map_err(|error| format!("{error}."))?;
    use secrecy::ExposeSecret;
    Ok((url, kiosk, KioskToken::new(token.expose_secret().trim())))
}

/// Checks once that the relay answers and accepts the token, then hangs up.
pub async fn check_relay(url: &Url, kiosk: &KioskId, token: &KioskToken) -> ConnectionReport {
    let http = match subscriber::http_client() {
        Ok(http) => http,
        Err(error) => return report(false, format!("No HTTP client: {error}.")),
    };
    match subscriber::check(&http, url, kiosk, token, CHECK_TIMEOUT).await {
        Ok(()) => report(
            true,
            format!(
                "The relay accepted this kiosk ({kiosk}). Entra posts to {}.",
                subscriber::callback_url(url, kiosk)
            ),
        ),
        Err(CheckError::TokenRefused(_)) => report(
            false,
            format!(
                "The relay refused this kiosk's token. Make one with `enrollment-relay kiosk-token {kiosk}` \
                 and store it with `enrollment-kiosk --store-secret relay-token`."
            ),
        ),
        Err(error) => report(
            false,
            format!("{error}. Check the relay URL and that this computer can reach it."),
        ),
    }
}

fn report(ok: bool, detail: String) -> ConnectionReport {
    ConnectionReport {
        service: Service::Relay,
        ok,
        steps: vec![CheckStep {
            label: RELAY.into(),
            ok,
            detail,
        }],
    }
}

/// The subscription's state in words, e.g. "Connected since 14:02:07 UTC".
pub fn overview(callback_url: &Url, kiosk: &KioskId, state: ConnectionState) -> RelayOverview {
    let (connected, words) = match state {
        ConnectionState::Connecting { since } => {
            (false, format!("Connecting since {}", clock(since)))
        }
        ConnectionState::Connected { since } => (true, format!("Connected since {}", clock(since))),
        ConnectionState::Reconnecting {
            since,
            attempts,
            reason,
        } => (
            false,
            format!(
                "Reconnecting since {} ({} tries): {}",
                clock(since),
                attempts,
                match reason {
                    Disconnect::Unreachable => "the relay cannot be reached",
                    Disconnect::TokenRefused => "the relay refuses this kiosk's token",
                    Disconnect::Refused(_) => "the relay is refusing connections for now",
                    Disconnect::Ended => "the relay ended the connection",
                    Disconnect::Silent => "the relay went silent",
                    Disconnect::Malformed => "the relay's answer was not an event stream",
                }
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

/// `HH:MM:SS UTC` of a moment today (the admin screen shows recent moments).
fn clock(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
        % 86_400;
    format!(
        "{:02}:{:02}:{:02} UTC",
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
        assert_eq!(up.state, "Connected since 01:02:03 UTC");
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
        assert!(
            down.state.contains("refuses this kiosk's token"),
            "{}",
            down.state
        );
    }
}
