//! The card on the decimated luma frame: where it lies (an oriented rectangle), how much of it
//! is under a specular highlight, and how sharp it is. Each is one or two passes over a
//! 320-pixel-wide frame with buffers kept between frames, so it fits a live preview at 30 fps.
//!
//! - **Where**: the desk is whatever the frame's border shows. Its luma is flattened by the
//!   light's falloff (a plane plus vignetting fitted to the border), pixels within the border's
//!   range are desk, and a fill from the border through desk pixels leaves the card (with the
//!   print inside it) as the largest region it cannot reach. Light or dark cards, plain,
//!   wooden or patterned desks alike, as long as the card's own colour is not also the desk's.
//! - **Glare**: saturation alone says nothing (a white panel, a white quiet zone or an
//!   overexposed light card is saturated too). Saturated pixels are opened (thin light print
//!   drops out) and each blob is judged by shape: a lamp's reflection is a compact round blob
//!   standing alone on a card where little else is saturated, or, where it has joined
//!   saturated paper or print, it keeps a round rim bulging outwards across the card's axes;
//!   printed paper and panels are bounded by straight edges parallel to the card's sides, or
//!   curve inwards (a face in a washed-out photo). See `Blob::is_reflection`.
//! - **Sharpness**: at the card's edges (steps above sensor noise), the energy of the second
//!   derivative over that of the first, along x and along y, the smaller of the two. Blur of
//!   width `s` lowers it about as `1/s²` whatever the card shows, so a sparse light back and a
//!   busy front are judged alike; motion blur lowers it along the motion.

use crate::decode::LumaImage;

/// Where the card lies, in decimated-frame pixels: an oriented rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CardOutline {
    pub center: (f32, f32),
    /// The long side.
    pub length: f32,
    /// The short side.
    pub breadth: f32,
    /// Direction of the long side against the x axis, radians in (-π/2, π/2].
    pub angle: f32,
    /// Some of the card is on the frame's outermost pixels: part of it may be out of view.
    pub touches_edge: bool,
}

impl CardOutline {
    /// The four corners, going round.
    pub fn corners(&self) -> [(f32, f32); 4] {
        let (s, c) = self.angle.sin_cos();
        let (hl, hb) = (self.length / 2.0, self.breadth / 2.0);
        [(-hl, -hb), (hl, -hb), (hl, hb), (-hl, hb)]
            .map(|(u, v)| (self.center.0 + u * c - v * s, self.center.1 + u * s + v * c))
    }

    /// The card's axes, for testing many pixels.
    fn axes(&self) -> Axes {
        let (s, c) = self.angle.sin_cos();
        Axes {
            s,
            c,
            center: self.center,
            half: (self.length / 2.0, self.breadth / 2.0),
        }
    }

    /// The frame pixels around the card, clamped to a `width` × `height` frame.
    fn bounds(&self, width: u32, height: u32) -> (usize, usize, usize, usize) {
        let corners = self.corners();
        let xs = corners.map(|c| c.0);
        let ys = corners.map(|c| c.1);
        let lo = |v: [f32; 4], max: u32| {
            v.iter()
                .fold(f32::INFINITY, |a, &b| a.min(b))
                .clamp(0.0, max as f32) as usize
        };
        let hi = |v: [f32; 4], max: u32| {
            (v.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b)).ceil() + 1.0).clamp(0.0, max as f32)
                as usize
        };
        (lo(xs, width), lo(ys, height), hi(xs, width), hi(ys, height))
    }
}

/// A card's centre, axes and half sides, for testing many pixels against it.
struct Axes {
    s: f32,
    c: f32,
    center: (f32, f32),
    half: (f32, f32),
}

impl Axes {
    /// Pixel `(x, y)` along the card's long and short sides, from its centre.
    #[inline]
    fn local(&self, x: f32, y: f32) -> (f32, f32) {
        let (dx, dy) = (x - self.center.0, y - self.center.1);
        (dx * self.c + dy * self.s, -dx * self.s + dy * self.c)
    }

    /// How far inside the card pixel `(x, y)` is (negative outside).
    #[inline]
    fn depth(&self, x: f32, y: f32) -> f32 {
        let (u, v) = self.local(x, y);
        (self.half.0 - u.abs()).min(self.half.1 - v.abs())
    }
}

