//! The kiosk window: full-screen, undecorated, only bundled content, no way out.

pub mod hardening;

use tauri::webview::{NewWindowResponse, WebviewWindowBuilder};
use tauri::{App, WebviewUrl};

pub const LABEL: &str = "main";
/// The app identifier (tauri.conf.json): also the credential-store service name.
pub const IDENTIFIER: &str = "com.enrollmentkiosk.desk";

/// WebKitGTK's accelerated compositing falls back to GL emulated on the CPU when there is no
/// GPU (Mesa's llvmpipe): measured here, the web process then needs more than a core to show
/// the camera preview at 5 fps; in plain software mode it shows every frame at 13 % of a core.
/// The kiosk's pages gain nothing from compositing, so it is off unless the environment says
/// otherwise (set `WEBKIT_DISABLE_COMPOSITING_MODE=0` to keep it). Call before any thread
/// starts: it sets a process environment variable.
pub fn prefer_software_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

pub fn open(app: &mut App) -> tauri::Result<()> {
    let window = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("index.html".into()))
        .title("Enrollment Kiosk")
        .fullscreen(true)
        .decorations(false)
        .resizable(false)
        .focused(true)
        // Nothing the webview stores (cache, local storage) may outlive the process.
        // WebKitGTK cannot automate an ephemeral context, so end-to-end runs of a debug build
        // (tauri-driver sets the variable, in a throwaway HOME) keep the normal one. A release
        // build is always incognito, whatever its environment says.
        .incognito(!keeps_webview_data(
            cfg!(debug_assertions),
            under_webdriver(),
        ))
        // Only the bundled app: any other navigation is refused.
        .on_navigation(is_bundled)
        .on_new_window(|_url, _features| NewWindowResponse::Deny)
        .build()?;
    // Without a window manager (bare Xvfb) full-screen is ignored: fill the monitor instead.
    if let Ok(Some(monitor)) = window
        .current_monitor()
        .or_else(|_| window.primary_monitor())
    {
        let _ = window.set_position(*monitor.position());
        let _ = window.set_size(*monitor.size());
    }
    Ok(())
}

/// Whether the webview may keep its data: only a debug build driven by WebDriver.
fn keeps_webview_data(debug_build: bool, under_webdriver: bool) -> bool {
    debug_build && under_webdriver
}

fn under_webdriver() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true")
}

/// The app's own origin: `tauri://localhost` on Linux and macOS, `http://tauri.localhost`
/// on Windows.
fn is_bundled(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_bundled, keeps_webview_data};

    #[test]
    fn only_a_debug_build_under_webdriver_keeps_webview_data() {
        assert!(keeps_webview_data(true, true));
        assert!(
            !keeps_webview_data(false, true),
            "a release build is always incognito"
        );
        assert!(!keeps_webview_data(true, false));
        assert!(!keeps_webview_data(false, false));
    }

    #[test]
    fn only_the_bundled_origin_may_load() {
        for allowed in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/index.html",
        ] {
            assert!(is_bundled(&allowed.parse().unwrap()), "{allowed}");
        }
        for refused in [
            "https://example.com/",
            "http://localhost:1420/",
            "file:///etc/passwd",
            "tauri://evil.example/",
            "data:text/html,hi",
        ] {
            assert!(!is_bundled(&refused.parse().unwrap()), "{refused}");
        }
    }
}
