//! The client against a raw HTTP/1.1 server on loopback that misbehaves in size and timing:
//! bodies are capped while they stream in, and absurd `expires_in` / `Retry-After` values are
//! clamped instead of overflowing a clock.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use secrecy::SecretString;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use verified_id::{
    CallbackTarget, Endpoint, Error, IssuerConfig, RetryPolicy, VerifiedIdClient,
    MAX_MANIFEST_BYTES, MAX_REPORTED_RETRY_AFTER, MAX_RESPONSE_BYTES,
};

const TENANT: &str = "aaaabbbb-0000-cccc-1111-dddd2222eeee";

/// What the raw server answers on one path.
#[derive(Clone)]
enum Reply {
    /// A complete response: status line, headers and body as given.
    Raw(String),
    /// 200 with chunked data that never ends (until the client hangs up).
    Endless,
    /// 200 announcing `Content-Length: n`, then no body at all.
    Declared(u64),
}

fn json(status: &str, extra_headers: &str, body: &str) -> Reply {
    Reply::Raw(format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{extra_headers}content-length: {}\r\n\r\n{body}",
        body.len()
    ))
}

struct RawServer {
    addr: SocketAddr,
    calls: Arc<Mutex<HashMap<&'static str, usize>>>,
}

impl RawServer {
    /// Routes by the path's last segment: `token`, `createIssuanceRequest`, `manifest`.
    async fn start(routes: Vec<(&'static str, Reply)>) -> Self {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let calls = Arc::new(Mutex::new(HashMap::new()));
        let counted = calls.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let routes = routes.clone();
                let calls = counted.clone();
                tokio::spawn(async move {
                    let mut reader = BufReader::new(stream);
                    loop {
                        let mut request_line = String::new();
                        if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let mut length = 0usize;
                        loop {
                            let mut line = String::new();
                            reader.read_line(&mut line).await.unwrap();
                            if line == "\r\n" {
                                break;
                            }
                            if let Some(v) =
                                line.to_ascii_lowercase().strip_prefix("content-length:")
                            {
                                length = v.trim().parse().unwrap();
                            }
                        }
                        let mut body = vec![0; length];
                        reader.read_exact(&mut body).await.unwrap();
                        let path = request_line.split(' ').nth(1).unwrap_or_default();
                        let Some((name, reply)) =
                            routes.iter().find(|(name, _)| path.ends_with(name))
                        else {
                            panic!("unexpected request {request_line}");
                        };
                        *calls.lock().unwrap().entry(*name).or_default() += 1;
                        let stream = reader.get_mut();
                        match reply {
                            Reply::Raw(text) => {
                                if stream.write_all(text.as_bytes()).await.is_err() {
                                    return;
                                }
                            }
                            Reply::Endless => {
                                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                                let chunk = format!("{:x}\r\n{}\r\n", 16384, " ".repeat(16384));
                                if stream.write_all(head.as_bytes()).await.is_err() {
                                    return;
                                }
                                while stream.write_all(chunk.as_bytes()).await.is_ok() {}
                                return;
                            }
                            Reply::Declared(n) => {
                                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {n}\r\n\r\n");
                                let _ = stream.write_all(head.as_bytes()).await;
                                // Hold the connection until the client hangs up.
                                let mut rest = Vec::new();
                                let _ = reader.read_to_end(&mut rest).await;
                                return;
                            }
                        }
                    }
                });
            }
        });
        Self { addr, calls }
    }

    fn calls(&self, name: &str) -> usize {
        self.calls.lock().unwrap().get(name).copied().unwrap_or(0)
    }

    fn client(&self) -> VerifiedIdClient {
        let base = format!("http://{}/", self.addr);
        let mut config = IssuerConfig::new(
            TENANT,
            "535fb089-9ff3-47b6-9bfb-4f1264799865",
            SecretString::from("secret"),
            "did:web:verifiedid.contoso.com",
            format!("{base}v1.0/tenants/{TENANT}/verifiableCredentials/contracts/x/manifest")
                .parse()
                .unwrap(),
            "VerifiedEnrollment",
        );
        config.authority_host = base.parse().unwrap();
        config.request_service = format!("{base}v1.0/").parse().unwrap();
        let http = verified_id::http_client_builder()
            .no_proxy()
            .build()
            .unwrap();
        VerifiedIdClient::new(config, http)
            .unwrap()
            .with_retry_policy(RetryPolicy {
                max_retries: 2,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(5),
                max_retry_after: Duration::from_secs(5),
            })
    }
}

fn token_reply(expires_in: &str) -> Reply {
    json(
        "200 OK",
        "",
        &format!(
            r#"{{"token_type":"Bearer","access_token":"eyJ0eXAi","expires_in":{expires_in}}}"#
        ),
    )
}

fn created_reply() -> Reply {
    json(
        "201 Created",
        "",
        r#"{"requestId":"799f23ea-5241-45af-99ad-cf8e5018814e","url":"openid-vc://?request_uri=x","expiry":1622227690}"#,
    )
}

