//! Websocket tests of the examples against a real server ([`Running`]): a tokio-tungstenite
//! client that sends what the htmx `ws` extension sends, and raw HTTP/1.1 for requests that
//! must share the server's state and the session cookie with the socket.

use super::Running;
use futures_util::{SinkExt, StreamExt};
use std::io::{Read, Write};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// How long a test waits for a message that should come.
pub const WAIT: Duration = Duration::from_secs(10);

pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a websocket to `path`, sending `cookie` (`name=value`) with the handshake if given.
pub async fn connect(server: &Running, path: &str, cookie: Option<&str>) -> Ws {
    let url = format!("ws://{}{path}", server.addr);
    let mut req = url.into_client_request().expect("websocket request");
    if let Some(c) = cookie {
        req.headers_mut()
            .insert("cookie", c.parse().expect("cookie header"));
    }
    let (ws, _) = tokio_tungstenite::connect_async(req)
        .await
        .expect("websocket handshake");
    ws
}

/// Sends what the htmx `ws` extension sends for a form: its fields plus `HEADERS`.
pub async fn send_form(ws: &mut Ws, fields: &[(&str, &str)]) {
    let mut msg = serde_json::Map::new();
    for (k, v) in fields {
        msg.insert((*k).into(), serde_json::Value::String((*v).into()));
    }
    msg.insert(
        "HEADERS".into(),
        serde_json::json!({"HX-Request": "true", "HX-Trigger": null, "HX-Target": null}),
    );
    let text = serde_json::Value::Object(msg).to_string();
    ws.send(Message::Text(text.into())).await.expect("send");
}

/// The next text frame (pings skipped); panics on a close or after [`WAIT`].
pub async fn next_text(ws: &mut Ws) -> String {
    loop {
        let next = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a websocket message in time");
        match next {
            Some(Ok(Message::Text(t))) => return t.to_string(),
            Some(Ok(Message::Close(c))) => panic!("the socket closed: {c:?}"),
            Some(Ok(_)) => continue,
            Some(Err(e)) => panic!("websocket error: {e}"),
            None => panic!("the socket ended"),
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
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => return seen,
            Ok(Some(Ok(Message::Text(t)))) => seen.push(t.to_string()),
            Ok(Some(Ok(Message::Close(c)))) => panic!("the socket closed: {c:?}"),
            Ok(Some(Ok(_))) => continue,
            Ok(other) => panic!("the socket ended: {other:?}"),
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
