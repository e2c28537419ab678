//! [`Str`]: the string type of text leaves, raw markup and attribute values.

use compact_str::{CompactString, ToCompactString};
use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

/// A string a tree owns without a lifetime: a `&'static str` (kept as it is), up to 24 bytes
/// stored inline (names, ids, labels, most `format!`ed URLs: no allocation), or a heap string.
/// 24 bytes like a `String`; a [`compact_str::CompactString`] underneath.
///
/// ```
/// use ft_html::Str;
/// let name = String::from("Jiangsu");
/// let s = Str::new(&name); // copied inline: no allocation
/// assert_eq!(s, "Jiangsu");
/// assert_eq!(&*Str::from(format!("{}-{}", "a", 1)), "a-1");
/// assert_eq!(Str::from_static("a literal").as_str(), "a literal");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str(CompactString);

impl Str {
    /// The empty string.
    pub const fn new_empty() -> Str {
        Str(CompactString::const_new(""))
    }

    /// A `&'static str`, kept as it is (no copy).
    pub const fn from_static(s: &'static str) -> Str {
        Str(CompactString::const_new(s))
    }

    /// A copy of `s`: inline when it fits, else on the heap.
    pub fn new(s: &str) -> Str {
        Str(CompactString::new(s))
    }

    /// A string built elsewhere (`fmt::StrBuilder`), without a copy.
    pub(crate) fn from_compact(s: CompactString) -> Str {
        Str(s)
    }

    /// The text `format_args!` gives, inline when it fits.
    pub fn format(args: fmt::Arguments<'_>) -> Str {
        match args.as_str() {
            Some(s) => Str::new(s),
            None => Str(args.to_compact_string()),
        }
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Is the text in a heap buffer this string owns?
    pub fn is_heap(&self) -> bool {
        self.0.is_heap_allocated()
    }

    /// The text as a `String` (a heap string's buffer is reused).
    pub fn into_string(self) -> String {
        self.0.into_string()
    }
}

impl Deref for Str {
    type Target = str;
    #[inline]
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
    fn from(s: &'static str) -> Str {
        Str::from_static(s)
    }
}

impl From<String> for Str {
    /// Short strings move inline (the `String`'s buffer is freed), longer ones are kept.
    fn from(s: String) -> Str {
        Str(CompactString::from(s))
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
    fn from(s: Cow<'static, str>) -> Str {
        match s {
            Cow::Borrowed(s) => Str::from_static(s),
            Cow::Owned(s) => Str::from(s),
        }
    }
}

impl From<char> for Str {
    fn from(c: char) -> Str {
        Str::new(c.encode_utf8(&mut [0; 4]))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.into_string()
    }
}

impl From<Str> for Cow<'static, str> {
    fn from(s: Str) -> Cow<'static, str> {
        match s.0.as_static_str() {
            Some(b) => Cow::Borrowed(b),
            None => Cow::Owned(s.into_string()),
        }
    }
}

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

    #[test]
    fn every_length_round_trips() {
        let text = "0123456789abcdefghijklmnopqrstuvwxyzéü<&>".repeat(2);
        for n in (0..text.len()).filter(|&n| text.is_char_boundary(n)) {
            let src = &text[..n];
            for s in [
                Str::new(src),
                Str::from(src.to_owned()),
                Str::format(format_args!("{src}")),
            ] {
                assert_eq!(s.as_str(), src);
                assert_eq!(s.clone(), s);
                assert_eq!(s.is_heap(), n > 24, "{n}");
                assert_eq!(s.into_string(), src);
            }
        }
    }

    #[test]
    fn static_strings_are_borrowed() {
        let lit: &'static str = "a static string longer than twenty-four bytes";
        let s = Str::from_static(lit);
        assert_eq!(s.as_ptr(), lit.as_ptr());
        assert!(!s.is_heap());
        assert_eq!(s.clone().as_ptr(), lit.as_ptr());
        assert!(matches!(Cow::from(s), Cow::Borrowed(b) if b.as_ptr() == lit.as_ptr()));
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
        assert_eq!(back.as_ptr(), p);
    }

    #[test]
    fn an_option_of_it_is_no_bigger() {
        assert_eq!(std::mem::size_of::<Option<Str>>(), 24);
    }
}
