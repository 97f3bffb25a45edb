//! libFuzzer's entry point; the body and its properties are in `src/camera_frame.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    enrollment_fuzz::camera_frame::run(data);
});
