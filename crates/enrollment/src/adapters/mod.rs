//! Real adapters behind the [`ports`](crate::ports): each turns a port call into calls of one
//! client crate, and that client's results into session terms.

pub mod audit;
pub mod camera;
pub mod entra;
pub mod onekosmos;
