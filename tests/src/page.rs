//! WebDriver-level look-ups on the page, as a person sees it: finding, clicking, choosing,
//! typing, reading text and values, waiting for elements and screens, the screen history,
//! positions, screenshots and reading a QR code off the screen.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::launch::{Kiosk, PAINT_NUDGE};
use crate::process::wait_until;
use crate::webdriver::{self, element_arg, Element, Session, WdError, WdResult};

/// How long a screen may take to appear (demo verification, wallet simulation, slow machines).
pub const SCREEN_TIMEOUT: Duration = Duration::from_secs(20);
/// How long the synthetic camera may take to film a scripted scene up to the steady card or
/// face that it captures by itself. Scenes are counted in frames, not seconds: on a loaded
/// machine the camera films fewer frames a second and a scene lasts longer, so this bound is
/// generous; the wait ends as soon as the review screen shows.
pub const AUTO_CAPTURE_TIMEOUT: Duration = Duration::from_secs(60);
/// How long an element look-up is retried.
pub const ELEMENT_TIMEOUT: Duration = Duration::from_secs(10);

/// Keeps `WdError` nameable for callers that match on errors.
pub type Error = WdError;

/// Scrolls `element` to the middle of the window, as a person scrolls to what they want to
/// tap. WebKitWebDriver does not bring elements below the fold into view by itself.
fn reveal(session: &Session, element: &Element) -> WdResult<()> {
    session
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
            vec![element_arg(element)],
        )
        .map(drop)
}

impl Kiosk {
    /// Records every `data-screen` the page shows, so that screens that pass quickly (issuing,
    /// verifying) are not missed by polling. [`Kiosk::launch`] calls it once the page is there.
    pub fn record_screens(&mut self) {
        self.recorder = self.install_screen_recorder();
    }

    fn install_screen_recorder(&self) -> bool {
        const SCRIPT: &str = r#"
            if (!window.__e2eScreens) {
              window.__e2eScreens = [];
              const record = () => {
                const main = document.querySelector('main#screen');
                const screen = main && main.getAttribute('data-screen');
                const seen = window.__e2eScreens;
                if (screen && seen[seen.length - 1] !== screen) seen.push(screen);
              };
              new MutationObserver(record).observe(document.documentElement, {
                subtree: true, childList: true, attributes: true, attributeFilter: ['data-screen'],
              });
              record();
            }
            return window.__e2eScreens.length;
        "#;
        match self.session().execute(SCRIPT, vec![]) {
            Ok(_) => true,
            Err(e) => {
                eprintln!(
                    "e2e[{}]: cannot record screens ({e}); relying on polling",
                    self.name
                );
                false
            }
        }
    }

