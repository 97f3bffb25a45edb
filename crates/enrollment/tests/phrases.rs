//! Every phrase the session and the administration can name has English words in the translation files the UI reads
//! (`ui/locales/en/*.ftl`); the UI's own test checks that the other languages have the same
//! messages. Without this, a renamed or new phrase would show its identifier on screen.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Message identifiers defined in the English translation files.
fn english_messages() -> BTreeSet<String> {
    let dir = repo().join("ui/locales/en");
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ftl") {
            for line in fs::read_to_string(&path).unwrap().lines() {
                if let Some((id, _)) = line.split_once(" =") {
                    if is_phrase_id(id) || id.starts_with("claim-") {
                        ids.insert(id.to_string());
                    }
                }
            }
        }
    }
    assert!(ids.len() > 50, "too few messages in {}", dir.display());
    ids
}

/// The shape of a phrase identifier: lower-case words joined by hyphens.
fn is_phrase_id(text: &str) -> bool {
    text.contains('-')
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// String literals shaped like phrase identifiers in the crate's code (unit tests left out).
fn phrase_literals(dir: &Path, found: &mut BTreeSet<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            phrase_literals(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = fs::read_to_string(&path).unwrap();
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            // Between every other pair of quotes: good enough for this crate's literals.
            for literal in code.split('"').skip(1).step_by(2) {
                if is_phrase_id(literal) {
                    let file = path.file_name().unwrap().to_string_lossy().into_owned();
                    found.insert((literal.to_string(), file));
                }
            }
        }
    }
}

#[test]
fn every_phrase_the_session_names_has_english_words() {
    let english = english_messages();
    let mut literals = BTreeSet::new();
    phrase_literals(&repo().join("crates/enrollment/src"), &mut literals);
    assert!(
        literals.len() > 80,
        "found only {} phrase identifiers",
        literals.len()
    );
    assert_all_have_words(literals.iter(), &english);
}

/// Fails with every phrase (and the file naming it) that has no English words.
fn assert_all_have_words<'a>(
    phrases: impl Iterator<Item = &'a (String, String)>,
    english: &BTreeSet<String>,
) {
    let missing: Vec<_> = phrases.filter(|(id, _)| !english.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "phrases without words in ui/locales/en: {missing:?}"
    );
}

#[test]
fn every_claim_the_card_carries_has_a_label() {
    let english = english_messages();
    for claim in enrollment::claims::ISSUED_CLAIMS {
        let id = format!("claim-{}", claim.name);
        assert!(english.contains(&id), "no label for {id}");
    }
}

#[test]
fn every_phrase_the_administration_names_has_english_words() {
    let english = english_messages();
    let mut literals = BTreeSet::new();
    for dir in [
        "crates/administration/src",
        "crates/kiosk-config/src",
        "src-tauri/src/admin",
        "src-tauri/src/updates",
    ] {
        phrase_literals(&repo().join(dir), &mut literals);
    }
    // Other hyphenated literals there are names (secrets, update failure codes), not phrases.
    let admin: Vec<_> = literals
        .iter()
        .filter(|(id, _)| id.starts_with("admin-"))
        .collect();
    assert!(
        admin.len() > 100,
        "found only {} admin phrases",
        admin.len()
    );
    assert_all_have_words(admin.into_iter(), &english);
}
