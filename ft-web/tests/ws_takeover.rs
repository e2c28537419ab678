//! ft's own server takes a websocket's connection over after the handshake (crate::server,
//! crate::ws::takeover); the same routes mounted with `configure()` in the user's own
//! `HttpServer` run on actix-ws. What either path must do, seen from a client.

mod ws_util;

use ft_web::prelude::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use ws_util::*;

#[ws("/echo")]
async fn echo(msg: String) -> Ft {
    P!(msg)
}

/// Sends more than the socket's queue holds before it answers.
#[ws("/burst")]
async fn burst(n: usize, send: WsSend) -> Ft {
    for i in 0..n {
        send.send(P!(format!("m{i}")))
            .await
            .expect("the socket is open");
    }
    P!("done")
}

/// A connect hook that also sends more than the queue holds.
async fn chatty(send: WsSend) -> Ft {
    for i in 0..10 {
        send.send(P!(format!("h{i}")))
            .await
            .expect("the socket is open");
    }
    P!("hello")
}

#[ws("/chatty", conn = chatty)]
async fn chatty_ws() -> Ft {
    Ft::default()
}

#[rt("/page")]
fn page() -> Ft {
    P!("a page")
}

#[rt("/count")]
fn count(n: i64) -> String {
    format!("n={n}")
}

fn app() -> FastApp {
    fast_app()
        .secret_key("takeover-test-key")
        .ws_config(WsConfig {
            queue: 2,
            ..WsConfig::default()
        })
        .routes(routes![echo, burst, chatty_ws, page, count])
}

/// Reads what the server sends until it closes the connection (or 10 s pass).
fn read_bytes(s: &mut TcpStream) -> Vec<u8> {
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    out
}

fn read_all(s: &mut TcpStream) -> String {
    String::from_utf8_lossy(&read_bytes(s)).into_owned()
}

#[tokio::test]
async fn a_websocket_handshake_to_a_page_gets_the_page_and_the_connection_closes() {
    let srv = Running::start(app);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let req = format!(
        "GET /page HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        srv.addr
    );
    s.write_all(req.as_bytes()).unwrap();
    let res = read_all(&mut s);
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(
        res.to_ascii_lowercase().contains("connection: close"),
        "{res}"
    );
    assert!(res.contains("a page"), "{res}");

    // A HEAD gets the head only.
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let req = format!(
        "HEAD /page HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
        srv.addr
    );
    s.write_all(req.as_bytes()).unwrap();
    let res = read_all(&mut s);
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    assert!(!res.contains("a page"), "{res}");
    srv.stop();
}

