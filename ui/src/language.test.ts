// The translation files and the words on screen: every language has every message with the
// same variables, every id the code asks for exists, the pseudo-locale leaves no plain English
// on any screen, and Welcome's language chooser.
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { FluentParser, Visitor, type Junk, type Message, type Term, type VariableReference } from "@fluent/syntax";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Intent, Language, Screen, VerifiedCard, View } from "./ipc/bindings";
import { languageName, translationSources } from "./language";
import { createShell, type Shell } from "./shell";
import { capture, intake, phrase, sampleQr, view } from "./test/fixtures";

/** The languages the kiosk ships (the pseudo-locale is made from English, it has no files). */
const SHIPPED: Language[] = ["en", "es", "fr-CA"];

const SOURCES = translationSources();
const LOCALES = Object.keys(SOURCES).sort();
const OTHER_LOCALES = LOCALES.filter((tag) => tag !== "en");

interface Shape {
  /** Message id → its attributes, each with the variables it uses ("" is the value). */
  messages: Map<string, Map<string, string[]>>;
  junk: string[];
}

class Variables extends Visitor {
  readonly names = new Set<string>();
  override visitVariableReference(node: VariableReference): void {
    this.names.add(node.id.name);
  }
}

function variablesOf(node: Parameters<Visitor["visit"]>[0] | null): string[] {
  if (!node) return [];
  const visitor = new Variables();
  visitor.visit(node);
  return [...visitor.names].sort();
}

/** Each message (and term) of a file with its attributes and the variables each one uses. */
function shapeOf(text: string): Shape {
  const resource = new FluentParser({ withSpans: true }).parse(text);
  const messages = new Map<string, Map<string, string[]>>();
  const junk: string[] = [];
  for (const entry of resource.body) {
    if (entry.type === "Junk") {
      const j = entry as Junk;
      junk.push(`${j.annotations.map((a) => `${a.code}: ${a.message}`).join("; ")} in ${JSON.stringify(j.content.slice(0, 80))}`);
      continue;
    }
    if (entry.type !== "Message" && entry.type !== "Term") continue;
    const message = entry as Message | Term;
    const id = `${message.type === "Term" ? "-" : ""}${message.id.name}`;
    const parts = new Map<string, string[]>([["", variablesOf(message.value)]]);
    for (const attribute of message.attributes) parts.set(`.${attribute.id.name}`, variablesOf(attribute.value));
    messages.set(id, parts);
  }
  return { messages, junk };
}

/** A file's shape as text lines, so a failure lists exactly what differs. */
function describeShape(shape: Shape): string[] {
  return [...shape.messages.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([id, parts]) => [...parts.entries()].map(([part, vars]) => `${id}${part}(${vars.map((v) => `$${v}`).join(", ")})`));
}

const EN = SOURCES.en ?? {};
const EN_IDS = new Set(Object.values(EN).flatMap((text) => [...shapeOf(text).messages.keys()]));

