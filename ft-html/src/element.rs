//! [`Element`]: a tag, its attributes and its children.

use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::names::attr_name;
use crate::tag::Tag;
use crate::text::{Raw, Text};
use crate::tmpl::{Tmpl, TmplKids};
use crate::{Ft, IntoFt, TagDesc};
use std::borrow::Cow;

/// Elements that never have an end tag (SPEC 1.3): `ft_tags::classes::VOID`.
pub const VOID_TAGS: &[&str] = ft_tags::classes::VOID;

/// Tags on which `id = x` also sets `name = x` unless a name is given (SPEC 1.55):
/// `ft_tags::classes::AUTO_NAME`.
pub const NAMED_TAGS: &[&str] = ft_tags::classes::AUTO_NAME;

/// An HTML element. Children that are a single text leaf are stored inline, so a cell like
/// `Td!(n)` costs no allocation; [`Element::children`] shows them as a slice all the same.
///
#[derive(Clone)]
pub struct Element {
    tag: Tag,
    pub(crate) attrs: Attrs,
    pub(crate) kids: Kids,
}

/// Children storage: none, one inline leaf, a vector, or nested tag macros compiled into a
/// template with slots (`crate::tmpl`).
#[derive(Debug, Clone)]
pub(crate) enum Kids {
    None,
    Text(Text),
    Raw(Raw),
    Many(Vec<Ft>),
    Tmpl(TmplKids),
}

impl PartialEq for Kids {
    /// Compiled children equal the same children built one by one.
    fn eq(&self, other: &Kids) -> bool {
        match (self, other) {
            (Kids::None, Kids::None) => true,
            (Kids::Text(a), Kids::Text(b)) => a == b,
            (Kids::Raw(a), Kids::Raw(b)) => a == b,
            (Kids::Many(a), Kids::Many(b)) => a == b,
            (Kids::Tmpl(a), Kids::Tmpl(b)) => a == b,
            (Kids::Tmpl(t), other) | (other, Kids::Tmpl(t)) => {
                *t.to_children() == *kids_slice(other)
            }
            _ => false,
        }
    }
}

/// Ordinary children as a slice (a leaf as a one-item vector).
fn kids_slice(k: &Kids) -> Cow<'_, [Ft]> {
    match k {
        Kids::None => Cow::Borrowed(&[]),
        Kids::Many(v) => Cow::Borrowed(v),
        Kids::Text(t) => Cow::Owned(vec![Ft::Text(t.clone())]),
        Kids::Raw(r) => Cow::Owned(vec![Ft::Raw(r.clone())]),
        Kids::Tmpl(t) => Cow::Owned(t.to_children()),
    }
}

/// The attributes: no allocation for an element without any (most elements of a page).
#[derive(Default, Clone)]
pub(crate) struct Attrs(Vec<Attr>);

