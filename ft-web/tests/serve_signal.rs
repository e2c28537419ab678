//! `serve()` on SIGTERM: every websocket gets its 1001 close and its disconnect hook runs
//! before the server stops, although sockets left the HTTP server after their handshake.
//! Its own test binary: the signal and ft's shutdown flag are process-wide.

mod ws_util;

use ft_web::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use ws_util::*;

static HOOK_RAN: AtomicBool = AtomicBool::new(false);

async fn gone() {
    // Slow on purpose: the server must wait for it.
    tokio::time::sleep(Duration::from_millis(200)).await;
    HOOK_RAN.store(true, Ordering::SeqCst);
}

#[ws("/ws", disconn = gone)]
async fn sock(msg: String) -> Ft {
    P!(msg)
}

#[tokio::test]
async fn sigterm_closes_sockets_with_1001_and_runs_their_hooks_before_the_server_stops() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // SAFETY: set before the server thread starts; no other thread reads the environment.
    unsafe { std::env::set_var("PORT", port.to_string()) };
    let served = std::thread::spawn(|| {
        ft_web::actix_web::rt::System::new().block_on(async {
            fast_app()
                .secret_key("signal-test-key")
                .routes(routes![sock])
                .serve()
                .await
        })
    });
    let srv = Running::remote(([127, 0, 0, 1], port).into());
    let mut ws = srv.ws_retrying("/ws", 4).await.expect("the server came up");
    send(&mut ws, r#"{"msg":"hi"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>hi</p>\n");

    // SAFETY: a signal to this process, which ft's signal thread handles.
    unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
    match recv(&mut ws).await {
        Err(close) => assert!(close.contains("1001"), "{close}"),
        Ok(text) => panic!("expected the close, got {text}"),
    }
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while !served.is_finished() && std::time::Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(served.is_finished(), "serve() did not return");
    assert!(
        HOOK_RAN.load(Ordering::SeqCst),
        "the disconnect hook was cut off"
    );
    served.join().unwrap().expect("serve() ended cleanly");
}
