//! *Test connection*: each service's checks, step by step, in words an administrator can act
//! on. The clients it tests are built by [`clients`](crate::clients), as production's are.

use onekosmos::OneKosmosClient;
use verified_id::VerifiedIdClient;

use crate::credential_definition::{manifest_problems, Expected};
use crate::view::{CheckStep, ConnectionReport, Service};

fn step(label: &str, ok: bool, detail: impl Into<String>) -> CheckStep {
    CheckStep {
        label: label.into(),
        ok,
        detail: detail.into(),
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
pub fn setup_failed(service: Service, problem: impl Into<String>) -> ConnectionReport {
    report(service, vec![step("Settings", false, problem)])
}

const SIGN_IN: &str = "Sign in to Microsoft Entra";
const MANIFEST: &str = "Credential manifest";
const CLAIMS: &str = "Credential claims";

/// Entra: an access token with the client credentials, then the manifest's issuer against the
/// configured Issuer DID, then its claims against what the kiosk sends (with the photo claim,
/// when the kiosk sends photos). Each step runs only when the one before passes.
pub async fn check_entra(client: &VerifiedIdClient, photo_claim: Option<&str>) -> ConnectionReport {
    let mut steps = Vec::new();
    match client.check_credentials().await {
        Ok(()) => steps.push(step(SIGN_IN, true, "Entra issued an access token.")),
        Err(error) => {
            let hint = match &error {
                verified_id::Error::Token(_) => {
                    " Check the Tenant ID and Client ID, and that the client secret is current \
                     (secrets expire; create a new one under Certificates & secrets)."
                }
                _ => "",
            };
            steps.push(step(SIGN_IN, false, format!("{error}.{hint}")));
            return report(Service::Entra, steps);
        }
    }
    let check = match client.check_manifest().await {
        Ok(check) => {
            steps.push(step(
                MANIFEST,
                true,
                format!(
                    "The manifest's issuer is {}, as configured.",
                    check.issuer_did
                ),
            ));
            check
        }
        Err(error) => {
            steps.push(step(MANIFEST, false, format!("{error}.")));
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
        step(
            CLAIMS,
            true,
            format!(
                "The credential maps all {} claims the kiosk sends, and requires none that can be missing.",
                enrollment::claims::ISSUED_CLAIMS.len()
            ),
        )
    } else {
        step(CLAIMS, false, problems.join(" "))
    });
    report(Service::Entra, steps)
}

/// 1Kosmos: the community, the service directory and DocuVerify's public key, then whether
/// the license key is accepted.
pub async fn check_onekosmos(client: &OneKosmosClient) -> ConnectionReport {
    match client.check_connection().await {
        Ok(found) => {
            let tenant = found
                .tenant_name
                .map(|name| format!("tenant {name}, "))
                .unwrap_or_default();
            let mut steps = vec![
                step(
                    "Community",
                    true,
                    format!("Found {tenant}community {}.", found.community_name),
                ),
                step(
                    "Service key",
                    true,
                    format!("Read DocuVerify's public key from {}.", found.docuverify),
                ),
            ];
            steps.push(if found.license_accepted {
                step("License key", true, "1Kosmos accepted the license key.")
            } else {
                step(
                    "License key",
                    false,
                    "1Kosmos refused the license key. Copy it again from the 1Kosmos admin \
                     console and save it here.",
                )
            });
            report(Service::Onekosmos, steps)
        }
        Err(error) => {
            let hint = match &error {
                onekosmos::Error::Transport { .. } => {
                    " Check the tenant DNS name and that this computer can reach it."
                }
                onekosmos::Error::LicenseRejected { .. } => {
                    " Copy the license key again from the 1Kosmos admin console and save it here."
                }
                onekosmos::Error::NotFound { .. } => " Check the community name and the dvcIDs.",
                _ => "",
            };
            report(
                Service::Onekosmos,
                vec![step("Connection", false, format!("{error}.{hint}"))],
            )
        }
    }
}
