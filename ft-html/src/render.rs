//! Rendering: the compact renderer used for responses, and FastHTML's indented `to_xml`
//! (SPEC 1G, 1O) for debugging, docs and `sse_message`.

use crate::attr::{Attr, AttrRef};
use crate::element::{Element, Kids};
use crate::escape;
use crate::text::write_float;
use crate::tmpl::{Act, Prefix, Step, TmplKids, slot_attr_ref};
use crate::{Ft, Str, TagDesc, Text};

// The indented form's block tags (SPEC 1.62) and the tags it never re-indents (SPEC 1.64).
use ft_tags::classes::{BLOCK as BLOCK_TAGS, WS_SIGNIFICANT};

/// `00` to `99`: a number below 100 is a slice of this, with no formatting at all.
const DIGITS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839\
404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687\
888990919293949596979899";

/// The decimal digits of `n`: numbers below 100 (cells, counts, scores) straight from
/// [`DIGITS`], others through `itoa`.
#[inline(always)]
pub(crate) fn uint_str(buf: &mut itoa::Buffer, n: u64) -> &str {
    if n < 100 {
        small_uint_str(n)
    } else {
        buf.format(n)
    }
}

/// The digits of `n < 100`, from the table.
#[inline(always)]
pub(crate) fn small_uint_str(n: u64) -> &'static str {
    let end = 2 * n as usize + 2;
    &DIGITS[end - 1 - usize::from(n >= 10)..end]
}

/// As [`uint_str`], for signed numbers.
#[inline(always)]
pub(crate) fn int_str(buf: &mut itoa::Buffer, n: i64) -> &str {
    match u64::try_from(n) {
        Ok(n) if n < 100 => uint_str(buf, n),
        _ => buf.format(n),
    }
}

/// Appends a short string (a tag name, digits) without a call to `memcpy`: a page is
/// mostly such pieces, and a library call for each two-byte copy dominated rendering.
#[inline(always)]
pub(crate) fn push_short(out: &mut String, s: &str) {
    let n = s.len();
    if n > 32 {
        out.push_str(s);
        return;
    }
    out.reserve(32);
    // SAFETY: `reserve` made room for 32 more bytes, `copy_small` writes exactly the `n <= 32`
    // bytes of `s` (valid UTF-8) there, and only then does the length grow by `n`.
    unsafe {
        let v = out.as_mut_vec();
        let len = v.len();
        copy_small(s.as_ptr(), v.as_mut_ptr().add(len), n);
        v.set_len(len + n);
    }
}

/// Copies `n <= 32` bytes with at most two (overlapping) loads and stores of one size.
///
/// # Safety
/// `src` must be readable and `dst` writable for `n` bytes, not overlapping.
#[inline(always)]
pub(crate) unsafe fn copy_small(src: *const u8, dst: *mut u8, n: usize) {
    // SAFETY: every access below is inside `src[..n]` / `dst[..n]` (the second copy of each
    // pair starts at `n - size >= 0`).
    unsafe {
        if n >= 16 {
            let a = src.cast::<u128>().read_unaligned();
            let b = src.add(n - 16).cast::<u128>().read_unaligned();
            dst.cast::<u128>().write_unaligned(a);
            dst.add(n - 16).cast::<u128>().write_unaligned(b);
        } else if n >= 8 {
            let a = src.cast::<u64>().read_unaligned();
            let b = src.add(n - 8).cast::<u64>().read_unaligned();
            dst.cast::<u64>().write_unaligned(a);
            dst.add(n - 8).cast::<u64>().write_unaligned(b);
        } else if n >= 4 {
            let a = src.cast::<u32>().read_unaligned();
            let b = src.add(n - 4).cast::<u32>().read_unaligned();
            dst.cast::<u32>().write_unaligned(a);
            dst.add(n - 4).cast::<u32>().write_unaligned(b);
        } else if n >= 2 {
            let a = src.cast::<u16>().read_unaligned();
            let b = src.add(n - 2).cast::<u16>().read_unaligned();
            dst.cast::<u16>().write_unaligned(a);
            dst.add(n - 2).cast::<u16>().write_unaligned(b);
        } else if n == 1 {
            *dst = *src;
        }
    }
}

