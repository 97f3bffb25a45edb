//! Production mode end to end: everything around a real kiosk, on loopback.
//!
//! [`Deployment`] brings up what a site and its cloud would have: a CA of the test's own
//! (`tls`), Entra and 1Kosmos stand-ins over HTTPS under the real services' names
//! (`stand_ins`), a real `redis-server` (`redis`), two instances of the real callback relay
//! serving TLS (`relay`) behind a TCP load balancer, and the site's HTTPS proxy through which
//! every name resolves (`network`). [`Deployment::provision`] then prepares a kiosk as an
//! administrator would: the configuration file where the app looks for it, and the secrets in
//! the GNOME Keyring of the kiosk's own desktop session (`enrollment-kiosk --store-secret`).
//! The app starts with no flag at all and finds all this the way it would at a real site:
//! `HTTPS_PROXY` names the proxy and `SSL_CERT_FILE` the machine's CA bundle with the test's CA
//! added. Nothing in the app knows it is under test.

pub mod network;
pub mod redis;
pub mod relay;
pub mod stand_ins;
pub mod tls;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::launch::{app_path, hermetic_env, run_in_desktop_session, target_dir};
use network::{InternetProxy, LoadBalancer};
use redis::RedisServer;
use relay::{relay_command, RelayInstance, RelaySettings};
use stand_ins::{Definition, EntraTenant, OneKosmosTenant, StandIns};
use tls::TestCa;

/// This kiosk's name at the relay.
pub const KIOSK_ID: &str = "desk-1";
/// The relay's public name (its load balancer).
pub const RELAY_HOST: &str = "kiosk-relay.contoso.com";
/// The admin PIN of the configuration's `[admin] pin_hash`.
pub const ADMIN_PIN: &str = "24681357";
/// The e-mail domain the configuration allows.
pub const EMAIL_DOMAIN: &str = "contoso.com";

const ENTRA: EntraTenant = EntraTenant {
    tenant_id: "aaaabbbb-0000-cccc-1111-dddd2222eeee",
    client_id: "535fb089-9ff3-47b6-9bfb-4f1264799865",
    client_secret: "e2e-production-client-secret",
    issuer_did: "did:web:verifiedid.contoso.com",
    credential_type: "VerifiedEnrollment",
};

const ONEKOSMOS: OneKosmosTenant = OneKosmosTenant {
    community: "default",
    license_key: "0f3c2b1a-5d4e-4f60-8a7b-9c8d7e6f5a4b",
    dvc_id: "contoso_kyc_selfie",
};

/// The last `lines` lines of the log at `path`, headed with `name`.
pub(crate) fn tail(name: &str, path: &Path, lines: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    let start = all.len().saturating_sub(lines);
    format!(
        "--- last lines of {name} ({}) ---\n{}",
        path.display(),
        all[start..].join("\n")
    )
}

/// Everything around the kiosk; see the module comment. Dropping it stops all of it.
pub struct Deployment {
    // Fields drop in this order: nothing calls a service that is already gone.
    pub stand_ins: StandIns,
    pub proxy: InternetProxy,
    pub balancer: LoadBalancer,
    pub relays: Vec<RelayInstance>,
    pub redis: RedisServer,
    trust_bundle: PathBuf,
    token_key: String,
    config: String,
    /// Where the services' logs are kept when the test fails (`target/e2e/<test>/services/`).
    artifacts: PathBuf,
    dir: tempfile::TempDir,
}

