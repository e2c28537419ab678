//! Websockets (FastHTML's `@app.ws`, SPEC 7A). Under `serve()` a socket's connection leaves
//! the HTTP server once the handshake is answered and one task serves it on the TCP stream
//! (about 7 KiB per idle socket); an app mounted with `configure()` runs its sockets on
//! actix-ws.
//!
//! `#[ws("/path", conn = on_connect, disconn = on_disconnect)]` turns a function into a
//! websocket route. Every text frame the client sends is a JSON object, as the htmx `ws`
//! extension sends it (the form's fields plus a `HEADERS` object); the function's parameters
//! are found in it by name and type, like an HTTP handler's:
//!
//! - plain values (`String`, numbers, `bool`, `Option`/`Vec` of those, `#[derive(FormFields)]`
//!   structs) from, in order: the route's path, the message's fields, its `HEADERS`
//!   (`hx_trigger` is `HX-Trigger`) and the handshake's query string (never cookies: read
//!   those from the handshake's [`Request`](crate::Request));
//! - special types by type: [`WsSend`] (a handle that sends to this socket, from anywhere),
//!   [`WsId`], [`Session`](crate::Session) (the same signed-cookie session as HTTP, read from the
//!   handshake), [`App`](crate::App), [`Hub`](crate::Hub) (rooms and broadcast),
//!   [`State<T>`](crate::State), [`Auth<T>`](crate::Auth) / [`MaybeAuth<T>`](crate::MaybeAuth)
//!   (what beforeware stored for the handshake), [`Request`](crate::Request) (the handshake),
//!   [`Htmx`](crate::Htmx) (from `HEADERS`), [`WsData`] (the whole message) and
//!   [`Json<T>`](crate::Json) (the message deserialised with serde).
//!
//! The function's result is sent back as one text frame (rendered with FastHTML's indented
//! `to_xml`; an element with an `id` is swapped into the page by the htmx extension, e.g. with
//! `hx_swap_oob`). An empty result sends nothing; an `Err` sends its message.
//!
//! ```
//! use ft_web::prelude::*;
//!
//! async fn on_connect(send: WsSend) {
//!     let _ = send.send(Div!("Hello, you have connected", id = "notifications")).await;
//! }
//! async fn on_disconnect(id: WsId) {
//!     eprintln!("{id} left");
//! }
//!
//! #[ws("/ws", conn = on_connect, disconn = on_disconnect)]
//! async fn chat(msg: String, session: Session) -> Ft {
//!     let who = session.get::<String>("name").unwrap_or_else(|| "anon".into());
//!     Div!(P!(format!("{who}: {msg}")), id = "notifications", hx_swap_oob = "beforeend")
//! }
//!
//! #[rt]
//! fn index() -> Ft {
//!     Div!(
//!         Div!(id = "notifications"),
//!         Form!(Input!(id = "msg"), ws_send = true),
//!         hx_ext = "ws", ws_connect = chat,       // the route value renders its path
//!     )
//! }
//!
//! let app = fast_app().exts(["ws"]).routes(routes![index, chat]);
//! # let _ = app;
//! ```
//!
//! Hooks (`conn`, `disconn`) are `async fn`s whose parameters are special types only (no
//! message exists yet); a value a hook returns is sent like a handler's result. Under
//! `serve()` the `conn` hook runs before the handshake is answered: once a client sees its
//! socket open, the hook has run (rooms joined), so a message published right after reaches
//! it; what the hook sends is delivered as the socket opens.
//!
//! **Robustness.** Frames that are not JSON, JSON that is not an object, values of the wrong
//! type and missing fields are answered with an error message and the socket stays open
//! (SPEC 7.4-7.6; FastHTML closes the socket on a JSON array, 7.5). A binary frame gets an
//! error message. A message larger than [`WsConfig::max_message`] closes the socket with
//! code 1009 and a reason. A handler that panics sends `Internal Server Error` and the socket
//! lives on. The server pings every [`WsConfig::ping_interval`] and closes a socket that has
//! not answered for two intervals. On shutdown ([`trigger_shutdown`](crate::trigger_shutdown)
//! or Ctrl-C under `serve()`) every socket is closed with code 1001.
//!
//! **Deliberate differences from FastHTML.** Beforeware runs on the handshake (FastHTML skips
//! it, SPEC 7.9): a login-required beforeware protects sockets too, and `Auth<T>` works in
//! websocket handlers. A returned string is escaped text, not markup (SPEC 7.2, 7.11): return
//! `Raw(..)` for markup. There is no `setup_ws` (SPEC 7.10, broken in FastHTML): rooms on the
//! [`Hub`](crate::Hub) do that job.

