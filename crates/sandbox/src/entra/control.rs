//! The control API (stand-in only; not part of Entra), for tests, demo mode and people:
//!
//! | Method and path | Effect |
//! |---|---|
//! | `GET /control/requests` | every request, oldest first: id, kind, url, state, status, expiry, callbacks sent with the HTTP status each got |
//! | `GET /control/requests/{id}` | one request |
//! | `POST /control/requests/{id}/scan` | wallet scans: `request_retrieved` |
//! | `POST /control/requests/{id}/complete` | issuance: `issuance_successful`, and the card goes into the wallet; presentation: as `present` with optional body `{"claims": {…}, "faceCheckScore": 90.5}` |
//! | `POST /control/requests/{id}/present` | presentation: the wallet presents a card and the stand-in checks it as the service would (type and accepted issuers, claim constraints, revocation, Face Check against the threshold), then sends `presentation_verified` with `verifiedCredentialsData` (claims, `credentialState`, `faceCheck`) or `presentation_error`. Optional body, every field optional: `{"credential": "<card id>", "faceCheckScore": 55, "sourcePhotoQuality": "HIGH", "revoked": true, "issuer": "did:web:other.example", "type": "OtherCard", "claims": {…}}`. Default: the newest card of the requested type from an accepted issuer (or, with none, a card "issued elsewhere" holding `claims`), score 86.314159 |
//! | `POST /control/requests/{id}/decline` | the person declines in Authenticator: `issuance_error` (`IssuanceFlowFailed`) / `presentation_error` (`userCanceled`), message `user canceled` |
//! | `POST /control/requests/{id}/fail` | `issuance_error` / `presentation_error`; optional body `{"code": …, "message": …}` (default `IssuanceFlowFailed` / `issuance_service_error`) |
//! | `POST /control/requests/{id}/expire` | the request is gone: later steps answer 410 |
//! | `GET /control/requests/{id}/photo` | the JPEG an issuance request's photo claim decoded to (`image/jpeg`), 404 when none |
//! | `GET /control/credentials` | the wallet's cards, oldest first: id (the issuance request's), issuer, type, claim names, photo (encoding, size), revoked |
//! | `POST /control/credentials/{id}/revoke` | the issuer revokes the card: presenting it fails unless the request allows revoked cards |
//! | `POST /control/billing` | `{"faceCheck": false}`: Face Check is not billed, so requests with it are refused ("Premium features cannot be used until billing is enabled…"); `true` restores |
//! | `POST /control/faults` | `{"endpoint": "token"\|"createIssuanceRequest"\|"createPresentationRequest"\|"manifest", "fault": {"kind": "tooManyRequests", "retryAfter": "1"}, "times": 2}` |
//! | `GET /control/calls` | how many calls each endpoint received |
//! | `POST /control/tokens/expire` | every issued access token expires |
//!
//! Wallet steps answer 200 with the callback delivery (`{requestStatus, httpStatus, error}`),
//! 404 for an unknown id (request or card), 410 once expired, 409 when the step is out of order
//! (complete, present, decline or fail before scan; present to an issuance request).

// Validation steps end in a ready HTTP answer; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::wallet::{self, WalletError};
use super::{Fault, RequestRecord, SandboxEndpoint, Shared};

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/control/requests", get(list_requests))
        .route("/control/requests/{id}", get(one_request))
        .route("/control/requests/{id}/scan", post(scan))
        .route("/control/requests/{id}/complete", post(complete))
        .route("/control/requests/{id}/present", post(present))
        .route("/control/requests/{id}/decline", post(decline))
        .route("/control/requests/{id}/fail", post(fail))
        .route("/control/requests/{id}/expire", post(expire))
        .route("/control/requests/{id}/photo", get(photo))
        .route("/control/credentials", get(list_credentials))
        .route("/control/credentials/{id}/revoke", post(revoke))
        .route("/control/billing", post(billing))
        .route("/control/faults", post(inject_fault))
        .route("/control/calls", get(calls))
        .route("/control/tokens/expire", post(expire_tokens))
}

pub fn list(shared: &Shared) -> Vec<RequestRecord> {
    let now = super::now_unix();
    let state = shared.state();
    let mut stored: Vec<_> = state.requests.values().collect();
    stored.sort_by_key(|s| s.created_seq);
    stored
        .into_iter()
        .map(|s| {
            let mut record = s.record.clone();
            if record.expiry < now {
                record.status = super::RequestStatus::Expired;
            }
            record
        })
        .collect()
}

async fn list_requests(State(shared): State<Arc<Shared>>) -> Response {
    axum::Json(list(&shared)).into_response()
}

