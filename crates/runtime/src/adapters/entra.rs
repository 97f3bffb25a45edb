//! [`Issuing`] through Microsoft Entra Verified ID: one issuance request per offer, and the
//! service's callbacks, received by our [`CallbackReceiver`], as wallet events.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use tokio::sync::mpsc;
use verified_id::callback::{CallbackEvent, CallbackReceiver};
use verified_id::{CallbackTarget, VerifiedIdClient};

use enrollment::claims::Claims;
use enrollment::domain::CredentialOffer;
use enrollment::ports::{Issuing, IssuingError, WalletEvent};

/// Entra's requests live five minutes; anything longer in a response is not believed.
const LONGEST_OFFER: Duration = Duration::from_secs(15 * 60);

pub struct EntraIssuing {
    client: Arc<VerifiedIdClient>,
    receiver: Arc<CallbackReceiver>,
}

impl EntraIssuing {
    pub fn new(client: Arc<VerifiedIdClient>, receiver: Arc<CallbackReceiver>) -> Self {
        Self { client, receiver }
    }
}

#[async_trait]
impl Issuing for EntraIssuing {
    async fn create_offer(
        &self,
        claims: Claims,
        wallet: mpsc::Sender<WalletEvent>,
    ) -> Result<CredentialOffer, IssuingError> {
        let target = CallbackTarget::fresh(self.receiver.url());
        let mut callbacks = self.receiver.expect_issuance(&target);
        let offer = match self.client.create_issuance(&claims.0, &target).await {
            Ok(offer) => offer,
            Err(error) => {
                self.receiver.forget(&target.state);
                tracing::warn!(%error, "Entra refused the issuance request");
                return Err(IssuingError(error.to_string()));
            }
        };
        let expires_at = expiry_instant(offer.expiry_unix, SystemTime::now(), Instant::now());

        // Relay this request's callbacks until the wallet is done or the session stops
        // listening (cancel, reset, a fresh offer, expiry): then the receiver forgets the
        // request at once, so nothing waits on a request nobody follows.
        let receiver = self.receiver.clone();
        let state = target.state.clone();
        tokio::spawn(async move {
            loop {
                let event = tokio::select! {
                    _ = wallet.closed() => break,
                    event = callbacks.recv() => match event {
                        Some(event) => event,
                        None => break,
                    },
                };
                let (update, last) = match event {
                    CallbackEvent::RequestRetrieved => (WalletEvent::Scanned, false),
                    CallbackEvent::IssuanceSuccessful => (WalletEvent::Added, true),
                    CallbackEvent::IssuanceError { code, message } => {
                        // The code only: the service's message is for the person, not the log.
                        tracing::info!(%code, "the wallet reported an issuance error");
                        (WalletEvent::Failed { reason: message }, true)
                    }
                    other => {
                        tracing::warn!(?other, "a presentation callback arrived for an issuance");
                        continue;
                    }
                };
                if wallet.send(update).await.is_err() || last {
                    break;
                }
            }
            receiver.forget(&state);
        });

        Ok(CredentialOffer {
            url: offer.url,
            pin: offer.pin,
            expires_at,
        })
    }
}

/// Converts the service's Unix expiry into our monotonic clock, trusting it only within bounds.
pub(crate) fn expiry_instant(expiry_unix: i64, now_wall: SystemTime, now: Instant) -> Instant {
    let now_unix = now_wall
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let left = expiry_unix
        .saturating_sub(now_unix)
        .clamp(0, LONGEST_OFFER.as_secs() as i64);
    now + Duration::from_secs(left as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_is_taken_from_the_service_within_bounds() {
        let wall = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let now = Instant::now();
        assert_eq!(
            expiry_instant(1_000_300, wall, now),
            now + Duration::from_secs(300)
        );
        assert_eq!(expiry_instant(999_000, wall, now), now, "already expired");
        assert_eq!(expiry_instant(i64::MAX, wall, now), now + LONGEST_OFFER);
    }
}
