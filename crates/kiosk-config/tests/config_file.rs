//! The configuration file: the shipped example is valid, and each mistake names its field.

use std::path::Path;

use kiosk_config::{ConfigError, JourneySetting, KioskConfig, KioskMode};

fn example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/config.example.toml");
    std::fs::read_to_string(path).expect("docs/config.example.toml exists")
}

#[test]
fn the_documented_example_is_valid() {
    let config = KioskConfig::parse(&example()).expect("the example validates");
    assert_eq!(config.onekosmos.journey, JourneySetting::KycWithSelfie);
    assert_eq!(config.kiosk.mode, KioskMode::Staffed);
    assert_eq!(config.kiosk.allowed_email_domains, ["contoso.com"]);
    assert_eq!(config.entra.pin_length, 4);
    assert_eq!(config.kiosk.language, "en");
}

#[test]
fn the_language_is_one_the_kiosk_speaks_and_defaults_to_english() {
    let without = example().replacen("language = \"en\"\n", "", 1);
    assert_eq!(KioskConfig::parse(&without).unwrap().kiosk.language, "en");
    for tag in ["es", "fr-CA", "fr-ca"] {
        let text = example().replacen("language = \"en\"", &format!("language = \"{tag}\""), 1);
        let config = KioskConfig::parse(&text).expect(tag);
        let known = kiosk_config::language_tag(&config.kiosk.language).unwrap();
        assert!(known.eq_ignore_ascii_case(tag), "{known} for {tag}");
    }
    for tag in ["fr", "en-XA", ""] {
        let text = example().replacen("language = \"en\"", &format!("language = \"{tag}\""), 1);
        let error = KioskConfig::parse(&text).expect_err(tag);
        assert!(error.to_string().contains("fr-CA"), "{error}");
        match error {
            ConfigError::Field { field, words, .. } => {
                assert_eq!(field, "kiosk.language");
                assert_eq!(words.problem, "admin-problem-not-language");
                assert_eq!(words.args, [("value", tag.to_string())]);
            }
            other => panic!("{other}"),
        }
    }
}

#[test]
fn every_field_problem_has_words_for_the_admin_screen() {
    let mut config = KioskConfig::parse(&example()).unwrap();
    config.entra.tenant_id = "contoso".into();
    config.entra.pin_length = 2;
    config.kiosk.allowed_email_domains = vec!["@contoso.com".into()];
    for problem in config.problems() {
        let ConfigError::Field { words, .. } = problem else {
            panic!("{problem}")
        };
        assert!(words.problem.starts_with("admin-problem-"), "{words:?}");
        assert!(words.fix.starts_with("admin-fix-"), "{words:?}");
    }
    let problems = config.problems();
    let ConfigError::Field { words, .. } = &problems[1] else {
        panic!()
    };
    assert_eq!(words.problem, "admin-problem-outside-range");
    assert_eq!(
        words.args,
        [
            ("value", "2".to_string()),
            ("min", "4".to_string()),
            ("max", "16".to_string())
        ]
    );
}

fn field_of(error: ConfigError) -> String {
    match error {
        ConfigError::Field { field, .. } => field.to_string(),
        other => panic!("expected a field error, got {other}"),
    }
}