async fn one_request(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match list(&shared).into_iter().find(|r| r.request_id == id) {
        Some(record) => axum::Json(record).into_response(),
        None => wallet_error(WalletError::UnknownRequest(id)),
    }
}

fn wallet_error(error: WalletError) -> Response {
    (
        error.http_status(),
        axum::Json(json!({ "error": error.to_string() })),
    )
        .into_response()
}

fn delivered(result: Result<super::CallbackDelivery, WalletError>) -> Response {
    match result {
        Ok(delivery) => axum::Json(delivery).into_response(),
        Err(error) => wallet_error(error),
    }
}

/// Parses an optional JSON body; an empty body is `T::default()`.
fn optional_body<T: for<'de> Deserialize<'de> + Default>(body: &Bytes) -> Result<T, Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|error| {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({ "error": format!("invalid control request body: {error}") })),
        )
            .into_response()
    })
}

async fn scan(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    delivered(wallet::scan(&shared, &id).await)
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompleteBody {
    claims: Option<Map<String, Value>>,
    face_check_score: Option<f64>,
}

async fn complete(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let body: CompleteBody = match optional_body(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    delivered(wallet::complete(&shared, &id, body.claims, body.face_check_score).await)
}

async fn present(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let presentation: wallet::Presentation = match optional_body(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    delivered(wallet::present(&shared, &id, presentation).await)
}

async fn decline(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    delivered(wallet::decline(&shared, &id).await)
}

async fn photo(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let value = shared
        .state()
        .requests
        .get(&id)
        .and_then(|stored| stored.photo_value.clone());
    let claim = shared.config.photo_claim().map(|names| names.output);
    match (value, claim) {
        (Some(value), Some(claim)) => {
            let (_, bytes) = super::credentials::IssuedPhoto::read(&claim, &value);
            ([(axum::http::header::CONTENT_TYPE, "image/jpeg")], bytes).into_response()
        }
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({ "error": format!("request {id} carried no photo claim") })),
        )
            .into_response(),
    }
}

async fn list_credentials(State(shared): State<Arc<Shared>>) -> Response {
    let cards: Vec<_> = shared
        .state()
        .wallet
        .iter()
        .map(|stored| stored.card.clone())
        .collect();
    axum::Json(cards).into_response()
}

async fn revoke(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match wallet::revoke(&shared, &id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => wallet_error(error),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BillingBody {
    face_check: bool,
}

async fn billing(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<BillingBody>(&body) {
        Ok(body) => {
            shared.state().face_check_billing_off = !body.face_check;
            StatusCode::NO_CONTENT.into_response()
        }
        Err(error) => (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({ "error": format!("invalid billing body: {error}") })),
        )
            .into_response(),
    }
}

#[derive(Default, Deserialize)]
struct FailBody {
    code: Option<String>,
    message: Option<String>,
}

async fn fail(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> Response {
    let body: FailBody = match optional_body(&body) {
        Ok(body) => body,
        Err(response) => return response,
    };
    // The documented example (reference §4.2).
    let code = body.code.unwrap_or_else(|| "IssuanceFlowFailed".into());
    let message = body
        .message
        .unwrap_or_else(|| "issuance_service_error".into());
    delivered(wallet::fail(&shared, &id, &code, &message).await)
}

async fn expire(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match wallet::expire(&shared, &id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => wallet_error(error),
    }
}

#[derive(Deserialize)]
struct FaultBody {
    endpoint: SandboxEndpoint,
    fault: Fault,
    times: Option<usize>,
}

async fn inject_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let body: FaultBody = match serde_json::from_slice(&body) {
        Ok(body) => body,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({ "error": format!("invalid fault: {error}") })),
            )
                .into_response()
        }
    };
    let mut state = shared.state();
    let queue = state.faults.entry(body.endpoint).or_default();
    queue.extend(std::iter::repeat_n(body.fault, body.times.unwrap_or(1)));
    StatusCode::NO_CONTENT.into_response()
}

async fn calls(State(shared): State<Arc<Shared>>) -> Response {
    let state = shared.state();
    let count = |e: SandboxEndpoint| state.calls.get(&e).copied().unwrap_or(0);
    axum::Json(json!({
        "token": count(SandboxEndpoint::Token),
        "createIssuanceRequest": count(SandboxEndpoint::CreateIssuanceRequest),
        "createPresentationRequest": count(SandboxEndpoint::CreatePresentationRequest),
        "manifest": count(SandboxEndpoint::Manifest),
    }))
    .into_response()
}

async fn expire_tokens(State(shared): State<Arc<Shared>>) -> Response {
    for token in shared.state().tokens.values_mut() {
        token.revoked = true;
    }
    StatusCode::NO_CONTENT.into_response()
}
