//! What an administrator configures for 1Kosmos, validated with messages that name the field.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

/// The two journeys an enrollment desk offers; each has its own `dvcID` in AdminX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Journey {
    /// "KYC with Selfie": document checks plus `selfie_liveness` and `face_compare`.
    KycWithSelfie,
    /// "Document Verification Only": document checks, no selfie.
    DocumentVerificationOnly,
}

impl Journey {
    /// The name AdminX shows for the journey.
    pub fn label(self) -> &'static str {
        match self {
            Journey::KycWithSelfie => "KYC with Selfie",
            Journey::DocumentVerificationOnly => "Document Verification Only",
        }
    }
}

/// The `dvcID` configured for each journey (at least one must be set).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DvcIds {
    pub kyc_with_selfie: Option<String>,
    pub document_verification_only: Option<String>,
}

impl DvcIds {
    pub fn get(&self, journey: Journey) -> Option<&str> {
        match journey {
            Journey::KycWithSelfie => self.kyc_with_selfie.as_deref(),
            Journey::DocumentVerificationOnly => self.document_verification_only.as_deref(),
        }
    }
}

/// Default lifetime of cached community info, service directory and service public keys
/// (the 1Kosmos helpers use 10 minutes).
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(600);

/// The `appid` sent inside `requestid`.
pub const DEFAULT_APP_ID: &str = "com.enrollmentkiosk.desk";

/// 1Kosmos tenant configuration. `Debug` never shows the license key.
#[derive(Clone)]
pub struct OneKosmosConfig {
    /// Where the tenant is reached: `https://{tenant_dns}/` in production, the stand-in's
    /// loopback URL in demo mode and tests.
    pub base_url: Url,
    /// The tenant DNS name sent in bodies (`dns`, `tenantDNS`), e.g. `acme.1kosmos.net`.
    pub tenant_dns: String,
    /// The community name, often `default`.
    pub community: String,
    pub license_key: SecretString,
    pub dvc_ids: DvcIds,
    pub app_id: String,
    pub cache_ttl: Duration,
}

impl OneKosmosConfig {
    /// A configuration for a real tenant: `https://{tenant_dns}/`.
    pub fn for_tenant(
        tenant_dns: impl Into<String>,
        community: impl Into<String>,
        license_key: SecretString,
        dvc_ids: DvcIds,
    ) -> Result<Self, ConfigError> {
        let tenant_dns = tenant_dns.into().trim().to_ascii_lowercase();
        validate_dns(&tenant_dns)?;
        let base_url =
            Url::parse(&format!("https://{tenant_dns}/")).map_err(|_| ConfigError::TenantDns)?;
        let config = Self {
            base_url,
            tenant_dns,
            community: community.into(),
            license_key,
            dvc_ids,
            app_id: DEFAULT_APP_ID.into(),
            cache_ttl: DEFAULT_CACHE_TTL,
        };
        config.validate()?;
        Ok(config)
    }

    /// The same tenant reached at another base URL: a stand-in on loopback (demo mode, tests).
    pub fn at(mut self, base_url: Url) -> Result<Self, ConfigError> {
        self.base_url = base_url;
        self.validate()?;
        Ok(self)
    }

    /// Checks every field; the error names the field and the fix.
    pub fn validate(&self) -> Result<(), ConfigError> {
        validate_dns(&self.tenant_dns)?;
        let loopback = match self.base_url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d == "localhost",
            None => return Err(ConfigError::BaseUrl),
        };
        match self.base_url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(ConfigError::BaseUrl),
        }
        if self.community.trim().is_empty() {
            return Err(ConfigError::Community);
        }
        let license = self.license_key.expose_secret();
        if license.trim().is_empty() || license.chars().any(char::is_whitespace) {
            return Err(ConfigError::LicenseKey);
        }
        if self.dvc_ids.kyc_with_selfie.is_none()
            && self.dvc_ids.document_verification_only.is_none()
        {
            return Err(ConfigError::NoDvcId);
        }
        for (journey, id) in [
            (Journey::KycWithSelfie, &self.dvc_ids.kyc_with_selfie),
            (
                Journey::DocumentVerificationOnly,
                &self.dvc_ids.document_verification_only,
            ),
        ] {
            if let Some(id) = id {
                if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
                    return Err(ConfigError::DvcId(journey));
                }
            }
        }
        if self.app_id.trim().is_empty() {
            return Err(ConfigError::AppId);
        }
        Ok(())
    }
}

fn validate_dns(dns: &str) -> Result<(), ConfigError> {
    let ok = !dns.is_empty()
        && dns.len() <= 253
        && dns.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if ok {
        Ok(())
    } else {
        Err(ConfigError::TenantDns)
    }
}

impl std::fmt::Debug for OneKosmosConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneKosmosConfig")
            .field("base_url", &self.base_url.as_str())
            .field("tenant_dns", &self.tenant_dns)
            .field("community", &self.community)
            .field("license_key", &"[REDACTED]")
            .field("dvc_ids", &self.dvc_ids)
            .field("app_id", &self.app_id)
            .field("cache_ttl", &self.cache_ttl)
            .finish()
    }
}

/// A configuration value that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "1Kosmos tenant DNS must be a host name such as acme.1kosmos.net (no https://, no path)"
    )]
    TenantDns,
    #[error("1Kosmos tenant URL must be https:// (plain http only on this machine's loopback)")]
    BaseUrl,
    #[error("1Kosmos community must not be empty (it is often \"default\")")]
    Community,
    #[error("1Kosmos license key must not be empty or contain spaces; paste it from AdminX")]
    LicenseKey,
    #[error("set the 1Kosmos dvcID of at least one journey (KYC with Selfie or Document Verification Only)")]
    NoDvcId,
    #[error("the 1Kosmos dvcID for \"{}\" must not be empty or contain spaces", .0.label())]
    DvcId(Journey),
    #[error("the 1Kosmos app id must not be empty")]
    AppId,
    #[error("no 1Kosmos dvcID is configured for the journey \"{}\"", .0.label())]
    JourneyNotConfigured(Journey),
}