impl Ft {
    /// Renders compact HTML into a new string (FastHTML's `to_xml(x, indent=False)`).
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(size_hint());
        self.render_into(&mut out);
        note_size(out.len());
        out
    }

    /// Appends compact HTML to `out`: one buffer for a whole page.
    pub fn render_into(&self, out: &mut String) {
        render_node(self, out, false);
    }

    /// FastHTML's indented `to_xml(x)` (SPEC 1.60-1.69, 1.127): block tags on their own lines,
    /// indented two spaces a level; whitespace-significant subtrees left alone.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(256);
        pretty_node(self, &mut out, 0, true);
        out
    }
}

thread_local! {
    /// The size of this thread's previous `render()`: a server renders the same pages again
    /// and again, so the next buffer starts that big instead of doubling up from 256 bytes.
    static LAST_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Smallest and largest starting capacity of a rendered page.
const MIN_HINT: usize = 256;
const MAX_HINT: usize = 1 << 20;

#[inline]
fn size_hint() -> usize {
    LAST_SIZE
        .try_with(|c| c.get())
        .unwrap_or(0)
        // Slack for the writers' fixed-size reservations (`push_short` asks for 32 bytes).
        .saturating_add(64)
        .clamp(MIN_HINT, MAX_HINT)
}

#[inline]
fn note_size(len: usize) {
    let _ = LAST_SIZE.try_with(|c| c.set(len));
}

/// Renders several values the way `to_xml(a, b, ...)` does: joined with newlines (SPEC 1.66).
pub fn to_xml_all(items: &[Ft]) -> String {
    items.iter().map(Ft::to_xml).collect::<Vec<_>>().join("\n")
}

#[inline]
fn render_node(node: &Ft, out: &mut String, raw_text: bool) {
    match node {
        Ft::Element(e) => render_element(e, out),
        Ft::Text(t) => write_text(t, out, raw_text),
        Ft::Raw(r) => write_raw(r.as_str(), out, raw_text),
        Ft::Fragment(items) => {
            for item in items {
                render_node(item, out, raw_text);
            }
        }
        Ft::Ext(_) => {}
    }
}

/// Is there a byte to escape (`&`, `<`, `>`) in an inline string's 24 bytes? (Its zero
/// padding and length byte never are.)
#[inline(always)]
fn inline_needs_escape(b: &[u8; 24]) -> bool {
    any_in_24(b, b"&<>")
}

/// Does any of an inline string's 24 bytes equal one of `set`? Two overlapping 16-byte
/// blocks (bytes 0-15 and 8-23), a few vector compares each.
#[inline(always)]
fn any_in_24(b: &[u8; 24], set: &[u8]) -> bool {
    let (lo, hi) = (first16(b), last16(b));
    escape::any16(lo, set) | escape::any16(hi, set)
}

#[inline(always)]
fn first16(b: &[u8; 24]) -> &[u8; 16] {
    let (lo, _) = b.split_first_chunk::<16>().unwrap_or((&[0; 16], &[]));
    lo
}

#[inline(always)]
fn last16(b: &[u8; 24]) -> &[u8; 16] {
    let (_, hi) = b.split_last_chunk::<16>().unwrap_or((&[], &[0; 16]));
    hi
}

/// Writes an inline string's text: one 24-byte copy, whatever its length.
#[inline(always)]
fn push_inline(out: &mut String, b: &[u8; 24], n: usize) {
    push_block(out, b, n);
}

/// Writes the first `n` bytes of a padded block (UTF-8 up to `n`) with one `N`-byte store.
#[inline(always)]
fn push_block<const N: usize>(out: &mut String, b: &[u8; N], n: usize) {
    debug_assert!(n <= N);
    out.reserve(N);
    // SAFETY: `reserve` made room for `N` bytes; all `N` are written (the text, then padding
    // that the length below leaves out); the first `n <= N` are UTF-8 text (the callers'
    // blocks: an inline string, an attribute's ` name="`).
    unsafe {
        let v = out.as_mut_vec();
        let len = v.len();
        v.as_mut_ptr()
            .add(len)
            .cast::<[u8; N]>()
            .write_unaligned(*b);
        v.set_len(len + n);
    }
}

/// A string child, escaped.
#[inline(always)]
pub(crate) fn write_str(s: &Str, out: &mut String) {
    match s.inline_bytes() {
        Some((b, n)) if !inline_needs_escape(b) => push_inline(out, b, n),
        _ => escape::text(out, s),
    }
}

/// An unsigned integer child.
#[inline(always)]
pub(crate) fn write_uint(n: u64, out: &mut String) {
    push_short(out, uint_str(&mut itoa::Buffer::new(), n));
}

/// A signed integer child.
#[inline(always)]
pub(crate) fn write_int(n: i64, out: &mut String) {
    push_short(out, int_str(&mut itoa::Buffer::new(), n));
}

#[inline(always)]
fn write_text(t: &Text, out: &mut String, raw_text: bool) {
    match t {
        Text::Str(s) if !raw_text => write_str(s, out),
        Text::UInt(n) => write_uint(*n, out),
        Text::Int(n) => write_int(*n, out),
        Text::Str(s) => escape::raw_text(out, s),
        _ => t.write(out, true),
    }
}

#[inline]
fn write_raw(s: &str, out: &mut String, raw_text: bool) {
    if raw_text {
        escape::raw_text(out, s)
    } else {
        out.push_str(s)
    }
}

fn render_element(e: &Element, out: &mut String) {
    if try_leaf_element(e, out) {
        return;
    }
    // A whole template writes the element's own tags and attributes with its children.
    if let Kids::Tmpl(t) = &e.kids
        && t.is_whole()
    {
        return render_tmpl(t, out);
    }
    let d = e.tag_desc();
    open_tag(e, out);
    let raw_text = d.is_raw_text();
    match &e.kids {
        Kids::None => {}
        Kids::Text(t) => write_text(t, out, raw_text),
        Kids::Raw(r) => write_raw(r.as_str(), out, raw_text),
        Kids::Many(v) => render_children(v, out, raw_text),
        Kids::Tmpl(t) => render_tmpl(t, out),
    }
    close_tag(d, out);
}

/// Compiled children: the template's merged markup with the slots' values in between.
#[inline(never)]
fn render_tmpl(t: &TmplKids, out: &mut String) {
    let (steps, unrolled) = t.tmpl.render_plan();
    if unrolled && t.slots.render(steps, out) {
        return;
    }
    match t.slots.as_fts() {
        Some(values) => render_steps(steps, values, out),
        None => render_steps(steps, &t.slots.to_fts(), out),
    }
}

/// ` name="value"` from an attribute slot (nothing for `None`, `false`).
#[inline(always)]
pub(crate) fn render_attr_slot(name: &str, prefix: &Option<Prefix>, slot: &Ft, out: &mut String) {
    if let Some(v) = slot_attr_ref(slot) {
        render_attr_value(name, prefix, v, out);
    }
}

/// ` name="value"` from a template's attribute value (nothing for `false`).
#[inline(always)]
pub(crate) fn render_attr_value(
    name: &str,
    prefix: &Option<Prefix>,
    v: AttrRef<'_>,
    out: &mut String,
) {
    // The common value: inline, nothing to escape, no URL scheme to check.
    if let (Some((pre, n)), AttrRef::Text(s) | AttrRef::Trusted(s)) = (prefix, &v)
        && let Some((b, len)) = s.inline_bytes()
        && !inline_attr_special(b)
    {
        write_prefixed_inline(out, pre, *n, b, len);
    } else {
        write_valid_attr(name, v, out);
    }
}

/// A loop's items, each `width` values: the body's steps are inlined here, so that an item
/// costs no call.
#[inline(never)]
fn render_repeat(body: &[Step], values: &[Ft], width: usize, out: &mut String) {
    for item in values.chunks_exact(width) {
        render_steps(body, item, out);
    }
}

#[inline(always)]
fn render_steps(steps: &[Step], slots: &[Ft], out: &mut String) {
    for step in steps {
        step.lit.write(out);
        match &step.act {
            Act::None => {}
            Act::Child(i) => {
                if let Some(child) = slots.get(*i) {
                    render_child(child, out, false);
                }
            }
            Act::Attr(i, name, prefix) => {
                if let Some(slot) = slots.get(*i) {
                    render_attr_slot(name, prefix, slot, out);
                }
            }
            Act::Repeat { slot, width, body } => {
                if let Some(Ft::Fragment(values)) = slots.get(*slot) {
                    render_repeat(body, values, *width, out);
                }
            }
        }
    }
}

/// An element's children; leaf cells and text are written right here, without a call per
/// child (a loop of its own, so that a row of cells keeps its registers).
#[inline(never)]
fn render_children(v: &[Ft], out: &mut String, raw_text: bool) {
    for child in v {
        render_child(child, out, raw_text);
    }
}

#[inline(always)]
pub(crate) fn render_child(child: &Ft, out: &mut String, raw_text: bool) {
    match child {
        Ft::Element(c) => {
            if !try_leaf_element(c, out) {
                render_element(c, out);
            }
        }
        Ft::Text(t) => write_text(t, out, raw_text),
        _ => render_node(child, out, raw_text),
    }
}

/// The common case, a cell like `Td!(n)` or `B!(name)`: no attributes and one inline leaf
/// that needs no escaping (or no children), written with one capacity check. `false` when
/// the element is not such a leaf (nothing written then).
#[inline(always)]
fn try_leaf_element(e: &Element, out: &mut String) -> bool {
    if !e.attrs.is_none() {
        return false;
    }
    let d = e.tag_desc();
    match &e.kids {
        Kids::Text(Text::UInt(n)) => leaf_element(out, d, uint_str(&mut itoa::Buffer::new(), *n)),
        Kids::Text(Text::Int(n)) => leaf_element(out, d, int_str(&mut itoa::Buffer::new(), *n)),
        Kids::Text(Text::Str(s)) if !d.is_raw_text() => match s.inline_bytes() {
            Some((b, n)) if !inline_needs_escape(b) => {
                if !leaf_inline(out, d, b, n) {
                    leaf_element(out, d, s)
                }
            }
            Some(_) => return false,
            None if !escape::needs_text_escape(s) => leaf_element(out, d, s),
            None => return false,
        },
        Kids::None => leaf_element(out, d, ""),
        _ => return false,
    }
    true
}

/// `<tag>leaf</tag>` (no end tag when void), `leaf` written as it is: one capacity check and
/// no library calls for short pieces.
#[inline(always)]
fn leaf_element(out: &mut String, d: &TagDesc, leaf: &str) {
    let l = leaf.len();
    if let Some((open16, o, close16, c)) = d.short()
        && l <= 32
    {
        out.reserve(32 + l);
        // SAFETY: `reserve` made room for `32 + l` bytes past the length: two 16-byte stores
        // (the padded start and end tags) and `l <= 32` bytes of `leaf`, each starting where
        // the previous piece's real length ends (`o`, `l`, `c <= 16`), so every write is in
        // the reserved room. Only the first `o + l + c` bytes count (the length grows by that
        // much), and they are the start tag, the leaf and the end tag: valid UTF-8.
        unsafe {
            let v = out.as_mut_vec();
            let start = v.len();
            let p = v.as_mut_ptr().add(start);
            p.cast::<[u8; 16]>().write_unaligned(*open16);
            copy_small(leaf.as_ptr(), p.add(o), l);
            p.add(o + l).cast::<[u8; 16]>().write_unaligned(*close16);
            v.set_len(start + o + l + c);
        }
        return;
    }
    let open = d.open();
    let close = if d.is_void() { "" } else { d.close() };
    let (o, c) = (open.len(), close.len());
    if o > 32 || l > 32 || c > 32 {
        return leaf_element_long(out, open, leaf, close);
    }
    out.reserve(o + l + c);
    // SAFETY: `reserve` made room for `o + l + c` bytes past the length; the three copies
    // below write exactly those bytes (each `<= 32`, as `copy_small` needs) of valid UTF-8,
    // one after the other, and the length grows by exactly what was written.
    unsafe {
        let v = out.as_mut_vec();
        let start = v.len();
        let p = v.as_mut_ptr().add(start);
        copy_small(open.as_ptr(), p, o);
        copy_small(leaf.as_ptr(), p.add(o), l);
        copy_small(close.as_ptr(), p.add(o + l), c);
        v.set_len(start + o + l + c);
    }
}

/// `<tag>text</tag>` for a short tag and an inline string with nothing to escape: three
/// fixed-size copies, no length-dependent branch. `false` (nothing written) for a long tag.
#[inline(always)]
fn leaf_inline(out: &mut String, d: &TagDesc, b: &[u8; 24], n: usize) -> bool {
    let Some((open16, o, close16, c)) = d.short() else {
        return false;
    };
    head_inline_tail(out, open16, o, b, n, close16, c);
    true
}

/// `h` bytes of a padded head block, an inline string's `n` bytes, `t` bytes of a padded tail
/// block (`<td>text</td>`, ` name="value"`): three fixed-size stores, one capacity check.
#[inline(always)]
fn head_inline_tail(
    out: &mut String,
    head: &[u8; 16],
    h: usize,
    b: &[u8; 24],
    n: usize,
    tail: &[u8; 16],
    t: usize,
) {
    debug_assert!(h <= 16 && n <= 23 && t <= 16);
    out.reserve(16 + 24 + 16);
    // SAFETY: `reserve` made room for 56 bytes: the head block (16) at 0, the inline string's
    // 24 bytes at `h <= 16`, the tail block (16) at `h + n <= 39`; all inside. The length
    // grows by `h + n + t`: the head, the text and the tail, UTF-8 (each later store
    // overwrites the earlier block's padding).
    unsafe {
        let v = out.as_mut_vec();
        let start = v.len();
        let p = v.as_mut_ptr().add(start);
        p.cast::<[u8; 16]>().write_unaligned(*head);
        p.add(h).cast::<[u8; 24]>().write_unaligned(*b);
        p.add(h + n).cast::<[u8; 16]>().write_unaligned(*tail);
        v.set_len(start + h + n + t);
    }
}

#[cold]
#[inline(never)]
fn leaf_element_long(out: &mut String, open: &str, leaf: &str, close: &str) {
    out.push_str(open);
    out.push_str(leaf);
    out.push_str(close);
}

/// Writes 16 padded bytes and keeps `n <= 16` of them.
#[inline(always)]
fn push16(out: &mut String, b: &[u8; 16], n: usize) {
    out.reserve(16);
    // SAFETY: room for 16 bytes was reserved and all 16 are written; the first `n <= 16`
    // (a start or end tag, UTF-8) are kept.
    unsafe {
        let v = out.as_mut_vec();
        let len = v.len();
        v.as_mut_ptr()
            .add(len)
            .cast::<[u8; 16]>()
            .write_unaligned(*b);
        v.set_len(len + n);
    }
}

#[inline(always)]
fn open_tag(e: &Element, out: &mut String) {
    let d = e.tag_desc();
    let bare = e.attrs.is_empty();
    match d.short() {
        // With attributes, the start tag without its `>`.
        Some((open16, o, _, _)) => push16(out, open16, o - usize::from(!bare)),
        None => {
            let open = d.open();
            push_short(out, if bare { open } else { &open[..open.len() - 1] });
        }
    }
    if !bare {
        write_attrs(e, out);
    }
}

/// The attributes and the `>` that ends the start tag.
#[inline(never)]
fn write_attrs(e: &Element, out: &mut String) {
    for a in e.attrs.iter() {
        write_attr(a, out);
    }
    out.push('>');
}

#[inline(always)]
fn close_tag(d: &TagDesc, out: &mut String) {
    match d.short() {
        Some((_, _, close16, c)) => push16(out, close16, c),
        None if !d.is_void() => push_short(out, d.close()),
        None => {}
    }
}

/// A valid attribute name: no spaces, quotes, `>`, `/`, `=` or control characters. Others
/// are dropped when rendering (FastHTML writes them as given, SPEC 1.28).
#[inline(always)]
pub(crate) fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.bytes().any(|b| BAD_NAME_BYTE[b as usize])
        // A name ending in `_` (other than `_` itself) is never rendered (SPEC 1.128).
        && (name == "_" || !name.ends_with('_'))
}