#[tokio::test]
async fn an_upgrade_request_with_a_body_is_refused() {
    let srv = Running::start(app);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let req = format!(
        "POST /count HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\nn=1",
        srv.addr
    );
    s.write_all(req.as_bytes()).unwrap();
    let res = read_all(&mut s);
    assert!(res.starts_with("HTTP/1.1 400"), "{res}");
    assert!(res.contains("cannot have a body"), "{res}");
    // Nor is this server a proxy.
    let mut s = TcpStream::connect(srv.addr).unwrap();
    s.write_all(b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        .unwrap();
    let res = read_all(&mut s);
    assert!(res.starts_with("HTTP/1.1 405"), "{res}");
    // The server goes on.
    let res = srv.http("GET", "/count?n=2", "", "");
    assert!(res.contains("n=2"), "{res}");
    srv.stop();
}

/// A client frame: text, masked.
fn masked_text(text: &str) -> Vec<u8> {
    let mask = [7u8, 1, 200, 33];
    let mut f = vec![0x81, 0x80 | text.len() as u8];
    f.extend_from_slice(&mask);
    f.extend(text.bytes().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    f
}

#[tokio::test]
async fn a_frame_sent_with_the_handshake_is_answered() {
    let srv = Running::start(app);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let mut req = format!(
        "GET /echo HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        srv.addr
    )
    .into_bytes();
    req.extend(masked_text(r#"{"msg":"early"}"#));
    s.write_all(&req).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    while !String::from_utf8_lossy(&got).contains("early") {
        let n = s.read(&mut buf).expect("the answer comes");
        assert!(n > 0, "closed: {}", String::from_utf8_lossy(&got));
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 101"), "{text}");
    assert!(text.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "{text}");
    assert!(text.contains("<p>early</p>"), "{text}");
    srv.stop();
}

#[tokio::test]
async fn a_handler_and_a_hook_may_send_more_than_the_queue_holds() {
    let srv = Running::start(app);
    let mut ws = srv.ws("/burst").await;
    send(&mut ws, r#"{"n":"25"}"#).await;
    for i in 0..25 {
        assert_eq!(recv_text(&mut ws).await, format!("<p>m{i}</p>\n"));
    }
    assert_eq!(recv_text(&mut ws).await, "<p>done</p>\n");

    let mut ws = srv.ws("/chatty").await;
    for i in 0..10 {
        assert_eq!(recv_text(&mut ws).await, format!("<p>h{i}</p>\n"));
    }
    assert_eq!(recv_text(&mut ws).await, "<p>hello</p>\n");
    srv.stop();
}

#[tokio::test]
async fn continuation_frames_are_joined_and_limited() {
    let srv = Running::start(|| {
        app().ws_config(WsConfig {
            max_message: 64,
            ..WsConfig::default()
        })
    });
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let mut req = format!(
        "GET /echo HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        srv.addr
    )
    .into_bytes();
    // {"msg":"ab"} in three frames: text (not final), continuation, final continuation.
    let mut first = masked_text(r#"{"msg":"#);
    first[0] = 0x01;
    let mut middle = masked_text(r#""a"#);
    middle[0] = 0x00;
    let mut last = masked_text(r#"b"}"#);
    last[0] = 0x80;
    for f in [first, middle, last] {
        req.extend(f);
    }
    // Then a message over 64 bytes, in two continuation frames of 40.
    let mut big1 = masked_text(&"x".repeat(40));
    big1[0] = 0x01;
    let mut big2 = masked_text(&"y".repeat(40));
    big2[0] = 0x80;
    req.extend(big1);
    req.extend(big2);
    s.write_all(&req).unwrap();
    let bytes = read_bytes(&mut s);
    let got = String::from_utf8_lossy(&bytes);
    assert!(got.contains("<p>ab</p>"), "{got}");
    // The close frame: 0x88, then the code 1009 (0x03F1) and the reason.
    let close = bytes.windows(2).position(|w| w == [0x03, 0xF1]);
    assert!(close.is_some(), "no 1009 close in {got:?}");
    assert!(got.contains("message too large (limit 64 bytes)"), "{got}");
    srv.stop();
}

#[tokio::test]
async fn routes_mounted_with_configure_run_on_actix_ws() {
    use ft_web::actix_web::{App, HttpServer};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        ft_web::actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new().configure(app().configure().expect("the app builds"))
            })
            .workers(1)
            .listen(listener)
            .expect("listen")
            .run();
            tx.send(server.handle()).unwrap();
            let _ = server.await;
        })
    });
    let handle = rx.recv().unwrap();
    let srv = Running::remote(addr);
    let mut ws = srv.ws("/echo").await;
    send(&mut ws, r#"{"msg":"mounted"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>mounted</p>\n");
    let mut ws = srv.ws("/burst").await;
    send(&mut ws, r#"{"n":"5"}"#).await;
    for i in 0..5 {
        assert_eq!(recv_text(&mut ws).await, format!("<p>m{i}</p>\n"));
    }
    assert_eq!(recv_text(&mut ws).await, "<p>done</p>\n");
    std::thread::spawn(move || ft_web::actix_web::rt::System::new().block_on(handle.stop(false)));
}

#[tokio::test]
async fn sockets_beyond_max_sockets_are_refused_until_one_closes() {
    let srv = Running::start(|| {
        app().ws_config(WsConfig {
            max_sockets: 2,
            ..WsConfig::default()
        })
    });
    let mut a = srv.ws("/echo").await;
    let _b = srv.ws("/echo").await;
    let refused = tokio_tungstenite::connect_async(srv.url("/echo")).await;
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status(), 503),
        other => panic!("expected a 503, got {:?}", other.map(|_| ())),
    }
    // Plain HTTP is not limited by it.
    assert!(srv.http("GET", "/page", "", "").contains("a page"));
    a.close(None).await.unwrap();
    drop(a);
    let mut again = None;
    for _ in 0..100 {
        if let Ok((ws, _)) = tokio_tungstenite::connect_async(srv.url("/echo")).await {
            again = Some(ws);
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut c = again.expect("a slot is free once a socket closed");
    send(&mut c, r#"{"msg":"in"}"#).await;
    assert_eq!(recv_text(&mut c).await, "<p>in</p>\n");
    srv.stop();
}

/// Set by the flood socket's disconnect hook.
static FLOOD_GONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

async fn flood_gone() {
    FLOOD_GONE.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Sends 64 KiB messages until the socket is gone.
#[ws("/flood", disconn = flood_gone)]
async fn flood(send: WsSend) -> Ft {
    let big = "x".repeat(64 * 1024);
    while send.send(P!(big.clone())).await.is_ok() {}
    Ft::default()
}

#[tokio::test]
async fn a_peer_that_stops_reading_is_dropped() {
    let srv = Running::start(|| {
        fast_app()
            .secret_key("takeover-test-key")
            .ws_config(WsConfig {
                ping_interval: Duration::from_millis(200),
                ..WsConfig::default()
            })
            .routes(routes![flood])
    });
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let mut req = format!(
        "GET /flood HTTP/1.1\r\nHost: {}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        srv.addr
    )
    .into_bytes();
    req.extend(masked_text("{}"));
    s.write_all(&req).unwrap();
    // Never read: the server's writes stall once the socket buffers are full.
    let gone = eventually(|| FLOOD_GONE.load(std::sync::atomic::Ordering::SeqCst)).await;
    assert!(gone, "the stalled socket was not dropped");
    drop(s);
    srv.stop();
}
