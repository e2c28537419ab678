//! The dev channel: how the `ft dev` runner talks to the app it runs, in live mode only.
//!
//! The runner starts the app with `FT_LIVE=1` and `FT_DEV_TOKEN=<32 random hex digits>`
//! (fresh for every runner). The app then answers `POST` [`DEV_PATH`] (`/_ft/dev`) with a
//! JSON body `{"kind": "...", ...}` ([`DevEvent`]); every open live-reload socket
//! ([`LIVE_RELOAD_PATH`](crate::live_reload::LIVE_RELOAD_PATH)) gets the matching message
//! after its boot id, and the page script acts on it:
//!
//! | body | the pages |
//! |---|---|
//! | `{"kind":"error","text":"..."}` | show the text (a compiler error) in an overlay |
//! | `{"kind":"clear"}` | remove the overlay |
//! | `{"kind":"reload"}` | reload, keeping the scroll position and the form values |
//! | `{"kind":"markup","file":"/app/src/main.rs","templates":[{"line":12,"col":8,"idx":0,"nodes":"..."}]}` | the app renders the new markup of those templates (markup hot reload, [`ft_html::hot`]); the pages reload as for `reload` |
//!
//! The answers: `404` when live reload is off or no token is configured (the route does
//! not exist then), `405` for another method, `403` when the `X-Ft-Dev-Token` header is
//! missing or differs from the token (compared in constant time), `413` for a body over
//! [`MAX_DEV_BODY`], `400` for a body that is not JSON or names an unknown kind, `409` for
//! markup the app cannot take (a release build, a description that does not decode), and
//! `200` with the number of sockets the message went to.
//!
//! Like the other live-reload routes it bypasses beforeware and the CSRF check (a login wall
//! must not stop the runner). It is a `POST` that changes what open pages show, so it must
//! not be usable cross-site: **the token is its protection**. A cross-site form or `fetch`
//! cannot set the `X-Ft-Dev-Token` header without a CORS preflight that this route never
//! grants, and cannot know the token, which lives only in the runner's and the app's
//! environment. Never turn live reload on in production all the same.
//!
//! An error stays with the server until a `clear` (or the next error): a page that loads or
//! reconnects while the build is broken gets it too, right after the boot id.
//!
//! ```no_run
//! use ft_web::prelude::*;
//! #[rt]
//! fn index() -> Ft { P!("hi") }
//!
//! # async fn run() -> std::io::Result<()> {
//! // What `ft dev` does through the environment (FT_LIVE=1, FT_DEV_TOKEN=...):
//! fast_app().routes(routes![index]).live(true).dev_token("0123456789abcdef").serve().await
//! # }
//! // Then, from the runner:
//! //   POST /_ft/dev
//! //   X-Ft-Dev-Token: 0123456789abcdef
//! //   Content-Type: application/json
//! //
//! //   {"kind":"error","text":"error[E0308]: mismatched types ..."}
//! ```
//!
//! New kinds are one [`DevEvent`] variant and one arm in this module's `dispatch`.

use crate::app::AppInner;
use actix_web::http::{Method, StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// The dev channel's path: `POST` only, live mode with a dev token only.
pub const DEV_PATH: &str = "/_ft/dev";
/// The request header that carries the dev token.
pub const DEV_TOKEN_HEADER: &str = "x-ft-dev-token";
/// The largest body the dev channel reads: 1 MiB (a compiler error is a few KiB).
pub const MAX_DEV_BODY: usize = 1024 * 1024;

/// What the runner tells the app: the JSON body of `POST` [`DEV_PATH`], tagged by `kind`.
///
/// ```
/// use ft_web::dev_channel::DevEvent;
/// let e: DevEvent = serde_json::from_str(r#"{"kind":"error","text":"oops"}"#).unwrap();
/// assert_eq!(e, DevEvent::Error { text: "oops".into() });
/// assert_eq!(serde_json::to_string(&DevEvent::Clear).unwrap(), r#"{"kind":"clear"}"#);
/// assert!(serde_json::from_str::<DevEvent>(r#"{"kind":"dance"}"#).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[non_exhaustive]
pub enum DevEvent {
    /// A failed build: the pages show `text` (plain text) in an overlay.
    Error {
        /// The compiler's message, without ANSI colour codes.
        text: String,
    },
    /// The error is gone: the pages remove the overlay.
    Clear,
    /// The pages reload (keeping their scroll position and form values).
    Reload,
    /// Markup hot reload: the compiled templates written in `file` take these descriptions
    /// ([`ft_html::hot::apply`]; the file's other templates go back to their built markup),
    /// then the pages reload. A release build, or a description that does not decode, is
    /// refused with 409 and nothing changes: `ft dev` then rebuilds.
    Markup {
        /// The source file, as `ft dev` watches it (absolute).
        file: String,
        /// The edited templates, at the locations the app was built with.
        templates: Vec<MarkupTemplate>,
    },
}

/// One template of a [`DevEvent::Markup`]: where its macro call was (line from 1, column from
/// 0 of the first token inside the call, the call's template number) and its new
/// description (`ft_tags::wire`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkupTemplate {
    pub line: u32,
    pub col: u32,
    pub idx: u32,
    pub nodes: String,
}

