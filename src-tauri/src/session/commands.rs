//! IPC commands: adapters between the webview and the session driver.

use std::sync::Arc;
use std::time::Duration;

use enrollment::messages;
use enrollment::view::{CommandError, Screen};
use enrollment::{Intent, View};
use enrollment_runtime::adapters::camera::PreviewFeed;
use tauri::ipc::Response;
use tauri::State;

use super::SessionHandle;

/// The view to render now; the UI calls this once, then follows `view` events.
#[tauri::command]
pub fn current_view(session: State<'_, SessionHandle>) -> Result<View, CommandError> {
    session
        .latest_view()
        .ok_or_else(|| CommandError::Unavailable {
            message: messages::KIOSK_STARTING.into(),
        })
}

/// A person's intent. Malformed arguments never reach here: Tauri refuses them while
/// deserialising, and the session ignores intents that make no sense in its state.
#[tauri::command]
pub fn send_intent(intent: Intent, session: State<'_, SessionHandle>) -> Result<(), CommandError> {
    Ok(session.send(intent)?)
}

/// The camera's preview frames and the review copy, for the two commands below.
pub struct CameraFeed(pub Arc<PreviewFeed>);

/// How long one `next_preview_frame` call waits before answering "no frame".
const PREVIEW_WAIT: Duration = Duration::from_millis(500);

/// Bytes before the JPEG in a camera response: seq (u64), capture time in microseconds since
/// the Unix epoch (u64), width (u32), height (u32); little-endian. An empty body: no image.
pub const IMAGE_HEADER_LEN: usize = 24;

fn image_response(seq: u64, captured_unix_micros: u64, frame: &camera::PreviewFrame) -> Response {
    let mut body = Vec::with_capacity(IMAGE_HEADER_LEN + frame.jpeg.len());
    body.extend_from_slice(&seq.to_le_bytes());
    body.extend_from_slice(&captured_unix_micros.to_le_bytes());
    body.extend_from_slice(&frame.width.to_le_bytes());
    body.extend_from_slice(&frame.height.to_le_bytes());
    body.extend_from_slice(&frame.jpeg);
    Response::new(body)
}

/// The next preview frame newer than `after` (latest wins), as binary: the UI asks again once
/// it has painted, so a slow webview skips frames instead of queueing them. An empty answer
/// means no camera is running (or none delivered within half a second).
#[tauri::command]
pub async fn next_preview_frame(
    after: u64,
    feed: State<'_, CameraFeed>,
) -> Result<Response, CommandError> {
    Ok(match feed.0.next_frame(after, PREVIEW_WAIT).await {
        Some(image) => image_response(image.seq, image.captured_unix_micros, &image.frame),
        None => Response::new(Vec::new()),
    })
}

/// The downscaled copy (at most 640 px wide) of the still on the review screen; empty when
/// the kiosk is not reviewing a still. The full-resolution still never goes to the webview.
#[tauri::command]
pub fn review_image(
    session: State<'_, SessionHandle>,
    feed: State<'_, CameraFeed>,
) -> Result<Response, CommandError> {
    let step = match session.latest_view().map(|view| view.screen) {
        Some(Screen::Review { step, .. }) => step,
        _ => return Ok(Response::new(Vec::new())),
    };
    Ok(match feed.0.review_copy(step) {
        Some(copy) => image_response(0, 0, &copy),
        None => Response::new(Vec::new()),
    })
}
