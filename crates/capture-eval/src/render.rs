//! Drawing one capture the way a webcam over a desk would deliver it: a desk surface, the card
//! placed by a pinhole camera (position, distance, roll, tilt), its soft shadow, uneven light
//! and auto-exposure, specular glare, focus and motion blur, sensor noise, and MJPEG at a given
//! quality. Every capture is two frames, so that steadiness is measured as the camera would:
//! a steady card differs only by sensor noise, a moving one has moved.

use document::synth;
use image::{imageops, RgbaImage};
use imageproc::geometric_transformations::Projection;

use crate::cards::rounded_rect_distance;
use crate::error::EvalError;
use crate::rng::{hash01, value_noise};

/// The frame the set's geometry is laid out in (poses, blur, motion are in its pixels); a
/// capture is drawn at any 16:9 [`FrameSize`] by scaling it.
pub const FRAME_WIDTH: u32 = 1280;
/// See [`FRAME_WIDTH`].
pub const FRAME_HEIGHT: u32 = 720;

/// The size the captures are drawn at: the webcam's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameSize {
    pub width: u32,
    pub height: u32,
}

impl FrameSize {
    pub const P720: FrameSize = FrameSize {
        width: 1280,
        height: 720,
    };
    pub const P1080: FrameSize = FrameSize {
        width: 1920,
        height: 1080,
    };

    /// Pixels of this size per pixel of the layout frame.
    fn scale(self) -> f32 {
        self.width as f32 / FRAME_WIDTH as f32
    }
}
/// Focal length in frame widths: about a 58° horizontal field of view, like a desk webcam.
const FOCAL: f32 = 0.9;

/// What the card lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Surface {
    LightWood,
    MediumWood,
    /// A dark laminate.
    Dark,
    /// A desk mat with tiles, stripes or dots.
    Patterned,
}

impl Surface {
    pub const ALL: [Surface; 4] = [
        Surface::LightWood,
        Surface::MediumWood,
        Surface::Dark,
        Surface::Patterned,
    ];
}

/// Where the card is, seen by the camera.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// Card centre, in fractions of the frame's width and height.
    pub center: (f32, f32),
    /// The card's width as a fraction of the frame's width, were it square to the camera at the
    /// frame's centre (so: its distance).
    pub width: f32,
    /// Rotation in the desk's plane, degrees.
    pub roll: f32,
    /// Tilt towards or away from the camera about the card's horizontal axis, degrees.
    pub pitch: f32,
    /// Tilt about the card's vertical axis, degrees.
    pub yaw: f32,
}

impl Pose {
    /// The card's corners in frame pixels: top left, top right, bottom right, bottom left of
    /// the card's design.
    pub fn corners(&self) -> [(f32, f32); 4] {
        self.corners_for(crate::CARD_ASPECT)
    }

    /// [`Pose::corners`] of a document `aspect` times as wide as high (a passport's data
    /// page is 125 × 88 mm).
    pub fn corners_for(&self, aspect: f32) -> [(f32, f32); 4] {
        let (fw, fh) = (FRAME_WIDTH as f32, FRAME_HEIGHT as f32);
        let focal = FOCAL * fw;
        let ch = 1.0 / aspect;
        let z = focal / (self.width * fw);
        let x = (self.center.0 - 0.5) * fw * z / focal;
        let y = (self.center.1 - 0.5) * fh * z / focal;
        let (sr, cr) = self.roll.to_radians().sin_cos();
        let (sp, cp) = self.pitch.to_radians().sin_cos();
        let (sy, cy) = self.yaw.to_radians().sin_cos();
        [
            (-0.5, -ch / 2.0),
            (0.5, -ch / 2.0),
            (0.5, ch / 2.0),
            (-0.5, ch / 2.0),
        ]
        .map(|(u, v)| {
            // Roll in the card's plane, then pitch (about x), then yaw (about y).
            let (u, v) = (u * cr - v * sr, u * sr + v * cr);
            let (py, pz) = (v * cp, v * sp);
            let (px, pz) = (u * cy + pz * sy, -u * sy + pz * cy);
            let (px, py, pz) = (px + x, py + y, pz + z);
            (focal * px / pz + fw / 2.0, focal * py / pz + fh / 2.0)
        })
    }
}

