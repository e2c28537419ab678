//! Per-thread pools of child vectors and attribute lists. Building and dropping a page
//! allocates one vector per element with several children and one list per element with
//! attributes; the pools hand the same buffers back on the next render, so a steady stream of
//! pages allocates almost nothing for its trees (and the allocator is not made to return and
//! re-fault the memory of every big page).
//!
//! Each pool is a set of intrusive free lists (one per capacity class) in plain thread-local
//! `Cell`s: taking or giving a buffer is a few loads and stores, with no `RefCell` and no
//! lazily-registered thread-local to check. A separate guard, registered on first use, frees
//! what is left when the thread ends.

use crate::{Attr, Ft};
use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::ptr;

/// Capacity classes: class `k` holds buffers with capacity in `MIN << k .. MIN << (k + 1)`.
const CLASSES: usize = 12;
/// The smallest capacity handed out (and kept); also what a free buffer must hold: a `Node`.
const MIN: usize = 4;
/// Buffers kept per class.
const PER_CLASS: u32 = 4096;
/// Slots (`Ft` or `Attr` values) kept per thread and pool: about 1.5 MB.
const MAX_SLOTS: usize = 32 * 1024;

/// A free buffer, written over its own first bytes.
struct Node {
    next: *mut Node,
    /// The buffer's capacity (in values).
    cap: usize,
    /// For an attribute list: its box (the buffer is the vector's); null for children.
    shell: *mut Vec<Attr>,
}

const _: () = assert!(
    std::mem::size_of::<Node>() <= MIN * std::mem::size_of::<Ft>()
        && std::mem::size_of::<Node>() <= MIN * std::mem::size_of::<Attr>()
        && std::mem::align_of::<Node>() <= std::mem::align_of::<Ft>()
        && std::mem::align_of::<Node>() <= std::mem::align_of::<Attr>()
);

/// Where a thread's pool stands.
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// No buffer kept yet (the exit guard is not registered).
    Fresh,
    /// Keeping buffers; the guard will free them.
    Open,
    /// The thread is ending: buffers are freed, not kept.
    Closed,
}

/// One pool: a free list per class. Every `Node` reachable from `heads` is a buffer owned by
/// this list alone (nobody else holds its pointer).
struct Lists {
    heads: [Cell<*mut Node>; CLASSES],
    counts: [Cell<u32>; CLASSES],
    slots: Cell<usize>,
    /// Kept here (the same in both pools) so that one thread-local access does.
    state: Cell<State>,
}

impl Lists {
    const fn new() -> Lists {
        Lists {
            heads: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            counts: [const { Cell::new(0) }; CLASSES],
            slots: Cell::new(0),
            state: Cell::new(State::Fresh),
        }
    }

    /// A free buffer of class `k`, or else of the class above (bigger than asked: fine).
    #[inline(always)]
    fn pop_fit(&self, k: usize) -> Option<(*mut Node, usize, *mut Vec<Attr>)> {
        self.pop(k).or_else(|| self.pop((k + 1).min(CLASSES - 1)))
    }

    /// Unlinks a free buffer of class `k`: its address (the buffer), capacity and shell.
    #[inline(always)]
    fn pop(&self, k: usize) -> Option<(*mut Node, usize, *mut Vec<Attr>)> {
        let head = self.heads[k].get();
        if head.is_null() {
            return None;
        }
        // SAFETY: a non-null head is a `Node` written by `push` into a buffer this list owns.
        let node = unsafe { head.read() };
        self.heads[k].set(node.next);
        self.counts[k].set(self.counts[k].get() - 1);
        self.slots.set(self.slots.get() - node.cap);
        Some((head, node.cap, node.shell))
    }

    /// Is there room for a buffer of capacity `cap` (returns its class)?
    #[inline(always)]
    fn room(&self, cap: usize) -> Option<usize> {
        let k = class_of(cap);
        if k >= CLASSES || self.counts[k].get() >= PER_CLASS || self.slots.get() + cap > MAX_SLOTS {
            return None;
        }
        match self.state.get() {
            State::Open => Some(k),
            State::Fresh => register_exit_guard().then_some(k),
            State::Closed => None,
        }
    }

    /// Links a free buffer into class `k`.
    ///
    /// # Safety
    /// `at` must be a buffer of at least `size_of::<Node>()` bytes, aligned for `Node`,
    /// unused by anyone else from now on, and `k` its class from `room`.
    #[inline(always)]
    unsafe fn push(&self, at: *mut Node, k: usize, cap: usize, shell: *mut Vec<Attr>) {
        let next = self.heads[k].get();
        // SAFETY: the caller hands over `at`, big and aligned enough for a `Node`.
        unsafe { at.write(Node { next, cap, shell }) };
        self.heads[k].set(at);
        self.counts[k].set(self.counts[k].get() + 1);
        self.slots.set(self.slots.get() + cap);
    }
}

thread_local! {
    static KIDS: Lists = const { Lists::new() };
    static ATTRS: Lists = const { Lists::new() };
    static EXIT_GUARD: ExitGuard = const { ExitGuard };
}

