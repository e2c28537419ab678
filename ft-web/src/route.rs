//! Routes as values. `#[rt]`/`#[get]`/... turn a function into a unit struct that implements
//! [`Route`]; `routes![a, b]` collects them for `fast_app().routes(..)`; an [`ApiRouter`]
//! gives a group of routes a path prefix.

use crate::ctx::Ctx;
use actix_web::HttpResponse;
use std::future::Future;
use std::pin::Pin;

/// What a generated handler returns: a boxed future of the response (actix runs it on the
/// worker thread that accepted the request, so it need not be `Send`).
pub type HandlerFuture = Pin<Box<dyn Future<Output = HttpResponse>>>;

/// A generated handler: extracts the parameters from the request, calls the function, builds
/// the response.
pub type Handler = fn(Ctx) -> HandlerFuture;

/// HTTP methods a route answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET (a GET route also answers HEAD).
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
    /// PATCH
    Patch,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
    /// TRACE
    Trace,
}

impl Method {
    /// The method as actix knows it.
    pub fn to_actix(self) -> actix_web::http::Method {
        use actix_web::http::Method as M;
        match self {
            Method::Get => M::GET,
            Method::Post => M::POST,
            Method::Put => M::PUT,
            Method::Delete => M::DELETE,
            Method::Patch => M::PATCH,
            Method::Head => M::HEAD,
            Method::Options => M::OPTIONS,
            Method::Trace => M::TRACE,
        }
    }
}

/// One route: its path template (`/todos/{id}`, prefixes included), methods, name and
/// handler.
#[derive(Clone)]
pub struct RouteDef {
    /// The path template, as written (`{name}` or `{name:conv}` placeholders).
    pub path: String,
    /// The methods it answers.
    pub methods: &'static [Method],
    /// The route's name (the function's name), for `url_for`.
    pub name: &'static str,
    /// The generated handler.
    pub handler: Handler,
}

impl std::fmt::Debug for RouteDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RouteDef")
            .field("path", &self.path)
            .field("methods", &self.methods)
            .field("name", &self.name)
            .finish()
    }
}

/// A route value (what `#[rt]` generates). Use it in `routes![..]`, as an attribute value
/// (`hx_post = add` renders its path), or build a link with its generated `.to(..)`.
pub trait Route {
    /// The route's definition.
    fn def(&self) -> RouteDef;
    /// Every route it stands for: itself, or each route of a route group (`#[rt]` on an impl
    /// block, SPEC 2.9). `routes![..]` takes these.
    fn defs(&self) -> Vec<RouteDef> {
        vec![self.def()]
    }
}

/// Collects routes: `fast_app().routes(routes![index, add, toggle])`.
///
/// ```
/// use ft_web::prelude::*;
/// #[rt]
/// fn index() -> Ft { P!("hi") }
/// let defs = routes![index];
/// assert_eq!(defs[0].path, "/");
/// ```
#[macro_export]
macro_rules! routes {
    ($($r:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut __ft_defs: ::std::vec::Vec<$crate::RouteDef> = ::std::vec::Vec::new();
        $(__ft_defs.extend($crate::Route::defs(&$r));)*
        __ft_defs
    }};
}

/// A group of routes under a path prefix (FastHTML's `APIRouter`, SPEC 2.33). Declare it as a
/// constant and name it in the route attribute, so `.to()` links carry the prefix at compile
/// time:
///
/// ```
/// use ft_web::prelude::*;
/// pub const ADMIN: ApiRouter = ApiRouter::new("/admin");
///
/// #[rt("/users/{id}", router = ADMIN)]
/// fn user(id: i64) -> Ft { P!(id) }
///
/// assert_eq!(user.to(7).to_string(), "/admin/users/7");
/// assert_eq!(routes![user][0].path, "/admin/users/{id}");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ApiRouter {
    prefix: &'static str,
}

impl ApiRouter {
    /// A router whose routes all start with `prefix` (no trailing slash, e.g. `/admin`).
    pub const fn new(prefix: &'static str) -> ApiRouter {
        ApiRouter { prefix }
    }
    /// The prefix.
    pub const fn prefix(&self) -> &'static str {
        self.prefix
    }
}
