//! `FormFields`: a value whose fields can be read by name (maps, JSON, pair lists, derived
//! structs).

use super::value::push_items;
use super::{AsField, FieldValue};
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

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
///
/// [`fill_form`]: super::fill_form
pub trait FormFields {
    /// The field called `name`, or `None` when there is no such field.
    fn field(&self, name: &str) -> Option<FieldValue<'_>>;
    /// The validation messages to show beside the fields, when this value is a failed
    /// submission ([`FieldErrors`](crate::values::FieldErrors)); `None` for plain values.
    fn errors(&self) -> Option<&crate::values::FieldErrors> {
        None
    }
}

impl<T: FormFields + ?Sized> FormFields for &T {
    fn field(&self, name: &str) -> Option<FieldValue<'_>> {
        (**self).field(name)
    }
    fn errors(&self) -> Option<&crate::values::FieldErrors> {
        (**self).errors()
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
