//! The cards in the simulated wallet and what a presentation request asks of them.
//!
//! Each issuance the wallet completes leaves a card holding the claims the credential's rules
//! map (reference §6: idTokenHint `inputClaim` → `outputClaim`; unmapped claims are not in the
//! credential), the photo if one was sent, and a revocation flag the control API can set. A
//! presentation request's `requestedCredentials` become [`AskedCredential`]s, which the wallet
//! simulator checks a card against the way the service would.

use std::collections::BTreeMap;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::EntraSandboxConfig;

/// The photo claim of the credential: the name the issuance request uses (`inputClaim`) and
/// the name in the credential (`outputClaim`, the display's `vc.credentialSubject.<name>` of
/// an `image/…` type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoClaimNames {
    pub input: String,
    pub output: String,
}

impl EntraSandboxConfig {
    /// The photo claim the credential definition declares, if any.
    pub fn photo_claim(&self) -> Option<PhotoClaimNames> {
        let output = self.display["claims"]
            .as_array()?
            .iter()
            .filter(|shown| {
                shown
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.starts_with("image/"))
            })
            .find_map(|shown| {
                let claim = shown.get("claim")?.as_str()?;
                Some(
                    claim
                        .strip_prefix("vc.credentialSubject.")
                        .unwrap_or(claim)
                        .to_string(),
                )
            })?;
        let input = self
            .mapping_pairs()
            .into_iter()
            .find(|(_, out)| *out == output)
            .map(|(input, _)| input)
            .unwrap_or_else(|| output.clone());
        Some(PhotoClaimNames { input, output })
    }

    /// The credential's claims from an issuance request's claims, through the rules' mappings
    /// (all claims as sent when the rules have none).
    pub(super) fn credential_claims(&self, sent: &BTreeMap<String, String>) -> Map<String, Value> {
        let pairs = self.mapping_pairs();
        if pairs.is_empty() {
            return sent
                .iter()
                .map(|(name, value)| (name.clone(), Value::from(value.as_str())))
                .collect();
        }
        pairs
            .into_iter()
            .filter_map(|(input, output)| Some((output, Value::from(sent.get(&input)?.as_str()))))
            .collect()
    }

    /// `(inputClaim without "$.", outputClaim)` of every idTokenHint mapping.
    fn mapping_pairs(&self) -> Vec<(String, String)> {
        self.rules
            .pointer("/attestations/idTokenHints")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|hint| hint.get("mapping")?.as_array())
            .flatten()
            .filter_map(|mapping| {
                let input = mapping.get("inputClaim")?.as_str()?;
                let output = mapping.get("outputClaim")?.as_str()?;
                Some((
                    input.strip_prefix("$.").unwrap_or(input).to_string(),
                    output.to_string(),
                ))
            })
            .collect()
    }

    /// `validityInterval` of the rules in seconds (30 days when absent).
    pub(super) fn validity_secs(&self) -> i64 {
        self.rules
            .get("validityInterval")
            .and_then(Value::as_i64)
            .unwrap_or(2_592_000)
    }
}

/// How the photo claim's value was encoded. The reference (§6) says the value is
/// `UrlEncode(Base64Encode(JPEG))`, which could mean base64url or percent-encoded base64, while
/// the official samples send standard base64; the stand-in accepts all three and says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PhotoEncoding {
    Base64,
    Base64Url,
    PercentEncodedBase64,
    /// None of the above.
    Undecodable,
}

/// What the stand-in made of an issuance request's photo claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuedPhoto {
    /// The credential's claim name.
    pub claim: String,
    pub encoding: PhotoEncoding,
    /// Length of the claim value as sent.
    pub encoded_len: usize,
    /// Length of the decoded bytes (0 when undecodable).
    pub decoded_len: usize,
    /// The JPEG's size from its frame header; `None` when the bytes are not a JPEG.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Face Check's photo rule (reference §6, [FC]: "no smaller than 200 pixels x 200 pixels").
pub const MIN_PHOTO_SIDE: u32 = 200;

impl IssuedPhoto {
    /// Reads a photo claim value; the decoded bytes come back beside the summary.
    pub fn read(claim: &str, value: &str) -> (Self, Vec<u8>) {
        let (encoding, bytes) = decode_photo(value);
        let size = jpeg_size(&bytes);
        (
            IssuedPhoto {
                claim: claim.to_string(),
                encoding,
                encoded_len: value.len(),
                decoded_len: bytes.len(),
                width: size.map(|(w, _)| w),
                height: size.map(|(_, h)| h),
            },
            bytes,
        )
    }

    /// A JPEG Face Check can use at all.
    pub fn is_jpeg(&self) -> bool {
        self.width.is_some() && self.height.is_some()
    }

    /// At least [`MIN_PHOTO_SIDE`] on both sides.
    pub fn meets_size_rule(&self) -> bool {
        self.width.unwrap_or(0) >= MIN_PHOTO_SIDE && self.height.unwrap_or(0) >= MIN_PHOTO_SIDE
    }
}

