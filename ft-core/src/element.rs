//! [`Element`]: a tag, its attributes and its children.

use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::names::attr_name;
use crate::text::{Raw, Text};
use crate::{Ft, IntoFt};
use std::borrow::Cow;

/// Elements that never have an end tag (SPEC 1.3).
pub const VOID_TAGS: &[&str] = &[
    "!doctype", "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Tags on which `id = x` also sets `name = x` unless a name is given (SPEC 1.55).
pub const NAMED_TAGS: &[&str] = &[
    "a", "button", "form", "frame", "iframe", "img", "input", "map", "meta", "object", "param",
    "select", "textarea",
];

/// An HTML element. Children that are a single text leaf are stored inline, so a cell like
/// `Td!(n)` costs no allocation; [`Element::children`] shows them as a slice all the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    tag: Cow<'static, str>,
    void: bool,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) kids: Kids,
}

/// Children storage: none, one inline leaf, or a vector.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kids {
    None,
    Text(Text),
    Raw(Raw),
    Many(Vec<Ft>),
}

impl Element {
    /// An element for a tag known at compile time (lower-case, as the tag macros give it).
    pub const fn new_static(tag: &'static str, void: bool) -> Self {
        Element { tag: Cow::Borrowed(tag), void, attrs: Vec::new(), kids: Kids::None }
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
        Element { tag, void, attrs: Vec::new(), kids: Kids::None }
    }

    /// The tag name.
    pub fn tag(&self) -> &str {
        &self.tag
    }
    /// Is this a void element (no end tag)?
    pub fn is_void(&self) -> bool {
        self.void
    }
    /// Makes this element void or not (FastHTML's `void_`).
    pub fn set_void(&mut self, void: bool) {
        self.void = void;
    }

    /// The attributes, in render order.
    pub fn attrs(&self) -> &[Attr] {
        &self.attrs
    }
    /// The attributes for direct editing: names here are used verbatim (SPEC 1.129).
    pub fn attrs_mut(&mut self) -> &mut Vec<Attr> {
        &mut self.attrs
    }
    /// The value of an attribute; `name` is mapped like a macro keyword (`hx_get` -> `hx-get`).
    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        let name = attr_name(name);
        self.attrs.iter().find(|a| a.name == name).map(|a| &a.value)
    }
    /// The attribute as text (`None` when absent or `false`).
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).and_then(AttrValue::to_plain)
    }
    /// The element's id.
    pub fn id(&self) -> Option<&str> {
        self.attrs.iter().find(|a| a.name == "id").and_then(|a| match &a.value {
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
        let i = self.attrs.iter().position(|a| a.name == name)?;
        Some(self.attrs.remove(i).value)
    }
    /// FastHTML's auto-name: on the tags of [`NAMED_TAGS`], an element with an `id` and no
    /// `name` gets `name` = id, written last (SPEC 1.55). The macros call this when `id = ..`
    /// was given.
    pub fn auto_name(&mut self) {
        if !NAMED_TAGS.contains(&&*self.tag) || self.attrs.iter().any(|a| a.name == "name") {
            return;
        }
        if let Some(id) = self.attrs.iter().find(|a| a.name == "id").map(|a| a.value.clone()) {
            self.attrs.push(Attr { name: Cow::Borrowed("name"), value: id });
        }
    }

    /// Appends a child. Fragments (tuples, vectors, iterators) are flattened into the children.
    pub fn push(&mut self, child: impl IntoFt) -> &mut Self {
        self.push_ft(child.into_ft());
        self
    }

    pub(crate) fn push_ft(&mut self, child: Ft) {
        match child {
            Ft::Fragment(items) => {
                if items.is_empty() {
                    return;
                }
                self.kids_vec(items.len()).extend(items);
            }
            Ft::Text(t) if matches!(self.kids, Kids::None) => self.kids = Kids::Text(t),
            Ft::Raw(r) if matches!(self.kids, Kids::None) => self.kids = Kids::Raw(r),
            other => self.kids_vec(1).push(other),
        }
    }

    /// Reserves room for `extra` more children (the macros call it with their child count).
    pub fn reserve(&mut self, extra: usize) {
        if extra > 1 {
            self.kids_vec(extra);
        }
    }

    fn kids_vec(&mut self, extra: usize) -> &mut Vec<Ft> {
        let kids = std::mem::replace(&mut self.kids, Kids::None);
        let mut v = match kids {
            Kids::Many(v) => v,
            Kids::None => Vec::with_capacity(extra),
            Kids::Text(t) => {
                let mut v = Vec::with_capacity(extra + 1);
                v.push(Ft::Text(t));
                v
            }
            Kids::Raw(r) => {
                let mut v = Vec::with_capacity(extra + 1);
                v.push(Ft::Raw(r));
                v
            }
        };
        v.reserve(extra);
        self.kids = Kids::Many(v);
        match &mut self.kids {
            Kids::Many(v) => v,
            _ => unreachable!("just set to Many"),
        }
    }

    /// The children, as a slice.
    pub fn children(&self) -> Cow<'_, [Ft]> {
        match &self.kids {
            Kids::None => Cow::Borrowed(&[]),
            Kids::Many(v) => Cow::Borrowed(v),
            Kids::Text(t) => Cow::Owned(vec![Ft::Text(t.clone())]),
            Kids::Raw(r) => Cow::Owned(vec![Ft::Raw(r.clone())]),
        }
    }
    /// The children that are elements or fragments (what a tree walk descends into).
    pub fn child_nodes(&self) -> &[Ft] {
        match &self.kids {
            Kids::Many(v) => v,
            _ => &[],
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
        }
    }
    /// No children?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Replaces all children (FastHTML's `ft.set(*c)`, SPEC 1.49).
    pub fn set_children(&mut self, children: impl IntoFt) -> &mut Self {
        self.kids = Kids::None;
        self.push(children)
    }
}
