//! Live reload for development (FastHTML's `FastHTMLWithLiveReload`, SPEC 9A).
//!
//! With [`FastApp::live`] on (or `FT_LIVE=1` in the environment, which the `ft dev` runner
//! sets), the app
//!
//! - answers a websocket at [`LIVE_RELOAD_PATH`] (`/live-reload`, FastHTML's path, SPEC 9.1):
//!   it sends this process's boot id as its first message, then the dev channel's messages
//!   (JSON `{"kind": ..}`, see [`crate::dev_channel`]) until the client leaves;
//! - answers `GET` [`LIVE_ID_PATH`] with the same boot id as plain text (the fallback for
//!   browsers or proxies without websockets);
//! - adds a small `<script>` to the `<head>` of every full page (not to htmx partials,
//!   SPEC 9.5): it connects, remembers the boot id, and when the connection drops retries every
//!   `reload_interval` ms, at most `reload_attempts` times; as soon as a server with a
//!   *different* boot id answers (the app was rebuilt and restarted) it reloads the page.
//!   The dev channel's messages show a build error in an overlay, remove it, or reload.
//!   Every reload keeps the page's scroll position and form values (not passwords, files or
//!   hidden fields), through `sessionStorage`;
//! - with a dev token (`FT_DEV_TOKEN`, which `ft dev` sets), answers `POST /_ft/dev`
//!   ([`crate::dev_channel`]).
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
use std::sync::{Arc, OnceLock};
use tokio::sync::broadcast;

/// The live-reload websocket's path (FastHTML's, SPEC 9.1).
pub const LIVE_RELOAD_PATH: &str = "/live-reload";
/// The websocket-free endpoint: `GET` returns the server's boot id as plain text.
pub const LIVE_ID_PATH: &str = "/_ft/live-id";

/// Live-reload settings of an app (part of [`FastApp`](crate::FastApp)).
#[derive(Clone, PartialEq, Eq)]
pub struct LiveReload {
    /// On or off.
    pub on: bool,
    /// How many times the page tries to reach a server that went away before giving up.
    pub attempts: u32,
    /// Milliseconds between two tries.
    pub interval_ms: u32,
    /// The dev channel's token (`FT_DEV_TOKEN`, [`FastApp::dev_token`]): `POST /_ft/dev`
    /// answers only requests that carry it, and only when live reload is on
    /// (see [`crate::dev_channel`]).
    ///
    /// [`FastApp::dev_token`]: crate::FastApp::dev_token
    pub dev_token: Option<String>,
}

impl std::fmt::Debug for LiveReload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveReload")
            .field("on", &self.on)
            .field("attempts", &self.attempts)
            .field("interval_ms", &self.interval_ms)
            .field("dev_token", &self.dev_token.as_ref().map(|_| "<set>"))
            .finish()
    }
}

impl Default for LiveReload {
    fn default() -> Self {
        LiveReload {
            on: false,
            attempts: 600,
            interval_ms: 100,
            dev_token: None,
        }
    }
}

