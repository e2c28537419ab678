//! [`Str`]: the string type of text leaves, raw markup and attribute values.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::{ManuallyDrop, MaybeUninit};
use std::ops::Deref;

/// Bytes stored inline.
const INLINE: usize = 23;

/// A string a tree owns without a lifetime: a `&'static str` (kept as it is), up to 23 bytes
/// stored inline (names, ids, labels, most `format!`ed URLs: no allocation), or a heap string.
/// 24 bytes like a `String`, and an enum holding one needs no extra room (the last byte has
/// spare values).
///
/// ```
/// use ft_html::Str;
/// let name = String::from("Jiangsu");
/// let s = Str::new(&name); // copied inline: no allocation
/// assert_eq!(s, "Jiangsu");
/// assert_eq!(&*Str::from(format!("{}-{}", "a", 1)), "a-1");
/// assert_eq!(Str::from_static("a literal").as_str(), "a literal");
/// ```
#[repr(C, align(8))]
pub struct Str {
    /// Heap or static: the pointer. Inline: bytes 0..8.
    ptr: MaybeUninit<*const u8>,
    /// Heap or static: the length. Inline: bytes 8..16.
    len: MaybeUninit<usize>,
    /// Heap: the capacity (7 bytes, little-endian). Inline: bytes 16..23.
    cap: [MaybeUninit<u8>; 7],
    kind: Kind,
}

/// The last byte: an inline length (0..=23), or where the bytes live. Its unused values are
/// the niche that keeps `Text`, `Kids` and `Ft` as small as `Str` itself.
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq)]
#[rustfmt::skip]
#[allow(dead_code)] // the inline lengths are made by `inline_kind`, never named
enum Kind {
    L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19,
    L20, L21, L22, L23, Static, Heap,
}

const _: () = assert!(Kind::L23 as usize == INLINE && std::mem::size_of::<Str>() == 24);

/// An inline string's words: the bytes of `b` (at most 23), zero-padded, then the length.
#[inline(always)]
fn inline_words(b: &[u8]) -> [u64; 3] {
    let kind = inline_kind(b.len());
    let w = read_padded(b);
    [w[0], w[1], w[2] | (kind as u64) << 56].map(u64::to_le)
}

/// A heap string's words: pointer, length, then the capacity in 7 bytes and the kind.
#[inline(always)]
fn heap_words(ptr: *mut u8, len: usize, cap: usize) -> [u64; 3] {
    assert!(cap < 1 << 56, "string too long");
    [
        ptr as u64,
        len as u64,
        (cap as u64 | (Kind::Heap as u64) << 56).to_le(),
    ]
}

/// A heap copy of `s`, given up: its pointer and capacity (returned in two registers).
#[cold]
#[inline(never)]
fn copy_to_heap(s: &str) -> (*mut u8, usize) {
    let mut s = ManuallyDrop::new(s.to_owned());
    (s.as_mut_ptr(), s.capacity())
}

/// The bytes of `b` (at most 23) as three little-endian words, zero-padded. Built in
/// registers from a few overlapping loads: a byte-wise copy into the string, read back whole
/// when the string is moved, would stall the load on the narrower stores before it.
#[inline(always)]
fn read_padded(b: &[u8]) -> [u64; 3] {
    let n = b.len();
    debug_assert!(n <= INLINE);
    // The `k`-byte little-endian word at `i` (`i + k <= n`).
    let load = |i: usize, k: usize| -> u64 {
        let mut w = [0u8; 8];
        w[..k].copy_from_slice(&b[i..i + k]);
        u64::from_le_bytes(w)
    };
    // Bytes `from..n` (`n - from` of them, 0 to `k`), from the `k`-byte word ending at `n`.
    let tail = |from: usize, k: usize| -> u64 {
        ((load(n - k, k) as u128) >> (8 * (k - (n - from)))) as u64
    };
    match n {
        16.. => [load(0, 8), load(8, 8), tail(16, 8)],
        8.. => [load(0, 8), tail(8, 8), 0],
        4.. => [load(0, 4) | tail(4, 4) << 32, 0, 0],
        1.. => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            [byte(0) | byte(n / 2) | byte(n - 1), 0, 0]
        }
        0 => [0; 3],
    }
}

