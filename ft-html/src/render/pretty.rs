//! FastHTML's indented `to_xml` (SPEC 1.60-1.69, 1.127).

use super::{close_tag, open_tag, render_element, render_node, write_raw, write_text};
use crate::Ft;
use crate::element::{Element, Kids};
// The indented form's block tags (SPEC 1.62) and the tags it never re-indents (SPEC 1.64).
use ft_tags::classes::{BLOCK as BLOCK_TAGS, WS_SIGNIFICANT};

fn is_ft_child(node: &Ft) -> bool {
    matches!(node, Ft::Element(_) | Ft::Fragment(_))
}

pub(super) fn pretty_node(node: &Ft, out: &mut String, lvl: usize, indent: bool) {
    match node {
        Ft::Element(e) => pretty_element(e, out, lvl, indent),
        Ft::Fragment(items) => {
            for item in items {
                pretty_node(item, out, lvl, indent);
            }
        }
        leaf => render_node(leaf, out, false),
    }
}

fn pretty_element(e: &Element, out: &mut String, lvl: usize, indent: bool) {
    let editable = e.get("contenteditable").is_some_and(|v| v.is("true"));
    let indent = indent && !(WS_SIGNIFICANT.contains(&e.tag()) || editable);
    if !indent {
        return render_element(e, out);
    }
    let block = BLOCK_TAGS.contains(&e.tag());
    let (sp, nl) = if block { (lvl, "\n") } else { (0, "") };
    let pad = |out: &mut String| out.extend(std::iter::repeat_n(' ', sp));
    if let Kids::Tmpl(_) = &e.kids {
        let mut plain = e.clone();
        plain.children_mut();
        return pretty_element(&plain, out, lvl, indent);
    }
    let raw_text = e.tag_desc().is_raw_text();
    pad(out);
    open_tag(e, out);
    match &e.kids {
        Kids::None => {}
        Kids::Text(t) => write_text(t, out, raw_text),
        Kids::Raw(r) => write_raw(r.as_str(), out, raw_text),
        Kids::Many(v) if v.len() == 1 && !is_ft_child(&v[0]) => render_node(&v[0], out, raw_text),
        Kids::Many(v) => {
            out.push_str(nl);
            for child in v {
                match child {
                    Ft::Element(_) | Ft::Fragment(_) => pretty_node(child, out, lvl + 2, true),
                    leaf => render_node(leaf, out, raw_text),
                }
            }
            if !e.is_void() {
                pad(out);
            }
        }
        Kids::Tmpl(_) => {}
    }
    close_tag(e.tag_desc(), out);
    if !(e.is_void()
        && matches!(&e.kids, Kids::Many(v) if v.len() > 1 || v.iter().any(is_ft_child)))
    {
        out.push_str(nl);
    }
}
