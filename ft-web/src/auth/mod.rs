//! Authentication: session logins (the beforeware pattern of FastHTML's docs), OAuth
//! providers (`oauth`, cargo feature `oauth`), HTTP Basic auth ([`basic`]) and CSRF protection ([`csrf`]).
//!
//! The logged-in user is a request-scoped value a beforeware sets with
//! [`Ctx::set_auth`](crate::Ctx::set_auth) and a handler reads with an
//! [`Auth<T>`](crate::Auth) parameter. It lives beside the request, not in its data: no query
//! parameter, form field, cookie or header named `auth` can ever supply it (FastHTML's `auth`
//! is a request-scope key, but any plain parameter can come from a cookie or header, SPEC 3.1).
//!
//! ```
//! use ft_web::prelude::*;
//!
//! #[get("/")]
//! fn home(user: Auth<String>) -> Ft { P!(format!("Hello {}", *user)) }
//!
//! #[post("/login")]
//! async fn login(name: String, pwd: String, session: Session) -> Result<Redirect> {
//!     // look the user up; `password::verify_user` costs the same whether they exist or not
//!     let stored: Option<String> = None;
//!     if !ft_web::password::verify_user(&pwd, stored.as_deref()).await? {
//!         return Ok(Redirect::to("/login"));
//!     }
//!     ft_web::auth::log_in(&session, &name)?;
//!     Ok(Redirect::to("/"))
//! }
//!
//! let app = fast_app()
//!     .before(ft_web::auth::login_required::<String>("/login").skip(["/login"]))
//!     .routes(routes![home, login]);
//! # let _ = app;
//! ```

pub mod basic;
pub mod csrf;
#[cfg(feature = "oauth")]
pub mod mock_provider;
#[cfg(feature = "oauth")]
pub mod oauth;

use crate::Error;
use crate::app::Beforeware;
use crate::ctx::Ctx;
use crate::response::Redirect;
use crate::session::Session;
use ft_html::IntoFt;

/// The session key holding the logged-in user (FastHTML's `session['auth']`).
pub const AUTH_SESSION_KEY: &str = "auth";

/// The session key for the last OAuth error (FastHTML's `session['oauth_error']`).
pub const OAUTH_ERROR_KEY: &str = "oauth_error";

/// Logs `user` in: stores it under [`AUTH_SESSION_KEY`] and drops a stale `oauth_error`.
/// The CSRF token is derived from this value, so tokens of pages seen before the login are
/// worth nothing after it.
///
/// ```
/// let s = ft_web::Session::default();
/// s.insert("oauth_error", "access_denied").unwrap();
/// ft_web::auth::log_in(&s, "uma").unwrap();
/// assert_eq!(s.get::<String>("auth").as_deref(), Some("uma"));
/// assert!(!s.contains("oauth_error"));
/// ```
pub fn log_in(session: &Session, user: impl serde::Serialize) -> Result<(), Error> {
    session.insert(AUTH_SESSION_KEY, user)?;
    session.remove(OAUTH_ERROR_KEY);
    Ok(())
}

/// Logs out: removes [`AUTH_SESSION_KEY`] (which also changes the CSRF token).
pub fn log_out(session: &Session) {
    session.remove(AUTH_SESSION_KEY);
}

/// The usual "login required" beforeware: a session whose [`AUTH_SESSION_KEY`] holds a `T`
/// makes the request authenticated (`Auth<T>` parameters get it); any other request is
/// redirected (303, or `HX-Redirect` for htmx) to `login_path`. Add `.skip([..])` for the
/// login page and public paths.
pub fn login_required<T>(login_path: &str) -> Beforeware
where
    T: serde::de::DeserializeOwned + Clone + 'static,
{
    let login = login_path.to_owned();
    Beforeware::sync(
        move |ctx: &mut Ctx| match ctx.session().get::<T>(AUTH_SESSION_KEY) {
            Some(user) => {
                ctx.set_auth(user);
                None
            }
            None => Some(Redirect::to(login.as_str()).into_ft()),
        },
    )
}
