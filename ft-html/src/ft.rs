//! [`Ft`], the value every tag macro returns, and [`IntoFt`], what may be a child.

use crate::Str;
use crate::attr::{AttrValue, IntoAttr};
use crate::element::Element;
use crate::text::{Raw, Text};
use std::borrow::Cow;
use std::fmt;

/// An HTML tree: an element, a text leaf, trusted raw markup, or a fragment of several
/// nodes (FastHTML's tuple / `Fragment`). Build it with the tag macros, inspect and change it
/// freely, and render it once with [`Ft::render`] (compact) or [`Ft::to_xml`] (indented).
///
/// ```
/// use ft_html::prelude::*;
/// let mut page = Div!(P!("a"), id = "x", cls = "c");
/// page.push(P!("b"));
/// assert_eq!(page.tag(), Some("div"));
/// assert_eq!(page.children().len(), 2);
/// assert_eq!(page.render(), r#"<div id="x" class="c"><p>a</p><p>b</p></div>"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Ft {
    /// An element.
    Element(Element),
    /// Text, escaped when rendered.
    Text(Text),
    /// Trusted markup, inserted as it is.
    Raw(Raw),
    /// Several nodes with no wrapping tag; empty for "nothing".
    Fragment(Vec<Ft>),
    /// A value for the layer above (a response header, a cookie, ...); renders as nothing.
    Ext(crate::Ext),
}

impl Default for Ft {
    fn default() -> Self {
        Ft::Fragment(Vec::new())
    }
}

impl Ft {
    /// Nothing: renders as the empty string.
    pub const fn empty() -> Ft {
        Ft::Fragment(Vec::new())
    }
    /// Text from anything displayable, escaped when rendered.
    pub fn text(s: impl Into<Str>) -> Ft {
        Ft::Text(Text::Str(s.into()))
    }
    /// The element, if this is one.
    pub fn as_element(&self) -> Option<&Element> {
        match self {
            Ft::Element(e) => Some(e),
            _ => None,
        }
    }
    /// The element, if this is one, for editing.
    pub fn as_element_mut(&mut self) -> Option<&mut Element> {
        match self {
            Ft::Element(e) => Some(e),
            _ => None,
        }
    }
    /// The tag name, if this is an element.
    pub fn tag(&self) -> Option<&str> {
        self.as_element().map(Element::tag)
    }
    /// The element's id.
    pub fn id(&self) -> Option<&str> {
        self.as_element().and_then(Element::id)
    }
    /// An attribute by keyword (`d.get("hx_get")`, SPEC 1.17).
    pub fn get(&self, name: &str) -> Option<Cow<'_, AttrValue>> {
        self.as_element().and_then(|e| e.get(name))
    }
    /// An attribute as text.
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        self.as_element().and_then(|e| e.get_str(name))
    }
    /// Sets an attribute by keyword on an element (no effect on other nodes).
    pub fn set(&mut self, name: &str, value: impl IntoAttr) -> &mut Self {
        if let Some(e) = self.as_element_mut() {
            e.set(name, value);
        }
        self
    }
    /// Builder form of [`Ft::set`]: the node with the attribute set, for attributes decided
    /// after the macro call (FastHTML's `ft(..., **kw)` done later). The name is mapped like a
    /// macro keyword (`hx_get` is `hx-get`, `cls` is `class`); a name already there keeps its
    /// place and takes the new value; a value of `None` or `false` removes the attribute
    /// (FastHTML drops `None`/`False` keywords). A text, a raw or a fragment node is returned
    /// unchanged.
    ///
    /// ```
    /// use ft_html::prelude::*;
    /// let link = A!("Open", id = "x").attr("hx_get", "/items/1").attr("cls", "btn");
    /// assert_eq!(
    ///     link.render(),
    ///     r##"<a href="#" id="x" name="x" hx-get="/items/1" class="btn">Open</a>"##
    /// );
    /// let shown = |hidden: bool| Div!("d", hidden = true).attr("hidden", hidden).render();
    /// assert_eq!(shown(false), "<div>d</div>");
    /// assert_eq!(shown(true), "<div hidden>d</div>");
    /// let plain = Ft::text("t").attr("id", "x");
    /// assert_eq!(plain.render(), "t");
    /// ```
    pub fn attr(mut self, name: &str, value: impl IntoAttr) -> Ft {
        self.set(name, value);
        self
    }
    /// Appends children: an element gets them as children, a fragment (or a leaf) becomes a
    /// longer fragment.
    pub fn push(&mut self, child: impl IntoFt) -> &mut Self {
        match self {
            Ft::Element(e) => {
                e.push(child);
            }
            Ft::Fragment(items) => match child.into_ft() {
                Ft::Fragment(more) => items.extend(more),
                one => items.push(one),
            },
            leaf => {
                let first = std::mem::take(leaf);
                *leaf = Ft::Fragment(vec![first]);
                return leaf.push(child);
            }
        }
        self
    }
    /// FastHTML's "call an FT to append" (`Form(method='post')(Input(), Button())`, SPEC 1.47):
    /// `Form!(method = "post").with((Input!(), Button!()))`.
    pub fn with(mut self, children: impl IntoFt) -> Ft {
        self.push(children);
        self
    }
    /// The children of an element, or the items of a fragment.
    pub fn children(&self) -> Cow<'_, [Ft]> {
        match self {
            Ft::Element(e) => e.children(),
            Ft::Fragment(items) => Cow::Borrowed(items),
            _ => Cow::Borrowed(&[]),
        }
    }
    /// The children for editing (an element's, or a fragment's items).
    pub fn children_mut(&mut self) -> Option<&mut Vec<Ft>> {
        match self {
            Ft::Element(e) => Some(e.children_mut()),
            Ft::Fragment(items) => Some(items),
            _ => None,
        }
    }
    /// Nodes below this one that a walk descends into (elements and fragments).
    pub fn child_nodes(&self) -> Cow<'_, [Ft]> {
        match self {
            Ft::Element(e) => e.child_nodes(),
            Ft::Fragment(items) => Cow::Borrowed(items),
            _ => Cow::Borrowed(&[]),
        }
    }
    /// Is this the empty fragment?
    pub fn is_empty(&self) -> bool {
        matches!(self, Ft::Fragment(v) if v.is_empty())
    }
    /// Visits this node and every node below it, depth first, for editing.
    pub fn walk_mut(&mut self, f: &mut impl FnMut(&mut Ft)) {
        f(self);
        let kids = match self {
            Ft::Element(e) => match &mut e.kids {
                crate::element::Kids::Many(v) => v,
                crate::element::Kids::Tmpl(_) => e.children_mut(),
                _ => return,
            },
            Ft::Fragment(items) => items,
            _ => return,
        };
        for k in kids {
            k.walk_mut(f);
        }
    }
    /// Visits this node and every node below it, depth first.
    pub fn walk(&self, f: &mut impl FnMut(&Ft)) {
        f(self);
        for k in self.child_nodes().iter() {
            k.walk(f);
        }
    }
}

