//! From the OCR's scores for every cell to the zone's text: each cell takes the best symbol its
//! field allows (a date holds digits, a name letters), then every check digit is tested and a
//! field whose digit fails is corrected only where the OCR itself was in doubt, by the fewest,
//! cheapest changes that make the digit agree, and only when one such change stands out.
//!
//! What may change: in a field of letters and digits (document number, optional data), a
//! character for its look-alike (`0`/`O`, `1`/`I`, `5`/`S`, `8`/`B`, `2`/`Z`) when the OCR
//! scored the two close, or any character for a runner-up scored within a hair of it; in every
//! field, the check digit itself likewise. Names carry no check digit: they are read as the
//! OCR reads them, letters only.

use zeroize::Zeroizing;

use super::layout::{check_digit, value, Checked, Class, MrzFormat, Span, FILLER, SYMBOLS};
use crate::Error;

/// The OCR's scores for one cell, one per symbol of [`SYMBOLS`]; higher is more alike.
pub(crate) type Scores = [f32; 37];

/// Look-alikes that fields of letters and digits confuse, both ways.
const TWINS: [(u8, u8); 5] = [
    (b'0', b'O'),
    (b'1', b'I'),
    (b'5', b'S'),
    (b'8', b'B'),
    (b'2', b'Z'),
];

/// A look-alike scored at most this far below the best is a candidate correction.
pub(crate) const TWIN_MARGIN: f32 = 0.2;
/// Any other symbol scored at most this far below the best is one too.
pub(crate) const CLOSE_MARGIN: f32 = 0.05;
/// At most this many cells of one field are changed.
const MAX_CHANGES: usize = 2;
/// Two corrections whose costs are this close are a tie: the read is refused.
const TIE: f32 = 0.01;
/// The cheapest candidates considered per field.
const MAX_CANDIDATE_CELLS: usize = 12;

/// The look-alike of `symbol` in a field of letters and digits, if it has one.
pub(crate) fn twin_of(symbol: usize) -> Option<usize> {
    let c = SYMBOLS[symbol];
    TWINS
        .iter()
        .find_map(|&(a, b)| {
            if a == c {
                Some(b)
            } else if b == c {
                Some(a)
            } else {
                None
            }
        })
        .and_then(super::layout::symbol_of)
}

/// A set of changes that makes a check digit agree: how many, their cost, (cell, symbol) each.
type Correction = (usize, f32, Vec<(usize, usize)>);

/// The zone's cells, line by line, with what each holds and how sure the OCR was.
struct Zone<'a> {
    format: MrzFormat,
    scores: &'a [Scores],
    chosen: Vec<usize>,
}

