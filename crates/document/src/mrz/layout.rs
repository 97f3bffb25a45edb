//! Where each field of a TD3 (passport) and a TD1 (ID card) zone lies, which characters it may
//! hold, and which check digit covers it (ICAO Doc 9303 parts 3, 4 and 5).

/// The MRZ alphabet in the order the OCR scores it: digits, letters, the filler.
pub(crate) const SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";

/// The filler's index in [`SYMBOLS`].
pub(crate) const FILLER: usize = 36;

/// The zone's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MrzFormat {
    /// Passport data page: 2 lines of 44 characters.
    Td3,
    /// ID-1 identity card: 3 lines of 30 characters.
    Td1,
}

impl MrzFormat {
    /// Lines in the zone.
    pub fn lines(self) -> usize {
        match self {
            Self::Td3 => 2,
            Self::Td1 => 3,
        }
    }

    /// Characters per line.
    pub fn columns(self) -> usize {
        match self {
            Self::Td3 => 44,
            Self::Td1 => 30,
        }
    }

    /// Every cell of the zone, line by line.
    pub(crate) fn cells(self) -> usize {
        self.lines() * self.columns()
    }

    pub(crate) fn layout(self) -> &'static Layout {
        match self {
            Self::Td3 => &TD3,
            Self::Td1 => &TD1,
        }
    }
}

/// Which characters a cell may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// `A–Z` and the filler: codes and names.
    Alpha,
    /// `0–9`, and the filler for an unknown part of a date (part 3 §4.8).
    Digit,
    /// `A–Z`, `0–9` and the filler: document numbers and optional data.
    Alnum,
    /// `M`, `F`, `X` or the filler.
    Sex,
    /// A check digit: `0–9`, or the filler over an empty optional field.
    Check,
}

impl Class {
    pub(crate) fn allows(self, symbol: usize) -> bool {
        let c = SYMBOLS[symbol];
        match self {
            Self::Alpha => c.is_ascii_uppercase() || c == b'<',
            Self::Digit | Self::Check => c.is_ascii_digit() || c == b'<',
            Self::Alnum => true,
            Self::Sex => matches!(c, b'M' | b'F' | b'X' | b'<'),
        }
    }
}

/// A run of cells: line, first column, length.
pub(crate) type Span = (usize, usize, usize);

/// A field and the check digit over it.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The field's name, as the errors give it.
    pub name: &'static str,
    /// The cells the digit is computed over.
    pub data: &'static [Span],
    /// The check digit's cell: line, column.
    pub digit: (usize, usize),
}

/// One format's fields.
#[derive(Debug)]
pub(crate) struct Layout {
    /// Every cell's class, by spans that cover the zone.
    pub classes: &'static [(Span, Class)],
    /// The fields with their own check digit.
    pub checked: &'static [Checked],
    /// The composite check digit, over the spans given.
    pub composite: Checked,
}

impl Layout {
    /// The class of the cell at `line`, `column`.
    pub(crate) fn class(&self, line: usize, column: usize) -> Class {
        self.classes
            .iter()
            .find(|((l, start, len), _)| *l == line && (*start..start + len).contains(&column))
            .map_or(Class::Alnum, |(_, class)| *class)
    }
}

static TD3: Layout = Layout {
    classes: &[
        // Line 1: document code, issuing state, names.
        ((0, 0, 2), Class::Alpha),
        ((0, 2, 3), Class::Alpha),
        ((0, 5, 39), Class::Alpha),
        // Line 2.
        ((1, 0, 9), Class::Alnum),
        ((1, 9, 1), Class::Check),
        ((1, 10, 3), Class::Alpha),
        ((1, 13, 6), Class::Digit),
        ((1, 19, 1), Class::Check),
        ((1, 20, 1), Class::Sex),
        ((1, 21, 6), Class::Digit),
        ((1, 27, 1), Class::Check),
        ((1, 28, 14), Class::Alnum),
        ((1, 42, 1), Class::Check),
        ((1, 43, 1), Class::Check),
    ],
    checked: &[
        Checked {
            name: "document number",
            data: &[(1, 0, 9)],
            digit: (1, 9),
        },
        Checked {
            name: "birth date",
            data: &[(1, 13, 6)],
            digit: (1, 19),
        },
        Checked {
            name: "expiry date",
            data: &[(1, 21, 6)],
            digit: (1, 27),
        },
        Checked {
            name: "personal number",
            data: &[(1, 28, 14)],
            digit: (1, 42),
        },
    ],
    composite: Checked {
        name: "composite",
        data: &[(1, 0, 10), (1, 13, 7), (1, 21, 22)],
        digit: (1, 43),
    },
};

