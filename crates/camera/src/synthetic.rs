//! A camera that films scenes drawn in code: a document card (portrait, text lines, barcode)
//! entering the guide frame with motion blur, then glare, then steady; a face for the selfie; an
//! empty desk. Scripts make the sequence deterministic for tests and lively for demo mode.
//! No image of a real person is involved: the faces are drawn from ellipses.

use std::time::{Duration, Instant};

use crate::decode::{encode_jpeg, rgb_to_nv12, rgb_to_yuyv};
use crate::error::CameraError;
use crate::frame::{check_frame_size, Frame, PixelFormat, StreamFormat};
use crate::source::FrameSource;

/// The ID-1 card aspect ratio (85.60 × 53.98 mm).
pub const CARD_ASPECT: f32 = 85.60 / 53.98;

/// One moment of a scene, in fractions of the frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scene {
    /// A desk with nothing on it.
    Empty,
    Document(DocumentScene),
    Faces(FaceScene),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocumentScene {
    /// Card centre, in fractions of the frame width and height.
    pub center: (f32, f32),
    /// Card width as a fraction of the frame width.
    pub width: f32,
    /// Horizontal motion blur length, as a fraction of the frame width.
    pub motion_blur: f32,
    /// Out-of-focus blur radius, as a fraction of the frame width.
    pub focus_blur: f32,
    pub glare: bool,
    /// 1.0 is a well-lit desk; 0.2 is dim.
    pub light: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceScene {
    /// How many faces (0, 1 or 2).
    pub count: u8,
    /// Centre of the first face (fractions of the frame).
    pub center: (f32, f32),
    /// Face width as a fraction of the frame width.
    pub width: f32,
    pub light: f32,
}

impl Scene {
    /// The card well placed in the guide frame, sharp, no glare.
    pub fn document() -> Self {
        Self::Document(DocumentScene {
            center: (0.5, 0.5),
            width: 0.72,
            motion_blur: 0.0,
            focus_blur: 0.0,
            glare: false,
            light: 1.0,
        })
    }

    /// One face, centred and large enough.
    pub fn face() -> Self {
        Self::Faces(FaceScene {
            count: 1,
            center: (0.5, 0.5),
            width: 0.28,
            light: 1.0,
        })
    }

    fn map_doc(self, f: impl FnOnce(&mut DocumentScene)) -> Self {
        match self {
            Self::Document(mut d) => {
                f(&mut d);
                Self::Document(d)
            }
            other => other,
        }
    }

    pub fn at(self, cx: f32, cy: f32) -> Self {
        match self {
            Self::Faces(mut s) => {
                s.center = (cx, cy);
                Self::Faces(s)
            }
            other => other.map_doc(|d| d.center = (cx, cy)),
        }
    }
    pub fn sized(self, width: f32) -> Self {
        match self {
            Self::Faces(mut s) => {
                s.width = width;
                Self::Faces(s)
            }
            other => other.map_doc(|d| d.width = width),
        }
    }
    pub fn faces(self, count: u8) -> Self {
        match self {
            Self::Faces(mut s) => {
                s.count = count;
                Self::Faces(s)
            }
            other => other,
        }
    }
    pub fn motion_blur(self, fraction: f32) -> Self {
        self.map_doc(|d| d.motion_blur = fraction)
    }
    pub fn focus_blur(self, fraction: f32) -> Self {
        self.map_doc(|d| d.focus_blur = fraction)
    }
    pub fn glare(self) -> Self {
        self.map_doc(|d| d.glare = true)
    }
    pub fn light(self, light: f32) -> Self {
        match self {
            Self::Faces(mut s) => {
                s.light = light;
                Self::Faces(s)
            }
            other => other.map_doc(|d| d.light = light),
        }
    }
}

#[derive(Debug, Clone)]
struct Segment {
    from: Scene,
    to: Scene,
    frames: u32,
}

/// A sequence of scenes, frame by frame. The last scene holds once the script has run out
/// (or the script starts over, with [`Script::looping`]).
#[derive(Debug, Clone, Default)]
pub struct Script {
    segments: Vec<Segment>,
    looping: bool,
}

impl Script {
    pub fn new() -> Self {
        Self::default()
    }

    /// Shows `scene` for `frames` frames.
    pub fn hold(mut self, scene: Scene, frames: u32) -> Self {
        self.segments.push(Segment {
            from: scene,
            to: scene,
            frames,
        });
        self
    }

    /// Moves a document from `from` to `to` over `frames` frames, with the motion blur its speed
    /// gives.
    pub fn moving(mut self, from: Scene, to: Scene, frames: u32) -> Self {
        self.segments.push(Segment { from, to, frames });
        self
    }

    pub fn looping(mut self) -> Self {
        self.looping = true;
        self
    }

    /// Demo document script at 30 fps: empty desk, the card slides in (motion blur), it is out of
    /// focus, glare, then steady for good.
    pub fn document_demo() -> Self {
        Self::new()
            .hold(Scene::Empty, 20)
            .moving(Scene::document().at(1.4, 0.55), Scene::document(), 30)
            .hold(Scene::document().focus_blur(0.006), 20)
            .hold(Scene::document().glare(), 30)
            .hold(Scene::document(), 60)
    }

    /// Demo selfie script: nobody, a face too far away, then a face centred and close enough.
    pub fn selfie_demo() -> Self {
        Self::new()
            .hold(
                Scene::Faces(FaceScene {
                    count: 0,
                    ..face_scene()
                }),
                20,
            )
            .hold(Scene::face().sized(0.12).at(0.3, 0.45), 30)
            .hold(Scene::face(), 60)
    }

    /// Total scripted frames (the last scene holds after that).
    pub fn len(&self) -> u32 {
        self.segments.iter().map(|s| s.frames).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The scene of frame `n` (0-based).
    pub fn scene_at(&self, n: u64) -> Scene {
        let total = u64::from(self.len());
        if total == 0 {
            return Scene::Empty;
        }
        let mut n = if self.looping {
            n % total
        } else {
            n.min(total - 1)
        };
        for seg in &self.segments {
            if n < u64::from(seg.frames) {
                return interpolate(seg, n as u32);
            }
            n -= u64::from(seg.frames);
        }
        self.segments.last().map_or(Scene::Empty, |s| s.to)
    }
}

fn face_scene() -> FaceScene {
    match Scene::face() {
        Scene::Faces(f) => f,
        _ => unreachable!(),
    }
}

fn interpolate(seg: &Segment, i: u32) -> Scene {
    match (seg.from, seg.to) {
        (Scene::Document(a), Scene::Document(b)) if a != b => {
            let t = if seg.frames <= 1 {
                1.0
            } else {
                i as f32 / (seg.frames - 1) as f32
            };
            // Ease out: fast at first, settling at the end, as a hand does.
            let e = 1.0 - (1.0 - t) * (1.0 - t);
            let lerp = |x: f32, y: f32| x + (y - x) * e;
            let speed =
                2.0 * (1.0 - t) / seg.frames.max(1) as f32 * (b.center.0 - a.center.0).abs();
            Scene::Document(DocumentScene {
                center: (lerp(a.center.0, b.center.0), lerp(a.center.1, b.center.1)),
                width: lerp(a.width, b.width),
                motion_blur: b.motion_blur.max(speed * 0.8),
                ..b
            })
        }
        _ => seg.from,
    }
}

/// How a synthetic source paces its frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pacing {
    /// One frame every 1/fps seconds, like a webcam.
    RealTime,
    /// As fast as frames can be drawn (tests, benchmarks).
    Unpaced,
}

/// A [`FrameSource`] that plays a [`Script`] as MJPEG, YUYV or NV12 frames.
pub struct SyntheticSource {
    format: StreamFormat,
    script: Script,
    pacing: Pacing,
    n: u64,
    started: Option<Instant>,
    rgb: Vec<u8>,
    scratch: Vec<u8>,
    out: Vec<u8>,
}

impl SyntheticSource {
    pub fn new(format: StreamFormat, script: Script, pacing: Pacing) -> Self {
        Self {
            format,
            script,
            pacing,
            n: 0,
            started: None,
            rgb: Vec::new(),
            scratch: Vec::new(),
            out: Vec::new(),
        }
    }

    /// 1280x720 MJPEG at 30 fps, in real time.
    pub fn webcam(script: Script) -> Self {
        Self::new(
            StreamFormat {
                format: PixelFormat::Mjpeg,
                width: 1280,
                height: 720,
                fps: 30,
            },
            script,
            Pacing::RealTime,
        )
    }

    /// Frames produced so far.
    pub fn frames_produced(&self) -> u64 {
        self.n
    }
}

impl FrameSource for SyntheticSource {
    fn stream_format(&self) -> StreamFormat {
        self.format
    }

    fn read_frame(&mut self, frame: &mut Frame) -> Result<(), CameraError> {
        if self.pacing == Pacing::RealTime {
            let start = *self.started.get_or_insert_with(Instant::now);
            let due =
                start + Duration::from_secs_f64(self.n as f64 / f64::from(self.format.fps.max(1)));
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
        }
        let StreamFormat {
            format,
            width,
            height,
            ..
        } = self.format;
        check_frame_size(width, height)?;
        let scene = self.script.scene_at(self.n);
        render(
            &scene,
            width,
            height,
            self.n,
            &mut self.rgb,
            &mut self.scratch,
        );
        match format {
            PixelFormat::Mjpeg => {
                encode_jpeg(&self.rgb, width, height, 85, &mut self.out)?;
                // Like a Linux webcam: the buffer carries bytes past the EOI marker.
                self.out.extend_from_slice(&[0u8; 16]);
            }
            PixelFormat::Yuyv => rgb_to_yuyv(&self.rgb, width, height, &mut self.out),
            PixelFormat::Nv12 => rgb_to_nv12(&self.rgb, width, height, &mut self.out),
        }
        frame.fill(format, width, height, &self.out);
        self.n += 1;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing

#[inline]
fn hash(x: u32, y: u32, seed: u32) -> u32 {
    let mut h =
        x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ seed.wrapping_mul(0xC2B2_AE3D);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h
}

struct Canvas<'a> {
    w: usize,
    h: usize,
    px: &'a mut [u8],
}

impl Canvas<'_> {
    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: [u8; 3]) {
        let xa = x0.max(0.0) as usize;
        let xb = (x1.min(self.w as f32)).max(0.0) as usize;
        let ya = y0.max(0.0) as usize;
        let yb = (y1.min(self.h as f32)).max(0.0) as usize;
        for y in ya..yb {
            for x in xa..xb {
                let i = (y * self.w + x) * 3;
                self.px[i..i + 3].copy_from_slice(&c);
            }
        }
    }

    /// Calls `f(u, v, pixel)` for pixels in the box around (cx, cy) of half-size (rx, ry), with
    /// (u, v) in units of `unit` pixels from the centre.
    fn each(
        &mut self,
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        unit: f32,
        mut f: impl FnMut(f32, f32, &mut [u8]),
    ) {
        let xa = (cx - rx).max(0.0) as usize;
        let xb = ((cx + rx).min(self.w as f32)).max(0.0) as usize;
        let ya = (cy - ry).max(0.0) as usize;
        let yb = ((cy + ry).min(self.h as f32)).max(0.0) as usize;
        for y in ya..yb {
            for x in xa..xb {
                let i = (y * self.w + x) * 3;
                let u = (x as f32 + 0.5 - cx) / unit;
                let v = (y as f32 + 0.5 - cy) / unit;
                f(u, v, &mut self.px[i..i + 3]);
            }
        }
    }
}