/// Bytes an attribute name may not hold.
static BAD_NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b <= b' ' as usize || b == 0x7f;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'>' as usize] = true;
    t[b'/' as usize] = true;
    t[b'=' as usize] = true;
    t[b'<' as usize] = true;
    t
};

#[inline]
fn write_attr(a: &Attr, out: &mut String) {
    write_attr_ref(&a.name, a.value.as_ref(), out);
}

/// ` name="value"` (or ` name`, or nothing for `false` and names HTML cannot hold).
#[inline]
pub(crate) fn write_attr_ref(name: &str, value: AttrRef<'_>, out: &mut String) {
    if valid_name(name) {
        write_valid_attr(name, value, out);
    }
}

/// ` name="value"` (or ` name`, or nothing for `false`) for a name known to be valid (a
/// template's, checked when it was prepared).
#[inline]
pub(crate) fn write_valid_attr(name: &str, value: AttrRef<'_>, out: &mut String) {
    if matches!(value, AttrRef::Bool(false)) {
        return;
    }
    if let AttrRef::Text(v) | AttrRef::Trusted(v) = value {
        // An inline value: one fixed-size check finds anything to escape, a `"`, or a `:`
        // (a URL scheme to check); with none, it is copied as one block.
        if let Some((b, n)) = v.inline_bytes()
            && !inline_attr_special(b)
            && name.len() <= 32
        {
            return write_inline_attr(out, name, b, n);
        }
        if !(matches!(value, AttrRef::Text(_)) && blocked(name, v).is_some())
            && escape::plain_attr_value(v)
        {
            return write_plain_attr(out, name, v);
        }
    }
    out.push(' ');
    push_short(out, name);
    match value {
        AttrRef::Bool(_) => {}
        AttrRef::Int(n) => {
            out.push_str("=\"");
            push_short(out, int_str(&mut itoa::Buffer::new(), n));
            out.push('"');
        }
        AttrRef::UInt(n) => {
            out.push_str("=\"");
            push_short(out, uint_str(&mut itoa::Buffer::new(), n));
            out.push('"');
        }
        AttrRef::Float(f) => {
            out.push_str("=\"");
            write_float(out, f);
            out.push('"');
        }
        AttrRef::Text(s) => {
            out.push('=');
            escape::attr_value(out, blocked(name, s).unwrap_or(s));
        }
        AttrRef::Trusted(s) => {
            out.push('=');
            escape::attr_value(out, s);
        }
    }
}

