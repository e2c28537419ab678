//! The PostgreSQL backend: `LISTEN` on the channel, publish with `pg_notify`.

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
    use sqlx::postgres::{PgListener, PgPoolOptions};
    loop {
        let connected = async {
            let mut listener = PgListener::connect(&url).await?;
            listener.listen(&channel).await?;
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .connect(&url)
                .await?;
            Ok::<_, sqlx::Error>((listener, pool))
        }
        .await;
        let (mut listener, pool) = match connected {
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
                n = listener.recv() => match n {
                    Ok(n) => {
                        if !deliver_incoming(&hub, n.payload()) {
                            return;
                        }
                    }
                    Err(e) => {
                        tracing::warn!("broadcast (postgres): {e}; reconnecting");
                        break;
                    }
                },
                c = cmds.recv() => match c {
                    Some(c) => {
                        let r = sqlx::query("SELECT pg_notify($1, $2)")
                            .bind(&channel)
                            .bind(&c.payload)
                            .execute(&pool)
                            .await
                            .map(drop)
                            .map_err(|e| Error::new(503, format!("broadcast (postgres): {e}")));
                        let _ = c.done.send(r);
                    }
                    None => return,
                },
            }
        }
        ready.send_replace(false);
    }
}
