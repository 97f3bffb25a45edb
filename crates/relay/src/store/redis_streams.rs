//! The shared store: Redis Streams, one per kiosk, for any number of relay instances.
//!
//! Layout (all keys under `enrollment-relay:`):
//! - `enrollment-relay:stream:{kiosk_id}`: the kiosk's stream. Each entry has the fields
//!   `api-key` and `body`; `XADD … MAXLEN ~ {max_len}`, then `PEXPIRE` to the stream TTL, in
//!   one `MULTI`, so a stream lives its TTL after its last callback and never grows unbounded.
//! - `enrollment-relay:appended`: a Pub/Sub channel; the same `MULTI` publishes the kiosk id
//!   on it, and every instance wakes its subscribers of that kiosk. Pub/Sub is at most once,
//!   which is enough for a wake-up: the stream is the record, readers read it after their last
//!   id (`XRANGE (last +`), and after a Pub/Sub reconnect every subscriber reads again.
//!
//! When Redis does not answer a write within [`RedisTimeouts::write`], the callback is held in
//! this instance's memory (bounded by [`HeldLimits`]) and Entra gets 200: our outage must not
//! become the wallet's error (reference `assurance-and-fleet.md` §2), and Entra's retries are
//! not documented, so a refusal could lose the status anyway. A background task writes held
//! callbacks in order as soon as Redis answers; while any are held, new callbacks queue behind
//! them so a kiosk's order is kept. Held callbacks older than the stream TTL are dropped (their
//! request is over). They are lost only if this instance dies while Redis is down. When the
//! held limits are reached, callbacks get 503.
//!
//! Delivery is at least once: a write that timed out may have landed and is written again.
//! Statuses only move forward, so the kiosk reading one twice is harmless.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use axum::body::Bytes;
use futures_util::StreamExt;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::Notify;

use super::{Appended, CallbackStore, StoreError, StreamLimits};
use crate::event::{CallbackRecord, EventId, StoredCallback};
use crate::kiosk::KioskId;
use crate::shape::check_callback_body;
use crate::wakeups::Wakeups;

const KEY_PREFIX: &str = "enrollment-relay:stream:";
const CHANNEL: &str = "enrollment-relay:appended";

/// How long the relay waits for Redis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedisTimeouts {
    /// A callback's write, before it is held instead (default 50 ms, so that Entra is answered
    /// within the 100 ms the product promises even when Redis hangs).
    pub write: Duration,
    /// Reads, pings and connecting (default 2 s).
    pub other: Duration,
}

impl Default for RedisTimeouts {
    fn default() -> Self {
        Self {
            write: Duration::from_millis(50),
            other: Duration::from_secs(2),
        }
    }
}

/// How much an instance holds in memory while Redis is unreachable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldLimits {
    /// Default 10,000 callbacks: 20 s of the fleet benchmark's 500/s.
    pub max_callbacks: usize,
    /// Default 64 MiB of bodies.
    pub max_bytes: usize,
}

