//! One websocket's life: the handshake, then one loop on the worker that accepted the
//! connection, which reads frames and runs the handler, writes what the socket's queue holds,
//! pings, and closes.

use super::conn::{ActixConn, Conn};
use super::params::WsCtx;
use super::{WsId, WsSend, render_ws};
use crate::Error;
use crate::broadcast::Hub;
use crate::broadcast::Out;
use crate::ctx::Ctx;
use actix_web::HttpResponse;
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, ProtocolError};
use bytestring::ByteString;
use ft_html::Ft;
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;
use tokio::sync::{mpsc, watch};

/// What a generated message handler returns.
pub type MsgFuture<'a> = LocalBoxFuture<'a, Result<Ft, Error>>;
/// A generated message handler: extracts the parameters from the message and calls the
/// function.
pub type MsgFn = for<'a> fn(&'a mut WsCtx) -> MsgFuture<'a>;
/// A generated hook caller.
pub type HookFn = for<'a> fn(&'a mut WsCtx) -> LocalBoxFuture<'a, Result<Ft, Error>>;

/// A websocket route's handler and hooks (built by `#[ws]`).
#[derive(Clone, Copy)]
pub struct WsSpec {
    /// Handles one message.
    pub on_message: MsgFn,
    /// Runs after the handshake.
    pub conn: Option<HookFn>,
    /// Runs after the socket closed.
    pub disconn: Option<HookFn>,
}

fn close_reason(code: CloseCode, text: &str) -> Option<CloseReason> {
    Some(CloseReason {
        code,
        description: Some(text.to_owned()),
    })
}

/// Is the handshake's `Origin` (when there is one) this server's host?
fn same_origin(req: &actix_web::HttpRequest) -> bool {
    let Some(origin) = req.headers().get("origin").and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = origin.split_once("://").map_or(origin, |(_, h)| h);
    let host = host.split('/').next().unwrap_or(host);
    host.eq_ignore_ascii_case(req.connection_info().host())
}

/// One of the process's [`WsConfig::max_sockets`](super::WsConfig::max_sockets), given back
/// when the socket ends.
pub(crate) struct Slot(Hub);

impl Slot {
    fn take(hub: &Hub) -> Option<Slot> {
        let max = hub.ws_config().max_sockets;
        hub.sockets()
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(hub.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.sockets().fetch_sub(1, Ordering::AcqRel);
    }
}

/// A websocket handshake that was accepted: the `101 Switching Protocols` response, what
/// carries the socket's frames from then on, and the socket's slot.
pub(crate) struct Handshake(How, Slot);

enum How {
    /// actix-ws, through actix-http's connection.
    Actix {
        res: HttpResponse,
        session: actix_ws::Session,
        stream: actix_ws::MessageStream,
    },
    /// ft's own server takes the connection over once the response is written.
    Takeover(HttpResponse),
}

/// Accepts the websocket handshake (after beforeware ran, in `dispatch`), or refuses it: a
/// cross-origin handshake (when `WsConfig::check_origin`) is a 403, a request that is not a
/// websocket handshake a 400.
pub(crate) fn handshake(ctx: &mut Ctx) -> Result<Handshake, Error> {
    if ctx.app().hub.ws_config().check_origin && !same_origin(ctx.req()) {
        return Err(Error::forbidden("Cross-origin websocket refused"));
    }
    let Some(slot) = Slot::take(&ctx.app().hub) else {
        return Err(Error::new(503, "Too many open websockets: try again later"));
    };
    let not_ws = || Error::bad_request("This is a websocket endpoint: connect with a websocket");
    // A handshake has no body: one that says it has (chunked, say) would have its frames
    // read as that body.
    if super::takeover::announces_body(ctx.req().headers()) {
        return Err(Error::bad_request(
            "A websocket handshake cannot have a body",
        ));
    }
    if super::takeover::offered(ctx.req()) {
        let mut res = actix_http::ws::handshake(ctx.req().head()).map_err(|_| not_ws())?;
        let res = HttpResponse::from(res.finish().map_into_boxed_body());
        return Ok(Handshake(How::Takeover(res), slot));
    }
    let Some(payload) = ctx.take_payload() else {
        return Err(Error::internal(
            "websocket: the request body was already read",
        ));
    };
    let (res, session, stream) = actix_ws::handle(ctx.req(), payload).map_err(|_| not_ws())?;
    Ok(Handshake(
        How::Actix {
            res,
            session,
            stream,
        },
        slot,
    ))
}

/// A socket whose handshake was accepted, waiting for its connection.
pub(crate) struct Accepted {
    w: WsCtx,
    spec: WsSpec,
    rx: mpsc::Receiver<Out>,
    stop: Arc<watch::Sender<bool>>,
    slot: Slot,
    /// What the connect hook sent when it ran before the handshake was answered.
    early: Vec<Out>,
}

impl Accepted {
    fn new(ctx: Ctx, spec: WsSpec, slot: Slot) -> Accepted {
        let hub = ctx.app().hub.clone();
        let (tx, rx) = mpsc::channel(hub.ws_config().queue.max(1));
        let (stop_tx, _) = watch::channel(false);
        let stop = Arc::new(stop_tx);
        let send = WsSend {
            id: WsId(crate::broadcast::next_id()),
            tx,
            stop: stop.clone(),
        };
        Accepted {
            w: WsCtx::new(ctx, send, hub),
            spec,
            rx,
            stop,
            slot,
            early: Vec::new(),
        }
    }

