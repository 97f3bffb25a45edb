//! Finding the machine-readable zone in a still.
//!
//! The still is first looked at as a "view": the document found against the desk and warped
//! square to the camera ([`crate::rectify`], which also serves the PDF417 reader), and, failing
//! that, the whole still reduced. In a view, dark print on lighter paper is closed along the
//! text's direction (a grey-level closing much wider than tall), so that each printed line
//! becomes one solid bar while the lines stay apart; an MRZ line is a long, thin, straight bar,
//! and a zone is two (TD3) or three (TD1) of them, parallel, as long as each other and evenly
//! spaced, the ratio of their length to their spacing telling the format. Each line's baseline
//! (the bar's lower edge) and ends are measured, and the cell space of every line is mapped onto
//! the still through the view, by a projective map fitted to the first and last lines' ends.

use image::{imageops, GrayImage, Luma};
use imageproc::geometric_transformations::{warp_into, Border, Interpolation, Projection};
use imageproc::region_labelling::{connected_components, Connectivity};

use super::layout::MrzFormat;
use super::ocr::{Line, BASELINE, CELL_W, INK_LEFT, INK_RIGHT};

/// The long side of a view of the document.
const VIEW_SIDE: u32 = 900;
/// The width the whole still is reduced to when no document is found.
const FRAME_SIDE: u32 = 960;
/// A zone's length over its line spacing: TD3 lines are 44 × 2.54 mm long, TD1 lines 30 ×
/// 2.54 mm, and lines lie 3.5–5 mm apart on the documents seen.
const TD3_RATIO: (f32, f32) = (21.0, 34.0);
const TD1_RATIO: (f32, f32) = (13.0, 22.5);

/// A look at the still in which text runs roughly along the x axis.
pub(crate) struct View {
    pub image: GrayImage,
    /// View pixels to the still's pixels.
    pub to_image: Projection,
    /// Whether the view is of the document found against the desk (its bottom is known),
    /// rather than of the whole still (the zone may be upside down).
    pub document: bool,
}

/// The views to search, most telling first.
pub(crate) fn views(luma: &GrayImage) -> Vec<View> {
    let mut out = Vec::with_capacity(2);
    if let Some(corners) =
        crate::error::guarded("card outline", || crate::rectify::card_corners(luma))
            .ok()
            .flatten()
    {
        if let Some(view) = document_view(luma, corners) {
            out.push(view);
        }
    }
    out.push(frame_view(luma));
    out
}

fn document_view(luma: &GrayImage, corners: [(f32, f32); 4]) -> Option<View> {
    let dist = |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    let width = (dist(corners[0], corners[1]) + dist(corners[3], corners[2])) / 2.0;
    let height = (dist(corners[1], corners[2]) + dist(corners[0], corners[3])) / 2.0;
    if width < 40.0 || height < 25.0 {
        return None;
    }
    let w = VIEW_SIDE as f32;
    let h = (w * height / width).round().max(1.0);
    let to_image =
        Projection::from_control_points([(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)], corners)?;
    let mut image = GrayImage::new(VIEW_SIDE, h as u32);
    warp_into(
        luma,
        to_image.invert(),
        Interpolation::Bilinear,
        Border::Constant(Luma([255])),
        &mut image,
    );
    Some(View {
        image,
        to_image,
        document: true,
    })
}

fn frame_view(luma: &GrayImage) -> View {
    let (w, h) = luma.dimensions();
    if w <= FRAME_SIDE {
        return View {
            image: luma.clone(),
            to_image: Projection::scale(1.0, 1.0),
            document: false,
        };
    }
    let k = w as f32 / FRAME_SIDE as f32;
    let nh = ((h as f32 / k).round() as u32).max(1);
    View {
        image: imageops::resize(luma, FRAME_SIDE, nh, imageops::FilterType::Triangle),
        to_image: Projection::scale(w as f32 / FRAME_SIDE as f32, h as f32 / nh as f32),
        document: false,
    }
}

/// One printed line found in a view: its baseline from end to end, and its height.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bar {
    /// The baseline at the line's first and last ink, in view pixels.
    pub start: (f32, f32),
    pub end: (f32, f32),
    /// From the baseline to the top of the text.
    pub height: f32,
    /// Length over thickness, for grouping.
    length: f32,
    centre: (f32, f32),
    angle: f32,
}

