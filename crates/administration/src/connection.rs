//! *Test connection*: each service's checks, step by step, in words an administrator can act
//! on. The clients it tests are built by [`clients`](crate::clients), as production's are.

use enrollment::language::Phrase;
use onekosmos::OneKosmosClient;
use verified_id::VerifiedIdClient;

use crate::credential_definition::{manifest_problems, Expected};
use crate::view::{CheckStep, ConnectionReport, Service};

/// A step of a check: `label` and `detail` are phrase identifiers of `admin.ftl`.
pub(crate) fn step(label: &str, ok: bool, detail: Vec<Phrase>) -> CheckStep {
    CheckStep {
        label: Phrase::new(label),
        ok,
        detail,
    }
}

fn report(service: Service, steps: Vec<CheckStep>) -> ConnectionReport {
    ConnectionReport {
        service,
        ok: steps.iter().all(|s| s.ok),
        steps,
    }
}

/// A report for a client that could not even be built (a missing secret, a bad setting).
pub fn setup_failed(service: Service, problem: Vec<Phrase>) -> ConnectionReport {
    report(service, vec![step("admin-step-settings", false, problem)])
}

/// A library's error, which only its own words describe: shown as it is.
pub(crate) fn error_text(error: &dyn std::fmt::Display) -> Phrase {
    Phrase::new("admin-check-error").with("error", error.to_string())
}

const SIGN_IN: &str = "admin-step-sign-in";
const MANIFEST: &str = "admin-step-manifest";
const CLAIMS: &str = "admin-step-claims";

/// Entra: an access token with the client credentials, then the manifest's issuer against the
/// configured Issuer DID, then its claims against what the kiosk sends (with the photo claim,
/// when the kiosk sends photos). Each step runs only when the one before passes.
pub async fn check_entra(client: &VerifiedIdClient, photo_claim: Option<&str>) -> ConnectionReport {
    let mut steps = Vec::new();
    match client.check_credentials().await {
        Ok(()) => steps.push(step(
            SIGN_IN,
            true,
            vec![Phrase::new("admin-check-entra-token")],
        )),
        Err(error) => {
            let mut detail = vec![error_text(&error)];
            if matches!(error, verified_id::Error::Token(_)) {
                detail.push(Phrase::new("admin-hint-entra-credentials"));
            }
            steps.push(step(SIGN_IN, false, detail));
            return report(Service::Entra, steps);
        }
    }
    let check = match client.check_manifest().await {
        Ok(check) => {
            steps.push(step(
                MANIFEST,
                true,
                vec![Phrase::new("admin-check-manifest-issuer")
                    .with("issuer", check.issuer_did.as_str())],
            ));
            check
        }
        Err(error) => {
            steps.push(step(MANIFEST, false, vec![error_text(&error)]));
            return report(Service::Entra, steps);
        }
    };
    let config = client.config();
    let problems = manifest_problems(
        &check,
        &Expected {
            tenant_id: &config.tenant_id,
            manifest_url: &config.manifest_url,
            credential_type: &config.credential_type,
            photo_claim,
        },
    );
    steps.push(if problems.is_empty() {
        let count = u32::try_from(enrollment::claims::ISSUED_CLAIMS.len()).unwrap_or(u32::MAX);
        step(
            CLAIMS,
            true,
            vec![Phrase::new("admin-check-claims-ok").with("count", count)],
        )
    } else {
        step(CLAIMS, false, problems)
    });
    report(Service::Entra, steps)
}

/// 1Kosmos: the community, the service directory and DocuVerify's public key, then whether
/// the license key is accepted.
pub async fn check_onekosmos(client: &OneKosmosClient) -> ConnectionReport {
    match client.check_connection().await {
        Ok(found) => {
            let community = match found.tenant_name {
                Some(tenant) => Phrase::new("admin-check-community-in-tenant")
                    .with("tenant", tenant)
                    .with("community", found.community_name.as_str()),
                None => Phrase::new("admin-check-community")
                    .with("community", found.community_name.as_str()),
            };
            let mut steps = vec![
                step("admin-step-community", true, vec![community]),
                step(
                    "admin-step-service-key",
                    true,
                    vec![Phrase::new("admin-check-service-key")
                        .with("url", found.docuverify.to_string())],
                ),
            ];
            steps.push(if found.license_accepted {
                step(
                    "admin-step-license-key",
                    true,
                    vec![Phrase::new("admin-check-license-accepted")],
                )
            } else {
                step(
                    "admin-step-license-key",
                    false,
                    vec![Phrase::new("admin-check-license-refused")],
                )
            });
            report(Service::Onekosmos, steps)
        }
        Err(error) => {
            let mut detail = vec![error_text(&error)];
            let hint = match &error {
                onekosmos::Error::Transport { .. } => Some("admin-hint-onekosmos-reach"),
                onekosmos::Error::LicenseRejected { .. } => Some("admin-hint-onekosmos-license"),
                onekosmos::Error::NotFound { .. } => Some("admin-hint-onekosmos-not-found"),
                _ => None,
            };
            detail.extend(hint.map(Phrase::new));
            report(
                Service::Onekosmos,
                vec![step("admin-step-connection", false, detail)],
            )
        }
    }
}
