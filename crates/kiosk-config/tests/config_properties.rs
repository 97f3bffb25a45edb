//! Properties of configuration parsing: no text and no value for a known key makes
//! `KioskConfig::parse` or `problems()` panic, and whatever is accepted reads back the same
//! after `save`.

use std::path::Path;
use std::sync::OnceLock;

use kiosk_config::{
    AdminSection, CallbackSection, CameraSection, EntraSection, JourneySetting, KioskConfig,
    KioskMode, KioskSection, LobbyCapture, OneKosmosSection, UnattestedDocument, UpdatesSection,
    VerifySection,
};
use proptest::prelude::*;

fn example() -> &'static str {
    static EXAMPLE: OnceLock<String> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/config.example.toml");
        std::fs::read_to_string(path).expect("docs/config.example.toml exists")
    })
}

/// A real hash (hashing is slow without optimisation: once per run).
fn good_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| kiosk_config::hash_pin("24681357").unwrap())
}

/// The property every accepted configuration has: no problems, and `save` then `load` (and
/// `to_toml` then `parse`) give it back unchanged.
fn assert_round_trips(config: &KioskConfig) -> Result<(), TestCaseError> {
    prop_assert!(config.problems().is_empty());
    let text = config
        .to_toml()
        .expect("an accepted configuration has a TOML form");
    prop_assert_eq!(&KioskConfig::parse(&text).expect("reads back"), config);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    config
        .save(&path)
        .expect("an accepted configuration is saved");
    prop_assert_eq!(&KioskConfig::load(&path).expect("loads back"), config);
    Ok(())
}

/// Parses, and checks the property for whatever is accepted.
fn parse_and_check(text: &str) -> Result<(), TestCaseError> {
    if let Ok(config) = KioskConfig::parse(text) {
        assert_round_trips(&config)?;
    }
    Ok(())
}

/// A TOML basic string holding `value`.
fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plausible and implausible text for a field, mostly plausible.
fn text(plausible: &str) -> BoxedStrategy<String> {
    prop_oneof![
        6 => proptest::string::string_regex(plausible).unwrap(),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
    .boxed()
}

/// Mostly a valid value, now and then a wild one: a generated configuration has some two
/// dozen fields, and a good share of them must pass validation as a whole.
fn mostly<T: std::fmt::Debug + 'static>(
    valid: impl Strategy<Value = T> + 'static,
    wild: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![40 => valid, 1 => wild].boxed()
}

fn mostly_text(valid: &str, wild: &str) -> BoxedStrategy<String> {
    mostly(proptest::string::string_regex(valid).unwrap(), text(wild))
}

const GUID: &str = "[0-9a-fA-F]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DID: &str = "did:(web|ion):[a-z]{3,12}\\.[a-z]{2,5}";
const ANY_DID: &str = "did:(web|ion|key):[a-z]{0,12}(\\.[a-z]{2,5})?";
const HTTPS: &str = "https://[a-z]{1,10}\\.[a-z]{2,5}(:[0-9]{1,4})?(/[a-zA-Z0-9._-]{0,8}){0,3}";
/// URLs, with now and then route syntax or a wrong scheme in them.
const URL: &str = "(https|http|ftp)://[a-z]{1,10}\\.[a-z]{2,5}(:[0-9]{1,5})?(/[a-zA-Z0-9:*{}%._-]{0,8}){0,3}(\\?[a-z=&{}]{0,8})?";
const DNS: &str = "[a-z0-9-]{1,10}\\.1kosmos\\.net";
const ANY_DNS: &str = "(https://)?[a-z0-9-]{1,10}(\\.[a-z0-9-]{1,8}){0,2}";
const NAME: &str = "[A-Za-z0-9_.'\"\\\\-][ A-Za-z0-9_.'\"\\\\-]{0,15}";
const WORD: &str = "[ A-Za-z0-9_.'\"\\\\-]{0,16}";
const DOMAIN: &str = "[a-z0-9-]{1,8}\\.[a-z]{2,4}";
const ANY_DOMAIN: &str = "@?\\.?[a-z0-9-]{1,8}(\\.[a-z]{2,4})?";

