//! Camera frames for the enrollment kiosk: where they come from (a webcam through nokhwa, scripted
//! synthetic scenes, files), how they are decoded (MJPEG, YUYV, NV12), how good they are
//! (sharpness, glare, exposure, document placement, one face), when to capture automatically, and
//! what the preview and the proofing still are.
//!
//! Not for: the webview transport, the session's state machine or the words on screen beyond a
//! default English sentence per [`Instruction`]; those live in `src-tauri` and `enrollment`.
//! Frames are personal data: nothing here writes them to disk or logs them.
//!
//! Start reading at [`FrameSource`] and [`Capture`] (a capture thread publishing into a
//! latest-frame-wins [`FrameSlot`]), then [`Analyzer`], [`AutoCapture`], [`Still`] and
//! [`PreviewPreparer`].

pub mod analysis;
pub mod card;
pub mod decode;
pub mod device;
pub mod error;
pub mod frame;
pub mod source;
pub mod still;
pub mod synthetic;

pub use analysis::{
    Analysis, Analyzer, AutoCapture, CaptureKind, Instruction, Metrics, Rect, Thresholds,
};
pub use card::CardOutline;
pub use decode::{Decimator, LumaImage};
pub use device::{choose_format, list_devices, DeviceInfo, DeviceSource};
pub use error::CameraError;
pub use frame::{check_frame_size, Frame, FrameSlot, PixelFormat, StreamFormat, MAX_FRAME_SIDE};
pub use source::{Capture, CaptureStatus, FileSource, FrameSource, RecoveryPolicy, SourceOpener};
pub use still::{PreviewFrame, PreviewPreparer, Still};
pub use synthetic::{Pacing, Scene, Script, SyntheticSource};
