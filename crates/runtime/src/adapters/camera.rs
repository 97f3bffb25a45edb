//! [`Camera`] through `crates/camera`: a capture thread per step (a webcam, or the synthetic
//! source in demo mode), an analysis thread that judges the newest frame (decimated; it skips
//! the frames it was too slow for and never holds up the preview), auto-capture after N good
//! frames in a row, and the [`PreviewFeed`] the shell serves preview frames and the review copy
//! from. The still that goes to proofing is the full-resolution frame; the webview only ever
//! gets preview frames and a downscaled review copy.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use async_trait::async_trait;
use camera::{
    Analyzer, AutoCapture, Capture, CaptureKind, CaptureStatus, Frame, FrameSlot, Instruction,
    PreviewFrame, PreviewPreparer, RecoveryPolicy, SourceOpener, Still,
};
use tokio::sync::{mpsc, watch, Notify};

use enrollment::domain::{CameraGuidance, DocumentType};
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::ports::{Camera, CameraError};

/// Makes the source for a step (called on every start; its `open` runs on the capture thread).
pub type SourceFactory = dyn Fn(CaptureStep) -> Box<dyn SourceOpener> + Send + Sync;

/// Replaces a captured still with another image of the same step. Demo mode only: the
/// synthetic camera's stills are swapped for generated document images that the local
/// document reading and the 1Kosmos stand-in accept.
pub type StillSubstitute =
    dyn Fn(CaptureStep, DocumentType) -> Result<CapturedImage, CameraError> + Send + Sync;

/// Good analysed frames in a row before the camera captures by itself.
pub const DEFAULT_GOOD_FRAMES: u32 = 8;
/// How long `start` waits for the source to deliver its first frame or fail.
const OPEN_TIMEOUT: Duration = Duration::from_secs(8);

pub struct LiveCamera {
    sources: Box<SourceFactory>,
    substitute: Option<Arc<StillSubstitute>>,
    good_frames: u32,
    running: Mutex<Option<Running>>,
    guidance: Arc<watch::Sender<Option<CameraGuidance>>>,
    generation: AtomicU64,
    /// Counts stops, so that a start still opening its source when a stop arrives gives up
    /// instead of leaving the camera on.
    stops: AtomicU64,
    feed: Arc<PreviewFeed>,
}

struct Running {
    /// `None` for the admin screen's preview: no step, so no still.
    step: Option<CaptureStep>,
    /// What is being photographed (the still substitute draws the same kind of document).
    document: DocumentType,
    capture: Option<Capture>,
    stop: Arc<AtomicBool>,
    analysis: Option<JoinHandle<()>>,
    auto_stills: Arc<tokio::sync::Mutex<mpsc::Receiver<Arc<Frame>>>>,
    manual: Arc<Notify>,
    frames: Arc<FrameSlot>,
    status: watch::Receiver<CaptureStatus>,
}

impl Running {
    fn shutdown(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(capture) = self.capture.take() {
            capture.stop();
        }
        if let Some(thread) = self.analysis.take() {
            let _ = thread.join();
        }
    }
}

impl LiveCamera {
    pub fn new(sources: Box<SourceFactory>) -> Self {
        Self {
            sources,
            substitute: None,
            good_frames: DEFAULT_GOOD_FRAMES,
            running: Mutex::new(None),
            guidance: Arc::new(watch::Sender::new(None)),
            generation: AtomicU64::new(0),
            stops: AtomicU64::new(0),
            feed: Arc::new(PreviewFeed::default()),
        }
    }

    /// Auto-capture after `n` good analysed frames in a row.
    pub fn with_good_frames(mut self, n: u32) -> Self {
        self.good_frames = n.max(1);
        self
    }

    /// Demo mode: see [`StillSubstitute`].
    pub fn with_still_substitute(mut self, substitute: Arc<StillSubstitute>) -> Self {
        self.substitute = Some(substitute);
        self
    }

    /// Where the shell takes preview frames and the review copy from.
    pub fn feed(&self) -> Arc<PreviewFeed> {
        self.feed.clone()
    }

    fn take_running(&self) -> Option<Running> {
        self.running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }
}

