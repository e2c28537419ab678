//! FastHTML's wrappers for browser JavaScript libraries (`fasthtml.js`, SPEC 1N): page headers
//! that render Markdown, highlight code, draw Mermaid diagrams, make lists sortable and
//! typeset KaTeX, plus `light_media`/`dark_media` styles. All are in the prelude.
//!
//! Each helper is called like FastHTML's, with its defaults, and returns a small builder whose
//! setters stand in for Python's keyword arguments; the builder is a child like any `Ft`
//! ([`IntoFt`]):
//!
//! ```
//! use ft_html::prelude::*;
//! let hdrs = Head!(MarkdownJS(), HighlightJS().langs(["python", "rust"]), SortableJS().sel(".list"));
//! assert!(hdrs.render().contains("languages/rust.min.js"));
//! ```
//!
//! The selector (and other values placed inside JavaScript strings) is escaped for a
//! single-quoted JavaScript string, where FastHTML pastes it in as it is; ordinary selectors
//! come out the same.

use crate::attr::AttrValue;
use crate::element::Element;
use crate::text::Raw;
use crate::{Ft, IntoFt};
use std::borrow::Cow;

/// FastHTML's `marked_imp`: the ES-module import of `marked`.
pub const MARKED_IMP: &str =
    "import { marked } from \"https://cdn.jsdelivr.net/npm/marked/lib/marked.esm.js\";\n";
/// Where [`MarkdownJS`] and [`KatexMarkdownJS`] import DOMPurify from by default: the copy
/// every ft-web app serves itself (vendored from the npm registry, `ft_web::assets`).
pub const PURIFY_SRC: &str = "/_ft/purify-3.5.0.min.js";
/// FastHTML's `npmcdn`.
pub const NPMCDN: &str = "https://cdn.jsdelivr.net/npm/";

const HLJS: &str = "https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build";
const HLJS_COPY: &str = "https://cdn.jsdelivr.net/gh/arronhunt/highlightjs-copy/dist";

type Str = Cow<'static, str>;

