//! The admin PIN gate: first-run PIN choice, unlocking with the growing lockout, and locking
//! again after a few quiet minutes so that an admin screen left open does not stay open.
//! Sans-I/O: the caller passes the time, and saves and restores the lockout
//! ([`AdminGate::lockout_record`], [`AdminGate::with_lockout`]) so that it survives a restart.

use std::time::{Duration, Instant};

use enrollment::language::Phrase;
pub use kiosk_config::LockoutRecord;
use kiosk_config::{hash_pin, AdminPin, PinCheck, PinError, PinLockout};

use crate::view::{AdminStatus, UnlockOutcome};

/// An unlocked admin screen locks itself after this long without an admin action.
pub const ADMIN_IDLE: Duration = Duration::from_secs(180);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GateError {
    #[error("the admin screen is locked: enter the admin PIN")]
    Locked,
    #[error("an admin PIN is already set: enter it to unlock")]
    PinAlreadySet,
    #[error("the two PINs differ: type the same PIN twice")]
    Mismatch,
    #[error("{0}")]
    Pin(#[from] PinError),
    #[error("the admin screen is shut ({})", .0.id)]
    Unavailable(Phrase),
}

enum Pin {
    /// First run: nobody has chosen a PIN.
    NotSet,
    /// A configuration is in use but holds no usable PIN hash: closed, never open to whoever
    /// comes first. The phrase says what to fix.
    Unavailable(Phrase),
    /// Chosen on this first run; written to the file with the rest of the settings.
    Chosen {
        pin: AdminPin,
        hash: String,
    },
    Configured(AdminPin),
}

pub struct AdminGate {
    pin: Pin,
    unlocked_until: Option<Instant>,
    /// A restored lockout while no PIN is there to carry it (first run, or shut): kept so that
    /// saving [`AdminGate::lockout_record`] does not wipe it.
    parked: PinLockout,
}

fn seconds(duration: Duration) -> u32 {
    duration.as_secs_f64().ceil().min(u32::MAX as f64) as u32
}

impl AdminGate {
    /// `pin_hash` from the configuration file, if one exists. Without a file this is a first
    /// run and the admin screen starts by choosing a PIN. With a file but no usable hash the
    /// screen stays shut (a kiosk deployed without a PIN must not open to the first passer-by).
    pub fn new(config_file: Option<Option<&str>>) -> Self {
        let pin = match config_file {
            None => Pin::NotSet,
            Some(Some(hash)) => match AdminPin::from_hash(hash) {
                Ok(pin) => Pin::Configured(pin),
                Err(PinError::WeakHash {
                    m_cost,
                    t_cost,
                    p_cost,
                }) => Pin::Unavailable(
                    // Technical parameters, written as they are (no digit grouping).
                    Phrase::new("admin-unavailable-pin-hash-weak")
                        .with("m", m_cost.to_string())
                        .with("t", t_cost.to_string())
                        .with("p", p_cost.to_string()),
                ),
                Err(_) => Pin::Unavailable(Phrase::new("admin-unavailable-pin-hash-unusable")),
            },
            Some(None) => Pin::Unavailable(Phrase::new("admin-unavailable-no-pin-hash")),
        };
        Self {
            pin,
            unlocked_until: None,
            parked: PinLockout::default(),
        }
    }

    /// A configuration file exists but could not be read: shut, with the reason.
    pub fn closed(reason: Phrase) -> Self {
        Self {
            pin: Pin::Unavailable(reason),
            unlocked_until: None,
            parked: PinLockout::default(),
        }
    }

    /// Carries on from the lockout saved before a restart (wrong PINs counted, time left).
    /// `now` and `now_unix` are the same moment on the monotonic clock and the wall clock (Unix
    /// seconds); an `Instant` does not survive a restart, so the record is in wall-clock time.
    pub fn with_lockout(mut self, record: LockoutRecord, now: Instant, now_unix: u64) -> Self {
        let lockout = PinLockout::restore(record, now, now_unix);
        match &mut self.pin {
            Pin::Configured(pin) | Pin::Chosen { pin, .. } => pin.restore_lockout(lockout),
            Pin::NotSet | Pin::Unavailable(_) => self.parked = lockout,
        }
        self
    }

    /// The lockout to save after each attempt, so that a restart does not reset it. `now` and
    /// `now_unix` as for [`AdminGate::with_lockout`].
    pub fn lockout_record(&self, now: Instant, now_unix: u64) -> LockoutRecord {
        match &self.pin {
            Pin::Configured(pin) | Pin::Chosen { pin, .. } => pin.lockout().record(now, now_unix),
            Pin::NotSet | Pin::Unavailable(_) => self.parked.record(now, now_unix),
        }
    }

    pub fn status(&self, now: Instant) -> AdminStatus {
        let locked_out = match &self.pin {
            Pin::Configured(pin) | Pin::Chosen { pin, .. } => pin.locked_out_for(now),
            Pin::NotSet | Pin::Unavailable(_) => None,
        };
        AdminStatus {
            pin_set: !matches!(self.pin, Pin::NotSet),
            unlocked: self.is_unlocked(now),
            locked_out_seconds: locked_out.map(seconds),
            unavailable: match &self.pin {
                Pin::Unavailable(reason) => Some(reason.clone()),
                _ => None,
            },
        }
    }

    fn is_unlocked(&self, now: Instant) -> bool {
        self.unlocked_until.is_some_and(|until| now < until)
    }

    /// First run only: sets the PIN (held until the settings are saved) and unlocks.
    pub fn choose_first_pin(
        &mut self,
        pin: &str,
        repeat: &str,
        now: Instant,
    ) -> Result<(), GateError> {
        match &self.pin {
            Pin::NotSet => {}
            Pin::Unavailable(reason) => return Err(GateError::Unavailable(reason.clone())),
            _ => return Err(GateError::PinAlreadySet),
        }
        if pin != repeat {
            return Err(GateError::Mismatch);
        }
        let hash = hash_pin(pin)?;
        let admin_pin = AdminPin::from_hash(&hash)?;
        self.pin = Pin::Chosen {
            pin: admin_pin,
            hash,
        };
        self.unlocked_until = Some(now + ADMIN_IDLE);
        Ok(())
    }

    pub fn unlock(&mut self, pin: &str, now: Instant) -> Result<UnlockOutcome, GateError> {
        let check = match &mut self.pin {
            Pin::Configured(admin) | Pin::Chosen { pin: admin, .. } => admin.check(pin, now),
            Pin::Unavailable(reason) => return Err(GateError::Unavailable(reason.clone())),
            // Nothing to check against: the first-run step must be used.
            Pin::NotSet => PinCheck::Rejected {
                tries_before_lockout: kiosk_config::FREE_TRIES,
            },
        };
        Ok(match check {
            PinCheck::Accepted => {
                self.unlocked_until = Some(now + ADMIN_IDLE);
                UnlockOutcome::Accepted
            }
            PinCheck::Rejected {
                tries_before_lockout,
            } => UnlockOutcome::Rejected {
                tries_before_lockout,
            },
            PinCheck::LockedOut { retry_in } => UnlockOutcome::LockedOut {
                retry_in_seconds: seconds(retry_in),
            },
        })
    }

    /// Whether the admin screen is open now (updates wait while it is).
    pub fn is_open(&self, now: Instant) -> bool {
        self.is_unlocked(now)
    }

    pub fn lock(&mut self) {
        self.unlocked_until = None;
    }

    /// Every admin action passes here: refused when locked, and it keeps the screen open.
    pub fn authorize(&mut self, now: Instant) -> Result<(), GateError> {
        if !self.is_unlocked(now) {
            self.unlocked_until = None;
            return Err(GateError::Locked);
        }
        self.unlocked_until = Some(now + ADMIN_IDLE);
        Ok(())
    }

    /// The PIN hash to write with the settings: the one chosen on this first run, if any.
    pub fn chosen_pin_hash(&self) -> Option<&str> {
        match &self.pin {
            Pin::Chosen { hash, .. } => Some(hash),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_chooses_a_pin_that_then_unlocks() {
        let now = Instant::now();
        let mut gate = AdminGate::new(None);
        assert!(!gate.status(now).pin_set);
        assert_eq!(gate.status(now).unavailable, None);
        assert_eq!(gate.authorize(now), Err(GateError::Locked));
        assert_eq!(
            gate.choose_first_pin("135790", "135791", now),
            Err(GateError::Mismatch)
        );
        assert_eq!(
            gate.choose_first_pin("1357", "1357", now),
            Err(GateError::Pin(PinError::Shape))
        );
        gate.choose_first_pin("135790", "135790", now).unwrap();
        assert!(gate.status(now).unlocked);
        let hash = gate.chosen_pin_hash().expect("held for saving").to_string();
        assert!(hash.starts_with("$argon2id$"));
        assert_eq!(
            gate.choose_first_pin("246802", "246802", now),
            Err(GateError::PinAlreadySet),
            "a chosen PIN cannot be replaced without it"
        );
        gate.lock();
        assert_eq!(gate.unlock("135790", now), Ok(UnlockOutcome::Accepted));

        let mut configured = AdminGate::new(Some(Some(&hash)));
        assert!(configured.status(now).pin_set);
        assert_eq!(configured.chosen_pin_hash(), None);
        assert_eq!(
            configured.choose_first_pin("000000", "000000", now),
            Err(GateError::PinAlreadySet)
        );
    }

    #[test]
    fn wrong_pins_lock_out_and_the_screen_locks_itself_when_left() {
        let start = Instant::now();
        let hash = hash_pin("24681357").unwrap();
        let mut gate = AdminGate::new(Some(Some(&hash)));
        for left in (1..=4).rev() {
            assert_eq!(
                gate.unlock("11111111", start),
                Ok(UnlockOutcome::Rejected {
                    tries_before_lockout: left
                })
            );
        }
        assert_eq!(
            gate.unlock("11111111", start),
            Ok(UnlockOutcome::LockedOut {
                retry_in_seconds: 30
            })
        );
        assert_eq!(gate.status(start).locked_out_seconds, Some(30));
        assert!(matches!(
            gate.unlock("24681357", start),
            Ok(UnlockOutcome::LockedOut { .. })
        ));
        let later = start + Duration::from_secs(31);
        assert_eq!(gate.unlock("24681357", later), Ok(UnlockOutcome::Accepted));
        assert_eq!(gate.authorize(later + ADMIN_IDLE / 2), Ok(()));
        // Each action keeps it open; silence closes it.
        let quiet = later + ADMIN_IDLE / 2 + ADMIN_IDLE + Duration::from_secs(1);
        assert_eq!(gate.authorize(quiet), Err(GateError::Locked));
        assert!(!gate.status(quiet).unlocked);
    }

    #[test]
    fn a_configuration_without_a_usable_pin_keeps_the_screen_shut() {
        let now = Instant::now();
        for hash in [None, Some("$argon2id$garbage")] {
            let mut gate = AdminGate::new(Some(hash));
            let status = gate.status(now);
            assert!(status.pin_set, "no first-run PIN step for {hash:?}");
            let reason = status.unavailable.clone().unwrap();
            assert!(reason.id.starts_with("admin-unavailable-"), "{status:?}");
            assert!(matches!(
                gate.choose_first_pin("135790", "135790", now),
                Err(GateError::Unavailable(_))
            ));
            assert!(matches!(
                gate.unlock("135790", now),
                Err(GateError::Unavailable(_))
            ));
            assert_eq!(gate.authorize(now), Err(GateError::Locked));
        }
        let reason = Phrase::new("admin-unavailable-config-unusable").with("error", "not a GUID");
        let closed = AdminGate::closed(reason.clone());
        assert_eq!(closed.status(now).unavailable, Some(reason));
    }

    const UNIX: u64 = 1_700_000_000;

    #[test]
    fn a_lockout_survives_a_restart() {
        let start = Instant::now();
        let hash = hash_pin("24681357").unwrap();
        let mut gate = AdminGate::new(Some(Some(&hash)));
        assert_eq!(gate.lockout_record(start, UNIX), LockoutRecord::default());
        for _ in 0..kiosk_config::FREE_TRIES {
            gate.unlock("11111111", start).unwrap();
        }
        let record = gate.lockout_record(start, UNIX);
        assert_eq!(
            record,
            LockoutRecord {
                failures: 5,
                locked_until_unix: UNIX + 30
            }
        );

        // Restarted five seconds later: a new monotonic clock, the same wall clock.
        let restart = Instant::now() + Duration::from_secs(500);
        let mut restored =
            AdminGate::new(Some(Some(&hash))).with_lockout(record, restart, UNIX + 5);
        assert_eq!(restored.status(restart).locked_out_seconds, Some(25));
        assert_eq!(
            restored.unlock("24681357", restart),
            Ok(UnlockOutcome::LockedOut {
                retry_in_seconds: 25
            }),
            "even the right PIN waits"
        );
        assert!(!restored.status(restart).unlocked);
        // The count carries on: the next wrong PIN locks out for twice as long.
        let later = restart + Duration::from_secs(26);
        assert_eq!(
            restored.unlock("11111111", later),
            Ok(UnlockOutcome::LockedOut {
                retry_in_seconds: 60
            })
        );
        assert_eq!(
            restored.lockout_record(later, UNIX + 31),
            LockoutRecord {
                failures: 6,
                locked_until_unix: UNIX + 91
            }
        );
        let much_later = later + Duration::from_secs(61);
        assert_eq!(
            restored.unlock("24681357", much_later),
            Ok(UnlockOutcome::Accepted)
        );
        assert_eq!(
            restored.lockout_record(much_later, UNIX + 92),
            LockoutRecord::default()
        );
    }

    #[test]
    fn an_unreadable_lockout_file_keeps_the_gate_locked_out() {
        let now = Instant::now();
        let hash = hash_pin("24681357").unwrap();
        let mut gate = AdminGate::new(Some(Some(&hash))).with_lockout(
            LockoutRecord::fail_closed(UNIX),
            now,
            UNIX,
        );
        assert_eq!(gate.status(now).locked_out_seconds, Some(30));
        assert!(matches!(
            gate.unlock("24681357", now),
            Ok(UnlockOutcome::LockedOut { .. })
        ));
    }

    #[test]
    fn a_shut_gate_keeps_the_restored_lockout_for_saving() {
        let now = Instant::now();
        let record = LockoutRecord {
            failures: 7,
            locked_until_unix: UNIX + 100,
        };
        let shut = AdminGate::new(Some(None)).with_lockout(record, now, UNIX);
        assert_eq!(shut.lockout_record(now, UNIX), record);
        let closed = AdminGate::closed(Phrase::new("admin-unavailable-config-unusable"))
            .with_lockout(record, now, UNIX);
        assert_eq!(closed.lockout_record(now, UNIX), record);
    }
}