    /// Runs `action` until it succeeds, retrying transient WebDriver errors (element not there
    /// yet, re-rendered, not interactable yet) until `timeout`.
    pub fn retry<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut action: impl FnMut(&Session) -> WdResult<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            match action(self.session()) {
                Ok(value) => return value,
                Err(e) if e.is_transient() && Instant::now() < deadline => {
                    thread::sleep(Duration::from_millis(100));
                }
                Err(e) => panic!(
                    "e2e: {what}: {e} (screen: {})",
                    self.screen().unwrap_or_else(|| "none".into())
                ),
            }
        }
    }

    /// Finds an element, retrying for a few seconds.
    pub fn element(&self, css: &str) -> Element {
        self.retry(&format!("find {css}"), ELEMENT_TIMEOUT, |s| s.find(css))
    }

    /// Clicks the element `css` like a person would.
    pub fn click(&self, css: &str) {
        self.retry(&format!("click {css}"), ELEMENT_TIMEOUT, |s| {
            let el = s.find(css)?;
            reveal(s, &el)?;
            s.click(&el)
        });
    }

    /// Picks a radio button or ticks a checkbox; when the input itself is visually replaced by
    /// its label (a common touch-friendly pattern), clicks the label, as a person would.
    pub fn choose(&self, css: &str) {
        self.retry(&format!("choose {css}"), ELEMENT_TIMEOUT, |s| {
            let input = s.find(css)?;
            reveal(s, &input)?;
            match s.click(&input) {
                Err(e) if e.error == "element not interactable" || e.error == "element click intercepted" => {
                    let label = s.execute(
                        "const el = arguments[0];
                         return el.closest('label') || (el.id && document.querySelector('label[for=\"' + el.id + '\"]')) || null;",
                        vec![element_arg(&input)],
                    )?;
                    let id = label
                        .get(webdriver::ELEMENT_KEY)
                        .and_then(Value::as_str)
                        .ok_or(e)?;
                    s.click(&Element(id.to_string()))
                }
                other => other,
            }
        });
    }

    /// Types `text` into the field `css` (after what is already there).
    pub fn type_into(&self, css: &str, text: &str) {
        self.retry(&format!("type into {css}"), ELEMENT_TIMEOUT, |s| {
            let el = s.find(css)?;
            reveal(s, &el)?;
            s.send_keys(&el, text)
        });
    }

    /// Empties the field `css`.
    pub fn clear(&self, css: &str) {
        self.retry(&format!("clear {css}"), ELEMENT_TIMEOUT, |s| {
            s.find(css).and_then(|el| s.clear(&el))
        });
    }

    /// The visible text of `css`.
    pub fn text(&self, css: &str) -> String {
        self.retry(&format!("read the text of {css}"), ELEMENT_TIMEOUT, |s| {
            s.find(css).and_then(|el| s.text(&el))
        })
    }

    /// The visible text of `css` if it is there right now (no waiting).
    pub fn try_text(&self, css: &str) -> Option<String> {
        let session = self.session();
        session.find(css).and_then(|el| session.text(&el)).ok()
    }

    /// The current value of an input.
    pub fn value(&self, css: &str) -> String {
        self.retry(&format!("read the value of {css}"), ELEMENT_TIMEOUT, |s| {
            s.find(css).and_then(|el| s.property(&el, "value"))
        })
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Whether a checkbox or radio button is checked.
    pub fn is_checked(&self, css: &str) -> bool {
        self.retry(
            &format!("read whether {css} is checked"),
            ELEMENT_TIMEOUT,
            |s| s.find(css).and_then(|el| s.selected(&el)),
        )
    }

    /// Whether `css` exists and is displayed right now (no waiting).
    pub fn is_displayed(&self, css: &str) -> bool {
        for _ in 0..5 {
            match self
                .session()
                .find(css)
                .and_then(|el| self.session().displayed(&el))
            {
                Ok(shown) => return shown,
                Err(e) if e.error == "no such element" => return false,
                Err(e) if e.is_transient() => thread::sleep(Duration::from_millis(100)),
                Err(e) => panic!("e2e: is {css} displayed: {e}"),
            }
        }
        false
    }

    /// Waits until `css` is displayed.
    pub fn wait_displayed(&self, css: &str, timeout: Duration) {
        let shown = wait_until(timeout, || self.is_displayed(css));
        assert!(
            shown,
            "e2e: {css} was not displayed within {timeout:?} (screen: {})",
            self.screen().unwrap_or_else(|| "none".into())
        );
    }

    /// Waits until `css` is gone or hidden.
    pub fn wait_hidden(&self, css: &str, timeout: Duration) {
        let hidden = wait_until(timeout, || !self.is_displayed(css));
        assert!(hidden, "e2e: {css} was still displayed after {timeout:?}");
    }

    /// Waits until the visible text of `css` satisfies `want`; returns it.
    pub fn wait_text(&self, css: &str, timeout: Duration, want: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let ok = wait_until(timeout, || {
            last = match self
                .session()
                .find(css)
                .and_then(|el| self.session().text(&el))
            {
                Ok(text) => text,
                Err(_) => return false,
            };
            want(&last)
        });
        assert!(
            ok,
            "e2e: the text of {css} never became what was expected; last: {last:?}"
        );
        last
    }

    /// The screen shown now (`data-screen` of `main#screen`).
    pub fn screen(&self) -> Option<String> {
        let session = self.session.as_ref()?;
        let main = session.find("main#screen").ok()?;
        session.attribute(&main, "data-screen").ok().flatten()
    }

    /// Waits (up to [`SCREEN_TIMEOUT`]) until `main#screen[data-screen=name]` is shown.
    pub fn wait_screen(&self, name: &str) {
        self.wait_screen_any(&[name]);
    }

    /// Waits up to `timeout` until `main#screen[data-screen=name]` is shown.
    pub fn wait_screen_within(&self, name: &str, timeout: Duration) {
        self.wait_screen_any_within(&[name], timeout);
    }

    /// Waits until one of `names` is shown; returns which.
    pub fn wait_screen_any(&self, names: &[&str]) -> String {
        self.wait_screen_any_within(names, SCREEN_TIMEOUT)
    }

    fn wait_screen_any_within(&self, names: &[&str], timeout: Duration) -> String {
        let mut current = None;
        let found = wait_until(timeout, || {
            current = self.screen();
            current.as_deref().is_some_and(|s| names.contains(&s))
                && self.is_displayed("main#screen")
        });
        if !found {
            let visible = self
                .session()
                .find("main#screen")
                .and_then(|el| self.session().text(&el))
                .unwrap_or_default();
            panic!(
                "e2e: expected screen {names:?} within {timeout:?}, but it is {current:?}\n\
                 screens so far: {:?}\nvisible text: {visible:.800}",
                self.screens_seen()
            );
        }
        current.unwrap_or_default()
    }

    /// Every screen shown since start (or since [`Kiosk::forget_screens`]), in order.
    pub fn screens_seen(&self) -> Vec<String> {
        if !self.recorder {
            return Vec::new();
        }
        self.session()
            .execute("return window.__e2eScreens || [];", vec![])
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    }

    /// Starts a new screen history (keeping the current screen as its first entry).
    pub fn forget_screens(&self) {
        if self.recorder {
            let _ = self.session().execute(
                "const s = window.__e2eScreens || []; window.__e2eScreens = s.slice(-1); return null;",
                vec![],
            );
        }
    }

    /// Asserts that the screens shown since [`Kiosk::forget_screens`] are exactly `expected`.
    pub fn assert_screens(&self, expected: &[&str]) {
        assert!(
            self.recorder,
            "e2e: screen history unavailable (scripts cannot run through WebDriver)"
        );
        let seen = self.screens_seen();
        assert_eq!(seen, expected, "e2e: screens shown in this order: {seen:?}");
    }

    /// The inner height of the window in CSS pixels.
    pub fn window_height(&self) -> f64 {
        self.session()
            .execute("return window.innerHeight;", vec![])
            .ok()
            .and_then(|v| v.as_f64())
            .expect("read window.innerHeight")
    }

    /// `(x, y, width, height)` of `css`.
    pub fn rect(&self, css: &str) -> (f64, f64, f64, f64) {
        self.retry(
            &format!("read the position of {css}"),
            ELEMENT_TIMEOUT,
            |s| {
                let el = s.find(css)?;
                reveal(s, &el)?;
                s.rect(&el)
            },
        )
    }

    /// Saves what the screen shows as a PNG at `path`.
    pub fn screenshot(&self, path: &Path) {
        // The app runs WebKitGTK without accelerated compositing (as a kiosk without a GPU
        // should), and then WebKitWebDriver's screenshot waits for the page's next paint: on a
        // screen where nothing moves that can take until the inactivity warning. A nearly
        // transparent 1-pixel dot in the corner changes for two seconds so that a paint comes
        // at once; it is removed afterwards.
        let _ = self.session().execute(PAINT_NUDGE, vec![]);
        let png = self
            .session()
            .screenshot_png()
            .unwrap_or_else(|e| panic!("e2e: screenshot: {e}"));
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).expect("create the screenshot directory");
        }
        fs::write(path, png).expect("write the screenshot");
    }
}

