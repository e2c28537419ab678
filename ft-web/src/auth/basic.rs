//! HTTP Basic authentication (FastHTML's `user_pwd_auth` / `BasicAuthMiddleware`, SPEC 6C).
//!
//! A request to a path outside the skip list needs an `Authorization: Basic ..` header whose
//! user and password pass the check; the user name then becomes the request's
//! [`Auth<String>`](crate::Auth). Anything else — no header, another scheme, wrong password,
//! and also malformed credentials (bad base64, no UTF-8, no colon), which FastHTML answers
//! with a 500 (SPEC 6.13) — gets `401 not authenticated` with
//! `WWW-Authenticate: Basic realm="login"`. The user `logout`, an empty user and an empty
//! password are always refused (SPEC 6.12). Passwords are compared in constant time; stored
//! values that are Argon2 hashes ([`crate::password::hash`]) are verified as such.
//!
//! Browsers send Basic credentials on their own, also with cross-site requests: the CSRF
//! check ([`crate::auth::csrf`]) covers session cookies only, so keep Basic-auth apps to
//! internal tools or add a session on top.
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::auth::basic::BasicAuth;
//!
//! #[get("/")]
//! fn home(user: Auth<String>) -> String { format!("hello {}", *user) }
//!
//! # actix_web::rt::System::new().block_on(async {
//! let app = fast_app()
//!     .before(BasicAuth::users([("alice", "pw1")]).skip(["/public"]).beforeware())
//!     .routes(routes![home])
//!     .secret_key("k");
//! let cli = Client::new(app).await;
//! assert_eq!(cli.get("/").send().await.status(), 401);
//! let ok = cli.get("/").header("Authorization", "Basic YWxpY2U6cHcx").send().await;
//! assert_eq!(ok.text(), "hello alice");
//! # });
//! ```

use crate::app::Beforeware;
use crate::ctx::Ctx;
use crate::response::FtResponse;
use ft_html::IntoFt;
use std::sync::Arc;

type Check = dyn Fn(&str, &str) -> bool + Send + Sync;

/// Basic-auth settings; [`BasicAuth::beforeware`] turns them into the check. Add it as the
/// app's first beforeware, so later ones see the user.
#[derive(Clone)]
pub struct BasicAuth {
    check: Arc<Check>,
    skip: Vec<String>,
    realm: String,
}

impl BasicAuth {
    /// Users and their passwords (plain text, compared in constant time, or Argon2 hashes
    /// from [`crate::password::hash`]).
    pub fn users<I, U, P>(users: I) -> BasicAuth
    where
        I: IntoIterator<Item = (U, P)>,
        U: Into<String>,
        P: Into<String>,
    {
        let users: Vec<(String, String)> = users
            .into_iter()
            .map(|(u, p)| (u.into(), p.into()))
            .collect();
        BasicAuth::lookup(move |u, p| {
            // Every stored entry is compared, so the time does not tell which users exist.
            let mut ok = false;
            for (name, stored) in &users {
                let name_ok = crate::auth::csrf::ct_eq(name, u);
                let pwd_ok = if stored.starts_with("$argon2") {
                    // A sync check: the pool bounds the hashing, this thread waits for it.
                    name_ok && crate::password::verify_blocking(p, stored).unwrap_or(false)
                } else {
                    crate::auth::csrf::ct_eq(stored, p)
                };
                ok |= name_ok & pwd_ok;
            }
            ok
        })
    }
    /// A function deciding whether a user and password are valid (FastHTML's callable
    /// `lookup`).
    pub fn lookup(f: impl Fn(&str, &str) -> bool + Send + Sync + 'static) -> BasicAuth {
        BasicAuth {
            check: Arc::new(f),
            skip: Vec::new(),
            realm: "login".into(),
        }
    }
    /// Paths that need no credentials (regexes on the whole path).
    pub fn skip<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, patterns: I) -> BasicAuth {
        self.skip
            .extend(patterns.into_iter().map(|p| p.as_ref().to_owned()));
        self
    }
    /// The realm named in `WWW-Authenticate` (`login`).
    pub fn realm(mut self, realm: impl Into<String>) -> BasicAuth {
        self.realm = realm.into().replace(['"', '\\'], "");
        self
    }
    /// The beforeware that checks every request outside the skip list.
    pub fn beforeware(self) -> Beforeware {
        let skip = self.skip.clone();
        let challenge = format!("Basic realm=\"{}\"", self.realm);
        Beforeware::sync(move |ctx: &mut Ctx| {
            let user = ctx
                .header("authorization")
                .and_then(parse_basic)
                .filter(|(u, p)| u != "logout" && !u.is_empty() && !p.is_empty())
                .filter(|(u, p)| (self.check)(u, p));
            match user {
                Some((u, _)) => {
                    ctx.set_auth(u);
                    None
                }
                None => Some(
                    FtResponse::new("not authenticated")
                        .status(401)
                        .header("WWW-Authenticate", challenge.clone())
                        .into_ft(),
                ),
            }
        })
        .skip(skip)
    }
}

/// The user and password of an `Authorization: Basic ..` value; `None` for another scheme or
/// anything malformed (never a panic, never a 500).
///
/// ```
/// use ft_web::auth::basic::parse_basic;
/// assert_eq!(parse_basic("Basic YWxpY2U6cHc6MQ=="), Some(("alice".into(), "pw:1".into())));
/// assert_eq!(parse_basic("Basic !!!notb64"), None);
/// assert_eq!(parse_basic("Bearer t"), None);
/// ```
pub fn parse_basic(header: &str) -> Option<(String, String)> {
    use base64::Engine;
    let mut it = header.split_ascii_whitespace();
    let scheme = it.next()?;
    let creds = it.next()?;
    if it.next().is_some() || !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(creds)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (u, p) = text.split_once(':')?;
    Some((u.to_owned(), p.to_owned()))
}

/// FastHTML's `basic_logout(request)` (SPEC 6.14): `scheme://logout:logout@host/`, a URL
/// that makes most browsers forget the cached credentials (the user `logout` is always
/// refused).
pub fn basic_logout(req: &actix_web::HttpRequest) -> String {
    let scheme = if req.app_config().secure() {
        "https"
    } else {
        "http"
    };
    let host = req
        .headers()
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("{scheme}://logout:logout@{host}/")
}
