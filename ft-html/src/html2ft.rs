//! `html2ft`: HTML text in, Rust source using ft's tag macros out (SPEC 1.110, 1.111).
//!
//! FastHTML's `html2ft` turns a snippet of HTML into the Python FT expression that builds
//! it; this is the same for ft: paste a page or a component from a design into
//! [`html2ft`] (or the `html2ft` binary) and get `Div!(..)` source back.
//!
//! ```
//! use ft_html::html2ft::html2ft;
//! let src = html2ft(r#"<div class="a b" id="x"><label for="i">L</label><input disabled hx-get="/y" @click="z"><!-- c --></div>"#);
//! assert_eq!(src, r#"Div!(
//!     Label!("L", r#for = "i"),
//!     Input!(disabled = true, hx_get = "/y", "@click" = "z"),
//!     id = "x",
//!     cls = "a b",
//! )"#);
//! ```
//!
//! What the output looks like:
//!
//! - Tags are the tag macros (`Div!`, `Input!`, SVG's `LinearGradient!`); other tags are
//!   `tag!("sl-dropdown", ..)`. The helpers are used where their defaults add nothing the
//!   HTML lacks: `A!` for an `<a>` with an `href` (else `TagA!`), `Form!` for a form with
//!   `enctype="multipart/form-data"` (else `TagForm!`), `Script!`/`Style!` (their content is
//!   unescaped, as in HTML), `Html!` for `<!doctype html><html>` (`doctype = false` for a
//!   lone `<html>`).
//! - Attribute names are the inverse of ft's mapping (SPEC 1B): `class` -> `cls`,
//!   `for` -> `r#for`, `hx-get` -> `hx_get`, keywords as raw identifiers (`r#type`), any other
//!   name as a string key (`"@click" = ..`, `"x-on:click" = ..`). Bare and empty boolean-style
//!   attributes are `true`; `alt=""`, `value=""` and the like stay `""`.
//! - On tags where ft copies `id` into `name` (SPEC 1.55) and the HTML has no `name`,
//!   `name = false` is added, so the output renders exactly the HTML given.
//! - Comments are dropped. Whitespace-only text between blocks is dropped (as FastHTML does),
//!   between inline elements it becomes one space; runs of whitespace with a line break in
//!   text become one space, and text is trimmed next to block boundaries. Inside `pre`,
//!   `code`, `textarea`, `script` and `style` text is kept exactly.
//! - Several top-level nodes become `Fragment([..])`.
//!
//! Any input is accepted (the HTML tokenizer never fails); the output is always valid Rust.

use crate::names::attr_name;
use ft_tags::classes;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, State, Tokenizer};
use std::fmt::Write as _;

/// The attribute `A!` and `Form!` set by default: written back as those helpers without it.
const A_HREF: (&str, &str) = classes::A_PRESET[0];
const FORM_ENCTYPE: (&str, &str) = classes::FORM_PRESET[0];

/// How [`html2ft_with`] writes its output.
///
/// ```
/// use ft_html::html2ft::{html2ft_with, Options};
/// let opts = Options::default().attrs_first(true);
/// assert_eq!(
///     html2ft_with(r#"<div id="x"><p class="c">hi</p></div>"#, &opts),
///     "Div!(id = \"x\", P!(cls = \"c\", \"hi\"))"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Attributes before children in each macro call (FastHTML's `attr1st`, SPEC 1.111).
    /// Default: children first, like FastHTML's default.
    pub attrs_first: bool,
    /// Spaces per indentation level. Default 4.
    pub indent: usize,
    /// A call is kept on one line when it fits in this many columns (and nests at most one
    /// element deep). Default 100.
    pub width: usize,
    /// The indentation level the expression is written at (its first line is not indented),
    /// for source embedded in a function body. Default 0.
    pub level: usize,
}

impl Options {
    /// Attributes before children (FastHTML's `attr1st=True`).
    pub fn attrs_first(mut self, yes: bool) -> Self {
        self.attrs_first = yes;
        self
    }
    /// Spaces per indentation level.
    pub fn indent(mut self, spaces: usize) -> Self {
        self.indent = spaces;
        self
    }
    /// The column limit for one-line calls.
    pub fn width(mut self, columns: usize) -> Self {
        self.width = columns;
        self
    }
    /// The indentation level the expression starts at.
    pub fn level(mut self, level: usize) -> Self {
        self.level = level;
        self
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            attrs_first: false,
            indent: 4,
            width: 100,
            level: 0,
        }
    }
}

