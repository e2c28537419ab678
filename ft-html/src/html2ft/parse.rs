//! The HTML parser: the tree (`HtmlNode`, `HtmlElement`) that `parse` builds the way a
//! browser would, from html5gum's tokens.

use ft_tags::classes;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, State, Tokenizer};

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
///
/// [`html2ft`]: super::html2ft
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
