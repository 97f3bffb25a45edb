// Verify mode's code: Authenticator scans it and shares a card (with Face Check when asked).
// As large as the offer's, with the time left and the live status; once Authenticator has
// retrieved the request the code is spent and leaves the screen.
import type { PresentationStatus, VerificationPurpose } from "../ipc/bindings";
import { h, heading, spinner } from "../dom";
import { formatCountdown } from "./offer_credential";
import { mountQr } from "./qrbox";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type VerifyCard = ScreenOf<"verify_card">;
type Preparing = ScreenOf<"preparing_verification">;

const TITLES: Record<VerificationPurpose, string> = {
  verify: "Show your work ID",
  new_card: "Check your new card",
};

const STATUS_TEXT: Record<PresentationStatus, string> = {
  waiting: "Waiting for the code to be scanned…",
  retrieved: "Scanned — share the card in Authenticator and look at the phone for Face Check",
};

export function renderPreparingVerification(root: HTMLElement, screen: Preparing, _ctx: ScreenContext): ScreenInstance<Preparing> {
  const title = heading(TITLES[screen.purpose]);
  root.append(
    h(
      "section",
      { class: "centered", "aria-labelledby": title.id },
      title,
      spinner("Preparing a code to scan"),
      h("p", { id: "verify-preparing", class: "status", "aria-live": "polite" }, "Preparing a code to scan…"),
    ),
  );
  return { focusTarget: title };
}

export function renderVerifyCard(root: HTMLElement, screen: VerifyCard, _ctx: ScreenContext): ScreenInstance<VerifyCard> {
  const title = heading(TITLES[screen.purpose]);
  const qrBox = h("div", { class: "qr-box qr-box-offer" });
  const canvas = h("canvas", { id: "verify-qr", role: "img", "aria-label": "QR code to scan with Microsoft Authenticator" });
  qrBox.append(canvas);
  const countdown = h("p", { id: "verify-countdown", class: "countdown", role: "timer" });
  const status = h("p", { id: "verify-status", class: "status", "aria-live": "polite" });
  root.append(
    h(
      "section",
      { class: "offer", "aria-labelledby": title.id },
      qrBox,
      h(
        "div",
        { class: "side" },
        title,
        h("ol", { class: "steps" },
          h("li", {}, "Open Microsoft Authenticator on your phone."),
          h("li", {}, "Tap the QR code icon and scan this code."),
          h("li", {}, "Choose your work ID, share it, and follow the Face Check on your phone."),
        ),
        status,
        countdown,
      ),
    ),
  );
  let unmount: (() => void) | null = screen.qr ? mountQr(canvas, qrBox, screen.qr, 0.78) : null;
  let lastStatus: PresentationStatus | null = null;
  const apply = (next: VerifyCard): void => {
    countdown.textContent = `Expires in ${formatCountdown(next.expires_in_seconds)}`;
    if (!next.qr && unmount) {
      unmount();
      unmount = null;
      qrBox.hidden = true;
    }
    if (next.status === lastStatus) return;
    lastStatus = next.status;
    status.textContent = STATUS_TEXT[next.status];
    status.classList.toggle("status-scanned", next.status === "retrieved");
  };
  qrBox.hidden = !screen.qr;
  apply(screen);
  return {
    focusTarget: title,
    update(next) {
      if (next.url !== screen.url) return false;
      apply(next);
      return true;
    },
    destroy: () => unmount?.(),
  };
}