impl fmt::Display for Ft {
    /// The compact HTML.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Anything that can be a child of an element: FastHTML's `__ft__` (SPEC 1.46).
///
/// ```
/// use ft_html::prelude::*;
/// struct Todo { title: String, done: bool }
/// impl IntoFt for &Todo {
///     fn into_ft(self) -> Ft {
///         Li!(&self.title, if self.done { " ✅" } else { "" })
///     }
/// }
/// let t = Todo { title: "Ship".into(), done: true };
/// assert_eq!(Ul!(&t).render(), "<ul><li>Ship ✅</li></ul>");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a child of an FT element",
    label = "cannot render",
    note = "children are text, numbers, Ft values, Raw(..), Options, Vecs, iterators and tuples of those; implement `IntoFt` for your type (FastHTML's __ft__), or format it with `format!(..)`"
)]
pub trait IntoFt {
    /// The tree for this value.
    fn into_ft(self) -> Ft;
}

impl IntoFt for Ft {
    #[inline]
    fn into_ft(self) -> Ft {
        self
    }
}
impl IntoFt for &Ft {
    fn into_ft(self) -> Ft {
        self.clone()
    }
}
impl IntoFt for Element {
    fn into_ft(self) -> Ft {
        Ft::Element(self)
    }
}
impl IntoFt for Text {
    fn into_ft(self) -> Ft {
        Ft::Text(self)
    }
}
impl IntoFt for Raw {
    fn into_ft(self) -> Ft {
        Ft::Raw(self)
    }
}
/// A borrowed string is copied (inline, without an allocation, up to 23 bytes); string
/// literals in a tag macro are not copied (the macro keeps them borrowed).
impl IntoFt for &str {
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(Str::new(self)))
    }
}
impl IntoFt for String {
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(Str::from(self)))
    }
}
impl IntoFt for &String {
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(Str::new(self)))
    }
}
impl IntoFt for Cow<'static, str> {
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(self.into()))
    }
}
impl IntoFt for Str {
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(self))
    }
}
impl IntoFt for () {
    fn into_ft(self) -> Ft {
        Ft::empty()
    }
}
macro_rules! leaf_into_ft {
    ($($t:ty => $v:ident as $wide:ty),*) => {$(
        impl IntoFt for $t {
            #[inline]
            fn into_ft(self) -> Ft { Ft::Text(Text::$v(self as $wide)) }
        }
        impl IntoFt for &$t {
            #[inline]
            fn into_ft(self) -> Ft { Ft::Text(Text::$v(*self as $wide)) }
        }
    )*};
}
leaf_into_ft!(
    i8 => Int as i64, i16 => Int as i64, i32 => Int as i64, i64 => Int as i64, isize => Int as i64,
    u8 => UInt as u64, u16 => UInt as u64, u32 => UInt as u64, u64 => UInt as u64, usize => UInt as u64,
    f32 => Float as f64, f64 => Float as f64
);
impl IntoFt for bool {
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Bool(self))
    }
}
impl IntoFt for char {
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Char(self))
    }
}
impl<T: IntoFt> IntoFt for Option<T> {
    #[inline]
    fn into_ft(self) -> Ft {
        match self {
            Some(x) => x.into_ft(),
            None => Ft::empty(),
        }
    }
}
impl<T: IntoFt> IntoFt for Vec<T> {
    fn into_ft(self) -> Ft {
        Ft::Fragment(self.into_iter().map(IntoFt::into_ft).collect())
    }
}
impl<T: IntoFt, const N: usize> IntoFt for [T; N] {
    fn into_ft(self) -> Ft {
        Ft::Fragment(self.into_iter().map(IntoFt::into_ft).collect())
    }
}
impl<'a, T> IntoFt for &'a [T]
where
    &'a T: IntoFt,
{
    fn into_ft(self) -> Ft {
        Ft::Fragment(self.iter().map(IntoFt::into_ft).collect())
    }
}
impl<'a, T> IntoFt for &'a Vec<T>
where
    &'a T: IntoFt,
{
    fn into_ft(self) -> Ft {
        self.as_slice().into_ft()
    }
}
impl<T: IntoFt, E: IntoFt> IntoFt for Result<T, E> {
    fn into_ft(self) -> Ft {
        match self {
            Ok(x) => x.into_ft(),
            Err(e) => e.into_ft(),
        }
    }
}

