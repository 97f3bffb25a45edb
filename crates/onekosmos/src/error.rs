//! One error type for the crate, in 1Kosmos terms. Messages never carry response bodies,
//! images, names, keys or the license key.

use crate::config::ConfigError;
use crate::envelope::EnvelopeError;

/// Which 1Kosmos call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    CommunityInfo,
    ServiceDirectory,
    PublicKey,
    CreateSession,
    PollResult,
    PollResultLegacy,
    Verify,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Endpoint::CommunityInfo => "community info",
            Endpoint::ServiceDirectory => "service directory",
            Endpoint::PublicKey => "service public key",
            Endpoint::CreateSession => "create document share session",
            Endpoint::PollResult => "document share session result",
            Endpoint::PollResultLegacy => "document share session result (legacy)",
            Endpoint::Verify => "verify",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("could not reach 1Kosmos ({endpoint}): {source}")]
    Transport {
        endpoint: Endpoint,
        #[source]
        source: reqwest::Error,
    },
    /// 401: the license key is unknown, revoked or not for this service.
    #[error("1Kosmos refused the license key ({endpoint})")]
    LicenseRejected { endpoint: Endpoint },
    /// 404: an unknown dvcID or session.
    #[error("1Kosmos does not know this {endpoint} target: {message}")]
    NotFound { endpoint: Endpoint, message: String },
    /// Another 4xx, with the service's own message (e.g. "dvcID is required", a rejected
    /// `requestid`, a header that cannot be decrypted).
    #[error("1Kosmos rejected the request ({endpoint}, HTTP {status}): {message}")]
    Rejected {
        endpoint: Endpoint,
        status: u16,
        message: String,
    },
    #[error("1Kosmos had a server error ({endpoint}, HTTP {status})")]
    Server { endpoint: Endpoint, status: u16 },
    #[error("1Kosmos answer could not be decrypted ({endpoint}): {source}")]
    Envelope {
        endpoint: Endpoint,
        #[source]
        source: EnvelopeError,
    },
    /// The answer is not what the reference describes; `detail` never quotes the body.
    #[error("1Kosmos answer was not understood ({endpoint}): {detail}")]
    InvalidResponse { endpoint: Endpoint, detail: String },
}

/// An [`Error`] as it may be logged: the call, the kind and the HTTP status, never the
/// service's own message (which can echo what was sent: names, document numbers).
pub struct LogSummary<'a>(&'a Error);

impl std::fmt::Display for LogSummary<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Error::Config(_) => write!(f, "configuration"),
            Error::Transport { endpoint, .. } => write!(f, "{endpoint}: not reachable"),
            Error::LicenseRejected { endpoint } => {
                write!(f, "{endpoint}: license refused (HTTP 401)")
            }
            Error::NotFound { endpoint, .. } => write!(f, "{endpoint}: not found (HTTP 404)"),
            Error::Rejected {
                endpoint, status, ..
            } => write!(f, "{endpoint}: rejected (HTTP {status})"),
            Error::Server { endpoint, status } => {
                write!(f, "{endpoint}: server error (HTTP {status})")
            }
            Error::Envelope { endpoint, .. } => write!(f, "{endpoint}: envelope"),
            Error::InvalidResponse { endpoint, .. } => {
                write!(f, "{endpoint}: answer not understood")
            }
        }
    }
}

impl Error {
    /// What may go to a log: see [`LogSummary`].
    pub fn log_summary(&self) -> LogSummary<'_> {
        LogSummary(self)
    }

    pub(crate) fn invalid(endpoint: Endpoint, detail: impl Into<String>) -> Self {
        Error::InvalidResponse {
            endpoint,
            detail: detail.into(),
        }
    }

    /// A JSON error without its excerpt: serde_json messages can quote values.
    pub(crate) fn json(endpoint: Endpoint, error: &serde_json::Error) -> Self {
        Error::invalid(
            endpoint,
            format!(
                "malformed JSON ({:?} at line {} column {})",
                error.classify(),
                error.line(),
                error.column()
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_logged_names_the_call_and_status_but_never_the_service_message() {
        let error = Error::Rejected {
            endpoint: Endpoint::Verify,
            status: 400,
            message: "lastName SAMPLE does not match document D1234567".into(),
        };
        assert!(
            error.to_string().contains("SAMPLE"),
            "the admin screen still sees it"
        );
        let logged = error.log_summary().to_string();
        assert_eq!(logged, "verify: rejected (HTTP 400)");
        let error = Error::NotFound {
            endpoint: Endpoint::PollResult,
            message: "session for ada@example.com".into(),
        };
        assert!(!error.log_summary().to_string().contains("ada@"));
    }
}
