//! The HTTP/1.1 wire under [`LiveClient`](super::LiveClient): a request written by hand, a
//! response head read up to a size limit, a body read by `Content-Length`, chunked or up to
//! the connection's end. Every read waits at most the client's timeout, and nothing the server
//! sends can make it panic: a bad answer is a [`LiveError`]. Also what a browser takes from an
//! answer: its `Set-Cookie` headers and a page's CSRF token.

use actix_web::rt::net::TcpStream;
use std::time::{Duration, SystemTime};
// actix-http's codec needs tokio's `io-util`, so these are always there.
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The largest response head accepted (status line and headers).
const MAX_HEAD: usize = 64 * 1024;
/// The longest chunk-size line or trailer line accepted.
const MAX_LINE: usize = 4096;

/// A response's status line and headers (names in lower case).
#[derive(Debug)]
pub(super) struct Head {
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the body ends.
#[derive(Debug, Clone, Copy)]
enum Framing {
    /// This many bytes are left.
    Length(usize),
    /// Chunked: where the decoder is.
    Chunked(Chunk),
    /// Up to the connection's end.
    Close,
    /// Nothing more (no body, or all of it read).
    Done,
}

#[derive(Debug, Clone, Copy)]
enum Chunk {
    /// A chunk-size line comes next.
    Size,
    /// This many bytes of the chunk's data are left.
    Data(usize),
    /// The CRLF after a chunk's data comes next.
    DataEnd,
    /// Trailer lines up to an empty one come next.
    Trailers,
}

/// A connection with a response being read.
#[derive(Debug)]
pub(super) struct Conn {
    stream: TcpStream,
    /// Bytes received and not yet used.
    buf: Vec<u8>,
    /// How long each read waits.
    pub timeout: Duration,
    framing: Framing,
}

impl Conn {
    /// Connects to `addr` (`host:port`) and writes `request`.
    pub async fn open(addr: &str, request: &[u8], timeout: Duration) -> Result<Conn, LiveError> {
        let io = |e| LiveError::Io(format!("{addr}: {e}"));
        let connect = TcpStream::connect(addr);
        let mut stream = tokio::time::timeout(timeout, connect)
            .await
            .map_err(|_| LiveError::Timeout(timeout))?
            .map_err(io)?;
        tokio::time::timeout(timeout, stream.write_all(request))
            .await
            .map_err(|_| LiveError::Timeout(timeout))?
            .map_err(io)?;
        Ok(Conn {
            stream,
            buf: Vec::new(),
            timeout,
            framing: Framing::Done,
        })
    }

