//! The audit book in the administrator's words.

use enrollment::audit::AuditBook;

use crate::view::{AuditDay, FailureCount, StaffAttestations};

/// Days shown on the admin screen.
pub const DAYS_SHOWN: usize = 14;

/// A failure code (see `enrollment::audit::FailureReason::code`) in plain words.
pub fn reason_label(code: &str) -> String {
    if let Some(idv) = code.strip_prefix("declined_IDV") {
        return format!("Declined by 1Kosmos (IDV{idv})");
    }
    match code {
        "declined_other" => "Declined by 1Kosmos (other reason)",
        "phone_session_expired" => "Phone session expired",
        "phone_session_abandoned" => "Phone session abandoned",
        "document_unreadable" => "Document could not be read",
        "document_expired" => "Document expired",
        "name_mismatch" => "Typed name differs from the document",
        "document_not_attested" => "Staff could not confirm the document",
        "photo_unusable" => "Selfie unusable as the card's photo",
        "proofing_incomplete" => "1Kosmos left out a requested check",
        "proofing_unavailable" => "1Kosmos unavailable",
        "proofing_timed_out" => "1Kosmos did not answer in time",
        "issuance_unavailable" => "Verified ID unavailable",
        "wallet_failed" => "Authenticator reported a problem",
        "offer_expired" => "QR code never scanned",
        "cancelled" => "Cancelled at the desk",
        "idle_reset" => "Left unattended (timed out)",
        other => other,
    }
    .to_string()
}

/// A verification failure code (see `enrollment::verification::VerificationFailure::code`)
/// in plain words.
pub fn verification_reason_label(code: &str) -> String {
    match code {
        "face_check_below_threshold" => "Face Check below the threshold",
        "face_check_missing" => "No Face Check result",
        "billing_not_enabled" => "Face Check billing not enabled",
        "revoked" => "Card revoked",
        "wrong_issuer_or_type" => "Not a card this kiosk accepts",
        "request_expired" => "Code expired before a card was shared",
        "user_declined" => "Declined in Authenticator",
        "service_unavailable" => "Verified ID unavailable",
        "timed_out" => "Verified ID did not answer in time",
        "other" => "Other failure",
        other => other,
    }
    .to_string()
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
            assert_ne!(reason_label(&reason.code()), reason.code(), "{reason:?}");
            book.record("2026-11-26", &AuditEvent::Failed(reason.clone()));
        }
        let days = summarize(&book);
        assert_eq!(days[0].day, "2026-11-26");
        assert_eq!(days[0].failed_total, reasons.len() as u32);
        assert!(days[0]
            .failures
            .iter()
            .any(|f| f.reason == "Declined by 1Kosmos (IDV0010)"));
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
                verification_reason_label(failure.code()),
                failure.code(),
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
            .any(|f| f.reason == "Card revoked" && f.count == 1));
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
