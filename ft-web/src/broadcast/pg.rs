//! The PostgreSQL backend: one connection (tokio-postgres) that `LISTEN`s on the channel and
//! publishes with `pg_notify`.

use super::{Cmd, HubInner, deliver_incoming, fail_for};
use crate::Error;
use std::sync::Weak;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

pub(super) async fn run_pg(
    url: String,
    channel: String,
    hub: Weak<HubInner>,
    mut cmds: mpsc::UnboundedReceiver<Cmd>,
    ready: watch::Sender<bool>,
) {
    loop {
        let (client, notify, mut incoming, driver) = match connect(&url, &channel).await {
            Ok(c) => c,
            Err(e) => {
                let why = e.to_string();
                tracing::warn!("broadcast (postgres): {why}; retrying");
                if !fail_for(&mut cmds, Duration::from_secs(1), &why).await {
                    return;
                }
                continue;
            }
        };
        ready.send_replace(true);
        loop {
            tokio::select! {
                n = incoming.recv() => match n {
                    Some(payload) => {
                        if !deliver_incoming(&hub, &payload) {
                            driver.abort();
                            return;
                        }
                    }
                    None => {
                        tracing::warn!("broadcast (postgres): the connection ended; reconnecting");
                        break;
                    }
                },
                c = cmds.recv() => match c {
                    Some(c) => {
                        let r = client
                            .execute(&notify, &[&channel, &c.payload])
                            .await
                            .map(drop)
                            .map_err(|e| Error::new(503, format!("broadcast (postgres): {e}")));
                        let _ = c.done.send(r);
                    }
                    None => {
                        driver.abort();
                        return;
                    }
                },
            }
        }
        driver.abort();
        ready.send_replace(false);
    }
}

/// A connection listening on `channel`: its client, the prepared `pg_notify`, the payloads
/// of its notifications, and the task that drives it (the payloads end when it does).
async fn connect(
    url: &str,
    channel: &str,
) -> Result<
    (
        tokio_postgres::Client,
        tokio_postgres::Statement,
        mpsc::UnboundedReceiver<String>,
        tokio::task::JoinHandle<()>,
    ),
    tokio_postgres::Error,
> {
    use futures_util::StreamExt;
    let (client, mut conn) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
    let (tx, rx) = mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| conn.poll_message(cx));
        while let Some(m) = messages.next().await {
            match m {
                Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                    if tx.send(n.payload().to_owned()).is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!("broadcast (postgres): {e}");
                    return;
                }
            }
        }
    });
    let listen = async {
        client
            .batch_execute(&format!("LISTEN {}", ft_data::quote_ident(channel)))
            .await?;
        client.prepare("SELECT pg_notify($1, $2)").await
    };
    match listen.await {
        Ok(notify) => Ok((client, notify, rx, driver)),
        Err(e) => {
            driver.abort();
            Err(e)
        }
    }
}
