//! Errors of the client, in Verified ID terms, each with a message an administrator can act on.
//!
//! Two error shapes come back from Microsoft (reference §1 and §2.4):
//! - the token endpoint's OAuth errors with an `AADSTSnnnn:` description → [`TokenError`];
//! - the Request Service's `{requestId, date, mscv, error: {code, message, innererror?}}`, and its
//!   legacy form without `innererror` → [`ServiceError`].

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use crate::requests::PresentationRequestError;

/// Everything that can go wrong talking to Entra Verified ID.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The token endpoint refused to issue an access token.
    #[error("Entra did not issue an access token: {0}")]
    Token(TokenError),
    /// The Request Service (or the manifest endpoint) answered with an error.
    #[error("the Verified ID Request Service refused the request: {0}")]
    Service(ServiceError),
    /// No HTTP answer at all (DNS, connection, TLS, timeout).
    #[error(
        "could not reach {endpoint}: {source}; check the network connection and the configured URL"
    )]
    Transport {
        endpoint: Endpoint,
        #[source]
        source: reqwest::Error,
    },
    /// An answer that is not in any documented shape.
    #[error("{endpoint} answered HTTP {status} with an unexpected body ({detail}); check that the configured URL points at the right service")]
    UnexpectedResponse {
        endpoint: Endpoint,
        status: u16,
        detail: String,
    },
    /// The manifest was signed by another issuer than the configured Issuer DID.
    #[error("the credential manifest belongs to issuer {manifest_issuer}, but the configured Issuer DID is {configured}; copy both from the same Verified ID credential")]
    ManifestIssuerMismatch {
        configured: String,
        manifest_issuer: String,
    },
    /// The request would be larger than the service accepts (1 MB).
    #[error("the issuance request is {size} bytes, more than the 1 MB the service accepts; use a smaller photo")]
    PayloadTooLarge { size: usize },
    /// A claim name is empty or given twice.
    #[error("claim name \"{name}\" is empty or given more than once; check the claim names in the configuration")]
    InvalidClaim { name: String },
    /// A presentation request the service would refuse; nothing was sent.
    #[error("the presentation request was not sent: {0}")]
    InvalidPresentationRequest(#[from] PresentationRequestError),
}

/// Which endpoint an error came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Token,
    CreateIssuanceRequest,
    CreatePresentationRequest,
    Manifest,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Endpoint::Token => "the Entra token endpoint",
            Endpoint::CreateIssuanceRequest => "the Verified ID createIssuanceRequest endpoint",
            Endpoint::CreatePresentationRequest => {
                "the Verified ID createPresentationRequest endpoint"
            }
            Endpoint::Manifest => "the credential manifest URL",
        })
    }
}

/// An OAuth error from the token endpoint (reference §1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    pub status: u16,
    /// OAuth `error`, e.g. `invalid_client`.
    pub error: String,
    /// The AADSTS number, from `error_codes[0]` or the description.
    pub aadsts: Option<u32>,
    /// `error_description` up to the first line break / trace trailer.
    pub description: String,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
}

#[derive(Deserialize)]
struct TokenErrorBody {
    error: String,
    #[serde(default)]
    error_description: String,
    #[serde(default)]
    error_codes: Vec<u32>,
    trace_id: Option<String>,
    correlation_id: Option<String>,
}

impl TokenError {
    /// Parses the documented body; `None` if the body is not in that shape.
    pub fn parse(status: u16, body: &[u8]) -> Option<Self> {
        let parsed: TokenErrorBody = serde_json::from_slice(body).ok()?;
        let aadsts = parsed
            .error_codes
            .first()
            .copied()
            .or_else(|| aadsts_from_description(&parsed.error_description));
        let description = parsed
            .error_description
            .split(['\r', '\n'])
            .next()
            .unwrap_or_default()
            .split(" Trace ID:")
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        Some(Self {
            status,
            error: parsed.error,
            aadsts,
            description,
            trace_id: parsed.trace_id,
            correlation_id: parsed.correlation_id,
        })
    }