/// The kind for an inline string of `n` bytes.
#[inline(always)]
fn inline_kind(n: usize) -> Kind {
    assert!(n <= INLINE);
    // SAFETY: `Kind` is `repr(u8)` with the values 0..=23 meaning the inline lengths, and
    // `n <= 23` was just checked.
    unsafe { std::mem::transmute::<u8, Kind>(n as u8) }
}

// SAFETY: a `Str` is a `&'static str`, inline bytes, or a heap buffer it owns alone (like a
// `String`); none is shared mutably.
unsafe impl Send for Str {}
// SAFETY: as above; `&Str` only reads.
unsafe impl Sync for Str {}

impl Str {
    /// The empty string.
    #[inline(always)]
    pub const fn new_empty() -> Str {
        // A constant, so that a run-time call is a 24-byte copy, not the loop below.
        const EMPTY: Str = Str::inline_const(b"");
        EMPTY
    }

    /// An inline string, at compile time: the bytes, zero-padded, then the length.
    const fn inline_const(b: &[u8]) -> Str {
        assert!(b.len() <= INLINE);
        let mut bytes = [0u8; 24];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        bytes[INLINE] = b.len() as u8;
        // SAFETY: `Str` is `repr(C)`, 24 bytes with no padding: 23 bytes of `MaybeUninit`
        // fields (any bytes are valid) and the `Kind` byte, here a length `<= 23`, one of
        // its valid values. Every inline `Str` is made this way or on top of this (zeroed
        // past its length), which `inline_bytes` relies on.
        unsafe { std::mem::transmute::<[u8; 24], Str>(bytes) }
    }

    /// A string literal (or any `&'static str`): copied inline when it is 23 bytes or
    /// shorter (at compile time in a `const`), kept by reference otherwise.
    #[inline]
    pub const fn from_static(s: &'static str) -> Str {
        if s.len() <= INLINE {
            return Str::inline_const(s.as_bytes());
        }
        Str {
            ptr: MaybeUninit::new(s.as_ptr()),
            len: MaybeUninit::new(s.len()),
            cap: [MaybeUninit::uninit(); 7],
            kind: Kind::Static,
        }
    }

    /// A copy of `s`: inline when it is 23 bytes or shorter, else on the heap.
    #[inline(always)]
    pub fn new(s: &str) -> Str {
        // Both ways give the three words in registers, so that the string is stored once,
        // whole, wherever it goes (see `read_padded`).
        let words = if s.len() <= INLINE {
            inline_words(s.as_bytes())
        } else {
            let (ptr, cap) = copy_to_heap(s);
            heap_words(ptr, s.len(), cap)
        };
        // SAFETY: an inline string's words (`inline_words`), or a heap string's, whose buffer
        // (`copy_to_heap`) this `Str` now owns.
        unsafe { Str::from_words(words) }
    }

    /// The `Str` whose memory is `words`.
    ///
    /// # Safety
    /// The words are an inline string's (`inline_words`) or a heap string's (`heap_words`)
    /// whose buffer nothing else owns.
    #[inline(always)]
    unsafe fn from_words(words: [u64; 3]) -> Str {
        // SAFETY: `Str` is 24 bytes with no padding; the caller gives valid contents.
        unsafe { std::mem::transmute::<[u64; 3], Str>(words) }
    }

    #[inline(always)]
    fn inline(s: &str) -> Str {
        // SAFETY: an inline string's words.
        unsafe { Str::from_words(inline_words(s.as_bytes())) }
    }