/// Escapes `s` for the inside of a single-quoted JavaScript string.
fn js_str(s: &str) -> Cow<'_, str> {
    if !s.contains(['\\', '\'', '\n', '\r']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The sanitizing lines of the Markdown scripts: DOMPurify's UMD build, imported for its side
/// effect (it defines `window.DOMPurify`), and `clean`, which drops what could run script
/// (`<script>`, `on*` handlers, `javascript:` URLs, `<iframe>`, ...) and, beyond DOMPurify's
/// defaults, `<style>` and `<form>`, so stored text can neither restyle the page nor post a
/// look-alike form elsewhere.
fn purify_imp(src: &str) -> String {
    format!(
        "import '{}';\nconst clean = html => DOMPurify.sanitize(html, {{FORBID_TAGS: ['style', 'form']}});\n",
        js_str(src)
    )
}

fn script_module(code: String) -> Ft {
    let mut s = Element::new_static("script", false);
    s.put(
        Cow::Borrowed("type"),
        Some(AttrValue::Trusted(crate::Str::from_static("module"))),
    );
    s.push(Raw::new(code));
    Ft::Element(s)
}

fn script_src(src: String) -> Ft {
    let mut s = Element::new_static("script", false);
    s.put(
        Cow::Borrowed("src"),
        Some(AttrValue::Text(crate::Str::from(src))),
    );
    Ft::Element(s)
}

fn css_link(href: String, media: Option<&'static str>) -> Ft {
    let mut l = Element::new_static("link", true);
    l.put(
        Cow::Borrowed("rel"),
        Some(AttrValue::Trusted(crate::Str::from_static("stylesheet"))),
    );
    l.put(
        Cow::Borrowed("href"),
        Some(AttrValue::Text(crate::Str::from(href))),
    );
    l.put(
        Cow::Borrowed("media"),
        media.map(|m| AttrValue::Trusted(crate::Str::from_static(m))),
    );
    Ft::Element(l)
}

fn style(css: String) -> Ft {
    let mut s = Element::new_static("style", false);
    s.push(Raw::new(css));
    Ft::Element(s)
}

/// A `<style>` applying `css` only in light mode (SPEC 1.126).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(light_media("a{}").render(), "<style>@media (prefers-color-scheme: light) {a{}}</style>");
/// ```
pub fn light_media(css: impl AsRef<str>) -> Ft {
    style(format!(
        "@media (prefers-color-scheme: light) {{{}}}",
        css.as_ref()
    ))
}

/// A `<style>` applying `css` only in dark mode (SPEC 1.126); FastHTML's text, double space
/// included.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(dark_media("b{}").render(), "<style>@media (prefers-color-scheme:  dark) {b{}}</style>");
/// ```
pub fn dark_media(css: impl AsRef<str>) -> Ft {
    style(format!(
        "@media (prefers-color-scheme:  dark) {{{}}}",
        css.as_ref()
    ))
}

macro_rules! into_ft_via_build {
    ($($t:ty),*) => {$(
        impl IntoFt for $t {
            fn into_ft(self) -> Ft {
                self.build()
            }
        }
        impl From<$t> for Ft {
            fn from(x: $t) -> Ft {
                x.build()
            }
        }
    )*};
}

/// What [`MarkdownJS()`] returns: set the selector with [`.sel(..)`](MarkdownJs::sel), where
/// marked and DOMPurify come from with [`.src(..)`](MarkdownJs::src) and
/// [`.purify_src(..)`](MarkdownJs::purify_src), and opt out of sanitizing with
/// [`.trusted()`](MarkdownJs::trusted).
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownJs {
    sel: Str,
    src: Option<Str>,
    /// `None`: trusted content, marked's HTML goes in as it is.
    purify: Option<Str>,
}

/// Browser-side Markdown rendering with `marked` (SPEC 1.122): a module script rendering the
/// text of every element matching the selector (default `.marked`) as Markdown, including
/// content htmx swaps in later (`proc_htmx`, from FastHTML's default page scripts).
///
/// **Sanitized by default.** The server escapes the Markdown text, but `innerHTML =
/// marked.parse(..)` would turn a stored `<img src=x onerror=..>` or a
/// `[link](javascript:..)` back into live markup in every visitor's page. ft passes marked's
/// HTML through DOMPurify first ([`PURIFY_SRC`], served by the app at `/_ft/`), which keeps
/// Markdown's formatting and drops scripts, event handlers, script URLs, frames, `<style>`
/// and `<form>`. FastHTML's script has no sanitizer; [`.trusted()`](MarkdownJs::trusted)
/// gives its exact markup, for text only the app's authors write.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     MarkdownJS().into_ft().render(),
///     "<script type=\"module\">import { marked } from \"https://cdn.jsdelivr.net/npm/marked/lib/marked.esm.js\";\n\
///      import '/_ft/purify-3.5.0.min.js';\n\
///      const clean = html => DOMPurify.sanitize(html, {FORBID_TAGS: ['style', 'form']});\n\
///      proc_htmx('.marked', e => e.innerHTML = clean(marked.parse(e.textContent)));</script>"
/// );
/// assert!(MarkdownJS().sel(".md").into_ft().render().contains("proc_htmx('.md',"));
/// // A copy of marked the app serves itself instead of the CDN (works offline):
/// assert!(MarkdownJS().src("/static/vendor/marked.esm.js").into_ft().render()
///     .starts_with("<script type=\"module\">import { marked } from '/static/vendor/marked.esm.js';\n"));
/// // Trusted text only: FastHTML's script, no sanitizer.
/// assert_eq!(
///     MarkdownJS().trusted().into_ft().render(),
///     "<script type=\"module\">import { marked } from \"https://cdn.jsdelivr.net/npm/marked/lib/marked.esm.js\";\n\
///      proc_htmx('.marked', e => e.innerHTML = marked.parse(e.textContent));</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn MarkdownJS() -> MarkdownJs {
    MarkdownJs {
        sel: Cow::Borrowed(".marked"),
        src: None,
        purify: Some(Cow::Borrowed(PURIFY_SRC)),
    }
}

