//! What a hub sends to its backend and what it has heard from the other processes.
//!
//! [`Outbox`]: the messages of this process waiting for the backend, in the order they were
//! published, bounded. A backend task sends them in batches and removes them only once the
//! backend has taken them, so a message published while the backend is away (or whose send
//! failed) is sent when it is back. [`Seen`]: the newest message number heard from each
//! other process, so a message that reaches this process twice (a batch sent again after a
//! failure whose outcome was unknown) is delivered once.

// Without a backend feature nothing is sent: only the tests use most of this.
#![cfg_attr(not(any(feature = "postgres", feature = "redis")), allow(dead_code))]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, oneshot, watch};

/// Messages an outbox keeps at most unless `FT_BROADCAST_OUTBOX` says otherwise.
pub const DEFAULT_OUTBOX: usize = 10_000;
/// Bytes of payload an outbox keeps at most, whatever its message limit.
const MAX_BYTES: usize = 64 << 20;

struct Entry {
    payload: Arc<str>,
    /// The publish waiting for the backend to take this message.
    done: Option<oneshot::Sender<()>>,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Entry>,
    bytes: usize,
    /// The number of the next message (`"s"` in its JSON).
    seq: u64,
    /// Can the backend take messages now? (Publishes wait for it only then.)
    connected: bool,
    /// Messages refused since the outbox was last below half full.
    refused: u64,
}

/// The messages of this process on their way to the backend (see the module docs).
pub(crate) struct Outbox {
    state: Mutex<State>,
    wake: Notify,
    closed: watch::Sender<bool>,
    limit: usize,
}

impl Outbox {
    /// An outbox of at most `limit` messages (and 64 MiB).
    pub(crate) fn new(limit: usize) -> Outbox {
        Outbox {
            state: Mutex::new(State::default()),
            wake: Notify::new(),
            closed: watch::Sender::new(false),
            limit: limit.max(1),
        }
    }

