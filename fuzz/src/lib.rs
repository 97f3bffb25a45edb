//! The bodies of the kiosk's coverage-guided fuzz targets, and their seed inputs.
//!
//! Each `fuzz_targets/<name>.rs` is one line around [`Target::run`], so that the bodies build
//! and run on stable in the ordinary test suite (`tests/seed_corpus.rs` runs each over its seed
//! corpus) and only libFuzzer's entry points need `cargo xtask fuzz`. A body panics when a
//! property fails; that is what libFuzzer reports as a crash. Start at [`TARGETS`].
//!
//! Every seed is fictional: it is made by the crate under test (its encoders and samples) or
//! written here from the services' documented shapes.

pub mod aamva;
pub mod camera_frame;
pub mod entra_answers;
pub mod kiosk_config;
pub mod mrz_text;
pub mod onekosmos_answer;

/// One fuzz target.
pub struct Target {
    /// The name of its `fuzz_targets/<name>.rs` and of its seed corpus `corpus/<name>/`.
    pub name: &'static str,
    /// Runs the input through the parsers and checks their properties (panics when one fails).
    /// Returns whether the input got past the parser's refusals, so that the seed test can tell
    /// that the seeds reach the interesting code.
    pub run: fn(&[u8]) -> bool,
    /// Small valid inputs, each with a file name for the seed corpus.
    pub seeds: fn() -> Vec<(&'static str, Vec<u8>)>,
}

/// Every target, in the order `cargo xtask fuzz` runs them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "aamva",
        run: aamva::run,
        seeds: aamva::seeds,
    },
    Target {
        name: "camera_frame",
        run: camera_frame::run,
        seeds: camera_frame::seeds,
    },
    Target {
        name: "onekosmos_answer",
        run: onekosmos_answer::run,
        seeds: onekosmos_answer::seeds,
    },
    Target {
        name: "entra_answers",
        run: entra_answers::run,
        seeds: entra_answers::seeds,
    },
    Target {
        name: "kiosk_config",
        run: kiosk_config::run,
        seeds: kiosk_config::seeds,
    },
    Target {
        name: "mrz_text",
        run: mrz_text::run,
        seeds: mrz_text::seeds,
    },
];