impl Deployment {
    /// Brings everything up for the test `name`.
    pub fn start(name: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("kiosk-production-")
            .tempdir()
            .expect("a folder for the deployment");
        let root = dir.path();
        let ca = TestCa::new();
        let trust_bundle = ca.write_trust_bundle(root);

        // Redis and two relay instances serving TLS, one key for both.
        let redis = RedisServer::start(&root.join("redis"));
        let token_key = relay_command(&["generate-key"], None);
        let (tls_cert, tls_key) = ca.issue(&[RELAY_HOST]).write(root, "relay");
        let settings = RelaySettings {
            redis_url: redis.url(),
            token_key: token_key.clone(),
            tls_cert,
            tls_key,
        };
        let relays = vec![
            RelayInstance::start("relay-a", settings.clone(), root),
            RelayInstance::start("relay-b", settings, root),
        ];
        let balancer = LoadBalancer::start(relays.iter().map(RelayInstance::addr).collect());
        let proxy = InternetProxy::start();
        proxy.route(RELAY_HOST, 443, balancer.addr());

        // Verified ID holds the credential the kiosk defines (the administrator pasted the
        // definition the app prints); the configuration then names its manifest.
        let definition = kiosk_definition(&root.join("definition"));
        let stand_ins = StandIns::start(&ca, &proxy.url(), &ENTRA, definition, &ONEKOSMOS);
        for name in [stand_ins::ENTRA_LOGIN, stand_ins::ENTRA_VERIFIED_ID] {
            proxy.route(name, 443, stand_ins.entra_addr());
        }
        proxy.route(stand_ins::ONEKOSMOS_TENANT, 443, stand_ins.onekosmos_addr());

        let pin_line = run_app_once(
            &root.join("pin"),
            &["--hash-admin-pin"],
            &format!("{ADMIN_PIN}\n"),
        );
        let config = configuration(stand_ins.manifest_url().as_str(), Some(pin_line.trim()));
        Self {
            stand_ins,
            proxy,
            balancer,
            relays,
            redis,
            trust_bundle,
            token_key,
            config,
            artifacts: target_dir().join("e2e").join(name).join("services"),
            dir,
        }
    }

    /// Prepares the kiosk whose run lives in `run_dir` (see [`crate::Kiosk::launch_with_env`]):
    /// the configuration file in the platform's place, the three secrets in the GNOME Keyring
    /// of its desktop session; returns the site's environment (proxy and CA bundle).
    pub fn provision(&self, run_dir: &Path) -> Vec<(String, String)> {
        let config_dir = run_dir.join("config").join("com.enrollmentkiosk.desk");
        fs::create_dir_all(&config_dir).expect("create the configuration folder");
        fs::write(config_dir.join("config.toml"), &self.config).expect("write config.toml");
        let token = relay_command(&["kiosk-token", KIOSK_ID], Some(&self.token_key));
        let app = app_path();
        for (secret, value) in [
            ("entra-client-secret", ENTRA.client_secret),
            ("onekosmos-license-key", ONEKOSMOS.license_key),
            ("relay-token", token.as_str()),
        ] {
            run_in_desktop_session(
                run_dir,
                &app,
                &["--store-secret", secret],
                &format!("{value}\n"),
            );
        }
        vec![
            ("HTTPS_PROXY".into(), self.proxy.url()),
            ("NO_PROXY".into(), "localhost,127.0.0.1".into()),
            (
                "SSL_CERT_FILE".into(),
                self.trust_bundle.display().to_string(),
            ),
        ]
    }

    /// The index of the relay instance that holds the kiosk's subscription: the one with the
    /// only open connection through the load balancer (the test's own requests close theirs).
    pub fn subscribed_instance(&self) -> Option<usize> {
        let open = self.balancer.open_connections();
        let busy: Vec<usize> = (0..open.len()).filter(|&i| open[i] > 0).collect();
        match busy.as_slice() {
            [one] if open[*one] == 1 => Some(*one),
            _ => None,
        }
    }

    /// What the services around the kiosk saw, for failure messages.
    pub fn diagnostics(&self) -> String {
        let mut out = vec![
            format!(
                "open connections per relay instance: {:?}",
                self.balancer.open_connections()
            ),
            format!(
                "names the proxy refused to tunnel to: {:?}",
                self.proxy.refused()
            ),
            self.redis.log_tail(),
        ];
        out.extend(self.relays.iter().map(RelayInstance::log_tail));
        out.join("\n")
    }
}

