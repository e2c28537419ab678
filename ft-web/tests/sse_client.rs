//! Reading server-sent events with the in-process test `Client` (`.sse()`): events parsed as a
//! browser's `EventSource` parses them, read while the handler is still producing, the end of
//! the stream, timeouts instead of hangs, and a clear error for a response that is no stream.

use ft_web::prelude::*;
use ft_web::sse::{EventParser, ReceivedEvent, SseError};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Several events: named, with an id and a retry, FT data over several `data:` lines, and
/// strings written by hand (with CRLF line ends and a comment) as an app may send them.
#[get("/several")]
fn several() -> EventStream {
    EventStream::new(futures::stream::iter(vec![
        SseEvent::new(Div!(P!("line one"), P!("line two"))).into_sse_string(),
        SseEvent::new(Span!("tick"))
            .event("clock")
            .id("42")
            .retry(3000)
            .into_sse_string(),
        ": a comment\r\nevent: raw\r\ndata: first\r\ndata:  second, one space kept\r\n\r\n".into(),
        "data: no name, so a message\n\n".into(),
    ]))
}

/// The bytes `EventStream` sends for an event, as a `String` (so one stream can mix events
/// with strings written by hand).
trait IntoSseString {
    fn into_sse_string(self) -> String;
}
impl IntoSseString for SseEvent {
    fn into_sse_string(self) -> String {
        use ft_web::sse::SseItem;
        String::from_utf8(self.into_sse().to_vec()).expect("utf-8")
    }
}

/// The gate the `/gated` stream waits at between its first and second event.
#[derive(Clone)]
struct Gate(Arc<Notify>);

#[get("/gated")]
fn gated(gate: State<Gate>) -> EventStream {
    let gate = gate.0.clone();
    let items = futures::stream::unfold(0u32, move |n| {
        let gate = gate.clone();
        async move {
            match n {
                0 => Some((P!("first"), 1)),
                1 => {
                    gate.0.notified().await;
                    Some((P!("second"), 2))
                }
                _ => None,
            }
        }
    });
    EventStream::new(items)
}

/// Ends in the middle of an event (no blank line after it): a browser drops that event.
#[get("/cut")]
fn cut() -> EventStream {
    EventStream::new(futures::stream::iter(["data: whole\n\n", "data: cut off"]))
}

/// Never sends an event, only keep-alive comments.
#[get("/quiet")]
fn quiet() -> EventStream {
    EventStream::new(futures::stream::pending::<String>()).keep_alive(Duration::from_millis(20))
}

/// Echoes the request's `Accept` header as one event.
#[get("/accept")]
fn echo_accept(accept: Header<String>) -> EventStream {
    EventStream::new(futures::stream::iter([SseEvent::new(accept.0)]))
}

#[get("/page")]
fn page() -> Ft {
    P!("not a stream")
}

#[get("/refused")]
fn refused() -> Result<EventStream> {
    Err(Error::new(403, "no stream for you"))
}

fn app(gate: Gate) -> FastApp {
    fast_app()
        .secret_key("sse-client-test")
        .state(gate)
        .routes(routes![
            several,
            gated,
            cut,
            quiet,
            echo_accept,
            page,
            refused
        ])
}

async fn client() -> (Client, Arc<Notify>) {
    let notify = Arc::new(Notify::new());
    (Client::new(app(Gate(notify.clone()))).await, notify)
}

fn ev(event: &str, data: &str, id: Option<&str>, retry: Option<u64>) -> ReceivedEvent {
    ReceivedEvent {
        event: event.into(),
        data: data.into(),
        id: id.map(Into::into),
        retry,
    }
}

#[ft_web::test]
async fn several_events_with_names_ids_and_multi_line_data() {
    let (c, _) = client().await;
    let mut events = c.get("/several").sse().await.expect("a stream");
    assert_eq!(events.status(), 200);
    assert_eq!(
        events.header("content-type"),
        Some("text/event-stream; charset=utf-8")
    );
    assert_eq!(
        events.next().await,
        Some(ev(
            "message",
            "<div>\n  <p>line one</p>\n  <p>line two</p>\n</div>",
            None,
            None
        ))
    );
    assert_eq!(
        events.next().await,
        Some(ev("clock", "<span>tick</span>", Some("42"), Some(3000)))
    );
    assert_eq!(
        events.next().await,
        Some(ev("raw", "first\n second, one space kept", None, None))
    );
    // The id stays the stream's last one for the events after it.
    assert_eq!(events.last_event_id(), "42");
    assert_eq!(events.retry(), Some(3000));
    assert_eq!(
        events.next().await,
        Some(ev("message", "no name, so a message", None, None))
    );
    assert!(events.next().await.is_none(), "the handler's stream ended");
    assert!(events.is_ended());
}

