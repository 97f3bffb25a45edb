//! The Entra stand-in checked against the reference with raw HTTP requests (not through the
//! kiosk's client): token endpoint, request validation, manifest, wallet simulator, faults.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use k256::ecdsa::signature::Verifier;
use sandbox::{EntraSandbox, EntraSandboxConfig, Fault, RunningEntraSandbox, SandboxEndpoint};
use serde_json::{json, Value};

const SCOPE: &str = "3db474b9-6a0c-4840-96ac-1fceb342124f/.default";

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn start(config: EntraSandboxConfig) -> RunningEntraSandbox {
    EntraSandbox::start(config).await.unwrap()
}

async fn token_form(sandbox: &RunningEntraSandbox, form: &[(&str, &str)]) -> (u16, Value) {
    let response = http()
        .post(sandbox.token_url())
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

async fn access_token(sandbox: &RunningEntraSandbox) -> String {
    let config = sandbox.config().clone();
    let (status, body) = token_form(
        sandbox,
        &[
            ("client_id", &config.client_id),
            ("scope", SCOPE),
            ("client_secret", &config.client_secret),
            ("grant_type", "client_credentials"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_string()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn token_endpoint_issues_a_bearer_token() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let config = sandbox.config().clone();
    let (status, body) = token_form(
        &sandbox,
        &[
            ("client_id", &config.client_id),
            ("scope", SCOPE),
            ("client_secret", &config.client_secret),
            ("grant_type", "client_credentials"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3599);
    assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()));

    // HTTP Basic client authentication (RFC 6749 §2.3.1) works too.
    let response = http()
        .post(sandbox.token_url())
        .basic_auth(&config.client_id, Some(&config.client_secret))
        .form(&[("scope", SCOPE), ("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn token_endpoint_answers_aadsts_errors() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let c = sandbox.config().clone();
    let id = c.client_id.as_str();
    let secret = c.client_secret.as_str();
    // (form, HTTP status, OAuth error, AADSTS code)
    type Case<'a> = (Vec<(&'a str, &'a str)>, u16, &'a str, u64);
    let cases: Vec<Case> = vec![
        (
            vec![
                ("client_id", id),
                ("scope", SCOPE),
                ("client_secret", secret),
            ],
            400,
            "invalid_request",
            900144,
        ),
        (
            vec![
                ("client_id", id),
                ("scope", SCOPE),
                ("client_secret", secret),
                ("grant_type", "password"),
            ],
            400,
            "unsupported_grant_type",
            70003,
        ),
        (
            vec![
                ("client_id", "00000000-0000-0000-0000-000000000000"),
                ("scope", SCOPE),
                ("client_secret", secret),
                ("grant_type", "client_credentials"),
            ],
            400,
            "unauthorized_client",
            700016,
        ),
        (
            vec![
                ("client_id", id),
                ("scope", SCOPE),
                ("client_secret", "wrong"),
                ("grant_type", "client_credentials"),
            ],
            401,
            "invalid_client",
            7000215,
        ),
        (
            vec![
                ("client_id", id),
                ("scope", SCOPE),
                ("grant_type", "client_credentials"),
            ],
            401,
            "invalid_client",
            7000218,
        ),
        (
            vec![
                ("client_id", id),
                ("scope", "3db474b9-6a0c-4840-96ac-1fceb342124f"),
                ("client_secret", secret),
                ("grant_type", "client_credentials"),
            ],
            400,
            "invalid_scope",
            1002012,
        ),
        (
            vec![
                ("client_id", id),
                ("scope", "bbb94529-53a3-4be5-a069-7eaf2712b826/.default"),
                ("client_secret", secret),
                ("grant_type", "client_credentials"),
            ],
            400,
            "invalid_resource",
            500011,
        ),
    ];
    for (form, status, error, code) in cases {
        let (got_status, body) = token_form(&sandbox, &form).await;
        assert_eq!(got_status, status, "{form:?}: {body}");
        assert_eq!(body["error"], error, "{form:?}");
        assert_eq!(body["error_codes"], json!([code]), "{form:?}");
        let description = body["error_description"].as_str().unwrap();
        assert!(
            description.starts_with(&format!("AADSTS{code}: ")),
            "{description}"
        );
        for field in ["timestamp", "trace_id", "correlation_id"] {
            assert!(body[field].is_string(), "{field} missing");
        }
    }
    // Unknown tenant.
    let url = sandbox
        .base_url()
        .join("11111111-2222-3333-4444-555555555555/oauth2/v2.0/token")
        .unwrap();
    let response = http()
        .post(url)
        .form(&[
            ("client_id", id),
            ("scope", SCOPE),
            ("client_secret", secret),
            ("grant_type", "client_credentials"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error_codes"], json!([90002]));
}

/// A valid issuance body for the stand-in; tests break one field at a time.
fn issuance_body(sandbox: &RunningEntraSandbox, callback_url: &str) -> Value {
    json!({
        "authority": sandbox.config().issuer_did,
        "includeQRCode": false,
        "callback": { "url": callback_url, "state": "de19cb6b-36c1-45fe-9409-909a51292a9c", "headers": { "api-key": "k3y" } },
        "registration": { "clientName": "Enrollment Kiosk" },
        "type": sandbox.config().credential_type,
        "manifest": sandbox.manifest_url().as_str(),
        "pin": { "value": "3539", "length": 4 },
        "claims": { "given_name": "Megan", "family_name": "Bowen" }
    })
}

async fn post_service(
    sandbox: &RunningEntraSandbox,
    endpoint: &str,
    token: Option<&str>,
    body: Vec<u8>,
) -> (u16, HeaderMap, Value) {
    let url = sandbox
        .request_service()
        .join(&format!("verifiableCredentials/{endpoint}"))
        .unwrap();
    let mut request = http()
        .post(url)
        .header("content-type", "application/json")
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn assert_service_error(body: &Value, code: &str, inner: Option<(&str, &str, Option<&str>)>) {
    assert!(body["requestId"].is_string(), "{body}");
    assert!(
        body["date"].as_str().is_some_and(|d| d.ends_with(" GMT")),
        "{body}"
    );
    assert!(body["mscv"].is_string(), "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string());
    match inner {
        None => assert!(body["error"].get("innererror").is_none(), "{body}"),
        Some((inner_code, message, target)) => {
            let got = &body["error"]["innererror"];
            assert_eq!(got["code"], inner_code, "{body}");
            assert_eq!(got["message"], message, "{body}");
            match target {
                Some(target) => assert_eq!(got["target"], target, "{body}"),
                None => assert!(got.get("target").is_none(), "{body}"),
            }
        }
    }
}

#[tokio::test]
async fn create_issuance_request_returns_201_with_an_openid_vc_url() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let body = issuance_body(&sandbox, "https://contoso.com/api/issuer/issuanceCallback");
    let before = now();
    let (status, _, created) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["requestId"].as_str().unwrap();
    let expected_url = format!(
        "openid-vc://?request_uri={}v1.0/tenants/{}/verifiableCredentials/issuanceRequests/{id}",
        sandbox.base_url(),
        sandbox.config().tenant_id
    );
    assert_eq!(created["url"], expected_url.as_str());
    let expiry = created["expiry"].as_i64().unwrap();
    assert!(
        (before + 300..=now() + 300).contains(&expiry),
        "expiry = now + 300 s"
    );
    assert!(created.get("qrCode").is_none(), "no qrCode unless asked");

    let mut with_qr = issuance_body(&sandbox, "https://contoso.com/cb");
    with_qr["includeQRCode"] = json!(true);
    let (status, _, created) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        with_qr.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201);
    assert!(created["qrCode"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));

    let listed = sandbox.requests();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].request_id, id);
    assert_eq!(listed[0].callback_header_names, vec!["api-key".to_string()]);
}

#[tokio::test]
async fn create_issuance_request_validation_follows_the_reference() {
    let mut config = EntraSandboxConfig::demo();
    config.allow_loopback_callbacks = false;
    let sandbox = start(config).await;
    let token = access_token(&sandbox).await;
    let public = "https://contoso.com/api/issuer/issuanceCallback";
    type Edit = fn(&mut Value);
    // (what is broken, edit, inner code, inner message, target)
    let cases: Vec<(&str, Edit, &str, &str, Option<&str>)> = vec![
        (
            "authority",
            |b| b["authority"] = json!("did:web:other.example"),
            "badOrMissingField",
            "The request does not contain a valid authority DID.",
            Some("authority"),
        ),
        (
            "authority not a DID",
            |b| b["authority"] = json!("contoso"),
            "badOrMissingField",
            "The request does not contain a valid authority DID.",
            Some("authority"),
        ),
        (
            "manifest",
            |b| {
                b["manifest"] = json!("https://verifiedid.did.msidentity.com/v1.0/tenants/x/verifiableCredentials/contracts/nope/manifest")
            },
            "badOrMissingField",
            "fetch_contract_error",
            None,
        ),
        (
            "callback missing",
            |b| {
                b.as_object_mut().unwrap().remove("callback");
            },
            "badOrMissingField",
            "The request does not contain a callback.",
            Some("callback"),
        ),
        (
            "localhost callback",
            |b| b["callback"]["url"] = json!("https://localhost/api/callback"),
            "badOrMissingField",
            "URL must be public",
            Some("callback.url"),
        ),
        (
            "loopback IP callback",
            |b| b["callback"]["url"] = json!("http://127.0.0.1:8080/cb"),
            "badOrMissingField",
            "URL must be public",
            Some("callback.url"),
        ),
        (
            "private IP callback",
            |b| b["callback"]["url"] = json!("https://10.1.2.3/cb"),
            "badOrMissingField",
            "URL must be public",
            Some("callback.url"),
        ),
        (
            "http callback",
            |b| b["callback"]["url"] = json!("http://contoso.com/cb"),
            "badOrMissingField",
            "URL must use https",
            Some("callback.url"),
        ),
        (
            "other header",
            |b| b["callback"]["headers"] = json!({ "api-key": "k", "X-Custom": "v" }),
            "badOrMissingField",
            "Invalid callback header 'X-Custom'. Only 'api-key' and 'Authorization' are allowed.",
            Some("callback.headers"),
        ),
        (
            "pin too short",
            |b| b["pin"] = json!({ "value": "123", "length": 3 }),
            "badOrMissingField",
            "The PIN length must be between 4 and 16.",
            Some("pin.length"),
        ),
        (
            "pin too long",
            |b| b["pin"] = json!({ "value": "12345678901234567", "length": 17 }),
            "badOrMissingField",
            "The PIN length must be between 4 and 16.",
            Some("pin.length"),
        ),
        (
            "includeQRCode",
            |b| b["includeQRCode"] = json!("yes"),
            "badOrMissingField",
            "The request contains `includeQRCode`, but it is not boolean.",
            Some("includeQRCode"),
        ),
        (
            "hashed pin alg",
            |b| b["pin"] = json!({ "value": "aGFzaA==", "length": 4, "salt": "s", "alg": "md5", "iterations": 1 }),
            "badOrMissingField",
            "The PIN hash algorithm must be `sha256`.",
            Some("pin.alg"),
        ),
    ];
    for (what, edit, code, message, target) in cases {
        let mut body = issuance_body(&sandbox, public);
        edit(&mut body);
        let (status, _, answer) = post_service(
            &sandbox,
            "createIssuanceRequest",
            Some(&token),
            body.to_string().into_bytes(),
        )
        .await;
        assert_eq!(status, 400, "{what}: {answer}");
        assert_service_error(&answer, "badRequest", Some((code, message, target)));
    }

    // Authorization header is allowed, as are 16-digit and hashed PINs.
    let mut body = issuance_body(&sandbox, public);
    body["callback"]["headers"] = json!({ "Authorization": "Bearer x" });
    body["pin"] = json!({ "value": "1234567890123456", "length": 16 });
    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    body["pin"] =
        json!({ "value": "aGFzaA==", "length": 4, "salt": "s", "alg": "sha256", "iterations": 1 });
    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn loopback_callbacks_are_allowed_only_when_told() {
    let sandbox = start(EntraSandboxConfig::demo()).await; // demo allows loopback
    let token = access_token(&sandbox).await;
    let body = issuance_body(&sandbox, "http://127.0.0.1:9/cb");
    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{answer}");
    // Private, non-loopback addresses stay refused.
    let body = issuance_body(&sandbox, "http://192.168.1.10/cb");
    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        answer["error"]["innererror"]["message"],
        "URL must be public"
    );
}

#[tokio::test]
async fn bearer_token_and_size_rules() {
    let mut config = EntraSandboxConfig::demo();
    config.grant_roles = false;
    let sandbox = start(config).await;
    let body = issuance_body(&sandbox, "https://contoso.com/cb")
        .to_string()
        .into_bytes();

    let (status, _, answer) =
        post_service(&sandbox, "createIssuanceRequest", None, body.clone()).await;
    assert_eq!(status, 401);
    assert_service_error(
        &answer,
        "unauthorized",
        Some((
            "invalid_aad_access_token",
            "No access token was provided.",
            None,
        )),
    );
    assert_eq!(
        answer["error"]["message"],
        "The requested resource requires authentication"
    );

    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some("forged"),
        body.clone(),
    )
    .await;
    assert_eq!(status, 401);
    assert_service_error(
        &answer,
        "unauthorized",
        Some((
            "invalid_aad_access_token",
            "Provided access token is invalid.",
            None,
        )),
    );

    // A token without roles (reference: dotnet #87).
    let token = access_token(&sandbox).await;
    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.clone(),
    )
    .await;
    assert_eq!(status, 401);
    assert_service_error(
        &answer,
        "unauthorized",
        Some((
            "invalid_aad_access_token",
            "Provided access token contains no roles.",
            None,
        )),
    );

    // Over 1 MB → 413 payloadTooLarge, before anything else is looked at.
    let big = vec![b' '; 1024 * 1024 + 1];
    let (status, _, answer) = post_service(&sandbox, "createIssuanceRequest", None, big).await;
    assert_eq!(status, 413);
    assert_service_error(&answer, "payloadTooLarge", None);
    assert_eq!(answer["error"]["message"], "The payload is too large.");
}

#[tokio::test]
async fn expired_tokens_get_401() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    sandbox.expire_tokens();
    let body = issuance_body(&sandbox, "https://contoso.com/cb")
        .to_string()
        .into_bytes();
    let (status, _, answer) =
        post_service(&sandbox, "createIssuanceRequest", Some(&token), body).await;
    assert_eq!(status, 401);
    assert_service_error(
        &answer,
        "unauthorized",
        Some((
            "invalid_aad_access_token",
            "Provided access token has expired.",
            None,
        )),
    );
}

fn presentation_body(sandbox: &RunningEntraSandbox) -> Value {
    json!({
        "authority": sandbox.config().issuer_did,
        "includeQRCode": false,
        "includeReceipt": false,
        "registration": { "clientName": "Lobby", "purpose": "Check enrollment" },
        "callback": { "url": "https://contoso.com/api/verifier/presentationCallback", "state": "92d076dd", "headers": { "api-key": "k" } },
        "requestedCredentials": [{
            "type": "VerifiedEnrollment",
            "acceptedIssuers": [sandbox.config().issuer_did],
            "constraints": [{ "claimName": "assurance_level", "values": ["IAL2"] }],
            "configuration": { "validation": { "allowRevoked": false, "validateLinkedDomain": true,
                "faceCheck": { "sourcePhotoClaimName": "photo", "matchConfidenceThreshold": 70 } } }
        }]
    })
}

#[tokio::test]
async fn create_presentation_request_validation() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let (status, _, created) = post_service(
        &sandbox,
        "createPresentationRequest",
        Some(&token),
        presentation_body(&sandbox).to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert!(created["url"]
        .as_str()
        .unwrap()
        .contains("/verifiableCredentials/presentationRequests/"));

    type Edit = fn(&mut Value);
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "threshold",
            |b| {
                b["requestedCredentials"][0]["configuration"]["validation"]["faceCheck"]
                    ["matchConfidenceThreshold"] = json!(40)
            },
            "requestedCredentials.configuration.validation.faceCheck.matchConfidenceThreshold",
        ),
        (
            "receipt with faceCheck",
            |b| b["includeReceipt"] = json!(true),
            "includeReceipt",
        ),
        (
            "two operators",
            |b| b["requestedCredentials"][0]["constraints"][0]["contains"] = json!("IAL"),
            "requestedCredentials.constraints",
        ),
        (
            "no operator",
            |b| b["requestedCredentials"][0]["constraints"] = json!([{ "claimName": "x" }]),
            "requestedCredentials.constraints",
        ),
        (
            "no credentials",
            |b| b["requestedCredentials"] = json!([]),
            "requestedCredentials",
        ),
        (
            "callback",
            |b| {
                b.as_object_mut().unwrap().remove("callback");
            },
            "callback",
        ),
        (
            "authority",
            |b| b["authority"] = json!("did:web:other.example"),
            "authority",
        ),
        (
            "threshold not an integer",
            |b| {
                b["requestedCredentials"][0]["configuration"]["validation"]["faceCheck"]
                    ["matchConfidenceThreshold"] = json!(70.5)
            },
            "requestedCredentials.configuration.validation.faceCheck.matchConfidenceThreshold",
        ),
        (
            "threshold above 100",
            |b| {
                b["requestedCredentials"][0]["configuration"]["validation"]["faceCheck"]
                    ["matchConfidenceThreshold"] = json!(101)
            },
            "requestedCredentials.configuration.validation.faceCheck.matchConfidenceThreshold",
        ),
        (
            "no photo claim name",
            |b| {
                b["requestedCredentials"][0]["configuration"]["validation"]["faceCheck"]
                    ["sourcePhotoClaimName"] = json!("")
            },
            "requestedCredentials.configuration.validation.faceCheck.sourcePhotoClaimName",
        ),
        (
            "accepted issuer not a DID",
            |b| b["requestedCredentials"][0]["acceptedIssuers"] = json!(["contoso.com"]),
            "requestedCredentials.acceptedIssuers",
        ),
        (
            "accepted issuers not strings",
            |b| b["requestedCredentials"][0]["acceptedIssuers"] = json!([7]),
            "requestedCredentials.acceptedIssuers",
        ),
        (
            "three operators",
            |b| {
                b["requestedCredentials"][0]["constraints"] = json!([{
                    "claimName": "x", "values": ["a"], "contains": "a", "startsWith": "a"
                }])
            },
            "requestedCredentials.constraints",
        ),
        (
            "contains not a string",
            |b| {
                b["requestedCredentials"][0]["constraints"] =
                    json!([{ "claimName": "x", "contains": ["a"] }])
            },
            "requestedCredentials.constraints.contains",
        ),
        (
            "empty values",
            |b| {
                b["requestedCredentials"][0]["constraints"] =
                    json!([{ "claimName": "x", "values": [] }])
            },
            "requestedCredentials.constraints.values",
        ),
        (
            "no type",
            |b| b["requestedCredentials"][0]["type"] = json!(""),
            "requestedCredentials.type",
        ),
        (
            "allowRevoked not boolean",
            |b| {
                b["requestedCredentials"][0]["configuration"]["validation"]["allowRevoked"] =
                    json!("no")
            },
            "requestedCredentials.configuration.validation.allowRevoked",
        ),
    ];
    for (what, edit, target) in cases {
        let mut body = presentation_body(&sandbox);
        edit(&mut body);
        let (status, _, answer) = post_service(
            &sandbox,
            "createPresentationRequest",
            Some(&token),
            body.to_string().into_bytes(),
        )
        .await;
        assert_eq!(status, 400, "{what}: {answer}");
        assert_eq!(
            answer["error"]["innererror"]["code"], "badOrMissingField",
            "{what}"
        );
        assert_eq!(answer["error"]["innererror"]["target"], target, "{what}");
    }

    // Accepted: no threshold (default 70), each single operator, no constraints or issuers.
    type Accept = fn(&mut Value);
    let accepted: Vec<(&str, Accept)> = vec![
        ("default threshold", |b| {
            b["requestedCredentials"][0]["configuration"]["validation"]["faceCheck"]
                .as_object_mut()
                .unwrap()
                .remove("matchConfidenceThreshold");
        }),
        ("contains", |b| {
            b["requestedCredentials"][0]["constraints"] =
                json!([{ "claimName": "email", "contains": "@contoso" }])
        }),
        ("startsWith", |b| {
            b["requestedCredentials"][0]["constraints"] =
                json!([{ "claimName": "given_name", "startsWith": "Al" }])
        }),
        ("any issuer, no constraints, no Face Check", |b| {
            let credential = b["requestedCredentials"][0].as_object_mut().unwrap();
            credential.remove("acceptedIssuers");
            credential.remove("constraints");
            credential.remove("configuration");
            b["includeReceipt"] = json!(true);
        }),
    ];
    for (what, edit) in accepted {
        let mut body = presentation_body(&sandbox);
        edit(&mut body);
        let (status, _, answer) = post_service(
            &sandbox,
            "createPresentationRequest",
            Some(&token),
            body.to_string().into_bytes(),
        )
        .await;
        assert_eq!(status, 201, "{what}: {answer}");
    }
}

#[tokio::test]
async fn face_check_without_billing_is_refused_with_the_documented_error() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let (status, _) = control(
        &sandbox,
        "control/billing",
        Some(json!({ "faceCheck": false })),
    )
    .await;
    assert_eq!(status, 204);
    let create = |body: Value| {
        post_service(
            &sandbox,
            "createPresentationRequest",
            Some(&token),
            body.to_string().into_bytes(),
        )
    };
    let (status, _, answer) = create(presentation_body(&sandbox)).await;
    assert_eq!(status, 400);
    // Reference §2.4 (MyWorkID #19).
    assert_service_error(
        &answer,
        "badRequest",
        Some((
            "badOrMissingField",
            "Premium features cannot be used until billing is enabled by the admin. See https://aka.ms/fcbilling",
            Some("authority"),
        )),
    );
    // Without Face Check the request is fine; with billing back, Face Check is too.
    let mut body = presentation_body(&sandbox);
    body["requestedCredentials"][0]["configuration"]["validation"]
        .as_object_mut()
        .unwrap()
        .remove("faceCheck");
    assert_eq!(create(body).await.0, 201);
    sandbox.set_face_check_billing(true);
    assert_eq!(create(presentation_body(&sandbox)).await.0, 201);
}

#[tokio::test]
async fn manifest_is_a_signed_jws_naming_the_issuer() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let body: Value = http()
        .get(sandbox.manifest_url())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = body["token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["alg"], "ES256K");
    let payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(payload["iss"], sandbox.config().issuer_did.as_str());
    assert_eq!(
        payload["display"]["claims"]["vc.credentialSubject.photo"]["type"],
        "image/jpg;base64url"
    );

    let key =
        k256::ecdsa::VerifyingKey::from_sec1_bytes(&sandbox.manifest_verifying_key()).unwrap();
    let signature =
        k256::ecdsa::Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
    let signing_input = format!("{}.{}", parts[0], parts[1]);
    key.verify(signing_input.as_bytes(), &signature)
        .expect("signature verifies");
    let tampered = format!("{}.{}x", parts[0], parts[1]);
    assert!(key.verify(tampered.as_bytes(), &signature).is_err());

    let unknown = sandbox
        .manifest_url()
        .join("../../contracts/nope/manifest")
        .unwrap();
    let response = http().get(unknown).send().await.unwrap();
    assert_eq!(response.status(), 404);
}

/// A callback endpoint that records what it got and answers `answer`.
struct Recorder {
    url: String,
    seen: Arc<Mutex<Vec<(HeaderMap, Value)>>>,
}

async fn recorder(answer: StatusCode) -> Recorder {
    let seen: Arc<Mutex<Vec<(HeaderMap, Value)>>> = Arc::default();
    let store = seen.clone();
    let app = axum::Router::new().route(
        "/cb",
        post(move |headers: HeaderMap, body: axum::Json<Value>| {
            let store = store.clone();
            async move {
                store.lock().unwrap().push((headers, body.0));
                answer
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Recorder {
        url: format!("http://{addr}/cb"),
        seen,
    }
}

async fn control(sandbox: &RunningEntraSandbox, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = sandbox.base_url().join(path).unwrap();
    let mut request = http().post(url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn wallet_simulator_sends_callbacks_with_exactly_the_configured_headers() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let receiver = recorder(StatusCode::OK).await;
    let body = issuance_body(&sandbox, &receiver.url);
    let (_, _, created) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    let id = created["requestId"].as_str().unwrap().to_string();

    // Complete before scan is out of order.
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/complete"), None).await;
    assert_eq!(status, 409);

    let (status, delivery) = control(&sandbox, &format!("control/requests/{id}/scan"), None).await;
    assert_eq!(status, 200);
    assert_eq!(
        delivery,
        json!({ "requestStatus": "request_retrieved", "httpStatus": 200, "error": null })
    );
    let (status, delivery) =
        control(&sandbox, &format!("control/requests/{id}/complete"), None).await;
    assert_eq!(status, 200);
    assert_eq!(delivery["requestStatus"], "issuance_successful");

    let seen = receiver.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    for (headers, _) in &seen {
        assert_eq!(headers.get("api-key").unwrap(), "k3y");
        assert!(headers.get("authorization").is_none());
    }
    assert_eq!(
        seen[0].1,
        json!({ "requestId": id, "requestStatus": "request_retrieved", "state": "de19cb6b-36c1-45fe-9409-909a51292a9c" })
    );
    assert_eq!(seen[1].1["requestStatus"], "issuance_successful");

    let listed: Value = http()
        .get(sandbox.base_url().join("control/requests").unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["requestId"], id.as_str());
    assert_eq!(listed[0]["status"], "completed");
    assert_eq!(listed[0]["url"], created["url"]);
    assert_eq!(
        listed[0]["callbacks"][1],
        json!({ "requestStatus": "issuance_successful", "httpStatus": 200, "error": null })
    );
}

#[tokio::test]
async fn failures_expiry_and_refused_callbacks_are_recorded() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let refusing = recorder(StatusCode::UNAUTHORIZED).await;
    let create = |url: String| {
        let body = issuance_body(&sandbox, &url).to_string().into_bytes();
        let token = token.clone();
        let sandbox = &sandbox;
        async move {
            let (_, _, created) =
                post_service(sandbox, "createIssuanceRequest", Some(&token), body).await;
            created["requestId"].as_str().unwrap().to_string()
        }
    };

    // The receiver's 401 is recorded.
    let id = create(refusing.url.clone()).await;
    let delivery = sandbox.scan(&id).await.unwrap();
    assert_eq!(delivery.http_status, Some(401));

    // Fail with a chosen code.
    let delivery = sandbox
        .fail(&id, "IssuanceFlowFailed", "user canceled")
        .await
        .unwrap();
    assert_eq!(delivery.request_status, "issuance_error");
    let seen = refusing.seen.lock().unwrap().clone();
    assert_eq!(
        seen[1].1["error"],
        json!({ "code": "IssuanceFlowFailed", "message": "user canceled" })
    );

    // Expire: the request is gone for the wallet, over the control API and the wallet URL.
    let id = create(refusing.url.clone()).await;
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/expire"), None).await;
    assert_eq!(status, 204);
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/scan"), None).await;
    assert_eq!(status, 410);
    let request_uri = sandbox
        .request(&id)
        .unwrap()
        .url
        .replace("openid-vc://?request_uri=", "");
    assert_eq!(http().get(&request_uri).send().await.unwrap().status(), 404);
    assert_eq!(
        sandbox.request(&id).unwrap().status,
        sandbox::RequestStatus::Expired
    );

    // Unknown ids.
    let (status, _) = control(&sandbox, "control/requests/nope/scan", None).await;
    assert_eq!(status, 404);

    // The wallet fetching the request URI counts as a scan.
    let id = create(refusing.url.clone()).await;
    let request_uri = sandbox
        .request(&id)
        .unwrap()
        .url
        .replace("openid-vc://?request_uri=", "");
    assert_eq!(http().get(&request_uri).send().await.unwrap().status(), 200);
    assert_eq!(
        sandbox.request(&id).unwrap().status,
        sandbox::RequestStatus::Retrieved
    );

    // Nobody listening: the transport error is recorded, not a status.
    let id = create("http://127.0.0.1:9/cb".into()).await;
    let delivery = sandbox.scan(&id).await.unwrap();
    assert_eq!(delivery.http_status, None);
    assert!(delivery.error.is_some());
}

#[tokio::test]
async fn presentation_completion_carries_verified_credentials() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let receiver = recorder(StatusCode::OK).await;
    let mut body = presentation_body(&sandbox);
    body["callback"]["url"] = json!(receiver.url);
    let (_, _, created) = post_service(
        &sandbox,
        "createPresentationRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    let id = created["requestId"].as_str().unwrap();
    control(&sandbox, &format!("control/requests/{id}/scan"), None).await;
    let (status, _) = control(
        &sandbox,
        &format!("control/requests/{id}/complete"),
        Some(json!({ "claims": { "given_name": "Megan", "assurance_level": "IAL2" }, "faceCheckScore": 91.5 })),
    )
    .await;
    assert_eq!(status, 200);
    let seen = receiver.seen.lock().unwrap().clone();
    let verified = &seen[1].1;
    assert_eq!(verified["requestStatus"], "presentation_verified");
    let credential = &verified["verifiedCredentialsData"][0];
    assert_eq!(credential["issuer"], sandbox.config().issuer_did.as_str());
    assert_eq!(
        credential["type"],
        json!(["VerifiableCredential", "VerifiedEnrollment"])
    );
    assert_eq!(
        credential["claims"],
        json!({ "given_name": "Megan", "assurance_level": "IAL2" })
    );
    assert_eq!(credential["faceCheck"]["matchConfidenceScore"], 91.5);
    assert_eq!(credential["faceCheck"]["sourcePhotoQuality"], "HIGH");
    assert_eq!(credential["credentialState"]["revocationStatus"], "VALID");
}

#[tokio::test]
async fn faults_are_injected_over_the_control_api_and_calls_counted() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let (status, _) = control(&sandbox, "control/faults", Some(json!({
        "endpoint": "createIssuanceRequest", "fault": { "kind": "tooManyRequests", "retryAfter": "7" }, "times": 1
    }))).await;
    assert_eq!(status, 204);
    sandbox.inject(
        SandboxEndpoint::CreateIssuanceRequest,
        Fault::ServerError { status: 503 },
        1,
    );
    let body = issuance_body(&sandbox, "https://contoso.com/cb")
        .to_string()
        .into_bytes();

    let (status, headers, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.clone(),
    )
    .await;
    assert_eq!(status, 429);
    assert_eq!(headers.get("retry-after").unwrap(), "7");
    assert_service_error(
        &answer,
        "tooManyRequests",
        Some((
            "transientError",
            "The request was throttled. Retry later.",
            None,
        )),
    );

    let (status, _, answer) = post_service(
        &sandbox,
        "createIssuanceRequest",
        Some(&token),
        body.clone(),
    )
    .await;
    assert_eq!(status, 503);
    assert_service_error(&answer, "serviceUnavailable", None);

    let (status, _, _) = post_service(&sandbox, "createIssuanceRequest", Some(&token), body).await;
    assert_eq!(status, 201);
    assert_eq!(sandbox.calls(SandboxEndpoint::CreateIssuanceRequest), 3);
    assert_eq!(sandbox.calls(SandboxEndpoint::Token), 1);
    let calls: Value = http()
        .get(sandbox.base_url().join("control/calls").unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(calls["createIssuanceRequest"], 3);
}

// ---- The wallet presents the cards it was issued ---------------------------------------------

/// The start of a JPEG with a frame header of `width` × `height` (the stand-in reads only the
/// header; the kiosk's real photos are tested in `crates/document` and `crates/verified-id`).
fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x0B, 0x08,
    ];
    jpeg.extend(height.to_be_bytes());
    jpeg.extend(width.to_be_bytes());
    jpeg.extend([0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9]);
    jpeg
}

/// Issues a card into the wallet (claims given_name, family_name, assurance_level, and the
/// photo claim when given) and returns its id.
async fn issue_card(
    sandbox: &RunningEntraSandbox,
    token: &str,
    callback_url: &str,
    assurance_level: &str,
    photo: Option<String>,
) -> String {
    let mut body = issuance_body(sandbox, callback_url);
    body["claims"]["assurance_level"] = json!(assurance_level);
    if let Some(photo) = photo {
        body["claims"]["photo"] = json!(photo);
    }
    let (status, _, created) = post_service(
        sandbox,
        "createIssuanceRequest",
        Some(token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["requestId"].as_str().unwrap().to_string();
    sandbox.scan(&id).await.unwrap();
    sandbox.complete(&id, None).await.unwrap();
    id
}

/// Creates a presentation request (the reference body, edited), scans it, returns its id.
async fn scanned_presentation(
    sandbox: &RunningEntraSandbox,
    token: &str,
    callback_url: &str,
    edit: impl FnOnce(&mut Value),
) -> String {
    let mut body = presentation_body(sandbox);
    body["callback"]["url"] = json!(callback_url);
    edit(&mut body);
    let (status, _, created) = post_service(
        sandbox,
        "createPresentationRequest",
        Some(token),
        body.to_string().into_bytes(),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["requestId"].as_str().unwrap().to_string();
    sandbox.scan(&id).await.unwrap();
    id
}

/// Presents over the control API and returns the callback body the receiver got.
async fn present(
    sandbox: &RunningEntraSandbox,
    receiver: &Recorder,
    id: &str,
    body: Option<Value>,
) -> Value {
    let (status, delivery) =
        control(sandbox, &format!("control/requests/{id}/present"), body).await;
    assert_eq!(status, 200, "{delivery}");
    assert_eq!(delivery["httpStatus"], 200);
    receiver.seen.lock().unwrap().last().unwrap().1.clone()
}

#[tokio::test]
async fn an_issued_photo_is_kept_apart_and_the_card_goes_into_the_wallet() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let receiver = recorder(StatusCode::OK).await;
    let jpeg = jpeg_header(480, 480);
    let standard = base64::engine::general_purpose::STANDARD.encode(&jpeg);
    let id = issue_card(&sandbox, &token, &receiver.url, "IAL2", Some(standard)).await;

    let record = sandbox.request(&id).unwrap();
    assert!(
        !record.claims.contains_key("photo"),
        "the listing stays small"
    );
    let photo = record.photo.unwrap();
    assert_eq!(photo.claim, "photo");
    assert_eq!(photo.encoding, sandbox::PhotoEncoding::Base64);
    assert_eq!((photo.width, photo.height), (Some(480), Some(480)));
    assert_eq!(sandbox.issued_photo(&id).unwrap(), jpeg);
    let response = http()
        .get(
            sandbox
                .base_url()
                .join(&format!("control/requests/{id}/photo"))
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert_eq!(response.bytes().await.unwrap().to_vec(), jpeg);

    let cards: Value = http()
        .get(sandbox.base_url().join("control/credentials").unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cards[0]["id"], id.as_str());
    assert_eq!(cards[0]["type"], "VerifiedEnrollment");
    assert_eq!(cards[0]["issuer"], sandbox.config().issuer_did.as_str());
    assert_eq!(cards[0]["revoked"], false);
    assert_eq!(
        cards[0]["claimNames"],
        json!(["assurance_level", "family_name", "given_name", "photo"])
    );

    // The other readings of "UrlEncode(Base64Encode(JPEG))" are recognised and named.
    let url_safe = URL_SAFE_NO_PAD.encode(&jpeg);
    let id = issue_card(&sandbox, &token, &receiver.url, "IAL2", Some(url_safe)).await;
    let photo = sandbox.request(&id).unwrap().photo.unwrap();
    assert_eq!(photo.encoding, sandbox::PhotoEncoding::Base64Url);
    let percent = base64::engine::general_purpose::STANDARD
        .encode(&jpeg)
        .replace('/', "%2F")
        .replace('+', "%2B")
        .replace('=', "%3D");
    let id = issue_card(&sandbox, &token, &receiver.url, "IAL2", Some(percent)).await;
    let photo = sandbox.request(&id).unwrap().photo.unwrap();
    assert_eq!(photo.encoding, sandbox::PhotoEncoding::PercentEncodedBase64);
    assert_eq!(sandbox.credentials().len(), 3);

    // An issuance without a photo lists none.
    let id = issue_card(&sandbox, &token, &receiver.url, "IAL2", None).await;
    assert!(sandbox.request(&id).unwrap().photo.is_none());
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/photo"), None).await;
    assert_eq!(status, 405, "photo is GET only");
    let response = http()
        .get(
            sandbox
                .base_url()
                .join(&format!("control/requests/{id}/photo"))
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn the_wallet_presents_its_card_and_the_stand_in_checks_it_like_the_service() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let receiver = recorder(StatusCode::OK).await;
    let photo = base64::engine::general_purpose::STANDARD.encode(jpeg_header(480, 480));
    let card = issue_card(&sandbox, &token, &receiver.url, "IAL2", Some(photo.clone())).await;

    // Verified: the card's claims (photo included), its state, Face Check.
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let verified = present(&sandbox, &receiver, &id, None).await;
    assert_eq!(
        verified["requestStatus"], "presentation_verified",
        "{verified}"
    );
    assert!(verified["subject"].is_string());
    let credential = &verified["verifiedCredentialsData"][0];
    assert_eq!(credential["issuer"], sandbox.config().issuer_did.as_str());
    assert_eq!(
        credential["type"],
        json!(["VerifiableCredential", "VerifiedEnrollment"])
    );
    assert_eq!(credential["claims"]["given_name"], "Megan");
    assert_eq!(credential["claims"]["photo"], photo.as_str());
    assert_eq!(credential["credentialState"]["revocationStatus"], "VALID");
    assert_eq!(
        credential["faceCheck"],
        json!({ "matchConfidenceScore": 86.314159, "sourcePhotoQuality": "HIGH" })
    );
    assert!(credential["issuanceDate"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        sandbox.request(&id).unwrap().status,
        sandbox::RequestStatus::Completed
    );

    // Below the threshold (70): the documented error (reference §4.2, [FC]).
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let failed = present(
        &sandbox,
        &receiver,
        &id,
        Some(json!({ "faceCheckScore": 69.9 })),
    )
    .await;
    assert_eq!(failed["requestStatus"], "presentation_error");
    assert_eq!(
        failed["error"],
        json!({ "code": "claimValidationError", "message": "Match confidence score failing to meet the threshold." })
    );
    assert_eq!(
        sandbox.request(&id).unwrap().status,
        sandbox::RequestStatus::Failed
    );

    // Exactly at the threshold passes.
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let at = present(
        &sandbox,
        &receiver,
        &id,
        Some(json!({ "faceCheckScore": 70 })),
    )
    .await;
    assert_eq!(at["requestStatus"], "presentation_verified");

    // Another issuer, another type, a constraint not met.
    for (body, code) in [
        (json!({ "issuer": "did:web:other.example" }), "tokenError"),
        (json!({ "type": "SomeOtherCard" }), "tokenError"),
        (
            json!({ "claims": { "assurance_level": "IAL1" } }),
            "claimValidationError",
        ),
    ] {
        let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
        let failed = present(&sandbox, &receiver, &id, Some(body.clone())).await;
        assert_eq!(failed["requestStatus"], "presentation_error", "{body}");
        assert_eq!(failed["error"]["code"], code, "{body}");
    }

    // The person declines.
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/decline"), None).await;
    assert_eq!(status, 200);
    let declined = receiver.seen.lock().unwrap().last().unwrap().1.clone();
    assert_eq!(
        declined["error"],
        json!({ "code": "userCanceled", "message": "user canceled" })
    );

    // Revoked by the issuer: refused, unless the request allows revoked cards.
    let (status, _) = control(
        &sandbox,
        &format!("control/credentials/{card}/revoke"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    assert!(sandbox.credentials()[0].revoked);
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let failed = present(&sandbox, &receiver, &id, None).await;
    assert_eq!(
        failed["error"],
        json!({ "code": "tokenError", "message": "The presented verifiable credential with jti is revoked." })
    );
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |b| {
        b["requestedCredentials"][0]["configuration"]["validation"]["allowRevoked"] = json!(true)
    })
    .await;
    let shown = present(&sandbox, &receiver, &id, None).await;
    assert_eq!(shown["requestStatus"], "presentation_verified");
    assert_eq!(
        shown["verifiedCredentialsData"][0]["credentialState"]["revocationStatus"],
        "REVOKED"
    );
}

#[tokio::test]
async fn face_check_needs_a_photo_and_reports_a_small_one() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let receiver = recorder(StatusCode::OK).await;

    // A card without a photo cannot be Face Checked; without Face Check it is presented.
    issue_card(&sandbox, &token, &receiver.url, "IAL2", None).await;
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let failed = present(&sandbox, &receiver, &id, None).await;
    assert_eq!(failed["requestStatus"], "presentation_error");
    assert_eq!(failed["error"]["code"], "claimValidationError");
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |b| {
        b["requestedCredentials"][0]["configuration"]["validation"]
            .as_object_mut()
            .unwrap()
            .remove("faceCheck");
    })
    .await;
    let verified = present(&sandbox, &receiver, &id, None).await;
    assert_eq!(verified["requestStatus"], "presentation_verified");
    assert!(verified["verifiedCredentialsData"][0]
        .get("faceCheck")
        .is_none());

    // A photo under 200×200 is used, with a quality other than HIGH.
    let small = base64::engine::general_purpose::STANDARD.encode(jpeg_header(150, 150));
    let card = issue_card(&sandbox, &token, &receiver.url, "IAL2", Some(small)).await;
    let id = scanned_presentation(&sandbox, &token, &receiver.url, |_| {}).await;
    let verified = present(
        &sandbox,
        &receiver,
        &id,
        Some(json!({ "credential": card })),
    )
    .await;
    assert_eq!(
        verified["verifiedCredentialsData"][0]["faceCheck"]["sourcePhotoQuality"],
        "LOW"
    );
}

#[tokio::test]
async fn presenting_out_of_order_or_to_the_wrong_request_is_refused() {
    let sandbox = start(EntraSandboxConfig::demo()).await;
    let token = access_token(&sandbox).await;
    let receiver = recorder(StatusCode::OK).await;
    let card = issue_card(&sandbox, &token, &receiver.url, "IAL2", None).await;

    // To an issuance request.
    let (status, _) = control(&sandbox, &format!("control/requests/{card}/present"), None).await;
    assert_eq!(status, 409);
    // Before the scan.
    let mut body = presentation_body(&sandbox);
    body["callback"]["url"] = json!(receiver.url);
    let (_, _, created) = post_service(
        &sandbox,
        "createPresentationRequest",
        Some(&token),
        body.to_string().into_bytes(),
    )
    .await;
    let id = created["requestId"].as_str().unwrap();
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/present"), None).await;
    assert_eq!(status, 409);
    // An unknown card, an unknown field, an unknown request.
    sandbox.scan(id).await.unwrap();
    let (status, _) = control(
        &sandbox,
        &format!("control/requests/{id}/present"),
        Some(json!({ "credential": "nope" })),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = control(
        &sandbox,
        &format!("control/requests/{id}/present"),
        Some(json!({ "score": 90 })),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = control(&sandbox, "control/requests/nope/present", None).await;
    assert_eq!(status, 404);
    let (status, _) = control(&sandbox, "control/credentials/nope/revoke", None).await;
    assert_eq!(status, 404);
    // Expired: gone (410), and no callback is sent.
    sandbox.expire(id).unwrap();
    let before = receiver.seen.lock().unwrap().len();
    let (status, _) = control(&sandbox, &format!("control/requests/{id}/present"), None).await;
    assert_eq!(status, 410);
    assert_eq!(receiver.seen.lock().unwrap().len(), before);
}
