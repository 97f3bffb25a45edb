//! The Entra adapter against the Entra stand-in over real HTTP on loopback: an offer's
//! callbacks become wallet events, and a request nobody follows any more is forgotten by the
//! callback receiver at once.

use std::sync::Arc;
use std::time::Duration;

use enrollment::claims::Claims;
use enrollment::ports::{Issuing, WalletEvent};
use enrollment_runtime::adapters::entra::EntraIssuing;
use sandbox::{EntraSandbox, EntraSandboxConfig, RunningEntraSandbox};
use secrecy::SecretString;
use tokio::sync::mpsc;
use verified_id::callback::CallbackReceiver;
use verified_id::{IssuerConfig, VerifiedIdClient};

async fn setup() -> (RunningEntraSandbox, Arc<CallbackReceiver>, EntraIssuing) {
    let mut config = EntraSandboxConfig::demo();
    config.allow_loopback_callbacks = true;
    let sandbox = EntraSandbox::start(config)
        .await
        .expect("the stand-in starts");
    let c = sandbox.config();
    let mut issuer = IssuerConfig::new(
        c.tenant_id.clone(),
        c.client_id.clone(),
        SecretString::from(c.client_secret.clone()),
        c.issuer_did.clone(),
        sandbox.manifest_url(),
        c.credential_type.clone(),
    );
    issuer.authority_host = sandbox.authority_host();
    issuer.request_service = sandbox.request_service();
    let http = verified_id::http_client().expect("an HTTP client");
    let client = Arc::new(VerifiedIdClient::new(issuer, http).expect("a valid config"));
    let receiver = Arc::new(
        CallbackReceiver::bind("127.0.0.1:0".parse().unwrap(), None)
            .await
            .expect("the receiver listens"),
    );
    let issuing = EntraIssuing::new(client, receiver.clone());
    (sandbox, receiver, issuing)
}

fn claims() -> Claims {
    Claims(vec![
        ("given_name".into(), "Ada".into()),
        ("family_name".into(), "Sample".into()),
        ("email".into(), "ada@example.com".into()),
    ])
}

/// Polls `done` (a few milliseconds apart) for at most `limit`.
async fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    while tokio::time::Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    done()
}

#[tokio::test]
async fn the_wallet_scanning_and_adding_arrive_as_wallet_events() {
    let (sandbox, receiver, issuing) = setup().await;
    let (tx, mut wallet) = mpsc::channel(8);
    let offer = issuing.create_offer(claims(), tx).await.expect("an offer");
    let request = sandbox.requests().pop().expect("one request");
    assert_eq!(request.url, offer.url);
    sandbox.scan(&request.request_id).await.expect("scanned");
    assert_eq!(wallet.recv().await, Some(WalletEvent::Scanned));
    sandbox
        .complete(&request.request_id, None)
        .await
        .expect("completed");
    assert_eq!(wallet.recv().await, Some(WalletEvent::Added));
    assert!(
        eventually(Duration::from_secs(5), || !receiver
            .is_expected(&request.state))
        .await,
        "a finished request is forgotten"
    );
}

#[tokio::test]
async fn a_request_nobody_follows_any_more_is_forgotten_at_once() {
    let (sandbox, receiver, issuing) = setup().await;
    let (tx, wallet) = mpsc::channel(8);
    issuing.create_offer(claims(), tx).await.expect("an offer");
    let request = sandbox.requests().pop().expect("one request");
    assert!(receiver.is_expected(&request.state));
    // The session cancels (or resets, or replaces the offer): its end of the channel goes.
    drop(wallet);
    assert!(
        eventually(Duration::from_secs(5), || !receiver
            .is_expected(&request.state))
        .await,
        "the expectation outlived the session that wanted it"
    );
}
