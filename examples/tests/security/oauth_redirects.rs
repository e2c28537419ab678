//! Redirects through OAuth: the `state` a login carries cannot send the user off site.

use crate::common::{TempDir, client};
use crate::oauth_counter;
use ft_web::Client;
use ft_web::auth::mock_provider::{MockConfig, MockProvider, Style};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

/// The test client's origin, where the provider sends the user back.
const ORIGIN: &str = "http://testserver";

/// A browser's visit to the provider at `url` (it approves at once): the redirect it gives.
fn provider_sends_to(mock: SocketAddr, url: &str) -> String {
    let path = url
        .strip_prefix(&format!("http://{mock}"))
        .unwrap_or_else(|| panic!("to the mock: {url}"));
    let mut s = TcpStream::connect(mock).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {mock}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut res = String::new();
    s.read_to_string(&mut res).expect("read");
    res.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("location")
                .then(|| v.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("a Location from the provider: {res}"))
}

/// A genuine login started at `start` (the app's start route with some state).
async fn log_in_from(c: &Client, mock: SocketAddr, start: &str) -> ft_web::TestResponse {
    let r = c.get(start).send().await;
    assert_eq!(r.status(), 303, "{start}");
    let back = provider_sends_to(mock, r.header("location").expect("to the provider"));
    let back = back.strip_prefix(ORIGIN).expect("back to the app");
    c.get(back).send().await
}

// FastHTML's documented `get_auth` returns `RedirectResponse(state)`: a link to its login with
// `state=https://evil.example/phish` lands the user there after a real login. The example's
// `user.return_to("/")` follows the state only when it is a path on this site.
#[ft_web::test]
async fn redirects_oauth_state_cannot_send_the_user_off_site() {
    let dir = TempDir::new("sec-redirects");
    let mock = MockProvider::start(MockConfig::new(Style::GitHub)).expect("mock provider");
    let db = dir.file("counts.db");
    for (state, lands) in [
        ("https://evil.example/phish", "/"),
        ("//evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/?from=link", "/?from=link"),
    ] {
        let c = client(oauth_counter::app(&db, mock.provider(), ORIGIN)).await;
        let start = format!(
            "/oauth/login?state={}",
            percent_encoding::utf8_percent_encode(state, percent_encoding::NON_ALPHANUMERIC)
        );
        let r = log_in_from(&c, mock.addr(), &start).await;
        assert_eq!(
            (r.status(), r.header("location")),
            (303, Some(lands)),
            "{state}"
        );
        assert_eq!(c.get("/").send().await.status(), 200, "logged in");
    }
}
