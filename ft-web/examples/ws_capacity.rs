//! Websocket capacity benchmark, ft vs FastHTML, on loopback only (docs/perf-ws.md):
//!
//! 1. memory per idle websocket: the server's VmRSS before and after opening `--conns`
//!    (10,000) idle connections;
//! 2. broadcast latency: `--clients` (1,000) connected clients, `--msgs` (50) broadcasts sent
//!    by `POST /publish` 20 ms apart, each carrying its send time; every client notes
//!    receive time - send time; p50/p99/max over all deliveries.
//!
//! With `--fanout URL` (a `redis://` or `postgres://` backend; ft-web's features on), instead:
//! fan-out across instances. Two ft servers share the backend; `--clients` (200) sockets are
//! split over them; updates of ~1.7 KB are published through server 1 at each of `--rates`
//! (100,500 a second; 0: 1,000 back to back) for `--secs` (4); the clients of server 2 note how late
//! each arrives, and so do server 1's for comparison.
//!
//! ```text
//! cargo run --release -p ft-web --example ws_capacity            # ft, then FastHTML (uvicorn)
//! cargo run --release -p ft-web --example ws_capacity -- --only ft --conns 2000
//! cargo run --release -p ft-web --all-features --example ws_capacity -- --fanout redis://127.0.0.1:6379
//! ```
//!
//! Bounded: every phase has a deadline, connections are to 127.0.0.1 only, the servers are
//! child processes stopped at the end. The fd limit is raised to the hard limit first.

use futures_util::StreamExt;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

// ---- the ft server (run as a child: `ws_capacity serve-ft PORT`) -------------------------

mod server {
    use ft_web::prelude::*;

    async fn on_conn(send: WsSend, hub: Hub) {
        hub.join("all", &send);
    }

    #[ws("/ws", conn = on_conn)]
    async fn sock() -> Ft {
        Ft::default()
    }

    #[post("/publish")]
    async fn publish(t: String, pad: Option<usize>, hub: Hub) -> Result<String> {
        let pad = "x".repeat(pad.unwrap_or(0).min(64 * 1024));
        Ok(hub.publish("all", P!(t, pad)).await?.to_string())
    }

    #[get("/ready")]
    async fn ready(hub: Hub) -> &'static str {
        hub.ready().await;
        "ok"
    }

    /// Serves on `port`; with `backend` (a URL and a channel), fans out through it.
    pub fn run(port: u16, backend: Option<(String, String)>) {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).expect("bind");
        ft_web::actix_web::rt::System::new().block_on(async move {
            let mut app = fast_app()
                .secret_key("bench")
                .ws_config(WsConfig {
                    queue: 256,
                    ..WsConfig::default()
                })
                .routes(routes![sock, publish, ready]);
            if let Some((url, channel)) = backend {
                app = app.broadcast(
                    Broadcast::from_url(&url)
                        .expect("a backend URL")
                        .channel(channel),
                );
            }
            let server = app.serve_on(listener).expect("serve");
            let handle = server.handle();
            // Stop when the benchmark closes our stdin.
            std::thread::spawn(move || {
                let mut s = String::new();
                let _ = std::io::stdin().read_line(&mut s);
                ft_web::actix_web::rt::System::new().block_on(handle.stop(false));
            });
            let _ = server.await;
        });
    }
}

// ---- helpers ---------------------------------------------------------------------------------

fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

