//! Broadcast across a backend restart: two hubs (instances of one app) on a private Redis
//! server or PostgreSQL cluster of the test's own (never the shared ones on 6379/5432, which
//! other tests use meanwhile). Instance A publishes a numbered stream; the backend is killed
//! mid-stream and started again on the same port while A keeps publishing; instance B's
//! member must get every number exactly once and in order. Also: a publish while the
//! backend is away reaches this process's members at once and returns `Ok` (queued), until
//! the outbox is full (then a 503).
//!
//! Skipped, with the reason printed, when the backend's programs are not installed
//! (`/usr/bin/redis-server`; PostgreSQL's `initdb`/`pg_ctl` under `/usr/lib/postgresql`).

use ft_web::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "the secret of the restart test";
/// Numbers published in a stream test, one every [`EVERY`].
const COUNT: u64 = 300;
const EVERY: Duration = Duration::from_millis(10);

fn skipped(reason: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A backend the test can stop and start again on the same port.
trait Server {
    fn url(&self) -> String;
    fn stop(&mut self);
    fn start(&mut self);
}

// ---- Redis ---------------------------------------------------------------------------------

const REDIS_SERVER: &str = "/usr/bin/redis-server";

/// `redis-server` on a port of its own, without persistence; killed when dropped.
struct Redis {
    port: u16,
    child: Option<Child>,
}

impl Redis {
    fn new() -> Redis {
        let mut r = Redis {
            port: free_port(),
            child: None,
        };
        r.start();
        r
    }
    fn pong(&self) -> bool {
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
        let mut buf = [0u8; 7];
        s.write_all(b"PING\r\n").is_ok() && s.read_exact(&mut buf).is_ok() && &buf == b"+PONG\r\n"
    }
}

impl Server for Redis {
    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill(); // SIGKILL: no goodbye to the clients
            let _ = c.wait();
        }
    }
    fn start(&mut self) {
        let child = Command::new(REDIS_SERVER)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.pong() {
            assert!(Instant::now() < deadline, "redis-server did not answer");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

// ---- PostgreSQL ----------------------------------------------------------------------------

/// The directory of `initdb` and `pg_ctl`, if PostgreSQL is installed.
fn pg_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// A PostgreSQL cluster of its own (in a temporary directory owned by `postgres`, run as
/// that user with `runuser`: the tests run as root), on a port of its own; stopped and
/// removed when dropped.
struct Pg {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    running: bool,
}

impl Pg {
    fn new(bin: PathBuf) -> Result<Pg, String> {
        let dir = std::env::temp_dir().join(format!(
            "ft-broadcast-restart-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let mut pg = Pg {
            bin,
            dir,
            port: free_port(),
            running: false,
        };
        run(Command::new("chown").arg("postgres").arg(&pg.dir))?;
        let initdb = pg.bin.join("initdb");
        run(Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(initdb)
            .arg("-D")
            .arg(pg.data())
            .args(["--auth=trust", "-U", "postgres"]))?;
        pg.try_start()?;
        Ok(pg)
    }
    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }
    fn pg_ctl(&self, args: &[&str]) -> Command {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"])
            .arg(self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.data())
            .args(args);
        c
    }
    fn try_start(&mut self) -> Result<(), String> {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        let log = self.dir.join("log");
        run(self
            .pg_ctl(&["-w", "-t", "30", "-o", &opts, "-l"])
            .arg(log)
            .arg("start"))?;
        self.running = true;
        Ok(())
    }
}

impl Server for Pg {
    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
    fn stop(&mut self) {
        if self.running {
            // Immediate: the server processes quit at once, like a crash (recovery on start).
            let _ = run(&mut self.pg_ctl(&["-w", "-t", "30", "stop", "-m", "immediate"]));
            self.running = false;
        }
    }
    fn start(&mut self) {
        if let Err(e) = self.try_start() {
            panic!("PostgreSQL did not start again: {e}");
        }
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs a command to its end (within its own timeouts); its output when it fails.
fn run(c: &mut Command) -> Result<(), String> {
    let out = c
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{c:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{c:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

// ---- the tests -----------------------------------------------------------------------------

fn hub(url: &str) -> Hub {
    let backend = Broadcast::from_url(url).expect("a backend URL");
    let ws = WsConfig {
        queue: 16_384,
        ..WsConfig::default()
    };
    Hub::with_secret(backend, ws, SECRET)
}

async fn ready(hub: &Hub) {
    tokio::time::timeout(Duration::from_secs(15), hub.ready())
        .await
        .expect("the hub connects within 15 s");
}

/// A numbered stream from A to B's member while `server` is killed (after a third) and
/// started again (after two thirds).
async fn numbers_survive_a_restart(server: &mut dyn Server) {
    let url = server.url();
    let (a, b) = (hub(&url), hub(&url));
    ready(&a).await;
    ready(&b).await;
    let mut member = b.subscribe("numbers");
    let collector = tokio::spawn(async move {
        let mut got = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while got.len() < COUNT as usize {
            match tokio::time::timeout_at(deadline, member.recv()).await {
                Ok(Some(m)) => got.push(m.html().trim().to_owned()),
                Ok(None) => panic!("B's member was dropped after {} messages", got.len()),
                Err(_) => break,
            }
        }
        // Anything more is a copy.
        if let Ok(Some(m)) = tokio::time::timeout(Duration::from_millis(500), member.recv()).await {
            got.push(m.html().trim().to_owned());
        }
        got
    });
    let mut slowest = Duration::ZERO;
    for i in 0..COUNT {
        if i == COUNT / 3 {
            server.stop();
        }
        if i == 2 * COUNT / 3 {
            assert!(
                !a.is_ready() && !b.is_ready(),
                "the hubs saw the backend go"
            );
            server.start();
        }
        let t = Instant::now();
        let r = a.publish("numbers", P!(i)).await;
        slowest = slowest.max(t.elapsed());
        assert!(r.is_ok(), "publish {i}: {r:?}");
        tokio::time::sleep(EVERY).await;
    }
    let got = collector.await.expect("the collector");
    let want: Vec<String> = (0..COUNT).map(|i| format!("<p>{i}</p>")).collect();
    if got != want {
        let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
        panic!(
            "B's member got {} messages ({} missing: {missing:?}); got {got:?}",
            got.len(),
            missing.len()
        );
    }
    assert!(
        slowest < Duration::from_secs(3),
        "a publish waited {slowest:?}"
    );
}

/// While the backend is away: a publish reaches this process's member at once and returns
/// `Ok(1)`; 10,000 messages wait in the outbox; the next publish is a 503 (after its local
/// delivery), and once the backend is back the queued messages reach the other instance.
async fn publish_while_away(server: &mut dyn Server) {
    let url = server.url();
    let (a, b) = (hub(&url), hub(&url));
    ready(&a).await;
    ready(&b).await;
    let mut remote = b.subscribe("away");
    server.stop();
    let deadline = Instant::now() + Duration::from_secs(10);
    while a.is_ready() {
        assert!(Instant::now() < deadline, "A did not notice the backend go");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut local = a.subscribe("away");
    let t = Instant::now();
    let n = a.publish("away", P!("first")).await.expect("queued");
    assert_eq!(n, 1, "A's member got it");
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "{:?}",
        t.elapsed()
    );
    let m = tokio::time::timeout(Duration::from_millis(100), local.recv())
        .await
        .expect("at once")
        .expect("a message");
    assert_eq!(m.html(), "<p>first</p>\n");
    drop(local);

    // Fill the outbox (10,000 messages, the first among them).
    let mut refused = None;
    for i in 1..=10_000u32 {
        if let Err(e) = a.publish_html("away", None, format!("<p>{i}</p>")).await {
            refused = Some((i, e));
            break;
        }
    }
    let (at, e) = refused.expect("a full outbox refuses");
    assert_eq!(at, 10_000, "refused after 10,000 queued");
    assert_eq!(e.status(), 503, "{}", e.message());
    assert!(e.message().contains("outbox full"), "{}", e.message());

    server.start();
    let first = tokio::time::timeout(Duration::from_secs(20), remote.recv())
        .await
        .expect("the queued messages go out once the backend is back")
        .expect("a message");
    assert_eq!(first.html(), "<p>first</p>\n");
    for i in 1..10_000u32 {
        let m = tokio::time::timeout(Duration::from_secs(10), remote.recv())
            .await
            .unwrap_or_else(|_| panic!("message {i} of the outbox"))
            .expect("a message");
        assert_eq!(m.html(), format!("<p>{i}</p>"));
    }
}

/// A TCP proxy in front of the backend for one hub: `cut` closes every connection through
/// it and refuses new ones until `restore`.
struct Proxy {
    port: u16,
    cut: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    async fn to(target_port: u16) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let cut = tokio::sync::watch::Sender::new(false);
        let cuts = cut.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if *cuts.borrow() {
                    continue; // refused: dropped at once
                }
                let mut cut = cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut outbound) =
                        tokio::net::TcpStream::connect(("127.0.0.1", target_port)).await
                    else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut.wait_for(|c| *c) => {}
                    }
                });
            }
        });
        Proxy { port, cut, task }
    }
    fn url(&self, backend_url: &str, backend_port: u16) -> String {
        backend_url.replace(&format!(":{backend_port}"), &format!(":{}", self.port))
    }
    fn cut(&self) {
        self.cut.send_replace(true);
    }
    fn restore(&self) {
        self.cut.send_replace(false);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.cut();
        self.task.abort();
    }
}

