// Intake: e-mail, optional names, document type, capture device and consent. The UI does not
// validate anything: it sends what was typed and renders the errors Rust returns.
import type { CaptureMethod, DocumentType, FieldError, IntakeField, IntakeForm } from "../ipc/bindings";
import { h, heading } from "../dom";
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
  { value: "kiosk_camera", label: "This kiosk's camera" },
  { value: "phone", label: "My phone" },
];

function errorFor(errors: FieldError[], field: IntakeField): FieldError | undefined {
  return errors.find((e) => e.field === field);
}

function errorMessage(field: IntakeField, error: FieldError): HTMLParagraphElement {
  return h("p", { id: `${FIELD_IDS[field]}-error`, class: "field-error" }, error.message);
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
  const title = heading("Your details");

  const email = textField("email", "Work e-mail", form.email, errors, { type: "email", inputmode: "email" });
  const given = textField("given_name", "First name (optional)", form.given_name, errors);
  const family = textField("family_name", "Last name (optional)", form.family_name, errors);
  const documents = radioGroup<DocumentType>(
    "document_type",
    "Which ID will you use?",
    screen.document_options.map((o) => ({
      value: o.value,
      label: o.label,
      note: o.kiosk_camera_available ? null : o.kiosk_camera_note,
    })),
    form.document_type,
    errors,
  );
  const methods = radioGroup<CaptureMethod>(
    "capture_method",
    "How do you want to take the photos?",
    CAPTURE_METHODS,
    form.capture_method,
    errors,
  );

  const consent = h("input", { id: "consent", name: "consent", type: "checkbox", "aria-describedby": "consent-notice" });
  consent.checked = form.consent;
  const consentRow = h(
    "div",
    { class: "choice consent-choice" },
    consent,
    h("label", { for: "consent" }, "I agree to have my ID and my face checked"),
  );
  const consentBox = h(
    "div",
    { class: "field consent" },
    h(
      "div",
      { id: "consent-notice", class: "consent-notice" },
      h("h2", {}, "Before you continue"),
      h(
        "p",
        {},
        "We take a photo of your ID and a photo of your face. 1Kosmos, the identity verification service, checks them to confirm that you are who you say you are.",
      ),
      h("p", {}, "Nothing is kept on this device: the photos and your details are wiped when you finish."),
    ),
    consentRow,
  );
  const consentError = errorFor(errors, "consent");
  if (consentError) {
    consentRow.after(errorMessage("consent", consentError));
    wireError([consent], "consent");
  }

  const submit = h("button", { id: "continue", type: "submit", class: "btn btn-primary" }, "Continue");
  const formEl = h(
    "form",
    { id: "intake-form", class: "intake", novalidate: true, "aria-labelledby": title.id },
    title,
    h("p", { class: "lead" }, "Tell us who you are and how you'll take the photos."),
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
