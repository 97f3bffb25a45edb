//! The enrollment session as the shell sees it: intents go to the driver through a
//! [`SessionHandle`], views come back through the [`relay::WebviewRelay`], and the
//! [`commands`] are the webview's way in.

pub mod commands;
pub mod relay;

use std::sync::{Arc, Mutex};

use enrollment::messages;
use enrollment::view::{CommandError, Screen};
use enrollment::{Intent, View};
use tokio::sync::mpsc;

/// The latest view, shared by the relay (which writes it) and the commands (which read it).
pub type LatestView = Arc<Mutex<Option<View>>>;

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{}", messages::KIOSK_BUSY)]
    Busy,
    #[error("{}", messages::KIOSK_STOPPED)]
    Stopped,
}

impl From<SendError> for CommandError {
    fn from(error: SendError) -> Self {
        let message = error.to_string();
        match error {
            SendError::Busy => CommandError::Busy { message },
            SendError::Stopped => CommandError::Unavailable { message },
        }
    }
}

/// Managed state for the commands.
pub struct SessionHandle {
    intents: mpsc::Sender<Intent>,
    latest: LatestView,
}

impl SessionHandle {
    pub fn new(intents: mpsc::Sender<Intent>, latest: LatestView) -> Self {
        Self { intents, latest }
    }

    pub fn latest_view(&self) -> Option<View> {
        self.latest.lock().ok().and_then(|latest| latest.clone())
    }

    /// Whether the Welcome screen shows (no enrollment in progress).
    pub fn at_welcome(&self) -> bool {
        matches!(
            self.latest_view().map(|view| view.screen),
            Some(Screen::Welcome)
        )
    }

    /// Refuses with [`CommandError::Busy`] while an enrollment is in progress.
    pub fn require_welcome(&self) -> Result<(), CommandError> {
        if self.at_welcome() {
            Ok(())
        } else {
            Err(CommandError::Busy {
                message: administration::words::ENROLLMENT_IN_PROGRESS.into(),
            })
        }
    }

    pub fn send(&self, intent: Intent) -> Result<(), SendError> {
        self.intents.try_send(intent).map_err(|error| match error {
            mpsc::error::TrySendError::Full(_) => SendError::Busy,
            mpsc::error::TrySendError::Closed(_) => SendError::Stopped,
        })
    }
}
