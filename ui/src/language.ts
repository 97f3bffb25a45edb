// Every word a person reads comes from the translation files (`ui/locales/<language>/*.ftl`,
// Fluent): `employee.ftl` for the person enrolling, `staff.ftl` for the operator at the desk,
// `admin.ftl` for the administration screens. The employee's words follow the language chosen
// on Welcome; staff and administration words always use the kiosk's configured language.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { h } from "./dom";
import type { Language, Phrase } from "./ipc/bindings";

const FILES = import.meta.glob<string>("../locales/*/*.ftl", { query: "?raw", import: "default", eager: true });

/** The translation files' text by language tag and file name, e.g. `["es"]["employee"]`. */
export function translationSources(): Record<string, Record<string, string>> {
  const sources: Record<string, Record<string, string>> = {};
  for (const [path, text] of Object.entries(FILES)) {
    const match = /locales\/([^/]+)\/([^/]+)\.ftl$/.exec(path);
    if (!match) continue;
    const [, tag, file] = match as unknown as [string, string, string];
    (sources[tag] ??= {})[file] = text;
  }
  return sources;
}

/** The pseudo-locale's letters: every ASCII letter accented, so a word that does not come from
 *  the translation files stands out as plain ASCII (see the e2e test `languages.rs`). */
const PSEUDO_FROM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const PSEUDO_TO = "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ";
const PSEUDO_MAP = new Map([...PSEUDO_FROM].map((letter, i) => [letter, [...PSEUDO_TO][i] ?? letter]));

export function pseudoLocalize(text: string): string {
  return [...text].map((c) => PSEUDO_MAP.get(c) ?? c).join("");
}

function buildBundle(language: Language): FluentBundle {
  const sources = translationSources();
  const pseudo = language === "en-XA";
  // Placeables are not wrapped in Unicode isolation marks: every language here is
  // left-to-right, and the marks would break copy-and-paste of codes and PINs.
  const bundle = new FluentBundle(pseudo ? "en" : language, {
    useIsolating: false,
    transform: pseudo ? pseudoLocalize : (text) => text,
  });
  for (const text of Object.values(sources[pseudo ? "en" : language] ?? {})) {
    const errors = bundle.addResource(new FluentResource(text));
    for (const error of errors) console.error(`translation file error (${language})`, error);
  }
  return bundle;
}

const bundles = new Map<Language, FluentBundle>();
function bundleFor(language: Language): FluentBundle {
  let bundle = bundles.get(language);
  if (!bundle) {
    bundle = buildBundle(language);
    bundles.set(language, bundle);
  }
  return bundle;
}

let employeeLanguage: Language = "en";
let staffLanguage: Language = "en";

/** Called with each view: the employee's choice, and the kiosk's own language for staff. */
export function setLanguages(employee: Language, staff: Language): void {
  employeeLanguage = employee;
  staffLanguage = staff;
  document.documentElement.lang = employee === "en-XA" ? "en" : employee;
}

/** Runs `render` with the employee's words in the staff's language: for a screen that staff
 *  read, such as the result of a work ID shown at the desk. */
export function asStaff<T>(render: () => T): T {
  const employee = employeeLanguage;
  employeeLanguage = staffLanguage;
  try {
    return render();
  } finally {
    employeeLanguage = employee;
  }
}

/** The `lang` of text in the staff's language (the pseudo-locale is English underneath). */
export function staffLang(): string {
  return staffLanguage === "en-XA" ? "en" : staffLanguage;
}

export function currentLanguage(): Language {
  return employeeLanguage;
}

export type PhraseArgs = Record<string, FluentVariable>;

function format(language: Language, id: string, args?: PhraseArgs, attribute?: string): string {
  const bundle = bundleFor(language);
  const message = bundle.getMessage(id);
  const pattern = attribute ? message?.attributes[attribute] : message?.value;
  if (!pattern) {
    // A missing translation shows English rather than nothing; a test keeps the files complete.
    if (language !== "en") return format("en", id, args, attribute);
    console.error(`no words for "${id}${attribute ? `.${attribute}` : ""}"`);
    return id;
  }
  const errors: Error[] = [];
  const text = bundle.formatPattern(pattern, args ?? null, errors);
  for (const error of errors) console.error(`words for "${id}"`, error);
  return text;
}

/** Whether the translation files have a message (in English, which every language follows). */
export function hasWords(id: string): boolean {
  return bundleFor("en").hasMessage(id);
}

/** Words for the person at the kiosk, in the language they chose. */
export function say(id: string, args?: PhraseArgs): string {
  return format(employeeLanguage, id, args);
}

/** A sentence the session named, with its arguments. */
export function sayPhrase(phrase: Phrase): string {
  return format(employeeLanguage, phrase.id, phrase.args as PhraseArgs);
}

/**
 * A sentence with one of its values (a code, a count) in its own element, e.g. to mark it
 * `translate="no"` or update it live. Falls back to the sentence alone if the value is not in it.
 */
export function sayAround(sentence: string, value: string, element: HTMLElement): (string | Node)[] {
  const at = sentence.indexOf(value);
  if (at < 0) return [sentence];
  element.textContent = value;
  return [sentence.slice(0, at), element, sentence.slice(at + value.length)];
}

/**
 * A sentence whose data values (a path, a URL, a staff code, a reason code) are each in a
 * `<span translate="no">`: they are shown as they are in every language, and the pseudo-locale
 * test knows them from words.
 */
export function withData(sentence: string, values: (string | null | undefined)[]): (string | Node)[] {
  const data = [...new Set(values.filter((v): v is string => !!v && v.length > 0))].sort((a, b) => b.length - a.length);
  let parts: (string | Node)[] = [sentence];
  for (const value of data) {
    parts = parts.flatMap((part) => {
      if (typeof part !== "string" || !part.includes(value)) return [part];
      const pieces = part.split(value);
      return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [h("span", { translate: "no" }, value), piece]));
    });
  }
  return parts.filter((part) => part !== "");
}

/** A phrase to staff, its text arguments marked as data (see `withData`). */
export function phraseToStaffNodes(phrase: Phrase): (string | Node)[] {
  const text = Object.values(phrase.args).filter((v): v is string => typeof v === "string");
  return withData(sayPhraseToStaff(phrase), text);
}

/** Words for staff and administrators, in the kiosk's configured language. */
export function sayToStaff(id: string, args?: PhraseArgs): string {
  return format(staffLanguage, id, args);
}

export function sayPhraseToStaff(phrase: Phrase): string {
  return format(staffLanguage, phrase.id, phrase.args as PhraseArgs);
}

/** The name of a language in that language, for the chooser on Welcome. */
export function languageName(language: Language): string {
  return format(language, "language-name");
}
