//! The admin screen without a window: who may open it ([`desk::AdminGate`]), the settings
//! wizard's form and its validation ([`form`]), *Test connection* ([`connection`]), the audit
//! counts in plain words ([`audit_summary`]), and the IPC types ([`view`]).
//!
//! Not here: files, the credential store, the window. The app's admin commands put these
//! together; start reading at [`view::AdminOverview`].

pub mod audit_summary;
pub mod connection;
pub mod desk;
pub mod form;
pub mod view;

pub use desk::{AdminGate, GateError};
pub use form::StoredSecrets;
