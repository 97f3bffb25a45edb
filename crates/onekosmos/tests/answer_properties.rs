//! Property tests of reading 1Kosmos answers: whatever a `/verify` or poll answer holds, the
//! parser never panics, and an outcome reads as approved only when every requested check is
//! in it and every reported check passed. Fixed seeds keep runs repeatable.

use onekosmos::{
    parse_session_result, parse_verify_outcome, Endpoint, SessionResult, Verification,
};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{json, Value};

fn config(cases: u32, seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

fn verification() -> impl Strategy<Value = Verification> {
    prop_oneof![
        Just(Verification::FaceLiveness),
        Just(Verification::FaceCompare),
        Just(Verification::DlVerify),
    ]
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z_]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A certification as 1Kosmos might send it: a known, unknown or missing type, any
/// `verified`, and sometimes extra or mistyped fields.
fn certification() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just(Some("face_liveness")),
            Just(Some("face_compare")),
            Just(Some("dl_verify")),
            Just(Some("ssn_verify")),
            Just(None),
        ],
        prop_oneof![
            Just(json!(true)),
            Just(json!(false)),
            Just(json!("true")),
            Just(Value::Null)
        ],
        any_json(),
    )
        .prop_map(|(kind, verified, extra)| {
            let mut cert = json!({ "verified": verified, "status": 200, "extra": extra });
            if let Some(kind) = kind {
                cert["type"] = json!(kind);
            }
            cert
        })
}

proptest! {
    #![proptest_config(config(512, 0x1c05_0001))]

    #[test]
    fn an_approved_outcome_has_every_requested_check_present_and_passed(
        requested in prop::collection::vec(verification(), 1..4),
        certifications in prop::collection::vec(certification(), 0..6),
        wrapped in any::<bool>(),
    ) {
        let payload = if wrapped {
            json!({ "result": { "certifications": certifications } })
        } else {
            json!({ "certifications": certifications })
        };
        if let Ok(outcome) = parse_verify_outcome(&requested, &payload) {
            if outcome.all_passed() {
                for wanted in &requested {
                    prop_assert!(
                        outcome
                            .certifications
                            .iter()
                            .any(|c| c.verification == *wanted && c.verified),
                        "{wanted:?} approved without a passed certification of it"
                    );
                }
                prop_assert!(outcome.certifications.iter().all(|c| c.verified));
                prop_assert!(outcome.missing().is_empty());
            }
        }
    }

    #[test]
    fn any_verify_answer_is_read_or_refused_without_panicking(
        requested in prop::collection::vec(verification(), 0..4),
        payload in any_json(),
    ) {
        let _ = parse_verify_outcome(&requested, &payload);
    }

    #[test]
    fn any_poll_answer_is_read_or_refused_without_panicking(
        payload in any_json(),
        status in prop_oneof![
            Just("SUCCESS"), Just("FAILED"), Just("EXPIRED"), Just("ABANDONED"),
            Just("INPROGRESS"), Just("weird")
        ],
        legacy in any::<bool>(),
    ) {
        let endpoint = if legacy { Endpoint::PollResultLegacy } else { Endpoint::PollResult };
        let _ = parse_session_result("s-1", &payload, endpoint);
        let mut shaped = payload.clone();
        if let Value::Object(map) = &mut shaped {
            map.insert("sessionResult".into(), json!(status));
            map.insert("responseStatus".into(), json!(status));
        }
        if let Ok(SessionResult::Succeeded(identity)) =
            parse_session_result("s-1", &shaped, endpoint)
        {
            // A success is only ever read from an answer that says so.
            prop_assert!(status == "SUCCESS" || status.eq_ignore_ascii_case("success"));
            let _ = identity.checks.all_passed();
        }
    }
}

/// Found by the `onekosmos_answer` fuzz target: a certification whose `type` names no
/// verification was matched by position to the one requested there, so an answer that never
/// reported liveness approved it. Such an answer is now refused.
#[test]
fn a_certification_of_an_unknown_type_never_stands_for_a_requested_one() {
    let requested = [Verification::FaceLiveness, Verification::FaceCompare];
    for kind in [
        json!("ssn_verify"),
        json!("responseSface_liveness"),
        json!(7),
        json!(true),
    ] {
        let payload = json!({ "certifications": [
            { "type": kind, "verified": true },
            { "type": "face_compare", "verified": true },
        ] });
        let read = parse_verify_outcome(&requested, &payload);
        assert!(read.is_err(), "{kind}: {read:?}");
    }
    // Without a type (or with an empty one), position still decides, as documented.
    for kind in [None, Some(Value::Null), Some(json!(""))] {
        let mut untyped = json!({ "verified": true });
        if let Some(kind) = kind {
            untyped["type"] = kind;
        }
        let payload = json!({ "certifications": [untyped, { "verified": true }] });
        let outcome = parse_verify_outcome(&requested, &payload).unwrap();
        assert!(outcome.all_passed(), "{outcome:?}");
    }
}
