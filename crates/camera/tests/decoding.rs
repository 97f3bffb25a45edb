//! Decoding against reference conversions.

use camera::decode::{
    decode_jpeg, encode_jpeg, jpeg_len, nv12_to_rgb, rgb_to_nv12, rgb_to_yuyv, yuyv_to_rgb,
};

/// BT.601 limited range, in floating point (the reference).
fn reference(y: u8, u: u8, v: u8) -> [f64; 3] {
    let (y, u, v) = (
        f64::from(y) - 16.0,
        f64::from(u) - 128.0,
        f64::from(v) - 128.0,
    );
    let c = |x: f64| x.clamp(0.0, 255.0);
    [
        c(1.164 * y + 1.596 * v),
        c(1.164 * y - 0.392 * u - 0.813 * v),
        c(1.164 * y + 2.017 * u),
    ]
}

fn close(got: &[u8], want: [f64; 3], tol: f64) -> bool {
    got.iter()
        .zip(want)
        .all(|(&g, w)| (f64::from(g) - w).abs() <= tol)
}

#[test]
fn yuyv_matches_the_bt601_reference() {
    // Every Y with a spread of chroma pairs, 2 pixels each.
    let (w, h) = (256u32, 9u32);
    let chroma = [
        (128u8, 128u8),
        (90, 240),
        (54, 34),
        (240, 110),
        (16, 16),
        (240, 240),
        (100, 200),
        (200, 100),
        (128, 60),
    ];
    let mut src = Vec::new();
    for &(u, v) in &chroma {
        for x in (0..w).step_by(2) {
            src.extend_from_slice(&[x as u8, u, (x + 1) as u8, v]);
        }
    }
    let mut rgb = Vec::new();
    yuyv_to_rgb(&src, w, h, &mut rgb).unwrap();
    for (row, &(u, v)) in chroma.iter().enumerate() {
        for x in 0..w as usize {
            let px = &rgb[(row * w as usize + x) * 3..][..3];
            assert!(
                close(px, reference(x as u8, u, v), 1.0),
                "Y={x} U={u} V={v}: {px:?} vs {:?}",
                reference(x as u8, u, v)
            );
        }
    }
    // Known values: white, black, BT.601 red.
    let mut out = Vec::new();
    yuyv_to_rgb(&[235, 128, 16, 128], 2, 1, &mut out).unwrap();
    assert_eq!(out, [255, 255, 255, 0, 0, 0]);
    yuyv_to_rgb(&[81, 90, 81, 240], 2, 1, &mut out).unwrap();
    assert!(close(&out[..3], [255.0, 0.0, 0.0], 2.0), "{out:?}");
}

#[test]
fn nv12_matches_the_bt601_reference() {
    let (w, h) = (4u32, 4u32);
    let y: Vec<u8> = (0..16).map(|i| 16 + i * 14).collect();
    let uv = [90u8, 240, 54, 34, 240, 110, 128, 128];
    let src = [y.clone(), uv.to_vec()].concat();
    let mut rgb = Vec::new();
    nv12_to_rgb(&src, w, h, &mut rgb).unwrap();
    for py in 0..4usize {
        for px in 0..4usize {
            let c = ((py / 2) * 2 + px / 2) * 2;
            let want = reference(y[py * 4 + px], uv[c], uv[c + 1]);
            assert!(
                close(&rgb[(py * 4 + px) * 3..][..3], want, 1.0),
                "({px},{py})"
            );
        }
    }
    assert!(
        nv12_to_rgb(&src[..10], w, h, &mut rgb).is_err(),
        "short buffers are errors, not panics"
    );
}

#[test]
fn rgb_round_trips_through_yuyv_and_nv12() {
    let (w, h) = (8u32, 4u32);
    // Colour constant per 2x2 block (what 4:2:0 carries exactly), varied across blocks.
    let rgb: Vec<u8> = (0..w * h)
        .flat_map(|i| {
            let b = ((i % w) / 2 + (i / w / 2) * 4) as u8;
            [40 + b * 25, 200 - b * 20, 90 + b * 10]
        })
        .collect();
    let (mut yuv, mut back) = (Vec::new(), Vec::new());
    rgb_to_yuyv(&rgb, w, h, &mut yuv);
    yuyv_to_rgb(&yuv, w, h, &mut back).unwrap();
    assert!(
        rgb.iter().zip(&back).all(|(a, b)| a.abs_diff(*b) <= 3),
        "yuyv"
    );
    rgb_to_nv12(&rgb, w, h, &mut yuv);
    nv12_to_rgb(&yuv, w, h, &mut back).unwrap();
    assert!(
        rgb.iter().zip(&back).all(|(a, b)| a.abs_diff(*b) <= 3),
        "nv12"
    );
}

#[test]
fn mjpeg_with_trailing_bytes_decodes_like_the_clean_jpeg() {
    let (w, h) = (64u32, 48u32);
    let rgb: Vec<u8> = (0..w * h)
        .flat_map(|i| [((i % w) * 4) as u8, ((i / w) * 5) as u8, 100])
        .collect();
    let mut jpeg = Vec::new();
    encode_jpeg(&rgb, w, h, 95, &mut jpeg).unwrap();
    let clean_len = jpeg.len();
    // A stale tail as a Linux mmap buffer holds it: garbage, then an old frame's end with EOI.
    let mut dirty = jpeg.clone();
    dirty.extend_from_slice(&[0x12, 0xFF, 0x00, 0x55, 0xFF, 0xD9, 0, 0, 0, 0]);
    assert_eq!(jpeg_len(&dirty), Some(clean_len));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    assert_eq!(decode_jpeg(&jpeg, false, &mut a).unwrap(), (w, h));
    assert_eq!(decode_jpeg(&dirty, false, &mut b).unwrap(), (w, h));
    assert_eq!(a, b);
    // And the pixels are the image (JPEG is lossy: small mean error).
    let err: f64 = a
        .iter()
        .zip(&rgb)
        .map(|(x, y)| f64::from(x.abs_diff(*y)))
        .sum::<f64>()
        / a.len() as f64;
    assert!(err < 3.0, "mean error {err}");
    // A cut-short JPEG is an error.
    assert!(decode_jpeg(&jpeg[..clean_len / 2], false, &mut a).is_err());
    assert_eq!(jpeg_len(b"not a jpeg"), None);
}
