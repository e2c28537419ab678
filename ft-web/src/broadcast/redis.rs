//! The Redis backend: a stream per channel (the key is the channel's name). Publishing is
//! `XADD` with an approximate `MAXLEN` cap, from the outbox in order, in pipelined batches;
//! receiving is `XREAD BLOCK` from the last id this process has read, on a connection of its
//! own. After a reconnect the reader goes on from that id, so what the other processes added
//! meanwhile is read then (as long as the cap has not trimmed it).
//!
//! A Redis restart without persistence: the stream is gone, and the ids of the entries added
//! after it are made from the new server's clock (milliseconds, then a counter), so they
//! sort after every id read before the restart, and reading on from the last id finds them.
//! The reader does not rely on that alone: when it reconnects and finds no stream, or one
//! whose newest entry is older than the last id it read (a stream made anew, on a server
//! whose clock is behind), every entry in it is new to this process and it reads from the
//! start (`0-0`).

use super::HubInner;
use super::backend::deliver_incoming;
use super::outbox::{Backoff, Outbox};
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::watch;

/// Entries a stream keeps, about (`XADD .. MAXLEN ~`): how far behind a reconnecting process
/// can catch up (20,000 messages: at 100 messages a second, more than three minutes).
const MAXLEN: usize = 20_000;
/// A stream nobody writes to is removed after a day.
const KEEP_MS: u64 = 24 * 3600 * 1000;
/// How long one `XREAD` waits for entries.
const BLOCK_MS: u64 = 1000;
/// Messages sent, and read, in one round trip at most.
const BATCH: usize = 256;
const BATCH_BYTES: usize = 1 << 20;

pub(super) async fn run_redis(
    url: String,
    channel: String,
    hub: Weak<HubInner>,
    outbox: Arc<Outbox>,
    ready: watch::Sender<bool>,
) {
    let client = loop {
        match redis::Client::open(url.as_str()) {
            Ok(c) => break c,
            Err(e) => {
                tracing::error!("broadcast (redis): {e}");
                if !outbox.sleep(Duration::from_secs(2)).await {
                    return;
                }
            }
        }
    };
    // The reader ends when the hub is gone; the writer then sends what is left if it can.
    tokio::join!(
        read(&client, &channel, &hub, &outbox, &ready),
        write(&client, &channel, &outbox)
    );
}

/// Sends the outbox's messages in order, reconnecting with backoff; ends once the outbox is
/// closed and sent (or closed while the backend is away).
async fn write(client: &redis::Client, key: &str, outbox: &Outbox) {
    let config = redis::AsyncConnectionConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_secs(5)));
    let mut backoff = Backoff::new();
    loop {
        let mut conn = match client
            .get_multiplexed_async_connection_with_config(&config)
            .await
        {
            Ok(c) => c,
            Err(e) => {
                if outbox.is_closed() {
                    return lost(outbox);
                }
                tracing::warn!(
                    "broadcast (redis): {e}; {} messages wait; retrying",
                    outbox.len()
                );
                if !outbox.sleep(backoff.next()).await {
                    return lost(outbox);
                }
                continue;
            }
        };
        backoff = Backoff::new();
        outbox.set_connected(true);
        loop {
            let batch = outbox.peek(BATCH, BATCH_BYTES);
            if batch.is_empty() {
                if outbox.is_closed() {
                    return;
                }
                outbox.queued().await;
                continue;
            }
            let mut pipe = redis::pipe();
            for payload in &batch {
                pipe.cmd("XADD")
                    .arg(key)
                    .arg("MAXLEN")
                    .arg("~")
                    .arg(MAXLEN)
                    .arg("*")
                    .arg("m")
                    .arg(&**payload)
                    .ignore();
            }
            pipe.cmd("PEXPIRE").arg(key).arg(KEEP_MS).ignore();
            // A failed batch is sent again whole: the entries it did add are copies then,
            // which the other processes drop by their number.
            match pipe.query_async::<()>(&mut conn).await {
                Ok(()) => outbox.sent(batch.len()),
                Err(e) => {
                    tracing::warn!("broadcast (redis): {e}; reconnecting");
                    break;
                }
            }
        }
        outbox.set_connected(false);
    }
}

