//! The audit trail on disk: one small JSON file of per-day counts, rewritten atomically on
//! each outcome so that a power cut leaves either the old or the new counts, never half.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use enrollment::audit::{AuditBook, AuditEvent};
use enrollment::ports::AuditTrail;

pub const AUDIT_FILE_NAME: &str = "audit.json";

/// Today's date as the book's key (`YYYY-MM-DD`, UTC, so that kiosks in different zones
/// count the same day the same way).
pub fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

pub struct FileAuditTrail {
    path: PathBuf,
    book: Mutex<AuditBook>,
}

impl FileAuditTrail {
    /// Opens the book at `path`. A file that cannot be read as a book is set aside as
    /// `audit.json.unreadable` (so nobody's counts are silently lost) and a fresh book begins.
    pub fn open(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let book = match std::fs::read_to_string(&path) {
            Ok(text) => match AuditBook::from_json(&text) {
                Ok(book) => book,
                Err(error) => {
                    let aside = path.with_extension("json.unreadable");
                    tracing::warn!(%error, aside = %aside.display(), "the audit file is unreadable; it was set aside and a new one begins");
                    let _ = std::fs::rename(&path, &aside);
                    AuditBook::default()
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => AuditBook::default(),
            Err(error) => {
                tracing::warn!(%error, "the audit file could not be read; counting starts afresh in memory");
                AuditBook::default()
            }
        };
        Self {
            path,
            book: Mutex::new(book),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A copy of the counts, for the admin screen.
    pub fn snapshot(&self) -> AuditBook {
        self.book
            .lock()
            .map(|book| book.clone())
            .unwrap_or_default()
    }

    fn record_on(&self, day: &str, event: &AuditEvent) {
        let Ok(mut book) = self.book.lock() else {
            return;
        };
        book.record(day, event);
        if let Err(error) = write_atomically(&self.path, book.to_json().as_bytes()) {
            tracing::warn!(%error, "the audit count could not be saved");
        }
    }
}

/// Writes beside, flushes to the disk, renames over, then flushes the folder: after a power
/// cut the file holds the old counts or the new ones, never half, and a count acknowledged is
/// on the disk.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let partial = path.with_extension("json.partial");
    let mut file = std::fs::File::create(&partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, path)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

impl AuditTrail for FileAuditTrail {
    fn record(&self, event: AuditEvent) {
        self.record_on(&today(), &event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use enrollment::audit::FailureReason;

    #[test]
    fn counts_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk").join(AUDIT_FILE_NAME);
        let trail = FileAuditTrail::open(&path);
        trail.record(AuditEvent::Started);
        trail.record(AuditEvent::Failed(FailureReason::Cancelled));
        drop(trail);
        let reopened = FileAuditTrail::open(&path);
        let book = reopened.snapshot();
        let day = book.day(&today()).expect("today is counted");
        assert_eq!(day.started, 1);
        assert_eq!(day.failed["cancelled"], 1);
        assert!(!path.with_extension("json.partial").exists());
    }

    #[test]
    fn an_unreadable_file_is_set_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(AUDIT_FILE_NAME);
        std::fs::write(&path, "not json").unwrap();
        let trail = FileAuditTrail::open(&path);
        assert_eq!(trail.snapshot(), AuditBook::default());
        let aside = dir.path().join("audit.json.unreadable");
        assert_eq!(std::fs::read_to_string(aside).unwrap(), "not json");
        trail.record(AuditEvent::Issued);
        assert_eq!(
            FileAuditTrail::open(&path)
                .snapshot()
                .day(&today())
                .unwrap()
                .issued,
            1
        );
    }

    #[test]
    fn a_store_that_cannot_be_written_does_not_stop_counting() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be: every write fails.
        let path = dir.path().join(AUDIT_FILE_NAME);
        std::fs::create_dir(&path).unwrap();
        let trail = FileAuditTrail::open(&path);
        trail.record(AuditEvent::Started);
        assert_eq!(trail.snapshot().day(&today()).unwrap().started, 1);
    }
}
