//! The wallet simulator: what Microsoft Authenticator and the Request Service do after the QR
//! code is shown. Each step sends the callback (reference §4) with exactly the headers the
//! caller configured, and records the HTTP status the receiver answered.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

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
}

impl WalletError {
    pub(super) fn http_status(&self) -> StatusCode {
        match self {
            WalletError::UnknownRequest(_) => StatusCode::NOT_FOUND,
            WalletError::Expired(_) => StatusCode::GONE,
            WalletError::WrongStep { .. } => StatusCode::CONFLICT,
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
    let stored = advance(
        shared,
        request_id,
        RequestStatus::Retrieved,
        RequestStatus::Completed,
    )?;
    let body = match stored.record.kind {
        RequestKind::Issuance => json!({
            "requestId": stored.record.request_id,
            "requestStatus": "issuance_successful",
            "state": stored.record.state,
        }),
        RequestKind::Presentation => {
            let now = now_unix();
            let credential_type = stored
                .requested_type
                .clone()
                .unwrap_or_else(|| shared.config.credential_type.clone());
            let mut credential = json!({
                "issuer": shared.config.issuer_did,
                "type": ["VerifiableCredential", credential_type],
                "claims": presented_claims.unwrap_or_default(),
                "credentialState": { "revocationStatus": "VALID" },
                "domainValidation": { "url": "https://sandbox.example/" },
                "issuanceDate": iso_date_time(now - 86_400),
                "expirationDate": iso_date_time(now + 30 * 86_400),
            });
            if stored.face_check {
                credential["faceCheck"] = json!({
                    "matchConfidenceScore": face_check_score.unwrap_or(86.314159),
                    "sourcePhotoQuality": "HIGH",
                });
            }
            json!({
                "requestId": stored.record.request_id,
                "requestStatus": "presentation_verified",
                "state": stored.record.state,
                "subject": "did:ion:EiSandboxWalletHolder",
                "verifiedCredentialsData": [credential],
            })
        }
    };
    Ok(deliver(shared, &stored, body).await)
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