fn lost(outbox: &Outbox) {
    let n = outbox.len();
    if n > 0 {
        tracing::warn!("broadcast (redis): the hub is gone with {n} messages never sent");
    }
}

/// Reads the stream from where it left off and delivers what it reads; `ready` is whether
/// it is connected. Ends when the hub is gone.
async fn read(
    client: &redis::Client,
    key: &str,
    hub: &Weak<HubInner>,
    outbox: &Outbox,
    ready: &watch::Sender<bool>,
) {
    let config = redis::AsyncConnectionConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_millis(BLOCK_MS + 5000)));
    let mut last: Option<String> = None;
    let mut backoff = Backoff::new();
    loop {
        let connected = async {
            let mut conn = client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            let newest: Vec<(String, Vec<String>)> = redis::cmd("XREVRANGE")
                .arg(key)
                .arg("+")
                .arg("-")
                .arg("COUNT")
                .arg(1)
                .query_async(&mut conn)
                .await?;
            Ok::<_, redis::RedisError>((conn, newest.into_iter().next().map(|(id, _)| id)))
        };
        let connected = tokio::select! {
            c = connected => c,
            _ = outbox.closed() => return,
        };
        let mut conn = match connected {
            Ok((conn, newest)) => {
                last = Some(match (last, newest) {
                    // The first connection: what is published from now on.
                    (None, newest) => newest.unwrap_or_else(|| "0-0".into()),
                    // A stream made anew since (see the module docs): all of it is new here.
                    (Some(_), None) => "0-0".into(),
                    (Some(seen), Some(newest)) if id_before(&newest, &seen) => {
                        tracing::warn!(
                            "broadcast (redis): the stream {key} was made anew (its newest \
                             entry {newest} is older than {seen}, read before); reading all of it"
                        );
                        "0-0".into()
                    }
                    (Some(seen), Some(_)) => seen,
                });
                conn
            }
            Err(e) => {
                ready.send_replace(false);
                tracing::warn!("broadcast (redis): {e}; retrying");
                if !outbox.sleep(backoff.next()).await || hub.strong_count() == 0 {
                    return;
                }
                continue;
            }
        };
        backoff = Backoff::new();
        ready.send_replace(true);
        loop {
            let from = last.clone().unwrap_or_else(|| "0-0".into());
            let mut cmd = redis::cmd("XREAD");
            cmd.arg("COUNT")
                .arg(BATCH)
                .arg("BLOCK")
                .arg(BLOCK_MS)
                .arg("STREAMS")
                .arg(key)
                .arg(&from);
            let next =
                cmd.query_async::<Option<Vec<(String, Vec<(String, Vec<String>)>)>>>(&mut conn);
            let got = tokio::select! {
                g = next => g,
                _ = outbox.closed() => return,
            };
            match got {
                Ok(streams) => {
                    for (id, fields) in streams.into_iter().flatten().flat_map(|(_, e)| e) {
                        last = Some(id);
                        // Fields come in pairs: the message is the value of `m`.
                        let payload = fields
                            .chunks(2)
                            .find(|kv| kv[0] == "m")
                            .and_then(|kv| kv.get(1));
                        if let Some(payload) = payload
                            && !deliver_incoming(hub, payload)
                        {
                            return;
                        }
                    }
                    if hub.strong_count() == 0 {
                        return;
                    }
                }
                Err(e) => {
                    tracing::warn!("broadcast (redis): {e}; reconnecting");
                    break;
                }
            }
        }
        ready.send_replace(false);
    }
}

/// Does stream id `a` (`ms-seq`) sort before `b`?
fn id_before(a: &str, b: &str) -> bool {
    fn parts(id: &str) -> (u64, u64) {
        let (ms, seq) = id.split_once('-').unwrap_or((id, "0"));
        (ms.parse().unwrap_or(0), seq.parse().unwrap_or(0))
    }
    parts(a) < parts(b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn stream_ids_sort_by_time_then_counter() {
        assert!(super::id_before("1700000000000-5", "1700000000001-0"));
        assert!(super::id_before("1700000000000-5", "1700000000000-12"));
        assert!(!super::id_before("1700000000000-12", "1700000000000-12"));
        assert!(super::id_before("0-0", "1-0"));
    }
}
