// Draws a QR matrix on a canvas: 4-module white quiet zone, black on white, every module a
// whole number of device pixels, no smoothing. Scanners (Authenticator, phone cameras) read
// crisp integer-sized modules far more reliably than resampled ones.
import type { QrMatrix } from "./ipc/bindings";

export const QUIET_ZONE = 4;
export const DARK = "#000000";
export const LIGHT = "#ffffff";

export interface QrLayout {
  /** Modules per side including the quiet zone on both sides. */
  totalModules: number;
  /** Size of one module in device pixels (an integer ≥ 1). */
  moduleSize: number;
  /** Canvas backing-store size in device pixels. */
  devicePixels: number;
  /** CSS size of the canvas, so that one CSS pixel maps to `dpr` device pixels exactly. */
  cssPixels: number;
}

/** The largest integer module size that fits `availableCss` CSS pixels at `dpr`. */
export function qrLayout(width: number, availableCss: number, dpr: number): QrLayout {
  const ratio = Number.isFinite(dpr) && dpr > 0 ? dpr : 1;
  const totalModules = width + 2 * QUIET_ZONE;
  const available = Math.max(0, Math.floor(availableCss * ratio));
  const moduleSize = Math.max(1, Math.floor(available / totalModules));
  const devicePixels = moduleSize * totalModules;
  return { totalModules, moduleSize, devicePixels, cssPixels: devicePixels / ratio };
}

/** True when `qr` is a well-formed square matrix. */
export function isValidQr(qr: QrMatrix): boolean {
  return (
    Number.isInteger(qr.width) &&
    qr.width > 0 &&
    qr.modules.length === qr.width * qr.width &&
    /^[01]*$/.test(qr.modules)
  );
}

/** The part of the 2D context we use (lets tests record the drawing). */
export type QrContext = Pick<CanvasRenderingContext2D, "fillStyle" | "fillRect" | "imageSmoothingEnabled">;

/** Paints the matrix plus quiet zone at `moduleSize` device pixels per module, from (0, 0). */
export function paintQr(ctx: QrContext, qr: QrMatrix, moduleSize: number): void {
  const total = qr.width + 2 * QUIET_ZONE;
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = LIGHT;
  ctx.fillRect(0, 0, total * moduleSize, total * moduleSize);
  ctx.fillStyle = DARK;
  for (let y = 0; y < qr.width; y++) {
    const row = y * qr.width;
    let x = 0;
    while (x < qr.width) {
      if (qr.modules[row + x] !== "1") {
        x++;
        continue;
      }
      // One rectangle per horizontal run of dark modules.
      const start = x;
      while (x < qr.width && qr.modules[row + x] === "1") x++;
      ctx.fillRect(
        (start + QUIET_ZONE) * moduleSize,
        (y + QUIET_ZONE) * moduleSize,
        (x - start) * moduleSize,
        moduleSize,
      );
    }
  }
}

/**
 * Sizes `canvas` to the largest crisp QR that fits `availableCss` CSS pixels and draws `qr` on it.
 * Returns the layout used, or null when the matrix is malformed or there is no 2D context.
 */
export function drawQr(
  canvas: HTMLCanvasElement,
  qr: QrMatrix,
  availableCss: number,
  dpr: number = globalThis.devicePixelRatio || 1,
): QrLayout | null {
  if (!isValidQr(qr)) return null;
  const layout = qrLayout(qr.width, availableCss, dpr);
  canvas.width = layout.devicePixels;
  canvas.height = layout.devicePixels;
  canvas.style.width = `${layout.cssPixels}px`;
  canvas.style.height = `${layout.cssPixels}px`;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  paintQr(ctx, qr, layout.moduleSize);
  return layout;
}
