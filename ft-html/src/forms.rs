//! Forms (SPEC 1J): fill a form's inputs from a value ([`fill_form`]), copy fields between
//! values ([`fill_dataclass`], [`FillFrom`]), and find inputs in a tree ([`find_inputs`]).
//!
//! A value whose fields can be read by name implements [`FormFields`]: maps of strings or
//! JSON values, `serde_json::Value` objects, `(name, value)` lists, and any struct with
//! `#[derive(FormFields)]`.
//!
//! ```
//! use ft_html::prelude::*;
//!
//! #[derive(FormFields)]
//! struct Profile { email: String, age: u32, newsletter: bool }
//!
//! let form = TagForm!(
//!     Input!(name = "email"),
//!     Input!(name = "age", r#type = "number"),
//!     Input!(name = "newsletter", r#type = "checkbox"),
//! );
//! let p = Profile { email: "a@b.c".into(), age: 5, newsletter: true };
//! assert_eq!(
//!     fill_form(&form, &p).render(),
//!     r#"<form><input name="email" value="a@b.c"><input name="age" type="number" value="5"><input name="newsletter" type="checkbox" checked="1"></form>"#
//! );
//! ```
//!
//! # The derive
//!
//! `#[derive(FormFields)]` works on structs with named fields of type `String`, `&str`,
//! `Cow<str>`, `char`, integers, floats, `bool`, `serde_json::Value`, and `Option<T>` /
//! `Vec<T>` of those (anything implementing [`AsField`] and, for [`FillFrom`], [`FromField`]).
//! It implements [`FormFields`], [`FillFrom`] and, to build the struct from a request,
//! [`FromValues`](crate::values::FromValues) (a `Result<T, FieldErrors>` parameter gets the
//! field errors). Attributes (the derive's own docs have an example of each):
//!
//! - `#[form(default)]` on a field: absent from the request, it is `Default::default()`
//!   instead of an error; on the struct: the same for every field;
//! - `#[form(rename = "html-name")]` on a field: the name used in the form;
//! - `#[form(skip)]` on a field: not a form field (its type needs no trait);
//! - `#[form(crate = "path")]` on the struct: where ft-html is, when the crate that uses
//!   the derive depends on neither ft-html nor ft-web directly. By default the generated code
//!   names the one of `::ft_html`, `::ft_web`, `::ft_data` the crate depends on.
//!
//! The derive is called `FormFields`, like the trait it implements, and not `Form`: the
//! `Form!(..)` tag macro already holds that name in the macro namespace, and both are in the
//! prelude.
//!
//! The derive needs a struct with named fields:
//!
//! ```compile_fail
//! #[derive(ft_html::forms::FormFields)]
//! struct Pair(String, u8);
//! ```
//!
//! and every field type must be a form value (or the field marked `#[form(skip)]`):
//!
//! ```compile_fail
//! struct Opaque;
//! #[derive(ft_html::forms::FormFields)]
//! struct P { x: Opaque }
//! ```

use crate::Str;
use crate::attr::AttrValue;
use crate::element::Element;
use crate::names::attr_name;
use crate::{Ft, Text};
use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

pub use ft_macros::FormFields;

