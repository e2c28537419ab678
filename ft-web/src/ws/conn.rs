//! The two ways a socket's frames travel, behind one interface the socket's loop
//! ([`super::socket`]) is written against:
//!
//! - [`ActixConn`]: actix-ws over actix-http's connection (an app mounted in the user's own
//!   actix `App` with `configure()`);
//! - [`RawConn`]: the TCP stream itself, handed over by ft's own server once the handshake is
//!   answered ([`super::takeover`]). An idle socket then holds no read or write buffer.

use actix_web::web::{Buf, BytesMut};
use actix_ws::{AggregatedMessage, CloseReason, ProtocolError};
use bytestring::ByteString;
use std::future::poll_fn;
use std::io;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use actix_http::ws::{OpCode, Parser};

/// One end of a websocket, as the socket's loop uses it.
pub(crate) trait Conn {
    /// The next message (continuations joined); `None` once the peer is gone. Cancel-safe: a
    /// call dropped before it finished loses nothing.
    async fn recv(&mut self) -> Option<Result<AggregatedMessage, ProtocolError>>;
    /// Sends a text frame; `false` when the socket is gone.
    async fn text(&mut self, text: ByteString) -> bool;
    /// Sends a ping.
    async fn ping(&mut self) -> bool;
    /// Answers a ping.
    async fn pong(&mut self, data: &[u8]) -> bool;
    /// Sends a close frame (when there is a reason to give) and ends the connection.
    async fn close(self, reason: Option<CloseReason>);
}

/// actix-ws: frames go through actix-http's connection.
pub(crate) struct ActixConn {
    pub(crate) session: actix_ws::Session,
    pub(crate) stream: actix_ws::AggregatedMessageStream,
    /// How long a send may wait for a peer that does not read.
    pub(crate) write_timeout: Duration,
}

impl ActixConn {
    async fn within<E>(&self, send: impl std::future::Future<Output = Result<(), E>>) -> bool {
        matches!(
            Box::pin(tokio::time::timeout(self.write_timeout, send)).await,
            Ok(Ok(()))
        )
    }
}

impl Conn for ActixConn {
    async fn recv(&mut self) -> Option<Result<AggregatedMessage, ProtocolError>> {
        self.stream.recv().await
    }
    async fn text(&mut self, text: ByteString) -> bool {
        let mut s = self.session.clone();
        self.within(s.text(text)).await
    }
    async fn ping(&mut self) -> bool {
        let mut s = self.session.clone();
        self.within(s.ping(b"")).await
    }
    async fn pong(&mut self, data: &[u8]) -> bool {
        let mut s = self.session.clone();
        self.within(s.pong(data)).await
    }
    async fn close(self, reason: Option<CloseReason>) {
        let _ = self.session.close(reason).await;
    }
}

/// How much a read takes from the socket at once.
const READ_CHUNK: usize = 4096;

/// The longest frame header (2 bytes, an 8-byte length, a 4-byte mask).
const MAX_HEADER: usize = 14;

/// The TCP stream itself, read when it is readable: bytes wait in `buf` only while a frame is
/// incomplete, so an idle socket holds no buffer.
pub(crate) struct RawConn {
    io: TcpStream,
    buf: BytesMut,
    /// The largest frame, and the largest message once continuations are joined.
    max: usize,
    /// A message whose continuations are still coming: text or binary, and its bytes so far.
    partial: Option<(bool, BytesMut)>,
    /// How long a write may wait for a peer that does not read before the socket is dropped.
    write_timeout: Duration,
}

impl RawConn {
    /// Takes over `io`, with the bytes already read after the handshake.
    pub(crate) fn new(
        io: TcpStream,
        read: BytesMut,
        max: usize,
        write_timeout: Duration,
    ) -> RawConn {
        // Small frames often follow the handshake at once; the rest of the server's 8 KiB read
        // buffer is not kept for them.
        let buf = if read.is_empty() {
            BytesMut::new()
        } else {
            BytesMut::from(&read[..])
        };
        RawConn {
            io,
            buf,
            max,
            partial: None,
            write_timeout,
        }
    }

