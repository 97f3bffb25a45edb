//! Property tests: any declared format, size and bytes through decoding, decimation and the
//! analyser. Never a panic; a successful decode has the declared size; a raw frame whose size
//! is acceptable and whose buffer is long enough always decodes. Fixed seeds keep runs
//! repeatable.

use std::cell::RefCell;
use std::time::Instant;

use camera::decode::{decode_jpeg, encode_jpeg, frame_to_rgb};
use camera::{
    Analyzer, CameraError, CaptureKind, Decimator, Frame, LumaImage, PixelFormat, MAX_FRAME_SIDE,
};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use zeroize::Zeroizing;

/// Buffers bigger than this are not built in full (an 8K frame would make each case slow).
const MAX_BUILT: usize = 1 << 16;

fn config(cases: u32, seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

fn format() -> impl Strategy<Value = PixelFormat> {
    prop_oneof![
        Just(PixelFormat::Mjpeg),
        Just(PixelFormat::Yuyv),
        Just(PixelFormat::Nv12)
    ]
}

/// A side: mostly small (0, odd, even), sometimes at or past the cap, sometimes anything.
fn side() -> impl Strategy<Value = u32> {
    prop_oneof![
        4 => 0u32..=4,
        8 => 1u32..=80,
        1 => Just(MAX_FRAME_SIDE),
        1 => MAX_FRAME_SIDE - 1..=MAX_FRAME_SIDE + 2,
        1 => any::<u32>(),
    ]
}

/// A frame: format, size, and a buffer that is exact, a little short or long, or random.
fn raw_frame() -> impl Strategy<Value = (PixelFormat, u32, u32, Vec<u8>)> {
    (format(), side(), side()).prop_flat_map(|(format, w, h)| {
        let exact = format.raw_len(w, h).filter(|&n| n <= MAX_BUILT);
        let len = match exact {
            Some(n) => prop_oneof![
                3 => Just(n),
                1 => n.saturating_sub(3)..=n + 3,
                1 => 0..=n + 64,
            ]
            .boxed(),
            None => (0usize..=512).boxed(),
        };
        (Just(format), Just(w), Just(h), len).prop_flat_map(|(format, w, h, len)| {
            (
                Just(format),
                Just(w),
                Just(h),
                proptest::collection::vec(any::<u8>(), len),
            )
        })
    })
}

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

thread_local! {
    static ANALYZER: RefCell<Analyzer> = RefCell::new(Analyzer::default());
}

/// Whether a raw frame of this declaration must decode.
fn decodable(format: PixelFormat, w: u32, h: u32, len: usize) -> bool {
    (1..=MAX_FRAME_SIDE).contains(&w)
        && (1..=MAX_FRAME_SIDE).contains(&h)
        && format.raw_len(w, h).is_some_and(|n| len >= n)
}

proptest! {
    #![proptest_config(config(256, 0x00ca_3e7a))]

    #[test]
    fn any_declared_frame_decodes_or_is_a_typed_error((format, w, h, data) in raw_frame()) {
        let len = data.len();
        let f = frame(format, w, h, data);
        let mut rgb = Vec::new();
        match frame_to_rgb(&f, &mut rgb) {
            Ok((dw, dh)) => {
                prop_assert!(dw >= 1 && dh >= 1 && dw <= MAX_FRAME_SIDE && dh <= MAX_FRAME_SIDE);
                prop_assert_eq!(rgb.len(), dw as usize * dh as usize * 3);
                if format != PixelFormat::Mjpeg {
                    prop_assert_eq!((dw, dh), (w, h));
                }
            }
            Err(e) => {
                prop_assert!(
                    format == PixelFormat::Mjpeg || !decodable(format, w, h, len),
                    "{:?} {}x{} with {} bytes refused: {}", format, w, h, len, e
                );
                if format != PixelFormat::Mjpeg && (w > MAX_FRAME_SIDE || h > MAX_FRAME_SIDE) {
                    prop_assert_eq!(e, CameraError::FrameTooLarge { width: w, height: h });
                }
            }
        }

        let mut luma = LumaImage::default();
        let decimated = Decimator::new().decimate(&f, 320, &mut luma);
        match &decimated {
            Ok(()) => {
                prop_assert!(luma.width >= 1 && luma.height >= 1);
                prop_assert_eq!(luma.data.len(), luma.width as usize * luma.height as usize);
                if format != PixelFormat::Mjpeg {
                    prop_assert!(luma.width <= w && luma.height <= h);
                }
            }
            Err(_) => prop_assert!(format == PixelFormat::Mjpeg || !decodable(format, w, h, len)),
        }

        ANALYZER.with(|a| {
            let mut a = a.borrow_mut();
            for kind in [CaptureKind::Document, CaptureKind::Selfie] {
                let analysed = a.analyze_frame(&f, kind);
                prop_assert_eq!(analysed.is_ok(), decimated.is_ok());
            }
            Ok(())
        })?;
    }
}

/// A real JPEG of a random small size, then maybe cut short, with a byte changed, or with
/// trailing bytes.
fn mangled_jpeg() -> impl Strategy<Value = (u32, u32, Vec<u8>, bool)> {
    (
        1u32..=48,
        1u32..=48,
        any::<u8>(),
        0u8..4,
        any::<prop::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(|(w, h, seed, how, at, byte)| {
            let rgb: Vec<u8> = (0..w * h * 3)
                .map(|i| (i as u8).wrapping_mul(seed) ^ (i / 7) as u8)
                .collect();
            let mut jpeg = Vec::new();
            encode_jpeg(&rgb, w, h, 80, &mut jpeg).unwrap();
            let intact = match how {
                0 => true,
                1 => {
                    jpeg.truncate(at.index(jpeg.len()));
                    false
                }
                2 => {
                    let i = at.index(jpeg.len());
                    jpeg[i] ^= byte | 1;
                    false
                }
                _ => {
                    jpeg.extend(std::iter::repeat_n(byte, at.index(64)));
                    true
                }
            };
            (w, h, jpeg, intact)
        })
}

proptest! {
    #![proptest_config(config(256, 0x0005_eed5))]

    #[test]
    fn any_mjpeg_frame_decodes_or_is_a_typed_error((w, h, jpeg, intact) in mangled_jpeg()) {
        let mut out = Vec::new();
        match decode_jpeg(&jpeg, false, &mut out) {
            Ok((dw, dh)) => {
                prop_assert_eq!(out.len(), dw as usize * dh as usize * 3);
                if intact {
                    prop_assert_eq!((dw, dh), (w, h));
                }
            }
            Err(e) => prop_assert!(!intact, "intact JPEG refused: {}", e),
        }
        let f = frame(PixelFormat::Mjpeg, w, h, jpeg);
        let mut luma = LumaImage::default();
        let decimated = Decimator::new().decimate(&f, 320, &mut luma);
        if decimated.is_ok() {
            prop_assert_eq!(luma.data.len(), luma.width as usize * luma.height as usize);
        }
        ANALYZER.with(|a| {
            let mut a = a.borrow_mut();
            for kind in [CaptureKind::Document, CaptureKind::Selfie] {
                prop_assert_eq!(a.analyze_frame(&f, kind).is_ok(), decimated.is_ok());
            }
            Ok(())
        })?;
    }

    #[test]
    fn any_luma_image_is_analysed_without_panicking(
        w in 0u32..=64,
        h in 0u32..=64,
        extra in -3i64..=3,
        seed in any::<u8>(),
    ) {
        let len = (i64::from(w * h) + extra).max(0) as usize;
        let luma = LumaImage {
            width: w,
            height: h,
            data: (0..len).map(|i| (i as u8).wrapping_mul(seed)).collect(),
        };
        ANALYZER.with(|a| {
            let mut a = a.borrow_mut();
            a.analyze_luma(&luma, CaptureKind::Document);
            a.analyze_luma(&luma, CaptureKind::Selfie);
        });
    }
}
