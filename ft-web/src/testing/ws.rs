//! A websocket client for tests ([`WsClient`]): it opens a socket on a [`TestServer`](super::TestServer)
//! (or any `ws://` URL) and sends and receives messages, with a timeout on every wait so a
//! test that expects a message that never comes fails instead of hanging.
//!
//! It is built from what ft-web already depends on, so an app's tests need no websocket crate:
//! the HTTP/1.1 upgrade request is written by hand, the frames are actix-http's
//! (`actix_http::ws::Parser`, the piece under its `Codec`, used directly so no codec crate has
//! to be named), the socket is tokio's.

use actix_http::ws::{CloseCode, CloseReason, OpCode, Parser, hash_key};
use actix_web::rt::net::TcpStream;
use actix_web::web::BytesMut;
use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::pin::Pin;
use std::time::Duration;
// actix-http's codec needs tokio's `io-util`, so these are always there.
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long a handshake, a send or a `recv` waits by default.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest frame or message accepted by default (a test's messages are small; this only
/// stops a broken server from filling the memory).
const DEFAULT_MAX_SIZE: usize = 16 * 1024 * 1024;
/// The largest response head read during the handshake.
const MAX_HEAD: usize = 64 * 1024;
/// How much of a refused handshake's body is kept, and how long it is waited for.
const MAX_ERROR_BODY: usize = 64 * 1024;
const ERROR_BODY_WAIT: Duration = Duration::from_secs(2);
/// How much of that body an error message shows.
const SHOWN_BODY: usize = 300;

/// A message from the server. Pings are answered and pongs dropped by the client itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WsMessage {
    /// A text frame (or a fragmented text message, joined).
    Text(String),
    /// A binary frame (or a fragmented binary message, joined).
    Binary(Vec<u8>),
    /// The server closed the socket; the client has answered with its own close frame.
    /// `code` is 1005 when the frame carried none.
    Close {
        /// The close code (1000 normal, 1001 going away, 1008 policy, 1009 too big, ...).
        code: u16,
        /// The reason, often empty.
        reason: String,
    },
}

impl WsMessage {
    /// The text of a text message.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            WsMessage::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Why a websocket could not be opened or used.
#[derive(Debug)]
#[non_exhaustive]
pub enum WsError {
    /// The URL, a header or the path cannot be sent.
    Invalid(String),
    /// The connection failed.
    Io(std::io::Error),
    /// The server answered the upgrade with another status (a 403 from the origin check or
    /// beforeware, a 404, ...). `body` is the response's body, as far as it came.
    Refused {
        /// The response's status code.
        status: u16,
        /// The response's headers, names in lower case.
        headers: Vec<(String, String)>,
        /// The response's body (lossy UTF-8, at most 64 KiB).
        body: String,
    },
    /// The server said 101 but its answer is not a websocket handshake.
    BadHandshake(String),
    /// Nothing came within the timeout.
    Timeout(Duration),
    /// The server broke the websocket protocol (a bad frame, text that is not UTF-8, a frame
    /// over the size limit).
    Protocol(String),
    /// The socket is closed: a close frame was exchanged or the connection ended.
    Closed,
    /// [`WsClient::recv_text`] received something else.
    Unexpected(WsMessage),
}

impl std::fmt::Display for WsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WsError::Invalid(why) => write!(f, "websocket request: {why}"),
            WsError::Io(e) => write!(f, "websocket connection: {e}"),
            WsError::Refused { status, body, .. } => {
                write!(f, "expected 101 Switching Protocols, got {status}")?;
                let body = body.trim();
                if !body.is_empty() {
                    write!(f, ": {}", shorten(body, SHOWN_BODY))?;
                }
                Ok(())
            }
            WsError::BadHandshake(why) => write!(f, "websocket handshake: {why}"),
            WsError::Timeout(d) => write!(f, "no websocket message within {d:?}"),
            WsError::Protocol(why) => write!(f, "websocket protocol error: {why}"),
            WsError::Closed => f.write_str("the websocket is closed"),
            WsError::Unexpected(m) => write!(f, "expected a text message, got {m:?}"),
        }
    }
}