    /// The message a complete frame makes, if it completes one.
    fn frame(
        &mut self,
        fin: bool,
        op: OpCode,
        data: Option<BytesMut>,
    ) -> Option<Result<AggregatedMessage, ProtocolError>> {
        let data = data.unwrap_or_default();
        if !fin && matches!(op, OpCode::Ping | OpCode::Pong | OpCode::Close) {
            return Some(Err(invalid("a fragmented control frame")));
        }
        let whole = |text: bool, data: BytesMut| {
            if !text {
                return Ok(AggregatedMessage::Binary(data.freeze()));
            }
            ByteString::try_from(data.freeze())
                .map(AggregatedMessage::Text)
                .map_err(|_| invalid("a text message that is not UTF-8"))
        };
        match op {
            OpCode::Text | OpCode::Binary => {
                let text = op == OpCode::Text;
                if self.partial.is_some() {
                    return Some(Err(invalid("a new message before the last one ended")));
                }
                if fin {
                    return Some(whole(text, data));
                }
                self.partial = Some((text, data));
                None
            }
            OpCode::Continue => {
                let Some((text, mut so_far)) = self.partial.take() else {
                    return Some(Err(invalid("a continuation with no message to continue")));
                };
                if so_far.len() + data.len() > self.max {
                    return Some(Err(ProtocolError::Overflow));
                }
                so_far.extend_from_slice(&data);
                if fin {
                    return Some(whole(text, so_far));
                }
                self.partial = Some((text, so_far));
                None
            }
            OpCode::Ping => Some(Ok(AggregatedMessage::Ping(data.freeze()))),
            OpCode::Pong => Some(Ok(AggregatedMessage::Pong(data.freeze()))),
            OpCode::Close => {
                Some(Parser::try_parse_close_payload(&data).map(AggregatedMessage::Close))
            }
            OpCode::Bad => Some(Err(invalid("a frame with an unknown opcode"))),
        }
    }

    async fn send(&mut self, op: OpCode, payload: &[u8]) -> bool {
        let mut out = BytesMut::with_capacity(payload.len() + 10);
        Parser::write_message(&mut out, payload, op, true, false);
        // Most frames fit in the socket's send buffer at once.
        match self.io.try_write(&out) {
            Ok(n) if n == out.len() => return true,
            Ok(n) => out.advance(n),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(_) => return false,
        }
        // A peer that does not read: wait for room, but not forever (boxed: this is rare, and
        // the timer would otherwise sit in every socket's loop).
        let rest = Box::pin(tokio::time::timeout(
            self.write_timeout,
            self.io.write_all(&out),
        ));
        matches!(rest.await, Ok(Ok(())))
    }
}

fn invalid(what: &str) -> ProtocolError {
    ProtocolError::Io(io::Error::new(io::ErrorKind::InvalidData, what))
}

impl Conn for RawConn {
    async fn recv(&mut self) -> Option<Result<AggregatedMessage, ProtocolError>> {
        loop {
            while let Some(parsed) = Parser::parse(&mut self.buf, true, self.max).transpose() {
                let (fin, op, data) = match parsed {
                    Ok(f) => f,
                    Err(e) => return Some(Err(e)),
                };
                if let Some(msg) = self.frame(fin, op, data) {
                    return Some(msg);
                }
            }
            if self.buf.is_empty() {
                self.buf = BytesMut::new();
            }
            // The parser checks a frame's size only once all of it is here: a frame that
            // claims more than the limit must not be buffered until then.
            if self.buf.len() > self.max + MAX_HEADER {
                return Some(Err(ProtocolError::Overflow));
            }
            // Cancel-safe: bytes move into `buf` only below, without awaiting. The read slot's
            // waker (not `readable()`'s waiter list): it replaces the one the HTTP dispatcher
            // left there, which would keep the dispatcher's finished task allocated.
            if poll_fn(|cx| self.io.poll_read_ready(cx)).await.is_err() {
                return None;
            }
            if self.buf.capacity() - self.buf.len() < READ_CHUNK {
                self.buf.reserve(READ_CHUNK);
            }
            match self.io.try_read_buf(&mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(_) => return None,
            }
        }
    }
    async fn text(&mut self, text: ByteString) -> bool {
        self.send(OpCode::Text, text.as_bytes()).await
    }
    async fn ping(&mut self) -> bool {
        self.send(OpCode::Ping, b"").await
    }
    async fn pong(&mut self, data: &[u8]) -> bool {
        self.send(OpCode::Pong, data).await
    }
    async fn close(mut self, reason: Option<CloseReason>) {
        let mut out = BytesMut::new();
        Parser::write_close(&mut out, reason, false);
        let bye = async {
            self.io.write_all(&out).await?;
            self.io.shutdown().await?;
            // Read what the peer still sends until it closes too: closing with unread input
            // would reset the connection, and the peer could lose the close frame.
            let mut sink = [0u8; 1024];
            while self.io.read(&mut sink).await? > 0 {}
            Ok::<_, io::Error>(())
        };
        let _ = tokio::time::timeout(std::time::Duration::from_secs(1), bye).await;
    }
}
