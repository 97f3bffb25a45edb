//! Generated captures for tests and demo mode: fictional license data, a card back carrying a
//! real PDF417 barcode (encoded with `rxing`), a card front with a procedurally shaded
//! synthetic face, a passport data page and an ID card back with their machine-readable zone
//! (drawn with the MRZ reader's own OCR-B glyphs), and "photos" of a card lying on a desk. No
//! real person's data or image is used anywhere: every name, number and face here is made up
//! or computed.

use image::{imageops, GrayImage, Luma, Rgb, RgbImage, Rgba, RgbaImage};
use rxing::pdf417::PDF417Writer;
use rxing::{BarcodeFormat, EncodeHints, Writer};

use crate::aamva::{self, Address, Country, DocumentKind, LicenseData, Sex};
use crate::{Date, Error, MrzData, MrzFormat};

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

/// A fictional passport (Utopia, ICAO's fictional state; a made-up holder) expiring on
/// `expiry`.
pub fn sample_passport(expiry: Date) -> MrzData {
    MrzData {
        format: MrzFormat::Td3,
        document_code: "P".to_owned(),
        issuing_state: "UTO".to_owned(),
        family_name: "SAMPLE".to_owned(),
        given_names: "ALEX JORDAN".to_owned(),
        document_number: "L898902C3".to_owned(),
        nationality: "UTO".to_owned(),
        date_of_birth: Date::new(1986, 6, 7),
        sex: Sex::NotSpecified,
        expiry,
    }
}

/// A fictional Utopian identity card (TD1) expiring on `expiry`.
pub fn sample_id_card(expiry: Date) -> MrzData {
    let mut card = sample_passport(expiry);
    card.format = MrzFormat::Td1;
    card.document_code = "I".to_owned();
    card.document_number = "D23145890".to_owned();
    card
}

/// The machine-readable zone of `data`, line by line, with its check digits (ICAO 9303:
/// fields padded with fillers, weights 7, 3, 1; optional data left empty).
pub fn mrz_lines(data: &MrzData) -> Vec<String> {
    let field = |text: &str, len: usize| -> String {
        let mut s: String = text
            .to_ascii_uppercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '<' })
            .take(len)
            .collect();
        while s.len() < len {
            s.push('<');
        }
        s
    };
    let digit = |text: &str| -> char {
        let value = crate::mrz::check_digit_of(text);
        char::from(b'0' + value as u8)
    };
    let date = |d: Option<Date>| match d {
        Some(d) => format!("{:02}{:02}{:02}", d.year() % 100, d.month(), d.day()),
        None => "<<<<<<".to_owned(),
    };
    let sex = match data.sex {
        Sex::Male => 'M',
        Sex::Female => 'F',
        Sex::NotSpecified => '<',
    };
    let names = |len: usize| field(&format!("{}<<{}", data.family_name, data.given_names), len);
    let number = field(&data.document_number, 9);
    let birth = date(data.date_of_birth);
    let expiry = date(Some(data.expiry));
    match data.format {
        MrzFormat::Td3 => {
            let line1 = format!(
                "{}{}{}",
                field(&data.document_code, 2),
                field(&data.issuing_state, 3),
                names(39)
            );
            let mut line2 = format!(
                "{number}{}{}{birth}{}{sex}{expiry}{}{}<",
                digit(&number),
                field(&data.nationality, 3),
                digit(&birth),
                digit(&expiry),
                field("", 14),
            );
            let composite = format!("{}{}{}", &line2[0..10], &line2[13..20], &line2[21..43]);
            line2.push(digit(&composite));
            vec![line1, line2]
        }
        MrzFormat::Td1 => {
            let line1 = format!(
                "{}{}{number}{}{}",
                field(&data.document_code, 2),
                field(&data.issuing_state, 3),
                digit(&number),
                field("", 15)
            );
            let mut line2 = format!(
                "{birth}{}{sex}{expiry}{}{}{}",
                digit(&birth),
                digit(&expiry),
                field(&data.nationality, 3),
                field("", 11)
            );
            let composite = format!(
                "{}{}{}{}",
                &line1[5..30],
                &line2[0..7],
                &line2[8..15],
                &line2[18..29]
            );
            line2.push(digit(&composite));
            vec![line1, line2, names(30)]
        }
    }
}

