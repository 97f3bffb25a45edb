//! The async loop around [`Session`]: waits for an intent, an outcome or the next deadline,
//! feeds it in, performs the effects that come out through the ports (`enrollment::ports`), and
//! shows every new [`View`]. All decisions stay in the session; this file only moves data.

use std::sync::Arc;
use std::time::Instant;

use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::ports::{
    AuditTrail, Camera, CameraError, HandoffProgress, Issuing, Proofing, Verifying, WalletEvent,
};
use enrollment::session::{Effect, Event, Session, Ticket};
use enrollment::view::{Intent, View};

/// The adapters the driver performs effects through.
#[derive(Clone)]
pub struct Ports {
    pub camera: Arc<dyn Camera>,
    pub proofing: Arc<dyn Proofing>,
    pub issuing: Arc<dyn Issuing>,
    pub verifying: Arc<dyn Verifying>,
    pub audit: Arc<dyn AuditTrail>,
}

/// Where views go: the app forwards them to the webview.
pub trait ViewSink: Send + 'static {
    fn show(&mut self, view: &View);
    /// The session was wiped: drop anything derived from it (previews, cached views).
    fn wipe(&mut self);
}

fn now() -> Instant {
    // Through tokio so that tests can pause and advance time.
    tokio::time::Instant::now().into_std()
}

/// Runs the session until the intent channel closes.
pub async fn run(
    mut session: Session,
    ports: Ports,
    mut intents: mpsc::Receiver<Intent>,
    mut sink: impl ViewSink,
) {
    let (events_tx, mut events) = mpsc::channel::<Event>(64);
    let mut work = Outstanding::default();
    let mut shown: Option<View> = None;
    loop {
        while let Some(effect) = session.poll_effect() {
            perform(effect, &ports, &events_tx, &mut work, &mut sink, &mut shown);
        }
        let view = session.view(now());
        if shown.as_ref() != Some(&view) {
            sink.show(&view);
            shown = Some(view);
        }
        let deadline = session.next_deadline();
        tokio::select! {
            intent = intents.recv() => match intent {
                Some(intent) => session.handle(Event::Intent(intent), now()),
                None => break,
            },
            Some(event) = events.recv() => session.handle(event, now()),
            () = sleep_until(deadline), if deadline.is_some() => session.handle_timeout(now()),
        }
    }
    work.abort_all();
    ports.camera.stop();
}

async fn sleep_until(deadline: Option<Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(deadline.into()).await;
    }
}

/// Tasks in flight, so that Cancel and Stop can abandon them.
#[derive(Default)]
struct Outstanding {
    camera: Option<AbortHandle>,
    services: Vec<AbortHandle>,
}

impl Outstanding {
    fn abort_camera(&mut self) {
        if let Some(task) = self.camera.take() {
            task.abort();
        }
    }

    fn abort_services(&mut self) {
        for task in self.services.drain(..) {
            task.abort();
        }
    }

    fn abort_all(&mut self) {
        self.abort_camera();
        self.abort_services();
    }

    fn add_service(&mut self, task: AbortHandle) {
        self.services.retain(|task| !task.is_finished());
        self.services.push(task);
    }
}

