//! The code writer: `html2ft` and its `Options`, laying the parsed tree out as Rust source
//! (one-line calls where they fit, one item per line otherwise).

use super::literals::rust_str;
use super::names::{EMPTY_IS_STRING, Key, attr_key, attr_key_on, auto_named, tag_macro};
use super::parse::{HtmlElement, HtmlNode, parse};
use super::whitespace::{is_html_ws, keeps_text, tidy_text};
use ft_tags::classes;

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
            let a = match attr_key_on(&e.tag, name) {
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
