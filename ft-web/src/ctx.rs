//! [`Ctx`]: one request on its way through the app — the request, its parsed query and body,
//! the session and request-scoped values — and [`Extract`], how each handler parameter is
//! read from it.
//!
//! A plain parameter (and each field of a `#[derive(FormFields)]` struct) is looked up by name
//! in the route's path, then the query string and the form/JSON body: the query first for
//! `GET`/`HEAD`/..., the body first for `POST`, `PUT`, `PATCH` and `DELETE`, so a link cannot
//! override what a form posted. Cookies and headers are read only through [`Cookie<T>`] and
//! [`Header<T>`] (`user_agent: Header<String>` reads `User-Agent`). FastHTML fills any
//! parameter from a cookie or header of the same name, before the query (SPEC 3.1, 3.2,
//! Appendix B): a cookie planted by another page of the same host (cookies ignore ports) would
//! write into a form field the request did not send. The session is never consulted (FastHTML
//! issue #845).

use crate::Error;
use crate::app::AppInner;
use crate::body::{self, ParsedBody, UploadFile};
use crate::htmx::Htmx;
use crate::session::{self, Session};
use crate::ws::WsCtx;
use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderName};
use actix_web::web::Payload;
use ft_html::values::{FromValues, Source, ValueSource};
use std::any::Any;
use std::borrow::Cow;
use std::future::Future;
use std::sync::Arc;

/// Where a parameter may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// A `{name}` of the route path only (an unparsable value is a 404).
    Path,
    /// Query and body: the body first for `POST`/`PUT`/`PATCH`/`DELETE`, the query first
    /// otherwise. Never cookies or headers.
    Auto,
    /// Only the query string (`Query<T>`).
    Query,
    /// Only the body (`Form<T>`).
    Body,
    /// Only cookies (`Cookie<T>`).
    Cookie,
    /// Only headers (`Header<T>`).
    Header,
}

static HX_REQUEST: HeaderName = HeaderName::from_static("hx-request");
static HX_HISTORY_RESTORE_REQUEST: HeaderName =
    HeaderName::from_static("hx-history-restore-request");
static HX_REQUEST_TYPE: HeaderName = HeaderName::from_static("hx-request-type");

/// A request on its way through the app.
pub struct Ctx {
    req: HttpRequest,
    payload: Option<Payload>,
    app: Arc<AppInner>,
    query: Vec<(String, String)>,
    body: Option<ParsedBody>,
    session: Option<Session>,
    scoped: Vec<Box<dyn Any>>,
    pub(crate) scopes: Vec<crate::tbl::TableScope>,
}

impl Ctx {
    pub(crate) fn new(
        req: HttpRequest,
        payload: Payload,
        app: Arc<AppInner>,
    ) -> Result<Ctx, Error> {
        // A path that decodes to invalid UTF-8 names nothing this app can serve (only a
        // percent-escape can make it so: the path itself is text).
        let path = req.path();
        if path.contains('%')
            && percent_encoding::percent_decode(path.as_bytes())
                .decode_utf8()
                .is_err()
        {
            return Err(Error::bad_request("Invalid UTF-8 in the URL path"));
        }
        let query = body::urlencoded(req.query_string().as_bytes())?;
        Ok(Ctx {
            req,
            payload: Some(payload),
            app,
            query,
            body: None,
            session: None,
            scoped: Vec::new(),
            scopes: Vec::new(),
        })
    }

