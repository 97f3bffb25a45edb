//! The 1Kosmos payload envelope ("ECDSA" in 1Kosmos parlance): ECDH on secp256k1 whose raw
//! 32-byte X coordinate is used directly as an AES-256-GCM key, a 16-byte nonce, no AAD, and the
//! wire form `base64(IV[16] ‖ ciphertext ‖ tag[16])` (reference §2).
//!
//! Public keys travel as base64 of the 64-byte point X‖Y (no `0x04` prefix); private keys as
//! base64 of the big-endian scalar, which some helpers emit as 31 or 33 bytes.

use aes_gcm::aead::consts::U16;
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::aes::Aes256;
use aes_gcm::AesGcm;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use zeroize::{Zeroize, Zeroizing};

/// AES-256-GCM with the 16-byte nonce every 1Kosmos helper uses.
type Aes256Gcm16 = AesGcm<Aes256, U16>;

/// Bytes of the IV that prefixes every ciphertext.
pub const IV_LEN: usize = 16;
/// Bytes of the GCM tag that ends every ciphertext.
pub const TAG_LEN: usize = 16;

/// What can go wrong with keys and envelopes. Carries no key material and no plaintext.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the public key is not base64 of a 64-byte secp256k1 point")]
    PublicKey,
    #[error("the private key is not base64 of a secp256k1 scalar")]
    PrivateKey,
    #[error("the ciphertext is not base64")]
    Base64,
    #[error("the ciphertext is shorter than its IV and tag")]
    TooShort,
    #[error("the ciphertext does not authenticate under this key (wrong key or tampered)")]
    Authentication,
    #[error("the operating system's random source failed")]
    Random,
}

/// A secp256k1 public key in 1Kosmos wire form.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(k256::PublicKey);

impl PublicKey {
    /// Parses base64 of the 64-byte X‖Y point. A 65-byte SEC1 form with its `0x04` prefix is
    /// accepted too; nothing else is.
    pub fn from_base64(b64: &str) -> Result<Self, EnvelopeError> {
        let raw = STANDARD
            .decode(b64.trim())
            .map_err(|_| EnvelopeError::PublicKey)?;
        let sec1 = match raw.len() {
            64 => {
                let mut sec1 = Vec::with_capacity(65);
                sec1.push(0x04);
                sec1.extend_from_slice(&raw);
                sec1
            }
            65 if raw[0] == 0x04 => raw,
            _ => return Err(EnvelopeError::PublicKey),
        };
        k256::PublicKey::from_sec1_bytes(&sec1)
            .map(Self)
            .map_err(|_| EnvelopeError::PublicKey)
    }

    /// base64 of the 64-byte X‖Y point, as the `publickey` header and `publicKey` fields carry it.
    pub fn to_base64(&self) -> String {
        use k256::elliptic_curve::sec1::ToEncodedPoint;
        let point = self.0.to_encoded_point(false);
        STANDARD.encode(&point.as_bytes()[1..])
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PublicKey").field(&self.to_base64()).finish()
    }
}

/// A secp256k1 private key. Its `Debug` prints nothing of the key.
#[derive(Clone)]
pub struct PrivateKey(k256::SecretKey);

impl PrivateKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, EnvelopeError> {
        loop {
            let mut bytes = Zeroizing::new([0u8; 32]);
            getrandom::fill(bytes.as_mut()).map_err(|_| EnvelopeError::Random)?;
            // Out-of-range scalars (zero, ≥ n) are astronomically rare; draw again.
            if let Ok(key) = k256::SecretKey::from_slice(bytes.as_ref()) {
                return Ok(Self(key));
            }
        }
    }

    /// Parses base64 of the big-endian scalar, normalising Java's `BigInteger.toByteArray()`
    /// forms: a leading 0x00 is stripped, short values are left-padded to 32 bytes.
    pub fn from_base64(b64: &str) -> Result<Self, EnvelopeError> {
        let raw = Zeroizing::new(
            STANDARD
                .decode(b64.trim())
                .map_err(|_| EnvelopeError::PrivateKey)?,
        );
        let mut bytes = Zeroizing::new([0u8; 32]);
        match raw.len() {
            0 => return Err(EnvelopeError::PrivateKey),
            33 if raw[0] == 0 => bytes.copy_from_slice(&raw[1..]),
            len @ 1..=32 => bytes[32 - len..].copy_from_slice(&raw),
            _ => return Err(EnvelopeError::PrivateKey),
        }
        k256::SecretKey::from_slice(bytes.as_ref())
            .map(Self)
            .map_err(|_| EnvelopeError::PrivateKey)
    }

    /// base64 of the 32-byte big-endian scalar.
    pub fn to_base64(&self) -> Zeroizing<String> {
        let bytes = Zeroizing::new(self.0.to_bytes());
        Zeroizing::new(STANDARD.encode(bytes.as_slice()))
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }

    /// The shared AES key with `peer`: the raw X coordinate of ECDH, no KDF.
    pub fn shared_key(&self, peer: &PublicKey) -> SharedKey {
        let shared = k256::ecdh::diffie_hellman(self.0.to_nonzero_scalar(), peer.0.as_affine());
        let mut key = [0u8; 32];
        key.copy_from_slice(shared.raw_secret_bytes().as_slice());
        SharedKey(key)
    }
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey([REDACTED])")
    }
}

