//! Request and response bodies of `createIssuanceRequest` (reference §2) and
//! `createPresentationRequest` (§3).
//!
//! Bodies that carry the callback api-key or claims are serialized only when sent and have no
//! Debug output that shows them.

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use url::Url;

use crate::random;

/// Where the service should send callbacks for one request: the URL, a fresh `state` and a fresh
/// api-key (sent back as the `api-key` header and checked by the receiver).
#[derive(Debug, Clone)]
pub struct CallbackTarget {
    pub url: Url,
    pub state: String,
    pub api_key: SecretString,
}

impl CallbackTarget {
    /// A target with a random GUID state and a random 256-bit api-key.
    pub fn fresh(url: Url) -> Self {
        Self {
            url,
            state: random::uuid_v4(),
            api_key: random::api_key(),
        }
    }
}

/// `callback` as sent: `{url, state, headers: {"api-key": …}}`.
pub(crate) struct CallbackSpec<'a>(pub &'a CallbackTarget);

impl Serialize for CallbackSpec<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Headers<'a>(&'a SecretString);
        impl Serialize for Headers<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("api-key", self.0.expose_secret())?;
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("url", self.0.url.as_str())?;
        map.serialize_entry("state", &self.0.state)?;
        map.serialize_entry("headers", &Headers(&self.0.api_key))?;
        map.end()
    }
}

/// `registration`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub client_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms_of_service_url: Option<String>,
}

impl Registration {
    pub fn named(client_name: impl Into<String>) -> Self {
        Self {
            client_name: client_name.into(),
            purpose: None,
            logo_url: None,
            terms_of_service_url: None,
        }
    }
}

/// `pin`: plain `{value, length}` or hashed `{value, length, salt, alg, iterations}`.
#[derive(Serialize)]
pub(crate) struct PinSpec {
    pub value: String,
    pub length: u8,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u32>,
}

/// The `createIssuanceRequest` body.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IssuanceRequestBody<'a> {
    pub authority: &'a str,
    #[serde(rename = "includeQRCode")]
    pub include_qr_code: bool,
    pub registration: Registration,
    pub callback: CallbackSpec<'a>,
    #[serde(rename = "type")]
    pub credential_type: &'a str,
    pub manifest: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<PinSpec>,
    pub claims: BTreeMap<&'a str, &'a str>,
}

/// The 201 answer of both create endpoints.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreatedBody {
    pub request_id: String,
    pub url: String,
    pub expiry: i64,
}

/// An issuance request the wallet can pick up: show `url` as a QR code until `expiry_unix`, and
/// the PIN beside it when there is one.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuanceOffer {
    pub request_id: String,
    /// `openid-vc://?request_uri=…`; treat as opaque.
    pub url: String,
    /// Unix seconds.
    pub expiry_unix: i64,
    /// The plain PIN to show (the service got it plain or hashed).
    pub pin: Option<String>,
}

impl std::fmt::Debug for IssuanceOffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuanceOffer")
            .field("request_id", &self.request_id)
            .field("url", &self.url)
            .field("expiry_unix", &self.expiry_unix)
            .field("pin", &self.pin.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// A presentation request the wallet can pick up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentationOffer {
    pub request_id: String,
    pub url: String,
    pub expiry_unix: i64,
}

/// The `createPresentationRequest` body (reference §3.1).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresentationRequest {
    /// Verifier DID.
    pub authority: String,
    #[serde(rename = "includeQRCode")]
    pub include_qr_code: bool,
    /// Not allowed together with Face Check.
    pub include_receipt: bool,
    pub registration: Registration,
    #[serde(serialize_with = "serialize_callback")]
    pub callback: CallbackTarget,
    pub requested_credentials: Vec<RequestedCredential>,
}

fn serialize_callback<S: Serializer>(
    target: &CallbackTarget,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    CallbackSpec(target).serialize(serializer)
}

impl PresentationRequest {
    /// A request for one credential type, no QR image, no receipt.
    pub fn new(
        authority: impl Into<String>,
        registration: Registration,
        callback: CallbackTarget,
        requested: RequestedCredential,
    ) -> Self {
        Self {
            authority: authority.into(),
            include_qr_code: false,
            include_receipt: false,
            registration,
            callback,
            requested_credentials: vec![requested],
        }
    }
}

