//! Websockets over a real socket (SPEC 7A): a real server on 127.0.0.1 and a real websocket
//! client (tokio-tungstenite). Hooks, parameters from the htmx payload, OOB swaps, the HTTP
//! session in the socket, rooms, sends from HTTP handlers, malformed frames.

mod ws_util;

use ft_web::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use ws_util::*;

/// What the hooks saw, shared with the test through app state.
#[derive(Default)]
struct Events(Mutex<Vec<String>>);

impl Events {
    fn push(&self, e: impl Into<String>) {
        self.0.lock().unwrap().push(e.into());
    }
    fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

async fn on_connect(send: WsSend, id: WsId, events: State<Arc<Events>>) {
    events.push(format!("conn {}", id.0 > 0));
    let _ = send
        .send(Div!("Hello, you have connected", id = "notifications"))
        .await;
}

async fn on_disconnect(id: WsId, events: State<Arc<Events>>) {
    events.push(format!("disconn {}", id.0 > 0));
}

#[ws("/ws", conn = on_connect, disconn = on_disconnect)]
async fn echo(msg: String, htmx: Htmx, hx_trigger: Option<String>) -> Ft {
    let trigger = hx_trigger.unwrap_or_default();
    Div!(
        P!(format!("{msg} ({trigger}, {})", htmx.request)),
        id = "notifications",
        hx_swap_oob = "beforeend"
    )
}

// SPEC 7.1: two values, indented to_xml.
#[ws("/spec71")]
async fn spec71(msg: String, n: i64) -> impl IntoFt {
    let mut text = String::from("Hello ");
    for _ in 0..n {
        text.push_str(&msg);
    }
    (Div!(text, id = "notifications"), P!("second"))
}

// SPEC 7.2: send and return; empty sends nothing; a string is escaped text here.
#[ws("/spec72")]
async fn spec72(msg: String, send: WsSend) -> Ft {
    let _ = send.send(Div!(format!("Hello {msg}"), id = "n")).await;
    let _ = send.send(()).await;
    let _ = send.send("raw <text>").await;
    let _ = send.send(Raw("<b>markup</b>".into())).await;
    Div!(format!("Goodbye {msg}"), id = "n")
}

#[ws("/typed")]
async fn typed(n: i64, flag: bool, tags: Vec<String>, data: WsData) -> Ft {
    P!(format!("{} {flag} {tags:?} {}", n + 1, data.len()))
}

#[ws("/panics")]
async fn panics(msg: String) -> Ft {
    if msg == "boom" {
        panic!("kaboom");
    }
    P!(msg)
}

#[ws("/fails")]
async fn fails(code: u16) -> Result<Ft> {
    Err(Error::new(code, "nope"))
}

#[get("/login")]
fn login(session: Session) -> &'static str {
    session.insert("person", "Bob").unwrap();
    "ok"
}

#[ws("/whoami")]
async fn whoami(msg: String, session: Session, id: WsId) -> Ft {
    let person = session
        .get::<String>("person")
        .unwrap_or_else(|| "nobody".into());
    Div!(format!("Hello {person} {msg} {}", id.0 > 0), id = "n")
}

fn app(events: Arc<Events>) -> FastApp {
    fast_app()
        .secret_key("ws-test-key")
        .state(events)
        .routes(routes![
            echo, spec71, spec72, typed, panics, fails, login, whoami
        ])
}

#[tokio::test]
async fn connect_hook_echo_oob_and_disconnect_hook() {
    let events = Arc::new(Events::default());
    let ev = events.clone();
    let srv = Running::start(move || app(ev));

    let mut ws = srv.ws("/ws").await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<div id=\"notifications\">Hello, you have connected</div>\n"
    );
    send(
        &mut ws,
        r#"{"msg":"hi <you>","HEADERS":{"HX-Request":"true","HX-Trigger":"form","HX-Target":null}}"#,
    )
    .await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<div hx-swap-oob=\"beforeend\" id=\"notifications\">\n  <p>hi &lt;you&gt; (form, true)</p>\n</div>\n"
    );
    // htmx 4 sends lower-case `headers` (SPEC 7.7).
    send(&mut ws, r#"{"msg":"y","headers":{"hx-trigger":"f4"}}"#).await;
    assert!(recv_text(&mut ws).await.contains("<p>y (f4, false)</p>"));
    assert!(events.all().contains(&"conn true".to_owned()));

    ws.close(None).await.unwrap();
    assert!(
        eventually(|| events.all().contains(&"disconn true".to_owned())).await,
        "disconnect hook ran: {:?}",
        events.all()
    );
    srv.stop();
}

