//! The wallet simulator: what Microsoft Authenticator and the Request Service do after the QR
//! code is shown. Each step sends the callback (reference §4) with exactly the headers the
//! caller configured, and records the HTTP status the receiver answered.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::credentials::{AskedCredential, IssuedPhoto, StoredCard, WalletCard};
use super::wire::{iso_date_time, service_error, Inner};
use super::{now_unix, CallbackDelivery, RequestKind, RequestStatus, Shared, StoredRequest};

/// Why a wallet step could not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WalletError {
    #[error("no request with id {0}")]
    UnknownRequest(String),
    #[error("request {0} has expired")]
    Expired(String),
    #[error("request {request_id} is {status:?}; this step needs it to be {needed:?}")]
    WrongStep {
        request_id: String,
        status: RequestStatus,
        needed: RequestStatus,
    },
    #[error("request {0} is an issuance request; only a presentation request can be presented to")]
    NotAPresentation(String),
    #[error("the wallet holds no credential with id {0}")]
    UnknownCredential(String),
}

impl WalletError {
    pub(super) fn http_status(&self) -> StatusCode {
        match self {
            WalletError::UnknownRequest(_) => StatusCode::NOT_FOUND,
            WalletError::Expired(_) => StatusCode::GONE,
            WalletError::WrongStep { .. } | WalletError::NotAPresentation(_) => {
                StatusCode::CONFLICT
            }
            WalletError::UnknownCredential(_) => StatusCode::NOT_FOUND,
        }
    }
}

/// Moves a request from `needed` to `next` (checking expiry) and returns it as it was.
fn advance(
    shared: &Shared,
    request_id: &str,
    needed: RequestStatus,
    next: RequestStatus,
) -> Result<StoredRequest, WalletError> {
    let mut state = shared.state();
    let Some(stored) = state.requests.get_mut(request_id) else {
        return Err(WalletError::UnknownRequest(request_id.to_string()));
    };
    if stored.record.status != RequestStatus::Expired && stored.record.expiry < now_unix() {
        stored.record.status = RequestStatus::Expired;
    }
    match stored.record.status {
        RequestStatus::Expired => Err(WalletError::Expired(request_id.to_string())),
        status if status != needed => Err(WalletError::WrongStep {
            request_id: request_id.to_string(),
            status,
            needed,
        }),
        _ => {
            let before = stored.clone();
            stored.record.status = next;
            Ok(before)
        }
    }
}

pub async fn scan(shared: &Shared, request_id: &str) -> Result<CallbackDelivery, WalletError> {
    let stored = advance(
        shared,
        request_id,
        RequestStatus::Created,
        RequestStatus::Retrieved,
    )?;
    let body = json!({
        "requestId": stored.record.request_id,
        "requestStatus": "request_retrieved",
        "state": stored.record.state,
    });
    Ok(deliver(shared, &stored, body).await)
}

pub async fn complete(
    shared: &Shared,
    request_id: &str,
    presented_claims: Option<Map<String, Value>>,
    face_check_score: Option<f64>,
) -> Result<CallbackDelivery, WalletError> {
    let kind = shared
        .state()
        .requests
        .get(request_id)
        .map(|stored| stored.record.kind);
    if kind == Some(RequestKind::Presentation) {
        let presentation = Presentation {
            claims: presented_claims,
            face_check_score,
            ..Presentation::default()
        };
        return present(shared, request_id, presentation).await;
    }
    let stored = advance(
        shared,
        request_id,
        RequestStatus::Retrieved,
        RequestStatus::Completed,
    )?;
    put_in_wallet(shared, &stored);
    let body = json!({
        "requestId": stored.record.request_id,
        "requestStatus": "issuance_successful",
        "state": stored.record.state,
    });
    Ok(deliver(shared, &stored, body).await)
}

