//! Each verdict on synthetic scenes, and auto-capture.

use camera::{
    Analyzer, AutoCapture, CaptureKind, Frame, FrameSource, Instruction, Pacing, PixelFormat,
    Scene, Script, StreamFormat, SyntheticSource,
};

const W: u32 = 640;
const H: u32 = 360;

fn frames(script: Script, format: PixelFormat, n: usize) -> Vec<Frame> {
    let mut src = SyntheticSource::new(
        StreamFormat {
            format,
            width: W,
            height: H,
            fps: 30,
        },
        script,
        Pacing::Unpaced,
    );
    (0..n)
        .map(|_| {
            let mut f = Frame::with_capacity(0);
            src.read_frame(&mut f).unwrap();
            f
        })
        .collect()
}

/// The instruction for a scene held steady for 3 frames (so motion is measured).
fn verdict(scene: Scene, kind: CaptureKind) -> Instruction {
    let mut a = Analyzer::default();
    let mut last = None;
    for f in frames(Script::new().hold(scene, 3), PixelFormat::Mjpeg, 3) {
        let r = a.analyze_frame(&f, kind).unwrap();
        eprintln!("{scene:?}: {r:?}");
        last = Some(r.instruction);
    }
    last.unwrap()
}

#[test]
fn good_and_steady_document_looks_good() {
    assert_eq!(
        verdict(Scene::document(), CaptureKind::Document),
        Instruction::LooksGood
    );
}

#[test]
fn blurred_document_asks_to_hold_still() {
    assert_eq!(
        verdict(Scene::document().motion_blur(0.03), CaptureKind::Document),
        Instruction::HoldStill
    );
    assert_eq!(
        verdict(Scene::document().focus_blur(0.006), CaptureKind::Document),
        Instruction::HoldStill
    );
}

#[test]
fn glare_asks_to_reduce_glare() {
    assert_eq!(
        verdict(Scene::document().glare(), CaptureKind::Document),
        Instruction::ReduceGlare
    );
}

#[test]
fn small_document_asks_to_move_closer() {
    assert_eq!(
        verdict(Scene::document().sized(0.4), CaptureKind::Document),
        Instruction::MoveCloser
    );
}

#[test]
fn a_small_document_away_from_the_guide_asks_to_move_closer_not_to_place_it() {
    // Wholly in the frame, far from the guide's centre, small: found, so "Move closer".
    assert_eq!(
        verdict(
            Scene::document().sized(0.35).at(0.25, 0.3),
            CaptureKind::Document
        ),
        Instruction::MoveCloser
    );
}

#[test]
fn dark_scene_asks_for_more_light() {
    assert_eq!(
        verdict(Scene::document().light(0.2), CaptureKind::Document),
        Instruction::MoreLight
    );
    assert_eq!(
        verdict(Scene::face().light(0.2), CaptureKind::Selfie),
        Instruction::MoreLight
    );
}

#[test]
fn empty_or_off_centre_asks_to_place_the_document() {
    assert_eq!(
        verdict(Scene::Empty, CaptureKind::Document),
        Instruction::PlaceDocument
    );
    assert_eq!(
        verdict(Scene::document().at(0.8, 0.5), CaptureKind::Document),
        Instruction::PlaceDocument
    );
}

#[test]
fn moving_document_asks_to_hold_still() {
    let mut a = Analyzer::default();
    let script = Script::new().moving(
        Scene::document().at(0.56, 0.5),
        Scene::document().at(0.44, 0.5),
        4,
    );
    let got: Vec<_> = frames(script, PixelFormat::Mjpeg, 4)
        .iter()
        .map(|f| {
            a.analyze_frame(f, CaptureKind::Document)
                .unwrap()
                .instruction
        })
        .collect();
    eprintln!("{got:?}");
    assert_eq!(
        &got[1..3],
        &[Instruction::HoldStill, Instruction::HoldStill]
    );
}

#[test]
fn one_centred_face_looks_good() {
    assert_eq!(
        verdict(Scene::face(), CaptureKind::Selfie),
        Instruction::LooksGood
    );
}

#[test]
fn no_face_or_two_faces_asks_to_face_the_camera() {
    assert_eq!(
        verdict(Scene::face().faces(0), CaptureKind::Selfie),
        Instruction::FaceCamera
    );
    assert_eq!(
        verdict(Scene::face().at(0.3, 0.5).faces(2), CaptureKind::Selfie),
        Instruction::FaceCamera
    );
}

