//! [`Element`]: a tag, its attributes and its children.

use crate::attr::{Attr, AttrValue, IntoAttr};
use crate::names::attr_name;
use crate::pool::Children;
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
///
/// Kept small (56 bytes) because a page holds many of them: the tag and its void flag take
/// two words, the attributes one (allocated only when there are some).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    tag: Tag,
    pub(crate) attrs: Attrs,
    pub(crate) kids: Kids,
}

/// Replaces children known to be `Kids::None` (which owns nothing) without running a drop.
#[inline(always)]
fn set_kids(slot: &mut Kids, new: Kids) {
    debug_assert!(matches!(slot, Kids::None));
    std::mem::forget(std::mem::replace(slot, new));
}

/// Children storage: none, one inline leaf, or a vector.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kids {
    None,
    Text(Text),
    Raw(Raw),
    Many(Children),
}

/// The attributes: no allocation at all for an element without any, and one word in the
/// element (most elements of a big page have none).
#[derive(Default, Clone)]
#[allow(clippy::box_collection)] // the box keeps `Element` small; `Vec` would take 3 words
pub(crate) struct Attrs(Option<Box<Vec<Attr>>>);

impl Attrs {
    #[inline]
    pub(crate) fn push(&mut self, a: Attr) {
        self.vec_mut().push(a);
    }
    #[inline]
    pub(crate) fn vec_mut(&mut self) -> &mut Vec<Attr> {
        self.0
            .get_or_insert_with(|| Box::new(Vec::with_capacity(2)))
    }
    /// Room for `n` more attributes, allocated once.
    pub(crate) fn reserve(&mut self, n: usize) {
        match &mut self.0 {
            Some(v) => v.reserve(n),
            None => self.0 = Some(Box::new(Vec::with_capacity(n))),
        }
    }
    pub(crate) fn remove(&mut self, i: usize) -> Attr {
        self.vec_mut().remove(i)
    }
}

impl std::ops::Deref for Attrs {
    type Target = [Attr];
    #[inline]
    fn deref(&self) -> &[Attr] {
        match &self.0 {
            Some(v) => v,
            None => &[],
        }
    }
}

impl std::ops::DerefMut for Attrs {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Attr] {
        match &mut self.0 {
            Some(v) => v,
            None => &mut [],
        }
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Attrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A tag name, static or owned, and the void flag, in two words: the pointer, and the length
/// with the top two bits marking "owned" (a leaked `Box<str>` to free on drop) and "void".
struct Tag {
    ptr: std::ptr::NonNull<u8>,
    bits: usize,
}

const OWNED: usize = 1 << (usize::BITS - 1);
const VOID: usize = 1 << (usize::BITS - 2);
const LEN: usize = !(OWNED | VOID);

// SAFETY: a `Tag` is a `&'static str` or an owned `Box<str>`, both `Send` and `Sync`.
unsafe impl Send for Tag {}
// SAFETY: as above; a `Tag` is never mutated through a shared reference.
unsafe impl Sync for Tag {}

impl Tag {
    const fn new_static(s: &'static str, void: bool) -> Tag {
        // SAFETY: a `&str`'s pointer is never null (dangling but non-null when empty).
        let ptr = unsafe { std::ptr::NonNull::new_unchecked(s.as_ptr().cast_mut()) };
        Tag {
            ptr,
            bits: (s.len() & LEN) | if void { VOID } else { 0 },
        }
    }
    fn new_owned(s: Box<str>, void: bool) -> Tag {
        let len = s.len();
        assert!(len <= LEN, "tag name too long");
        let raw = Box::into_raw(s) as *mut u8;
        // SAFETY: `Box::into_raw` never returns null.
        let ptr = unsafe { std::ptr::NonNull::new_unchecked(raw) };
        Tag {
            ptr,
            bits: len | OWNED | if void { VOID } else { 0 },
        }
    }
    #[inline]
    fn as_str(&self) -> &str {
        // SAFETY: `ptr` and the length come from a `&'static str` or a live `Box<str>` that
        // this `Tag` owns; both are valid UTF-8 for the lifetime of `self`.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                self.ptr.as_ptr(),
                self.bits & LEN,
            ))
        }
    }
    #[inline]
    fn is_void(&self) -> bool {
        self.bits & VOID != 0
    }
    fn set_void(&mut self, void: bool) {
        self.bits = (self.bits & !VOID) | if void { VOID } else { 0 };
    }
}

