//! Page scaffolding: `Titled!` (`<title>` and `<main>`) and `Html!` (doctype and `<html>`).

use crate::Str;
use crate::attr::AttrValue;
use crate::component::Component;
use crate::element::Element;
use crate::{Ft, IntoFt};
use std::borrow::Cow;

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
        $crate::__private::macros::component!({$crate}, {$crate::xtend::TitledBuilder::default()}, [], [title], titled; $($t)*)
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
    /// Compiled children stay the `<html>` element's template (`Html!` is `keeps_tmpl`).
    fn tmpl(&mut self, tmpl: &'static crate::tmpl::Tmpl, slots: crate::typed::Slots) {
        Component::tmpl(&mut self.html, tmpl, slots);
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
        $crate::__private::macros::component!({$crate}, {$crate::xtend::HtmlBuilder::default()}, [doctype], [], keeps_tmpl; $($t)*)
    };
}
