//! CSRF protection for cookie-authenticated, state-changing requests (SPEC Appendix B: FastHTML
//! has none).
//!
//! **What is checked.** Every `POST`, `PUT`, `PATCH` or `DELETE` must come from this site as
//! far as the browser says: a `Sec-Fetch-Site` of `same-site` or `cross-site`, or (from a
//! browser that sends no `Sec-Fetch-Site`) an `Origin` whose host is not the request's `Host`,
//! or an `Origin` of `null` (sandboxed frames, `data:` pages), is refused with a `403`. This
//! covers requests without a session too, so a cross-site auto-submitting form cannot log the
//! victim into the attacker's account (login CSRF). Requests without those headers (curl,
//! scripts, the test [`Client`](crate::Client)) pass this check: only browsers run forged
//! forms, and every current browser sends them.
//!
//! A `POST`, `PUT`, `PATCH` or `DELETE` whose session (the `session_` cookie) is not empty
//! must also carry the session's token, in the form field [`CSRF_FIELD`] (`_csrf`) or the
//! header [`CSRF_HEADER`] (`X-CSRF-Token`). Both checks answer `403` before any beforeware or
//! handler runs. Safe methods (`GET`, `HEAD`, `OPTIONS`) are never checked; keep them free of
//! side effects (the session cookie is `SameSite=Lax`, so browsers leave it off cross-site
//! subrequests, but not off top-level `GET` navigations).
//!
//! **Behind a proxy.** The `Origin` is compared with the `Host` header the app receives. A
//! proxy that passes the public `Host` through needs nothing; one that rewrites it needs
//! [`FastApp::csrf_trusted_origins`] (the public origin, e.g. `https://app.example`) or, if it
//! sets `X-Forwarded-Host`, [`FastApp::csrf_trust_forwarded_host`] (never believed otherwise:
//! any client can send it). Browsers that send `Sec-Fetch-Site: same-origin` pass either way.
//! Another origin allowed to post here (a sibling subdomain, another port) goes into
//! [`FastApp::csrf_trusted_origins`] too.
//!
//! **Where the token comes from.** When ft renders HTML for a request whose session is not
//! empty, it makes sure the browser has a secret (32 random bytes, base64url, in the
//! [`CSRF_COOKIE`] cookie); the token is an HMAC of that secret and the session's `auth`
//! value under the app's key (so it changes at login and logout), and ft
//! - adds `<input type="hidden" name="_csrf" value="..">` as the first child of every
//!   `<form method="post">` in the response (full pages and htmx partials; the tree is edited
//!   before rendering, so `Form!`, `fill_form` results and hand-built forms all get it — markup
//!   inside `Raw(..)` does not);
//! - on full pages, adds `<meta name="csrf-token" content="..">` to the head and a small script
//!   that sets the `X-CSRF-Token` header on every same-origin htmx request (`hx-post`,
//!   `hx-put`, `hx-delete`, ... need nothing else). Your own `fetch` calls can read the meta
//!   tag, or take the token from a [`CsrfToken`] handler parameter.
//!
//! **A new string in every response (BREACH).** The token is the same for the whole session,
//! so a compressed page that also reflects what the request sent (a search box, an error
//! message) would let an attacker who can make the browser send requests and watch the
//! response sizes recover it byte by byte (BREACH). Each response therefore carries the token
//! masked with fresh random bytes: `base64url(pad || token XOR pad)` (what Django and Rails
//! do), and the check unmasks what it gets. Every masked form of the token is accepted, and
//! so is the plain token (it never appears in a response).
//!
//! **Opting out.** Per app: `fast_app().csrf(false)`. Per route: `.csrf_exempt(webhook)` (the
//! route value `#[post]` generated) or `.csrf_exempt_paths([r"/api/.*"])` (regexes on the whole
//! path). Webhooks and JSON APIs authenticated by a bearer token (not the cookie) are the usual
//! candidates.
//!
//! ```
//! use ft_web::prelude::*;
//!
//! #[post("/hook")]
//! fn hook(body: ft_web::Body) -> String { format!("got {} bytes", body.0.len()) }
//!
//! let app = fast_app().routes(routes![hook]).csrf_exempt(hook);
//! # let _ = app;
//! ```
//!
//! The test [`Client`](crate::Client) behaves like a browser running the page's script: it
//! sends the session's token with unsafe requests by itself (`.no_csrf()` on a request, or
//! `Client::csrf(false)`, sends none, to test refusals).
//!
//! [`FastApp::csrf_trust_forwarded_host`]: crate::FastApp::csrf_trust_forwarded_host
//! [`FastApp::csrf_trusted_origins`]: crate::FastApp::csrf_trusted_origins

