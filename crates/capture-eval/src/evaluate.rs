//! Runs the kiosk's own code on the set: `camera::Analyzer` on both frames of each capture (the
//! verdict of the second counts, as steadiness needs a frame before it),
//! `document::read_license` on the first frame of every good capture of a card back, and
//! `document::read_mrz` on the first frame of every passport page and ID card back (with
//! `document::locate_portrait` on the passport pages), and on every good licence capture,
//! where it must find nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use camera::{Analyzer, CaptureKind, Decimator, Frame, Instruction, LumaImage, PixelFormat};
use document::{CapturedImage, MrzFormat};

use crate::error::EvalError;
use crate::render::{self, Capture, FrameSize};
use crate::set::{today, Category, Sample, Shot, Subject};
use crate::{cards, mrz_docs};

/// Gets each capture's first frame (MJPEG) as it is drawn, e.g. to write it out for a look.
pub type Keep<'a> = &'a (dyn Fn(&Sample, &[u8]) + Sync);

/// What the kiosk made of one capture.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: usize,
    pub category: Category,
    pub expected: Instruction,
    pub verdict: Instruction,
    /// The measurements behind the verdict.
    pub metrics: camera::Metrics,
    /// Analysis of the second frame on the decimated luma (the per-frame cost at 30 fps).
    pub analysis: Duration,
    /// JPEG decoding and decimation of the second frame.
    pub decimation: Duration,
    /// For a good capture of a card back: the barcode reading.
    pub read: Option<ReadOutcome>,
    /// For a passport page or an ID card back: the MRZ reading.
    pub mrz: Option<MrzOutcome>,
    /// For a good licence capture: whether the MRZ reader wrongly read a zone on it.
    pub mrz_false_read: Option<bool>,
}

/// The MRZ reading of one passport page or ID card back.
#[derive(Debug, Clone)]
pub struct MrzOutcome {
    pub format: MrzFormat,
    /// Read, every check digit agreeing, and every field equal to the truth.
    pub correct: bool,
    /// Read and every check digit agreeing, yet a field differs from the truth: a misread
    /// the check digits did not catch (the worst outcome).
    pub wrong: bool,
    /// Why not, when it failed (the crate's error, no personal data).
    pub error: Option<String>,
    pub time: Duration,
    /// The document's rotation, degrees.
    pub roll: f32,
    pub jpeg_quality: u8,
    /// For a passport page: whether `document::locate_portrait` found its portrait.
    pub portrait: Option<bool>,
}

/// The barcode reading of one card back.
#[derive(Debug, Clone)]
pub struct ReadOutcome {
    /// Read, parsed, and every field equal to the truth.
    pub correct: bool,
    /// Why not, when it failed (the crate's error, no personal data).
    pub error: Option<String>,
    pub time: Duration,
    /// The card's rotation, degrees.
    pub roll: f32,
}

/// Evaluates `samples` on `workers` threads (each with its own analyser, as the camera's
/// analysis thread has). `keep` gets each capture's first frame, for inspection.
pub fn evaluate(
    samples: &[Sample],
    size: FrameSize,
    workers: usize,
    keep: Option<Keep<'_>>,
) -> Result<Vec<Outcome>, EvalError> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Outcome, EvalError>>>> =
        Mutex::new((0..samples.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                let mut analyzer = Analyzer::default();
                let mut decimator = Decimator::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(sample) = samples.get(i) else { break };
                    let outcome = evaluate_one(sample, size, &mut analyzer, &mut decimator, keep);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every sample was evaluated"))
        .collect()
}

/// Draws one capture (both frames).
pub fn draw(sample: &Sample, size: FrameSize) -> Result<Capture, EvalError> {
    match (&sample.shot, &sample.subject) {
        (Shot::Document(scene), Subject::Document(design)) => {
            let card = design
                .map(|d| cards::draw(d, sample.truth.license.as_ref()))
                .transpose()?;
            render::render_document(scene, card.as_ref(), size)
        }
        (Shot::Document(scene), Subject::Mrz { variant, .. }) => {
            let truth = sample
                .truth
                .mrz
                .as_ref()
                .ok_or(EvalError::MrzWithoutTruth)?;
            let doc = mrz_docs::draw(truth, *variant)?;
            render::render_document(scene, Some(&doc), size)
        }
        (Shot::Selfie(scene), _) => render::render_selfie(scene, size),
        (Shot::Document(scene), Subject::Selfie) => render::render_document(scene, None, size),
    }
}

fn evaluate_one(
    sample: &Sample,
    size: FrameSize,
    analyzer: &mut Analyzer,
    decimator: &mut Decimator,
    keep: Option<Keep<'_>>,
) -> Result<Outcome, EvalError> {
    let capture = draw(sample, size)?;
    if let Some(keep) = keep {
        keep(sample, &capture.frames[0]);
    }
    let kind = if sample.category.is_selfie() {
        CaptureKind::Selfie
    } else {
        CaptureKind::Document
    };
    analyzer.reset();
    let mut frame = Frame::with_capacity(0);
    let mut luma = LumaImage::default();
    frame.fill(
        PixelFormat::Mjpeg,
        capture.size.width,
        capture.size.height,
        &capture.frames[0],
    );
    decimator.decimate(&frame, camera::analysis::ANALYSIS_WIDTH, &mut luma)?;
    analyzer.analyze_luma(&luma, kind);
    frame.fill(
        PixelFormat::Mjpeg,
        capture.size.width,
        capture.size.height,
        &capture.frames[1],
    );
    let started = Instant::now();
    decimator.decimate(&frame, camera::analysis::ANALYSIS_WIDTH, &mut luma)?;
    let decimation = started.elapsed();

    let started = Instant::now();
    let analysed = analyzer.analyze_luma(&luma, kind);

    let verdict = analysed.instruction;
    let analysis = started.elapsed();
    let read = match (&sample.truth.license, sample.truth.verdict) {
        (Some(expected), Instruction::LooksGood) => {
            let started = Instant::now();
            let result = document::read_license(CapturedImage::Jpeg(&capture.frames[0]), today());
            let time = started.elapsed();
            Some(ReadOutcome {
                correct: result.as_ref().is_ok_and(|read| read == expected),
                error: result.err().map(|e| e.to_string()),
                time,
                roll: sample.truth.roll,
            })
        }
        _ => None,
    };
    let still = CapturedImage::Jpeg(&capture.frames[0]);
    let mrz = sample.truth.mrz.as_ref().map(|truth| {
        let started = Instant::now();
        let result = document::read_mrz(still, today());
        let time = started.elapsed();
        let portrait =
            (truth.format == MrzFormat::Td3).then(|| document::locate_portrait(still).is_ok());
        let optics = match &sample.shot {
            Shot::Document(scene) => scene.optics.jpeg_quality,
            Shot::Selfie(scene) => scene.optics.jpeg_quality,
        };
        MrzOutcome {
            format: truth.format,
            correct: result.as_ref().is_ok_and(|read| truth.matches(read)),
            wrong: result.as_ref().is_ok_and(|read| !truth.matches(read)),
            error: result.err().map(|e| e.to_string()),
            time,
            roll: sample.truth.roll,
            jpeg_quality: optics,
            portrait,
        }
    });
    let mrz_false_read = (sample.category == crate::set::Category::Good)
        .then(|| document::read_mrz(still, today()).is_ok());
    Ok(Outcome {
        id: sample.id,
        category: sample.category,
        expected: sample.truth.verdict,
        verdict,
        metrics: analysed.metrics,
        analysis,
        decimation,
        read,
        mrz,
        mrz_false_read,
    })
}
