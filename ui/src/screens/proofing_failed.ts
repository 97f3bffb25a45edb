import { button, h, heading } from "../dom";
import { say, sayAround, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Failed = ScreenOf<"proofing_failed">;


export function renderProofingFailed(root: HTMLElement, screen: Failed, ctx: ScreenContext): ScreenInstance<Failed> {
  const title = heading(say("failed-title"));
  const actions = h("div", { class: "actions" });
  if (screen.can_retry) {
    const retry = button("try-again", say("try-again"), () => ctx.send({ kind: "try_again" }));
    retry.setAttribute("aria-describedby", "attempts-left");
    actions.append(retry);
  } else {
    actions.append(button("finish", say("finish"), () => ctx.send({ kind: "finish" })));
  }
  root.append(
    h(
      "section",
      { class: "centered result result-failed", "aria-labelledby": title.id },
      title,
      h("p", { id: "failure-message", class: "lead" }, sayPhrase(screen.explanation.message)),
      h("p", { id: "failure-next-step" }, sayPhrase(screen.explanation.next_step)),
      screen.can_retry ? h("p", { id: "attempts-left" }, say("attempts-left", { count: screen.attempts_left })) : null,
      actions,
      screen.reason_code
        ? h(
            "p",
            { id: "reason-code", class: "staff-code" },
            ...sayAround(say("reason-code", { code: screen.reason_code }), screen.reason_code, h("span", { translate: "no" })),
          )
        : null,
    ),
  );
  return { focusTarget: title };
}
