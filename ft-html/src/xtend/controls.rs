//! `AX!` (a link whose htmx attributes may be positional) and `CheckboxX!` (a checkbox with
//! a hidden input of the same name).

use super::Preset;
use crate::Str;
use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::text::Text;
use crate::{Ft, IntoFt};
use std::borrow::Cow;

/// The builder behind `AX!`.
#[derive(Debug, Clone)]
pub struct AxBuilder {
    el: Element,
    txt: Option<Ft>,
    kids: Vec<Ft>,
    target: Option<Option<AttrValue>>,
}

impl Default for AxBuilder {
    fn default() -> Self {
        AxBuilder {
            el: Preset::a().el,
            txt: None,
            kids: Vec::new(),
            target: None,
        }
    }
}

impl AxBuilder {
    /// The link text (1st positional argument).
    pub fn txt(&mut self, txt: impl IntoFt) {
        self.txt = Some(txt.into_ft());
    }
    /// `hx-get` (2nd positional argument).
    pub fn hx_get(&mut self, v: impl IntoAttr) {
        self.el.put(Cow::Borrowed("hx-get"), v.into_attr());
    }
    /// The id whose element is the target: `hx-target="#id"` (3rd positional argument).
    pub fn target_id(&mut self, v: impl IntoAttr) {
        self.target = Some(crate::component::target_id(v));
    }
    /// `hx-swap` (4th positional argument).
    pub fn hx_swap(&mut self, v: impl IntoAttr) {
        self.el.put(Cow::Borrowed("hx-swap"), v.into_attr());
    }
    /// Writes a positional `target_id` where FastHTML puts `hx-target`: after the other
    /// keyword attributes, before `id`/`class`/`title`/`style`.
    fn flush_target(&mut self) {
        if let Some(t) = self.target.take() {
            self.el.put(Cow::Borrowed("hx-target"), t);
        }
    }
}

impl Component for AxBuilder {
    fn child(&mut self, child: Ft) {
        self.kids.push(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        if matches!(&*name, "hx-target" | "id" | "class" | "title" | "style") {
            self.flush_target();
        }
        self.el.put(name, value);
    }
    fn auto_name(&mut self) {
        self.el.auto_name();
    }
    fn build(mut self) -> Ft {
        self.flush_target();
        if let Some(t) = self.txt.take() {
            self.el.push(t);
        }
        for k in self.kids {
            self.el.push(k);
        }
        Ft::Element(self.el)
    }
}

/// `AX!(txt, hx_get?, target_id?, hx_swap?, attrs..)`: an `<a href="#">` whose `hx_get`,
/// `target_id` and `hx_swap` may be given positionally (SPEC 1.74).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     AX!("Load", "/part", "out", "outerHTML").render(),
///     r##"<a href="#" hx-get="/part" hx-swap="outerHTML" hx-target="#out">Load</a>"##
/// );
/// ```
#[macro_export]
macro_rules! AX {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::AxBuilder::default()}, [], [txt, hx_get, target_id, hx_swap], nonvoid; $($t)*)
    };
}

/// The builder behind `CheckboxX!`.
#[derive(Debug, Clone)]
pub struct CheckboxXBuilder {
    checked: bool,
    label: Option<Ft>,
    value: Option<AttrValue>,
    id: Option<AttrValue>,
    name: Option<AttrValue>,
    extra: Vec<Attr>,
}

impl Default for CheckboxXBuilder {
    fn default() -> Self {
        CheckboxXBuilder {
            checked: false,
            label: None,
            value: Some(AttrValue::Trusted(Str::from_static("1"))),
            id: None,
            name: None,
            extra: Vec::new(),
        }
    }
}

impl CheckboxXBuilder {
    /// Is the box checked (1st positional argument)?
    pub fn checked(&mut self, checked: bool) {
        self.checked = checked;
    }
    /// A label: the checkbox is wrapped in `<label>` (2nd positional argument).
    pub fn label(&mut self, label: impl IntoFt) {
        let label = label.into_ft();
        let blank = label.is_empty() || matches!(&label, Ft::Text(Text::Str(s)) if s.is_empty());
        self.label = (!blank).then_some(label);
    }
}

impl Component for CheckboxXBuilder {
    fn child(&mut self, _child: Ft) {}
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        match &*name {
            "value" => self.value = value,
            "name" => self.name = value,
            "checked" => self.checked = value.is_some_and(|v| !matches!(v, AttrValue::Bool(false))),
            _ => {
                if name == "id" {
                    self.id.clone_from(&value);
                }
                if let Some(value) = value {
                    self.extra.retain(|a| a.name != name);
                    self.extra.push(Attr { name, value });
                }
            }
        }
    }
    fn build(self) -> Ft {
        let name = self.name.or(self.id);
        let mut hidden = Preset::hidden().el;
        hidden.put(Cow::Borrowed("name"), name.clone());
        hidden.put(Cow::Borrowed("skip"), Some(AttrValue::Bool(true)));
        let mut cb = Element::new_static("input", true);
        cb.put(
            Cow::Borrowed("type"),
            Some(AttrValue::Trusted(Str::from_static("checkbox"))),
        );
        cb.put(Cow::Borrowed("name"), name);
        if self.checked {
            cb.put(Cow::Borrowed("checked"), Some(AttrValue::Bool(true)));
        }
        cb.put(Cow::Borrowed("value"), self.value);
        cb.attrs_mut().extend(self.extra);
        let cb = match self.label {
            Some(label) => {
                let mut l = Element::new_static("label", false);
                l.push(cb);
                l.push(label);
                l
            }
            None => cb,
        };
        Ft::Fragment(vec![Ft::Element(hidden), Ft::Element(cb)])
    }
}

/// `CheckboxX!(checked?, label?, attrs..)`: a checkbox preceded by a hidden input of the same
/// name (so an unchecked box still submits a value), inside a `<label>` when a label is given.
/// `value` defaults to `"1"`; `name` defaults to the id (SPEC 1.75). Returns a fragment of two.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     CheckboxX!(true, "Done", id = "done").render(),
///     r#"<input type="hidden" value="" name="done" skip><label><input type="checkbox" name="done" checked value="1" id="done">Done</label>"#
/// );
/// ```
#[macro_export]
macro_rules! CheckboxX {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::CheckboxXBuilder::default()}, [], [checked, label], void("input"); $($t)*)
    };
}
