//! The enrollment session core, from Welcome to Done.
//!
//! [`Session`] is a pure state machine in the style of `quinn-proto`: it never touches the
//! network, the camera or the clock. Events (user [`Intent`]s, results from the outside world,
//! the passage of time) go in through [`Session::handle`] and [`Session::handle_timeout`];
//! the [`Effect`]s it wants performed come out of [`Session::poll_effect`], and the UI renders
//! the [`View`] it returns. The [`ports`] are the traits the outside world is reached through;
//! the `enrollment-runtime` crate drives a session and holds the real adapters.
//!
//! Not here: HTTP clients, camera code, files, timers, windows. Start reading at [`Session`];
//! the types every module shares are in [`domain`].

pub mod attestation;
pub mod audit;
pub mod claims;
pub mod domain;
pub mod intake;
pub mod language;
pub mod messages;
pub mod names;
pub mod personal;
pub mod ports;
pub mod session;
pub mod settings;
pub mod verification;
pub mod view;

pub use domain::{CaptureMethod, DocumentType, Journey};
pub use intake::IntakeForm;
pub use language::{Language, Phrase};
pub use session::{Effect, Event, Session, Ticket};
pub use settings::SessionSettings;
pub use view::{Intent, View};
