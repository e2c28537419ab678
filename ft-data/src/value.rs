//! SQL values, column types, and the conversions between them and Rust field types.

use crate::{Error, Result};

/// One SQL value, as bound to a statement or read from a row.
///
/// Values are always sent to the database as bound parameters, never spliced into SQL text.
///
/// ```
/// use ft_data::Value;
/// assert_eq!(Value::from(3), Value::Integer(3));
/// assert_eq!(Value::from("a"), Value::Text("a".into()));
/// assert_eq!(Value::from(None::<i64>), Value::Null);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Integer(i64),
    /// A double.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes (BLOB / BYTEA).
    Blob(Vec<u8>),
    /// A boolean (stored as 0/1 on SQLite, BOOLEAN on PostgreSQL).
    Bool(bool),
}

impl Value {
    /// Is this SQL NULL?
    ///
    /// ```
    /// assert!(ft_data::Value::Null.is_null());
    /// ```
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as a JSON value (bytes become an array of numbers).
    ///
    /// ```
    /// use ft_data::Value;
    /// assert_eq!(Value::Integer(2).to_json(), serde_json::json!(2));
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Integer(i) => J::from(*i),
            Value::Real(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Text(s) => J::String(s.clone()),
            Value::Blob(b) => J::Array(b.iter().map(|x| J::from(*x)).collect()),
            Value::Bool(b) => J::Bool(*b),
        }
    }

    /// A value from JSON: numbers, strings, booleans and null map directly; arrays and objects
    /// are stored as their JSON text.
    ///
    /// ```
    /// use ft_data::Value;
    /// assert_eq!(Value::from_json(&serde_json::json!("x")), Value::Text("x".into()));
    /// assert_eq!(Value::from_json(&serde_json::json!([1])), Value::Text("[1]".into()));
    /// ```
    pub fn from_json(v: &serde_json::Value) -> Value {
        use serde_json::Value as J;
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Real(n.as_f64().unwrap_or(f64::NAN)),
            },
            J::String(s) => Value::Text(s.clone()),
            other => Value::Text(other.to_string()),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "NULL",
            Value::Integer(_) => "an integer",
            Value::Real(_) => "a float",
            Value::Text(_) => "text",
            Value::Blob(_) => "bytes",
            Value::Bool(_) => "a boolean",
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value { Value::Integer(i64::from(v)) }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Real(v)
    }
}
impl From<f32> for Value {
    fn from(v: f32) -> Value {
        Value::Real(f64::from(v))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Value {
        Value::Text(v.clone())
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Blob(v)
    }
}
impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Value {
        Value::Blob(v.to_vec())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}
impl From<&Value> for Value {
    fn from(v: &Value) -> Value {
        v.clone()
    }
}

/// The SQL type of a column. ft-data creates the same logical types on both backends.
///
/// | `SqlType` | SQLite | PostgreSQL | Rust fields |
/// |---|---|---|---|
/// | `Integer` | `INTEGER` | `BIGINT` | `i64`, `i32`, `i16`, `i8`, `u8`, `u16`, `u32` |
/// | `Real` | `FLOAT` | `DOUBLE PRECISION` | `f64`, `f32` |
/// | `Text` | `TEXT` | `TEXT` | `String`, dates, `#[table(as_text)]`, `#[table(json)]` |
/// | `Bool` | `BOOLEAN` (stores 0/1) | `BOOLEAN` | `bool` |
/// | `Blob` | `BLOB` | `BYTEA` | `Vec<u8>` |
///
/// ```
/// assert_eq!(ft_data::SqlType::Integer.sqlite_name(), "INTEGER");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlType {
    /// Whole numbers.
    Integer,
    /// Floating point.
    Real,
    /// Text.
    Text,
    /// Booleans.
    Bool,
    /// Bytes.
    Blob,
}