describe("translation files", () => {
  it("exist for English, Spanish and French (Canada)", () => {
    // Fails until the translators' files land in ui/locales/es and ui/locales/fr-CA.
    expect(LOCALES).toEqual(expect.arrayContaining(SHIPPED));
  });

  it("name only languages the kiosk knows", () => {
    for (const tag of LOCALES) expect(SHIPPED).toContain(tag);
  });

  it.each(LOCALES)("%s: every file parses without errors", (tag) => {
    for (const [file, text] of Object.entries(SOURCES[tag] ?? {})) {
      expect(shapeOf(text).junk, `${tag}/${file}.ftl`).toEqual([]);
      // The runtime parser too: it must see the same messages, and no duplicates.
      const bundle = new FluentBundle(tag, { useIsolating: false });
      const errors = bundle.addResource(new FluentResource(text));
      expect(errors.map(String), `${tag}/${file}.ftl`).toEqual([]);
      const runtimeIds = new FluentResource(text).body.map((m) => m.id).sort();
      expect(runtimeIds, `${tag}/${file}.ftl`).toEqual([...shapeOf(text).messages.keys()].sort());
    }
  });

  it("English has no message twice, across all its files", () => {
    const all = Object.values(EN).flatMap((text) => [...shapeOf(text).messages.keys()]);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  describe.each(SHIPPED.filter((tag) => tag !== "en"))("%s", (tag) => {
    it("has the same files as English", () => {
      expect(Object.keys(SOURCES[tag] ?? {}).sort()).toEqual(Object.keys(EN).sort());
    });

    it.each(Object.keys(EN).sort())("%s.ftl: the same messages, attributes and variables as English", (file) => {
      const theirs = SOURCES[tag]?.[file];
      expect(theirs, `ui/locales/${tag}/${file}.ftl is missing`).toBeDefined();
      expect(describeShape(shapeOf(theirs ?? ""))).toEqual(describeShape(shapeOf(EN[file] ?? "")));
    });
  });

  it.each(OTHER_LOCALES.filter((tag) => !SHIPPED.includes(tag as Language)))("%s is not a shipped language", (tag) => {
    expect(SHIPPED, `ui/locales/${tag}`).toContain(tag);
  });

  it("the comparison notices a missing message, attribute or variable, and a syntax error", () => {
    const en = describeShape(shapeOf("a = A { $n }\n    .title = T\nb = B\n"));
    expect(en).toEqual(["a($n)", "a.title()", "b()"]);
    expect(describeShape(shapeOf("a = A\n    .title = T\nb = B\n"))).not.toEqual(en);
    expect(describeShape(shapeOf("a = A { $n }\nb = B\n"))).not.toEqual(en);
    expect(describeShape(shapeOf("a = A { $n }\n    .title = T\n"))).not.toEqual(en);
    expect(describeShape(shapeOf("a = A { $n ->\n   *[other] { $n }\n}\n    .title = T\nb = B\n"))).toEqual(en);
    expect(shapeOf("a = A { $n \nb = B\n").junk).toHaveLength(1);
  });

  it("every language names itself, each differently", () => {
    const names = SHIPPED.map((tag) => {
      const text = SOURCES[tag]?.employee ?? "";
      const bundle = new FluentBundle(tag);
      bundle.addResource(new FluentResource(text));
      const pattern = bundle.getMessage("language-name")?.value;
      return pattern ? bundle.formatPattern(pattern) : `(no language-name in ${tag})`;
    });
    expect(names[0]).toBe("English");
    expect(new Set(names).size, names.join(", ")).toBe(SHIPPED.length);
    for (const name of names) expect(name).not.toMatch(/^\(no language-name/);
  });
});

// ---------------------------------------------------------------------------------------------
// The ids the code asks for.

const CODE = import.meta.glob<string>(["./**/*.ts", "!./**/*.test.ts", "!./test/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The text of the first argument of the call whose "(" is at `open` (with `untilClose`, the
 *  whole text up to the bracket that closes the one at `open`). */
function firstArgument(source: string, open: number, untilClose = false): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      if (depth === 0) return source.slice(open + 1, i);
      depth--;
    } else if (c === "," && depth === 0 && !untilClose) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

const STRING = /"([^"\\]*)"|'([^'\\]*)'/g;

/** The message ids a source file names literally in say(…), sayToStaff(…) and hasWords(…). */
function literalIds(source: string): { ids: string[]; dynamic: string[] } {
  const ids: string[] = [];
  const dynamic: string[] = [];
  for (const call of source.matchAll(/\b(?:say|sayToStaff|hasWords)\(/g)) {
    const arg = firstArgument(source, (call.index ?? 0) + call[0].length - 1).trim();
    if (arg.startsWith("`")) {
      dynamic.push(arg);
      continue;
    }
    // Strings compared against (`kind === "face" ? … : …`) are not ids; the others are.
    const chosen = arg.replace(/(?:===|!==|==|!=)\s*("[^"]*"|'[^']*')|("[^"]*"|'[^']*')\s*(?:===|!==|==|!=)/g, "");
    for (const m of chosen.matchAll(STRING)) ids.push((m[1] ?? m[2]) as string);
  }
  return { ids, dynamic };
}

/** `const NAME = {…}` / `[…]` tables: each string property's values, grouped by property
 *  (a Record's values are one group, "*"). */
function tables(source: string): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  for (const decl of source.matchAll(/^(?:export )?const ([A-Z][A-Z0-9_]*)\b[^=]*=\s*([[{])/gm)) {
    const open = (decl.index ?? 0) + decl[0].length - 1;
    const body = firstArgument(source, open, true);
    const groups = new Map<string, string[]>();
    const isArray = decl[2] === "[";
    for (const m of body.matchAll(/([A-Za-z_$][\w$]*)\s*:\s*"([^"\\]*)"/g)) {
      const key = isArray ? (m[1] as string) : "*";
      groups.set(key, [...(groups.get(key) ?? []), m[2] as string]);
    }
    found.set(decl[1] as string, groups);
  }
  return found;
}

/** The tables of message ids the screens look words up in: file → table → property. */
const WORD_TABLES: Record<string, Record<string, string>> = {
  "./screens/offer_credential.ts": { STATUS_TEXT: "*" },
  "./screens/done.ts": { TITLES: "*" },
  "./screens/verify_card.ts": { TITLES: "*", STATUS_TEXT: "*" },
  "./screens/intake.ts": { CAPTURE_METHODS: "label" },
  "./screens/staff_attestation.ts": { CHECKS: "label" },
};

describe("message ids in the code", () => {
  it("finds the screens' sources", () => {
    expect(Object.keys(CODE)).toEqual(expect.arrayContaining(["./shell.ts", "./screens/welcome.ts", ...Object.keys(WORD_TABLES)]));
  });

  it("every literal id in say(…), sayToStaff(…) and hasWords(…) is an English message", () => {
    const missing: string[] = [];
    let count = 0;
    for (const [path, source] of Object.entries(CODE)) {
      if (path === "./language.ts") continue;
      for (const id of literalIds(source).ids) {
        count++;
        if (!EN_IDS.has(id)) missing.push(`${path}: "${id}"`);
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  it("ids built at run time are only the card claims, each looked up with hasWords first", () => {
    const dynamic = Object.entries(CODE).flatMap(([path, source]) =>
      literalIds(source).dynamic.map((arg) => `${path}: ${arg}`),
    );
    expect(new Set(dynamic)).toEqual(new Set(["./screens/verification_result.ts: `claim-${claim.name}`"]));
    expect([...EN_IDS].filter((id) => id.startsWith("claim-")).length).toBeGreaterThan(0);
  });

  it("every id in the screens' tables is an English message", () => {
    const missing: string[] = [];
    for (const [path, wanted] of Object.entries(WORD_TABLES)) {
      const found = tables(CODE[path] ?? "");
      for (const [table, property] of Object.entries(wanted)) {
        const ids = found.get(table)?.get(property) ?? [];
        expect(ids.length, `${path} ${table}.${property}`).toBeGreaterThan(1);
        for (const id of ids) if (!EN_IDS.has(id)) missing.push(`${path} ${table}: "${id}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("any other table that holds a message id holds only message ids", () => {
    // Catches a new table of words that WORD_TABLES does not list yet.
    const missing: string[] = [];
    for (const [path, source] of Object.entries(CODE)) {
      for (const [table, groups] of tables(source)) {
        for (const [property, values] of groups) {
          if (!values.some((v) => EN_IDS.has(v))) continue;
          for (const v of values) if (!EN_IDS.has(v)) missing.push(`${path} ${table}.${property}: "${v}"`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Rendering: every screen in every state asks only for words that exist, and in the
// pseudo-locale shows no plain English.

let sent: Intent[];
let shell: Shell;

beforeEach(() => {
  document.body.innerHTML = '<div id="app"></div>';
  sent = [];
  shell = createShell(document.getElementById("app") as HTMLElement, (intent) => sent.push(intent), () => {});
});

const explanation = (message: string, next_step: string) => ({ message: phrase(message), next_step: phrase(next_step) });

/** Every screen, in each of its states, with data that has no ASCII letters of its own (names,
 *  codes and card values are data, not words: they are never translated). */
function allScreens(): { label: string; screen: Screen; extra?: Partial<View> }[] {
  const offer = {
    name: "offer_credential",
    url: "openid-vc://1",
    qr: sampleQr(25),
    pin: null,
    pin_required: true,
    expires_in_seconds: 299,
    status: "waiting",
    problem: null,
  } as const;
  const card: VerifiedCard = {
    claims: [
      { name: "given_name", label: "First name", value: "Ŝōfía" },
      { name: "verified_at", label: "Verified at", value: "2025-01-02" },
    ],
    issuer: "ḓīḓ:ẇḗƀ",
    credential_type: "Ṽḗřīƒīḗḓ",
    face_check: { score: 86.3, threshold: 70, photo_quality: "ĦĪƓĦ" },
    revocation: "valid",
  };
  const screens: { label: string; screen: Screen; extra?: Partial<View> }[] = [
    { label: "welcome staffed", screen: { name: "welcome" }, extra: { demo: true } },
    { label: "welcome lobby", screen: { name: "welcome" }, extra: { kiosk_mode: "lobby", inactivity: { reset_in_seconds: 30 } } },
    { label: "intake", screen: intake() },
    {
      label: "intake with errors",
      screen: intake({}, [
        { field: "email", message: phrase("intake-email-domain", { domains: "@ḗẋȧḿƥŀḗ.ƈǿḿ", count: 1 }) },
        { field: "given_name", message: phrase("intake-name-too-long", { field: "given", max: 64 }) },
        { field: "family_name", message: phrase("intake-name-characters", { field: "family" }) },
        { field: "document_type", message: phrase("intake-document-missing") },
        { field: "capture_method", message: phrase("intake-kiosk-camera-lobby") },
        { field: "consent", message: phrase("intake-consent-missing") },
      ]),
    },
    { label: "document_front", screen: { name: "document_front", ...capture() } },
    {
      label: "document_back capturing",
      screen: {
        name: "document_back",
        ...capture({ title: phrase("capture-back-title"), instruction: phrase("guidance-reduce-glare"), capturing: true }),
      },
    },
    {
      label: "selfie with a camera problem",
      screen: {
        name: "selfie",
        ...capture({
          title: phrase("capture-selfie-title"),
          instruction: phrase("capture-selfie-instruction"),
          camera_problem: explanation("camera-not-working", "next-camera-or-phone"),
        }),
      },
    },
    { label: "review document", screen: { name: "review", step: "document_back", title: phrase("review-back-title"), progress: { current: 2, total: 3 } } },
    { label: "review selfie", screen: { name: "review", step: "selfie", title: phrase("review-selfie-title"), progress: { current: 3, total: 3 } } },
    { label: "phone_handoff preparing", screen: { name: "phone_handoff", url: null, qr: null, status: phrase("phone-preparing-code") } },
    { label: "phone_handoff", screen: { name: "phone_handoff", url: "https://x", qr: sampleQr(), status: phrase("phone-still-waiting") } },
    ...(["continue_at_ial1", "end"] as const).map((when_declined) => ({
      label: `staff_attestation ${when_declined}`,
      screen: {
        name: "staff_attestation",
        document: "national_id",
        document_label: phrase("document-national-id"),
        form: { staff_code: "", security_features_present: false, not_altered: false, portrait_matches: false },
        problems: [
          { field: "inspection", message: phrase("staff-attest-confirm-all") },
          { field: "staff_code", message: phrase("staff-code-invalid", { min: 2, max: 32 }) },
        ],
        when_declined,
      } satisfies Screen,
    })),
    { label: "verifying", screen: { name: "verifying", status: phrase("verifying-status") } },
    {
      label: "proofing_failed, retry",
      screen: { name: "proofing_failed", reason_code: "0010", explanation: explanation("name-mismatch", "next-check-name-spelling"), can_retry: true, attempts_left: 1 },
    },
    {
      label: "proofing_failed, no retry",
      screen: { name: "proofing_failed", reason_code: null, explanation: explanation("attempts-used-up", "next-ask-staff"), can_retry: false, attempts_left: 0 },
    },
    { label: "issuing", screen: { name: "issuing", problem: null } },
    { label: "issuing, problem", screen: { name: "issuing", problem: explanation("issuance-failed", "next-try-again-or-staff") } },
    { label: "offer waiting", screen: offer },
    { label: "offer scanned", screen: { ...offer, qr: null, pin: "4821", status: "scanned" } },
    { label: "offer failed", screen: { ...offer, qr: null, status: "failed", problem: null } },
    { label: "offer failed, problem", screen: { ...offer, qr: null, status: "failed", problem: explanation("wallet-failed", "next-new-offer-code-or-staff") } },
    ...(["issued", "not_verified", "offer_expired", "document_not_attested"] as const).map((outcome) => ({
      label: `done ${outcome}`,
      screen: { name: "done", outcome, explanation: explanation("done-not-attested", "done-not-attested-next") } satisfies Screen,
    })),
  ];
  for (const purpose of ["verify", "new_card"] as const) {
    screens.push(
      { label: `preparing_verification ${purpose}`, screen: { name: "preparing_verification", purpose } },
      {
        label: `verify_card ${purpose}`,
        screen: { name: "verify_card", purpose, url: "openid-vc://p", qr: sampleQr(), expires_in_seconds: 125, status: "waiting" },
      },
      {
        label: `verify_card ${purpose} retrieved`,
        screen: { name: "verify_card", purpose, url: "openid-vc://p", qr: null, expires_in_seconds: 100, status: "retrieved" },
      },
      {
        label: `verification_result ${purpose}`,
        screen: { name: "verification_result", purpose, card, failure: null, explanation: null, can_retry: false },
      },
      {
        label: `verification_result ${purpose}, no face check`,
        screen: {
          name: "verification_result",
          purpose,
          card: { ...card, face_check: null, revocation: "not_reported" },
          failure: null,
          explanation: null,
          can_retry: false,
        },
      },
      {
        label: `verification_result ${purpose}, failed`,
        screen: {
          name: "verification_result",
          purpose,
          card: null,
          failure: { reason: "face_check_below_threshold", score: 41, threshold: 70 },
          explanation: {
            message: phrase("card-face-check-below-scored", { score: 41, threshold: 70 }),
            next_step: phrase(purpose === "verify" ? "staff-next-face-check-again" : "next-new-card-face-check-again"),
          },
          can_retry: true,
        },
      },
    );
  }
  return screens;
}

/** Each text node and label a person can read or hear, outside elements marked as being in
 *  another language (the chooser's language names, each in its own language). */
function readableTexts(root: Element): string[] {
  const texts: string[] = [];
  const inOtherLanguage = (el: Element): boolean => {
    const marked = el.closest("[lang]");
    return marked !== null && root.contains(marked);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) {
      for (const attribute of ["aria-label", "title", "placeholder", "alt"]) {
        const value = node.getAttribute(attribute);
        if (value && !inOtherLanguage(node)) texts.push(value);
      }
    } else if (node.parentElement && !inOtherLanguage(node.parentElement) && node.textContent?.trim()) {
      texts.push(node.textContent.trim());
    }
  }
  return texts;
}

describe("words on every screen", () => {
  it("are all found in English", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const { screen, extra } of allScreens()) shell.render(view(screen, extra));
    expect(errors.mock.calls.map((call) => call.map(String).join(" "))).toEqual([]);
  });

  it.each(allScreens().map((s) => [s.label, s] as const))("pseudo-locale: no plain ASCII word on %s", (_label, s) => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    shell.render(view(s.screen, { ...s.extra, language: "en-XA", staff_language: "en-XA" }));
    const app = document.getElementById("app") as HTMLElement;
    const texts = readableTexts(app);
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.filter((t) => /[A-Za-z]{2,}/.test(t))).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
  });

  it("pseudo-locale: the inactivity warning and the demo badge too", () => {
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }, { language: "en-XA", staff_language: "en-XA", demo: true, inactivity: { reset_in_seconds: 1 } }));
    const shown = [
      document.getElementById("inactivity-warning"),
      document.getElementById("demo-badge"),
      document.getElementById("cancel"),
    ] as HTMLElement[];
    for (const el of shown) {
      expect(el.hidden).toBe(false);
      expect(readableTexts(el).join(" ")).not.toMatch(/[A-Za-z]{2,}/);
    }
    expect(document.getElementById("inactivity-seconds")?.textContent).toBe("1");
  });

  it("the page's language follows the employee's choice", () => {
    shell.render(view({ name: "welcome" }, { language: "es" }));
    expect(document.documentElement.lang).toBe("es");
    shell.render(view({ name: "welcome" }, { language: "en-XA" }));
    expect(document.documentElement.lang).toBe("en");
    shell.render(view({ name: "welcome" }));
    expect(document.documentElement.lang).toBe("en");
  });
});

// ---------------------------------------------------------------------------------------------
// The language chooser on Welcome.

/** A language's own name, from its own translation file. */
function ownName(tag: Language): string | undefined {
  const bundle = new FluentBundle(tag);
  bundle.addResource(new FluentResource(SOURCES[tag]?.employee ?? ""));
  const pattern = bundle.getMessage("language-name")?.value;
  return pattern ? bundle.formatPattern(pattern) : undefined;
}

describe("language chooser", () => {
  const chooserButtons = (): HTMLButtonElement[] => [...document.querySelectorAll<HTMLButtonElement>(".language-choice button")];

  it("offers one button per language, each named in its own language, the current one pressed", () => {
    shell.render(view({ name: "welcome" }, { languages: ["en", "es", "fr-CA"], language: "es" }));
    const group = document.querySelector(".language-choice") as HTMLElement;
    expect(group.getAttribute("role")).toBe("group");
    expect(group.getAttribute("aria-label")).toBeTruthy();
    const buttons = chooserButtons();
    expect(buttons.map((b) => b.id)).toEqual(["language-en", "language-es", "language-fr-CA"]);
    expect(buttons.map((b) => b.lang)).toEqual(["en", "es", "fr-CA"]);
    expect(buttons.map((b) => b.getAttribute("aria-pressed"))).toEqual(["false", "true", "false"]);
    for (const b of buttons) expect(b.type).toBe("button");
    // Each name is the same whatever language the screen is in.
    const names = buttons.map((b) => b.textContent);
    shell.render(view({ name: "welcome" }, { languages: ["en", "es", "fr-CA"], language: "en" }));
    expect(chooserButtons().map((b) => b.textContent)).toEqual(names);
    expect(chooserButtons().map((b) => b.getAttribute("aria-pressed"))).toEqual(["true", "false", "false"]);
    expect(names).toEqual((["en", "es", "fr-CA"] as const).map((tag) => languageName(tag)));
    expect(names[0]).toBe("English");
    // Last, as it waits for the translators' files: the names come from each language's own file.
    expect(names).toEqual((["en", "es", "fr-CA"] as const).map(ownName));
  });

  it("clicking a language sends choose_language, and keeps focus on it once chosen", () => {
    shell.render(view({ name: "welcome" }));
    (document.getElementById("language-fr-CA") as HTMLButtonElement).click();
    (document.getElementById("language-es") as HTMLButtonElement).click();
    expect(sent).toEqual([
      { kind: "choose_language", language: "fr-CA" },
      { kind: "choose_language", language: "es" },
    ]);
    shell.render(view({ name: "welcome" }, { language: "es" }));
    expect(document.activeElement?.id).toBe("language-es");
    expect(document.getElementById("language-es")?.getAttribute("aria-pressed")).toBe("true");
    // Back to the kiosk's own language: focus stays on the language chosen, too.
    (document.getElementById("language-en") as HTMLButtonElement).focus();
    shell.render(view({ name: "welcome" }, { language: "en" }));
    expect(document.activeElement?.id).toBe("language-en");
    expect(document.getElementById("language-en")?.getAttribute("aria-pressed")).toBe("true");
    // Arriving at Welcome from another screen still focuses its heading.
    shell.render(view({ name: "verifying", status: phrase("verifying-status") }));
    shell.render(view({ name: "welcome" }));
    expect(document.activeElement?.id).toBe("screen-title");
  });

  it("shows the screen in the chosen language", () => {
    shell.render(view({ name: "welcome" }, { language: "es" }));
    const es = new FluentBundle("es", { useIsolating: false });
    es.addResource(new FluentResource(SOURCES.es?.employee ?? ""));
    const title = es.getMessage("welcome-title")?.value;
    expect(title, "es/employee.ftl has welcome-title").toBeTruthy();
    expect(document.getElementById("screen-title")?.textContent).toBe(es.formatPattern(title ?? ""));
    expect(document.getElementById("screen-title")?.textContent).not.toBe("Get your digital work ID");
  });

  it("is not shown when only one language is offered", () => {
    shell.render(view({ name: "welcome" }, { languages: ["en"] }));
    expect(document.querySelector(".language-choice")).toBeNull();
    expect(chooserButtons()).toEqual([]);
  });
});

describe("data inside a sentence", () => {
  it("marks each data value translate=no, longest first, and leaves the words as text", async () => {
    const { withData } = await import("./language");
    const parts = withData("Saved to /etc/kiosk/config.toml. Restart to use /etc/kiosk.", ["/etc/kiosk", "/etc/kiosk/config.toml", ""]);
    const spans = parts.filter((p): p is HTMLElement => typeof p !== "string");
    expect(spans.map((s) => [s.textContent, s.getAttribute("translate")])).toEqual([
      ["/etc/kiosk/config.toml", "no"],
      ["/etc/kiosk", "no"],
    ]);
    expect(parts.filter((p) => typeof p === "string")).toEqual(["Saved to ", ". Restart to use ", "."]);
  });
});
