//! [`LiveClient`]: HTTP, websockets and server-sent events against a real server (a
//! [`TestServer`](super::TestServer), or two of them), with a browser's cookie jar and CSRF
//! token.

use super::live_http::{Conn, LiveError, apply_set_cookie, scrape_token, shorten};
use super::live_sse::LiveEvents;
use super::{WsClient, WsConnect};
use crate::sse::EventParser;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long each connect, write and read waits by default.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest response body [`LiveRequest::send`] reads.
const MAX_BODY: usize = 64 * 1024 * 1024;
/// How much of a body an error shows.
const SHOWN_BODY: usize = 300;

/// What the clients of one user share: the cookies and the last CSRF token seen.
#[derive(Debug, Default)]
struct Jar {
    /// `(name, value)` in the order they were first set.
    cookies: Vec<(String, String)>,
    csrf: Option<String>,
}

/// Where a client sends its requests.
#[derive(Debug, Clone)]
struct Base {
    /// `host:port`: the TCP connection and the `Host` header.
    host: String,
    /// `http://host:port`: the `Origin` of unsafe requests and websockets.
    origin: String,
}

fn base(addr_or_url: &str) -> Result<Base, String> {
    let url = if addr_or_url.contains("://") {
        addr_or_url.to_owned()
    } else {
        format!("http://{addr_or_url}")
    };
    let u = url::Url::parse(&url).map_err(|e| format!("{addr_or_url}: {e}"))?;
    if u.scheme() != "http" && u.scheme() != "ws" {
        return Err(format!(
            "{addr_or_url}: the live client speaks plain HTTP only (no TLS)"
        ));
    }
    let host = u.host_str().ok_or(format!("{addr_or_url}: no host"))?;
    let host = format!("{host}:{}", u.port().unwrap_or(80));
    Ok(Base {
        origin: format!("http://{host}"),
        host,
    })
}

/// A browser-like HTTP client for a real server: a [`TestServer`](super::TestServer) or any
/// `http://` address. It keeps cookies and the CSRF token as a browser does, and speaks
/// websockets ([`LiveClient::ws`]) and server-sent events ([`LiveClient::sse`]) with them.
///
/// - **Cookies.** Every `Set-Cookie` is applied to a jar (a `Max-Age` of 0 or less, or an
///   `Expires` in the past, removes the cookie) and the jar is sent as `Cookie:` with every
///   request. `Path` and `Domain` are ignored: every cookie goes to every server the client
///   talks to, which is what a browser does for one loopback site.
/// - **CSRF.** The token is taken from the last HTML page whose `<meta name="csrf-token">`
///   (or, in a partial, a form's hidden `_csrf` field) carried one, and sent as `X-CSRF-Token`
///   with `POST`, `PUT`, `PATCH` and `DELETE`, with `Origin` set to the server's own origin (a
///   browser's same-origin form). ft's token changes at login and logout: get a page after
///   logging in, as a browser does when it follows the login's redirect. ft sends the token
///   in no response header. `.no_csrf()` on a request leaves the token out.
/// - **Two instances.** [`LiveClient::at`] is the same user (same jar, same token) talking
///   to another address: one app behind a load balancer. Clones share the jar too.
/// - **Every wait is bounded** (10 s by default, [`LiveClient::timeout`]): a server that does
///   not answer gives [`LiveError::Timeout`]. Each request has its own connection
///   (`Connection: close`); redirects are not followed (the `303` is the answer).
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::testing::{LiveClient, TestServer};
///
/// #[get("/")]
/// fn home(session: Session) -> Ft {
///     let name = session.get::<String>("name").unwrap_or_default();
///     Titled!("Home", P!(format!("hello {name}")))
/// }
///
/// #[post("/login")]
/// fn login(name: String, session: Session) -> Result<Redirect> {
///     session.insert("name", name)?;
///     Ok(Redirect::to("/"))
/// }
///
/// #[post("/notes")]
/// fn add_note(text: String, session: Session) -> String {
///     format!("{} noted {text}", session.get::<String>("name").unwrap_or_default())
/// }
///
/// #[ws("/whoami")]
/// async fn whoami(msg: String, session: Session) -> String {
///     format!("{msg}: {}", session.get::<String>("name").unwrap_or_default())
/// }
///
/// # // A `#[test]` fn is left out of a doc test: here it is a plain async fn that `main` runs.
/// # fn main() { ft_web::actix_web::rt::System::new().block_on(logs_in()).unwrap() }
/// # /*
/// #[ft_web::test]
/// # */
/// async fn logs_in() -> Result<(), Box<dyn std::error::Error>> {
///     let server = TestServer::start(|| fast_app().routes(routes![home, login, add_note, whoami]));
///     let client = LiveClient::new(server.addr);
///
///     let r = client.post("/login").form(&[("name", "ann")]).send().await?;
///     assert_eq!(r.status, 303);
///     assert!(client.cookie("session_").is_some());
///     // The page after the login carries the session's CSRF token.
///     assert!(client.get("/").send().await?.text().contains("hello ann"));
///
///     let r = client.post("/notes").form(&[("text", "milk")]).send().await?;
///     assert_eq!(r.text(), "ann noted milk");
///     let r = client.post("/notes").form(&[("text", "milk")]).no_csrf().send().await?;
///     assert_eq!(r.status, 403);
///
///     let mut ws = client.ws("/whoami").await?;
///     ws.send_form(&[("msg", "me")]).await?;
///     assert_eq!(ws.recv_text().await?, "me: ann");
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone)]
pub struct LiveClient {
    base: Result<Base, String>,
    jar: Arc<Mutex<Jar>>,
    timeout: Duration,
}