#[test]
fn small_face_asks_to_move_closer() {
    assert_eq!(
        verdict(Scene::face().sized(0.14), CaptureKind::Selfie),
        Instruction::MoveCloser
    );
}

#[test]
fn verdicts_hold_for_yuyv_and_nv12_sources() {
    for format in [PixelFormat::Yuyv, PixelFormat::Nv12] {
        let mut a = Analyzer::default();
        let fs = frames(
            Script::new()
                .hold(Scene::document().glare(), 2)
                .hold(Scene::document(), 3),
            format,
            5,
        );
        let got: Vec<_> = fs
            .iter()
            .map(|f| {
                a.analyze_frame(f, CaptureKind::Document)
                    .unwrap()
                    .instruction
            })
            .collect();
        assert_eq!(got[1], Instruction::ReduceGlare, "{format:?}");
        assert_eq!(got[4], Instruction::LooksGood, "{format:?}");
    }
}

#[test]
fn auto_capture_fires_on_exactly_the_nth_good_frame() {
    const N: u32 = 5;
    let mut a = Analyzer::default();
    let mut auto = AutoCapture::new(N);
    // Frame 0 has no predecessor (motion unknown), so frames 1.. are the good ones.
    let fs = frames(
        Script::new()
            .hold(Scene::document().glare(), 2)
            .hold(Scene::document(), 10),
        PixelFormat::Mjpeg,
        12,
    );
    let mut fired = Vec::new();
    let mut first_good = None;
    for (i, f) in fs.iter().enumerate() {
        let r = a.analyze_frame(f, CaptureKind::Document).unwrap();
        if r.is_good() && first_good.is_none() {
            first_good = Some(i);
        }
        if auto.observe(&r) {
            fired.push(i);
        }
    }
    // Frames 0-1 have glare, frame 2 differs from frame 1 (motion): good from frame 3 on, so
    // the 5th good frame is frame 7 -- not frame 6 (N-1 good frames).
    assert_eq!(first_good, Some(3));
    assert_eq!(fired, vec![7], "fired at {fired:?}");
}

#[test]
fn auto_capture_counts_streaks_and_resets_on_a_bad_frame() {
    use camera::{Analysis, Metrics};
    let good = Analysis {
        instruction: Instruction::LooksGood,
        metrics: Metrics::default(),
    };
    let bad = Analysis {
        instruction: Instruction::HoldStill,
        metrics: Metrics::default(),
    };
    let mut auto = AutoCapture::new(3);
    assert!(!auto.observe(&good));
    assert!(!auto.observe(&good));
    assert!(!auto.observe(&bad));
    assert!(!auto.observe(&good));
    assert!(!auto.observe(&good), "N-1 good frames must not capture");
    assert!(auto.observe(&good), "the Nth good frame captures");
}

#[test]
fn demo_scripts_end_good() {
    let mut a = Analyzer::default();
    let doc = Script::document_demo();
    let fs = frames(doc.clone(), PixelFormat::Mjpeg, doc.len() as usize);
    let got: Vec<_> = fs
        .iter()
        .map(|f| {
            a.analyze_frame(f, CaptureKind::Document)
                .unwrap()
                .instruction
        })
        .collect();
    eprintln!("{got:?}");
    assert_eq!(got[5], Instruction::PlaceDocument);
    assert!(got.contains(&Instruction::HoldStill));
    assert!(got.contains(&Instruction::ReduceGlare));
    assert_eq!(*got.last().unwrap(), Instruction::LooksGood);
}