#[inline]
fn in_ellipse(u: f32, v: f32, cu: f32, cv: f32, ru: f32, rv: f32) -> bool {
    let a = (u - cu) / ru;
    let b = (v - cv) / rv;
    a * a + b * b <= 1.0
}

fn scale(c: [u8; 3], k: f32) -> [u8; 3] {
    [
        (f32::from(c[0]) * k).min(255.0) as u8,
        (f32::from(c[1]) * k).min(255.0) as u8,
        (f32::from(c[2]) * k).min(255.0) as u8,
    ]
}

/// Draws a frontal face of width `fw` pixels centred at (cx, cy): hair, shaded skin, brows,
/// eyes, nose, mouth, neck and shoulders.
fn draw_face(cv: &mut Canvas<'_>, cx: f32, cy: f32, fw: f32, tone: u32) {
    let unit = fw / 2.0;
    let skin: [u8; 3] = match tone % 3 {
        0 => [214, 172, 146],
        1 => [176, 128, 96],
        _ => [236, 196, 170],
    };
    let hair: [u8; 3] = if tone % 2 == 0 {
        [52, 38, 30]
    } else {
        [92, 64, 40]
    };
    let shirt: [u8; 3] = [40, 70, 120];
    cv.each(
        cx,
        cy + unit * 0.7,
        unit * 2.4,
        unit * 2.4,
        unit,
        |u, v, px| {
            let mut c: Option<[u8; 3]> = None;
            // Shoulders and neck.
            if v > 1.55 && in_ellipse(u, v, 0.0, 3.1, 2.2, 1.7) {
                c = Some(shirt);
            }
            if u.abs() < 0.45 && v > 0.8 && v < 1.9 {
                c = Some(scale(skin, 0.82));
            }
            // Hair behind the head.
            if in_ellipse(u, v, 0.0, -0.25, 1.15, 1.35) && v < 0.2 {
                c = Some(hair);
            }
            let r2 = u * u + (v / 1.32) * (v / 1.32);
            if r2 <= 1.0 {
                let mut k = 1.0 - 0.38 * r2 * r2;
                // Hairline.
                if v < -0.72 + 0.12 * u * u {
                    c = Some(hair);
                } else {
                    // Eye sockets, nose side shadow, under-nose and chin shadows.
                    for s in [-1.0f32, 1.0] {
                        if in_ellipse(u, v, s * 0.38, -0.2, 0.3, 0.17) {
                            k *= 0.78;
                        }
                        if (u * s) > 0.09 && (u * s) < 0.2 && v > -0.1 && v < 0.32 {
                            k *= 0.86;
                        }
                    }
                    if u.abs() < 0.06 && v > -0.15 && v < 0.3 {
                        k *= 1.08;
                    }
                    if u.abs() < 0.2 && v > 0.36 && v < 0.44 {
                        k *= 0.82;
                    }
                    if v > 0.95 {
                        k *= 0.85;
                    }
                    let mut col = scale(skin, k);
                    for s in [-1.0f32, 1.0] {
                        if in_ellipse(u, v, s * 0.38, -0.45, 0.26, 0.065) {
                            col = scale(hair, 1.1);
                        }
                        if in_ellipse(u, v, s * 0.38, -0.2, 0.2, 0.085) {
                            col = [232, 230, 226];
                            if in_ellipse(u, v, s * 0.38, -0.2, 0.08, 0.08) {
                                col = [72, 52, 38];
                            }
                            if in_ellipse(u, v, s * 0.38, -0.2, 0.035, 0.035) {
                                col = [12, 10, 10];
                            }
                        }
                        if in_ellipse(u, v, s * 0.1, 0.33, 0.07, 0.04) {
                            col = scale(skin, 0.45);
                        }
                    }
                    if in_ellipse(u, v, 0.0, 0.63, 0.3, 0.08) {
                        col = [170, 84, 84];
                        if in_ellipse(u, v, 0.0, 0.63, 0.28, 0.018) {
                            col = [90, 40, 40];
                        }
                    }
                    c = Some(col);
                }
            }
            if let Some(c) = c {
                px.copy_from_slice(&c);
            }
        },
    );
}

