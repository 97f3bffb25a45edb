import { button, h, heading, spinner } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Issuing = ScreenOf<"issuing">;

export function renderIssuing(root: HTMLElement, screen: Issuing, ctx: ScreenContext): ScreenInstance<Issuing> {
  const section = h("section", { class: "centered" });
  let title: HTMLHeadingElement;
  if (screen.problem) {
    title = heading("Your credential isn't ready");
    section.append(
      title,
      h("div", { id: "issuing-problem", role: "alert" },
        h("p", { class: "lead" }, screen.problem.message),
        h("p", {}, screen.problem.next_step),
      ),
      h("div", { class: "actions" }, button("try-again", "Try again", () => ctx.send({ kind: "try_again" }))),
    );
  } else {
    title = heading("Identity confirmed");
    section.append(
      title,
      spinner("Preparing your credential"),
      h("p", { id: "issuing-status", class: "status", "aria-live": "polite" }, "Preparing your credential…"),
    );
  }
  section.setAttribute("aria-labelledby", title.id);
  root.append(section);
  return { focusTarget: title };
}
