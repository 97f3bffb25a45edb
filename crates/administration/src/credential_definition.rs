//! The kiosk's credential in Verified ID: the definition to paste into a custom credential,
//! generated from the claims the kiosk sends (`enrollment::claims::ISSUED_CLAIMS`), and the
//! check of a live manifest against them, each mismatch named with its fix.

use enrollment::claims::ISSUED_CLAIMS;
use enrollment::language::Phrase;
use url::Url;
use verified_id::definition::{CardText, CredentialDefinition, DefinitionClaim, PHOTO_CLAIM_TYPE};
use verified_id::ManifestCheck;

/// How long an issued credential stays valid: a year, after which the employee enrolls
/// again. An administrator may change `validityInterval` before pasting.
pub const VALIDITY_SECONDS: u64 = 365 * 86_400;

/// The default credential type: a custom `idTokenHint` credential. Not `VerifiedEmployee`,
/// Microsoft's managed credential, whose fixed schema has none of the kiosk's claims.
pub const DEFAULT_CREDENTIAL_TYPE: &str = "VerifiedEnrollment";

/// The definition for a credential of `credential_type`, issued by `organization`, with the
/// photo claim when the kiosk sends one.
pub fn kiosk_definition(
    credential_type: &str,
    organization: &str,
    photo_claim: Option<&str>,
) -> CredentialDefinition {
    let claims: Vec<DefinitionClaim> = ISSUED_CLAIMS
        .iter()
        .map(|spec| DefinitionClaim {
            name: spec.name.into(),
            label: spec.label.into(),
            // Only a claim that always has a value may be required: Entra refuses an
            // issuance that lacks a required claim.
            required: spec.always_present,
        })
        .collect();
    CredentialDefinition::new(
        credential_type,
        &claims,
        photo_claim,
        VALIDITY_SECONDS,
        &CardText {
            title: "Verified identity".into(),
            issued_by: organization.into(),
            description: "Your identity was checked in person at an enrollment desk.".into(),
        },
    )
}

/// What the kiosk expects of its credential, for [`manifest_problems`].
pub struct Expected<'a> {
    pub tenant_id: &'a str,
    pub manifest_url: &'a Url,
    pub credential_type: &'a str,
    pub photo_claim: Option<&'a str>,
}

