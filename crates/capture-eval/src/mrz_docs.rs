//! Passport data pages (TD3) and ID card backs (TD1) of fictional people, their machine-readable
//! zones printed in OCR-B at ICAO's ten characters to the inch with correct check digits, and
//! the truth each carries.
//!
//! The zone is composed here from the fields, with this module's own check-digit arithmetic,
//! apart from the reader's and from the `mrz` crate's, so that an error in one of them shows.
//! Look-alike characters (`0`/`O`, `1`/`I`, `5`/`S`, `8`/`B`, `2`/`Z`) are frequent in the
//! document numbers on purpose.

use std::sync::OnceLock;

use document::synth;
use document::{Date, MrzData, MrzFormat, Sex};
use image::{imageops, RgbaImage};

use crate::cards::{self, Tone};
use crate::error::EvalError;
use crate::ocrb::OcrB;
use crate::rng::Rng;

/// A passport data page, 125 × 88 mm (ID-3), drawn at 12 pixels a millimetre.
pub const PAGE_WIDTH: u32 = 1500;
/// See [`PAGE_WIDTH`].
pub const PAGE_HEIGHT: u32 = 1056;
/// The ID-3 page's aspect ratio.
pub const PAGE_ASPECT: f32 = 125.0 / 88.0;
/// ICAO's character pitch in the zone, 2.54 mm, in millimetres.
const PITCH_MM: f32 = 2.54;

/// What a zone says: the fields, as the issuer would print them.
#[derive(Clone, PartialEq)]
pub struct MrzTruth {
    pub format: MrzFormat,
    /// `P` for passports; `I`, `ID`, `AC`… for ID cards.
    pub code: String,
    pub issuing_state: String,
    pub family_name: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: String,
    pub birth: Date,
    pub sex: Sex,
    pub expiry: Date,
    /// TD3: the personal number; TD1: the first optional data element.
    pub optional: String,
    /// TD1: the second optional data element.
    pub optional2: String,
}

impl std::fmt::Debug for MrzTruth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MrzTruth({:?})", self.format)
    }
}

/// The MRZ alphabet's value of a character in a check-digit sum.
fn value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// ICAO 9303 part 3 §4.9: weights 7, 3, 1, the sum modulo 10.
pub fn check_digit(field: &str) -> char {
    let sum: u32 = field
        .bytes()
        .zip([7, 3, 1].into_iter().cycle())
        .map(|(c, w)| value(c) * w)
        .sum();
    char::from(b'0' + (sum % 10) as u8)
}

/// `text` upper-cased, spaces as fillers, padded with fillers (or cut) to `len`.
fn field(text: &str, len: usize) -> String {
    let mut s: String = text
        .to_ascii_uppercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '<' } else { c })
        .take(len)
        .collect();
    while s.len() < len {
        s.push('<');
    }
    s
}

fn yymmdd(d: Date) -> String {
    format!("{:02}{:02}{:02}", d.year() % 100, d.month(), d.day())
}

fn sex_char(s: Sex) -> char {
    match s {
        Sex::Male => 'M',
        Sex::Female => 'F',
        Sex::NotSpecified => '<',
    }
}

impl MrzTruth {
    /// The zone's lines.
    pub fn lines(&self) -> Vec<String> {
        let names = |len: usize| field(&format!("{}<<{}", self.family_name, self.given_names), len);
        let number = field(&self.document_number, 9);
        let number_cd = check_digit(&number);
        let birth = yymmdd(self.birth);
        let expiry = yymmdd(self.expiry);
        match self.format {
            MrzFormat::Td3 => {
                let line1 = format!(
                    "{}{}{}",
                    field(&self.code, 2),
                    field(&self.issuing_state, 3),
                    names(39)
                );
                let personal = field(&self.optional, 14);
                let personal_cd = if self.optional.is_empty() {
                    '<'
                } else {
                    check_digit(&personal)
                };
                let mut line2 = format!(
                    "{number}{number_cd}{}{birth}{}{}{expiry}{}{personal}{personal_cd}",
                    field(&self.nationality, 3),
                    check_digit(&birth),
                    sex_char(self.sex),
                    check_digit(&expiry),
                );
                let composite = format!("{}{}{}", &line2[0..10], &line2[13..20], &line2[21..43]);
                line2.push(check_digit(&composite));
                vec![line1, line2]
            }
            MrzFormat::Td1 => {
                let line1 = format!(
                    "{}{}{number}{number_cd}{}",
                    field(&self.code, 2),
                    field(&self.issuing_state, 3),
                    field(&self.optional, 15)
                );
                let mut line2 = format!(
                    "{birth}{}{}{expiry}{}{}{}",
                    check_digit(&birth),
                    sex_char(self.sex),
                    check_digit(&expiry),
                    field(&self.nationality, 3),
                    field(&self.optional2, 11)
                );
                let composite = format!(
                    "{}{}{}{}",
                    &line1[5..30],
                    &line2[0..7],
                    &line2[8..15],
                    &line2[18..29]
                );
                line2.push(check_digit(&composite));
                vec![line1, line2, names(30)]
            }
        }
    }

