//! What an administrator configures for issuing, and how it is checked.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// The Entra values the integration guide asks for, plus where the services are.
///
/// Fields are public so that configuration loaders can fill them; [`IssuerConfig::validate`]
/// (called by [`crate::VerifiedIdClient::new`]) checks them all and names the field to fix.
#[derive(Debug, Clone)]
pub struct IssuerConfig {
    /// Token authority, default `https://login.microsoftonline.com/`.
    pub authority_host: Url,
    /// Directory (tenant) ID: a GUID.
    pub tenant_id: String,
    /// Application (client) ID of the app registration: a GUID.
    pub client_id: String,
    pub client_secret: SecretString,
    /// Request Service base, default `https://verifiedid.did.msidentity.com/v1.0/`.
    pub request_service: Url,
    /// Issuer DID (`did:web:…` or `did:ion:…`), sent as `authority`.
    pub issuer_did: String,
    /// The credential's manifest URL, sent as `manifest`.
    pub manifest_url: Url,
    /// Sent as `type`.
    pub credential_type: String,
    /// Sent as `registration.clientName`.
    pub client_name: String,
    /// Length of the PIN shown beside the QR code (4–16); `None` for no PIN.
    pub pin_length: Option<u8>,
    /// Send the PIN hashed (`base64(SHA-256(salt + pin))`, reference §2.1) instead of in plain.
    pub hash_pin: bool,
}

/// Default token authority.
pub const DEFAULT_AUTHORITY_HOST: &str = "https://login.microsoftonline.com/";
/// Default Request Service base.
pub const DEFAULT_REQUEST_SERVICE: &str = "https://verifiedid.did.msidentity.com/v1.0/";

impl IssuerConfig {
    /// A configuration with the public Microsoft endpoints, `type` equal to the credential type
    /// name given, a 4-digit PIN and `registration.clientName` "Enrollment Kiosk".
    pub fn new(
        tenant_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
        issuer_did: impl Into<String>,
        manifest_url: Url,
        credential_type: impl Into<String>,
    ) -> Self {
        Self {
            authority_host: Url::parse(DEFAULT_AUTHORITY_HOST).expect("constant URL parses"),
            tenant_id: tenant_id.into(),
            client_id: client_id.into(),
            client_secret,
            request_service: Url::parse(DEFAULT_REQUEST_SERVICE).expect("constant URL parses"),
            issuer_did: issuer_did.into(),
            manifest_url,
            credential_type: credential_type.into(),
            client_name: "Enrollment Kiosk".into(),
            pin_length: Some(4),
            hash_pin: false,
        }
    }

    /// Checks every field; the error names the field and the fix.
    pub fn validate(&self) -> Result<(), ConfigError> {
        check_guid("Tenant ID", &self.tenant_id)?;
        check_guid("Client ID", &self.client_id)?;
        if self.client_secret.expose_secret().trim().is_empty() {
            return Err(ConfigError::Missing {
                field: "Client Secret",
            });
        }
        check_service_url("Authority host", &self.authority_host)?;
        check_service_url("Request Service URL", &self.request_service)?;
        check_service_url("Manifest URL", &self.manifest_url)?;
        check_did(&self.issuer_did)?;
        if self.credential_type.trim().is_empty() {
            return Err(ConfigError::Missing {
                field: "Credential type",
            });
        }
        if self.client_name.trim().is_empty() {
            return Err(ConfigError::Missing {
                field: "Client name",
            });
        }
        if let Some(length) = self.pin_length {
            if !(4..=16).contains(&length) {
                return Err(ConfigError::PinLength { length });
            }
        }
        Ok(())
    }
}

/// A configuration value that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{field} is empty: copy it from the Entra admin center")]
    Missing { field: &'static str },
    #[error("{field} \"{value}\" is not a GUID (like 00001111-aaaa-2222-bbbb-3333cccc4444): copy it from the app registration's Overview page in the Entra admin center")]
    NotAGuid { field: &'static str, value: String },
    #[error("Issuer DID \"{value}\" must start with did:web: or did:ion: : copy it from Verified ID > Organization settings")]
    NotADid { value: String },
    #[error("{field} \"{url}\" must be an https:// URL (plain http is accepted only for a loopback test service)")]
    NotHttps { field: &'static str, url: String },
    #[error("PIN length {length} is outside 4 to 16 digits")]
    PinLength { length: u8 },
}

fn check_guid(field: &'static str, value: &str) -> Result<(), ConfigError> {
    if value.trim().is_empty() {
        return Err(ConfigError::Missing { field });
    }
    if is_guid(value) {
        Ok(())
    } else {
        Err(ConfigError::NotAGuid {
            field,
            value: value.to_string(),
        })
    }
}

/// `8-4-4-4-12` hexadecimal digits.
pub(crate) fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn check_did(value: &str) -> Result<(), ConfigError> {
    let rest = value
        .strip_prefix("did:web:")
        .or_else(|| value.strip_prefix("did:ion:"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.contains(char::is_whitespace) => Ok(()),
        _ if value.trim().is_empty() => Err(ConfigError::Missing {
            field: "Issuer DID",
        }),
        _ => Err(ConfigError::NotADid {
            value: value.to_string(),
        }),
    }
}

/// https, or http to a loopback address (the sandbox).
fn check_service_url(field: &'static str, url: &Url) -> Result<(), ConfigError> {
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(ConfigError::NotHttps {
            field,
            url: url.to_string(),
        }),
    }
}

/// The longest the client ever waits before a retry, whatever the policy or the service's
/// `Retry-After` say: a kiosk user is waiting at the screen.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// How the client retries 429 and 5xx answers. Delays are configurable so tests run fast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `max_retries + 1` attempts).
    pub max_retries: u32,
    /// First backoff delay when the service gives no `Retry-After`; doubles per retry.
    pub base_delay: Duration,
    /// Upper bound of a computed backoff delay.
    pub max_delay: Duration,
    /// Longest `Retry-After` the client waits for (at most [`MAX_RETRY_WAIT`]); a longer one
    /// ends the retries at once (the error carries the service's value).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0-based): the service's `Retry-After` when given
    /// (`None` when it is longer than [`RetryPolicy::max_retry_after`] or [`MAX_RETRY_WAIT`]:
    /// do not retry), else exponential backoff with jitter in `[d/2, d]`,
    /// `d = min(base · 2^retry, max, MAX_RETRY_WAIT)`.
    pub fn delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        if let Some(wait) = retry_after {
            return (wait <= self.max_retry_after.min(MAX_RETRY_WAIT)).then_some(wait);
        }
        let factor = 2u32.saturating_pow(retry.min(20));
        let full = self
            .base_delay
            .saturating_mul(factor)
            .min(self.max_delay)
            .min(MAX_RETRY_WAIT);
        let jitter = jitter.clamp(0.0, 1.0);
        Some(full.mul_f64(0.5 + 0.5 * jitter))
    }
}