static TD1: Layout = Layout {
    classes: &[
        // Line 1: document code, issuing state, document number, optional data.
        ((0, 0, 2), Class::Alpha),
        ((0, 2, 3), Class::Alpha),
        ((0, 5, 9), Class::Alnum),
        ((0, 14, 1), Class::Check),
        ((0, 15, 15), Class::Alnum),
        // Line 2: birth, sex, expiry, nationality, optional data, composite.
        ((1, 0, 6), Class::Digit),
        ((1, 6, 1), Class::Check),
        ((1, 7, 1), Class::Sex),
        ((1, 8, 6), Class::Digit),
        ((1, 14, 1), Class::Check),
        ((1, 15, 3), Class::Alpha),
        ((1, 18, 11), Class::Alnum),
        ((1, 29, 1), Class::Check),
        // Line 3: names.
        ((2, 0, 30), Class::Alpha),
    ],
    checked: &[
        Checked {
            name: "document number",
            data: &[(0, 5, 9)],
            digit: (0, 14),
        },
        Checked {
            name: "birth date",
            data: &[(1, 0, 6)],
            digit: (1, 6),
        },
        Checked {
            name: "expiry date",
            data: &[(1, 8, 6)],
            digit: (1, 14),
        },
    ],
    composite: Checked {
        name: "composite",
        data: &[(0, 5, 25), (1, 0, 7), (1, 8, 7), (1, 18, 11)],
        digit: (1, 29),
    },
};

/// A symbol's value in the check-digit sum: digits as themselves, `A`–`Z` 10–35, the filler 0.
pub(crate) fn value(symbol: usize) -> u32 {
    if symbol == FILLER {
        0
    } else {
        symbol as u32
    }
}

/// The check digit over `symbols` (weights 7, 3, 1 repeating; the sum modulo 10).
pub(crate) fn check_digit(symbols: impl IntoIterator<Item = usize>) -> u32 {
    symbols
        .into_iter()
        .zip([7, 3, 1].into_iter().cycle())
        .map(|(s, w)| value(s) * w)
        .sum::<u32>()
        % 10
}

/// The index in [`SYMBOLS`] of an MRZ character, if it is one.
pub(crate) fn symbol_of(c: u8) -> Option<usize> {
    SYMBOLS.iter().position(|&s| s == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digit_of(text: &str) -> u32 {
        check_digit(text.bytes().map(|c| symbol_of(c).unwrap()))
    }

    #[test]
    fn check_digits_of_the_icao_specimens() {
        // ICAO Doc 9303 part 4 appendix (the Utopia specimen passport) and part 3 §4.9.
        assert_eq!(digit_of("L898902C3"), 6);
        assert_eq!(digit_of("740812"), 2);
        assert_eq!(digit_of("120415"), 9);
        assert_eq!(digit_of("ZE184226B<<<<<"), 1);
        // The composite: line 2's cells 1–10, 14–20 and 22–43.
        assert_eq!(digit_of("L898902C3674081221204159ZE184226B<<<<<1"), 0);
        assert_eq!(digit_of("520727"), 3);
        assert_eq!(digit_of("<<<<<<"), 0);
    }

    #[test]
    fn every_cell_has_one_class_and_the_layouts_cover_the_zone() {
        for format in [MrzFormat::Td3, MrzFormat::Td1] {
            let layout = format.layout();
            for line in 0..format.lines() {
                for column in 0..format.columns() {
                    let n = layout
                        .classes
                        .iter()
                        .filter(|((l, s, len), _)| *l == line && (*s..s + len).contains(&column))
                        .count();
                    assert_eq!(n, 1, "{format:?} line {line} column {column}");
                }
            }
            for field in layout.checked.iter().chain([&layout.composite]) {
                assert_eq!(layout.class(field.digit.0, field.digit.1), Class::Check);
            }
        }
        assert!(Class::Sex.allows(symbol_of(b'F').unwrap()));
        assert!(!Class::Digit.allows(symbol_of(b'O').unwrap()));
        assert!(!Class::Alpha.allows(symbol_of(b'0').unwrap()));
    }
}
