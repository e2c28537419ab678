//! [`TagDesc`]: what rendering needs to know about a tag, worked out once, and `Tag`, an
//! element's one-word handle on it.

use ft_tags::classes::{self, contains};
use std::ptr::NonNull;

/// A tag's name, its start and end tags as written (`<td>`, `</td>`) and its flags (void,
/// raw text, auto-name), computed once: the tag macros point every element at a `static` one,
/// so rendering copies whole start and end tags and never compares names.
///
/// ```
/// use ft_html::TagDesc;
/// static TD: TagDesc = TagDesc::new("td", "<td>", "</td>", false);
/// assert_eq!(TD.name(), "td");
/// assert!(!TD.is_void());
/// ```
#[derive(Debug)]
pub struct TagDesc {
    name: &'static str,
    open: &'static str,
    close: &'static str,
    /// The start and end tags again, zero-padded to 16 bytes (when they fit: `SHORT`), so a
    /// renderer can write each with one 16-byte store and advance by its length.
    open16: [u8; 16],
    close16: [u8; 16],
    open_len: u8,
    /// 0 for a void element (it has no end tag).
    close_len: u8,
    flags: u8,
}

const VOID: u8 = 1;
const RAW_TEXT: u8 = 2;
const NAMED: u8 = 4;
/// The end tag (hence the start tag) fits in 16 bytes.
const SHORT: u8 = 8;

/// `s` zero-padded to 16 bytes (the first 16 when longer).
const fn pad16(s: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    let mut i = 0;
    while i < s.len() && i < 16 {
        out[i] = s[i];
        i += 1;
    }
    out
}

/// The flags of a tag named `name`.
const fn flags_for(name: &str, void: bool) -> u8 {
    let mut flags = if void { VOID } else { 0 };
    if contains(classes::RAW_TEXT, name) {
        flags |= RAW_TEXT;
    }
    if contains(classes::AUTO_NAME, name) {
        flags |= NAMED;
    }
    if name.len() + 3 <= 16 {
        flags |= SHORT;
    }
    flags
}

