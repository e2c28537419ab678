//! What a handler may return besides HTML: headers, cookies, redirects, JSON, a status,
//! background tasks. Each is an `Ft` extension node, so they mix freely with content in tuples
//! (`(content, HttpHeader::new("X-A", "1"), cookie("k", "v"))`), `Option`s and `Result`s; the
//! response is built from the top-level items (SPEC 4B, 4C).

use super::Error;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use ft_html::{Ext, Ft, IntoFt};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// One response part carried in the tree.
pub(crate) enum Part {
    Header(HttpHeader),
    Cookie(String),
    Redirect(String),
    Status(u16),
    Error(Error),
    Json(serde_json::Value),
    Task(BackgroundTask),
    /// A whole body of text (a handler that returned a string).
    Text(String),
}

/// A string returned by a handler: the whole body, escaped, never wrapped in a page.
pub(crate) fn text_part(text: String) -> Ft {
    part(Part::Text(text))
}

fn part(p: Part) -> Ft {
    Ft::Ext(Ext::new(p))
}

/// A response header (FastHTML's `HttpHeader`, SPEC 4.21).
///
/// ```
/// use ft_web::prelude::*;
/// fn handler() -> impl IntoFt {
///     (P!("saved"), HttpHeader::new("X-Saved", "1"))
/// }
/// # let _ = handler();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpHeader {
    /// Header name.
    pub name: String,
    /// Header value.
    pub value: String,
}

impl HttpHeader {
    /// A header.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> HttpHeader {
        HttpHeader {
            name: name.into(),
            value: value.into(),
        }
    }
}

impl IntoFt for HttpHeader {
    /// An htmx header that navigates (`HX-Redirect`, `HX-Location`, `HX-Push-Url`,
    /// `HX-Replace-Url`) with a script URL or a control character makes the response a `400`:
    /// htmx would run `HX-Redirect: javascript:..`.
    fn into_ft(self) -> Ft {
        if crate::location::htmx_header_ok(&self.name, &self.value) {
            part(Part::Header(self))
        } else {
            Error::bad_request(format!(
                "Header refused: {} must not hold a script URL or a control character",
                self.name
            ))
            .into_ft()
        }
    }
}

/// A `Set-Cookie` (FastHTML's `cookie()`, SPEC 4.25). Several in one response all reach the
/// client (FastHTML keeps only the last, SPEC 4.27). Defaults: path `/`, SameSite Lax. The
/// name and value are percent-encoded (`a b;c` is sent as `a%20b%3Bc`), so any text survives
/// the trip and reads back unchanged in a parameter of the same name (SPEC 4.28).
///
/// ```
/// use ft_web::cookie;
/// let c = cookie("theme", "dark").max_age(3600).http_only(true);
/// assert_eq!(c.to_string(), "theme=dark; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600");
/// ```
#[derive(Debug, Clone)]
pub struct SetCookie(Cookie<'static>);

/// Builds a cookie to return from a handler.
pub fn cookie(name: impl Into<String>, value: impl Into<String>) -> SetCookie {
    let mut c = Cookie::new(name.into(), value.into());
    c.set_path("/");
    c.set_same_site(SameSite::Lax);
    SetCookie(c)
}

impl SetCookie {
    /// Lifetime in seconds.
    pub fn max_age(mut self, secs: i64) -> Self {
        self.0.set_max_age(Duration::seconds(secs));
        self
    }
    /// Path.
    pub fn path(mut self, p: impl Into<String>) -> Self {
        self.0.set_path(p.into());
        self
    }
    /// Domain.
    pub fn domain(mut self, d: impl Into<String>) -> Self {
        self.0.set_domain(d.into());
        self
    }
    /// Secure flag.
    pub fn secure(mut self, on: bool) -> Self {
        self.0.set_secure(on);
        self
    }
    /// HttpOnly flag.
    pub fn http_only(mut self, on: bool) -> Self {
        self.0.set_http_only(on);
        self
    }
    /// SameSite: `"lax"`, `"strict"` or `"none"` (anything else keeps the current value).
    pub fn same_site(mut self, s: &str) -> Self {
        match s.to_ascii_lowercase().as_str() {
            "lax" => self.0.set_same_site(SameSite::Lax),
            "strict" => self.0.set_same_site(SameSite::Strict),
            "none" => self.0.set_same_site(SameSite::None),
            _ => {}
        }
        self
    }
    /// Expires the cookie now (deletes it in the browser).
    pub fn expire(mut self) -> Self {
        self.0.make_removal();
        self
    }
}

impl std::fmt::Display for SetCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.encoded().fmt(f)
    }
}

