//! Markup hot reload through the dev channel, on a real server: `ft dev`'s decision (run on
//! this file, edited) gives new markup for the page's template; `POST /_ft/dev` with
//! `{"kind":"markup"}` makes the running server render it with the handler's values, and the
//! open pages are told to reload. Refused markup changes nothing.
#![cfg(debug_assertions)]

use ft_template::hot::{Decision, decide, scan};
use ft_web::dev_channel::DEV_PATH;
use ft_web::live_reload::{LIVE_RELOAD_PATH, boot_id};
use ft_web::prelude::*;
use ft_web::testing::{LiveClient, LiveResponse, TestServer};
use std::time::Duration;

const TOKEN: &str = "fedcba9876543210fedcba9876543210";
const SRC: &str = include_str!("dev_markup.rs");
const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dev_markup.rs");

#[rt("/hello/{name}")]
fn hello(name: String) -> Ft {
    Div!(
        H1!("Welcome"),
        P!("Hello, ", name, cls = "who"),
        id = "page"
    )
}

/// The `markup` command `ft dev` sends after editing `from` into `to` in this file.
fn markup_command(from: &str, to: &str) -> String {
    let edited = SRC.replacen(from, to, 1);
    let Decision::Hot(templates) = decide(&scan(SRC).unwrap(), &scan(&edited).unwrap()) else {
        panic!("not a markup edit");
    };
    let list: Vec<serde_json::Value> = templates
        .iter()
        .map(|t| serde_json::json!({"line": t.line, "col": t.col, "idx": t.idx, "nodes": t.nodes}))
        .collect();
    serde_json::json!({"kind": "markup", "file": FILE, "templates": list}).to_string()
}

async fn post(server: &TestServer, body: &str) -> LiveResponse {
    LiveClient::new(server.addr)
        .post(DEV_PATH)
        .no_csrf()
        .header("X-Ft-Dev-Token", TOKEN)
        .body(body.as_bytes().to_vec(), "application/json")
        .send()
        .await
        .expect("the server answers")
}

async fn page(server: &TestServer) -> String {
    let r = LiveClient::new(server.addr)
        .get("/hello/Ann%20%3Cb%3E")
        .send()
        .await
        .expect("the page");
    assert_eq!(r.status, 200);
    r.text()
}

#[ft_web::test]
async fn markup_edits_reach_the_running_server_and_the_pages_reload() {
    let server = TestServer::start(|| {
        fast_app()
            .routes(routes![hello])
            .live(true)
            .dev_token(TOKEN)
    });
    let mut ws = server.ws(LIVE_RELOAD_PATH).await.expect("socket");
    ws.set_timeout(Duration::from_secs(10));
    assert_eq!(ws.recv_text().await.expect("boot id"), boot_id());
    assert!(page(&server).await.contains("<h1>Welcome</h1>"));

    // A description that does not decode: refused, nothing changes, no reload.
    let bad = format!(
        r#"{{"kind":"markup","file":{FILE:?},"templates":[{{"line":1,"col":0,"idx":0,"nodes":"On1:p"}}]}}"#
    );
    let r = post(&server, &bad).await;
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(page(&server).await.contains("<h1>Welcome</h1>"));

    let r = post(
        &server,
        &markup_command(
            r#"H1!("Welcome")"#,
            r#"H1!("Welcome back", cls = "title"), Hr!()"#,
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        ws.recv_text().await.expect("reload"),
        r#"{"kind":"reload"}"#
    );
    let html = page(&server).await;
    assert!(
        html.contains(r#"<h1 class="title">Welcome back</h1><hr>"#),
        "{html}"
    );
    // The handler's value, escaped, where it was.
    assert!(
        html.contains(r#"<p class="who">Hello, Ann &lt;b&gt;</p>"#),
        "{html}"
    );

    // The file saved back as built: an empty list restores the built markup.
    let r = post(
        &server,
        &format!(r#"{{"kind":"markup","file":{FILE:?},"templates":[]}}"#),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(page(&server).await.contains("<h1>Welcome</h1>"));
}
