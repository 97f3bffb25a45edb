// What a presented card showed, for the person at the desk: the chosen claims, who issued it,
// Face Check's score and photo quality, and the revocation status; or, plainly, why it did
// not verify and what to do next. Nothing here is stored; Done, Cancel or inactivity clears it.
import type { VerifiedCard } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Result = ScreenOf<"verification_result">;

function facts(card: VerifiedCard): HTMLElement {
  const row = (id: string, label: string, value: string): HTMLElement[] => [
    h("dt", {}, label),
    h("dd", { id }, value),
  ];
  const faceCheck = card.face_check
    ? `${card.face_check.score.toFixed(1)} of 100 (${card.face_check.threshold} needed)` +
      (card.face_check.photo_quality ? ` · photo quality ${card.face_check.photo_quality.toLowerCase()}` : "")
    : "Not asked for";
  return h(
    "dl",
    { id: "verified-claims", class: "card-facts" },
    ...card.claims.flatMap((claim) => row(`claim-${claim.name}`, claim.label, claim.value)),
    ...row("verified-face-check", "Face Check", faceCheck),
    ...row(
      "verified-revocation",
      "Revocation",
      card.revocation === "valid" ? "Not revoked (checked by Verified ID)" : "Not reported by Verified ID",
    ),
    ...row("verified-issuer", "Issued by", card.issuer),
    ...row("verified-type", "Card", card.credential_type),
  );
}

export function renderVerificationResult(root: HTMLElement, screen: Result, ctx: ScreenContext): ScreenInstance<Result> {
  const newCard = screen.purpose === "new_card";
  const section = h("section", { class: "centered verify-result" });
  const actions = h("div", { class: "actions" });
  let title: HTMLHeadingElement;
  if (screen.card) {
    title = heading(newCard ? "Your new card works" : "Card verified");
    section.classList.add("result-verified");
    section.append(
      title,
      h("p", { id: "verify-outcome", class: "lead", role: "status" },
        newCard
          ? screen.card.face_check
            ? "Authenticator shared the card, and your face matched its photo."
            : "Authenticator shared the card: it is on your phone."
          : "Verified ID checked the card, and it passed every check this kiosk asks for."),
      facts(screen.card),
    );
  } else {
    title = heading(newCard ? "Your new card couldn't be checked" : "Card not verified");
    section.classList.add("result-failed");
    section.append(
      title,
      h("div", { id: "verify-problem", role: "alert" },
        h("p", { class: "lead", id: "verify-problem-message" }, screen.explanation?.message ?? ""),
        h("p", { id: "verify-problem-next" }, screen.explanation?.next_step ?? ""),
      ),
    );
    if (screen.can_retry) {
      actions.append(button("try-again", "Try again", () => ctx.send({ kind: "try_again" }), "secondary"));
    }
  }
  actions.prepend(button("finish", "Done", () => ctx.send({ kind: "finish" })));
  section.append(actions);
  section.setAttribute("aria-labelledby", title.id);
  root.append(section);
  return { focusTarget: title };
}
