//! The client against the Entra stand-in over real HTTP on loopback: token caching and refresh,
//! retries, every documented error shape (known-answer tables from the reference), the manifest
//! check, and the full callback loop through the receiver.

use std::net::SocketAddr;
use std::time::Duration;

use sandbox::{EntraSandbox, EntraSandboxConfig, Fault, RunningEntraSandbox, SandboxEndpoint};
use secrecy::SecretString;
use serde_json::{json, Value};
use verified_id::callback::{CallbackEvent, CallbackReceiver};
use verified_id::{
    CallbackTarget, Error, IssuerConfig, Registration, RequestedCredential, RetryPolicy,
    ServiceErrorKind, VerifiedIdClient,
};

fn http() -> reqwest::Client {
    verified_id::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        max_retry_after: Duration::from_secs(5),
    }
}

fn config_for(sandbox: &RunningEntraSandbox) -> IssuerConfig {
    let c = sandbox.config();
    let mut config = IssuerConfig::new(
        c.tenant_id.clone(),
        c.client_id.clone(),
        SecretString::from(c.client_secret.clone()),
        c.issuer_did.clone(),
        sandbox.manifest_url(),
        c.credential_type.clone(),
    );
    config.authority_host = sandbox.authority_host();
    config.request_service = sandbox.request_service();
    config
}

async fn setup() -> (RunningEntraSandbox, VerifiedIdClient) {
    let sandbox = EntraSandbox::start(EntraSandboxConfig::demo())
        .await
        .unwrap();
    let client = VerifiedIdClient::new(config_for(&sandbox), http())
        .unwrap()
        .with_retry_policy(fast_retries());
    (sandbox, client)
}