impl LiveClient {
    /// A client for the server at `addr_or_url`: a `SocketAddr` (`server.addr`), `host:port`
    /// or `http://host:port`. A bad address is reported by the first request.
    pub fn new(addr_or_url: impl std::fmt::Display) -> LiveClient {
        LiveClient {
            base: base(&addr_or_url.to_string()),
            jar: Arc::default(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The same user at another address (another instance of the app): the jar and the
    /// CSRF token are shared with this client.
    pub fn at(&self, addr_or_url: impl std::fmt::Display) -> LiveClient {
        LiveClient {
            base: base(&addr_or_url.to_string()),
            jar: Arc::clone(&self.jar),
            timeout: self.timeout,
        }
    }

    /// How long each connect, write and read waits (10 s); also the websockets' timeout.
    pub fn timeout(mut self, wait: Duration) -> Self {
        self.timeout = wait;
        self
    }

    fn jar(&self) -> std::sync::MutexGuard<'_, Jar> {
        self.jar.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value of the cookie `name` in the jar.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let jar = self.jar();
        jar.cookies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// Puts a cookie in the jar (replacing one of that name).
    pub fn set_cookie(&self, name: &str, value: &str) {
        let mut jar = self.jar();
        match jar.cookies.iter_mut().find(|(k, _)| k == name) {
            Some(c) => c.1 = value.to_owned(),
            None => jar.cookies.push((name.to_owned(), value.to_owned())),
        }
    }

    /// Removes a cookie from the jar.
    pub fn remove_cookie(&self, name: &str) {
        self.jar().cookies.retain(|(k, _)| k != name);
    }

    /// The CSRF token the client sends with unsafe requests: the last one a page carried.
    pub fn csrf_token(&self) -> Option<String> {
        self.jar().csrf.clone()
    }

    /// The `Cookie` header the jar makes, if it holds any cookie.
    fn cookie_header(&self) -> Option<String> {
        let jar = self.jar();
        let all: Vec<String> = jar
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        (!all.is_empty()).then(|| all.join("; "))
    }

    /// `http://host:port`, the origin the client sends.
    pub fn origin(&self) -> Option<&str> {
        self.base.as_ref().ok().map(|b| b.origin.as_str())
    }

    /// A request with any method.
    pub fn request(&self, method: &str, path: &str) -> LiveRequest {
        LiveRequest {
            client: self.clone(),
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            headers: Vec::new(),
            body: None,
            csrf: true,
        }
    }

    /// A `GET` request.
    pub fn get(&self, path: &str) -> LiveRequest {
        self.request("GET", path)
    }

    /// A `POST` request (sends the CSRF token and `Origin`).
    pub fn post(&self, path: &str) -> LiveRequest {
        self.request("POST", path)
    }

    /// A `PUT` request (sends the CSRF token and `Origin`).
    pub fn put(&self, path: &str) -> LiveRequest {
        self.request("PUT", path)
    }

    /// A `PATCH` request (sends the CSRF token and `Origin`).
    pub fn patch(&self, path: &str) -> LiveRequest {
        self.request("PATCH", path)
    }

    /// A `DELETE` request (sends the CSRF token and `Origin`).
    pub fn delete(&self, path: &str) -> LiveRequest {
        self.request("DELETE", path)
    }

    /// A websocket to `path` on this client's server, with the jar's cookies (so the socket's
    /// handlers see the session) and the server's own `Origin`, as the page's htmx `ws`
    /// extension opens it. Add headers, then `.await` it.
    pub fn ws(&self, path: &str) -> WsConnect {
        let path = absolute(path);
        let url = match &self.base {
            Ok(b) => format!("ws://{}{path}", b.host),
            Err(why) => why.clone(), // not a URL: the handshake reports it
        };
        let mut c = WsClient::connect(&url).timeout(self.timeout);
        if let Some(origin) = self.origin() {
            c = c.origin(origin);
        }
        if let Some(cookies) = self.cookie_header() {
            c = c.cookie(&cookies);
        }
        c
    }

    /// Opens a server-sent-events stream at `path` (a `GET` with
    /// `Accept: text/event-stream`, the jar's cookies) and reads it as it arrives.
    ///
    /// # Errors
    /// [`LiveError::NotEventStream`] when the answer is not a `200` `text/event-stream`;
    /// [`LiveError::Timeout`] when no answer comes in time; as [`LiveRequest::send`].
    pub async fn sse(&self, path: &str) -> Result<LiveEvents, LiveError> {
        self.get(path)
            .header("Accept", "text/event-stream")
            .events()
            .await
    }

    /// Applies a response's `Set-Cookie` headers and takes the CSRF token of an HTML page.
    fn learn(&self, headers: &[(String, String)], body: Option<&[u8]>) {
        let mut jar = self.jar();
        for (_, v) in headers.iter().filter(|(k, _)| k == "set-cookie") {
            apply_set_cookie(&mut jar.cookies, v);
        }
        let html = headers
            .iter()
            .any(|(k, v)| k == "content-type" && v.to_ascii_lowercase().contains("text/html"));
        if let (true, Some(body)) = (html, body)
            && let Some(token) = scrape_token(&String::from_utf8_lossy(body))
        {
            jar.csrf = Some(token);
        }
    }
}

/// `path` with a leading `/`.
fn absolute(path: &str) -> String {
    if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

/// A request being built: [`LiveClient::get`], [`LiveClient::post`], ... then
/// [`LiveRequest::send`].
#[derive(Debug)]
#[must_use = "a LiveRequest does nothing until it is sent"]
pub struct LiveRequest {
    client: LiveClient,
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    csrf: bool,
}

impl LiveRequest {
    /// Sends a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// An `application/x-www-form-urlencoded` body.
    pub fn form<K: AsRef<str>, V: AsRef<str>>(self, fields: &[(K, V)]) -> Self {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            s.append_pair(k.as_ref(), v.as_ref());
        }
        self.body(s.finish(), "application/x-www-form-urlencoded")
    }

    /// A body of any type.
    pub fn body(mut self, bytes: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.body = Some(bytes.into());
        self.header("Content-Type", content_type)
    }

    /// Leaves out the CSRF token (to test that the server refuses the request). `Origin` is
    /// still sent.
    pub fn no_csrf(mut self) -> Self {
        self.csrf = false;
        self
    }

    /// The request's bytes, and where to send them.
    fn encode(&self) -> Result<(String, Vec<u8>), LiveError> {
        let base = self.client.base.clone().map_err(LiveError::Invalid)?;
        let path = absolute(&self.path);
        let unsafe_method = matches!(self.method.as_str(), "POST" | "PUT" | "PATCH" | "DELETE");
        let mut headers = vec![
            ("Host".to_owned(), base.host.clone()),
            ("Connection".to_owned(), "close".to_owned()),
        ];
        let has = |name: &str| {
            self.headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case(name))
        };
        if let Some(c) = self.client.cookie_header().filter(|_| !has("cookie")) {
            headers.push(("Cookie".into(), c));
        }
        if unsafe_method && !has("origin") {
            headers.push(("Origin".into(), base.origin.clone()));
        }
        let token = self.client.csrf_token();
        if let Some(t) = token.filter(|_| unsafe_method && self.csrf && !has("x-csrf-token")) {
            headers.push((crate::auth::csrf::CSRF_HEADER.into(), t));
        }
        if self.body.is_some() || unsafe_method {
            let n = self.body.as_ref().map_or(0, Vec::len);
            headers.push(("Content-Length".into(), n.to_string()));
        }
        headers.extend(self.headers.iter().cloned());
        let bad = |s: &str| s.contains(['\r', '\n']);
        if bad(&path) || path.contains(' ') || bad(&self.method) {
            return Err(LiveError::Invalid(format!("{} {path}", self.method)));
        }
        let mut req = format!("{} {path} HTTP/1.1\r\n", self.method);
        for (k, v) in &headers {
            if bad(k) || bad(v) || k.contains(':') {
                return Err(LiveError::Invalid(format!("the header {k:?}")));
            }
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(self.body.as_deref().unwrap_or_default());
        Ok((base.host, bytes))
    }

    async fn open(&self) -> Result<(Conn, super::live_http::Head), LiveError> {
        let (addr, bytes) = self.encode()?;
        let mut conn = Conn::open(&addr, &bytes, self.client.timeout).await?;
        let head = conn.read_head(&self.method).await?;
        Ok((conn, head))
    }

    /// Sends the request and reads the whole response; its cookies go into the jar, and an
    /// HTML page's CSRF token becomes the client's.
    ///
    /// # Errors
    /// [`LiveError::Timeout`] when a connect or read waits longer than the client's timeout,
    /// [`LiveError::Malformed`] / [`LiveError::TooLarge`] for a broken answer,
    /// [`LiveError::Io`], [`LiveError::Invalid`].
    pub async fn send(self) -> Result<LiveResponse, LiveError> {
        let (mut conn, head) = self.open().await?;
        let body = conn.read_body(MAX_BODY).await?;
        self.client.learn(&head.headers, Some(&body));
        Ok(LiveResponse {
            status: head.status,
            headers: head.headers,
            body,
        })
    }

    /// Sends the request and reads the answer as server-sent events.
    async fn events(self) -> Result<LiveEvents, LiveError> {
        let (mut conn, head) = self.open().await?;
        self.client.learn(&head.headers, None);
        let content_type = head.header("content-type").map(str::to_owned);
        let is_stream = content_type.as_deref().is_some_and(|t| {
            let essence = t.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case("text/event-stream")
        });
        if head.status != 200 || !is_stream {
            // Best effort: the status is the error, the body only explains it.
            let body = conn.read_body(MAX_BODY).await.unwrap_or_default();
            let body = shorten(&String::from_utf8_lossy(&body), SHOWN_BODY);
            return Err(LiveError::NotEventStream {
                status: head.status,
                content_type,
                body,
            });
        }
        Ok(LiveEvents {
            conn,
            parser: EventParser::new(),
            ended: false,
            headers: head.headers,
        })
    }
}

/// A response from a [`LiveClient`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveResponse {
    /// The status code.
    pub status: u16,
    /// The headers in order, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl LiveResponse {
    /// The body as text (invalid UTF-8 as U+FFFD).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's first value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The value this response's `Set-Cookie` gives the cookie `name` (`""` when it removes
    /// it); `None` when the response does not set it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k == "set-cookie")
            .filter_map(|(_, v)| v.split(';').next()?.split_once('='))
            .find(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim().to_owned())
    }
}