/// The value of one field, as [`fill_form`] and [`FillFrom`] see it.
///
/// ```
/// use ft_html::forms::{AsField, FieldValue};
/// assert_eq!(5u8.as_field(), FieldValue::UInt(5));
/// assert_eq!("x".as_field(), FieldValue::Text("x".into()));
/// assert_eq!(vec![1, 2].as_field(), FieldValue::List(vec!["1".into(), "2".into()]));
/// assert_eq!(None::<String>.as_field(), FieldValue::Null);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue<'a> {
    /// No value (`None`, JSON `null`): [`fill_form`] leaves the input as it is.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A float.
    Float(f64),
    /// Text.
    Text(Cow<'a, str>),
    /// Several values (a multi-select, a group of checkboxes), as text.
    List(Vec<Cow<'a, str>>),
}

impl<'a> FieldValue<'a> {
    /// The value as text: numbers as Python's `str()` writes them, bools as `true`/`false`,
    /// a one-item list as its item; `None` for `Null` and longer lists.
    ///
    /// ```
    /// use ft_html::forms::FieldValue;
    /// assert_eq!(FieldValue::Float(1.5).to_text().as_deref(), Some("1.5"));
    /// assert_eq!(FieldValue::Bool(true).to_text().as_deref(), Some("true"));
    /// assert_eq!(FieldValue::Null.to_text(), None);
    /// ```
    pub fn to_text(&self) -> Option<Cow<'_, str>> {
        Some(match self {
            FieldValue::Null => return None,
            FieldValue::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            FieldValue::Int(n) => Cow::Owned(n.to_string()),
            FieldValue::UInt(n) => Cow::Owned(n.to_string()),
            FieldValue::Float(f) => {
                return AttrValue::Float(*f)
                    .to_plain()
                    .map(|s| Cow::Owned(s.into_owned()));
            }
            FieldValue::Text(s) => Cow::Borrowed(&**s),
            FieldValue::List(items) if items.len() == 1 => Cow::Borrowed(&*items[0]),
            FieldValue::List(_) => return None,
        })
    }

    /// Is `s` one of the values? (A list holds it, or a scalar's text equals it.)
    ///
    /// ```
    /// use ft_html::forms::FieldValue;
    /// assert!(FieldValue::List(vec!["x".into(), "y".into()]).contains("y"));
    /// assert!(FieldValue::Int(5).contains("5"));
    /// assert!(!FieldValue::Null.contains(""));
    /// ```
    pub fn contains(&self, s: &str) -> bool {
        match self {
            FieldValue::List(items) => items.iter().any(|i| i == s),
            other => other.to_text().is_some_and(|t| t == s),
        }
    }

    /// Truthiness, for a checkbox without a `value`: `true`, non-zero numbers, non-empty
    /// lists, and text other than `""`, `0`, `false`, `off`, `no` (any case).
    ///
    /// ```
    /// use ft_html::forms::FieldValue;
    /// assert!(FieldValue::Text("on".into()).is_truthy());
    /// assert!(!FieldValue::Text("False".into()).is_truthy());
    /// assert!(!FieldValue::Int(0).is_truthy());
    /// ```
    pub fn is_truthy(&self) -> bool {
        match self {
            FieldValue::Null => false,
            FieldValue::Bool(b) => *b,
            FieldValue::Int(n) => *n != 0,
            FieldValue::UInt(n) => *n != 0,
            FieldValue::Float(f) => *f != 0.0,
            FieldValue::Text(s) => text_truth(s).unwrap_or(true),
            FieldValue::List(items) => !items.is_empty(),
        }
    }

    /// The value with no borrow.
    ///
    /// ```
    /// use ft_html::forms::FieldValue;
    /// let s = String::from("x");
    /// let v: FieldValue<'static> = FieldValue::Text(s.as_str().into()).into_owned();
    /// assert_eq!(v, FieldValue::Text("x".into()));
    /// ```
    pub fn into_owned(self) -> FieldValue<'static> {
        match self {
            FieldValue::Null => FieldValue::Null,
            FieldValue::Bool(b) => FieldValue::Bool(b),
            FieldValue::Int(n) => FieldValue::Int(n),
            FieldValue::UInt(n) => FieldValue::UInt(n),
            FieldValue::Float(f) => FieldValue::Float(f),
            FieldValue::Text(s) => FieldValue::Text(Cow::Owned(s.into_owned())),
            FieldValue::List(items) => FieldValue::List(
                items
                    .into_iter()
                    .map(|s| Cow::Owned(s.into_owned()))
                    .collect(),
            ),
        }
    }
}

