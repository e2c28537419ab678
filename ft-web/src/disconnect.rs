//! Knowing when the client has gone: FastHTML's `until_disconnect(req, coro)` and
//! `@cancel_on_disconnect` (SPEC 7.14). A handler takes a [`Disconnect`] parameter and runs its
//! work through [`Disconnect::until`], or is declared `#[get("/x", cancel_on_disconnect)]`;
//! either way the work is dropped when the client disconnects and the answer is 204 No Content
//! ([`ClientGone`]).
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::Disconnect;
//!
//! async fn expensive(n: u32) -> u32 { n * 2 }
//!
//! #[get("/slow")]
//! async fn slow(n: u32, gone: Disconnect) -> Result<Ft> {
//!     let v = gone.until(expensive(n)).await?; // a 204 if the client left first
//!     Ok(P!("finished ", v))
//! }
//!
//! # ft_web::actix_web::rt::System::new().block_on(async {
//! let client = Client::new(fast_app().routes(routes![slow])).await;
//! assert_eq!(client.get("/slow?n=2").htmx().send().await.text(), "<p>finished 4</p>");
//! # });
//! ```
//!
//! How it knows: actix-web does not drop a handler when its client goes (it notices only when
//! it writes the response), so the server notes each TCP connection's socket when it accepts
//! it, and a `Disconnect` looks at a duplicate of that socket every 50 ms without reading it:
//! an end of stream or a reset means the client has gone. FastHTML (on uvicorn) also counts a
//! client that closed its sending half as gone. Where the socket is not known (a TLS listener,
//! an app mounted with `FastApp::configure`, the in-process test `Client`, not Unix), nothing
//! is ever reported and the work runs to its end; neither is a client that left while part of
//! a request body it sent is still unread.

use crate::ctx::Ctx;
use crate::response::Error;
use ft_html::{Ft, IntoFt};
use std::future::Future;
use std::time::Duration;

/// How often a waiting [`Disconnect`] looks at the socket.
const POLL: Duration = Duration::from_millis(50);

/// The connection's socket, noted by the server when it accepted the connection.
#[cfg(unix)]
#[derive(Clone, Copy)]
struct ConnFd(std::os::fd::RawFd);

/// `HttpServer::on_connect`: notes a plain TCP connection's socket.
pub(crate) fn on_connect(conn: &dyn std::any::Any, ext: &mut actix_web::dev::Extensions) {
    #[cfg(unix)]
    if let Some(s) = conn.downcast_ref::<actix_web::rt::net::TcpStream>() {
        use std::os::fd::AsRawFd;
        ext.insert(ConnFd(s.as_raw_fd()));
    }
    #[cfg(not(unix))]
    let _ = (conn, ext);
}

/// Whether the request's client is still there (a handler parameter, or `Disconnect::of`).
/// See the [module](crate::disconnect).
pub struct Disconnect {
    /// A duplicate of the connection's socket, when it is known.
    sock: Option<std::net::TcpStream>,
}

impl std::fmt::Debug for Disconnect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Disconnect")
            .field("known", &self.sock.is_some())
            .finish()
    }
}

impl Disconnect {
    /// The watch for this request's client.
    pub fn of(ctx: &Ctx) -> Disconnect {
        Disconnect { sock: socket(ctx) }
    }

    /// A watch that never reports a disconnect.
    pub fn never() -> Disconnect {
        Disconnect { sock: None }
    }

    /// Whether the client's socket is known (see the [module](crate::disconnect)).
    pub fn is_known(&self) -> bool {
        self.sock.is_some()
    }

    /// Has the client gone (its end of the connection closed or reset)? Looks once, without
    /// waiting.
    pub fn is_gone(&self) -> bool {
        let Some(sock) = &self.sock else {
            return false;
        };
        let mut byte = [0u8; 1];
        match sock.peek(&mut byte) {
            Ok(0) => true,
            Ok(_) => false,
            Err(e) => !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
            ),
        }
    }

    /// Resolves when the client has gone; never when its socket is not known.
    pub async fn wait(&self) {
        if self.sock.is_none() {
            return std::future::pending().await;
        }
        while !self.is_gone() {
            actix_web::rt::time::sleep(POLL).await;
        }
    }

    /// Runs `work` until it finishes, or drops it as soon as the client goes: FastHTML's
    /// `until_disconnect(req, coro)`. `Err(ClientGone)` answers 204 No Content (`?` in a
    /// handler returning `Result`).
    pub async fn until<F: Future>(&self, work: F) -> Result<F::Output, ClientGone> {
        let work = std::pin::pin!(work);
        let gone = std::pin::pin!(self.wait());
        match futures_util::future::select(work, gone).await {
            futures_util::future::Either::Left((out, _)) => Ok(out),
            futures_util::future::Either::Right(((), _)) => {
                tracing::debug!("the client disconnected: the handler's work was dropped");
                Err(ClientGone)
            }
        }
    }
}

/// A duplicate of the request's socket, if the server noted one and it still belongs to this
/// request's client.
#[cfg(unix)]
fn socket(ctx: &Ctx) -> Option<std::net::TcpStream> {
    use std::os::fd::BorrowedFd;
    let fd = ctx.req().conn_data::<ConnFd>()?.0;
    // SAFETY: a `Ctx` lives inside the handler future that actix's connection dispatcher
    // runs, and the dispatcher owns the connection's socket until it drops that future, so
    // the descriptor is open here. (The peer check below also refuses a descriptor that no
    // longer is this client's.)
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    let owned = borrowed.try_clone_to_owned().ok()?;
    let sock = std::net::TcpStream::from(owned);
    let peer = ctx.req().peer_addr()?;
    if sock.peer_addr().ok()? != peer {
        return None;
    }
    // Already so (the descriptions are shared with the server's socket); peeking must not wait.
    sock.set_nonblocking(true).ok()?;
    Some(sock)
}

#[cfg(not(unix))]
fn socket(_ctx: &Ctx) -> Option<std::net::TcpStream> {
    None
}

impl crate::ctx::Extract for Disconnect {
    async fn extract(ctx: &mut Ctx, _name: &str, _at: crate::ctx::Where) -> Result<Self, Error> {
        Ok(Disconnect::of(ctx))
    }
}

/// The client disconnected before the work finished: a 204 No Content response (FastHTML's
/// `Response(status_code=204)`), which no one reads but the access log shows; as an
/// [`Error`] (`?`), a 204 too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientGone;

impl std::fmt::Display for ClientGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the client disconnected")
    }
}

impl std::error::Error for ClientGone {}

impl IntoFt for ClientGone {
    fn into_ft(self) -> Ft {
        crate::response::FtResponse::new(Ft::Fragment(Vec::new()))
            .status(204)
            .into_ft()
    }
}