fn pin_hash() -> BoxedStrategy<String> {
    mostly(
        Just(good_hash().to_string()),
        prop_oneof![
            Just(good_hash().replace("m=19456,", "m=4096,")),
            Just(good_hash().replace(",t=2,", ",t=20,")),
            Just(good_hash().replace("$argon2id$", "$argon2i$")),
            text("\\$argon2id\\$v=19\\$m=[0-9]{1,7},t=[0-9]{1,2},p=[0-9]{1,2}\\$[A-Za-z0-9+/]{0,30}(\\$[A-Za-z0-9+/]{0,50})?"),
        ],
    )
}

fn u64_in(valid: std::ops::RangeInclusive<u64>) -> BoxedStrategy<u64> {
    mostly(valid, any::<u64>())
}

fn u32_in(valid: std::ops::RangeInclusive<u32>) -> BoxedStrategy<u32> {
    mostly(valid, any::<u32>())
}

fn usually_some<T: std::fmt::Debug + 'static>(
    value: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    proptest::option::weighted(0.98, value).boxed()
}

fn entra() -> impl Strategy<Value = EntraSection> {
    (
        mostly_text(GUID, GUID),
        mostly_text(GUID, GUID),
        mostly_text(DID, ANY_DID),
        mostly_text(HTTPS, URL),
        mostly_text(NAME, WORD),
        text(WORD),
        (
            mostly(prop_oneof![Just(0u8), 4u8..=16], any::<u8>()),
            proptest::option::of(mostly_text("[a-z_]{1,12}", NAME)),
        ),
    )
        .prop_map(
            |(
                tenant_id,
                client_id,
                issuer_did,
                manifest_url,
                credential_type,
                client_name,
                (pin_length, photo_claim),
            )| {
                EntraSection {
                    tenant_id,
                    client_id,
                    issuer_did,
                    manifest_url,
                    credential_type,
                    client_name,
                    pin_length,
                    photo_claim,
                }
            },
        )
}

fn onekosmos() -> impl Strategy<Value = OneKosmosSection> {
    (
        mostly_text(DNS, ANY_DNS),
        mostly_text(NAME, WORD),
        prop_oneof![
            Just(JourneySetting::KycWithSelfie),
            Just(JourneySetting::DocumentOnly)
        ],
        usually_some(mostly_text(NAME, WORD)),
        usually_some(mostly_text(NAME, WORD)),
        proptest::option::of(mostly_text(HTTPS, URL)),
        any::<bool>(),
    )
        .prop_map(
            |(tenant_dns, community, journey, kyc, document, flow, dl_verify)| OneKosmosSection {
                tenant_dns,
                community,
                journey,
                dvc_id_kyc_with_selfie: kyc,
                dvc_id_document_only: document,
                id_proofing_flow_url: flow,
                dl_verify,
            },
        )
}

fn kiosk() -> impl Strategy<Value = KioskSection> {
    (
        (
            prop_oneof![Just(KioskMode::Staffed), Just(KioskMode::Lobby)],
            prop_oneof![
                Just(LobbyCapture::Phone),
                Just(LobbyCapture::KioskCameraIal1)
            ],
            prop_oneof![
                Just(UnattestedDocument::ContinueAtIal1),
                Just(UnattestedDocument::End)
            ],
        ),
        u64_in(15..=3600),
        u64_in(5..=600),
        u32_in(1..=10),
        u32_in(0..=10),
        proptest::collection::vec(mostly_text(DOMAIN, ANY_DOMAIN), 0..3),
        proptest::sample::select(&["en", "es", "fr-CA", "fr-ca", "de", ""][..]),
    )
        .prop_map(
            |(
                (mode, lobby_capture, unattested),
                warning,
                reset,
                attempts,
                reissues,
                domains,
                language,
            )| {
                KioskSection {
                    mode,
                    lobby_capture,
                    unattested_document: unattested,
                    idle_warning_secs: warning,
                    idle_reset_secs: reset,
                    max_proofing_attempts: attempts,
                    max_offer_reissues: reissues,
                    allowed_email_domains: domains,
                    language: language.into(),
                }
            },
        )
}

