//! The enrollment session, from Welcome to Done.
//!
//! [`Session`] is a pure state machine in the style of `quinn-proto`: it never touches the
//! network, the camera or the clock. Events (user [`Intent`]s, results from the outside world,
//! the passage of time) go in through [`Session::handle`] and [`Session::handle_timeout`];
//! the [`Effect`]s it wants performed come out of [`Session::poll_effect`], and the UI renders
//! the [`View`] it returns. [`driver`] is the small async loop that performs effects through the
//! [`ports`] and feeds the outcomes back.
//!
//! Not here: HTTP clients, camera code, windows. Start reading at [`Session`].

pub mod adapters;
pub mod audit;
pub mod claims;
pub mod driver;
pub mod intake;
pub mod messages;
pub mod personal;
pub mod ports;
pub mod session;
pub mod settings;
pub mod view;

pub use intake::{CaptureMethod, DocumentType, IntakeForm, Journey};
pub use session::{Effect, Event, Session, Ticket};
pub use settings::SessionSettings;
pub use view::{Intent, View};
