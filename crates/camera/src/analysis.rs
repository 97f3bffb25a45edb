//! Quality analysis on a decimated luma frame, the instruction it maps to, and auto-capture.

use crate::card::{self, CardOutline, CardScratch};
use crate::decode::{Decimator, LumaImage};
use crate::error::CameraError;
use crate::frame::Frame;
use crate::synthetic::CARD_ASPECT;

/// Which capture step the frames are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaptureKind {
    /// Front or back of a document card.
    Document,
    Selfie,
}

/// The one instruction shown for a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instruction {
    PlaceDocument,
    MoveCloser,
    HoldStill,
    ReduceGlare,
    MoreLight,
    FaceCamera,
    LooksGood,
}

impl Instruction {
    /// A short English sentence for the screen.
    pub fn message(self) -> &'static str {
        match self {
            Self::PlaceDocument => "Place your document inside the frame",
            Self::MoveCloser => "Move closer",
            Self::HoldStill => "Hold still",
            Self::ReduceGlare => "Reduce glare",
            Self::MoreLight => "More light",
            Self::FaceCamera => "Face the camera",
            Self::LooksGood => "Looks good — hold it there",
        }
    }
}

/// A rectangle in decimated-frame pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

/// The measurements behind an instruction (no pixels).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    /// How bright the brightest parts are: the 95th-percentile luma (0–255) of the card once
    /// one is found (of the whole frame before that, and for selfies). A dim room leaves even
    /// white paper and light print grey; a dark card on a dark desk in good light does not.
    pub brightness: f32,
    /// Documents: the card's sharpness ([`card::sharpness`], about 1 when crisp). Selfies: the
    /// variance of the Laplacian inside the face.
    pub sharpness: f32,
    /// Fraction of the card under specular highlights ([`card::specular_glare`]).
    pub glare: f32,
    /// Mean absolute luma change against the previous analysed frame (inside the guide).
    pub motion: f32,
    /// The card's (or face's) axis-aligned bounding box.
    pub document: Option<Rect>,
    /// Where the card lies, as an oriented rectangle.
    pub card: Option<CardOutline>,
    /// Card length or face width over guide width (faces: over frame width).
    pub fill: f32,
    pub faces: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Analysis {
    pub instruction: Instruction,
    pub metrics: Metrics,
}

impl Analysis {
    pub fn is_good(&self) -> bool {
        self.instruction == Instruction::LooksGood
    }
}

/// Thresholds, for a 320-px-wide luma frame. The document defaults were set on the capture
/// evaluation set's development seed (`crates/capture-eval`), the selfie ones on the synthetic
/// scenes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Minimum [`Metrics::brightness`] of a card.
    pub min_brightness: f32,
    /// Minimum [`Metrics::brightness`] of a whole frame (a selfie; a desk before any card is
    /// found).
    pub min_scene_brightness: f32,
    /// Minimum card sharpness ([`card::sharpness`]).
    pub min_sharpness: f32,
    /// Maximum share of the card under specular highlights.
    pub max_glare: f32,
    pub max_motion: f32,
    /// Minimum card length over guide width.
    pub min_fill: f32,
    /// Maximum distance of the document/face centre from the guide centre, in frame widths.
    pub max_offset: f32,
    /// Minimum face width over frame width.
    pub min_face: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            min_brightness: 115.0,
            min_scene_brightness: 70.0,
            min_sharpness: 0.2,
            max_glare: 0.0,
            max_motion: 4.0,
            min_fill: 0.72,
            max_offset: 0.12,
            min_face: 0.18,
        }
    }
}

/// Width of the decimated frame analysis runs on.
pub const ANALYSIS_WIDTH: u32 = 320;

/// The guide frame for a document, in fractions of the frame: centred, ID-1 shaped, 75% wide.
pub fn document_guide(width: u32, height: u32) -> Rect {
    let gw = (width as f32 * 0.75).min(height as f32 * 0.9 * CARD_ASPECT);
    let gh = gw / CARD_ASPECT;
    Rect {
        x: ((width as f32 - gw) / 2.0) as u32,
        y: ((height as f32 - gh) / 2.0) as u32,
        w: gw as u32,
        h: gh as u32,
    }
}

