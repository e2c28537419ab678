//! `Preset`, the builder of tags with defaults, and its macros `A!`, `Form!`, `Hidden!`,
//! `Script!`, `Style!`, with `HxPartial!`.

use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::text::{Raw, Text};
use crate::{Ft, Str};
use std::borrow::Cow;

/// The builder behind `A!`, `Form!`, `Hidden!`, `Script!` and `Style!`: an element with preset
/// attributes that keep their place (first) when given again, and that `name = None` removes
/// (FastHTML's `A('x', href=None)` gives `<a>x</a>`).
#[derive(Debug, Clone)]
pub struct Preset {
    pub(super) el: Element,
    raw: bool,
}

impl Preset {
    /// An element with preset attributes, in order.
    pub fn new(tag: &'static str, void: bool, attrs: &[(&'static str, &'static str)]) -> Self {
        let mut el = Element::new_static(tag, void);
        for (k, v) in attrs {
            el.put(
                Cow::Borrowed(k),
                Some(AttrValue::Trusted(Str::from_static(v))),
            );
        }
        Preset { el, raw: false }
    }
    /// A tag's element with preset attributes, in order (the tag macros' descriptors).
    fn with_tag(tag: &'static crate::TagDesc, attrs: &[(&'static str, &'static str)]) -> Self {
        let mut el = Element::from_tag(tag);
        if !attrs.is_empty() {
            let list = el.attrs_mut();
            for (k, v) in attrs {
                list.push(Attr {
                    name: Cow::Borrowed(k),
                    value: AttrValue::Trusted(Str::from_static(v)),
                });
            }
        }
        Preset { el, raw: false }
    }
    /// `A!`: `href="#"` first.
    pub fn a() -> Self {
        Preset::with_tag(&crate::tags::TagA, ft_tags::classes::A_PRESET)
    }
    /// `Form!`: `enctype="multipart/form-data"` first.
    pub fn form() -> Self {
        Preset::with_tag(&crate::tags::TagForm, ft_tags::classes::FORM_PRESET)
    }
    /// `Hidden!`: `type="hidden" value=""`.
    pub fn hidden() -> Self {
        Preset::with_tag(&crate::tags::Input, &[("type", "hidden"), ("value", "")])
    }
    /// `Script!`: children are code, inserted unescaped (but never able to close the element).
    pub fn script() -> Self {
        Preset {
            raw: true,
            ..Preset::with_tag(&crate::tags::TagScript, &[])
        }
    }
    /// `Style!`: children are CSS, inserted unescaped (but never able to close the element).
    pub fn style() -> Self {
        Preset {
            raw: true,
            ..Preset::with_tag(&crate::tags::TagStyle, &[])
        }
    }
    /// Sets `value` (the positional argument of `Hidden!`).
    pub fn value(&mut self, v: impl IntoAttr) {
        self.el.put(Cow::Borrowed("value"), v.into_attr());
    }
}

impl Component for Preset {
    fn child(&mut self, child: Ft) {
        if self.raw {
            self.el.push(rawify(child));
        } else {
            self.el.push(child);
        }
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.el.put(name, value);
    }
    fn auto_name(&mut self) {
        self.el.auto_name();
    }
    fn reserve(&mut self, n: usize) {
        self.el.reserve(n);
    }
    fn tmpl(&mut self, tmpl: &'static crate::tmpl::Tmpl, slots: crate::typed::Slots) {
        if self.raw {
            for child in crate::tmpl::TmplKids::new(tmpl, slots).into_given() {
                self.child(child);
            }
        } else {
            self.el.set_tmpl(tmpl, slots);
        }
    }
    fn build(self) -> Ft {
        Ft::Element(self.el)
    }
}

/// Text leaves become [`Raw`] (FastHTML's `NotStr(code)`); inside `<script>`/`<style>` both
/// render the same: unescaped, with `</script` broken up.
fn rawify(ft: Ft) -> Ft {
    match ft {
        Ft::Text(Text::Str(s)) => Ft::Raw(Raw(s)),
        Ft::Text(t) => Ft::Raw(Raw(Str::from(t.to_plain().into_owned()))),
        Ft::Fragment(items) => Ft::Fragment(items.into_iter().map(rawify).collect()),
        other => other,
    }
}

