//! Session security: HttpOnly + SameSite=Lax + Secure over https by default, encrypted
//! sessions (the default), and key rotation.

use ft_web::SessionConfig;
use ft_web::prelude::*;

#[get("/set")]
fn set(session: Session) -> String {
    let _ = session.insert("auth", "uma");
    "ok".into()
}

#[get("/read")]
fn read(session: Session) -> String {
    session.get::<String>("auth").unwrap_or_default()
}

fn app(secret: &str) -> FastApp {
    fast_app().secret_key(secret).routes(routes![set, read])
}

fn set_cookie<'a>(r: &'a TestResponse, name: &str) -> Option<&'a str> {
    r.headers_all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
}

use ft_web::TestResponse;

#[actix_web::test]
async fn encrypted_sessions_cannot_be_read_by_the_client() {
    let cfg = SessionConfig {
        encrypt: true,
        ..SessionConfig::default()
    };
    let cli = Client::new(app("k").session_config(cfg)).await;
    let r = cli.get("/set").send().await;
    let c = set_cookie(&r, "session_").expect("cookie");
    assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
    let raw = cli.cookie("session_").unwrap();
    // A signed cookie carries base64url JSON ({"auth":"uma"} is eyJhdXRoIjoidW1hIn0); an
    // encrypted one does not.
    assert!(!raw.contains("eyJhdXRoIjoidW1hIn0"), "{raw}");
    assert_eq!(cli.get("/read").send().await.text(), "uma");
    assert_eq!(
        cli.session().get("auth").and_then(|v| v.as_str()),
        Some("uma")
    );
    // Tampering reads as an empty session.
    let mut bytes = raw.into_bytes();
    let last = bytes.len() - 3;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    cli.set_cookie("session_", &String::from_utf8(bytes).unwrap());
    assert_eq!(cli.get("/read").send().await.text(), "");
}

#[actix_web::test]
async fn switching_to_encryption_keeps_signed_sessions() {
    // A signed cookie (FastHTML's kind, and ft's default before sessions were encrypted by
    // default) still reads, and is re-written encrypted.
    let signed_cfg = SessionConfig {
        encrypt: false,
        ..SessionConfig::default()
    };
    let old = Client::new(app("k").session_config(signed_cfg)).await;
    old.get("/set").send().await;
    let signed = old.cookie("session_").unwrap();
    let cfg = SessionConfig {
        encrypt: true,
        ..SessionConfig::default()
    };
    let cli = Client::new(app("k").session_config(cfg)).await;
    cli.set_cookie("session_", &signed);
    let r = cli.get("/read").send().await;
    assert_eq!(r.text(), "uma");
    assert!(set_cookie(&r, "session_").is_some(), "re-written encrypted");
    assert_ne!(cli.cookie("session_").unwrap(), signed);
}

#[actix_web::test]
async fn key_rotation() {
    let before = Client::new(app("old-secret")).await;
    before.get("/set").send().await;
    let cookie = before.cookie("session_").unwrap();

    // The new key alone: the old cookie reads as empty.
    let strict = Client::new(app("new-secret")).await;
    strict.set_cookie("session_", &cookie);
    assert_eq!(strict.get("/read").send().await.text(), "");

    // With the old key listed, it is accepted and re-signed with the new key.
    let rotating = Client::new(app("new-secret").old_secret_keys(["old-secret"])).await;
    rotating.set_cookie("session_", &cookie);
    let r = rotating.get("/read").send().await;
    assert_eq!(r.text(), "uma");
    let resigned = rotating.cookie("session_").unwrap();
    assert_ne!(resigned, cookie);
    let after = Client::new(app("new-secret")).await;
    after.set_cookie("session_", &resigned);
    assert_eq!(after.get("/read").send().await.text(), "uma");
}

#[actix_web::test]
async fn secure_when_configured_or_over_https() {
    let cfg = SessionConfig {
        https_only: Some(true),
        ..SessionConfig::default()
    };
    let cli = Client::new(app("k").session_config(cfg)).await;
    let r = cli.get("/set").send().await;
    assert!(set_cookie(&r, "session_").unwrap().contains("Secure"));
    let plain = Client::new(app("k")).await;
    let r = plain.get("/set").send().await;
    assert!(!set_cookie(&r, "session_").unwrap().contains("Secure"));
}
