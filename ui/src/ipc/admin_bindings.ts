// Generated from crates/administration/src by `cargo xtask bindings`. Do not edit.

import type { Language, Phrase } from "./bindings";

export type AdminStatus = { 
/**
 * False on first run: the first step is choosing the admin PIN.
 */
pin_set: boolean, unlocked: boolean, 
/**
 * Seconds until another PIN may be tried, after too many wrong ones.
 */
locked_out_seconds: number | null, 
/**
 * Why the admin screen cannot be opened at all (a configuration without a usable PIN).
 */
unavailable: Phrase | null, };

export type UnlockOutcome = { "kind": "accepted" } | { "kind": "rejected", tries_before_lockout: number, } | { "kind": "locked_out", retry_in_seconds: number, };

export type SettingsForm = { tenant_id: string, client_id: string, client_secret: string, issuer_did: string, manifest_url: string, credential_type: string, client_name: string, pin_length: number, 
/**
 * The credential's photo claim; empty sends no photo.
 */
photo_claim: string, onekosmos_tenant_dns: string, community: string, license_key: string, journey: JourneyChoice, dvc_id_kyc_with_selfie: string, dvc_id_document_only: string, id_proofing_flow_url: string, dl_verify: boolean, kiosk_mode: KioskModeChoice, 
/**
 * Lobby mode only: the phone, or the kiosk camera at IAL1.
 */
lobby_capture: LobbyCaptureChoice, 
/**
 * Staffed mode only: when the operator cannot attest the document.
 */
unattested_document: UnattestedChoice, 
/**
 * The kiosk's language: Welcome starts in it; staff and administration screens use it.
 */
language: Language, idle_warning_secs: number, idle_reset_secs: number, max_proofing_attempts: number, max_offer_reissues: number, 
/**
 * Comma- or space-separated domains; empty allows any.
 */
allowed_email_domains: string, relay_url: string, 
/**
 * This kiosk's name at the relay.
 */
kiosk_id: string, update_endpoint: string, update_pubkey: string, };

export type JourneyChoice = "kyc_with_selfie" | "document_only";

export type KioskModeChoice = "staffed" | "lobby";

export type LobbyCaptureChoice = "phone" | "kiosk_camera_ial1";

export type StaffAttestations = { staff_code: string, count: number, };

export type UnattestedChoice = "continue_at_ial1" | "end";

export type FieldProblem = { field: string, problem: Phrase, fix: Phrase, };

export type SaveOutcome = { "kind": "saved", path: string, } | { "kind": "invalid", problems: Array<FieldProblem>, } | { "kind": "failed", message: Array<Phrase>, };

export type Service = "entra" | "onekosmos" | "relay";

export type RelayOverview = { 
/**
 * Where Entra posts this kiosk's callbacks.
 */
callback_url: string, kiosk_id: string, connected: boolean, 
/**
 * E.g. "Connected since 14:02:07 UTC", or why and since when it is reconnecting.
 */
state: Phrase, };

export type ConnectionReport = { service: Service, ok: boolean, steps: Array<CheckStep>, };

export type CheckStep = { label: Phrase, ok: boolean, 
/**
 * What was found or what failed, then what to do, sentence by sentence.
 */
detail: Array<Phrase>, };

export type SecretsStatus = { client_secret_stored: boolean, license_key_stored: boolean, relay_token_stored: boolean, 
/**
 * Set when the credential store cannot be used at all.
 */
problem: Phrase | null, };

export type AuditDay = { day: string, started: number, proofed: number, issued: number, failed_total: number, failures: Array<FailureCount>, 
/**
 * Documents staff attested, in all and per staff code; and those they could not.
 */
attested: number, attestation_declined: number, attested_by: Array<StaffAttestations>, 
/**
 * Presented cards that verified (verify mode and new-card checks), and those that did
 * not, by reason.
 */
verified: number, verification_failed_total: number, verification_failures: Array<FailureCount>, };

export type FailureCount = { 
/**
 * The audit code, e.g. `declined_IDV0010`.
 */
code: string, reason: Phrase, count: number, };

export type CameraList = { devices: Array<string>, 
/**
 * Demo mode: the synthetic camera can be previewed too.
 */
demo_camera: boolean, chosen: string | null, 
/**
 * Why the list is empty, or why the choice cannot be saved.
 */
note: Phrase | null, };

export type AdminOverview = { version: string, demo: boolean, config_path: string, 
/**
 * A configuration file exists and is in use.
 */
configured: boolean, settings: SettingsForm, secrets: SecretsStatus, audit: Array<AuditDay>, update_status: Phrase, cameras: CameraList, 
/**
 * Set when the settings file can be read or changed by other accounts on this computer.
 */
config_warning: Phrase | null, 
/**
 * The relay subscription the kiosk holds (in demo mode, to a relay in its own process).
 */
relay: RelayOverview | null, };

export type AdminCommandError = { "kind": "locked", message: Phrase, } | { "kind": "busy", message: Phrase, } | { "kind": "invalid", field: string | null, message: Phrase, } | { "kind": "unavailable", message: Phrase, } | { "kind": "failed", message: Phrase, };
