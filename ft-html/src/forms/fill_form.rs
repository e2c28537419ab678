//! `fill_form`: a copy of a form with its inputs filled from a value.

use super::{FieldValue, FormFields};
use crate::Str;
use crate::attr::AttrValue;
use crate::element::Element;
use crate::{Ft, Text};
use std::borrow::Cow;

/// Fills the named inputs of a form from `obj` and returns the filled copy; `form` itself is
/// not changed (SPEC 1.102-1.107).
///
/// For every `<input>`, `<textarea>` and `<select>` with a `name` that `obj` has a non-null
/// value for, and without a `skip` attribute:
///
/// - text-like inputs (any type but checkbox and radio) get `value`;
/// - a `<textarea>` gets the value as its content (escaped when rendered);
/// - a checkbox is checked (`checked="1"`) or unchecked: by a `bool`; by a list, iff the
///   box's `value` (default `on`) is in it; by a scalar, iff it equals the box's `value`,
///   or, for a box without `value`, iff it is truthy ([`FieldValue::is_truthy`]);
/// - a radio button is checked iff its `value` equals the value (or is in a list);
/// - in a `<select>`, the `<option>`s (also inside `<optgroup>`s) whose value (the `value`
///   attribute, else their text) equals the value or is in the list get `selected="1"`,
///   and the others lose `selected`.
///
/// A list of several values does not fill text inputs or textareas (a list of one does).
///
/// Deliberate differences from FastHTML 0.14.14, which:
/// - changes the original form's inputs too (SPEC 1.106, a bug);
/// - checks a checkbox for any truthy value, even `"0"` for a box with `value="1"`;
/// - compares radio and option values with Python `==`, so the number `5` never matches
///   `value="5"` (here values compare as text);
/// - leaves a stale `selected` on options that no longer match, and ignores options inside
///   `<optgroup>` and options without a `value` attribute;
/// - writes a `bool` into a text input as a bare `value` (`true`) or nothing (`false`), and
///   a list as its Python repr (here: `value="true"`/`"false"`, and lists are left out).
///
/// `checked`/`selected` are written as `="1"` like FastHTML does: HTML treats any value of
/// a boolean attribute as present.
///
/// ```
/// use ft_html::prelude::*;
///
/// let f = TagForm!(
///     Input!(name = "email"),
///     Textarea!(name = "bio"),
///     Select!(Option!("A", value = "a", selected = true), Option!("B", value = "b"), name = "s"),
///     Input!(name = "keep", value = "as is"),
/// );
/// let data = serde_json::json!({"email": "a@b.c", "bio": "<hi>", "s": "b", "keep": null});
/// assert_eq!(
///     fill_form(&f, &data).render(),
///     r#"<form><input name="email" value="a@b.c"><textarea name="bio">&lt;hi&gt;</textarea><select name="s"><option value="a">A</option><option value="b" selected="1">B</option></select><input name="keep" value="as is"></form>"#
/// );
/// // the original is unchanged
/// assert_eq!(f.render(), r#"<form><input name="email"><textarea name="bio"></textarea><select name="s"><option value="a" selected>A</option><option value="b">B</option></select><input name="keep" value="as is"></form>"#);
/// ```
pub fn fill_form(form: &Ft, obj: &(impl FormFields + ?Sized)) -> Ft {
    let mut out = form.clone();
    out.walk_mut(&mut |node| {
        if let Ft::Element(el) = node {
            fill_element(el, obj);
        }
    });
    out
}

fn fill_element(el: &mut Element, obj: &(impl FormFields + ?Sized)) {
    let tag = el.tag();
    if !matches!(tag, "input" | "textarea" | "select") || el.get_str("skip").is_some() {
        return;
    }
    let Some(name) = el.get_str("name") else {
        return;
    };
    let Some(val) = obj.field(&name) else { return };
    if val == FieldValue::Null {
        return;
    }
    match el.tag() {
        "input" => {
            let ty = el.get_str("type").map(|t| t.to_ascii_lowercase());
            match ty.as_deref() {
                Some("checkbox") => {
                    let own = el.get_str("value").map(Cow::into_owned);
                    let on = match (&val, own) {
                        (FieldValue::Bool(b), _) => *b,
                        (FieldValue::List(items), own) => {
                            let own = own.unwrap_or_else(|| "on".to_owned());
                            items.iter().any(|i| *i == own)
                        }
                        (v, Some(own)) => v.contains(&own),
                        (v, None) => v.is_truthy(),
                    };
                    set_flag(el, "checked", on);
                }
                Some("radio") => {
                    let on = el.get_str("value").is_some_and(|own| val.contains(&own));
                    set_flag(el, "checked", on);
                }
                _ => {
                    let v = match &val {
                        FieldValue::Int(n) => Some(AttrValue::Int(*n)),
                        FieldValue::UInt(n) => Some(AttrValue::UInt(*n)),
                        FieldValue::Float(f) => Some(AttrValue::Float(*f)),
                        other => other
                            .to_text()
                            .map(|t| AttrValue::Text(Str::from(t.into_owned()))),
                    };
                    if let Some(v) = v {
                        el.put(Cow::Borrowed("value"), Some(v));
                    }
                }
            }
        }
        "textarea" => {
            if let Some(t) = val.to_text() {
                el.set_children(Ft::Text(Text::Str(Str::from(t.into_owned()))));
            }
        }
        _ => {
            if let Some(kids) = el_children_mut(el) {
                for k in kids {
                    select_options(k, &val);
                }
            }
        }
    }
}

/// The element children (only `Many` storage holds elements).
fn el_children_mut(el: &mut Element) -> Option<&mut Vec<Ft>> {
    if el.child_nodes().is_empty() {
        None
    } else {
        Some(el.children_mut())
    }
}

/// Marks `<option>`s (direct, in fragments, or in `<optgroup>`s) selected or not.
fn select_options(node: &mut Ft, val: &FieldValue<'_>) {
    match node {
        Ft::Element(el) if el.tag() == "option" => {
            let own = match el.get_str("value") {
                Some(v) => v.into_owned(),
                None => text_of(el),
            };
            set_flag(el, "selected", val.contains(&own));
        }
        Ft::Element(el) if el.tag() == "optgroup" => {
            if let Some(kids) = el_children_mut(el) {
                for k in kids {
                    select_options(k, val);
                }
            }
        }
        Ft::Fragment(items) => {
            for k in items {
                select_options(k, val);
            }
        }
        _ => {}
    }
}

/// The text content of an element (what an `<option>` without `value` submits; the browser
/// also strips and collapses whitespace).
fn text_of(el: &Element) -> String {
    fn push_text(nodes: &[Ft], out: &mut String) {
        for n in nodes {
            match n {
                Ft::Text(Text::Str(s)) => out.push_str(s),
                Ft::Text(Text::Char(c)) => out.push(*c),
                Ft::Text(t) => out.push_str(&Ft::Text(t.clone()).render()),
                Ft::Element(e) => push_text(&e.children(), out),
                Ft::Fragment(items) => push_text(items, out),
                Ft::Raw(_) | Ft::Ext(_) => {}
            }
        }
    }
    let mut out = String::new();
    push_text(&el.children(), &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets a boolean attribute the way FastHTML does (`="1"`), or removes it.
fn set_flag(el: &mut Element, name: &'static str, on: bool) {
    let v = on.then_some(AttrValue::Text(Str::from_static("1")));
    el.put(Cow::Borrowed(name), v);
}