/// Analyses frames for one capture step at a time; keeps the previous frame (for steadiness),
/// the face detector and all buffers between frames.
pub struct Analyzer {
    thresholds: Thresholds,
    decimator: Decimator,
    current: LumaImage,
    previous: LumaImage,
    has_previous: bool,
    /// Not `Send` (rustface's trait object is not): an analyser lives on the thread that
    /// made it, which is how the camera's analysis thread uses it.
    detector: Box<dyn rustface::Detector>,
    /// The faces last found, and how many steady frames they have stood for since.
    faces: Option<(Vec<rustface::FaceInfo>, u32)>,
    detections: u64,
    /// Detections that looked only near the last face (see [`FACE_TRACK_MARGIN`]).
    local_detections: u64,
    /// Local searches since the detector last looked at the whole frame.
    local_run: u32,
    /// The scaled crop around the last face the local search runs on.
    crop: LumaImage,
    card: CardScratch,
}

/// Face detection is most of a selfie verdict's cost (about 15 ms on the 320-px frame here).
/// While the picture stays steady the faces found stand for this many further frames; any
/// movement or a new step makes the detector look again.
pub const FACE_REUSE_FRAMES: u32 = 3;

/// While one face is followed, the detector looks only around where it last was: a window
/// this many face widths wider on every side (a face moves less than half its width between
/// two analysed frames), scaled down so that the face is [`TRACK_FACE_SIZE`] pixels wide.
/// That is a sixth of the pixels, and about a fifth of the time, of the whole 320-px frame.
/// No face there (it moved further, or left) and the whole frame is searched at once.
pub const FACE_TRACK_MARGIN: f32 = 0.5;
/// How wide the followed face is in the scaled window: a little over the detector's 40-px
/// window, so a face that shrinks by a sixth between two frames is still found.
pub const TRACK_FACE_SIZE: f32 = 48.0;
/// After this many local searches in a row the whole frame is searched again, so that a
/// second person stepping in is seen within a few frames.
pub const FULL_DETECTION_EVERY: u32 = 8;

static FACE_MODEL: &[u8] = face_model::SEETA_FD_FRONTAL;

/// The smallest face looked for, in decimated-frame pixels.
const MIN_FACE_SIZE: u32 = 20;

fn face_detector() -> Box<dyn rustface::Detector> {
    let model = rustface::read_model(FACE_MODEL).expect("the bundled face model is valid");
    let mut d = rustface::create_detector_with_model(model);
    d.set_min_face_size(MIN_FACE_SIZE);
    d.set_score_thresh(2.0);
    d.set_pyramid_scale_factor(0.8);
    d.set_slide_window_step(4, 4);
    d
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(Thresholds::default())
    }
}

impl Analyzer {
    pub fn new(thresholds: Thresholds) -> Self {
        Self {
            thresholds,
            decimator: Decimator::new(),
            current: LumaImage::default(),
            previous: LumaImage::default(),
            has_previous: false,
            detector: face_detector(),
            faces: None,
            detections: 0,
            local_detections: 0,
            local_run: 0,
            crop: LumaImage::default(),
            card: CardScratch::default(),
        }
    }

    /// On how many frames the face detector has run (see [`FACE_REUSE_FRAMES`]), whether
    /// near the last face only or on the whole frame.
    pub fn face_detections(&self) -> u64 {
        self.detections
    }

    /// How many of [`Self::face_detections`] found the face near where it last was, without
    /// searching the whole frame (see [`FACE_TRACK_MARGIN`]).
    pub fn local_face_detections(&self) -> u64 {
        self.local_detections
    }

    /// Forgets the previous frame (call when the step changes).
    pub fn reset(&mut self) {
        self.has_previous = false;
        self.faces = None;
        self.local_run = 0;
    }

    /// Decimates the frame to [`ANALYSIS_WIDTH`] and analyses it.
    pub fn analyze_frame(
        &mut self,
        frame: &Frame,
        kind: CaptureKind,
    ) -> Result<Analysis, CameraError> {
        let mut cur = std::mem::take(&mut self.current);
        let res = self.decimator.decimate(frame, ANALYSIS_WIDTH, &mut cur);
        self.current = cur;
        res?;
        Ok(self.analyze_current(kind))
    }