fn config() -> impl Strategy<Value = KioskConfig> {
    (
        entra(),
        onekosmos(),
        kiosk(),
        (
            proptest::option::of(mostly_text(HTTPS, URL)),
            proptest::option::of(mostly_text("[a-z0-9][a-z0-9_-]{0,20}", NAME)),
        ),
        proptest::option::of(pin_hash()),
        prop_oneof![
            Just((None, None)),
            (
                mostly_text(HTTPS, URL),
                usually_some(mostly_text(NAME, WORD))
            )
                .prop_map(|(endpoint, pubkey)| (Some(endpoint), pubkey)),
            proptest::option::of(text(WORD)).prop_map(|pubkey| (None, pubkey)),
        ],
        proptest::option::of(any::<String>()),
        (any::<bool>(), any::<u8>(), any::<bool>()),
    )
        .prop_map(
            |(
                entra,
                onekosmos,
                kiosk,
                (relay_url, kiosk_id),
                pin_hash,
                (endpoint, pubkey),
                device_name,
                (in_lobby, face_check_threshold, check_new_card),
            )| {
                KioskConfig {
                    entra,
                    onekosmos,
                    kiosk,
                    callback: CallbackSection {
                        relay_url,
                        kiosk_id,
                    },
                    admin: AdminSection { pin_hash },
                    updates: UpdatesSection { endpoint, pubkey },
                    camera: CameraSection { device_name },
                    verify: VerifySection {
                        in_lobby,
                        face_check_threshold,
                        check_new_card,
                        ..VerifySection::default()
                    },
                }
            },
        )
}

/// A TOML value of any type, mostly strings and integers.
fn toml_value() -> BoxedStrategy<String> {
    prop_oneof![
        4 => any::<String>().prop_map(|s| toml_string(&s)),
        4 => text(&format!("{GUID}|{ANY_DID}|{URL}|{ANY_DNS}|{ANY_DOMAIN}|{WORD}"))
            .prop_map(|s| toml_string(&s)),
        2 => Just(toml_string(good_hash())),
        3 => any::<i64>().prop_map(|n| n.to_string()),
        3 => (-5i64..5000).prop_map(|n| n.to_string()),
        1 => any::<bool>().prop_map(|b| b.to_string()),
        1 => any::<f64>().prop_map(|f| format!("{f:?}")),
        1 => proptest::collection::vec(text(ANY_DOMAIN), 0..3).prop_map(|items| {
            let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
            format!("[{}]", items.join(", "))
        }),
        1 => Just("{ a = 1 }".to_string()),
        1 => Just("\"kyc_with_selfie\"".to_string()),
        1 => Just("\"document_only\"".to_string()),
        1 => Just("\"lobby\"".to_string()),
    ]
    .boxed()
}

/// The keys of the example, by section, including the ones it only shows in comments.
const KEYS: &[(&str, &str)] = &[
    ("[entra]", "tenant_id"),
    ("[entra]", "client_id"),
    ("[entra]", "issuer_did"),
    ("[entra]", "manifest_url"),
    ("[entra]", "credential_type"),
    ("[entra]", "client_name"),
    ("[entra]", "pin_length"),
    ("[entra]", "photo_claim"),
    ("[onekosmos]", "tenant_dns"),
    ("[onekosmos]", "community"),
    ("[onekosmos]", "journey"),
    ("[onekosmos]", "dvc_id_kyc_with_selfie"),
    ("[onekosmos]", "dvc_id_document_only"),
    ("[onekosmos]", "id_proofing_flow_url"),
    ("[onekosmos]", "dl_verify"),
    ("[kiosk]", "mode"),
    ("[kiosk]", "lobby_capture"),
    ("[kiosk]", "unattested_document"),
    ("[kiosk]", "idle_warning_secs"),
    ("[kiosk]", "idle_reset_secs"),
    ("[kiosk]", "max_proofing_attempts"),
    ("[kiosk]", "max_offer_reissues"),
    ("[kiosk]", "allowed_email_domains"),
    ("[kiosk]", "language"),
    ("[callback]", "relay_url"),
    ("[callback]", "kiosk_id"),
    ("[admin]", "pin_hash"),
    ("[updates]", "endpoint"),
    ("[updates]", "pubkey"),
    ("[camera]", "device_name"),
];