    /// The actix request.
    pub fn req(&self) -> &HttpRequest {
        &self.req
    }
    /// The request body stream, if nothing read it yet (a websocket handshake takes it).
    pub(crate) fn take_payload(&mut self) -> Option<Payload> {
        self.payload.take()
    }
    /// The URL path.
    pub fn path(&self) -> &str {
        self.req.path()
    }
    /// The request method.
    pub fn method(&self) -> &actix_web::http::Method {
        self.req.method()
    }
    /// A request header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.req.headers().get(name).and_then(|v| v.to_str().ok())
    }
    /// Was this an htmx request (an `HX-Request` header, whatever its value, SPEC 4.5)?
    pub fn is_htmx(&self) -> bool {
        self.req.headers().contains_key(&HX_REQUEST)
    }
    /// Is this an htmx history-restore request (which gets the full page)?
    pub(crate) fn is_history_restore(&self) -> bool {
        self.req.headers().contains_key(&HX_HISTORY_RESTORE_REQUEST)
    }
    /// Does this request get a partial (the handler's content alone) rather than the whole
    /// page? An htmx request does, unless it restores history or is htmx 4's
    /// `HX-Request-Type: full` (a request that targets `<body>` or selects from the answer
    /// with `hx-select`, which needs the whole page although `HX-Request` is set).
    pub fn wants_partial(&self) -> bool {
        self.is_htmx()
            && !self.is_history_restore()
            && !self
                .req
                .headers()
                .get(&HX_REQUEST_TYPE)
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"full"))
    }
    /// The app.
    pub(crate) fn app(&self) -> &Arc<AppInner> {
        &self.app
    }
    /// A value of the app's shared state, set with `fast_app().state(value)`.
    pub fn state<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.app.state::<T>()
    }
    /// The session (read from its cookie on first use).
    pub fn session(&mut self) -> Session {
        if let Some(s) = &self.session {
            return s.clone();
        }
        let s = session::from_request_rotating(
            &self.req,
            &self.app.key,
            &self.app.old_keys,
            &self.app.session,
        );
        self.session = Some(s.clone());
        s
    }
    /// Sets the request's session (read from the server-side store).
    pub(crate) fn set_session(&mut self, s: Session) {
        self.session = Some(s);
    }
    pub(crate) fn session_if_loaded(&self) -> Option<&Session> {
        self.session.as_ref()
    }
    /// Is the session empty? A request without cookies has no session to read: that is
    /// known without reading (or making) one.
    pub(crate) fn session_is_empty(&mut self) -> bool {
        if self.session.is_none() && !self.req.headers().contains_key(header::COOKIE) {
            return true;
        }
        self.session().is_empty()
    }

    /// Stores a request-scoped value, e.g. the logged-in user a beforeware found; handlers
    /// read it with an `Auth<T>` parameter. A client can never supply it.
    pub fn set_auth<T: Clone + 'static>(&mut self, value: T) {
        self.scoped.retain(|b| !b.is::<T>());
        self.scoped.push(Box::new(value));
    }
    /// The request-scoped value of type `T`, if a beforeware set one.
    pub fn auth<T: Clone + 'static>(&self) -> Option<T> {
        self.scoped
            .iter()
            .find_map(|b| b.downcast_ref::<T>())
            .cloned()
    }

    /// Reads the body (once) when the request has one.
    pub async fn load_body(&mut self) -> Result<(), Error> {
        if self.body.is_some() {
            return Ok(());
        }
        let has_body = self.req.headers().contains_key(header::CONTENT_LENGTH)
            || self.req.headers().contains_key(header::TRANSFER_ENCODING);
        let parsed = match (has_body, self.payload.take()) {
            (true, Some(p)) => {
                body::parse(&self.req, p, self.app.max_body, self.app.max_part_size).await?
            }
            _ => ParsedBody::default(),
        };
        self.body = Some(parsed);
        Ok(())
    }
    /// The parsed body (empty until [`Ctx::load_body`]).
    pub fn body(&self) -> Option<&ParsedBody> {
        self.body.as_ref()
    }
    /// The query string's pairs.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// A link to the route named `name` (a function's name, or its `name = ".."`), with its
    /// path parameters filled (FastHTML's `url_path_for`, SPEC 2.31). `None` for an unknown
    /// name: prefer the route's typed `.to(..)`, which cannot name a missing route.
    pub fn url_for(
        &self,
        name: &str,
        params: &[(&str, &dyn std::fmt::Display)],
    ) -> Option<crate::Link> {
        App(self.app.clone()).url_for(name, params)
    }

    /// The values a parameter may come from.
    pub(crate) fn values(&self, at: Where) -> CtxValues<'_> {
        CtxValues { ctx: self, at }
    }
}

