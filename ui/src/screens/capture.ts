// document_front, document_back and selfie: a live preview with a guide frame, the current
// instruction, and a manual capture button. Preview frames are painted into #preview-canvas
// (camera.ts); this screen updates in place so the canvas survives instruction changes.
import { startPreview } from "../camera";
import type { CaptureView } from "../ipc/bindings";
import { button, h, heading, svg } from "../dom";
import { say, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type CaptureScreen = ScreenOf<"document_front"> | ScreenOf<"document_back"> | ScreenOf<"selfie">;

export function stepText(progress: { current: number; total: number }): string {
  return say("step-progress", { current: progress.current, total: progress.total });
}

function guideFrame(kind: "document" | "face"): SVGSVGElement {
  // viewBox matches the 16:9 preview; the guide is drawn over the live frames.
  const shape =
    kind === "document"
      ? // ID-1 card proportions (85.6 × 54 mm), about 70% of the preview width.
        svg("rect", { x: 240, y: 102.5, width: 800, height: 504.7, rx: 36, class: "guide-shape" })
      : svg("ellipse", { cx: 640, cy: 350, rx: 200, ry: 265, class: "guide-shape" });
  return svg(
    "svg",
    { class: "guide", viewBox: "0 0 1280 720", preserveAspectRatio: "xMidYMid meet", "aria-hidden": "true", focusable: "false" },
    shape,
  );
}

export function renderCapture(
  root: HTMLElement,
  screen: CaptureScreen,
  ctx: ScreenContext,
): ScreenInstance<CaptureScreen> {
  const kind = screen.name === "selfie" ? "face" : "document";
  const title = heading(sayPhrase(screen.title));
  const progress = h("p", { id: "step-progress", class: "step-progress" });
  const canvas = h("canvas", { id: "preview-canvas", "aria-hidden": "true" });
  const preview = h(
    "div",
    {
      id: "preview",
      class: `preview preview-${kind}`,
      role: "img",
      "aria-label": say(kind === "face" ? "capture-preview-face" : "capture-preview-document"),
    },
    canvas,
    guideFrame(kind),
  );
  const instruction = h("p", { id: "instruction", class: "instruction", "aria-live": "polite" });
  const capture = button("capture", say("capture-take-photo"), () => ctx.send({ kind: "capture" }));
  const problem = h("div", { id: "camera-problem", class: "problem", role: "alert" });

  root.append(
    h(
      "section",
      { class: "capture", "aria-labelledby": title.id },
      h("div", { class: "capture-head" }, title, progress),
      preview,
      instruction,
      problem,
      h("div", { class: "actions" }, capture),
    ),
  );

  let lastProblem = "";
  const apply = (next: CaptureView): void => {
    title.textContent = sayPhrase(next.title);
    progress.textContent = stepText(next.progress);
    const words = sayPhrase(next.instruction);
    if (instruction.textContent !== words) instruction.textContent = words;
    capture.disabled = next.capturing;
    capture.setAttribute("aria-busy", String(next.capturing));
    capture.textContent = say(next.capturing ? "capture-taking-photo" : "capture-take-photo");

    const problemKey = JSON.stringify(next.camera_problem);
    if (problemKey !== lastProblem) {
      lastProblem = problemKey;
      problem.replaceChildren();
      if (next.camera_problem) {
        problem.append(
          h("p", { class: "problem-message" }, sayPhrase(next.camera_problem.message)),
          h("p", { class: "problem-next" }, sayPhrase(next.camera_problem.next_step)),
          button("camera-try-again", say("try-again"), () => ctx.send({ kind: "try_again" })),
        );
      }
    }
    problem.hidden = next.camera_problem === null;
    capture.hidden = next.camera_problem !== null;
    preview.classList.toggle("preview-unavailable", next.camera_problem !== null);
  };
  apply(screen);
  const painter = startPreview(canvas);

  return {
    focusTarget: title,
    update(next) {
      apply(next);
      return true;
    },
    destroy() {
      painter.stop();
    },
  };
}
