//! `fill_form`: a copy of a form with its inputs filled from a value.

use super::{FieldValue, FormFields};
use crate::Str;
use crate::attr::AttrValue;
use crate::element::Element;
use crate::values::FieldErrors;
use crate::{Ft, Text};
use std::borrow::Cow;
use std::collections::HashMap;

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
/// A list of values is spread over the text inputs and textareas of its name, in order, as
/// the browser would send them again; a single box takes the last value (what a scalar
/// parameter reads). A password input is never filled: a form shown again does not carry the
/// password back into the page.
///
/// Deliberate differences from FastHTML 0.14.14, which:
/// - changes the original form's inputs too (SPEC 1.106, a bug);
/// - checks a checkbox for any truthy value, even `"0"` for a box with `value="1"`;
/// - compares radio and option values with Python `==`, so the number `5` never matches
///   `value="5"` (here values compare as text);
/// - leaves a stale `selected` on options that no longer match, and ignores options inside
///   `<optgroup>` and options without a `value` attribute;
/// - writes a `bool` into a text input as a bare `value` (`true`) or nothing (`false`), and
///   a list as its Python repr (here: `value="true"`/`"false"`, and a list spread over the
///   boxes of its name);
/// - fills password inputs.
///
/// `checked`/`selected` are written as `="1"` like FastHTML does: HTML treats any value of
/// a boolean attribute as present.
///
/// When `obj` is a failed submission ([`FieldErrors`], the `Err` of a [`Valid<T>`]
/// parameter), the form is also marked for its errors: every field with a message gets
/// `aria-invalid="true"` (Pico draws it red) and `aria-describedby` pointing at a
/// `<small id="{id or name}-error">` placed right after the field (after the last one of a
/// group of radio buttons or boxes sharing the name), holding the field's messages joined by
/// `; `. Fields without an error lose a stale `aria-invalid`.
///
/// ```
/// use ft_html::prelude::*;
/// let mut errors = FieldErrors::default();
/// errors.add("age", "must be at least 18");
/// errors.values = vec![("age".into(), "12".into()), ("name".into(), "Ada".into())];
/// let form = TagForm!(Input!(name = "name"), Input!(name = "age"));
/// assert_eq!(
///     fill_form(&form, &errors).render(),
///     concat!(
///         r#"<form><input name="name" value="Ada">"#,
///         r#"<input name="age" value="12" aria-invalid="true" aria-describedby="age-error">"#,
///         r#"<small id="age-error">must be at least 18</small></form>"#,
///     )
/// );
/// ```
///
/// [`FieldErrors`]: crate::values::FieldErrors
/// [`Valid<T>`]: super::Valid
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
    let mut boxes = TextBoxes::default();
    let mut fields = HashMap::new();
    count_names(&out, &mut fields, &mut boxes.count);
    out.walk_mut(&mut |node| {
        if let Ft::Element(el) = node {
            fill_element(el, obj, &mut boxes);
        }
    });
    if let Some(errors) = obj.errors() {
        mark_errors(&mut out, errors, &mut fields);
    }
    out
}

/// The name of a form field (`input`, `textarea`, `select` with a `name`).
fn field_name(el: &Element) -> Option<String> {
    matches!(el.tag(), "input" | "textarea" | "select")
        .then(|| el.get_str("name").map(Cow::into_owned))
        .flatten()
}

/// Marks the fields `errors` has messages for, and places each field's message after it.
fn mark_errors(node: &mut Ft, errors: &FieldErrors, left: &mut HashMap<String, usize>) {
    let kids = match node {
        Ft::Element(el) if !el.child_nodes().is_empty() => el.children_mut(),
        Ft::Fragment(items) => items,
        _ => return,
    };
    let mut i = 0;
    while i < kids.len() {
        let mut message = None;
        if let Ft::Element(el) = &mut kids[i]
            && let Some(name) = field_name(el)
        {
            message = mark_field(el, &name, errors, left);
        }
        if let Some(m) = message {
            kids.insert(i + 1, m);
            i += 1;
        } else {
            mark_errors(&mut kids[i], errors, left);
        }
        i += 1;
    }
}

