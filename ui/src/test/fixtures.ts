import type { CaptureView, IntakeForm, Phrase, QrMatrix, Screen, View } from "../ipc/bindings";

export function view(screen: Screen, extra: Partial<View> = {}): View {
  return {
    screen,
    inactivity: null,
    kiosk_mode: "staffed",
    verify_available: true,
    language: "en",
    staff_language: "en",
    languages: ["en", "es", "fr-CA"],
    demo: false,
    ...extra,
  };
}

/** A sentence as Rust names it: a message id from `ui/locales/en/*.ftl`, with its arguments. */
export function phrase(id: string, args: Phrase["args"] = {}): Phrase {
  return { id, args };
}

export const EMPTY_FORM: IntakeForm = {
  email: "",
  given_name: "",
  family_name: "",
  document_type: null,
  capture_method: null,
  consent: false,
};

export function intake(
  form: Partial<IntakeForm> = {},
  errors: Extract<Screen, { name: "intake" }>["errors"] = [],
): Extract<Screen, { name: "intake" }> {
  return {
    name: "intake",
    form: { ...EMPTY_FORM, ...form },
    errors,
    journey: "kyc_with_selfie",
    document_options: [
      {
        value: "drivers_license",
        label: phrase("document-drivers-license"),
        kiosk_camera_available: true,
        kiosk_camera_note: null,
      },
      {
        value: "passport",
        label: phrase("document-passport"),
        kiosk_camera_available: false,
        kiosk_camera_note: phrase("intake-kiosk-camera-unread", { document: "passport" }),
      },
      {
        value: "national_id",
        label: phrase("document-national-id"),
        kiosk_camera_available: true,
        kiosk_camera_note: null,
      },
    ],
  };
}

export function capture(over: Partial<CaptureView> = {}): CaptureView {
  return {
    title: phrase("capture-front-title"),
    instruction: phrase("capture-front-instruction"),
    progress: { current: 1, total: 3 },
    camera_problem: null,
    capturing: false,
    ...over,
  };
}

/** A 21×21 matrix with a finder-like corner and a recognisable pattern. */
export function sampleQr(width = 21): QrMatrix {
  let modules = "";
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) modules += (x * 7 + y * 3) % 5 === 0 || (x < 7 && y < 7) ? "1" : "0";
  }
  return { width, modules };
}
