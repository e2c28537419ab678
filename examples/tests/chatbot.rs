//! The chatbot: the page, sessions and conversations through the test client; a reply
//! streamed over a real websocket; the browser. The reply generator is unit-tested in
//! `examples/examples/chatbot/reply.rs`.

mod common;

#[allow(dead_code)]
#[path = "../examples/chatbot/main.rs"]
mod chatbot;

use chatbot::{Bot, reply};
use common::ws::{self, Ws};
use common::{Running, TempDir, client};
use std::time::Duration;

fn fast_bot() -> Bot {
    Bot {
        word_delay: Duration::from_millis(2),
    }
}

#[ft_web::test]
async fn the_page_has_the_chat_and_loads_nothing_from_elsewhere() {
    let dir = TempDir::new("chat");
    let c = client(chatbot::app(&dir.file("c.db"))).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    let page = r.text();
    assert!(page.contains("<title>Chatbot Demo</title>"));
    assert!(page.contains(r#"id="chatlist""#) && page.contains("chat-box h-[73vh]"));
    // The form goes over the socket (FastHTML's ws_send / hx_ext / ws_connect).
    assert!(page.contains("ws-send") && page.contains(r#"ws-connect="/wscon""#));
    assert!(page.contains(r#"id="msg-input""#) && page.contains(r#"name="msg""#));
    // DaisyUI and the page's CSS are this app's files; no CDN, no Pico.
    for css in [
        "/static/vendor/daisyui-4.11.1/styled.css",
        "/static/vendor/daisyui-4.11.1/themes.css",
        "/static/chatbot.css",
    ] {
        assert!(page.contains(css), "{css} linked");
        let file = c.get(css).send().await;
        assert_eq!(file.status(), 200, "{css} served");
    }
    assert!(
        c.get("/static/vendor/daisyui-4.11.1/styled.css")
            .send()
            .await
            .text()
            .contains(".chat-bubble-primary")
    );
    assert!(
        !page.contains("https://") && !page.contains("http://"),
        "{page}"
    );
    assert!(!page.contains("pico"));
}

#[ft_web::test]
async fn each_session_has_its_own_conversation_and_new_chat_starts_another() {
    let dir = TempDir::new("chat");
    let db = dir.file("c.db");
    let ann = client(chatbot::app(&db)).await;
    let bob = client(chatbot::app(&db)).await;
    ann.get("/").send().await;
    bob.get("/").send().await;
    let conv = |c: &ft_web::Client| c.session()["conversation"].as_i64().expect("an id");
    let first = conv(&ann);
    assert_ne!(first, conv(&bob));
    ann.get("/").send().await;
    assert_eq!(conv(&ann), first, "a reload keeps the conversation");

    let r = ann.post("/new").send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("location"), Some("/"));
    assert!(conv(&ann) > first);
    // Without the CSRF token the form is refused (the session is not empty).
    assert_eq!(bob.post("/new").no_csrf().send().await.status(), 403);
}

/// A session cookie from the real server's page (as a browser gets it before its socket
/// opens), and the page.
async fn visit(server: &Running, cookie: Option<&str>) -> (String, String) {
    let headers: Vec<(&str, &str)> = cookie.iter().map(|c| ("cookie", *c)).collect();
    let r = ws::http(server, "GET", "/", &headers, "").await;
    assert_eq!(r.status, 200);
    let set = r.cookie("session_").or(cookie.map(str::to_owned));
    (set.expect("a session cookie"), r.body)
}

/// Sends `text` and reads until the finished bot bubble arrives; every message on the way.
async fn chat(sock: &mut Ws, text: &str) -> Vec<String> {
    ws::send_form(sock, &[("msg", text)]).await;
    // The last message replaces the bot's bubble by its id (not appended out of band), with
    // no typing dots.
    ws::until(sock, |m| {
        m.contains("chat chat-start") && !m.contains("hx-swap-oob") && !m.contains("loading")
    })
    .await
}

/// The words streamed into the bubble `chat-content-{id}`, joined.
fn streamed(frames: &[String], id: &str) -> (usize, String) {
    let open = format!(r#"<span hx-swap-oob="beforeend" id="chat-content-{id}">"#);
    let words: Vec<&str> = frames
        .iter()
        .filter_map(|f| f.strip_prefix(open.as_str()))
        .map(|rest| rest.split("</span>").next().unwrap_or_default())
        .collect();
    (words.len(), words.concat())
}

/// The id N of the first `chat-message-N` in a message.
fn message_id(html: &str) -> String {
    let at = html.find("chat-message-").expect("a chat message") + 13;
    html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

#[tokio::test]
async fn a_reply_streams_word_by_word_and_the_conversation_is_saved() {
    let dir = TempDir::new("chat-ws");
    let db = dir.file("c.db");
    let server = Running::start(move || chatbot::app_with(&db, fast_bot()));
    let (cookie, _) = visit(&server, None).await;
    let mut sock = ws::connect(&server, "/wscon", Some(&cookie)).await;

    let frames = chat(&mut sock, "  what is 12 * 7  ").await;
    // 1. My bubble, appended to the list, and a cleared input, in one message.
    let mine = &frames[0];
    assert!(
        mine.starts_with(r#"<div hx-swap-oob="beforeend" id="chatlist">"#),
        "{mine}"
    );
    assert!(mine.contains(r#"class="chat chat-end""#));
    assert!(mine.contains(r#"class="chat-bubble chat-bubble-primary""#));
    assert!(mine.contains(">what is 12 * 7</div>"), "trimmed: {mine}");
    assert!(mine.contains(r#"id="msg-input""#) && !mine.contains("value="));
    // 2. The bot's empty bubble with typing dots.
    let bubble = &frames[1];
    assert!(bubble.contains(r#"class="chat chat-start""#) && bubble.contains("loading-dots"));
    let id = message_id(bubble);
    // 3. The reply, one word per message, then 4. the finished bubble.
    let expected = "12 × 7 = 84. Anything else to work out?";
    let (count, text) = streamed(&frames, &id);
    assert_eq!(text, expected);
    assert_eq!(count, reply::tokens(expected).count());
    assert!(count > 1);
    assert_eq!(frames.len(), count + 3, "{frames:#?}");
    let done = frames.last().expect("the finished bubble");
    assert_eq!(message_id(done), id, "it replaces the streamed bubble");
    assert!(done.contains(expected));

    // The generator sees the conversation: the name given earlier is remembered.
    chat(&mut sock, "my name is Zed").await;
    let frames = chat(&mut sock, "what is my name?").await;
    assert!(
        frames
            .last()
            .unwrap()
            .contains("You told me your name is Zed.")
    );

    // A reload shows the saved conversation: 3 questions and 3 answers, in order.
    let (_, page) = visit(&server, Some(&cookie)).await;
    assert_eq!(page.matches(r#"class="chat chat-end""#).count(), 3);
    assert_eq!(page.matches(r#"class="chat chat-start""#).count(), 3);
    let (q, a) = (
        page.find("what is 12 * 7").unwrap(),
        page.find(expected).unwrap(),
    );
    assert!(q < a && a < page.find("You told me your name is Zed.").unwrap());
    assert!(!page.contains("loading-dots"));

    // Another browser sees none of it.
    let (_, other) = visit(&server, None).await;
    assert!(!other.contains("chat-bubble"), "{other}");
}

#[tokio::test]
async fn empty_messages_and_sockets_without_a_session() {
    let dir = TempDir::new("chat-ws");
    let db = dir.file("c.db");
    let server = Running::start(move || chatbot::app_with(&db, fast_bot()));
    let (cookie, _) = visit(&server, None).await;
    let mut sock = ws::connect(&server, "/wscon", Some(&cookie)).await;
    // Blank: only the input comes back.
    ws::send_form(&mut sock, &[("msg", "   ")]).await;
    let only = ws::next_text(&mut sock).await;
    assert!(
        only.starts_with("<input") && only.contains(r#"id="msg-input""#),
        "{only}"
    );
    // A frame without `msg` is answered with the error, and the socket stays usable.
    ws::send_form(&mut sock, &[("text", "hi")]).await;
    let err = ws::next_text(&mut sock).await;
    assert!(err.contains("msg"), "{err}");
    let frames = chat(&mut sock, "hello").await;
    assert!(
        frames
            .last()
            .unwrap()
            .contains("Hello! How can I help you today?")
    );

    // A socket opened without the page's session cookie has no conversation.
    let mut stranger = ws::connect(&server, "/wscon", None).await;
    ws::send_form(&mut stranger, &[("msg", "hello")]).await;
    assert_eq!(
        ws::next_text(&mut stranger).await,
        "No conversation yet: reload the page."
    );
}

#[test]
fn browser_chat_streams_replies() {
    let dir = TempDir::new("chat-e2e");
    let db = dir.file("chatbot.db");
    let server = Running::start(move || chatbot::app(&db));
    common::e2e("chatbot", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_chat_streams_replies_htmx4() {
    let dir = TempDir::new("chat-e2e-htmx4");
    let db = dir.file("chatbot.db");
    let server = Running::start(move || chatbot::app(&db).htmx4(true));
    common::e2e_with("chatbot", &server, &[("E2E_HTMX", "4")]);
}