use crate::Error;
use crate::ctx::{Ctx, Extract, Where};
use crate::response::Parts;
use crate::session::Session;
use actix_web::http::Method;
use ft_html::{Element, Ft, Raw};
use regex::Regex;

/// The form field that carries the token.
pub const CSRF_FIELD: &str = "_csrf";
/// The request header that carries the token (htmx and `fetch` requests).
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// The message of the 403 a refused request gets (an `exception_handler(403, ..)` page
/// replaces it).
pub const CSRF_REFUSED: &str = "403 Forbidden: this request did not come from one of this site's own pages (its CSRF token is missing or wrong), so it was refused. If you sent it yourself, reload the page and try again.";

/// The message of the 403 a request from another site gets.
pub const CROSS_SITE_REFUSED: &str = "403 Forbidden: this request was sent from another site (the browser said so in its Origin / Sec-Fetch-Site headers), so it was refused.";

/// The app's CSRF settings.
#[derive(Clone, Debug)]
pub struct CsrfConfig {
    pub(crate) on: bool,
    /// Origins besides the request's own host allowed to send unsafe requests, normalised
    /// (`scheme://host[:port]`, lower case, no default port).
    trusted_origins: Vec<String>,
    trust_forwarded_host: bool,
    exempt_paths: Vec<Regex>,
    /// Path templates of exempt routes (as written in `#[rt]`), compared with the route that
    /// matched.
    exempt_routes: Vec<String>,
}

impl Default for CsrfConfig {
    fn default() -> Self {
        CsrfConfig {
            on: true,
            trusted_origins: Vec::new(),
            trust_forwarded_host: false,
            exempt_paths: Vec::new(),
            exempt_routes: Vec::new(),
        }
    }
}

/// The cookie holding this browser's CSRF secret (random; the token is derived from it).
pub const CSRF_COOKIE: &str = "ft_csrf";