    /// Analyses an already decimated luma image. An image with no pixels, or fewer bytes than
    /// its size says, is not measured: it gets the step's "not there yet" instruction.
    pub fn analyze_luma(&mut self, luma: &LumaImage, kind: CaptureKind) -> Analysis {
        self.current.width = luma.width;
        self.current.height = luma.height;
        self.current.data.clear();
        self.current.data.extend_from_slice(&luma.data);
        self.analyze_current(kind)
    }

    fn analyze_current(&mut self, kind: CaptureKind) -> Analysis {
        let pixels = (self.current.width as usize).checked_mul(self.current.height as usize);
        match pixels {
            Some(n) if n > 0 && self.current.data.len() >= n => self.current.data.truncate(n),
            _ => {
                self.reset();
                return Analysis {
                    instruction: match kind {
                        CaptureKind::Document => Instruction::PlaceDocument,
                        CaptureKind::Selfie => Instruction::FaceCamera,
                    },
                    metrics: Metrics::default(),
                };
            }
        }
        let img = &self.current;
        let guide = document_guide(img.width, img.height);
        let motion = if self.has_previous
            && self.previous.width == img.width
            && self.previous.height == img.height
        {
            mean_abs_diff(img, &self.previous, guide)
        } else {
            f32::INFINITY
        };
        let analysis = match kind {
            CaptureKind::Document => {
                self.faces = None;
                analyze_document(img, guide, motion, &self.thresholds, &mut self.card)
            }
            CaptureKind::Selfie => {
                let steady = motion <= self.thresholds.max_motion;
                let (faces, reused) = match self.faces.take() {
                    Some((faces, reused)) if steady && reused < FACE_REUSE_FRAMES => {
                        (faces, reused + 1)
                    }
                    previous => {
                        self.detections += 1;
                        let last = match previous.as_ref().map(|(f, _)| f.as_slice()) {
                            Some([face]) if self.local_run < FULL_DETECTION_EVERY => Some(face),
                            _ => None,
                        };
                        let near = last.and_then(|face| {
                            detect_near(&mut self.detector, img, face.bbox(), &mut self.crop)
                        });
                        match near {
                            Some(face) => {
                                self.local_run += 1;
                                self.local_detections += 1;
                                (vec![face], 0)
                            }
                            None => {
                                self.local_run = 0;
                                (detect_faces(&mut self.detector, img), 0)
                            }
                        }
                    }
                };
                let analysis = analyze_selfie(img, &faces, motion, &self.thresholds);
                self.faces = Some((faces, reused));
                analysis
            }
        };
        std::mem::swap(&mut self.current, &mut self.previous);
        self.has_previous = true;
        analysis
    }
}

/// Faces in `img` (no face fits in an image smaller than the detector's minimum face size).
/// A panic inside rustface does not escape: it is logged, counts as no face, and the detector
/// is rebuilt, since its state after a panic is unknown.
fn detect_faces(
    detector: &mut Box<dyn rustface::Detector>,
    img: &LumaImage,
) -> Vec<rustface::FaceInfo> {
    if img.width < MIN_FACE_SIZE || img.height < MIN_FACE_SIZE {
        return Vec::new();
    }
    let image = rustface::ImageData::new(&img.data, img.width, img.height);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| detector.detect(&image))) {
        Ok(faces) => faces,
        Err(_) => {
            tracing::warn!(
                width = img.width,
                height = img.height,
                "the face detector panicked; frame treated as showing no face"
            );
            *detector = face_detector();
            Vec::new()
        }
    }
}

