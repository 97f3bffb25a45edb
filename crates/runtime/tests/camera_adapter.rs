//! The real camera adapter on the synthetic source: live verdicts, auto-capture, manual
//! capture, the review copy, the preview feed, stop, and a camera that is not there.

use std::sync::Arc;
use std::time::Duration;

use camera::{
    CameraError as SourceError, FrameSource, Pacing, PixelFormat, Scene, Script, SourceOpener,
    StreamFormat, SyntheticSource,
};
use enrollment::domain::{CameraGuidance, DocumentType};
use enrollment::personal::CaptureStep;
use enrollment::ports::{Camera, CameraError};
use enrollment_runtime::adapters::camera::LiveCamera;

const SECS: Duration = Duration::from_secs(30);

fn synthetic(script: Script) -> Box<dyn SourceOpener> {
    Box::new(move || {
        Ok(Box::new(SyntheticSource::new(
            StreamFormat {
                format: PixelFormat::Mjpeg,
                width: 1280,
                height: 720,
                fps: 30,
            },
            script.clone(),
            Pacing::RealTime,
        )) as Box<dyn FrameSource>)
    })
}

fn camera(script: fn(CaptureStep) -> Script) -> LiveCamera {
    LiveCamera::new(Box::new(move |step| synthetic(script(step)))).with_good_frames(3)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_captures_the_full_resolution_frame_after_the_scene_settles() {
    let camera = camera(|_| Script::document_demo());
    camera
        .start(CaptureStep::DocumentFront, DocumentType::DriversLicense)
        .await
        .unwrap();
    let mut guidance = camera.guidance().unwrap();
    let mut seen = Vec::new();
    let still = tokio::time::timeout(SECS, async {
        let still = camera.next_still(CaptureStep::DocumentFront);
        tokio::pin!(still);
        loop {
            tokio::select! {
                still = &mut still => break still,
                Ok(()) = guidance.changed() => {
                    if let Some(g) = *guidance.borrow_and_update() {
                        if seen.last() != Some(&g) { seen.push(g) }
                    }
                }
            }
        }
    })
    .await
    .expect("auto-capture within the scripted scene")
    .unwrap();
    assert_eq!((still.width, still.height), (1280, 720));
    assert_eq!(still.step, CaptureStep::DocumentFront);
    assert!(
        seen.len() >= 2,
        "the verdict should change as the scene does: {seen:?}"
    );
    assert!(seen.contains(&CameraGuidance::PlaceDocument), "{seen:?}");
    let review = camera
        .feed()
        .review_copy(CaptureStep::DocumentFront)
        .unwrap();
    assert!(review.width <= 640 && review.width > 0);
    assert!(review.jpeg.len() < still.jpeg.len());
    camera.stop();
    assert!(camera
        .feed()
        .next_frame(0, Duration::from_millis(200))
        .await
        .is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_capture_takes_the_latest_frame_at_once_and_previews_flow() {
    // An empty desk never passes: only the button captures.
    let camera = camera(|_| Script::new().hold(Scene::Empty, 10));
    camera
        .start(CaptureStep::DocumentBack, DocumentType::DriversLicense)
        .await
        .unwrap();
    let feed = camera.feed();
    let first = feed.next_frame(0, SECS).await.expect("a preview frame");
    let second = feed.next_frame(first.seq, SECS).await.expect("a newer one");
    assert!(second.seq > first.seq);
    assert!(
        second.frame.passthrough,
        "720p MJPEG goes through undecoded"
    );
    camera.capture_now();
    let still = tokio::time::timeout(SECS, camera.next_still(CaptureStep::DocumentBack))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((still.width, still.height), (1280, 720));
    // A still for another step than the running one is refused.
    assert!(camera.next_still(CaptureStep::Selfie).await.is_err());
    camera.stop();
    assert!(camera.next_still(CaptureStep::DocumentBack).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_camera_is_a_clear_error() {
    let camera = LiveCamera::new(Box::new(|_| {
        Box::new(|| Err::<Box<dyn FrameSource>, _>(SourceError::NoCamera)) as Box<dyn SourceOpener>
    }));
    let error = camera
        .start(CaptureStep::Selfie, DocumentType::DriversLicense)
        .await
        .unwrap_err();
    assert!(matches!(error, CameraError::NoCamera), "{error:?}");
    assert!(camera
        .feed()
        .next_frame(0, Duration::from_millis(100))
        .await
        .is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_substitute_replaces_the_still_and_the_review_copy_follows_it() {
    let substitute = Arc::new(|step, _document| {
        Ok(enrollment::personal::CapturedImage {
            step,
            jpeg: zeroize::Zeroizing::new(camera_jpeg(320, 200)),
            width: 320,
            height: 200,
        })
    });
    let camera = camera(|_| Script::new().hold(Scene::Empty, 10)).with_still_substitute(substitute);
    camera
        .start(CaptureStep::Selfie, DocumentType::DriversLicense)
        .await
        .unwrap();
    camera.capture_now();
    let still = camera.next_still(CaptureStep::Selfie).await.unwrap();
    assert_eq!((still.width, still.height), (320, 200));
    let review = camera.feed().review_copy(CaptureStep::Selfie).unwrap();
    assert_eq!(review.width, 320);
    camera.feed().forget_review();
    assert!(camera.feed().review_copy(CaptureStep::Selfie).is_none());
}

fn camera_jpeg(width: u32, height: u32) -> Vec<u8> {
    let rgb = vec![128u8; (width * height * 3) as usize];
    let mut out = Vec::new();
    camera::decode::encode_jpeg(&rgb, width, height, 80, &mut out).unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_preview_shows_frames_but_never_gives_a_still() {
    let camera = camera(|_| Script::document_demo());
    camera
        .start_preview(synthetic(Script::selfie_demo()))
        .await
        .unwrap();
    let feed = camera.feed();
    let first = feed.next_frame(0, SECS).await.expect("the preview runs");
    let second = feed
        .next_frame(first.seq, SECS)
        .await
        .expect("and keeps running");
    assert!(second.seq > first.seq);
    assert!(camera.guidance().unwrap().borrow().is_none(), "no analysis");
    let still = tokio::time::timeout(SECS, camera.next_still(CaptureStep::Selfie))
        .await
        .expect("answers at once");
    assert!(matches!(still, Err(CameraError::Stopped(_))), "{still:?}");

    // A capture step takes over from the preview, and stop ends everything.
    camera
        .start(CaptureStep::DocumentFront, DocumentType::DriversLicense)
        .await
        .unwrap();
    camera.stop();
    assert!(feed
        .next_frame(0, Duration::from_millis(200))
        .await
        .is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preview_of_a_missing_camera_is_a_clear_error() {
    let camera = camera(|_| Script::document_demo());
    let missing: Box<dyn SourceOpener> = Box::new(|| Err(SourceError::NoCamera));
    let result = camera.start_preview(missing).await;
    assert!(matches!(result, Err(CameraError::NoCamera)), "{result:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_while_the_camera_is_still_opening_leaves_it_off() {
    let camera = Arc::new(camera(|_| Script::document_demo()));
    // A source that takes a while to open, like a webcam waking up.
    let slow: Box<dyn SourceOpener> = Box::new(|| {
        std::thread::sleep(Duration::from_millis(600));
        Ok(Box::new(SyntheticSource::new(
            StreamFormat {
                format: PixelFormat::Mjpeg,
                width: 640,
                height: 360,
                fps: 30,
            },
            Script::document_demo(),
            Pacing::RealTime,
        )) as Box<dyn FrameSource>)
    });
    let starting = {
        let camera = camera.clone();
        tokio::spawn(async move { camera.start_preview(slow).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    camera.stop();
    let started = starting.await.unwrap();
    assert!(
        matches!(started, Err(CameraError::Stopped(_))),
        "{started:?}"
    );
    assert!(
        camera
            .feed()
            .next_frame(0, Duration::from_millis(300))
            .await
            .is_none(),
        "no frames once stopped"
    );
}
