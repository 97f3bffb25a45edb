import { renderCapture } from "./capture";
import { renderDone } from "./done";
import { renderIntake } from "./intake";
import { renderIssuing } from "./issuing";
import { renderOfferCredential } from "./offer_credential";
import { renderPhoneHandoff } from "./phone_handoff";
import { renderProofingFailed } from "./proofing_failed";
import { renderReview } from "./review";
import { renderStaffAttestation } from "./staff_attestation";
import type { ScreenName, ScreenOf, ScreenRenderer } from "./types";
import { renderVerificationResult } from "./verification_result";
import { renderPreparingVerification, renderVerifyCard } from "./verify_card";
import { renderVerifying } from "./verifying";
import { renderWelcome } from "./welcome";

export type { ScreenContext, ScreenInstance, ScreenName, ScreenOf, ScreenRenderer } from "./types";

export const SCREENS: { [N in ScreenName]: ScreenRenderer<ScreenOf<N>> } = {
  welcome: renderWelcome,
  intake: renderIntake,
  document_front: renderCapture,
  document_back: renderCapture,
  selfie: renderCapture,
  review: renderReview,
  phone_handoff: renderPhoneHandoff,
  staff_attestation: renderStaffAttestation,
  verifying: renderVerifying,
  proofing_failed: renderProofingFailed,
  issuing: renderIssuing,
  offer_credential: renderOfferCredential,
  done: renderDone,
  preparing_verification: renderPreparingVerification,
  verify_card: renderVerifyCard,
  verification_result: renderVerificationResult,
};
