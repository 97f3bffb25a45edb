import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendIntent } from "./ipc";
import type { Screen } from "./ipc/bindings";
import { createShell, type Shell } from "./shell";
import { phrase, view } from "./test/fixtures";

type Attestation = Extract<Screen, { name: "staff_attestation" }>;

let calls: { cmd: string; args: unknown }[];
let shell: Shell;

function attestation(extra: Partial<Attestation> = {}): Attestation {
  return {
    name: "staff_attestation",
    document: "drivers_license",
    document_label: phrase("document-drivers-license"),
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
    expect(document.querySelector("#inspection-group legend")?.textContent).toBe(
      "I held the driver's license in my hands and checked that:",
    );
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
          problems: [{ field: "staff_code", message: phrase("staff-code-invalid", { min: 2, max: 32 }) }],
        }),
      ),
    );
    expect(input("#staff-code").value).toBe("x");
    expect(input("#staff-code").getAttribute("aria-invalid")).toBe("true");
    expect(input("#staff-code").getAttribute("aria-describedby")).toBe("staff-code-error");
    expect(document.getElementById("staff-code-error")?.textContent).toBe(
      "A staff code is 2 to 32 letters or digits (- _ . allowed).",
    );
    const decline = document.getElementById("decline-attestation") as HTMLButtonElement;
    expect(decline.textContent).toContain("end the enrollment");
    decline.click();
    await flush();
    expect(calls).toEqual([{ cmd: "send_intent", args: { intent: { kind: "decline_attestation" } } }]);
  });

  it("speaks the kiosk's configured language, not the one the employee chose", () => {
    // en-XA (the pseudo-locale) stands in for "another language" in both directions.
    shell.render(view(attestation({ document: "passport" }), { language: "en-XA", staff_language: "en" }));
    expect(document.getElementById("screen-title")?.textContent).toBe("For staff: confirm the document");
    expect(document.querySelector("#inspection-group legend")?.textContent).toBe(
      "I held the passport in my hands and checked that:",
    );
    shell.render(view(attestation({ document: "passport" }), { language: "en", staff_language: "en-XA" }));
    expect(document.getElementById("screen-title")?.textContent).not.toMatch(/[A-Za-z]{2,}/);
  });
});
