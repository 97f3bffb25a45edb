//! Generated captures for tests and demo mode: fictional license data, a card back carrying a
//! real PDF417 barcode (encoded with `rxing`), a card front with a procedurally shaded
//! synthetic face, and "photos" of a card lying on a desk. No real person's data or image is
//! used anywhere: every name, number and face here is made up or computed.

use image::{imageops, GrayImage, Luma, Rgb, RgbImage, Rgba, RgbaImage};
use rxing::pdf417::PDF417Writer;
use rxing::{BarcodeFormat, EncodeHints, Writer};

use crate::aamva::{self, Address, Country, DocumentKind, LicenseData, Sex};
use crate::{Date, Error};

/// Card size in pixels (ID-1 format, 85.6 × 54 mm, at about 300 dpi).
pub const CARD_WIDTH: u32 = 1012;
/// See [`CARD_WIDTH`].
pub const CARD_HEIGHT: u32 = 638;

/// Fictional license data of the given AAMVA `version` and `country`, expiring on `expiry`.
pub fn sample_license(version: u8, country: Country, expiry: Date) -> LicenseData {
    let (iin, jurisdiction, postal) = match country {
        Country::Usa => ("636000", "VA", "232690000"),
        Country::Canada => ("636012", "ON", "K1A0B1"),
    };
    LicenseData {
        aamva_version: version,
        jurisdiction_version: (version >= 2).then_some(1),
        iin: iin.to_owned(),
        kind: DocumentKind::DriverLicense,
        jurisdiction: jurisdiction.to_owned(),
        country,
        family_name: "SAMPLE".to_owned(),
        first_name: "ALEX".to_owned(),
        middle_names: "JORDAN".to_owned(),
        date_of_birth: Date::new(1986, 6, 7).expect("valid date"),
        document_number: "T64235789".to_owned(),
        expiry,
        sex: Some(Sex::NotSpecified),
        address: Some(Address {
            street: "100 EXAMPLE STREET".to_owned(),
            city: "ANYTOWN".to_owned(),
            jurisdiction: jurisdiction.to_owned(),
            postal_code: postal.to_owned(),
        }),
    }
}

/// The PDF417 symbol for `payload`, `module` pixels per module (rows 3 modules high, as
/// AAMVA recommends), with a quiet zone, black on white.
pub fn pdf417(payload: &str, module: u32) -> Result<GrayImage, Error> {
    let hints = EncodeHints {
        ErrorCorrection: Some("3".to_owned()),
        Margin: Some("0".to_owned()),
        ..EncodeHints::default()
    };
    let matrix = PDF417Writer::new()
        .encode_with_hints(payload, &BarcodeFormat::PDF_417, 0, 0, &hints)
        .map_err(|_| Error::Encode)?;
    // Unscaled, the writer draws one pixel per module and four pixel rows per barcode row;
    // each barcode row is redrawn here `3 × module` pixels high.
    let (mw, mh) = (matrix.getWidth(), matrix.getHeight());
    let quiet = 2 * module;
    let row_px = (module * 3).max(1);
    let rows = mh / 4;
    let mut img = GrayImage::from_pixel(
        mw * module + 2 * quiet,
        rows * row_px + 2 * quiet,
        Luma([255]),
    );
    for row in 0..rows {
        for x in 0..mw {
            if matrix.get(x, row * 4 + 1) {
                for dy in 0..row_px {
                    for dx in 0..module {
                        img.put_pixel(
                            quiet + x * module + dx,
                            quiet + row * row_px + dy,
                            Luma([0]),
                        );
                    }
                }
            }
        }
    }
    Ok(img)
}