impl MarkdownJs {
    /// The CSS selector of the Markdown elements.
    pub fn sel(mut self, sel: impl Into<Str>) -> Self {
        self.sel = sel.into();
        self
    }
    /// The URL of `marked`'s ES module (default: FastHTML's CDN URL, [`MARKED_IMP`]), e.g. a
    /// copy in the app's static folder so the page works offline.
    pub fn src(mut self, url: impl Into<Str>) -> Self {
        self.src = Some(url.into());
        self
    }
    /// The URL of DOMPurify's `purify.min.js` (default [`PURIFY_SRC`], which ft-web apps
    /// serve), for pages not served by ft-web. Undoes [`trusted`](MarkdownJs::trusted).
    pub fn purify_src(mut self, url: impl Into<Str>) -> Self {
        self.purify = Some(url.into());
        self
    }
    /// Inserts marked's HTML without sanitizing it (FastHTML's behaviour). Only for Markdown
    /// that no user can write: any HTML in it runs in the visitor's page.
    pub fn trusted(mut self) -> Self {
        self.purify = None;
        self
    }
    /// The `<script>`.
    pub fn build(&self) -> Ft {
        let sel = js_str(&self.sel);
        let imp = match &self.src {
            None => Cow::Borrowed(MARKED_IMP),
            Some(src) => Cow::Owned(format!("import {{ marked }} from '{}';\n", js_str(src))),
        };
        script_module(match &self.purify {
            Some(purify) => format!(
                "{imp}{}proc_htmx('{sel}', e => e.innerHTML = clean(marked.parse(e.textContent)));",
                purify_imp(purify)
            ),
            None => {
                format!("{imp}proc_htmx('{sel}', e => e.innerHTML = marked.parse(e.textContent));")
            }
        })
    }
}

/// What [`HighlightJS()`] returns: set [`.sel`](HighlightJs::sel),
/// [`.langs`](HighlightJs::langs), [`.light`](HighlightJs::light), [`.dark`](HighlightJs::dark),
/// and where the files come from: [`.base`](HighlightJs::base),
/// [`.copy_base`](HighlightJs::copy_base).
#[derive(Debug, Clone, PartialEq)]
pub struct HighlightJs {
    sel: Str,
    langs: Vec<Str>,
    light: Str,
    dark: Str,
    base: Str,
    copy_base: Str,
}

/// Browser-side syntax highlighting with highlight.js (SPEC 1.123): the dark and light theme
/// stylesheets (chosen by `prefers-color-scheme`), highlight.js, its copy-button plugin, one
/// script per language (default `python`), and a module script highlighting what htmx loads.
///
/// ```
/// use ft_html::prelude::*;
/// let h = HighlightJS().langs(["python", "js"]).dark("github-dark");
/// assert_eq!(h.items().len(), 8);
/// assert!(h.into_ft().render().starts_with(
///     "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/gh/highlightjs/cdn-release/build/styles/github-dark.css\" media=\"(prefers-color-scheme: dark)\">"
/// ));
/// ```
///
/// Self-hosted (the page then works offline): copy the files of the npm packages
/// `@highlightjs/cdn-assets` (keeping its `highlight.min.js`, `languages/`, `styles/` layout)
/// and `highlightjs-copy` (its `dist/` files) into the app's static folder and point at them:
///
/// ```
/// use ft_html::prelude::*;
/// let h = HighlightJS()
///     .langs(["rust"])
///     .base("/static/vendor/highlightjs-11.12.0")
///     .copy_base("/static/vendor/highlightjs-copy-1.0.6")
///     .into_ft()
///     .render();
/// assert!(h.contains("<script src=\"/static/vendor/highlightjs-11.12.0/highlight.min.js\">"));
/// assert!(h.contains("\"/static/vendor/highlightjs-11.12.0/languages/rust.min.js\""));
/// assert!(h.contains("\"/static/vendor/highlightjs-11.12.0/styles/atom-one-dark.css\""));
/// assert!(h.contains("\"/static/vendor/highlightjs-copy-1.0.6/highlightjs-copy.min.js\""));
/// assert!(!h.contains("cdn.jsdelivr"));
/// ```
#[allow(non_snake_case)]
pub fn HighlightJS() -> HighlightJs {
    HighlightJs {
        sel: Cow::Borrowed("pre code:not([data-highlighted=\"yes\"])"),
        langs: vec![Cow::Borrowed("python")],
        light: Cow::Borrowed("atom-one-light"),
        dark: Cow::Borrowed("atom-one-dark"),
        base: Cow::Borrowed(HLJS),
        copy_base: Cow::Borrowed(HLJS_COPY),
    }
}