#[ft_web::test]
async fn the_first_event_is_read_before_the_stream_finishes() {
    let (c, gate) = client().await;
    let mut events = c.get("/gated").sse().await.expect("a stream");
    assert_eq!(events.next().await.expect("first").data, "<p>first</p>");
    // The handler now waits at the gate: nothing more comes, and waiting is bounded.
    let started = Instant::now();
    match events.next_timeout(Duration::from_millis(200)).await {
        Err(SseError::Timeout { request, waited }) => {
            assert_eq!(request, "GET /gated");
            assert_eq!(waited, Duration::from_millis(200));
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!events.is_ended());
    // Opened, the producer goes on; the timeout lost nothing.
    gate.notify_one();
    assert_eq!(events.next().await.expect("second").data, "<p>second</p>");
    assert!(events.next().await.is_none());
}

#[ft_web::test]
async fn an_event_cut_off_by_the_end_of_the_stream_is_dropped() {
    let (c, _) = client().await;
    let mut events = c.get("/cut").sse().await.expect("a stream");
    let all = events.rest().await;
    assert_eq!(all, vec![ev("message", "whole", None, None)]);
    assert!(events.next().await.is_none());
    assert_eq!(
        events.try_next().await,
        Ok(None),
        "still ended, not an error"
    );
}

#[ft_web::test]
async fn keep_alive_comments_are_not_events_and_a_quiet_stream_times_out() {
    let (c, _) = client().await;
    let mut events = c
        .get("/quiet")
        .sse()
        .await
        .expect("a stream")
        .timeout(Duration::from_millis(150));
    let err = events.try_next().await.expect_err("no event comes");
    assert!(matches!(err, SseError::Timeout { .. }), "{err:?}");
    assert_eq!(err.to_string(), "GET /quiet: no event within 150ms");
}

#[ft_web::test]
async fn next_panics_with_the_request_when_nothing_comes() {
    let (c, _) = client().await;
    let events = c.get("/quiet").sse().await.expect("a stream");
    let mut events = events.timeout(Duration::from_millis(50));
    let caught = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(events.next()));
    let panic = caught.await.expect_err("a timeout panics");
    let msg = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert_eq!(msg, "ft Client: GET /quiet: no event within 50ms");
}

#[ft_web::test]
async fn the_request_says_it_accepts_an_event_stream() {
    let (c, _) = client().await;
    let mut events = c.get("/accept").sse().await.expect("a stream");
    assert_eq!(
        events.next().await.expect("an event").data,
        "text/event-stream"
    );
    // A request's own Accept header is kept.
    let mut events = c
        .get("/accept")
        .header("Accept", "*/*")
        .sse()
        .await
        .expect("a stream");
    assert_eq!(events.next().await.expect("an event").data, "*/*");
}

#[ft_web::test]
async fn a_response_that_is_no_event_stream_is_a_clear_error() {
    let (c, _) = client().await;
    match c.get("/page").htmx().sse().await {
        Err(SseError::NotEventStream {
            request,
            status,
            content_type,
            body,
        }) => {
            assert_eq!(request, "GET /page");
            assert_eq!(status, 200);
            assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
            assert_eq!(body, "<p>not a stream</p>");
        }
        other => panic!("expected NotEventStream, got {other:?}"),
    }
    let err = c.get("/refused").sse().await.expect_err("a 403");
    assert!(
        matches!(err, SseError::NotEventStream { status: 403, .. }),
        "{err:?}"
    );
    let msg = c
        .get("/nowhere")
        .sse()
        .await
        .expect_err("a 404")
        .to_string();
    assert!(
        msg.starts_with("GET /nowhere is not an event stream: status 404"),
        "{msg}"
    );
}

/// Feeds `stream` to a parser one byte at a time (every split a network could make) and
/// returns the events.
fn parse_bytewise(stream: &[u8]) -> Vec<ReceivedEvent> {
    let mut p = EventParser::new();
    let mut out = Vec::new();
    for b in stream {
        p.feed(std::slice::from_ref(b));
        out.extend(std::iter::from_fn(|| p.next_event()));
    }
    p.finish();
    out.extend(std::iter::from_fn(|| p.next_event()));
    out
}

#[test]
fn the_parser_follows_the_whatwg_rules() {
    // CR, LF and CRLF line ends; a BOM at the start; a comment; a field with no colon; one
    // leading space dropped, a second kept; unknown fields ignored.
    let stream = "\u{feff}data: a\rdata:b\r\ndata\n:comment\nfoo: bar\ndata:  c\n\r\n";
    assert_eq!(
        parse_bytewise(stream.as_bytes()),
        vec![ev("message", "a\nb\n\n c", None, None)]
    );
    // A blank line with no data dispatches nothing (and resets the event name); `data:` with
    // an empty value is an event with empty data.
    assert_eq!(
        parse_bytewise(b"event: x\n\ndata:\n\n"),
        vec![ev("message", "", None, None)]
    );
    // An id with NUL and a retry that is not all digits are ignored; a valid id is kept for
    // the stream even in an event with no data.
    let mut p = EventParser::new();
    p.feed(b"id: 1\n\nid: a\0b\nretry: 12x\ndata: d\n\n");
    assert_eq!(p.next_event(), Some(ev("message", "d", None, None)));
    assert_eq!((p.last_event_id(), p.retry()), ("1", None));
    // CRLF split across two chunks is one line end, not an empty line.
    let mut p = EventParser::new();
    p.feed(b"data: x\r");
    p.feed(b"\ndata: y\r");
    assert!(p.next_event().is_none());
    p.feed(b"\n\r\n");
    assert_eq!(p.next_event(), Some(ev("message", "x\ny", None, None)));
    // A multi-byte character split between chunks; invalid UTF-8 reads as U+FFFD.
    assert_eq!(
        parse_bytewise("data: é€\n\n".as_bytes()),
        vec![ev("message", "é€", None, None)]
    );
    assert_eq!(
        parse_bytewise(b"data: \xff\n\n"),
        vec![ev("message", "\u{fffd}", None, None)]
    );
    // A BOM only counts at the very start.
    assert_eq!(
        parse_bytewise("data: 1\n\n\u{feff}data: 2\n\n".as_bytes()),
        vec![ev("message", "1", None, None)]
    );
}
