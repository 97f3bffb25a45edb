//! The AAMVA DL/ID PDF417 payload: parsing into [`LicenseData`], and encoding it back (for the
//! generated test captures).
//!
//! Layout relied on (AAMVA DL/ID Card Design Standard, Annex D "Mandatory PDF417 Bar Code";
//! 2016 and 2020 editions, as summarised by public parsers such as benhovinga's
//! `aamva_barcode_library` and the Microblink/Scandit DL/ID field tables):
//! - Header: compliance indicator `@`, data element separator LF, record separator RS (0x1E),
//!   segment terminator CR, file type `ANSI ` (older `AAMVA`), 6-digit IIN, 2-digit AAMVA
//!   version, 2-digit jurisdiction version (from version 02 on; the header is 19 bytes in
//!   version 01 and 21 bytes after), 2-digit number of entries.
//! - One 10-byte subfile designator per entry: type (`DL`, `ID`, `Z?`), 4-digit offset and
//!   4-digit length from the start of the file.
//! - Each subfile starts with its type, then data elements `IDvalue` separated by LF and ended
//!   by CR. Versions 04+: `DCS` family name, `DAC` first name, `DAD` middle names; versions
//!   02–03: `DCS` family name, `DCT` given names; version 01: `DAA` full name
//!   (`FAMILY,FIRST,MIDDLE`) or `DAB`/`DAC`/`DAD`.
//! - Dates (`DBB` birth, `DBA` expiry): `MMDDCCYY` for the U.S., `CCYYMMDD` for Canada; the
//!   2000 standard (version 01) wrote `CCYYMMDD`. Jurisdictions do not all follow their
//!   version, so the other layout is tried when the expected one is not a valid date.
//! - `DBC` sex: 1 = male, 2 = female, 9 = not specified (some issuers write M/F).
//! - `DCG` country: `USA` or `CAN` (absent before version 02).

use std::collections::HashMap;
use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::{Date, Error};

/// The AAMVA versions this crate reads (DL/ID-2000 up to the 2020 standard).
pub const SUPPORTED_VERSIONS: std::ops::RangeInclusive<u8> = 1..=10;

const LF: char = '\n';
const RS: char = '\x1e';
const CR: char = '\r';

/// Whether the barcode's subfile is a driver's license or an identification card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// Subfile type `DL`.
    DriverLicense,
    /// Subfile type `ID`.
    IdCard,
}

impl DocumentKind {
    fn subfile_type(self) -> &'static str {
        match self {
            Self::DriverLicense => "DL",
            Self::IdCard => "ID",
        }
    }
}

/// The issuing country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Country {
    /// United States.
    Usa,
    /// Canada.
    Canada,
}

impl Country {
    /// ISO 3166-1 alpha-3, as written in `DCG`.
    pub fn alpha3(self) -> &'static str {
        match self {
            Self::Usa => "USA",
            Self::Canada => "CAN",
        }
    }
}

/// The cardholder's sex as encoded in `DBC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// `1` or `M`.
    Male,
    /// `2` or `F`.
    Female,
    /// `9`, `X` or anything else.
    NotSpecified,
}

impl Sex {
    /// The AAMVA numeric code (1 male, 2 female, 9 not specified), which 1Kosmos also uses.
    pub fn aamva_code(self) -> u8 {
        match self {
            Self::Male => 1,
            Self::Female => 2,
            Self::NotSpecified => 9,
        }
    }
}

impl Zeroize for Sex {
    fn zeroize(&mut self) {
        *self = Self::NotSpecified;
    }
}

/// The cardholder's address (`DAG`, `DAI`, `DAJ`, `DAK`); optional in this crate.
#[derive(Clone, PartialEq, Eq, Default, Zeroize, ZeroizeOnDrop)]
pub struct Address {
    /// `DAG`, street.
    pub street: String,
    /// `DAI`, city.
    pub city: String,
    /// `DAJ`, state or province code.
    pub jurisdiction: String,
    /// `DAK`, postal code (as printed, trailing spaces removed).
    pub postal_code: String,
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Address(<redacted>)")
    }
}

