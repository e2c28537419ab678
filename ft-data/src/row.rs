//! What a table's rows are in Rust: a `#[derive(Record)]` struct, or a [`Row`] map.

use crate::{Error, ReadRow, Record, Result, Schema, Value};

/// A row of a dynamic table: column name to JSON value.
pub type Row = serde_json::Map<String, serde_json::Value>;

/// A [`Row`] from a JSON object (errors on anything else).
///
/// ```
/// let r = ft_data::row(serde_json::json!({"name": "x"})).unwrap();
/// assert_eq!(r["name"], "x");
/// assert!(ft_data::row(serde_json::json!([1])).is_err());
/// ```
pub fn row(v: serde_json::Value) -> Result<Row> {
    match v {
        serde_json::Value::Object(m) => Ok(m),
        other => Err(Error::InvalidInput(format!(
            "a row must be a JSON object, not {other}"
        ))),
    }
}

/// What a table's rows are in Rust: a `#[derive(Record)]` struct, or a [`Row`] map.
///
/// ```
/// use ft_data::{Column, RowType, Schema, SqlType, Value};
/// let s = Schema::new("t", vec![Column::new("id", SqlType::Integer), Column::new("ok", SqlType::Bool)], &["id"])?;
/// let row = ft_data::Row::decode(&s, &[Value::from(1), Value::from(1)][..])?;
/// assert_eq!(serde_json::Value::Object(row), serde_json::json!({"id": 1, "ok": true}));
/// # Ok::<(), ft_data::Error>(())
/// ```
pub trait RowType: Sized + Send + 'static {
    /// Decode a fetched row whose columns are `view`'s columns, in order (`view` is the table's
    /// schema, or the chosen columns of a [`select`](crate::Query::select)).
    fn decode<R: ReadRow + ?Sized>(view: &Schema, row: &R) -> Result<Self>;
    /// The values to write, one per schema column; `None` for a column the row does not set.
    fn encode(&self, schema: &Schema) -> Result<Vec<Option<Value>>>;
}

impl<T: Record> RowType for T {
    #[inline]
    fn decode<R: ReadRow + ?Sized>(_: &Schema, row: &R) -> Result<Self> {
        T::from_row(row)
    }
    fn encode(&self, _: &Schema) -> Result<Vec<Option<Value>>> {
        Ok(self.to_values().into_iter().map(Some).collect())
    }
}

impl RowType for Row {
    fn decode<R: ReadRow + ?Sized>(view: &Schema, row: &R) -> Result<Self> {
        let mut m = Row::new();
        for (i, c) in view.columns.iter().enumerate() {
            m.insert(
                c.name.clone(),
                c.ty.coerce_read(row.value_ref(i)?).to_json(),
            );
        }
        Ok(m)
    }
    fn encode(&self, schema: &Schema) -> Result<Vec<Option<Value>>> {
        if let Some(k) = self.keys().find(|k| schema.column_index(k).is_none()) {
            return Err(Error::InvalidInput(format!(
                "table {} has no column named {k}",
                schema.name
            )));
        }
        Ok(schema
            .columns
            .iter()
            .map(|c| self.get(&c.name).map(Value::from_json))
            .collect())
    }
}
