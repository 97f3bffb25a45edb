//! [`Verifying`] through Microsoft Entra Verified ID: one presentation request per code on
//! screen, and its callbacks, received by our [`CallbackReceiver`] and judged against what was
//! asked ([`PresentationPolicy::judge`]) before the session hears of them.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use async_trait::async_trait;
use tokio::sync::mpsc;
use verified_id::callback::CallbackReceiver;
use verified_id::{
    CallbackTarget, ClaimConstraint, PhotoQuality, PresentationFailureReason, PresentationRequest,
    PresentationUpdate, Registration, RevocationStatus, VerifiedIdClient, VerifiedPresentation,
};

use enrollment::claims::ISSUED_CLAIMS;
use enrollment::ports::Verifying;
use enrollment::verification::{
    FaceCheckOutcome, PresentationEvent, PresentationQr, RevocationCheck, ShownClaim,
    VerificationFailure, VerificationPurpose, VerifiedCard,
};

use super::entra::expiry_instant;

/// What the kiosk asks a presented card to be, from the configuration's `[verify]` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyPolicy {
    /// The verifier's DID (the tenant's, as for issuance).
    pub authority: String,
    /// Shown in Authenticator.
    pub client_name: String,
    /// The type this kiosk issues: the new-card check asks for it, from this issuer.
    pub issued_type: String,
    /// Verify mode accepts these types...
    pub credential_types: Vec<String>,
    /// ...from these issuers.
    pub accepted_issuers: Vec<String>,
    /// Face Check: the card's photo claim and the threshold; `None` turns it off.
    pub face_check: Option<(String, u8)>,
    /// A card is accepted only when each claim has one of the values (checked by the service).
    pub required_claim_values: Vec<(String, Vec<String>)>,
    /// The verified claims staff see, in this order.
    pub shown_claims: Vec<String>,
}

impl VerifyPolicy {
    /// The presentation request for `purpose`, with callbacks to `callback`.
    pub fn request(
        &self,
        purpose: VerificationPurpose,
        callback: CallbackTarget,
    ) -> Result<PresentationRequest, verified_id::PresentationRequestError> {
        let mut registration = Registration::named(&self.client_name);
        let mut builder = match purpose {
            VerificationPurpose::Verify => {
                registration.purpose = Some("Show your work Verified ID at the desk.".into());
                let mut builder = PresentationRequest::builder(&self.authority, registration)
                    .credential_types(self.credential_types.iter().cloned())
                    .accepted_issuers(self.accepted_issuers.iter().cloned());
                for (claim, values) in &self.required_claim_values {
                    builder =
                        builder.constraint(ClaimConstraint::values(claim, values.iter().cloned()));
                }
                builder
            }
            VerificationPurpose::NewCard => {
                registration.purpose = Some("Check the card you just added.".into());
                PresentationRequest::builder(&self.authority, registration)
                    .credential_type(&self.issued_type)
                    .accepted_issuer(&self.authority)
            }
        };
        if let Some((photo_claim, threshold)) = &self.face_check {
            builder = builder.face_check(photo_claim, *threshold);
        }
        builder.build(callback)
    }

    /// The card as staff see it: the configured claims with the card's labels, the issuer,
    /// Face Check and what the service said about revocation.
    fn card(&self, presented: &VerifiedPresentation) -> VerifiedCard {
        let credential = presented.credential();
        let claims = self
            .shown_claims
            .iter()
            .filter_map(|name| {
                let value = presented.claim_text(name)?;
                let label = ISSUED_CLAIMS
                    .iter()
                    .find(|spec| spec.name == name)
                    .map_or(name.as_str(), |spec| spec.label);
                Some(ShownClaim {
                    name: name.clone(),
                    label: label.to_string(),
                    value: value.to_string(),
                })
            })
            .collect();
        let face_check = presented.face_check().map(|result| FaceCheckOutcome {
            score: result.match_confidence_score,
            threshold: self.face_check.as_ref().map_or(0, |(_, t)| *t),
            photo_quality: result.source_photo_quality.as_ref().map(|q| match q {
                PhotoQuality::High => "HIGH".to_string(),
                PhotoQuality::Other(text) => text.clone(),
            }),
        });
        let revocation = match presented.revocation_status() {
            Some(RevocationStatus::Valid) => RevocationCheck::Valid,
            _ => RevocationCheck::NotReported,
        };
        VerifiedCard {
            claims,
            issuer: credential.issuer.clone(),
            credential_type: credential
                .types
                .iter()
                .rev()
                .find(|t| *t != "VerifiableCredential")
                .cloned()
                .unwrap_or_default(),
            face_check,
            revocation,
        }
    }
}

