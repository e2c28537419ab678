//! FastHTML's extension components (`fasthtml.xtend`, SPEC 1H): tags with sensible defaults
//! (`A!`, `Form!`, `Hidden!`, `Html!`, ...), page helpers (`Titled!`, `Socials!`, `Favicon`),
//! script helpers (`Script!`, `On!`, `Now!`, `run_js!`, `HtmxOn`, ...) and small utilities
//! (`loose_format`, `clear`, `File`, `upload_pb_attrs`).
//!
//! Helpers that are a tag with defaults take children and `name = value` attributes like any
//! tag macro. Helpers with FastHTML keyword options (`On!`, `Socials!`, `jsd!`,
//! `YouTubeEmbed!`) take them as `name = value` too; an unknown option is a compile error
//! where FastHTML would raise a `TypeError`.
//!
//! Deliberate differences from FastHTML are listed in each item's documentation. The main
//! one: script and style content is never able to end its element early. The renderer
//! writes `<script>`/`<style>` content unescaped but breaks up `</script`, `</style` and
//! `<!--` (`<\/script`), which JavaScript and CSS read the same, so user data inside a
//! `Script!`, `run_js!` or `Style!` cannot inject markup (FastHTML can, SPEC 1.81).

use crate::Str;
use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::text::{Raw, Text};
use crate::{Ft, IntoFt};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// Builders for tags with defaults
// ---------------------------------------------------------------------------------------------

/// The builder behind `A!`, `Form!`, `Hidden!`, `Script!` and `Style!`: an element with preset
/// attributes that keep their place (first) when given again, and that `name = None` removes
/// (FastHTML's `A('x', href=None)` gives `<a>x</a>`).
#[derive(Debug, Clone)]
pub struct Preset {
    el: Element,
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

fn script(code: impl Into<Str>) -> Ft {
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
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::xtend::Preset::a()}, [], [], nonvoid; $($t)*)
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
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::xtend::Preset::form()}, [], [], nonvoid; $($t)*)
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
        $crate::__macros::component!({$crate}, {$crate::xtend::Preset::hidden()}, [], [value], void("input"); $($t)*)
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
        $crate::__macros::component!({$crate}, {$crate::xtend::Preset::script()}, [], [], nonvoid; $($t)*)
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
        $crate::__macros::component!({$crate}, {$crate::xtend::Preset::style()}, [], [], nonvoid; $($t)*)
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
        $crate::__macros::component!({$crate}, {$crate::Element::new_static("hx-partial", false)}, [], [], nonvoid; $($t)*)
    };
}

// ---------------------------------------------------------------------------------------------
// AX
// ---------------------------------------------------------------------------------------------

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
        $crate::__macros::component!({$crate}, {$crate::xtend::AxBuilder::default()}, [], [txt, hx_get, target_id, hx_swap], nonvoid; $($t)*)
    };
}

// ---------------------------------------------------------------------------------------------
// CheckboxX
// ---------------------------------------------------------------------------------------------

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
        $crate::__macros::component!({$crate}, {$crate::xtend::CheckboxXBuilder::default()}, [], [checked, label], void("input"); $($t)*)
    };
}

// ---------------------------------------------------------------------------------------------
// Titled, Html
// ---------------------------------------------------------------------------------------------

/// The builder behind `Titled!`.
#[derive(Debug, Clone)]
pub struct TitledBuilder {
    title: Option<Ft>,
    main: Element,
    kids: Vec<Ft>,
    class_set: bool,
}

impl Default for TitledBuilder {
    fn default() -> Self {
        TitledBuilder {
            title: None,
            main: Element::new_static("main", false),
            kids: Vec::new(),
            class_set: false,
        }
    }
}

impl TitledBuilder {
    /// The page title, used for `<title>` and `<h1>` (1st positional argument).
    pub fn title(&mut self, title: impl IntoFt) {
        self.title = Some(title.into_ft());
    }
    fn default_class(&mut self) {
        if !self.class_set {
            self.class_set = true;
            self.main.put(
                Cow::Borrowed("class"),
                Some(AttrValue::Trusted(Str::from_static("container"))),
            );
        }
    }
}

impl Component for TitledBuilder {
    fn child(&mut self, child: Ft) {
        self.kids.push(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        match &*name {
            "class" => self.class_set = true,
            "title" | "style" => self.default_class(),
            _ => {}
        }
        self.main.put(name, value);
    }
    fn build(mut self) -> Ft {
        self.default_class();
        let title = self.title.unwrap_or_else(|| Ft::text("FastHTML app"));
        let mut h1 = Element::new_static("h1", false);
        h1.push(title.clone());
        self.main.push(h1);
        for k in self.kids {
            self.main.push(k);
        }
        let mut t = Element::new_static("title", false);
        t.push(title);
        Ft::Fragment(vec![Ft::Element(t), Ft::Element(self.main)])
    }
}

/// `Titled!(title?, children.., attrs..)`: `<title>` plus `<main class="container">` holding
/// an `<h1>` of the same title and the children; attributes go to `<main>` and `cls` replaces
/// the default class (SPEC 1.71, 1.72). The title defaults to "FastHTML app".
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     Titled!("Hi", P!("x")).render(),
///     r#"<title>Hi</title><main class="container"><h1>Hi</h1><p>x</p></main>"#
/// );
/// assert_eq!(
///     Titled!("T", id = "m", cls = "wide").render(),
///     r#"<title>T</title><main id="m" class="wide"><h1>T</h1></main>"#
/// );
/// ```
#[macro_export]
macro_rules! Titled {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::xtend::TitledBuilder::default()}, [], [title], nonvoid; $($t)*)
    };
}

/// The builder behind `Html!`.
#[derive(Debug, Clone)]
pub struct HtmlBuilder {
    html: Element,
    doctype: bool,
}

impl Default for HtmlBuilder {
    fn default() -> Self {
        HtmlBuilder {
            html: Element::new_static("html", false),
            doctype: true,
        }
    }
}

impl HtmlBuilder {
    /// `doctype = false` leaves out `<!doctype html>`.
    pub fn doctype(&mut self, doctype: bool) {
        self.doctype = doctype;
    }
}

