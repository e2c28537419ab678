//! What the code `#[rt]` and `#[ws]` generate calls to answer a request: [`Probe`] and
//! [`Respond`] pick, at compile time, how a handler's result becomes a response, and
//! [`ws_upgrade`] accepts a websocket route's handshake.

use super::{Error, error_response, respond};
use crate::ctx::Ctx;
use crate::sse::EventStream;
use actix_web::HttpResponse;

/// What the generated handler calls on its result: a raw actix response passes through
/// untouched (SPEC 4.32); anything that is an FT (content, headers, redirects, errors,
/// tuples and `Result`s of those) gets the page/partial treatment. Chosen at compile time by
/// autoref: the `HttpResponse` impls sit one reference deeper.
pub struct Probe<T>(std::cell::Cell<Option<T>>);

impl<T> Probe<T> {
    /// Wraps a handler's result.
    pub fn new(v: T) -> Probe<T> {
        Probe(std::cell::Cell::new(Some(v)))
    }
    pub(crate) fn take(&self) -> Option<T> {
        self.0.take()
    }
}

/// See [`Probe`].
pub trait Respond {
    /// Builds the response.
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse;
}

impl Respond for &Probe<HttpResponse> {
    fn respond(&self, _: &mut Ctx) -> HttpResponse {
        self.take()
            .unwrap_or_else(|| HttpResponse::InternalServerError().finish())
    }
}

/// A returned string is the whole body, as in FastHTML (never wrapped in a page, SPEC 4.12) —
/// but escaped: ft never sends a string as markup unless it is `Raw` (a deliberate
/// difference, so that returning user input cannot inject HTML).
impl Respond for &Probe<String> {
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse {
        respond(ctx, super::text_part(self.take().unwrap_or_default()))
    }
}

impl Respond for &Probe<&'static str> {
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse {
        respond(
            ctx,
            super::text_part(self.take().unwrap_or_default().to_owned()),
        )
    }
}

impl<E: Into<Error>> Respond for &Probe<std::result::Result<HttpResponse, E>> {
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse {
        match self.take() {
            Some(Ok(r)) => r,
            Some(Err(e)) => error_response(ctx.app(), Some(ctx), &e.into()),
            None => HttpResponse::InternalServerError().finish(),
        }
    }
}

impl<T: ft_html::IntoFt> Respond for Probe<T> {
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse {
        match self.take() {
            Some(v) => respond(ctx, v.into_ft()),
            None => HttpResponse::InternalServerError().finish(),
        }
    }
}

impl Respond for &Probe<EventStream> {
    fn respond(&self, _: &mut Ctx) -> HttpResponse {
        match self.take() {
            Some(s) => s.into_response(),
            None => HttpResponse::InternalServerError().finish(),
        }
    }
}

impl<E: Into<Error>> Respond for &Probe<std::result::Result<EventStream, E>> {
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse {
        match self.take() {
            Some(Ok(s)) => s.into_response(),
            Some(Err(e)) => error_response(ctx.app(), Some(ctx), &e.into()),
            None => HttpResponse::InternalServerError().finish(),
        }
    }
}

/// The handler of a `#[ws]` route (the code it generates calls it as
/// `ws::__private::upgrade`): accepts the websocket handshake (after beforeware ran) and
/// starts the socket, or answers with the error that refused it (a cross-origin handshake is
/// a 403, a request that is not a websocket handshake a 400).
pub async fn ws_upgrade(mut ctx: Ctx, spec: crate::ws::WsSpec) -> HttpResponse {
    match crate::ws::handshake(&mut ctx) {
        Ok(accepted) => crate::ws::start(ctx, spec, accepted),
        Err(e) => error_response(ctx.app(), Some(&ctx), &e),
    }
}
