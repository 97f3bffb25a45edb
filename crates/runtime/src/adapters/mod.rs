//! Real adapters behind the ports (`enrollment::ports`): each turns a port call into calls of one
//! client crate, and that client's results into session terms.

pub mod audit_file;
pub mod camera;
pub mod entra;
pub mod entra_verify;
pub mod onekosmos;
pub mod relay;
