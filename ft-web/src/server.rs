//! The HTTP server `serve()` and `serve_on()` run: actix-http's HTTP/1 service with the app,
//! set up as actix-web's `HttpServer` sets it up (keep-alive, timeouts, graceful shutdown,
//! backlog), plus an upgrade service: a websocket handshake is answered by the app and its
//! connection is then taken over by the socket ([`crate::ws::takeover`]).

use crate::app::AppInner;
use actix_http::{HttpService, KeepAlive, Request};
use actix_service::{IntoServiceFactory, ServiceFactory, fn_factory, fn_service, map_config};
use actix_web::dev::{AppConfig, Server};
use std::net::{SocketAddr, TcpListener};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// Binds `host:port` the way actix-web does: every address the host resolves to, address
/// reuse on, a backlog of 1,024.
pub(crate) fn bind(host: &str, port: u16) -> std::io::Result<Vec<TcpListener>> {
    use socket2::{Domain, Protocol, Socket, Type};
    use std::net::ToSocketAddrs;
    let mut bound = Vec::new();
    let mut last = None;
    for addr in (host, port).to_socket_addrs()? {
        let made = (|| {
            let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
            #[cfg(not(windows))]
            socket.set_reuse_address(true)?;
            socket.bind(&addr.into())?;
            socket.listen(1024)?;
            Ok::<_, std::io::Error>(TcpListener::from(socket))
        })();
        match made {
            Ok(l) => bound.push(l),
            Err(e) => last = Some(e),
        }
    }
    match (bound.is_empty(), last) {
        (true, Some(e)) => Err(e),
        (true, None) => Err(std::io::Error::other(format!(
            "{host}:{port} resolves to no address"
        ))),
        (false, _) => Ok(bound),
    }
}

/// Runs the app on `listeners`; `shutdown` is how long a graceful stop waits for connections.
pub(crate) fn run(
    inner: Arc<AppInner>,
    listeners: Vec<TcpListener>,
    shutdown: u64,
) -> std::io::Result<Server> {
    let server = build(inner, listeners, shutdown, Server::build())?;
    Ok(server.run())
}

/// Runs the app until Ctrl-C / SIGTERM (`serve()`): ft's shutdown signal closes every
/// websocket with 1001 (and runs its disconnect hook) before the server stops. actix-server's
/// own signal handling is off: its workers would stop as soon as no HTTP connection is open,
/// dropping sockets that left the HTTP server after their handshake.
pub(crate) async fn run_until_signal(
    inner: Arc<AppInner>,
    listeners: Vec<TcpListener>,
    shutdown: u64,
) -> std::io::Result<()> {
    let hub = inner.hub.clone();
    let server = build(
        inner,
        listeners,
        shutdown,
        Server::build().disable_signals(),
    )?
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(async move {
        let mut signal = crate::shutdown::subscribe();
        let _ = signal.wait_for(|s| *s).await;
        // Sockets close within a second (the close frame, then the peer's end); a socket
        // whose handler is still running gets `shutdown` seconds like an HTTP request.
        let until = std::time::Instant::now() + Duration::from_secs(shutdown.max(1));
        while hub.sockets().load(std::sync::atomic::Ordering::Acquire) > 0
            && std::time::Instant::now() < until
        {
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
        handle.stop(true).await;
    });
    server.await
}

fn build(
    inner: Arc<AppInner>,
    listeners: Vec<TcpListener>,
    shutdown: u64,
    builder: actix_server::ServerBuilder,
) -> std::io::Result<actix_server::ServerBuilder> {
    let mut builder = builder.shutdown_timeout(shutdown);
    let graceful = builder.graceful_shutdown_signal();
    for lst in listeners {
        let addr = lst.local_addr()?;
        let (inner, graceful) = (inner.clone(), graceful.clone());
        builder = builder.listen(format!("ft-{addr}"), lst, move || {
            let graceful = graceful.clone();
            HttpService::build()
                .graceful_shutdown_signal(move || {
                    let signal = graceful.clone();
                    async move { signal.notified().await }
                })
                .keep_alive(KeepAlive::default())
                .client_request_timeout(Duration::from_secs(5))
                .client_disconnect_timeout(Duration::from_secs(1))
                .h1_allow_half_closed(true)
                .local_addr(addr)
                .on_connect_ext(|io: &actix_web::rt::net::TcpStream, ext| {
                    crate::disconnect::on_connect(io, ext)
                })
                .upgrade(upgrades(inner.clone(), addr))
                .finish(map_config(app(inner.clone()), move |_| config(addr)))
                .tcp()
        })?;
    }
    Ok(builder)
}

/// What the app sees of the server (its fallback host, when a request names none), as
/// `HttpServer` makes it. `AppConfig`'s constructor is crate-private in actix-web; its
/// `#[doc(hidden)]` one is the only way in (actix-web is pinned to 4.x in Cargo.toml).
fn config(addr: SocketAddr) -> AppConfig {
    AppConfig::__priv_test_new(false, addr.to_string(), addr)
}

/// The app as a service of actix-http requests.
fn app(
    inner: Arc<AppInner>,
) -> impl ServiceFactory<
    Request,
    Config = AppConfig,
    Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody + 'static>,
    Error = actix_web::Error,
    InitError = (),
> + 'static {
    crate::dispatch::actix_app(inner).into_factory()
}

/// The upgrade service: one instance of the app per worker answers upgrade requests, and their
/// connections are taken over. (So each worker builds the app twice; `actix_app` only clones
/// `Arc`s.)
fn upgrades(
    inner: Arc<AppInner>,
    addr: SocketAddr,
) -> impl ServiceFactory<
    (
        Request,
        actix_codec::Framed<actix_web::rt::net::TcpStream, actix_http::h1::Codec>,
    ),
    Config = (),
    Response = (),
    Error = actix_web::Error,
    InitError = (),
> {
    fn_factory(move || {
        let made = app(inner.clone()).new_service(config(addr));
        async move {
            let app = Rc::new(made.await?);
            Ok(fn_service(move |(req, framed)| {
                crate::ws::takeover::serve(app.clone(), req, framed)
            }))
        }
    })
}
