// The overview's camera section: which camera the kiosk uses, and a live preview of each.
import type { CameraList } from "../ipc/admin_bindings";
import { startPreview } from "../camera";
import { button, h } from "../dom";
import { message } from "./frame";
import type { Call } from "./ipc";
import type { AdminContext } from "./types";

export interface CameraPreview {
  /** Ends a camera preview, if one runs or is starting: the camera is free again. */
  stop(): void;
  /**
   * Asks Rust to run camera `name` (null: the demo camera) and paints it into `canvas`. False
   * when the preview was left meanwhile (closed, locked, another screen): the stop has been
   * sent already.
   */
  start(name: string | null, canvas: HTMLCanvasElement): Promise<boolean>;
}

export function cameraPreview(call: Call, guarded: Call): CameraPreview {
  let painter: { stop(): void } | null = null;
  /** A preview was asked for (it may still be starting): it must be stopped on leaving. */
  let requested = false;
  const stop = (): void => {
    painter?.stop();
    painter = null;
    if (!requested) return;
    requested = false;
    call("admin_stop_preview").catch(() => {});
  };
  return {
    stop,
    async start(name, canvas) {
      stop();
      requested = true;
      await guarded("admin_preview_camera", { name });
      if (!requested || !canvas.isConnected) return false;
      painter = startPreview(canvas);
      return true;
    },
  };
}

/** The camera choices, their preview buttons, the note and the preview itself. */
export function cameraSection(ctx: AdminContext, cameras: CameraList): HTMLElement {
  const cameraNote = h("p", { id: "camera-note", class: "hint", "aria-live": "polite" }, cameras.note ?? "");
  const previewCanvas = h("canvas", { id: "admin-preview", width: 1280, height: 720, "aria-label": "Camera preview" });
  const stopButton = button("camera-preview-stop", "Stop preview", () => {
    ctx.preview.stop();
    previewBox.hidden = true;
  }, "secondary");
  const previewBox = h("div", { class: "admin-preview", hidden: true }, h("div", { class: "preview" }, previewCanvas), stopButton);
  const preview = async (name: string | null, label: string): Promise<void> => {
    ctx.preview.stop();
    cameraNote.textContent = `Starting ${label}…`;
    try {
      if (!(await ctx.preview.start(name, previewCanvas))) return;
      previewBox.hidden = false;
      cameraNote.textContent = `Showing ${label}.`;
    } catch (error) {
      previewBox.hidden = true;
      cameraNote.textContent = message(error);
    }
  };
  const cameraChoices = h(
    "div",
    { class: "camera-list" },
    ...cameras.devices.map((name, index) => {
      const input = h("input", { type: "radio", name: "camera", id: `camera-${index}`, value: name, checked: name === cameras.chosen });
      input.addEventListener("change", async () => {
        try {
          await ctx.guarded("admin_choose_camera", { name });
          cameraNote.textContent = `${name} is used from the next start.`;
        } catch (error) {
          cameraNote.textContent = message(error);
        }
      });
      return h(
        "div",
        { class: "camera-row" },
        h("div", { class: "choice" }, input, h("label", { for: `camera-${index}` }, name)),
        button(`camera-preview-${index}`, "Preview", () => void preview(name, name), "secondary"),
      );
    }),
    cameras.demo_camera
      ? button("camera-preview-demo", "Preview the demo camera", () => void preview(null, "the demo camera"), "secondary")
      : null,
  );
  return h(
    "section",
    { class: "admin-section", "aria-labelledby": "admin-camera" },
    h("h2", { id: "admin-camera" }, "Camera"),
    h("div", { role: "radiogroup", "aria-labelledby": "admin-camera" }, cameraChoices),
    cameraNote,
    previewBox,
  );
}
