//! The callback receiver with raw HTTP requests: api-key checks, size and shape limits, and
//! routing of each state's events to its own channel only.

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::mpsc::error::TryRecvError;
use verified_id::callback::{CallbackEvent, CallbackReceiver, MAX_CALLBACK_BYTES};
use verified_id::CallbackTarget;

use secrecy::ExposeSecret;

fn http() -> reqwest::Client {
    verified_id::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
}

async fn receiver() -> CallbackReceiver {
    CallbackReceiver::bind(SocketAddr::from(([127, 0, 0, 1], 0)), None)
        .await
        .unwrap()
}

async fn post(receiver: &CallbackReceiver, api_key: Option<&str>, body: Vec<u8>) -> u16 {
    let mut request = http()
        .post(receiver.url())
        .header("content-type", "application/json")
        .body(body);
    if let Some(key) = api_key {
        request = request.header("api-key", key);
    }
    request.send().await.unwrap().status().as_u16()
}

fn callback(state: &str, status: &str) -> Vec<u8> {
    json!({ "requestId": "799f23ea-5241-45af-99ad-cf8e5018814e", "requestStatus": status, "state": state })
        .to_string()
        .into_bytes()
}

fn key(target: &CallbackTarget) -> String {
    target.api_key.expose_secret().to_string()
}

#[tokio::test]
async fn wrong_missing_and_unknown_keys_are_refused() {
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let body = callback(&target.state, "request_retrieved");

    assert_eq!(
        post(&receiver, None, body.clone()).await,
        401,
        "missing api-key"
    );
    assert_eq!(
        post(&receiver, Some("wrong"), body.clone()).await,
        401,
        "wrong api-key"
    );
    let mut almost = key(&target);
    almost.pop();
    assert_eq!(
        post(&receiver, Some(&almost), body.clone()).await,
        401,
        "prefix of the key"
    );
    let other = CallbackTarget::fresh(receiver.url());
    let _other_events = receiver.expect(&other);
    assert_eq!(
        post(&receiver, Some(&key(&other)), body.clone()).await,
        401,
        "another request's key"
    );
    assert_eq!(
        post(
            &receiver,
            Some(&key(&target)),
            callback("unknown-state", "request_retrieved")
        )
        .await,
        401,
        "unknown state answers like a wrong key"
    );
    assert_eq!(
        events.try_recv(),
        Err(TryRecvError::Empty),
        "nothing reached the session"
    );

    assert_eq!(post(&receiver, Some(&key(&target)), body).await, 200);
    assert_eq!(events.recv().await, Some(CallbackEvent::RequestRetrieved));
}

#[tokio::test]
async fn bad_bodies_are_refused_without_events() {
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let k = key(&target);

    let oversize = vec![b' '; MAX_CALLBACK_BYTES + 1];
    assert_eq!(post(&receiver, Some(&k), oversize).await, 413);
    assert_eq!(post(&receiver, Some(&k), b"{not json".to_vec()).await, 400);
    assert_eq!(
        post(
            &receiver,
            Some(&k),
            br#"{"requestStatus":"request_retrieved"}"#.to_vec()
        )
        .await,
        400,
        "no state"
    );
    assert_eq!(
        post(&receiver, Some(&k), callback(&target.state, "selfie_taken")).await,
        400,
        "unknown requestStatus"
    );
    // The legacy pre-GA field name `code` instead of `requestStatus` is not accepted.
    let legacy =
        json!({ "requestId": "1", "code": "request_retrieved", "state": target.state }).to_string();
    assert_eq!(post(&receiver, Some(&k), legacy.into_bytes()).await, 400);
    assert_eq!(events.try_recv(), Err(TryRecvError::Empty));

    // Just under the limit is read (and then judged on its content).
    let mut padded: Value =
        serde_json::from_slice(&callback(&target.state, "issuance_successful")).unwrap();
    padded["padding"] = json!("x".repeat(MAX_CALLBACK_BYTES - 1024));
    assert_eq!(
        post(&receiver, Some(&k), padded.to_string().into_bytes()).await,
        200
    );
    assert_eq!(events.recv().await, Some(CallbackEvent::IssuanceSuccessful));
}

