// The settings wizard: three steps of fields (wizard_steps.ts), each checked by Rust before the
// next, a connection test where a step has one, and saving at the end.
import type { AdminOverview, ConnectionReport, FieldProblem, SaveOutcome, SettingsForm } from "../ipc/admin_bindings";
import { button, h } from "../dom";
import { sayToStaff } from "../language";
import { testButton } from "./connection";
import { alertBox, errorText, message, sentences } from "./frame";
import { adminFirstRunForm } from "./ipc";
import type { AdminContext } from "./types";
import { belongsTo, fieldId, STEPS, type FieldSpec } from "./wizard_steps";

/**
 * Shows the wizard filled from `overview`, or, when there is none (first run), with the
 * settings Rust starts a kiosk with.
 */
export async function renderWizard(ctx: AdminContext, overview: AdminOverview | null): Promise<void> {
  let form: SettingsForm;
  if (overview) {
    form = { ...overview.settings };
  } else {
    const stillShown = ctx.stillShown();
    try {
      form = { ...(await adminFirstRunForm(ctx.guarded)) };
    } catch (error) {
      if (stillShown()) ctx.show(sayToStaff("admin-title"), errorText(message(error)));
      return;
    }
    // Left meanwhile (closed, locked, another screen): nothing to show.
    if (!stillShown()) return;
  }
  const { panel } = ctx;
  const record = form as unknown as Record<string, string | number | boolean>;
  /** Number fields as typed; checked here, since Rust cannot even read a number that is not one. */
  const numbers = new Map<string, string>();
  const checkNumbers = (fields: FieldSpec[]): FieldProblem[] => {
    const problems: FieldProblem[] = [];
    for (const spec of fields) {
      const typed = numbers.get(spec.key);
      if (spec.kind !== "number" || typed === undefined) continue;
      const value = Number(typed);
      const max = spec.max ?? 4_294_967_295;
      if (typed === "" || !Number.isInteger(value) || value < 0 || value > max) {
        problems.push({
          field: spec.key,
          problem: { id: "admin-problem-not-whole-number", args: {} },
          fix: { id: "admin-fix-whole-number", args: { max } },
        });
      } else {
        record[spec.prop] = value;
      }
    }
    return problems;
  };
  let index = 0;

  const renderStep = (problems: FieldProblem[] = []): void => {
    const step = STEPS[index] ?? STEPS[0]!;
    const mine = (p: FieldProblem): boolean => belongsTo(step, p);
    const shown = problems.filter(mine);
    const inputs = step.fields.map((spec) => {
      const id = fieldId(spec.key);
      const problem = shown.find((p) => p.field === spec.key);
      const described = [spec.hint ? `${id}-hint` : "", problem ? `${id}-error` : ""].filter(Boolean).join(" ");
      let control: HTMLInputElement | HTMLSelectElement;
      if (spec.options) {
        control = h("select", { id, name: spec.key }, ...spec.options.map(([value, label]) => h("option", { value, selected: record[spec.prop] === value }, sayToStaff(label))));
        control.addEventListener("change", () => (record[spec.prop] = control.value));
      } else if (spec.kind === "checkbox") {
        const box = h("input", { id, name: spec.key, type: "checkbox", checked: Boolean(record[spec.prop]) });
        box.addEventListener("change", () => (record[spec.prop] = box.checked));
        control = box;
      } else {
        const input = h("input", {
          id,
          name: spec.key,
          type: spec.kind === "password" ? "password" : "text",
          inputmode: spec.kind === "number" ? "numeric" : null,
          autocomplete: "off",
          spellcheck: "false",
          value: numbers.get(spec.key) ?? String(record[spec.prop] ?? ""),
        });
        input.addEventListener("input", () => {
          if (spec.kind === "number") numbers.set(spec.key, input.value.trim());
          else record[spec.prop] = input.value;
        });
        control = input;
      }
      if (described) control.setAttribute("aria-describedby", described);
      if (problem) control.setAttribute("aria-invalid", "true");
      return h(
        "div",
        { class: "field" },
        h("label", { for: id }, sayToStaff(spec.label)),
        control,
        spec.hint ? h("p", { id: `${id}-hint`, class: "hint" }, sayToStaff(spec.hint)) : null,
        problem
          ? h("p", { id: `${id}-error`, class: "field-error", "data-field": spec.key }, sentences([problem.problem, problem.fix]))
          : null,
      );
    });
    const note = alertBox();
    const actions = h("div", { class: "actions" });
    let testResult: HTMLElement | null = null;
    if (step.test) {
      const service = step.test;
      const [testIt, result] = testButton(service, sayToStaff("admin-test-connection"), () =>
        ctx.guarded<ConnectionReport>("admin_test_settings", { service, form }),
      );
      actions.append(testIt);
      testResult = result;
    }
    if (index > 0) actions.append(button("wizard-back", sayToStaff("admin-wizard-back"), () => { index -= 1; renderStep(); }, "secondary"));
    const last = index === STEPS.length - 1;
    const next = button(last ? "wizard-save" : "wizard-next", sayToStaff(last ? "admin-wizard-save" : "admin-wizard-next"), async () => {
      const typedWrong = checkNumbers(STEPS.flatMap((s) => s.fields));
      if (typedWrong.length) {
        const first = STEPS.findIndex((s) => s.fields.some((f) => typedWrong.some((p) => p.field === f.key)));
        index = first < 0 ? index : first;
        return renderStep(typedWrong);
      }
      next.disabled = true;
      try {
        if (!last) {
          const found = await ctx.guarded<FieldProblem[]>("admin_check_settings", { form });
          if (found.some(mine)) return renderStep(found);
          index += 1;
          return renderStep();
        }
        const outcome = await ctx.guarded<SaveOutcome>("admin_save_settings", { form });
        if (outcome.kind === "saved") return ctx.go.saved(outcome.path);
        if (outcome.kind === "failed") {
          note.textContent = sentences(outcome.message);
          return;
        }
        const first = STEPS.findIndex((s) => outcome.problems.some((p) => belongsTo(s, p)));
        index = first < 0 ? index : first;
        renderStep(outcome.problems);
      } catch (error) {
        note.textContent = message(error);
      } finally {
        next.disabled = false;
      }
    });
    actions.append(next);
    const heading = ctx.show(
      sayToStaff("admin-wizard-title", { step: index + 1, steps: STEPS.length, title: sayToStaff(step.title) }),
      shown.length ? h("p", { class: "field-error", role: "alert" }, sayToStaff("admin-wizard-fix-fields", { count: shown.length })) : "",
      h("form", { class: "admin-form", novalidate: true }, ...inputs),
      note,
      actions,
      testResult ?? "",
    );
    const firstInvalid = panel.querySelector<HTMLElement>("[aria-invalid='true']");
    (firstInvalid ?? heading).focus();
  };
  renderStep();
}
