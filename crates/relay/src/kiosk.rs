//! Kiosk ids: the one name a kiosk has at the relay, in the callback path, the stream key and
//! the subscription path, so its shape is checked before it goes anywhere.

use std::fmt;
use std::str::FromStr;

/// Longest kiosk id accepted.
pub const MAX_KIOSK_ID_LEN: usize = 64;

/// A kiosk's id: 1 to [`MAX_KIOSK_ID_LEN`] ASCII letters, digits, `-` or `_`, starting with a
/// letter or digit. Safe in a URL path, a Redis key and a log line as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KioskId(String);

/// Why a kiosk id was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KioskIdError {
    #[error("a kiosk id must not be empty")]
    Empty,
    #[error("a kiosk id is at most {MAX_KIOSK_ID_LEN} characters long")]
    TooLong,
    #[error("a kiosk id uses only ASCII letters, digits, '-' and '_', and starts with a letter or digit")]
    BadCharacter,
}

impl KioskId {
    pub fn parse(text: &str) -> Result<Self, KioskIdError> {
        let bytes = text.as_bytes();
        let Some(first) = bytes.first() else {
            return Err(KioskIdError::Empty);
        };
        if bytes.len() > MAX_KIOSK_ID_LEN {
            return Err(KioskIdError::TooLong);
        }
        if !first.is_ascii_alphanumeric()
            || !bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        {
            return Err(KioskIdError::BadCharacter);
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for KioskId {
    type Err = KioskIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for KioskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_for_shape() {
        assert!(KioskId::parse("lobby-01").is_ok());
        assert!(KioskId::parse("K_7").is_ok());
        assert_eq!(KioskId::parse(""), Err(KioskIdError::Empty));
        assert_eq!(KioskId::parse("-lead"), Err(KioskIdError::BadCharacter));
        assert_eq!(KioskId::parse("a/b"), Err(KioskIdError::BadCharacter));
        assert_eq!(KioskId::parse("a b"), Err(KioskIdError::BadCharacter));
        assert_eq!(KioskId::parse("é"), Err(KioskIdError::BadCharacter));
        assert!(KioskId::parse(&"a".repeat(64)).is_ok());
        assert_eq!(KioskId::parse(&"a".repeat(65)), Err(KioskIdError::TooLong));
    }
}