/// A candidate zone: its format and its lines from top to bottom.
#[derive(Debug, Clone)]
pub(crate) struct Zone {
    pub format: MrzFormat,
    pub bars: Vec<Bar>,
    /// How far its shape is from a typical zone of its format (smaller is better).
    pub misfit: f32,
}

/// Running minimum or maximum over windows of `2 r + 1` along rows (`horizontal`) or columns.
fn running(src: &[u8], w: usize, h: usize, r: usize, horizontal: bool, max: bool) -> Vec<u8> {
    let mut out = vec![0u8; src.len()];
    let (lines, len) = if horizontal { (h, w) } else { (w, h) };
    let idx = |line: usize, i: usize| {
        if horizontal {
            line * w + i
        } else {
            i * w + line
        }
    };
    let mut deque: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    for line in 0..lines {
        deque.clear();
        // Window [i - r, i + r], clamped.
        let mut next = 0;
        for i in 0..len {
            let hi = (i + r).min(len - 1);
            while next <= hi {
                let v = src[idx(line, next)];
                while let Some(&back) = deque.back() {
                    let b = src[idx(line, back)];
                    if (max && b <= v) || (!max && b >= v) {
                        deque.pop_back();
                    } else {
                        break;
                    }
                }
                deque.push_back(next);
                next += 1;
            }
            while let Some(&front) = deque.front() {
                if front + r < i {
                    deque.pop_front();
                } else {
                    break;
                }
            }
            out[idx(line, i)] = deque.front().map_or(255, |&f| src[idx(line, f)]);
        }
    }
    out
}

/// Dark print against its surroundings, closed along the rows into bars: the print is what a
/// grey-level closing by a `(2 r + 1)`-pixel square fills (a "black top-hat": strokes thinner
/// than the square, not a dark photo or a dark card), thresholded, then closed along the rows
/// over gaps of up to `2 gap + 1` pixels, so that the characters of a line join.
pub(crate) fn print_mask(view: &GrayImage, r: usize, gap: usize) -> GrayImage {
    let (w, h) = (view.width() as usize, view.height() as usize);
    let src = view.as_raw();
    let dilated = running(&running(src, w, h, r, true, true), w, h, r, false, true);
    let closed = running(
        &running(&dilated, w, h, r, true, false),
        w,
        h,
        r,
        false,
        false,
    );
    let hat: Vec<u8> = closed
        .iter()
        .zip(src)
        .map(|(c, s)| c.saturating_sub(*s))
        .collect();
    let mut histogram = [0usize; 256];
    for &v in &hat {
        histogram[usize::from(v)] += 1;
    }
    let mut above = 0;
    let mut high = 0.0;
    for (v, &count) in histogram.iter().enumerate().rev() {
        above += count;
        if above * 200 >= hat.len() {
            high = v as f32;
            break;
        }
    }
    let threshold = (0.35 * high).max(10.0) as u8;
    let ink: Vec<u8> = hat
        .iter()
        .map(|&v| if v >= threshold { 255 } else { 0 })
        .collect();
    let joined = running(
        &running(&ink, w, h, gap, true, true),
        w,
        h,
        gap,
        true,
        false,
    );
    GrayImage::from_raw(w as u32, h as u32, joined).unwrap_or_else(|| GrayImage::new(1, 1))
}

/// Moments of one connected region.
#[derive(Default, Clone, Copy)]
struct Moments {
    n: f64,
    sx: f64,
    sy: f64,
    sxx: f64,
    sxy: f64,
    syy: f64,
}

