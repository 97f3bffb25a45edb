import { showReviewImage } from "../camera";
import { button, h, heading } from "../dom";
import { say, sayPhrase } from "../language";
import { stepText } from "./capture";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

export function renderReview(
  root: HTMLElement,
  screen: ScreenOf<"review">,
  ctx: ScreenContext,
): ScreenInstance<ScreenOf<"review">> {
  const title = heading(sayPhrase(screen.title));
  const kind = screen.step === "selfie" ? "face" : "document";
  const canvas = h("canvas", { id: "review-canvas", "aria-hidden": "true" });
  root.append(
    h(
      "section",
      { class: "review", "aria-labelledby": title.id },
      h("div", { class: "capture-head" }, title, h("p", { id: "step-progress", class: "step-progress" }, stepText(screen.progress))),
      // A downscaled copy of the still (at most 640 px wide), never the full-resolution one.
      h("div", { id: "review-photo", class: `preview preview-${kind}` }, canvas),
      h("p", { class: "instruction" }, say(kind === "face" ? "review-face-question" : "review-document-question")),
      h(
        "div",
        { class: "actions" },
        button("retake", say("review-retake"), () => ctx.send({ kind: "retake" }), "secondary"),
        button("use-photo", say("review-use-photo"), () => ctx.send({ kind: "use_photo" })),
      ),
    ),
  );
  void showReviewImage(canvas);
  return { focusTarget: title };
}
