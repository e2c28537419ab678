//! Typed slots: a compiled template's run-time values kept in their own types.
//!
//! For `Li!(B!(&team.name), ": ", team.score)` the tag macro writes a small generic struct
//! (`__FtSlots<V0, V1>(V0, V1)`) holding the values as a [`Str`] and a `u64`, and implements
//! [`SlotSet`] for it: its renderer writes each value with a call chosen at compile time, and
//! dropping it is the struct's own drop glue. Nothing dispatches on a value's kind, and a
//! value costs its own size, not an [`Ft`]'s.
//!
//! The macro picks the type of each value by autoref specialization ([`Val`]): strings,
//! integers and optional strings get their own types; anything else (an element, a
//! fragment, a user's `IntoFt` type, a boolean attribute ...) is kept as the [`Ft`] it
//! converts to, exactly as an untyped slot holds it. Reading the tree
//! ([`Element::children`](crate::Element::children), [`Element::attrs`](crate::Element::attrs))
//! converts the values to those `Ft`s ([`SlotSet::to_fts`]), so a typed template reads like
//! the same tree built one element at a time.

use crate::attr::AttrRef;
use crate::render::{
    render_attr_slot, render_attr_value, render_child, write_int, write_str, write_uint,
};
use crate::text::Raw;
use crate::tmpl::{Prefix, Step};
use crate::{Ft, IntoAttr, IntoFt, Str, Text};
use std::cell::Cell;
use std::ptr::NonNull;

/// A value a template keeps in a slot, in its own type.
#[doc(hidden)]
pub trait SlotValue: Clone + Send + Sync + 'static {
    /// Writes the value as a child.
    fn child(&self, out: &mut String);
    /// Writes ` name="value"` (nothing when the value is absent or `false`).
    fn attr(&self, name: &str, prefix: &Option<Prefix>, out: &mut String);
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
    #[inline(always)]
    fn child(&self, out: &mut String) {
        write_str(self, out);
    }
    #[inline(always)]
    fn attr(&self, name: &str, prefix: &Option<Prefix>, out: &mut String) {
        render_attr_value(name, prefix, AttrRef::Text(self), out);
    }
    #[inline]
    fn into_ft(self) -> Ft {
        Ft::Text(Text::Str(self))
    }
    fn as_str(&self) -> Option<&str> {
        Some(self.as_str())
    }
}

