//! Sessions, cookies and toasts through the test `Client` (SPEC 5D, 6A, 6B, 4.27-4.28).
//! Each test cites the SPEC item it checks: FastHTML's output, compact (ft renders without
//! FastHTML's indentation), or a documented deliberate difference.

use ft_web::__private::{TOAST_CSS, TOAST_JS};
use ft_web::prelude::*;
use ft_web::{Cookie, SessionConfig, TestResponse};
use serde_json::json;

// ---------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------

#[rt("/adder/{num}")]
fn adder(session: Session, num: i64) -> Result<Ft> {
    let sum = session.get::<i64>("sum").unwrap_or(0) + num;
    session.insert("sum", sum)?;
    Ok(P!(format!("The sum is {sum}.")))
}

#[rt("/set")]
fn set(session: Session) -> Result<Ft> {
    session.insert("auth", "u1")?;
    Ok(P!("ok"))
}

#[rt("/app/set")]
fn app_set(session: Session) -> Result<Ft> {
    session.insert("a", 1)?;
    Ok(P!("ok"))
}

#[rt("/noop")]
fn noop() -> Ft {
    P!("ok")
}

#[rt("/read")]
fn read(session: Session) -> Ft {
    P!(serde_json::Value::Object(session.to_map()).to_string())
}

#[rt("/store")]
fn store(session: Session, value: String) -> Result<Ft> {
    session.insert("value", &value)?;
    Ok(P!("stored"))
}

#[rt("/clear")]
fn clear(session: Session) -> Ft {
    session.clear();
    P!("cleared")
}

#[rt("/big")]
fn big(session: Session, n: usize) -> Result<Ft> {
    session.insert("blob", "x".repeat(n))?;
    Ok(P!("big"))
}

#[rt("/text")]
fn text(session: Session) -> Result<String> {
    session.insert("from_text", true)?;
    Ok("plain".to_owned())
}

fn app() -> FastApp {
    fast_app()
        .routes(routes![
            adder, set, app_set, noop, read, store, clear, big, text
        ])
        .secret_key("soopersecret")
}

/// The app with FastHTML's kind of cookie: signed, readable (`encrypt: false`; ft encrypts by
/// default). The tests of the signed format use it.
fn signed_app() -> FastApp {
    app().session_config(SessionConfig {
        encrypt: false,
        ..SessionConfig::default()
    })
}

fn set_cookie_of<'r>(r: &'r TestResponse, name: &str) -> Option<&'r str> {
    r.headers_all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
}

// ---------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------

// SPEC 6.1: session data persists across requests via the signed cookie.
#[actix_web::test]
async fn session_persists_across_requests() {
    let cli = Client::new(app()).await;
    assert_eq!(
        cli.get("/adder/3").htmx().send().await.text(),
        "<p>The sum is 3.</p>"
    );
    assert_eq!(
        cli.get("/adder/4").htmx().send().await.text(),
        "<p>The sum is 7.</p>"
    );
    // SPEC 5.32: the test client reads the session back.
    assert_eq!(cli.session().get("sum"), Some(&json!(7)));
}

