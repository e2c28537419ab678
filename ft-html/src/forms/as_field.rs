//! `AsField`: a type that can be one field of a `FormFields` value.

use super::FieldValue;
use super::value::push_items;
use std::borrow::Cow;

/// A value that can be one field of a [`FormFields`] value: what `#[derive(FormFields)]`
/// needs of each field type.
///
/// ```
/// use ft_html::forms::{AsField, FieldValue};
/// assert_eq!(Some(true).as_field(), FieldValue::Bool(true));
/// assert_eq!(serde_json::json!(["a", 1]).as_field(), FieldValue::List(vec!["a".into(), "1".into()]));
/// ```
///
/// [`FormFields`]: super::FormFields
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
