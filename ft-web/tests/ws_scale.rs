//! Scale-out: two server processes that share nothing but PostgreSQL or Redis. A websocket
//! client and an SSE client connected to server 1 (a child process: this test binary run
//! again) receive what is published through server 2 (this process), and the other way round.
//! Each backend is skipped, with the reason printed, when its URL (DATABASE_URL, REDIS_URL) is
//! not set.

mod ws_util;

use ft_web::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use ws_util::*;

const CHILD_URL: &str = "FT_WS_CHILD_BACKEND_URL";
const CHILD_CHANNEL: &str = "FT_WS_CHILD_CHANNEL";

async fn join(send: WsSend, hub: Hub, req: Request) {
    let room = req.match_info().get("room").unwrap_or("lobby").to_owned();
    hub.join(room, &send);
}

#[ws("/room/{room}", conn = join)]
async fn room_ws(room: String, msg: String, hub: Hub) -> Result<()> {
    hub.publish(&room, P!(msg, id = "msg")).await?;
    Ok(())
}

#[get("/ready")]
async fn ready(hub: Hub) -> String {
    tokio::time::timeout(Duration::from_secs(10), hub.ready())
        .await
        .map(|_| "ok".to_owned())
        .unwrap_or_else(|_| "not ready".into())
}

#[get("/members/{name}")]
fn members(name: String, hub: Hub) -> String {
    hub.local_members(&name).to_string()
}

#[post("/publish/{name}")]
async fn publish(name: String, text: String, hub: Hub) -> Result<String> {
    Ok(hub
        .publish_event(&name, "news", P!(text, id = "msg"))
        .await?
        .to_string())
}

#[get("/everyone/{name}")]
fn everyone(name: String, hub: Hub) -> String {
    hub.members(&name).to_string()
}

#[get("/events/{name}")]
fn events(name: String, hub: Hub) -> EventStream {
    EventStream::room(&hub, name)
}

fn app(url: &str, channel: &str) -> FastApp {
    let backend = Broadcast::from_url(url).expect("a postgres:// or redis:// URL");
    fast_app()
        .secret_key("scale-test")
        .broadcast(backend.channel(channel))
        // Short, so a silent process's rooms empty within a second.
        .ws_config(WsConfig {
            presence_interval: Duration::from_millis(200),
            ..WsConfig::default()
        })
        .routes(routes![room_ws, ready, members, everyone, publish, events])
}

/// Server 1, when this binary is started by a test below; otherwise nothing.
#[test]
fn child_server() {
    let (Ok(url), Ok(channel)) = (std::env::var(CHILD_URL), std::env::var(CHILD_CHANNEL)) else {
        return;
    };
    let srv = Running::start(move || app(&url, &channel));
    println!("PORT {}", srv.addr.port());
    std::io::stdout().flush().unwrap();
    // Serve until the parent closes our stdin (or at most two minutes).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        let _ = tx.send(());
    });
    let _ = rx.recv_timeout(Duration::from_secs(120));
    srv.stop();
}

struct ChildServer {
    child: Child,
    port: u16,
}

impl ChildServer {
    fn spawn(url: &str, channel: &str) -> ChildServer {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "child_server",
                "--exact",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_URL, url)
            .env(CHILD_CHANNEL, channel)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start server 1");
        let out = child.stdout.take().unwrap();
        let mut lines = BufReader::new(out).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("server 1 printed its port")
                .expect("read");
            // libtest writes `test child_server ... ` before it on the same line.
            if let Some((_, p)) = line.split_once("PORT ") {
                break p.trim().parse().unwrap();
            }
        };
        ChildServer { child, port }
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take()); // the child stops when its stdin closes
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn form() -> &'static str {
    "Content-Type: application/x-www-form-urlencoded\r\n"
}

