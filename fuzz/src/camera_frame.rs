//! A camera frame of any declared format, width, height and bytes, through everything the
//! kiosk does with one: decoding to RGB, decimation for analysis, the analyser, the preview
//! frame, the still and its review copy.
//!
//! Input: `[format][width: u32 LE][height: u32 LE][target width: u16 LE][frame bytes…]`.
//! Properties: no panic; a raw (YUYV, NV12) frame decodes exactly when its size is acceptable
//! and its buffer holds it, at its declared size; decimation keeps the frame at least the target
//! wide (or as wide as it is) and never larger; the analyser accepts exactly the frames the
//! decimator accepts; a still decodes back to its own size.

use std::cell::RefCell;
use std::time::Instant;

use camera::decode::{decode_jpeg, encode_jpeg, frame_to_rgb, rgb_to_nv12, rgb_to_yuyv};
use camera::{
    Analyzer, CameraError, CaptureKind, Decimator, Frame, LumaImage, PixelFormat, PreviewPreparer,
    Still, MAX_FRAME_SIDE,
};
use zeroize::Zeroizing;

const HEADER: usize = 11;

thread_local! {
    /// Loading the face model takes longer than analysing a small frame: once per process.
    static ANALYZER: RefCell<Analyzer> = RefCell::new(Analyzer::default());
}

fn format_of(byte: u8) -> PixelFormat {
    match byte % 3 {
        0 => PixelFormat::Mjpeg,
        1 => PixelFormat::Yuyv,
        _ => PixelFormat::Nv12,
    }
}

pub fn run(data: &[u8]) -> bool {
    let Some((header, bytes)) = data.split_first_chunk::<HEADER>() else {
        return false;
    };
    let format = format_of(header[0]);
    let width = u32::from_le_bytes([header[1], header[2], header[3], header[4]]);
    let height = u32::from_le_bytes([header[5], header[6], header[7], header[8]]);
    let target = u32::from(u16::from_le_bytes([header[9], header[10]]));
    let frame = Frame {
        format,
        width,
        height,
        data: Zeroizing::new(bytes.to_vec()),
        seq: 1,
        captured_at: Instant::now(),
    };
    let raw = format != PixelFormat::Mjpeg;
    let sides = 1..=MAX_FRAME_SIDE;
    let must_decode = raw
        && sides.contains(&width)
        && sides.contains(&height)
        && format
            .raw_len(width, height)
            .is_some_and(|n| bytes.len() >= n);

    let mut rgb = Vec::new();
    let decoded = match frame_to_rgb(&frame, &mut rgb) {
        Ok((w, h)) => {
            assert!(sides.contains(&w) && sides.contains(&h), "decoded {w}x{h}");
            assert_eq!(rgb.len(), w as usize * h as usize * 3);
            if raw {
                assert!(must_decode, "{format:?} {width}x{height} decoded");
                assert_eq!(
                    (w, h),
                    (width, height),
                    "{format:?} decoded at another size"
                );
            }
            Some((w, h))
        }
        Err(e) => {
            assert!(!must_decode, "{format:?} {width}x{height} refused: {e}");
            if raw && (width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE) {
                assert_eq!(e, CameraError::FrameTooLarge { width, height });
            }
            None
        }
    };

    let mut luma = LumaImage::default();
    let decimated = Decimator::new().decimate(&frame, target, &mut luma);
    if raw {
        assert_eq!(
            decimated.is_ok(),
            must_decode,
            "{format:?} {width}x{height}"
        );
    }
    if decimated.is_ok() {
        assert!(luma.width >= 1 && luma.height >= 1);
        assert_eq!(luma.data.len(), luma.width as usize * luma.height as usize);
        if raw {
            assert!(luma.width <= width && luma.height <= height);
            assert!(
                luma.width >= target.max(1).min(width),
                "{width} wide decimated to {} for a target of {target}",
                luma.width
            );
        }
    }

    ANALYZER.with(|analyzer| {
        let mut analyzer = analyzer.borrow_mut();
        for kind in [CaptureKind::Document, CaptureKind::Selfie] {
            let analysed = analyzer.analyze_frame(&frame, kind);
            assert_eq!(analysed.is_ok(), decimated.is_ok(), "{kind:?}");
        }
    });

    let _ = PreviewPreparer::new().prepare(&frame);
    if let Ok(still) = Still::from_frame(&frame) {
        let mut back = Vec::new();
        let size = decode_jpeg(&still.jpeg, false, &mut back);
        assert_eq!(
            size.ok(),
            Some((still.width, still.height)),
            "a still that does not decode"
        );
        if raw {
            assert_eq!((still.width, still.height), (width, height));
        }
        if let Ok(copy) = still.review_copy() {
            assert!(copy.width <= 640 && copy.width >= 1);
        }
    }
    decoded.is_some()
}

fn seed(format: PixelFormat, width: u32, height: u32, target: u16, bytes: &[u8]) -> Vec<u8> {
    let format_byte = match format {
        PixelFormat::Mjpeg => 0u8,
        PixelFormat::Yuyv => 1,
        PixelFormat::Nv12 => 2,
    };
    let mut out = vec![format_byte];
    out.extend(width.to_le_bytes());
    out.extend(height.to_le_bytes());
    out.extend(target.to_le_bytes());
    out.extend_from_slice(bytes);
    out
}

/// A small picture with some structure (stripes and a gradient), as RGB.
fn picture(width: u32, height: u32) -> Vec<u8> {
    (0..width * height)
        .flat_map(|i| {
            let (x, y) = (i % width, i / width);
            [(x * 29) as u8, (y * 53) as u8, ((x ^ y) * 17) as u8]
        })
        .collect()
}

/// Frames made by the crate's own encoders: even and odd sizes in each format.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let raw = |format, w, h, target| {
        let mut bytes = Vec::new();
        match format {
            PixelFormat::Yuyv => rgb_to_yuyv(&picture(w, h), w, h, &mut bytes),
            _ => rgb_to_nv12(&picture(w, h), w, h, &mut bytes),
        }
        seed(format, w, h, target, &bytes)
    };
    let mjpeg = |w, h, target| {
        let mut jpeg = Vec::new();
        encode_jpeg(&picture(w, h), w, h, 80, &mut jpeg).expect("a small picture encodes");
        seed(PixelFormat::Mjpeg, w, h, target, &jpeg)
    };
    vec![
        ("yuyv-16x8", raw(PixelFormat::Yuyv, 16, 8, 4)),
        ("yuyv-odd-5x3", raw(PixelFormat::Yuyv, 5, 3, 320)),
        ("nv12-16x8", raw(PixelFormat::Nv12, 16, 8, 4)),
        ("nv12-odd-7x5", raw(PixelFormat::Nv12, 7, 5, 2)),
        ("mjpeg-24x16", mjpeg(24, 16, 8)),
        ("mjpeg-odd-9x7", mjpeg(9, 7, 320)),
    ]
}
