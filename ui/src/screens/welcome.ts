import type { Language } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import { languageName, say } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

declare global {
  interface Window {
    /** When Welcome first became usable (ms since the Unix epoch), for the start-up benchmark. */
    __welcomeShownAt?: number;
  }
}

/** One button per language, each named in its own language; the chosen one is pressed. */
function languageChooser(ctx: ScreenContext): HTMLElement | null {
  const offered = ctx.view.languages;
  if (offered.length < 2) return null;
  const buttons = offered.map((language: Language) => {
    const choose = button(`language-${language}`, languageName(language), () =>
      ctx.send({ kind: "choose_language", language }),
      "secondary",
    );
    // Each name is in its own language, and is never translated.
    choose.lang = language === "en-XA" ? "en" : language;
    choose.setAttribute("translate", "no");
    choose.setAttribute("aria-pressed", String(language === ctx.view.language));
    return choose;
  });
  return h(
    "div",
    { class: "language-choice", role: "group", "aria-label": say("language-choice") },
    ...buttons,
  );
}

export function renderWelcome(
  root: HTMLElement,
  _screen: ScreenOf<"welcome">,
  ctx: ScreenContext,
): ScreenInstance<ScreenOf<"welcome">> {
  const staffed = ctx.view.kiosk_mode === "staffed";
  const title = heading(say("welcome-title"));
  const start = button("start", say(staffed ? "welcome-start-staffed" : "welcome-start-lobby"), () =>
    ctx.send({ kind: "start" }),
  );
  start.classList.add("btn-hero");
  // Verify mode: someone shows the work ID already in their Authenticator.
  const verify = ctx.view.verify_available
    ? button("start-verify", say("welcome-verify"), () => ctx.send({ kind: "start_verify" }), "secondary")
    : null;
  verify?.classList.add("btn-hero");
  root.append(
    h(
      "section",
      { class: "welcome", "aria-labelledby": title.id },
      languageChooser(ctx),
      title,
      h("p", { class: "lead" }, say("welcome-lead")),
      h("p", {}, say("welcome-ready")),
      h("div", { class: "actions welcome-actions" }, start, verify),
    ),
  );
  window.__welcomeShownAt ??= performance.timeOrigin + performance.now();
  // After choosing a language, focus stays on the language just chosen.
  const chosen = ctx.view.language !== ctx.view.staff_language ? root.querySelector<HTMLElement>(`#language-${ctx.view.language}`) : null;
  return { focusTarget: chosen ?? title };
}
