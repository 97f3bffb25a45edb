//! Per-frame costs at 720p and 1080p: decode, decimate + analyse, preview preparation.

use camera::{
    Analyzer, CaptureKind, Frame, FrameSource, Pacing, PixelFormat, PreviewPreparer, Scene, Script,
    StreamFormat, SyntheticSource,
};
use criterion::{criterion_group, criterion_main, Criterion};

fn frame(format: PixelFormat, width: u32, height: u32, scene: Scene) -> Frame {
    let mut f = Frame::with_capacity(0);
    SyntheticSource::new(
        StreamFormat {
            format,
            width,
            height,
            fps: 30,
        },
        Script::new().hold(scene, 1),
        Pacing::Unpaced,
    )
    .read_frame(&mut f)
    .unwrap();
    f
}

fn benches(c: &mut Criterion) {
    for (w, h) in [(1280, 720), (1920, 1080)] {
        for format in [PixelFormat::Mjpeg, PixelFormat::Yuyv, PixelFormat::Nv12] {
            let f = frame(format, w, h, Scene::document());
            let mut rgb = Vec::new();
            c.bench_function(&format!("decode_rgb/{format:?}/{h}p"), |b| {
                b.iter(|| camera::decode::frame_to_rgb(&f, &mut rgb).unwrap())
            });
            let mut a = Analyzer::default();
            c.bench_function(&format!("analyse_document/{format:?}/{h}p"), |b| {
                b.iter(|| a.analyze_frame(&f, CaptureKind::Document).unwrap())
            });
            let mut p = PreviewPreparer::new();
            c.bench_function(&format!("preview/{format:?}/{h}p"), |b| {
                b.iter(|| p.prepare(&f).unwrap())
            });
        }
        let f = frame(PixelFormat::Mjpeg, w, h, Scene::face());
        let mut a = Analyzer::default();
        c.bench_function(&format!("analyse_selfie/Mjpeg/{h}p"), |b| {
            b.iter(|| a.analyze_frame(&f, CaptureKind::Selfie).unwrap())
        });
        // Analysis alone, on the decimated luma (the budget: < 5 ms per analysed frame).
        let mut d = camera::Decimator::new();
        let mut luma = camera::LumaImage::default();
        d.decimate(&f, camera::analysis::ANALYSIS_WIDTH, &mut luma)
            .unwrap();
        // A steady face: the detector runs on one frame in FACE_REUSE_FRAMES + 1.
        c.bench_function(&format!("analysis_only_selfie/{h}p"), |b| {
            b.iter(|| a.analyze_luma(&luma, CaptureKind::Selfie))
        });
        // A face seen for the first time: the detector searches the whole frame.
        c.bench_function(&format!("analysis_only_selfie_first_look/{h}p"), |b| {
            b.iter(|| {
                a.reset();
                a.analyze_luma(&luma, CaptureKind::Selfie)
            })
        });
        // A face on the move: every frame differs, so the detector runs on each, near the
        // face (the whole frame one time in FULL_DETECTION_EVERY + 1).
        let moved = frame(PixelFormat::Mjpeg, w, h, Scene::face().at(0.45, 0.5));
        let mut luma_moved = camera::LumaImage::default();
        d.decimate(&moved, camera::analysis::ANALYSIS_WIDTH, &mut luma_moved)
            .unwrap();
        let mut flip = false;
        c.bench_function(&format!("analysis_only_selfie_moving/{h}p"), |b| {
            b.iter(|| {
                flip = !flip;
                a.analyze_luma(if flip { &luma } else { &luma_moved }, CaptureKind::Selfie)
            })
        });
        let fd = frame(PixelFormat::Mjpeg, w, h, Scene::document());
        d.decimate(&fd, camera::analysis::ANALYSIS_WIDTH, &mut luma)
            .unwrap();
        c.bench_function(&format!("analysis_only_document/{h}p"), |b| {
            b.iter(|| a.analyze_luma(&luma, CaptureKind::Document))
        });
    }
}

criterion_group! {
    name = per_frame;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = benches
}
criterion_main!(per_frame);
