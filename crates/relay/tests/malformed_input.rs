//! Property test of the callback endpoint: arbitrary paths, `api-key` headers and bodies, sent
//! as raw HTTP, always get an answer that is not a 5xx (so nothing panicked or broke), a 200
//! exactly when the request is a well-formed callback by an independent reading of the rules,
//! and an event in the kiosk's stream only then. Fixed seed: runs are repeatable.

mod support;

use std::sync::{Arc, OnceLock};

use enrollment_relay::CallbackStore;
use enrollment_relay::{
    start, ClientIpSource, EventId, KioskId, MemoryStore, Rate, RelayConfig, RelayLimits,
    StreamLimits, TokenKey, Wakeups,
};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{json, Map, Value};

struct Relay {
    runtime: tokio::runtime::Runtime,
    addr: std::net::SocketAddr,
    store: Arc<MemoryStore>,
    _running: enrollment_relay::RunningRelay,
}

/// One in-process relay (in-memory store, rates out of the way) for every case.
fn relay() -> &'static Relay {
    static RELAY: OnceLock<Relay> = OnceLock::new();
    RELAY.get_or_init(|| {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let wakeups = Wakeups::new(100, 4);
        let store = MemoryStore::new(StreamLimits::default(), 1 << 30, wakeups.clone());
        let limits = RelayLimits {
            per_ip: Rate::per_second(1e9),
            per_kiosk_callbacks: Rate::per_second(1e9),
            ..RelayLimits::default()
        };
        let config = RelayConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            tls: None,
            token_key: TokenKey::from_base64(support::TOKEN_KEY).unwrap(),
            limits,
            client_ip: ClientIpSource::Peer,
        };
        let running = runtime
            .block_on(start(config, store.clone(), wakeups))
            .expect("the relay starts");
        Relay {
            runtime,
            addr: running.local_addr(),
            store,
            _running: running,
        }
    })
}

/// The rules, read independently of the relay's code (docs/relay.md, reference §4.2).
fn is_well_formed(path: &str, api_key: Option<&str>, body: &[u8]) -> bool {
    let Some(kiosk) = path.strip_prefix("/callback/") else {
        return false;
    };
    let kiosk_ok = (1..=64).contains(&kiosk.len())
        && kiosk.as_bytes()[0].is_ascii_alphanumeric()
        && kiosk
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    // HTTP trims spaces and tabs around a header value.
    let key_ok = api_key.is_some_and(|key| {
        let key = key.trim_matches([' ', '\t']);
        (1..=512).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
    });
    let body_ok = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(fields)) => {
            let text = |name: &str| fields.get(name).and_then(Value::as_str);
            let id_ok = text("requestId").is_some_and(|s| (1..=256).contains(&s.len()));
            let status_ok = text("requestStatus").is_some_and(|s| {
                (1..=64).contains(&s.len())
                    && s.as_bytes()[0].is_ascii_lowercase()
                    && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            });
            let state_ok = text("state").is_some_and(|s| s.len() <= 1024);
            id_ok && status_ok && state_ok
        }
        _ => false,
    };
    kiosk_ok && key_ok && body_ok
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9][A-Za-z0-9_-]{0,70}".prop_map(|k| format!("/callback/{k}")),
        2 => "[ -~&&[^%?#]]{0,80}".prop_map(|k| format!("/callback/{k}")),
        1 => "/[ -~&&[^%?#]]{0,60}",
    ]
}

fn api_key() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        1 => Just(None),
        4 => "[!-~]{1,40}".prop_map(Some),
        1 => "[ -~]{0,40}".prop_map(Some),
        1 => "[!-~]{500,530}".prop_map(Some),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn field(names: &'static [&'static str]) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        1 => Just(None),
        4 => prop::sample::select(names).prop_map(|s| Some(Value::from(s))),
        2 => "[a-z_]{0,10}".prop_map(|s| Some(Value::from(s))),
        1 => "[ -~]{0,12}".prop_map(|s| Some(Value::from(s))),
        1 => json_value().prop_map(Some),
    ]
}

/// Bodies close to a callback: each field present or not, of the right type or not.
fn callback_like() -> impl Strategy<Value = Vec<u8>> {
    (
        field(&["799f23ea-5241-45af-99ad-cf8e5018814e", "r"]),
        field(&[
            "request_retrieved",
            "issuance_successful",
            "issuance_error",
            "presentation_verified",
        ]),
        field(&["de19cb6b-36c1-45fe-9409-909a51292a9c"]),
        prop::collection::btree_map("[a-zA-Z]{1,8}", json_value(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(id, status, state, extra, pretty)| {
            let mut object: Map<String, Value> = extra.into_iter().collect();
            for (name, value) in [
                ("requestId", id),
                ("requestStatus", status),
                ("state", state),
            ] {
                match value {
                    Some(value) => object.insert(name.into(), value),
                    None => object.remove(name),
                };
            }
            let value = Value::Object(object);
            if pretty {
                serde_json::to_vec_pretty(&value).unwrap()
            } else {
                serde_json::to_vec(&value).unwrap()
            }
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => callback_like(),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        1 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        1 => Just(serde_json::to_vec(&json!(["r", "request_retrieved", "s"])).unwrap()),
    ]
}

fn kept(relay: &Relay, kiosk: Option<&KioskId>) -> usize {
    kiosk.map_or(0, |kiosk| {
        relay
            .runtime
            .block_on(relay.store.read_after(kiosk, EventId::ZERO, usize::MAX))
            .unwrap()
            .len()
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        rng_seed: RngSeed::Fixed(0x7e1a),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_requests_never_break_the_relay_and_only_callbacks_are_kept(
        path in path(),
        api_key in api_key(),
        body in body(),
    ) {
        let relay = relay();
        let kiosk = path.strip_prefix("/callback/").and_then(|k| KioskId::parse(k).ok());
        let before = kept(relay, kiosk.as_ref());
        let mut head = format!("POST {path} HTTP/1.1\r\nhost: relay\r\ncontent-type: application/json\r\ncontent-length: {}\r\n", body.len());
        if let Some(key) = &api_key {
            head.push_str(&format!("api-key: {key}\r\n"));
        }
        head.push_str("\r\n");
        let status = relay.runtime.block_on(support::raw_request(relay.addr, head.as_bytes(), &body));
        let well_formed = is_well_formed(&path, api_key.as_deref(), &body);
        let Some(status) = status else {
            return Err(TestCaseError::fail("the relay gave no HTTP answer"));
        };
        if well_formed {
            prop_assert_eq!(status, 200);
            prop_assert_eq!(kept(relay, kiosk.as_ref()), before + 1);
        } else {
            prop_assert!((400..500).contains(&status), "status {}", status);
            prop_assert_eq!(kept(relay, kiosk.as_ref()), before);
        }
    }
}
