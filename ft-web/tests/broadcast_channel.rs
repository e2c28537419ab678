//! Each app has its own channel on a shared PostgreSQL or Redis: derived from its secret key
//! unless named, so two unrelated apps with a room of the same name never see each other's
//! messages, while the instances of one app (one key) share their rooms. The backends are
//! skipped, with the reason printed, when their URL (REDIS_URL, DATABASE_URL) is not set.
//! Also here: versioned publishes racing from two instances converge on the newest state.

mod ws_util;

use ft_web::prelude::*;
use std::io::Write;
use std::time::Duration;
use ws_util::*;

async fn join(send: WsSend, hub: Hub) {
    hub.join("lobby", &send);
}

#[ws("/lobby", conn = join)]
async fn lobby() -> Ft {
    Ft::default()
}

#[post("/say")]
async fn say(text: String, hub: Hub) -> Result<String> {
    Ok(hub
        .publish("lobby", P!(text, id = "said"))
        .await?
        .to_string())
}

#[get("/channel")]
async fn channel(hub: Hub) -> String {
    let _ = tokio::time::timeout(Duration::from_secs(10), hub.ready()).await;
    format!("{} {}", hub.channel().unwrap_or("-"), hub.is_ready())
}

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The state's version counter, as the database would keep it: the two servers of a test run
/// in this process and share one.
type Version = Arc<AtomicU64>;

/// Takes the next version, waits `ms` (a slow request), then publishes it: a later version
/// often goes out before an earlier one.
#[post("/bump")]
async fn bump(ms: u64, hub: Hub, version: State<Version>) -> Result<String> {
    let v = version.fetch_add(1, Ordering::SeqCst) + 1;
    tokio::time::sleep(Duration::from_millis(ms)).await;
    hub.publish_versioned("lobby", v, P!(v, id = "count"))
        .await?;
    Ok(v.to_string())
}

fn app(url: &str, key: &str, named: Option<&str>, version: Version) -> FastApp {
    let mut backend = Broadcast::from_url(url).expect("a postgres:// or redis:// URL");
    if let Some(n) = named {
        backend = backend.channel(n);
    }
    fast_app()
        .secret_key(key)
        .state(version)
        .broadcast(backend)
        .routes(routes![lobby, say, channel, bump])
}

fn start(url: &str, key: &'static str, named: Option<&'static str>) -> Running {
    start_with(url, key, named, Version::default())
}

fn start_with(url: &str, key: &'static str, named: Option<&'static str>, v: Version) -> Running {
    let url = url.to_owned();
    Running::start(move || app(&url, key, named, v))
}

/// `"ft_<16 hex> true"` once the server's hub listens.
fn channel_of(srv: &Running) -> String {
    body(&srv.http("GET", "/channel", "", "")).to_owned()
}

fn say_on(srv: &Running, text: &str) {
    let res = srv.http(
        "POST",
        "/say",
        "Content-Type: application/x-www-form-urlencoded\r\n",
        &format!("text={text}"),
    );
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
}

