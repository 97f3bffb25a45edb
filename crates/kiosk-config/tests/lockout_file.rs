//! The admin PIN lockout file: it round-trips, is private, and fails closed when damaged.

use kiosk_config::{LockoutFile, LockoutFileError, LockoutRecord, FREE_TRIES, LOCKOUT_FILE_NAME};

const NOW: u64 = 1_700_000_000;

#[test]
fn the_lockout_file_sits_beside_the_configuration_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kiosk").join("config.toml");
    let file = LockoutFile::beside(&config);
    assert_eq!(
        file.path(),
        dir.path().join("kiosk").join(LOCKOUT_FILE_NAME)
    );

    assert_eq!(
        file.load(NOW),
        (LockoutRecord::default(), None),
        "no file yet: no wrong PINs"
    );
    let record = LockoutRecord {
        failures: 6,
        locked_until_unix: NOW + 60,
    };
    file.save(&record).expect("saved, creating the directory");
    assert_eq!(file.load(NOW), (record, None));
    let cleared = LockoutRecord::default();
    file.save(&cleared).expect("saved over the old one");
    assert_eq!(file.load(NOW), (cleared, None));
    assert!(!dir
        .path()
        .join("kiosk")
        .join(format!("{LOCKOUT_FILE_NAME}.partial"))
        .exists());
}

#[test]
fn a_damaged_lockout_file_fails_closed() {
    let dir = tempfile::tempdir().unwrap();
    let file = LockoutFile::beside(&dir.path().join("config.toml"));
    for damage in [
        "",
        "garbage",
        "failures = -1\nlocked_until_unix = 0\n",
        "failures = 2\n",
        "failures = 2\nlocked_until_unix = 0\nextra = 1\n",
        "failures = \"five\"\nlocked_until_unix = 0\n",
    ] {
        std::fs::write(file.path(), damage).unwrap();
        let (record, problem) = file.load(NOW);
        assert_eq!(record, LockoutRecord::fail_closed(NOW), "{damage:?}");
        assert!(record.failures >= FREE_TRIES);
        assert_eq!(record.locked_until_unix, NOW + 30);
        assert!(
            matches!(problem, Some(LockoutFileError::Corrupt { .. })),
            "{damage:?}: {problem:?}"
        );
    }
}

#[test]
fn an_unreadable_lockout_file_fails_closed() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be cannot be read as one, whoever runs the test.
    let file = LockoutFile::at(dir.path().join(LOCKOUT_FILE_NAME));
    std::fs::create_dir(file.path()).unwrap();
    let (record, problem) = file.load(NOW);
    assert_eq!(record, LockoutRecord::fail_closed(NOW));
    assert!(
        matches!(problem, Some(LockoutFileError::Unreadable { .. })),
        "{problem:?}"
    );
    assert!(matches!(
        file.save(&LockoutRecord::default()),
        Err(LockoutFileError::Unwritable { .. })
    ));
}

#[cfg(unix)]
#[test]
fn the_lockout_file_is_readable_by_the_kiosks_account_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = LockoutFile::beside(&dir.path().join("config.toml"));
    file.save(&LockoutRecord::fail_closed(NOW)).unwrap();
    let mode = std::fs::metadata(file.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(kiosk_config::open_to_others(file.path()), Some(false));
}