    /// What the administrator should do, for the AADSTS codes a kiosk meets.
    pub fn advice(&self) -> &'static str {
        match (self.aadsts, self.error.as_str()) {
            (Some(7000215), _) => "the client secret is wrong or has expired; paste the secret's Value (not its ID) from the app registration's Certificates & secrets page",
            (Some(7000222), _) => "the client secret has expired; create a new one under the app registration's Certificates & secrets",
            (Some(7000218), _) => "no client secret was sent; enter the client secret",
            (Some(700016), _) => "the Client ID is not an application in this tenant; check the Client ID and the Tenant ID",
            (Some(90002), _) | (Some(900023), _) => "the Tenant ID is not known; copy the Directory (tenant) ID from the Entra admin center",
            (Some(1002012), _) | (Some(70011), _) => "the scope was refused; the kiosk must ask for 3db474b9-6a0c-4840-96ac-1fceb342124f/.default",
            (Some(500011), _) => "the Verifiable Credentials Service Request app is not in this tenant; set up Verified ID in the tenant first",
            (Some(700024), _) | (Some(7000112), _) => "the application is disabled or its credential is not valid; check the app registration",
            (_, "invalid_client") => "the client credentials were refused; check the Client ID and client secret",
            (_, "temporarily_unavailable") => "Entra is temporarily unavailable; try again in a few minutes",
            _ => "check the Tenant ID, Client ID and client secret",
        }
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.aadsts {
            Some(code) => write!(f, "{} (AADSTS{code}, {})", self.advice(), self.error)?,
            None => write!(f, "{} ({})", self.advice(), self.error)?,
        }
        if let Some(trace_id) = &self.trace_id {
            write!(f, "; trace ID {trace_id}")?;
        }
        Ok(())
    }
}

fn aadsts_from_description(description: &str) -> Option<u32> {
    let rest = description.strip_prefix("AADSTS")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A Request Service error (reference §2.4), current or legacy format.
///
/// Its `Display` and `Debug` show the advice, status, codes, target and request ID, but not the
/// service's messages: a validation message may quote a refused value (a claim), and errors are
/// logged. The messages stay available in the fields for a screen that shows them.
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceError {
    pub status: u16,
    /// `error.code`: `badRequest`, `unauthorized`, … or a legacy `client_request.*` code.
    pub code: String,
    pub message: String,
    pub inner: Option<InnerError>,
    pub request_id: Option<String>,
    pub date: Option<String>,
    pub mscv: Option<String>,
    /// The `Retry-After` the service sent, if any.
    pub retry_after: Option<Duration>,
}

/// `error.innererror`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct InnerError {
    pub code: String,
    #[serde(default)]
    pub message: String,
    pub target: Option<String>,
}

impl fmt::Debug for InnerError {
    /// Without the message (see [`ServiceError`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InnerError")
            .field("code", &self.code)
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ServiceError {
    /// Without the messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("inner", &self.inner)
            .field("request_id", &self.request_id)
            .field("date", &self.date)
            .field("mscv", &self.mscv)
            .field("retry_after", &self.retry_after)
            .finish_non_exhaustive()
    }
}

/// What a [`ServiceError`] means for the administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceErrorKind {
    /// `authority` is not this tenant's DID.
    InvalidAuthority,
    /// The manifest could not be fetched (`fetch_contract_error`).
    ManifestUnreachable,
    /// The callback URL was refused (not public, not https).
    CallbackUrlRefused,
    /// Another field was refused (`badOrMissingField` with this target).
    InvalidField {
        target: Option<String>,
    },
    /// 401: the access token was refused (missing roles, expired).
    AccessTokenRefused,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 413.
    PayloadTooLarge,
    /// 429.
    TooManyRequests,
    /// Billing not enabled for premium features (Face Check).
    BillingNotEnabled,
    /// 5xx.
    ServiceUnavailable,
    Other,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServiceErrorBody {
    request_id: Option<String>,
    date: Option<String>,
    mscv: Option<String>,
    error: ServiceErrorObject,
}

#[derive(Deserialize)]
struct ServiceErrorObject {
    code: String,
    #[serde(default)]
    message: String,
    innererror: Option<InnerError>,
}