impl Component for HtmlBuilder {
    fn child(&mut self, child: Ft) {
        self.html.push(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.html.put(name, value);
    }
    fn reserve(&mut self, n: usize) {
        self.html.reserve(n);
    }
    fn build(self) -> Ft {
        if !self.doctype {
            return Ft::Element(self.html);
        }
        let mut d = Element::new_static("!doctype", true);
        d.put(Cow::Borrowed("html"), Some(AttrValue::Bool(true)));
        Ft::Fragment(vec![Ft::Element(d), Ft::Element(self.html)])
    }
}

/// `Html!(children.., attrs..)`: `<!doctype html>` followed by `<html>`; `doctype = false`
/// gives the `<html>` element alone (SPEC 1.67).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Html!(P!("x")).to_xml(), "<!doctype html>\n<html>\n  <p>x</p>\n</html>\n");
/// assert_eq!(Html!(P!("x"), doctype = false, lang = "en").render(), r#"<html lang="en"><p>x</p></html>"#);
/// ```
#[macro_export]
macro_rules! Html {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::xtend::HtmlBuilder::default()}, [doctype], [], nonvoid; $($t)*)
    };
}

// ---------------------------------------------------------------------------------------------
// Keyword-option helpers
// ---------------------------------------------------------------------------------------------

/// Calls `builder.name(value)` for each `name = value`, and the listed methods for positional
/// arguments in order. An unknown name is a "no method named .." compile error.
#[doc(hidden)]
#[macro_export]
macro_rules! __ft_opts {
    ($b:ident [$($m:ident),*]) => {};
    ($b:ident [$($m:ident),*] $k:ident = $v:expr $(, $($rest:tt)*)?) => {
        $b.$k($v);
        $crate::__ft_opts!($b [$($m),*] $($($rest)*)?);
    };
    ($b:ident [$m:ident $(, $ms:ident)*] $e:expr $(, $($rest:tt)*)?) => {
        $b.$m($e);
        $crate::__ft_opts!($b [$($ms),*] $($($rest)*)?);
    };
}

/// `Surreal(code)`: a script running `code` once the DOM is ready, with `m` bound to the
/// script's parent (`me()`) and `p` to its previous sibling, for surreal.js (SPEC 1.76).
///
/// ```
/// use ft_html::prelude::*;
/// assert!(Surreal("m.hide()").render().contains("domReadyExecute(() => {\n        m.hide()\n    });"));
/// ```
#[allow(non_snake_case)]
pub fn Surreal(code: impl AsRef<str>) -> Ft {
    script(format!(
        "\n{{\n    const m=me();\n    const _p = document.currentScript.previousElementSibling;\n    const p = _p ? me(_p) : null;\n    domReadyExecute(() => {{\n        {}\n    }});\n}}",
        code.as_ref()
    ))
}

/// A string as a JavaScript string literal (JSON, with non-ASCII as `\u` escapes).
fn js_str(s: &str) -> String {
    py_dumps(&Value::String(s.to_owned()), None)
}

/// The options of `On!` and `Prev!`.
#[derive(Debug, Clone)]
pub struct OnBuilder {
    code: String,
    event: String,
    sel: String,
    me: bool,
}

impl OnBuilder {
    /// A click handler running `code` on the script's parent.
    pub fn new(code: impl AsRef<str>) -> Self {
        OnBuilder {
            code: code.as_ref().to_owned(),
            event: "click".into(),
            sel: String::new(),
            me: true,
        }
    }
    /// The event name (default `click`).
    pub fn event(&mut self, event: impl AsRef<str>) {
        self.event = event.as_ref().to_owned();
    }
    /// The selector: empty for the parent `m`, `-` for the previous sibling `p`, otherwise a
    /// CSS selector searched within `m`.
    pub fn sel(&mut self, sel: impl AsRef<str>) {
        self.sel = sel.as_ref().to_owned();
    }
    /// `me = false` binds every match (`any(..)`) instead of the first (`me(..)`).
    pub fn me(&mut self, me: bool) {
        self.me = me;
    }
    /// The script.
    pub fn build(&self) -> Ft {
        let sel = match self.sel.as_str() {
            "-" => "p".to_owned(),
            "" => "m".to_owned(),
            s => format!("{}({}, m)", if self.me { "me" } else { "any" }, js_str(s)),
        };
        Surreal(format!(
            "\n{sel}.on({}, async ev=>{{\n    let e = me(ev);\n    {}\n}});",
            js_str(&self.event),
            self.code
        ))
    }
}

/// `On!(code, event?, sel?, me = bool)`: a surreal.js async event handler (SPEC 1.77). The
/// selector is empty for the script's parent `m`, `"-"` for the previous sibling `p`, else a
/// CSS selector inside `m` (`me = false`: all matches).
///
/// Deliberate difference: the event and selector are written as JSON string literals, so a
/// `"` in them cannot break out of the string (same output for ordinary names).
///
/// ```
/// use ft_html::prelude::*;
/// let s = On!("x()", "input", ".b", me = false).render();
/// assert!(s.contains("any(\".b\", m).on(\"input\", async ev=>{\n    let e = me(ev);\n    x()\n});"));
/// ```
#[macro_export]
macro_rules! On {
    ($code:expr $(, $($rest:tt)*)?) => {{
        #[allow(unused_mut)]
        let mut __b = $crate::xtend::OnBuilder::new($code);
        $crate::__ft_opts!(__b [event, sel] $($($rest)*)?);
        __b.build()
    }};
}

/// `Prev!(code, event?)`: `On!` for the script's previous sibling `p` (SPEC 1.78).
///
/// ```
/// use ft_html::prelude::*;
/// assert!(Prev!("e.hide()").render().contains("\np.on(\"click\", async ev=>{"));
/// ```
#[macro_export]
macro_rules! Prev {
    ($code:expr $(, $($rest:tt)*)?) => {{
        let mut __b = $crate::xtend::OnBuilder::new($code);
        __b.sel("-");
        $crate::__ft_opts!(__b [event] $($($rest)*)?);
        __b.build()
    }};
}

/// The options of `Now!`.
#[derive(Debug, Clone)]
pub struct NowBuilder {
    code: String,
    sel: String,
}

