// jsdom has no canvas backend: give every canvas "no 2D context" instead of jsdom's
// not-implemented error. QR painting is tested against a recording context in qr.test.ts.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return null;
} as typeof HTMLCanvasElement.prototype.getContext;
