//! The app builder: [`fast_app`] builds a [`FastApp`] (FastHTML's `fast_app(...)` and
//! `FastHTML(...)`, SPEC 5), which becomes an actix-web `App` — served by [`FastApp::serve`],
//! driven in-process by the test `Client`, or mounted into another actix app with
//! [`FastApp::configure`].
//!
//! Every builder method is here, in this file; those of a feature with a module of its own
//! (live reload, CSRF, OAuth, toasts, websockets) set that module's config type or call its
//! functions. [`FastApp::build`] freezes the builder into an [`AppInner`] (`inner.rs`);
//! [`Beforeware`] is in `beforeware.rs`.

mod beforeware;
mod inner;
mod lifecycle;
pub(crate) use lifecycle::{run_shutdown, run_startup};

pub use beforeware::{Beforeware, IntoBeforeware, run_route_befores};
pub use inner::AppInner;

use crate::Error;
use crate::response::page;
use crate::route::RouteDef;
use crate::session::{self, SessionConfig};
use actix_web::web;
use ft_html::Ft;
use futures_util::future::LocalBoxFuture;
use std::any::Any;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub(crate) type ErrorPage = dyn Fn(&Error) -> Ft + Send + Sync;
pub(crate) type BodyWrap = dyn Fn(Ft) -> Ft + Send + Sync;

/// Starts an app with FastHTML's `fast_app()` defaults: the default headers plus Pico CSS (left
/// out with `.default_hdrs(false)` unless `.pico(true)`, SPEC 5.12), and the static files of
/// `./static` if that folder exists (see [`static_files`](crate::static_files)).
///
/// ```
/// use ft_web::prelude::*;
/// #[rt]
/// fn index() -> Ft { Titled!("Hello", P!("world")) }
/// let app = fast_app().routes(routes![index]).title("My app");
/// # let _ = app;
/// ```
pub fn fast_app() -> FastApp {
    let mut app = FastApp::new();
    app.pico = None; // on unless `.default_hdrs(false)` (SPEC 5.12)
    app.static_root = crate::static_files::StaticRoot::Default;
    app
}

/// The app builder (FastHTML's `FastHTML(...)` with its options as methods, SPEC 5.1).
pub struct FastApp {
    routes: Vec<RouteDef>,
    title: String,
    hdrs: Vec<Ft>,
    ftrs: Vec<Ft>,
    htmlkw: Vec<(String, String)>,
    bodykw: Vec<(String, String)>,
    body_wrap: Option<Arc<BodyWrap>>,
    befores: Vec<Beforeware>,
    exception_handlers: HashMap<u16, Arc<ErrorPage>>,
    secret_key: Option<String>,
    key_file: PathBuf,
    session: SessionConfig,
    session_store: Option<crate::session_store::StoreConfig>,
    security: crate::security_headers::SecurityHeaders,
    max_body: usize,
    max_part_size: usize,
    access_log: bool,
    debug: bool,
    default_hdrs: bool,
    htmx: bool,
    swap_422: bool,
    htmx4: bool,
    surreal: bool,
    pico: Option<bool>,
    state: Vec<Arc<dyn Any + Send + Sync>>,
    convertors: Vec<(String, String)>,
    db: crate::tbl::DbConfig,
    cdn: bool,
    exts: Vec<String>,
    static_root: crate::static_files::StaticRoot,
    statics: Vec<crate::static_files::StaticDir>,
    live: crate::live_reload::LiveReload,
    csrf: crate::auth::csrf::CsrfConfig,
    old_secrets: Vec<String>,
    ws: crate::ws::WsSetup,
    toast_ms: Option<u64>,
    compress: bool,
    hooks: lifecycle::Hooks,
}

impl Default for FastApp {
    fn default() -> Self {
        Self::new()
    }
}

