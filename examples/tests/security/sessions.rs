//! Sessions: a stolen or copied cookie, a tampered or forged one, an expired one, and what a
//! cookie reveals. The login example keeps its sessions on the server (revocable); the todo
//! example keeps them in an encrypted cookie (the default).

use crate::common::{TempDir, client, log_in};
use crate::{login, todo};
use ft_web::Client;
use ft_web::prelude::*;

/// Another browser holding a copy of `from`'s session cookie.
async fn thief(app: FastApp, from: &Client, cookie: &str) -> Client {
    let c = client(app).await;
    c.set_cookie(cookie, &from.cookie(cookie).expect("a session cookie"));
    c
}

// FastHTML: logging out removes `auth` from a signed cookie, but a copy of the cookie taken
// before (a shared computer, a stolen backup, malware) stays valid for its whole year. ft's
// server-side sessions delete the row: the copy is logged out too.
#[ft_web::test]
async fn sessions_copied_cookie_is_refused_after_logout_with_server_sessions() {
    let dir = TempDir::new("sec-sessions");
    let db = dir.file("l.db");
    let victim = client(login::app(&db)).await;
    log_in(&victim, "ann").await;
    let copy = thief(login::app(&db), &victim, "session_").await;
    assert_eq!(copy.get("/dashboard").send().await.status(), 200);

    let r = victim.post("/logout").send().await;
    assert_eq!(r.status(), 303);
    let r = copy.get("/dashboard").send().await;
    assert_eq!(r.status(), 303, "the copy is logged out");
    assert_eq!(r.header("location"), Some("/login"));
    // The dead cookie is expired on the copy's browser, too.
    let expired = r
        .headers_all("set-cookie")
        .into_iter()
        .any(|c| c.starts_with("session_=;") && c.contains("Max-Age=0"));
    assert!(expired, "{:?}", r.headers_all("set-cookie"));
}

// "Log out everywhere": every browser of the user, and every copy of their cookies, is logged
// out; another user's session is not touched. On the app's database: SQLite here, PostgreSQL
// below.
async fn log_out_everywhere_on(db: &str, ann: &str, bob: &str) {
    let laptop = client(login::app(db)).await;
    let phone = client(login::app(db)).await;
    let other = client(login::app(db)).await;
    log_in(&laptop, ann).await;
    log_in(&phone, ann).await;
    log_in(&other, bob).await;
    let database = if db.starts_with("postgres") {
        ft_web::data::Database::connect(db).await
    } else {
        ft_web::data::Database::open(db).await
    }
    .expect("db");
    let count = |u: &str| {
        let u = u.to_owned();
        let database = database.clone();
        async move { ft_web::session_store::count_user_sessions(&database, &u).await }
    };
    assert_eq!(count(ann).await.expect("count"), 2);
    let copy = thief(login::app(db), &phone, "session_").await;
    assert_eq!(copy.get("/dashboard").send().await.status(), 200);

    let r = laptop.post("/logout-everywhere").send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(phone.get("/dashboard").send().await.status(), 303);
    assert_eq!(copy.get("/dashboard").send().await.status(), 303);
    assert_eq!(laptop.get("/dashboard").send().await.status(), 303);
    assert_eq!(count(ann).await.expect("count"), 0);
    assert_eq!(other.get("/dashboard").send().await.status(), 200);
    assert_eq!(count(bob).await.expect("count"), 1);
}

#[ft_web::test]
async fn sessions_log_out_everywhere_ends_every_session_of_the_user() {
    let dir = TempDir::new("sec-sessions");
    log_out_everywhere_on(&dir.file("l.db"), "ann", "bob").await;
}

#[ft_web::test]
async fn sessions_log_out_everywhere_on_postgresql() {
    if !cfg!(feature = "postgres") {
        println!("skipped: server sessions on PostgreSQL (built without the `postgres` feature)");
        return;
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        println!("skipped: server sessions on PostgreSQL (DATABASE_URL is not set)");
        return;
    };
    // Names of this run only: the database is shared with other tests and earlier runs.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let run = format!("{}-{nanos}", std::process::id());
    log_out_everywhere_on(&url, &format!("ann-{run}"), &format!("bob-{run}")).await;
}