impl std::error::Error for WsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WsError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// The first `max` characters of `s`, with `...` when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_owned(),
    }
}

/// Where to connect and what to ask for.
#[derive(Debug, Clone)]
struct Target {
    /// `host:port` for the TCP connection.
    connect: String,
    /// The `Host` header.
    host: String,
    /// The request target: path and query.
    path: String,
}

impl Target {
    fn from_addr(addr: SocketAddr, path: &str) -> Target {
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        Target {
            connect: addr.to_string(),
            host: addr.to_string(),
            path,
        }
    }

    fn from_url(url: &str) -> Result<Target, WsError> {
        let u = url::Url::parse(url).map_err(|e| WsError::Invalid(format!("{url}: {e}")))?;
        match u.scheme() {
            "ws" | "http" => {}
            "wss" | "https" => {
                return Err(WsError::Invalid(format!(
                    "{url}: the test client does not speak TLS; test the app over ws://"
                )));
            }
            _ => return Err(WsError::Invalid(format!("{url}: not a ws:// URL"))),
        }
        let host = u
            .host_str()
            .ok_or_else(|| WsError::Invalid(format!("{url}: no host")))?;
        let port = u.port_or_known_default().unwrap_or(80);
        let path = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        };
        Ok(Target {
            connect: format!("{host}:{port}"),
            host: match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host.to_owned(),
            },
            path,
        })
    }
}

/// A websocket about to be opened: [`TestServer::ws`](super::TestServer::ws) or
/// [`WsClient::connect`], then headers, then `.await` (or [`WsConnect::connect`]).
#[derive(Debug)]
#[must_use = "a WsConnect does nothing until it is awaited"]
pub struct WsConnect {
    target: Result<Target, WsError>,
    headers: Vec<(String, String)>,
    cookies: Vec<String>,
    timeout: Duration,
    max_size: usize,
}

impl WsConnect {
    fn new(target: Result<Target, WsError>) -> WsConnect {
        WsConnect {
            target,
            headers: Vec::new(),
            cookies: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            max_size: DEFAULT_MAX_SIZE,
        }
    }

    /// Sends a header with the handshake.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends a cookie (`name=value`, as a response's `Set-Cookie` starts) with the handshake:
    /// the session cookie of a page, so the socket's handlers see that session. Several calls
    /// send several cookies.
    pub fn cookie(mut self, cookie: &str) -> Self {
        self.cookies.push(cookie.to_owned());
        self
    }

    /// Sends `Origin`, as a browser always does: the page's origin (`server.url()`) passes
    /// ft's origin check, another host is refused with a 403 (the check lets a handshake
    /// without `Origin` through, as non-browser clients send none).
    pub fn origin(self, origin: &str) -> Self {
        self.header("Origin", origin)
    }

    /// How long the handshake, each send and each [`WsClient::recv`] wait (10 s); change it
    /// later with [`WsClient::set_timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest frame or message the client accepts (16 MiB).
    pub fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Opens the socket: connects, sends the upgrade request and checks the answer.
    ///
    /// # Errors
    /// [`WsError::Refused`] when the server answers with another status than 101 (the error
    /// shows the status and the body), [`WsError::Timeout`] when it does not answer in time,
    /// [`WsError::Io`], [`WsError::Invalid`], [`WsError::BadHandshake`] otherwise.
    pub async fn connect(self) -> Result<WsClient, WsError> {
        let limit = self.timeout;
        tokio::time::timeout(limit, self.handshake())
            .await
            .map_err(|_| WsError::Timeout(limit))?
    }

    async fn handshake(self) -> Result<WsClient, WsError> {
        let target = self.target?;
        let key = handshake_key()?;
        let mut req = format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n",
            target.path, target.host
        );
        let cookie = (!self.cookies.is_empty()).then(|| self.cookies.join("; "));
        let extra = self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        for (name, value) in extra.chain(cookie.as_deref().map(|c| ("Cookie", c))) {
            // A line break would end the header (or the head) early.
            let bad = |s: &str| s.contains(['\r', '\n']);
            if name.is_empty() || bad(name) || name.contains(':') || bad(value) {
                return Err(WsError::Invalid(format!("header {name:?}: {value:?}")));
            }
            req.push_str(&format!("{name}: {value}\r\n"));
        }
        req.push_str("\r\n");
        if target.path.contains([' ', '\r', '\n']) {
            return Err(WsError::Invalid(format!("path {:?}", target.path)));
        }

