//! The websocket chat (examples/examples/ws_chat.rs): the pages and the name/room checks
//! through the test client; chatting, rooms, the lobby feed and announcements against a real
//! server; two people chatting in a browser (e2e/ws_chat.mjs).

mod common;

#[allow(dead_code)]
#[path = "../examples/ws_chat.rs"]
mod ws_chat;

use common::sse::Sse;
use common::ws::{Ws, connect, during, http, send_form, until};
use common::{Running, client};

#[ft_web::test]
async fn lobby_asks_for_a_name_and_a_room() {
    let c = client(ws_chat::app()).await;
    let html = c.get("/").send().await.text();
    assert!(
        html.contains("method=\"post\" action=\"/enter\">"),
        "{html}"
    );
    for room in ["general", "rust", "htmx"] {
        assert!(html.contains(&format!("<option value=\"{room}\">{room}</option>")));
    }
    assert!(
        html.contains(
            "<ul hx-ext=\"sse\" sse-connect=\"/feed\" sse-swap=\"joined\" hx-swap=\"afterbegin\" id=\"feed\">"
        ),
        "{html}"
    );

    // No name, or a room that does not exist: refused.
    for form in [
        [("name", "  "), ("room", "rust")],
        [("name", "ann"), ("room", "cats")],
    ] {
        assert_eq!(c.post("/enter").form(form).send().await.status(), 400);
    }
    assert_eq!(
        c.get("/room/rust").send().await.header("location"),
        Some("/")
    );

    let r = c
        .post("/enter")
        .form([
            ("name", format!("  {}  ", "a".repeat(50))),
            ("room", "rust".into()),
        ])
        .send()
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("location"), Some("/room/rust"));
    // Trimmed and cut to 40 characters, kept in the session, shown back in the lobby.
    let name = "a".repeat(40);
    assert_eq!(c.session()["name"], name.as_str());
    assert!(
        c.get("/")
            .send()
            .await
            .text()
            .contains(&format!("value=\"{name}\""))
    );

    let html = c.get("/room/rust").send().await.text();
    assert!(html.contains("<h1>#rust</h1>"), "{html}");
    assert!(html.contains(&format!("You are {name}.")));
    assert!(
        html.contains(
            "<div hx-ext=\"ws\" ws-connect=\"/ws/rust\"><div id=\"log\"></div><form enctype=\"multipart/form-data\" ws-send>"
        ),
        "{html}"
    );
    assert_eq!(c.get("/room/cats").send().await.status(), 404);
}

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

/// Enters `room` as `name` over real HTTP: the session cookie.
async fn enter(server: &Running, name: &str, room: &str) -> String {
    let body = format!("name={name}&room={room}");
    let r = http(server, "POST", "/enter", &[FORM], &body).await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.cookie("session_").expect("a session cookie")
}

/// Opens `name`'s socket in `room` and waits until the lobby feed says they joined (so they
/// are in the room when the test goes on).
async fn join(server: &Running, feed: &mut Sse, name: &str, room: &str) -> Ws {
    let cookie = enter(server, name, room).await;
    let ws = connect(server, &format!("/ws/{room}"), Some(&cookie)).await;
    let ev = feed.next_event().expect("the feed goes on");
    assert_eq!(
        ev,
        format!("event: joined\ndata: <li>{name} joined #{room}</li>")
    );
    ws
}

/// Reads `ws` until a frame contains `needle`; that frame.
async fn hear(ws: &mut Ws, needle: &str) -> String {
    let seen = until(ws, |t| t.contains(needle)).await;
    seen.last().cloned().unwrap_or_default()
}

/// Nothing arrives on `ws` for a while.
async fn silent(ws: &mut Ws) -> bool {
    during(ws, 300).await.is_empty()
}

