//! The tables: verdicts per category (expected against given), verdict accuracy, PDF417 read
//! rate by rotation band, MRZ read rate by document, rotation and condition, and timing.

use std::fmt::Write;
use std::time::Duration;

use camera::Instruction;

use document::MrzFormat;

use crate::evaluate::{MrzOutcome, Outcome};
use crate::set::Category;

/// The verdict columns, in the order printed.
const VERDICTS: [(Instruction, &str); 7] = [
    (Instruction::LooksGood, "looks good"),
    (Instruction::MoveCloser, "move closer"),
    (Instruction::HoldStill, "hold still"),
    (Instruction::ReduceGlare, "reduce glare"),
    (Instruction::MoreLight, "more light"),
    (Instruction::PlaceDocument, "place document"),
    (Instruction::FaceCamera, "face camera"),
];

/// Rotation bands of the read-rate table, degrees of |roll|.
pub const ROLL_BANDS: [(f32, f32); 3] = [(0.0, 5.0), (5.0, 10.0), (10.0, 15.01)];

fn label(i: Instruction) -> &'static str {
    VERDICTS
        .iter()
        .find(|(v, _)| *v == i)
        .map_or("?", |(_, l)| l)
}

/// The share of outcomes whose verdict is the expected one.
pub fn accuracy<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> (usize, usize) {
    outcomes.into_iter().fold((0, 0), |(right, all), o| {
        (right + usize::from(o.verdict == o.expected), all + 1)
    })
}

/// Card backs read correctly, and all good backs, with |roll| within `band`.
pub fn read_rate(outcomes: &[Outcome], band: (f32, f32)) -> (usize, usize) {
    outcomes
        .iter()
        .filter_map(|o| o.read.as_ref())
        .filter(|r| (band.0..band.1).contains(&r.roll.abs()))
        .fold((0, 0), |(ok, all), r| {
            (ok + usize::from(r.correct), all + 1)
        })
}

fn percent((right, all): (usize, usize)) -> String {
    if all == 0 {
        "–".to_owned()
    } else {
        format!("{:.1} %", 100.0 * right as f64 / all as f64)
    }
}

fn millis(mut times: Vec<Duration>) -> String {
    if times.is_empty() {
        return "–".to_owned();
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "{:.2} / {:.2}",
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3
    )
}

/// The verdict table (Markdown): one row per category, then the totals.
pub fn verdict_table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = write!(out, "| category | n | expected |");
    for (_, l) in VERDICTS {
        let _ = write!(out, " {l} |");
    }
    let _ = writeln!(out, " accuracy | analysis p50 / p95 ms |");
    let _ = writeln!(
        out,
        "|---|---:|---|{}---:|---:|",
        "---:|".repeat(VERDICTS.len())
    );
    for category in Category::ALL {
        let rows: Vec<&Outcome> = outcomes.iter().filter(|o| o.category == category).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "| {} | {} | {} |",
            category.label(),
            rows.len(),
            label(category.expected())
        );
        for (verdict, _) in VERDICTS {
            let n = rows.iter().filter(|o| o.verdict == verdict).count();
            if n == 0 {
                let _ = write!(out, " · |");
            } else if verdict == category.expected() {
                let _ = write!(out, " **{n}** |");
            } else {
                let _ = write!(out, " {n} |");
            }
        }
        let _ = writeln!(
            out,
            " {} | {} |",
            percent(accuracy(rows.iter().copied())),
            millis(rows.iter().map(|o| o.analysis).collect())
        );
    }
    let documents = accuracy(outcomes.iter().filter(|o| !o.category.is_selfie()));
    let selfies = accuracy(outcomes.iter().filter(|o| o.category.is_selfie()));
    let all = accuracy(outcomes);
    let _ = writeln!(
        out,
        "\nVerdict accuracy: documents {} ({}/{}), selfies {} ({}/{}), all {} ({}/{}).",
        percent(documents),
        documents.0,
        documents.1,
        percent(selfies),
        selfies.0,
        selfies.1,
        percent(all),
        all.0,
        all.1
    );
    let _ = writeln!(
        out,
        "Per frame (second frame of each capture): decode + decimate p50 / p95 {} ms; analysis {} ms.",
        millis(outcomes.iter().map(|o| o.decimation).collect()),
        millis(outcomes.iter().map(|o| o.analysis).collect())
    );
    out
}

