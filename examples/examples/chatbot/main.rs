//! A chatbot with DaisyUI chat bubbles and replies streamed over a websocket (FastHTML by
//! Example, "Full Example #3", in its websocket version `02_chatbot/ws_streaming.py`).
//!
//! ```text
//! cargo run -p ft-examples --example chatbot          # http://127.0.0.1:5001
//! ```
//! Type a message: your bubble appears at once, then the bot's bubble fills in word by word.
//! Each browser session has its own conversation, saved in `data/chatbot.db`, so a reload
//! shows it again; "New chat" starts another.
//!
//! How it maps to the FastHTML original:
//!
//! | FastHTML | here |
//! |---|---|
//! | `ChatMessage(msg_idx)`: `chat chat-start/end`, `chat-header`, `chat-bubble chat-bubble-primary/secondary`, ids `chat-message-N` / `chat-content-N` | [`chat_message`], N being the message's row id |
//! | `ChatInput()`: the input, also sent with `hx_swap_oob='true'` to clear it | [`chat_input`] |
//! | `Form(..., ws_send=True, hx_ext="ws", ws_connect="/wscon")` | the same attributes; `ws_connect = wscon` names the route |
//! | `@app.ws('/wscon')`: append the user's message, send its bubble, an empty bot bubble, then each chunk as `Span(chunk, id=f"chat-content-{i}", hx_swap_oob="beforeend")` | [`wscon`]: the same messages; then the finished bubble replaces the streamed one |
//! | claudette's `cli(messages, sp=sp, stream=True)` (Anthropic's API) | [`reply::reply`]: a local, deterministic rule-based generator, its words sent with a short pause between them |
//! | `messages`: one global list for every visitor | a conversation per browser session, its messages in SQLite |
//! | Tailwind's play CDN + DaisyUI 4.11.1 from jsDelivr | DaisyUI 4.11.1's prebuilt components and themes vendored from npm (`scripts/vendor-example-assets`), and the few Tailwind utilities the page uses written out in `static/chatbot.css`: the page loads nothing from elsewhere |
//!
//! Additions: typing dots (DaisyUI's `loading-dots`) while a reply streams, a "New chat"
//! button, and the list scrolling to the newest message.

pub mod reply;

use ft_web::prelude::*;
use reply::Role;
use std::time::Duration;

/// The pause before each word of a reply.
pub const WORD_DELAY: Duration = Duration::from_millis(60);

/// The session key holding the conversation's id.
const CONVERSATION: &str = "conversation";
const USER: &str = "user";
const ASSISTANT: &str = "assistant";

/// One browser session's conversation.
#[derive(Record, Clone, Debug)]
#[table(name = "conversations")]
pub struct Conversation {
    pub id: i64,
    /// Unix time it started.
    pub started: i64,
}

/// A message of a conversation.
#[derive(Record, Clone, Debug)]
#[table(name = "messages")]
pub struct Message {
    pub id: i64,
    pub conversation: i64,
    /// `user` or `assistant` (what the bubble's header shows, as in FastHTML's example).
    pub role: String,
    pub content: String,
}

/// How the bot streams (app state; the tests make it faster).
pub struct Bot {
    pub word_delay: Duration,
}

/// A chat bubble (FastHTML's `ChatMessage`): the user's on the right, the bot's on the left.
/// `typing` adds the dots shown while a reply streams.
pub fn chat_message(m: &Message, typing: bool) -> Ft {
    let mine = m.role == USER;
    Div!(
        Div!(&m.role, cls = "chat-header"),
        Div!(
            &m.content,
            id = format!("chat-content-{}", m.id),
            cls = [
                "chat-bubble",
                if mine {
                    "chat-bubble-primary"
                } else {
                    "chat-bubble-secondary"
                }
            ],
        ),
        typing.then(|| Div!(
            Span!(cls = "loading loading-dots loading-sm"),
            cls = "chat-footer opacity-50"
        )),
        id = format!("chat-message-{}", m.id),
        cls = ["chat", if mine { "chat-end" } else { "chat-start" }],
    )
}

/// The message input (FastHTML's `ChatInput`); sent again out of band to clear it.
pub fn chat_input() -> Ft {
    Input!(
        r#type = "text",
        name = "msg",
        id = "msg-input",
        placeholder = "Type a message",
        autocomplete = "off",
        cls = "input input-bordered w-full",
        hx_swap_oob = "true",
    )
}

/// Keeps the newest message in view.
const SCROLL: &str = "function chatScroll() { const l = document.getElementById('chatlist'); \
if (l) l.scrollTop = l.scrollHeight; }
document.addEventListener('htmx:wsAfterMessage', chatScroll);
document.addEventListener('DOMContentLoaded', chatScroll);";

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// The session's conversation, started (and remembered in the session) if there is none.
async fn conversation(session: &Session, convs: &Tbl<Conversation>) -> Result<i64> {
    if let Some(id) = session.get::<i64>(CONVERSATION)
        && convs.contains(id).await?
    {
        return Ok(id);
    }
    new_conversation(session, convs).await
}

