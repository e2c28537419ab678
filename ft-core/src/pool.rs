//! A per-thread pool of child vectors. Building and dropping a page allocates one vector per
//! element with several children; the pool hands the same buffers back on the next render, so
//! a steady stream of pages allocates almost nothing for its trees (and the allocator is not
//! made to return and re-fault the memory of every big page).

use crate::{Attr, Ft};
use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

/// Capacity classes: class `k` holds buffers with capacity in `MIN << k .. MIN << (k + 1)`.
const CLASSES: usize = 12;
/// The smallest capacity handed out (and kept).
const MIN: usize = 4;
/// Buffers kept per class.
const PER_CLASS: usize = 128;
/// Slots (`Ft` or `Attr` values) kept per thread and pool: about 1.5 MB of children.
const MAX_SLOTS: usize = 32 * 1024;

/// Something with a capacity that the pool keeps: a children vector, or a boxed attribute list.
trait Buffer {
    fn cap(&self) -> usize;
    fn with_cap(n: usize) -> Self;
}

impl Buffer for Vec<Ft> {
    #[inline(always)]
    fn cap(&self) -> usize {
        self.capacity()
    }
    fn with_cap(n: usize) -> Self {
        Vec::with_capacity(n)
    }
}

#[allow(clippy::box_collection)] // the box is what the element holds: one word
impl Buffer for Box<Vec<Attr>> {
    #[inline(always)]
    fn cap(&self) -> usize {
        self.capacity()
    }
    fn with_cap(n: usize) -> Self {
        Box::new(Vec::with_capacity(n))
    }
}

struct Pool<B> {
    buckets: [Vec<B>; CLASSES],
    slots: usize,
}

impl<B: Buffer> Pool<B> {
    const fn new() -> Self {
        Pool {
            buckets: [const { Vec::new() }; CLASSES],
            slots: 0,
        }
    }
    /// An empty buffer with room for at least `n` (the pool's, or a new one whose capacity
    /// puts it back in the same class later).
    #[inline(always)]
    fn take(&mut self, n: usize) -> B {
        let k = class_for(n);
        if k < CLASSES {
            if let Some(b) = self.buckets[k].pop() {
                self.slots -= b.cap();
                return b;
            }
            return B::with_cap(MIN << k);
        }
        B::with_cap(n)
    }
    /// Keeps an emptied buffer, or hands it back when there is no room.
    #[inline(always)]
    fn give(&mut self, b: B) -> Option<B> {
        let cap = b.cap();
        let k = class_of(cap);
        if k < CLASSES && self.buckets[k].len() < PER_CLASS && self.slots + cap <= MAX_SLOTS {
            self.slots += cap;
            self.buckets[k].push(b);
            return None;
        }
        Some(b)
    }
}

thread_local! {
    static KIDS: RefCell<Pool<Vec<Ft>>> = const { RefCell::new(Pool::new()) };
    static ATTRS: RefCell<Pool<Box<Vec<Attr>>>> = const { RefCell::new(Pool::new()) };
}

/// The class whose every buffer holds `n`.
#[inline(always)]
fn class_for(n: usize) -> usize {
    if n <= MIN {
        0
    } else {
        (usize::BITS - (n - 1).leading_zeros()) as usize - MIN.trailing_zeros() as usize
    }
}

/// The class of a buffer of capacity `cap` (`CLASSES` or more when too small or too big).
#[inline(always)]
fn class_of(cap: usize) -> usize {
    if cap < MIN {
        return usize::MAX;
    }
    (usize::BITS - 1 - cap.leading_zeros()) as usize - MIN.trailing_zeros() as usize
}

/// An empty vector with room for at least `n` children, from the pool when it has one.
#[inline]
pub(crate) fn take(n: usize) -> Vec<Ft> {
    KIDS.try_with(|p| match p.try_borrow_mut() {
        Ok(mut p) => p.take(n),
        Err(_) => Vec::with_capacity(n),
    })
    .unwrap_or_else(|_| Vec::with_capacity(n))
}

/// Gives a vector back: its children are dropped first, then the buffer is kept if there is
/// room (else freed).
#[inline]
pub(crate) fn give(mut v: Vec<Ft>) {
    if v.capacity() < MIN {
        return;
    }
    drop_children(&mut v);
    let _ = KIDS.try_with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            p.give(v)
        } else {
            Some(v)
        }
    });
}

/// An element's attribute list: a boxed vector that goes back to the pool when dropped.
pub(crate) struct AttrList(std::mem::ManuallyDrop<Box<Vec<Attr>>>);

