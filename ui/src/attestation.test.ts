import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendIntent } from "./ipc";
import type { Screen } from "./ipc/bindings";
import { createShell, type Shell } from "./shell";
import { view } from "./test/fixtures";

type Attestation = Extract<Screen, { name: "staff_attestation" }>;

let calls: { cmd: string; args: unknown }[];
let shell: Shell;

function attestation(extra: Partial<Attestation> = {}): Attestation {
  return {
    name: "staff_attestation",
    document: "drivers_license",
    document_label: "Driver's license",
    form: { staff_code: "", security_features_present: false, not_altered: false, portrait_matches: false },
    problems: [],
    when_declined: "continue_at_ial1",
    ...extra,
  };
}

function input(selector: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(selector);
  if (!el) throw new Error(`${selector} not found`);
  return el;
}

async function flush(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  calls = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      return null;
    },
    { shouldMockEvents: true },
  );
  document.body.innerHTML = '<div id="app"></div>';
  shell = createShell(document.getElementById("app") as HTMLElement, (intent) => void sendIntent(intent));
});

afterEach(() => clearMocks());

describe("staff attestation", () => {
  it("sends exactly what staff confirmed and typed", async () => {
    shell.render(view(attestation()));
    for (const id of ["attest-security-features", "attest-not-altered", "attest-portrait", "staff-code"]) {
      expect(document.querySelector(`label[for="${id}"]`)?.textContent).toBeTruthy();
    }
    input("#attest-security-features").click();
    input("#attest-portrait").click();
    input("#staff-code").value = "HD-0042";
    (document.getElementById("attest") as HTMLButtonElement).click();
    await flush();
    expect(calls).toEqual([
      {
        cmd: "send_intent",
        args: {
          intent: {
            kind: "attest",
            form: { staff_code: "HD-0042", security_features_present: true, not_altered: false, portrait_matches: true },
          },
        },
      },
    ]);
  });

  it("says what declining does and shows problems next to their fields", async () => {
    shell.render(
      view(
        attestation({
          when_declined: "end",
          form: { staff_code: "x", security_features_present: true, not_altered: true, portrait_matches: true },
          problems: [{ field: "staff_code", message: "A staff code is 2 to 32 letters or digits (- _ . allowed)." }],
        }),
      ),
    );
    expect(input("#staff-code").value).toBe("x");
    expect(input("#staff-code").getAttribute("aria-invalid")).toBe("true");
    expect(input("#staff-code").getAttribute("aria-describedby")).toBe("staff-code-error");
    expect(document.getElementById("staff-code-error")?.textContent).toContain("staff code");
    const decline = document.getElementById("decline-attestation") as HTMLButtonElement;
    expect(decline.textContent).toContain("end the enrollment");
    decline.click();
    await flush();
    expect(calls).toEqual([{ cmd: "send_intent", args: { intent: { kind: "decline_attestation" } } }]);
  });
});
