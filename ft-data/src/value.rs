//! SQL values (owned and borrowed) and column types.

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
        self.borrowed().to_json()
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

    /// The value, borrowed.
    ///
    /// ```
    /// use ft_data::{Value, ValueRef};
    /// assert_eq!(Value::from("a").borrowed(), ValueRef::Text("a"));
    /// ```
    pub fn borrowed(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s),
            Value::Blob(b) => ValueRef::Blob(b),
            Value::Bool(b) => ValueRef::Bool(*b),
        }
    }
}

/// A column of a fetched row, borrowed from the database's buffer: rows are decoded from these
/// without copying values twice (text is copied once, into the field).
///
/// ```
/// use ft_data::{Value, ValueRef};
/// assert_eq!(ValueRef::Text("x").to_value(), Value::Text("x".into()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Integer(i64),
    /// A double.
    Real(f64),
    /// Text.
    Text(&'a str),
    /// Bytes.
    Blob(&'a [u8]),
    /// A boolean (PostgreSQL; SQLite stores 0/1 integers).
    Bool(bool),
}

impl ValueRef<'_> {
    /// An owned copy.
    ///
    /// ```
    /// assert!(ft_data::ValueRef::Null.to_value().is_null());
    /// ```
    pub fn to_value(self) -> Value {
        match self {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            ValueRef::Bool(b) => Value::Bool(b),
        }
    }

    /// The value as JSON, as [`Value::to_json`] gives it.
    ///
    /// ```
    /// assert_eq!(ft_data::ValueRef::Bool(true).to_json(), serde_json::json!(true));
    /// ```
    pub fn to_json(self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            ValueRef::Text(s) => J::String(s.to_owned()),
            ValueRef::Blob(b) => J::Array(b.iter().map(|x| J::from(*x)).collect()),
            ValueRef::Null => J::Null,
            ValueRef::Integer(i) => J::from(i),
            ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
            ValueRef::Bool(b) => J::Bool(b),
        }
    }

    pub(crate) fn kind(self) -> &'static str {
        match self {
            ValueRef::Null => "NULL",
            ValueRef::Integer(_) => "an integer",
            ValueRef::Real(_) => "a float",
            ValueRef::Text(_) => "text",
            ValueRef::Blob(_) => "bytes",
            ValueRef::Bool(_) => "a boolean",
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
    pub(crate) fn coerce_read(self, v: ValueRef<'_>) -> ValueRef<'_> {
        match (self, v) {
            (SqlType::Bool, ValueRef::Integer(i)) => ValueRef::Bool(i != 0),
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
