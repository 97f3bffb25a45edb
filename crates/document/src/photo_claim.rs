//! The credential's photo claim, made from the proofed selfie: the one face, cropped so it fills
//! at least half of the photo, at least 200×200, JPEG, encoded for the issuance request
//! (`docs/reference/entra-verified-id.md` §6 and §7, `assurance-and-fleet.md` §4). Face Check
//! later compares the person at a verifier with this photo, so a selfie that cannot make a good
//! one is refused with the reason ([`PhotoClaimError`]) rather than issued.
//!
//! **Encoding.** The reference's source says the value is "`UrlEncode(Base64Encode(JPEG))`",
//! which could mean base64url or percent-encoded standard base64; the official samples send
//! standard base64 without a data-URI prefix (what `canvas.toDataURL('image/jpeg')` gives after
//! `;base64,`), and that works against the live service. The accepted encodings are
//! UNCONFIRMED; [`PhotoClaim::claim_value`] is standard base64, as the samples send it.
//!
//! **"Fills at least half".** Read as: the face spans at least half of the photo's width and
//! half of its height. Half of the *area* would need a crop so tight (about 1.4 face widths)
//! that it cuts the hair and chin of a head-and-shoulders photo, which Face Check's "face
//! centered" guidance does not ask for.

use image::{imageops, RgbImage};
use zeroize::{Zeroize, Zeroizing};

use crate::face::detect_faces;
use crate::{CapturedImage, Error, FaceBox};

/// Smallest photo side Face Check takes (reference §6, §7: "no smaller than 200 pixels x 200
/// pixels").
pub const MIN_PHOTO_CLAIM_SIDE: u32 = 200;

/// The photo is scaled down to at most this side: more pixels add bytes to the 1 MB request,
/// not accuracy (the samples send 480×640).
pub const MAX_PHOTO_CLAIM_SIDE: u32 = 480;

/// Largest encoded claim value: the issuance request may be 1 MB in all (reference §7) and
/// the photo in the credential at most 1 MB; this leaves 64 KiB for the other claims and the
/// request around them.
pub const MAX_PHOTO_CLAIM_ENCODED_BYTES: usize = 1024 * 1024 - 64 * 1024;

/// Crop side per face side: the face spans 1/1.6 = 62.5% of each side, more than the half the
/// rules ask, with room for hair, chin and a little background.
const CROP_PER_FACE: f64 = 1.6;

/// The crop's centre sits this many face heights above the face box's centre (the detector's
/// box runs from the brows to the chin; the head goes higher).
const CROP_LIFT: f64 = 0.1;

/// A second face at least this fraction of the largest one's area means a second person in
/// the picture (a detection much smaller than that is far in the background or spurious).
const OTHER_PERSON_AREA: f64 = 0.25;

/// JPEG qualities tried in turn until the encoded photo fits.
const QUALITIES: [u8; 4] = [90, 80, 65, 50];

/// The photo rules, adjustable for tests; [`PhotoClaimRules::default`] is what the service
/// documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoClaimRules {
    pub min_side: u32,
    pub max_side: u32,
    pub max_encoded_bytes: usize,
}

impl Default for PhotoClaimRules {
    fn default() -> Self {
        Self {
            min_side: MIN_PHOTO_CLAIM_SIDE,
            max_side: MAX_PHOTO_CLAIM_SIDE,
            max_encoded_bytes: MAX_PHOTO_CLAIM_ENCODED_BYTES,
        }
    }
}

/// Why a selfie cannot make the photo claim, or why a photo does not meet the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoClaimError {
    /// The image could not be decoded (or a third-party component failed on it).
    #[error("the selfie could not be read: {0}")]
    Unreadable(#[source] Error),
    #[error("no face was found in the selfie")]
    NoFace,
    #[error("{count} faces were found; the photo must show one person")]
    SeveralFaces { count: usize },
    /// The face is too small in the selfie to make a photo of `min_side` without upscaling.
    #[error("the face is {face_side} px across; at least {needed} px is needed for a photo of {min_side}×{min_side}: move closer to the camera")]
    FaceTooSmall {
        face_side: u32,
        needed: u32,
        min_side: u32,
    },
    /// Even at the lowest JPEG quality tried, the claim would not fit the request.
    #[error("the photo is {bytes} bytes encoded, more than the {limit} the issuance request leaves for it")]
    TooLarge { bytes: usize, limit: usize },
    /// A selfie, or a photo checked by [`check_photo_claim`], smaller than the photo must be.
    #[error("the picture is {width}×{height}; Face Check needs a photo of at least {min_side}×{min_side}")]
    PhotoTooSmall {
        width: u32,
        height: u32,
        min_side: u32,
    },
    /// A photo (checked by [`check_photo_claim`]) whose face spans less than half of it.
    #[error("the face spans {face_width}×{face_height} of a {width}×{height} photo; it must fill at least half of it")]
    FaceTooSmallInPhoto {
        face_width: u32,
        face_height: u32,
        width: u32,
        height: u32,
    },
}