/// The inert replacement of a run-time value that could run script (an unsafe URL in a URL
/// attribute, a `js:` prefix in `hx-vals`). A value without `:` has neither, so the name
/// and scheme checks are skipped for most values (ids, paths, words).
#[inline(always)]
fn blocked(name: &str, value: &str) -> Option<&'static str> {
    if !value.as_bytes().contains(&b':') {
        return None;
    }
    escape::unsafe_value_replacement(name, value)
}

/// Does an inline value's 24 bytes hold `&`, `<`, `>`, `"` or `:`? (Its zero padding and
/// length byte never do.) No early exit: a few vector compares.
#[inline(always)]
fn inline_attr_special(b: &[u8; 24]) -> bool {
    any_in_24(b, b"&<>\":")
}

/// ` name="value"` for an inline value with nothing to escape: the value is one 24-byte copy.
#[inline(always)]
fn write_inline_attr(out: &mut String, name: &str, b: &[u8; 24], v: usize) {
    let n = name.len();
    out.reserve(n + 24 + 4);
    // SAFETY: room for `n + 28` bytes was reserved: ` `, the name (`n <= 32`, as
    // `copy_small` needs), `="`, the value's 24 bytes, then `"` at `n + 3 + v` (`v <= 23`),
    // all inside. The length grows by `n + v + 4`: exactly ` name="value"`, UTF-8 (the
    // closing `"` overwrites the value's padding).
    unsafe {
        let buf = out.as_mut_vec();
        let start = buf.len();
        let p = buf.as_mut_ptr().add(start);
        *p = b' ';
        copy_small(name.as_ptr(), p.add(1), n);
        *p.add(n + 1) = b'=';
        *p.add(n + 2) = b'"';
        p.add(n + 3).cast::<[u8; 24]>().write_unaligned(*b);
        *p.add(n + v + 3) = b'"';
        buf.set_len(start + n + v + 4);
    }
}

