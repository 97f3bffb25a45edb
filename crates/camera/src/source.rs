//! The [`FrameSource`] trait, the capture thread that runs any source into a [`FrameSlot`]
//! (latest frame wins, stop with a flag and a join, reopen after a disconnect), and the file
//! source.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::decode::jpeg_len;
use crate::error::CameraError;
use crate::frame::{Frame, FrameSlot, PixelFormat, StreamFormat, MAX_FRAME_SIDE};

/// Something that produces camera frames, one blocking read at a time (a webcam, a script, files).
/// A source is created and used on the capture thread, so it need not be `Send`.
pub trait FrameSource {
    /// What the source delivers.
    fn stream_format(&self) -> StreamFormat;
    /// Blocks until the next frame and writes it into `frame`, reusing its buffer.
    fn read_frame(&mut self, frame: &mut Frame) -> Result<(), CameraError>;
}

/// Opens a [`FrameSource`] on the capture thread; called again to reopen after a disconnect.
pub trait SourceOpener: Send + 'static {
    fn open(&mut self) -> Result<Box<dyn FrameSource>, CameraError>;
}

impl<F> SourceOpener for F
where
    F: FnMut() -> Result<Box<dyn FrameSource>, CameraError> + Send + 'static,
{
    fn open(&mut self) -> Result<Box<dyn FrameSource>, CameraError> {
        self()
    }
}

/// What the capture thread is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureStatus {
    Opening,
    Running(StreamFormat),
    /// The source failed mid-stream; capture is trying to reopen it.
    Reconnecting {
        error: CameraError,
        attempt: u32,
    },
    /// Capture gave up (the first open failed, or reconnecting did).
    Failed(CameraError),
    /// The source ran out of frames (files without looping).
    Ended,
    Stopped,
}

/// When and how often to reopen a source that failed mid-stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecoveryPolicy {
    pub retry_every: Duration,
    /// `None`: keep trying until stopped.
    pub max_attempts: Option<u32>,
}

impl Default for RecoveryPolicy {
    fn default() -> Self {
        Self {
            retry_every: Duration::from_millis(500),
            max_attempts: None,
        }
    }
}

/// A running capture thread. Dropping it stops and joins the thread.
pub struct Capture {
    slot: Arc<FrameSlot>,
    status: watch::Receiver<CaptureStatus>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Capture {
    /// Starts a thread that opens the source and publishes its frames into a fresh slot.
    pub fn start(opener: impl SourceOpener, policy: RecoveryPolicy) -> Self {
        let slot = Arc::new(FrameSlot::new());
        let (tx, status) = watch::channel(CaptureStatus::Opening);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (slot, stop) = (slot.clone(), stop.clone());
            std::thread::Builder::new()
                .name("camera-capture".into())
                .spawn(move || run_capture(opener, policy, &slot, &tx, &stop))
                .expect("spawning the capture thread")
        };
        Self {
            slot,
            status,
            stop,
            thread: Some(thread),
        }
    }

    /// The latest-frame slot the thread publishes into.
    pub fn frames(&self) -> Arc<FrameSlot> {
        self.slot.clone()
    }

    /// The thread's status, for the UI and for waiting on failures.
    pub fn status(&self) -> watch::Receiver<CaptureStatus> {
        self.status.clone()
    }