#[test]
fn each_mistake_names_its_field_and_the_fix() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "tenant_id = \"aaaabbbb-0000-cccc-1111-dddd2222eeee\"",
            "tenant_id = \"contoso.onmicrosoft.com\"",
            "entra.tenant_id",
        ),
        (
            "client_id = \"535fb089-9ff3-47b6-9bfb-4f1264799865\"",
            "client_id = \"535fb089\"",
            "entra.client_id",
        ),
        (
            "issuer_did = \"did:web:verifiedid.contoso.com\"",
            "issuer_did = \"https://contoso.com\"",
            "entra.issuer_did",
        ),
        (
            "manifest_url = \"https://verifiedid",
            "manifest_url = \"http://verifiedid",
            "entra.manifest_url",
        ),
        ("pin_length = 4", "pin_length = 3", "entra.pin_length"),
        (
            "tenant_dns = \"contoso.1kosmos.net\"",
            "tenant_dns = \"https://contoso.1kosmos.net\"",
            "onekosmos.tenant_dns",
        ),
        (
            "dvc_id_kyc_with_selfie = \"contoso_kyc_selfie\"",
            "",
            "onekosmos.dvc_id_kyc_with_selfie",
        ),
        (
            "idle_warning_secs = 90",
            "idle_warning_secs = 2",
            "kiosk.idle_warning_secs",
        ),
        (
            "max_proofing_attempts = 3",
            "max_proofing_attempts = 0",
            "kiosk.max_proofing_attempts",
        ),
        (
            "allowed_email_domains = [\"contoso.com\"]",
            "allowed_email_domains = [\"@contoso.com\"]",
            "kiosk.allowed_email_domains",
        ),
        ("language = \"en\"", "language = \"de\"", "kiosk.language"),
        (
            "relay_url = \"https://kiosk-relay",
            "relay_url = \"http://kiosk-relay",
            "callback.relay_url",
        ),
        (
            "kiosk_id = \"lobby-01\"",
            "kiosk_id = \"lobby 01/x\"",
            "callback.kiosk_id",
        ),
        ("kiosk_id = \"lobby-01\"", "", "callback.kiosk_id"),
        (
            "face_check_threshold = 70",
            "face_check_threshold = 40",
            "verify.face_check_threshold",
        ),
        (
            "shown_claims = [\"given_name\"",
            "shown_claims = [\"given name\"",
            "verify.shown_claims",
        ),
        (
            "# required_claim_values = { assurance_level = [\"IAL2\"] }",
            "required_claim_values = { assurance_level = [] }",
            "verify.required_claim_values",
        ),
        (
            "# pin_hash = \"$argon2id$",
            "pin_hash = \"123456\" # \"",
            "admin.pin_hash",
        ),
    ];
    for (from, to, expected) in cases {
        let text = example();
        assert!(
            text.contains(from),
            "the example no longer contains {from:?}"
        );
        let error = KioskConfig::parse(&text.replacen(from, to, 1)).expect_err(expected);
        let message = error.to_string();
        assert_eq!(field_of(error), *expected, "{message}");
        assert!(
            message.len() > expected.len() + 20,
            "the message says how to fix it: {message}"
        );
    }
}

#[test]
fn face_check_follows_the_photo_claim_and_cannot_be_forced_on_without_one() {
    let config = KioskConfig::parse(&example()).unwrap();
    assert_eq!(config.verify_face_check_claim(), Some("photo"));
    assert_eq!(config.verify_credential_types(), ["VerifiedEnrollment"]);
    assert_eq!(
        config.verify_accepted_issuers(),
        ["did:web:verifiedid.contoso.com"]
    );
    let without_photo = example().replacen("photo_claim = \"photo\"", "", 1);
    let config = KioskConfig::parse(&without_photo).unwrap();
    assert_eq!(
        config.verify_face_check_claim(),
        None,
        "no photo, no Face Check"
    );
    let forced = without_photo.replacen("# face_check = true", "face_check = true", 1);
    let error = KioskConfig::parse(&forced).expect_err("Face Check without a photo claim");
    assert_eq!(field_of(error), "verify.face_check");
    let off = example().replacen("# face_check = true", "face_check = false", 1);
    assert_eq!(
        KioskConfig::parse(&off).unwrap().verify_face_check_claim(),
        None
    );
}

#[test]
fn typos_and_secrets_in_the_file_are_refused() {
    let typo = example().replace("idle_warning_secs", "idle_warn_secs");
    assert!(matches!(
        KioskConfig::parse(&typo),
        Err(ConfigError::Syntax(_))
    ));
    let secret = example().replace("[entra]\n", "[entra]\nclient_secret = \"oops\"\n");
    assert!(
        matches!(KioskConfig::parse(&secret), Err(ConfigError::Syntax(_))),
        "secrets have no place in the file"
    );
    assert!(matches!(
        KioskConfig::load(Path::new("/nonexistent/config.toml")),
        Err(ConfigError::Unreadable { .. })
    ));
}

#[test]
fn a_saved_configuration_reads_back_the_same() {
    let mut config = KioskConfig::parse(&example()).unwrap();
    config.camera.device_name = Some("Logitech BRIO".into());
    config.admin.pin_hash = Some(kiosk_config::hash_pin("24681357").unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk").join("config.toml");
    config.save(&path).expect("saved");
    assert_eq!(KioskConfig::load(&path).unwrap(), config);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("24681357"),
        "the PIN itself is never written"
    );
    assert!(!dir
        .path()
        .join("kiosk")
        .join("config.toml.partial")
        .exists());
}

