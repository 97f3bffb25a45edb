//! Typed results of hosted sessions and `/verify`, parsed from the decrypted payloads of
//! reference §3.3 and §3.5. Images in the payloads are dropped while parsing, except the
//! document portrait, which is kept in a zeroizing buffer. `Debug` shows no personal data.

use std::collections::BTreeMap;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::Value;
use url::Url;
use zeroize::{Zeroize, Zeroizing};

use crate::config::Journey;
use crate::error::{Endpoint, Error};

/// An IDV reason code as 1Kosmos sends it (`IDV0010`, …). The plain-language wording lives in
/// the enrollment crate; this crate only carries the code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReasonCode(pub String);

impl ReasonCode {
    /// What the mobile apps show when no code came.
    pub const UNKNOWN: &'static str = "UNKNOWN";

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// IDV0014: the hosted flow's retry limit is reached.
    pub fn is_retry_limit(&self) -> bool {
        self.0 == "IDV0014"
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `documentType` of a hosted session request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentType {
    DriversLicense,
    Passport,
    IdCard,
}

impl DocumentType {
    pub fn wire(self) -> &'static str {
        match self {
            DocumentType::DriversLicense => "dl_object",
            DocumentType::Passport => "ppt_object",
            DocumentType::IdCard => "idcard_object",
        }
    }
}

/// Optional user details for the session (they feed 1Kosmos's name-match module).
#[derive(Clone, Default)]
pub struct SessionUser {
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub uid: Option<String>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionUser([REDACTED])")
    }
}

/// A created hosted session. The URL is a bearer link: `Debug` hides it; never log it.
#[derive(Clone, PartialEq, Eq)]
pub struct Session {
    pub session_id: String,
    pub url: Url,
    pub dvc_id: String,
    pub journey: Journey,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("session_id", &self.session_id)
            .field("url", &"[REDACTED]")
            .field("journey", &self.journey)
            .finish()
    }
}

/// Where a hosted session stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionResult {
    /// Pending or in progress (`responseStatus: INPROGRESS`).
    InProgress,
    Succeeded(Box<ProofedIdentity>),
    Failed(SessionFailure),
    Expired,
    Abandoned,
}

/// Why a session failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFailure {
    /// `reason_code` or `reasonCode`; `UNKNOWN` when the service sent none.
    pub reason_code: ReasonCode,
    /// The service's own (English, technical) message, for logs and support.
    pub message: Option<String>,
}

/// Passed, failed, or not part of this journey / request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Passed,
    Failed,
    NotPerformed,
}

impl CheckStatus {
    fn from_all(values: &[bool]) -> Self {
        if values.is_empty() {
            CheckStatus::NotPerformed
        } else if values.iter().all(|v| *v) {
            CheckStatus::Passed
        } else {
            CheckStatus::Failed
        }
    }

    pub fn passed(self) -> bool {
        self == CheckStatus::Passed
    }
}

/// The checks 1Kosmos reports in the session's `proof_jwt` (HS256: the client cannot verify
/// its signature; it is treated as the service's statement, received over TLS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checks {
    /// Document liveness front/back, fraud detection, session decision and summary.
    pub document: CheckStatus,
    /// `selfie_liveness`.
    pub liveness: CheckStatus,
    /// `face_compare`.
    pub face_match: CheckStatus,
    /// Every reported check name and whether it was verified.
    pub reported: BTreeMap<String, bool>,
}

impl Checks {
    pub(crate) fn from_results(reported: BTreeMap<String, bool>) -> Self {
        let pick = |name: &str| -> Vec<bool> { reported.get(name).copied().into_iter().collect() };
        let document: Vec<bool> = reported
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "selfie_liveness" | "face_compare"))
            .map(|(_, v)| *v)
            .collect();
        Checks {
            document: CheckStatus::from_all(&document),
            liveness: CheckStatus::from_all(&pick("selfie_liveness")),
            face_match: CheckStatus::from_all(&pick("face_compare")),
            reported,
        }
    }

    /// Document, liveness and face match all passed (the IAL2 condition).
    pub fn all_passed(&self) -> bool {
        self.document.passed() && self.liveness.passed() && self.face_match.passed()
    }
}