    /// Reads more bytes into `buf`; `false` at the connection's end.
    async fn fill(&mut self) -> Result<bool, LiveError> {
        let mut chunk = [0u8; 16 * 1024];
        let read = tokio::time::timeout(self.timeout, self.stream.read(&mut chunk));
        let n = read
            .await
            .map_err(|_| LiveError::Timeout(self.timeout))?
            .map_err(|e| LiveError::Io(e.to_string()))?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// Reads the response head (skipping `1xx` interim answers) and sets up the body's
    /// framing; `method` is the request's (a `HEAD` answer has no body).
    pub async fn read_head(&mut self, method: &str) -> Result<Head, LiveError> {
        loop {
            let at = loop {
                if let Some(at) = find(&self.buf, b"\r\n\r\n") {
                    break at;
                }
                if self.buf.len() > MAX_HEAD {
                    return Err(LiveError::TooLarge(format!(
                        "a response head over {MAX_HEAD} bytes"
                    )));
                }
                if !self.fill().await? {
                    return Err(LiveError::Malformed(if self.buf.is_empty() {
                        "the connection closed without a response".into()
                    } else {
                        "the connection closed inside the response head".into()
                    }));
                }
            };
            if at > MAX_HEAD {
                return Err(LiveError::TooLarge(format!(
                    "a response head over {MAX_HEAD} bytes"
                )));
            }
            let raw: Vec<u8> = self.buf.drain(..at + 4).collect();
            let head = parse_head(&String::from_utf8_lossy(&raw[..at]))?;
            if (100..200).contains(&head.status) && head.status != 101 {
                continue;
            }
            self.framing = framing(&head, method)?;
            return Ok(head);
        }
    }

    /// The next piece of the body; `None` once it is complete.
    pub async fn next_data(&mut self) -> Result<Option<Vec<u8>>, LiveError> {
        loop {
            match self.framing {
                Framing::Done => return Ok(None),
                Framing::Length(0) => self.framing = Framing::Done,
                Framing::Length(left) => {
                    if self.buf.is_empty() && !self.fill().await? {
                        return Err(truncated("before its Content-Length"));
                    }
                    let n = left.min(self.buf.len());
                    self.framing = Framing::Length(left - n);
                    return Ok(Some(self.buf.drain(..n).collect()));
                }
                Framing::Close => {
                    if self.buf.is_empty() && !self.fill().await? {
                        self.framing = Framing::Done;
                        return Ok(None);
                    }
                    return Ok(Some(std::mem::take(&mut self.buf)));
                }
                Framing::Chunked(Chunk::Size) => {
                    let line = self.line().await?;
                    let size = line.split(';').next().unwrap_or("").trim();
                    let n = usize::from_str_radix(size, 16)
                        .map_err(|_| LiveError::Malformed(format!("a chunk size {size:?}")))?;
                    self.framing = Framing::Chunked(if n == 0 {
                        Chunk::Trailers
                    } else {
                        Chunk::Data(n)
                    });
                }
                Framing::Chunked(Chunk::Data(left)) => {
                    if self.buf.is_empty() && !self.fill().await? {
                        return Err(truncated("inside a chunk"));
                    }
                    let n = left.min(self.buf.len());
                    self.framing = Framing::Chunked(if n == left {
                        Chunk::DataEnd
                    } else {
                        Chunk::Data(left - n)
                    });
                    return Ok(Some(self.buf.drain(..n).collect()));
                }
                Framing::Chunked(Chunk::DataEnd) => {
                    if !self.line().await?.is_empty() {
                        return Err(LiveError::Malformed("a chunk longer than its size".into()));
                    }
                    self.framing = Framing::Chunked(Chunk::Size);
                }
                Framing::Chunked(Chunk::Trailers) => {
                    if self.line().await?.is_empty() {
                        self.framing = Framing::Done;
                    }
                }
            }
        }
    }

    /// The whole body, at most `max` bytes.
    pub async fn read_body(&mut self, max: usize) -> Result<Vec<u8>, LiveError> {
        let mut body = Vec::new();
        while let Some(data) = self.next_data().await? {
            if body.len() + data.len() > max {
                return Err(LiveError::TooLarge(format!("a body over {max} bytes")));
            }
            body.extend_from_slice(&data);
        }
        Ok(body)
    }

    /// One CRLF-ended line of a chunked body (chunk size, chunk end, trailer).
    async fn line(&mut self) -> Result<String, LiveError> {
        loop {
            if let Some(at) = find(&self.buf, b"\r\n") {
                let line: Vec<u8> = self.buf.drain(..at + 2).collect();
                return Ok(String::from_utf8_lossy(&line[..at]).into_owned());
            }
            if self.buf.len() > MAX_LINE {
                return Err(LiveError::Malformed(format!(
                    "a chunked-body line over {MAX_LINE} bytes"
                )));
            }
            if !self.fill().await? {
                return Err(truncated("inside its chunked framing"));
            }
        }
    }
}

fn truncated(where_: &str) -> LiveError {
    LiveError::Malformed(format!("the connection closed {where_}: a truncated body"))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn parse_head(text: &str) -> Result<Head, LiveError> {
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or("");
    let mut parts = first.splitn(3, ' ');
    let version = parts.next().unwrap_or("");
    let status = parts.next().and_then(|s| s.parse::<u16>().ok());
    let (true, Some(status @ 100..=999)) = (version.starts_with("HTTP/1."), status) else {
        return Err(LiveError::Malformed(format!(
            "not an HTTP/1 status line: {:?}",
            shorten(first, 100)
        )));
    };
    let mut headers = Vec::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            return Err(LiveError::Malformed(format!(
                "a header line without a colon: {:?}",
                shorten(line, 100)
            )));
        };
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    Ok(Head { status, headers })
}

fn framing(head: &Head, method: &str) -> Result<Framing, LiveError> {
    if method == "HEAD" || head.status == 204 || head.status == 304 || head.status == 101 {
        return Ok(Framing::Done);
    }
    let chunked = head
        .headers
        .iter()
        .filter(|(k, _)| k == "transfer-encoding")
        .any(|(_, v)| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return Ok(Framing::Chunked(Chunk::Size));
    }
    let mut lengths = head
        .headers
        .iter()
        .filter(|(k, _)| k == "content-length")
        .map(|(_, v)| v.trim());
    match (lengths.next(), lengths.next()) {
        (None, _) => Ok(Framing::Close),
        (Some(a), b) if b.is_none_or(|b| b == a) => a
            .parse()
            .map(Framing::Length)
            .map_err(|_| LiveError::Malformed(format!("a Content-Length {a:?}"))),
        _ => Err(LiveError::Malformed("two different Content-Lengths".into())),
    }
}

/// Why a [`LiveClient`](super::LiveClient) request failed. Nothing a server sends makes the client panic: a
/// broken answer is one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LiveError {
    /// The address, the path or a header cannot be sent.
    Invalid(String),
    /// Connecting, writing or reading failed.
    Io(String),
    /// A connect, write or read did not finish within the timeout.
    Timeout(Duration),
    /// The server's answer is not HTTP/1.1 as far as the client can tell (a bad status line,
    /// a header without a colon, a bad chunk size, a body cut short).
    Malformed(String),
    /// A response head over 64 KiB, or a body over 64 MiB.
    TooLarge(String),
    /// [`LiveClient::sse`](super::LiveClient::sse) got something else than a `200` `text/event-stream`.
    NotEventStream {
        /// The response's status.
        status: u16,
        /// Its `Content-Type`.
        content_type: Option<String>,
        /// The start of its body.
        body: String,
    },
}

impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiveError::Invalid(why) => write!(f, "live request: {why}"),
            LiveError::Io(e) => write!(f, "live connection: {e}"),
            LiveError::Timeout(d) => write!(f, "no answer within {d:?}"),
            LiveError::Malformed(why) => write!(f, "a malformed response: {why}"),
            LiveError::TooLarge(why) => write!(f, "a response too large: {why}"),
            LiveError::NotEventStream {
                status,
                content_type,
                body,
            } => write!(
                f,
                "not an event stream: status {status}, content type {}, body {body:?}",
                content_type.as_deref().unwrap_or("(none)")
            ),
        }
    }
}

