//! Out-of-band updates, written for the htmx the app runs (SPEC 1.92, htmx 4's `<hx-partial>`).
//!
//! A handler answers one target (its `hx-target`) and may update other elements of the page
//! in the same answer. htmx 4 does that with `<hx-partial hx-target=".." hx-swap="..">`
//! elements, htmx 2 with `hx-swap-oob`. [`Partial`] is that update as a value: put it in the
//! handler's tuple, and ft writes it for the app's htmx: `<hx-partial>` with
//! [`htmx4(true)`](crate::FastApp::htmx4), the `hx-swap-oob` equivalent otherwise. A
//! `HxPartial!(..)` (FastHTML's `HxPartial`) at the top of an htmx answer is rewritten the
//! same way, so it works under htmx 2 too.
//!
//! ```
//! use ft_web::prelude::*;
//! use ft_web::{Partial, Swap};
//!
//! #[post("/add")]
//! fn add(title: String) -> Ft {
//!     (
//!         Li!(title),                                       // into the form's hx-target
//!         Partial::new("count", P!("4 todos")),             // #count's content
//!         Partial::new("log", P!("added")).swap(Swap::BeforeEnd),
//!     )
//!         .into_ft()
//! }
//! # let _ = add;
//! assert_eq!(
//!     Partial::new("count", P!("4 todos")).into_ft().render(),
//!     r##"<hx-partial hx-target="#count" hx-swap="innerHTML"><p>4 todos</p></hx-partial>"##
//! );
//! ```

use ft_html::prelude::*;
use ft_html::{Element, Ft};

/// How a [`Partial`] goes into its target (htmx's `hx-swap` styles, the same in htmx 2 and 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Swap {
    /// Replace the target's content (the default).
    #[default]
    InnerHtml,
    /// Replace the target itself.
    OuterHtml,
    /// Before the target.
    BeforeBegin,
    /// First in the target.
    AfterBegin,
    /// Last in the target.
    BeforeEnd,
    /// After the target.
    AfterEnd,
    /// Remove the target (the content is not used).
    Delete,
}

impl Swap {
    /// htmx's name for it (`innerHTML`, `beforeend`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Swap::InnerHtml => "innerHTML",
            Swap::OuterHtml => "outerHTML",
            Swap::BeforeBegin => "beforebegin",
            Swap::AfterBegin => "afterbegin",
            Swap::BeforeEnd => "beforeend",
            Swap::AfterEnd => "afterend",
            Swap::Delete => "delete",
        }
    }
}

/// One out-of-band update: `content` swapped into the page element with the id `target_id`
/// (`Swap::InnerHtml` unless [`swap`](Partial::swap) says otherwise); rendered as htmx 4's
/// `<hx-partial>`, or as htmx 2's `hx-swap-oob` in an htmx 2 app's partial answers.
#[derive(Debug, Clone)]
pub struct Partial {
    target: String,
    swap: Swap,
    content: Ft,
}

impl Partial {
    /// `content` for the element whose id is `target_id` (no `#`).
    pub fn new(target_id: impl AsRef<str>, content: impl IntoFt) -> Partial {
        Partial {
            target: format!("#{}", target_id.as_ref().trim_start_matches('#')),
            swap: Swap::InnerHtml,
            content: content.into_ft(),
        }
    }
    /// `content` for every element a CSS selector matches (`.badge`, `#list > li`).
    pub fn selector(selector: impl Into<String>, content: impl IntoFt) -> Partial {
        Partial {
            target: selector.into(),
            swap: Swap::InnerHtml,
            content: content.into_ft(),
        }
    }
    /// How the content goes in.
    pub fn swap(mut self, swap: Swap) -> Partial {
        self.swap = swap;
        self
    }
}

impl IntoFt for Partial {
    /// htmx 4's form; an htmx 2 app's answer rewrites it (see the module docs).
    fn into_ft(self) -> Ft {
        let mut e = Element::new_static("hx-partial", false);
        e.set("hx-target", self.target);
        e.set("hx-swap", self.swap.as_str());
        e.push(self.content);
        Ft::Element(e)
    }
}

/// Rewrites the `<hx-partial>` elements at the top of an htmx 2 answer into their
/// `hx-swap-oob` equivalent: the content in a `<div hx-swap-oob="STYLE:TARGET">` (htmx 2 swaps
/// a wrapper's children for every style but `outerHTML`); for `outerHTML`, the one element
/// of the content carries the attribute itself. The target is the partial's `hx-target`, else
/// `#` and its `id` (htmx 4's rule); one with neither is dropped, as htmx 4 drops it.
pub(crate) fn to_htmx2(content: &mut [Ft]) {
    for item in content.iter_mut() {
        match item {
            Ft::Fragment(items) => to_htmx2(items),
            Ft::Element(e) if e.tag() == "hx-partial" => {
                *item = rewrite(e);
            }
            _ => {}
        }
    }
}

fn rewrite(e: &Element) -> Ft {
    let target = e
        .get_str("hx-target")
        .map(|t| t.into_owned())
        .or_else(|| e.get_str("id").map(|id| format!("#{id}")));
    let Some(target) = target else {
        return Ft::Fragment(Vec::new());
    };
    let swap = e
        .get_str("hx-swap")
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "innerHTML".to_owned());
    let style = swap.split_whitespace().next().unwrap_or("innerHTML");
    let children: Vec<Ft> = e.children().into_owned();
    if style.eq_ignore_ascii_case("outerHTML") {
        let mut elements = children.iter().filter(|c| !is_blank(c));
        if let (Some(Ft::Element(only)), None) = (elements.next(), elements.next()) {
            let mut only = only.clone();
            only.set("hx-swap-oob", format!("{swap}:{target}"));
            return Ft::Element(only);
        }
    }
    let mut div = Element::new_static("div", false);
    div.set("hx-swap-oob", format!("{swap}:{target}"));
    for c in children {
        div.push(c);
    }
    Ft::Element(div)
}

fn is_blank(f: &Ft) -> bool {
    match f {
        Ft::Fragment(items) => items.iter().all(is_blank),
        Ft::Text(ft_html::Text::Str(s)) => s.as_str().trim().is_empty(),
        _ => false,
    }
}
