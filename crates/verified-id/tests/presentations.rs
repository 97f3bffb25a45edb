//! Presentation requests with Face Check, client ↔ stand-in over real HTTP on loopback: a card
//! is issued with a photo claim made from a generated selfie, then presented; every status and
//! error the stand-in sends reaches the session as a typed [`PresentationUpdate`] through the
//! callback receiver and [`PresentationPolicy::judge`]; requests the service would refuse are
//! refused before they are sent, and the service's own refusals are typed.

use std::net::SocketAddr;
use std::time::Duration;

use document::synth;
use sandbox::{
    EntraSandbox, EntraSandboxConfig, Fault, PhotoEncoding, Presentation, RunningEntraSandbox,
    SandboxEndpoint,
};
use secrecy::SecretString;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use verified_id::callback::{CallbackEvent, CallbackReceiver};
use verified_id::{
    CallbackTarget, ClaimConstraint, Error, IssuerConfig, PhotoQuality, PresentationFailureReason,
    PresentationRequest, PresentationRequestBuilder, PresentationRequestError, PresentationUpdate,
    Registration, RetryPolicy, RevocationStatus, ServiceErrorKind, VerifiedIdClient,
    VerifiedPresentation, DEFAULT_FACE_CHECK_THRESHOLD,
};

fn http() -> reqwest::Client {
    verified_id::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
}

struct Desk {
    sandbox: RunningEntraSandbox,
    client: VerifiedIdClient,
    receiver: CallbackReceiver,
}

async fn desk() -> Desk {
    let sandbox = EntraSandbox::start(EntraSandboxConfig::demo())
        .await
        .unwrap();
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
    let client = VerifiedIdClient::new(config, http())
        .unwrap()
        .with_retry_policy(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_retry_after: Duration::from_secs(5),
        });
    let receiver = CallbackReceiver::bind(SocketAddr::from(([127, 0, 0, 1], 0)), None)
        .await
        .unwrap();
    Desk {
        sandbox,
        client,
        receiver,
    }
}

async fn next_event(events: &mut mpsc::Receiver<CallbackEvent>) -> CallbackEvent {
    tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("an event within 10 s")
        .expect("channel open")
}