impl Drop for Tag {
    #[inline]
    fn drop(&mut self) {
        if self.bits & OWNED != 0 {
            let slice = std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.bits & LEN);
            // SAFETY: an owned tag's pointer came from `Box::<str>::into_raw` with this length
            // and is freed only here.
            drop(unsafe { Box::from_raw(slice as *mut str) });
        }
    }
}

impl Clone for Tag {
    fn clone(&self) -> Tag {
        if self.bits & OWNED != 0 {
            Tag::new_owned(self.as_str().into(), self.is_void())
        } else {
            Tag {
                ptr: self.ptr,
                bits: self.bits,
            }
        }
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        self.as_str() == other.as_str() && self.is_void() == other.is_void()
    }
}

impl std::fmt::Debug for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Element {
    /// An element for a tag known at compile time (lower-case, as the tag macros give it).
    #[inline]
    pub const fn new_static(tag: &'static str, void: bool) -> Self {
        Element {
            tag: Tag::new_static(tag, void),
            attrs: Attrs(None),
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
        let tag = match tag {
            Cow::Borrowed(s) => Tag::new_static(s, void),
            Cow::Owned(s) => Tag::new_owned(s.into_boxed_str(), void),
        };
        Element {
            tag,
            attrs: Attrs(None),
            kids: Kids::None,
        }
    }

    /// The tag name.
    #[inline]
    pub fn tag(&self) -> &str {
        self.tag.as_str()
    }
    /// Is this a void element (no end tag)?
    #[inline]
    pub fn is_void(&self) -> bool {
        self.tag.is_void()
    }
    /// Makes this element void or not (FastHTML's `void_`).
    pub fn set_void(&mut self, void: bool) {
        self.tag.set_void(void);
    }

    /// The attributes, in render order.
    pub fn attrs(&self) -> &[Attr] {
        &self.attrs
    }
    /// The attributes for direct editing: names here are used verbatim (SPEC 1.129).
    pub fn attrs_mut(&mut self) -> &mut Vec<Attr> {
        self.attrs.vec_mut()
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
        if !NAMED_TAGS.contains(&self.tag()) || self.attrs.iter().any(|a| a.name == "name") {
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

    #[inline(always)]
    pub(crate) fn push_ft(&mut self, child: Ft) {
        match (&mut self.kids, child) {
            (Kids::Many(v), Ft::Fragment(items)) => v.extend(items),
            (Kids::Many(v), other) => v.push(other),
            (_, Ft::Fragment(items)) if items.is_empty() => {}
            // The common `Tr!(cells.map(..))`: the collected vector becomes the children as
            // it is (no second allocation, no copy).
            // `Kids::None` owns nothing: overwrite it without a drop (a plain assignment
            // called the out-of-line `drop_in_place::<Kids>` and kept the element on the
            // stack, where reloading it stalled on store forwarding).
            (k @ Kids::None, Ft::Fragment(items)) => set_kids(k, Kids::Many(items.into())),
            (k @ Kids::None, Ft::Text(t)) => set_kids(k, Kids::Text(t)),
            (k @ Kids::None, Ft::Raw(r)) => set_kids(k, Kids::Raw(r)),
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
            Kids::None if extra > 1 => self.kids = Kids::Many(Children::with_capacity(extra)),
            Kids::Many(v) => v.reserve(extra),
            _ => {}
        }
    }

    fn kids_vec(&mut self, extra: usize) -> &mut Vec<Ft> {
        if !matches!(self.kids, Kids::Many(_)) {
            let mut v = Children::with_capacity(extra + 1);
            match std::mem::replace(&mut self.kids, Kids::None) {
                Kids::Text(t) => v.push(Ft::Text(t)),
                Kids::Raw(r) => v.push(Ft::Raw(r)),
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

    /// Does dropping this element free nothing (a static tag, no attributes, no children
    /// or one leaf that owns no string)? Lets the children pool skip the drop glue.
    #[inline(always)]
    pub(crate) fn owns_nothing(&self) -> bool {
        self.tag.bits & OWNED == 0
            && self.attrs.0.is_none()
            && match &self.kids {
                Kids::None => true,
                Kids::Text(Text::Str(s)) => matches!(s, Cow::Borrowed(_)),
                Kids::Text(_) => true,
                Kids::Raw(r) => matches!(r.0, Cow::Borrowed(_)),
                Kids::Many(_) => false,
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
