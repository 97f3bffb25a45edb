// Camera images from Rust: the live preview (pulled one frame at a time: the next request goes
// out only after the last frame was drawn, so a slow webview skips frames instead of queueing
// them) and the downscaled review copy. Binary transport: a 24-byte header, then a JPEG.
import { nextPreviewFrame, reviewImage } from "./ipc";

export const IMAGE_HEADER_LEN = 24;

export interface CameraImage {
  /** Increases across captures; passed back to ask for a newer frame. */
  seq: number;
  /** When the frame was captured, in milliseconds since the Unix epoch (0: unknown). */
  capturedAtMs: number;
  width: number;
  height: number;
  jpeg: Blob;
}

/** Reads a camera response; `null` for an empty answer (no camera running, no still). */
export function parseImage(body: ArrayBuffer | Uint8Array | number[] | null | undefined): CameraImage | null {
  if (!body) return null;
  const bytes =
    body instanceof ArrayBuffer ? new Uint8Array(body) : body instanceof Uint8Array ? body : Uint8Array.from(body);
  if (bytes.byteLength <= IMAGE_HEADER_LEN) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seq = Number(view.getBigUint64(0, true));
  const capturedMicros = Number(view.getBigUint64(8, true));
  return {
    seq,
    capturedAtMs: capturedMicros / 1000,
    width: view.getUint32(16, true),
    height: view.getUint32(20, true),
    jpeg: new Blob([bytes.slice(IMAGE_HEADER_LEN) as Uint8Array<ArrayBuffer>], { type: "image/jpeg" }),
  };
}

/** Preview figures for the benchmark (numbers only, nothing of the image). */
export interface PreviewStats {
  frames: number;
  /** The last frame's seq (its low 32 bits count the camera's frames). */
  lastSeq: number;
  startedAtMs: number;
  /** Capture → drawn on the canvas, in ms, for the latest frames (at most 600). */
  agesMs: number[];
}

declare global {
  interface Window {
    __previewStats?: PreviewStats;
  }
}

function drawBitmap(canvas: HTMLCanvasElement, bitmap: ImageBitmap): void {
  if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
  }
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  bitmap.close();
}

function clear(canvas: HTMLCanvasElement): void {
  canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
}

export interface PreviewDeps {
  fetch(after: number): Promise<ArrayBuffer | number[]>;
  decode(jpeg: Blob): Promise<ImageBitmap>;
  draw(canvas: HTMLCanvasElement, bitmap: ImageBitmap): void;
}

const defaultDeps: PreviewDeps = {
  fetch: nextPreviewFrame,
  decode: (jpeg) => createImageBitmap(jpeg),
  draw: drawBitmap,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Paints preview frames into `canvas` until `stop()` is called. */
export function startPreview(canvas: HTMLCanvasElement, deps: PreviewDeps = defaultDeps): { stop(): void } {
  let stopped = false;
  const stats: PreviewStats = { frames: 0, lastSeq: 0, startedAtMs: Date.now(), agesMs: [] };
  window.__previewStats = stats;
  void (async () => {
    let after = 0;
    let showing = false;
    while (!stopped) {
      let image: CameraImage | null;
      try {
        image = parseImage(await deps.fetch(after));
      } catch {
        await sleep(250);
        continue;
      }
      if (stopped) break;
      if (!image) {
        // No camera running: draw nothing (Rust already waited a moment before answering).
        if (showing) clear(canvas);
        showing = false;
        await sleep(100);
        continue;
      }
      after = image.seq;
      let bitmap: ImageBitmap;
      try {
        bitmap = await deps.decode(image.jpeg);
      } catch {
        continue;
      }
      if (stopped) {
        bitmap.close();
        break;
      }
      deps.draw(canvas, bitmap);
      showing = true;
      stats.frames += 1;
      stats.lastSeq = image.seq;
      if (image.capturedAtMs > 0) {
        stats.agesMs.push(performance.timeOrigin + performance.now() - image.capturedAtMs);
        if (stats.agesMs.length > 600) stats.agesMs.shift();
      }
    }
  })();
  return {
    stop() {
      stopped = true;
    },
  };
}

/** Draws the downscaled copy of the still under review; nothing when there is none. */
export async function showReviewImage(canvas: HTMLCanvasElement): Promise<void> {
  try {
    const image = parseImage(await reviewImage());
    if (!image) return;
    drawBitmap(canvas, await createImageBitmap(image.jpeg));
  } catch {
    // The review screen still works without the picture (Retake / Use photo).
  }
}
