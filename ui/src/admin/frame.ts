// Pieces every admin screen shares: the titled frame with its Close button, the message line,
// and error text.
import { button, h } from "../dom";
import type { CommandError } from "../ipc/bindings";

/** Whether a command was refused with Rust's typed error (rather than failing in the IPC). */
export function isCommandError(error: unknown): error is CommandError {
  return (
    typeof error === "object" && error !== null && "kind" in error && "message" in error &&
    typeof (error as { message: unknown }).message === "string"
  );
}

/** The text of an error Rust (or the IPC) gave. */
export function message(error: unknown): string {
  if (isCommandError(error)) return error.message;
  return typeof error === "string" ? error : error instanceof Error ? error.message : String(error);
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
  const closeButton = button("admin-close", "Close", close, "secondary");
  panel.replaceChildren(h("div", { class: "admin-head" }, heading, closeButton), ...children);
  heading.focus();
  return heading;
}