    /// The limit from `FT_BROADCAST_OUTBOX` (a number of messages), else [`DEFAULT_OUTBOX`].
    pub(crate) fn limit_from_env() -> usize {
        match std::env::var("FT_BROADCAST_OUTBOX") {
            Ok(v) => v.trim().parse().unwrap_or_else(|_| {
                tracing::warn!("FT_BROADCAST_OUTBOX={v:?} ignored: not a number of messages");
                DEFAULT_OUTBOX
            }),
            Err(_) => DEFAULT_OUTBOX,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Each operation leaves the state whole before it could panic.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues the payload `make` builds from the message's number (numbered under the lock,
    /// so numbers rise in queue order). `Ok(Some(rx))`: the backend is connected, and `rx`
    /// is told when it has taken the message (or when it went away meanwhile; the message is
    /// still queued then). `Ok(None)`: queued while the backend is away. `Err(n)`: refused,
    /// `n` messages are waiting already.
    pub(crate) fn push(
        &self,
        make: impl FnOnce(u64) -> String,
    ) -> Result<Option<oneshot::Receiver<()>>, usize> {
        let mut s = self.lock();
        if s.queue.len() >= self.limit || s.bytes >= MAX_BYTES {
            if s.refused == 0 {
                tracing::warn!(
                    "broadcast: the outbox is full ({} messages, {} bytes waiting for the \
                     backend); publishes reach only this process's members until it drains",
                    s.queue.len(),
                    s.bytes
                );
            }
            s.refused += 1;
            return Err(s.queue.len());
        }
        s.seq += 1;
        let payload: Arc<str> = make(s.seq).into();
        let (done, rx) = if s.connected {
            let (tx, rx) = oneshot::channel();
            (Some(tx), Some(rx))
        } else {
            (None, None)
        };
        s.bytes += payload.len();
        s.queue.push_back(Entry { payload, done });
        drop(s);
        self.wake.notify_one();
        Ok(rx)
    }

    /// Queues a message that is worth sending only now (a presence heartbeat): dropped while
    /// the backend is away or the outbox is over half full. `Some(rx)` as in [`Outbox::push`].
    pub(crate) fn push_best_effort(&self, payload: String) -> Option<oneshot::Receiver<()>> {
        let mut s = self.lock();
        if !s.connected || s.queue.len() >= self.limit / 2 || s.bytes >= MAX_BYTES / 2 {
            return None;
        }
        let (tx, rx) = oneshot::channel();
        s.bytes += payload.len();
        s.queue.push_back(Entry {
            payload: payload.into(),
            done: Some(tx),
        });
        drop(s);
        self.wake.notify_one();
        Some(rx)
    }

    /// The oldest messages, at most `max` of them and about `max_bytes` (at least one), still
    /// queued: [`Outbox::sent`] removes them once the backend has them.
    pub(crate) fn peek(&self, max: usize, max_bytes: usize) -> Vec<Arc<str>> {
        let s = self.lock();
        let mut bytes = 0;
        let mut out = Vec::new();
        for e in s.queue.iter().take(max) {
            if !out.is_empty() && bytes + e.payload.len() > max_bytes {
                break;
            }
            bytes += e.payload.len();
            out.push(e.payload.clone());
        }
        out
    }

    /// The backend took the `n` oldest messages.
    pub(crate) fn sent(&self, n: usize) {
        let mut s = self.lock();
        for _ in 0..n {
            let Some(e) = s.queue.pop_front() else { break };
            s.bytes -= e.payload.len();
            if let Some(done) = e.done {
                let _ = done.send(());
            }
        }
        if s.refused > 0 && s.queue.len() <= self.limit / 2 {
            tracing::warn!(
                "broadcast: the outbox has room again; {} publishes were refused meanwhile \
                 (they reached only this process's members)",
                s.refused
            );
            s.refused = 0;
        }
    }

    /// Whether the backend can take messages now. When it goes away, the publishes waiting
    /// for it are let go (their messages stay queued).
    pub(crate) fn set_connected(&self, connected: bool) {
        let mut s = self.lock();
        s.connected = connected;
        if !connected {
            for e in &mut s.queue {
                if let Some(done) = e.done.take() {
                    let _ = done.send(());
                }
            }
        }
    }

    /// Messages waiting.
    pub(crate) fn len(&self) -> usize {
        self.lock().queue.len()
    }

    /// Waits until a message may have been queued since the last [`Outbox::peek`] found none.
    pub(crate) async fn queued(&self) {
        self.wake.notified().await;
    }

    /// The hub is gone: the backend task sends what it can and ends.
    pub(crate) fn close(&self) {
        self.closed.send_replace(true);
        self.wake.notify_one();
    }

    pub(crate) fn is_closed(&self) -> bool {
        *self.closed.borrow()
    }

    /// Waits until [`Outbox::close`].
    pub(crate) async fn closed(&self) {
        let mut rx = self.closed.subscribe();
        let _ = rx.wait_for(|c| *c).await;
    }

    /// Sleeps for `wait`; `false` (at once) when the outbox is closed.
    pub(crate) async fn sleep(&self, wait: Duration) -> bool {
        tokio::select! {
            _ = tokio::time::sleep(wait) => !self.is_closed(),
            _ = self.closed() => false,
        }
    }
}

/// Reconnection delays: 100 ms, doubling up to 2 s.
pub(crate) struct Backoff(Duration);

impl Backoff {
    pub(crate) fn new() -> Backoff {
        Backoff(Duration::from_millis(100))
    }
    /// The next delay.
    pub(crate) fn next(&mut self) -> Duration {
        let d = self.0;
        self.0 = (self.0 * 2).min(Duration::from_secs(2));
        d
    }
}

/// Processes forgotten after this long without a message (their number starts again anyway:
/// a process's origin is new each time it starts).
const FORGET_AFTER: Duration = Duration::from_secs(3600);
/// Processes remembered at most (beyond, those heard from longest ago are forgotten).
const MAX_ORIGINS: usize = 10_000;

/// The newest message number delivered from each other process (see the module docs).
#[derive(Default)]
pub(crate) struct Seen(HashMap<u64, (u64, Instant)>);

impl Seen {
    /// Is message `seq` of `origin` newer than every one delivered from it? Then it is the
    /// newest now. (One process's messages reach the log in the order they are numbered, so
    /// a number not above the newest is a copy.)
    pub(crate) fn fresh(&mut self, origin: u64, seq: u64) -> bool {
        let now = Instant::now();
        if let Some((last, at)) = self.0.get_mut(&origin) {
            if seq <= *last {
                return false;
            }
            *last = seq;
            *at = now;
            return true;
        }
        if self.0.len() >= MAX_ORIGINS {
            self.0
                .retain(|_, (_, at)| now.duration_since(*at) < FORGET_AFTER);
            if self.0.len() >= MAX_ORIGINS
                && let Some(oldest) = self
                    .0
                    .iter()
                    .min_by_key(|(_, (_, at))| *at)
                    .map(|(o, _)| *o)
            {
                self.0.remove(&oldest);
            }
        }
        self.0.insert(origin, (seq, now));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outbox_keeps_order_and_its_bound() {
        let o = Outbox::new(3);
        for i in 0..3 {
            assert!(matches!(o.push(|s| format!("{i}:{s}")), Ok(None)));
        }
        assert_eq!(o.push(|_| "x".into()).err(), Some(3), "full");
        assert!(o.push_best_effort("p".into()).is_none(), "not while away");
        let batch = o.peek(2, usize::MAX);
        assert_eq!(
            batch.iter().map(|p| &**p).collect::<Vec<_>>(),
            ["0:1", "1:2"]
        );
        o.sent(2);
        o.set_connected(true);
        let rx = o.push(|s| format!("3:{s}")).ok().flatten();
        assert!(rx.is_some(), "a connected outbox tells when it was sent");
        assert_eq!(o.peek(10, 1)[..].len(), 1, "at least one, within the bytes");
        assert_eq!(o.len(), 2);
        o.set_connected(false);
        let mut rx = rx.expect("a receiver");
        assert!(rx.try_recv().is_ok(), "let go when the backend went away");
        assert_eq!(
            &*o.peek(10, usize::MAX)[1],
            "3:4",
            "still queued, numbered in order"
        );
    }

    #[test]
    fn copies_are_not_fresh() {
        let mut seen = Seen::default();
        assert!(seen.fresh(1, 1));
        assert!(seen.fresh(1, 2));
        assert!(!seen.fresh(1, 2));
        assert!(!seen.fresh(1, 1));
        assert!(seen.fresh(2, 1));
        assert!(seen.fresh(1, 3));
    }
}
