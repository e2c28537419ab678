//! The in-process test [`Client`] (FastHTML's `Client`, SPEC 9B): requests go straight into
//! the app's actix service, with a cookie jar kept between requests.

use crate::app::{AppInner, FastApp};
use crate::dispatch::actix_app;
use crate::sse::{EventReader, SseError};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use futures_util::future::LocalBoxFuture;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

type Call = Rc<
    dyn Fn(
        actix_http::Request,
    ) -> LocalBoxFuture<'static, Result<ServiceResponse<BoxBody>, actix_web::Error>>,
>;

/// Drives an app in-process. Cookies set by responses are sent with later requests.
///
/// ```
/// use ft_web::prelude::*;
/// #[rt]
/// fn index() -> Ft { P!("hi") }
///
/// # actix_web::rt::System::new().block_on(async {
/// let cli = Client::new(fast_app().routes(routes![index]).secret_key("test")).await;
/// let r = cli.get("/").htmx().send().await;
/// assert_eq!(r.status(), 200);
/// assert_eq!(r.text(), "<p>hi</p>");
/// # });
/// ```
pub struct Client {
    call: Call,
    app: Arc<AppInner>,
    jar: RefCell<Vec<(String, String)>>,
    follow_redirects: bool,
    csrf: bool,
}

impl Client {
    /// A client for the app.
    ///
    /// # Panics
    /// When the app cannot be built (its session key file cannot be read or written).
    pub fn new(app: FastApp) -> LocalBoxFuture<'static, Client> {
        // Boxed in ft-web, so the app's actix service stack is compiled once here instead of
        // in every test crate (see `FastApp::serve`).
        Box::pin(Client::start(app))
    }

    async fn start(app: FastApp) -> Client {
        let inner = match app.build() {
            Ok(i) => i,
            Err(e) => panic!("ft Client: the app could not be built: {e}"),
        };
        if let Err(e) = inner.open_db().await {
            panic!("ft Client: {e}");
        }
        if let Err(e) = crate::app::run_startup(&crate::ctx::App(inner.clone())).await {
            panic!("ft Client: a startup hook failed: {}", e.message());
        }
        let svc = Rc::new(actix_web::test::init_service(actix_app(inner.clone())).await);
        let call: Call = Rc::new(move |req| {
            let svc = svc.clone();
            Box::pin(async move { svc.call(req).await.map(|r| r.map_into_boxed_body()) })
        });
        Client {
            call,
            app: inner,
            jar: RefCell::new(Vec::new()),
            follow_redirects: false,
            csrf: true,
        }
    }
    /// The app under test, as its handlers see it: its state, database and hub.
    pub fn app(&self) -> crate::App {
        crate::ctx::App(self.app.clone())
    }
    /// Runs the app's shutdown hooks ([`FastApp::on_shutdown`](crate::FastApp::on_shutdown)),
    /// as a served app does when it stops; the first hook's error, if any.
    pub async fn shutdown(&self) -> Result<(), crate::Error> {
        crate::app::run_shutdown(&crate::ctx::App(self.app.clone())).await
    }
    /// Follow redirects (up to 10) instead of returning them.
    pub fn follow_redirects(mut self, on: bool) -> Self {
        self.follow_redirects = on;
        self
    }
    /// Send the session's CSRF token with unsafe requests (`POST`, `PUT`, `PATCH`, `DELETE`),
    /// as a page's form or htmx script would (on by default; see [`crate::auth::csrf`]). Off,
    /// the client sends only what a request sets itself, like a forged cross-site request.
    pub fn csrf(mut self, on: bool) -> Self {
        self.csrf = on;
        self
    }
    /// The CSRF token a page would carry for the client's session (the browser secret
    /// cookie is made if the jar has none); `None` while the session is empty (nothing to
    /// protect).
    pub fn csrf_token(&self) -> Option<String> {
        self.csrf_token_for(self.session())
    }
    /// The CSRF token for these session values (server-side sessions are read from the
    /// app's database first).
    fn csrf_token_for(&self, map: serde_json::Map<String, serde_json::Value>) -> Option<String> {
        if map.is_empty() {
            return None;
        }
        let name = crate::auth::csrf::CSRF_COOKIE;
        let secret = match self.cookie(name) {
            Some(s) => s,
            None => {
                let s = crate::auth::csrf::random_token();
                self.set_cookie(name, &s);
                s
            }
        };
        let session = crate::session::Session::from_map(map);
        Some(crate::auth::csrf::derive(&self.app.key, &secret, &session))
    }
    /// A GET request.
    pub fn get(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::GET, path)
    }
    /// A POST request.
    pub fn post(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::POST, path)
    }
    /// A PUT request.
    pub fn put(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::PUT, path)
    }
    /// A DELETE request.
    pub fn delete(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::DELETE, path)
    }
    /// A PATCH request.
    pub fn patch(&self, path: &str) -> RequestBuilder<'_> {
        self.request(Method::PATCH, path)
    }
    /// A request with any method.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder<'_> {
        RequestBuilder {
            client: self,
            method,
            path: path.to_owned(),
            headers: Vec::new(),
            query: Vec::new(),
            body: Body::None,
            csrf: true,
        }
    }
    /// The session as the app would read it from the cookie jar.
    pub fn session(&self) -> serde_json::Map<String, serde_json::Value> {
        let name = self.app.session_cookie();
        self.cookie(name)
            .map(|v| self.app.decode_session(&v))
            .unwrap_or_default()
    }
    /// Starts the client's session with these values, signed with the app's key (FastHTML's
    /// `app.get_client(**sess)`, SPEC 5.32): the next requests carry it.
    ///
    /// # Panics
    /// When the values do not fit in a session cookie.
    pub fn with_session(self, data: serde_json::Value) -> Self {
        let map = match data {
            serde_json::Value::Object(m) => m,
            other => panic!("ft Client::with_session takes a JSON object, not {other}"),
        };
        match self.app.encode_session(&map) {
            Ok(v) => self.set_cookie(self.app.session_cookie(), &v),
            Err(e) => panic!("ft Client::with_session: {e}"),
        }
        self
    }
    /// A cookie in the jar.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar
            .borrow()
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
    /// Puts a cookie in the jar (e.g. a tampered one).
    pub fn set_cookie(&self, name: &str, value: &str) {
        let mut jar = self.jar.borrow_mut();
        jar.retain(|(k, _)| k != name);
        jar.push((name.to_owned(), value.to_owned()));
    }

    fn store_cookies(&self, headers: &[(String, String)]) {
        let set = headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"));
        for (_, sc) in set {
            let Ok(c) = actix_web::cookie::Cookie::parse(sc.to_owned()) else {
                continue;
            };
            let expired = c.max_age().is_some_and(|m| m.is_zero() || m.is_negative())
                || c.expires_datetime()
                    .is_some_and(|t| t < actix_web::cookie::time::OffsetDateTime::now_utc());
            let mut jar = self.jar.borrow_mut();
            jar.retain(|(k, _)| k != c.name());
            if !expired {
                jar.push((c.name().to_owned(), c.value().to_owned()));
            }
        }
    }
}

