//! Compiled children: nested tag macros flattened at compile time.
//!
//! `Tr!(Td!(it.id), Td!(A!("edit", hx_get = url)))` is one element whose children are a
//! [`Tmpl`] (a `static` description of the nested `<td>`s and `<a>` written by the macro)
//! plus the run-time values in slots (`it.id`, `url`). Rendering writes the static markup
//! between the slots as merged pieces (`</td><td><a href="#" hx-get=`), so a row costs one
//! element instead of four and one vector instead of three; the first render of a template
//! prepares its pieces once, with the renderer's own escaping.
//!
//! The tree is still a tree: reading an element's children builds the nested elements from
//! the description ([`Element::children`](crate::Element::children) gives them), and changing
//! them turns the compiled children into ordinary ones first.

use crate::attr::{AttrRef, AttrValue};
use crate::element::Element;
use crate::text::{Raw, Text};
use crate::{Component, Ft, Str, TagDesc};
use std::borrow::Cow;
use std::ptr::NonNull;
use std::sync::OnceLock;

/// One step of a template's description, in document order. Written by the tag macros.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub enum Node {
    /// An element starts; its attributes follow, then its children, then `Close`.
    Open(&'static TagDesc),
    /// An attribute written as a literal (HTML name, value).
    Attr(&'static str, &'static str),
    /// An attribute whose value is in a slot (HTML name, slot).
    AttrSlot(&'static str, u16),
    /// After the attributes when `id = ..` was given: FastHTML's auto-name (SPEC 1.55).
    AutoName,
    /// A string literal child (escaped when rendered).
    Text(&'static str),
    /// A run-time child in a slot.
    Child(u16),
    /// The element opened last ends.
    Close,
    /// A loop (`rows.iter().map(|r| Tr!(..))` in a tag macro): the next `len` nodes describe
    /// one item, with slots counted from 0 in each item; the slot holds every item's values,
    /// `width` per item, as a fragment.
    Repeat {
        /// The slot holding the items' values.
        slot: u16,
        /// Values per item (at least 1).
        width: u16,
        /// How many nodes describe an item.
        len: u16,
    },
}

/// A `static` description of nested elements, with the render steps it compiles to.
#[doc(hidden)]
pub struct Tmpl {
    nodes: &'static [Node],
    /// The nodes describe the element itself (its `Open`, attributes, children and `Close`),
    /// not only its children: see [`Tmpl::whole`].
    whole: bool,
    /// The macro's straight-line renderer for these steps, and the shape it expects.
    unrolled: Option<(&'static [u16], Unrolled)>,
    prepared: OnceLock<Prepared>,
}

/// A renderer written by the tag macro for one template: the steps in order, without a
/// dispatch per step (see [`crate::unrolled`]). `false` when the steps are not the expected
/// ones (nothing is written then).
#[doc(hidden)]
pub type Unrolled = fn(&[Step], &[Ft], &mut String) -> bool;

/// The steps, and the unrolled renderer when its shape matches them.
struct Prepared {
    steps: Box<[Step]>,
    unrolled: Option<Unrolled>,
}

/// A render step: markup as it is, then at most one run-time value. Pairing them halves the
/// steps (and their dispatch) against one step per piece.
#[derive(Debug)]
#[doc(hidden)]
pub struct Step {
    pub(crate) lit: Lit,
    pub(crate) act: Act,
}

/// Codes of a template's shape: each step's value in order, as its kind and slot (`CHILD`,
/// slot; `ATTR`, slot); a loop is `REPEAT`, its slot, its width, its body's codes, `END`.
/// Written by the macro and compared, once, with the prepared steps: the unrolled renderer
/// reads the slots the macro numbered, so any step the preparation merged, dropped or added
/// (a repeated name, auto-name, a name HTML cannot hold) makes the shapes differ.
pub const CHILD: u16 = 0;
/// See [`CHILD`].
pub const ATTR: u16 = 1;
/// See [`CHILD`].
pub const REPEAT: u16 = 2;
/// See [`CHILD`].
pub const END: u16 = 3;

/// A slot or width as a shape code (they come from the macro's `u16`s).
fn code(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The shape of prepared steps (see [`CHILD`]); a final step with markup only adds nothing.
fn shape(steps: &[Step], out: &mut Vec<u16>) {
    for (i, step) in steps.iter().enumerate() {
        match &step.act {
            Act::Child(i) => out.extend([CHILD, code(*i)]),
            Act::Attr(i, ..) => out.extend([ATTR, code(*i)]),
            Act::Repeat { slot, width, body } => {
                out.extend([REPEAT, code(*slot), code(*width)]);
                shape(body, out);
                out.push(END);
            }
            // Markup alone can only end a list; anywhere else the shapes must differ.
            Act::None if i + 1 == steps.len() => {}
            Act::None => out.push(u16::MAX),
        }
    }
}

/// What a step writes after its markup: nothing, a child slot, an attribute slot
/// (` name="value"`), or a loop.
#[derive(Debug)]
pub(crate) enum Act {
    None,
    Child(usize),
    Attr(usize, &'static str, Option<Prefix>),
    /// Each item of a loop: `width` values of the slot's fragment per item.
    Repeat {
        slot: usize,
        width: usize,
        body: Box<[Step]>,
    },
}

/// An attribute's ` name="`, zero-padded to 16 bytes, and its length: written with one store
/// before an inline value.
pub(crate) type Prefix = ([u8; 16], usize);

fn prefix(name: &str) -> Option<Prefix> {
    let n = name.len() + 3;
    if n > 16 {
        return None;
    }
    let mut b = [0u8; 16];
    b[0] = b' ';
    b[1..n - 2].copy_from_slice(name.as_bytes());
    b[n - 2] = b'=';
    b[n - 1] = b'"';
    Some((b, n))
}

impl Tmpl {
    /// A template (the macros make one `static` per nested literal).
    pub const fn new(nodes: &'static [Node]) -> Tmpl {
        Tmpl {
            nodes,
            whole: false,
            unrolled: None,
            prepared: OnceLock::new(),
        }
    }

    /// A template with the macro's unrolled renderer, used when the prepared steps have the
    /// `shape` it was written for.
    pub const fn unrolled(nodes: &'static [Node], shape: &'static [u16], f: Unrolled) -> Tmpl {
        Tmpl {
            nodes,
            whole: false,
            unrolled: Some((shape, f)),
            prepared: OnceLock::new(),
        }
    }

    /// The same template describing the element itself: its first node opens the element,
    /// its attributes follow, and its last node closes it. `Tr!(Td!(..), id = x)` keeps its
    /// own attributes in the template's slots instead of an attribute list, so a row renders
    /// its start tag with its cells and costs no list.
    pub const fn whole(mut self) -> Tmpl {
        self.whole = true;
        self
    }

    fn prepared(&self) -> &Prepared {
        self.prepared.get_or_init(|| {
            let steps = compile(self.nodes);
            let unrolled = self.unrolled.and_then(|(expected, f)| {
                let mut got = Vec::new();
                shape(&steps, &mut got);
                (got == expected).then_some(f)
            });
            Prepared { steps, unrolled }
        })
    }

    /// The render steps (prepared on first use) and the unrolled renderer when there is one
    /// that fits them.
    #[inline]
    pub(crate) fn render_plan(&self) -> (&[Step], Option<Unrolled>) {
        let p = self.prepared();
        (&p.steps, p.unrolled)
    }
}

impl std::fmt::Debug for Tmpl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tmpl").field("nodes", &self.nodes).finish()
    }
}

/// Turns the description into render pieces, merging adjacent markup. Static attributes and
/// text go through the renderer itself, so their bytes are the same as an element built at
/// run time would give.
fn compile(nodes: &[Node]) -> Box<[Step]> {
    let mut ops = Vec::new();
    let mut lit = String::new();
    let mut open: Vec<&'static TagDesc> = Vec::new();
    // The markup so far, then `act`.
    let step = |lit: &mut String, ops: &mut Vec<Step>, act: Act| {
        ops.push(Step {
            lit: Lit::new(&std::mem::take(lit)),
            act,
        });
    };
    let mut i = 0;
    while i < nodes.len() {
        match nodes[i] {
            Node::Open(d) => {
                let attrs = attrs_at(nodes, i + 1);
                let open_tag = d.open();
                lit.push_str(&open_tag[..open_tag.len() - 1]);
                for (name, value) in with_auto_name(d, attrs) {
                    match value {
                        Source::Lit(v) => crate::render::write_attr_ref(
                            name,
                            AttrRef::Trusted(&Str::from_static(v)),
                            &mut lit,
                        ),
                        // A name HTML cannot hold is never written (SPEC 1.28).
                        Source::Slot(s) if crate::render::valid_name(name) => {
                            step(
                                &mut lit,
                                &mut ops,
                                Act::Attr(usize::from(s), name, prefix(name)),
                            );
                        }
                        Source::Slot(_) => {}
                    }
                }
                lit.push('>');
                open.push(d);
                i += 1 + attrs.len();
                continue;
            }
            Node::Text(s) => crate::escape::text(&mut lit, s),
            Node::Child(s) => {
                step(&mut lit, &mut ops, Act::Child(usize::from(s)));
            }
            Node::Close => {
                if let Some(d) = open.pop()
                    && !d.is_void()
                {
                    lit.push_str(d.close());
                }
            }
            Node::Repeat { slot, width, len } => {
                let body = repeat_body(nodes, i, len);
                let act = Act::Repeat {
                    slot: usize::from(slot),
                    width: usize::from(width.max(1)),
                    body: compile(body),
                };
                step(&mut lit, &mut ops, act);
                i += 1 + body.len();
                continue;
            }
            // Attributes are read with their `Open`.
            Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName => {}
        }
        i += 1;
    }
    if !lit.is_empty() {
        step(&mut lit, &mut ops, Act::None);
    }
    ops.into_boxed_slice()
}

/// The nodes describing one item of the `Repeat` at `at`.
fn repeat_body(nodes: &[Node], at: usize, len: u16) -> &[Node] {
    let start = (at + 1).min(nodes.len());
    let end = (start + usize::from(len)).min(nodes.len());
    &nodes[start..end]
}

/// Markup written as it is, zero-padded to whole 16-byte blocks so that it is copied with
/// fixed-size stores (no length-dependent branches, no `memcpy` call).
pub(crate) struct Lit {
    blocks: Box<[[u8; 16]]>,
    len: usize,
}

impl Lit {
    fn new(s: &str) -> Lit {
        // At least two blocks, so that markup up to 32 bytes is always two 16-byte stores.
        let mut blocks = vec![[0u8; 16]; s.len().div_ceil(16).max(2)];
        for (block, chunk) in blocks.iter_mut().zip(s.as_bytes().chunks(16)) {
            block[..chunk.len()].copy_from_slice(chunk);
        }
        Lit {
            blocks: blocks.into_boxed_slice(),
            len: s.len(),
        }
    }

    /// Appends the markup to `out`.
    #[inline(always)]
    pub(crate) fn write(&self, out: &mut String) {
        match &*self.blocks {
            [a, b] => {
                out.reserve(32);
                // SAFETY: `reserve` made room for 32 bytes; both blocks are written, and only
                // the first `len <= 32` bytes, the markup (whole UTF-8: `Lit::new` copied it
                // from a `&str`), are kept.
                unsafe {
                    let v = out.as_mut_vec();
                    let start = v.len();
                    let p = v.as_mut_ptr().add(start).cast::<[u8; 16]>();
                    p.write_unaligned(*a);
                    p.add(1).write_unaligned(*b);
                    v.set_len(start + self.len);
                }
            }
            blocks => {
                out.reserve(blocks.len() * 16);
                // SAFETY: as above, for every block: room was reserved for all of them, and
                // only the markup's `len` bytes are kept.
                unsafe {
                    let v = out.as_mut_vec();
                    let start = v.len();
                    let p = v.as_mut_ptr().add(start).cast::<[u8; 16]>();
                    for (i, block) in blocks.iter().enumerate() {
                        p.add(i).write_unaligned(*block);
                    }
                    v.set_len(start + self.len);
                }
            }
        }
    }
}

impl std::fmt::Debug for Lit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bytes: Vec<u8> = self
            .blocks
            .iter()
            .flatten()
            .copied()
            .take(self.len)
            .collect();
        String::from_utf8_lossy(&bytes).fmt(f)
    }
}

/// Where an attribute's value comes from.
#[derive(Clone, Copy)]
enum Source {
    Lit(&'static str),
    Slot(u16),
}

/// The attribute nodes right after an `Open` at `start - 1`.
fn attrs_at(nodes: &[Node], start: usize) -> &[Node] {
    let n = nodes[start..]
        .iter()
        .take_while(|n| matches!(n, Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName))
        .count();
    &nodes[start..start + n]
}

/// An element's attributes in order, plus FastHTML's auto-name (SPEC 1.55) when asked for:
/// on the tags that have it, an `id` without a `name` adds `name` with the id's value, last.
fn with_auto_name(d: &TagDesc, attrs: &[Node]) -> Vec<(&'static str, Source)> {
    let mut list: Vec<(&'static str, Source)> = Vec::with_capacity(attrs.len() + 1);
    for n in attrs {
        let (name, source) = match *n {
            Node::Attr(name, v) => (name, Source::Lit(v)),
            Node::AttrSlot(name, s) => (name, Source::Slot(s)),
            _ => continue,
        };
        // A name given twice (`hx_target` and `target_id`): the later value, in the earlier
        // place, as setting an attribute again does.
        match list.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = source,
            None => list.push((name, source)),
        }
    }
    let auto = attrs.iter().any(|n| matches!(n, Node::AutoName));
    if auto
        && d.is_named()
        && !list.iter().any(|(n, _)| *n == "name")
        && let Some(&(_, id)) = list.iter().find(|(n, _)| *n == "id")
    {
        list.push(("name", id));
    }
    list
}

/// Builds the nested elements a template describes, taking each slot's value from `slot`:
/// the children as they were given to the macro (a fragment stays one child; a loop gives
/// its items one by one).
fn thaw(nodes: &[Node], slot: &mut dyn FnMut(usize) -> Ft) -> Vec<Ft> {
    let mut top: Vec<Ft> = Vec::new();
    let mut open: Vec<Element> = Vec::new();
    fn add(top: &mut Vec<Ft>, open: &mut [Element], child: Ft) {
        match open.last_mut() {
            Some(parent) => parent.push_ft(child),
            None => top.push(child),
        }
    }
    let mut i = 0;
    while i < nodes.len() {
        match nodes[i] {
            Node::Open(d) => {
                let attrs = attrs_at(nodes, i + 1);
                open.push(open_element(d, attrs, slot));
                i += attrs.len();
            }
            Node::Text(s) => add(
                &mut top,
                &mut open,
                Ft::Text(Text::Str(Str::from_static(s))),
            ),
            Node::Child(s) => {
                let child = slot(usize::from(s));
                add(&mut top, &mut open, child);
            }
            Node::Close => {
                if let Some(el) = open.pop() {
                    add(&mut top, &mut open, Ft::Element(el));
                }
            }
            Node::Repeat {
                slot: s,
                width,
                len,
            } => {
                let body = repeat_body(nodes, i, len);
                let items = match slot(usize::from(s)) {
                    Ft::Fragment(items) => items,
                    _ => Vec::new(),
                };
                let width = usize::from(width.max(1));
                let mut values = items.into_iter();
                for _ in 0..values.len() / width {
                    let mut group: Vec<Option<Ft>> =
                        values.by_ref().take(width).map(Some).collect();
                    let mut take =
                        |i: usize| group.get_mut(i).and_then(Option::take).unwrap_or_default();
                    for item in thaw(body, &mut take) {
                        add(&mut top, &mut open, item);
                    }
                }
                i += body.len();
            }
            Node::Attr(..) | Node::AttrSlot(..) | Node::AutoName => {}
        }
        i += 1;
    }
    top
}

/// The element an `Open` starts, with its attributes (the nodes after it) and no children.
fn open_element(d: &'static TagDesc, attrs: &[Node], slot: &mut dyn FnMut(usize) -> Ft) -> Element {
    let mut el = Element::from_tag(d);
    let mut auto = false;
    for n in attrs {
        match *n {
            Node::Attr(name, v) => Component::attr(
                &mut el,
                Cow::Borrowed(name),
                Some(AttrValue::Trusted(Str::from_static(v))),
            ),
            Node::AttrSlot(name, s) => Component::attr(
                &mut el,
                Cow::Borrowed(name),
                slot_attr(slot(usize::from(s))),
            ),
            Node::AutoName => auto = true,
            _ => {}
        }
    }
    if auto {
        el.auto_name();
    }
    el
}

/// Children as an element keeps them: fragments spliced in, empty ones dropped.
fn flatten(given: Vec<Ft>) -> Vec<Ft> {
    let mut out = Vec::with_capacity(given.len());
    for child in given {
        match child {
            Ft::Fragment(items) => out.extend(items),
            one => out.push(one),
        }
    }
    out
}

/// An attribute value as a slot holds it: an `Ft` leaf (so that slots are one vector of
/// `Ft` from the children pool). `None` is the empty fragment; a literal-like trusted string
/// is `Raw`, any other string `Text`.
#[doc(hidden)]
#[inline]
pub fn attr_slot(value: Option<AttrValue>) -> Ft {
    match value {
        None => Ft::empty(),
        Some(AttrValue::Text(s)) => Ft::Text(Text::Str(s)),
        Some(AttrValue::Trusted(s)) => Ft::Raw(Raw(s)),
        Some(AttrValue::Bool(b)) => Ft::Text(Text::Bool(b)),
        Some(AttrValue::Int(n)) => Ft::Text(Text::Int(n)),
        Some(AttrValue::UInt(n)) => Ft::Text(Text::UInt(n)),
        Some(AttrValue::Float(f)) => Ft::Text(Text::Float(f)),
    }
}

/// The attribute value a slot holds (the inverse of [`attr_slot`]).
fn slot_attr(ft: Ft) -> Option<AttrValue> {
    Some(match ft {
        Ft::Text(Text::Str(s)) => AttrValue::Text(s),
        Ft::Raw(Raw(s)) => AttrValue::Trusted(s),
        Ft::Text(Text::Bool(b)) => AttrValue::Bool(b),
        Ft::Text(Text::Int(n)) => AttrValue::Int(n),
        Ft::Text(Text::UInt(n)) => AttrValue::UInt(n),
        Ft::Text(Text::Float(f)) => AttrValue::Float(f),
        Ft::Text(Text::Char(c)) => AttrValue::Text(Str::from(c)),
        _ => return None,
    })
}

/// The attribute value a slot holds, borrowed (for rendering).
#[inline(always)]
pub(crate) fn slot_attr_ref(ft: &Ft) -> Option<AttrRef<'_>> {
    Some(match ft {
        Ft::Text(Text::Str(s)) => AttrRef::Text(s),
        Ft::Raw(Raw(s)) => AttrRef::Trusted(s),
        Ft::Text(Text::Bool(b)) => AttrRef::Bool(*b),
        Ft::Text(Text::Int(n)) => AttrRef::Int(*n),
        Ft::Text(Text::UInt(n)) => AttrRef::UInt(*n),
        Ft::Text(Text::Float(f)) => AttrRef::Float(*f),
        _ => return None,
    })
}

/// An element's compiled children: the template and its slots.
pub(crate) struct TmplKids {
    pub(crate) tmpl: &'static Tmpl,
    slots: Slots,
}

impl TmplKids {
    #[inline]
    pub(crate) fn new(tmpl: &'static Tmpl, slots: Vec<Ft>) -> TmplKids {
        TmplKids {
            tmpl,
            slots: Slots::new(slots),
        }
    }
    /// The slot values, in slot order.
    #[inline(always)]
    pub(crate) fn slots(&self) -> &[Ft] {
        self.slots.as_slice()
    }
    /// Does the template describe the element itself ([`Tmpl::whole`])?
    #[inline(always)]
    pub(crate) fn is_whole(&self) -> bool {
        self.tmpl.whole
    }
    /// The nodes of the element's own attributes (empty unless whole), and of its children.
    fn parts(&self) -> (Option<&'static TagDesc>, &'static [Node], &'static [Node]) {
        let nodes = self.tmpl.nodes;
        match nodes {
            [Node::Open(d), rest @ .., Node::Close] if self.tmpl.whole => {
                let attrs = attrs_at(nodes, 1);
                (Some(d), attrs, &rest[attrs.len()..])
            }
            _ => (None, &[], nodes),
        }
    }
    /// The children as an element holds them (fragments flattened), cloning the slots.
    pub(crate) fn to_children(&self) -> Vec<Ft> {
        let slots = self.slots();
        flatten(thaw(self.parts().2, &mut |i| {
            slots.get(i).cloned().unwrap_or_default()
        }))
    }
    /// The element's own attributes, when the template is whole (cloning the slots).
    pub(crate) fn own_attrs(&self) -> Option<Element> {
        let (d, attrs, _) = self.parts();
        let slots = self.slots();
        Some(open_element(d?, attrs, &mut |i| {
            slots.get(i).cloned().unwrap_or_default()
        }))
    }
    /// The element's own `id`, borrowed from the template, when the template is whole.
    pub(crate) fn own_id(&self) -> Option<&str> {
        let (_, attrs, _) = self.parts();
        attrs.iter().rev().find_map(|n| match *n {
            Node::Attr("id", v) => Some(v),
            Node::AttrSlot("id", s) => match self.slots().get(usize::from(s))? {
                Ft::Text(Text::Str(v)) | Ft::Raw(Raw(v)) => Some(v.as_str()),
                _ => None,
            },
            _ => None,
        })
    }
    /// The element's own attributes (`None` unless whole) and its children as an element
    /// holds them (fragments flattened), moving the slots.
    pub(crate) fn into_parts(self) -> (Option<Element>, Vec<Ft>) {
        let (d, attrs, kids) = self.parts();
        let mut slots: Vec<Option<Ft>> = self.slots.into_vec().into_iter().map(Some).collect();
        let mut take = |i: usize| slots.get_mut(i).and_then(Option::take).unwrap_or_default();
        let own = d.map(|d| open_element(d, attrs, &mut take));
        (own, flatten(thaw(kids, &mut take)))
    }
    /// What the template describes, as given to the macro, moving the slots: the children
    /// (a fragment stays one child), or for a whole template the element itself.
    pub(crate) fn into_given(self) -> Vec<Ft> {
        let mut slots: Vec<Option<Ft>> = self.slots.into_vec().into_iter().map(Some).collect();
        thaw(self.tmpl.nodes, &mut |i| {
            slots.get_mut(i).and_then(Option::take).unwrap_or_default()
        })
    }
}

impl Clone for TmplKids {
    fn clone(&self) -> TmplKids {
        let mut v = crate::pool::take(self.slots().len());
        v.extend(self.slots().iter().cloned());
        TmplKids::new(self.tmpl, v)
    }
}

impl PartialEq for TmplKids {
    fn eq(&self, other: &TmplKids) -> bool {
        if std::ptr::eq(self.tmpl, other.tmpl) {
            self.slots() == other.slots()
        } else {
            self.to_children() == other.to_children()
        }
    }
}

impl std::fmt::Debug for TmplKids {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_children().fmt(f)
    }
}

