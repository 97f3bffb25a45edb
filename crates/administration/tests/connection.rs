//! *Test connection* against the stand-ins over real HTTP on loopback: a working setup passes
//! every step, and each kind of mistake an administrator makes fails at its step with words
//! that say what to fix.

use administration::connection::{check_entra, check_onekosmos};
use administration::view::{ConnectionReport, Service};
use enrollment::language::Phrase;
use sandbox::{EntraSandbox, EntraSandboxConfig, OneKosmosSandbox, OneKosmosSandboxConfig};
use secrecy::SecretString;

async fn entra_report(
    adjust: impl FnOnce(&mut verified_id::IssuerConfig),
) -> (ConnectionReport, sandbox::RunningEntraSandbox) {
    entra_report_with(EntraSandboxConfig::demo(), adjust).await
}

async fn entra_report_with(
    config: EntraSandboxConfig,
    adjust: impl FnOnce(&mut verified_id::IssuerConfig),
) -> (ConnectionReport, sandbox::RunningEntraSandbox) {
    let stand_in = EntraSandbox::start(config.clone()).await.unwrap();
    let mut issuer = verified_id::IssuerConfig::new(
        config.tenant_id.clone(),
        config.client_id.clone(),
        SecretString::from(config.client_secret.clone()),
        config.issuer_did.clone(),
        stand_in.manifest_url(),
        config.credential_type.clone(),
    );
    issuer.authority_host = stand_in.authority_host();
    issuer.request_service = stand_in.request_service();
    adjust(&mut issuer);
    let client =
        verified_id::VerifiedIdClient::new(issuer, verified_id::http_client().unwrap()).unwrap();
    (check_entra(&client, None).await, stand_in)
}

/// A step's detail as text to search: each phrase's identifier and arguments.
fn words(detail: &[Phrase]) -> String {
    format!("{detail:?}")
}

#[tokio::test]
async fn entra_passes_sign_in_and_the_manifest_check() {
    let (report, stand_in) = entra_report(|_| {}).await;
    assert_eq!(report.service, Service::Entra);
    assert!(report.ok, "{report:?}");
    assert_eq!(report.steps.len(), 3);
    assert!(words(&report.steps[1].detail).contains(&stand_in.config().issuer_did));
}

/// The stand-in's tenant with the credential defined as `enrollment-kiosk
/// --print-credential-definition` prints it, then changed by `edit`.
fn defined_by_the_kiosk(edit: impl FnOnce(&mut serde_json::Value)) -> EntraSandboxConfig {
    let mut config = EntraSandboxConfig::demo();
    let definition = administration::credential_definition::kiosk_definition(
        &config.credential_type,
        "Contoso",
        None,
    );
    config.rules = serde_json::from_str(&definition.rules_json()).unwrap();
    config.display = serde_json::from_str(&definition.display_json()).unwrap();
    edit(&mut config.rules);
    config
}

#[tokio::test]
async fn the_kiosks_own_credential_definition_passes_the_claims_check() {
    let (report, _stand_in) = entra_report_with(defined_by_the_kiosk(|_| {}), |_| {}).await;
    assert!(report.ok, "{report:?}");
    assert_eq!(
        report.steps[2].detail,
        [Phrase::new("admin-check-claims-ok").with("count", 10u32)],
        "{report:?}"
    );
}

#[tokio::test]
async fn a_credential_missing_a_mapping_or_requiring_an_unsent_claim_fails_with_the_fix() {
    let config = defined_by_the_kiosk(|rules| {
        let mapping = rules["attestations"]["idTokenHints"][0]["mapping"]
            .as_array_mut()
            .unwrap();
        mapping.retain(|m| m["outputClaim"] != "email");
        mapping.push(serde_json::json!({
            "outputClaim": "employeeId", "inputClaim": "$.employee_id", "required": true, "indexed": false
        }));
    });
    let (report, _stand_in) = entra_report_with(config, |_| {}).await;
    assert!(!report.ok);
    assert!(report.steps[1].ok, "the manifest itself reads: {report:?}");
    let claims = &report.steps[2];
    assert!(!claims.ok);
    assert!(
        claims.detail.contains(
            &Phrase::new("admin-manifest-unmapped")
                .with("claims", "email")
                .with("count", 1u32)
        ),
        "{:?}",
        claims.detail
    );
    assert!(
        claims.detail.contains(
            &Phrase::new("admin-manifest-requires-not-sent").with("claim", "employee_id")
        ),
        "{:?}",
        claims.detail
    );
}

