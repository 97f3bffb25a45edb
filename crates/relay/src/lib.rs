//! The callback relay: Entra Verified ID posts each request's callbacks to a public URL, and
//! kiosks sit behind NAT where nothing can reach them. The relay takes the callbacks at
//! `POST /callback/{kiosk_id}`, keeps them in a bounded, expiring Redis Stream per kiosk, and
//! streams them to the kiosk over the kiosk's own outbound, authenticated subscription
//! (`GET /kiosks/{kiosk_id}/events`, Server-Sent Events), which resumes from the last event
//! id the kiosk saw. See `docs/relay.md` for deployment and the security model.
//!
//! Stateless: any number of instances behind a load balancer share nothing but Redis; kill one
//! and the kiosks reconnect to another and resume. Without Redis, an in-memory store serves a
//! single instance (a restart loses unread events).
//!
//! It is not the kiosk's callback receiver: it cannot check a callback's `api-key` (only the
//! kiosk knows the key it gave Entra), so it passes the key through and the kiosk checks it.
//! It never logs callback bodies, api-keys or tokens.
//!
//! Start reading at [`server::start`] for the service, [`callback`] and [`subscription`] for
//! the two endpoints, [`store`] for what is kept where, and [`subscriber::Subscription`] for
//! the kiosk's side.

pub mod callback;
pub mod event;
pub mod kiosk;
pub mod limits;
pub mod listener;
pub mod server;
pub mod shape;
pub mod state;
pub mod store;
pub mod subscriber;
pub mod subscription;
pub mod token;
pub mod wakeups;

pub use event::{CallbackRecord, EventId, StoredCallback};
pub use kiosk::{KioskId, KioskIdError};
pub use limits::{Rate, RelayLimits};
pub use listener::TlsFiles;
pub use server::{start, RelayConfig, RunningRelay};
pub use state::ClientIpSource;
pub use store::{CallbackStore, HeldLimits, MemoryStore, RedisStore, RedisTimeouts, StreamLimits};
pub use token::{KioskToken, TokenKey};
pub use wakeups::Wakeups;
