import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Intent, Screen, View } from "./ipc/bindings";
import { createShell, type Shell } from "./shell";
import { capture, intake, phrase, sampleQr, view } from "./test/fixtures";

let sent: Intent[];
let shell: Shell;

function $(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`${selector} not found`);
  return el;
}
function text(selector: string): string {
  return $(selector).textContent ?? "";
}
function click(selector: string): void {
  $(selector).click();
}

beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>';
  sent = [];
  shell = createShell($("#app"), (intent) => sent.push(intent));
});

describe("shell", () => {
  it("hides Cancel on Welcome only, and Cancel sends cancel", () => {
    shell.render(view({ name: "welcome" }));
    expect($("#cancel").hidden).toBe(true);
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    expect($("#cancel").hidden).toBe(false);
    click("#cancel");
    expect(sent).toEqual([{ kind: "cancel" }]);
  });

  it("marks the screen region and moves focus to the new heading", () => {
    shell.render(view({ name: "welcome" }));
    expect($("#screen").dataset.screen).toBe("welcome");
    expect(document.activeElement).toBe($("#screen h1"));
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    expect($("#screen").dataset.screen).toBe("verifying");
    expect(document.activeElement?.textContent).toBe("Checking your identity");
  });

  it("shows the demo badge only in demo mode", () => {
    shell.render(view({ name: "welcome" }));
    expect($("#demo-badge").hidden).toBe(true);
    shell.render(view({ name: "welcome" }, { demo: true }));
    expect($("#demo-badge").hidden).toBe(false);
    expect(text("#demo-badge")).toBe("Demo mode");
  });

  it("does not replace the screen when only the inactivity tick changes", () => {
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    const before = $("#verifying-status");
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }, { inactivity: { reset_in_seconds: 30 } }));
    expect($("#verifying-status")).toBe(before);
  });
});

describe("inactivity overlay", () => {
  it("appears with the seconds from Rust, focuses Still here, and hides again", () => {
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    expect($("#inactivity-warning").hidden).toBe(true);
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }, { inactivity: { reset_in_seconds: 30 } }));
    const overlay = $("#inactivity-warning");
    expect(overlay.hidden).toBe(false);
    expect(overlay.getAttribute("role")).toBe("alertdialog");
    expect(overlay.getAttribute("aria-modal")).toBe("true");
    expect(overlay.textContent).toContain("Are you still there?");
    expect(text("#inactivity-text")).toBe("For your privacy, this enrollment will end in 30 seconds.");
    expect(text("#inactivity-seconds")).toBe("30");
    expect(document.activeElement).toBe($("#still-here"));
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }, { inactivity: { reset_in_seconds: 29 } }));
    expect(text("#inactivity-seconds")).toBe("29");
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }, { inactivity: { reset_in_seconds: 1 } }));
    expect(text("#inactivity-text")).toBe("For your privacy, this enrollment will end in 1 second.");
    expect(text("#inactivity-seconds")).toBe("1");
    click("#still-here");
    expect(sent).toEqual([{ kind: "still_here" }]);
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    expect(overlay.hidden).toBe(true);
    expect($("#screen").inert).toBe(false);
  });

  it("does not reset what a person is typing and gives focus back to the field", () => {
    shell.render(view(intake()));
    const email = $("#email") as HTMLInputElement;
    email.focus();
    email.value = "ada@exam";
    ($("#given-name") as HTMLInputElement).value = "Ada";
    for (const s of [30, 29, 28]) {
      shell.render(view(intake(), { inactivity: { reset_in_seconds: s } }));
    }
    shell.render(view(intake()));
    expect(($("#email") as HTMLInputElement).value).toBe("ada@exam");
    expect(($("#given-name") as HTMLInputElement).value).toBe("Ada");
    expect($("#email")).toBe(email);
    expect(document.activeElement).toBe(email);
  });
});

