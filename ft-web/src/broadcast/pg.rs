//! The PostgreSQL backend: a log table per channel, and `LISTEN/NOTIFY` to wake the readers.
//!
//! One connection (tokio-postgres) does it all. Publishing inserts the outbox's next
//! messages into the channel's table (`id bigserial, payload text, at timestamptz`, made if
//! missing) and notifies the channel with the newest id, in one statement, so the rows and
//! the notification commit together; payloads have no size limit beyond the table's.
//! Receiving: a notification (or a reconnect) reads the rows after the last id this process
//! has read. The connection `LISTEN`s before it catches up, so nothing falls between.
//!
//! Ids are taken when a row is inserted but seen when it commits, and two publishers can
//! commit out of order: a reader that has read id 11 may see id 10 commit after it. So an id
//! skipped over is kept as a gap for [`GAP_WAIT`] and read again with every read until its
//! row shows up (delivered then, out of id order) or the wait is over (a rolled back insert,
//! or ids the sequence skipped in a crash). A row that commits later than that after a newer
//! one is missed; a single insert statement commits in milliseconds.
//!
//! Rows are pruned by each process every half minute: those older than [`RETAIN`] and not
//! above the id it had read [`RETAIN`] ago (a primary key range, cheap). That is how long a
//! process can be away and still catch up.

use super::HubInner;
use super::backend::deliver_incoming;
use super::outbox::{Backoff, Outbox};
use std::collections::VecDeque;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// How long a skipped id is read again in case its row commits late.
const GAP_WAIT: Duration = Duration::from_secs(10);
/// Skipped ids kept at most (the newest; a larger jump is a crash's or rollbacks').
const MAX_GAPS: usize = 1_000;
/// How long rows are kept: how far behind a reconnecting process can catch up.
const RETAIN: Duration = Duration::from_secs(300);
/// How often a process prunes.
const PRUNE_EVERY: Duration = Duration::from_secs(30);
/// Messages sent in one statement, and rows read in one query, at most.
const BATCH: usize = 256;
const BATCH_BYTES: usize = 1 << 20;

/// The log table of `channel`: `<channel>_log` for a plain short name, else `ft_log_` and a
/// hash of it.
fn log_table(channel: &str) -> String {
    let plain = channel.len() <= 50
        && channel
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !channel.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        return format!("{channel}_log");
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(channel.as_bytes());
    let mut name = String::from("ft_log_");
    for b in &digest[..8] {
        name.push_str(&format!("{b:02x}"));
    }
    name
}

/// What this process has read of the log.
struct Reader {
    /// The newest id read (`None` before the first connection).
    last: Option<i64>,
    /// Ids skipped over, and since when.
    gaps: VecDeque<(i64, Instant)>,
    /// The newest id read, every [`PRUNE_EVERY`], for pruning.
    marks: VecDeque<(Instant, i64)>,
    next_prune: Instant,
}

pub(super) async fn run_pg(
    url: String,
    channel: String,
    hub: Weak<HubInner>,
    outbox: Arc<Outbox>,
    ready: watch::Sender<bool>,
) {
    let table = log_table(&channel);
    let mut reader = Reader {
        last: None,
        gaps: VecDeque::new(),
        marks: VecDeque::new(),
        next_prune: Instant::now() + PRUNE_EVERY,
    };
    let mut backoff = Backoff::new();
    loop {
        let conn = tokio::select! {
            c = Conn::open(&url, &channel, &table) => c,
            _ = outbox.closed() => return,
        };
        let mut conn = match conn {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(
                    "broadcast (postgres): {e}; {} messages wait; retrying",
                    outbox.len()
                );
                if !outbox.sleep(backoff.next()).await {
                    return lost(&outbox);
                }
                continue;
            }
        };
        backoff = Backoff::new();
        // Gaps noticed before the connection went are given their full wait again.
        let now = Instant::now();
        reader.gaps.iter_mut().for_each(|(_, at)| *at = now);
        let r = conn
            .serve(&channel, &hub, &outbox, &mut reader, &ready)
            .await;
        ready.send_replace(false);
        outbox.set_connected(false);
        conn.driver.abort();
        match r {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!("broadcast (postgres): {e}; reconnecting");
                if outbox.is_closed() {
                    return lost(&outbox);
                }
            }
        }
    }
}