/// `requestedCredentials[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestedCredential {
    #[serde(rename = "type")]
    pub credential_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Empty means any issuer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_issuers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<ClaimConstraint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration: Option<CredentialConfiguration>,
}

impl RequestedCredential {
    pub fn of_type(credential_type: impl Into<String>) -> Self {
        Self {
            credential_type: credential_type.into(),
            purpose: None,
            accepted_issuers: Vec::new(),
            constraints: Vec::new(),
            configuration: None,
        }
    }
}

/// A claim constraint: `claimName` and exactly one rule (AND across constraints, case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimConstraint {
    pub claim_name: String,
    #[serde(flatten)]
    pub rule: ConstraintRule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConstraintRule {
    /// Any of these values.
    Values(Vec<String>),
    Contains(String),
    StartsWith(String),
}

/// `configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialConfiguration {
    pub validation: CredentialValidation,
}

/// `configuration.validation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialValidation {
    pub allow_revoked: bool,
    pub validate_linked_domain: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub face_check: Option<FaceCheckRequest>,
}

/// `faceCheck`: threshold 50–100 (default 70).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceCheckRequest {
    pub source_photo_claim_name: String,
    pub match_confidence_threshold: u8,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn presentation_request_serializes_as_documented() {
        let callback = CallbackTarget {
            url: Url::parse("https://contoso.com/api/verifier/presentationCallback").unwrap(),
            state: "92d076dd-450a-4247-aa5b-d2e75a1a5d58".into(),
            api_key: SecretString::from("KEY"),
        };
        let mut requested = RequestedCredential::of_type("VerifiedEmployee");
        requested.accepted_issuers = vec!["did:web:learn.contoso.com".into()];
        requested.constraints = vec![
            ClaimConstraint {
                claim_name: "courseCode".into(),
                rule: ConstraintRule::Values(vec!["FC100".into(), "FC110".into()]),
            },
            ClaimConstraint {
                claim_name: "courseTitle".into(),
                rule: ConstraintRule::Contains("network".into()),
            },
        ];
        requested.configuration = Some(CredentialConfiguration {
            validation: CredentialValidation {
                allow_revoked: false,
                validate_linked_domain: true,
                face_check: Some(FaceCheckRequest {
                    source_photo_claim_name: "photo".into(),
                    match_confidence_threshold: 70,
                }),
            },
        });
        let mut registration = Registration::named("Contoso Job Application Center");
        registration.purpose = Some("Provide proof of attended courses".into());
        let request = PresentationRequest::new(
            "did:web:verifiedid.contoso.com",
            registration,
            callback,
            requested,
        );
        let value = serde_json::to_value(&request).unwrap();
        assert_eq!(
            value,
            json!({
                "authority": "did:web:verifiedid.contoso.com",
                "includeQRCode": false,
                "includeReceipt": false,
                "registration": { "clientName": "Contoso Job Application Center", "purpose": "Provide proof of attended courses" },
                "callback": {
                    "url": "https://contoso.com/api/verifier/presentationCallback",
                    "state": "92d076dd-450a-4247-aa5b-d2e75a1a5d58",
                    "headers": { "api-key": "KEY" }
                },
                "requestedCredentials": [{
                    "type": "VerifiedEmployee",
                    "acceptedIssuers": ["did:web:learn.contoso.com"],
                    "constraints": [
                        { "claimName": "courseCode", "values": ["FC100", "FC110"] },
                        { "claimName": "courseTitle", "contains": "network" }
                    ],
                    "configuration": { "validation": {
                        "allowRevoked": false,
                        "validateLinkedDomain": true,
                        "faceCheck": { "sourcePhotoClaimName": "photo", "matchConfidenceThreshold": 70 }
                    } }
                }]
            })
        );
        assert!(
            !format!("{request:?}").contains("KEY"),
            "api-key must not show in Debug output"
        );
    }
}
