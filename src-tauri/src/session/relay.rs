//! The webview end of the driver: views go out as `view` events; the latest is kept for the
//! commands (and the review copy is dropped when the review screen is left).

use std::sync::{Arc, Mutex};

use enrollment::view::Screen;
use enrollment::View;
use enrollment_runtime::adapters::camera::PreviewFeed;
use enrollment_runtime::driver::ViewSink;
use tauri::{AppHandle, Emitter};

use super::LatestView;

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
