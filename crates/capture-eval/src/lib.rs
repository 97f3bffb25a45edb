//! The capture evaluation set: webcam-like captures of fictional licences, passport data pages,
//! ID card backs and selfies, made by the project's own code apart from the synthetic camera's
//! demo scenes, each with its truth (the verdict a person would give; for card backs, the
//! licence fields; for passports and ID cards, what their machine-readable zone says), and the
//! evaluation of the kiosk's code on them: `camera::Analyzer`'s verdicts,
//! `document::read_license` and `document::read_mrz` (and, to compare OCR engines, Tesseract).
//!
//! It is for measuring capture quality honestly (`cargo xtask eval capture` prints the table;
//! a fast slice runs in the test suite). It is not used by the app, and nothing in it is a real
//! person's data: the names, numbers and faces are made up or computed. The set and the analyser
//! are made by the same hands, so real captures remain the final test.
//!
//! Start reading at [`set::full_set`] (what is in the set and why), then [`render`] (how a
//! capture is drawn) and [`evaluate::evaluate`].

pub mod cards;
pub mod error;
pub mod evaluate;
pub mod mrz_docs;
pub mod ocrb;
pub mod render;
pub mod report;
pub mod rng;
pub mod set;
pub mod tesseract;

pub use error::EvalError;
pub use evaluate::{evaluate, Outcome};
pub use set::{full_set, slice, Category, Sample, DEFAULT_SEED};

/// The ID-1 card's aspect ratio (85.60 × 53.98 mm).
pub const CARD_ASPECT: f32 = 85.60 / 53.98;