/// The slots: a pooled `Vec<Ft>` kept as pointer and two 32-bit counts, so that compiled
/// children fit in an element's 32-byte children field next to the template pointer.
struct Slots {
    ptr: NonNull<Ft>,
    len: u32,
    cap: u32,
}

// SAFETY: `Slots` owns its `Ft`s exactly like the `Vec<Ft>` it was made from, and `Ft` is
// `Send + Sync`.
unsafe impl Send for Slots {}
// SAFETY: as above; shared access only reads the values.
unsafe impl Sync for Slots {}

impl Slots {
    #[inline]
    fn new(v: Vec<Ft>) -> Slots {
        // A template has at most `u16::MAX` slots; a pooled vector's capacity is near its
        // length. Anything larger is copied into an exact-size vector first.
        let v = if u32::try_from(v.capacity()).is_ok() {
            v
        } else {
            let mut exact = Vec::with_capacity(v.len());
            exact.extend(v);
            exact
        };
        let mut v = std::mem::ManuallyDrop::new(v);
        Slots {
            // SAFETY: a `Vec`'s pointer is never null (dangling when it has no capacity).
            ptr: unsafe { NonNull::new_unchecked(v.as_mut_ptr()) },
            len: v.len() as u32,
            cap: v.capacity() as u32,
        }
    }
    #[inline(always)]
    fn as_slice(&self) -> &[Ft] {
        // SAFETY: `ptr` and `len` are those of the vector this was made from, whose first
        // `len` values are initialised and owned here.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len as usize) }
    }
    fn into_vec(self) -> Vec<Ft> {
        let me = std::mem::ManuallyDrop::new(self);
        // SAFETY: pointer, length and capacity are the original vector's (`Slots::new`), and
        // `me` is never dropped, so the vector is rebuilt exactly once.
        unsafe { Vec::from_raw_parts(me.ptr.as_ptr(), me.len as usize, me.cap as usize) }
    }
}