/// Every way the manifest does not fit what the kiosk sends, each with what to change (a
/// phrase of `admin.ftl`). Empty when the credential will carry every claim and no issuance
/// can fail on a missing one.
pub fn manifest_problems(manifest: &ManifestCheck, expected: &Expected<'_>) -> Vec<Phrase> {
    let mut problems = Vec::new();
    // The samples' check: the tenant is the URL's sixth `/`-separated part
    // (`https://host/v1.0/tenants/{tenant}/…`, reference §5.1).
    let tenant_in_url = expected.manifest_url.as_str().split('/').nth(5);
    if !tenant_in_url.is_some_and(|tenant| tenant.eq_ignore_ascii_case(expected.tenant_id)) {
        problems
            .push(Phrase::new("admin-manifest-other-tenant").with("tenant", expected.tenant_id));
    }
    if let Some(kind) = &manifest.credential_type {
        if kind != expected.credential_type {
            problems.push(
                Phrase::new("admin-manifest-other-type")
                    .with("found", kind.as_str())
                    .with("configured", expected.credential_type),
            );
        }
    }
    let mapped = |name: &str| manifest.mapped_claims.iter().any(|m| m.name == name);
    let sent: Vec<&str> = ISSUED_CLAIMS
        .iter()
        .map(|spec| spec.name)
        .chain(expected.photo_claim)
        .collect();
    let unmapped: Vec<&str> = sent.iter().copied().filter(|name| !mapped(name)).collect();
    if !unmapped.is_empty() {
        // Claim names are technical: listed as they are, with commas, in every language.
        problems.push(
            Phrase::new("admin-manifest-unmapped")
                .with("claims", unmapped.join(", "))
                .with("count", u32::try_from(unmapped.len()).unwrap_or(u32::MAX)),
        );
    }
    for mapping in manifest.mapped_claims.iter().filter(|m| m.required) {
        let always = ISSUED_CLAIMS
            .iter()
            .any(|spec| spec.name == mapping.name && spec.always_present);
        if !always {
            let id = if sent.contains(&mapping.name.as_str()) {
                "admin-manifest-requires-sometimes-empty"
            } else {
                "admin-manifest-requires-not-sent"
            };
            problems.push(Phrase::new(id).with("claim", mapping.name.as_str()));
        }
    }
    if let Some(photo) = expected.photo_claim {
        let declared = manifest
            .display_claims
            .iter()
            .any(|(name, kind)| name == photo && kind.eq_ignore_ascii_case(PHOTO_CLAIM_TYPE));
        if !declared {
            problems.push(
                Phrase::new("admin-manifest-photo-not-shown")
                    .with("claim", photo)
                    .with("type", PHOTO_CLAIM_TYPE),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use verified_id::MappedClaim;

    fn url(tenant: &str) -> Url {
        Url::parse(&format!(
            "https://verifiedid.did.msidentity.com/v1.0/tenants/{tenant}/verifiableCredentials/contracts/abc/manifest"
        ))
        .unwrap()
    }

    /// A manifest as Verified ID would build it from the kiosk's own definition.
    fn manifest_of(definition: &CredentialDefinition) -> ManifestCheck {
        ManifestCheck {
            issuer_did: "did:web:contoso.example".into(),
            has_photo_claim: false,
            photo_claim_name: None,
            credential_type: Some(definition.rules.vc.types[0].clone()),
            mapped_claims: definition.rules.attestations.id_token_hints[0]
                .mapping
                .iter()
                .map(|m| MappedClaim {
                    name: m.input_claim.trim_start_matches("$.").into(),
                    required: m.required,
                })
                .collect(),
            display_claims: definition
                .display
                .claims
                .iter()
                .map(|c| {
                    (
                        c.claim.trim_start_matches("vc.credentialSubject.").into(),
                        c.kind.clone(),
                    )
                })
                .collect(),
        }
    }

    fn expected<'a>(url: &'a Url, photo: Option<&'a str>) -> Expected<'a> {
        Expected {
            tenant_id: "tenant-1",
            manifest_url: url,
            credential_type: DEFAULT_CREDENTIAL_TYPE,
            photo_claim: photo,
        }
    }

    #[test]
    fn the_generated_definition_fits_its_own_check() {
        let url = url("tenant-1");
        for photo in [None, Some("photo")] {
            let definition = kiosk_definition(DEFAULT_CREDENTIAL_TYPE, "Contoso", photo);
            let problems = manifest_problems(&manifest_of(&definition), &expected(&url, photo));
            assert!(problems.is_empty(), "{problems:?}");
        }
    }

    #[test]
    fn each_mismatch_is_named_with_its_fix() {
        let url = url("tenant-1");
        let definition = kiosk_definition(DEFAULT_CREDENTIAL_TYPE, "Contoso", None);
        let mut manifest = manifest_of(&definition);
        manifest.mapped_claims.retain(|m| m.name != "email");
        manifest.mapped_claims.push(MappedClaim {
            name: "employee_id".into(),
            required: true,
        });
        for m in &mut manifest.mapped_claims {
            if m.name == "given_name" {
                m.required = true;
            }
        }
        let problems = manifest_problems(&manifest, &expected(&url, Some("photo")));
        assert_eq!(
            problems,
            [
                Phrase::new("admin-manifest-unmapped")
                    .with("claims", "email, photo")
                    .with("count", 2u32),
                Phrase::new("admin-manifest-requires-sometimes-empty").with("claim", "given_name"),
                Phrase::new("admin-manifest-requires-not-sent").with("claim", "employee_id"),
                Phrase::new("admin-manifest-photo-not-shown")
                    .with("claim", "photo")
                    .with("type", PHOTO_CLAIM_TYPE),
            ]
        );
    }

    #[test]
    fn another_tenant_or_type_is_named() {
        let other = url("tenant-2");
        let definition = kiosk_definition("SomethingElse", "Contoso", None);
        let problems = manifest_problems(&manifest_of(&definition), &expected(&other, None));
        assert_eq!(
            problems,
            [
                Phrase::new("admin-manifest-other-tenant").with("tenant", "tenant-1"),
                Phrase::new("admin-manifest-other-type")
                    .with("found", "SomethingElse")
                    .with("configured", DEFAULT_CREDENTIAL_TYPE),
            ]
        );
    }

    #[test]
    fn the_required_claims_are_those_always_sent() {
        let definition = kiosk_definition(DEFAULT_CREDENTIAL_TYPE, "Contoso", Some("photo"));
        let required: Vec<&str> = definition.rules.attestations.id_token_hints[0]
            .mapping
            .iter()
            .filter(|m| m.required)
            .map(|m| m.output_claim.as_str())
            .collect();
        assert!(required.contains(&"email") && required.contains(&"assurance_level"));
        assert!(!required.contains(&"given_name") && !required.contains(&"photo"));
    }

    #[test]
    fn the_example_configuration_fits_the_generated_definition() {
        let example =
            kiosk_config::KioskConfig::parse(include_str!("../../../docs/config.example.toml"))
                .expect("the example is valid");
        let entra = &example.entra;
        assert_eq!(entra.credential_type, DEFAULT_CREDENTIAL_TYPE);
        let photo = entra.photo_claim.as_deref();
        let definition = kiosk_definition(&entra.credential_type, &entra.client_name, photo);
        let url = Url::parse(&entra.manifest_url).unwrap();
        let problems = manifest_problems(
            &manifest_of(&definition),
            &Expected {
                tenant_id: &entra.tenant_id,
                manifest_url: &url,
                credential_type: &entra.credential_type,
                photo_claim: photo,
            },
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn the_stand_ins_default_credential_carries_the_kiosks_claims() {
        let kiosk: Vec<&str> = ISSUED_CLAIMS.iter().map(|spec| spec.name).collect();
        assert_eq!(sandbox::KIOSK_CLAIMS, kiosk.as_slice());
    }
}