/// The one face near `last` (see [`FACE_TRACK_MARGIN`]), in `img`'s pixels; `None` when the
/// window around it shows no face or more than one, or is too small to hold one.
fn detect_near(
    detector: &mut Box<dyn rustface::Detector>,
    img: &LumaImage,
    last: &rustface::Rectangle,
    crop: &mut LumaImage,
) -> Option<rustface::FaceInfo> {
    let size = last.width().max(last.height()) as f32;
    if size < 1.0 {
        return None;
    }
    let margin = FACE_TRACK_MARGIN * size;
    let (x0, y0) = (
        (last.x() as f32 - margin).max(0.0),
        (last.y() as f32 - margin).max(0.0),
    );
    let (x1, y1) = (
        (last.x() as f32 + size + margin).min(img.width as f32),
        (last.y() as f32 + size + margin).min(img.height as f32),
    );
    let scale = (TRACK_FACE_SIZE / size).min(1.0);
    let (cw, ch) = (
        ((x1 - x0) * scale).floor() as u32,
        ((y1 - y0) * scale).floor() as u32,
    );
    if cw < MIN_FACE_SIZE * 2 || ch < MIN_FACE_SIZE * 2 {
        return None;
    }
    scale_region(img, (x0, y0), scale, (cw, ch), crop);
    let mut faces = detect_faces(detector, crop);
    if faces.len() != 1 {
        return None;
    }
    let mut face = faces.pop()?;
    let b = face.bbox_mut();
    let (bx, by) = (x0 + b.x() as f32 / scale, y0 + b.y() as f32 / scale);
    let (bw, bh) = (b.width() as f32 / scale, b.height() as f32 / scale);
    b.set_x(bx.round() as i32);
    b.set_y(by.round() as i32);
    b.set_width(bw.round() as u32);
    b.set_height(bh.round() as u32);
    Some(face)
}

/// Writes the `size` image whose pixel (x, y) is the mean of `img` over the square of side
/// `1 / scale` at `origin + (x, y) / scale` (an area-averaging downscale of a region).
fn scale_region(
    img: &LumaImage,
    origin: (f32, f32),
    scale: f32,
    (cw, ch): (u32, u32),
    out: &mut LumaImage,
) {
    let (w, h) = (img.width as usize, img.height as usize);
    let span = |o: f32, i: u32, max: usize| {
        let a = ((o + i as f32 / scale) as usize).min(max - 1);
        let b = ((o + (i + 1) as f32 / scale) as usize).clamp(a + 1, max);
        (a, b)
    };
    out.width = cw;
    out.height = ch;
    out.data.clear();
    out.data.reserve((cw * ch) as usize);
    for y in 0..ch {
        let (ya, yb) = span(origin.1, y, h);
        for x in 0..cw {
            let (xa, xb) = span(origin.0, x, w);
            let mut sum = 0u32;
            for row in img.data[ya * w..yb * w].chunks_exact(w) {
                sum += row[xa..xb].iter().map(|&p| u32::from(p)).sum::<u32>();
            }
            let n = ((yb - ya) * (xb - xa)) as u32;
            out.data.push(((sum + n / 2) / n) as u8);
        }
    }
}

fn mean_abs_diff(a: &LumaImage, b: &LumaImage, r: Rect) -> f32 {
    let mut sum = 0u64;
    for y in r.y..r.y + r.h {
        let row = (y * a.width) as usize;
        let (ra, rb) = (
            &a.data[row + r.x as usize..row + (r.x + r.w) as usize],
            &b.data[row + r.x as usize..row + (r.x + r.w) as usize],
        );
        sum += ra
            .iter()
            .zip(rb)
            .map(|(&p, &q)| u64::from(p.abs_diff(q)))
            .sum::<u64>();
    }
    sum as f32 / (r.w * r.h).max(1) as f32
}

/// The 95th-percentile luma of the whole image (see [`Metrics::brightness`]).
fn brightness(img: &LumaImage) -> f32 {
    let mut hist = [0u32; 256];
    for &p in &img.data {
        hist[usize::from(p)] += 1;
    }
    let target = img.data.len() as u64 * 95 / 100;
    let mut acc = 0u64;
    for (v, &n) in hist.iter().enumerate() {
        acc += u64::from(n);
        if acc > target {
            return v as f32;
        }
    }
    255.0
}

