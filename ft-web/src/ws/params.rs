//! Websocket handler parameters: [`WsCtx`] (one socket and its current message) and how each
//! parameter type is read from it.

use super::{WsId, WsSend};
use crate::Error;
use crate::broadcast::Hub;
use crate::ctx::{Ctx, Extract, NamedValues, ParamSource, Where, WsSource};
use crate::session::Session;
use ft_html::values::{FromValues, Source, ValueSource};
use ft_html::{Ft, IntoFt};
use futures_util::future::LocalBoxFuture;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::future::Future;

/// One websocket: the handshake request (with its session and what beforeware stored), the
/// socket's [`WsSend`], and the message being handled.
pub struct WsCtx {
    pub(crate) ctx: Ctx,
    pub(crate) send: WsSend,
    pub(crate) hub: Hub,
    data: Map<String, Value>,
    headers: Vec<(String, String)>,
}

impl WsCtx {
    pub(crate) fn new(ctx: Ctx, send: WsSend, hub: Hub) -> WsCtx {
        WsCtx {
            ctx,
            send,
            hub,
            data: Map::new(),
            headers: Vec::new(),
        }
    }
    /// Takes a message: its `HEADERS` (or htmx 4's `headers`) object becomes the headers, the
    /// rest the data (SPEC 7.7).
    pub(crate) fn set_message(&mut self, mut data: Map<String, Value>) {
        let hdrs = match data.remove("HEADERS") {
            Some(Value::Object(h)) => Some(h),
            Some(_) | None => match data.get("headers") {
                Some(Value::Object(_)) => match data.remove("headers") {
                    Some(Value::Object(h)) => Some(h),
                    _ => None,
                },
                _ => None,
            },
        };
        self.headers = hdrs
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s,
                    Value::Null => return None,
                    other => other.to_string(),
                };
                Some((k.to_ascii_lowercase(), v))
            })
            .collect();
        self.data = data;
    }
    pub(crate) fn clear_message(&mut self) {
        self.data = Map::new();
        self.headers.clear();
    }
    /// The socket's sender.
    pub fn sender(&self) -> &WsSend {
        &self.send
    }
    /// The socket's id.
    pub fn id(&self) -> WsId {
        self.send.id()
    }
    /// The message's fields (without `HEADERS`).
    pub fn data(&self) -> &Map<String, Value> {
        &self.data
    }
    /// A header of the message's `HEADERS` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
    /// The handshake request.
    pub fn request(&self) -> &actix_web::HttpRequest {
        self.ctx.req()
    }
    /// The session of the handshake (changes are visible to later messages of this socket, but
    /// cannot reach the browser's cookie: there is no HTTP response to carry them).
    pub fn session(&mut self) -> Session {
        self.ctx.session()
    }
    /// The app's rooms.
    pub fn hub(&self) -> &Hub {
        &self.hub
    }
    /// The values plain parameters are read from.
    pub fn values(&self) -> WsValues<'_> {
        WsValues { w: self }
    }
}

/// A [`ValueSource`] over a websocket message: the route's path, the message's fields, its
/// `HEADERS`, then the handshake's query string. Never cookies: a cookie planted by another
/// page of the host would fill a field the message did not send (read cookies through the
/// handshake's [`Request`](crate::Request)).
pub struct WsValues<'a> {
    w: &'a WsCtx,
}

const WS_SOURCES: &[Source] = &[Source::Path, Source::Body, Source::Header, Source::Query];

fn json_values(v: &Value) -> Vec<Cow<'_, str>> {
    match v {
        Value::Null => Vec::new(),
        Value::String(s) => vec![Cow::Borrowed(s.as_str())],
        Value::Bool(b) => vec![Cow::Borrowed(if *b { "true" } else { "false" })],
        Value::Number(n) => vec![Cow::Owned(n.to_string())],
        // htmx sends repeated fields (checkboxes, multi-selects) as arrays.
        Value::Array(items) => items.iter().flat_map(json_values).collect(),
        Value::Object(_) => vec![Cow::Owned(v.to_string())],
    }
}

impl WsValues<'_> {
    fn find(&self, src: Source, name: &str) -> Vec<Cow<'_, str>> {
        let req = self.w.ctx.req();
        match src {
            Source::Path => req
                .match_info()
                .get(name)
                .map(|v| vec![Cow::Borrowed(v)])
                .unwrap_or_default(),
            Source::Body => self.w.data.get(name).map(json_values).unwrap_or_default(),
            Source::Header => {
                let header = name.replace('_', "-").to_ascii_lowercase();
                self.w
                    .headers
                    .iter()
                    .filter(|(k, _)| *k == header)
                    .map(|(_, v)| Cow::Borrowed(v.as_str()))
                    .collect()
            }
            Source::Query => self
                .w
                .ctx
                .query_pairs()
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| Cow::Borrowed(v.as_str()))
                .collect(),
            Source::Cookie => Vec::new(),
        }
    }
}

