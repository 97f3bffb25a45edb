//! Finding the card in a still and warping it square to the camera, so that the PDF417 reader
//! sees a barcode whose rows are level whatever the card's tilt and perspective.
//!
//! The card is found where the desk is not: the still is reduced to about 320 pixels wide, the
//! light's falloff is fitted to the frame's border (a plane plus vignetting), pixels whose luma
//! against that light is within the border's range are desk, and the largest region a fill from
//! the border cannot reach is the card (its print inside it). `imageproc` labels that region,
//! traces its contour and takes its convex hull; each side of the hull is then refitted to the
//! strongest edge near it at full resolution (the rounded corners left out), the four lines meet
//! at the corners, and `imageproc`'s projective warp maps the quadrilateral onto a rectangle.

use image::{imageops, GrayImage, Luma};
use imageproc::contours::{find_contours, BorderType};
use imageproc::geometric_transformations::{warp_into, Border, Interpolation, Projection};
use imageproc::geometry::{convex_hull, min_area_rect};
use imageproc::region_labelling::{connected_components, Connectivity};

/// Width the card is looked for at (as the camera's live analysis does).
const SEARCH_WIDTH: u32 = 320;
/// The outer band of the reduced still the desk is sampled from, in pixels.
const BORDER: u32 = 3;
/// How far beyond the border's own luma-to-light range a pixel may be and still count as desk.
const DESK_MARGIN: f32 = 0.07;
/// The smallest region taken for a card, as a share of the reduced still.
const MIN_CARD_AREA: f32 = 0.012;
/// The long side of the rectified card, in pixels: the barcode's modules (about 0.2 % of the
/// card's width on real licences) become about three pixels wide.
const CARD_SIDE: f32 = 1500.0;

/// The card's corners in `luma`'s pixels, going round from the top left with the long side on
/// top, or `None` when no card-shaped region stands out from the desk.
pub(crate) fn card_corners(luma: &GrayImage) -> Option<[(f32, f32); 4]> {
    let (w, h) = luma.dimensions();
    if w < 4 * SEARCH_WIDTH / 10 || h < 40 {
        return None;
    }
    let scale = (w as f32 / SEARCH_WIDTH as f32).max(1.0);
    let small = if scale > 1.0 {
        imageops::resize(
            luma,
            SEARCH_WIDTH,
            ((h as f32 / scale).round() as u32).max(1),
            imageops::FilterType::Triangle,
        )
    } else {
        luma.clone()
    };
    let mask = card_mask(&small)?;
    let contour = find_contours::<i32>(&mask)
        .into_iter()
        .filter(|c| c.border_type == BorderType::Outer)
        .max_by_key(|c| c.points.len())?;
    let hull = convex_hull(contour.points);
    if hull.len() < 4 {
        return None;
    }
    let rect = min_area_rect(&hull);
    let coarse: [(f32, f32); 4] =
        rect.map(|p| ((p.x as f32 + 0.5) * scale, (p.y as f32 + 0.5) * scale));
    let refined = refine(luma, coarse, scale).unwrap_or(coarse);
    Some(orient(refined))
}

/// The card warped onto a rectangle of its own measured shape, [`CARD_SIDE`] long.
pub(crate) fn rectified_card(luma: &GrayImage) -> Option<GrayImage> {
    let corners = card_corners(luma)?;
    let dist = |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    let mut width = (dist(corners[0], corners[1]) + dist(corners[3], corners[2])) / 2.0;
    let mut height = (dist(corners[1], corners[2]) + dist(corners[0], corners[3])) / 2.0;
    // Enlarged to about [`CARD_SIDE`] (at most twice): the reader finds rows of small
    // modules more surely when each module spans a few pixels.
    let scale = (CARD_SIDE / width.max(height)).clamp(0.5, 2.0);
    width *= scale;
    height *= scale;
    if width < 40.0 || height < 25.0 {
        return None;
    }
    let target = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)];
    let projection = Projection::from_control_points(corners, target)?;
    let mut out = GrayImage::new(width.round() as u32, height.round() as u32);
    warp_into(
        luma,
        projection,
        Interpolation::Bicubic,
        Border::Constant(Luma([255])),
        &mut out,
    );
    Some(out)
}

