//! The kiosk camera end to end, with the synthetic camera of demo mode: a moving preview in the
//! webview, live instructions that follow the scene, auto-capture, manual capture, the review
//! copy, and Retake. Run with `cargo xtask test e2e camera`. The preview benchmark at the end
//! feeds the app a recorded MJPEG stream instead (`--demo-camera-file`).

use std::path::Path;
use std::time::{Duration, Instant};

use e2e::{Kiosk, AUTO_CAPTURE_TIMEOUT};

/// Welcome → intake (driver's license, kiosk camera) → the document front.
fn to_document_front(kiosk: &Kiosk) {
    kiosk.wait_screen("welcome");
    kiosk.click("#start");
    kiosk.wait_screen("intake");
    kiosk.fill_intake(
        "ada@example.com",
        Some("drivers_license"),
        Some("kiosk_camera"),
        true,
    );
    kiosk.wait_screen("document_front");
}

/// Preview frames drawn by the current capture screen's painter.
fn frames_painted(kiosk: &Kiosk) -> u64 {
    kiosk.preview_frames_painted()
}

fn wait_frames(kiosk: &Kiosk, at_least: u64) {
    let ok = e2e::process::wait_until(Duration::from_secs(20), || {
        frames_painted(kiosk) >= at_least
    });
    assert!(
        ok,
        "the preview should paint frames; painted {}",
        frames_painted(kiosk)
    );
}

/// How many pixels differ (by more than a little noise) inside `rect` between two screenshots.
fn pixels_changed(a: &Path, b: &Path, rect: (f64, f64, f64, f64)) -> (u64, u64) {
    let a = image::open(a).expect("read screenshot a").to_rgb8();
    let b = image::open(b).expect("read screenshot b").to_rgb8();
    let (x, y, w, h) = rect;
    let (mut changed, mut total) = (0, 0);
    for py in y as u32..(y + h) as u32 {
        for px in x as u32..(x + w) as u32 {
            if px >= a.width() || py >= a.height() {
                continue;
            }
            total += 1;
            let (p, q) = (a.get_pixel(px, py).0, b.get_pixel(px, py).0);
            if p.iter().zip(q).any(|(&s, t)| s.abs_diff(t) > 24) {
                changed += 1;
            }
        }
    }
    (changed, total)
}

/// The camera's sequence number of the frame the page drew last.
fn last_frame_seq(kiosk: &Kiosk) -> f64 {
    kiosk
        .session()
        .execute(
            "return window.__previewStats ? window.__previewStats.lastSeq % 4294967296 : 0;",
            vec![],
        )
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or_default()
}

/// Waits until a person would see the preview move: the picture inside `#preview` differs from
/// the first look, while the page keeps painting new camera frames (its painted-frame count and
/// the camera's frame number both advance).
///
/// The `never-ready` scene loops every 4 s and holds still for up to 2 s of it (the empty desk,
/// then the card under glare), where consecutive frames differ only by sensor noise. Two looks a
/// fixed 700 ms apart fell inside one still stretch about one run in three; looking again until
/// the scene moves (bounded by two whole loops) checks what a person sees without guessing when.
fn wait_until_the_preview_moves(kiosk: &Kiosk, dir: &Path) {
    let rect = kiosk.rect("#preview");
    let first = dir.join("preview-first.png");
    let frames_before = frames_painted(kiosk);
    let seq_before = last_frame_seq(kiosk);
    kiosk.screenshot(&first);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut looks = 0;
    let mut most = (0, 0);
    loop {
        looks += 1;
        let later = dir.join("preview-later.png");
        kiosk.screenshot(&later);
        let (changed, total) = pixels_changed(&first, &later, rect);
        if changed > most.0 {
            most = (changed, total);
        }
        if total > 0 && changed * 100 > total {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the preview should move within two loops of the scene: at most {} of {} pixels \
             changed inside #preview over {looks} looks",
            most.0,
            most.1
        );
    }
    let (frames_after, seq_after) = (frames_painted(kiosk), last_frame_seq(kiosk));
    assert!(
        frames_after > frames_before && seq_after > seq_before,
        "new camera frames should be painted while the preview moves: painted {frames_before} \
         -> {frames_after}, camera frame {seq_before} -> {seq_after}"
    );
}

fn canvas_size(kiosk: &Kiosk, id: &str) -> (u64, u64) {
    let v = kiosk
        .session()
        .execute(
            &format!("const c = document.getElementById('{id}'); return c ? [c.width, c.height] : [0, 0];"),
            vec![],
        )
        .expect("read the canvas size");
    (
        v[0].as_u64().unwrap_or_default(),
        v[1].as_u64().unwrap_or_default(),
    )
}