/// A multipart file: field, file name, content type, bytes.
type FilePart = (String, String, String, Vec<u8>);

enum Body {
    None,
    Form(Vec<(String, String)>),
    Json(serde_json::Value),
    Multipart(Vec<(String, String)>, Vec<FilePart>),
    Raw(Vec<u8>, String),
}

/// A request being built; finish with [`RequestBuilder::send`].
pub struct RequestBuilder<'c> {
    client: &'c Client,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    body: Body,
    csrf: bool,
}

impl<'a> RequestBuilder<'a> {
    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
    /// Sends no CSRF token with this request (as a forged cross-site request would); see
    /// [`Client::csrf`].
    pub fn no_csrf(mut self) -> Self {
        self.csrf = false;
        self
    }
    /// Marks the request as htmx's (`HX-Request: true`).
    pub fn htmx(self) -> Self {
        self.header("HX-Request", "true")
    }
    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }
    /// An urlencoded form body.
    pub fn form<K: ToString, V: ToString>(
        mut self,
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.body = Body::Form(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
        self
    }
    /// A JSON body.
    pub fn json(mut self, value: serde_json::Value) -> Self {
        self.body = Body::Json(value);
        self
    }
    /// A multipart body field.
    pub fn multipart_field(mut self, name: &str, value: &str) -> Self {
        self.multipart().0.push((name.to_owned(), value.to_owned()));
        self
    }
    /// A multipart file: field name, file name, content type, bytes.
    pub fn file(
        mut self,
        field: &str,
        filename: &str,
        content_type: &str,
        bytes: impl Into<Vec<u8>>,
    ) -> Self {
        self.multipart().1.push((
            field.to_owned(),
            filename.to_owned(),
            content_type.to_owned(),
            bytes.into(),
        ));
        self
    }
    /// A raw body with its content type.
    pub fn body(mut self, bytes: impl Into<Vec<u8>>, content_type: &str) -> Self {
        self.body = Body::Raw(bytes.into(), content_type.to_owned());
        self
    }

    fn multipart(&mut self) -> (&mut Vec<(String, String)>, &mut Vec<FilePart>) {
        if !matches!(self.body, Body::Multipart(..)) {
            self.body = Body::Multipart(Vec::new(), Vec::new());
        }
        match &mut self.body {
            Body::Multipart(f, files) => (f, files),
            _ => unreachable!("set just above"),
        }
    }

    /// Sends the request.
    pub fn send(self) -> LocalBoxFuture<'a, TestResponse> {
        Box::pin(self.send_boxed())
    }

    /// Sends the request and reads the response as a server-sent-events stream, event by
    /// event while the handler produces them, as a browser's `EventSource` would (it sends
    /// `Accept: text/event-stream` unless the request sets an `Accept`). A response that is
    /// not a `200` with type `text/event-stream` is an [`SseError::NotEventStream`] that
    /// shows its status, type and the start of its body.
    ///
    /// ```
    /// use ft_web::prelude::*;
    ///
    /// #[get("/stream")]
    /// fn stream() -> EventStream {
    ///     EventStream::new(futures::stream::iter([
    ///         SseEvent::new(Div!(P!("one"), P!("two"))).event("news").id("1"),
    ///         SseEvent::new("bye").event("close"),
    ///     ]))
    /// }
    ///
    /// #[get("/")]
    /// fn page() -> Ft { P!("a page") }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let client = Client::new(fast_app().routes(routes![stream, page]).secret_key("k")).await;
    /// let mut events = client.get("/stream").sse().await?;
    /// let ev = events.next().await.expect("an event");
    /// assert_eq!(ev.event, "news");
    /// assert_eq!(ev.data, "<div>\n  <p>one</p>\n  <p>two</p>\n</div>"); // data: lines, joined
    /// assert_eq!(ev.id.as_deref(), Some("1"));
    /// assert_eq!(events.next().await.expect("an event").event, "close");
    /// assert!(events.next().await.is_none()); // the handler's stream ended
    ///
    /// let err = client.get("/").sse().await.unwrap_err();
    /// assert!(err.to_string().contains("not an event stream"), "{err}");
    /// # Ok::<(), ft_web::sse::SseError>(())
    /// # }).unwrap();
    /// ```
    pub fn sse(self) -> LocalBoxFuture<'a, Result<EventReader, SseError>> {
        Box::pin(self.sse_boxed())
    }

    async fn sse_boxed(mut self) -> Result<EventReader, SseError> {
        if !self
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("accept"))
        {
            self = self.header("Accept", "text/event-stream");
        }
        let request = format!("{} {}", self.method, self.path);
        let client = self.client;
        let (method, url, headers, payload, ctype) = self.prepare().await;
        let (mut status, mut res_headers, mut body) = client
            .start_once(&method, &url, &headers, payload, ctype)
            .await;
        let mut hops = 0;
        while client.follow_redirects && (300..400).contains(&status) && hops < 10 {
            let Some(loc) = header_in(&res_headers, "location").map(str::to_owned) else {
                break;
            };
            // A redirect only moves a stream: the next request is a GET with no body.
            (status, res_headers, body) = client
                .start_once(&Method::GET, &loc, &headers, None, None)
                .await;
            hops += 1;
        }
        let content_type = header_in(&res_headers, "content-type").map(str::to_owned);
        let is_stream = content_type.as_deref().is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/event-stream"))
        });
        if status == 200 && is_stream {
            return Ok(EventReader::new(request, status, res_headers, body));
        }
        // The body is shown in the error; a body that never ends must not hang the test.
        let read = tokio::time::timeout(
            crate::sse::DEFAULT_READ_TIMEOUT,
            actix_web::body::to_bytes(body),
        )
        .await;
        let text = match read {
            Ok(Ok(b)) => String::from_utf8_lossy(&b).chars().take(300).collect(),
            Ok(Err(e)) => format!("(the body failed: {e})"),
            Err(_) => "(the body did not end)".to_owned(),
        };
        Err(SseError::NotEventStream {
            request,
            status,
            content_type,
            body: text,
        })
    }

    /// The request's URL, headers (with the CSRF token a page would send) and body.
    async fn prepare(
        self,
    ) -> (
        Method,
        String,
        Vec<(String, String)>,
        Option<Vec<u8>>,
        Option<String>,
    ) {
        let client = self.client;
        let mut url = self.path.clone();
        if !self.query.is_empty() {
            let q: Vec<String> = self
                .query
                .iter()
                .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
                .collect();
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&q.join("&"));
        }
        let (payload, ctype) = match self.body {
            Body::None => (None, None),
            Body::Form(f) => {
                let s: Vec<String> = f
                    .iter()
                    .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
                    .collect();
                (
                    Some(s.join("&").into_bytes()),
                    Some("application/x-www-form-urlencoded".to_owned()),
                )
            }
            Body::Json(v) => (
                Some(v.to_string().into_bytes()),
                Some("application/json".to_owned()),
            ),
            Body::Raw(b, c) => (Some(b), Some(c)),
            Body::Multipart(fields, files) => {
                let boundary = "ftTestBoundary7MA4YWxkTrZu0gW";
                let mut out = Vec::new();
                for (k, v) in fields {
                    out.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
                }
                for (field, name, ct, bytes) in files {
                    out.extend(
                        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: {ct}\r\n\r\n")
                            .as_bytes(),
                    );
                    out.extend(bytes);
                    out.extend(b"\r\n");
                }
                out.extend(format!("--{boundary}--\r\n").as_bytes());
                (
                    Some(out),
                    Some(format!("multipart/form-data; boundary={boundary}")),
                )
            }
        };
        let method = self.method;
        let mut headers = self.headers;
        let unsafe_method = !matches!(
            method,
            Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
        );
        let has_token = headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(crate::auth::csrf::CSRF_HEADER));
        if client.csrf
            && self.csrf
            && unsafe_method
            && !has_token
            && let Some(t) = client
                .csrf_token_for(crate::session_store::peek(&client.app, client.session()).await)
        {
            headers.push((crate::auth::csrf::CSRF_HEADER.to_owned(), t));
        }
        (method, url, headers, payload, ctype)
    }

    async fn send_boxed(self) -> TestResponse {
        let client = self.client;
        let (mut method, url, headers, payload, ctype) = self.prepare().await;
        let mut res = client
            .send_once(&method, &url, &headers, payload, ctype)
            .await;
        let mut hops = 0;
        while client.follow_redirects && (300..400).contains(&res.status) && hops < 10 {
            let Some(loc) = res.header("location").map(str::to_owned) else {
                break;
            };
            if res.status == 303 || res.status == 302 || res.status == 301 {
                method = Method::GET;
            }
            res = client.send_once(&method, &loc, &headers, None, None).await;
            hops += 1;
        }
        res
    }
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// A header's first value in a response's list (names are case-insensitive).
fn header_in<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

