import { currentView, onView, sendIntent } from "./ipc";
import type { Intent, View } from "./ipc/bindings";
import { h } from "./dom";
import { say } from "./language";
import { createShell } from "./shell";
import { createAdmin } from "./admin";

function send(intent: Intent): void {
  sendIntent(intent).catch((error: unknown) => console.error("send_intent failed", error));
}

/** Wires the shell to Rust: follow `view` events, and render the current view once. */
export async function start(root: HTMLElement): Promise<void> {
  let openAdmin = (): void => {};
  const shell = createShell(root, send, () => openAdmin());
  // Closing the admin screen gives focus back to where it was opened from.
  const admin = createAdmin(root, undefined, () => document.getElementById("open-admin")?.focus());
  openAdmin = () => admin.open();
  let seenEvent = false;
  await onView((view: View) => {
    seenEvent = true;
    shell.render(view);
  });
  try {
    const view = await currentView();
    // A view event that arrived meanwhile is newer than this answer.
    if (!seenEvent) shell.render(view);
  } catch (error) {
    console.error("current_view failed", error);
    if (!seenEvent) {
      shell.screen.replaceChildren(
        h("h1", { class: "screen-title" }, say("not-ready-title")),
        h("p", { class: "lead" }, say("not-ready-next")),
      );
    }
  }
}
