//! End-to-end through the crate's public API on images the project generates: a card back
//! with a real PDF417 barcode, a card front with a synthetic face.

use document::synth::{self, CARD_HEIGHT, CARD_WIDTH};
use document::{
    decode_pdf417, locate_portrait, read_license, CapturedImage, Country, Date, Error,
    MIN_PORTRAIT_SIDE,
};

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

const TODAY: (u16, u8, u8) = (2026, 11, 26);

fn today() -> Date {
    date(TODAY.0, TODAY.1, TODAY.2)
}

#[test]
fn card_back_jpeg_decodes_to_the_encoded_fields() {
    for (version, country) in [(10, Country::Usa), (8, Country::Canada), (3, Country::Usa)] {
        let data = synth::sample_license(version, country, date(2030, 12, 10));
        let card = synth::license_back(&data).unwrap();
        let jpeg = synth::to_jpeg(&card).unwrap();
        let read = read_license(CapturedImage::Jpeg(&jpeg), today()).unwrap();
        assert_eq!(read, data, "version {version} {country:?}");
    }
}

#[test]
fn barcode_is_found_in_a_larger_photo_of_the_card() {
    let data = synth::sample_license(10, Country::Usa, date(2029, 1, 31));
    let card = synth::license_back(&data).unwrap();
    let photo = synth::photo_of_card(&card, 1920, 1080);
    let jpeg = synth::to_jpeg(&photo).unwrap();
    let read = read_license(CapturedImage::Jpeg(&jpeg), today()).unwrap();
    assert_eq!(read, data);
}

#[test]
fn raw_rgb_and_luma_buffers_are_accepted() {
    let data = synth::sample_license(9, Country::Usa, date(2031, 5, 5));
    let card = synth::license_back(&data).unwrap();
    let rgb = CapturedImage::Rgb {
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        data: card.as_raw(),
    };
    assert_eq!(read_license(rgb, today()).unwrap(), data);
    let luma = image::DynamicImage::ImageRgb8(card).into_luma8();
    let luma = CapturedImage::Luma {
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        data: luma.as_raw(),
    };
    assert_eq!(read_license(luma, today()).unwrap(), data);
}

#[test]
fn rotated_card_is_still_read() {
    let data = synth::sample_license(10, Country::Usa, date(2030, 2, 2));
    let card = image::imageops::rotate90(&synth::license_back(&data).unwrap());
    let jpeg = synth::to_jpeg(&card).unwrap();
    assert_eq!(
        read_license(CapturedImage::Jpeg(&jpeg), today()).unwrap(),
        data
    );
}

#[test]
fn a_card_photographed_at_an_angle_is_rectified_and_read() {
    use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
    let data = synth::sample_license(10, Country::Usa, date(2030, 2, 2));
    // The card about 60 % of a 1080p frame wide, so that tilted it stays in the frame.
    let card = synth::photo_of_card(&synth::license_back(&data).unwrap(), 1440, 810);
    let mut photo = image::RgbImage::from_pixel(1920, 1080, image::Rgb([70, 62, 54]));
    image::imageops::overlay(&mut photo, &card, 240, 135);
    for degrees in [-8.0f32, 6.0] {
        let tilted = rotate_about_center(
            &photo,
            degrees.to_radians(),
            Interpolation::Bilinear,
            Border::Constant(image::Rgb([70, 62, 54])),
        );
        let jpeg = synth::to_jpeg(&tilted).unwrap();
        assert_eq!(
            read_license(CapturedImage::Jpeg(&jpeg), today()).unwrap(),
            data,
            "{degrees}°"
        );
    }
}

#[test]
fn expired_document_is_refused_with_its_expiry_date() {
    let expired_on = date(2026, 11, 25);
    let data = synth::sample_license(10, Country::Usa, expired_on);
    let jpeg = synth::to_jpeg(&synth::license_back(&data).unwrap()).unwrap();
    let err = read_license(CapturedImage::Jpeg(&jpeg), today()).unwrap_err();
    assert_eq!(err, Error::DocumentExpired { expired_on });
    // Valid through its expiry date.
    assert!(read_license(CapturedImage::Jpeg(&jpeg), expired_on).is_ok());
}

#[test]
fn image_without_barcode_is_a_typed_error() {
    let jpeg = synth::to_jpeg(&synth::license_front(false)).unwrap();
    assert_eq!(
        decode_pdf417(CapturedImage::Jpeg(&jpeg)).unwrap_err(),
        Error::NoBarcode
    );
    assert_eq!(
        read_license(CapturedImage::Jpeg(b"not a jpeg"), today()).unwrap_err(),
        Error::Image
    );
}

#[test]
fn barcode_that_is_not_aamva_is_refused() {
    let code = synth::pdf417("HELLO KIOSK, THIS IS NOT A LICENSE", 3).unwrap();
    let (w, h) = code.dimensions();
    let luma = CapturedImage::Luma {
        width: w,
        height: h,
        data: code.as_raw(),
    };
    assert_eq!(
        decode_pdf417(luma).unwrap().as_str(),
        "HELLO KIOSK, THIS IS NOT A LICENSE"
    );
    assert_eq!(read_license(luma, today()).unwrap_err(), Error::NotAamva);
}

