//! The 1Kosmos stand-in checked against the reference, not through the kiosk's client: its
//! envelope against the published vectors (§2.6, both IV styles), its header checks with raw
//! HTTP, and its decrypted poll results against the published shapes (poll-shapes JSON).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sandbox::onekosmos::crypto;
use sandbox::{OneKosmosSandbox, OneKosmosSandboxConfig, RunningOneKosmosSandbox};
use serde_json::{json, Value};

const CLIENT_PRIVATE: &str = "cGB/g7jd/jw1v4z8FDfoeppYQ6y1IJAYzPPkzKkCc4w=";
const CLIENT_PUBLIC: &str =
    "os9skQhJpyJIz7g5xgopwlN3N7eqMR9XMupvIIZf+CkB0V5ADDDdQ0wfA8KqH98NuFch4cIm6qwfuLGwoPCk+A==";
const DOCUVERIFY_PUBLIC: &str =
    "4tW63RBUPYX7Vo0pUUCbgacZd1kCbq18mbSKJskOFGqmegPjRqIZg5Z+3JJNQCDWCo0CMDI/RDke+cKyWKx2nw==";
const SHARED: &str = "M9glxuzVpQEtfNLIjhMcAeLWno4yx9OxBoTibdLHY2U=";
const POLL_CIPHERTEXT: &str = "vlTj05byMjznI/UuAcQt8um1mlHPh4cvSabjsKOyPuYYaXimOUCHMSPKy6T/5rcsHu5CN7AmHbAseP2MA96I+1YOt0iSeFi/qneFAFJBy2i3XpefqkyO+M/bj0tusgHi48y59W7DiRs37d4=";
const POLL_PLAINTEXT: &str =
    r#"{"responseStatus":"INPROGRESS","id":"4f7daced-f8d8-4309-961a-c80f8e8d5829"}"#;
const IAL_PRIVATE: &str = "GhgpEmo301rp6cVgofPo9MKspzyyhtwxOb9ewY44atE=";
const COMMUNITY_PUBLIC: &str =
    "dkW7xYymDr4Rh4wEGazMdtiDzaGQtzgfby7F/z1eJchUjebTmYxkKcW7cHAg12zFWYEeJF9erjwoKw0BOHqtYw==";
const IAL_CIPHERTEXT: &str = "MmE2MzVhNjJlNGQyMzQzMrODkyiatZgbfMl3dDOyaosXLRLeSMyiFyDwpOYVEWMxsb1pFcYJBWj33dzzK8z95DDr+Vbum7Bq8ctfObpyGadBcK+aPfS2YNKxpeAkIhu9AktSGIUHA2KM5wPZB+aDisFQ+vhB2YtOdjrc3R+wshZZzOAgWD5amhHkb7/5mAhUO9dMJ7QTJVaGh1U1y7KQ";
const IAL_PLAINTEXT: &str = r#"{"user":{"authModuleId":"6087371a80abe60013fb30b5","uid":"30620813-265f-4386-be49-26aa3af330f7","username":"sheetal"},"did":{}}"#;

#[test]
fn stand_in_envelope_matches_both_published_vectors() {
    let private = crypto::parse_private_key(CLIENT_PRIVATE).unwrap();
    assert_eq!(crypto::public_key_b64(&private.public_key()), CLIENT_PUBLIC);
    let key = crypto::shared_key(
        &private,
        &crypto::parse_public_key(DOCUVERIFY_PUBLIC).unwrap(),
    );
    assert_eq!(STANDARD.encode(key), SHARED);
    assert_eq!(
        crypto::decrypt(&key, POLL_CIPHERTEXT).unwrap(),
        POLL_PLAINTEXT.as_bytes()
    );
    let iv: [u8; 16] = STANDARD.decode(POLL_CIPHERTEXT).unwrap()[..16]
        .try_into()
        .unwrap();
    assert_eq!(
        crypto::encrypt_with_iv(&key, &iv, POLL_PLAINTEXT.as_bytes()),
        POLL_CIPHERTEXT
    );

    let private = crypto::parse_private_key(IAL_PRIVATE).unwrap();
    let key = crypto::shared_key(
        &private,
        &crypto::parse_public_key(COMMUNITY_PUBLIC).unwrap(),
    );
    assert_eq!(
        crypto::decrypt(&key, IAL_CIPHERTEXT).unwrap(),
        IAL_PLAINTEXT.as_bytes()
    );
    assert_eq!(
        crypto::encrypt_with_iv(&key, b"2a635a62e4d23432", IAL_PLAINTEXT.as_bytes()),
        IAL_CIPHERTEXT
    );
    let mut tampered = STANDARD.decode(IAL_CIPHERTEXT).unwrap();
    tampered[20] ^= 1;
    assert!(crypto::decrypt(&key, &STANDARD.encode(tampered)).is_none());
}