/// Frees the pooled buffers when its thread ends.
struct ExitGuard;

impl Drop for ExitGuard {
    fn drop(&mut self) {
        set_state(State::Closed);
        let _ = KIDS.try_with(|l| {
            for k in 0..CLASSES {
                while let Some((at, cap, _)) = l.pop(k) {
                    // SAFETY: a popped node is a children buffer of capacity `cap` that the
                    // list owned; rebuilt as the empty vector it was, and freed.
                    drop(unsafe { Vec::from_raw_parts(at.cast::<Ft>(), 0, cap) });
                }
            }
        });
        let _ = ATTRS.try_with(|l| {
            for k in 0..CLASSES {
                while let Some((at, cap, shell)) = l.pop(k) {
                    // SAFETY: as above, for an attribute list: the buffer, then its box
                    // (whose contents were moved out when it was pooled).
                    unsafe {
                        drop(Vec::from_raw_parts(at.cast::<Attr>(), 0, cap));
                        drop(Box::from_raw(shell.cast::<ManuallyDrop<Vec<Attr>>>()));
                    }
                }
            }
        });
    }
}

/// Registers the guard that empties the pools at thread exit; `false` when the thread is
/// already ending (then nothing may be kept).
#[cold]
fn register_exit_guard() -> bool {
    let ok = EXIT_GUARD.try_with(|_| ()).is_ok();
    set_state(if ok { State::Open } else { State::Closed });
    ok
}