fn raise_fd_limit() -> u64 {
    // SAFETY: plain libc calls on a local struct.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
        }
        lim.rlim_cur
    }
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_listening(addr: SocketAddr, within: Duration) -> bool {
    let end = Instant::now() + within;
    while Instant::now() < end {
        if TcpStream::connect(addr).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn post_publish(addr: SocketAddr, t: u64) -> String {
    post(addr, "/publish", &format!("t={t}"))
}

fn post(addr: SocketAddr, path: &str, body: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let _ = s.write_all(req.as_bytes());
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default()
}

struct Server {
    name: &'static str,
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let end = Instant::now() + Duration::from_secs(3);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(name: &'static str) -> Option<Server> {
    start_with(name, &[])
}

/// Starts a server; ft's child gets `extra` after its port (a backend URL and channel).
fn start_with(name: &'static str, extra: &[&str]) -> Option<Server> {
    let port = free_port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().ok()?;
    let child = match name {
        "ft" => Command::new(std::env::current_exe().ok()?)
            .args(["serve-ft", &port.to_string()])
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?,
        _ => {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/ws");
            Command::new("python3")
                .args([
                    "-m",
                    "uvicorn",
                    "fasthtml_ws:app",
                    "--app-dir",
                    dir,
                    "--host",
                    "127.0.0.1",
                    "--port",
                    &port.to_string(),
                    "--log-level",
                    "warning",
                    "--backlog",
                    "4096",
                ])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok()?
        }
    };
    let server = Server { name, child, addr };
    wait_listening(addr, Duration::from_secs(30)).then_some(server)
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(url: &str) -> Option<Ws> {
    // tungstenite zero-fills its read buffer (128 KiB by default) on every read: with 1,000
    // clients that memset was half of the machine's CPU during a broadcast, and the clients,
    // not the server, set the latency. The messages here are small.
    let config =
        tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default().read_buffer_size(4096);
    for _ in 0..5 {
        match tokio::time::timeout(
            Duration::from_secs(10),
            tokio_tungstenite::connect_async_with_config(url, Some(config), false),
        )
        .await
        {
            Ok(Ok((ws, _))) => return Some(ws),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    None
}

/// Runs `f` on `threads` threads, each with its own current-thread runtime.
fn on_threads<F, Fut>(threads: usize, f: F) -> Vec<std::thread::JoinHandle<()>>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()>,
{
    let f = Arc::new(f);
    (0..threads)
        .map(|i| {
            let f = f.clone();
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(f(i));
            })
        })
        .collect()
}

const THREADS: usize = 4;

struct Idle {
    per_conn_kib: f64,
    rss_before_mib: f64,
    rss_after_mib: f64,
    opened: usize,
    connect_secs: f64,
}

fn idle_memory(srv: &Server, conns: usize) -> Idle {
    let pid = srv.child.id();
    let url = format!("ws://{}/ws", srv.addr);
    // Warm up: one socket and one publish, so lazily built state is in the baseline.
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            if let Some(mut ws) = connect(&url).await {
                post_publish(srv.addr, now_us());
                let _ = tokio::time::timeout(Duration::from_secs(2), ws.next()).await;
                let _ = ws.close(None).await;
            }
        });
    }
    std::thread::sleep(Duration::from_secs(1));
    let before = rss_kib(pid);
    let opened = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(tokio::sync::Notify::new());
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let started = Instant::now();
    let per = conns.div_ceil(THREADS);
    let handles = {
        let (opened, release, url) = (opened.clone(), release.clone(), url.clone());
        on_threads(THREADS, move |_| {
            let (opened, release, url, done_tx) = (
                opened.clone(),
                release.clone(),
                url.clone(),
                done_tx.clone(),
            );
            async move {
                let socks: Vec<Ws> = futures_util::stream::iter(0..per)
                    .map(|_| connect(&url))
                    .buffer_unordered(32)
                    .filter_map(|s| async move { s })
                    .inspect(|_| {
                        opened.fetch_add(1, Ordering::Relaxed);
                    })
                    .collect()
                    .await;
                let _ = done_tx.send(());
                release.notified().await;
                drop(socks);
            }
        })
    };
    for _ in 0..THREADS {
        let _ = done_rx.recv_timeout(Duration::from_secs(120));
    }
    let connect_secs = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_secs(3));
    let after = rss_kib(pid);
    let n = opened.load(Ordering::Relaxed);
    // Close them all (notify_waiters wakes every waiting thread).
    for _ in 0..50 {
        release.notify_waiters();
        if handles.iter().all(|h| h.is_finished()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    for h in handles {
        let _ = h.join();
    }
    Idle {
        per_conn_kib: (after.saturating_sub(before)) as f64 / n.max(1) as f64,
        rss_before_mib: before as f64 / 1024.0,
        rss_after_mib: after as f64 / 1024.0,
        opened: n,
        connect_secs,
    }
}

struct Latency {
    clients: usize,
    sent: usize,
    delivered: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// `clients` sockets spread over the servers `at` (thread `i` connects to `at[i % len]`),
/// then `msgs` publishes by `publish(send_time_us)`, `every` apart; the latencies seen by
/// the clients of each server.
fn broadcast_latency(
    at: &[&Server],
    clients: usize,
    msgs: usize,
    every: Duration,
    publish: &dyn Fn(u64),
) -> Vec<Latency> {
    let urls: Vec<String> = at.iter().map(|s| format!("ws://{}/ws", s.addr)).collect();
    let lat = Arc::new(Mutex::new(vec![Vec::<u64>::new(); urls.len()]));
    let connected = Arc::new(AtomicUsize::new(0));
    let received = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(tokio::sync::Notify::new());
    let per = clients.div_ceil(THREADS);
    let handles = {
        let (lat, connected, received, stop, urls) = (
            lat.clone(),
            connected.clone(),
            received.clone(),
            stop.clone(),
            urls.clone(),
        );
        on_threads(THREADS, move |i| {
            let which = i % urls.len();
            let (lat, connected, received, stop, url) = (
                lat.clone(),
                connected.clone(),
                received.clone(),
                stop.clone(),
                urls[which].clone(),
            );
            async move {
                let local = tokio::task::LocalSet::new();
                local
                    .run_until(async move {
                        let mine = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
                        let mut tasks = Vec::new();
                        for _ in 0..per {
                            let Some(mut ws) = connect(&url).await else {
                                continue;
                            };
                            connected.fetch_add(1, Ordering::Relaxed);
                            let (mine, received) = (mine.clone(), received.clone());
                            tasks.push(tokio::task::spawn_local(async move {
                                while let Some(Ok(m)) = ws.next().await {
                                    if let tokio_tungstenite::tungstenite::Message::Text(t) = m {
                                        let digits: String =
                                            t.chars().filter(char::is_ascii_digit).collect();
                                        if let Ok(sent) = digits.parse::<u64>() {
                                            mine.borrow_mut().push(now_us().saturating_sub(sent));
                                            received.fetch_add(1, Ordering::Relaxed);
                                        }
                                    }
                                }
                            }));
                        }
                        stop.notified().await;
                        for t in &tasks {
                            t.abort();
                        }
                        for t in tasks {
                            let _ = t.await;
                        }
                        lat.lock().unwrap()[which].extend(mine.borrow().iter().copied());
                    })
                    .await;
            }
        })
    };
    let end = Instant::now() + Duration::from_secs(120);
    while connected.load(Ordering::Relaxed) < clients && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(2)); // conn hooks have run
    let n_clients = connected.load(Ordering::Relaxed);
    let start = Instant::now();
    for k in 0..msgs {
        publish(now_us());
        // Paced from the start, so a slow publish does not slow the rate down.
        if let Some(wait) = (start + every * (k as u32 + 1)).checked_duration_since(Instant::now())
        {
            std::thread::sleep(wait);
        }
    }
    let end = Instant::now() + Duration::from_secs(30);
    while received.load(Ordering::Relaxed) < n_clients * msgs && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.notify_waiters();
    for _ in 0..50 {
        stop.notify_waiters();
        if handles.iter().all(|h| h.is_finished()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    for h in handles {
        let _ = h.join();
    }
    let per_server = lat.lock().unwrap().clone();
    per_server
        .into_iter()
        .enumerate()
        .map(|(which, mut v)| {
            v.sort_unstable();
            let pct = |p: f64| -> f64 {
                if v.is_empty() {
                    return f64::NAN;
                }
                let i = ((v.len() as f64 - 1.0) * p).round() as usize;
                v[i] as f64 / 1000.0
            };
            // Threads `which`, `which + len`, .. connected here.
            let threads_here = (which..THREADS).step_by(at.len()).count();
            Latency {
                clients: (n_clients * threads_here).div_ceil(THREADS),
                sent: msgs,
                delivered: v.len(),
                p50_ms: pct(0.50),
                p99_ms: pct(0.99),
                max_ms: v.last().map_or(f64::NAN, |m| *m as f64 / 1000.0),
            }
        })
        .collect()
}

/// Fan-out across two instances on one backend (see the module docs): one table row per rate.
fn fanout(url: &str, args: &[String]) {
    let clients = arg(args, "--clients", 200);
    let secs = arg(args, "--secs", 4);
    let rates: Vec<usize> = args
        .iter()
        .position(|a| a == "--rates")
        .and_then(|i| args.get(i + 1))
        .map_or_else(
            || vec![100, 500],
            |r| r.split(',').filter_map(|x| x.parse().ok()).collect(),
        );
    let kind = url.split(':').next().unwrap_or("?");
    println!(
        "| backend | updates | clients (server 1 + 2) | server 2: delivered | p50 ms | p99 ms | max ms | server 1: delivered | p50 ms | p99 ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for rate in rates {
        // Fresh servers and channel per rate, so one run's backlog cannot reach the next.
        let channel = format!("ft_fanout_{}_{rate}", std::process::id());
        let (Some(one), Some(two)) = (
            start_with("ft", &[url, &channel]),
            start_with("ft", &[url, &channel]),
        ) else {
            eprintln!(
                "fanout: a server did not start (ft-web needs its `redis`/`postgres` feature)"
            );
            return;
        };
        if let Some(s) = [&one, &two].into_iter().find(|s| !get_ready(s.addr)) {
            eprintln!("fanout: {} never reached the backend", s.addr);
            return;
        }
        let (msgs, every, label) = if rate == 0 {
            (1000, Duration::ZERO, "1,000 back to back".to_owned())
        } else {
            (
                rate * secs,
                Duration::from_secs(1) / rate as u32,
                format!("{rate}/s for {secs} s"),
            )
        };
        let addr = one.addr;
        let publish = move |t: u64| {
            post(addr, "/publish", &format!("t={t}&pad=1700"));
        };
        let lat = broadcast_latency(&[&one, &two], clients, msgs, every, &publish);
        let (l1, l2) = (&lat[0], &lat[1]);
        println!(
            "| {kind} | {label} | {} + {} | {} of {} | {:.1} | {:.1} | {:.1} | {} of {} | {:.1} | {:.1} |",
            l1.clients,
            l2.clients,
            l2.delivered,
            l2.clients * msgs,
            l2.p50_ms,
            l2.p99_ms,
            l2.max_ms,
            l1.delivered,
            l1.clients * msgs,
            l1.p50_ms,
            l1.p99_ms,
        );
        let _ = std::io::stdout().lock().flush();
    }
}

/// `GET /ready` answers once the server's hub listens on the backend.
fn get_ready(addr: SocketAddr) -> bool {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(15)));
    let _ = s.write_all(
        format!("GET /ready HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.ends_with("ok")
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("serve-ft") {
        let port = args.get(2).and_then(|p| p.parse().ok()).expect("a port");
        let backend = args.get(3).cloned().zip(args.get(4).cloned());
        server::run(port, backend);
        return;
    }
    if let Some(url) = args
        .iter()
        .position(|a| a == "--fanout")
        .and_then(|i| args.get(i + 1))
    {
        raise_fd_limit();
        fanout(url, &args);
        return;
    }
    let limit = raise_fd_limit();
    let conns = arg(&args, "--conns", 10_000);
    let clients = arg(&args, "--clients", 1_000);
    let msgs = arg(&args, "--msgs", 50);
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    if (limit as usize) < conns + 100 {
        eprintln!("fd limit {limit} < {conns} connections: lower --conns or raise `ulimit -Hn`");
        std::process::exit(2);
    }
    eprintln!("fd limit {limit}; {conns} idle connections; {clients} clients x {msgs} broadcasts");
    let mut rows = Vec::new();
    for name in ["ft", "fasthtml"] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let Some(srv) = start(name) else {
            eprintln!(
                "{name}: the server did not start (FastHTML needs python3 with python-fasthtml and uvicorn)"
            );
            continue;
        };
        eprintln!("{}: idle connections ...", srv.name);
        let idle = idle_memory(&srv, conns);
        drop(srv);
        // A fresh server for the latency run, so closing 10,000 sockets does not overlap it.
        let Some(srv) = start(name) else { continue };
        eprintln!("{}: broadcast latency ...", srv.name);
        let addr = srv.addr;
        let publish = move |t| {
            post_publish(addr, t);
        };
        let lat = broadcast_latency(&[&srv], clients, msgs, Duration::from_millis(20), &publish)
            .remove(0);
        drop(srv);
        let row = format!(
            "| {name} | {} | {:.1} -> {:.1} | {:.1} | {:.2} | {} x {} = {} of {} | {:.2} | {:.2} | {:.2} |",
            idle.opened,
            idle.rss_before_mib,
            idle.rss_after_mib,
            idle.per_conn_kib,
            idle.connect_secs,
            lat.clients,
            lat.sent,
            lat.delivered,
            lat.clients * lat.sent,
            lat.p50_ms,
            lat.p99_ms,
            lat.max_ms
        );
        eprintln!("{row}");
        rows.push(row);
    }
    println!(
        "| server | idle sockets | server RSS MiB (before -> after) | KiB per idle socket | connect time s | deliveries (clients x msgs) | p50 ms | p99 ms | max ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    let _ = std::io::stdout().lock().flush();
}
