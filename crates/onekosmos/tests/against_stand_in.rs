//! The client against the 1Kosmos stand-in over real HTTP on loopback: every path and failure.

use onekosmos::{
    request_headers, CheckStatus, DlFields, DocumentKind, DocumentType, DvcIds, Endpoint, Error,
    Journey, OneKosmosClient, OneKosmosConfig, PrivateKey, PublicKey, SessionResult, SessionUser,
    Verification, VerifyRequest,
};
use sandbox::{
    AnswerFault, OneKosmosSandbox, OneKosmosSandboxConfig, RunningOneKosmosSandbox, SessionState,
};
use secrecy::SecretString;
use zeroize::Zeroizing;

fn http() -> reqwest::Client {
    onekosmos::http_client_builder().no_proxy().build().unwrap()
}

fn config(sandbox: &RunningOneKosmosSandbox, license: &str, dvc_ids: DvcIds) -> OneKosmosConfig {
    let sc = sandbox.config();
    OneKosmosConfig {
        base_url: sandbox.base_url(),
        tenant_dns: sc.tenant_dns.clone(),
        community: sc.community.clone(),
        license_key: SecretString::from(license.to_string()),
        dvc_ids,
        app_id: "com.enrollmentkiosk.test".into(),
        cache_ttl: onekosmos::DEFAULT_CACHE_TTL,
    }
}

fn demo_ids() -> DvcIds {
    DvcIds {
        kyc_with_selfie: Some(OneKosmosSandboxConfig::DEMO_KYC_DVC_ID.into()),
        document_verification_only: Some(OneKosmosSandboxConfig::DEMO_DOC_ONLY_DVC_ID.into()),
    }
}

async fn setup() -> (RunningOneKosmosSandbox, OneKosmosClient) {
    let sandbox = OneKosmosSandbox::start(OneKosmosSandboxConfig::demo())
        .await
        .unwrap();
    let client = OneKosmosClient::new(
        config(&sandbox, OneKosmosSandboxConfig::DEMO_LICENSE, demo_ids()),
        http(),
    )
    .unwrap();
    (sandbox, client)
}

#[tokio::test]
async fn discovery_is_cached_and_ignores_cluster_internal_entries() {
    let (sandbox, client) = setup().await;
    let info = client.community_info().await.unwrap();
    assert_eq!(info.community_name, "default");
    assert_eq!(
        info.community_public_key.unwrap().to_base64(),
        sandbox.community_public_key()
    );
    let sd = client.service_directory().await.unwrap();
    assert_eq!(
        sd.docuverify,
        sandbox.base_url().join("docuverify/").unwrap()
    );
    for internal in [
        "idproofingapi",
        "public_assets_upload_url",
        "1key_authserver",
    ] {
        assert!(sd.ignored.contains(&internal.to_string()), "{internal}");
    }
    let key = client.service_public_key(&sd.docuverify).await.unwrap();
    assert_eq!(key.to_base64(), sandbox.docuverify_public_key());
    // Cached: a second round makes no calls.
    client.community_info().await.unwrap();
    client.service_directory().await.unwrap();
    client.service_public_key(&sd.docuverify).await.unwrap();
    assert_eq!(sandbox.calls("community_info"), 1);
    assert_eq!(sandbox.calls("sd"), 1);
    assert_eq!(sandbox.calls("publickeys"), 1);
}

#[tokio::test]
async fn check_connection_reports_license_accepted_or_refused() {
    let (sandbox, client) = setup().await;
    let report = client.check_connection().await.unwrap();
    assert!(report.license_accepted);
    assert_eq!(
        report.service_key.to_base64(),
        sandbox.docuverify_public_key()
    );
    let wrong = OneKosmosClient::new(
        config(&sandbox, "00000000-0000-0000-0000-000000000000", demo_ids()),
        http(),
    )
    .unwrap();
    assert!(!wrong.check_connection().await.unwrap().license_accepted);
}

