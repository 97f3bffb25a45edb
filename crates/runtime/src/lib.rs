//! Runs the enrollment core: the async [`driver`] that feeds a `Session` its events and
//! performs its effects, and the real [`adapters`] behind the core's ports (the camera through
//! `camera`, 1Kosmos through `onekosmos`, Entra Verified ID through `verified-id`, the audit
//! file). The same split as `quinn` around `quinn-proto`: every decision stays in the
//! `enrollment` crate, which has no I/O; this crate only moves data and talks to the world.
//!
//! Start reading at [`driver::run`].

pub mod adapters;
pub mod driver;