impl ValueSource for WsValues<'_> {
    fn lookup(&self, name: &str) -> Option<(Source, Vec<Cow<'_, str>>)> {
        for &src in WS_SOURCES {
            let mut found = self.find(src, name);
            // `first_name` also finds a field sent as `first-name` (SPEC 3.5).
            if found.is_empty() && src == Source::Body && name.contains('_') {
                found = self.find(src, &name.replace('_', "-"));
            }
            if !found.is_empty() {
                return Some((src, found));
            }
        }
        None
    }
    fn searched(&self) -> &[Source] {
        WS_SOURCES
    }
}

impl ParamSource for WsCtx {
    fn ctx(&mut self) -> &mut Ctx {
        &mut self.ctx
    }
    fn socket(&mut self) -> Option<&mut WsCtx> {
        Some(self)
    }
}

impl WsSource for WsCtx {
    fn ws(&mut self) -> &mut WsCtx {
        self
    }
}

impl NamedValues for WsCtx {
    async fn read<T: FromValues>(&mut self, name: &'static str, _: Where) -> Result<T, Error> {
        T::from_values(&self.values(), name).map_err(|e| {
            // Every message error is a 400 (a path value comes from the handshake's URL, which
            // already matched the route).
            Error::bad_request(e.to_string())
        })
    }
}

/// The source of a websocket hook's (`conn`, `disconn`) parameters: the socket without a
/// message, so special types only (found by type; the route's path parameters with
/// [`PathParams<T>`](crate::PathParams), the query with `req: Request`).
pub struct WsHookCtx<'a>(&'a mut WsCtx);

impl ParamSource for WsHookCtx<'_> {
    fn ctx(&mut self) -> &mut Ctx {
        &mut self.0.ctx
    }
    fn socket(&mut self) -> Option<&mut WsCtx> {
        Some(self.0)
    }
}

impl WsSource for WsHookCtx<'_> {
    fn ws(&mut self) -> &mut WsCtx {
        self.0
    }
}

/// The whole message as JSON (FastHTML's `data` parameter): its fields without `HEADERS`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WsData(pub Map<String, Value>);

impl std::ops::Deref for WsData {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl<S: WsSource> Extract<S> for WsSend {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(src.ws().send.clone())
    }
}

impl<S: WsSource> Extract<S> for WsId {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(src.ws().send.id())
    }
}

impl<S: WsSource> Extract<S> for WsData {
    async fn extract(src: &mut S, _: &'static str, _: Where) -> Result<Self, Error> {
        Ok(WsData(src.ws().data.clone()))
    }
}

/// A websocket hook: an `async fn` of up to 8 parameters read from a [`WsHookCtx`] whose result is
/// anything [`IntoFt`] (`()` sends nothing).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a websocket hook",
    label = "expected an `async fn` taking WsSend, WsId, Session, App, Hub, State<T>, Auth<T>, MaybeAuth<T>, Request, Htmx or PathParams<T>",
    note = "hooks are `async fn on_connect(send: WsSend, hub: Hub) {{ .. }}`; a sync fn or a parameter of another type does not fit"
)]
pub trait WsHook<Args>: Copy + 'static {
    /// Extracts the parameters and starts the hook.
    fn start(self, w: &mut WsCtx) -> LocalBoxFuture<'_, Result<Ft, Error>>;
}

macro_rules! hooks {
    ($($a:ident),*) => {
        impl<F, Fut, R, $($a),*> WsHook<($($a,)*)> for F
        where
            F: Fn($($a),*) -> Fut + Copy + 'static,
            Fut: Future<Output = R> + 'static,
            R: IntoFt,
            $($a: for<'a> Extract<WsHookCtx<'a>>,)*
        {
            #[allow(non_snake_case, unused_variables, unused_mut)]
            fn start(self, w: &mut WsCtx) -> LocalBoxFuture<'_, Result<Ft, Error>> {
                Box::pin(async move {
                    let mut src = WsHookCtx(w);
                    $(let $a = <$a as Extract<WsHookCtx<'_>>>::extract(&mut src, "", Where::Auto).await?;)*
                    Ok((self)($($a),*).await.into_ft())
                })
            }
        }
    };
}

hooks!();
hooks!(A1);
hooks!(A1, A2);
hooks!(A1, A2, A3);
hooks!(A1, A2, A3, A4);
hooks!(A1, A2, A3, A4, A5);
hooks!(A1, A2, A3, A4, A5, A6);
hooks!(A1, A2, A3, A4, A5, A6, A7);
hooks!(A1, A2, A3, A4, A5, A6, A7, A8);

/// Starts a hook (what `#[ws(conn = f)]` generates a call to).
pub fn run_hook<Args, H: WsHook<Args>>(
    w: &mut WsCtx,
    hook: H,
) -> LocalBoxFuture<'_, Result<Ft, Error>> {
    hook.start(w)
}
