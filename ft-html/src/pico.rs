//! FastHTML's Pico CSS components (`fasthtml.pico`, SPEC 1I): the stylesheet link and the
//! semantic wrappers Pico styles (`Card!`, `Grid!`, `Group!`, `Search!`, `DialogX!`,
//! `Container!`, `PicoBusy()`).
//!
//! Import it explicitly, as in FastHTML (`from fasthtml.pico import *`):
//!
//! ```
//! use ft_html::prelude::*;
//! use ft_html::pico::{Card, Container, Grid};
//!
//! let page = Container!(Grid!(Card!(P!("a"), header = H3!("A")), Card!(P!("b"))));
//! assert_eq!(
//!     page.render(),
//!     "<main class=\"container\"><div class=\"grid\">\
//!      <div><article><header><h3>A</h3></header><p>a</p></article></div>\
//!      <div><article><p>b</p></article></div></div></main>"
//! );
//! ```
//!
//! `Search` here is Pico's search form. The crate root (and so the prelude) also has the plain
//! `<search>` tag `Search!`, so after `use ft_html::prelude::*; use ft_html::pico::*;` name it
//! explicitly: `use ft_html::pico::Search;` (an explicit import wins over the globs). Its
//! root name is `PicoSearch!`.
//!
//! # Deliberate differences from FastHTML
//! - `picolink` is a function, [`picolink()`], with [`picolink_href`] for a self-hosted copy
//!   of Pico (ft apps vendor their assets).
//! - `Grid!` passes a list child (a `Vec`, tuple or iterator: every fragment) through unwrapped,
//!   as FastHTML passes a `list` — but renders its items, where FastHTML renders the Python
//!   `repr` of the list (`[<span>c</span>]`, SPEC 1.96).
//! - `Container!(cls = "x")` gives `class="container x"` (FastHTML raises a duplicate-keyword
//!   `TypeError`).

use crate::Str;
use crate::attr::{AttrValue, IntoAttr};
use crate::component::Component;
use crate::element::Element;
use crate::text::{Raw, Text};
use crate::xtend::HtmxOn;
use crate::{Ft, IntoFt};
use std::borrow::Cow;

pub use crate::{Card, Container, DialogX, Grid, Group, PicoSearch as Search};

/// FastHTML's Pico stylesheet URL (`picocss`).
pub const PICOCSS: &str = "https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.min.css";
/// FastHTML's conditional Pico stylesheet URL (`picocondcss`): styles only inside `.pico`.
pub const PICOCONDCSS: &str =
    "https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.conditional.min.css";

const PICO_FONT: &str = ":root { --pico-font-size: 100%; }";

/// FastHTML's `picolink` (SPEC 1.94): the Pico stylesheet from FastHTML's CDN URL
/// ([`PICOCSS`]) plus a `<style>` setting `--pico-font-size: 100%`.
///
/// ```
/// use ft_html::pico::picolink;
/// assert_eq!(
///     picolink().render(),
///     "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/@anyblades/pico@latest/css/pico.min.css\">\
///      <style>:root { --pico-font-size: 100%; }</style>"
/// );
/// ```
pub fn picolink() -> Ft {
    picolink_href(PICOCSS)
}

/// [`picolink()`] with another stylesheet URL: a vendored copy of Pico.
///
/// ```
/// use ft_html::pico::picolink_href;
/// assert_eq!(
///     picolink_href("/static/pico.min.css").render(),
///     "<link rel=\"stylesheet\" href=\"/static/pico.min.css\"><style>:root { --pico-font-size: 100%; }</style>"
/// );
/// ```
pub fn picolink_href(href: impl Into<Str>) -> Ft {
    let mut link = Element::new_static("link", true);
    link.put(
        Cow::Borrowed("rel"),
        Some(AttrValue::Trusted(Str::from_static("stylesheet"))),
    );
    link.put(Cow::Borrowed("href"), Some(AttrValue::Text(href.into())));
    let mut style = Element::new_static("style", false);
    style.push(Raw::new(PICO_FONT));
    Ft::Fragment(vec![Ft::Element(link), Ft::Element(style)])
}

