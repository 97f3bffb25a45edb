//! The full-resolution still that goes to proofing, the preview frame the webview gets, and the
//! downscaled review copy.

use std::fmt;
use std::time::Instant;

use zeroize::Zeroizing;

use crate::decode::{decode_jpeg, downscale_rgb, encode_jpeg, frame_to_rgb, trim_jpeg};
use crate::error::CameraError;
use crate::frame::{Frame, PixelFormat};

/// A captured still: the full-resolution frame as JPEG. Wiped on drop; never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Still {
    pub jpeg: Zeroizing<Vec<u8>>,
    pub width: u32,
    pub height: u32,
}

impl fmt::Debug for Still {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Still")
            .field("bytes", &self.jpeg.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

/// JPEG quality of re-encoded stills (sources that are not MJPEG).
pub const STILL_QUALITY: u8 = 92;
/// Widest MJPEG frame passed to the webview as it is (1080p: the webview decodes it in less
/// time than the kiosk would take to re-encode it).
pub const PREVIEW_MAX_WIDTH: u32 = 1920;
/// Widest preview frame the kiosk encodes itself (raw formats, and MJPEG wider than the above).
pub const PREVIEW_ENCODE_MAX_WIDTH: u32 = 1280;
/// JPEG quality of downscaled preview frames.
pub const PREVIEW_QUALITY: u8 = 75;
/// Widest review copy.
pub const REVIEW_MAX_WIDTH: u32 = 640;

impl Still {
    /// The still of a frame: an MJPEG frame's own JPEG (trimmed, not re-encoded), otherwise the
    /// frame encoded at full resolution.
    pub fn from_frame(frame: &Frame) -> Result<Self, CameraError> {
        match frame.format {
            PixelFormat::Mjpeg => {
                let jpeg = trim_jpeg(&frame.data)?;
                let mut scratch = Zeroizing::new(Vec::new());
                let (width, height) = decode_jpeg(jpeg, true, &mut scratch)?;
                let mut out = Zeroizing::new(Vec::with_capacity(jpeg.len()));
                out.extend_from_slice(jpeg);
                Ok(Self {
                    jpeg: out,
                    width,
                    height,
                })
            }
            _ => {
                let mut rgb = Zeroizing::new(Vec::new());
                let (width, height) = frame_to_rgb(frame, &mut rgb)?;
                let mut out = Zeroizing::new(Vec::with_capacity(rgb.len() / 4));
                encode_jpeg(&rgb, width, height, STILL_QUALITY, &mut out)?;
                Ok(Self {
                    jpeg: out,
                    width,
                    height,
                })
            }
        }
    }

    /// A downscaled JPEG copy for the review screen (at most [`REVIEW_MAX_WIDTH`] wide).
    pub fn review_copy(&self) -> Result<PreviewFrame, CameraError> {
        let mut rgb = Zeroizing::new(Vec::new());
        let (w, h) = decode_jpeg(&self.jpeg, false, &mut rgb)?;
        let f = w.div_ceil(REVIEW_MAX_WIDTH).max(1);
        let mut small = Zeroizing::new(Vec::new());
        let (sw, sh) = downscale_rgb(&rgb, w, h, f, &mut small);
        let mut jpeg = Zeroizing::new(Vec::new());
        encode_jpeg(&small, sw, sh, 85, &mut jpeg)?;
        Ok(PreviewFrame {
            jpeg,
            width: sw,
            height: sh,
            seq: 0,
            captured_at: Instant::now(),
            passthrough: false,
        })
    }
}

/// What the webview gets for one preview frame: a JPEG.
#[derive(Clone)]
pub struct PreviewFrame {
    pub jpeg: Zeroizing<Vec<u8>>,
    pub width: u32,
    pub height: u32,
    pub seq: u64,
    pub captured_at: Instant,
    /// The camera's own JPEG, passed through undecoded.
    pub passthrough: bool,
}

impl fmt::Debug for PreviewFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreviewFrame")
            .field("bytes", &self.jpeg.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("seq", &self.seq)
            .field("passthrough", &self.passthrough)
            .finish()
    }
}

/// Prepares preview frames, reusing its buffers: MJPEG up to [`PREVIEW_MAX_WIDTH`] wide passes
/// through undecoded (trailing bytes trimmed); wider MJPEG, YUYV and NV12 are decoded,
/// box-downscaled by an integer factor to fit [`PREVIEW_ENCODE_MAX_WIDTH`], and encoded.
#[derive(Default)]
pub struct PreviewPreparer {
    rgb: Zeroizing<Vec<u8>>,
    small: Zeroizing<Vec<u8>>,
}

impl PreviewPreparer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn prepare(&mut self, frame: &Frame) -> Result<PreviewFrame, CameraError> {
        let mut jpeg = Zeroizing::new(Vec::new());
        let (width, height, passthrough) =
            if frame.format == PixelFormat::Mjpeg && frame.width <= PREVIEW_MAX_WIDTH {
                jpeg.extend_from_slice(trim_jpeg(&frame.data)?);
                (frame.width, frame.height, true)
            } else {
                let (w, h) = frame_to_rgb(frame, &mut self.rgb)?;
                let f = w.div_ceil(PREVIEW_ENCODE_MAX_WIDTH).max(1);
                let (sw, sh) = if f > 1 {
                    downscale_rgb(&self.rgb, w, h, f, &mut self.small)
                } else {
                    self.small.clear();
                    self.small.extend_from_slice(&self.rgb);
                    (w, h)
                };
                encode_jpeg(&self.small, sw, sh, PREVIEW_QUALITY, &mut jpeg)?;
                (sw, sh, false)
            };
        Ok(PreviewFrame {
            jpeg,
            width,
            height,
            seq: frame.seq,
            captured_at: frame.captured_at,
            passthrough,
        })
    }
}