impl Desk {
    /// Issues the kiosk's card with a photo claim made from the demo selfie; returns the
    /// card's id and the claim value sent.
    async fn issue_card(&self) -> (String, String) {
        let selfie = synth::to_jpeg(&synth::synthetic_face(720, 720)).unwrap();
        let photo = document::photo_claim(document::CapturedImage::Jpeg(&selfie)).unwrap();
        let claims: Vec<(String, String)> = [
            ("given_name", "Alex"),
            ("family_name", "Sample"),
            ("email", "alex.sample@contoso.com"),
            ("assurance_level", "IAL2"),
            ("photo", photo.claim_value()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let target = CallbackTarget::fresh(self.receiver.url());
        let mut events = self.receiver.expect_issuance(&target);
        let offer = self.client.create_issuance(&claims, &target).await.unwrap();
        self.sandbox.scan(&offer.request_id).await.unwrap();
        self.sandbox
            .complete(&offer.request_id, None)
            .await
            .unwrap();
        assert_eq!(
            next_event(&mut events).await,
            CallbackEvent::RequestRetrieved
        );
        assert_eq!(
            next_event(&mut events).await,
            CallbackEvent::IssuanceSuccessful
        );
        self.receiver.forget(&target.state);

        // What the stand-in received is the JPEG, in standard base64, and meets the rules.
        let record = self.sandbox.request(&offer.request_id).unwrap();
        assert_eq!(record.photo.unwrap().encoding, PhotoEncoding::Base64);
        let received = self.sandbox.issued_photo(&offer.request_id).unwrap();
        assert_eq!(received, photo.jpeg.to_vec());
        document::check_photo_claim(&received, document::PhotoClaimRules::default())
            .expect("the issued photo meets the rules");
        (offer.request_id, photo.claim_value().to_string())
    }

    /// The kiosk's verify request: its own card type and issuer, Face Check on `photo`.
    fn builder(&self) -> PresentationRequestBuilder {
        let config = self.client.config();
        PresentationRequest::builder(config.issuer_did.clone(), Registration::named("Help desk"))
            .credential_type(config.credential_type.clone())
            .accepted_issuer(config.issuer_did.clone())
            .constraint(ClaimConstraint::values("assurance_level", ["IAL2", "IAL3"]))
            .face_check("photo", DEFAULT_FACE_CHECK_THRESHOLD)
    }

    /// Creates the request, lets the wallet scan it, and returns what the session needs.
    async fn scanned(
        &self,
        builder: PresentationRequestBuilder,
    ) -> (
        String,
        verified_id::PresentationPolicy,
        mpsc::Receiver<CallbackEvent>,
    ) {
        let target = CallbackTarget::fresh(self.receiver.url());
        let request = builder.build(target.clone()).unwrap();
        let mut events = self.receiver.expect_presentation(&target);
        let offer = self.client.create_presentation(&request).await.unwrap();
        assert!(offer.url.starts_with("openid-vc://?request_uri="));
        assert_eq!(
            self.sandbox.request(&offer.request_id).unwrap().expiry,
            offer.expiry_unix
        );
        self.sandbox.scan(&offer.request_id).await.unwrap();
        let policy = request.policy();
        assert_eq!(
            policy.judge(next_event(&mut events).await),
            Some(PresentationUpdate::Retrieved)
        );
        (offer.request_id, policy, events)
    }

    /// The wallet presents (`presentation`); returns the judged update.
    async fn present(
        &self,
        builder: PresentationRequestBuilder,
        presentation: Presentation,
    ) -> PresentationUpdate {
        let (id, policy, mut events) = self.scanned(builder).await;
        let delivery = self.sandbox.present(&id, presentation).await.unwrap();
        assert_eq!(delivery.http_status, Some(200), "{delivery:?}");
        policy.judge(next_event(&mut events).await).unwrap()
    }
}

fn verified(update: PresentationUpdate) -> VerifiedPresentation {
    match update {
        PresentationUpdate::Verified(presentation) => presentation,
        other => panic!("not verified: {other:?}"),
    }
}

fn failed(update: PresentationUpdate) -> (PresentationFailureReason, Option<String>) {
    match update {
        PresentationUpdate::Failed(failure) => (failure.reason, failure.code),
        other => panic!("not failed: {other:?}"),
    }
}

#[tokio::test]
async fn an_issued_card_is_verified_with_face_check() {
    let desk = desk().await;
    let (_, photo) = desk.issue_card().await;
    let presentation = verified(
        desk.present(
            desk.builder(),
            Presentation {
                face_check_score: Some(91.25),
                ..Presentation::default()
            },
        )
        .await,
    );
    let credential = presentation.credential();
    assert_eq!(credential.issuer, desk.client.config().issuer_did);
    assert!(credential.types.contains(&"VerifiedEnrollment".to_string()));
    let face_check = presentation.face_check().unwrap();
    assert_eq!(face_check.match_confidence_score, 91.25);
    assert_eq!(face_check.source_photo_quality, Some(PhotoQuality::High));
    assert_eq!(
        presentation.revocation_status(),
        Some(&RevocationStatus::Valid)
    );
    assert_eq!(presentation.claim_text("given_name"), Some("Alex"));
    assert_eq!(presentation.claim_text("assurance_level"), Some("IAL2"));
    assert_eq!(presentation.claim_text("photo"), Some(photo.as_str()));
    assert!(credential.issuance_date.is_some() && credential.expiration_date.is_some());
    let debug = format!("{presentation:?}");
    for private in ["Alex", "Sample", "contoso", &photo[..24]] {
        assert!(!debug.contains(private), "{private} in {debug}");
    }
}

#[tokio::test]
async fn a_face_check_score_below_the_threshold_fails() {
    let desk = desk().await;
    desk.issue_card().await;
    let (reason, code) = failed(
        desk.present(
            desk.builder(),
            Presentation {
                face_check_score: Some(64.0),
                ..Presentation::default()
            },
        )
        .await,
    );
    assert_eq!(
        reason,
        PresentationFailureReason::FaceCheckBelowThreshold {
            score: None,
            threshold: Some(70)
        }
    );
    assert_eq!(code.as_deref(), Some("claimValidationError"));
    // A stricter threshold than the default score (86.3) fails too.
    let (reason, _) = failed(
        desk.present(
            desk.builder().face_check("photo", 90),
            Presentation::default(),
        )
        .await,
    );
    assert!(matches!(
        reason,
        PresentationFailureReason::FaceCheckBelowThreshold {
            threshold: Some(90),
            ..
        }
    ));
}

#[tokio::test]
async fn a_revoked_card_fails_unless_revoked_cards_are_allowed() {
    let desk = desk().await;
    let (card, _) = desk.issue_card().await;
    desk.sandbox.revoke(&card).unwrap();
    let (reason, code) = failed(desk.present(desk.builder(), Presentation::default()).await);
    assert_eq!(reason, PresentationFailureReason::Revoked);
    assert_eq!(code.as_deref(), Some("tokenError"));
    let shown = verified(
        desk.present(desk.builder().allow_revoked(true), Presentation::default())
            .await,
    );
    assert_eq!(shown.revocation_status(), Some(&RevocationStatus::Revoked));
}

#[tokio::test]
async fn a_card_of_another_issuer_or_type_fails() {
    let desk = desk().await;
    desk.issue_card().await;
    for presentation in [
        Presentation {
            issuer: Some("did:web:other.example".into()),
            ..Presentation::default()
        },
        Presentation {
            credential_type: Some("SomeOtherCard".into()),
            ..Presentation::default()
        },
    ] {
        let (reason, code) = failed(desk.present(desk.builder(), presentation).await);
        assert_eq!(reason, PresentationFailureReason::WrongIssuerOrType);
        assert_eq!(code.as_deref(), Some("tokenError"));
    }
}

#[tokio::test]
async fn declining_and_other_wallet_errors_are_typed() {
    let desk = desk().await;
    desk.issue_card().await;

    let (id, policy, mut events) = desk.scanned(desk.builder()).await;
    desk.sandbox.decline(&id).await.unwrap();
    let (reason, code) = failed(policy.judge(next_event(&mut events).await).unwrap());
    assert_eq!(reason, PresentationFailureReason::UserDeclined);
    assert_eq!(code.as_deref(), Some("userCanceled"));

    // Through the control API, with a code of the test's choosing.
    let (id, policy, mut events) = desk.scanned(desk.builder()).await;
    let response = http()
        .post(
            desk.sandbox
                .base_url()
                .join(&format!("control/requests/{id}/fail"))
                .unwrap(),
        )
        .json(&json!({ "code": "internalServerError", "message": "presentation_service_error" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let PresentationUpdate::Failed(failure) = policy.judge(next_event(&mut events).await).unwrap()
    else {
        panic!()
    };
    assert_eq!(failure.reason, PresentationFailureReason::Other);
    assert_eq!(failure.code.as_deref(), Some("internalServerError"));
    assert_eq!(
        failure.message.as_deref(),
        Some("presentation_service_error")
    );
    assert!(!format!("{failure:?} {failure}").contains("presentation_service_error"));
}

#[tokio::test]
async fn the_control_api_present_verb_reaches_the_session() {
    let desk = desk().await;
    let (card, _) = desk.issue_card().await;
    let (id, policy, mut events) = desk.scanned(desk.builder()).await;
    let response = http()
        .post(
            desk.sandbox
                .base_url()
                .join(&format!("control/requests/{id}/present"))
                .unwrap(),
        )
        .json(&json!({ "credential": card, "faceCheckScore": 77.5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let delivery: Value = response.json().await.unwrap();
    assert_eq!(delivery["requestStatus"], "presentation_verified");
    assert_eq!(delivery["httpStatus"], 200);
    let presentation = verified(policy.judge(next_event(&mut events).await).unwrap());
    assert_eq!(
        presentation.face_check().unwrap().match_confidence_score,
        77.5
    );
}

#[tokio::test]
async fn an_expired_request_sends_nothing_and_the_offer_says_so() {
    let desk = desk().await;
    let target = CallbackTarget::fresh(desk.receiver.url());
    let request = desk.builder().build(target.clone()).unwrap();
    let mut events = desk.receiver.expect_presentation(&target);
    let offer = desk.client.create_presentation(&request).await.unwrap();
    assert!(!offer.has_expired(offer.expiry_unix - 1));
    assert!(offer.has_expired(offer.expiry_unix));
    desk.sandbox.expire(&offer.request_id).unwrap();
    assert!(matches!(
        desk.sandbox.scan(&offer.request_id).await,
        Err(sandbox::WalletError::Expired(_))
    ));
    let uri = offer.url.replace("openid-vc://?request_uri=", "");
    assert_eq!(http().get(uri).send().await.unwrap().status(), 404);
    assert!(
        events.try_recv().is_err(),
        "no callback for an expired request"
    );
}

#[tokio::test]
async fn face_check_without_billing_is_a_typed_refusal() {
    let desk = desk().await;
    desk.sandbox.set_face_check_billing(false);
    let request = desk
        .builder()
        .build(CallbackTarget::fresh(desk.receiver.url()))
        .unwrap();
    let error = desk.client.create_presentation(&request).await.unwrap_err();
    let Error::Service(service) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(service.kind(), ServiceErrorKind::BillingNotEnabled);
    assert_eq!(
        PresentationFailureReason::of_create_error(&error),
        Some(PresentationFailureReason::BillingNotEnabled)
    );
}

#[tokio::test]
async fn requests_the_service_would_refuse_are_not_sent() {
    let desk = desk().await;
    let target = CallbackTarget::fresh(desk.receiver.url());
    assert_eq!(
        desk.builder()
            .face_check("photo", 45)
            .build(target.clone())
            .unwrap_err(),
        PresentationRequestError::FaceCheckThreshold { threshold: 45 }
    );
    let mut request = desk.builder().build(target.clone()).unwrap();
    request.include_receipt = true;
    assert!(matches!(
        desk.client.create_presentation(&request).await,
        Err(Error::InvalidPresentationRequest(
            PresentationRequestError::ReceiptWithFaceCheck
        ))
    ));
    let mut request = desk.builder().build(target.clone()).unwrap();
    request.requested_credentials[0].constraints[0] =
        ClaimConstraint::values("assurance_level", Vec::<String>::new());
    assert!(matches!(
        desk.client.create_presentation(&request).await,
        Err(Error::InvalidPresentationRequest(
            PresentationRequestError::EmptyConstraint { .. }
        ))
    ));
    assert_eq!(
        desk.sandbox
            .calls(SandboxEndpoint::CreatePresentationRequest),
        0
    );

    // What only the service knows: this tenant's DID. Its documented refusal is typed.
    let request = PresentationRequest::builder("did:web:other.example", Registration::named("D"))
        .credential_type("VerifiedEnrollment")
        .build(target)
        .unwrap();
    let Err(Error::Service(service)) = desk.client.create_presentation(&request).await else {
        panic!()
    };
    assert_eq!(service.kind(), ServiceErrorKind::InvalidAuthority);
}

#[tokio::test]
async fn create_presentation_retries_throttling_like_issuance() {
    let desk = desk().await;
    desk.sandbox.inject(
        SandboxEndpoint::CreatePresentationRequest,
        Fault::TooManyRequests {
            retry_after: Some("0".into()),
        },
        1,
    );
    desk.sandbox.inject(
        SandboxEndpoint::CreatePresentationRequest,
        Fault::ServerError { status: 503 },
        1,
    );
    let request = desk
        .builder()
        .build(CallbackTarget::fresh(desk.receiver.url()))
        .unwrap();
    desk.client.create_presentation(&request).await.unwrap();
    assert_eq!(
        desk.sandbox
            .calls(SandboxEndpoint::CreatePresentationRequest),
        3
    );
}