fn claims() -> Vec<(String, String)> {
    [
        ("given_name", "Megan"),
        ("family_name", "Bowen"),
        ("email", "megan@contoso.com"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn target() -> CallbackTarget {
    CallbackTarget::fresh("http://127.0.0.1:9/cb".parse().unwrap())
}

#[tokio::test]
async fn one_token_serves_several_issuance_requests() {
    let (sandbox, client) = setup().await;
    for _ in 0..3 {
        let offer = client.create_issuance(&claims(), &target()).await.unwrap();
        assert!(offer.url.starts_with("openid-vc://?request_uri="));
        let pin = offer.pin.unwrap();
        assert_eq!(pin.len(), 4);
        assert!(pin.bytes().all(|b| b.is_ascii_digit()));
        assert!(sandbox.request(&offer.request_id).is_some());
        let record = sandbox.request(&offer.request_id).unwrap();
        assert_eq!(record.expiry, offer.expiry_unix);
    }
    // Concurrent callers share the cached token too.
    let (claims, targets) = (claims(), [target(), target(), target()]);
    let (a, b, c) = tokio::join!(
        client.create_issuance(&claims, &targets[0]),
        client.create_issuance(&claims, &targets[1]),
        client.create_issuance(&claims, &targets[2]),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    assert_eq!(sandbox.calls(SandboxEndpoint::Token), 1);
    assert_eq!(sandbox.calls(SandboxEndpoint::CreateIssuanceRequest), 6);
}

#[tokio::test]
async fn concurrent_first_calls_fetch_one_token() {
    let (sandbox, client) = setup().await;
    let (claims, targets) = (claims(), [target(), target(), target(), target()]);
    let (a, b, c, d) = tokio::join!(
        client.create_issuance(&claims, &targets[0]),
        client.create_issuance(&claims, &targets[1]),
        client.create_issuance(&claims, &targets[2]),
        client.create_issuance(&claims, &targets[3]),
    );
    for result in [a, b, c, d] {
        result.unwrap();
    }
    assert_eq!(sandbox.calls(SandboxEndpoint::Token), 1);
}

#[tokio::test]
async fn hashed_and_long_pins_are_accepted_by_the_stand_in() {
    let sandbox = EntraSandbox::start(EntraSandboxConfig::demo())
        .await
        .unwrap();
    let mut config = config_for(&sandbox);
    config.hash_pin = true;
    config.pin_length = Some(16);
    let client = VerifiedIdClient::new(config, http()).unwrap();
    let offer = client.create_issuance(&claims(), &target()).await.unwrap();
    assert_eq!(offer.pin.as_ref().map(String::len), Some(16));
    assert!(
        !format!("{offer:?}").contains(offer.pin.as_deref().unwrap()),
        "PIN is not in Debug output"
    );

    let mut config = config_for(&sandbox);
    config.pin_length = None;
    let client = VerifiedIdClient::new(config, http()).unwrap();
    assert_eq!(
        client
            .create_issuance(&claims(), &target())
            .await
            .unwrap()
            .pin,
        None
    );
}

#[tokio::test]
async fn expired_token_is_replaced_and_the_call_retried_once() {
    let (sandbox, client) = setup().await;
    client.create_issuance(&claims(), &target()).await.unwrap();
    sandbox.expire_tokens();
    client.create_issuance(&claims(), &target()).await.unwrap();
    assert_eq!(sandbox.calls(SandboxEndpoint::Token), 2);
    assert_eq!(sandbox.calls(SandboxEndpoint::CreateIssuanceRequest), 3);
}

#[tokio::test]
async fn a_second_401_is_returned_not_retried_again() {
    let (sandbox, client) = setup().await;
    sandbox.inject(
        SandboxEndpoint::CreateIssuanceRequest,
        Fault::ExpiredToken,
        5,
    );
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    let Error::Service(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.status, 401);
    assert_eq!(error.kind(), ServiceErrorKind::AccessTokenRefused);
    assert_eq!(
        sandbox.calls(SandboxEndpoint::CreateIssuanceRequest),
        2,
        "exactly one retry"
    );
    assert_eq!(sandbox.calls(SandboxEndpoint::Token), 2);
}

#[tokio::test]
async fn throttling_is_retried_when_retry_after_allows() {
    let (sandbox, client) = setup().await;
    let fault = Fault::TooManyRequests {
        retry_after: Some("0".into()),
    };
    sandbox.inject(SandboxEndpoint::CreateIssuanceRequest, fault, 2);
    client.create_issuance(&claims(), &target()).await.unwrap();
    assert_eq!(sandbox.calls(SandboxEndpoint::CreateIssuanceRequest), 3);

    // Without Retry-After: backoff, still bounded.
    sandbox.inject(
        SandboxEndpoint::CreateIssuanceRequest,
        Fault::TooManyRequests { retry_after: None },
        1,
    );
    client.create_issuance(&claims(), &target()).await.unwrap();
    assert_eq!(sandbox.calls(SandboxEndpoint::CreateIssuanceRequest), 5);
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_ends_retries_with_the_value() {
    let (sandbox, client) = setup().await;
    let fault = Fault::TooManyRequests {
        retry_after: Some("120".into()),
    };
    sandbox.inject(SandboxEndpoint::CreateIssuanceRequest, fault, 1);
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    let Error::Service(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.kind(), ServiceErrorKind::TooManyRequests);
    assert_eq!(error.retry_after, Some(Duration::from_secs(120)));
    assert_eq!(error.inner.as_ref().unwrap().code, "transientError");
    assert_eq!(
        sandbox.calls(SandboxEndpoint::CreateIssuanceRequest),
        1,
        "waited for nobody"
    );
}

#[tokio::test]
async fn server_errors_are_retried_a_bounded_number_of_times() {
    let (sandbox, client) = setup().await;
    sandbox.inject(
        SandboxEndpoint::CreateIssuanceRequest,
        Fault::ServerError { status: 503 },
        10,
    );
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    let Error::Service(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.status, 503);
    assert_eq!(error.kind(), ServiceErrorKind::ServiceUnavailable);
    assert_eq!(
        sandbox.calls(SandboxEndpoint::CreateIssuanceRequest),
        4,
        "1 + max_retries"
    );

    // The token endpoint is retried the same way.
    let (sandbox, client) = setup().await;
    sandbox.inject(
        SandboxEndpoint::Token,
        Fault::ServerError { status: 500 },
        2,
    );
    client.create_issuance(&claims(), &target()).await.unwrap();
    assert_eq!(sandbox.calls(SandboxEndpoint::Token), 3);
}

/// Known answers: error bodies as the reference documents them (§2.4 and the cited issues).
/// (status, body, error.code, innererror (code, message, target), kind)
type DocumentedError = (
    u16,
    Value,
    &'static str,
    Option<(&'static str, &'static str, Option<&'static str>)>,
    ServiceErrorKind,
);

fn documented_service_errors() -> Vec<DocumentedError> {
    vec![
        (400, json!({
            "requestId": "782628eb-503a-4978-84f2-d7c634f25b15", "date": "Fri, 29 Apr 2022 11:20:19 GMT", "mscv": "QbBLwF7XAp0dt4Lw.1",
            "error": { "code": "badRequest", "message": "The request is invalid.",
                "innererror": { "code": "badOrMissingField", "message": "The request contains `includeQRCode`, but it is not boolean.", "target": "includeQRCode" } } }),
            "badRequest", Some(("badOrMissingField", "The request contains `includeQRCode`, but it is not boolean.", Some("includeQRCode"))),
            ServiceErrorKind::InvalidField { target: Some("includeQRCode".into()) }),
        (400, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "badRequest", "message": "The request is invalid.",
                "innererror": { "code": "badOrMissingField", "message": "URL must be public", "target": "callback.url" } } }),
            "badRequest", Some(("badOrMissingField", "URL must be public", Some("callback.url"))), ServiceErrorKind::CallbackUrlRefused),
        (400, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "badRequest", "message": "The request is invalid.",
                "innererror": { "code": "badOrMissingField", "message": "The request does not contain a valid authority DID.", "target": "authority" } } }),
            "badRequest", Some(("badOrMissingField", "The request does not contain a valid authority DID.", Some("authority"))), ServiceErrorKind::InvalidAuthority),
        (400, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "badRequest", "message": "The request is invalid.",
                "innererror": { "code": "badOrMissingField", "message": "fetch_contract_error" } } }),
            "badRequest", Some(("badOrMissingField", "fetch_contract_error", None)), ServiceErrorKind::ManifestUnreachable),
        (400, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "badRequest", "message": "The request is invalid.",
                "innererror": { "code": "badOrMissingField", "message": "Premium features cannot be used until billing is enabled by the admin. See https://aka.ms/fcbilling", "target": "authority" } } }),
            "badRequest", Some(("badOrMissingField", "Premium features cannot be used until billing is enabled by the admin. See https://aka.ms/fcbilling", Some("authority"))), ServiceErrorKind::BillingNotEnabled),
        // Without innererror.
        (403, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "forbidden", "message": "Missing permissions to fulfill this request." } }),
            "forbidden", None, ServiceErrorKind::Forbidden),
        (413, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "payloadTooLarge", "message": "The payload is too large." } }),
            "payloadTooLarge", None, ServiceErrorKind::PayloadTooLarge),
        // Legacy preview format.
        (400, json!({ "requestId": "1", "date": "d", "mscv": "m",
            "error": { "code": "client_request.invalid_include_qr_code", "message": "includeQRCode must be a boolean" } }),
            "client_request.invalid_include_qr_code", None, ServiceErrorKind::InvalidField { target: None }),
    ]
}

