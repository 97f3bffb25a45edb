// Pieces every admin screen shares: the titled frame with its Close button, the message line,
// error text, and how a refusal from Rust reads. Every word comes from `admin.ftl`, in the
// kiosk's language (`sayToStaff`).
import { button, h } from "../dom";
import type { AdminCommandError } from "../ipc/admin_bindings";
import type { Phrase } from "../ipc/bindings";
import { sayPhraseToStaff, sayToStaff } from "../language";

/** Whether a command was refused with Rust's typed error (rather than failing in the IPC). */
export function isCommandError(error: unknown): error is AdminCommandError {
  return (
    typeof error === "object" && error !== null && "kind" in error && "message" in error &&
    typeof (error as { kind: unknown }).kind === "string"
  );
}

function isPhrase(value: unknown): value is Phrase {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string";
}

/** What a refusal of this kind says when it brings no words of the admin screen's own. */
const BY_KIND: Record<AdminCommandError["kind"], string> = {
  locked: "admin-error-locked",
  busy: "admin-error-busy",
  invalid: "admin-error-invalid",
  unavailable: "admin-error-kiosk-unavailable",
  failed: "admin-error-failed",
};

/** The words of an error Rust (or the IPC) gave. */
export function message(error: unknown): string {
  if (isCommandError(error)) {
    const words: unknown = error.message;
    return isPhrase(words) ? sayPhraseToStaff(words) : sayToStaff(BY_KIND[error.kind] ?? "admin-error-failed");
  }
  const detail = typeof error === "string" ? error : error instanceof Error ? error.message : String(error);
  return sayToStaff("admin-error-other", { detail });
}

/** Sentences Rust sent, one after the other. */
export function sentences(phrases: Phrase[]): string {
  return phrases.map(sayPhraseToStaff).join(" ");
}

/** The line under a form where outcomes and errors are announced. */
export function alertBox(): HTMLElement {
  return h("p", { id: "admin-message", class: "admin-message", role: "alert" });
}

/** A problem shown in place of a screen's content. */
export function errorText(text: string, id?: string): HTMLElement {
  return h("p", { class: "field-error", id }, text);
}

/** Replaces the panel's content with a titled screen and a Close button; focuses and returns the heading. */
export function showFrame(panel: HTMLElement, title: string, close: () => void, children: (Node | string)[]): HTMLElement {
  const heading = h("h1", { id: "admin-title", class: "screen-title", tabindex: -1 }, title);
  const closeButton = button("admin-close", sayToStaff("admin-close"), close, "secondary");
  panel.replaceChildren(h("div", { class: "admin-head" }, heading, closeButton), ...children);
  heading.focus();
  return heading;
}
