//! The machine-readable zone of passports (TD3: two lines of 44 characters, on the data page)
//! and identity cards (TD1: three lines of 30, on the back), read from a still.
//!
//! [`read_mrz`] locates the zone (`locate`: the document warped square to the camera, the
//! zone's lines found as long, evenly spaced bars of print), reads every character with a
//! fixed-pitch OCR-B template matcher (`ocr`), takes for each cell the best character its
//! field allows and corrects look-alikes only where a check digit says so and the OCR was in
//! doubt (`decode`), then has the `mrz` crate parse the zone and verify every check digit,
//! the composite included (`fields`). An expired document is refused. Nothing here reads a
//! clock, does I/O or logs what the zone says.
//!
//! Why a template matcher rather than Tesseract: the zone is one known font at one known
//! pitch, so 37 templates and a check digit do the job; the matcher ships as 19 KB of glyphs
//! inside this crate on every platform, where Tesseract would add a C++ library, Leptonica
//! and trained data to the Windows installer. The README's capture-evaluation section gives
//! the measured comparison.

mod decode;
mod fields;
mod layout;
mod locate;
mod ocr;

use image::GrayImage;
use zeroize::Zeroizing;

pub use fields::{MrzData, MrzDocumentKind};
pub use layout::MrzFormat;

use crate::error::guarded;
use crate::{CapturedImage, Date, Error};

/// The glyph atlas the reader compares cells with (`ocr-b.pgm`, binary PGM): the characters
/// of [`ATLAS_SYMBOLS`] side by side, each in a cell of [`ATLAS_CELL`] pixels (its advance is
/// the cell's width), baseline at [`ATLAS_BASELINE`], ink white on black. Rendered from
/// Debian's `fonts-ocr-b` by `capture-eval --write-ocr-b-atlas`; that font is public domain
/// (Matthew Skala's OCR-B after Norbert Schwarz's METAFONT sources, which "you may freely use,
/// modify and/or distribute ... without limitation"), so its rendering ships in the app.
pub fn atlas() -> &'static [u8] {
    ocr::ATLAS
}
/// See [`atlas`].
pub const ATLAS_SYMBOLS: &[u8; 37] = layout::SYMBOLS;
/// See [`atlas`]: width, height.
pub const ATLAS_CELL: (u32, u32) = (ocr::CELL_W as u32, ocr::CELL_H as u32);
/// See [`atlas`].
pub const ATLAS_BASELINE: f32 = ocr::BASELINE;

/// The ICAO 9303 check digit over `field` (characters outside the MRZ alphabet count as
/// fillers).
pub fn check_digit_of(field: &str) -> u32 {
    layout::check_digit(
        field
            .bytes()
            .map(|c| layout::symbol_of(c).unwrap_or(layout::FILLER)),
    )
}

/// The component named in [`Error::Unreadable`] when reading the zone panics.
const READER: &str = "MRZ reader";
/// Candidate zones tried per view, best-shaped first.
const MAX_ZONES: usize = 4;

/// Reads the MRZ of a passport data page or of an ID card's back: locates it, reads it,
/// verifies every check digit (the composite included) and refuses an expired document
/// (`Error::DocumentExpired`), so nothing is sent for it.
///
/// `Error::NoMrz` when no zone is found, `Error::MrzCheckDigit` when one is found but a check
/// digit disagrees with what was read even after correction (a blurred or partly hidden
/// zone: another capture may well read), `Error::MrzInvalidField` when the zone reads but a
/// field is not what ICAO 9303 allows (e.g. a visa's document code).
pub fn read_mrz(image: CapturedImage<'_>, today: Date) -> Result<MrzData, Error> {
    let luma = image.to_luma()?;
    let data = guarded(READER, || read_luma(&luma, today))??;
    data.ensure_not_expired(today)?;
    tracing::debug!(format = ?data.format, "read MRZ");
    Ok(data)
}

