import { h, heading, spinner } from "../dom";
import { say, sayPhrase } from "../language";
import { mountQr } from "./qrbox";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Handoff = ScreenOf<"phone_handoff">;

export function renderPhoneHandoff(root: HTMLElement, screen: Handoff, _ctx: ScreenContext): ScreenInstance<Handoff> {
  const title = heading(say("phone-title"));
  const qrBox = h("div", { class: "qr-box qr-box-handoff" });
  const status = h("p", { id: "handoff-status", class: "status", "aria-live": "polite" });
  root.append(
    h(
      "section",
      { class: "handoff", "aria-labelledby": title.id },
      h(
        "div",
        { class: "side" },
        title,
        h("ol", { class: "steps" },
          h("li", {}, say("phone-step-camera")),
          h("li", {}, say("phone-step-scan")),
          h("li", {}, say("phone-step-follow")),
        ),
        status,
      ),
      qrBox,
    ),
  );

  let unmount: (() => void) | null = null;
  let lastQr = "";
  const apply = (next: Handoff): void => {
    status.textContent = sayPhrase(next.status);
    const key = JSON.stringify(next.qr);
    if (key === lastQr) return;
    lastQr = key;
    unmount?.();
    unmount = null;
    qrBox.replaceChildren();
    if (next.qr) {
      const canvas = h("canvas", { id: "handoff-qr", role: "img", "aria-label": say("phone-qr-label") });
      qrBox.append(canvas);
      unmount = mountQr(canvas, qrBox, next.qr, 0.5);
    } else {
      qrBox.append(spinner(say("phone-preparing-code")));
    }
  };
  apply(screen);

  return {
    focusTarget: title,
    update(next) {
      apply(next);
      return true;
    },
    destroy() {
      unmount?.();
    },
  };
}