describe("screens", () => {
  it("welcome: Start enrollment when staffed, Begin in the lobby", () => {
    shell.render(view({ name: "welcome" }));
    expect(text("#start")).toBe("Start enrollment");
    click("#start");
    expect(sent).toEqual([{ kind: "start" }]);
    shell.render(view({ name: "welcome" }, { kiosk_mode: "lobby" }));
    expect(text("#start")).toBe("Begin");
  });

  it.each(["document_front", "document_back", "selfie"] as const)("%s: preview, guide, instruction, capture", (name) => {
    shell.render(view({ name, ...capture({ progress: { current: 2, total: 3 } }) }));
    expect($("#screen h1").textContent).toBe("Front of your document");
    expect(document.body.textContent).toContain("Step 2 of 3");
    expect($("#preview").querySelector("canvas#preview-canvas")).not.toBeNull();
    const shape = name === "selfie" ? "ellipse" : "rect";
    expect($("#preview").querySelector(`svg ${shape}`)).not.toBeNull();
    expect(text("#instruction")).toBe("Place the front of your document inside the frame.");
    expect($("#instruction").getAttribute("aria-live")).toBe("polite");
    click("#capture");
    expect(sent).toEqual([{ kind: "capture" }]);
  });

  it("capture: updates in place, keeps the preview canvas, shows Taking photo… and camera problems", () => {
    shell.render(view({ name: "document_front", ...capture() }));
    const canvas = $("#preview-canvas");
    shell.render(view({ name: "document_front", ...capture({ instruction: phrase("guidance-hold-still"), capturing: true }) }));
    expect($("#preview-canvas")).toBe(canvas);
    expect(text("#instruction")).toBe("Hold still.");
    expect(($("#capture") as HTMLButtonElement).disabled).toBe(true);
    expect(text("#capture")).toBe("Taking photo…");
    shell.render(
      view({
        name: "document_front",
        ...capture({
          camera_problem: { message: phrase("camera-not-working"), next_step: phrase("next-camera-or-phone") },
        }),
      }),
    );
    expect(document.body.textContent).toContain("The camera isn't working right now.");
    expect(document.body.textContent).toContain(
      'Try again, or cancel and choose "My phone" to take the photos with your phone.',
    );
    click("#camera-try-again");
    expect(sent).toEqual([{ kind: "try_again" }]);
  });

  it("review: Retake and Use photo", () => {
    shell.render(view({ name: "review", step: "document_front", title: phrase("review-front-title"), progress: { current: 1, total: 3 } }));
    expect($("#screen h1").textContent).toBe("Check the photo: front of your document");
    click("#retake");
    click("#use-photo");
    expect(sent).toEqual([{ kind: "retake" }, { kind: "use_photo" }]);
  });

  it("phone_handoff: Preparing… until the QR arrives, then a QR canvas", () => {
    shell.render(view({ name: "phone_handoff", url: null, qr: null, status: phrase("phone-preparing-code") }));
    expect(document.querySelector("#handoff-qr")).toBeNull();
    expect($(".qr-box-handoff [role=progressbar]").getAttribute("aria-label")).toBe("Preparing a code for your phone…");
    expect(text("#handoff-status")).toBe("Preparing a code for your phone…");
    expect($("#handoff-status").getAttribute("aria-live")).toBe("polite");
    shell.render(view({ name: "phone_handoff", url: "https://x", qr: sampleQr(), status: phrase("phone-scan-code") }));
    const canvas = $("#handoff-qr") as HTMLCanvasElement;
    expect(canvas.width).toBeGreaterThan(0);
    expect(canvas.width % (21 + 8)).toBe(0);
    expect(text("#handoff-status")).toBe("Waiting for you to scan the code…");
    expect(canvas.getAttribute("aria-label")).toBe("QR code that opens the photo steps on your phone");
  });

  it("verifying: status and an indeterminate progress indicator", () => {
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    expect(text("#verifying-status")).toBe("Checking your document and photo.");
    const bar = $('[role="progressbar"]');
    expect(bar.getAttribute("aria-busy")).toBe("true");
    expect(bar.hasAttribute("aria-valuenow")).toBe(false);
  });

  const failed = (over: Partial<Extract<Screen, { name: "proofing_failed" }>>): View =>
    view({
      name: "proofing_failed",
      reason_code: "IDV0010",
      explanation: { message: phrase("name-mismatch"), next_step: phrase("next-check-name-spelling") },
      can_retry: true,
      attempts_left: 2,
      ...over,
    });

  it("proofing_failed with retries: message, next step, staff code, Try again", () => {
    shell.render(failed({}));
    expect(text("#failure-message")).toBe("The name you entered doesn't match your document.");
    expect(text("#failure-next-step")).toBe(
      "Check the spelling of your first and last name, or leave them empty, and try again.",
    );
    expect(text("#reason-code")).toBe("Code for staff: IDV0010");
    expect(text("#attempts-left")).toBe("You can try 2 more times.");
    expect(document.querySelector("#finish")).toBeNull();
    click("#try-again");
    expect(sent).toEqual([{ kind: "try_again" }]);
  });

  it("proofing_failed without retries: Finish, no code when absent", () => {
    shell.render(failed({ can_retry: false, attempts_left: 0, reason_code: null }));
    expect(document.querySelector("#try-again")).toBeNull();
    expect(document.querySelector("#reason-code")).toBeNull();
    expect(text("#finish")).toBe("Finish");
    click("#finish");
    expect(sent).toEqual([{ kind: "finish" }]);
  });

  it("issuing: spinner, then the problem with Try again", () => {
    shell.render(view({ name: "issuing", problem: null }));
    expect(document.body.textContent).toContain("Preparing your credential…");
    expect(document.querySelector('[role="progressbar"]')).not.toBeNull();
    shell.render(view({ name: "issuing", problem: { message: phrase("issuance-failed"), next_step: phrase("next-try-again-or-staff") } }));
    expect(document.body.textContent).toContain("We couldn't prepare your credential.");
    expect(document.body.textContent).toContain("Try again. If it fails again, ask a member of staff for help.");
    click("#try-again");
    expect(sent).toEqual([{ kind: "try_again" }]);
  });

  const offer = (over: Partial<Extract<Screen, { name: "offer_credential" }>> = {}): View =>
    view({
      name: "offer_credential",
      url: "openid-vc://?request_uri=https://example/1",
      qr: sampleQr(25),
      pin: null,
      pin_required: true,
      expires_in_seconds: 299,
      status: "waiting",
      problem: null,
      ...over,
    });

  it("offer_credential: large QR, countdown and wallet status; once scanned the code goes and the PIN shows", () => {
    shell.render(offer());
    const canvas = $("#offer-qr") as HTMLCanvasElement;
    expect(canvas.width % (25 + 8)).toBe(0);
    expect(($(".qr-box-offer") as HTMLElement).hidden).toBe(false);
    expect(document.querySelector("#offer-pin")).toBeNull(); // never beside a usable code
    expect(document.body.textContent).toContain("Enter the PIN that appears here after you scan.");
    expect(text("#offer-countdown")).toBe("Expires in 4:59");
    expect(text("#wallet-status")).toBe("Waiting for you to scan the code…");
    expect($("#wallet-status").getAttribute("aria-live")).toBe("polite");
    expect(text("#offer-cancel-note")).toBe("If you cancel, this code stops working.");

    shell.render(offer({ expires_in_seconds: 65, status: "scanned", qr: null, pin: "4821" }));
    expect($("#offer-qr")).toBe(canvas); // same offer: updated in place
    expect(($(".qr-box-offer") as HTMLElement).hidden).toBe(true);
    expect(text("#offer-pin")).toBe("4821");
    expect(text("#offer-countdown")).toBe("Expires in 1:05");
    expect(text("#wallet-status")).toBe("Scanned. Finish in Authenticator.");

    shell.render(
      offer({
        status: "failed",
        qr: null,
        pin: null,
        problem: { message: phrase("wallet-cancelled"), next_step: phrase("next-new-offer-code") },
      }),
    );
    expect(document.querySelector("#offer-pin")).toBeNull();
    expect(text("#wallet-status")).toBe(
      "Adding the credential was cancelled in Authenticator. Tap Try again for a new code when you are ready.",
    );
    click("#try-again");
    expect(sent).toEqual([{ kind: "try_again" }]);
  });

  it("offer_credential: a fresh offer replaces the QR; no PIN step without a PIN", () => {
    shell.render(offer());
    const canvas = $("#offer-qr");
    shell.render(offer({ url: "openid-vc://?request_uri=https://example/2", pin_required: false }));
    expect($("#offer-qr")).not.toBe(canvas);
    expect(document.querySelector("#offer-pin")).toBeNull();
    expect(document.body.textContent).not.toContain("Enter the PIN");
  });

  it("done: message, next step and Done", () => {
    shell.render(
      view({
        name: "done",
        outcome: "issued",
        explanation: { message: phrase("done-issued"), next_step: phrase("done-issued-next") },
      }),
    );
    expect(text("#screen-title")).toBe("You're all set");
    expect(text("#done-message")).toBe("Your Verified ID is in Microsoft Authenticator.");
    expect(text("#done-next-step")).toBe("You can now use it to prove who you are. Thank you!");
    expect(text("#finish")).toBe("Done");
    click("#finish");
    expect(sent).toEqual([{ kind: "finish" }]);
  });

  it("every screen has a heading and buttons that are real buttons", () => {
    const screens: Screen[] = [
      { name: "welcome" },
      intake(),
      { name: "selfie", ...capture() },
      { name: "verifying", status: phrase("verifying-status") },
      { name: "issuing", problem: null },
    ];
    for (const s of screens) {
      shell.render(view(s));
      expect(document.querySelectorAll("#screen h1")).toHaveLength(1);
      for (const b of document.querySelectorAll("button")) expect(b.getAttribute("type")).toMatch(/button|submit/);
      expect(document.querySelector("[onclick]")).toBeNull();
    }
  });
});

describe("rendering robustness", () => {
  it("re-renders the same screen name when it cannot update in place", () => {
    const spy = vi.fn();
    shell = createShell($("#app"), spy);
    shell.render(
      view({
        name: "done",
        outcome: "issued",
        explanation: { message: phrase("done-issued"), next_step: phrase("done-issued-next") },
      }),
    );
    shell.render(
      view({
        name: "done",
        outcome: "offer_expired",
        explanation: { message: phrase("done-offer-expired"), next_step: phrase("done-offer-expired-next") },
      }),
    );
    expect($("#screen").textContent).toContain("The code expired before it was scanned.");
    expect($("#screen").textContent).not.toContain("Your Verified ID is in Microsoft Authenticator.");
  });
});