/// `Some(true)` / `Some(false)` for the usual spellings of a boolean, `""` is false.
fn text_truth(s: &str) -> Option<bool> {
    let s = s.trim();
    const FALSE: [&str; 5] = ["", "0", "false", "off", "no"];
    const TRUE: [&str; 4] = ["1", "true", "on", "yes"];
    if FALSE.iter().any(|f| s.eq_ignore_ascii_case(f)) {
        Some(false)
    } else if TRUE.iter().any(|t| s.eq_ignore_ascii_case(t)) {
        Some(true)
    } else {
        None
    }
}

/// A value whose fields can be read by name: what [`fill_form`] fills from. FastHTML takes a
/// dict, a dataclass or any object's `__dict__` (SPEC 1.102, 1.107).
///
/// Implemented for `HashMap`/`BTreeMap` with string keys and values of any [`AsField`] type
/// (strings, numbers, `serde_json::Value`, `Vec<String>`, ...), for `serde_json::Value`
/// (objects; other JSON values have no fields), for lists of `(name, value)` pairs (form
/// data: a name given several times reads as a list), and by `#[derive(FormFields)]`.
///
/// ```
/// use ft_html::forms::{FieldValue, FormFields};
/// use std::collections::HashMap;
///
/// let m = HashMap::from([("a".to_string(), "1".to_string())]);
/// assert_eq!(m.field("a"), Some(FieldValue::Text("1".into())));
/// assert_eq!(m.field("b"), None);
///
/// let j = serde_json::json!({"n": 5, "tags": ["x", "y"]});
/// assert_eq!(j.field("n"), Some(FieldValue::Int(5)));
///
/// let pairs = [("t", "x"), ("t", "y")];
/// assert_eq!(pairs.field("t"), Some(FieldValue::List(vec!["x".into(), "y".into()])));
///
/// #[derive(ft_html::forms::FormFields)]
/// struct P { name: String, #[form(rename = "is-done")] done: bool }
/// let p = P { name: "x".into(), done: true };
/// assert_eq!(p.field("is-done"), Some(FieldValue::Bool(true)));
/// assert_eq!(p.field("done"), None);
/// ```
pub trait FormFields {
    /// The field called `name`, or `None` when there is no such field.
    fn field(&self, name: &str) -> Option<FieldValue<'_>>;
}

impl<T: FormFields + ?Sized> FormFields for &T {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        (**self).field(name)
    }
}

impl<K, V, S> FormFields for HashMap<K, V, S>
where
    K: Borrow<str> + Hash + Eq,
    V: AsField,
    S: BuildHasher,
{
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        self.get(name).map(AsField::as_field)
    }
}

impl<K: Borrow<str> + Ord, V: AsField> FormFields for BTreeMap<K, V> {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        self.get(name).map(AsField::as_field)
    }
}

impl FormFields for serde_json::Map<String, serde_json::Value> {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        self.get(name).map(AsField::as_field)
    }
}

impl FormFields for serde_json::Value {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        self.as_object()?.field(name)
    }
}

impl<K: AsRef<str>, V: AsField> FormFields for [(K, V)] {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        let mut hits = self
            .iter()
            .filter(|(k, _)| k.as_ref() == name)
            .map(|(_, v)| v.as_field());
        let first = hits.next()?;
        let Some(second) = hits.next() else {
            return Some(first);
        };
        let mut items = Vec::new();
        for v in [first, second].into_iter().chain(hits) {
            push_items(&mut items, v);
        }
        Some(FieldValue::List(items))
    }
}
impl<K: AsRef<str>, V: AsField> FormFields for Vec<(K, V)> {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        self.as_slice().field(name)
    }
}
impl<K: AsRef<str>, V: AsField, const N: usize> FormFields for [(K, V); N] {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        self.as_slice().field(name)
    }
}

/// Appends a value's items to a list (scalars as their text; `Null` adds nothing).
fn push_items<'a>(items: &mut Vec<Cow<'a, str>>, v: FieldValue<'a>) {
    match v {
        FieldValue::List(more) => items.extend(more),
        FieldValue::Text(s) => items.push(s),
        other => {
            if let Some(t) = other.to_text() {
                items.push(Cow::Owned(t.into_owned()));
            }
        }
    }
}