/// A template attribute's ` name="` (padded to 16 bytes, `n` of them kept), an inline value
/// with nothing to escape, and the closing `"`.
#[inline(always)]
fn write_prefixed_inline(out: &mut String, pre: &[u8; 16], n: usize, b: &[u8; 24], v: usize) {
    const QUOTE: [u8; 16] = *b"\"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    head_inline_tail(out, pre, n, b, v, &QUOTE, 1);
}

/// An attribute's ` name="`: the template's padded block when it has one.
#[inline(always)]
pub(crate) fn write_attr_head(out: &mut String, name: &str, prefix: &Option<Prefix>) {
    match prefix {
        Some((pre, n)) => push_block(out, pre, *n),
        None => {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
        }
    }
}

/// ` name="value"` for a value with nothing to escape and no `"`: one capacity check.
#[inline(always)]
fn write_plain_attr(out: &mut String, name: &str, value: &str) {
    let (n, v) = (name.len(), value.len());
    if n > 32 || v > 32 {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        out.push_str(value);
        out.push('"');
        return;
    }
    out.reserve(n + v + 4);
    // SAFETY: `reserve` made room for the `n + v + 4` bytes written below (` `, the name,
    // `="`, the value, `"`: each copy `<= 32` bytes as `copy_small` needs), all valid UTF-8;
    // the length grows by exactly that.
    unsafe {
        let buf = out.as_mut_vec();
        let start = buf.len();
        let p = buf.as_mut_ptr().add(start);
        *p = b' ';
        copy_small(name.as_ptr(), p.add(1), n);
        *p.add(n + 1) = b'=';
        *p.add(n + 2) = b'"';
        copy_small(value.as_ptr(), p.add(n + 3), v);
        *p.add(n + v + 3) = b'"';
        buf.set_len(start + n + v + 4);
    }
}