/// The long thin bars in `view` that could be MRZ lines.
pub(crate) fn bars(view: &GrayImage) -> Vec<Bar> {
    let (w, h) = view.dimensions();
    if w < 60 || h < 30 {
        return Vec::new();
    }
    // Strokes are a few pixels wide; the gaps between characters are up to half a pitch
    // (and in a run of fillers about three quarters of a pitch along the rows through their
    // points: up to 20 px for an ID card's zone in a document view).
    let r = ((w as f32 * 0.005).round() as usize).clamp(3, 6);
    let gap = ((w as f32 * 0.011).round() as usize).clamp(3, 12);
    let mask = print_mask(view, r, gap);
    let labels = connected_components(&mask, Connectivity::Eight, Luma([0]));
    let mut moments: Vec<Moments> = Vec::new();
    for (x, y, p) in labels.enumerate_pixels() {
        let l = p.0[0] as usize;
        if l == 0 {
            continue;
        }
        if moments.len() <= l {
            moments.resize(l + 1, Moments::default());
        }
        let (fx, fy) = (f64::from(x), f64::from(y));
        let m = &mut moments[l];
        m.n += 1.0;
        m.sx += fx;
        m.sy += fy;
        m.sxx += fx * fx;
        m.sxy += fx * fy;
        m.syy += fy * fy;
    }
    let min_length = w.min(h) as f32 * 0.25;
    let mut candidates: Vec<(usize, f32, f32, (f32, f32))> = Vec::new();
    for (l, m) in moments.iter().enumerate() {
        if m.n < 60.0 {
            continue;
        }
        let (cx, cy) = (m.sx / m.n, m.sy / m.n);
        let cxx = m.sxx / m.n - cx * cx;
        let cyy = m.syy / m.n - cy * cy;
        let cxy = m.sxy / m.n - cx * cy;
        let tr = cxx + cyy;
        let det = cxx * cyy - cxy * cxy;
        let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
        let (l1, l2) = (tr / 2.0 + disc, (tr / 2.0 - disc).max(0.0));
        let length = (12.0 * l1).sqrt() as f32;
        let thickness = (12.0 * l2).sqrt().max(1.0) as f32;
        let angle = (0.5 * (2.0 * cxy).atan2(cxx - cyy)) as f32;
        let fill = m.n as f32 / (length * thickness);
        if length >= min_length
            && thickness >= 4.0
            && (10.0..=90.0).contains(&(length / thickness))
            && fill >= 0.45
            && angle.abs() <= 35f32.to_radians()
        {
            candidates.push((l, length, angle, (cx as f32, cy as f32)));
        }
    }
    candidates
        .into_iter()
        .filter_map(|(label, length, angle, centre)| {
            measure(&labels, label as u32, angle, centre, length)
        })
        .collect()
}

/// The baseline and the ends of one bar, from the pixels of its region.
fn measure(
    labels: &image::ImageBuffer<Luma<u32>, Vec<u32>>,
    label: u32,
    angle: f32,
    centre: (f32, f32),
    length: f32,
) -> Option<Bar> {
    let (s, c) = angle.sin_cos();
    // Along the bar (a) and across it, downwards (b).
    let reach = (length * 0.7) as i64;
    let (w, h) = (labels.width() as i64, labels.height() as i64);
    let x0 = (centre.0 as i64 - reach).max(0);
    let x1 = (centre.0 as i64 + reach).min(w - 1);
    let y0 = (centre.1 as i64 - reach).max(0);
    let y1 = (centre.1 as i64 + reach).min(h - 1);
    let bins = (length * 1.4 / 2.0).ceil() as usize + 2;
    let mut lowest = vec![f32::NEG_INFINITY; bins];
    let mut highest = vec![f32::INFINITY; bins];
    let mut along: Vec<f32> = Vec::new();
    for y in y0..=y1 {
        for x in x0..=x1 {
            if labels.get_pixel(x as u32, y as u32).0[0] != label {
                continue;
            }
            let (dx, dy) = (x as f32 + 0.5 - centre.0, y as f32 + 0.5 - centre.1);
            let a = dx * c + dy * s;
            let b = -dx * s + dy * c;
            along.push(a);
            let bin = ((a + length * 0.7) / 2.0) as usize;
            if bin < bins {
                lowest[bin] = lowest[bin].max(b + 0.5);
                highest[bin] = highest[bin].min(b - 0.5);
            }
        }
    }
    if along.len() < 20 {
        return None;
    }
    along.sort_by(f32::total_cmp);
    let q = |p: f32| along[((along.len() - 1) as f32 * p) as usize];
    let (a_min, a_max) = (q(0.001), q(0.999));
    let centre_of = |bin: usize| bin as f32 * 2.0 + 1.0 - length * 0.7;
    let fit = |edge: &[f32]| -> Option<(f32, f32)> {
        let pts: Vec<(f32, f32)> = edge
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(i, &v)| (centre_of(i), v))
            .filter(|(a, _)| *a >= a_min && *a <= a_max)
            .collect();
        let line = robust_line(&pts)?;
        Some(line)
    };
    let (base0, base1) = fit(&lowest)?;
    let (top0, top1) = fit(&highest)?;
    // b = base0 + base1 · a, in the bar's frame.
    let to_view = |a: f32, b: f32| (centre.0 + a * c - b * s, centre.1 + a * s + b * c);
    let start = to_view(a_min, base0 + base1 * a_min);
    let end = to_view(a_max, base0 + base1 * a_max);
    let mid = (a_min + a_max) / 2.0;
    let height = (base0 + base1 * mid) - (top0 + top1 * mid);
    (height > 2.0).then_some(Bar {
        start,
        end,
        height,
        length: a_max - a_min,
        centre: to_view(mid, base0 + base1 * mid),
        angle: angle + base1.atan(),
    })
}