impl Default for HeldLimits {
    fn default() -> Self {
        Self {
            max_callbacks: 10_000,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Problems setting up the Redis store.
#[derive(Debug, thiserror::Error)]
pub enum RedisStoreError {
    #[error("the Redis URL is not usable ({0}); write it as redis://[user:password@]host[:port][/db] or rediss://…")]
    Url(String),
    #[error("could not set up the Redis connection: {0}")]
    Connection(String),
}

struct HeldCallback {
    kiosk: KioskId,
    record: CallbackRecord,
    since: Instant,
}

#[derive(Default)]
struct Held {
    queue: VecDeque<HeldCallback>,
    bytes: usize,
}

/// See the module comment.
pub struct RedisStore {
    connection: ConnectionManager,
    limits: StreamLimits,
    timeouts: RedisTimeouts,
    held_limits: HeldLimits,
    held: Mutex<Held>,
    held_added: Notify,
    wakeups: Arc<Wakeups>,
    address: String,
}

fn stream_key(kiosk: &KioskId) -> String {
    format!("{KEY_PREFIX}{kiosk}")
}

fn unreachable(error: redis::RedisError) -> StoreError {
    StoreError::Unreachable(error.to_string())
}

impl RedisStore {
    /// Sets up the store for `url` without waiting for Redis: an instance started while Redis
    /// is down starts, says so on `/readyz`, and connects when Redis is back. Call it inside a
    /// tokio runtime: it starts the tasks that write held callbacks and follow Pub/Sub.
    pub fn connect(
        url: &str,
        limits: StreamLimits,
        timeouts: RedisTimeouts,
        held_limits: HeldLimits,
        wakeups: Arc<Wakeups>,
    ) -> Result<Arc<Self>, RedisStoreError> {
        let client = redis::Client::open(url).map_err(|e| RedisStoreError::Url(e.to_string()))?;
        let address = client.get_connection_info().addr().to_string();
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeouts.other))
            .set_response_timeout(Some(timeouts.other))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let connection = ConnectionManager::new_lazy_with_config(client.clone(), config)
            .map_err(|e| RedisStoreError::Connection(e.to_string()))?;
        let store = Arc::new(Self {
            connection,
            limits,
            timeouts,
            held_limits,
            held: Mutex::new(Held::default()),
            held_added: Notify::new(),
            wakeups,
            address,
        });
        tokio::spawn(write_held(Arc::downgrade(&store)));
        tokio::spawn(listen_for_appends(
            client,
            Arc::downgrade(&store),
            store.timeouts.other,
        ));
        Ok(store)
    }

    fn held_queue(&self) -> MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn write(&self, kiosk: &KioskId, record: &CallbackRecord) -> Result<EventId, StoreError> {
        let key = stream_key(kiosk);
        let mut connection = self.connection.clone();
        let (id,): (String,) = redis::pipe()
            .atomic()
            .cmd("XADD")
            .arg(&key)
            .arg("MAXLEN")
            .arg("~")
            .arg(self.limits.max_len.max(1))
            .arg("*")
            .arg("api-key")
            .arg(record.api_key.as_str())
            .arg("body")
            .arg(record.body.as_ref())
            .cmd("PEXPIRE")
            .arg(&key)
            .arg(self.limits.ttl.as_millis().max(1) as u64)
            .ignore()
            .cmd("PUBLISH")
            .arg(CHANNEL)
            .arg(kiosk.as_str())
            .ignore()
            .query_async(&mut connection)
            .await
            .map_err(unreachable)?;
        id.parse()
            .map_err(|_| StoreError::Unexpected("XADD returned no entry id".into()))
    }

    /// Holds `record` for the writer task; `Full` when the held limits are reached.
    fn hold(&self, kiosk: &KioskId, record: CallbackRecord) -> Result<Appended, StoreError> {
        {
            let mut held = self.held_queue();
            let size = record.body.len() + record.api_key.len();
            if held.queue.len() >= self.held_limits.max_callbacks
                || held.bytes + size > self.held_limits.max_bytes
            {
                return Err(StoreError::Full(
                    "Redis is unreachable and this instance holds as many callbacks as it may",
                ));
            }
            held.bytes += size;
            held.queue.push_back(HeldCallback {
                kiosk: kiosk.clone(),
                record,
                since: Instant::now(),
            });
        }
        self.held_added.notify_one();
        Ok(Appended::Held)
    }

    /// Reads `XRANGE`/`XREVRANGE` entries; entries that are not what the relay writes are
    /// skipped (never sent to a kiosk).
    fn entries(raw: Vec<(String, Vec<Vec<u8>>)>) -> Vec<StoredCallback> {
        raw.into_iter()
            .filter_map(|(id, fields)| {
                let id: EventId = id.parse().ok()?;
                let mut api_key = None;
                let mut body = None;
                for pair in fields.chunks_exact(2) {
                    match pair[0].as_slice() {
                        b"api-key" => api_key = String::from_utf8(pair[1].clone()).ok(),
                        b"body" => body = Some(Bytes::from(pair[1].clone())),
                        _ => {}
                    }
                }
                let (api_key, body) = (api_key?, body?);
                if check_callback_body(&body).is_err() {
                    tracing::warn!(%id, "skipped a stream entry that is not a well-formed callback");
                    return None;
                }
                Some(StoredCallback {
                    id,
                    record: CallbackRecord { api_key, body },
                })
            })
            .collect()
    }
}

#[async_trait]
impl CallbackStore for RedisStore {
    async fn append(
        &self,
        kiosk: &KioskId,
        record: CallbackRecord,
    ) -> Result<Appended, StoreError> {
        // Behind callbacks already held, to keep each kiosk's order.
        if !self.held_queue().queue.is_empty() {
            return self.hold(kiosk, record);
        }
        match tokio::time::timeout(self.timeouts.write, self.write(kiosk, &record)).await {
            Ok(Ok(id)) => {
                self.wakeups.wake(kiosk);
                Ok(Appended::Stored(id))
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "Redis refused a callback write; holding it");
                self.hold(kiosk, record)
            }
            Err(_) => {
                tracing::warn!(timeout = ?self.timeouts.write, "Redis did not take a callback in time; holding it");
                self.hold(kiosk, record)
            }
        }
    }