#[test]
fn a_steady_face_is_looked_for_again_only_every_few_frames_and_at_once_on_movement() {
    use camera::analysis::FACE_REUSE_FRAMES;
    let mut a = Analyzer::default();
    let steady = frames(Script::new().hold(Scene::face(), 9), PixelFormat::Mjpeg, 9);
    for (i, f) in steady.iter().enumerate() {
        let verdict = a.analyze_frame(f, CaptureKind::Selfie).unwrap().instruction;
        // The first frame has nothing to measure steadiness against.
        if i > 0 {
            assert_eq!(verdict, Instruction::LooksGood, "frame {i}");
        }
    }
    // The first frame, then one detection per FACE_REUSE_FRAMES + 1 steady frames.
    let expected = 1 + (9 - 1) / u64::from(FACE_REUSE_FRAMES + 1);
    assert_eq!(a.face_detections(), expected);

    // The person steps away: the picture changes, so the detector looks again at once and
    // the verdict follows.
    let before = a.face_detections();
    let empty = frames(
        Script::new().hold(Scene::face().faces(0), 1),
        PixelFormat::Mjpeg,
        1,
    );
    let verdict = a.analyze_frame(&empty[0], CaptureKind::Selfie).unwrap();
    assert_eq!(a.face_detections(), before + 1);
    assert_ne!(verdict.instruction, Instruction::LooksGood);
}

#[test]
fn a_moving_face_is_followed_near_where_it_was_and_the_whole_frame_is_searched_now_and_then() {
    use camera::analysis::FULL_DETECTION_EVERY;
    // The face drifts across the frame, a little each frame: every frame differs, so the
    // detector runs on each.
    let n = 2 * (FULL_DETECTION_EVERY as usize + 1) + 1;
    let moving: Vec<Frame> = (0..n)
        .map(|i| {
            let cx = 0.3 + 0.02 * i as f32;
            frames(
                Script::new().hold(Scene::face().at(cx, 0.5), 1),
                PixelFormat::Mjpeg,
                1,
            )
            .remove(0)
        })
        .collect();
    let mut tracked = Analyzer::default();
    for (i, f) in moving.iter().enumerate() {
        let got = tracked.analyze_frame(f, CaptureKind::Selfie).unwrap();
        // The same frame looked at afresh (the whole frame searched).
        let mut fresh = Analyzer::default();
        let whole = fresh.analyze_frame(f, CaptureKind::Selfie).unwrap();
        assert_eq!(got.metrics.faces, 1, "frame {i}");
        let (a, b) = (
            got.metrics.document.unwrap(),
            whole.metrics.document.unwrap(),
        );
        let centre =
            |r: camera::Rect| (r.x as f32 + r.w as f32 / 2.0, r.y as f32 + r.h as f32 / 2.0);
        let ((ax, ay), (bx, by)) = (centre(a), centre(b));
        assert!(
            (ax - bx).abs() <= 0.2 * b.w as f32
                && (ay - by).abs() <= 0.2 * b.w as f32
                && (a.w as f32 - b.w as f32).abs() <= 0.25 * b.w as f32,
            "frame {i}: followed {a:?}, whole frame {b:?}"
        );
    }
    assert_eq!(tracked.face_detections(), n as u64);
    // The first look and one in every FULL_DETECTION_EVERY + 1 after it search the whole
    // frame; the others only near the face.
    let full = tracked.face_detections() - tracked.local_face_detections();
    assert_eq!(
        full,
        1 + (n as u64 - 1) / u64::from(FULL_DETECTION_EVERY + 1)
    );
}

#[test]
fn a_second_person_stepping_in_beside_a_followed_face_is_seen_within_a_few_frames() {
    use camera::analysis::FULL_DETECTION_EVERY;
    let mut a = Analyzer::default();
    let one = |cx: f32| {
        frames(
            Script::new().hold(Scene::face().at(cx, 0.5), 1),
            PixelFormat::Mjpeg,
            1,
        )
        .remove(0)
    };
    for i in 0..3 {
        a.analyze_frame(&one(0.46 + 0.01 * i as f32), CaptureKind::Selfie)
            .unwrap();
    }
    let two = frames(
        Script::new().hold(Scene::face().at(0.3, 0.5).faces(2), 1),
        PixelFormat::Mjpeg,
        1,
    )
    .remove(0);
    let mut seen = false;
    for _ in 0..=FULL_DETECTION_EVERY + 1 {
        // Alternate with the one face so that every frame moves and the detector runs.
        let verdict = a.analyze_frame(&two, CaptureKind::Selfie).unwrap();
        if verdict.metrics.faces == 2 || verdict.instruction == Instruction::FaceCamera {
            seen = true;
            break;
        }
        a.analyze_frame(&one(0.3), CaptureKind::Selfie).unwrap();
    }
    assert!(seen, "two faces never seen");
}