#[tokio::test]
async fn every_documented_request_service_error_is_parsed() {
    let (sandbox, client) = setup().await;
    for (status, body, code, inner, kind) in documented_service_errors() {
        let fault = Fault::Canned {
            status,
            body: body.to_string(),
        };
        sandbox.inject(SandboxEndpoint::CreateIssuanceRequest, fault, 1);
        let error = client
            .create_issuance(&claims(), &target())
            .await
            .unwrap_err();
        let Error::Service(error) = error else {
            panic!("{code}: {error:?}")
        };
        assert_eq!(error.status, status);
        assert_eq!(error.code, code);
        assert_eq!(error.request_id.as_deref(), body["requestId"].as_str());
        assert_eq!(error.mscv.as_deref(), body["mscv"].as_str());
        match inner {
            None => assert!(error.inner.is_none(), "{code}"),
            Some((inner_code, message, target)) => {
                let got = error.inner.as_ref().unwrap();
                assert_eq!(
                    (
                        got.code.as_str(),
                        got.message.as_str(),
                        got.target.as_deref()
                    ),
                    (inner_code, message, target)
                );
            }
        }
        assert_eq!(error.kind(), kind, "{code}");
        assert!(!error.to_string().is_empty());
    }
}

#[tokio::test]
async fn unauthorized_bodies_both_formats() {
    let (sandbox, client) = setup().await;
    let current = json!({ "error": { "code": "unauthorized", "message": "The requested resource requires authentication",
        "innererror": { "code": "invalid_aad_access_token", "message": "Provided access token contains no roles." } } });
    let older = json!({ "error": { "code": "invalid_aad_access_token",
        "message": "No acceptable roles were found in access token, required roles are [\"VerifiableCredential.Create.All\"]." } });
    for (body, code) in [
        (current, "unauthorized"),
        (older, "invalid_aad_access_token"),
    ] {
        // Twice: the client refreshes the token and retries once on 401.
        sandbox.inject(
            SandboxEndpoint::CreateIssuanceRequest,
            Fault::Canned {
                status: 401,
                body: body.to_string(),
            },
            2,
        );
        let error = client
            .create_issuance(&claims(), &target())
            .await
            .unwrap_err();
        let Error::Service(error) = error else {
            panic!("{error:?}")
        };
        assert_eq!(error.code, code);
        assert_eq!(error.kind(), ServiceErrorKind::AccessTokenRefused);
        assert!(
            error
                .to_string()
                .contains("VerifiableCredential.Create.All"),
            "{error}"
        );
    }
}

