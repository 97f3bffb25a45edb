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

// ---- Raw HTTP/1.1, to see what the receiver does before and without the body. ----------------
//
// With `Expect: 100-continue` the server's HTTP stack answers `100 Continue` only when the handler
// starts reading the body, so the first status line shows whether the body was asked for.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use verified_id::callback::{
    ReceiverLimits, MAX_ISSUANCE_CALLBACK_BYTES, MAX_PRESENTATION_CALLBACK_BYTES,
};

/// Sends only the head of a POST announcing `length` body bytes, asking to be told to go on.
async fn post_head(receiver: &CallbackReceiver, api_key: Option<&str>, length: usize) -> TcpStream {
    let mut stream = TcpStream::connect(receiver.local_addr()).await.unwrap();
    let key = api_key
        .map(|k| format!("api-key: {k}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST {} HTTP/1.1\r\nhost: kiosk\r\ncontent-type: application/json\r\n{key}content-length: {length}\r\nexpect: 100-continue\r\n\r\n",
        receiver.url().path()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// The status code of the next status line (skipping headers of earlier answers).
async fn next_status(reader: &mut BufReader<TcpStream>) -> u16 {
    loop {
        let mut line = String::new();
        assert_ne!(
            reader.read_line(&mut line).await.unwrap(),
            0,
            "connection closed"
        );
        if let Some(rest) = line.strip_prefix("HTTP/1.1 ") {
            return rest[..3].parse().unwrap();
        }
    }
}

#[tokio::test]
async fn an_unknown_key_is_refused_before_the_body_is_read() {
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let body = callback(&target.state, "request_retrieved");

    for api_key in [None, Some("wrong")] {
        let stream = post_head(&receiver, api_key, body.len()).await;
        let mut reader = BufReader::new(stream);
        assert_eq!(
            next_status(&mut reader).await,
            401,
            "{api_key:?}: refused without asking for the body (no 100 Continue)"
        );
    }
    // A forgotten expectation's key is unknown too.
    let gone = CallbackTarget::fresh(receiver.url());
    let _gone_events = receiver.expect(&gone);
    receiver.forget(&gone.state);
    let mut reader = BufReader::new(post_head(&receiver, Some(&key(&gone)), body.len()).await);
    assert_eq!(next_status(&mut reader).await, 401, "forgotten key");

    // The known key is asked for its body, and the callback then goes through.
    let mut reader = BufReader::new(post_head(&receiver, Some(&key(&target)), body.len()).await);
    assert_eq!(
        next_status(&mut reader).await,
        100,
        "a known key's body is read"
    );
    reader.get_mut().write_all(&body).await.unwrap();
    assert_eq!(next_status(&mut reader).await, 200);
    assert_eq!(events.recv().await, Some(CallbackEvent::RequestRetrieved));
}

#[tokio::test]
async fn a_known_key_with_another_requests_state_is_refused_after_the_body() {
    let receiver = receiver().await;
    let a = CallbackTarget::fresh(receiver.url());
    let b = CallbackTarget::fresh(receiver.url());
    let mut events_a = receiver.expect(&a);
    let mut events_b = receiver.expect(&b);
    // a's key, b's state: read (the key is known), then refused like a wrong key.
    let body = callback(&b.state, "issuance_successful");
    let mut reader = BufReader::new(post_head(&receiver, Some(&key(&a)), body.len()).await);
    assert_eq!(next_status(&mut reader).await, 100);
    reader.get_mut().write_all(&body).await.unwrap();
    assert_eq!(next_status(&mut reader).await, 401);
    assert_eq!(events_a.try_recv(), Err(TryRecvError::Empty));
    assert_eq!(events_b.try_recv(), Err(TryRecvError::Empty));
}

#[tokio::test]
async fn a_declared_oversize_body_is_refused_unread() {
    let receiver = receiver().await;
    let issuance = CallbackTarget::fresh(receiver.url());
    let presentation = CallbackTarget::fresh(receiver.url());
    let _issuance_events = receiver.expect_issuance(&issuance);
    let _presentation_events = receiver.expect_presentation(&presentation);

    for (target, too_big) in [
        (&issuance, MAX_ISSUANCE_CALLBACK_BYTES + 1),
        (&presentation, MAX_PRESENTATION_CALLBACK_BYTES + 1),
        (&presentation, usize::MAX / 2),
    ] {
        let mut reader = BufReader::new(post_head(&receiver, Some(&key(target)), too_big).await);
        assert_eq!(next_status(&mut reader).await, 413, "{too_big} bytes");
    }
    // What an issuance may not carry, a presentation may.
    let mut reader = BufReader::new(
        post_head(
            &receiver,
            Some(&key(&presentation)),
            MAX_ISSUANCE_CALLBACK_BYTES + 1,
        )
        .await,
    );
    assert_eq!(next_status(&mut reader).await, 100);
}

#[tokio::test]
async fn an_undeclared_oversize_body_is_cut_while_streaming() {
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect_issuance(&target);
    let mut stream = TcpStream::connect(receiver.local_addr()).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nhost: kiosk\r\napi-key: {}\r\ntransfer-encoding: chunked\r\n\r\n",
        receiver.url().path(),
        key(&target)
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // Chunks until the receiver answers; it must not wait for the end, which never comes.
    let chunk = format!("{:x}\r\n{}\r\n", 4096, " ".repeat(4096));
    let (read_half, mut write_half) = stream.into_split();
    let writer = tokio::spawn(async move {
        let mut sent = 0usize;
        while write_half.write_all(chunk.as_bytes()).await.is_ok() {
            sent += 4096;
            if sent > 64 * MAX_ISSUANCE_CALLBACK_BYTES {
                break;
            }
        }
        sent
    });
    let mut reader = BufReader::new(read_half);
    let mut line = String::new();
    reader.read_line(&mut line).await.unwrap();
    assert!(line.starts_with("HTTP/1.1 413"), "{line:?}");
    writer.abort();
    assert_eq!(events.try_recv(), Err(TryRecvError::Empty));
}

#[tokio::test]
async fn a_stalled_body_times_out() {
    let limits = ReceiverLimits {
        body_read_timeout: Duration::from_millis(200),
        ..ReceiverLimits::default()
    };
    let receiver = CallbackReceiver::bind_with(SocketAddr::from(([127, 0, 0, 1], 0)), None, limits)
        .await
        .unwrap();
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let body = callback(&target.state, "request_retrieved");
    let mut reader = BufReader::new(post_head(&receiver, Some(&key(&target)), body.len()).await);
    assert_eq!(next_status(&mut reader).await, 100);
    // Half the body, then nothing: the receiver's own timer ends the request.
    reader
        .get_mut()
        .write_all(&body[..body.len() / 2])
        .await
        .unwrap();
    assert_eq!(next_status(&mut reader).await, 408);
    assert_eq!(events.try_recv(), Err(TryRecvError::Empty));
}

#[tokio::test]
async fn callbacks_over_the_concurrency_limit_get_503() {
    let limits = ReceiverLimits {
        max_concurrent_requests: 1,
        ..ReceiverLimits::default()
    };
    let receiver = CallbackReceiver::bind_with(SocketAddr::from(([127, 0, 0, 1], 0)), None, limits)
        .await
        .unwrap();
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let body = callback(&target.state, "request_retrieved");
    // The first callback is inside the handler (its body was asked for) and holds the one slot.
    let mut first = BufReader::new(post_head(&receiver, Some(&key(&target)), body.len()).await);
    assert_eq!(next_status(&mut first).await, 100);

    assert_eq!(
        post(&receiver, Some(&key(&target)), body.clone()).await,
        503
    );
    assert_eq!(post(&receiver, None, body.clone()).await, 503);

    first.get_mut().write_all(&body).await.unwrap();
    assert_eq!(next_status(&mut first).await, 200);
    assert_eq!(events.recv().await, Some(CallbackEvent::RequestRetrieved));
    // The slot is free again.
    assert_eq!(post(&receiver, Some(&key(&target)), body).await, 200);
    assert_eq!(events.recv().await, Some(CallbackEvent::RequestRetrieved));
}

#[tokio::test]
async fn kind_specific_expectations_take_only_their_statuses() {
    let receiver = receiver().await;
    let issuance = CallbackTarget::fresh(receiver.url());
    let presentation = CallbackTarget::fresh(receiver.url());
    let mut issuance_events = receiver.expect_issuance(&issuance);
    let mut presentation_events = receiver.expect_presentation(&presentation);

    let verified = json!({ "requestId": "1", "requestStatus": "presentation_verified",
        "state": issuance.state, "verifiedCredentialsData": [] });
    assert_eq!(
        post(
            &receiver,
            Some(&key(&issuance)),
            verified.to_string().into_bytes()
        )
        .await,
        400
    );
    assert_eq!(
        post(
            &receiver,
            Some(&key(&presentation)),
            callback(&presentation.state, "issuance_successful")
        )
        .await,
        400
    );
    assert_eq!(issuance_events.try_recv(), Err(TryRecvError::Empty));
    assert_eq!(presentation_events.try_recv(), Err(TryRecvError::Empty));

    for (target, status) in [
        (&issuance, "request_retrieved"),
        (&issuance, "issuance_successful"),
        (&presentation, "request_retrieved"),
    ] {
        assert_eq!(
            post(
                &receiver,
                Some(&key(target)),
                callback(&target.state, status)
            )
            .await,
            200,
            "{status}"
        );
    }
    assert_eq!(
        issuance_events.recv().await,
        Some(CallbackEvent::RequestRetrieved)
    );
    assert_eq!(
        issuance_events.recv().await,
        Some(CallbackEvent::IssuanceSuccessful)
    );
    assert_eq!(
        presentation_events.recv().await,
        Some(CallbackEvent::RequestRetrieved)
    );
}

// ---- Ending expectations. ---------------------------------------------------------------------

#[tokio::test]
async fn forget_closes_the_channel_and_refuses_later_callbacks() {
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    assert!(receiver.is_expected(&target.state));
    receiver.forget(&target.state);
    assert!(!receiver.is_expected(&target.state));
    assert_eq!(events.recv().await, None, "the channel closed");
    assert_eq!(
        post(
            &receiver,
            Some(&key(&target)),
            callback(&target.state, "issuance_successful")
        )
        .await,
        401
    );
}

#[tokio::test]
async fn a_replaced_offer_still_delivers_within_its_grace() {
    let receiver = receiver().await;
    let old = CallbackTarget::fresh(receiver.url());
    let mut old_events = receiver.expect_issuance(&old);
    // The app reissues: a new offer, and the old one kept for a grace period.
    let new = CallbackTarget::fresh(receiver.url());
    let _new_events = receiver.expect_issuance(&new);
    receiver.forget_after(&old.state, Duration::from_secs(60));
    assert!(receiver.is_expected(&old.state));
    assert_eq!(
        post(
            &receiver,
            Some(&key(&old)),
            callback(&old.state, "issuance_successful")
        )
        .await,
        200
    );
    assert_eq!(
        old_events.recv().await,
        Some(CallbackEvent::IssuanceSuccessful)
    );
}

/// Paused clock: timers fire when the test has nothing else to do, so no real waiting.
#[tokio::test(start_paused = true)]
async fn an_unforgotten_expectation_ends_after_its_ttl() {
    let ttl = Duration::from_secs(600);
    let limits = ReceiverLimits {
        expectation_ttl: ttl,
        ..ReceiverLimits::default()
    };
    let receiver = CallbackReceiver::bind_with(SocketAddr::from(([127, 0, 0, 1], 0)), None, limits)
        .await
        .unwrap();
    let target = CallbackTarget::fresh(receiver.url());
    let started = tokio::time::Instant::now();
    let mut events = receiver.expect(&target);
    tokio::time::advance(ttl - Duration::from_secs(1)).await;
    assert!(receiver.is_expected(&target.state), "alive before its TTL");
    let closed = tokio::time::timeout(Duration::from_secs(60), events.recv()).await;
    assert_eq!(closed, Ok(None), "the channel closes at the TTL");
    assert!(started.elapsed() >= ttl);
    assert!(!receiver.is_expected(&target.state));
}

#[tokio::test(start_paused = true)]
async fn forget_after_ends_at_the_grace_but_never_extends_the_ttl() {
    let ttl = Duration::from_secs(600);
    let limits = ReceiverLimits {
        expectation_ttl: ttl,
        ..ReceiverLimits::default()
    };
    let receiver = CallbackReceiver::bind_with(SocketAddr::from(([127, 0, 0, 1], 0)), None, limits)
        .await
        .unwrap();
    let started = tokio::time::Instant::now();
    let replaced = CallbackTarget::fresh(receiver.url());
    let mut replaced_events = receiver.expect(&replaced);
    receiver.forget_after(&replaced.state, Duration::from_secs(30));
    tokio::time::advance(Duration::from_secs(29)).await;
    assert!(receiver.is_expected(&replaced.state), "within the grace");
    assert_eq!(replaced_events.recv().await, None, "closed at the grace");
    assert!(started.elapsed() >= Duration::from_secs(30));
    assert!(started.elapsed() < ttl);

    // A grace longer than what is left of the TTL does not extend it.
    let started = tokio::time::Instant::now();
    let late = CallbackTarget::fresh(receiver.url());
    let mut late_events = receiver.expect(&late);
    receiver.forget_after(&late.state, Duration::from_secs(3600));
    assert_eq!(late_events.recv().await, None);
    assert!(started.elapsed() >= ttl && started.elapsed() < ttl + Duration::from_secs(1));
}

#[tokio::test(start_paused = true)]
async fn expecting_a_state_again_restarts_its_ttl() {
    let ttl = Duration::from_secs(600);
    let limits = ReceiverLimits {
        expectation_ttl: ttl,
        ..ReceiverLimits::default()
    };
    let receiver = CallbackReceiver::bind_with(SocketAddr::from(([127, 0, 0, 1], 0)), None, limits)
        .await
        .unwrap();
    let target = CallbackTarget::fresh(receiver.url());
    let mut first = receiver.expect(&target);
    tokio::time::advance(ttl / 2).await;
    let mut second = receiver.expect(&target);
    assert_eq!(first.recv().await, None, "the replaced channel closed");
    // The first expectation's timer fires at `ttl` and must leave the second alone.
    tokio::time::advance(ttl / 2 + Duration::from_secs(1)).await;
    assert!(receiver.is_expected(&target.state));
    let restarted = tokio::time::Instant::now();
    assert_eq!(second.recv().await, None);
    assert!(restarted.elapsed() >= ttl / 2 - Duration::from_secs(1));
}
