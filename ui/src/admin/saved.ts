// After the wizard saved: where the settings went, and a restart to use them.
import { button, h } from "../dom";
import { sayToStaff, withData } from "../language";
import { alertBox, message } from "./frame";
import type { AdminContext } from "./types";

export function renderSaved(ctx: AdminContext, path: string): void {
  const note = alertBox();
  ctx.show(
    sayToStaff("admin-saved-title"),
    h("p", { class: "lead", id: "admin-saved" }, ...withData(sayToStaff("admin-saved-where", { path }), [path])),
    h("p", {}, sayToStaff("admin-saved-restart-note")),
    note,
    h(
      "div",
      { class: "actions" },
      button("admin-restart", sayToStaff("admin-restart"), async () => {
        try {
          await ctx.guarded("admin_restart");
        } catch (error) {
          note.textContent = message(error);
        }
      }),
      button("admin-overview", sayToStaff("admin-back-to-overview"), () => void ctx.go.overview(), "secondary"),
    ),
  );
}
