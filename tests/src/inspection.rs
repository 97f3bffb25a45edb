//! What a person at the kiosk would notice on a screen, checked inside the real webview:
//! elements cut off by the window's edge or lying on top of one another, text too small to read
//! at arm's length, touch targets too small for a finger, and the WCAG 2.1 AA rules that
//! axe-core (from npm, `ui/node_modules/axe-core`) can test. The app never loads axe itself:
//! the test injects it.

use std::fs;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

use crate::launch::{workspace_root, Kiosk};
use crate::process::wait_until;

/// Smallest readable text at arm's length (the issue's body size).
pub const MIN_TEXT_PX: f64 = 20.0;
/// Smallest touch target, both ways (WCAG 2.5.5's 44 px, with the kiosk's margin).
pub const MIN_TARGET_PX: f64 = 48.0;

const LAYOUT_SCRIPT: &str = r##"
const W = document.documentElement.clientWidth, H = document.documentElement.clientHeight;
const minText = arguments[0], minTarget = arguments[1];
// What is under a modal (inert) or hidden is not what a person sees.
const shown = (el) => {
  if (el.closest("[hidden], [aria-hidden='true'], [inert]")) return false;
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
const name = (el) => {
  const text = (el.innerText || el.getAttribute("aria-label") || el.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${text ? ` "${text}"` : ""}`;
};
const toggles = (el) => el.tagName === "INPUT" && (el.type === "checkbox" || el.type === "radio");
const problems = [];
const boxes = "h1,h2,h3,p,li,label,button,input,select,textarea,a,dt,dd,th,td,canvas,img,video,legend,.qr-box,.preview";
const els = [...document.querySelectorAll(boxes)].filter(shown);
// The document may scroll down under the sticky header (and the admin panel inside itself),
// never sideways.
if (document.documentElement.scrollWidth > W + 1) {
  problems.push(`the page is wider than the window (${document.documentElement.scrollWidth} px in ${W} px)`);
}
for (const el of els) {
  const r = el.getBoundingClientRect();
  if (r.left < -1 || r.right > W + 1) {
    problems.push(`${name(el)} is cut off at the window's side (${Math.round(r.left)}–${Math.round(r.right)} in ${W} px)`);
  }
  // Cut off by a box that clips and does not scroll.
  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
    const style = getComputedStyle(box);
    const clips = (v) => v === "hidden" || v === "clip";
    if (!clips(style.overflowX) && !clips(style.overflowY)) continue;
    const c = box.getBoundingClientRect();
    if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1) {
      problems.push(`${name(el)} is cut off by ${name(box)}`);
    }
    break;
  }
}
for (let i = 0; i < els.length; i++) {
  for (let j = i + 1; j < els.length; j++) {
    const a = els[i], b = els[j];
    if (a.contains(b) || b.contains(a)) continue;
    if (a.tagName === "LABEL" && a.htmlFor === b.id) continue;
    // The page scrolls under the sticky header by design.
    if (!!a.closest(".shell-header") !== !!b.closest(".shell-header")) continue;
    if (b.tagName === "LABEL" && b.htmlFor === a.id) continue;
    const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
    const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
    if (w > 2 && h > 2) problems.push(`${name(a)} overlaps ${name(b)}`);
  }
}
for (const el of document.querySelectorAll("p,li,label,dt,dd,td,th,button,input,select,legend")) {
  if (!shown(el) || toggles(el) || !(el.innerText || el.value || "").trim()) continue;
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (size < minText - 0.01) problems.push(`${name(el)} is set in ${size} px text`);
}
for (const el of document.querySelectorAll("button,a[href],select,input:not([type=hidden]),[role=button]")) {
  if (!shown(el)) continue;
  // A checkbox or radio button counts with its label, which takes the same taps.
  const label = toggles(el) ? (el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`))) : null;
  const r = el.getBoundingClientRect();
  const l = label ? label.getBoundingClientRect() : null;
  const width = l ? Math.max(r.right, l.right) - Math.min(r.left, l.left) : r.width;
  const height = l ? Math.max(r.bottom, l.bottom) - Math.min(r.top, l.top) : r.height;
  if (width < minTarget - 0.5 || height < minTarget - 0.5) {
    problems.push(`${name(el)} is a ${Math.round(width)}×${Math.round(height)} px target`);
  }
}
return problems;
"##;

/// axe-core's own script, read once.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
        fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "e2e: axe-core is missing at {} ({e}); `cargo xtask test` installs the UI's npm packages",
                path.display()
            )
        })
    })
}

/// Finds words on screen that did not come from the translation files: in the pseudo-locale
/// every letter the kiosk says is accented, so a run of plain ASCII letters was written
/// somewhere else. Data (a name, a code, a claim's value) is marked `translate="no"`, as HTML
/// marks text that is not to be translated (a language's own name on the chooser, too); typed
/// input values are not text nodes. The translation files' own literals (`{ "kiosk.language" }`,
/// a setting's name in the configuration file) are words that stay as they are in every language.
const UNTRANSLATED_SCRIPT: &str = r##"
const shown = (el) => {
  if (el.closest("[hidden], [aria-hidden='true'], [inert], [translate='no'], script, style")) return false;
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none") return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
const literals = arguments[0];
const plain = (text) => {
  for (const literal of literals) text = text.split(literal).join(" ");
  return /[A-Za-z]{2,}/.test(text);
};
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  if (text && plain(text) && node.parentElement && shown(node.parentElement)) {
    found.push(`"${text.slice(0, 80)}" in ${node.parentElement.tagName.toLowerCase()}${node.parentElement.id ? "#" + node.parentElement.id : ""}`);
  }
}
for (const el of document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
  if (!shown(el)) continue;
  for (const attribute of ["aria-label", "placeholder", "title", "alt"]) {
    const value = el.getAttribute(attribute);
    if (value && plain(value)) found.push(`${attribute}="${value.slice(0, 80)}" on ${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}`);
  }
}
return found;
"##;

/// The string literals of the English translation files (`{ "kiosk.language" }`): names that
/// stay as they are in every language, so also in the pseudo-locale.
fn translation_literals() -> Vec<String> {
    let dir = workspace_root().join("ui/locales/en");
    let mut literals = Vec::new();
    for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
        let text = fs::read_to_string(entry.path()).unwrap_or_default();
        for piece in text.split("{ \"").skip(1) {
            if let Some((literal, _)) = piece.split_once("\" }") {
                literals.push(literal.to_string());
            }
        }
    }
    // Longest first, so that a short literal ("en") never breaks a longer one it is part of.
    literals.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    literals.dedup();
    literals
}

impl Kiosk {
    /// Text and accessible names on screen that are plain ASCII words, for a kiosk running in
    /// the pseudo-locale (`--demo-language en-XA`): each is a word that does not come from the
    /// translation files.
    pub fn untranslated_words(&self) -> Vec<String> {
        let found = self
            .session()
            .execute(UNTRANSLATED_SCRIPT, vec![translation_literals().into()])
            .unwrap_or_else(|e| panic!("e2e: the translation check did not run: {e}"));
        strings(found)
    }

    /// Layout problems on the screen as it is now (see the module documentation), each in words.
    pub fn layout_problems(&self) -> Vec<String> {
        let found = self
            .session()
            .execute(
                LAYOUT_SCRIPT,
                vec![MIN_TEXT_PX.into(), MIN_TARGET_PX.into()],
            )
            .unwrap_or_else(|e| panic!("e2e: the layout check did not run: {e}"));
        strings(found)
    }

    /// axe-core's WCAG 2.0/2.1 A and AA violations on the screen as it is now, one line per
    /// rule with the elements it found.
    pub fn accessibility_violations(&self) -> Vec<String> {
        let session = self.session();
        let loaded = session
            .execute("return typeof window.axe !== 'undefined';", Vec::new())
            .unwrap_or(Value::Bool(false));
        if loaded != Value::Bool(true) {
            session
                .execute(&format!("{};\nreturn true;", axe_source()), Vec::new())
                .unwrap_or_else(|e| panic!("e2e: axe-core could not be injected: {e}"));
        }
        // axe runs asynchronously; the result is collected from the page when it is there.
        session
            .execute(
                r#"window.__axeResult = null;
                   axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
                     .then((r) => { window.__axeResult = r.violations.map((v) =>
                        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`); })
                     .catch((e) => { window.__axeResult = [`axe failed: ${e}`]; });
                   return true;"#,
                Vec::new(),
            )
            .unwrap_or_else(|e| panic!("e2e: axe-core did not start: {e}"));
        let mut result = Value::Null;
        let done = wait_until(Duration::from_secs(30), || {
            result = session
                .execute("return window.__axeResult;", Vec::new())
                .unwrap_or(Value::Null);
            !result.is_null()
        });
        assert!(done, "e2e: axe-core gave no result within 30 s");
        strings(result)
    }
}

fn strings(value: Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                Value::String(text) => text,
                other => other.to_string(),
            })
            .collect(),
        other => vec![format!("unexpected answer from the page: {other}")],
    }
}
