//! [`Beforeware`]: code that runs before the handlers (FastHTML's `Beforeware`, SPEC 5C), added
//! with [`FastApp::before`](crate::FastApp::before).

use crate::ctx::Ctx;
use ft_html::Ft;
use futures_util::future::LocalBoxFuture;
use regex::Regex;
use std::sync::Arc;

type BeforeFn = dyn for<'a> Fn(&'a mut Ctx) -> LocalBoxFuture<'a, Option<Ft>> + Send + Sync;

fn before_fn<F>(f: F) -> F
where
    F: for<'a> Fn(&'a mut Ctx) -> LocalBoxFuture<'a, Option<Ft>>,
{
    f
}

/// Code that runs before every matching handler (FastHTML's `Beforeware`, SPEC 5C). It can
/// read the request and session, store request-scoped values (`ctx.set_auth(user)`), or answer
/// the request itself by returning `Some(response)`. Skip patterns are regexes that must match
/// the whole path (SPEC 5.16, 5.17).
///
/// ```
/// use ft_web::prelude::*;
/// let login_required = Beforeware::sync(|ctx: &mut Ctx| {
///     match ctx.session().get::<String>("auth") {
///         Some(user) => { ctx.set_auth(user); None }
///         None => Some(Redirect::to("/login").into_ft()),
///     }
/// })
/// .skip(["/login", r"/static/.*"]);
/// # let _ = login_required;
/// ```
#[derive(Clone)]
pub struct Beforeware {
    pub(crate) f: Arc<BeforeFn>,
    skip: Vec<Regex>,
}

impl Beforeware {
    /// An async beforeware: `Beforeware::new(async |ctx: &mut Ctx| { .. None })`.
    pub fn new<F>(f: F) -> Beforeware
    where
        F: AsyncFn(&mut Ctx) -> Option<Ft> + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        Beforeware {
            f: Arc::new(before_fn(move |ctx| {
                let f = f.clone();
                Box::pin(async move { f(ctx).await })
            })),
            skip: Vec::new(),
        }
    }
    /// A beforeware that needs no `await`.
    pub fn sync<F>(f: F) -> Beforeware
    where
        F: Fn(&mut Ctx) -> Option<Ft> + Send + Sync + 'static,
    {
        Beforeware {
            f: Arc::new(before_fn(move |ctx| {
                let r = f(ctx);
                Box::pin(async move { r })
            })),
            skip: Vec::new(),
        }
    }
    /// Paths this beforeware does not run for: regexes matched against the whole path (no
    /// query). An invalid regex panics here, at app construction, with its error.
    pub fn skip<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, patterns: I) -> Beforeware {
        for p in patterns {
            let anchored = format!("^(?:{})$", p.as_ref());
            match Regex::new(&anchored) {
                Ok(re) => self.skip.push(re),
                Err(e) => panic!(
                    "Beforeware skip pattern {:?} is not a valid regex: {e}",
                    p.as_ref()
                ),
            }
        }
        self
    }
    pub(crate) fn skips(&self, path: &str) -> bool {
        self.skip.iter().any(|re| re.is_match(path))
    }
}

/// What `before = ..` in a route attribute takes (SPEC 2.49): a [`Beforeware`], or a plain
/// `fn(&mut Ctx) -> Option<Ft>` (an async one goes through [`Beforeware::new`]).
pub trait IntoBeforeware {
    /// The beforeware.
    fn into_beforeware(self) -> Beforeware;
}

impl IntoBeforeware for Beforeware {
    fn into_beforeware(self) -> Beforeware {
        self
    }
}

impl<F> IntoBeforeware for F
where
    F: Fn(&mut Ctx) -> Option<Ft> + Send + Sync + 'static,
{
    fn into_beforeware(self) -> Beforeware {
        Beforeware::sync(self)
    }
}

/// A route's own beforewares (`#[get("/x", before = check)]`), in order, unless a skip regex
/// matches the path: the first answer is the response. They run inside the handler, so after
/// the app's beforewares and under the same `catch_unwind`.
pub async fn run_route_befores(
    befores: &[Beforeware],
    ctx: &mut Ctx,
) -> Option<actix_web::HttpResponse> {
    for b in befores {
        if b.skips(ctx.path()) {
            continue;
        }
        if let Some(ft) = (b.f)(ctx).await {
            return Some(crate::response::respond(ctx, ft));
        }
    }
    None
}
