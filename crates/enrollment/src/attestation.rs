//! The operator's attestation at a staffed desk. After the photos and before verification,
//! staff confirm that they inspected the physical document and say who they are. It is the
//! only evidence a kiosk-camera enrollment has that the document is genuine (reference §1):
//! the kiosk itself only reads what the document says.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::language::Phrase;

/// The attestation as staff filled it in: staff data, not the employee's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttestationForm {
    /// Who attests, for the audit trail: the operator's own staff code.
    pub staff_code: String,
    /// The document's security features (hologram, microprint, UV or tactile marks) are there.
    pub security_features_present: bool,
    /// Nothing on the document looks altered, replaced or laminated over.
    pub not_altered: bool,
    /// The portrait is the person standing at the desk.
    pub portrait_matches: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttestationField {
    StaffCode,
    Inspection,
}

/// A problem with the attestation form, worded for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttestationProblem {
    pub field: AttestationField,
    pub message: Phrase,
}

pub const STAFF_CODE_CHARS: std::ops::RangeInclusive<usize> = 2..=32;

/// A staff code that passed the format check. It identifies the operator in the audit trail;
/// it is not a password (the kiosk has no staff directory to check it against).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaffCode(String);

impl StaffCode {
    /// Trimmed, 2 to 32 letters, digits, `-`, `_` or `.`: the shape of a badge or employee
    /// number, and nothing a sentence (or someone else's name and e-mail) fits into.
    pub fn parse(text: &str) -> Option<StaffCode> {
        let code = text.trim();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        (STAFF_CODE_CHARS.contains(&code.chars().count()) && code.chars().all(allowed))
            .then(|| StaffCode(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for StaffCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StaffCode({})", self.0)
    }
}

impl AttestationForm {
    /// The operator's staff code when every confirmation is given; otherwise what is missing.
    pub fn validate(&self) -> Result<StaffCode, Vec<AttestationProblem>> {
        let mut problems = Vec::new();
        if !(self.security_features_present && self.not_altered && self.portrait_matches) {
            problems.push(AttestationProblem {
                field: AttestationField::Inspection,
                message: Phrase::new("staff-attest-confirm-all"),
            });
        }
        let code = StaffCode::parse(&self.staff_code);
        if code.is_none() {
            problems.push(AttestationProblem {
                field: AttestationField::StaffCode,
                message: if self.staff_code.trim().is_empty() {
                    Phrase::new("staff-code-missing")
                } else {
                    Phrase::new("staff-code-invalid")
                        .with("min", *STAFF_CODE_CHARS.start() as u32)
                        .with("max", *STAFF_CODE_CHARS.end() as u32)
                },
            });
        }
        match code {
            Some(code) if problems.is_empty() => Ok(code),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confirmed(code: &str) -> AttestationForm {
        AttestationForm {
            staff_code: code.into(),
            security_features_present: true,
            not_altered: true,
            portrait_matches: true,
        }
    }

    #[test]
    fn every_confirmation_and_a_staff_code_are_needed() {
        assert_eq!(
            confirmed(" HD-0042 ")
                .validate()
                .map(|c| c.as_str().to_string()),
            Ok("HD-0042".to_string())
        );
        for unchecked in 0..3 {
            let mut form = confirmed("HD-0042");
            match unchecked {
                0 => form.security_features_present = false,
                1 => form.not_altered = false,
                _ => form.portrait_matches = false,
            }
            let problems = form.validate().unwrap_err();
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].field, AttestationField::Inspection);
        }
    }

    #[test]
    fn a_staff_code_has_the_shape_of_a_badge_number() {
        for good in ["ab", "HD-0042", "jdoe_2", "a.b.c", &"x".repeat(32)] {
            assert!(StaffCode::parse(good).is_some(), "{good:?}");
        }
        for bad in [
            "",
            " ",
            "a",
            "two words",
            "mail@example.com",
            "Zoë",
            &"x".repeat(33),
        ] {
            assert!(StaffCode::parse(bad).is_none(), "{bad:?}");
            let problems = confirmed(bad).validate().unwrap_err();
            assert_eq!(problems[0].field, AttestationField::StaffCode, "{bad:?}");
        }
    }
}
