//! `ft_web::testing::LiveClient` against real servers: the cookie jar, CSRF as a browser does
//! it, one user on two instances of an app (HTTP and websockets), server-sent events, and
//! servers that answer garbage.

use ft_web::prelude::*;
use ft_web::testing::{LiveClient, LiveError, TestServer};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

#[get("/set")]
fn set_cookies() -> Ft {
    (P!("set"), cookie("a", "1"), cookie("b", "two")).into_ft()
}

#[get("/unset")]
fn unset_cookie() -> Ft {
    (P!("gone"), cookie("a", "").expire()).into_ft()
}

#[get("/echo")]
fn echo_cookies(a: Cookie<Option<String>>, b: Cookie<Option<String>>) -> String {
    format!("a={:?} b={:?}", a.0, b.0)
}

#[get("/")]
fn home(session: Session) -> Ft {
    let name = session.get::<String>("name").unwrap_or_default();
    Titled!("Home", P!(format!("hello {name}")))
}

#[post("/login")]
fn login(name: String, session: Session) -> Result<Redirect> {
    session.insert("name", name)?;
    Ok(Redirect::to("/"))
}

#[post("/notes")]
fn add_note(text: String, session: Session) -> String {
    let name = session.get::<String>("name").unwrap_or_default();
    format!("{name} noted {text}")
}

#[ws("/whoami")]
async fn whoami(msg: String, session: Session) -> String {
    let name = session.get::<String>("name").unwrap_or_default();
    format!("{msg}: {name}")
}

#[get("/numbers")]
fn numbers() -> EventStream {
    EventStream::new(
        futures::stream::iter(1..=3).map(|n| SseEvent::new(P!(n)).event("n").id(n.to_string())),
    )
}

fn app() -> FastApp {
    fast_app()
        .routes(routes![
            set_cookies,
            unset_cookie,
            echo_cookies,
            home,
            login,
            add_note,
            whoami,
            numbers
        ])
        .secret_key("live-client-test-key")
}

#[ft_web::test]
async fn cookies_set_by_a_response_are_sent_and_removed() {
    let server = TestServer::start(app);
    let c = LiveClient::new(server.addr);
    let r = c.get("/set").send().await.expect("an answer");
    assert_eq!(r.status, 200);
    assert_eq!(r.cookie("a").as_deref(), Some("1"));
    assert_eq!(c.cookie("b").as_deref(), Some("two"));
    let r = c.get("/echo").send().await.expect("an answer");
    assert_eq!(r.text(), "a=Some(\"1\") b=Some(\"two\")");

    // `expire()` sends Max-Age=0 (and an Expires in the past): the jar drops it.
    let r = c.get("/unset").send().await.expect("an answer");
    assert!(
        r.header("set-cookie")
            .is_some_and(|v| v.contains("Max-Age=0")),
        "{:?}",
        r.headers
    );
    assert_eq!(c.cookie("a"), None);
    let r = c.get("/echo").send().await.expect("an answer");
    assert_eq!(r.text(), "a=None b=Some(\"two\")");

    // A clone shares the jar; a new client has its own.
    assert_eq!(c.clone().cookie("b").as_deref(), Some("two"));
    assert_eq!(LiveClient::new(server.url()).cookie("b"), None);
}

#[ft_web::test]
async fn a_post_with_a_session_needs_the_scraped_token() {
    let server = TestServer::start(app);
    let c = LiveClient::new(server.url());
    // An empty session needs no token.
    let r = c
        .post("/login")
        .form(&[("name", "ann")])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(c.cookie("session_").is_some());
    assert_eq!(c.csrf_token(), None);

    let page = c.get("/").send().await.expect("the page");
    assert!(
        page.text().contains("<meta name=\"csrf-token\""),
        "{}",
        page.text()
    );
    assert!(c.csrf_token().is_some());

    let r = c
        .post("/notes")
        .form(&[("text", "milk")])
        .send()
        .await
        .expect("a note");
    assert_eq!((r.status, r.text().as_str()), (200, "ann noted milk"));
    let r = c
        .post("/notes")
        .form(&[("text", "x")])
        .no_csrf()
        .send()
        .await
        .expect("refused");
    assert_eq!(r.status, 403, "{}", r.text());
    // The token goes with PUT/PATCH/DELETE too; a route that has no such method says 405,
    // which shows the CSRF check let it through.
    let r = c.delete("/notes").send().await.expect("an answer");
    assert_ne!(r.status, 403, "{}", r.text());
    // A cross-site Origin is refused even with the token.
    let r = c
        .post("/notes")
        .header("Origin", "http://evil.example")
        .form(&[("text", "x")])
        .send()
        .await
        .expect("refused");
    assert_eq!(r.status, 403);
}

