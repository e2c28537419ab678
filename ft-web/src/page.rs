//! From a handler's result to an HTTP response: a full page for a normal request, the bare
//! partial for an htmx request (SPEC 4A), with the headers, cookies, redirects, JSON and
//! errors the result carries (SPEC 4B, 4C).

use crate::app::AppInner;
use crate::ctx::Ctx;
use crate::error::Error;
use crate::reply::Parts;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{HttpResponse, HttpResponseBuilder};
use ft_html::{Element, Ft};

/// Every response of the app varies on these (SPEC 2.14).
pub const VARY: &str = "HX-Request, HX-History-Restore-Request";
const HTML: &str = "text/html; charset=utf-8";
// The same as header values, made once (a `&str` header value is checked and copied on every
// response).
static VARY_VALUE: HeaderValue = HeaderValue::from_static(VARY);
static HTML_VALUE: HeaderValue = HeaderValue::from_static(HTML);

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
    crate::toasts::flush(ctx, &mut parts);
    let htmx = ctx.is_htmx();
    let full_page = !htmx || ctx.is_history_restore();
    let renders_content = parts.redirect.is_none() && parts.json.is_none() && parts.text.is_none();
    crate::auth::csrf::inject(ctx, &mut parts, full_page, renders_content);
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

fn render_all<'a>(items: impl IntoIterator<Item = &'a Ft>) -> String {
    let mut out = String::with_capacity(1024);
    for item in items {
        item.render_into(&mut out);
    }
    out
}

fn is_tag(ft: &Ft, tags: &[&str]) -> bool {
    ft.tag().is_some_and(|t| tags.contains(&t))
}

/// What every full page of an app has around its content, rendered once when the app is
/// built (not per request): FastHTML's `<html>`/`<body>` attributes, the default title, the
/// default headers and `hdrs`, the footers.
pub(crate) struct PageFrame {
    /// `<!doctype html><html ...><head>`
    open: String,
    /// `<title>..</title>`, for content without its own title.
    title: String,
    /// The default headers, then the app's `hdrs`, after the content's own head tags.
    head: String,
    /// `</head><body ...>`
    body_open: String,
    /// The footers, `</body></html>`.
    close: String,
    /// `head` and `close` cut at their `<script` tags, for pages with a CSP nonce.
    head_pieces: Vec<String>,
    close_pieces: Vec<String>,
    /// The length of the last page, to size the next one's buffer in one allocation.
    last_len: std::sync::atomic::AtomicUsize,
}

impl PageFrame {
    pub(crate) fn new(
        title: &str,
        headers: &[&[Ft]],
        ftrs: &[Ft],
        htmlkw: &[(String, String)],
        bodykw: &[(String, String)],
    ) -> PageFrame {
        let mut open = String::from("<!doctype html>");
        open_with(&mut open, "html", htmlkw);
        open.push_str("<head>");
        let mut body_open = String::from("</head>");
        open_with(&mut body_open, "body", bodykw);
        let head = render_all(headers.iter().flat_map(|h| h.iter()));
        let close = render_all(ftrs) + "</body></html>";
        PageFrame {
            open,
            title: ft_html::prelude::Title!(title.to_owned()).render(),
            head_pieces: crate::security_headers::split_scripts(&head),
            close_pieces: crate::security_headers::split_scripts(&close),
            head,
            body_open,
            close,
            last_len: std::sync::atomic::AtomicUsize::new(4096),
        }
    }
}

/// The full page around `content` (SPEC 4.1, 4.6, 4.9, 4.10, 5.7): the app's title and
/// headers, the content's own head tags first, the body wrapped and followed by the footers.
/// With a CSP nonce, the frame's scripts and the content's top-level scripts carry it.
pub(crate) fn page(app: &AppInner, mut content: Vec<Ft>, nonce: Option<&str>) -> String {
    use std::sync::atomic::Ordering::Relaxed;
    if let Some(n) = nonce {
        for item in content.iter_mut().filter(|c| is_tag(c, &["script"])) {
            item.set("nonce", n.to_owned());
        }
    }
    if content.iter().any(|c| is_tag(c, &["html"])) {
        return render_all(&content);
    }
    let frame = &app.frame;
    let (head_items, body_items): (Vec<Ft>, Vec<Ft>) = content
        .into_iter()
        .partition(|c| is_tag(c, ft_tags::classes::HEAD));
    let mut out = String::with_capacity(frame.last_len.load(Relaxed));
    out.push_str(&frame.open);
    if !head_items.iter().any(|c| is_tag(c, &["title"])) {
        out.push_str(&frame.title);
    }
    for item in &head_items {
        item.render_into(&mut out);
    }
    match nonce {
        Some(n) => crate::security_headers::join_with_nonce(&mut out, &frame.head_pieces, n),
        None => out.push_str(&frame.head),
    }
    out.push_str(&frame.body_open);
    let body = Ft::Fragment(body_items);
    match &app.body_wrap {
        Some(wrap) => wrap(body).render_into(&mut out),
        None => body.render_into(&mut out),
    }
    match nonce {
        Some(n) => crate::security_headers::join_with_nonce(&mut out, &frame.close_pieces, n),
        None => out.push_str(&frame.close),
    }
    // A little over this page's size for the next one (pages of a route are alike).
    frame.last_len.store(out.len() + out.len() / 8, Relaxed);
    out
}

fn open_with(out: &mut String, tag: &'static str, attrs: &[(String, String)]) {
    let mut el = Element::new_static(tag, false);
    for (k, v) in attrs {
        el.set(k, v.as_str());
    }
    let html = Ft::Element(el).render();
    // `<tag ...></tag>`: keep the opening tag only.
    out.push_str(&html[..html.len() - tag.len() - 3]);
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
    if let Some(secs) = err.retry_after() {
        res.insert_header((header::RETRY_AFTER, secs));
    }
    let session = ctx
        .and_then(|c| c.session_if_loaded())
        .is_some_and(|s| s.in_use());
    if let Some(handler) = app.exception_handlers.get(&status.as_u16()) {
        let ft = handler(err);
        let htmx = ctx.is_some_and(|c| c.is_htmx());
        let nonce = (app.security.wants_nonce() && !htmx).then(crate::security_headers::nonce);
        let body = if htmx {
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
        respond(
            ctx,
            crate::reply::text_part(self.take().unwrap_or_default()),
        )
    }
}

impl Respond for &Probe<&'static str> {
    fn respond(&self, ctx: &mut Ctx) -> HttpResponse {
        respond(
            ctx,
            crate::reply::text_part(self.take().unwrap_or_default().to_owned()),
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
