import type { DoneOutcome } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Done = ScreenOf<"done">;

const TITLES: Record<DoneOutcome, string> = {
  issued: "You're all set",
  not_verified: "Enrollment not completed",
  offer_expired: "The code expired",
  document_not_attested: "Enrollment not completed",
};

export function renderDone(root: HTMLElement, screen: Done, ctx: ScreenContext): ScreenInstance<Done> {
  const title = heading(TITLES[screen.outcome]);
  root.append(
    h(
      "section",
      { class: `centered result result-${screen.outcome}`, "aria-labelledby": title.id },
      title,
      h("p", { id: "done-message", class: "lead" }, screen.explanation.message),
      h("p", { id: "done-next-step" }, screen.explanation.next_step),
      h("div", { class: "actions" }, button("finish", "Done", () => ctx.send({ kind: "finish" }))),
    ),
  );
  return { focusTarget: title };
}
