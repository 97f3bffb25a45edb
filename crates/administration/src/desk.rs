//! The admin PIN gate: first-run PIN choice, unlocking with the growing lockout, and locking
//! again after a few quiet minutes so that an admin screen left open does not stay open.
//! Sans-I/O: the caller passes the time.

use std::time::{Duration, Instant};

use kiosk_config::{hash_pin, AdminPin, PinCheck, PinError};

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
}

enum Pin {
    /// First run: nobody has chosen a PIN.
    NotSet,
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
}

fn seconds(duration: Duration) -> u32 {
    duration.as_secs_f64().ceil().min(u32::MAX as f64) as u32
}

impl AdminGate {
    /// `pin_hash` from the configuration. A hash that cannot be read is treated as no PIN,
    /// with a warning: the file was validated, so only a hand edit can cause it, and whoever
    /// can edit the file can already change every setting.
    pub fn new(pin_hash: Option<&str>) -> Self {
        let pin = match pin_hash.map(AdminPin::from_hash) {
            Some(Ok(pin)) => Pin::Configured(pin),
            Some(Err(error)) => {
                tracing::warn!(%error, "the configured admin PIN hash is unusable; the first-run PIN step is offered");
                Pin::NotSet
            }
            None => Pin::NotSet,
        };
        Self {
            pin,
            unlocked_until: None,
        }
    }

    pub fn status(&self, now: Instant) -> AdminStatus {
        let locked_out = match &self.pin {
            Pin::Configured(pin) | Pin::Chosen { pin, .. } => pin.locked_out_for(now),
            Pin::NotSet => None,
        };
        AdminStatus {
            pin_set: !matches!(self.pin, Pin::NotSet),
            unlocked: self.is_unlocked(now),
            locked_out_seconds: locked_out.map(seconds),
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
        if !matches!(self.pin, Pin::NotSet) {
            return Err(GateError::PinAlreadySet);
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

    pub fn unlock(&mut self, pin: &str, now: Instant) -> UnlockOutcome {
        let check = match &mut self.pin {
            Pin::Configured(admin) | Pin::Chosen { pin: admin, .. } => admin.check(pin, now),
            // Nothing to check against: the first-run step must be used.
            Pin::NotSet => PinCheck::Rejected {
                tries_before_lockout: kiosk_config::FREE_TRIES,
            },
        };
        match check {
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
        }
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
        assert_eq!(gate.unlock("135790", now), UnlockOutcome::Accepted);

        let mut configured = AdminGate::new(Some(&hash));
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
        let mut gate = AdminGate::new(Some(&hash));
        for left in (1..=4).rev() {
            assert_eq!(
                gate.unlock("11111111", start),
                UnlockOutcome::Rejected {
                    tries_before_lockout: left
                }
            );
        }
        assert_eq!(
            gate.unlock("11111111", start),
            UnlockOutcome::LockedOut {
                retry_in_seconds: 30
            }
        );
        assert_eq!(gate.status(start).locked_out_seconds, Some(30));
        assert!(matches!(
            gate.unlock("24681357", start),
            UnlockOutcome::LockedOut { .. }
        ));
        let later = start + Duration::from_secs(31);
        assert_eq!(gate.unlock("24681357", later), UnlockOutcome::Accepted);
        assert_eq!(gate.authorize(later + ADMIN_IDLE / 2), Ok(()));
        // Each action keeps it open; silence closes it.
        let quiet = later + ADMIN_IDLE / 2 + ADMIN_IDLE + Duration::from_secs(1);
        assert_eq!(gate.authorize(quiet), Err(GateError::Locked));
        assert!(!gate.status(quiet).unlocked);
    }

    #[test]
    fn an_unreadable_hash_offers_the_first_run_step() {
        let gate = AdminGate::new(Some("$argon2id$garbage"));
        assert!(!gate.status(Instant::now()).pin_set);
    }
}
