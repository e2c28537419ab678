//! `FieldValue`: the value of one field, as the form helpers see it.

use crate::attr::AttrValue;
use std::borrow::Cow;

/// The value of one field, as [`fill_form`] and [`FillFrom`] see it.
///
/// ```
/// use ft_html::forms::{AsField, FieldValue};
/// assert_eq!(5u8.as_field(), FieldValue::UInt(5));
/// assert_eq!("x".as_field(), FieldValue::Text("x".into()));
/// assert_eq!(vec![1, 2].as_field(), FieldValue::List(vec!["1".into(), "2".into()]));
/// assert_eq!(None::<String>.as_field(), FieldValue::Null);
/// ```
///
/// [`fill_form`]: super::fill_form
/// [`FillFrom`]: super::FillFrom
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue<'a> {
    /// No value (`None`, JSON `null`): [`fill_form`] leaves the input as it is.
    ///
    /// [`fill_form`]: super::fill_form
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
pub(super) fn text_truth(s: &str) -> Option<bool> {
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

/// Appends a value's items to a list (scalars as their text; `Null` adds nothing).
pub(super) fn push_items<'a>(items: &mut Vec<Cow<'a, str>>, v: FieldValue<'a>) {
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
