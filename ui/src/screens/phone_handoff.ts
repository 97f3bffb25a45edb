import { h, heading, spinner } from "../dom";
import { mountQr } from "./qrbox";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Handoff = ScreenOf<"phone_handoff">;

export function renderPhoneHandoff(root: HTMLElement, screen: Handoff, _ctx: ScreenContext): ScreenInstance<Handoff> {
  const title = heading("Continue on your phone");
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
          h("li", {}, "Open the camera on your phone."),
          h("li", {}, "Point it at the code and tap the link that appears."),
          h("li", {}, "Follow the steps on your phone. This screen updates by itself."),
        ),
        status,
      ),
      qrBox,
    ),
  );

  let unmount: (() => void) | null = null;
  let lastQr = "";
  const apply = (next: Handoff): void => {
    status.textContent = next.status;
    const key = JSON.stringify(next.qr);
    if (key === lastQr) return;
    lastQr = key;
    unmount?.();
    unmount = null;
    qrBox.replaceChildren();
    if (next.qr) {
      const canvas = h("canvas", { id: "handoff-qr", role: "img", "aria-label": "QR code that opens the photo steps on your phone" });
      qrBox.append(canvas);
      unmount = mountQr(canvas, qrBox, next.qr, 0.5);
    } else {
      qrBox.append(spinner("Preparing the code"), h("p", { class: "preparing" }, "Preparing…"));
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