/// What kind of document was proofed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentKind {
    DriversLicense,
    Passport,
    IdCard,
    ResidencePermit,
    Other(String),
}

impl DocumentKind {
    fn parse(raw: &str) -> Self {
        match raw.to_ascii_uppercase().as_str() {
            "DL" | "DL_OBJECT" | "DRIVERS_LICENSE" | "DRIVER_LICENSE" | "DRIVING_LICENSE" => {
                DocumentKind::DriversLicense
            }
            "PPT" | "PPT_OBJECT" | "PASSPORT" => DocumentKind::Passport,
            "IDCARD" | "IDCARD_OBJECT" | "ID_CARD" | "NATIONAL_ID" | "IDENTITY_CARD" => {
                DocumentKind::IdCard
            }
            "RESIDENCE_PERMIT" => DocumentKind::ResidencePermit,
            other => DocumentKind::Other(other.to_string()),
        }
    }
}

/// `gender` as 1Kosmos codes it (AAMVA: 1 male, 2 female — the data, not the docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unspecified,
}

/// An image received from 1Kosmos, held in memory only and zeroized on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Image(pub Zeroizing<Vec<u8>>);

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Image({} bytes)", self.0.len())
    }
}

/// A successful proofing. Personal fields are zeroized on drop and hidden from `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct ProofedIdentity {
    /// The 1Kosmos session id: the proofing reference (not personal data).
    pub proofing_reference: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: Option<String>,
    /// `YYYYMMDD` as sent.
    pub date_of_birth: Option<String>,
    /// `YYYYMMDD` as sent.
    pub document_expiry: Option<String>,
    pub document_kind: DocumentKind,
    /// `document.documentType` verbatim, e.g. `PASSPORT`, `RESIDENCE_PERMIT`.
    pub document_type: String,
    /// Issuing country as sent (ISO 3166 alpha-2 in the samples).
    pub document_country: Option<String>,
    pub document_state: Option<String>,
    pub gender: Option<Gender>,
    /// `proofedBy`: 128 hex characters identifying the proofing.
    pub proofed_by: Option<String>,
    pub checks: Checks,
    /// The portrait crop from the document (`face`), PNG or JPEG bytes.
    pub portrait: Option<Image>,
}

impl Drop for ProofedIdentity {
    fn drop(&mut self) {
        self.first_name.zeroize();
        self.last_name.zeroize();
        self.full_name.zeroize();
        self.date_of_birth.zeroize();
        self.document_expiry.zeroize();
    }
}

impl std::fmt::Debug for ProofedIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProofedIdentity")
            .field("proofing_reference", &self.proofing_reference)
            .field("document_kind", &self.document_kind)
            .field("document_country", &self.document_country)
            .field("checks", &self.checks)
            .field("personal_fields", &"[REDACTED]")
            .finish()
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn reason_code(error_info: &Value) -> ReasonCode {
    ReasonCode(
        text(error_info, "reason_code")
            .or_else(|| text(error_info, "reasonCode"))
            .unwrap_or_else(|| ReasonCode::UNKNOWN.to_string()),
    )
}

