//! The websocket takeover of ft's own server ([`crate::server`]): a request that asks for an
//! upgrade comes here with its connection instead of staying in actix-http's dispatcher. It
//! runs through the app like any request (beforeware, sessions, the route); when the route
//! accepts a websocket, the `101` is written and the socket's loop gets the bare TCP stream
//! ([`RawConn`]) in a task of its own: the dispatcher, its two 8 KiB buffers and actix-ws's
//! channels are gone for the socket's whole life. Any other answer is written as is, and the
//! connection closes.

use super::conn::RawConn;
use super::socket::Accepted;
use actix_codec::{Framed, FramedParts};
use actix_http::body::{BodySize, MessageBody};
use actix_http::h1::{Codec, Message};
use actix_http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_http::{ConnectionType, HttpMessage, Method, Request, Response, StatusCode, Uri};
use actix_service::Service;
use actix_web::HttpResponse;
use actix_web::dev::ServiceResponse;
use futures_util::future::poll_fn;
use std::cell::RefCell;
use std::pin::pin;
use std::rc::Rc;
use tokio::net::TcpStream;

/// Marks a request that came through the takeover: a websocket route may leave its socket in
/// the response ([`attach`]) instead of starting it on actix-ws.
struct Offered;

/// The accepted socket a `101` carries to [`serve`].
struct Waiting(RefCell<Option<Accepted>>);

/// Whether the request came through ft's server with its connection to take over.
pub(crate) fn offered(req: &actix_web::HttpRequest) -> bool {
    req.extensions().contains::<Offered>()
}

/// Leaves the accepted socket in its `101` response, for [`serve`] to run.
pub(crate) fn attach(res: &mut HttpResponse, socket: Accepted) {
    res.extensions_mut()
        .insert(Waiting(RefCell::new(Some(socket))));
}

/// A request with `Connection: upgrade` and its connection: answers it through the app, and
/// runs the websocket it accepted on the connection.
pub(crate) async fn serve<S, B>(
    app: Rc<S>,
    req: Request,
    mut framed: Framed<TcpStream, Codec>,
) -> Result<(), actix_web::Error>
where
    S: Service<Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    // The dispatcher hands the request over without its body: one that has a body cannot be
    // answered here.
    let mut res = if announces_body(req.headers()) {
        HttpResponse::build(StatusCode::BAD_REQUEST)
            .body("A request that asks for a protocol upgrade cannot have a body")
    } else if !matches!(*req.method(), Method::GET | Method::HEAD) {
        // CONNECT comes here too: this server is no proxy.
        HttpResponse::build(StatusCode::METHOD_NOT_ALLOWED)
            .insert_header(("allow", "GET, HEAD"))
            .body("A websocket handshake is a GET")
    } else {
        let mut req = req;
        compact(&mut req);
        req.extensions_mut().insert(Offered);
        // Boxed, like the socket's loop below: the connection's task is allocated for its
        // largest state, and a socket lives in it for hours.
        match Box::pin(app.call(req)).await {
            Ok(res) => res.into_parts().1.map_into_boxed_body(),
            Err(e) => e.error_response(),
        }
    };
    let waiting = res
        .extensions_mut()
        .remove::<Waiting>()
        .and_then(|w| w.0.into_inner());
    let (res, body) = res.into_parts();
    let mut res: Response<()> = res.into();
    match waiting {
        Some(mut socket) if res.status() == StatusCode::SWITCHING_PROTOCOLS => {
            Box::pin(socket.connect_first()).await;
            write(&mut framed, Message::Item((res, BodySize::None))).await?;
            let FramedParts { io, read_buf, .. } = framed.into_parts();
            // Small frames go out at once; the loop writes each message whole.
            let _ = io.set_nodelay(true);
            let (max, write_timeout) = (socket.config().max_message, socket.write_timeout());
            // The socket runs as a task of its own and the connection's task ends: that task
            // was allocated for the dispatcher's largest state, and a socket lives for hours.
            // (The server's connection limit no longer counts it: `WsConfig::max_sockets` does.)
            actix_web::rt::spawn(socket.run(RawConn::new(io, read_buf, max, write_timeout)));
        }
        _ => {
            // A `101` from a route that runs its own socket on actix-ws (live reload's) keeps
            // its `Connection: upgrade`: strict clients (undici, node's WebSocket) refuse
            // `close, upgrade`. The connection still ends with the body, as for any other.
            if res.status() != StatusCode::SWITCHING_PROTOCOLS {
                res.head_mut().set_connection_type(ConnectionType::Close);
            }
            let size = body.size();
            write(&mut framed, Message::Item((res, size))).await?;
            let mut body = pin!(body);
            while let Some(chunk) = poll_fn(|cx| body.as_mut().poll_next(cx)).await {
                let chunk =
                    chunk.map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))?;
                write(&mut framed, Message::Chunk(Some(chunk))).await?;
            }
            write(&mut framed, Message::Chunk(None)).await?;
        }
    }
    Ok(())
}

/// Whether a request says it has a body (chunked, or a `Content-Length` other than 0): an
/// upgrade request must not.
pub(crate) fn announces_body(headers: &HeaderMap) -> bool {
    headers.contains_key("transfer-encoding")
        || headers
            .get("content-length")
            .is_some_and(|v| v.as_bytes() != b"0")
}

/// Copies the request's head out of the server's buffers: its header values and URI point
/// into the connection's 8 KiB read buffer, and its header table has room for 16 headers; a
/// socket keeps its handshake request for its whole life.
fn compact(req: &mut Request) {
    let head = req.head_mut();
    let mut headers = HeaderMap::with_capacity(head.headers.len());
    for (name, value) in head.headers.iter() {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    head.headers = headers;
    if let Ok(uri) = Uri::try_from(head.uri.to_string()) {
        head.uri = uri;
    }
}

/// Encodes one part of the response and writes it out.
async fn write(
    framed: &mut Framed<TcpStream, Codec>,
    msg: Message<(Response<()>, BodySize)>,
) -> Result<(), actix_web::Error> {
    let mut framed = std::pin::Pin::new(framed);
    framed
        .as_mut()
        .write(msg)
        .map_err(actix_web::error::ErrorInternalServerError)?;
    poll_fn(|cx| {
        framed
            .as_mut()
            .flush::<Message<(Response<()>, BodySize)>>(cx)
    })
    .await
    .map_err(actix_web::error::ErrorInternalServerError)
}