fn target() -> CallbackTarget {
    CallbackTarget::fresh("http://127.0.0.1:9/cb".parse().unwrap())
}

fn claims() -> Vec<(String, String)> {
    vec![("given_name".to_string(), "Megan".to_string())]
}

/// An oversize answer is refused as such, quickly: not read to an end that never comes (the
/// HTTP client's 30 s timeout would turn that into a transport error).
fn assert_too_large(result: Result<impl std::fmt::Debug, Error>, endpoint: Endpoint, cap: usize) {
    match result {
        Err(Error::UnexpectedResponse {
            endpoint: e,
            status: 200,
            detail,
        }) if e == endpoint => {
            assert!(detail.contains(&cap.to_string()), "{detail}");
        }
        other => panic!("expected a too-large answer from {endpoint}, got {other:?}"),
    }
}

#[tokio::test]
async fn an_endless_token_answer_is_cut_at_the_cap() {
    let server = RawServer::start(vec![("token", Reply::Endless)]).await;
    let result = tokio::time::timeout(Duration::from_secs(20), server.client().check_credentials())
        .await
        .expect("the client stops reading at the cap");
    assert_too_large(result, Endpoint::Token, MAX_RESPONSE_BYTES);
    assert_eq!(server.calls("token"), 1, "not retried");
}

#[tokio::test]
async fn an_endless_or_oversize_manifest_is_refused() {
    for reply in [
        Reply::Endless,
        Reply::Declared(MAX_MANIFEST_BYTES as u64 + 1),
        Reply::Declared(u64::MAX / 2),
    ] {
        let server = RawServer::start(vec![("manifest", reply)]).await;
        let result =
            tokio::time::timeout(Duration::from_secs(20), server.client().check_manifest())
                .await
                .expect("the client does not wait for the body");
        assert_too_large(result, Endpoint::Manifest, MAX_MANIFEST_BYTES);
    }
}

#[tokio::test]
async fn an_oversize_create_answer_is_refused_unread() {
    let server = RawServer::start(vec![
        ("token", token_reply("3599")),
        (
            "createIssuanceRequest",
            Reply::Declared(MAX_RESPONSE_BYTES as u64 + 1),
        ),
    ])
    .await;
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        server.client().create_issuance(&claims(), &target()),
    )
    .await
    .expect("the client does not wait for the body");
    assert_too_large(result, Endpoint::CreateIssuanceRequest, MAX_RESPONSE_BYTES);
}

#[tokio::test]
async fn a_huge_expires_in_is_clamped_not_a_panic() {
    let server = RawServer::start(vec![
        ("token", token_reply("18446744073709551615")),
        ("createIssuanceRequest", created_reply()),
    ])
    .await;
    let client = server.client();
    client.create_issuance(&claims(), &target()).await.unwrap();
    client.create_issuance(&claims(), &target()).await.unwrap();
    assert_eq!(server.calls("token"), 1, "the token is cached");
    assert_eq!(server.calls("createIssuanceRequest"), 2);
}

#[tokio::test]
async fn a_huge_retry_after_is_clamped_and_not_waited_for() {
    let throttled = r#"{"requestId":"1","error":{"code":"tooManyRequests","message":"Too many requests, try again later.","innererror":{"code":"transientError","message":"later"}}}"#;
    let server = RawServer::start(vec![
        ("token", token_reply("3599")),
        (
            "createIssuanceRequest",
            json(
                "429 Too Many Requests",
                "retry-after: 99999999999999999999999\r\n",
                throttled,
            ),
        ),
    ])
    .await;
    let error = server
        .client()
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    let Error::Service(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.retry_after, Some(MAX_REPORTED_RETRY_AFTER));
    assert_eq!(server.calls("createIssuanceRequest"), 1, "not waited for");
}

#[tokio::test]
async fn errors_do_not_carry_bodies_or_service_messages() {
    let personal = "Megan Bowen";
    let server = RawServer::start(vec![
        ("token", token_reply("3599")),
        (
            "createIssuanceRequest",
            json(
                "400 Bad Request",
                "",
                &format!(
                    r#"{{"requestId":"r1","error":{{"code":"badRequest","message":"bad {personal}","innererror":{{"code":"badOrMissingField","message":"claim value {personal} refused","target":"claims.given_name"}}}}}}"#
                ),
            ),
        ),
        (
            "manifest",
            Reply::Raw(format!(
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n<html>{personal}</html>",
                13 + personal.len()
            )),
        ),
    ])
    .await;
    let client = server.client();
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    let Error::Service(service) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        service.inner.as_ref().unwrap().message,
        format!("claim value {personal} refused"),
        "kept in the field"
    );
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains(personal), "{shown}");
        assert!(shown.contains("badOrMissingField"), "{shown}");
        assert!(shown.contains("claims.given_name"), "{shown}");
    }
    let error = client.check_manifest().await.unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedResponse { status: 200, .. }),
        "{error:?}"
    );
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains(personal), "{shown}");
    }
}