/// Decodes the payload of a `proof_jwt` (not its signature) into check name → verified.
pub(crate) fn proof_checks(jwt: &str) -> Option<BTreeMap<String, bool>> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    let mut out = BTreeMap::new();
    let result = claims.get("result");
    if let Some(names) = claims.get("checks").and_then(Value::as_array) {
        for name in names.iter().filter_map(Value::as_str) {
            let verified = result
                .and_then(|r| r.get(name))
                .and_then(|r| r.get("verified"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            out.insert(name.to_string(), verified);
        }
    }
    Some(out)
}

fn decode_image(value: &Value) -> Option<Image> {
    let b64 = value.as_str()?;
    // Bare base64 per the samples; tolerate a data: prefix.
    let b64 = b64.rsplit_once(',').map_or(b64, |(_, data)| data);
    STANDARD
        .decode(b64.trim())
        .ok()
        .map(|b| Image(Zeroizing::new(b)))
}

fn identity(session_id: &str, document: &Value) -> Result<ProofedIdentity, Error> {
    let endpoint = Endpoint::PollResult;
    let document_type = text(document, "documentType")
        .or_else(|| text(document, "type"))
        .ok_or_else(|| Error::invalid(endpoint, "success without a document type"))?;
    let checks = text(document, "proof_jwt")
        .and_then(|jwt| proof_checks(&jwt))
        .unwrap_or_default();
    let first_name = text(document, "firstName")
        .or_else(|| text(document, "givenName"))
        .unwrap_or_default();
    let last_name = text(document, "lastName")
        .or_else(|| text(document, "familyName"))
        .unwrap_or_default();
    Ok(ProofedIdentity {
        proofing_reference: session_id.to_string(),
        first_name,
        last_name,
        full_name: text(document, "fullName"),
        date_of_birth: text(document, "dob"),
        document_expiry: text(document, "doe"),
        document_kind: DocumentKind::parse(&document_type),
        document_type,
        document_country: text(document, "country"),
        document_state: text(document, "state").filter(|s| s != "NONE"),
        gender: text(document, "gender").map(|g| match g.as_str() {
            "1" | "M" | "m" => Gender::Male,
            "2" | "F" | "f" => Gender::Female,
            _ => Gender::Unspecified,
        }),
        proofed_by: text(document, "proofedBy"),
        checks: Checks::from_results(checks),
        portrait: document.get("face").and_then(decode_image),
    })
}

/// Parses a decrypted poll payload: the v3 `sessionResult` shapes, the shared `INPROGRESS`
/// shape, and the legacy `responseStatus` + `dl_object`/`ppt_object`/`idcard_object` shape.
pub fn parse_session_result(
    session_id: &str,
    payload: &Value,
    endpoint: Endpoint,
) -> Result<SessionResult, Error> {
    let status = text(payload, "sessionResult")
        .or_else(|| text(payload, "responseStatus"))
        .ok_or_else(|| Error::invalid(endpoint, "neither sessionResult nor responseStatus"))?;
    let failure = |payload: &Value| {
        let info = payload.get("errorInfo").unwrap_or(payload);
        SessionFailure {
            reason_code: reason_code(info),
            message: text(info, "message").or_else(|| text(info, "reason")),
        }
    };
    match status.to_ascii_uppercase().as_str() {
        "INPROGRESS" | "IN_PROGRESS" | "PENDING" | "STARTED" => Ok(SessionResult::InProgress),
        "SUCCESS" => {
            let document = payload
                .get("document")
                .or_else(|| payload.get("dl_object"))
                .or_else(|| payload.get("ppt_object"))
                .or_else(|| payload.get("idcard_object"))
                .ok_or_else(|| Error::invalid(endpoint, "success without a document"))?;
            let id = text(payload, "sessionId").unwrap_or_else(|| session_id.to_string());
            Ok(SessionResult::Succeeded(Box::new(identity(&id, document)?)))
        }
        "FAILED" | "FAILURE" | "DECLINED" => Ok(SessionResult::Failed(failure(payload))),
        "EXPIRED" => Ok(SessionResult::Expired),
        "ABANDONED" => Ok(SessionResult::Abandoned),
        _ => Err(Error::invalid(endpoint, "an unknown session status")),
    }
}

/// A `/verify` verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verification {
    FaceLiveness,
    FaceCompare,
    DlVerify,
}