impl HighlightJs {
    /// The CSS selector of the code elements (default `pre code:not([data-highlighted="yes"])`).
    pub fn sel(mut self, sel: impl Into<Str>) -> Self {
        self.sel = sel.into();
        self
    }
    /// The languages to load (default `["python"]`).
    pub fn langs<S: Into<Str>>(mut self, langs: impl IntoIterator<Item = S>) -> Self {
        self.langs = langs.into_iter().map(Into::into).collect();
        self
    }
    /// The light theme (default `atom-one-light`).
    pub fn light(mut self, theme: impl Into<Str>) -> Self {
        self.light = theme.into();
        self
    }
    /// The dark theme (default `atom-one-dark`).
    pub fn dark(mut self, theme: impl Into<Str>) -> Self {
        self.dark = theme.into();
        self
    }
    /// The URL of the folder holding highlight.js's `highlight.min.js`, `languages/` and
    /// `styles/` (default: FastHTML's CDN, the `cdn-release` build), e.g. a copy of the npm
    /// package `@highlightjs/cdn-assets` in the app's static folder. A trailing `/` is ignored.
    pub fn base(mut self, url: impl Into<Str>) -> Self {
        self.base = trim_slash(url.into());
        self
    }
    /// The URL of the folder holding the copy-button plugin's `highlightjs-copy.min.js` and
    /// `highlightjs-copy.min.css` (default: FastHTML's CDN), e.g. the `dist/` files of the npm
    /// package `highlightjs-copy` in the app's static folder.
    pub fn copy_base(mut self, url: impl Into<Str>) -> Self {
        self.copy_base = trim_slash(url.into());
        self
    }
    /// The header elements, as FastHTML's list.
    pub fn items(&self) -> Vec<Ft> {
        let (base, copy) = (&self.base, &self.copy_base);
        let mut v = vec![
            css_link(
                format!("{base}/styles/{}.css", self.dark),
                Some("(prefers-color-scheme: dark)"),
            ),
            css_link(
                format!("{base}/styles/{}.css", self.light),
                Some("(prefers-color-scheme: light)"),
            ),
            script_src(format!("{base}/highlight.min.js")),
            script_src(format!("{copy}/highlightjs-copy.min.js")),
            css_link(format!("{copy}/highlightjs-copy.min.css"), None),
        ];
        v.extend(
            self.langs
                .iter()
                .map(|l| script_src(format!("{base}/languages/{l}.min.js"))),
        );
        v.push(script_module(format!(
            "\nhljs.addPlugin(new CopyButtonPlugin());\nhljs.configure({{'cssSelector': '{}'}});\nhtmx.onLoad(hljs.highlightAll);",
            js_str(&self.sel)
        )));
        v
    }
    /// The header elements as one fragment.
    pub fn build(&self) -> Ft {
        Ft::Fragment(self.items())
    }
}

fn trim_slash(url: Str) -> Str {
    match url {
        Cow::Borrowed(u) => Cow::Borrowed(u.trim_end_matches('/')),
        Cow::Owned(u) => Cow::Owned(u.trim_end_matches('/').to_owned()),
    }
}

/// What [`SortableJS()`] returns: set the selector with [`.sel(..)`](SortableJs::sel).
#[derive(Debug, Clone, PartialEq)]
pub struct SortableJs {
    sel: Str,
    src: Option<Str>,
}

/// Drag-and-drop sorting with SortableJS (SPEC 1.124): a module script making every element
/// matching the selector (default `.sortable`) sortable. (FastHTML's `ghost_class` parameter
/// is not used by its code, so it is left out.)
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     SortableJS().into_ft().render(),
///     "<script type=\"module\">\nimport {Sortable} from 'https://cdn.jsdelivr.net/npm/sortablejs/+esm';\n\
///      proc_htmx('.sortable', Sortable.create);\n</script>"
/// );
/// // A copy the app serves itself instead of the CDN (works offline):
/// assert!(SortableJS().src("/static/vendor/sortable.esm.js").into_ft().render()
///     .contains("import {Sortable} from '/static/vendor/sortable.esm.js';"));
/// ```
#[allow(non_snake_case)]
pub fn SortableJS() -> SortableJs {
    SortableJs {
        sel: Cow::Borrowed(".sortable"),
        src: None,
    }
}

