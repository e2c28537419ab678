//! A compiled template's markup: the description of nested elements (`Node`s) turned into
//! render steps, each the markup written as it is followed by at most one run-time value.
//! The tag macros run [`compile`] at build time (their renderer writes the steps' markup as
//! string literals) and ft-html runs the same function for templates it reads back, so both
//! always agree on every byte. The escaping rules literal text and attribute values follow
//! are here too, and ft-html's renderer uses them for run-time values.

use crate::classes;
use std::fmt;

/// What a template knows of a tag: its HTML name and whether it is void. The macros describe
/// tags as `(name, void)`; ft-html by its tag descriptors.
pub trait Tag {
    /// The HTML name (`td`).
    fn name(&self) -> &str;
    /// No end tag?
    fn is_void(&self) -> bool;
}

impl Tag for (&str, bool) {
    fn name(&self) -> &str {
        self.0
    }
    fn is_void(&self) -> bool {
        self.1
    }
}

/// One node of a template's description, in document order.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a, T = (&'a str, bool)> {
    /// An element starts; its attributes follow, then its children, then `Close`.
    Open(T),
    /// An attribute written as a literal (HTML name, value).
    Attr(&'a str, &'a str),
    /// An attribute whose value is in a slot (HTML name, slot).
    AttrSlot(&'a str, u16),
    /// After the attributes when `id = ..` was given: FastHTML's auto-name (SPEC 1.55).
    AutoName,
    /// A string literal child (escaped).
    Text(&'a str),
    /// A run-time child in a slot.
    Child(u16),
    /// The element opened last ends.
    Close,
    /// A loop: the next `len` nodes describe one item, with slots counted from 0 in each
    /// item; the slot holds the items, `width` values each.
    Repeat { slot: u16, width: u16, len: u16 },
}

/// A render step: markup as it is, then at most one run-time value.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<'a> {
    pub lit: String,
    pub act: Act<'a>,
}

/// What a step writes after its markup.
#[derive(Debug, Clone, PartialEq)]
pub enum Act<'a> {
    None,
    /// A child slot.
    Child(u16),
    /// ` name="value"` from an attribute slot (nothing when the value is absent or `false`).
    Attr(u16, &'a str),
    /// Each item of a loop: `width` values of the slot per item, written by `body`.
    Repeat {
        slot: u16,
        width: u16,
        body: Vec<Step<'a>>,
    },
}

/// Turns a description into render steps, merging adjacent markup. The last step holds the
/// markup after the last value (with `Act::None`), when there is any.
pub fn compile<'a, T: Tag>(nodes: &[Node<'a, T>]) -> Vec<Step<'a>> {
    let mut steps = Vec::new();
    let mut lit = String::new();
    let mut open: Vec<&T> = Vec::new();
    let mut push = |lit: &mut String, act: Act<'a>| {
        steps.push(Step {
            lit: std::mem::take(lit),
            act,
        })
    };
    let mut i = 0;
    while i < nodes.len() {
        match &nodes[i] {
            Node::Open(tag) => {
                let attrs = attrs_at(nodes, i + 1);
                lit.push('<');
                lit.push_str(tag.name());
                for (attr, value) in with_auto_name(tag.name(), attrs) {
                    match value {
                        Source::Lit(v) if valid_attr_name(attr) => {
                            lit.push(' ');
                            lit.push_str(attr);
                            lit.push('=');
                            attr_value(&mut lit, v);
                        }
                        // A name HTML cannot hold is never written (SPEC 1.28).
                        Source::Slot(s) if valid_attr_name(attr) => {
                            push(&mut lit, Act::Attr(s, attr))
                        }
                        Source::Lit(_) | Source::Slot(_) => {}
                    }
                }
                lit.push('>');
                open.push(tag);
                i += 1 + attrs.len();
                continue;
            }
            Node::Text(s) => escape_text(&mut lit, s),
            Node::Child(s) => push(&mut lit, Act::Child(*s)),
            Node::Close => {
                if let Some(tag) = open.pop()
                    && !tag.is_void()
                {
                    lit.push_str("</");
                    lit.push_str(tag.name());
                    lit.push('>');
                }
            }
            &Node::Repeat { slot, width, len } => {
                let body = repeat_body(nodes, i, len);
                let end = i + 1 + body.len();
                let body = compile(body);
                push(
                    &mut lit,
                    Act::Repeat {
                        slot,
                        width: width.max(1),
                        body,
                    },
                );
                i = end;
                continue;
            }
            // Attributes are read with their `Open`.
            Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName => {}
        }
        i += 1;
    }
    if !lit.is_empty() {
        push(&mut lit, Act::None);
    }
    steps
}

/// Where an attribute's value comes from.
#[derive(Clone, Copy)]
enum Source<'a> {
    Lit(&'a str),
    Slot(u16),
}