#[tokio::test]
async fn kyc_session_moves_pending_in_progress_success_with_selfie_checks() {
    let (sandbox, client) = setup().await;
    let user = SessionUser {
        first_name: Some("Ada".into()),
        last_name: Some("Sample".into()),
        ..Default::default()
    };
    let session = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, Some(&user))
        .await
        .unwrap();
    assert!(session
        .url
        .as_str()
        .ends_with(&format!("idproofing/session/{}", session.session_id)));
    assert!(
        !format!("{session:?}").contains("idproofing"),
        "URL is a bearer link"
    );
    assert_eq!(
        client.poll_result(&session).await.unwrap(),
        SessionResult::InProgress
    );
    sandbox.start_session(&session.session_id).unwrap();
    assert_eq!(
        client.poll_result(&session).await.unwrap(),
        SessionResult::InProgress
    );
    sandbox.complete_session(&session.session_id).unwrap();
    for legacy in [false, true] {
        let result = if legacy {
            client.poll_result_legacy(&session).await.unwrap()
        } else {
            client.poll_result(&session).await.unwrap()
        };
        let SessionResult::Succeeded(identity) = result else {
            panic!("expected success, legacy={legacy}");
        };
        assert_eq!(identity.first_name, "ADA");
        assert_eq!(identity.last_name, "SAMPLE");
        assert_eq!(identity.document_kind, DocumentKind::Passport);
        assert_eq!(identity.proofing_reference, session.session_id);
        assert_eq!(identity.checks.document, CheckStatus::Passed);
        assert_eq!(identity.checks.liveness, CheckStatus::Passed);
        assert_eq!(identity.checks.face_match, CheckStatus::Passed);
        assert!(identity.checks.all_passed());
        assert!(identity.portrait.is_some());
        assert_eq!(identity.proofed_by.as_ref().unwrap().len(), 128);
        let debug = format!("{identity:?}");
        assert!(
            !debug.contains("ADA") && !debug.contains("SAMPLE"),
            "{debug}"
        );
    }
}

#[tokio::test]
async fn document_only_success_has_no_selfie_checks() {
    let (sandbox, client) = setup().await;
    let session = client
        .create_document_share_session(
            Journey::DocumentVerificationOnly,
            DocumentType::IdCard,
            None,
        )
        .await
        .unwrap();
    sandbox.complete_session(&session.session_id).unwrap();
    let SessionResult::Succeeded(identity) = client.poll_result(&session).await.unwrap() else {
        panic!("expected success");
    };
    assert_eq!(identity.document_kind, DocumentKind::ResidencePermit);
    assert_eq!(identity.document_country.as_deref(), Some("ES"));
    assert_eq!(identity.checks.document, CheckStatus::Passed);
    assert_eq!(identity.checks.liveness, CheckStatus::NotPerformed);
    assert_eq!(identity.checks.face_match, CheckStatus::NotPerformed);
    assert!(!identity.checks.all_passed());
    assert!(!identity.checks.reported.contains_key("face_compare"));
}

