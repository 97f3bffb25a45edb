//! Kiosk time on the way to the credential QR (target: under 50 ms of kiosk time): from "identity verified" to the
//! offer view the webview draws (the issuing service's own time excluded), and from a wallet
//! callback arriving at our receiver to the status in the view.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use enrollment::claims::ProofingApproval;
use enrollment::domain::CredentialOffer;
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::session::{Effect, Event, Session, Ticket};
use enrollment::view::{Screen, WalletStatus};
use enrollment::{CaptureMethod, DocumentType, IntakeForm, Intent, SessionSettings};
use verified_id::callback::{CallbackEvent, CallbackReceiver};
use verified_id::CallbackTarget;
use zeroize::Zeroizing;

const OFFER_URL: &str = "openid-vc://?request_uri=https://verifiedid.did.msidentity.com/v1.0/tenants/aaaabbbb-0000-cccc-1111-dddd2222eeee/verifiableCredentials/issuanceRequests/799f23ea-5241-45af-99ad-cf8e5018814e";

fn approval() -> ProofingApproval {
    ProofingApproval {
        given_name: Some("Ada".into()),
        family_name: Some("Lovelace".into()),
        document_country: Some("USA".into()),
        proofing_reference: "bench".into(),
        verified_at: "2026-11-26T10:00:00Z".into(),
        document_checks_passed: true,
        liveness_passed: true,
        face_match_passed: true,
        evidence: enrollment::claims::EvidenceValidation::AutomatedDocumentAuthentication,
        photo: None,
    }
}

/// A session waiting on verification, and the ticket its results must carry.
fn verifying_session() -> (Session, Ticket, Instant) {
    let now = Instant::now();
    let mut session = Session::new(SessionSettings::default(), now);
    session.handle(Event::Intent(Intent::Start), now);
    let mut form = IntakeForm::default();
    form.email = "ada@example.com".into();
    form.document_type = Some(DocumentType::DriversLicense);
    form.capture_method = Some(CaptureMethod::KioskCamera);
    form.consent = true;
    session.handle(Event::Intent(Intent::SubmitIntake { form }), now);
    let mut ticket = Ticket::default();
    for step in [
        CaptureStep::DocumentFront,
        CaptureStep::DocumentBack,
        CaptureStep::Selfie,
    ] {
        while let Some(effect) = session.poll_effect() {
            if let Effect::StartCamera { ticket: t, .. } = effect {
                ticket = t;
            }
        }
        let image = CapturedImage {
            step,
            jpeg: Zeroizing::new(vec![0xFF, 0xD8, 0xFF, 0xD9]),
            width: 1,
            height: 1,
        };
        session.handle(Event::Captured { ticket, image }, now);
        session.handle(Event::Intent(Intent::UsePhoto), now);
    }
    while let Some(effect) = session.poll_effect() {
        if let Effect::SubmitProofing { ticket: t, .. } = effect {
            ticket = t;
        }
    }
    (session, ticket, now)
}

fn approved_to_offer_view(c: &mut Criterion) {
    c.bench_function("approved → offer view serialised for the webview", |b| {
        b.iter_batched(
            verifying_session,
            |(mut session, ticket, now)| {
                session.handle(
                    Event::ProofingApproved {
                        ticket,
                        approval: approval(),
                    },
                    now,
                );
                let mut offer_ticket = ticket;
                while let Some(effect) = session.poll_effect() {
                    if let Effect::CreateOffer { ticket, .. } = effect {
                        offer_ticket = ticket;
                    }
                }
                let offer = CredentialOffer {
                    url: OFFER_URL.into(),
                    pin: Some("1234".into()),
                    expires_at: now + Duration::from_secs(300),
                };
                session.handle(
                    Event::OfferReady {
                        ticket: offer_ticket,
                        offer,
                    },
                    now,
                );
                let view = session.view(now);
                assert!(matches!(view.screen, Screen::OfferCredential { .. }));
                serde_json::to_vec(&view).expect("the view serialises")
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

fn callback_to_status(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let receiver = runtime.block_on(async {
        Arc::new(
            CallbackReceiver::bind(SocketAddr::from(([127, 0, 0, 1], 0)), None)
                .await
                .expect("the receiver binds"),
        )
    });
    let http = verified_id::http_client().expect("an HTTP client");
    c.bench_function("wallet callback POST → status in the view", |b| {
        b.iter_batched(
            || {
                let (mut session, ticket, now) = verifying_session();
                session.handle(
                    Event::ProofingApproved {
                        ticket,
                        approval: approval(),
                    },
                    now,
                );
                let mut offer_ticket = ticket;
                while let Some(effect) = session.poll_effect() {
                    if let Effect::CreateOffer { ticket, .. } = effect {
                        offer_ticket = ticket;
                    }
                }
                let offer = CredentialOffer {
                    url: OFFER_URL.into(),
                    pin: None,
                    expires_at: now + Duration::from_secs(300),
                };
                session.handle(
                    Event::OfferReady {
                        ticket: offer_ticket,
                        offer,
                    },
                    now,
                );
                let target = CallbackTarget::fresh(receiver.url());
                let events = receiver.expect(&target);
                (session, offer_ticket, now, target, events)
            },
            |(mut session, ticket, now, target, mut events)| {
                use secrecy::ExposeSecret;
                runtime.block_on(async {
                    let body = serde_json::json!({
                        "requestId": "799f23ea-5241-45af-99ad-cf8e5018814e",
                        "requestStatus": "request_retrieved",
                        "state": target.state,
                    });
                    let response = http
                        .post(target.url.clone())
                        .header("api-key", target.api_key.expose_secret())
                        .json(&body)
                        .send()
                        .await
                        .expect("the receiver answers");
                    assert!(response.status().is_success());
                    let event = events.recv().await.expect("the event arrives");
                    assert!(matches!(event, CallbackEvent::RequestRetrieved));
                });
                session.handle(Event::WalletScanned { ticket }, now);
                let view = session.view(now);
                assert!(matches!(
                    view.screen,
                    Screen::OfferCredential {
                        status: WalletStatus::Scanned,
                        ..
                    }
                ));
                receiver.forget(&target.state);
                serde_json::to_vec(&view).expect("the view serialises")
            },
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, approved_to_offer_view, callback_to_status);
criterion_main!(benches);
