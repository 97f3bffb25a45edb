//! Card designs of the evaluation set, unlike the synthetic camera's card and the document
//! crate's test cards: light and dark fronts with a guilloche background, a portrait (the
//! project's synthetic face), a ghost portrait and text lines; light backs with the white panel
//! and white barcode quiet zone real licences have, and dark backs with the barcode on a white
//! inset. The barcode is a real AAMVA PDF417 of fictional data.

use document::synth::{self, CARD_HEIGHT, CARD_WIDTH};
use document::LicenseData;
use image::{imageops, Rgba, RgbaImage};

use crate::error::EvalError;
use crate::rng::Rng;

/// Which face of the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Front,
    Back,
}

/// Light cards (pale background, dark print) or dark ones (dark background, light print).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Light,
    Dark,
}

/// One card design: side, tone, and a variant that picks colours, panel shape and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardDesign {
    pub side: Side,
    pub tone: Tone,
    pub variant: u32,
}

pub(crate) const LIGHT_GROUNDS: [[u8; 3]; 4] = [
    [222, 232, 242],
    [240, 232, 216],
    [226, 238, 228],
    [242, 228, 230],
];
pub(crate) const HEADERS: [[u8; 3]; 4] =
    [[36, 64, 120], [124, 36, 52], [30, 92, 62], [20, 100, 120]];
const DARK_GROUNDS: [[u8; 3]; 4] = [[28, 40, 78], [18, 62, 70], [44, 46, 52], [70, 22, 34]];
const ACCENTS: [[u8; 3]; 3] = [[196, 160, 72], [150, 190, 230], [190, 196, 204]];
/// Paper white, as printed: not quite 255.
const WHITE: [u8; 3] = [252, 252, 250];
pub(crate) const INK: [u8; 3] = [28, 30, 38];

/// Draws the card: RGBA, transparent outside its rounded corners. A back needs the licence
/// its barcode carries.
pub fn draw(design: CardDesign, license: Option<&LicenseData>) -> Result<RgbaImage, EvalError> {
    let mut rng = Rng::new(u64::from(design.variant) * 7919 + 17);
    let ground = match design.tone {
        Tone::Light => rng.pick(&LIGHT_GROUNDS),
        Tone::Dark => rng.pick(&DARK_GROUNDS),
    };
    let mut card = guilloche(CARD_WIDTH, CARD_HEIGHT, ground, design.tone, design.variant);
    match design.side {
        Side::Front => draw_front(&mut card, design, &mut rng),
        Side::Back => {
            let license = license.ok_or(EvalError::BackWithoutLicense)?;
            draw_back(&mut card, design, license, &mut rng)?;
        }
    }
    round_corners(&mut card);
    Ok(card)
}

/// The fine wavy security print of a document's background (`width` × `height`), faint
/// against the ground colour.
pub(crate) fn guilloche(
    width: u32,
    height: u32,
    ground: [u8; 3],
    tone: Tone,
    variant: u32,
) -> RgbaImage {
    let shift: f32 = if tone == Tone::Light { -14.0 } else { 22.0 };
    let phase = variant as f32 * 0.7;
    RgbaImage::from_fn(width, height, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let wave = (xf * 0.045 + 3.0 * (yf * 0.021 + phase).sin()).sin()
            * (yf * 0.05 + 2.0 * (xf * 0.013).cos()).sin();
        let line = if wave.abs() < 0.07 { shift } else { 0.0 };
        let grade = (yf / height as f32 - 0.5) * 8.0;
        let c = ground.map(|v| (f32::from(v) + line - grade).clamp(0.0, 255.0) as u8);
        Rgba([c[0], c[1], c[2], 255])
    })
}

pub(crate) fn fill(card: &mut RgbaImage, x: u32, y: u32, w: u32, h: u32, c: [u8; 3]) {
    for yy in y..(y + h).min(card.height()) {
        for xx in x..(x + w).min(card.width()) {
            card.put_pixel(xx, yy, Rgba([c[0], c[1], c[2], 255]));
        }
    }
}

/// A line of "words": bars of the text's height with gaps, `width` pixels long in all.
pub(crate) fn text_line(
    card: &mut RgbaImage,
    x: u32,
    y: u32,
    width: u32,
    height: u32,
    c: [u8; 3],
    rng: &mut Rng,
) {
    let mut at = x;
    while at < x + width {
        let word = rng.int(height * 2, height * 6).min(x + width - at);
        fill(card, at, y, word, height, c);
        at += word + rng.int(height / 2, height).max(4);
    }
}

