//! Local reading of identity documents captured at the kiosk: the AAMVA PDF417 barcode on the
//! back of US and Canadian driver's licenses and ID cards, the machine-readable zone (MRZ) of
//! passports and ICAO identity cards, and the portrait on the front or the data page.
//!
//! It is for turning captured images into what the proofing request needs ([`LicenseData`]
//! for `dl_verify` and the expiry check, [`MrzData`] for a passport's or ID card's fields and
//! expiry, a [`Portrait`] JPEG for `face_compare`). It is not a document authenticity check
//! (1Kosmos does that), does no I/O, and reads no clock: "today" is a parameter. Start reading
//! from [`read_license`], [`read_mrz`] and [`locate_portrait`]; [`synth`] makes the generated
//! test captures. Nothing here logs personal data.

pub mod aamva;
mod barcode;
mod date;
mod error;
mod face;
mod image_input;
pub mod mrz;
mod photo_claim;
mod rectify;
pub mod synth;

pub use aamva::{Address, Country, DocumentKind, LicenseData, Sex};
pub use barcode::decode_pdf417;
pub use date::Date;
pub use error::Error;
pub use face::{locate_portrait, FaceBox, Portrait, MIN_PORTRAIT_SIDE};
pub use image_input::CapturedImage;
pub use mrz::{read_mrz, MrzData, MrzDocumentKind, MrzFormat};
pub use photo_claim::{
    check_photo_claim, photo_claim, photo_claim_with, PhotoClaim, PhotoClaimError, PhotoClaimRules,
    MAX_PHOTO_CLAIM_ENCODED_BYTES, MAX_PHOTO_CLAIM_SIDE, MIN_PHOTO_CLAIM_SIDE,
};

/// Reads the back of a license or ID card: decodes the PDF417 barcode, parses it as AAMVA and
/// refuses an expired document (`Error::DocumentExpired`), so nothing is sent for it. A panic
/// inside the image decoder or rxing does not escape: it is `Error::Unreadable`.
pub fn read_license(back: CapturedImage<'_>, today: Date) -> Result<LicenseData, Error> {
    let text = decode_pdf417(back)?;
    let data = aamva::parse(&text)?;
    data.ensure_not_expired(today)?;
    tracing::debug!(
        version = data.aamva_version,
        kind = ?data.kind,
        country = data.country.alpha3(),
        "read AAMVA barcode"
    );
    Ok(data)
}