/// The PDF417 table (Markdown): good captures of card backs by rotation band.
pub fn read_table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| card rotation | backs | read, every field right | read rate | read time p50 / p95 ms |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    let mut bands: Vec<(String, (f32, f32))> = ROLL_BANDS
        .iter()
        .map(|&(lo, hi)| (format!("{lo:.0}–{:.0}°", hi.floor()), (lo, hi)))
        .collect();
    bands.push(("up to 10°".to_owned(), (0.0, 10.0)));
    bands.push(("all".to_owned(), (0.0, 90.0)));
    for (name, band) in bands {
        let (ok, all) = read_rate(outcomes, band);
        let times = outcomes
            .iter()
            .filter_map(|o| o.read.as_ref())
            .filter(|r| (band.0..band.1).contains(&r.roll.abs()))
            .map(|r| r.time)
            .collect();
        let _ = writeln!(
            out,
            "| {name} | {all} | {ok} | {} | {} |",
            percent((ok, all)),
            millis(times)
        );
    }
    let mut failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.read.as_ref().map(|r| (o.id, r)))
        .filter(|(_, r)| !r.correct)
        .map(|(id, r)| {
            format!(
                "#{id} ({:.1}°): {}",
                r.roll,
                r.error.as_deref().unwrap_or("read, but a field differs")
            )
        })
        .collect();
    if !failures.is_empty() {
        failures.truncate(12);
        let _ = writeln!(out, "\nNot read: {}", failures.join("; "));
    }
    out
}

/// Which captures got another verdict than expected (ids, for `--only` and `--dump`).
pub fn misses(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes.iter().filter(|o| o.verdict != o.expected) {
        let m = &o.metrics;
        let _ = writeln!(
            out,
            "  #{} {}: expected {}, got {} (brightness {:.0}, fill {:.2}, glare {:.4}, sharpness {:.3}, motion {:.1})",
            o.id,
            o.category.label(),
            label(o.expected),
            label(o.verdict),
            m.brightness,
            m.fill,
            m.glare,
            m.sharpness,
            m.motion
        );
    }
    out
}

/// Per category, the spread (min / median / max) of each measurement behind the verdicts: what
/// the thresholds in `camera::Thresholds` are judged against.
pub fn metric_ranges(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| category | brightness | fill | sharpness | glare | motion |\n|---|---|---|---|---|---|"
    );
    let spread = |mut v: Vec<f32>| {
        v.retain(|x| x.is_finite());
        if v.is_empty() {
            return "–".to_owned();
        }
        v.sort_by(f32::total_cmp);
        format!(
            "{:.3} / {:.3} / {:.3}",
            v[0],
            v[v.len() / 2],
            v[v.len() - 1]
        )
    };
    for category in Category::ALL {
        let rows: Vec<&Outcome> = outcomes.iter().filter(|o| o.category == category).collect();
        if rows.is_empty() {
            continue;
        }
        let col =
            |f: fn(&camera::Metrics) -> f32| spread(rows.iter().map(|o| f(&o.metrics)).collect());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            category.label(),
            col(|m| m.brightness),
            col(|m| m.fill),
            col(|m| m.sharpness),
            col(|m| m.glare),
            col(|m| m.motion)
        );
    }
    out
}

/// MRZ readings of good captures (passport pages and ID card backs in the good categories)
/// with |roll| within `band`, of `format` (or both): read with every field right, and all.
pub fn mrz_read_rate(
    outcomes: &[Outcome],
    format: Option<MrzFormat>,
    band: (f32, f32),
) -> (usize, usize) {
    good_mrz(outcomes)
        .filter(|m| format.is_none_or(|f| m.format == f))
        .filter(|m| (band.0..band.1).contains(&m.roll.abs()))
        .fold((0, 0), |(ok, all), m| {
            (ok + usize::from(m.correct), all + 1)
        })
}

