// The persistent shell: a sticky header (demo badge, Cancel), the screen region, and
// the inactivity overlay. It renders whatever View Rust sends and decides nothing itself.
import type { Intent, Screen, View } from "./ipc/bindings";
import { button, h } from "./dom";
import { say, sayAround, setLanguages } from "./language";
import { SCREENS, type ScreenContext, type ScreenInstance } from "./screens";

export interface Shell {
  render(view: View): void;
  /** The element holding the current screen. */
  readonly screen: HTMLElement;
}

export function createShell(root: HTMLElement, send: (intent: Intent) => void, openAdmin?: () => void): Shell {
  const demoBadge = h("span", { id: "demo-badge", class: "demo-badge", hidden: true });
  const cancel = button("cancel", "", () => send({ kind: "cancel" }), "secondary");
  // Administration opens only between enrollments, and asks for the admin PIN first.
  const admin = button("open-admin", "", () => openAdmin?.(), "secondary");
  admin.hidden = !openAdmin;
  const brand = h("span", { class: "brand" });
  // Cancel lives in the sticky header: one tap away on every screen, and never covering the
  // screen's own controls the way a fixed footer would on a long form.
  const header = h(
    "header",
    { class: "shell-header" },
    brand,
    h("div", { class: "header-actions" }, demoBadge, admin, cancel),
  );
  const main = h("main", { id: "screen" });

  const seconds = h("span", { id: "inactivity-seconds" });
  const stillHere = button("still-here", "", () => send({ kind: "still_here" }));
  const inactivityTitle = h("h2", { id: "inactivity-title" });
  const inactivityText = h("p", { id: "inactivity-text" });
  const overlay = h(
    "div",
    {
      id: "inactivity-warning",
      class: "overlay",
      role: "alertdialog",
      "aria-modal": "true",
      "aria-labelledby": "inactivity-title",
      "aria-describedby": "inactivity-text",
      hidden: true,
    },
    h(
      "div",
      { class: "dialog" },
      inactivityTitle,
      inactivityText,
      stillHere,
    ),
  );
  // Keep keyboard focus inside the dialog while it is open.
  overlay.addEventListener("keydown", (event) => {
    if (event.key === "Tab") {
      event.preventDefault();
      stillHere.focus();
    }
  });

  root.replaceChildren(header, main, overlay);

  // The shell's own words, again whenever the language changes.
  let labelledIn: string | null = null;
  const label = (view: View): void => {
    if (labelledIn === view.language) return;
    labelledIn = view.language;
    demoBadge.textContent = say("demo-badge");
    cancel.textContent = say("cancel");
    admin.textContent = say("shell-admin");
    admin.setAttribute("aria-label", say("shell-admin-label"));
    brand.textContent = say("brand");
    inactivityTitle.textContent = say("inactivity-title");
    stillHere.textContent = say("still-here");
  };

  let currentKey: string | null = null;
  let currentName: Screen["name"] | null = null;
  let currentLanguage: View["language"] | null = null;
  let instance: ScreenInstance<Screen> | null = null;
  let focusAfterOverlay: HTMLElement | null = null;
  let overlayOpen = false;

  const moveFocus = (target: HTMLElement): void => {
    if (overlayOpen) focusAfterOverlay = target;
    else target.focus();
  };

  const showScreen = (view: View): void => {
    const screen = view.screen;
    const key = JSON.stringify([screen, view.kiosk_mode, view.language]);
    if (key === currentKey) return;
    const sameScreen = screen.name === currentName && view.language === currentLanguage;
    // The same screen again in another language: focus stays on the control it was on (the
    // language just chosen on Welcome with the keyboard); from the heading, the screen decides.
    const active = document.activeElement;
    const keepFocusOn =
      screen.name === currentName &&
      view.language !== currentLanguage &&
      active?.id &&
      main.contains(active) &&
      !(active instanceof HTMLHeadingElement)
        ? active.id
        : null;
    currentLanguage = view.language;
    currentKey = key;
    if (sameScreen && instance?.update?.(screen)) return;

    instance?.destroy?.();
    instance = null;
    main.replaceChildren();
    main.dataset.screen = screen.name;
    currentName = screen.name;
    const ctx: ScreenContext = { send, view };
    const render = SCREENS[screen.name] as (root: HTMLElement, s: Screen, c: ScreenContext) => ScreenInstance<Screen>;
    instance = render(main, screen, ctx);
    const kept = keepFocusOn ? document.getElementById(keepFocusOn) : null;
    moveFocus(kept && main.contains(kept) ? kept : instance.focusTarget);
  };

  const showInactivity = (view: View): void => {
    const warning = view.inactivity;
    if (warning) {
      // The sentence in the chosen language, with the live count in its own element.
      const count = warning.reset_in_seconds;
      inactivityText.replaceChildren(...sayAround(say("inactivity-text", { seconds: count }), String(count), seconds));
      if (!overlayOpen) {
        overlayOpen = true;
        const active = document.activeElement;
        focusAfterOverlay = active instanceof HTMLElement && active !== document.body ? active : null;
        overlay.hidden = false;
        header.inert = main.inert = true;
        stillHere.focus();
      }
    } else if (overlayOpen) {
      overlayOpen = false;
      overlay.hidden = true;
      header.inert = main.inert = false;
      const target = focusAfterOverlay;
      focusAfterOverlay = null;
      if (target && target.isConnected) target.focus();
      else instance?.focusTarget.focus();
    }
  };

  return {
    screen: main,
    render(view: View) {
      setLanguages(view.language, view.staff_language);
      label(view);
      demoBadge.hidden = !view.demo;
      cancel.hidden = view.screen.name === "welcome";
      admin.hidden = !openAdmin || view.screen.name !== "welcome";
      showScreen(view);
      showInactivity(view);
    },
  };
}
