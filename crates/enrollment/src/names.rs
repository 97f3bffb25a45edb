//! Whether the name someone typed at intake is the name on their document. A credential must
//! never carry a typed name the document does not support, and a person who typed a name that
//! is not theirs must be stopped before anything is sent (issue: proofing integrity).
//!
//! Documents print names in capitals, often without accents (AAMVA allows only ASCII), with
//! middle names beside the first; people type "Zoë" for "ZOE" and leave the middle name out.
//! So both sides are folded (accents, case, punctuation) and every typed word must be on the
//! document, in the given or the family name as typed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The words of a name, folded: compatibility decomposition without combining marks, lower
/// case, and hyphens, apostrophes and dots read as word breaks.
fn words(name: &str) -> Vec<String> {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().map(str::to_string).collect()
}

/// Whether every typed word is on the document, or the two are the same once spaces are
/// dropped ("Mac Donald" for "MACDONALD").
fn supported(typed: &str, on_document: &[&str]) -> bool {
    let typed = words(typed);
    if typed.is_empty() {
        return true;
    }
    let document: Vec<String> = on_document.iter().flat_map(|part| words(part)).collect();
    typed.iter().all(|word| document.contains(word)) || typed.concat() == document.concat()
}

/// The typed names against the document's. A name left empty is not compared; a document
/// that gave no name for a typed one does not support it.
pub fn typed_names_match(
    typed_given: &str,
    typed_family: &str,
    document_given: &[&str],
    document_family: &str,
) -> bool {
    supported(typed_given, document_given) && supported(typed_family, &[document_family])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_however_it_is_written() {
        assert!(typed_names_match(
            "Alex",
            "Sample",
            &["ALEX", "JORDAN"],
            "SAMPLE"
        ));
        assert!(typed_names_match(
            "alex jordan",
            "SAMPLE",
            &["ALEX", "JORDAN"],
            "SAMPLE"
        ));
        assert!(typed_names_match(
            "Zoë",
            "Ó Súilleabháin",
            &["ZOE"],
            "O SUILLEABHAIN"
        ));
        assert!(typed_names_match(
            "Jean-Luc",
            "O'Neil",
            &["JEAN LUC"],
            "ONEIL"
        ));
        assert!(typed_names_match(
            "Anne",
            "Mac Donald",
            &["ANNE"],
            "MACDONALD"
        ));
        assert!(typed_names_match("", "", &[], ""));
        assert!(typed_names_match("", "Sample", &["ALEX"], "SAMPLE"));
    }

    #[test]
    fn a_different_name_does_not_match() {
        assert!(!typed_names_match("Alex", "Rivera", &["ALEX"], "SAMPLE"));
        assert!(!typed_names_match("Priya", "Sample", &["ALEX"], "SAMPLE"));
        assert!(!typed_names_match(
            "Alexander",
            "Sample",
            &["ALEX"],
            "SAMPLE"
        ));
        // A typed name the document says nothing about is not supported by it.
        assert!(!typed_names_match("Alex", "Sample", &[], ""));
        // The family name is not a given name.
        assert!(!typed_names_match("Sample", "Sample", &["ALEX"], "SAMPLE"));
    }
}
