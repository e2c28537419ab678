//! Live reload for development (FastHTML's `FastHTMLWithLiveReload`, SPEC 9A).
//!
//! With [`FastApp::live`] on (or `FT_LIVE=1` in the environment, which the `ft-dev` runner
//! sets), the app
//!
//! - answers a websocket at [`LIVE_RELOAD_PATH`] (`/live-reload`, FastHTML's path, SPEC 9.1):
//!   it sends this process's boot id as its first message and then just holds the
//!   connection until the client leaves;
//! - answers `GET` [`LIVE_ID_PATH`] with the same boot id as plain text (the fallback for
//!   browsers or proxies without websockets);
//! - adds a small `<script>` to the `<head>` of every full page (not to htmx partials,
//!   SPEC 9.5): it connects, remembers the boot id, and when the connection drops retries every
//!   `reload_interval` ms, at most `reload_attempts` times; as soon as a server with a
//!   *different* boot id answers (the app was rebuilt and restarted) it reloads the page.
//!
//! Differences from FastHTML, on purpose: the retry settings go into the script only, never
//! into `<body>` attributes (SPEC 5.13's leak); the interval and the attempt limit are not
//! swapped (SPEC 9.2); the socket uses `wss://` on https pages; the page reloads only when the
//! server really restarted (a new boot id), not on every reconnection; a page whose
//! websocket cannot connect at all falls back to polling [`LIVE_ID_PATH`]; the endpoint
//! closes cleanly when the client leaves (SPEC 9.4's error).
//!
//! The routes bypass beforeware (a login-required beforeware must not redirect the socket).
//! Never turn live reload on in production: it is a development aid.
//!
//! [`FastApp::live`]: crate::FastApp::live

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use ft_html::Ft;
use std::sync::OnceLock;

/// The live-reload websocket's path (FastHTML's, SPEC 9.1).
pub const LIVE_RELOAD_PATH: &str = "/live-reload";
/// The websocket-free endpoint: `GET` returns the server's boot id as plain text.
pub const LIVE_ID_PATH: &str = "/_ft/live-id";

/// Live-reload settings of an app (part of [`FastApp`](crate::FastApp)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveReload {
    /// On or off.
    pub on: bool,
    /// How many times the page tries to reach a server that went away before giving up.
    pub attempts: u32,
    /// Milliseconds between two tries.
    pub interval_ms: u32,
}

impl Default for LiveReload {
    fn default() -> Self {
        LiveReload {
            on: false,
            attempts: 600,
            interval_ms: 100,
        }
    }
}

impl LiveReload {
    /// The defaults, switched on when the environment has `FT_LIVE=1` (or `true`/`yes`/`on`).
    pub fn from_env() -> LiveReload {
        let on = std::env::var("FT_LIVE")
            .map(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "1" | "true" | "yes" | "on"
                )
            })
            .unwrap_or(false);
        LiveReload {
            on,
            ..LiveReload::default()
        }
    }

    /// The `<script>` that the app puts into every full page's `<head>` when live reload is
    /// on: `None` when it is off.
    pub fn script(&self) -> Option<Ft> {
        self.on
            .then(|| ft_html::prelude::Script!(script_code(self.attempts, self.interval_ms)))
    }

    /// `hdrs` with the script appended (FastHTML appends it to the app's headers).
    pub(crate) fn with_script(&self, mut hdrs: Vec<Ft>) -> Vec<Ft> {
        hdrs.extend(self.script());
        hdrs
    }
}

/// This process's boot id: a new value every time the server process starts.
pub fn boot_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{:x}-{:x}", nanos, std::process::id())
    })
}

fn script_code(attempts: u32, interval_ms: u32) -> String {
    // Kept small: it is part of every full page in development. `attempts` counts failed
    // tries since the last good contact; the fallback polls at most once a second while the
    // server is up.
    format!(
        r#"(() => {{
  const every = {interval_ms}, limit = {attempts}, path = '{LIVE_RELOAD_PATH}', idPath = '{LIVE_ID_PATH}';
  let boot = null, tries = 0;
  const seen = (id) => {{
    tries = 0;
    if (boot === null) {{ boot = id; console.log('ft live reload: connected'); }}
    else if (id !== boot) location.reload();
  }};
  const again = (f) => {{
    if (++tries > limit) {{ console.warn('ft live reload: the server did not come back; reload by hand'); return; }}
    setTimeout(f, every);
  }};
  const poll = () => fetch(idPath, {{ cache: 'no-store' }})
    .then((r) => r.ok ? r.text() : Promise.reject(r.status))
    .then((id) => {{ seen(id); setTimeout(poll, Math.max(every, 1000)); }}, () => again(poll));
  const connect = () => {{
    if (!('WebSocket' in window)) return poll();
    let ws, opened = false;
    try {{ ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path); }}
    catch (e) {{ return poll(); }}
    ws.onopen = () => {{ opened = true; }};
    ws.onmessage = (e) => seen(String(e.data));
    ws.onclose = () => (boot === null && !opened) ? poll() : again(connect);
  }};
  connect();
}})();"#
    )
}

/// Adds the live-reload routes when live reload is on.
/// Live reload as a [`Layer`](crate::layer::Layer): its routes, when it is on.
pub(crate) struct LiveReloadLayer;

impl crate::layer::Layer for LiveReloadLayer {
    fn register(&self, cfg: &mut web::ServiceConfig, app: &std::sync::Arc<crate::app::AppInner>) {
        register(cfg, &app.live);
    }
}

pub(crate) fn register(cfg: &mut web::ServiceConfig, live: &LiveReload) {
    if !live.on {
        return;
    }
    cfg.route(LIVE_RELOAD_PATH, web::get().to(socket));
    cfg.route(LIVE_ID_PATH, web::get().to(live_id));
}

async fn live_id() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type("text/plain; charset=utf-8")
        .body(boot_id())
}

async fn socket(req: HttpRequest, body: web::Payload) -> actix_web::Result<HttpResponse> {
    let (res, mut session, mut stream) = actix_ws::handle(&req, body)?;
    actix_web::rt::spawn(async move {
        if session.text(boot_id()).await.is_err() {
            return;
        }
        // Hold the connection until the client leaves; the process exiting closes it.
        while let Some(msg) = stream.recv().await {
            match msg {
                Ok(actix_ws::Message::Ping(bytes)) => {
                    if session.pong(&bytes).await.is_err() {
                        return;
                    }
                }
                Ok(actix_ws::Message::Close(_)) | Err(_) => break,
                Ok(_) => {}
            }
        }
        let _ = session.close(None).await;
    });
    Ok(res)
}
