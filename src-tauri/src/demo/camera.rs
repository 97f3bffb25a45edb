//! Demo mode's camera: the synthetic camera filming scripted scenes (or, with
//! `--demo-camera device`, a webcam when one is listed; with `--demo-camera-file`, a recorded
//! MJPEG stream replayed like a webcam's, for the preview benchmark). The synthetic camera's
//! stills are swapped for generated document images of the same step, which the local
//! document reading and the 1Kosmos stand-in accept; the live preview, the verdicts and
//! auto-capture stay the camera's own.

use std::path::Path;
use std::sync::Arc;

use camera::{
    FileSource, FrameSource, Pacing, PixelFormat, Scene, Script, SourceOpener, StreamFormat,
    SyntheticSource,
};
use enrollment::domain::DocumentType;
use enrollment::personal::{CaptureStep, CapturedImage};
use enrollment::ports::CameraError;
use enrollment_runtime::adapters::camera::LiveCamera;
use zeroize::Zeroizing;

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

/// Who the demo licence belongs to: the fictional ALEX JORDAN SAMPLE unless a test or a demo
/// names someone else (`--demo-document-holder "GIVEN FAMILY"`). A typed name must be the
/// document's, so a demo that types a name needs a licence that carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentHolder(Option<(String, String)>);

impl DocumentHolder {
    /// "GIVEN FAMILY": the first word is the given name, the rest the family name; letters,
    /// spaces, hyphens and apostrophes, as AAMVA allows on a licence.
    pub fn parse(value: &str) -> Result<DocumentHolder, String> {
        let value = value.trim().to_ascii_uppercase();
        let aamva = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '-' | '\''))
        };
        match value.split_once(' ') {
            Some((given, family)) if aamva(given) && aamva(family.trim()) => Ok(DocumentHolder(
                Some((given.to_string(), family.trim().to_string())),
            )),
            _ => Err(
                "expected a given and a family name in ASCII letters, e.g. \"PRIYA NATARAJAN\""
                    .into(),
            ),
        }
    }

    fn write_onto(&self, license: &mut document::LicenseData) {
        if let Some((given, family)) = &self.0 {
            license.first_name = given.clone();
            license.middle_names.clear();
            license.family_name = family.clone();
        }
    }

    fn write_onto_mrz(&self, data: &mut document::MrzData) {
        if let Some((given, family)) = &self.0 {
            data.given_names = given.clone();
            data.family_name = family.clone();
        }
    }
}

/// Demo mode's camera, as the flags chose it.
#[derive(Clone, Copy, Debug)]
pub struct DemoCamera {
    pub source: DemoCameraSource,
    pub script: DemoCameraScript,
    pub size: DemoCameraSize,
    /// An MJPEG file (JPEGs back to back) or a folder of JPEGs replayed in a loop at 30 fps
    /// instead of either camera (`--demo-camera-file`; read once per capture step). Leaked
    /// from the command line: it lives as long as the process.
    pub file: Option<&'static Path>,
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

pub fn synthetic(step: CaptureStep, choice: DemoCamera) -> Box<dyn SourceOpener> {
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

/// Frames per second a replayed file is paced at (a webcam's MJPEG stream).
pub const REPLAY_FPS: u32 = 30;

/// A recorded MJPEG stream (or a folder of JPEGs) replayed in a loop at [`REPLAY_FPS`]: frames
/// the app gets ready-made, as from a webcam's MJPEG stream, through the same capture thread,
/// frame type and preview path.
pub fn replay(path: &'static Path) -> Box<dyn SourceOpener> {
    Box::new(move || {
        let source = if path.is_dir() {
            FileSource::from_folder(path, REPLAY_FPS, true)?
        } else {
            FileSource::from_mjpeg_file(path, REPLAY_FPS, true)?
        };
        Ok(Box::new(source) as Box<dyn FrameSource>)
    })
}

/// The camera adapter for demo mode.
pub fn build(choice: DemoCamera, holder: DocumentHolder) -> Arc<LiveCamera> {
    if let Some(path) = choice.file {
        tracing::info!(file = %path.display(), "replaying a recorded MJPEG stream as the camera");
        return Arc::new(LiveCamera::new(Box::new(move |_step| replay(path))));
    }
    let device = if choice.source == DemoCameraSource::Device {
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
                crate::camera::open_by_name(name.clone())
            }))
        }
        None => {
            tracing::info!(script = ?choice.script, "using the synthetic camera");
            LiveCamera::new(Box::new(move |step| synthetic(step, choice))).with_still_substitute(
                Arc::new(move |step, document| substitute_still(step, document, &holder)),
            )
        }
    };
    Arc::new(camera)
}

