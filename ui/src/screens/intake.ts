// Intake: e-mail, optional names, document type, capture device and consent. The UI does not
// validate anything: it sends what was typed and renders the errors Rust returns.
import type { CaptureMethod, DocumentType, FieldError, IntakeField, IntakeForm } from "../ipc/bindings";
import { h, heading } from "../dom";
import { say, sayPhrase } from "../language";
import type { ScreenContext, ScreenInstance, ScreenOf } from "./types";

/** DOM id of each field (and `<id>-error` of its error message). */
export const FIELD_IDS: Record<IntakeField, string> = {
  email: "email",
  given_name: "given-name",
  family_name: "family-name",
  document_type: "document-type",
  capture_method: "capture-method",
  consent: "consent",
};

const FIELD_ORDER: IntakeField[] = ["email", "given_name", "family_name", "document_type", "capture_method", "consent"];

const CAPTURE_METHODS: { value: CaptureMethod; label: string }[] = [
  { value: "kiosk_camera", label: "intake-method-kiosk-camera" },
  { value: "phone", label: "intake-method-phone" },
];

function errorFor(errors: FieldError[], field: IntakeField): FieldError | undefined {
  return errors.find((e) => e.field === field);
}

function errorMessage(field: IntakeField, error: FieldError): HTMLParagraphElement {
  return h("p", { id: `${FIELD_IDS[field]}-error`, class: "field-error" }, sayPhrase(error.message));
}

/** Marks `inputs` invalid and points them at the error message. */
function wireError(inputs: HTMLElement[], field: IntakeField): void {
  for (const input of inputs) {
    input.setAttribute("aria-invalid", "true");
    const describedBy = input.getAttribute("aria-describedby");
    const errorId = `${FIELD_IDS[field]}-error`;
    input.setAttribute("aria-describedby", describedBy ? `${errorId} ${describedBy}` : errorId);
  }
}

function textField(
  field: IntakeField,
  label: string,
  value: string,
  errors: FieldError[],
  attrs: Record<string, string> = {},
): { wrapper: HTMLDivElement; input: HTMLInputElement } {
  const id = FIELD_IDS[field];
  const input = h("input", {
    id,
    name: id,
    type: "text",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    ...attrs,
  });
  input.value = value;
  const wrapper = h("div", { class: "field" }, h("label", { for: id }, label), input);
  const error = errorFor(errors, field);
  if (error) {
    input.after(errorMessage(field, error));
    wireError([input], field);
  }
  return { wrapper, input };
}

function radioGroup<V extends string>(
  field: IntakeField,
  legend: string,
  options: { value: V; label: string; note?: string | null }[],
  selected: V | null,
  errors: FieldError[],
): { fieldset: HTMLFieldSetElement; inputs: HTMLInputElement[] } {
  const name = FIELD_IDS[field];
  const inputs: HTMLInputElement[] = [];
  const list = h("div", { class: "choices" });
  for (const option of options) {
    const id = `${name}-${option.value.replace(/_/g, "-")}`;
    const noteId = `${id}-note`;
    const input = h("input", {
      type: "radio",
      id,
      name,
      value: option.value,
      "aria-describedby": option.note ? noteId : null,
    });
    input.checked = option.value === selected;
    inputs.push(input);
    list.append(
      h(
        "div",
        { class: "choice" },
        input,
        h(
          "label",
          { for: id },
          h("span", { class: "choice-label" }, option.label),
          option.note ? h("span", { id: noteId, class: "choice-note" }, option.note) : null,
        ),
      ),
    );
  }
  const fieldset = h("fieldset", { id: `${name}-group`, class: "field" }, h("legend", {}, legend), list);
  const error = errorFor(errors, field);
  if (error) {
    list.after(errorMessage(field, error));
    wireError(inputs, field);
  }
  return { fieldset, inputs };
}

function checkedValue<V extends string>(inputs: HTMLInputElement[]): V | null {
  const checked = inputs.find((i) => i.checked);
  return checked ? (checked.value as V) : null;
}

export function renderIntake(
  root: HTMLElement,
  screen: ScreenOf<"intake">,
  ctx: ScreenContext,
): ScreenInstance<ScreenOf<"intake">> {
  const { form, errors } = screen;
  const title = heading(say("intake-title"));

  const email = textField("email", say("intake-email"), form.email, errors, { type: "email", inputmode: "email" });
  const given = textField("given_name", say("intake-given-name"), form.given_name, errors);
  const family = textField("family_name", say("intake-family-name"), form.family_name, errors);
  const documents = radioGroup<DocumentType>(
    "document_type",
    say("intake-document"),
    screen.document_options.map((o) => ({
      value: o.value,
      label: sayPhrase(o.label),
      note: o.kiosk_camera_available || !o.kiosk_camera_note ? null : sayPhrase(o.kiosk_camera_note),
    })),
    form.document_type,
    errors,
  );
  const methods = radioGroup<CaptureMethod>(
    "capture_method",
    say("intake-method"),
    CAPTURE_METHODS.map((m) => ({ value: m.value, label: say(m.label) })),
    form.capture_method,
    errors,
  );

  const consent = h("input", { id: "consent", name: "consent", type: "checkbox", "aria-describedby": "consent-notice" });
  consent.checked = form.consent;
  const consentRow = h(
    "div",
    { class: "choice consent-choice" },
    consent,
    h("label", { for: "consent" }, say("intake-consent")),
  );
  const consentBox = h(
    "div",
    { class: "field consent" },
    h(
      "div",
      { id: "consent-notice", class: "consent-notice" },
      h("h2", {}, say("intake-consent-title")),
      h("p", {}, say("intake-consent-what")),
      h("p", {}, say("intake-consent-kept")),
    ),
    consentRow,
  );
  const consentError = errorFor(errors, "consent");
  if (consentError) {
    consentRow.after(errorMessage("consent", consentError));
    wireError([consent], "consent");
  }

  const submit = h("button", { id: "continue", type: "submit", class: "btn btn-primary" }, say("intake-continue"));
  const formEl = h(
    "form",
    { id: "intake-form", class: "intake", novalidate: true, "aria-labelledby": title.id },
    title,
    h("p", { class: "lead" }, say("intake-lead")),
    email.wrapper,
    h("div", { class: "field-row" }, given.wrapper, family.wrapper),
    documents.fieldset,
    methods.fieldset,
    consentBox,
    h("div", { class: "actions" }, submit),
  );
  formEl.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed: IntakeForm = {
      email: email.input.value,
      given_name: given.input.value,
      family_name: family.input.value,
      document_type: checkedValue<DocumentType>(documents.inputs),
      capture_method: checkedValue<CaptureMethod>(methods.inputs),
      consent: consent.checked,
    };
    ctx.send({ kind: "submit_intake", form: typed });
  });
  root.append(formEl);

  const focusable: Record<IntakeField, HTMLElement> = {
    email: email.input,
    given_name: given.input,
    family_name: family.input,
    document_type: documents.inputs.find((i) => i.checked) ?? documents.inputs[0] ?? documents.fieldset,
    capture_method: methods.inputs.find((i) => i.checked) ?? methods.inputs[0] ?? methods.fieldset,
    consent,
  };
  const firstInvalid = FIELD_ORDER.find((f) => errorFor(errors, f));
  return { focusTarget: firstInvalid ? focusable[firstInvalid] : title };
}