/// Buffers reused from frame to frame.
#[derive(Default)]
pub struct CardScratch {
    /// Per pixel, for the pass at hand (locating: unvisited, desk, seen, in the region; glare:
    /// saturated, in the blob, done, outside the blob).
    marks: Vec<u8>,
    stack: Vec<u32>,
    region: Vec<u32>,
    best: Vec<u32>,
}

/// The outer band of the frame the desk is sampled from, in pixels.
const BORDER: u32 = 3;
/// How far beyond the border's own range (as a ratio to the fitted light) a pixel may be and
/// still count as desk: sensor noise, JPEG and texture the border did not happen to show.
const DESK_MARGIN: f32 = 0.07;
/// The smallest card worth reporting, as a fraction of the frame's pixels (a card 15 % of the
/// frame's width).
const MIN_CARD_AREA: f32 = 0.012;

const DESK: u8 = 1;
const SEEN: u8 = 2;
const REGION: u8 = 3;
/// Desk-like but not (yet) reached from the border.
const DESK_LIKE: u8 = 4;

/// Finds the card: the largest region the desk (as the frame's border shows it) does not
/// reach. `None` when there is no card-shaped region (an empty desk, a card the colour of the
/// desk, or a card mostly out of view).
pub fn locate(img: &LumaImage, scratch: &mut CardScratch) -> Option<CardOutline> {
    let (w, h) = (img.width as usize, img.height as usize);
    if w < 4 * BORDER as usize || h < 4 * BORDER as usize || img.data.len() < w * h {
        return None;
    }
    let light = fit_light(img)?;
    let (lo, hi) = desk_range(img, &light)?;
    // Which pixels look like desk: their luma, against the fitted light, in the border's range.
    let marks = &mut scratch.marks;
    marks.clear();
    marks.resize(w * h, 0);
    let (cols, rows) = light.terms(w, h);
    for (y, row) in img.data[..w * h].chunks_exact(w).enumerate() {
        let out = &mut marks[y * w..(y + 1) * w];
        for ((m, &v), col) in out.iter_mut().zip(row).zip(&cols) {
            let r = f32::from(v) / (col + rows[y]).max(1.0);
            *m = if (lo..=hi).contains(&r) { DESK_LIKE } else { 0 };
        }
    }
    // Fill from the border through desk-like pixels.
    let stack = &mut scratch.stack;
    stack.clear();
    for x in 0..w {
        for y in [0, h - 1] {
            stack.push((y * w + x) as u32);
        }
    }
    for y in 0..h {
        for x in [0, w - 1] {
            stack.push((y * w + x) as u32);
        }
    }
    while let Some(i) = stack.pop() {
        let i = i as usize;
        if marks[i] != DESK_LIKE {
            continue;
        }
        marks[i] = DESK;
        let (x, y) = (i % w, i / w);
        if x > 0 {
            stack.push((i - 1) as u32);
        }
        if x + 1 < w {
            stack.push((i + 1) as u32);
        }
        if y > 0 {
            stack.push((i - w) as u32);
        }
        if y + 1 < h {
            stack.push((i + w) as u32);
        }
    }
    // The largest region left: the card, its print and whatever the fill could not enter.
    scratch.best.clear();
    for start in 0..w * h {
        if marks[start] != 0 && marks[start] != DESK_LIKE {
            continue;
        }
        scratch.region.clear();
        stack.push(start as u32);
        marks[start] = REGION;
        while let Some(i) = stack.pop() {
            scratch.region.push(i);
            let i = i as usize;
            let (x, y) = (i % w, i / w);
            let mut visit = |j: usize| {
                if marks[j] == 0 || marks[j] == DESK_LIKE {
                    marks[j] = REGION;
                    stack.push(j as u32);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        for &i in &scratch.region {
            marks[i as usize] = SEEN;
        }
        if scratch.region.len() > scratch.best.len() {
            std::mem::swap(&mut scratch.region, &mut scratch.best);
        }
    }
    outline(&scratch.best, w, h)
}

/// The oriented rectangle of a region: its axes from the second moments, its sides from how
/// far it reaches along them (so print the fill took for desk does not shrink it).
fn outline(region: &[u32], w: usize, h: usize) -> Option<CardOutline> {
    let n = region.len();
    if (n as f32) < MIN_CARD_AREA * (w * h) as f32 {
        return None;
    }
    let (mut sx, mut sy) = (0f64, 0f64);
    let mut touches_edge = false;
    for &i in region {
        let (x, y) = ((i as usize % w) as f64, (i as usize / w) as f64);
        sx += x;
        sy += y;
        touches_edge |= x == 0.0 || y == 0.0 || x as usize == w - 1 || y as usize == h - 1;
    }
    let (cx, cy) = (sx / n as f64, sy / n as f64);
    let (mut sxx, mut syy, mut sxy) = (0f64, 0f64, 0f64);
    for &i in region {
        let (dx, dy) = ((i as usize % w) as f64 - cx, (i as usize / w) as f64 - cy);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (s, c) = angle.sin_cos();
    let (mut umin, mut umax, mut vmin, mut vmax) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &i in region {
        let (dx, dy) = ((i as usize % w) as f64 - cx, (i as usize / w) as f64 - cy);
        let (u, v) = (dx * c + dy * s, -dx * s + dy * c);
        umin = umin.min(u);
        umax = umax.max(u);
        vmin = vmin.min(v);
        vmax = vmax.max(v);
    }
    // Pixel centres: the region reaches half a pixel further each way.
    let (length, breadth) = ((umax - umin + 1.0) as f32, (vmax - vmin + 1.0) as f32);
    let (mu, mv) = ((umax + umin) / 2.0, (vmax + vmin) / 2.0);
    let center = ((cx + mu * c - mv * s) as f32, (cy + mu * s + mv * c) as f32);
    let rectangular = n as f32 / (length * breadth);
    let aspect = length / breadth.max(1.0);
    // A card seen whole is a filled rectangle about 1.59 times as long as it is broad; one
    // running out of the frame can be any shape, and is reported as touching the edge.
    let card_shaped = rectangular >= 0.75 && (1.2..=2.2).contains(&aspect);
    (card_shaped || touches_edge).then_some(CardOutline {
        center,
        length,
        breadth,
        angle: angle as f32,
        touches_edge,
    })
}

/// The light falling on the desk, fitted to the frame's border: `a + b·x + c·y + d·r²` (a
/// gradient and the lens's vignetting), in luma, with x, y and r from the frame's centre.
#[derive(Debug, Clone, Copy)]
struct Light([f64; 4]);

impl Light {
    /// The fit split into a term per column and a term per row (their sum is the light).
    fn terms(&self, w: usize, h: usize) -> (Vec<f32>, Vec<f32>) {
        let [a, b, c, d] = self.0;
        let cols = (0..w)
            .map(|x| {
                let nx = x as f64 / w as f64 - 0.5;
                (a + b * nx + d * nx * nx) as f32
            })
            .collect();
        let rows = (0..h)
            .map(|y| {
                let ny = y as f64 / h as f64 - 0.5;
                (c * ny + d * ny * ny) as f32
            })
            .collect();
        (cols, rows)
    }

    #[inline]
    fn at(&self, x: usize, y: usize, w: usize, h: usize) -> f32 {
        let (nx, ny) = (x as f64 / w as f64 - 0.5, y as f64 / h as f64 - 0.5);
        let [a, b, c, d] = self.0;
        ((a + b * nx + c * ny + d * (nx * nx + ny * ny)) as f32).max(1.0)
    }
}

fn border_pixels(w: usize, h: usize) -> impl Iterator<Item = (usize, usize)> {
    let b = BORDER as usize;
    (0..h).flat_map(move |y| {
        let band = y < b || y >= h - b;
        let xs: Box<dyn Iterator<Item = usize>> = if band {
            Box::new(0..w)
        } else {
            Box::new((0..b).chain(w - b..w))
        };
        xs.map(move |x| (x, y))
    })
}

fn fit_light(img: &LumaImage) -> Option<Light> {
    let (w, h) = (img.width as usize, img.height as usize);
    // Normal equations of the least-squares fit.
    let mut m = [[0f64; 5]; 4];
    for (x, y) in border_pixels(w, h) {
        let (nx, ny) = (x as f64 / w as f64 - 0.5, y as f64 / h as f64 - 0.5);
        let f = [1.0, nx, ny, nx * nx + ny * ny];
        let v = f64::from(img.data[y * w + x]);
        for r in 0..4 {
            for c in 0..4 {
                m[r][c] += f[r] * f[c];
            }
            m[r][4] += f[r] * v;
        }
    }
    solve4(m).map(Light).filter(|l| l.0[0] > 0.0)
}

/// Gaussian elimination with partial pivoting on an augmented 4×5 matrix.
fn solve4(mut m: [[f64; 5]; 4]) -> Option<[f64; 4]> {
    for col in 0..4 {
        let pivot = (col..4).max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        let pivot_row = m[col];
        for (row, r) in m.iter_mut().enumerate() {
            if row != col {
                let k = r[col] / pivot_row[col];
                for (v, p) in r.iter_mut().zip(pivot_row).skip(col) {
                    *v -= k * p;
                }
            }
        }
    }
    Some(std::array::from_fn(|i| m[i][4] / m[i][i]))
}

/// The range of luma-to-light ratios the border shows (2nd to 98th percentile), widened by
/// [`DESK_MARGIN`].
fn desk_range(img: &LumaImage, light: &Light) -> Option<(f32, f32)> {
    let (w, h) = (img.width as usize, img.height as usize);
    const BINS: usize = 512;
    const SCALE: f32 = 128.0;
    let mut hist = [0u32; BINS];
    let mut n = 0u32;
    for (x, y) in border_pixels(w, h) {
        let r = f32::from(img.data[y * w + x]) / light.at(x, y, w, h);
        hist[((r * SCALE) as usize).min(BINS - 1)] += 1;
        n += 1;
    }
    let quantile = |q: f32| {
        let target = (q * n as f32) as u32;
        let mut acc = 0;
        for (i, &c) in hist.iter().enumerate() {
            acc += c;
            if acc > target {
                return i as f32 / SCALE;
            }
        }
        (BINS - 1) as f32 / SCALE
    };
    (n > 0).then(|| {
        (
            quantile(0.02) - DESK_MARGIN,
            quantile(0.98) + 1.0 / SCALE + DESK_MARGIN,
        )
    })
}

/// Luma at or above which a pixel is saturated.
const SATURATED: u8 = 250;
/// Boundary directions within this angle of the card's sides count as parallel to them.
const ALIGNED: f32 = 15.0 * std::f32::consts::PI / 180.0;
/// A blob's boundary counts only where the card beside it is at least this much darker:
/// faint print (a security pattern) between patches of just-saturated paper says nothing.
const MIN_CONTRAST: u8 = 48;
/// Boundaries this close to the card's outline (pixels) are the card's own rounded corners.
const OUTLINE_MARGIN: f32 = 5.0;

/// The longest a reflection is against its breadth (the set's lamps are ovals up to 1:0.6).
const MAX_ELONGATION: f32 = 1.8;
/// How much of its own box a lone reflection fills: about π/4 for an oval; much less is a
/// ragged patch, much more a printed rectangle.
const MIN_COMPACTNESS: f32 = 0.6;
const MAX_COMPACTNESS: f32 = 0.94;

/// What a saturated blob looks like, for telling a reflection from paper or print.
#[derive(Debug, Clone, Copy, Default)]
struct Blob {
    /// Pixels, after the opening.
    area: usize,
    /// Area over the area of its box along its own axes.
    compactness: f32,
    /// Its box's long side over its short side.
    elongation: f32,
    /// Boundary pixels (with contrast) whose edge runs across the card's sides and bulges
    /// outwards: the round rim of a reflection.
    convex_curved: usize,
    /// The other boundary pixels with contrast: along the card's sides (print, panels, the
    /// card's layout) or curving inwards (a face inside a saturated photo background).
    other: usize,
}

impl Blob {
    /// A lamp's reflection, by either of two signs. Alone on a card where little else is
    /// saturated, it is a compact, round blob up to a quarter of the card (bright paper and
    /// light print, when they saturate, saturate in many places at once or in long panels). Joined to saturated paper or print, it
    /// keeps a long round rim, bulging outwards, that printed layouts do not have.
    fn is_reflection(&self, card_area: f32, saturated_share: f32) -> bool {
        let share = self.area as f32 / card_area;
        // Round or oval, never a strip: a lamp's image in a flat card is a spot, while the
        // paper left between lines of print (an MRZ's, a barcode's) is long, however round
        // the letters that edge it.
        let spot = self.elongation <= MAX_ELONGATION;
        // A rectangle of light print (a box, a bar) fills its box; a round spot does not.
        let round = (MIN_COMPACTNESS..=MAX_COMPACTNESS).contains(&self.compactness);
        let alone = share <= 0.25 && round && saturated_share - share <= 0.08;
        let rim = self.convex_curved >= 20
            && self.convex_curved as f32 >= 0.3 * (self.convex_curved + self.other) as f32;
        spot && (alone || rim)
    }
}

/// The share of the card under specular highlights (see the module's documentation and
/// `Blob::is_reflection`).
pub fn specular_glare(img: &LumaImage, card: &CardOutline, scratch: &mut CardScratch) -> f32 {
    let (w, h) = (img.width as usize, img.height as usize);
    if img.data.len() < w * h || w < 8 || h < 8 {
        return 0.0;
    }
    let (x0, y0, x1, y1) = card.bounds(img.width, img.height);
    let (x0, y0) = (x0.max(1), y0.max(1));
    let (x1, y1) = (x1.min(w - 1), y1.min(h - 1));
    if x1 <= x0 + 4 || y1 <= y0 + 4 {
        return 0.0;
    }
    let d = &img.data;
    let card_area = (card.length * card.breadth).max(1.0);
    // Saturated pixels inside the card (1), opened (eroded, then dilated) by a 5×5 square
    // so that lines of light print thinner than that drop out and stop joining blobs.
    let marks = &mut scratch.marks;
    marks.clear();
    marks.resize(w * h, 0);
    let axes = card.axes();
    let mut saturated = 0usize;
    let (mut sx0, mut sy0, mut sx1, mut sy1) = (x1, y1, x0, y0);
    for y in y0..y1 {
        for x in x0..x1 {
            let i = y * w + x;
            if d[i] >= SATURATED && axes.depth(x as f32, y as f32) >= 1.0 {
                marks[i] = 1;
                saturated += 1;
                sx0 = sx0.min(x);
                sy0 = sy0.min(y);
                sx1 = sx1.max(x + 1);
                sy1 = sy1.max(y + 1);
            }
        }
    }
    if saturated == 0 {
        return 0.0;
    }
    let saturated_share = saturated as f32 / card_area;
    // Only around what is saturated (the opening cannot reach further).
    let (x0, y0) = (sx0.saturating_sub(2).max(1), sy0.saturating_sub(2).max(1));
    let (x1, y1) = ((sx1 + 2).min(w - 1), (sy1 + 2).min(h - 1));
    morph(marks, &mut scratch.region, w, (x0, y0, x1, y1), 2, true);
    morph(marks, &mut scratch.region, w, (x0, y0, x1, y1), 2, false);
    let min_area = (card_area * 0.0008).max(8.0) as usize;
    let mut glare_px = 0usize;
    for y in y0..y1 {
        for x in x0..x1 {
            let start = y * w + x;
            if marks[start] != 1 {
                continue;
            }
            // One blob, marked 2 while it is measured, 3 once done.
            let blob = &mut scratch.best;
            blob.clear();
            scratch.stack.clear();
            scratch.stack.push(start as u32);
            marks[start] = 2;
            while let Some(i) = scratch.stack.pop() {
                blob.push(i);
                let i = i as usize;
                for j in [i - 1, i + 1, i - w, i + w] {
                    if marks[j] == 1 {
                        marks[j] = 2;
                        scratch.stack.push(j as u32);
                    }
                }
            }
            if blob.len() >= min_area {
                let measured = measure_blob(img, card, &axes, marks, blob);
                if measured.is_reflection(card_area, saturated_share) {
                    glare_px += blob.len();
                }
            }
            for &i in blob.iter() {
                marks[i as usize] = 3;
            }
        }
    }
    glare_px as f32 / card_area
}

/// Erodes (`erode`) or dilates the 0/1 mask inside `bounds` by a square of radius `r`
/// (separable: rows into `tmp`, then columns back).
fn morph(
    mask: &mut [u8],
    tmp: &mut Vec<u32>,
    w: usize,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    r: usize,
    erode: bool,
) {
    let (bw, bh) = (x1 - x0, y1 - y0);
    tmp.clear();
    tmp.resize(bw * bh, 0);
    let pick = |window: &[u8]| -> u8 {
        if erode {
            window.iter().copied().min().unwrap_or(0)
        } else {
            window.iter().copied().max().unwrap_or(0)
        }
    };
    for y in 0..bh {
        let row = &mask[(y0 + y) * w + x0..(y0 + y) * w + x1];
        for x in 0..bw {
            let (a, b) = (x.saturating_sub(r), (x + r + 1).min(bw));
            tmp[y * bw + x] = u32::from(pick(&row[a..b]));
        }
    }
    let mut column = vec![0u8; bh];
    for x in 0..bw {
        for (y, c) in column.iter_mut().enumerate() {
            *c = tmp[y * bw + x] as u8;
        }
        for y in 0..bh {
            let (a, b) = (y.saturating_sub(r), (y + r + 1).min(bh));
            mask[(y0 + y) * w + x0 + x] = pick(&column[a..b]);
        }
    }
}

/// The shape of the blob marked 2 (its pixels in `blob`) and the directions of its boundary.
fn measure_blob(
    img: &LumaImage,
    card: &CardOutline,
    axes: &Axes,
    marks: &[u8],
    blob: &[u32],
) -> Blob {
    let (w, h) = (img.width as usize, img.height as usize);
    let n = blob.len() as f64;
    let (mut sx, mut sy) = (0f64, 0f64);
    for &i in blob {
        sx += (i as usize % w) as f64;
        sy += (i as usize / w) as f64;
    }
    let (cx, cy) = (sx / n, sy / n);
    let (mut sxx, mut syy, mut sxy) = (0f64, 0f64, 0f64);
    for &i in blob {
        let (dx, dy) = ((i as usize % w) as f64 - cx, (i as usize / w) as f64 - cy);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let (bs, bc) = (0.5 * (2.0 * sxy).atan2(sxx - syy)).sin_cos();
    let (mut umin, mut umax, mut vmin, mut vmax) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &i in blob {
        let (dx, dy) = ((i as usize % w) as f64 - cx, (i as usize / w) as f64 - cy);
        let (u, v) = (dx * bc + dy * bs, -dx * bs + dy * bc);
        umin = umin.min(u);
        umax = umax.max(u);
        vmin = vmin.min(v);
        vmax = vmax.max(v);
    }
    let (lu, lv) = (umax - umin + 1.0, vmax - vmin + 1.0);
    let mut out = Blob {
        area: blob.len(),
        compactness: (n / (lu * lv)) as f32,
        elongation: (lu.max(lv) / lu.min(lv)) as f32,
        ..Blob::default()
    };
    let d = &img.data;
    let p = |j: usize| f32::from(d[j]);
    for &i in blob {
        let i = i as usize;
        let (x, y) = (i % w, i / w);
        if x < 2 || y < 2 || x + 2 >= w || y + 2 >= h {
            continue;
        }
        if [i - 1, i + 1, i - w, i + w].iter().all(|&j| marks[j] == 2) {
            continue;
        }
        if axes.depth(x as f32, y as f32) < OUTLINE_MARGIN {
            continue;
        }
        let darkest = (y - 2..=y + 2)
            .flat_map(|yy| (x - 2..=x + 2).map(move |xx| d[yy * w + xx]))
            .min()
            .unwrap_or(255);
        if 255 - darkest < MIN_CONTRAST {
            continue;
        }
        let gx = p(i - w + 1) + 2.0 * p(i + 1) + p(i + w + 1)
            - p(i - w - 1)
            - 2.0 * p(i - 1)
            - p(i + w - 1);
        let gy = p(i + w - 1) + 2.0 * p(i + w) + p(i + w + 1)
            - p(i - w - 1)
            - 2.0 * p(i - w)
            - p(i - w + 1);
        let off = (gy.atan2(gx) - card.angle).rem_euclid(std::f32::consts::FRAC_PI_2);
        if !(ALIGNED..=std::f32::consts::FRAC_PI_2 - ALIGNED).contains(&off) {
            out.other += 1;
            continue;
        }
        // Bulging outwards: the blob fills less of the 9×9 window around the pixel than a
        // straight edge would (5 rows of 9, the pixel's own row being the blob's).
        let k = 4usize;
        let (mut inside, mut all) = (0u32, 0u32);
        for yy in y.saturating_sub(k)..=(y + k).min(h - 1) {
            for xx in x.saturating_sub(k)..=(x + k).min(w - 1) {
                all += 1;
                inside += u32::from(marks[yy * w + xx] == 2);
            }
        }
        if (inside as f32) < 0.535 * all as f32 {
            out.convex_curved += 1;
        } else {
            out.other += 1;
        }
    }
    out
}

/// The 95th-percentile luma inside the card.
pub fn brightness(img: &LumaImage, card: &CardOutline) -> f32 {
    let (w, h) = (img.width as usize, img.height as usize);
    if img.data.len() < w * h {
        return 0.0;
    }
    let (x0, y0, x1, y1) = card.bounds(img.width, img.height);
    let axes = card.axes();
    let mut hist = [0u32; 256];
    let mut n = 0u32;
    for y in y0..y1.min(h) {
        for x in x0..x1.min(w) {
            if axes.depth(x as f32, y as f32) >= 1.0 {
                hist[usize::from(img.data[y * w + x])] += 1;
                n += 1;
            }
        }
    }
    let target = n * 95 / 100;
    let mut acc = 0;
    for (v, &c) in hist.iter().enumerate() {
        acc += c;
        if acc > target {
            return v as f32;
        }
    }
    255.0
}

/// A step (luma levels over two pixels) that is an edge rather than sensor noise or JPEG.
const EDGE: i32 = 24;

/// Sharpness of the card's inside (see the module's documentation): about 1 for crisp edges
/// at the analysis resolution, falling as the square of the blur's width.
pub fn sharpness(img: &LumaImage, card: &CardOutline) -> f32 {
    let (w, h) = (img.width as usize, img.height as usize);
    if img.data.len() < w * h || w < 3 || h < 3 {
        return 0.0;
    }
    let (x0, y0, x1, y1) = card.bounds(img.width, img.height);
    let (x0, y0) = (x0.max(1), y0.max(1));
    let (x1, y1) = (x1.min(w - 1), y1.min(h - 1));
    let inset = card.breadth * 0.06;
    let axes = card.axes();
    let d = &img.data;
    let (mut gx2, mut lx2, mut gy2, mut ly2) = (0f64, 0f64, 0f64, 0f64);
    for y in y0..y1 {
        for x in x0..x1 {
            if axes.depth(x as f32, y as f32) < inset {
                continue;
            }
            let i = y * w + x;
            // Saturated pixels and their neighbours say nothing about focus (a reflection's
            // soft rim is not the print's edge).
            if d[i - 1].max(d[i + 1]).max(d[i - w]).max(d[i + w]).max(d[i]) >= SATURATED {
                continue;
            }
            let c = i32::from(d[i]);
            let (l, r, u, b) = (
                i32::from(d[i - 1]),
                i32::from(d[i + 1]),
                i32::from(d[i - w]),
                i32::from(d[i + w]),
            );
            // Only where there is an edge: flat paper's sensor noise has a large second
            // derivative for its first and would make a blurred card look sharp.
            if (r - l).abs() >= EDGE {
                gx2 += f64::from((r - l) * (r - l));
                lx2 += f64::from((l + r - 2 * c).pow(2));
            }
            if (b - u).abs() >= EDGE {
                gy2 += f64::from((b - u) * (b - u));
                ly2 += f64::from((u + b - 2 * c).pow(2));
            }
        }
    }
    if gx2 <= 0.0 || gy2 <= 0.0 {
        return 0.0;
    }
    (lx2 / gx2).min(ly2 / gy2) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 320×180 desk (luma 60, a little texture) with a card of luma `card` drawn by `paint`
    /// (which gets card-local coordinates in 0..1 and returns a luma, or `None` for the
    /// card's own colour), rotated by `angle` radians about the frame's centre.
    fn scene(
        card: u8,
        length: f32,
        angle: f32,
        paint: impl Fn(f32, f32) -> Option<u8>,
    ) -> LumaImage {
        let (w, h) = (320u32, 180u32);
        let breadth = length / 1.586;
        let (s, c) = angle.sin_cos();
        let mut data = Vec::with_capacity((w * h) as usize);
        for y in 0..h {
            for x in 0..w {
                let (dx, dy) = (x as f32 + 0.5 - 160.0, y as f32 + 0.5 - 90.0);
                let (u, v) = (dx * c + dy * s, -dx * s + dy * c);
                let (fu, fv) = (u / length + 0.5, v / breadth + 0.5);
                let texture = ((x * 7 + y * 13) % 5) as u8;
                data.push(if (0.0..1.0).contains(&fu) && (0.0..1.0).contains(&fv) {
                    paint(fu, fv).unwrap_or(card)
                } else {
                    60 + texture
                });
            }
        }
        LumaImage {
            width: w,
            height: h,
            data,
        }
    }

    #[test]
    fn a_rotated_card_is_located_with_its_size_and_angle() {
        let img = scene(200, 190.0, 0.2, |_, _| None);
        let card = locate(&img, &mut CardScratch::default()).expect("a card");
        assert!((card.length - 190.0).abs() < 4.0, "{card:?}");
        assert!((card.breadth - 190.0 / 1.586).abs() < 4.0, "{card:?}");
        assert!((card.angle - 0.2).abs() < 0.02, "{card:?}");
        assert!(!card.touches_edge);
    }

    #[test]
    fn a_dark_card_on_the_desk_is_located_too() {
        let img = scene(20, 200.0, -0.1, |_, _| None);
        assert!(locate(&img, &mut CardScratch::default()).is_some());
    }

    #[test]
    fn an_empty_desk_has_no_card() {
        let img = scene(60, 200.0, 0.0, |_, _| None);
        assert_eq!(locate(&img, &mut CardScratch::default()), None);
    }

    #[test]
    fn a_saturated_white_panel_is_paper_not_glare() {
        // A light back: the lower half a white panel, saturated, with a barcode-grey block.
        let img = scene(210, 220.0, 0.1, |u, v| {
            (v > 0.4).then(|| {
                if (0.1..0.9).contains(&u) && (0.55..0.85).contains(&v) {
                    120
                } else {
                    255
                }
            })
        });
        let mut scratch = CardScratch::default();
        let card = locate(&img, &mut scratch).expect("a card");
        assert_eq!(specular_glare(&img, &card, &mut scratch), 0.0);
    }

    #[test]
    fn a_round_saturated_spot_is_glare() {
        let img = scene(150, 220.0, 0.1, |u, v| {
            let (du, dv) = ((u - 0.6) * 1.586, v - 0.45);
            (du * du + dv * dv < 0.12 * 0.12).then_some(255)
        });
        let mut scratch = CardScratch::default();
        let card = locate(&img, &mut scratch).expect("a card");
        assert!(specular_glare(&img, &card, &mut scratch) > 0.01);
    }

    #[test]
    fn a_small_printed_white_box_on_a_dark_card_is_not_glare() {
        // A saturated white rectangle (a printed box, a photo's light background) alone on a
        // dark card: compact, but square-cornered, not a lamp's round spot.
        let img = scene(40, 220.0, 0.0, |u, v| {
            ((0.55..0.59).contains(&u) && (0.4..0.45).contains(&v)).then_some(255)
        });
        let mut scratch = CardScratch::default();
        let card = locate(&img, &mut scratch).expect("a card");
        assert_eq!(specular_glare(&img, &card, &mut scratch), 0.0);
    }

    #[test]
    fn an_oval_reflection_is_glare_but_a_long_bright_streak_is_not() {
        // A streak (the paper between lines of print, a laminate's edge) is 1:3.3 here; a
        // lamp's oval 1:1.5.
        let spot = |aspect: f32| {
            scene(150, 220.0, 0.1, move |u, v| {
                let (du, dv) = ((u - 0.5) * 1.586 * aspect, v - 0.5);
                (du * du + dv * dv < 0.1 * 0.1).then_some(255)
            })
        };
        let mut scratch = CardScratch::default();
        let oval = spot(1.5);
        let card = locate(&oval, &mut scratch).expect("a card");
        assert!(specular_glare(&oval, &card, &mut scratch) > 0.01);
        let streak = spot(0.3);
        let card = locate(&streak, &mut scratch).expect("a card");
        assert_eq!(specular_glare(&streak, &card, &mut scratch), 0.0);
    }

    #[test]
    fn blur_lowers_sharpness_whatever_the_card_shows() {
        // Sparse print and busy print, each sharp and then box-blurred along x.
        for period in [6u32, 24] {
            let sharp = scene(200, 220.0, 0.0, |u, v| {
                ((v * 40.0) as u32 % 2 == 0 && ((u * 200.0) as u32 % period) < 2).then_some(40)
            });
            let mut blurred = sharp.clone();
            let w = sharp.width as usize;
            for y in 0..sharp.height as usize {
                for x in 4..w - 4 {
                    let sum: u32 = (x - 4..=x + 4)
                        .map(|i| u32::from(sharp.data[y * w + i]))
                        .sum();
                    blurred.data[y * w + x] = (sum / 9) as u8;
                }
            }
            let card = locate(&sharp, &mut CardScratch::default()).expect("a card");
            let (a, b) = (sharpness(&sharp, &card), sharpness(&blurred, &card));
            assert!(
                a > 0.3 && b < 0.2,
                "period {period}: sharp {a}, blurred {b}"
            );
        }
    }
}
