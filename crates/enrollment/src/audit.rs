//! The audit trail: how many enrollments started, were proofed, were issued and failed (by
//! reason), per day. It counts outcomes only: no names, e-mails, document numbers or session
//! identifiers ever enter it, so it may live on disk and an administrator may read it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::attestation::StaffCode;
use crate::domain::ProofingFailure;

/// One outcome worth counting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditEvent {
    Started,
    /// An operator attested the physical document: who, by staff code (staff data).
    Attested {
        staff_code: StaffCode,
    },
    /// The operator could not attest the document.
    AttestationDeclined,
    Proofed,
    Issued,
    Failed(FailureReason),
    /// A presented card passed every check asked for (verify mode, or the new-card check).
    Verified,
    /// A presentation did not verify: [`crate::verification::VerificationFailure::code`].
    VerificationFailed(&'static str),
}

/// Why an enrollment (or one attempt of it) did not get further.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailureReason {
    /// 1Kosmos declined; the code is kept only when it has the documented `IDVnnnn` shape.
    Declined(Option<String>),
    PhoneSessionExpired,
    PhoneSessionAbandoned,
    DocumentUnreadable,
    DocumentExpired,
    NameMismatch,
    PhotoUnusable,
    DocumentNotAttested,
    ProofingIncomplete,
    ProofingUnavailable,
    ProofingTimedOut,
    IssuanceUnavailable,
    WalletFailed,
    OfferExpired,
    Cancelled,
    IdleReset,
}

impl FailureReason {
    /// The key the count is kept under; a short code, stable across versions.
    pub fn code(&self) -> String {
        match self {
            Self::Declined(Some(code)) => format!("declined_{code}"),
            Self::Declined(None) => "declined_other".into(),
            Self::PhoneSessionExpired => "phone_session_expired".into(),
            Self::PhoneSessionAbandoned => "phone_session_abandoned".into(),
            Self::DocumentUnreadable => "document_unreadable".into(),
            Self::DocumentExpired => "document_expired".into(),
            Self::NameMismatch => "name_mismatch".into(),
            Self::DocumentNotAttested => "document_not_attested".into(),
            Self::PhotoUnusable => "photo_unusable".into(),
            Self::ProofingIncomplete => "proofing_incomplete".into(),
            Self::ProofingUnavailable => "proofing_unavailable".into(),
            Self::ProofingTimedOut => "proofing_timed_out".into(),
            Self::IssuanceUnavailable => "issuance_unavailable".into(),
            Self::WalletFailed => "wallet_failed".into(),
            Self::OfferExpired => "offer_expired".into(),
            Self::Cancelled => "cancelled".into(),
            Self::IdleReset => "idle_reset".into(),
        }
    }
}

impl From<&ProofingFailure> for FailureReason {
    fn from(failure: &ProofingFailure) -> Self {
        match failure {
            ProofingFailure::Declined { reason_code } => {
                // The code comes from a service response: anything but the documented shape
                // could be arbitrary text, so it is not kept.
                let documented = reason_code.len() == 7
                    && reason_code.starts_with("IDV")
                    && reason_code[3..].chars().all(|c| c.is_ascii_digit());
                Self::Declined(documented.then(|| reason_code.clone()))
            }
            ProofingFailure::PhoneSessionEnded { expired: true } => Self::PhoneSessionExpired,
            ProofingFailure::PhoneSessionEnded { expired: false } => Self::PhoneSessionAbandoned,
            ProofingFailure::DocumentUnreadable => Self::DocumentUnreadable,
            ProofingFailure::DocumentExpired => Self::DocumentExpired,
            ProofingFailure::NameMismatch => Self::NameMismatch,
            ProofingFailure::PhotoUnusable => Self::PhotoUnusable,
            ProofingFailure::IncompleteVerification => Self::ProofingIncomplete,
            ProofingFailure::ServiceUnavailable => Self::ProofingUnavailable,
            ProofingFailure::TimedOut => Self::ProofingTimedOut,
        }
    }
}

/// One day's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    pub started: u32,
    pub proofed: u32,
    pub issued: u32,
    /// Failures by [`FailureReason::code`].
    pub failed: BTreeMap<String, u32>,
    /// Documents attested, by the attesting operator's staff code.
    #[serde(default)]
    pub attested_by: BTreeMap<String, u32>,
    /// Documents the operator could not attest.
    #[serde(default)]
    pub attestation_declined: u32,
    /// Presented cards that passed (verify mode and new-card checks).
    #[serde(default)]
    pub verified: u32,
    /// Presentations that did not verify, by [`crate::verification::VerificationFailure::code`].
    #[serde(default)]
    pub verification_failed: BTreeMap<String, u32>,
}

impl DayCounts {
    pub fn failed_total(&self) -> u32 {
        self.failed
            .values()
            .fold(0, |sum, n| sum.saturating_add(*n))
    }
}

/// Distinct staff codes counted per day before the rest are counted under [`OTHER_STAFF`].
pub const STAFF_CODES_PER_DAY: usize = 200;
/// Where attestations beyond [`STAFF_CODES_PER_DAY`] operators are counted.
pub const OTHER_STAFF: &str = "(other)";

/// Days kept; older days are dropped as new ones arrive.
pub const DAYS_KEPT: usize = 400;

/// Counts per calendar day (`YYYY-MM-DD`, UTC). Pure: the caller supplies the day and decides
/// where the book is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditBook {
    days: BTreeMap<String, DayCounts>,
}