impl AttrList {
    #[inline]
    pub(crate) fn with_capacity(n: usize) -> AttrList {
        let b = ATTRS
            .try_with(|p| match p.try_borrow_mut() {
                Ok(mut p) => p.take(n),
                Err(_) => Box::new(Vec::with_capacity(n)),
            })
            .unwrap_or_else(|_| Box::new(Vec::with_capacity(n)));
        AttrList(std::mem::ManuallyDrop::new(b))
    }
}

impl Drop for AttrList {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the box is taken out once, here, and `self` is never used again.
        let mut b = unsafe { std::mem::ManuallyDrop::take(&mut self.0) };
        b.clear();
        let _ = ATTRS.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                p.give(b)
            } else {
                Some(b)
            }
        });
    }
}

impl Clone for AttrList {
    fn clone(&self) -> AttrList {
        let mut c = AttrList::with_capacity(self.len());
        c.extend(self.iter().cloned());
        c
    }
}

impl Deref for AttrList {
    type Target = Vec<Attr>;
    #[inline(always)]
    fn deref(&self) -> &Vec<Attr> {
        &self.0
    }
}

impl DerefMut for AttrList {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut Vec<Attr> {
        &mut self.0
    }
}

/// Empties `v`, running the drop glue only for the nodes that own memory: most children (a
/// table's cells) own none, and skipping them saves a call or two per node.
#[inline]
fn drop_children(v: &mut Vec<Ft>) {
    let len = v.len();
    let base = v.as_mut_ptr();
    // SAFETY: the length is set to 0 first, so the vector never touches these values again
    // (a panicking drop leaks the rest, which is safe). Each `base.add(i)`, `i < len`, is an
    // initialised `Ft`, read or dropped exactly once here; a node that `owns_nothing` has no
    // drop glue with any effect, so not dropping it is a no-op.
    unsafe {
        v.set_len(0);
        for i in 0..len {
            let p = base.add(i);
            if !(*p).owns_nothing() {
                std::ptr::drop_in_place(p);
            }
        }
    }
}

/// An element's children: a vector that goes back to the pool when dropped.
#[derive(Clone, PartialEq)]
pub(crate) struct Children(Vec<Ft>);

impl Children {
    #[inline]
    pub(crate) fn with_capacity(n: usize) -> Children {
        Children(take(n))
    }
}

impl From<Vec<Ft>> for Children {
    #[inline]
    fn from(v: Vec<Ft>) -> Children {
        Children(v)
    }
}

impl Drop for Children {
    #[inline]
    fn drop(&mut self) {
        give(std::mem::take(&mut self.0));
    }
}

impl Deref for Children {
    type Target = Vec<Ft>;
    #[inline]
    fn deref(&self) -> &Vec<Ft> {
        &self.0
    }
}

impl DerefMut for Children {
    #[inline]
    fn deref_mut(&mut self) -> &mut Vec<Ft> {
        &mut self.0
    }
}

impl std::fmt::Debug for Children {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<'a> IntoIterator for &'a Children {
    type Item = &'a Ft;
    type IntoIter = std::slice::Iter<'a, Ft>;
    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a mut Children {
    type Item = &'a mut Ft;
    type IntoIter = std::slice::IterMut<'a, Ft>;
    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Element, Raw, Str, Text};

    #[test]
    fn drop_children_drops_owned_nodes_and_keeps_the_buffer() {
        // Nodes that own memory (strings, attributes, nested children, owned tags) are
        // dropped; the others are skipped; the buffer stays for reuse.
        let mut el = Element::new_static("td", false);
        el.push(String::from("owned, and too long to be inline"));
        let mut nested = Element::new(String::from("My-Tag"));
        nested.push((1, 2, 3));
        nested.set("id", "x");
        let mut v: Vec<Ft> = vec![
            Ft::Element(Element::new_static("td", false)),
            Ft::Element(el),
            Ft::Element(nested),
            Ft::Text(Text::Str(Str::from(
                "a heap string, longer than 23 bytes".to_owned(),
            ))),
            Ft::Text(Text::UInt(3)),
            Ft::Raw(Raw::new("<b>")),
            Ft::Fragment(vec![Ft::text("x")]),
        ];
        assert!(v[0].owns_nothing() && v[4].owns_nothing() && v[5].owns_nothing());
        assert!(!v[1].owns_nothing() && !v[2].owns_nothing() && !v[3].owns_nothing());
        assert!(!v[6].owns_nothing());
        let cap = v.capacity();
        drop_children(&mut v);
        assert!(v.is_empty());
        assert_eq!(v.capacity(), cap);
    }
}