#[tokio::test]
async fn a_wrong_client_secret_fails_at_sign_in_and_says_what_to_check() {
    let (report, _stand_in) = entra_report(|issuer| {
        issuer.client_secret = SecretString::from("not-the-secret".to_string());
    })
    .await;
    assert!(!report.ok);
    assert_eq!(
        report.steps.len(),
        1,
        "the manifest is not tried: {report:?}"
    );
    assert!(!report.steps[0].ok);
    assert!(
        report.steps[0]
            .detail
            .contains(&Phrase::new("admin-hint-entra-credentials")),
        "{report:?}"
    );
    assert!(
        !words(&report.steps[0].detail).contains("not-the-secret"),
        "the secret is never shown"
    );
}

#[tokio::test]
async fn an_issuer_did_from_another_credential_fails_the_manifest_check() {
    let (report, stand_in) = entra_report(|issuer| {
        issuer.issuer_did = "did:web:other.example.com".into();
    })
    .await;
    assert!(!report.ok);
    assert!(report.steps[0].ok, "sign-in still works: {report:?}");
    let detail = words(&report.steps[1].detail);
    assert!(detail.contains("did:web:other.example.com"), "{detail}");
    assert!(detail.contains(&stand_in.config().issuer_did), "{detail}");
}

async fn onekosmos_report(license: &str, base: Option<url::Url>) -> ConnectionReport {
    let tenant = OneKosmosSandboxConfig::demo();
    let stand_in = OneKosmosSandbox::start_on(tenant.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let config = onekosmos::OneKosmosConfig::for_tenant(
        tenant.tenant_dns.clone(),
        tenant.community.clone(),
        SecretString::from(license.to_string()),
        onekosmos::DvcIds {
            kyc_with_selfie: Some(OneKosmosSandboxConfig::DEMO_KYC_DVC_ID.into()),
            document_verification_only: None,
        },
    )
    .and_then(|config| config.at(base.unwrap_or_else(|| stand_in.base_url())))
    .unwrap();
    let http = onekosmos::http_client_builder().build().unwrap();
    let client = onekosmos::OneKosmosClient::new(config, http).unwrap();
    check_onekosmos(&client).await
}

#[tokio::test]
async fn onekosmos_passes_with_the_tenants_license() {
    let report = onekosmos_report(OneKosmosSandboxConfig::DEMO_LICENSE, None).await;
    assert_eq!(report.service, Service::Onekosmos);
    assert!(report.ok, "{report:?}");
    assert_eq!(report.steps.len(), 3);
}

#[tokio::test]
async fn a_wrong_license_key_is_reported_as_such() {
    let report = onekosmos_report("00000000-0000-0000-0000-000000000000", None).await;
    assert!(!report.ok);
    let failed = report.steps.iter().find(|s| !s.ok).unwrap();
    assert!(words(&failed.detail).contains("license"), "{report:?}");
}

#[tokio::test]
async fn an_unreachable_tenant_says_to_check_the_name_and_network() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = url::Url::parse(&format!("http://{}/", closed.local_addr().unwrap())).unwrap();
    drop(closed);
    let report = onekosmos_report(OneKosmosSandboxConfig::DEMO_LICENSE, Some(url)).await;
    assert!(!report.ok);
    assert!(
        report.steps[0]
            .detail
            .contains(&Phrase::new("admin-hint-onekosmos-reach")),
        "{report:?}"
    );
}
