//! `find_inputs`: the elements of a tree with given tags and attribute values.

use crate::Ft;
use crate::names::attr_name;

/// FastHTML's `find_inputs(e, tags='input', **attrs)` (SPEC 1.109): every element in `ft`
/// (itself included, depth first) whose tag is one of `tags` and that has each of `attrs`
/// with exactly that value, as copies (an element's nested tag macros may be compiled, so the
/// matches are built when found). Attribute names are written like macro keywords (`hx_get`,
/// `cls`, `r#type` may be written `type`); values compare as text (`("required", "true")`
/// matches `required = true`).
///
/// ```
/// use ft_html::prelude::*;
///
/// let f = TagForm!(Input!(name = "a"), Div!(Input!(name = "b", r#type = "text"), Select!(name = "s")));
/// let names = |v: Vec<Ft>| v.iter().map(|e| e.render()).collect::<Vec<_>>();
/// assert_eq!(names(find_inputs(&f, &["input"], &[])), [r#"<input name="a">"#, r#"<input name="b" type="text">"#]);
/// assert_eq!(names(find_inputs(&f, &["input"], &[("type", "text")])), [r#"<input name="b" type="text">"#]);
/// assert_eq!(names(find_inputs(&f, &["select", "input"], &[("name", "s")])), [r#"<select name="s"></select>"#]);
/// ```
pub fn find_inputs(ft: &Ft, tags: &[&str], attrs: &[(&str, &str)]) -> Vec<Ft> {
    let attrs: Vec<(String, &str)> = attrs.iter().map(|(k, v)| (attr_name(k), *v)).collect();
    let mut found = Vec::new();
    collect(ft, tags, &attrs, &mut found);
    found
}

fn collect(ft: &Ft, tags: &[&str], attrs: &[(String, &str)], found: &mut Vec<Ft>) {
    if let Ft::Element(el) = ft
        && tags.contains(&el.tag())
        && attrs
            .iter()
            .all(|(k, v)| el.attrs().iter().any(|a| a.name == *k && a.value.is(v)))
    {
        found.push(ft.clone());
    }
    for k in ft.child_nodes().iter() {
        collect(k, tags, attrs, found);
    }
}