/// A card back: tinted background, grey "text" bars, and the AAMVA barcode of `data`.
pub fn license_back(data: &LicenseData) -> Result<RgbImage, Error> {
    let payload = aamva::encode(data);
    let mut card = blank_card(Rgb([226, 232, 240]));
    fill(&mut card, 40, 30, 500, 18, Rgb([120, 130, 140]));
    fill(&mut card, 40, 60, 380, 14, Rgb([150, 156, 165]));
    let mut module = 4;
    let mut code = pdf417(&payload, module)?;
    while code.width() > CARD_WIDTH - 60 && module > 1 {
        module -= 1;
        code = pdf417(&payload, module)?;
    }
    let x = (CARD_WIDTH - code.width()) / 2;
    let y = CARD_HEIGHT - code.height() - 40;
    let code = image::DynamicImage::ImageLuma8(code).into_rgb8();
    imageops::overlay(&mut card, &code, i64::from(x), i64::from(y));
    Ok(card)
}

/// A card front: header band, grey "text" bars, and (when `with_face`) a synthetic portrait
/// on the left, as on US and Canadian licenses.
pub fn license_front(with_face: bool) -> RgbImage {
    let mut card = blank_card(Rgb([236, 228, 214]));
    fill(&mut card, 0, 0, CARD_WIDTH, 90, Rgb([40, 70, 120]));
    for (i, w) in [420, 360, 300, 380, 260, 330].iter().enumerate() {
        fill(
            &mut card,
            400,
            130 + 60 * i as u32,
            *w,
            22,
            Rgb([110, 110, 118]),
        );
    }
    if with_face {
        let portrait = synthetic_face(300, 380);
        imageops::overlay(&mut card, &portrait, 50, 150);
    } else {
        fill(&mut card, 50, 150, 300, 380, Rgb([205, 210, 218]));
    }
    card
}

/// A photo of `card` lying on a darker desk, `width` × `height`, the card scaled to about
/// three quarters of the frame width and slightly off centre.
pub fn photo_of_card(card: &RgbImage, width: u32, height: u32) -> RgbImage {
    let mut photo = RgbImage::from_fn(width, height, |x, y| {
        let n = noise(x, y) as i32 % 9;
        let base = 70 + (x + y) as i32 * 30 / (width + height) as i32 + n;
        Rgb([
            base as u8,
            (base - 8).max(0) as u8,
            (base - 16).max(0) as u8,
        ])
    });
    let cw = width * 3 / 4;
    let ch = cw * card.height() / card.width();
    let scaled = imageops::resize(card, cw, ch.min(height), imageops::FilterType::Triangle);
    let x = (width - cw) / 2 + width / 40;
    let y = height.saturating_sub(scaled.height()) / 2;
    imageops::overlay(&mut photo, &scaled, i64::from(x), i64::from(y));
    photo
}

/// Encodes an image as JPEG (quality 90), as the camera delivers captures.
pub fn to_jpeg(img: &RgbImage) -> Result<Vec<u8>, Error> {
    crate::face::encode_jpeg(img).map(|j| j.to_vec())
}

/// A computed head-and-shoulders "photo" of nobody: shaded skin, hair, eye sockets, brows,
/// nose shadow and mouth drawn with smooth gradients, on a plain ID-photo background.
pub fn synthetic_face(width: u32, height: u32) -> RgbImage {
    let s = width.min(height) as f32;
    let (cx, cy) = (width as f32 / 2.0, height as f32 * 0.45);
    RgbImage::from_fn(width, height, |px, py| {
        let (x, y) = ((px as f32 - cx) / s, (py as f32 - cy) / s);
        // Background: a light, slightly graded blue-grey.
        let c =
            person_pixel(x, y).unwrap_or([196.0 - y * 20.0, 204.0 - y * 20.0, 214.0 - y * 15.0]);
        let n = noise(px, py) as f32 / 255.0 * 6.0 - 3.0;
        Rgb(c.map(|v| (v + n).clamp(0.0, 255.0) as u8))
    })
}

