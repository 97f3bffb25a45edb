// What the settings wizard asks, step by step: each field's config key, words, form property and
// kind. Rust checks the values; the UI only checks that a number field holds a number. Titles,
// labels, hints and option labels are message identifiers of `admin.ftl`.
import type { FieldProblem, Service, SettingsForm } from "../ipc/admin_bindings";

export interface FieldSpec {
  key: string;
  /** The label's message. */
  label: string;
  prop: keyof SettingsForm;
  /** The hint's message, shown under the control. */
  hint?: string;
  kind?: "text" | "number" | "password" | "checkbox";
  /** For numbers: the largest value the setting's type holds. */
  max?: number;
  /** Values and their labels' messages. */
  options?: [string, string][];
}

export interface WizardStep {
  /** The step's title message. */
  title: string;
  /** The config keys whose problems belong to this step. */
  prefixes: string[];
  fields: FieldSpec[];
  /** The service the step's "Test connection" button checks. */
  test?: Service;
}

export const STEPS: WizardStep[] = [
  {
    title: "admin-step-entra-title",
    prefixes: ["entra.", "secrets.entra"],
    test: "entra",
    fields: [
      { key: "entra.tenant_id", label: "admin-field-tenant-id", prop: "tenant_id", hint: "admin-hint-tenant-id" },
      { key: "entra.client_id", label: "admin-field-client-id", prop: "client_id", hint: "admin-hint-client-id" },
      { key: "secrets.entra_client_secret", label: "admin-field-client-secret", prop: "client_secret", kind: "password", hint: "admin-hint-stored-secret" },
      { key: "entra.issuer_did", label: "admin-field-issuer-did", prop: "issuer_did", hint: "admin-hint-issuer-did" },
      { key: "entra.manifest_url", label: "admin-field-manifest-url", prop: "manifest_url", hint: "admin-hint-manifest-url" },
      { key: "entra.credential_type", label: "admin-field-credential-type", prop: "credential_type", hint: "admin-hint-credential-type" },
      { key: "entra.client_name", label: "admin-field-client-name", prop: "client_name" },
      { key: "entra.photo_claim", label: "admin-field-photo-claim", prop: "photo_claim", hint: "admin-hint-photo-claim" },
      { key: "entra.pin_length", label: "admin-field-pin-length", prop: "pin_length", kind: "number", max: 255 },
    ],
  },
  {
    title: "admin-step-onekosmos-title",
    prefixes: ["onekosmos.", "secrets.onekosmos"],
    test: "onekosmos",
    fields: [
      { key: "onekosmos.tenant_dns", label: "admin-field-tenant-dns", prop: "onekosmos_tenant_dns", hint: "admin-hint-tenant-dns" },
      { key: "onekosmos.community", label: "admin-field-community", prop: "community" },
      { key: "secrets.onekosmos_license_key", label: "admin-field-license-key", prop: "license_key", kind: "password", hint: "admin-hint-stored-secret" },
      {
        key: "onekosmos.journey",
        label: "admin-field-journey",
        prop: "journey",
        options: [["kyc_with_selfie", "admin-option-journey-kyc-with-selfie"], ["document_only", "admin-option-journey-document-only"]],
      },
      { key: "onekosmos.dvc_id_kyc_with_selfie", label: "admin-field-dvc-id-kyc-with-selfie", prop: "dvc_id_kyc_with_selfie" },
      { key: "onekosmos.dvc_id_document_only", label: "admin-field-dvc-id-document-only", prop: "dvc_id_document_only" },
      { key: "onekosmos.id_proofing_flow_url", label: "admin-field-flow-url", prop: "id_proofing_flow_url" },
      { key: "onekosmos.dl_verify", label: "admin-field-dl-verify", prop: "dl_verify", kind: "checkbox" },
    ],
  },
  {
    title: "admin-step-kiosk-title",
    prefixes: ["kiosk.", "callback.", "updates."],
    fields: [
      {
        key: "kiosk.language",
        label: "admin-field-language",
        prop: "language",
        hint: "admin-hint-language",
        options: [["en", "admin-option-language-en"], ["es", "admin-option-language-es"], ["fr-CA", "admin-option-language-fr-ca"]],
      },
      { key: "kiosk.mode", label: "admin-field-kiosk-mode", prop: "kiosk_mode", options: [["staffed", "admin-option-mode-staffed"], ["lobby", "admin-option-mode-lobby"]] },
      {
        key: "kiosk.lobby_capture",
        label: "admin-field-lobby-capture",
        prop: "lobby_capture",
        options: [["phone", "admin-option-capture-phone"], ["kiosk_camera_ial1", "admin-option-capture-kiosk-camera"]],
      },
      {
        key: "kiosk.unattested_document",
        label: "admin-field-unattested-document",
        prop: "unattested_document",
        options: [["continue_at_ial1", "admin-option-unattested-continue"], ["end", "admin-option-unattested-end"]],
      },
      { key: "kiosk.idle_warning_secs", label: "admin-field-idle-warning", prop: "idle_warning_secs", kind: "number" },
      { key: "kiosk.idle_reset_secs", label: "admin-field-idle-reset", prop: "idle_reset_secs", kind: "number" },
      { key: "kiosk.max_proofing_attempts", label: "admin-field-max-attempts", prop: "max_proofing_attempts", kind: "number" },
      { key: "kiosk.max_offer_reissues", label: "admin-field-max-reissues", prop: "max_offer_reissues", kind: "number" },
      { key: "kiosk.allowed_email_domains", label: "admin-field-email-domains", prop: "allowed_email_domains", hint: "admin-hint-email-domains" },
      { key: "callback.relay_url", label: "admin-field-relay-url", prop: "relay_url" },
      { key: "callback.kiosk_id", label: "admin-field-kiosk-id", prop: "kiosk_id", hint: "admin-hint-kiosk-id" },
      { key: "updates.endpoint", label: "admin-field-update-endpoint", prop: "update_endpoint" },
      { key: "updates.pubkey", label: "admin-field-update-pubkey", prop: "update_pubkey" },
    ],
  },
];

/** The DOM id of a field's control (`entra.tenant_id` → `f-entra-tenant-id`). */
export const fieldId = (key: string): string => `f-${key.replace(/[._]/g, "-")}`;

/** Whether a problem (by its config key) belongs to a step. */
export const belongsTo = (step: WizardStep, problem: FieldProblem): boolean =>
  step.prefixes.some((prefix) => problem.field.startsWith(prefix));