/// Draws `scene` into `rgb` (resized to `w*h*3`); `n` seeds the sensor noise.
pub fn render(
    scene: &Scene,
    width: u32,
    height: u32,
    n: u64,
    rgb: &mut Vec<u8>,
    scratch: &mut Vec<u8>,
) {
    let (w, h) = (width as usize, height as usize);
    rgb.clear();
    rgb.resize(w * h * 3, 0);
    let wf = w as f32;
    let hf = h as f32;
    let light = match scene {
        Scene::Empty => 1.0,
        Scene::Document(d) => d.light,
        Scene::Faces(f) => f.light,
    };
    // Background: a wooden desk for documents, a plain wall for selfies.
    let wall = matches!(scene, Scene::Faces(_));
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) * 3;
            let c = if wall {
                let g = 150.0 + 30.0 * (y as f32 / hf);
                [g as u8, (g * 0.98) as u8, (g * 0.94) as u8]
            } else {
                let grain = ((x as f32 * 0.05 + (y as f32 * 0.013).sin() * 6.0).sin() * 6.0) as i32;
                [(92 + grain) as u8, (70 + grain) as u8, (52 + grain) as u8]
            };
            rgb[i..i + 3].copy_from_slice(&c);
        }
    }
    let mut cv = Canvas {
        w,
        h,
        px: rgb.as_mut_slice(),
    };
    match scene {
        Scene::Empty => {}
        Scene::Faces(f) => {
            for k in 0..f.count {
                let dx = f32::from(k) * f.width * 1.6;
                draw_face(
                    &mut cv,
                    (f.center.0 + dx) * wf,
                    f.center.1 * hf,
                    f.width * wf,
                    u32::from(k),
                );
            }
        }
        Scene::Document(d) => draw_card(&mut cv, d),
    }
    if let Scene::Document(d) = scene {
        let r = (d.motion_blur * wf / 2.0) as usize;
        if r > 0 {
            box_blur_h(rgb, w, h, r, scratch);
        }
        let r = (d.focus_blur * wf) as usize;
        if r > 0 {
            box_blur_h(rgb, w, h, r, scratch);
            box_blur_v(rgb, w, h, r, scratch);
        }
        if d.glare {
            let cw = d.width * wf;
            let (gx, gy, gr) = (
                d.center.0 * wf + cw * 0.12,
                d.center.1 * hf - cw * 0.08,
                cw * 0.2,
            );
            let mut cv = Canvas {
                w,
                h,
                px: rgb.as_mut_slice(),
            };
            cv.each(gx, gy, gr, gr, gr, |u, v, px| {
                let d2 = u * u + v * v;
                if d2 < 1.0 {
                    let add = 400.0 * (1.0 - d2.sqrt());
                    for c in px.iter_mut() {
                        *c = (f32::from(*c) + add).min(255.0) as u8;
                    }
                }
            });
        }
    }
    // Light level and sensor noise.
    let seed = n as u32;
    for (i, c) in rgb.iter_mut().enumerate() {
        let noise = (hash(i as u32, 7, seed) % 7) as f32 - 3.0;
        *c = (f32::from(*c) * light + noise).clamp(0.0, 255.0) as u8;
    }
}

