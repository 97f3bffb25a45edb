//! [`Proofing`] through 1Kosmos: the kiosk-camera path reads the document here (PDF417 and
//! portrait, `crates/document`) and asks `/verify` for liveness, face match and `dl_verify`;
//! the phone path runs a hosted capture session and polls for its result.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use document::{CapturedImage as DocumentImage, Date, LicenseData};
use onekosmos::{
    CheckStatus, DlFields, OneKosmosClient, ProofedIdentity, SessionResult, VerifyRequest,
};
use tokio::sync::mpsc;

use enrollment::claims::{EvidenceValidation, ProofingApproval};
use enrollment::domain::ProofingFailure;
use enrollment::domain::ProofingSubmission;
use enrollment::domain::{DocumentType, Journey};
use enrollment::personal::CaptureStep;
use enrollment::ports::{HandoffProgress, Proofing};

/// How long the kiosk follows a phone session before giving up on it.
const PHONE_SESSION_WAIT: Duration = Duration::from_secs(15 * 60);
/// When the phone-handoff screen starts saying that the kiosk is still waiting.
const STILL_WAITING_AFTER: Duration = Duration::from_secs(90);
/// Consecutive failed polls before the service counts as unavailable.
const POLL_FAILURES_TOLERATED: u32 = 5;

pub struct OneKosmosProofing {
    client: Arc<OneKosmosClient>,
    /// Whether `/verify` also runs `dl_verify` (AAMVA DMV check) for US licenses.
    dl_verify: bool,
    /// Whether the selfie also makes the card's photo claim (checked before anything is sent).
    photo_claim: bool,
}

impl OneKosmosProofing {
    pub fn new(client: Arc<OneKosmosClient>, dl_verify: bool) -> Self {
        Self {
            client,
            dl_verify,
            photo_claim: false,
        }
    }

    /// Also make the photo claim from the selfie: a selfie that cannot make one is refused
    /// before anything is sent, with words that say how to retake it.
    pub fn with_photo_claim(mut self, on: bool) -> Self {
        self.photo_claim = on;
        self
    }
}

/// The photo claim's value from the selfie.
fn photo_claim_value(selfie: &[u8]) -> Result<String, ProofingFailure> {
    document::photo_claim(DocumentImage::Jpeg(selfie))
        .map(|photo| photo.claim_value().to_string())
        .map_err(|error| {
            tracing::info!(%error, "the selfie cannot make the card's photo");
            ProofingFailure::PhotoUnusable
        })
}

fn journey(journey: Journey) -> onekosmos::Journey {
    match journey {
        Journey::KycWithSelfie => onekosmos::Journey::KycWithSelfie,
        Journey::DocumentOnly => onekosmos::Journey::DocumentVerificationOnly,
    }
}

fn document_type(document: DocumentType) -> onekosmos::DocumentType {
    match document {
        DocumentType::DriversLicense => onekosmos::DocumentType::DriversLicense,
        DocumentType::Passport => onekosmos::DocumentType::Passport,
        DocumentType::NationalId => onekosmos::DocumentType::IdCard,
    }
}

/// Today's date in UTC, for the expiry check.
/// The portrait on the front and, for a driver's licence, the data in the barcode on the back.
fn read_document(
    front: &[u8],
    back: Option<&[u8]>,
) -> Result<(document::Portrait, Option<LicenseData>), ProofingFailure> {
    let portrait = document::locate_portrait(DocumentImage::Jpeg(front)).map_err(|error| {
        tracing::info!(%error, "no usable portrait on the document front");
        ProofingFailure::DocumentUnreadable
    })?;
    let license = match back {
        Some(back) => {
            let today = today().ok_or(ProofingFailure::ServiceUnavailable)?;
            match document::read_license(DocumentImage::Jpeg(back), today) {
                Ok(license) => Some(license),
                Err(document::Error::DocumentExpired { .. }) => {
                    return Err(ProofingFailure::DocumentExpired)
                }
                Err(error) => {
                    tracing::info!(%error, "the barcode on the back could not be read");
                    return Err(ProofingFailure::DocumentUnreadable);
                }
            }
        }
        None => None,
    };
    Ok((portrait, license))
}

fn today() -> Option<Date> {
    let days = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs() / 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    Date::new(y as u16, m as u8, d as u8)
}

/// Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

fn dl_fields(license: &LicenseData) -> DlFields {
    DlFields {
        document_id: license.document_number.clone(),
        first_name: license.first_name.clone(),
        last_name: license.family_name.clone(),
        middle_name: (!license.middle_names.is_empty()).then(|| license.middle_names.clone()),
        date_of_birth: license.date_of_birth.to_ccyymmdd(),
        issue_date: None,
        expiry_date: Some(license.expiry.to_ccyymmdd()),
        state: license.jurisdiction.clone(),
        country: Some(license.country.alpha3().to_string()),
        street: license.address.as_ref().map(|a| a.street.clone()),
        city: license.address.as_ref().map(|a| a.city.clone()),
        zip_code: license.address.as_ref().map(|a| a.postal_code.clone()),
        gender: license.sex.map(|sex| sex.aamva_code().to_string()),
    }
}

fn passed(status: CheckStatus) -> bool {
    status == CheckStatus::Passed
}

fn approval_from_identity(identity: &ProofedIdentity) -> ProofingApproval {
    let name = |value: &str| (!value.trim().is_empty()).then(|| value.to_string());
    ProofingApproval {
        given_name: name(&identity.first_name),
        family_name: name(&identity.last_name),
        document_country: identity.document_country.clone(),
        proofing_reference: identity.proofing_reference.clone(),
        verified_at: now_rfc3339(),
        document_checks_passed: passed(identity.checks.document),
        liveness_passed: passed(identity.checks.liveness),
        face_match_passed: passed(identity.checks.face_match),
        // The hosted session authenticates the document (document liveness, fraud checks).
        evidence: if passed(identity.checks.document) {
            EvidenceValidation::AutomatedDocumentAuthentication
        } else {
            EvidenceValidation::NotValidated
        },
        // The hosted session keeps the selfie on the phone.
        photo: None,
    }
}

#[async_trait]
impl Proofing for OneKosmosProofing {
    async fn verify(
        &self,
        submission: ProofingSubmission,
    ) -> Result<ProofingApproval, ProofingFailure> {
        let capture = |step: CaptureStep| submission.captures.iter().find(|c| c.step == step);
        let front =
            capture(CaptureStep::DocumentFront).ok_or(ProofingFailure::DocumentUnreadable)?;
        let Some(selfie) = capture(CaptureStep::Selfie) else {
            // `/verify` always checks liveness on a selfie; without one only the phone path
            // can proof this journey.
            tracing::warn!("kiosk-camera proofing needs the selfie journey");
            return Err(ProofingFailure::ServiceUnavailable);
        };

        // Read the document here first: an expired or unreadable one is refused before
        // anything is sent. Decoding and face detection are CPU work: on a blocking thread,
        // where a panic in a decoder ends as a clear failure instead of a stuck session.
        let front_jpeg = front.jpeg.clone();
        let back_jpeg = match submission.document_type {
            DocumentType::DriversLicense => {
                capture(CaptureStep::DocumentBack).map(|back| back.jpeg.clone())
            }
            _ => None,
        };
        let selfie_jpeg = selfie.jpeg.clone();
        let make_photo = self.photo_claim;
        let (portrait, license, photo) = tokio::task::spawn_blocking(move || {
            let (portrait, license) =
                read_document(&front_jpeg, back_jpeg.as_ref().map(|b| b.as_slice()))?;
            let photo = make_photo
                .then(|| photo_claim_value(&selfie_jpeg))
                .transpose()?;
            Ok::<_, ProofingFailure>((portrait, license, photo))
        })
        .await
        .map_err(|_| {
            tracing::error!("reading the document failed unexpectedly (a decoder panicked)");
            ProofingFailure::DocumentUnreadable
        })??;

        // A typed name the document does not carry stops here: nothing is sent.
        if let Some(license) = &license {
            let matches = enrollment::names::typed_names_match(
                &submission.given_name.0,
                &submission.family_name.0,
                &[&license.first_name, &license.middle_names],
                &license.family_name,
            );
            if !matches {
                return Err(ProofingFailure::NameMismatch);
            }
        }

        let request = VerifyRequest {
            journey: journey(submission.journey),
            selfie_jpeg: selfie.jpeg.clone(),
            portrait_jpeg: Some(portrait.jpeg.clone()),
            driver_license: license.as_ref().filter(|_| self.dl_verify).map(dl_fields),
        };
        let outcome = self.client.verify(&request).await.map_err(|error| {
            tracing::warn!(error = %error.log_summary(), "1Kosmos /verify failed");
            ProofingFailure::ServiceUnavailable
        })?;
        let missing = outcome.missing();
        if !missing.is_empty() {
            tracing::warn!(?missing, "1Kosmos left requested checks out of its answer");
            return Err(ProofingFailure::IncompleteVerification);
        }
        if !outcome.all_passed() {
            let reason_code = outcome
                .failure_reason()
                .map(|code| code.0.clone())
                .unwrap_or_else(|| "IDV0007".into());
            return Err(ProofingFailure::Declined { reason_code });
        }
        Ok(ProofingApproval {
            given_name: license.as_ref().map(|l| l.given_names().to_string()),
            family_name: license.as_ref().map(|l| l.family_name.clone()),
            document_country: license.as_ref().map(|l| l.country.alpha3().to_string()),
            proofing_reference: outcome
                .proofing_reference()
                .map(str::to_string)
                .unwrap_or_else(|| "kiosk-verify".into()),
            verified_at: now_rfc3339(),
            // Reading the barcode is not a check of the document: the DMV's `dl_verify` is, and
            // only when it was asked for and passed do the document's checks count as passed.
            document_checks_passed: license.is_some()
                && self.dl_verify
                && passed(outcome.dl_verify()),
            liveness_passed: passed(outcome.liveness()),
            face_match_passed: passed(outcome.face_match()),
            // The kiosk read the document; nothing here shows that it is genuine (`/verify`
            // does not authenticate documents, and no operator has attested it).
            evidence: EvidenceValidation::NotValidated,
            photo,
        })
    }

