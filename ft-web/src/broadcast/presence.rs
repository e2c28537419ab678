//! Room membership across processes: each process with a backend tells the others, on the
//! app's channel, how many members each of its rooms has: at once (batched) when it changes,
//! and again every `presence_interval` (5 s) as a heartbeat. A count is kept for three of its
//! sender's intervals, so the rooms of a process that dies without a word empty themselves.
//! [`Hub::members`](super::Hub::members) adds the other processes' counts to its own.
//!
//! These messages are best-effort: not queued while the backend is away, and dropped when
//! the outbox is over half full (the next heartbeat tells every count again). Ones that are
//! in the log (the Redis stream, the PostgreSQL table) when a process catches up after a
//! reconnect are read like the others: at most a few seconds old, they are soon replaced.

use super::HubInner;
use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, oneshot};

/// The rooms of one presence message take at most this many bytes of JSON (small messages
/// for the backend's log).
const MESSAGE_BYTES: usize = 6_000;
/// A room whose name is longer is not told to the other processes (it counts only here).
const MAX_ROOM_NAME: usize = 1_000;
/// How long a burst of joins and leaves is gathered before it is told.
const BATCH: Duration = Duration::from_millis(50);
/// The heartbeat interval is kept within these bounds (`WsConfig::presence_interval`).
const MIN_EVERY: Duration = Duration::from_millis(100);
const MAX_EVERY: Duration = Duration::from_secs(24 * 3600);
/// A count another process sends is kept at most this long, whatever it asks for.
const MAX_TTL: Duration = Duration::from_secs(3 * 24 * 3600);
/// Members one process may claim in one room, at most (a count is a `usize` sum).
const MAX_COUNT: u64 = 1 << 32;

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
        let until = Instant::now() + ttl.min(MAX_TTL);
        for (room, n) in counts {
            let n = n
                .as_u64()
                .map(|n| n.min(MAX_COUNT))
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
        let n = by
            .values()
            .fold(0usize, |sum, (n, _)| sum.saturating_add(*n));
        if by.is_empty() {
            self.0.remove(room);
        }
        n
    }

    /// Forgets every count that has expired (those of processes gone quiet).
    fn sweep(&mut self) {
        let now = Instant::now();
        self.0.retain(|_, by| {
            by.retain(|_, (_, until)| *until > now);
            !by.is_empty()
        });
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

/// Tells the other processes this process's counts: all of them every `every` (the
/// heartbeat), and those that changed shortly after a change. A round is skipped while the
/// backend has not yet sent the previous one, so the queue to it stays short. Ends when the
/// hub is gone.
pub(super) async fn beat(hub: Weak<HubInner>, changed: Arc<Notify>, every: Duration) {
    let every = every.clamp(MIN_EVERY, MAX_EVERY);
    let ttl = u64::try_from(every.saturating_mul(3).as_millis()).unwrap_or(u64::MAX);
    let mut told: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<oneshot::Receiver<()>> = Vec::new();
    let mut all = true;
    // The hub is still being built when this starts; it notifies once it is.
    changed.notified().await;
    loop {
        let Some(inner) = hub.upgrade() else {
            return;
        };
        inner
            .peers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .sweep();
        pending.retain_mut(|rx| matches!(rx.try_recv(), Err(oneshot::error::TryRecvError::Empty)));
        if pending.is_empty() {
            let now = inner.local_counts();
            // Rooms emptied since the last message are told as 0, so they empty at once
            // elsewhere; between heartbeats only what changed is told.
            let mut say: Vec<(&str, usize)> = now
                .iter()
                .filter(|(r, n)| all || told.get(*r) != Some(n))
                .map(|(r, n)| (r.as_str(), *n))
                .collect();
            say.extend(
                told.keys()
                    .filter(|r| !now.contains_key(*r))
                    .map(|r| (r.as_str(), 0)),
            );
            for counts in batches(&say) {
                let msg =
                    serde_json::json!({ "o": inner.origin.to_string(), "p": counts, "t": ttl });
                let payload = inner.seal(&msg.to_string());
                if let Some(rx) = inner
                    .outbox
                    .as_ref()
                    .and_then(|o| o.push_best_effort(payload))
                {
                    pending.push(rx);
                }
            }
            told = now;
        }
        drop(inner);
        tokio::select! {
            _ = tokio::time::sleep(every) => all = true,
            _ = changed.notified() => {
                all = false;
                tokio::time::sleep(BATCH).await;
            }
        }
    }
}

/// The counts as JSON objects of at most [`MESSAGE_BYTES`] each; rooms with names over
/// [`MAX_ROOM_NAME`] bytes are left out.
fn batches(say: &[(&str, usize)]) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let mut out = Vec::new();
    let mut cur = serde_json::Map::new();
    let mut bytes = 0;
    for (room, n) in say.iter().filter(|(r, _)| r.len() <= MAX_ROOM_NAME) {
        // A name's JSON may grow by escaping: twice its length, plus quotes, colon, digits.
        let size = room.len() * 2 + 24;
        if bytes + size > MESSAGE_BYTES && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            bytes = 0;
        }
        cur.insert((*room).to_owned(), serde_json::Value::from(*n));
        bytes += size;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_stay_small_and_skip_long_names() {
        let long = "x".repeat(MAX_ROOM_NAME + 1);
        let names: Vec<String> = (0..500)
            .map(|i| format!("room-{i}-{}", "\"".repeat(i % 90)))
            .collect();
        let mut say: Vec<(&str, usize)> = names.iter().map(|n| (n.as_str(), 1)).collect();
        say.push((long.as_str(), 3));
        let out = batches(&say);
        assert!(out.len() > 1);
        let told: usize = out.iter().map(serde_json::Map::len).sum();
        assert_eq!(told, 500, "every room but the long one");
        for b in &out {
            assert!(serde_json::Value::Object(b.clone()).to_string().len() <= MESSAGE_BYTES);
        }
    }

    #[test]
    fn hostile_counts_are_bounded() {
        let mut peers = Peers::default();
        let mut counts = serde_json::Map::new();
        counts.insert("r".into(), serde_json::Value::from(u64::MAX));
        peers.update(1, &counts, Duration::MAX);
        peers.update(2, &counts, Duration::MAX);
        assert_eq!(peers.count("r"), 2 * (1usize << 32));
        let mut zero = serde_json::Map::new();
        zero.insert("r".into(), serde_json::Value::from(0));
        peers.update(1, &zero, Duration::from_secs(1));
        assert_eq!(peers.count("r"), 1 << 32);
        peers.update(3, &counts, Duration::ZERO);
        peers.sweep();
        assert_eq!(peers.count("r"), 1 << 32, "an expired count is gone");
    }
}
