//! The evaluation's one error type.

/// What stopped a capture from being generated or evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A card back is drawn from the licence its barcode carries; none was given.
    #[error("a card back needs the licence its barcode carries")]
    BackWithoutLicense,
    /// The document crate could not encode the barcode of a generated licence.
    #[error("the barcode of a generated licence could not be encoded: {0}")]
    Barcode(#[from] document::Error),
    /// The camera crate could not encode or decode a generated frame.
    #[error("a generated frame could not be encoded or analysed: {0}")]
    Camera(#[from] camera::CameraError),
    /// A passport page or ID card back is drawn from the fields its zone carries; none were
    /// given.
    #[error("a passport page or ID card back needs the fields its MRZ carries")]
    MrzWithoutTruth,
    /// The OCR-B font the MRZ is drawn with could not be loaded.
    #[error("the OCR-B font could not be loaded from {path}: {reason} (install Debian's fonts-ocr-b: `cargo xtask setup`, or set CAPTURE_EVAL_OCRB to its OCRB.otf)")]
    Font { path: String, reason: String },
    /// The card's corners do not define a perspective transform (a degenerate pose).
    #[error("the card's pose gives no perspective transform")]
    DegeneratePose,
}
