//! Request and response bodies of `createIssuanceRequest` (reference §2) and
//! `createPresentationRequest` (§3).
//!
//! Bodies that carry the callback api-key or claims are serialized only when sent and have no
//! Debug output that shows them.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

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

impl PresentationOffer {
    /// Whether the request's five minutes are over at `now_unix`. No callback says so
    /// (reference §7), so the session's clock reports
    /// [`crate::PresentationFailureReason::RequestExpired`].
    pub fn has_expired(&self, now_unix: i64) -> bool {
        now_unix >= self.expiry_unix
    }
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
    /// A checked request: credential type(s), accepted issuers, Face Check and claim
    /// constraints, validated by [`PresentationRequestBuilder::build`].
    pub fn builder(
        authority: impl Into<String>,
        registration: Registration,
    ) -> PresentationRequestBuilder {
        PresentationRequestBuilder {
            authority: authority.into(),
            registration,
            credential_types: Vec::new(),
            purpose: None,
            accepted_issuers: Vec::new(),
            constraints: Vec::new(),
            face_check: None,
            allow_revoked: false,
            validate_linked_domain: true,
        }
    }

    /// The Face Check asked for, if any (the first requested credential that asks).
    pub fn face_check(&self) -> Option<&FaceCheckRequest> {
        self.requested_credentials.iter().find_map(|requested| {
            requested
                .configuration
                .as_ref()?
                .validation
                .face_check
                .as_ref()
        })
    }

    /// Checks what the service would refuse (reference §3.1), so a bad configuration is named
    /// before anything is sent: at least one credential type; DIDs as authority and accepted
    /// issuers; a Face Check threshold of 50–100 on a named photo claim, and no receipt with
    /// it; constraints with a claim name and a non-empty operand (the one-operator rule is kept
    /// by [`ConstraintRule`] itself).
    pub fn validate(&self) -> Result<(), PresentationRequestError> {
        if !is_did(&self.authority) {
            return Err(PresentationRequestError::NotADid {
                field: "authority",
                value: self.authority.clone(),
            });
        }
        if self.requested_credentials.is_empty() {
            return Err(PresentationRequestError::NoCredentialType);
        }
        let mut seen = Vec::new();
        for requested in &self.requested_credentials {
            let credential_type = requested.credential_type.trim();
            if credential_type.is_empty() {
                return Err(PresentationRequestError::NoCredentialType);
            }
            if seen.contains(&credential_type) {
                return Err(PresentationRequestError::DuplicateCredentialType {
                    credential_type: credential_type.to_string(),
                });
            }
            seen.push(credential_type);
            for issuer in &requested.accepted_issuers {
                if !is_did(issuer) {
                    return Err(PresentationRequestError::NotADid {
                        field: "accepted issuer",
                        value: issuer.clone(),
                    });
                }
            }
            for constraint in &requested.constraints {
                constraint.validate()?;
            }
            let face_check = requested
                .configuration
                .as_ref()
                .and_then(|c| c.validation.face_check.as_ref());
            if let Some(face_check) = face_check {
                face_check.validate()?;
                if self.include_receipt {
                    return Err(PresentationRequestError::ReceiptWithFaceCheck);
                }
            }
        }
        Ok(())
    }

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

impl ClaimConstraint {
    /// The claim equals one of `values` (case-insensitive).
    pub fn values<V: Into<String>>(
        claim_name: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        Self {
            claim_name: claim_name.into(),
            rule: ConstraintRule::Values(values.into_iter().map(Into::into).collect()),
        }
    }

    /// The claim contains `text` (case-insensitive).
    pub fn contains(claim_name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            claim_name: claim_name.into(),
            rule: ConstraintRule::Contains(text.into()),
        }
    }