impl NowBuilder {
    /// Runs `code` at once with `e` bound to the script's parent.
    pub fn new(code: impl AsRef<str>) -> Self {
        NowBuilder {
            code: code.as_ref().to_owned(),
            sel: String::new(),
        }
    }
    /// A selector for `e` instead of the parent.
    pub fn sel(&mut self, sel: impl AsRef<str>) {
        self.sel = sel.as_ref().to_owned();
    }
    /// The script.
    pub fn build(&self) -> Ft {
        let sel = if self.sel.is_empty() {
            String::new()
        } else {
            js_str(&self.sel)
        };
        script(format!(
            "(async (ee = me({sel})) => {{\nlet e = me(ee);\n{}\n}})()\n",
            self.code
        ))
    }
}

/// `Now!(code, sel?)`: an async surreal.js block run at once, with `e` = `me(sel)`
/// (SPEC 1.79). The selector is written as a JSON string literal.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     Now!("e.x()", "#a").render(),
///     "<script>(async (ee = me(\"#a\")) => {\nlet e = me(ee);\ne.x()\n})()\n</script>"
/// );
/// ```
#[macro_export]
macro_rules! Now {
    ($code:expr $(, $($rest:tt)*)?) => {{
        #[allow(unused_mut)]
        let mut __b = $crate::xtend::NowBuilder::new($code);
        $crate::__ft_opts!(__b [sel] $($($rest)*)?);
        __b.build()
    }};
}

/// `AnyNow(sel, code)`: an async surreal.js block run at once with `e` = `any(sel)`
/// (SPEC 1.79). The selector is written as a JSON string literal.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     AnyNow(".b", "e.y()").render(),
///     "<script>(async (e = any(\".b\")) => {\ne.y()\n})()\n</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn AnyNow(sel: impl AsRef<str>, code: impl AsRef<str>) -> Ft {
    script(format!(
        "(async (e = any({})) => {{\n{}\n}})()\n",
        js_str(sel.as_ref()),
        code.as_ref()
    ))
}

/// Any serialisable value as JSON, for `run_js!` arguments (`null` if it cannot be encoded,
/// e.g. a map with non-string keys).
///
/// ```
/// use ft_html::xtend::to_json_value;
/// assert_eq!(to_json_value(&vec![1, 2]), serde_json::json!([1, 2]));
/// ```
pub fn to_json_value<T: serde::Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// `run_js(js, id, args)`: a `<script hx-swap-oob="true" id=..>` running `js`, with each
/// `{name}` replaced by the JSON encoding of its argument (SPEC 1.80). The `run_js!` macro is
/// the short form.
///
/// Deliberate differences: the id is given explicitly (Rust has no "calling function's name");
/// `{{`/`}}` give braces as in Python, but a `{..}` that names no argument is left as it is
/// instead of raising; and the arguments can never close the `<script>` (SPEC 1.81): the
/// renderer writes `</script` as `<\/script`, which JavaScript reads the same.
///
/// ```
/// use ft_html::prelude::*;
/// use serde_json::json;
/// let s = run_js("alert({msg})", "h", &[("msg", json!("it's <ok>"))]);
/// assert_eq!(s.render(), r#"<script hx-swap-oob="true" id="h">alert("it's <ok>")</script>"#);
/// ```
pub fn run_js(js: &str, id: impl IntoAttr, args: &[(&str, Value)]) -> Ft {
    let encoded: Vec<(&str, String)> = args.iter().map(|(k, v)| (*k, py_dumps(v, None))).collect();
    let code = py_format(js, &|name| {
        encoded
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    });
    let mut el = Element::new_static("script", false);
    el.push(Raw(Str::from(code)));
    el.put(
        Cow::Borrowed("hx-swap-oob"),
        Some(AttrValue::Trusted(Str::from_static("true"))),
    );
    el.put(Cow::Borrowed("id"), id.into_attr());
    Ft::Element(el)
}

/// `run_js!(js, id = .., name = value, ..)`: [`run_js`] with the arguments as keywords; each
/// value is anything `serde::Serialize`, JSON-encoded like Python's `json.dumps`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     run_js!("f({a}, {b})", id = "r", a = "</script>", b = vec![1, 2]).render(),
///     r#"<script hx-swap-oob="true" id="r">f("<\/script>", [1, 2])</script>"#
/// );
/// ```
#[macro_export]
macro_rules! run_js {
    ($js:expr, id = $id:expr $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::xtend::run_js(
            ::std::convert::AsRef::<str>::as_ref(&$js),
            $id,
            &[$((::std::stringify!($k), $crate::xtend::to_json_value(&$v))),*],
        )
    };
}

/// Python's `str.format` with named fields only: `{{`/`}}` are braces, `{name}` (with any
/// `!conv`/`:spec`, which are ignored) is replaced when `lookup` knows the name, and anything
/// else is kept as written.
fn py_format(s: &str, lookup: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(r) = tail.strip_prefix("{{") {
            out.push('{');
            rest = r;
        } else if let Some(r) = tail.strip_prefix("}}") {
            out.push('}');
            rest = r;
        } else if let Some(inner) = tail.strip_prefix('{') {
            match inner.find(['{', '}']) {
                Some(j) if inner.as_bytes()[j] == b'}' => {
                    let field = &inner[..j];
                    let name = field.split(['!', ':']).next().unwrap_or(field);
                    match lookup(name) {
                        Some(v) if !name.is_empty() => out.push_str(&v),
                        _ => out.push_str(&tail[..j + 2]),
                    }
                    rest = &inner[j + 1..];
                }
                _ => {
                    out.push('{');
                    rest = inner;
                }
            }
        } else {
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Characters next to which a brace is CSS/JS, not a template field.
fn brace_ctx(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | ';' | '\'' | '"' | '\x1c'..='\x1f')
}

/// FastHTML's `double_braces`: `{` before whitespace/`:;'"`/end, and `}` after them or at the
/// start, are doubled.
fn double_braces(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        out.push(c);
        if c == '{' && it.peek().is_none_or(|&n| brace_ctx(n)) {
            out.push('{');
        }
        if c == '}' && prev.is_none_or(brace_ctx) {
            out.push('}');
        }
        prev = Some(c);
    }
    out
}

