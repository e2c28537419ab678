//! A request's path through an app: the actix `App` with its one middleware layer (header-size
//! guard, access log), ft's router, then dispatch (server-side session, CSRF check,
//! beforewares, the handler under `catch_unwind`) and the 404/405 answers.

use crate::Error;
use crate::app::AppInner;
use crate::ctx::Ctx;
use crate::response::{self, VARY};
use crate::route::HandlerFuture;
use crate::router::Target;
use crate::session;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::web::{self, Payload};
use actix_web::{App, HttpRequest, HttpResponse};
use futures_util::FutureExt;
use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

/// The actix `App` for a built app: routes, the 404/405/trailing-slash behaviour, logging.
pub(crate) fn actix_app(
    inner: Arc<AppInner>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let access_log = inner.access_log;
    let app = inner.clone();
    let app = App::new()
        .configure(|cfg| register_builtins(cfg, &inner))
        // The app's own routes and static folders: ft's router (crate::router), after the
        // built-in routes, so they keep their precedence.
        .default_service(actix_web::dev::fn_service(move |req| {
            route(app.clone(), req)
        }));
    // Compression (crate::compress), inside the log layer: what the client accepts is read
    // before the request goes in, the response compressed on its way out.
    #[cfg(feature = "compress")]
    let app = {
        let on = inner.compress;
        app.wrap_fn(move |req, srv| {
            use actix_web::dev::Service;
            let pick = crate::compress::Pick::new(&req, on);
            srv.call(req).map(move |res| res.map(|r| pick.apply(r)))
        })
    };
    // One layer for what every request goes through: the header-size guard, then the log.
    app.wrap_fn(move |req, srv| {
        use actix_web::dev::Service;
        use futures_util::future::{Either, ready};
        let log =
            (access_log && crate::log::access_enabled()).then(|| crate::log::LogLine::start(&req));
        // An absurd header block is refused before anything reads it.
        if header_bytes(&req) > MAX_HEADER_BYTES {
            let res =
                HttpResponse::build(actix_web::http::StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE)
                    .content_type("text/plain; charset=utf-8")
                    .body("Request Header Fields Too Large");
            let res = req.into_response(res).map_into_right_body();
            if let Some(log) = log {
                log.finish(res.status());
            }
            return Either::Left(ready(Ok(res)));
        }
        Either::Right(srv.call(req).map(move |res| {
            if let (Some(log), Ok(r)) = (log, &res) {
                log.finish(r.status());
            }
            res.map(ServiceResponse::map_into_left_body)
        }))
    })
}

/// The bytes of a request's header block (names, values and separators).
fn header_bytes(req: &ServiceRequest) -> usize {
    req.headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum()
}

/// The most header bytes a request may carry (names, values and separators): 32 KiB.
pub(crate) const MAX_HEADER_BYTES: usize = 32 * 1024;

/// ft's own routes, which come before the app's: the layers' (live reload) and the assets
/// under `/_ft/`.
fn register_builtins(cfg: &mut web::ServiceConfig, inner: &Arc<AppInner>) {
    for layer in crate::layer::LAYERS {
        layer.register(cfg, inner);
    }
    register_assets(cfg, inner);
}

/// `GET`/`HEAD /_ft/{name}`, the embedded assets (crate::assets), before the app's routes so
/// none can shadow them; an unknown name is the app's 404.
fn register_assets(cfg: &mut web::ServiceConfig, inner: &Arc<AppInner>) {
    let app = inner.clone();
    let handler = move |req: HttpRequest| {
        let app = app.clone();
        async move {
            match crate::assets::serve(&req, app.compress).await {
                Ok(res) => res,
                Err(e) => response::error_response(&app, None, &e),
            }
        }
    };
    // A scope with a static prefix: every other request is told apart by a string compare,
    // where a `/_ft/{name}` resource would cost each request a regex match.
    cfg.service(
        web::scope(crate::assets::ASSET_PREFIX.trim_end_matches('/')).service(
            web::resource("/{name}")
                .route(web::get().to(handler.clone()))
                .route(web::head().to(handler))
                .default_service(web::to(|| async {
                    HttpResponse::MethodNotAllowed()
                        .insert_header((header::ALLOW, "GET, HEAD"))
                        .content_type("text/plain; charset=utf-8")
                        .body("Method Not Allowed")
                })),
        ),
    );
}

/// The handler of every static-folder route (crate::static_files): the file, or the app's 404.
pub(crate) fn serve_static(ctx: Ctx) -> HandlerFuture {
    Box::pin(async move {
        let app = ctx.app().clone();
        match crate::static_files::serve(&app.statics, ctx.req()).await {
            Ok(res) => res,
            Err(e) => response::error_response(&app, Some(&ctx), &e),
        }
    })
}

/// The app mounted in another actix app (for [`FastApp::configure`]): the built-in routes,
/// then one service that runs ft's router for every path one of the app's routes or static
/// folders matches (any method: another one is the 405), so the host's own routes keep the
/// paths ft does not serve. Named routes are also registered for actix's `url_for`.
///
/// [`FastApp::configure`]: crate::FastApp::configure
pub(crate) fn register(cfg: &mut web::ServiceConfig, inner: &Arc<AppInner>) {
    register_builtins(cfg, inner);
    for path in inner.router.paths() {
        if !path.name.is_empty() {
            cfg.external_resource(path.name, path.pattern.actix());
        }
    }
    let (app, guard_app) = (inner.clone(), inner.clone());
    cfg.service(
        web::scope("")
            .guard(actix_web::guard::fn_guard(move |g| {
                // The path as actix matches it (percent-escapes normalised), as `route` sees it.
                let url = actix_web::dev::Url::new(g.head().uri.clone());
                guard_app.router.find(url.path()).is_some()
            }))
            .default_service(actix_web::dev::fn_service(move |req| {
                route(app.clone(), req)
            })),
    );
}

