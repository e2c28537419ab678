//! Markdown rendered on the server and sanitized (cargo feature `markdown`): the safe
//! alternative to the browser-side [`MarkdownJS`](crate::js::MarkdownJS).
//!
//! [`markdown`] parses CommonMark (plus tables and ~~strikethrough~~) with pulldown-cmark and
//! cleans the HTML with ammonia, a maintained allow-list sanitizer: no `<script>`, `<style>`,
//! `<iframe>`, `<form>` or `<svg>`, no `on*` handlers or `style` attributes, links only to
//! `http(s)`, `mailto` and relative URLs (with `rel="noopener noreferrer"`), and only
//! `language-*` classes on `<code>` (what [`HighlightJS`](crate::js::HighlightJS) reads).
//!
//! **How it fits ft's escaping.** Text children are escaped; [`Raw`] markup is
//! not. [`markdown`] returns a `Raw` node, but only of the sanitizer's output: ammonia parses
//! the HTML as a fragment and writes it back out, so its tags are balanced and it cannot
//! close the element it is placed in. Put it inside an ordinary element (`Div!`, `Article!`),
//! never inside `<script>`, `<style>` or an attribute. The page needs no script, and the
//! text reads the same with JavaScript off.
//!
//! ```
//! use ft_html::prelude::*;
//! use ft_html::markdown::markdown;
//! let note = "**Hi** [docs](https://example.com) <img src=x onerror=alert(1)> [x](javascript:alert(1))";
//! assert_eq!(
//!     Div!(markdown(note), cls = "note").render(),
//!     "<div class=\"note\"><p><strong>Hi</strong> \
//!      <a href=\"https://example.com\" rel=\"noopener noreferrer\">docs</a> \
//!      <img src=\"x\"> <a rel=\"noopener noreferrer\">x</a></p>\n</div>"
//! );
//! ```

use crate::{Ft, Raw};
use pulldown_cmark::{Options, Parser};
use std::sync::LazyLock;

/// The sanitizer, built once: ammonia's defaults plus `language-*` classes on `<code>`.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("code", ["class"]);
    b.attribute_filter(|element, attribute, value| {
        if element == "code" && attribute == "class" {
            // A fenced block's `language-rust` only: no classes the page's CSS could act on.
            let lang = value.strip_prefix("language-")?;
            let ok = !lang.is_empty()
                && lang
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"_+-".contains(&c));
            return ok.then_some(value.into());
        }
        Some(value.into())
    });
    b
});

/// The Markdown `src` as sanitized HTML (see the [module docs](self) for what is kept).
///
/// ```
/// let html = ft_html::markdown::markdown_html("# Title\n\n<script>alert(1)</script>\n\n*ok*");
/// assert_eq!(html, "<h1>Title</h1>\n\n<p><em>ok</em></p>\n");
/// ```
pub fn markdown_html(src: &str) -> String {
    let mut html = String::with_capacity(src.len() * 3 / 2);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(src, opts));
    CLEANER.clean(&html).to_string()
}

/// The Markdown `src` rendered and sanitized, as an ft node to place in an element:
/// `Div!(markdown(&todo.details), cls = "details")`.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::markdown::markdown;
/// let html = Article!(markdown("~~old~~ `new`\n\n```rust\nlet x = 1;\n```")).render();
/// assert_eq!(
///     html,
///     "<article><p><del>old</del> <code>new</code></p>\n\
///      <pre><code class=\"language-rust\">let x = 1;\n</code></pre>\n</article>"
/// );
/// ```
pub fn markdown(src: &str) -> Ft {
    Ft::Raw(Raw::new(markdown_html(src)))
}
