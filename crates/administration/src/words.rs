//! The sentences an administrator reads from the admin screen's commands themselves (the
//! checks, the console and update status have theirs beside their rules in this crate).

/// The admin screen takes the camera or restarts the kiosk only between enrollments.
pub const ENROLLMENT_IN_PROGRESS: &str = "An enrollment is in progress. Finish or cancel it first.";

pub const NO_CAMERA_CONNECTED: &str =
    "No camera is connected. Plug in a webcam; until then the capture screens offer the phone.";

pub const CHOOSE_A_CAMERA: &str = "Choose a camera to preview.";

pub fn cameras_not_listed(error: &dyn std::fmt::Display) -> String {
    format!("The cameras could not be listed: {error}.")
}

pub fn preview_failed(error: &dyn std::fmt::Display) -> String {
    format!("The preview could not start: {error}.")
}
