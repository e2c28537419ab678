//! The websocket test client against a scripted server on a loopback port, for what a real
//! ft server never does (fragments, a wrong accept key, silence on purpose). The client
//! against real `#[ws]` routes: `examples/tests/ws_client.rs` and the module's doc test.

use super::*;
use actix_web::rt::net::TcpListener;

/// The server's end of a scripted connection.
struct Peer {
    stream: TcpStream,
    inbuf: BytesMut,
    /// The client's request head.
    head: String,
}

impl Peer {
    async fn send(&mut self, op: OpCode, data: &[u8], fin: bool) {
        let mut out = BytesMut::new();
        Parser::write_message(&mut out, data, op, fin, false);
        self.stream.write_all(&out).await.expect("write");
    }

    /// The client's next frame (which must be masked).
    async fn recv(&mut self) -> (OpCode, Vec<u8>) {
        loop {
            if let Some((_, op, data)) =
                Parser::parse(&mut self.inbuf, true, 1 << 20).expect("a frame")
            {
                return (op, data.map(|d| d.to_vec()).unwrap_or_default());
            }
            let mut chunk = [0u8; 4096];
            let n = self.stream.read(&mut chunk).await.expect("read");
            assert!(n > 0, "the client hung up");
            self.inbuf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// A listener whose first connection gets `answer` (given the key) and then runs `script`.
async fn scripted<F, Fut>(answer: fn(&str) -> String, script: F) -> SocketAddr
where
    F: FnOnce(Peer) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    actix_web::rt::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let mut buf = Vec::new();
        while head_end(&buf).is_none() {
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await.expect("read");
            buf.extend_from_slice(&chunk[..n]);
        }
        let head = String::from_utf8(buf).expect("utf-8");
        let key = head
            .lines()
            .find_map(|l| l.strip_prefix("Sec-WebSocket-Key: "))
            .expect("a key")
            .to_owned();
        stream
            .write_all(answer(&key).as_bytes())
            .await
            .expect("answer");
        let peer = Peer {
            stream,
            inbuf: BytesMut::new(),
            head,
        };
        script(peer).await;
    });
    addr
}

fn accept(key: &str) -> String {
    let accept = hash_key(key.as_bytes());
    format!(
        "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\
         sec-websocket-accept: {}\r\n\r\n",
        String::from_utf8_lossy(&accept)
    )
}

#[test]
fn heads_urls_and_bodies_parse() {
    let raw = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\nX-A:  b \r\n\r\nno";
    let end = head_end(raw).expect("a whole head");
    assert_eq!(&raw[end..], b"no");
    let head = parse_head(&String::from_utf8_lossy(&raw[..end])).expect("a head");
    assert_eq!(head.status, 403);
    assert_eq!(head.header("x-a"), Some("b"));
    assert_eq!(head_end(b"HTTP/1.1 101 OK\r\n"), None);
    assert_eq!(parse_head("SSH-2.0-OpenSSH\r\n\r\n"), None);

    assert_eq!(dechunk("5\r\nhello\r\n3\r\n!!!\r\n0\r\n\r\n"), "hello!!!");
    assert_eq!(dechunk("a\r\nhel"), "hel", "as far as it came");
    assert_eq!(shorten("ééé", 2), "éé...");

    let t = Target::from_url("ws://localhost:8000/ws/room?x=1").expect("a URL");
    assert_eq!(
        (t.connect.as_str(), t.host.as_str(), t.path.as_str()),
        ("localhost:8000", "localhost:8000", "/ws/room?x=1")
    );
    let t = Target::from_url("http://example.test/").expect("a URL");
    assert_eq!(
        (t.connect.as_str(), t.host.as_str()),
        ("example.test:80", "example.test")
    );
    let err = Target::from_url("wss://example.test/").expect_err("no TLS");
    assert!(err.to_string().contains("TLS"), "{err}");
    assert!(Target::from_url("ftp://x/").is_err() && Target::from_url("nonsense").is_err());
    let t = Target::from_addr(([127, 0, 0, 1], 9).into(), "ws");
    assert_eq!(t.path, "/ws");
}

#[actix_web::test]
async fn the_handshake_sends_the_headers_it_was_given() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let addr = scripted(accept, |peer| async move {
        let _ = tx.send(peer.head.clone());
    })
    .await;
    let ws = WsClient::connect(&format!("ws://{addr}/chat?room=a"))
        .cookie("session_=abc")
        .cookie("theme=dark")
        .origin("http://example.test")
        .header("X-Extra", "1")
        .await
        .expect("the socket opens");
    assert_eq!(ws.headers()[0], ("upgrade".into(), "websocket".into()));
    let head = rx.await.expect("the head");
    assert!(head.starts_with("GET /chat?room=a HTTP/1.1\r\n"), "{head}");
    for line in [
        format!("Host: {addr}"),
        "Upgrade: websocket".into(),
        "Connection: Upgrade".into(),
        "Sec-WebSocket-Version: 13".into(),
        "Origin: http://example.test".into(),
        "X-Extra: 1".into(),
        "Cookie: session_=abc; theme=dark".into(),
    ] {
        assert!(head.contains(&format!("{line}\r\n")), "{line} in {head}");
    }
    let bad = WsClient::connect_addr(addr, "/").header("X-Bad", "a\r\nInjected: 1");
    assert!(matches!(bad.await, Err(WsError::Invalid(_))));
}

