//! Signed updates, end to end: the real app in demo mode checks a local update feed on
//! loopback, downloads the newer version, verifies its minisign signature against the public
//! key it was given, and installs it only while the Welcome screen shows, then restarts.
//!
//! The app runs as an AppImage would: `APPIMAGE` names a file in the run directory, the one the
//! updater replaces. The published "new version" is the `fake-appimage` helper binary; when the
//! kiosk restarts into it, it writes `<AppImage>.started` with its arguments and exits. So the
//! install is seen in the file's bytes and the restart in the marker, with no test-only code
//! path in the app.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine;
use e2e::process::wait_until;
use e2e::Kiosk;

const NEW_VERSION: &str = "0.2.0";
const ARTIFACT: &str = "Enrollment_Kiosk_0.2.0_amd64.AppImage";
/// What the "installed" AppImage holds before the update.
const OLD_APPIMAGE: &[u8] = b"#!/bin/sh\n# Enrollment Kiosk 0.1.0 (stand-in)\nexit 3\n";
/// Seconds between update checks in these tests.
const CHECK_SECS: &str = "2";
const CHECK_PERIOD: Duration = Duration::from_secs(2);

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

/// A signing key as `tauri signer generate` makes one.
struct SigningKey {
    pair: minisign::KeyPair,
}

impl SigningKey {
    fn generate() -> Self {
        Self {
            pair: minisign::KeyPair::generate_unencrypted_keypair().expect("generate a key pair"),
        }
    }

    /// What the app is given: base64 of the public key file's text.
    fn public(&self) -> String {
        b64(&self.pair.pk.to_box().expect("public key box").to_string())
    }

    /// What the feed carries: base64 of the `.sig` file's text. The trusted comment names the
    /// version, as the Tauri CLI writes it (the app requires it: `requireSignedVersion`).
    fn sign(&self, payload: &[u8], version: &str) -> String {
        let trusted = format!("timestamp:1795000000\tfile:{ARTIFACT}\tversion:{version}");
        let signature = minisign::sign(
            Some(&self.pair.pk),
            &self.pair.sk,
            std::io::Cursor::new(payload),
            Some(&trusted),
            Some("signature from tauri secret key"),
        )
        .expect("sign the payload");
        b64(&signature.to_string())
    }
}

struct Release {
    payload: Vec<u8>,
    signature: String,
}

#[derive(Default)]
struct Feed {
    /// None: the feed answers 204 (no update).
    release: Option<Release>,
    requests: Vec<String>,
}

/// A static update feed on loopback, as a CDN would serve it.
struct UpdateServer {
    port: u16,
    feed: Arc<Mutex<Feed>>,
}

impl UpdateServer {
    fn start() -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind the update server");
        let port = listener.local_addr().expect("local address").port();
        let feed = Arc::new(Mutex::new(Feed::default()));
        let shared = feed.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let feed = shared.clone();
                thread::spawn(move || serve(stream, port, &feed));
            }
        });
        Self { port, feed }
    }

    /// The endpoint the app is given; the updater fills in the placeholders.
    fn endpoint(&self) -> String {
        format!(
            "http://127.0.0.1:{}/feed/{{{{target}}}}/{{{{arch}}}}/{{{{current_version}}}}",
            self.port
        )
    }

    fn publish(&self, release: Release) {
        self.feed.lock().unwrap().release = Some(release);
    }

    fn requests(&self) -> Vec<String> {
        self.feed.lock().unwrap().requests.clone()
    }

    fn feed_checks(&self) -> usize {
        self.requests()
            .iter()
            .filter(|path| path.starts_with("/feed/"))
            .count()
    }

    fn downloads(&self) -> usize {
        self.requests()
            .iter()
            .filter(|path| path.starts_with("/download/"))
            .count()
    }
}