// Session fixation: an id planted in the victim's browser before login is not the id of the
// logged-in session (the id changes whenever the user value does).
#[ft_web::test]
async fn sessions_id_changes_at_login_with_server_sessions() {
    let dir = TempDir::new("sec-sessions");
    let db = dir.file("l.db");
    let c = client(login::app(&db)).await;
    log_in(&c, "ann").await;
    // A wrong password leaves a toast in a (pre-login) session of its own.
    let attacker = client(login::app(&db)).await;
    let r = attacker
        .post("/login")
        .form([("name", "ann"), ("pwd", "wrong")])
        .send()
        .await;
    assert_eq!(r.status(), 303);
    let planted = attacker.session();
    assert!(planted.contains_key("sid"), "{planted:?}");

    let victim = client(login::app(&db)).await;
    victim.set_cookie("session_", &attacker.cookie("session_").expect("cookie"));
    log_in(&victim, "ann").await;
    assert_ne!(victim.session().get("sid"), planted.get("sid"));
    // The planted id does not carry the login.
    assert_eq!(attacker.get("/dashboard").send().await.status(), 303);
}

// Cookie sessions (the todo example) cannot be revoked: this is the documented limit. A copy
// taken before logout still works until it expires, 14 days after it was last written
// (FastHTML: a year) — apps that need revocation use `server_sessions()`. What the copy cannot
// do is outlive its lifetime: an expired cookie is refused.
#[ft_web::test]
async fn sessions_cookie_sessions_expire_and_the_copy_limit_is_documented() {
    let dir = TempDir::new("sec-sessions");
    let db = dir.file("t.db");
    let victim = client(todo::app(&db)).await;
    log_in(&victim, "alice").await;
    let copy = thief(todo::app(&db), &victim, "session_").await;
    assert_eq!(victim.post("/logout").send().await.status(), 303);
    assert_eq!(victim.get("/").send().await.status(), 303);
    assert_eq!(
        copy.get("/").send().await.status(),
        200,
        "the documented limit"
    );

    // A short lifetime: the cookie is refused once it is older.
    let short = || {
        todo::app(&db).session_config(ft_web::SessionConfig {
            max_age: 1,
            ..ft_web::SessionConfig::default()
        })
    };
    let c = client(short()).await;
    log_in(&c, "alice").await;
    assert_eq!(c.get("/").send().await.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(c.get("/").send().await.status(), 303, "expired");
}

// A tampered, truncated or forged cookie is no session: the attacker who edits the encrypted
// bytes, builds a readable JSON cookie by hand, or signs one with a key of their own gets the
// login page, never another user's todos or a 500.
#[ft_web::test]
async fn sessions_tampered_or_forged_cookie_reads_as_no_session() {
    let dir = TempDir::new("sec-sessions");
    let db = dir.file("t.db");
    let c = client(todo::app(&db)).await;
    log_in(&c, "alice").await;
    let good = c.cookie("session_").expect("cookie");

    let mut flipped = good.clone().into_bytes();
    let mid = flipped.len() / 2;
    flipped[mid] = if flipped[mid] == b'A' { b'B' } else { b'A' };
    let forged_elsewhere = {
        // The attacker's own app, with its own key, writes `auth=alice` (encrypted and
        // signed).
        let own = |encrypt| {
            todo::app(&dir.file("own.db"))
                .secret_key("attacker's key")
                .session_config(ft_web::SessionConfig {
                    encrypt,
                    ..ft_web::SessionConfig::default()
                })
        };
        let mut out = Vec::new();
        for encrypt in [true, false] {
            let cli = Client::new(own(encrypt)).await;
            log_in(&cli, "alice").await;
            out.push(cli.cookie("session_").expect("cookie"));
        }
        out
    };
    // base64url of {"auth":"alice"} with a time, as a readable cookie would carry it.
    let plain = "eyJhdXRoIjoiYWxpY2UifQ.9999999999".to_owned();
    let mut cases = vec![
        String::from_utf8(flipped).expect("ascii"),
        good[..good.len() - 4].to_owned(),
        plain,
        format!("{}{}", "A".repeat(44), "eyJhdXRoIjoiYWxpY2UifQ.1"),
        "%00%ff".into(),
        "A".repeat(5000),
    ];
    cases.extend(forged_elsewhere);
    for bad in cases {
        let attacker = client(todo::app(&db)).await;
        attacker.set_cookie("session_", &bad);
        let r = attacker.get("/").send().await;
        assert_eq!(r.status(), 303, "cookie {bad:?}: {}", r.text());
        assert_eq!(r.header("location"), Some("/login"));
    }
    // The real cookie still works.
    assert_eq!(c.get("/").send().await.status(), 200);
}

// FastHTML's cookie is base64 JSON: anyone who sees it reads the user name and every other
// session value. ft's is AES-256-GCM: neither the name nor any base64 of it appears.
#[ft_web::test]
async fn sessions_cookie_contents_are_not_readable() {
    use base64::Engine;
    let dir = TempDir::new("sec-sessions");
    let c = client(todo::app(&dir.file("t.db"))).await;
    log_in(&c, "alice-the-user").await;
    let raw = c.cookie("session_").expect("cookie");
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE,
    ];
    let mut decoded: Vec<Vec<u8>> = vec![raw.clone().into_bytes()];
    for e in &engines {
        for piece in raw.split(['.', '|']) {
            if let Ok(bytes) = e.decode(piece.trim_end_matches('=')) {
                decoded.push(bytes);
            }
            if let Ok(bytes) = e.decode(piece) {
                decoded.push(bytes);
            }
        }
    }
    let needle = b"alice-the-user";
    for bytes in &decoded {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "the name can be read from the cookie"
        );
    }
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#""auth":"alice"#);
    assert!(!raw.contains(&b64[..12]), "{raw}");
}

