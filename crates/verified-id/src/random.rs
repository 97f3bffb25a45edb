//! Random values from the operating system's CSPRNG: callback state, api-keys, PINs, salts.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use secrecy::SecretString;

fn bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).expect("the operating system's random source is available");
    out
}

/// A version-4 UUID string (the samples use GUIDs for `callback.state`).
pub(crate) fn uuid_v4() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// 256 random bits, base64url: a per-request callback api-key.
pub(crate) fn api_key() -> SecretString {
    SecretString::from(URL_SAFE_NO_PAD.encode(bytes::<32>()))
}

/// `length` uniformly random decimal digits (rejection sampling, no modulo bias).
pub(crate) fn pin(length: u8) -> String {
    let mut out = String::with_capacity(length as usize);
    while out.len() < length as usize {
        for byte in bytes::<32>() {
            if byte < 250 && out.len() < length as usize {
                out.push(char::from(b'0' + byte % 10));
            }
        }
    }
    out
}

/// A number in [0, 1] for backoff jitter.
pub(crate) fn unit_interval() -> f64 {
    f64::from(u32::from_le_bytes(bytes::<4>())) / f64::from(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn pins_have_the_asked_length_and_only_digits() {
        for length in [4u8, 6, 16] {
            let pin = pin(length);
            assert_eq!(pin.len(), length as usize);
            assert!(pin.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn states_and_keys_differ_each_time() {
        assert_ne!(uuid_v4(), uuid_v4());
        assert_eq!(uuid_v4().len(), 36);
        assert_ne!(api_key().expose_secret(), api_key().expose_secret());
        assert_eq!(api_key().expose_secret().len(), 43);
    }
}
