//! The words a test expects on screen in a given language, read from the same translation files
//! the UI reads (`ui/locales/<language>/*.ftl`), so a better translation never breaks a test.

use std::fs;

use crate::launch::workspace_root;

/// The text of a simple message (no variables) in `language`, e.g. `("es", "welcome-title")`.
/// Panics when the message is not there: the test names a message that does not exist.
pub fn words(language: &str, id: &str) -> String {
    let dir = workspace_root().join("ui/locales").join(language);
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("e2e: {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let text = fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some(value) = line
                .strip_prefix(id)
                .and_then(|rest| rest.trim_start().strip_prefix('='))
            {
                let value = value.trim();
                assert!(
                    !value.is_empty() && !value.contains('{'),
                    "e2e: {language}/{id} is not a one-line message without variables"
                );
                return value.to_string();
            }
        }
    }
    panic!("e2e: no message {id} in {}", dir.display())
}
