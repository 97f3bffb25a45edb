//! The manifest pre-flight (reference §5.1): fetch the manifest URL, read the issuer and whether
//! the card has a photo claim.
//!
//! What is verified: the body is `{"token": "<JWS>"}` (or, as the .NET sample also accepts, the
//! manifest JSON itself), the JWS payload decodes, and its `iss` (else `input.issuer`) equals the
//! configured Issuer DID. What is NOT verified: the JWS signature. Checking it needs the issuer's
//! DID document (did:web / did:ion resolution), which the kiosk does not do; the manifest comes
//! over TLS from the configured URL, and this check exists to catch configuration mistakes, not
//! forgeries.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

/// What the manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestCheck {
    /// `iss` of the manifest (equal to the configured Issuer DID when returned by the client).
    pub issuer_did: String,
    /// The card shows a claim of an `image/…` type (a photo for Face Check).
    pub has_photo_claim: bool,
    /// That claim's name without the `vc.credentialSubject.` prefix.
    pub photo_claim_name: Option<String>,
    /// The manifest's `id` (the credential type), when present.
    pub credential_type: Option<String>,
    /// The claims the credential's rules take from the issuance request: the input claim's
    /// name (without `$.`) and whether the rules require it.
    pub mapped_claims: Vec<MappedClaim>,
    /// Every claim the card displays, without the `vc.credentialSubject.` prefix, with its
    /// display type (`String`, `image/jpg;base64url`, …).
    pub display_claims: Vec<(String, String)>,
}

/// One claim the rules take from the issuance request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedClaim {
    pub name: String,
    pub required: bool,
}

/// The mappings of the manifest's input, wherever the service puts them: each attestation's
/// `mapping` (`inputClaim`) or `claims` (`claim`), and a top-level `input.mapping`.
fn mapped_claims(payload: &Value) -> Vec<MappedClaim> {
    let read = |entry: &Value, key: &str| -> Option<MappedClaim> {
        let name = entry.get(key)?.as_str()?;
        Some(MappedClaim {
            name: name.strip_prefix("$.").unwrap_or(name).to_string(),
            required: entry
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    };
    let mut found = Vec::new();
    let attestations = payload
        .pointer("/input/attestations")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|kinds| kinds.values())
        .filter_map(Value::as_array)
        .flatten();
    for attestation in attestations {
        for (list, key) in [("mapping", "inputClaim"), ("claims", "claim")] {
            let entries = attestation.get(list).and_then(Value::as_array);
            found.extend(entries.into_iter().flatten().filter_map(|e| read(e, key)));
        }
    }
    let top = payload.pointer("/input/mapping").and_then(Value::as_array);
    found.extend(
        top.into_iter()
            .flatten()
            .filter_map(|e| read(e, "inputClaim")),
    );
    found
}

/// Why a manifest body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestProblem {
    NotJson,
    NotAJws,
    PayloadNotJson,
    NoIssuer,
}

impl ManifestProblem {
    pub fn describe(&self) -> &'static str {
        match self {
            ManifestProblem::NotJson => "the body is not JSON",
            ManifestProblem::NotAJws => "`token` is not a compact JWS",
            ManifestProblem::PayloadNotJson => "the JWS payload is not JSON",
            ManifestProblem::NoIssuer => "the manifest names no issuer (`iss`)",
        }
    }
}

/// Reads a manifest body. Public so that the fuzz targets (`fuzz/`) can reach it without a
/// server; [`crate::VerifiedIdClient::check_manifest`] is what the kiosk calls.
pub fn read_manifest(body: &[u8]) -> Result<ManifestCheck, ManifestProblem> {
    let outer: Value = serde_json::from_slice(body).map_err(|_| ManifestProblem::NotJson)?;
    let payload = match outer.get("token").and_then(Value::as_str) {
        Some(token) => decode_jws_payload(token)?,
        None => outer,
    };
    let issuer = payload
        .get("iss")
        .and_then(Value::as_str)
        .or_else(|| payload.pointer("/input/issuer").and_then(Value::as_str))
        .ok_or(ManifestProblem::NoIssuer)?;
    let photo_claim_name = payload
        .pointer("/display/claims")
        .and_then(Value::as_object)
        .and_then(|claims| {
            claims.iter().find_map(|(name, claim)| {
                let is_image = claim
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.to_ascii_lowercase().starts_with("image/"));
                is_image.then(|| {
                    name.strip_prefix("vc.credentialSubject.")
                        .unwrap_or(name)
                        .to_string()
                })
            })
        });
    let display_claims = payload
        .pointer("/display/claims")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, claim)| {
            let name = name.strip_prefix("vc.credentialSubject.").unwrap_or(name);
            let kind = claim
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("String");
            (name.to_string(), kind.to_string())
        })
        .collect();
    Ok(ManifestCheck {
        issuer_did: issuer.to_string(),
        has_photo_claim: photo_claim_name.is_some(),
        photo_claim_name,
        credential_type: payload.get("id").and_then(Value::as_str).map(String::from),
        mapped_claims: mapped_claims(&payload),
        display_claims,
    })
}

