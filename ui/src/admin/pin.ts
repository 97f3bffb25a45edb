// The PIN screens: choosing the admin PIN on first run, and unlocking with it.
import type { AdminStatus, UnlockOutcome } from "../ipc/admin_bindings";
import { button, h } from "../dom";
import { sayToStaff } from "../language";
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
  const [field, pin] = pinInput("admin-pin", sayToStaff("admin-pin-label"));
  const note = alertBox();
  if (status.locked_out_seconds) note.textContent = sayToStaff("admin-pin-locked-out", { seconds: status.locked_out_seconds });
  const unlock = button("admin-unlock", sayToStaff("admin-unlock"), () => void submit());
  const submit = async (): Promise<void> => {
    unlock.disabled = true;
    try {
      const outcome = await ctx.call<UnlockOutcome>("admin_unlock", { pin: pin.value });
      pin.value = "";
      if (outcome.kind === "accepted") return void ctx.go.overview();
      note.textContent =
        outcome.kind === "rejected"
          ? sayToStaff("admin-pin-wrong", { tries: outcome.tries_before_lockout })
          : sayToStaff("admin-pin-locked-out", { seconds: outcome.retry_in_seconds });
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
  ctx.show(sayToStaff("admin-title"), h("p", { class: "lead" }, sayToStaff("admin-pin-enter")), field, note, h("div", { class: "actions" }, unlock));
  pin.focus();
}

export function renderChoosePin(ctx: AdminContext): void {
  const [first, pin] = pinInput("admin-new-pin", sayToStaff("admin-pin-choose-label"));
  const [second, repeat] = pinInput("admin-repeat-pin", sayToStaff("admin-pin-repeat-label"));
  const note = alertBox();
  const set = button("admin-set-pin", sayToStaff("admin-pin-set"), async () => {
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
    sayToStaff("admin-set-up"),
    h("p", { class: "lead" }, sayToStaff("admin-pin-choose-lead")),
    first,
    second,
    note,
    h("div", { class: "actions" }, set),
  );
  pin.focus();
}
