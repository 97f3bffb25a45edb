import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { createAdmin } from "./admin";
import { adminFirstRunForm } from "./admin/ipc";
import type { SettingsForm } from "./ipc/admin_bindings";

afterEach(() => clearMocks());

/** What Rust's `SettingsForm::first_run()` holds: the wizard's start on a kiosk never set up. */
const FIRST_RUN_FORM: SettingsForm = {
  tenant_id: "", client_id: "", client_secret: "", issuer_did: "", manifest_url: "",
  credential_type: "VerifiedEnrollment", client_name: "Enrollment Kiosk", pin_length: 4, photo_claim: "",
  onekosmos_tenant_dns: "", community: "default", license_key: "", journey: "kyc_with_selfie",
  dvc_id_kyc_with_selfie: "", dvc_id_document_only: "", id_proofing_flow_url: "", dl_verify: false,
  kiosk_mode: "staffed", lobby_capture: "phone", unattested_document: "continue_at_ial1", idle_warning_secs: 90, idle_reset_secs: 30, max_proofing_attempts: 3,
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
        { field: "entra.tenant_id", message: "\"x\" is not a GUID. Copy the Directory (tenant) ID" },
        { field: "onekosmos.tenant_dns", message: "belongs to a later step" },
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
    expect(error?.textContent).toContain("Directory (tenant) ID");
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
        unavailable: "The admin screen is locked: the configuration file has no admin.pin_hash.",
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
    expect(root.querySelector(".field-error")?.textContent).toBe("the settings could not be read");
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
      audit: [], update_status: "Updates are not configured",
      cameras: { devices: [], demo_camera: false, chosen: null, note: null },
      config_warning: "/etc/kiosk/config.toml can be read or changed by other accounts on this computer.",
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
        throw { kind: "failed", message: "The locked settings file could not be read." };
      },
    });
    const second = createAdmin(other, failing.call);
    second.open();
    await settle();
    await settle();
    expect(asked).toBe(1);
    expect(other.querySelector("#admin-pin")).toBeNull();
    expect(other.textContent).toContain("The locked settings file could not be read.");
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