#[test]
fn the_preview_moves_staff_capture_shows_a_small_copy_and_retake_restarts_the_camera() {
    let kiosk = Kiosk::launch(
        "camera_preview_capture_retake",
        &[
            "--demo",
            "--demo-camera-script",
            "never-ready",
            "--demo-decline-first",
            "none",
        ],
    );
    to_document_front(&kiosk);
    wait_frames(&kiosk, 5);
    let dir = kiosk.run_dir().to_path_buf();
    wait_until_the_preview_moves(&kiosk, &dir);
    assert_eq!(
        kiosk.screen().as_deref(),
        Some("document_front"),
        "never-ready must not auto-capture"
    );

    // Staff capture; the review screen draws a downscaled copy, never the full-resolution still.
    kiosk.click("#capture");
    kiosk.wait_screen("review");
    let ok = e2e::process::wait_until(Duration::from_secs(10), || {
        canvas_size(&kiosk, "review-canvas").0 > 0
    });
    assert!(ok, "the review screen should draw the photo");
    let (w, h) = canvas_size(&kiosk, "review-canvas");
    assert!(
        w <= 640 && h <= 640,
        "the review copy is {w}x{h}: more than 640 px"
    );
    let images = kiosk
        .session()
        .execute("return document.querySelectorAll('img').length;", vec![])
        .ok()
        .and_then(|v| v.as_u64());
    assert_eq!(images, Some(0), "no <img> may carry a capture");

    // Retake: the same step again, with a live preview again.
    kiosk.click("#retake");
    kiosk.wait_screen("document_front");
    wait_frames(&kiosk, 3);
    kiosk.click("#capture");
    kiosk.wait_screen("review");
    kiosk.click("#use-photo");
    kiosk.wait_screen("document_back");
    wait_frames(&kiosk, 3);
}

#[test]
fn the_instruction_follows_the_scene_and_the_camera_captures_by_itself() {
    let kiosk = Kiosk::launch(
        "camera_instruction_auto_capture",
        &[
            "--demo",
            "--demo-camera-script",
            "slow",
            "--demo-decline-first",
            "none",
        ],
    );
    to_document_front(&kiosk);
    let mut seen: Vec<String> = Vec::new();
    let deadline = Instant::now() + AUTO_CAPTURE_TIMEOUT;
    while Instant::now() < deadline && kiosk.screen().as_deref() == Some("document_front") {
        if let Some(text) = kiosk.try_text("#instruction") {
            if !text.is_empty() && seen.last() != Some(&text) {
                seen.push(text);
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // Nobody pressed anything: the camera captured when the card was good and steady.
    kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
    let lower: Vec<String> = seen.iter().map(|t| t.to_lowercase()).collect();
    assert!(
        lower.iter().any(|t| t.contains("glare")),
        "the glare scene should ask to reduce glare; instructions seen: {seen:?}"
    );
    assert!(
        lower.iter().any(|t| t.contains("place your document")),
        "the empty desk should ask for the document; instructions seen: {seen:?}"
    );
    assert!(
        seen.len() >= 3,
        "the instruction should change with the scene: {seen:?}"
    );

    // The selfie camera judges faces.
    kiosk.click("#use-photo");
    kiosk.wait_screen("document_back");
    kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
    kiosk.click("#use-photo");
    kiosk.wait_screen("selfie");
    let face = kiosk.wait_text("#instruction", AUTO_CAPTURE_TIMEOUT, |t| {
        let t = t.to_lowercase();
        t.contains("face the camera") || t.contains("move closer")
    });
    assert!(!face.is_empty());
    kiosk.wait_screen_within("review", AUTO_CAPTURE_TIMEOUT);
}

/// CPU seconds per thread name of a process, from /proc (utime + stime, clock ticks of 10 ms).
fn cpu_by_thread(pid: i32) -> std::collections::BTreeMap<String, f64> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    for task in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        // After the name: state is field 3, utime 14 and stime 15 (1-based, whole line).
        let ticks: f64 = fields
            .get(11..13)
            .map(|f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum())
            .unwrap_or_default();
        *out.entry(name).or_insert(0.0) += ticks / 100.0;
    }
    out
}

/// Total CPU seconds of a process (all its threads).
fn cpu_of(pid: i32) -> f64 {
    cpu_by_thread(pid).values().sum()
}

/// Busy CPU seconds of the whole machine (every core, every user), from /proc/stat.
fn machine_busy_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    let busy: f64 = fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(i, 3 | 4) && *i < 8)
        .map(|(_, v)| v)
        .sum();
    busy / 100.0
}