/// Sharpness: the variance of the second derivative inside `r`, taken along x and along y
/// separately, and the smaller of the two, so that motion blur in either direction (which leaves
/// edges across the motion sharp) still reads as blur. For still, isotropic blur it tracks the
/// variance of the Laplacian.
pub fn laplacian_variance(img: &LumaImage, r: Rect) -> f32 {
    let w = img.width as usize;
    let (x0, x1) = (
        (r.x as usize).max(1),
        (r.x as usize + r.w as usize).min(w.saturating_sub(1)),
    );
    let (y0, y1) = (
        (r.y as usize).max(1),
        (r.y as usize + r.h as usize).min((img.height as usize).saturating_sub(1)),
    );
    if x1 <= x0 || y1 <= y0 || img.data.len() < w * img.height as usize {
        return 0.0;
    }
    let d = &img.data;
    let (mut sx, mut sx2, mut sy, mut sy2, mut n) = (0i64, 0i64, 0i64, 0i64, 0i64);
    for y in y0..y1 {
        for x in x0..x1 {
            let i = y * w + x;
            let c = 2 * i32::from(d[i]);
            let lx = i32::from(d[i - 1]) + i32::from(d[i + 1]) - c;
            let ly = i32::from(d[i - w]) + i32::from(d[i + w]) - c;
            sx += i64::from(lx);
            sx2 += i64::from(lx * lx);
            sy += i64::from(ly);
            sy2 += i64::from(ly * ly);
            n += 1;
        }
    }
    let n = n as f64;
    let var = |s: i64, s2: i64| s2 as f64 / n - (s as f64 / n).powi(2);
    var(sx, sx2).min(var(sy, sy2)) as f32
}

/// The card's verdict, in the order a person fixes things: light to see by, a card in view,
/// then near enough (a card found but small is "Move closer", wherever it lies), then inside
/// the guide, then steady and in focus (a smeared card's bright parts cannot be judged), then
/// glare. A picture that changes a lot asks to hold still before anything is measured on it.
fn analyze_document(
    img: &LumaImage,
    guide: Rect,
    motion: f32,
    th: &Thresholds,
    scratch: &mut CardScratch,
) -> Analysis {
    let mut m = Metrics {
        brightness: brightness(img),
        motion,
        ..Metrics::default()
    };
    let verdict = |instruction, m| Analysis {
        instruction,
        metrics: m,
    };
    // Too dark to look for a card at all; otherwise the card itself is judged (below): an
    // empty dark desk asks for the document, not for light.
    if m.brightness < th.min_scene_brightness {
        return verdict(Instruction::MoreLight, m);
    }
    // The first frame of a step has nothing to compare with: not known to be moving.
    let moving = motion.is_finite() && motion > th.max_motion;
    let not_in_view = if moving {
        Instruction::HoldStill
    } else {
        Instruction::PlaceDocument
    };
    let Some(outline) = card::locate(img, scratch) else {
        return verdict(not_in_view, m);
    };
    m.card = Some(outline);
    m.document = Some(bounding_box(&outline, img.width, img.height));
    m.brightness = card::brightness(img, &outline);
    if m.brightness < th.min_brightness {
        return verdict(Instruction::MoreLight, m);
    }
    m.fill = outline.length / guide.w.max(1) as f32;
    if outline.touches_edge {
        return verdict(not_in_view, m);
    }
    // A moving card's size and place are not yet what they will be.
    if moving {
        return verdict(Instruction::HoldStill, m);
    }
    if m.fill < th.min_fill {
        return verdict(Instruction::MoveCloser, m);
    }
    let (gcx, gcy) = (
        guide.x as f32 + guide.w as f32 / 2.0,
        guide.y as f32 + guide.h as f32 / 2.0,
    );
    let offset = ((outline.center.0 - gcx).powi(2) + (outline.center.1 - gcy).powi(2)).sqrt()
        / img.width as f32;
    if offset > th.max_offset {
        return verdict(Instruction::PlaceDocument, m);
    }
    m.sharpness = card::sharpness(img, &outline);
    if m.motion > th.max_motion || m.sharpness < th.min_sharpness {
        return verdict(Instruction::HoldStill, m);
    }
    m.glare = card::specular_glare(img, &outline, scratch);
    if m.glare > th.max_glare {
        return verdict(Instruction::ReduceGlare, m);
    }
    verdict(Instruction::LooksGood, m)
}

/// The card's axis-aligned bounding box, clamped to the frame.
fn bounding_box(card: &CardOutline, width: u32, height: u32) -> Rect {
    let corners = card.corners();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let clamp = |v: f32, max: u32| v.clamp(0.0, max as f32) as u32;
    let (x0, y0) = (clamp(x0, width), clamp(y0, height));
    Rect {
        x: x0,
        y: y0,
        w: clamp(x1, width).saturating_sub(x0),
        h: clamp(y1, height).saturating_sub(y0),
    }
}