/// The nodes describing one item of the `Repeat` at `at` (its `len` nodes).
pub fn repeat_body<'n, 'a, T>(nodes: &'n [Node<'a, T>], at: usize, len: u16) -> &'n [Node<'a, T>] {
    let start = (at + 1).min(nodes.len());
    let end = (start + usize::from(len)).min(nodes.len());
    &nodes[start..end]
}

/// The attribute nodes right after an `Open` at `start - 1`.
pub fn attrs_at<'n, 'a, T>(nodes: &'n [Node<'a, T>], start: usize) -> &'n [Node<'a, T>] {
    let n = nodes[start..]
        .iter()
        .take_while(|n| matches!(n, Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName))
        .count();
    &nodes[start..start + n]
}

/// An element's attributes in order, plus FastHTML's auto-name (SPEC 1.55) when asked for:
/// on the tags that have it, an `id` without a `name` adds `name` with the id's value, last.
fn with_auto_name<'a, T>(tag: &str, attrs: &[Node<'a, T>]) -> Vec<(&'a str, Source<'a>)> {
    let mut list: Vec<(&'a str, Source<'a>)> = Vec::with_capacity(attrs.len() + 1);
    for n in attrs {
        let (name, source) = match n {
            Node::Attr(name, v) => (*name, Source::Lit(v)),
            Node::AttrSlot(name, s) => (*name, Source::Slot(*s)),
            _ => continue,
        };
        // A name given twice (`hx_target` and `target_id`): the later value, in the earlier
        // place, as setting an attribute again does.
        match list.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = source,
            None => list.push((name, source)),
        }
    }
    let auto = attrs.iter().any(|n| matches!(n, Node::AutoName));
    if auto
        && classes::contains(classes::AUTO_NAME, tag)
        && !list.iter().any(|(n, _)| *n == "name")
        && let Some(&(_, id)) = list.iter().find(|(n, _)| *n == "id")
    {
        list.push(("name", id));
    }
    list
}

/// A valid attribute name: no spaces, quotes, `>`, `/`, `=` or control characters. Others
/// are dropped when rendering (FastHTML writes them as given, SPEC 1.28).
pub fn valid_attr_name(name: &str) -> bool {
    !name.is_empty()
        && !name.bytes().any(|b| {
            b <= b' ' || b == 0x7f || matches!(b, b'"' | b'\'' | b'>' | b'/' | b'=' | b'<')
        })
        // A name ending in `_` (other than `_` itself) is never rendered (SPEC 1.128).
        && (name == "_" || !name.ends_with('_'))
}