/// FastHTML's `picocondlink`: [`picolink()`] for the conditional stylesheet ([`PICOCONDCSS`]).
///
/// ```
/// use ft_html::pico::picocondlink;
/// assert!(picocondlink().render().contains("pico.conditional.min.css"));
/// ```
pub fn picocondlink() -> Ft {
    picolink_href(PICOCONDCSS)
}

/// Python truthiness of a header/footer (`if header:`): nothing and `""` are false.
pub(crate) fn truthy(ft: &Ft) -> bool {
    match ft {
        Ft::Fragment(v) => !v.is_empty(),
        Ft::Text(Text::Str(s)) => !s.is_empty(),
        _ => true,
    }
}

fn wrap(tag: &'static str, content: Ft) -> Ft {
    let mut el = Element::new_static(tag, false);
    el.push_ft(content);
    Ft::Element(el)
}

/// Puts `class` where FastHTML writes it (after `id`, before `title` and `style`), or
/// prefixes an existing class with `base` when `merge` is set (kept otherwise).
fn default_class(el: &mut Element, base: &'static str, merge: bool) {
    let attrs = el.attrs_mut();
    if let Some(a) = attrs.iter_mut().find(|a| a.name == "class") {
        if merge {
            let user = a.value.to_plain().map(Cow::into_owned).unwrap_or_default();
            let v = if user.is_empty() {
                base.to_owned()
            } else {
                format!("{base} {user}")
            };
            a.value = AttrValue::Text(Str::from(v));
        }
        return;
    }
    let at = attrs
        .iter()
        .position(|a| a.name == "title" || a.name == "style")
        .unwrap_or(attrs.len());
    attrs.insert(
        at,
        crate::Attr {
            name: Cow::Borrowed("class"),
            value: AttrValue::Trusted(Str::from_static(base)),
        },
    );
}

/// The builder behind `Card!`: an `<article>` with an optional `<header>` first and
/// `<footer>` last.
#[derive(Debug, Clone)]
pub struct CardBuilder {
    el: Element,
    header: Option<Ft>,
    footer: Option<Ft>,
}

impl Default for CardBuilder {
    fn default() -> Self {
        CardBuilder {
            el: Element::new_static("article", false),
            header: None,
            footer: None,
        }
    }
}

impl CardBuilder {
    /// The header content (wrapped in `<header>`); nothing or `""` means no header.
    pub fn header(&mut self, h: impl IntoFt) {
        self.header = Some(h.into_ft());
    }
    /// The footer content (wrapped in `<footer>`); nothing or `""` means no footer.
    pub fn footer(&mut self, f: impl IntoFt) {
        self.footer = Some(f.into_ft());
    }
}

impl Component for CardBuilder {
    fn child(&mut self, child: Ft) {
        self.el.push_ft(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        Component::attr(&mut self.el, name, value);
    }
    fn reserve(&mut self, n: usize) {
        self.el.reserve(n);
    }
    fn build(self) -> Ft {
        let mut el = self.el;
        if let Some(h) = self.header.filter(truthy) {
            el.children_mut().insert(0, wrap("header", h));
        }
        if let Some(f) = self.footer.filter(truthy) {
            el.push_ft(wrap("footer", f));
        }
        Ft::Element(el)
    }
}

/// A Pico card (SPEC 1.95): an `<article>` with an optional `header = ..` (wrapped in
/// `<header>`, first) and `footer = ..` (wrapped in `<footer>`, last).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::pico::Card;
/// assert_eq!(
///     Card!(P!("body"), header = H3!("H"), footer = "F", id = "c").render(),
///     r#"<article id="c"><header><h3>H</h3></header><p>body</p><footer>F</footer></article>"#
/// );
/// ```
#[macro_export]
macro_rules! Card {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::pico::CardBuilder::default()}, [header, footer], [], card; $($t)*)
    };
}

