//! Whitespace: which text html2ft keeps, collapses or drops next to blocks and inline elements.

use super::HtmlNode;
use ft_tags::classes;

/// Elements whose text is kept exactly (SPEC 1.64's whitespace-significant tags, raw text,
/// and the obsolete elements a browser keeps the text of).
pub(super) fn keeps_text(tag: &str) -> bool {
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

pub(super) fn is_html_ws(c: char) -> bool {
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
pub(super) fn tidy_text(
    kids: &[HtmlNode],
    i: usize,
    text: &str,
    parent: Option<&str>,
) -> Option<String> {
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