mod conn;
mod params;
mod socket;
pub(crate) mod takeover;

pub use params::{WsCtx, WsData, WsHook, WsHookCtx, WsValues};
pub(crate) use socket::{WsSpec, handshake, start};

use crate::Error;
use crate::broadcast::{Message, Out};
use ft_html::{Ft, IntoFt};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// Websocket settings of an app: `fast_app().ws_config(WsConfig { .. })`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WsConfig {
    /// The largest message a client may send, in bytes (64 KiB); a larger one closes the
    /// socket with code 1009.
    pub max_message: usize,
    /// How often the server pings (20 s, as uvicorn); a socket silent for two intervals is
    /// closed.
    pub ping_interval: Duration,
    /// Messages queued for one socket or stream before it counts as too slow and is
    /// disconnected (256).
    pub queue: usize,
    /// Refuse (403) a handshake whose `Origin` names another host than the request's `Host`
    /// (cross-site websocket hijacking: a page elsewhere opening a socket with the user's
    /// cookies). On by default; browsers always send `Origin`, other clients may omit it.
    pub check_origin: bool,
    /// How often this process tells the app's other processes (through the broadcast backend)
    /// how many members its rooms have, for [`Hub::members`](crate::Hub::members) (5 s; a
    /// change is told at once). A process not heard from for three intervals counts as gone.
    pub presence_interval: Duration,
    /// Open websockets this process takes at once; a handshake beyond them is answered 503
    /// (25,000). Under `serve()` a socket leaves the HTTP server's connection count once its
    /// handshake is answered, so this is the limit that holds for sockets.
    pub max_sockets: usize,
}

impl Default for WsConfig {
    fn default() -> Self {
        WsConfig {
            max_message: 64 * 1024,
            ping_interval: Duration::from_secs(20),
            queue: 256,
            check_origin: true,
            presence_interval: Duration::from_secs(5),
            max_sockets: 25_000,
        }
    }
}

/// A websocket's id, unique in this process (FastHTML identifies sockets by object).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WsId(pub u64);

impl std::fmt::Display for WsId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ws-{}", self.0)
    }
}

/// The socket is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the websocket is closed")
    }
}

impl std::error::Error for Closed {}

/// Sends to one websocket (FastHTML's `send`). Take it as a parameter of a websocket handler
/// or hook; it is `Clone + Send + Sync`, so it can be stored (in app state, a map of players,
/// a [`Hub`](crate::Hub) room) and used from any handler, thread or background task.
///
/// Messages are queued and written in order by the socket's own task; [`WsSend::send`] waits
/// when the queue is full, [`WsSend::try_send`] does not.
#[derive(Clone)]
pub struct WsSend {
    id: WsId,
    tx: mpsc::Sender<Out>,
    stop: Arc<watch::Sender<bool>>,
}

impl std::fmt::Debug for WsSend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WsSend")
            .field("id", &self.id)
            .field("closed", &self.is_closed())
            .finish()
    }
}