#[ft_web::test]
async fn one_user_on_two_instances_of_an_app() {
    let a = TestServer::start(app);
    let b = TestServer::start(app);
    let on_a = LiveClient::new(a.addr);
    let on_b = on_a.at(b.addr);
    on_a.post("/login")
        .form(&[("name", "bob")])
        .send()
        .await
        .expect("login on A");
    // The session cookie from A is seen by B (same key), and B's page gives the token.
    let page = on_b.get("/").send().await.expect("a page from B");
    assert!(page.text().contains("hello bob"), "{}", page.text());
    let r = on_b
        .post("/notes")
        .form(&[("text", "tea")])
        .send()
        .await
        .expect("B");
    assert_eq!(r.text(), "bob noted tea");
    // The token from B's page works on A as well.
    let r = on_a
        .post("/notes")
        .form(&[("text", "jam")])
        .send()
        .await
        .expect("A");
    assert_eq!(r.text(), "bob noted jam");

    // A websocket opened on B sees the session made on A.
    let mut ws = on_b.ws("/whoami").await.expect("the socket opens on B");
    ws.send_form(&[("msg", "who")]).await.expect("send");
    assert_eq!(ws.recv_text().await.expect("an answer"), "who: bob");
}

#[ft_web::test]
async fn server_sent_events_are_read_in_order() {
    let server = TestServer::start(app);
    let c = LiveClient::new(server.addr);
    let mut events = c.sse("/numbers").await.expect("a stream");
    assert_eq!(
        events
            .headers()
            .iter()
            .find(|(k, _)| k == "transfer-encoding"),
        Some(&("transfer-encoding".to_owned(), "chunked".to_owned()))
    );
    for n in 1..=3 {
        let ev = events.next_event().await.expect("an event");
        assert_eq!(ev.event, "n");
        assert_eq!(ev.data, format!("<p>{n}</p>"));
        assert_eq!(ev.id, Some(n.to_string()));
    }
    assert_eq!(events.next_event().await, None);
    assert_eq!(events.last_event_id(), "3");

    let err = c.sse("/echo").await.expect_err("not a stream");
    assert!(
        matches!(&err, LiveError::NotEventStream { status: 200, body, .. } if body.starts_with("a=None")),
        "{err}"
    );
}

/// A server that accepts `conns` connections, reads each request's head and answers with
/// `answer` (written in the pieces given, 20 ms apart), then keeps the connection open for
/// `linger` before closing it.
fn raw_server(pieces: Vec<Vec<u8>>, linger: Duration) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        let Ok((mut s, _)) = listener.accept() else {
            return;
        };
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
        for p in &pieces {
            if s.write_all(p).is_err() {
                return;
            }
            let _ = s.flush();
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(linger);
    });
    addr
}

fn answer(parts: &[&str]) -> Vec<Vec<u8>> {
    parts.iter().map(|p| p.as_bytes().to_vec()).collect()
}

#[ft_web::test]
async fn a_chunked_body_in_pieces_is_put_together() {
    let addr = raw_server(
        answer(&[
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n4\r\nWi",
            "ki\r\n5;ext=1\r\npedia\r",
            "\n0\r\nX-Trailer: y\r\n\r\n",
        ]),
        Duration::from_secs(5),
    );
    let r = LiveClient::new(addr)
        .get("/")
        .send()
        .await
        .expect("an answer");
    assert_eq!(r.text(), "Wikipedia");

    let addr = raw_server(
        answer(&["HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\nto the end"]),
        Duration::ZERO,
    );
    let r = LiveClient::new(addr)
        .get("/")
        .send()
        .await
        .expect("read to close");
    assert_eq!(
        (r.text().as_str(), r.header("X-a")),
        ("to the end", Some("1"))
    );
}