/// A value that can be one field of a [`FormFields`] value: what `#[derive(FormFields)]`
/// needs of each field type.
///
/// ```
/// use ft_html::forms::{AsField, FieldValue};
/// assert_eq!(Some(true).as_field(), FieldValue::Bool(true));
/// assert_eq!(serde_json::json!(["a", 1]).as_field(), FieldValue::List(vec!["a".into(), "1".into()]));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a form field",
    label = "not a form field type",
    note = "form fields are strings, numbers, bools, chars, serde_json values, and Options/Vecs of those; implement `AsField` (and `FromField`) for your type, or mark the field `#[form(skip)]`"
)]
pub trait AsField {
    /// The field's value, borrowing from `self` where it can.
    fn as_field(&self) -> FieldValue<'_>;
}

impl<T: AsField + ?Sized> AsField for &T {
    fn as_field(&self) -> FieldValue<'_> {
        (**self).as_field()
    }
}
impl<T: AsField + ?Sized> AsField for Box<T> {
    fn as_field(&self) -> FieldValue<'_> {
        (**self).as_field()
    }
}
impl AsField for str {
    fn as_field(&self) -> FieldValue<'_> {
        FieldValue::Text(Cow::Borrowed(self))
    }
}
impl AsField for String {
    fn as_field(&self) -> FieldValue<'_> {
        FieldValue::Text(Cow::Borrowed(self))
    }
}
impl AsField for Cow<'_, str> {
    fn as_field(&self) -> FieldValue<'_> {
        FieldValue::Text(Cow::Borrowed(self))
    }
}
impl AsField for char {
    fn as_field(&self) -> FieldValue<'_> {
        FieldValue::Text(Cow::Owned(self.to_string()))
    }
}
impl AsField for bool {
    fn as_field(&self) -> FieldValue<'_> {
        FieldValue::Bool(*self)
    }
}
macro_rules! num_field {
    ($variant:ident, $wide:ty: $($t:ty),*) => {$(
        impl AsField for $t {
            fn as_field(&self) -> FieldValue<'_> {
                FieldValue::$variant(*self as $wide)
            }
        }
    )*};
}
num_field!(Int, i64: i8, i16, i32, i64, isize);
num_field!(UInt, u64: u8, u16, u32, u64, usize);
num_field!(Float, f64: f32, f64);

impl<T: AsField> AsField for Option<T> {
    fn as_field(&self) -> FieldValue<'_> {
        match self {
            Some(v) => v.as_field(),
            None => FieldValue::Null,
        }
    }
}
impl<T: AsField> AsField for [T] {
    fn as_field(&self) -> FieldValue<'_> {
        let mut items = Vec::with_capacity(self.len());
        for v in self {
            push_items(&mut items, v.as_field());
        }
        FieldValue::List(items)
    }
}
impl<T: AsField> AsField for Vec<T> {
    fn as_field(&self) -> FieldValue<'_> {
        self.as_slice().as_field()
    }
}
impl<T: AsField, const N: usize> AsField for [T; N] {
    fn as_field(&self) -> FieldValue<'_> {
        self.as_slice().as_field()
    }
}
impl AsField for serde_json::Value {
    /// Objects become their JSON text (as Python's `json.dumps` writes it).
    fn as_field(&self) -> FieldValue<'_> {
        use serde_json::Value;
        match self {
            Value::Null => FieldValue::Null,
            Value::Bool(b) => FieldValue::Bool(*b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    FieldValue::Int(i)
                } else if let Some(u) = n.as_u64() {
                    FieldValue::UInt(u)
                } else {
                    FieldValue::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => FieldValue::Text(Cow::Borrowed(s)),
            Value::Array(items) => items.as_slice().as_field(),
            Value::Object(_) => FieldValue::Text(Cow::Owned(crate::attr::python_json(self))),
        }
    }
}