fn draw_front(card: &mut RgbaImage, design: CardDesign, rng: &mut Rng) {
    let (ink, label, header, title) = match design.tone {
        Tone::Light => {
            let header = rng.pick(&HEADERS);
            (INK, [110, 114, 124], header, [245, 246, 250])
        }
        Tone::Dark => {
            let accent = rng.pick(&ACCENTS);
            ([236, 238, 242], [170, 176, 190], accent, [30, 30, 36])
        }
    };
    // Header band to the card's edge, with the issuer's name.
    fill(card, 0, 0, CARD_WIDTH, 88, header);
    text_line(card, 56, 22, 460, 24, title, rng);
    text_line(card, 56, 58, 240, 12, title, rng);
    // Portrait (the project's synthetic face: nobody's).
    let portrait = synth::synthetic_face(290, 368);
    let portrait = image::DynamicImage::ImageRgb8(portrait).into_rgba8();
    imageops::overlay(card, &portrait, 48, 120);
    // Fields: a small grey label above each value.
    for row in 0..6 {
        let y = 124 + row * 60;
        text_line(card, 380, y, rng.int(60, 130), 10, label, rng);
        text_line(card, 380, y + 16, rng.int(180, 540), 22, ink, rng);
    }
    // Signature under the portrait.
    for x in 60..320u32 {
        let t = x as f32 * 0.08;
        let y = 522.0 + 12.0 * t.sin() * (t * 0.37).cos();
        fill(card, x, y as u32, 1, 4, ink);
    }
    // Ghost portrait: a small, faint copy.
    let ghost = synth::synthetic_face(96, 122);
    for (gx, gy, p) in ghost.enumerate_pixels() {
        let (x, y) = (860 + gx, 478 + gy);
        let under = card.get_pixel(x, y).0;
        let mixed: [u8; 4] = std::array::from_fn(|i| {
            if i == 3 {
                255
            } else {
                (f32::from(under[i]) * 0.7 + f32::from(p.0[i]) * 0.3) as u8
            }
        });
        card.put_pixel(x, y, Rgba(mixed));
    }
}

fn draw_back(
    card: &mut RgbaImage,
    design: CardDesign,
    license: &LicenseData,
    rng: &mut Rng,
) -> Result<(), EvalError> {
    let ink = match design.tone {
        Tone::Light => INK,
        Tone::Dark => [232, 234, 240],
    };
    // Restrictions, endorsements, the issuer's notes.
    for row in 0..3 {
        text_line(card, 48, 36 + row * 42, rng.int(300, 700), 16, ink, rng);
    }
    let code = barcode(license)?;
    let (bw, bh) = code.dimensions();
    let panel_top = (CARD_HEIGHT as f32 * 0.34) as u32;
    match (design.tone, design.variant % 2) {
        // A white panel to the card's edges: the barcode's quiet zone merges with it.
        (Tone::Light, 0) => fill(
            card,
            0,
            panel_top,
            CARD_WIDTH,
            CARD_HEIGHT - panel_top,
            WHITE,
        ),
        // A white inset panel with a margin of the card's colour around it.
        _ => {
            let margin = 22;
            fill(
                card,
                (CARD_WIDTH - bw) / 2 - margin,
                panel_top,
                bw + 2 * margin,
                CARD_HEIGHT - panel_top - 26,
                WHITE,
            );
        }
    }
    let panel_height = CARD_HEIGHT - panel_top - 26;
    let x = (CARD_WIDTH - bw) / 2;
    let y = panel_top + panel_height.saturating_sub(bh) / 2;
    imageops::overlay(card, &code, i64::from(x), i64::from(y));
    Ok(())
}

/// The licence's AAMVA PDF417, as large as the card allows (3 or 2 pixels a module), in
/// near-black ink on paper white.
fn barcode(license: &LicenseData) -> Result<RgbaImage, EvalError> {
    let payload = document::aamva::encode(license);
    for module in [3, 2] {
        let code = synth::pdf417(&payload, module)?;
        let (w, h) = code.dimensions();
        if w <= CARD_WIDTH * 92 / 100 && h <= CARD_HEIGHT * 58 / 100 || module == 2 {
            return Ok(RgbaImage::from_fn(w, h, |x, y| {
                let c = if code.get_pixel(x, y).0[0] < 128 {
                    [22, 22, 26]
                } else {
                    WHITE
                };
                Rgba([c[0], c[1], c[2], 255])
            }));
        }
    }
    unreachable!("module 2 always returns")
}

/// Transparent outside the rounded corners, with a one-pixel soft edge.
pub(crate) fn round_corners(card: &mut RgbaImage) {
    let (w, h) = (card.width() as f32, card.height() as f32);
    let radius = w * 0.037;
    for (x, y, p) in card.enumerate_pixels_mut() {
        let d = rounded_rect_distance(x as f32 + 0.5, y as f32 + 0.5, w, h, radius);
        let coverage = (0.5 - d).clamp(0.0, 1.0);
        p.0[3] = (f32::from(p.0[3]) * coverage) as u8;
    }
}

/// Signed distance from `(x, y)` to the outline of a `w` × `h` rectangle at the origin with
/// corners rounded by `r`: negative inside.
pub fn rounded_rect_distance(x: f32, y: f32, w: f32, h: f32, r: f32) -> f32 {
    let qx = (x - w / 2.0).abs() - (w / 2.0 - r);
    let qy = (y - h / 2.0).abs() - (h / 2.0 - r);
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - r
}
