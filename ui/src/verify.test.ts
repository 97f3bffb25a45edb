import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendIntent } from "./ipc";
import type { Screen } from "./ipc/bindings";
import { createShell, type Shell } from "./shell";
import { phrase, view } from "./test/fixtures";

type Result = Extract<Screen, { name: "verification_result" }>;

let calls: { cmd: string; args: unknown }[];
let shell: Shell;

async function flush(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function text(selector: string): string {
  return document.querySelector(selector)?.textContent ?? "";
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

describe("verify mode", () => {
  it("is offered on Welcome only when the kiosk offers it", async () => {
    shell.render(view({ name: "welcome" }, { verify_available: false }));
    expect(document.getElementById("start-verify")).toBeNull();
    shell.render(view({ name: "welcome" }, { verify_available: true, kiosk_mode: "lobby" }));
    (document.getElementById("start-verify") as HTMLButtonElement).click();
    await flush();
    expect(calls).toEqual([{ cmd: "send_intent", args: { intent: { kind: "start_verify" } } }]);
  });

  it("shows the code until Authenticator retrieves it, then the status", () => {
    const qr = { width: 21, modules: "1".repeat(21 * 21) };
    const screen = { name: "verify_card", purpose: "verify", url: "openid-vc://p", qr, expires_in_seconds: 125, status: "waiting" } as const;
    shell.render(view(screen));
    expect((document.querySelector(".qr-box") as HTMLElement).hidden).toBe(false);
    expect(text("#verify-countdown")).toBe("Expires in 2:05");
    shell.render(view({ ...screen, qr: null, status: "retrieved", expires_in_seconds: 100 }));
    expect((document.querySelector(".qr-box") as HTMLElement).hidden).toBe(true);
    expect(text("#verify-status")).toContain("Face Check");
    expect(text("#verify-countdown")).toBe("Expires in 1:40");
  });

  it("lists the verified claims, the score and the revocation status", () => {
    const result: Result = {
      name: "verification_result",
      purpose: "verify",
      card: {
        claims: [{ name: "given_name", label: "First name", value: "Megan" }],
        issuer: "did:web:kiosk.example",
        credential_type: "VerifiedEnrollment",
        face_check: { score: 86.314159, threshold: 70, photo_quality: "HIGH" },
        revocation: "valid",
      },
      failure: null,
      explanation: null,
      can_retry: false,
    };
    shell.render(view(result));
    expect(text("#screen-title")).toBe("Card verified");
    expect(text("#claim-given_name")).toBe("Megan");
    expect(text("#verified-face-check")).toBe("86.3 of 100 (70 needed) · photo quality high");
    expect(text("#verified-revocation")).toContain("Not revoked");
    expect(document.getElementById("try-again")).toBeNull();
  });

  it("says why a card failed and offers Try again only when it can help", async () => {
    const failed: Result = {
      name: "verification_result",
      purpose: "verify",
      card: null,
      failure: { reason: "revoked" },
      explanation: { message: phrase("card-revoked"), next_step: phrase("staff-next-revoked") },
      can_retry: false,
    };
    shell.render(view(failed));
    expect(text("#screen-title")).toBe("Card not verified");
    expect(document.querySelector("#verify-problem")?.getAttribute("role")).toBe("alert");
    expect(text("#verify-problem-message")).toBe("This card has been revoked by its issuer.");
    expect(text("#verify-problem-next")).toBe("Don't accept it. The person can enroll again for a new card.");
    expect(document.getElementById("try-again")).toBeNull();
    shell.render(
      view({
        ...failed,
        failure: { reason: "user_declined" },
        explanation: { message: phrase("card-sharing-declined"), next_step: phrase("staff-next-when-ready") },
        can_retry: true,
      }),
    );
    expect(text("#verify-problem-message")).toBe("Sharing the card was declined in Authenticator.");
    (document.getElementById("try-again") as HTMLButtonElement).click();
    await flush();
    expect(calls).toEqual([{ cmd: "send_intent", args: { intent: { kind: "try_again" } } }]);
  });

  it("speaks to staff in the kiosk's language in verify mode, to the employee in theirs", async () => {
    const { translationSources } = await import("./language");
    const es = translationSources()["es"]?.["employee"] ?? "";
    const spanish = (id: string): string => new RegExp(`^${id} = (.*)$`, "m").exec(es)?.[1] ?? "";
    const failed = (purpose: "verify" | "new_card"): Result => ({
      name: "verification_result",
      purpose,
      card: null,
      failure: { reason: "user_declined" },
      explanation: { message: phrase("card-sharing-declined"), next_step: phrase("next-new-card-declined") },
      can_retry: true,
    });
    shell.render(view(failed("verify"), { language: "es", staff_language: "en" }));
    expect(text("#screen-title")).toBe("Card not verified");
    expect(text("#verify-problem-message")).toBe("Sharing the card was declined in Authenticator.");
    shell.render(view(failed("new_card"), { language: "es", staff_language: "en" }));
    expect(text("#screen-title")).toBe(spanish("not-verified-new-card-title"));
    expect(text("#screen-title")).not.toBe("");
  });
});