#[tokio::test]
async fn each_state_gets_only_its_own_events() {
    let receiver = receiver().await;
    let a = CallbackTarget::fresh(receiver.url());
    let b = CallbackTarget::fresh(receiver.url());
    let mut events_a = receiver.expect(&a);
    let mut events_b = receiver.expect(&b);

    assert_eq!(
        post(
            &receiver,
            Some(&key(&a)),
            callback(&a.state, "request_retrieved")
        )
        .await,
        200
    );
    let error = json!({ "requestId": "2", "requestStatus": "issuance_error", "state": b.state,
        "error": { "code": "IssuanceFlowFailed", "message": "issuance_service_error" } });
    assert_eq!(
        post(&receiver, Some(&key(&b)), error.to_string().into_bytes()).await,
        200
    );

    assert_eq!(events_a.recv().await, Some(CallbackEvent::RequestRetrieved));
    assert_eq!(
        events_b.recv().await,
        Some(CallbackEvent::IssuanceError {
            code: "IssuanceFlowFailed".into(),
            message: "issuance_service_error".into()
        })
    );
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(events_a.try_recv(), Err(TryRecvError::Empty));
    assert_eq!(events_b.try_recv(), Err(TryRecvError::Empty));

    receiver.forget(&a.state);
    assert_eq!(
        post(
            &receiver,
            Some(&key(&a)),
            callback(&a.state, "issuance_successful")
        )
        .await,
        401
    );
}

#[tokio::test]
async fn presentation_callbacks_become_events() {
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    // The reference's presentation_verified example (§4.2).
    let verified = json!({
        "requestId": "e4ef27ca-eb8c-4b63-823b-3b95140eac11",
        "requestStatus": "presentation_verified",
        "state": target.state,
        "subject": "did:web:verifiedid.contoso.com",
        "verifiedCredentialsData": [{
            "issuer": "did:web:issuer...",
            "type": ["VerifiableCredential", "VerifiedCredentialExpert"],
            "claims": { "firstName": "Megan", "lastName": "Bowen" },
            "credentialState": { "revocationStatus": "VALID" },
            "domainValidation": { "url": "https://contoso.com/" },
            "issuanceDate": "yyyy-MM-ddTHH:mm:ssZ",
            "expirationDate": "yyyy-MM-ddTHH:mm:ssZ",
            "faceCheck": { "matchConfidenceScore": 86.314159, "sourcePhotoQuality": "HIGH" }
        }],
        "receipt": { "id_token": "eyJ...", "vp_token": "...", "state": "..." }
    });
    assert_eq!(
        post(
            &receiver,
            Some(&key(&target)),
            verified.to_string().into_bytes()
        )
        .await,
        200
    );
    let Some(CallbackEvent::PresentationVerified {
        subject,
        credentials,
        receipt,
    }) = events.recv().await
    else {
        panic!()
    };
    assert_eq!(subject.as_deref(), Some("did:web:verifiedid.contoso.com"));
    assert_eq!(
        credentials[0].types,
        vec!["VerifiableCredential", "VerifiedCredentialExpert"]
    );
    assert_eq!(
        credentials[0]
            .face_check
            .as_ref()
            .unwrap()
            .match_confidence_score,
        86.314159
    );
    assert!(receipt.is_some());

    // The reference's presentation_error example ([FC]).
    let error = json!({ "requestId": "x", "requestStatus": "presentation_error", "state": target.state,
        "error": { "code": "claimValidationError", "message": "Match confidence score failing to meet the threshold." } });
    assert_eq!(
        post(
            &receiver,
            Some(&key(&target)),
            error.to_string().into_bytes()
        )
        .await,
        200
    );
    assert_eq!(
        events.recv().await,
        Some(CallbackEvent::PresentationError {
            code: "claimValidationError".into(),
            message: "Match confidence score failing to meet the threshold.".into()
        })
    );
}

#[tokio::test]
async fn a_public_url_sets_the_path_listened_on() {
    let public: url::Url = "https://relay.contoso.com/kiosk-7/callback"
        .parse()
        .unwrap();
    let receiver =
        CallbackReceiver::bind(SocketAddr::from(([127, 0, 0, 1], 0)), Some(public.clone()))
            .await
            .unwrap();
    assert_eq!(receiver.url(), public);
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let local = format!("http://{}/kiosk-7/callback", receiver.local_addr());
    let status = http()
        .post(local)
        .header("api-key", key(&target))
        .body(callback(&target.state, "request_retrieved"))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    assert_eq!(events.recv().await, Some(CallbackEvent::RequestRetrieved));
}