impl SqlType {
    /// The type name ft-data uses in SQLite DDL.
    ///
    /// ```
    /// assert_eq!(ft_data::SqlType::Bool.sqlite_name(), "BOOLEAN");
    /// ```
    pub fn sqlite_name(self) -> &'static str {
        match self {
            SqlType::Integer => "INTEGER",
            SqlType::Real => "FLOAT",
            SqlType::Text => "TEXT",
            SqlType::Bool => "BOOLEAN",
            SqlType::Blob => "BLOB",
        }
    }

    /// The type name ft-data uses in PostgreSQL DDL.
    ///
    /// ```
    /// assert_eq!(ft_data::SqlType::Integer.postgres_name(), "BIGINT");
    /// ```
    pub fn postgres_name(self) -> &'static str {
        match self {
            SqlType::Integer => "BIGINT",
            SqlType::Real => "DOUBLE PRECISION",
            SqlType::Text => "TEXT",
            SqlType::Bool => "BOOLEAN",
            SqlType::Blob => "BYTEA",
        }
    }

    /// The type a declared column type name stands for (SQLite affinity rules, PostgreSQL
    /// names); unknown names are `Text`.
    ///
    /// ```
    /// use ft_data::SqlType;
    /// assert_eq!(SqlType::from_decl("bigint"), SqlType::Integer);
    /// assert_eq!(SqlType::from_decl("BOOLEAN"), SqlType::Bool);
    /// ```
    pub fn from_decl(decl: &str) -> SqlType {
        let d = decl.to_ascii_uppercase();
        if d.starts_with("BOOL") {
            SqlType::Bool
        } else if d.contains("INT") {
            SqlType::Integer
        } else if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") {
            SqlType::Text
        } else if d.contains("BLOB") || d.contains("BYTEA") || d.is_empty() {
            if d.is_empty() {
                SqlType::Text
            } else {
                SqlType::Blob
            }
        } else if d.contains("REAL")
            || d.contains("FLOA")
            || d.contains("DOUB")
            || d.contains("NUMERIC")
            || d.contains("DECIMAL")
        {
            SqlType::Real
        } else {
            SqlType::Text
        }
    }

    /// The SQL literal used as the default of a NOT NULL column of this type.
    pub(crate) fn zero_default(self, d: crate::Dialect) -> &'static str {
        match self {
            SqlType::Blob if d == crate::Dialect::Postgres => "''",
            SqlType::Integer => "0",
            SqlType::Real => "0",
            SqlType::Text => "''",
            SqlType::Bool => "FALSE",
            SqlType::Blob => "X''",
        }
    }

    /// A value read from a column declared with this type (SQLite keeps booleans as 0/1).
    pub(crate) fn coerce_read(self, v: Value) -> Value {
        match (self, v) {
            (SqlType::Bool, Value::Integer(i)) => Value::Bool(i != 0),
            (_, v) => v,
        }
    }

    /// Coerce a value to this column type where the conversion is lossless (`"1"` for an
    /// integer column, `1` for a boolean one): SQLite's type affinity, done the same way on both
    /// backends.
    pub(crate) fn coerce(self, v: Value) -> Value {
        match (self, v) {
            (SqlType::Integer, Value::Text(s)) => match s.trim().parse::<i64>() {
                Ok(i) => Value::Integer(i),
                Err(_) => Value::Text(s),
            },
            (SqlType::Integer, Value::Bool(b)) => Value::Integer(i64::from(b)),
            (SqlType::Real, Value::Integer(i)) => Value::Real(i as f64),
            (SqlType::Real, Value::Text(s)) => match s.trim().parse::<f64>() {
                Ok(f) => Value::Real(f),
                Err(_) => Value::Text(s),
            },
            (SqlType::Bool, Value::Integer(i)) if i == 0 || i == 1 => Value::Bool(i == 1),
            (SqlType::Text, Value::Integer(i)) => Value::Text(i.to_string()),
            (SqlType::Text, Value::Real(f)) => Value::Text(f.to_string()),
            (_, v) => v,
        }
    }
}

