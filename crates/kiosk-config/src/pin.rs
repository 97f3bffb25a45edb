use std::time::{Duration, Instant};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

/// Wrong PINs allowed before the first lockout.
pub const FREE_TRIES: u32 = 5;
const FIRST_LOCKOUT: Duration = Duration::from_secs(30);
const LONGEST_LOCKOUT: Duration = Duration::from_secs(60 * 60);

/// The cheapest Argon2id costs accepted in a configured hash: OWASP's minimum for Argon2id
/// (19 MiB of memory, 2 passes, 1 lane), which is also what [`hash_pin`] uses. A 6-digit PIN
/// hashed more cheaply is too quick to guess from a copied configuration file.
pub const MIN_M_COST_KIB: u32 = 19 * 1024;
pub const MIN_T_COST: u32 = 2;
pub const MIN_P_COST: u32 = 1;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PinError {
    #[error("the admin PIN must be 6 to 12 digits")]
    Shape,
    #[error("the admin PIN hash in the configuration is not a valid Argon2id hash")]
    BadHash,
    #[error(
        "the admin PIN hash's Argon2id costs m={m_cost},t={t_cost},p={p_cost} are below the \
         minimum m=19456,t=2,p=1"
    )]
    WeakHash {
        m_cost: u32,
        t_cost: u32,
        p_cost: u32,
    },
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

/// The lockout in a form that outlives the process, for [`crate::LockoutFile`]: an `Instant`
/// means nothing after a restart, so the end of the lockout is in wall-clock (Unix) seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockoutRecord {
    /// Wrong PINs since the last right one.
    pub failures: u32,
    /// Unix seconds until which no PIN may be tried; 0 (or any past time) when not locked out.
    pub locked_until_unix: u64,
}

impl LockoutRecord {
    /// What a record that cannot be read stands for: locked out for the first lockout period,
    /// as after [`FREE_TRIES`] wrong PINs, never "no wrong PINs".
    pub fn fail_closed(now_unix: u64) -> Self {
        Self {
            failures: FREE_TRIES,
            locked_until_unix: now_unix.saturating_add(FIRST_LOCKOUT.as_secs()),
        }
    }
}