/// A type a field can be set from (what [`FillFrom`] needs of each field): `None` when the
/// value does not convert, and the field is then left as it is.
///
/// Numbers convert from numbers in range and from their text; `bool` from `true/false`,
/// `1/0`, `on/off`, `yes/no` and numbers; `String` from any scalar (a list of one item
/// counts as that item); `Option<T>` is set to `None` by `Null`; `Vec<T>` from a list or a
/// single value.
///
/// ```
/// use ft_html::forms::{FieldValue, FromField};
/// assert_eq!(u8::from_field(&FieldValue::Text(" 42 ".into())), Some(42));
/// assert_eq!(u8::from_field(&FieldValue::Int(-1)), None);
/// assert_eq!(u8::from_field(&FieldValue::Float(255.0)), Some(255));
/// assert_eq!(u8::from_field(&FieldValue::Float(256.0)), None);
/// assert_eq!(u64::from_field(&FieldValue::Float(18446744073709551616.0)), None);
/// assert_eq!(bool::from_field(&FieldValue::Text("on".into())), Some(true));
/// assert_eq!(Option::<i32>::from_field(&FieldValue::Null), Some(None));
/// assert_eq!(i32::from_field(&FieldValue::Null), None);
/// assert_eq!(Vec::<u8>::from_field(&FieldValue::List(vec!["1".into(), "2".into()])), Some(vec![1, 2]));
/// ```
#[diagnostic::on_unimplemented(
    message = "a form field of type `{Self}` cannot be set from a form value",
    label = "no `FromField` for this type",
    note = "implement `FromField` for your type, or mark the field `#[form(skip)]`"
)]
pub trait FromField: Sized {
    /// The converted value, or `None`.
    fn from_field(v: &FieldValue<'_>) -> Option<Self>;
}

impl FromField for String {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        v.to_text().map(Cow::into_owned)
    }
}
impl FromField for Cow<'static, str> {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        v.to_text().map(|s| Cow::Owned(s.into_owned()))
    }
}
impl FromField for char {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        let t = v.to_text()?;
        let mut chars = t.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
}
impl FromField for bool {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        match v {
            FieldValue::Bool(b) => Some(*b),
            FieldValue::Int(_) | FieldValue::UInt(_) | FieldValue::Float(_) => Some(v.is_truthy()),
            FieldValue::Null => None,
            other => text_truth(&other.to_text()?),
        }
    }
}
macro_rules! int_from_field {
    ($($t:ty),*) => {$(
        impl FromField for $t {
            fn from_field(v: &FieldValue<'_>) -> Option<Self> {
                match v {
                    FieldValue::Int(n) => <$t>::try_from(*n).ok(),
                    FieldValue::UInt(n) => <$t>::try_from(*n).ok(),
                    FieldValue::Float(f) if f.fract() == 0.0 && f.is_finite() => {
                        // `as` saturates: refuse values out of range (MAX + 1 is a power of
                        // two, exact as a float).
                        let in_range = *f >= <$t>::MIN as f64 && *f < (<$t>::MAX as f64) + 1.0;
                        in_range.then(|| *f as $t)
                    }
                    FieldValue::Bool(_) | FieldValue::Null | FieldValue::Float(_) => None,
                    other => other.to_text()?.trim().parse().ok(),
                }
            }
        }
    )*};
}
int_from_field!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);
macro_rules! float_from_field {
    ($($t:ty),*) => {$(
        impl FromField for $t {
            fn from_field(v: &FieldValue<'_>) -> Option<Self> {
                match v {
                    FieldValue::Int(n) => Some(*n as $t),
                    FieldValue::UInt(n) => Some(*n as $t),
                    FieldValue::Float(f) => Some(*f as $t),
                    FieldValue::Bool(_) | FieldValue::Null => None,
                    other => other.to_text()?.trim().parse().ok(),
                }
            }
        }
    )*};
}
float_from_field!(f32, f64);
impl<T: FromField> FromField for Option<T> {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        match v {
            FieldValue::Null => Some(None),
            other => T::from_field(other).map(Some),
        }
    }
}
impl<T: FromField> FromField for Vec<T> {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        match v {
            FieldValue::Null => None,
            FieldValue::List(items) => items
                .iter()
                .map(|s| T::from_field(&FieldValue::Text(Cow::Borrowed(s))))
                .collect(),
            one => T::from_field(one).map(|x| vec![x]),
        }
    }
}
impl FromField for serde_json::Value {
    fn from_field(v: &FieldValue<'_>) -> Option<Self> {
        use serde_json::Value;
        Some(match v {
            FieldValue::Null => Value::Null,
            FieldValue::Bool(b) => Value::Bool(*b),
            FieldValue::Int(n) => Value::from(*n),
            FieldValue::UInt(n) => Value::from(*n),
            FieldValue::Float(f) => Value::from(*f),
            FieldValue::Text(s) => Value::String(s.to_string()),
            FieldValue::List(items) => {
                Value::Array(items.iter().map(|s| Value::String(s.to_string())).collect())
            }
        })
    }
}

