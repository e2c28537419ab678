//! Room membership across processes: each process with a backend tells the others, on the
//! app's channel, how many members each of its rooms has: at once (batched) when it changes,
//! and again every `presence_interval` (5 s) as a heartbeat. A count is kept for three of its
//! sender's intervals, so the rooms of a process that dies without a word empty themselves.
//! [`Hub::members`](super::Hub::members) adds the other processes' counts to its own.

use super::{Cmd, HubInner};
use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, oneshot};

/// Rooms per presence message, at most (keeps a message under PostgreSQL's `NOTIFY` limit
/// with room names of up to ~60 bytes).
const ROOMS_PER_MESSAGE: usize = 80;
/// How long a burst of joins and leaves is gathered before it is told.
const BATCH: Duration = Duration::from_millis(50);

/// The other processes' counts: room -> process (origin) -> (members, kept until).
#[derive(Default)]
pub(super) struct Peers(HashMap<String, HashMap<u64, (usize, Instant)>>);

impl Peers {
    /// What another process said of its rooms (`0`: none left there).
    fn update(
        &mut self,
        origin: u64,
        counts: &serde_json::Map<String, serde_json::Value>,
        ttl: Duration,
    ) {
        let until = Instant::now() + ttl;
        for (room, n) in counts {
            let n = n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0);
            if n == 0 {
                if let Some(by) = self.0.get_mut(room) {
                    by.remove(&origin);
                    if by.is_empty() {
                        self.0.remove(room);
                    }
                }
            } else {
                self.0
                    .entry(room.clone())
                    .or_default()
                    .insert(origin, (n, until));
            }
        }
    }

    /// The members of `room` in the other processes that are still heard from.
    pub(super) fn count(&mut self, room: &str) -> usize {
        let now = Instant::now();
        let Some(by) = self.0.get_mut(room) else {
            return 0;
        };
        by.retain(|_, (_, until)| *until > now);
        let n = by.values().map(|(n, _)| n).sum();
        if by.is_empty() {
            self.0.remove(room);
        }
        n
    }
}

/// Reads a presence message of another process into `peers`; `false` when `v` is not one.
pub(super) fn incoming(inner: &HubInner, v: &serde_json::Value) -> bool {
    let Some(counts) = v["p"].as_object() else {
        return false;
    };
    let origin = v["o"].as_str().and_then(|o| o.parse::<u64>().ok());
    let ttl = Duration::from_millis(v["t"].as_u64().unwrap_or(15_000));
    if let Some(origin) = origin.filter(|o| *o != inner.origin) {
        let mut peers = inner.peers.lock().unwrap_or_else(|p| p.into_inner());
        peers.update(origin, counts, ttl);
    }
    true
}

/// Tells the other processes this process's counts: every `every`, and shortly after a
/// change. Ends when the hub is gone.
pub(super) async fn beat(hub: Weak<HubInner>, changed: Arc<Notify>, every: Duration) {
    let mut told: HashMap<String, usize> = HashMap::new();
    // The hub is still being built when this starts; it notifies once it is.
    changed.notified().await;
    loop {
        let Some(inner) = hub.upgrade() else {
            return;
        };
        let now = inner.local_counts();
        // Rooms emptied since the last message are told as 0, so they empty at once elsewhere.
        let mut say: Vec<(String, usize)> = now.iter().map(|(r, n)| (r.clone(), *n)).collect();
        say.extend(
            told.keys()
                .filter(|r| !now.contains_key(*r))
                .map(|r| (r.clone(), 0)),
        );
        let ttl = u64::try_from((every * 3).as_millis()).unwrap_or(u64::MAX);
        for chunk in say.chunks(ROOMS_PER_MESSAGE) {
            let counts: serde_json::Map<String, serde_json::Value> = chunk
                .iter()
                .map(|(r, n)| (r.clone(), serde_json::Value::from(*n)))
                .collect();
            let payload =
                serde_json::json!({ "o": inner.origin.to_string(), "p": counts, "t": ttl })
                    .to_string();
            if let Some(backend) = &inner.backend {
                let (done, _) = oneshot::channel();
                let _ = backend.send(Cmd { payload, done });
            }
        }
        told = now;
        drop(inner);
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = changed.notified() => tokio::time::sleep(BATCH).await,
        }
    }
}