impl LiveReload {
    /// The defaults, switched on when the environment has `FT_LIVE=1` (or `true`/`yes`/`on`),
    /// with the dev channel's token from `FT_DEV_TOKEN` when it is set and not empty.
    pub fn from_env() -> LiveReload {
        let on = std::env::var("FT_LIVE")
            .map(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "1" | "true" | "yes" | "on"
                )
            })
            .unwrap_or(false);
        let dev_token = std::env::var("FT_DEV_TOKEN")
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        LiveReload {
            on,
            dev_token,
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

/// The page script; `__EVERY__`, `__LIMIT__`, `__PATH__` and `__ID_PATH__` are filled in.
/// Kept small: it is part of every full page in development. `attempts` counts failed tries
/// since the last good contact; the fallback polls at most once a second while the server is
/// up. No inline handlers or style attributes (DOM properties only), so a CSP with a nonce
/// (which the page frame puts on this script) allows it.
///
/// Messages after the boot id are the dev channel's (crate::dev_channel): `error` shows an
/// overlay, `clear` removes it, `reload` reloads. Every reload first saves the scroll position
/// and the form fields' values (never password, file or hidden inputs) in `sessionStorage`
/// under the page's URL; the next load of that URL puts them back (without events) and
/// deletes them.
const SCRIPT: &str = r#"(() => {
  const every = __EVERY__, limit = __LIMIT__, path = '__PATH__', idPath = '__ID_PATH__';
  const key = 'ft-live:' + location.pathname + location.search, box = 'ft-live-error';
  let boot = null, tries = 0;
  const fields = () => {
    const n = {}, out = [], forms = [...document.forms];
    for (const el of document.querySelectorAll('input, textarea, select')) {
      const t = (el.type || '').toLowerCase(), name = el.name || (el.id && '#' + el.id);
      if (!name || /^(password|file|hidden|submit|button|reset|image)$/.test(t)) continue;
      const k = forms.indexOf(el.form) + ' ' + name;
      n[k] = (n[k] || 0) + 1;
      out.push([k + ' ' + n[k], el, t === 'checkbox' || t === 'radio']);
    }
    return out;
  };
  const reload = () => {
    try {
      const f = {};
      for (const [k, el, check] of fields()) {
        f[k] = check ? el.checked : el.multiple ? [...el.options].map((o) => o.selected) : el.value;
      }
      sessionStorage.setItem(key, JSON.stringify({ x: scrollX, y: scrollY, f }));
    } catch (e) {}
    location.reload();
  };
  const restore = () => {
    let s = null;
    try { s = JSON.parse(sessionStorage.getItem(key)); sessionStorage.removeItem(key); } catch (e) {}
    if (!s || typeof s !== 'object') return;
    for (const [k, el, check] of fields()) {
      if (!s.f || !(k in s.f)) continue;
      const v = s.f[k];
      if (check) el.checked = !!v;
      else if (el.multiple && Array.isArray(v)) [...el.options].forEach((o, i) => { o.selected = !!v[i]; });
      else el.value = String(v);
    }
    const back = () => scrollTo(s.x || 0, s.y || 0);
    back();
    if (document.readyState !== 'complete') addEventListener('load', back, { once: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', restore, { once: true });
  else restore();
  const clear = () => { const o = document.getElementById(box); if (o) o.remove(); };
  const overlay = (text) => {
    clear();
    const o = document.createElement('div'), b = document.createElement('button'), pre = document.createElement('pre');
    o.id = box;
    o.setAttribute('role', 'alert');
    o.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2.5em 2em;margin:0;background:rgba(24,24,28,.96);color:#eee;text-align:left';
    b.textContent = '\u00d7';
    b.title = 'Close';
    b.style.cssText = 'position:fixed;top:.4em;right:.7em;font:28px/1 sans-serif;background:none;border:0;color:#eee;cursor:pointer';
    b.addEventListener('click', clear);
    pre.textContent = 'Build failed (the page shows the last good build)\n\n' + text;
    pre.style.cssText = 'margin:0;white-space:pre-wrap;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#ffb4b4;background:none;border:0';
    o.append(b, pre);
    (document.body || document.documentElement).append(o);
  };
  const seen = (id) => {
    tries = 0;
    if (boot === null) { boot = id; console.log('ft live reload: connected'); }
    else if (id !== boot) reload();
  };
  const message = (data) => {
    if (data[0] !== '{') return seen(data);
    let m = {};
    try { m = JSON.parse(data); } catch (e) {}
    if (m.kind === 'error') overlay(String(m.text));
    else if (m.kind === 'clear') clear();
    else if (m.kind === 'reload') reload();
  };
  const again = (f) => {
    if (++tries > limit) { console.warn('ft live reload: the server did not come back; reload by hand'); return; }
    setTimeout(f, every);
  };
  const poll = () => fetch(idPath, { cache: 'no-store' })
    .then((r) => r.ok ? r.text() : Promise.reject(r.status))
    .then((id) => { seen(id); setTimeout(poll, Math.max(every, 1000)); }, () => again(poll));
  const connect = () => {
    if (!('WebSocket' in window)) return poll();
    let ws, opened = false;
    try { ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path); }
    catch (e) { return poll(); }
    ws.onopen = () => { opened = true; };
    ws.onmessage = (e) => message(String(e.data));
    ws.onclose = () => (boot === null && !opened) ? poll() : again(connect);
  };
  connect();
})();"#;

fn script_code(attempts: u32, interval_ms: u32) -> String {
    // Without the indentation: it is sent with every full page.
    let lines: Vec<&str> = SCRIPT.lines().map(str::trim_start).collect();
    lines
        .join("\n")
        .replace("__EVERY__", &interval_ms.to_string())
        .replace("__LIMIT__", &attempts.to_string())
        .replace("__ID_PATH__", LIVE_ID_PATH)
        .replace("__PATH__", LIVE_RELOAD_PATH)
}

/// Live reload as a [`Layer`](crate::layer::Layer): its routes, when it is on, and the dev
/// channel's route (crate::dev_channel), which answers 404 unless live reload is on and a
/// token is set.
pub(crate) struct LiveReloadLayer;

impl crate::layer::Layer for LiveReloadLayer {
    fn register(&self, cfg: &mut web::ServiceConfig, app: &Arc<crate::app::AppInner>) {
        register(cfg, app);
    }
}

pub(crate) fn register(cfg: &mut web::ServiceConfig, app: &Arc<crate::app::AppInner>) {
    crate::dev_channel::register(cfg, app);
    if !app.live.on {
        return;
    }
    let sockets = app.clone();
    cfg.route(
        LIVE_RELOAD_PATH,
        web::get().to(move |req: HttpRequest, body: web::Payload| {
            let app = sockets.clone();
            async move { socket(app, req, body).await }
        }),
    );
    cfg.route(LIVE_ID_PATH, web::get().to(live_id));
}

async fn live_id() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type("text/plain; charset=utf-8")
        .body(boot_id())
}