/// The 32-byte AES-256 key two parties share. Zeroized on drop; `Debug` prints nothing of it.
#[derive(Clone)]
pub struct SharedKey([u8; 32]);

impl SharedKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Encrypts with a fresh random 16-byte IV: `base64(IV ‖ ciphertext ‖ tag)`.
    pub fn encrypt(&self, plaintext: &[u8]) -> Result<String, EnvelopeError> {
        let mut iv = [0u8; IV_LEN];
        getrandom::fill(&mut iv).map_err(|_| EnvelopeError::Random)?;
        Ok(self.encrypt_with_iv(&iv, plaintext))
    }

    /// Encrypts with the given IV (known-answer tests; never reuse an IV under one key).
    pub fn encrypt_with_iv(&self, iv: &[u8; IV_LEN], plaintext: &[u8]) -> String {
        let cipher = Aes256Gcm16::new(GenericArray::from_slice(&self.0));
        let sealed = cipher
            .encrypt(GenericArray::from_slice(iv), plaintext)
            .expect("AES-GCM encryption of an in-memory buffer cannot fail");
        let mut wire = Vec::with_capacity(IV_LEN + sealed.len());
        wire.extend_from_slice(iv);
        wire.extend_from_slice(&sealed);
        STANDARD.encode(wire)
    }

    /// Decrypts `base64(IV ‖ ciphertext ‖ tag)`. The IV is opaque bytes: random or ASCII hex,
    /// it is never inspected.
    pub fn decrypt(&self, b64: &str) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
        let wire = STANDARD
            .decode(b64.trim())
            .map_err(|_| EnvelopeError::Base64)?;
        if wire.len() < IV_LEN + TAG_LEN {
            return Err(EnvelopeError::TooShort);
        }
        let (iv, sealed) = wire.split_at(IV_LEN);
        let cipher = Aes256Gcm16::new(GenericArray::from_slice(&self.0));
        cipher
            .decrypt(GenericArray::from_slice(iv), sealed)
            .map(Zeroizing::new)
            .map_err(|_| EnvelopeError::Authentication)
    }
}