    /// An inline string from a builder's buffer: `buf[..len]` is UTF-8 and the rest zeros
    /// (which is an inline `Str`'s layout, so no copy of the text is made).
    ///
    /// # Safety
    /// `len <= 23`, `buf[..len]` is UTF-8 and `buf[len..]` is all zeros.
    #[inline(always)]
    pub(crate) unsafe fn inline_from_buf(buf: [u8; INLINE], len: usize) -> Str {
        let mut bytes = [0u8; 24];
        bytes[..INLINE].copy_from_slice(&buf);
        bytes[INLINE] = len as u8;
        // SAFETY: as in `inline_const`: 23 bytes of text padded with zeros (the caller's
        // promise), then the length `<= 23`, a valid `Kind`.
        unsafe { std::mem::transmute::<[u8; 24], Str>(bytes) }
    }

    /// A heap string, taken as it is (no copy, no shrinking).
    fn heap(s: String) -> Str {
        let mut s = ManuallyDrop::new(s);
        // SAFETY: the words of the `String`'s buffer, which `s` gives up (never dropped).
        unsafe { Str::from_words(heap_words(s.as_mut_ptr(), s.len(), s.capacity())) }
    }

    /// Formats into a string: `format_args!` output of up to 23 bytes needs no allocation.
    /// The tag macros use it for `format!(..)` values and children.
    ///
    /// ```
    /// use ft_html::Str;
    /// let id = 42;
    /// assert_eq!(Str::format(format_args!("/items/{id}")), "/items/42");
    /// ```
    pub fn format(args: fmt::Arguments<'_>) -> Str {
        if let Some(s) = args.as_str() {
            return Str::from_static(s);
        }
        let mut w = InlineWriter {
            buf: [0; INLINE],
            len: 0,
            spill: None,
        };
        let _ = fmt::write(&mut w, args);
        match w.spill {
            Some(s) => Str::heap(s),
            None => {
                // SAFETY: only whole `&str` pieces were copied in, so `buf[..len]` is UTF-8.
                Str::inline(unsafe { std::str::from_utf8_unchecked(&w.buf[..w.len]) })
            }
        }
    }

    /// An inline string's 24 bytes (text, zeros, then the length byte) and its length: all
    /// initialised, so a renderer may copy or test them whole.
    #[inline(always)]
    pub(crate) fn inline_bytes(&self) -> Option<(&[u8; 24], usize)> {
        let k = self.kind as u8;
        // SAFETY: an inline `Str` starts as `inline_const` (all 24 bytes initialised, zeros
        // past the text) and only ever has text bytes written over it (`inline`), and it is
        // copied whole (`Clone`, moves); so all its bytes are initialised `u8`s.
        (k <= INLINE as u8).then(|| {
            (
                unsafe { &*(self as *const Str).cast::<[u8; 24]>() },
                k as usize,
            )
        })
    }

    /// The text.
    #[inline(always)]
    pub fn as_str(&self) -> &str {
        let k = self.kind as u8;
        // SAFETY: for an inline string the first `k <= 23` bytes were written from a `&str`;
        // otherwise `ptr`/`len` were set together from a `&'static str` or from a `String`
        // whose buffer this `Str` owns until it is dropped. Either way: initialised, UTF-8,
        // and alive as long as `self`.
        unsafe {
            let (p, n) = if k <= INLINE as u8 {
                ((self as *const Str).cast::<u8>(), k as usize)
            } else {
                (self.ptr.assume_init(), self.len.assume_init())
            };
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(p, n))
        }
    }

    /// Does this string keep a heap buffer (so that dropping it frees memory)?
    #[inline(always)]
    pub fn is_heap(&self) -> bool {
        self.kind == Kind::Heap
    }

    /// The text as an owned `String` (no copy for a heap string).
    pub fn into_string(self) -> String {
        match self.kind {
            Kind::Heap => {
                let this = ManuallyDrop::new(self);
                // SAFETY: `take_heap` is called once, on a heap string that will not be
                // dropped (ManuallyDrop), handing its buffer to the `String`.
                unsafe { this.take_heap() }
            }
            _ => self.as_str().to_owned(),
        }
    }

    /// The heap buffer as a `String`.
    ///
    /// # Safety
    /// `self` must be a heap string, and must not be used or dropped afterwards.
    unsafe fn take_heap(&self) -> String {
        let mut cap = [0u8; 8];
        for (d, b) in cap.iter_mut().zip(self.cap) {
            // SAFETY: a heap string's 7 capacity bytes were all written by `Str::heap`.
            *d = unsafe { b.assume_init() };
        }
        // SAFETY: `ptr`, `len` and the capacity are those of the `String` that `Str::heap`
        // took apart, and the caller guarantees nobody else will free that buffer.
        unsafe {
            String::from_raw_parts(
                self.ptr.assume_init().cast_mut(),
                self.len.assume_init(),
                u64::from_le_bytes(cap) as usize,
            )
        }
    }
}