#[ft_web::test]
async fn two_people_chat_in_a_room_and_others_do_not_hear() {
    let server = Running::start(ws_chat::app);
    let mut feed = Sse::open(&server, "/feed");
    let mut ann = join(&server, &mut feed, "ann", "general").await;
    let mut bob = join(&server, &mut feed, "bob", "general").await;
    let mut cat = join(&server, &mut feed, "cat", "rust").await;
    // Ann sees Bob arrive in the room's log.
    let notice = hear(&mut ann, "bob joined").await;
    assert!(notice.contains("hx-swap-oob=\"beforeend\""), "{notice}");

    send_form(&mut ann, &[("msg", "hi <b>bob</b>")]).await;
    for ws in [&mut ann, &mut bob] {
        let line = hear(ws, "<strong>ann</strong>").await;
        assert!(line.contains("id=\"log\""), "{line}");
        assert!(
            line.contains("hi &lt;b&gt;bob&lt;/b&gt;"),
            "escaped: {line}"
        );
    }
    // The sender's input is cleared.
    let input = hear(&mut ann, "id=\"msg\"").await;
    assert!(input.contains("hx-swap-oob=\"true\""), "{input}");

    send_form(&mut bob, &[("msg", "hello ann")]).await;
    for ws in [&mut ann, &mut bob] {
        assert!(hear(ws, "hello ann").await.contains("<strong>bob</strong>"));
    }
    // A blank message is not published; Bob only gets his input back.
    send_form(&mut bob, &[("msg", "   ")]).await;
    assert!(hear(&mut bob, "id=\"msg\"").await.contains("hx-swap-oob"));
    assert!(silent(&mut ann).await, "nothing for a blank message");
    // #rust heard only its own notices, none of the chat.
    let rust = during(&mut cat, 300).await;
    assert!(
        rust.iter()
            .all(|t| !t.contains("ann") && !t.contains("bob")),
        "{rust:?}"
    );

    // Bob leaves: the lobby and the room are told.
    drop(bob);
    assert_eq!(
        feed.next_event().expect("the feed goes on"),
        "event: joined\ndata: <li>bob left #general</li>"
    );
    hear(&mut ann, "bob left #general").await;
}

#[ft_web::test]
async fn announcements_reach_every_room() {
    let server = Running::start(ws_chat::app);
    let mut feed = Sse::open(&server, "/feed");
    let mut ann = join(&server, &mut feed, "ann", "general").await;
    let mut cat = join(&server, &mut feed, "cat", "htmx").await;
    let r = http(&server, "POST", "/announce", &[FORM], "text=tea+time").await;
    assert_eq!(r.body, "sent to 2 sockets on this server");
    for ws in [&mut ann, &mut cat] {
        let note = hear(ws, "announcement").await;
        assert!(note.contains("<em>announcement: tea time</em>"), "{note}");
    }
}

/// The browser test: two people in two browser contexts chat (e2e/ws_chat.mjs).
#[test]
fn browser_ws_chat() {
    let server = Running::start(ws_chat::app);
    common::e2e("ws_chat", &server);
}

/// Two instances of the app that share only Redis (the deployment of the guide's section 9):
/// Ann on one, Bob on the other, in one room (e2e/ws_chat_two.mjs). Skipped, saying why,
/// without REDIS_URL.
#[test]
fn browser_ws_chat_two_instances() {
    let Ok(url) = std::env::var("REDIS_URL") else {
        println!(
            "skipped: two ws_chat instances (REDIS_URL is not set, e.g. redis://127.0.0.1:6379)"
        );
        return;
    };
    let backend = match ft_web::Broadcast::from_url(&url) {
        Ok(b) => b,
        Err(e) => return println!("skipped: two ws_chat instances ({})", e.message()),
    };
    // One app: `Running` gives both the same secret key, so the same broadcast channel.
    let (b1, b2) = (backend.clone(), backend);
    let one = Running::start(move || ws_chat::app().broadcast(b1));
    let two = Running::start(move || ws_chat::app().broadcast(b2));
    let other = two.url();
    common::e2e_with(
        "ws_chat_two",
        &one,
        &[
            ("BASE_URL_2", other.as_str()),
            ("E2E_ALLOW", other.as_str()),
        ],
    );
}

/// The same two people with the app on htmx 4 (its hx-ws and hx-sse extensions).
#[test]
fn browser_ws_chat_htmx4() {
    let server = Running::start(|| ws_chat::app().htmx4(true));
    common::e2e_with("ws_chat", &server, &[("E2E_HTMX", "4")]);
}