/// The builder behind `Grid!`.
#[derive(Debug, Clone)]
pub struct GridBuilder {
    el: Element,
}

impl Default for GridBuilder {
    fn default() -> Self {
        GridBuilder {
            el: Element::new_static("div", false),
        }
    }
}

impl Component for GridBuilder {
    fn child(&mut self, child: Ft) {
        match child {
            Ft::Fragment(items) => self.el.push_ft(Ft::Fragment(items)),
            one => self.el.push_ft(wrap("div", one)),
        }
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        Component::attr(&mut self.el, name, value);
    }
    fn reserve(&mut self, n: usize) {
        self.el.reserve(n);
    }
    fn build(self) -> Ft {
        let mut el = self.el;
        default_class(&mut el, "grid", false);
        Ft::Element(el)
    }
}

/// A Pico grid (SPEC 1.96): a `<div class="grid">` with each child wrapped in a `<div>`.
/// A list child (`Vec`, tuple, iterator) is passed through unwrapped, as FastHTML passes a
/// `list`; `cls = ..` replaces the `grid` class.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::pico::Grid;
/// assert_eq!(
///     Grid!("a", P!("b"), vec![Span!("c")]).render(),
///     r#"<div class="grid"><div>a</div><div><p>b</p></div><span>c</span></div>"#
/// );
/// ```
#[macro_export]
macro_rules! Grid {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::pico::GridBuilder::default()}, [], [], grid; $($t)*)
    };
}

/// The element behind `Group!`: `<fieldset role="group">`.
pub fn group_element() -> Element {
    let mut el = Element::new_static("fieldset", false);
    el.put(
        Cow::Borrowed("role"),
        Some(AttrValue::Trusted(Str::from_static("group"))),
    );
    el
}

/// A Pico group (SPEC 1.97): `<fieldset role="group">`, for inputs and buttons on one line.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::pico::Group;
/// assert_eq!(
///     Group!(Input!(name = "a"), Button!("Go")).render(),
///     r#"<fieldset role="group"><input name="a"><button>Go</button></fieldset>"#
/// );
/// ```
#[macro_export]
macro_rules! Group {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::pico::group_element()}, [], [], nonvoid; $($t)*)
    };
}

/// The element behind `PicoSearch!`: FastHTML's `Form` defaults plus `role="search"`.
pub fn search_element() -> Element {
    let mut el = Element::new_static("form", false);
    for &(name, value) in ft_tags::classes::FORM_PRESET {
        el.put(
            Cow::Borrowed(name),
            Some(AttrValue::Trusted(Str::from_static(value))),
        );
    }
    el.put(
        Cow::Borrowed("role"),
        Some(AttrValue::Trusted(Str::from_static("search"))),
    );
    el
}

/// Pico's search form (SPEC 1.98): a `<form enctype="multipart/form-data" role="search">`.
/// Import it as `ft_html::pico::Search`; at the crate root it is `PicoSearch!`, because
/// `Search!` there is the plain `<search>` tag.
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::pico::Search;
/// assert_eq!(
///     Search!(Input!(name = "q")).render(),
///     r#"<form enctype="multipart/form-data" role="search"><input name="q"></form>"#
/// );
/// ```
#[macro_export]
macro_rules! PicoSearch {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::pico::search_element()}, [], [], nonvoid; $($t)*)
    };
}

/// The builder behind `DialogX!`: the dialog's `open` and `id`, and a card for the rest.
#[derive(Debug, Clone, Default)]
pub struct DialogXBuilder {
    card: CardBuilder,
    open: Option<AttrValue>,
    id: Option<AttrValue>,
}

impl DialogXBuilder {
    /// The card's header.
    pub fn header(&mut self, h: impl IntoFt) {
        self.card.header(h);
    }
    /// The card's footer.
    pub fn footer(&mut self, f: impl IntoFt) {
        self.card.footer(f);
    }
    /// The dialog's `open`.
    pub fn open(&mut self, open: impl IntoAttr) {
        self.open = open.into_attr();
    }
    /// The dialog's `id`.
    pub fn id(&mut self, id: impl IntoAttr) {
        self.id = id.into_attr();
    }
}

