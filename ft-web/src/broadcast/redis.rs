//! The Redis backend: one pub/sub connection to receive, one multiplexed one to `PUBLISH`.

use super::{Cmd, HubInner, deliver_incoming, fail_for};
use crate::Error;
use std::sync::Weak;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

pub(super) async fn run_redis(
    url: String,
    channel: String,
    hub: Weak<HubInner>,
    mut cmds: mpsc::UnboundedReceiver<Cmd>,
    ready: watch::Sender<bool>,
) {
    use futures_util::StreamExt;
    loop {
        let connected = async {
            let client = redis::Client::open(url.as_str())?;
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            let conn = client.get_multiplexed_async_connection().await?;
            Ok::<_, redis::RedisError>((pubsub, conn))
        }
        .await;
        let (mut pubsub, mut conn) = match connected {
            Ok(c) => c,
            Err(e) => {
                let why = e.to_string();
                tracing::warn!("broadcast (redis): {why}; retrying");
                if !fail_for(&mut cmds, Duration::from_secs(1), &why).await {
                    return;
                }
                continue;
            }
        };
        ready.send_replace(true);
        {
            let mut messages = pubsub.on_message();
            loop {
                tokio::select! {
                    m = messages.next() => match m {
                        Some(m) => {
                            let payload: String = m.get_payload().unwrap_or_default();
                            if !deliver_incoming(&hub, &payload) {
                                return;
                            }
                        }
                        None => {
                            tracing::warn!("broadcast (redis): subscription ended; reconnecting");
                            break;
                        }
                    },
                    c = cmds.recv() => match c {
                        Some(c) => {
                            let r: redis::RedisResult<i64> = redis::cmd("PUBLISH")
                                .arg(&channel)
                                .arg(&c.payload)
                                .query_async(&mut conn)
                                .await;
                            let _ = c.done.send(
                                r.map(drop)
                                    .map_err(|e| Error::new(503, format!("broadcast (redis): {e}"))),
                            );
                        }
                        None => return,
                    },
                }
            }
        }
        ready.send_replace(false);
    }
}
