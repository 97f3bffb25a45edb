//! The relay's limits, and the token buckets that enforce its rates.
//!
//! Counts are per instance: instances share nothing but Redis, so N instances behind a load
//! balancer allow up to N times a rate. Each limit's default, and why, is on its field.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::shape::MAX_CALLBACK_BODY_BYTES;

/// A sustained rate with a burst allowance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub per_second: f64,
    pub burst: f64,
}

impl Rate {
    /// `per_second`, with a burst of twice that (at least 1).
    pub fn per_second(per_second: f64) -> Self {
        Self {
            per_second,
            burst: (per_second * 2.0).max(1.0),
        }
    }
}

/// Every limit of one relay instance.
#[derive(Debug, Clone, PartialEq)]
pub struct RelayLimits {
    /// Largest callback body: [`MAX_CALLBACK_BODY_BYTES`] (10 MiB, Entra's documented callback
    /// limit). Over it: 413, counted while the body streams in.
    pub max_body_bytes: usize,
    /// A callback's headers-to-last-byte time: 20 s, the largest body at 4 Mbit/s. Over it: 408.
    pub body_read_timeout: Duration,
    /// Callbacks handled at once: 256; more get 503 at once (load shedding, not queueing).
    pub max_concurrent_callbacks: usize,
    /// Callback body bytes held in memory at once, over all callbacks being read: 256 MiB.
    /// Over it: 503.
    pub max_body_bytes_in_flight: usize,
    /// Requests per client address (IPv6: per /64): 100/s, burst 200. Entra calls from a
    /// handful of Azure addresses, and kiosks behind one NAT share an address, so it is
    /// generous; it stops one address from flooding. Over it: 429.
    pub per_ip: Rate,
    /// Callbacks per kiosk id: 10/s, burst 20. A kiosk gets at most three callbacks per
    /// request, a few a minute. Over it: 429.
    pub per_kiosk_callbacks: Rate,
    /// Open connections (TCP, and TLS once shaken hands): 4,096. At the limit the relay stops
    /// accepting until one closes (the operating system queues the rest).
    pub max_connections: usize,
    /// Subscriptions held at once: 4,000 (below the connection limit, so callbacks always have
    /// room). Over it: 503.
    pub max_subscriptions: usize,
    /// Subscriptions per kiosk: 4. A kiosk holds one; a reconnect may overlap the old one
    /// for a moment. Over it: 429.
    pub max_subscriptions_per_kiosk: usize,
    /// A TLS handshake's time: 10 s.
    pub tls_handshake_timeout: Duration,
    /// Client addresses (or kiosk ids) whose rates are tracked at once: 100,000. Idle ones are
    /// forgotten first; past it new ones get 429.
    pub max_tracked_clients: usize,
}

impl Default for RelayLimits {
    fn default() -> Self {
        Self {
            max_body_bytes: MAX_CALLBACK_BODY_BYTES,
            body_read_timeout: Duration::from_secs(20),
            max_concurrent_callbacks: 256,
            max_body_bytes_in_flight: 256 * 1024 * 1024,
            per_ip: Rate::per_second(100.0),
            per_kiosk_callbacks: Rate::per_second(10.0),
            max_connections: 4096,
            max_subscriptions: 4000,
            max_subscriptions_per_kiosk: 4,
            tls_handshake_timeout: Duration::from_secs(10),
            max_tracked_clients: 100_000,
        }
    }
}

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets by key.
pub struct RateLimiter<K> {
    buckets: Mutex<HashMap<K, Bucket>>,
    rate: Rate,
    max_keys: usize,
}

/// Over a rate limit (429).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many requests")]
pub struct RateLimited;

impl<K: Eq + Hash + Clone> RateLimiter<K> {
    pub fn new(rate: Rate, max_keys: usize) -> Self {
        Self {
            buckets: Mutex::new(HashMap::new()),
            rate,
            max_keys: max_keys.max(1),
        }
    }

    fn buckets(&self) -> MutexGuard<'_, HashMap<K, Bucket>> {
        self.buckets.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes one token from `key`'s bucket.
    pub fn check(&self, key: &K) -> Result<(), RateLimited> {
        self.check_at(key, Instant::now())
    }

    fn check_at(&self, key: &K, now: Instant) -> Result<(), RateLimited> {
        let rate = self.rate;
        let refill = |bucket: &Bucket| {
            let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
            (bucket.tokens + elapsed * rate.per_second).min(rate.burst)
        };
        let mut buckets = self.buckets();
        if !buckets.contains_key(key) && buckets.len() >= self.max_keys {
            // Forget the keys that are back to a full bucket: they would start full anyway.
            buckets.retain(|_, bucket| refill(bucket) < rate.burst);
            if buckets.len() >= self.max_keys {
                return Err(RateLimited);
            }
        }
        let bucket = buckets.entry(key.clone()).or_insert(Bucket {
            tokens: rate.burst,
            updated: now,
        });
        bucket.tokens = refill(bucket);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(RateLimited)
        }
    }
}

/// The address a client's rate is counted under: IPv4 as is, IPv6 by its /64 (one host
/// usually has a whole /64), IPv4-mapped IPv6 as IPv4.
pub fn rate_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let limiter = RateLimiter::new(
            Rate {
                per_second: 10.0,
                burst: 3.0,
            },
            10,
        );
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check_at(&1, start), Ok(()));
        }
        assert_eq!(limiter.check_at(&1, start), Err(RateLimited));
        assert_eq!(limiter.check_at(&2, start), Ok(()));
        assert_eq!(
            limiter.check_at(&1, start + Duration::from_millis(100)),
            Ok(())
        );
        assert_eq!(
            limiter.check_at(&1, start + Duration::from_millis(100)),
            Err(RateLimited)
        );
    }

    #[test]
    fn tracked_keys_are_bounded() {
        let limiter = RateLimiter::new(Rate::per_second(1.0), 2);
        let start = Instant::now();
        assert!(limiter.check_at(&1, start).is_ok());
        assert!(limiter.check_at(&2, start).is_ok());
        assert_eq!(limiter.check_at(&3, start), Err(RateLimited));
        // Once the first two are full again they are forgotten.
        assert!(limiter.check_at(&3, start + Duration::from_secs(5)).is_ok());
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(rate_key(a), rate_key(b));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(rate_key(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