/// The person of [`synthetic_face`] without the ID-photo background (transparent there), to
/// stand in front of any scene: the selfie captures of the evaluation set use it.
pub fn synthetic_person(width: u32, height: u32) -> RgbaImage {
    let s = width.min(height) as f32;
    let (cx, cy) = (width as f32 / 2.0, height as f32 * 0.45);
    RgbaImage::from_fn(width, height, |px, py| {
        let (x, y) = ((px as f32 - cx) / s, (py as f32 - cy) / s);
        match person_pixel(x, y) {
            Some(c) => {
                let n = noise(px, py) as f32 / 255.0 * 6.0 - 3.0;
                let [r, g, b] = c.map(|v| (v + n).clamp(0.0, 255.0) as u8);
                Rgba([r, g, b, 255])
            }
            None => Rgba([0, 0, 0, 0]),
        }
    })
}

/// The colour of the person at `(x, y)` (in units of the picture's shorter side, from the
/// head's centre), or `None` where the background shows.
fn person_pixel(x: f32, y: f32) -> Option<[f32; 3]> {
    let mut c = None;
    // Shoulders and clothing.
    let shoulder = y - 0.42 - 0.8 * x * x;
    if shoulder > 0.0 && y > 0.38 {
        c = Some([52.0, 60.0, 78.0]);
    }
    // Neck.
    if x.abs() < 0.13 && y > 0.25 && shoulder <= 0.0 {
        let shade = 0.8 - (x.abs() / 0.13) * 0.15;
        c = Some([205.0 * shade, 160.0 * shade, 132.0 * shade]);
    }
    // Hair: a cap above and around the face.
    let hair = (x / 0.40).powi(2) + ((y + 0.06) / 0.50).powi(2);
    if hair < 1.0 && y < 0.05 {
        c = Some([58.0, 42.0, 30.0]);
    }
    // Face: an ellipse, brighter in the middle, darker toward the edges.
    let (fa, fb) = (0.33, 0.43);
    let r2 = (x / fa).powi(2) + ((y - 0.02) / fb).powi(2);
    let hairline = y < -0.26 + 0.35 * x * x;
    if r2 < 1.0 && !hairline {
        let mut l = 1.0 - 0.35 * r2.powi(2);
        let g = |dx: f32, dy: f32, sx: f32, sy: f32| {
            (-(((x - dx) / sx).powi(2) + ((y - dy) / sy).powi(2))).exp()
        };
        // Eye sockets, eyes, brows (both sides).
        for side in [-1.0f32, 1.0] {
            l *= 1.0 - 0.35 * g(side * 0.13, -0.05, 0.09, 0.06);
            l *= 1.0 - 0.70 * g(side * 0.13, -0.05, 0.045, 0.022);
            l *= 1.0 - 0.55 * g(side * 0.13, -0.125, 0.075, 0.018);
        }
        // Nose: bright bridge, shadow under it, nostrils.
        l *= 1.0 + 0.10 * g(0.0, 0.0, 0.03, 0.09);
        l *= 1.0 - 0.30 * g(0.0, 0.1, 0.06, 0.025);
        // Mouth and the shadow under the lower lip.
        l *= 1.0 - 0.50 * g(0.0, 0.2, 0.09, 0.022);
        l *= 1.0 - 0.15 * g(0.0, 0.245, 0.07, 0.02);
        // Cheeks slightly brighter.
        for side in [-1.0f32, 1.0] {
            l *= 1.0 + 0.06 * g(side * 0.15, 0.08, 0.07, 0.07);
        }
        let mut skin = [222.0 * l, 176.0 * l, 146.0 * l];
        if g(0.0, 0.2, 0.07, 0.015) > 0.5 {
            skin[0] = skin[0].max(150.0);
        }
        c = Some(skin);
    }
    c
}

fn blank_card(color: Rgb<u8>) -> RgbImage {
    RgbImage::from_pixel(CARD_WIDTH, CARD_HEIGHT, color)
}

fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: Rgb<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, color);
        }
    }
}

/// Deterministic per-pixel noise (a hash), so generated images are reproducible.
fn noise(x: u32, y: u32) -> u8 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xFF) as u8
}