/// A value whose fields can be set from a [`FormFields`] value: FastHTML's
/// `fill_dataclass` (SPEC 1.108). `#[derive(FormFields)]` implements it: each field that
/// `src` has and that converts ([`FromField`]) is set; the others are left as they are
/// (a `Null` sets an `Option` field to `None` and leaves other fields alone). Borrowed
/// fields (`&str`) are never set.
///
/// ```
/// use ft_html::prelude::*;
///
/// #[derive(FormFields, Default, Debug, PartialEq)]
/// struct T { a: i32, b: String, c: Option<u8> }
///
/// let mut d = T { c: Some(1), ..T::default() };
/// d.fill_from(&serde_json::json!({"a": "7", "b": "x", "c": null, "zzz": 1}));
/// assert_eq!(d, T { a: 7, b: "x".into(), c: None });
/// ```
pub trait FillFrom {
    /// Sets the fields `src` has; returns `self` for chaining.
    fn fill_from<F: FormFields + ?Sized>(&mut self, src: &F) -> &mut Self;
}

/// FastHTML's `fill_dataclass(src, dest)`: copies the fields of `src` onto `dest` and
/// returns `dest` (SPEC 1.108). See [`FillFrom`] for the rules; unlike FastHTML, `src` may
/// be any [`FormFields`] value (a map, JSON, another struct with the same field names).
///
/// ```
/// use ft_html::prelude::*;
///
/// #[derive(FormFields, Default, Debug)]
/// struct T { a: i32, b: String }
///
/// let mut d = T::default();
/// let r = fill_dataclass(&T { a: 1, b: "x".into() }, &mut d);
/// assert_eq!((r.a, r.b.as_str()), (1, "x"));
/// ```
pub fn fill_dataclass<'d, D: FillFrom + ?Sized>(
    src: &(impl FormFields + ?Sized),
    dest: &'d mut D,
) -> &'d mut D {
    dest.fill_from(src)
}