    async fn read_after(
        &self,
        kiosk: &KioskId,
        after: EventId,
        limit: usize,
    ) -> Result<Vec<StoredCallback>, StoreError> {
        let mut connection = self.connection.clone();
        let mut command = redis::cmd("XRANGE");
        command
            .arg(stream_key(kiosk))
            .arg(format!("({after}"))
            .arg("+")
            .arg("COUNT")
            .arg(limit.max(1));
        let read = command.query_async::<Vec<(String, Vec<Vec<u8>>)>>(&mut connection);
        let raw = tokio::time::timeout(self.timeouts.other, read)
            .await
            .map_err(|_| StoreError::Timeout(self.timeouts.other))?
            .map_err(unreachable)?;
        Ok(Self::entries(raw))
    }

    async fn last_id(&self, kiosk: &KioskId) -> Result<EventId, StoreError> {
        let mut connection = self.connection.clone();
        let mut command = redis::cmd("XREVRANGE");
        command
            .arg(stream_key(kiosk))
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(1);
        let read = command.query_async::<Vec<(String, Vec<Vec<u8>>)>>(&mut connection);
        let raw = tokio::time::timeout(self.timeouts.other, read)
            .await
            .map_err(|_| StoreError::Timeout(self.timeouts.other))?
            .map_err(unreachable)?;
        // The newest id even if that entry is not one to send: reading resumes after it.
        Ok(raw
            .first()
            .and_then(|(id, _)| id.parse().ok())
            .unwrap_or(EventId::ZERO))
    }

    async fn check_ready(&self) -> Result<(), StoreError> {
        let mut connection = self.connection.clone();
        let command = redis::cmd("PING");
        let ping = command.query_async::<String>(&mut connection);
        tokio::time::timeout(self.timeouts.other, ping)
            .await
            .map_err(|_| StoreError::Timeout(self.timeouts.other))?
            .map_err(unreachable)?;
        Ok(())
    }

    fn held(&self) -> usize {
        self.held_queue().queue.len()
    }