/// The card an issuance leaves in the wallet: the credential's claims (through the rules'
/// mappings), the photo, the issuer, the type.
fn put_in_wallet(shared: &Shared, stored: &StoredRequest) {
    let config = &shared.config;
    let mut claims = config.credential_claims(&stored.record.claims);
    let mut photo = None;
    if let (Some(names), Some(value)) = (config.photo_claim(), &stored.photo_value) {
        photo = Some(IssuedPhoto::read(&names.output, value).0);
        claims.insert(names.output, Value::from(value.as_str()));
    }
    let now = now_unix();
    let card = WalletCard {
        id: stored.record.request_id.clone(),
        issuer: config.issuer_did.clone(),
        credential_type: stored
            .requested_type
            .clone()
            .unwrap_or_else(|| config.credential_type.clone()),
        claim_names: claims.keys().cloned().collect(),
        photo,
        revoked: false,
        issued_at: now,
        expires_at: now + config.validity_secs(),
    };
    shared.state().wallet.push(StoredCard { card, claims });
}

/// What the wallet presents, for [`present`] and `POST /control/requests/{id}/present`. Every
/// field is optional: by default the newest card of the requested type from an accepted issuer
/// is presented, and Face Check scores 86.314159 (the reference's example).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Presentation {
    /// The card to present, by the id of the issuance request that made it.
    pub credential: Option<String>,
    /// Face Check's `matchConfidenceScore` (0–100).
    pub face_check_score: Option<f64>,
    /// Face Check's `sourcePhotoQuality` (default `HIGH` for a photo of at least 200×200).
    pub source_photo_quality: Option<String>,
    /// Present the card as revoked by its issuer.
    #[serde(default)]
    pub revoked: bool,
    /// Present it as if another issuer had issued it.
    pub issuer: Option<String>,
    /// Present it as if it were of another type.
    #[serde(rename = "type")]
    pub credential_type: Option<String>,
    /// Claims to add to (or, with no card in the wallet, make up) the presented card.
    pub claims: Option<Map<String, Value>>,
}

/// The score when none is chosen: the reference's example (§4.2).
const DEFAULT_SCORE: f64 = 86.314159;

pub async fn present(
    shared: &Shared,
    request_id: &str,
    presentation: Presentation,
) -> Result<CallbackDelivery, WalletError> {
    let (asked, wallet) = {
        let state = shared.state();
        let stored = state
            .requests
            .get(request_id)
            .ok_or_else(|| WalletError::UnknownRequest(request_id.to_string()))?;
        if stored.record.kind != RequestKind::Presentation {
            return Err(WalletError::NotAPresentation(request_id.to_string()));
        }
        (stored.asked.clone(), state.wallet.clone())
    };
    let outcome = presentation_outcome(shared, &wallet, &asked, &presentation)?;
    let next = match outcome {
        Ok(_) => RequestStatus::Completed,
        Err(_) => RequestStatus::Failed,
    };
    let stored = advance(shared, request_id, RequestStatus::Retrieved, next)?;
    let body = match outcome {
        Ok(credentials) => json!({
            "requestId": stored.record.request_id,
            "requestStatus": "presentation_verified",
            "state": stored.record.state,
            "subject": "did:ion:EiSandboxWalletHolder",
            "verifiedCredentialsData": credentials,
        }),
        Err((code, message)) => json!({
            "requestId": stored.record.request_id,
            "requestStatus": "presentation_error",
            "state": stored.record.state,
            "error": { "code": code, "message": message },
        }),
    };
    Ok(deliver(shared, &stored, body).await)
}

/// The service's verdict on the cards the wallet presents, one per requested credential:
/// `verifiedCredentialsData`, or a `presentation_error`'s `(code, message)`.
type Outcome = Result<Vec<Value>, (&'static str, &'static str)>;

