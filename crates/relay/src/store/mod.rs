//! Where callbacks wait for their kiosk: one bounded, expiring stream per kiosk.
//!
//! [`RedisStore`] is the shared store of any number of instances (Redis Streams); with no Redis
//! configured, [`MemoryStore`] keeps the streams in this process (one instance only, and a
//! restart loses them). Both sit behind [`CallbackStore`], so the HTTP side does not know which.

mod memory;
mod redis_streams;

use std::time::Duration;

use async_trait::async_trait;

use crate::event::{CallbackRecord, EventId, StoredCallback};
use crate::kiosk::KioskId;

pub use self::memory::{MemoryStore, DEFAULT_MEMORY_STORE_BYTES};
pub use self::redis_streams::{HeldLimits, RedisStore, RedisStoreError, RedisTimeouts};

/// How long a kiosk's stream is kept after its last callback: 15 minutes. A Request Service
/// request lives 5 minutes (reference `entra-verified-id.md` §7) and the kiosk keeps listening
/// for 5 more (a wallet finishing late); a kiosk reconnecting within the rest still gets
/// everything, and nothing outlives the request it was about by much.
pub const DEFAULT_STREAM_TTL: Duration = Duration::from_secs(15 * 60);

/// Entries kept per kiosk stream (Redis trims approximately, so at least this many). A kiosk
/// has one offer outstanding (two while one is replaced) and each sends at most three
/// callbacks; 1,000 leaves room for a flood at the per-kiosk rate limit to run for minutes
/// before it could push out an entry a reconnecting kiosk has not read.
pub const DEFAULT_STREAM_MAX_LEN: usize = 1000;

/// Limits of a store's streams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamLimits {
    pub max_len: usize,
    pub ttl: Duration,
}

impl Default for StreamLimits {
    fn default() -> Self {
        Self {
            max_len: DEFAULT_STREAM_MAX_LEN,
            ttl: DEFAULT_STREAM_TTL,
        }
    }
}

/// How a callback was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// In the store, at this position.
    Stored(EventId),
    /// The store could not be reached in time: held in this instance's memory and written as
    /// soon as it can be (see [`RedisStore`]).
    Held,
}

/// A store operation that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("the store did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the store could not be reached: {0}")]
    Unreachable(String),
    #[error("the store cannot take more now: {0}")]
    Full(&'static str),
    #[error("the store answered something unexpected: {0}")]
    Unexpected(String),
}

/// The streams of callbacks, one per kiosk.
#[async_trait]
pub trait CallbackStore: Send + Sync + 'static {
    /// Appends `record` to `kiosk`'s stream (trimmed to its length, its expiry renewed) and
    /// wakes the kiosk's subscribers on every instance.
    async fn append(&self, kiosk: &KioskId, record: CallbackRecord)
        -> Result<Appended, StoreError>;

    /// Up to `limit` events of `kiosk`'s stream after `after`, oldest first.
    async fn read_after(
        &self,
        kiosk: &KioskId,
        after: EventId,
        limit: usize,
    ) -> Result<Vec<StoredCallback>, StoreError>;

    /// The id of the newest event of `kiosk`'s stream ([`EventId::ZERO`] when it has none).
    async fn last_id(&self, kiosk: &KioskId) -> Result<EventId, StoreError>;

    /// Whether the store answers now (for `/readyz`).
    async fn check_ready(&self) -> Result<(), StoreError>;

    /// Callbacks accepted but not yet in the shared store.
    fn held(&self) -> usize {
        0
    }

    /// Before shutting down: waits up to `patience` for held callbacks to reach the store;
    /// returns how many are still held.
    async fn flush(&self, _patience: Duration) -> usize {
        0
    }

    /// For the start-up log: which store this is.
    fn describe(&self) -> String;
}