    async fn flush(&self, patience: Duration) -> usize {
        let until = Instant::now() + patience;
        loop {
            let held = self.held();
            if held == 0 || Instant::now() >= until {
                return held;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn describe(&self) -> String {
        format!("Redis Streams at {}", self.address)
    }
}

/// Writes held callbacks to Redis, oldest first, retrying with backoff until Redis answers.
async fn write_held(store: Weak<RedisStore>) {
    const MIN_BACKOFF: Duration = Duration::from_millis(50);
    const MAX_BACKOFF: Duration = Duration::from_secs(2);
    let mut backoff = MIN_BACKOFF;
    loop {
        let Some(strong) = store.upgrade() else {
            return;
        };
        let next = {
            let held = strong.held_queue();
            held.queue
                .front()
                .map(|h| (h.kiosk.clone(), h.record.clone(), h.since))
        };
        let Some((kiosk, record, since)) = next else {
            // Woken by `hold`, or every second to notice the store was dropped.
            let wait = {
                let added = strong.held_added.notified();
                tokio::time::timeout(Duration::from_secs(1), added).await
            };
            drop(wait);
            continue;
        };
        let pop = |store: &RedisStore| {
            let mut held = store.held_queue();
            if let Some(front) = held.queue.pop_front() {
                held.bytes = held
                    .bytes
                    .saturating_sub(front.record.body.len() + front.record.api_key.len());
            }
        };
        if since.elapsed() > strong.limits.ttl {
            pop(&strong);
            tracing::warn!(%kiosk, "dropped a held callback older than the stream TTL: Redis was unreachable all that time");
            continue;
        }
        let timeout = strong.timeouts.other;
        match tokio::time::timeout(timeout, strong.write(&kiosk, &record)).await {
            Ok(Ok(_)) => {
                pop(&strong);
                strong.wakeups.wake(&kiosk);
                backoff = MIN_BACKOFF;
                if strong.held() == 0 {
                    tracing::info!("every held callback is now in Redis");
                }
            }
            _ => {
                drop(strong);
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
}

/// Follows the Pub/Sub channel and wakes this instance's subscribers of each kiosk named on it;
/// reconnects with backoff, and wakes everyone after each (re)connection.
async fn listen_for_appends(client: redis::Client, store: Weak<RedisStore>, timeout: Duration) {
    let wakeups = || store.upgrade().map(|s| s.wakeups.clone());
    const PING_EVERY: Duration = Duration::from_secs(10);
    let mut backoff = Duration::from_millis(100);
    loop {
        if store.strong_count() == 0 {
            return;
        }
        let connected = async {
            let pubsub = client.get_async_pubsub().await?;
            let (mut sink, stream) = pubsub.split();
            sink.subscribe(CHANNEL).await?;
            Ok::<_, redis::RedisError>((sink, stream))
        };
        let (mut sink, mut stream) = match tokio::time::timeout(timeout, connected).await {
            Ok(Ok(pair)) => pair,
            _ => {
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(2));
                continue;
            }
        };
        backoff = Duration::from_millis(100);
        match wakeups() {
            Some(wakeups) => wakeups.wake_all(),
            None => return,
        }
        loop {
            tokio::select! {
                message = stream.next() => {
                    let Some(message) = message else { break };
                    let Some(wakeups) = wakeups() else { return };
                    if let Ok(kiosk) = std::str::from_utf8(message.get_payload_bytes())
                        .map_err(|_| ())
                        .and_then(|text| KioskId::parse(text).map_err(|_| ()))
                    {
                        wakeups.wake(&kiosk);
                    }
                }
                _ = tokio::time::sleep(PING_EVERY) => {
                    // A half-open connection would otherwise stay silent forever. On a
                    // subscribed connection Redis answers PING with an array (["pong", ""]),
                    // not "PONG": any answer will do.
                    let ping = sink.ping::<redis::Value>();
                    if !matches!(tokio::time::timeout(timeout, ping).await, Ok(Ok(_))) {
                        break;
                    }
                    if store.strong_count() == 0 {
                        return;
                    }
                }
            }
        }
        // Every subscriber reads now: when Redis is gone its read fails and its kiosk is told
        // (the subscription ends); when only this connection broke, it picks up what the
        // missed wake-ups would have announced.
        match wakeups() {
            Some(wakeups) => wakeups.wake_all(),
            None => return,
        }
        tracing::warn!("lost the Redis Pub/Sub connection; reconnecting");
    }
}