/// Collects `fmt::write` output inline, moving to a `String` past 23 bytes.
struct InlineWriter {
    buf: [u8; INLINE],
    len: usize,
    spill: Option<String>,
}

impl fmt::Write for InlineWriter {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(out) = &mut self.spill {
            out.push_str(s);
        } else if self.len + s.len() <= INLINE {
            self.buf[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            let mut out = String::with_capacity((self.len + s.len()).max(2 * INLINE));
            // SAFETY: whole `&str` pieces only were copied into `buf[..len]`.
            out.push_str(unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) });
            out.push_str(s);
            self.spill = Some(out);
        }
        Ok(())
    }
}

impl Drop for Str {
    #[inline]
    fn drop(&mut self) {
        if self.kind == Kind::Heap {
            // SAFETY: a heap string, dropped once, never used again.
            drop(unsafe { self.take_heap() });
        }
    }
}

impl Clone for Str {
    #[inline]
    fn clone(&self) -> Str {
        match self.kind {
            Kind::Heap => Str::new(self.as_str()),
            // SAFETY: inline bytes and static references are plain data: a bitwise copy is
            // an independent, equal `Str` (nothing to free twice).
            _ => unsafe { std::ptr::read(self) },
        }
    }
}

impl Default for Str {
    fn default() -> Str {
        Str::new_empty()
    }
}

impl Deref for Str {
    type Target = str;
    #[inline(always)]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Str {
    #[inline]
    fn from(s: &'static str) -> Str {
        Str::from_static(s)
    }
}

impl From<String> for Str {
    /// Short strings move inline (the `String`'s buffer is freed), longer ones are kept.
    #[inline]
    fn from(s: String) -> Str {
        if s.len() <= INLINE {
            Str::inline(&s)
        } else {
            Str::heap(s)
        }
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str::new(s)
    }
}

impl From<Box<str>> for Str {
    fn from(s: Box<str>) -> Str {
        Str::from(String::from(s))
    }
}

impl From<Cow<'static, str>> for Str {
    #[inline]
    fn from(s: Cow<'static, str>) -> Str {
        match s {
            Cow::Borrowed(s) => Str::from_static(s),
            Cow::Owned(s) => Str::from(s),
        }
    }
}

impl From<char> for Str {
    fn from(c: char) -> Str {
        Str::inline(c.encode_utf8(&mut [0; 4]))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.into_string()
    }
}

impl From<Str> for Cow<'static, str> {
    fn from(s: Str) -> Cow<'static, str> {
        match s.kind {
            Kind::Static => {
                // SAFETY: a static string's pointer and length come from a `&'static str`.
                Cow::Borrowed(unsafe {
                    std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                        s.ptr.assume_init(),
                        s.len.assume_init(),
                    ))
                })
            }
            _ => Cow::Owned(s.into_string()),
        }
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Str {}
impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}
impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}
impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}
impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}
impl Hash for Str {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> [Str; 4] {
        [
            Str::new(s),
            Str::from(s.to_owned()),
            Str::from(Cow::<'static, str>::Owned(s.to_owned())),
            Str::format(format_args!("{s}")),
        ]
    }

