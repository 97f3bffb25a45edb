import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { createAdmin } from "./admin";
import { adminFirstRunForm } from "./admin/ipc";
import type { AdminOverview, SettingsForm } from "./ipc/admin_bindings";
import { setLanguages, translationSources } from "./language";

afterEach(() => {
  clearMocks();
  setLanguages("en", "en");
});

/** What Rust's `SettingsForm::first_run()` holds: the wizard's start on a kiosk never set up. */
const FIRST_RUN_FORM: SettingsForm = {
  tenant_id: "", client_id: "", client_secret: "", issuer_did: "", manifest_url: "",
  credential_type: "VerifiedEnrollment", client_name: "Enrollment Kiosk", pin_length: 4, photo_claim: "",
  onekosmos_tenant_dns: "", community: "default", license_key: "", journey: "kyc_with_selfie",
  dvc_id_kyc_with_selfie: "", dvc_id_document_only: "", id_proofing_flow_url: "", dl_verify: false,
  kiosk_mode: "staffed", lobby_capture: "phone", unattested_document: "continue_at_ial1", language: "en", idle_warning_secs: 90, idle_reset_secs: 30, max_proofing_attempts: 3,
  max_offer_reissues: 2, allowed_email_domains: "", relay_url: "", kiosk_id: "",
  update_endpoint: "", update_pubkey: "",
};
const firstRunForm = (): SettingsForm => ({ ...FIRST_RUN_FORM });

type Handler = (args?: Record<string, unknown>) => unknown;