impl Drop for Deployment {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        // Keep what the services wrote; the folder they ran in goes away.
        let _ = fs::create_dir_all(&self.artifacts);
        if let Ok(entries) = fs::read_dir(self.dir.path()) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "log") {
                    let _ = fs::copy(&path, self.artifacts.join(entry.file_name()));
                }
            }
        }
        let _ = fs::copy(
            self.dir.path().join("redis").join("redis.log"),
            self.artifacts.join("redis.log"),
        );
        let _ = fs::write(self.artifacts.join("network.txt"), {
            format!(
                "open connections per relay instance: {:?}\nnames the proxy refused: {:?}\n",
                self.balancer.open_connections(),
                self.proxy.refused()
            )
        });
        eprintln!(
            "e2e: kept the logs of Redis and the relay instances in {}",
            self.artifacts.display()
        );
    }
}

/// The configuration file of the kiosk, as an administrator deploys it.
fn configuration(manifest_url: &str, pin_line: Option<&str>) -> String {
    let admin = pin_line
        .map(|line| format!("[admin]\n{line}\n"))
        .unwrap_or_default();
    format!(
        r#"[entra]
tenant_id = "{tenant}"
client_id = "{client}"
issuer_did = "{did}"
manifest_url = "{manifest_url}"
credential_type = "{credential_type}"
client_name = "Contoso enrollment desk"
pin_length = 4

[onekosmos]
tenant_dns = "{onekosmos}"
community = "{community}"
journey = "kyc_with_selfie"
dvc_id_kyc_with_selfie = "{dvc}"
id_proofing_flow_url = "https://{onekosmos}/idproofing/"
dl_verify = true

[kiosk]
mode = "staffed"
idle_warning_secs = 600
idle_reset_secs = 60
max_proofing_attempts = 3
max_offer_reissues = 2
allowed_email_domains = ["{EMAIL_DOMAIN}"]

[callback]
relay_url = "https://{RELAY_HOST}/"
kiosk_id = "{KIOSK_ID}"

{admin}"#,
        tenant = ENTRA.tenant_id,
        client = ENTRA.client_id,
        did = ENTRA.issuer_did,
        credential_type = ENTRA.credential_type,
        onekosmos = stand_ins::ONEKOSMOS_TENANT,
        community = ONEKOSMOS.community,
        dvc = ONEKOSMOS.dvc_id,
    )
}

/// The credential definition the kiosk prints for this configuration.
fn kiosk_definition(dir: &Path) -> Definition {
    fs::create_dir_all(dir).expect("create a scratch folder");
    // The definition depends on the credential type, organization and photo claim only; the
    // manifest does not exist yet.
    let placeholder = format!(
        "https://{}/v1.0/tenants/{}/verifiableCredentials/contracts/placeholder/manifest",
        stand_ins::ENTRA_VERIFIED_ID,
        ENTRA.tenant_id
    );
    let path = dir.join("config.toml");
    fs::write(&path, configuration(&placeholder, None)).expect("write a scratch configuration");
    let config = path.display().to_string();
    let part = |part: &str| -> Value {
        let printed = run_app_once(
            dir,
            &["--config", &config, "--print-credential-definition", part],
            "",
        );
        serde_json::from_str(&printed)
            .unwrap_or_else(|e| panic!("e2e: the {part} definition is not JSON ({e}): {printed}"))
    };
    Definition {
        rules: part("rules"),
        display: part("display"),
    }
}

/// Runs one of the app's one-shot commands in a hermetic environment of its own under `dir`;
/// returns what it printed.
fn run_app_once(dir: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write;
    fs::create_dir_all(dir).expect("create a scratch folder");
    let mut child = Command::new(app_path())
        .args(args)
        .env_clear()
        .envs(hermetic_env(dir))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("e2e: could not run the app ({}): {e}", app_path().display()));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write to the app");
    }
    let output = child.wait_with_output().expect("wait for the app");
    assert!(
        output.status.success(),
        "e2e: `enrollment-kiosk {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
