//! AAMVA payload parsing against known payloads (the sample printed in the AAMVA DL/ID Card
//! Design Standard, Annex D, and hand-built payloads of other versions and countries).

use document::aamva::{self, SUPPORTED_VERSIONS};
use document::synth;
use document::{Country, Date, DocumentKind, Error, Sex};
use zeroize::Zeroize;

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// The example barcode from the AAMVA standard (fictional cardholder), version 09.
const AAMVA_SAMPLE_V9: &str = "@\n\x1e\rANSI 636000090002DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062016\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAF\nDDB06062008\nDDC06062009\nDDD1\rZVZVA01\r";

#[test]
fn aamva_standard_sample_us_mmddccyy() {
    let d = aamva::parse(AAMVA_SAMPLE_V9).unwrap();
    assert_eq!(d.aamva_version, 9);
    assert_eq!(d.jurisdiction_version, Some(0));
    assert_eq!(d.iin, "636000");
    assert_eq!(d.kind, DocumentKind::DriverLicense);
    assert_eq!(d.document_number, "T64235789");
    assert_eq!(d.family_name, "SAMPLE");
    assert_eq!(d.first_name, "MICHAEL");
    assert_eq!(d.middle_names, "JOHN");
    assert_eq!(d.given_names().as_str(), "MICHAEL JOHN");
    assert_eq!(d.date_of_birth, date(1986, 6, 6));
    assert_eq!(d.expiry, date(2024, 12, 10));
    assert_eq!(d.sex, Some(Sex::Male));
    assert_eq!(d.jurisdiction, "VA");
    assert_eq!(d.country, Country::Usa);
    let a = d.address.as_ref().unwrap();
    assert_eq!(
        (
            a.street.as_str(),
            a.city.as_str(),
            a.jurisdiction.as_str(),
            a.postal_code.as_str()
        ),
        ("2300 WEST BROAD STREET", "RICHMOND", "VA", "232690000")
    );
}

#[test]
fn canadian_version_8_uses_ccyymmdd() {
    let p = "@\n\x1e\rANSI 636012080101DL00310120DLDAQS1234-56789-01234\nDCSEXAMPLE\nDACJAMIE\nDADLEE\nDBD20190415\nDBB19750102\nDBA20291231\nDBC2\nDAJON\nDCGCAN\r";
    let d = aamva::parse(p).unwrap();
    assert_eq!((d.aamva_version, d.jurisdiction_version), (8, Some(1)));
    assert_eq!(d.country, Country::Canada);
    assert_eq!(d.date_of_birth, date(1975, 1, 2));
    assert_eq!(d.expiry, date(2029, 12, 31));
    assert_eq!(d.sex, Some(Sex::Female));
    assert_eq!(d.document_number, "S1234-56789-01234");
    assert_eq!(d.address, None);
}

#[test]
fn canada_is_inferred_from_the_province_when_dcg_is_absent() {
    let p = "@\n\x1e\rANSI 636028030101DL00310090DLDAQ01234567\nDCSEXAMPLE\nDCTJAMIE,LEE\nDBB19750102\nDBA20291231\nDAJBC\r";
    let d = aamva::parse(p).unwrap();
    assert_eq!(d.country, Country::Canada);
    assert_eq!(
        (d.first_name.as_str(), d.middle_names.as_str()),
        ("JAMIE", "LEE")
    );
    assert_eq!(d.expiry, date(2029, 12, 31));
}

#[test]
fn version_3_dct_given_names_and_us_dates() {
    let p = "@\n\x1e\rANSI 636020030001DL00310100DLDAQD08954796\nDCSEXAMPLE\nDCTCASEY ROBIN\nDBB01151990\nDBA01152028\nDBCM\nDAJAZ\nDCGUSA\r";
    let d = aamva::parse(p).unwrap();
    assert_eq!(d.aamva_version, 3);
    assert_eq!(
        (d.first_name.as_str(), d.middle_names.as_str()),
        ("CASEY", "ROBIN")
    );
    assert_eq!(d.date_of_birth, date(1990, 1, 15));
    assert_eq!(d.expiry, date(2028, 1, 15));
    assert_eq!(d.sex, Some(Sex::Male));
}

