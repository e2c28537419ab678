//! The markdown_preview example: Markdown rendered on the server by `markdown()`, sanitized.
//! The same payloads as the security suite's Markdown tests (stored XSS, High 3).

mod common;

#[allow(dead_code)]
#[path = "../examples/markdown_preview.rs"]
mod markdown_preview;

use common::client;
use common::markdown_payloads::{KATEX_PAYLOAD, PAYLOAD};

#[ft_web::test]
async fn the_page_previews_its_starting_text() {
    let c = client(markdown_preview::app()).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    assert!(r.text().contains("hx-post=\"/preview\""), "{}", r.text());
    let r = c
        .post("/preview")
        .htmx()
        .form([("text", "# Notes\n\n- one")])
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().contains("<h1>Notes</h1>"), "{}", r.text());
    assert!(r.text().contains("<li>one</li>"), "{}", r.text());
}

#[ft_web::test]
async fn the_preview_of_hostile_markdown_is_sanitized() {
    let c = client(markdown_preview::app()).await;
    for text in [PAYLOAD, KATEX_PAYLOAD] {
        let r = c
            .post("/preview")
            .htmx()
            .form([("text", text)])
            .send()
            .await;
        assert_eq!(r.status(), 200, "{}", r.text());
        let html = r.text().to_ascii_lowercase();
        // In tags and attributes; the KaTeX text keeps `\href{javascript:..}` as plain text.
        for bad in [
            "<script",
            "<iframe",
            "<svg",
            "<style",
            "<form",
            "\"javascript:",
            " onerror=",
            " onload=",
            " ontoggle=",
            " srcdoc=",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }
    let html = c
        .post("/preview")
        .htmx()
        .form([("text", PAYLOAD)])
        .send()
        .await
        .text();
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(html.contains("<li>two</li>"), "{html}");
    assert!(
        html.contains("<a href=\"https://example.com/\" rel=\"noopener noreferrer\">safe link</a>"),
        "{html}"
    );
}
