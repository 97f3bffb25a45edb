import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendIntent } from "./ipc";
import type { FieldError, IntakeField } from "./ipc/bindings";
import { createShell, type Shell } from "./shell";
import { intake, phrase, view } from "./test/fixtures";

let calls: { cmd: string; args: unknown }[];
let shell: Shell;

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

describe("intake form", () => {
  it("has labelled fields with the ids, names and values the contract fixes", () => {
    shell.render(view(intake()));
    const email = input("#email");
    expect(email.type).toBe("email");
    expect(email.getAttribute("autocomplete")).toBe("off");
    for (const id of ["email", "given-name", "family-name", "consent"]) {
      expect(document.querySelector(`label[for="${id}"]`)?.textContent).toBeTruthy();
    }
    const docs = [...document.querySelectorAll<HTMLInputElement>('input[name="document-type"]')];
    expect(docs.map((d) => d.value)).toEqual(["drivers_license", "passport", "national_id"]);
    for (const d of docs) expect(document.querySelector(`label[for="${d.id}"]`)).not.toBeNull();
    expect(document.querySelector('label[for="document-type-drivers-license"]')?.textContent).toBe("Driver's license");
    expect(document.querySelector('label[for="document-type-national-id"]')?.textContent).toBe("National ID card");
    expect(document.querySelector('label[for="document-type-passport"] .choice-label')?.textContent).toBe("Passport");
    // The kiosk camera's note for this document is part of its label.
    expect(document.querySelector('label[for="document-type-passport"] #document-type-passport-note')?.textContent).toBe(
      'This kiosk can\'t read a passport yet. Choose "My phone" to photograph it with your phone.',
    );
    expect(input("#document-type-passport").getAttribute("aria-describedby")).toBe("document-type-passport-note");
    const methods = [...document.querySelectorAll<HTMLInputElement>('input[name="capture-method"]')];
    expect(methods.map((m) => m.value)).toEqual(["kiosk_camera", "phone"]);
    expect(document.querySelector('label[for="capture-method-kiosk-camera"]')?.textContent).toBe("This kiosk's camera");
    expect(document.querySelector('label[for="capture-method-phone"]')?.textContent).toBe("My phone");
    const notice = document.getElementById("consent-notice")?.textContent ?? "";
    expect(notice).toContain("photo of your ID");
    expect(notice).toContain("your face");
    expect(notice).toContain("1Kosmos");
    expect(notice).toContain("Nothing is kept on this device");
    // Enter in any field submits: #continue is the form's submit button.
    const submit = document.getElementById("continue") as HTMLButtonElement;
    expect(submit.type).toBe("submit");
    expect(submit.form).toBe(email.form);
  });

  it("pre-fills the form from the view", () => {
    shell.render(
      view(
        intake({
          email: "ada@example.com",
          given_name: "Ada",
          family_name: "Lovelace",
          document_type: "passport",
          capture_method: "phone",
          consent: true,
        }),
      ),
    );
    expect(input("#email").value).toBe("ada@example.com");
    expect(input("#given-name").value).toBe("Ada");
    expect(input("#family-name").value).toBe("Lovelace");
    expect(input('input[name="document-type"]:checked').value).toBe("passport");
    expect(input('input[name="capture-method"]:checked').value).toBe("phone");
    expect(input("#consent").checked).toBe(true);
  });

  it("clicking Continue sends submit_intake with what was typed", async () => {
    shell.render(view(intake()));
    input("#email").value = "grace@example.com";
    input("#given-name").value = "Grace";
    input("#family-name").value = "Hopper";
    input('input[name="document-type"][value="drivers_license"]').click();
    input('input[name="capture-method"][value="kiosk_camera"]').click();
    input("#consent").click();
    (document.getElementById("continue") as HTMLButtonElement).click();
    await flush();
    expect(calls).toEqual([
      {
        cmd: "send_intent",
        args: {
          intent: {
            kind: "submit_intake",
            form: {
              email: "grace@example.com",
              given_name: "Grace",
              family_name: "Hopper",
              document_type: "drivers_license",
              capture_method: "kiosk_camera",
              consent: true,
            },
          },
        },
      },
    ]);
  });

  it("sends nulls and false for untouched choices (Rust validates, not the UI)", async () => {
    shell.render(view(intake()));
    (document.getElementById("continue") as HTMLButtonElement).click();
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toEqual({
      intent: {
        kind: "submit_intake",
        form: { email: "", given_name: "", family_name: "", document_type: null, capture_method: null, consent: false },
      },
    });
  });

  it("puts each error right after its field, wires aria and focuses the first invalid field", () => {
    const messages: Record<IntakeField, FieldError["message"]> = {
      consent: phrase("intake-consent-missing"),
      email: phrase("intake-email-domain", { domains: "@example.com, @example.org", count: 2 }),
      given_name: phrase("intake-name-too-long", { field: "given", max: 64 }),
      family_name: phrase("intake-name-characters", { field: "family" }),
      document_type: phrase("intake-document-missing"),
      capture_method: phrase("intake-method-missing"),
    };
    const english: Record<string, string> = {
      email: "Use your work e-mail address ending in one of: @example.com, @example.org.",
      "given-name": "Your first name can be at most 64 characters.",
      "family-name": "Your last name can contain letters, spaces, hyphens, apostrophes and periods only.",
      consent: "Please agree to the identity check to continue.",
      "document-type": "Choose the document you brought.",
      "capture-method": "Choose how to take the photos.",
    };
    const all: FieldError[] = (
      ["consent", "email", "given_name", "family_name", "document_type", "capture_method"] as IntakeField[]
    ).map((field) => ({ field, message: messages[field] }));
    shell.render(view(intake({ email: "nope" }, all)));

    const pairs: [string, string][] = [
      ["#email", "email"],
      ["#given-name", "given-name"],
      ["#family-name", "family-name"],
      ["#consent", "consent"],
    ];
    for (const [selector, id] of pairs) {
      const field = input(selector);
      const error = document.getElementById(`${id}-error`);
      expect(error?.textContent).toBe(english[id]);
      expect(field.getAttribute("aria-invalid")).toBe("true");
      expect(field.getAttribute("aria-describedby")?.split(" ")).toContain(`${id}-error`);
    }
    // Text inputs: the error is the very next element.
    expect(input("#email").nextElementSibling?.id).toBe("email-error");
    expect(input("#given-name").nextElementSibling?.id).toBe("given-name-error");
    // Radio groups: after the options, inside the group, each radio wired.
    for (const name of ["document-type", "capture-method"]) {
      const error = document.getElementById(`${name}-error`);
      expect(error?.textContent).toBe(english[name]);
      expect(error?.previousElementSibling?.classList.contains("choices")).toBe(true);
      for (const radio of document.querySelectorAll(`input[name="${name}"]`)) {
        expect(radio.getAttribute("aria-invalid")).toBe("true");
        expect(radio.getAttribute("aria-describedby")?.split(" ")).toContain(`${name}-error`);
      }
    }
    // First in form order, not in the order of the errors list.
    expect(document.activeElement).toBe(input("#email"));
    expect(input("#email").value).toBe("nope");
  });

  it("focuses a radio group when it is the first invalid field", () => {
    shell.render(view(intake({}, [{ field: "capture_method", message: phrase("intake-method-missing") }])));
    expect(document.activeElement).toBe(input("#capture-method-kiosk-camera"));
    expect(input("#email").hasAttribute("aria-invalid")).toBe(false);
    expect(document.getElementById("email-error")).toBeNull();
  });

  it("keeps typed input across inactivity ticks", () => {
    shell.render(view(intake()));
    input("#email").value = "typing@exa";
    input("#consent").checked = true;
    shell.render(view(intake(), { inactivity: { reset_in_seconds: 10 } }));
    shell.render(view(intake(), { inactivity: { reset_in_seconds: 9 } }));
    expect(input("#email").value).toBe("typing@exa");
    expect(input("#consent").checked).toBe(true);
  });
});
