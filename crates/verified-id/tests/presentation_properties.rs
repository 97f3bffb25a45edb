//! Property tests of presentation callbacks: whatever JSON arrives as `verifiedCredentialsData`
//! or `error`, reading it (the receiver over real HTTP, then [`PresentationPolicy::judge`])
//! never panics, and "verified" comes out only for a credential that meets the request (its
//! type, an accepted issuer, not revoked, a Face Check score at or above the threshold). Fixed
//! seeds and bounded cases keep runs repeatable and short.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use secrecy::ExposeSecret;
use serde_json::{json, Map, Value};
use verified_id::callback::{CallbackEvent, CallbackReceiver, VerifiedCredential};
use verified_id::{
    CallbackTarget, PresentationPolicy, PresentationRequest, PresentationUpdate, Registration,
    RevocationStatus,
};

const ISSUER: &str = "did:web:kiosk.example";
const TYPE: &str = "VerifiedEnrollment";
const THRESHOLD: u8 = 70;

fn config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

fn policy() -> PresentationPolicy {
    PresentationRequest::builder(ISSUER, Registration::named("Desk"))
        .credential_type(TYPE)
        .accepted_issuer(ISSUER)
        .face_check("photo", THRESHOLD)
        .build(CallbackTarget::fresh(
            "https://relay.example/cb".parse().unwrap(),
        ))
        .unwrap()
        .policy()
}

/// Any JSON, a few levels deep, with the documented words among the strings.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        "[ -~]{0,12}".prop_map(Value::from),
        prop::sample::select(vec!["VALID", "REVOKED", "HIGH", ISSUER, TYPE, "photo"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    prop::sample::select(vec![
                        "revocationStatus",
                        "matchConfidenceScore",
                        "sourcePhotoQuality",
                        "issuer",
                        "type",
                    ])
                    .prop_map(String::from),
                    "[a-zA-Z]{0,8}",
                ],
                inner,
                0..4,
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A field that is usually well-formed, sometimes anything, sometimes absent.
fn field(plausible: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    weighted_field(plausible, 4)
}

/// [`field`] well-formed `weight` times in `weight + 2`.
fn weighted_field(
    plausible: impl Strategy<Value = Value>,
    weight: u32,
) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        weight => plausible.prop_map(Some),
        1 => any_json().prop_map(Some),
        1 => Just(None),
    ]
}

fn credential_json() -> impl Strategy<Value = Value> {
    credential_json_weighted(4)
}

/// A credential whose fields are each well-formed `weight` times in `weight + 2`.
fn credential_json_weighted(weight: u32) -> impl Strategy<Value = Value> {
    (
        weighted_field(prop_oneof![
            Just(json!(ISSUER)),
            Just(json!("did:web:other.example"))
        ], weight),
        weighted_field(prop_oneof![
            Just(json!(["VerifiableCredential", TYPE])),
            Just(json!(["VerifiableCredential", "Other"])),
            Just(json!([]))
        ], weight),
        weighted_field(
            prop::collection::btree_map("[a-z_]{1,10}", "[ -~]{0,16}", 0..4)
                .prop_map(|m| json!(m))
        , weight),
        weighted_field(
            prop::sample::select(vec!["VALID", "REVOKED", "SUSPENDED", "valid"])
                .prop_map(|s| json!({ "revocationStatus": s }))
        , weight),
        weighted_field(
            (-20.0f64..140.0, prop::sample::select(vec!["HIGH", "LOW", ""]))
                .prop_map(|(score, quality)| json!({ "matchConfidenceScore": score, "sourcePhotoQuality": quality }))
        , weight),
        weighted_field(Just(json!("2025-01-01T00:00:00Z")), weight),
    )
        .prop_map(|(issuer, types, claims, state, face_check, date)| {
            let mut credential = Map::new();
            for (name, value) in [
                ("issuer", issuer),
                ("type", types),
                ("claims", claims),
                ("credentialState", state),
                ("faceCheck", face_check),
                ("issuanceDate", date),
            ] {
                if let Some(value) = value {
                    credential.insert(name.to_string(), value);
                }
            }
            Value::Object(credential)
        })
}

/// What "verified" must mean for [`policy`]: checked from the parsed credential directly.
fn meets_the_request(credential: &VerifiedCredential) -> bool {
    let revoked = credential
        .credential_state
        .as_ref()
        .and_then(|s| s.revocation_status.as_ref())
        == Some(&RevocationStatus::Revoked);
    credential.issuer == ISSUER
        && credential.types.iter().any(|t| t == TYPE)
        && !revoked
        && credential
            .face_check
            .as_ref()
            .is_some_and(|f| f.match_confidence_score >= f64::from(THRESHOLD))
}