struct Caller {
    own: k256::SecretKey,
    key: [u8; 32],
    http: reqwest::Client,
}

impl Caller {
    fn new(sandbox: &RunningOneKosmosSandbox) -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let own = crypto::parse_private_key(CLIENT_PRIVATE).unwrap();
        let service = crypto::parse_public_key(&sandbox.docuverify_public_key()).unwrap();
        Self {
            key: crypto::shared_key(&own, &service),
            own,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        }
    }

    async fn post(
        &self,
        sandbox: &RunningOneKosmosSandbox,
        path: &str,
        license: &str,
        ts_offset: i64,
        body: &Value,
    ) -> (u16, Value) {
        let ts = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            + ts_offset;
        let request_id = json!({"ts": ts, "appid": "com.postman.request", "uuid": uuid::Uuid::new_v4().to_string()});
        let response = self
            .http
            .post(sandbox.base_url().join(path).unwrap())
            .header("publickey", crypto::public_key_b64(&self.own.public_key()))
            .header("licensekey", crypto::encrypt(&self.key, license.as_bytes()))
            .header(
                "requestid",
                crypto::encrypt(&self.key, request_id.to_string().as_bytes()),
            )
            .json(&json!({"data": crypto::encrypt(&self.key, body.to_string().as_bytes())}))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let mut value: Value = response.json().await.unwrap_or(Value::Null);
        if let Some(data) = value.get("data").and_then(Value::as_str) {
            assert_eq!(value["publicKey"], json!(sandbox.docuverify_public_key()));
            value = serde_json::from_slice(&crypto::decrypt(&self.key, data).unwrap()).unwrap();
        }
        (status, value)
    }
}

const LICENSE: &str = OneKosmosSandboxConfig::DEMO_LICENSE;

fn create_body(dvc: &str, doc: &str) -> Value {
    json!({"dvcID": dvc, "sessionRequest": {"tenantDNS": "sandbox.1kosmos.local",
        "communityName": "default", "documentType": doc, "userUID": "u", "did": "d"}})
}

#[tokio::test]
async fn header_and_dvc_id_rejections() {
    let sandbox = OneKosmosSandbox::start(OneKosmosSandboxConfig::demo())
        .await
        .unwrap();
    let caller = Caller::new(&sandbox);
    let path = "docuverify/document_share_session/create";
    let kyc = OneKosmosSandboxConfig::DEMO_KYC_DVC_ID;
    let (status, body) = caller
        .post(
            &sandbox,
            path,
            "wrong-license",
            0,
            &create_body(kyc, "dl_object"),
        )
        .await;
    assert_eq!((status, body["code"].clone()), (401, json!(401)));
    let (status, _) = caller
        .post(
            &sandbox,
            path,
            LICENSE,
            -300,
            &create_body(kyc, "dl_object"),
        )
        .await;
    assert_eq!(status, 400, "stale ts");
    let (status, body) = caller
        .post(&sandbox, path, LICENSE, 0, &json!({"sessionRequest": {}}))
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"code": 400, "message": "dvcID is required"}))
    );
    let (status, _) = caller
        .post(
            &sandbox,
            path,
            LICENSE,
            0,
            &create_body("nope", "dl_object"),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = caller
        .post(
            &sandbox,
            path,
            LICENSE,
            0,
            &create_body(kyc, "selfie_object"),
        )
        .await;
    assert_eq!(status, 400, "documentType");
    let (status, body) = caller
        .post(&sandbox, path, LICENSE, 0, &create_body(kyc, "dl_object"))
        .await;
    assert_eq!(status, 200);
    assert!(
        body["sessionId"].is_string() && body["url"].is_string(),
        "plain {{sessionId,url}}"
    );

    // No publickey at all.
    let response = caller
        .http
        .post(sandbox.base_url().join(path).unwrap())
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    // The hosted page answers for the phone.
    let page = caller
        .http
        .get(body["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Let's get started"));
}

