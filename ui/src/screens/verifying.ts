import { h, heading, spinner } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Verifying = ScreenOf<"verifying">;

export function renderVerifying(root: HTMLElement, screen: Verifying, _ctx: ScreenContext): ScreenInstance<Verifying> {
  const title = heading("Checking your identity");
  const status = h("p", { id: "verifying-status", class: "status", "aria-live": "polite" }, screen.status);
  root.append(
    h(
      "section",
      { class: "centered", "aria-labelledby": title.id },
      title,
      spinner("Checking your identity"),
      status,
      h("p", { class: "hint" }, "This usually takes less than a minute."),
    ),
  );
  return {
    focusTarget: title,
    update(next) {
      status.textContent = next.status;
      return true;
    },
  };
}