/// Sets a field's `aria-*` attributes; returns its message element when this is the last
/// field of its name.
fn mark_field(
    el: &mut Element,
    name: &str,
    errors: &FieldErrors,
    left: &mut HashMap<String, usize>,
) -> Option<Ft> {
    if !errors.has(name) {
        el.put(Cow::Borrowed("aria-invalid"), None);
        return None;
    }
    let key = el
        .get_str("id")
        .map_or_else(|| name.to_owned(), Cow::into_owned);
    let id = format!("{key}-error");
    el.put(
        Cow::Borrowed("aria-invalid"),
        Some(AttrValue::Text(Str::from_static("true"))),
    );
    // Keep what the field was already described by (a hint below it).
    let described = match el.get_str("aria-describedby") {
        Some(d) if d.split_whitespace().any(|w| w == id) => d.into_owned(),
        Some(d) if !d.trim().is_empty() => format!("{} {id}", d.trim()),
        _ => id.clone(),
    };
    el.put(
        Cow::Borrowed("aria-describedby"),
        Some(AttrValue::Text(Str::from(described))),
    );
    let n = left.get_mut(name)?;
    *n = n.saturating_sub(1);
    if *n > 0 {
        return None;
    }
    let text: Vec<&str> = errors.messages(name).collect();
    let mut small = Element::new_static("small", false);
    small.put(Cow::Borrowed("id"), Some(AttrValue::Text(Str::from(id))));
    small.push(text.join("; "));
    Some(Ft::Element(small))
}

/// The text boxes (text-like inputs and textareas) of each name, and how many were filled:
/// a list of values is spread over them in order, as the browser sends them.
#[derive(Default)]
struct TextBoxes {
    count: HashMap<String, usize>,
    filled: HashMap<String, usize>,
}

impl TextBoxes {
    /// The value of a list for the next box of `name`: the k-th value for the k-th box, or
    /// the last value when there is one box (a scalar parameter reads the last).
    fn pick<'v>(&mut self, name: &str, items: &'v [Cow<'_, str>]) -> Option<&'v str> {
        let k = self.filled.entry(name.to_owned()).or_default();
        let i = *k;
        *k += 1;
        if self.count.get(name).copied().unwrap_or(1) <= 1 {
            items.last().map(|v| &**v)
        } else {
            items.get(i).map(|v| &**v)
        }
    }
}

/// Is this a text box (filled with a value, not checked)? Password inputs are left out.
fn text_box_type(ty: Option<&str>) -> bool {
    !matches!(ty, Some("checkbox" | "radio" | "password"))
}

/// How many fields carry each name (a group of radios shares one message, after its last),
/// and how many of them are text boxes (a list is spread over those).
fn count_names(node: &Ft, fields: &mut HashMap<String, usize>, boxes: &mut HashMap<String, usize>) {
    match node {
        Ft::Element(el) => {
            if let Some(name) = field_name(el) {
                let is_box = el.tag() == "textarea"
                    || (el.tag() == "input"
                        && text_box_type(
                            el.get_str("type")
                                .map(|t| t.to_ascii_lowercase())
                                .as_deref(),
                        ));
                if is_box && el.get_str("skip").is_none() {
                    *boxes.entry(name.clone()).or_default() += 1;
                }
                *fields.entry(name).or_default() += 1;
            }
            for k in el.child_nodes().iter() {
                count_names(k, fields, boxes);
            }
        }
        Ft::Fragment(items) => items.iter().for_each(|k| count_names(k, fields, boxes)),
        _ => {}
    }
}

fn fill_element(el: &mut Element, obj: &(impl FormFields + ?Sized), boxes: &mut TextBoxes) {
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
                // A password is never written back into the page.
                Some("password") => {}
                _ => {
                    let v = match &val {
                        FieldValue::Int(n) => Some(AttrValue::Int(*n)),
                        FieldValue::UInt(n) => Some(AttrValue::UInt(*n)),
                        FieldValue::Float(f) => Some(AttrValue::Float(*f)),
                        FieldValue::List(items) => boxes
                            .pick(&name, items)
                            .map(|t| AttrValue::Text(Str::from(t.to_owned()))),
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
            let text = match &val {
                FieldValue::List(items) => boxes.pick(&name, items).map(Cow::Borrowed),
                other => other.to_text(),
            };
            if let Some(t) = text {
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