/// A fresh random token: 32 bytes from the OS, base64url.
pub(crate) fn random_token() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    use base64::Engine;
    let mut bytes = [0u8; 32];
    if OsRng.try_fill_bytes(&mut bytes).is_err() {
        // The OS random source failing is not something a request can recover from.
        panic!("ft: the operating system's random number generator failed");
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The token for a browser secret and a session: HMAC-SHA256 under the app's key of the
/// secret and the session's `auth` value. Bound to `auth`, it changes when a user logs in or
/// out, and a secret planted by another site (cookie tossing) gives no token for someone
/// else's login.
pub(crate) fn derive(key: &actix_web::cookie::Key, secret: &str, session: &Session) -> String {
    use base64::Engine;
    let auth = session
        .get_value(crate::auth::AUTH_SESSION_KEY)
        .map(|v| v.to_string())
        .unwrap_or_default();
    use hmac::Mac;
    // HMAC takes a key of any length, so this cannot fail.
    let Ok(mut mac) = hmac::Hmac::<sha2::Sha256>::new_from_slice(key.signing()) else {
        unreachable!("HMAC accepts keys of every length")
    };
    for part in ["ft-csrf", secret, auth.as_str()] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// `token` masked with a fresh random pad, for one response: `base64url(pad || token XOR pad)`
/// (BREACH, see the module docs). Every call gives another string; [`unmask`] gives `token`
/// back. A token that is not base64url is returned as it is.
pub(crate) fn mask(token: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    // `random_token` is 32 random bytes, base64url: decoded, it is the pad.
    let (Ok(raw), Ok(pad)) = (b64.decode(token), b64.decode(random_token())) else {
        return token.to_owned();
    };
    if raw.len() != 32 || pad.len() != 32 {
        return token.to_owned();
    }
    let mut out = pad.clone();
    out.extend(raw.iter().zip(&pad).map(|(t, p)| t ^ p));
    b64.encode(out)
}

/// The token inside a value masked for a response (`base64url(pad || token XOR pad)`, see the
/// module docs), or the value itself when it is not masked (the
/// plain token: the test `Client` and scripts that derived it send that). Client-controlled:
/// anything malformed comes back as it is and fails the comparison.
///
/// ```
/// # use ft_web::auth::csrf::unmask;
/// assert_eq!(unmask("not-masked"), "not-masked");
/// ```
pub fn unmask(sent: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    // A masked 32-byte token is 64 bytes, 86 base64url characters.
    if sent.len() != 86 {
        return sent.to_owned();
    }
    match b64.decode(sent) {
        Ok(both) if both.len() == 64 => {
            let (pad, masked) = both.split_at(32);
            let raw: Vec<u8> = masked.iter().zip(pad).map(|(m, p)| m ^ p).collect();
            b64.encode(raw)
        }
        _ => sent.to_owned(),
    }
}

/// Does the token a request sent (masked or plain) equal `expected`, in constant time?
fn token_matches(sent: &str, expected: &str) -> bool {
    ct_eq(&unmask(sent), expected)
}

/// The browser's secret from its cookie (a well-formed value only).
fn secret_of(ctx: &Ctx) -> Option<String> {
    let c = ctx.req().cookie(CSRF_COOKIE)?;
    let v = c.value();
    (v.len() == 43
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| v.to_owned())
}

/// A secret made during this request (the response sets its cookie).
#[derive(Clone)]
struct NewSecret(String);

/// This request's secret: the cookie's, or a new one (its cookie is set by the response).
fn secret_for(ctx: &mut Ctx) -> String {
    if let Some(s) = secret_of(ctx) {
        return s;
    }
    if let Some(NewSecret(s)) = ctx.auth::<NewSecret>() {
        return s;
    }
    let s = random_token();
    ctx.set_auth(NewSecret(s.clone()));
    s
}

/// Constant-time equality of two secrets (their lengths may differ; only the length leaks).
///
/// ```
/// assert!(ft_web::auth::csrf::ct_eq("abc", "abc"));
/// assert!(!ft_web::auth::csrf::ct_eq("abc", "abd"));
/// ```
pub fn ct_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// The hidden form field carrying `token`.
///
/// ```
/// let f = ft_web::auth::csrf::hidden_field("abc");
/// assert_eq!(f.render(), r#"<input type="hidden" name="_csrf" value="abc">"#);
/// ```
pub fn hidden_field(token: &str) -> Ft {
    let mut input = Element::new_static("input", true);
    input.set("type", "hidden");
    input.set("name", CSRF_FIELD);
    input.set("value", token.to_owned());
    Ft::Element(input)
}

/// The request's CSRF token as a handler parameter, for forms in `Raw` markup or your own
/// `fetch` calls (the response sets the browser's secret cookie if it had none). It is masked
/// afresh for each request (see the module docs on BREACH), so it differs from one response
/// to the next; every one of them is accepted.
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::auth::csrf::CsrfToken;
///
/// #[get("/raw-form")]
/// fn raw_form(csrf: CsrfToken) -> Raw {
///     Raw(format!(r#"<form method="post" action="/x"><input type="hidden" name="_csrf" value="{}"></form>"#, csrf.0).into())
/// }
/// # let _ = raw_form;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

impl Extract for CsrfToken {
    async fn extract(ctx: &mut Ctx, _: &'static str, _: Where) -> Result<Self, Error> {
        let secret = secret_for(ctx);
        let session = ctx.session();
        Ok(CsrfToken(mask(&derive(&ctx.app().key, &secret, &session))))
    }
}

fn is_safe(m: &Method) -> bool {
    matches!(
        *m,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

impl CsrfConfig {
    /// Adds origins allowed to send unsafe requests besides the request's own host
    /// ([`FastApp::csrf_trusted_origins`](crate::FastApp::csrf_trusted_origins)).
    pub(crate) fn trust_origins<I: IntoIterator<Item = S>, S: AsRef<str>>(&mut self, origins: I) {
        self.trusted_origins.extend(
            origins
                .into_iter()
                .filter_map(|o| normal_origin(o.as_ref())),
        );
    }
    /// Compare the `Origin` with `X-Forwarded-Host` instead of `Host`
    /// ([`FastApp::csrf_trust_forwarded_host`](crate::FastApp::csrf_trust_forwarded_host)).
    pub(crate) fn set_trust_forwarded_host(&mut self, on: bool) {
        self.trust_forwarded_host = on;
    }
    /// Exempts the route with this path template
    /// ([`FastApp::csrf_exempt`](crate::FastApp::csrf_exempt)).
    pub(crate) fn exempt_route(&mut self, path: String) {
        self.exempt_routes.push(path);
    }
    /// Exempts paths matching these regexes, anchored at both ends
    /// ([`FastApp::csrf_exempt_paths`](crate::FastApp::csrf_exempt_paths)).
    ///
    /// # Panics
    /// On an invalid regex, at app construction.
    pub(crate) fn exempt_paths<I: IntoIterator<Item = S>, S: AsRef<str>>(&mut self, patterns: I) {
        for p in patterns {
            match Regex::new(&format!("^(?:{})$", p.as_ref())) {
                Ok(re) => self.exempt_paths.push(re),
                Err(e) => panic!(
                    "csrf_exempt_paths: {:?} is not a valid regex: {e}",
                    p.as_ref()
                ),
            }
        }
    }
    /// Is the route registered under this pattern exempt (`.csrf_exempt(route)`)? Worked out
    /// once per route, when the app registers it.
    pub(crate) fn exempts_route(
        &self,
        pattern: &crate::router::Pattern,
        convertors: &[(String, String)],
    ) -> bool {
        self.exempt_routes
            .iter()
            .any(|r| crate::router::Pattern::parse(r, convertors) == *pattern)
    }
}

/// Does the check apply to this request: an unsafe method, CSRF on, neither the route that
/// matched (`route_exempt`) nor the path exempt? Cheap, so safe requests skip [`check`].
pub(crate) fn applies(ctx: &Ctx, route_exempt: bool) -> bool {
    let cfg = &ctx.app().csrf;
    cfg.on
        && !is_safe(ctx.method())
        && !route_exempt
        && !cfg.exempt_paths.iter().any(|re| re.is_match(ctx.path()))
}

/// `scheme://host[:port]` in lower case without the scheme's default port, or `None` for
/// anything that is not an http(s) origin (`null`, garbage).
fn normal_origin(origin: &str) -> Option<String> {
    let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, authority) = origin.split_once("://")?;
    let default = match scheme {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let authority = authority.strip_suffix(default).unwrap_or(authority);
    (!authority.is_empty() && !authority.contains(['/', '@', '?', '#']))
        .then(|| format!("{scheme}://{authority}"))
}

/// The host the browser sent the request to: `Host` (or `X-Forwarded-Host` when trusted).
fn request_host(ctx: &Ctx) -> Option<String> {
    let forwarded = ctx
        .app()
        .csrf
        .trust_forwarded_host
        .then(|| ctx.header("x-forwarded-host"))
        .flatten()
        .and_then(|f| f.split(',').next())
        .map(str::trim);
    forwarded
        .or_else(|| ctx.header("host"))
        .map(str::to_owned)
        .or_else(|| ctx.req().uri().authority().map(|a| a.to_string()))
        .map(|h| h.to_ascii_lowercase())
}

/// Did the browser send this request from this site? `Sec-Fetch-Site` when the browser sends
/// it (it cannot be set by a page's script), else `Origin` against the request's host; a
/// request with neither is not from a browser, or from one too old to say.
fn from_this_site(ctx: &Ctx) -> bool {
    let cfg = &ctx.app().csrf;
    let origin = ctx.header("origin");
    let trusted = || {
        origin
            .and_then(normal_origin)
            .is_some_and(|o| cfg.trusted_origins.contains(&o))
    };
    if let Some(site) = ctx.header("sec-fetch-site") {
        // `none`: the user's own action (a bookmark, the address bar).
        return site.eq_ignore_ascii_case("same-origin")
            || site.eq_ignore_ascii_case("none")
            || trusted();
    }
    let Some(o) = origin else {
        return true;
    };
    let Some(o) = normal_origin(o) else {
        return false; // `null` (sandboxed frames, data: pages) or not an http(s) origin
    };
    // An http page may not post to the app when the app is known to be served over https
    // (a network attacker can write the http page); the reverse is a TLS proxy in front.
    let https = crate::session::request_is_https(ctx.req(), &ctx.app().session);
    let same_host = request_host(ctx).is_some_and(|host| {
        let scheme = o.split_once("://").map_or("", |(s, _)| s);
        !(https && scheme == "http")
            && normal_origin(&format!("{scheme}://{host}")).as_ref() == Some(&o)
    });
    same_host || cfg.trusted_origins.contains(&o)
}

/// The check, run before the beforewares on requests it [`applies`] to: `Err(403)` for a
/// request a browser sent from another site, or for a non-empty session without the
/// session's token.
pub(crate) async fn check(ctx: &mut Ctx) -> Result<(), Error> {
    if !from_this_site(ctx) {
        return Err(Error::new(403, CROSS_SITE_REFUSED));
    }
    if ctx.session_is_empty() {
        return Ok(()); // no session cookie: nothing a forged request could borrow
    }
    let session = ctx.session();
    let Some(secret) = secret_of(ctx) else {
        return Err(Error::new(403, CSRF_REFUSED));
    };
    let expected = derive(&ctx.app().key, &secret, &session);
    if let Some(sent) = ctx.header(CSRF_HEADER) {
        return if token_matches(sent, &expected) {
            Ok(())
        } else {
            Err(Error::new(403, CSRF_REFUSED))
        };
    }
    let ctype = ctx
        .header("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    if ctype.starts_with("application/x-www-form-urlencoded")
        || ctype.starts_with("multipart/form-data")
    {
        ctx.load_body().await?;
        let ok = ctx
            .body()
            .and_then(|b| b.fields.iter().find(|(k, _)| k == CSRF_FIELD))
            .is_some_and(|(_, v)| token_matches(v, &expected));
        if ok {
            return Ok(());
        }
    }
    Err(Error::new(403, CSRF_REFUSED))
}

/// Sets `X-CSRF-Token` on same-origin htmx requests from the page's meta tag, on every
/// request whatever element sends it (no `hx-headers` to inherit): htmx 2's
/// `htmx:configRequest` (`detail.headers`, `detail.path`), and htmx 4's `htmx:config:request`
/// (`detail.ctx.request.headers`, `.action`), also named `htmx-config-request` under
/// FastHTML's `metaCharacter: "-"` config (SPEC 5.4).
const HTMX_SCRIPT: &str = "(function(){function t(h,u){var m=document.querySelector('meta[name=\"csrf-token\"]');if(!m||!h)return;try{if(new URL(u,location.href).origin!==location.origin)return}catch(_){return}h['X-CSRF-Token']=m.content}document.addEventListener('htmx:configRequest',function(e){t(e.detail.headers,e.detail.path)});['htmx:config:request','htmx-config-request'].forEach(function(n){document.addEventListener(n,function(e){var r=e.detail&&e.detail.ctx&&e.detail.ctx.request;if(r)t(r.headers,r.action)})})})();";

/// Called by `response::respond`: on a non-empty session, puts the token into every post form of
/// content it renders (and, on a full page, the meta tag and the htmx script), and sets the
/// browser's secret cookie when this request made one.
/// The CSRF protection as a [`Layer`](crate::layer::Layer): [`check`] before anything else
/// runs, [`inject`] on the result.
pub(crate) struct Csrf;

impl crate::layer::Layer for Csrf {
    fn before<'a>(
        &self,
        ctx: &'a mut Ctx,
        target: crate::router::Target,
    ) -> Option<futures_util::future::LocalBoxFuture<'a, Result<(), Error>>> {
        if !applies(ctx, target.csrf_exempt) {
            return None;
        }
        Some(Box::pin(check(ctx)))
    }
    fn after(&self, ctx: &mut Ctx, parts: &mut Parts, view: crate::layer::View) {
        inject(ctx, parts, view.full_page, view.renders_content);
    }
}

pub(crate) fn inject(ctx: &mut Ctx, parts: &mut Parts, full_page: bool, renders_content: bool) {
    if !ctx.app().csrf.on {
        return;
    }
    if renders_content && ctx.method() != Method::HEAD && !ctx.session_is_empty() {
        let session = ctx.session();
        let secret = secret_for(ctx);
        // One mask per response: the form fields and the meta tag carry the same string.
        let token = mask(&derive(&ctx.app().key, &secret, &session));
        add_token(parts, &token, full_page, request_host(ctx).as_deref());
    }
    if let Some(NewSecret(s)) = ctx.auth::<NewSecret>() {
        let app = ctx.app();
        let https = crate::session::request_is_https(ctx.req(), &app.session);
        let mut c = actix_web::cookie::Cookie::new(CSRF_COOKIE, s);
        c.set_path("/");
        c.set_http_only(true);
        c.set_same_site(actix_web::cookie::SameSite::Lax);
        c.set_secure(app.session.https_only.unwrap_or(https));
        c.set_max_age(actix_web::cookie::time::Duration::seconds(
            app.session.max_age,
        ));
        parts.cookies.push(c.to_string());
    }
}

fn add_token(parts: &mut Parts, token: &str, full_page: bool, host: Option<&str>) {
    for item in parts.content.iter_mut() {
        item.walk_mut(&mut |node| {
            if let Ft::Element(e) = node
                && e.tag() == "form"
                && e.get_str("method")
                    .is_some_and(|m| m.eq_ignore_ascii_case("post"))
                && !has_field(e)
                && posts_here(e.get_str("action").as_deref(), host)
            {
                e.children_mut().insert(0, hidden_field(token));
            }
        });
    }
    if full_page && !parts.content.iter().any(|c| c.tag() == Some("html")) {
        let mut meta = Element::new_static("meta", true);
        meta.set("name", "csrf-token");
        meta.set("content", token.to_owned());
        parts.content.insert(0, Ft::Element(meta));
        let mut script = Element::new_static("script", false);
        script.push(Raw(HTMX_SCRIPT.into()));
        parts.content.push(Ft::Element(script));
    }
}

/// Does a form with this `action` post to this site? Relative actions do; an absolute one
/// (`https://..`, `//..`) only to the request's own host, so the token never goes to another
/// site with a form that posts there.
fn posts_here(action: Option<&str>, host: Option<&str>) -> bool {
    let Some(action) = action else {
        return true;
    };
    // As browsers read a URL: no surrounding spaces or controls, no tabs or newlines inside.
    let action: String = action
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let action = action.as_str();
    let scheme_relative = action.starts_with("//")
        || action.starts_with("\\\\")
        || action.starts_with("/\\")
        || action.starts_with("\\/");
    let absolute = if scheme_relative {
        url::Url::parse(&format!("http:{action}"))
    } else {
        url::Url::parse(action)
    };
    match absolute {
        Err(_) => true, // a path, relative or from the root
        Ok(u) => u.host_str().is_some_and(|h| {
            let authority = match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_owned(),
            };
            host.is_some_and(|host| host.eq_ignore_ascii_case(&authority))
        }),
    }
}

fn has_field(form: &Element) -> bool {
    form.child_nodes()
        .iter()
        .any(|c| c.tag() == Some("input") && c.get_str("name").is_some_and(|n| n == CSRF_FIELD))
}