/// A pre-encoded MJPEG stream, as a webcam delivers it: `frames` frames of a card drifting to
/// and fro across the desk (never steady, so nothing is captured by itself), drawn and
/// JPEG-encoded once by the synthetic scene generator (quality 85, sensor noise), each frame
/// with a few trailing bytes after its EOI marker like a Linux webcam's buffers. Returns the
/// stream file's size.
fn record_mjpeg_stream(path: &Path, (width, height): (u32, u32), frames: u32) -> u64 {
    use camera::{Frame, FrameSource, Pacing, PixelFormat, Scene, Script, StreamFormat};
    let half = frames / 2;
    let (left, right) = (
        Scene::document().at(0.3, 0.55),
        Scene::document().at(0.7, 0.45),
    );
    let script = Script::new()
        .moving(left, right, half)
        .moving(right, left, frames - half);
    let mut source = camera::SyntheticSource::new(
        StreamFormat {
            format: PixelFormat::Mjpeg,
            width,
            height,
            fps: 30,
        },
        script,
        Pacing::Unpaced,
    );
    let mut frame = Frame::with_capacity(0);
    let mut stream = Vec::new();
    for _ in 0..frames {
        source
            .read_frame(&mut frame)
            .expect("a synthetic MJPEG frame");
        stream.extend_from_slice(&frame.data);
    }
    std::fs::write(path, &stream).expect("write the MJPEG stream");
    stream.len() as u64
}

/// The figures of one preview run.
struct PreviewFigures {
    size: String,
    frame_kb: f64,
    produced_fps: f64,
    painted_fps: f64,
    age_p50: f64,
    age_p95: f64,
    /// % of one core: the app process without its analysis thread (capture thread, IPC,
    /// GTK main loop and WebKit's UI-process side: the transport).
    transport: f64,
    /// % of one core: the camera-analysis thread (verdicts, not the transport).
    analysis: f64,
    /// % of one core: WebKit's web process (JPEG decode, canvas, paint) and network process.
    webkit: f64,
    /// % of one core: Xvfb, the software X server the window is painted to.
    xserver: f64,
    /// % of the machine's cores busy with anything else (other users, builds).
    others: f64,
}

/// Frames replayed per stream: three seconds at 30 fps.
const RECORDED_FRAMES: u32 = 90;

