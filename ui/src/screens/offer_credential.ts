// The QR to add the credential to Microsoft Authenticator: as large as the screen allows, the
// time left and the live wallet status. Once Authenticator has retrieved the request the code
// is spent and leaves the screen; the PIN shows from then on, never beside a usable code.
import type { WalletStatus } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import { say, sayPhrase } from "../language";
import { mountQr } from "./qrbox";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Offer = ScreenOf<"offer_credential">;

export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const STATUS_TEXT: Record<WalletStatus, string> = {
  waiting: "offer-status-waiting",
  scanned: "offer-status-scanned",
  failed: "offer-status-failed",
};

/** What identifies the offer itself; status, code and PIN change in place. */
function offerKey(s: Offer): string {
  return s.url;
}

export function renderOfferCredential(root: HTMLElement, screen: Offer, ctx: ScreenContext): ScreenInstance<Offer> {
  const title = heading(say("offer-title"));
  const qrBox = h("div", { class: "qr-box qr-box-offer" });
  const canvas = h("canvas", { id: "offer-qr", role: "img", "aria-label": say("offer-qr-label") });
  qrBox.append(canvas);

  const countdown = h("p", { id: "offer-countdown", class: "countdown", role: "timer" });
  const status = h("p", { id: "wallet-status", class: "status", "aria-live": "polite" });
  const statusActions = h("div", { class: "actions" });
  const pinBox = h("div", { class: "pin", "aria-live": "polite" });
  const side = h(
    "div",
    { class: "side" },
    title,
    h("ol", { class: "steps" },
      h("li", {}, say("offer-step-open")),
      h("li", {}, say("offer-step-scan")),
      screen.pin_required ? h("li", {}, say("offer-step-pin")) : null,
    ),
    pinBox,
    status,
    statusActions,
    countdown,
    h("p", { class: "hint", id: "offer-cancel-note" }, say("offer-cancel-note")),
  );
  root.append(h("section", { class: "offer", "aria-labelledby": title.id }, qrBox, side));
  let unmount: (() => void) | null = screen.qr ? mountQr(canvas, qrBox, screen.qr, 0.78) : null;

  let lastStatus: string | null = null;
  const apply = (next: Offer): void => {
    countdown.textContent = say("offer-expires-in", { time: formatCountdown(next.expires_in_seconds) });
    if (!next.qr && unmount) {
      // Retrieved (or failed): the code is spent.
      unmount();
      unmount = null;
      qrBox.hidden = true;
    }
    const pinShown = pinBox.querySelector("#offer-pin")?.textContent ?? null;
    if (next.pin !== pinShown) {
      pinBox.replaceChildren(
        ...(next.pin
          ? [h("p", { class: "pin-label", id: "offer-pin-label" }, say("offer-pin")), h("p", { id: "offer-pin", class: "pin-digits" }, next.pin)]
          : []),
      );
    }
    const statusKey = JSON.stringify([next.status, next.problem]);
    if (statusKey === lastStatus) return;
    lastStatus = statusKey;
    status.textContent = next.problem
      ? `${sayPhrase(next.problem.message)} ${sayPhrase(next.problem.next_step)}`
      : say(STATUS_TEXT[next.status]);
    status.classList.toggle("status-failed", next.status === "failed");
    status.classList.toggle("status-scanned", next.status === "scanned");
    statusActions.replaceChildren();
    if (next.status === "failed") {
      statusActions.append(button("try-again", say("try-again"), () => ctx.send({ kind: "try_again" })));
    }
  };
  qrBox.hidden = !screen.qr;
  apply(screen);

  return {
    focusTarget: title,
    update(next) {
      if (offerKey(next) !== offerKey(screen)) return false;
      apply(next);
      return true;
    },
    destroy: () => unmount?.(),
  };
}