/// FastHTML's `undouble_braces`: the inverse of [`double_braces`] on its output.
fn undouble_braces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut first = true;
    while i < s.len() {
        let tail = &s[i..];
        if first && tail.starts_with("}}") {
            out.push('}');
            i += 2;
            first = false;
            continue;
        }
        first = false;
        if tail.starts_with("{{") && tail[2..].chars().next().is_none_or(brace_ctx) {
            out.push('{');
            i += 2;
            continue;
        }
        let Some(c) = tail.chars().next() else { break };
        out.push(c);
        i += c.len_utf8();
        if brace_ctx(c) && s[i..].starts_with("}}") {
            out.push('}');
            i += 2;
        }
    }
    out
}

/// `loose_format(s, kw)`: replaces `{name}` fields with the given values while leaving braces
/// next to whitespace or `:;'"` (CSS and JS blocks) alone; with no values `s` is returned as
/// it is (SPEC 1.86).
///
/// Deliberate difference: a template Python would reject (a lone `}`, an empty `{}`) is kept
/// in the output instead of raising; format specs (`{x:>3}`) are ignored.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     loose_format("function f() { return {x}; } .a { color: {c}; }", &[("x", &1), ("c", &"red")]),
///     "function f() { return 1; } .a { color: red; }"
/// );
/// ```
pub fn loose_format(s: &str, kw: &[(&str, &dyn fmt::Display)]) -> String {
    if kw.is_empty() {
        return s.to_owned();
    }
    let lookup = |name: &str| {
        kw.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    undouble_braces(&py_format(&double_braces(s), &lookup))
}

/// `replace_css_vars(css, kw)`: replaces `var(--tpl-NAME)` by the value of `NAME` (hyphens
/// read as underscores) when given; other `var(..)` stay.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     replace_css_vars("a { color: var(--tpl-main-color); b: var(--other); }", &[("main_color", &"red")]),
///     "a { color: red; b: var(--other); }"
/// );
/// ```
pub fn replace_css_vars(css: &str, kw: &[(&str, &dyn fmt::Display)]) -> String {
    const PRE: &str = "var(--tpl-";
    if kw.is_empty() {
        return css.to_owned();
    }
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find(PRE) {
        out.push_str(&rest[..i]);
        let after = &rest[i + PRE.len()..];
        let len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..len];
        let value = (len > 0 && after[len..].starts_with(')'))
            .then(|| name.replace('-', "_"))
            .and_then(|n| kw.iter().find(|(k, _)| *k == n).map(|(_, v)| v.to_string()));
        match value {
            Some(v) => {
                out.push_str(&v);
                rest = &after[len + 1..];
            }
            None => {
                out.push_str(PRE);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `ScriptX(path, kw)`: a `<script>` holding the file's code, loose-formatted with `kw`
/// (SPEC 1.87). Add script attributes with [`Ft::attr`].
///
/// Deliberate difference: a missing or unreadable file is an `Err`, never a panic.
///
/// ```
/// use ft_html::prelude::*;
/// let path = std::env::temp_dir().join("ft_doc_scriptx.js");
/// std::fs::write(&path, "let a = {v}; if (x) { y(); }").unwrap();
/// let s = ScriptX(&path, &[("v", &42)]).unwrap().attr("defer", true);
/// assert_eq!(s.render(), "<script defer>let a = 42; if (x) { y(); }</script>");
/// assert!(ScriptX("/no/such/file.js", &[]).is_err());
/// ```
#[allow(non_snake_case)]
pub fn ScriptX(path: impl AsRef<Path>, kw: &[(&str, &dyn fmt::Display)]) -> std::io::Result<Ft> {
    let code = std::fs::read_to_string(path)?;
    Ok(script(loose_format(&code, kw)))
}

/// `StyleX(path, kw)`: a `<style>` holding the file's CSS with `var(--tpl-NAME)` replaced
/// from `kw` (SPEC 1.87). Add style attributes (`media`, ...) with [`Ft::attr`].
///
/// Deliberate difference: a missing or unreadable file is an `Err`, never a panic.
///
/// ```
/// use ft_html::prelude::*;
/// let path = std::env::temp_dir().join("ft_doc_stylex.css");
/// std::fs::write(&path, "a { color: var(--tpl-main-color); }").unwrap();
/// let s = StyleX(&path, &[("main_color", &"red")]).unwrap().attr("media", "screen");
/// assert_eq!(s.render(), r#"<style media="screen">a { color: red; }</style>"#);
/// ```
#[allow(non_snake_case)]
pub fn StyleX(path: impl AsRef<Path>, kw: &[(&str, &dyn fmt::Display)]) -> std::io::Result<Ft> {
    let css = std::fs::read_to_string(path)?;
    let mut el = Element::new_static("style", false);
    el.push(Raw(Str::from(replace_css_vars(&css, kw))));
    Ok(Ft::Element(el))
}

/// `File(path)`: the file's content inserted as it is (trusted markup, like `NotStr`),
/// SPEC 1.90. A missing or unreadable file is an `Err`.
///
/// ```
/// use ft_html::prelude::*;
/// let path = std::env::temp_dir().join("ft_doc_file.html");
/// std::fs::write(&path, "<b>raw</b>").unwrap();
/// assert_eq!(Div!(File(&path).unwrap()).render(), "<div><b>raw</b></div>");
/// ```
#[allow(non_snake_case)]
pub fn File(path: impl AsRef<Path>) -> std::io::Result<Ft> {
    Ok(Ft::Raw(Raw(Str::from(std::fs::read_to_string(path)?))))
}

/// `Nbsp()`: a non-breaking space, `&nbsp;`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(Span!("a", Nbsp(), "b").render(), "<span>a&nbsp;b</span>");
/// ```
#[allow(non_snake_case)]
pub fn Nbsp() -> Ft {
    Ft::Raw(Raw(Str::from_static("&nbsp;")))
}

/// Splits an identifier into words like fastcore's `id_words`: at `-`, `_`, space and `:`
/// (runs give empty words) and at case boundaries.
fn id_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in s.split(['-', '_', ' ', ':']) {
        let cs: Vec<char> = part.chars().collect();
        let mut cur = String::new();
        for (i, &c) in cs.iter().enumerate() {
            if i > 0 {
                let p = cs[i - 1];
                let lower_digit = p.is_ascii_lowercase() || p.is_ascii_digit();
                let split = (lower_digit && c.is_ascii_uppercase())
                    || (p.is_ascii_uppercase()
                        && c.is_ascii_uppercase()
                        && cs.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
                if split {
                    words.push(std::mem::take(&mut cur));
                }
            }
            cur.push(c);
        }
        words.push(cur);
    }
    words
}

/// Python's `str.title()`.
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut prev_cased = false;
    for c in w.chars() {
        if c.is_alphabetic() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    out
}

/// Python's `str.isupper()`.
fn is_upper(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// `camelCase` as fastcore's `to_camel` writes it.
fn to_camel(s: &str) -> String {
    let ws = id_words(s);
    let mut out = ws[0].to_lowercase();
    for w in &ws[1..] {
        if is_upper(w) {
            out.push_str(w);
        } else {
            out.push_str(&title_case(w));
        }
    }
    out
}

/// `kebab-case` as fastcore's `to_kebab` writes it.
fn to_kebab(s: &str) -> String {
    id_words(s)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}

/// `HtmxOn(event, code)`: runs `code` on an htmx event, bound under both the htmx 2
/// (`htmx:afterRequest`) and htmx 4 (`htmx-after-request`) names (SPEC 1.82). `event` may be
/// `after_request`, `afterRequest` or `after-request`.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     HtmxOn("after_request", "f()").render(),
///     "<script>domReadyExecute(function() {\n[\"htmx:afterRequest\",\"htmx-after-request\"].forEach(evt => document.body.addEventListener(evt, function(event) { f() }))\n})</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn HtmxOn(event: impl AsRef<str>, code: impl AsRef<str>) -> Ft {
    let event = event.as_ref();
    script(format!(
        "domReadyExecute(function() {{\n[\"htmx:{}\",\"htmx-{}\"].forEach(evt => document.body.addEventListener(evt, function(event) {{ {} }}))\n}})",
        to_camel(event),
        to_kebab(event),
        code.as_ref()
    ))
}

// ---------------------------------------------------------------------------------------------
// jsd
// ---------------------------------------------------------------------------------------------

/// The options of `jsd!`: a jsDelivr CDN URL and what to make of it.
#[derive(Debug, Clone)]
pub struct Jsd {
    org: String,
    repo: String,
    root: String,
    path: String,
    prov: String,
    typ: String,
    ver: Option<String>,
    esm: bool,
    attrs: Vec<Attr>,
}

impl Default for Jsd {
    fn default() -> Self {
        Jsd {
            org: String::new(),
            repo: String::new(),
            root: String::new(),
            path: String::new(),
            prov: "gh".into(),
            typ: "script".into(),
            ver: None,
            esm: false,
            attrs: Vec::new(),
        }
    }
}

impl Jsd {
    /// The package: `org/repo`, file `root/path`.
    pub fn new(
        org: impl AsRef<str>,
        repo: impl AsRef<str>,
        root: impl AsRef<str>,
        path: impl AsRef<str>,
    ) -> Self {
        let mut j = Jsd::default();
        j.org(org);
        j.repo(repo);
        j.root(root);
        j.path(path);
        j
    }
    /// The organisation (1st positional argument).
    pub fn org(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.org);
        self
    }
    /// The repository or package (2nd positional argument).
    pub fn repo(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.repo);
        self
    }
    /// The directory in the package (3rd positional argument).
    pub fn root(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.root);
        self
    }
    /// The file (4th positional argument).
    pub fn path(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.path);
        self
    }
    /// The provider: `gh` (default) or `npm`.
    pub fn prov(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.prov);
        self
    }
    /// `script` (default) gives `<script src>`, `css` gives `<link rel="stylesheet">`,
    /// anything else the URL as text.
    pub fn typ(&mut self, v: impl AsRef<str>) -> &mut Self {
        v.as_ref().clone_into(&mut self.typ);
        self
    }
    /// A version: `@ver` after the repository.
    pub fn ver(&mut self, v: impl AsRef<str>) -> &mut Self {
        let v = v.as_ref();
        self.ver = (!v.is_empty()).then(|| v.to_owned());
        self
    }
    /// `/+esm` at the end.
    pub fn esm(&mut self, v: bool) -> &mut Self {
        self.esm = v;
        self
    }
    /// The URL.
    pub fn url(&self) -> String {
        let ver = self
            .ver
            .as_deref()
            .map(|v| format!("@{v}"))
            .unwrap_or_default();
        let mut s = format!(
            "https://cdn.jsdelivr.net/{}/{}/{}{ver}/{}/{}",
            self.prov, self.org, self.repo, self.root, self.path
        );
        if self.esm {
            s.push_str("/+esm");
        }
        s
    }
}