/// What the kiosk reads from the back of a US or Canadian driver's license or ID card.
///
/// Personal fields are wiped from memory on drop, and `Debug` prints only the non-personal
/// header fields. Fields are public so that the `/verify` request can be built from them; do
/// not copy them anywhere that outlives the enrollment session.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct LicenseData {
    /// AAMVA version number, 1–10.
    #[zeroize(skip)]
    pub aamva_version: u8,
    /// Jurisdiction version number (absent in version 01).
    #[zeroize(skip)]
    pub jurisdiction_version: Option<u8>,
    /// Issuer identification number (6 digits; identifies the jurisdiction, not the person).
    #[zeroize(skip)]
    pub iin: String,
    /// Driver's license or ID card.
    #[zeroize(skip)]
    pub kind: DocumentKind,
    /// `DAJ`, the issuing jurisdiction's code (e.g. `VA`, `ON`).
    #[zeroize(skip)]
    pub jurisdiction: String,
    /// `DCG`, or inferred from the jurisdiction before version 02.
    #[zeroize(skip)]
    pub country: Country,
    /// `DCS` family name.
    pub family_name: String,
    /// `DAC` first name (or the first of `DCT`).
    pub first_name: String,
    /// `DAD` middle names (or the rest of `DCT`), separated by spaces; empty when none.
    pub middle_names: String,
    /// `DBB` date of birth.
    pub date_of_birth: Date,
    /// `DAQ` customer / document number.
    pub document_number: String,
    /// `DBA` expiry date.
    pub expiry: Date,
    /// `DBC`, when present.
    pub sex: Option<Sex>,
    /// Address, when `DAG`, `DAI` and `DAK` are all present.
    pub address: Option<Address>,
}

impl LicenseData {
    /// First and middle names joined by a space (what `DCT` held in versions 02–03).
    pub fn given_names(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(self.first_name.clone());
        if !self.middle_names.is_empty() {
            s.push(' ');
            s.push_str(&self.middle_names);
        }
        s
    }

    /// Whether the document has expired on `today`. A document is valid through its expiry
    /// date and expired from the day after.
    pub fn is_expired(&self, today: Date) -> bool {
        self.expiry < today
    }

    /// `Err(DocumentExpired)` when [`is_expired`](Self::is_expired); call it before sending
    /// anything to the proofing service.
    pub fn ensure_not_expired(&self, today: Date) -> Result<(), Error> {
        if self.is_expired(today) {
            Err(Error::DocumentExpired {
                expired_on: self.expiry,
            })
        } else {
            Ok(())
        }
    }
}

impl fmt::Debug for LicenseData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LicenseData")
            .field("aamva_version", &self.aamva_version)
            .field("jurisdiction_version", &self.jurisdiction_version)
            .field("iin", &self.iin)
            .field("kind", &self.kind)
            .field("jurisdiction", &self.jurisdiction)
            .field("country", &self.country)
            .finish_non_exhaustive()
    }
}

