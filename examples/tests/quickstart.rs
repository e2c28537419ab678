//! The quickstart example (examples/examples/quickstart.rs) through the test client, and the
//! pages a browser renders differently (Markdown, code highlighting, toasts, the htmx swap) in
//! e2e/quickstart.mjs.

mod common;

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;

use common::{Running, TempDir, client};

async fn app(dir: &TempDir) -> ft_web::Client {
    client(quickstart::app(&dir.file("q.db"))).await
}

#[ft_web::test]
async fn home_links_every_section() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    let html = r.text();
    for href in [
        "/hello",
        "/routing",
        "/greet/Uma/5",
        "/methods",
        "/css",
        "/markdown",
        "/highlight",
        "/chart",
        "/oops",
        "/settimestamp",
        "/gettimestamp",
        "/adder/5",
        "/toasting",
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{href} in {html}"
        );
        if href != "/oops" {
            assert_eq!(c.get(href).send().await.status(), 200, "{href}");
        }
    }
}

#[ft_web::test]
async fn minimal_page_and_htmx_partial() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let r = c.get("/hello").send().await;
    assert!(
        r.text()
            .contains("<div hx-get=\"/change\"><p>Hello World!</p></div>"),
        "{}",
        r.text()
    );
    assert!(r.text().starts_with("<!doctype html>"));
    let r = c.get("/change").htmx().send().await;
    assert_eq!(r.text(), "<p>Nice to be here!</p>");
}

#[ft_web::test]
async fn variables_in_urls() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let r = c.get("/greet/Uma/5").send().await;
    assert!(
        r.text().contains("<h1>Hello UMA, age 5</h1>"),
        "{}",
        r.text()
    );
    // `age` is a u32: not a number is "no such page".
    let r = c.get("/greet/Uma/five").send().await;
    assert_eq!(r.status(), 404);
    assert!(
        r.text().contains("404: I don&#x27;t exist!") || r.text().contains("404: I don't exist!")
    );
}

#[ft_web::test]
async fn http_methods() {
    // SPEC 2.9: GET and POST of /methods are one route group (`#[rt] impl Methods`).
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    assert!(c.get("/methods").send().await.text().contains("Handle GET"));
    let r = c.post("/methods").htmx().send().await;
    assert_eq!(r.text(), "<p>Handle POST</p>");
    assert_eq!(c.delete("/methods").send().await.status(), 405);
    let page = c.get("/methods").send().await.text();
    assert!(page.contains(r##"hx-post="/methods""##), "{page}");
}

#[ft_web::test]
async fn css_and_static_files() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let r = c.get("/css").send().await;
    let html = r.text();
    let head = &html[..html.find("</head>").unwrap()];
    assert!(
        head.contains("<link rel=\"stylesheet\" href=\"/static/quickstart.css\">"),
        "{html}"
    );
    assert!(head.contains(".inline-red { color: red; }"));
    assert!(html.contains("style=\"color: green\""));
    let r = c.get("/static/quickstart.css").send().await;
    assert_eq!(r.status(), 200);
    assert!(r.header("content-type").unwrap().starts_with("text/css"));
    assert!(r.text().contains(".fancy"));
    // Nothing outside the static folder.
    assert_eq!(c.get("/static/../Cargo.toml").send().await.status(), 404);
    assert_eq!(
        c.get("/static/%2e%2e/Cargo.toml").send().await.status(),
        404
    );
}

#[ft_web::test]
async fn markdown_is_sent_as_text_for_marked() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let html = c.get("/markdown").send().await.text();
    assert!(
        html.contains("<div class=\"marked\">## Markdown in ft"),
        "{html}"
    );
    assert!(html.contains("import { marked } from '/static/vendor/marked-18.2.1.esm.js';"));
    assert!(!html.contains("cdn.jsdelivr"));
}