fn is_ft_child(node: &Ft) -> bool {
    matches!(node, Ft::Element(_) | Ft::Fragment(_))
}

fn pretty_node(node: &Ft, out: &mut String, lvl: usize, indent: bool) {
    match node {
        Ft::Element(e) => pretty_element(e, out, lvl, indent),
        Ft::Fragment(items) => {
            for item in items {
                pretty_node(item, out, lvl, indent);
            }
        }
        leaf => render_node(leaf, out, false),
    }
}

fn pretty_element(e: &Element, out: &mut String, lvl: usize, indent: bool) {
    let editable = e.get("contenteditable").is_some_and(|v| v.is("true"));
    let indent = indent && !(WS_SIGNIFICANT.contains(&e.tag()) || editable);
    if !indent {
        return render_element(e, out);
    }
    let block = BLOCK_TAGS.contains(&e.tag());
    let (sp, nl) = if block { (lvl, "\n") } else { (0, "") };
    let pad = |out: &mut String| out.extend(std::iter::repeat_n(' ', sp));
    if let Kids::Tmpl(_) = &e.kids {
        let mut plain = e.clone();
        plain.children_mut();
        return pretty_element(&plain, out, lvl, indent);
    }
    let raw_text = e.tag_desc().is_raw_text();
    pad(out);
    open_tag(e, out);
    match &e.kids {
        Kids::None => {}
        Kids::Text(t) => write_text(t, out, raw_text),
        Kids::Raw(r) => write_raw(r.as_str(), out, raw_text),
        Kids::Many(v) if v.len() == 1 && !is_ft_child(&v[0]) => render_node(&v[0], out, raw_text),
        Kids::Many(v) => {
            out.push_str(nl);
            for child in v {
                match child {
                    Ft::Element(_) | Ft::Fragment(_) => pretty_node(child, out, lvl + 2, true),
                    leaf => render_node(leaf, out, raw_text),
                }
            }
            if !e.is_void() {
                pad(out);
            }
        }
        Kids::Tmpl(_) => {}
    }
    close_tag(e.tag_desc(), out);
    if !(e.is_void()
        && matches!(&e.kids, Kids::Many(v) if v.len() > 1 || v.iter().any(is_ft_child)))
    {
        out.push_str(nl);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_come_from_the_digit_table() {
        let mut buf = itoa::Buffer::new();
        for n in 0..1000u64 {
            assert_eq!(uint_str(&mut buf, n), n.to_string());
        }
        for n in [
            -1000i64,
            -100,
            -99,
            -10,
            -1,
            0,
            1,
            9,
            10,
            99,
            100,
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(int_str(&mut buf, n), n.to_string());
        }
        assert_eq!(uint_str(&mut buf, u64::MAX), u64::MAX.to_string());
    }

    #[test]
    fn leaf_element_all_lengths() {
        for t in [1usize, 2, 3, 4, 7, 8, 15, 16, 17, 29, 30, 31, 32, 33, 40] {
            for l in [0usize, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 100] {
                let tag = "t".repeat(t);
                let leaf = "x".repeat(l);
                for void in [false, true] {
                    let el = Element::new(tag.clone());
                    let mut d = el.tag_desc();
                    let voided;
                    if void {
                        let mut e = el.clone();
                        e.set_void(true);
                        voided = e;
                        d = voided.tag_desc();
                    }
                    let mut out = String::from("pre");
                    leaf_element(&mut out, d, &leaf);
                    let end = if void {
                        String::new()
                    } else {
                        format!("</{tag}>")
                    };
                    assert_eq!(out, format!("pre<{tag}>{leaf}{end}"), "t={t} l={l}");
                }
            }
        }
    }

    #[test]
    fn fixed_size_copies_write_exactly_the_text() {
        // Inline strings and short tags are written with fixed-size copies: every length
        // around the inline capacity and the 16-byte tag limit, text needing escapes or not,
        // non-ASCII, void tags, attributes, in a buffer with and without spare room.
        let texts = [
            String::new(),
            "a".into(),
            "ü".into(),
            "a&b".into(),
            "<".into(),
            "x".repeat(22),
            "x".repeat(23),
            "x".repeat(24),
            "é".repeat(11) + "z",
            "y".repeat(40) + ">",
        ];
        let tags = [
            "b".to_string(),
            "t".repeat(13),
            "u".repeat(14),
            "v".repeat(40),
        ];
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        for tag in &tags {
            for text in &texts {
                for void in [false, true] {
                    for attrs in [false, true] {
                        let mut el = Element::new(tag.clone());
                        el.push(crate::Str::new(text));
                        if attrs {
                            el.set("id", "i");
                        }
                        el.set_void(void);
                        let a = if attrs { r#" id="i""# } else { "" };
                        let end = if void {
                            String::new()
                        } else {
                            format!("</{tag}>")
                        };
                        let want = format!("<{tag}{a}>{}{end}", esc(text));
                        for pre in [String::new(), "p".repeat(100)] {
                            let mut out = pre.clone();
                            Ft::Element(el.clone()).render_into(&mut out);
                            assert_eq!(out, format!("{pre}{want}"));
                        }
                        // The same text as one of several children.
                        let mut parent = Element::new(tag.clone());
                        parent.push((crate::Str::new(text), Ft::Element(el.clone())));
                        let want2 = format!("<{tag}>{}{want}</{tag}>", esc(text));
                        assert_eq!(Ft::Element(parent).render(), want2);
                    }
                }
            }
        }
    }

    #[test]
    fn attribute_values_on_every_path() {
        // Inline values (copied whole), longer ones, values to escape or quote, URL schemes
        // (which never take the inline shortcut), trusted and run-time values.
        let (x23, u12) = ("x".repeat(23), "ü".repeat(12));
        let cases: [(&str, &str); 12] = [
            ("", r#" href="""#),
            ("/items/1", r#" href="/items/1""#),
            (
                "javascript:alert(1)",
                r#" href="about:invalid#ft-unsafe-url""#,
            ),
            ("JavaScript:x", r#" href="about:invalid#ft-unsafe-url""#),
            ("https://e.org/a?b=c", r#" href="https://e.org/a?b=c""#),
            ("a&b", r#" href="a&amp;b""#),
            ("say \"hi\"", r#" href='say "hi"'"#),
            ("it's \"x\"", r#" href='it&#39;s "x"'"#),
            (&x23, " href=\"xxxxxxxxxxxxxxxxxxxxxxx\""),
            (&u12, " href=\"üüüüüüüüüüüü\""),
            (
                "javascript:alert('a long script, past inline')",
                r#" href="about:invalid#ft-unsafe-url""#,
            ),
            ("<b>", r#" href="&lt;b&gt;""#),
        ];
        for (value, want) in cases {
            for name_len in [0usize, 30] {
                let mut el = Element::new_static("a", false);
                let pad = "d".repeat(name_len);
                if name_len > 0 {
                    el.set(&format!("data-{pad}"), value);
                }
                el.set("href", value);
                let got = Ft::Element(el).render();
                let pre = if name_len > 0 {
                    // The same value under a non-URL name: never blocked.
                    let plain = if want.contains("ft-unsafe-url") {
                        format!(r#"="{}""#, value.replace('&', "&amp;"))
                    } else {
                        want.trim_start_matches(" href").to_string()
                    };
                    format!(" data-{pad}{plain}")
                } else {
                    String::new()
                };
                assert_eq!(got, format!("<a{pre}{want}></a>"), "{value:?}");
            }
        }
        // A trusted (literal) URL is not checked; it still takes the quoting rules.
        let mut el = Element::new_static("a", false);
        el.put(
            "href".into(),
            Some(crate::AttrValue::Trusted(crate::Str::from_static(
                "javascript:void(0)",
            ))),
        );
        assert_eq!(
            Ft::Element(el).render(),
            r#"<a href="javascript:void(0)"></a>"#
        );
    }

    #[test]
    fn render_buffer_starts_at_the_previous_size() {
        let big = Ft::text("x".repeat(10_000));
        assert_eq!(big.render().len(), 10_000);
        assert!(size_hint() >= 10_000);
        // A small page after a big one renders the same, and the hint follows it down.
        assert_eq!(Ft::text("y").render(), "y");
        assert_eq!(size_hint(), MIN_HINT);
    }

    #[test]
    fn close_tag_all_lengths() {
        for t in [1usize, 2, 5, 16, 32, 33, 50] {
            let el = Element::new("q".repeat(t));
            let mut out = String::new();
            close_tag(el.tag_desc(), &mut out);
            assert_eq!(out, format!("</{}>", "q".repeat(t)));
        }
    }
}
