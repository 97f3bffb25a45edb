// Generated from crates/enrollment/src by `cargo xtask bindings`. Do not edit.

export type View = { screen: Screen, 
/**
 * Present while the "are you still there?" warning counts down.
 */
inactivity: InactivityWarning | null, kiosk_mode: KioskMode, demo: boolean, };

export type InactivityWarning = { reset_in_seconds: number, };

export type Screen = { "name": "welcome" } | { "name": "intake", form: IntakeForm, errors: Array<FieldError>, document_options: Array<DocumentOption>, journey: Journey, } | { "name": "document_front" } & CaptureView | { "name": "document_back" } & CaptureView | { "name": "selfie" } & CaptureView | { "name": "review", step: CaptureStep, title: string, progress: StepProgress, } | { "name": "phone_handoff", 
/**
 * The hosted capture link, once the session exists.
 */
url: string | null, qr: QrMatrix | null, status: string, } | { "name": "staff_attestation", document: DocumentType, document_label: string, form: AttestationForm, problems: Array<AttestationProblem>, 
/**
 * What "Can't confirm" does, so the button can say it.
 */
when_declined: UnattestedDocument, } | { "name": "verifying", status: string, } | { "name": "proofing_failed", 
/**
 * Shown to staff; the employee reads the explanation.
 */
reason_code: string | null, explanation: Explanation, can_retry: boolean, attempts_left: number, } | { "name": "issuing", 
/**
 * Set when creating the credential offer failed; the screen then offers Try again.
 */
problem: Explanation | null, } | { "name": "offer_credential", url: string, 
/**
 * The code to scan, while it is still waiting to be scanned: once Authenticator has
 * retrieved the request the code is spent, so it leaves the screen.
 */
qr: QrMatrix | null, 
/**
 * The PIN, shown only once the request was retrieved (Authenticator asks for it then),
 * never beside a code that could still be photographed and used.
 */
pin: string | null, 
/**
 * Whether Authenticator will ask for a PIN after the scan.
 */
pin_required: boolean, expires_in_seconds: number, status: WalletStatus, 
/**
 * Set when the wallet failed: what happened and what to do next.
 */
problem: Explanation | null, } | { "name": "done", outcome: DoneOutcome, explanation: Explanation, };

export type DocumentOption = { value: DocumentType, label: string, 
/**
 * False when this document must be photographed with the phone, with the reason.
 */
kiosk_camera_available: boolean, kiosk_camera_note: string | null, };

export type StepProgress = { current: number, total: number, };

export type CaptureView = { title: string, instruction: string, progress: StepProgress, 
/**
 * Set when the camera could not start or stopped; the screen offers Try again.
 */
camera_problem: Explanation | null, 
/**
 * True while a still is being taken, so the button can show progress.
 */
capturing: boolean, };

export type WalletStatus = "waiting" | "scanned" | "failed";

export type DoneOutcome = "issued" | "not_verified" | "offer_expired" | "document_not_attested";

export type QrMatrix = { 
/**
 * Modules per side, quiet zone excluded.
 */
width: number, 
/**
 * Row-major, `'1'` for a dark module.
 */
modules: string, };

export type Intent = { "kind": "start" } | { "kind": "submit_intake", form: IntakeForm, } | { "kind": "capture" } | { "kind": "retake" } | { "kind": "use_photo" } | { "kind": "attest", form: AttestationForm, } | { "kind": "decline_attestation" } | { "kind": "try_again" } | { "kind": "finish" } | { "kind": "cancel" } | { "kind": "still_here" };

export type IntakeForm = { email: string, given_name: string, family_name: string, document_type: DocumentType | null, capture_method: CaptureMethod | null, consent: boolean, };

export type IntakeField = "email" | "given_name" | "family_name" | "document_type" | "capture_method" | "consent";

export type FieldError = { field: IntakeField, message: string, };

export type DocumentType = "drivers_license" | "passport" | "national_id";

export type CaptureMethod = "kiosk_camera" | "phone";

export type Journey = "kyc_with_selfie" | "document_only";

export type CaptureStep = "document_front" | "document_back" | "selfie";

export type KioskMode = "staffed" | "lobby";

export type Explanation = { message: string, next_step: string, };

export type ProofingFailure = { "kind": "declined", reason_code: string, } | { "kind": "phone_session_ended", expired: boolean, } | { "kind": "document_unreadable" } | { "kind": "document_expired" } | { "kind": "name_mismatch" } | { "kind": "photo_unusable" } | { "kind": "incomplete_verification" } | { "kind": "service_unavailable" } | { "kind": "timed_out" };

export type CommandError = { "kind": "locked", message: string, } | { "kind": "busy", message: string, } | { "kind": "invalid", field: string | null, message: string, } | { "kind": "unavailable", message: string, } | { "kind": "failed", message: string, };

export type AttestationForm = { 
/**
 * Who attests, for the audit trail: the operator's own staff code.
 */
staff_code: string, 
/**
 * The document's security features (hologram, microprint, UV or tactile marks) are there.
 */
security_features_present: boolean, 
/**
 * Nothing on the document looks altered, replaced or laminated over.
 */
not_altered: boolean, 
/**
 * The portrait is the person standing at the desk.
 */
portrait_matches: boolean, };

export type AttestationField = "staff_code" | "inspection";

export type AttestationProblem = { field: AttestationField, message: string, };

export type UnattestedDocument = "continue_at_ial1" | "end";
