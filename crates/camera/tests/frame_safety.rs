//! Frames of any declared format, size and buffer length: a typed error or a correct result,
//! never a panic, and nothing allocated from an oversized declared size.

use std::time::{Duration, Instant};

use camera::decode::{
    check_frame, frame_to_rgb, nv12_to_rgb, rgb_to_nv12, rgb_to_yuyv, yuyv_to_rgb,
};
use camera::{
    Analyzer, CameraError, Capture, CaptureKind, CaptureStatus, Decimator, Frame, FrameSource,
    Instruction, LumaImage, Pacing, PixelFormat, RecoveryPolicy, Scene, Script, StreamFormat,
    SyntheticSource, MAX_FRAME_SIDE,
};
use zeroize::Zeroizing;

fn frame(format: PixelFormat, width: u32, height: u32, data: Vec<u8>) -> Frame {
    Frame {
        format,
        width,
        height,
        data: Zeroizing::new(data),
        seq: 1,
        captured_at: Instant::now(),
    }
}

/// A frame of `width × height` pixels, each pair of rows one colour (so 4:2:2 and 4:2:0 carry
/// it exactly), as RGB.
fn striped_rgb(width: u32, height: u32) -> Vec<u8> {
    (0..width * height)
        .flat_map(|i| {
            let row = (i / width / 2) as u8;
            [40 + row * 30, 200 - row * 25, 90 + row * 10]
        })
        .collect()
}

fn close(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.abs_diff(*y) <= 3)
}

#[test]
fn yuyv_with_an_odd_width_decodes_every_pixel() {
    for (w, h) in [(1u32, 1u32), (3, 2), (5, 3), (7, 1)] {
        let rgb = striped_rgb(w, h);
        let (mut yuv, mut back) = (Vec::new(), Vec::new());
        rgb_to_yuyv(&rgb, w, h, &mut yuv);
        assert_eq!(yuv.len(), PixelFormat::Yuyv.raw_len(w, h).unwrap());
        yuyv_to_rgb(&yuv, w, h, &mut back).unwrap();
        if w == 1 {
            // No pair at all: the lone pixel has neutral V, so only its luma is exact.
            assert_eq!(back.len(), 3 * h as usize);
        } else {
            assert!(close(&rgb, &back), "{w}x{h}: {rgb:?} vs {back:?}");
        }
    }
}

#[test]
fn nv12_with_odd_width_or_height_decodes_every_pixel() {
    for (w, h) in [(1u32, 1u32), (3, 2), (2, 3), (5, 5), (7, 1), (1, 7)] {
        let rgb = striped_rgb(w, h);
        let (mut yuv, mut back) = (Vec::new(), Vec::new());
        rgb_to_nv12(&rgb, w, h, &mut yuv);
        assert_eq!(yuv.len(), PixelFormat::Nv12.raw_len(w, h).unwrap());
        nv12_to_rgb(&yuv, w, h, &mut back).unwrap();
        assert!(close(&rgb, &back), "{w}x{h}: {rgb:?} vs {back:?}");
    }
}

#[test]
fn zero_sizes_are_errors_for_raw_formats() {
    let mut out = Vec::new();
    for format in [PixelFormat::Yuyv, PixelFormat::Nv12] {
        for (w, h) in [(0u32, 0u32), (0, 480), (640, 0)] {
            let f = frame(format, w, h, vec![0; 64]);
            assert!(
                matches!(frame_to_rgb(&f, &mut out), Err(CameraError::Decode(_))),
                "{format:?} {w}x{h}"
            );
            let mut luma = LumaImage::default();
            assert!(
                matches!(
                    Decimator::new().decimate(&f, 320, &mut luma),
                    Err(CameraError::Decode(_))
                ),
                "{format:?} {w}x{h}"
            );
            // rustface panics on an image with a zero side; the frame never gets that far.
            let mut a = Analyzer::default();
            for kind in [CaptureKind::Document, CaptureKind::Selfie] {
                assert!(a.analyze_frame(&f, kind).is_err(), "{format:?} {w}x{h}");
            }
        }
    }
}

#[test]
fn short_buffers_are_errors_and_longer_ones_are_read_up_to_the_frame() {
    let (w, h) = (6u32, 4u32);
    let rgb = striped_rgb(w, h);
    let mut out = Vec::new();
    for format in [PixelFormat::Yuyv, PixelFormat::Nv12] {
        let mut raw = Vec::new();
        match format {
            PixelFormat::Yuyv => rgb_to_yuyv(&rgb, w, h, &mut raw),
            _ => rgb_to_nv12(&rgb, w, h, &mut raw),
        }
        let short = frame(format, w, h, raw[..raw.len() - 1].to_vec());
        assert!(matches!(
            frame_to_rgb(&short, &mut out),
            Err(CameraError::Decode(_))
        ));
        assert!(Decimator::new()
            .decimate(&short, 320, &mut LumaImage::default())
            .is_err());
        let mut long = raw.clone();
        long.extend_from_slice(&[0xAB; 100]);
        let long = frame(format, w, h, long);
        assert_eq!(frame_to_rgb(&long, &mut out).unwrap(), (w, h));
        assert!(close(&out, &rgb), "{format:?}");
    }
}

