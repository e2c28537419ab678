//! Typed slots: a compiled template's run-time values kept in their own types.
//!
//! For `Li!(B!(&team.name), ": ", team.score)` the tag macro writes a small generic struct
//! (`__FtSlots<V0, V1>(V0, V1)`) holding the values as a [`Str`] and a `u64`, and implements
//! [`SlotSet`] for it: its renderer writes each value with a call chosen at compile time, and
//! dropping it is the struct's own drop glue. Nothing dispatches on a value's kind, and a
//! value costs its own size, not an [`Ft`]'s.
//!
//! The macro picks the type of each value by autoref specialization ([`Val`]): strings (an
//! owned `String` kept as it is), integers and optional strings get their own types; a choice
//! among string literals is a [`Lit`]; anything else (an element, a
//! fragment, a user's `IntoFt` type, a boolean attribute ...) is kept as the [`Ft`] it
//! converts to, exactly as an untyped slot holds it. Reading the tree
//! ([`Element::children`](crate::Element::children), [`Element::attrs`](crate::Element::attrs))
//! converts the values to those `Ft`s ([`SlotSet::to_fts`]), so a typed template reads like
//! the same tree built one element at a time.

use crate::attr::AttrRef;
use crate::render::{
    render_attr_slot, render_attr_value, render_child, write_int, write_str, write_text_attr,
    write_text_value, write_uint,
};
use crate::text::Raw;
use crate::{Ft, IntoAttr, IntoFt, Str, Text};
use std::cell::Cell;

/// A value a template keeps in a slot, in its own type.
#[doc(hidden)]
pub trait SlotValue: Clone + Send + Sync + 'static {
    /// Writes the value as a child.
    fn child(&self, out: &mut String);
    /// Writes ` name="value"` (nothing when the value is absent or `false`).
    fn attr(&self, name: &str, out: &mut String);
    /// Is an attribute of this type always written (never absent, never `false`)? Then a
    /// template's renderer writes ` name=` with the markup before it, and the value with
    /// [`SlotValue::attr_value`].
    const ALWAYS: bool = false;
    /// Writes the quoted value of an attribute (`"value"`), for the types that are
    /// [`SlotValue::ALWAYS`] written; the renderer never calls it for the others (this
    /// default writes the whole attribute).
    fn attr_value(&self, name: &str, out: &mut String) {
        self.attr(name, out);
    }
    /// The value as an untyped slot holds it.
    fn into_ft(self) -> Ft;
    /// The value as an untyped slot holds it, cloned.
    fn to_ft(&self) -> Ft {
        self.clone().into_ft()
    }
    /// The value as a string, when it is one (an element's own `id`).
    fn as_str(&self) -> Option<&str> {
        None
    }
}

impl SlotValue for Str {
    #[inline]
    fn child(&self, out: &mut String) {
        write_str(self, out);
    }
    #[inline]
    fn attr(&self, name: &str, out: &mut String) {
        render_attr_value(name, AttrRef::Text(self), out);
    }
    const ALWAYS: bool = true;
    #[inline]
    fn attr_value(&self, name: &str, out: &mut String) {
        write_text_value(name, self, out);
    }
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(self))
    }
    fn as_str(&self) -> Option<&str> {
        Some(self.as_str())
    }
}

/// An owned `String` is kept as it is (a title read from the database, moved into the row):
/// no conversion when the row is built, written like a [`Str`].
impl SlotValue for String {
    #[inline]
    fn child(&self, out: &mut String) {
        crate::escape::text(out, self);
    }
    #[inline]
    fn attr(&self, name: &str, out: &mut String) {
        write_text_attr(name, self, out);
    }
    const ALWAYS: bool = true;
    #[inline]
    fn attr_value(&self, name: &str, out: &mut String) {
        write_text_value(name, self, out);
    }
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(Str::from(self)))
    }
    fn as_str(&self) -> Option<&str> {
        Some(self)
    }
}

impl SlotValue for Option<Str> {
    #[inline]
    fn child(&self, out: &mut String) {
        if let Some(s) = self {
            write_str(s, out);
        }
    }
    #[inline]
    fn attr(&self, name: &str, out: &mut String) {
        if let Some(s) = self {
            render_attr_value(name, AttrRef::Text(s), out);
        }
    }
    #[inline]
    fn into_ft(self) -> Ft {
        self.map_or_else(Ft::empty, |s| Ft::Text(Text::Str(s)))
    }
    fn as_str(&self) -> Option<&str> {
        self.as_ref().map(Str::as_str)
    }
}

