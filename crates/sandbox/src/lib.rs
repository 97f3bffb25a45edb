//! Faithful local stand-ins for the services the Enrollment Kiosk talks to, for demo mode and tests.
//!
//! Two stand-ins: Microsoft Entra ([`entra`]: the client-credentials token endpoint, the
//! Verified ID Request Service (`createIssuanceRequest`, `createPresentationRequest`), a signed
//! credential manifest, and a wallet simulator that sends callbacks like the real service) and
//! 1Kosmos ([`onekosmos`]: tenant discovery, the ECDH + AES-GCM envelope with its header checks,
//! hosted document-share sessions with a simulated phone, and DocuVerify `/verify`).
//!
//! They are not mocks of our own clients: requests are parsed and validated here, from the
//! services' published behaviour, collected in `docs/reference/entra-verified-id.md` and
//! `docs/reference/onekosmos.md` (the "reference §n" in comments here), and nothing is shared
//! with the `verified-id` or `onekosmos` crates except the published test vectors. It listens on loopback only and is not meant to face a network.
//! By default each stand-in serves plain HTTP on its own loopback address; [`Serving`] puts it
//! behind HTTPS under the real service's name instead (the production-mode end-to-end test).
//!
//! Start reading at [`EntraSandbox::start`] and [`RunningEntraSandbox`].

pub mod entra;
pub mod onekosmos;
mod serve;

pub use entra::{
    CallbackDelivery, EntraSandbox, EntraSandboxConfig, Fault, IssuedPhoto, PhotoClaimNames,
    PhotoEncoding, Presentation, RequestKind, RequestRecord, RequestStatus, RunningEntraSandbox,
    SandboxEndpoint, SandboxError, WalletCard, WalletError, KIOSK_CLAIMS, MIN_PHOTO_SIDE,
};
pub use onekosmos::{
    AnswerFault, OneKosmosControlError, OneKosmosSandbox, OneKosmosSandboxConfig,
    OneKosmosSandboxError, RunningOneKosmosSandbox, SandboxJourney, SessionRecord, SessionState,
};
pub use serve::{Serving, ServingError, TlsIdentity};
