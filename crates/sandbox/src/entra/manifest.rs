//! The credential manifest: `GET …/contracts/{contract}/manifest` answers `{"token": "<JWS>"}`
//! (reference §5.1 "Manifest pre-flight", §6). The JWS is signed with ES256K (secp256k1, the
//! curve of `did:ion` keys) by a key made at start; its payload carries `iss` (the issuer DID),
//! `display.card`, `display.claims` (with a photo claim of type `image/jpg;base64url` when
//! configured) and `input`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use k256::ecdsa::signature::Signer;
use k256::ecdsa::{Signature, SigningKey};
use serde_json::{json, Map, Value};

use super::wire::{service_error, service_fault, Inner};
use super::{now_unix, random_bytes, SandboxEndpoint, SandboxError, Shared};

pub fn new_signing_key() -> Result<SigningKey, SandboxError> {
    // A random 32-byte scalar is valid with overwhelming probability; retry the rare miss.
    for _ in 0..8 {
        if let Ok(key) = SigningKey::from_slice(&random_bytes::<32>()) {
            return Ok(key);
        }
    }
    Err(SandboxError::SigningKey(
        "no valid secp256k1 scalar after 8 tries".into(),
    ))
}

/// Contract ids look like base64 of a name (reference §2.1 example `MTIz...ZXJ0`).
pub fn contract_id(credential_type: &str) -> String {
    URL_SAFE_NO_PAD.encode(credential_type.as_bytes())
}

pub async fn serve_manifest(
    State(shared): State<Arc<Shared>>,
    Path((tenant, contract)): Path<(String, String)>,
) -> Response {
    if let Some(fault) = shared.arrive(SandboxEndpoint::Manifest) {
        return service_fault(fault);
    }
    if !tenant.eq_ignore_ascii_case(&shared.config.tenant_id) || contract != shared.contract_id {
        return service_error(
            StatusCode::NOT_FOUND,
            Some(Inner {
                code: "notFound",
                message: "The contract was not found.".into(),
                target: Some("contract"),
            }),
        );
    }
    (
        StatusCode::OK,
        axum::Json(json!({ "token": signed_manifest(&shared) })),
    )
        .into_response()
}

fn signed_manifest(shared: &Shared) -> String {
    let config = &shared.config;
    // The display definition's claims list becomes the manifest's map of display claims.
    let mut claims = Map::new();
    for shown in config.display["claims"].as_array().into_iter().flatten() {
        if let Some(name) = shown.get("claim").and_then(Value::as_str) {
            claims.insert(
                name.to_string(),
                json!({ "type": shown.get("type").cloned().unwrap_or(json!("String")), "label": shown.get("label").cloned().unwrap_or(json!(name)) }),
            );
        }
    }
    let base = &shared.base_url;
    let payload = json!({
        "id": config.credential_type,
        "display": {
            "locale": config.display.get("locale").cloned().unwrap_or(json!("en-US")),
            "contract": shared.manifest_url().as_str(),
            "card": config.display.get("card").cloned().unwrap_or(json!({})),
            "consent": config.display.get("consent").cloned().unwrap_or(json!({})),
            "claims": claims,
            "id": "display",
        },
        "input": {
            "credentialIssuer": format!("{base}v1.0/tenants/{}/verifiableCredentials/issue", config.tenant_id),
            "issuer": config.issuer_did,
            "attestations": config.rules.get("attestations").cloned().unwrap_or(json!({})),
            "id": "input",
        },
        "iss": config.issuer_did,
        "iat": now_unix(),
    });
    let header = json!({
        "alg": "ES256K",
        "typ": "JWT",
        "kid": format!("{}#sandbox-manifest-key", config.issuer_did),
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let signature: Signature = shared.signing_key.sign(signing_input.as_bytes());
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    )
}