/// Parses and verifies the zone's text as another OCR engine read it (one string per line),
/// with the same check-digit-guided correction of look-alikes as [`read_mrz`] (each character
/// read is taken as sure, its look-alike as a close second), and refuses an expired document.
/// A line read a few characters short or long (fillers merged or split, as engines trained on
/// prose do) is first brought to its width in its longest run of fillers.
pub fn read_mrz_text(format: MrzFormat, lines: &[&str], today: Date) -> Result<MrzData, Error> {
    if lines.len() != format.lines() {
        return Err(Error::NoMrz);
    }
    let mut scores = Vec::with_capacity(format.cells());
    for line in lines {
        let mut chars: Zeroizing<Vec<u8>> = Zeroizing::new(
            line.bytes()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        fit_width(&mut chars, format.columns());
        for column in 0..format.columns() {
            let mut s = [0f32; 37];
            if let Some(symbol) = chars.get(column).and_then(|&c| layout::symbol_of(c)) {
                s[symbol] = 1.0;
                if let Some(t) = decode::twin_of(symbol) {
                    s[t] = 1.0 - decode::TWIN_MARGIN / 2.0;
                }
            }
            scores.push(s);
        }
    }
    let text = decode::decode(format, &scores)?;
    let data = fields::parse(format, &text, today)?;
    data.ensure_not_expired(today)?;
    Ok(data)
}

/// Brings `line` to `width` characters by adding fillers to, or taking them from, its longest
/// run of fillers (at its end when it has none); at most four either way.
fn fit_width(line: &mut Vec<u8>, width: usize) {
    if line.len() == width || line.len().abs_diff(width) > 4 {
        return;
    }
    let mut longest = (line.len(), 0);
    let mut i = 0;
    while i < line.len() {
        if line[i] == b'<' {
            let start = i;
            while i < line.len() && line[i] == b'<' {
                i += 1;
            }
            if i - start > longest.1 {
                longest = (start, i - start);
            }
        } else {
            i += 1;
        }
    }
    let (start, len) = longest;
    if line.len() < width {
        let missing = width - line.len();
        let at = start + len;
        line.splice(at..at, std::iter::repeat_n(b'<', missing));
    } else {
        let extra = line.len() - width;
        if len >= extra {
            line.drain(start..start + extra);
        } else {
            line.truncate(width);
        }
    }
}

/// A zone as located in a still, its lines resampled upright for another OCR engine.
pub struct LocatedZone {
    /// The format its shape says.
    pub format: MrzFormat,
    /// Its lines, top to bottom, each upright with a margin, at the pitch asked for.
    pub lines: Vec<GrayImage>,
}

/// The zones [`read_mrz`] would try, in its order, each line resampled at `pitch` pixels a
/// character: for measuring other OCR engines on the same located lines.
pub fn locate_zones(image: CapturedImage<'_>, pitch: u32) -> Result<Vec<LocatedZone>, Error> {
    let luma = image.to_luma()?;
    guarded(READER, || {
        let mut out = Vec::new();
        for view in locate::views(&luma) {
            let zones = locate::zones(&locate::bars(&view.image));
            for zone in zones.iter().take(MAX_ZONES) {
                for flipped in orientations(&view, zone) {
                    let Some(lines) = zone.lines(&view.to_image, flipped) else {
                        continue;
                    };
                    out.push(LocatedZone {
                        format: zone.format,
                        lines: lines
                            .iter()
                            .map(|line| {
                                let cells = ocr::fit_cells(&luma, line);
                                ocr::line_image(&luma, line, &cells, pitch)
                            })
                            .collect(),
                    });
                }
            }
        }
        out
    })
}

/// Upright first where the view says which way is up (a document's zone is along its bottom
/// edge), then upside down.
fn orientations(view: &locate::View, zone: &locate::Zone) -> [bool; 2] {
    let upside_down = view.document && zone.centre().1 < view.image.height() as f32 / 2.0;
    [upside_down, !upside_down]
}

fn read_luma(luma: &GrayImage, today: Date) -> Result<MrzData, Error> {
    let mut failure: Option<Error> = None;
    for view in locate::views(luma) {
        let zones = locate::zones(&locate::bars(&view.image));
        for zone in zones.iter().take(MAX_ZONES) {
            for flipped in orientations(&view, zone) {
                match read_zone(luma, zone, &view.to_image, flipped, today) {
                    Ok(data) => return Ok(data),
                    // The first zone that was read at all says best what went wrong.
                    Err(e) => {
                        if failure.is_none() || failure == Some(Error::NoMrz) {
                            failure = Some(e);
                        }
                    }
                }
            }
        }
    }
    Err(failure.unwrap_or(Error::NoMrz))
}

fn read_zone(
    luma: &GrayImage,
    zone: &locate::Zone,
    to_image: &imageproc::geometric_transformations::Projection,
    flipped: bool,
    today: Date,
) -> Result<MrzData, Error> {
    let lines = zone.lines(to_image, flipped).ok_or(Error::NoMrz)?;
    let mut scores = Vec::with_capacity(zone.format.cells());
    for line in &lines {
        let cells = ocr::fit_cells(luma, line);
        scores.extend(ocr::read_line(luma, line, &cells));
    }
    let text: Zeroizing<Vec<u8>> = decode::decode(zone.format, &scores)?;
    fields::parse(zone.format, &text, today)
}
