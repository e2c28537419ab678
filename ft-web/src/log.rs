//! ft reports through [`tracing`]: one event per request (target `ft::access`), the address
//! it serves on, warnings (a readable key file, an unreachable broadcast backend) and errors
//! (5xx answers, with the request's path). An app that sets its own subscriber gets them
//! there, to filter, format or ship; [`FastApp::serve`](crate::FastApp::serve) otherwise sets
//! a plain one on stderr, filtered by `RUST_LOG` (default `info,actix_server=warn`; e.g.
//! `RUST_LOG=warn`, or `RUST_LOG=info,ft::access=off`). Tests set none, so they print nothing.
//! `RUST_LOG` takes a default level and `target=level` directives (tracing-subscriber's
//! `Targets`); an app that wants span or field filters sets its own subscriber.
//!
//! ```no_run
//! # use ft_web::prelude::*;
//! #[ft_web::main]
//! async fn main() -> std::io::Result<()> {
//!     // Any subscriber set before `serve()` is kept, e.g. JSON lines for a log shipper.
//!     tracing_subscriber::fmt().with_max_level(tracing::Level::INFO).init();
//!     fast_app().serve().await
//! }
//! ```

use actix_web::dev::ServiceRequest;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

/// Sets a plain stderr subscriber, filtered by `RUST_LOG`, unless the app has set one.
pub(crate) fn init_default_subscriber() {
    if tracing::dispatcher::has_been_set() {
        return;
    }
    let (filter, bad) = filter_from(std::env::var("RUST_LOG").ok().as_deref());
    // Another thread may have set one meanwhile: theirs stays.
    let set = tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .with(filter)
        .try_init();
    if let (Ok(()), Some(why)) = (set, bad) {
        tracing::warn!("RUST_LOG ignored ({why}); logging at the default levels");
    }
}

/// actix-server's start and stop notes are noise at `info`.
const DEFAULT_FILTER: &str = "info,actix_server=warn";

/// The filter `RUST_LOG` asks for, or the default and why when it cannot be read.
fn filter_from(rust_log: Option<&str>) -> (Targets, Option<String>) {
    let default = || DEFAULT_FILTER.parse::<Targets>().unwrap_or_default();
    match rust_log.map(str::trim).filter(|s| !s.is_empty()) {
        None => (default(), None),
        Some(s) => match s.parse::<Targets>() {
            Ok(t) => (t, None),
            Err(e) => (default(), Some(e.to_string())),
        },
    }
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

#[cfg(test)]
mod tests {
    use super::filter_from;
    use tracing::Level;

    #[test]
    fn rust_log_sets_levels_per_target_and_a_bad_one_falls_back() {
        let (t, bad) = filter_from(None);
        assert!(bad.is_none());
        assert!(t.would_enable("ft::access", &Level::INFO));
        assert!(!t.would_enable("actix_server::builder", &Level::INFO));
        let (t, _) = filter_from(Some("info,ft::access=off"));
        assert!(!t.would_enable("ft::access", &Level::INFO));
        assert!(t.would_enable("ft::other", &Level::INFO));
        let (t, _) = filter_from(Some("warn"));
        assert!(!t.would_enable("ft::access", &Level::INFO));
        let (t, bad) = filter_from(Some("ft::access=loud"));
        assert!(bad.is_some());
        assert!(t.would_enable("ft::access", &Level::INFO));
    }
}