        let mut stream = TcpStream::connect(&target.connect)
            .await
            .map_err(WsError::Io)?;
        // Small frames go out at once, as a browser's do.
        let _ = stream.set_nodelay(true);
        stream
            .write_all(req.as_bytes())
            .await
            .map_err(WsError::Io)?;

        let mut buf = Vec::new();
        let end = loop {
            if let Some(end) = head_end(&buf) {
                break end;
            }
            if buf.len() > MAX_HEAD {
                return Err(WsError::BadHandshake("a response head over 64 KiB".into()));
            }
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await.map_err(WsError::Io)?;
            if n == 0 {
                return Err(WsError::BadHandshake(
                    "the server closed the connection without answering".into(),
                ));
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = parse_head(&String::from_utf8_lossy(&buf[..end]))
            .ok_or_else(|| WsError::BadHandshake("the answer is not HTTP/1.1".into()))?;
        let rest = buf.split_off(end);
        if head.status != 101 {
            let body = error_body(&mut stream, rest, &head.headers).await;
            return Err(WsError::Refused {
                status: head.status,
                headers: head.headers,
                body,
            });
        }
        let expected = hash_key(key.as_bytes());
        let expected = String::from_utf8_lossy(&expected);
        match head.header("sec-websocket-accept") {
            Some(accept) if accept == expected => {}
            Some(accept) => {
                return Err(WsError::BadHandshake(format!(
                    "Sec-WebSocket-Accept is {accept:?}, expected {expected:?}"
                )));
            }
            None => {
                return Err(WsError::BadHandshake(
                    "101 without Sec-WebSocket-Accept".into(),
                ));
            }
        }
        Ok(WsClient {
            stream,
            // Frames the server sent right behind its answer.
            inbuf: BytesMut::from(&rest[..]),
            out: BytesMut::new(),
            timeout: self.timeout,
            max_size: self.max_size,
            fragment: None,
            close_sent: false,
            close_received: None,
            ended: false,
            headers: head.headers,
        })
    }
}

impl IntoFuture for WsConnect {
    type Output = Result<WsClient, WsError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.connect())
    }
}

/// `Sec-WebSocket-Key`: 16 random bytes, base64. It only proves the server read this
/// request, so it needs no secrecy, but the OS source is at hand.
fn handshake_key() -> Result<String, WsError> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    use base64::Engine;
    let mut bytes = [0u8; 16];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| WsError::Io(std::io::Error::other(e.to_string())))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Where the response head ends (after its blank line), if it has.
fn head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// A response head: status code and headers (names in lower case).
#[derive(Debug, PartialEq)]
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_head(head: &str) -> Option<Head> {
    let mut lines = head.split("\r\n");
    let mut status_line = lines.next()?.split(' ');
    if !status_line.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let status = status_line.next()?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Head { status, headers })
}

/// The body of a refused handshake, as far as it comes within a short wait: by
/// `Content-Length`, chunked, or up to the connection's end. Best effort: the status is the
/// error, the body only explains it.
async fn error_body(
    stream: &mut TcpStream,
    mut got: Vec<u8>,
    headers: &[(String, String)],
) -> String {
    let find = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let length: Option<usize> = find("content-length").and_then(|v| v.parse().ok());
    let chunked = find("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let complete = |got: &[u8]| match length {
        Some(n) => got.len() >= n,
        None => chunked && got.ends_with(b"0\r\n\r\n"),
    };
    let read = async {
        while !complete(&got) && got.len() < MAX_ERROR_BODY {
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&chunk[..n]),
            }
        }
    };
    let _ = tokio::time::timeout(ERROR_BODY_WAIT, read).await;
    if let Some(n) = length {
        got.truncate(n);
    }
    let text = String::from_utf8_lossy(&got).into_owned();
    if chunked { dechunk(&text) } else { text }
}