/// A Rust type that can be a table column: how it is stored and read back.
///
/// Implemented for the integer types up to `u32`, `i64`, `f64`, `f32`, `bool`, `String`,
/// `Vec<u8>`, `Option<T>`, `serde_json::Value`, and with the `chrono` feature `NaiveDate`,
/// `NaiveDateTime` and `DateTime<Utc>` (stored as ISO-8601 text, so they sort correctly).
/// Other types use `#[table(as_text)]` (via `Display`/`FromStr`, e.g. enums) or
/// `#[table(json)]` (via serde), or implement this trait.
///
/// ```
/// use ft_data::{SqlField, SqlType, Value};
/// #[derive(Debug, PartialEq)]
/// enum Color { Red, Blue }
/// impl SqlField for Color {
///     const SQL_TYPE: SqlType = SqlType::Text;
///     fn to_value(&self) -> Value {
///         Value::Text(match self { Color::Red => "r", Color::Blue => "b" }.into())
///     }
///     fn from_value(v: Value) -> Result<Self, String> {
///         match v {
///             Value::Text(s) if s == "r" => Ok(Color::Red),
///             Value::Text(s) if s == "b" => Ok(Color::Blue),
///             other => Err(format!("not a color: {other:?}")),
///         }
///     }
/// }
/// assert_eq!(Color::from_value(Color::Blue.to_value()), Ok(Color::Blue));
/// ```
pub trait SqlField: Sized {
    /// The column type.
    const SQL_TYPE: SqlType;
    /// Whether the column accepts NULL (true for `Option<T>`).
    const NULLABLE: bool = false;
    /// Whether a NOT NULL column of this type gets the type's zero as its DEFAULT (so that
    /// adding the column to a table with rows works, and old rows read back). False for types
    /// that have no zero value, such as dates.
    const ZERO_DEFAULT: bool = true;
    /// The value to store.
    fn to_value(&self) -> Value;
    /// The field from a stored value; the error message names what was wrong.
    fn from_value(v: Value) -> std::result::Result<Self, String>;
}

fn mismatch(want: &str, v: &Value) -> String {
    format!("expected {want}, found {}", v.kind())
}

macro_rules! int_field {
    ($($t:ty),*) => {$(
        impl SqlField for $t {
            const SQL_TYPE: SqlType = SqlType::Integer;
            fn to_value(&self) -> Value { Value::Integer(i64::from(*self)) }
            fn from_value(v: Value) -> std::result::Result<Self, String> {
                match v {
                    Value::Integer(i) => <$t>::try_from(i).map_err(|_| format!("{i} is out of range for {}", stringify!($t))),
                    Value::Bool(b) => Ok(<$t>::from(b)),
                    Value::Text(ref s) => s.trim().parse::<$t>().map_err(|_| mismatch("an integer", &v)),
                    other => Err(mismatch("an integer", &other)),
                }
            }
        }
    )*};
}
int_field!(i8, i16, i32, i64, u8, u16, u32);

impl SqlField for f64 {
    const SQL_TYPE: SqlType = SqlType::Real;
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Real(f) => Ok(f),
            Value::Integer(i) => Ok(i as f64),
            other => Err(mismatch("a float", &other)),
        }
    }
}

impl SqlField for f32 {
    const SQL_TYPE: SqlType = SqlType::Real;
    fn to_value(&self) -> Value {
        Value::Real(f64::from(*self))
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        f64::from_value(v).map(|f| f as f32)
    }
}

impl SqlField for bool {
    const SQL_TYPE: SqlType = SqlType::Bool;
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Bool(b) => Ok(b),
            Value::Integer(0) => Ok(false),
            Value::Integer(1) => Ok(true),
            other => Err(mismatch("a boolean", &other)),
        }
    }
}

impl SqlField for String {
    const SQL_TYPE: SqlType = SqlType::Text;
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s),
            Value::Integer(i) => Ok(i.to_string()),
            Value::Real(f) => Ok(f.to_string()),
            other => Err(mismatch("text", &other)),
        }
    }
}

impl SqlField for Vec<u8> {
    const SQL_TYPE: SqlType = SqlType::Blob;
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b),
            Value::Text(s) => Ok(s.into_bytes()),
            other => Err(mismatch("bytes", &other)),
        }
    }
}

impl SqlField for serde_json::Value {
    const SQL_TYPE: SqlType = SqlType::Text;
    const ZERO_DEFAULT: bool = false;
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => serde_json::from_str(&s).map_err(|e| e.to_string()),
            other => Err(mismatch("JSON text", &other)),
        }
    }
}

impl<T: SqlField> SqlField for Option<T> {
    const SQL_TYPE: SqlType = T::SQL_TYPE;
    const NULLABLE: bool = true;
    const ZERO_DEFAULT: bool = false;
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_value)
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

#[cfg(feature = "chrono")]
mod chrono_fields {
    use super::*;
    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

    fn text(v: Value) -> std::result::Result<String, String> {
        match v {
            Value::Text(s) => Ok(s),
            other => Err(mismatch("a date as text", &other)),
        }
    }