impl From<Error> for PhotoClaimError {
    fn from(error: Error) -> Self {
        PhotoClaimError::Unreadable(error)
    }
}

/// The photo claim: a JPEG of one face, and its value for the issuance request.
pub struct PhotoClaim {
    /// JPEG bytes (wiped on drop).
    pub jpeg: Zeroizing<Vec<u8>>,
    pub width: u32,
    pub height: u32,
    /// The face, in the photo's pixels.
    pub face: FaceBox,
    /// The part of the selfie the photo shows (before scaling).
    pub crop: FaceBox,
    /// [`PhotoClaim::claim_value`], computed once (wiped on drop).
    value: Zeroizing<String>,
}

impl PhotoClaim {
    /// The claim's value: the JPEG in standard base64, no data-URI prefix (see the module
    /// documentation for why this encoding).
    pub fn claim_value(&self) -> &str {
        &self.value
    }
}

impl std::fmt::Debug for PhotoClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhotoClaim")
            .field("jpeg_len", &self.jpeg.len())
            .field("encoded_len", &self.value.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("face", &self.face)
            .field("crop", &self.crop)
            .finish()
    }
}

/// [`photo_claim_with`] and the documented rules.
pub fn photo_claim(selfie: CapturedImage<'_>) -> Result<PhotoClaim, PhotoClaimError> {
    photo_claim_with(selfie, PhotoClaimRules::default())
}

/// Makes the photo claim from the selfie: finds the one face, crops a square around it so the
/// face spans more than half of each side, scales it to at most `rules.max_side` (never up:
/// a face too small for `rules.min_side` is refused), and encodes it as JPEG within
/// `rules.max_encoded_bytes` once in base64.
pub fn photo_claim_with(
    selfie: CapturedImage<'_>,
    rules: PhotoClaimRules,
) -> Result<PhotoClaim, PhotoClaimError> {
    let rgb = Wiped(selfie.to_rgb()?);
    let (width, height) = rgb.0.dimensions();
    if width.min(height) < rules.min_side {
        return Err(PhotoClaimError::PhotoTooSmall {
            width,
            height,
            min_side: rules.min_side,
        });
    }
    let face = one_face(&rgb.0)?;
    let crop = crop_around(face, width, height);
    if crop.width < rules.min_side {
        let face_side = face.width.max(face.height);
        return Err(PhotoClaimError::FaceTooSmall {
            face_side,
            needed: (f64::from(rules.min_side) / CROP_PER_FACE).ceil() as u32,
            min_side: rules.min_side,
        });
    }
    let cropped =
        Wiped(imageops::crop_imm(&rgb.0, crop.x, crop.y, crop.width, crop.height).to_image());
    let side = crop.width.min(rules.max_side).max(rules.min_side);
    let photo = if side == crop.width {
        cropped
    } else {
        Wiped(imageops::resize(
            &cropped.0,
            side,
            side,
            imageops::FilterType::CatmullRom,
        ))
    };
    let scale = f64::from(side) / f64::from(crop.width);
    let face_in_photo = FaceBox {
        x: (f64::from(face.x.saturating_sub(crop.x)) * scale) as u32,
        y: (f64::from(face.y.saturating_sub(crop.y)) * scale) as u32,
        width: ((f64::from(face.width) * scale) as u32).min(side),
        height: ((f64::from(face.height) * scale) as u32).min(side),
    };
    let mut smallest = 0;
    for quality in QUALITIES {
        let jpeg = encode_jpeg(&photo.0, quality)?;
        let encoded_len = base64_len(jpeg.len());
        if encoded_len <= rules.max_encoded_bytes {
            let value = Zeroizing::new(base64_standard(&jpeg));
            tracing::debug!(side, quality, bytes = jpeg.len(), "photo claim made");
            return Ok(PhotoClaim {
                jpeg,
                width: side,
                height: side,
                face: face_in_photo,
                crop,
                value,
            });
        }
        smallest = encoded_len;
    }
    Err(PhotoClaimError::TooLarge {
        bytes: smallest,
        limit: rules.max_encoded_bytes,
    })
}