/// Card pixels (255) against desk (0): the largest region the desk cannot reach.
fn card_mask(small: &GrayImage) -> Option<GrayImage> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let light = fit_light(small)?;
    let (lo, hi) = desk_range(small, &light)?;
    let data = small.as_raw();
    let desk_like: Vec<bool> = (0..w * h)
        .map(|i| {
            let r = f32::from(data[i]) / light.at(i % w, i / w, w, h);
            (lo..=hi).contains(&r)
        })
        .collect();
    // Fill from the border through desk-like pixels.
    let mut desk = vec![false; w * h];
    let mut stack: Vec<usize> = (0..w)
        .flat_map(|x| [x, (h - 1) * w + x])
        .chain((0..h).flat_map(|y| [y * w, y * w + w - 1]))
        .collect();
    while let Some(i) = stack.pop() {
        if desk[i] || !desk_like[i] {
            continue;
        }
        desk[i] = true;
        let (x, y) = (i % w, i / w);
        if x > 0 {
            stack.push(i - 1);
        }
        if x + 1 < w {
            stack.push(i + 1);
        }
        if y > 0 {
            stack.push(i - w);
        }
        if y + 1 < h {
            stack.push(i + w);
        }
    }
    let not_desk = GrayImage::from_fn(w as u32, h as u32, |x, y| {
        Luma([if desk[y as usize * w + x as usize] {
            0
        } else {
            255
        }])
    });
    let labels = connected_components(&not_desk, Connectivity::Four, Luma([0]));
    let mut sizes = std::collections::HashMap::<u32, usize>::new();
    for p in labels.pixels() {
        if p.0[0] != 0 {
            *sizes.entry(p.0[0]).or_default() += 1;
        }
    }
    let (&card, &area) = sizes.iter().max_by_key(|(_, &n)| n)?;
    if (area as f32) < MIN_CARD_AREA * (w * h) as f32 {
        return None;
    }
    Some(GrayImage::from_fn(w as u32, h as u32, |x, y| {
        Luma([if labels.get_pixel(x, y).0[0] == card {
            255
        } else {
            0
        }])
    }))
}