impl Component for Jsd {
    fn child(&mut self, _child: Ft) {}
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.attrs.retain(|a| a.name != name);
        if let Some(value) = value {
            self.attrs.push(Attr { name, value });
        }
    }
    fn build(self) -> Ft {
        let url = AttrValue::Text(Str::from(self.url()));
        let el = match self.typ.as_str() {
            "script" => {
                let mut el = Element::new_static("script", false);
                el.put(Cow::Borrowed("src"), Some(url));
                el
            }
            "css" => {
                let mut el = Element::new_static("link", true);
                el.put(
                    Cow::Borrowed("rel"),
                    Some(AttrValue::Trusted(Str::from_static("stylesheet"))),
                );
                el.put(Cow::Borrowed("href"), Some(url));
                el
            }
            _ => return Ft::text(self.url()),
        };
        let mut el = el;
        el.attrs_mut().extend(self.attrs);
        Ft::Element(el)
    }
}

/// `jsd!(org, repo, root, path, prov = .., typ = .., ver = .., esm = bool, attrs..)`: a
/// jsDelivr `<script src>` (default), a stylesheet `<link>` (`typ = "css"`), or the URL as
/// text (any other `typ`; [`Jsd::url`] gives it as a `String`). Other attributes go to the
/// tag (SPEC 1.83).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     jsd!("a", "b", "dist", "x.js", ver = "1.0").render(),
///     r#"<script src="https://cdn.jsdelivr.net/gh/a/b@1.0/dist/x.js"></script>"#
/// );
/// assert_eq!(
///     jsd!("a", "b", "dist", "x.css", typ = "css", prov = "npm").render(),
///     r#"<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/a/b/dist/x.css">"#
/// );
/// assert_eq!(Jsd::new("a", "b", "r", "p").esm(true).url(), "https://cdn.jsdelivr.net/gh/a/b/r/p/+esm");
/// ```
#[macro_export]
macro_rules! jsd {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::xtend::Jsd::default()}, [prov, typ, ver, esm], [org, repo, root, path], void("link"); $($t)*)
    };
}