/// How long the wrong PIN number `failures` locks the screen, if it does.
fn lockout_after(failures: u32) -> Option<Duration> {
    let doublings = failures.checked_sub(FREE_TRIES)?.min(16);
    Some((FIRST_LOCKOUT * 2u32.pow(doublings)).min(LONGEST_LOCKOUT))
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

    /// Rebuilds the lockout from a saved record; `now` and `now_unix` are the same moment on
    /// the monotonic and the wall clock. The time left is never more than the recorded failures
    /// justify (a clock set back or an edited file cannot shut the screen for good), and a
    /// lockout in the record is honoured even when its failure count is too low for one.
    pub fn restore(record: LockoutRecord, now: Instant, now_unix: u64) -> Self {
        let left = record.locked_until_unix.saturating_sub(now_unix);
        let longest = lockout_after(record.failures.max(FREE_TRIES)).unwrap_or(FIRST_LOCKOUT);
        let locked_until = (left > 0).then(|| now + Duration::from_secs(left).min(longest));
        Self {
            failures: record.failures,
            locked_until,
        }
    }

    /// The record to save; `now` and `now_unix` are the same moment on both clocks. The time
    /// left is rounded up to whole seconds.
    pub fn record(&self, now: Instant, now_unix: u64) -> LockoutRecord {
        let locked_until_unix = match self.locked(now) {
            Some(left) => {
                let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                now_unix.saturating_add(seconds)
            }
            None => 0,
        };
        LockoutRecord {
            failures: self.failures,
            locked_until_unix,
        }
    }

    fn record_failure(&mut self, now: Instant) -> PinCheck {
        self.failures = self.failures.saturating_add(1);
        match lockout_after(self.failures) {
            None => PinCheck::Rejected {
                tries_before_lockout: FREE_TRIES - self.failures,
            },
            Some(lockout) => {
                self.locked_until = Some(now + lockout);
                PinCheck::LockedOut { retry_in: lockout }
            }
        }
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
        // A cheap cost makes the PIN quick to guess from a copy of the file.
        if params.m_cost() < MIN_M_COST_KIB
            || params.t_cost() < MIN_T_COST
            || params.p_cost() < MIN_P_COST
        {
            return Err(PinError::WeakHash {
                m_cost: params.m_cost(),
                t_cost: params.t_cost(),
                p_cost: params.p_cost(),
            });
        }
        Ok(Self {
            hash: hash.to_string(),
            lockout: PinLockout::default(),
        })
    }

    /// Carries on from a lockout restored with [`PinLockout::restore`] (after a restart).
    pub fn restore_lockout(&mut self, lockout: PinLockout) {
        self.lockout = lockout;
    }

    /// The wrong PINs counted and the lockout, for [`PinLockout::record`].
    pub fn lockout(&self) -> &PinLockout {
        &self.lockout
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

    #[test]
    fn a_hash_cheaper_than_the_owasp_minimum_is_refused() {
        let good = hash_pin("135790").unwrap();
        assert!(good.contains("$m=19456,t=2,p=1$"), "{good}");
        assert!(
            AdminPin::from_hash(&good).is_ok(),
            "the minimum itself is fine"
        );
        for (from, to, costs) in [
            ("m=19456,", "m=19455,", (19455, 2, 1)),
            ("m=19456,", "m=4096,", (4096, 2, 1)),
            (",t=2,", ",t=1,", (19456, 1, 1)),
        ] {
            let cheap = good.replace(from, to);
            assert_ne!(cheap, good);
            assert_eq!(
                AdminPin::from_hash(&cheap).err(),
                Some(PinError::WeakHash {
                    m_cost: costs.0,
                    t_cost: costs.1,
                    p_cost: costs.2
                }),
                "{cheap}"
            );
        }
        let stronger = good.replace("m=19456,t=2,", "m=65536,t=3,");
        assert!(AdminPin::from_hash(&stronger).is_ok());
    }

    fn locked_out_pin(start: Instant) -> AdminPin {
        let mut pin = AdminPin::from_hash(&hash_pin("135790").unwrap()).unwrap();
        for _ in 0..FREE_TRIES {
            pin.check("111111", start);
        }
        pin
    }

    #[test]
    fn a_lockout_record_carries_the_lockout_across_clocks() {
        let start = Instant::now();
        let unix = 1_700_000_000;
        let pin = locked_out_pin(start);
        let record = pin.lockout().record(start, unix);
        assert_eq!(
            record,
            LockoutRecord {
                failures: 5,
                locked_until_unix: unix + 30
            }
        );

        // A new process: another monotonic clock, ten seconds later on the wall clock.
        let restart = Instant::now() + Duration::from_secs(1000);
        let mut again = AdminPin::from_hash(&hash_pin("135790").unwrap()).unwrap();
        again.restore_lockout(PinLockout::restore(record, restart, unix + 10));
        assert_eq!(again.locked_out_for(restart), Some(Duration::from_secs(20)));
        assert!(matches!(
            again.check("135790", restart),
            PinCheck::LockedOut { .. }
        ));
        // The count goes on: the next wrong PIN doubles the lockout.
        let after = restart + Duration::from_secs(21);
        assert_eq!(
            again.check("111111", after),
            PinCheck::LockedOut {
                retry_in: Duration::from_secs(60)
            }
        );
        assert_eq!(
            again.check("135790", after + Duration::from_secs(61)),
            PinCheck::Accepted
        );
        assert_eq!(
            again.lockout().record(after, unix + 100),
            LockoutRecord::default()
        );
    }

    #[test]
    fn a_restored_lockout_is_never_longer_than_its_failures_justify() {
        let now = Instant::now();
        let unix = 1_700_000_000;
        // A clock set back, or an edited file: a year of lockout for five failures.
        let far = PinLockout::restore(
            LockoutRecord {
                failures: 5,
                locked_until_unix: unix + 365 * 24 * 3600,
            },
            now,
            unix,
        );
        assert_eq!(far.locked(now), Some(FIRST_LOCKOUT));
        let many = PinLockout::restore(
            LockoutRecord {
                failures: u32::MAX,
                locked_until_unix: u64::MAX,
            },
            now,
            unix,
        );
        assert_eq!(many.locked(now), Some(LONGEST_LOCKOUT));
        // A lockout whose failure count is too low for one is still honoured, briefly.
        let odd = PinLockout::restore(
            LockoutRecord {
                failures: 0,
                locked_until_unix: unix + 600,
            },
            now,
            unix,
        );
        assert_eq!(odd.locked(now), Some(FIRST_LOCKOUT));
        let past = PinLockout::restore(
            LockoutRecord {
                failures: 7,
                locked_until_unix: unix - 1,
            },
            now,
            unix,
        );
        assert_eq!(past.locked(now), None);
        assert_eq!(past.record(now, unix).failures, 7);
        let closed = PinLockout::restore(LockoutRecord::fail_closed(unix), now, unix);
        assert_eq!(closed.locked(now), Some(FIRST_LOCKOUT));
    }
}
