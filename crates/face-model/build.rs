//! Puts the SeetaFace frontal face model that ships inside the `rustface` crate (BSD-2-Clause,
//! 1.2 MB) into OUT_DIR, so `src/lib.rs` can `include_bytes!` it. Nothing is downloaded and no
//! copy is committed: the model is taken from the `rustface` package Cargo already fetched.
//! Search order: `FACE_MODEL` (a path; `DOCUMENT_FACE_MODEL` is still read), the Cargo registry sources under CARGO_HOME
//! (or ~/.cargo), then `cargo metadata` (covers vendored or relocated sources).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const MODEL: &str = "seeta_fd_frontal_v1.0.bin";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=FACE_MODEL");
    println!("cargo:rerun-if-env-changed=DOCUMENT_FACE_MODEL");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR is set by Cargo")).join(MODEL);
    let found = env::var_os("FACE_MODEL")
        .or_else(|| env::var_os("DOCUMENT_FACE_MODEL"))
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .or_else(from_registry)
        .or_else(from_metadata)
        .unwrap_or_else(|| {
            panic!(
                "the rustface model {MODEL} was not found in the Cargo registry sources; \
                 run `cargo fetch` or set FACE_MODEL to its path"
            )
        });
    println!("cargo:rerun-if-changed={}", found.display());
    fs::copy(&found, &out).expect("copy the rustface model into OUT_DIR");
}

fn model_in(package_dir: &Path) -> Option<PathBuf> {
    let p = package_dir.join("model").join(MODEL);
    p.is_file().then_some(p)
}

fn from_registry() -> Option<PathBuf> {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let mut candidates = Vec::new();
    for registry in fs::read_dir(cargo_home.join("registry").join("src"))
        .ok()?
        .flatten()
    {
        for package in fs::read_dir(registry.path()).ok()?.flatten() {
            let name = package.file_name().to_string_lossy().into_owned();
            if let Some(version) = name.strip_prefix("rustface-0.1.") {
                if let (Ok(patch), Some(model)) =
                    (version.parse::<u32>(), model_in(&package.path()))
                {
                    candidates.push((patch, model));
                }
            }
        }
    }
    // The lockfile pins 0.1.7; prefer it, else the newest 0.1.x present.
    candidates.sort();
    candidates
        .iter()
        .find(|(patch, _)| *patch == 7)
        .or(candidates.last())
        .map(|(_, m)| m.clone())
}

fn from_metadata() -> Option<PathBuf> {
    let cargo = env::var_os("CARGO")?;
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR")?;
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(manifest_dir)
        .output()
        .ok()?;
    let json = String::from_utf8(output.stdout).ok()?;
    // Find `"manifest_path":"…/rustface-0.1.N/Cargo.toml"` without a JSON dependency.
    json.split("\"manifest_path\":\"").skip(1).find_map(|rest| {
        let path = &rest[..rest.find('"')?];
        let dir = Path::new(path).parent()?;
        let name = dir.file_name()?.to_string_lossy();
        if name.starts_with("rustface-") {
            model_in(dir)
        } else {
            None
        }
    })
}