/// A [`ValueSource`] over one request.
pub(crate) struct CtxValues<'a> {
    ctx: &'a Ctx,
    at: Where,
}

impl CtxValues<'_> {
    fn sources(&self) -> &'static [Source] {
        match self.at {
            Where::Path => &[Source::Path],
            Where::Auto if body_first(self.ctx.method()) => &[Source::Body, Source::Query],
            Where::Auto => &[Source::Query, Source::Body],
            Where::Query => &[Source::Query],
            Where::Body => &[Source::Body],
            Where::Cookie => &[Source::Cookie],
            Where::Header => &[Source::Header],
        }
    }
}

/// Does the body outrank the query for this method? For the methods that send a form, what
/// the form posted wins over a query string anyone can put into a link.
fn body_first(m: &actix_web::http::Method) -> bool {
    use actix_web::http::Method;
    matches!(
        *m,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

fn pairs_named<'p>(pairs: &'p [(String, String)], name: &str) -> Vec<Cow<'p, str>> {
    // `first-name` matches `first_name`; an exact name is preferred (SPEC 3.4, 3.5).
    let exact: Vec<Cow<'p, str>> = pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| Cow::Borrowed(v.as_str()))
        .collect();
    if !exact.is_empty() || !name.contains('_') {
        return exact;
    }
    let hyphen = name.replace('_', "-");
    pairs
        .iter()
        .filter(|(k, _)| *k == hyphen)
        .map(|(_, v)| Cow::Borrowed(v.as_str()))
        .collect()
}

impl ValueSource for CtxValues<'_> {
    fn lookup(&self, name: &str) -> Option<(Source, Vec<Cow<'_, str>>)> {
        let req = &self.ctx.req;
        for &src in self.sources() {
            let found: Vec<Cow<'_, str>> = match src {
                Source::Path => req
                    .match_info()
                    .get(name)
                    .map(|v| vec![Cow::Borrowed(v)])
                    .unwrap_or_default(),
                Source::Query => pairs_named(&self.ctx.query, name),
                Source::Body => self
                    .ctx
                    .body
                    .as_ref()
                    .map(|b| pairs_named(&b.fields, name))
                    .unwrap_or_default(),
                Source::Cookie => req
                    .cookie(name)
                    .map(|c| vec![Cow::Owned(c.value().to_owned())])
                    .unwrap_or_default(),
                Source::Header => {
                    let header = name.replace('_', "-");
                    req.headers()
                        .get_all(header.as_str())
                        .filter_map(|v| v.to_str().ok())
                        .map(Cow::Borrowed)
                        .collect()
                }
            };
            if !found.is_empty() {
                return Some((src, found));
            }
        }
        None
    }
    fn searched(&self) -> &[Source] {
        self.sources()
    }
}

/// Where handler parameters are read from: an HTTP request ([`Ctx`]), a websocket message
/// ([`WsCtx`]) or a websocket hook ([`WsHookCtx`](crate::ws::WsHookCtx)). Every source has a request (a
/// websocket's is its handshake, with its session and what beforeware stored); the websocket
/// ones also have the socket.
pub trait ParamSource {
    /// The request (for a websocket, its handshake).
    fn ctx(&mut self) -> &mut Ctx;
    /// The socket and its current message; `None` for an HTTP request.
    fn socket(&mut self) -> Option<&mut WsCtx>;
}

/// A source that has a socket: a websocket message or hook. Only these give [`WsSend`](crate::WsSend),
/// [`WsId`](crate::WsId) and [`WsData`](crate::WsData) parameters.
pub trait WsSource: ParamSource {
    /// The socket and its current message.
    fn ws(&mut self) -> &mut WsCtx;
}

/// A source plain values are read from by name: an HTTP request (its path, query and body,
/// see [`Where`]) or a websocket message (the path, the message's fields, its `HEADERS`, the
/// handshake's query). A websocket hook has no message, so it takes special types only.
pub trait NamedValues: ParamSource {
    /// Reads the value named `name` (a missing or unparsable one is an error response).
    fn read<T: FromValues>(
        &mut self,
        name: &'static str,
        at: Where,
    ) -> impl Future<Output = Result<T, Error>>;
}

