//! The admin PIN lockout kept across restarts: a small file beside the configuration file,
//! so that turning the kiosk off and on again does not give a PIN guesser fresh tries.

use std::path::{Path, PathBuf};

use crate::file::write_private_atomically;
use crate::pin::LockoutRecord;

/// The lockout file's name, in the configuration file's directory.
pub const LOCKOUT_FILE_NAME: &str = "admin-lockout.toml";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LockoutFileError {
    #[error("the admin PIN lockout file {path} could not be read ({reason}): the admin screen stays locked out for a while")]
    Unreadable { path: String, reason: String },
    #[error("the admin PIN lockout file {path} is damaged ({reason}): the admin screen stays locked out for a while")]
    Corrupt { path: String, reason: String },
    #[error("the admin PIN lockout file {path} could not be written: {reason}")]
    Unwritable { path: String, reason: String },
}

/// Where the [`LockoutRecord`] is saved. Written like the configuration: atomically, and on
/// unix readable by the kiosk's account only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockoutFile {
    path: PathBuf,
}

impl LockoutFile {
    /// The lockout file in the same directory as the configuration file at `config_path`.
    pub fn beside(config_path: &Path) -> Self {
        Self::at(config_path.with_file_name(LOCKOUT_FILE_NAME))
    }

    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved record; `now_unix` is the wall clock in Unix seconds. No file means no wrong
    /// PINs yet. A file that cannot be read or is damaged fails closed: the record is
    /// [`LockoutRecord::fail_closed`] (locked out for the first lockout period), never "no
    /// wrong PINs", and the problem comes along for the log.
    pub fn load(&self, now_unix: u64) -> (LockoutRecord, Option<LockoutFileError>) {
        let path = self.path.display().to_string();
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (LockoutRecord::default(), None)
            }
            Err(e) => {
                let problem = LockoutFileError::Unreadable {
                    path,
                    reason: e.to_string(),
                };
                return (LockoutRecord::fail_closed(now_unix), Some(problem));
            }
        };
        match toml::from_str::<LockoutRecord>(&text) {
            Ok(record) => (record, None),
            Err(e) => {
                let problem = LockoutFileError::Corrupt {
                    path,
                    reason: e.message().to_string(),
                };
                (LockoutRecord::fail_closed(now_unix), Some(problem))
            }
        }
    }

    /// Saves the record atomically (mode 0600 on unix), creating the directory if needed.
    pub fn save(&self, record: &LockoutRecord) -> Result<(), LockoutFileError> {
        let unwritable = |reason: String| LockoutFileError::Unwritable {
            path: self.path.display().to_string(),
            reason,
        };
        let body = toml::to_string(record).map_err(|e| unwritable(e.to_string()))?;
        let text = format!(
            "# The admin PIN lockout, kept across restarts by the kiosk. Do not edit: a damaged\n\
             # file locks the admin screen out for a while.\n{body}"
        );
        write_private_atomically(&self.path, &text).map_err(|e| unwritable(e.to_string()))
    }
}
