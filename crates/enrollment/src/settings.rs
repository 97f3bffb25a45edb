//! The settings a session runs under. Loading and validating them from configuration is the
//! app's job; the session only reads them.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::Journey;
use crate::language::Language;

/// Who starts an enrollment: staff at a desk, or the employee at a lobby kiosk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KioskMode {
    Staffed,
    Lobby,
}

/// What a staffed kiosk does when the operator declines to attest the physical document
/// (security features missing, signs of alteration, or the portrait is not the person).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnattestedDocument {
    /// Verify anyway; without an inspection the credential can only say IAL1.
    ContinueAtIal1,
    /// End the enrollment politely; nothing is sent to the proofing service.
    End,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSettings {
    pub kiosk_mode: KioskMode,
    pub journey: Journey,
    /// Lower-case e-mail domains accepted at intake; empty accepts any domain.
    pub allowed_email_domains: Vec<String>,
    /// Quiet time before the "are you still there?" warning.
    pub idle_warning_after: Duration,
    /// How long the warning counts down before the session is reset.
    pub idle_reset_after: Duration,
    /// Proofing attempts per enrollment, the first one included.
    pub max_proofing_attempts: u32,
    /// Fresh QR codes offered after the first one expires unscanned.
    pub max_offer_reissues: u32,
    /// Whether documents other than driver's licenses can be captured at the kiosk. They need
    /// the machine-readable zone, which the runtime reads (`document::mrz`). Demo mode turns
    /// this on; production keeps it off until 1Kosmos confirms the `/verify` document types
    /// the kiosk sends for passports and ID cards.
    pub kiosk_capture_reads_mrz: bool,
    /// Lobby mode: whether the kiosk camera may be used at all (IAL1 only, since nobody
    /// inspects the document); otherwise the phone's hosted session is the way.
    pub lobby_kiosk_camera: bool,
    /// Staffed mode, kiosk camera: what happens when the operator cannot attest the document.
    pub unattested: UnattestedDocument,
    /// The credential's photo claim, when the kiosk sends the proofed selfie as the photo
    /// (Face Check at verification needs it).
    pub photo_claim: Option<String>,
    /// Lobby mode: whether Welcome offers verify mode (a staffed desk always does).
    pub verify_in_lobby: bool,
    /// Right after issuance, ask for the new card back (Face Check when configured), to prove
    /// the phone holds it and the face matches.
    pub check_new_card: bool,
    /// The kiosk's language: Welcome starts in it, and staff and administration screens use it.
    pub language: Language,
    pub demo: bool,
}

impl SessionSettings {
    /// Whether Welcome offers verify mode.
    pub fn offers_verify(&self) -> bool {
        self.kiosk_mode == KioskMode::Staffed || self.verify_in_lobby
    }
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            kiosk_mode: KioskMode::Staffed,
            journey: Journey::KycWithSelfie,
            allowed_email_domains: Vec::new(),
            idle_warning_after: Duration::from_secs(90),
            idle_reset_after: Duration::from_secs(30),
            max_proofing_attempts: 3,
            max_offer_reissues: 2,
            kiosk_capture_reads_mrz: false,
            lobby_kiosk_camera: false,
            unattested: UnattestedDocument::ContinueAtIal1,
            photo_claim: None,
            verify_in_lobby: false,
            check_new_card: false,
            language: Language::English,
            demo: false,
        }
    }
}