/// A generated photo for `step` of `document`: JPEG bytes, width, height. The fictional
/// person's licence (a real PDF417 barcode, a synthetic face), passport data page or ID card
/// (a real machine-readable zone in OCR-B), and a synthetic selfie, so that proofing runs for
/// real on them.
fn synthetic_capture(
    step: CaptureStep,
    document: DocumentType,
    holder: &DocumentHolder,
) -> Result<(Vec<u8>, u32, u32), document::Error> {
    use document::synth;
    let expiry = document::Date::new(2031, 6, 30).expect("a valid date");
    let image = match (step, document) {
        (CaptureStep::Selfie, _) => synth::synthetic_face(720, 720),
        (CaptureStep::DocumentFront, DocumentType::Passport) => {
            let mut passport = synth::sample_passport(expiry);
            holder.write_onto_mrz(&mut passport);
            synth::photo_of_card(&synth::passport_page(&passport), 1920, 1080)
        }
        (CaptureStep::DocumentBack, DocumentType::NationalId) => {
            let mut card = synth::sample_id_card(expiry);
            holder.write_onto_mrz(&mut card);
            synth::photo_of_card(&synth::id_card_back(&card), 1920, 1080)
        }
        (CaptureStep::DocumentFront, _) => {
            synth::photo_of_card(&synth::license_front(true), 1280, 720)
        }
        (CaptureStep::DocumentBack, _) => {
            let mut license = synth::sample_license(10, document::Country::Usa, expiry);
            holder.write_onto(&mut license);
            synth::photo_of_card(&synth::license_back(&license)?, 1920, 1080)
        }
    };
    let (width, height) = image.dimensions();
    Ok((synth::to_jpeg(&image)?, width, height))
}

/// The synthetic camera's still replacement: a generated picture of the same step.
pub fn substitute_still(
    step: CaptureStep,
    document: DocumentType,
    holder: &DocumentHolder,
) -> Result<CapturedImage, CameraError> {
    let (jpeg, width, height) = synthetic_capture(step, document, holder)
        .map_err(|error| CameraError::Stopped(error.to_string()))?;
    Ok(CapturedImage {
        step,
        jpeg: Zeroizing::new(jpeg),
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use camera::Frame;

    #[test]
    fn a_recorded_mjpeg_stream_is_replayed_like_a_webcam() {
        let dir = tempfile::tempdir().unwrap();
        let mut synthetic = SyntheticSource::new(
            StreamFormat {
                format: PixelFormat::Mjpeg,
                width: 320,
                height: 180,
                fps: 30,
            },
            Script::document_demo(),
            Pacing::Unpaced,
        );
        let mut frame = Frame::with_capacity(0);
        let mut stream = Vec::new();
        for _ in 0..3 {
            synthetic.read_frame(&mut frame).unwrap();
            stream.extend_from_slice(&frame.data);
        }
        let path = dir.path().join("stream.mjpeg");
        std::fs::write(&path, &stream).unwrap();
        let path: &'static Path = Box::leak(path.into_boxed_path());

        let mut source = replay(path).open().unwrap();
        assert_eq!(
            source.stream_format(),
            StreamFormat {
                format: PixelFormat::Mjpeg,
                width: 320,
                height: 180,
                fps: REPLAY_FPS,
            }
        );
        // It loops: more frames than the file holds, each one of its JPEGs.
        for _ in 0..4 {
            source.read_frame(&mut frame).unwrap();
            assert_eq!(frame.format, PixelFormat::Mjpeg);
            assert_eq!(&frame.data[..2], &[0xFF, 0xD8]);
        }
        assert!(replay(Box::leak(
            dir.path().join("missing.mjpeg").into_boxed_path()
        ))
        .open()
        .is_err());
    }
}