fn port_error(error: camera::CameraError) -> CameraError {
    match error {
        camera::CameraError::NoCamera => CameraError::NoCamera,
        camera::CameraError::Busy => CameraError::Busy,
        camera::CameraError::PermissionDenied => CameraError::PermissionDenied,
        other => CameraError::Stopped(other.to_string()),
    }
}

fn guidance_of(instruction: Instruction) -> CameraGuidance {
    match instruction {
        Instruction::PlaceDocument => CameraGuidance::PlaceDocument,
        Instruction::MoveCloser => CameraGuidance::MoveCloser,
        Instruction::HoldStill => CameraGuidance::HoldStill,
        Instruction::ReduceGlare => CameraGuidance::ReduceGlare,
        Instruction::MoreLight => CameraGuidance::MoreLight,
        Instruction::FaceCamera => CameraGuidance::FaceCamera,
        Instruction::LooksGood => CameraGuidance::LooksGood,
    }
}

fn kind_of(step: CaptureStep) -> CaptureKind {
    match step {
        CaptureStep::Selfie => CaptureKind::Selfie,
        CaptureStep::DocumentFront | CaptureStep::DocumentBack => CaptureKind::Document,
    }
}

/// The analysis thread: always the newest frame, decimated inside the analyser; frames that
/// arrive while it works are skipped, so the preview never waits for it.
fn analyse(
    frames: Arc<FrameSlot>,
    kind: CaptureKind,
    good_frames: u32,
    stop: Arc<AtomicBool>,
    guidance: Arc<watch::Sender<Option<CameraGuidance>>>,
    stills: mpsc::Sender<Arc<Frame>>,
) {
    let mut analyzer = Analyzer::default();
    let mut auto = AutoCapture::new(good_frames);
    let mut last = 0;
    while !stop.load(Ordering::SeqCst) {
        let Some(frame) = frames.wait_newer(last, Duration::from_millis(100)) else {
            if frames.is_closed() {
                break;
            }
            continue;
        };
        last = frame.seq;
        match analyzer.analyze_frame(&frame, kind) {
            Ok(analysis) => {
                let next = Some(guidance_of(analysis.instruction));
                guidance.send_if_modified(|shown| {
                    let changed = *shown != next;
                    *shown = next;
                    changed
                });
                if auto.observe(&analysis) {
                    let _ = stills.try_send(frame);
                }
            }
            Err(error) => tracing::debug!(%error, "a frame could not be analysed"),
        }
    }
}

async fn failure(status: &mut watch::Receiver<CaptureStatus>) -> CameraError {
    match status
        .wait_for(|s| {
            matches!(
                s,
                CaptureStatus::Failed(_) | CaptureStatus::Ended | CaptureStatus::Stopped
            )
        })
        .await
    {
        Ok(s) => match &*s {
            CaptureStatus::Failed(error) => port_error(error.clone()),
            _ => CameraError::Stopped("the camera stopped".into()),
        },
        Err(_) => CameraError::Stopped("the camera stopped".into()),
    }
}

/// Starts a capture thread on `opener` and waits until it delivers or fails.
async fn open_capture(
    mut opener: Box<dyn SourceOpener>,
) -> Result<(Capture, watch::Receiver<CaptureStatus>), CameraError> {
    let capture = Capture::start(move || opener.open(), RecoveryPolicy::default());
    let mut status = capture.status();
    let opened = match tokio::time::timeout(
        OPEN_TIMEOUT,
        status.wait_for(|s| !matches!(s, CaptureStatus::Opening)),
    )
    .await
    {
        Ok(Ok(s)) => match &*s {
            CaptureStatus::Running(_) => Ok(()),
            CaptureStatus::Failed(error) => Err(port_error(error.clone())),
            other => Err(CameraError::Stopped(format!("{other:?}"))),
        },
        Ok(Err(_)) => Err(CameraError::Stopped("the camera stopped".into())),
        Err(_) => Err(CameraError::Stopped("the camera did not start".into())),
    };
    opened?;
    Ok((capture, status))
}

impl LiveCamera {
    /// Makes `running` the camera's current run, ending the one before.
    fn install(&self, running: Running) {
        let previous = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(running);
        if let Some(previous) = previous {
            previous.shutdown();
        }
    }

