//! The fast slice of the capture evaluation set (the first captures of every category, as in
//! `cargo xtask eval capture`): the camera's verdicts, the licence reading and the MRZ reading
//! must stay at their targets. A failure prints the slice's table, so the regression shows.
//! The MRZ is drawn in OCR-B from Debian's fonts-ocr-b (`cargo xtask setup` installs it).

use capture_eval::render::FrameSize;
use capture_eval::{evaluate, report, slice, DEFAULT_SEED};

/// Verdict accuracy the analysis must keep (the target).
const MIN_VERDICT_ACCURACY: f64 = 0.95;
/// PDF417 read rate on good captures of card backs up to 10° of rotation.
const MIN_READ_RATE: f64 = 0.95;
/// MRZ read rate (every field right) on good captures of passport pages and ID card backs.
const MIN_MRZ_READ_RATE: f64 = 0.95;

#[test]
fn the_slice_meets_the_verdict_and_barcode_targets() {
    let samples = slice(DEFAULT_SEED);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let outcomes = evaluate(&samples, FrameSize::P1080, workers, None).expect("the slice renders");
    let table = format!(
        "{}\n{}\n{}\n{}",
        report::verdict_table(&outcomes),
        report::read_table(&outcomes),
        report::mrz_table(&outcomes),
        report::misses(&outcomes)
    );
    let (right, all) = report::accuracy(&outcomes);
    let accuracy = right as f64 / all as f64;
    assert!(
        accuracy >= MIN_VERDICT_ACCURACY,
        "verdict accuracy {right}/{all} is under {MIN_VERDICT_ACCURACY}\n{table}"
    );
    let (read, backs) = report::read_rate(&outcomes, (0.0, 10.0));
    assert!(
        backs >= 3,
        "the slice has good card backs up to 10°\n{table}"
    );
    assert!(
        read as f64 / backs as f64 >= MIN_READ_RATE,
        "PDF417 read {read}/{backs} up to 10° is under {MIN_READ_RATE}\n{table}"
    );
    // Passports and ID cards: every rotation band of both, read with every field right; a
    // misread that passes the check digits, or a zone read on a licence, is never allowed.
    let (read, good) = report::mrz_read_rate(&outcomes, None, (0.0, 90.0));
    assert!(
        good >= 6,
        "the slice has good passport pages and ID card backs\n{table}"
    );
    assert!(
        read as f64 / good as f64 >= MIN_MRZ_READ_RATE,
        "MRZ read {read}/{good} is under {MIN_MRZ_READ_RATE}\n{table}"
    );
    assert_eq!(report::mrz_misreads(&outcomes).0, 0, "{table}");
    assert_eq!(report::mrz_false_reads(&outcomes).0, 0, "{table}");
}

#[test]
fn the_set_is_the_same_for_the_same_seed_and_differs_for_another() {
    let a = slice(DEFAULT_SEED);
    assert_eq!(a, slice(DEFAULT_SEED));
    assert_ne!(a, slice(DEFAULT_SEED + 1));
    // Every category is in the slice, and every card back carries its licence as truth.
    for category in capture_eval::Category::ALL {
        assert!(a.iter().any(|s| s.category == category), "{category:?}");
    }
    for s in &a {
        let back = matches!(
            s.subject,
            capture_eval::set::Subject::Document(Some(d)) if d.side == capture_eval::cards::Side::Back
        );
        assert_eq!(back, s.truth.license.is_some(), "#{}", s.id);
        let mrz = matches!(s.subject, capture_eval::set::Subject::Mrz { .. });
        assert_eq!(mrz, s.truth.mrz.is_some(), "#{}", s.id);
    }
}

#[test]
fn a_capture_is_drawn_the_same_every_time() {
    let sample = &slice(DEFAULT_SEED)[1];
    let a = capture_eval::evaluate::draw(sample, FrameSize::P720).unwrap();
    let b = capture_eval::evaluate::draw(sample, FrameSize::P720).unwrap();
    assert_eq!(a.frames, b.frames);
    // Two frames of a steady card differ only by sensor noise.
    assert_ne!(a.frames[0], a.frames[1]);
}

#[test]
fn the_reader_s_glyphs_are_the_installed_ocr_b_font_s() {
    // The atlas compiled into the document crate is this font's rendering: regenerate it with
    // `cargo run -p capture-eval -- --write-ocr-b-atlas crates/document/src/mrz/ocr-b.pgm`.
    let font = capture_eval::ocrb::OcrB::load().expect("Debian's fonts-ocr-b is installed");
    assert!(
        font.atlas_pgm() == document::mrz::atlas(),
        "crates/document/src/mrz/ocr-b.pgm is not the installed font's rendering"
    );
}
