//! Rendering: the compact renderer used for responses (here, with attributes in `attrs.rs`
//! and compiled templates in `tmpl.rs`), and FastHTML's indented `to_xml` (SPEC 1G, 1O) for
//! debugging, docs and `sse_message` (`pretty.rs`).

mod attrs;
mod pretty;
#[cfg(test)]
mod tests;
mod tmpl;

use crate::element::{Element, Kids};
use crate::escape;
use crate::{Ft, Str, TagDesc, Text};

pub(crate) use attrs::{
    render_attr_slot, render_attr_value, write_attr_ref, write_text_attr, write_text_value,
};

impl Ft {
    /// Renders compact HTML into a new string (FastHTML's `to_xml(x, indent=False)`).
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(size_hint());
        self.render_into(&mut out);
        note_size(out.len());
        out
    }

    /// Appends compact HTML to `out`: one buffer for a whole page.
    pub fn render_into(&self, out: &mut String) {
        render_node(self, out, false);
    }

    /// FastHTML's indented `to_xml(x)` (SPEC 1.60-1.69, 1.127): block tags on their own lines,
    /// indented two spaces a level; whitespace-significant subtrees left alone.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(256);
        pretty::pretty_node(self, &mut out, 0, true);
        out
    }
}

thread_local! {
    /// The size of this thread's previous `render()`: a server renders the same pages again
    /// and again, so the next buffer starts that big instead of doubling up from 256 bytes.
    static LAST_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Smallest and largest starting capacity of a rendered page.
const MIN_HINT: usize = 256;
const MAX_HINT: usize = 1 << 20;

fn size_hint() -> usize {
    LAST_SIZE
        .try_with(|c| c.get())
        .unwrap_or(0)
        .clamp(MIN_HINT, MAX_HINT)
}

fn note_size(len: usize) {
    let _ = LAST_SIZE.try_with(|c| c.set(len));
}

/// Renders several values the way `to_xml(a, b, ...)` does: joined with newlines (SPEC 1.66).
pub fn to_xml_all(items: &[Ft]) -> String {
    items.iter().map(Ft::to_xml).collect::<Vec<_>>().join("\n")
}

fn render_node(node: &Ft, out: &mut String, raw_text: bool) {
    match node {
        Ft::Element(e) => render_element(e, out),
        Ft::Text(t) => write_text(t, out, raw_text),
        Ft::Raw(r) => write_raw(r.as_str(), out, raw_text),
        Ft::Fragment(items) => render_children(items, out, raw_text),
        Ft::Ext(_) => {}
    }
}

/// A child in a template slot or an element's list.
pub(crate) fn render_child(child: &Ft, out: &mut String, raw_text: bool) {
    render_node(child, out, raw_text);
}

/// A string child, escaped.
#[inline]
pub(crate) fn write_str(s: &Str, out: &mut String) {
    escape::text(out, s);
}

/// An unsigned integer child.
#[inline]
pub(crate) fn write_uint(n: u64, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// A signed integer child.
#[inline]
pub(crate) fn write_int(n: i64, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(n));
}

fn write_text(t: &Text, out: &mut String, raw_text: bool) {
    match t {
        Text::Str(s) if raw_text => escape::raw_text(out, s),
        Text::Str(s) => write_str(s, out),
        Text::UInt(n) => write_uint(*n, out),
        Text::Int(n) => write_int(*n, out),
        _ => t.write(out, true),
    }
}

fn write_raw(s: &str, out: &mut String, raw_text: bool) {
    if raw_text {
        escape::raw_text(out, s)
    } else {
        out.push_str(s)
    }
}

fn render_element(e: &Element, out: &mut String) {
    // A whole template writes the element's own tags and attributes with its children.
    if let Kids::Tmpl(t) = &e.kids
        && t.is_whole()
    {
        return tmpl::render_tmpl(t, out);
    }
    let d = e.tag_desc();
    open_tag(e, out);
    let content = out.len();
    render_content(e, d, out);
    // HTML drops a newline right after `<textarea>`: a value that starts with one gets a
    // second, so that the form submits the text as it was (tag macros leave `Textarea!`
    // uncompiled, so every textarea is written here).
    if out.as_bytes().get(content) == Some(&b'\n') && e.tag() == "textarea" {
        out.insert(content, '\n');
    }
    close_tag(d, out);
}

/// An element's children.
fn render_content(e: &Element, d: &TagDesc, out: &mut String) {
    let raw_text = d.is_raw_text();
    match &e.kids {
        Kids::None => {}
        Kids::Text(t) => write_text(t, out, raw_text),
        Kids::Raw(r) => write_raw(r.as_str(), out, raw_text),
        Kids::Many(v) => render_children(v, out, raw_text),
        Kids::Tmpl(t) => tmpl::render_tmpl(t, out),
    }
}

fn render_children(v: &[Ft], out: &mut String, raw_text: bool) {
    for child in v {
        render_node(child, out, raw_text);
    }
}

/// `<tag`, the attributes, `>`.
fn open_tag(e: &Element, out: &mut String) {
    let open = e.tag_desc().open();
    if e.attrs.is_empty() {
        out.push_str(open);
    } else {
        out.push_str(&open[..open.len() - 1]);
        for a in e.attrs.iter() {
            write_attr_ref(&a.name, a.value.as_ref(), out);
        }
        out.push('>');
    }
}

fn close_tag(d: &TagDesc, out: &mut String) {
    if !d.is_void() {
        out.push_str(d.close());
    }
}