/// A specular reflection of a lamp in the card's laminate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glare {
    /// Centre on the card, in fractions of its width and height.
    pub at: (f32, f32),
    /// Radius of the saturated core, in card widths.
    pub radius: f32,
    /// Minor over major axis of the ellipse (0–1].
    pub aspect: f32,
    /// Orientation of the major axis, radians.
    pub angle: f32,
    /// The broad, unsaturated sheen around the core, in luma levels at its peak.
    pub sheen: f32,
}

/// The camera's side of a capture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optics {
    /// The mean luma the auto-exposure aims at.
    pub exposure_target: f32,
    /// The room's light: 1 for an office; a few hundredths for a room so dark that the
    /// auto-exposure's most gain leaves the picture dim.
    pub light: f32,
    /// Out-of-focus blur, Gaussian sigma in frame pixels.
    pub focus_blur: f32,
    /// How far the card moves during one frame, frame pixels (blur and displacement).
    pub motion: (f32, f32),
    /// Sensor noise, standard deviation in luma levels.
    pub noise: f32,
    pub jpeg_quality: u8,
}

/// A document capture: the card (or none: an empty desk) and everything around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocumentScene {
    pub surface: Surface,
    pub pose: Pose,
    /// The document's width over its height ([`crate::CARD_ASPECT`] for ID-1 cards).
    pub aspect: f32,
    pub glare: Option<Glare>,
    pub optics: Optics,
    pub seed: u32,
}

/// Behind the person taking a selfie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backdrop {
    Wall,
    Office,
    DarkWall,
}

/// A selfie capture: one person (or nobody) in front of a backdrop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelfieScene {
    /// Head centre in frame fractions, and face width as a fraction of the frame's width.
    pub person: Option<((f32, f32), f32)>,
    pub backdrop: Backdrop,
    pub optics: Optics,
    pub seed: u32,
}

/// Two MJPEG frames in a row, as the camera delivered them.
pub struct Capture {
    pub frames: [Vec<u8>; 2],
    pub size: FrameSize,
    /// The card's corners in the first frame (none for an empty desk or a selfie).
    pub corners: Option<[(f32, f32); 4]>,
}

/// Linear RGB radiance of a frame, in luma-like units (255 = what the sensor saturates at).
struct Radiance {
    w: usize,
    h: usize,
    rgb: Vec<f32>,
}

/// The card drawn into the frame: premultiplied RGB and coverage, inside a box.
struct Layer {
    x0: i32,
    y0: i32,
    w: usize,
    h: usize,
    /// r, g, b (premultiplied), alpha.
    px: Vec<[f32; 4]>,
}

impl Layer {
    fn alpha_at(&self, x: i32, y: i32) -> f32 {
        let (lx, ly) = (x - self.x0, y - self.y0);
        if lx < 0 || ly < 0 || lx >= self.w as i32 || ly >= self.h as i32 {
            0.0
        } else {
            self.px[ly as usize * self.w + lx as usize][3]
        }
    }
}

/// Renders a document capture of `card` (none: the empty desk).
pub fn render_document(
    scene: &DocumentScene,
    card: Option<&RgbaImage>,
    size: FrameSize,
) -> Result<Capture, EvalError> {
    let (w, h) = (size.width as usize, size.height as usize);
    let k = size.scale();
    let desk = desk(scene.surface, scene.seed, w, h, k);
    let moving = scene.optics.motion != (0.0, 0.0);
    let motion = (scene.optics.motion.0 * k, scene.optics.motion.1 * k);
    let corners0 = card.map(|_| {
        scene
            .pose
            .corners_for(scene.aspect)
            .map(|(x, y)| (x * k, y * k))
    });
    let mut frames: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut gain = None;
    let mut steady: Option<Radiance> = None;
    for (i, out) in frames.iter_mut().enumerate() {
        let radiance = match &steady {
            Some(r) if !moving => Radiance {
                w,
                h,
                rgb: r.rgb.clone(),
            },
            _ => {
                let mut r = Radiance {
                    w,
                    h,
                    rgb: desk.clone(),
                };
                let mut layer = None;
                if let (Some(card), Some(corners)) = (card, corners0) {
                    let shift = (motion.0 * i as f32, motion.1 * i as f32);
                    let corners = corners.map(|(x, y)| (x + shift.0, y + shift.1));
                    let mut l = card_layer(card, corners, w, h)?;
                    if moving {
                        l = motion_blur(&l, motion, w, h);
                    }
                    shadow(&mut r, &l);
                    composite(&mut r, &l);
                    layer = Some((l, corners));
                }
                light(&mut r, scene.seed);
                let g = *gain.get_or_insert_with(|| auto_exposure(&r, &scene.optics));
                for v in &mut r.rgb {
                    *v *= g;
                }
                if let (Some(glare), Some((l, corners)), Some(card)) = (scene.glare, &layer, card) {
                    add_glare(&mut r, l, *corners, glare, card.dimensions())?;
                }
                if scene.optics.focus_blur * k > 0.3 {
                    gaussian_blur(&mut r, scene.optics.focus_blur * k);
                }
                if !moving {
                    steady = Some(Radiance {
                        w,
                        h,
                        rgb: r.rgb.clone(),
                    });
                }
                r
            }
        };
        encode(
            &radiance,
            &scene.optics,
            scene.seed.wrapping_add(i as u32 * 7919),
            out,
        )?;
    }
    Ok(Capture {
        frames,
        size,
        corners: corners0,
    })
}

