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
    let req = handshake(srv.addr, "/page", "");
    s.write_all(&req).unwrap();
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
    let mut req = handshake(srv.addr, "/echo", "");
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
    let mut req = handshake(srv.addr, "/echo", "");
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
    let mut c = srv
        .ws_retrying("/echo", 2)
        .await
        .expect("a slot is free once a socket closed");
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
    let mut req = handshake(srv.addr, "/flood", "");
    req.extend(masked_text("{}"));
    s.write_all(&req).unwrap();
    // Never read: the server's writes stall once the socket buffers are full.
    let gone = eventually(|| FLOOD_GONE.load(std::sync::atomic::Ordering::SeqCst)).await;
    assert!(gone, "the stalled socket was not dropped");
    drop(s);
    srv.stop();
}

/// The handshake of `/echo`, as raw bytes.
fn handshake(addr: std::net::SocketAddr, path: &str, extra: &str) -> Vec<u8> {
    format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{extra}\r\n"
    )
    .into_bytes()
}

/// The close code of the first close frame in `bytes` (after the 101), if any.
fn close_code(bytes: &[u8]) -> Option<u16> {
    let start = bytes.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let mut i = start;
    while i + 2 <= bytes.len() {
        let (op, len) = (bytes[i] & 0x0F, (bytes[i + 1] & 0x7F) as usize);
        let (hdr, len) = match len {
            126 => (4, u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize),
            127 => return None,
            n => (2, n),
        };
        if op == 0x8 {
            return Some(u16::from_be_bytes([bytes[i + hdr], bytes[i + hdr + 1]]));
        }
        i += hdr + len;
    }
    None
}

#[tokio::test]
async fn a_frame_claiming_more_than_the_limit_is_refused_before_it_is_buffered() {
    let srv = Running::start(app);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let mut req = handshake(srv.addr, "/echo", "");
    // A text frame that says it is 1 GiB long (64-bit length), masked.
    req.extend([0x81, 0x80 | 127]);
    req.extend((1u64 << 30).to_be_bytes());
    req.extend([1, 2, 3, 4]);
    s.write_all(&req).unwrap();
    // Then data, far past the 64 KiB limit; the server stops reading long before 1 GiB.
    let chunk = vec![b'x'; 16 * 1024];
    for _ in 0..32 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let bytes = read_bytes(&mut s);
    assert_eq!(
        close_code(&bytes),
        Some(1009),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
    srv.stop();
}

#[tokio::test]
async fn a_fragmented_control_frame_is_a_protocol_error() {
    let srv = Running::start(app);
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let mut req = handshake(srv.addr, "/echo", "");
    let mut ping = masked_text("hi");
    ping[0] = 0x09; // a ping without FIN
    req.extend(ping);
    s.write_all(&req).unwrap();
    assert_eq!(close_code(&read_bytes(&mut s)), Some(1002));
    srv.stop();
}

#[tokio::test]
async fn a_handshake_with_a_body_is_refused_and_gives_its_slot_back() {
    let srv = Running::start(|| {
        app().ws_config(WsConfig {
            max_sockets: 1,
            ..WsConfig::default()
        })
    });
    for extra in ["Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n"] {
        let mut s = TcpStream::connect(srv.addr).unwrap();
        let mut req = handshake(srv.addr, "/echo", extra);
        req.extend(b"abc");
        s.write_all(&req).unwrap();
        // The refusal (a keep-alive connection may stay open after it).
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut head = [0u8; 12];
        s.read_exact(&mut head).unwrap();
        let res = String::from_utf8_lossy(&head);
        assert!(res.starts_with("HTTP/1.1 400"), "{extra}: {res}");
    }
    // The only slot is free: a proper handshake gets it.
    let mut ws = srv.ws("/echo").await;
    send(&mut ws, r#"{"msg":"slot"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>slot</p>\n");
    srv.stop();
}

static FINISHED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Closes its socket, then goes on working.
#[ws("/closer")]
async fn closer(send: WsSend) -> Ft {
    send.close();
    tokio::time::sleep(Duration::from_millis(100)).await;
    FINISHED.store(true, std::sync::atomic::Ordering::SeqCst);
    P!("not sent")
}

#[tokio::test]
async fn a_handler_that_closes_its_socket_still_runs_to_its_end() {
    let srv = Running::start(|| {
        fast_app()
            .secret_key("takeover-test-key")
            .routes(routes![closer])
    });
    let mut s = TcpStream::connect(srv.addr).unwrap();
    let mut req = handshake(srv.addr, "/closer", "");
    req.extend(masked_text("{}"));
    s.write_all(&req).unwrap();
    let bytes = read_bytes(&mut s);
    assert_eq!(close_code(&bytes), Some(1000));
    assert!(!String::from_utf8_lossy(&bytes).contains("not sent"));
    assert!(eventually(|| FINISHED.load(std::sync::atomic::Ordering::SeqCst)).await);
    srv.stop();
}

/// Works for longer than a silent socket may stay silent.
#[ws("/slow")]
async fn slow(msg: String) -> Ft {
    tokio::time::sleep(Duration::from_millis(600)).await;
    P!(msg)
}

#[tokio::test]
async fn a_long_handler_does_not_stop_the_pings_or_the_socket() {
    let srv = Running::start(|| {
        fast_app()
            .secret_key("takeover-test-key")
            .ws_config(WsConfig {
                ping_interval: Duration::from_millis(100),
                ..WsConfig::default()
            })
            .routes(routes![slow])
    });
    let mut ws = srv.ws("/slow").await;
    send(&mut ws, r#"{"msg":"one"}"#).await;
    // The client answers the pings sent while the handler works (tungstenite does as it
    // reads), so the socket is alive when the handler is done, and after.
    assert_eq!(recv_text(&mut ws).await, "<p>one</p>\n");
    send(&mut ws, r#"{"msg":"two"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>two</p>\n");
    srv.stop();
}

/// Joins its room a little late (a hook that looks something up first).
async fn join_late(send: WsSend, hub: Hub) -> Ft {
    tokio::time::sleep(Duration::from_millis(50)).await;
    hub.join("room", &send);
    P!("joined")
}

#[ws("/member", conn = join_late)]
async fn member() -> Ft {
    Ft::default()
}

#[rt("/announce")]
async fn announce(text: String, hub: Hub) -> Result<String> {
    Ok(hub.publish("room", P!(text)).await?.to_string())
}

#[tokio::test]
async fn when_the_socket_is_open_its_connect_hook_has_run() {
    let srv = Running::start(|| {
        fast_app()
            .secret_key("takeover-test-key")
            .routes(routes![member, announce])
    });
    let mut ws = srv.ws("/member").await;
    // Published the moment the handshake is done: the hook's join came first.
    let res = srv.http("GET", "/announce?text=now", "", "");
    assert!(res.ends_with("\r\n\r\n1"), "{res}");
    assert_eq!(recv_text(&mut ws).await, "<p>joined</p>\n");
    assert_eq!(recv_text(&mut ws).await, "<p>now</p>\n");
    srv.stop();
}