    /// After a source opened: gives it up if a stop came meanwhile.
    fn still_wanted(&self, epoch: u64, capture: Capture) -> Result<Capture, CameraError> {
        if self.stops.load(Ordering::SeqCst) == epoch {
            return Ok(capture);
        }
        capture.stop();
        Err(CameraError::Stopped("the camera was stopped".into()))
    }

    /// The admin screen's preview of one camera: its frames in the preview feed, with no
    /// analysis and no stills. Replaces whatever ran; [`Camera::stop`] ends it.
    pub async fn start_preview(&self, opener: Box<dyn SourceOpener>) -> Result<(), CameraError> {
        self.stop();
        let epoch = self.stops.load(Ordering::SeqCst);
        let (capture, status) = open_capture(opener).await?;
        let capture = self.still_wanted(epoch, capture)?;
        let frames = capture.frames();
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.feed.show(generation, frames.clone());
        let (_, stills) = mpsc::channel(1);
        let running = Running {
            step: None,
            document: DocumentType::DriversLicense,
            capture: Some(capture),
            stop: Arc::new(AtomicBool::new(false)),
            analysis: None,
            auto_stills: Arc::new(tokio::sync::Mutex::new(stills)),
            manual: Arc::new(Notify::new()),
            frames,
            status,
        };
        self.install(running);
        Ok(())
    }
}

#[async_trait]
impl Camera for LiveCamera {
    async fn start(&self, step: CaptureStep, document: DocumentType) -> Result<(), CameraError> {
        self.stop();
        let epoch = self.stops.load(Ordering::SeqCst);
        let (capture, status) = open_capture((self.sources)(step)).await?;
        let capture = self.still_wanted(epoch, capture)?;
        let frames = capture.frames();
        let stop = Arc::new(AtomicBool::new(false));
        let (stills_tx, stills_rx) = mpsc::channel(1);
        self.guidance.send_replace(None);
        let analysis = {
            let (frames, stop, guidance) = (frames.clone(), stop.clone(), self.guidance.clone());
            let (kind, good) = (kind_of(step), self.good_frames);
            std::thread::Builder::new()
                .name("camera-analysis".into())
                .spawn(move || analyse(frames, kind, good, stop, guidance, stills_tx))
                .map_err(|e| CameraError::Stopped(e.to_string()))?
        };
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.feed.show(generation, frames.clone());
        let running = Running {
            step: Some(step),
            document,
            capture: Some(capture),
            stop,
            analysis: Some(analysis),
            auto_stills: Arc::new(tokio::sync::Mutex::new(stills_rx)),
            manual: Arc::new(Notify::new()),
            frames,
            status,
        };
        self.install(running);
        Ok(())
    }

    fn guidance(&self) -> Option<watch::Receiver<Option<CameraGuidance>>> {
        Some(self.guidance.subscribe())
    }

    async fn next_still(&self, step: CaptureStep) -> Result<CapturedImage, CameraError> {
        let (auto, manual, frames, mut status, document) = {
            let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
            match running.as_ref().filter(|r| r.step == Some(step)) {
                Some(r) => (
                    r.auto_stills.clone(),
                    r.manual.clone(),
                    r.frames.clone(),
                    r.status.clone(),
                    r.document,
                ),
                None => return Err(CameraError::Stopped("the camera was stopped".into())),
            }
        };
        let frame = tokio::select! {
            frame = async { auto.lock().await.recv().await } => frame,
            () = manual.notified() => match frames.latest() {
                Some(frame) => Some(frame),
                None => frames.next_after(0).await,
            },
            error = failure(&mut status) => return Err(error),
        }
        .ok_or_else(|| CameraError::Stopped("the camera was stopped".into()))?;
        let substitute = self.substitute.clone();
        let (image, review) = tokio::task::spawn_blocking(move || {
            let still = Still::from_frame(&frame).map_err(port_error)?;
            drop(frame);
            let image = match substitute {
                Some(substitute) => substitute(step, document)?,
                None => CapturedImage {
                    step,
                    jpeg: still.jpeg.clone(),
                    width: still.width,
                    height: still.height,
                },
            };
            let proofed = Still {
                jpeg: image.jpeg.clone(),
                width: image.width,
                height: image.height,
            };
            let review = proofed.review_copy().map_err(port_error)?;
            Ok::<_, CameraError>((image, review))
        })
        .await
        .map_err(|e| CameraError::Stopped(e.to_string()))??;
        self.feed.set_review(step, review);
        Ok(image)
    }