/// A least-squares line `v = p + q·u` through `pts`, refitted without the points more than
/// two pixels off the first fit (print touching the line, a gap).
fn robust_line(pts: &[(f32, f32)]) -> Option<(f32, f32)> {
    let fit = |pts: &[(f32, f32)]| -> Option<(f32, f32)> {
        let n = pts.len() as f32;
        if n < 4.0 {
            return None;
        }
        let (mu, mv) = pts
            .iter()
            .fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
        let (mut suu, mut suv) = (0.0, 0.0);
        for p in pts {
            suu += (p.0 - mu) * (p.0 - mu);
            suv += (p.0 - mu) * (p.1 - mv);
        }
        if suu < 1e-6 {
            return None;
        }
        let q = suv / suu;
        Some((mv - q * mu, q))
    };
    let (p, q) = fit(pts)?;
    // The residuals' median: most columns lie on the edge, a few (a gap, a smudge) do not.
    let mut residuals: Vec<f32> = pts.iter().map(|(u, v)| v - (p + q * u)).collect();
    residuals.sort_by(f32::total_cmp);
    let median = residuals[residuals.len() / 2];
    let kept: Vec<(f32, f32)> = pts
        .iter()
        .copied()
        .filter(|(u, v)| (v - (p + q * u) - median).abs() <= 2.0)
        .collect();
    fit(&kept)
}