/// Renders a selfie capture.
pub fn render_selfie(scene: &SelfieScene, size: FrameSize) -> Result<Capture, EvalError> {
    let (w, h) = (size.width as usize, size.height as usize);
    let k = size.scale();
    let mut r = Radiance {
        w,
        h,
        rgb: backdrop(scene.backdrop, scene.seed, w, h, k),
    };
    if let Some(((cx, cy), face_width)) = scene.person {
        // The synthetic person's face is 0.66 of the picture's width wide, its head centred at
        // 45 % of its height.
        let pw = (face_width * w as f32 / 0.66).round().max(8.0) as u32;
        let ph = (pw as f32 * 1.27) as u32;
        let person = synth::synthetic_person(pw, ph);
        let x0 = (cx * w as f32 - pw as f32 / 2.0) as i32;
        let y0 = (cy * h as f32 - ph as f32 * 0.45) as i32;
        for (px, py, p) in person.enumerate_pixels() {
            let (x, y) = (x0 + px as i32, y0 + py as i32);
            if x < 0 || y < 0 || x >= w as i32 || y >= h as i32 || p.0[3] == 0 {
                continue;
            }
            let a = f32::from(p.0[3]) / 255.0;
            let i = (y as usize * w + x as usize) * 3;
            for c in 0..3 {
                r.rgb[i + c] = r.rgb[i + c] * (1.0 - a) + f32::from(p.0[c]) * a;
            }
        }
    }
    light(&mut r, scene.seed);
    let g = auto_exposure(&r, &scene.optics);
    for v in &mut r.rgb {
        *v *= g;
    }
    if scene.optics.focus_blur * k > 0.3 {
        gaussian_blur(&mut r, scene.optics.focus_blur * k);
    }
    let mut frames: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    for (i, out) in frames.iter_mut().enumerate() {
        encode(
            &r,
            &scene.optics,
            scene.seed.wrapping_add(i as u32 * 7919),
            out,
        )?;
    }
    Ok(Capture {
        frames,
        size,
        corners: None,
    })
}

// ---- the card ---------------------------------------------------------------------------------

/// The rounded corners' radius of a document drawn `width` pixels wide (ID-1: 3.18 mm of
/// 85.6 mm).
fn corner_radius(width: f32) -> f32 {
    width * 0.037
}

