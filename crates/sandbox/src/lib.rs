//! Faithful local stand-ins for the services the Enrollment Kiosk talks to, for demo mode and tests.
//!
//! Today this holds the Microsoft Entra part ([`entra`]): the client-credentials token endpoint, the
//! Verified ID Request Service (`createIssuanceRequest`, `createPresentationRequest`), a signed
//! credential manifest, and a wallet simulator that sends callbacks like the real service. The
//! 1Kosmos stand-in will live beside it in its own module.
//!
//! It is not a mock of our own client: requests are parsed and validated here, from the
//! published behaviour (`shared/reference/entra-verified-id.md`), and nothing is shared with the
//! `verified-id` crate. It listens on loopback only and is not meant to face a network.
//!
//! Start reading at [`EntraSandbox::start`] and [`RunningEntraSandbox`].

pub mod entra;
pub mod onekosmos;

pub use entra::{
    CallbackDelivery, EntraSandbox, EntraSandboxConfig, Fault, RequestKind, RequestRecord,
    RequestStatus, RunningEntraSandbox, SandboxEndpoint, SandboxError, WalletError,
};
pub use onekosmos::{
    OneKosmosControlError, OneKosmosSandbox, OneKosmosSandboxConfig, OneKosmosSandboxError,
    RunningOneKosmosSandbox, SandboxJourney, SessionRecord, SessionState,
};
