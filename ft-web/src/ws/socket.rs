//! One websocket's life: the handshake, then a reader task (frames -> handler) and a writer task
//! (queue -> frames, pings, shutdown), both on the worker that accepted the connection.

use super::params::WsCtx;
use super::{WsId, WsSend, render_ws};
use crate::Error;
use crate::broadcast::Out;
use crate::ctx::Ctx;
use actix_web::HttpResponse;
use actix_ws::{AggregatedMessage, CloseCode, CloseReason, ProtocolError};
use bytestring::ByteString;
use ft_html::Ft;
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Arc;
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

/// A websocket handshake that was accepted: the `101 Switching Protocols` response and the
/// socket behind it.
pub(crate) struct Handshake {
    res: HttpResponse,
    session: actix_ws::Session,
    stream: actix_ws::MessageStream,
}

/// Accepts the websocket handshake (after beforeware ran, in `dispatch`), or refuses it: a
/// cross-origin handshake (when `WsConfig::check_origin`) is a 403, a request that is not a
/// websocket handshake a 400.
pub(crate) fn handshake(ctx: &mut Ctx) -> Result<Handshake, Error> {
    if ctx.app().hub.ws_config().check_origin && !same_origin(ctx.req()) {
        return Err(Error::forbidden("Cross-origin websocket refused"));
    }
    let Some(payload) = ctx.take_payload() else {
        return Err(Error::internal(
            "websocket: the request body was already read",
        ));
    };
    let (res, session, stream) = actix_ws::handle(ctx.req(), payload).map_err(|_| {
        Error::bad_request("This is a websocket endpoint: connect with a websocket")
    })?;
    Ok(Handshake {
        res,
        session,
        stream,
    })
}

/// Starts an accepted socket's tasks; the response switches the connection to the websocket.
pub(crate) fn start(ctx: Ctx, spec: WsSpec, accepted: Handshake) -> HttpResponse {
    let Handshake {
        res,
        session,
        stream,
    } = accepted;
    let hub = ctx.app().hub.clone();
    let cfg = hub.ws_config().clone();
    let stream = stream
        .max_frame_size(cfg.max_message)
        .aggregate_continuations()
        .max_continuation_size(cfg.max_message);
    let (tx, rx) = mpsc::channel(cfg.queue.max(1));
    let (stop_tx, _) = watch::channel(false);
    let stop = Arc::new(stop_tx);
    let send = WsSend {
        id: WsId(crate::broadcast::next_id()),
        tx,
        stop: stop.clone(),
    };
    let last_seen = Rc::new(Cell::new(Instant::now()));
    actix_web::rt::spawn(writer(
        session.clone(),
        rx,
        stop.clone(),
        last_seen.clone(),
        cfg.clone(),
    ));
    let w = WsCtx::new(ctx, send, hub);
    actix_web::rt::spawn(reader(w, spec, stream, session, stop, last_seen, cfg));
    res
}

async fn send_result(w: &WsCtx, out: Result<Ft, Error>) {
    let debug = w.ctx.app().debug;
    let text = match out {
        Ok(ft) => render_ws(ft, debug),
        Err(e) => render_ws(ft_html::IntoFt::into_ft(e), debug),
    };
    if let Some(text) = text {
        let _ = w.send.tx.send(Out::Text(ByteString::from(text))).await;
    }
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

async fn handle_text(w: &mut WsCtx, spec: &WsSpec, text: &str) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // SPEC 7.5: the decode error goes back, the socket stays open.
            let msg = format!("Invalid JSON: {e}");
            send_result(w, Err(Error::bad_request(msg))).await;
            return;
        }
    };
    let serde_json::Value::Object(map) = value else {
        // FastHTML closes the socket here (SPEC 7.5); ft answers and stays open.
        let msg =
            "Expected a JSON object (the htmx ws extension sends the form's fields and HEADERS)";
        send_result(w, Err(Error::bad_request(msg))).await;
        return;
    };
    w.set_message(map);
    let out = run_guarded((spec.on_message)(w)).await;
    send_result(w, out).await;
    w.clear_message();
}

