//! The real OS credential store on Linux: a Secret Service (GNOME Keyring) inside its own
//! D-Bus session, and the clear error when no store can be reached. Each test re-runs itself
//! in the environment it needs, so `cargo test` alone covers both.
#![cfg(target_os = "linux")]

use std::process::Command;

use kiosk_config::{OsCredentialStore, Secret, SecretStore, SecretStoreError};
use secrecy::{ExposeSecret, SecretString};

const INNER: &str = "KIOSK_CONFIG_KEYRING_TEST_INNER";

/// Runs this test binary again, filtered to `test`, under `wrapper`, and checks it passed.
fn rerun(test: &str, wrapper: &[&str], env_remove: &[&str]) {
    let home = tempfile::tempdir().expect("a temporary HOME");
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = Command::new(wrapper[0]);
    command
        .args(&wrapper[1..])
        .arg(&exe)
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(INNER, "1")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path());
    for var in env_remove {
        command.env_remove(var);
    }
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("could not run {wrapper:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "{test} failed inside {wrapper:?}:\n{text}"
    );
    assert!(
        text.contains("1 passed"),
        "{test} did not run inside {wrapper:?}:\n{text}"
    );
}

#[test]
fn secrets_round_trip_through_a_real_secret_service() {
    if std::env::var_os(INNER).is_none() {
        let script = "echo -n kiosk | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec \"$@\"";
        rerun(
            "secrets_round_trip_through_a_real_secret_service",
            &["dbus-run-session", "--", "sh", "-c", script, "sh"],
            &[],
        );
        return;
    }
    let store = OsCredentialStore::new("com.enrollmentkiosk.desk.test");
    let secret = SecretString::from("client-secret-value-1234".to_string());
    store
        .set(Secret::EntraClientSecret, &secret)
        .expect("stored");
    // A second handle (as after a restart) finds the same value.
    let again = OsCredentialStore::new("com.enrollmentkiosk.desk.test");
    assert_eq!(
        again
            .get(Secret::EntraClientSecret)
            .expect("read")
            .map(|s| s.expose_secret().to_string()),
        Some("client-secret-value-1234".into())
    );
    assert!(again
        .get(Secret::OneKosmosLicenseKey)
        .expect("read")
        .is_none());
    again.delete(Secret::EntraClientSecret).expect("deleted");
    assert!(store
        .get(Secret::EntraClientSecret)
        .expect("read")
        .is_none());
}

#[test]
fn no_reachable_store_is_a_clear_error_not_a_crash() {
    if std::env::var_os(INNER).is_none() {
        rerun(
            "no_reachable_store_is_a_clear_error_not_a_crash",
            &["env"],
            &["DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"],
        );
        return;
    }
    let store = OsCredentialStore::new("com.enrollmentkiosk.desk.test");
    let error = store
        .get(Secret::OneKosmosLicenseKey)
        .expect_err("no session bus, no store");
    assert!(
        matches!(
            error,
            SecretStoreError::Unavailable(_) | SecretStoreError::Locked
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("credential store"), "{error}");
}
