//! The kiosk's lockdown lives in configuration files; these tests fail when a change opens it up.

use std::path::Path;

use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn csp_directives() -> Vec<(String, Vec<String>)> {
    let config = read_json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string is set");
    csp.split(';')
        .filter(|d| !d.trim().is_empty())
        .map(|directive| {
            let mut parts = directive.split_whitespace().map(str::to_string);
            let name = parts.next().unwrap_or_default();
            (name, parts.collect())
        })
        .collect()
}

#[test]
fn csp_is_strict_and_allows_fast_ipc() {
    let directives = csp_directives();
    let get = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("CSP lacks {name}"))
    };
    assert_eq!(get("default-src"), ["'self'"]);
    assert_eq!(get("script-src"), ["'self'"]);
    assert_eq!(get("object-src"), ["'none'"]);
    assert_eq!(get("frame-ancestors"), ["'none'"]);
    // Without these two sources Tauri IPC falls back to a slow path (reference: desktop-engineering).
    assert_eq!(get("connect-src"), ["ipc:", "http://ipc.localhost"]);
    for (name, sources) in &directives {
        for source in sources {
            assert!(
                !source.contains('*')
                    && source != "'unsafe-inline'"
                    && source != "'unsafe-eval'"
                    && source != "https:"
                    && source != "http:",
                "{name} allows {source}"
            );
            if source.starts_with("http") {
                assert_eq!(
                    source, "http://ipc.localhost",
                    "{name} allows a remote origin"
                );
            }
        }
    }
}

#[test]
fn only_bundled_content_is_loaded() {
    let config = read_json("tauri.conf.json");
    let build = &config["build"];
    assert!(
        build.get("devUrl").is_none(),
        "a dev server URL would load remote content"
    );
    let dist = build["frontendDist"].as_str().expect("frontendDist");
    assert!(
        !dist.contains("://"),
        "frontendDist must be a bundled folder, not {dist}"
    );
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    // The window is created in code, with navigation and new-window guards.
    assert_eq!(config["app"]["windows"], Value::Array(vec![]));
}

#[test]
fn capabilities_grant_only_the_apps_own_commands() {
    let config = read_json("tauri.conf.json");
    assert_eq!(
        config["app"]["security"]["capabilities"],
        serde_json::json!(["kiosk"])
    );
    let capability = read_json("capabilities/kiosk.json");
    assert!(
        capability.get("remote").is_none(),
        "no remote origin may call commands"
    );
    assert_eq!(capability["windows"], serde_json::json!(["main"]));

    let main =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    let handler = main
        .split("generate_handler![")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("generate_handler! in main.rs");
    let mut expected: Vec<String> = handler
        .split(',')
        .map(|c| c.trim().rsplit("::").next().unwrap_or_default().to_string())
        .filter(|c| !c.is_empty())
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.extend([
        "core:event:allow-listen".into(),
        "core:event:allow-unlisten".into(),
    ]);
    expected.sort();

    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| {
            p.as_str()
                .expect("plain permission identifiers only")
                .to_string()
        })
        .collect();
    granted.sort();
    for permission in &granted {
        assert!(
            !permission.contains('*'),
            "wildcard permission {permission}"
        );
        assert!(
            !permission.ends_with(":default"),
            "{permission} grants more than is used"
        );
    }
    assert_eq!(granted, expected);
}

#[test]
fn the_updater_is_configured_at_run_time_and_strictly() {
    let config = read_json("tauri.conf.json");
    let updater = &config["plugins"]["updater"];
    // The feed and the key come from the configuration file (or the demo flags) at run time:
    // nothing to trust is baked into the binary.
    assert_eq!(updater["pubkey"], "");
    assert_eq!(updater["endpoints"], serde_json::json!([]));
    // The signature must name the version the feed announces (no pairing of a new version
    // number with an older, validly signed build).
    assert_eq!(updater["requireSignedVersion"], true);
    for dangerous in [
        "dangerousInsecureTransportProtocol",
        "dangerousAcceptInvalidCerts",
        "dangerousAcceptInvalidHostnames",
        "allowDowngrades",
    ] {
        assert!(
            updater.get(dangerous).is_none(),
            "plugins.updater.{dangerous} is set"
        );
    }
    // The webview never drives the updater: no updater permission in any capability.
    let capability = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/kiosk.json"),
    )
    .unwrap();
    assert!(!capability.contains("updater"), "{capability}");
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

fn source(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Tauri 2 offers the web inspector in debug builds only, unless its `devtools` feature is
/// on; nothing in the app may switch it on or open it.
#[test]
fn release_builds_have_no_devtools() {
    let manifest: toml::Value = toml::from_str(&source("Cargo.toml")).unwrap();
    let tauri = &manifest["dependencies"]["tauri"];
    let features: Vec<&str> = tauri
        .get("features")
        .and_then(|f| f.as_array())
        .map(|f| f.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert!(
        !features.contains(&"devtools"),
        "the tauri `devtools` feature is on: {features:?}"
    );
    let files = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        files.len() > 10,
        "the shell's sources were not found: {files:?}"
    );
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for call in [".devtools(", "open_devtools", "set_devtools"] {
            assert!(!text.contains(call), "{} calls {call}", file.display());
        }
    }
}

#[test]
fn a_second_instance_is_refused_by_the_single_instance_plugin() {
    let main = source("src/main.rs");
    let builder = main
        .split("tauri::Builder::default()")
        .nth(1)
        .expect("the Tauri builder in main.rs");
    let first_plugin = builder
        .split(".plugin(")
        .nth(1)
        .expect("a plugin is registered");
    assert!(
        first_plugin
            .trim_start()
            .starts_with("tauri_plugin_single_instance::init"),
        "the single-instance plugin must be registered first, before anything else starts"
    );
}

/// Every admin command but the PIN ones refuses while the admin screen is locked: it asks the
/// console for the proof of an open screen before it does anything.
#[test]
fn every_admin_command_but_the_pin_ones_asks_for_an_open_screen_first() {
    let open_to_all = [
        "admin_status",
        "admin_first_run_form",
        "admin_choose_pin",
        "admin_unlock",
        "admin_lock",
        // Stops the admin's own preview; touches nothing else.
        "admin_stop_preview",
    ];
    let mut seen = 0;
    for file in rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/admin")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for command in text.split("#[tauri::command").skip(1) {
            let name = command
                .split("fn ")
                .nth(1)
                .and_then(|rest| rest.split('(').next())
                .unwrap_or_default()
                .trim()
                .to_string();
            seen += 1;
            if open_to_all.contains(&name.as_str()) {
                continue;
            }
            let body = command.split('{').nth(1).unwrap_or_default();
            let first_statement = body.trim_start().lines().next().unwrap_or_default();
            assert!(
                first_statement.contains("admin.authorize()?"),
                "{name} does not start with admin.authorize()?: {first_statement:?}"
            );
        }
    }
    assert!(seen >= 15, "only {seen} admin commands found");
}