/// A chunked body's data, as far as it is well formed.
fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        let Some(data) = after.get(..n) else {
            out.push_str(after);
            break;
        };
        if n == 0 {
            break;
        }
        out.push_str(data);
        rest = after[n..].strip_prefix("\r\n").unwrap_or(&after[n..]);
    }
    out
}

/// An open websocket to a server, for tests.
///
/// Every wait has a timeout ([`WsConnect::timeout`], 10 s by default), so a missing message
/// fails the test with [`WsError::Timeout`]; the client stays usable after a timeout. The
/// server's pings are answered while receiving. Dropping the client drops the connection
/// (the server sees the socket end, as when a browser tab closes); [`WsClient::close`] closes
/// it politely.
///
/// ```
/// use ft_web::prelude::*;
/// use ft_web::testing::{TestServer, WsMessage};
///
/// async fn hello(send: WsSend) {
///     let _ = send.send(P!("hello", id = "greeting")).await;
/// }
///
/// #[ws("/echo", conn = hello)]
/// async fn echo(msg: String) -> String {
///     format!("you said {msg}")
/// }
///
/// # // A `#[test]` fn is left out of a doc test: here `echoes` is a plain async fn that the
/// # // doc test's `main` runs, so the example really connects.
/// # fn main() { ft_web::actix_web::rt::System::new().block_on(echoes()) }
/// # /*
/// #[ft_web::test]
/// # */
/// async fn echoes() {
///     let server = TestServer::start(|| fast_app().routes(routes![echo]));
///     let mut ws = server.ws("/echo").await.expect("the socket opens");
///     // The `conn` hook's message comes first.
///     assert!(ws.recv_text().await.unwrap().contains("hello"));
///     // What the htmx `ws` extension sends for a form with a `msg` field.
///     ws.send_form(&[("msg", "hi")]).await.unwrap();
///     assert_eq!(ws.recv().await.unwrap(), WsMessage::Text("you said hi".into()));
///     assert_eq!(ws.close().await.unwrap().0, 1000);
/// }
/// ```
#[derive(Debug)]
pub struct WsClient {
    stream: TcpStream,
    /// Bytes received and not yet parsed into frames.
    inbuf: BytesMut,
    /// Frames waiting to be written: kept here so a send or an answer to a ping cut short by
    /// a timeout goes out whole with the next write instead of leaving half a frame.
    out: BytesMut,
    timeout: Duration,
    max_size: usize,
    /// The start of a fragmented message: its kind and the data so far.
    fragment: Option<(OpCode, Vec<u8>)>,
    close_sent: bool,
    close_received: Option<(u16, String)>,
    /// The connection reached its end.
    ended: bool,
    headers: Vec<(String, String)>,
}

impl WsClient {
    /// A socket to a `ws://host:port/path?query` URL (also `http://`); set headers on the
    /// result, then `.await` it. For a [`TestServer`](super::TestServer), use its
    /// [`ws`](super::TestServer::ws).
    pub fn connect(url: &str) -> WsConnect {
        WsConnect::new(Target::from_url(url))
    }

    /// A socket to `path` on the server at `addr`.
    pub fn connect_addr(addr: SocketAddr, path: &str) -> WsConnect {
        WsConnect::new(Ok(Target::from_addr(addr, path)))
    }

    /// The handshake response's headers, names in lower case.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// How long each send and receive waits.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Sends a text frame.
    ///
    /// # Errors
    /// [`WsError::Closed`] after a close, [`WsError::Io`], [`WsError::Timeout`].
    pub async fn send_text(&mut self, text: &str) -> Result<(), WsError> {
        self.send(OpCode::Text, text.as_bytes()).await
    }

    /// Sends a binary frame.
    ///
    /// # Errors
    /// As [`WsClient::send_text`].
    pub async fn send_binary(&mut self, data: &[u8]) -> Result<(), WsError> {
        self.send(OpCode::Binary, data).await
    }