impl Verification {
    pub fn wire(self) -> &'static str {
        match self {
            Verification::FaceLiveness => "face_liveness",
            Verification::FaceCompare => "face_compare",
            Verification::DlVerify => "dl_verify",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        match raw {
            "face_liveness" => Some(Verification::FaceLiveness),
            "face_compare" => Some(Verification::FaceCompare),
            "dl_verify" => Some(Verification::DlVerify),
            _ => None,
        }
    }
}

/// AAMVA fields for `dl_verify` (dates `YYYYMMDD`). `Debug` hides them.
#[derive(Clone, Default)]
pub struct DlFields {
    pub document_id: String,
    pub first_name: String,
    pub last_name: String,
    pub middle_name: Option<String>,
    pub date_of_birth: String,
    pub issue_date: Option<String>,
    pub expiry_date: Option<String>,
    /// Issuing jurisdiction, e.g. `CA`.
    pub state: String,
    pub country: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub zip_code: Option<String>,
    /// `1` male, `2` female (AAMVA).
    pub gender: Option<String>,
}

impl std::fmt::Debug for DlFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DlFields([REDACTED])")
    }
}

/// Whether a document read from its machine-readable zone is a passport or an identity card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TravelDocumentKind {
    Passport,
    IdCard,
}

impl TravelDocumentKind {
    /// `document.type` on `/verify`: `ppt` as 1Kosmos's passport results are typed; `idcard`
    /// after its `idcard_object` (inferred: no public `/verify` example shows either).
    pub fn wire(self) -> &'static str {
        match self {
            Self::Passport => "ppt",
            Self::IdCard => "idcard",
        }
    }
}

/// The fields of a passport or an ID card read at the kiosk from its machine-readable zone
/// (dates `YYYYMMDD`), sent in `/verify`'s `document` so that the check is recorded against the
/// document shown. No verification of its own runs on them (there is no public `ppt_verify`).
/// `Debug` hides them.
#[derive(Clone)]
pub struct TravelDocumentFields {
    pub kind: TravelDocumentKind,
    pub document_id: String,
    pub first_name: String,
    pub last_name: String,
    pub middle_name: Option<String>,
    /// `None` when the document prints the date of birth as unknown.
    pub date_of_birth: Option<String>,
    pub expiry_date: String,
    /// The issuing state's ICAO 9303 code, e.g. `UTO`, `DEU`.
    pub country: String,
    /// `1` male, `2` female (AAMVA, as for licences); `None` when not specified.
    pub gender: Option<String>,
}

impl std::fmt::Debug for TravelDocumentFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TravelDocumentFields({:?}, [REDACTED])", self.kind)
    }
}

/// A kiosk-camera proofing request: `face_liveness` on the selfie always, `face_compare` when
/// the document portrait is given, `dl_verify` when driver's-license fields are given. A
/// passport's or ID card's fields travel with the request without a check of their own.
#[derive(Clone)]
pub struct VerifyRequest {
    pub journey: Journey,
    pub selfie_jpeg: Zeroizing<Vec<u8>>,
    pub portrait_jpeg: Option<Zeroizing<Vec<u8>>>,
    pub driver_license: Option<DlFields>,
    pub travel_document: Option<TravelDocumentFields>,
}

impl VerifyRequest {
    pub fn verifications(&self) -> Vec<Verification> {
        let mut list = vec![Verification::FaceLiveness];
        if self.portrait_jpeg.is_some() {
            list.push(Verification::FaceCompare);
        }
        if self.driver_license.is_some() {
            list.push(Verification::DlVerify);
        }
        list
    }
}

impl std::fmt::Debug for VerifyRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyRequest")
            .field("journey", &self.journey)
            .field("verifications", &self.verifications())
            .finish_non_exhaustive()
    }
}

/// One certification of a `/verify` answer.
#[derive(Clone, PartialEq, Eq)]
pub struct Certification {
    pub verification: Verification,
    pub verified: bool,
    pub status: Option<u16>,
    pub reason_code: Option<ReasonCode>,
    pub message: Option<String>,
    /// The certificate token: usable as the proofing reference.
    pub token: Option<String>,
    pub authority: Option<String>,
}