#[test]
fn an_invalid_configuration_is_not_saved_and_every_problem_is_listed() {
    let mut config = KioskConfig::parse(&example()).unwrap();
    config.entra.tenant_id = "contoso".into();
    config.onekosmos.tenant_dns = "https://contoso".into();
    config.kiosk.max_proofing_attempts = 0;
    let fields: Vec<String> = config.problems().into_iter().map(field_of).collect();
    assert_eq!(
        fields,
        [
            "entra.tenant_id",
            "onekosmos.tenant_dns",
            "kiosk.max_proofing_attempts"
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    assert!(config.save(&path).is_err());
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn the_saved_file_is_readable_by_the_kiosks_account_only() {
    use std::os::unix::fs::PermissionsExt;
    let config = KioskConfig::parse(&example()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    config.save(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn an_unusable_pin_hash_is_refused_when_loading() {
    let text = example().replace(
        "# pin_hash = \"$argon2id$v=19$m=19456,t=2,p=1$...\"",
        "pin_hash = \"$argon2id$garbage\"",
    );
    assert_ne!(
        text,
        example(),
        "the example has the commented pin_hash line"
    );
    assert_eq!(
        field_of(KioskConfig::parse(&text).unwrap_err()),
        "admin.pin_hash"
    );
}

fn with_pin_hash(hash: &str) -> String {
    let text = example().replace(
        "# pin_hash = \"$argon2id$v=19$m=19456,t=2,p=1$...\"",
        &format!("pin_hash = \"{hash}\""),
    );
    assert_ne!(text, example());
    text
}

#[test]
fn a_pin_hash_cheaper_than_the_owasp_minimum_is_refused_with_the_fix() {
    let good = kiosk_config::hash_pin("24681357").unwrap();
    assert!(KioskConfig::parse(&with_pin_hash(&good)).is_ok());
    for cheap in [
        good.replace("m=19456,", "m=8192,"),
        good.replace(",t=2,", ",t=1,"),
    ] {
        assert_ne!(cheap, good);
        let error = KioskConfig::parse(&with_pin_hash(&cheap)).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("below the minimum"), "{message}");
        assert!(
            message.contains("echo PIN | enrollment-kiosk --hash-admin-pin"),
            "{message}"
        );
        assert_eq!(field_of(error), "admin.pin_hash");
    }
    // The upper bound stays.
    let costly = good.replace("m=19456,", "m=4000000,");
    assert_eq!(
        field_of(KioskConfig::parse(&with_pin_hash(&costly)).unwrap_err()),
        "admin.pin_hash"
    );
}

#[test]
fn a_relay_url_whose_path_reads_as_a_route_pattern_is_refused() {
    let relay = "relay_url = \"https://kiosk-relay.contoso.com/\"";
    assert!(example().contains(relay));
    for bad in [
        "relay_url = \"https://kiosk-relay.contoso.com/api/:kiosk/callback\"",
        "relay_url = \"https://kiosk-relay.contoso.com/api/*rest\"",
        "relay_url = \"https://kiosk-relay.contoso.com/:id\"",
        "relay_url = \"https://kiosk-relay.contoso.com/api/{kiosk}/callback\"",
        "relay_url = \"https://kiosk-relay.contoso.com/api/callback}\"",
        "relay_url = \"https://kiosk-relay.contoso.com/api/{*rest}\"",
    ] {
        let error = KioskConfig::parse(&example().replace(relay, bad)).expect_err(bad);
        let message = error.to_string();
        assert!(message.contains("route pattern"), "{message}");
        assert_eq!(field_of(error), "callback.relay_url", "{message}");
    }
    for good in [
        "relay_url = \"https://kiosk-relay.contoso.com/\"",
        "relay_url = \"https://kiosk-relay.contoso.com/api/a:b/c*d\"",
        "relay_url = \"https://kiosk-relay.contoso.com:8443/relay/\"",
    ] {
        assert!(
            KioskConfig::parse(&example().replace(relay, good)).is_ok(),
            "{good}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_configuration_file_open_to_other_accounts_is_flagged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    assert_eq!(kiosk_config::open_to_others(&path), None, "no file");
    KioskConfig::parse(&example()).unwrap().save(&path).unwrap();
    assert_eq!(kiosk_config::open_to_others(&path), Some(false));
    assert_eq!(kiosk_config::permission_warning(&path), None);
    for mode in [0o640, 0o604, 0o620, 0o602, 0o644, 0o666] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        assert_eq!(kiosk_config::open_to_others(&path), Some(true), "{mode:o}");
        let warning = kiosk_config::permission_warning(&path).expect("a warning");
        assert!(warning.contains("chmod 600"), "{warning}");
        assert!(warning.contains(&path.display().to_string()), "{warning}");
    }
    for mode in [0o600, 0o400, 0o700] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        assert_eq!(kiosk_config::open_to_others(&path), Some(false), "{mode:o}");
    }
}

#[cfg(not(unix))]
#[test]
fn file_permissions_are_not_judged_without_unix_mode_bits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    KioskConfig::parse(&example()).unwrap().save(&path).unwrap();
    assert_eq!(kiosk_config::open_to_others(&path), None);
}