fn set_state(s: State) {
    KIDS.with(|l| l.state.set(s));
    ATTRS.with(|l| l.state.set(s));
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

/// The capacity to allocate for `n` values: the class size, so the buffer comes back to the
/// same class.
#[inline(always)]
fn new_cap(n: usize) -> usize {
    let k = class_for(n);
    if k < CLASSES { MIN << k } else { n }
}

/// An empty vector with room for at least `n` children, from the pool when it has one.
#[inline]
pub(crate) fn take(n: usize) -> Vec<Ft> {
    let k = class_for(n);
    // `KIDS` is `const`-initialised without drop glue: `with` never fails, even at exit.
    if k < CLASSES
        && let Some((at, cap, _)) = KIDS.with(|l| l.pop_fit(k))
    {
        // SAFETY: the node's buffer was a `Vec<Ft>` of capacity `cap` (>= n, by its class or
        // the one above), given to the pool empty; it is handed out again, once.
        return unsafe { Vec::from_raw_parts(at.cast::<Ft>(), 0, cap) };
    }
    Vec::with_capacity(new_cap(n))
}

/// Gives a vector back: its children are dropped first, then the buffer is kept if there is
/// room (else freed).
#[inline]
pub(crate) fn give(mut v: Vec<Ft>) {
    drop_children(&mut v);
    keep(v);
}

/// Keeps an empty vector's buffer if there is room (else frees it).
#[inline]
fn keep(v: Vec<Ft>) {
    debug_assert!(v.is_empty());
    let cap = v.capacity();
    KIDS.with(|l| {
        if let Some(k) = l.room(cap) {
            let mut v = ManuallyDrop::new(v);
            // SAFETY: the buffer (capacity `cap >= MIN` values, so room for a `Node`, and
            // aligned for `Ft`, hence for `Node`) is empty and no longer owned by `v`.
            unsafe { l.push(v.as_mut_ptr().cast::<Node>(), k, cap, ptr::null_mut()) };
        }
    });
}

/// Memory for a value of `size` bytes (aligned for an `Ft`, at most) from the children
/// pool. The buffer's capacity is written in its first word, and the value's memory follows.
#[inline]
pub(crate) fn take_raw(size: usize) -> *mut u8 {
    let n = (size + HEADER).div_ceil(std::mem::size_of::<Ft>());
    let k = class_for(n);
    let (at, cap) = match (k < CLASSES).then(|| KIDS.with(|l| l.pop_fit(k))).flatten() {
        Some((at, cap, _)) => (at.cast::<usize>(), cap),
        None => {
            let mut v = ManuallyDrop::new(Vec::<Ft>::with_capacity(new_cap(n)));
            (v.as_mut_ptr().cast::<usize>(), v.capacity())
        }
    };
    // SAFETY: the buffer holds at least `n` values, room for the header word and `size`
    // bytes after it; it is aligned for `Ft`, so for `usize`.
    unsafe {
        at.write(cap);
        at.cast::<u8>().add(HEADER)
    }
}

/// The header before a value from [`take_raw`]: the buffer's capacity.
const HEADER: usize = std::mem::size_of::<usize>();

/// Gives back memory from [`take_raw`] (whatever it held is already dropped or moved out).
///
/// # Safety
/// `at` must come from `take_raw` and not be used again.
#[inline]
pub(crate) unsafe fn give_raw(at: *mut u8) {
    // SAFETY: `take_raw` wrote the buffer's capacity `HEADER` bytes before `at`; the buffer
    // was a `Vec<Ft>` of that capacity, empty now.
    let v = unsafe {
        let start = at.sub(HEADER).cast::<usize>();
        Vec::from_raw_parts(start.cast::<Ft>(), 0, start.read())
    };
    keep(v);
}

/// An element's attribute list: a boxed vector (one word in the element) from the pool,
/// given back when dropped.
#[allow(clippy::box_collection)] // the box keeps `Element` small: one word, not three
pub(crate) struct AttrList(ManuallyDrop<Box<Vec<Attr>>>);

impl AttrList {
    #[inline]
    pub(crate) fn with_capacity(n: usize) -> AttrList {
        let k = class_for(n);
        if k < CLASSES
            && let Some((at, cap, shell)) = ATTRS.with(|l| l.pop_fit(k))
        {
            // SAFETY: the node keeps a pooled list: its box `shell` (contents moved out) and
            // its buffer of capacity `cap`; the vector is rebuilt empty in the box.
            let b = unsafe {
                shell.write(Vec::from_raw_parts(at.cast::<Attr>(), 0, cap));
                Box::from_raw(shell)
            };
            return AttrList(ManuallyDrop::new(b));
        }
        AttrList(ManuallyDrop::new(Box::new(Vec::with_capacity(new_cap(n)))))
    }
}

impl Drop for AttrList {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the box is taken out once, here, and `self` is never used again.
        let mut b = unsafe { ManuallyDrop::take(&mut self.0) };
        b.clear();
        let cap = b.capacity();
        ATTRS.with(|l| {
            if let Some(k) = l.room(cap) {
                let shell = Box::into_raw(b);
                // SAFETY: the vector is moved out of its box (which is kept, as raw memory,
                // in the node), and its empty buffer (>= MIN attributes: room for a `Node`)
                // holds the node.
                unsafe {
                    let mut v = ManuallyDrop::new(shell.read());
                    l.push(v.as_mut_ptr().cast::<Node>(), k, cap, shell);
                }
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
            match &mut *p {
                // A container (static tag, no attributes, children in a vector, the common
                // inner node): its children go straight back to the pool; what is left of it
                // (an empty vector) owns nothing, so its drop glue is skipped.
                Ft::Element(e) if !e.owns_nothing() => match e.only_children_mut() {
                    Some(kids) => give(std::mem::take(&mut kids.0)),
                    None => std::ptr::drop_in_place(p),
                },
                Ft::Element(_) => {}
                // A fragment among the children (an iterator's items): its vector goes back
                // to the pool too.
                Ft::Fragment(items) if items.capacity() != 0 => give(std::mem::take(items)),
                node => {
                    if !node.owns_nothing() {
                        std::ptr::drop_in_place(p);
                    }
                }
            }
        }
    }
}

/// An element's children: a vector that goes back to the pool when dropped.
#[derive(Clone, PartialEq)]
pub(crate) struct Children(pub(crate) Vec<Ft>);

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

    #[test]
    fn buffers_come_back_with_enough_room() {
        // Odd capacities go to the class below them, so whatever is taken holds `n`; buffers
        // too small for a node, or too big for any class, are freed instead of kept.
        for cap in [0usize, 1, 3, 4, 5, 7, 8, 100, 1000, MIN << CLASSES, 100_000] {
            let mut v: Vec<Ft> = Vec::with_capacity(cap);
            v.push(Ft::text("x".repeat(cap % 50)));
            give(v);
            for n in [0usize, 1, 4, 5, 9, 100, 5000] {
                let t = take(n);
                assert!(t.capacity() >= n && t.is_empty(), "cap {cap}, n {n}");
                give(t);
            }
        }
    }

    #[test]
    fn a_given_buffer_is_taken_again() {
        let mut v = take(6);
        v.push(Ft::text("a long string that owns a heap buffer"));
        let p = v.as_ptr();
        give(v);
        let again = take(6);
        assert_eq!(again.as_ptr(), p);
        assert!(again.is_empty());
    }

    #[test]
    fn attribute_lists_are_reused_empty() {
        let mut a = AttrList::with_capacity(3);
        a.push(Attr {
            name: "id".into(),
            value: crate::AttrValue::Text(Str::from(
                "a value longer than the inline size".to_owned(),
            )),
        });
        let p = a.as_ptr();
        drop(a);
        let b = AttrList::with_capacity(2);
        assert_eq!(b.as_ptr(), p);
        assert!(b.is_empty() && b.capacity() >= 2);
        let c = b.clone();
        assert!(c.is_empty());
    }

    #[test]
    fn a_thread_ending_with_pooled_buffers_frees_them() {
        // The exit guard drains both pools; a tree dropped after it (here: one kept in
        // another thread-local) frees its buffers directly.
        thread_local! {
            static LATE: std::cell::RefCell<Option<Ft>> = const { std::cell::RefCell::new(None) };
        }
        std::thread::spawn(|| {
            let mut el = Element::new_static("ul", false);
            for i in 0..10 {
                el.push(Ft::text(format!("item number {i} with a long text")));
            }
            el.set("class", "x");
            let kept = Ft::Element(el.clone());
            drop(el);
            LATE.with(|l| *l.borrow_mut() = Some(kept));
        })
        .join()
        .expect("thread");
    }
}
