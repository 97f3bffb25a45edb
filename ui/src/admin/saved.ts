// After the wizard saved: where the settings went, and a restart to use them.
import { button, h } from "../dom";
import { alertBox, message } from "./frame";
import type { AdminContext } from "./types";

export function renderSaved(ctx: AdminContext, path: string): void {
  const note = alertBox();
  ctx.show(
    "Settings saved",
    h("p", { class: "lead", id: "admin-saved" }, `Saved to ${path}. The secrets are in the computer's credential store.`),
    h("p", {}, "The kiosk uses the new settings after a restart."),
    note,
    h(
      "div",
      { class: "actions" },
      button("admin-restart", "Restart now", async () => {
        try {
          await ctx.guarded("admin_restart");
        } catch (error) {
          note.textContent = message(error);
        }
      }),
      button("admin-overview", "Back to administration", () => void ctx.go.overview(), "secondary"),
    ),
  );
}
