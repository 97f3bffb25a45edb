//! Finding and decoding the PDF417 barcode in a captured image, with `rxing` (a port of
//! ZXing). The card is found and warped square to the camera first ([`crate::rectify`]): the
//! reader needs the barcode's rows level, and a card held a few degrees off, or tilted, has
//! them slanted. When that does not read, the whole image is tried, then a downscaled copy,
//! then crops and quarter turns.

use std::collections::HashSet;

use image::{imageops, GrayImage};
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::pdf417::PDF417Reader;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8Source, Reader};
use zeroize::Zeroizing;

use crate::error::guarded;
use crate::{CapturedImage, Error};

/// The component named in [`Error::Unreadable`] when rxing panics.
const READER: &str = "PDF417 reader";

/// Longest side above which a downscaled copy is also tried (the detector is slow and
/// over-sampled barcodes gain nothing).
const MAX_SIDE: u32 = 1600;

/// Decodes the first PDF417 barcode found in `image` and returns its text.
///
/// `Error::NoBarcode` when none is found; `Error::Unreadable` when rxing panicked on some
/// attempt and no other attempt found the barcode.
pub fn decode_pdf417(image: CapturedImage<'_>) -> Result<Zeroizing<String>, Error> {
    let luma = image.to_luma()?;
    decode_guarded(&luma, try_once)
}

/// Runs every attempt of [`decode_luma`] through `attempt`, each one guarded: a panic in one
/// attempt (a crop, a rotation) is remembered and the others still run.
fn decode_guarded(
    luma: &GrayImage,
    attempt: impl Fn(&GrayImage) -> Option<Zeroizing<String>>,
) -> Result<Zeroizing<String>, Error> {
    let mut panicked = None;
    let found = decode_luma(luma, &mut |img| {
        guarded(READER, || attempt(img)).unwrap_or_else(|e| {
            panicked = Some(e);
            None
        })
    });
    found.ok_or(panicked.unwrap_or(Error::NoBarcode))
}

fn hints() -> DecodeHints {
    DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some(HashSet::from([BarcodeFormat::PDF_417])),
        ..DecodeHints::default()
    }
}

fn try_once(img: &GrayImage) -> Option<Zeroizing<String>> {
    let (w, h) = img.dimensions();
    if w < 20 || h < 20 {
        return None;
    }
    let hints = hints();
    let mut reader = PDF417Reader::new();
    let source = Luma8Source::new_with_slice(img.as_raw(), w, h).ok()?;
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    if let Ok(r) = reader.decode_with_hints(&mut bitmap, &hints) {
        return Some(Zeroizing::new(r.getText().to_owned()));
    }
    let source = Luma8Source::new_with_slice(img.as_raw(), w, h).ok()?;
    let mut bitmap = BinaryBitmap::new(GlobalHistogramBinarizer::new(source));
    reader
        .decode_with_hints(&mut bitmap, &hints)
        .ok()
        .map(|r| Zeroizing::new(r.getText().to_owned()))
}

fn downscale(img: &GrayImage, max_side: u32) -> Option<GrayImage> {
    let (w, h) = img.dimensions();
    let side = w.max(h);
    (side > max_side).then(|| {
        let f = f64::from(max_side) / f64::from(side);
        let (nw, nh) = ((f64::from(w) * f) as u32, (f64::from(h) * f) as u32);
        imageops::resize(img, nw.max(1), nh.max(1), imageops::FilterType::Triangle)
    })
}

/// Crops (as fractions of the image) where a license barcode plausibly sits when the card
/// does not fill the frame: the lower part of the card, the centre, each half.
const CROPS: [(f32, f32, f32, f32); 6] = [
    (0.0, 0.35, 1.0, 0.65),
    (0.0, 0.5, 1.0, 0.5),
    (0.1, 0.1, 0.8, 0.8),
    (0.0, 0.0, 1.0, 0.5),
    (0.0, 0.0, 0.5, 1.0),
    (0.5, 0.0, 0.5, 1.0),
];

fn decode_luma(
    luma: &GrayImage,
    try_once: &mut dyn FnMut(&GrayImage) -> Option<Zeroizing<String>>,
) -> Option<Zeroizing<String>> {
    // The card, rectified: as warped, then sharpened (the warp's interpolation and the
    // camera's JPEG soften modules two or three pixels wide), then sharpened a little smaller
    // (the reader's row detector copes better with some modules than with others), then the
    // sharpened lower part, where licences carry the barcode.
    let card = guarded("card outline", || crate::rectify::rectified_card(luma))
        .ok()
        .flatten();
    if let Some(card) = card {
        if let Some(t) = try_once(&card) {
            return Some(t);
        }
        let sharpened = imageops::unsharpen(&card, 2.0, 0);
        if let Some(t) = try_once(&sharpened) {
            return Some(t);
        }
        let (w, h) = card.dimensions();
        let smaller = imageops::resize(&card, w * 4 / 5, h * 4 / 5, imageops::FilterType::Triangle);
        if let Some(t) = try_once(&imageops::unsharpen(&smaller, 2.0, 0)) {
            return Some(t);
        }
        let lower = imageops::crop_imm(&sharpened, 0, h / 3, w, h - h / 3).to_image();
        if let Some(t) = try_once(&lower) {
            return Some(t);
        }
    }
    let small = downscale(luma, MAX_SIDE);
    let base = small.as_ref().unwrap_or(luma);
    let mut candidates: Vec<GrayImage> = Vec::new();
    if small.is_some() {
        // Full resolution first: small barcodes in big photos need every pixel.
        if let Some(t) = try_once(luma) {
            return Some(t);
        }
    }
    if let Some(t) = try_once(base) {
        return Some(t);
    }
    let (w, h) = base.dimensions();
    for (x, y, cw, ch) in CROPS {
        let (x, y) = ((x * w as f32) as u32, (y * h as f32) as u32);
        let (cw, ch) = ((cw * w as f32) as u32, (ch * h as f32) as u32);
        let crop = imageops::crop_imm(base, x, y, cw.min(w - x), ch.min(h - y)).to_image();
        // A crop of a small barcode is also tried enlarged, which helps the row detector.
        let (cw, ch) = crop.dimensions();
        let enlarged = (cw.max(ch) < MAX_SIDE / 2)
            .then(|| imageops::resize(&crop, cw * 2, ch * 2, imageops::FilterType::CatmullRom));
        candidates.push(crop);
        candidates.extend(enlarged);
    }
    for c in &candidates {
        if let Some(t) = try_once(c) {
            return Some(t);
        }
    }
    // Quarter turns (a card held upright): the detector already tries 0° and 180°.
    for rotated in [imageops::rotate90(base), imageops::rotate270(base)] {
        if let Some(t) = try_once(&rotated) {
            return Some(t);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank() -> GrayImage {
        GrayImage::from_pixel(64, 48, image::Luma([255]))
    }

    #[test]
    fn a_panicking_reader_is_unreadable_not_a_panic() {
        let err = decode_guarded(&blank(), |_| panic!("rxing index out of bounds")).unwrap_err();
        assert_eq!(err, Error::Unreadable { component: READER });
    }

    #[test]
    fn one_panicking_attempt_does_not_stop_the_others() {
        let calls = std::cell::Cell::new(0);
        let text = decode_guarded(&blank(), |_| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                panic!("first attempt");
            }
            Some(Zeroizing::new("found".to_owned()))
        })
        .unwrap();
        assert_eq!(text.as_str(), "found");
        assert_eq!(
            decode_guarded(&blank(), |_| None).unwrap_err(),
            Error::NoBarcode
        );
    }
}
