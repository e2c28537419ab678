//! The dev channel (`POST /_ft/dev`, ft_web::dev_channel) on a real server: who may use it
//! (live mode with a token, the right `X-Ft-Dev-Token`), what it refuses (bad JSON, unknown
//! kinds, big bodies), and what the open live-reload sockets receive after their boot id.
//!
//! The token is given with `.dev_token(..)`, never through the process environment (the
//! tests run in parallel threads).

use ft_web::dev_channel::{DEV_PATH, MAX_DEV_BODY};
use ft_web::live_reload::{LIVE_RELOAD_PATH, boot_id};
use ft_web::prelude::*;
use ft_web::testing::{LiveClient, LiveResponse, TestServer};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

#[rt]
fn index() -> Ft {
    P!("x")
}

/// A form with a field of each kind (a password, a hidden field), one field outside the form,
/// and a page tall enough to scroll: for the browser test.
#[rt("/form")]
fn form() -> Ft {
    Titled!(
        "Form",
        Raw::new(
            r#"<form autocomplete="off" hx-post="/nowhere">
  <input name="title">
  <textarea name="notes"></textarea>
  <select name="size"><option value="s">S</option><option value="m">M</option><option value="l">L</option></select>
  <select name="tags" multiple><option value="a">a</option><option value="b">b</option><option value="c">c</option></select>
  <input type="checkbox" name="agree">
  <input type="radio" name="pick" value="one"><input type="radio" name="pick" value="two">
  <input type="password" name="secret">
  <input type="hidden" name="kept" value="server">
</form>
<input id="loose" autocomplete="off">
<div style="height:4000px">tall</div>"#
        )
    )
}

fn app() -> FastApp {
    // A login wall: the dev channel must bypass beforeware, as the other live routes do.
    let wall = Beforeware::sync(|_ctx: &mut Ctx| Some(Redirect::to("/login").into_ft()));
    fast_app()
        .routes(routes![index, form])
        .default_hdrs(false)
        .before(wall)
}

/// `POST /_ft/dev` with `body` (JSON) and, when given, the token header. No CSRF token: the
/// route does not need one.
async fn post(server: &TestServer, token: Option<&str>, body: &str) -> LiveResponse {
    let mut req = LiveClient::new(server.addr).post(DEV_PATH).no_csrf();
    if let Some(t) = token {
        req = req.header("X-Ft-Dev-Token", t);
    }
    req.body(body.as_bytes().to_vec(), "application/json")
        .send()
        .await
        .expect("the server answers")
}

