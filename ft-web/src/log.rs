//! ft reports through [`tracing`]: one event per request (target `ft::access`), the address
//! it serves on, warnings (a readable key file, an unreachable broadcast backend) and errors
//! (5xx answers, with the request's path). An app that sets its own subscriber gets them
//! there, to filter, format or ship; [`FastApp::serve`](crate::FastApp::serve) otherwise sets
//! a plain one on stderr, filtered by `RUST_LOG` (default `info,actix_server=warn`; e.g.
//! `RUST_LOG=warn`, or `RUST_LOG=info,ft::access=off`). Tests set none, so they print nothing.
//!
//! ```no_run
//! # use ft_web::prelude::*;
//! #[ft_web::main]
//! async fn main() -> std::io::Result<()> {
//!     // Any subscriber set before `serve()` is kept, e.g. JSON lines for a log shipper.
//!     tracing_subscriber::fmt().with_env_filter("info").init();
//!     fast_app().serve().await
//! }
//! ```

use actix_web::dev::ServiceRequest;
use tracing_subscriber::EnvFilter;

/// Sets a plain stderr subscriber, filtered by `RUST_LOG`, unless the app has set one.
pub(crate) fn init_default_subscriber() {
    if tracing::dispatcher::has_been_set() {
        return;
    }
    // actix-server's start and stop notes are noise at `info`.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    // Another thread may have set one meanwhile: theirs stays.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Would an access event be recorded? (No subscriber, or `ft::access` filtered out: the
/// request skips the clock and the copies.)
pub(crate) fn access_enabled() -> bool {
    tracing::enabled!(target: "ft::access", tracing::Level::INFO)
}

/// The access event of one request: what is known when it arrives.
pub(crate) struct LogLine {
    started: std::time::Instant,
    peer: Option<std::net::IpAddr>,
    method: actix_web::http::Method,
    uri: actix_web::http::Uri,
}

impl LogLine {
    pub(crate) fn start(req: &ServiceRequest) -> LogLine {
        LogLine {
            started: std::time::Instant::now(),
            peer: req.peer_addr().map(|a| a.ip()),
            method: req.method().clone(),
            uri: req.uri().clone(),
        }
    }

    pub(crate) fn finish(self, status: actix_web::http::StatusCode) {
        // Tenths of a millisecond are all a log reader needs.
        let ms = (self.started.elapsed().as_secs_f64() * 1e4).round() / 10.0;
        tracing::info!(
            target: "ft::access",
            peer = self.peer.map(tracing::field::display),
            method = %self.method,
            path = %self.uri,
            status = status.as_u16(),
            ms,
        );
    }
}