#[tokio::test]
async fn the_stand_ins_own_validation_errors_come_back_typed() {
    let sandbox = EntraSandbox::start(EntraSandboxConfig::demo())
        .await
        .unwrap();
    let mut config = config_for(&sandbox);
    config.issuer_did = "did:web:other.example".into();
    let client = VerifiedIdClient::new(config, http()).unwrap();
    let Err(Error::Service(error)) = client.create_issuance(&claims(), &target()).await else {
        panic!()
    };
    assert_eq!(error.kind(), ServiceErrorKind::InvalidAuthority);

    let mut config = config_for(&sandbox);
    config.manifest_url = sandbox
        .manifest_url()
        .join("../../contracts/unknown/manifest")
        .unwrap();
    let client = VerifiedIdClient::new(config, http()).unwrap();
    let Err(Error::Service(error)) = client.create_issuance(&claims(), &target()).await else {
        panic!()
    };
    assert_eq!(error.kind(), ServiceErrorKind::ManifestUnreachable);

    let mut config = EntraSandboxConfig::demo();
    config.allow_loopback_callbacks = false;
    let strict = EntraSandbox::start(config).await.unwrap();
    let client = VerifiedIdClient::new(config_for(&strict), http()).unwrap();
    let Err(Error::Service(error)) = client.create_issuance(&claims(), &target()).await else {
        panic!()
    };
    assert_eq!(error.kind(), ServiceErrorKind::CallbackUrlRefused);
    assert!(error.to_string().contains("public https://"), "{error}");
}

#[tokio::test]
async fn token_endpoint_errors_become_administrator_advice() {
    let sandbox = EntraSandbox::start(EntraSandboxConfig::demo())
        .await
        .unwrap();
    let mut config = config_for(&sandbox);
    config.client_secret = SecretString::from("not-the-secret");
    let client = VerifiedIdClient::new(config, http()).unwrap();
    let Err(Error::Token(error)) = client.create_issuance(&claims(), &target()).await else {
        panic!()
    };
    assert_eq!(error.aadsts, Some(7000215));
    assert_eq!(error.error, "invalid_client");
    assert!(
        error
            .to_string()
            .contains("the client secret is wrong or has expired"),
        "{error}"
    );
    assert!(error.trace_id.is_some());

    let mut config = config_for(&sandbox);
    config.client_id = "00000000-0000-0000-0000-000000000000".into();
    let client = VerifiedIdClient::new(config, http()).unwrap();
    let Err(Error::Token(error)) = client.check_credentials().await else {
        panic!()
    };
    assert_eq!(error.aadsts, Some(700016));
    assert!(error.to_string().contains("Client ID"), "{error}");

    // The reference's documented invalid_scope body, verbatim.
    let documented = json!({ "error": "invalid_scope",
        "error_description": "AADSTS70011: The provided value for the input parameter 'scope' is not valid. ...",
        "error_codes": [70011], "timestamp": "YYYY-MM-DD HH:MM:SSZ", "trace_id": "...", "correlation_id": "..." });
    sandbox.inject(
        SandboxEndpoint::Token,
        Fault::Canned {
            status: 400,
            body: documented.to_string(),
        },
        1,
    );
    let client = VerifiedIdClient::new(config_for(&sandbox), http()).unwrap();
    let Err(Error::Token(error)) = client.check_credentials().await else {
        panic!()
    };
    assert_eq!(error.aadsts, Some(70011));
    assert_eq!(error.error, "invalid_scope");
    assert_eq!(
        error.description,
        "AADSTS70011: The provided value for the input parameter 'scope' is not valid. ..."
    );
}

