//! SPEC 7.14: `until_disconnect` / `cancel_on_disconnect`: a handler's work is dropped when
//! its client disconnects, and the answer is 204. Over real TCP (the server notes each
//! connection's socket); the in-process Client never disconnects.

mod common;
use common::client;
use ft_web::prelude::*;
use ft_web::{ClientGone, Disconnect};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static SLOW_STARTED: AtomicUsize = AtomicUsize::new(0);
static SLOW_DROPPED: AtomicUsize = AtomicUsize::new(0);
static SLOW_FINISHED: AtomicUsize = AtomicUsize::new(0);
static WATCH_GONE: AtomicBool = AtomicBool::new(false);
static WATCH_KNOWN: AtomicBool = AtomicBool::new(false);

/// Counts its drop: the handler's future was dropped (finished or cancelled).
struct DropCount(&'static AtomicUsize);
impl Drop for DropCount {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[get("/slow", cancel_on_disconnect)]
async fn slow(n: u64) -> Ft {
    SLOW_STARTED.fetch_add(1, Ordering::SeqCst);
    let _guard = DropCount(&SLOW_DROPPED);
    ft_web::actix_web::rt::time::sleep(Duration::from_secs(n)).await;
    SLOW_FINISHED.fetch_add(1, Ordering::SeqCst);
    P!(format!("finished {n}"))
}

#[get("/quick", cancel_on_disconnect)]
async fn quick(n: u64) -> Ft {
    P!(format!("finished {n}"))
}

#[get("/watch")]
async fn watch(secs: u64, gone: Disconnect) -> Result<Ft> {
    WATCH_KNOWN.store(gone.is_known(), Ordering::SeqCst);
    let r = gone
        .until(ft_web::actix_web::rt::time::sleep(Duration::from_secs(
            secs,
        )))
        .await;
    WATCH_GONE.store(r.is_err(), Ordering::SeqCst);
    r?;
    Ok(P!("slept"))
}

#[get("/watch-quick")]
async fn watch_quick(gone: Disconnect) -> Result<Ft> {
    let known = gone.is_known();
    gone.until(async {}).await?;
    Ok(P!(format!("known {known}")))
}

#[get("/gone-page")]
fn gone_page() -> ClientGone {
    ClientGone
}

#[get("/gone-err")]
fn gone_err() -> Result<Ft> {
    Err(ClientGone)?
}

struct Running {
    addr: SocketAddr,
}

fn start() -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        ft_web::actix_web::rt::System::new().block_on(async move {
            let app = fast_app()
                .routes(routes![slow, watch])
                .secret_key("test-secret");
            let server = app.serve_on(listener).expect("serve");
            tx.send(()).expect("started");
            let _ = server.await;
        })
    });
    rx.recv().expect("server started");
    Running { addr }
}

fn get_then_close(addr: SocketAddr, path: &str, started: impl Fn() -> bool) {
    let mut s = TcpStream::connect(addr).expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nhost: localhost\r\nhx-request: 1\r\n\r\n");
    s.write_all(req.as_bytes()).expect("write");
    wait_for(started, "the handler to start");
    drop(s); // the client goes away before the answer
}

fn wait_for(cond: impl Fn() -> bool, what: &str) {
    let t = Instant::now();
    while !cond() {
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn cancel_on_disconnect_drops_the_handler_when_the_client_goes() {
    // SPEC 7.14: the work is cancelled when the client disconnects.
    let srv = start();
    let t = Instant::now();
    get_then_close(srv.addr, "/slow?n=30", || {
        SLOW_STARTED.load(Ordering::SeqCst) == 1
    });
    wait_for(
        || SLOW_DROPPED.load(Ordering::SeqCst) == 1,
        "the handler to be dropped",
    );
    assert!(t.elapsed() < Duration::from_secs(5));
    assert_eq!(SLOW_FINISHED.load(Ordering::SeqCst), 0);

    // A client that stays gets the answer (SPEC 7.14's `finished 2`).
    let mut s = TcpStream::connect(srv.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    s.write_all(b"GET /slow?n=0 HTTP/1.1\r\nhost: x\r\nhx-request: 1\r\nconnection: close\r\n\r\n")
        .expect("write");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.ends_with("<p>finished 0</p>"), "{out}");
    assert_eq!(SLOW_FINISHED.load(Ordering::SeqCst), 1);
}

#[test]
fn disconnect_until_reports_the_client_gone() {
    // SPEC 7.14: `until_disconnect(req, coro)`, as a parameter.
    let srv = start();
    get_then_close(srv.addr, "/watch?secs=30", || {
        WATCH_KNOWN.load(Ordering::SeqCst)
    });
    wait_for(
        || WATCH_GONE.load(Ordering::SeqCst),
        "the work to be dropped",
    );
}

#[actix_web::test]
async fn a_client_gone_answer_is_204_and_unknown_sockets_never_cancel() {
    // SPEC 7.14: "returns 204 in that case".
    let cli = client(routes![gone_page, gone_err, quick, watch_quick]).await;
    let r = cli.get("/gone-page").htmx().send().await;
    assert_eq!((r.status(), r.text().as_str()), (204, ""));
    // Through `?` it is an `Error` of status 204, without a body either.
    let r = cli.get("/gone-err").htmx().send().await;
    assert_eq!((r.status(), r.text().as_str()), (204, ""));
    // The in-process Client has no socket: the work runs to its end.
    let r = cli.get("/quick?n=2").htmx().send().await;
    assert_eq!(r.text(), "<p>finished 2</p>");
    let r = cli.get("/watch-quick").htmx().send().await;
    assert_eq!(r.text(), "<p>known false</p>");
    assert!(!Disconnect::never().is_gone() && !Disconnect::never().is_known());
}