/// Picks and checks the cards, in the order the service would (issuer and type, claim
/// constraints, revocation, Face Check). Messages marked UNCONFIRMED are plausible wordings.
fn presentation_outcome(
    shared: &Shared,
    wallet: &[StoredCard],
    asked: &[AskedCredential],
    presentation: &Presentation,
) -> Result<Outcome, WalletError> {
    let config = &shared.config;
    let now = now_unix();
    let mut presented = Vec::with_capacity(asked.len());
    for (index, asked) in asked.iter().enumerate() {
        let card = match (&presentation.credential, index) {
            (Some(id), 0) => Some(
                wallet
                    .iter()
                    .find(|c| c.card.id == *id)
                    .ok_or_else(|| WalletError::UnknownCredential(id.clone()))?
                    .clone(),
            ),
            _ => wallet
                .iter()
                .rev()
                .find(|c| asked.offers(&c.card) && c.card.expires_at > now)
                .cloned(),
        };
        // No card of that type: one issued elsewhere, with a photo, holding the given claims.
        let mut card = card.unwrap_or_else(|| StoredCard {
            card: WalletCard {
                id: "issued-elsewhere".into(),
                issuer: config.issuer_did.clone(),
                credential_type: asked.credential_type.clone(),
                claim_names: Vec::new(),
                photo: None,
                revoked: false,
                issued_at: now - 86_400,
                expires_at: now + 30 * 86_400,
            },
            claims: Map::new(),
        });
        let issued_elsewhere = card.card.id == "issued-elsewhere";
        if let Some(claims) = &presentation.claims {
            card.claims.extend(claims.clone());
        }
        if let Some(issuer) = &presentation.issuer {
            card.card.issuer = issuer.clone();
        }
        if let Some(credential_type) = &presentation.credential_type {
            card.card.credential_type = credential_type.clone();
        }
        let revoked = card.card.revoked || presentation.revoked;

        if card.card.credential_type != asked.credential_type {
            // UNCONFIRMED wording.
            return Ok(Err((
                "tokenError",
                "The presented verifiable credential is not of the requested credential type.",
            )));
        }
        if !asked.accepted_issuers.is_empty() && !asked.accepted_issuers.contains(&card.card.issuer)
        {
            // UNCONFIRMED wording.
            return Ok(Err((
                "tokenError",
                "The presented verifiable credential's issuer is not one of the accepted issuers.",
            )));
        }
        if !asked.constraints.iter().all(|c| c.holds(&card.claims)) {
            // UNCONFIRMED wording.
            return Ok(Err((
                "claimValidationError",
                "The presented verifiable credential does not meet the claim constraints.",
            )));
        }
        if revoked && !asked.allow_revoked {
            // Reference §4.2 ([WOODGROVE], apparently the service's text).
            return Ok(Err((
                "tokenError",
                "The presented verifiable credential with jti is revoked.",
            )));
        }
        let mut face_check = None;
        if let Some((photo_claim, threshold)) = &asked.face_check {
            // The card's photo; a card issued elsewhere is taken to have a good one.
            let photo = card
                .claims
                .get(photo_claim)
                .and_then(Value::as_str)
                .map(|value| IssuedPhoto::read(photo_claim, value).0);
            let usable = issued_elsewhere || photo.as_ref().is_some_and(IssuedPhoto::is_jpeg);
            if !usable {
                // UNCONFIRMED wording.
                return Ok(Err((
                    "claimValidationError",
                    "The presented verifiable credential has no usable source photo for faceCheck.",
                )));
            }
            let score = presentation.face_check_score.unwrap_or(DEFAULT_SCORE);
            if score < f64::from(*threshold) || score.is_nan() {
                // Reference §4.2 ([FC]).
                return Ok(Err((
                    "claimValidationError",
                    "Match confidence score failing to meet the threshold.",
                )));
            }
            // Only HIGH is documented; LOW for a photo under 200×200 is UNCONFIRMED.
            let quality = presentation
                .source_photo_quality
                .clone()
                .unwrap_or_else(|| {
                    let small = photo.as_ref().is_some_and(|p| !p.meets_size_rule());
                    if small { "LOW" } else { "HIGH" }.to_string()
                });
            face_check = Some(json!({
                "matchConfidenceScore": score,
                "sourcePhotoQuality": quality,
            }));
        }
        let mut credential = json!({
            "issuer": card.card.issuer,
            "type": ["VerifiableCredential", card.card.credential_type],
            "claims": card.claims,
            "credentialState": { "revocationStatus": if revoked { "REVOKED" } else { "VALID" } },
            "domainValidation": { "url": "https://sandbox.example/" },
            "issuanceDate": iso_date_time(card.card.issued_at),
            "expirationDate": iso_date_time(card.card.expires_at),
        });
        if let Some(face_check) = face_check {
            credential["faceCheck"] = face_check;
        }
        presented.push(credential);
    }
    Ok(Ok(presented))
}

