//! Sessions through the test `Client` (SPEC 5D, 6A): the session cookie, its format and
//! options, bad cookies, size limits, the key file. Cookies are in `cookies.rs`, toasts in
//! `toasts.rs`.
//! Each test cites the SPEC item it checks: FastHTML's output, compact (ft renders without
//! FastHTML's indentation), or a documented deliberate difference.

use ft_web::prelude::*;
use ft_web::{SessionConfig, TestResponse};
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
