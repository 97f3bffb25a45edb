// Generated from crates/enrollment/src by `cargo xtask bindings`. Do not edit.

export type View = { screen: Screen, 
/**
 * Present while the "are you still there?" warning counts down.
 */
inactivity: InactivityWarning | null, kiosk_mode: KioskMode, 
/**
 * Whether Welcome offers verify mode (always at a staffed desk; in the lobby when
 * configured).
 */
verify_available: boolean, 
/**
 * The language the employee chose on Welcome (the kiosk's own until then).
 */
language: Language, 
/**
 * The kiosk's configured language: staff and administration screens always use it.
 */
staff_language: Language, 
/**
 * What Welcome offers to choose from.
 */
languages: Array<Language>, demo: boolean, };

export type InactivityWarning = { reset_in_seconds: number, };

export type Screen = { "name": "welcome" } | { "name": "intake", form: IntakeForm, errors: Array<FieldError>, document_options: Array<DocumentOption>, journey: Journey, } | { "name": "document_front" } & CaptureView | { "name": "document_back" } & CaptureView | { "name": "selfie" } & CaptureView | { "name": "review", step: CaptureStep, title: Phrase, progress: StepProgress, } | { "name": "phone_handoff", 
/**
 * The hosted capture link, once the session exists.
 */
url: string | null, qr: QrMatrix | null, status: Phrase, } | { "name": "staff_attestation", document: DocumentType, document_label: Phrase, form: AttestationForm, problems: Array<AttestationProblem>, 
/**
 * What "Can't confirm" does, so the button can say it.
 */
when_declined: UnattestedDocument, } | { "name": "verifying", status: Phrase, } | { "name": "proofing_failed", 
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
problem: Explanation | null, } | { "name": "done", outcome: DoneOutcome, explanation: Explanation, } | { "name": "preparing_verification", purpose: VerificationPurpose, } | { "name": "verify_card", purpose: VerificationPurpose, url: string, 
/**
 * While it waits to be scanned; once Authenticator retrieved the request the code is
 * spent and leaves the screen.
 */
qr: QrMatrix | null, expires_in_seconds: number, status: PresentationStatus, } | { "name": "verification_result", purpose: VerificationPurpose, 
/**
 * Present when the card passed every check asked for.
 */
card: VerifiedCard | null, 
/**
 * Present when it did not.
 */
failure: VerificationFailure | null, explanation: Explanation | null, can_retry: boolean, };

export type DocumentOption = { value: DocumentType, label: Phrase, 
/**
 * False when this document must be photographed with the phone, with the reason.
 */
kiosk_camera_available: boolean, kiosk_camera_note: Phrase | null, };

export type StepProgress = { current: number, total: number, };

export type CaptureView = { title: Phrase, instruction: Phrase, progress: StepProgress, 
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

export type Intent = { "kind": "start" } | { "kind": "start_verify" } | { "kind": "submit_intake", form: IntakeForm, } | { "kind": "capture" } | { "kind": "retake" } | { "kind": "use_photo" } | { "kind": "attest", form: AttestationForm, } | { "kind": "decline_attestation" } | { "kind": "try_again" } | { "kind": "finish" } | { "kind": "cancel" } | { "kind": "still_here" } | { "kind": "choose_language", language: Language, };

export type IntakeForm = { email: string, given_name: string, family_name: string, document_type: DocumentType | null, capture_method: CaptureMethod | null, consent: boolean, };

export type IntakeField = "email" | "given_name" | "family_name" | "document_type" | "capture_method" | "consent";

export type FieldError = { field: IntakeField, message: Phrase, };

export type DocumentType = "drivers_license" | "passport" | "national_id";

export type CaptureMethod = "kiosk_camera" | "phone";

export type Journey = "kyc_with_selfie" | "document_only";

export type CaptureStep = "document_front" | "document_back" | "selfie";

export type KioskMode = "staffed" | "lobby";

export type Explanation = { message: Phrase, next_step: Phrase, };

export type Language = "en" | "es" | "fr-CA" | "en-XA";

export type Phrase = { id: string, args: Record<string, number | string>, };

export type PhraseArg = number | string;

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

export type AttestationProblem = { field: AttestationField, message: Phrase, };

export type UnattestedDocument = "continue_at_ial1" | "end";

export type PresentationStatus = "waiting" | "retrieved";

export type VerificationPurpose = "verify" | "new_card";

export type VerifiedCard = { 
/**
 * The claims chosen in configuration, in that order, with the card's labels.
 */
claims: Array<ShownClaim>, 
/**
 * The issuer's DID.
 */
issuer: string, credential_type: string, 
/**
 * Absent when Face Check was not asked for.
 */
face_check: FaceCheckOutcome | null, revocation: RevocationCheck, };

export type ShownClaim = { 
/**
 * The claim's name in the credential, e.g. `given_name`.
 */
name: string, 
/**
 * What the card calls it, e.g. "First name".
 */
label: string, value: string, };

export type FaceCheckOutcome = { 
/**
 * Match confidence, 0–100.
 */
score: number, 
/**
 * The threshold it was held to.
 */
threshold: number, 
/**
 * The photo claim's quality as the service judged it (`HIGH`, …), when it said.
 */
photo_quality: string | null, };

export type RevocationCheck = "valid" | "not_reported";

export type VerificationFailure = { "reason": "face_check_below_threshold", score: number | null, threshold: number | null, } | { "reason": "face_check_missing" } | { "reason": "billing_not_enabled" } | { "reason": "revoked" } | { "reason": "wrong_issuer_or_type" } | { "reason": "request_expired" } | { "reason": "user_declined" } | { "reason": "service_unavailable" } | { "reason": "timed_out" } | { "reason": "other" };