impl IntoFt for SetCookie {
    fn into_ft(self) -> Ft {
        part(Part::Cookie(self.0.encoded().to_string()))
    }
}

/// A redirect: `303 See Other` for a normal request, `200` with `HX-Redirect` for an htmx
/// request (SPEC 4.29, 4.30).
///
/// [`Redirect::to`] goes to a path on this site only; [`Redirect::external`] to an `http(s)`
/// URL on another site, when you mean it; [`Redirect::local_or`] to an address the client
/// gave (a "return to" or `next` parameter) if it is a path on this site, else to a fallback.
/// A target that is refused (another site given to `to`, a script URL, a CR/LF) makes the
/// response a `400` that says why, never a redirect. FastHTML's `Redirect` accepts any
/// location (SPEC Appendix B), and on htmx requests a `javascript:` one runs as a script.
///
/// ```
/// use ft_web::prelude::*;
/// assert_eq!(Redirect::to("/todos?page=2").location(), Some("/todos?page=2"));
/// assert_eq!(Redirect::to("//evil.example").location(), None); // another host: 400
/// assert_eq!(Redirect::to("javascript:alert(1)").location(), None);
/// assert_eq!(
///     Redirect::external("https://docs.example/a").location(),
///     Some("https://docs.example/a")
/// );
/// let next = "https://evil.example/phish"; // say, from `?next=`
/// assert_eq!(Redirect::local_or(next, "/").location(), Some("/"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect(Result<String, String>);

impl Redirect {
    /// Redirect to a path on this site (`/...`, e.g. a route's `.to(..)` link). Anything
    /// else, including `//host` and `/\host`, which browsers read as another host, is
    /// refused with a `400`.
    pub fn to(path: impl std::fmt::Display) -> Redirect {
        Redirect(crate::location::local(&path.to_string()))
    }
    /// Redirect to an absolute `http://` or `https://` URL, on any site (a payment page, a
    /// provider's login). Other schemes are refused with a `400`. Never pass it an address
    /// the client chose: that is an open redirect.
    pub fn external(url: impl std::fmt::Display) -> Redirect {
        Redirect(crate::location::external(&url.to_string()))
    }
    /// Redirect to `target` if it is a path on this site, else to `fallback` (which must be
    /// one): the safe way to follow a "return to" address that came from the client.
    pub fn local_or(target: impl std::fmt::Display, fallback: impl std::fmt::Display) -> Redirect {
        match crate::location::local(&target.to_string()) {
            Ok(path) => Redirect(Ok(path)),
            Err(_) => Redirect::to(fallback),
        }
    }
    /// The `Location` this redirect sends, or `None` if its target was refused.
    pub fn location(&self) -> Option<&str> {
        self.0.as_deref().ok()
    }
}

impl IntoFt for Redirect {
    fn into_ft(self) -> Ft {
        match self.0 {
            Ok(url) => part(Part::Redirect(url)),
            Err(why) => Error::bad_request(format!("Redirect refused: {why}")).into_ft(),
        }
    }
}

/// Content with a status and headers (FastHTML's `FtResponse`, SPEC 4.34): the content gets
/// the usual page/partial treatment.
///
/// ```
/// use ft_web::prelude::*;
/// let r = FtResponse::new(P!("created")).status(201).header("X-Id", "7");
/// # let _ = r;
/// ```
#[derive(Debug, Clone)]
pub struct FtResponse {
    content: Ft,
    status: u16,
    headers: Vec<HttpHeader>,
}

impl FtResponse {
    /// Content with status 200.
    pub fn new(content: impl IntoFt) -> FtResponse {
        FtResponse {
            content: content.into_ft(),
            status: 200,
            headers: Vec::new(),
        }
    }
    /// The status.
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
    /// Adds a header (headers inside the content override these, SPEC 4.34).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push(HttpHeader::new(name, value));
        self
    }
}

