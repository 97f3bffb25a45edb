//! What the service says about a presented credential beyond its claims (reference §4.2):
//! `credentialState.revocationStatus` and Face Check's `sourcePhotoQuality`. Both are read
//! leniently, so that an unexpected shape is kept as an unknown value instead of making the
//! whole callback unreadable.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `credentialState` of a verified credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialState {
    /// `revocationStatus`; `None` when absent or not a string.
    pub revocation_status: Option<RevocationStatus>,
}

/// `credentialState.revocationStatus`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevocationStatus {
    /// `VALID` (the documented value).
    Valid,
    /// `REVOKED` (UNCONFIRMED spelling; compared without case).
    Revoked,
    /// Any other value, as sent.
    Other(String),
}

impl RevocationStatus {
    fn parse(text: &str) -> Self {
        if text.eq_ignore_ascii_case("VALID") {
            RevocationStatus::Valid
        } else if text.eq_ignore_ascii_case("REVOKED") {
            RevocationStatus::Revoked
        } else {
            RevocationStatus::Other(text.to_string())
        }
    }
}

impl<'de> Deserialize<'de> for CredentialState {
    /// Never fails on shape: a callback is not refused for an unexpected `credentialState`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let revocation_status = value
            .get("revocationStatus")
            .and_then(Value::as_str)
            .map(RevocationStatus::parse);
        Ok(CredentialState { revocation_status })
    }
}

/// `faceCheck.sourcePhotoQuality`: only `HIGH` is documented (reference §4.2), so the rest is
/// kept as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoQuality {
    High,
    Other(String),
}

/// The longest unexpected `sourcePhotoQuality` kept.
const MAX_QUALITY_TEXT: usize = 32;

impl<'de> Deserialize<'de> for PhotoQuality {
    /// Never fails on shape: a non-string is kept as (the start of) its JSON text.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let text = match value {
            Value::String(text) => text,
            other => other.to_string(),
        };
        if text.eq_ignore_ascii_case("HIGH") {
            Ok(PhotoQuality::High)
        } else {
            Ok(PhotoQuality::Other(
                text.chars().take(MAX_QUALITY_TEXT).collect(),
            ))
        }
    }
}
