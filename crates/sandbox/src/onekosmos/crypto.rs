//! The stand-in's own envelope implementation (reference §2), written independently of the
//! `onekosmos` client crate and checked against the published vectors in
//! `tests/onekosmos_stand_in.rs`.

use aes_gcm::aead::consts::U16;
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::aes::Aes256;
use aes_gcm::AesGcm;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use k256::elliptic_curve::sec1::ToEncodedPoint;

type Gcm16 = AesGcm<Aes256, U16>;

/// A fresh secp256k1 key.
pub fn generate_key() -> k256::SecretKey {
    loop {
        if let Ok(key) = k256::SecretKey::from_slice(&super::random_32()) {
            return key;
        }
    }
}

/// base64 of the 64-byte X‖Y point (no 0x04).
pub fn public_key_b64(key: &k256::PublicKey) -> String {
    STANDARD.encode(&key.to_encoded_point(false).as_bytes()[1..])
}

/// Parses base64 of a 64-byte point (or 65 with 0x04).
pub fn parse_public_key(b64: &str) -> Option<k256::PublicKey> {
    let raw = STANDARD.decode(b64.trim()).ok()?;
    let sec1 = match raw.len() {
        64 => [&[4u8][..], &raw].concat(),
        65 => raw,
        _ => return None,
    };
    k256::PublicKey::from_sec1_bytes(&sec1).ok()
}

/// Parses base64 of a big-endian scalar of 31–33 bytes.
pub fn parse_private_key(b64: &str) -> Option<k256::SecretKey> {
    let raw = STANDARD.decode(b64.trim()).ok()?;
    let raw = match raw.len() {
        33 if raw[0] == 0 => raw[1..].to_vec(),
        1..=32 => [vec![0u8; 32 - raw.len()], raw].concat(),
        _ => return None,
    };
    k256::SecretKey::from_slice(&raw).ok()
}

/// The raw ECDH X coordinate.
pub fn shared_key(own: &k256::SecretKey, peer: &k256::PublicKey) -> [u8; 32] {
    let secret = k256::ecdh::diffie_hellman(own.to_nonzero_scalar(), peer.as_affine());
    let mut out = [0u8; 32];
    out.copy_from_slice(secret.raw_secret_bytes().as_slice());
    out
}

/// `base64(IV ‖ ciphertext ‖ tag)` with the given 16-byte IV.
pub fn encrypt_with_iv(key: &[u8; 32], iv: &[u8; 16], plaintext: &[u8]) -> String {
    let sealed = Gcm16::new(GenericArray::from_slice(key))
        .encrypt(GenericArray::from_slice(iv), plaintext)
        .expect("in-memory AES-GCM cannot fail");
    STANDARD.encode([&iv[..], &sealed].concat())
}

/// Like [`encrypt_with_iv`] with a random IV.
pub fn encrypt(key: &[u8; 32], plaintext: &[u8]) -> String {
    let mut iv = [0u8; 16];
    iv.copy_from_slice(&super::random_32()[..16]);
    encrypt_with_iv(key, &iv, plaintext)
}

/// Decrypts `base64(IV ‖ ciphertext ‖ tag)`; `None` if it does not authenticate.
pub fn decrypt(key: &[u8; 32], b64: &str) -> Option<Vec<u8>> {
    let wire = STANDARD.decode(b64.trim()).ok()?;
    if wire.len() < 32 {
        return None;
    }
    let (iv, sealed) = wire.split_at(16);
    Gcm16::new(GenericArray::from_slice(key))
        .decrypt(GenericArray::from_slice(iv), sealed)
        .ok()
}