const CANADIAN_JURISDICTIONS: [&str; 13] = [
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

struct Header {
    version: u8,
    jurisdiction_version: Option<u8>,
    iin: String,
    entries: usize,
    /// Byte index just after the header (where the designators start).
    end: usize,
}

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn parse_header(text: &str) -> Result<Header, Error> {
    if !text.starts_with('@') {
        return Err(Error::NotAamva);
    }
    // The three separators after `@` are LF, RS, CR in the standard; some issuers differ
    // (extra LF, 0x1C), so the file type is searched for within the first bytes.
    let window = text.get(..text.len().min(12)).ok_or(Error::NotAamva)?;
    let start = window
        .find("ANSI")
        .or_else(|| window.find("AAMVA"))
        .ok_or(Error::NotAamva)?;
    // "ANSI " and "AAMVA" are both 5 bytes.
    let p = start + 5;
    let iin = text
        .get(p..p + 6)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    let iin = iin.ok_or(Error::NotAamva)?.to_owned();
    let version = digits(text, p + 6..p + 8).ok_or(Error::NotAamva)? as u8;
    if !SUPPORTED_VERSIONS.contains(&version) {
        return Err(Error::UnsupportedVersion(version));
    }
    let (jurisdiction_version, entries_at) = if version == 1 {
        (None, p + 8)
    } else {
        let jv = digits(text, p + 8..p + 10).ok_or(Error::NotAamva)? as u8;
        (Some(jv), p + 10)
    };
    let entries = digits(text, entries_at..entries_at + 2).ok_or(Error::NotAamva)? as usize;
    Ok(Header {
        version,
        jurisdiction_version,
        iin,
        entries,
        end: entries_at + 2,
    })
}

/// Finds the `DL` or `ID` subfile and returns its kind and its data elements (without type).
fn find_subfile<'a>(text: &'a str, header: &Header) -> Result<(DocumentKind, &'a str), Error> {
    let mut designated = Vec::new();
    for i in 0..header.entries {
        let at = header.end + i * 10;
        let Some(kind) = text.get(at..at + 2) else {
            break;
        };
        let (Some(offset), Some(length)) =
            (digits(text, at + 2..at + 6), digits(text, at + 6..at + 10))
        else {
            break;
        };
        let kind = match kind {
            "DL" => DocumentKind::DriverLicense,
            "ID" => DocumentKind::IdCard,
            _ => continue,
        };
        designated.push((kind, offset as usize, length as usize));
    }
    for &(kind, offset, length) in &designated {
        // Trust the designator when it points at its own type; many issuers miscount, so
        // fall back to searching for the type after the designators.
        if text.get(offset..offset + 2) == Some(kind.subfile_type()) {
            let end = (offset + length).min(text.len());
            let body = text.get(offset + 2..end).unwrap_or(&text[offset + 2..]);
            return Ok((kind, body));
        }
    }
    let designators_end = (header.end + header.entries * 10).min(text.len());
    let rest = text.get(designators_end..).unwrap_or("");
    let kinds: Vec<DocumentKind> = if designated.is_empty() {
        vec![DocumentKind::DriverLicense, DocumentKind::IdCard]
    } else {
        designated.iter().map(|d| d.0).collect()
    };
    for kind in kinds {
        if let Some(i) = rest.find(kind.subfile_type()) {
            return Ok((kind, &rest[i + 2..]));
        }
    }
    Err(Error::NotAamva)
}

fn elements(body: &str) -> HashMap<&str, &str> {
    let body = body.split(CR).next().unwrap_or("");
    let mut map = HashMap::new();
    for line in body.split(LF) {
        let line = line.trim_matches(|c: char| c == RS || c.is_ascii_whitespace());
        if line.len() >= 3 && line.is_char_boundary(3) {
            let (id, value) = line.split_at(3);
            map.entry(id).or_insert(value.trim());
        }
    }
    map
}

fn parse_date(value: &str, field: &'static str, prefer_ccyymmdd: bool) -> Result<Date, Error> {
    let date = if prefer_ccyymmdd {
        Date::parse_ccyymmdd(value).or_else(|| Date::parse_mmddccyy(value))
    } else {
        Date::parse_mmddccyy(value).or_else(|| Date::parse_ccyymmdd(value))
    };
    date.ok_or(Error::InvalidField(field))
}

