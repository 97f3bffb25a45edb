//! The control API (stand-in only; not part of 1Kosmos) and the hosted-session page.
//!
//! | Method and path | Effect |
//! |---|---|
//! | `GET /control/sessions` | every session, oldest first: id, dvcID, journey, documentType, url, state, expiresAt |
//! | `GET /control/sessions/{id}` | one session |
//! | `POST /control/sessions/{id}/start` | pending → in progress |
//! | `POST /control/sessions/{id}/complete` | SUCCESS |
//! | `POST /control/sessions/{id}/fail` | FAILED; body `{"reasonCode": "IDV0010"}` |
//! | `POST /control/sessions/{id}/expire`, `…/abandon` | EXPIRED, ABANDONED |
//! | `POST /control/verify/fail` | `{"verification": "face_compare", "reasonCode": "IDV0007"}`: the next /verify fails it |
//! | `POST /control/clock` | `{"skewSeconds": -120}`: moves the server clock |
//!
//! Transitions answer 204, 404 for an unknown session, 409 once the session is finished.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{OneKosmosControlError, SessionRecord, SessionState, Shared};

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/control/sessions", get(list_sessions))
        .route("/control/sessions/{id}", get(one_session))
        .route("/control/sessions/{id}/{action}", post(act))
        .route("/control/verify/fail", post(verify_fail))
        .route("/control/clock", post(clock))
}

pub fn list(shared: &Shared) -> Vec<SessionRecord> {
    let now = shared.now();
    let mut state = shared.state();
    let ids = state.order.clone();
    ids.iter()
        .filter_map(|id| {
            let record = state.sessions.get_mut(id)?;
            if record.expires_at < now
                && matches!(
                    record.state,
                    SessionState::Pending | SessionState::InProgress
                )
            {
                record.state = SessionState::Expired;
            }
            Some(record.clone())
        })
        .collect()
}

pub fn transition(
    shared: &Shared,
    session_id: &str,
    to: SessionState,
) -> Result<(), OneKosmosControlError> {
    list(shared); // apply expiry first
    let mut state = shared.state();
    let record = state
        .sessions
        .get_mut(session_id)
        .ok_or(OneKosmosControlError::UnknownSession)?;
    let open = matches!(
        record.state,
        SessionState::Pending | SessionState::InProgress
    );
    if !open || (to == SessionState::InProgress && record.state != SessionState::Pending) {
        return Err(OneKosmosControlError::Finished);
    }
    record.state = to;
    Ok(())
}

fn answer(result: Result<(), OneKosmosControlError>) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(OneKosmosControlError::UnknownSession) => StatusCode::NOT_FOUND.into_response(),
        Err(OneKosmosControlError::Finished) => StatusCode::CONFLICT.into_response(),
    }
}

async fn list_sessions(State(shared): State<Arc<Shared>>) -> Response {
    Json(list(&shared)).into_response()
}

async fn one_session(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match list(&shared).into_iter().find(|s| s.session_id == id) {
        Some(record) => Json(record).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn act(
    State(shared): State<Arc<Shared>>,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let to = match action.as_str() {
        "start" => SessionState::InProgress,
        "complete" => SessionState::Succeeded,
        "fail" => SessionState::Failed {
            reason_code: body
                .get("reasonCode")
                .and_then(Value::as_str)
                .unwrap_or("IDV0007")
                .to_string(),
        },
        "expire" => SessionState::Expired,
        "abandon" => SessionState::Abandoned,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    answer(transition(&shared, &id, to))
}

async fn verify_fail(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (Some(verification), Some(code)) = (
        body.get("verification").and_then(Value::as_str),
        body.get("reasonCode").and_then(Value::as_str),
    ) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"message": "verification and reasonCode are required"})),
        )
            .into_response();
    };
    shared
        .state()
        .verify_failures
        .insert(verification.into(), code.into());
    StatusCode::NO_CONTENT.into_response()
}

async fn clock(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    match body.get("skewSeconds").and_then(Value::as_i64) {
        Some(skew) => {
            shared.state().clock_skew = skew;
            StatusCode::NO_CONTENT.into_response()
        }
        None => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// The page the phone opens from the QR code: a welcome with consent and decline.
pub async fn hosted_page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(record) = list(&shared).into_iter().find(|s| s.session_id == id) else {
        return (
            StatusCode::NOT_FOUND,
            "This verification link is not valid.",
        )
            .into_response();
    };
    let status = match record.state {
        SessionState::Pending => "Ready to start",
        SessionState::InProgress => "In progress",
        SessionState::Expired => "This link has expired",
        SessionState::Abandoned => "Declined",
        _ => "Completed",
    };
    let buttons = if record.state == SessionState::Pending {
        format!(
            "<form method=\"post\" action=\"/idproofing/session/{id}/consent\"><label><input type=\"checkbox\" required> I agree to share my identity document and a selfie.</label><button>Let's get started</button></form>\
             <form method=\"post\" action=\"/idproofing/session/{id}/decline\"><button>Decline</button></form>"
        )
    } else {
        String::new()
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>Identity verification (sandbox)</title></head><body><h1>Identity verification</h1>\
         <p>Sandbox stand-in for 1Kosmos. Journey: {journey:?}. Document: {doc}.</p><p id=\"status\">{status}</p>{buttons}</body></html>",
        journey = record.journey,
        doc = record.document_type,
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

pub async fn page_consent(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    answer(transition(&shared, &id, SessionState::InProgress))
}

pub async fn page_decline(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    answer(transition(&shared, &id, SessionState::Abandoned))
}
