//! Rust field types as table columns: how each is stored ([`SqlField::to_value`]) and read
//! back from a row ([`SqlField::from_value_ref`], straight from the borrowed column).

use crate::{Error, ReadRow, Result, SqlType, Value, ValueRef};

/// A Rust type that can be a table column: how it is stored and read back.
///
/// Implemented for the integer types up to `u32`, `i64`, `f64`, `f32`, `bool`, `String`,
/// `Vec<u8>`, `Option<T>`, `serde_json::Value`, and with the `chrono` feature `NaiveDate`,
/// `NaiveDateTime` and `DateTime<Utc>` (stored as ISO-8601 text, so they sort correctly).
/// Other types use `#[table(as_text)]` (via `Display`/`FromStr`, e.g. enums) or
/// `#[table(json)]` (via serde), or implement this trait.
///
/// Rows are read through [`SqlField::from_value_ref`], which sees the column borrowed from the
/// database row; its default copies the column into a [`Value`] and calls
/// [`SqlField::from_value`], so an implementation only needs `from_value`.
///
/// ```
/// use ft_data::{SqlField, SqlType, Value, ValueRef};
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
/// assert_eq!(Color::from_value_ref(ValueRef::Text("r")), Ok(Color::Red));
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
    /// The field from a column borrowed from a fetched row (how rows are read). The default
    /// copies it into a [`Value`] for [`SqlField::from_value`]; the built-in types read it in
    /// place.
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        Self::from_value(v.to_value())
    }
}

#[cold]
fn mismatch(want: &str, v: ValueRef<'_>) -> String {
    format!("expected {want}, found {}", v.kind())
}

macro_rules! int_field {
    ($($t:ty),*) => {$(
        impl SqlField for $t {
            const SQL_TYPE: SqlType = SqlType::Integer;
            fn to_value(&self) -> Value { Value::Integer(i64::from(*self)) }
            fn from_value(v: Value) -> std::result::Result<Self, String> {
                Self::from_value_ref(v.borrowed())
            }
            #[inline]
            fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
                match v {
                    ValueRef::Integer(i) => <$t>::try_from(i)
                        .map_err(|_| format!("{i} is out of range for {}", stringify!($t))),
                    ValueRef::Bool(b) => Ok(<$t>::from(b)),
                    ValueRef::Text(s) => s.trim().parse::<$t>().map_err(|_| mismatch("an integer", v)),
                    other => Err(mismatch("an integer", other)),
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
        Self::from_value_ref(v.borrowed())
    }
    #[inline]
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(mismatch("a float", other)),
        }
    }
}

impl SqlField for f32 {
    const SQL_TYPE: SqlType = SqlType::Real;
    fn to_value(&self) -> Value {
        Value::Real(f64::from(*self))
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        Self::from_value_ref(v.borrowed())
    }
    #[inline]
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        f64::from_value_ref(v).map(|f| f as f32)
    }
}

impl SqlField for bool {
    const SQL_TYPE: SqlType = SqlType::Bool;
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        Self::from_value_ref(v.borrowed())
    }
    #[inline]
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Bool(b) => Ok(b),
            ValueRef::Integer(0) => Ok(false),
            ValueRef::Integer(1) => Ok(true),
            other => Err(mismatch("a boolean", other)),
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
            other => Self::from_value_ref(other.borrowed()),
        }
    }
    #[inline]
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Text(s) => Ok(s.to_owned()),
            ValueRef::Integer(i) => Ok(i.to_string()),
            ValueRef::Real(f) => Ok(f.to_string()),
            other => Err(mismatch("text", other)),
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
            other => Err(mismatch("bytes", other.borrowed())),
        }
    }
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            ValueRef::Text(s) => Ok(s.as_bytes().to_vec()),
            other => Err(mismatch("bytes", other)),
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
        Self::from_value_ref(v.borrowed())
    }
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Text(s) => serde_json::from_str(s).map_err(|e| e.to_string()),
            other => Err(mismatch("JSON text", other)),
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
    #[inline]
    fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_value_ref(v).map(Some),
        }
    }
}