/// Draws `card` into the frame with the corners given (perspective), anti-aliased at its edges.
/// A card much smaller in the frame than drawn is sampled from a reduced copy, as optics would.
fn card_layer(
    card: &RgbaImage,
    corners: [(f32, f32); 4],
    w: usize,
    h: usize,
) -> Result<Layer, EvalError> {
    let (cw, ch) = (card.width() as f32, card.height() as f32);
    let design = [(0.0, 0.0), (cw, 0.0), (cw, ch), (0.0, ch)];
    let to_image =
        Projection::from_control_points(design, corners).ok_or(EvalError::DegeneratePose)?;
    let to_design = to_image.invert();
    let dist = |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    // Frame pixels per design pixel.
    let scale = (dist(corners[0], corners[1]) + dist(corners[3], corners[2])) / 2.0 / cw;
    let reduced;
    let (src, k) = if scale < 0.7 {
        let rw = ((cw * scale * 1.4).ceil() as u32).max(16);
        let rh = ((ch * scale * 1.4).ceil() as u32).max(10);
        reduced = imageops::resize(card, rw, rh, imageops::FilterType::Triangle);
        (&reduced, rw as f32 / cw)
    } else {
        (card, 1.0)
    };
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    let min = |v: [f32; 4]| v.iter().copied().fold(f32::INFINITY, f32::min);
    let max = |v: [f32; 4]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let x0 = (min(xs).floor() as i32 - 2).clamp(0, w as i32);
    let x1 = (max(xs).ceil() as i32 + 2).clamp(0, w as i32);
    let y0 = (min(ys).floor() as i32 - 2).clamp(0, h as i32);
    let y1 = (max(ys).ceil() as i32 + 2).clamp(0, h as i32);
    let (lw, lh) = ((x1 - x0).max(0) as usize, (y1 - y0).max(0) as usize);
    let mut px = vec![[0.0f32; 4]; lw * lh];
    let (sw, sh) = (src.width() as i32, src.height() as i32);
    let raw = src.as_raw();
    for ly in 0..lh {
        for lx in 0..lw {
            let (x, y) = (x0 as f32 + lx as f32 + 0.5, y0 as f32 + ly as f32 + 0.5);
            let (u, v) = to_design * (x, y);
            let d = rounded_rect_distance(u, v, cw, ch, corner_radius(cw)) * scale;
            let coverage = (0.5 - d).clamp(0.0, 1.0);
            if coverage <= 0.0 {
                continue;
            }
            // Bilinear sample of the (possibly reduced) design.
            let (su, sv) = (u * k - 0.5, v * k - 0.5);
            let (iu, iv) = (su.floor(), sv.floor());
            let (fu, fv) = (su - iu, sv - iv);
            let at = |dx: i32, dy: i32, c: usize| {
                let xx = (iu as i32 + dx).clamp(0, sw - 1);
                let yy = (iv as i32 + dy).clamp(0, sh - 1);
                f32::from(raw[(yy * sw + xx) as usize * 4 + c])
            };
            let mut out = [0.0f32; 4];
            for (c, o) in out.iter_mut().take(3).enumerate() {
                let top = at(0, 0, c) * (1.0 - fu) + at(1, 0, c) * fu;
                let bottom = at(0, 1, c) * (1.0 - fu) + at(1, 1, c) * fu;
                *o = (top * (1.0 - fv) + bottom * fv) * coverage;
            }
            out[3] = coverage;
            px[ly * lw + lx] = out;
        }
    }
    Ok(Layer {
        x0,
        y0,
        w: lw,
        h: lh,
        px,
    })
}

/// The card smeared along its motion during the exposure.
fn motion_blur(layer: &Layer, motion: (f32, f32), w: usize, h: usize) -> Layer {
    let (mx, my) = motion;
    let len = (mx * mx + my * my).sqrt();
    let steps = (len.ceil() as usize + 1).clamp(2, 64);
    let pad_x = (mx.abs() / 2.0).ceil() as i32 + 1;
    let pad_y = (my.abs() / 2.0).ceil() as i32 + 1;
    let x0 = (layer.x0 - pad_x).max(0);
    let y0 = (layer.y0 - pad_y).max(0);
    let x1 = (layer.x0 + layer.w as i32 + pad_x).min(w as i32);
    let y1 = (layer.y0 + layer.h as i32 + pad_y).min(h as i32);
    let (bw, bh) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let mut px = vec![[0.0f32; 4]; bw * bh];
    let weight = 1.0 / steps as f32;
    for s in 0..steps {
        let t = s as f32 / (steps - 1) as f32 - 0.5;
        let (dx, dy) = ((mx * t).round() as i32, (my * t).round() as i32);
        for ly in 0..layer.h {
            let y = layer.y0 + ly as i32 + dy - y0;
            if y < 0 || y >= bh as i32 {
                continue;
            }
            for lx in 0..layer.w {
                let x = layer.x0 + lx as i32 + dx - x0;
                if x < 0 || x >= bw as i32 {
                    continue;
                }
                let src = layer.px[ly * layer.w + lx];
                let dst = &mut px[y as usize * bw + x as usize];
                for c in 0..4 {
                    dst[c] += src[c] * weight;
                }
            }
        }
    }
    Layer {
        x0,
        y0,
        w: bw,
        h: bh,
        px,
    }
}