fn draw_card(cv: &mut Canvas<'_>, d: &DocumentScene) {
    let (wf, hf) = (cv.w as f32, cv.h as f32);
    let cw = d.width * wf;
    let ch = cw / CARD_ASPECT;
    let (x0, y0) = (d.center.0 * wf - cw / 2.0, d.center.1 * hf - ch / 2.0);
    let corner = cw * 0.04;
    // Card body with rounded corners.
    cv.each(
        x0 + cw / 2.0,
        y0 + ch / 2.0,
        cw / 2.0,
        ch / 2.0,
        1.0,
        |u, v, px| {
            let ax = (u.abs() - (cw / 2.0 - corner)).max(0.0);
            let ay = (v.abs() - (ch / 2.0 - corner)).max(0.0);
            if ax * ax + ay * ay <= corner * corner {
                px.copy_from_slice(&[226, 230, 234]);
            }
        },
    );
    // Header band and title.
    cv.rect(
        x0 + corner,
        y0 + ch * 0.04,
        x0 + cw - corner,
        y0 + ch * 0.17,
        [70, 110, 170],
    );
    cv.rect(
        x0 + cw * 0.06,
        y0 + ch * 0.08,
        x0 + cw * 0.5,
        y0 + ch * 0.13,
        [235, 240, 248],
    );
    // Portrait.
    let (px0, py0, pw, ph) = (x0 + cw * 0.05, y0 + ch * 0.24, cw * 0.27, ch * 0.5);
    cv.rect(px0, py0, px0 + pw, py0 + ph, [190, 205, 222]);
    {
        let mut sub = Canvas {
            w: cv.w,
            h: cv.h,
            px: cv.px,
        };
        draw_face(&mut sub, px0 + pw / 2.0, py0 + ph * 0.42, pw * 0.5, 1);
    }
    // Clip anything the face drew below the portrait box back to the card colour.
    cv.rect(
        px0 - 1.0,
        py0 + ph,
        px0 + pw + 1.0,
        py0 + ph + ch * 0.2,
        [226, 230, 234],
    );
    cv.rect(px0 - pw * 0.5, py0, px0, py0 + ph, [226, 230, 234]);
    cv.rect(px0 + pw, py0, px0 + pw * 1.4, py0 + ph, [226, 230, 234]);
    // Text lines: labels (small) and values (bold), like a licence.
    for row in 0..6 {
        let ty = y0 + ch * (0.25 + row as f32 * 0.085);
        let len = 0.25 + (hash(row, 3, 1) % 30) as f32 / 100.0;
        let mut tx = x0 + cw * 0.38;
        let end = tx + cw * len;
        let mut k = 0;
        while tx < end {
            let gw = cw * (0.008 + (hash(row, k, 2) % 10) as f32 / 1000.0);
            cv.rect(tx, ty, tx + gw, ty + ch * 0.045, [35, 38, 45]);
            tx += gw
                + cw * 0.006
                + if hash(row, k, 5) % 6 == 0 {
                    cw * 0.012
                } else {
                    0.0
                };
            k += 1;
        }
    }
    // A barcode-like strip (PDF417-ish bars).
    let (bx0, by0, by1) = (x0 + cw * 0.38, y0 + ch * 0.8, y0 + ch * 0.93);
    let mut bx = bx0;
    let mut k = 0;
    while bx < x0 + cw * 0.94 {
        let bw = cw * 0.0025 * (1 + hash(k, 9, 4) % 4) as f32;
        if k % 2 == 0 {
            cv.rect(bx, by0, bx + bw, by1, [20, 20, 24]);
        }
        bx += bw;
        k += 1;
    }
}