/// The app's side of the channel: a broadcast to every open live-reload socket, and the
/// error that new sockets get too. One per app (shared by its workers).
pub(crate) struct DevChannel {
    tx: broadcast::Sender<Arc<str>>,
    error: Mutex<Option<Arc<str>>>,
}

impl Default for DevChannel {
    fn default() -> Self {
        DevChannel {
            tx: broadcast::channel(16).0,
            error: Mutex::new(None),
        }
    }
}

impl DevChannel {
    /// A receiver of the messages sent from now on, and the current error if there is one.
    pub(crate) fn subscribe(&self) -> (broadcast::Receiver<Arc<str>>, Option<Arc<str>>) {
        let error = self.error.lock().map(|e| e.clone()).unwrap_or(None);
        (self.tx.subscribe(), error)
    }

    /// Sends `message` to every socket; how many got it.
    fn send(&self, message: Arc<str>) -> usize {
        self.tx.send(message).unwrap_or(0)
    }

    fn set_error(&self, error: Option<Arc<str>>) {
        if let Ok(mut e) = self.error.lock() {
            *e = error;
        }
    }
}

/// Adds `DEV_PATH`, always: with live reload off or no token it answers 404 (where the
/// `/_ft/` asset scope would answer a `POST` with 405).
pub(crate) fn register(cfg: &mut web::ServiceConfig, app: &Arc<AppInner>) {
    let app = app.clone();
    cfg.route(
        DEV_PATH,
        web::to(move |req: HttpRequest, body: web::Payload| {
            let app = app.clone();
            async move { handle(&app, &req, body).await }
        }),
    );
}

fn text(status: StatusCode, body: impl Into<String>) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type("text/plain; charset=utf-8")
        .body(body.into())
}

async fn handle(app: &AppInner, req: &HttpRequest, body: web::Payload) -> HttpResponse {
    let Some(token) = app.live.dev_token.as_deref().filter(|_| app.live.on) else {
        return text(StatusCode::NOT_FOUND, "Not Found");
    };
    if req.method() != Method::POST {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "POST"))
            .content_type("text/plain; charset=utf-8")
            .body("Method Not Allowed");
    }
    let given = req
        .headers()
        .get(DEV_TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !crate::auth::csrf::ct_eq(given, token) {
        return text(
            StatusCode::FORBIDDEN,
            "Forbidden: wrong or missing X-Ft-Dev-Token",
        );
    }
    let bytes = match read_capped(req, body, MAX_DEV_BODY).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    match serde_json::from_slice::<DevEvent>(&bytes) {
        Ok(event) => dispatch(&app.dev, event),
        Err(e) => text(
            StatusCode::BAD_REQUEST,
            format!(
                "Bad Request: expected JSON {{\"kind\": \"error\" | \"clear\" | \"reload\", ..}}: {e}"
            ),
        ),
    }
}

/// The body, or the response refusing it (413 past `limit`, 400 when it breaks off).
async fn read_capped(
    req: &HttpRequest,
    mut body: web::Payload,
    limit: usize,
) -> Result<web::BytesMut, HttpResponse> {
    let too_large = || text(StatusCode::PAYLOAD_TOO_LARGE, "Payload Too Large");
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut out = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|_| text(StatusCode::BAD_REQUEST, "Bad Request: body"))?;
        if out.len() + chunk.len() > limit {
            return Err(too_large());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// One arm per kind: what the pages are told.
fn dispatch(chan: &DevChannel, event: DevEvent) -> HttpResponse {
    let event = match event {
        DevEvent::Markup { file, templates } => {
            let list: Vec<(u32, u32, u32, &str)> = templates
                .iter()
                .map(|t| (t.line, t.col, t.idx, t.nodes.as_str()))
                .collect();
            if let Err(e) = ft_html::hot::apply(&file, &list) {
                return text(StatusCode::CONFLICT, format!("markup not applied: {e}"));
            }
            DevEvent::Reload
        }
        other => other,
    };
    let message: Arc<str> = match serde_json::to_string(&event) {
        Ok(s) => s.into(),
        Err(e) => return text(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    };
    match event {
        DevEvent::Error { .. } => chan.set_error(Some(message.clone())),
        DevEvent::Clear | DevEvent::Reload | DevEvent::Markup { .. } => chan.set_error(None),
    }
    let n = chan.send(message);
    text(StatusCode::OK, format!("sent to {n} live-reload sockets"))
}
