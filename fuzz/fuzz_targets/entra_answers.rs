//! libFuzzer's entry point; the body and its properties are in `src/entra_answers.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    enrollment_fuzz::entra_answers::run(data);
});
