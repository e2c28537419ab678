//! FastHTML's quickstart sections on server-sent events and websockets ("FastHTML by
//! Example"), as one ft app:
//!
//! - `/numbers`, "SSE Random Number Generator": the htmx `sse` extension connects to
//!   `/number-stream`, which sends a random number from 1 to 100 in an `<article>` every
//!   second, until the browser leaves or the server shuts down (Ctrl-C); the page appends each
//!   one and scrolls down;
//! - `/ws-form`, "Websocket Test": a form sent over a websocket by the htmx `ws` extension.
//!   The server greets on connect, answers "Hello <msg>" at once, then two seconds later
//!   "Goodbye <msg>" and a fresh, empty input.
//!
//! `cargo run -p ft-examples --example realtime`, then open http://127.0.0.1:5001
//! (`PORT`/`HOST` change the address). The htmx extensions come with ft: nothing is loaded
//! from elsewhere.

use ft_web::actix_web::rt::time::sleep;
use ft_web::prelude::*;
use std::hash::BuildHasher;
use std::time::Duration;

#[rt]
fn index() -> Ft {
    Titled!(
        "Server-sent events and websockets",
        Ul!(
            Li!(A!("Server-sent events: random numbers", href = numbers)),
            Li!(A!("A websocket form", href = ws_form)),
        )
    )
}

// --- Server-sent events ----------------------------------------------------------------

#[get("/numbers")]
fn numbers() -> Ft {
    Titled!(
        "SSE Random Number Generator",
        P!("Generate pairs of random numbers, as the list grows scroll downwards."),
        Div!(
            hx_ext = "sse",
            sse_connect = number_stream,
            hx_swap = "beforeend show:bottom",
            sse_swap = "message",
            id = "numbers"
        )
    )
}

/// How often the stream sends a number.
const EVERY: Duration = Duration::from_secs(1);

/// FastHTML's `number_generator`: a number now and then one every [`EVERY`], until shutdown
/// begins. Each `Article!` goes out as a default `message` event (`sse_message`). The stream
/// is also dropped, and so stops, as soon as the browser goes away.
#[get("/number-stream")]
fn number_stream() -> EventStream {
    let shutdown = signal_shutdown();
    let items = futures::stream::unfold(0u64, move |sent| {
        let shutdown = shutdown.clone();
        async move {
            if sent > 0 {
                sleep(EVERY).await;
            }
            if shutdown.is_set() {
                return None;
            }
            Some((Article!(random_1_to_100()), sent + 1))
        }
    });
    EventStream::new(items)
}

/// A random number from 1 to 100: std's randomly keyed hasher stands in for a random-number
/// crate (each `RandomState` has fresh keys).
fn random_1_to_100() -> u64 {
    std::collections::hash_map::RandomState::new().hash_one(()) % 100 + 1
}

// --- Websockets ------------------------------------------------------------------------

/// The input, made in two places: the page, and the reply that clears it.
fn mk_inp() -> Ft {
    Input!(id = "msg", autofocus = true)
}

#[get("/ws-form")]
fn ws_form() -> Ft {
    Titled!(
        "Websocket Test",
        Div!(
            Div!(id = "notifications"),
            Form!(mk_inp(), id = "form", ws_send = true),
            hx_ext = "ws",
            ws_connect = echo,
        )
    )
}

/// Runs when a socket opens: `send` pushes to this browser; the `id` makes htmx swap the
/// element into the page's `#notifications`.
async fn on_connect(send: WsSend) {
    let _ = send
        .send(Div!("Hello, you have connected", id = "notifications"))
        .await;
}

async fn on_disconnect(id: WsId) {
    eprintln!("{id} disconnected");
}

/// Every message: an answer at once through `send`, then, two seconds later, the result
/// (the goodbye and a fresh input, each swapped in by its id).
#[ws("/ws", conn = on_connect, disconn = on_disconnect)]
async fn echo(msg: String, send: WsSend) -> Ft {
    let _ = send
        .send(Div!(format!("Hello {msg}"), id = "notifications"))
        .await;
    sleep(Duration::from_secs(2)).await;
    (
        Div!(format!("Goodbye {msg}"), id = "notifications"),
        mk_inp(),
    )
        .into_ft()
}

/// The app (no data: nothing to store).
pub fn app() -> FastApp {
    fast_app()
        .exts(["ws", "sse"])
        .routes(routes![index, numbers, number_stream, ws_form, echo])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app().htmx4(ft_examples::htmx4()).serve().await
}