impl Drop for Slots {
    fn drop(&mut self) {
        // SAFETY: as in `into_vec`; `self` is not used again after its drop.
        let v =
            unsafe { Vec::from_raw_parts(self.ptr.as_ptr(), self.len as usize, self.cap as usize) };
        drop(crate::pool::Children::from(v));
    }
}

/// An empty slot vector with room for `n` values (from the children pool).
#[doc(hidden)]
#[inline]
pub fn slots(n: usize) -> Vec<Ft> {
    crate::pool::take(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags;

    static ROW: Tmpl = Tmpl::new(&[
        Node::Open(&tags::Td),
        Node::Child(0),
        Node::Close,
        Node::Open(&tags::Td),
        Node::Open(&tags::TagA),
        Node::Attr("href", "#"),
        Node::AttrSlot("hx-get", 1),
        Node::AttrSlot("id", 2),
        Node::AutoName,
        Node::Text("a < b"),
        Node::Close,
        Node::Close,
    ]);

    fn row() -> Element {
        let mut tr = Element::from_tag(&tags::Tr);
        let slots = vec![
            Ft::text("x&y"),
            attr_slot(Some(AttrValue::Text(Str::new("/items/1")))),
            attr_slot(Some(AttrValue::Text(Str::new("l")))),
        ];
        Component::tmpl(&mut tr, &ROW, slots);
        tr
    }

    #[test]
    fn renders_like_the_same_tree_built_at_run_time() {
        let compiled = Ft::Element(row());
        let mut built = Element::from_tag(&tags::Tr);
        built.push(Ft::Element({
            let mut td = Element::from_tag(&tags::Td);
            td.push("x&y");
            td
        }));
        let mut a = Element::from_tag(&tags::TagA);
        a.put(
            Cow::Borrowed("href"),
            Some(AttrValue::Trusted(Str::from_static("#"))),
        );
        a.set("hx_get", "/items/1").set("id", "l");
        a.auto_name();
        a.push("a < b");
        let mut td = Element::from_tag(&tags::Td);
        td.push(Ft::Element(a));
        built.push(Ft::Element(td));
        let built = Ft::Element(built);
        assert_eq!(
            compiled.render(),
            r##"<tr><td>x&amp;y</td><td><a href="#" hx-get="/items/1" id="l" name="l">a &lt; b</a></td></tr>"##
        );
        assert_eq!(compiled.render(), built.render());
        assert_eq!(compiled, built);
        assert_eq!(compiled.children(), built.children());
    }

    #[test]
    fn editing_turns_compiled_children_into_ordinary_ones() {
        let mut tr = row();
        tr.push(Ft::text("z"));
        assert_eq!(tr.len(), 3);
        tr.children_mut()[0] = Ft::text("first");
        let html = Ft::Element(tr).render();
        assert!(html.starts_with("<tr>first<td><a"), "{html}");
        assert!(html.ends_with("</td>z</tr>"), "{html}");
    }

    #[test]
    fn absent_attribute_values_are_omitted() {
        let mut tr = Element::from_tag(&tags::Tr);
        Component::tmpl(
            &mut tr,
            &ROW,
            vec![
                Ft::text("1"),
                attr_slot(None),
                attr_slot(Some(AttrValue::Bool(false))),
            ],
        );
        assert_eq!(
            Ft::Element(tr.clone()).render(),
            r##"<tr><td>1</td><td><a href="#">a &lt; b</a></td></tr>"##
        );
        let a = tr.children()[1].children()[0].clone();
        assert_eq!(a.get_str("hx_get"), None);
        assert_eq!(a.get("id").as_deref(), Some(&AttrValue::Bool(false)));
    }

    /// `<li>` + a child + `</li>`, twice over: a loop of one value per item.
    const LIST: &[Node] = &[
        Node::Repeat {
            slot: 0,
            width: 1,
            len: 3,
        },
        Node::Open(&tags::Li),
        Node::Child(0),
        Node::Close,
    ];

    /// A hand-written unrolled renderer for `LIST`, marking what it wrote.
    fn marked(steps: &[Step], s: &[Ft], out: &mut String) -> bool {
        let Some([st]) = steps.first_chunk::<1>() else {
            return false;
        };
        let Some([values]) = s.first_chunk::<1>() else {
            return false;
        };
        out.push('!');
        if let Some((body, items)) = crate::unrolled::items::<1>(st, values) {
            for [v] in items {
                crate::unrolled::lit(&body[0], out);
                crate::unrolled::child(v, out);
                crate::unrolled::tail(body, 1, out);
            }
        }
        true
    }

    static UNROLLED: Tmpl = Tmpl::unrolled(LIST, &[REPEAT, 0, 1, CHILD, 0, END], marked);
    static WRONG_SHAPE: Tmpl = Tmpl::unrolled(LIST, &[REPEAT, 0, 1, ATTR, 0, END], marked);

    fn list(t: &'static Tmpl) -> String {
        let mut ul = Element::from_tag(&tags::Ul);
        let items = vec![Ft::text("a"), Ft::Text(Text::UInt(2))];
        Component::tmpl(&mut ul, t, vec![Ft::Fragment(items)]);
        Ft::Element(ul).render()
    }

    #[test]
    fn the_unrolled_renderer_is_used_only_for_the_shape_it_was_written_for() {
        assert_eq!(list(&UNROLLED), "<ul>!<li>a</li><li>2</li></ul>");
        // Steps of another shape: the steps are interpreted instead, with the same markup.
        assert_eq!(list(&WRONG_SHAPE), "<ul><li>a</li><li>2</li></ul>");
    }
}