/// Converts HTML to the Rust source of an ft expression (FastHTML's `html2ft`, SPEC 1.110).
///
/// ```
/// use ft_html::html2ft::html2ft;
/// assert_eq!(
///     html2ft(r#"<p class="lead">Fish &amp; chips <b>now</b></p>"#),
///     r#"P!("Fish & chips ", B!("now"), cls = "lead")"#
/// );
/// assert_eq!(html2ft("<sl-button variant=primary>Go</sl-button>"), r#"tag!("sl-button", "Go", variant = "primary")"#);
/// assert_eq!(html2ft(""), "Ft::empty()");
/// ```
pub fn html2ft(html: &str) -> String {
    html2ft_with(html, &Options::default())
}

/// [`html2ft`] with [`Options`], e.g. attributes first (FastHTML's `attr1st=True`, SPEC 1.111).
///
/// ```
/// use ft_html::html2ft::{html2ft_with, Options};
/// let opts = Options::default().attrs_first(true);
/// let src = html2ft_with("<ul id=l><li>a<li>b</ul>", &opts);
/// assert_eq!(src, r#"Ul!(id = "l", Li!("a"), Li!("b"))"#);
/// ```
pub fn html2ft_with(html: &str, opts: &Options) -> String {
    let nodes = parse(html);
    let w = Writer { opts };
    let items = w.child_docs(&nodes, None, false);
    let doc = match items.len() {
        0 => Doc::Atom("Ft::empty()".into()),
        1 => items
            .into_iter()
            .next()
            .unwrap_or_else(|| Doc::Atom("Ft::empty()".into())),
        _ => {
            let depth = 1 + items.iter().map(Doc::depth).max().unwrap_or(0);
            Doc::Call {
                open: "Fragment([".into(),
                items,
                close: "])".into(),
                depth,
            }
        }
    };
    let mut out = String::new();
    w.write(&doc, opts.level, &mut out);
    out
}

// ---------------------------------------------------------------------------------------
// The tree

/// A node of the tree [`parse`] builds from HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlNode {
    /// An element.
    Element(HtmlElement),
    /// Text, with entities decoded.
    Text(String),
    /// `<!doctype name>`.
    Doctype(String),
}

/// An element of the tree [`parse`] builds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlElement {
    /// The tag name, lower-case (as HTML tokenizes it).
    pub tag: String,
    /// The attributes in source order, names lower-case; the first of duplicates wins.
    pub attrs: Vec<(String, String)>,
    /// The children.
    pub children: Vec<HtmlNode>,
}

/// Elements never nest deeper than this; deeper start tags are placed at this depth (as
/// browsers do), so a hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag in HTML, as a browser parses them (`!doctype` is never a start
/// tag, so ft's void list serves).
fn is_void(tag: &str) -> bool {
    classes::contains(classes::VOID, tag) || classes::contains(classes::OBSOLETE_VOID, tag)
}

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// Elements that stop the search for an open element to close implicitly.
const SCOPE: &[&str] = &[
    "applet",
    "button",
    "caption",
    "html",
    "marquee",
    "object",
    "table",
    "td",
    "template",
    "th",
    "svg",
    "math",
    "foreignobject",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// A token, as the callback hands it over.
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    Text(String),
    Doctype(String),
}

#[derive(Default)]
struct TokState {
    name: String,
    attrs: Vec<(String, String)>,
    /// Is the attribute being read a duplicate (ignored)?
    dup: bool,
}

