//! The audit book in the administrator's words.

use enrollment::audit::AuditBook;
use enrollment::language::Phrase;

use crate::view::{AuditDay, FailureCount, StaffAttestations};

/// Days shown on the admin screen.
pub const DAYS_SHOWN: usize = 14;

/// A failure code (see `enrollment::audit::FailureReason::code`) in words: a phrase of
/// `admin.ftl`; a code this version does not know is shown as it is.
pub fn reason_label(code: &str) -> Phrase {
    if let Some(idv) = code.strip_prefix("declined_IDV") {
        return Phrase::new("admin-reason-declined-idv").with("code", format!("IDV{idv}"));
    }
    let id = match code {
        "declined_other" => "admin-reason-declined-other",
        "phone_session_expired" => "admin-reason-phone-session-expired",
        "phone_session_abandoned" => "admin-reason-phone-session-abandoned",
        "document_unreadable" => "admin-reason-document-unreadable",
        "document_expired" => "admin-reason-document-expired",
        "name_mismatch" => "admin-reason-name-mismatch",
        "document_not_attested" => "admin-reason-document-not-attested",
        "photo_unusable" => "admin-reason-photo-unusable",
        "proofing_incomplete" => "admin-reason-proofing-incomplete",
        "proofing_unavailable" => "admin-reason-proofing-unavailable",
        "proofing_timed_out" => "admin-reason-proofing-timed-out",
        "issuance_unavailable" => "admin-reason-issuance-unavailable",
        "wallet_failed" => "admin-reason-wallet-failed",
        "offer_expired" => "admin-reason-offer-expired",
        "cancelled" => "admin-reason-cancelled",
        "idle_reset" => "admin-reason-idle-reset",
        other => return Phrase::new("admin-reason-unknown").with("code", other),
    };
    Phrase::new(id)
}

/// A verification failure code (see `enrollment::verification::VerificationFailure::code`)
/// in words.
pub fn verification_reason_label(code: &str) -> Phrase {
    let id = match code {
        "face_check_below_threshold" => "admin-verification-face-check-below-threshold",
        "face_check_missing" => "admin-verification-face-check-missing",
        "billing_not_enabled" => "admin-verification-billing-not-enabled",
        "revoked" => "admin-verification-revoked",
        "wrong_issuer_or_type" => "admin-verification-wrong-issuer-or-type",
        "request_expired" => "admin-verification-request-expired",
        "user_declined" => "admin-verification-user-declined",
        "service_unavailable" => "admin-verification-service-unavailable",
        "timed_out" => "admin-verification-timed-out",
        "other" => "admin-verification-other",
        other => return Phrase::new("admin-reason-unknown").with("code", other),
    };
    Phrase::new(id)
}

/// The latest days with any activity, newest first.
pub fn summarize(book: &AuditBook) -> Vec<AuditDay> {
    book.recent(DAYS_SHOWN)
        .into_iter()
        .map(|(day, counts)| AuditDay {
            day,
            started: counts.started,
            proofed: counts.proofed,
            issued: counts.issued,
            failed_total: counts.failed_total(),
            attested: counts
                .attested_by
                .values()
                .fold(0, |sum, n| sum.saturating_add(*n)),
            attestation_declined: counts.attestation_declined,
            attested_by: counts
                .attested_by
                .iter()
                .map(|(staff_code, count)| StaffAttestations {
                    staff_code: staff_code.clone(),
                    count: *count,
                })
                .collect(),
            failures: counts
                .failed
                .iter()
                .map(|(code, count)| FailureCount {
                    code: code.clone(),
                    reason: reason_label(code),
                    count: *count,
                })
                .collect(),
            verified: counts.verified,
            verification_failed_total: counts
                .verification_failed
                .values()
                .fold(0, |sum, n| sum.saturating_add(*n)),
            verification_failures: counts
                .verification_failed
                .iter()
                .map(|(code, count)| FailureCount {
                    code: code.to_string(),
                    reason: verification_reason_label(code),
                    count: *count,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use enrollment::audit::{AuditEvent, FailureReason};

    #[test]
    fn every_reason_has_words_and_days_come_newest_first() {
        let reasons = [
            FailureReason::Declined(Some("IDV0010".into())),
            FailureReason::Declined(None),
            FailureReason::PhoneSessionExpired,
            FailureReason::PhoneSessionAbandoned,
            FailureReason::DocumentUnreadable,
            FailureReason::DocumentExpired,
            FailureReason::NameMismatch,
            FailureReason::DocumentNotAttested,
            FailureReason::PhotoUnusable,
            FailureReason::ProofingIncomplete,
            FailureReason::ProofingUnavailable,
            FailureReason::ProofingTimedOut,
            FailureReason::IssuanceUnavailable,
            FailureReason::WalletFailed,
            FailureReason::OfferExpired,
            FailureReason::Cancelled,
            FailureReason::IdleReset,
        ];
        let mut book = AuditBook::default();
        book.record("2026-11-25", &AuditEvent::Started);
        for reason in &reasons {
            assert_ne!(
                reason_label(&reason.code()).id,
                "admin-reason-unknown",
                "{reason:?}"
            );
            book.record("2026-11-26", &AuditEvent::Failed(reason.clone()));
        }
        let days = summarize(&book);
        assert_eq!(days[0].day, "2026-11-26");
        assert_eq!(days[0].failed_total, reasons.len() as u32);
        assert!(days[0]
            .failures
            .iter()
            .any(|f| f.reason == Phrase::new("admin-reason-declined-idv").with("code", "IDV0010")));
        assert_eq!(days[1].started, 1);
    }

    #[test]
    fn verifications_are_shown_with_every_reason_in_words() {
        use enrollment::verification::VerificationFailure as F;
        let failures = [
            F::FaceCheckBelowThreshold {
                score: None,
                threshold: None,
            },
            F::FaceCheckMissing,
            F::BillingNotEnabled,
            F::Revoked,
            F::WrongIssuerOrType,
            F::RequestExpired,
            F::UserDeclined,
            F::ServiceUnavailable,
            F::TimedOut,
            F::Other,
        ];
        let mut book = AuditBook::default();
        book.record("2026-11-27", &AuditEvent::Verified);
        for failure in &failures {
            assert_ne!(
                verification_reason_label(failure.code()).id,
                "admin-reason-unknown",
                "{failure:?}"
            );
            book.record(
                "2026-11-27",
                &AuditEvent::VerificationFailed(failure.code()),
            );
        }
        let day = &summarize(&book)[0];
        assert_eq!(day.verified, 1);
        assert_eq!(day.verification_failed_total, failures.len() as u32);
        assert!(day
            .verification_failures
            .iter()
            .any(|f| f.reason.id == "admin-verification-revoked" && f.count == 1));
    }

    #[test]
    fn attestations_are_shown_per_staff_code() {
        use enrollment::attestation::StaffCode;
        let mut book = AuditBook::default();
        for code in ["HD-1", "HD-2", "HD-1"] {
            let staff_code = StaffCode::parse(code).unwrap();
            book.record("2026-11-27", &AuditEvent::Attested { staff_code });
        }
        book.record("2026-11-27", &AuditEvent::AttestationDeclined);
        let day = &summarize(&book)[0];
        assert_eq!((day.attested, day.attestation_declined), (3, 1));
        assert_eq!(
            day.attested_by,
            [
                StaffAttestations {
                    staff_code: "HD-1".into(),
                    count: 2
                },
                StaffAttestations {
                    staff_code: "HD-2".into(),
                    count: 1
                }
            ]
        );
    }
}
