// The persistent shell: a sticky header (demo badge, Cancel), the screen region, and
// the inactivity overlay. It renders whatever View Rust sends and decides nothing itself.
import type { Intent, Screen, View } from "./ipc/bindings";
import { button, h } from "./dom";
import { SCREENS, type ScreenContext, type ScreenInstance } from "./screens";

export interface Shell {
  render(view: View): void;
  /** The element holding the current screen. */
  readonly screen: HTMLElement;
}

export function createShell(root: HTMLElement, send: (intent: Intent) => void, openAdmin?: () => void): Shell {
  const demoBadge = h("span", { id: "demo-badge", class: "demo-badge", hidden: true }, "Demo mode");
  const cancel = button("cancel", "Cancel", () => send({ kind: "cancel" }), "secondary");
  // Administration opens only between enrollments, and asks for the admin PIN first.
  const admin = button("open-admin", "Admin", () => openAdmin?.(), "secondary");
  admin.setAttribute("aria-label", "Admin (staff only)");
  admin.hidden = !openAdmin;
  // Cancel lives in the sticky header: one tap away on every screen, and never covering the
  // screen's own controls the way a fixed footer would on a long form.
  const header = h(
    "header",
    { class: "shell-header" },
    h("span", { class: "brand" }, "Enrollment"),
    h("div", { class: "header-actions" }, demoBadge, admin, cancel),
  );
  const main = h("main", { id: "screen" });

  const seconds = h("span", { id: "inactivity-seconds" });
  const stillHere = button("still-here", "I'm still here", () => send({ kind: "still_here" }));
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
      h("h2", { id: "inactivity-title" }, "Are you still there?"),
      h("p", { id: "inactivity-text" }, "For your privacy, this enrollment will end in ", seconds, " seconds."),
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

  let currentKey: string | null = null;
  let currentName: Screen["name"] | null = null;
  let instance: ScreenInstance<Screen> | null = null;
  let focusAfterOverlay: HTMLElement | null = null;
  let overlayOpen = false;

  const moveFocus = (target: HTMLElement): void => {
    if (overlayOpen) focusAfterOverlay = target;
    else target.focus();
  };

  const showScreen = (view: View): void => {
    const screen = view.screen;
    const key = JSON.stringify([screen, view.kiosk_mode]);
    if (key === currentKey) return;
    const sameScreen = screen.name === currentName;
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
    moveFocus(instance.focusTarget);
  };

  const showInactivity = (view: View): void => {
    const warning = view.inactivity;
    if (warning) {
      seconds.textContent = String(warning.reset_in_seconds);
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
      demoBadge.hidden = !view.demo;
      cancel.hidden = view.screen.name === "welcome";
      admin.hidden = !openAdmin || view.screen.name !== "welcome";
      showScreen(view);
      showInactivity(view);
    },
  };
}
