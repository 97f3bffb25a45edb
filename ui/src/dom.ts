// Tiny DOM helpers. Text always goes in through text nodes (never innerHTML), and no inline
// style or event-handler attributes are ever written (the CSP forbids them).

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") el.className = String(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: SVGElement[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.appendChild(child);
  return el;
}

export type ButtonVariant = "primary" | "secondary";

/** A large touch button wired with addEventListener. */
export function button(
  id: string,
  label: string,
  onClick: () => void,
  variant: ButtonVariant = "primary",
): HTMLButtonElement {
  const el = h("button", { id, type: "button", class: `btn btn-${variant}` }, label);
  el.addEventListener("click", onClick);
  return el;
}

/** The screen's heading, focusable by script so that focus can move to it on a screen change. */
export function heading(text: string, id = "screen-title"): HTMLHeadingElement {
  return h("h1", { id, tabindex: -1, class: "screen-title" }, text);
}

/** An indeterminate busy indicator. */
export function spinner(label: string): HTMLDivElement {
  return h("div", {
    class: "spinner",
    role: "progressbar",
    "aria-busy": "true",
    "aria-label": label,
  });
}
