//! [`TagDesc`]: what rendering needs to know about a tag, worked out once, and `Tag`, an
//! element's handle on it.

use ft_tags::classes::{self, contains};
use std::borrow::Cow;

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
#[derive(Debug, Clone)]
pub struct TagDesc {
    name: Cow<'static, str>,
    open: Cow<'static, str>,
    close: Cow<'static, str>,
    flags: u8,
}

const VOID: u8 = 1;
const RAW_TEXT: u8 = 2;
const NAMED: u8 = 4;

/// The flags of a tag named `name`.
const fn flags_for(name: &str, void: bool) -> u8 {
    let mut flags = if void { VOID } else { 0 };
    if contains(classes::RAW_TEXT, name) {
        flags |= RAW_TEXT;
    }
    if contains(classes::AUTO_NAME, name) {
        flags |= NAMED;
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
            name: Cow::Borrowed(name),
            open: Cow::Borrowed(open),
            close: Cow::Borrowed(close),
            flags: flags_for(name, void),
        }
    }

    /// A descriptor for a tag named at run time (assumed lower-case).
    fn owned(name: &str, void: bool) -> TagDesc {
        TagDesc {
            name: Cow::Owned(name.to_owned()),
            open: Cow::Owned(format!("<{name}>")),
            close: Cow::Owned(format!("</{name}>")),
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
    pub fn name(&self) -> &str {
        &self.name
    }
    /// No end tag?
    pub fn is_void(&self) -> bool {
        self.flags & VOID != 0
    }
    /// `<script>`/`<style>`: content written unescaped (but never able to end the element).
    pub(crate) fn is_raw_text(&self) -> bool {
        self.flags & RAW_TEXT != 0
    }
    /// Does `id = x` also set `name = x` here (SPEC 1.55)?
    pub(crate) fn is_named(&self) -> bool {
        self.flags & NAMED != 0
    }
    /// `<name>`.
    pub(crate) fn open(&self) -> &str {
        &self.open
    }
    /// `</name>`.
    pub(crate) fn close(&self) -> &str {
        &self.close
    }
}

/// An element's tag: a `static` [`TagDesc`] (every tag macro's), or one made for a name
/// chosen at run time.
#[derive(Clone)]
pub(crate) enum Tag {
    Static(&'static TagDesc),
    Owned(Box<TagDesc>),
}

impl Tag {
    pub(crate) const fn new_static(desc: &'static TagDesc) -> Tag {
        Tag::Static(desc)
    }

    /// A descriptor made at run time for `name` (assumed valid: lower-cased by the caller).
    pub(crate) fn new_owned(name: &str, void: bool) -> Tag {
        Tag::Owned(Box::new(TagDesc::owned(name, void)))
    }

    pub(crate) fn desc(&self) -> &TagDesc {
        match self {
            Tag::Static(d) => d,
            Tag::Owned(d) => d,
        }
    }

    /// The same tag, void or not.
    pub(crate) fn with_void(&self, void: bool) -> Tag {
        let name = self.desc().name();
        match crate::tags::lookup(name) {
            Some(d) if d.is_void() == void => Tag::new_static(d),
            _ => Tag::new_owned(name, void),
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
        std::fmt::Debug::fmt(self.desc().name(), f)
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
            let c = t.clone();
            assert!(matches!(c, Tag::Owned(_)) && c == t);
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
        assert!(matches!(t, Tag::Static(d) if std::ptr::eq(d, &A)));
    }

    #[test]
    #[should_panic(expected = "open/close")]
    fn malformed_descriptor_is_refused() {
        let _ = TagDesc::new("td", "<tr>", "</td>", false);
    }
}
