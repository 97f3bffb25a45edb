//! The other OCR measured on the MRZ: Tesseract (Debian's `tesseract-ocr` 5 with its
//! `eng.traineddata`, LSTM engine; no MRZ-trained data is packaged), given the very lines the
//! kiosk's reader locates (`document::mrz::locate_zones`), one line per image, single-line page
//! mode, the MRZ alphabet as its whitelist and its dictionaries off. What it reads goes through
//! the same check-digit-guided correction and parsing (`document::mrz::read_mrz_text`).
//!
//! It is run as Debian's command-line program over a list of images in one process, so that
//! its start-up (loading the model) is paid once and the time per line is the engine's; a Rust
//! binding (`tesseract`/`leptess`) would run the same engine in process. The images are of
//! fictional documents, written to a temporary folder and deleted afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use document::mrz::{locate_zones, read_mrz_text};
use document::{CapturedImage, MrzFormat};
use image::GrayImage;

use crate::evaluate::draw;
use crate::render::FrameSize;
use crate::set::{today, Category, Sample};

/// The pitch the located lines are resampled at for Tesseract: capitals about 28 pixels high,
/// where its LSTM model reads best.
const PITCH: u32 = 28;

/// What Tesseract made of one capture.
#[derive(Debug, Clone)]
pub struct TesseractOutcome {
    pub id: usize,
    pub category: Category,
    pub format: MrzFormat,
    pub correct: bool,
    /// Read and every check digit agreeing, yet a field differs from the truth.
    pub wrong: bool,
    pub error: Option<String>,
    /// Locating the zone (the kiosk's code) plus Tesseract's share of the batch for the lines
    /// it read.
    pub time: Duration,
}

/// Why the comparison could not run.
#[derive(Debug, thiserror::Error)]
pub enum TesseractError {
    #[error("the tesseract program could not be run ({0}); install Debian's tesseract-ocr")]
    Missing(std::io::Error),
    #[error("tesseract failed: {0}")]
    Failed(String),
    #[error("a capture could not be drawn: {0}")]
    Draw(#[from] crate::EvalError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// One still's candidate zones, as images on disk.
struct Still {
    sample: usize,
    locate: Duration,
    zones: Vec<(MrzFormat, Vec<PathBuf>)>,
}

/// Runs Tesseract on the passport pages and ID card backs among `samples`.
pub fn evaluate(
    samples: &[Sample],
    size: FrameSize,
) -> Result<(Vec<TesseractOutcome>, Duration), TesseractError> {
    let version = Command::new("tesseract")
        .arg("--version")
        .output()
        .map_err(TesseractError::Missing)?;
    if !version.status.success() {
        return Err(TesseractError::Failed("tesseract --version".to_owned()));
    }
    let dir = std::env::temp_dir().join(format!("capture-eval-tesseract-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(samples, size, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn write_pgm(path: &Path, image: &GrayImage) -> std::io::Result<()> {
    let mut out = format!("P5\n{} {}\n255\n", image.width(), image.height()).into_bytes();
    out.extend_from_slice(image.as_raw());
    std::fs::write(path, out)
}

fn run(
    samples: &[Sample],
    size: FrameSize,
    dir: &Path,
) -> Result<(Vec<TesseractOutcome>, Duration), TesseractError> {
    let mut stills = Vec::new();
    let mut images: Vec<PathBuf> = Vec::new();
    for (i, sample) in samples.iter().enumerate() {
        if sample.truth.mrz.is_none() {
            continue;
        }
        let capture = draw(sample, size)?;
        let started = Instant::now();
        let zones = locate_zones(CapturedImage::Jpeg(&capture.frames[0]), PITCH);
        let locate = started.elapsed();
        let mut still = Still {
            sample: i,
            locate,
            zones: Vec::new(),
        };
        for (z, zone) in zones.unwrap_or_default().into_iter().enumerate() {
            let mut paths = Vec::new();
            for (k, line) in zone.lines.iter().enumerate() {
                let path = dir.join(format!("{}-{z}-{k}.pgm", sample.id));
                write_pgm(&path, line)?;
                images.push(path.clone());
                paths.push(path);
            }
            still.zones.push((zone.format, paths));
        }
        stills.push(still);
    }
    // One process for every line: the model is loaded once.
    let list = dir.join("lines.txt");
    let listing: String = images
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    std::fs::write(&list, listing)?;
    let started = Instant::now();
    let output = Command::new("tesseract")
        .arg(&list)
        .arg("stdout")
        .args(["--psm", "7", "--oem", "1"])
        .args([
            "-c",
            "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<",
        ])
        .args(["-c", "load_system_dawg=0", "-c", "load_freq_dawg=0"])
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .map_err(TesseractError::Missing)?;
    let batch = started.elapsed();
    if !output.status.success() {
        return Err(TesseractError::Failed(
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    // Pages come out one after another, each ended by a form feed.
    let text = String::from_utf8_lossy(&output.stdout);
    let pages: Vec<String> = text
        .split('\x0c')
        .map(|p| p.split_whitespace().collect::<String>())
        .collect();
    if pages.len() < images.len() {
        return Err(TesseractError::Failed(format!(
            "{} pages of text for {} images",
            pages.len(),
            images.len()
        )));
    }
    let per_line = batch / images.len().max(1) as u32;
    let mut next = 0;
    let mut outcomes = Vec::new();
    for still in stills {
        let sample = &samples[still.sample];
        let Some(truth) = sample.truth.mrz.as_ref() else {
            continue;
        };
        let mut result = Err(document::Error::NoMrz);
        let mut lines_read = 0;
        let lines_located: usize = still.zones.iter().map(|z| z.1.len()).sum();
        for (format, paths) in &still.zones {
            let lines: Vec<&str> = pages[next..next + paths.len()]
                .iter()
                .map(String::as_str)
                .collect();
            next += paths.len();
            if result.is_ok() {
                continue;
            }
            lines_read += paths.len();
            let attempt = read_mrz_text(*format, &lines, today());
            if attempt.is_ok() || result == Err(document::Error::NoMrz) {
                result = attempt;
            }
        }
        outcomes.push(TesseractOutcome {
            id: sample.id,
            category: sample.category,
            format: truth.format,
            correct: result.as_ref().is_ok_and(|r| truth.matches(r)),
            wrong: result.as_ref().is_ok_and(|r| !truth.matches(r)),
            error: result.err().map(|e| e.to_string()),
            // Locating every candidate zone is more than the kiosk's reader does (it stops at
            // the first that reads): only the share of the zones read is counted.
            time: still.locate * lines_read as u32 / lines_located.max(1) as u32
                + per_line * lines_read as u32,
        });
    }
    Ok((outcomes, per_line))
}
