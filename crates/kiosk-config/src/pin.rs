use std::time::{Duration, Instant};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// Wrong PINs allowed before the first lockout.
pub const FREE_TRIES: u32 = 5;
const FIRST_LOCKOUT: Duration = Duration::from_secs(30);
const LONGEST_LOCKOUT: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PinError {
    #[error("the admin PIN must be 6 to 12 digits")]
    Shape,
    #[error("the admin PIN hash in the configuration is not a valid Argon2id hash")]
    BadHash,
    #[error("the admin PIN could not be hashed: {0}")]
    Hashing(String),
}

/// Hashes a new admin PIN as an Argon2id PHC string for the configuration file.
pub fn hash_pin(pin: &str) -> Result<String, PinError> {
    if !(6..=12).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinError::Shape);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PinError::Hashing(e.to_string()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinCheck {
    Accepted,
    Rejected { tries_before_lockout: u32 },
    LockedOut { retry_in: Duration },
}

/// Counts wrong PINs: after [`FREE_TRIES`] each further wrong PIN locks the screen for twice
/// as long as the last time (30 s, 1 min, 2 min, … up to an hour). No clock reads inside.
#[derive(Debug, Default, Clone)]
pub struct PinLockout {
    failures: u32,
    locked_until: Option<Instant>,
}

impl PinLockout {
    pub fn locked(&self, now: Instant) -> Option<Duration> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }

    fn record_failure(&mut self, now: Instant) -> PinCheck {
        self.failures += 1;
        if self.failures < FREE_TRIES {
            return PinCheck::Rejected {
                tries_before_lockout: FREE_TRIES - self.failures,
            };
        }
        let doublings = (self.failures - FREE_TRIES).min(16);
        let lockout = (FIRST_LOCKOUT * 2u32.pow(doublings)).min(LONGEST_LOCKOUT);
        self.locked_until = Some(now + lockout);
        PinCheck::LockedOut { retry_in: lockout }
    }

    fn record_success(&mut self) {
        self.failures = 0;
        self.locked_until = None;
    }
}

/// The configured admin PIN and its lockout state.
pub struct AdminPin {
    hash: String,
    lockout: PinLockout,
}

impl AdminPin {
    pub fn from_hash(hash: &str) -> Result<Self, PinError> {
        let parsed = PasswordHash::new(hash).map_err(|_| PinError::BadHash)?;
        // A hash without salt or output would never match any PIN: the screen would be shut.
        if parsed.salt.is_none() || parsed.hash.is_none() {
            return Err(PinError::BadHash);
        }
        // A hand-edited cost could make every unlock take minutes or exhaust memory.
        let params = argon2::Params::try_from(&parsed).map_err(|_| PinError::BadHash)?;
        if params.m_cost() > 256 * 1024 || params.t_cost() > 16 || params.p_cost() > 8 {
            return Err(PinError::BadHash);
        }
        if !hash.starts_with("$argon2id$") {
            return Err(PinError::BadHash);
        }
        Ok(Self {
            hash: hash.to_string(),
            lockout: PinLockout::default(),
        })
    }

    /// How long until another PIN may be tried, while locked out.
    pub fn locked_out_for(&self, now: Instant) -> Option<Duration> {
        self.lockout.locked(now)
    }

    pub fn check(&mut self, pin: &str, now: Instant) -> PinCheck {
        if let Some(retry_in) = self.lockout.locked(now) {
            return PinCheck::LockedOut { retry_in };
        }
        let matches = PasswordHash::new(&self.hash)
            .map(|hash| {
                Argon2::default()
                    .verify_password(pin.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false);
        if matches {
            self.lockout.record_success();
            PinCheck::Accepted
        } else {
            self.lockout.record_failure(now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_pin_is_accepted_and_others_are_not() {
        let hash = hash_pin("246810").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("246810"));
        let mut pin = AdminPin::from_hash(&hash).unwrap();
        let now = Instant::now();
        assert_eq!(pin.check("246810", now), PinCheck::Accepted);
        assert_eq!(
            pin.check("000000", now),
            PinCheck::Rejected {
                tries_before_lockout: 4
            }
        );
    }

    #[test]
    fn pins_must_be_six_to_twelve_digits() {
        for bad in ["12345", "1234567890123", "12345a", ""] {
            assert_eq!(hash_pin(bad), Err(PinError::Shape), "{bad:?}");
        }
    }

    #[test]
    fn the_lockout_grows_after_five_wrong_tries_and_blocks_even_the_right_pin() {
        let mut pin = AdminPin::from_hash(&hash_pin("135790").unwrap()).unwrap();
        let start = Instant::now();
        for _ in 0..4 {
            assert!(matches!(
                pin.check("111111", start),
                PinCheck::Rejected { .. }
            ));
        }
        assert_eq!(
            pin.check("111111", start),
            PinCheck::LockedOut {
                retry_in: Duration::from_secs(30)
            }
        );
        assert!(matches!(
            pin.check("135790", start),
            PinCheck::LockedOut { .. }
        ));
        let later = start + Duration::from_secs(31);
        assert_eq!(
            pin.check("111111", later),
            PinCheck::LockedOut {
                retry_in: Duration::from_secs(60)
            }
        );
        let much_later = later + Duration::from_secs(61);
        assert_eq!(pin.check("135790", much_later), PinCheck::Accepted);
    }

    #[test]
    fn a_plain_or_foreign_hash_is_refused() {
        assert_eq!(AdminPin::from_hash("123456").err(), Some(PinError::BadHash));
        assert_eq!(
            AdminPin::from_hash("$argon2id$garbage").err(),
            Some(PinError::BadHash)
        );
        let costly = hash_pin("135790").unwrap().replace("m=19456", "m=4000000");
        assert_eq!(AdminPin::from_hash(&costly).err(), Some(PinError::BadHash));
        let bcrypt = "$2b$12$KIXQJQ1Qy3Rz8cZs6c1b7uQ0b0s8e6y3n2f8G0x0p8nB3WlVq6a7e";
        assert_eq!(AdminPin::from_hash(bcrypt).err(), Some(PinError::BadHash));
    }
}