fn text_of(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Parses HTML into a tree the way [`html2ft`] reads it: HTML's tokenizer (html5gum), void
/// elements, the common implicit end tags (`<p>`, `<li>`, `<dt>`/`<dd>`, `<option>`, table
/// rows and cells), `/>` closing elements inside `<svg>`/`<math>`, stray end tags ignored,
/// comments dropped, adjacent text merged. No `<html>`/`<head>`/`<body>`/`<tbody>` is
/// invented. Never fails and never panics.
///
/// ```
/// use ft_html::html2ft::{parse, HtmlNode};
/// let nodes = parse("<ul><li>a<li>b</ul>");
/// let HtmlNode::Element(ul) = &nodes[0] else { panic!() };
/// assert_eq!(ul.children.len(), 2);
/// ```
pub fn parse(html: &str) -> Vec<HtmlNode> {
    let mut st = TokState::default();
    let callback = move |event: CallbackEvent<'_>, _span: Span<()>| -> Option<Tok> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                st.name = text_of(name);
                st.attrs.clear();
                st.dup = false;
                None
            }
            CallbackEvent::AttributeName { name } => {
                let name = text_of(name);
                st.dup = st.attrs.iter().any(|(n, _)| *n == name);
                if !st.dup {
                    st.attrs.push((name, String::new()));
                }
                None
            }
            CallbackEvent::AttributeValue { value } => {
                if !st.dup
                    && let Some((_, v)) = st.attrs.last_mut()
                {
                    v.push_str(&String::from_utf8_lossy(value));
                }
                None
            }
            CallbackEvent::CloseStartTag { self_closing } => Some(Tok::Start {
                name: std::mem::take(&mut st.name),
                attrs: std::mem::take(&mut st.attrs),
                self_closing,
            }),
            CallbackEvent::EndTag { name } => {
                st.attrs.clear();
                Some(Tok::End(text_of(name)))
            }
            CallbackEvent::String { value } => Some(Tok::Text(text_of(value))),
            CallbackEvent::Doctype { name, .. } => Some(Tok::Doctype(text_of(name))),
            CallbackEvent::Comment { .. } | CallbackEvent::Error(_) => None,
        }
    };
    let mut tokenizer = Tokenizer::new_with_emitter(html, CallbackEmitter::new(callback));
    let mut tree = TreeBuilder::default();
    while let Some(Ok(tok)) = tokenizer.next() {
        match tok {
            Tok::Start {
                name,
                attrs,
                self_closing,
            } => {
                let foreign = tree.in_foreign();
                if let Some(state) = tree.start(name, attrs, self_closing) {
                    // `<script>` in SVG is still script; `/>` in SVG really closes.
                    if !(foreign && self_closing) {
                        tokenizer.set_state(state);
                    }
                }
            }
            Tok::End(name) => tree.end(&name),
            Tok::Text(t) => tree.text(t),
            Tok::Doctype(name) => tree.push(HtmlNode::Doctype(name)),
        }
    }
    tree.finish()
}

#[derive(Default)]
struct TreeBuilder {
    root: Vec<HtmlNode>,
    stack: Vec<HtmlElement>,
}

impl TreeBuilder {
    fn in_foreign(&self) -> bool {
        self.stack.iter().any(|e| e.tag == "svg" || e.tag == "math")
    }

    fn top_children(&mut self) -> &mut Vec<HtmlNode> {
        match self.stack.last_mut() {
            Some(e) => &mut e.children,
            None => &mut self.root,
        }
    }

    fn push(&mut self, node: HtmlNode) {
        self.top_children().push(node);
    }

    fn text(&mut self, t: String) {
        let kids = self.top_children();
        if let Some(HtmlNode::Text(prev)) = kids.last_mut() {
            prev.push_str(&t);
        } else if !t.is_empty() {
            kids.push(HtmlNode::Text(t));
        }
    }

    fn pop(&mut self) {
        if let Some(el) = self.stack.pop() {
            self.push(HtmlNode::Element(el));
        }
    }

    /// Closes elements down to and including the one at stack index `i`.
    fn close_to(&mut self, i: usize) {
        while self.stack.len() > i {
            self.pop();
        }
    }

    /// The nearest open element named in `targets`, searching down from the top and stopping
    /// at `stop` (and at the scope boundaries).
    fn find(&self, targets: &[&str], stop: &[&str]) -> Option<usize> {
        for (i, e) in self.stack.iter().enumerate().rev() {
            if targets.contains(&e.tag.as_str()) {
                return Some(i);
            }
            if stop.contains(&e.tag.as_str()) || SCOPE.contains(&e.tag.as_str()) {
                return None;
            }
        }
        None
    }