fn analyze_selfie(
    img: &LumaImage,
    faces: &[rustface::FaceInfo],
    motion: f32,
    th: &Thresholds,
) -> Analysis {
    let mut m = Metrics {
        brightness: brightness(img),
        motion,
        faces: faces.len(),
        ..Metrics::default()
    };
    let verdict = |instruction, m| Analysis {
        instruction,
        metrics: m,
    };
    if m.brightness < th.min_scene_brightness {
        return verdict(Instruction::MoreLight, m);
    }
    let [face] = faces else {
        return verdict(Instruction::FaceCamera, m);
    };
    let b = face.bbox();
    let clamp = |v: i32, max: u32| v.clamp(0, max as i32) as u32;
    let (x0, y0) = (clamp(b.x(), img.width - 1), clamp(b.y(), img.height - 1));
    let r = Rect {
        x: x0,
        y: y0,
        w: b.width().min(img.width - x0),
        h: b.height().min(img.height - y0),
    };
    m.document = Some(r);
    m.fill = r.w as f32 / img.width as f32;
    let (fcx, fcy) = (r.x as f32 + r.w as f32 / 2.0, r.y as f32 + r.h as f32 / 2.0);
    let offset = ((fcx - img.width as f32 / 2.0).powi(2) + (fcy - img.height as f32 / 2.0).powi(2))
        .sqrt()
        / img.width as f32;
    m.sharpness = laplacian_variance(img, r);
    // As with documents: a face found but small is "Move closer", wherever it is.
    let instruction = if m.fill < th.min_face {
        Instruction::MoveCloser
    } else if offset > th.max_offset * 1.5 {
        Instruction::FaceCamera
    } else if m.motion > th.max_motion {
        Instruction::HoldStill
    } else {
        Instruction::LooksGood
    };
    verdict(instruction, m)
}

/// Counts consecutive good analyses; fires once on exactly the `required`-th.
#[derive(Debug, Clone)]
pub struct AutoCapture {
    required: u32,
    streak: u32,
}

impl AutoCapture {
    pub fn new(required: u32) -> Self {
        Self {
            required: required.max(1),
            streak: 0,
        }
    }

    /// Feeds one analysis; `true` when this frame completes the streak (the frame to keep).
    /// The streak then starts over.
    pub fn observe(&mut self, analysis: &Analysis) -> bool {
        if !analysis.is_good() {
            self.streak = 0;
            return false;
        }
        self.streak += 1;
        if self.streak >= self.required {
            self.streak = 0;
            return true;
        }
        false
    }

    pub fn streak(&self) -> u32 {
        self.streak
    }

    pub fn reset(&mut self) {
        self.streak = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A detector that panics, as rustface does on an image it considers illegal.
    struct Panicking;

    impl rustface::Detector for Panicking {
        fn detect(&mut self, _: &rustface::ImageData) -> Vec<rustface::FaceInfo> {
            panic!("index out of bounds");
        }
        fn set_window_size(&mut self, _: u32) {}
        fn set_slide_window_step(&mut self, _: u32, _: u32) {}
        fn set_min_face_size(&mut self, _: u32) {}
        fn set_max_face_size(&mut self, _: u32) {}
        fn set_pyramid_scale_factor(&mut self, _: f32) {}
        fn set_score_thresh(&mut self, _: f64) {}
    }

    #[test]
    fn a_panicking_face_detector_counts_as_no_face_and_is_replaced() {
        let mut a = Analyzer {
            detector: Box::new(Panicking),
            ..Analyzer::default()
        };
        let luma = LumaImage {
            width: 64,
            height: 48,
            data: vec![180; 64 * 48],
        };
        let verdict = a.analyze_luma(&luma, CaptureKind::Selfie);
        assert_eq!(verdict.instruction, Instruction::FaceCamera);
        assert_eq!(verdict.metrics.faces, 0);
        // The real detector is back: a second look runs it without panicking.
        a.reset();
        a.analyze_luma(&luma, CaptureKind::Selfie);
        assert_eq!(a.face_detections(), 2);
    }
}
