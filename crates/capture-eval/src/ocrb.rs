//! OCR-B, the MRZ's font, from Debian's `fonts-ocr-b` (`cargo xtask setup` installs it): the
//! set draws every machine-readable zone with it, and it renders the glyph atlas the
//! document crate's reader compares cells with (`capture-eval --write-ocr-b-atlas`).
//!
//! The package's fonts are Matthew Skala's OCR-B, from Norbert Schwarz's METAFONT sources:
//! public domain, and "you may freely use, modify and/or distribute this file, without
//! limitation" (`/usr/share/doc/fonts-ocr-b/copyright`), so a rendering of its glyphs may ship
//! inside the app.

use ab_glyph::{Font, FontVec, PxScale};
use image::{GrayImage, Luma, RgbaImage};

use crate::error::EvalError;

/// Where Debian installs the font.
pub const FONT_PATH: &str = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";
/// Overrides [`FONT_PATH`] (another system's copy of the same font).
pub const FONT_ENV: &str = "CAPTURE_EVAL_OCRB";

/// The loaded font.
pub struct OcrB {
    font: FontVec,
    /// A glyph's advance (the same for every glyph) over the em.
    advance: f32,
}

impl OcrB {
    /// Loads the font from [`FONT_ENV`] or [`FONT_PATH`].
    pub fn load() -> Result<Self, EvalError> {
        let path = std::env::var_os(FONT_ENV)
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| FONT_PATH.into());
        let bytes = std::fs::read(&path).map_err(|e| EvalError::Font {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let font = FontVec::try_from_vec(bytes).map_err(|e| EvalError::Font {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let em = font.units_per_em().unwrap_or(1000.0);
        let advance = font.h_advance_unscaled(font.glyph_id('0')) / em;
        if advance <= 0.0 {
            return Err(EvalError::Font {
                path: path.display().to_string(),
                reason: "the font has no advance for its digits".to_owned(),
            });
        }
        Ok(Self { font, advance })
    }

    /// The em, in pixels, that makes each character `pitch` pixels wide.
    fn scale(&self, pitch: f32) -> PxScale {
        PxScale::from(pitch / self.advance)
    }

    /// Calls `put(x, y, coverage)` for every pixel of `text`'s glyphs, the first one's origin
    /// at `(x, baseline)`, `pitch` pixels a character.
    pub fn render(
        &self,
        text: &str,
        x: f32,
        baseline: f32,
        pitch: f32,
        mut put: impl FnMut(i64, i64, f32),
    ) {
        let scale = self.scale(pitch);
        for (i, c) in text.chars().enumerate() {
            let glyph = self
                .font
                .glyph_id(c)
                .with_scale_and_position(scale, ab_glyph::point(x + i as f32 * pitch, baseline));
            if let Some(outline) = self.font.outline_glyph(glyph) {
                let min = outline.px_bounds().min;
                outline.draw(|gx, gy, coverage| {
                    put(
                        min.x as i64 + i64::from(gx),
                        min.y as i64 + i64::from(gy),
                        coverage,
                    );
                });
            }
        }
    }

    /// Prints `text` onto `image` in `ink` (alpha-blended by the glyphs' coverage).
    pub fn print(
        &self,
        image: &mut RgbaImage,
        text: &str,
        x: f32,
        baseline: f32,
        pitch: f32,
        ink: [u8; 3],
    ) {
        let (w, h) = (i64::from(image.width()), i64::from(image.height()));
        self.render(text, x, baseline, pitch, |px, py, coverage| {
            if px < 0 || py < 0 || px >= w || py >= h {
                return;
            }
            let p = image.get_pixel_mut(px as u32, py as u32);
            let a = coverage.clamp(0.0, 1.0);
            for (v, i) in p.0.iter_mut().zip(ink) {
                *v = (f32::from(*v) * (1.0 - a) + f32::from(i) * a).round() as u8;
            }
        });
    }

    /// The reader's glyph atlas: the MRZ alphabet side by side, one cell each, ink white on
    /// black, as `document::mrz::ATLAS_*` describes.
    pub fn atlas(&self) -> GrayImage {
        let (cw, ch) = document::mrz::ATLAS_CELL;
        let symbols = document::mrz::ATLAS_SYMBOLS;
        let mut atlas = GrayImage::new(cw * symbols.len() as u32, ch);
        for (i, &s) in symbols.iter().enumerate() {
            let text = (s as char).to_string();
            let x0 = (i as u32 * cw) as i64;
            self.render(
                &text,
                0.0,
                document::mrz::ATLAS_BASELINE,
                cw as f32,
                |x, y, coverage| {
                    if x >= 0 && y >= 0 && x < i64::from(cw) && y < i64::from(ch) {
                        let v = (coverage.clamp(0.0, 1.0) * 255.0).round() as u8;
                        atlas.put_pixel((x0 + x) as u32, y as u32, Luma([v]));
                    }
                },
            );
        }
        atlas
    }

    /// [`OcrB::atlas`] as a binary PGM, the form the document crate embeds.
    pub fn atlas_pgm(&self) -> Vec<u8> {
        let atlas = self.atlas();
        let mut out = format!("P5\n{} {}\n255\n", atlas.width(), atlas.height()).into_bytes();
        out.extend_from_slice(atlas.as_raw());
        out
    }
}
