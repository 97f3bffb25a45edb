//! `capture-eval`: generates the capture evaluation set, runs the kiosk's analysis and barcode
//! reading on it, and prints the tables (`cargo xtask eval capture` runs it in release).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use capture_eval::render::FrameSize;
use capture_eval::{evaluate, full_set, report, slice, Sample, DEFAULT_SEED};

const USAGE: &str = "\
capture-eval [--seed N] [--slice] [--only CATEGORY-LABEL-PREFIX] [--id N]... [--dump DIR] [--workers N]

  --seed N      the set's seed (default: the published table's)
  --slice       only the fast slice the test suite runs
  --only TEXT   only categories whose label starts with TEXT (e.g. glare, selfie)
  --id N        only the capture with this id (repeatable)
  --dump DIR    write each capture's first frame to DIR/<id>-<category>.jpg
  --size S      1080p (default) or 720p: the webcam the captures are drawn for
  --workers N   threads (default: the machine's cores)
  --metrics     also print, per category, the spread of each measurement
  --ocr tesseract
                also read every MRZ with Tesseract (Debian's tesseract-ocr) on the same
                located lines, and print the comparison

capture-eval --write-ocr-b-atlas PATH
  renders the MRZ reader's glyph atlas from Debian's fonts-ocr-b and writes it to PATH
  (crates/document/src/mrz/ocr-b.pgm)";

struct Options {
    seed: u64,
    slice: bool,
    only: Option<String>,
    ids: Vec<usize>,
    dump: Option<PathBuf>,
    workers: usize,
    metrics: bool,
    size: FrameSize,
    tesseract: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        seed: DEFAULT_SEED,
        slice: false,
        only: None,
        ids: Vec::new(),
        dump: None,
        workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
        metrics: false,
        size: FrameSize::P1080,
        tesseract: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--seed" => o.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--slice" => o.slice = true,
            "--metrics" => o.metrics = true,
            "--size" => {
                o.size = match value()?.as_str() {
                    "1080p" => FrameSize::P1080,
                    "720p" => FrameSize::P720,
                    other => return Err(format!("--size: `{other}` is neither 1080p nor 720p")),
                }
            }
            "--only" => o.only = Some(value()?),
            "--ocr" => match value()?.as_str() {
                "tesseract" => o.tesseract = true,
                other => return Err(format!("--ocr: `{other}` is not an OCR this compares")),
            },
            "--id" => o
                .ids
                .push(value()?.parse().map_err(|e| format!("--id: {e}"))?),
            "--dump" => o.dump = Some(PathBuf::from(value()?)),
            "--workers" => o.workers = value()?.parse().map_err(|e| format!("--workers: {e}"))?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--write-ocr-b-atlas") {
        return write_atlas(args.get(1));
    }
    let options = match parse(&args) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let mut samples: Vec<Sample> = if options.slice {
        slice(options.seed)
    } else {
        full_set(options.seed)
    };
    if let Some(only) = &options.only {
        samples.retain(|s| s.category.label().starts_with(only.as_str()));
    }
    if !options.ids.is_empty() {
        samples.retain(|s| options.ids.contains(&s.id));
    }
    if let Some(dir) = &options.dump {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let dump = options.dump.clone();
    let keep = move |sample: &Sample, jpeg: &[u8]| {
        if let Some(dir) = &dump {
            let name = format!(
                "{:03}-{}.jpg",
                sample.id,
                sample.category.label().replace([' ', ',', '(', ')'], "-")
            );
            if let Err(e) = std::fs::write(dir.join(name), jpeg) {
                eprintln!("could not write a capture: {e}");
            }
        }
    };
    println!(
        "Capture evaluation: {} captures (seed {}{}), {}x{} MJPEG, {} worker(s)\n",
        samples.len(),
        options.seed,
        if options.slice { ", fast slice" } else { "" },
        options.size.width,
        options.size.height,
        options.workers
    );
    let started = Instant::now();
    let outcomes = match evaluate(&samples, options.size, options.workers, Some(&keep)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("capture-eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", report::verdict_table(&outcomes));
    println!("PDF417 on the good captures of card backs (document::read_license on the still):\n");
    println!("{}", report::read_table(&outcomes));
    if outcomes.iter().any(|o| o.mrz.is_some()) {
        println!(
            "MRZ of passport pages and ID card backs (document::read_mrz on the still, OCR-B template matcher):\n"
        );
        println!("{}", report::mrz_table(&outcomes));
    }
    if options.tesseract {
        println!("The MRZ OCR compared on the same captures and the same located lines:\n");
        match capture_eval::tesseract::evaluate(&samples, options.size) {
            Ok((tesseract, per_line)) => {
                println!("{}", report::ocr_table(&outcomes, &tesseract, per_line));
            }
            Err(e) => println!("Tesseract could not be measured: {e}\n"),
        }
    }
    if options.metrics {
        println!("{}", report::metric_ranges(&outcomes));
    }
    let misses = report::misses(&outcomes);
    if !misses.is_empty() {
        println!("Verdicts other than expected:\n{misses}");
    }
    println!(
        "Generated and evaluated in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn write_atlas(path: Option<&String>) -> ExitCode {
    let Some(path) = path else {
        eprintln!("--write-ocr-b-atlas needs the file to write");
        return ExitCode::FAILURE;
    };
    let font = match capture_eval::ocrb::OcrB::load() {
        Ok(font) => font,
        Err(e) => {
            eprintln!("capture-eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    match std::fs::write(path, font.atlas_pgm()) {
        Ok(()) => {
            println!("wrote {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