#[test]
fn version_1_full_name_19_byte_header_and_ccyymmdd() {
    // Version 01 has no jurisdiction version: the header is 19 bytes, the subfile at 29.
    let p = "@\n\x1e\rANSI 6360150101DL00290090DLDAQ123456789\nDAAEXAMPLE,PAT,Q\nDBB19700304\nDBA20300304\nDBC1\nDAJFL\r";
    let d = aamva::parse(p).unwrap();
    assert_eq!((d.aamva_version, d.jurisdiction_version), (1, None));
    assert_eq!(d.family_name, "EXAMPLE");
    assert_eq!(
        (d.first_name.as_str(), d.middle_names.as_str()),
        ("PAT", "Q")
    );
    assert_eq!(d.date_of_birth, date(1970, 3, 4));
    assert_eq!(d.expiry, date(2030, 3, 4));
}

#[test]
fn us_issuer_writing_ccyymmdd_is_still_read() {
    let p = AAMVA_SAMPLE_V9.replace("DBA12102024", "DBA20241210");
    assert_eq!(aamva::parse(&p).unwrap().expiry, date(2024, 12, 10));
}

#[test]
fn id_card_subfile_and_miscounted_offsets() {
    // Designator says offset 0099 (wrong); the ID subfile is found after the designators.
    let p = "@\n\x1e\rANSI 636000100001ID00990100IDDAQX1\nDCSEXAMPLE\nDACJO\nDBB01011980\nDBA01012030\nDAJVA\nDCGUSA\r";
    let d = aamva::parse(p).unwrap();
    assert_eq!(d.kind, DocumentKind::IdCard);
    assert_eq!(d.document_number, "X1");
    assert_eq!(d.middle_names, "");
}

#[test]
fn missing_and_malformed_fields_are_named() {
    let without = |id: &str| {
        let start = AAMVA_SAMPLE_V9.find(&format!("\n{id}")).unwrap() + 1;
        let end = start + AAMVA_SAMPLE_V9[start..].find('\n').unwrap() + 1;
        format!("{}{}", &AAMVA_SAMPLE_V9[..start], &AAMVA_SAMPLE_V9[end..])
    };
    assert_eq!(
        aamva::parse(&without("DBA")),
        Err(Error::MissingField("DBA"))
    );
    assert_eq!(
        aamva::parse(&without("DBB")),
        Err(Error::MissingField("DBB"))
    );
    assert_eq!(
        aamva::parse(&without("DCS")),
        Err(Error::MissingField("DCS"))
    );
    assert_eq!(
        aamva::parse(&without("DAC")),
        Err(Error::MissingField("DAC"))
    );
    assert_eq!(
        aamva::parse(&without("DAJ")),
        Err(Error::MissingField("DAJ"))
    );
    // DAQ is the first element, right after the subfile type.
    let no_daq = AAMVA_SAMPLE_V9.replace("DLDAQT64235789\n", "DL");
    assert_eq!(aamva::parse(&no_daq), Err(Error::MissingField("DAQ")));
    let empty_dcs = AAMVA_SAMPLE_V9.replace("DCSSAMPLE", "DCS");
    assert_eq!(aamva::parse(&empty_dcs), Err(Error::MissingField("DCS")));
    let bad_date = AAMVA_SAMPLE_V9.replace("DBB06061986", "DBB13451986");
    assert_eq!(aamva::parse(&bad_date), Err(Error::InvalidField("DBB")));
    // Optional address parts missing: no address, still a license.
    assert_eq!(aamva::parse(&without("DAG")).unwrap().address, None);
}

#[test]
fn versions_outside_1_to_10_are_unsupported() {
    for (v, text) in [(0u8, "00"), (11, "11"), (99, "99")] {
        let p = AAMVA_SAMPLE_V9.replacen("636000090002", &format!("636000{text}0002"), 1);
        assert_eq!(aamva::parse(&p), Err(Error::UnsupportedVersion(v)));
    }
}

#[test]
fn non_aamva_text_is_refused() {
    for p in [
        "",
        "HELLO",
        "https://example.com/",
        &AAMVA_SAMPLE_V9[1..],
        &AAMVA_SAMPLE_V9.replace("ANSI ", "XXXX "),
        &AAMVA_SAMPLE_V9
            .replace("DL0041", "ZZ0041")
            .replace("DLDAQ", "ZZDAQ"),
    ] {
        assert_eq!(aamva::parse(p), Err(Error::NotAamva), "{p:?}");
    }
}

