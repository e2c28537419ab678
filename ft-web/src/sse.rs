//! Server-sent events (FastHTML's `EventStream`, SPEC 7B).
//!
//! A handler returns an [`EventStream`] made from any `Stream` of items: strings are sent as
//! they are (build them with [`sse_message`](ft_html::sse::sse_message), as in FastHTML), FT values
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
use ft_html::{Ft, IntoFt};
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
        Bytes::from(ft_html::sse::sse_message(self, "message"))
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
        let msg = ft_html::sse::sse_message(self.data, name);
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

// --- Reading a stream: the test client's side ------------------------------------------

/// One event as a browser's `EventSource` receives it: the parsed form of what an
/// [`EventStream`] sends. Read them from the test [`Client`](crate::Client) with
/// [`RequestBuilder::sse`](crate::RequestBuilder::sse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedEvent {
    /// The event type: the `event:` field, `"message"` when the event had none (htmx's
    /// `sse-swap` name).
    pub event: String,
    /// The data: the event's `data:` lines joined with `\n`.
    pub data: String,
    /// The `id:` field, when this event had one. An id is remembered for the events after it
    /// (a browser sends it back as `Last-Event-ID`): that is [`EventReader::last_event_id`].
    pub id: Option<String>,
    /// The `retry:` field in milliseconds, when this event had a valid one.
    pub retry: Option<u64>,
}

/// The `text/event-stream` format, parsed as the WHATWG HTML standard says a browser parses
/// it (§9.2.6): lines end with CRLF, LF or CR (a CRLF split between two chunks is one line
/// end); a leading byte-order mark is skipped; a line starting with `:` is a comment; `data:`
/// lines are joined with `\n`; one space after the colon is dropped; an `id` holding NUL and a
/// `retry` that is not all digits are ignored; a blank line dispatches the event, unless it
/// had no `data` field; an event the stream ends in the middle of is discarded.
///
/// Feed it bytes as they arrive and take the events that are complete. The test client's
/// [`EventReader`] uses it; a test that reads a real server's raw HTTP (through
/// [`TestServer`](crate::testing::TestServer)) can use it too.
///
/// ```
/// use ft_web::sse::EventParser;
/// let mut p = EventParser::new();
/// p.feed(b": a comment\r\nevent: tick\r\ndata: one\r\ndata: two\r");
/// assert!(p.next_event().is_none()); // the blank line has not arrived yet
/// p.feed(b"\n\r\nid: 7\ndata:three\n\n");
/// let first = p.next_event().unwrap();
/// assert_eq!((first.event.as_str(), first.data.as_str()), ("tick", "one\ntwo"));
/// let second = p.next_event().unwrap();
/// assert_eq!((second.event.as_str(), second.data.as_str()), ("message", "three"));
/// assert_eq!(second.id.as_deref(), Some("7"));
/// assert_eq!(p.last_event_id(), "7");
/// ```
#[derive(Debug, Default)]
pub struct EventParser {
    /// Bytes of the line not yet ended.
    line: Vec<u8>,
    /// The last line ended with CR: an LF that comes next belongs to it.
    after_cr: bool,
    /// The first line has been read (the byte-order mark can only be there).
    first_line_done: bool,
    /// The event being read.
    event: String,
    data: String,
    /// Any `data` field seen (the spec's "data buffer is not empty").
    has_data: bool,
    event_id: Option<String>,
    event_retry: Option<u64>,
    /// Kept across events.
    last_event_id: String,
    reconnection_time: Option<u64>,
    ready: std::collections::VecDeque<ReceivedEvent>,
}

impl EventParser {
    /// A parser at the start of a stream.
    pub fn new() -> EventParser {
        EventParser::default()
    }