/// Any iterator of children, for iterator types without their own `IntoFt`:
/// `Ul!(each(rows.iter().map(row)))`. Common adapters (`map`, `filter`, ...) need no wrapper.
pub struct Each<I>(pub I);

/// Wraps an iterator so it can be a child.
pub fn each<I: IntoIterator>(iter: I) -> Each<I::IntoIter> {
    Each(iter.into_iter())
}

fn collect_iter<I: Iterator>(iter: I) -> Ft
where
    I::Item: IntoFt,
{
    let mut items = Vec::with_capacity(iter.size_hint().0);
    items.extend(iter.map(IntoFt::into_ft));
    Ft::Fragment(items)
}

impl<I: Iterator> IntoFt for Each<I>
where
    I::Item: IntoFt,
{
    fn into_ft(self) -> Ft {
        collect_iter(self.0)
    }
}

macro_rules! iter_into_ft {
    ($($ty:ident < $($g:ident),* >),* $(,)?) => {$(
        impl<$($g),*> IntoFt for std::iter::$ty<$($g),*>
        where
            std::iter::$ty<$($g),*>: Iterator,
            <std::iter::$ty<$($g),*> as Iterator>::Item: IntoFt,
        {
            fn into_ft(self) -> Ft { collect_iter(self) }
        }
    )*};
}
iter_into_ft!(
    Map<I, F>, Filter<I, P>, FilterMap<I, F>, Take<I>, Skip<I>,
    Chain<A, B>, Rev<I>, Cloned<I>, Copied<I>, TakeWhile<I, P>, SkipWhile<I, P>,
    StepBy<I>, Zip<A, B>, Enumerate<I>, Inspect<I, F>, Once<T>, Repeat<T>, FromFn<F>, Successors<T, F>,
);
impl<T: IntoFt> IntoFt for std::vec::IntoIter<T> {
    fn into_ft(self) -> Ft {
        collect_iter(self)
    }
}
impl<'a, T> IntoFt for std::slice::Iter<'a, T>
where
    &'a T: IntoFt,
{
    fn into_ft(self) -> Ft {
        collect_iter(self)
    }
}
impl<T> IntoFt for std::ops::Range<T>
where
    std::ops::Range<T>: Iterator<Item = T>,
    T: IntoFt,
{
    fn into_ft(self) -> Ft {
        collect_iter(self)
    }
}

macro_rules! tuple_into_ft {
    ($($n:ident),+) => {
        impl<$($n: IntoFt),+> IntoFt for ($($n,)+) {
            #[allow(non_snake_case)]
            fn into_ft(self) -> Ft {
                let ($($n,)+) = self;
                let mut items = Vec::new();
                $(match $n.into_ft() {
                    Ft::Fragment(more) => items.extend(more),
                    one => items.push(one),
                })+
                Ft::Fragment(items)
            }
        }
    };
}
tuple_into_ft!(A);
tuple_into_ft!(A, B);
tuple_into_ft!(A, B, C);
tuple_into_ft!(A, B, C, D);
tuple_into_ft!(A, B, C, D, E);
tuple_into_ft!(A, B, C, D, E, F);
tuple_into_ft!(A, B, C, D, E, F, G);
tuple_into_ft!(A, B, C, D, E, F, G, H);
tuple_into_ft!(A, B, C, D, E, F, G, H, I);
tuple_into_ft!(A, B, C, D, E, F, G, H, I, J);
tuple_into_ft!(A, B, C, D, E, F, G, H, I, J, K);
tuple_into_ft!(A, B, C, D, E, F, G, H, I, J, K, L);

/// `Fragment(*c)`: children with no wrapping tag (SPEC 1.53).
#[allow(non_snake_case)]
pub fn Fragment(children: impl IntoFt) -> Ft {
    match children.into_ft() {
        f @ Ft::Fragment(_) => f,
        one => Ft::Fragment(vec![one]),
    }
}
