//! The admin screen's camera section: the webcams by name, and a live preview of one (or of
//! the demo camera) between enrollments.

use std::sync::Arc;

use administration::view::AdminCommandError;
use administration::view::CameraList;
use administration::{words, AdminConsole};
use enrollment::personal::CaptureStep;
use enrollment::ports::Camera;
use enrollment_runtime::adapters::camera::LiveCamera;
use kiosk_config::KioskConfig;
use tauri::State;

use crate::demo::camera::DemoCamera;
use crate::session::SessionHandle;

/// The kiosk's camera, for the admin screen's preview.
pub struct AdminCamera {
    pub camera: Arc<LiveCamera>,
    /// Demo mode: the synthetic camera's settings, so it can be previewed.
    pub demo: Option<DemoCamera>,
}

/// The webcams connected now, and the one chosen in the configuration.
pub fn list(config: Option<&KioskConfig>, demo: bool) -> CameraList {
    CameraList {
        demo_camera: demo,
        ..webcams(config)
    }
}

fn webcams(config: Option<&KioskConfig>) -> CameraList {
    let chosen = config.and_then(|config| config.camera.device_name.clone());
    match camera::list_devices() {
        Ok(devices) if devices.is_empty() => CameraList {
            devices: Vec::new(),
            demo_camera: false,
            chosen,
            note: Some(words::no_camera_connected()),
        },
        Ok(devices) => CameraList {
            devices: devices.into_iter().map(|device| device.name).collect(),
            demo_camera: false,
            chosen,
            note: None,
        },
        Err(error) => CameraList {
            devices: Vec::new(),
            demo_camera: false,
            chosen,
            note: Some(words::cameras_not_listed(&error)),
        },
    }
}

/// Shows one camera's live picture in the admin screen (`None`: the demo camera). Only
/// between enrollments, since it takes the camera.
#[tauri::command]
pub async fn admin_preview_camera(
    name: Option<String>,
    admin: State<'_, Arc<AdminConsole>>,
    camera: State<'_, AdminCamera>,
    session: State<'_, SessionHandle>,
) -> Result<(), AdminCommandError> {
    admin.authorize()?;
    session.require_welcome()?;
    let opener = match (name, camera.demo) {
        (Some(name), _) => crate::camera::open_by_name(name),
        (None, Some(choice)) => crate::demo::camera::synthetic(CaptureStep::DocumentFront, choice),
        (None, None) => {
            return Err(AdminCommandError::Invalid {
                field: Some("camera".into()),
                message: words::choose_a_camera(),
            })
        }
    };
    camera
        .camera
        .start_preview(opener)
        .await
        .map_err(|error| AdminCommandError::Failed {
            message: words::preview_failed(&error),
        })
}

/// Ends the admin screen's preview.
#[tauri::command]
pub fn admin_stop_preview(camera: State<'_, AdminCamera>, session: State<'_, SessionHandle>) {
    // During an enrollment the camera belongs to the session, and no admin preview runs.
    if session.at_welcome() {
        camera.camera.stop();
    }
}