/// The boot id first (unchanged, for pages and tools that read only that), then the dev
/// channel's messages (JSON, `{"kind": ..}`) until the client leaves.
async fn socket(
    app: Arc<crate::app::AppInner>,
    req: HttpRequest,
    body: web::Payload,
) -> actix_web::Result<HttpResponse> {
    let (res, mut session, mut stream) = actix_ws::handle(&req, body)?;
    let taken_over = crate::ws::takeover::offered(&req);
    let (mut events, error) = app.dev.subscribe();
    drop(app);
    actix_web::rt::spawn(async move {
        if session.text(boot_id()).await.is_err() {
            return;
        }
        if let Some(error) = error
            && session.text(error.to_string()).await.is_err()
        {
            return;
        }
        // Under ft's server (`serve()`, `serve_on()`) the connection is taken over and this
        // handler never sees what the client sends (the stream ends at once): the socket then
        // lives until a write fails, which a ping every 30 s makes sure of. Elsewhere (the
        // test client, `configure()` in an actix app) the stream's end is the client's.
        let (mut reading, mut open) = (true, true);
        let mut ping = tokio::time::interval(std::time::Duration::from_secs(30));
        ping.tick().await;
        loop {
            tokio::select! {
                msg = stream.recv(), if reading => match msg {
                    Some(Ok(actix_ws::Message::Ping(bytes))) => {
                        if session.pong(&bytes).await.is_err() {
                            return;
                        }
                    }
                    Some(Ok(actix_ws::Message::Close(_)) | Err(_)) => break,
                    None if taken_over => reading = false,
                    None => break,
                    Some(Ok(_)) => {}
                },
                event = events.recv(), if open => match event {
                    Ok(text) => {
                        if session.text(text.to_string()).await.is_err() {
                            return;
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => open = false,
                },
                _ = ping.tick() => {
                    if session.ping(b"").await.is_err() {
                        return;
                    }
                }
            }
        }
        let _ = session.close(None).await;
    });
    Ok(res)
}
