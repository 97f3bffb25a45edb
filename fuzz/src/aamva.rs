//! The text of a PDF417 barcode as the AAMVA parser gets it (`document::aamva::parse`, what
//! `document::read_license` calls after decoding the barcode), and the date layouts it reads.
//!
//! Properties: no panic; whatever is accepted is well formed (real dates, names, number and
//! jurisdiction present, a supported version, a six-digit IIN); a date read from text prints
//! back as that text.

use document::aamva::{self, SUPPORTED_VERSIONS};
use document::synth::sample_license;
use document::{Country, Date, DocumentKind, LicenseData, Sex};

/// The two date layouts AAMVA uses: how each is read and printed.
type DateLayout = (fn(&str) -> Option<Date>, fn(&Date) -> String);
const DATE_LAYOUTS: [DateLayout; 2] = [
    (Date::parse_mmddccyy, Date::to_mmddccyy),
    (Date::parse_ccyymmdd, Date::to_ccyymmdd),
];

pub fn run(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    for (read, print) in DATE_LAYOUTS {
        if let Some(date) = read(&text) {
            assert_eq!(
                print(&date),
                text.trim(),
                "a date does not print as it was read"
            );
        }
    }
    match aamva::parse(&text) {
        Ok(licence) => {
            assert_well_formed(&licence);
            true
        }
        Err(_) => false,
    }
}

fn assert_well_formed(d: &LicenseData) {
    for date in [d.date_of_birth, d.expiry] {
        assert_eq!(Date::new(date.year(), date.month(), date.day()), Some(date));
    }
    assert!(!d.family_name.trim().is_empty(), "empty family name");
    assert!(!d.first_name.trim().is_empty(), "empty first name");
    assert!(
        !d.document_number.trim().is_empty(),
        "empty document number"
    );
    assert!(!d.jurisdiction.trim().is_empty(), "empty jurisdiction");
    assert!(SUPPORTED_VERSIONS.contains(&d.aamva_version));
    assert!(d.iin.len() == 6 && d.iin.bytes().all(|b| b.is_ascii_digit()));
}

/// Payloads of the fictional sample licence as the crate's own encoder writes them, in the
/// versions whose name elements differ (01: `DAA`; 02–03: `DCT`; 04+: `DCS`/`DAC`/`DAD`), for
/// both countries (their date layouts differ), and an ID card.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let expiry = Date::new(2031, 6, 30).expect("a real date");
    let licence = |version: u8, country: Country| sample_license(version, country, expiry);
    let mut id_card = licence(9, Country::Usa);
    id_card.kind = DocumentKind::IdCard;
    id_card.sex = Some(Sex::Female);
    id_card.address = None;
    [
        ("v01-usa", licence(1, Country::Usa)),
        ("v03-usa", licence(3, Country::Usa)),
        ("v08-usa", licence(8, Country::Usa)),
        ("v10-canada", licence(10, Country::Canada)),
        ("v09-id-card", id_card),
    ]
    .into_iter()
    .map(|(name, d)| (name, aamva::encode(&d).as_bytes().to_vec()))
    .collect()
}
