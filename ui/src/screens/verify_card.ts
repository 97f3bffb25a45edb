// Verify mode's code: Authenticator scans it and shares a card (with Face Check when asked).
// As large as the offer's, with the time left and the live status; once Authenticator has
// retrieved the request the code is spent and leaves the screen.
import type { PresentationStatus, VerificationPurpose } from "../ipc/bindings";
import { h, heading, spinner } from "../dom";
import { say } from "../language";
import { formatCountdown } from "./offer_credential";
import { mountQr } from "./qrbox";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type VerifyCard = ScreenOf<"verify_card">;
type Preparing = ScreenOf<"preparing_verification">;

const TITLES: Record<VerificationPurpose, string> = {
  verify: "verify-title",
  new_card: "verify-new-card-title",
};

const STATUS_TEXT: Record<PresentationStatus, string> = {
  waiting: "verify-status-waiting",
  retrieved: "verify-status-retrieved",
};

export function renderPreparingVerification(root: HTMLElement, screen: Preparing, _ctx: ScreenContext): ScreenInstance<Preparing> {
  const title = heading(say(TITLES[screen.purpose]));
  root.append(
    h(
      "section",
      { class: "centered", "aria-labelledby": title.id },
      title,
      spinner(say("verify-preparing")),
      h("p", { id: "verify-preparing", class: "status", "aria-live": "polite" }, say("verify-preparing")),
    ),
  );
  return { focusTarget: title };
}

export function renderVerifyCard(root: HTMLElement, screen: VerifyCard, _ctx: ScreenContext): ScreenInstance<VerifyCard> {
  const title = heading(say(TITLES[screen.purpose]));
  const qrBox = h("div", { class: "qr-box qr-box-offer" });
  const canvas = h("canvas", { id: "verify-qr", role: "img", "aria-label": say("offer-qr-label") });
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
          h("li", {}, say("offer-step-open")),
          h("li", {}, say("offer-step-scan")),
          h("li", {}, say("verify-step-share")),
        ),
        status,
        countdown,
      ),
    ),
  );
  let unmount: (() => void) | null = screen.qr ? mountQr(canvas, qrBox, screen.qr, 0.78) : null;
  let lastStatus: PresentationStatus | null = null;
  const apply = (next: VerifyCard): void => {
    countdown.textContent = say("offer-expires-in", { time: formatCountdown(next.expires_in_seconds) });
    if (!next.qr && unmount) {
      unmount();
      unmount = null;
      qrBox.hidden = true;
    }
    if (next.status === lastStatus) return;
    lastStatus = next.status;
    status.textContent = say(STATUS_TEXT[next.status]);
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
