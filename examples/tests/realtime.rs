//! The realtime example (examples/examples/realtime.rs): its pages through the test client,
//! the number stream and the websocket form against a real server, and both in a browser
//! (e2e/realtime.mjs). Shutdown ending the stream is in realtime_shutdown.rs (the signal is
//! process-wide).

mod common;

#[allow(dead_code)]
#[path = "../examples/realtime.rs"]
mod realtime;

use common::sse::Sse;
use common::ws::{connect, during, next_text, send_form};
use common::{Running, client};

#[ft_web::test]
async fn pages_wire_the_htmx_extensions() {
    let c = client(realtime::app()).await;
    let home = c.get("/").send().await.text();
    for href in ["/numbers", "/ws-form"] {
        assert!(
            home.contains(&format!("href=\"{href}\"")),
            "{href} in {home}"
        );
    }
    let html = c.get("/numbers").send().await.text();
    assert!(
        html.contains(
            "<div hx-ext=\"sse\" sse-connect=\"/number-stream\" hx-swap=\"beforeend show:bottom\" sse-swap=\"message\" id=\"numbers\"></div>"
        ),
        "{html}"
    );
    // Both extensions are served by the app itself.
    for ext in ["htmx-ext-sse", "htmx-ext-ws"] {
        let at = html.find(ext).expect(ext);
        let src = &html[html[..at].rfind('"').unwrap() + 1..];
        let src = &src[..src.find('"').unwrap()];
        assert_eq!(c.get(src).send().await.status(), 200, "{src}");
    }
    let html = c.get("/ws-form").send().await.text();
    assert!(
        html.contains("<div hx-ext=\"ws\" ws-connect=\"/ws\"><div id=\"notifications\"></div><form enctype=\"multipart/form-data\" ws-send id=\"form\" name=\"form\"><input autofocus id=\"msg\" name=\"msg\"></form></div>"),
        "{html}"
    );
}

#[test]
fn number_stream_sends_random_articles_one_a_second() {
    let server = Running::start(realtime::app);
    let mut sse = Sse::open(&server, "/number-stream");
    assert!(sse.head.starts_with("HTTP/1.1 200"), "{}", sse.head);
    assert!(
        sse.head
            .to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{}",
        sse.head
    );
    let started = std::time::Instant::now();
    let mut numbers = Vec::new();
    for _ in 0..4 {
        let ev = sse.next_event().expect("the stream goes on");
        // A default `message` event: its name is implied.
        let n = ev
            .strip_prefix("data: <article>")
            .and_then(|r| r.strip_suffix("</article>"))
            .unwrap_or_else(|| panic!("an article event: {ev:?}"));
        let n: u64 = n.parse().expect("a number");
        assert!((1..=100).contains(&n), "{n}");
        numbers.push(n);
    }
    // The first at once, then one a second: four take three seconds at least.
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(2900),
        "{:?}",
        started.elapsed()
    );
    // Random: four equal numbers would be a one-in-a-million fluke.
    assert!(numbers.iter().any(|n| *n != numbers[0]), "{numbers:?}");
}

/// The same stream in process, read with the test client's `.sse()`: no server and no socket,
/// events parsed as `EventSource` parses them.
#[ft_web::test]
async fn number_stream_through_the_test_client() {
    let c = client(realtime::app()).await;
    let mut events = c
        .get("/number-stream")
        .sse()
        .await
        .expect("an event stream");
    for _ in 0..2 {
        let ev = events.next().await.expect("the stream goes on");
        assert_eq!(ev.event, "message", "{ev:?}");
        let n: u64 = ev
            .data
            .strip_prefix("<article>")
            .and_then(|r| r.strip_suffix("</article>"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("an article with a number: {ev:?}"));
        assert!((1..=100).contains(&n), "{n}");
    }
}

#[ft_web::test]
async fn websocket_form_greets_answers_and_says_goodbye() {
    let server = Running::start(realtime::app);
    let mut ws = connect(&server, "/ws", None).await;
    let hello = next_text(&mut ws).await;
    assert!(
        hello.contains("id=\"notifications\"") && hello.contains("Hello, you have connected"),
        "{hello}"
    );
    send_form(&mut ws, &[("msg", "Uma")]).await;
    let first = next_text(&mut ws).await;
    assert!(
        first.contains("id=\"notifications\"") && first.contains("Hello Uma"),
        "{first}"
    );
    assert!(!first.contains("Goodbye"));
    // The goodbye comes two seconds later, with a fresh input.
    assert_eq!(
        during(&mut ws, 1000).await,
        Vec::<String>::new(),
        "nothing before the two seconds are up"
    );
    let last = next_text(&mut ws).await;
    assert!(last.contains("Goodbye Uma"), "{last}");
    assert!(
        last.contains("<input autofocus id=\"msg\" name=\"msg\">"),
        "{last}"
    );
    // A message without the field gets an error, and the socket stays open.
    send_form(&mut ws, &[("other", "x")]).await;
    let err = next_text(&mut ws).await;
    assert!(err.to_lowercase().contains("msg"), "{err}");
    send_form(&mut ws, &[("msg", "again")]).await;
    assert!(next_text(&mut ws).await.contains("Hello again"));
}

/// The browser test: e2e/realtime.mjs against a real server.
#[test]
fn browser_realtime() {
    let server = Running::start(realtime::app);
    common::e2e("realtime", &server);
}

/// The same with the app on htmx 4 (its hx-sse and hx-ws extensions).
#[test]
fn browser_realtime_htmx4() {
    let server = Running::start(|| realtime::app().htmx4(true));
    common::e2e_with("realtime", &server, &[("E2E_HTMX", "4")]);
}