impl std::fmt::Debug for Certification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certification")
            .field("verification", &self.verification)
            .field("verified", &self.verified)
            .field("status", &self.status)
            .field("reason_code", &self.reason_code)
            .finish_non_exhaustive()
    }
}

/// The answer to a `/verify` request, with what was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    /// The verifications the request asked for.
    pub requested: Vec<Verification>,
    pub certifications: Vec<Certification>,
}

impl VerifyOutcome {
    pub fn get(&self, verification: Verification) -> CheckStatus {
        let values: Vec<bool> = self
            .certifications
            .iter()
            .filter(|c| c.verification == verification)
            .map(|c| c.verified)
            .collect();
        CheckStatus::from_all(&values)
    }

    pub fn liveness(&self) -> CheckStatus {
        self.get(Verification::FaceLiveness)
    }

    pub fn face_match(&self) -> CheckStatus {
        self.get(Verification::FaceCompare)
    }

    pub fn dl_verify(&self) -> CheckStatus {
        self.get(Verification::DlVerify)
    }

    /// The requested verifications the answer says nothing about.
    pub fn missing(&self) -> Vec<Verification> {
        self.requested
            .iter()
            .copied()
            .filter(|wanted| {
                !self
                    .certifications
                    .iter()
                    .any(|c| c.verification == *wanted)
            })
            .collect()
    }

    /// Every requested verification reported, and every certification verified: an answer
    /// that leaves one out approves nothing.
    pub fn all_passed(&self) -> bool {
        !self.certifications.is_empty()
            && self.missing().is_empty()
            && self.certifications.iter().all(|c| c.verified)
    }

    /// The first failure's reason code, if any failed.
    pub fn failure_reason(&self) -> Option<&ReasonCode> {
        self.certifications
            .iter()
            .find(|c| !c.verified)
            .and_then(|c| c.reason_code.as_ref())
    }

    /// A token to quote as the proofing reference.
    pub fn proofing_reference(&self) -> Option<&str> {
        self.certifications.iter().find_map(|c| c.token.as_deref())
    }
}

/// Parses a decrypted `/verify` answer (`{certifications}` or the SDK's `{result:{certifications}}`).
/// Certifications are matched to the request by their `type` when present, else by position.
/// A `type` that names no verification is refused: it is never taken for the requested one at
/// its position (that would approve a check the answer does not report).
pub fn parse_verify_outcome(
    requested: &[Verification],
    payload: &Value,
) -> Result<VerifyOutcome, Error> {
    let endpoint = Endpoint::Verify;
    let list = payload
        .get("certifications")
        .or_else(|| payload.get("result").and_then(|r| r.get("certifications")))
        .and_then(Value::as_array)
        .ok_or_else(|| Error::invalid(endpoint, "no certifications"))?;
    let mut certifications = Vec::with_capacity(list.len());
    for (index, cert) in list.iter().enumerate() {
        let verification = match cert.get("type") {
            None | Some(Value::Null) => requested.get(index).copied(),
            Some(Value::String(t)) if t.is_empty() => requested.get(index).copied(),
            Some(Value::String(t)) => Verification::parse(t),
            Some(_) => None,
        }
        .ok_or_else(|| Error::invalid(endpoint, "a certification of unknown type"))?;
        let code = text(cert, "reason_code")
            .or_else(|| text(cert, "reasonCode"))
            .or_else(|| cert.get("metadata").and_then(|m| text(m, "reason_code")))
            .map(ReasonCode);
        certifications.push(Certification {
            verification,
            verified: cert
                .get("verified")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            status: cert
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok()),
            reason_code: code,
            message: text(cert, "message"),
            token: text(cert, "token"),
            authority: text(cert, "authority"),
        });
    }
    Ok(VerifyOutcome {
        requested: requested.to_vec(),
        certifications,
    })
}
