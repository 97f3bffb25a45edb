//! Raw frames as a webcam delivers them, and the latest-frame-wins slot they are published in.

use std::fmt;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use crate::error::CameraError;

/// The pixel layouts webcams deliver (and every source here produces).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PixelFormat {
    /// One JPEG per frame; the buffer may carry trailing bytes after the EOI marker.
    Mjpeg,
    /// Packed 4:2:2, `Y0 U Y1 V`, 2 bytes per pixel.
    Yuyv,
    /// Planar 4:2:0: a full Y plane, then interleaved `U V` at half resolution.
    Nv12,
}

impl PixelFormat {
    /// The exact buffer size of an uncompressed frame, `None` for MJPEG. Never overflows: a size
    /// past `usize::MAX` saturates (such a frame is refused by [`check_frame_size`] anyway).
    pub fn raw_len(self, width: u32, height: u32) -> Option<usize> {
        let (w, h) = (u128::from(width), u128::from(height));
        let len = match self {
            Self::Mjpeg => return None,
            Self::Yuyv => w * h * 2,
            Self::Nv12 => w * h + 2 * w.div_ceil(2) * h.div_ceil(2),
        };
        Some(usize::try_from(len).unwrap_or(usize::MAX))
    }
}

/// The widest and tallest frame accepted, in pixels (8K). Larger declared sizes are refused
/// with [`CameraError::FrameTooLarge`] before anything is allocated from them.
pub const MAX_FRAME_SIDE: u32 = 8192;

/// Whether a declared frame size can be decoded: at most [`MAX_FRAME_SIDE`] each way
/// ([`CameraError::FrameTooLarge`]) and not empty ([`CameraError::Decode`]).
pub fn check_frame_size(width: u32, height: u32) -> Result<(), CameraError> {
    if width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE {
        return Err(CameraError::FrameTooLarge { width, height });
    }
    if width == 0 || height == 0 {
        return Err(CameraError::Decode(format!(
            "a {width}x{height} frame has no pixels"
        )));
    }
    Ok(())
}

/// A stream's shape: what a source delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StreamFormat {
    pub format: PixelFormat,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
}

/// One camera frame. Personal data: the bytes are wiped on drop and never appear in `Debug`.
pub struct Frame {
    pub format: PixelFormat,
    pub width: u32,
    pub height: u32,
    /// The raw bytes (for MJPEG: one JPEG, possibly followed by trailing bytes).
    pub data: Zeroizing<Vec<u8>>,
    /// Set by the capture thread: strictly increasing per [`FrameSlot`].
    pub seq: u64,
    pub captured_at: Instant,
}

impl Frame {
    /// An empty frame whose buffer is allocated up front (so it never reallocates, leaving
    /// unwiped copies behind) for frames of up to `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            format: PixelFormat::Mjpeg,
            width: 0,
            height: 0,
            data: Zeroizing::new(Vec::with_capacity(capacity)),
            seq: 0,
            captured_at: Instant::now(),
        }
    }

    /// Replaces the contents, reusing the buffer.
    pub fn fill(&mut self, format: PixelFormat, width: u32, height: u32, bytes: &[u8]) {
        self.format = format;
        self.width = width;
        self.height = height;
        self.data.clear();
        self.data.extend_from_slice(bytes);
        self.captured_at = Instant::now();
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("format", &self.format)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("bytes", &self.data.len())
            .field("seq", &self.seq)
            .finish()
    }
}

struct SlotState {
    frame: Option<Arc<Frame>>,
    closed: bool,
}

/// A one-frame mailbox: the capture thread publishes, readers take the newest frame and skip
/// the ones they were too slow for. Blocking waits for threads, async waits for tasks.
pub struct FrameSlot {
    state: Mutex<SlotState>,
    cond: Condvar,
    seq: tokio::sync::watch::Sender<u64>,
}

impl Default for FrameSlot {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameSlot {
    pub fn new() -> Self {
        Self {
            state: Mutex::new(SlotState {
                frame: None,
                closed: false,
            }),
            cond: Condvar::new(),
            seq: tokio::sync::watch::Sender::new(0),
        }
    }

    /// Publishes a frame (its `seq` must be higher than the last one) and hands back the one it
    /// replaced, so the publisher can reuse its buffer when nobody else holds it.
    pub fn publish(&self, frame: Arc<Frame>) -> Option<Arc<Frame>> {
        let seq = frame.seq;
        let old = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            st.frame.replace(frame)
        };
        self.cond.notify_all();
        self.seq.send_replace(seq);
        old
    }

    /// The newest frame, if any.
    pub fn latest(&self) -> Option<Arc<Frame>> {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .frame
            .clone()
    }

    /// Blocks until a frame newer than `after` is there (returns it), the slot is closed or the
    /// timeout passes (both `None`).
    pub fn wait_newer(&self, after: u64, timeout: Duration) -> Option<Arc<Frame>> {
        let deadline = Instant::now() + timeout;
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(f) = st.frame.as_ref().filter(|f| f.seq > after) {
                return Some(f.clone());
            }
            let now = Instant::now();
            if st.closed || now >= deadline {
                return None;
            }
            st = self
                .cond
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits (async) for a frame newer than `after`; `None` once the slot is closed.
    pub async fn next_after(&self, after: u64) -> Option<Arc<Frame>> {
        let mut rx = self.seq.subscribe();
        loop {
            {
                let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(f) = st.frame.as_ref().filter(|f| f.seq > after) {
                    return Some(f.clone());
                }
                if st.closed {
                    return None;
                }
            }
            if rx.changed().await.is_err() {
                return None;
            }
        }
    }

    /// Marks the end of the stream, drops the held frame and wakes every waiter.
    pub fn close(&self) {
        {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            st.closed = true;
            st.frame = None;
        }
        self.cond.notify_all();
        self.seq.send_modify(|_| {});
    }

    pub fn is_closed(&self) -> bool {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).closed
    }
}
