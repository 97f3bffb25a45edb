//! The zone's text parsed into the fields the proofing request needs, through the `mrz` crate
//! (ICAO 9303 parsing and check-digit verification written apart from this crate's OCR and
//! correction, so a read this crate got wrong in its own arithmetic is still caught).

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::layout::MrzFormat;
use crate::{Date, Error, Sex};

/// What the zone of a passport data page or an ID card says. Wiped when dropped; `Debug` shows
/// no personal field.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct MrzData {
    /// TD3 (passport) or TD1 (ID card).
    #[zeroize(skip)]
    pub format: MrzFormat,
    /// The document code as printed, fillers removed: `P` (passport; `PD`, `PS`… for other
    /// kinds), `I`, `ID`, `A`, `C`… for identity cards.
    pub document_code: String,
    /// The issuing state or organisation: ICAO 9303's three-letter code, fillers removed
    /// (Germany's `D<<` is `D`).
    pub issuing_state: String,
    /// The primary identifier: the family name(s), words separated by single spaces.
    pub family_name: String,
    /// The secondary identifier: the given names, words separated by single spaces.
    pub given_names: String,
    /// The document number (reassembled when it overflowed into the optional data).
    pub document_number: String,
    /// The holder's nationality: a three-letter code, fillers removed.
    pub nationality: String,
    /// The date of birth; `None` when the issuer printed it unknown (fillers, part 3 §4.8).
    /// Two-digit years later than "today"'s fall in the 1900s.
    pub date_of_birth: Option<Date>,
    /// The holder's sex as printed (`<` and `X` are not specified).
    pub sex: Sex,
    /// The date of expiry (always 20YY).
    pub expiry: Date,
}

impl fmt::Debug for MrzData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MrzData")
            .field("format", &self.format)
            .field("document_code", &self.document_code)
            .field("issuing_state", &self.issuing_state)
            .field("fields", &"<redacted>")
            .finish()
    }
}

/// What kind of travel document a zone belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MrzDocumentKind {
    /// A passport (TD3, code `P…`).
    Passport,
    /// An identity card (TD1, code `I…`, `A…` or `C…`).
    IdCard,
}

impl MrzData {
    /// Passport or identity card, by the zone's format.
    pub fn kind(&self) -> MrzDocumentKind {
        match self.format {
            MrzFormat::Td3 => MrzDocumentKind::Passport,
            MrzFormat::Td1 => MrzDocumentKind::IdCard,
        }
    }

    /// Refuses a document whose expiry date is before `today` (`Error::DocumentExpired`).
    pub fn ensure_not_expired(&self, today: Date) -> Result<(), Error> {
        if self.expiry < today {
            return Err(Error::DocumentExpired {
                expired_on: self.expiry,
            });
        }
        Ok(())
    }
}

/// Parses the zone's text (the lines one after another, no separators) and verifies every
/// check digit, the composite included. `today` sets the century of two-digit birth years.
pub(crate) fn parse(format: MrzFormat, text: &[u8], today: Date) -> Result<MrzData, Error> {
    let columns = format.columns();
    if text.len() != format.cells() || !text.is_ascii() {
        return Err(Error::MrzInvalidField("zone"));
    }
    // ASCII checked above: every slice is a valid `str`.
    let line = |i: usize| std::str::from_utf8(&text[i * columns..(i + 1) * columns]).ok();
    let options = mrz::ParseOptions::default().with_pivot_yy(u32::from(today.year() % 100));
    let parsed = match format {
        MrzFormat::Td3 => {
            let (Some(l1), Some(l2)) = (line(0), line(1)) else {
                return Err(Error::MrzInvalidField("zone"));
            };
            mrz::parse_td3_with(l1, l2, &options)
        }
        MrzFormat::Td1 => {
            let (Some(l1), Some(l2), Some(l3)) = (line(0), line(1), line(2)) else {
                return Err(Error::MrzInvalidField("zone"));
            };
            mrz::parse_td1_with(l1, l2, l3, &options)
        }
    };
    let mut parsed = parsed.map_err(|e| match e {
        mrz::MrzError::BadDocumentCode(_) => Error::MrzInvalidField("document code"),
        mrz::MrzError::LeadingFiller { .. } => Error::MrzInvalidField("document number"),
        _ => Error::MrzInvalidField("zone"),
    })?;
    let failed = parsed.checks.failed();
    let result = if let Some(field) = failed.first() {
        Err(Error::MrzCheckDigit(field_name(*field)))
    } else {
        convert(format, &parsed)
    };
    // The `mrz` crate's copy of the fields: overwritten before it is freed.
    wipe(&mut parsed);
    result
}