/// Appends `s` with `&`, `<`, `>` escaped (SPEC 1.29): FastHTML's named entities.
///
/// Text under 64 bytes (most values: names, titles, ids) is scanned eight bytes at a time
/// (`special_at`), each entity written as a constant (a fixed-size copy, no library call);
/// longer text with memchr.
pub fn escape_text(out: &mut String, s: &str) {
    if s.len() >= 64 {
        out.reserve(s.len());
        let _ = write_text(out, s);
        return;
    }
    let b = s.as_bytes();
    let mut start = 0;
    while let Some(i) = special_at(b, start) {
        out.push_str(&s[start..i]);
        match b[i] {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            _ => out.push_str("&gt;"),
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// The first `&`, `<` or `>` in `b` from `from` on. Eight bytes are read as one `u64` and
/// tested at once (the classic "has a zero byte" test on the word xor each character: `<`
/// and `>` differ only in the bit `0x02`, so `x | 0x02..` tests both against `>`); the
/// lowest flagged byte is always a true match. The last bytes are tested one by one.
#[inline]
fn special_at(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let found =
            zero(x ^ (ONES * u64::from(b'&'))) | zero((x | (ONES * 2)) ^ (ONES * u64::from(b'>')));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&c| matches!(c, b'&' | b'<' | b'>'))
        .map(|k| i + k)
}

/// Writes `s` with `&`, `<`, `>` escaped to any `fmt::Write` (askama's escapers use it too).
pub fn write_text<W: fmt::Write + ?Sized>(out: &mut W, s: &str) -> fmt::Result {
    let b = s.as_bytes();
    // Most text has nothing to escape; short text is scanned byte by byte (cheaper than
    // setting up a vector search), longer text with memchr.
    let first = if b.len() < 32 {
        b.iter().position(|&c| matches!(c, b'&' | b'<' | b'>'))
    } else {
        memchr::memchr3(b'&', b'<', b'>', b)
    };
    let Some(first) = first else {
        return out.write_str(s);
    };
    out.write_str(&s[..first])?;
    out.write_str(entity(b[first]))?;
    let rest = first + 1;
    let mut start = rest;
    for i in memchr::memchr3_iter(b'&', b'<', b'>', &b[rest..]) {
        let i = rest + i;
        out.write_str(&s[start..i])?;
        out.write_str(entity(b[i]))?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// Writes an attribute value's characters for the quote around it: `&`, `<`, `>` escaped,
/// and `'` as `&#39;` inside `'`s (`single`).
pub fn write_attr_chars<W: fmt::Write + ?Sized>(out: &mut W, s: &str, single: bool) -> fmt::Result {
    if !single {
        return write_text(out, s);
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'\'' => "&#39;",
            b'&' | b'<' | b'>' => entity(b),
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        out.write_str(rep)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// Appends an attribute value quoted as FastHTML does (SPEC 1.23, 1.24): in `"`s unless it
/// holds a `"`, then in `'`s with any `'` inside written `&#39;`; `&`, `<`, `>` escaped.
pub fn attr_value(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let single = if b.len() < 64 {
        b.contains(&b'"')
    } else {
        memchr::memchr(b'"', b).is_some()
    };
    if single {
        out.push('\'');
        let _ = write_attr_chars(out, s, true);
        out.push('\'');
    } else {
        out.push('"');
        escape_text(out, s);
        out.push('"');
    }
}

/// The entity of `&`, `<` or `>`.
fn entity(b: u8) -> &'static str {
    match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        _ => "&gt;",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_merged_between_values() {
        let nodes = [
            Node::Open(("tr", false)),
            Node::AttrSlot("id", 0),
            Node::Open(("td", false)),
            Node::Child(1),
            Node::Close,
            Node::Open(("td", false)),
            Node::Open(("a", false)),
            Node::Attr("href", "#"),
            Node::AttrSlot("hx-get", 2),
            Node::Text("edit & go"),
            Node::Close,
            Node::Close,
            Node::Open(("input", true)),
            Node::Attr("bad name", "x"),
            Node::Close,
            Node::Close,
        ];
        let steps = compile(&nodes);
        let lits: Vec<&str> = steps.iter().map(|s| s.lit.as_str()).collect();
        assert_eq!(
            lits,
            [
                "<tr",
                "><td>",
                "</td><td><a href=\"#\"",
                ">edit &amp; go</a></td><input></tr>"
            ]
        );
        assert_eq!(steps[0].act, Act::Attr(0, "id"));
        assert_eq!(steps[1].act, Act::Child(1));
        assert_eq!(steps[2].act, Act::Attr(2, "hx-get"));
        assert_eq!(steps[3].act, Act::None);
    }

    #[test]
    fn auto_name_follows_the_id() {
        let nodes = [
            Node::Open(("input", true)),
            Node::AttrSlot("id", 0),
            Node::AutoName,
            Node::Close,
        ];
        let acts: Vec<Act> = compile(&nodes).into_iter().map(|s| s.act).collect();
        assert_eq!(acts, [Act::Attr(0, "id"), Act::Attr(0, "name"), Act::None]);
        let nodes = [
            Node::Open(("div", false)),
            Node::Attr("id", "x"),
            Node::AutoName,
            Node::Close,
        ];
        assert_eq!(compile(&nodes)[0].lit, "<div id=\"x\"></div>");
    }

    #[test]
    fn text_is_escaped_at_every_position_and_length() {
        let naive = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        for len in [0usize, 1, 2, 15, 31, 32, 33, 64, 100] {
            for at in [0, 1, len / 2, len.saturating_sub(1)] {
                for c in ['&', '<', '>', 'é'] {
                    let mut s: String = "x".repeat(len);
                    if at < len {
                        s.replace_range(at..at + 1, &c.to_string());
                        s.push('<');
                    }
                    let mut out = String::from("pre");
                    escape_text(&mut out, &s);
                    assert_eq!(out, format!("pre{}", naive(&s)), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn every_special_is_found_at_every_offset_of_short_text() {
        for len in 0usize..72 {
            for at in 0..len {
                for c in ["&", "<", ">", "=", "?", "|", "é", ">&"] {
                    let mut s: String = "ab=|?".chars().cycle().take(len).collect();
                    s.replace_range(at..at + 1, c);
                    let naive = s
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;");
                    let mut out = String::new();
                    escape_text(&mut out, &s);
                    assert_eq!(out, naive, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn values_are_quoted_as_fasthtml_does() {
        let mut out = String::new();
        attr_value(&mut out, "say \"hi\" & it's");
        assert_eq!(out, "'say \"hi\" &amp; it&#39;s'");
        out.clear();
        attr_value(&mut out, "it's <b>");
        assert_eq!(out, "\"it's &lt;b&gt;\"");
        out.clear();
        escape_text(&mut out, "a<b>&c\"'");
        assert_eq!(out, "a&lt;b&gt;&amp;c\"'");
        assert!(valid_attr_name("hx-on::after-request") && valid_attr_name("_"));
        assert!(!valid_attr_name("a b") && !valid_attr_name("x_") && !valid_attr_name(""));
    }
}