impl Component for DialogXBuilder {
    fn child(&mut self, child: Ft) {
        self.card.child(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.card.attr(name, value);
    }
    fn reserve(&mut self, n: usize) {
        self.card.reserve(n);
    }
    fn build(self) -> Ft {
        let mut dialog = Element::new_static("dialog", false);
        dialog.put(Cow::Borrowed("open"), self.open);
        dialog.put(Cow::Borrowed("id"), self.id);
        dialog.push_ft(self.card.build());
        Ft::Element(dialog)
    }
}

/// A Pico modal (SPEC 1.99): a `<dialog>` holding a [`Card!`](crate::Card). `open` and `id`
/// go on the dialog, `header`/`footer` make the card's header and footer, and every other
/// attribute goes on the card (`<article>`).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::pico::DialogX;
/// assert_eq!(
///     DialogX!(P!("x"), header = "H", open = true, id = "dlg", cls = "c").render(),
///     r#"<dialog open id="dlg"><article class="c"><header>H</header><p>x</p></article></dialog>"#
/// );
/// ```
#[macro_export]
macro_rules! DialogX {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::pico::DialogXBuilder::default()}, [open, header, footer, id], [], nonvoid; $($t)*)
    };
}

/// The builder behind `Container!`.
#[derive(Debug, Clone)]
pub struct ContainerBuilder {
    el: Element,
}

impl Default for ContainerBuilder {
    fn default() -> Self {
        ContainerBuilder {
            el: Element::new_static("main", false),
        }
    }
}

impl Component for ContainerBuilder {
    fn child(&mut self, child: Ft) {
        self.el.push_ft(child);
    }
    fn attr(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        Component::attr(&mut self.el, name, value);
    }
    fn reserve(&mut self, n: usize) {
        self.el.reserve(n);
    }
    fn build(self) -> Ft {
        let mut el = self.el;
        default_class(&mut el, "container", true);
        Ft::Element(el)
    }
}

/// A Pico container (SPEC 1.100): `<main class="container">`; `cls = "x"` adds classes
/// (`class="container x"`).
///
/// ```
/// use ft_html::prelude::*;
/// use ft_html::pico::Container;
/// assert_eq!(Container!(P!("x")).render(), r#"<main class="container"><p>x</p></main>"#);
/// assert_eq!(Container!(id = "m", cls = "wide").render(), r#"<main id="m" class="container wide"></main>"#);
/// ```
#[macro_export]
macro_rules! Container {
    ($($t:tt)*) => {
        $crate::__private::macros::component!({$crate}, {$crate::pico::ContainerBuilder::default()}, [], [], nonvoid; $($t)*)
    };
}

const BUSY_ELT: &str = "(event.detail.ctx?.sourceElement || event.detail.elt)";

/// FastHTML's `PicoBusy()` (SPEC 1.101): two scripts that set `aria-busy="true"` on the
/// element making an htmx request and `"false"` when it is done, so Pico shows a spinner
/// ([`HtmxOn`] scripts).
/// Like FastHTML's, they call `domReadyExecute` from FastHTML's default page scripts.
///
/// ```
/// use ft_html::pico::PicoBusy;
/// let busy = PicoBusy();
/// assert_eq!(busy.children().len(), 2);
/// assert!(busy.render().contains("setAttribute('aria-busy', 'true' )"));
/// ```
#[allow(non_snake_case)]
pub fn PicoBusy() -> Ft {
    Ft::Fragment(vec![
        HtmxOn(
            "beforeRequest",
            format!("{BUSY_ELT}.setAttribute('aria-busy', 'true' )"),
        ),
        HtmxOn(
            "afterRequest",
            format!("{BUSY_ELT}.setAttribute('aria-busy', 'false')"),
        ),
    ])
}