fn good_mrz(outcomes: &[Outcome]) -> impl Iterator<Item = &MrzOutcome> {
    outcomes
        .iter()
        .filter(|o| matches!(o.category, Category::MrzPassport | Category::MrzIdCard))
        .filter_map(|o| o.mrz.as_ref())
}

/// Misreads that every check digit let through, over all MRZ readings.
pub fn mrz_misreads(outcomes: &[Outcome]) -> (usize, usize) {
    outcomes
        .iter()
        .filter_map(|o| o.mrz.as_ref())
        .fold((0, 0), |(bad, all), m| {
            (bad + usize::from(m.wrong), all + 1)
        })
}

/// MRZ readings on licence captures that found a zone where there is none.
pub fn mrz_false_reads(outcomes: &[Outcome]) -> (usize, usize) {
    outcomes
        .iter()
        .filter_map(|o| o.mrz_false_read)
        .fold((0, 0), |(bad, all), f| (bad + usize::from(f), all + 1))
}

/// The MRZ table (Markdown): good captures by document and rotation band, by MJPEG quality,
/// then the blurred and the dark ones.
pub fn mrz_table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| captures | n | read, every field right | read rate | misread passed the check digits | no zone / check digit failed / other | read time p50 / p95 ms |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---|---:|");
    type Pick = Box<dyn Fn(&Outcome, &MrzOutcome) -> bool>;
    let good = |o: &Outcome| matches!(o.category, Category::MrzPassport | Category::MrzIdCard);
    let mut rows: Vec<(String, Pick)> = Vec::new();
    for (name, format) in [
        ("passport (TD3)", MrzFormat::Td3),
        ("ID card (TD1)", MrzFormat::Td1),
    ] {
        for &(lo, hi) in &ROLL_BANDS {
            rows.push((
                format!("{name}, good, {lo:.0}–{:.0}°", hi.floor()),
                Box::new(move |o, m| {
                    good(o) && m.format == format && (lo..hi).contains(&m.roll.abs())
                }),
            ));
        }
        rows.push((
            format!("**{name}, good, all**"),
            Box::new(move |o, m| good(o) && m.format == format),
        ));
    }
    rows.push((
        "good, MJPEG quality 60–74".to_owned(),
        Box::new(move |o, m| good(o) && m.jpeg_quality < 75),
    ));
    rows.push((
        "good, MJPEG quality 75–90".to_owned(),
        Box::new(move |o, m| good(o) && m.jpeg_quality >= 75),
    ));
    rows.push(("**good, all**".to_owned(), Box::new(move |o, _| good(o))));
    rows.push((
        "focus blur".to_owned(),
        Box::new(|o, _| o.category == Category::MrzFocusBlur),
    ));
    rows.push((
        "low light".to_owned(),
        Box::new(|o, _| o.category == Category::MrzLowLight),
    ));
    for (name, pick) in rows {
        let picked: Vec<&MrzOutcome> = outcomes
            .iter()
            .filter_map(|o| o.mrz.as_ref().filter(|m| pick(o, m)))
            .collect();
        if picked.is_empty() {
            continue;
        }
        let ok = picked.iter().filter(|m| m.correct).count();
        let wrong = picked.iter().filter(|m| m.wrong).count();
        let refused = |prefix: &str| {
            picked
                .iter()
                .filter(|m| m.error.as_deref().is_some_and(|e| e.starts_with(prefix)))
                .count()
        };
        let no_zone = refused("no machine-readable zone");
        let check = refused("the machine-readable zone's");
        let other = picked.len() - ok - wrong - no_zone - check;
        let _ = writeln!(
            out,
            "| {name} | {} | {ok} | {} | {wrong} | {no_zone} / {check} / {other} | {} |",
            picked.len(),
            percent((ok, picked.len())),
            millis(picked.iter().map(|m| m.time).collect())
        );
    }
    let portraits: Vec<bool> = good_mrz(outcomes).filter_map(|m| m.portrait).collect();
    if !portraits.is_empty() {
        let _ = writeln!(
            out,
            "\nPortrait found on good passport pages (document::locate_portrait): {}/{}.",
            portraits.iter().filter(|&&p| p).count(),
            portraits.len()
        );
    }
    let (bad, all) = mrz_false_reads(outcomes);
    if all > 0 {
        let _ = writeln!(
            out,
            "A zone read on good licence captures (there is none): {bad}/{all}."
        );
    }
    let mut failures: Vec<String> = outcomes
        .iter()
        .filter_map(|o| o.mrz.as_ref().map(|m| (o, m)))
        .filter(|(o, m)| !m.correct && good(o))
        .map(|(o, m)| {
            format!(
                "#{} ({:?}, {:.1}°, q{}): {}",
                o.id,
                m.format,
                m.roll,
                m.jpeg_quality,
                m.error.as_deref().unwrap_or("read, but a field differs")
            )
        })
        .collect();
    if !failures.is_empty() {
        failures.truncate(12);
        let _ = writeln!(out, "\nGood captures not read: {}", failures.join("; "));
    }
    out
}