fn method_not_allowed(app: &AppInner, allow: &str) -> HttpResponse {
    let mut res = HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allow))
        .content_type("text/plain; charset=utf-8")
        .body("Method Not Allowed");
    app.security.apply(&mut res, None, false);
    res
}

/// A request no built-in route took: the app's route for its path (its parameters put into
/// `match_info`), a 405, or [`not_found`].
async fn route(
    inner: Arc<AppInner>,
    mut req: ServiceRequest,
) -> Result<ServiceResponse, actix_web::Error> {
    // The whole path as actix matches it (percent-escapes normalised by actix-router): a
    // request that went into the `/_ft` scope and found nothing there comes here with part
    // of its path marked as processed.
    let Some((path, params)) = inner.router.find(req.match_info().as_str()) else {
        let res = not_found(&inner, req.request()).await;
        return Ok(req.into_response(res));
    };
    let Some(target) = path.target(req.method()) else {
        let res = method_not_allowed(&inner, &path.allow);
        return Ok(req.into_response(res));
    };
    for (name, value) in params {
        req.match_info_mut().add_static(name, value);
    }
    let (http_req, mut payload) = req.into_parts();
    let payload =
        <Payload as actix_web::FromRequest>::from_request(&http_req, &mut payload).into_inner()?;
    let res = dispatch(inner, target, http_req.clone(), payload).await;
    Ok(ServiceResponse::new(http_req, res))
}

/// Runs the CSRF check and the beforewares, then the handler; a panic becomes a 500 page and
/// the worker lives on.
async fn dispatch(
    inner: Arc<AppInner>,
    target: Target,
    req: HttpRequest,
    payload: Payload,
) -> HttpResponse {
    let mut ctx = match Ctx::new(req, payload, inner.clone()) {
        Ok(c) => c,
        Err(e) => return response::error_response(&inner, None, &e),
    };
    let stored = match crate::session_store::load(&mut ctx).await {
        Ok(s) => s,
        Err(e) => return response::error_response(&inner, Some(&ctx), &e),
    };
    // Only a server-side session needs it (to expire a cookie whose row is gone).
    let https = stored.is_some() && session::request_is_https(ctx.req(), &inner.session);
    let res = handle(&inner, target, ctx).await;
    match crate::session_store::save(&inner, stored, https, res).await {
        Ok(res) => res,
        Err(e) => response::error_response(&inner, None, &e),
    }
}

/// The CSRF check, the beforewares, the handler.
async fn handle(inner: &Arc<AppInner>, target: Target, mut ctx: Ctx) -> HttpResponse {
    // The layers first (crate::layer): forged cross-site requests are refused before
    // anything else runs (auth::csrf).
    for layer in crate::layer::LAYERS {
        let refused = match layer.before(&mut ctx, target) {
            Some(check) => check.await.err(),
            None => None,
        };
        if let Some(e) = refused {
            let mut res = response::error_response(inner, Some(&ctx), &e);
            crate::session::save_on_error(&ctx, &mut res);
            return res;
        }
    }
    if !inner.befores.is_empty()
        && let Some(res) = run_befores(inner, &mut ctx).await
    {
        return res;
    }
    let handler = target.handler;
    match AssertUnwindSafe(handler(ctx)).catch_unwind().await {
        Ok(res) => res,
        Err(p) => panic_response(inner, p),
    }
}

/// The beforewares in order, unless a skip regex matches the whole path: the first `Some`
/// answers the request.
async fn run_befores(inner: &AppInner, ctx: &mut Ctx) -> Option<HttpResponse> {
    let req = ctx.req().clone(); // the path, borrowed while `ctx` is lent to each beforeware
    for b in &inner.befores {
        if b.skips(req.path()) {
            continue;
        }
        match AssertUnwindSafe((b.f)(ctx)).catch_unwind().await {
            Ok(Some(ft)) => return Some(response::respond(ctx, ft)),
            Ok(None) => {}
            Err(p) => return Some(panic_response(inner, p)),
        }
    }
    None
}

fn panic_response(inner: &AppInner, p: Box<dyn Any + Send>) -> HttpResponse {
    let msg = p
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into());
    response::error_response(
        inner,
        None,
        &Error::internal(format!("handler panicked: {msg}")),
    )
}

/// Unmatched paths: a trailing-slash twin of a route redirects there (307, SPEC 2.13); else 404.
async fn not_found(inner: &AppInner, req: &HttpRequest) -> HttpResponse {
    let path = req.path();
    let twin = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p.to_owned(),
        _ => format!("{path}/"),
    };
    if inner.router.has_app_route(&twin) {
        let q = req.query_string();
        let location = if q.is_empty() {
            twin
        } else {
            format!("{twin}?{q}")
        };
        return HttpResponse::TemporaryRedirect()
            .insert_header((header::LOCATION, location))
            .insert_header((header::VARY, VARY))
            .finish();
    }
    response::error_response(inner, None, &Error::new(404, "404 Not Found"))
}
