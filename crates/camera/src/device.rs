//! The webcam, through nokhwa (V4L2 on Linux, Media Foundation on Windows, AVFoundation on macOS).
//! Frames are read raw (`frame_raw`) on the capture thread; nokhwa's `CallbackCamera` is not used.

use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
};
use nokhwa::{Camera, NokhwaError};

use crate::decode::jpeg_len;
use crate::error::CameraError;
use crate::frame::{Frame, PixelFormat, StreamFormat};
use crate::source::FrameSource;

/// A camera as listed for the admin screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    pub index: u32,
    pub name: String,
    pub description: String,
    /// The formats it offers that this crate can use (empty when it could not be opened to ask).
    pub formats: Vec<StreamFormat>,
}

fn map_error(e: &NokhwaError) -> CameraError {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if lower.contains("no such file")
        || lower.contains("no such device")
        || lower.contains("not found")
    {
        CameraError::NoCamera
    } else if lower.contains("busy") || lower.contains("in use") {
        CameraError::Busy
    } else if lower.contains("permission denied")
        || lower.contains("access denied")
        || lower.contains("not permitted")
    {
        CameraError::PermissionDenied
    } else if matches!(e, NokhwaError::ReadFrameError(_)) {
        CameraError::Disconnected(msg)
    } else {
        CameraError::Device(msg)
    }
}

fn pixel_format(f: FrameFormat) -> Option<PixelFormat> {
    match f {
        FrameFormat::MJPEG => Some(PixelFormat::Mjpeg),
        FrameFormat::YUYV => Some(PixelFormat::Yuyv),
        FrameFormat::NV12 => Some(PixelFormat::Nv12),
        _ => None,
    }
}

fn frame_format(f: PixelFormat) -> FrameFormat {
    match f {
        PixelFormat::Mjpeg => FrameFormat::MJPEG,
        PixelFormat::Yuyv => FrameFormat::YUYV,
        PixelFormat::Nv12 => FrameFormat::NV12,
    }
}

fn to_stream(c: &CameraFormat) -> Option<StreamFormat> {
    Some(StreamFormat {
        format: pixel_format(c.format())?,
        width: c.width(),
        height: c.height(),
        fps: c.frame_rate(),
    })
}

/// Picks the format to stream: MJPEG at ≥ 1280×720 and ≥ 30 fps (the largest up to 1920 wide),
/// else YUYV or NV12 on the same terms, else the largest usable format at ≥ 15 fps, else any.
pub fn choose_format(offered: &[StreamFormat]) -> Option<StreamFormat> {
    let hd =
        |f: &&StreamFormat| f.width >= 1280 && f.height >= 720 && f.fps >= 30 && f.width <= 1920;
    let area = |f: &&StreamFormat| (f.width * f.height, f.fps);
    offered
        .iter()
        .filter(|f| f.format == PixelFormat::Mjpeg)
        .filter(hd)
        .max_by_key(area)
        .or_else(|| {
            offered
                .iter()
                .filter(|f| f.format != PixelFormat::Mjpeg)
                .filter(hd)
                .min_by_key(area)
        })
        .or_else(|| {
            offered
                .iter()
                .filter(|f| f.fps >= 15 && f.width <= 1920)
                .max_by_key(area)
        })
        .or_else(|| offered.iter().max_by_key(area))
        .copied()
}

/// Lists cameras with their names and usable formats. With no camera: an empty list.
pub fn list_devices() -> Result<Vec<DeviceInfo>, CameraError> {
    let infos = nokhwa::query(ApiBackend::Auto).map_err(|e| map_error(&e))?;
    Ok(infos
        .into_iter()
        .filter_map(|info| {
            let index = match info.index() {
                CameraIndex::Index(i) => *i,
                CameraIndex::String(_) => return None,
            };
            let formats = Camera::new(
                info.index().clone(),
                RequestedFormat::new::<RgbFormat>(RequestedFormatType::None),
            )
            .and_then(|mut c| c.compatible_camera_formats())
            .map(|fs| fs.iter().filter_map(to_stream).collect())
            .unwrap_or_default();
            Some(DeviceInfo {
                index,
                name: info.human_name(),
                description: info.description().to_string(),
                formats,
            })
        })
        .collect())
}

/// An open webcam stream.
pub struct DeviceSource {
    camera: Camera,
    format: StreamFormat,
}

impl DeviceSource {
    /// Opens camera `index` in the format [`choose_format`] picks and starts streaming.
    pub fn open(index: u32) -> Result<Self, CameraError> {
        let idx = CameraIndex::Index(index);
        let mut camera = Camera::new(
            idx,
            RequestedFormat::new::<RgbFormat>(RequestedFormatType::None),
        )
        .map_err(|e| map_error(&e))?;
        let offered: Vec<StreamFormat> = camera
            .compatible_camera_formats()
            .map_err(|e| map_error(&e))?
            .iter()
            .filter_map(to_stream)
            .collect();
        let format = choose_format(&offered).ok_or(CameraError::NoUsableFormat)?;
        camera
            .set_camera_requset(RequestedFormat::new::<RgbFormat>(
                RequestedFormatType::Exact(CameraFormat::new_from(
                    format.width,
                    format.height,
                    frame_format(format.format),
                    format.fps,
                )),
            ))
            .map_err(|e| map_error(&e))?;
        camera.open_stream().map_err(|e| map_error(&e))?;
        Ok(Self { camera, format })
    }

    /// Opens the first camera whose name is `name` (the admin's remembered choice).
    pub fn open_by_name(name: &str) -> Result<Self, CameraError> {
        let infos = nokhwa::query(ApiBackend::Auto).map_err(|e| map_error(&e))?;
        let index = infos
            .iter()
            .find(|i| i.human_name() == name)
            .and_then(|i| match i.index() {
                CameraIndex::Index(n) => Some(*n),
                CameraIndex::String(_) => None,
            })
            .ok_or(CameraError::NoCamera)?;
        Self::open(index)
    }
}

impl FrameSource for DeviceSource {
    fn stream_format(&self) -> StreamFormat {
        self.format
    }

    fn read_frame(&mut self, frame: &mut Frame) -> Result<(), CameraError> {
        let StreamFormat {
            format,
            width,
            height,
            ..
        } = self.format;
        let raw = self.camera.frame_raw().map_err(|e| match map_error(&e) {
            CameraError::NoCamera | CameraError::Device(_) => {
                CameraError::Disconnected(e.to_string())
            }
            other => other,
        })?;
        let bytes: &[u8] = match format {
            // The mmap buffer is not trimmed to the bytes used: cut at the EOI marker.
            PixelFormat::Mjpeg => {
                &raw[..jpeg_len(&raw)
                    .ok_or_else(|| CameraError::Decode("incomplete MJPEG frame".into()))?]
            }
            _ => {
                let n = format.raw_len(width, height).unwrap_or(raw.len());
                raw.get(..n)
                    .ok_or_else(|| CameraError::Decode("short frame".into()))?
            }
        };
        frame.fill(format, width, height, bytes);
        Ok(())
    }
}

impl Drop for DeviceSource {
    fn drop(&mut self) {
        let _ = self.camera.stop_stream();
    }
}