    /// Sends what the htmx `ws` extension sends when a form is submitted: a JSON object of the
    /// form's fields plus its `HEADERS`, the message a `#[ws]` handler reads its parameters
    /// from.
    ///
    /// # Errors
    /// As [`WsClient::send_text`].
    pub async fn send_form(&mut self, fields: &[(&str, &str)]) -> Result<(), WsError> {
        let mut msg = serde_json::Map::new();
        for (k, v) in fields {
            msg.insert((*k).into(), serde_json::Value::String((*v).into()));
        }
        msg.insert(
            "HEADERS".into(),
            serde_json::json!({"HX-Request": "true", "HX-Trigger": null, "HX-Target": null}),
        );
        self.send_text(&serde_json::Value::Object(msg).to_string())
            .await
    }

    async fn send(&mut self, op: OpCode, data: &[u8]) -> Result<(), WsError> {
        if self.close_sent || self.close_received.is_some() || self.ended {
            return Err(WsError::Closed);
        }
        // Client frames are masked (RFC 6455 5.3).
        Parser::write_message(&mut self.out, data, op, true, true);
        self.flush_in_time().await
    }

    async fn flush_in_time(&mut self) -> Result<(), WsError> {
        let limit = self.timeout;
        tokio::time::timeout(limit, self.flush())
            .await
            .map_err(|_| WsError::Timeout(limit))?
    }

    /// Writes the queued frames. Each `write` either wrote its bytes or, cancelled, none, so
    /// a timeout never leaves half a frame behind.
    async fn flush(&mut self) -> Result<(), WsError> {
        while !self.out.is_empty() {
            let n = self.stream.write(&self.out).await.map_err(WsError::Io)?;
            if n == 0 {
                return Err(WsError::Io(std::io::ErrorKind::WriteZero.into()));
            }
            let _ = self.out.split_to(n);
        }
        Ok(())
    }

    /// The next message, within the client's timeout.
    ///
    /// # Errors
    /// [`WsError::Timeout`] when none comes in time, [`WsError::Closed`] once the socket is
    /// closed (a [`WsMessage::Close`] is returned first when the server closes it),
    /// [`WsError::Protocol`] for a frame that breaks the protocol, [`WsError::Io`].
    pub async fn recv(&mut self) -> Result<WsMessage, WsError> {
        self.recv_timeout(self.timeout).await
    }

    /// [`WsClient::recv`] with another timeout (a short one checks that nothing comes).
    ///
    /// # Errors
    /// As [`WsClient::recv`].
    pub async fn recv_timeout(&mut self, timeout: Duration) -> Result<WsMessage, WsError> {
        tokio::time::timeout(timeout, self.next_message())
            .await
            .map_err(|_| WsError::Timeout(timeout))?
    }

    /// The next message, which must be text.
    ///
    /// # Errors
    /// [`WsError::Unexpected`] with the message when it is not text; as [`WsClient::recv`].
    pub async fn recv_text(&mut self) -> Result<String, WsError> {
        match self.recv().await? {
            WsMessage::Text(t) => Ok(t),
            other => Err(WsError::Unexpected(other)),
        }
    }

    /// Closes the socket (code 1000) and waits for the server's close frame; returns its code
    /// and reason. Messages still on their way are dropped.
    ///
    /// # Errors
    /// [`WsError::Closed`] when the connection ended without the server's close frame; as
    /// [`WsClient::recv`].
    pub async fn close(&mut self) -> Result<(u16, String), WsError> {
        self.close_with(1000, "").await
    }

    /// [`WsClient::close`] with a code and a reason.
    ///
    /// # Errors
    /// As [`WsClient::close`].
    pub async fn close_with(&mut self, code: u16, reason: &str) -> Result<(u16, String), WsError> {
        if let Some(got) = &self.close_received {
            return Ok(got.clone());
        }
        if !self.close_sent && !self.ended {
            let reason = CloseReason {
                code: CloseCode::from(code),
                description: (!reason.is_empty()).then(|| reason.to_owned()),
            };
            Parser::write_close(&mut self.out, Some(reason), true);
            self.close_sent = true;
            self.flush_in_time().await?;
        }
        loop {
            if let WsMessage::Close { code, reason } = self.recv().await? {
                return Ok((code, reason));
            }
        }
    }