    /// Closes what `<tag>` implicitly ends.
    fn implicit_close(&mut self, tag: &str) {
        if CLOSES_P.contains(&tag)
            && let Some(i) = self.find(&["p"], &[])
        {
            self.close_to(i);
        }
        let found = match tag {
            "li" => self.find(&["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => self.find(&["dt", "dd"], &["dl"]),
            "option" => self.find(&["option"], &["select", "datalist", "optgroup"]),
            "optgroup" => self.find(&["option", "optgroup"], &["select", "datalist"]),
            "tr" => self.find(&["tr"], &["thead", "tbody", "tfoot"]),
            "td" | "th" => self.find(&["td", "th"], &["tr"]),
            "thead" | "tbody" | "tfoot" => {
                // `find` stops at `table`, which is in SCOPE; cells are too, so look past them.
                self.stack
                    .iter()
                    .rposition(|e| matches!(e.tag.as_str(), "thead" | "tbody" | "tfoot" | "table"))
                    .filter(|&i| self.stack[i].tag != "table")
            }
            "rt" | "rp" => self.find(&["rt", "rp"], &["ruby"]),
            "a" => self.find(&["a"], &[]),
            "button" => self.find(&["button"], &[]).or_else(|| {
                self.stack
                    .last()
                    .is_some_and(|e| e.tag == "button")
                    .then(|| self.stack.len() - 1)
            }),
            t if HEADINGS.contains(&t) => self
                .stack
                .last()
                .is_some_and(|e| HEADINGS.contains(&e.tag.as_str()))
                .then(|| self.stack.len() - 1),
            _ => None,
        };
        if let Some(i) = found {
            self.close_to(i);
        }
    }

    /// A start tag; returns the tokenizer state its content needs, if special.
    fn start(
        &mut self,
        tag: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    ) -> Option<State> {
        let foreign = self.in_foreign();
        if !foreign {
            self.implicit_close(&tag);
        }
        let state = match tag.as_str() {
            "script" => Some(State::ScriptData),
            "style" => Some(State::RawText),
            "textarea" | "title" if !foreign => Some(State::RcData),
            "plaintext" => Some(State::PlainText),
            _ => None,
        };
        let closes_now = is_void(&tag) || (foreign && self_closing);
        let el = HtmlElement {
            tag,
            attrs,
            children: Vec::new(),
        };
        if closes_now || self.stack.len() >= MAX_DEPTH {
            self.push(HtmlNode::Element(el));
        } else {
            self.stack.push(el);
        }
        state
    }

    fn end(&mut self, tag: &str) {
        if let Some(i) = self.stack.iter().rposition(|e| e.tag == tag) {
            self.close_to(i);
        }
    }

    fn finish(mut self) -> Vec<HtmlNode> {
        self.close_to(0);
        self.root
    }
}

// ---------------------------------------------------------------------------------------
// Names

/// The tag macro html2ft writes for an HTML tag name (any case), if there is one:
/// `"lineargradient"` -> `"LinearGradient"`, `"a"` -> `"TagA"`.
#[doc(hidden)]
pub fn tag_macro(tag: &str) -> Option<&'static str> {
    use crate::tag_list::{HTML, SVG, VOID};
    [HTML, VOID, SVG]
        .iter()
        .flat_map(|list| list.iter())
        .find(|(_, t)| t.eq_ignore_ascii_case(tag))
        .map(|(m, _)| *m)
}

/// Tags on which ft copies `id` into `name` (SPEC 1.55).
fn auto_named(tag: &str) -> bool {
    crate::NAMED_TAGS.contains(&tag)
}

/// Rust's keywords (2024 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// How an attribute is written in a macro call.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    /// `hx_get = ..`, `r#type = ..`
    Ident(String),
    /// `"@click" = ..`
    Str(String),
    /// No macro key maps to this name (`foo_bar`, `cls`): set after building.
    Verbatim,
    /// ft never renders this name (spaces, quotes, `=`, trailing `_`, ...): dropped.
    Dropped,
}

fn is_ascii_ident(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && s != "_"
}