/** A stand-in for Rust's admin commands that records each call. */
function fakeRust(handlers: Record<string, Handler>) {
  const calls: { command: string; args?: Record<string, unknown> }[] = [];
  const call = async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    calls.push({ command, args });
    const handler = handlers[command];
    if (!handler) throw new Error(`unexpected command ${command}`);
    return (await handler(args)) as T;
  };
  return { call, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function click(root: HTMLElement, css: string): void {
  const el = root.querySelector<HTMLButtonElement>(css);
  if (!el) throw new Error(`${css} is not shown`);
  el.click();
}

function type(root: HTMLElement, css: string, text: string): void {
  const input = root.querySelector<HTMLInputElement>(css);
  if (!input) throw new Error(`${css} is not shown`);
  input.value = text;
  input.dispatchEvent(new Event("input"));
}

describe("admin screen", () => {
  it("asks for the PIN and says how many tries are left after a wrong one", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: false, locked_out_seconds: null }),
      admin_unlock: () => ({ kind: "rejected", tries_before_lockout: 2 }),
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    expect(admin.panel.hidden).toBe(false);
    type(root, "#admin-pin", "111111");
    click(root, "#admin-unlock");
    await settle();
    expect(rust.calls.find((c) => c.command === "admin_unlock")?.args).toEqual({ pin: "111111" });
    expect(root.querySelector("#admin-message")?.textContent).toContain("2 more tries");
    expect(root.querySelector<HTMLInputElement>("#admin-pin")?.value).toBe("");
  });

  it("shows each problem of a wizard step next to its field and stays on the step", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: false, unlocked: false, locked_out_seconds: null }),
      admin_choose_pin: () => null,
      admin_first_run_form: firstRunForm,
      admin_check_settings: () => [
        {
          field: "entra.tenant_id",
          problem: { id: "admin-problem-not-guid", args: { value: "x" } },
          fix: { id: "admin-fix-entra-tenant-id", args: { value: "x" } },
        },
        {
          field: "onekosmos.tenant_dns",
          problem: { id: "admin-problem-not-host", args: { value: "" } },
          fix: { id: "admin-fix-onekosmos-tenant-dns", args: {} },
        },
      ],
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    type(root, "#admin-new-pin", "24681357");
    type(root, "#admin-repeat-pin", "24681357");
    click(root, "#admin-set-pin");
    await settle();
    type(root, "#f-entra-tenant-id", "x");
    click(root, "#wizard-next");
    await settle();
    await settle();
    const sent = rust.calls.find((c) => c.command === "admin_check_settings")?.args?.form as Record<string, unknown>;
    expect(sent.tenant_id).toBe("x");
    const error = root.querySelector("[data-field='entra.tenant_id']");
    expect(error?.textContent).toBe('"x" is not a GUID. Copy the Directory (tenant) ID from the Entra admin center.');
    const input = root.querySelector("#f-entra-tenant-id");
    expect(input?.getAttribute("aria-invalid")).toBe("true");
    expect(input?.getAttribute("aria-describedby")).toContain(error?.id ?? "missing");
    expect(root.querySelector("[data-field='onekosmos.tenant_dns']")).toBeNull();
    expect(root.querySelector("#admin-title")?.textContent).toContain("Settings 1 of 3");
  });

  it("closing locks the admin screen again", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: false, locked_out_seconds: 30 }),
      admin_lock: () => null,
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    expect(root.querySelector("#admin-message")?.textContent).toContain("30 seconds");
    click(root, "#admin-close");
    expect(admin.panel.hidden).toBe(true);
    expect(rust.calls.some((c) => c.command === "admin_lock")).toBe(true);
  });

  it("stays shut with the reason when the configuration holds no usable PIN", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({
        pin_set: true,
        unlocked: false,
        locked_out_seconds: null,
        unavailable: { id: "admin-unavailable-no-pin-hash", args: {} },
      }),
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    expect(root.querySelector("#admin-unavailable")?.textContent).toContain("admin.pin_hash");
    expect(root.querySelector("#admin-pin")).toBeNull();
    expect(root.querySelector("#admin-new-pin")).toBeNull();
  });

  it("refuses a number that is not one before asking Rust", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: false, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_choose_pin: () => null,
      admin_first_run_form: firstRunForm,
      admin_check_settings: () => [],
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    type(root, "#admin-new-pin", "24681357");
    type(root, "#admin-repeat-pin", "24681357");
    click(root, "#admin-set-pin");
    await settle();
    type(root, "#f-entra-pin-length", "300");
    click(root, "#wizard-next");
    await settle();
    expect(root.querySelector("[data-field='entra.pin_length']")?.textContent).toContain("0 to 255");
    expect(rust.calls.some((c) => c.command === "admin_check_settings")).toBe(false);
    type(root, "#f-entra-pin-length", "6");
    click(root, "#wizard-next");
    await settle();
    await settle();
    const sent = rust.calls.find((c) => c.command === "admin_check_settings")?.args?.form as Record<string, unknown>;
    expect(sent.pin_length).toBe(6);
    expect(root.querySelector("#admin-title")?.textContent).toContain("Settings 2 of 3");
  });

  it("Escape leaves the PIN screen but never discards a settings form", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: false, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_choose_pin: () => null,
      admin_first_run_form: firstRunForm,
      admin_lock: () => null,
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    type(root, "#admin-new-pin", "24681357");
    type(root, "#admin-repeat-pin", "24681357");
    click(root, "#admin-set-pin");
    await settle();
    type(root, "#f-entra-tenant-id", "typed");
    const escape = () => admin.panel.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    escape();
    expect(admin.panel.hidden).toBe(false);
    expect(root.querySelector<HTMLInputElement>("#f-entra-tenant-id")?.value).toBe("typed");

    const other = document.createElement("div");
    const locked = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_lock: () => null,
    });
    const second = createAdmin(other, locked.call);
    second.open();
    await settle();
    second.panel.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(second.panel.hidden).toBe(true);
  });

  it("starts a first-run wizard with the settings Rust gives", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: false, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_choose_pin: () => null,
      admin_first_run_form: firstRunForm,
      admin_check_settings: () => [],
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    type(root, "#admin-new-pin", "24681357");
    type(root, "#admin-repeat-pin", "24681357");
    click(root, "#admin-set-pin");
    await settle();
    const asked = rust.calls.filter((c) => c.command === "admin_first_run_form");
    expect(asked).toEqual([{ command: "admin_first_run_form", args: undefined }]);
    expect(root.querySelector("#admin-title")?.textContent).toContain("Settings 1 of 3");
    expect(root.querySelector<HTMLInputElement>("#f-entra-credential-type")?.value).toBe("VerifiedEnrollment");
    expect(root.querySelector<HTMLInputElement>("#f-entra-client-name")?.value).toBe("Enrollment Kiosk");
    expect(root.querySelector<HTMLInputElement>("#f-entra-pin-length")?.value).toBe("4");
    type(root, "#f-entra-tenant-id", "x");
    click(root, "#wizard-next");
    await settle();
    await settle();
    const sent = rust.calls.find((c) => c.command === "admin_check_settings")?.args?.form;
    expect(sent).toEqual({ ...FIRST_RUN_FORM, tenant_id: "x" });
    expect(root.querySelector<HTMLInputElement>("#f-onekosmos-community")?.value).toBe("default");
  });

  it("says why when the first-run settings cannot be had, instead of an empty wizard", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: false, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_choose_pin: () => null,
      admin_first_run_form: () => {
        throw new Error("the settings could not be read");
      },
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    type(root, "#admin-new-pin", "24681357");
    type(root, "#admin-repeat-pin", "24681357");
    click(root, "#admin-set-pin");
    await settle();
    expect(root.querySelector("#admin-title")?.textContent).toBe("Administration");
    expect(root.querySelector(".field-error")?.textContent).toBe("Something went wrong: the settings could not be read");
    expect(root.querySelector(".admin-form")).toBeNull();
  });

  it("shows no wizard when the admin screen was closed before the first-run settings came", async () => {
    const root = document.createElement("div");
    let answer: (form: SettingsForm) => void = () => {};
    const rust = fakeRust({
      admin_status: () => ({ pin_set: false, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_choose_pin: () => null,
      admin_first_run_form: () => new Promise<SettingsForm>((resolve) => (answer = resolve)),
      admin_lock: () => null,
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    type(root, "#admin-new-pin", "24681357");
    type(root, "#admin-repeat-pin", "24681357");
    click(root, "#admin-set-pin");
    await settle();
    expect(rust.calls.some((c) => c.command === "admin_first_run_form")).toBe(true);
    click(root, "#admin-close");
    answer(firstRunForm());
    await settle();
    expect(admin.panel.hidden).toBe(true);
    expect(admin.panel.childElementCount).toBe(0);
  });

  it("warns on the overview when the settings file is open to other accounts", async () => {
    const root = document.createElement("div");
    const overview = {
      version: "0.1.0", demo: false, config_path: "/etc/kiosk/config.toml", configured: true,
      settings: firstRunForm(),
      secrets: { client_secret_stored: true, license_key_stored: true, relay_token_stored: false, problem: null },
      audit: [], update_status: { id: "admin-update-not-configured", args: {} },
      cameras: { devices: [], demo_camera: false, chosen: null, note: null },
      config_warning: { id: "admin-config-open-to-others", args: { path: "/etc/kiosk/config.toml" } },
      relay: null,
    };
    const rust = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: true, locked_out_seconds: null, unavailable: null }),
      admin_overview: () => overview,
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    await settle();
    expect(root.querySelector("#admin-config-warning")?.textContent).toContain("other accounts");

    const quiet = document.createElement("div");
    const fine = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: true, locked_out_seconds: null, unavailable: null }),
      admin_overview: () => ({ ...overview, config_warning: null }),
    });
    const second = createAdmin(quiet, fine.call);
    second.open();
    await settle();
    await settle();
    expect(quiet.querySelector("#admin-version")?.textContent).toBe("0.1.0");
    expect(quiet.querySelector("#admin-config-warning")).toBeNull();
  });

  it("goes back to the PIN screen when Rust says locked, and only then, whatever the words", async () => {
    const root = document.createElement("div");
    let statuses = 0;
    const rust = fakeRust({
      admin_status: () => {
        statuses += 1;
        return { pin_set: true, unlocked: statuses === 1, locked_out_seconds: null, unavailable: null };
      },
      admin_overview: () => {
        throw { kind: "locked", message: "Enter the admin PIN again." };
      },
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    await settle();
    expect(statuses).toBe(2);
    expect(root.querySelector("#admin-pin")).not.toBeNull();

    const other = document.createElement("div");
    let asked = 0;
    const failing = fakeRust({
      admin_status: () => {
        asked += 1;
        return { pin_set: true, unlocked: true, locked_out_seconds: null, unavailable: null };
      },
      admin_overview: () => {
        throw { kind: "failed", message: { id: "admin-store-locked", args: {} } };
      },
    });
    const second = createAdmin(other, failing.call);
    second.open();
    await settle();
    await settle();
    expect(asked).toBe(1);
    expect(other.querySelector("#admin-pin")).toBeNull();
    expect(other.textContent).toContain("The credential store is locked.");
  });

  it("speaks the kiosk's language, not the employee's", async () => {
    setLanguages("es", "fr-CA");
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: false, locked_out_seconds: null, unavailable: null }),
      admin_unlock: () => ({ kind: "rejected", tries_before_lockout: 2 }),
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    expect(root.querySelector("#admin-unlock")?.textContent).toBe("Déverrouiller");
    expect(root.querySelector("label[for='admin-pin']")?.textContent).toBe("NIP d'administration");
    type(root, "#admin-pin", "111111");
    click(root, "#admin-unlock");
    await settle();
    expect(root.querySelector("#admin-message")?.textContent).toContain("Encore 2 essais");
  });

  it("names the language setting in the wizard and sends the choice", async () => {
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: true, locked_out_seconds: null, unavailable: null }),
      admin_overview: () => fullOverview(),
      admin_check_settings: () => [],
      admin_save_settings: () => ({ kind: "saved", path: "/etc/kiosk/config.toml" }),
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    await settle();
    click(root, "#edit-settings");
    await settle();
    for (const _ of [1, 2]) {
      click(root, "#wizard-next");
      await settle();
      await settle();
    }
    const select = root.querySelector<HTMLSelectElement>("#f-kiosk-language");
    expect(select).not.toBeNull();
    expect(Array.from(select!.options).map((o) => o.textContent)).toEqual(["English", "Spanish", "French (Canada)"]);
    select!.value = "fr-CA";
    select!.dispatchEvent(new Event("change"));
    click(root, "#wizard-save");
    await settle();
    const sent = rust.calls.find((c) => c.command === "admin_save_settings")?.args?.form as SettingsForm;
    expect(sent.language).toBe("fr-CA");
  });

  it("has no word that does not come from the translation files (pseudo-locale)", async () => {
    setLanguages("en", "en-XA");
    const root = document.createElement("div");
    const rust = fakeRust({
      admin_status: () => ({ pin_set: true, unlocked: true, locked_out_seconds: null, unavailable: null }),
      admin_overview: () => fullOverview(),
      admin_test_connection: () => ({
        service: "entra",
        ok: false,
        steps: [
          { label: { id: "admin-step-sign-in", args: {} }, ok: true, detail: [{ id: "admin-check-entra-token", args: {} }] },
          {
            label: { id: "admin-step-claims", args: {} },
            ok: false,
            detail: [{ id: "admin-manifest-unmapped", args: { claims: "9", count: 1 } }],
          },
        ],
      }),
      admin_check_settings: () => [],
    });
    const admin = createAdmin(root, rust.call);
    admin.open();
    await settle();
    await settle();
    click(root, "#test-entra");
    await settle();
    await settle();
    const pages = [visibleWords(root)];
    click(root, "#edit-settings");
    await settle();
    for (const step of [1, 2, 3]) {
      pages.push(visibleWords(root));
      if (step === 3) break;
      click(root, "#wizard-next");
      await settle();
      await settle();
    }
    expect(root.querySelector("#wizard-save")).not.toBeNull();
    expect(pages.flat().length).toBeGreaterThan(300);
    const plain = pages.flat().filter((word) => /[A-Za-z]{2,}/.test(word));
    expect(plain).toEqual([]);
  });

  it("asks Tauri for the first-run settings with admin_first_run_form and no arguments", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return cmd === "admin_first_run_form" ? firstRunForm() : null;
    });
    await expect(adminFirstRunForm()).resolves.toEqual(FIRST_RUN_FORM);
    expect(calls).toEqual([{ cmd: "admin_first_run_form", args: {} }]);
  });
});

