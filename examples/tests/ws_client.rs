//! ft's websocket test client (`ft_web::testing::WsClient`) against real `#[ws]` routes on a
//! `TestServer`: what an app's own tests do with it. Frames the ft server never sends
//! (fragments, bad handshakes) are tested in `ft-web/src/testing/ws_tests.rs`.

use ft_web::prelude::*;
use ft_web::testing::{TestServer, WsError, WsMessage};
use std::time::Duration;

async fn greet(send: WsSend) {
    let _ = send.send(P!("welcome", id = "greeting")).await;
}

/// Echoes `msg`; `bye` makes the server close the socket, `three` sends three messages.
#[ws("/echo", conn = greet)]
async fn echo(msg: String, send: WsSend) -> String {
    match msg.as_str() {
        "bye" => {
            send.close();
            String::new()
        }
        "three" => {
            for n in 1..=2 {
                let _ = send.send_text(format!("push {n}")).await;
            }
            "push 3".into()
        }
        _ => format!("echo: {msg}"),
    }
}

#[get("/login")]
fn login(session: Session) -> Result<&'static str> {
    session.insert("person", "Ann")?;
    Ok("in")
}

#[ws("/whoami")]
async fn whoami(session: Session) -> String {
    session
        .get::<String>("person")
        .unwrap_or_else(|| "nobody".into())
}

fn app() -> FastApp {
    fast_app()
        .routes(routes![echo, login, whoami])
        .ws_config(WsConfig {
            max_message: 1024,
            // Quick pings: a client that did not answer them would be closed within 200 ms.
            ping_interval: Duration::from_millis(100),
            ..WsConfig::default()
        })
}

async fn greeted(server: &TestServer) -> ft_web::testing::WsClient {
    let mut ws = server.ws("/echo").await.expect("the socket opens");
    let hello = ws.recv_text().await.expect("the conn hook's message");
    assert_eq!(hello, "<p id=\"greeting\">welcome</p>\n");
    ws
}

#[ft_web::test]
async fn echo_push_and_the_servers_pings() {
    let server = TestServer::start(app);
    let mut ws = greeted(&server).await;
    ws.send_form(&[("msg", "hi <b>")]).await.expect("send");
    assert_eq!(
        ws.recv().await.expect("the echo"),
        WsMessage::Text("echo: hi &lt;b&gt;".into())
    );
    // A raw text frame is the same JSON the htmx extension sends.
    ws.send_text(r#"{"msg":"raw"}"#).await.expect("send");
    assert_eq!(ws.recv_text().await.expect("the echo"), "echo: raw");
    // Messages the handler pushes with `WsSend`, in order, then its result.
    ws.send_form(&[("msg", "three")]).await.expect("send");
    for n in 1..=3 {
        assert_eq!(ws.recv_text().await.expect("a push"), format!("push {n}"));
    }
    // A binary frame: ft's routes answer with an error message and stay open.
    ws.send_binary(&[0, 159, 146]).await.expect("send");
    let err = ws.recv_text().await.expect("an error message");
    assert!(err.starts_with("Binary frames are not supported"), "{err}");

    // Several ping intervals of silence: the client answered the pings, so the server kept
    // the socket.
    let quiet = ws.recv_timeout(Duration::from_millis(500)).await;
    assert!(matches!(quiet, Err(WsError::Timeout(_))), "{quiet:?}");
    ws.send_form(&[("msg", "still here")]).await.expect("send");
    assert_eq!(ws.recv_text().await.expect("the echo"), "echo: still here");
}

#[ft_web::test]
async fn the_close_handshake_either_way() {
    let server = TestServer::start(app);
    // The client closes: the server answers with the same code.
    let mut ws = greeted(&server).await;
    assert_eq!(ws.close().await.expect("closed").0, 1000);
    assert!(matches!(ws.send_text("{}").await, Err(WsError::Closed)));

    // The server closes: the client sees it once, then the socket is closed.
    let mut ws = greeted(&server).await;
    ws.send_form(&[("msg", "bye")]).await.expect("send");
    match ws.recv().await.expect("the close") {
        WsMessage::Close { code, .. } => assert_eq!(code, 1000),
        other => panic!("expected a close, got {other:?}"),
    }
    assert!(matches!(ws.recv().await, Err(WsError::Closed)));

    // A message over the app's limit: closed with 1009 and the reason.
    let mut ws = greeted(&server).await;
    let big = format!(r#"{{"msg":"{}"}}"#, "x".repeat(2000));
    ws.send_text(&big).await.expect("send");
    assert_eq!(
        ws.recv().await.expect("the close"),
        WsMessage::Close {
            code: 1009,
            reason: "message too large (limit 1024 bytes)".into()
        }
    );
}

#[ft_web::test]
async fn refused_upgrades_say_why() {
    let server = TestServer::start(app);
    let err = server
        .ws("/echo")
        .origin("https://evil.example")
        .await
        .expect_err("another site's page");
    let text = err.to_string();
    assert!(
        text.starts_with("expected 101 Switching Protocols, got 403: ")
            && text.contains("Cross-origin websocket refused"),
        "{text}"
    );
    // The page's own origin, as a browser sends it, passes.
    let mut ws = server
        .ws("/echo")
        .origin(&server.url())
        .await
        .expect("opens");
    assert!(ws.recv_text().await.expect("greeting").contains("welcome"));

    let err = server.ws("/nowhere").await.expect_err("no such route");
    assert!(matches!(err, WsError::Refused { status: 404, .. }), "{err}");
    // A plain route does not switch protocols either.
    let err = server.ws("/login").await.expect_err("not a websocket");
    assert!(matches!(err, WsError::Refused { status: 200, .. }), "{err}");
}

#[ft_web::test]
async fn the_session_cookie_goes_with_the_handshake() {
    let server = TestServer::start(app);
    let http = raw_get(&server, "/login");
    let cookie = http
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let mut ws = server.ws("/whoami").cookie(&cookie).await.expect("opens");
    ws.send_text("{}").await.expect("send");
    assert_eq!(ws.recv_text().await.expect("the name"), "Ann");
    let mut anon = server.ws("/whoami").await.expect("opens");
    anon.send_text("{}").await.expect("send");
    assert_eq!(anon.recv_text().await.expect("the name"), "nobody");
}

#[ft_web::test]
async fn a_missing_message_times_out_instead_of_hanging() {
    let server = TestServer::start(app);
    let mut ws = server
        .ws("/echo")
        .timeout(Duration::from_millis(200))
        .await
        .expect("opens");
    ws.recv_text().await.expect("the greeting");
    let started = std::time::Instant::now();
    let err = ws.recv().await.expect_err("nothing more comes");
    assert!(matches!(err, WsError::Timeout(_)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // The socket is still usable.
    ws.send_form(&[("msg", "after")]).await.expect("send");
    assert_eq!(ws.recv_text().await.expect("the echo"), "echo: after");
}

/// A plain GET with `Connection: close` (blocking; a test's one request): the raw response,
/// header names in lower case.
fn raw_get(server: &TestServer, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(server.addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .expect("send");
    let mut out = Vec::new();
    s.read_to_end(&mut out).expect("read");
    String::from_utf8_lossy(&out)
        .lines()
        .map(|l| match l.split_once(':') {
            Some((k, v)) => format!("{}:{v}", k.to_ascii_lowercase()),
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