fn box_blur_h(rgb: &mut [u8], w: usize, h: usize, r: usize, scratch: &mut Vec<u8>) {
    scratch.clear();
    scratch.extend_from_slice(rgb);
    let n = (2 * r + 1) as u32;
    for y in 0..h {
        let row = &scratch[y * w * 3..(y + 1) * w * 3];
        for c in 0..3 {
            let at = |x: isize| u32::from(row[(x.clamp(0, w as isize - 1) as usize) * 3 + c]);
            let mut s: u32 = (-(r as isize)..=r as isize).map(at).sum();
            for x in 0..w {
                rgb[(y * w + x) * 3 + c] = (s / n) as u8;
                s = s + at(x as isize + r as isize + 1) - at(x as isize - r as isize);
            }
        }
    }
}

fn box_blur_v(rgb: &mut [u8], w: usize, h: usize, r: usize, scratch: &mut Vec<u8>) {
    scratch.clear();
    scratch.extend_from_slice(rgb);
    let n = (2 * r + 1) as u32;
    for x in 0..w {
        for c in 0..3 {
            let at = |y: isize| {
                u32::from(scratch[(y.clamp(0, h as isize - 1) as usize * w + x) * 3 + c])
            };
            let mut s: u32 = (-(r as isize)..=r as isize).map(at).sum();
            for y in 0..h {
                rgb[(y * w + x) * 3 + c] = (s / n) as u8;
                s = s + at(y as isize + r as isize + 1) - at(y as isize - r as isize);
            }
        }
    }
}
