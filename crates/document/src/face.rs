//! Locating the portrait on the document front with `rustface` (SeetaFace's funnel-structured
//! cascade) and cropping it for `face_compare`.

use std::io::Cursor;
use std::sync::OnceLock;

use image::{imageops, RgbImage};
use rustface::{ImageData, Model};
use zeroize::Zeroizing;

use crate::error::guarded;
use crate::{CapturedImage, Error};

/// The component named in [`Error::Unreadable`] when rustface panics.
const DETECTOR: &str = "face detector";

/// The model shipped inside the `rustface` crate (one copy for the workspace: `face-model`).
static MODEL_BYTES: &[u8] = face_model::SEETA_FD_FRONTAL;

/// The portrait crop's shorter side is at least this many pixels (upscaled if need be).
pub const MIN_PORTRAIT_SIDE: u32 = 200;

/// A second face at least this fraction of the largest one's area makes the portrait
/// ambiguous. Real cards often carry a small "ghost" portrait, well under this.
const SIMILAR_FACE_AREA: f64 = 0.5;

/// Where a face was found, in pixels of the analysed image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaceBox {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// The portrait cropped from the document front, ready to send as a `face_compare` image.
pub struct Portrait {
    /// JPEG bytes of the crop (wiped on drop).
    pub jpeg: Zeroizing<Vec<u8>>,
    /// Crop width in pixels (at least [`MIN_PORTRAIT_SIDE`]).
    pub width: u32,
    /// Crop height in pixels (at least [`MIN_PORTRAIT_SIDE`]).
    pub height: u32,
    /// The detected face in the source image.
    pub face: FaceBox,
    /// The crop rectangle in the source image (the face plus a margin).
    pub crop: FaceBox,
}

impl std::fmt::Debug for Portrait {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Portrait")
            .field("jpeg_len", &self.jpeg.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("face", &self.face)
            .field("crop", &self.crop)
            .finish()
    }
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        rustface::read_model(Cursor::new(MODEL_BYTES))
            .expect("the rustface model compiled into this crate is valid")
    })
}

/// Faces found in a luma image, largest first; `Error::Unreadable` if rustface panics.
pub(crate) fn detect_faces(luma: &image::GrayImage) -> Result<Vec<FaceBox>, Error> {
    detect_faces_with(luma, |image, min_face| {
        let mut detector = rustface::create_detector_with_model(model().clone());
        detector.set_min_face_size(min_face);
        detector.set_score_thresh(2.0);
        detector.set_pyramid_scale_factor(0.8);
        detector.set_slide_window_step(4, 4);
        detector.detect(image)
    })
}

/// [`detect_faces`] with the detector given (`detect(image, min_face_size)`), guarded.
fn detect_faces_with(
    luma: &image::GrayImage,
    detect: impl FnOnce(&ImageData, u32) -> Vec<rustface::FaceInfo>,
) -> Result<Vec<FaceBox>, Error> {
    let (w, h) = luma.dimensions();
    if w < 20 || h < 20 {
        return Ok(Vec::new());
    }
    let min_face = (w.min(h) / 12).max(20);
    let found = guarded(DETECTOR, || {
        detect(&ImageData::new(luma.as_raw(), w, h), min_face)
    })?;
    let mut faces: Vec<FaceBox> = found
        .iter()
        .filter_map(|f| {
            let b = f.bbox();
            let x = b.x().max(0) as u32;
            let y = b.y().max(0) as u32;
            let width = b.width().min(w.saturating_sub(x));
            let height = b.height().min(h.saturating_sub(y));
            (width > 0 && height > 0).then_some(FaceBox {
                x,
                y,
                width,
                height,
            })
        })
        .collect();
    faces.sort_by_key(|f| std::cmp::Reverse(u64::from(f.width) * u64::from(f.height)));
    Ok(faces)
}

/// Finds the portrait on the document front and returns it cropped (face plus margin) as JPEG.
///
/// `Error::NoFace` when there is none, `Error::SeveralFaces` when two or more faces of similar
/// size make the choice ambiguous; a much smaller second face (a ghost image) is ignored.
/// `Error::Unreadable` when the JPEG decoder or the face detector panicked on the image.
pub fn locate_portrait(front: CapturedImage<'_>) -> Result<Portrait, Error> {
    let rgb = front.to_rgb()?;
    let luma = image::DynamicImage::ImageRgb8(rgb.clone()).into_luma8();
    let faces = detect_faces(&luma)?;
    let largest = *faces.first().ok_or(Error::NoFace)?;
    let area = |f: &FaceBox| f64::from(f.width) * f64::from(f.height);
    let similar = faces
        .iter()
        .filter(|f| area(f) >= SIMILAR_FACE_AREA * area(&largest))
        .count();
    if similar > 1 {
        return Err(Error::SeveralFaces { count: similar });
    }
    let crop = crop_box(largest, rgb.width(), rgb.height());
    let cropped = imageops::crop_imm(&rgb, crop.x, crop.y, crop.width, crop.height).to_image();
    let scaled = upscale(cropped);
    let jpeg = encode_jpeg(&scaled)?;
    tracing::debug!(
        width = scaled.width(),
        height = scaled.height(),
        "portrait located"
    );
    Ok(Portrait {
        jpeg,
        width: scaled.width(),
        height: scaled.height(),
        face: largest,
        crop,
    })
}

/// The face with a margin (head and shoulders), clamped to the image.
fn crop_box(face: FaceBox, w: u32, h: u32) -> FaceBox {
    let (fx, fy, fw, fh) = (
        i64::from(face.x),
        i64::from(face.y),
        i64::from(face.width),
        i64::from(face.height),
    );
    let x0 = (fx - fw * 2 / 5).max(0);
    let y0 = (fy - fh / 2).max(0);
    let x1 = (fx + fw + fw * 2 / 5).min(i64::from(w));
    let y1 = (fy + fh + fh * 2 / 5).min(i64::from(h));
    FaceBox {
        x: x0 as u32,
        y: y0 as u32,
        width: (x1 - x0) as u32,
        height: (y1 - y0) as u32,
    }
}

fn upscale(img: RgbImage) -> RgbImage {
    let (w, h) = img.dimensions();
    let short = w.min(h);
    if short >= MIN_PORTRAIT_SIDE {
        return img;
    }
    let f = f64::from(MIN_PORTRAIT_SIDE) / f64::from(short);
    let nw = ((f64::from(w) * f).ceil() as u32).max(MIN_PORTRAIT_SIDE);
    let nh = ((f64::from(h) * f).ceil() as u32).max(MIN_PORTRAIT_SIDE);
    imageops::resize(&img, nw, nh, imageops::FilterType::CatmullRom)
}

pub(crate) fn encode_jpeg(img: &RgbImage) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut out = Zeroizing::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut *out, 90)
        .encode_image(img)
        .map_err(|_| Error::Encode)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_detector_is_unreadable_not_a_panic() {
        let luma = image::GrayImage::from_pixel(64, 64, image::Luma([128]));
        let err = detect_faces_with(&luma, |_, _| panic!("rustface index out of bounds"));
        assert_eq!(
            err.unwrap_err(),
            Error::Unreadable {
                component: DETECTOR
            }
        );
        assert_eq!(detect_faces_with(&luma, |_, _| Vec::new()), Ok(Vec::new()));
    }
}
