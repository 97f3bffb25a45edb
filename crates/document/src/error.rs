//! The crate's one error type. Messages never contain personal data (names, numbers, raw
//! barcode text); the only value carried is the expiry date, which the refusal needs.

use crate::Date;

/// What went wrong while reading a document, in this crate's terms. The words shown to a
/// person live next to the screens, not here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The captured bytes are not a decodable image, or the buffer does not match its size.
    #[error("the captured image could not be decoded")]
    Image,
    /// No PDF417 barcode could be read anywhere in the image.
    #[error("no PDF417 barcode found in the image")]
    NoBarcode,
    /// A barcode was read, but it is not an AAMVA driver's license or ID card payload.
    #[error("the barcode is not an AAMVA driver's license or ID card")]
    NotAamva,
    /// The AAMVA version number is outside 01–10.
    #[error("AAMVA barcode version {0} is not supported")]
    UnsupportedVersion(u8),
    /// A data element the kiosk needs is absent or empty (the AAMVA element id, e.g. `DBA`).
    #[error("the barcode has no {0} data element")]
    MissingField(&'static str),
    /// A data element is present but malformed (e.g. a date that is not a date).
    #[error("the barcode's {0} data element is malformed")]
    InvalidField(&'static str),
    /// The document's expiry date (from its barcode or its MRZ) is before the date given as
    /// "today".
    #[error("the document expired on {expired_on}")]
    DocumentExpired {
        /// The expiry date read from the document.
        expired_on: Date,
    },
    /// No machine-readable zone (two lines of 44 or three of 30 characters) was found.
    #[error("no machine-readable zone found in the image")]
    NoMrz,
    /// A zone was read, but a check digit disagrees with the field it covers even after
    /// correcting look-alike characters (the field's name, e.g. `birth date`, `composite`).
    #[error("the machine-readable zone's {0} check digit does not match what was read")]
    MrzCheckDigit(&'static str),
    /// A zone was read and its check digits agree, but a field is not one ICAO 9303 allows
    /// (the field's name, e.g. `document code`, `expiry date`).
    #[error("the machine-readable zone's {0} field is malformed")]
    MrzInvalidField(&'static str),
    /// No face was found on the document front.
    #[error("no face found on the document")]
    NoFace,
    /// More than one face of similar size was found, so the portrait is ambiguous.
    #[error("{count} faces of similar size found on the document")]
    SeveralFaces {
        /// How many comparable faces were found.
        count: usize,
    },
    /// The portrait crop could not be encoded as JPEG.
    #[error("the portrait could not be encoded")]
    Encode,
    /// A third-party decoder or detector (the JPEG decoder, the PDF417 reader, the face
    /// detector) panicked on this image. The panic is caught here; the image is unreadable
    /// and another capture may well succeed.
    #[error("the image could not be read: the {component} failed on it with an internal error")]
    Unreadable {
        /// Which component failed, e.g. `PDF417 reader`.
        component: &'static str,
    },
}

/// Runs third-party, CPU-heavy work on one image and turns a panic inside it into
/// [`Error::Unreadable`], so that no panic escapes the crate's reading functions. The work
/// only reads its inputs and builds its own state, so nothing half-updated is seen after a
/// panic (hence `AssertUnwindSafe`). The panic hook still reports the panic (its message is
/// the library's, never image contents).
pub(crate) fn guarded<T>(component: &'static str, work: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|_| {
        tracing::warn!(
            component,
            "a third-party component panicked on a captured image"
        );
        Error::Unreadable { component }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_guarded_work_is_an_unreadable_error() {
        assert_eq!(guarded("PDF417 reader", || 7), Ok(7));
        let err = guarded("face detector", || -> u8 { panic!("index out of bounds") });
        assert_eq!(
            err,
            Err(Error::Unreadable {
                component: "face detector"
            })
        );
        assert_eq!(
            err.unwrap_err().to_string(),
            "the image could not be read: the face detector failed on it with an internal error"
        );
    }
}
