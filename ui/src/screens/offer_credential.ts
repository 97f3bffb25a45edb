// The QR to add the credential to Microsoft Authenticator: as large as the screen allows,
// the PIN beside it, the time left and the live wallet status.
import type { WalletStatus } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import { mountQr } from "./qrbox";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Offer = ScreenOf<"offer_credential">;

export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const STATUS_TEXT: Record<WalletStatus, string> = {
  waiting: "Open Microsoft Authenticator and scan the code",
  scanned: "Scanned — finish in Authenticator",
  failed: "Adding your credential to Authenticator didn't work.",
};

/** What identifies the offer itself; anything else can change in place. */
function offerKey(s: Offer): string {
  return JSON.stringify([s.url, s.qr, s.pin]);
}

export function renderOfferCredential(root: HTMLElement, screen: Offer, ctx: ScreenContext): ScreenInstance<Offer> {
  const title = heading("Add your work ID to Authenticator");
  const qrBox = h("div", { class: "qr-box qr-box-offer" });
  const canvas = h("canvas", { id: "offer-qr", role: "img", "aria-label": "QR code to scan with Microsoft Authenticator" });
  qrBox.append(canvas);

  const countdown = h("p", { id: "offer-countdown", class: "countdown", role: "timer" });
  const status = h("p", { id: "wallet-status", class: "status", "aria-live": "polite" });
  const statusActions = h("div", { class: "actions" });
  const side = h(
    "div",
    { class: "side" },
    title,
    h("ol", { class: "steps" },
      h("li", {}, "Open Microsoft Authenticator on your phone."),
      h("li", {}, "Tap the QR code icon and scan this code."),
      screen.pin ? h("li", {}, "Enter the PIN shown below.") : null,
    ),
    screen.pin
      ? h("div", { class: "pin" }, h("p", { class: "pin-label", id: "offer-pin-label" }, "PIN"),
          h("p", { id: "offer-pin", class: "pin-digits" }, screen.pin))
      : null,
    status,
    statusActions,
    countdown,
  );
  root.append(h("section", { class: "offer", "aria-labelledby": title.id }, qrBox, side));
  const unmount = mountQr(canvas, qrBox, screen.qr, 0.78);

  let lastStatus: string | null = null;
  const apply = (next: Offer): void => {
    countdown.textContent = `Expires in ${formatCountdown(next.expires_in_seconds)}`;
    const statusKey = JSON.stringify([next.status, next.problem]);
    if (statusKey === lastStatus) return;
    lastStatus = statusKey;
    status.textContent = next.problem
      ? `${next.problem.message} ${next.problem.next_step}`
      : STATUS_TEXT[next.status];
    status.classList.toggle("status-failed", next.status === "failed");
    status.classList.toggle("status-scanned", next.status === "scanned");
    statusActions.replaceChildren();
    if (next.status === "failed") {
      statusActions.append(button("try-again", "Try again", () => ctx.send({ kind: "try_again" })));
    }
  };
  apply(screen);

  return {
    focusTarget: title,
    update(next) {
      if (offerKey(next) !== offerKey(screen)) return false;
      apply(next);
      return true;
    },
    destroy: unmount,
  };
}