    /// The claim starts with `text` (case-insensitive).
    pub fn starts_with(claim_name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            claim_name: claim_name.into(),
            rule: ConstraintRule::StartsWith(text.into()),
        }
    }

    /// A claim name and something to compare with: an empty operand would match everything
    /// (`contains ""`) or nothing (`values []`), which is never what was meant.
    fn validate(&self) -> Result<(), PresentationRequestError> {
        let empty_operand = match &self.rule {
            ConstraintRule::Values(values) => {
                values.is_empty() || values.iter().any(|v| v.trim().is_empty())
            }
            ConstraintRule::Contains(text) | ConstraintRule::StartsWith(text) => {
                text.trim().is_empty()
            }
        };
        if self.claim_name.trim().is_empty() || empty_operand {
            return Err(PresentationRequestError::EmptyConstraint {
                claim_name: self.claim_name.clone(),
            });
        }
        Ok(())
    }
}

/// The one operator of a [`ClaimConstraint`]: an enum, so a constraint cannot carry zero or
/// two of them (the service refuses both, reference §3.1). No regexes.
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

/// The Face Check thresholds the service accepts (reference §3.1 and §7: integer 50–100).
pub const FACE_CHECK_THRESHOLDS: RangeInclusive<u8> = 50..=100;

/// The threshold when none is configured (reference §3.1, §7: default 70; Microsoft suggests
/// 80–90 for security uses, assurance-and-fleet §4).
pub const DEFAULT_FACE_CHECK_THRESHOLD: u8 = 70;

impl FaceCheckRequest {
    /// Face Check against the credential's photo claim `source_photo_claim_name`, passing at
    /// `match_confidence_threshold` (50–100).
    pub fn new(
        source_photo_claim_name: impl Into<String>,
        match_confidence_threshold: u8,
    ) -> Result<Self, PresentationRequestError> {
        let request = Self {
            source_photo_claim_name: source_photo_claim_name.into(),
            match_confidence_threshold,
        };
        request.validate()?;
        Ok(request)
    }

    fn validate(&self) -> Result<(), PresentationRequestError> {
        if self.source_photo_claim_name.trim().is_empty() {
            return Err(PresentationRequestError::NoPhotoClaimName);
        }
        if !FACE_CHECK_THRESHOLDS.contains(&self.match_confidence_threshold) {
            return Err(PresentationRequestError::FaceCheckThreshold {
                threshold: self.match_confidence_threshold,
            });
        }
        Ok(())
    }
}

/// Why a presentation request cannot be sent; each names what to change in the configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresentationRequestError {
    #[error("no credential type to ask for; configure the credential type(s) to verify")]
    NoCredentialType,
    #[error("credential type \"{credential_type}\" is asked for twice; list each type once")]
    DuplicateCredentialType { credential_type: String },
    #[error("{field} \"{value}\" is not a DID (did:web:… or did:ion:…); copy it from Verified ID > Organization settings of the issuing tenant")]
    NotADid { field: &'static str, value: String },
    #[error("Face Check threshold {threshold} is outside 50–100; choose a value in that range (70 is the default, 80–90 is suggested for security uses)")]
    FaceCheckThreshold { threshold: u8 },
    #[error("Face Check needs the name of the credential's photo claim")]
    NoPhotoClaimName,
    #[error("a presentation receipt cannot be requested together with Face Check; leave includeReceipt off")]
    ReceiptWithFaceCheck,
    #[error("the constraint on claim \"{claim_name}\" has an empty claim name or nothing to compare with; give a value, a text it contains or a text it starts with")]
    EmptyConstraint { claim_name: String },
}

/// Builds a [`PresentationRequest`]: the credential type(s) to present, the issuers accepted,
/// Face Check and claim constraints. Every requested type gets the same issuers, constraints
/// and validation. `includeQRCode` and `includeReceipt` are always false (the kiosk draws its
/// own QR; a receipt is for debugging and impossible with Face Check).
#[derive(Debug, Clone)]
pub struct PresentationRequestBuilder {
    authority: String,
    registration: Registration,
    credential_types: Vec<String>,
    purpose: Option<String>,
    accepted_issuers: Vec<String>,
    constraints: Vec<ClaimConstraint>,
    face_check: Option<FaceCheckRequest>,
    allow_revoked: bool,
    validate_linked_domain: bool,
}

