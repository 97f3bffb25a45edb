//! Response shapes of the Request Service and the token endpoint, as the reference documents
//! them (§2.4 error codes table, §1 AADSTS errors).

// Validation steps end in a ready HTTP answer; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::time::SystemTime;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::{random_bytes, Fault, Shared};

/// Largest request body the Request Service accepts (reference §7: 1 MB).
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// `error.code` and `error.message` for an HTTP status (reference §2.4).
pub fn outer_error(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("badRequest", "The request is invalid."),
        401 => (
            "unauthorized",
            "The requested resource requires authentication",
        ),
        403 => ("forbidden", "Missing permissions to fulfill this request."),
        404 => ("notFound", "The requested resource was not found."),
        405 => ("methodNotAllowed", "The method is not allowed."),
        413 => ("payloadTooLarge", "The payload is too large."),
        415 => ("unsupportedMediaType", "The media type is not supported."),
        429 => ("tooManyRequests", "Too many requests, try again later."),
        500 => ("internalServerError", "An internal server error occurred."),
        501 => ("notImplemented", "Not implemented."),
        502 => ("badGateway", "Bad gateway."),
        503 => ("serviceUnavailable", "The service is unavailable."),
        504 => ("gatewayTimeout", "Gateway timeout."),
        507 => ("insufficientStorage", "Insufficient storage."),
        _ => ("internalServerError", "An internal server error occurred."),
    }
}

/// `innererror` of a Request Service error.
pub struct Inner {
    pub code: &'static str,
    pub message: String,
    pub target: Option<&'static str>,
}

impl Inner {
    pub fn field(message: impl Into<String>, target: &'static str) -> Self {
        Self {
            code: "badOrMissingField",
            message: message.into(),
            target: Some(target),
        }
    }
}

/// A Request Service error in the current format: top-level `requestId`, `date`, `mscv`, and
/// `error {code, message, innererror?}`.
pub fn service_error(status: StatusCode, inner: Option<Inner>) -> Response {
    let (code, message) = outer_error(status);
    let mut error = json!({ "code": code, "message": message });
    if let Some(inner) = inner {
        let mut inner_json = json!({ "code": inner.code, "message": inner.message });
        if let Some(target) = inner.target {
            inner_json["target"] = Value::from(target);
        }
        error["innererror"] = inner_json;
    }
    let body = json!({
        "requestId": uuid::Uuid::new_v4().to_string(),
        "date": httpdate::fmt_http_date(SystemTime::now()),
        "mscv": mscv(),
        "error": error,
    });
    (status, axum::Json(body)).into_response()
}

pub fn bad_field(message: impl Into<String>, target: &'static str) -> Response {
    service_error(StatusCode::BAD_REQUEST, Some(Inner::field(message, target)))
}

/// A correlation vector like `QbBLwF7XAp0dt4Lw.1`.
fn mscv() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let bytes = random_bytes::<16>();
    let mut out: String = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    out.push_str(".1");
    out
}

/// An AADSTS error of the token endpoint (reference §1): `error`, `error_description` starting
/// with `AADSTSnnnn:`, `error_codes`, `timestamp`, `trace_id`, `correlation_id`.
pub fn aadsts_error(status: StatusCode, error: &str, code: u32, description: &str) -> Response {
    let trace_id = uuid::Uuid::new_v4().to_string();
    let correlation_id = uuid::Uuid::new_v4().to_string();
    let timestamp = time_stamp();
    let body = json!({
        "error": error,
        "error_description": format!(
            "AADSTS{code}: {description} Trace ID: {trace_id} Correlation ID: {correlation_id} Timestamp: {timestamp}"
        ),
        "error_codes": [code],
        "timestamp": timestamp,
        "trace_id": trace_id,
        "correlation_id": correlation_id,
    });
    (status, axum::Json(body)).into_response()
}

/// `YYYY-MM-DD HH:MM:SSZ` in UTC.
fn time_stamp() -> String {
    let secs = super::now_unix();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// ISO 8601 UTC date-time `yyyy-MM-ddTHH:mm:ssZ` for a Unix time.
pub fn iso_date_time(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Reads a body of at most `limit` bytes; `None` when it is larger.
pub async fn read_body(body: Body, limit: usize) -> Option<Bytes> {
    axum::body::to_bytes(body, limit).await.ok()
}

/// The answer to a scripted fault on a Request Service endpoint.
pub fn service_fault(fault: Fault) -> Response {
    match fault {
        Fault::TooManyRequests { retry_after } => {
            let mut response = service_error(
                StatusCode::TOO_MANY_REQUESTS,
                Some(Inner {
                    code: "transientError",
                    message: "The request was throttled. Retry later.".into(),
                    target: None,
                }),
            );
            add_retry_after(&mut response, retry_after);
            response
        }
        Fault::ServerError { status } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            service_error(status, None)
        }
        Fault::ExpiredToken => service_error(StatusCode::UNAUTHORIZED, Some(expired_token())),
        Fault::Canned { status, body } => canned(status, body),
    }
}

/// The answer to a scripted fault on the token endpoint (429/5xx carry AADSTS-style bodies).
pub fn token_fault(fault: Fault) -> Response {
    match fault {
        Fault::TooManyRequests { retry_after } => {
            let mut response = aadsts_error(
                StatusCode::TOO_MANY_REQUESTS,
                "temporarily_unavailable",
                50196,
                "The server terminated an operation because it encountered a client request loop.",
            );
            add_retry_after(&mut response, retry_after);
            response
        }
        Fault::ServerError { status } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            aadsts_error(
                status,
                "temporarily_unavailable",
                90033,
                "A transient error has occurred. Please try again.",
            )
        }
        Fault::ExpiredToken => aadsts_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000222,
            "The provided client secret keys for app are expired.",
        ),
        Fault::Canned { status, body } => canned(status, body),
    }
}

fn canned(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

fn add_retry_after(response: &mut Response, retry_after: Option<String>) {
    if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
}

/// UNCONFIRMED wording: the reference documents only the "contains no roles" message.
fn expired_token() -> Inner {
    Inner {
        code: "invalid_aad_access_token",
        message: "Provided access token has expired.".into(),
        target: None,
    }
}

/// Checks `Authorization: Bearer <token>` against issued tokens (reference §1, Request Service
/// auth errors). Returns the 401 to send when it fails.
pub fn check_bearer(shared: &Shared, headers: &HeaderMap) -> Result<(), Response> {
    let unauthorized = |message: &str| {
        service_error(
            StatusCode::UNAUTHORIZED,
            Some(Inner {
                code: "invalid_aad_access_token",
                message: message.into(),
                target: None,
            }),
        )
    };
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        // UNCONFIRMED wording.
        return Err(unauthorized("No access token was provided."));
    };
    let token = match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => return Err(unauthorized("No access token was provided.")),
    };
    let state = shared.state();
    match state.tokens.get(token) {
        None => Err(unauthorized("Provided access token is invalid.")),
        Some(issued) if issued.revoked || issued.expires_at <= SystemTime::now() => Err(
            service_error(StatusCode::UNAUTHORIZED, Some(expired_token())),
        ),
        Some(issued) if !issued.has_roles => {
            Err(unauthorized("Provided access token contains no roles."))
        }
        Some(_) => Ok(()),
    }
}