fn failure(reason: PresentationFailureReason) -> VerificationFailure {
    use PresentationFailureReason as R;
    match reason {
        R::FaceCheckBelowThreshold { score, threshold } => {
            VerificationFailure::FaceCheckBelowThreshold { score, threshold }
        }
        R::FaceCheckMissing => VerificationFailure::FaceCheckMissing,
        R::BillingNotEnabled => VerificationFailure::BillingNotEnabled,
        R::Revoked => VerificationFailure::Revoked,
        R::WrongIssuerOrType => VerificationFailure::WrongIssuerOrType,
        R::RequestExpired => VerificationFailure::RequestExpired,
        R::UserDeclined => VerificationFailure::UserDeclined,
        R::Other => VerificationFailure::Other,
    }
}

pub struct EntraVerifying {
    client: Arc<VerifiedIdClient>,
    receiver: Arc<CallbackReceiver>,
    policy: VerifyPolicy,
}

impl EntraVerifying {
    pub fn new(
        client: Arc<VerifiedIdClient>,
        receiver: Arc<CallbackReceiver>,
        policy: VerifyPolicy,
    ) -> Self {
        Self {
            client,
            receiver,
            policy,
        }
    }
}

#[async_trait]
impl Verifying for EntraVerifying {
    async fn request_presentation(
        &self,
        purpose: VerificationPurpose,
        face_check: bool,
        events: mpsc::Sender<PresentationEvent>,
    ) -> Result<PresentationQr, VerificationFailure> {
        let target = CallbackTarget::fresh(self.receiver.url());
        let mut policy = self.policy.clone();
        if !face_check {
            policy.face_check = None;
        }
        let request = policy.request(purpose, target.clone()).map_err(|error| {
            // The configuration was validated: this is a bug or a service rule we missed.
            tracing::warn!(%error, "the presentation request could not be built");
            VerificationFailure::Other
        })?;
        let judge = request.policy();
        let mut callbacks = self.receiver.expect_presentation(&target);
        let offer = match self.client.create_presentation(&request).await {
            Ok(offer) => offer,
            Err(error) => {
                self.receiver.forget(&target.state);
                tracing::warn!(%error, "Entra refused the presentation request");
                return Err(PresentationFailureReason::of_create_error(&error)
                    .map_or(VerificationFailure::ServiceUnavailable, failure));
            }
        };
        let expires_at = expiry_instant(offer.expiry_unix, SystemTime::now(), Instant::now());

        // Judge and pass on this request's callbacks until it ends or the session stops
        // listening; then the receiver forgets it at once.
        let receiver = self.receiver.clone();
        let state = target.state.clone();
        tokio::spawn(async move {
            loop {
                let event = tokio::select! {
                    _ = events.closed() => break,
                    event = callbacks.recv() => match event {
                        Some(event) => event,
                        None => break,
                    },
                };
                let Some(update) = judge.judge(event) else {
                    tracing::warn!("an issuance callback arrived for a presentation");
                    continue;
                };
                let (event, last) = match update {
                    PresentationUpdate::Retrieved => (PresentationEvent::Retrieved, false),
                    PresentationUpdate::Verified(presented) => {
                        (PresentationEvent::Verified(policy.card(&presented)), true)
                    }
                    PresentationUpdate::Failed(failed) => {
                        // The code only: the service's message may echo what the wallet sent.
                        tracing::info!(reason = %failed, "the presentation did not verify");
                        (PresentationEvent::Failed(failure(failed.reason)), true)
                    }
                };
                if events.send(event).await.is_err() || last {
                    break;
                }
            }
            receiver.forget(&state);
        });

        Ok(PresentationQr {
            url: offer.url,
            expires_at,
        })
    }
}
