//! The photo claim made from generated selfies (the project's synthetic faces, nobody real):
//! one face filling at least half of a JPEG of at least 200×200 that fits the request, and a
//! typed reason for every selfie that cannot make one.

use document::synth;
use document::{
    check_photo_claim, photo_claim, photo_claim_with, CapturedImage, Error, PhotoClaimError,
    PhotoClaimRules, MAX_PHOTO_CLAIM_ENCODED_BYTES, MAX_PHOTO_CLAIM_SIDE, MIN_PHOTO_CLAIM_SIDE,
};
use image::{imageops, Rgb, RgbImage};

/// A room behind the person: a soft gradient with a darker band, like a wall and a desk.
fn room(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let v = 150 + (x * 40 / width) as u8 - (y * 30 / height) as u8;
        if y > height * 4 / 5 {
            Rgb([v / 2, v / 2 - 10, v / 3])
        } else {
            Rgb([v, v, v.saturating_add(8)])
        }
    })
}

/// A selfie frame: `face_width` × `face_height` of the synthetic portrait placed at (x, y).
fn selfie(width: u32, height: u32, faces: &[(u32, u32, i64, i64)]) -> Vec<u8> {
    let mut frame = room(width, height);
    for &(fw, fh, x, y) in faces {
        imageops::overlay(&mut frame, &synth::synthetic_face(fw, fh), x, y);
    }
    synth::to_jpeg(&frame).unwrap()
}

fn assert_meets_the_rules(photo: &document::PhotoClaim) {
    assert_eq!(photo.width, photo.height);
    assert!(
        (MIN_PHOTO_CLAIM_SIDE..=MAX_PHOTO_CLAIM_SIDE).contains(&photo.width),
        "{photo:?}"
    );
    let decoded = image::load_from_memory_with_format(&photo.jpeg, image::ImageFormat::Jpeg)
        .expect("the photo is a JPEG");
    assert_eq!(
        (decoded.width(), decoded.height()),
        (photo.width, photo.height)
    );
    // The face (as found in the selfie) spans at least half of each side of the photo.
    assert!(photo.face.width * 2 >= photo.width, "{photo:?}");
    assert!(photo.face.height * 2 >= photo.height, "{photo:?}");
    // Standard base64 of the JPEG, no data-URI prefix, within the request's room.
    let value = photo.claim_value();
    assert!(
        value.starts_with("/9j/"),
        "a JPEG's base64 starts with /9j/"
    );
    assert_eq!(value.len(), photo.jpeg.len().div_ceil(3) * 4);
    assert!(value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
    assert!(value.len() <= MAX_PHOTO_CLAIM_ENCODED_BYTES);
    // Checked again from the JPEG alone, the way a verifier's copy would be.
    let face = check_photo_claim(&photo.jpeg, PhotoClaimRules::default())
        .expect("the photo passes the check");
    assert!(face.width * 2 >= photo.width && face.height * 2 >= photo.height);
}

#[test]
fn the_demo_selfie_makes_a_photo_that_meets_the_rules() {
    // The demo camera's selfie still (src-tauri/src/demo/camera.rs).
    let jpeg = synth::to_jpeg(&synth::synthetic_face(720, 720)).unwrap();
    let photo = photo_claim(CapturedImage::Jpeg(&jpeg)).unwrap();
    assert_meets_the_rules(&photo);
    assert!(
        !format!("{photo:?}").contains(&photo.claim_value()[..16]),
        "no image data in Debug output"
    );
}

#[test]
fn a_person_in_a_wide_frame_is_cropped_around_the_face() {
    for (width, height, x, y) in [(1280, 720, 700, 140), (1920, 1080, 200, 300)] {
        let jpeg = selfie(width, height, &[(360, 440, x, y)]);
        let photo = photo_claim(CapturedImage::Jpeg(&jpeg)).unwrap();
        assert_meets_the_rules(&photo);
        let c = photo.crop;
        assert!(c.x + c.width <= width && c.y + c.height <= height, "{c:?}");
        // The crop is where the person is.
        let centre = (c.x + c.width / 2) as i64;
        assert!((x..x + 360).contains(&centre), "{c:?}");
    }
}

#[test]
fn raw_frames_from_the_camera_are_accepted_too() {
    let frame = synth::synthetic_face(640, 640);
    let photo = photo_claim(CapturedImage::Rgb {
        width: 640,
        height: 640,
        data: frame.as_raw(),
    })
    .unwrap();
    assert_meets_the_rules(&photo);
}

#[test]
fn a_selfie_without_a_face_is_refused() {
    let jpeg = synth::to_jpeg(&room(1280, 720)).unwrap();
    assert_eq!(
        photo_claim(CapturedImage::Jpeg(&jpeg)).unwrap_err(),
        PhotoClaimError::NoFace
    );
}

#[test]
fn two_people_are_refused() {
    let jpeg = selfie(1280, 720, &[(360, 440, 80, 140), (360, 440, 760, 140)]);
    assert_eq!(
        photo_claim(CapturedImage::Jpeg(&jpeg)).unwrap_err(),
        PhotoClaimError::SeveralFaces { count: 2 }
    );
}

#[test]
fn a_face_too_far_away_is_refused_not_upscaled() {
    let jpeg = selfie(1280, 720, &[(150, 190, 560, 260)]);
    match photo_claim(CapturedImage::Jpeg(&jpeg)).unwrap_err() {
        PhotoClaimError::FaceTooSmall {
            face_side,
            needed,
            min_side,
        } => {
            assert!(face_side < needed, "{face_side} {needed}");
            assert_eq!(min_side, MIN_PHOTO_CLAIM_SIDE);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_photo_that_cannot_fit_the_request_is_refused() {
    let jpeg = synth::to_jpeg(&synth::synthetic_face(720, 720)).unwrap();
    let rules = PhotoClaimRules {
        max_encoded_bytes: 2_000,
        ..PhotoClaimRules::default()
    };
    match photo_claim_with(CapturedImage::Jpeg(&jpeg), rules).unwrap_err() {
        PhotoClaimError::TooLarge { bytes, limit } => {
            assert_eq!(limit, 2_000);
            assert!(bytes > limit);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unreadable_selfie_is_a_typed_error() {
    assert_eq!(
        photo_claim(CapturedImage::Jpeg(b"not a jpeg")).unwrap_err(),
        PhotoClaimError::Unreadable(Error::Image)
    );
}

#[test]
fn the_check_refuses_photos_that_break_the_rules() {
    // A whole frame with a small face: the face does not fill half of it.
    let jpeg = selfie(800, 600, &[(300, 360, 250, 120)]);
    assert!(matches!(
        check_photo_claim(&jpeg, PhotoClaimRules::default()).unwrap_err(),
        PhotoClaimError::FaceTooSmallInPhoto { .. }
    ));
    // Smaller than 200×200, as a photo and as a selfie.
    let small = synth::to_jpeg(&synth::synthetic_face(150, 150)).unwrap();
    let too_small = PhotoClaimError::PhotoTooSmall {
        width: 150,
        height: 150,
        min_side: MIN_PHOTO_CLAIM_SIDE,
    };
    assert_eq!(
        check_photo_claim(&small, PhotoClaimRules::default()).unwrap_err(),
        too_small
    );
    assert_eq!(
        photo_claim(CapturedImage::Jpeg(&small)).unwrap_err(),
        too_small
    );
    assert!(matches!(
        check_photo_claim(b"\x89PNG", PhotoClaimRules::default()).unwrap_err(),
        PhotoClaimError::Unreadable(_)
    ));
}
