//! The in-memory store: the kiosk streams in this process, for a single instance without Redis
//! (a demo, a small site). A restart loses every event not yet read, and a second instance
//! would not see the first one's events: use [`super::RedisStore`] for anything more.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;

use super::{Appended, CallbackStore, StoreError, StreamLimits};
use crate::event::{CallbackRecord, EventId, StoredCallback};
use crate::kiosk::KioskId;
use crate::wakeups::Wakeups;

/// Bytes of callback bodies the in-memory store holds at most, over all kiosks (256 MiB); a
/// callback that would go over gets 503. Redis has its own `maxmemory` for this.
pub const DEFAULT_MEMORY_STORE_BYTES: usize = 256 * 1024 * 1024;

/// Expired streams are swept at most this often.
const SWEEP_INTERVAL: Duration = Duration::from_secs(10);

struct Stream {
    entries: VecDeque<StoredCallback>,
    expires: Instant,
}

struct Streams {
    by_kiosk: HashMap<KioskId, Stream>,
    last_id: EventId,
    bytes: usize,
    last_sweep: Instant,
}

/// See the module comment.
pub struct MemoryStore {
    streams: Mutex<Streams>,
    limits: StreamLimits,
    max_bytes: usize,
    wakeups: Arc<Wakeups>,
}

fn entry_bytes(event: &StoredCallback) -> usize {
    event.record.body.len() + event.record.api_key.len()
}

impl MemoryStore {
    pub fn new(limits: StreamLimits, max_bytes: usize, wakeups: Arc<Wakeups>) -> Arc<Self> {
        Arc::new(Self {
            streams: Mutex::new(Streams {
                by_kiosk: HashMap::new(),
                last_id: EventId::ZERO,
                bytes: 0,
                last_sweep: Instant::now(),
            }),
            limits,
            max_bytes,
            wakeups,
        })
    }

    fn streams(&self) -> MutexGuard<'_, Streams> {
        self.streams.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Streams {
    /// A new id after every id given so far, from the wall clock like Redis's.
    fn next_id(&mut self) -> EventId {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let id = if millis > self.last_id.millis {
            EventId {
                millis,
                sequence: 0,
            }
        } else {
            self.last_id.next()
        };
        self.last_id = id;
        id
    }

    fn sweep(&mut self, now: Instant) {
        if now.duration_since(self.last_sweep) < SWEEP_INTERVAL {
            return;
        }
        self.last_sweep = now;
        let mut freed = 0;
        self.by_kiosk.retain(|_, stream| {
            let keep = stream.expires > now;
            if !keep {
                freed += stream.entries.iter().map(entry_bytes).sum::<usize>();
            }
            keep
        });
        self.bytes = self.bytes.saturating_sub(freed);
    }

    fn live(&self, kiosk: &KioskId, now: Instant) -> Option<&Stream> {
        self.by_kiosk.get(kiosk).filter(|s| s.expires > now)
    }
}

#[async_trait]
impl CallbackStore for MemoryStore {
    async fn append(
        &self,
        kiosk: &KioskId,
        record: CallbackRecord,
    ) -> Result<Appended, StoreError> {
        let now = Instant::now();
        let id = {
            let mut streams = self.streams();
            streams.sweep(now);
            let size = record.body.len() + record.api_key.len();
            if streams.bytes + size > self.max_bytes {
                return Err(StoreError::Full("the in-memory store is at its byte limit"));
            }
            let id = streams.next_id();
            let expires = now + self.limits.ttl;
            let stream = streams.by_kiosk.entry(kiosk.clone()).or_insert(Stream {
                entries: VecDeque::new(),
                expires,
            });
            if stream.expires <= now {
                stream.entries.clear();
            }
            stream.expires = expires;
            stream.entries.push_back(StoredCallback { id, record });
            let mut freed = 0;
            while stream.entries.len() > self.limits.max_len.max(1) {
                if let Some(old) = stream.entries.pop_front() {
                    freed += entry_bytes(&old);
                }
            }
            streams.bytes = streams.bytes + size - freed;
            id
        };
        self.wakeups.wake(kiosk);
        Ok(Appended::Stored(id))
    }

    async fn read_after(
        &self,
        kiosk: &KioskId,
        after: EventId,
        limit: usize,
    ) -> Result<Vec<StoredCallback>, StoreError> {
        let streams = self.streams();
        Ok(streams
            .live(kiosk, Instant::now())
            .map(|stream| {
                stream
                    .entries
                    .iter()
                    .filter(|e| e.id > after)
                    .take(limit)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn last_id(&self, kiosk: &KioskId) -> Result<EventId, StoreError> {
        let streams = self.streams();
        Ok(streams
            .live(kiosk, Instant::now())
            .and_then(|s| s.entries.back())
            .map_or(EventId::ZERO, |e| e.id))
    }

    async fn check_ready(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn describe(&self) -> String {
        "in-memory store (one instance only; a restart loses unread events)".into()
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;

    use super::*;

    fn record(n: usize) -> CallbackRecord {
        CallbackRecord {
            api_key: format!("key-{n}"),
            body: Bytes::from(format!("{{\"n\":{n}}}")),
        }
    }

    #[tokio::test]
    async fn streams_are_ordered_bounded_and_resumable() {
        let store = MemoryStore::new(
            StreamLimits {
                max_len: 3,
                ttl: Duration::from_secs(60),
            },
            1 << 20,
            Wakeups::new(10, 2),
        );
        let kiosk = KioskId::parse("k").unwrap();
        let mut ids = Vec::new();
        for n in 0..5 {
            match store.append(&kiosk, record(n)).await.unwrap() {
                Appended::Stored(id) => ids.push(id),
                Appended::Held => panic!("memory store never holds"),
            }
        }
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        let kept = store.read_after(&kiosk, EventId::ZERO, 10).await.unwrap();
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].record, record(2));
        let after = store.read_after(&kiosk, ids[3], 10).await.unwrap();
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].id, ids[4]);
        assert_eq!(store.last_id(&kiosk).await.unwrap(), ids[4]);
        let other = KioskId::parse("other").unwrap();
        assert_eq!(store.last_id(&other).await.unwrap(), EventId::ZERO);
    }

    #[tokio::test]
    async fn the_byte_limit_refuses_instead_of_growing() {
        // Each record is 12 bytes: two fit in 30, a third does not.
        let store = MemoryStore::new(StreamLimits::default(), 30, Wakeups::new(10, 2));
        let kiosk = KioskId::parse("k").unwrap();
        assert!(store.append(&kiosk, record(1)).await.is_ok());
        assert!(store.append(&kiosk, record(2)).await.is_ok());
        assert!(matches!(
            store.append(&kiosk, record(3)).await,
            Err(StoreError::Full(_))
        ));
    }
}
