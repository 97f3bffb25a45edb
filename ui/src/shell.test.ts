import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Intent, Screen, View } from "./ipc/bindings";
import { createShell, type Shell } from "./shell";
import { capture, intake, sampleQr, view } from "./test/fixtures";

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
    shell.render(view({ name: "verifying", status: "Checking your ID" }));
    expect($("#cancel").hidden).toBe(false);
    click("#cancel");
    expect(sent).toEqual([{ kind: "cancel" }]);
  });

  it("marks the screen region and moves focus to the new heading", () => {
    shell.render(view({ name: "welcome" }));
    expect($("#screen").dataset.screen).toBe("welcome");
    expect(document.activeElement).toBe($("#screen h1"));
    shell.render(view({ name: "verifying", status: "Checking" }));
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
    shell.render(view({ name: "verifying", status: "Checking" }));
    const before = $("#verifying-status");
    shell.render(view({ name: "verifying", status: "Checking" }, { inactivity: { reset_in_seconds: 30 } }));
    expect($("#verifying-status")).toBe(before);
  });
});

describe("inactivity overlay", () => {
  it("appears with the seconds from Rust, focuses Still here, and hides again", () => {
    shell.render(view({ name: "verifying", status: "Checking" }));
    expect($("#inactivity-warning").hidden).toBe(true);
    shell.render(view({ name: "verifying", status: "Checking" }, { inactivity: { reset_in_seconds: 30 } }));
    const overlay = $("#inactivity-warning");
    expect(overlay.hidden).toBe(false);
    expect(overlay.getAttribute("role")).toBe("alertdialog");
    expect(overlay.getAttribute("aria-modal")).toBe("true");
    expect(overlay.textContent).toContain("Are you still there?");
    expect(text("#inactivity-seconds")).toBe("30");
    expect(document.activeElement).toBe($("#still-here"));
    shell.render(view({ name: "verifying", status: "Checking" }, { inactivity: { reset_in_seconds: 29 } }));
    expect(text("#inactivity-seconds")).toBe("29");
    click("#still-here");
    expect(sent).toEqual([{ kind: "still_here" }]);
    shell.render(view({ name: "verifying", status: "Checking" }));
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
    expect($("#screen h1").textContent).toBe("Photograph the front of your ID");
    expect(document.body.textContent).toContain("Step 2 of 3");
    expect($("#preview").querySelector("canvas#preview-canvas")).not.toBeNull();
    const shape = name === "selfie" ? "ellipse" : "rect";
    expect($("#preview").querySelector(`svg ${shape}`)).not.toBeNull();
    expect(text("#instruction")).toBe("Place your ID inside the frame");
    expect($("#instruction").getAttribute("aria-live")).toBe("polite");
    click("#capture");
    expect(sent).toEqual([{ kind: "capture" }]);
  });

  it("capture: updates in place, keeps the preview canvas, shows Taking photo… and camera problems", () => {
    shell.render(view({ name: "document_front", ...capture() }));
    const canvas = $("#preview-canvas");
    shell.render(view({ name: "document_front", ...capture({ instruction: "Hold still", capturing: true }) }));
    expect($("#preview-canvas")).toBe(canvas);
    expect(text("#instruction")).toBe("Hold still");
    expect(($("#capture") as HTMLButtonElement).disabled).toBe(true);
    expect(text("#capture")).toBe("Taking photo…");
    shell.render(
      view({
        name: "document_front",
        ...capture({ camera_problem: { message: "The camera stopped.", next_step: "Check the cable." } }),
      }),
    );
    expect(document.body.textContent).toContain("The camera stopped.");
    expect(document.body.textContent).toContain("Check the cable.");
    click("#camera-try-again");
    expect(sent).toEqual([{ kind: "try_again" }]);
  });

  it("review: Retake and Use photo", () => {
    shell.render(view({ name: "review", step: "document_front", title: "Check the photo", progress: { current: 1, total: 3 } }));
    expect($("#screen h1").textContent).toBe("Check the photo");
    click("#retake");
    click("#use-photo");
    expect(sent).toEqual([{ kind: "retake" }, { kind: "use_photo" }]);
  });

  it("phone_handoff: Preparing… until the QR arrives, then a QR canvas", () => {
    shell.render(view({ name: "phone_handoff", url: null, qr: null, status: "Creating your link" }));
    expect(document.querySelector("#handoff-qr")).toBeNull();
    expect(document.body.textContent).toContain("Preparing…");
    expect(text("#handoff-status")).toBe("Creating your link");
    expect($("#handoff-status").getAttribute("aria-live")).toBe("polite");
    shell.render(view({ name: "phone_handoff", url: "https://x", qr: sampleQr(), status: "Waiting for your phone" }));
    const canvas = $("#handoff-qr") as HTMLCanvasElement;
    expect(canvas.width).toBeGreaterThan(0);
    expect(canvas.width % (21 + 8)).toBe(0);
    expect(text("#handoff-status")).toBe("Waiting for your phone");
  });

  it("verifying: status and an indeterminate progress indicator", () => {
    shell.render(view({ name: "verifying", status: "Checking your ID" }));
    expect(text("#verifying-status")).toBe("Checking your ID");
    const bar = $('[role="progressbar"]');
    expect(bar.getAttribute("aria-busy")).toBe("true");
    expect(bar.hasAttribute("aria-valuenow")).toBe(false);
  });

  const failed = (over: Partial<Extract<Screen, { name: "proofing_failed" }>>): View =>
    view({
      name: "proofing_failed",
      reason_code: "IDV0010",
      explanation: { message: "The photo of your ID was blurry.", next_step: "Hold it still and try again." },
      can_retry: true,
      attempts_left: 2,
      ...over,
    });

  it("proofing_failed with retries: message, next step, staff code, Try again", () => {
    shell.render(failed({}));
    expect(text("#failure-message")).toBe("The photo of your ID was blurry.");
    expect(text("#failure-next-step")).toBe("Hold it still and try again.");
    expect(text("#reason-code")).toBe("Code for staff: IDV0010");
    expect(document.body.textContent).toContain("2 more times");
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
    shell.render(view({ name: "issuing", problem: { message: "Microsoft didn't answer.", next_step: "Try again." } }));
    expect(document.body.textContent).toContain("Microsoft didn't answer.");
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
    expect(text("#wallet-status")).toBe("Open Microsoft Authenticator and scan the code");
    expect($("#wallet-status").getAttribute("aria-live")).toBe("polite");
    expect(text("#offer-cancel-note")).toBe("If you cancel, this code stops working.");

    shell.render(offer({ expires_in_seconds: 65, status: "scanned", qr: null, pin: "4821" }));
    expect($("#offer-qr")).toBe(canvas); // same offer: updated in place
    expect(($(".qr-box-offer") as HTMLElement).hidden).toBe(true);
    expect(text("#offer-pin")).toBe("4821");
    expect(text("#offer-countdown")).toBe("Expires in 1:05");
    expect(text("#wallet-status")).toBe("Scanned — finish in Authenticator");

    shell.render(
      offer({
        status: "failed",
        qr: null,
        pin: null,
        problem: { message: "Adding the credential was cancelled in Authenticator.", next_step: "Tap Try again." },
      }),
    );
    expect(document.querySelector("#offer-pin")).toBeNull();
    expect(text("#wallet-status")).toBe("Adding the credential was cancelled in Authenticator. Tap Try again.");
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
        explanation: { message: "Your work ID is in Authenticator.", next_step: "You can leave the desk." },
      }),
    );
    expect(document.body.textContent).toContain("Your work ID is in Authenticator.");
    expect(document.body.textContent).toContain("You can leave the desk.");
    expect(text("#finish")).toBe("Done");
    click("#finish");
    expect(sent).toEqual([{ kind: "finish" }]);
  });

  it("every screen has a heading and buttons that are real buttons", () => {
    const screens: Screen[] = [
      { name: "welcome" },
      intake(),
      { name: "selfie", ...capture() },
      { name: "verifying", status: "x" },
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
    shell.render(view({ name: "done", outcome: "issued", explanation: { message: "First words", next_step: "B" } }));
    shell.render(view({ name: "done", outcome: "offer_expired", explanation: { message: "Second words", next_step: "D" } }));
    expect($("#screen").textContent).toContain("Second words");
    expect($("#screen").textContent).not.toContain("First words");
  });
});
