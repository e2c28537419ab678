//! The shutdown signal (SPEC 7.13's `signal_shutdown`): open event streams end and websockets
//! close with 1001, so a graceful stop is not held up. Its own test binary: the signal is
//! process-wide.

mod ws_util;

use ft_web::prelude::*;
use std::time::Duration;
use ws_util::*;

#[get("/stream")]
fn stream() -> EventStream {
    EventStream::new(futures::stream::pending::<String>()).keep_alive(Duration::from_millis(50))
}

#[ws("/ws")]
async fn sock(msg: String) -> Ft {
    P!(msg)
}

#[tokio::test]
async fn shutdown_ends_streams_and_closes_sockets() {
    let srv = Running::start(|| fast_app().secret_key("k").routes(routes![stream, sock]));
    let stop = signal_shutdown();
    assert!(!stop.is_set());

    let mut s = Streaming::open(srv.addr, "/stream");
    assert!(s.read_until(3, |t| t.contains(": keep-alive")));
    let mut ws = srv.ws("/ws").await;
    send(&mut ws, r#"{"msg":"before"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>before</p>\n");

    let started = std::time::Instant::now();
    ft_web::trigger_shutdown();
    assert!(stop.is_set());
    assert_eq!(
        recv(&mut ws).await,
        Err("1001 server shutting down".to_owned())
    );
    // The stream's body ends (the last chunk), well before any timeout.
    assert!(
        s.read_until(3, |t| t.ends_with("0\r\n\r\n")),
        "{}",
        s.text()
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    srv.stop();
}
