//! Server-sent events over real HTTP (SPEC 7B): the exact bytes of several events, keep-alive
//! comments, the producer dropped when the client goes away, and room streams fed by publishes.

mod ws_util;

use ft_web::prelude::*;
use ft_web::sse::SseItem;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use ws_util::*;

// SPEC 7.12, plus named events and multi-line data.
#[get("/number-stream")]
fn number_stream() -> EventStream {
    let items = futures::stream::iter(0..3)
        .map(|i| sse_message(Article!(i), "message"))
        .chain(futures::stream::once(async {
            sse_message(P!("done"), "close")
        }));
    EventStream::new(items)
}

#[get("/mixed")]
fn mixed() -> EventStream {
    let a = futures::stream::iter(vec![
        P!("plain <b>").into_sse(),
        Div!(P!("line one"), P!("line two"), id = "multi").into_sse(),
        Pre!("a\nb\r\nc").into_sse(),
        SseEvent::new(Span!("tick"))
            .event("clock")
            .id("42")
            .into_sse(),
        SseEvent::new("x").event("bad\nname").retry(5000).into_sse(),
    ]);
    EventStream::new(a)
}

static DROPPED: AtomicBool = AtomicBool::new(false);
static PRODUCED: AtomicUsize = AtomicUsize::new(0);

struct Guard;
impl Drop for Guard {
    fn drop(&mut self) {
        DROPPED.store(true, Ordering::SeqCst);
    }
}

#[get("/forever")]
fn forever() -> EventStream {
    // A producer that would run forever: one event every 100 ms.
    let items = futures::stream::unfold(Guard, |g| async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let n = PRODUCED.fetch_add(1, Ordering::SeqCst);
        Some((P!(n), g))
    });
    EventStream::new(items).keep_alive(Duration::from_millis(30))
}

#[get("/quiet")]
fn quiet_stream() -> EventStream {
    EventStream::new(futures::stream::pending::<String>()).keep_alive(Duration::from_millis(50))
}

#[get("/lobby")]
fn lobby(hub: Hub) -> EventStream {
    EventStream::room(&hub, "lobby")
}

#[post("/say")]
async fn say(text: String, event: Option<String>, hub: Hub) -> Result<String> {
    let n = match event {
        Some(e) => hub.publish_event("lobby", &e, P!(text)).await?,
        None => hub.publish("lobby", P!(text)).await?,
    };
    Ok(n.to_string())
}

fn app() -> FastApp {
    fast_app().secret_key("sse-test").routes(routes![
        number_stream,
        mixed,
        forever,
        quiet_stream,
        lobby,
        say
    ])
}

#[test]
fn spec_7_12_exact_bytes() {
    let srv = Running::start(app);
    let res = srv.http("GET", "/number-stream", "", "");
    assert!(res.starts_with("HTTP/1.1 200 OK\r\n"), "{res}");
    let head = res.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(
        head.contains("content-type: text/event-stream; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-cache"), "{head}");
    assert_eq!(
        dechunk(body(&res)),
        "data: <article>0</article>\n\ndata: <article>1</article>\n\ndata: <article>2</article>\n\nevent: close\ndata: <p>done</p>\n\n"
    );
    srv.stop();
}

#[test]
fn several_events_names_ids_and_multi_line_data() {
    let srv = Running::start(app);
    let res = srv.http("GET", "/mixed", "", "");
    assert_eq!(
        dechunk(body(&res)),
        concat!(
            "data: <p>plain &lt;b&gt;</p>\n\n",
            "data: <div id=\"multi\">\ndata:   <p>line one</p>\ndata:   <p>line two</p>\ndata: </div>\n\n",
            "data: <pre>a\ndata: b\ndata: c</pre>\n\n",
            "event: clock\nid: 42\ndata: <span>tick</span>\n\n",
            "event: badname\nretry: 5000\ndata: x\n\n",
        )
    );
    srv.stop();
}

#[test]
fn keep_alive_comments_while_quiet() {
    let srv = Running::start(app);
    let mut s = Streaming::open(srv.addr, "/quiet");
    assert!(s.read_until(3, |t| t.matches(": keep-alive\n\n").count() >= 3));
    assert!(
        s.body().starts_with(": keep-alive\n\n: keep-alive\n\n"),
        "{}",
        s.body()
    );
    srv.stop();
}

#[test]
fn the_producer_stops_when_the_client_goes_away() {
    let srv = Running::start(app);
    let mut s = Streaming::open(srv.addr, "/forever");
    assert!(s.read_until(3, |t| t.contains("data: <p>")));
    assert!(!DROPPED.load(Ordering::SeqCst));
    drop(s);
    let gone = std::time::Instant::now();
    while !DROPPED.load(Ordering::SeqCst) && gone.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        DROPPED.load(Ordering::SeqCst),
        "producer dropped after disconnect"
    );
    let after = PRODUCED.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        PRODUCED.load(Ordering::SeqCst),
        after,
        "no work after the client left"
    );
    eprintln!(
        "producer dropped {:?} after the client left",
        gone.elapsed()
    );
    srv.stop();
}

#[test]
fn a_room_stream_gets_what_is_published() {
    let srv = Running::start(app);
    let mut a = Streaming::open(srv.addr, "/lobby");
    let mut b = Streaming::open(srv.addr, "/lobby");
    assert!(a.read_until(3, |t| t.contains("\r\n\r\n")));
    assert!(b.read_until(3, |t| t.contains("\r\n\r\n")));
    let form = "Content-Type: application/x-www-form-urlencoded\r\n";
    let mut n = String::new();
    for _ in 0..100 {
        n = body(&srv.http("POST", "/say", form, "text=hello")).to_owned();
        if n == "2" {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(n, "2");
    assert_eq!(
        body(&srv.http("POST", "/say", form, "text=a%0Ab&event=chat")),
        "2"
    );
    for s in [&mut a, &mut b] {
        assert!(s.read_until(3, |t| dechunk(body(t)).contains("event: chat")));
        assert!(
            s.body()
                .ends_with("data: <p>hello</p>\n\nevent: chat\ndata: <p>a\ndata: b</p>\n\n"),
            "{}",
            s.body()
        );
    }
    srv.stop();
}
