import type { CaptureView, IntakeForm, QrMatrix, Screen, View } from "../ipc/bindings";

export function view(screen: Screen, extra: Partial<View> = {}): View {
  return { screen, inactivity: null, kiosk_mode: "staffed", verify_available: true, demo: false, ...extra };
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
      { value: "drivers_license", label: "Driver's license", kiosk_camera_available: true, kiosk_camera_note: null },
      {
        value: "passport",
        label: "Passport",
        kiosk_camera_available: false,
        kiosk_camera_note: "Passports must be photographed with your phone.",
      },
      { value: "national_id", label: "National ID card", kiosk_camera_available: true, kiosk_camera_note: null },
    ],
  };
}

export function capture(over: Partial<CaptureView> = {}): CaptureView {
  return {
    title: "Photograph the front of your ID",
    instruction: "Place your ID inside the frame",
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