async fn isolation(url: &str) {
    let one = start(url, "key of app one", None);
    let one_again = start(url, "key of app one", None);
    let two = start(url, "key of app two", None);
    let (c1, c1b, c2) = (channel_of(&one), channel_of(&one_again), channel_of(&two));
    let name = c1.split(' ').next().unwrap_or_default();
    assert!(
        name.len() == 19 && name.starts_with("ft_") && c1.ends_with(" true"),
        "{c1}"
    );
    assert!(
        !name.contains("key"),
        "the channel tells nothing of the key"
    );
    assert_eq!(c1, c1b, "one app's instances share a channel");
    assert_ne!(c1, c2, "two apps have two channels");

    let mut on_one = one.ws("/lobby").await;
    let mut on_one_again = one_again.ws("/lobby").await;
    let mut on_two = two.ws("/lobby").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    say_on(&one_again, "for-app-one");
    assert_eq!(
        recv_text(&mut on_one).await,
        "<p id=\"said\">for-app-one</p>\n"
    );
    assert_eq!(
        recv_text(&mut on_one_again).await,
        "<p id=\"said\">for-app-one</p>\n"
    );
    say_on(&two, "for-app-two");
    assert_eq!(
        recv_text(&mut on_two).await,
        "<p id=\"said\">for-app-two</p>\n"
    );
    assert!(
        quiet(&mut on_one, 300).await,
        "app one got app two's message"
    );
    assert!(
        quiet(&mut on_two, 100).await,
        "app two got app one's message"
    );

    // A channel by name: processes with one secret share its rooms; a process with another
    // key on the same channel is not heard (its messages are not sealed with theirs).
    let a = start(url, "shared key", Some("ft_test_shared_lobby"));
    let b = start(url, "shared key", Some("ft_test_shared_lobby"));
    let stranger = start(url, "another key", Some("ft_test_shared_lobby"));
    assert_eq!(channel_of(&a), "ft_test_shared_lobby true");
    assert_eq!(channel_of(&b), "ft_test_shared_lobby true");
    assert_eq!(channel_of(&stranger), "ft_test_shared_lobby true");
    let mut on_b = b.ws("/lobby").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    say_on(&a, "shared");
    assert_eq!(recv_text(&mut on_b).await, "<p id=\"said\">shared</p>\n");
    say_on(&stranger, "intruder");
    assert!(
        quiet(&mut on_b, 300).await,
        "a process with another key was heard"
    );
    assert!(
        quiet(&mut on_one, 200).await,
        "the named channel is not app one's"
    );

    drop((on_one, on_one_again, on_two, on_b));
    for s in [one, one_again, two, a, b, stranger] {
        s.stop();
    }
}

/// The version in a `<p id="count">N</p>` message.
fn version_in(msg: &str) -> u64 {
    msg.trim()
        .trim_start_matches("<p id=\"count\">")
        .trim_end_matches("</p>")
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {msg}"))
}

/// Two instances publish 40 versions in a race (each request waits 0-29 ms between taking
/// its version and publishing it); every client of either instance sees rising versions only
/// and ends on the newest.
async fn versioned_race(url: &str) {
    let version = Version::default();
    let a = start_with(url, "race key", None, version.clone());
    let b = start_with(url, "race key", None, version.clone());
    assert!(channel_of(&a).ends_with(" true") && channel_of(&b).ends_with(" true"));
    let mut clients = vec![
        a.ws("/lobby").await,
        a.ws("/lobby").await,
        b.ws("/lobby").await,
        b.ws("/lobby").await,
    ];
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (addr_a, addr_b) = (a.addr, b.addr);
    let senders: Vec<_> = (0..40u64)
        .map(|i| {
            let srv = Running::remote(if i % 2 == 0 { addr_a } else { addr_b });
            let ms = (i * 7919) % 30;
            std::thread::spawn(move || {
                let res = srv.http(
                    "POST",
                    "/bump",
                    "Content-Type: application/x-www-form-urlencoded\r\n",
                    &format!("ms={ms}"),
                );
                assert!(res.starts_with("HTTP/1.1 200"), "{res}");
            })
        })
        .collect();
    for s in senders {
        s.join().expect("a publisher");
    }
    let newest = version.load(Ordering::SeqCst);
    assert_eq!(newest, 40);
    for (i, ws) in clients.iter_mut().enumerate() {
        let mut seen = Vec::new();
        while let Ok(Ok(msg)) = tokio::time::timeout(Duration::from_millis(500), recv(ws)).await {
            seen.push(version_in(&msg));
        }
        assert!(
            seen.windows(2).all(|w| w[0] < w[1]),
            "client {i} saw an older version after a newer one: {seen:?}"
        );
        assert_eq!(seen.last(), Some(&newest), "client {i} ended on {seen:?}");
    }
    drop(clients);
    a.stop();
    b.stop();
}