// ---------------------------------------------------------------------------------------------
// Socials, Favicon, YouTubeEmbed, clear, upload_pb_attrs, LdJson
// ---------------------------------------------------------------------------------------------

/// The options of `Socials!`.
#[derive(Debug, Clone)]
pub struct SocialsBuilder {
    title: String,
    site_name: String,
    description: String,
    image: String,
    url: Option<String>,
    w: AttrValue,
    h: AttrValue,
    twitter_site: Option<String>,
    creator: Option<String>,
    card: String,
}

impl SocialsBuilder {
    /// The four required values.
    pub fn new(
        title: impl AsRef<str>,
        site_name: impl AsRef<str>,
        description: impl AsRef<str>,
        image: impl AsRef<str>,
    ) -> Self {
        SocialsBuilder {
            title: title.as_ref().to_owned(),
            site_name: site_name.as_ref().to_owned(),
            description: description.as_ref().to_owned(),
            image: image.as_ref().to_owned(),
            url: None,
            w: AttrValue::Int(1200),
            h: AttrValue::Int(630),
            twitter_site: None,
            creator: None,
            card: "summary".into(),
        }
    }
    /// The site URL (default: the site name); `https://` is added when it has no scheme.
    pub fn url(&mut self, v: impl AsRef<str>) {
        let v = v.as_ref();
        self.url = (!v.is_empty()).then(|| v.to_owned());
    }
    /// The image width (default 1200).
    pub fn w(&mut self, v: impl IntoAttr) {
        self.w = v.into_attr().unwrap_or(AttrValue::Int(1200));
    }
    /// The image height (default 630).
    pub fn h(&mut self, v: impl IntoAttr) {
        self.h = v.into_attr().unwrap_or(AttrValue::Int(630));
    }
    /// `twitter:site`.
    pub fn twitter_site(&mut self, v: impl AsRef<str>) {
        self.twitter_site = Some(v.as_ref().to_owned());
    }
    /// `twitter:creator`.
    pub fn creator(&mut self, v: impl AsRef<str>) {
        self.creator = Some(v.as_ref().to_owned());
    }
    /// `twitter:card` (default `summary`).
    pub fn card(&mut self, v: impl AsRef<str>) {
        v.as_ref().clone_into(&mut self.card);
    }
    /// The `<meta>` tags.
    pub fn build(&self) -> Ft {
        let mut url = self.url.clone().unwrap_or_else(|| self.site_name.clone());
        if !url.starts_with("http") {
            url = format!("https://{url}");
        }
        let image = if self.image.starts_with("http") {
            self.image.clone()
        } else {
            format!("{url}{}", self.image)
        };
        let meta = |key: &'static str, k: &str, v: AttrValue| {
            let mut el = Element::new_static("meta", true);
            el.put(
                Cow::Borrowed(key),
                Some(AttrValue::Text(Str::from(k.to_owned()))),
            );
            el.put(Cow::Borrowed("content"), Some(v));
            Ft::Element(el)
        };
        let t = |s: &str| AttrValue::Text(Str::from(s.to_owned()));
        let mut res = vec![
            meta("property", "og:image", t(&image)),
            meta("property", "og:site_name", t(&self.site_name)),
            meta("property", "og:image:type", t("image/png")),
            meta("property", "og:image:width", self.w.clone()),
            meta("property", "og:image:height", self.h.clone()),
            meta("property", "og:type", t("website")),
            meta("property", "og:url", t(&url)),
            meta("property", "og:title", t(&self.title)),
            meta("property", "og:description", t(&self.description)),
            meta("name", "twitter:image", t(&image)),
            meta("name", "twitter:card", t(&self.card)),
            meta("name", "twitter:title", t(&self.title)),
            meta("name", "twitter:description", t(&self.description)),
        ];
        if let Some(s) = &self.twitter_site {
            res.push(meta("name", "twitter:site", t(s)));
        }
        if let Some(s) = &self.creator {
            res.push(meta("name", "twitter:creator", t(s)));
        }
        Ft::Fragment(res)
    }
}

/// `Socials!(title, site_name, description, image, url = .., w = .., h = .., twitter_site = ..,
/// creator = .., card = ..)`: Open Graph and Twitter card `<meta>` tags, 13 of them, 15 with
/// `twitter_site` and `creator` (SPEC 1.84). `url` defaults to the site name and gets
/// `https://` when it has no scheme; a relative image is prefixed with the URL.
///
/// ```
/// use ft_html::prelude::*;
/// let s = Socials!("T", "ex.com", "D", "/img.png", twitter_site = "@s", creator = "@c");
/// assert_eq!(s.children().len(), 15);
/// assert!(s.render().starts_with(r#"<meta property="og:image" content="https://ex.com/img.png">"#));
/// ```
#[macro_export]
macro_rules! Socials {
    ($title:expr, $site:expr, $desc:expr, $image:expr $(, $($rest:tt)*)?) => {{
        #[allow(unused_mut)]
        let mut __b = $crate::xtend::SocialsBuilder::new($title, $site, $desc, $image);
        $crate::__ft_opts!(__b [] $($($rest)*)?);
        __b.build()
    }};
}

