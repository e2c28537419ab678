//! What the tag and component macros expand to: every `Name!(..)` macro builds a value that
//! implements [`Component`], feeds it the children and `name = value` attributes, and builds.

use crate::Ft;
use crate::Str;
use crate::attr::{AttrValue, IntoAttr};
use crate::element::Element;
use std::borrow::Cow;

/// A builder the macros drive. Tags use [`Element`]; helpers such as `Card!` or `Titled!`
/// use their own builder with extra named parameters (`header = ..`), which the macro calls
/// as methods.
pub trait Component {
    /// Appends a child.
    fn child(&mut self, child: Ft);
    /// Sets an attribute (the name is already HTML).
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>);
    /// Called after `id = ..`: tags with auto-name copy the id into `name` (SPEC 1.55).
    fn auto_name(&mut self) {}
    /// Room for `n` children.
    fn reserve(&mut self, _n: usize) {}
    /// Room for `n` attributes.
    fn reserve_attrs(&mut self, _n: usize) {}
    /// Takes children that the macro compiled into a template (nested tag macros). By
    /// default they are built into ordinary nodes and given to [`Component::child`].
    #[doc(hidden)]
    fn tmpl(&mut self, tmpl: &'static crate::tmpl::Tmpl, slots: crate::typed::Slots) {
        for child in crate::tmpl::TmplKids::new(tmpl, slots).into_given() {
            self.child(child);
        }
    }
    /// The finished tree.
    fn build(self) -> Ft;
    /// [`Component::tmpl`], then [`Component::build`]: what a tag macro whose children are
    /// all compiled writes.
    #[doc(hidden)]
    #[inline]
    fn with_tmpl(mut self, tmpl: &'static crate::tmpl::Tmpl, slots: crate::typed::Slots) -> Ft
    where
        Self: Sized,
    {
        self.tmpl(tmpl, slots);
        self.build()
    }
}

impl Component for Element {
    #[inline]
    fn child(&mut self, child: Ft) {
        self.push_ft(child);
    }
    #[inline]
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        if let Some(value) = value {
            let attrs = self.edit_attrs();
            match attrs.iter_mut().find(|a| a.name == name) {
                Some(a) => a.value = value,
                None => attrs.push(crate::Attr { name, value }),
            }
        }
    }
    #[inline]
    fn tmpl(&mut self, tmpl: &'static crate::tmpl::Tmpl, slots: crate::typed::Slots) {
        self.set_tmpl(tmpl, slots);
    }
    fn auto_name(&mut self) {
        Element::auto_name(self);
    }
    #[inline]
    fn reserve(&mut self, n: usize) {
        Element::reserve(self, n);
    }
    #[inline]
    fn reserve_attrs(&mut self, n: usize) {
        self.edit_attrs().reserve(n);
    }
    #[inline]
    fn build(self) -> Ft {
        Ft::Element(self)
    }
    #[inline]
    fn with_tmpl(self, tmpl: &'static crate::tmpl::Tmpl, slots: crate::typed::Slots) -> Ft {
        Ft::Element(Element::with_tmpl(self, tmpl, slots))
    }
}

/// `..attrs` in a macro: every `(name, value)` pair, names mapped like keywords (SPEC 1.13).
pub fn spread<C: Component, K: AsRef<str>, V: IntoAttr>(
    c: &mut C,
    attrs: impl IntoIterator<Item = (K, V)>,
) {
    for (k, v) in attrs {
        c.attr(
            Cow::Owned(crate::names::attr_name(k.as_ref())),
            v.into_attr(),
        );
    }
}

/// `target_id = "x"` -> `hx-target="#x"` (SPEC 1.26).
pub fn target_id(v: impl IntoAttr) -> Option<AttrValue> {
    v.into_attr().and_then(|v| {
        v.to_plain()
            .map(|s| AttrValue::Text(Str::from(format!("#{s}"))))
    })
}

/// Builds an element from a tag named at run time, children and `(name, value)` attributes
/// (names mapped like macro keywords): FastHTML's `ft_hx`.
///
/// ```
/// use ft_html::ft_hx;
/// let el = ft_hx("My-Widget", "hi", [("data_x", "1")]);
/// assert_eq!(el.render(), r#"<my-widget data-x="1">hi</my-widget>"#);
/// ```
pub fn ft_hx<K: AsRef<str>, V: IntoAttr>(
    tag: impl Into<Cow<'static, str>>,
    children: impl crate::IntoFt,
    attrs: impl IntoIterator<Item = (K, V)>,
) -> Ft {
    let mut el = Element::new(tag);
    el.push(children);
    spread(&mut el, attrs);
    Ft::Element(el)
}