/// The integers: written as digits, kept as the `Text` / `AttrRef` variant of their sign.
macro_rules! int_slot {
    ($($t:ty => $write:ident, $v:ident;)*) => {$(
        impl SlotValue for $t {
            #[inline]
            fn child(&self, out: &mut String) {
                $write(*self, out);
            }
            #[inline]
            fn attr(&self, name: &str, out: &mut String) {
                render_attr_value(name, AttrRef::$v(*self), out);
            }
            const ALWAYS: bool = true;
            #[inline]
            fn attr_value(&self, _: &str, out: &mut String) {
                out.push('"');
                $write(*self, out);
                out.push('"');
            }
            #[inline]
            fn into_ft(self) -> Ft {
                Ft::Text(Text::$v(self))
            }
        }
    )*};
}

int_slot! {
    i64 => write_int, Int;
    u64 => write_uint, UInt;
}

/// Any other value, as the `Ft` it converts to (an attribute's as `tmpl::attr_slot` makes it).
impl SlotValue for Ft {
    #[inline]
    fn child(&self, out: &mut String) {
        render_child(self, out, false);
    }
    #[inline]
    fn attr(&self, name: &str, out: &mut String) {
        render_attr_slot(name, self, out);
    }
    #[inline]
    fn into_ft(self) -> Ft {
        self
    }
    fn to_ft(&self) -> Ft {
        self.clone()
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Ft::Text(Text::Str(s)) | Ft::Raw(Raw(s)) => Some(s.as_str()),
            _ => None,
        }
    }
}

/// A child that is one of a few string literals (`if done { "yes" } else { "no" }`): the
/// chosen literal and its markup, escaped when the macro ran, so rendering it is a copy and
/// reading it back borrows the literal (the same `Str` as the literal's own value).
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct Lit(&'static [&'static str; 2]);

impl Lit {
    /// `[text, html]`: the literal and its escaped markup.
    #[inline]
    pub const fn new(pair: &'static [&'static str; 2]) -> Lit {
        Lit(pair)
    }
}

impl SlotValue for Lit {
    #[inline]
    fn child(&self, out: &mut String) {
        out.push_str(self.0[1]);
    }
    fn attr(&self, name: &str, out: &mut String) {
        write_text_attr(name, self.0[0], out);
    }
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(Str::from_static(self.0[0])))
    }
    fn as_str(&self) -> Option<&str> {
        Some(self.0[0])
    }
}

/// [`SlotValue::ALWAYS`] of a value's type (a template's renderer branches on it).
#[doc(hidden)]
#[inline]
pub fn always<T: SlotValue>(_: &T) -> bool {
    T::ALWAYS
}

/// A value of a template written as data (debug builds), as the `Ft` an untyped slot holds.
#[doc(hidden)]
#[inline]
pub fn ft<T: SlotValue>(value: T) -> Ft {
    value.into_ft()
}

/// What renders in the place of an empty section of a template written as data.
#[doc(hidden)]
pub fn other(other: Option<Box<Ft>>) -> Ft {
    other.map_or_else(Ft::empty, |b| *b)
}

/// A template's values: the struct the tag macro writes (or, built by hand, a `Vec<Ft>`).
#[doc(hidden)]
pub trait SlotSet: Clone + Send + Sync + 'static {
    /// Renders the template with these values (the tag macros write this renderer, with the
    /// markup as string literals); `false` (nothing written) when there is none, and the
    /// caller interprets the template's steps instead.
    fn render(&self, out: &mut String) -> bool;
    /// The values as untyped slots, borrowed, when they are kept so.
    fn as_fts(&self) -> Option<&[Ft]> {
        None
    }
    /// The values as untyped slots (a loop's as one fragment of every item's values).
    fn to_fts(&self) -> Vec<Ft>;
    /// The same, moving the values.
    fn into_fts(self) -> Vec<Ft>;
    /// Slot `i` as a string, when it is one (not inside a loop).
    fn slot_str(&self, i: usize) -> Option<&str>;
}

impl SlotSet for Vec<Ft> {
    fn render(&self, _: &mut String) -> bool {
        false
    }
    fn as_fts(&self) -> Option<&[Ft]> {
        Some(self)
    }
    fn to_fts(&self) -> Vec<Ft> {
        self.clone()
    }
    fn into_fts(self) -> Vec<Ft> {
        self
    }
    fn slot_str(&self, i: usize) -> Option<&str> {
        self.get(i).and_then(SlotValue::as_str)
    }
}