impl Drop for SharedKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for SharedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedKey([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference §2.6: public sample keys from the 1Kosmos Postman collection (not secrets).
    const CLIENT_PRIVATE: &str = "cGB/g7jd/jw1v4z8FDfoeppYQ6y1IJAYzPPkzKkCc4w=";
    const CLIENT_PUBLIC: &str =
        "os9skQhJpyJIz7g5xgopwlN3N7eqMR9XMupvIIZf+CkB0V5ADDDdQ0wfA8KqH98NuFch4cIm6qwfuLGwoPCk+A==";
    const DOCUVERIFY_PUBLIC: &str =
        "4tW63RBUPYX7Vo0pUUCbgacZd1kCbq18mbSKJskOFGqmegPjRqIZg5Z+3JJNQCDWCo0CMDI/RDke+cKyWKx2nw==";
    const SHARED: &str = "M9glxuzVpQEtfNLIjhMcAeLWno4yx9OxBoTibdLHY2U=";
    const POLL_CIPHERTEXT: &str = "vlTj05byMjznI/UuAcQt8um1mlHPh4cvSabjsKOyPuYYaXimOUCHMSPKy6T/5rcsHu5CN7AmHbAseP2MA96I+1YOt0iSeFi/qneFAFJBy2i3XpefqkyO+M/bj0tusgHi48y59W7DiRs37d4=";
    const POLL_PLAINTEXT: &str =
        r#"{"responseStatus":"INPROGRESS","id":"4f7daced-f8d8-4309-961a-c80f8e8d5829"}"#;

    // Second vector: adminconsole-style ASCII-hex IV ("2a635a62e4d23432"), IAL "No DID value"
    // sample of the published IAL collection.
    const IAL_PRIVATE: &str = "GhgpEmo301rp6cVgofPo9MKspzyyhtwxOb9ewY44atE=";
    const COMMUNITY_PUBLIC: &str =
        "dkW7xYymDr4Rh4wEGazMdtiDzaGQtzgfby7F/z1eJchUjebTmYxkKcW7cHAg12zFWYEeJF9erjwoKw0BOHqtYw==";
    const IAL_CIPHERTEXT: &str = "MmE2MzVhNjJlNGQyMzQzMrODkyiatZgbfMl3dDOyaosXLRLeSMyiFyDwpOYVEWMxsb1pFcYJBWj33dzzK8z95DDr+Vbum7Bq8ctfObpyGadBcK+aPfS2YNKxpeAkIhu9AktSGIUHA2KM5wPZB+aDisFQ+vhB2YtOdjrc3R+wshZZzOAgWD5amhHkb7/5mAhUO9dMJ7QTJVaGh1U1y7KQ";
    const IAL_PLAINTEXT: &str = r#"{"user":{"authModuleId":"6087371a80abe60013fb30b5","uid":"30620813-265f-4386-be49-26aa3af330f7","username":"sheetal"},"did":{}}"#;

    fn b64(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }

    #[test]
    fn sample_private_key_derives_the_published_public_key() {
        let private = PrivateKey::from_base64(CLIENT_PRIVATE).unwrap();
        assert_eq!(private.public_key().to_base64(), CLIENT_PUBLIC);
        assert_eq!(private.to_base64().as_str(), CLIENT_PRIVATE);
    }

    #[test]
    fn shared_key_is_the_raw_ecdh_x_coordinate() {
        let private = PrivateKey::from_base64(CLIENT_PRIVATE).unwrap();
        let peer = PublicKey::from_base64(DOCUVERIFY_PUBLIC).unwrap();
        assert_eq!(b64(private.shared_key(&peer).as_bytes()), SHARED);
    }

    #[test]
    fn random_iv_vector_decrypts_byte_for_byte() {
        let private = PrivateKey::from_base64(CLIENT_PRIVATE).unwrap();
        let key = private.shared_key(&PublicKey::from_base64(DOCUVERIFY_PUBLIC).unwrap());
        let plain = key.decrypt(POLL_CIPHERTEXT).unwrap();
        assert_eq!(plain.as_slice(), POLL_PLAINTEXT.as_bytes());
        // And encryption with the published IV reproduces the published ciphertext exactly.
        let wire = STANDARD.decode(POLL_CIPHERTEXT).unwrap();
        let iv: [u8; 16] = wire[..16].try_into().unwrap();
        assert_eq!(
            hex(&iv),
            "be54e3d396f2323ce723f52e01c42df2",
            "the IV the reference names"
        );
        assert_eq!(
            key.encrypt_with_iv(&iv, POLL_PLAINTEXT.as_bytes()),
            POLL_CIPHERTEXT
        );
    }

    #[test]
    fn ascii_hex_iv_vector_decrypts_byte_for_byte() {
        let private = PrivateKey::from_base64(IAL_PRIVATE).unwrap();
        let key = private.shared_key(&PublicKey::from_base64(COMMUNITY_PUBLIC).unwrap());
        let plain = key.decrypt(IAL_CIPHERTEXT).unwrap();
        assert_eq!(plain.as_slice(), IAL_PLAINTEXT.as_bytes());
        let wire = STANDARD.decode(IAL_CIPHERTEXT).unwrap();
        let iv: [u8; 16] = wire[..16].try_into().unwrap();
        assert_eq!(&iv, b"2a635a62e4d23432");
        assert_eq!(
            key.encrypt_with_iv(&iv, IAL_PLAINTEXT.as_bytes()),
            IAL_CIPHERTEXT
        );
    }

    #[test]
    fn ecdh_is_symmetric_and_round_trips() {
        let a = PrivateKey::generate().unwrap();
        let b = PrivateKey::generate().unwrap();
        let ka = a.shared_key(&b.public_key());
        let kb = b.shared_key(&a.public_key());
        assert_eq!(ka.as_bytes(), kb.as_bytes());
        let wire = ka.encrypt(b"{\"hello\":1}").unwrap();
        assert_eq!(kb.decrypt(&wire).unwrap().as_slice(), b"{\"hello\":1}");
        // Fresh IVs: the same plaintext never encrypts to the same wire text.
        assert_ne!(wire, ka.encrypt(b"{\"hello\":1}").unwrap());
    }

    #[test]
    fn tampering_anywhere_is_detected() {
        let key = SharedKey::from_bytes([7u8; 32]);
        let wire = STANDARD
            .decode(key.encrypt(b"secret payload").unwrap())
            .unwrap();
        for index in [0, 15, 16, wire.len() - 17, wire.len() - 1] {
            let mut bad = wire.clone();
            bad[index] ^= 0x01;
            assert_eq!(
                key.decrypt(&STANDARD.encode(&bad)).unwrap_err(),
                EnvelopeError::Authentication,
                "flipping byte {index}"
            );
        }
        let other = SharedKey::from_bytes([8u8; 32]);
        assert_eq!(
            other.decrypt(&STANDARD.encode(&wire)).unwrap_err(),
            EnvelopeError::Authentication
        );
        assert_eq!(key.decrypt("AAAA").unwrap_err(), EnvelopeError::TooShort);
        assert_eq!(
            key.decrypt("not base64!").unwrap_err(),
            EnvelopeError::Base64
        );
    }

    #[test]
    fn private_keys_of_31_to_33_bytes_are_normalised() {
        let key = PrivateKey::from_base64(CLIENT_PRIVATE).unwrap();
        let raw = STANDARD.decode(CLIENT_PRIVATE).unwrap();
        let mut java = vec![0u8];
        java.extend_from_slice(&raw);
        let java = PrivateKey::from_base64(&b64(&java)).unwrap();
        assert_eq!(java.public_key(), key.public_key());

        // A scalar whose top byte is zero, emitted as 31 bytes.
        let mut short = [0u8; 32];
        short[1..].copy_from_slice(&[0x42; 31]);
        let full = PrivateKey::from_base64(&b64(&short)).unwrap();
        let trimmed = PrivateKey::from_base64(&b64(&short[1..])).unwrap();
        assert_eq!(full.public_key(), trimmed.public_key());

        assert!(PrivateKey::from_base64(&b64(&[1u8; 34])).is_err());
        let mut bad33 = vec![1u8];
        bad33.extend_from_slice(&raw);
        assert!(PrivateKey::from_base64(&b64(&bad33)).is_err());
        assert!(PrivateKey::from_base64("").is_err());
    }

    #[test]
    fn public_keys_are_64_bytes_without_prefix() {
        let key = PublicKey::from_base64(CLIENT_PUBLIC).unwrap();
        assert_eq!(STANDARD.decode(key.to_base64()).unwrap().len(), 64);
        let mut prefixed = vec![4u8];
        prefixed.extend_from_slice(&STANDARD.decode(CLIENT_PUBLIC).unwrap());
        assert_eq!(PublicKey::from_base64(&b64(&prefixed)).unwrap(), key);
        // 64 bytes that are not a curve point.
        assert!(PublicKey::from_base64(&b64(&[1u8; 64])).is_err());
        assert!(PublicKey::from_base64(&b64(&[1u8; 33])).is_err());
        assert!(PublicKey::from_base64("@@@").is_err());
    }

    #[test]
    fn debug_never_shows_key_material() {
        let private = PrivateKey::from_base64(CLIENT_PRIVATE).unwrap();
        let shared = private.shared_key(&PublicKey::from_base64(DOCUVERIFY_PUBLIC).unwrap());
        assert!(!format!("{private:?}").contains("cGB"));
        assert!(!format!("{shared:?}").contains("M9gl"));
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