#[cfg(feature = "chrono")]
mod chrono_fields {
    use super::*;
    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

    fn text(v: ValueRef<'_>) -> std::result::Result<&str, String> {
        match v {
            ValueRef::Text(s) => Ok(s),
            other => Err(mismatch("a date as text", other)),
        }
    }

    impl SqlField for NaiveDate {
        const SQL_TYPE: SqlType = SqlType::Text;
        const ZERO_DEFAULT: bool = false;
        fn to_value(&self) -> Value {
            Value::Text(self.format("%Y-%m-%d").to_string())
        }
        fn from_value(v: Value) -> std::result::Result<Self, String> {
            Self::from_value_ref(v.borrowed())
        }
        fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
            let s = text(v)?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s:?}: {e}"))
        }
    }

    impl SqlField for NaiveDateTime {
        const SQL_TYPE: SqlType = SqlType::Text;
        const ZERO_DEFAULT: bool = false;
        fn to_value(&self) -> Value {
            Value::Text(self.format("%Y-%m-%dT%H:%M:%S%.f").to_string())
        }
        fn from_value(v: Value) -> std::result::Result<Self, String> {
            Self::from_value_ref(v.borrowed())
        }
        fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
            let s = text(v)?;
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"))
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
            Self::from_value_ref(v.borrowed())
        }
        fn from_value_ref(v: ValueRef<'_>) -> std::result::Result<Self, String> {
            let s = text(v)?;
            DateTime::parse_from_rfc3339(s)
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
pub fn text_from_value<T: std::str::FromStr>(v: ValueRef<'_>) -> std::result::Result<T, String>
where
    T::Err: std::fmt::Display,
{
    match v {
        ValueRef::Text(s) => s.parse::<T>().map_err(|e| format!("{s:?}: {e}")),
        ValueRef::Integer(i) => i.to_string().parse::<T>().map_err(|e| format!("{i}: {e}")),
        other => Err(mismatch("text", other)),
    }
}

/// Support for `Option<_>` `#[table(as_text)]` fields.
#[doc(hidden)]
pub fn opt_text_to_value<T: std::fmt::Display>(v: &Option<T>) -> Value {
    v.as_ref().map_or(Value::Null, text_to_value)
}

/// Support for `Option<_>` `#[table(as_text)]` fields.
#[doc(hidden)]
pub fn opt_text_from_value<T: std::str::FromStr>(
    v: ValueRef<'_>,
) -> std::result::Result<Option<T>, String>
where
    T::Err: std::fmt::Display,
{
    match v {
        ValueRef::Null => Ok(None),
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
pub fn json_from_value<T: serde::de::DeserializeOwned>(
    v: ValueRef<'_>,
) -> std::result::Result<T, String> {
    match v {
        ValueRef::Text(s) => serde_json::from_str(s).map_err(|e| e.to_string()),
        ValueRef::Null => serde_json::from_str("null").map_err(|e| e.to_string()),
        other => Err(mismatch("JSON text", other)),
    }
}

#[cold]
pub(crate) fn conversion(column: &str, message: String) -> Error {
    Error::Conversion {
        column: column.to_owned(),
        message,
    }
}

/// Read column `idx` of a row into a field (what `#[derive(Record)]` generates per field).
#[doc(hidden)]
#[inline(always)]
pub fn read_field<T: SqlField, R: ReadRow + ?Sized>(
    row: &R,
    idx: usize,
    column: &'static str,
) -> Result<T> {
    match T::from_value_ref(row.value_ref(idx)?) {
        Ok(v) => Ok(v),
        Err(m) => Err(conversion(column, m)),
    }
}

/// Read column `idx` with a custom conversion (`#[table(as_text)]`, `#[table(json)]`).
#[doc(hidden)]
#[inline]
pub fn read_field_with<T, R: ReadRow + ?Sized>(
    row: &R,
    idx: usize,
    column: &'static str,
    f: fn(ValueRef<'_>) -> std::result::Result<T, String>,
) -> Result<T> {
    match f(row.value_ref(idx)?) {
        Ok(v) => Ok(v),
        Err(m) => Err(conversion(column, m)),
    }
}
