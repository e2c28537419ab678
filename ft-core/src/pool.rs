//! A per-thread pool of child vectors. Building and dropping a page allocates one vector per
//! element with several children; the pool hands the same buffers back on the next render, so
//! a steady stream of pages allocates almost nothing for its trees (and the allocator is not
//! made to return and re-fault the memory of every big page).

use crate::Ft;
use std::cell::RefCell;
use std::ops::{Deref, DerefMut};

/// Capacity classes: bucket `k` holds vectors with capacity in `2^k .. 2^(k+1)`.
const CLASSES: usize = 13;
/// Vectors kept per class.
const PER_CLASS: usize = 128;
/// Slots (`Ft` values) kept per thread in all: about 1.8 MB.
const MAX_SLOTS: usize = 32 * 1024;

struct Pool {
    buckets: [Vec<Vec<Ft>>; CLASSES],
    slots: usize,
}

thread_local! {
    static POOL: RefCell<Pool> = const {
        RefCell::new(Pool { buckets: [const { Vec::new() }; CLASSES], slots: 0 })
    };
}

fn class(cap: usize) -> usize {
    (usize::BITS - 1 - cap.max(1).leading_zeros()) as usize
}

/// An empty vector with room for at least `n` children, from the pool when it has one.
#[inline]
pub(crate) fn take(n: usize) -> Vec<Ft> {
    let n = n.max(1);
    let found = POOL
        .try_with(|p| {
            let mut p = p.borrow_mut();
            let first = class(n);
            for k in first..(first + 3).min(CLASSES) {
                if p.buckets[k].last().is_some_and(|v| v.capacity() >= n) {
                    let v = p.buckets[k].pop()?;
                    p.slots -= v.capacity();
                    return Some(v);
                }
            }
            None
        })
        .ok()
        .flatten();
    found.unwrap_or_else(|| Vec::with_capacity(n.max(4)))
}

/// Gives a vector back: its children are dropped first, then the buffer is kept if there is
/// room (else freed).
#[inline]
pub(crate) fn give(mut v: Vec<Ft>) {
    let cap = v.capacity();
    if cap == 0 {
        return;
    }
    drop_children(&mut v);
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        let k = class(cap);
        if k < CLASSES && p.buckets[k].len() < PER_CLASS && p.slots + cap <= MAX_SLOTS {
            p.slots += cap;
            p.buckets[k].push(v);
        }
    });
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
    use crate::{Element, Raw, Text};
    use std::borrow::Cow;

    #[test]
    fn drop_children_drops_owned_nodes_and_keeps_the_buffer() {
        // Nodes that own memory (strings, attributes, nested children, owned tags) are
        // dropped; the others are skipped; the buffer stays for reuse.
        let mut el = Element::new_static("td", false);
        el.push(String::from("owned"));
        let mut nested = Element::new(String::from("My-Tag"));
        nested.push((1, 2, 3));
        nested.set("id", "x");
        let mut v: Vec<Ft> = vec![
            Ft::Element(Element::new_static("td", false)),
            Ft::Element(el),
            Ft::Element(nested),
            Ft::Text(Text::Str(Cow::Owned("a".into()))),
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
