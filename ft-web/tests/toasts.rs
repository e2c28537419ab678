//! Toasts through the test `Client` (SPEC 6B): the style and script, out-of-band toasts on
//! partials, the container on full pages, what keeps them queued (redirects, non-HTML
//! responses, errors, no setup), escaping. Sessions are in `sessions.rs`, cookies in
//! `cookies.rs`.
//! Each test cites the SPEC item it checks: FastHTML's output, compact (ft renders without
//! FastHTML's indentation), or a documented deliberate difference.

use ft_web::__private::{TOAST_CSS, TOAST_JS};
use ft_web::prelude::*;
use serde_json::json;

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