    /// Reads more of the stream (any split: mid-line, mid-CRLF, mid-character).
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    self.after_cr = b == b'\r';
                    let line = std::mem::take(&mut self.line);
                    self.process_line(line);
                }
                _ => {
                    self.after_cr = false;
                    self.line.push(b);
                }
            }
        }
    }

    /// The next complete event, in order.
    pub fn next_event(&mut self) -> Option<ReceivedEvent> {
        self.ready.pop_front()
    }

    /// The stream ended: an event that was not finished by a blank line is dropped, as a
    /// browser drops it.
    pub fn finish(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.reset_event();
    }

    /// The last `id` the stream set (kept across events; `""` before any): what a browser
    /// would send back as `Last-Event-ID`.
    pub fn last_event_id(&self) -> &str {
        &self.last_event_id
    }

    /// The last valid `retry` the stream set, in milliseconds.
    pub fn retry(&self) -> Option<u64> {
        self.reconnection_time
    }

    fn reset_event(&mut self) {
        self.event.clear();
        self.data.clear();
        self.has_data = false;
        self.event_id = None;
        self.event_retry = None;
    }

    fn process_line(&mut self, bytes: Vec<u8>) {
        let mut bytes = &bytes[..];
        if !self.first_line_done {
            self.first_line_done = true;
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if bytes.is_empty() {
            self.dispatch();
            return;
        }
        if bytes[0] == b':' {
            return; // a comment (ft's keep-alive is one)
        }
        // Invalid UTF-8 reads as U+FFFD, as a browser decodes the stream.
        let line = String::from_utf8_lossy(bytes);
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (&*line, ""),
        };
        match field {
            "event" => {
                self.event.clear();
                self.event.push_str(value);
            }
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => {
                self.last_event_id = value.to_owned();
                self.event_id = Some(value.to_owned());
            }
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                // Digits beyond u64 are no time anyone waits for: keep the largest.
                let ms = value.parse().unwrap_or(u64::MAX);
                self.reconnection_time = Some(ms);
                self.event_retry = Some(ms);
            }
            _ => {} // unknown fields are ignored
        }
    }

    fn dispatch(&mut self) {
        if self.has_data {
            let event = if self.event.is_empty() {
                "message".to_owned()
            } else {
                std::mem::take(&mut self.event)
            };
            self.ready.push_back(ReceivedEvent {
                event,
                data: std::mem::take(&mut self.data),
                id: self.event_id.take(),
                retry: self.event_retry.take(),
            });
        }
        self.reset_event();
    }
}

/// How long [`EventReader::next`] waits for an event unless told otherwise.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a test's stream could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SseError {
    /// The response is not an event stream: a browser's `EventSource` would fail the same
    /// way (the status is not 200, or the type is not `text/event-stream`).
    NotEventStream {
        /// The request, as `GET /path`.
        request: String,
        /// The response's status.
        status: u16,
        /// The response's `Content-Type`.
        content_type: Option<String>,
        /// The start of the response's body.
        body: String,
    },
    /// No event came within the time.
    Timeout {
        /// The request, as `GET /path`.
        request: String,
        /// How long the reader waited.
        waited: Duration,
    },
    /// The response's body failed while being read.
    Body {
        /// The request, as `GET /path`.
        request: String,
        /// What failed.
        message: String,
    },
}

impl std::fmt::Display for SseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SseError::NotEventStream {
                request,
                status,
                content_type,
                body,
            } => write!(
                f,
                "{request} is not an event stream: status {status}, content type {}, body {body:?}",
                content_type.as_deref().unwrap_or("(none)")
            ),
            SseError::Timeout { request, waited } => {
                write!(f, "{request}: no event within {waited:?}")
            }
            SseError::Body { request, message } => {
                write!(f, "{request}: the stream's body failed: {message}")
            }
        }
    }
}

impl std::error::Error for SseError {}

/// An event stream being read by the test [`Client`](crate::Client), event by event as the
/// handler produces them; from [`RequestBuilder::sse`](crate::RequestBuilder::sse).
///
/// Every wait has a limit ([`DEFAULT_READ_TIMEOUT`], or [`EventReader::timeout`]), so a test
/// whose event never comes fails instead of hanging. Keep-alive comments are not events: a
/// quiet stream still times out.
///
/// ```
/// use ft_web::prelude::*;
///
/// #[get("/numbers")]
/// fn numbers() -> EventStream {
///     EventStream::new(futures::stream::iter(1..=2).map(|n| SseEvent::new(P!(n)).id(n.to_string())))
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let client = Client::new(fast_app().routes(routes![numbers]).secret_key("test")).await;
/// let mut events = client.get("/numbers").sse().await?;
/// let first = events.next().await.expect("an event");
/// assert_eq!((first.event.as_str(), first.data.as_str()), ("message", "<p>1</p>"));
/// assert_eq!(first.id.as_deref(), Some("1"));
/// let rest = events.rest().await;          // until the handler's stream ends
/// assert_eq!(rest.len(), 1);
/// assert_eq!(events.last_event_id(), "2");
/// assert!(events.next().await.is_none()); // ended
/// # Ok::<(), ft_web::sse::SseError>(())
/// # }).unwrap();
/// ```
pub struct EventReader {
    request: String,
    status: u16,
    headers: Vec<(String, String)>,
    /// `None` once the body ended.
    body: Option<actix_web::body::BoxBody>,
    parser: EventParser,
    timeout: Duration,
}

