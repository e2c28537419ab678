//! The OAuth counter (examples/examples/oauth_counter.rs) against the mock GitHub of
//! `ft_web::auth::mock_provider`, a real server on 127.0.0.1: logging in, counting, logging
//! out and back in (the count is kept), one count per user, a refused login; through the test
//! client, then in a browser with the mock's consent page (e2e/oauth_counter.mjs).

mod common;

#[allow(dead_code)]
#[path = "../examples/oauth_counter.rs"]
mod oauth_counter;

use common::{Running, TempDir, client};
use ft_web::Client;
use ft_web::auth::mock_provider::{MockConfig, MockProvider, Style};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

/// The test client's origin: where the provider sends the user back to.
const ORIGIN: &str = "http://testserver";

/// Logs `cli` in: the login page's link, the app's start route, the provider (visited over
/// real HTTP, as a browser would), and the redirect back. The redirect's answer.
async fn log_in(cli: &Client, mock: SocketAddr) -> ft_web::TestResponse {
    let page = cli.get("/login").send().await.text();
    let href = page
        .split("<a href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a login link")
        .replace("&amp;", "&");
    let r = cli.get(&href).send().await;
    assert_eq!(r.status(), 303, "{href}");
    let to_provider = r.header("location").expect("to the provider");
    let path = to_provider
        .strip_prefix(&format!("http://{mock}"))
        .unwrap_or_else(|| panic!("to the mock: {to_provider}"));
    let back = provider_sends_to(mock, path);
    let back = back.strip_prefix(ORIGIN).expect("to the app's redirect");
    assert!(back.starts_with("/redirect?"), "{back}");
    cli.get(back).send().await
}

/// A browser's visit to the provider at `path` (it approves at once): where it is sent next.
fn provider_sends_to(mock: SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(mock).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {mock}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut res = String::new();
    s.read_to_string(&mut res).expect("read");
    assert!(res.starts_with("HTTP/1.1 303"), "{res}");
    res.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("location")
                .then(|| v.trim().to_owned())
        })
        .expect("a Location")
}

async fn count_page(cli: &Client) -> String {
    let r = cli.get("/").send().await;
    assert_eq!(r.status(), 200, "{:?}", r.header("location"));
    r.text()
}

#[ft_web::test]
async fn log_in_count_log_out_and_back_in() {
    let dir = TempDir::new("oauth");
    let mock = MockProvider::start(MockConfig::new(Style::GitHub)).expect("mock provider");
    let app = || oauth_counter::app(&dir.file("counts.db"), mock.provider(), ORIGIN);
    let cli = client(app()).await;

    // Anonymous: sent to the login page, which links to the app's own start route.
    let r = cli.get("/").send().await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/login")));
    assert_eq!(cli.post("/increment").send().await.status(), 303);
    let login = cli.get("/login").send().await.text();
    assert!(login.contains(">Log in with GitHub</a>"), "{login}");

    let r = log_in(&cli, mock.addr()).await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/")));
    let page = count_page(&cli).await;
    assert!(
        page.contains("Hello alice. Your count: <span id=\"count\">0</span>"),
        "{page}"
    );
    assert!(page.contains("hx-post=\"/increment\" hx-target=\"#count\""));
    for want in ["1", "2", "3"] {
        let r = cli.post("/increment").htmx().send().await;
        assert_eq!(r.text(), want);
    }
    // A forged request without the page's CSRF token changes nothing.
    assert_eq!(cli.post("/increment").no_csrf().send().await.status(), 403);

    assert_eq!(cli.get("/logout").send().await.status(), 405);
    let r = cli.post("/logout").send().await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/login")));
    assert_eq!(cli.get("/").send().await.status(), 303);

    log_in(&cli, mock.addr()).await;
    assert!(
        count_page(&cli)
            .await
            .contains("<span id=\"count\">3</span>")
    );

    // Bob, in another browser, has his own count; Alice's stays.
    mock.set(|b| b.user = "bob".into());
    let bob = client(app()).await;
    log_in(&bob, mock.addr()).await;
    assert!(
        count_page(&bob)
            .await
            .contains("Hello bob. Your count: <span id=\"count\">0</span>")
    );
    assert_eq!(bob.post("/increment").htmx().send().await.text(), "1");
    assert!(
        count_page(&cli)
            .await
            .contains("<span id=\"count\">3</span>")
    );

    // The data outlives the app: a new instance on the same file still knows both.
    let again = client(app()).await;
    mock.set(|b| b.user = "alice".into());
    log_in(&again, mock.addr()).await;
    assert!(
        count_page(&again)
            .await
            .contains("<span id=\"count\">3</span>")
    );
    mock.stop().await;
}

#[ft_web::test]
async fn a_refused_login_shows_the_error_page() {
    let dir = TempDir::new("oauth");
    let mock = MockProvider::start(MockConfig::new(Style::GitHub)).expect("mock provider");
    let cli = client(oauth_counter::app(
        &dir.file("counts.db"),
        mock.provider(),
        ORIGIN,
    ))
    .await;
    mock.set(|b| b.deny = true);
    let r = log_in(&cli, mock.addr()).await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/error")));
    let page = cli.get("/error").send().await.text();
    assert!(page.contains("<h1>Login failed</h1>"), "{page}");
    assert!(page.contains("access_denied"), "{page}");
    assert!(page.contains("href=\"/login\""));
    assert_eq!(cli.get("/").send().await.status(), 303);
    mock.stop().await;
}

/// The browser test: the app and an interactive mock GitHub (a consent page where the user
/// types a name), both on 127.0.0.1, under htmx 2 or htmx 4.
fn browser(htmx4: bool) {
    let dir = TempDir::new(if htmx4 {
        "oauth-e2e-htmx4"
    } else {
        "oauth-e2e"
    });
    let db = dir.file("counts.db");
    let (tx, rx) = std::sync::mpsc::channel();
    let server = Running::start_at(move |addr| {
        let mock = MockProvider::start(MockConfig::new(Style::GitHub).interactive())
            .expect("mock provider");
        tx.send(mock.url()).expect("mock url");
        oauth_counter::app(&db, mock.provider(), &format!("http://{addr}")).htmx4(htmx4)
    });
    let mock_url = rx.recv().expect("the mock started");
    let mut env = vec![("E2E_ALLOW", mock_url.as_str())];
    if htmx4 {
        env.push(("E2E_HTMX", "4"));
    }
    common::e2e_with("oauth_counter", &server, &env);
}

#[test]
fn browser_oauth_counter() {
    browser(false);
}

#[test]
fn browser_oauth_counter_htmx4() {
    browser(true);
}
