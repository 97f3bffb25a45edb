//! The crate's one error type.

/// What went wrong with a camera, a frame or an encoding, in this crate's terms.
/// The words shown to a person are chosen next to the screens, not here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CameraError {
    #[error("no camera is connected")]
    NoCamera,
    #[error("the camera is in use by another program")]
    Busy,
    #[error("camera access was denied")]
    PermissionDenied,
    /// The device went away mid-stream (unplugged, driver reset). Capture retries these.
    #[error("the camera was disconnected: {0}")]
    Disconnected(String),
    /// Any other device failure, with the backend's message (never frame contents).
    #[error("camera error: {0}")]
    Device(String),
    #[error("the camera offers no usable format (MJPEG, YUYV or NV12)")]
    NoUsableFormat,
    /// A frame (or a source's stream format) declares a size past the largest side the crate
    /// decodes (`MAX_FRAME_SIDE`) in either direction; refused before anything is allocated.
    #[error("a {width}x{height} frame is larger than the largest accepted")]
    FrameTooLarge { width: u32, height: u32 },
    #[error("a frame could not be decoded: {0}")]
    Decode(String),
    #[error("an image could not be encoded: {0}")]
    Encode(String),
    #[error("the frame source ended")]
    EndOfStream,
    #[error("capture was stopped")]
    Stopped,
    #[error("could not read the frame files: {0}")]
    Files(String),
}

impl CameraError {
    /// Whether capture should try to reopen the source after this error.
    pub fn is_recoverable(&self) -> bool {
        matches!(
            self,
            Self::Disconnected(_) | Self::NoCamera | Self::Device(_)
        )
    }
}