#[tokio::test]
async fn spec_7_1_7_2_values_send_and_return() {
    let srv = Running::start(|| app(Arc::default()));
    let mut ws = srv.ws("/spec71").await;
    send(
        &mut ws,
        r#"{"msg":"ab","n":"2","HEADERS":{"HX-Request":"true"}}"#,
    )
    .await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<div id=\"notifications\">Hello abab</div>\n<p>second</p>\n"
    );
    // A JSON number works as well as a string.
    send(&mut ws, r#"{"msg":"c","n":3}"#).await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<div id=\"notifications\">Hello ccc</div>\n<p>second</p>\n"
    );

    let mut ws = srv.ws("/spec72").await;
    send(&mut ws, r#"{"msg":"x"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<div id=\"n\">Hello x</div>\n");
    // Deliberate difference: a string is escaped text (FastHTML sends it as markup).
    assert_eq!(recv_text(&mut ws).await, "raw &lt;text&gt;");
    assert_eq!(recv_text(&mut ws).await, "<b>markup</b>");
    assert_eq!(recv_text(&mut ws).await, "<div id=\"n\">Goodbye x</div>\n");
    assert!(quiet(&mut ws, 100).await);
    srv.stop();
}

#[tokio::test]
async fn session_set_over_http_is_visible_in_the_socket() {
    let srv = Running::start(|| app(Arc::default()));
    let res = srv.http("GET", "/login", "", "");
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    let cookie = set_cookie(&res);
    assert!(cookie.starts_with("session_="), "{res}");

    let mut ws = srv.ws_with("/whoami", &[("cookie", &cookie)]).await;
    send(&mut ws, r#"{"msg":"hi"}"#).await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<div id=\"n\">Hello Bob hi true</div>\n"
    );

    // Without the cookie: an empty session.
    let mut ws = srv.ws("/whoami").await;
    send(&mut ws, r#"{"msg":"hi"}"#).await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<div id=\"n\">Hello nobody hi true</div>\n"
    );
    srv.stop();
}

