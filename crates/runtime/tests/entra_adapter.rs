//! The Entra adapter against the Entra stand-in over real HTTP on loopback: an offer's
//! callbacks become wallet events, and a request nobody follows any more is forgotten by the
//! callback receiver at once.

use std::sync::Arc;
use std::time::Duration;

use enrollment::claims::Claims;
use enrollment::ports::{Issuing, Verifying, WalletEvent};
use enrollment::verification::{
    PresentationEvent, RevocationCheck, VerificationFailure, VerificationPurpose,
};
use enrollment_runtime::adapters::entra::EntraIssuing;
use enrollment_runtime::adapters::entra_verify::{EntraVerifying, VerifyPolicy};
use sandbox::{EntraSandbox, EntraSandboxConfig, RunningEntraSandbox};
use secrecy::SecretString;
use tokio::sync::mpsc;
use verified_id::callback::CallbackReceiver;
use verified_id::{IssuerConfig, VerifiedIdClient};

async fn setup() -> (RunningEntraSandbox, Arc<CallbackReceiver>, EntraIssuing) {
    let (sandbox, receiver, client) = services().await;
    let issuing = EntraIssuing::new(client, receiver.clone());
    (sandbox, receiver, issuing)
}

/// The stand-in, a callback receiver and a client for it.
async fn services() -> (
    RunningEntraSandbox,
    Arc<CallbackReceiver>,
    Arc<VerifiedIdClient>,
) {
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
    (sandbox, receiver, client)
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

// ---- verify mode --------------------------------------------------------------------------

async fn verifying() -> (RunningEntraSandbox, EntraVerifying) {
    let (sandbox, receiver, client) = services().await;
    let c = sandbox.config();
    let policy = VerifyPolicy {
        authority: c.issuer_did.clone(),
        client_name: "Desk".into(),
        issued_type: c.credential_type.clone(),
        credential_types: vec![c.credential_type.clone()],
        accepted_issuers: vec![c.issuer_did.clone()],
        face_check: Some(("photo".into(), 70)),
        required_claim_values: Vec::new(),
        shown_claims: vec!["given_name".into(), "email".into(), "not_on_card".into()],
    };
    (sandbox, EntraVerifying::new(client, receiver, policy))
}

/// Creates a presentation request and has the stand-in's wallet scan it and then present
/// `presentation`; returns what the session would hear.
async fn present(
    sandbox: &RunningEntraSandbox,
    verifying: &EntraVerifying,
    presentation: sandbox::Presentation,
) -> Vec<PresentationEvent> {
    let (tx, mut events) = mpsc::channel(8);
    let qr = verifying
        .request_presentation(VerificationPurpose::Verify, true, tx)
        .await
        .expect("a presentation request");
    let request = sandbox.requests().pop().expect("one request");
    assert_eq!(
        request.url, qr.url,
        "the code on screen is the stand-in's request"
    );
    sandbox.scan(&request.request_id).await.expect("scanned");
    sandbox
        .present(&request.request_id, presentation)
        .await
        .expect("presented");
    let mut heard = Vec::new();
    while let Ok(Some(event)) = tokio::time::timeout(Duration::from_secs(5), events.recv()).await {
        heard.push(event);
    }
    heard
}

fn card_claims() -> sandbox::Presentation {
    let claims = serde_json::json!({ "given_name": "Megan", "email": "megan@example.com" });
    sandbox::Presentation {
        claims: claims.as_object().cloned(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_presented_card_arrives_with_the_configured_claims_and_the_face_check_score() {
    let (sandbox, verifying) = verifying().await;
    let heard = present(&sandbox, &verifying, card_claims()).await;
    assert_eq!(heard.len(), 2, "{heard:?}");
    assert_eq!(heard[0], PresentationEvent::Retrieved);
    let PresentationEvent::Verified(card) = &heard[1] else {
        panic!("expected a verified card, got {:?}", heard[1]);
    };
    let shown: Vec<(&str, &str, &str)> = card
        .claims
        .iter()
        .map(|c| (c.name.as_str(), c.label.as_str(), c.value.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("given_name", "First name", "Megan"),
            ("email", "Work e-mail", "megan@example.com")
        ],
        "configured claims in order, labelled; a claim the card lacks is left out"
    );
    let face_check = card.face_check.as_ref().expect("Face Check was asked for");
    assert!((face_check.score - 86.314159).abs() < 1e-9);
    assert_eq!(face_check.threshold, 70);
    assert_eq!(face_check.photo_quality.as_deref(), Some("HIGH"));
    assert_eq!(card.revocation, RevocationCheck::Valid);
    assert_eq!(card.issuer, sandbox.config().issuer_did);
    assert_eq!(card.credential_type, sandbox.config().credential_type);
}

#[tokio::test]
async fn every_way_a_presentation_fails_reaches_the_session_by_reason() {
    let (sandbox, verifying) = verifying().await;
    let cases = [
        (
            sandbox::Presentation {
                face_check_score: Some(41.0),
                ..card_claims()
            },
            "face_check_below_threshold",
        ),
        (
            sandbox::Presentation {
                revoked: true,
                ..card_claims()
            },
            "revoked",
        ),
        (
            sandbox::Presentation {
                issuer: Some("did:web:other.example".into()),
                ..card_claims()
            },
            "wrong_issuer_or_type",
        ),
        (
            sandbox::Presentation {
                credential_type: Some("OtherCard".into()),
                ..card_claims()
            },
            "wrong_issuer_or_type",
        ),
    ];
    for (presentation, reason) in cases {
        let heard = present(&sandbox, &verifying, presentation).await;
        match heard.last() {
            Some(PresentationEvent::Failed(failure)) => assert_eq!(failure.code(), reason),
            other => panic!("expected {reason}, got {other:?}"),
        }
    }

    // Declined in Authenticator.
    let (tx, mut events) = mpsc::channel(8);
    verifying
        .request_presentation(VerificationPurpose::Verify, true, tx)
        .await
        .expect("a presentation request");
    let request = sandbox.requests().pop().expect("the request");
    sandbox.scan(&request.request_id).await.expect("scanned");
    sandbox
        .decline(&request.request_id)
        .await
        .expect("declined");
    assert_eq!(events.recv().await, Some(PresentationEvent::Retrieved));
    assert_eq!(
        events.recv().await,
        Some(PresentationEvent::Failed(VerificationFailure::UserDeclined))
    );
}

#[tokio::test]
async fn a_tenant_without_face_check_billing_is_told_at_once() {
    let (sandbox, verifying) = verifying().await;
    sandbox.set_face_check_billing(false);
    let (tx, _events) = mpsc::channel(8);
    let refused = verifying
        .request_presentation(VerificationPurpose::Verify, true, tx)
        .await
        .expect_err("Face Check without billing is refused");
    assert_eq!(refused, VerificationFailure::BillingNotEnabled);
}
