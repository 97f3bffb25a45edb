//! The admin screen without a window: its state and rules ([`console::AdminConsole`]: who
//! may open it, save with rollback, secret reuse, *Test connection* on typed values), the PIN
//! gate ([`desk::AdminGate`]), the settings wizard's form and its validation ([`form`]), the
//! one place that builds service clients from a configuration ([`clients`]), the checks of
//! *Test connection* ([`connection`]), the audit counts in plain words ([`audit_summary`]),
//! where signed updates stand ([`update_status`]), and the IPC types ([`view`]).
//!
//! Not here: the window. Start reading at [`console::AdminConsole`].

pub mod audit_summary;
pub mod clients;
pub mod connection;
pub mod console;
pub mod credential_definition;
pub mod desk;
pub mod form;
pub mod relay_check;
pub mod update_status;
pub mod view;
pub mod words;

pub use clients::ServiceClients;
pub use console::{AdminConsole, AdminError};
pub use desk::{AdminGate, GateError};
pub use form::StoredSecrets;