impl Attrs {
    pub(crate) fn push(&mut self, a: Attr) {
        self.0.push(a);
    }
    pub(crate) fn vec_mut(&mut self) -> &mut Vec<Attr> {
        &mut self.0
    }
    /// Room for `n` more attributes, allocated once.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.0.reserve_exact(n);
    }
    pub(crate) fn remove(&mut self, i: usize) -> Attr {
        self.0.remove(i)
    }
    pub(crate) fn is_none(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Deref for Attrs {
    type Target = [Attr];
    fn deref(&self) -> &[Attr] {
        &self.0
    }
}

impl std::ops::DerefMut for Attrs {
    fn deref_mut(&mut self) -> &mut [Attr] {
        &mut self.0
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Attrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl PartialEq for Element {
    /// Compares what the element holds, wherever it keeps it (a whole template holds the
    /// element's own attributes too).
    fn eq(&self, other: &Element) -> bool {
        self.tag == other.tag && *self.attrs() == *other.attrs() && self.kids == other.kids
    }
}

impl std::fmt::Debug for Element {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Element")
            .field("tag", &self.tag)
            .field("attrs", &&*self.attrs())
            .field("kids", &self.kids)
            .finish()
    }
}

impl Element {
    /// An element for a tag's descriptor: what the tag macros make (`Td!()` is
    /// `Element::from_tag(&tags::Td)`).
    #[inline]
    pub const fn from_tag(tag: &'static TagDesc) -> Self {
        Element {
            tag: Tag::new_static(tag),
            attrs: Attrs(Vec::new()),
            kids: Kids::None,
        }
    }

    /// An element for a tag named in the code (lower-case): the tag macros' descriptor when
    /// there is one, else one made for this name.
    pub fn new_static(tag: &'static str, void: bool) -> Self {
        let tag = match crate::tags::lookup(tag) {
            Some(d) if d.is_void() == void => Tag::new_static(d),
            _ => Tag::new_owned(tag, void),
        };
        Element {
            tag,
            attrs: Attrs(Vec::new()),
            kids: Kids::None,
        }
    }

    /// An element for a tag named at run time (FastHTML's `ft_hx`): lower-cased; void when
    /// the tag is one of [`VOID_TAGS`].
    pub fn new(tag: impl Into<Cow<'static, str>>) -> Self {
        let tag: Cow<'static, str> = tag.into();
        let tag = if tag.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(tag.to_ascii_lowercase())
        } else {
            tag
        };
        let void = VOID_TAGS.contains(&&*tag);
        let tag = match crate::tags::lookup(&tag) {
            Some(d) if d.is_void() == void => Tag::new_static(d),
            _ => Tag::new_owned(&tag, void),
        };
        Element {
            tag,
            attrs: Attrs(Vec::new()),
            kids: Kids::None,
        }
    }

    /// The tag name.
    #[inline]
    pub fn tag(&self) -> &str {
        self.tag.desc().name()
    }
    /// The tag's descriptor.
    #[inline]
    pub fn tag_desc(&self) -> &TagDesc {
        self.tag.desc()
    }
    /// Is this a void element (no end tag)?
    #[inline]
    pub fn is_void(&self) -> bool {
        self.tag.desc().is_void()
    }
    /// Makes this element void or not (FastHTML's `void_`).
    pub fn set_void(&mut self, void: bool) {
        if self.is_void() != void {
            self.thaw_whole();
            self.tag = self.tag.with_void(void);
        }
    }

    /// The attributes, in render order (built for the occasion when the tag macro kept them
    /// in a template with the children).
    ///
    /// ```
    /// use ft_html::prelude::*;
    /// // `<tr>`'s own attributes are kept in one template with its cells.
    /// let row = Tr!(Td!(1), Td!(B!("x")), id = "item-1", cls = "r");
    /// let el = row.as_element().unwrap();
    /// assert_eq!(el.id(), Some("item-1"));
    /// assert!(el.get("cls").is_some_and(|v| v.is("r")));
    /// assert_eq!(el.attrs().len(), 2);
    /// ```
    pub fn attrs(&self) -> Cow<'_, [Attr]> {
        match self.own_attrs() {
            Some(own) => Cow::Owned(own.attrs.to_vec()),
            None => Cow::Borrowed(&self.attrs),
        }
    }
    /// The attributes for direct editing: names here are used verbatim (SPEC 1.129).
    pub fn attrs_mut(&mut self) -> &mut Vec<Attr> {
        self.edit_attrs().vec_mut()
    }
    /// The value of an attribute; `name` is mapped like a macro keyword (`hx_get` -> `hx-get`).
    pub fn get(&self, name: &str) -> Option<Cow<'_, AttrValue>> {
        let name = attr_name(name);
        match self.own_attrs() {
            Some(own) => {
                let a = own.attrs.iter().find(|a| a.name == name)?;
                Some(Cow::Owned(a.value.clone()))
            }
            None => {
                let a = self.attrs.iter().find(|a| a.name == name)?;
                Some(Cow::Borrowed(&a.value))
            }
        }
    }
    /// The attributes a whole template holds ([`crate::tmpl::Tmpl::whole`]), as an element
    /// without children; `None` for any other element.
    fn own_attrs(&self) -> Option<Element> {
        match &self.kids {
            Kids::Tmpl(t) if t.is_whole() => t.own_attrs(),
            _ => None,
        }
    }
    /// The attribute list, for editing: a whole template's attributes and children become
    /// ordinary ones first.
    #[inline]
    pub(crate) fn edit_attrs(&mut self) -> &mut Attrs {
        self.thaw_whole();
        &mut self.attrs
    }
    /// Turns a whole template ([`crate::tmpl::Tmpl::whole`]) into an attribute list and
    /// ordinary children, before anything is changed.
    #[inline]
    fn thaw_whole(&mut self) {
        if let Kids::Tmpl(t) = &self.kids
            && t.is_whole()
            && let Kids::Tmpl(t) = std::mem::replace(&mut self.kids, Kids::None)
        {
            self.add_thawed(t);
        }
    }
    /// Adds what a template holds as ordinary attributes (a whole template's own) and
    /// children.
    #[cold]
    #[inline(never)]
    fn add_thawed(&mut self, t: TmplKids) {
        let (own, kids) = t.into_parts();
        if let Some(mut own) = own {
            for a in std::mem::take(own.attrs.vec_mut()) {
                self.put(a.name, Some(a.value));
            }
        }
        for k in kids {
            self.push_ft(k);
        }
    }
    /// The attribute as text (`None` when absent or `false`).
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        let v = self.get(name)?;
        // A bool `value` renders as `value="true"`/`"false"`: read it as the form submits it.
        if let AttrValue::Bool(b) = *v
            && name == "value"
        {
            return Some(Cow::Borrowed(if b { "true" } else { "false" }));
        }
        match v {
            Cow::Borrowed(v) => v.to_plain(),
            Cow::Owned(v) => v.to_plain().map(|s| Cow::Owned(s.into_owned())),
        }
    }
    /// The element's id.
    pub fn id(&self) -> Option<&str> {
        if let Kids::Tmpl(t) = &self.kids
            && t.is_whole()
        {
            return t.own_id();
        }
        self.attrs
            .iter()
            .find(|a| a.name == "id")
            .and_then(|a| match &a.value {
                AttrValue::Text(s) | AttrValue::Trusted(s) => Some(&**s),
                _ => None,
            })
    }

    /// Sets an attribute by keyword (`hx_post`, `cls`, `"@click"`): replaces it in place
    /// when present, appends it otherwise; `None` removes it.
    pub fn set(&mut self, name: &str, value: impl IntoAttr) -> &mut Self {
        let name = attr_name(name);
        self.put(Cow::Owned(name), value.into_attr());
        self
    }
    /// Sets an attribute whose name is already HTML (no mapping).
    pub fn put(&mut self, name: Cow<'static, str>, value: Option<AttrValue>) {
        self.thaw_whole();
        let pos = self.attrs.iter().position(|a| a.name == name);
        match (pos, value) {
            (Some(i), Some(value)) => self.attrs[i].value = value,
            (Some(i), None) => {
                self.attrs.remove(i);
            }
            (None, Some(value)) => self.attrs.push(Attr { name, value }),
            (None, None) => {}
        }
    }
    /// Removes an attribute by keyword, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<AttrValue> {
        let name = attr_name(name);
        self.thaw_whole();
        let i = self.attrs.iter().position(|a| a.name == name)?;
        Some(self.attrs.remove(i).value)
    }
    /// FastHTML's auto-name: on the tags of [`NAMED_TAGS`], an element with an `id` and no
    /// `name` gets `name` = id, written last (SPEC 1.55). The macros call this when `id = ..`
    /// was given.
    pub fn auto_name(&mut self) {
        self.thaw_whole();
        if !self.tag.desc().is_named() || self.attrs.iter().any(|a| a.name == "name") {
            return;
        }
        if let Some(id) = self
            .attrs
            .iter()
            .find(|a| a.name == "id")
            .map(|a| a.value.clone())
        {
            self.attrs.push(Attr {
                name: Cow::Borrowed("name"),
                value: id,
            });
        }
    }

    /// Appends a child. Fragments (tuples, vectors, iterators) are flattened into the children.
    pub fn push(&mut self, child: impl IntoFt) -> &mut Self {
        self.push_ft(child.into_ft());
        self
    }

    #[inline]
    pub(crate) fn push_ft(&mut self, child: Ft) {
        match (&mut self.kids, child) {
            (Kids::Many(v), Ft::Fragment(items)) => v.extend(items),
            (Kids::Many(v), other) => v.push(other),
            (_, Ft::Fragment(items)) if items.is_empty() => {}
            // The common `Tr!(cells.map(..))`: the collected vector becomes the children as
            // it is (no second allocation, no copy).
            (k @ Kids::None, Ft::Fragment(items)) => *k = Kids::Many(items),
            (k @ Kids::None, Ft::Text(t)) => *k = Kids::Text(t),
            (k @ Kids::None, Ft::Raw(r)) => *k = Kids::Raw(r),
            (_, child) => self.push_slow(child),
        }
    }

    #[cold]
    #[inline(never)]
    fn push_slow(&mut self, child: Ft) {
        match child {
            Ft::Fragment(items) => self.kids_vec(items.len()).extend(items),
            other => self.kids_vec(1).push(other),
        }
    }

    /// Reserves room for `extra` more children (the macros call it with their child count).
    #[inline]
    pub fn reserve(&mut self, extra: usize) {
        match &mut self.kids {
            k @ Kids::None if extra > 1 => *k = Kids::Many(Vec::with_capacity(extra)),
            Kids::Many(v) => v.reserve(extra),
            _ => {}
        }
    }

    fn kids_vec(&mut self, extra: usize) -> &mut Vec<Ft> {
        self.thaw_whole();
        if !matches!(self.kids, Kids::Many(_)) {
            let mut v = Vec::with_capacity(extra + 1);
            match std::mem::replace(&mut self.kids, Kids::None) {
                Kids::Text(t) => v.push(Ft::Text(t)),
                Kids::Raw(r) => v.push(Ft::Raw(r)),
                Kids::Tmpl(t) => v.extend(t.into_parts().1),
                Kids::None | Kids::Many(_) => {}
            }
            self.kids = Kids::Many(v);
        }
        match &mut self.kids {
            Kids::Many(v) => {
                v.reserve(extra);
                v
            }
            _ => unreachable!("just set to Many"),
        }
    }

    /// The children, as a slice (built for the occasion when they are a single leaf or
    /// compiled nested tags).
    pub fn children(&self) -> Cow<'_, [Ft]> {
        kids_slice(&self.kids)
    }
    /// The children that may hold elements or fragments (what a tree walk descends into);
    /// empty when the only child is a text leaf.
    pub fn child_nodes(&self) -> Cow<'_, [Ft]> {
        match &self.kids {
            Kids::Many(v) => Cow::Borrowed(v),
            Kids::Tmpl(t) => Cow::Owned(t.to_children()),
            _ => Cow::Borrowed(&[]),
        }
    }
    /// The children, for editing (`el.children_mut()[1] = Li!("z")`, SPEC 1.50).
    pub fn children_mut(&mut self) -> &mut Vec<Ft> {
        self.kids_vec(0)
    }
    /// How many children there are.
    pub fn len(&self) -> usize {
        match &self.kids {
            Kids::None => 0,
            Kids::Text(_) | Kids::Raw(_) => 1,
            Kids::Many(v) => v.len(),
            Kids::Tmpl(t) => t.to_children().len(),
        }
    }
    /// No children?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The element with compiled children `tmpl` (see [`Element::set_tmpl`]): a fresh element
    /// is built in one go, so that the tag macros' result is written once, where it goes.
    /// Small enough to be inlined into the macro's code, where the element is a fresh one
    /// whose checks fold away (one call per row less); anything else goes through
    /// [`Element::set_tmpl`].
    #[inline]
    pub(crate) fn with_tmpl(mut self, tmpl: &'static Tmpl, slots: crate::typed::Slots) -> Element {
        if matches!(self.kids, Kids::None) && self.attrs.is_none() && !self.tag.desc().is_raw_text()
        {
            // In place: the empty attribute list is kept, not dropped for a new one.
            self.kids = Kids::Tmpl(TmplKids::new(tmpl, slots));
            self
        } else {
            self.with_tmpl_set(tmpl, slots)
        }
    }

    /// [`Element::with_tmpl`] for an element that has something already.
    fn with_tmpl_set(mut self, tmpl: &'static Tmpl, slots: crate::typed::Slots) -> Element {
        self.set_tmpl(tmpl, slots);
        self
    }

    /// Takes compiled children (what the tag macros give for nested tag macros). An element
    /// that already has children, or whose content is raw text, gets them built one by one.
    #[inline]
    pub(crate) fn set_tmpl(&mut self, tmpl: &'static Tmpl, slots: crate::typed::Slots) {
        let kids = TmplKids::new(tmpl, slots);
        if matches!(self.kids, Kids::None)
            && !self.tag.desc().is_raw_text()
            && (!kids.is_whole() || self.attrs.is_none())
        {
            self.kids = Kids::Tmpl(kids);
        } else {
            self.add_thawed(kids);
        }
    }

    /// Replaces all children (FastHTML's `ft.set(*c)`, SPEC 1.49).
    pub fn set_children(&mut self, children: impl IntoFt) -> &mut Self {
        self.thaw_whole();
        self.kids = Kids::None;
        self.push(children)
    }
}