impl ServiceError {
    /// Parses the documented body; `None` if the body is not in that shape.
    pub fn parse(status: u16, body: &[u8], retry_after: Option<Duration>) -> Option<Self> {
        let parsed: ServiceErrorBody = serde_json::from_slice(body).ok()?;
        Some(Self {
            status,
            code: parsed.error.code,
            message: parsed.error.message,
            inner: parsed.error.innererror,
            request_id: parsed.request_id,
            date: parsed.date,
            mscv: parsed.mscv,
            retry_after,
        })
    }

    pub fn kind(&self) -> ServiceErrorKind {
        let inner_code = self.inner.as_ref().map(|i| i.code.as_str());
        let inner_message = self
            .inner
            .as_ref()
            .map(|i| i.message.as_str())
            .unwrap_or("");
        let target = self.inner.as_ref().and_then(|i| i.target.as_deref());
        if inner_message.contains("billing") {
            return ServiceErrorKind::BillingNotEnabled;
        }
        if inner_message.contains("fetch_contract_error")
            || self.message.contains("fetch_contract_error")
        {
            return ServiceErrorKind::ManifestUnreachable;
        }
        match (self.status, inner_code, target) {
            (401, _, _) => ServiceErrorKind::AccessTokenRefused,
            (403, _, _) => ServiceErrorKind::Forbidden,
            (404, _, _) => ServiceErrorKind::NotFound,
            (413, _, _) => ServiceErrorKind::PayloadTooLarge,
            (429, _, _) => ServiceErrorKind::TooManyRequests,
            (500..=599, _, _) => ServiceErrorKind::ServiceUnavailable,
            (_, _, Some("authority")) => ServiceErrorKind::InvalidAuthority,
            (_, _, Some(t)) if t.starts_with("callback") => ServiceErrorKind::CallbackUrlRefused,
            (_, Some("badOrMissingField"), t) => ServiceErrorKind::InvalidField {
                target: t.map(String::from),
            },
            _ if self.code.starts_with("client_request.") => {
                ServiceErrorKind::InvalidField { target: None }
            }
            _ => ServiceErrorKind::Other,
        }
    }

    fn advice(&self) -> String {
        match self.kind() {
            ServiceErrorKind::InvalidAuthority => "the Issuer DID is not this tenant's DID; copy it from Verified ID > Organization settings".into(),
            ServiceErrorKind::ManifestUnreachable => "the credential manifest could not be fetched; copy the manifest URL from the credential's page in Verified ID".into(),
            ServiceErrorKind::CallbackUrlRefused => "the callback URL was refused; it must be a public https:// address (configure the callback relay URL)".into(),
            ServiceErrorKind::InvalidField { target: Some(t) } => format!("the request field `{t}` was refused"),
            ServiceErrorKind::InvalidField { target: None } => "a request field was refused".into(),
            ServiceErrorKind::AccessTokenRefused => "the access token was refused; grant the app registration the VerifiableCredential.Create.All (or .IssueRequest) application permission of \"Verifiable Credentials Service Request\" and grant admin consent".into(),
            ServiceErrorKind::Forbidden => "the app registration lacks permission for this request; grant admin consent for the Verifiable Credentials Service Request permission".into(),
            ServiceErrorKind::NotFound => "the service does not know this resource; check the Request Service URL".into(),
            ServiceErrorKind::PayloadTooLarge => "the request is larger than the service accepts (1 MB); use a smaller photo".into(),
            ServiceErrorKind::TooManyRequests => "the service is throttling requests; try again in a minute".into(),
            ServiceErrorKind::BillingNotEnabled => "premium features (Face Check) need billing enabled by the tenant administrator".into(),
            ServiceErrorKind::ServiceUnavailable => "the Verified ID service is unavailable; try again in a few minutes".into(),
            ServiceErrorKind::Other => "the request was refused".into(),
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}, {}", self.advice(), self.status, self.code)?;
        if let Some(inner) = &self.inner {
            write!(f, "; {}", inner.code)?;
            if let Some(target) = &inner.target {
                write!(f, " [{target}]")?;
            }
        }
        f.write_str(")")?;
        if let Some(request_id) = &self.request_id {
            write!(f, "; request ID {request_id}")?;
        }
        Ok(())
    }
}