#[tokio::test]
async fn failures_with_either_reason_code_spelling_expiry_and_abandonment() {
    let (sandbox, client) = setup().await;
    let mut sessions = Vec::new();
    for _ in 0..5 {
        sessions.push(
            client
                .create_document_share_session(
                    Journey::KycWithSelfie,
                    DocumentType::DriversLicense,
                    None,
                )
                .await
                .unwrap(),
        );
    }
    sandbox
        .fail_session(&sessions[0].session_id, "IDV0010")
        .unwrap(); // reason_code
    sandbox
        .fail_session(&sessions[1].session_id, "IDV0006")
        .unwrap(); // reasonCode
    sandbox
        .fail_session(&sessions[2].session_id, "IDV0014")
        .unwrap();
    sandbox.expire_session(&sessions[3].session_id).unwrap();
    sandbox.abandon_session(&sessions[4].session_id).unwrap();
    for (session, code) in sessions.iter().zip(["IDV0010", "IDV0006", "IDV0014"]) {
        for legacy in [false, true] {
            let result = if legacy {
                client.poll_result_legacy(session).await.unwrap()
            } else {
                client.poll_result(session).await.unwrap()
            };
            match result {
                SessionResult::Failed(failure) => assert_eq!(failure.reason_code.as_str(), code),
                other => panic!("expected failure {code}, got {other:?}"),
            }
        }
    }
    let SessionResult::Failed(limit) = client.poll_result(&sessions[2]).await.unwrap() else {
        panic!()
    };
    assert!(limit.reason_code.is_retry_limit());
    assert_eq!(
        client.poll_result(&sessions[3]).await.unwrap(),
        SessionResult::Expired
    );
    assert_eq!(
        client.poll_result_legacy(&sessions[3]).await.unwrap(),
        SessionResult::Expired
    );
    assert_eq!(
        client.poll_result(&sessions[4]).await.unwrap(),
        SessionResult::Abandoned
    );
    // A finished session cannot change again.
    assert!(sandbox.complete_session(&sessions[3].session_id).is_err());
}

#[tokio::test]
async fn sessions_expire_after_their_lifetime() {
    let mut config = OneKosmosSandboxConfig::demo();
    config.session_lifetime = std::time::Duration::from_secs(30);
    config.ts_window = std::time::Duration::from_secs(3600);
    let sandbox = OneKosmosSandbox::start(config).await.unwrap();
    let client = OneKosmosClient::new(config_for(&sandbox), http()).unwrap();
    let session = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, None)
        .await
        .unwrap();
    sandbox.set_clock_skew(60);
    assert_eq!(
        client.poll_result(&session).await.unwrap(),
        SessionResult::Expired
    );
    assert_eq!(
        sandbox.session(&session.session_id).unwrap().state,
        SessionState::Expired
    );
}

fn config_for(sandbox: &RunningOneKosmosSandbox) -> OneKosmosConfig {
    config(sandbox, OneKosmosSandboxConfig::DEMO_LICENSE, demo_ids())
}

