//! The kiosk's webcam outside demo mode: the one chosen on the admin screen (by name) when it
//! is connected, else the first one listed, opened when a capture step starts.

use std::sync::Arc;

use camera::{DeviceSource, FrameSource, SourceOpener};
use enrollment_runtime::adapters::camera::LiveCamera;

/// The camera adapter for a kiosk in production: only a real webcam will do. It is looked up
/// when a capture step starts, so a camera plugged in later is found, or a clear "no camera"
/// shows on screen. `preferred`: the webcam chosen on the admin screen, by name.
pub fn webcam(preferred: Option<String>) -> Arc<LiveCamera> {
    Arc::new(LiveCamera::new(Box::new(move |_step| {
        let preferred = preferred.clone();
        Box::new(move || {
            let device = pick_device(camera::list_devices()?, preferred.as_deref())
                .ok_or(camera::CameraError::NoCamera)?;
            DeviceSource::open_by_name(&device.name).map(|s| Box::new(s) as Box<dyn FrameSource>)
        }) as Box<dyn SourceOpener>
    })))
}

/// Opens the webcam called `name`.
pub fn open_by_name(name: String) -> Box<dyn SourceOpener> {
    Box::new(move || {
        DeviceSource::open_by_name(&name).map(|source| Box::new(source) as Box<dyn FrameSource>)
    })
}

/// The chosen webcam when it is connected, else the first one listed.
pub fn pick_device(
    devices: Vec<camera::DeviceInfo>,
    preferred: Option<&str>,
) -> Option<camera::DeviceInfo> {
    let chosen = preferred.and_then(|name| devices.iter().position(|d| d.name == name));
    devices.into_iter().nth(chosen.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(index: u32, name: &str) -> camera::DeviceInfo {
        camera::DeviceInfo {
            index,
            name: name.into(),
            description: String::new(),
            formats: Vec::new(),
        }
    }

    #[test]
    fn the_chosen_webcam_is_used_when_connected_else_the_first() {
        let devices = || vec![device(0, "Integrated Camera"), device(1, "Logitech BRIO")];
        let pick = |preferred| pick_device(devices(), preferred).map(|d| d.name);
        assert_eq!(
            pick(Some("Logitech BRIO")).as_deref(),
            Some("Logitech BRIO")
        );
        assert_eq!(pick(None).as_deref(), Some("Integrated Camera"));
        assert_eq!(
            pick(Some("Unplugged Cam")).as_deref(),
            Some("Integrated Camera")
        );
        assert_eq!(pick_device(Vec::new(), Some("Logitech BRIO")), None);
    }
}