impl std::fmt::Debug for EventReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventReader")
            .field("request", &self.request)
            .field("status", &self.status)
            .field("ended", &self.body.is_none())
            .finish()
    }
}

impl EventReader {
    pub(crate) fn new(
        request: String,
        status: u16,
        headers: Vec<(String, String)>,
        body: actix_web::body::BoxBody,
    ) -> EventReader {
        EventReader {
            request,
            status,
            headers,
            body: Some(body),
            parser: EventParser::new(),
            timeout: DEFAULT_READ_TIMEOUT,
        }
    }

    /// How long [`next`](Self::next), [`try_next`](Self::try_next) and [`rest`](Self::rest)
    /// wait for each event (10 s by default).
    pub fn timeout(mut self, wait: Duration) -> Self {
        self.timeout = wait;
        self
    }

    /// The next event; `None` once the stream has ended.
    ///
    /// # Panics
    /// When no event comes within the timeout, or the body fails: the test fails there,
    /// with the request in the message, instead of hanging.
    pub async fn next(&mut self) -> Option<ReceivedEvent> {
        match self.try_next().await {
            Ok(ev) => ev,
            Err(e) => panic!("ft Client: {e}"),
        }
    }

    /// The next event, waiting at most the reader's timeout; `Ok(None)` once the stream has
    /// ended.
    pub async fn try_next(&mut self) -> Result<Option<ReceivedEvent>, SseError> {
        self.next_timeout(self.timeout).await
    }

    /// The next event, waiting at most `wait`; `Ok(None)` once the stream has ended. A
    /// timeout loses nothing: bytes that arrived stay for the next call.
    pub async fn next_timeout(
        &mut self,
        wait: Duration,
    ) -> Result<Option<ReceivedEvent>, SseError> {
        match tokio::time::timeout(wait, self.read_event()).await {
            Ok(r) => r,
            Err(_) => Err(SseError::Timeout {
                request: self.request.clone(),
                waited: wait,
            }),
        }
    }

    /// Every event until the stream ends (each waited for as [`next`](Self::next) waits).
    ///
    /// # Panics
    /// As [`next`](Self::next).
    pub async fn rest(&mut self) -> Vec<ReceivedEvent> {
        let mut out = Vec::new();
        while let Some(ev) = self.next().await {
            out.push(ev);
        }
        out
    }

    async fn read_event(&mut self) -> Result<Option<ReceivedEvent>, SseError> {
        use actix_web::body::MessageBody;
        loop {
            if let Some(ev) = self.parser.next_event() {
                return Ok(Some(ev));
            }
            let Some(body) = self.body.as_mut() else {
                return Ok(None);
            };
            // Polling the body runs the handler's stream: in process, nothing else drives it.
            let chunk =
                futures_util::future::poll_fn(|cx| Pin::new(&mut *body).poll_next(cx)).await;
            match chunk {
                Some(Ok(bytes)) => self.parser.feed(&bytes),
                Some(Err(e)) => {
                    self.body = None;
                    self.parser.finish();
                    return Err(SseError::Body {
                        request: self.request.clone(),
                        message: e.to_string(),
                    });
                }
                None => {
                    self.body = None;
                    self.parser.finish();
                }
            }
        }
    }

    /// The stream has ended and every event was read.
    pub fn is_ended(&self) -> bool {
        self.body.is_none() && self.parser.ready.is_empty()
    }

    /// The last `id` the stream set (`""` before any): what a browser would send back as
    /// `Last-Event-ID` when it reconnects.
    pub fn last_event_id(&self) -> &str {
        self.parser.last_event_id()
    }

    /// The last valid `retry` the stream set, in milliseconds.
    pub fn retry(&self) -> Option<u64> {
        self.parser.retry()
    }

    /// The response's status (200: anything else is [`SseError::NotEventStream`]).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// A response header's first value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// All response headers, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }
}