fn serve(mut stream: TcpStream, port: u16, feed: &Mutex<Feed>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head
        .lines()
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .unwrap_or("")
        .to_string();
    let (status, content_type, body) = {
        let mut feed = feed.lock().unwrap();
        feed.requests.push(path.clone());
        match (&feed.release, path.as_str()) {
            (None, p) if p.starts_with("/feed/") => ("204 No Content", "text/plain", Vec::new()),
            (Some(release), p) if p.starts_with("/feed/") => {
                let manifest = serde_json::json!({
                    "version": NEW_VERSION,
                    "notes": "Faster start-up.",
                    "pub_date": "2026-11-26T09:00:00Z",
                    "platforms": {
                        "linux-x86_64": {
                            "url": format!("http://127.0.0.1:{port}/download/{ARTIFACT}"),
                            "signature": release.signature,
                        }
                    }
                });
                (
                    "200 OK",
                    "application/json",
                    manifest.to_string().into_bytes(),
                )
            }
            (Some(release), p) if p == format!("/download/{ARTIFACT}") => (
                "200 OK",
                "application/octet-stream",
                release.payload.clone(),
            ),
            _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
        }
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
}

/// The new version's bytes: the helper executable that records the restart.
fn new_version_payload() -> Vec<u8> {
    let path = env!("CARGO_BIN_EXE_fake-appimage");
    fs::read(path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// The kiosk, running "as an AppImage" whose file is in the run directory.
struct UpdatingKiosk {
    kiosk: Kiosk,
    appimage: PathBuf,
}

impl UpdatingKiosk {
    fn launch(name: &str, server: &UpdateServer, key: &SigningKey) -> Self {
        let endpoint = server.endpoint();
        let pubkey = key.public();
        let args = [
            "--demo",
            "--demo-update-endpoint",
            &endpoint,
            "--demo-update-pubkey",
            &pubkey,
            "--update-check-secs",
            CHECK_SECS,
        ];
        let mut appimage = PathBuf::new();
        let kiosk = Kiosk::launch_with_env(name, &args, |run_dir| {
            appimage = run_dir.join("Enrollment_Kiosk.AppImage");
            fs::write(&appimage, OLD_APPIMAGE).expect("write the AppImage stand-in");
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&appimage, fs::Permissions::from_mode(0o755))
                .expect("make it executable");
            vec![("APPIMAGE".into(), appimage.display().to_string())]
        });
        Self { kiosk, appimage }
    }

    fn marker(&self) -> PathBuf {
        let mut marker = self.appimage.clone().into_os_string();
        marker.push(".started");
        PathBuf::from(marker)
    }

    fn installed(&self) -> Vec<u8> {
        fs::read(&self.appimage).unwrap_or_default()
    }

    /// Waits until the app's log contains `needle`; returns the log.
    fn wait_log(&self, needle: &str, timeout: Duration) -> String {
        let mut log = String::new();
        let found = wait_until(timeout, || {
            log = self.kiosk.log();
            log.contains(needle)
        });
        assert!(found, "the log never said {needle:?}:\n{}", tail(&log));
        log
    }

    /// Waits for the restart into the new version; returns the arguments it was started with.
    fn wait_restart(&self, timeout: Duration) -> String {
        let marker = self.marker();
        let restarted = wait_until(timeout, || marker.is_file());
        assert!(
            restarted,
            "the kiosk did not restart into the new version within {timeout:?}:\n{}",
            tail(&self.kiosk.log())
        );
        // The new version writes the marker beside it and renames it: it is whole once there.
        fs::read_to_string(&marker).expect("read the restart marker")
    }
}

fn tail(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

fn assert_restarted_with_its_arguments(args: &str, server: &UpdateServer) {
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(args.first(), Some(&"--demo"), "restart arguments: {args:?}");
    assert!(
        args.contains(&server.endpoint().as_str()),
        "the restarted kiosk keeps its feed: {args:?}"
    );
}

#[test]
fn a_signed_update_is_verified_and_installed_on_the_welcome_screen_then_the_kiosk_restarts() {
    let started = Instant::now();
    let server = UpdateServer::start();
    let key = SigningKey::generate();
    let app = UpdatingKiosk::launch(
        "a_signed_update_is_verified_and_installed_on_the_welcome_screen",
        &server,
        &key,
    );
    app.kiosk.wait_screen("welcome");
    // Nothing published yet: up to date, with the placeholders filled in.
    app.wait_log(
        "Up to date (version 0.1.0, checked ",
        Duration::from_secs(20),
    );
    assert!(
        server
            .requests()
            .contains(&"/feed/linux/x86_64/0.1.0".to_string()),
        "feed requests: {:?}",
        server.requests()
    );

    let payload = new_version_payload();
    server.publish(Release {
        signature: key.sign(&payload, NEW_VERSION),
        payload: payload.clone(),
    });
    let log = app.wait_log(
        "Version 0.2.0 is downloaded and verified",
        Duration::from_secs(30),
    );
    assert!(log.contains("update downloaded; its signature is valid"));
    assert_eq!(server.downloads(), 1);

    // On Welcome, nobody enrolling: installed, then the kiosk restarts into the new version.
    let args = app.wait_restart(Duration::from_secs(20));
    assert!(
        app.installed() == payload,
        "the AppImage file does not hold the new version"
    );
    assert_restarted_with_its_arguments(&args, &server);
    let log = app.kiosk.log();
    assert!(
        log.contains("Version 0.2.0 is installed; the kiosk is restarting"),
        "{}",
        tail(&log)
    );
    assert!(
        !log.contains(&key.public()),
        "the public key must not be logged"
    );
    eprintln!("installed and restarted in {:?}", started.elapsed());
}

#[test]
fn an_update_signed_with_another_key_is_refused_and_never_installed() {
    let server = UpdateServer::start();
    let trusted = SigningKey::generate();
    let forger = SigningKey::generate();
    let app = UpdatingKiosk::launch(
        "an_update_signed_with_another_key_is_refused_and_never_installed",
        &server,
        &trusted,
    );
    app.kiosk.wait_screen("welcome");
    let payload = new_version_payload();
    server.publish(Release {
        signature: forger.sign(&payload, NEW_VERSION),
        payload,
    });
    app.wait_log(
        "An update (version 0.2.0) was refused: its signature does not match the configured public key. Check --demo-update-pubkey",
        Duration::from_secs(30),
    );
    // Two more checks of the feed: the refused release is not fetched again, nothing is
    // installed, and the kiosk keeps running on Welcome.
    let checks_at_refusal = server.feed_checks();
    let checked_again = wait_until(Duration::from_secs(30), || {
        server.feed_checks() >= checks_at_refusal + 2
    });
    assert!(
        checked_again,
        "the feed is still checked after a refusal: {:?}",
        server.requests()
    );
    assert_eq!(server.downloads(), 1, "requests: {:?}", server.requests());
    assert_eq!(
        app.installed(),
        OLD_APPIMAGE,
        "a refused update changed the AppImage"
    );
    assert!(!app.marker().exists(), "the kiosk restarted");
    assert_eq!(app.kiosk.screen().as_deref(), Some("welcome"));
}

#[test]
fn an_enrollment_in_progress_is_not_interrupted_by_an_update() {
    let server = UpdateServer::start();
    let key = SigningKey::generate();
    let app = UpdatingKiosk::launch(
        "an_enrollment_in_progress_is_not_interrupted_by_an_update",
        &server,
        &key,
    );
    let kiosk = &app.kiosk;
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.type_into("#email", "sam.rivera@example.com");

    let payload = new_version_payload();
    server.publish(Release {
        signature: key.sign(&payload, NEW_VERSION),
        payload: payload.clone(),
    });
    app.wait_log(
        "Version 0.2.0 is downloaded and verified; it installs when the Welcome screen shows",
        Duration::from_secs(30),
    );
    assert_eq!(server.downloads(), 1);
    app.wait_log(
        "an enrollment is in progress; the update waits for the Welcome screen",
        Duration::from_secs(5),
    );
    // Nothing is to happen now, so there is nothing to wait for: the test watches for three
    // check periods that the form stays and nothing is installed (the update waits, looking for the Welcome screen every second).
    let watched = Instant::now() + 3 * CHECK_PERIOD;
    while Instant::now() < watched {
        assert_eq!(kiosk.screen().as_deref(), Some("intake"));
        assert!(!app.marker().exists(), "restarted mid-enrollment");
        thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(kiosk.screen().as_deref(), Some("intake"));
    assert_eq!(kiosk.value("#email"), "sam.rivera@example.com");
    assert_eq!(app.installed(), OLD_APPIMAGE, "installed mid-enrollment");
    assert!(!app.marker().exists(), "restarted mid-enrollment");

    // The person cancels: back on Welcome, the update installs and the kiosk restarts.
    kiosk.click("#cancel");
    kiosk.wait_screen("welcome");
    let args = app.wait_restart(Duration::from_secs(20));
    assert!(
        app.installed() == payload,
        "the AppImage file does not hold the new version"
    );
    assert_restarted_with_its_arguments(&args, &server);
}