impl Kiosk {
    /// Camera preview frames the current painter has drawn (capture screens, admin preview).
    pub fn preview_frames_painted(&self) -> u64 {
        self.session()
            .execute(
                "return window.__previewStats ? window.__previewStats.frames : 0;",
                vec![],
            )
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(0)
    }

    /// Decodes the QR code drawn in the canvas `css` from a screenshot of the window, as a
    /// phone would read it off the screen. `scratch` receives the screenshot.
    pub fn read_qr(&self, css: &str, scratch: &Path) -> String {
        self.screenshot(scratch);
        let (x, y, w, h) = self.rect(css);
        let shot = image::open(scratch)
            .expect("read the screenshot")
            .to_luma8();
        // The rect is in CSS pixels; the screenshot is in device pixels (1:1 under Xvfb).
        let pad = 8.0;
        let crop = image::imageops::crop_imm(
            &shot,
            (x - pad).max(0.0) as u32,
            (y - pad).max(0.0) as u32,
            (w + 2.0 * pad) as u32,
            (h + 2.0 * pad) as u32,
        )
        .to_image();
        let mut prepared = rqrr::PreparedImage::prepare(crop);
        let grids = prepared.detect_grids();
        assert_eq!(
            grids.len(),
            1,
            "e2e: exactly one QR code in {css}, found {}",
            grids.len()
        );
        let (_meta, content) = grids[0].decode().expect("the QR on screen decodes");
        content
    }
}
