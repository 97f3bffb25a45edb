//! IPC commands: adapters between the webview and the session driver.

use enrollment::{Intent, View};
use tauri::State;

use crate::view_relay::SessionHandle;

/// The view to render now; the UI calls this once, then follows `view` events.
#[tauri::command]
pub fn current_view(session: State<'_, SessionHandle>) -> Result<View, String> {
    session
        .latest_view()
        .ok_or_else(|| "The kiosk is still starting. Please wait a moment.".to_string())
}

/// A person's intent. Malformed arguments never reach here: Tauri refuses them while
/// deserialising, and the session ignores intents that make no sense in its state.
#[tauri::command]
pub fn send_intent(intent: Intent, session: State<'_, SessionHandle>) -> Result<(), String> {
    session.send(intent).map_err(|error| error.to_string())
}