/// Fills the named inputs of a form from `obj` and returns the filled copy; `form` itself is
/// not changed (SPEC 1.102-1.107).
///
/// For every `<input>`, `<textarea>` and `<select>` with a `name` that `obj` has a non-null
/// value for, and without a `skip` attribute:
///
/// - text-like inputs (any type but checkbox and radio) get `value`;
/// - a `<textarea>` gets the value as its content (escaped when rendered);
/// - a checkbox is checked (`checked="1"`) or unchecked: by a `bool`; by a list, iff the
///   box's `value` (default `on`) is in it; by a scalar, iff it equals the box's `value`,
///   or, for a box without `value`, iff it is truthy ([`FieldValue::is_truthy`]);
/// - a radio button is checked iff its `value` equals the value (or is in a list);
/// - in a `<select>`, the `<option>`s (also inside `<optgroup>`s) whose value (the `value`
///   attribute, else their text) equals the value or is in the list get `selected="1"`,
///   and the others lose `selected`.
///
/// A list of several values does not fill text inputs or textareas (a list of one does).
///
/// Deliberate differences from FastHTML 0.14.14, which:
/// - changes the original form's inputs too (SPEC 1.106, a bug);
/// - checks a checkbox for any truthy value, even `"0"` for a box with `value="1"`;
/// - compares radio and option values with Python `==`, so the number `5` never matches
///   `value="5"` (here values compare as text);
/// - leaves a stale `selected` on options that no longer match, and ignores options inside
///   `<optgroup>` and options without a `value` attribute;
/// - writes a `bool` into a text input as a bare `value` (`true`) or nothing (`false`), and
///   a list as its Python repr (here: `value="true"`/`"false"`, and lists are left out).
///
/// `checked`/`selected` are written as `="1"` like FastHTML does: HTML treats any value of
/// a boolean attribute as present.
///
/// ```
/// use ft_html::prelude::*;
///
/// let f = TagForm!(
///     Input!(name = "email"),
///     Textarea!(name = "bio"),
///     Select!(Option!("A", value = "a", selected = true), Option!("B", value = "b"), name = "s"),
///     Input!(name = "keep", value = "as is"),
/// );
/// let data = serde_json::json!({"email": "a@b.c", "bio": "<hi>", "s": "b", "keep": null});
/// assert_eq!(
///     fill_form(&f, &data).render(),
///     r#"<form><input name="email" value="a@b.c"><textarea name="bio">&lt;hi&gt;</textarea><select name="s"><option value="a">A</option><option value="b" selected="1">B</option></select><input name="keep" value="as is"></form>"#
/// );
/// // the original is unchanged
/// assert_eq!(f.render(), r#"<form><input name="email"><textarea name="bio"></textarea><select name="s"><option value="a" selected>A</option><option value="b">B</option></select><input name="keep" value="as is"></form>"#);
/// ```
pub fn fill_form(form: &Ft, obj: &(impl FormFields + ?Sized)) -> Ft {
    let mut out = form.clone();
    out.walk_mut(&mut |node| {
        if let Ft::Element(el) = node {
            fill_element(el, obj);
        }
    });
    out
}

fn fill_element(el: &mut Element, obj: &(impl FormFields + ?Sized)) {
    let tag = el.tag();
    if !matches!(tag, "input" | "textarea" | "select") || el.get_str("skip").is_some() {
        return;
    }
    let Some(name) = el.get_str("name") else {
        return;
    };
    let Some(val) = obj.field(&name) else { return };
    if val == FieldValue::Null {
        return;
    }
    match el.tag() {
        "input" => {
            let ty = el.get_str("type").map(|t| t.to_ascii_lowercase());
            match ty.as_deref() {
                Some("checkbox") => {
                    let own = el.get_str("value").map(Cow::into_owned);
                    let on = match (&val, own) {
                        (FieldValue::Bool(b), _) => *b,
                        (FieldValue::List(items), own) => {
                            let own = own.unwrap_or_else(|| "on".to_owned());
                            items.iter().any(|i| *i == own)
                        }
                        (v, Some(own)) => v.contains(&own),
                        (v, None) => v.is_truthy(),
                    };
                    set_flag(el, "checked", on);
                }
                Some("radio") => {
                    let on = el.get_str("value").is_some_and(|own| val.contains(&own));
                    set_flag(el, "checked", on);
                }
                _ => {
                    let v = match &val {
                        FieldValue::Int(n) => Some(AttrValue::Int(*n)),
                        FieldValue::UInt(n) => Some(AttrValue::UInt(*n)),
                        FieldValue::Float(f) => Some(AttrValue::Float(*f)),
                        other => other
                            .to_text()
                            .map(|t| AttrValue::Text(Str::from(t.into_owned()))),
                    };
                    if let Some(v) = v {
                        el.put(Cow::Borrowed("value"), Some(v));
                    }
                }
            }
        }
        "textarea" => {
            if let Some(t) = val.to_text() {
                el.set_children(Ft::Text(Text::Str(Str::from(t.into_owned()))));
            }
        }
        _ => {
            if let Some(kids) = el_children_mut(el) {
                for k in kids {
                    select_options(k, &val);
                }
            }
        }
    }
}

