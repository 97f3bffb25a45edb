//! `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant (reference §1).
//!
//! Checks, in the order Entra reports them: tenant, `grant_type`, `client_id`, client secret,
//! `scope`. Client authentication may be in the form body or HTTP Basic (RFC 6749 §2.3.1).
//! `invalid_client` answers 401 (RFC 6749 §5.2), everything else 400.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;

use super::wire::{aadsts_error, read_body, token_fault};
use super::{random_bytes, IssuedToken, SandboxEndpoint, Shared, REQUEST_SERVICE_SCOPE};

const MAX_FORM_BODY: usize = 64 * 1024;

pub async fn token(
    State(shared): State<Arc<Shared>>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if let Some(fault) = shared.arrive(SandboxEndpoint::Token) {
        return token_fault(fault);
    }
    let Some(body) = read_body(body, MAX_FORM_BODY).await else {
        return aadsts_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body is too large.",
        );
    };
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let config = &shared.config;

    if !tenant.eq_ignore_ascii_case(&config.tenant_id) {
        return aadsts_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90002,
            &format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        );
    }
    let missing = |name: &str| {
        aadsts_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            &format!("The request body must contain the following parameter: '{name}'."),
        )
    };
    match form.get("grant_type").map(String::as_str) {
        None | Some("") => return missing("grant_type"),
        Some("client_credentials") => {}
        Some(_) => {
            return aadsts_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                70003,
                "The app requested an unsupported grant type.",
            )
        }
    }

    let basic = basic_credentials(&headers);
    let client_id = form
        .get("client_id")
        .cloned()
        .or_else(|| basic.as_ref().map(|(id, _)| id.clone()));
    let Some(client_id) = client_id.filter(|id| !id.is_empty()) else {
        return missing("client_id");
    };
    if !client_id.eq_ignore_ascii_case(&config.client_id) {
        return aadsts_error(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            &format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."),
        );
    }
    let secret = form
        .get("client_secret")
        .cloned()
        .or_else(|| basic.map(|(_, secret)| secret));
    match secret {
        None => {
            return aadsts_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )
        }
        Some(secret) if secret != config.client_secret => {
            return aadsts_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                7000215,
                &format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{}'.", config.client_id),
            )
        }
        Some(_) => {}
    }

    let Some(scope) = form.get("scope").filter(|s| !s.is_empty()) else {
        return missing("scope");
    };
    if scope != REQUEST_SERVICE_SCOPE {
        if let Some(resource) = scope.strip_suffix("/.default") {
            return aadsts_error(
                StatusCode::BAD_REQUEST,
                "invalid_resource",
                500011,
                &format!("The resource principal named {resource} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant."),
            );
        }
        return aadsts_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            1002012,
            &format!("The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."),
        );
    }

    let access_token = format!(
        "sandbox.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
    );
    let lifetime = config.token_lifetime;
    shared.state().tokens.insert(
        access_token.clone(),
        IssuedToken {
            expires_at: SystemTime::now() + lifetime,
            revoked: false,
            has_roles: config.grant_roles,
        },
    );
    let body = json!({
        "token_type": "Bearer",
        "expires_in": lifetime.as_secs(),
        "ext_expires_in": lifetime.as_secs(),
        "access_token": access_token,
    });
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// `Authorization: Basic base64(urlencoded(id):urlencoded(secret))` (RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| {
        url::form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}