impl AuditBook {
    pub fn record(&mut self, day: &str, event: &AuditEvent) {
        let counts = self.days.entry(day.to_string()).or_default();
        match event {
            AuditEvent::Started => counts.started = counts.started.saturating_add(1),
            AuditEvent::Proofed => counts.proofed = counts.proofed.saturating_add(1),
            AuditEvent::Issued => counts.issued = counts.issued.saturating_add(1),
            AuditEvent::Attested { staff_code } => {
                // Bounded: a day with more distinct operators than this counts the rest together.
                let key = if counts.attested_by.len() < STAFF_CODES_PER_DAY
                    || counts.attested_by.contains_key(staff_code.as_str())
                {
                    staff_code.as_str().to_string()
                } else {
                    OTHER_STAFF.to_string()
                };
                let n = counts.attested_by.entry(key).or_default();
                *n = n.saturating_add(1);
            }
            AuditEvent::AttestationDeclined => {
                counts.attestation_declined = counts.attestation_declined.saturating_add(1)
            }
            AuditEvent::Failed(reason) => {
                let n = counts.failed.entry(reason.code()).or_default();
                *n = n.saturating_add(1);
            }
            AuditEvent::Verified => counts.verified = counts.verified.saturating_add(1),
            AuditEvent::VerificationFailed(code) => {
                let n = counts
                    .verification_failed
                    .entry(code.to_string())
                    .or_default();
                *n = n.saturating_add(1);
            }
        }
        while self.days.len() > DAYS_KEPT {
            self.days.pop_first();
        }
    }

    pub fn day(&self, day: &str) -> Option<&DayCounts> {
        self.days.get(day)
    }

    /// The latest `n` days that have any record, newest first.
    pub fn recent(&self, n: usize) -> Vec<(String, DayCounts)> {
        self.days
            .iter()
            .rev()
            .take(n)
            .map(|(day, counts)| (day.clone(), counts.clone()))
            .collect()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verification::VerificationFailure;

    #[test]
    fn counts_accumulate_per_day_and_failures_by_reason() {
        let mut book = AuditBook::default();
        for event in [
            AuditEvent::Started,
            AuditEvent::Proofed,
            AuditEvent::Issued,
            AuditEvent::Failed(FailureReason::Cancelled),
            AuditEvent::Failed(FailureReason::Cancelled),
            AuditEvent::Failed(FailureReason::from(&ProofingFailure::Declined {
                reason_code: "IDV0010".into(),
            })),
        ] {
            book.record("2026-11-26", &event);
        }
        book.record("2026-11-27", &AuditEvent::Started);
        let day = book.day("2026-11-26").unwrap();
        assert_eq!((day.started, day.proofed, day.issued), (1, 1, 1));
        assert_eq!(day.failed["cancelled"], 2);
        assert_eq!(day.failed["declined_IDV0010"], 1);
        assert_eq!(day.failed_total(), 3);
        let recent = book.recent(7);
        assert_eq!(recent[0].0, "2026-11-27");
        assert_eq!(recent[1].0, "2026-11-26");
        let again = AuditBook::from_json(&book.to_json()).unwrap();
        assert_eq!(again, book);
    }

    #[test]
    fn a_reason_code_that_is_not_documented_is_not_kept() {
        for code in ["Jane Doe", "IDV12345", "idv0001", "IDV00x1", ""] {
            let reason = FailureReason::from(&ProofingFailure::Declined {
                reason_code: code.into(),
            });
            assert_eq!(reason.code(), "declined_other", "{code:?}");
        }
    }

    #[test]
    fn attestations_are_counted_by_staff_code_and_bounded() {
        let mut book = AuditBook::default();
        let code = |c: &str| StaffCode::parse(c).unwrap();
        for c in ["HD-1", "HD-1", "HD-2"] {
            book.record(
                "2026-11-27",
                &AuditEvent::Attested {
                    staff_code: code(c),
                },
            );
        }
        book.record("2026-11-27", &AuditEvent::AttestationDeclined);
        let day = book.day("2026-11-27").unwrap();
        assert_eq!(day.attested_by["HD-1"], 2);
        assert_eq!(day.attested_by["HD-2"], 1);
        assert_eq!(day.attestation_declined, 1);
        for i in 0..(STAFF_CODES_PER_DAY + 10) {
            let staff_code = code(&format!("S{i}"));
            book.record("2026-11-28", &AuditEvent::Attested { staff_code });
        }
        let day = book.day("2026-11-28").unwrap();
        assert_eq!(day.attested_by.len(), STAFF_CODES_PER_DAY + 1);
        assert_eq!(day.attested_by[OTHER_STAFF], 10);
        // A book written before attestations existed still reads.
        let old = r#"{"days":{"2026-01-01":{"started":1,"proofed":0,"issued":0,"failed":{}}}}"#;
        assert_eq!(
            AuditBook::from_json(old)
                .unwrap()
                .day("2026-01-01")
                .unwrap()
                .started,
            1
        );
    }

    #[test]
    fn verifications_are_counted_by_outcome() {
        let mut book = AuditBook::default();
        book.record("2026-11-27", &AuditEvent::Verified);
        book.record("2026-11-27", &AuditEvent::Verified);
        book.record(
            "2026-11-27",
            &AuditEvent::VerificationFailed(VerificationFailure::Revoked.code()),
        );
        let day = book.day("2026-11-27").unwrap();
        assert_eq!(day.verified, 2);
        assert_eq!(day.verification_failed["revoked"], 1);
        assert_eq!(day.started, 0, "a verification is not an enrollment");
    }

    #[test]
    fn old_days_are_dropped() {
        let mut book = AuditBook::default();
        for i in 0..(DAYS_KEPT + 5) {
            book.record(&format!("d{i:05}"), &AuditEvent::Started);
        }
        assert_eq!(book.recent(usize::MAX).len(), DAYS_KEPT);
        assert!(book.day("d00000").is_none());
        assert!(book.day(&format!("d{:05}", DAYS_KEPT + 4)).is_some());
    }
}
