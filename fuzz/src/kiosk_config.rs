//! The text of a configuration file (`KioskConfig::parse`, what `KioskConfig::load` calls).
//!
//! Properties: no panic; an accepted configuration has no problems, has a TOML form, and that
//! form parses back to the same configuration (what the admin screen saves is what the kiosk
//! reads at its next start).

use kiosk_config::KioskConfig;

pub fn run(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    match KioskConfig::parse(&text) {
        Ok(config) => {
            assert!(config.problems().is_empty(), "accepted with problems");
            let saved = config
                .to_toml()
                .expect("an accepted configuration has a TOML form");
            let again = KioskConfig::parse(&saved).expect("a saved configuration reads back");
            assert_eq!(again, config, "saved and read back, it changed");
            true
        }
        Err(error) => {
            let _ = error.to_string();
            false
        }
    }
}

/// The documented example (`docs/config.example.toml`, fictional tenant), a lobby kiosk with
/// an admin PIN hash, and a file with a mistake.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let example = include_str!("../../docs/config.example.toml");
    // A well-formed Argon2id hash at OWASP's minimum cost, of a PIN nobody uses.
    let pin_hash = "$argon2id$v=19$m=19456,t=2,p=1$ZnV6ei1zZWVkLXNhbHQ$\
                    q3KiBmcOhAIfVmKXw5cWkc9bcR9HWlHu1b4v7o5oPqU";
    let lobby = example
        .replace("mode = \"staffed\"", "mode = \"lobby\"")
        .replace(
            "# pin_hash = \"$argon2id$v=19$m=19456,t=2,p=1$...\"",
            &format!("pin_hash = \"{pin_hash}\""),
        );
    let mistake = example.replace(
        "aaaabbbb-0000-cccc-1111-dddd2222eeee\"        # Directory",
        "contoso.onmicrosoft.com\"        # Directory",
    );
    vec![
        ("example", example.as_bytes().to_vec()),
        ("lobby-with-pin", lobby.into_bytes()),
        ("tenant-not-a-guid", mistake.into_bytes()),
    ]
}
