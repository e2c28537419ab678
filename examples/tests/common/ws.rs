//! Websocket tests of the examples against a real server ([`Running`]): ft's own test client
//! ([`ft_web::testing::WsClient`]), which sends what the htmx `ws` extension sends, and raw
//! HTTP/1.1 for requests that must share the server's state and the session cookie with the
//! socket.

use super::Running;
use ft_web::testing::{WsError, WsMessage};
use std::io::{Read, Write};
use std::time::Duration;

/// How long a test waits for a message that should come.
pub const WAIT: Duration = Duration::from_secs(10);

pub type Ws = ft_web::testing::WsClient;

/// Opens a websocket to `path`, sending `cookie` (`name=value`) with the handshake if given.
pub async fn connect(server: &Running, path: &str, cookie: Option<&str>) -> Ws {
    let mut req = server.ws(path).timeout(WAIT);
    if let Some(c) = cookie {
        req = req.cookie(c);
    }
    req.await.expect("websocket handshake")
}

/// Sends what the htmx `ws` extension sends for a form: its fields plus `HEADERS`.
pub async fn send_form(ws: &mut Ws, fields: &[(&str, &str)]) {
    ws.send_form(fields).await.expect("send");
}

/// The next text frame (binary frames skipped; the client answers pings itself); panics on
/// a close or after [`WAIT`].
pub async fn next_text(ws: &mut Ws) -> String {
    loop {
        match ws.recv().await {
            Ok(WsMessage::Text(t)) => return t,
            Ok(WsMessage::Binary(_)) => continue,
            Ok(close) => panic!("the socket closed: {close:?}"),
            Err(e) => panic!("websocket: {e}"),
        }
    }
}

/// Reads messages until one satisfies `pred`; returns it and every one before it.
pub async fn until(ws: &mut Ws, pred: impl Fn(&str) -> bool) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let text = next_text(ws).await;
        let done = pred(&text);
        seen.push(text);
        if done {
            return seen;
        }
    }
}

/// Every text frame that arrives within `ms` milliseconds.
pub async fn during(ws: &mut Ws, ms: u64) -> Vec<String> {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match ws.recv_timeout(left).await {
            Err(WsError::Timeout(_)) => return seen,
            Ok(WsMessage::Text(t)) => seen.push(t),
            Ok(WsMessage::Binary(_)) => continue,
            Ok(close) => panic!("the socket closed: {close:?}"),
            Err(e) => panic!("the socket ended: {e}"),
        }
    }
}

/// A raw HTTP/1.1 response: status code, headers (lower-case names), body.
pub struct Http {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Http {
    /// The `name=value` of the cookie `name` the response sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k == "set-cookie")
            .filter_map(|(_, v)| v.split(';').next())
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }
}

/// One request with `Connection: close` (the blocking I/O runs on a thread of its own).
pub async fn http(
    server: &Running,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Http {
    let addr = server.addr;
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(WAIT)).expect("timeout");
        s.write_all(req.as_bytes()).expect("write");
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        parse(&String::from_utf8_lossy(&raw))
    })
    .await
    .expect("request thread")
}

fn parse(raw: &str) -> Http {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Http {
        status,
        headers,
        body: body.to_owned(),
    }
}