#[tokio::test]
async fn malformed_frames_get_an_error_and_the_socket_lives() {
    let srv = Running::start(|| {
        app(Arc::default()).ws_config(WsConfig {
            max_message: 1024,
            ..WsConfig::default()
        })
    });
    let mut ws = srv.ws("/typed").await;
    let ok = r#"{"n":"41","flag":"on","tags":["a","b"]}"#;

    // Not JSON (SPEC 7.5): the decode error, socket open.
    send(&mut ws, "not json").await;
    let e = recv_text(&mut ws).await;
    assert!(e.starts_with("Invalid JSON: expected ident"), "{e}");
    // A JSON array: FastHTML's socket dies here (SPEC 7.5); ours answers.
    send(&mut ws, "[1,2]").await;
    assert!(
        recv_text(&mut ws)
            .await
            .starts_with("Expected a JSON object")
    );
    send(&mut ws, "\"just a string\"").await;
    assert!(
        recv_text(&mut ws)
            .await
            .starts_with("Expected a JSON object")
    );
    send(&mut ws, "null").await;
    assert!(
        recv_text(&mut ws)
            .await
            .starts_with("Expected a JSON object")
    );
    // Missing field (SPEC 7.4) and wrong type (SPEC 7.6).
    send(&mut ws, r#"{"other":"x"}"#).await;
    assert!(
        recv_text(&mut ws)
            .await
            .starts_with("Missing required field: n")
    );
    send(&mut ws, r#"{"n":"abc"}"#).await;
    let e = recv_text(&mut ws).await;
    assert!(
        e.contains("Invalid value for n") && e.contains("\"abc\""),
        "{e}"
    );
    send(&mut ws, r#"{"n":{"deep":[1]}}"#).await;
    assert!(recv_text(&mut ws).await.contains("Invalid value for n"));
    send(&mut ws, r#"{"n":1e400}"#).await;
    assert!(recv_text(&mut ws).await.starts_with("Invalid JSON"));
    send(&mut ws, r#"{"n":"1","HEADERS":"not an object"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>2 false [] 1</p>\n");
    // A binary frame.
    use futures_util::SinkExt;
    ws.send(tokio_tungstenite::tungstenite::Message::Binary(
        vec![0u8, 159, 146, 150].into(),
    ))
    .await
    .unwrap();
    assert!(
        recv_text(&mut ws)
            .await
            .starts_with("Binary frames are not supported")
    );
    // Still alive, and right.
    send(&mut ws, ok).await;
    assert_eq!(
        recv_text(&mut ws).await,
        "<p>42 true [\"a\", \"b\"] 3</p>\n"
    );

    // A handler that panics: an error message, the socket lives on.
    let mut p = srv.ws("/panics").await;
    send(&mut p, r#"{"msg":"boom"}"#).await;
    assert_eq!(recv_text(&mut p).await, "Internal Server Error");
    send(&mut p, r#"{"msg":"fine"}"#).await;
    assert_eq!(recv_text(&mut p).await, "<p>fine</p>\n");

    // An error result: its message (a 5xx only in debug mode).
    let mut f = srv.ws("/fails").await;
    send(&mut f, r#"{"code":"409"}"#).await;
    assert_eq!(recv_text(&mut f).await, "nope");
    send(&mut f, r#"{"code":"500"}"#).await;
    assert_eq!(recv_text(&mut f).await, "Internal Server Error");

    // Too large: closed with 1009 and a reason.
    let big = format!(r#"{{"n":"1","pad":"{}"}}"#, "x".repeat(2000));
    send(&mut ws, &big).await;
    assert_eq!(
        recv(&mut ws).await,
        Err("1009 message too large (limit 1024 bytes)".to_owned())
    );
    // Other sockets do not care.
    send(&mut p, r#"{"msg":"still"}"#).await;
    assert_eq!(recv_text(&mut p).await, "<p>still</p>\n");
    srv.stop();
}

#[tokio::test]
async fn not_a_websocket_and_cross_origin_handshakes_are_refused() {
    let srv = Running::start(|| app(Arc::default()));
    let res = srv.http("GET", "/ws", "", "");
    assert!(res.starts_with("HTTP/1.1 400"), "{res}");
    assert!(body(&res).contains("websocket"), "{res}");

    let url = srv.url("/ws");
    let mut req = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
        url.as_str(),
    )
    .unwrap();
    req.headers_mut()
        .insert("origin", "https://evil.example".parse().unwrap());
    match tokio_tungstenite::connect_async(req).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status(), 403),
        other => panic!("expected a 403, got {:?}", other.map(|_| ())),
    }
    // The page's own origin is fine.
    let own = format!("http://{}", srv.addr);
    let mut ws = srv.ws_with("/ws", &[("origin", &own)]).await;
    assert!(recv_text(&mut ws).await.contains("connected"));
    srv.stop();
}

// ---- rooms and sends from HTTP ------------------------------------------------------------

async fn join_room(send: WsSend, hub: Hub, req: Request) {
    let room = req.match_info().get("room").unwrap_or("lobby").to_owned();
    hub.join(room, &send);
}

#[ws("/chat/{room}", conn = join_room)]
async fn chat(room: String, msg: String, hub: Hub) -> Result<()> {
    hub.publish(&room, Div!(P!(msg), id = "log", hx_swap_oob = "beforeend"))
        .await?;
    Ok(())
}

/// Sockets of the "direct" route, by id, as an app would keep players.
#[derive(Default)]
struct Players(Mutex<Vec<WsSend>>);

async fn remember(send: WsSend, players: State<Players>) {
    players.0.0.lock().unwrap().push(send);
}

#[ws("/direct", conn = remember)]
async fn direct() -> Ft {
    Ft::default()
}

#[post("/notify/{room}")]
async fn notify(room: String, text: String, hub: Hub) -> Result<String> {
    let n = hub.publish(&room, P!(text, id = "note")).await?;
    Ok(format!("{n}"))
}

#[post("/poke")]
async fn poke(text: String, players: State<Players>) -> String {
    let all: Vec<WsSend> = players.0.0.lock().unwrap().clone();
    let mut n = 0;
    for p in all {
        if p.send(Span!(text.clone(), id = "poke")).await.is_ok() {
            n += 1;
        }
    }
    format!("{n}")
}

#[get("/members/{room}")]
fn members(room: String, hub: Hub) -> String {
    hub.local_members(&room).to_string()
}

fn rooms_app() -> FastApp {
    fast_app()
        .secret_key("ws-test-key")
        .state(Players::default())
        .routes(routes![chat, direct, notify, poke, members])
}

#[tokio::test]
async fn two_clients_in_one_room_and_dead_sockets_leave() {
    let srv = Running::start(rooms_app);
    let mut a = srv.ws("/chat/r1").await;
    let mut b = srv.ws("/chat/r1").await;
    let mut other = srv.ws("/chat/r2").await;
    assert!(eventually(|| body(&srv.http("GET", "/members/r1", "", "")) == "2").await);

    send(&mut a, r#"{"msg":"hello from a"}"#).await;
    let expected = "<div hx-swap-oob=\"beforeend\" id=\"log\">\n  <p>hello from a</p>\n</div>\n";
    assert_eq!(recv_text(&mut a).await, expected);
    assert_eq!(recv_text(&mut b).await, expected);
    assert!(quiet(&mut other, 150).await, "r2 got r1's message");

    send(&mut b, r#"{"msg":"and b"}"#).await;
    assert!(recv_text(&mut a).await.contains("and b"));
    assert!(recv_text(&mut b).await.contains("and b"));

    // A socket that goes away leaves its rooms by itself.
    drop(b);
    assert!(
        eventually(|| body(&srv.http("GET", "/members/r1", "", "")) == "1").await,
        "dead socket removed"
    );
    let res = srv.http(
        "POST",
        "/notify/r1",
        "Content-Type: application/x-www-form-urlencoded\r\n",
        "text=after",
    );
    assert_eq!(body(&res), "1");
    assert_eq!(recv_text(&mut a).await, "<p id=\"note\">after</p>\n");
    drop(other);
    srv.stop();
}

#[tokio::test]
async fn a_send_from_an_http_handler_reaches_the_socket() {
    let srv = Running::start(rooms_app);
    let mut ws = srv.ws("/direct").await;
    let mut n = String::new();
    for _ in 0..100 {
        let res = srv.http(
            "POST",
            "/poke",
            "Content-Type: application/x-www-form-urlencoded\r\n",
            "text=hello+from+http",
        );
        n = body(&res).to_owned();
        if n == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(n, "1");
    assert_eq!(
        recv_text(&mut ws).await,
        "<span id=\"poke\">hello from http</span>"
    );
    // An empty result sends nothing.
    send(&mut ws, "{}").await;
    assert!(quiet(&mut ws, 150).await);
    srv.stop();
}

// ---- beforeware on the handshake (a deliberate difference, SPEC 7.9) ----------------------

#[ws("/private")]
async fn private(user: Auth<String>, msg: String) -> Ft {
    P!(format!("{} says {msg}", user.0))
}

#[tokio::test]
async fn beforeware_guards_the_handshake_and_auth_reaches_the_handler() {
    let srv = Running::start(|| {
        fast_app()
            .secret_key("ws-test-key")
            .before(Beforeware::sync(|ctx: &mut Ctx| {
                match ctx.req().query_string().strip_prefix("user=") {
                    Some(u) => {
                        ctx.set_auth(u.to_owned());
                        None
                    }
                    None => Some(Error::new(401, "login first").into_ft()),
                }
            }))
            .routes(routes![private])
    });
    let url = srv.url("/private");
    match tokio_tungstenite::connect_async(url.as_str()).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status(), 401),
        other => panic!("expected a 401, got {:?}", other.map(|_| ())),
    }
    let mut ws = srv.ws("/private?user=ann").await;
    send(&mut ws, r#"{"msg":"hi"}"#).await;
    assert_eq!(recv_text(&mut ws).await, "<p>ann says hi</p>\n");
    srv.stop();
}

#[tokio::test]
async fn the_server_pings_and_drops_silent_sockets() {
    let srv = Running::start(|| {
        app(Arc::default()).ws_config(WsConfig {
            ping_interval: Duration::from_millis(100),
            ..WsConfig::default()
        })
    });
    // A client that reads (and so answers pings) stays connected.
    let mut ws = srv.ws("/spec71").await;
    let mut pings = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_millis(700);
    use futures_util::StreamExt;
    while tokio::time::Instant::now() < deadline {
        if let Ok(Some(Ok(tokio_tungstenite::tungstenite::Message::Ping(_)))) =
            tokio::time::timeout(Duration::from_millis(50), ws.next()).await
        {
            pings += 1;
        }
    }
    assert!(pings >= 3, "pings: {pings}");
    send(&mut ws, r#"{"msg":"a","n":1}"#).await;
    assert!(recv_text(&mut ws).await.contains("Hello a"));

    // A raw TCP client that completes the handshake and then never answers is dropped.
    use std::io::{Read, Write};
    let mut raw = std::net::TcpStream::connect(srv.addr).unwrap();
    raw.write_all(
        format!(
            "GET /spec71 HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            srv.addr
        )
        .as_bytes(),
    )
    .unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let started = std::time::Instant::now();
    let mut buf = [0u8; 4096];
    let mut got = Vec::new();
    loop {
        match raw.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
        // A close frame (0x88) with code 1008.
        if got
            .windows(2)
            .any(|w| w == [0x88, 0x15] || w == [0x88, 0x13])
        {
            break;
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "silent socket closed in time"
    );
    assert!(
        got.windows(2).any(|w| w[0] == 0x88),
        "a close frame was sent"
    );
    srv.stop();
}