/// Prints `lines` in OCR-B (the reader's own glyphs, enlarged), `pitch` pixels a character,
/// the first line's first cell at `(x, top)`, lines `spacing` pixels apart.
fn print_mrz(img: &mut RgbImage, lines: &[String], x: f32, top: f32, pitch: f32, spacing: f32) {
    let atlas = crate::mrz::atlas();
    let (cw, ch) = crate::mrz::ATLAS_CELL;
    let (cw, ch) = (cw as usize, ch as usize);
    let glyphs = &atlas[atlas.len().saturating_sub(37 * cw * ch)..];
    let stride = 37 * cw;
    let scale = pitch / cw as f32;
    for (k, line) in lines.iter().enumerate() {
        for (i, c) in line.bytes().enumerate() {
            let Some(g) = crate::mrz::ATLAS_SYMBOLS.iter().position(|&s| s == c) else {
                continue;
            };
            let (x0, y0) = (x + i as f32 * pitch, top + k as f32 * spacing);
            let coverage = |gx: f32, gy: f32| -> f32 {
                let (fx, fy) = (gx - 0.5, gy - 0.5);
                let (ix, iy) = (fx.floor() as i64, fy.floor() as i64);
                let (tx, ty) = (fx - ix as f32, fy - iy as f32);
                let at = |x: i64, y: i64| -> f32 {
                    if x < 0 || y < 0 || x >= cw as i64 || y >= ch as i64 {
                        0.0
                    } else {
                        f32::from(glyphs[y as usize * stride + g * cw + x as usize]) / 255.0
                    }
                };
                let top = at(ix, iy) * (1.0 - tx) + at(ix + 1, iy) * tx;
                let bottom = at(ix, iy + 1) * (1.0 - tx) + at(ix + 1, iy + 1) * tx;
                top * (1.0 - ty) + bottom * ty
            };
            let (w, h) = ((cw as f32 * scale) as u32, (ch as f32 * scale) as u32);
            for py in 0..h {
                for px in 0..w {
                    let a = coverage((px as f32 + 0.5) / scale, (py as f32 + 0.5) / scale);
                    let (ox, oy) = (
                        (x0 as u32).saturating_add(px),
                        (y0 as u32).saturating_add(py),
                    );
                    if a <= 0.0 || ox >= img.width() || oy >= img.height() {
                        continue;
                    }
                    let p = img.get_pixel_mut(ox, oy);
                    for v in &mut p.0 {
                        *v = (f32::from(*v) * (1.0 - a) + 24.0 * a) as u8;
                    }
                }
            }
        }
    }
}

/// A passport's data page (ID-3, 125 × 88 mm at 12 pixels a millimetre): header band, the
/// synthetic portrait, "text" bars, and the machine-readable zone of `data` along the bottom.
pub fn passport_page(data: &MrzData) -> RgbImage {
    let mm = |v: f32| (v * 12.0).round() as u32;
    let mut page = RgbImage::from_fn(mm(125.0), mm(88.0), |x, y| {
        let wave = ((x as f32 * 0.04).sin() * (y as f32 * 0.05).cos()).abs() < 0.05;
        let n = noise(x, y) % 5;
        if wave {
            Rgb([214 + n, 224 + n, 232 + n])
        } else {
            Rgb([226 + n, 234 + n, 240 + n])
        }
    });
    fill(&mut page, 0, 0, mm(125.0), mm(9.0), Rgb([36, 64, 120]));
    fill(
        &mut page,
        mm(6.0),
        mm(3.0),
        mm(50.0),
        mm(3.0),
        Rgb([240, 242, 248]),
    );
    imageops::overlay(
        &mut page,
        &synthetic_face(mm(32.0), mm(41.0)),
        i64::from(mm(6.0)),
        i64::from(mm(14.0)),
    );
    for row in 0..6 {
        let y = mm(15.0) + row * mm(6.5);
        fill(
            &mut page,
            mm(44.0),
            y,
            mm(14.0),
            mm(1.2),
            Rgb([120, 124, 134]),
        );
        fill(
            &mut page,
            mm(44.0),
            y + mm(2.0),
            mm(30.0 + (row % 3) as f32 * 9.0),
            mm(2.4),
            Rgb([40, 42, 50]),
        );
    }
    let pitch = 2.54 * 12.0;
    let left = (mm(125.0) as f32 - 44.0 * pitch) / 2.0;
    let cell_top = |baseline: f32| baseline - crate::mrz::ATLAS_BASELINE * pitch / 20.0;
    let baseline2 = mm(83.5) as f32;
    let spacing = 4.3 * 12.0;
    print_mrz(
        &mut page,
        &mrz_lines(data),
        left,
        cell_top(baseline2 - spacing),
        pitch,
        spacing,
    );
    page
}

/// An identity card's back (ID-1) with the machine-readable zone of `data` (TD1) along the
/// bottom.
pub fn id_card_back(data: &MrzData) -> RgbImage {
    let mut card = blank_card(Rgb([232, 236, 228]));
    fill(&mut card, 40, 40, 520, 18, Rgb([70, 74, 84]));
    fill(&mut card, 40, 80, 420, 18, Rgb([70, 74, 84]));
    fill(&mut card, 720, 40, 220, 160, Rgb([36, 64, 120]));
    let px_mm = CARD_WIDTH as f32 / 85.6;
    let pitch = 2.54 * px_mm;
    let spacing = 4.2 * px_mm;
    let left = (CARD_WIDTH as f32 - 30.0 * pitch) / 2.0;
    let last_baseline = CARD_HEIGHT as f32 - 3.8 * px_mm;
    let top = last_baseline - 2.0 * spacing - crate::mrz::ATLAS_BASELINE * pitch / 20.0;
    print_mrz(&mut card, &mrz_lines(data), left, top, pitch, spacing);
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