impl Client {
    async fn send_once(
        &self,
        method: &Method,
        url: &str,
        headers: &[(String, String)],
        payload: Option<Vec<u8>>,
        ctype: Option<String>,
    ) -> TestResponse {
        let (status, headers, body) = self.start_once(method, url, headers, payload, ctype).await;
        let body = match body.try_into_bytes() {
            Ok(b) => b.to_vec(),
            Err(body) => actix_web::body::to_bytes(body)
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default(),
        };
        // On the wire a HEAD response has no body (the server sends only its headers).
        let body = if *method == Method::HEAD {
            Vec::new()
        } else {
            body
        };
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// Sends one request and returns the response with its body not yet read (a stream is
    /// read as it comes); cookies it sets go into the jar.
    async fn start_once(
        &self,
        method: &Method,
        url: &str,
        headers: &[(String, String)],
        payload: Option<Vec<u8>>,
        ctype: Option<String>,
    ) -> (u16, Vec<(String, String)>, BoxBody) {
        let mut req = TestRequest::default()
            .method(method.clone())
            .uri(url)
            .peer_addr(([127, 0, 0, 1], 40000).into());
        for (k, v) in headers {
            req = req.insert_header((k.as_str(), v.as_str()));
        }
        let cookies: Vec<String> = self
            .jar
            .borrow()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !cookies.is_empty() {
            req = req.insert_header(("cookie", cookies.join("; ")));
        }
        if let Some(ct) = ctype {
            req = req.insert_header(("content-type", ct));
        }
        if let Some(p) = payload {
            req = req.set_payload(p);
        }
        let res = match (self.call)(req.to_request()).await {
            Ok(r) => r,
            Err(e) => {
                let status = e.error_response().status().as_u16();
                return (status, Vec::new(), BoxBody::new(e.to_string()));
            }
        };
        let status = res.status().as_u16();
        let headers: Vec<(String, String)> = res
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        self.store_cookies(&headers);
        (status, headers, res.into_body())
    }
}

/// A response from the test [`Client`].
#[derive(Debug, Clone)]
pub struct TestResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl TestResponse {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The body as text (lossy for invalid UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The body's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }
    /// The body as JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
    /// A header's first value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// Every value of a header.
    pub fn headers_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    /// All headers, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }
}
