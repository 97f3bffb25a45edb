//! Turning raw frames into pixels: MJPEG (via `zune-jpeg`), YUYV and NV12 (BT.601, limited range,
//! as webcams deliver them), box decimation to a small luma image, and JPEG encoding.
//!
//! `zune-jpeg` decodes: pure Rust, SIMD-accelerated, maintained (it is the JPEG decoder of
//! `image` 0.25), decodes straight to luma when asked, decodes webcam MJPEG that omits the Huffman
//! tables, and stops at the EOI marker. `jpeg-encoder` encodes: pure Rust, small, also used by
//! `image`. Every function writes into a caller-owned buffer so per-frame work allocates nothing
//! once the buffers have grown.

use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use crate::error::CameraError;
use crate::frame::{check_frame_size, Frame, PixelFormat, MAX_FRAME_SIDE};

/// The length of the JPEG at the start of `buf` (up to and including its EOI marker), or `None`
/// when `buf` does not start with one or it is cut short. Walks the marker segments, so stale
/// bytes after the image (Linux webcams hand over the whole mmap buffer, which can hold the tail
/// of an earlier, longer frame with its own EOI) are never mistaken for part of it.
pub fn jpeg_len(buf: &[u8]) -> Option<usize> {
    if buf.len() < 4 || buf[0] != 0xFF || buf[1] != 0xD8 {
        return None;
    }
    let mut i = 2;
    loop {
        // Find the next marker, skipping fill bytes.
        if i >= buf.len() || buf[i] != 0xFF {
            return None;
        }
        while i + 1 < buf.len() && buf[i + 1] == 0xFF {
            i += 1;
        }
        let marker = *buf.get(i + 1)?;
        match marker {
            0xD9 => return Some(i + 2),
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let len = u16::from_be_bytes([*buf.get(i + 2)?, *buf.get(i + 3)?]) as usize;
                if len < 2 {
                    return None;
                }
                i += 2 + len;
                if marker == 0xDA {
                    // Entropy-coded data: a marker is 0xFF followed by neither 0x00 nor RSTn.
                    loop {
                        let ff = i + buf.get(i..)?.iter().position(|&b| b == 0xFF)?;
                        match *buf.get(ff + 1)? {
                            0x00 | 0xD0..=0xD7 | 0xFF => i = ff + 1,
                            _ => {
                                i = ff;
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The JPEG in an MJPEG buffer without any trailing bytes.
pub fn trim_jpeg(buf: &[u8]) -> Result<&[u8], CameraError> {
    jpeg_len(buf)
        .map(|n| &buf[..n])
        .ok_or_else(|| CameraError::Decode("not a complete JPEG (no end-of-image marker)".into()))
}

/// Decodes a JPEG (trailing bytes tolerated) into `out` as RGB (`luma == false`, 3 bytes per
/// pixel) or luma (1 byte). Returns the dimensions.
pub fn decode_jpeg(jpeg: &[u8], luma: bool, out: &mut Vec<u8>) -> Result<(u32, u32), CameraError> {
    let jpeg = trim_jpeg(jpeg)?;
    let colorspace = if luma {
        ColorSpace::Luma
    } else {
        ColorSpace::RGB
    };
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(colorspace)
        .set_max_width(MAX_FRAME_SIDE as usize)
        .set_max_height(MAX_FRAME_SIDE as usize);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(jpeg), options);
    decoder
        .decode_headers()
        .map_err(|e| CameraError::Decode(e.to_string()))?;
    let info = decoder
        .info()
        .ok_or_else(|| CameraError::Decode("no image header".into()))?;
    check_frame_size(u32::from(info.width), u32::from(info.height))?;
    let size = decoder
        .output_buffer_size()
        .ok_or_else(|| CameraError::Decode("no image header".into()))?;
    out.clear();
    out.resize(size, 0);
    decoder
        .decode_into(out)
        .map_err(|e| CameraError::Decode(e.to_string()))?;
    Ok((u32::from(info.width), u32::from(info.height)))
}

#[inline]
fn clamp(v: i32) -> u8 {
    v.clamp(0, 255) as u8
}

/// BT.601 limited-range YCbCr to RGB, in 8.8 fixed point (the usual webcam conversion).
#[inline]
pub fn yuv_to_rgb(y: u8, u: u8, v: u8) -> [u8; 3] {
    let c = 298 * (i32::from(y) - 16);
    let d = i32::from(u) - 128;
    let e = i32::from(v) - 128;
    [
        clamp((c + 409 * e + 128) >> 8),
        clamp((c - 100 * d - 208 * e + 128) >> 8),
        clamp((c + 516 * d + 128) >> 8),
    ]
}

/// RGB to BT.601 limited-range YCbCr, in 8.8 fixed point.
#[inline]
pub fn rgb_to_yuv(r: u8, g: u8, b: u8) -> [u8; 3] {
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    [
        clamp(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16),
        clamp(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128),
        clamp(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128),
    ]
}

/// Checks a declared raw frame before anything is allocated from its size: not empty, within
/// [`MAX_FRAME_SIDE`] each way, and a buffer holding the whole frame. Longer buffers are fine
/// (the bytes past the frame are ignored). MJPEG declares its size in the JPEG itself, which
/// [`decode_jpeg`] checks the same way.
pub fn check_frame(format: PixelFormat, data: &[u8], w: u32, h: u32) -> Result<(), CameraError> {
    if format == PixelFormat::Mjpeg {
        return Ok(());
    }
    check_frame_size(w, h)?;
    match format.raw_len(w, h) {
        Some(n) if data.len() < n => Err(CameraError::Decode(format!(
            "{format:?} frame of {w}x{h} needs {n} bytes, got {}",
            data.len()
        ))),
        _ => Ok(()),
    }
}

/// YUYV (4:2:2) to RGB. An odd width's last pixel has no pair and so no V byte of its own (its
/// row is `2 × width` bytes, as [`rgb_to_yuyv`] writes it): it takes the V of the pair before it
/// (neutral chroma in a 1-pixel-wide frame).
pub fn yuyv_to_rgb(
    src: &[u8],
    width: u32,
    height: u32,
    out: &mut Vec<u8>,
) -> Result<(), CameraError> {
    check_frame(PixelFormat::Yuyv, src, width, height)?;
    let (w, h) = (width as usize, height as usize);
    out.clear();
    out.resize(w * h * 3, 0);
    for (row_in, row_out) in src
        .chunks_exact(w * 2)
        .zip(out.chunks_exact_mut(w * 3))
        .take(h)
    {
        for (q, px) in row_in.chunks_exact(4).zip(row_out.chunks_exact_mut(6)) {
            px[..3].copy_from_slice(&yuv_to_rgb(q[0], q[1], q[3]));
            px[3..].copy_from_slice(&yuv_to_rgb(q[2], q[1], q[3]));
        }
        if w % 2 == 1 {
            let x = w - 1;
            let v = if x >= 2 { row_in[x * 2 - 1] } else { 128 };
            row_out[x * 3..].copy_from_slice(&yuv_to_rgb(row_in[x * 2], row_in[x * 2 + 1], v));
        }
    }
    Ok(())
}

/// NV12 (4:2:0) to RGB.
pub fn nv12_to_rgb(
    src: &[u8],
    width: u32,
    height: u32,
    out: &mut Vec<u8>,
) -> Result<(), CameraError> {
    check_frame(PixelFormat::Nv12, src, width, height)?;
    let (w, h) = (width as usize, height as usize);
    let cw = w.div_ceil(2) * 2;
    let (y_plane, uv_plane) = src.split_at(w * h);
    out.clear();
    out.resize(w * h * 3, 0);
    for (y_idx, row_out) in out.chunks_exact_mut(w * 3).enumerate().take(h) {
        let yrow = &y_plane[y_idx * w..(y_idx + 1) * w];
        let uvrow = &uv_plane[(y_idx / 2) * cw..];
        for (x, px) in row_out.chunks_exact_mut(3).enumerate() {
            let c = (x / 2) * 2;
            px.copy_from_slice(&yuv_to_rgb(yrow[x], uvrow[c], uvrow[c + 1]));
        }
    }
    Ok(())
}

/// RGB to YUYV (chroma of each pixel pair averaged).
pub fn rgb_to_yuyv(rgb: &[u8], width: u32, height: u32, out: &mut Vec<u8>) {
    let (w, h) = (width as usize, height as usize);
    out.clear();
    out.resize(w * h * 2, 0);
    for (row_in, row_out) in rgb
        .chunks_exact(w * 3)
        .zip(out.chunks_exact_mut(w * 2))
        .take(h)
    {
        for x in (0..w).step_by(2) {
            let a = rgb_to_yuv(row_in[x * 3], row_in[x * 3 + 1], row_in[x * 3 + 2]);
            let x1 = (x + 1).min(w - 1);
            let b = rgb_to_yuv(row_in[x1 * 3], row_in[x1 * 3 + 1], row_in[x1 * 3 + 2]);
            row_out[x * 2] = a[0];
            row_out[x * 2 + 1] = (u16::from(a[1]) + u16::from(b[1])).div_ceil(2) as u8;
            if x + 1 < w {
                row_out[x * 2 + 2] = b[0];
                row_out[x * 2 + 3] = (u16::from(a[2]) + u16::from(b[2])).div_ceil(2) as u8;
            }
        }
    }
}

/// RGB to NV12 (chroma of each 2x2 block averaged).
pub fn rgb_to_nv12(rgb: &[u8], width: u32, height: u32, out: &mut Vec<u8>) {
    let (w, h) = (width as usize, height as usize);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    out.clear();
    out.resize(w * h + cw * ch * 2, 0);
    let (y_plane, uv_plane) = out.split_at_mut(w * h);
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) * 3;
            y_plane[y * w + x] = rgb_to_yuv(rgb[i], rgb[i + 1], rgb[i + 2])[0];
        }
    }
    for cy in 0..ch {
        for cx in 0..cw {
            let (mut us, mut vs, mut n) = (0u32, 0u32, 0u32);
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let (x, y) = (cx * 2 + dx, cy * 2 + dy);
                if x < w && y < h {
                    let i = (y * w + x) * 3;
                    let yuv = rgb_to_yuv(rgb[i], rgb[i + 1], rgb[i + 2]);
                    us += u32::from(yuv[1]);
                    vs += u32::from(yuv[2]);
                    n += 1;
                }
            }
            uv_plane[(cy * cw + cx) * 2] = ((us + n / 2) / n) as u8;
            uv_plane[(cy * cw + cx) * 2 + 1] = ((vs + n / 2) / n) as u8;
        }
    }
}

/// Any frame to RGB (3 bytes per pixel) in `out`. Raw frames come out at their declared size;
/// MJPEG at the JPEG's own.
pub fn frame_to_rgb(frame: &Frame, out: &mut Vec<u8>) -> Result<(u32, u32), CameraError> {
    match frame.format {
        PixelFormat::Mjpeg => decode_jpeg(&frame.data, false, out),
        PixelFormat::Yuyv => yuyv_to_rgb(&frame.data, frame.width, frame.height, out)
            .map(|()| (frame.width, frame.height)),
        PixelFormat::Nv12 => nv12_to_rgb(&frame.data, frame.width, frame.height, out)
            .map(|()| (frame.width, frame.height)),
    }
}

/// A small grey image: what analysis works on.
#[derive(Clone, Default)]
pub struct LumaImage {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl LumaImage {
    #[inline]
    pub fn at(&self, x: u32, y: u32) -> u8 {
        self.data[(y * self.width + x) as usize]
    }
}

impl std::fmt::Debug for LumaImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LumaImage({}x{})", self.width, self.height)
    }
}

/// Reduces frames to a luma image about `target_width` pixels wide (integer box filter), reusing
/// its buffers from frame to frame.
#[derive(Default)]
pub struct Decimator {
    full: Vec<u8>,
    acc: Vec<u32>,
}

impl Decimator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decimates `frame` into `out` by the largest integer factor that keeps it at least
    /// `target_width` wide (1280 → 320, 1920 → 320, 640 → 320) and at least one row tall.
    /// Raw frames are checked first ([`check_frame`]), MJPEG by [`decode_jpeg`].
    pub fn decimate(
        &mut self,
        frame: &Frame,
        target_width: u32,
        out: &mut LumaImage,
    ) -> Result<(), CameraError> {
        let (w, h) = (frame.width, frame.height);
        check_frame(frame.format, &frame.data, w, h)?;
        match frame.format {
            PixelFormat::Mjpeg => {
                let mut full = std::mem::take(&mut self.full);
                let res = decode_jpeg(&frame.data, true, &mut full);
                let res = res.map(|(dw, dh)| {
                    self.box_down(&full, dw as usize, 1, dw, dh, target_width, false, out)
                });
                self.full = full;
                res.map(|_| ())
            }
            PixelFormat::Yuyv => {
                self.box_down(
                    &frame.data,
                    w as usize * 2,
                    2,
                    w,
                    h,
                    target_width,
                    true,
                    out,
                );
                Ok(())
            }
            PixelFormat::Nv12 => {
                self.box_down(&frame.data, w as usize, 1, w, h, target_width, true, out);
                Ok(())
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn box_down(
        &mut self,
        src: &[u8],
        stride: usize,
        step: usize,
        w: u32,
        h: u32,
        target: u32,
        // Limited-range luma (16-235, as YUYV/NV12 webcams send) is stretched to full range so
        // that every source measures alike (a saturated highlight is 255).
        limited: bool,
        out: &mut LumaImage,
    ) {
        // A frame far wider than tall still keeps one row.
        let f = (w / target.max(1)).min(h).max(1) as usize;
        let (ow, oh) = (w as usize / f, h as usize / f);
        out.width = ow as u32;
        out.height = oh as u32;
        out.data.clear();
        out.data.resize(ow * oh, 0);
        self.acc.clear();
        self.acc.resize(ow, 0);
        let div = (f * f) as u32;
        for oy in 0..oh {
            self.acc.fill(0);
            for dy in 0..f {
                let row = &src[(oy * f + dy) * stride..];
                for (ox, a) in self.acc.iter_mut().enumerate() {
                    let base = ox * f * step;
                    let mut s = 0u32;
                    for dx in 0..f {
                        s += u32::from(row[base + dx * step]);
                    }
                    *a += s;
                }
            }
            for (o, a) in out.data[oy * ow..(oy + 1) * ow].iter_mut().zip(&self.acc) {
                let v = (a + div / 2) / div;
                *o = if limited {
                    ((v.saturating_sub(16) * 255 + 109) / 219).min(255) as u8
                } else {
                    v as u8
                };
            }
        }
    }
}

/// Box-downscales RGB by an integer factor `f` into `out`; returns the new size.
pub fn downscale_rgb(src: &[u8], width: u32, height: u32, f: u32, out: &mut Vec<u8>) -> (u32, u32) {
    let f = f.max(1) as usize;
    let (w, ow, oh) = (width as usize, width as usize / f, height as usize / f);
    out.clear();
    out.resize(ow * oh * 3, 0);
    let div = (f * f) as u32;
    for oy in 0..oh {
        for ox in 0..ow {
            let mut s = [0u32; 3];
            for dy in 0..f {
                let row = (oy * f + dy) * w * 3;
                for dx in 0..f {
                    let i = row + (ox * f + dx) * 3;
                    s[0] += u32::from(src[i]);
                    s[1] += u32::from(src[i + 1]);
                    s[2] += u32::from(src[i + 2]);
                }
            }
            let o = (oy * ow + ox) * 3;
            for c in 0..3 {
                out[o + c] = ((s[c] + div / 2) / div) as u8;
            }
        }
    }
    (ow as u32, oh as u32)
}

/// Encodes RGB as a baseline 4:2:0 JPEG into `out` (cleared first).
pub fn encode_jpeg(
    rgb: &[u8],
    width: u32,
    height: u32,
    quality: u8,
    out: &mut Vec<u8>,
) -> Result<(), CameraError> {
    let (w, h) = (
        u16::try_from(width).map_err(|_| CameraError::Encode("image too wide".into()))?,
        u16::try_from(height).map_err(|_| CameraError::Encode("image too tall".into()))?,
    );
    out.clear();
    let mut encoder = jpeg_encoder::Encoder::new(&mut *out, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::R_4_2_0);
    encoder
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| CameraError::Encode(e.to_string()))
}
