// Staff attestation (staffed desk, kiosk camera): after the photos and before verification,
// the operator confirms they inspected the physical document and enters their staff code.
// The UI validates nothing: it sends what was entered and renders the problems Rust returns.
import type { AttestationField, AttestationForm, AttestationProblem } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import { sayPhraseToStaff, sayToStaff } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Attestation = ScreenOf<"staff_attestation">;

const CHECKS: { prop: "security_features_present" | "not_altered" | "portrait_matches"; id: string; label: string }[] = [
  { prop: "security_features_present", id: "attest-security-features", label: "staff-attest-security-features" },
  { prop: "not_altered", id: "attest-not-altered", label: "staff-attest-not-altered" },
  { prop: "portrait_matches", id: "attest-portrait", label: "staff-attest-portrait" },
];

const ERROR_IDS: Record<AttestationField, string> = {
  staff_code: "staff-code-error",
  inspection: "inspection-error",
};

function problemFor(problems: AttestationProblem[], field: AttestationField): HTMLParagraphElement | null {
  const problem = problems.find((p) => p.field === field);
  return problem ? h("p", { id: ERROR_IDS[field], class: "field-error" }, sayPhraseToStaff(problem.message)) : null;
}

export function renderStaffAttestation(root: HTMLElement, screen: Attestation, ctx: ScreenContext): ScreenInstance<Attestation> {
  const { form, problems } = screen;
  const title = heading(sayToStaff("staff-attest-title"));
  const inspectionError = problemFor(problems, "inspection");
  const codeError = problemFor(problems, "staff_code");

  const boxes = CHECKS.map((check) => {
    const input = h("input", {
      id: check.id,
      type: "checkbox",
      "aria-invalid": inspectionError && !form[check.prop] ? "true" : null,
      "aria-describedby": inspectionError ? ERROR_IDS.inspection : null,
    });
    input.checked = form[check.prop];
    return { check, input, row: h("div", { class: "choice" }, input, h("label", { for: check.id }, sayToStaff(check.label))) };
  });
  const inspection = h(
    "fieldset",
    { id: "inspection-group", class: "field" },
    h("legend", {}, sayToStaff("staff-attest-legend", { document: screen.document })),
    h("div", { class: "choices" }, ...boxes.map((b) => b.row)),
    inspectionError,
  );

  const code = h("input", {
    id: "staff-code",
    name: "staff-code",
    type: "text",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    "aria-invalid": codeError ? "true" : null,
    "aria-describedby": codeError ? ERROR_IDS.staff_code : "staff-code-hint",
  });
  code.value = form.staff_code;
  const codeField = h(
    "div",
    { class: "field" },
    h("label", { for: "staff-code" }, sayToStaff("staff-code-label")),
    h("p", { id: "staff-code-hint", class: "hint" }, sayToStaff("staff-code-hint")),
    code,
    codeError,
  );

  const declineLabel = sayToStaff(screen.when_declined === "end" ? "staff-attest-decline-end" : "staff-attest-decline-ial1");
  const submit = h("button", { id: "attest", type: "submit", class: "btn btn-primary" }, sayToStaff("staff-attest-confirm"));
  const formEl = h(
    "form",
    { id: "attestation-form", class: "intake", novalidate: true, "aria-labelledby": title.id },
    title,
    h(
      "p",
      { class: "lead" },
      sayToStaff("staff-attest-lead"),
    ),
    inspection,
    codeField,
    h("div", { class: "actions" }, button("decline-attestation", declineLabel, () => ctx.send({ kind: "decline_attestation" }), "secondary"), submit),
  );
  formEl.addEventListener("submit", (event) => {
    event.preventDefault();
    const confirmed = (prop: (typeof CHECKS)[number]["prop"]): boolean => boxes.some((b) => b.check.prop === prop && b.input.checked);
    const entered: AttestationForm = {
      staff_code: code.value,
      security_features_present: confirmed("security_features_present"),
      not_altered: confirmed("not_altered"),
      portrait_matches: confirmed("portrait_matches"),
    };
    ctx.send({ kind: "attest", form: entered });
  });
  root.append(formEl);
  const firstInvalid = inspectionError ? boxes.find((b) => !b.input.checked)?.input : codeError ? code : undefined;
  return { focusTarget: firstInvalid ?? title };
}
