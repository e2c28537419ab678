//! [`LiveEvents`]: a server-sent-events stream of a real server, read as it arrives.

use super::live_http::{Conn, LiveError};
use crate::sse::{EventParser, ReceivedEvent};
use std::time::Duration;

/// A server-sent-events stream read from a real server as it arrives: from
/// [`LiveClient::sse`](super::LiveClient::sse). Events are parsed as a browser's `EventSource` parses them
/// ([`EventParser`]); keep-alive comments are not events.
#[derive(Debug)]
pub struct LiveEvents {
    pub(super) conn: Conn,
    pub(super) parser: EventParser,
    pub(super) ended: bool,
    pub(super) headers: Vec<(String, String)>,
}

impl LiveEvents {
    /// How long each wait for an event lasts (the client's timeout by default).
    pub fn set_timeout(&mut self, wait: Duration) {
        self.conn.timeout = wait;
    }

    /// The response's headers, names in lower case.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The next event; `None` once the stream has ended.
    ///
    /// # Panics
    /// When no event comes within the timeout or the stream is broken (see
    /// [`LiveEvents::try_next_event`]): the test fails there instead of hanging.
    pub async fn next_event(&mut self) -> Option<ReceivedEvent> {
        match self.try_next_event().await {
            Ok(ev) => ev,
            Err(e) => panic!("ft LiveClient event stream: {e}"),
        }
    }

    /// The next event, waiting at most the timeout; `Ok(None)` once the stream has ended.
    ///
    /// # Errors
    /// [`LiveError::Timeout`] when no event comes in time, [`LiveError::Malformed`] for a
    /// broken body, [`LiveError::Io`].
    pub async fn try_next_event(&mut self) -> Result<Option<ReceivedEvent>, LiveError> {
        let wait = self.conn.timeout;
        let read = async {
            loop {
                if let Some(ev) = self.parser.next_event() {
                    return Ok(Some(ev));
                }
                if self.ended {
                    return Ok(None);
                }
                match self.conn.next_data().await {
                    Ok(Some(data)) => self.parser.feed(&data),
                    Ok(None) => {
                        self.ended = true;
                        self.parser.finish();
                    }
                    Err(e) => {
                        self.ended = true;
                        self.parser.finish();
                        return Err(e);
                    }
                }
            }
        };
        // Each read is bounded already; this bounds a stream of keep-alives as well.
        tokio::time::timeout(wait, read)
            .await
            .map_err(|_| LiveError::Timeout(wait))?
    }

    /// The last `id` the stream set (`""` before any).
    pub fn last_event_id(&self) -> &str {
        self.parser.last_event_id()
    }
}
