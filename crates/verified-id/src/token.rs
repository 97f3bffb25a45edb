//! The access-token cache: one token per client (one tenant, client id and scope), replaced
//! shortly before it expires, fetched by one caller at a time while the others wait for it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

/// The longest token lifetime believed: one day. Entra's access tokens live 60–90 minutes
/// (reference §1, [LIFE]); a larger `expires_in` is clamped to this.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    /// A number; some older endpoints send it as a string.
    expires_in: serde_json::Value,
}

/// Reads a successful token answer (reference §1): the access token and its lifetime, at most
/// [`MAX_TOKEN_LIFETIME`]. `Err` says what is wrong with the body, never what it holds. Public
/// so that the fuzz targets (`fuzz/`) can reach it without a server.
pub fn read_token_answer(body: &[u8]) -> Result<(SecretString, Duration), &'static str> {
    let parsed: TokenBody =
        serde_json::from_slice(body).map_err(|_| "the body lacks access_token or expires_in")?;
    let expires_in = match &parsed.expires_in {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
    .ok_or("expires_in is not a number of seconds")?;
    // Entra's tokens live 60–90 minutes (reference §1); nothing beyond a day is believed.
    let lifetime = Duration::from_secs(expires_in).min(MAX_TOKEN_LIFETIME);
    Ok((SecretString::from(parsed.access_token), lifetime))
}

/// A token handed to a caller, with the generation that [`TokenCache::invalidate`] needs.
pub(crate) struct LeasedToken {
    pub value: Arc<SecretString>,
    pub generation: u64,
}

struct CachedToken {
    value: Arc<SecretString>,
    refresh_at: Instant,
    generation: u64,
}

pub(crate) struct TokenCache {
    /// Held across the fetch, so concurrent callers share one refresh.
    slot: Mutex<(Option<CachedToken>, u64)>,
    margin: Duration,
}

impl TokenCache {
    pub fn new(margin: Duration) -> Self {
        Self {
            slot: Mutex::new((None, 0)),
            margin,
        }
    }

    /// The cached token, or a fresh one from `fetch` (which returns the token and `expires_in`).
    pub async fn get<F, Fut, E>(&self, fetch: F) -> Result<LeasedToken, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(SecretString, Duration), E>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some(cached) = &slot.0 {
            if Instant::now() < cached.refresh_at {
                return Ok(LeasedToken {
                    value: cached.value.clone(),
                    generation: cached.generation,
                });
            }
        }
        let requested_at = Instant::now();
        let (value, expires_in) = fetch().await?;
        // No `expires_in` is believed beyond a day (Entra's are 60–90 minutes, reference §1), so
        // that a huge value cannot overflow the `Instant` below.
        let expires_in = expires_in.min(MAX_TOKEN_LIFETIME);
        // Refresh `margin` before expiry, but never later than half the lifetime (short-lived tokens).
        let keep_for = expires_in.saturating_sub(self.margin).max(expires_in / 2);
        slot.1 += 1;
        let generation = slot.1;
        let value = Arc::new(value);
        slot.0 = Some(CachedToken {
            value: value.clone(),
            refresh_at: requested_at.checked_add(keep_for).unwrap_or(requested_at),
            generation,
        });
        Ok(LeasedToken { value, generation })
    }

    /// Drops the cached token if it is still the one of `generation` (a newer one is kept).
    pub async fn invalidate(&self, generation: u64) {
        let mut slot = self.slot.lock().await;
        if slot.0.as_ref().is_some_and(|c| c.generation == generation) {
            slot.0 = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn fetch_counting(
        count: &AtomicUsize,
        lifetime: Duration,
    ) -> Result<(SecretString, Duration), ()> {
        let n = count.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(10)).await;
        Ok((SecretString::from(format!("token-{n}")), lifetime))
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_one_fetch() {
        let cache = TokenCache::new(Duration::from_secs(300));
        let count = AtomicUsize::new(0);
        let lifetime = Duration::from_secs(3600);
        let (a, b, c) = tokio::join!(
            cache.get(|| fetch_counting(&count, lifetime)),
            cache.get(|| fetch_counting(&count, lifetime)),
            cache.get(|| fetch_counting(&count, lifetime)),
        );
        assert_eq!(count.load(Ordering::SeqCst), 1);
        for token in [a, b, c] {
            assert_eq!(token.unwrap().value.expose_secret(), "token-0");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn refreshes_shortly_before_expiry() {
        let cache = TokenCache::new(Duration::from_secs(300));
        let count = AtomicUsize::new(0);
        let lifetime = Duration::from_secs(3600);
        cache
            .get(|| fetch_counting(&count, lifetime))
            .await
            .unwrap();
        tokio::time::advance(Duration::from_secs(3600 - 301)).await;
        cache
            .get(|| fetch_counting(&count, lifetime))
            .await
            .unwrap();
        assert_eq!(
            count.load(Ordering::SeqCst),
            1,
            "still fresh before the margin"
        );
        tokio::time::advance(Duration::from_secs(2)).await;
        let token = cache
            .get(|| fetch_counting(&count, lifetime))
            .await
            .unwrap();
        assert_eq!(
            count.load(Ordering::SeqCst),
            2,
            "refreshed inside the margin"
        );
        assert_eq!(token.value.expose_secret(), "token-1");
    }

    #[tokio::test(start_paused = true)]
    async fn a_huge_lifetime_is_clamped_to_a_day_without_panicking() {
        let cache = TokenCache::new(Duration::from_secs(300));
        let count = AtomicUsize::new(0);
        let forever = Duration::from_secs(u64::MAX);
        cache.get(|| fetch_counting(&count, forever)).await.unwrap();
        tokio::time::advance(MAX_TOKEN_LIFETIME - Duration::from_secs(301)).await;
        cache.get(|| fetch_counting(&count, forever)).await.unwrap();
        assert_eq!(count.load(Ordering::SeqCst), 1, "cached for most of a day");
        tokio::time::advance(Duration::from_secs(2)).await;
        let token = cache.get(|| fetch_counting(&count, forever)).await.unwrap();
        assert_eq!(count.load(Ordering::SeqCst), 2, "but not longer");
        assert_eq!(token.value.expose_secret(), "token-1");
    }

    #[tokio::test(start_paused = true)]
    async fn invalidating_an_old_generation_keeps_the_new_token() {
        let cache = TokenCache::new(Duration::from_secs(300));
        let count = AtomicUsize::new(0);
        let lifetime = Duration::from_secs(3600);
        let first = cache
            .get(|| fetch_counting(&count, lifetime))
            .await
            .unwrap();
        cache.invalidate(first.generation).await;
        let second = cache
            .get(|| fetch_counting(&count, lifetime))
            .await
            .unwrap();
        cache.invalidate(first.generation).await;
        let third = cache
            .get(|| fetch_counting(&count, lifetime))
            .await
            .unwrap();
        assert_eq!(count.load(Ordering::SeqCst), 2);
        assert_eq!(second.generation, third.generation);
    }
}
