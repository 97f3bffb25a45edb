//! The credential definition an administrator pastes into Verified ID ("Custom credential":
//! a rules definition and a display definition; reference §6): for an `idTokenHint`
//! credential, each claim the kiosk sends is mapped from `$.<name>` to `<name>`, the card
//! shows each with a label, and the photo claim (when the kiosk sends one) is declared as
//! `image/jpg;base64url`.
//!
//! Only the shapes live here; which claims there are is the kiosk's business (the
//! `administration` crate generates the definition from the claims the kiosk sends).

use serde::{Deserialize, Serialize};

/// One claim of the credential, as the kiosk sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionClaim {
    pub name: String,
    pub label: String,
    /// Whether the rules mark it `required` (Entra then refuses an issuance without it).
    pub required: bool,
}

/// What the card says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardText {
    pub title: String,
    pub issued_by: String,
    pub description: String,
}

/// The two documents Verified ID asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialDefinition {
    pub rules: RulesDefinition,
    pub display: DisplayDefinition,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesDefinition {
    pub attestations: Attestations,
    /// Seconds the issued credential is valid; without it Entra fails with "Field 'exp' is
    /// required" (reference §5.2).
    pub validity_interval: u64,
    pub vc: VcTypes,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attestations {
    pub id_token_hints: Vec<IdTokenHintAttestation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenHintAttestation {
    pub mapping: Vec<ClaimMapping>,
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimMapping {
    pub output_claim: String,
    pub required: bool,
    pub input_claim: String,
    pub indexed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VcTypes {
    #[serde(rename = "type")]
    pub types: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayDefinition {
    pub locale: String,
    pub card: DisplayCard,
    pub consent: DisplayConsent,
    pub claims: Vec<DisplayClaim>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DisplayCard {
    pub title: String,
    pub issued_by: String,
    pub background_color: String,
    pub text_color: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayConsent {
    pub title: String,
    pub instructions: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayClaim {
    pub claim: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// The display type of a photo claim (reference §6).
pub const PHOTO_CLAIM_TYPE: &str = "image/jpg;base64url";
/// The prefix display claims carry for JWT-VC credentials (reference §6).
pub const SUBJECT_PREFIX: &str = "vc.credentialSubject.";

impl CredentialDefinition {
    /// The definition of a credential of `credential_type` carrying `claims` (and the photo
    /// claim, when named), valid for `validity_seconds`.
    pub fn new(
        credential_type: &str,
        claims: &[DefinitionClaim],
        photo_claim: Option<&str>,
        validity_seconds: u64,
        card: &CardText,
    ) -> Self {
        let mut mapping: Vec<ClaimMapping> = claims
            .iter()
            .map(|claim| ClaimMapping {
                output_claim: claim.name.clone(),
                required: claim.required,
                input_claim: format!("$.{}", claim.name),
                indexed: false,
            })
            .collect();
        let mut display_claims: Vec<DisplayClaim> = claims
            .iter()
            .map(|claim| DisplayClaim {
                claim: format!("{SUBJECT_PREFIX}{}", claim.name),
                label: claim.label.clone(),
                kind: "String".into(),
            })
            .collect();
        if let Some(photo) = photo_claim {
            // The photo is optional on the card: an issuance without one still succeeds.
            mapping.push(ClaimMapping {
                output_claim: photo.into(),
                required: false,
                input_claim: photo.into(),
                indexed: false,
            });
            display_claims.push(DisplayClaim {
                claim: format!("{SUBJECT_PREFIX}{photo}"),
                label: "Photo".into(),
                kind: PHOTO_CLAIM_TYPE.into(),
            });
        }
        CredentialDefinition {
            rules: RulesDefinition {
                attestations: Attestations {
                    id_token_hints: vec![IdTokenHintAttestation {
                        mapping,
                        required: false,
                    }],
                },
                validity_interval: validity_seconds,
                vc: VcTypes {
                    types: vec![credential_type.into()],
                },
            },
            display: DisplayDefinition {
                locale: "en-US".into(),
                card: DisplayCard {
                    title: card.title.clone(),
                    issued_by: card.issued_by.clone(),
                    background_color: "#1F3A5F".into(),
                    text_color: "#FFFFFF".into(),
                    description: card.description.clone(),
                },
                consent: DisplayConsent {
                    title: "Add your verified identity to Microsoft Authenticator?".into(),
                    instructions: "Your identity was checked in person at an enrollment desk."
                        .into(),
                },
                claims: display_claims,
            },
        }
    }

    /// The rules definition as pretty JSON, ready to paste.
    pub fn rules_json(&self) -> String {
        serde_json::to_string_pretty(&self.rules).unwrap_or_default()
    }

    /// The display definition as pretty JSON, ready to paste.
    pub fn display_json(&self) -> String {
        serde_json::to_string_pretty(&self.display).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn definition(photo: Option<&str>) -> CredentialDefinition {
        CredentialDefinition::new(
            "VerifiedEnrollment",
            &[
                DefinitionClaim {
                    name: "email".into(),
                    label: "Work e-mail".into(),
                    required: true,
                },
                DefinitionClaim {
                    name: "given_name".into(),
                    label: "First name".into(),
                    required: false,
                },
            ],
            photo,
            30 * 86_400,
            &CardText {
                title: "Verified enrollment".into(),
                issued_by: "Contoso".into(),
                description: "Checked in person.".into(),
            },
        )
    }

    #[test]
    fn the_rules_have_the_shape_verified_id_reads() {
        let rules: Value = serde_json::from_str(&definition(None).rules_json()).unwrap();
        assert_eq!(rules["validityInterval"], 2_592_000);
        assert_eq!(rules["vc"]["type"], json!(["VerifiedEnrollment"]));
        let mapping = &rules["attestations"]["idTokenHints"][0]["mapping"];
        assert_eq!(
            mapping[0],
            json!({"outputClaim": "email", "required": true, "inputClaim": "$.email", "indexed": false})
        );
        assert_eq!(mapping[1]["required"], false);
        assert_eq!(mapping.as_array().unwrap().len(), 2);
    }

    #[test]
    fn the_display_labels_every_claim_and_declares_the_photo_as_an_image() {
        let display: Value =
            serde_json::from_str(&definition(Some("photo")).display_json()).unwrap();
        let claims = display["claims"].as_array().unwrap();
        assert_eq!(claims[0]["claim"], "vc.credentialSubject.email");
        assert_eq!(claims[0]["label"], "Work e-mail");
        assert_eq!(claims[0]["type"], "String");
        assert_eq!(
            claims[2],
            json!({"claim": "vc.credentialSubject.photo", "label": "Photo", "type": "image/jpg;base64url"})
        );
        assert_eq!(display["card"]["issuedBy"], "Contoso");
        let rules: Value = serde_json::from_str(&definition(Some("photo")).rules_json()).unwrap();
        assert_eq!(
            rules["attestations"]["idTokenHints"][0]["mapping"][2],
            json!({"outputClaim": "photo", "required": false, "inputClaim": "photo", "indexed": false})
        );
    }

    #[test]
    fn the_json_reads_back_as_the_same_definition() {
        let definition = definition(Some("photo"));
        let rules: RulesDefinition = serde_json::from_str(&definition.rules_json()).unwrap();
        let display: DisplayDefinition = serde_json::from_str(&definition.display_json()).unwrap();
        assert_eq!(CredentialDefinition { rules, display }, definition);
    }
}
