//! The relay for real: a real `redis-server`, relay instances as processes, kiosks subscribed
//! through the subscriber module, callbacks posted over HTTP as Entra would.

mod support;

use std::time::Duration;

use enrollment_relay::subscriber::{
    self, Backoff, ConnectionState, Disconnect, SubscriberConfig, Subscription,
};
use enrollment_relay::{EventId, KioskId, KioskToken};
use support::{
    callback_body, chunked, eventually, next_callback, nothing_arrives, raw_request, token_for,
    LoadBalancer, RedisServer, RelayProcess,
};
use url::Url;

const WAIT: Duration = Duration::from_secs(10);

fn http() -> reqwest::Client {
    subscriber::http_client().unwrap()
}

fn kiosk_config(relay_url: &str, kiosk: &str) -> SubscriberConfig {
    let mut config = SubscriberConfig::new(
        Url::parse(relay_url).unwrap(),
        KioskId::parse(kiosk).unwrap(),
        token_for(kiosk),
    );
    // Quick retries keep the tests short; the default starts at 250 ms.
    config.backoff = Backoff {
        first: Duration::from_millis(50),
        max: Duration::from_millis(500),
    };
    config
}

async fn subscribe(relay_url: &str, kiosk: &str) -> Subscription {
    subscribe_with(kiosk_config(relay_url, kiosk)).await
}

async fn subscribe_with(config: SubscriberConfig) -> Subscription {
    let subscription = Subscription::start(config, http());
    let state = subscription.watch_state();
    eventually("the kiosk is subscribed", WAIT, || {
        let state = state.clone();
        async move { matches!(*state.borrow(), ConnectionState::Connected { .. }) }
    })
    .await;
    subscription
}