/// `open == "<" + name + ">"` and `close == "</" + name + ">"`.
const fn well_formed(name: &[u8], open: &[u8], close: &[u8]) -> bool {
    let n = name.len();
    if open.len() != n + 2 || close.len() != n + 3 {
        return false;
    }
    if open[0] != b'<' || open[n + 1] != b'>' || close[0] != b'<' || close[1] != b'/' {
        return false;
    }
    if close[n + 2] != b'>' {
        return false;
    }
    let mut i = 0;
    while i < n {
        if open[i + 1] != name[i] || close[i + 2] != name[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl TagDesc {
    /// A descriptor; `open` and `close` must be `<name>` and `</name>` (checked, at compile
    /// time in a `static`). The tag macros write it with `concat!`.
    pub const fn new(
        name: &'static str,
        open: &'static str,
        close: &'static str,
        void: bool,
    ) -> TagDesc {
        assert!(
            well_formed(name.as_bytes(), open.as_bytes(), close.as_bytes()),
            "TagDesc: open/close must be <name> and </name>"
        );
        TagDesc::from_parts(name, open, close, void)
    }

    const fn from_parts(
        name: &'static str,
        open: &'static str,
        close: &'static str,
        void: bool,
    ) -> TagDesc {
        TagDesc {
            name,
            open,
            close,
            open16: pad16(open.as_bytes()),
            close16: if void {
                [0; 16]
            } else {
                pad16(close.as_bytes())
            },
            open_len: if open.len() <= 16 {
                open.len() as u8
            } else {
                0
            },
            close_len: if void || close.len() > 16 {
                0
            } else {
                close.len() as u8
            },
            flags: flags_for(name, void),
        }
    }
    /// Is `name` free of upper-case ASCII letters (so usable as it is)? For `tag!`.
    pub const fn is_lower_case(name: &str) -> bool {
        let b = name.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_uppercase() {
                return false;
            }
            i += 1;
        }
        true
    }
    /// Is `name` one of [`VOID_TAGS`](crate::VOID_TAGS)? For `tag!`.
    pub const fn is_void_name(name: &str) -> bool {
        contains(classes::VOID, name)
    }
    /// The tag name.
    #[inline(always)]
    pub fn name(&self) -> &str {
        self.name
    }
    /// No end tag?
    #[inline(always)]
    pub fn is_void(&self) -> bool {
        self.flags & VOID != 0
    }
    /// `<script>`/`<style>`: content written unescaped (but never able to end the element).
    #[inline(always)]
    pub(crate) fn is_raw_text(&self) -> bool {
        self.flags & RAW_TEXT != 0
    }
    /// Does `id = x` also set `name = x` here (SPEC 1.55)?
    #[inline(always)]
    pub(crate) fn is_named(&self) -> bool {
        self.flags & NAMED != 0
    }
    /// `<name>`.
    #[inline(always)]
    pub(crate) fn open(&self) -> &str {
        self.open
    }
    /// `</name>`.
    #[inline(always)]
    pub(crate) fn close(&self) -> &str {
        self.close
    }
    /// For a tag whose end tag fits in 16 bytes: the start tag and the end tag (empty for a
    /// void element), each zero-padded to 16 bytes, with their lengths.
    #[inline(always)]
    pub(crate) fn short(&self) -> Option<(&[u8; 16], usize, &[u8; 16], usize)> {
        (self.flags & SHORT != 0).then_some((
            &self.open16,
            self.open_len as usize,
            &self.close16,
            self.close_len as usize,
        ))
    }
}

/// An element's tag: a pointer to a `static` [`TagDesc`], or (low bit set) to one this tag
/// owns, made for a name chosen at run time.
pub(crate) struct Tag(NonNull<TagDesc>);

const OWNED: usize = 1;

// SAFETY: a `Tag` points to an immutable `TagDesc`, `static` or owned by this `Tag` alone.
unsafe impl Send for Tag {}
// SAFETY: as above; nothing is ever written through a shared `Tag`.
unsafe impl Sync for Tag {}

impl Tag {
    #[inline(always)]
    pub(crate) const fn new_static(desc: &'static TagDesc) -> Tag {
        // A reference is never null (`NonNull::from` is not const-callable for statics here).
        Tag(NonNull::new(desc as *const TagDesc as *mut TagDesc).expect("non-null"))
    }

    /// A descriptor made at run time for `name` (assumed valid: lower-cased by the caller).
    pub(crate) fn new_owned(name: &str, void: bool) -> Tag {
        // One buffer "<name></name>": the name, the start tag and the end tag are slices of it.
        let n = name.len();
        let buf: &'static mut str = Box::leak(format!("<{name}></{name}>").into_boxed_str());
        let buf: &'static str = buf;
        let desc = Box::new(TagDesc::from_parts(
            &buf[1..n + 1],
            &buf[..n + 2],
            &buf[n + 2..],
            void,
        ));
        let p = NonNull::from(Box::leak(desc));
        Tag(p.map_addr(|a| a | OWNED))
    }

    #[inline(always)]
    pub(crate) fn is_owned(&self) -> bool {
        self.0.addr().get() & OWNED != 0
    }

    #[inline(always)]
    pub(crate) fn desc(&self) -> &TagDesc {
        // SAFETY: with the owned bit cleared the pointer is a `&'static TagDesc` or a leaked
        // `Box<TagDesc>` that lives until this `Tag` is dropped.
        unsafe { &*self.0.as_ptr().map_addr(|a| a & !OWNED) }
    }

    /// The same tag, void or not.
    pub(crate) fn with_void(&self, void: bool) -> Tag {
        match crate::tags::lookup(self.desc().name) {
            Some(d) if d.is_void() == void => Tag::new_static(d),
            _ => Tag::new_owned(self.desc().name, void),
        }
    }
}

impl Drop for Tag {
    #[inline(always)]
    fn drop(&mut self) {
        if self.is_owned() {
            self.drop_owned();
        }
    }
}

impl Tag {
    #[cold]
    fn drop_owned(&mut self) {
        {
            let desc = self.0.as_ptr().map_addr(|a| a & !OWNED);
            // SAFETY: an owned tag's pointer (owned bit cleared) is the leaked `Box<TagDesc>`
            // of `new_owned`, whose `open` starts the leaked `"<name></name>"` buffer of
            // `open.len() + close.len()` bytes; both are freed once, here.
            unsafe {
                let desc = Box::from_raw(desc);
                let len = desc.open.len() + desc.close.len();
                let buf = std::ptr::slice_from_raw_parts_mut(desc.open.as_ptr().cast_mut(), len);
                drop(Box::from_raw(buf as *mut str));
            }
        }
    }
}

impl Clone for Tag {
    fn clone(&self) -> Tag {
        if self.is_owned() {
            Tag::new_owned(self.desc().name, self.desc().is_void())
        } else {
            Tag(self.0)
        }
    }
}

impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        let (a, b) = (self.desc(), other.desc());
        a.name == b.name && a.is_void() == b.is_void()
    }
}

impl std::fmt::Debug for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.desc().name, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_tags_have_the_same_shape_as_static_ones() {
        for name in [
            "x",
            "my-widget",
            "script",
            "input",
            "ñandú",
            &"t".repeat(40),
        ] {
            let t = Tag::new_owned(name, name == "input");
            let d = t.desc();
            assert_eq!(d.name(), name);
            assert_eq!(d.open(), format!("<{name}>"));
            assert_eq!(d.close(), format!("</{name}>"));
            assert_eq!(d.is_void(), name == "input");
            assert_eq!(d.is_raw_text(), name == "script");
            assert_eq!(d.is_named(), name == "input");
            match d.short() {
                Some((o, ol, c, cl)) => {
                    assert_eq!(&o[..ol], d.open().as_bytes());
                    assert_eq!(
                        &c[..cl],
                        if d.is_void() {
                            &b""[..]
                        } else {
                            d.close().as_bytes()
                        }
                    );
                    assert!(o[ol..].iter().chain(&c[cl..]).all(|&b| b == 0));
                }
                None => assert!(d.close().len() > 16),
            }
            let c = t.clone();
            assert!(c.is_owned() && c == t);
            assert!(t.with_void(true).desc().is_void());
        }
    }

    #[test]
    fn static_descriptors_know_their_flags() {
        static S: TagDesc = TagDesc::new("script", "<script>", "</script>", false);
        static A: TagDesc = TagDesc::new("a", "<a>", "</a>", false);
        assert!(S.is_raw_text() && !S.is_named());
        assert!(A.is_named() && !A.is_raw_text() && !A.is_void());
        let t = Tag::new_static(&A);
        assert!(!t.is_owned());
        assert!(std::ptr::eq(t.desc(), &A));
    }

    #[test]
    #[should_panic(expected = "open/close")]
    fn malformed_descriptor_is_refused() {
        let _ = TagDesc::new("td", "<tr>", "</td>", false);
    }
}