/** An overview with something in every section, its data free of ASCII words. */
function fullOverview(): AdminOverview {
  return {
    version: "0.1.0", demo: true, config_path: "/ēţç/ķ/çōñƒ.ţōḿŀ", configured: true,
    settings: firstRunForm(),
    secrets: { client_secret_stored: true, license_key_stored: false, relay_token_stored: true, problem: { id: "admin-store-locked", args: {} } },
    audit: [
      {
        day: "2026-11-26", started: 3, proofed: 2, issued: 1, failed_total: 2,
        failures: [{ code: "cancelled", reason: { id: "admin-reason-cancelled", args: {} }, count: 1 }, { code: "declined_IDV0010", reason: { id: "admin-reason-declined-idv", args: { code: "0010" } }, count: 1 }],
        attested: 1, attestation_declined: 1, attested_by: [{ staff_code: "1-2", count: 1 }],
        verified: 1, verification_failed_total: 1,
        verification_failures: [{ code: "revoked", reason: { id: "admin-verification-revoked", args: {} }, count: 1 }],
      },
    ],
    update_status: { id: "admin-update-up-to-date", args: { version: "0.1.0", time: "12:04" } },
    cameras: { devices: ["Ćāmęrā 1"], demo_camera: true, chosen: "Ćāmęrā 1", note: { id: "admin-camera-none", args: {} } },
    config_warning: { id: "admin-config-open-to-others", args: { path: "/ēţç" } },
    relay: { callback_url: "/ç/1", kiosk_id: "1", connected: true, state: { id: "admin-relay-connected", args: { time: "12:04:05" } } },
  };
}

/** Every word a person reads or hears on the panel: text, labels, placeholders, titles; with the
 *  translation files' fixed literals ({ "…" }: commands, setting names) taken out. */
function visibleWords(root: HTMLElement): string[] {
  const literals = [...(translationSources().en?.admin ?? "").matchAll(/\{ "((?:[^"\\]|\\.)*)" \}/g)]
    .map((m) => (m[1] ?? "").replace(/\\"/g, '"'))
    .sort((a, b) => b.length - a.length);
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? "");
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const name of ["aria-label", "placeholder", "title", "alt"]) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts.flatMap((text) => {
    for (const literal of literals) text = text.split(literal).join(" ");
    return text.split(/\s+/).filter(Boolean);
  });
}