#[ft_web::test]
async fn absent_when_live_is_off() {
    let server = TestServer::start(|| app().live(false).dev_token(TOKEN));
    let r = post(&server, Some(TOKEN), r#"{"kind":"clear"}"#).await;
    assert_eq!(r.status, 404, "{}", r.text());
}

#[ft_web::test]
async fn absent_without_a_token() {
    // An empty token is no token (and overrides any FT_DEV_TOKEN in the environment).
    let server = TestServer::start(|| app().live(true).dev_token(""));
    let r = post(&server, Some(TOKEN), r#"{"kind":"clear"}"#).await;
    assert_eq!(r.status, 404, "{}", r.text());
    let r = post(&server, Some(""), r#"{"kind":"clear"}"#).await;
    assert_eq!(r.status, 404, "{}", r.text());
}

#[ft_web::test]
async fn refuses_a_wrong_or_missing_token() {
    let server = TestServer::start(|| app().live(true).dev_token(TOKEN));
    let body = r#"{"kind":"clear"}"#;
    assert_eq!(post(&server, None, body).await.status, 403);
    assert_eq!(post(&server, Some("nope"), body).await.status, 403);
    let wrong = TOKEN.replace('0', "1");
    assert_eq!(post(&server, Some(&wrong), body).await.status, 403);
    // Other methods are not the channel.
    let r = LiveClient::new(server.addr)
        .get(DEV_PATH)
        .header("X-Ft-Dev-Token", TOKEN)
        .send()
        .await
        .expect("an answer");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("POST"));
}

#[ft_web::test]
async fn refuses_bad_bodies() {
    let server = TestServer::start(|| app().live(true).dev_token(TOKEN));
    for bad in [
        "not json",
        "{}",
        r#"{"kind":"dance"}"#,
        r#"{"kind":"error"}"#,
        r#"["error"]"#,
    ] {
        let r = post(&server, Some(TOKEN), bad).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
        assert!(r.text().contains("kind"), "{bad}: {}", r.text());
    }
    let big = format!(
        r#"{{"kind":"error","text":"{}"}}"#,
        "x".repeat(MAX_DEV_BODY)
    );
    let r = post(&server, Some(TOKEN), &big).await;
    assert_eq!(r.status, 413, "{}", r.text());
}

#[ft_web::test]
async fn messages_reach_the_open_sockets_after_the_boot_id() {
    let server = TestServer::start(|| app().live(true).dev_token(TOKEN));
    let mut a = server.ws(LIVE_RELOAD_PATH).await.expect("socket a");
    let mut b = server.ws(LIVE_RELOAD_PATH).await.expect("socket b");
    for ws in [&mut a, &mut b] {
        ws.set_timeout(Duration::from_secs(10));
        assert_eq!(ws.recv_text().await.expect("the boot id"), boot_id());
    }
    let r = post(
        &server,
        Some(TOKEN),
        r#"{"kind":"error","text":"error[E0308]: mismatched types\n <b>&"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("sent to 2"), "{}", r.text());
    let want = r#"{"kind":"error","text":"error[E0308]: mismatched types\n <b>&"}"#;
    for ws in [&mut a, &mut b] {
        let got = ws.recv_text().await.expect("the error");
        let v: serde_json::Value = serde_json::from_str(&got).expect("JSON");
        assert_eq!(v["kind"], "error");
        assert_eq!(v["text"], "error[E0308]: mismatched types\n <b>&");
        assert_eq!(got, want);
    }

    // A page that connects while the build is broken gets the error after its boot id.
    let mut late = server.ws(LIVE_RELOAD_PATH).await.expect("socket c");
    late.set_timeout(Duration::from_secs(10));
    assert_eq!(late.recv_text().await.expect("the boot id"), boot_id());
    assert_eq!(late.recv_text().await.expect("the error"), want);

    assert_eq!(
        post(&server, Some(TOKEN), r#"{"kind":"clear"}"#)
            .await
            .status,
        200
    );
    assert_eq!(
        post(&server, Some(TOKEN), r#"{"kind":"reload"}"#)
            .await
            .status,
        200
    );
    for ws in [&mut a, &mut b, &mut late] {
        assert_eq!(ws.recv_text().await.expect("clear"), r#"{"kind":"clear"}"#);
        assert_eq!(
            ws.recv_text().await.expect("reload"),
            r#"{"kind":"reload"}"#
        );
    }
    // Cleared: a new page gets the boot id and nothing else.
    let mut fresh = server.ws(LIVE_RELOAD_PATH).await.expect("socket d");
    assert_eq!(fresh.recv_text().await.expect("the boot id"), boot_id());
    assert!(
        fresh
            .recv_timeout(Duration::from_millis(300))
            .await
            .is_err(),
        "no stale error"
    );
}

/// The page script in full pages handles the messages (the browser test in
/// `dev_channel_browser.rs` checks what they do).
#[ft_web::test]
async fn the_page_script_knows_the_messages() {
    let app = fast_app().routes(routes![index]).live(true).secret_key("k");
    let page = Client::new(app).await.get("/").send().await.text();
    for needle in [
        "m.kind === 'error'",
        "m.kind === 'clear'",
        "m.kind === 'reload'",
        "sessionStorage",
        "password|file|hidden",
    ] {
        assert!(page.contains(needle), "{needle} in {page}");
    }
}

/// Why the browser test cannot run here, if it cannot (as `examples/tests/common`): Debian's
/// chromium, node and `npm ci --prefix e2e`.
fn browser_unavailable(root: &Path) -> Option<String> {
    if chromium().is_none() {
        return Some("chromium not installed: apt-get install chromium".into());
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node not installed: apt-get install nodejs npm".into());
    }
    if !root
        .join("e2e/node_modules/playwright-core/package.json")
        .exists()
    {
        return Some("playwright-core not installed: npm ci --prefix e2e".into());
    }
    None
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// In headless chromium (e2e/dev_reload.mjs): a `reload` message brings the page back with
/// its scroll position and form values, an `error` message shows the overlay, `clear` removes
/// it. Without a browser it prints why and passes, as the other browser tests do.
#[test]
fn browser_keeps_state_and_shows_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf();
    if let Some(why) = browser_unavailable(&root) {
        println!("skipped: browser tests ({why})");
        return;
    }
    let server = TestServer::start(|| {
        fast_app()
            .routes(routes![index, form])
            .live(true)
            .dev_token(TOKEN)
    });
    let artifacts = root.join("e2e-artifacts/dev_reload");
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).expect("e2e-artifacts");
    let out = Command::new("node")
        .arg(root.join("e2e/dev_reload.mjs"))
        .env("BASE_URL", server.url())
        .env("ARTIFACTS", &artifacts)
        .env("CHROMIUM", chromium().expect("checked above"))
        .env("DEV_TOKEN", TOKEN)
        .current_dir(root.join("e2e"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "e2e/dev_reload.mjs failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
}