/// What [`Slots`] calls through its box: a [`SlotSet`] of any type.
trait Erased: Send + Sync {
    fn render(&self, out: &mut String) -> bool;
    fn as_fts(&self) -> Option<&[Ft]>;
    fn to_fts(&self) -> Vec<Ft>;
    fn slot_str(&self, i: usize) -> Option<&str>;
    fn clone_slots(&self) -> Slots;
    fn into_fts_boxed(self: Box<Self>) -> Vec<Ft>;
}

impl<S: SlotSet> Erased for S {
    fn render(&self, out: &mut String) -> bool {
        SlotSet::render(self, out)
    }
    fn as_fts(&self) -> Option<&[Ft]> {
        SlotSet::as_fts(self)
    }
    fn to_fts(&self) -> Vec<Ft> {
        SlotSet::to_fts(self)
    }
    fn slot_str(&self, i: usize) -> Option<&str> {
        SlotSet::slot_str(self, i)
    }
    fn clone_slots(&self) -> Slots {
        Slots::new(self.clone())
    }
    fn into_fts_boxed(self: Box<Self>) -> Vec<Ft> {
        SlotSet::into_fts(*self)
    }
}

/// A template's values: one box holding the struct the macro wrote.
#[doc(hidden)]
pub struct Slots(Box<dyn Erased>);

impl Slots {
    /// Boxes `set`.
    #[inline]
    pub fn new<S: SlotSet>(set: S) -> Slots {
        Slots(Box::new(set))
    }
    /// Renders the template with the values (see [`SlotSet::render`]).
    #[inline]
    pub(crate) fn render(&self, out: &mut String) -> bool {
        self.0.render(out)
    }
    /// See [`SlotSet::as_fts`].
    pub(crate) fn as_fts(&self) -> Option<&[Ft]> {
        self.0.as_fts()
    }
    /// See [`SlotSet::to_fts`].
    pub(crate) fn to_fts(&self) -> Vec<Ft> {
        self.0.to_fts()
    }
    /// See [`SlotSet::slot_str`].
    pub(crate) fn slot_str(&self, i: usize) -> Option<&str> {
        self.0.slot_str(i)
    }
    /// See [`SlotSet::into_fts`].
    pub(crate) fn into_fts(self) -> Vec<Ft> {
        self.0.into_fts_boxed()
    }
}

impl Clone for Slots {
    fn clone(&self) -> Slots {
        self.0.clone_slots()
    }
}

/// A value on its way into a slot: the tag macro writes `(&&&Val::new(v)).ft_child()` (or
/// `ft_attr`), and method resolution picks the typed conversion when `v`'s type has one
/// ([`ChildTyped`], [`AttrTyped`]) and the `Ft` one otherwise ([`ChildAny`], [`AttrAny`]).
#[doc(hidden)]
pub struct Val<T>(Cell<Option<T>>);

impl<T> Val<T> {
    #[inline]
    pub fn new(v: T) -> Val<T> {
        Val(Cell::new(Some(v)))
    }
    #[inline]
    pub(crate) fn take(&self) -> T {
        match self.0.take() {
            Some(v) => v,
            // Each `Val` is made for one call of `ft_child`/`ft_attr`, which takes it once.
            None => unreachable!("a slot value is taken once"),
        }
    }
}

/// A converted value: `into_slot` gives it.
#[doc(hidden)]
pub struct Ready<T>(pub(crate) T);

impl<T> Ready<T> {
    #[inline]
    pub fn into_slot(self) -> T {
        self.0
    }
}

/// A child of no typed kind: `into_slot` converts it with [`IntoFt`].
#[doc(hidden)]
pub struct AnyChild<T>(T);

impl<T: IntoFt> AnyChild<T> {
    #[inline]
    pub fn into_slot(self) -> Ft {
        self.0.into_ft()
    }
}

/// An attribute value of no typed kind: `into_slot` converts it with [`IntoAttr`].
#[doc(hidden)]
pub struct AnyAttr<T>(T);

impl<T: IntoAttr> AnyAttr<T> {
    #[inline]
    pub fn into_slot(self) -> Ft {
        crate::tmpl::attr_slot(self.0.into_attr())
    }
}

/// A child with a typed slot (see [`Val`]).
#[doc(hidden)]
pub trait ChildTyped {
    type Out;
    fn ft_child(&self) -> Ready<Self::Out>;
}

