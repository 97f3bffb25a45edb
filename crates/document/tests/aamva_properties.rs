//! Property tests of the AAMVA parser: arbitrary bytes and AAMVA-shaped text never make it
//! panic, whatever it accepts is well formed, and licences made by the crate's own encoder
//! (what `synth` puts in its barcodes) parse back to the same fields. Fixed seeds keep runs
//! repeatable.

use document::aamva::{self, SUPPORTED_VERSIONS};
use document::synth;
use document::{Address, Country, Date, DocumentKind, LicenseData, Sex};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

fn config(cases: u32, seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

/// What every accepted payload must satisfy.
fn assert_well_formed(d: &LicenseData) -> Result<(), TestCaseError> {
    for date in [d.date_of_birth, d.expiry] {
        prop_assert_eq!(Date::new(date.year(), date.month(), date.day()), Some(date));
    }
    prop_assert!(!d.family_name.trim().is_empty(), "empty family name");
    prop_assert!(!d.first_name.trim().is_empty(), "empty first name");
    prop_assert!(
        !d.document_number.trim().is_empty(),
        "empty document number"
    );
    prop_assert!(!d.jurisdiction.trim().is_empty(), "empty jurisdiction");
    prop_assert!(SUPPORTED_VERSIONS.contains(&d.aamva_version));
    prop_assert!(d.iin.len() == 6 && d.iin.bytes().all(|b| b.is_ascii_digit()));
    Ok(())
}

const IDS: [&str; 17] = [
    "DAQ", "DCS", "DAC", "DAD", "DCT", "DAA", "DAB", "DBB", "DBA", "DBC", "DAJ", "DCG", "DAG",
    "DAI", "DAK", "DBD", "ZVA",
];

/// An element value: a date in either layout (valid or not), digits, name-like text with the
/// separators names are split on, or anything.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..=12, 0u32..=32, 1890u32..=2210).prop_map(|(m, d, y)| format!("{m:02}{d:02}{y:04}")),
        (1890u32..=2210, 0u32..=13, 0u32..=32).prop_map(|(y, m, d)| format!("{y:04}{m:02}{d:02}")),
        "[0-9]{0,10}",
        "[A-Z ,$]{0,12}",
        "[ ,]{0,4}",
        Just("USA".to_owned()),
        Just("CAN".to_owned()),
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

fn element() -> impl Strategy<Value = String> {
    (
        prop_oneof![4 => prop::sample::select(IDS.to_vec()).prop_map(str::to_owned), 1 => "[A-Z]{0,4}"],
        value(),
    )
        .prop_map(|(id, v)| format!("{id}{v}"))
}

/// Where a designator says its subfile is: right, or anywhere.
#[derive(Debug, Clone)]
enum Place {
    Exact,
    At(u16),
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![Just(Place::Exact), (0u16..=9999).prop_map(Place::At)]
}

/// A data element that is usually well formed for its id (so that many payloads parse and
/// the checks on what is accepted get exercised), sometimes anything.
fn required_element(id: &'static str) -> impl Strategy<Value = Option<String>> {
    let good = match id {
        "DAQ" => "[A-Z0-9]{1,10}".boxed(),
        "DCS" | "DAC" => "[A-Z]{1,8}".boxed(),
        // Given names, including ones made only of separators.
        "DCT" => prop_oneof!["[A-Z]{1,6}([ ,][A-Z]{1,6})?", "[ ,]{1,3}"].boxed(),
        "DBB" | "DBA" => (1u32..=12, 1u32..=28, 1900u32..=2199)
            .prop_map(|(m, d, y)| format!("{m:02}{d:02}{y:04}"))
            .boxed(),
        "DAJ" => "VA|ON|[A-Z]{2}".boxed(),
        _ => "USA|CAN".boxed(),
    };
    prop::option::weighted(0.85, prop_oneof![4 => good, 1 => value()])
        .prop_map(move |v| v.map(|v| format!("{id}{v}")))
}

/// Text shaped like an AAMVA payload: the `@ LF RS CR ANSI ` header with a (mostly valid)
/// IIN, version and entry count, random subfile designators, then a subfile of element lines
/// (the needed ones usually there and well formed, in any order, plus random ones), with
/// random text mixed in.
fn aamva_shaped() -> impl Strategy<Value = String> {
    let required = ["DAQ", "DCS", "DAC", "DCT", "DBB", "DBA", "DAJ", "DCG"].map(required_element);
    let lines = (required, prop::collection::vec(element(), 0..6))
        .prop_map(|(required, extra)| {
            required
                .into_iter()
                .flatten()
                .chain(extra)
                .collect::<Vec<_>>()
        })
        .prop_shuffle();
    (
        prop_oneof![9 => "[0-9]{6}", 1 => ".{0,7}"],
        prop_oneof![9 => (0u8..=11).prop_map(|v| format!("{v:02}")), 1 => ".{0,2}"],
        "[0-9]{2}",
        prop::collection::vec(
            (
                prop_oneof![4 => "DL|ID", 1 => "ZV|.{0,2}"],
                place(),
                place(),
            ),
            0..4,
        ),
        prop_oneof![4 => "DL|ID", 1 => ".{0,2}"],
        lines,
        prop_oneof![Just("\r".to_owned()), Just(String::new()), ".{0,4}"],
        prop_oneof![3 => Just(String::new()), 1 => ".{0,6}"],
    )
        .prop_map(|(iin, version, jv, designators, kind, lines, end, noise)| {
            let mut subfile = format!("{kind}{}{end}", lines.join("\n"));
            subfile.insert_str(0, &noise);
            let mut head = format!("@\n\x1e\rANSI {iin}{version}");
            if version != "01" {
                head.push_str(&jv);
            }
            head.push_str(&format!("{:02}", designators.len()));
            let at = head.len() + 10 * designators.len() + noise.len();
            for (t, offset, length) in &designators {
                let offset = match offset {
                    Place::Exact => at,
                    Place::At(n) => usize::from(*n),
                };
                let length = match length {
                    Place::Exact => subfile.len() - noise.len(),
                    Place::At(n) => usize::from(*n),
                };
                head.push_str(&format!("{t}{:04}{:04}", offset % 10_000, length % 10_000));
            }
            head + &subfile
        })
}

proptest! {
    #![proptest_config(config(512, 0x00aa_3fa0))]

    #[test]
    fn arbitrary_bytes_never_panic_the_parser(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(d) = aamva::parse(&text) {
            assert_well_formed(&d)?;
        }
        let with_header = format!("@\n\x1e\rANSI {text}");
        if let Ok(d) = aamva::parse(&with_header) {
            assert_well_formed(&d)?;
        }
    }

    #[test]
    fn aamva_shaped_text_never_panics_and_what_parses_is_well_formed(text in aamva_shaped()) {
        if let Ok(d) = aamva::parse(&text) {
            assert_well_formed(&d)?;
        }
        // Cut anywhere (on a character boundary), it still does not panic.
        for cut in (0..text.len()).step_by(7).filter(|&i| text.is_char_boundary(i)) {
            if let Ok(d) = aamva::parse(&text[..cut]) {
                assert_well_formed(&d)?;
            }
        }
    }
}

const US: [&str; 6] = ["VA", "CA", "NY", "TX", "AZ", "FL"];
const CANADA: [&str; 4] = ["ON", "BC", "QC", "AB"];

fn date() -> impl Strategy<Value = Date> {
    (1900u16..=2199, 1u8..=12, 1u8..=31)
        .prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d))
}

