//! High 3, stored XSS through Markdown: text a user stores (a todo's details) is escaped by the
//! server, but `MarkdownJS` turned it back into live markup (`innerHTML =
//! marked.parse(textContent)`). Sanitized by default now: the injected script must not run in
//! the page that shows it, in the plain and the KaTeX variant, while the Markdown still renders.
//! The server-side renderer (`markdown()`) gets the same payloads in
//! examples/tests/markdown_preview.rs.
//!
//! FastHTML's `MarkdownJS`/`KatexMarkdownJS` have no sanitizer: every payload below that runs
//! in the `.trusted()` control page (FastHTML's exact script) runs in a FastHTML app too.

use crate::common::markdown_payloads::{KATEX_PAYLOAD, PAYLOAD};
use crate::common::{Running, TempDir, client, e2e_with, repo_root};
use crate::todo;
use ft_web::prelude::*;

fn page(script: Ft, text: String) -> Ft {
    (
        Title!("markdown"),
        Div!(text, cls = "marked", id = "doc"),
        script,
    )
        .into_ft()
}

const MARKED: &str = "/static/vendor/marked-18.2.1.esm.js";
const KATEX: &str = "/katex/katex.mjs";

fn katex() -> KatexMarkdownJs {
    KatexMarkdownJS().src(MARKED).katex_src(KATEX)
}

#[get("/md")]
fn md_page() -> Ft {
    page(MarkdownJS().src(MARKED).into_ft(), PAYLOAD.into())
}

#[get("/md-trusted")]
fn md_trusted() -> Ft {
    page(MarkdownJS().src(MARKED).trusted().into_ft(), PAYLOAD.into())
}

#[get("/katex")]
fn katex_page() -> Ft {
    page(katex().parts().0, format!("{PAYLOAD}\n{KATEX_PAYLOAD}"))
}

#[get("/katex-trusted")]
fn katex_trusted() -> Ft {
    page(
        katex().trusted().parts().0,
        format!("{PAYLOAD}\n{KATEX_PAYLOAD}"),
    )
}

/// The plain and KaTeX helpers, sanitized and (as the control) trusted, on one page each;
/// marked from the examples' vendored copy, KaTeX from e2e's npm install.
fn variants_app() -> FastApp {
    let examples = repo_root().join("examples/static");
    let katex_dist = repo_root().join("e2e/node_modules/katex/dist");
    fast_app()
        .static_route_exts("/static/", examples, ["js"])
        .static_route_exts("/katex/", katex_dist, ["mjs"])
        .routes(routes![md_page, md_trusted, katex_page, katex_trusted])
}

/// Over the test client (runs everywhere): the stored payload leaves the server escaped, the
/// todo page imports the sanitizer, and the app serves it.
#[ft_web::test]
async fn markdown_xss_stored_payload_reaches_the_page_escaped_with_the_sanitizer() {
    let dir = TempDir::new("sec-md");
    let c = client(todo::app(&dir.file("t.db"))).await;
    let r = c
        .post("/login")
        .form([("name", "mallory"), ("pwd", "pw")])
        .send()
        .await;
    assert_eq!(r.status(), 303);
    let r = c.post("/").htmx().form([("title", "notes")]).send().await;
    let html = r.text();
    let id = html.split("id=\"todo-").nth(1).expect("a todo")[..]
        .split('"')
        .next()
        .expect("id")
        .to_string();
    let r = c
        .put("/")
        .htmx()
        .form([
            ("id", id.as_str()),
            ("title", "notes"),
            ("details", PAYLOAD),
        ])
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let shown = c.get(&format!("/todos/{id}")).htmx().send().await.text();
    assert!(shown.contains("&lt;img src=\"data:,\" onerror="), "{shown}");
    assert!(!shown.contains("<img"), "{shown}");

    let index = c.get("/").send().await.text();
    let purify = ft_web::assets::purify_js().url();
    assert!(
        index.contains(&format!("import '{purify}';")) && index.contains("DOMPurify.sanitize("),
        "{index}"
    );
    let r = c.get(&purify).send().await;
    assert_eq!(r.status(), 200);
    assert!(r.header("content-type").unwrap().contains("javascript"));
    assert!(r.text().contains("DOMPurify"));
}

/// In Chromium: a user stores the payload in a todo's details through the app's own forms and
/// opens the todo; nothing runs, the Markdown renders. Then the plain and KaTeX helpers on
/// their own pages, each beside its `.trusted()` control, where the same payload does run.
#[test]
fn markdown_xss_injected_script_does_not_run_in_chromium() {
    let dir = TempDir::new("sec-md-e2e");
    let db = dir.file("t.db");
    let todo_server = Running::start(move || todo::app(&db));
    let variants = Running::start(variants_app);
    let katex_installed = repo_root()
        .join("e2e/node_modules/katex/dist/katex.mjs")
        .exists();
    assert!(
        katex_installed || crate::common::browser_unavailable().is_some(),
        "KaTeX is not installed: npm ci --prefix e2e"
    );
    let variants_url = variants.url();
    e2e_with(
        "security_markdown",
        &todo_server,
        &[
            ("PAYLOAD", PAYLOAD),
            ("VARIANTS_URL", variants_url.as_str()),
            ("E2E_ALLOW", variants_url.as_str()),
        ],
    );
}