    async fn phone_handoff(
        &self,
        document: DocumentType,
        journey_choice: Journey,
        progress: mpsc::Sender<HandoffProgress>,
    ) -> Result<ProofingApproval, ProofingFailure> {
        let session = self
            .client
            .create_document_share_session(journey(journey_choice), document_type(document), None)
            .await
            .map_err(|error| {
                tracing::warn!(error = %error.log_summary(), "1Kosmos refused the phone session");
                ProofingFailure::ServiceUnavailable
            })?;
        let _ = progress
            .send(HandoffProgress::Ready {
                url: session.url.to_string(),
            })
            .await;

        let started = Instant::now();
        let mut delay = Duration::from_millis(500);
        let mut failures = 0;
        let mut told_still_waiting = false;
        while started.elapsed() < PHONE_SESSION_WAIT {
            tokio::time::sleep(delay).await;
            delay = (delay * 3 / 2).min(Duration::from_secs(3));
            match self.client.poll_result(&session).await {
                Ok(SessionResult::InProgress) => {
                    failures = 0;
                    // 1Kosmos does not say whether the phone has opened the link yet; after a
                    // while the screen says that the kiosk is still waiting, and what to do.
                    if !told_still_waiting && started.elapsed() >= STILL_WAITING_AFTER {
                        told_still_waiting = true;
                        let _ = progress
                            .send(HandoffProgress::Status(
                                "Still waiting for your phone. Finish the steps there, or tap Cancel to stop."
                                    .into(),
                            ))
                            .await;
                    }
                }
                Ok(SessionResult::Succeeded(identity)) => {
                    return Ok(approval_from_identity(&identity));
                }
                Ok(SessionResult::Failed(failure)) => {
                    return Err(ProofingFailure::Declined {
                        reason_code: failure.reason_code.0.clone(),
                    });
                }
                Ok(SessionResult::Expired) => {
                    return Err(ProofingFailure::PhoneSessionEnded { expired: true })
                }
                Ok(SessionResult::Abandoned) => {
                    return Err(ProofingFailure::PhoneSessionEnded { expired: false })
                }
                Err(error) => {
                    failures += 1;
                    tracing::warn!(error = %error.log_summary(), failures, "polling the phone session failed");
                    if failures >= POLL_FAILURES_TOLERATED {
                        return Err(ProofingFailure::ServiceUnavailable);
                    }
                }
            }
        }
        Err(ProofingFailure::TimedOut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_418), (2025, 11, 26));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