impl ParamSource for Ctx {
    fn ctx(&mut self) -> &mut Ctx {
        self
    }
    fn socket(&mut self) -> Option<&mut WsCtx> {
        None
    }
}

impl NamedValues for Ctx {
    async fn read<T: FromValues>(&mut self, name: &'static str, at: Where) -> Result<T, Error> {
        if matches!(at, Where::Auto | Where::Body) {
            self.load_body().await?;
        }
        T::from_values(&self.values(at), name).map_err(Error::from)
    }
}

/// A handler parameter: how it is read from an HTTP request (`S` is [`Ctx`], the default), a
/// websocket message ([`WsCtx`]) or a websocket hook ([`WsHookCtx`](crate::ws::WsHookCtx)). Plain values (numbers,
/// text, dates, `Option`/`Vec` of those, `#[derive(FormFields)]` structs) are read by name
/// from a [`NamedValues`] source; the special types (`Request`, [`Session`], [`Htmx`],
/// [`Auth`], [`State`], [`UploadFile`], [`WsSend`](crate::WsSend), ...) by type, each implemented
/// once for every source it can come from: `WsSend` and `WsId` only for a [`WsSource`], `Tbl<T>`
/// and [`UploadFile`] only for a request.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a parameter type here (read from a `{S}`)",
    label = "ft does not know how to get this from a `{S}`",
    note = "HTTP handler parameters (`Ctx`) are numbers, String, bool, char, dates, Option/Vec of those, #[derive(StrEnum)] enums, #[derive(FormFields)] structs, or a special type: Request, Session, Htmx, App, Hub, Auth<T>, MaybeAuth<T>, State<T>, Tbl<T>, Db, UploadFile, Files, Body, Json<T>, PathParams<T>, Query<T>, Form<T>, Header<T>, Cookie<T>",
    note = "websocket handler parameters (`WsCtx`) are plain values or WsSend, WsId, Session, App, Hub, State<T>, Auth<T>, MaybeAuth<T>, Request, Htmx, WsData, Json<T>, PathParams<T>; websocket hooks (`WsHookCtx`) take those special types only"
)]
pub trait Extract<S: ParamSource = Ctx>: Sized {
    /// Reads the parameter named `name`.
    fn extract(
        src: &mut S,
        name: &'static str,
        at: Where,
    ) -> impl Future<Output = Result<Self, Error>>;
}

impl<T: FromValues, S: NamedValues> Extract<S> for T {
    async fn extract(src: &mut S, name: &'static str, at: Where) -> Result<Self, Error> {
        src.read(name, at).await
    }
}

/// The request (FastHTML's `req`): derefs to actix's `HttpRequest`.
#[derive(Debug, Clone)]
pub struct Request(pub HttpRequest);

impl std::ops::Deref for Request {
    type Target = HttpRequest;
    fn deref(&self) -> &HttpRequest {
        &self.0
    }
}

impl<S: ParamSource> Extract<S> for Request {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(Request(src.ctx().req.clone()))
    }
}

impl<S: ParamSource> Extract<S> for Session {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(src.ctx().session())
    }
}

/// The request's htmx headers; in a websocket, the message's `HEADERS`.
impl<S: ParamSource> Extract<S> for Htmx {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(match src.socket() {
            Some(w) => Htmx::from_headers(|n| w.header(n)),
            None => Htmx::from_request(src.ctx().req()),
        })
    }
}

/// The request-scoped value a beforeware stored with [`Ctx::set_auth`] (e.g. the logged-in
/// user). A request without one is answered 401: a route that needs it is never reached
/// anonymously. Use [`MaybeAuth<T>`] where anonymous requests are allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct Auth<T>(pub T);

impl<T> std::ops::Deref for Auth<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone + 'static, S: ParamSource> Extract<S> for Auth<T> {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        src.ctx()
            .auth::<T>()
            .map(Auth)
            .ok_or_else(|| Error::new(401, "Not authenticated"))
    }
}

/// The request-scoped value of [`Auth`], or `None` for an anonymous request.
#[derive(Debug, Clone, PartialEq)]
pub struct MaybeAuth<T>(pub Option<T>);