    /// Sets the stop flag and joins the thread (at most one frame read later).
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn sleep_unless_stopped(d: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + d;
    while Instant::now() < end {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep((end - Instant::now()).min(Duration::from_millis(20)));
    }
    !stop.load(Ordering::SeqCst)
}

fn run_capture(
    mut opener: impl SourceOpener,
    policy: RecoveryPolicy,
    slot: &FrameSlot,
    status: &watch::Sender<CaptureStatus>,
    stop: &AtomicBool,
) {
    let mut seq = 0u64;
    let mut spare: Option<Frame> = None;
    let mut reconnecting: Option<(CameraError, u32)> = None;
    'outer: while !stop.load(Ordering::SeqCst) {
        let mut source = match opener.open() {
            Ok(s) => s,
            Err(e) => match reconnecting.take() {
                None => {
                    tracing::warn!(error = %e, "camera could not be opened");
                    status.send_replace(CaptureStatus::Failed(e));
                    break;
                }
                Some((_, attempt)) => {
                    if policy.max_attempts.is_some_and(|m| attempt >= m) {
                        status.send_replace(CaptureStatus::Failed(e));
                        break;
                    }
                    status.send_replace(CaptureStatus::Reconnecting {
                        error: e.clone(),
                        attempt: attempt + 1,
                    });
                    reconnecting = Some((e, attempt + 1));
                    if !sleep_unless_stopped(policy.retry_every, stop) {
                        break;
                    }
                    continue;
                }
            },
        };
        let format = source.stream_format();
        // Frame buffers are allocated from the declared size: refuse an oversized one first.
        if format.width > MAX_FRAME_SIDE || format.height > MAX_FRAME_SIDE {
            let e = CameraError::FrameTooLarge {
                width: format.width,
                height: format.height,
            };
            tracing::warn!(error = %e, "camera stream format refused");
            status.send_replace(CaptureStatus::Failed(e));
            break;
        }
        if reconnecting.take().is_some() {
            tracing::info!("camera reconnected");
        }
        status.send_replace(CaptureStatus::Running(format));
        let cap = format
            .format
            .raw_len(format.width, format.height)
            .unwrap_or(format.width as usize * format.height as usize);
        while !stop.load(Ordering::SeqCst) {
            let mut frame = spare.take().unwrap_or_else(|| Frame::with_capacity(cap));
            match source.read_frame(&mut frame) {
                Ok(()) => {
                    seq += 1;
                    frame.seq = seq;
                    // Reuse the replaced frame's buffer when no reader holds it any more.
                    if let Some(old) = slot.publish(Arc::new(frame)) {
                        spare = Arc::try_unwrap(old).ok();
                    }
                }
                Err(CameraError::EndOfStream) => {
                    status.send_replace(CaptureStatus::Ended);
                    break 'outer;
                }
                Err(e) if e.is_recoverable() => {
                    tracing::warn!(error = %e, "camera stream failed; reopening");
                    drop(source);
                    status.send_replace(CaptureStatus::Reconnecting {
                        error: e.clone(),
                        attempt: 1,
                    });
                    reconnecting = Some((e, 1));
                    if !sleep_unless_stopped(policy.retry_every, stop) {
                        break 'outer;
                    }
                    continue 'outer;
                }
                Err(e) => {
                    status.send_replace(CaptureStatus::Failed(e));
                    break 'outer;
                }
            }
        }
    }
    slot.close();
    status.send_if_modified(|s| {
        if matches!(s, CaptureStatus::Failed(_) | CaptureStatus::Ended) {
            false
        } else {
            *s = CaptureStatus::Stopped;
            true
        }
    });
}

/// Replays JPEG files from a folder (sorted by name) or an MJPEG stream file (concatenated JPEGs)
/// as MJPEG frames. Reads only; frames are never written anywhere.
pub struct FileSource {
    frames: Vec<Vec<u8>>,
    format: StreamFormat,
    next: usize,
    looping: bool,
    paced_from: Option<Instant>,
    produced: u64,
}

impl FileSource {
    /// A folder of `*.jpg` / `*.jpeg` files.
    pub fn from_folder(dir: &Path, fps: u32, looping: bool) -> Result<Self, CameraError> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| CameraError::Files(e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                    x.eq_ignore_ascii_case("jpg") || x.eq_ignore_ascii_case("jpeg")
                })
            })
            .collect();
        paths.sort();
        let frames = paths
            .iter()
            .map(|p| std::fs::read(p).map_err(|e| CameraError::Files(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_jpegs(frames, fps, looping)
    }

    /// An MJPEG stream file: JPEGs back to back (bytes between them are skipped).
    pub fn from_mjpeg_file(path: &Path, fps: u32, looping: bool) -> Result<Self, CameraError> {
        let bytes = std::fs::read(path).map_err(|e| CameraError::Files(e.to_string()))?;
        Self::from_jpegs(split_mjpeg(&bytes), fps, looping)
    }

    /// JPEGs already in memory.
    pub fn from_jpegs(frames: Vec<Vec<u8>>, fps: u32, looping: bool) -> Result<Self, CameraError> {
        let first = frames
            .first()
            .ok_or_else(|| CameraError::Files("no JPEG frames found".into()))?;
        let mut scratch = Vec::new();
        let (width, height) = crate::decode::decode_jpeg(first, true, &mut scratch)?;
        Ok(Self {
            frames,
            format: StreamFormat {
                format: PixelFormat::Mjpeg,
                width,
                height,
                fps,
            },
            next: 0,
            looping,
            paced_from: None,
            produced: 0,
        })
    }

    pub fn len(&self) -> usize {
        self.frames.len()
    }

    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}

/// Splits concatenated JPEGs.
pub fn split_mjpeg(mut bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while let Some(start) = bytes.windows(2).position(|w| w == [0xFF, 0xD8]) {
        bytes = &bytes[start..];
        match jpeg_len(bytes) {
            Some(n) => {
                out.push(bytes[..n].to_vec());
                bytes = &bytes[n..];
            }
            None => bytes = &bytes[2..],
        }
    }
    out
}

impl FrameSource for FileSource {
    fn stream_format(&self) -> StreamFormat {
        self.format
    }

    fn read_frame(&mut self, frame: &mut Frame) -> Result<(), CameraError> {
        if self.next >= self.frames.len() {
            if !self.looping {
                return Err(CameraError::EndOfStream);
            }
            self.next = 0;
        }
        if self.format.fps > 0 {
            let start = *self.paced_from.get_or_insert_with(Instant::now);
            let due =
                start + Duration::from_secs_f64(self.produced as f64 / f64::from(self.format.fps));
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
        let data = &self.frames[self.next];
        frame.fill(
            PixelFormat::Mjpeg,
            self.format.width,
            self.format.height,
            data,
        );
        self.next += 1;
        self.produced += 1;
        Ok(())
    }
}
