//! A websocket chat with rooms and a live event feed (FastHTML's ws chat example, with rooms).
//!
//! ```text
//! cargo run -p ft-examples --example ws_chat          # http://127.0.0.1:5001
//! FT_BROADCAST_URL=redis://127.0.0.1:6379 PORT=5002 cargo run -p ft-examples --example ws_chat
//! ```
//! Start it twice with the same `FT_BROADCAST_URL` (Redis or PostgreSQL) and different `PORT`s:
//! people on either server share the rooms.
//!
//! - `/` asks for a name (kept in the session) and a room;
//! - `/room/{room}` is the chat: the htmx `ws` extension connects to `/ws/{room}`, the form is
//!   sent over the socket (`ws_send`), every message is published to the room and swapped into
//!   everyone's `#log` (an out-of-band swap, `beforeend`), as are the comings and goings;
//! - `/feed` streams the joins and leaves of every room over SSE (the htmx `sse` extension);
//! - `POST /announce` (e.g. `curl -d text=hi localhost:5001/announce`) sends to every room
//!   from plain HTTP.
//!
//! Only the listed rooms exist: a socket to any other name (the lobby feed's internal room
//! included) is refused before the websocket opens, so nobody can listen to or write into a
//! feed the app keeps for itself.

use ft_web::prelude::*;

const ROOMS: [&str; 3] = ["general", "rust", "htmx"];
/// The hub room behind `/feed`; not in [`ROOMS`], so no socket can join it.
const LOBBY_FEED: &str = "lobby";

/// Refuses (404) a socket to a room that is not one of [`ROOMS`], before the handshake.
fn known_rooms_only() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| {
        let room = ctx.path().strip_prefix("/ws/")?;
        (!ROOMS.contains(&room)).then(|| Error::not_found("no such room").into_ft())
    })
}

#[rt]
fn index(session: Session) -> Ft {
    let name = session.get::<String>("name").unwrap_or_default();
    Titled!(
        "ft chat",
        Form!(
            Input!(
                name = "name",
                value = name,
                placeholder = "Your name",
                required = true
            ),
            Select!(ROOMS.map(|r| Option!(r, value = r)), name = "room"),
            Button!("Enter"),
            method = "post",
            action = "/enter",
        ),
        H2!("Lobby feed"),
        Ul!(
            id = "feed",
            hx_ext = "sse",
            sse_connect = feed,
            sse_swap = "joined",
            hx_swap = "afterbegin"
        ),
    )
}

#[post("/enter")]
fn enter(name: String, room: String, session: Session) -> Result<Redirect> {
    let name: String = name.trim().chars().take(40).collect();
    if name.is_empty() || !ROOMS.contains(&room.as_str()) {
        return Err(Error::bad_request("a name and one of the rooms, please"));
    }
    session.insert("name", name)?;
    Ok(Redirect::to(format!("/room/{room}")))
}

#[get("/room/{room}")]
fn room_page(room: String, session: Session) -> Result<Ft> {
    if !ROOMS.contains(&room.as_str()) {
        return Err(Error::not_found("no such room"));
    }
    let Some(name) = session.get::<String>("name") else {
        return Ok(Redirect::to("/").into_ft());
    };
    Ok(Titled!(
        format!("#{room}"),
        P!(
            format!("You are {name}. "),
            A!("Leave", href = "/"),
            " ",
            Small!(id = "here")
        ),
        Div!(
            Div!(id = "log"),
            Form!(
                Input!(
                    id = "msg",
                    name = "msg",
                    placeholder = "Say something",
                    autocomplete = "off"
                ),
                ws_send = true,
            ),
            hx_ext = "ws",
            ws_connect = format!("/ws/{room}"),
        ),
    ))
}

fn who(session: &Session) -> String {
    session
        .get::<String>("name")
        .unwrap_or_else(|| "someone".into())
}

/// A line appended to everyone's `#log` in a room.
fn log_line(line: impl IntoFt) -> Ft {
    Div!(line, id = "log", hx_swap_oob = "beforeend")
}