#[actix_web::test]
async fn pings_are_answered_and_fragments_joined() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let addr = scripted(accept, |mut peer| async move {
        peer.send(OpCode::Ping, b"are you there", true).await;
        peer.send(OpCode::Text, "hé".as_bytes(), false).await;
        peer.send(OpCode::Ping, b"", true).await;
        peer.send(OpCode::Continue, b"llo", true).await;
        peer.send(OpCode::Binary, &[0, 1, 2], true).await;
        let first = peer.recv().await;
        let second = peer.recv().await;
        let _ = tx.send((first, second));
    })
    .await;
    let mut ws = WsClient::connect_addr(addr, "/").await.expect("opens");
    assert_eq!(ws.recv_text().await.expect("text"), "héllo");
    assert_eq!(
        ws.recv().await.expect("binary"),
        WsMessage::Binary(vec![0, 1, 2])
    );
    let (first, second) = rx.await.expect("the pongs");
    assert_eq!(first, (OpCode::Pong, b"are you there".to_vec()));
    assert_eq!(second, (OpCode::Pong, Vec::new()));
}

#[actix_web::test]
async fn a_refused_upgrade_says_what_the_server_answered() {
    let refuse = |_: &str| {
        "HTTP/1.1 403 Forbidden\r\ncontent-length: 31\r\n\r\nCross-origin websocket refused\n"
            .into()
    };
    let addr = scripted(refuse, |_| async {}).await;
    let err = WsClient::connect_addr(addr, "/")
        .await
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "expected 101 Switching Protocols, got 403: Cross-origin websocket refused"
    );
    assert!(matches!(err, WsError::Refused { status: 403, .. }));

    let chunked = |_: &str| {
        "HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n4\r\nnope\r\n0\r\n\r\n".into()
    };
    let addr = scripted(chunked, |_| async {}).await;
    let err = WsClient::connect_addr(addr, "/")
        .await
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "expected 101 Switching Protocols, got 404: nope"
    );

    let wrong_key = |_: &str| accept("not the key");
    let addr = scripted(wrong_key, |_| async {}).await;
    let err = WsClient::connect_addr(addr, "/")
        .await
        .expect_err("a wrong key");
    assert!(matches!(err, WsError::BadHandshake(_)), "{err}");
    assert!(err.to_string().contains("Sec-WebSocket-Accept"), "{err}");
}

#[actix_web::test]
async fn a_silent_server_is_a_timeout_and_the_client_goes_on() {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let addr = scripted(accept, |mut peer| async move {
        let _ = rx.await;
        peer.send(OpCode::Text, b"late", true).await;
        // Stay connected until the client is done.
        let _ = peer.recv().await;
    })
    .await;
    let mut ws = WsClient::connect_addr(addr, "/")
        .timeout(Duration::from_millis(100))
        .await
        .expect("opens");
    let started = std::time::Instant::now();
    let err = ws.recv().await.expect_err("nothing comes");
    assert!(matches!(err, WsError::Timeout(_)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let err = ws
        .recv_timeout(Duration::from_millis(20))
        .await
        .expect_err("still nothing");
    assert_eq!(err.to_string(), "no websocket message within 20ms");
    let _ = tx.send(());
    ws.set_timeout(Duration::from_secs(10));
    assert_eq!(ws.recv_text().await.expect("the late message"), "late");

    // A handshake nobody answers times out too.
    let mute = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = mute.local_addr().expect("addr");
    let err = WsClient::connect_addr(addr, "/")
        .timeout(Duration::from_millis(50))
        .await
        .expect_err("no answer");
    assert!(matches!(err, WsError::Timeout(_)), "{err}");
    drop(mute);
}

#[actix_web::test]
async fn a_close_from_the_server_is_answered_and_ends_the_socket() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let addr = scripted(accept, |mut peer| async move {
        let mut payload = 1001u16.to_be_bytes().to_vec();
        payload.extend_from_slice(b"bye");
        peer.send(OpCode::Close, &payload, true).await;
        let _ = tx.send(peer.recv().await);
    })
    .await;
    let mut ws = WsClient::connect_addr(addr, "/").await.expect("opens");
    let close = WsMessage::Close {
        code: 1001,
        reason: "bye".into(),
    };
    assert_eq!(ws.recv().await.expect("the close"), close);
    assert_eq!(
        rx.await.expect("the echo"),
        (OpCode::Close, 1001u16.to_be_bytes().to_vec())
    );
    assert!(matches!(ws.recv().await, Err(WsError::Closed)));
    assert!(matches!(ws.send_text("more").await, Err(WsError::Closed)));
    assert_eq!(
        ws.close().await.expect("already closed"),
        (1001, "bye".into())
    );
}

#[actix_web::test]
async fn close_waits_for_the_servers_answer() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let addr = scripted(accept, |mut peer| async move {
        peer.send(OpCode::Text, b"in flight", true).await;
        let (op, data) = peer.recv().await;
        let _ = tx.send((op, data.clone()));
        peer.send(OpCode::Close, &data, true).await;
    })
    .await;
    let mut ws = WsClient::connect_addr(addr, "/").await.expect("opens");
    assert_eq!(
        ws.close_with(4000, "done").await.expect("closed"),
        (4000, "done".into())
    );
    let (op, data) = rx.await.expect("the close");
    assert_eq!(op, OpCode::Close);
    assert_eq!(&data[..2], 4000u16.to_be_bytes());
    assert_eq!(&data[2..], b"done");
}