/// `Favicon(light, dark)`: two `<link rel="icon">` for light and dark color schemes
/// (SPEC 1.85).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     Favicon("l.ico", "d.ico").render(),
///     r#"<link rel="icon" type="image/x-ico" href="l.ico" media="(prefers-color-scheme: light)"><link rel="icon" type="image/x-ico" href="d.ico" media="(prefers-color-scheme: dark)">"#
/// );
/// ```
#[allow(non_snake_case)]
pub fn Favicon(light_icon: impl IntoAttr, dark_icon: impl IntoAttr) -> Ft {
    let link = |href: Option<AttrValue>, media: &'static str| {
        let mut el = Preset::new(
            "link",
            true,
            &[("rel", "icon"), ("type", "image/x-ico"), ("href", "")],
        )
        .el;
        el.put(Cow::Borrowed("href"), href);
        el.put(
            Cow::Borrowed("media"),
            Some(AttrValue::Trusted(Str::from_static(media))),
        );
        Ft::Element(el)
    };
    Ft::Fragment(vec![
        link(light_icon.into_attr(), "(prefers-color-scheme: light)"),
        link(dark_icon.into_attr(), "(prefers-color-scheme: dark)"),
    ])
}

/// `clear(id)`: an empty `<div hx-swap-oob="innerHTML" id=..>`, which empties the element
/// with that id (SPEC 1.88).
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(clear("msgs").render(), r#"<div hx-swap-oob="innerHTML" id="msgs"></div>"#);
/// ```
pub fn clear(id: impl IntoAttr) -> Ft {
    let mut el = Preset::new("div", false, &[("hx-swap-oob", "innerHTML")]).el;
    el.put(Cow::Borrowed("id"), id.into_attr());
    Ft::Element(el)
}

/// The builder behind `YouTubeEmbed!`.
#[derive(Debug, Clone)]
pub struct YouTubeEmbedBuilder {
    video_id: String,
    width: Option<AttrValue>,
    height: Option<AttrValue>,
    start_time: u64,
    no_controls: bool,
    title: Option<AttrValue>,
    cls: Option<AttrValue>,
    attrs: Vec<Attr>,
    kids: Vec<Ft>,
}

impl Default for YouTubeEmbedBuilder {
    fn default() -> Self {
        YouTubeEmbedBuilder {
            video_id: String::new(),
            width: Some(AttrValue::Int(560)),
            height: Some(AttrValue::Int(315)),
            start_time: 0,
            no_controls: false,
            title: Some(AttrValue::Trusted(Str::from_static("YouTube video player"))),
            cls: Some(AttrValue::Trusted(Str::from_static(""))),
            attrs: Vec::new(),
            kids: Vec::new(),
        }
    }
}

impl YouTubeEmbedBuilder {
    /// The video id (1st positional argument).
    pub fn video_id(&mut self, v: impl AsRef<str>) {
        v.as_ref().clone_into(&mut self.video_id);
    }
    /// The iframe width (default 560).
    pub fn width(&mut self, v: impl IntoAttr) {
        self.width = v.into_attr();
    }
    /// The iframe height (default 315).
    pub fn height(&mut self, v: impl IntoAttr) {
        self.height = v.into_attr();
    }
    /// Start playing at this second.
    pub fn start_time(&mut self, v: u64) {
        self.start_time = v;
    }
    /// Hide the player controls.
    pub fn no_controls(&mut self, v: bool) {
        self.no_controls = v;
    }
    /// The iframe title (default "YouTube video player").
    pub fn title(&mut self, v: impl IntoAttr) {
        self.title = v.into_attr();
    }
    /// The class of the wrapping `<div>` (default empty).
    pub fn cls(&mut self, v: impl IntoAttr) {
        self.cls = v.into_attr();
    }
    /// The embed URL.
    pub fn url(&self) -> String {
        let mut id = String::with_capacity(self.video_id.len());
        for b in self.video_id.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                id.push(b as char);
            } else {
                id.push_str(&format!("%{b:02X}"));
            }
        }
        let mut params = Vec::new();
        if self.start_time > 0 {
            params.push(format!("start={}", self.start_time));
        }
        if self.no_controls {
            params.push("controls=0".to_owned());
        }
        let q = if params.is_empty() {
            String::new()
        } else {
            format!("?{}", params.join("&"))
        };
        format!("https://www.youtube.com/embed/{id}{q}")
    }
}