impl SortableJs {
    /// The CSS selector of the sortable elements.
    pub fn sel(mut self, sel: impl Into<Str>) -> Self {
        self.sel = sel.into();
        self
    }
    /// The URL of an ES module exporting `Sortable` (default: FastHTML's CDN URL), e.g.
    /// `sortablejs`'s `modular/sortable.esm.js` in the app's static folder, to work offline.
    pub fn src(mut self, url: impl Into<Str>) -> Self {
        self.src = Some(url.into());
        self
    }
    /// The `<script>`.
    pub fn build(&self) -> Ft {
        let src = self
            .src
            .as_deref()
            .unwrap_or("https://cdn.jsdelivr.net/npm/sortablejs/+esm");
        script_module(format!(
            "\nimport {{Sortable}} from '{}';\nproc_htmx('{}', Sortable.create);\n",
            js_str(src),
            js_str(&self.sel)
        ))
    }
}

/// What [`MermaidJS()`] returns: set [`.sel`](MermaidJs::sel) and [`.theme`](MermaidJs::theme).
#[derive(Debug, Clone, PartialEq)]
pub struct MermaidJs {
    sel: Str,
    theme: Str,
}

/// Browser-side Mermaid diagrams (SPEC 1.124): a module script loading mermaid@11 and
/// rendering every element matching the selector (default `.language-mermaid`) with the
/// theme (default `base`).
///
/// ```
/// use ft_html::prelude::*;
/// let s = MermaidJS().theme("dark").into_ft().render();
/// assert!(s.contains("mermaid@11") && s.contains("theme: 'dark'"));
/// assert!(s.contains("proc_htmx('.language-mermaid', renderMermaidDiagrams);"));
/// ```
#[allow(non_snake_case)]
pub fn MermaidJS() -> MermaidJs {
    MermaidJs {
        sel: Cow::Borrowed(".language-mermaid"),
        theme: Cow::Borrowed("base"),
    }
}

const MERMAID_SRC: &str = r#"
import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs';

mermaid.initialize({
    startOnLoad: false,
    theme: '{theme}',
    securityLevel: 'loose',
    flowchart: { useMaxWidth: false, useMaxHeight: false }
});

function renderMermaidDiagrams(element, index) {
    try {
        const graphDefinition = element.textContent;
        const graphId = `mermaid-diagram-${index}`;
        mermaid.render(graphId, graphDefinition)
            .then(({svg, bindFunctions}) => {
                element.innerHTML = svg;
                bindFunctions?.(element);
            })
            .catch(error => {
                console.error(`Error rendering Mermaid diagram ${index}:`, error);
                element.innerHTML = `<p>Error rendering diagram: ${error.message}</p>`;
            });
    } catch (error) {
        console.error(`Error processing Mermaid diagram ${index}:`, error);
    }
}

// Assuming proc_htmx is a function that triggers rendering
proc_htmx('{sel}', renderMermaidDiagrams);
"#;

impl MermaidJs {
    /// The CSS selector of the diagram elements.
    pub fn sel(mut self, sel: impl Into<Str>) -> Self {
        self.sel = sel.into();
        self
    }
    /// The Mermaid theme.
    pub fn theme(mut self, theme: impl Into<Str>) -> Self {
        self.theme = theme.into();
        self
    }
    /// The `<script>`.
    pub fn build(&self) -> Ft {
        script_module(fill(
            MERMAID_SRC,
            &[
                ("{theme}", &js_str(&self.theme)),
                ("{sel}", &js_str(&self.sel)),
            ],
        ))
    }
}

/// What [`KatexMarkdownJS()`] returns: set [`.sel`](KatexMarkdownJs::sel),
/// [`.inline_delim`](KatexMarkdownJs::inline_delim),
/// [`.display_delim`](KatexMarkdownJs::display_delim),
/// [`.math_envs`](KatexMarkdownJs::math_envs).
#[derive(Debug, Clone, PartialEq)]
pub struct KatexMarkdownJs {
    sel: Str,
    inline_delim: Str,
    display_delim: Str,
    math_envs: Vec<Str>,
    src: Option<Str>,
    katex_src: Option<Str>,
    css: Option<Str>,
    /// `None`: trusted content, the HTML goes in as it is.
    purify: Option<Str>,
}