/// Every key of a published sample appears in the stand-in's answer with the same JSON type.
fn assert_shape(sample: &Value, actual: &Value, path: &str) {
    match (sample, actual) {
        (Value::Object(s), Value::Object(a)) => {
            for (k, v) in s {
                let got = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} missing in {actual}"));
                assert_shape(v, got, &format!("{path}.{k}"));
            }
        }
        (Value::String(_), Value::String(_)) | (Value::Number(_), Value::Number(_)) => {}
        _ => panic!("{path}: sample {sample} vs stand-in {actual}"),
    }
}

#[tokio::test]
async fn poll_results_have_the_published_shapes() {
    let shapes: Value =
        serde_json::from_str(include_str!("data/onekosmos-poll-shapes.json")).unwrap();
    let sandbox = OneKosmosSandbox::start(OneKosmosSandboxConfig::demo())
        .await
        .unwrap();
    let caller = Caller::new(&sandbox);
    let kyc = OneKosmosSandboxConfig::DEMO_KYC_DVC_ID;
    let doc_only = OneKosmosSandboxConfig::DEMO_DOC_ONLY_DVC_ID;
    let create = |dvc: &'static str, doc: &'static str| {
        let caller = &caller;
        let sandbox = &sandbox;
        async move {
            let mut body = create_body(dvc, doc);
            body["sessionRequest"]["user"] =
                json!({"firstname": "Ada", "lastname": "Sample", "username": "ada", "uid": "1"});
            let (_, created) = caller
                .post(
                    sandbox,
                    "docuverify/document_share_session/create",
                    LICENSE,
                    0,
                    &body,
                )
                .await;
            created["sessionId"].as_str().unwrap().to_string()
        }
    };
    let poll = |dvc: &'static str, id: String| {
        let caller = &caller;
        let sandbox = &sandbox;
        async move {
            let (status, value) = caller
                .post(
                    sandbox,
                    "docuverify/v3/document_share_session/result",
                    LICENSE,
                    0,
                    &json!({"dvcID": dvc, "sessionId": id}),
                )
                .await;
            assert_eq!(status, 200);
            value
        }
    };
    let pending = create(kyc, "ppt_object").await;
    assert_shape(
        &shapes["200 Success Response 1"],
        &poll(kyc, pending.clone()).await,
        "inprogress",
    );

    let detailed = create(doc_only, "idcard_object").await;
    sandbox.complete_session(&detailed).unwrap();
    let answer = poll(doc_only, detailed).await;
    assert_shape(
        &shapes["200 Success Response - Detailed"],
        &answer,
        "detailed",
    );
    let checks = jwt_checks(answer["document"]["proof_jwt"].as_str().unwrap());
    assert!(
        !checks.contains(&"face_compare".to_string())
            && !checks.contains(&"selfie_liveness".to_string())
    );

    sandbox.complete_session(&pending).unwrap();
    let answer = poll(kyc, pending).await;
    assert_shape(&shapes["When Selfie is Enabled"], &answer, "selfie");
    let checks = jwt_checks(answer["document"]["proof_jwt"].as_str().unwrap());
    assert!(
        checks.contains(&"face_compare".to_string())
            && checks.contains(&"selfie_liveness".to_string())
    );
    let mrz = answer["document"]["mrzResult"].as_str().unwrap();
    assert!(mrz.split('\n').take(2).all(|l| l.len() == 44), "{mrz:?}");

    let failed = create(doc_only, "idcard_object").await;
    sandbox.fail_session(&failed, "IDV0010").unwrap();
    assert_shape(
        &shapes["Failed status"],
        &poll(doc_only, failed).await,
        "failed",
    );

    let unsupported = create(kyc, "ppt_object").await;
    sandbox.fail_session(&unsupported, "IDV0006").unwrap();
    assert_shape(
        &shapes["Failed status with reason code"],
        &poll(kyc, unsupported).await,
        "reasonCode",
    );
}

fn jwt_checks(jwt: &str) -> Vec<String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let payload: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        payload["checks"].as_array().unwrap().len(),
        payload["result"].as_object().unwrap().len()
    );
    payload["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}
