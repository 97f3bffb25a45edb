//! End-to-end harness: launches the REAL app binary the way a person at the desk would meet it,
//! and drives it like that person (click, type, look).
//!
//! Per [`Kiosk`]: a fresh temporary directory with its own `HOME`, XDG directories and `TMPDIR`;
//! an `Xvfb` on a display it picks itself (`-displayfd`); `dbus-run-session -- tauri-driver`
//! in front of `/usr/bin/WebKitWebDriver` on free ports picked at run time; a WebDriver
//! session whose `tauri:options` name the app binary and its arguments. Every process is started
//! in its own process group and torn down on drop, also when the test panics; a failing test
//! leaves a screenshot, the page source and the app/driver log under `target/e2e/<test>/`.
//!
//! Environment: `KIOSK_APP` (app binary), `TAURI_DRIVER`, `WEBKIT_WEBDRIVER`, `E2E_TARGET_DIR`
//! (where `e2e/` artifacts go), `ENROLLMENT_RELAY` (the relay binary, for [`production`]).
//! `cargo xtask test` sets them; the defaults are the workspace's
//! `target/debug/enrollment-kiosk`, `target/debug/enrollment-relay` and `tools/bin/tauri-driver`.

mod control;
mod inspection;
mod launch;
mod page;
mod person;
pub use person::{ENTER, SPACE, TAB};
pub mod process;
pub mod production;
mod translations;
pub mod webdriver;

pub use control::{control_get, control_post, EntraControl};
pub use inspection::{MIN_TARGET_PX, MIN_TEXT_PX};
pub use launch::{
    app_path, hermetic_env, native_driver_path, run_in_desktop_session, target_dir,
    tauri_driver_path, workspace_root, Kiosk,
};
pub use page::{Error, AUTO_CAPTURE_TIMEOUT, ELEMENT_TIMEOUT, SCREEN_TIMEOUT};
pub use translations::words;