impl std::error::Error for LiveError {}

/// The first `max` characters of `s`, with `...` when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_owned(),
    }
}

pub(super) fn apply_set_cookie(cookies: &mut Vec<(String, String)>, header: &str) {
    let mut parts = header.split(';');
    let Some((name, value)) = parts.next().and_then(|nv| nv.split_once('=')) else {
        return; // not a cookie: ignored, as a browser ignores it
    };
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() {
        return;
    }
    let mut expired = false;
    for attr in parts {
        let (k, v) = attr.split_once('=').unwrap_or((attr, ""));
        let (k, v) = (k.trim(), v.trim());
        if k.eq_ignore_ascii_case("max-age") {
            expired = v.parse::<i64>().is_ok_and(|n| n <= 0);
        } else if k.eq_ignore_ascii_case("expires") {
            let when = v.parse::<actix_web::http::header::HttpDate>();
            expired |= when.is_ok_and(|d| SystemTime::from(d) <= SystemTime::now());
        }
    }
    cookies.retain(|(k, _)| k != name);
    if !expired {
        cookies.push((name.to_owned(), value.to_owned()));
    }
}

/// The value of `attr="..."` in `tag`.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    tag[at..].split('"').next()
}

/// The CSRF token of a page: its `<meta name="csrf-token">`, else the first hidden `_csrf`
/// field (a partial has no head).
pub(super) fn scrape_token(html: &str) -> Option<String> {
    let tags = html.split('<').map(|t| t.split('>').next().unwrap_or(""));
    let mut field = None;
    for tag in tags {
        if tag.starts_with("meta ") && attr(tag, "name") == Some("csrf-token") {
            return attr(tag, "content").map(str::to_owned);
        }
        if field.is_none() && tag.starts_with("input ") && attr(tag, "name") == Some("_csrf") {
            field = attr(tag, "value").map(str::to_owned);
        }
    }
    field
}
