// The PIN screens: choosing the admin PIN on first run, and unlocking with it.
import type { AdminStatus, UnlockOutcome } from "../ipc/admin_bindings";
import { button, h } from "../dom";
import { alertBox, message } from "./frame";
import type { AdminContext } from "./types";

function pinInput(id: string, label: string): [HTMLElement, HTMLInputElement] {
  const input = h("input", {
    id,
    type: "password",
    inputmode: "numeric",
    autocomplete: "off",
    maxlength: 12,
    class: "pin-input",
  });
  return [h("div", { class: "field" }, h("label", { for: id }, label), input), input];
}

export function renderUnlock(ctx: AdminContext, status: AdminStatus): void {
  const [field, pin] = pinInput("admin-pin", "Admin PIN");
  const note = alertBox();
  if (status.locked_out_seconds) note.textContent = `Too many wrong PINs. Try again in ${status.locked_out_seconds} seconds.`;
  const unlock = button("admin-unlock", "Unlock", () => void submit());
  const submit = async (): Promise<void> => {
    unlock.disabled = true;
    try {
      const outcome = await ctx.call<UnlockOutcome>("admin_unlock", { pin: pin.value });
      pin.value = "";
      if (outcome.kind === "accepted") return void ctx.go.overview();
      note.textContent =
        outcome.kind === "rejected"
          ? `That PIN is not right. ${outcome.tries_before_lockout} more ${outcome.tries_before_lockout === 1 ? "try" : "tries"} before a pause.`
          : `Too many wrong PINs. Try again in ${outcome.retry_in_seconds} seconds.`;
    } catch (error) {
      note.textContent = message(error);
    } finally {
      unlock.disabled = false;
      pin.focus();
    }
  };
  pin.addEventListener("keydown", (event) => {
    if (event.key === "Enter") void submit();
  });
  ctx.show("Administration", h("p", { class: "lead" }, "Enter the admin PIN."), field, note, h("div", { class: "actions" }, unlock));
  pin.focus();
}

export function renderChoosePin(ctx: AdminContext): void {
  const [first, pin] = pinInput("admin-new-pin", "Choose an admin PIN (6 to 12 digits)");
  const [second, repeat] = pinInput("admin-repeat-pin", "Type it again");
  const note = alertBox();
  const set = button("admin-set-pin", "Set PIN and continue", async () => {
    try {
      await ctx.call("admin_choose_pin", { pin: pin.value, repeat: repeat.value });
      // The wizard shows its own problems (it first asks Rust for the first-run settings).
      void ctx.go.wizard(null);
    } catch (error) {
      note.textContent = message(error);
    } finally {
      pin.value = repeat.value = "";
    }
  });
  ctx.show(
    "Set up this kiosk",
    h("p", { class: "lead" }, "First, choose the PIN that will protect these settings. Keep it with the desk's IT contact."),
    first,
    second,
    note,
    h("div", { class: "actions" }, set),
  );
  pin.focus();
}