    impl SqlField for NaiveDate {
        const SQL_TYPE: SqlType = SqlType::Text;
        const ZERO_DEFAULT: bool = false;
        fn to_value(&self) -> Value {
            Value::Text(self.format("%Y-%m-%d").to_string())
        }
        fn from_value(v: Value) -> std::result::Result<Self, String> {
            let s = text(v)?;
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| format!("{s:?}: {e}"))
        }
    }

    impl SqlField for NaiveDateTime {
        const SQL_TYPE: SqlType = SqlType::Text;
        const ZERO_DEFAULT: bool = false;
        fn to_value(&self) -> Value {
            Value::Text(self.format("%Y-%m-%dT%H:%M:%S%.f").to_string())
        }
        fn from_value(v: Value) -> std::result::Result<Self, String> {
            let s = text(v)?;
            NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S%.f")
                .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S%.f"))
                .map_err(|e| format!("{s:?}: {e}"))
        }
    }

    impl SqlField for DateTime<Utc> {
        const SQL_TYPE: SqlType = SqlType::Text;
        const ZERO_DEFAULT: bool = false;
        fn to_value(&self) -> Value {
            Value::Text(self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        }
        fn from_value(v: Value) -> std::result::Result<Self, String> {
            let s = text(v)?;
            DateTime::parse_from_rfc3339(&s)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|e| format!("{s:?}: {e}"))
        }
    }
}

/// Support for `#[table(as_text)]` fields: stored with `Display`, read with `FromStr`.
#[doc(hidden)]
pub fn text_to_value<T: std::fmt::Display>(v: &T) -> Value {
    Value::Text(v.to_string())
}

/// Support for `#[table(as_text)]` fields.
#[doc(hidden)]
pub fn text_from_value<T: std::str::FromStr>(v: Value) -> std::result::Result<T, String>
where
    T::Err: std::fmt::Display,
{
    match v {
        Value::Text(s) => s.parse::<T>().map_err(|e| format!("{s:?}: {e}")),
        Value::Integer(i) => i.to_string().parse::<T>().map_err(|e| format!("{i}: {e}")),
        other => Err(mismatch("text", &other)),
    }
}

/// Support for `Option<_>` `#[table(as_text)]` fields.
#[doc(hidden)]
pub fn opt_text_to_value<T: std::fmt::Display>(v: &Option<T>) -> Value {
    v.as_ref().map_or(Value::Null, text_to_value)
}

/// Support for `Option<_>` `#[table(as_text)]` fields.
#[doc(hidden)]
pub fn opt_text_from_value<T: std::str::FromStr>(v: Value) -> std::result::Result<Option<T>, String>
where
    T::Err: std::fmt::Display,
{
    match v {
        Value::Null => Ok(None),
        v => text_from_value(v).map(Some),
    }
}

/// Support for `#[table(json)]` fields: stored as JSON text.
#[doc(hidden)]
pub fn json_to_value<T: serde::Serialize>(v: &T) -> Value {
    match serde_json::to_string(v) {
        Ok(s) => Value::Text(s),
        Err(_) => Value::Null,
    }
}

/// Support for `#[table(json)]` fields.
#[doc(hidden)]
pub fn json_from_value<T: serde::de::DeserializeOwned>(v: Value) -> std::result::Result<T, String> {
    match v {
        Value::Text(s) => serde_json::from_str(&s).map_err(|e| e.to_string()),
        Value::Null => serde_json::from_str("null").map_err(|e| e.to_string()),
        other => Err(mismatch("JSON text", &other)),
    }
}

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

pub(crate) fn conversion(column: &str, message: String) -> Error {
    Error::Conversion {
        column: column.to_owned(),
        message,
    }
}

/// Read field `idx` of a row into a field type (used by `#[derive(Record)]`).
#[doc(hidden)]
pub fn decode<T: SqlField>(r: &mut dyn crate::RowAccess, idx: usize, column: &str) -> Result<T> {
    let v = r.take(idx)?;
    T::from_value(v).map_err(|m| conversion(column, m))
}

/// Read field `idx` with a custom conversion (used by `#[derive(Record)]`).
#[doc(hidden)]
pub fn decode_with<T>(
    r: &mut dyn crate::RowAccess,
    idx: usize,
    column: &str,
    f: fn(Value) -> std::result::Result<T, String>,
) -> Result<T> {
    let v = r.take(idx)?;
    f(v).map_err(|m| conversion(column, m))
}
