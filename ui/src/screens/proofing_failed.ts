import { button, h, heading } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Failed = ScreenOf<"proofing_failed">;

function attemptsText(n: number): string {
  return n === 1 ? "You can try 1 more time." : `You can try ${n} more times.`;
}

export function renderProofingFailed(root: HTMLElement, screen: Failed, ctx: ScreenContext): ScreenInstance<Failed> {
  const title = heading("We couldn't confirm your identity");
  const actions = h("div", { class: "actions" });
  if (screen.can_retry) {
    const retry = button("try-again", "Try again", () => ctx.send({ kind: "try_again" }));
    retry.setAttribute("aria-describedby", "attempts-left");
    actions.append(retry);
  } else {
    actions.append(button("finish", "Finish", () => ctx.send({ kind: "finish" })));
  }
  root.append(
    h(
      "section",
      { class: "centered result result-failed", "aria-labelledby": title.id },
      title,
      h("p", { id: "failure-message", class: "lead" }, screen.explanation.message),
      h("p", { id: "failure-next-step" }, screen.explanation.next_step),
      screen.can_retry ? h("p", { id: "attempts-left" }, attemptsText(screen.attempts_left)) : null,
      actions,
      screen.reason_code ? h("p", { id: "reason-code", class: "staff-code" }, `Code for staff: ${screen.reason_code}`) : null,
    ),
  );
  return { focusTarget: title };
}
