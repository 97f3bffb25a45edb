//! Carries views from the session driver to the webview, and intents back.

use std::sync::{Arc, Mutex};

use enrollment::adapters::camera::PreviewFeed;
use enrollment::driver::ViewSink;
use enrollment::view::Screen;
use enrollment::{Intent, View};
use tauri::{AppHandle, Emitter};
use tokio::sync::mpsc;

type LatestView = Arc<Mutex<Option<View>>>;

/// The webview end of the driver: remembers the latest view and emits it as a `view` event.
pub struct WebviewRelay {
    app: AppHandle,
    latest: LatestView,
    /// The camera's review copy is dropped as soon as the review screen is left.
    review: Option<Arc<PreviewFeed>>,
}

impl WebviewRelay {
    pub fn new(app: AppHandle, initial: View) -> Self {
        Self {
            app,
            latest: Arc::new(Mutex::new(Some(initial))),
            review: None,
        }
    }

    /// Forgets the camera's review copy whenever the screen is not the review screen.
    pub fn with_review_feed(mut self, feed: Arc<PreviewFeed>) -> Self {
        self.review = Some(feed);
        self
    }

    pub fn latest(&self) -> LatestView {
        self.latest.clone()
    }
}

impl ViewSink for WebviewRelay {
    fn show(&mut self, view: &View) {
        if !matches!(view.screen, Screen::Review { .. }) {
            if let Some(feed) = &self.review {
                feed.forget_review();
            }
        }
        if let Ok(mut latest) = self.latest.lock() {
            *latest = Some(view.clone());
        }
        if let Err(error) = self.app.emit("view", view) {
            tracing::error!(%error, "could not send the view to the window");
        }
    }

    fn wipe(&mut self) {
        if let Some(feed) = &self.review {
            feed.forget_review();
        }
        // The next `show` brings a fresh view; nothing of the old session stays cached here.
        if let Ok(mut latest) = self.latest.lock() {
            *latest = None;
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("The kiosk is busy. Please try again.")]
    Busy,
    #[error("The kiosk has stopped. Please ask staff to restart it.")]
    Stopped,
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

    pub fn send(&self, intent: Intent) -> Result<(), SendError> {
        self.intents.try_send(intent).map_err(|error| match error {
            mpsc::error::TrySendError::Full(_) => SendError::Busy,
            mpsc::error::TrySendError::Closed(_) => SendError::Stopped,
        })
    }
}