/// The element children (only `Many` storage holds elements).
fn el_children_mut(el: &mut Element) -> Option<&mut Vec<Ft>> {
    if el.child_nodes().is_empty() {
        None
    } else {
        Some(el.children_mut())
    }
}

/// Marks `<option>`s (direct, in fragments, or in `<optgroup>`s) selected or not.
fn select_options(node: &mut Ft, val: &FieldValue<'_>) {
    match node {
        Ft::Element(el) if el.tag() == "option" => {
            let own = match el.get_str("value") {
                Some(v) => v.into_owned(),
                None => text_of(el),
            };
            set_flag(el, "selected", val.contains(&own));
        }
        Ft::Element(el) if el.tag() == "optgroup" => {
            if let Some(kids) = el_children_mut(el) {
                for k in kids {
                    select_options(k, val);
                }
            }
        }
        Ft::Fragment(items) => {
            for k in items {
                select_options(k, val);
            }
        }
        _ => {}
    }
}

/// The text content of an element (what an `<option>` without `value` submits; the browser
/// also strips and collapses whitespace).
fn text_of(el: &Element) -> String {
    fn push_text(nodes: &[Ft], out: &mut String) {
        for n in nodes {
            match n {
                Ft::Text(Text::Str(s)) => out.push_str(s),
                Ft::Text(Text::Char(c)) => out.push(*c),
                Ft::Text(t) => out.push_str(&Ft::Text(t.clone()).render()),
                Ft::Element(e) => push_text(&e.children(), out),
                Ft::Fragment(items) => push_text(items, out),
                Ft::Raw(_) | Ft::Ext(_) => {}
            }
        }
    }
    let mut out = String::new();
    push_text(&el.children(), &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets a boolean attribute the way FastHTML does (`="1"`), or removes it.
fn set_flag(el: &mut Element, name: &'static str, on: bool) {
    let v = on.then_some(AttrValue::Text(Str::from_static("1")));
    el.put(Cow::Borrowed(name), v);
}

/// FastHTML's `find_inputs(e, tags='input', **attrs)` (SPEC 1.109): every element in `ft`
/// (itself included, depth first) whose tag is one of `tags` and that has each of `attrs`
/// with exactly that value, as copies (an element's nested tag macros may be compiled, so the
/// matches are built when found). Attribute names are written like macro keywords (`hx_get`,
/// `cls`, `r#type` may be written `type`); values compare as text (`("required", "true")`
/// matches `required = true`).
///
/// ```
/// use ft_html::prelude::*;
///
/// let f = TagForm!(Input!(name = "a"), Div!(Input!(name = "b", r#type = "text"), Select!(name = "s")));
/// let names = |v: Vec<Ft>| v.iter().map(|e| e.render()).collect::<Vec<_>>();
/// assert_eq!(names(find_inputs(&f, &["input"], &[])), [r#"<input name="a">"#, r#"<input name="b" type="text">"#]);
/// assert_eq!(names(find_inputs(&f, &["input"], &[("type", "text")])), [r#"<input name="b" type="text">"#]);
/// assert_eq!(names(find_inputs(&f, &["select", "input"], &[("name", "s")])), [r#"<select name="s"></select>"#]);
/// ```
pub fn find_inputs(ft: &Ft, tags: &[&str], attrs: &[(&str, &str)]) -> Vec<Ft> {
    let attrs: Vec<(String, &str)> = attrs.iter().map(|(k, v)| (attr_name(k), *v)).collect();
    let mut found = Vec::new();
    collect(ft, tags, &attrs, &mut found);
    found
}

fn collect(ft: &Ft, tags: &[&str], attrs: &[(String, &str)], found: &mut Vec<Ft>) {
    if let Ft::Element(el) = ft
        && tags.contains(&el.tag())
        && attrs
            .iter()
            .all(|(k, v)| el.attrs().iter().any(|a| a.name == *k && a.value.is(v)))
    {
        found.push(ft.clone());
    }
    for k in ft.child_nodes().iter() {
        collect(k, tags, attrs, found);
    }
}
