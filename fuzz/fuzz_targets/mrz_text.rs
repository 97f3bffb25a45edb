//! libFuzzer's entry point; the body and its properties are in `src/mrz_text.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    enrollment_fuzz::mrz_text::run(data);
});
