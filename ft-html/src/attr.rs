//! Attribute values and the conversions the tag macros apply to `name = value` (SPEC 1C).

use crate::Str;
use crate::text::write_float;
use std::borrow::Cow;

/// One attribute: an HTML name (already mapped) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    /// The HTML name, e.g. `hx-get`.
    pub name: Cow<'static, str>,
    /// The value.
    pub value: AttrValue,
}

/// An attribute's value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    /// `true` renders the bare name, `false` omits the attribute (SPEC 1.18).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A float, written like Python's `str()`.
    Float(f64),
    /// A string computed at run time. In URL attributes (`href`, `src`, `hx-get`, ...) a
    /// `javascript:`/`vbscript:`/non-image `data:` URL is replaced by an inert one.
    Text(Str),
    /// A string written in the source code (a literal in a tag macro): trusted as a URL.
    Trusted(Str),
}

/// An attribute value, borrowed: what the renderer writes (from an [`AttrValue`], or from a
/// compiled template's slot).
#[derive(Debug, Clone, Copy)]
pub(crate) enum AttrRef<'a> {
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(&'a Str),
    Trusted(&'a Str),
}

impl AttrValue {
    /// The value, borrowed.
    #[inline]
    pub(crate) fn as_ref(&self) -> AttrRef<'_> {
        match self {
            AttrValue::Bool(b) => AttrRef::Bool(*b),
            AttrValue::Int(n) => AttrRef::Int(*n),
            AttrValue::UInt(n) => AttrRef::UInt(*n),
            AttrValue::Float(f) => AttrRef::Float(*f),
            AttrValue::Text(s) => AttrRef::Text(s),
            AttrValue::Trusted(s) => AttrRef::Trusted(s),
        }
    }

    /// The value as a string (`None` for `false`, `Some("")`-less bare `true` is `Some("true")`).
    pub fn to_plain(&self) -> Option<Cow<'_, str>> {
        Some(match self {
            AttrValue::Bool(false) => return None,
            AttrValue::Bool(true) => Cow::Borrowed("true"),
            AttrValue::Int(n) => Cow::Owned(n.to_string()),
            AttrValue::UInt(n) => Cow::Owned(n.to_string()),
            AttrValue::Float(f) => {
                let mut s = String::new();
                write_float(&mut s, *f);
                Cow::Owned(s)
            }
            AttrValue::Text(s) | AttrValue::Trusted(s) => Cow::Borrowed(s.as_str()),
        })
    }

    /// Is this the string `s`? (Numbers compare by their text.)
    pub fn is(&self, s: &str) -> bool {
        self.to_plain().is_some_and(|v| v == s)
    }
}

/// Converts a value given as `name = value` in a tag macro. `None` omits the attribute.
///
/// Strings, numbers, `bool`, `char`, `Option<T>`, lists (joined with spaces: `cls = ["a", "b"]`),
/// lists of pairs (CSS style: `style = [("color", "red")]` -> `color:red`), and
/// `serde_json::Value` (JSON, as FastHTML's `hx_vals` dicts) all convert.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an attribute value",
    label = "not an attribute value",
    note = "attribute values are strings, numbers, bools, Options, lists of those, (name, value) pairs for `style`, or serde_json values; convert with `.to_string()` or `format!(..)`"
)]
pub trait IntoAttr {
    /// The value, or `None` to omit the attribute.
    fn into_attr(self) -> Option<AttrValue>;
}

impl IntoAttr for AttrValue {
    fn into_attr(self) -> Option<AttrValue> {
        Some(self)
    }
}
impl IntoAttr for &str {
    #[inline]
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Text(Str::new(self)))
    }
}
impl IntoAttr for String {
    #[inline]
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Text(Str::from(self)))
    }
}
impl IntoAttr for Str {
    #[inline]
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Text(self))
    }
}
impl IntoAttr for &String {
    fn into_attr(self) -> Option<AttrValue> {
        self.as_str().into_attr()
    }
}
impl IntoAttr for Cow<'static, str> {
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Text(self.into()))
    }
}
impl IntoAttr for bool {
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Bool(self))
    }
}
impl IntoAttr for char {
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Text(Str::from(self)))
    }
}
impl IntoAttr for f64 {
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Float(self))
    }
}
impl IntoAttr for f32 {
    fn into_attr(self) -> Option<AttrValue> {
        Some(AttrValue::Float(self as f64))
    }
}
macro_rules! int_attr {
    ($variant:ident, $wide:ty: $($t:ty),*) => {$(
        impl IntoAttr for $t {
            fn into_attr(self) -> Option<AttrValue> {
                Some(AttrValue::$variant(self as $wide))
            }
        }
    )*};
}
int_attr!(Int, i64: i8, i16, i32, i64, isize);
int_attr!(UInt, u64: u8, u16, u32, u64, usize);

