//! Server-sent events (FastHTML's `EventStream`, SPEC 7B).
//!
//! A handler returns an [`EventStream`] made from any `Stream` of items: strings are sent as
//! they are (build them with [`sse_message`](ft_core::sse::sse_message), as in FastHTML), FT values
//! become one default `message` event each (`sse_message(ft, "message")`), and [`SseEvent`]
//! sets the event name, id and retry. The response is `text/event-stream; charset=utf-8`.
//!
//! ```
//! use ft_web::prelude::*;
//! use std::time::Duration;
//!
//! #[get("/number-stream")]
//! fn numbers() -> EventStream {
//!     let items = futures::stream::iter(0..3)
//!         .map(|i| sse_message(Article!(i), "message"))
//!         .chain(futures::stream::once(async { sse_message(P!("done"), "close") }));
//!     EventStream::new(items)
//! }
//!
//! #[get("/lobby-events")]
//! fn lobby(hub: Hub) -> EventStream {
//!     EventStream::room(&hub, "lobby").keep_alive(Duration::from_secs(10))
//! }
//! # let _ = fast_app().routes(routes![numbers, lobby]);
//! ```
//!
//! - **Keep-alive**: while the producer is quiet, a comment line (`: keep-alive`) goes out
//!   every 15 s (or [`EventStream::keep_alive`]); proxies keep the connection, and a client
//!   that went away is noticed by the failed write.
//! - **Client gone**: the producer is dropped as soon as the server notices (the next write
//!   fails), which cancels it: no work continues for nobody.
//! - **Shutdown**: the stream ends when the shutdown signal is set
//!   ([`signal_shutdown`](crate::signal_shutdown); Ctrl-C under `serve()`), so a graceful stop
//!   is not held up by open streams.
//! - **Across processes**: [`EventStream::room`] streams what is published to a
//!   [`Hub`] room, from this process or (with a backend) any other.

use crate::broadcast::{Hub, Message};
use actix_web::HttpResponse;
use actix_web::web::Bytes;
use ft_core::{Ft, IntoFt};
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// How often a quiet stream sends a keep-alive comment, unless told otherwise.
pub const DEFAULT_KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The keep-alive comment.
pub const KEEP_ALIVE_COMMENT: &str = ": keep-alive\n\n";

/// One item of an [`EventStream`]: how it is written on the wire.
pub trait SseItem {
    /// The bytes of this item.
    fn into_sse(self) -> Bytes;
}

/// Sent as it is (already an SSE message, e.g. from `sse_message`; SPEC 7.12).
impl SseItem for String {
    fn into_sse(self) -> Bytes {
        Bytes::from(self)
    }
}
/// Sent as it is.
impl SseItem for &'static str {
    fn into_sse(self) -> Bytes {
        Bytes::from_static(self.as_bytes())
    }
}
/// Sent as it is.
impl SseItem for Bytes {
    fn into_sse(self) -> Bytes {
        self
    }
}
/// One default `message` event: `sse_message(ft, "message")`.
impl SseItem for Ft {
    fn into_sse(self) -> Bytes {
        Bytes::from(ft_core::sse::sse_message(self, "message"))
    }
}
/// A message published to a room.
impl SseItem for Arc<Message> {
    fn into_sse(self) -> Bytes {
        self.sse()
    }
}

/// An SSE event with a name, id or retry time.
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::sse::SseItem;
/// let ev = SseEvent::new(P!("a\nb")).event("tick").id("7");
/// assert_eq!(ev.into_sse(), "event: tick\nid: 7\ndata: <p>a\ndata: b</p>\n\n");
/// ```
#[derive(Debug, Clone)]
pub struct SseEvent {
    data: Ft,
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
}

impl SseEvent {
    /// An event whose data is `data` rendered as `sse_message` renders it.
    pub fn new(data: impl IntoFt) -> SseEvent {
        SseEvent {
            data: data.into_ft(),
            event: None,
            id: None,
            retry: None,
        }
    }
    /// The event name (`event: NAME`; htmx's `sse-swap="NAME"`).
    pub fn event(mut self, name: impl Into<String>) -> Self {
        self.event = Some(name.into());
        self
    }
    /// The event id (`id: ..`), which the browser sends back as `Last-Event-ID` on reconnect.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
    /// How long the browser waits before reconnecting, in milliseconds (`retry: ..`).
    pub fn retry(mut self, ms: u64) -> Self {
        self.retry = Some(ms);
        self
    }
}

