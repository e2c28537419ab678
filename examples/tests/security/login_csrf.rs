//! Login CSRF: a page on another site auto-submits a login form with the attacker's
//! credentials, so the victim's browser ends up logged into the attacker's account (and what
//! the victim types next is the attacker's to read). The request has no session, so a
//! session-token check alone never sees it. The login example, and a bare app for proxies.

use crate::common::{Running, TempDir, client};
use crate::login;
use ft_web::SessionConfig;
use ft_web::prelude::*;
use std::io::{Read, Write};
use std::net::TcpStream;

/// The attacker's account exists (made through the app, as anyone can).
async fn attacker_account(db: &str) {
    let c = client(login::app(db)).await;
    let r = c
        .post("/login")
        .form([("name", "mallory"), ("pwd", "mallorypw")])
        .send()
        .await;
    assert_eq!(r.status(), 303);
}

// FastHTML has no CSRF protection at all (Appendix B), so this form logs the victim in there.
// ft refuses a state-changing request the browser says came from another site, session or not.
#[ft_web::test]
async fn login_csrf_cross_site_login_form_is_refused() {
    let dir = TempDir::new("sec-login-csrf");
    let db = dir.file("l.db");
    attacker_account(&db).await;
    let victim = client(login::app(&db)).await;
    // What a current browser sends with a form another site submits; then what an older one
    // (no Sec-Fetch-Site) sends; then a sandboxed frame's `null` origin.
    let forged: [&[(&str, &str)]; 4] = [
        &[
            ("Origin", "https://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        &[("Origin", "https://evil.example"), ("Host", "app.example")],
        &[("Origin", "null"), ("Host", "app.example")],
        // Another port of the same host is the same *site*: refused too.
        &[
            ("Origin", "http://app.example:8080"),
            ("Sec-Fetch-Site", "same-site"),
        ],
    ];
    for headers in forged {
        let mut req = victim
            .post("/login")
            .form([("name", "mallory"), ("pwd", "mallorypw")]);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        let r = req.send().await;
        assert_eq!(r.status(), 403, "{headers:?}");
        assert!(r.text().contains("another site"), "{}", r.text());
        assert!(victim.session().is_empty(), "logged in by {headers:?}");
    }
    assert_eq!(victim.get("/dashboard").send().await.status(), 303);
}

// The same login from the app's own page (as Chromium and Firefox send it), from a browser
// that only sends `Origin`, and from a client that sends neither (curl, the test Client).
#[ft_web::test]
async fn login_csrf_own_page_and_plain_clients_still_log_in() {
    let dir = TempDir::new("sec-login-csrf");
    let db = dir.file("l.db");
    attacker_account(&db).await;
    let own: [&[(&str, &str)]; 4] = [
        &[
            ("Origin", "http://app.example"),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        &[("Origin", "http://app.example"), ("Host", "app.example")],
        &[
            ("Origin", "https://app.example"),
            ("Host", "APP.example:443"),
        ],
        &[],
    ];
    for headers in own {
        let c = client(login::app(&db)).await;
        let mut req = c
            .post("/login")
            .form([("name", "mallory"), ("pwd", "mallorypw")]);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        assert_eq!(req.send().await.status(), 303, "{headers:?}");
        assert_eq!(
            c.get("/dashboard").send().await.status(),
            200,
            "{headers:?}"
        );
    }
}

#[post("/act")]
fn act() -> &'static str {
    "done"
}

// Behind a proxy that rewrites `Host`, the browser's `Origin` is the public one: refused until
// the app names it (`csrf_trusted_origins`) or believes the proxy's `X-Forwarded-Host`
// (`csrf_trust_forwarded_host`), which any client could send otherwise.
#[ft_web::test]
async fn login_csrf_proxies_need_the_public_origin() {
    let send = async |app: FastApp, fwd: Option<&str>| {
        let c = client(app).await;
        let mut req = c
            .post("/act")
            .header("Host", "127.0.0.1:5001")
            .header("Origin", "https://app.example");
        if let Some(f) = fwd {
            req = req.header("X-Forwarded-Host", f);
        }
        req.send().await.status()
    };
    let app = || fast_app().routes(routes![act]);
    assert_eq!(send(app(), None).await, 403);
    assert_eq!(send(app(), Some("app.example")).await, 403, "not trusted");
    assert_eq!(
        send(app().csrf_trusted_origins(["https://app.example"]), None).await,
        200
    );
    assert_eq!(
        send(app().csrf_trust_forwarded_host(true), Some("app.example")).await,
        200
    );
    assert_eq!(
        send(app().csrf_trust_forwarded_host(true), Some("evil.example")).await,
        403
    );
}

// Over real HTTP, as the browser's request reaches the server.
#[test]
fn login_csrf_refused_over_real_http() {
    let dir = TempDir::new("sec-login-csrf");
    let db = dir.file("l.db");
    let srv = Running::start(move || login::app(&db));
    let addr = srv.url().trim_start_matches("http://").to_owned();
    let body = "name=mallory&pwd=mallorypw";
    let send = |origin: &str| {
        let mut s = TcpStream::connect(&addr).expect("connect");
        write!(
            s,
            "POST /login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nOrigin: {origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut res = String::new();
        s.read_to_string(&mut res).expect("read");
        res
    };
    let forged = send("https://evil.example");
    assert!(forged.starts_with("HTTP/1.1 403"), "{forged}");
    assert!(
        !forged.to_ascii_lowercase().contains("set-cookie: session_"),
        "{forged}"
    );
    let own = send(&format!("http://{addr}"));
    assert!(own.starts_with("HTTP/1.1 303"), "{own}");
}

// An http page of the same host (which anyone on the network can write) may not post to an
// app known to be served over https; an https page may post to an app behind a TLS proxy.
#[ft_web::test]
async fn login_csrf_an_http_page_may_not_post_to_the_https_app() {
    let send = async |origin: &str, proto: &str| {
        let cfg = SessionConfig {
            trust_forwarded_proto: true,
            ..SessionConfig::default()
        };
        let c = client(fast_app().session_config(cfg).routes(routes![act])).await;
        c.post("/act")
            .header("Host", "app.example")
            .header("Origin", origin)
            .header("X-Forwarded-Proto", proto)
            .send()
            .await
            .status()
    };
    assert_eq!(send("http://app.example", "https").await, 403);
    assert_eq!(send("https://app.example", "https").await, 200);
    assert_eq!(send("https://app.example", "http").await, 200);
    assert_eq!(send("http://app.example", "http").await, 200);
}

#[get("/forms")]
fn forms(session: Session, next: String) -> Result<Ft> {
    session.insert("auth", "ann")?;
    Ok(Div!(
        Form!(
            Button!("here"),
            method = "post",
            action = "/act",
            id = "here"
        ),
        Form!(
            Button!("own"),
            method = "post",
            action = "http://app.example/act",
            id = "own"
        ),
        Form!(Button!("away"), method = "post", action = next, id = "away"),
        Form!(
            Button!("pay"),
            method = "post",
            action = "https://pay.example/x",
            id = "pay"
        ),
    ))
}

// The session's token goes into the app's own post forms only: a form that posts to another
// site (a payment provider, or an address the client chose) must not hand it the token.
#[ft_web::test]
async fn login_csrf_token_stays_out_of_forms_that_post_elsewhere() {
    let c = client(fast_app().routes(routes![forms, act])).await;
    c.get("/forms").query("next", "x").send().await; // the session now has a user
    for next in [
        "https://evil.example/c",
        "//evil.example/c",
        "/\t/evil.example/c",
        "\\\\evil.example",
    ] {
        let html = c
            .get("/forms")
            .query("next", next)
            .header("Host", "app.example")
            .send()
            .await
            .text();
        let form = |id: &str| {
            html.split("<form")
                .find(|f| f.contains(&format!("id=\"{id}\"")))
                .unwrap_or_else(|| panic!("#{id} in {html}"))
                .to_owned()
        };
        assert!(form("here").contains("name=\"_csrf\""), "{html}");
        assert!(form("own").contains("name=\"_csrf\""), "{html}");
        assert!(!form("away").contains("_csrf"), "{next:?}: {html}");
        assert!(!form("pay").contains("_csrf"), "{html}");
    }
}
