//! The process's shutdown signal (FastHTML's `signal_shutdown`, SPEC 7.13): set on Ctrl-C /
//! SIGTERM under [`FastApp::serve`](crate::FastApp::serve), or by
//! [`trigger_shutdown`]. Open [`EventStream`](crate::EventStream)s end and websockets close
//! (code 1001) when it is set, so a graceful stop does not wait for long-lived connections.
//!
//! ```
//! use ft_web::prelude::*;
//! use futures_util::stream;
//!
//! #[get("/ticks")]
//! fn ticks() -> EventStream {
//!     // Ends by itself when the server shuts down (or the client goes away).
//!     EventStream::new(stream::iter(0..3).map(|i| P!(i)))
//! }
//! # use futures_util::StreamExt;
//! let stop = signal_shutdown();
//! assert!(!stop.is_set());
//! ```

use std::sync::{LazyLock, Once};
use tokio::sync::watch;

static SHUTDOWN: LazyLock<watch::Sender<bool>> = LazyLock::new(|| watch::channel(false).0);

pub(crate) fn subscribe() -> watch::Receiver<bool> {
    SHUTDOWN.subscribe()
}

/// Sets the shutdown signal of this process: every event stream ends, every websocket closes.
/// It stays set.
pub fn trigger_shutdown() {
    SHUTDOWN.send_replace(true);
}

/// The shutdown signal, as a value to check or await.
#[derive(Clone, Debug)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// Has shutdown begun?
    pub fn is_set(&self) -> bool {
        *self.0.borrow()
    }
    /// Waits until shutdown begins.
    pub async fn wait(&mut self) {
        let _ = self.0.wait_for(|s| *s).await;
    }
}

/// FastHTML's `signal_shutdown()`: the shutdown signal, set when the process receives Ctrl-C
/// (SIGINT) or SIGTERM. Calling it starts listening for those signals (once per process; the
/// listener only sets the signal, stopping the server is the server's business).
pub fn signal_shutdown() -> Shutdown {
    listen_for_signals();
    Shutdown(subscribe())
}

/// Sets the shutdown signal on SIGINT/SIGTERM (called by `serve()`).
pub(crate) fn listen_for_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("ft-signals".into())
            .spawn(|| {
                let rt = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        tracing::warn!("cannot listen for shutdown signals: {e}");
                        return;
                    }
                };
                rt.block_on(async {
                    #[cfg(unix)]
                    {
                        use tokio::signal::unix::{SignalKind, signal};
                        match signal(SignalKind::terminate()) {
                            Ok(mut term) => {
                                tokio::select! {
                                    _ = tokio::signal::ctrl_c() => {}
                                    _ = term.recv() => {}
                                }
                            }
                            Err(_) => {
                                let _ = tokio::signal::ctrl_c().await;
                            }
                        }
                    }
                    #[cfg(not(unix))]
                    {
                        let _ = tokio::signal::ctrl_c().await;
                    }
                });
                trigger_shutdown();
            });
        if let Err(e) = spawned {
            tracing::warn!("cannot listen for shutdown signals: {e}");
        }
    });
}