impl PresentationRequestBuilder {
    /// Adds a credential type to ask for (`requestedCredentials[].type`).
    pub fn credential_type(mut self, credential_type: impl Into<String>) -> Self {
        self.credential_types.push(credential_type.into());
        self
    }

    /// Adds several credential types.
    pub fn credential_types<T: Into<String>>(mut self, types: impl IntoIterator<Item = T>) -> Self {
        self.credential_types
            .extend(types.into_iter().map(Into::into));
        self
    }

    /// Adds an issuer DID whose credentials are accepted; none means any issuer.
    pub fn accepted_issuer(mut self, issuer_did: impl Into<String>) -> Self {
        self.accepted_issuers.push(issuer_did.into());
        self
    }

    /// Adds several accepted issuer DIDs.
    pub fn accepted_issuers<T: Into<String>>(
        mut self,
        issuers: impl IntoIterator<Item = T>,
    ) -> Self {
        self.accepted_issuers
            .extend(issuers.into_iter().map(Into::into));
        self
    }

    /// `requestedCredentials[].purpose` (not shown by Authenticator).
    pub fn purpose(mut self, purpose: impl Into<String>) -> Self {
        self.purpose = Some(purpose.into());
        self
    }

    /// Adds a claim constraint (all must hold).
    pub fn constraint(mut self, constraint: ClaimConstraint) -> Self {
        self.constraints.push(constraint);
        self
    }

    /// Face Check against `photo_claim_name` at `threshold` (checked by `build`: 50–100).
    pub fn face_check(mut self, photo_claim_name: impl Into<String>, threshold: u8) -> Self {
        self.face_check = Some(FaceCheckRequest {
            source_photo_claim_name: photo_claim_name.into(),
            match_confidence_threshold: threshold,
        });
        self
    }

    /// Whether a revoked credential is presented as verified (with its revocation status)
    /// instead of failing. Default false, as the service's.
    pub fn allow_revoked(mut self, allow: bool) -> Self {
        self.allow_revoked = allow;
        self
    }

    /// Whether the service checks the issuer's linked domain. Default true, as the official
    /// samples (the service's own default is false).
    pub fn validate_linked_domain(mut self, validate: bool) -> Self {
        self.validate_linked_domain = validate;
        self
    }

    /// The request, with callbacks to `callback`, or why it cannot be sent.
    pub fn build(
        self,
        callback: CallbackTarget,
    ) -> Result<PresentationRequest, PresentationRequestError> {
        let configuration = CredentialConfiguration {
            validation: CredentialValidation {
                allow_revoked: self.allow_revoked,
                validate_linked_domain: self.validate_linked_domain,
                face_check: self.face_check,
            },
        };
        let requested_credentials = self
            .credential_types
            .into_iter()
            .map(|credential_type| RequestedCredential {
                credential_type,
                purpose: self.purpose.clone(),
                accepted_issuers: self.accepted_issuers.clone(),
                constraints: self.constraints.clone(),
                configuration: Some(configuration.clone()),
            })
            .collect();
        let request = PresentationRequest {
            authority: self.authority,
            include_qr_code: false,
            include_receipt: false,
            registration: self.registration,
            callback,
            requested_credentials,
        };
        request.validate()?;
        Ok(request)
    }
}