    /// Runs the connect hook now, before the handshake's answer is written (ft's own server):
    /// when the client sees its socket open, the hook has run and its rooms are joined, so a
    /// message published right after reaches it. What the hook sends waits, in order, for the
    /// socket to open.
    pub(crate) async fn connect_first(&mut self) {
        let Some(hook) = self.spec.conn.take() else {
            return;
        };
        let out = {
            let fut = run_guarded(hook(&mut self.w));
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    biased;
                    out = &mut fut => break out,
                    Some(m) = self.rx.recv() => self.early.push(m),
                }
            }
        };
        while let Ok(m) = self.rx.try_recv() {
            self.early.push(m);
        }
        if let Some(text) = result_text(&self.w, out) {
            self.early.push(Arc::new(crate::broadcast::Message::new(
                text.to_string(),
                None,
            )));
        }
    }

    /// Runs the socket on `conn` until it ends.
    pub(crate) async fn run(self, conn: impl Conn) {
        run(conn, self).await
    }

    /// The app's websocket settings.
    pub(crate) fn config(&self) -> &super::WsConfig {
        self.w.hub.ws_config()
    }

    /// How long a write may wait for a peer that does not read: two ping intervals.
    pub(crate) fn write_timeout(&self) -> std::time::Duration {
        ping_every(self.config()).saturating_mul(2)
    }
}

/// Starts an accepted socket; the response switches the connection to the websocket. Under
/// ft's own server the socket waits in the response for the connection to be handed over;
/// otherwise its loop is spawned on actix-ws.
pub(crate) fn start(ctx: Ctx, spec: WsSpec, accepted: Handshake) -> HttpResponse {
    let Handshake(how, slot) = accepted;
    let socket = Accepted::new(ctx, spec, slot);
    match how {
        How::Takeover(mut res) => {
            super::takeover::attach(&mut res, socket);
            res
        }
        How::Actix {
            res,
            session,
            stream,
        } => {
            let max = socket.config().max_message;
            let stream = stream
                .max_frame_size(max)
                .aggregate_continuations()
                .max_continuation_size(max);
            let write_timeout = socket.write_timeout();
            actix_web::rt::spawn(socket.run(ActixConn {
                session,
                stream,
                write_timeout,
            }));
            res
        }
    }
}

/// The text a handler's result sends, if any.
fn result_text(w: &WsCtx, out: Result<Ft, Error>) -> Option<ByteString> {
    let debug = w.ctx.app().debug;
    let text = match out {
        Ok(ft) => render_ws(ft, debug),
        Err(e) => render_ws(ft_html::IntoFt::into_ft(e), debug),
    };
    text.map(ByteString::from)
}

async fn run_guarded(fut: LocalBoxFuture<'_, Result<Ft, Error>>) -> Result<Ft, Error> {
    match AssertUnwindSafe(fut).catch_unwind().await {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(Error::internal(format!(
                "websocket handler panicked: {msg}"
            )))
        }
    }
}

/// Why a socket's loop ended.
enum End {
    /// Close with this reason (`None`: a close frame without one).
    Close(Option<CloseReason>),
    /// The peer is gone: nothing to send.
    Gone,
}

/// What woke the socket's loop.
enum Event {
    Stop,
    Shutdown,
    Frame(Option<Result<AggregatedMessage, ProtocolError>>),
    Queued(Option<Out>),
    Tick,
}

/// The socket's loop state besides the connection: its queue, the signals that end it, the
/// pings, and a message read while a handler ran (handled next).
struct Loop {
    rx: mpsc::Receiver<Out>,
    stop: watch::Receiver<bool>,
    shutdown: watch::Receiver<bool>,
    ping: tokio::time::Interval,
    every: std::time::Duration,
    last_seen: Instant,
    pending: Option<Result<AggregatedMessage, ProtocolError>>,
}