#[ft_web::test]
async fn a_server_that_never_answers_times_out() {
    let addr = raw_server(Vec::new(), Duration::from_secs(5));
    let c = LiveClient::new(addr).timeout(Duration::from_millis(300));
    let started = std::time::Instant::now();
    let err = c.get("/").send().await.expect_err("no answer");
    assert_eq!(err, LiveError::Timeout(Duration::from_millis(300)));
    assert!(started.elapsed() < Duration::from_secs(3));

    // A stream that starts, then goes quiet.
    let addr = raw_server(
        answer(&[
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n9\r\ndata: 1\n\n\r\n",
        ]),
        Duration::from_secs(5),
    );
    let c = LiveClient::new(addr).timeout(Duration::from_millis(300));
    let mut events = c.sse("/").await.expect("a stream");
    assert_eq!(events.next_event().await.map(|e| e.data), Some("1".into()));
    let err = events.try_next_event().await.expect_err("quiet");
    assert!(matches!(err, LiveError::Timeout(_)), "{err}");
}

#[ft_web::test]
async fn malformed_answers_are_errors() {
    let huge = format!("HTTP/1.1 200 OK\r\nX-Big: {}\r\n\r\n", "x".repeat(100_000));
    let cases: Vec<(Vec<Vec<u8>>, &str)> = vec![
        (answer(&["hello there\r\n\r\n"]), "Malformed"),
        (answer(&[]), "Malformed"),
        (answer(&["HTTP/1.1 200 OK\r\nContent-Le"]), "Malformed"),
        (
            answer(&["HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"]),
            "Malformed",
        ),
        (answer(&["HTTP/1.1 2x0 OK\r\n\r\n"]), "Malformed"),
        (
            answer(&["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"]),
            "Malformed",
        ),
        (
            answer(&["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n"]),
            "Malformed",
        ),
        (
            answer(&[
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n0\r\n\r\n",
            ]),
            "Malformed",
        ),
        (
            answer(&["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"]),
            "Malformed",
        ),
        (
            answer(&["HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"]),
            "Malformed",
        ),
        (
            answer(&["HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"]),
            "Malformed",
        ),
        (vec![huge.into_bytes()], "TooLarge"),
        (vec![vec![0xff; 70_000]], "TooLarge"),
        (vec![b"HTTP/1.1 200 OK\r\n\r\n\xff\xfe".to_vec()], "ok"),
    ];
    for (pieces, want) in cases {
        let shown = String::from_utf8_lossy(&pieces.concat())
            .chars()
            .take(80)
            .collect::<String>();
        let addr = raw_server(pieces, Duration::ZERO);
        let c = LiveClient::new(addr).timeout(Duration::from_secs(5));
        let got = match c.get("/").send().await {
            Ok(_) => "ok",
            Err(LiveError::Malformed(_)) => "Malformed",
            Err(LiveError::TooLarge(_)) => "TooLarge",
            Err(e) => panic!("{shown:?}: {e}"),
        };
        assert_eq!(got, want, "{shown:?}");
    }

    // A stream cut inside a chunk: an error, not a panic or a hang.
    let addr = raw_server(
        answer(&[
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n20\r\ndata: 1",
        ]),
        Duration::ZERO,
    );
    let mut events = LiveClient::new(addr).sse("/").await.expect("a stream");
    let err = events.try_next_event().await.expect_err("cut short");
    assert!(matches!(err, LiveError::Malformed(_)), "{err}");
    assert_eq!(events.try_next_event().await, Ok(None));
}

#[ft_web::test]
async fn bad_addresses_and_requests_are_errors() {
    let c = LiveClient::new("https://127.0.0.1:1");
    assert!(matches!(
        c.get("/").send().await,
        Err(LiveError::Invalid(_))
    ));
    let server = TestServer::start(app);
    let c = LiveClient::new(server.addr);
    let r = c.get("/x y").send().await;
    assert!(matches!(r, Err(LiveError::Invalid(_))), "{r:?}");
    let r = c.get("/").header("X-A", "1\r\nX-B: 2").send().await;
    assert!(matches!(r, Err(LiveError::Invalid(_))), "{r:?}");
}
