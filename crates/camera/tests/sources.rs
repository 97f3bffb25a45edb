//! Sources, the capture thread (latest frame wins, stop, recovery) and the device source here.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use camera::{
    CameraError, Capture, CaptureStatus, DeviceSource, FileSource, Frame, FrameSource, Pacing,
    PixelFormat, PreviewPreparer, RecoveryPolicy, Scene, Script, Still, StreamFormat,
    SyntheticSource,
};

fn fmt(format: PixelFormat, width: u32, height: u32) -> StreamFormat {
    StreamFormat {
        format,
        width,
        height,
        fps: 30,
    }
}

fn wait_status(c: &Capture, pred: impl Fn(&CaptureStatus) -> bool) -> CaptureStatus {
    let rx = c.status();
    for _ in 0..500 {
        let s = rx.borrow().clone();
        if pred(&s) {
            return s;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("status never matched; last {:?}", rx.borrow().clone());
}

/// Fails with a disconnect after `ok_frames` frames.
struct Flaky {
    inner: SyntheticSource,
    left: u32,
}

impl FrameSource for Flaky {
    fn stream_format(&self) -> StreamFormat {
        self.inner.stream_format()
    }
    fn read_frame(&mut self, frame: &mut Frame) -> Result<(), CameraError> {
        if self.left == 0 {
            return Err(CameraError::Disconnected("unplugged".into()));
        }
        self.left -= 1;
        self.inner.read_frame(frame)
    }
}

fn synthetic(n: u32) -> Box<dyn FrameSource> {
    Box::new(Flaky {
        inner: SyntheticSource::new(
            fmt(PixelFormat::Mjpeg, 160, 120),
            Script::new().hold(Scene::document(), 1),
            Pacing::Unpaced,
        ),
        left: n,
    })
}

#[test]
fn capture_publishes_increasing_frames_and_stops_with_a_join() {
    let c = Capture::start(|| Ok(synthetic(u32::MAX)), RecoveryPolicy::default());
    let slot = c.frames();
    let a = slot
        .wait_newer(0, Duration::from_secs(10))
        .expect("a frame");
    let b = slot
        .wait_newer(a.seq, Duration::from_secs(10))
        .expect("a newer frame");
    assert!(b.seq > a.seq);
    assert_eq!(b.format, PixelFormat::Mjpeg);
    c.stop();
    assert!(slot.is_closed());
    assert!(slot.latest().is_none(), "frames are dropped on stop");
}

#[test]
fn a_source_failing_mid_stream_without_recovery_reports_failure() {
    let opens = Arc::new(AtomicU32::new(0));
    let o = opens.clone();
    let c = Capture::start(
        move || {
            if o.fetch_add(1, Ordering::SeqCst) == 0 {
                Ok(synthetic(3))
            } else {
                Err(CameraError::NoCamera)
            }
        },
        RecoveryPolicy {
            retry_every: Duration::from_millis(5),
            max_attempts: Some(2),
        },
    );
    let s = wait_status(&c, |s| matches!(s, CaptureStatus::Failed(_)));
    assert_eq!(s, CaptureStatus::Failed(CameraError::NoCamera));
    assert!(c.frames().latest().is_none(), "slot closed");
    assert!(
        opens.load(Ordering::SeqCst) >= 3,
        "it retried before giving up"
    );
}

#[test]
fn a_source_that_disappears_and_comes_back_resumes() {
    // First open: 3 frames then unplugged; next 2 opens: no camera; then it is back.
    let opens = Arc::new(AtomicU32::new(0));
    let o = opens.clone();
    let c = Capture::start(
        move || match o.fetch_add(1, Ordering::SeqCst) {
            0 => Ok(synthetic(3)),
            1 | 2 => Err(CameraError::NoCamera),
            _ => Ok(synthetic(u32::MAX)),
        },
        RecoveryPolicy {
            retry_every: Duration::from_millis(5),
            max_attempts: None,
        },
    );
    let slot = c.frames();
    let mut seen = 0;
    let mut last = 0;
    while seen < 10 {
        let f = slot
            .wait_newer(last, Duration::from_secs(10))
            .expect("frames resume after the reconnect");
        assert!(f.seq > last);
        last = f.seq;
        seen += 1;
    }
    assert!(opens.load(Ordering::SeqCst) >= 4);
    assert!(matches!(*c.status().borrow(), CaptureStatus::Running(_)));
    c.stop();
}

#[test]
fn the_first_open_failing_is_a_clear_error() {
    let c = Capture::start(|| Err(CameraError::Busy), RecoveryPolicy::default());
    assert_eq!(
        wait_status(&c, |s| matches!(s, CaptureStatus::Failed(_))),
        CaptureStatus::Failed(CameraError::Busy)
    );
}

#[test]
fn without_a_webcam_nokhwa_lists_nothing_and_opening_is_a_clear_error() {
    if std::path::Path::new("/dev/video0").exists() {
        eprintln!("a camera is present: skipping");
        return;
    }
    assert_eq!(camera::list_devices().unwrap(), vec![]);
    let err = DeviceSource::open(0).err().expect("no camera to open");
    assert_eq!(err, CameraError::NoCamera, "{err}");
    assert_eq!(err.to_string(), "no camera is connected");
    let err = DeviceSource::open_by_name("Integrated Webcam")
        .err()
        .unwrap();
    assert_eq!(err, CameraError::NoCamera);
    let c = Capture::start(
        || DeviceSource::open(0).map(|d| Box::new(d) as Box<dyn FrameSource>),
        RecoveryPolicy::default(),
    );
    assert_eq!(
        wait_status(&c, |s| matches!(s, CaptureStatus::Failed(_))),
        CaptureStatus::Failed(CameraError::NoCamera)
    );
}

#[test]
fn format_choice_prefers_hd_mjpeg_then_yuyv_or_nv12() {
    let offered = [
        fmt(PixelFormat::Yuyv, 1920, 1080),
        fmt(PixelFormat::Mjpeg, 640, 480),
        fmt(PixelFormat::Mjpeg, 1280, 720),
        fmt(PixelFormat::Mjpeg, 1920, 1080),
    ];
    assert_eq!(
        camera::choose_format(&offered),
        Some(fmt(PixelFormat::Mjpeg, 1920, 1080))
    );
    let offered = [
        fmt(PixelFormat::Mjpeg, 640, 480),
        StreamFormat {
            fps: 5,
            ..fmt(PixelFormat::Mjpeg, 1920, 1080)
        },
        fmt(PixelFormat::Nv12, 1280, 720),
    ];
    assert_eq!(
        camera::choose_format(&offered),
        Some(fmt(PixelFormat::Nv12, 1280, 720))
    );
    assert_eq!(camera::choose_format(&[]), None);
}

#[test]
fn file_source_replays_an_mjpeg_stream_and_ends() {
    let mut src = SyntheticSource::new(
        fmt(PixelFormat::Mjpeg, 160, 120),
        Script::document_demo(),
        Pacing::Unpaced,
    );
    let mut stream = Vec::new();
    let mut f = Frame::with_capacity(0);
    for _ in 0..3 {
        src.read_frame(&mut f).unwrap();
        stream.extend_from_slice(&f.data); // includes trailing bytes between frames
    }
    let frames = camera::source::split_mjpeg(&stream);
    assert_eq!(frames.len(), 3);
    let mut files = FileSource::from_jpegs(frames, 0, false).unwrap();
    assert_eq!(files.stream_format().width, 160);
    for _ in 0..3 {
        files.read_frame(&mut f).unwrap();
    }
    assert_eq!(files.read_frame(&mut f), Err(CameraError::EndOfStream));
}

#[test]
fn stills_are_full_resolution_and_previews_pass_mjpeg_through() {
    let mut f = Frame::with_capacity(0);
    // MJPEG 1280x720: still is the camera's own JPEG (trimmed), preview passes through.
    SyntheticSource::new(
        fmt(PixelFormat::Mjpeg, 1280, 720),
        Script::new().hold(Scene::document(), 1),
        Pacing::Unpaced,
    )
    .read_frame(&mut f)
    .unwrap();
    let still = Still::from_frame(&f).unwrap();
    assert_eq!((still.width, still.height), (1280, 720));
    assert_eq!(
        &still.jpeg[..],
        &f.data[..camera::decode::jpeg_len(&f.data).unwrap()]
    );
    let mut prep = PreviewPreparer::new();
    let p = prep.prepare(&f).unwrap();
    assert!(p.passthrough);
    assert_eq!(&p.jpeg[..], &still.jpeg[..]);
    let review = still.review_copy().unwrap();
    assert!(review.width <= 640 && review.width >= 320, "{review:?}");
    // 1080p MJPEG passes through too; wider MJPEG is downscaled for the preview, and the
    // still keeps the full width.
    SyntheticSource::new(
        fmt(PixelFormat::Mjpeg, 1920, 1080),
        Script::new().hold(Scene::face(), 1),
        Pacing::Unpaced,
    )
    .read_frame(&mut f)
    .unwrap();
    let p = prep.prepare(&f).unwrap();
    assert!(p.passthrough && p.width == 1920, "{p:?}");
    SyntheticSource::new(
        fmt(PixelFormat::Mjpeg, 2560, 1440),
        Script::new().hold(Scene::face(), 1),
        Pacing::Unpaced,
    )
    .read_frame(&mut f)
    .unwrap();
    let p = prep.prepare(&f).unwrap();
    assert!(!p.passthrough && p.width <= 1280, "{p:?}");
    assert_eq!(Still::from_frame(&f).unwrap().width, 2560);
    // YUYV: the still is encoded at full resolution.
    SyntheticSource::new(
        fmt(PixelFormat::Yuyv, 640, 360),
        Script::new().hold(Scene::document(), 1),
        Pacing::Unpaced,
    )
    .read_frame(&mut f)
    .unwrap();
    let still = Still::from_frame(&f).unwrap();
    assert_eq!((still.width, still.height), (640, 360));
    assert_eq!(&still.jpeg[..2], &[0xFF, 0xD8]);
    assert!(
        format!("{still:?}").contains("bytes"),
        "Debug shows sizes, not bytes"
    );
}