fn decode_jws_payload(token: &str) -> Result<Value, ManifestProblem> {
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ManifestProblem::NotAJws);
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ManifestProblem::NotAJws)?;
    serde_json::from_slice(&bytes).map_err(|_| ManifestProblem::PayloadNotJson)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jws(payload: Value) -> String {
        let header = URL_SAFE_NO_PAD.encode(json!({"alg": "ES256K"}).to_string());
        let payload = URL_SAFE_NO_PAD.encode(payload.to_string());
        format!("{header}.{payload}.c2ln")
    }

    #[test]
    fn reads_issuer_and_photo_claim_from_a_token() {
        let body = json!({ "token": jws(json!({
            "id": "VerifiedCredentialExpert",
            "iss": "did:web:verifiedid.contoso.com",
            "display": { "claims": {
                "vc.credentialSubject.firstName": { "type": "String", "label": "First name" },
                "vc.credentialSubject.photo": { "type": "image/jpg;base64url", "label": "User picture" }
            } }
        })) });
        let check = read_manifest(body.to_string().as_bytes()).unwrap();
        assert_eq!(check.issuer_did, "did:web:verifiedid.contoso.com");
        assert!(check.has_photo_claim);
        assert_eq!(check.photo_claim_name.as_deref(), Some("photo"));
        assert_eq!(
            check.credential_type.as_deref(),
            Some("VerifiedCredentialExpert")
        );
    }

    #[test]
    fn reads_the_mapped_claims_wherever_the_input_puts_them() {
        let body = json!({ "token": jws(json!({
            "iss": "did:web:verifiedid.contoso.com",
            "display": { "claims": {
                "vc.credentialSubject.email": { "type": "String", "label": "E-mail" }
            } },
            "input": {
                "attestations": {
                    "idTokenHints": [{ "mapping": [
                        { "outputClaim": "email", "inputClaim": "$.email", "required": true },
                        { "outputClaim": "photo", "inputClaim": "photo" }
                    ] }],
                    "idTokens": [{ "claims": [{ "claim": "$.given_name", "required": false }] }]
                },
                "mapping": [{ "outputClaim": "x", "inputClaim": "$.family_name", "required": true }]
            }
        })) });
        let check = read_manifest(body.to_string().as_bytes()).unwrap();
        let mut mapped: Vec<(String, bool)> = check
            .mapped_claims
            .into_iter()
            .map(|claim| (claim.name, claim.required))
            .collect();
        mapped.sort();
        assert_eq!(
            mapped,
            [
                ("email".to_string(), true),
                ("family_name".to_string(), true),
                ("given_name".to_string(), false),
                ("photo".to_string(), false)
            ]
        );
        assert_eq!(
            check.display_claims,
            [("email".to_string(), "String".to_string())]
        );
    }

    #[test]
    fn accepts_a_plain_manifest_and_input_issuer() {
        let body = json!({ "input": { "issuer": "did:ion:abc" }, "display": { "claims": {} } });
        let check = read_manifest(body.to_string().as_bytes()).unwrap();
        assert_eq!(check.issuer_did, "did:ion:abc");
        assert!(!check.has_photo_claim);
    }

    #[test]
    fn rejects_broken_manifests() {
        assert_eq!(read_manifest(b"<html>"), Err(ManifestProblem::NotJson));
        assert_eq!(
            read_manifest(br#"{"token":"abc"}"#),
            Err(ManifestProblem::NotAJws)
        );
        assert_eq!(
            read_manifest(br#"{"display":{}}"#),
            Err(ManifestProblem::NoIssuer)
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;
        use proptest::test_runner::RngSeed;

        fn config() -> ProptestConfig {
            ProptestConfig {
                cases: 512,
                rng_seed: RngSeed::Fixed(0x3a41_0001),
                ..ProptestConfig::default()
            }
        }

        proptest! {
            #![proptest_config(config())]

            #[test]
            fn any_body_is_read_or_refused_without_panicking(
                bytes in prop::collection::vec(any::<u8>(), 0..512),
            ) {
                let _ = read_manifest(&bytes);
            }

            #[test]
            fn any_token_shaped_body_is_read_or_refused_without_panicking(
                header in "[A-Za-z0-9_-]{0,40}",
                payload in "[ -~]{0,120}",
                signature in "[A-Za-z0-9_.=-]{0,40}",
                encode in any::<bool>(),
                iss in proptest::option::of("[ -~]{0,40}"),
            ) {
                let payload = if encode {
                    let mut doc = json!({"display": {"claims": {}}});
                    if let Some(iss) = &iss {
                        doc["iss"] = json!(iss);
                    }
                    URL_SAFE_NO_PAD.encode(doc.to_string())
                } else {
                    payload
                };
                let body = json!({ "token": format!("{header}.{payload}.{signature}") });
                let read = read_manifest(body.to_string().as_bytes());
                if encode {
                    // A well-formed token is read for its issuer, and only with one.
                    match (&iss, read) {
                        (Some(iss), Ok(check)) => prop_assert_eq!(&check.issuer_did, iss),
                        (None, Ok(check)) => prop_assert!(false, "no issuer, yet read: {check:?}"),
                        (_, Err(_)) => {}
                    }
                }
            }
        }
    }
}