/// The example with `key` in `section` set to `value` (`None`: removed). A key the example
/// lacks or only shows in a comment is added at the start of its section.
fn with_value(section: &str, key: &str, value: Option<&str>) -> String {
    let mut text = String::new();
    let mut in_section = false;
    let mut done = false;
    let mut lines: Vec<&str> = example().lines().collect();
    if !lines.contains(&section) {
        lines.push(section);
    }
    for line in lines {
        if line.starts_with('[') {
            in_section = line == section;
            text.push_str(line);
            text.push('\n');
            if in_section && !example_has_key(section, key) {
                if let Some(value) = value {
                    text.push_str(&format!("{key} = {value}\n"));
                }
                done = true;
            }
            continue;
        }
        if in_section && !done && line.starts_with(&format!("{key} =")) {
            if let Some(value) = value {
                text.push_str(&format!("{key} = {value}\n"));
            }
            done = true;
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn example_has_key(section: &str, key: &str) -> bool {
    let mut in_section = false;
    example().lines().any(|line| {
        if line.starts_with('[') {
            in_section = line == section;
            return false;
        }
        in_section && line.starts_with(&format!("{key} ="))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_what_is_accepted_round_trips(
        text in prop_oneof![
            any::<String>(),
            proptest::string::string_regex(
                "(\\[(entra|onekosmos|kiosk|callback|admin|updates|camera)\\]\n|[a-z_]{1,12} = |\"[^\"\n]{0,12}\"|[0-9-]{1,6}|true|#|\\{|\\}|\\[|\\]|,|\n){0,60}"
            ).unwrap(),
        ]
    ) {
        parse_and_check(&text)?;
    }

    #[test]
    fn the_example_with_text_spliced_in_never_panics_and_round_trips(
        insert in "[\\PC\n]{0,40}",
        at in any::<proptest::sample::Index>(),
    ) {
        let example = example();
        let boundaries: Vec<usize> = example
            .char_indices()
            .map(|(i, _)| i)
            .chain([example.len()])
            .collect();
        let at = boundaries[at.index(boundaries.len())];
        let text = format!("{}{insert}{}", &example[..at], &example[at..]);
        parse_and_check(&text)?;
    }

    #[test]
    fn any_value_for_a_known_key_never_panics_and_what_is_accepted_round_trips(
        key in proptest::sample::select(KEYS),
        value in proptest::option::of(toml_value()),
    ) {
        let (section, key) = key;
        let text = with_value(section, key, value.as_deref());
        parse_and_check(&text)?;
    }

    #[test]
    fn any_configuration_value_is_judged_without_panicking_and_round_trips_when_accepted(
        config in config(),
    ) {
        let problems = config.problems();
        prop_assert_eq!(problems.is_empty(), config.validate().is_ok());
        for problem in &problems {
            prop_assert!(matches!(problem, kiosk_config::ConfigError::Field { .. }), "{}", problem);
        }
        if problems.is_empty() {
            assert_round_trips(&config)?;
        } else {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("config.toml");
            prop_assert!(config.save(&path).is_err());
            prop_assert!(!path.exists());
        }
    }
}

#[test]
fn the_key_editor_changes_what_it_is_asked_to() {
    // Guards the property tests above against testing the unchanged example.
    let text = with_value("[kiosk]", "idle_warning_secs", Some("2"));
    assert!(text.contains("idle_warning_secs = 2\n"));
    assert!(KioskConfig::parse(&text).is_err());
    let text = with_value("[admin]", "pin_hash", Some(&toml_string(good_hash())));
    assert_eq!(
        KioskConfig::parse(&text).unwrap().admin.pin_hash.as_deref(),
        Some(good_hash())
    );
    let text = with_value("[camera]", "device_name", Some("\"BRIO\""));
    assert_eq!(
        KioskConfig::parse(&text)
            .unwrap()
            .camera
            .device_name
            .as_deref(),
        Some("BRIO")
    );
    let text = with_value("[entra]", "pin_length", None);
    assert!(!text.contains("pin_length ="));
    assert_eq!(KioskConfig::parse(&text).unwrap().entra.pin_length, 4);
    assert_eq!(toml_string("a\"b\\c\u{1}"), "\"a\\\"b\\\\c\\u0001\"");
}
