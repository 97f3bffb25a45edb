import { button, h, heading } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

declare global {
  interface Window {
    /** When Welcome first became usable (ms since the Unix epoch), for the start-up benchmark. */
    __welcomeShownAt?: number;
  }
}

export function renderWelcome(
  root: HTMLElement,
  _screen: ScreenOf<"welcome">,
  ctx: ScreenContext,
): ScreenInstance<ScreenOf<"welcome">> {
  const staffed = ctx.view.kiosk_mode === "staffed";
  const title = heading("Get your digital work ID");
  const start = button("start", staffed ? "Start enrollment" : "Begin", () => ctx.send({ kind: "start" }));
  start.classList.add("btn-hero");
  // Verify mode: someone shows the work ID already in their Authenticator.
  const verify = ctx.view.verify_available
    ? button("start-verify", "Verify a work ID", () => ctx.send({ kind: "start_verify" }), "secondary")
    : null;
  verify?.classList.add("btn-hero");
  root.append(
    h(
      "section",
      { class: "welcome", "aria-labelledby": title.id },
      title,
      h(
        "p",
        { class: "lead" },
        "Check your ID with a photo, then add your work ID to Microsoft Authenticator on your phone.",
      ),
      h("p", {}, "It takes about five minutes. Have your ID and your phone ready."),
      h("div", { class: "actions welcome-actions" }, start, verify),
    ),
  );
  window.__welcomeShownAt ??= performance.timeOrigin + performance.now();
  return { focusTarget: title };
}