impl WsSend {
    /// The socket's id.
    pub fn id(&self) -> WsId {
        self.id
    }
    /// Sends an FT, rendered as FastHTML does (`to_xml`); an empty one sends nothing
    /// (FastHTML's falsy values, SPEC 7.2). A string is escaped text: use `Raw(..)` for markup.
    pub async fn send(&self, msg: impl IntoFt) -> Result<(), Closed> {
        match render_ws(msg.into_ft(), false) {
            Some(text) => self.send_text(text).await,
            None => Ok(()),
        }
    }
    /// Sends text exactly as given.
    pub async fn send_text(&self, text: impl Into<String>) -> Result<(), Closed> {
        self.tx
            .send(Arc::new(Message::new(text.into(), None)))
            .await
            .map_err(|_| Closed)
    }
    /// Sends without waiting: `Err` when the socket is closed or its queue is full.
    pub fn try_send(&self, msg: impl IntoFt) -> Result<(), Closed> {
        match render_ws(msg.into_ft(), false) {
            Some(text) => self
                .tx
                .try_send(Arc::new(Message::new(text, None)))
                .map_err(|_| Closed),
            None => Ok(()),
        }
    }
    /// Has the socket closed?
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed() || *self.stop.borrow()
    }
    /// Closes the socket (normal closure, code 1000).
    pub fn close(&self) {
        self.stop.send_replace(true);
    }
    pub(crate) fn queue(&self) -> mpsc::Sender<Out> {
        self.tx.clone()
    }
    pub(crate) fn stopper(&self) -> Arc<watch::Sender<bool>> {
        self.stop.clone()
    }
}

/// What a websocket handler's result becomes on the wire: `None` for nothing to send.
/// Content is FastHTML's indented `to_xml`; a result that is only text is escaped text; an
/// error is its message (a 5xx's only in debug mode); JSON is its text.
pub(crate) fn render_ws(ft: Ft, debug: bool) -> Option<String> {
    let mut parts = crate::response::Parts::split(ft);
    if let Some(e) = parts.error.take() {
        if e.status() >= 500 && !debug {
            tracing::error!("websocket handler error: {}", e.message());
            return Some("Internal Server Error".into());
        }
        return Some(e.message().to_owned());
    }
    if let Some(t) = parts.text.take() {
        let mut out = String::with_capacity(t.len());
        ft_html::escape::text(&mut out, &t);
        return Some(out);
    }
    if let Some(j) = parts.json.take() {
        return Some(j.to_string());
    }
    let mut out = String::new();
    for item in &parts.content {
        out.push_str(&item.to_xml());
    }
    (!out.is_empty()).then_some(out)
}

/// The websocket part of the app builder.
#[derive(Debug, Clone)]
pub(crate) struct WsSetup {
    /// `FastApp::broadcast`.
    pub(crate) broadcast: crate::broadcast::Broadcast,
    /// `FastApp::ws_config`.
    pub(crate) config: WsConfig,
}

impl WsSetup {
    pub(crate) fn from_env() -> WsSetup {
        WsSetup {
            broadcast: crate::broadcast::Broadcast::from_env(),
            config: WsConfig::default(),
        }
    }
    /// The app's hub; its backend channel, unless named, is derived from the app's key, and
    /// its messages are sealed with it.
    pub(crate) fn into_hub(self, key: &actix_web::cookie::Key) -> crate::broadcast::Hub {
        crate::broadcast::Hub::for_key(self.broadcast, self.config, key)
    }
}

impl crate::ctx::App {
    /// The app's rooms and broadcast.
    pub fn hub(&self) -> crate::broadcast::Hub {
        self.0.hub.clone()
    }
}

impl<S: crate::ctx::ParamSource> crate::ctx::Extract<S> for crate::broadcast::Hub {
    async fn extract(src: &mut S, _: &'static str, _: crate::ctx::Where) -> Result<Self, Error> {
        Ok(src.ctx().app().hub.clone())
    }
}

#[doc(hidden)]
pub mod __private {
    //! Used by the code `#[ws]` generates.
    pub use super::params::run_hook;
    pub use super::socket::{HookFn, MsgFn, MsgFuture, WsSpec};
}