impl<T: Clone + 'static, S: ParamSource> Extract<S> for MaybeAuth<T> {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(MaybeAuth(src.ctx().auth::<T>()))
    }
}

/// The app, as a handler parameter (FastHTML's `app`): its shared state and named routes.
#[derive(Clone)]
pub struct App(pub(crate) Arc<AppInner>);

impl App {
    /// A value of the app's shared state.
    pub fn state<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.0.state::<T>()
    }
    /// A link to the route named `name`, path parameters filled (FastHTML's
    /// `url_path_for`, SPEC 2.31); `None` for an unknown name.
    pub fn url_for(
        &self,
        name: &str,
        params: &[(&str, &dyn std::fmt::Display)],
    ) -> Option<crate::Link> {
        self.0
            .routes
            .iter()
            .find(|r| r.name == name)
            .map(|r| crate::Link::from_template(&r.path, params))
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("App")
    }
}

impl<S: ParamSource> Extract<S> for App {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(App(src.ctx().app.clone()))
    }
}

/// A value of the app's shared state (`fast_app().state(value)`), FastHTML's `app.state`.
#[derive(Debug)]
pub struct State<T>(pub Arc<T>);

impl<T> Clone for State<T> {
    fn clone(&self) -> Self {
        State(self.0.clone())
    }
}

impl<T> std::ops::Deref for State<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Send + Sync + 'static, S: ParamSource> Extract<S> for State<T> {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        src.ctx().state::<T>().map(State).ok_or_else(|| {
            Error::internal(format!(
                "no app state of type {} (add it with fast_app().state(..))",
                std::any::type_name::<T>()
            ))
        })
    }
}