/// The OCR comparison (Markdown): the kiosk's template matcher against Tesseract, on the same
/// captures, by condition.
pub fn ocr_table(
    outcomes: &[Outcome],
    tesseract: &[crate::tesseract::TesseractOutcome],
    tesseract_per_line: Duration,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| OCR | captures | n | read, every field right | read rate | misread passed the check digits | time per still p50 / p95 ms |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|");
    type Pick = fn(Category, MrzFormat) -> bool;
    let conditions: [(&str, Pick); 5] = [
        ("passport (TD3), good", |c, f| {
            matches!(c, Category::MrzPassport | Category::MrzIdCard) && f == MrzFormat::Td3
        }),
        ("ID card (TD1), good", |c, f| {
            matches!(c, Category::MrzPassport | Category::MrzIdCard) && f == MrzFormat::Td1
        }),
        ("**good, all**", |c, _| {
            matches!(c, Category::MrzPassport | Category::MrzIdCard)
        }),
        ("focus blur", |c, _| c == Category::MrzFocusBlur),
        ("low light", |c, _| c == Category::MrzLowLight),
    ];
    for (name, pick) in conditions {
        let ours: Vec<&MrzOutcome> = outcomes
            .iter()
            .filter_map(|o| o.mrz.as_ref().filter(|m| pick(o.category, m.format)))
            .collect();
        let theirs: Vec<&crate::tesseract::TesseractOutcome> = tesseract
            .iter()
            .filter(|t| pick(t.category, t.format))
            .collect();
        let rows = [
            (
                "OCR-B template matcher",
                ours.len(),
                ours.iter().filter(|m| m.correct).count(),
                ours.iter().filter(|m| m.wrong).count(),
                ours.iter().map(|m| m.time).collect::<Vec<_>>(),
            ),
            (
                "Tesseract 5 (eng, whitelist)",
                theirs.len(),
                theirs.iter().filter(|t| t.correct).count(),
                theirs.iter().filter(|t| t.wrong).count(),
                theirs.iter().map(|t| t.time).collect::<Vec<_>>(),
            ),
        ];
        for (ocr, n, ok, wrong, times) in rows {
            if n == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "| {ocr} | {name} | {n} | {ok} | {} | {wrong} | {} |",
                percent((ok, n)),
                millis(times)
            );
        }
    }
    let _ = writeln!(
        out,
        "\nTesseract's time per line (one process over every line, its start-up shared): {:.1} ms; per still it adds the kiosk's locating of the zone.",
        tesseract_per_line.as_secs_f64() * 1e3
    );
    let mut failures: Vec<String> = tesseract
        .iter()
        .filter(|t| !t.correct && matches!(t.category, Category::MrzPassport | Category::MrzIdCard))
        .map(|t| {
            format!(
                "#{} ({:?}): {}",
                t.id,
                t.format,
                t.error.as_deref().unwrap_or("read, but a field differs")
            )
        })
        .collect();
    if !failures.is_empty() {
        failures.truncate(8);
        let _ = writeln!(
            out,
            "Tesseract, good captures not read: {}",
            failures.join("; ")
        );
    }
    out
}
