// Staff attestation (staffed desk, kiosk camera): after the photos and before verification,
// the operator confirms they inspected the physical document and enters their staff code.
// The UI validates nothing: it sends what was entered and renders the problems Rust returns.
import type { AttestationField, AttestationForm, AttestationProblem } from "../ipc/bindings";
import { button, h, heading } from "../dom";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

type Attestation = ScreenOf<"staff_attestation">;

const CHECKS: { prop: "security_features_present" | "not_altered" | "portrait_matches"; id: string; label: string }[] = [
  { prop: "security_features_present", id: "attest-security-features", label: "Its security features are there (hologram, microprint, raised or UV marks)" },
  { prop: "not_altered", id: "attest-not-altered", label: "Nothing looks altered, replaced or laminated over" },
  { prop: "portrait_matches", id: "attest-portrait", label: "The photo on it is the person at this desk" },
];

const ERROR_IDS: Record<AttestationField, string> = {
  staff_code: "staff-code-error",
  inspection: "inspection-error",
};

function problemFor(problems: AttestationProblem[], field: AttestationField): HTMLParagraphElement | null {
  const problem = problems.find((p) => p.field === field);
  return problem ? h("p", { id: ERROR_IDS[field], class: "field-error" }, problem.message) : null;
}

export function renderStaffAttestation(root: HTMLElement, screen: Attestation, ctx: ScreenContext): ScreenInstance<Attestation> {
  const { form, problems } = screen;
  const title = heading("For staff: confirm the document");
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
    return { check, input, row: h("div", { class: "choice" }, input, h("label", { for: check.id }, check.label)) };
  });
  const inspection = h(
    "fieldset",
    { id: "inspection-group", class: "field" },
    h("legend", {}, `I held the ${screen.document_label.toLowerCase()} in my hands and checked that:`),
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
    h("label", { for: "staff-code" }, "Your staff code"),
    h("p", { id: "staff-code-hint", class: "hint" }, "Recorded in this kiosk's audit log with the count of documents you confirmed."),
    code,
    codeError,
  );

  const declineLabel = screen.when_declined === "end" ? "Can't confirm: end the enrollment" : "Can't confirm: verify at a lower level (IAL1)";
  const submit = h("button", { id: "attest", type: "submit", class: "btn btn-primary" }, "Confirm and verify");
  const formEl = h(
    "form",
    { id: "attestation-form", class: "intake", novalidate: true, "aria-labelledby": title.id },
    title,
    h(
      "p",
      { class: "lead" },
      "Only confirm what you checked on the physical document. Your confirmation is what lets the employee's Verified ID say IAL2.",
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