impl SlotValue for Option<Str> {
    #[inline(always)]
    fn child(&self, out: &mut String) {
        if let Some(s) = self {
            write_str(s, out);
        }
    }
    #[inline(always)]
    fn attr(&self, name: &str, prefix: &Option<Prefix>, out: &mut String) {
        if let Some(s) = self {
            render_attr_value(name, prefix, AttrRef::Text(s), out);
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
            #[inline(always)]
            fn child(&self, out: &mut String) {
                $write(*self, out);
            }
            #[inline(always)]
            fn attr(&self, name: &str, prefix: &Option<Prefix>, out: &mut String) {
                render_attr_value(name, prefix, AttrRef::$v(*self), out);
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
    #[inline(always)]
    fn child(&self, out: &mut String) {
        render_child(self, out, false);
    }
    #[inline(always)]
    fn attr(&self, name: &str, prefix: &Option<Prefix>, out: &mut String) {
        render_attr_slot(name, prefix, self, out);
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

/// A template's values: the struct the tag macro writes (or, built by hand, a `Vec<Ft>`).
#[doc(hidden)]
pub trait SlotSet: Clone + Send + Sync + 'static {
    /// Renders the steps with the values in between; `false` (nothing written) when there is
    /// no renderer written for these steps, and the caller interprets them instead.
    fn render(&self, steps: &[Step], out: &mut String) -> bool;
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
    fn render(&self, _: &[Step], _: &mut String) -> bool {
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

/// What [`Slots`] calls through its pointer: a [`SlotSet`] of any type.
trait Erased: Send + Sync {
    fn render(&self, steps: &[Step], out: &mut String) -> bool;
    fn as_fts(&self) -> Option<&[Ft]>;
    fn to_fts(&self) -> Vec<Ft>;
    fn slot_str(&self, i: usize) -> Option<&str>;
    fn clone_slots(&self) -> Slots;
    /// Moves the values out.
    ///
    /// # Safety
    /// The value is not used or dropped again (only its memory is given back).
    unsafe fn take_fts(&mut self) -> Vec<Ft>;
}

impl<S: SlotSet> Erased for S {
    #[inline(always)]
    fn render(&self, steps: &[Step], out: &mut String) -> bool {
        SlotSet::render(self, steps, out)
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
    unsafe fn take_fts(&mut self) -> Vec<Ft> {
        // SAFETY: the caller never uses or drops `self` again, so the value is moved once.
        unsafe { std::ptr::read(self) }.into_fts()
    }
}

/// A template's values, in memory from the children pool (no allocation per element once
/// the pool is warm).
#[doc(hidden)]
pub struct Slots(NonNull<dyn Erased>);

// SAFETY: `Slots` owns its value alone, like a `Box`, and every `SlotSet` is `Send + Sync`.
unsafe impl Send for Slots {}
// SAFETY: as above; shared access only reads the value.
unsafe impl Sync for Slots {}

impl Slots {
    /// Moves `set` into pooled memory.
    #[inline]
    pub fn new<S: SlotSet>(set: S) -> Slots {
        const { assert!(std::mem::align_of::<S>() <= std::mem::align_of::<Ft>()) };
        let at = crate::pool::take_raw(std::mem::size_of::<S>()).cast::<S>();
        // SAFETY: `take_raw` gave memory for `size_of::<S>()` bytes, aligned for `Ft` and so
        // for `S` (checked above), used by nothing else.
        unsafe {
            copy_words(&set, at);
            std::mem::forget(set);
            Slots(NonNull::new_unchecked(at as *mut dyn Erased))
        }
    }
    #[inline(always)]
    fn get(&self) -> &dyn Erased {
        // SAFETY: the pointer is to the live value `new` wrote, owned by `self`.
        unsafe { self.0.as_ref() }
    }
    /// Renders the steps with the values (see [`SlotSet::render`]).
    #[inline(always)]
    pub(crate) fn render(&self, steps: &[Step], out: &mut String) -> bool {
        self.get().render(steps, out)
    }
    /// See [`SlotSet::as_fts`].
    pub(crate) fn as_fts(&self) -> Option<&[Ft]> {
        self.get().as_fts()
    }
    /// See [`SlotSet::to_fts`].
    pub(crate) fn to_fts(&self) -> Vec<Ft> {
        self.get().to_fts()
    }
    /// See [`SlotSet::slot_str`].
    pub(crate) fn slot_str(&self, i: usize) -> Option<&str> {
        self.get().slot_str(i)
    }
    /// See [`SlotSet::into_fts`].
    pub(crate) fn into_fts(self) -> Vec<Ft> {
        let me = std::mem::ManuallyDrop::new(self);
        let p = me.0.as_ptr();
        // SAFETY: `me` is never dropped, so the value is moved out once here and its memory,
        // from `take_raw`, given back once.
        unsafe {
            let v = (*p).take_fts();
            crate::pool::give_raw(p.cast());
            v
        }
    }
}

/// Copies `*src` to `dst` eight bytes at a time. `src` was usually just assembled on the
/// stack with 8-byte stores, and the compiler's own copy of a struct uses 16-byte loads, which
/// cannot take their bytes from two pending stores and wait for them to reach the cache.
///
/// # Safety
/// `dst` is valid for writing a `T`, aligned for it, and does not overlap `src`; afterwards it
/// holds a bitwise copy (the caller decides which of the two is dropped).
#[inline(always)]
unsafe fn copy_words<T>(src: &T, dst: *mut T) {
    if align_of::<T>() < 8 {
        // SAFETY: as the caller promises; no 8-byte reads for a type that may not allow them.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, 1) };
        return;
    }
    let (s, d) = ((src as *const T).cast::<u64>(), dst.cast::<u64>());
    // SAFETY: `T` is aligned to 8, so its size is a multiple of 8: the words are all of
    // `*src` / `*dst`, and aligned; `MaybeUninit` carries padding bytes as they are. The reads
    // are volatile so that the compiler keeps them 8 bytes wide instead of merging them again.
    unsafe {
        for i in 0..size_of::<T>() / 8 {
            let w = s
                .add(i)
                .cast::<std::mem::MaybeUninit<u64>>()
                .read_volatile();
            d.add(i).cast::<std::mem::MaybeUninit<u64>>().write(w);
        }
    }
}

impl Clone for Slots {
    fn clone(&self) -> Slots {
        self.get().clone_slots()
    }
}

impl Drop for Slots {
    #[inline]
    fn drop(&mut self) {
        let p = self.0.as_ptr();
        // SAFETY: the value is live and owned here; it is dropped once, then its memory (from
        // `take_raw`) is given back once.
        unsafe {
            std::ptr::drop_in_place(p);
            crate::pool::give_raw(p.cast());
        }
    }
}

/// A value on its way into a slot: the tag macro writes `(&&&Val::new(v)).ft_child()` (or
/// `ft_attr`), and method resolution picks the typed conversion when `v`'s type has one
/// ([`ChildTyped`], [`AttrTyped`]) and the `Ft` one otherwise ([`ChildAny`], [`AttrAny`]).
#[doc(hidden)]
pub struct Val<T>(Cell<Option<T>>);

impl<T> Val<T> {
    #[inline(always)]
    pub fn new(v: T) -> Val<T> {
        Val(Cell::new(Some(v)))
    }
    #[inline(always)]
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
    #[inline(always)]
    pub fn into_slot(self) -> T {
        self.0
    }
}

/// A child of no typed kind: `into_slot` converts it with [`IntoFt`].
#[doc(hidden)]
pub struct AnyChild<T>(T);

impl<T: IntoFt> AnyChild<T> {
    #[inline(always)]
    pub fn into_slot(self) -> Ft {
        self.0.into_ft()
    }
}

/// An attribute value of no typed kind: `into_slot` converts it with [`IntoAttr`].
#[doc(hidden)]
pub struct AnyAttr<T>(T);

impl<T: IntoAttr> AnyAttr<T> {
    #[inline(always)]
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
    #[inline(always)]
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
    #[inline(always)]
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
            #[inline(always)]
            fn ft_child(&self) -> Ready<$out> {
                Ready($f(self.take()))
            }
        }
        impl AttrTyped for &&Val<$t> {
            type Out = $out;
            #[inline(always)]
            fn ft_attr(&self) -> Ready<$out> {
                Ready($f(self.take()))
            }
        }
    )*};
}

typed! {
    &str => Str, Str::new;
    &String => Str, |s: &String| Str::new(s);
    String => Str, Str::from;
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

/// A loop's items in a compiled template (one typed struct per item): a vector whose memory
/// comes from the children pool, so a loop costs no allocation once the pool is warm.
#[doc(hidden)]
pub struct Items<T> {
    ptr: NonNull<T>,
    len: usize,
    cap: usize,
}

// SAFETY: `Items<T>` owns its `T`s alone, like a `Vec<T>`.
unsafe impl<T: Send> Send for Items<T> {}
// SAFETY: as above; shared access only reads them.
unsafe impl<T: Sync> Sync for Items<T> {}

impl<T> Items<T> {
    const CHECK: () = assert!(
        std::mem::size_of::<T>() > 0 && std::mem::align_of::<T>() <= std::mem::align_of::<Ft>()
    );

    /// Room for `n` items.
    #[inline]
    pub fn with_capacity(n: usize) -> Items<T> {
        let () = Self::CHECK;
        let mut items = Items {
            ptr: NonNull::dangling(),
            len: 0,
            cap: 0,
        };
        if n > 0 {
            items.grow_to(n);
        }
        items
    }

    /// Moves the items to pooled memory for `cap` of them (`cap > len`): a loop's first memory
    /// and any growth past its size hint. Cold, so that the inlined `push` stays small.
    #[cold]
    fn grow_to(&mut self, cap: usize) {
        let bytes = cap
            .checked_mul(std::mem::size_of::<T>())
            .expect("a loop's items fit in memory");
        let at = crate::pool::take_raw(bytes).cast::<T>();
        // SAFETY: the new memory holds `cap > len` items, is aligned for `T` (`CHECK`) and
        // is used by nothing else; the `len` items are moved into it, and the old memory
        // (from `take_raw`, when there was any) is given back without dropping them again.
        unsafe {
            std::ptr::copy_nonoverlapping(self.ptr.as_ptr(), at, self.len);
            if self.cap > 0 {
                crate::pool::give_raw(self.ptr.as_ptr().cast());
            }
            self.ptr = NonNull::new_unchecked(at);
        }
        self.cap = cap;
    }

    /// Appends an item.
    #[inline]
    pub fn push(&mut self, item: T) {
        self.push_with(|| item);
    }

    /// Appends the item `make` gives, made after any growth: nothing is live across the call
    /// that grows, so the item goes from registers straight to its place (a value kept across
    /// it would be spilled and then copied with wider loads than it was stored with, which
    /// stalls).
    #[inline(always)]
    pub fn push_with(&mut self, make: impl FnOnce() -> T) {
        if self.len == self.cap {
            self.grow_to((self.cap * 2).max(4));
        }
        // SAFETY: `len < cap`: the slot is inside the memory, and uninitialised.
        unsafe { self.ptr.as_ptr().add(self.len).write(make()) };
        self.len += 1;
    }
}

impl<T> std::ops::Deref for Items<T> {
    type Target = [T];
    #[inline(always)]
    fn deref(&self) -> &[T] {
        // SAFETY: the first `len` items are initialised (dangling and empty with no memory).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T: Clone> Clone for Items<T> {
    fn clone(&self) -> Items<T> {
        let mut c = Items::with_capacity(self.len);
        for item in self.iter() {
            c.push(item.clone());
        }
        c
    }
}

impl<T> Drop for Items<T> {
    fn drop(&mut self) {
        // SAFETY: the `len` items are live and dropped once; the memory, if any, came from
        // `take_raw` and is given back once.
        unsafe {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                self.ptr.as_ptr(),
                self.len,
            ));
            if self.cap > 0 {
                crate::pool::give_raw(self.ptr.as_ptr().cast());
            }
        }
    }
}

impl<T> IntoIterator for Items<T> {
    type Item = T;
    type IntoIter = ItemsIter<T>;
    fn into_iter(self) -> ItemsIter<T> {
        ItemsIter {
            items: std::mem::ManuallyDrop::new(self),
            next: 0,
        }
    }
}

/// The items of [`Items`], moved out one by one.
#[doc(hidden)]
pub struct ItemsIter<T> {
    items: std::mem::ManuallyDrop<Items<T>>,
    next: usize,
}

impl<T> Iterator for ItemsIter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        if self.next == self.items.len {
            return None;
        }
        // SAFETY: items `next..len` are live and not yet moved out; each is read once.
        let item = unsafe { self.items.ptr.as_ptr().add(self.next).read() };
        self.next += 1;
        Some(item)
    }
}

impl<T> Drop for ItemsIter<T> {
    fn drop(&mut self) {
        let items = &mut *self.items;
        // SAFETY: items `next..len` were not moved out: they are dropped once; the memory, if
        // any, came from `take_raw` and is given back once (the `Items` itself is never
        // dropped).
        unsafe {
            std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                items.ptr.as_ptr().add(self.next),
                items.len - self.next,
            ));
            if items.cap > 0 {
                crate::pool::give_raw(items.ptr.as_ptr().cast());
            }
        }
    }
}