/// Zones: runs of two or three bars, parallel, of one length, one under another at even
/// spacing, best first.
pub(crate) fn zones(bars: &[Bar]) -> Vec<Zone> {
    let mut out = Vec::new();
    let fits = |a: &Bar, b: &Bar| -> Option<f32> {
        let angle = (a.angle - b.angle).abs();
        let ratio = a.length / b.length;
        if angle > 5f32.to_radians() || !(0.88..=1.14).contains(&ratio) {
            return None;
        }
        let (s, c) = a.angle.sin_cos();
        let (dx, dy) = (b.centre.0 - a.centre.0, b.centre.1 - a.centre.1);
        let along = dx * c + dy * s;
        let across = -dx * s + dy * c;
        // `b` lies below `a`, its middle above `a`'s.
        (across > 1.2 * a.height && across < 3.5 * a.height && along.abs() < 0.06 * a.length)
            .then_some(across)
    };
    for (i, a) in bars.iter().enumerate() {
        for (j, b) in bars.iter().enumerate() {
            let Some(spacing) = fits(a, b) else { continue };
            let pair_ratio = (a.length + b.length) / 2.0 / spacing;
            if (TD3_RATIO.0..=TD3_RATIO.1).contains(&pair_ratio) {
                out.push(Zone {
                    format: MrzFormat::Td3,
                    bars: vec![*a, *b],
                    misfit: (pair_ratio / 26.5).ln().abs(),
                });
            }
            for (k, c) in bars.iter().enumerate() {
                if k == i || k == j {
                    continue;
                }
                let Some(spacing2) = fits(b, c) else { continue };
                let even = (spacing2 / spacing).ln().abs();
                let ratio = (a.length + b.length + c.length) / 3.0 / ((spacing + spacing2) / 2.0);
                if even < 0.15 && (TD1_RATIO.0..=TD1_RATIO.1).contains(&ratio) {
                    out.push(Zone {
                        format: MrzFormat::Td1,
                        bars: vec![*a, *b, *c],
                        misfit: (ratio / 18.0).ln().abs() + even,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.misfit.total_cmp(&b.misfit));
    out
}

impl Zone {
    /// The middle of the zone, in view pixels.
    pub(crate) fn centre(&self) -> (f32, f32) {
        let n = self.bars.len() as f32;
        self.bars.iter().fold((0.0, 0.0), |a, b| {
            (a.0 + b.centre.0 / n, a.1 + b.centre.1 / n)
        })
    }

    /// Each line's cell space mapped onto the still, through `to_image` (view to still).
    /// `flipped`: the zone is read upside down (its last line first, right to left).
    pub(crate) fn lines(&self, to_image: &Projection, flipped: bool) -> Option<Vec<Line>> {
        let columns = self.format.columns();
        let mut bars = self.bars.clone();
        if flipped {
            bars.reverse();
            for b in &mut bars {
                // Upside down, the bar's top edge is the baseline.
                let (nx, ny) = normal(b);
                let lift = |p: (f32, f32)| (p.0 - nx * b.height, p.1 - ny * b.height);
                let (s, e) = (lift(b.end), lift(b.start));
                b.start = s;
                b.end = e;
            }
        }
        let first = bars.first()?;
        let last = bars.last()?;
        // Cell space of the whole zone: line k's baseline at BASELINE + k · spacing.
        let pitch = |b: &Bar| {
            let len = ((b.end.0 - b.start.0).powi(2) + (b.end.1 - b.start.1).powi(2)).sqrt();
            len / (columns as f32 * CELL_W as f32 - INK_LEFT - (CELL_W as f32 - INK_RIGHT))
        };
        let scale = (pitch(first) + pitch(last)) / 2.0; // view pixels per cell pixel
        let gap = {
            let (dx, dy) = (
                (last.start.0 + last.end.0 - first.start.0 - first.end.0) / 2.0,
                (last.start.1 + last.end.1 - first.start.1 - first.end.1) / 2.0,
            );
            (dx * dx + dy * dy).sqrt() / scale
        };
        let lines = bars.len() as f32 - 1.0;
        let spacing = if lines > 0.0 { gap / lines } else { 0.0 };
        let right = columns as f32 * CELL_W as f32 - (CELL_W as f32 - INK_RIGHT);
        let bottom = BASELINE + lines * spacing;
        let zone_to_view = Projection::from_control_points(
            [
                (INK_LEFT, BASELINE),
                (right, BASELINE),
                (right, bottom),
                (INK_LEFT, bottom),
            ],
            [first.start, first.end, last.end, last.start],
        )?;
        let zone_to_image = zone_to_view.and_then(*to_image);
        Some(
            (0..bars.len())
                .map(|k| Line {
                    to_image: Projection::translate(0.0, k as f32 * spacing)
                        .and_then(zone_to_image),
                    cells: columns,
                })
                .collect(),
        )
    }
}

/// The unit normal pointing below the bar (towards its baseline from its top).
fn normal(b: &Bar) -> (f32, f32) {
    let (dx, dy) = (b.end.0 - b.start.0, b.end.1 - b.start.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    (-dy / len, dx / len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_extrema_match_the_naive_ones() {
        let (w, h) = (13, 5);
        let src: Vec<u8> = (0..w * h).map(|i| ((i * 37) % 251) as u8).collect();
        for horizontal in [true, false] {
            for max in [true, false] {
                let got = running(&src, w, h, 2, horizontal, max);
                for y in 0..h {
                    for x in 0..w {
                        let vals = (-2i64..=2).filter_map(|d| {
                            let (xx, yy) = if horizontal {
                                (x as i64 + d, y as i64)
                            } else {
                                (x as i64, y as i64 + d)
                            };
                            (xx >= 0 && yy >= 0 && xx < w as i64 && yy < h as i64)
                                .then(|| src[yy as usize * w + xx as usize])
                        });
                        let want = if max { vals.max() } else { vals.min() }.unwrap();
                        assert_eq!(got[y * w + x], want);
                    }
                }
            }
        }
    }
}
