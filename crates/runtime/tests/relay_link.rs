//! The kiosk's relay link against a real relay instance (in-memory store) over loopback HTTP:
//! a callback Entra posts to the relay reaches the kiosk's receiver through the kiosk's outbound
//! subscription; one with the wrong api-key is refused by the receiver, so the relay cannot
//! forge a status; and a relay that comes back after a restart delivers again.

use std::net::SocketAddr;
use std::time::Duration;

use enrollment_relay::subscriber::{self, ConnectionState, SubscriberConfig};
use enrollment_relay::{
    ClientIpSource, KioskId, MemoryStore, RelayConfig, RelayLimits, RunningRelay, StreamLimits,
    TokenKey, Wakeups,
};
use enrollment_runtime::adapters::relay::RelayLink;
use secrecy::ExposeSecret;
use verified_id::callback::{CallbackEvent, CallbackReceiver};
use verified_id::CallbackTarget;

const KEY: &str = "c2FuZGJveC1yZWxheS1rZXktb2YtMzItYnl0ZXMhISE=";

async fn relay_on(addr: SocketAddr) -> RunningRelay {
    let limits = RelayLimits::default();
    let wakeups = Wakeups::new(limits.max_subscriptions, limits.max_subscriptions_per_kiosk);
    let store = MemoryStore::new(StreamLimits::default(), 16 << 20, wakeups.clone());
    enrollment_relay::start(
        RelayConfig {
            listen: addr,
            tls: None,
            token_key: TokenKey::from_base64(KEY).unwrap(),
            limits,
            client_ip: ClientIpSource::Peer,
        },
        store,
        wakeups,
    )
    .await
    .expect("the relay starts")
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting until {what}");
}

/// What Entra would post for `target`, with `api_key` in the header.
async fn post_as_entra(relay: &str, kiosk: &KioskId, target: &CallbackTarget, api_key: &str) {
    let body = serde_json::json!({
        "requestId": "8e6e5a5c-2b33-4a0e-9d2a-1f0b9b3f7e21",
        "requestStatus": "request_retrieved",
        "state": target.state,
    });
    let answer = reqwest::Client::new()
        .post(format!("{relay}/callback/{kiosk}"))
        .header("api-key", api_key)
        .json(&body)
        .send()
        .await
        .expect("the relay answers");
    assert_eq!(answer.status(), 200, "the relay takes the callback");
}

#[tokio::test]
async fn callbacks_reach_the_receiver_through_the_relay_and_forged_ones_do_not() {
    let relay = relay_on("127.0.0.1:0".parse().unwrap()).await;
    let base = relay.base_url();
    let kiosk = KioskId::parse("lobby-01").unwrap();
    let token = TokenKey::from_base64(KEY).unwrap().token_for(&kiosk);
    let public = url::Url::parse(&format!("{base}/")).unwrap();
    let callback_url = subscriber::callback_url(&public, &kiosk);
    let receiver =
        CallbackReceiver::bind("127.0.0.1:0".parse().unwrap(), Some(callback_url.clone()))
            .await
            .unwrap();
    assert_eq!(
        receiver.url(),
        callback_url,
        "Entra is told the relay's URL"
    );
    let link = RelayLink::start(
        SubscriberConfig::new(public, kiosk.clone(), token),
        &receiver,
    )
    .expect("the link starts");
    wait_until("subscribed", || {
        matches!(link.state(), ConnectionState::Connected { .. })
    })
    .await;

    let target = CallbackTarget::fresh(callback_url.clone());
    let mut events = receiver.expect_issuance(&target);

    // Someone who can post to the relay but does not know the request's key: nothing happens.
    post_as_entra(&base, &kiosk, &target, "not-the-key").await;
    // Entra, with the key the kiosk gave it for this request.
    post_as_entra(&base, &kiosk, &target, target.api_key.expose_secret()).await;
    let event = tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("the callback arrives")
        .expect("the channel is open");
    assert_eq!(event, CallbackEvent::RequestRetrieved);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), events.recv())
            .await
            .is_err(),
        "the forged callback never became an event"
    );
}

#[tokio::test]
async fn a_wrong_token_is_reported_and_a_restarted_relay_delivers_again() {
    let relay = relay_on("127.0.0.1:0".parse().unwrap()).await;
    let addr = relay.local_addr();
    let base = relay.base_url();
    let kiosk = KioskId::parse("desk-7").unwrap();
    let public = url::Url::parse(&format!("{base}/")).unwrap();
    let callback_url = subscriber::callback_url(&public, &kiosk);
    let receiver =
        CallbackReceiver::bind("127.0.0.1:0".parse().unwrap(), Some(callback_url.clone()))
            .await
            .unwrap();

    let wrong = enrollment_relay::KioskToken::new("v1.not-a-token");
    let refused = RelayLink::start(
        SubscriberConfig::new(public.clone(), kiosk.clone(), wrong),
        &receiver,
    )
    .unwrap();
    wait_until("the token is refused", || {
        matches!(
            refused.state(),
            ConnectionState::Reconnecting {
                reason: subscriber::Disconnect::TokenRefused,
                ..
            }
        )
    })
    .await;
    drop(refused);

    let token = TokenKey::from_base64(KEY).unwrap().token_for(&kiosk);
    let link = RelayLink::start(
        SubscriberConfig::new(public, kiosk.clone(), token),
        &receiver,
    )
    .unwrap();
    wait_until("subscribed", || {
        matches!(link.state(), ConnectionState::Connected { .. })
    })
    .await;

    // The relay goes away and comes back on the same address (a restart or another instance).
    drop(relay);
    wait_until("the link notices", || {
        matches!(link.state(), ConnectionState::Reconnecting { .. })
    })
    .await;
    let _relay = relay_on(addr).await;
    wait_until("subscribed again", || {
        matches!(link.state(), ConnectionState::Connected { .. })
    })
    .await;
    let target = CallbackTarget::fresh(callback_url);
    let mut events = receiver.expect_issuance(&target);
    post_as_entra(&base, &kiosk, &target, target.api_key.expose_secret()).await;
    let event = tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("the callback arrives after the restart")
        .expect("the channel is open");
    assert_eq!(event, CallbackEvent::RequestRetrieved);
}