/// Checks a photo claim's JPEG against the rules: it decodes as JPEG, is at least
/// `rules.min_side` on both sides, and shows one face spanning at least half of its width and
/// height. For a photo made elsewhere, and for tests of what was sent.
pub fn check_photo_claim(jpeg: &[u8], rules: PhotoClaimRules) -> Result<FaceBox, PhotoClaimError> {
    let rgb = CapturedImage::Jpeg(jpeg).to_rgb()?;
    let (width, height) = rgb.dimensions();
    if width < rules.min_side || height < rules.min_side {
        return Err(PhotoClaimError::PhotoTooSmall {
            width,
            height,
            min_side: rules.min_side,
        });
    }
    let face = one_face(&rgb)?;
    if face.width * 2 < width || face.height * 2 < height {
        return Err(PhotoClaimError::FaceTooSmallInPhoto {
            face_width: face.width,
            face_height: face.height,
            width,
            height,
        });
    }
    Ok(face)
}

/// Pixels of the selfie (or a crop of it), wiped when dropped: they show a person.
struct Wiped(RgbImage);

impl Drop for Wiped {
    fn drop(&mut self) {
        let pixels: &mut [u8] = &mut self.0;
        pixels.zeroize();
    }
}

fn encode_jpeg(img: &RgbImage, quality: u8) -> Result<Zeroizing<Vec<u8>>, Error> {
    let mut out = Zeroizing::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut *out, quality)
        .encode_image(img)
        .map_err(|_| Error::Encode)?;
    Ok(out)
}

/// The one person's face: the largest detection, unless another is at least
/// [`OTHER_PERSON_AREA`] of its size.
fn one_face(rgb: &RgbImage) -> Result<FaceBox, PhotoClaimError> {
    let luma = image::DynamicImage::ImageRgb8(rgb.clone()).into_luma8();
    let faces = detect_faces(&luma)?;
    let largest = *faces.first().ok_or(PhotoClaimError::NoFace)?;
    let area = |f: &FaceBox| f64::from(f.width) * f64::from(f.height);
    let people = faces
        .iter()
        .filter(|f| area(f) >= OTHER_PERSON_AREA * area(&largest))
        .count();
    if people > 1 {
        return Err(PhotoClaimError::SeveralFaces { count: people });
    }
    Ok(largest)
}

/// A square around `face`, [`CROP_PER_FACE`] face sides wide, lifted by [`CROP_LIFT`], kept
/// inside the image (shrunk to its shorter side if need be, never below the face itself).
fn crop_around(face: FaceBox, width: u32, height: u32) -> FaceBox {
    let face_side = f64::from(face.width.max(face.height));
    let wanted = (face_side * CROP_PER_FACE).round() as u32;
    // Both face dimensions must span at least half of the side.
    let half_rule = 2 * face.width.min(face.height);
    let side = wanted
        .min(half_rule.max(face.width.max(face.height)))
        .min(width.min(height))
        .max(1);
    let centre_x = f64::from(face.x) + f64::from(face.width) / 2.0;
    let centre_y =
        f64::from(face.y) + f64::from(face.height) / 2.0 - CROP_LIFT * f64::from(face.height);
    let place = |centre: f64, limit: u32| -> u32 {
        let start = (centre - f64::from(side) / 2.0).round();
        start.clamp(0.0, f64::from(limit - side)) as u32
    };
    FaceBox {
        x: place(centre_x, width),
        y: place(centre_y, height),
        width: side,
        height: side,
    }
}

/// Length of the standard base64 of `len` bytes, with padding.
fn base64_len(len: usize) -> usize {
    len.div_ceil(3) * 4
}

/// Standard base64 (RFC 4648 §4) with padding: what the official samples put in the claim.
fn base64_standard(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(base64_len(bytes.len()));
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_standard(input.as_bytes()), expected);
            assert_eq!(base64_len(input.len()), expected.len());
        }
        assert_eq!(base64_standard(&[0xFB, 0xFF]), "+/8=");
    }

    #[test]
    fn the_crop_keeps_the_face_over_half_of_each_side_and_inside_the_image() {
        let cases = [
            (
                FaceBox {
                    x: 300,
                    y: 200,
                    width: 200,
                    height: 200,
                },
                1280,
                720,
            ),
            // Near the top-left corner: shifted inside.
            (
                FaceBox {
                    x: 0,
                    y: 0,
                    width: 150,
                    height: 150,
                },
                640,
                480,
            ),
            // Filling the frame: shrunk to it.
            (
                FaceBox {
                    x: 10,
                    y: 0,
                    width: 300,
                    height: 300,
                },
                320,
                300,
            ),
            // A narrow box: the side follows the half rule.
            (
                FaceBox {
                    x: 100,
                    y: 100,
                    width: 120,
                    height: 200,
                },
                800,
                800,
            ),
        ];
        for (face, w, h) in cases {
            let crop = crop_around(face, w, h);
            assert_eq!(crop.width, crop.height);
            assert!(
                crop.x + crop.width <= w && crop.y + crop.height <= h,
                "{crop:?}"
            );
            assert!(
                face.width * 2 >= crop.width && face.height * 2 >= crop.height,
                "{face:?} {crop:?}"
            );
        }
    }
}