fn lost(outbox: &Outbox) {
    let n = outbox.len();
    if n > 0 {
        tracing::warn!("broadcast (postgres): the hub is gone with {n} messages never sent");
    }
}

/// A connection that listens on the channel, with its statements.
struct Conn {
    client: tokio_postgres::Client,
    /// Woken by each notification; ends with the connection.
    woken: mpsc::Receiver<()>,
    driver: tokio::task::JoinHandle<()>,
    publish: tokio_postgres::Statement,
    read: tokio_postgres::Statement,
    newest: tokio_postgres::Statement,
    prune: tokio_postgres::Statement,
}

/// Why a connection ended.
type Ended = Box<dyn std::error::Error + Send + Sync>;

impl Conn {
    async fn open(url: &str, channel: &str, table: &str) -> Result<Conn, tokio_postgres::Error> {
        use futures_util::StreamExt;
        let (client, mut conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
        let (tx, woken) = mpsc::channel(1);
        let driver = tokio::spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| conn.poll_message(cx));
            while let Some(m) = messages.next().await {
                match m {
                    Ok(tokio_postgres::AsyncMessage::Notification(_)) => {
                        // One wake-up is as good as many: the read takes every new row.
                        let _ = tx.try_send(());
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!("broadcast (postgres): {e}");
                        return;
                    }
                }
            }
        });
        let t = ft_data::quote_ident(table);
        let setup = async {
            let create = format!(
                "CREATE TABLE IF NOT EXISTS {t} (id bigserial PRIMARY KEY, payload text NOT NULL, \
                 at timestamptz NOT NULL DEFAULT now())"
            );
            if client.batch_execute(&create).await.is_err() {
                // Two processes creating it at once: one of them fails; it exists now.
                tokio::time::sleep(Duration::from_millis(100)).await;
                client.batch_execute(&create).await?;
            }
            client
                .batch_execute(&format!("LISTEN {}", ft_data::quote_ident(channel)))
                .await?;
            let publish = client
                .prepare(&format!(
                    "WITH ins AS (INSERT INTO {t} (payload) SELECT p FROM unnest($1::text[]) \
                     WITH ORDINALITY AS u(p, n) ORDER BY n RETURNING id) \
                     SELECT pg_notify($2, max(id)::text) FROM ins"
                ))
                .await?;
            let read = client
                .prepare(&format!(
                    "SELECT id, payload FROM {t} WHERE id > $1 OR id = ANY($2) ORDER BY id \
                     LIMIT {BATCH}"
                ))
                .await?;
            let newest = client
                .prepare(&format!("SELECT coalesce(max(id), 0) FROM {t}"))
                .await?;
            let prune = client
                .prepare(&format!(
                    "DELETE FROM {t} WHERE id <= $1 AND at < now() - make_interval(secs => {})",
                    RETAIN.as_secs()
                ))
                .await?;
            Ok::<_, tokio_postgres::Error>((publish, read, newest, prune))
        };
        match setup.await {
            Ok((publish, read, newest, prune)) => Ok(Conn {
                client,
                woken,
                driver,
                publish,
                read,
                newest,
                prune,
            }),
            Err(e) => {
                driver.abort();
                Err(e)
            }
        }
    }

    /// Catches up, then sends and receives until the connection fails (`Err`) or the hub is
    /// gone (`Ok`).
    async fn serve(
        &mut self,
        channel: &str,
        hub: &Weak<HubInner>,
        outbox: &Outbox,
        reader: &mut Reader,
        ready: &watch::Sender<bool>,
    ) -> Result<(), Ended> {
        if reader.last.is_none() {
            reader.last = Some(self.client.query_one(&self.newest, &[]).await?.get(0));
        }
        if !self.read_new(hub, reader).await? {
            return Ok(());
        }
        ready.send_replace(true);
        outbox.set_connected(true);
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            // Sending does not starve reading: a notification is taken between batches.
            if self.woken.try_recv().is_ok() && !self.read_new(hub, reader).await? {
                return Ok(());
            }
            let batch = outbox.peek(BATCH, BATCH_BYTES);
            if !batch.is_empty() {
                let payloads: Vec<&str> = batch.iter().map(|p| &**p).collect();
                // One statement: it commits whole or not at all. If the connection fails
                // before the answer, the batch is sent again (copies are dropped by number).
                self.client
                    .execute(&self.publish, &[&payloads, &channel])
                    .await?;
                outbox.sent(batch.len());
                continue;
            }
            if outbox.is_closed() {
                return Ok(());
            }
            tokio::select! {
                w = self.woken.recv() => match w {
                    Some(()) => {
                        if !self.read_new(hub, reader).await? {
                            return Ok(());
                        }
                    }
                    None => return Err("the connection ended".into()),
                },
                _ = outbox.queued() => {}
                _ = tick.tick() => {
                    if !reader.gaps.is_empty() && !self.read_new(hub, reader).await? {
                        return Ok(());
                    }
                    self.prune(reader).await?;
                }
            }
        }
    }

    /// Reads and delivers the rows after the last id read and those of the gaps; `false`
    /// when the hub is gone.
    async fn read_new(&self, hub: &Weak<HubInner>, r: &mut Reader) -> Result<bool, Ended> {
        loop {
            let now = Instant::now();
            while r
                .gaps
                .front()
                .is_some_and(|(_, at)| now.duration_since(*at) > GAP_WAIT)
            {
                r.gaps.pop_front();
            }
            let last = r.last.unwrap_or(0);
            let gaps: Vec<i64> = r.gaps.iter().map(|(id, _)| *id).collect();
            let rows = self.client.query(&self.read, &[&last, &gaps]).await?;
            let full = rows.len() >= BATCH;
            let mut progress = false;
            for row in rows {
                let (id, payload): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
                let last = r.last.unwrap_or(0);
                if id > last {
                    // Ids skipped over may yet commit.
                    let from = (last + 1).max(id - MAX_GAPS as i64);
                    r.gaps.extend((from..id).map(|g| (g, now)));
                    while r.gaps.len() > MAX_GAPS {
                        r.gaps.pop_front();
                    }
                    r.last = Some(id);
                } else if let Some(i) = r.gaps.iter().position(|(g, _)| *g == id) {
                    r.gaps.remove(i);
                } else {
                    continue; // read already
                }
                progress = true;
                if !deliver_incoming(hub, &payload) {
                    return Ok(false);
                }
            }
            if !(full && progress) {
                return Ok(true);
            }
        }
    }

    /// Every [`PRUNE_EVERY`]: deletes the rows not above the id read [`RETAIN`] ago (and
    /// older than that).
    async fn prune(&self, r: &mut Reader) -> Result<(), Ended> {
        let now = Instant::now();
        if now < r.next_prune {
            return Ok(());
        }
        r.next_prune = now + PRUNE_EVERY;
        if let Some(last) = r.last {
            r.marks.push_back((now, last));
        }
        let mut upto = None;
        while let Some((at, id)) = r.marks.front().copied() {
            if now.duration_since(at) < RETAIN {
                break;
            }
            upto = Some(id);
            r.marks.pop_front();
        }
        if let Some(id) = upto {
            self.client.execute(&self.prune, &[&id]).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn log_tables_are_named_from_the_channel() {
        assert_eq!(super::log_table("ft_0123abcd"), "ft_0123abcd_log");
        let odd = super::log_table("Shop Events");
        assert!(odd.starts_with("ft_log_") && odd.len() == 23, "{odd}");
        assert_ne!(odd, super::log_table("shop events"));
    }
}