/// `did:<method>:<id>` without spaces (the service's authority check, reference §2.4, refuses
/// anything else as "not a valid authority DID").
fn is_did(value: &str) -> bool {
    let mut parts = value.splitn(3, ':');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some("did"), Some(method), Some(id))
            if !method.is_empty() && !id.is_empty() && !value.contains(char::is_whitespace)
    )
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

    fn callback() -> CallbackTarget {
        CallbackTarget {
            url: Url::parse("https://relay.example/cb").unwrap(),
            state: "s".into(),
            api_key: SecretString::from("KEY"),
        }
    }

    fn builder() -> PresentationRequestBuilder {
        PresentationRequest::builder("did:web:kiosk.example", Registration::named("Desk"))
            .credential_type("VerifiedEnrollment")
    }

    #[test]
    fn the_builder_makes_the_documented_face_check_request() {
        let request = builder()
            .accepted_issuer("did:web:kiosk.example")
            .constraint(ClaimConstraint::values("assurance_level", ["IAL2", "IAL3"]))
            .constraint(ClaimConstraint::contains("email", "@contoso.com"))
            .constraint(ClaimConstraint::starts_with("given_name", "Al"))
            .face_check("photo", DEFAULT_FACE_CHECK_THRESHOLD)
            .build(callback())
            .unwrap();
        let value = serde_json::to_value(&request).unwrap();
        assert_eq!(value["includeReceipt"], false);
        assert_eq!(value["includeQRCode"], false);
        assert_eq!(
            value["requestedCredentials"],
            json!([{
                "type": "VerifiedEnrollment",
                "acceptedIssuers": ["did:web:kiosk.example"],
                "constraints": [
                    { "claimName": "assurance_level", "values": ["IAL2", "IAL3"] },
                    { "claimName": "email", "contains": "@contoso.com" },
                    { "claimName": "given_name", "startsWith": "Al" }
                ],
                "configuration": { "validation": {
                    "allowRevoked": false,
                    "validateLinkedDomain": true,
                    "faceCheck": { "sourcePhotoClaimName": "photo", "matchConfidenceThreshold": 70 }
                } }
            }])
        );
        assert_eq!(
            request.face_check().map(|f| f.match_confidence_threshold),
            Some(70)
        );
        // Several types: one requested credential each, same rules.
        let two = builder()
            .credential_type("VerifiedEmployee")
            .build(callback())
            .unwrap();
        assert_eq!(two.requested_credentials.len(), 2);
        assert_eq!(
            two.requested_credentials[1].credential_type,
            "VerifiedEmployee"
        );
    }

    #[test]
    fn the_builder_refuses_what_the_service_would() {
        use PresentationRequestError as E;
        let refused = |b: PresentationRequestBuilder| b.build(callback()).unwrap_err();
        for threshold in [0, 49, 101, 255] {
            assert_eq!(
                refused(builder().face_check("photo", threshold)),
                E::FaceCheckThreshold { threshold }
            );
        }
        for threshold in [50, 100] {
            builder()
                .face_check("photo", threshold)
                .build(callback())
                .unwrap();
        }
        assert_eq!(refused(builder().face_check(" ", 70)), E::NoPhotoClaimName);
        assert_eq!(
            refused(PresentationRequest::builder(
                "did:web:kiosk.example",
                Registration::named("Desk")
            )),
            E::NoCredentialType
        );
        assert_eq!(
            refused(builder().credential_type("VerifiedEnrollment")),
            E::DuplicateCredentialType {
                credential_type: "VerifiedEnrollment".into()
            }
        );
        assert!(matches!(
            refused(builder().accepted_issuer("contoso.com")),
            E::NotADid {
                field: "accepted issuer",
                ..
            }
        ));
        assert!(matches!(
            refused(
                PresentationRequest::builder("kiosk", Registration::named("D"))
                    .credential_type("T")
            ),
            E::NotADid {
                field: "authority",
                ..
            }
        ));
        for constraint in [
            ClaimConstraint::values("assurance_level", Vec::<String>::new()),
            ClaimConstraint::contains("email", ""),
            ClaimConstraint::starts_with("", "Al"),
        ] {
            assert!(matches!(
                refused(builder().constraint(constraint)),
                E::EmptyConstraint { .. }
            ));
        }
        // A receipt cannot be turned on behind the builder's back.
        let mut request = builder().face_check("photo", 70).build(callback()).unwrap();
        request.include_receipt = true;
        assert_eq!(request.validate(), Err(E::ReceiptWithFaceCheck));
        assert!(FaceCheckRequest::new("photo", 40).is_err());
        assert!(FaceCheckRequest::new("photo", 90).is_ok());
    }
}