/// Does ft render an attribute with this name? (Mirrors the renderer's check.)
fn renderable(name: &str) -> bool {
    !name.is_empty()
        && !name
            .bytes()
            .any(|b| b <= b' ' || matches!(b, b'"' | b'\'' | b'>' | b'/' | b'=' | b'<' | 0x7f))
        && (name == "_" || !name.ends_with('_'))
}

fn attr_key(name: &str) -> Key {
    if !renderable(name) {
        return Key::Dropped;
    }
    match name {
        "class" => return Key::Ident("cls".into()),
        "for" => return Key::Ident("r#for".into()),
        _ => {}
    }
    let ident = name.replace('-', "_");
    if is_ascii_ident(&ident) && attr_name(&ident) == name {
        return match ident.as_str() {
            "crate" | "self" | "super" | "Self" => Key::Str(name.into()),
            k if KEYWORDS.contains(&k) => Key::Ident(format!("r#{k}")),
            _ => Key::Ident(ident),
        };
    }
    if attr_name(name) == name && !name.starts_with("r#") {
        Key::Str(name.into())
    } else {
        Key::Verbatim
    }
}

/// Attributes whose empty value means "empty string", not "present": written `""`.
const EMPTY_IS_STRING: &[&str] = &[
    "alt",
    "value",
    "placeholder",
    "content",
    "title",
    "label",
    "action",
    "href",
    "src",
    "srcdoc",
    "name",
    "id",
    "class",
    "style",
    "for",
    "hx-target",
    "hx-vals",
    "data",
    "lang",
];

// ---------------------------------------------------------------------------------------
// Rust literals

/// Characters written as `\u{..}` escapes: invisible or confusable in source, and the
/// bidirectional controls rustc rejects in literals.
fn needs_unicode_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{a0}' | '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}'
            | '\u{17b5}' | '\u{180e}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{206f}' | '\u{3000}' | '\u{3164}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A Rust string literal for `s`: a raw string when `s` has quotes, backslashes or line
