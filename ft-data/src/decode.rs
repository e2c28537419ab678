//! Row decoders: what each fetched row becomes. They are generic over the backend's row type
//! (no `dyn` call per row or per value), so a typed row goes straight from the database's
//! buffer into the struct's fields.

use crate::schema::Shifted;
use crate::{Error, Key, ReadRow, Record, Result, RowType, Schema, SqlType, Value, ValueRef};
use std::marker::PhantomData;
use std::sync::Arc;

pub(crate) trait Decode: Send + Sync + 'static {
    type Out: Send + 'static;
    fn decode<R: ReadRow + ?Sized>(&self, row: &R) -> Result<Self::Out>;
}

/// Where decoded rows go: every row into a `Vec`, or the first into an `Option` (a lookup by
/// key needs no `Vec`).
pub(crate) trait Collect<T>: Send + 'static {
    fn with_capacity(n: usize) -> Self;
    /// Keep a row; `false` when no more are wanted.
    fn push(&mut self, row: T) -> bool;
}

impl<T: Send + 'static> Collect<T> for Vec<T> {
    fn with_capacity(n: usize) -> Self {
        Vec::with_capacity(n)
    }
    fn push(&mut self, row: T) -> bool {
        Vec::push(self, row);
        true
    }
}

impl<T: Send + 'static> Collect<T> for Option<T> {
    fn with_capacity(_: usize) -> Self {
        None
    }
    fn push(&mut self, row: T) -> bool {
        *self = Some(row);
        false
    }
}

/// Rows of the handle's row type; `view` lists the columns the query selected.
pub(crate) struct Rows<T> {
    view: Arc<Schema>,
    _t: PhantomData<fn() -> T>,
}

impl<T> Rows<T> {
    pub fn new(view: Arc<Schema>) -> Self {
        Rows {
            view,
            _t: PhantomData,
        }
    }
}

impl<T: RowType> Decode for Rows<T> {
    type Out = T;
    #[inline]
    fn decode<R: ReadRow + ?Sized>(&self, row: &R) -> Result<T> {
        T::decode(&self.view, row)
    }
}

/// `(primary key, row)`: the key's columns come first, then the row's.
pub(crate) struct WithPk<T> {
    pk: Vec<SqlType>,
    rows: Rows<T>,
}

impl<T> WithPk<T> {
    pub fn new(pk: Vec<SqlType>, view: Arc<Schema>) -> Self {
        WithPk {
            pk,
            rows: Rows::new(view),
        }
    }
}

impl<T: RowType> Decode for WithPk<T> {
    type Out = (Key, T);
    fn decode<R: ReadRow + ?Sized>(&self, row: &R) -> Result<(Key, T)> {
        let col = |i: usize| -> Result<crate::Value> {
            Ok(self.pk[i].coerce_read(row.value_ref(i)?).to_value())
        };
        let key = match self.pk.len() {
            1 => Key::from(col(0)?),
            n => Key::from((0..n).map(col).collect::<Result<Vec<_>>>()?),
        };
        let r = self.rows.decode(&Shifted(row, self.pk.len()))?;
        Ok((key, r))
    }
}

/// Rows as another record type (a partial struct over some of the table's columns).
pub(crate) struct As<P>(PhantomData<fn() -> P>);

impl<P> As<P> {
    pub fn new() -> Self {
        As(PhantomData)
    }
}

impl<P: Record> Decode for As<P> {
    type Out = P;
    #[inline]
    fn decode<R: ReadRow + ?Sized>(&self, row: &R) -> Result<P> {
        P::from_row(row)
    }
}

/// Nothing: for statements whose rows only say that something matched.
pub(crate) struct Unit;

impl Decode for Unit {
    type Out = ();
    fn decode<R: ReadRow + ?Sized>(&self, _: &R) -> Result<()> {
        Ok(())
    }
}

/// `COUNT(*)`.
pub(crate) struct Count;

impl Decode for Count {
    type Out = u64;
    fn decode<R: ReadRow + ?Sized>(&self, row: &R) -> Result<u64> {
        match row.value_ref(0)? {
            ValueRef::Integer(n) => Ok(u64::try_from(n).unwrap_or(0)),
            other => Err(Error::Database(format!("COUNT(*) returned {other:?}"))),
        }
    }
}

/// One aggregate's value as the column type it stands for (`None` for NULL). PostgreSQL's sum
/// of integers is NUMERIC there, read as text and made an integer here (an overflow is an
/// error, as SQLite's is); a float column's integer result becomes a float; SQLite's 0/1 of a
/// boolean column becomes a boolean.
pub(crate) struct AggValue {
    pub ty: SqlType,
    pub sum: bool,
    pub column: String,
}

impl Decode for AggValue {
    type Out = Option<Value>;
    fn decode<R: ReadRow + ?Sized>(&self, row: &R) -> Result<Option<Value>> {
        Ok(Some(match (self.ty, row.value_ref(0)?) {
            (_, ValueRef::Null) => return Ok(None),
            (SqlType::Integer, ValueRef::Text(s)) if self.sum => Value::Integer(
                s.trim()
                    .parse::<i64>()
                    .map_err(|_| sum_overflow(&self.column))?,
            ),
            (SqlType::Real, ValueRef::Integer(i)) => Value::Real(i as f64),
            (SqlType::Bool, ValueRef::Integer(i)) => Value::Bool(i != 0),
            (_, v) => v.to_value(),
        }))
    }
}

/// The error for a sum of an integer column past `i64`, the same on both backends.
pub(crate) fn sum_overflow(column: &str) -> Error {
    Error::Conversion {
        column: column.to_owned(),
        message: "the sum does not fit in a 64-bit integer".into(),
    }
}