/// Markdown with KaTeX math (SPEC 1.125): a module script rendering Markdown in the elements
/// matching the selector (default `.marked`) with `$..$` inline and `$$..$$` display math
/// (and LaTeX environments `equation`, `align`, `gather`, `multline` as display math), plus
/// the KaTeX stylesheet.
///
/// Sanitized by default, as [`MarkdownJS`]: the HTML that marked and KaTeX make passes through
/// DOMPurify ([`PURIFY_SRC`]) before it reaches `innerHTML`, so a stored `<img onerror>` or a
/// `\\href{javascript:..}{..}` (KaTeX runs with `trust: true`, as in FastHTML) cannot run;
/// KaTeX's markup (spans, inline styles, SVG paths) is kept.
/// [`.trusted()`](KatexMarkdownJs::trusted) gives FastHTML's unsanitized script.
///
/// Deliberate difference: FastHTML's script tests `[['equation',...]].includes(env)` — an
/// array nested in an array, so no environment ever matches; ft writes
/// `['equation',...].includes(env)`, so environments render as display math as documented.
///
/// ```
/// use ft_html::prelude::*;
/// let (script, css) = KatexMarkdownJS().parts();
/// assert_eq!(script.get_str("type").as_deref(), Some("module"));
/// assert_eq!(
///     css.render(),
///     r#"<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@0.16.11/dist/katex.min.css">"#
/// );
/// assert!(script.render().contains(r"content.replace(/\$\$([\s\S]+?)\$\$/gm"));
/// assert!(script.render().contains("e.innerHTML = clean(marked.parse(content));"));
/// // Offline: marked, KaTeX and its stylesheet from the app's static folder.
/// let (s, c) = KatexMarkdownJS()
///     .src("/static/marked.esm.js")
///     .katex_src("/static/katex.mjs")
///     .css_href("/static/katex.min.css")
///     .parts();
/// assert!(s.render().contains("import katex from '/static/katex.mjs';"));
/// assert_eq!(c.get_str("href").as_deref(), Some("/static/katex.min.css"));
/// ```
#[allow(non_snake_case)]
pub fn KatexMarkdownJS() -> KatexMarkdownJs {
    KatexMarkdownJs {
        sel: Cow::Borrowed(".marked"),
        inline_delim: Cow::Borrowed("$"),
        display_delim: Cow::Borrowed("$$"),
        math_envs: ["equation", "align", "gather", "multline"]
            .map(Cow::Borrowed)
            .to_vec(),
        src: None,
        katex_src: None,
        css: None,
        purify: Some(Cow::Borrowed(PURIFY_SRC)),
    }
}

/// FastHTML's `katex.js`, with its `{..}` placeholders (`{imports}` and `{parse}` are ft's: the
/// module's sources and the sanitizing call).
const KATEX_SRC: &str = r#"{imports}
const renderMath = (tex, displayMode) => { return katex.renderToString(tex, {
    throwOnError: false, displayMode: displayMode, output: 'html', trust: true
}) };

const processLatexEnvironments = (content) => {
    return content.replace(/\\begin{(\w+)}([\s\S]*?)\\end{\1}/g, (match, env, innerContent) => {
        if ({env_list}.includes(env)) { return `{display_delim}${match}{display_delim}`; }
        return match;
}) };

proc_htmx('{sel}', e => {
    let content = processLatexEnvironments(e.textContent);
    // Display math (including environments)
    content = content.replace(/{display_delim}([\s\S]+?){display_delim}/gm, (_, tex) => renderMath(tex.trim(), true));
    // Inline math
    content = content.replace(/(?<!\w){inline_delim}([^{inline_delim}\s](?:[^{inline_delim}]*[^{inline_delim}\s])?){inline_delim}(?!\w)/g, (_, tex) => renderMath(tex.trim(), false));
    e.innerHTML = {parse};
});

"#;

