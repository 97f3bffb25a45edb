//! The machine-readable zone as another OCR engine reads it (`document::mrz::read_mrz_text`:
//! the same look-alike correction, check digits and parsing as `document::read_mrz` after its
//! own OCR). The input's lines are the zone's lines; it is tried as a passport's (TD3) and as
//! an ID card's (TD1).
//!
//! Properties: no panic; whatever is accepted has not expired, and written back as a zone
//! (`document::synth::mrz_lines`) reads as the same fields.

use document::mrz::read_mrz_text;
use document::synth::{mrz_lines, sample_id_card, sample_passport};
use document::{Date, MrzFormat};

fn today() -> Date {
    Date::new(2026, 6, 1).expect("a real date")
}

pub fn run(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.lines().collect();
    let mut accepted = false;
    for format in [MrzFormat::Td3, MrzFormat::Td1] {
        if let Ok(read) = read_mrz_text(format, &lines, today()) {
            assert!(read.expiry >= today(), "an expired document was accepted");
            assert_eq!(read.format, format);
            let again = mrz_lines(&read);
            let again: Vec<&str> = again.iter().map(String::as_str).collect();
            let reread = read_mrz_text(format, &again, today()).expect("its own zone reads");
            assert!(reread == read, "the zone written back reads differently");
            accepted = true;
        }
    }
    accepted
}

/// The fictional sample passport's and ID card's zones, as the crate writes them.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let expiry = Date::new(2031, 6, 30).expect("a real date");
    [
        ("td3-passport", sample_passport(expiry)),
        ("td1-id-card", sample_id_card(expiry)),
    ]
    .into_iter()
    .map(|(name, data)| (name, mrz_lines(&data).join("\n").into_bytes()))
    .collect()
}