impl FastApp {
    /// A bare app (FastHTML's `FastHTML()`): default headers, no Pico.
    pub fn new() -> FastApp {
        FastApp {
            routes: Vec::new(),
            title: "FastHTML page".into(),
            hdrs: Vec::new(),
            ftrs: Vec::new(),
            htmlkw: Vec::new(),
            bodykw: Vec::new(),
            body_wrap: None,
            befores: Vec::new(),
            exception_handlers: HashMap::new(),
            secret_key: std::env::var("FT_SECRET_KEY").ok(),
            key_file: PathBuf::from(".sesskey"),
            session: SessionConfig::default(),
            session_store: None,
            security: crate::security_headers::SecurityHeaders::default(),
            max_body: 16 * 1024 * 1024,
            max_part_size: 100 * 1024 * 1024,
            access_log: true,
            debug: false,
            default_hdrs: true,
            htmx: true,
            swap_422: true,
            htmx4: false,
            surreal: true,
            pico: Some(false),
            state: Vec::new(),
            convertors: Vec::new(),
            db: crate::tbl::DbConfig::default(),
            cdn: false,
            exts: Vec::new(),
            static_root: crate::static_files::StaticRoot::Off,
            statics: Vec::new(),
            live: crate::live_reload::LiveReload::from_env(),
            csrf: crate::auth::csrf::CsrfConfig::default(),
            old_secrets: std::env::var("FT_OLD_SECRET_KEYS")
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            ws: crate::ws::WsSetup::from_env(),
            toast_ms: None,
            compress: true,
            hooks: lifecycle::Hooks::default(),
        }
    }
    /// Adds routes (`routes![index, add]`).
    pub fn routes(mut self, routes: Vec<RouteDef>) -> Self {
        self.routes.extend(routes);
        self
    }
    /// The default page title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }
    /// Extra `<head>` content after the default headers.
    pub fn hdrs(mut self, hdrs: impl ft_html::IntoFt) -> Self {
        push_items(&mut self.hdrs, hdrs.into_ft());
        self
    }
    /// Content at the end of every page's `<body>`.
    pub fn ftrs(mut self, ftrs: impl ft_html::IntoFt) -> Self {
        push_items(&mut self.ftrs, ftrs.into_ft());
        self
    }
    /// An attribute of `<html>` (`lang`, ...).
    pub fn htmlkw(mut self, name: &str, value: impl Into<String>) -> Self {
        self.htmlkw.push((name.into(), value.into()));
        self
    }
    /// An attribute of `<body>`.
    pub fn bodykw(mut self, name: &str, value: impl Into<String>) -> Self {
        self.bodykw.push((name.into(), value.into()));
        self
    }
    /// Wraps every full page's content (not htmx partials, SPEC 5.8).
    pub fn body_wrap(mut self, f: impl Fn(Ft) -> Ft + Send + Sync + 'static) -> Self {
        self.body_wrap = Some(Arc::new(f));
        self
    }
    /// Turns toasts on (FastHTML's `setup_toasts(app, duration)`, SPEC 6.5): the toast style
    /// and script go into every page's head, and queued toasts are shown on the next HTML
    /// response, each for `duration_ms` milliseconds (FastHTML's default is 5000, see
    /// [`DEFAULT_TOAST_DURATION_MS`](crate::DEFAULT_TOAST_DURATION_MS)).
    pub fn toasts(mut self, duration_ms: u64) -> Self {
        self.toast_ms = Some(duration_ms);
        self.hdrs(crate::toasts::head())
    }
    /// Adds a beforeware (they run in the order added; the first answer wins, SPEC 5.18).
    pub fn before(mut self, b: Beforeware) -> Self {
        self.befores.push(b);
        self
    }
    /// A page for an error status: `exception_handler(404, |e| Titled!("Not found", P!(e.message())))`.
    pub fn exception_handler(
        mut self,
        status: u16,
        f: impl Fn(&Error) -> Ft + Send + Sync + 'static,
    ) -> Self {
        self.exception_handlers.insert(status, Arc::new(f));
        self
    }
    /// The session signing secret (else `FT_SECRET_KEY`, else the key file).
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = Some(key.into());
        self
    }
    /// Previous secrets whose session cookies are still accepted (else `FT_OLD_SECRET_KEYS`,
    /// comma-separated): rotate a key by making the old one the first of these and setting a
    /// new `secret_key`. A session read with an old secret is re-written with the new one on
    /// its next response; drop the old secret once sessions have had time to come back.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// let app = fast_app().secret_key("new-secret").old_secret_keys(["old-secret"]);
    /// # let _ = app;
    /// ```
    pub fn old_secret_keys<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        secrets: I,
    ) -> Self {
        self.old_secrets = secrets.into_iter().map(Into::into).collect();
        self
    }
    /// Where the generated key is kept (`.sesskey`, created with mode 0600).
    pub fn key_fname(mut self, path: impl Into<PathBuf>) -> Self {
        self.key_file = path.into();
        self
    }
    /// Session cookie settings.
    pub fn session_config(mut self, cfg: SessionConfig) -> Self {
        self.session = cfg;
        self
    }
    /// The security headers of pages and errors (see [`crate::security_headers`]; on by
    /// default, `SecurityHeaders::none()` for none, `csp: Some(..)` for a nonce CSP).
    pub fn security_headers(mut self, cfg: crate::security_headers::SecurityHeaders) -> Self {
        self.security = cfg;
        self
    }
    /// Keeps sessions in the app's database (table `ft_session`) with only a random id in the
    /// cookie, so logging out really ends a session: see [`crate::session_store`]. The session
    /// value `auth` names the user ([`Session::log_out_everywhere`](crate::Session::log_out_everywhere)).
    pub fn server_sessions(mut self) -> Self {
        self.session_store = Some(crate::session_store::StoreConfig::new(
            crate::auth::AUTH_SESSION_KEY,
        ));
        self
    }
    /// CSRF protection on (the default) or off for the whole app (see [`crate::auth::csrf`]).
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// let api_only = fast_app().csrf(false);
    /// # let _ = api_only;
    /// ```
    pub fn csrf(mut self, on: bool) -> Self {
        self.csrf.on = on;
        self
    }
    /// Origins that may send `POST`/`PUT`/`PATCH`/`DELETE` requests here besides this
    /// site itself: the public origin when a proxy rewrites `Host`, or a sibling site
    /// (`https://admin.example`). Each is `scheme://host[:port]`, compared exactly (any case).
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// let app = fast_app().csrf_trusted_origins(["https://app.example"]);
    /// # let _ = app;
    /// ```
    pub fn csrf_trusted_origins<I: IntoIterator<Item = S>, S: AsRef<str>>(
        mut self,
        origins: I,
    ) -> Self {
        self.csrf.trust_origins(origins);
        self
    }
    /// Compare the `Origin` with `X-Forwarded-Host` (set by your reverse proxy) instead of
    /// `Host`. Off by default: without a proxy that overwrites it, any client can send it.
    pub fn csrf_trust_forwarded_host(mut self, on: bool) -> Self {
        self.csrf.set_trust_forwarded_host(on);
        self
    }
    /// Exempts one route from the CSRF check (all its methods).
    pub fn csrf_exempt(mut self, route: impl crate::Route) -> Self {
        self.csrf.exempt_route(route.def().path);
        self
    }
    /// Exempts paths matching these regexes (anchored at both ends, like beforeware skips).
    ///
    /// # Panics
    /// On an invalid regex, here at app construction.
    pub fn csrf_exempt_paths<I: IntoIterator<Item = S>, S: AsRef<str>>(
        mut self,
        patterns: I,
    ) -> Self {
        self.csrf.exempt_paths(patterns);
        self
    }
    /// Installs OAuth login (FastHTML's `OAuth(app, cli)`): the redirect, logout and start
    /// routes and the login-check beforeware (added after the beforewares so far). See
    /// [`crate::auth::oauth`].
    #[cfg(feature = "oauth")]
    pub fn oauth(self, oauth: crate::auth::oauth::OAuth) -> Self {
        let install = crate::auth::oauth::install(oauth);
        self.state(install.oauth)
            .before(install.login_check)
            .csrf_exempt_paths([install.csrf_exempt])
            .routes(install.routes)
    }
    /// Was a secret key given (`secret_key` or `FT_SECRET_KEY`)?
    pub(crate) fn has_secret_key(&self) -> bool {
        self.secret_key.is_some()
    }
    /// The largest request body accepted (16 MiB by default); larger ones get 413.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }
    /// The largest non-file field of a multipart form (FastHTML's `max_part_size`, 100 MiB by
    /// default, so [`max_body`](Self::max_body) decides unless this is smaller): a larger
    /// one is a 400 `Part exceeded maximum size of {n}KB.`; file parts are limited only by
    /// `max_body` (SPEC 5.39).
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// #[post("/note")]
    /// fn note(text: String) -> String { text }
    /// # ft_web::actix_web::rt::System::new().block_on(async {
    /// let client = Client::new(fast_app().max_part_size(10).routes(routes![note])).await;
    /// let long = client.post("/note").multipart_field("text", &"y".repeat(100)).send().await;
    /// assert_eq!((long.status(), long.text()), (400, "Part exceeded maximum size of 0KB.".into()));
    /// let short = client.post("/note").multipart_field("text", "short").send().await;
    /// assert_eq!(short.text(), "short");
    /// # });
    /// ```
    pub fn max_part_size(mut self, bytes: usize) -> Self {
        self.max_part_size = bytes;
        self
    }
    /// One `tracing` event per request (target `ft::access`: peer, method, path, status, time);
    /// on by default. Off is uvicorn's `--no-access-log`: behind a proxy that logs, the event
    /// costs a write per request.
    pub fn access_log(mut self, on: bool) -> Self {
        self.access_log = on;
        self
    }
    /// Compress text responses with brotli or gzip when the client accepts them, and serve the
    /// `/_ft/` assets precompressed: on whenever the `compress` cargo feature is (the feature
    /// is off by default). Turn it off when a proxy in front compresses instead, or to spend no
    /// CPU on it. Event streams, small bodies and `HEAD` answers are never compressed; see the
    /// `compress` module (`ft_web::compress`) for the rules.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// #[rt]
    /// fn index() -> Ft { P!("hi ".repeat(1000)) }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let cli = Client::new(fast_app().routes(routes![index]).secret_key("k")).await;
    /// let res = cli.get("/").header("Accept-Encoding", "gzip, br").send().await;
    /// # #[cfg(feature = "compress")]
    /// assert_eq!(res.header("content-encoding"), Some("br"));
    ///
    /// let off = fast_app().routes(routes![index]).secret_key("k").compress(false);
    /// let cli = Client::new(off).await;
    /// let res = cli.get("/").header("Accept-Encoding", "gzip, br").send().await;
    /// assert_eq!(res.header("content-encoding"), None);
    /// assert!(res.text().contains("hi hi"));
    /// # });
    /// ```
    pub fn compress(mut self, on: bool) -> Self {
        self.compress = on;
        self
    }
    /// Debug mode: 500 pages show the error (never enable in production).
    pub fn debug(mut self, on: bool) -> Self {
        self.debug = on;
        self
    }
    /// Live reload on or off (FastHTML's `fast_app(live=True)`, SPEC 9A). Also on when the
    /// environment has `FT_LIVE=1`, which the `ft-dev` runner sets, so an app needs no code
    /// change to be live-reloaded in development.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// #[rt]
    /// fn index() -> Ft { P!("hi") }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let cli = Client::new(fast_app().routes(routes![index]).live(true).secret_key("k")).await;
    /// assert!(cli.get("/").send().await.text().contains("/live-reload"));        // full page
    /// assert_eq!(cli.get("/").htmx().send().await.text(), "<p>hi</p>");         // partial
    /// # });
    /// ```
    pub fn live(mut self, on: bool) -> Self {
        self.live.on = on;
        self
    }
    /// The dev channel's token (`FT_DEV_TOKEN`, which `ft dev` sets to a fresh random value):
    /// with live reload on, `POST /_ft/dev` carrying it in `X-Ft-Dev-Token` shows a build
    /// error in the open pages, clears it, or reloads them (see [`crate::dev_channel`]).
    /// Without a token (or with an empty one, which turns it off) that route answers 404. The
    /// module's docs have an example; `tests/dev_channel.rs` tries every answer.
    pub fn dev_token(mut self, token: impl Into<String>) -> Self {
        self.live.dev_token = Some(token.into()).filter(|t: &String| !t.is_empty());
        self
    }
    /// How many failed tries (one every [`reload_interval`](Self::reload_interval)) the page
    /// makes to reach a restarting server before it gives up; 600 by default. FastHTML's
    /// `reload_attempts`, except that it is never rendered as a `<body>` attribute.
    pub fn reload_attempts(mut self, attempts: u32) -> Self {
        self.live.attempts = attempts;
        self
    }
    /// Milliseconds between two tries to reach a restarting server; 100 by default.
    pub fn reload_interval(mut self, ms: u32) -> Self {
        self.live.interval_ms = ms;
        self
    }
    /// The default headers (charset, viewport, htmx, surreal, css-scope-inline) on or off.
    pub fn default_hdrs(mut self, on: bool) -> Self {
        self.default_hdrs = on;
        self
    }
    /// htmx (and ft's small helper script) on or off.
    pub fn htmx(mut self, on: bool) -> Self {
        self.htmx = on;
        self
    }
    /// Whether htmx swaps a 422 Unprocessable Entity in place (a form that failed validation:
    /// `FtResponse::new(fill_form(&form, &errors)).status(422)`); on by default. htmx 2 swaps
    /// no 4xx, so ft.js puts `{code: "422", swap: true, error: false}` first in
    /// `htmx.config.responseHandling`; off, a 422 is htmx's error again. A `<meta
    /// name="htmx-config">` setting `responseHandling` replaces the whole list, this rule
    /// included. Not with `.cdn(true)` (fasthtml.js instead of ft.js). htmx 4
    /// ([`htmx4(true)`](FastApp::htmx4)) swaps every status but `noSwap`'s (`[204, 304]`), so a
    /// 422 swaps as it is; off, ft.js adds 422 to `noSwap`.
    ///
    /// ```
    /// let app = ft_web::fast_app().swap_422(false);
    /// # let _ = app;
    /// ```
    pub fn swap_422(mut self, on: bool) -> Self {
        self.swap_422 = on;
        self
    }
    /// Pages load htmx 4 instead of htmx 2 (FastHTML's `htmx4=True`, SPEC 5.4): the
    /// `<meta name="htmx-config" content='{"metaCharacter": "-"}'>` FastHTML writes, the
    /// vendored htmx 4.0.0, and the htmx 4 version of each extension of
    /// [`exts`](FastApp::exts) (`ws` loads `ws4`, `sse` loads `sse4`, SPEC 5.6). ft.js, the CSRF
    /// header, toasts and live reload work the same under both; `HxPartial!` and websocket
    /// messages are written for the version the page runs. See the guide's "htmx 2 and htmx
    /// 4".
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// let app = fast_app().htmx4(true).exts(["ws"]);
    /// # let _ = app;
    /// ```
    pub fn htmx4(mut self, on: bool) -> Self {
        self.htmx4 = on;
        self
    }
    /// surreal and css-scope-inline on or off.
    pub fn surreal(mut self, on: bool) -> Self {
        self.surreal = on;
        self
    }
    /// Pico CSS on or off (`fast_app()`: on when the default headers are; the vendored
    /// `/_ft/pico-2.1.1.min.css`, or FastHTML's CDN link with `.cdn(true)`).
    pub fn pico(mut self, on: bool) -> Self {
        self.pico = Some(on);
        self
    }
    /// Shared state for handlers (`State<T>` parameters).
    pub fn state<T: Send + Sync + 'static>(mut self, value: T) -> Self {
        self.state.push(Arc::new(value));
        self
    }
    /// The app's database: a SQLite file path (folders created as needed), `:memory:`, or a
    /// `postgres://` URL (FastHTML's `fast_app('x.db')`). Opened, and the tables created, at
    /// startup.
    pub fn db(mut self, path: impl Into<String>) -> Self {
        self.db.set_path(path.into());
        self
    }
    /// An already open database.
    pub fn database(mut self, db: ft_data::Database) -> Self {
        self.db.set_database(db);
        self
    }
    /// Creates the table of `T` at startup (idempotent; FastHTML's `fast_app(.., tbls)`). An
    /// existing table gets the columns the struct added (rows kept, new columns at their
    /// default, FastHTML's `transform=True`); nothing is dropped, and a column whose stored type
    /// no longer fits its field stops the start with a message naming both.
    pub fn table<T: ft_data::Record>(mut self) -> Self {
        self.db.add_table::<T>();
        self
    }
    /// A custom path convertor: `{x:name}` in routes matches `regex` (FastHTML's
    /// `reg_re_param`, SPEC 2.20).
    pub fn reg_re_param(mut self, name: &str, regex: &str) -> Self {
        self.convertors.push((name.into(), regex.into()));
        self
    }
    /// Where [`Hub::publish`](crate::Hub::publish) fans out: in-process (the default, or
    /// `FT_BROADCAST_URL` from the environment), `Broadcast::postgres` (cargo feature
    /// `postgres`) or `Broadcast::redis` (cargo feature `redis`).
    ///
    /// ```
    /// # #[cfg(feature = "redis")] {
    /// use ft_web::prelude::*;
    /// let app = fast_app().broadcast(Broadcast::redis("redis://127.0.0.1:6379"));
    /// # let _ = app;
    /// # }
    /// ```
    pub fn broadcast(mut self, cfg: crate::broadcast::Broadcast) -> Self {
        self.ws.broadcast = cfg;
        self
    }
    /// Websocket limits and keep-alive.
    pub fn ws_config(mut self, cfg: crate::ws::WsConfig) -> Self {
        self.ws.config = cfg;
        self
    }

    /// Link htmx, surreal, css-scope-inline, Pico and the extensions from FastHTML's CDN URLs
    /// instead of the copies the app serves itself under `/_ft/` (the default, which works
    /// offline). With `cdn(true)` the default `<head>` is FastHTML's, byte for byte (SPEC 5.2).
    pub fn cdn(mut self, on: bool) -> Self {
        self.cdn = on;
        self
    }
    /// htmx extensions to load on every page (FastHTML's `exts=`, SPEC 5.5): `morph`,
    /// `head-support`, `preload`, `class-tools`, `loading-states`, `multi-swap`, `path-deps`,
    /// `remove-me`, `debug`, `ws`, `chunked-transfer`, and ft's `sse`; with
    /// [`htmx4(true)`](FastApp::htmx4) also `ws4`, `sse4`, `live`, `multipart`, and `ws`,
    /// `sse`, `preload`, `head-support` load their htmx 4 versions (SPEC 5.6). Each adds a
    /// `<script src>` after the app's other headers, as FastHTML does.
    ///
    /// # Panics
    /// On a name it does not know, here at app construction, with the list of known names
    /// (FastHTML raises `KeyError`, SPEC 5.6). Use [`FastApp::try_exts`] to get an error
    /// instead. A known name the chosen htmx has no version of (`ws4` without `htmx4(true)`,
    /// `remove-me` with it) makes [`build`](FastApp::build) (and so `serve`) fail, saying why.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// let app = fast_app().exts(["ws", "sse"]);
    /// # let _ = app;
    /// ```
    pub fn exts<I: IntoIterator<Item = S>, S: AsRef<str>>(self, names: I) -> Self {
        match self.try_exts(names) {
            Ok(app) => app,
            Err(e) => panic!("FastApp::exts: {e}"),
        }
    }
    /// [`FastApp::exts`] that returns an error for an unknown extension name.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// let err = fast_app().try_exts(["ws", "nope"]).err().unwrap();
    /// assert!(err.message().contains("unknown htmx extension \"nope\""));
    /// ```
    pub fn try_exts<I: IntoIterator<Item = S>, S: AsRef<str>>(
        mut self,
        names: I,
    ) -> std::result::Result<Self, Error> {
        for n in names {
            let n = n.as_ref();
            crate::assets::check_ext_name(n).map_err(Error::internal)?;
            if !self.exts.iter().any(|e| e == n) {
                self.exts.push(n.to_owned());
            }
        }
        Ok(self)
    }
    /// The folder served at `/{fname:path}.{ext:static}` (FastHTML's `static_path`, SPEC 2.36),
    /// instead of `fast_app()`'s default `./static`. Files can never be served from outside it
    /// (see [`static_files`](crate::static_files)).
    pub fn static_path(mut self, dir: impl Into<PathBuf>) -> Self {
        self.static_root = crate::static_files::StaticRoot::Path(dir.into());
        self
    }
    /// Turns the root static route off (`false`) or back to `fast_app()`'s `./static` (`true`).
    /// Routes added with `static_route*`/`static_dir` stay.
    pub fn static_files(mut self, on: bool) -> Self {
        self.static_root = if on {
            crate::static_files::StaticRoot::Default
        } else {
            crate::static_files::StaticRoot::Off
        };
        self
    }
    /// Files of `dir` with these extensions at `{prefix}{fname:path}.{ext}` (FastHTML's
    /// `static_route_exts`, SPEC 2.41; pass [`STATIC_EXTS`](crate::STATIC_EXTS) for its
    /// default list). Reachable even next to the root static route.
    pub fn static_route_exts<I: IntoIterator<Item = S>, S: AsRef<str>>(
        mut self,
        prefix: &str,
        dir: impl Into<PathBuf>,
        exts: I,
    ) -> Self {
        self.statics
            .push(crate::static_files::StaticDir::new(prefix, dir).exts(exts));
        self
    }
    /// Files of `dir` with one extension (`".md"`, dot included as in FastHTML) at
    /// `{prefix}{fname:path}.md` (FastHTML's `static_route`, SPEC 2.40).
    pub fn static_route(mut self, ext: &str, prefix: &str, dir: impl Into<PathBuf>) -> Self {
        self.statics
            .push(crate::static_files::StaticDir::new(prefix, dir).exts([ext]));
        self
    }
    /// A static folder with its own options (any extension, cache policy, SPEC 2.44).
    pub fn static_dir(mut self, dir: crate::static_files::StaticDir) -> Self {
        self.statics.push(dir);
        self
    }

    /// Freezes the configuration (reads or creates the session key).
    pub fn build(mut self) -> std::io::Result<Arc<AppInner>> {
        let mut exts: Vec<&'static crate::assets::Asset> = Vec::new();
        for n in &self.exts {
            let asset =
                crate::assets::htmx_ext_for(n, self.htmx4).map_err(std::io::Error::other)?;
            // `ws` and `ws4` under htmx 4 are one file.
            if !exts.iter().any(|a| std::ptr::eq(*a, asset)) {
                exts.push(asset);
            }
        }
        self.hdrs
            .extend(crate::assets::ext_headers(&exts, self.cdn));
        if self.toast_ms.is_some() && self.security.csp.is_some() {
            self.hdrs
                .push(ft_html::prelude::Script!(crate::toasts::TOAST_CSP_JS));
        }
        let key = session::load_key(self.secret_key.as_deref(), &self.key_file)?;
        let hub = self.ws.into_hub(&key);
        let default_hdrs = crate::assets::default_headers(
            self.default_hdrs,
            crate::assets::HtmxHeads {
                on: self.htmx,
                htmx4: self.htmx4,
                swap_422: self.swap_422,
            },
            self.surreal,
            self.pico.unwrap_or(self.default_hdrs),
            self.cdn,
        );
        let statics = crate::static_files::resolve_all(self.static_root, self.statics);
        let router = crate::router::Router::new(
            &self.routes,
            &self.convertors,
            &self.csrf,
            crate::static_files::patterns(&statics),
        );
        Ok(Arc::new(AppInner {
            routes: self.routes,
            router,
            frame: page::PageFrame::new(
                &self.title,
                &[&default_hdrs, &self.live.with_script(self.hdrs)],
                &self.ftrs,
                &self.htmlkw,
                &self.bodykw,
            ),
            body_wrap: self.body_wrap,
            befores: self.befores,
            exception_handlers: self.exception_handlers,
            key,
            session: self.session,
            session_store: self.session_store,
            security: crate::security_headers::Prepared::new(&self.security),
            max_body: self.max_body,
            max_part_size: self.max_part_size,
            access_log: self.access_log,
            debug: self.debug,
            state: self.state,
            db: self.db,
            statics,
            live: self.live,
            dev: crate::dev_channel::DevChannel::default(),
            csrf: self.csrf,
            old_keys: self
                .old_secrets
                .iter()
                .filter_map(|s| session::load_key(Some(s), std::path::Path::new("")).ok())
                .collect(),
            hub,
            toast_ms: self.toast_ms,
            compress: self.compress,
            htmx4: self.htmx4,
            hooks: self.hooks,
        }))
    }

    /// Registers the app's routes on an actix `ServiceConfig`, to mount it at the root of an
    /// actix app of your own: `App::new().configure(fast_app().routes(..).configure()?)`. A
    /// path one of the app's routes (or static folders) matches is answered by ft's router,
    /// as in a served app; the host's routes registered after it keep every other path.
    pub fn configure(self) -> std::io::Result<impl FnOnce(&mut web::ServiceConfig)> {
        let inner = self.build()?;
        Ok(move |cfg: &mut web::ServiceConfig| crate::dispatch::register(cfg, &inner))
    }

    /// Serves the app on `HOST`:`PORT` (default 127.0.0.1:5001) until Ctrl-C, logging the URL
    /// and one line per request (through `tracing`: when the app has set no subscriber, a
    /// plain one on stderr, filtered by `RUST_LOG`, default `info`; see [`crate::log`]).
    ///
    /// The future is boxed here, in ft-web: an `async fn`'s body (and with it actix's whole
    /// server stack, instantiated for ft's service types) would otherwise be compiled again in
    /// every app crate that awaits it, on every rebuild.
    pub fn serve(self) -> LocalBoxFuture<'static, std::io::Result<()>> {
        Box::pin(self.serve_boxed())
    }

    async fn serve_boxed(self) -> std::io::Result<()> {
        crate::log::init_default_subscriber();
        let keyed = self.has_secret_key();
        let inner = self.build()?;
        if let Some(channel) = inner.hub.channel() {
            tracing::info!("broadcast: {} channel {channel}", inner.hub.backend());
            if !keyed {
                tracing::warn!(
                    "broadcast: no secret key given (FT_SECRET_KEY or .secret_key(..)): the key file decides \
                     this instance's channel and seal, so instances with other key files share no rooms with it"
                );
            }
        }
        inner.open_db().await?;
        let app = crate::ctx::App(inner.clone());
        // Ctrl-C/SIGTERM also end event streams and close websockets (crate::shutdown).
        crate::shutdown::listen_for_signals();
        let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".into());
        let port: u16 = std::env::var("PORT")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(5001);
        let shutdown = if inner.live.on { 1 } else { 30 };
        // Bound first: a taken port fails before any startup hook has run.
        let listeners = crate::server::bind(&host, port)?;
        lifecycle::run_startup(&app)
            .await
            .map_err(|e| std::io::Error::other(format!("startup hook: {}", e.message())))?;
        for l in &listeners {
            tracing::info!("serving on http://{} (Ctrl-C to stop)", l.local_addr()?);
        }
        let served = crate::server::run_until_signal(inner, listeners, shutdown).await;
        // A failed hook was logged; the server's own result is what the caller gets.
        let _ = lifecycle::run_shutdown(&app).await;
        served
    }

    /// Serves the app on a listener you bound yourself and returns the running server without
    /// waiting for it: bind `127.0.0.1:0` for an ephemeral port (tests), then spawn the server
    /// (or await it) and stop it through its `handle()`. The startup and shutdown hooks
    /// ([`on_startup`](FastApp::on_startup) ..) do not run here, nor under
    /// [`configure`](FastApp::configure): only [`serve`](FastApp::serve) and the test
    /// [`Client`](crate::Client) run them.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// #[rt]
    /// fn index() -> Ft { P!("hi") }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    /// let addr = listener.local_addr().unwrap();
    /// let server = fast_app().routes(routes![index]).secret_key("k").serve_on(listener).unwrap();
    /// let handle = server.handle();
    /// actix_web::rt::spawn(server);
    /// // ... talk to http://{addr}/ ...
    /// # let _ = addr;
    /// handle.stop(true).await;
    /// # });
    /// ```
    pub fn serve_on(
        self,
        listener: std::net::TcpListener,
    ) -> std::io::Result<actix_web::dev::Server> {
        let inner = self.build()?;
        let shutdown = if inner.live.on { 1 } else { 30 };
        crate::server::run(inner, vec![listener], shutdown)
    }
}

fn push_items(v: &mut Vec<Ft>, ft: Ft) {
    match ft {
        Ft::Fragment(items) => v.extend(items),
        one => v.push(one),
    }
}