#[test]
fn portrait_is_located_on_the_card_front_and_the_crop_contains_the_face() {
    let front = synth::license_front(true);
    let jpeg = synth::to_jpeg(&front).unwrap();
    let portrait = locate_portrait(CapturedImage::Jpeg(&jpeg)).unwrap();
    // The synthetic face is drawn at x 50..350, y 150..530, its head centred near (200, 321).
    let f = portrait.face;
    let (fcx, fcy) = (f.x + f.width / 2, f.y + f.height / 2);
    assert!(
        (130..270).contains(&fcx) && (250..400).contains(&fcy),
        "{f:?}"
    );
    assert!(f.width >= 100 && f.width <= 320, "{f:?}");
    let c = portrait.crop;
    assert!(c.x <= f.x && c.y <= f.y, "{c:?} {f:?}");
    assert!(c.x + c.width >= f.x + f.width && c.y + c.height >= f.y + f.height);
    // The crop lies within the portrait area, not on the text.
    assert!(c.x + c.width <= 400, "{c:?}");
    assert!(portrait.width >= MIN_PORTRAIT_SIDE && portrait.height >= MIN_PORTRAIT_SIDE);
    let decoded = image::load_from_memory(&portrait.jpeg).unwrap();
    assert_eq!(
        (decoded.width(), decoded.height()),
        (portrait.width, portrait.height)
    );
    // The face is in the crop: the detector finds it again there.
    let again = locate_portrait(CapturedImage::Jpeg(&portrait.jpeg)).unwrap();
    assert!(again.face.width * 2 >= decoded.width().min(decoded.height()) / 2);
}

#[test]
fn small_portrait_in_a_photo_is_upscaled_to_at_least_200px() {
    let photo = synth::photo_of_card(&synth::license_front(true), 1280, 720);
    let jpeg = synth::to_jpeg(&photo).unwrap();
    let portrait = locate_portrait(CapturedImage::Jpeg(&jpeg)).unwrap();
    assert!(portrait.width >= MIN_PORTRAIT_SIDE && portrait.height >= MIN_PORTRAIT_SIDE);
}

#[test]
fn front_without_a_face_is_a_typed_error() {
    let jpeg = synth::to_jpeg(&synth::license_front(false)).unwrap();
    assert_eq!(
        locate_portrait(CapturedImage::Jpeg(&jpeg)).unwrap_err(),
        Error::NoFace
    );
}

#[test]
fn two_similar_faces_are_ambiguous() {
    let face = synth::synthetic_face(300, 380);
    let mut img = image::RgbImage::from_pixel(700, 420, image::Rgb([230, 230, 230]));
    image::imageops::overlay(&mut img, &face, 20, 20);
    image::imageops::overlay(&mut img, &face, 380, 20);
    let rgb = CapturedImage::Rgb {
        width: 700,
        height: 420,
        data: img.as_raw(),
    };
    assert_eq!(
        locate_portrait(rgb).unwrap_err(),
        Error::SeveralFaces { count: 2 }
    );
}

#[test]
fn raw_buffer_of_the_wrong_size_is_refused() {
    let data = [0u8; 10];
    let rgb = CapturedImage::Rgb {
        width: 4,
        height: 4,
        data: &data,
    };
    assert_eq!(decode_pdf417(rgb).unwrap_err(), Error::Image);
    let luma = CapturedImage::Luma {
        width: 2,
        height: 4,
        data: &data,
    };
    assert_eq!(locate_portrait(luma).unwrap_err(), Error::Image);
}

mod arbitrary_images {
    //! Any captured image, well formed or not, through the public reading functions: a result
    //! or a typed error, never a panic (a panic inside rxing or rustface is `Unreadable`).

    use super::today;
    use document::{locate_portrait, read_license, CapturedImage};
    use proptest::prelude::*;
    use proptest::test_runner::RngSeed;

    fn image() -> impl Strategy<Value = (u8, u32, u32, Vec<u8>)> {
        (0u8..3, 0u32..=48, 0u32..=48).prop_flat_map(|(kind, w, h)| {
            let exact = (w * h) as usize * if kind == 1 { 3 } else { 1 };
            let len = prop_oneof![3 => Just(exact), 1 => 0..=exact + 8];
            (
                Just(kind),
                Just(w),
                Just(h),
                len.prop_flat_map(|n| prop::collection::vec(any::<u8>(), n)),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            rng_seed: RngSeed::Fixed(0x1_3a6e),
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_image_is_read_or_refused_without_panicking((kind, width, height, data) in image()) {
            let image = match kind {
                0 => CapturedImage::Jpeg(&data),
                1 => CapturedImage::Rgb { width, height, data: &data },
                _ => CapturedImage::Luma { width, height, data: &data },
            };
            prop_assert!(read_license(image, today()).is_err());
            prop_assert!(locate_portrait(image).is_err());
        }
    }
}
