import { describe, expect, it } from "vitest";
import type { QrMatrix } from "./ipc/bindings";
import { drawQr, isValidQr, paintQr, qrLayout, QUIET_ZONE, type QrContext } from "./qr";
import { sampleQr } from "./test/fixtures";

/** A 2D context that paints fillRect calls into a pixel grid (true = dark). */
class PixelContext implements QrContext {
  fillStyle: string | CanvasGradient | CanvasPattern = "#000000";
  imageSmoothingEnabled = true;
  readonly pixels: (boolean | null)[];
  constructor(readonly size: number) {
    this.pixels = new Array<boolean | null>(size * size).fill(null);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    for (const v of [x, y, w, h]) expect(Number.isInteger(v)).toBe(true);
    const dark = this.fillStyle === "#000000";
    expect(dark || this.fillStyle === "#ffffff").toBe(true);
    expect(x + w).toBeLessThanOrEqual(this.size);
    expect(y + h).toBeLessThanOrEqual(this.size);
    for (let py = y; py < y + h; py++) {
      for (let px = x; px < x + w; px++) {
        this.pixels[py * this.size + px] = dark;
      }
    }
  }
  at(x: number, y: number): boolean | null {
    return this.pixels[y * this.size + x] ?? null;
  }
}

describe("qrLayout", () => {
  it("uses the largest whole number of device pixels per module", () => {
    // 21 modules + 2×4 quiet zone = 29; 600 CSS px at dpr 1 → 20 px/module (580 px).
    expect(qrLayout(21, 600, 1)).toEqual({ totalModules: 29, moduleSize: 20, devicePixels: 580, cssPixels: 580 });
    // At dpr 2 the same box has 1200 device pixels → 41 px/module, 1189 device px, 594.5 CSS px.
    const hi = qrLayout(21, 600, 2);
    expect(hi.moduleSize).toBe(41);
    expect(hi.devicePixels).toBe(1189);
    expect(hi.cssPixels).toBeCloseTo(594.5);
    // Fractional ratios still give integer modules.
    const frac = qrLayout(57, 864, 1.25);
    expect(Number.isInteger(frac.moduleSize)).toBe(true);
    expect(frac.devicePixels).toBe(frac.moduleSize * 65);
    expect(frac.devicePixels).toBeLessThanOrEqual(864 * 1.25);
  });

  it("never goes below one pixel per module and survives a bad ratio", () => {
    expect(qrLayout(21, 0, 1).moduleSize).toBe(1);
    expect(qrLayout(21, 290, Number.NaN).moduleSize).toBe(10);
  });

  it("fills at least 60% of a 1080-pixel-high screen for typical offer sizes", () => {
    const available = 1080 - 96 - 48; // header and padding from styles.css
    for (let version = 1; version <= 20; version++) {
      const width = 17 + 4 * version;
      expect(qrLayout(width, available, 1).cssPixels).toBeGreaterThanOrEqual(0.6 * 1080);
    }
  });
});

describe("paintQr", () => {
  it("puts dark pixels exactly where modules are dark, inside a white quiet zone", () => {
    const qr = sampleQr(21);
    const m = 3;
    const size = (21 + 2 * QUIET_ZONE) * m;
    const ctx = new PixelContext(size);
    paintQr(ctx, qr, m);
    expect(ctx.imageSmoothingEnabled).toBe(false);
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        const mx = Math.floor(px / m) - QUIET_ZONE;
        const my = Math.floor(py / m) - QUIET_ZONE;
        const inside = mx >= 0 && my >= 0 && mx < 21 && my < 21;
        const expected = inside && qr.modules[my * 21 + mx] === "1";
        expect(ctx.at(px, py), `pixel ${px},${py}`).toBe(expected);
      }
    }
  });

  it("leaves the quiet zone white even for an all-dark matrix", () => {
    const qr: QrMatrix = { width: 2, modules: "1111" };
    const ctx = new PixelContext(10 * 2);
    paintQr(ctx, qr, 2);
    expect(ctx.at(7, 7)).toBe(false);
    expect(ctx.at(8, 8)).toBe(true);
    expect(ctx.at(11, 11)).toBe(true);
    expect(ctx.at(12, 12)).toBe(false);
    expect(ctx.at(19, 0)).toBe(false);
  });
});

describe("drawQr", () => {
  it("sizes the canvas in whole modules and paints through its 2D context", () => {
    const canvas = document.createElement("canvas");
    let ctx: PixelContext | null = null;
    canvas.getContext = ((kind: string) => {
      expect(kind).toBe("2d");
      ctx = new PixelContext(canvas.width);
      return ctx;
    }) as unknown as typeof canvas.getContext;
    const layout = drawQr(canvas, sampleQr(21), 60, 2);
    expect(layout?.moduleSize).toBe(4);
    expect(canvas.width).toBe(116);
    expect(canvas.height).toBe(116);
    expect(canvas.style.width).toBe("58px");
    const painted = ctx as PixelContext | null;
    expect(painted?.at(4 * 4, 4 * 4)).toBe(true); // top-left module is dark
    expect(painted?.at(4 * 4 - 1, 4 * 4)).toBe(false); // quiet zone beside it
    expect(painted?.at(0, 0)).toBe(false);
  });

  it("rejects malformed matrices", () => {
    expect(isValidQr({ width: 2, modules: "101" })).toBe(false);
    expect(isValidQr({ width: 2, modules: "10x1" })).toBe(false);
    expect(isValidQr({ width: 0, modules: "" })).toBe(false);
    expect(drawQr(document.createElement("canvas"), { width: 3, modules: "1" }, 100, 1)).toBeNull();
  });
});
