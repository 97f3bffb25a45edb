// The admin screen: a full-screen panel over the kiosk, opened from the Welcome screen. Rust
// guards every action with the admin PIN; this file only asks and shows.
import { invoke } from "@tauri-apps/api/core";
import type {
  AdminOverview,
  AdminStatus,
  ConnectionReport,
  FieldProblem,
  SaveOutcome,
  Service,
  SettingsForm,
  UnlockOutcome,
} from "./ipc/admin_bindings";
import { button, h } from "./dom";
import { startPreview } from "./camera";

type Call = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

/** The panel closes itself after this long without a touch (Rust locks after three minutes). */
const IDLE_CLOSE_MS = 170_000;
/** At most this often, typing tells Rust that the administrator is still there. */
const KEEP_ALIVE_MS = 30_000;

export interface Admin {
  open(): void;
  readonly panel: HTMLElement;
}

function message(error: unknown): string {
  return typeof error === "string" ? error : error instanceof Error ? error.message : String(error);
}

export function createAdmin(root: HTMLElement, call: Call = invoke, onClose: () => void = () => {}): Admin {
  const panel = h("section", {
    id: "admin",
    class: "admin",
    role: "dialog",
    "aria-modal": "true",
    "aria-labelledby": "admin-title",
    hidden: true,
  });
  root.append(panel);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let painter: { stop(): void } | null = null;
  /** A preview was asked for (it may still be starting): it must be stopped on leaving. */
  let previewRequested = false;

  /** Ends a camera preview, if one runs or is starting: the camera is free again. */
  const stopPreview = (): void => {
    painter?.stop();
    painter = null;
    if (!previewRequested) return;
    previewRequested = false;
    call("admin_stop_preview").catch(() => {});
  };

  const close = (): void => {
    clearTimeout(idleTimer);
    stopPreview();
    call("admin_lock").catch(() => {});
    panel.hidden = true;
    panel.replaceChildren();
    for (const sibling of Array.from(root.children)) if (sibling !== panel) (sibling as HTMLElement).inert = false;
    onClose();
  };
  let lastKeepAlive = 0;
  const touched = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(close, IDLE_CLOSE_MS);
  };
  /** Typing in a form is activity too: tell Rust now and then, so the screen stays unlocked. */
  const typing = (): void => {
    touched();
    const now = Date.now();
    if (now - lastKeepAlive < KEEP_ALIVE_MS) return;
    lastKeepAlive = now;
    call("admin_touch").catch(() => {});
  };
  panel.addEventListener("input", typing);
  panel.addEventListener("pointerdown", touched);
  panel.addEventListener("keydown", (event) => {
    touched();
    // Escape leaves the admin screen, but never throws away a settings form being filled in.
    if (event.key === "Escape" && !panel.querySelector(".admin-form")) close();
  });

  const show = (title: string, ...children: (Node | string)[]): HTMLElement => {
    stopPreview();
    const heading = h("h1", { id: "admin-title", class: "screen-title", tabindex: -1 }, title);
    const closeButton = button("admin-close", "Close", close, "secondary");
    panel.replaceChildren(h("div", { class: "admin-head" }, heading, closeButton), ...children);
    heading.focus();
    return heading;
  };
  const alertBox = (): HTMLElement => h("p", { id: "admin-message", class: "admin-message", role: "alert" });

  /** A locked screen (three quiet minutes) sends the administrator back to the PIN. */
  const guarded = async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    touched();
    try {
      return await call<T>(command, args);
    } catch (error) {
      if (message(error).includes("locked")) void start();
      throw error;
    }
  };

  const pinInput = (id: string, label: string): [HTMLElement, HTMLInputElement] => {
    const input = h("input", {
      id,
      type: "password",
      inputmode: "numeric",
      autocomplete: "off",
      maxlength: 12,
      class: "pin-input",
    });
    return [h("div", { class: "field" }, h("label", { for: id }, label), input), input];
  };

  const renderUnlock = (status: AdminStatus): void => {
    const [field, pin] = pinInput("admin-pin", "Admin PIN");
    const note = alertBox();
    if (status.locked_out_seconds) note.textContent = `Too many wrong PINs. Try again in ${status.locked_out_seconds} seconds.`;
    const unlock = button("admin-unlock", "Unlock", () => void submit());
    const submit = async (): Promise<void> => {
      unlock.disabled = true;
      try {
        const outcome = await call<UnlockOutcome>("admin_unlock", { pin: pin.value });
        pin.value = "";
        if (outcome.kind === "accepted") return void renderOverview();
        note.textContent =
          outcome.kind === "rejected"
            ? `That PIN is not right. ${outcome.tries_before_lockout} more ${outcome.tries_before_lockout === 1 ? "try" : "tries"} before a pause.`
            : `Too many wrong PINs. Try again in ${outcome.retry_in_seconds} seconds.`;
      } catch (error) {
        note.textContent = message(error);
      } finally {
        unlock.disabled = false;
        pin.focus();
      }
    };
    pin.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void submit();
    });
    show("Administration", h("p", { class: "lead" }, "Enter the admin PIN."), field, note, h("div", { class: "actions" }, unlock));
    pin.focus();
  };

  const renderChoosePin = (): void => {
    const [first, pin] = pinInput("admin-new-pin", "Choose an admin PIN (6 to 12 digits)");
    const [second, repeat] = pinInput("admin-repeat-pin", "Type it again");
    const note = alertBox();
    const set = button("admin-set-pin", "Set PIN and continue", async () => {
      try {
        await call("admin_choose_pin", { pin: pin.value, repeat: repeat.value });
        renderWizard(null);
      } catch (error) {
        note.textContent = message(error);
      } finally {
        pin.value = repeat.value = "";
      }
    });
    show(
      "Set up this kiosk",
      h("p", { class: "lead" }, "First, choose the PIN that will protect these settings. Keep it with the desk's IT contact."),
      first,
      second,
      note,
      h("div", { class: "actions" }, set),
    );
    pin.focus();
  };

  const reportList = (report: ConnectionReport): HTMLElement =>
    h(
      "ul",
      { class: `check-steps ${report.ok ? "ok" : "failed"}` },
      ...report.steps.map((step) =>
        h(
          "li",
          { class: step.ok ? "step-ok" : "step-failed" },
          h("strong", {}, `${step.ok ? "✓" : "✗"} ${step.label}: `),
          step.detail,
        ),
      ),
    );

  const testButton = (service: Service, label: string, run: () => Promise<ConnectionReport>): [HTMLElement, HTMLElement] => {
    const result = h("div", { id: `connection-${service}`, class: "connection-result", "aria-live": "polite" });
    const testIt = button(`test-${service}`, label, async () => {
      testIt.disabled = true;
      result.replaceChildren(h("p", { class: "hint" }, "Testing… this can take a few seconds."));
      try {
        const report = await run();
        result.replaceChildren(
          h("p", { class: "status" }, report.ok ? "Connected." : "Not connected."),
          reportList(report),
        );
      } catch (error) {
        result.replaceChildren(h("p", { class: "field-error" }, message(error)));
      } finally {
        testIt.disabled = false;
      }
    }, "secondary");
    return [testIt, result];
  };

  const renderOverview = async (): Promise<void> => {
    let overview: AdminOverview;
    try {
      overview = await guarded<AdminOverview>("admin_overview");
    } catch (error) {
      show("Administration", h("p", { class: "field-error" }, message(error)));
      return;
    }
    const [testEntra, entraResult] = testButton("entra", "Test Entra connection", () =>
      guarded<ConnectionReport>("admin_test_connection", { service: "entra" }),
    );
    const [testKosmos, kosmosResult] = testButton("onekosmos", "Test 1Kosmos connection", () =>
      guarded<ConnectionReport>("admin_test_connection", { service: "onekosmos" }),
    );
    const audit =
      overview.audit.length === 0
        ? h("p", { id: "audit-empty" }, "No enrollments recorded yet.")
        : h(
            "table",
            { id: "audit-table", class: "audit" },
            h("caption", {}, "Outcomes per day (UTC). No personal data is recorded."),
            h("thead", {}, h("tr", {}, ...["Day", "Started", "Proofed", "Issued", "Failed"].map((c) => h("th", { scope: "col" }, c)))),
            h(
              "tbody",
              {},
              ...overview.audit.map((day) =>
                h(
                  "tr",
                  { "data-day": day.day },
                  h("th", { scope: "row" }, day.day),
                  h("td", { "data-count": "started" }, String(day.started)),
                  h("td", { "data-count": "proofed" }, String(day.proofed)),
                  h("td", { "data-count": "issued" }, String(day.issued)),
                  h(
                    "td",
                    { "data-count": "failed" },
                    String(day.failed_total),
                    ...day.failures.map((f) => h("span", { class: "failure-reason" }, `${f.reason}: ${f.count}`)),
                  ),
                ),
              ),
            ),
          );
    const cameras = overview.cameras;
    const cameraNote = h("p", { id: "camera-note", class: "hint", "aria-live": "polite" }, cameras.note ?? "");
    const previewCanvas = h("canvas", { id: "admin-preview", width: 1280, height: 720, "aria-label": "Camera preview" });
    const stopButton = button("camera-preview-stop", "Stop preview", () => {
      stopPreview();
      previewBox.hidden = true;
    }, "secondary");
    const previewBox = h("div", { class: "admin-preview", hidden: true }, h("div", { class: "preview" }, previewCanvas), stopButton);
    const preview = async (name: string | null, label: string): Promise<void> => {
      stopPreview();
      cameraNote.textContent = `Starting ${label}…`;
      previewRequested = true;
      try {
        await guarded("admin_preview_camera", { name });
        // Left meanwhile (closed, locked, another screen): the stop has been sent already.
        if (!previewRequested || !previewCanvas.isConnected) return;
        painter = startPreview(previewCanvas);
        previewBox.hidden = false;
        cameraNote.textContent = `Showing ${label}.`;
      } catch (error) {
        previewBox.hidden = true;
        cameraNote.textContent = message(error);
      }
    };
    const cameraChoices = h(
      "div",
      { class: "camera-list" },
      ...cameras.devices.map((name, index) => {
        const input = h("input", { type: "radio", name: "camera", id: `camera-${index}`, value: name, checked: name === cameras.chosen });
        input.addEventListener("change", async () => {
          try {
            await guarded("admin_choose_camera", { name });
            cameraNote.textContent = `${name} is used from the next start.`;
          } catch (error) {
            cameraNote.textContent = message(error);
          }
        });
        return h(
          "div",
          { class: "camera-row" },
          h("div", { class: "choice" }, input, h("label", { for: `camera-${index}` }, name)),
          button(`camera-preview-${index}`, "Preview", () => void preview(name, name), "secondary"),
        );
      }),
      cameras.demo_camera
        ? button("camera-preview-demo", "Preview the demo camera", () => void preview(null, "the demo camera"), "secondary")
        : null,
    );
    show(
      "Administration",
      h(
        "section",
        { class: "admin-section", "aria-labelledby": "admin-kiosk" },
        h("h2", { id: "admin-kiosk" }, "This kiosk"),
        h(
          "dl",
          { class: "facts" },
          h("dt", {}, "Version"),
          h("dd", { id: "admin-version" }, overview.version),
          h("dt", {}, "Running"),
          h("dd", { id: "admin-mode" }, overview.demo ? "Demo mode (stand-in services)" : "With the configured services"),
          h("dt", {}, "Settings file"),
          h("dd", {}, overview.configured ? overview.config_path : `Not set up yet (${overview.config_path})`),
          h("dt", {}, "Secrets"),
          h(
            "dd",
            { id: "admin-secrets" },
            `Entra client secret ${overview.secrets.client_secret_stored ? "stored" : "not stored"}; ` +
              `1Kosmos license key ${overview.secrets.license_key_stored ? "stored" : "not stored"}.`,
          ),
          h("dt", {}, "Updates"),
          h("dd", { id: "update-status" }, overview.update_status),
        ),
        overview.secrets.problem ? h("p", { class: "field-error" }, overview.secrets.problem) : null,
      ),
      h(
        "section",
        { class: "admin-section", "aria-labelledby": "admin-connections" },
        h("h2", { id: "admin-connections" }, "Connections"),
        h("div", { class: "actions" }, testEntra, testKosmos),
        entraResult,
        kosmosResult,
      ),
      h("section", { class: "admin-section", "aria-labelledby": "admin-audit" }, h("h2", { id: "admin-audit" }, "Recent days"), audit),
      h(
        "section",
        { class: "admin-section", "aria-labelledby": "admin-camera" },
        h("h2", { id: "admin-camera" }, "Camera"),
        h("div", { role: "radiogroup", "aria-labelledby": "admin-camera" }, cameraChoices),
        cameraNote,
        previewBox,
      ),
      h(
        "div",
        { class: "actions" },
        button("edit-settings", overview.configured ? "Change settings" : "Set up this kiosk", () => renderWizard(overview)),
        button("admin-lock", "Lock and close", close, "secondary"),
      ),
    );
  };

  interface FieldSpec {
    key: string;
    label: string;
    prop: keyof SettingsForm;
    hint?: string;
    kind?: "text" | "number" | "password" | "checkbox";
    /** For numbers: the largest value the setting's type holds. */
    max?: number;
    options?: [string, string][];
  }
  const STEPS: { title: string; prefixes: string[]; fields: FieldSpec[]; test?: Service }[] = [
    {
      title: "Microsoft Entra Verified ID",
      prefixes: ["entra.", "secrets.entra"],
      test: "entra",
      fields: [
        { key: "entra.tenant_id", label: "Tenant ID", prop: "tenant_id", hint: "Entra admin center › Overview › Tenant ID" },
        { key: "entra.client_id", label: "Client ID", prop: "client_id", hint: "The app registration's Application (client) ID" },
        { key: "secrets.entra_client_secret", label: "Client secret", prop: "client_secret", kind: "password", hint: "Kept in the computer's credential store. Leave empty to keep the stored one." },
        { key: "entra.issuer_did", label: "Issuer DID", prop: "issuer_did", hint: "Verified ID › Organization settings (did:web:…)" },
        { key: "entra.manifest_url", label: "Manifest URL", prop: "manifest_url", hint: "The credential's page in Verified ID" },
        { key: "entra.credential_type", label: "Credential type", prop: "credential_type" },
        { key: "entra.client_name", label: "Name shown in Authenticator", prop: "client_name" },
        { key: "entra.pin_length", label: "PIN digits beside the QR code (0 for none)", prop: "pin_length", kind: "number", max: 255 },
      ],
    },
    {
      title: "1Kosmos identity proofing",
      prefixes: ["onekosmos.", "secrets.onekosmos"],
      test: "onekosmos",
      fields: [
        { key: "onekosmos.tenant_dns", label: "Tenant DNS name", prop: "onekosmos_tenant_dns", hint: "e.g. contoso.1kosmos.net, without https://" },
        { key: "onekosmos.community", label: "Community", prop: "community" },
        { key: "secrets.onekosmos_license_key", label: "License key", prop: "license_key", kind: "password", hint: "Kept in the computer's credential store. Leave empty to keep the stored one." },
        { key: "onekosmos.journey", label: "Verification journey", prop: "journey", options: [["kyc_with_selfie", "Document and selfie"], ["document_only", "Document only"]] },
        { key: "onekosmos.dvc_id_kyc_with_selfie", label: "dvcID for document and selfie", prop: "dvc_id_kyc_with_selfie" },
        { key: "onekosmos.dvc_id_document_only", label: "dvcID for document only", prop: "dvc_id_document_only" },
        { key: "onekosmos.id_proofing_flow_url", label: "ID proofing flow URL", prop: "id_proofing_flow_url" },
        { key: "onekosmos.dl_verify", label: "Check US driver's licences with the DMV", prop: "dl_verify", kind: "checkbox" },
      ],
    },
    {
      title: "This kiosk",
      prefixes: ["kiosk.", "callback.", "updates."],
      fields: [
        { key: "kiosk.mode", label: "Kiosk mode", prop: "kiosk_mode", options: [["staffed", "Staffed desk"], ["lobby", "Lobby (self-service)"]] },
        { key: "kiosk.idle_warning_secs", label: "Seconds of inactivity before the warning", prop: "idle_warning_secs", kind: "number" },
        { key: "kiosk.idle_reset_secs", label: "Seconds the warning counts down", prop: "idle_reset_secs", kind: "number" },
        { key: "kiosk.max_proofing_attempts", label: "Verification attempts per enrollment", prop: "max_proofing_attempts", kind: "number" },
        { key: "kiosk.max_offer_reissues", label: "Fresh QR codes after one expires", prop: "max_offer_reissues", kind: "number" },
        { key: "kiosk.allowed_email_domains", label: "Allowed e-mail domains (empty allows any)", prop: "allowed_email_domains", hint: "Separate with commas" },
        { key: "callback.relay_url", label: "Callback relay URL", prop: "relay_url" },
        { key: "callback.listen_port", label: "Local port the relay forwards to", prop: "listen_port", kind: "number", max: 65535 },
        { key: "updates.endpoint", label: "Update feed URL (optional)", prop: "update_endpoint" },
        { key: "updates.pubkey", label: "Update signing public key", prop: "update_pubkey" },
      ],
    },
  ];
  const fieldId = (key: string): string => `f-${key.replace(/[._]/g, "-")}`;

  const renderWizard = (overview: AdminOverview | null): void => {
    const form: SettingsForm = overview
      ? { ...overview.settings }
      : {
          tenant_id: "", client_id: "", client_secret: "", issuer_did: "", manifest_url: "",
          credential_type: "VerifiedEmployee", client_name: "Enrollment Kiosk", pin_length: 4,
          onekosmos_tenant_dns: "", community: "default", license_key: "", journey: "kyc_with_selfie",
          dvc_id_kyc_with_selfie: "", dvc_id_document_only: "", id_proofing_flow_url: "", dl_verify: false,
          kiosk_mode: "staffed", idle_warning_secs: 90, idle_reset_secs: 30, max_proofing_attempts: 3,
          max_offer_reissues: 2, allowed_email_domains: "", relay_url: "", listen_port: 8720,
          update_endpoint: "", update_pubkey: "",
        };
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
          problems.push({ field: spec.key, message: `Type a whole number from 0 to ${max}.` });
        } else {
          record[spec.prop] = value;
        }
      }
      return problems;
    };
    let index = 0;

    const renderStep = (problems: FieldProblem[] = []): void => {
      const step = STEPS[index] ?? STEPS[0]!;
      const mine = (p: FieldProblem): boolean => step.prefixes.some((prefix) => p.field.startsWith(prefix));
      const shown = problems.filter(mine);
      const inputs = step.fields.map((spec) => {
        const id = fieldId(spec.key);
        const problem = shown.find((p) => p.field === spec.key);
        const described = [spec.hint ? `${id}-hint` : "", problem ? `${id}-error` : ""].filter(Boolean).join(" ");
        let control: HTMLInputElement | HTMLSelectElement;
        if (spec.options) {
          control = h("select", { id, name: spec.key }, ...spec.options.map(([value, label]) => h("option", { value, selected: record[spec.prop] === value }, label)));
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
          h("label", { for: id }, spec.label),
          control,
          spec.hint ? h("p", { id: `${id}-hint`, class: "hint" }, spec.hint) : null,
          problem ? h("p", { id: `${id}-error`, class: "field-error", "data-field": spec.key }, problem.message) : null,
        );
      });
      const note = alertBox();
      const actions = h("div", { class: "actions" });
      let testResult: HTMLElement | null = null;
      if (step.test) {
        const service = step.test;
        const [testIt, result] = testButton(service, "Test connection", () =>
          guarded<ConnectionReport>("admin_test_settings", { service, form }),
        );
        actions.append(testIt);
        testResult = result;
      }
      if (index > 0) actions.append(button("wizard-back", "Back", () => { index -= 1; renderStep(); }, "secondary"));
      const last = index === STEPS.length - 1;
      const next = button(last ? "wizard-save" : "wizard-next", last ? "Save settings" : "Next", async () => {
        const typedWrong = checkNumbers(STEPS.flatMap((s) => s.fields));
        if (typedWrong.length) {
          const first = STEPS.findIndex((s) => s.fields.some((f) => typedWrong.some((p) => p.field === f.key)));
          index = first < 0 ? index : first;
          return renderStep(typedWrong);
        }
        next.disabled = true;
        try {
          if (!last) {
            const found = await guarded<FieldProblem[]>("admin_check_settings", { form });
            if (found.some(mine)) return renderStep(found);
            index += 1;
            return renderStep();
          }
          const outcome = await guarded<SaveOutcome>("admin_save_settings", { form });
          if (outcome.kind === "saved") return renderSaved(outcome.path);
          if (outcome.kind === "failed") {
            note.textContent = outcome.message;
            return;
          }
          const first = STEPS.findIndex((s) => outcome.problems.some((p) => s.prefixes.some((prefix) => p.field.startsWith(prefix))));
          index = first < 0 ? index : first;
          renderStep(outcome.problems);
        } catch (error) {
          note.textContent = message(error);
        } finally {
          next.disabled = false;
        }
      });
      actions.append(next);
      const heading = show(
        `Settings ${index + 1} of ${STEPS.length}: ${step.title}`,
        shown.length ? h("p", { class: "field-error", role: "alert" }, `Please fix ${shown.length === 1 ? "the field" : `the ${shown.length} fields`} marked below.`) : "",
        h("form", { class: "admin-form", novalidate: true }, ...inputs),
        note,
        actions,
        testResult ?? "",
      );
      const firstInvalid = panel.querySelector<HTMLElement>("[aria-invalid='true']");
      (firstInvalid ?? heading).focus();
    };
    renderStep();
  };

  const renderSaved = (path: string): void => {
    const note = alertBox();
    show(
      "Settings saved",
      h("p", { class: "lead", id: "admin-saved" }, `Saved to ${path}. The secrets are in the computer's credential store.`),
      h("p", {}, "The kiosk uses the new settings after a restart."),
      note,
      h(
        "div",
        { class: "actions" },
        button("admin-restart", "Restart now", async () => {
          try {
            await guarded("admin_restart");
          } catch (error) {
            note.textContent = message(error);
          }
        }),
        button("admin-overview", "Back to administration", () => void renderOverview(), "secondary"),
      ),
    );
  };

  const start = async (): Promise<void> => {
    try {
      const status = await call<AdminStatus>("admin_status");
      if (status.unavailable) show("Administration", h("p", { class: "field-error", id: "admin-unavailable" }, status.unavailable));
      else if (!status.pin_set) renderChoosePin();
      else if (status.unlocked) await renderOverview();
      else renderUnlock(status);
    } catch (error) {
      show("Administration", h("p", { class: "field-error" }, message(error)));
    }
  };

  return {
    panel,
    open() {
      for (const sibling of Array.from(root.children)) if (sibling !== panel) (sibling as HTMLElement).inert = true;
      panel.hidden = false;
      touched();
      void start();
    },
  };
}