impl IntoFt for FtResponse {
    fn into_ft(self) -> Ft {
        let mut items = vec![part(Part::Status(self.status))];
        items.extend(self.headers.into_iter().map(IntoFt::into_ft));
        items.push(self.content);
        Ft::Fragment(items)
    }
}

impl<T: serde::Serialize> IntoFt for crate::ctx::Json<T> {
    /// A JSON response (`application/json`, SPEC 4.17). A value serde cannot write is a 500.
    fn into_ft(self) -> Ft {
        match serde_json::to_value(&self.0) {
            Ok(v) => part(Part::Json(v)),
            Err(e) => Error::internal(format!("response is not JSON: {e}")).into_ft(),
        }
    }
}

impl IntoFt for Error {
    /// An error in the content makes the response that error's status page.
    fn into_ft(self) -> Ft {
        part(Part::Error(self))
    }
}

/// Work to run after the response is sent (FastHTML's `BackgroundTask`, SPEC 4.37).
pub struct BackgroundTask(Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>);

impl BackgroundTask {
    /// A task from a future.
    pub fn new(fut: impl Future<Output = ()> + Send + 'static) -> BackgroundTask {
        BackgroundTask(Mutex::new(Some(Box::pin(fut))))
    }
    pub(crate) fn take(&self) -> Option<Pin<Box<dyn Future<Output = ()> + Send>>> {
        self.0.lock().ok().and_then(|mut g| g.take())
    }
}

impl std::fmt::Debug for BackgroundTask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackgroundTask")
    }
}

impl IntoFt for BackgroundTask {
    fn into_ft(self) -> Ft {
        part(Part::Task(self))
    }
}

/// The response parts of a handler's result: its content, and what the extension nodes at
/// the top level say.
#[derive(Default)]
pub(crate) struct Parts {
    pub content: Vec<Ft>,
    pub headers: Vec<HttpHeader>,
    pub cookies: Vec<String>,
    pub redirect: Option<String>,
    pub status: Option<u16>,
    pub error: Option<Error>,
    pub json: Option<serde_json::Value>,
    pub text: Option<String>,
    pub tasks: Vec<Pin<Box<dyn Future<Output = ()> + Send>>>,
}

impl Parts {
    /// Splits a result into content and parts: fragments are flattened, extension nodes are
    /// taken out wherever they stand at the top level.
    pub fn split(ft: Ft) -> Parts {
        let mut parts = Parts::default();
        parts.take(ft);
        // A result that is nothing but text (a string or number, also inside `Ok`) is the
        // whole body, as FastHTML sends a returned `str` (SPEC 4.12, 4.14): never a page.
        if let [Ft::Text(t)] = parts.content.as_slice() {
            parts.text = Some(t.to_plain().into_owned());
            parts.content.clear();
        }
        parts
    }

    fn take(&mut self, ft: Ft) {
        match ft {
            Ft::Fragment(items) => {
                for item in items {
                    self.take(item);
                }
            }
            Ft::Ext(ext) => match ext.downcast_ref::<Part>() {
                Some(Part::Header(h)) => self.headers.push(h.clone()),
                Some(Part::Cookie(c)) => self.cookies.push(c.clone()),
                Some(Part::Redirect(u)) => self.redirect = Some(u.clone()),
                Some(Part::Status(s)) => self.status = Some(*s),
                Some(Part::Error(e)) if self.error.is_none() => {
                    let copy = Error::new(e.status(), e.message());
                    self.error = Some(match e.retry_after() {
                        Some(secs) => copy.with_retry_after(secs),
                        None => copy,
                    });
                }
                Some(Part::Error(_)) => {}
                Some(Part::Json(v)) => self.json = Some(v.clone()),
                Some(Part::Text(t)) => self.text = Some(t.clone()),
                Some(Part::Task(t)) => self.tasks.extend(t.take()),
                None => self.content.push(Ft::Ext(ext)),
            },
            other => self.content.push(other),
        }
    }
}