fn perform(
    effect: Effect,
    ports: &Ports,
    events: &mpsc::Sender<Event>,
    work: &mut Outstanding,
    sink: &mut impl ViewSink,
    shown: &mut Option<View>,
) {
    match effect {
        Effect::StartCamera {
            ticket,
            step,
            document,
        } => {
            work.abort_camera();
            let camera = ports.camera.clone();
            let events = events.clone();
            let task = tokio::spawn(async move {
                let still = match camera.start(step, document).await {
                    Ok(()) => {
                        next_still_with_guidance(camera.as_ref(), step, ticket, &events).await
                    }
                    Err(error) => Err(error),
                };
                let event = match still {
                    Ok(image) => Event::Captured { ticket, image },
                    Err(error) => {
                        tracing::warn!(%error, ?step, "camera failed");
                        Event::CameraFailed { ticket }
                    }
                };
                let _ = events.send(event).await;
            });
            work.camera = Some(task.abort_handle());
        }
        Effect::CaptureStill { .. } => ports.camera.capture_now(),
        Effect::StopCamera => {
            work.abort_camera();
            ports.camera.stop();
        }
        Effect::StartPhoneHandoff {
            ticket,
            document_type,
            journey,
        } => {
            let proofing = ports.proofing.clone();
            let events = events.clone();
            let task = tokio::spawn(async move {
                let (progress_tx, mut progress) = mpsc::channel(8);
                let session = proofing.phone_handoff(document_type, journey, progress_tx);
                tokio::pin!(session);
                let result = loop {
                    tokio::select! {
                        result = &mut session => break result,
                        Some(update) = progress.recv() => {
                            let event = match update {
                                HandoffProgress::Ready { url } => Event::PhoneSessionReady { ticket, url },
                                HandoffProgress::StillWaiting => Event::PhoneSessionStillWaiting { ticket },
                            };
                            let _ = events.send(event).await;
                        }
                    }
                };
                let _ = events.send(proofing_event(ticket, result)).await;
            });
            work.add_service(task.abort_handle());
        }
        Effect::SubmitProofing { ticket, submission } => {
            let proofing = ports.proofing.clone();
            let events = events.clone();
            let task = tokio::spawn(async move {
                let result = proofing.verify(submission).await;
                let _ = events.send(proofing_event(ticket, result)).await;
            });
            work.add_service(task.abort_handle());
        }
        Effect::CreateOffer { ticket, claims } => {
            let issuing = ports.issuing.clone();
            let events = events.clone();
            let task = tokio::spawn(async move {
                let (wallet_tx, mut wallet) = mpsc::channel(8);
                match issuing.create_offer(claims, wallet_tx).await {
                    Ok(offer) => {
                        let _ = events.send(Event::OfferReady { ticket, offer }).await;
                    }
                    Err(error) => {
                        tracing::warn!(%error, "credential offer failed");
                        let _ = events.send(Event::OfferFailed { ticket }).await;
                        return;
                    }
                }
                while let Some(update) = wallet.recv().await {
                    let event = match update {
                        WalletEvent::Scanned => Event::WalletScanned { ticket },
                        WalletEvent::Added => Event::WalletAdded { ticket },
                        WalletEvent::Failed { reason } => Event::WalletFailed { ticket, reason },
                    };
                    if events.send(event).await.is_err() {
                        break;
                    }
                }
            });
            work.add_service(task.abort_handle());
        }
        Effect::RequestPresentation {
            ticket,
            purpose,
            face_check,
        } => {
            let verifying = ports.verifying.clone();
            let events = events.clone();
            let task = tokio::spawn(async move {
                let (presented_tx, mut presented) = mpsc::channel(8);
                match verifying
                    .request_presentation(purpose, face_check, presented_tx)
                    .await
                {
                    Ok(request) => {
                        let _ = events
                            .send(Event::PresentationReady { ticket, request })
                            .await;
                    }
                    Err(failure) => {
                        let _ = events
                            .send(Event::PresentationRefused { ticket, failure })
                            .await;
                        return;
                    }
                }
                while let Some(event) = presented.recv().await {
                    if events
                        .send(Event::Presentation { ticket, event })
                        .await
                        .is_err()
                    {
                        break;
                    }
                }
            });
            work.add_service(task.abort_handle());
        }
        Effect::CancelOutstanding => work.abort_services(),
        Effect::WipeSession => {
            *shown = None;
            sink.wipe();
        }
        Effect::Audit(event) => ports.audit.record(event),
    }
}

/// Waits for the still, forwarding every change of the camera's live verdict meanwhile.
async fn next_still_with_guidance(
    camera: &dyn Camera,
    step: CaptureStep,
    ticket: Ticket,
    events: &mpsc::Sender<Event>,
) -> Result<CapturedImage, CameraError> {
    let Some(mut guidance) = camera.guidance() else {
        return camera.next_still(step).await;
    };
    let still = camera.next_still(step);
    tokio::pin!(still);
    let mut watching = true;
    loop {
        tokio::select! {
            result = &mut still => return result,
            changed = guidance.changed(), if watching => {
                if changed.is_err() {
                    watching = false;
                    continue;
                }
                let latest = *guidance.borrow_and_update();
                if let Some(guidance) = latest {
                    let _ = events.send(Event::CameraGuidance { ticket, guidance }).await;
                }
            }
        }
    }
}

fn proofing_event(
    ticket: Ticket,
    result: Result<enrollment::claims::ProofingApproval, enrollment::domain::ProofingFailure>,
) -> Event {
    match result {
        Ok(approval) => Event::ProofingApproved { ticket, approval },
        Err(failure) => Event::ProofingFailed { ticket, failure },
    }
}
