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
    // Most children (a table's cells) own no memory: forget those instead of running the
    // full drop glue, one call per node, for each.
    for ft in v.drain(..) {
        if ft.owns_nothing() {
            std::mem::forget(ft);
        }
    }
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        let k = class(cap);
        if k < CLASSES && p.buckets[k].len() < PER_CLASS && p.slots + cap <= MAX_SLOTS {
            p.slots += cap;
            p.buckets[k].push(v);
        }
    });
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
