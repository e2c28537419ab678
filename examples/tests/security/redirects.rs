//! Redirects an attacker chooses: an app that follows a `next` parameter (the usual "back to
//! where you were" pattern) sent anywhere, including `javascript:` targets that htmx runs when
//! they arrive as `HX-Redirect`, and a CR/LF in the target was a 500. The OAuth example's
//! documented `get_auth` pattern redirected to the `state` anyone can put into the login link.

use crate::common::{Running, client, e2e};
use ft_web::prelude::*;
use std::io::{Read, Write};
use std::net::TcpStream;

/// The pattern under attack: redirect to what the client asked for.
#[get("/go")]
fn go(next: String) -> Redirect {
    Redirect::to(next)
}

/// The same with a hand-made htmx header (`h` names it: `redirect`, `location`, ...).
#[get("/hx")]
fn hx(h: String, next: String) -> HtmxResponseHeaders {
    HtmxResponseHeaders::new().header(&h, next)
}

#[get("/landing")]
fn landing() -> Ft {
    P!("Landed")
}

/// Buttons whose htmx requests ask for script targets (for Chromium), and one local one.
#[get("/")]
fn attack_page() -> Ft {
    Titled!(
        "Redirects",
        Button!(
            "Redirect::to",
            id = "via-redirect",
            hx_get = "/go?next=javascript:window.__pwned%3D1"
        ),
        Button!(
            "HX-Redirect",
            id = "via-header",
            hx_get = "/hx?h=redirect&next=javascript:window.__pwned%3D2"
        ),
        Button!(
            "HX-Location",
            id = "via-location",
            hx_get = "/hx?h=location&next=javascript:window.__pwned%3D3"
        ),
        Button!(
            "disguised",
            id = "disguised",
            hx_get = "/hx?h=redirect&next=%20%09JaVa%0AScRiPt:window.__pwned%3D4"
        ),
        Button!("local", id = "local", hx_get = "/go?next=/landing")
    )
}

fn app() -> FastApp {
    fast_app().routes(routes![go, hx, landing, attack_page])
}

/// Off-site, disguised off-site, script and header-splitting targets.
const ATTACKS: &[&str] = &[
    "https://evil.example/phish",
    "//evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/..//evil.example",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/a\r\nSet-Cookie: pwned=1",
    "evil.example",
];

// FastHTML's `Redirect(loc)` / `RedirectResponse` accept any location (Appendix B): every
// target here is followed there, and on htmx requests `HX-Redirect: javascript:..` runs.
#[ft_web::test]
async fn redirects_off_site_and_script_targets_are_refused() {
    let c = client(app()).await;
    for target in ATTACKS {
        for htmx in [false, true] {
            let mut req = c.get("/go").query("next", target);
            if htmx {
                req = req.htmx();
            }
            let r = req.send().await;
            assert_eq!(r.status(), 400, "{target:?} (htmx: {htmx})");
            assert_eq!(r.header("location"), None, "{target:?}");
            assert_eq!(r.header("hx-redirect"), None, "{target:?}");
            assert!(r.text().contains("Redirect refused"), "{}", r.text());
        }
    }
    // Paths on this site still redirect, encoded forms staying paths on this site.
    for (target, location) in [
        ("/landing?x=1#top", "/landing?x=1#top"),
        ("/%2F%2Fevil.example", "/%2F%2Fevil.example"),
        ("/profile/zoë", "/profile/zo%C3%AB"),
    ] {
        let r = c.get("/go").query("next", target).send().await;
        assert_eq!((r.status(), r.header("location")), (303, Some(location)));
        let r = c.get("/go").query("next", target).htmx().send().await;
        assert_eq!((r.status(), r.header("hx-redirect")), (200, Some(location)));
    }
}

#[ft_web::test]
async fn redirects_htmx_headers_never_carry_a_script_url() {
    let c = client(app()).await;
    for (h, next) in [
        ("redirect", "javascript:alert(1)"),
        ("redirect", "\tjavascript:alert(1)"),
        ("location", "javascript:alert(1)"),
        (
            "location",
            r#"{"path":"javascript:alert(1)","target":"body"}"#,
        ),
        ("push_url", "javascript:alert(1)"),
        ("replace_url", "data:text/html,x"),
        ("redirect", "/a\r\nX-Evil: 1"),
    ] {
        let r = c
            .get("/hx")
            .query("h", h)
            .query("next", next)
            .htmx()
            .send()
            .await;
        assert_eq!(r.status(), 400, "{h}: {next:?}");
        assert_eq!(r.header("hx-redirect"), None);
        assert_eq!(r.header("hx-location"), None);
    }
    // A deliberate header to another site (the app wrote it) is the app's choice.
    let r = c
        .get("/hx")
        .query("h", "redirect")
        .query("next", "https://docs.example/")
        .htmx()
        .send()
        .await;
    assert_eq!(r.header("hx-redirect"), Some("https://docs.example/"));
}

// A CR/LF in the target was a 500 (the header could not be built); now a 400, and nothing is
// split into the response.
#[test]
fn redirects_crlf_target_is_a_400_over_real_http() {
    let srv = Running::start(app);
    let addr = srv.url().trim_start_matches("http://").to_owned();
    let mut s = TcpStream::connect(&addr).expect("connect");
    write!(
        s,
        "GET /go?next=/a%0D%0ASet-Cookie:%20pwned=1 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut res = String::new();
    s.read_to_string(&mut res).expect("read");
    assert!(res.starts_with("HTTP/1.1 400"), "{res}");
    assert!(
        !res.to_ascii_lowercase().contains("set-cookie: pwned"),
        "{res}"
    );
}

// In Chromium: htmx gets the answers to script targets; nothing runs, the page stays, and a
// local target still navigates (e2e/security_redirect.mjs).
#[test]
fn redirects_script_target_does_not_run_in_chromium() {
    let srv = Running::start(app);
    e2e("security_redirect", &srv);
}