#[test]
fn every_version_round_trips_through_the_encoder() {
    for v in SUPPORTED_VERSIONS {
        for country in [Country::Usa, Country::Canada] {
            let data = synth::sample_license(v, country, date(2031, 2, 28));
            let payload = aamva::encode(&data);
            // The encoder writes the date layout of the country/version...
            let (expiry_us, expiry_ca) = ("DBA02282031", "DBA20310228");
            let expected = if v == 1 || country == Country::Canada {
                expiry_ca
            } else {
                expiry_us
            };
            assert!(payload.contains(expected), "v{v} {country:?}");
            // ...and correct subfile offsets.
            let header = if v == 1 { 19 } else { 21 };
            assert_eq!(
                &payload[header + 2..header + 6],
                format!("{:04}", header + 10)
            );
            assert_eq!(aamva::parse(&payload).unwrap(), data, "v{v} {country:?}");
        }
    }
}

#[test]
fn expiry_check_uses_the_given_date() {
    let d = aamva::parse(AAMVA_SAMPLE_V9).unwrap();
    assert!(!d.is_expired(date(2024, 12, 10)));
    assert!(d.is_expired(date(2024, 12, 11)));
    assert_eq!(
        d.ensure_not_expired(date(2025, 1, 1)),
        Err(Error::DocumentExpired {
            expired_on: date(2024, 12, 10)
        })
    );
    assert_eq!(d.ensure_not_expired(date(2020, 1, 1)), Ok(()));
}

#[test]
fn debug_and_errors_never_show_personal_data() {
    let d = aamva::parse(AAMVA_SAMPLE_V9).unwrap();
    let shown = format!("{d:?} {:?} {d:#?}", d.address);
    for secret in [
        "SAMPLE",
        "MICHAEL",
        "JOHN",
        "T64235789",
        "1986",
        "2024",
        "BROAD",
        "RICHMOND",
        "23269",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("636000"));
    let e = Error::MissingField("DCS").to_string();
    assert!(!e.contains("SAMPLE"));
}

#[test]
fn zeroize_wipes_personal_fields_and_keeps_the_header() {
    let mut d = aamva::parse(AAMVA_SAMPLE_V9).unwrap();
    d.zeroize();
    assert!(d.family_name.is_empty() && d.first_name.is_empty() && d.middle_names.is_empty());
    assert!(d.document_number.is_empty());
    assert_eq!(d.address, None);
    assert_eq!(d.sex, None);
    assert_ne!(d.date_of_birth, date(1986, 6, 6));
    assert_eq!((d.aamva_version, d.iin.as_str()), (9, "636000"));
}

#[test]
fn truncated_or_garbled_payloads_never_panic() {
    for end in 0..=AAMVA_SAMPLE_V9.len() {
        let _ = aamva::parse(&AAMVA_SAMPLE_V9[..end]);
    }
    let garbled = AAMVA_SAMPLE_V9
        .replace('\n', "é")
        .replace("DL0041", "DL9999");
    let _ = aamva::parse(&garbled);
    let _ = aamva::parse("@\n\x1e\rANSI 63600010009");
}

#[test]
fn given_names_made_only_of_separators_are_missing_not_an_empty_first_name() {
    // Found by the property tests: `DCT,` was accepted with an empty first name.
    for dct in ["DCT,", "DCT , ,", "DCT,,"] {
        let p = format!(
            "@\n\x1e\rANSI 636000030001DL00310090DLDAQ0\nDCSA\nDBB01011990\nDBA01012030\n{dct}\nDAJVA\r"
        );
        assert_eq!(
            aamva::parse(&p).unwrap_err(),
            Error::MissingField("DAC"),
            "{dct:?}"
        );
    }
    // A version-01 full name still supplies the given name when `DCT` is empty of names.
    let p = "@\n\x1e\rANSI 6360150101DL00290090DLDAQ1\nDAAEXAMPLE,PAT\nDCT,\nDBB19700304\nDBA20300304\nDAJFL\r";
    assert_eq!(aamva::parse(p).unwrap().first_name, "PAT");
}