impl Zone<'_> {
    fn index(&self, line: usize, column: usize) -> usize {
        line * self.format.columns() + column
    }

    fn class(&self, i: usize) -> Class {
        let columns = self.format.columns();
        self.format.layout().class(i / columns, i % columns)
    }

    fn span_cells(&self, spans: &[Span]) -> Vec<usize> {
        spans
            .iter()
            .flat_map(|&(line, start, len)| (start..start + len).map(move |c| (line, c)))
            .map(|(l, c)| self.index(l, c))
            .collect()
    }

    fn field_cells(&self, field: &Checked) -> (Vec<usize>, usize) {
        (
            self.span_cells(field.data),
            self.index(field.digit.0, field.digit.1),
        )
    }

    fn agrees(&self, cells: &[usize], digit: usize) -> bool {
        let expected = check_digit(cells.iter().map(|&i| self.chosen[i]));
        let printed = self.chosen[digit];
        // A filler in the digit's place reads as zero (part 3 §4.9).
        printed < 10 && value(printed) == expected || printed == FILLER && expected == 0
    }

    /// The changes worth trying at cell `i`: (symbol, cost).
    fn alternatives(&self, i: usize) -> Vec<(usize, f32)> {
        let scores = &self.scores[i];
        let class = self.class(i);
        let current = self.chosen[i];
        let best = scores[current];
        let twin = twin_of(current).filter(|&t| class.allows(t));
        (0..SYMBOLS.len())
            .filter(|&s| s != current && class.allows(s))
            .filter_map(|s| {
                let cost = best - scores[s];
                let margin = if Some(s) == twin {
                    TWIN_MARGIN
                } else {
                    CLOSE_MARGIN
                };
                (cost <= margin).then_some((s, cost.max(0.0)))
            })
            .collect()
    }

    /// Makes the check digit over `cells` agree by changing at most [`MAX_CHANGES`] of the
    /// `changeable` cells and `digit`, at the least cost; `false` when no change does, or
    /// two do equally well (nothing is changed then).
    fn correct(&mut self, cells: &[usize], changeable: &[usize], digit: usize) -> bool {
        if self.agrees(cells, digit) {
            return true;
        }
        let mut options: Vec<(usize, usize, f32)> = changeable
            .iter()
            .chain([&digit])
            .flat_map(|&i| {
                self.alternatives(i)
                    .into_iter()
                    .map(move |(s, c)| (i, s, c))
            })
            .collect();
        options.sort_by(|a, b| a.2.total_cmp(&b.2));
        options.truncate(MAX_CANDIDATE_CELLS * 2);
        // Every agreeing set of changes: (how many, cost, changes).
        let mut found: Vec<Correction> = Vec::new();
        let mut consider = |zone: &mut Self, changes: &[(usize, usize, f32)]| {
            let saved: Vec<(usize, usize)> =
                changes.iter().map(|c| (c.0, zone.chosen[c.0])).collect();
            for c in changes {
                zone.chosen[c.0] = c.1;
            }
            if zone.agrees(cells, digit) {
                found.push((
                    changes.len(),
                    changes.iter().map(|c| c.2).sum(),
                    changes.iter().map(|c| (c.0, c.1)).collect(),
                ));
            }
            for (i, s) in saved.into_iter().rev() {
                zone.chosen[i] = s;
            }
        };
        for (a, first) in options.iter().enumerate() {
            consider(self, &[*first]);
            if MAX_CHANGES >= 2 {
                for second in &options[a + 1..] {
                    if second.0 != first.0 {
                        consider(self, &[*first, *second]);
                    }
                }
            }
        }
        // Fewest changes first, then the cheapest; a tie is no answer.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let Some((n, cost, changes)) = found.first().cloned() else {
            return false;
        };
        if found
            .iter()
            .skip(1)
            .any(|(m, c, _)| *m == n && (c - cost).abs() <= TIE)
        {
            return false;
        }
        for (i, s) in changes {
            self.chosen[i] = s;
        }
        true
    }
}

