// The overview's camera section: which camera the kiosk uses, and a live preview of each.
import type { CameraList } from "../ipc/admin_bindings";
import { startPreview } from "../camera";
import { button, h } from "../dom";
import { sayPhraseToStaff, sayToStaff } from "../language";
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
  const cameraNote = h("p", { id: "camera-note", class: "hint", "aria-live": "polite" }, cameras.note ? sayPhraseToStaff(cameras.note) : "");
  const previewCanvas = h("canvas", { id: "admin-preview", width: 1280, height: 720, "aria-label": sayToStaff("admin-camera-preview-label") });
  const stopButton = button("camera-preview-stop", sayToStaff("admin-camera-stop-preview"), () => {
    ctx.preview.stop();
    previewBox.hidden = true;
  }, "secondary");
  const previewBox = h("div", { class: "admin-preview", hidden: true }, h("div", { class: "preview" }, previewCanvas), stopButton);
  /** `name` null: the demo camera. */
  const preview = async (name: string | null): Promise<void> => {
    ctx.preview.stop();
    cameraNote.textContent = name === null ? sayToStaff("admin-camera-starting-demo") : sayToStaff("admin-camera-starting", { camera: name });
    try {
      if (!(await ctx.preview.start(name, previewCanvas))) return;
      previewBox.hidden = false;
      cameraNote.textContent = name === null ? sayToStaff("admin-camera-showing-demo") : sayToStaff("admin-camera-showing", { camera: name });
    } catch (error) {
      previewBox.hidden = true;
      cameraNote.textContent = message(error);
    }
  };
  const previewButton = (index: number, name: string): HTMLButtonElement => {
    const it = button(`camera-preview-${index}`, sayToStaff("admin-camera-preview"), () => void preview(name), "secondary");
    it.setAttribute("aria-label", sayToStaff("admin-camera-preview-named", { camera: name }));
    return it;
  };
  const cameraChoices = h(
    "div",
    { class: "camera-list" },
    ...cameras.devices.map((name, index) => {
      const input = h("input", { type: "radio", name: "camera", id: `camera-${index}`, value: name, checked: name === cameras.chosen });
      input.addEventListener("change", async () => {
        try {
          await ctx.guarded("admin_choose_camera", { name });
          cameraNote.textContent = sayToStaff("admin-camera-chosen", { camera: name });
        } catch (error) {
          cameraNote.textContent = message(error);
        }
      });
      return h(
        "div",
        { class: "camera-row" },
        h("div", { class: "choice" }, input, h("label", { for: `camera-${index}` }, name)),
        previewButton(index, name),
      );
    }),
    cameras.demo_camera
      ? button("camera-preview-demo", sayToStaff("admin-camera-preview-demo"), () => void preview(null), "secondary")
      : null,
  );
  return h(
    "section",
    { class: "admin-section", "aria-labelledby": "admin-camera" },
    h("h2", { id: "admin-camera" }, sayToStaff("admin-camera-heading")),
    h("div", { role: "radiogroup", "aria-labelledby": "admin-camera" }, cameraChoices),
    cameraNote,
    previewBox,
  );
}