async fn post(
    relay_url: &str,
    kiosk: &str,
    api_key: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> u16 {
    let mut request = http()
        .post(format!("{relay_url}/callback/{kiosk}"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(key) = api_key {
        request = request.header("api-key", key);
    }
    request
        .send()
        .await
        .expect("the relay answers")
        .status()
        .as_u16()
}

async fn status_of(url: &str) -> u16 {
    match http().get(url).send().await {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_posted_to_either_instance_reaches_the_kiosk_with_its_key_and_body() {
    let redis = RedisServer::start();
    let a = RelayProcess::start(Some(&redis), &[]);
    let b = RelayProcess::start(Some(&redis), &[]);
    let mut kiosk = subscribe(&a.url, "lobby-01").await;
    let mut other_kiosk = subscribe(&b.url, "desk-02").await;

    let body = callback_body("req-1", "request_retrieved", "state-1");
    assert_eq!(
        post(&b.url, "lobby-01", Some("key-1"), body.clone()).await,
        200
    );
    let first = next_callback(
        &mut kiosk,
        "the callback posted to the other instance",
        WAIT,
    )
    .await;
    assert_eq!(first.api_key, "key-1");
    assert_eq!(first.body.as_ref(), body.as_bytes());

    // A presentation callback with claims and a pretty-printed body arrives intact.
    let presentation = "{\n  \"requestId\": \"req-2\",\n  \"requestStatus\": \"presentation_verified\",\n  \"state\": \"state-2\",\n  \"verifiedCredentialsData\": [{\"issuer\": \"did:web:x\", \"claims\": {\"photo\": \"AAAA\"}}]\n}";
    assert_eq!(
        post(&a.url, "lobby-01", Some("key-2"), presentation).await,
        200
    );
    let second = next_callback(&mut kiosk, "the callback posted to its own instance", WAIT).await;
    assert_eq!(second.api_key, "key-2");
    assert!(second.id > first.id);
    let read: serde_json::Value = serde_json::from_slice(&second.body).unwrap();
    let sent: serde_json::Value = serde_json::from_str(presentation).unwrap();
    assert_eq!(read, sent);

    // Each kiosk gets its own callbacks only.
    assert_eq!(
        nothing_arrives(&mut other_kiosk, Duration::from_millis(300)).await,
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_that_reconnects_resumes_after_the_last_event_it_saw() {
    let redis = RedisServer::start();
    let relay = RelayProcess::start(Some(&redis), &[]);
    let mut kiosk = subscribe(&relay.url, "k1").await;
    let one = callback_body("r", "request_retrieved", "s");
    assert_eq!(post(&relay.url, "k1", Some("key"), one).await, 200);
    let seen = next_callback(&mut kiosk, "the first callback", WAIT).await;
    drop(kiosk);

    // While the kiosk is away.
    let two = callback_body("r", "issuance_successful", "s");
    let three = callback_body("r2", "request_retrieved", "s2");
    assert_eq!(post(&relay.url, "k1", Some("key"), two.clone()).await, 200);
    assert_eq!(
        post(&relay.url, "k1", Some("key2"), three.clone()).await,
        200
    );

    let mut config = kiosk_config(&relay.url, "k1");
    config.resume_from = Some(seen.id);
    let mut kiosk = subscribe_with(config).await;
    assert_eq!(
        next_callback(&mut kiosk, "the second", WAIT)
            .await
            .body
            .as_ref(),
        two.as_bytes()
    );
    assert_eq!(
        next_callback(&mut kiosk, "the third", WAIT)
            .await
            .body
            .as_ref(),
        three.as_bytes()
    );
    assert_eq!(
        nothing_arrives(&mut kiosk, Duration::from_millis(300)).await,
        None
    );

    // A kiosk that starts fresh (no last id) gets only what comes after it subscribed.
    let mut fresh = subscribe(&relay.url, "k1").await;
    assert_eq!(
        nothing_arrives(&mut fresh, Duration::from_millis(300)).await,
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_kiosks_instance_is_killed_the_other_one_delivers_and_nothing_is_lost() {
    let redis = RedisServer::start();
    let mut a = RelayProcess::start(Some(&redis), &[]);
    let b = RelayProcess::start(Some(&redis), &[]);
    // The load balancer sends the first connection to A.
    let balancer = LoadBalancer::start(vec![a.addr, b.addr]).await;
    let mut kiosk = subscribe(&balancer.url, "lobby").await;
    let scanned = callback_body("r", "request_retrieved", "s");
    assert_eq!(post(&a.url, "lobby", Some("key"), scanned).await, 200);
    next_callback(&mut kiosk, "the scan, through A", WAIT).await;

    a.kill();
    // Entra's next callback reaches B (the load balancer skips A); the kiosk reconnects through
    // the balancer to B and resumes.
    let issued = callback_body("r", "issuance_successful", "s");
    assert_eq!(
        post(&b.url, "lobby", Some("key"), issued.clone()).await,
        200
    );
    let after = next_callback(&mut kiosk, "the issuance, through B after A died", WAIT).await;
    assert_eq!(after.body.as_ref(), issued.as_bytes());
    assert_eq!(
        nothing_arrives(&mut kiosk, Duration::from_millis(300)).await,
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_restart_loses_nothing_and_the_kiosk_says_it_is_reconnecting_meanwhile() {
    let redis = RedisServer::start();
    let mut a = RelayProcess::start(Some(&redis), &[]);
    let b = RelayProcess::start(Some(&redis), &[]);
    let mut kiosk = subscribe(&a.url, "lobby").await;
    let states = kiosk.watch_state();

    a.terminate();
    eventually("the kiosk says it is reconnecting", WAIT, || {
        let states = states.clone();
        async move { matches!(*states.borrow(), ConnectionState::Reconnecting { .. }) }
    })
    .await;
    let while_down = callback_body("r", "request_retrieved", "s");
    assert_eq!(
        post(&b.url, "lobby", Some("key"), while_down.clone()).await,
        200
    );
    a.restart();
    let got = next_callback(
        &mut kiosk,
        "the callback sent while its instance restarted",
        WAIT,
    )
    .await;
    assert_eq!(got.body.as_ref(), while_down.as_bytes());
    assert!(matches!(kiosk.state(), ConnectionState::Connected { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_one_instance_delivers_and_resumes_from_memory() {
    let relay = RelayProcess::start(None, &[]);
    assert_eq!(status_of(&format!("{}/readyz", relay.url)).await, 200);
    let mut kiosk = subscribe(&relay.url, "solo").await;
    let one = callback_body("r", "request_retrieved", "s");
    assert_eq!(
        post(&relay.url, "solo", Some("key"), one.clone()).await,
        200
    );
    let seen = next_callback(&mut kiosk, "the callback from memory", WAIT).await;
    assert_eq!(seen.body.as_ref(), one.as_bytes());
    drop(kiosk);
    let two = callback_body("r", "issuance_successful", "s");
    assert_eq!(
        post(&relay.url, "solo", Some("key"), two.clone()).await,
        200
    );
    let mut config = kiosk_config(&relay.url, "solo");
    config.resume_from = Some(seen.id);
    let mut kiosk = subscribe_with(config).await;
    assert_eq!(
        next_callback(&mut kiosk, "the resumed callback", WAIT)
            .await
            .body
            .as_ref(),
        two.as_bytes()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscriptions_without_the_kiosks_own_token_are_refused() {
    let relay = RelayProcess::start(None, &[]);
    let events = format!("{}/kiosks/lobby/events", relay.url);
    let client = http();
    let get = |auth: Option<String>| {
        let mut request = client.get(&events);
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(get(None).await, 401);
    assert_eq!(get(Some("Basic dXNlcjpwYXNz".into())).await, 401);
    assert_eq!(get(Some("Bearer v1.not-a-token".into())).await, 403);
    assert_eq!(
        get(Some(format!("Bearer {}", token_for("desk").expose()))).await,
        403
    );
    assert_eq!(get(Some("Bearer ".into())).await, 401);

    // The subscriber says so, and keeps trying (the token may be fixed on the admin screen).
    let mut config = kiosk_config(&relay.url, "lobby");
    config.token = KioskToken::new("v1.wrong");
    let refused = Subscription::start(config, http());
    let states = refused.watch_state();
    eventually("the subscriber reports the refused token", WAIT, || {
        let states = states.clone();
        async move {
            matches!(
                *states.borrow(),
                ConnectionState::Reconnecting {
                    reason: Disconnect::TokenRefused,
                    ..
                }
            )
        }
    })
    .await;
    let check = subscriber::check(
        &http(),
        &Url::parse(&relay.url).unwrap(),
        &KioskId::parse("lobby").unwrap(),
        &KioskToken::new("v1.wrong"),
        WAIT,
    )
    .await;
    assert!(matches!(
        check,
        Err(subscriber::CheckError::TokenRefused(403))
    ));

    // The token `enrollment-relay kiosk-token` prints is accepted.
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_enrollment-relay"))
        .args(["kiosk-token", "lobby"])
        .env("RELAY_TOKEN_KEY", support::TOKEN_KEY)
        .output()
        .unwrap();
    assert!(printed.status.success());
    let token = String::from_utf8(printed.stdout)
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(get(Some(format!("Bearer {token}"))).await, 200);
    subscriber::check(
        &http(),
        &Url::parse(&relay.url).unwrap(),
        &KioskId::parse("lobby").unwrap(),
        &KioskToken::new(token),
        WAIT,
    )
    .await
    .expect("the printed token is accepted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_ill_formed_callbacks_get_4xx_and_deliver_nothing() {
    let redis = RedisServer::start();
    let relay = RelayProcess::start(Some(&redis), &[]);
    let mut kiosk = subscribe(&relay.url, "lobby").await;
    let good = callback_body("r", "request_retrieved", "s");
    let url = &relay.url;

    // Over 10 MiB, declared: refused before the body is read.
    // (Raw HTTP: the relay answers and closes before the body is sent, which a client such as
    // reqwest reports as a broken connection rather than as the answer.)
    let big = vec![b' '; 10 * 1024 * 1024 + 1];
    let declared = format!(
        "POST /callback/lobby HTTP/1.1\r\nhost: relay\r\napi-key: key\r\ncontent-length: {}\r\n\r\n",
        big.len()
    );
    assert_eq!(
        raw_request(relay.addr, declared.as_bytes(), &big).await,
        Some(413)
    );
    // Over 10 MiB, streamed without a length: refused as the bytes go over.
    let head = b"POST /callback/lobby HTTP/1.1\r\nhost: relay\r\napi-key: key\r\ntransfer-encoding: chunked\r\n\r\n";
    assert_eq!(
        raw_request(relay.addr, head, &chunked(&big)).await,
        Some(413)
    );
    // Exactly at the cap is fine as far as size goes (it is still not a callback).
    assert_eq!(
        post(url, "lobby", Some("key"), vec![b' '; 10 * 1024 * 1024]).await,
        400
    );

    let ill_formed: [&str; 9] = [
        "",
        "not json",
        "[1,2,3]",
        r#"["r","request_retrieved","s"]"#,
        r#"{"requestStatus":"request_retrieved","state":"s"}"#,
        r#"{"requestId":"r","state":"s"}"#,
        r#"{"requestId":"r","requestStatus":"request_retrieved"}"#,
        r#"{"requestId":"r","requestStatus":42,"state":"s"}"#,
        r#"{"requestId":"r","requestStatus":"request_retrieved","state":"s""#,
    ];
    for body in ill_formed {
        assert_eq!(post(url, "lobby", Some("key"), body).await, 400, "{body:?}");
    }
    assert_eq!(post(url, "lobby", None, good.clone()).await, 401);
    assert_eq!(
        post(url, "lobby", Some(&"k".repeat(600)), good.clone()).await,
        400
    );
    assert_eq!(
        post(url, "bad%20kiosk", Some("key"), good.clone()).await,
        400
    );
    assert_eq!(
        post(url, &"k".repeat(65), Some("key"), good.clone()).await,
        400
    );
    assert_eq!(status_of(&format!("{url}/callback/lobby")).await, 405);
    assert_eq!(status_of(&format!("{url}/nowhere")).await, 404);

    // None of that reached the kiosk: the first event is the good callback.
    assert_eq!(post(url, "lobby", Some("key"), good.clone()).await, 200);
    let first = next_callback(&mut kiosk, "the well-formed callback", WAIT).await;
    assert_eq!(first.body.as_ref(), good.as_bytes());
    assert_eq!(
        nothing_arrives(&mut kiosk, Duration::from_millis(300)).await,
        None
    );

    // Last-Event-ID must be an event id.
    let status = http()
        .get(format!("{url}/kiosks/lobby/events"))
        .header(
            "authorization",
            format!("Bearer {}", token_for("lobby").expose()),
        )
        .header("last-event-id", "yesterday")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rates_and_subscriptions_over_their_limits_get_429() {
    let relay = RelayProcess::start(
        None,
        &[
            "--per-kiosk-rate",
            "2",
            "--per-ip-rate",
            "10",
            "--max-subscriptions-per-kiosk",
            "1",
        ],
    );
    // One subscription per kiosk.
    let _kiosk = subscribe(&relay.url, "single").await;
    let second = http()
        .get(format!("{}/kiosks/single/events", relay.url))
        .header(
            "authorization",
            format!("Bearer {}", token_for("single").expose()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(second.status().as_u16(), 429);

    let good = callback_body("r", "request_retrieved", "s");
    // Per kiosk: a burst of 4, then 429.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(post(&relay.url, "busy", Some("key"), good.clone()).await);
    }
    assert_eq!(&statuses[..4], &[200, 200, 200, 200]);
    assert!(statuses[4..].contains(&429), "{statuses:?}");

    // Per address: a burst of 20 over all kiosks, then 429 (with Retry-After).
    let mut limited = None;
    for n in 0..40 {
        let response = http()
            .post(format!("{}/callback/kiosk-{n}", relay.url))
            .header("api-key", "key")
            .body(good.clone())
            .send()
            .await
            .unwrap();
        if response.status().as_u16() == 429 {
            limited = Some(response);
            break;
        }
    }
    let limited = limited.expect("the per-address limit answers 429");
    assert_eq!(limited.headers()["retry-after"], "1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_down_entra_gets_200_and_the_kiosk_gets_the_callback_when_redis_returns() {
    let mut redis = RedisServer::start();
    let relay = RelayProcess::start(Some(&redis), &[]);
    let ready = format!("{}/readyz", relay.url);
    assert_eq!(status_of(&ready).await, 200);
    let mut kiosk = subscribe(&relay.url, "lobby").await;
    let states = kiosk.watch_state();

    redis.kill();
    eventually("readyz says the store is unreachable", WAIT, || async {
        status_of(&ready).await == 503
    })
    .await;
    // No callback can reach the kiosk meanwhile, and it must not claim otherwise: the relay
    // ends the subscription and refuses new ones until Redis answers again.
    eventually(
        "the kiosk says it is reconnecting while Redis is down",
        WAIT,
        || {
            let states = states.clone();
            async move {
                matches!(
                    *states.borrow(),
                    ConnectionState::Reconnecting {
                        reason: Disconnect::Refused(503),
                        ..
                    }
                )
            }
        },
    )
    .await;
    assert_eq!(status_of(&format!("{}/healthz", relay.url)).await, 200);
    let scanned = callback_body("r", "request_retrieved", "s");
    let issued = callback_body("r", "issuance_successful", "s");
    let started = std::time::Instant::now();
    assert_eq!(
        post(&relay.url, "lobby", Some("key"), scanned.clone()).await,
        200
    );
    assert_eq!(
        post(&relay.url, "lobby", Some("key"), issued.clone()).await,
        200
    );
    // Answered without waiting for Redis (the write timeout is 50 ms; generous bound here).
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "answered in {:?}",
        started.elapsed()
    );

    redis.restart();
    eventually("readyz says the store is back", WAIT, || async {
        status_of(&ready).await == 200
    })
    .await;
    let first = next_callback(&mut kiosk, "the held scan, after Redis returned", WAIT).await;
    let second = next_callback(&mut kiosk, "the held issuance, after Redis returned", WAIT).await;
    assert_eq!(first.body.as_ref(), scanned.as_bytes());
    assert_eq!(second.body.as_ref(), issued.as_bytes());
    assert!(matches!(kiosk.state(), ConnectionState::Connected { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pub_sub_connection_outlives_its_keep_alive_pings() {
    // The relay pings its Pub/Sub connection every 10 s; Redis answers a subscribed PING with
    // an array, which once counted as a failure and dropped the connection every time.
    let redis = RedisServer::start();
    let relay = RelayProcess::start(Some(&redis), &[]);
    let mut kiosk = subscribe(&relay.url, "lobby").await;
    let lost = "lost the Redis Pub/Sub connection";
    let until = std::time::Instant::now() + Duration::from_secs(12);
    while std::time::Instant::now() < until {
        assert!(!relay.log().contains(lost), "{}", relay.log());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Wake-ups still arrive over it.
    let body = callback_body("r", "request_retrieved", "s");
    assert_eq!(
        post(&relay.url, "lobby", Some("key"), body.clone()).await,
        200
    );
    let got = next_callback(&mut kiosk, "a callback after the pings", WAIT).await;
    assert_eq!(got.body.as_ref(), body.as_bytes());
    assert!(!relay.log().contains(lost), "{}", relay.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_down_and_the_held_callbacks_full_entra_gets_503() {
    let mut redis = RedisServer::start();
    let relay = RelayProcess::start(Some(&redis), &["--held-max-callbacks", "1"]);
    redis.kill();
    let body = callback_body("r", "request_retrieved", "s");
    assert_eq!(
        post(&relay.url, "lobby", Some("key"), body.clone()).await,
        200
    );
    assert_eq!(
        post(&relay.url, "lobby", Some("key"), body.clone()).await,
        503
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_serves_tls_from_certificate_files() {
    let dir = tempfile::tempdir().unwrap();
    let openssl = |args: &[&str]| {
        let status = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("openssl is installed (Debian package openssl, which ca-certificates needs)");
        assert!(status.success(), "openssl {args:?}");
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &["req", "-x509"],
            &ec[..],
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "1",
                "-subj",
                "/CN=relay test CA",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req"],
            &ec[..],
            &[
                "-keyout",
                "relay.key",
                "-out",
                "relay.csr",
                "-subj",
                "/CN=127.0.0.1",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        dir.path().join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "relay.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "relay.pem",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
    ]);

    let cert = dir.path().join("relay.pem");
    let key = dir.path().join("relay.key");
    let relay = RelayProcess::start(
        None,
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
    );
    assert!(relay.url.starts_with("https://"), "{}", relay.url);
    let ca =
        reqwest::Certificate::from_pem(&std::fs::read(dir.path().join("ca.pem")).unwrap()).unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let trusting = reqwest::Client::builder()
        .tls_certs_only([ca])
        .build()
        .unwrap();
    let mut config = kiosk_config(&relay.url, "tls-kiosk");
    config.backoff = Backoff::default();
    let mut kiosk = Subscription::start(config, trusting.clone());
    let states = kiosk.watch_state();
    eventually("the kiosk subscribes over TLS", WAIT, || {
        let states = states.clone();
        async move { matches!(*states.borrow(), ConnectionState::Connected { .. }) }
    })
    .await;
    let body = callback_body("r", "request_retrieved", "s");
    let status = trusting
        .post(format!("{}/callback/tls-kiosk", relay.url))
        .header("api-key", "key")
        .body(body.clone())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    assert_eq!(
        next_callback(&mut kiosk, "the callback over TLS", WAIT)
            .await
            .body
            .as_ref(),
        body.as_bytes()
    );
    // A client that does not trust the certificate gets no answer at all.
    assert!(http()
        .get(format!("{}/healthz", relay.url))
        .send()
        .await
        .is_err());
    let _ = EventId::ZERO;
}
