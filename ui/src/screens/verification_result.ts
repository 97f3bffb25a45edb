// What a presented card showed, for the person at the desk: the chosen claims, who issued it,
// Face Check's score and photo quality, and the revocation status; or, plainly, why it did
// not verify and what to do next. Nothing here is stored; Done, Cancel or inactivity clears it.
import { FluentNumber } from "@fluent/bundle";
import type { VerifiedCard } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import { asStaff, hasWords, say, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Result = ScreenOf<"verification_result">;

function facts(card: VerifiedCard): HTMLElement {
  // `data`: the card's own values, shown as they are in every language.
  const row = (id: string, label: string, value: string, data = false): HTMLElement[] => [
    h("dt", {}, label),
    h("dd", { id, translate: data ? "no" : null }, value),
  ];
  const check = card.face_check;
  const faceCheck = check
    ? say(check.photo_quality ? "verified-face-check-quality" : "verified-face-check-score", {
        // One decimal, with the language's decimal sign.
        score: new FluentNumber(check.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
        threshold: check.threshold,
        quality: check.photo_quality?.toLowerCase() ?? "",
      })
    : say("verified-face-check-not-asked");
  // The kiosk's words for the claims it knows; the card's own label for any other.
  const claimLabel = (claim: VerifiedCard["claims"][number]): string =>
    hasWords(`claim-${claim.name}`) ? say(`claim-${claim.name}`) : claim.label;
  return h(
    "dl",
    { id: "verified-claims", class: "card-facts" },
    ...card.claims.flatMap((claim) => row(`claim-${claim.name}`, claimLabel(claim), claim.value, true)),
    ...row("verified-face-check", say("verified-face-check"), faceCheck),
    ...row(
      "verified-revocation",
      say("verified-revocation"),
      say(card.revocation === "valid" ? "verified-not-revoked" : "verified-revocation-unknown"),
    ),
    ...row("verified-issuer", say("verified-issuer"), card.issuer, true),
    ...row("verified-type", say("verified-card-type"), card.credential_type, true),
  );
}

export function renderVerificationResult(root: HTMLElement, screen: Result, ctx: ScreenContext): ScreenInstance<Result> {
  // Verify mode's result is for the member of staff at the desk: in the kiosk's language,
  // whatever the person showing the card chose. The new-card check speaks to the employee.
  return screen.purpose === "verify" ? asStaff(() => renderResult(root, screen, ctx)) : renderResult(root, screen, ctx);
}

function renderResult(root: HTMLElement, screen: Result, ctx: ScreenContext): ScreenInstance<Result> {
  const newCard = screen.purpose === "new_card";
  const section = h("section", { class: "centered verify-result" });
  const actions = h("div", { class: "actions" });
  let title: HTMLHeadingElement;
  if (screen.card) {
    title = heading(say(newCard ? "verified-new-card-title" : "verified-title"));
    section.classList.add("result-verified");
    section.append(
      title,
      h("p", { id: "verify-outcome", class: "lead", role: "status" },
        say(
          newCard
            ? screen.card.face_check
              ? "verified-new-card-face"
              : "verified-new-card"
            : "verified-lead",
        )),
      facts(screen.card),
    );
  } else {
    title = heading(say(newCard ? "not-verified-new-card-title" : "not-verified-title"));
    section.classList.add("result-failed");
    section.append(
      title,
      h("div", { id: "verify-problem", role: "alert" },
        h("p", { class: "lead", id: "verify-problem-message" }, screen.explanation ? sayPhrase(screen.explanation.message) : ""),
        h("p", { id: "verify-problem-next" }, screen.explanation ? sayPhrase(screen.explanation.next_step) : ""),
      ),
    );
    if (screen.can_retry) {
      actions.append(button("try-again", say("try-again"), () => ctx.send({ kind: "try_again" }), "secondary"));
    }
  }
  actions.prepend(button("finish", say("done"), () => ctx.send({ kind: "finish" })));
  section.append(actions);
  section.setAttribute("aria-labelledby", title.id);
  root.append(section);
  return { focusTarget: title };
}
