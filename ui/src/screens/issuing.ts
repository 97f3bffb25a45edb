import { button, h, heading, spinner } from "../dom";
import { say, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Issuing = ScreenOf<"issuing">;

export function renderIssuing(root: HTMLElement, screen: Issuing, ctx: ScreenContext): ScreenInstance<Issuing> {
  const section = h("section", { class: "centered" });
  let title: HTMLHeadingElement;
  if (screen.problem) {
    title = heading(say("issuing-problem-title"));
    section.append(
      title,
      h("div", { id: "issuing-problem", role: "alert" },
        h("p", { class: "lead" }, sayPhrase(screen.problem.message)),
        h("p", {}, sayPhrase(screen.problem.next_step)),
      ),
      h("div", { class: "actions" }, button("try-again", say("try-again"), () => ctx.send({ kind: "try_again" }))),
    );
  } else {
    title = heading(say("issuing-title"));
    section.append(
      title,
      spinner(say("issuing-status")),
      h("p", { id: "issuing-status", class: "status", "aria-live": "polite" }, say("issuing-status")),
    );
  }
  section.setAttribute("aria-labelledby", title.id);
  root.append(section);
  return { focusTarget: title };
}