/// The person declines in the wallet. Issuance: `IssuanceFlowFailed` / "user canceled" (the
/// wallet library's message, reference §4.2). Presentation: the same message with code
/// `userCanceled` (UNCONFIRMED: no presentation decline is documented).
pub async fn decline(shared: &Shared, request_id: &str) -> Result<CallbackDelivery, WalletError> {
    let kind = shared
        .state()
        .requests
        .get(request_id)
        .map(|stored| stored.record.kind);
    let code = match kind {
        Some(RequestKind::Presentation) => "userCanceled",
        _ => "IssuanceFlowFailed",
    };
    fail(shared, request_id, code, "user canceled").await
}

pub async fn fail(
    shared: &Shared,
    request_id: &str,
    code: &str,
    message: &str,
) -> Result<CallbackDelivery, WalletError> {
    let stored = advance(
        shared,
        request_id,
        RequestStatus::Retrieved,
        RequestStatus::Failed,
    )?;
    let status = match stored.record.kind {
        RequestKind::Issuance => "issuance_error",
        RequestKind::Presentation => "presentation_error",
    };
    let body = json!({
        "requestId": stored.record.request_id,
        "requestStatus": status,
        "state": stored.record.state,
        "error": { "code": code, "message": message },
    });
    Ok(deliver(shared, &stored, body).await)
}

/// The issuer revokes a card.
pub fn revoke(shared: &Shared, card_id: &str) -> Result<(), WalletError> {
    let mut state = shared.state();
    let card = state
        .wallet
        .iter_mut()
        .find(|stored| stored.card.id == card_id)
        .ok_or_else(|| WalletError::UnknownCredential(card_id.to_string()))?;
    card.card.revoked = true;
    Ok(())
}

pub fn expire(shared: &Shared, request_id: &str) -> Result<(), WalletError> {
    let mut state = shared.state();
    let Some(stored) = state.requests.get_mut(request_id) else {
        return Err(WalletError::UnknownRequest(request_id.to_string()));
    };
    stored.record.status = RequestStatus::Expired;
    Ok(())
}

/// POSTs the callback with exactly the configured headers and records the answer.
async fn deliver(shared: &Shared, stored: &StoredRequest, body: Value) -> CallbackDelivery {
    let request_status = body["requestStatus"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut request = shared
        .http
        .post(stored.record.callback_url.as_str())
        .json(&body);
    for (name, value) in &stored.callback_headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let delivery = match request.send().await {
        Ok(response) => CallbackDelivery {
            request_status,
            http_status: Some(response.status().as_u16()),
            error: None,
        },
        Err(error) => CallbackDelivery {
            request_status,
            http_status: None,
            error: Some(error.to_string()),
        },
    };
    if let Some(current) = shared.state().requests.get_mut(&stored.record.request_id) {
        current.record.callbacks.push(delivery.clone());
    }
    delivery
}

/// `GET …/{issuanceRequests|presentationRequests}/{id}`: the wallet fetching the request after
/// reading the QR code. Counts as a scan; answers a small request object, or 404 once gone.
pub async fn wallet_fetch(
    State(shared): State<Arc<Shared>>,
    Path((tenant, collection, id)): Path<(String, String, String)>,
) -> Response {
    let kind_matches = {
        let state = shared.state();
        state.requests.get(&id).map(|r| {
            matches!(
                (r.record.kind, collection.as_str()),
                (RequestKind::Issuance, "issuanceRequests")
                    | (RequestKind::Presentation, "presentationRequests")
            )
        })
    };
    if !tenant.eq_ignore_ascii_case(&shared.config.tenant_id) || kind_matches != Some(true) {
        return not_found();
    }
    match scan(&shared, &id).await {
        Ok(_) => (
            StatusCode::OK,
            axum::Json(json!({ "id": id, "iss": shared.config.issuer_did })),
        )
            .into_response(),
        Err(WalletError::WrongStep { .. }) => (
            StatusCode::OK,
            axum::Json(json!({ "id": id, "iss": shared.config.issuer_did })),
        )
            .into_response(),
        Err(_) => not_found(),
    }
}

fn not_found() -> Response {
    service_error(
        StatusCode::NOT_FOUND,
        Some(Inner {
            code: "notFound",
            message: "The request was not found or has expired.".into(),
            target: Some("requestId"),
        }),
    )
}