fn field_value(v: &str) -> String {
    // A line break would start another field: drop them (as sse_message does for names).
    v.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

impl SseItem for SseEvent {
    fn into_sse(self) -> Bytes {
        let name = self.event.as_deref().unwrap_or("message");
        let msg = ft_core::sse::sse_message(self.data, name);
        let mut head = String::new();
        let body = match msg.strip_prefix("event: ") {
            Some(rest) => {
                let (line, rest) = rest.split_once('\n').unwrap_or((rest, ""));
                head.push_str("event: ");
                head.push_str(line);
                head.push('\n');
                rest.to_owned()
            }
            None => msg,
        };
        if let Some(id) = &self.id {
            head.push_str("id: ");
            head.push_str(&field_value(id));
            head.push('\n');
        }
        if let Some(r) = self.retry {
            head.push_str(&format!("retry: {r}\n"));
        }
        head.push_str(&body);
        Bytes::from(head)
    }
}

type ItemStream = Pin<Box<dyn Stream<Item = Bytes>>>;

/// A `text/event-stream` response (FastHTML's `EventStream`): return it from a handler.
pub struct EventStream {
    items: ItemStream,
    keep_alive: Option<Duration>,
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("keep_alive", &self.keep_alive)
            .finish()
    }
}

impl EventStream {
    /// A stream of items ([`SseItem`]: strings as they are, FT values as `message` events,
    /// [`SseEvent`]s). It ends when the producer ends, the client leaves, or the server shuts
    /// down.
    pub fn new<S>(items: S) -> EventStream
    where
        S: Stream + 'static,
        S::Item: SseItem,
    {
        use futures_util::StreamExt;
        EventStream {
            items: Box::pin(items.map(SseItem::into_sse)),
            keep_alive: Some(DEFAULT_KEEP_ALIVE),
        }
    }
    /// Everything published to a [`Hub`] room from now on, from any process of the app.
    pub fn room(hub: &Hub, room: impl Into<String>) -> EventStream {
        EventStream::new(hub.subscribe(room))
    }
    /// How often a quiet stream sends a keep-alive comment (15 s by default).
    pub fn keep_alive(mut self, every: Duration) -> Self {
        self.keep_alive = Some(every.max(Duration::from_millis(10)));
        self
    }
    /// No keep-alive comments.
    pub fn no_keep_alive(mut self) -> Self {
        self.keep_alive = None;
        self
    }
    /// The HTTP response.
    pub fn into_response(self) -> HttpResponse {
        let body = Body {
            items: self.items,
            every: self.keep_alive,
            timer: self.keep_alive.map(|d| Box::pin(tokio::time::sleep(d))),
            shutdown: Box::pin(async {
                let mut rx = crate::shutdown::subscribe();
                let _ = rx.wait_for(|s| *s).await;
            }),
            done: false,
        };
        HttpResponse::Ok()
            .content_type("text/event-stream; charset=utf-8")
            .insert_header(("Cache-Control", "no-cache"))
            .insert_header(("X-Accel-Buffering", "no"))
            .streaming(body)
    }
}

struct Body {
    items: ItemStream,
    every: Option<Duration>,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
    shutdown: Pin<Box<dyn Future<Output = ()>>>,
    done: bool,
}

impl Stream for Body {
    type Item = Result<Bytes, std::convert::Infallible>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        if this.shutdown.as_mut().poll(cx).is_ready() {
            this.done = true;
            return Poll::Ready(None);
        }
        match this.items.as_mut().poll_next(cx) {
            Poll::Ready(Some(b)) => {
                if let (Some(t), Some(every)) = (this.timer.as_mut(), this.every) {
                    t.as_mut().reset(tokio::time::Instant::now() + every);
                }
                return Poll::Ready(Some(Ok(b)));
            }
            Poll::Ready(None) => {
                this.done = true;
                return Poll::Ready(None);
            }
            Poll::Pending => {}
        }
        if let (Some(t), Some(every)) = (this.timer.as_mut(), this.every)
            && t.as_mut().poll(cx).is_ready()
        {
            t.as_mut().reset(tokio::time::Instant::now() + every);
            let comment = Bytes::from_static(KEEP_ALIVE_COMMENT.as_bytes());
            return Poll::Ready(Some(Ok(comment)));
        }
        Poll::Pending
    }
}

impl crate::page::Respond for &crate::page::Probe<EventStream> {
    fn respond(&self, _: &mut crate::ctx::Ctx) -> HttpResponse {
        match self.take() {
            Some(s) => s.into_response(),
            None => HttpResponse::InternalServerError().finish(),
        }
    }
}

impl<E: Into<crate::error::Error>> crate::page::Respond
    for &crate::page::Probe<Result<EventStream, E>>
{
    fn respond(&self, ctx: &mut crate::ctx::Ctx) -> HttpResponse {
        match self.take() {
            Some(Ok(s)) => s.into_response(),
            Some(Err(e)) => crate::page::error_response(ctx.app(), Some(ctx), &e.into()),
            None => HttpResponse::InternalServerError().finish(),
        }
    }
}
