//! Helpers of the websocket/SSE tests: a real server on 127.0.0.1, a real websocket client
//! (tokio-tungstenite) and raw HTTP/1.1.
#![allow(dead_code)]

use ft_web::FastApp;
use futures_util::{SinkExt, StreamExt};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub struct Running {
    pub addr: SocketAddr,
    /// `None` for a server of another process.
    pub handle: Option<ft_web::actix_web::dev::ServerHandle>,
}

impl Running {
    /// Serves the app on an ephemeral port of 127.0.0.1 in its own actix system (thread).
    pub fn start(make: impl FnOnce() -> FastApp + Send + 'static) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            ft_web::actix_web::rt::System::new().block_on(async move {
                let server = make().serve_on(listener).expect("serve");
                tx.send(server.handle()).expect("handle");
                let _ = server.await;
            })
        });
        let handle = rx.recv().expect("server started");
        Running {
            addr,
            handle: Some(handle),
        }
    }

    /// A server another process runs.
    pub fn remote(addr: SocketAddr) -> Running {
        Running { addr, handle: None }
    }

    pub fn url(&self, path: &str) -> String {
        format!("ws://{}{path}", self.addr)
    }

    /// Opens a websocket to `path`, trying again for up to `secs` seconds while the server
    /// refuses (it is starting, or full).
    pub async fn ws_retrying(&self, path: &str, secs: u64) -> Option<Ws> {
        let until = std::time::Instant::now() + Duration::from_secs(secs);
        while std::time::Instant::now() < until {
            if let Ok((ws, _)) = tokio_tungstenite::connect_async(self.url(path)).await {
                return Some(ws);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    /// Opens a websocket, with extra handshake headers.
    pub async fn ws_with(&self, path: &str, headers: &[(&str, &str)]) -> Ws {
        let mut req = self.url(path).into_client_request().expect("request");
        for (k, v) in headers {
            let name: tokio_tungstenite::tungstenite::http::HeaderName = k.parse().expect("name");
            req.headers_mut().insert(name, v.parse().expect("value"));
        }
        let (ws, _) = tokio_tungstenite::connect_async(req)
            .await
            .expect("websocket handshake");
        ws
    }

    pub async fn ws(&self, path: &str) -> Ws {
        self.ws_with(path, &[]).await
    }

    /// One HTTP/1.1 request with `Connection: close`; the raw response.
    pub fn http(&self, method: &str, path: &str, headers: &str, body: &str) -> String {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n{body}",
            self.addr,
            body.len()
        );
        s.write_all(req.as_bytes()).expect("write");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    pub fn stop(self) {
        let Some(h) = self.handle else { return };
        std::thread::spawn(move || {
            ft_web::actix_web::rt::System::new().block_on(h.stop(false));
        });
    }
}

/// The body of a raw HTTP response.
pub fn body(res: &str) -> &str {
    res.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// The `name=value` of the response's first Set-Cookie.
pub fn set_cookie(res: &str) -> String {
    res.lines()
        .find_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_owned()
}

pub async fn send(ws: &mut Ws, text: &str) {
    ws.send(Message::Text(text.into())).await.expect("send");
}

/// What the server sent next: `Ok(text)` for a text frame, `Err(code reason)` for a close
/// (or `Err("eof")`); pings are skipped. Panics after 5 s of silence.
pub async fn recv(ws: &mut Ws) -> Result<String, String> {
    loop {
        let next = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a message within 5 s");
        match next {
            Some(Ok(Message::Text(t))) => return Ok(t.to_string()),
            Some(Ok(Message::Close(c))) => {
                return Err(c
                    .map(|c| format!("{} {}", u16::from(c.code), c.reason))
                    .unwrap_or_else(|| "close".into()));
            }
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(format!("error {e}")),
            None => return Err("eof".into()),
        }
    }
}

pub async fn recv_text(ws: &mut Ws) -> String {
    match recv(ws).await {
        Ok(t) => t,
        Err(e) => panic!("expected a text frame, got {e}"),
    }
}

/// Nothing arrives within `ms`.
pub async fn quiet(ws: &mut Ws, ms: u64) -> bool {
    tokio::time::timeout(Duration::from_millis(ms), ws.next())
        .await
        .is_err()
}

/// Polls `f` until it is true (at most 5 s).
pub async fn eventually(mut f: impl FnMut() -> bool) -> bool {
    for _ in 0..500 {
        if f() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

/// The body of a chunked HTTP/1.1 response, de-chunked (as far as it arrived).
pub fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || after.len() < n {
            out.push_str(&after[..n.min(after.len())]);
            break;
        }
        out.push_str(&after[..n]);
        rest = after[n..].strip_prefix("\r\n").unwrap_or(&after[n..]);
    }
    out
}

/// An open HTTP connection reading a streamed response.
pub struct Streaming {
    pub sock: TcpStream,
    pub got: Vec<u8>,
}

impl Streaming {
    pub fn open(addr: SocketAddr, path: &str) -> Streaming {
        let mut sock = TcpStream::connect(addr).expect("connect");
        sock.set_read_timeout(Some(Duration::from_millis(100)))
            .expect("timeout");
        sock.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
            .expect("write");
        Streaming {
            sock,
            got: Vec::new(),
        }
    }
    /// Reads until `pred(text so far)` or `secs` pass; `false` on EOF/timeout.
    pub fn read_until(&mut self, secs: u64, pred: impl Fn(&str) -> bool) -> bool {
        let end = std::time::Instant::now() + Duration::from_secs(secs);
        let mut buf = [0u8; 8192];
        while std::time::Instant::now() < end {
            if pred(&self.text()) {
                return true;
            }
            match self.sock.read(&mut buf) {
                Ok(0) => return pred(&self.text()),
                Ok(n) => self.got.extend_from_slice(&buf[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return pred(&self.text()),
            }
        }
        pred(&self.text())
    }
    /// Reads until the server closes the connection (or `secs` pass): was it closed?
    pub fn until_eof(&mut self, secs: u64) -> bool {
        let end = std::time::Instant::now() + Duration::from_secs(secs);
        let mut buf = [0u8; 8192];
        while std::time::Instant::now() < end {
            match self.sock.read(&mut buf) {
                Ok(0) => return true,
                Ok(n) => self.got.extend_from_slice(&buf[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return true,
            }
        }
        false
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.got).into_owned()
    }
    pub fn body(&self) -> String {
        dechunk(body(&self.text()))
    }
}