/// How long before expiry a cached access token is replaced.
pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> IssuerConfig {
        IssuerConfig::new(
            "aaaabbbb-0000-cccc-1111-dddd2222eeee",
            "535fb089-9ff3-47b6-9bfb-4f1264799865",
            SecretString::from("secret"),
            "did:web:verifiedid.contoso.com",
            Url::parse("https://verifiedid.did.msidentity.com/v1.0/tenants/aaaabbbb-0000-cccc-1111-dddd2222eeee/verifiableCredentials/contracts/MTIz/manifest").unwrap(),
            "VerifiedEnrollment",
        )
    }

    #[test]
    fn a_complete_configuration_is_valid() {
        assert_eq!(valid().validate(), Ok(()));
    }

    #[test]
    fn each_bad_value_names_its_field() {
        let mut c = valid();
        c.tenant_id = "contoso".into();
        assert!(matches!(
            c.validate(),
            Err(ConfigError::NotAGuid {
                field: "Tenant ID",
                ..
            })
        ));

        let mut c = valid();
        c.client_id = "535fb089-9ff3-47b6-9bfb-4f126479986".into();
        assert!(matches!(
            c.validate(),
            Err(ConfigError::NotAGuid {
                field: "Client ID",
                ..
            })
        ));

        let mut c = valid();
        c.client_secret = SecretString::from(" ");
        assert_eq!(
            c.validate(),
            Err(ConfigError::Missing {
                field: "Client Secret"
            })
        );

        let mut c = valid();
        c.issuer_did = "did:key:z6Mk".into();
        assert!(matches!(c.validate(), Err(ConfigError::NotADid { .. })));

        let mut c = valid();
        c.manifest_url = Url::parse("http://contoso.com/manifest").unwrap();
        assert!(matches!(
            c.validate(),
            Err(ConfigError::NotHttps {
                field: "Manifest URL",
                ..
            })
        ));

        let mut c = valid();
        c.pin_length = Some(3);
        assert_eq!(c.validate(), Err(ConfigError::PinLength { length: 3 }));
        c.pin_length = Some(17);
        assert_eq!(c.validate(), Err(ConfigError::PinLength { length: 17 }));
    }

    #[test]
    fn loopback_http_is_accepted_for_the_sandbox() {
        let mut c = valid();
        c.request_service = Url::parse("http://127.0.0.1:4000/v1.0/").unwrap();
        c.authority_host = Url::parse("http://localhost:4000/").unwrap();
        assert_eq!(c.validate(), Ok(()));
    }

    #[test]
    fn backoff_honours_retry_after_and_caps_it() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(7)), 0.3),
            Some(Duration::from_secs(7))
        );
        assert_eq!(policy.delay(0, Some(Duration::from_secs(31)), 0.3), None);
        // Without Retry-After: jittered exponential, within [d/2, d], capped.
        assert_eq!(policy.delay(0, None, 0.0), Some(Duration::from_millis(250)));
        assert_eq!(policy.delay(0, None, 1.0), Some(Duration::from_millis(500)));
        assert_eq!(policy.delay(2, None, 1.0), Some(Duration::from_secs(2)));
        assert_eq!(policy.delay(10, None, 1.0), Some(Duration::from_secs(8)));
    }

    #[test]
    fn no_policy_waits_longer_than_a_minute() {
        let policy = RetryPolicy {
            max_retries: 3,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            max_retry_after: Duration::MAX,
        };
        assert_eq!(
            policy.delay(0, Some(MAX_RETRY_WAIT), 0.5),
            Some(MAX_RETRY_WAIT)
        );
        assert_eq!(policy.delay(0, Some(Duration::from_secs(61)), 0.5), None);
        assert_eq!(policy.delay(0, Some(Duration::MAX), 0.5), None);
        assert_eq!(policy.delay(30, None, 1.0), Some(MAX_RETRY_WAIT));
    }
}