async fn new_conversation(session: &Session, convs: &Tbl<Conversation>) -> Result<i64> {
    let conv = convs
        .insert(&Conversation {
            id: 0,
            started: unix_now(),
        })
        .await?;
    session.insert(CONVERSATION, conv.id)?;
    Ok(conv.id)
}

#[get("/")]
async fn index(session: Session, convs: Tbl<Conversation>, messages: Tbl<Message>) -> Result<Ft> {
    let conv = conversation(&session, &convs).await?;
    let history = messages
        .query()
        .eq("conversation", conv)
        .order_by("id")
        .fetch()
        .await?;
    let bubbles: Vec<Ft> = history.iter().map(|m| chat_message(m, false)).collect();
    Ok((
        Title!("Chatbot Demo"),
        Main!(
            H1!("Chatbot Demo"),
            Div!(
                bubbles,
                id = "chatlist",
                cls = "chat-box h-[73vh] overflow-y-auto"
            ),
            Form!(
                chat_input(),
                Button!("Send", cls = "btn btn-primary"),
                ws_send = true,
                hx_ext = "ws",
                ws_connect = wscon,
                cls = "flex space-x-2 mt-2",
            ),
            Form!(
                P!(
                    "Try \u{201c}what is 12 * 7\u{201d}, \u{201c}my name is Ann\u{201d} or \
                     \u{201c}what is htmx?\u{201d}",
                    cls = "hint opacity-50"
                ),
                Button!("New chat", cls = "btn btn-ghost btn-sm"),
                method = "post",
                action = new_chat,
                cls = "flex mt-2",
            ),
            cls = "p-4 max-w-lg mx-auto",
        ),
    )
        .into_ft())
}

/// Starts another conversation for this session.
#[post("/new")]
async fn new_chat(session: Session, convs: Tbl<Conversation>) -> Result<Redirect> {
    new_conversation(&session, &convs).await?;
    Ok(Redirect::to(index.to()))
}

/// Appends a bubble to the list (an out-of-band `beforeend` swap into `#chatlist`).
fn append(bubble: Ft) -> Ft {
    Div!(bubble, id = "chatlist", hx_swap_oob = "beforeend")
}

/// One message from the form: the user's bubble and a cleared input at once, then the bot's
/// bubble, then its words one by one, then the finished bubble.
#[ws("/wscon")]
async fn wscon(
    msg: String,
    send: WsSend,
    session: Session,
    app: App,
    bot: State<Bot>,
) -> Result<Ft> {
    let msg = msg.trim();
    if msg.is_empty() {
        return Ok(chat_input());
    }
    let Some(conv) = session.get::<i64>(CONVERSATION) else {
        return Err(Error::bad_request("No conversation yet: reload the page."));
    };
    let messages = app.db().await?.table::<Message>();
    let before = messages
        .query()
        .eq("conversation", conv)
        .order_by("id")
        .fetch()
        .await?;
    let mine = messages
        .insert(&Message {
            id: 0,
            conversation: conv,
            role: USER.into(),
            content: msg.into(),
        })
        .await?;
    // A closed socket is no reason to stop: the reply is still saved for the next visit.
    let _ = send
        .send((append(chat_message(&mine, false)), chat_input()))
        .await;

    let history: Vec<(Role, &str)> = before
        .iter()
        .map(|m| {
            let role = if m.role == USER {
                Role::User
            } else {
                Role::Assistant
            };
            (role, m.content.as_str())
        })
        .collect();
    let text = reply::reply(&history, msg);
    let mut answer = messages
        .insert(&Message {
            id: 0,
            conversation: conv,
            role: ASSISTANT.into(),
            content: String::new(),
        })
        .await?;
    let _ = send.send(append(chat_message(&answer, true))).await;
    let target = format!("chat-content-{}", answer.id);
    for word in reply::tokens(&text) {
        tokio::time::sleep(bot.word_delay).await;
        let chunk = Span!(
            word.to_owned(),
            id = target.clone(),
            hx_swap_oob = "beforeend"
        );
        if send.send(chunk).await.is_err() {
            break;
        }
    }
    answer.content = text;
    let answer = messages.update(&answer).await?;
    // The whole reply replaces the streamed bubble (same id): the dots go away.
    Ok(chat_message(&answer, false))
}

/// The examples' static folder, wherever the binary is started from.
const STATIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static");
const DAISY: &str = "/static/vendor/daisyui-4.11.1";

/// The app on the SQLite file `db`.
pub fn app(db: &str) -> FastApp {
    app_with(
        db,
        Bot {
            word_delay: WORD_DELAY,
        },
    )
}

/// The app with a bot of your own (the tests stream faster).
pub fn app_with(db: &str, bot: Bot) -> FastApp {
    fast_app()
        .pico(false)
        .db(db)
        .table::<Conversation>()
        .table::<Message>()
        .state(bot)
        .exts(["ws"])
        .static_route_exts("/static/", STATIC, ft_web::STATIC_EXTS)
        .hdrs((
            Link!(rel = "stylesheet", href = format!("{DAISY}/themes.css")),
            Link!(rel = "stylesheet", href = format!("{DAISY}/styled.css")),
            Link!(rel = "stylesheet", href = "/static/chatbot.css"),
            Script!(SCROLL),
        ))
        .routes(routes![index, new_chat, wscon])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/chatbot.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
