//! Which language the kiosk speaks, and the sentences it says by identifier.
//!
//! The session never holds a sentence in any language: it names what to say ([`Phrase`]), with
//! its arguments, and the UI says it in the chosen language from the translation files
//! (`ui/locales/<language>/*.ftl`, Fluent). So a translator edits one file per audience and
//! language, and the same failure always reads the same way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language the kiosk can speak. The employee picks one on Welcome; the kiosk's configured
/// language is the default, used again after each enrollment and always on the staff and
/// administration screens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "es")]
    Spanish,
    #[serde(rename = "fr-CA")]
    CanadianFrench,
    /// English with every letter accented (`en-XA`), for the test that finds words which do not
    /// come from the translation files. Never offered on Welcome.
    #[serde(rename = "en-XA")]
    Pseudo,
}

impl Language {
    /// The languages Welcome offers, in the order shown.
    pub const OFFERED: [Language; 3] = [Self::English, Self::Spanish, Self::CanadianFrench];

    /// The BCP 47 tag, as the translation folders and configuration name it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Spanish => "es",
            Self::CanadianFrench => "fr-CA",
            Self::Pseudo => "en-XA",
        }
    }

    /// The language a tag names, also the pseudo-locale.
    pub fn from_tag(tag: &str) -> Option<Language> {
        [
            Self::English,
            Self::Spanish,
            Self::CanadianFrench,
            Self::Pseudo,
        ]
        .into_iter()
        .find(|language| language.tag().eq_ignore_ascii_case(tag))
    }
}

/// A value put into a sentence: a number (Fluent picks the plural form and formats it for the
/// language) or text that is shown as it is (a name, a code, a domain).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum PhraseArg {
    Number(i64),
    Text(String),
}

impl From<u32> for PhraseArg {
    fn from(value: u32) -> Self {
        Self::Number(value.into())
    }
}

impl From<u8> for PhraseArg {
    fn from(value: u8) -> Self {
        Self::Number(value.into())
    }
}

impl From<&str> for PhraseArg {
    fn from(value: &str) -> Self {
        Self::Text(value.into())
    }
}

impl From<String> for PhraseArg {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

/// A sentence by its message identifier in the translation files, with its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Phrase {
    pub id: String,
    #[ts(type = "Record<string, number | string>")]
    pub args: BTreeMap<String, PhraseArg>,
}

impl Phrase {
    pub fn new(id: &str) -> Self {
        Self {
            id: id.into(),
            args: BTreeMap::new(),
        }
    }

    /// The same sentence with one more argument.
    pub fn with(mut self, name: &str, value: impl Into<PhraseArg>) -> Self {
        self.args.insert(name.into(), value.into());
        self
    }
}

impl From<&str> for Phrase {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_unknown_tags_are_refused() {
        for language in [
            Language::English,
            Language::Spanish,
            Language::CanadianFrench,
            Language::Pseudo,
        ] {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.tag()));
        }
        assert_eq!(Language::from_tag("fr-ca"), Some(Language::CanadianFrench));
        assert_eq!(Language::from_tag("de"), None);
        assert!(!Language::OFFERED.contains(&Language::Pseudo));
    }

    #[test]
    fn a_phrase_serializes_as_its_identifier_and_arguments() {
        let phrase = Phrase::new("intake-email-domain")
            .with("domain", "example.com")
            .with("count", 2u32);
        let json = serde_json::to_value(&phrase).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": "intake-email-domain", "args": {"count": 2, "domain": "example.com"}})
        );
    }
}