impl Loop {
    /// Writes one queued message.
    async fn write(conn: &mut impl Conn, out: Out) -> bool {
        conn.text(out.html_bytes()).await
    }

    /// Runs a handler or hook to its end while the queue keeps draining (a handler may send
    /// more than the queue holds) and the socket keeps answering pings and being pinged; the
    /// next message waits in `pending`.
    async fn drive<'a>(
        &mut self,
        conn: &mut impl Conn,
        fut: LocalBoxFuture<'a, Result<Ft, Error>>,
    ) -> Result<Result<Ft, Error>, End> {
        let fut = run_guarded(fut);
        tokio::pin!(fut);
        let end = loop {
            let event = tokio::select! {
                biased;
                _ = self.stop.wait_for(|s| *s) => Event::Stop,
                _ = self.shutdown.wait_for(|s| *s) => Event::Shutdown,
                out = &mut fut => return Ok(out),
                m = self.rx.recv() => Event::Queued(m),
                item = conn.recv(), if self.pending.is_none() => Event::Frame(item),
                _ = self.ping.tick() => Event::Tick,
            };
            let step = match event {
                Event::Frame(Some(item)) => {
                    self.last_seen = Instant::now();
                    match item {
                        Ok(AggregatedMessage::Ping(bytes)) => alive(conn.pong(&bytes).await),
                        Ok(AggregatedMessage::Pong(_)) => Ok(()),
                        other => {
                            self.pending = Some(other);
                            Ok(())
                        }
                    }
                }
                other => self.step(conn, other).await,
            };
            if let Err(end) = step {
                break end;
            }
        };
        // The socket is ending, but a handler is not cut off mid-way (it may be saving
        // something): it runs to its end, and what it sends from now on fails at once.
        self.rx.close();
        let _ = fut.await;
        Err(end)
    }

    /// What the loop does on an event other than a message.
    async fn step(&mut self, conn: &mut impl Conn, event: Event) -> Result<(), End> {
        match event {
            Event::Stop => Err(End::Close(normal())),
            Event::Shutdown => Err(End::Close(away())),
            Event::Queued(Some(m)) => alive(Self::write(conn, m).await),
            Event::Frame(None) | Event::Queued(None) => Err(End::Gone),
            Event::Frame(Some(_)) => Ok(()),
            Event::Tick if self.last_seen.elapsed() > self.silence() => Err(End::Close(
                close_reason(CloseCode::Policy, "no answer to pings"),
            )),
            Event::Tick => alive(conn.ping().await),
        }
    }

    /// How long a socket may stay silent: two ping intervals and a half.
    fn silence(&self) -> std::time::Duration {
        self.every.saturating_mul(2).saturating_add(self.every / 2)
    }

    /// After a handler: what it queued, then its result.
    async fn reply(
        &mut self,
        conn: &mut impl Conn,
        w: &WsCtx,
        out: Result<Ft, Error>,
    ) -> Result<(), End> {
        // A handler that closed its socket (`WsSend::close`) sends nothing after that.
        if *self.stop.borrow() {
            return Err(End::Close(normal()));
        }
        while let Ok(m) = self.rx.try_recv() {
            if !Self::write(conn, m).await {
                return Err(End::Gone);
            }
        }
        send_now(conn, w, out).await
    }
}

/// `Ok` while the socket took what was sent.
fn alive(sent: bool) -> Result<(), End> {
    if sent { Ok(()) } else { Err(End::Gone) }
}

/// How often the server pings (at least every 10 ms).
fn ping_every(cfg: &super::WsConfig) -> std::time::Duration {
    cfg.ping_interval.max(std::time::Duration::from_millis(10))
}

fn normal() -> Option<CloseReason> {
    Some(CloseReason {
        code: CloseCode::Normal,
        description: None,
    })
}

fn away() -> Option<CloseReason> {
    close_reason(CloseCode::Away, "server shutting down")
}

/// Parses a text message and runs the handler on it.
async fn on_text(
    lp: &mut Loop,
    conn: &mut impl Conn,
    w: &mut WsCtx,
    spec: &WsSpec,
    text: &str,
) -> Result<(), End> {
    let bad = |msg: String| Err(Error::bad_request(msg));
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // SPEC 7.5: the decode error goes back, the socket stays open.
        Err(e) => return send_now(conn, w, bad(format!("Invalid JSON: {e}"))).await,
    };
    let serde_json::Value::Object(map) = value else {
        // FastHTML closes the socket here (SPEC 7.5); ft answers and stays open.
        let msg =
            "Expected a JSON object (the htmx ws extension sends the form's fields and HEADERS)";
        return send_now(conn, w, bad(msg.into())).await;
    };
    w.set_message(map);
    let out = lp.drive(conn, (spec.on_message)(w)).await;
    let sent = match out {
        Ok(out) => lp.reply(conn, w, out).await,
        Err(end) => Err(end),
    };
    w.clear_message();
    sent
}

