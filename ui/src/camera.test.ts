import { describe, expect, it } from "vitest";
import { IMAGE_HEADER_LEN, parseImage, startPreview } from "./camera";

function response(seq: number, micros: number, width: number, height: number, jpeg: number[]): ArrayBuffer {
  const buf = new ArrayBuffer(IMAGE_HEADER_LEN + jpeg.length);
  const view = new DataView(buf);
  view.setBigUint64(0, BigInt(seq), true);
  view.setBigUint64(8, BigInt(micros), true);
  view.setUint32(16, width, true);
  view.setUint32(20, height, true);
  new Uint8Array(buf, IMAGE_HEADER_LEN).set(jpeg);
  return buf;
}

describe("camera images", () => {
  it("reads the header and keeps the JPEG as a blob", async () => {
    const image = parseImage(response(3 * 2 ** 32 + 7, 1_700_000_000_123_456, 1280, 720, [0xff, 0xd8, 0xff, 0xd9]));
    expect(image).not.toBeNull();
    expect(image!.seq).toBe(3 * 2 ** 32 + 7);
    expect(image!.capturedAtMs).toBeCloseTo(1_700_000_000_123.456, 3);
    expect([image!.width, image!.height]).toEqual([1280, 720]);
    expect(image!.jpeg.type).toBe("image/jpeg");
    expect(image!.jpeg.size).toBe(4);
  });

  it("treats an empty answer as no image, also as a number array", () => {
    expect(parseImage(new ArrayBuffer(0))).toBeNull();
    expect(parseImage([])).toBeNull();
    expect(parseImage(Array.from(new Uint8Array(response(1, 0, 2, 2, [1, 2]))))?.seq).toBe(1);
  });

  it("asks for the next frame only after drawing, passing the last seq, and stops", async () => {
    const asked: number[] = [];
    let drawn = 0;
    const canvas = document.createElement("canvas");
    const painter = startPreview(canvas, {
      fetch: async (after) => {
        asked.push(after);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return response(after + 1, Date.now() * 1000, 4, 4, [0xff, 0xd8]);
      },
      decode: async () => ({ width: 4, height: 4, close() {} }) as ImageBitmap,
      draw: () => {
        drawn += 1;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    painter.stop();
    const count = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(count).toBeGreaterThan(2);
    expect(asked.length).toBeLessThanOrEqual(count + 1);
    expect(asked.slice(0, 3)).toEqual([0, 1, 2]);
    expect(drawn).toBeGreaterThanOrEqual(count - 1);
    expect(window.__previewStats!.frames).toBe(drawn);
  });
});
