import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { afterEach, describe, expect, it } from "vitest";
import { start } from "./app";
import { phrase, view } from "./test/fixtures";

afterEach(() => clearMocks());

async function flush(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("start", () => {
  it("renders current_view, follows view events and sends intents", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC(
      (cmd, args) => {
        calls.push({ cmd, args });
        if (cmd === "current_view") return view({ name: "welcome" }, { kiosk_mode: "lobby" });
        return null;
      },
      { shouldMockEvents: true },
    );
    document.body.innerHTML = '<div id="app"></div>';
    await start(document.getElementById("app") as HTMLElement);
    expect(document.getElementById("screen")?.dataset.screen).toBe("welcome");
    expect(document.getElementById("start")?.textContent).toBe("Begin");

    document.getElementById("start")?.click();
    await flush();
    expect(calls.filter((c) => c.cmd === "send_intent")).toEqual([
      { cmd: "send_intent", args: { intent: { kind: "start" } } },
    ]);

    await emit("view", view({ name: "verifying", status: phrase("verifying-status") }));
    await flush();
    expect(document.getElementById("screen")?.dataset.screen).toBe("verifying");
    expect(document.getElementById("verifying-status")?.textContent).toBe("Checking your document and photo.");
  });

  it("tells staff when Rust cannot be reached", async () => {
    mockIPC(
      (cmd) => {
        if (cmd === "current_view") throw new Error("no backend");
        return null;
      },
      { shouldMockEvents: true },
    );
    const error = console.error;
    console.error = () => {};
    try {
      document.body.innerHTML = '<div id="app"></div>';
      await start(document.getElementById("app") as HTMLElement);
    } finally {
      console.error = error;
    }
    expect(document.getElementById("screen")?.textContent).toContain("not ready");
  });
});
