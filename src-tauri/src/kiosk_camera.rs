//! Which camera the capture screens use: outside demo mode the webcam (or a clear "no camera");
//! in demo mode the synthetic camera (or, with `--demo-camera device`, a webcam when one is
//! listed). In demo mode
//! the synthetic camera's stills are swapped for generated document images of the same step
//! (`demo::synthetic_capture`), which the local document reading and the 1Kosmos stand-in
//! accept; the live preview, the verdicts and auto-capture stay the camera's own.

use std::sync::Arc;

use camera::{
    DeviceSource, FrameSource, Pacing, PixelFormat, Scene, Script, SourceOpener, StreamFormat,
    SyntheticSource,
};
use enrollment::adapters::camera::LiveCamera;
use enrollment::personal::CaptureStep;

/// Which camera demo mode films with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoCameraSource {
    /// The synthetic camera.
    Synthetic,
    /// The first webcam found; the synthetic camera when there is none.
    Device,
}

/// What the synthetic camera films (demo only; tests pick the slower or never-ready scenes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoCameraScript {
    /// About three seconds per step: empty desk, the card slides in, blur, glare, steady.
    Demo,
    /// The same scenes, each held about three times as long.
    Slow,
    /// The scenes loop and never settle: only the Take photo button captures.
    NeverReady,
}

/// The synthetic camera's stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoCameraSize {
    #[value(name = "720p")]
    P720,
    #[value(name = "1080p")]
    P1080,
}

#[derive(Clone, Copy, Debug)]
pub struct CameraChoice {
    pub demo: bool,
    pub source: DemoCameraSource,
    pub script: DemoCameraScript,
    pub size: DemoCameraSize,
}

fn script(step: CaptureStep, kind: DemoCameraScript) -> Script {
    let selfie = step == CaptureStep::Selfie;
    let nobody = Scene::face().faces(0);
    let far = Scene::face().sized(0.12).at(0.3, 0.45);
    match (kind, selfie) {
        (DemoCameraScript::Demo, false) => Script::document_demo(),
        (DemoCameraScript::Demo, true) => Script::selfie_demo(),
        (DemoCameraScript::Slow, false) => Script::new()
            .hold(Scene::Empty, 60)
            .moving(Scene::document().at(1.4, 0.55), Scene::document(), 60)
            .hold(Scene::document().focus_blur(0.006), 60)
            .hold(Scene::document().glare(), 90)
            .hold(Scene::document(), 60),
        (DemoCameraScript::Slow, true) => Script::new()
            .hold(nobody, 60)
            .hold(far, 90)
            .hold(Scene::face(), 60),
        (DemoCameraScript::NeverReady, false) => Script::new()
            .hold(Scene::Empty, 30)
            .moving(Scene::document().at(1.4, 0.55), Scene::document(), 30)
            .hold(Scene::document().glare(), 60)
            .looping(),
        (DemoCameraScript::NeverReady, true) => {
            Script::new().hold(nobody, 30).hold(far, 60).looping()
        }
    }
}

pub fn synthetic(step: CaptureStep, choice: CameraChoice) -> Box<dyn SourceOpener> {
    let (width, height) = match choice.size {
        DemoCameraSize::P720 => (1280, 720),
        DemoCameraSize::P1080 => (1920, 1080),
    };
    let script = script(step, choice.script);
    Box::new(move || {
        Ok(Box::new(SyntheticSource::new(
            StreamFormat {
                format: PixelFormat::Mjpeg,
                width,
                height,
                fps: 30,
            },
            script.clone(),
            Pacing::RealTime,
        )) as Box<dyn FrameSource>)
    })
}

/// The camera adapter for this kiosk.
/// `preferred`: the webcam chosen on the admin screen, by name.
pub fn build(choice: CameraChoice, preferred: Option<String>) -> Arc<LiveCamera> {
    if !choice.demo {
        return Arc::new(production_camera(preferred));
    }
    let wants_device = choice.source == DemoCameraSource::Device;
    let device = if wants_device {
        match camera::list_devices() {
            Ok(devices) => devices.into_iter().next(),
            Err(error) => {
                tracing::warn!(%error, "cameras could not be listed");
                None
            }
        }
    } else {
        None
    };
    let camera = match device {
        Some(device) => {
            tracing::info!(camera = %device.name, "using the webcam");
            let name = device.name;
            LiveCamera::new(Box::new(move |_step| {
                let name = name.clone();
                Box::new(move || {
                    DeviceSource::open_by_name(&name).map(|s| Box::new(s) as Box<dyn FrameSource>)
                }) as Box<dyn SourceOpener>
            }))
        }
        None => {
            tracing::info!(script = ?choice.script, "using the synthetic camera");
            LiveCamera::new(Box::new(move |step| synthetic(step, choice)))
                .with_still_substitute(Arc::new(crate::demo::substitute_still))
        }
    };
    Arc::new(camera)
}

/// The chosen webcam when it is connected, else the first one listed.
pub fn pick_device(
    devices: Vec<camera::DeviceInfo>,
    preferred: Option<&str>,
) -> Option<camera::DeviceInfo> {
    let chosen = preferred.and_then(|name| devices.iter().position(|d| d.name == name));
    devices.into_iter().nth(chosen.unwrap_or(0))
}

/// Outside demo mode only a real webcam will do: the chosen one (else the first listed) when a
/// capture step starts, so a camera plugged in later is found, or a clear "no camera" on screen.
fn production_camera(preferred: Option<String>) -> LiveCamera {
    LiveCamera::new(Box::new(move |_step| {
        let preferred = preferred.clone();
        Box::new(move || {
            let device = pick_device(camera::list_devices()?, preferred.as_deref())
                .ok_or(camera::CameraError::NoCamera)?;
            DeviceSource::open_by_name(&device.name).map(|s| Box::new(s) as Box<dyn FrameSource>)
        }) as Box<dyn SourceOpener>
    }))
}

/// The choice production mode makes: the webcam.
pub fn production_choice() -> CameraChoice {
    CameraChoice {
        demo: false,
        source: DemoCameraSource::Device,
        script: DemoCameraScript::Demo,
        size: DemoCameraSize::P720,
    }
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
