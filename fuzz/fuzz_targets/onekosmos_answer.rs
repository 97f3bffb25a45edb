//! libFuzzer's entry point; the body and its properties are in `src/onekosmos_answer.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    enrollment_fuzz::onekosmos_answer::run(data);
});
