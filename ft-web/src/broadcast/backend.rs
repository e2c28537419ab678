//! The backend's side of a hub: the seal of its messages, its channel's name, and the thread
//! that runs its backend (Redis or PostgreSQL) beside the presence heartbeat.

use super::outbox::Outbox;
use super::{Broadcast, HubInner};
#[cfg(any(feature = "postgres", feature = "redis"))]
use super::{DEFAULT_CHANNEL, Hub};
use std::sync::{Arc, Weak};
use tokio::sync::watch;

/// The key an app's hub seals its messages with (a SHA-256 of the app's key, labelled).
pub(super) fn seal_key(key: &actix_web::cookie::Key) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"ft broadcast seal\0");
    h.update(key.master());
    h.finalize().into()
}

/// The HMAC-SHA256 of `json` under `key`.
pub(super) fn mac_of(key: &[u8; 32], json: &str) -> Option<Vec<u8>> {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).ok()?;
    mac.update(json.as_bytes());
    Some(mac.finalize().into_bytes().to_vec())
}

/// An app's own channel: `ft_` and the first 8 bytes of a SHA-256 of its key, in hex. A hash,
/// so the name (seen by anyone who can read the backend) tells nothing of the key.
pub(crate) fn app_channel(key: &actix_web::cookie::Key) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"ft broadcast channel\0");
    h.update(key.master());
    let digest = h.finalize();
    let mut name = String::with_capacity(19);
    name.push_str("ft_");
    for b in &digest[..8] {
        name.push_str(&format!("{b:02x}"));
    }
    name
}

/// Starts the backend's thread (its own single-threaded runtime), which sends what `outbox`
/// holds, delivers what the other processes publish and runs the presence heartbeat `beat`,
/// until the hub is gone.
pub(super) fn start_backend(
    cfg: Broadcast,
    hub: Weak<HubInner>,
    outbox: Arc<Outbox>,
    ready: watch::Sender<bool>,
    beat: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let name = format!("ft-broadcast-{}", cfg.kind());
    let spawned = std::thread::Builder::new().name(name).spawn(move || {
        let rt = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                tracing::error!("broadcast backend: cannot start its runtime: {e}");
                return;
            }
        };
        match cfg {
            #[cfg(feature = "postgres")]
            Broadcast::Postgres { url, channel } => {
                let channel = channel.unwrap_or_else(|| DEFAULT_CHANNEL.into());
                rt.block_on(with_beat(
                    super::pg::run_pg(url, channel, hub, outbox, ready),
                    beat,
                ))
            }
            #[cfg(feature = "redis")]
            Broadcast::Redis { url, channel } => {
                let channel = channel.unwrap_or_else(|| DEFAULT_CHANNEL.into());
                rt.block_on(with_beat(
                    super::redis::run_redis(url, channel, hub, outbox, ready),
                    beat,
                ))
            }
            Broadcast::InProcess => drop((rt, hub, outbox, ready, beat)),
        }
    });
    if let Err(e) = spawned {
        tracing::error!("broadcast backend: cannot start its thread: {e}");
    }
}

/// Runs a backend's loop with the presence heartbeat beside it, until the loop ends (when
/// the hub is gone).
#[cfg(any(feature = "postgres", feature = "redis"))]
async fn with_beat(run: impl std::future::Future, beat: impl std::future::Future<Output = ()>) {
    tokio::pin!(run);
    tokio::select! {
        _ = &mut run => return,
        _ = beat => {}
    }
    run.await;
}

/// Delivers a payload from the backend to this process's members; `false` when the hub is
/// gone (the backend's loop ends then).
#[cfg(any(feature = "postgres", feature = "redis"))]
pub(super) fn deliver_incoming(hub: &Weak<HubInner>, payload: &str) -> bool {
    match hub.upgrade() {
        Some(inner) => {
            Hub(inner).incoming(payload);
            true
        }
        None => false,
    }
}
