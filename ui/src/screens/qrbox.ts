// A QR canvas that fills its box and redraws crisply whenever the box changes size.
import type { QrMatrix } from "../ipc/bindings";
import { drawQr } from "../qr";

/** The CSS size available for a QR in `box` (falls back to a share of the window height). */
export function availableSize(box: HTMLElement, fallbackShare: number): number {
  const measured = Math.min(box.clientWidth, box.clientHeight);
  if (measured > 0) return measured;
  return Math.max(200, Math.floor((window.innerHeight || 800) * fallbackShare));
}

/** Draws `qr` into `canvas` sized to `box`; returns a function that stops following size changes. */
export function mountQr(canvas: HTMLCanvasElement, box: HTMLElement, qr: QrMatrix, fallbackShare: number): () => void {
  let drawnFor = -1;
  const draw = (): void => {
    const size = availableSize(box, fallbackShare);
    if (size === drawnFor) return;
    drawnFor = size;
    drawQr(canvas, qr, size);
  };
  draw();
  // The box is sized by CSS alone (the canvas is taken out of its flow), so redrawing the
  // canvas never feeds back into the observed size.
  if (typeof ResizeObserver !== "undefined") {
    const observer = new ResizeObserver(draw);
    observer.observe(box);
    return () => observer.disconnect();
  }
  window.addEventListener("resize", draw);
  return () => window.removeEventListener("resize", draw);
}
