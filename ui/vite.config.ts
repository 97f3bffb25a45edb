/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The app ships only bundled content: relative asset paths (Tauri serves dist/ from its own
// protocol), no module-preload polyfill, nothing inlined that a strict CSP would block.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