/// Any other child (see [`Val`]).
#[doc(hidden)]
pub trait ChildAny {
    type In;
    fn ft_child(&self) -> AnyChild<Self::In>;
}

impl<T> ChildAny for &Val<T> {
    type In = T;
    #[inline]
    fn ft_child(&self) -> AnyChild<T> {
        AnyChild(self.take())
    }
}

/// An attribute value with a typed slot (see [`Val`]).
#[doc(hidden)]
pub trait AttrTyped {
    type Out;
    fn ft_attr(&self) -> Ready<Self::Out>;
}

/// Any other attribute value (see [`Val`]).
#[doc(hidden)]
pub trait AttrAny {
    type In;
    fn ft_attr(&self) -> AnyAttr<Self::In>;
}

impl<T> AttrAny for &Val<T> {
    type In = T;
    #[inline]
    fn ft_attr(&self) -> AnyAttr<T> {
        AnyAttr(self.take())
    }
}

/// Typed conversions shared by children and attributes: `$t` becomes `$out` by `$f`, the
/// same value its `IntoFt` and `IntoAttr` give (checked by the tests).
macro_rules! typed {
    ($($t:ty => $out:ty, $f:expr;)*) => {$(
        impl ChildTyped for &&Val<$t> {
            type Out = $out;
            #[inline]
            fn ft_child(&self) -> Ready<$out> {
                Ready($f(self.take()))
            }
        }
        impl AttrTyped for &&Val<$t> {
            type Out = $out;
            #[inline]
            fn ft_attr(&self) -> Ready<$out> {
                Ready($f(self.take()))
            }
        }
    )*};
}

typed! {
    &str => Str, Str::new;
    &String => Str, |s: &String| Str::new(s);
    String => String, |s| s;
    Str => Str, |s| s;
    Option<&str> => Option<Str>, |s: Option<&str>| s.map(Str::new);
    Option<String> => Option<Str>, |s: Option<String>| s.map(Str::from);
    i8 => i64, i64::from;
    i16 => i64, i64::from;
    i32 => i64, i64::from;
    i64 => i64, |n| n;
    isize => i64, |n| n as i64;
    u8 => u64, u64::from;
    u16 => u64, u64::from;
    u32 => u64, u64::from;
    u64 => u64, |n| n;
    usize => u64, |n| n as u64;
    &i32 => i64, |n: &i32| i64::from(*n);
    &i64 => i64, |n: &i64| *n;
    &u32 => u64, |n: &u32| u64::from(*n);
    &u64 => u64, |n: &u64| *n;
    &usize => u64, |n: &usize| *n as u64;
}

/// A loop's items in a compiled template: one typed struct per item.
#[doc(hidden)]
#[derive(Clone)]
pub struct Items<T>(Vec<T>);

impl<T> Items<T> {
    /// Room for `n` items.
    #[inline]
    pub fn with_capacity(n: usize) -> Items<T> {
        Items(Vec::with_capacity(n))
    }

    /// Appends the item `make` gives.
    #[inline]
    pub fn push_with(&mut self, make: impl FnOnce() -> T) {
        self.0.push(make());
    }
}

impl<T> std::ops::Deref for Items<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> IntoIterator for Items<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// `x.map(|v| Tag!(..))` in a compiled template when `x` is not plainly an iterator: an
/// optional section. Its items are typed like a loop's (none or one for an `Option`, the
/// `Ok` value of a `Result`, every item of an iterator); `other` is what renders in their
/// place: a `Result`'s `Err` (as the `Ft` it converts to), else nothing. No allocation for
/// zero or one item.
#[doc(hidden)]
#[derive(Clone)]
pub struct Section<T> {
    first: Option<T>,
    rest: Vec<T>,
    other: Option<Box<Ft>>,
}

impl<T> Section<T> {
    /// No items yet, and `other` in their place.
    #[inline]
    pub fn new(other: Option<Box<Ft>>) -> Section<T> {
        Section {
            first: None,
            rest: Vec::new(),
            other,
        }
    }

    /// Appends the item `make` gives.
    #[inline]
    pub fn push_with(&mut self, make: impl FnOnce() -> T) {
        if self.first.is_none() {
            self.first = Some(make());
        } else {
            self.rest.push(make());
        }
    }