    fn capture_now(&self) {
        if let Some(running) = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            running.manual.notify_one();
        }
    }

    fn stop(&self) {
        self.stops.fetch_add(1, Ordering::SeqCst);
        self.feed.hide();
        if let Some(running) = self.take_running() {
            running.shutdown();
        }
        self.guidance.send_replace(None);
    }
}

impl Drop for LiveCamera {
    fn drop(&mut self) {
        if let Some(running) = self.take_running() {
            running.shutdown();
        }
    }
}

/// One preview frame for the webview: the JPEG and what the UI needs to place and time it.
#[derive(Debug)]
pub struct PreviewImage {
    /// Increases across captures: the capture's generation in the high 32 bits, the frame's
    /// sequence number in the low ones. The UI passes the last one it painted back.
    pub seq: u64,
    /// When the frame was captured, in microseconds since the Unix epoch (for frame age).
    pub captured_unix_micros: u64,
    pub frame: PreviewFrame,
}

/// The running capture's frames for the preview, and the review copy of the last still.
#[derive(Default)]
pub struct PreviewFeed {
    current: watch::Sender<Option<(u64, Arc<FrameSlot>)>>,
    preparer: Arc<Mutex<PreviewPreparer>>,
    review: Mutex<Option<(CaptureStep, PreviewFrame)>>,
}

impl PreviewFeed {
    fn show(&self, generation: u64, frames: Arc<FrameSlot>) {
        self.current.send_replace(Some((generation, frames)));
    }

    fn hide(&self) {
        self.current.send_replace(None);
    }

    fn set_review(&self, step: CaptureStep, copy: PreviewFrame) {
        *self.review.lock().unwrap_or_else(|e| e.into_inner()) = Some((step, copy));
    }

    /// The downscaled copy (at most 640 px wide) of the last still, for the review screen.
    pub fn review_copy(&self, step: CaptureStep) -> Option<PreviewFrame> {
        self.review
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .filter(|(s, _)| *s == step)
            .map(|(_, copy)| copy.clone())
    }

    /// Drops the review copy (the session left the review screen, or was wiped).
    pub fn forget_review(&self) {
        self.review.lock().unwrap_or_else(|e| e.into_inner()).take();
    }

    /// Waits up to `wait` for a frame newer than `after` (latest wins: frames the caller was
    /// too slow for are skipped) and prepares it for the webview; `None` when no camera runs.
    pub async fn next_frame(&self, after: u64, wait: Duration) -> Option<PreviewImage> {
        let deadline = tokio::time::Instant::now() + wait;
        let mut current = self.current.subscribe();
        loop {
            let shown = current.borrow_and_update().clone();
            let frame = match shown {
                Some((generation, slot)) => {
                    let after_seq = if after >> 32 == generation {
                        after & 0xFFFF_FFFF
                    } else {
                        0
                    };
                    tokio::select! {
                        frame = slot.next_after(after_seq) => frame.map(|f| (generation, f)),
                        _ = current.changed() => continue,
                        () = tokio::time::sleep_until(deadline) => return None,
                    }
                }
                None => None,
            };
            let Some((generation, frame)) = frame else {
                // No camera, or its stream closed: wait for the next one.
                tokio::select! {
                    changed = current.changed() => if changed.is_err() { return None },
                    () = tokio::time::sleep_until(deadline) => return None,
                }
                continue;
            };
            let preparer = self.preparer.clone();
            let prepared = tokio::task::spawn_blocking(move || {
                let age = frame.captured_at.elapsed();
                let captured = std::time::SystemTime::now()
                    .checked_sub(age)
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_micros() as u64);
                let prepared = preparer
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .prepare(&frame);
                prepared.map(|p| (p, captured))
            })
            .await
            .ok()?;
            match prepared {
                Ok((frame, captured_unix_micros)) => {
                    return Some(PreviewImage {
                        seq: (generation << 32) | (frame.seq & 0xFFFF_FFFF),
                        captured_unix_micros,
                        frame,
                    })
                }
                Err(error) => {
                    tracing::debug!(%error, "a preview frame could not be prepared");
                    return None;
                }
            }
        }
    }
}
