//! The captured image handed to this crate, in whichever form the camera produced it.

use image::{GrayImage, RgbImage};

use crate::error::guarded;
use crate::Error;

/// A captured image: encoded JPEG bytes, or a raw 8-bit buffer, row-major, without padding.
/// A raw buffer whose length does not match its size is refused (`Error::Image`).
#[derive(Clone, Copy)]
pub enum CapturedImage<'a> {
    /// Encoded JPEG bytes, as the camera crate captures them.
    Jpeg(&'a [u8]),
    /// Packed RGB, 3 bytes per pixel.
    Rgb {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// `width * height * 3` bytes.
        data: &'a [u8],
    },
    /// 8-bit luma, 1 byte per pixel.
    Luma {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// `width * height` bytes.
        data: &'a [u8],
    },
}

impl std::fmt::Debug for CapturedImage<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Jpeg(b) => write!(f, "Jpeg({} bytes)", b.len()),
            Self::Rgb { width, height, .. } => write!(f, "Rgb({width}x{height})"),
            Self::Luma { width, height, .. } => write!(f, "Luma({width}x{height})"),
        }
    }
}

impl CapturedImage<'_> {
    pub(crate) fn to_rgb(self) -> Result<RgbImage, Error> {
        self.check_len()?;
        match self {
            Self::Jpeg(bytes) => guarded("JPEG decoder", || {
                image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
                    .map(|i| i.into_rgb8())
            })?
            .map_err(|_| Error::Image),
            Self::Rgb {
                width,
                height,
                data,
            } => RgbImage::from_raw(width, height, data.to_vec()).ok_or(Error::Image),
            Self::Luma {
                width,
                height,
                data,
            } => GrayImage::from_raw(width, height, data.to_vec())
                .map(|g| image::DynamicImage::ImageLuma8(g).into_rgb8())
                .ok_or(Error::Image),
        }
    }

    pub(crate) fn to_luma(self) -> Result<GrayImage, Error> {
        self.check_len()?;
        match self {
            Self::Luma {
                width,
                height,
                data,
            } => GrayImage::from_raw(width, height, data.to_vec()).ok_or(Error::Image),
            other => Ok(image::DynamicImage::ImageRgb8(other.to_rgb()?).into_luma8()),
        }
    }

    /// A raw buffer must hold exactly `width × height × channels` bytes.
    fn check_len(self) -> Result<(), Error> {
        let (width, height, channels, len) = match self {
            Self::Jpeg(_) => return Ok(()),
            Self::Rgb {
                width,
                height,
                data,
            } => (width, height, 3, data.len()),
            Self::Luma {
                width,
                height,
                data,
            } => (width, height, 1, data.len()),
        };
        let expected = u64::from(width) * u64::from(height) * channels;
        if width == 0 || height == 0 || len as u64 != expected {
            return Err(Error::Image);
        }
        Ok(())
    }
}