async fn across_processes(url: &str) {
    let channel = test_channel();
    let child = ChildServer::spawn(url, &channel);
    let one = Running::remote(format!("127.0.0.1:{}", child.port).parse().unwrap());
    let (u, c) = (url.to_owned(), channel.clone());
    let two = Running::start(move || app(&u, &c));
    assert_eq!(body(&one.http("GET", "/ready", "", "")), "ok");
    assert_eq!(body(&two.http("GET", "/ready", "", "")), "ok");

    // A websocket and an SSE stream on server 1, in room "r".
    let mut ws = one.ws("/room/r").await;
    let mut sse = Streaming::open(one.addr, "/events/r");
    assert!(sse.read_until(5, |t| t.contains("\r\n\r\n")));
    assert!(eventually(|| body(&one.http("GET", "/members/r", "", "")) == "2").await);

    // Published through server 2 (which has no member in "r" itself) ...
    let res = two.http("POST", "/publish/r", form(), "text=from+server+2");
    assert_eq!(body(&res), "0", "{res}");
    // ... reaches both clients on server 1.
    assert_eq!(
        recv_text(&mut ws).await,
        "<p id=\"msg\">from server 2</p>\n"
    );
    assert!(
        sse.read_until(5, |t| dechunk(body(t)).contains("from server 2")),
        "{}",
        sse.text()
    );
    assert!(
        sse.body()
            .ends_with("event: news\ndata: <p id=\"msg\">from server 2</p>\n\n"),
        "{}",
        sse.body()
    );

    // The other way: a client of server 2 gets what a client of server 1 says.
    let mut ws2 = two.ws("/room/r").await;
    assert!(eventually(|| body(&two.http("GET", "/members/r", "", "")) == "1").await);
    send(&mut ws, r#"{"msg":"hello from a client of server 1"}"#).await;
    let expected = "<p id=\"msg\">hello from a client of server 1</p>\n";
    assert_eq!(recv_text(&mut ws).await, expected); // its own copy, once
    assert_eq!(recv_text(&mut ws2).await, expected);
    assert!(quiet(&mut ws, 200).await, "no echo from the backend");

    two.stop();
    drop(child);
}

fn test_channel() -> String {
    format!(
        "ft_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

/// Room membership across processes, and a process killed without a word: its members stop
/// counting within three of its presence intervals.
async fn presence(url: &str) {
    let channel = test_channel();
    let mut child = ChildServer::spawn(url, &channel);
    let one = Running::remote(format!("127.0.0.1:{}", child.port).parse().unwrap());
    let (u, c) = (url.to_owned(), channel.clone());
    let two = Running::start(move || app(&u, &c));
    assert_eq!(body(&one.http("GET", "/ready", "", "")), "ok");
    assert_eq!(body(&two.http("GET", "/ready", "", "")), "ok");
    let count = |srv: &Running| body(&srv.http("GET", "/everyone/p", "", "")).to_owned();

    let a = one.ws("/room/p").await;
    let b = one.ws("/room/p").await;
    let c = two.ws("/room/p").await;
    assert!(eventually(|| count(&two) == "3").await, "{}", count(&two));
    assert!(eventually(|| count(&one) == "3").await, "{}", count(&one));
    assert_eq!(
        body(&two.http("GET", "/members/p", "", "")),
        "1",
        "local only"
    );

    // A leave is told at once, not at the next heartbeat.
    drop(c);
    assert!(eventually(|| count(&one) == "2").await, "{}", count(&one));

    // Server 1 dies without a word: its two members stop counting on server 2.
    let _ = child.child.kill();
    let _ = child.child.wait();
    let gone = std::time::Instant::now();
    assert!(eventually(|| count(&two) == "0").await, "{}", count(&two));
    assert!(
        gone.elapsed() < Duration::from_secs(3),
        "{:?}",
        gone.elapsed()
    );
    drop((a, b));
    two.stop();
}

/// Written to the real stderr, so it shows even though the test harness captures output.
fn skipped(reason: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

#[tokio::test]
async fn redis_two_processes() {
    if !cfg!(feature = "redis") {
        return skipped("Redis fan-out: ft-web built without its `redis` feature");
    }
    let Ok(url) = std::env::var("REDIS_URL") else {
        skipped("REDIS_URL is not set (e.g. redis://127.0.0.1:6379)");
        return;
    };
    across_processes(&url).await;
}

#[tokio::test]
async fn postgres_two_processes() {
    if !cfg!(feature = "postgres") {
        return skipped("PostgreSQL fan-out: ft-web built without its `postgres` feature");
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        skipped("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)");
        return;
    };
    across_processes(&url).await;
}

#[tokio::test]
async fn redis_presence_across_processes() {
    if !cfg!(feature = "redis") {
        return skipped("Redis presence: ft-web built without its `redis` feature");
    }
    let Ok(url) = std::env::var("REDIS_URL") else {
        skipped("REDIS_URL is not set (e.g. redis://127.0.0.1:6379)");
        return;
    };
    presence(&url).await;
}

#[tokio::test]
async fn postgres_presence_across_processes() {
    if !cfg!(feature = "postgres") {
        return skipped("PostgreSQL presence: ft-web built without its `postgres` feature");
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        skipped("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)");
        return;
    };
    presence(&url).await;
}
