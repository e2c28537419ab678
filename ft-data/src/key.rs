//! Primary-key values and bound parameters.

use crate::Value;

/// A primary-key value: one [`Value`] per pk column. Built from a scalar (`3`, `"Alma"`) or,
/// for compound keys, a tuple (`("Alma", 2019)`).
///
/// ```
/// use ft_data::{Key, Value};
/// assert_eq!(Key::from(("Alma", 2019)).values(), &[Value::from("Alma"), Value::from(2019)]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Key(pub(crate) Vec<Value>);

impl Key {
    /// The key's values, in pk column order.
    ///
    /// ```
    /// assert_eq!(ft_data::Key::from(1).values().len(), 1);
    /// ```
    pub fn values(&self) -> &[Value] {
        &self.0
    }
}

macro_rules! key_scalar {
    ($($t:ty),*) => {$(
        impl From<$t> for Key {
            fn from(v: $t) -> Key { Key(vec![Value::from(v)]) }
        }
    )*};
}
key_scalar!(
    i8, i16, i32, i64, u8, u16, u32, &str, String, &String, bool, Value
);

impl From<Vec<Value>> for Key {
    fn from(v: Vec<Value>) -> Key {
        Key(v)
    }
}
impl<A: Into<Value>, B: Into<Value>> From<(A, B)> for Key {
    fn from((a, b): (A, B)) -> Key {
        Key(vec![a.into(), b.into()])
    }
}
impl<A: Into<Value>, B: Into<Value>, C: Into<Value>> From<(A, B, C)> for Key {
    fn from((a, b, c): (A, B, C)) -> Key {
        Key(vec![a.into(), b.into(), c.into()])
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