fn field_name(field: mrz::Field) -> &'static str {
    match field {
        mrz::Field::DocumentNumber => "document number",
        mrz::Field::DateOfBirth => "birth date",
        mrz::Field::DateOfExpiry => "expiry date",
        mrz::Field::PersonalNumber => "personal number",
        mrz::Field::Composite => "composite",
        _ => "zone",
    }
}

fn date(d: mrz::Date) -> Option<Date> {
    Date::new(
        u16::try_from(d.year).ok()?,
        u8::try_from(d.month).ok()?,
        u8::try_from(d.day).ok()?,
    )
}

fn convert(format: MrzFormat, parsed: &mrz::MrzData) -> Result<MrzData, Error> {
    let date_of_birth = match &parsed.date_of_birth {
        mrz::MrzDate::Calendar(d) => Some(date(*d).ok_or(Error::MrzInvalidField("birth date"))?),
        mrz::MrzDate::Unknown | mrz::MrzDate::PartiallyUnknown(_) => None,
        _ => return Err(Error::MrzInvalidField("birth date")),
    };
    let expiry = parsed
        .date_of_expiry
        .calendar()
        .and_then(date)
        .ok_or(Error::MrzInvalidField("expiry date"))?;
    let sex = match parsed.sex {
        mrz::Sex::Male => Sex::Male,
        mrz::Sex::Female => Sex::Female,
        _ => Sex::NotSpecified,
    };
    let code = |s: &str| s.trim_end_matches('<').to_owned();
    Ok(MrzData {
        format,
        document_code: code(&parsed.document_type),
        issuing_state: code(&parsed.issuing_country),
        family_name: parsed.surname.clone(),
        given_names: parsed.given_names.clone(),
        document_number: parsed.full_document_number().to_owned(),
        nationality: code(&parsed.nationality),
        date_of_birth,
        sex,
        expiry,
    })
}

/// Overwrites the personal text the `mrz` crate's record holds (its own `zeroize` feature is
/// off: see the workspace manifest).
fn wipe(parsed: &mut mrz::MrzData) {
    for s in [
        &mut parsed.surname,
        &mut parsed.given_names,
        &mut parsed.document_number,
        &mut parsed.nationality,
        &mut parsed.issuing_country,
        &mut parsed.mrz_lines,
    ] {
        s.zeroize();
    }
    for s in [
        &mut parsed.document_number_full,
        &mut parsed.optional_data_1,
        &mut parsed.optional_data_2,
    ]
    .into_iter()
    .flatten()
    {
        s.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 6, 1).unwrap()
    }

    #[test]
    fn parses_the_icao_passport_specimen() {
        // ICAO Doc 9303 part 4, the Utopia specimen (a fictional state and holder).
        let zone = b"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\
                     L898902C36UTO7408122F1204159ZE184226B<<<<<10";
        let data = parse(MrzFormat::Td3, zone, today()).unwrap();
        assert_eq!(data.kind(), MrzDocumentKind::Passport);
        assert_eq!(data.document_code, "P");
        assert_eq!(data.issuing_state, "UTO");
        assert_eq!(data.family_name, "ERIKSSON");
        assert_eq!(data.given_names, "ANNA MARIA");
        assert_eq!(data.document_number, "L898902C3");
        assert_eq!(data.nationality, "UTO");
        assert_eq!(data.date_of_birth, Date::new(1974, 8, 12));
        assert_eq!(data.sex, Sex::Female);
        assert_eq!(data.expiry, Date::new(2012, 4, 15).unwrap());
        assert_eq!(
            data.ensure_not_expired(today()),
            Err(Error::DocumentExpired {
                expired_on: Date::new(2012, 4, 15).unwrap()
            })
        );
        let printed = format!("{data:?}");
        assert!(!printed.contains("ERIKSSON") && !printed.contains("L898902C3"));
    }

    #[test]
    fn parses_the_icao_id_card_specimen_and_names_a_failed_digit() {
        // ICAO Doc 9303 part 5, the Utopia specimen identity card.
        let zone = b"I<UTOD231458907<<<<<<<<<<<<<<<\
                     7408122F1204159UTO<<<<<<<<<<<6\
                     ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
        let data = parse(MrzFormat::Td1, zone, today()).unwrap();
        assert_eq!(data.kind(), MrzDocumentKind::IdCard);
        assert_eq!(data.document_code, "I");
        assert_eq!(data.document_number, "D23145890");
        assert_eq!(data.given_names, "ANNA MARIA");
        let mut bad = zone.to_vec();
        bad[30 + 2] = b'5'; // 7458122: birth date and composite now disagree
        assert_eq!(
            parse(MrzFormat::Td1, &bad, today()),
            Err(Error::MrzCheckDigit("birth date"))
        );
        assert_eq!(
            parse(MrzFormat::Td1, &zone[..60], today()),
            Err(Error::MrzInvalidField("zone"))
        );
    }
}