proptest! {
    #![proptest_config(config(512, 0x9e5e_0001))]

    #[test]
    fn any_verified_credentials_data_is_judged_without_panicking(
        entries in prop::collection::vec(prop_oneof![4 => credential_json(), 1 => any_json()], 0..3),
    ) {
        let policy = policy();
        let parsed: Vec<VerifiedCredential> = entries
            .into_iter()
            .filter_map(|entry| serde_json::from_value(entry).ok())
            .collect();
        let any_meets = parsed.iter().any(meets_the_request);
        let event = CallbackEvent::PresentationVerified {
            subject: None,
            credentials: parsed,
            receipt: None,
        };
        match policy.judge(event) {
            Some(PresentationUpdate::Verified(presentation)) => {
                prop_assert!(meets_the_request(presentation.credential()));
            }
            Some(PresentationUpdate::Failed(failure)) => {
                prop_assert!(!any_meets, "refused a credential that meets the request");
                prop_assert!(failure.code.is_none());
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn any_presentation_error_is_a_typed_failure(code in "[ -~]{0,24}", message in "[ -~]{0,80}") {
        let update = policy().judge(CallbackEvent::PresentationError { code, message });
        prop_assert!(matches!(update, Some(PresentationUpdate::Failed(_))));
    }
}

fn body() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just(json!("presentation_verified")),
            Just(json!("presentation_error")),
            Just(json!("request_retrieved")),
            any_json(),
        ],
        weighted_field(
            prop::collection::vec(
                prop_oneof![8 => credential_json_weighted(24), 1 => any_json()],
                1..3,
            )
            .prop_map(Value::Array),
            8,
        ),
        field(
            ("[ -~]{0,16}", "[ -~]{0,40}")
                .prop_map(|(code, message)| json!({ "code": code, "message": message })),
        ),
        field(Just(json!("did:ion:holder"))),
        field(any_json()),
    )
        .prop_map(|(status, data, error, subject, receipt)| {
            let mut body = json!({ "requestId": "r-1", "requestStatus": status });
            for (name, value) in [
                ("verifiedCredentialsData", data),
                ("error", error),
                ("subject", subject),
                ("receipt", receipt),
            ] {
                if let Some(value) = value {
                    body[name] = value;
                }
            }
            body
        })
}

#[test]
fn any_presentation_callback_body_is_read_or_refused_and_never_crashes_the_receiver() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let receiver = runtime
        .block_on(CallbackReceiver::bind("127.0.0.1:0".parse().unwrap(), None))
        .expect("the receiver listens");
    let http = verified_id::http_client().expect("an HTTP client");
    let policy = policy();
    let mut runner = TestRunner::new(config(96, 0x9e5e_0002));
    let (verified, failed) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    runner
        .run(&body(), |mut body| {
            let target = CallbackTarget::fresh(receiver.url());
            let mut events = receiver.expect_presentation(&target);
            body["state"] = json!(target.state);
            let status = runtime.block_on(async {
                http.post(receiver.url())
                    .header("api-key", target.api_key.expose_secret())
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            });
            let event = events.try_recv().ok();
            receiver.forget(&target.state);
            // Read (200) or refused as malformed (400); never a server error or a dropped
            // connection, which is what a panic in the handler would look like.
            prop_assert!(matches!(status, Ok(200) | Ok(400)), "{status:?} for {body}");
            prop_assert_eq!(event.is_some(), matches!(status, Ok(200)));
            if let Some(event) = event {
                match policy.judge(event) {
                    Some(PresentationUpdate::Verified(p)) => {
                        prop_assert!(meets_the_request(p.credential()));
                        verified.set(verified.get() + 1);
                    }
                    Some(PresentationUpdate::Failed(_)) => failed.set(failed.get() + 1),
                    Some(PresentationUpdate::Retrieved) => {}
                    None => prop_assert!(false, "a presentation event judged as none"),
                }
            }
            Ok(())
        })
        .unwrap();
    // Not vacuous: both outcomes were reached through the receiver.
    assert!(
        verified.get() > 0 && failed.get() > 0,
        "verified {} failed {}",
        verified.get(),
        failed.get()
    );
}
