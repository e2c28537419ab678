//! OAuth 2.0 / OpenID Connect login, as FastHTML's `fasthtml.oauth` does it (SPEC 6D), with
//! the holes of SPEC Appendix B closed.
//!
//! A [`Provider`] holds a provider's endpoints and your app's credentials: [`Provider::google`],
//! [`Provider::github`], [`Provider::huggingface`], [`Provider::discord`], [`Provider::auth0`],
//! [`Provider::apple`], any OpenID Connect issuer ([`Provider::discover`]) or any OAuth2
//! server ([`Provider::oauth2`]). An [`OAuth`] wires it into the app, like FastHTML's
//! `OAuth(app, cli)`:
//!
//! - `GET`/`POST /redirect` (the provider sends the user back here), `POST /logout` (a POST
//!   with the page's CSRF token, so another site cannot log the user out; FastHTML's is a
//!   GET), and `GET /oauth/login`, where the login link points;
//! - a beforeware that sets the request's [`Auth<String>`](crate::Auth) from the session and
//!   sends anyone without one to `/login` (303), except on the skip list (by default the
//!   redirect, error, login and start paths); `check_invalid` may still refuse a logged-in
//!   user;
//! - your `get_auth` hook, called with the provider's user info, the user's id, the state you
//!   passed to the login link and the request; its `Some(response)` logs the user in
//!   (`session["auth"] = ident`) and is the response, `None` sends them back to `/login`.
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::auth::oauth::{OAuth, OAuthClient, OAuthLogin, Provider};
//!
//! #[get("/")]
//! fn home(user: Auth<String>) -> Ft { P!(format!("Logged in as {}", *user)) }
//!
//! #[get("/login")]
//! fn login(oauth: OAuthClient) -> Ft { A!("Log in with GitHub", href = oauth.login_link(None)) }
//!
//! let github = Provider::github("client-id", "client-secret");
//! let oauth = OAuth::new(github, async |user: OAuthLogin, _ctx: &mut Ctx| {
//!     // look the user up, create them, refuse them...
//!     // back to where the login started (`login_link(Some("/page"))`): a path on this site
//!     // only, else "/"
//!     Some(user.return_to("/").into_ft())
//! })
//! .redirect_base("https://myapp.example");
//! let app = fast_app().oauth(oauth).routes(routes![home, login]);
//! # let _ = app;
//! ```
//!
//! **What ft does that FastHTML does not.**
//! - *State is the framework's.* The login link goes to ft's own start route, which makes a
//!   random `state` (and a PKCE verifier where the provider supports PKCE), keeps them with
//!   the redirect URI and your own state in a short-lived encrypted cookie (`ft_oauth`, 10
//!   minutes, one use), and sends the user to the provider. The redirect is refused unless
//!   its `state` matches that cookie, so a login can only finish in the browser that started
//!   it (CSRF on the login flow), and a code cannot be replayed through it. FastHTML passes
//!   `state` through unchecked. Your state never travels through the provider, so it cannot be
//!   tampered with either.
//! - *The redirect URI is not built from `X-Forwarded-Host`* (SPEC 6.24): it is
//!   [`OAuth::redirect_base`] when set (do set it in production), else the request's `Host`
//!   if it is in [`OAuth::trusted_hosts`] (when given); `X-Forwarded-Host` counts only with
//!   [`OAuth::trust_forwarded_host`], and only for a trusted host.
//! - *The way back is local.* [`OAuthLogin::return_to`] redirects to the state given to the
//!   login link only if it is a path on this site: `/oauth/login?state=https://evil.example`
//!   cannot send a freshly logged-in user off-site (FastHTML's documented pattern redirects
//!   to whatever `state` says).
//! - *A stale `oauth_error` is removed by a successful login* (SPEC 6.21), and the CSRF token
//!   is rotated.
//! - Provider errors (denied consent, a bad code, a failing userinfo endpoint) all end at the
//!   error path with a short `oauth_error` in the session, never a 500.

use crate::Error;
use crate::app::Beforeware;
use crate::auth::csrf::{ct_eq, random_token};
use crate::ctx::{Ctx, Extract, Where};
use crate::response::{Redirect, cookie};
use crate::route::{HandlerFuture, Method, RouteDef};
use crate::session::Session;
use actix_web::cookie::{Cookie, CookieJar};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ft_html::{Ft, IntoFt};
use futures_util::future::LocalBoxFuture;
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;

/// The session key for the last OAuth error (FastHTML's `session['oauth_error']`).
pub use super::OAUTH_ERROR_KEY;
/// The cookie holding a login in progress (state, PKCE verifier, redirect URI, your state).
pub const PENDING_COOKIE: &str = "ft_oauth";
/// How long a started login may take, in seconds.
pub const PENDING_MAX_AGE: i64 = 600;
/// The longest error text kept in the session (a provider's error page must not overflow the
/// session cookie).
const MAX_ERROR_LEN: usize = 200;

mod flow;
mod provider;
mod wire;

// One namespace for the three parts (each starts with `use super::*`).
pub use flow::*;
pub use provider::*;
pub use wire::*;
