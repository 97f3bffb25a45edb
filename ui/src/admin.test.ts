import { describe, expect, it } from "vitest";
import { createAdmin } from "./admin";

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
});
