//! CSRF protection (ft's addition; FastHTML has none, SPEC Appendix B): forged unsafe
//! requests on a session are refused with 403, the app's own forms and htmx requests pass,
//! the opt-outs work — through the test Client and over real HTTP.

use ft_web::auth::csrf::{CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, CsrfToken};
use ft_web::prelude::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

#[get("/login")]
fn login(session: Session) -> Redirect {
    let _ = ft_web::auth::log_in(&session, "uma");
    Redirect::to("/form")
}

#[get("/form")]
fn form_page() -> Ft {
    Titled!(
        "Edit",
        Form!(Input!(name = "title"), method = "post", action = "/save"),
        Form!(Input!(name = "q"), method = "get", action = "/search"),
        Button!("htmx", hx_post = "/save")
    )
}

#[get("/partial")]
fn partial() -> Ft {
    Form!(Input!(name = "title"), method = "POST", action = "/save")
}

#[post("/save")]
fn save(title: Option<String>) -> String {
    format!("saved {}", title.unwrap_or_default())
}

#[put("/save")]
fn save_put() -> String {
    "put".into()
}

#[delete("/save")]
fn save_delete() -> String {
    "deleted".into()
}

#[post("/hook")]
fn hook() -> String {
    "hooked".into()
}

#[post("/api/thing")]
fn api_thing() -> String {
    "api".into()
}

#[get("/raw")]
fn raw_form(csrf: CsrfToken) -> String {
    csrf.0
}

fn app() -> FastApp {
    fast_app()
        .secret_key("csrf-test")
        .routes(routes![
            login,
            form_page,
            partial,
            save,
            save_put,
            save_delete,
            hook,
            api_thing,
            raw_form
        ])
        .csrf_exempt(hook)
        .csrf_exempt_paths([r"/api/.*"])
}

