// What the settings wizard asks, step by step: each field's config key, label, form property and
// kind. Rust checks the values; the UI only checks that a number field holds a number.
import type { FieldProblem, Service, SettingsForm } from "../ipc/admin_bindings";

export interface FieldSpec {
  key: string;
  label: string;
  prop: keyof SettingsForm;
  hint?: string;
  kind?: "text" | "number" | "password" | "checkbox";
  /** For numbers: the largest value the setting's type holds. */
  max?: number;
  options?: [string, string][];
}

export interface WizardStep {
  title: string;
  /** The config keys whose problems belong to this step. */
  prefixes: string[];
  fields: FieldSpec[];
  /** The service the step's "Test connection" button checks. */
  test?: Service;
}

export const STEPS: WizardStep[] = [
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
      {
        key: "entra.credential_type",
        label: "Credential type",
        prop: "credential_type",
        hint: "A custom credential (ID token hint) defined with `enrollment-kiosk --print-credential-definition rules` and `display`; not VerifiedEmployee, whose fixed claims the kiosk does not send.",
      },
      { key: "entra.client_name", label: "Name shown in Authenticator", prop: "client_name" },
      { key: "entra.photo_claim", label: "Photo claim (optional)", prop: "photo_claim", hint: "e.g. photo: the proofed selfie goes on the card, for Face Check. Leave empty for no photo." },
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
      { key: "kiosk.lobby_capture", label: "Photos at a lobby kiosk", prop: "lobby_capture", options: [["phone", "On the employee's phone (can reach IAL2)"], ["kiosk_camera_ial1", "With this kiosk's camera (IAL1 only)"]] },
      { key: "kiosk.unattested_document", label: "When staff can't confirm a document (staffed desk)", prop: "unattested_document", options: [["continue_at_ial1", "Verify anyway at IAL1"], ["end", "End the enrollment"]] },
      { key: "kiosk.idle_warning_secs", label: "Seconds of inactivity before the warning", prop: "idle_warning_secs", kind: "number" },
      { key: "kiosk.idle_reset_secs", label: "Seconds the warning counts down", prop: "idle_reset_secs", kind: "number" },
      { key: "kiosk.max_proofing_attempts", label: "Verification attempts per enrollment", prop: "max_proofing_attempts", kind: "number" },
      { key: "kiosk.max_offer_reissues", label: "Fresh QR codes after one expires", prop: "max_offer_reissues", kind: "number" },
      { key: "kiosk.allowed_email_domains", label: "Allowed e-mail domains (empty allows any)", prop: "allowed_email_domains", hint: "Separate with commas" },
      { key: "callback.relay_url", label: "Callback relay URL", prop: "relay_url" },
      { key: "callback.kiosk_id", label: "This kiosk's name at the relay", prop: "kiosk_id", hint: "Its token: `enrollment-relay kiosk-token NAME | enrollment-kiosk --store-secret relay-token`" },
      { key: "updates.endpoint", label: "Update feed URL (optional)", prop: "update_endpoint" },
      { key: "updates.pubkey", label: "Update signing public key", prop: "update_pubkey" },
    ],
  },
];

/** The DOM id of a field's control (`entra.tenant_id` → `f-entra-tenant-id`). */
export const fieldId = (key: string): string => `f-${key.replace(/[._]/g, "-")}`;

/** Whether a problem (by its config key) belongs to a step. */
export const belongsTo = (step: WizardStep, problem: FieldProblem): boolean =>
  step.prefixes.some((prefix) => problem.field.startsWith(prefix));
