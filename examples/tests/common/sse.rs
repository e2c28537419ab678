//! Server-sent events in the examples' tests against a real server ([`Running`]): the
//! response read as it arrives, event by event (the test client waits for a whole body, and
//! these streams do not end).

use super::Running;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// How long a test waits for an event that should come.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// A server-sent-events response being read as it arrives.
pub struct Sse {
    sock: TcpStream,
    raw: Vec<u8>,
    /// The response head (status line and headers).
    pub head: String,
    /// The body so far, de-chunked; events not yet returned.
    body: String,
    /// The last chunk arrived: the response is complete.
    ended: bool,
}

impl Sse {
    /// `GET path` and read the response head.
    pub fn open(server: &Running, path: &str) -> Sse {
        let addr = server.addr;
        let mut sock = TcpStream::connect(addr).expect("connect");
        sock.set_read_timeout(Some(Duration::from_millis(100)))
            .expect("timeout");
        sock.write_all(
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n")
                .as_bytes(),
        )
        .expect("write");
        let mut sse = Sse {
            sock,
            raw: Vec::new(),
            head: String::new(),
            body: String::new(),
            ended: false,
        };
        let end = Instant::now() + PATIENCE;
        while sse.head.is_empty() {
            assert!(Instant::now() < end, "no response head");
            sse.read_some();
            if let Some(at) = find(&sse.raw, b"\r\n\r\n") {
                sse.head = String::from_utf8_lossy(&sse.raw[..at]).into_owned();
                sse.raw.drain(..at + 4);
            }
        }
        sse
    }

    /// Reads what is there; `false` once the server closed the stream.
    fn read_some(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        match self.sock.read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.raw.extend_from_slice(&buf[..n]);
                true
            }
            Err(_) => true, // the 100 ms read timeout
        }
    }

    /// Moves the complete chunks of `raw` into `body` (the response is chunked).
    fn dechunk(&mut self) {
        while let Some(eol) = find(&self.raw, b"\r\n") {
            let size = String::from_utf8_lossy(&self.raw[..eol]);
            let n = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
            if n == 0 {
                self.ended = true;
                return;
            }
            if self.raw.len() < eol + 2 + n + 2 {
                return;
            }
            let data = &self.raw[eol + 2..eol + 2 + n];
            self.body.push_str(&String::from_utf8_lossy(data));
            self.raw.drain(..eol + 2 + n + 2);
        }
    }

    /// The next event (keep-alive comments skipped), or `None` once the response is complete
    /// (its last chunk) or the connection closed; panics after [`PATIENCE`] of silence.
    pub fn next_event(&mut self) -> Option<String> {
        let mut end = Instant::now() + PATIENCE;
        loop {
            self.dechunk();
            while let Some(at) = self.body.find("\n\n") {
                let event: String = self.body.drain(..at + 2).collect();
                if !event.starts_with(':') {
                    return Some(event.trim_end().to_owned());
                }
                end = Instant::now() + PATIENCE;
            }
            if self.ended {
                return None;
            }
            assert!(Instant::now() < end, "no event within {PATIENCE:?}");
            if !self.read_some() {
                self.dechunk();
                return None;
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
