//! libFuzzer's entry point; the body and its properties are in `src/aamva.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    enrollment_fuzz::aamva::run(data);
});