fn token_in(html: &str) -> String {
    let at = html
        .find(r#"name="_csrf" value=""#)
        .unwrap_or_else(|| panic!("no token field in {html}"));
    let rest = &html[at + r#"name="_csrf" value=""#.len()..];
    rest[..rest.find('"').expect("end")].to_owned()
}

#[actix_web::test]
async fn a_forged_post_on_a_session_is_refused_with_403() {
    let cli = Client::new(app()).await;
    cli.get("/login").send().await;
    for r in [
        cli.post("/save")
            .no_csrf()
            .form([("title", "x")])
            .send()
            .await,
        cli.put("/save").no_csrf().send().await,
        cli.delete("/save").no_csrf().send().await,
        cli.post("/save")
            .no_csrf()
            .form([("title", "x"), (CSRF_FIELD, "forged")])
            .send()
            .await,
        cli.post("/save")
            .no_csrf()
            .header(CSRF_HEADER, "forged")
            .send()
            .await,
    ] {
        assert_eq!(r.status(), 403);
        assert!(
            r.text().contains("CSRF token is missing or wrong"),
            "{}",
            r.text()
        );
    }
    // Client::csrf(false) is the same for every request.
    let forger = Client::new(app()).await.csrf(false);
    forger.get("/login").send().await;
    assert_eq!(forger.post("/save").send().await.status(), 403);
}

#[actix_web::test]
async fn the_apps_own_form_and_htmx_requests_pass() {
    let cli = Client::new(app()).await.follow_redirects(true);
    let page = cli.get("/login").send().await;
    let html = page.text();
    assert!(cli.cookie(CSRF_COOKIE).is_some());
    let token = token_in(&html);
    // The post form got the field, the get form did not; the page has the meta tag and script.
    assert_eq!(html.matches(r#"name="_csrf""#).count(), 1, "{html}");
    assert!(
        html.contains(&format!(r#"<meta name="csrf-token" content="{token}">"#)),
        "{html}"
    );
    assert!(html.contains("htmx:configRequest"), "{html}");
    // htmx 4 names the event htmx:config:request, or htmx-config-request under FastHTML's
    // metaCharacter "-" config: the header is set on every request either way (no hx-headers
    // to inherit, which htmx 4 only does for `hx-headers:inherited`).
    assert!(
        html.contains("'htmx:config:request','htmx-config-request'"),
        "{html}"
    );
    assert!(html.contains("ctx.request"), "{html}");
    let r = cli
        .post("/save")
        .no_csrf()
        .form([("title", "hello"), (CSRF_FIELD, token.as_str())])
        .send()
        .await;
    assert_eq!((r.status(), r.text()), (200, "saved hello".into()));
    let r = cli
        .post("/save")
        .no_csrf()
        .htmx()
        .header(CSRF_HEADER, &token)
        .form([("title", "hx")])
        .send()
        .await;
    assert_eq!((r.status(), r.text()), (200, "saved hx".into()));
    // multipart forms carry it too
    let r = cli
        .post("/save")
        .no_csrf()
        .multipart_field("title", "mp")
        .multipart_field(CSRF_FIELD, &token)
        .send()
        .await;
    assert_eq!(r.text(), "saved mp");
    // The default client sends it by itself, like the page's script.
    assert_eq!(cli.delete("/save").send().await.text(), "deleted");
    // A partial gets the field in its forms but no meta tag; the token is masked afresh for
    // each response (BREACH), and every masked form of it is accepted.
    let p = cli.get("/partial").htmx().send().await.text();
    assert!(p.contains(r#"name="_csrf""#) && !p.contains("<meta"), "{p}");
    let again = token_in(&p);
    assert_ne!(again, token);
    let r = cli
        .post("/save")
        .no_csrf()
        .form([("title", "again"), (CSRF_FIELD, again.as_str())])
        .send()
        .await;
    assert_eq!(r.text(), "saved again");
    // The CsrfToken parameter gives the same token, masked afresh too.
    let raw = cli.get("/raw").send().await.text();
    assert_ne!(raw, token);
    let r = cli
        .post("/save")
        .no_csrf()
        .header(CSRF_HEADER, &raw)
        .form([("title", "raw")])
        .send()
        .await;
    assert_eq!(r.text(), "saved raw");
}

#[actix_web::test]
async fn no_session_no_check_and_safe_methods_are_free() {
    let cli = Client::new(app()).await.csrf(false);
    // No session cookie: nothing to borrow, so a login form needs no token.
    assert_eq!(
        cli.post("/save")
            .form([("title", "a")])
            .send()
            .await
            .status(),
        200
    );
    // No token and no meta tag on pages of a visitor without a session.
    let html = cli.get("/form").send().await.text();
    assert!(
        !html.contains("_csrf") && !html.contains("csrf-token"),
        "{html}"
    );
    assert!(cli.cookie(CSRF_COOKIE).is_none());
    cli.get("/login").send().await;
    assert_eq!(cli.get("/form").send().await.status(), 200);
}

#[actix_web::test]
async fn the_token_changes_with_the_login() {
    let cli = Client::new(app()).await;
    cli.get("/login").send().await;
    let before = token_in(&cli.get("/form").send().await.text());
    let session = cli.session();
    assert!(
        !session.contains_key("_csrf"),
        "the session itself is untouched: {session:?}"
    );
    let other = Client::new(app())
        .await
        .with_session(serde_json::json!({"auth": "mallory"}));
    other.set_cookie(CSRF_COOKIE, &cli.cookie(CSRF_COOKIE).unwrap());
    // Same browser secret, another user: another token, so the first one is refused.
    let r = other
        .post("/save")
        .no_csrf()
        .header(CSRF_HEADER, &before)
        .send()
        .await;
    assert_eq!(r.status(), 403);
}

#[actix_web::test]
async fn opt_outs_per_app_and_per_route() {
    let cli = Client::new(app()).await.csrf(false);
    cli.get("/login").send().await;
    assert_eq!(cli.post("/hook").send().await.text(), "hooked");
    assert_eq!(cli.post("/api/thing").send().await.text(), "api");
    assert_eq!(cli.post("/save").send().await.status(), 403);

    let off = Client::new(app().csrf(false)).await.csrf(false);
    off.get("/login").send().await;
    assert_eq!(
        off.post("/save").form([("title", "z")]).send().await.text(),
        "saved z"
    );
    let html = off.get("/form").send().await.text();
    assert!(!html.contains("_csrf"), "{html}");
}

#[actix_web::test]
async fn the_refusal_page_can_be_the_apps_own() {
    let cli =
        Client::new(app().exception_handler(403, |_| Titled!("Refused", P!("Please reload."))))
            .await
            .csrf(false);
    cli.get("/login").send().await;
    let r = cli.post("/save").send().await;
    assert_eq!(r.status(), 403);
    assert!(r.text().contains("Please reload."));
}

// Beforeware's auth value lives beside the request: no query, form field, cookie or header can
// supply it.
#[get("/me")]
fn me(user: Auth<String>) -> String {
    user.0
}

#[post("/me")]
fn me_post(user: Auth<String>) -> String {
    user.0
}

#[actix_web::test]
async fn auth_cannot_be_supplied_by_the_client() {
    let cli = Client::new(fast_app().secret_key("k").routes(routes![me, me_post])).await;
    cli.set_cookie("auth", "admin");
    for r in [
        cli.get("/me?auth=admin").send().await,
        cli.get("/me").header("auth", "admin").send().await,
        cli.get("/me").header("Auth", "admin").send().await,
        cli.post("/me").form([("auth", "admin")]).send().await,
        cli.post("/me")
            .json(serde_json::json!({"auth": "admin"}))
            .send()
            .await,
    ] {
        assert_eq!(r.status(), 401, "{}", r.text());
    }
}

// --- over real HTTP ---

struct Running {
    addr: SocketAddr,
    handle: ft_web::actix_web::dev::ServerHandle,
}

impl Running {
    fn start() -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            ft_web::actix_web::rt::System::new().block_on(async move {
                let server = app().serve_on(listener).expect("serve");
                tx.send(server.handle()).expect("handle");
                let _ = server.await;
            })
        });
        let handle = rx.recv().expect("server started");
        Running { addr, handle }
    }
    fn send(&self, req: String) -> String {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        s.write_all(req.as_bytes()).expect("write");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

fn cookies_of(res: &str) -> Vec<String> {
    res.lines()
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn over_real_http() {
    let srv = Running::start();
    let get = |path: &str, cookie: &str| {
        srv.send(format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\r\n"
        ))
    };
    let res = get("/login", "");
    let session = cookies_of(&res).join("; ");
    assert!(session.starts_with("session_="), "{res}");
    let page = get("/form", &session);
    let jar = format!("{session}; {}", cookies_of(&page).join("; "));
    assert!(jar.contains("ft_csrf="), "{page}");
    let token = token_in(&page);
    let post_from = |origin: &str, body: &str, extra: &str| {
        srv.send(format!(
            "POST /save HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {jar}\r\nOrigin: {origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{extra}\r\n{body}",
            body.len()
        ))
    };
    // A browser posting from another site says so in `Origin`: refused whatever it carries.
    let forged = post_from("https://evil.example", "title=pwned", "");
    assert!(forged.starts_with("HTTP/1.1 403"), "{forged}");
    assert!(forged.contains("sent from another site"), "{forged}");
    let with_token = post_from(
        "https://evil.example",
        &format!("title=x&_csrf={token}"),
        "",
    );
    assert!(with_token.starts_with("HTTP/1.1 403"), "{with_token}");
    // From the site itself, the session's token is still required.
    let post = |body: &str, extra: &str| post_from("http://localhost", body, extra);
    let forged = post("title=pwned", "");
    assert!(forged.starts_with("HTTP/1.1 403"), "{forged}");
    assert!(
        forged.contains("CSRF token is missing or wrong"),
        "{forged}"
    );
    let ok = post(&format!("title=mine&_csrf={token}"), "");
    assert!(
        ok.starts_with("HTTP/1.1 200") && ok.ends_with("saved mine"),
        "{ok}"
    );
    let hx = post(
        "title=hx",
        &format!("HX-Request: true\r\nX-CSRF-Token: {token}\r\n"),
    );
    assert!(hx.ends_with("saved hx"), "{hx}");
    let hooked = srv.send(format!(
        "POST /hook HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {jar}\r\nContent-Length: 0\r\n\r\n"
    ));
    assert!(hooked.ends_with("hooked"), "{hooked}");
    actix_web::rt::System::new().block_on(srv.handle.stop(false));
}