/// Tells the room (in its log) and the lobby (on its feed) that someone came or went.
async fn notice(hub: &Hub, room: &str, what: String) {
    let _ = hub
        .publish(room, log_line(P!(Em!(what.clone()), cls = "notice")))
        .await;
    let _ = hub.publish_event(LOBBY_FEED, "joined", Li!(what)).await;
}

/// Tells everyone in the room how many people are in it, on every server of the app
/// (`Hub::members` counts the other servers' sockets too, as those last told: two people
/// joining on two servers within ~50 ms may each see the other's count one behind until the
/// next join or leave).
async fn headcount(hub: &Hub, room: &str) {
    let n = hub.members(room);
    let here = Small!(format!("{n} here"), id = "here", hx_swap_oob = "true");
    let _ = hub.publish(room, here).await;
}

// Hooks find their parameters by type: the socket's `{room}` comes as `PathParams`.
async fn joined(send: WsSend, hub: Hub, session: Session, PathParams(room): PathParams<String>) {
    hub.join(room.clone(), &send);
    notice(&hub, &room, format!("{} joined #{room}", who(&session))).await;
    headcount(&hub, &room).await;
}

async fn left(hub: Hub, session: Session, PathParams(room): PathParams<String>) {
    notice(&hub, &room, format!("{} left #{room}", who(&session))).await;
    headcount(&hub, &room).await;
}

#[ws("/ws/{room}", conn = joined, disconn = left)]
async fn chat(room: String, msg: String, session: Session, hub: Hub) -> Result<Ft> {
    let msg = msg.trim();
    if !msg.is_empty() {
        let line = P!(Strong!(who(&session)), ": ", msg.to_owned());
        hub.publish(&room, log_line(line)).await?;
    }
    // Clear the sender's input.
    Ok(Input!(
        id = "msg",
        name = "msg",
        placeholder = "Say something",
        autocomplete = "off",
        hx_swap_oob = "true"
    ))
}

#[get("/feed")]
fn feed(hub: Hub) -> EventStream {
    EventStream::room(&hub, LOBBY_FEED)
}

#[post("/announce")]
async fn announce(text: String, hub: Hub) -> Result<String> {
    let mut n = 0;
    for room in ROOMS {
        let note = log_line(P!(Em!(format!("announcement: {text}"))));
        n += hub.publish(room, note).await?;
    }
    Ok(format!("sent to {n} sockets on this server"))
}

/// At startup: waits (a few seconds at most) for the broadcast backend and says which channel
/// this app's rooms travel on; instances of this app (one secret key) share it.
async fn check_broadcast(app: App) -> Result<()> {
    let hub = app.hub();
    let ready = tokio::time::timeout(std::time::Duration::from_secs(5), hub.ready()).await;
    match (hub.channel(), ready) {
        (None, _) => ft_web::tracing::info!("chat: rooms are shared by this process only"),
        (Some(c), Ok(())) => {
            ft_web::tracing::info!("chat: rooms shared through {} channel {c}", hub.backend())
        }
        (Some(c), Err(_)) => {
            ft_web::tracing::warn!("chat: {} channel {c} not reachable yet", hub.backend())
        }
    }
    Ok(())
}

/// At shutdown: tells the lobby feed, so open pages know this server went away.
async fn say_goodbye(app: App) -> Result<()> {
    let note = Li!(Em!("a chat server is restarting"));
    app.hub().publish_event(LOBBY_FEED, "joined", note).await?;
    Ok(())
}

/// The app (no data: names live in the session, messages only on the wire).
pub fn app() -> FastApp {
    fast_app()
        .exts(["ws", "sse"])
        .before(known_rooms_only())
        .on_startup(check_broadcast)
        .on_shutdown(say_goodbye)
        .routes(routes![index, enter, room_page, chat, feed, announce])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app().htmx4(ft_examples::htmx4()).serve().await
}
