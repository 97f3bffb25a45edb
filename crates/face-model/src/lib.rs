//! The SeetaFace frontal face-detection model (BSD-2-Clause, 1.2 MB) as bytes, for
//! `rustface::read_model`. One copy for the whole workspace: `build.rs` takes the file from the
//! `rustface` package Cargo already fetched; nothing is downloaded and nothing is committed.
//!
//! Not for: detecting faces (that is `rustface`, used by `camera` and `document`).

/// `seeta_fd_frontal_v1.0.bin`, embedded at compile time.
pub static SEETA_FD_FRONTAL: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/seeta_fd_frontal_v1.0.bin"));

#[cfg(test)]
mod tests {
    #[test]
    fn the_model_loads() {
        assert!(super::SEETA_FD_FRONTAL.len() > 1_000_000);
        rustface::read_model(super::SEETA_FD_FRONTAL).expect("a valid SeetaFace model");
    }
}
