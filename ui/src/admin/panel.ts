// The admin screen: a full-screen panel over the kiosk, opened from the Welcome screen. Rust
// guards every action with the admin PIN; these modules only ask and show. This one owns the
// panel: opening and closing it, the idle close, Escape, and which screen comes first.
import type { AdminStatus } from "../ipc/admin_bindings";
import { h } from "../dom";
import { sayPhraseToStaff, sayToStaff, staffLang } from "../language";
import { cameraPreview } from "./camera";
import { errorText, isCommandError, message, showFrame } from "./frame";
import { tauriCall, type Call } from "./ipc";
import { renderOverview } from "./overview";
import { renderChoosePin, renderUnlock } from "./pin";
import { renderSaved } from "./saved";
import type { AdminContext } from "./types";
import { renderWizard } from "./wizard";

/** The panel closes itself after this long without a touch (Rust locks after three minutes). */
const IDLE_CLOSE_MS = 170_000;
/** At most this often, typing tells Rust that the administrator is still there. */
const KEEP_ALIVE_MS = 30_000;

export interface Admin {
  open(): void;
  readonly panel: HTMLElement;
}

export function createAdmin(root: HTMLElement, call: Call = tauriCall, onClose: () => void = () => {}): Admin {
  const panel = h("section", {
    id: "admin",
    class: "admin",
    role: "dialog",
    "aria-modal": "true",
    "aria-labelledby": "admin-title",
    hidden: true,
  });
  root.append(panel);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts the screens shown (and closings), so that a late answer can tell it was left. */
  let shownCount = 0;

  const close = (): void => {
    clearTimeout(idleTimer);
    preview.stop();
    call("admin_lock").catch(() => {});
    shownCount += 1;
    panel.hidden = true;
    panel.replaceChildren();
    for (const sibling of Array.from(root.children)) if (sibling !== panel) (sibling as HTMLElement).inert = false;
    onClose();
  };
  let lastKeepAlive = 0;
  const touched = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(close, IDLE_CLOSE_MS);
  };
  /** Typing in a form is activity too: tell Rust now and then, so the screen stays unlocked. */
  const typing = (): void => {
    touched();
    const now = Date.now();
    if (now - lastKeepAlive < KEEP_ALIVE_MS) return;
    lastKeepAlive = now;
    call("admin_touch").catch(() => {});
  };
  panel.addEventListener("input", typing);
  panel.addEventListener("pointerdown", touched);
  panel.addEventListener("keydown", (event) => {
    touched();
    // Escape leaves the admin screen, but never throws away a settings form being filled in.
    if (event.key === "Escape" && !panel.querySelector(".admin-form")) close();
  });

  /** A locked screen (three quiet minutes) sends the administrator back to the PIN. */
  const guarded = async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    touched();
    try {
      return await call<T>(command, args);
    } catch (error) {
      if (isCommandError(error) && error.kind === "locked") void start();
      throw error;
    }
  };
  const preview = cameraPreview(call, guarded);

  const ctx: AdminContext = {
    panel,
    call,
    guarded,
    show(title, ...children) {
      preview.stop();
      shownCount += 1;
      return showFrame(panel, title, close, children);
    },
    stillShown() {
      const at = shownCount;
      return () => at === shownCount;
    },
    close,
    preview,
    go: {
      overview: () => renderOverview(ctx),
      wizard: (overview) => renderWizard(ctx, overview),
      saved: (path) => renderSaved(ctx, path),
    },
  };

  const start = async (): Promise<void> => {
    try {
      const status = await call<AdminStatus>("admin_status");
      if (status.unavailable) ctx.show(sayToStaff("admin-title"), errorText(sayPhraseToStaff(status.unavailable), "admin-unavailable"));
      else if (!status.pin_set) renderChoosePin(ctx);
      else if (status.unlocked) await renderOverview(ctx);
      else renderUnlock(ctx, status);
    } catch (error) {
      ctx.show(sayToStaff("admin-title"), errorText(message(error)));
    }
  };

  return {
    panel,
    open() {
      for (const sibling of Array.from(root.children)) if (sibling !== panel) (sibling as HTMLElement).inert = true;
      panel.hidden = false;
      // Administration speaks the kiosk's language, whatever the employee chose.
      panel.lang = staffLang();
      touched();
      void start();
    },
  };
}