/// Licences as `synth` makes them, with every field varied the way real ones vary.
fn licence() -> impl Strategy<Value = LicenseData> {
    (
        (
            1u8..=10,
            prop_oneof![Just(Country::Usa), Just(Country::Canada)],
            any::<prop::sample::Index>(),
            "[0-9]{6}",
            0u8..=99,
            prop_oneof![
                Just(DocumentKind::DriverLicense),
                Just(DocumentKind::IdCard)
            ],
        ),
        (
            "[A-Z][A-Z'-]{0,10}( [A-Z]{1,8})?",
            "[A-Z][A-Z'-]{0,10}",
            prop_oneof!["", "[A-Z]{1,8}( [A-Z]{1,8}){0,2}"],
            "[A-Z0-9][A-Z0-9-]{0,15}",
        ),
        (
            date(),
            date(),
            prop::option::of(prop_oneof![
                Just(Sex::Male),
                Just(Sex::Female),
                Just(Sex::NotSpecified)
            ]),
            prop::option::of((
                "[0-9]{1,5} [A-Z]{1,10}( [A-Z]{1,8})?",
                "[A-Z]{1,12}",
                "[A-Z0-9]{5,9}",
            )),
        ),
    )
        .prop_map(
            |(
                (version, country, j, iin, jv, kind),
                (family, first, middle, number),
                (born, expiry, sex, address),
            )| {
                let mut d = synth::sample_license(version, country, expiry);
                let list: &[&str] = match country {
                    Country::Usa => &US,
                    Country::Canada => &CANADA,
                };
                d.jurisdiction = j.get(list).to_string();
                d.iin = iin;
                d.jurisdiction_version = (version >= 2).then_some(jv);
                d.kind = kind;
                d.family_name = family;
                d.first_name = first;
                d.middle_names = middle;
                d.document_number = number;
                d.date_of_birth = born;
                d.sex = sex;
                d.address = address.map(|(street, city, postal_code)| Address {
                    street,
                    city,
                    jurisdiction: d.jurisdiction.clone(),
                    postal_code,
                });
                d
            },
        )
}

proptest! {
    #![proptest_config(config(512, 0x0070_0d71))]

    #[test]
    fn synthesised_licences_parse_back_to_the_same_fields(data in licence()) {
        let payload = aamva::encode(&data);
        let read = aamva::parse(&payload);
        prop_assert!(read.is_ok(), "{:?}: {:?}", data, read);
        let read = read.unwrap();
        assert_well_formed(&read)?;
        prop_assert_eq!(&read.family_name, &data.family_name);
        prop_assert_eq!(&read.first_name, &data.first_name);
        prop_assert_eq!(&read.middle_names, &data.middle_names);
        prop_assert_eq!(&read.document_number, &data.document_number);
        prop_assert_eq!(read.address.as_ref(), data.address.as_ref());
        prop_assert_eq!(read, data);
    }
}