/// Standard base64 first (what the samples send), then base64url, then percent-encoded base64.
fn decode_photo(value: &str) -> (PhotoEncoding, Vec<u8>) {
    let value = value.trim();
    for engine in [&STANDARD, &STANDARD_NO_PAD] {
        if let Ok(bytes) = engine.decode(value) {
            return (PhotoEncoding::Base64, bytes);
        }
    }
    for engine in [&URL_SAFE, &URL_SAFE_NO_PAD] {
        if let Ok(bytes) = engine.decode(value) {
            return (PhotoEncoding::Base64Url, bytes);
        }
    }
    if value.contains('%') {
        let unescaped = percent_decode(value);
        for engine in [&STANDARD, &STANDARD_NO_PAD] {
            if let Some(bytes) = unescaped.as_deref().and_then(|v| engine.decode(v).ok()) {
                return (PhotoEncoding::PercentEncodedBase64, bytes);
            }
        }
    }
    (PhotoEncoding::Undecodable, Vec::new())
}

fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Width and height from a JPEG's first frame header (SOFn), walking the marker segments.
pub fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        match marker {
            // Fill byte before a marker.
            0xFF => {
                i += 1;
                continue;
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD8 => {
                i += 2;
                continue;
            }
            // Image data or end before any frame header.
            0xD9 | 0xDA => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if length < 2 {
            return None;
        }
        let frame_header = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame_header {
            // Precision (1 byte), height (2), width (2).
            let segment = bytes.get(i + 4..i + 2 + length)?;
            if segment.len() < 5 {
                return None;
            }
            let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
            let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
            return (width > 0 && height > 0).then_some((width, height));
        }
        i += 2 + length;
    }
    None
}

/// A card in the wallet, as the control API lists it (claim values are not listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletCard {
    /// The issuance request that put it in the wallet.
    pub id: String,
    pub issuer: String,
    #[serde(rename = "type")]
    pub credential_type: String,
    pub claim_names: Vec<String>,
    pub photo: Option<IssuedPhoto>,
    /// Revoked by the issuer (`POST /control/credentials/{id}/revoke`).
    pub revoked: bool,
    /// Unix seconds.
    pub issued_at: i64,
    pub expires_at: i64,
}

/// A card and its claim values.
#[derive(Clone)]
pub(super) struct StoredCard {
    pub card: WalletCard,
    pub claims: Map<String, Value>,
}

/// One entry of a presentation request's `requestedCredentials`, validated.
#[derive(Debug, Clone)]
pub(super) struct AskedCredential {
    pub credential_type: String,
    /// Empty: any issuer.
    pub accepted_issuers: Vec<String>,
    pub constraints: Vec<Constraint>,
    pub allow_revoked: bool,
    /// `(sourcePhotoClaimName, matchConfidenceThreshold)`.
    pub face_check: Option<(String, u8)>,
}

/// A claim constraint (reference §3.1: exactly one operator, case-insensitive, no regexes).
#[derive(Debug, Clone)]
pub(super) enum Constraint {
    Values { claim: String, values: Vec<String> },
    Contains { claim: String, text: String },
    StartsWith { claim: String, text: String },
}

impl Constraint {
    /// Whether `claims` meet it; a missing or non-string claim does not.
    pub fn holds(&self, claims: &Map<String, Value>) -> bool {
        let text = |claim: &str| claims.get(claim)?.as_str().map(str::to_lowercase);
        match self {
            Constraint::Values { claim, values } => {
                text(claim).is_some_and(|have| values.iter().any(|v| v.to_lowercase() == have))
            }
            Constraint::Contains { claim, text: want } => {
                text(claim).is_some_and(|have| have.contains(&want.to_lowercase()))
            }
            Constraint::StartsWith { claim, text: want } => {
                text(claim).is_some_and(|have| have.starts_with(&want.to_lowercase()))
            }
        }
    }
}

impl AskedCredential {
    /// Whether the wallet would offer `card` for this entry (type and issuer).
    pub fn offers(&self, card: &WalletCard) -> bool {
        card.credential_type == self.credential_type
            && (self.accepted_issuers.is_empty() || self.accepted_issuers.contains(&card.issuer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_encodings_are_told_apart() {
        // 0xFB 0xFF makes "+/" in base64 and "-_" in base64url.
        let bytes = [0xFF, 0xD8, 0xFB, 0xFF, 0x00];
        let standard = STANDARD.encode(bytes);
        assert!(standard.contains('+') || standard.contains('/'));
        assert_eq!(
            decode_photo(&standard),
            (PhotoEncoding::Base64, bytes.to_vec())
        );
        let url = URL_SAFE_NO_PAD.encode(bytes);
        assert_eq!(
            decode_photo(&url),
            (PhotoEncoding::Base64Url, bytes.to_vec())
        );
        let percent = standard
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D");
        assert_eq!(
            decode_photo(&percent),
            (PhotoEncoding::PercentEncodedBase64, bytes.to_vec())
        );
        assert_eq!(decode_photo("not base64!").0, PhotoEncoding::Undecodable);
    }

    #[test]
    fn jpeg_size_reads_the_frame_header() {
        // SOI, APP0 (length 4), SOF0 (length 11: precision 8, height 0x0140, width 0x00F0).
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01,
            0x40, 0x00, 0xF0, 0x01, 0x01, 0x11, 0x00,
        ];
        assert_eq!(jpeg_size(&jpeg), Some((240, 320)));
        assert_eq!(jpeg_size(&jpeg[..12]), None);
        assert_eq!(jpeg_size(b"\x89PNG"), None);
        assert_eq!(jpeg_size(&[]), None);
    }
}