/// B alone loses its connections (through [`Proxy`]) for a while A keeps publishing: once
/// it reconnects it reads what A published meanwhile from the log, every number once, in
/// order.
async fn reader_catches_up(url: &str, port: u16) {
    let proxy = Proxy::to(port).await;
    let (a, b) = (hub(url), hub(&proxy.url(url, port)));
    ready(&a).await;
    ready(&b).await;
    let mut member = b.subscribe("caught-up");
    const N: u64 = 200;
    for i in 0..N {
        if i == N / 4 {
            proxy.cut();
            let deadline = Instant::now() + Duration::from_secs(10);
            while b.is_ready() {
                assert!(Instant::now() < deadline, "B did not notice the cut");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
        if i == 3 * N / 4 {
            assert!(!b.is_ready(), "B stayed away while A published");
            proxy.restore();
        }
        a.publish("caught-up", P!(i)).await.expect("published");
        tokio::time::sleep(EVERY).await;
    }
    for i in 0..N {
        let m = tokio::time::timeout(Duration::from_secs(15), member.recv())
            .await
            .unwrap_or_else(|_| panic!("B's member never got {i}"))
            .expect("a message");
        assert_eq!(m.html(), format!("<p>{i}</p>\n"));
    }
    assert!(
        tokio::time::timeout(Duration::from_millis(500), member.recv())
            .await
            .is_err(),
        "a copy"
    );
}

fn redis() -> Option<Redis> {
    if !cfg!(feature = "redis") {
        skipped("Redis restart: ft-web built without its `redis` feature");
        return None;
    }
    if !Path::new(REDIS_SERVER).exists() {
        skipped("Redis restart: /usr/bin/redis-server is not installed");
        return None;
    }
    Some(Redis::new())
}

fn postgres() -> Option<Pg> {
    if !cfg!(feature = "postgres") {
        skipped("PostgreSQL restart: ft-web built without its `postgres` feature");
        return None;
    }
    let Some(bin) = pg_bin() else {
        skipped("PostgreSQL restart: no initdb/pg_ctl under /usr/lib/postgresql/*/bin");
        return None;
    };
    match Pg::new(bin) {
        Ok(pg) => Some(pg),
        Err(e) => panic!("a private PostgreSQL cluster: {e}"),
    }
}

/// Each test has two minutes at most.
async fn bounded(f: impl std::future::Future<Output = ()>) {
    tokio::time::timeout(Duration::from_secs(120), f)
        .await
        .expect("the test finished within two minutes");
}

#[tokio::test]
async fn redis_restart_loses_no_message() {
    let Some(mut server) = redis() else { return };
    bounded(numbers_survive_a_restart(&mut server)).await;
}

#[tokio::test]
async fn postgres_restart_loses_no_message() {
    let Some(mut server) = postgres() else { return };
    bounded(numbers_survive_a_restart(&mut server)).await;
}

#[tokio::test]
async fn redis_publish_while_away_is_queued_then_refused_when_full() {
    let Some(mut server) = redis() else { return };
    bounded(publish_while_away(&mut server)).await;
}

#[tokio::test]
async fn postgres_publish_while_away_is_queued_then_refused_when_full() {
    let Some(mut server) = postgres() else { return };
    bounded(publish_while_away(&mut server)).await;
}

#[tokio::test]
async fn redis_reader_catches_up_after_a_reconnect() {
    let Some(server) = redis() else { return };
    bounded(reader_catches_up(&server.url(), server.port)).await;
}

#[tokio::test]
async fn postgres_reader_catches_up_after_a_reconnect() {
    let Some(server) = postgres() else { return };
    bounded(reader_catches_up(&server.url(), server.port)).await;
}