/// breaks (and nothing that needs an escape), a plain escaped one otherwise.
pub fn rust_str(s: &str) -> String {
    let plain_ok = !s
        .chars()
        .any(|c| c != '\n' && c != '\t' && needs_unicode_escape(c));
    if plain_ok && s.contains(['"', '\\', '\n']) {
        let mut hashes = 1;
        // The literal ends at `"` followed by as many `#`: use one more than any run in `s`.
        for (i, _) in s.match_indices('"') {
            let run = s[i + 1..].bytes().take_while(|&b| b == b'#').count();
            hashes = hashes.max(run + 1);
        }
        let h = "#".repeat(hashes);
        return format!("r{h}\"{s}\"{h}");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_unicode_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------
// Whitespace

/// Elements whose text is kept exactly (SPEC 1.64's whitespace-significant tags, raw text,
/// and the obsolete elements a browser keeps the text of).
fn keeps_text(tag: &str) -> bool {
    [
        classes::WS_SIGNIFICANT,
        classes::RAW_TEXT,
        classes::OBSOLETE_PREFORMATTED,
    ]
    .iter()
    .any(|class| classes::contains(class, tag))
}

/// Elements laid out as blocks (or not rendered): whitespace next to them is not significant.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "br",
    "caption",
    "col",
    "colgroup",
    "datalist",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "legend",
    "svg",
    "math",
    "g",
    "defs",
    "lineargradient",
    "radialgradient",
    "stop",
    "filter",
    "clippath",
    "mask",
    "pattern",
    "symbol",
    "marker",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "use",
    "image",
];

/// Parents in which text is never rendered (whitespace-only text there goes).
const NO_TEXT: &[&str] = &[
    "html", "head", "table", "thead", "tbody", "tfoot", "tr", "colgroup", "ul", "ol", "dl",
    "select", "datalist", "optgroup", "svg", "g", "defs", "picture", "audio", "video", "math",
];

fn is_block(n: &HtmlNode) -> bool {
    match n {
        HtmlNode::Element(e) => BLOCKS.contains(&e.tag.as_str()),
        HtmlNode::Doctype(_) => true,
        HtmlNode::Text(_) => false,
    }
}

fn is_html_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Replaces each run of whitespace that contains a line break by one space.
fn collapse_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if is_html_ws(c) {
            run.push(c);
            continue;
        }
        flush_run(&mut out, &mut run);
        out.push(c);
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut String) {
    if run.contains(['\n', '\r']) {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// The text child at `i` of `kids` as html2ft writes it, or `None` to drop it.
fn tidy_text(kids: &[HtmlNode], i: usize, text: &str, parent: Option<&str>) -> Option<String> {
    let prev_block = i == 0 || kids.get(i - 1).is_none_or(is_block);
    let next_block = kids.get(i + 1).is_none_or(is_block);
    let block_parent = parent.is_none_or(|p| BLOCKS.contains(&p) || NO_TEXT.contains(&p));
    let first = i == 0;
    let last = i + 1 == kids.len();
    if text.chars().all(is_html_ws) {
        let keep = !first
            && !last
            && !prev_block
            && !next_block
            && parent.is_some_and(|p| !NO_TEXT.contains(&p));
        return keep.then(|| " ".to_string());
    }
    let mut t = collapse_breaks(text);
    if (first && block_parent) || (!first && prev_block) {
        t = t.trim_start_matches(is_html_ws).to_string();
    }
    if (last && block_parent) || (!last && next_block) {
        t = t.trim_end_matches(is_html_ws).to_string();
    }
    Some(t)
}

// ---------------------------------------------------------------------------------------
// Output

/// Source being laid out: a leaf, or a call whose items go on one line or one per line.
enum Doc {
    Atom(String),
    Call {
        open: String,
        items: Vec<Doc>,
        close: String,
        depth: usize,
    },
    /// An element with attributes no macro key spells: built, then `put` verbatim.
    Put {
        el: Box<Doc>,
        attrs: Vec<String>,
    },
}

impl Doc {
    /// How deeply calls nest in this doc.
    fn depth(&self) -> usize {
        match self {
            Doc::Atom(_) => 0,
            Doc::Call { depth, .. } => *depth,
            Doc::Put { .. } => 3,
        }
    }

    /// The one-line form, if it fits in `budget` columns.
    fn flat(&self, budget: usize) -> Option<String> {
        let mut s = String::new();
        self.flat_into(&mut s, budget).then_some(s)
    }

    fn flat_into(&self, s: &mut String, budget: usize) -> bool {
        match self {
            Doc::Atom(a) => {
                let first = a.split('\n').next().unwrap_or(a);
                if line_len(s) + first.chars().count() > budget {
                    return false;
                }
                s.push_str(a);
                line_len(s) <= budget
            }
            Doc::Call {
                open, items, close, ..
            } => {
                s.push_str(open);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    let start = s.len();
                    if !item.flat_into(s, budget) {
                        return false;
                    }
                    // A multi-line string stays on the call's line only as its last item.
                    if i + 1 < items.len() && s[start..].contains('\n') {
                        return false;
                    }
                }
                s.push_str(close);
                line_len(s) <= budget
            }
            Doc::Put { .. } => false,
        }
    }
}

/// Columns used on the last line of `s`.
fn line_len(s: &str) -> usize {
    s.rsplit('\n').next().unwrap_or(s).chars().count()
}

struct Writer<'a> {
    opts: &'a Options,
}

