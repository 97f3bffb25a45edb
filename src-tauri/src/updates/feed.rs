//! Where updates come from and who signs them: the feed, the public key check, and the
//! reasons an update was not checked, downloaded or installed.

use std::time::Duration;

use administration::update_status::UpdateError;

use url::Url;

/// Where updates come from and who signs them.
#[derive(Clone)]
pub struct UpdateFeed {
    pub endpoint: Url,
    /// The minisign public key as `tauri signer generate` prints it (base64 of the key file).
    pub pubkey: String,
    pub check_every: Duration,
    /// Where an administrator sets the key: named in messages about it.
    pub pubkey_setting: &'static str,
}

impl std::fmt::Debug for UpdateFeed {
    // The key is public, but it is configuration, not something logs need to carry.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateFeed")
            .field("endpoint", &self.endpoint.as_str())
            .field("pubkey", &"<set>")
            .field("check_every", &self.check_every)
            .finish()
    }
}

impl UpdateFeed {
    /// The feed in the configuration file, if it names one.
    pub fn from_config(
        updates: &kiosk_config::UpdatesSection,
        check_every: Duration,
    ) -> Result<Option<Self>, UpdateError> {
        let (Some(endpoint), Some(pubkey)) = (&updates.endpoint, &updates.pubkey) else {
            return Ok(None);
        };
        let endpoint =
            Url::parse(endpoint).map_err(|error| UpdateError::BadEndpoint(error.to_string()))?;
        Ok(Some(Self {
            endpoint,
            pubkey: pubkey.trim().to_string(),
            check_every,
            pubkey_setting: "updates.pubkey",
        }))
    }
}

/// Checks that `pubkey` is what the updater expects: base64 of a minisign public key file.
pub fn check_public_key(pubkey: &str) -> Result<(), UpdateError> {
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD
        .decode(pubkey.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(UpdateError::InvalidPublicKey)?;
    minisign_verify::PublicKey::decode(&text)
        .map(drop)
        .map_err(|_| UpdateError::InvalidPublicKey)
}