/// The card's soft shadow on the desk, cast by a lamp above and behind the camera.
fn shadow(r: &mut Radiance, layer: &Layer) {
    let size = (layer.w.max(layer.h) as f32).max(1.0);
    let (dx, dy) = ((size * 0.006).round() as i32, (size * 0.01).round() as i32);
    let radius = (size * 0.012).round().max(1.0) as usize;
    let mut alpha: Vec<f32> = layer.px.iter().map(|p| p[3]).collect();
    box_blur_plane(&mut alpha, layer.w, layer.h, radius);
    box_blur_plane(&mut alpha, layer.w, layer.h, radius);
    for ly in 0..layer.h {
        let y = layer.y0 + ly as i32 + dy;
        if y < 0 || y >= r.h as i32 {
            continue;
        }
        for lx in 0..layer.w {
            let x = layer.x0 + lx as i32 + dx;
            if x < 0 || x >= r.w as i32 {
                continue;
            }
            let k = 1.0 - 0.35 * alpha[ly * layer.w + lx];
            let i = (y as usize * r.w + x as usize) * 3;
            for c in 0..3 {
                r.rgb[i + c] *= k;
            }
        }
    }
}

fn composite(r: &mut Radiance, layer: &Layer) {
    for ly in 0..layer.h {
        let y = layer.y0 as usize + ly;
        for lx in 0..layer.w {
            let p = layer.px[ly * layer.w + lx];
            if p[3] <= 0.0 {
                continue;
            }
            let i = (y * r.w + layer.x0 as usize + lx) * 3;
            for c in 0..3 {
                r.rgb[i + c] = r.rgb[i + c] * (1.0 - p[3]) + p[c];
            }
        }
    }
}

/// Adds the lamp's reflection: a saturated core with a soft edge and a broad sheen, only where
/// the card is (the laminate reflects, the desk here does not).
fn add_glare(
    r: &mut Radiance,
    layer: &Layer,
    corners: [(f32, f32); 4],
    glare: Glare,
    (card_width, card_height): (u32, u32),
) -> Result<(), EvalError> {
    let (cw, ch) = (card_width as f32, card_height as f32);
    let design = [(0.0, 0.0), (cw, 0.0), (cw, ch), (0.0, ch)];
    let to_image =
        Projection::from_control_points(design, corners).ok_or(EvalError::DegeneratePose)?;
    let (gx, gy) = to_image * (glare.at.0 * cw, glare.at.1 * ch);
    let card_px =
        ((corners[1].0 - corners[0].0).powi(2) + (corners[1].1 - corners[0].1).powi(2)).sqrt();
    let major = (glare.radius * card_px).max(1.0);
    let minor = major * glare.aspect.clamp(0.2, 1.0);
    let (sa, ca) = glare.angle.sin_cos();
    let reach = (major * 3.0) as i32;
    for y in (gy as i32 - reach).max(0)..(gy as i32 + reach).min(r.h as i32) {
        for x in (gx as i32 - reach).max(0)..(gx as i32 + reach).min(r.w as i32) {
            let a = layer.alpha_at(x, y);
            if a <= 0.0 {
                continue;
            }
            let (dx, dy) = (x as f32 + 0.5 - gx, y as f32 + 0.5 - gy);
            let (u, v) = (dx * ca + dy * sa, -dx * sa + dy * ca);
            let d = ((u / major).powi(2) + (v / minor).powi(2)).sqrt();
            let core = smoothstep(1.25, 0.75, d);
            let add = a * (330.0 * core + glare.sheen * (-(d / 2.2).powi(2)).exp());
            let i = (y as usize * r.w + x as usize) * 3;
            for c in 0..3 {
                r.rgb[i + c] += add;
            }
        }
    }
    Ok(())
}

fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

// ---- light, camera, encoding ------------------------------------------------------------------

/// Uneven light: a gentle gradient across the desk and the lens's vignetting.
fn light(r: &mut Radiance, seed: u32) {
    let gx = (hash01(1, 2, seed) - 0.5) * 0.3;
    let gy = (hash01(3, 4, seed) - 0.5) * 0.3;
    let vignette = 0.1 + hash01(5, 6, seed) * 0.15;
    let (wf, hf) = (r.w as f32, r.h as f32);
    for y in 0..r.h {
        let ny = y as f32 / hf - 0.5;
        for x in 0..r.w {
            let nx = x as f32 / wf - 0.5;
            let k = (1.0 + gx * nx * 2.0 + gy * ny * 2.0)
                * (1.0 - vignette * (nx * nx + ny * ny) * 2.0);
            let i = (y * r.w + x) * 3;
            for c in 0..3 {
                r.rgb[i + c] *= k;
            }
        }
    }
}

