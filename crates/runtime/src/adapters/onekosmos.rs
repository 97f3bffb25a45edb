//! [`Proofing`] through 1Kosmos: the kiosk-camera path reads the document here
//! (`crates/document`: a licence's PDF417, a passport's or ID card's machine-readable zone, the
//! portrait) and asks `/verify` for liveness, face match and, for licences, `dl_verify`; the
//! phone path runs a hosted capture session and polls for its result.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use document::{CapturedImage as DocumentImage, Date, LicenseData, MrzData, MrzDocumentKind};
use onekosmos::{
    CheckStatus, DlFields, OneKosmosClient, ProofedIdentity, SessionResult, TravelDocumentFields,
    TravelDocumentKind, VerifyRequest,
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

/// What the kiosk read from the document besides its portrait.
enum DocumentFields {
    /// A driver's licence's (or a US/Canadian ID card's) PDF417 barcode.
    License(LicenseData),
    /// A passport's or an ICAO identity card's machine-readable zone.
    Mrz(MrzData),
}

impl DocumentFields {
    /// The holder's given names, word by word, and family name, as the document prints them.
    fn names(&self) -> (Vec<&str>, &str) {
        match self {
            Self::License(l) => (vec![&l.first_name, &l.middle_names], &l.family_name),
            Self::Mrz(m) => (m.given_names.split(' ').collect(), &m.family_name),
        }
    }
}

/// Reads one side with `read`; an expired document and an unreadable one are told apart.
fn refuse_on<T>(side: &str, result: Result<T, document::Error>) -> Result<T, ProofingFailure> {
    result.map_err(|error| match error {
        document::Error::DocumentExpired { .. } => ProofingFailure::DocumentExpired,
        error => {
            tracing::info!(%error, side, "the document could not be read");
            ProofingFailure::DocumentUnreadable
        }
    })
}

/// The portrait on the front (a passport's data page) and the document's fields: a licence's
/// barcode on its back, a passport's zone on its data page, an ID card's zone on its back (or,
/// for a US or Canadian state ID card, the barcode there). An expired document is refused.
fn read_document(
    document: DocumentType,
    front: &[u8],
    back: Option<&[u8]>,
) -> Result<(document::Portrait, Option<DocumentFields>), ProofingFailure> {
    let portrait = document::locate_portrait(DocumentImage::Jpeg(front)).map_err(|error| {
        tracing::info!(%error, "no usable portrait on the document front");
        ProofingFailure::DocumentUnreadable
    })?;
    let today = || today().ok_or(ProofingFailure::ServiceUnavailable);
    let fields = match (document, back) {
        (DocumentType::DriversLicense, Some(back)) => Some(DocumentFields::License(refuse_on(
            "back",
            document::read_license(DocumentImage::Jpeg(back), today()?),
        )?)),
        (DocumentType::Passport, _) => Some(DocumentFields::Mrz(refuse_on(
            "data page",
            document::read_mrz(DocumentImage::Jpeg(front), today()?),
        )?)),
        (DocumentType::NationalId, Some(back)) => {
            let today = today()?;
            match document::read_mrz(DocumentImage::Jpeg(back), today) {
                Err(document::Error::NoMrz) => Some(DocumentFields::License(refuse_on(
                    "back",
                    document::read_license(DocumentImage::Jpeg(back), today),
                )?)),
                read => Some(DocumentFields::Mrz(refuse_on("back", read)?)),
            }
        }
        (_, None) => None,
    };
    Ok((portrait, fields))
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

/// The fields of a passport or ID card read from its zone, for `/verify`'s `document`.
fn travel_fields(mrz: &MrzData) -> TravelDocumentFields {
    let (first, middle) = match mrz.given_names.split_once(' ') {
        Some((first, rest)) => (first.to_string(), Some(rest.to_string())),
        None => (mrz.given_names.clone(), None),
    };
    TravelDocumentFields {
        kind: match mrz.kind() {
            MrzDocumentKind::Passport => TravelDocumentKind::Passport,
            MrzDocumentKind::IdCard => TravelDocumentKind::IdCard,
        },
        document_id: mrz.document_number.clone(),
        first_name: first,
        last_name: mrz.family_name.clone(),
        middle_name: middle,
        date_of_birth: mrz.date_of_birth.map(|d| d.to_ccyymmdd()),
        expiry_date: mrz.expiry.to_ccyymmdd(),
        country: mrz_country(&mrz.issuing_state),
        gender: match mrz.sex {
            document::Sex::NotSpecified => None,
            sex => Some(sex.aamva_code().to_string()),
        },
    }
}

/// An ICAO 9303 state code as ISO 3166 alpha-3: they agree but for Germany, whose documents
/// print `D`.
fn mrz_country(code: &str) -> String {
    match code {
        "D" => "DEU".to_string(),
        other => other.to_string(),
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
        let document_type = submission.document_type;
        let back_jpeg = match document_type {
            DocumentType::Passport => None,
            _ => capture(CaptureStep::DocumentBack).map(|back| back.jpeg.clone()),
        };
        let selfie_jpeg = selfie.jpeg.clone();
        let make_photo = self.photo_claim;
        let (portrait, fields, photo) = tokio::task::spawn_blocking(move || {
            let (portrait, fields) = read_document(
                document_type,
                &front_jpeg,
                back_jpeg.as_ref().map(|b| b.as_slice()),
            )?;
            let photo = make_photo
                .then(|| photo_claim_value(&selfie_jpeg))
                .transpose()?;
            Ok::<_, ProofingFailure>((portrait, fields, photo))
        })
        .await
        .map_err(|_| {
            tracing::error!("reading the document failed unexpectedly (a decoder panicked)");
            ProofingFailure::DocumentUnreadable
        })??;

        // A typed name the document does not carry stops here: nothing is sent.
        if let Some(fields) = &fields {
            let (given, family) = fields.names();
            let matches = enrollment::names::typed_names_match(
                &submission.given_name.0,
                &submission.family_name.0,
                &given,
                family,
            );
            if !matches {
                return Err(ProofingFailure::NameMismatch);
            }
        }
        let (license, mrz) = match &fields {
            Some(DocumentFields::License(l)) => (Some(l), None),
            Some(DocumentFields::Mrz(m)) => (None, Some(m)),
            None => (None, None),
        };

        let request = VerifyRequest {
            journey: journey(submission.journey),
            selfie_jpeg: selfie.jpeg.clone(),
            portrait_jpeg: Some(portrait.jpeg.clone()),
            driver_license: license.filter(|_| self.dl_verify).map(dl_fields),
            travel_document: mrz.map(travel_fields),
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
            given_name: license
                .map(|l| l.given_names().to_string())
                .or_else(|| mrz.map(|m| m.given_names.clone())),
            family_name: license
                .map(|l| l.family_name.clone())
                .or_else(|| mrz.map(|m| m.family_name.clone())),
            document_country: license
                .map(|l| l.country.alpha3().to_string())
                .or_else(|| mrz.map(|m| mrz_country(&m.issuing_state))),
            proofing_reference: outcome
                .proofing_reference()
                .map(str::to_string)
                .unwrap_or_else(|| "kiosk-verify".into()),
            verified_at: now_rfc3339(),
            // Reading the barcode or the zone is not a check of the document (its check digits
            // prove the read, not the document): the DMV's `dl_verify` is, and only when it
            // was asked for and passed do the document's checks count as passed.
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
                        let _ = progress.send(HandoffProgress::StillWaiting).await;
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
