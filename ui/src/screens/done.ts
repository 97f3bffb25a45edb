import type { DoneOutcome } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import { say, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Done = ScreenOf<"done">;

const TITLES: Record<DoneOutcome, string> = {
  issued: "done-title-issued",
  not_verified: "done-title-not-completed",
  offer_expired: "done-title-offer-expired",
  document_not_attested: "done-title-not-completed",
};

export function renderDone(root: HTMLElement, screen: Done, ctx: ScreenContext): ScreenInstance<Done> {
  const title = heading(say(TITLES[screen.outcome]));
  root.append(
    h(
      "section",
      { class: `centered result result-${screen.outcome}`, "aria-labelledby": title.id },
      title,
      h("p", { id: "done-message", class: "lead" }, sayPhrase(screen.explanation.message)),
      h("p", { id: "done-next-step" }, sayPhrase(screen.explanation.next_step)),
      h("div", { class: "actions" }, button("finish", say("done"), () => ctx.send({ kind: "finish" }))),
    ),
  );
  return { focusTarget: title };
}
