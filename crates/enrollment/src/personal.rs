//! Personal data the session holds between capture and issuance. Every type here wipes its
//! bytes when dropped, and none prints its contents in `Debug`.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::language::Phrase;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// One of the photographs the journey needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaptureStep {
    DocumentFront,
    DocumentBack,
    Selfie,
}

impl CaptureStep {
    /// The capture screen's title.
    pub fn label(self) -> Phrase {
        Phrase::new(match self {
            Self::DocumentFront => "capture-front-title",
            Self::DocumentBack => "capture-back-title",
            Self::Selfie => "capture-selfie-title",
        })
    }
}

/// A still taken by the camera: the full-resolution JPEG for proofing. It never goes to the
/// webview; the review screen gets a downscaled copy through a separate path.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct CapturedImage {
    #[zeroize(skip)]
    pub step: CaptureStep,
    pub jpeg: Zeroizing<Vec<u8>>,
    pub width: u32,
    pub height: u32,
}

impl fmt::Debug for CapturedImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CapturedImage")
            .field("step", &self.step)
            .field("bytes", &self.jpeg.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

/// A value that must not appear in logs: `Debug` shows only that it is there.
#[derive(Clone, PartialEq, Eq, Default, Zeroize, ZeroizeOnDrop)]
pub struct Redacted(pub String);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