#[test]
fn oversized_frames_are_refused_before_anything_is_allocated() {
    // Sizes whose buffer would not even fit in memory (or overflow a usize product): the
    // refusal must come from the declared size alone, with a 4-byte buffer.
    for format in [PixelFormat::Yuyv, PixelFormat::Nv12, PixelFormat::Mjpeg] {
        for (w, h) in [
            (MAX_FRAME_SIDE + 1, 1),
            (1, MAX_FRAME_SIDE + 1),
            (u32::MAX, u32::MAX),
            (100_000, 100_000),
        ] {
            if format != PixelFormat::Mjpeg {
                let err = check_frame(format, &[0; 4], w, h).unwrap_err();
                assert_eq!(
                    err,
                    CameraError::FrameTooLarge {
                        width: w,
                        height: h
                    }
                );
                assert!(err.to_string().contains("larger than the largest accepted"));
                let f = frame(format, w, h, vec![0; 4]);
                let mut out = Vec::new();
                assert_eq!(
                    frame_to_rgb(&f, &mut out).unwrap_err(),
                    CameraError::FrameTooLarge {
                        width: w,
                        height: h
                    }
                );
                assert!(out.capacity() == 0, "nothing allocated for {w}x{h}");
                let mut luma = LumaImage::default();
                assert!(Decimator::new().decimate(&f, 320, &mut luma).is_err());
            }
            assert!(format.raw_len(w, h).is_none_or(|n| n > 0), "no overflow");
        }
    }
    // The largest size itself is accepted: an empty buffer for it is merely short.
    assert!(matches!(
        check_frame(PixelFormat::Yuyv, &[], MAX_FRAME_SIDE, MAX_FRAME_SIDE),
        Err(CameraError::Decode(_))
    ));
}

#[test]
fn raw_len_saturates_instead_of_overflowing() {
    assert_eq!(
        PixelFormat::Yuyv.raw_len(u32::MAX, u32::MAX),
        Some(usize::MAX)
    );
    assert_eq!(
        PixelFormat::Nv12.raw_len(u32::MAX, u32::MAX),
        Some(usize::MAX)
    );
    assert_eq!(PixelFormat::Nv12.raw_len(3, 3), Some(9 + 8));
    assert_eq!(PixelFormat::Mjpeg.raw_len(u32::MAX, u32::MAX), None);
}

#[test]
fn a_source_declaring_an_oversized_format_fails_capture_with_a_typed_error() {
    let format = StreamFormat {
        format: PixelFormat::Yuyv,
        width: 100_000,
        height: 100_000,
        fps: 30,
    };
    let c = Capture::start(
        move || {
            Ok(Box::new(SyntheticSource::new(
                format,
                Script::new().hold(Scene::document(), 1),
                Pacing::Unpaced,
            )) as Box<dyn FrameSource>)
        },
        RecoveryPolicy::default(),
    );
    let rx = c.status();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let s = rx.borrow().clone();
        if s == CaptureStatus::Failed(CameraError::FrameTooLarge {
            width: 100_000,
            height: 100_000,
        }) {
            break;
        }
        assert!(
            !matches!(s, CaptureStatus::Running(_)),
            "an oversized stream must not run"
        );
        assert!(Instant::now() < deadline, "status never failed: {s:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
    // Read directly, the source refuses too.
    let mut source = SyntheticSource::new(
        format,
        Script::new().hold(Scene::document(), 1),
        Pacing::Unpaced,
    );
    assert!(matches!(
        source.read_frame(&mut Frame::with_capacity(0)),
        Err(CameraError::FrameTooLarge { .. })
    ));
}

#[test]
fn a_very_wide_frame_still_decimates_to_at_least_one_row() {
    let (w, h) = (MAX_FRAME_SIDE, 5u32);
    let f = frame(
        PixelFormat::Nv12,
        w,
        h,
        vec![128; PixelFormat::Nv12.raw_len(w, h).unwrap()],
    );
    let mut luma = LumaImage::default();
    Decimator::new().decimate(&f, 320, &mut luma).unwrap();
    assert!(luma.width >= 320 && luma.height >= 1, "{luma:?}");
    assert_eq!(luma.data.len(), (luma.width * luma.height) as usize);
    let mut a = Analyzer::default();
    for kind in [CaptureKind::Document, CaptureKind::Selfie] {
        a.analyze_frame(&f, kind).unwrap();
    }
}

#[test]
fn empty_or_short_luma_images_are_not_measured() {
    let mut a = Analyzer::default();
    for (w, h, len) in [
        (0u32, 0u32, 0usize),
        (0, 10, 0),
        (10, 0, 0),
        (10, 10, 99),
        (u32::MAX, u32::MAX, 4),
    ] {
        let luma = LumaImage {
            width: w,
            height: h,
            data: vec![200; len],
        };
        assert_eq!(
            a.analyze_luma(&luma, CaptureKind::Document).instruction,
            Instruction::PlaceDocument
        );
        assert_eq!(
            a.analyze_luma(&luma, CaptureKind::Selfie).instruction,
            Instruction::FaceCamera
        );
    }
    // Tiny but whole images are measured without panicking.
    for (w, h) in [(1u32, 1u32), (2, 1), (1, 2), (3, 3), (19, 40)] {
        let luma = LumaImage {
            width: w,
            height: h,
            data: vec![200; (w * h) as usize],
        };
        a.analyze_luma(&luma, CaptureKind::Document);
        a.analyze_luma(&luma, CaptureKind::Selfie);
    }
}
