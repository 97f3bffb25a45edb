import { h, heading, spinner } from "../dom";
import { say, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Verifying = ScreenOf<"verifying">;

export function renderVerifying(root: HTMLElement, screen: Verifying, _ctx: ScreenContext): ScreenInstance<Verifying> {
  const title = heading(say("verifying-title"));
  const status = h("p", { id: "verifying-status", class: "status", "aria-live": "polite" }, sayPhrase(screen.status));
  root.append(
    h(
      "section",
      { class: "centered", "aria-labelledby": title.id },
      title,
      spinner(say("verifying-title")),
      status,
      h("p", { class: "hint" }, say("verifying-hint")),
    ),
  );
  return {
    focusTarget: title,
    update(next) {
      status.textContent = sayPhrase(next.status);
      return true;
    },
  };
}