async fn reader(
    mut w: WsCtx,
    spec: WsSpec,
    mut stream: actix_ws::AggregatedMessageStream,
    session: actix_ws::Session,
    stop: Arc<watch::Sender<bool>>,
    last_seen: Rc<Cell<Instant>>,
    cfg: super::WsConfig,
) {
    if let Some(conn) = spec.conn {
        let out = run_guarded(conn(&mut w)).await;
        send_result(&w, out).await;
    }
    let mut stop_rx = stop.subscribe();
    let mut close: Option<Option<CloseReason>> = None;
    loop {
        let item = tokio::select! {
            item = stream.recv() => item,
            _ = stop_rx.wait_for(|s| *s) => break,
        };
        let Some(item) = item else { break };
        last_seen.set(Instant::now());
        match item {
            Ok(AggregatedMessage::Text(text)) => handle_text(&mut w, &spec, &text).await,
            Ok(AggregatedMessage::Binary(_)) => {
                let msg = "Binary frames are not supported: send a JSON object as text";
                send_result(&w, Err(Error::bad_request(msg))).await;
            }
            Ok(AggregatedMessage::Ping(bytes)) => {
                let mut s = session.clone();
                if s.pong(&bytes).await.is_err() {
                    break;
                }
            }
            Ok(AggregatedMessage::Pong(_)) => {}
            Ok(AggregatedMessage::Close(reason)) => {
                // Echo the client's close code (RFC 6455 5.5.1).
                close = Some(reason.map(|r| CloseReason {
                    code: r.code,
                    description: None,
                }));
                break;
            }
            Err(ProtocolError::Overflow) => {
                let text = format!("message too large (limit {} bytes)", cfg.max_message);
                close = Some(close_reason(CloseCode::Size, &text));
                break;
            }
            Err(ProtocolError::Io(e)) if e.to_string().contains("maximum continuation size") => {
                let text = format!("message too large (limit {} bytes)", cfg.max_message);
                close = Some(close_reason(CloseCode::Size, &text));
                break;
            }
            Err(e) => {
                let text: String = format!("protocol error: {e}").chars().take(100).collect();
                close = Some(close_reason(CloseCode::Protocol, &text));
                break;
            }
        }
    }
    if let Some(reason) = close {
        let _ = session.close(reason).await;
    }
    stop.send_replace(true);
    w.hub.leave_all(w.send.id().0);
    if let Some(disconn) = spec.disconn
        && let Err(e) = run_guarded(disconn(&mut w)).await
    {
        tracing::error!("websocket disconnect hook: {}", e.message());
    }
}

async fn writer(
    mut session: actix_ws::Session,
    mut rx: mpsc::Receiver<Out>,
    stop: Arc<watch::Sender<bool>>,
    last_seen: Rc<Cell<Instant>>,
    cfg: super::WsConfig,
) {
    let mut stop_rx = stop.subscribe();
    let mut shutdown = crate::shutdown::subscribe();
    let every = cfg.ping_interval.max(std::time::Duration::from_millis(10));
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let reason = loop {
        tokio::select! {
            biased;
            _ = stop_rx.wait_for(|s| *s) => break Some(CloseReason { code: CloseCode::Normal, description: None }),
            _ = shutdown.wait_for(|s| *s) => {
                break close_reason(CloseCode::Away, "server shutting down");
            }
            m = rx.recv() => {
                let text = match m {
                    Some(Out::Text(t)) => t,
                    Some(Out::Msg(m)) => m.html_bytes(),
                    None => break None,
                };
                if session.text(text).await.is_err() {
                    break None;
                }
            }
            _ = ping.tick() => {
                if last_seen.get().elapsed() > every * 2 + every / 2 {
                    break close_reason(CloseCode::Policy, "no answer to pings");
                }
                if session.ping(b"").await.is_err() {
                    break None;
                }
            }
        }
    };
    let _ = session.close(reason).await;
    stop.send_replace(true);
}
