//! A calendar date, as printed in AAMVA barcodes. No clock is read anywhere in this crate:
//! "today" is always a parameter.

use std::fmt;
use zeroize::Zeroize;

/// A valid proleptic Gregorian date between the years 1900 and 2199.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Zeroize)]
pub struct Date {
    // Field order gives the derived ordering: year, then month, then day.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (`2024-02-30` does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Parses `MMDDCCYY` (the AAMVA format for US documents).
    pub fn parse_mmddccyy(s: &str) -> Option<Self> {
        let d = eight_digits(s)?;
        Self::new(
            number(&d[4..8]) as u16,
            number(&d[0..2]) as u8,
            number(&d[2..4]) as u8,
        )
    }

    /// Parses `CCYYMMDD` (the AAMVA format for Canadian documents, and ISO 8601 basic).
    pub fn parse_ccyymmdd(s: &str) -> Option<Self> {
        let d = eight_digits(s)?;
        Self::new(
            number(&d[0..4]) as u16,
            number(&d[4..6]) as u8,
            number(&d[6..8]) as u8,
        )
    }

    /// Formats as `MMDDCCYY`.
    pub fn to_mmddccyy(&self) -> String {
        format!("{:02}{:02}{:04}", self.month, self.day, self.year)
    }

    /// Formats as `CCYYMMDD`.
    pub fn to_ccyymmdd(&self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

/// ISO 8601, `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn eight_digits(s: &str) -> Option<&[u8]> {
    let b = s.trim().as_bytes();
    (b.len() == 8 && b.iter().all(u8::is_ascii_digit)).then_some(b)
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_layouts_and_rejects_impossible_dates() {
        let d = Date::new(1986, 6, 7).unwrap();
        assert_eq!(Date::parse_mmddccyy("06071986"), Some(d));
        assert_eq!(Date::parse_ccyymmdd("19860607"), Some(d));
        assert_eq!(d.to_mmddccyy(), "06071986");
        assert_eq!(d.to_ccyymmdd(), "19860607");
        assert_eq!(Date::parse_mmddccyy("19860607"), None);
        assert_eq!(Date::parse_ccyymmdd("20230229"), None);
        assert!(Date::parse_ccyymmdd("20240229").is_some());
        assert_eq!(Date::parse_ccyymmdd("2024022"), None);
        assert_eq!(Date::parse_ccyymmdd("2024-2-29"), None);
        assert!(Date::new(2024, 1, 2) < Date::new(2024, 2, 1));
        assert_eq!(d.to_string(), "1986-06-07");
    }
}