    /// The items, in order.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.first.iter().chain(self.rest.iter())
    }

    /// What renders in the items' place (a `Result`'s `Err`), if anything.
    #[inline]
    pub fn other(&self) -> Option<&Ft> {
        self.other.as_deref()
    }

    /// What renders in the items' place, cloned (the empty fragment for nothing).
    pub fn other_ft(&self) -> Ft {
        self.other().cloned().unwrap_or_default()
    }

    /// The items and what renders in their place, moved out.
    pub fn into_parts(self) -> (impl Iterator<Item = T>, Ft) {
        let other = self.other.map_or_else(Ft::empty, |b| *b);
        (self.first.into_iter().chain(self.rest), other)
    }
}

/// A section's receiver split into its items and what renders in their place: `into_parts`.
#[doc(hidden)]
pub struct SectionOf<I>(I, Option<Box<Ft>>);

impl<I> SectionOf<I> {
    #[inline]
    pub fn into_parts(self) -> (I, Option<Box<Ft>>) {
        (self.0, self.1)
    }
}

/// The receiver of a section is an `Option` or a `Result` (see [`Section`]); chosen by
/// autoref like [`ChildTyped`].
#[doc(hidden)]
pub trait SectionTyped {
    type Iter;
    fn ft_section(&self) -> SectionOf<Self::Iter>;
}

impl<T> SectionTyped for &&Val<Option<T>> {
    type Iter = std::option::IntoIter<T>;
    #[inline]
    fn ft_section(&self) -> SectionOf<Self::Iter> {
        SectionOf(self.take().into_iter(), None)
    }
}

impl<T, E: IntoFt> SectionTyped for &&Val<Result<T, E>> {
    type Iter = std::option::IntoIter<T>;
    #[inline]
    fn ft_section(&self) -> SectionOf<Self::Iter> {
        match self.take() {
            Ok(v) => SectionOf(Some(v).into_iter(), None),
            Err(e) => SectionOf(None.into_iter(), Some(Box::new(e.into_ft()))),
        }
    }
}

/// Any other receiver of a section: an iterator, each of its items (see [`Section`]).
#[doc(hidden)]
pub trait SectionAny {
    type Iter;
    fn ft_section(&self) -> SectionOf<Self::Iter>;
}

impl<I: IntoIterator> SectionAny for &Val<I> {
    type Iter = I::IntoIter;
    #[inline]
    fn ft_section(&self) -> SectionOf<Self::Iter> {
        SectionOf(self.take().into_iter(), None)
    }
}

/// A child of a compiled `Grid!` that is not known at build time to be one element: wrapped
/// in a `<div>` unless it is a list (a fragment), as Pico's grid builder wraps it.
#[doc(hidden)]
#[derive(Clone)]
pub struct GridCell(Ft);

impl GridCell {
    #[inline]
    pub fn new(child: Ft) -> GridCell {
        GridCell(child)
    }
}

impl SlotValue for GridCell {
    #[inline]
    fn child(&self, out: &mut String) {
        if let Ft::Fragment(_) = self.0 {
            render_child(&self.0, out, false);
        } else {
            out.push_str("<div>");
            render_child(&self.0, out, false);
            out.push_str("</div>");
        }
    }
    fn attr(&self, name: &str, out: &mut String) {
        render_attr_slot(name, &self.0, out);
    }
    fn into_ft(self) -> Ft {
        match self.0 {
            Ft::Fragment(items) => Ft::Fragment(items),
            one => {
                let mut div = crate::Element::from_tag(&crate::tags::Div);
                div.push_ft(one);
                Ft::Element(div)
            }
        }
    }
}

/// A compiled `Card!`'s header or footer given at run time: wrapped in its element unless
/// it is empty (nothing or `""`), as `CardBuilder` decides.
#[doc(hidden)]
#[derive(Clone)]
pub struct Shown {
    tag: &'static crate::TagDesc,
    content: Ft,
}

impl Shown {
    #[inline]
    pub fn new(tag: &'static crate::TagDesc, content: Ft) -> Shown {
        Shown { tag, content }
    }
}

impl SlotValue for Shown {
    #[inline]
    fn child(&self, out: &mut String) {
        if crate::pico::truthy(&self.content) {
            out.push('<');
            out.push_str(self.tag.name());
            out.push('>');
            render_child(&self.content, out, false);
            out.push_str("</");
            out.push_str(self.tag.name());
            out.push('>');
        }
    }
    fn attr(&self, name: &str, out: &mut String) {
        render_attr_slot(name, &self.content, out);
    }
    fn into_ft(self) -> Ft {
        if crate::pico::truthy(&self.content) {
            let mut el = crate::Element::from_tag(self.tag);
            el.push_ft(self.content);
            Ft::Element(el)
        } else {
            Ft::empty()
        }
    }
}
