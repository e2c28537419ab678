//! `FromField`: a type a field can be set from, converting a `FieldValue`.

use super::FieldValue;
use super::value::text_truth;
use std::borrow::Cow;

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
///
/// [`FillFrom`]: super::FillFrom
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
int_from_field!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);
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