impl Writer<'_> {
    fn pad(&self, lvl: usize, out: &mut String) {
        out.extend(std::iter::repeat_n(' ', lvl * self.opts.indent));
    }

    fn write(&self, doc: &Doc, lvl: usize, out: &mut String) {
        let col = lvl * self.opts.indent;
        match doc {
            Doc::Atom(a) => out.push_str(a),
            Doc::Call {
                open,
                items,
                close,
                depth,
            } => {
                if *depth <= 2
                    && let Some(flat) = doc.flat(self.opts.width.saturating_sub(col + 1))
                {
                    out.push_str(&flat);
                    return;
                }
                if items.is_empty() {
                    out.push_str(open);
                    out.push_str(close);
                    return;
                }
                out.push_str(open);
                out.push('\n');
                for item in items {
                    self.pad(lvl + 1, out);
                    self.write(item, lvl + 1, out);
                    out.push_str(",\n");
                }
                self.pad(lvl, out);
                out.push_str(close);
            }
            Doc::Put { el, attrs } => {
                out.push_str("{\n");
                self.pad(lvl + 1, out);
                out.push_str("let mut el = ");
                self.write(el, lvl + 1, out);
                out.push_str(";\n");
                self.pad(lvl + 1, out);
                out.push_str("if let Some(e) = el.as_element_mut() {\n");
                for a in attrs {
                    self.pad(lvl + 2, out);
                    out.push_str(a);
                    out.push('\n');
                }
                self.pad(lvl + 1, out);
                out.push_str("}\n");
                self.pad(lvl + 1, out);
                out.push_str("el\n");
                self.pad(lvl, out);
                out.push('}');
            }
        }
    }

    /// The docs for `kids`; `top` wraps text as `Ft::text(..)` (items of `Fragment([..])`).
    fn child_docs(&self, kids: &[HtmlNode], parent: Option<&str>, exact: bool) -> Vec<Doc> {
        let top = parent.is_none();
        let mut docs = Vec::new();
        // `<!doctype html>` then `<html>` (whitespace between) is `Html!(..)`, which writes both.
        let mut html_after_doctype = None;
        for (i, kid) in kids.iter().enumerate() {
            match kid {
                HtmlNode::Element(e) => {
                    docs.push(self.element(e, exact, html_after_doctype == Some(i)))
                }
                HtmlNode::Doctype(name)
                    if name.eq_ignore_ascii_case("html")
                        && let Some(j) = kids[i + 1..]
                            .iter()
                            .position(
                                |n| !matches!(n, HtmlNode::Text(t) if t.chars().all(is_html_ws)),
                            )
                            .map(|j| i + 1 + j)
                        && matches!(&kids[j], HtmlNode::Element(e) if e.tag == "html") =>
                {
                    html_after_doctype = Some(j);
                }
                HtmlNode::Doctype(name) => {
                    let mut items = vec![Doc::Atom(rust_str("!doctype"))];
                    if !name.is_empty() {
                        match attr_key(name) {
                            Key::Ident(k) => items.push(Doc::Atom(format!("{k} = true"))),
                            Key::Str(k) => {
                                items.push(Doc::Atom(format!("{} = true", rust_str(&k))))
                            }
                            Key::Verbatim | Key::Dropped => {}
                        }
                    }
                    docs.push(Doc::Call {
                        open: "tag!(".into(),
                        items,
                        close: ")".into(),
                        depth: 1,
                    });
                }
                HtmlNode::Text(t) => {
                    let t = if exact {
                        Some(t.clone())
                    } else {
                        tidy_text(kids, i, t, parent)
                    };
                    if let Some(t) = t.filter(|t| !t.is_empty()) {
                        let lit = rust_str(&t);
                        docs.push(Doc::Atom(if top {
                            format!("Ft::text({lit})")
                        } else {
                            lit
                        }));
                    }
                }
            }
        }
        docs
    }

    /// The doc for an element; `doctype`: an `<html>` right after `<!doctype html>`.
    fn element(&self, e: &HtmlElement, exact: bool, doctype: bool) -> Doc {
        let tag = e.tag.as_str();
        let exact = exact || keeps_text(tag);
        let has = |n: &str, v: Option<&str>| {
            e.attrs
                .iter()
                .any(|(k, x)| k == n && v.is_none_or(|v| x == v))
        };
        // The helpers, where their defaults change nothing: `A!` (href="#" unless given),
        // `Form!` (enctype="multipart/form-data"), `Script!`/`Style!` (content unescaped,
        // as the plain tags render it too), `Html!` (doctype unless `doctype = false`).
        let mut skip = None;
        let helper = match tag {
            "a" if has(A_HREF.0, None) => {
                if has(A_HREF.0, Some(A_HREF.1)) {
                    skip = Some(A_HREF.0);
                }
                Some("A")
            }
            "form" if has(FORM_ENCTYPE.0, Some(FORM_ENCTYPE.1)) => {
                skip = Some(FORM_ENCTYPE.0);
                Some("Form")
            }
            "script" => Some("Script"),
            "style" => Some("Style"),
            "html" => Some("Html"),
            _ => None,
        };
        let (open, mut lead) = match helper.or_else(|| tag_macro(tag)) {
            Some(m) => (format!("{m}!("), Vec::new()),
            None => ("tag!(".to_string(), vec![Doc::Atom(rust_str(tag))]),
        };
        let mut attrs = Vec::new();
        let mut verbatim = Vec::new();
        let mut class = None;
        for (name, value) in &e.attrs {
            if skip == Some(name.as_str()) {
                continue;
            }
            let v = if value.is_empty() && !EMPTY_IS_STRING.contains(&name.as_str()) {
                "true".to_string()
            } else {
                rust_str(value)
            };
            let a = match attr_key(name) {
                Key::Ident(k) => format!("{k} = {v}"),
                Key::Str(k) => format!("{} = {v}", rust_str(&k)),
                Key::Verbatim => {
                    let v = if v == "true" {
                        "AttrValue::Bool(true)".to_string()
                    } else {
                        format!("AttrValue::Trusted({v}.into())")
                    };
                    verbatim.push(format!("e.put({}.into(), Some({v}));", rust_str(name)));
                    continue;
                }
                Key::Dropped => continue,
            };
            if name == "class" {
                class = Some(a);
            } else {
                attrs.push(Doc::Atom(a));
            }
        }
        if auto_named(tag)
            && e.attrs.iter().any(|(n, _)| n == "id")
            && !e.attrs.iter().any(|(n, _)| n == "name")
        {
            attrs.push(Doc::Atom("name = false".into()));
        }
        attrs.extend(class.map(Doc::Atom));
        if tag == "html" && !doctype {
            attrs.push(Doc::Atom("doctype = false".into()));
        }
        let kids = self.child_docs(&e.children, Some(tag), exact);
        let depth = 1 + kids.iter().map(Doc::depth).max().unwrap_or(0);
        let items = if self.opts.attrs_first {
            lead.extend(attrs);
            lead.extend(kids);
            lead
        } else {
            lead.extend(kids);
            lead.extend(attrs);
            lead
        };
        let call = Doc::Call {
            open,
            items,
            close: ")".into(),
            depth,
        };
        if verbatim.is_empty() {
            call
        } else {
            Doc::Put {
                el: Box::new(call),
                attrs: verbatim,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(attr_key("class"), Key::Ident("cls".into()));
        assert_eq!(attr_key("for"), Key::Ident("r#for".into()));
        assert_eq!(attr_key("hx-get"), Key::Ident("hx_get".into()));
        assert_eq!(
            attr_key("hx-on--after-request"),
            Key::Ident("hx_on__after_request".into())
        );
        assert_eq!(attr_key("type"), Key::Ident("r#type".into()));
        assert_eq!(attr_key("async"), Key::Ident("r#async".into()));
        assert_eq!(attr_key("self"), Key::Str("self".into()));
        assert_eq!(attr_key("@click"), Key::Str("@click".into()));
        assert_eq!(
            attr_key("hx-on::after-request"),
            Key::Str("hx-on::after-request".into())
        );
        assert_eq!(attr_key("x-on:click"), Key::Str("x-on:click".into()));
        assert_eq!(attr_key("_"), Key::Str("_".into()));
        assert_eq!(attr_key("foo_bar"), Key::Verbatim);
        assert_eq!(attr_key("cls"), Key::Verbatim);
        assert_eq!(attr_key("-x"), Key::Str("-x".into()));
        assert_eq!(attr_key("a\"b"), Key::Dropped);
        assert_eq!(attr_key("x_"), Key::Dropped);
    }

    #[test]
    fn literals() {
        assert_eq!(rust_str("a"), "\"a\"");
        assert_eq!(rust_str("say \"hi\""), "r#\"say \"hi\"\"#");
        assert_eq!(rust_str("a\"#b"), "r##\"a\"#b\"##");
        assert_eq!(rust_str("a\u{a0}b"), "\"a\\u{a0}b\"");
        assert_eq!(rust_str("x\r\ny"), "\"x\\r\\ny\"");
        assert_eq!(rust_str("\u{202e}"), "\"\\u{202e}\"");
    }
}
