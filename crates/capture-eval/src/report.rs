//! The tables: verdicts per category (expected against given), verdict accuracy, PDF417 read
//! rate by rotation band, and timing.

use std::fmt::Write;
use std::time::Duration;

use camera::Instruction;

use crate::evaluate::Outcome;
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