#[tokio::test]
async fn unknown_license_is_401() {
    let (sandbox, _) = setup().await;
    let client = OneKosmosClient::new(
        config(&sandbox, "11111111-2222-3333-4444-555555555555", demo_ids()),
        http(),
    )
    .unwrap();
    let error = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::LicenseRejected {
                endpoint: Endpoint::CreateSession
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn unknown_dvc_id_is_404_and_stale_ts_is_rejected() {
    let (sandbox, _) = setup().await;
    let ids = DvcIds {
        kyc_with_selfie: Some("no_such_dvc".into()),
        document_verification_only: None,
    };
    let client = OneKosmosClient::new(
        config(&sandbox, OneKosmosSandboxConfig::DEMO_LICENSE, ids),
        http(),
    )
    .unwrap();
    let error = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, None)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NotFound { .. }), "{error:?}");
    let error = client
        .create_document_share_session(
            Journey::DocumentVerificationOnly,
            DocumentType::Passport,
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");

    let (sandbox, client) = setup().await;
    sandbox.set_clock_skew(-600);
    let error = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, None)
        .await
        .unwrap_err();
    match error {
        Error::Rejected {
            status: 400,
            message,
            ..
        } => assert!(message.contains("expired"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn missing_dvc_id_is_400() {
    let (_sandbox, client) = setup().await;
    let mut session = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, None)
        .await
        .unwrap();
    session.dvc_id = String::new();
    match client.poll_result(&session).await.unwrap_err() {
        Error::Rejected {
            status: 400,
            message,
            ..
        } => {
            assert_eq!(message, "dvcID is not allowed to be empty")
        }
        other => panic!("{other:?}"),
    }
}

/// Replayed `uuid` and undecryptable headers, sent with the client's own header builder.
#[tokio::test]
async fn replayed_request_id_and_undecryptable_header_are_rejected() {
    let (sandbox, client) = setup().await;
    let service = PublicKey::from_base64(&sandbox.docuverify_public_key()).unwrap();
    let own = PrivateKey::generate().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let headers = request_headers(
        &own,
        &service,
        OneKosmosSandboxConfig::DEMO_LICENSE,
        "test",
        now,
        "7f1c1b8e-5d2a-4b3c-9e8f-0a1b2c3d4e5f",
    )
    .unwrap();
    let shared = own.shared_key(&service);
    let body = serde_json::json!({"data": shared.encrypt(br#"{"dvcID":"sandbox_kyc_with_selfie","sessionId":"x"}"#).unwrap()});
    let url = sandbox
        .base_url()
        .join("docuverify/v3/document_share_session/result")
        .unwrap();
    let send = |h: &onekosmos::RequestHeaders| {
        http()
            .post(url.clone())
            .header("publickey", &h.publickey)
            .header("licensekey", &h.licensekey)
            .header("requestid", &h.requestid)
            .json(&body)
            .send()
    };
    assert_eq!(
        send(&headers).await.unwrap().status(),
        404,
        "first use: unknown session"
    );
    let replay = send(&headers).await.unwrap();
    assert_eq!(replay.status(), 400);
    let text = replay.text().await.unwrap();
    assert!(text.contains("already been used"), "{text}");

    let mut garbled = headers.clone();
    garbled.licensekey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into();
    let response = send(&garbled).await.unwrap();
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("can't be decrypted"));
    drop(client);
}

#[tokio::test]
async fn verify_succeeds_and_fails_by_reason_code() {
    let (sandbox, client) = setup().await;
    let request = VerifyRequest {
        journey: Journey::KycWithSelfie,
        selfie_jpeg: Zeroizing::new(vec![0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9]),
        portrait_jpeg: Some(Zeroizing::new(vec![0xFF, 0xD8, 4, 5, 0xFF, 0xD9])),
        driver_license: Some(DlFields {
            document_id: "D1234567".into(),
            first_name: "ADA".into(),
            last_name: "SAMPLE".into(),
            date_of_birth: "19900101".into(),
            state: "CA".into(),
            ..Default::default()
        }),
        travel_document: None,
    };
    let outcome = client.verify(&request).await.unwrap();
    assert_eq!(outcome.certifications.len(), 3);
    assert!(outcome.all_passed());
    assert_eq!(outcome.liveness(), CheckStatus::Passed);
    assert_eq!(outcome.face_match(), CheckStatus::Passed);
    assert_eq!(outcome.dl_verify(), CheckStatus::Passed);
    assert!(outcome.proofing_reference().is_some());

    sandbox.fail_next_verify("face_compare", "IDV0007");
    let outcome = client.verify(&request).await.unwrap();
    assert!(!outcome.all_passed());
    assert_eq!(outcome.face_match(), CheckStatus::Failed);
    assert_eq!(outcome.liveness(), CheckStatus::Passed);
    assert_eq!(outcome.failure_reason().unwrap().as_str(), "IDV0007");

    // Selfie only: just face_liveness.
    let selfie_only = VerifyRequest {
        portrait_jpeg: None,
        driver_license: None,
        ..request.clone()
    };
    let outcome = client.verify(&selfie_only).await.unwrap();
    assert_eq!(outcome.certifications.len(), 1);
    assert_eq!(outcome.face_match(), CheckStatus::NotPerformed);
    assert_eq!(sandbox.calls("verify"), 3);
}

fn selfie_and_portrait() -> VerifyRequest {
    VerifyRequest {
        journey: Journey::KycWithSelfie,
        selfie_jpeg: Zeroizing::new(vec![0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9]),
        portrait_jpeg: Some(Zeroizing::new(vec![0xFF, 0xD8, 4, 5, 0xFF, 0xD9])),
        driver_license: None,
        travel_document: None,
    }
}

#[tokio::test]
async fn a_passport_read_at_the_kiosk_is_verified_on_the_face_and_the_portrait() {
    let (sandbox, client) = setup().await;
    let request = VerifyRequest {
        travel_document: Some(onekosmos::TravelDocumentFields {
            kind: onekosmos::TravelDocumentKind::Passport,
            document_id: "L898902C3".into(),
            first_name: "ALEX".into(),
            last_name: "SAMPLE".into(),
            middle_name: Some("JORDAN".into()),
            date_of_birth: Some("19860607".into()),
            expiry_date: "20310415".into(),
            country: "UTO".into(),
            gender: None,
        }),
        ..selfie_and_portrait()
    };
    let outcome = client.verify(&request).await.unwrap();
    assert_eq!(outcome.certifications.len(), 2);
    assert!(outcome.all_passed());
    assert_eq!(outcome.dl_verify(), CheckStatus::NotPerformed);
    assert_eq!(sandbox.calls("verify"), 1);
}

#[tokio::test]
async fn an_answer_that_leaves_out_a_requested_check_approves_nothing() {
    let (sandbox, client) = setup().await;
    sandbox.omit_next_verification("face_liveness");
    let outcome = client.verify(&selfie_and_portrait()).await.unwrap();
    // What is there passed; what was asked for and is not there decides.
    assert!(outcome.certifications.iter().all(|c| c.verified));
    assert_eq!(outcome.missing(), vec![Verification::FaceLiveness]);
    assert!(!outcome.all_passed());
    // The next, complete answer approves.
    let outcome = client.verify(&selfie_and_portrait()).await.unwrap();
    assert!(outcome.missing().is_empty() && outcome.all_passed());
}

#[tokio::test]
async fn a_plaintext_or_foreign_key_answer_is_refused_where_the_service_encrypts() {
    let (sandbox, client) = setup().await;
    for fault in [AnswerFault::Plaintext, AnswerFault::ForeignKey] {
        sandbox.fault_next_answer(fault);
        let error = client.verify(&selfie_and_portrait()).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidResponse { .. }),
            "{fault:?}: {error:?}"
        );
    }
    // Poll results too.
    let session = client
        .create_document_share_session(Journey::KycWithSelfie, DocumentType::Passport, None)
        .await
        .unwrap();
    sandbox.complete_session(&session.session_id).unwrap();
    for fault in [AnswerFault::Plaintext, AnswerFault::ForeignKey] {
        sandbox.fault_next_answer(fault);
        let error = client.poll_result(&session).await.unwrap_err();
        assert!(
            matches!(error, Error::InvalidResponse { .. }),
            "{fault:?}: {error:?}"
        );
    }
    // Well-formed answers still go through.
    assert!(matches!(
        client.poll_result(&session).await.unwrap(),
        SessionResult::Succeeded(_)
    ));
    assert!(client
        .verify(&selfie_and_portrait())
        .await
        .unwrap()
        .all_passed());
}

#[test]
fn config_validation_names_the_field() {
    let license = || SecretString::from("lic".to_string());
    assert!(OneKosmosConfig::for_tenant(
        "https://acme.1kosmos.net",
        "default",
        license(),
        demo_ids()
    )
    .is_err());
    assert!(OneKosmosConfig::for_tenant("acme.1kosmos.net", "", license(), demo_ids()).is_err());
    assert!(OneKosmosConfig::for_tenant(
        "acme.1kosmos.net",
        "default",
        license(),
        DvcIds::default()
    )
    .is_err());
    assert!(OneKosmosConfig::for_tenant(
        "acme.1kosmos.net",
        "default",
        SecretString::from(" ".to_string()),
        demo_ids()
    )
    .is_err());
    let ok =
        OneKosmosConfig::for_tenant("acme.1kosmos.net", "default", license(), demo_ids()).unwrap();
    assert_eq!(ok.base_url.as_str(), "https://acme.1kosmos.net/");
    assert!(!format!("{ok:?}").contains("lic\""));
    let mut plain_http = ok.clone();
    plain_http.base_url = url::Url::parse("http://acme.1kosmos.net/").unwrap();
    assert!(plain_http.validate().is_err());
}