/// Parses the text of an AAMVA PDF417 barcode.
pub fn parse(text: &str) -> Result<LicenseData, Error> {
    let text = text.trim_start_matches(|c: char| c.is_ascii_whitespace() && c != LF);
    let header = parse_header(text)?;
    let (kind, body) = find_subfile(text, &header)?;
    let el = elements(body);
    let get = |id: &'static str| el.get(id).copied().filter(|v| !v.is_empty());
    let need = |id: &'static str| get(id).ok_or(Error::MissingField(id));

    let jurisdiction = need("DAJ")?.to_ascii_uppercase();
    let country = match get("DCG") {
        Some(c) if c.eq_ignore_ascii_case("USA") => Country::Usa,
        Some(c) if c.eq_ignore_ascii_case("CAN") => Country::Canada,
        Some(_) => return Err(Error::InvalidField("DCG")),
        None if CANADIAN_JURISDICTIONS.contains(&jurisdiction.as_str()) => Country::Canada,
        None => Country::Usa,
    };

    // Names: see the module documentation for which element each version uses.
    let full_name: Vec<&str> = get("DAA")
        .map(|n| n.split([',', '$']).map(str::trim).collect())
        .unwrap_or_default();
    let family_name = get("DCS")
        .or_else(|| get("DAB"))
        .or_else(|| full_name.first().copied().filter(|s| !s.is_empty()))
        .ok_or(Error::MissingField("DCS"))?;
    // `DCT` made only of separators (",", " ,") names nobody: treated as absent.
    let given = get("DCT").and_then(|given| {
        let mut parts = given.split([',', ' ']).filter(|s| !s.is_empty());
        let first = parts.next()?.to_owned();
        Some((first, parts.collect::<Vec<_>>().join(" ")))
    });
    let (first_name, middle_names) = if let Some(first) = get("DAC") {
        (
            first.to_owned(),
            get("DAD").map(|m| m.replace(',', " ")).unwrap_or_default(),
        )
    } else if let Some(given) = given {
        given
    } else if full_name.len() >= 2 && !full_name[1].is_empty() {
        (
            full_name[1].to_owned(),
            full_name[2..].join(" ").trim().to_owned(),
        )
    } else {
        return Err(Error::MissingField("DAC"));
    };

    let ccyymmdd = header.version == 1 || country == Country::Canada;
    let date_of_birth = parse_date(need("DBB")?, "DBB", ccyymmdd)?;
    let expiry = parse_date(need("DBA")?, "DBA", ccyymmdd)?;
    let document_number = need("DAQ")?.to_owned();
    let sex = get("DBC").map(|s| match s {
        "1" | "M" | "m" => Sex::Male,
        "2" | "F" | "f" => Sex::Female,
        _ => Sex::NotSpecified,
    });
    let address = match (get("DAG"), get("DAI"), get("DAK")) {
        (Some(street), Some(city), Some(postal)) => Some(Address {
            street: street.to_owned(),
            city: city.to_owned(),
            jurisdiction: jurisdiction.clone(),
            postal_code: postal.trim().to_owned(),
        }),
        _ => None,
    };

    Ok(LicenseData {
        aamva_version: header.version,
        jurisdiction_version: header.jurisdiction_version,
        iin: header.iin,
        kind,
        jurisdiction,
        country,
        family_name: family_name.to_owned(),
        first_name,
        middle_names,
        date_of_birth,
        document_number,
        expiry,
        sex,
        address,
    })
}

/// Encodes `data` as an AAMVA payload of its `aamva_version` (with correct subfile offsets),
/// using the element set and date layout of that version. Used to make test captures.
pub fn encode(data: &LicenseData) -> Zeroizing<String> {
    let v = data.aamva_version;
    let date = |d: &Date| {
        if v == 1 || data.country == Country::Canada {
            d.to_ccyymmdd()
        } else {
            d.to_mmddccyy()
        }
    };
    let mut el: Vec<(&str, String)> = vec![("DAQ", data.document_number.clone())];
    match v {
        1 => el.push((
            "DAA",
            format!(
                "{},{},{}",
                data.family_name, data.first_name, data.middle_names
            ),
        )),
        2 | 3 => {
            el.push(("DCS", data.family_name.clone()));
            el.push(("DCT", data.given_names().to_string()));
        }
        _ => {
            el.push(("DCS", data.family_name.clone()));
            el.push(("DAC", data.first_name.clone()));
            el.push(("DAD", data.middle_names.clone()));
        }
    }
    el.push(("DBB", date(&data.date_of_birth)));
    el.push(("DBA", date(&data.expiry)));
    if let Some(sex) = data.sex {
        el.push(("DBC", sex.aamva_code().to_string()));
    }
    if let Some(a) = &data.address {
        el.push(("DAG", a.street.clone()));
        el.push(("DAI", a.city.clone()));
        el.push(("DAK", a.postal_code.clone()));
    }
    el.push(("DAJ", data.jurisdiction.clone()));
    if v >= 2 {
        el.push(("DCG", data.country.alpha3().to_owned()));
    }
    let mut subfile = Zeroizing::new(String::from(data.kind.subfile_type()));
    for (i, (id, value)) in el.iter_mut().enumerate() {
        if i > 0 {
            subfile.push(LF);
        }
        subfile.push_str(id);
        subfile.push_str(value);
        value.zeroize();
    }
    subfile.push(CR);

    let header_len = if v == 1 { 19 } else { 21 };
    let offset = header_len + 10;
    let mut out = Zeroizing::new(format!("@{LF}{RS}{CR}ANSI {}{v:02}", data.iin));
    if let Some(jv) = data.jurisdiction_version.filter(|_| v >= 2) {
        out.push_str(&format!("{jv:02}"));
    } else if v >= 2 {
        out.push_str("00");
    }
    out.push_str("01");
    out.push_str(&format!(
        "{}{offset:04}{:04}",
        data.kind.subfile_type(),
        subfile.len()
    ));
    out.push_str(&subfile);
    out
}
