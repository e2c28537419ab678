//! Responses: how what a handler gave becomes an HTTP response, in one place (SPEC 4).
//!
//! - `reply.rs`: what a handler may return besides HTML (headers, cookies, redirects, JSON, a
//!   status, background tasks), each an `Ft` extension node, and `Parts`, a result split into
//!   its content and those parts;
//! - `error.rs`: [`Error`], what a handler's `?` turns any error into (a status and a message);
//! - `page.rs`: the full page around content (the app's frame, rendered once per app);
//! - `headers.rs`: the `Vary` and content-type values of ft's own responses;
//! - `handler.rs`: what generated handlers call on their result ([`Probe`], [`Respond`]), and
//!   the websocket route's handshake;
//! - here: [`respond`], a handler's result as a response (a full page for a normal request,
//!   the bare partial for an htmx request, SPEC 4A, with the headers, cookies, redirects and
//!   JSON the result carries, SPEC 4B, 4C), and [`error_response`], **the one function where an
//!   [`Error`] becomes a response** (the app's exception handler's page for its status, or a
//!   short text). Every other module returns an `Error`; dispatch and this module answer
//!   with it.

mod error;
mod handler;
mod headers;
pub(crate) mod page;
mod reply;

pub use error::{Error, Result};
pub use handler::{Probe, Respond, ws_upgrade};
pub(crate) use headers::VARY;
pub use reply::{BackgroundTask, FtResponse, HttpHeader, Redirect, SetCookie, cookie};
pub(crate) use reply::{Parts, text_part};

use crate::app::AppInner;
use crate::ctx::Ctx;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, HttpResponseBuilder};
use ft_html::Ft;
use headers::{HTML_VALUE, VARY_VALUE};
use page::{page, render_all};

/// Builds the response for a handler's result, with the app's security headers.
pub fn respond(ctx: &mut Ctx, out: Ft) -> HttpResponse {
    let mut parts = Parts::split(out);
    if let Some(err) = parts.error.take() {
        let mut res = error_response(ctx.app(), Some(ctx), &err);
        crate::session::save_on_error(ctx, &mut res);
        return res;
    }
    let app = ctx.app().clone();
    let nonce = app
        .security
        .wants_nonce()
        .then(crate::security_headers::nonce);
    let mut res = respond_parts(ctx, parts, nonce.as_deref());
    let session = ctx.session_if_loaded().is_some_and(|s| s.in_use());
    app.security.apply(&mut res, nonce.as_deref(), session);
    res
}

fn respond_parts(ctx: &mut Ctx, mut parts: Parts, nonce: Option<&str>) -> HttpResponse {
    let htmx = ctx.is_htmx();
    let full_page = !ctx.wants_partial();
    let renders_content = parts.redirect.is_none() && parts.json.is_none() && parts.text.is_none();
    // Toasts, the CSRF token, ... (crate::layer).
    let view = crate::layer::View {
        full_page,
        renders_content,
    };
    for layer in crate::layer::LAYERS {
        layer.after(ctx, &mut parts, view);
    }
    let status = parts
        .status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut res = HttpResponse::build(status);
    res.insert_header((header::VARY, VARY_VALUE.clone()));
    for h in &parts.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(h.name.as_str()),
            HeaderValue::try_from(h.value.as_str()),
        ) {
            res.append_header((n, v));
        }
    }
    for c in &parts.cookies {
        if let Ok(v) = HeaderValue::try_from(c.as_str()) {
            res.append_header((header::SET_COOKIE, v));
        }
    }
    if let Err(e) = session_cookie(ctx, &mut res) {
        return error_response(ctx.app(), Some(ctx), &e);
    }
    for task in parts.tasks {
        actix_web::rt::spawn(task);
    }
    if let Some(url) = parts.redirect {
        if htmx {
            res.status(StatusCode::OK)
                .insert_header(("HX-Redirect", url));
        } else {
            res.status(StatusCode::SEE_OTHER)
                .insert_header((header::LOCATION, url));
        }
        return res.finish();
    }
    if let Some(json) = parts.json {
        return res.content_type("application/json").body(json.to_string());
    }
    if let Some(text) = parts.text {
        let mut out = String::with_capacity(text.len());
        ft_html::escape::text(&mut out, &text);
        return res.content_type(HTML_VALUE.clone()).body(out);
    }
    if !full_page && !ctx.app().htmx4 {
        // `<hx-partial>`s (Partial, HxPartial!) as htmx 2's out-of-band swaps.
        crate::partial::to_htmx2(&mut parts.content);
    }
    let body = if !full_page {
        render_all(&parts.content)
    } else {
        page(ctx.app(), parts.content, nonce)
    };
    res.content_type(HTML_VALUE.clone()).body(body)
}

fn session_cookie(ctx: &Ctx, res: &mut HttpResponseBuilder) -> Result<(), Error> {
    let Some(session) = ctx.session_if_loaded() else {
        return Ok(());
    };
    let app = ctx.app();
    crate::session::write_cookie(session, ctx.req(), &app.key, &app.session, res)
}

/// The response for an error status: the app's exception handler for that status (an FT
/// page), or a short plain-text body (SPEC 4.38, 4.41). 500s show their message only in
/// debug mode; it is logged either way.
pub(crate) fn error_response(app: &AppInner, ctx: Option<&Ctx>, err: &Error) -> HttpResponse {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status.is_server_error() {
        tracing::error!(
            status = status.as_u16(),
            path = ctx.map(|c| c.path()).unwrap_or(""),
            "{}",
            err.message()
        );
    }
    let mut res = HttpResponse::build(status);
    res.insert_header((header::VARY, VARY_VALUE.clone()));
    if status == StatusCode::NO_CONTENT {
        return res.finish(); // a 204 has no body (ClientGone, SPEC 7.14)
    }
    if let Some(secs) = err.retry_after() {
        res.insert_header((header::RETRY_AFTER, secs));
    }
    let session = ctx
        .and_then(|c| c.session_if_loaded())
        .is_some_and(|s| s.in_use());
    if let Some(handler) = app.exception_handlers.get(&status.as_u16()) {
        let ft = handler(err);
        let partial = ctx.is_some_and(|c| c.wants_partial());
        let nonce = (app.security.wants_nonce() && !partial).then(crate::security_headers::nonce);
        let body = if partial {
            render_all(std::slice::from_ref(&ft))
        } else {
            page(app, vec![ft], nonce.as_deref())
        };
        let mut res = res.content_type(HTML_VALUE.clone()).body(body);
        app.security.apply(&mut res, nonce.as_deref(), session);
        return res;
    }
    let text = if status.is_server_error() && !app.debug {
        status
            .canonical_reason()
            .unwrap_or("Internal Server Error")
            .to_owned()
    } else if err.message().is_empty() {
        format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
    } else {
        err.message().to_owned()
    };
    let mut res = res.content_type("text/plain; charset=utf-8").body(text);
    app.security.apply(&mut res, None, session);
    res
}