#[ft_web::test]
async fn code_highlighting_is_self_hosted() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let html = c.get("/highlight").send().await.text();
    assert!(
        html.contains("<pre><code>\nimport datetime\nimport time\n"),
        "{html}"
    );
    let head = &html[..html.find("</head>").unwrap()];
    let hljs = "/static/vendor/highlightjs-11.12.0";
    let copy = "/static/vendor/highlightjs-copy-1.0.6";
    let files = [
        format!("{hljs}/highlight.min.js"),
        format!("{hljs}/languages/python.min.js"),
        format!("{hljs}/languages/rust.min.js"),
        format!("{hljs}/styles/atom-one-dark.css"),
        format!("{hljs}/styles/atom-one-light.css"),
        format!("{copy}/highlightjs-copy.min.js"),
        format!("{copy}/highlightjs-copy.min.css"),
    ];
    for f in &files {
        assert!(head.contains(&format!("\"{f}\"")), "{f} in {head}");
        let r = c.get(f).send().await;
        assert_eq!(r.status(), 200, "{f}");
        assert!(r.bytes().len() > 500, "{f} is the real file");
    }
    assert!(head.contains("htmx.onLoad(hljs.highlightAll);"));
    assert!(!html.contains("cdn.jsdelivr"), "nothing from a CDN");
    // Every page has the headers: the Markdown page's fenced code is highlighted too.
    let md = c.get("/markdown").send().await.text();
    assert!(md.contains(&format!("\"{hljs}/highlight.min.js\"")));
}

#[ft_web::test]
async fn chart_from_the_database() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let html = c.get("/chart").send().await.text();
    assert_eq!(html.matches("class=\"sale\"").count(), 4, "{html}");
    assert!(html.contains("Jan (16)") && html.contains("Apr (9)"));
    // Seeded once: a second visit shows the same four bars.
    let html = c.get("/chart").send().await.text();
    assert_eq!(html.matches("class=\"sale\"").count(), 4);
}

#[ft_web::test]
async fn custom_exception_handlers() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let r = c.get("/oops").send().await;
    assert_eq!(r.status(), 404);
    assert!(r.text().contains("<title>404: I don"), "{}", r.text());
    let r = c.get("/teapot").send().await;
    assert_eq!(r.status(), 418);
    assert!(r.text().contains("418: I"));
}

#[ft_web::test]
async fn cookies() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    assert!(
        c.get("/gettimestamp")
            .send()
            .await
            .text()
            .starts_with("No cookie yet")
    );
    let r = c.get("/settimestamp").send().await;
    assert!(r.text().contains("Set to "));
    let set = r.text();
    let set = set
        .split("Set to ")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(c.cookie("now").is_some(), "the cookie is set");
    let r = c.get("/gettimestamp").send().await;
    assert_eq!(r.text(), format!("Cookie was set at time {set}"));
}

#[ft_web::test]
async fn sessions_add_up() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    assert_eq!(c.get("/adder/5").send().await.text(), "The sum is 5.");
    assert_eq!(c.get("/adder/10").send().await.text(), "The sum is 15.");
    assert_eq!(c.get("/adder/x").send().await.status(), 404);
    // Another browser has its own sum.
    let other = app(&dir).await;
    assert_eq!(other.get("/adder/1").send().await.text(), "The sum is 1.");
}

#[ft_web::test]
async fn toasts_show_once() {
    let dir = TempDir::new("qs");
    let c = app(&dir).await;
    let html = c.get("/toasting").send().await.text();
    for kind in ["info", "success", "warning", "error"] {
        assert!(
            html.contains(&format!("fh-toast-{kind}")) || html.contains(&format!("\"{kind}\"")),
            "{kind}: {html}"
        );
    }
    assert!(html.contains("Toast is burning!"));
    let again = c.get("/hello").send().await.text();
    assert!(!again.contains("Toast is burning!"));
}

/// The browser test: e2e/quickstart.mjs against a real server.
#[test]
fn browser_quickstart() {
    let dir = TempDir::new("qs-e2e");
    let db = dir.file("quickstart.db");
    let server = Running::start(move || quickstart::app(&db));
    common::e2e("quickstart", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_quickstart_htmx4() {
    let dir = TempDir::new("qs-e2e-htmx4");
    let db = dir.file("quickstart.db");
    let server = Running::start(move || quickstart::app(&db).htmx4(true));
    common::e2e_with("quickstart", &server, &[("E2E_HTMX", "4")]);
}