    #[test]
    fn every_length_round_trips() {
        // Empty, inline, exactly the inline capacity, one past it, long; ASCII and UTF-8
        // (multi-byte characters across the inline boundary).
        let samples = [
            String::new(),
            "a".into(),
            "x".repeat(22),
            "x".repeat(23),
            "x".repeat(24),
            "x".repeat(1000),
            "é".repeat(11),     // 22 bytes
            "é".repeat(12),     // 24 bytes: heap
            "ab€€€€€€€".into(), // 23 bytes
            "<b>&amp;</b>".into(),
        ];
        for s in &samples {
            for v in kinds(s) {
                assert_eq!(v.as_str(), s.as_str());
                assert_eq!(v.is_heap(), s.len() > INLINE, "{s:?}");
                let c = v.clone();
                assert_eq!(c, v);
                assert_eq!(c.into_string(), *s);
                assert_eq!(String::from(v), *s);
            }
        }
    }

    #[test]
    fn static_strings_are_borrowed() {
        let lit: &'static str = "a static string longer than twenty-three bytes";
        let s = Str::from_static(lit);
        assert_eq!(s.as_ptr(), lit.as_ptr());
        assert!(!s.is_heap());
        assert_eq!(s.clone().as_ptr(), lit.as_ptr());
        assert!(matches!(Cow::from(s), Cow::Borrowed(b) if b.as_ptr() == lit.as_ptr()));
        let short = Str::from_static("plain");
        assert_eq!(short, "plain");
        assert!(short.inline_bytes().is_some());
    }

    #[test]
    fn inline_strings_are_zero_padded() {
        // The renderer copies and tests an inline string's 24 bytes whole.
        for s in [
            Str::new_empty(),
            Str::from_static("ab"),
            Str::new("é<&>"),
            Str::from("x".repeat(23)),
            Str::format(format_args!("{}-{}", 1, 2)),
            Str::from('ü'),
            Str::new("abc").clone(),
        ] {
            let (b, n) = s.inline_bytes().expect("inline");
            assert_eq!(&b[..n], s.as_bytes());
            assert!(b[n..23].iter().all(|&x| x == 0));
            assert_eq!(b[23] as usize, n);
        }
        // Every inline length, at several offsets (`Str::new` reads words that overlap),
        // copied from a `&str` and taken whole from a builder's buffer.
        let text = "0123456789abcdefghijklmnopq";
        for at in 0..4 {
            for n in 0..=INLINE {
                let src = &text[at..at + n];
                let mut b = crate::__fmt::StrBuilder::new();
                b.push_str(src);
                for s in [Str::new(src), b.finish()] {
                    let (bytes, len) = s.inline_bytes().expect("inline");
                    assert_eq!((len, &bytes[..n]), (n, src.as_bytes()), "{at} {n}");
                    assert!(bytes[n..23].iter().all(|&x| x == 0), "{at} {n}");
                }
            }
        }
        assert!(Str::new(&"y".repeat(24)).inline_bytes().is_none());
        assert!(
            Str::from_static("a static string of more than 23 bytes")
                .inline_bytes()
                .is_none()
        );
    }

    #[test]
    fn format_spills_past_the_inline_capacity() {
        let long = Str::format(format_args!("{}-{}", "x".repeat(20), 12345));
        assert_eq!(long, format!("{}-12345", "x".repeat(20)));
        assert!(long.is_heap());
        let short = Str::format(format_args!("/items/{}", 42));
        assert_eq!(short, "/items/42");
        assert!(!short.is_heap());
    }

    #[test]
    fn heap_string_keeps_its_buffer() {
        let mut s = String::with_capacity(100);
        s.push_str(&"y".repeat(30));
        let p = s.as_ptr();
        let v = Str::from(s);
        assert_eq!(v.as_ptr(), p);
        let back = v.into_string();
        assert_eq!((back.as_ptr(), back.capacity()), (p, 100));
    }

    #[test]
    fn enums_holding_it_stay_small() {
        use crate::{Element, Ft, Text};
        assert_eq!(std::mem::size_of::<Option<Str>>(), 24);
        assert_eq!(std::mem::size_of::<Text>(), 24);
        assert_eq!(std::mem::size_of::<Element>(), 48);
        assert_eq!(std::mem::size_of::<Ft>(), 48);
    }
}
