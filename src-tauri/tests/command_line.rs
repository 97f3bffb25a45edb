//! The app binary's command line, without a window: configuration errors and storing secrets.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kiosk(args: &[&str], stdin: &str, home: &std::path::Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_enrollment-kiosk"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("the app exits")
}

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/config.example.toml"
    ))
    .expect("the example configuration")
}

#[test]
fn a_wrong_configuration_value_is_named_with_its_fix() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("config.toml");
    std::fs::write(
        &path,
        example().replace(
            "tenant_id = \"aaaabbbb-0000-cccc-1111-dddd2222eeee\"",
            "tenant_id = \"contoso.onmicrosoft.com\"",
        ),
    )
    .unwrap();
    let output = kiosk(&["--config", path.to_str().unwrap()], "", home.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("entra.tenant_id"), "{stderr}");
    assert!(stderr.contains("Directory (tenant) ID"), "{stderr}");
}

#[test]
fn a_missing_configuration_file_is_reported() {
    let home = tempfile::tempdir().unwrap();
    let output = kiosk(&["--config", "/nonexistent/kiosk.toml"], "", home.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
}

#[test]
fn storing_a_secret_needs_a_value_and_a_known_name() {
    let home = tempfile::tempdir().unwrap();
    let empty = kiosk(
        &["--store-secret", "entra-client-secret"],
        "\n",
        home.path(),
    );
    assert_eq!(empty.status.code(), Some(2));
    let unknown = kiosk(&["--store-secret", "admin-password"], "x\n", home.path());
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("entra-client-secret"));
}

#[test]
fn a_stored_secret_lands_in_the_secret_service_and_nowhere_else() {
    let home = tempfile::tempdir().unwrap();
    let app = env!("CARGO_BIN_EXE_enrollment-kiosk");
    let script = format!(
        "echo -n kiosk | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
         echo 'very-secret-value-42' | {app} --store-secret onekosmos-license-key && \
         secret-tool lookup service com.enrollmentkiosk.desk username onekosmos-license-key"
    );
    let output = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_RUNTIME_DIR", home.path())
        .output()
        .expect("dbus-run-session runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(stdout.trim(), "very-secret-value-42");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("very-secret-value-42"));
    // Not in any file outside the keyring's own encrypted store.
    let mut stack = vec![home.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() {
                let bytes = std::fs::read(&path).unwrap_or_default();
                assert!(
                    !bytes.windows(20).any(|w| w == b"very-secret-value-42"),
                    "the secret is in plain text in {}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_demo_update_flags_are_refused_with_a_configuration_file() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("config.toml");
    std::fs::write(&path, example()).unwrap();
    let output = kiosk(
        &[
            "--config",
            path.to_str().unwrap(),
            "--demo-update-endpoint",
            "https://updates.example.com/feed",
            "--demo-update-pubkey",
            "a2V5",
        ],
        "",
        home.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("[updates] in the configuration file"),
        "{stderr}"
    );
}

#[test]
fn an_admin_pin_hash_for_the_configuration_file_is_printed_never_the_pin() {
    let home = tempfile::tempdir().unwrap();
    let out = kiosk(&["--hash-admin-pin"], "24681357\n", home.path());
    assert!(out.status.success(), "{out:?}");
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.starts_with("pin_hash = \"$argon2id$"), "{line}");
    assert!(!line.contains("24681357"));
    let hash = line
        .trim()
        .trim_start_matches("pin_hash = \"")
        .trim_end_matches('"');
    let mut pin = kiosk_config::AdminPin::from_hash(hash).expect("a usable hash");
    assert_eq!(
        pin.check("24681357", std::time::Instant::now()),
        kiosk_config::PinCheck::Accepted
    );

    let short = kiosk(&["--hash-admin-pin"], "123\n", home.path());
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("6 to 12 digits"));
}