// SPEC 5.26: `session_=...; path=/; Max-Age=31536000; httponly; samesite=lax`, no Secure,
// and no cookie at all when the session is untouched. ft's lifetime is 14 days, not a year (a
// deliberate difference: a stolen cookie is worth less; active sessions are renewed).
#[actix_web::test]
async fn session_cookie_defaults() {
    let cli = Client::new(app()).await;
    assert!(
        cli.get("/noop")
            .send()
            .await
            .headers_all("set-cookie")
            .is_empty()
    );
    let r = cli.get("/set").send().await;
    let c = set_cookie_of(&r, "session_").expect("a session cookie");
    for attr in [
        "; HttpOnly",
        "; SameSite=Lax",
        "; Path=/",
        "; Max-Age=1209600",
    ] {
        assert!(c.contains(attr), "{attr} missing in {c}");
    }
    assert!(!c.contains("Secure"), "{c}");
    // Reading an unchanged session sends no cookie again.
    let r = cli.get("/read").htmx().send().await;
    assert_eq!(r.text(), r#"<p>{"auth":"u1"}</p>"#);
    assert!(r.headers_all("set-cookie").is_empty());
}

// SPEC 5.27: signed, not encrypted. FastHTML: base64(JSON).timestamp.HMAC; ft, with
// `encrypt: false`: base64(HMAC-SHA256) base64url(JSON) "." unix-time (deliberate: a different
// signer, same properties; the payload is base64url so any JSON is cookie-safe). ft's default
// encrypts this payload instead (auth_sessions.rs).
#[actix_web::test]
async fn session_cookie_is_signed_json_with_a_time() {
    let cli = Client::new(signed_app()).await;
    cli.get("/set").send().await;
    let raw = cli.cookie("session_").expect("cookie");
    // 44 chars of base64 HMAC, then the payload.
    let (payload, time) = raw[44..].rsplit_once('.').expect("payload.time");
    assert_eq!(payload, "eyJhdXRoIjoidTEifQ"); // base64url of {"auth":"u1"}
    let t: i64 = time.parse().expect("unix time");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((now - t).abs() < 60);
    assert_eq!(cli.session().get("auth"), Some(&json!("u1")));
}

// SPEC 5.28: `sid=...; path=/app; Max-Age=60; httponly; samesite=strict; secure; domain=ex.com`.
#[actix_web::test]
async fn session_config_options() {
    let cfg = SessionConfig {
        cookie: "sid".into(),
        max_age: 60,
        path: "/app".into(),
        same_site: ft_web::actix_web::cookie::SameSite::Strict,
        https_only: Some(true),
        domain: Some("ex.com".into()),
        ..SessionConfig::default()
    };
    let cli = Client::new(app().session_config(cfg)).await;
    let r = cli.get("/app/set").send().await;
    let c = set_cookie_of(&r, "sid").expect("sid cookie");
    for attr in [
        "; HttpOnly",
        "; SameSite=Strict",
        "; Secure",
        "; Path=/app",
        "; Domain=ex.com",
        "; Max-Age=60",
    ] {
        assert!(c.contains(attr), "{attr} missing in {c}");
    }
}

// SPEC 5.26 says FastHTML never sets Secure by default. ft sets it when the request came over
// https (deliberate improvement). A client-sent `X-Forwarded-Proto` is only believed when the
// app says its proxy sets it (`trust_forwarded_proto`).
#[actix_web::test]
async fn secure_flag_and_forwarded_proto() {
    let cli = Client::new(app()).await;
    let r = cli
        .get("/set")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await;
    assert!(
        !set_cookie_of(&r, "session_").unwrap().contains("Secure"),
        "untrusted header believed"
    );

    let cfg = SessionConfig {
        trust_forwarded_proto: true,
        ..SessionConfig::default()
    };
    let cli = Client::new(app().session_config(cfg)).await;
    let r = cli
        .get("/set")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await;
    assert!(set_cookie_of(&r, "session_").unwrap().contains("; Secure"));
    let r = cli.get("/set").send().await;
    assert!(!set_cookie_of(&r, "session_").unwrap().contains("Secure"));

    let cfg = SessionConfig {
        https_only: Some(false),
        trust_forwarded_proto: true,
        ..SessionConfig::default()
    };
    let cli = Client::new(app().session_config(cfg)).await;
    let r = cli
        .get("/set")
        .header("X-Forwarded-Proto", "https")
        .send()
        .await;
    assert!(!set_cookie_of(&r, "session_").unwrap().contains("Secure"));
}

// SPEC 5.29: a tampered, truncated, foreign-key or malformed cookie reads as an empty
// session: 200, never a 500.
#[actix_web::test]
async fn bad_session_cookies_read_as_empty() {
    // Signed cookies, whose parts can be tampered with one by one (encrypted ones: security
    // suite, sessions.rs).
    let cli = Client::new(signed_app()).await;
    cli.get("/set").send().await;
    let good = cli.cookie("session_").unwrap();

    let foreign = {
        let other = Client::new(signed_app().secret_key("another key")).await;
        other.get("/set").send().await;
        other.cookie("session_").unwrap()
    };
    assert_ne!(foreign, good);

    let mut tampered_payload = good.clone();
    // {"auth":"u1"} -> {"auth":"u2"} in the base64url payload.
    tampered_payload = tampered_payload.replace("eyJhdXRoIjoidTEifQ", "eyJhdXRoIjoidTIifQ");
    let mut tampered_mac = good.clone().into_bytes();
    tampered_mac[3] = if tampered_mac[3] == b'A' { b'B' } else { b'A' };
    let tampered_mac = String::from_utf8(tampered_mac).unwrap();
    let tampered_time = {
        let (rest, _) = good.rsplit_once('.').unwrap();
        format!("{rest}.99999999999")
    };

    let cases = [
        tampered_payload,
        tampered_mac,
        tampered_time,
        good[..good.len() - 3].to_owned(),
        good[..40].to_owned(),
        foreign,
        String::new(),
        "x".into(),
        "....".into(),
        "%%%".into(),
        "%ZZ%00".into(),
        "{\"auth\":\"u1\"}".into(),
        "null".into(),
        // FastHTML's own cookie (SPEC 5.26): a different format, not ours.
        "eyJhdXRoIjogInUxIn0=.awElzA.NkhF3Ln3G91ByxMTH2id7vRl5vE".into(),
        "A".repeat(5000),
        format!("{}{}", &good[..44], "!!!not-base64!!!.1"),
    ];
    for bad in cases {
        cli.set_cookie("session_", &bad);
        let r = cli.get("/read").htmx().send().await;
        assert_eq!(r.status(), 200, "cookie {bad:?}");
        assert_eq!(r.text(), "<p>{}</p>", "cookie {bad:?}");
        assert!(cli.session().is_empty(), "cookie {bad:?}");
    }
    // The good cookie still works.
    cli.set_cookie("session_", &good);
    assert_eq!(
        cli.get("/read").htmx().send().await.text(),
        r#"<p>{"auth":"u1"}</p>"#
    );
}

// SPEC 5.30: `sess.clear()` sends an expiring cookie. FastHTML: `session_=null; path=/;
// expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax`; ft sends an empty value
// with `Max-Age=0` and the same `Expires`.
#[actix_web::test]
async fn clear_expires_the_cookie() {
    let cli = Client::new(app()).await;
    cli.get("/set").send().await;
    assert!(!cli.session().is_empty());
    let r = cli.get("/clear").send().await;
    let c = set_cookie_of(&r, "session_").expect("an expiring cookie");
    assert!(c.starts_with("session_=;"), "{c}");
    assert!(c.contains("Max-Age=0"), "{c}");
    assert!(c.contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT"), "{c}");
    assert!(
        c.contains("; Path=/") && c.contains("; HttpOnly") && c.contains("; SameSite=Lax"),
        "{c}"
    );
    assert_eq!(cli.cookie("session_"), None);
    assert_eq!(cli.get("/read").htmx().send().await.text(), "<p>{}</p>");
    // Clearing a session that has no cookie sends nothing.
    assert!(
        cli.get("/clear")
            .send()
            .await
            .headers_all("set-cookie")
            .is_empty()
    );
}

// Appendix B / SPEC 6.2: a value too large for the session cookie is refused by `insert`
// with a 413 that says why (FastHTML fails with a 500 after the handler ran and wrote what it
// wrote); the session keeps its last good values and no cookie is lost silently.
#[actix_web::test]
async fn oversized_session_value_is_a_clear_4xx() {
    let cli = Client::new(app()).await;
    cli.get("/set").send().await;
    let before = cli.cookie("session_").unwrap();
    assert_eq!(cli.get("/big").query("n", 2000).send().await.status(), 200);
    let kept = cli.cookie("session_").unwrap();
    assert_ne!(kept, before);
    let r = cli.get("/big").query("n", 5000).send().await;
    assert_eq!(r.status(), 413);
    assert!(r.headers_all("set-cookie").is_empty());
    let msg = r.text();
    assert!(msg.contains("too large"), "{msg}");
    assert!(msg.contains("\"blob\""), "names the value: {msg}");
    assert_eq!(cli.cookie("session_").unwrap(), kept);
    assert_eq!(
        cli.session()
            .get("blob")
            .and_then(|v| v.as_str())
            .map(str::len),
        Some(2000)
    );
}

// Any text survives the cookie: `;`, quotes, spaces, non-ASCII, a JSON-looking string.
#[actix_web::test]
async fn session_values_are_cookie_safe() {
    let cli = Client::new(app()).await;
    for v in [
        "a; b=c",
        "\"quoted\", comma",
        "ünïcødé ✓ 🍞",
        "{\"x\":[1,2]}",
        "back\\slash\nnewline",
    ] {
        let r = cli.post("/store").form([("value", v)]).send().await;
        assert_eq!(r.status(), 200, "{v:?}");
        assert_eq!(cli.session().get("value"), Some(&json!(v)), "{v:?}");
        let page = cli.get("/read").htmx().send().await.text();
        assert!(page.starts_with("<p>{"), "{page}");
        assert_eq!(cli.session().get("value"), Some(&json!(v)));
    }
}

// A value serde cannot write as JSON is refused at `insert` (FastHTML fails after the
// handler ran, at cookie time, SPEC 6.2).
#[test]
fn non_json_session_values_are_refused_at_insert() {
    use std::collections::HashMap;
    let s = Session::default();
    let mut bad: HashMap<(i32, i32), i32> = HashMap::new();
    bad.insert((1, 2), 3);
    let e = s.insert("bad", bad).unwrap_err();
    assert_eq!(e.status(), 500);
    assert!(e.message().contains("not JSON"), "{}", e.message());
    assert!(s.is_empty());
}

// A handler returning a plain string still saves its session (SPEC 6.1 returns a string).
#[actix_web::test]
async fn string_response_saves_the_session() {
    let cli = Client::new(app()).await;
    let r = cli.get("/text").send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(cli.session().get("from_text"), Some(&json!(true)));
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ft-sessions-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// SPEC 5.25: without a secret the key comes from a key file, created once and reused; ft
// creates it with mode 0600 (FastHTML: the umask's, usually world-readable, Appendix B) and
// atomically, so processes starting together agree on one key.
#[actix_web::test]
async fn key_file_is_created_once_private_and_reused() {
    let dir = temp_dir("keyfile");
    let key = dir.join(".sesskey");
    let a = Client::new(fast_app().routes(routes![set, read]).key_fname(&key)).await;
    let contents = std::fs::read_to_string(&key).expect("key file created");
    assert_eq!(contents.len(), 128, "{contents:?}"); // 64 random bytes, hex
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    a.get("/set").send().await;
    let cookie = a.cookie("session_").unwrap();

    // A second app (a restart) reuses the file: the old cookie is still good.
    let b = Client::new(fast_app().routes(routes![set, read]).key_fname(&key)).await;
    assert_eq!(std::fs::read_to_string(&key).unwrap(), contents);
    b.set_cookie("session_", &cookie);
    assert_eq!(
        b.get("/read").htmx().send().await.text(),
        r#"<p>{"auth":"u1"}</p>"#
    );

    // Another key file is another key: the cookie reads as empty.
    let c = Client::new(
        fast_app()
            .routes(routes![set, read])
            .key_fname(dir.join("other.key")),
    )
    .await;
    c.set_cookie("session_", &cookie);
    assert_eq!(c.get("/read").htmx().send().await.text(), "<p>{}</p>");

    // An explicit secret wins and touches no file.
    let d = dir.join("unused.key");
    let _ = Client::new(
        fast_app()
            .routes(routes![set])
            .key_fname(&d)
            .secret_key("explicit"),
    )
    .await;
    assert!(!d.exists());

    // Many apps starting at once share one key.
    let race = dir.join("race.key");
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let race = race.clone();
            std::thread::spawn(move || fast_app().key_fname(race).build().map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().expect("every app starts");
    }
    assert_eq!(std::fs::read_to_string(&race).unwrap().len(), 128);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

// An empty key file is an error that says what to do, not a silent new key each start.
#[test]
fn empty_key_file_is_a_clear_error() {
    let dir = temp_dir("empty");
    let key = dir.join(".sesskey");
    std::fs::write(&key, "  \n").unwrap();
    let err = fast_app().key_fname(&key).build().err().expect("an error");
    assert!(err.to_string().contains("is empty"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------------------

#[rt("/two")]
fn two() -> impl IntoFt {
    (P!("x"), cookie("a", "1"), cookie("b", "2"))
}

#[rt("/setc")]
fn setc() -> impl IntoFt {
    (
        P!("set"),
        cookie("now", "2024-05-17 14:00:00"),
        cookie("odd", "a b;c=\"d\""),
    )
}

#[rt("/getc")]
fn getc(now: Cookie<String>, odd: Cookie<String>) -> Ft {
    P!(format!("{}|{}", now.0, odd.0))
}

#[rt("/only_cookie")]
fn only_cookie(theme: Cookie<String>) -> Ft {
    P!(theme.0)
}

#[rt("/raw")]
fn raw_resp() -> ft_web::actix_web::HttpResponse {
    ft_web::actix_web::HttpResponse::Ok()
        .cookie(ft_web::actix_web::cookie::Cookie::new("now", "2024-07-20"))
        .body("Set")
}

fn cookie_app() -> FastApp {
    fast_app()
        .routes(routes![two, setc, getc, only_cookie, raw_resp])
        .secret_key("k")
}

// SPEC 4.27: FastHTML keeps only the last Set-Cookie (`b=2`); ft sends both (deliberate fix,
// Appendix B).
#[actix_web::test]
async fn several_cookies_all_survive() {
    let cli = Client::new(cookie_app()).await;
    let r = cli.get("/two").htmx().send().await;
    assert_eq!(r.text(), "<p>x</p>");
    assert_eq!(
        r.headers_all("set-cookie"),
        vec!["a=1; SameSite=Lax; Path=/", "b=2; SameSite=Lax; Path=/"]
    );
    assert_eq!(cli.cookie("a").as_deref(), Some("1"));
    assert_eq!(cli.cookie("b").as_deref(), Some("2"));
}

// SPEC 4.28: a cookie set by `cookie()` reads back by a parameter of the same name, through
// `Cookie<T>` (FastHTML reads it into a plain parameter; ft never does, so a planted cookie
// cannot fill a form field, SPEC Appendix B). FastHTML quotes values with spaces
// (`now="2024-05-17 14:00:00"`, SPEC 4.25); ft percent-encodes them, and they read back
// unchanged.
#[actix_web::test]
async fn cookies_read_back_by_name() {
    let cli = Client::new(cookie_app()).await;
    let r = cli.get("/setc").send().await;
    assert_eq!(
        r.headers_all("set-cookie"),
        vec![
            "now=2024-05-17%2014%3A00%3A00; SameSite=Lax; Path=/",
            "odd=a%20b%3Bc%3D%22d%22; SameSite=Lax; Path=/"
        ]
    );
    assert_eq!(
        cli.get("/getc").htmx().send().await.text(),
        "<p>2024-05-17 14:00:00|a b;c=\"d\"</p>"
    );
}

// SPEC 6.3: cookies are available by parameter name through `Cookie<T>`, which reads only
// cookies (a plain parameter never reads one).
#[actix_web::test]
async fn cookie_wrapper_reads_cookies_only() {
    let cli = Client::new(cookie_app()).await;
    let r = cli
        .get("/only_cookie")
        .query("theme", "dark")
        .htmx()
        .send()
        .await;
    assert_eq!(r.status(), 400, "a query parameter is not a cookie");
    cli.set_cookie("theme", "dark");
    assert_eq!(
        cli.get("/only_cookie").htmx().send().await.text(),
        "<p>dark</p>"
    );
}

// SPEC 6.4: a raw response's own cookies pass through untouched.
#[actix_web::test]
async fn raw_response_cookies_pass_through() {
    let cli = Client::new(cookie_app()).await;
    let r = cli.get("/raw").send().await;
    assert_eq!(r.text(), "Set");
    assert_eq!(r.headers_all("set-cookie"), vec!["now=2024-07-20"]);
}

// ---------------------------------------------------------------------------------------
// Toasts
// ---------------------------------------------------------------------------------------

#[rt("/t")]
fn two_toasts(session: Session) -> Ft {
    add_toast(&session, "Toast is ready", ToastKind::Success);
    add_dismissable_toast(&session, "Burning!", ToastKind::Error);
    P!("page")
}

#[rt("/t2")]
fn t2(session: Session) -> Ft {
    add_toast(&session, "hi", ToastKind::Info);
    Titled!("I like toast")
}

#[rt("/page")]
fn plain_page() -> Ft {
    P!("page")
}

#[rt("/queue")]
fn queue(session: Session, msg: String) -> Ft {
    add_toast(&session, msg, ToastKind::Info);
    P!("queued")
}

#[post("/save")]
fn save(session: Session) -> Redirect {
    add_toast(&session, "Saved", ToastKind::Success);
    Redirect::to("/page")
}

#[rt("/json")]
fn json_route(session: Session) -> Json<serde_json::Value> {
    add_toast(&session, "queued", ToastKind::Info);
    Json(json!({"ok": true}))
}

#[rt("/s")]
fn string_s(session: Session) -> String {
    add_toast(&session, "queued", ToastKind::Info);
    "plain string".to_owned()
}

#[rt("/fail")]
fn fail(session: Session) -> Result<Ft> {
    add_toast(&session, "failed", ToastKind::Error);
    Err(Error::not_found("nope"))
}

#[rt("/crash")]
fn crash(session: Session) -> Result<Ft> {
    add_toast(&session, "half done", ToastKind::Info);
    Err(Error::internal("boom"))
}

#[rt("/peek")]
fn peek(session: Session) -> ft_web::actix_web::HttpResponse {
    // A raw response: shows the session without flushing toasts.
    ft_web::actix_web::HttpResponse::Ok()
        .body(serde_json::Value::Object(session.to_map()).to_string())
}

#[rt("/kinds")]
fn kinds(session: Session) -> Ft {
    for k in ["info", "success", "warning", "error"] {
        let kind: ToastKind = k.parse().unwrap_or_default();
        add_toast(&session, k, kind);
    }
    P!("kinds")
}

fn toast_app() -> FastApp {
    fast_app()
        .toasts(2500)
        .routes(routes![
            two_toasts, t2, plain_page, queue, save, json_route, string_s, fail, crash, peek, kinds
        ])
        .secret_key("soopersecret")
}

const READY: &str = r#"<div hx-on-transitionend="setTimeout(() =&gt; this?.remove(), 2500);" class="fh-toast fh-toast-success"><span>Toast is ready</span></div>"#;
const BURNING: &str = r#"<div hx-on-transitionend="setTimeout(() =&gt; this?.remove(), 2500);" class="fh-toast fh-toast-error"><span>Burning!</span><button onclick="htmx.remove(this?.parentElement);" class="fh-toast-dismiss">x</button></div>"#;
const OPEN: &str = r#"<div hx-swap-oob="beforeend:#fh-toast-container" id="fh-toast-container">"#;

fn toast(msg: &str, kind: &str) -> String {
    format!(
        r#"<div hx-on-transitionend="setTimeout(() =&gt; this?.remove(), 2500);" class="fh-toast fh-toast-{kind}"><span>{msg}</span></div>"#
    )
}

// SPEC 6.5: the toast style and script go into the page head.
#[actix_web::test]
async fn setup_adds_style_and_script() {
    let cli = Client::new(toast_app()).await;
    let page = cli.get("/page").send().await.text();
    let head = page.split("</head>").next().unwrap();
    assert!(
        head.contains(&format!("<style>{TOAST_CSS}</style>")),
        "{head}"
    );
    assert!(
        head.contains(&format!("<script>{TOAST_JS}</script>")),
        "{head}"
    );
    // The script, byte for byte as SPEC 6.5 prints it.
    assert_eq!(
        TOAST_JS,
        "htmx.onLoad(() => {\nif (!htmx.find('#fh-toast-container')) {\n    const ctn = document.createElement('div');\n    ctn.id = 'fh-toast-container';\n    document.body.appendChild(ctn);\n    }\n});"
    );
    // Without `.toasts(..)` there is no toast head.
    let plain = Client::new(fast_app().routes(routes![plain_page]).secret_key("k")).await;
    assert!(!plain.get("/page").send().await.text().contains("fh-toast"));
}

// SPEC 6.7: on an htmx partial, the queued toasts follow the content as an out-of-band div,
// and leave the session. FastHTML's body, compact (`to_xml(.., indent=False)`), is exactly
// this; FastHTML also stores `toast_duration` in the session, ft does not need to.
#[actix_web::test]
async fn partial_gets_oob_toasts() {
    let cli = Client::new(toast_app()).await;
    let r = cli.get("/t").header("HX-Request", "1").send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text(), format!("<p>page</p>{OPEN}{READY}{BURNING}</div>"));
    assert!(cli.session().is_empty(), "{:?}", cli.session());
    assert_eq!(cli.get("/peek").send().await.text(), "{}");
    // Shown once.
    assert_eq!(cli.get("/page").htmx().send().await.text(), "<p>page</p>");
}

// SPEC 6.8: on a full page, the container sits in <body> after the content.
#[actix_web::test]
async fn full_page_gets_toasts_after_content() {
    let cli = Client::new(toast_app()).await;
    let page = cli.get("/t2").send().await.text();
    let body = page.split("<body>").nth(1).expect("a body");
    assert_eq!(
        body,
        format!(
            r#"<main class="container"><h1>I like toast</h1></main>{OPEN}{}</div></body></html>"#,
            toast("hi", "info")
        )
    );
    assert!(
        !cli.get("/page")
            .send()
            .await
            .text()
            .contains("<span>hi</span>")
    );
}

// Queued on one request, shown on the next HTML response, whatever route it is.
#[actix_web::test]
async fn toasts_queued_earlier_show_on_the_next_page() {
    let cli = Client::new(toast_app()).await;
    cli.get("/peek").send().await; // nothing queued: nothing happens
    let r = cli.get("/queue").query("msg", "one").htmx().send().await;
    assert_eq!(
        r.text(),
        format!("<p>queued</p>{OPEN}{}</div>", toast("one", "info"))
    );
    // Queue through a raw response (which never flushes), then two toasts in order.
    cli.set_cookie("session_", &{
        cli.get("/json").send().await;
        cli.cookie("session_").unwrap()
    });
    let r = cli.get("/queue").query("msg", "two").htmx().send().await;
    assert_eq!(
        r.text(),
        format!(
            "<p>queued</p>{OPEN}{}{}</div>",
            toast("queued", "info"),
            toast("two", "info")
        )
    );
}

// A redirect does not consume toasts: the page after it shows them (FastHTML's most-regressed
// path). Non-htmx: 303 + Location; htmx: HX-Redirect.
#[actix_web::test]
async fn toasts_survive_a_redirect() {
    let cli = Client::new(toast_app()).await;
    let r = cli.post("/save").send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("location"), Some("/page"));
    assert_eq!(r.text(), "");
    assert_eq!(
        cli.session().get("toasts"),
        Some(&json!([["Saved", "success", false]]))
    );
    let page = cli.get("/page").send().await.text();
    assert!(
        page.contains(&format!(
            "<p>page</p>{OPEN}{}</div></body>",
            toast("Saved", "success")
        )),
        "{page}"
    );
    assert!(cli.session().is_empty());

    // htmx: HX-Redirect, then the browser loads the page.
    let r = cli.post("/save").htmx().send().await;
    assert_eq!(r.header("hx-redirect"), Some("/page"));
    assert!(!r.text().contains("fh-toast"));
    assert!(
        cli.get("/page")
            .send()
            .await
            .text()
            .contains("<span>Saved</span>")
    );

    // Following redirects: the final page shows them.
    let follow = Client::new(toast_app()).await.follow_redirects(true);
    let r = follow.post("/save").send().await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .contains(&format!("{OPEN}{}</div>", toast("Saved", "success"))),
        "{}",
        r.text()
    );
    assert!(follow.session().is_empty());
}

// SPEC 6.9: JSON, plain-string and raw responses leave toasts queued; the next FT response
// shows them. (FastHTML 6.9 prints the queue as `[['queued', 'info', False]]`.)
#[actix_web::test]
async fn non_html_responses_keep_toasts_queued() {
    let cli = Client::new(toast_app()).await;
    let r = cli.get("/json").send().await;
    assert_eq!(r.json(), Some(json!({"ok": true})));
    assert_eq!(
        cli.get("/peek").send().await.text(),
        r#"{"toasts":[["queued","info",false]]}"#
    );

    let r = cli.get("/s").send().await;
    assert_eq!(r.text(), "plain string");
    assert_eq!(
        cli.get("/peek").send().await.text(),
        r#"{"toasts":[["queued","info",false],["queued","info",false]]}"#
    );

    // SPEC 6.9's last step: the next FT response shows every queued toast, oldest first.
    let r = cli.get("/t").header("HX-Request", "1").send().await;
    let q = toast("queued", "info");
    assert_eq!(
        r.text(),
        format!("<p>page</p>{OPEN}{q}{q}{READY}{BURNING}</div>")
    );
}

// Error pages, and HEAD requests (no body to show them in), leave toasts queued. A 4xx page
// saves the session the handler changed (as Starlette does for an HTTPException); a 5xx does
// not.
#[actix_web::test]
async fn errors_and_head_keep_toasts_queued() {
    let cli = Client::new(toast_app()).await;
    assert_eq!(cli.get("/crash").send().await.status(), 500);
    assert!(cli.session().is_empty());
    let r = cli.get("/fail").send().await;
    assert_eq!(r.status(), 404);
    assert!(!r.text().contains("fh-toast"));
    assert_eq!(
        cli.session().get("toasts"),
        Some(&json!([["failed", "error", false]]))
    );

    let r = cli
        .request(ft_web::actix_web::http::Method::HEAD, "/page")
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        cli.session().get("toasts"),
        Some(&json!([["failed", "error", false]]))
    );

    let r = cli.get("/page").htmx().send().await;
    assert_eq!(
        r.text(),
        format!("<p>page</p>{OPEN}{}</div>", toast("failed", "error"))
    );
}

// SPEC 6.10: the message is escaped; each kind has its class.
#[actix_web::test]
async fn toast_messages_are_escaped_and_kinds_styled() {
    let cli = Client::new(toast_app()).await;
    let r = cli
        .get("/queue")
        .query("msg", "<script>alert(1)</script> & \"x\"")
        .htmx()
        .send()
        .await;
    assert_eq!(
        r.text(),
        format!(
            "<p>queued</p>{OPEN}{}</div>",
            toast("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\"", "info")
        )
    );
    let r = cli.get("/kinds").htmx().send().await;
    let all: String = ["info", "success", "warning", "error"]
        .iter()
        .map(|k| toast(k, k))
        .collect();
    assert_eq!(r.text(), format!("<p>kinds</p>{OPEN}{all}</div>"));
}

// Without `.toasts(..)`, toasts stay queued (FastHTML has no after-hook then either).
#[actix_web::test]
async fn toasts_without_setup_stay_queued() {
    let cli = Client::new(
        fast_app()
            .routes(routes![two_toasts, plain_page])
            .secret_key("k"),
    )
    .await;
    assert_eq!(cli.get("/t").htmx().send().await.text(), "<p>page</p>");
    assert_eq!(
        cli.session()
            .get("toasts")
            .and_then(|v| v.as_array())
            .map(Vec::len),
        Some(2)
    );
}