/// A `<script>` holding `code` as it is (the script helpers' element).
pub(super) fn script(code: impl Into<Str>) -> Ft {
    let mut el = Element::new_static("script", false);
    el.push(Raw(code.into()));
    Ft::Element(el)
}

/// `A!(children.., attrs..)`: an `<a>` with `href="#"` by default, placed first, for concise
/// use with HTMX (SPEC 1.58). `href = ..` replaces it in place, `href = None::<&str>` drops it;
/// `id` also sets `name`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(A!("x").render(), r##"<a href="#">x</a>"##);
/// assert_eq!(A!("x", id = "l").render(), r##"<a href="#" id="l" name="l">x</a>"##);
/// assert_eq!(A!("x", href = "/p").render(), r#"<a href="/p">x</a>"#);
/// ```
#[macro_export]
macro_rules! A {
    // The resolution check of a nested call (`ft_html::tags`): tag macros compile `A!` too.
    (@__ft_plain_tag) => { $crate::__private::tags::PlainTag };
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::Preset::a()}, [], [], nonvoid("a"); $($t)*)
    };
}

/// `Form!(children.., attrs..)`: a `<form>` with `enctype="multipart/form-data"` by default,
/// placed first (SPEC 1.73).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     Form!(Input!(name = "a"), method = "post").render(),
///     r#"<form enctype="multipart/form-data" method="post"><input name="a"></form>"#
/// );
/// assert_eq!(Form!(enctype = None::<&str>).render(), "<form></form>");
/// ```
#[macro_export]
macro_rules! Form {
    // The resolution check of a nested call (`ft_html::tags`): tag macros compile `Form!` too.
    (@__ft_plain_tag) => { $crate::__private::tags::PlainTag };
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::Preset::form()}, [], [], nonvoid("form"); $($t)*)
    };
}

/// `Hidden!(value?, attrs..)`: `<input type="hidden">` with `value=""` by default; the first
/// positional argument is the value; `id` also sets `name` (SPEC 1.59).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Hidden!(id = "h").render(), r#"<input type="hidden" value="" id="h" name="h">"#);
/// assert_eq!(Hidden!(5, id = "h2").render(), r#"<input type="hidden" value="5" id="h2" name="h2">"#);
/// ```
#[macro_export]
macro_rules! Hidden {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::Preset::hidden()}, [], [value], void("input"); $($t)*)
    };
}

/// `Script!(code.., attrs..)`: a `<script>` whose code is inserted unescaped (FastHTML's
/// `Script(code)`). Unlike FastHTML (SPEC 1.81), the code can never close the element: the
/// renderer writes `</script` as `<\/script`, which JavaScript reads the same, so user data
/// formatted into the code cannot inject markup.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Script!("a<b && c>d", defer = true).render(), "<script defer>a<b && c>d</script>");
/// let evil = "</script><script>evil()</script>";
/// assert_eq!(
///     Script!(format!("x({evil:?})")).render(),
///     r#"<script>x("<\/script><script>evil()<\/script>")</script>"#
/// );
/// ```
#[macro_export]
macro_rules! Script {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::Preset::script()}, [], [], nonvoid("script"); $($t)*)
    };
}

/// `Style!(css.., attrs..)`: a `<style>` whose CSS is inserted unescaped; several children are
/// concatenated. `</style` in the content is broken up so it cannot close the element.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Style!("a{}", "b>c{}", media = "x").render(), r#"<style media="x">a{}b>c{}</style>"#);
/// ```
#[macro_export]
macro_rules! Style {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::xtend::Preset::style()}, [], [], nonvoid("style"); $($t)*)
    };
}

/// `HxPartial!(children.., attrs..)`: an `<hx-partial>` element (htmx 4), SPEC 1.92.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(HxPartial!(P!("x"), id = "p").render(), r#"<hx-partial id="p"><p>x</p></hx-partial>"#);
/// ```
#[macro_export]
macro_rules! HxPartial {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::Element::new_static("hx-partial", false)}, [], [], nonvoid; $($t)*)
    };
}