#[tokio::test]
async fn redis_versioned_publishes_converge_on_the_newest() {
    if !cfg!(feature = "redis") {
        return skipped("Redis ordering: ft-web built without its `redis` feature");
    }
    let Ok(url) = std::env::var("REDIS_URL") else {
        return skipped("REDIS_URL is not set (e.g. redis://127.0.0.1:6379)");
    };
    versioned_race(&url).await;
}

#[tokio::test]
async fn postgres_versioned_publishes_converge_on_the_newest() {
    if !cfg!(feature = "postgres") {
        return skipped("PostgreSQL ordering: ft-web built without its `postgres` feature");
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        return skipped("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)");
    };
    versioned_race(&url).await;
}

/// Another process on the backend that knows the channel's name (it is listed there) but not
/// the app's secret cannot reach the app's rooms; one built with the secret can.
async fn forged_messages_are_dropped(url: &str) {
    let app = start(url, "the secret of the forge test", None);
    let listed = channel_of(&app);
    let name = listed.split(' ').next().unwrap_or_default().to_owned();
    let mut member = app.ws("/lobby").await;
    let backend = Broadcast::from_url(url).expect("a backend URL");

    let forger = Hub::new(backend.clone().channel(name.clone()), WsConfig::default());
    let _ = tokio::time::timeout(Duration::from_secs(10), forger.ready()).await;
    assert_eq!(forger.channel(), Some(name.as_str()));
    forger
        .publish("lobby", P!("forged", id = "said"))
        .await
        .expect("the backend took it");
    forger
        .publish_versioned("lobby", u64::MAX, P!("pinned", id = "count"))
        .await
        .expect("the backend took it");
    assert!(
        quiet(&mut member, 400).await,
        "a forged message reached the room"
    );

    let worker = Hub::with_secret(backend, WsConfig::default(), "the secret of the forge test");
    let _ = tokio::time::timeout(Duration::from_secs(10), worker.ready()).await;
    assert_eq!(worker.channel(), Some(name.as_str()), "the app's channel");
    worker
        .publish_versioned("lobby", 1, P!("from the worker", id = "count"))
        .await
        .expect("published");
    assert_eq!(
        recv_text(&mut member).await,
        "<p id=\"count\">from the worker</p>\n",
        "the forged u64::MAX version did not pin the room"
    );
    drop(member);
    app.stop();
}

#[tokio::test]
async fn redis_forged_messages_are_dropped() {
    if !cfg!(feature = "redis") {
        return skipped("Redis seal: ft-web built without its `redis` feature");
    }
    let Ok(url) = std::env::var("REDIS_URL") else {
        return skipped("REDIS_URL is not set (e.g. redis://127.0.0.1:6379)");
    };
    forged_messages_are_dropped(&url).await;
}

#[tokio::test]
async fn postgres_forged_messages_are_dropped() {
    if !cfg!(feature = "postgres") {
        return skipped("PostgreSQL seal: ft-web built without its `postgres` feature");
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        return skipped("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)");
    };
    forged_messages_are_dropped(&url).await;
}

fn skipped(reason: &str) {
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

#[tokio::test]
async fn redis_apps_are_isolated_by_default() {
    if !cfg!(feature = "redis") {
        return skipped("Redis channels: ft-web built without its `redis` feature");
    }
    let Ok(url) = std::env::var("REDIS_URL") else {
        return skipped("REDIS_URL is not set (e.g. redis://127.0.0.1:6379)");
    };
    isolation(&url).await;
}

#[tokio::test]
async fn postgres_apps_are_isolated_by_default() {
    if !cfg!(feature = "postgres") {
        return skipped("PostgreSQL channels: ft-web built without its `postgres` feature");
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        return skipped("DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)");
    };
    isolation(&url).await;
}

#[tokio::test]
async fn an_in_process_hub_has_no_channel() {
    let cli = Client::new(fast_app().secret_key("k").routes(routes![channel])).await;
    assert_eq!(cli.get("/channel").send().await.text(), "- true");
}