    /// Whether the reader's result says what this truth says, field by field.
    pub fn matches(&self, read: &MrzData) -> bool {
        let trim = |s: &str| s.trim_end_matches('<').to_owned();
        let spaced = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        read.format == self.format
            && read.document_code == trim(&self.code)
            && read.issuing_state == trim(&self.issuing_state)
            && read.family_name == spaced(&self.family_name)
            && read.given_names == spaced(&self.given_names)
            && read.document_number == self.document_number
            && read.nationality == trim(&self.nationality)
            && read.date_of_birth == Some(self.birth)
            && read.sex == self.sex
            && read.expiry == self.expiry
    }
}

/// Fictional holders (made-up names; nobody's data): family name, given names.
const HOLDERS: [(&str, &str); 8] = [
    ("SAMPLE", "ALEX JORDAN"),
    ("NATARAJAN", "PRIYA"),
    ("EXAMPLE", "MORGAN LEE"),
    ("SPECIMEN", "SAM"),
    ("TESTCARD", "TAYLOR QUINN"),
    ("MODELPERSON", "ROBIN"),
    ("DEMO SURNAME", "KIM"),
    ("OOSTERBOSCH", "ZOE ISABEL"),
];
/// Issuing states: ICAO's fictional Utopia, and codes of several shapes (Germany's `D`).
const STATES: [&str; 7] = ["UTO", "D", "GBR", "NLD", "CAN", "FRA", "ITA"];
/// Document numbers are drawn from here: look-alikes are common.
const NUMBER_CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0O1I5S8B2Z";

fn date(rng: &mut Rng, years: (u32, u32)) -> Date {
    Date::new(
        rng.int(years.0, years.1) as u16,
        rng.int(1, 12) as u8,
        rng.int(1, 28) as u8,
    )
    .expect("a valid date")
}

/// A fictional document's fields, expiring after [`crate::set::today`].
pub fn truth(format: MrzFormat, rng: &mut Rng) -> MrzTruth {
    let (family, given) = rng.pick(&HOLDERS);
    let state = rng.pick(&STATES);
    let number_len = if rng.unit() < 0.8 { 9 } else { 8 };
    let mut number: String = (0..number_len)
        .map(|_| char::from(rng.pick(NUMBER_CHARS)))
        .collect();
    // A document number never starts with a filler; make it a letter or digit (it is).
    if number.starts_with('<') {
        number.replace_range(0..1, "X");
    }
    let optional = if rng.unit() < 0.5 {
        String::new()
    } else {
        (0..rng.int(6, 11))
            .map(|_| char::from(rng.pick(b"0123456789")))
            .collect()
    };
    let optional2 = if format == MrzFormat::Td1 && rng.unit() < 0.3 {
        "AB12".to_owned()
    } else {
        String::new()
    };
    MrzTruth {
        format,
        code: match format {
            MrzFormat::Td3 => "P".to_owned(),
            MrzFormat::Td1 => rng.pick(&["I", "ID", "IR", "AC"]).to_owned(),
        },
        issuing_state: state.to_owned(),
        family_name: family.to_owned(),
        given_names: given.to_owned(),
        document_number: number,
        nationality: state.to_owned(),
        birth: date(rng, (1950, 2005)),
        sex: rng.pick(&[Sex::Male, Sex::Female, Sex::NotSpecified]),
        expiry: date(rng, (2027, 2036)),
        optional,
        optional2,
    }
}

/// The font, loaded once for the whole set.
pub fn font() -> Result<&'static OcrB, EvalError> {
    static FONT: OnceLock<Result<OcrB, (String, String)>> = OnceLock::new();
    FONT.get_or_init(|| {
        OcrB::load().map_err(|e| match e {
            EvalError::Font { path, reason } => (path, reason),
            other => (String::new(), other.to_string()),
        })
    })
    .as_ref()
    .map_err(|(path, reason)| EvalError::Font {
        path: path.clone(),
        reason: reason.clone(),
    })
}

/// The ink of the zone: near black, a little lighter on some documents (laser-engraved).
const INKS: [[u8; 3]; 3] = [[18, 18, 24], [30, 30, 36], [46, 44, 50]];
/// How much heavier than the font the zone is printed, in millimetres of extra stroke: toner
/// and ink spread, engraving does not.
const WEIGHTS: [f32; 3] = [0.0, 0.04, 0.08];

