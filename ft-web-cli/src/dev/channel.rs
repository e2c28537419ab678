//! The runner's end of the dev channel (`ft_web::dev_channel` is the app's): a token made
//! fresh for every `ft dev`, given to the app as `FT_DEV_TOKEN`, and a small HTTP/1.1 `POST
//! /_ft/dev` carrying it, over a plain `TcpStream` with short timeouts (no HTTP client crate:
//! the runner must build fast, and the app is on this machine).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

/// The app's dev channel path.
pub(crate) const DEV_PATH: &str = "/_ft/dev";

/// 32 random hex digits: 16 bytes of `/dev/urandom`, or where there is none, of std's
/// randomly keyed hasher (seeded from the operating system).
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for half in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            half.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the app listens, as `serve()` decides it: `HOST` (default 127.0.0.1) and `PORT`
/// (default 5001) from the environment the app inherits. A wildcard host is reached on
/// loopback.
pub(crate) fn app_address(host: Option<&str>, port: Option<&str>) -> (String, u16) {
    let host = match host.map(str::trim) {
        None | Some("") => "127.0.0.1",
        Some("0.0.0.0") => "127.0.0.1",
        Some("::" | "[::]") => "::1",
        Some(h) => h,
    };
    let port = port.and_then(|p| p.trim().parse().ok()).unwrap_or(5001);
    (host.to_string(), port)
}

/// A JSON string literal of `s`.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The body of an `error` message: `{"kind":"error","text":...}`.
pub(crate) fn error_body(text: &str) -> String {
    format!(r#"{{"kind":"error","text":{}}}"#, json_string(text))
}

/// The whole request: `POST /_ft/dev` with the token, a JSON body, `Connection: close`.
pub(crate) fn request(host: &str, port: u16, token: &str, body: &str) -> String {
    let authority = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    format!(
        "POST {DEV_PATH} HTTP/1.1\r\nHost: {authority}\r\nX-Ft-Dev-Token: {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The status code of an HTTP/1.x response's first line.
pub(crate) fn status_of(response: &str) -> Option<u16> {
    let mut parts = response.split_whitespace();
    parts
        .next()
        .filter(|v| v.starts_with("HTTP/1."))
        .and(parts.next())
        .and_then(|s| s.parse().ok())
}

/// Sends `body` to the app at `host:port`; the response's status, or why there is none (no
/// app listening is the usual one: the first build failed). Gives up after about a second.
pub(crate) fn post(host: &str, port: u16, token: &str, body: &str) -> Result<u16, String> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("{host}:{port}: {e}"))?
        .collect();
    let timeout = Duration::from_millis(500);
    let mut last = format!("{host}:{port} resolves to no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(mut s) => {
                let _ = s.set_write_timeout(Some(timeout));
                let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
                s.write_all(request(host, port, token, body).as_bytes())
                    .map_err(|e| format!("{addr}: {e}"))?;
                let mut head = [0u8; 64];
                let n = s.read(&mut head).map_err(|e| format!("{addr}: {e}"))?;
                return status_of(&String::from_utf8_lossy(&head[..n]))
                    .ok_or_else(|| format!("{addr}: not an HTTP answer"));
            }
            Err(e) => last = format!("{addr}: {e}"),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn tokens_are_fresh_hex() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, b);
    }

    #[test]
    fn finds_the_app_as_serve_does() {
        assert_eq!(app_address(None, None), ("127.0.0.1".into(), 5001));
        assert_eq!(
            app_address(Some("0.0.0.0"), Some("8080")),
            ("127.0.0.1".into(), 8080)
        );
        assert_eq!(app_address(Some("::"), Some("x")), ("::1".into(), 5001));
        assert_eq!(
            app_address(Some("localhost"), Some(" 7000 ")),
            ("localhost".into(), 7000)
        );
    }

    #[test]
    fn writes_the_request() {
        let body = error_body("error[E0308]: \"x\"\n\tat \\ \u{1}");
        assert_eq!(
            body,
            r#"{"kind":"error","text":"error[E0308]: \"x\"\n\tat \\ \u0001"}"#
        );
        assert_eq!(
            request("127.0.0.1", 5001, "ab12", r#"{"kind":"clear"}"#),
            "POST /_ft/dev HTTP/1.1\r\nHost: 127.0.0.1:5001\r\nX-Ft-Dev-Token: ab12\r\n\
             Content-Type: application/json\r\nContent-Length: 16\r\nConnection: close\r\n\r\n\
             {\"kind\":\"clear\"}"
        );
        assert!(request("::1", 80, "t", "{}").contains("\r\nHost: [::1]:80\r\n"));
        // Content-Length counts bytes, not characters.
        assert!(request("h", 1, "t", "é").contains("Content-Length: 2\r\n"));
        assert_eq!(status_of("HTTP/1.1 403 Forbidden\r\n"), Some(403));
        assert_eq!(status_of("SSH-2.0"), None);
    }

    #[test]
    fn posts_to_a_listening_app() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().expect("accept");
            let mut got = Vec::new();
            let mut buf = [0u8; 1024];
            while !got.ends_with(b"{\"kind\":\"reload\"}") {
                let n = s.read(&mut buf).expect("read");
                assert!(n > 0, "the request ended early");
                got.extend_from_slice(&buf[..n]);
            }
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .expect("write");
            String::from_utf8(got).expect("utf-8")
        });
        assert_eq!(
            post("127.0.0.1", port, "tok", r#"{"kind":"reload"}"#),
            Ok(200)
        );
        let seen = server.join().expect("the server thread");
        assert!(seen.starts_with("POST /_ft/dev HTTP/1.1\r\n"), "{seen}");
        assert!(seen.contains("\r\nX-Ft-Dev-Token: tok\r\n"), "{seen}");
        // Nobody listening: an error, quickly.
        let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = closed.local_addr().expect("addr").port();
        drop(closed);
        assert!(post("127.0.0.1", port, "tok", "{}").is_err());
    }
}
