//! Keeps the fuzz targets from rotting without a fuzzer: every target's body runs over its
//! generated seeds and its checked-in corpus (`corpus/<target>/`), on stable, in
//! `cargo xtask test rust`. `UPDATE_FUZZ_SEEDS=1` writes the generated seeds into the corpus.

use std::fs;
use std::path::{Path, PathBuf};

use enrollment_fuzz::TARGETS;

fn fuzz_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir(target: &str) -> PathBuf {
    fuzz_dir().join("corpus").join(target)
}

#[test]
fn every_target_runs_over_its_seed_corpus() {
    let update = std::env::var_os("UPDATE_FUZZ_SEEDS").is_some_and(|v| v == "1");
    for target in TARGETS {
        let dir = corpus_dir(target.name);
        let seeds = (target.seeds)();
        if update {
            fs::create_dir_all(&dir).unwrap();
            for (name, bytes) in &seeds {
                fs::write(dir.join(name), bytes).unwrap();
            }
        }
        let checked_in: Vec<Vec<u8>> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_FUZZ_SEEDS=1 writes it)", dir.display()))
            .map(|entry| fs::read(entry.unwrap().path()).unwrap())
            .collect();
        assert!(!checked_in.is_empty(), "{} is empty", dir.display());
        let accepted = seeds
            .iter()
            .map(|(_, bytes)| bytes)
            .chain(&checked_in)
            .filter(|input| (target.run)(input))
            .count();
        // Not vacuous: the seeds get past the parsers' refusals, where the properties are.
        assert!(accepted > 0, "{}: no seed is accepted", target.name);
    }
}

#[test]
fn every_target_has_a_libfuzzer_entry_point() {
    let manifest = fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for target in TARGETS {
        let entry = fuzz_dir()
            .join("fuzz_targets")
            .join(format!("{}.rs", target.name));
        assert!(entry.is_file(), "{} is missing", entry.display());
        assert!(
            manifest.contains(&format!("name = \"{}\"", target.name)),
            "fuzz/Cargo.toml has no [[bin]] {}",
            target.name
        );
    }
    let entries = fs::read_dir(fuzz_dir().join("fuzz_targets"))
        .unwrap()
        .count();
    assert_eq!(
        entries,
        TARGETS.len(),
        "a fuzz target that TARGETS does not list"
    );
}