#[post("/login")]
fn race_login(session: Session) -> Result<Redirect> {
    ft_web::auth::log_in(&session, "ann")?;
    Ok(Redirect::to("/me"))
}

#[post("/logout")]
fn race_logout(session: Session) -> Redirect {
    session.clear();
    Redirect::to("/me")
}

#[get("/me")]
fn race_me(session: Session) -> String {
    format!("{:?}", session.get::<String>("auth"))
}

/// A slow request (a thief can make one slow by sending its body byte by byte).
#[get("/note")]
async fn race_note(session: Session) -> Result<String> {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    session.insert("note", "x")?;
    Ok("noted".into())
}

fn race_app(db: &str) -> FastApp {
    fast_app()
        .db(db)
        .server_sessions()
        .routes(routes![race_login, race_logout, race_me, race_note])
}

// A request that was already running when the session ended (logout in another tab, a
// revocation) must not write the session's row back: its cookie copy stays logged out.
#[ft_web::test]
async fn sessions_a_request_in_flight_does_not_revive_a_revoked_session() {
    let dir = TempDir::new("sec-sessions");
    let db = dir.file("r.db");
    let owner = client(race_app(&db)).await;
    assert_eq!(owner.post("/login").send().await.status(), 303);
    let copy = thief(race_app(&db), &owner, "session_").await;
    assert_eq!(copy.get("/me").send().await.text(), r#"Some("ann")"#);

    let (slow, logout) = futures_util::join!(copy.get("/note").send(), async {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        owner.post("/logout").send().await
    });
    assert_eq!(logout.status(), 303);
    assert_eq!(slow.status(), 200, "{}", slow.text());
    let expired = slow
        .headers_all("set-cookie")
        .into_iter()
        .any(|c| c.starts_with("session_=;") && c.contains("Max-Age=0"));
    assert!(expired, "{:?}", slow.headers_all("set-cookie"));
    assert_eq!(copy.get("/me").send().await.text(), "None");
    let database = ft_web::data::Database::open(&db).await.expect("db");
    let left = ft_web::session_store::count_user_sessions(&database, "ann").await;
    assert_eq!(left.expect("count"), 0);
}