/// The zone's text, one line after another without separators, from the OCR's scores of its
/// `format.cells()` cells; `Error::MrzCheckDigit` names the first field no correction fixes.
pub(crate) fn decode(format: MrzFormat, scores: &[Scores]) -> Result<Zeroizing<Vec<u8>>, Error> {
    if scores.len() != format.cells() {
        return Err(Error::NoMrz);
    }
    let mut zone = Zone {
        format,
        scores,
        chosen: Vec::with_capacity(scores.len()),
    };
    for (i, s) in scores.iter().enumerate() {
        let class = zone.class(i);
        let best = (0..SYMBOLS.len())
            .filter(|&k| class.allows(k))
            .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
            .unwrap_or(FILLER);
        zone.chosen.push(best);
    }
    let layout = format.layout();
    let mut covered = Vec::new();
    for field in layout.checked {
        let (cells, digit) = zone.field_cells(field);
        // A TD1 document number too long for its field leaves a filler where its digit
        // would be and goes on in the optional data (part 5 §4.2.4): the composite, and the
        // parser, judge it.
        if format == MrzFormat::Td1
            && field.name == "document number"
            && zone.chosen[digit] == FILLER
        {
            continue;
        }
        if !zone.correct(&cells, &cells, digit) {
            return Err(Error::MrzCheckDigit(field.name));
        }
        covered.extend(cells);
        covered.push(digit);
    }
    let (cells, digit) = zone.field_cells(&layout.composite);
    // Only cells no other digit vouches for may change for the composite.
    let free: Vec<usize> = cells
        .iter()
        .copied()
        .filter(|i| !covered.contains(i))
        .collect();
    if !zone.correct(&cells, &free, digit) {
        return Err(Error::MrzCheckDigit(layout.composite.name));
    }
    Ok(Zeroizing::new(
        zone.chosen.iter().map(|&s| SYMBOLS[s]).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::layout::symbol_of;

    /// Scores that make `zone` (the lines one after another) the OCR's clear first choice.
    fn sure(zone: &[u8]) -> Vec<Scores> {
        zone.iter()
            .map(|&c| {
                let mut s = [0.2f32; 37];
                s[symbol_of(c).unwrap()] = 0.95;
                s
            })
            .collect()
    }

    const TD3: &[u8] = b"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\
                         L898902C36UTO7408122F3404159ZE184226B<<<<<16";

    fn set(scores: &mut [Scores], line: usize, column: usize, c: u8, score: f32) {
        scores[line * 44 + column][symbol_of(c).unwrap()] = score;
    }

    #[test]
    fn a_clear_read_is_the_zone() {
        assert_eq!(&*decode(MrzFormat::Td3, &sure(TD3)).unwrap(), TD3);
        assert_eq!(
            decode(MrzFormat::Td3, &sure(&TD3[..44])),
            Err(Error::NoMrz),
            "a zone without its second line"
        );
    }

    #[test]
    fn a_look_alike_in_a_document_number_is_corrected_by_its_check_digit() {
        // The number's `8` looked a little more like `B` to the OCR: the check digit says `8`.
        let mut scores = sure(TD3);
        set(&mut scores, 1, 1, b'B', 0.96);
        set(&mut scores, 1, 1, b'8', 0.90);
        assert_eq!(&*decode(MrzFormat::Td3, &scores).unwrap(), TD3);
        // Far apart, the look-alike is not considered, and the digit fails.
        set(&mut scores, 1, 1, b'8', 0.60);
        assert_eq!(
            decode(MrzFormat::Td3, &scores),
            Err(Error::MrzCheckDigit("document number"))
        );
    }

    #[test]
    fn fields_take_only_the_characters_they_allow() {
        let mut scores = sure(TD3);
        // A date holds digits: the birth date's `7` and `4`, taken for `T` and `A`.
        set(&mut scores, 1, 13, b'T', 0.97);
        set(&mut scores, 1, 14, b'A', 0.97);
        // A name holds letters: ERIKSSON's `O`, taken for `0`.
        set(&mut scores, 0, 10, b'0', 0.99);
        assert_eq!(&*decode(MrzFormat::Td3, &scores).unwrap(), TD3);
    }

    #[test]
    fn a_misread_check_digit_is_corrected_only_when_one_change_stands_out() {
        // The document number's check digit read `5`, its runner-up the printed `6`.
        let mut scores = sure(TD3);
        set(&mut scores, 1, 9, b'5', 0.99);
        assert_eq!(&*decode(MrzFormat::Td3, &scores).unwrap(), TD3);
        // With no doubt anywhere, nothing is changed and the digit fails.
        set(&mut scores, 1, 9, b'6', 0.2);
        assert_eq!(
            decode(MrzFormat::Td3, &scores),
            Err(Error::MrzCheckDigit("document number"))
        );
        // Two cells of the number in equal doubt, either change making the digit agree: a
        // tie, refused. (Cells 0 and 3 carry weight 7: the runner-up moves the sum by -1.)
        let runner_up = |c: u8| -> u8 {
            let target = (value(symbol_of(c).unwrap()) * 7 + 9) % 10;
            (0..FILLER)
                .map(|s| SYMBOLS[s])
                .find(|&d| d != c && value(symbol_of(d).unwrap()) * 7 % 10 == target)
                .unwrap()
        };
        set(&mut scores, 1, 0, runner_up(b'L'), 0.94);
        set(&mut scores, 1, 3, runner_up(b'8'), 0.94);
        assert_eq!(
            decode(MrzFormat::Td3, &scores),
            Err(Error::MrzCheckDigit("document number"))
        );
        // One of them a little surer: that one is taken.
        set(&mut scores, 1, 3, runner_up(b'8'), 0.92);
        assert_eq!(
            decode(MrzFormat::Td3, &scores),
            Err(Error::MrzCheckDigit("composite")),
            "the surer change is taken; the composite then shows it was the wrong one"
        );
    }

    #[test]
    fn any_scores_decode_without_panicking() {
        let mut scores = vec![[f32::NAN; 37]; 132];
        let _ = decode(MrzFormat::Td3, &scores);
        let _ = decode(MrzFormat::Td1, &scores[..90]);
        for (i, s) in scores.iter_mut().enumerate() {
            for (j, v) in s.iter_mut().enumerate() {
                *v = ((i * 31 + j * 17) % 23) as f32 / 23.0;
            }
        }
        let _ = decode(MrzFormat::Td3, &scores[..88]);
        let _ = decode(MrzFormat::Td1, &scores[..90]);
    }
}