impl Component for YouTubeEmbedBuilder {
    fn child(&mut self, child: Ft) {
        self.kids.push(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.attrs.retain(|a| a.name != name);
        if let Some(value) = value {
            self.attrs.push(Attr { name, value });
        }
    }
    fn build(self) -> Ft {
        let mut f = Element::new_static("iframe", false);
        let trusted = |s: &'static str| Some(AttrValue::Trusted(Str::from_static(s)));
        f.put(Cow::Borrowed("width"), self.width.clone());
        f.put(Cow::Borrowed("height"), self.height.clone());
        f.put(
            Cow::Borrowed("src"),
            Some(AttrValue::Text(Str::from(self.url()))),
        );
        f.put(Cow::Borrowed("frameborder"), trusted("0"));
        f.put(
            Cow::Borrowed("allow"),
            trusted("accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"),
        );
        f.put(
            Cow::Borrowed("referrerpolicy"),
            trusted("strict-origin-when-cross-origin"),
        );
        f.put(Cow::Borrowed("allowfullscreen"), trusted(""));
        let (style, attrs): (Vec<Attr>, Vec<Attr>) =
            self.attrs.into_iter().partition(|a| a.name == "style");
        f.attrs_mut().extend(attrs);
        f.put(Cow::Borrowed("title"), self.title);
        f.attrs_mut().extend(style);
        for k in self.kids {
            f.push(k);
        }
        let mut div = Element::new_static("div", false);
        div.push(f);
        div.put(Cow::Borrowed("class"), self.cls);
        Ft::Element(div)
    }
}

/// `YouTubeEmbed!(video_id, width = .., height = .., start_time = .., no_controls = bool,
/// title = .., cls = .., attrs..)`: a YouTube `<iframe>` in a `<div class=cls>`; other
/// attributes go to the iframe (SPEC 1.89).
///
/// Deliberate differences: nothing is printed (FastHTML prints the URL to stdout); the video
/// id is percent-encoded so it cannot add query parameters (ordinary ids are unchanged); an
/// empty id gives an embed of nothing rather than an exception.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     YouTubeEmbed!("abc", start_time = 5, no_controls = true).render(),
///     r#"<div class=""><iframe width="560" height="315" src="https://www.youtube.com/embed/abc?start=5&amp;controls=0" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen="" title="YouTube video player"></iframe></div>"#
/// );
/// ```
#[macro_export]
macro_rules! YouTubeEmbed {
    ($($t:tt)*) => {
        $crate::__macros::component!({$crate}, {$crate::xtend::YouTubeEmbedBuilder::default()}, [width, height, start_time, no_controls, title, cls], [video_id], nonvoid; $($t)*)
    };
}

/// `upload_pb_attrs(id)`: the `hx-on::xhr:progress` attribute that shows and advances the
/// hidden `<progress id=..>` while a form uploads (SPEC 1.93). Spread it into any tag:
/// `Form!(.., ..upload_pb_attrs("uploadprog"))`. FastHTML's default id is `"uploadprog"`.
///
/// Deliberate difference: `'` and `\` in the id are escaped for the JavaScript string.
///
/// ```
/// use ft_html::prelude::*;
/// let f = Form!(Input!(r#type = "file"), ..upload_pb_attrs("pb"));
/// assert!(f.render().contains("hx-on::xhr:progress=\"{ const p=document.getElementById('pb');"));
/// ```
pub fn upload_pb_attrs(id: &str) -> [(&'static str, String); 1] {
    let id = id.replace('\\', "\\\\").replace('\'', "\\'");
    let js = format!(
        "{{ const p=document.getElementById('{id}');\n        if(event.detail.total) {{p.classList.remove('hidden'); p.value=event.detail.loaded/event.detail.total*100}} }}"
    );
    [("hx-on::xhr:progress", js)]
}

/// JSON as Python's `json.dumps` writes it: `", "`/`": "` separators (or newlines and
/// `indent` spaces per level), non-ASCII as `\uXXXX`. Object keys come in `serde_json`'s
/// order (sorted).
///
/// ```
/// use ft_html::xtend::py_dumps;
/// let v = serde_json::json!({"a": [1, 2.5e-7], "b": "é"});
/// assert_eq!(py_dumps(&v, None), r#"{"a": [1, 2.5e-07], "b": "\u00e9"}"#);
/// assert_eq!(py_dumps(&v, Some(1)), "{\n \"a\": [\n  1,\n  2.5e-07\n ],\n \"b\": \"\\u00e9\"\n}");
/// ```
pub fn py_dumps(v: &Value, indent: Option<usize>) -> String {
    let mut out = String::new();
    write_json(&mut out, v, indent, 0);
    out
}

fn write_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A float as Python's `repr` writes it: shortest digits, fixed notation for exponents
/// -4..16 (`1e16` -> `1e+16`, `1.5e-07`).
fn write_py_float(out: &mut String, f: f64) {
    crate::text::write_py_float(out, f, ["NaN", "Infinity", "-Infinity"]);
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(n) = indent {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', n * level));
    }
}

fn write_json_object<'a>(
    out: &mut String,
    items: impl ExactSizeIterator<Item = (&'a str, &'a Value)>,
    indent: Option<usize>,
    level: usize,
) {
    if items.len() == 0 {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in items.enumerate() {
        if i > 0 {
            out.push_str(if indent.is_some() { "," } else { ", " });
        }
        newline(out, indent, level + 1);
        write_json_str(out, k);
        out.push_str(": ");
        write_json(out, v, indent, level + 1);
    }
    newline(out, indent, level);
    out.push('}');
}

fn write_json(out: &mut String, v: &Value, indent: Option<usize>, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
            Some(f) => write_py_float(out, f),
            None => out.push_str(&n.to_string()),
        },
        Value::String(s) => write_json_str(out, s),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(if indent.is_some() { "," } else { ", " });
                }
                newline(out, indent, level + 1);
                write_json(out, x, indent, level + 1);
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Object(m) => {
            write_json_object(out, m.iter().map(|(k, v)| (k.as_str(), v)), indent, level)
        }
    }
}

/// `LdJson(typ, data)`: a `<script type="application/ld+json">` with JSON-LD structured data:
/// `@type`, `@context` and then the pairs of `data` in the order given, written like Python's
/// `json.dumps(.., indent=1)` (SPEC 1.91; FastHTML's `LdJson(.., script=True)`). For the bare
/// dict use `serde_json::json!`.
///
/// Nested objects list their keys sorted (serde_json's map order). `</script` in the data is
/// written `<\/script`, which JSON reads the same.
///
/// ```
/// use ft_html::prelude::*;
/// assert_eq!(
///     LdJson("WebSite", [("name", "S"), ("url", "https://s")]).render(),
///     "<script type=\"application/ld+json\">{\n \"@type\": \"WebSite\",\n \"@context\": \"https://schema.org\",\n \"name\": \"S\",\n \"url\": \"https://s\"\n}</script>"
/// );
/// ```
#[allow(non_snake_case)]
pub fn LdJson<K: AsRef<str>, V: serde::Serialize>(
    typ: &str,
    data: impl IntoIterator<Item = (K, V)>,
) -> Ft {
    let mut items: Vec<(String, Value)> = vec![
        ("@type".into(), Value::String(typ.to_owned())),
        (
            "@context".into(),
            Value::String("https://schema.org".into()),
        ),
    ];
    for (k, v) in data {
        let k = k.as_ref();
        let v = to_json_value(&v);
        match items.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v,
            None => items.push((k.to_owned(), v)),
        }
    }
    let mut json = String::new();
    write_json_object(
        &mut json,
        items.iter().map(|(k, v)| (k.as_str(), v)),
        Some(1),
        0,
    );
    let mut el = Element::new_static("script", false);
    el.push(Raw(Str::from(json)));
    el.put(
        Cow::Borrowed("type"),
        Some(AttrValue::Trusted(Str::from_static("application/ld+json"))),
    );
    Ft::Element(el)
}

/// `LdWebsite(name, url)`: JSON-LD `WebSite` data in a script (FastHTML's
/// `LdWebsite(.., script=True)`, SPEC 1.91).
///
/// ```
/// use ft_html::prelude::*;
/// assert!(LdWebsite("S", "https://s").render().contains("\"@type\": \"WebSite\""));
/// ```
#[allow(non_snake_case)]
pub fn LdWebsite(name: &str, url: &str) -> Ft {
    LdJson("WebSite", [("name", name), ("url", url)])
}

impl fmt::Display for Jsd {
    /// The URL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url())
    }
}