/// Moves each side of the coarse rectangle onto the strongest edge near it at full resolution:
/// along the middle of the side, the largest luma step across it within a few reduced pixels,
/// then a least-squares line through those steps. The corners are where the lines meet.
fn refine(luma: &GrayImage, coarse: [(f32, f32); 4], scale: f32) -> Option<[(f32, f32); 4]> {
    let (w, h) = luma.dimensions();
    let reach = (4.0 * scale).max(4.0);
    let centre = coarse
        .iter()
        .fold((0.0, 0.0), |a, c| (a.0 + c.0 / 4.0, a.1 + c.1 / 4.0));
    let at = |x: f32, y: f32| -> Option<f32> {
        (x >= 0.0 && y >= 0.0 && x < (w - 1) as f32 && y < (h - 1) as f32)
            .then(|| f32::from(luma.get_pixel(x as u32, y as u32).0[0]))
    };
    let mut lines = Vec::with_capacity(4);
    for k in 0..4 {
        let (a, b) = (coarse[k], coarse[(k + 1) % 4]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 8.0 {
            return None;
        }
        let (tx, ty) = (dx / len, dy / len);
        // The normal pointing away from the card's centre.
        let (mut nx, mut ny) = (-ty, tx);
        let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        if (mid.0 - centre.0) * nx + (mid.1 - centre.1) * ny < 0.0 {
            nx = -nx;
            ny = -ny;
        }
        let mut points = Vec::new();
        let mut steps = Vec::new();
        for s in 0..=32 {
            // The middle 70 % of the side: the rounded corners are not the side.
            let t = 0.15 + 0.7 * s as f32 / 32.0;
            let (px, py) = (a.0 + dx * t, a.1 + dy * t);
            steps.clear();
            let mut o = -reach;
            while o <= reach {
                let (x, y) = (px + nx * o, py + ny * o);
                if let (Some(inner), Some(outer)) = (
                    at(x - nx * 1.5, y - ny * 1.5),
                    at(x + nx * 1.5, y + ny * 1.5),
                ) {
                    steps.push((o, (inner - outer).abs()));
                }
                o += 0.5;
            }
            // The innermost strong step: the card's own edge, not its shadow's beyond it.
            let strongest = steps.iter().map(|s| s.1).fold(0.0f32, f32::max);
            if strongest < 12.0 {
                continue;
            }
            let Some(start) = steps.iter().position(|s| s.1 >= 0.5 * strongest) else {
                continue;
            };
            // The peak of that step.
            let mut best = steps[start];
            for &s in &steps[start..] {
                if s.1 < best.1 {
                    break;
                }
                best = s;
            }
            points.push((px + nx * best.0, py + ny * best.0));
        }
        if points.len() < 10 {
            return None;
        }
        // Fit, drop what lies off the line (print, a glint), fit again.
        let first = fit_line(&points)?;
        points.retain(|&p| distance_to_line(p, first) <= 2.0);
        if points.len() < 8 {
            return None;
        }
        lines.push(fit_line(&points)?);
    }
    let mut corners = [(0.0, 0.0); 4];
    for k in 0..4 {
        corners[(k + 1) % 4] = intersect(lines[k], lines[(k + 1) % 4])?;
    }
    // Refitted corners far from the coarse ones mean an edge was mistaken: keep the coarse.
    let moved = corners
        .iter()
        .zip(&coarse)
        .map(|(a, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
        .fold(0.0f32, f32::max);
    (moved <= 6.0 * scale).then_some(corners)
}

/// A line through `points` (total least squares): a point on it and its direction.
fn fit_line(points: &[(f32, f32)]) -> Option<((f32, f32), (f32, f32))> {
    let n = points.len() as f32;
    let (mx, my) = points
        .iter()
        .fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
    let (mut sxx, mut syy, mut sxy) = (0.0f32, 0.0f32, 0.0f32);
    for p in points {
        let (dx, dy) = (p.0 - mx, p.1 - my);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    angle
        .is_finite()
        .then(|| ((mx, my), (angle.cos(), angle.sin())))
}

fn distance_to_line(p: (f32, f32), ((mx, my), (dx, dy)): ((f32, f32), (f32, f32))) -> f32 {
    ((p.0 - mx) * dy - (p.1 - my) * dx).abs()
}

fn intersect(
    (p, d): ((f32, f32), (f32, f32)),
    (q, e): ((f32, f32), (f32, f32)),
) -> Option<(f32, f32)> {
    let det = d.0 * e.1 - d.1 * e.0;
    if det.abs() < 1e-3 {
        return None;
    }
    let t = ((q.0 - p.0) * e.1 - (q.1 - p.1) * e.0) / det;
    Some((p.0 + d.0 * t, p.1 + d.1 * t))
}

/// Orders the corners clockwise from the top left of the card as it lies, long side on top
/// (a card upside down is turned by the reader, which tries 180° itself).
fn orient(mut c: [(f32, f32); 4]) -> [(f32, f32); 4] {
    let centre = c
        .iter()
        .fold((0.0, 0.0), |a, p| (a.0 + p.0 / 4.0, a.1 + p.1 / 4.0));
    // Clockwise on screen (y down): by angle around the centre.
    c.sort_by(|a, b| {
        let ta = (a.1 - centre.1).atan2(a.0 - centre.0);
        let tb = (b.1 - centre.1).atan2(b.0 - centre.0);
        ta.total_cmp(&tb)
    });
    let dist = |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    // Start at the corner whose following side is a long one and that is nearest the top left.
    let long_first = dist(c[0], c[1]) + dist(c[2], c[3]) >= dist(c[1], c[2]) + dist(c[3], c[0]);
    if !long_first {
        c.rotate_left(1);
    }
    // Of the two starts that keep the long side first, the one nearer the top.
    let top = |a: (f32, f32), b: (f32, f32)| a.1 + b.1;
    if top(c[2], c[3]) < top(c[0], c[1]) {
        c.rotate_left(2);
    }
    c
}

/// The light on the desk, fitted to the reduced still's border: `a + b·x + c·y + d·r²`.
#[derive(Debug, Clone, Copy)]
struct Light([f64; 4]);

impl Light {
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
        (0..w)
            .filter(move |&x| band || x < b || x >= w - b)
            .map(move |x| (x, y))
    })
}

fn fit_light(small: &GrayImage) -> Option<Light> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let data = small.as_raw();
    let mut m = [[0f64; 5]; 4];
    for (x, y) in border_pixels(w, h) {
        let (nx, ny) = (x as f64 / w as f64 - 0.5, y as f64 / h as f64 - 0.5);
        let f = [1.0, nx, ny, nx * nx + ny * ny];
        let v = f64::from(data[y * w + x]);
        for r in 0..4 {
            for c in 0..4 {
                m[r][c] += f[r] * f[c];
            }
            m[r][4] += f[r] * v;
        }
    }
    // Gaussian elimination with partial pivoting.
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
    let fit = Light(std::array::from_fn(|i| m[i][4] / m[i][i]));
    (fit.0[0] > 0.0).then_some(fit)
}

/// The 2nd to 98th percentile of the border's luma-to-light ratios, widened by [`DESK_MARGIN`].
fn desk_range(small: &GrayImage, light: &Light) -> Option<(f32, f32)> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let data = small.as_raw();
    let mut ratios: Vec<f32> = border_pixels(w, h)
        .map(|(x, y)| f32::from(data[y * w + x]) / light.at(x, y, w, h))
        .collect();
    if ratios.is_empty() {
        return None;
    }
    ratios.sort_by(f32::total_cmp);
    let q = |p: f32| ratios[((ratios.len() - 1) as f32 * p) as usize];
    Some((q(0.02) - DESK_MARGIN, q(0.98) + DESK_MARGIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_go_round_from_the_top_left_with_the_long_side_on_top() {
        // A card rotated a little, corners given in a scrambled order.
        let c = orient([(90.0, 80.0), (12.0, 8.0), (10.0, 70.0), (92.0, 15.0)]);
        assert_eq!(c, [(12.0, 8.0), (92.0, 15.0), (90.0, 80.0), (10.0, 70.0)]);
        // Held upright (long side vertical): the long side still comes first.
        let c = orient([(10.0, 10.0), (50.0, 10.0), (50.0, 110.0), (10.0, 110.0)]);
        let long =
            |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        assert!(long(c[0], c[1]) > long(c[1], c[2]));
    }

    #[test]
    fn an_empty_desk_has_no_card() {
        let desk = GrayImage::from_fn(640, 360, |x, y| Luma([90 + ((x * 7 + y * 3) % 11) as u8]));
        assert!(card_corners(&desk).is_none());
    }

    #[test]
    fn a_light_card_on_a_dark_desk_is_found_to_within_a_few_pixels() {
        let mut img = GrayImage::from_pixel(640, 360, Luma([40]));
        for y in 80..280 {
            for x in 160..480 {
                img.put_pixel(x, y, Luma([220]));
            }
        }
        let c = card_corners(&img).expect("a card");
        let expected = [(160.0, 80.0), (480.0, 80.0), (480.0, 280.0), (160.0, 280.0)];
        for (got, want) in c.iter().zip(expected) {
            assert!(
                (got.0 - want.0).abs() < 3.0 && (got.1 - want.1).abs() < 3.0,
                "{c:?}"
            );
        }
    }
}