/// The gain an auto-exposure settles on, the room's light included: the frame's mean luma at
/// the target, within the range a webcam's exposure and gain cover (0.4–4×).
fn auto_exposure(r: &Radiance, optics: &Optics) -> f32 {
    let (mut sum, mut n) = (0.0f64, 0u32);
    for p in r.rgb.chunks_exact(3).step_by(7) {
        sum += f64::from(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]);
        n += 1;
    }
    let mean = (sum / f64::from(n.max(1))) as f32;
    // The room's light reaches the sensor first; the gain makes up for it only so far.
    let dimmed = (mean * optics.light).max(0.01);
    (optics.exposure_target / dimmed).clamp(0.4, 4.0) * optics.light
}

/// Gaussian blur approximated by three box blurs per axis.
fn gaussian_blur(r: &mut Radiance, sigma: f32) {
    let radius = box_radius(sigma);
    let mut plane = vec![0.0f32; r.w * r.h];
    for c in 0..3 {
        for (p, v) in plane.iter_mut().zip(r.rgb.iter().skip(c).step_by(3)) {
            *p = *v;
        }
        for _ in 0..3 {
            box_blur_plane(&mut plane, r.w, r.h, radius);
        }
        for (v, p) in r.rgb.iter_mut().skip(c).step_by(3).zip(&plane) {
            *v = *p;
        }
    }
}

/// The box radius whose three passes have about the variance of a Gaussian of `sigma`.
fn box_radius(sigma: f32) -> usize {
    // Three passes of width 2r+1 have variance 3 * ((2r+1)^2 - 1) / 12.
    (((4.0 * sigma * sigma + 1.0).sqrt() - 1.0) / 2.0)
        .round()
        .max(1.0) as usize
}

/// One horizontal and one vertical running-mean pass (edges clamped).
fn box_blur_plane(plane: &mut [f32], w: usize, h: usize, radius: usize) {
    if w == 0 || h == 0 || radius == 0 {
        return;
    }
    let n = (2 * radius + 1) as f32;
    let mut line = vec![0.0f32; w.max(h)];
    for y in 0..h {
        let row = &mut plane[y * w..(y + 1) * w];
        line[..w].copy_from_slice(row);
        let at = |i: isize| line[i.clamp(0, w as isize - 1) as usize];
        let mut s: f32 = (-(radius as isize)..=radius as isize).map(at).sum();
        for (x, out) in row.iter_mut().enumerate() {
            *out = s / n;
            s += at(x as isize + radius as isize + 1) - at(x as isize - radius as isize);
        }
    }
    for x in 0..w {
        for y in 0..h {
            line[y] = plane[y * w + x];
        }
        let at = |i: isize| line[i.clamp(0, h as isize - 1) as usize];
        let mut s: f32 = (-(radius as isize)..=radius as isize).map(at).sum();
        for y in 0..h {
            plane[y * w + x] = s / n;
            s += at(y as isize + radius as isize + 1) - at(y as isize - radius as isize);
        }
    }
}

/// Sensor noise, clipping at the sensor's white, 8 bits, then MJPEG.
fn encode(r: &Radiance, optics: &Optics, seed: u32, out: &mut Vec<u8>) -> Result<(), EvalError> {
    let mut rgb = vec![0u8; r.w * r.h * 3];
    for (i, (o, v)) in rgb.iter_mut().zip(&r.rgb).enumerate() {
        let i = i as u32;
        // The sum of three uniforms, scaled to unit variance: close enough to Gaussian.
        let g = (hash01(i, 1, seed) + hash01(i, 2, seed) + hash01(i, 3, seed) - 1.5) * 2.0;
        *o = (v + g * optics.noise).round().clamp(0.0, 255.0) as u8;
    }
    camera::decode::encode_jpeg(&rgb, r.w as u32, r.h as u32, optics.jpeg_quality, out)?;
    Ok(())
}

// ---- surfaces -------------------------------------------------------------------------------