fn run_preview_benchmark(size: &str, window: Duration) -> PreviewFigures {
    let dims = match size {
        "720p" => (1280, 720),
        "1080p" => (1920, 1080),
        other => panic!("PREVIEW_BENCH_SIZE: 720p or 1080p, not {other}"),
    };
    let dir = tempfile::Builder::new()
        .prefix("kiosk-preview-bench-")
        .tempdir()
        .expect("a temporary directory");
    let stream = dir.path().join(format!("stream-{size}.mjpeg"));
    let started = Instant::now();
    let bytes = record_mjpeg_stream(&stream, dims, RECORDED_FRAMES);
    let frame_kb = bytes as f64 / f64::from(RECORDED_FRAMES) / 1024.0;
    println!(
        "preview benchmark {size}: {RECORDED_FRAMES} frames pre-encoded in {:.1} s ({frame_kb:.0} KiB a frame), replayed by the app at 30 fps (--demo-camera-file)",
        started.elapsed().as_secs_f64()
    );
    let stream_arg = stream.to_str().expect("a UTF-8 path");
    let kiosk = Kiosk::launch(
        &format!("camera_preview_benchmark_{size}"),
        &["--demo", "--demo-camera-file", stream_arg],
    );
    to_document_front(&kiosk);
    wait_frames(&kiosk, 30);
    // Warm-up: the web process's caches and the JIT settle before the window opens.
    std::thread::sleep(Duration::from_secs(2));
    let processes = e2e::process::marked_processes(kiosk.run_dir());
    let app = processes
        .iter()
        .find(|p| p.cmdline.contains("enrollment-kiosk") && !p.cmdline.contains("driver"))
        .expect("the app process");
    let pids = |needle: &str| -> Vec<i32> {
        processes
            .iter()
            .filter(|p| p.cmdline.contains(needle))
            .map(|p| p.pid)
            .collect()
    };
    let (webkit, xvfb) = (
        [pids("WebKitWebProcess"), pids("WebKitNetworkProcess")].concat(),
        pids("Xvfb"),
    );
    let all: Vec<i32> = processes.iter().map(|p| p.pid).collect();
    let sum = |pids: &[i32]| pids.iter().map(|&p| cpu_of(p)).sum::<f64>();

    let frames_before = frames_painted(&kiosk);
    let seq_before = last_frame_seq(&kiosk);
    let (webkit_before, xvfb_before, ours_before) = (sum(&webkit), sum(&xvfb), sum(&all));
    let machine_before = machine_busy_secs();
    let app_before = cpu_by_thread(app.pid);
    let clock = Instant::now();
    std::thread::sleep(window);
    let app_after = cpu_by_thread(app.pid);
    let (webkit_after, xvfb_after, ours_after) = (sum(&webkit), sum(&xvfb), sum(&all));
    let machine_after = machine_busy_secs();
    let secs = clock.elapsed().as_secs_f64();
    let painted = frames_painted(&kiosk) - frames_before;
    let seq_after = last_frame_seq(&kiosk);
    let mut ages: Vec<f64> = kiosk
        .session()
        .execute("return window.__previewStats.agesMs;", vec![])
        .expect("read the frame ages")
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    // The page keeps the latest 600: those painted inside the window are the last ones.
    let ages_len = ages.len();
    ages.drain(..ages_len.saturating_sub(painted as usize));
    ages.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| {
        ages.get(((ages.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    let mut analysis = 0.0;
    let mut app_total = 0.0;
    for (name, after) in &app_after {
        let used = after - app_before.get(name).copied().unwrap_or(0.0);
        app_total += used;
        if name == "camera-analysis" {
            analysis += used;
        }
        if used / secs > 0.005 {
            println!(
                "  app thread {name:>20}: {:5.1} % of one core",
                100.0 * used / secs
            );
        }
    }
    let cores = std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64);
    let others = ((machine_after - machine_before) - (ours_after - ours_before)).max(0.0);
    assert_eq!(
        kiosk.screen().as_deref(),
        Some("document_front"),
        "the replayed card never holds still: nothing may be captured during the benchmark"
    );
    PreviewFigures {
        size: size.to_string(),
        frame_kb,
        produced_fps: (seq_after - seq_before) / secs,
        painted_fps: painted as f64 / secs,
        age_p50: pct(0.5),
        age_p95: pct(0.95),
        transport: 100.0 * (app_total - analysis) / secs,
        analysis: 100.0 * analysis / secs,
        webkit: 100.0 * (webkit_after - webkit_before) / secs,
        xserver: 100.0 * (xvfb_after - xvfb_before) / secs,
        others: 100.0 * others / secs / cores,
    }
}

/// The camera preview inside the webview under Xvfb, fed by a webcam-like source: a
/// pre-encoded MJPEG stream (recorded once at the start from the synthetic scene generator)
/// that the app replays at 30 fps (`--demo-camera-file`), through the same capture thread,
/// frame type and preview path as a webcam's MJPEG frames. So the figures are the transport's
/// own: frames per second painted, frame age from capture to drawn (p50/p95), and the CPU of
/// the app (without its analysis thread), of WebKit's processes and of the X server, at 720p
/// and 1080p. Prints; asserts nothing about time. `PREVIEW_BENCH_SIZE=720p` (or `1080p`)
/// measures one size only. Run by `cargo xtask bench` (or `cargo xtask bench preview`).
#[test]
#[ignore = "benchmark; run explicitly"]
fn preview_benchmark() {
    let sizes: Vec<String> = match std::env::var("PREVIEW_BENCH_SIZE") {
        Ok(size) if !size.is_empty() => vec![size],
        _ => vec!["720p".into(), "1080p".into()],
    };
    let window = Duration::from_secs(15);
    let figures: Vec<PreviewFigures> = sizes
        .iter()
        .map(|size| run_preview_benchmark(size, window))
        .collect();
    println!(
        "\npreview benchmark: replayed MJPEG at 30 fps, {} s window, debug build under Xvfb \
         (CPU in % of one core; \"others\": the rest of this shared machine, % of all its cores; \
         load average now: {})",
        window.as_secs(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    println!(
        "| stream | frame size | produced | painted | age p50 | age p95 | Rust transport | analysis | WebKit | Xvfb | others |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for f in &figures {
        println!(
            "| {} | {:.0} KiB | {:.1} fps | {:.1} fps | {:.0} ms | {:.0} ms | {:.0} % | {:.0} % | {:.0} % | {:.0} % | {:.0} % |",
            f.size,
            f.frame_kb,
            f.produced_fps,
            f.painted_fps,
            f.age_p50,
            f.age_p95,
            f.transport,
            f.analysis,
            f.webkit,
            f.xserver,
            f.others
        );
    }
}
