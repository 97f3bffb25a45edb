//! Kiosk tokens: how the relay knows that a subscription really is the kiosk it names, with no
//! database. A token is `v1.` and the base64url HMAC-SHA256 of the kiosk id under the relay's
//! key; the relay recomputes it and compares in constant time. Every instance with the same key
//! accepts the same tokens; changing the key revokes every token at once.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::kiosk::KioskId;

/// Fewest key bytes accepted: the HMAC-SHA256 output size.
pub const MIN_KEY_BYTES: usize = 32;

/// Tells this relay's tokens from any other use of the same key.
const DOMAIN: &[u8] = b"enrollment-relay kiosk-token v1\0";
const PREFIX: &str = "v1.";

/// The relay's secret key for kiosk tokens. Never printed.
#[derive(Clone)]
pub struct TokenKey(Vec<u8>);

/// A kiosk's subscription token (a secret of that kiosk). Never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct KioskToken(String);

/// Why a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenKeyError {
    #[error("the token key is not base64; `enrollment-relay generate-key` prints a usable one")]
    NotBase64,
    #[error("the token key has {0} bytes; it needs at least {MIN_KEY_BYTES} (`enrollment-relay generate-key` prints one)")]
    TooShort(usize),
}

/// A presented token that is not the kiosk's (403).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the kiosk token is not valid for this kiosk")]
pub struct WrongToken;

impl TokenKey {
    /// Reads a key written as base64 (standard or URL-safe, padded or not).
    pub fn from_base64(text: &str) -> Result<Self, TokenKeyError> {
        let text = text.trim();
        let bytes = [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
            .iter()
            .find_map(|engine| engine.decode(text).ok())
            .ok_or(TokenKeyError::NotBase64)?;
        Self::from_bytes(bytes)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, TokenKeyError> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(TokenKeyError::TooShort(bytes.len()));
        }
        Ok(Self(bytes))
    }

    /// A fresh random key, as base64, for `enrollment-relay generate-key`.
    pub fn generate_base64() -> Result<String, getrandom::Error> {
        let mut bytes = [0u8; MIN_KEY_BYTES];
        getrandom::fill(&mut bytes)?;
        Ok(STANDARD.encode(bytes))
    }

    fn tag(&self, kiosk: &KioskId) -> [u8; 32] {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts a key of any length");
        mac.update(DOMAIN);
        mac.update(kiosk.as_str().as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The token of `kiosk` under this key.
    pub fn token_for(&self, kiosk: &KioskId) -> KioskToken {
        KioskToken(format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(self.tag(kiosk))
        ))
    }

    /// Whether `presented` is `kiosk`'s token; the tags are compared in constant time.
    pub fn verify(&self, kiosk: &KioskId, presented: &str) -> Result<(), WrongToken> {
        let Some(encoded) = presented.strip_prefix(PREFIX) else {
            return Err(WrongToken);
        };
        let Ok(tag) = URL_SAFE_NO_PAD.decode(encoded) else {
            return Err(WrongToken);
        };
        if bool::from(self.tag(kiosk).as_slice().ct_eq(&tag)) {
            Ok(())
        } else {
            Err(WrongToken)
        }
    }
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey([REDACTED])")
    }
}

impl KioskToken {
    /// A token as configured on a kiosk (from its credential store).
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token's text, for the `Authorization` header and for printing it once.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for KioskToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KioskToken([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> TokenKey {
        TokenKey::from_bytes(vec![7; 32]).unwrap()
    }

    #[test]
    fn a_token_is_accepted_for_its_kiosk_only() {
        let lobby = KioskId::parse("lobby").unwrap();
        let desk = KioskId::parse("desk").unwrap();
        let token = key().token_for(&lobby);
        assert_eq!(key().verify(&lobby, token.expose()), Ok(()));
        assert_eq!(key().verify(&desk, token.expose()), Err(WrongToken));
        let other = TokenKey::from_bytes(vec![8; 32]).unwrap();
        assert_eq!(other.verify(&lobby, token.expose()), Err(WrongToken));
        assert_eq!(key().verify(&lobby, "v1.AAAA"), Err(WrongToken));
        assert_eq!(key().verify(&lobby, "garbage"), Err(WrongToken));
        assert_eq!(key().verify(&lobby, ""), Err(WrongToken));
    }

    #[test]
    fn keys_are_base64_of_at_least_32_bytes() {
        let generated = TokenKey::generate_base64().unwrap();
        assert!(TokenKey::from_base64(&generated).is_ok());
        assert_eq!(
            TokenKey::from_base64("c2hvcnQ=").unwrap_err(),
            TokenKeyError::TooShort(5)
        );
        assert_eq!(
            TokenKey::from_base64("not base64!").unwrap_err(),
            TokenKeyError::NotBase64
        );
        assert!(!format!("{:?}", key()).contains('7'));
        assert!(!format!("{:?}", key().token_for(&KioskId::parse("k").unwrap())).contains("v1."));
    }
}