fn desk(surface: Surface, seed: u32, w: usize, h: usize, k: f32) -> Vec<f32> {
    let mut rgb = vec![0.0f32; w * h * 3];
    let tone = 0.92 + hash01(9, 9, seed) * 0.14;
    let angle = (hash01(7, 7, seed) - 0.5) * 0.5;
    let (sa, ca) = angle.sin_cos();
    let pattern = (hash01(8, 8, seed) * 3.0) as u32;
    let period = 36.0 + hash01(6, 6, seed) * 34.0;
    for y in 0..h {
        for x in 0..w {
            // Texture in layout pixels, so a desk looks the same at every size.
            let (xf, yf) = (x as f32 / k, y as f32 / k);
            let c: [f32; 3] = match surface {
                Surface::LightWood | Surface::MediumWood => {
                    let base = if surface == Surface::LightWood {
                        [196.0, 160.0, 118.0]
                    } else {
                        [150.0, 104.0, 70.0]
                    };
                    let along = xf * ca + yf * sa;
                    let across = -xf * sa + yf * ca;
                    let rings = (across * 0.11
                        + 2.5 * value_noise(along, across, 180.0, seed)
                        + 1.5 * value_noise(along, across * 4.0, 60.0, seed + 1))
                    .sin();
                    let fibres = value_noise(along * 0.05, across, 3.0, seed + 2);
                    let seam = if (across.rem_euclid(230.0)) < 2.0 {
                        0.7
                    } else {
                        1.0
                    };
                    let k = (1.0 + 0.07 * rings + 0.04 * fibres) * seam * tone;
                    base.map(|b| b * k)
                }
                Surface::Dark => {
                    let k = (1.0
                        + 0.12 * (hash01(x as u32, y as u32, seed) - 0.5)
                        + 0.06 * value_noise(xf, yf, 40.0, seed))
                        * tone;
                    [30.0 * k, 31.0 * k, 35.0 * k]
                }
                Surface::Patterned => {
                    let (u, v) = (xf * ca + yf * sa, -xf * sa + yf * ca);
                    let t = match pattern {
                        // Tiles.
                        0 => ((u / period).floor() + (v / period).floor()).rem_euclid(2.0),
                        // Stripes.
                        1 => ((u + v) / period).floor().rem_euclid(2.0),
                        // Dots.
                        _ => {
                            let (fu, fv) = (
                                (u / period).rem_euclid(1.0) - 0.5,
                                (v / period).rem_euclid(1.0) - 0.5,
                            );
                            if fu * fu + fv * fv < 0.06 {
                                1.0
                            } else {
                                0.0
                            }
                        }
                    };
                    let (a, b) = match pattern {
                        0 => ([150.0, 152.0, 162.0], [96.0, 102.0, 118.0]),
                        1 => ([162.0, 142.0, 120.0], [104.0, 92.0, 82.0]),
                        _ => ([142.0, 152.0, 142.0], [84.0, 94.0, 88.0]),
                    };
                    let k = (1.0 + 0.03 * (hash01(x as u32, y as u32, seed) - 0.5)) * tone;
                    [0, 1, 2].map(|i| (a[i] * (1.0 - t) + b[i] * t) * k)
                }
            };
            rgb[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&c);
        }
    }
    rgb
}

fn backdrop(backdrop: Backdrop, seed: u32, w: usize, h: usize, k: f32) -> Vec<f32> {
    let mut rgb = vec![0.0f32; w * h * 3];
    let (w, h) = (w, h);
    for y in 0..h {
        for x in 0..w {
            let (xf, yf) = (x as f32 / k, y as f32 / k);
            let texture = 1.0 + 0.03 * value_noise(xf, yf, 25.0, seed);
            let grade = 1.0 - 0.12 * y as f32 / h as f32;
            let mut c = match backdrop {
                Backdrop::Wall => [204.0, 198.0, 188.0],
                Backdrop::Office => [184.0, 190.0, 198.0],
                Backdrop::DarkWall => [98.0, 94.0, 90.0],
            };
            if backdrop == Backdrop::Office {
                // A bookshelf on the left: shelves and spines of many colours.
                let shelf_x = x < w * 28 / 100;
                if shelf_x {
                    let row = (yf / 120.0) as u32;
                    let in_row = yf.rem_euclid(120.0);
                    c = if in_row < 10.0 {
                        [120.0, 90.0, 60.0]
                    } else {
                        let spine = (xf / 18.0) as u32;
                        let hue = hash01(spine, row, seed);
                        let v = 60.0 + hash01(spine, row + 99, seed) * 120.0;
                        [
                            v * (0.6 + hue * 0.6),
                            v * (1.0 - hue * 0.4),
                            v * (0.5 + hue * 0.3),
                        ]
                    };
                }
            }
            let k = texture * grade;
            rgb[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&c.map(|v| v * k));
        }
    }
    rgb
}
