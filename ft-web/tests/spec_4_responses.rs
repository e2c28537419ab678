//! SPEC area 4 (responses) through the test Client: full pages and partials, head
//! extraction, strings, JSON, headers, cookies, redirects, FtResponse, background tasks and
//! errors. ft renders pages compactly (no indentation): the same DOM as FastHTML's indented
//! output, fewer bytes — a deliberate difference.

mod common;
use common::{client, client_for};
use ft_web::prelude::*;

#[rt]
fn index() -> Ft {
    P!("hi")
}

fn bare() -> FastApp {
    FastApp::new().secret_key("test-secret")
}

#[actix_web::test]
async fn full_page_or_partial() {
    // SPEC 4.1, 4.3, 4.4, 4.5
    let cli = client_for(bare().routes(routes![index])).await;
    let page = cli.get("/?a=1").send().await.text();
    assert!(page.starts_with("<!doctype html><html><head><title>FastHTML page</title><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">"), "{page}");
    assert!(
        page.ends_with("</head><body><p>hi</p></body></html>"),
        "{page}"
    );
    assert!(page.contains("htmx"), "{page}");
    let r = cli.get("/").htmx().send().await;
    assert_eq!(r.text(), "<p>hi</p>");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(
        r.header("vary"),
        // and Accept-Encoding where ft compresses (the `compress` feature, on by default)
        Some(if cfg!(feature = "compress") {
            "HX-Request, HX-Request-Type, HX-History-Restore-Request, Accept-Encoding"
        } else {
            "HX-Request, HX-Request-Type, HX-History-Restore-Request"
        })
    );
    let restore = cli
        .get("/")
        .htmx()
        .header("HX-History-Restore-Request", "true")
        .send()
        .await;
    assert!(restore.text().starts_with("<!doctype html>"));
    assert_eq!(
        cli.get("/")
            .header("HX-Request", "false")
            .send()
            .await
            .text(),
        "<p>hi</p>"
    );
}

#[rt("/t")]
fn head_items() -> impl IntoFt {
    (
        Title!("Foo"),
        Meta!(property = "og:x"),
        H1!("bar"),
        Script!("x=1"),
        Style!("p{}"),
        Link!(rel = "icon", href = "/i.ico"),
        Base!(href = "/"),
        P!("end"),
    )
}

#[rt("/t2")]
fn nested_title() -> impl IntoFt {
    (H1!("hi"), Div!(Title!("inner")))
}

#[actix_web::test]
async fn head_tags_move_to_head() {
    // SPEC 4.6, 4.7, 4.8
    let cli = client_for(
        bare()
            .default_hdrs(false)
            .routes(routes![head_items, nested_title]),
    )
    .await;
    assert_eq!(
        cli.get("/t").send().await.text(),
        r#"<!doctype html><html><head><title>Foo</title><meta property="og:x"><style>p{}</style><link rel="icon" href="/i.ico"><base href="/"></head><body><h1>bar</h1><script>x=1</script><p>end</p></body></html>"#
    );
    assert_eq!(
        cli.get("/t2").send().await.text(),
        "<!doctype html><html><head><title>FastHTML page</title></head><body><h1>hi</h1><div><title>inner</title></div></body></html>"
    );
    assert_eq!(
        cli.get("/t").htmx().send().await.text(),
        r#"<title>Foo</title><meta property="og:x"><h1>bar</h1><script>x=1</script><style>p{}</style><link rel="icon" href="/i.ico"><base href="/"><p>end</p>"#
    );
}

#[rt("/titled")]
fn titled() -> Ft {
    Titled!(
        "FastHTML is awesome",
        P!("The fastest way to create web apps in Python")
    )
}

#[rt("/html")]
fn whole() -> Ft {
    Html!(Head!(Title!("mine")), Body!(P!("x")))
}

#[actix_web::test]
async fn titled_and_whole_documents() {
    // SPEC 4.2, 4.9, 4.10
    let cli = client_for(bare().default_hdrs(false).routes(routes![titled, whole])).await;
    assert_eq!(
        cli.get("/titled").send().await.text(),
        r#"<!doctype html><html><head><title>FastHTML is awesome</title></head><body><main class="container"><h1>FastHTML is awesome</h1><p>The fastest way to create web apps in Python</p></main></body></html>"#
    );
    assert_eq!(
        cli.get("/html").send().await.text(),
        "<!doctype html><html><head><title>mine</title></head><body><p>x</p></body></html>"
    );
}

#[rt("/s")]
fn a_string() -> String {
    "<b>hi</b> & bye".into()
}

#[rt("/raw")]
fn raw() -> Raw {
    Raw::new("<b>raw</b>")
}

#[rt("/none")]
fn nothing() {}

#[rt("/num")]
fn number() -> i64 {
    42
}

#[actix_web::test]
async fn strings_raw_and_nothing() {
    // SPEC 4.12: a string is the whole body, not wrapped. Deliberate difference: escaped.
    // SPEC 4.13: nothing -> 200 with an empty body. SPEC 4.14: numbers are text.
    let cli = client_for(bare().routes(routes![a_string, raw, nothing, number])).await;
    let r = cli.get("/s").send().await;
    assert_eq!(r.text(), "&lt;b&gt;hi&lt;/b&gt; &amp; bye");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(cli.get("/raw").htmx().send().await.text(), "<b>raw</b>");
    let r = cli.get("/none").htmx().send().await;
    assert_eq!((r.status(), r.text()), (200, String::new()));
    assert_eq!(cli.get("/num").htmx().send().await.text(), "42");
}

#[rt("/json")]
fn json() -> Json<serde_json::Value> {
    Json(serde_json::json!({"a": 1, "b": "é", "c": [1, 2]}))
}

#[actix_web::test]
async fn json_responses() {
    // SPEC 4.17, 4.43 (compact, non-ASCII kept)
    let cli = client_for(bare().routes(routes![json])).await;
    let r = cli.get("/json").send().await;
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.text(), r#"{"a":1,"b":"é","c":[1,2]}"#);
}

#[rt("/hdr")]
fn with_headers() -> impl IntoFt {
    (
        P!("x"),
        HttpHeader::new("X-One", "1"),
        HtmxResponseHeaders::new()
            .retarget("#main")
            .header("push_url", "/p"),
        cookie("a", "1"),
        cookie("b", "2").max_age(60).http_only(true),
    )
}

#[rt("/only-hdr")]
fn only_headers() -> HttpHeader {
    HttpHeader::new("X-Only", "yes")
}

#[actix_web::test]
async fn headers_and_cookies() {
    // SPEC 4.21, 4.22, 4.23, 4.24, 4.25; 4.27 is FastHTML's bug (only the last cookie
    // survives): ft sends every Set-Cookie.
    let cli = client_for(bare().routes(routes![with_headers, only_headers])).await;
    let r = cli.get("/hdr").htmx().send().await;
    assert_eq!(r.text(), "<p>x</p>");
    assert_eq!(r.header("x-one"), Some("1"));
    assert_eq!(r.header("hx-retarget"), Some("#main"));
    assert_eq!(r.header("hx-push-url"), Some("/p"));
    assert_eq!(
        r.headers_all("set-cookie"),
        [
            "a=1; SameSite=Lax; Path=/",
            "b=2; HttpOnly; SameSite=Lax; Path=/; Max-Age=60"
        ]
    );
    assert_eq!(cli.cookie("a").as_deref(), Some("1"));
    let r = cli.get("/only-hdr").htmx().send().await;
    assert_eq!((r.text(), r.header("x-only")), (String::new(), Some("yes")));
    assert!(
        cli.get("/only-hdr")
            .send()
            .await
            .text()
            .contains("<body></body>")
    );
}

// Through `Cookie<T>`: a plain parameter never reads a cookie (SPEC Appendix B).
#[rt("/cookie-back")]
fn cookie_back(a: Cookie<String>) -> String {
    a.0
}

#[actix_web::test]
async fn a_cookie_reads_back_by_name() {
    // SPEC 4.28
    let cli = client_for(bare().routes(routes![with_headers, cookie_back])).await;
    cli.get("/hdr").send().await;
    assert_eq!(cli.get("/cookie-back").send().await.text(), "1");
}

#[rt("/go")]
fn go() -> Redirect {
    Redirect::to(index.to())
}

#[actix_web::test]
async fn redirects() {
    // SPEC 4.29, 4.30
    let cli = client_for(bare().routes(routes![go, index])).await;
    let r = cli.get("/go").send().await;
    assert_eq!(
        (r.status(), r.header("location"), r.text()),
        (303, Some("/"), String::new())
    );
    let r = cli.get("/go").htmx().send().await;
    assert_eq!(
        (r.status(), r.header("hx-redirect"), r.text()),
        (200, Some("/"), String::new())
    );
    let cli = client_for(bare().routes(routes![go, index]))
        .await
        .follow_redirects(true);
    assert!(cli.get("/go").send().await.text().contains("<p>hi</p>"));
}

#[rt("/actix")]
fn raw_actix() -> actix_web::HttpResponse {
    actix_web::HttpResponse::TemporaryRedirect()
        .insert_header(("location", "/x"))
        .finish()
}

#[actix_web::test]
async fn actix_responses_pass_through() {
    // SPEC 4.31, 4.32: untouched, no Vary added
    let cli = client_for(bare().routes(routes![raw_actix])).await;
    let r = cli.get("/actix").send().await;
    assert_eq!(
        (r.status(), r.header("location"), r.header("vary")),
        (307, Some("/x"), None)
    );
}

#[rt("/created")]
fn created() -> FtResponse {
    FtResponse::new((P!("made"), HttpHeader::new("X-In", "content")))
        .status(201)
        .header("X-Id", "7")
}

#[actix_web::test]
async fn ft_response() {
    // SPEC 4.34, 4.35
    let cli = client_for(bare().default_hdrs(false).routes(routes![created])).await;
    let r = cli.get("/created").htmx().send().await;
    assert_eq!((r.status(), r.text()), (201, "<p>made</p>".into()));
    assert_eq!(
        (r.header("x-id"), r.header("x-in")),
        (Some("7"), Some("content"))
    );
    assert!(
        cli.get("/created")
            .send()
            .await
            .text()
            .starts_with("<!doctype html>")
    );
}

static RAN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[rt("/bg")]
fn background() -> impl IntoFt {
    (
        P!("queued"),
        BackgroundTask::new(async {
            RAN.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }),
    )
}

#[actix_web::test]
async fn background_tasks_run_after_the_response() {
    // SPEC 4.37
    let cli = client_for(bare().routes(routes![background])).await;
    assert_eq!(cli.get("/bg").htmx().send().await.text(), "<p>queued</p>");
    for _ in 0..50 {
        if RAN.load(std::sync::atomic::Ordering::SeqCst) == 1 {
            return;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the background task did not run");
}

#[rt("/teapot")]
fn teapot() -> Result<Ft> {
    Err(Error::new(418, "short and stout"))
}

#[rt("/io")]
fn io_error() -> Result<Ft> {
    let n: i64 = "nope".parse()?;
    Ok(P!(n))
}

#[rt("/boom")]
fn boom() -> Ft {
    panic!("kaboom")
}

#[actix_web::test]
async fn errors_and_panics() {
    // SPEC 4.38 (an Error's status with its message), 4.39 (a 500, and the server lives on)
    let cli = client_for(bare().routes(routes![teapot, io_error, boom, index])).await;
    let r = cli.get("/teapot").send().await;
    assert_eq!((r.status(), r.text()), (418, "short and stout".into()));
    let r = cli.get("/io").send().await;
    assert_eq!(
        (r.status(), r.text()),
        (500, "Internal Server Error".into())
    );
    let r = cli.get("/boom").send().await;
    assert_eq!(
        (r.status(), r.text()),
        (500, "Internal Server Error".into())
    );
    assert_eq!(cli.get("/").htmx().send().await.text(), "<p>hi</p>");
    // SPEC 4.40: debug mode shows the error
    let cli = client_for(bare().debug(true).routes(routes![boom])).await;
    assert!(cli.get("/boom").send().await.text().contains("kaboom"));
}

#[actix_web::test]
async fn exception_handlers_render_pages() {
    // SPEC 4.41 (and 4.42's class-keyed bug does not exist: handlers are keyed by status)
    let app = bare()
        .default_hdrs(false)
        .routes(routes![teapot])
        .exception_handler(404, |e| Titled!("Not here", P!(e.message().to_string())))
        .exception_handler(418, |_| P!("I'm a teapot page"));
    let cli = client_for(app).await;
    let r = cli.get("/missing").send().await;
    assert_eq!(r.status(), 404);
    assert!(r.text().contains("<title>Not here</title>"), "{}", r.text());
    let r = cli.get("/teapot").htmx().send().await;
    assert_eq!(
        (r.status(), r.text()),
        (418, "<p>I'm a teapot page</p>".into())
    );
}

#[actix_web::test]
async fn index_route_is_home() {
    let cli = client(routes![index]).await;
    assert_eq!(cli.get("/").htmx().send().await.text(), "<p>hi</p>");
}