    /// Reads until a whole message is buffered. Cancel-safe (it runs under a timeout): bytes
    /// read are kept in `inbuf`, frames to write in `out`, a partial message in `fragment`.
    async fn next_message(&mut self) -> Result<WsMessage, WsError> {
        loop {
            if self.close_received.is_some() {
                return Err(WsError::Closed);
            }
            if let Some(msg) = self.parse_buffered()? {
                if matches!(msg, WsMessage::Close { .. }) {
                    // The echo may find the server gone already; the close still happened.
                    let _ = self.flush().await;
                } else {
                    self.flush().await?;
                }
                return Ok(msg);
            }
            // Answers to pings.
            self.flush().await?;
            if self.ended {
                return Err(WsError::Closed);
            }
            let mut chunk = [0u8; 8192];
            let n = self.stream.read(&mut chunk).await.map_err(WsError::Io)?;
            if n == 0 {
                self.ended = true;
                return Err(WsError::Closed);
            }
            self.inbuf.extend_from_slice(&chunk[..n]);
        }
    }

    /// The next whole message in `inbuf`, answering pings on the way.
    fn parse_buffered(&mut self) -> Result<Option<WsMessage>, WsError> {
        let protocol = |e: actix_http::ws::ProtocolError| WsError::Protocol(e.to_string());
        // `false`: frames from a server must not be masked.
        while let Some((fin, op, data)) =
            Parser::parse(&mut self.inbuf, false, self.max_size).map_err(protocol)?
        {
            let data = data.map(|d| d.to_vec()).unwrap_or_default();
            match op {
                OpCode::Ping => {
                    Parser::write_message(&mut self.out, &data, OpCode::Pong, true, true)
                }
                OpCode::Pong => {}
                OpCode::Close => {
                    let (code, reason) =
                        match Parser::try_parse_close_payload(&data).map_err(protocol)? {
                            Some(r) => (u16::from(r.code), r.description.unwrap_or_default()),
                            None => (1005, String::new()),
                        };
                    if !self.close_sent {
                        // The closing handshake: answer with the same code (RFC 6455 5.5.1).
                        let echo = (code != 1005).then(|| CloseReason::from(CloseCode::from(code)));
                        Parser::write_close(&mut self.out, echo, true);
                        self.close_sent = true;
                    }
                    self.close_received = Some((code, reason.clone()));
                    return Ok(Some(WsMessage::Close { code, reason }));
                }
                OpCode::Text | OpCode::Binary => {
                    if self.fragment.is_some() {
                        return Err(WsError::Protocol(
                            "a new message began inside a fragmented one".into(),
                        ));
                    }
                    if fin {
                        return Ok(Some(message(op, data)?));
                    }
                    self.fragment = Some((op, data));
                }
                OpCode::Continue => {
                    let Some((first, mut so_far)) = self.fragment.take() else {
                        return Err(WsError::Protocol(
                            "a continuation frame without a message to continue".into(),
                        ));
                    };
                    so_far.extend_from_slice(&data);
                    if so_far.len() > self.max_size {
                        return Err(WsError::Protocol(format!(
                            "a message over {} bytes",
                            self.max_size
                        )));
                    }
                    if fin {
                        return Ok(Some(message(first, so_far)?));
                    }
                    self.fragment = Some((first, so_far));
                }
                OpCode::Bad => return Err(WsError::Protocol("a bad opcode".into())),
            }
        }
        Ok(None)
    }
}

/// A whole data message.
fn message(op: OpCode, data: Vec<u8>) -> Result<WsMessage, WsError> {
    if op == OpCode::Text {
        String::from_utf8(data)
            .map(WsMessage::Text)
            .map_err(|_| WsError::Protocol("a text message that is not UTF-8".into()))
    } else {
        Ok(WsMessage::Binary(data))
    }
}

impl super::TestServer {
    /// A websocket to `path` on this server: add headers (a session cookie, an `Origin`),
    /// then `.await` it. See [`WsClient`].
    pub fn ws(&self, path: &str) -> WsConnect {
        WsClient::connect_addr(self.addr, path)
    }
}

#[cfg(test)]
#[path = "ws_tests.rs"]
mod tests;