/// Draws the document: RGBA, transparent outside its rounded corners.
pub fn draw(truth: &MrzTruth, variant: u32) -> Result<RgbaImage, EvalError> {
    let font = font()?;
    let mut rng = Rng::new(u64::from(variant) * 6271 + 29);
    let ground = rng.pick(&cards::LIGHT_GROUNDS);
    let header = rng.pick(&cards::HEADERS);
    let ink = rng.pick(&INKS);
    let weight = rng.pick(&WEIGHTS);
    let (width, height, px_per_mm) = match truth.format {
        MrzFormat::Td3 => (PAGE_WIDTH, PAGE_HEIGHT, PAGE_WIDTH as f32 / 125.0),
        MrzFormat::Td1 => (
            synth::CARD_WIDTH,
            synth::CARD_HEIGHT,
            synth::CARD_WIDTH as f32 / 85.6,
        ),
    };
    let mut doc = cards::guilloche(width, height, ground, Tone::Light, variant);
    let mm = |v: f32| (v * px_per_mm).round() as u32;
    match truth.format {
        MrzFormat::Td3 => {
            // Header with the state's name and "PASSPORT", the portrait, the printed fields,
            // a ghost portrait; the zone along the bottom.
            cards::fill(&mut doc, 0, 0, width, mm(9.0), header);
            cards::text_line(
                &mut doc,
                mm(6.0),
                mm(2.5),
                mm(60.0),
                mm(3.0),
                [245, 246, 250],
                &mut rng,
            );
            let portrait = synth::synthetic_face(mm(32.0), mm(41.0));
            let portrait = image::DynamicImage::ImageRgb8(portrait).into_rgba8();
            imageops::overlay(&mut doc, &portrait, i64::from(mm(6.0)), i64::from(mm(14.0)));
            for row in 0..7 {
                let y = mm(14.0) + row * mm(6.0);
                cards::text_line(
                    &mut doc,
                    mm(44.0),
                    y,
                    rng.int(mm(10.0), mm(18.0)),
                    mm(1.2),
                    [110, 114, 124],
                    &mut rng,
                );
                cards::text_line(
                    &mut doc,
                    mm(44.0),
                    y + mm(1.9),
                    rng.int(mm(20.0), mm(60.0)),
                    mm(2.4),
                    cards::INK,
                    &mut rng,
                );
            }
            ghost(&mut doc, mm(104.0), mm(36.0), mm(14.0), mm(18.0));
        }
        MrzFormat::Td1 => {
            // The back: the issuer's notes above the zone.
            for row in 0..4 {
                cards::text_line(
                    &mut doc,
                    mm(5.0),
                    mm(4.0) + row * mm(4.2),
                    rng.int(mm(30.0), mm(70.0)),
                    mm(1.8),
                    cards::INK,
                    &mut rng,
                );
            }
            cards::fill(&mut doc, mm(62.0), mm(4.0), mm(18.0), mm(14.0), header);
        }
    }
    // The zone: ten characters to the inch, centred, the last line's baseline a few
    // millimetres above the bottom edge, lines 3.8–4.6 mm apart.
    let lines = truth.lines();
    let pitch = PITCH_MM * px_per_mm;
    let columns = truth.format.columns() as f32;
    let left = (width as f32 - columns * pitch) / 2.0 + rng.range(-0.4, 0.4) * px_per_mm;
    let spacing = rng.range(3.8, 4.6) * px_per_mm;
    let last = height as f32 - rng.range(3.6, 5.0) * px_per_mm;
    let n = lines.len() as f32;
    // A heavier print is the glyphs laid down again a little to the right and lower.
    let spread = weight * px_per_mm;
    let passes: &[(f32, f32)] = if spread > 0.0 {
        &[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
    } else {
        &[(0.0, 0.0)]
    };
    for (k, line) in lines.iter().enumerate() {
        let baseline = last - (n - 1.0 - k as f32) * spacing;
        for &(dx, dy) in passes {
            font.print(
                &mut doc,
                line,
                left + dx * spread,
                baseline + dy * spread,
                pitch,
                ink,
            );
        }
    }
    cards::round_corners(&mut doc);
    Ok(doc)
}

/// A small faint copy of the portrait.
fn ghost(doc: &mut RgbaImage, x0: u32, y0: u32, w: u32, h: u32) {
    let ghost = synth::synthetic_face(w, h);
    for (gx, gy, p) in ghost.enumerate_pixels() {
        let (x, y) = (x0 + gx, y0 + gy);
        if x >= doc.width() || y >= doc.height() {
            continue;
        }
        let under = doc.get_pixel(x, y).0;
        let mixed: [u8; 4] = std::array::from_fn(|i| {
            if i == 3 {
                255
            } else {
                (f32::from(under[i]) * 0.75 + f32::from(p.0[i]) * 0.25) as u8
            }
        });
        doc.put_pixel(x, y, image::Rgba(mixed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_the_icao_specimens() {
        let passport = MrzTruth {
            format: MrzFormat::Td3,
            code: "P".into(),
            issuing_state: "UTO".into(),
            family_name: "ERIKSSON".into(),
            given_names: "ANNA MARIA".into(),
            document_number: "L898902C3".into(),
            nationality: "UTO".into(),
            birth: Date::new(1974, 8, 12).unwrap(),
            sex: Sex::Female,
            expiry: Date::new(2012, 4, 15).unwrap(),
            optional: "ZE184226B".into(),
            optional2: String::new(),
        };
        assert_eq!(
            passport.lines(),
            [
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
            ]
        );
        let card = MrzTruth {
            format: MrzFormat::Td1,
            code: "I".into(),
            document_number: "D23145890".into(),
            optional: String::new(),
            ..passport
        };
        assert_eq!(
            card.lines(),
            [
                "I<UTOD231458907<<<<<<<<<<<<<<<",
                "7408122F1204159UTO<<<<<<<<<<<6",
                "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
            ]
        );
    }
}
