//! Primary-key values and bound parameters.

use crate::Value;

/// A primary-key value: one [`Value`] per pk column. Built from a scalar (`3`, `"Alma"`) or,
/// for compound keys, a tuple (`("Alma", 2019)`).
///
/// ```
/// use ft_data::{Key, Value};
/// assert_eq!(Key::from(("Alma", 2019)).values(), &[Value::from("Alma"), Value::from(2019)]);
/// ```
#[derive(Clone, PartialEq)]
pub struct Key(Vals);

/// A single-column key (the common case) is kept without a heap allocation.
#[derive(Clone, PartialEq)]
enum Vals {
    One(Value),
    Many(Vec<Value>),
}

impl Key {
    /// The key's values, in pk column order.
    ///
    /// ```
    /// assert_eq!(ft_data::Key::from(1).values().len(), 1);
    /// ```
    pub fn values(&self) -> &[Value] {
        match &self.0 {
            Vals::One(v) => std::slice::from_ref(v),
            Vals::Many(v) => v,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.values().len()
    }

    pub(crate) fn into_values(self) -> impl Iterator<Item = Value> {
        let (one, many) = match self.0 {
            Vals::One(v) => (Some(v), Vec::new()),
            Vals::Many(v) => (None, v),
        };
        one.into_iter().chain(many)
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Key").field(&self.values()).finish()
    }
}

macro_rules! key_scalar {
    ($($t:ty),*) => {$(
        impl From<$t> for Key {
            fn from(v: $t) -> Key { Key(Vals::One(Value::from(v))) }
        }
    )*};
}
key_scalar!(
    i8, i16, i32, i64, u8, u16, u32, &str, String, &String, bool, Value
);

impl From<Vec<Value>> for Key {
    fn from(mut v: Vec<Value>) -> Key {
        match v.len() {
            1 => Key(Vals::One(v.remove(0))),
            _ => Key(Vals::Many(v)),
        }
    }
}
impl<A: Into<Value>, B: Into<Value>> From<(A, B)> for Key {
    fn from((a, b): (A, B)) -> Key {
        Key(Vals::Many(vec![a.into(), b.into()]))
    }
}
impl<A: Into<Value>, B: Into<Value>, C: Into<Value>> From<(A, B, C)> for Key {
    fn from((a, b, c): (A, B, C)) -> Key {
        Key(Vals::Many(vec![a.into(), b.into(), c.into()]))
    }
}

/// Bound parameters for a `where` clause, from `params![..]`, an array, a `Vec`, or `()`.
///
/// ```
/// use ft_data::{params, Params};
/// let p: Params = params!["Alma", 2019].into();
/// assert_eq!(p.0.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(pub Vec<Value>);

impl From<()> for Params {
    fn from(_: ()) -> Params {
        Params(Vec::new())
    }
}
impl<T: Into<Value>> From<Vec<T>> for Params {
    fn from(v: Vec<T>) -> Params {
        Params(v.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Value>, const N: usize> From<[T; N]> for Params {
    fn from(v: [T; N]) -> Params {
        Params(v.into_iter().map(Into::into).collect())
    }
}

/// Build a `Vec<Value>` of mixed types for a `where` clause or a raw query.
///
/// ```
/// let p = ft_data::params!["Alma", 2019, true];
/// assert_eq!(p.len(), 3);
/// ```
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => {
        ::std::vec![$($crate::Value::from($v)),*]
    };
}