/// Fills `{name}` placeholders in one pass (values are never re-scanned).
fn fill(template: &str, subs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match subs.iter().find(|(k, _)| rest.starts_with(k)) {
            Some((k, v)) => {
                out.push_str(v);
                rest = &rest[k.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Python's `re.escape`, plus `/` and `` ` `` (the delimiters sit in a JavaScript regex
/// literal and a template literal).
fn re_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c/`".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl KatexMarkdownJs {
    /// The CSS selector of the Markdown elements.
    pub fn sel(mut self, sel: impl Into<Str>) -> Self {
        self.sel = sel.into();
        self
    }
    /// The inline-math delimiter (default `$`).
    pub fn inline_delim(mut self, d: impl Into<Str>) -> Self {
        self.inline_delim = d.into();
        self
    }
    /// The display-math delimiter (default `$$`).
    pub fn display_delim(mut self, d: impl Into<Str>) -> Self {
        self.display_delim = d.into();
        self
    }
    /// The LaTeX environments rendered as display math.
    pub fn math_envs<S: Into<Str>>(mut self, envs: impl IntoIterator<Item = S>) -> Self {
        self.math_envs = envs.into_iter().map(Into::into).collect();
        self
    }
    /// The URL of `marked`'s ES module (default: FastHTML's CDN URL).
    pub fn src(mut self, url: impl Into<Str>) -> Self {
        self.src = Some(url.into());
        self
    }
    /// The URL of KaTeX's ES module, `dist/katex.mjs` of the npm package `katex` (default:
    /// FastHTML's CDN URL).
    pub fn katex_src(mut self, url: impl Into<Str>) -> Self {
        self.katex_src = Some(url.into());
        self
    }
    /// The URL of KaTeX's stylesheet (default: FastHTML's, katex 0.16.11 on the CDN).
    pub fn css_href(mut self, url: impl Into<Str>) -> Self {
        self.css = Some(url.into());
        self
    }
    /// The URL of DOMPurify's `purify.min.js` (default [`PURIFY_SRC`]). Undoes
    /// [`trusted`](KatexMarkdownJs::trusted).
    pub fn purify_src(mut self, url: impl Into<Str>) -> Self {
        self.purify = Some(url.into());
        self
    }
    /// Inserts the HTML without sanitizing it (FastHTML's behaviour): only for text no user
    /// can write.
    pub fn trusted(mut self) -> Self {
        self.purify = None;
        self
    }
    fn imports(&self) -> String {
        let mut out = match &self.src {
            None => MARKED_IMP.to_owned(),
            Some(src) => format!("import {{ marked }} from '{}';\n", js_str(src)),
        };
        match &self.katex_src {
            None => out.push_str(
                "import katex from \"https://cdn.jsdelivr.net/npm/katex/dist/katex.mjs\";\n",
            ),
            Some(src) => out.push_str(&format!("import katex from '{}';\n", js_str(src))),
        }
        if let Some(purify) = &self.purify {
            out.push_str(&purify_imp(purify));
        }
        out
    }
    /// The module `<script>` and the KaTeX stylesheet `<link>`, as FastHTML's tuple.
    pub fn parts(&self) -> (Ft, Ft) {
        let envs: Vec<String> = self
            .math_envs
            .iter()
            .map(|e| format!("'{}'", js_str(e)))
            .collect();
        let env_list = format!("[{}]", envs.join(","));
        let display = re_escape(&self.display_delim);
        let inline = re_escape(&self.inline_delim);
        let sel = js_str(&self.sel);
        let imports = self.imports();
        let parse = match self.purify {
            Some(_) => "clean(marked.parse(content))",
            None => "marked.parse(content)",
        };
        let code = fill(
            KATEX_SRC,
            &[
                ("{imports}", &imports),
                ("{parse}", parse),
                ("{env_list}", &env_list),
                ("{display_delim}", &display),
                ("{inline_delim}", &inline),
                ("{sel}", &sel),
            ],
        );
        (
            script_module(code),
            css_link(
                match &self.css {
                    Some(href) => href.to_string(),
                    None => format!("{NPMCDN}katex@0.16.11/dist/katex.min.css"),
                },
                None,
            ),
        )
    }
    /// Both elements as one fragment.
    pub fn build(&self) -> Ft {
        let (s, c) = self.parts();
        Ft::Fragment(vec![s, c])
    }
}

into_ft_via_build!(
    MarkdownJs,
    HighlightJs,
    SortableJs,
    MermaidJs,
    KatexMarkdownJs
);
