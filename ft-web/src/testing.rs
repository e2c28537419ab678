//! Helpers for an app's own tests, beside the in-process [`Client`](crate::Client):
//! `#[ft_web::test]` (an async test on the actix runtime, no actix-web dev-dependency),
//! [`TestServer`] (the app on a real loopback port, for websockets, streams, browsers and raw
//! HTTP), [`WsClient`] (a websocket to that server: `server.ws("/path").await`) and
//! [`LiveClient`] (HTTP, websockets and server-sent events against one or more real servers,
//! with a browser's cookies and CSRF token) and [`TempDb`] (a SQLite file that is removed
//! afterwards).
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::testing::{TempDb, TestServer};
//!
//! #[get("/")]
//! fn home() -> &'static str { "home" }
//!
//! # // A `#[test]` fn is left out of a doc test: here it is a plain async fn that `main` runs.
//! # fn main() { ft_web::actix_web::rt::System::new().block_on(home_answers()) }
//! # /*
//! #[ft_web::test]
//! # */
//! async fn home_answers() {
//!     let db = TempDb::new();
//!     let app = fast_app().db(db.path()).routes(routes![home]).secret_key("test");
//!     let c = Client::new(app).await;
//!     assert_eq!(c.get("/").send().await.text(), "home");
//!
//!     let server = TestServer::start(|| fast_app().routes(routes![home]));
//!     let mut http = std::net::TcpStream::connect(server.addr).unwrap();
//!     # let _ = &mut http;
//! }
//! ```

mod live;
mod live_http;
mod live_sse;
mod ws;

pub use live::{LiveClient, LiveRequest, LiveResponse};
pub use live_http::LiveError;
pub use live_sse::LiveEvents;
pub use ws::{WsClient, WsConnect, WsError, WsMessage};

use crate::FastApp;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The app served on `127.0.0.1` at a free port, on its own thread and actix system; stopped
/// when dropped. An app without a secret key gets a random one (no `.sesskey` file is
/// written).
#[derive(Debug)]
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    handle: actix_web::dev::ServerHandle,
}

impl TestServer {
    /// Starts the app `make` builds (it runs on the server's thread).
    ///
    /// # Panics
    /// When no loopback port can be bound or the app cannot be built: a test cannot go on.
    pub fn start(make: impl FnOnce() -> FastApp + Send + 'static) -> TestServer {
        TestServer::start_at(|_| make())
    }

    /// [`TestServer::start`] for an app that must know its own address (an OAuth redirect
    /// URI, say). `make` runs inside the server's actix system, so it may start helpers.
    ///
    /// # Panics
    /// As [`TestServer::start`].
    pub fn start_at(make: impl FnOnce(SocketAddr) -> FastApp + Send + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("the bound address");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let mut app = make(addr);
                if !app.has_secret_key() {
                    app = app.secret_key(crate::auth::csrf::random_token());
                }
                let server = app.serve_on(listener).expect("the app builds");
                let _ = tx.send(server.handle());
                let _ = server.await;
            })
        });
        let handle = rx.recv().expect("the test server started");
        TestServer { addr, handle }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        // Its own system: the caller may or may not be inside one.
        let _ =
            std::thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false)))
                .join();
    }
}

/// A fresh folder under the system's temporary directory with a SQLite file name in it,
/// removed (with the database's WAL files) when dropped.
#[derive(Debug)]
pub struct TempDb {
    dir: PathBuf,
    path: String,
}

impl TempDb {
    /// A new, empty place for a database.
    ///
    /// # Panics
    /// When the temporary directory cannot be written.
    pub fn new() -> TempDb {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "ft-test-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let path = dir.join("test.db").to_string_lossy().into_owned();
        TempDb { dir, path }
    }

    /// The database file's path, for `.db(..)` or `Database::open`.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl Default for TempDb {
    fn default() -> Self {
        TempDb::new()
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
