//! Property tests of the callback receiver over real HTTP on loopback: whatever headers and
//! JSON arrive, no event reaches a session without that request's api-key and state, and an
//! event that does arrive is the one its documented `requestStatus` names. Also: the service's
//! error bodies are parsed or refused without panicking. Fixed seeds keep runs repeatable.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use secrecy::ExposeSecret;
use serde_json::{json, Value};
use verified_id::callback::{CallbackEvent, CallbackReceiver};
use verified_id::{CallbackTarget, ServiceError, TokenError};

fn config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

const DOCUMENTED: [&str; 5] = [
    "request_retrieved",
    "issuance_successful",
    "issuance_error",
    "presentation_verified",
    "presentation_error",
];

#[derive(Debug, Clone)]
enum Key {
    Right,
    Wrong(String),
    Absent,
}

#[derive(Debug, Clone)]
enum State {
    Right,
    Other(String),
    Absent,
}

fn case() -> impl Strategy<Value = (Key, State, String, Value)> {
    (
        prop_oneof![
            Just(Key::Right),
            "[ -~]{0,48}".prop_map(Key::Wrong),
            Just(Key::Absent)
        ],
        prop_oneof![
            Just(State::Right),
            "[ -~]{0,40}".prop_map(State::Other),
            Just(State::Absent)
        ],
        prop_oneof![
            prop::sample::select(DOCUMENTED.to_vec()).prop_map(String::from),
            "[a-z_]{0,24}",
        ],
        prop_oneof![
            Just(Value::Null),
            Just(json!({"code": "IssuanceFlowFailed", "message": "issuance_service_error"})),
            "[ -~]{0,24}".prop_map(Value::String),
            any::<i64>().prop_map(|n| json!(n)),
        ],
    )
}

#[test]
fn no_event_without_the_requests_key_and_state_and_each_event_is_its_documented_status() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let receiver = runtime
        .block_on(CallbackReceiver::bind("127.0.0.1:0".parse().unwrap(), None))
        .expect("the receiver listens");
    let http = verified_id::http_client().expect("an HTTP client");
    let mut runner = TestRunner::new(config(96, 0xca11_0001));
    let delivered = std::cell::Cell::new(0);
    runner
        .run(&case(), |(key, state, status, error)| {
            let target = CallbackTarget::fresh(receiver.url());
            let mut events = receiver.expect(&target);
            let mut body = json!({ "requestId": "r-1", "requestStatus": status });
            match &state {
                State::Right => body["state"] = json!(target.state),
                State::Other(other) => body["state"] = json!(other),
                State::Absent => {}
            }
            if !error.is_null() {
                body["error"] = error.clone();
            }
            let mut request = http.post(receiver.url()).json(&body);
            match &key {
                Key::Right => request = request.header("api-key", target.api_key.expose_secret()),
                Key::Wrong(wrong) => {
                    if let Ok(value) = reqwest::header::HeaderValue::from_str(wrong) {
                        request = request.header("api-key", value);
                    }
                }
                Key::Absent => {}
            }
            let status_code = runtime.block_on(async { request.send().await.map(|r| r.status()) });
            let event = events.try_recv().ok();
            receiver.forget(&target.state);
            let authentic = matches!(key, Key::Right) && matches!(state, State::Right);
            if !authentic {
                prop_assert!(
                    event.is_none(),
                    "an event without the key and state: {event:?}"
                );
                if let Ok(code) = status_code {
                    prop_assert!(code.is_client_error(), "answered {code}");
                }
            }
            if let Some(event) = event {
                delivered.set(delivered.get() + 1);
                prop_assert!(
                    DOCUMENTED.contains(&status.as_str()),
                    "{status} made {event:?}"
                );
                let named = match event {
                    CallbackEvent::RequestRetrieved => "request_retrieved",
                    CallbackEvent::IssuanceSuccessful => "issuance_successful",
                    CallbackEvent::IssuanceError { .. } => "issuance_error",
                    CallbackEvent::PresentationVerified { .. } => "presentation_verified",
                    CallbackEvent::PresentationError { .. } => "presentation_error",
                };
                prop_assert_eq!(named, status.as_str());
            }
            Ok(())
        })
        .unwrap();
    // Not vacuous: authentic callbacks with documented statuses did get through.
    assert!(delivered.get() > 0, "no case delivered an event");
}

proptest! {
    #![proptest_config(config(512, 0xca11_0002))]

    #[test]
    fn the_services_error_bodies_are_parsed_or_refused_without_panicking(
        status in 0u16..1000,
        bytes in prop::collection::vec(any::<u8>(), 0..256),
        code in "[A-Za-z]{0,16}",
        message in "[ -~]{0,40}",
    ) {
        let _ = ServiceError::parse(status, &bytes, None);
        let _ = TokenError::parse(status, &bytes);
        let shaped = json!({
            "requestId": "r", "date": "x",
            "error": { "code": code, "message": message, "innererror": { "code": code } },
            "error_codes": [7000215], "error_description": message
        })
        .to_string();
        let _ = ServiceError::parse(status, shaped.as_bytes(), None);
        let _ = TokenError::parse(status, shaped.as_bytes());
    }
}