impl<T: IntoAttr> IntoAttr for Option<T> {
    fn into_attr(self) -> Option<AttrValue> {
        self.and_then(IntoAttr::into_attr)
    }
}
impl<T: IntoAttr + Clone> IntoAttr for &Option<T> {
    fn into_attr(self) -> Option<AttrValue> {
        self.clone().and_then(IntoAttr::into_attr)
    }
}
impl<T: Copy + IntoAttr> IntoAttr for &T
where
    T: NotStr,
{
    fn into_attr(self) -> Option<AttrValue> {
        (*self).into_attr()
    }
}

/// Marker for the `Copy` scalar types whose references convert like the values.
pub trait NotStr {}
macro_rules! not_str { ($($t:ty),*) => { $(impl NotStr for $t {})* }; }
not_str!(
    bool, char, f32, f64, i8, i16, i32, i64, isize, u8, u16, u32, u64, usize
);

/// One item of a list-valued attribute (SPEC 1.20, 1.21).
pub trait AttrPart {
    /// The separator between items: `" "` for words, `"; "` for CSS pairs.
    const SEP: &'static str;
    /// Appends this item.
    fn write_part(&self, out: &mut String);
}
macro_rules! display_part {
    ($($t:ty),*) => {$(
        impl AttrPart for $t {
            const SEP: &'static str = " ";
            fn write_part(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{}", self);
            }
        }
    )*};
}
display_part!(
    &str,
    String,
    &String,
    Cow<'static, str>,
    Str,
    char,
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize
);
impl AttrPart for f64 {
    const SEP: &'static str = " ";
    fn write_part(&self, out: &mut String) {
        write_float(out, *self);
    }
}
impl<K: std::fmt::Display, V: std::fmt::Display> AttrPart for (K, V) {
    const SEP: &'static str = "; ";
    fn write_part(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "{}:{}", self.0, self.1);
    }
}

fn join_parts<'a, T: AttrPart + 'a>(items: impl IntoIterator<Item = &'a T>) -> Option<AttrValue> {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(T::SEP);
        }
        item.write_part(&mut out);
    }
    (!out.is_empty()).then_some(AttrValue::Text(out.into()))
}
impl<T: AttrPart, const N: usize> IntoAttr for [T; N] {
    fn into_attr(self) -> Option<AttrValue> {
        join_parts(self.iter())
    }
}
impl<T: AttrPart> IntoAttr for Vec<T> {
    fn into_attr(self) -> Option<AttrValue> {
        join_parts(self.iter())
    }
}
impl<T: AttrPart> IntoAttr for &[T] {
    fn into_attr(self) -> Option<AttrValue> {
        join_parts(self.iter())
    }
}

impl IntoAttr for serde_json::Value {
    /// Strings are used as they are; every other JSON value is encoded the way Python's
    /// `json.dumps` does it (`{"a": 1, "b": "x"}`), as FastHTML does for `hx_vals` (SPEC 1.22).
    fn into_attr(self) -> Option<AttrValue> {
        match self {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(AttrValue::Text(s.into())),
            serde_json::Value::Bool(b) => Some(AttrValue::Bool(b)),
            other => Some(AttrValue::Text(python_json(&other).into())),
        }
    }
}

/// JSON as Python's `json.dumps` writes it (`{"a": 1, "b": "x"}`, non-ASCII escaped).
pub fn python_json(v: &serde_json::Value) -> String {
    crate::xtend::py_dumps(v, None)
}

/// What `hx_target = ..` accepts: a CSS selector, or an element whose id becomes `#id`
/// (SPEC 1.26).
pub trait IntoTarget {
    /// The selector, or `None` to omit the attribute.
    fn into_target(self) -> Option<AttrValue>;
}
macro_rules! str_target {
    ($($t:ty),*) => {$(
        impl IntoTarget for $t {
            fn into_target(self) -> Option<AttrValue> {
                self.into_attr()
            }
        }
    )*};
}
str_target!(&str, String, &String, Cow<'static, str>, Str, AttrValue);
impl IntoTarget for &crate::Ft {
    fn into_target(self) -> Option<AttrValue> {
        self.id()
            .map(|id| AttrValue::Text(Str::format(format_args!("#{id}"))))
    }
}
impl<T: IntoTarget> IntoTarget for Option<T> {
    fn into_target(self) -> Option<AttrValue> {
        self.and_then(IntoTarget::into_target)
    }
}

/// An element used as an attribute value stands for its id (`id = &other`, SPEC 1.27).
impl IntoAttr for &crate::Ft {
    fn into_attr(self) -> Option<AttrValue> {
        self.id().map(|id| AttrValue::Text(Str::new(id)))
    }
}