fn files_named(ctx: &Ctx, name: &str) -> Vec<UploadFile> {
    ctx.body
        .as_ref()
        .map(|b| {
            b.files
                .iter()
                .filter(|f| f.field == name)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

impl Extract for UploadFile {
    async fn extract(ctx: &mut Ctx, name: &'static str, _: Where) -> Result<Self, Error> {
        ctx.load_body().await?;
        files_named(ctx, name)
            .into_iter()
            .next()
            .ok_or_else(|| Error::bad_request(format!("Missing required file: {name}")))
    }
}

/// Every file uploaded under a field name (FastHTML's `list[UploadFile]`); empty when none
/// was chosen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Files(pub Vec<UploadFile>);

impl std::ops::Deref for Files {
    type Target = Vec<UploadFile>;
    fn deref(&self) -> &Vec<UploadFile> {
        &self.0
    }
}

impl Extract for Files {
    async fn extract(ctx: &mut Ctx, name: &'static str, _: Where) -> Result<Self, Error> {
        ctx.load_body().await?;
        // A file input left empty still sends a part with no name and no bytes.
        Ok(Files(
            files_named(ctx, name)
                .into_iter()
                .filter(|f| !(f.filename.is_empty() && f.is_empty()))
                .collect(),
        ))
    }
}

/// The raw request body as text (FastHTML's `body` parameter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(pub String);

impl Extract for Body {
    async fn extract(ctx: &mut Ctx, _: &'static str, _: Where) -> Result<Self, Error> {
        ctx.load_body().await?;
        let raw = ctx.body.as_ref().map(|b| b.raw.clone()).unwrap_or_default();
        String::from_utf8(raw.to_vec())
            .map(Body)
            .map_err(|_| Error::bad_request("Invalid UTF-8 in body"))
    }
}

/// A JSON body deserialised with serde (any `application/json` body, charset or not).
#[derive(Debug, Clone, PartialEq)]
pub struct Json<T>(pub T);

/// The JSON body; in a websocket, the message (its fields without `HEADERS`).
impl<T: serde::de::DeserializeOwned, S: ParamSource> Extract<S> for Json<T> {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        if let Some(w) = src.socket() {
            return serde_json::from_value(serde_json::Value::Object(w.data().clone()))
                .map(Json)
                .map_err(|e| Error::bad_request(format!("Invalid message: {e}")));
        }
        let ctx = src.ctx();
        ctx.load_body().await?;
        let value = ctx
            .body
            .as_ref()
            .and_then(|b| b.json.clone())
            .ok_or_else(|| Error::bad_request("Expected a JSON body"))?;
        serde_json::from_value(value)
            .map(Json)
            .map_err(|e| Error::bad_request(format!("Invalid JSON body: {e}")))
    }
}

/// All the route's path parameters as one value, by type rather than by name: a struct whose
/// fields are the parameters' names, a tuple in their order, or the value itself when the
/// route has one. The way a websocket hook, whose parameters have no names ft can read, gets
/// the path of its socket (`#[ws("/poll/{id}", conn = on_conn)]`); it works in any handler
/// (a route's parameters have plain names: `p: PathParams<Pair>`, then `p.team`).
///
/// A value that does not convert to `T` is a 400.
///
/// ```
/// use ft_web::prelude::*;
///
/// async fn on_conn(send: WsSend, hub: Hub, PathParams(id): PathParams<u32>) {
///     hub.join(format!("poll-{id}"), &send);
/// }
///
/// #[ws("/ws/poll/{id}", conn = on_conn)]
/// async fn poll(msg: String, id: u32) -> Ft {
///     P!(format!("poll {id}: {msg}"))
/// }
///
/// #[derive(serde::Deserialize)]
/// struct Pair { team: String, n: u8 }
///
/// #[get("/t/{team}/{n}")]
/// fn show(p: PathParams<Pair>) -> String {
///     format!("{} #{}", p.team, p.n)
/// }
/// # actix_web::rt::System::new().block_on(async {
/// let cli = Client::new(fast_app().routes(routes![poll, show]).secret_key("k")).await;
/// assert_eq!(cli.get("/t/red/7").send().await.text(), "red #7");
/// assert_eq!(cli.get("/t/red/x").send().await.status(), 400);
/// # });
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PathParams<T>(pub T);

impl<T> std::ops::Deref for PathParams<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned, S: ParamSource> Extract<S> for PathParams<T> {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        use actix_web::FromRequest;
        match actix_web::web::Path::<T>::extract(src.ctx().req()).await {
            Ok(p) => Ok(PathParams(p.into_inner())),
            Err(e) => Err(Error::bad_request(format!("Invalid path parameters: {e}"))),
        }
    }
}

macro_rules! pinned {
    ($(#[$doc:meta])* $name:ident => $at:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name<T>(pub T);
        impl<T> std::ops::Deref for $name<T> {
            type Target = T;
            fn deref(&self) -> &T { &self.0 }
        }
        impl<T: FromValues> Extract for $name<T> {
            async fn extract(ctx: &mut Ctx, name: &'static str, _: Where) -> Result<Self, Error> {
                ctx.read(name, $at).await.map($name)
            }
        }
    };
}
pinned!(/// A parameter read from the query string only.
    Query => Where::Query);
pinned!(/// A parameter read from the form/JSON body only.
    Form => Where::Body);
pinned!(/// A parameter read from a request header: `user_agent: Header<String>` reads `User-Agent`
    /// (`_` is `-`, any case). The only way a header reaches a parameter: a plain `user_agent:
    /// String` is looked for in the path, query and body.
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// #[get("/ua")]
    /// fn ua(user_agent: Header<String>, x_api_key: Header<Option<String>>) -> String {
    ///     format!("{} {:?}", user_agent.0, x_api_key.0)
    /// }
    /// # let _ = ua;
    /// ```
    Header => Where::Header);
pinned!(/// A parameter read from a cookie: `theme: Cookie<String>` reads the cookie `theme`. The
    /// only way a cookie reaches a parameter (a plain `theme: String` never reads one, so a
    /// cookie planted by another site cannot fill a form field).
    ///
    /// ```
    /// use ft_web::prelude::*;
    /// #[get("/theme")]
    /// fn show_theme(theme: Cookie<Option<String>>) -> String {
    ///     theme.0.unwrap_or_else(|| "light".into())
    /// }
    /// # let _ = show_theme;
    /// ```
    Cookie => Where::Cookie);