/// Sends a result straight to the connection.
async fn send_now(conn: &mut impl Conn, w: &WsCtx, out: Result<Ft, Error>) -> Result<(), End> {
    match result_text(w, out) {
        Some(text) => match conn.text(text).await {
            true => Ok(()),
            false => Err(End::Gone),
        },
        None => Ok(()),
    }
}

/// Reads one message and acts on it; `Err` ends the loop.
async fn on_message(
    lp: &mut Loop,
    conn: &mut impl Conn,
    w: &mut WsCtx,
    spec: &WsSpec,
    item: Result<AggregatedMessage, ProtocolError>,
) -> Result<(), End> {
    let max = w.hub.ws_config().max_message;
    let too_large = || {
        End::Close(close_reason(
            CloseCode::Size,
            &format!("message too large (limit {max} bytes)"),
        ))
    };
    match item {
        Ok(AggregatedMessage::Text(text)) => on_text(lp, conn, w, spec, &text).await,
        Ok(AggregatedMessage::Binary(_)) => {
            let msg = "Binary frames are not supported: send a JSON object as text";
            send_now(conn, w, Err(Error::bad_request(msg))).await
        }
        Ok(AggregatedMessage::Ping(bytes)) => {
            if conn.pong(&bytes).await {
                Ok(())
            } else {
                Err(End::Gone)
            }
        }
        Ok(AggregatedMessage::Pong(_)) => Ok(()),
        // Echo the client's close code (RFC 6455 5.5.1).
        Ok(AggregatedMessage::Close(reason)) => Err(End::Close(reason.map(|r| CloseReason {
            code: r.code,
            description: None,
        }))),
        Err(ProtocolError::Overflow) => Err(too_large()),
        Err(ProtocolError::Io(e)) if e.to_string().contains("maximum continuation size") => {
            Err(too_large())
        }
        Err(e) => {
            let text: String = format!("protocol error: {e}").chars().take(100).collect();
            Err(End::Close(close_reason(CloseCode::Protocol, &text)))
        }
    }
}

async fn run(mut conn: impl Conn, socket: Accepted) {
    let Accepted {
        mut w,
        spec,
        rx,
        stop,
        slot,
        early,
    } = socket;
    let every = ping_every(w.hub.ws_config());
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut lp = Loop {
        rx,
        stop: stop.subscribe(),
        shutdown: crate::shutdown::subscribe(),
        ping,
        every,
        last_seen: Instant::now(),
        pending: None,
    };
    let mut end = None;
    for m in early {
        if !Loop::write(&mut conn, m).await {
            end = Some(End::Gone);
            break;
        }
    }
    if let Some(hook) = spec.conn.filter(|_| end.is_none()) {
        end = Box::pin(async {
            match lp.drive(&mut conn, hook(&mut w)).await {
                Ok(out) => lp.reply(&mut conn, &w, out).await.err(),
                Err(e) => Some(e),
            }
        })
        .await;
    }
    while end.is_none() {
        let event = match lp.pending.take() {
            Some(item) => Event::Frame(Some(item)),
            None => tokio::select! {
                biased;
                _ = lp.stop.wait_for(|s| *s) => Event::Stop,
                _ = lp.shutdown.wait_for(|s| *s) => Event::Shutdown,
                item = conn.recv() => {
                    lp.last_seen = Instant::now();
                    Event::Frame(item)
                }
                m = lp.rx.recv() => Event::Queued(m),
                _ = lp.ping.tick() => Event::Tick,
            },
        };
        let step = match event {
            // Boxed: the loop's future stays the size of a waiting socket.
            Event::Frame(Some(item)) => {
                Box::pin(on_message(&mut lp, &mut conn, &mut w, &spec, item)).await
            }
            other => lp.step(&mut conn, other).await,
        };
        end = step.err();
    }
    if let Some(End::Close(reason)) = end {
        // Boxed: closing reads what the peer still sends into a buffer of its own.
        Box::pin(conn.close(reason)).await;
    }
    stop.send_replace(true);
    // Sends from the disconnect hook (or anywhere) fail from now on instead of waiting.
    lp.rx.close();
    w.hub.leave_all(w.send.id().0);
    if let Some(disconn) = spec.disconn
        && let Err(e) = Box::pin(run_guarded(disconn(&mut w))).await
    {
        tracing::error!("websocket disconnect hook: {}", e.message());
    }
    drop(slot);
}
