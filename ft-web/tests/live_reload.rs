//! Live reload (SPEC 9A): the injected script, the websocket, the websocket-free id endpoint,
//! and a real server on 127.0.0.1 checked over real HTTP.

use ft_web::live_reload::{LIVE_ID_PATH, LIVE_RELOAD_PATH, boot_id};
use ft_web::prelude::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

#[rt]
fn index() -> Ft {
    P!("x")
}

fn app() -> FastApp {
    fast_app()
        .routes(routes![index])
        .secret_key("k")
        .default_hdrs(false)
}

const WS_HEADERS: [(&str, &str); 4] = [
    ("upgrade", "websocket"),
    ("connection", "Upgrade"),
    ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
    ("sec-websocket-version", "13"),
];

/// SPEC 9.5: the script is a header, so it is in full pages and not in htmx partials.
#[actix_web::test]
async fn script_in_full_pages_only() {
    let cli = Client::new(app().live(true)).await;
    let page = cli.get("/").send().await.text();
    let head = page.split("</head>").next().unwrap();
    assert!(head.contains("<script>"), "{page}");
    assert!(head.contains("'/live-reload'"), "{page}");
    assert!(head.contains("'/_ft/live-id'"), "{page}");
    assert_eq!(cli.get("/").htmx().send().await.text(), "<p>x</p>");
}

/// Off by default; no script, no routes.
#[actix_web::test]
async fn off_by_default() {
    let cli = Client::new(app().live(false)).await;
    assert!(!cli.get("/").send().await.text().contains("live-reload"));
    assert_eq!(cli.get(LIVE_ID_PATH).send().await.status(), 404);
    let mut req = cli.get(LIVE_RELOAD_PATH);
    for (k, v) in WS_HEADERS {
        req = req.header(k, v);
    }
    assert_eq!(req.send().await.status(), 404);
}

/// SPEC 5.13 done right: the retry settings reach the script, never the `<body>` attributes;
/// SPEC 9.2 done right: the interval is the interval, the limit is the limit.
#[actix_web::test]
async fn retry_settings_stay_out_of_body() {
    let cli = Client::new(
        app()
            .live(true)
            .reload_attempts(3)
            .reload_interval(750)
            .bodykw("class", "dark"),
    )
    .await;
    let page = cli.get("/").send().await.text();
    assert!(page.contains(r#"<body class="dark">"#), "{page}");
    assert!(
        !page.contains("reload-attempts") && !page.contains("reload-interval"),
        "{page}"
    );
    assert!(page.contains("const every = 750, limit = 3,"), "{page}");
}

/// The websocket-free fallback: the boot id as plain text, never cached.
#[actix_web::test]
async fn live_id_endpoint() {
    let cli = Client::new(app().live(true)).await;
    let r = cli.get(LIVE_ID_PATH).send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text(), boot_id());
    assert_eq!(r.header("cache-control"), Some("no-store"));
}

/// SPEC 9.1/9.4: `/live-reload` upgrades; its first message is the boot id, and the endpoint
/// ends cleanly when the client is gone (here the request body simply ends).
#[actix_web::test]
async fn websocket_upgrades_and_sends_boot_id() {
    let cli = Client::new(app().live(true)).await;
    let mut req = cli.get(LIVE_RELOAD_PATH);
    for (k, v) in WS_HEADERS {
        req = req.header(k, v);
    }
    let r = req.send().await;
    assert_eq!(r.status(), 101);
    assert_eq!(
        r.header("sec-websocket-accept"),
        Some("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    );
    let id = boot_id().as_bytes();
    // An unmasked text frame from the server: 0x81, length, payload.
    assert_eq!(&r.bytes()[..2], &[0x81, id.len() as u8]);
    assert_eq!(&r.bytes()[2..2 + id.len()], id);
    // A plain GET (no upgrade headers) is refused.
    assert_eq!(cli.get(LIVE_RELOAD_PATH).send().await.status(), 400);
}

/// Live reload bypasses beforeware: a login wall must not redirect the socket or the id.
#[actix_web::test]
async fn bypasses_beforeware() {
    let wall = Beforeware::sync(|_ctx: &mut Ctx| Some(Redirect::to("/login").into_ft()));
    let cli = Client::new(app().live(true).before(wall)).await;
    assert_eq!(cli.get("/").send().await.status(), 303);
    assert_eq!(cli.get(LIVE_ID_PATH).send().await.status(), 200);
}

fn start(app: FastApp) -> (SocketAddr, actix_web::dev::ServerHandle) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = app.serve_on(listener).unwrap();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (addr, handle)
}

/// Blocking I/O on a plain thread, so the server's runtime keeps running.
async fn exchange(addr: SocketAddr, request: String, read_until: fn(&[u8]) -> bool) -> Vec<u8> {
    let job = std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        while !read_until(&out) {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
        out
    });
    actix_web::rt::task::spawn_blocking(move || job.join().unwrap())
        .await
        .unwrap()
}

/// A real server on 127.0.0.1 (ephemeral port), real HTTP over a TCP socket: the page carries
/// the script, the partial does not, the id endpoint answers — no websocket client needed.
#[actix_web::test]
async fn real_server_injects_script() {
    let (addr, handle) = start(app().live(true));
    let get = |path: &str, extra: &str| {
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n")
    };
    let page = exchange(addr, get("/", ""), |_| false).await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    assert!(page.contains("<script>(() => {"), "{page}");
    assert!(page.contains("'/live-reload'"), "{page}");
    let partial =
        String::from_utf8(exchange(addr, get("/", "HX-Request: true\r\n"), |_| false).await)
            .unwrap();
    assert!(partial.ends_with("\r\n\r\n<p>x</p>"), "{partial}");
    let id = String::from_utf8(exchange(addr, get(LIVE_ID_PATH, ""), |_| false).await).unwrap();
    assert!(id.ends_with(&format!("\r\n\r\n{}", boot_id())), "{id}");
    handle.stop(true).await;
}

/// The same real server, with a hand-made websocket handshake: 101, then the boot id frame.
#[actix_web::test]
async fn real_server_websocket() {
    let (addr, handle) = start(app().live(true));
    let mut req = format!("GET {LIVE_RELOAD_PATH} HTTP/1.1\r\nHost: {addr}\r\n");
    for (k, v) in WS_HEADERS {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let want = boot_id().len() + 2;
    let got = exchange(addr, req, |b| {
        b.windows(4)
            .position(|w| w == b"\r\n\r\n")
            .is_some_and(|end| b.len() >= end + 4 + boot_id().len() + 2)
    })
    .await;
    let text = String::from_utf8_lossy(&got);
    assert!(
        text.starts_with("HTTP/1.1 101 Switching Protocols\r\n"),
        "{text}"
    );
    // Exactly `upgrade`: strict clients (node's WebSocket) refuse `close, upgrade`.
    assert!(text.contains("\r\nconnection: upgrade\r\n"), "{text}");
    let end = got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(got[end], 0x81);
    assert_eq!(&got[end + 2..end + want], boot_id().as_bytes());
    handle.stop(false).await;
}