#[tokio::test]
async fn undocumented_bodies_are_unexpected_responses() {
    let (sandbox, client) = setup().await;
    let client = client.with_retry_policy(RetryPolicy {
        max_retries: 0,
        ..fast_retries()
    });
    sandbox.inject(
        SandboxEndpoint::CreateIssuanceRequest,
        Fault::Canned {
            status: 502,
            body: "<html>Bad Gateway</html>".into(),
        },
        1,
    );
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedResponse { status: 502, .. }),
        "{error:?}"
    );
    sandbox.inject(
        SandboxEndpoint::CreateIssuanceRequest,
        Fault::Canned {
            status: 201,
            body: "{}".into(),
        },
        1,
    );
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedResponse { status: 201, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn claims_are_checked_before_sending() {
    let (sandbox, client) = setup().await;
    let mut duplicated = claims();
    duplicated.push(("email".into(), "x".into()));
    assert!(matches!(
        client.create_issuance(&duplicated, &target()).await,
        Err(Error::InvalidClaim { .. })
    ));
    let huge = vec![("photo".to_string(), "A".repeat(1024 * 1024))];
    assert!(matches!(
        client.create_issuance(&huge, &target()).await,
        Err(Error::PayloadTooLarge { .. })
    ));
    assert_eq!(sandbox.calls(SandboxEndpoint::CreateIssuanceRequest), 0);
}

#[tokio::test]
async fn manifest_check_reads_the_issuer_and_photo_claim() {
    let (_sandbox, client) = setup().await;
    let check = client.check_manifest().await.unwrap();
    assert_eq!(check.issuer_did, client.config().issuer_did);
    assert!(check.has_photo_claim);
    assert_eq!(check.photo_claim_name.as_deref(), Some("photo"));

    let config = EntraSandboxConfig::demo().with_claims(sandbox::KIOSK_CLAIMS, None);
    let sandbox = EntraSandbox::start(config).await.unwrap();
    let client = VerifiedIdClient::new(config_for(&sandbox), http()).unwrap();
    assert!(!client.check_manifest().await.unwrap().has_photo_claim);
}

#[tokio::test]
async fn manifest_check_reports_an_issuer_mismatch() {
    let sandbox = EntraSandbox::start(EntraSandboxConfig::demo())
        .await
        .unwrap();
    let mut config = config_for(&sandbox);
    config.issuer_did = "did:web:someone-else.example".into();
    let client = VerifiedIdClient::new(config, http()).unwrap();
    let error = client.check_manifest().await.unwrap_err();
    let Error::ManifestIssuerMismatch {
        configured,
        manifest_issuer,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(configured, "did:web:someone-else.example");
    assert_eq!(manifest_issuer, &sandbox.config().issuer_did);
}

async fn receiver() -> CallbackReceiver {
    CallbackReceiver::bind(SocketAddr::from(([127, 0, 0, 1], 0)), None)
        .await
        .unwrap()
}

async fn next_event(events: &mut tokio::sync::mpsc::Receiver<CallbackEvent>) -> CallbackEvent {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("an event within 10 s")
        .expect("channel open")
}

async fn control(sandbox: &RunningEntraSandbox, path: &str) -> (u16, Value) {
    let response = http()
        .post(sandbox.base_url().join(path).unwrap())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn full_issuance_loop_through_the_control_api_and_the_receiver() {
    let (sandbox, client) = setup().await;
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let offer = client.create_issuance(&claims(), &target).await.unwrap();
    let id = &offer.request_id;

    let (status, delivery) = control(&sandbox, &format!("control/requests/{id}/scan")).await;
    assert_eq!(status, 200);
    assert_eq!(delivery["httpStatus"], 200);
    assert_eq!(
        next_event(&mut events).await,
        CallbackEvent::RequestRetrieved
    );

    let (_, delivery) = control(&sandbox, &format!("control/requests/{id}/complete")).await;
    assert_eq!(delivery["httpStatus"], 200);
    assert_eq!(
        next_event(&mut events).await,
        CallbackEvent::IssuanceSuccessful
    );

    // A second request that fails in the wallet.
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let offer = client.create_issuance(&claims(), &target).await.unwrap();
    sandbox.scan(&offer.request_id).await.unwrap();
    assert_eq!(
        next_event(&mut events).await,
        CallbackEvent::RequestRetrieved
    );
    sandbox
        .fail(
            &offer.request_id,
            "IssuanceFlowFailed",
            "issuance_service_error",
        )
        .await
        .unwrap();
    assert_eq!(
        next_event(&mut events).await,
        CallbackEvent::IssuanceError {
            code: "IssuanceFlowFailed".into(),
            message: "issuance_service_error".into()
        }
    );

    // After forget, the receiver refuses the state's callbacks, and the stand-in records it.
    let target = CallbackTarget::fresh(receiver.url());
    let _events = receiver.expect(&target);
    let offer = client.create_issuance(&claims(), &target).await.unwrap();
    receiver.forget(&target.state);
    let delivery = sandbox.scan(&offer.request_id).await.unwrap();
    assert_eq!(delivery.http_status, Some(401));
    assert_eq!(
        sandbox.request(&offer.request_id).unwrap().callbacks[0].http_status,
        Some(401)
    );
}

#[tokio::test]
async fn presentation_loop_delivers_verified_credentials() {
    let (sandbox, client) = setup().await;
    let receiver = receiver().await;
    let target = CallbackTarget::fresh(receiver.url());
    let mut events = receiver.expect(&target);
    let request = verified_id::PresentationRequest::new(
        client.config().issuer_did.clone(),
        Registration::named("Lobby"),
        target.clone(),
        RequestedCredential::of_type("VerifiedEnrollment"),
    );
    let offer = client.create_presentation(&request).await.unwrap();
    assert!(offer.url.contains("presentationRequests"));
    sandbox.scan(&offer.request_id).await.unwrap();
    assert_eq!(
        next_event(&mut events).await,
        CallbackEvent::RequestRetrieved
    );
    let mut claims = serde_json::Map::new();
    claims.insert("given_name".into(), json!("Megan"));
    sandbox
        .complete(&offer.request_id, Some(claims))
        .await
        .unwrap();
    let CallbackEvent::PresentationVerified {
        subject,
        credentials,
        receipt,
    } = next_event(&mut events).await
    else {
        panic!()
    };
    assert!(subject.is_some());
    assert!(receipt.is_none());
    assert_eq!(credentials[0].issuer, sandbox.config().issuer_did);
    assert_eq!(credentials[0].claims["given_name"], "Megan");
    assert!(
        !format!("{:?}", credentials[0]).contains("Megan"),
        "claim values stay out of Debug output"
    );
}

#[tokio::test]
async fn an_issuance_without_a_claim_the_rules_require_is_refused() {
    let mut config = EntraSandboxConfig::demo();
    config.rules["attestations"]["idTokenHints"][0]["mapping"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "outputClaim": "employeeId", "inputClaim": "$.employee_id", "required": true, "indexed": false
        }));
    let sandbox = EntraSandbox::start(config).await.unwrap();
    let client = VerifiedIdClient::new(config_for(&sandbox), http()).unwrap();
    let error = client
        .create_issuance(&claims(), &target())
        .await
        .unwrap_err();
    let Error::Service(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.status, 400);
    assert_eq!(
        error.inner.as_ref().map(|inner| inner.code.as_str()),
        Some("badOrMissingField")
    );
    assert!(sandbox.requests().is_empty(), "no request was created");

    let mut with_it = claims();
    with_it.push(("employee_id".into(), "E-1".into()));
    client
        .create_issuance(&with_it, &target())
        .await
        .expect("the required claim is there");
}
