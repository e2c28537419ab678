//! Queries: FastHTML's `table(where, args, order_by=.., limit=.., offset=.., select=..,
//! with_pk=..)`.

use crate::decode::{AggValue, As, Collect, Count, Decode, Rows, WithPk, sum_overflow};
use crate::shape::{Agg, Kind, Prepared, QueryKey, SqlGen};
use crate::sql::{Args, Dialect, push_ident, translate_order_by, translate_where};
use crate::{
    Error, Key, Params, Record, Result, Row, RowType, Schema, SqlField, SqlType, Table, Value,
};
use std::fmt::Write;
use std::sync::Arc;

/// A query under construction: filters, ordering, limit and offset, and which columns. Run it
/// with [`Query::fetch`], [`Query::fetch_with_pk`], [`Query::fetch_as`], [`Query::first`],
/// [`Query::one`] or [`Query::count`]; compute an aggregate of its rows with [`Query::sum`],
/// [`Query::min`], [`Query::max`], [`Query::avg`] or [`Query::count_distinct`]; or delete its
/// rows with [`Query::delete`].
///
/// `filter` takes a SQL expression with `?` placeholders and the values for them. Values are
/// bound; the expression is checked (one expression, no `;`, no comments, balanced
/// parentheses and quotes) and parenthesised, so it cannot undo the handle's scope.
/// `order_by` accepts only column names with `ASC`/`DESC`/`NULLS FIRST|LAST`; `select` only
/// column names; limit and offset are numbers.
///
/// A query's SQL text is built and checked once per shape (the filters' SQL, the ordering,
/// the columns; not the values, limit or offset) and then reused, together with the
/// backend's prepared statement.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
/// # use ft_data::{Record, Table};
/// #[derive(Record, Debug)] struct Todo { id: i64, title: String }
/// let db = ft_data::Database::open(":memory:").await?;
/// let todos = db.create::<Todo>().await?;
/// for t in ["a", "b", "c"] { todos.insert(&Todo { id: 0, title: t.into() }).await?; }
/// let q = todos.query().order_by("id desc").offset(1);
/// assert_eq!(q.fetch().await?.iter().map(|t| t.id).collect::<Vec<_>>(), [2, 1]);
/// assert!(todos.query().filter("1=1; drop table todo", ()).fetch().await.is_err());
/// assert!(todos.query().order_by("id; drop table todo").fetch().await.is_err());
/// # Ok(()) }
/// ```
pub struct Query<T> {
    table: Table<T>,
    /// Everything the SQL text depends on.
    key: QueryKey,
    /// The filters' values, in order.
    params: Vec<Value>,
    limit: Option<u64>,
    offset: Option<u64>,
}

impl<T> Clone for Query<T> {
    fn clone(&self) -> Self {
        Query {
            table: self.table.clone(),
            key: self.key.clone(),
            params: self.params.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}

impl<T: RowType> Query<T> {
    pub(crate) fn new(table: Table<T>) -> Query<T> {
        Query {
            table,
            key: QueryKey::default(),
            params: Vec::new(),
            limit: None,
            offset: None,
        }
    }

    /// Add a condition (ANDed with the others): SQL with `?` placeholders, and their values.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table, params};
    /// #[derive(Record, Debug)] struct P { id: i64, a: String, y: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let p = db.create::<P>().await?;
    /// let n = p.query().filter("a = ? AND y > ?", params!["x", 3]).count().await?;
    /// assert_eq!(n, 0);
    /// # Ok(()) }
    /// ```
    pub fn filter(mut self, sql: &str, params: impl Into<Params>) -> Self {
        let params = params.into().0;
        self.key.filters.push((sql.to_owned(), params.len()));
        self.params.extend(params);
        self
    }

    /// Add an equality condition on a column (checked against the schema).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64, a: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let p = db.create::<P>().await?;
    /// assert_eq!(p.query().eq("a", "x").fetch().await?.len(), 0);
    /// assert!(p.query().eq("a = 1 OR 1", "x").fetch().await.is_err());
    /// # Ok(()) }
    /// ```
    pub fn eq(self, column: &str, value: impl Into<Value>) -> Self {
        let sql = match self.table.schema().column_index(column) {
            Some(_) => format!("{} = ?", crate::quote_ident(column)),
            // refused when the query runs
            None => format!("\u{0}{column}"),
        };
        self.filter(&sql, vec![value.into()])
    }

    /// Order by columns: `"name"`, `"year desc, name"`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<P>().await?.query().order_by("id desc").fetch().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn order_by(mut self, spec: &str) -> Self {
        self.key.order_by = Some(spec.to_owned());
        self
    }

    /// At most `n` rows.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<P>().await?.query().limit(1).fetch().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = Some(n);
        self
    }

    /// Skip `n` rows (works without a limit, unlike fastlite).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<P>().await?.query().offset(2).fetch().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn offset(mut self, n: u64) -> Self {
        self.offset = Some(n);
        self
    }

    /// Read only these columns (fastlite's `select='name, email'`): rows come back as maps
    /// ([`Row`]) holding just them, with the columns' types. Names are checked against the
    /// table's columns (an unknown name is [`Error::InvalidInput`] when the query runs) and
    /// always quoted; `"*"` is every column (fastlite's `as_cls=False`). For typed rows of
    /// some columns, use [`Query::fetch_as`] with a smaller struct.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// use serde_json::json;
    /// #[derive(Record, Debug)] struct User { id: i64, name: String, email: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// users.insert(&User { id: 0, name: "Alma".into(), email: "a@x".into() }).await?;
    /// let rows = users.query().select("name").fetch().await?;
    /// assert_eq!(serde_json::Value::Object(rows[0].clone()), json!({"name": "Alma"}));
    /// assert_eq!(users.query().select("*").fetch().await?[0]["email"], "a@x");
    /// assert!(users.query().select("name, pwd").fetch().await.is_err());
    /// assert!(users.query().select("name; drop table user").fetch().await.is_err());
    /// # Ok(()) }
    /// ```
    pub fn select(mut self, columns: &str) -> Query<Row> {
        self.key.select = Some(columns.to_owned());
        Query {
            table: self.table.cast(),
            key: self.key,
            params: self.params,
            limit: self.limit,
            offset: self.offset,
        }
    }

    /// Run the query.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<P>().await?.query().fetch().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn fetch(mut self) -> Result<Vec<T>> {
        let p = self.prepare(Kind::Rows, None)?;
        let rows = Rows::new(self.view(&p));
        self.run(&p, rows).await
    }

    /// Run the query and return each row with its primary key (fastlite's `with_pk=True`):
    /// `(key, row)` pairs, the key's values in pk column order.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// todos.insert(&Todo { id: 0, title: "a".into() }).await?;
    /// let (pk, todo) = todos.query().limit(1).fetch_with_pk().await?.remove(0);
    /// assert_eq!((pk, todo.title.as_str()), (ft_data::Key::from(1), "a"));
    /// let titles = todos.query().select("title").fetch_with_pk().await?;
    /// assert_eq!(titles[0].1["title"], "a");
    /// # Ok(()) }
    /// ```
    pub async fn fetch_with_pk(mut self) -> Result<Vec<(Key, T)>> {
        let p = self.prepare(Kind::WithPk, None)?;
        let s = self.table.schema();
        let pk: Vec<SqlType> = s.pk.iter().map(|&i| s.columns[i].ty).collect();
        let rows = WithPk::new(pk, self.view(&p));
        self.run(&p, rows).await
    }

    /// Run the query, reading only the columns of another `#[derive(Record)]` struct (a
    /// partial struct): each of its stored fields must be a column of this table (its table
    /// name and key attributes play no part here). Other columns are not read.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String, body: String }
    /// #[derive(Record, Debug, PartialEq)] struct TodoTitle { id: i64, title: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// todos.insert(&Todo { id: 0, title: "a".into(), body: "long".into() }).await?;
    /// let t: Vec<TodoTitle> = todos.query().fetch_as().await?;
    /// assert_eq!(t, [TodoTitle { id: 1, title: "a".into() }]);
    /// # Ok(()) }
    /// ```
    pub async fn fetch_as<P: Record>(mut self) -> Result<Vec<P>> {
        let cols = P::schema();
        let p = self.prepare(Kind::As(std::any::TypeId::of::<P>()), Some(&cols))?;
        self.run(&p, As::<P>::new()).await
    }

    /// The first row, if any.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<P>().await?.query().first().await?.is_none());
    /// # Ok(()) }
    /// ```
    pub async fn first(self) -> Result<Option<T>> {
        Ok(self.limit(1).fetch().await?.pop())
    }

    /// Exactly one row (FastHTML's `selectone`): [`Error::NotFound`] for none,
    /// [`Error::NotUnique`] for several.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let p = db.create::<P>().await?;
    /// assert!(p.query().one().await.unwrap_err().is_not_found());
    /// # Ok(()) }
    /// ```
    pub async fn one(self) -> Result<T> {
        let mut rows = self.limit(2).fetch().await?;
        match rows.len() {
            0 => Err(Error::NotFound),
            1 => rows.pop().ok_or(Error::NotFound),
            _ => Err(Error::NotUnique),
        }
    }

    /// How many rows match (ignores order, limit and offset).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct P { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert_eq!(db.create::<P>().await?.query().count().await?, 0);
    /// # Ok(()) }
    /// ```
    pub async fn count(mut self) -> Result<u64> {
        let p = self.prepare(Kind::Count, None)?;
        let n: Option<u64> = self.run(&p, Count).await?;
        Ok(n.unwrap_or(0))
    }

    /// Delete the rows that match the query's filters, in the handle's scope (rows outside the
    /// scope are never touched), and return how many were deleted.
    ///
    /// A query without filters deletes **every row in the handle's scope** (every row of the
    /// table for an unscoped handle). A delete takes filters only: `order_by`, `limit`,
    /// `offset` and `select` are refused ([`Error::InvalidInput`]) rather than ignored, since
    /// "delete the first 10 by date" is not portable SQL (PostgreSQL has no `DELETE .. LIMIT`);
    /// to delete some rows of an ordering, fetch their keys and delete by key. Filters are
    /// checked as for [`Query::filter`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, done: bool, name: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// for (done, name) in [(true, "alma"), (false, "alma"), (true, "bob")] {
    ///     todos.insert(&Todo { id: 0, done, name: name.into() }).await?;
    /// }
    /// let alma = todos.xtra("name", "alma")?;
    /// assert_eq!(alma.query().filter("done = ?", [true]).delete().await?, 1); // not bob's
    /// assert_eq!(todos.query().count().await?, 2);
    /// assert!(alma.query().limit(1).delete().await.is_err());
    /// assert_eq!(alma.query().delete().await?, 1); // no filter: all of alma's rows
    /// assert_eq!(todos.query().count().await?, 1);
    /// # Ok(()) }
    /// ```
    pub async fn delete(mut self) -> Result<u64> {
        let set = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
        let refused = [
            (self.limit.is_some(), "limit"),
            (self.offset.is_some(), "offset"),
            (set(&self.key.order_by), "order_by"),
            (set(&self.key.select), "select"),
        ];
        if let Some((_, what)) = refused.iter().find(|(on, _)| *on) {
            return Err(Error::InvalidInput(format!(
                "delete takes filters only, not {what} (delete by key to remove some rows of an ordering)"
            )));
        }
        let p = self.prepare(Kind::Delete, None)?;
        let args = self.args();
        self.table.scope_indexed().await?;
        self.table
            .database()
            .execute_write(p.sql.clone(), args)
            .await
    }

    /// The sum of a column over the matching rows (in scope), as `V`: `None` when no row
    /// matches or every value is NULL (SQL's `SUM`, not `0`).
    ///
    /// The column must be an integer or float column (checked against the schema, like
    /// [`Query::eq`]). The sum of an integer column is an integer on both backends (read it as
    /// `i64`, or `f64`); a sum past `i64` is [`Error::Conversion`] on both (PostgreSQL's NUMERIC
    /// sum is converted, not rounded). The sum of a float column is an `f64`. `limit` and
    /// `offset` are refused (an aggregate covers every matching row); the order plays no part.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Item { id: i64, qty: i64, price: Option<f64> }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let items = db.create::<Item>().await?;
    /// assert_eq!(items.query().sum::<i64>("qty").await?, None); // no rows
    /// items.insert(&Item { id: 0, qty: 2, price: Some(1.5) }).await?;
    /// items.insert(&Item { id: 0, qty: 3, price: None }).await?;
    /// assert_eq!(items.query().sum::<i64>("qty").await?, Some(5));
    /// assert_eq!(items.query().sum::<f64>("price").await?, Some(1.5)); // NULLs are skipped
    /// assert_eq!(items.query().filter("qty > ?", [2]).sum::<f64>("price").await?, None);
    /// assert!(items.query().sum::<i64>("qty; drop table item").await.is_err());
    /// # Ok(()) }
    /// ```
    pub async fn sum<V: SqlField>(self, column: &str) -> Result<Option<V>> {
        self.aggregate(Agg::Sum, column).await
    }

    /// The mean of an integer or float column over the matching rows (in scope), always an
    /// `f64`: `None` when no row matches or every value is NULL. NULLs are not counted. As
    /// for [`Query::sum`], `limit` and `offset` are refused.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Score { id: i64, points: Option<i64> }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let scores = db.create::<Score>().await?;
    /// for p in [Some(1), Some(2), None] { scores.insert(&Score { id: 0, points: p }).await?; }
    /// assert_eq!(scores.query().avg("points").await?, Some(1.5));
    /// assert_eq!(scores.query().filter("points IS NULL", ()).avg("points").await?, None);
    /// # Ok(()) }
    /// ```
    pub async fn avg(self, column: &str) -> Result<Option<f64>> {
        self.aggregate(Agg::Avg, column).await
    }

    /// The smallest value of a column over the matching rows (in scope), as `V` (the column's
    /// field type: `i64`, `f64`, `String`, `bool`, a date, ..): `None` when no row matches or
    /// every value is NULL. Integer, float, text and boolean columns (not blobs). Text
    /// compares by code point on both backends (SQLite's default; `COLLATE "C"` on
    /// PostgreSQL), so `"B" < "a"`; the smallest boolean is `false`. As for [`Query::sum`],
    /// `limit` and `offset` are refused.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct User { id: i64, name: String, year: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// for (n, y) in [("alma", 2019), ("Bob", 2018)] {
    ///     users.insert(&User { id: 0, name: n.into(), year: y }).await?;
    /// }
    /// assert_eq!(users.query().min::<i64>("year").await?, Some(2018));
    /// assert_eq!(users.query().min::<String>("name").await?.as_deref(), Some("Bob"));
    /// assert_eq!(users.query().eq("year", 2000).min::<i64>("year").await?, None);
    /// # Ok(()) }
    /// ```
    pub async fn min<V: SqlField>(self, column: &str) -> Result<Option<V>> {
        self.aggregate(Agg::Min, column).await
    }

    /// The largest value of a column over the matching rows (in scope), as `V`; see
    /// [`Query::min`] for the columns and the ordering of text.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct User { id: i64, name: String, admin: bool }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// assert_eq!(users.query().max::<bool>("admin").await?, None);
    /// users.insert(&User { id: 0, name: "alma".into(), admin: false }).await?;
    /// users.insert(&User { id: 0, name: "Bob".into(), admin: true }).await?;
    /// assert_eq!(users.query().max::<bool>("admin").await?, Some(true));
    /// assert_eq!(users.query().max::<String>("name").await?.as_deref(), Some("alma"));
    /// # Ok(()) }
    /// ```
    pub async fn max<V: SqlField>(self, column: &str) -> Result<Option<V>> {
        self.aggregate(Agg::Max, column).await
    }

    /// How many distinct non-NULL values a column has over the matching rows (in scope). Any
    /// column type. As for [`Query::sum`], `limit` and `offset` are refused.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Visit { id: i64, page: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let visits = db.create::<Visit>().await?;
    /// for p in ["/", "/a", "/"] { visits.insert(&Visit { id: 0, page: p.into() }).await?; }
    /// assert_eq!(visits.query().count_distinct("page").await?, 2);
    /// # Ok(()) }
    /// ```
    pub async fn count_distinct(self, column: &str) -> Result<u64> {
        let n: Option<i64> = self.aggregate(Agg::CountDistinct, column).await?;
        Ok(n.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
    }

    /// Run an aggregate of `column` and convert its value to `V`.
    async fn aggregate<V: SqlField>(mut self, agg: Agg, column: &str) -> Result<Option<V>> {
        let what = match agg {
            Agg::Sum => "sum",
            Agg::Min => "min",
            Agg::Max => "max",
            Agg::Avg => "avg",
            Agg::CountDistinct => "count_distinct",
        };
        if self.limit.is_some() || self.offset.is_some() {
            return Err(Error::InvalidInput(format!(
                "{what} covers every matching row: limit and offset are not allowed"
            )));
        }
        let schema = self.table.schema();
        let Some(i) = schema.column_index(column) else {
            return Err(Error::InvalidInput(format!(
                "{what}: {column:?} is not a column of {}",
                schema.name
            )));
        };
        let ty = schema.columns[i].ty;
        let fits = match agg {
            Agg::Sum | Agg::Avg => matches!(ty, SqlType::Integer | SqlType::Real),
            Agg::Min | Agg::Max => ty != SqlType::Blob,
            Agg::CountDistinct => true,
        };
        if !fits {
            return Err(Error::InvalidInput(format!(
                "{what}: column {column:?} of {} is {ty:?}, which {what} does not take",
                schema.name
            )));
        }
        let decode = AggValue {
            ty: match agg {
                Agg::Avg => SqlType::Real,
                Agg::CountDistinct => SqlType::Integer,
                _ => ty,
            },
            sum: agg == Agg::Sum,
            column: column.to_owned(),
        };
        let p = self.prepare(Kind::Agg(agg, i), None)?;
        let v: Option<Option<Value>> = match self.run(&p, decode).await {
            Ok(v) => v,
            // SQLite's SUM stops with "integer overflow"; PostgreSQL's is NUMERIC (AggValue)
            Err(Error::Database(m)) if agg == Agg::Sum && m.contains("integer overflow") => {
                return Err(sum_overflow(column));
            }
            Err(e) => return Err(e),
        };
        v.flatten()
            .map(|v| {
                V::from_value(v).map_err(|message| Error::Conversion {
                    column: column.to_owned(),
                    message,
                })
            })
            .transpose()
    }

    /// The scope's values, then the filters'.
    fn args(&mut self) -> Args {
        let mut args = Args::with_capacity(self.table.xtra_len() + self.params.len() + 2);
        self.table.push_xtra(&mut args);
        for v in self.params.drain(..) {
            args.push(v, None);
        }
        args
    }

    /// The query's text for this kind of result: from the shape's cache, or built and checked.
    fn prepare(&mut self, kind: Kind, as_cols: Option<&Schema>) -> Result<Arc<Prepared>> {
        self.key.kind = kind;
        let shape = self.table.shape();
        shape.query(&self.key, || build(&self.key, SqlGen::new(shape), as_cols))
    }

    fn view(&self, p: &Prepared) -> Arc<Schema> {
        p.view
            .clone()
            .unwrap_or_else(|| self.table.schema_arc().clone())
    }

    async fn run<D: Decode, C: Collect<D::Out>>(mut self, p: &Prepared, decode: D) -> Result<C> {
        let paged = matches!(self.key.kind, Kind::Rows | Kind::WithPk | Kind::As(_));
        let args = self.args();
        // room for the rows a limit allows (up to a page's worth)
        let cap = match (paged, self.limit) {
            (true, Some(n)) => usize::try_from(n.min(1024)).unwrap_or(0),
            _ => 0,
        };
        let sql = match (paged, self.limit, self.offset) {
            (true, None, None) | (false, _, _) => p.sql.clone(),
            (true, limit, offset) => paging(&p.sql, limit, offset, self.table.shape().dialect),
        };
        self.table.run(sql, args, false, cap, decode).await
    }
}

/// `LIMIT n OFFSET m` after a query's text. They are numbers written into the text, not bound:
/// SQLite plans with a bound LIMIT's value, so it re-prepares the statement each time one is
/// bound, which costs more than the query. The text up to here is cached.
fn paging(sql: &str, limit: Option<u64>, offset: Option<u64>, d: Dialect) -> Arc<str> {
    let mut s = String::with_capacity(sql.len() + 48);
    s.push_str(sql);
    match (limit, d) {
        (Some(n), _) => {
            let _ = write!(s, " LIMIT {}", n.min(i64::MAX as u64));
        }
        (None, Dialect::Sqlite) => s.push_str(" LIMIT -1"),
        (None, Dialect::Postgres) => {}
    }
    if let Some(n) = offset {
        let _ = write!(s, " OFFSET {}", n.min(i64::MAX as u64));
    }
    s.into()
}

/// The SQL text of a query up to its paging: `SELECT <columns> FROM t [WHERE <scope> AND
/// (<filter>) ..] [ORDER BY ..]`.
fn build(key: &QueryKey, mut g: SqlGen<'_>, as_cols: Option<&Schema>) -> Result<Prepared> {
    let schema = &g.s.schema;
    let view = match &key.select {
        Some(spec) => select_view(spec, schema)?.map(Arc::new),
        None => None,
    };
    g.push(if key.kind == Kind::Delete {
        "DELETE"
    } else {
        "SELECT "
    });
    match key.kind {
        Kind::Delete => {}
        Kind::Count => {
            g.push("COUNT(*)");
        }
        Kind::Agg(agg, i) => {
            let e = aggregate_expr(agg, &schema.columns[i], g.s.dialect);
            g.push(&e);
        }
        Kind::As(_) => {
            let p = as_cols.ok_or_else(|| Error::InvalidInput("no columns to read".into()))?;
            if let Some(c) = p
                .columns
                .iter()
                .find(|c| schema.column_index(&c.name).is_none())
            {
                return Err(Error::InvalidInput(format!(
                    "fetch_as: {:?} is not a column of {}",
                    c.name, schema.name
                )));
            }
            g.col_list(p.columns.iter().map(|c| c.name.as_str()));
        }
        Kind::Rows | Kind::WithPk => {
            if key.kind == Kind::WithPk {
                g.col_list(schema.pk.iter().map(|&i| schema.columns[i].name.as_str()))
                    .push(", ");
            }
            match &view {
                Some(v) => g.col_list(v.columns.iter().map(|c| c.name.as_str())),
                None => g.cols(),
            };
        }
    }
    g.push(" FROM ").table();
    let mut any = g.where_xtra(false);
    for (sql, n) in &key.filters {
        if let Some(bad) = sql.strip_prefix('\u{0}') {
            return Err(Error::InvalidInput(format!(
                "{bad:?} is not a column of {}",
                schema.name
            )));
        }
        if sql.trim().is_empty() && *n == 0 {
            continue;
        }
        let w = translate_where(sql, g.s.dialect, g.n + 1, *n)?;
        g.push(if any { " AND " } else { " WHERE " }).push(&w);
        any = true;
        g.n += n;
    }
    if matches!(key.kind, Kind::Rows | Kind::WithPk | Kind::As(_)) {
        match &key.order_by {
            Some(o) if !o.trim().is_empty() => {
                let o = translate_order_by(o, schema)?;
                g.push(" ORDER BY ").push(&o);
            }
            _ => {
                g.order_by_pk();
            }
        }
    }
    Ok(Prepared {
        sql: g.finish(),
        view,
    })
}

/// An aggregate of a column, giving the same value type on both backends: PostgreSQL's sum
/// of integers (NUMERIC) is read as text and made an `i64`, its sums and means of numbers are
/// `double precision`, its min/max of booleans are `BOOL_AND`/`BOOL_OR` (it has no `MIN` of
/// a boolean), and text is compared by code point (`COLLATE "C"`, SQLite's default).
fn aggregate_expr(agg: Agg, col: &crate::Column, d: Dialect) -> String {
    let mut c = String::new();
    push_ident(&mut c, &col.name);
    let pg = d == Dialect::Postgres;
    let f = if agg == Agg::Min { "MIN" } else { "MAX" };
    match (agg, col.ty) {
        (Agg::CountDistinct, _) => format!("COUNT(DISTINCT {c})"),
        _ if !pg => match agg {
            Agg::Sum => format!("SUM({c})"),
            Agg::Avg => format!("AVG({c})"),
            _ => format!("{f}({c})"),
        },
        (Agg::Sum, SqlType::Integer) => format!("SUM({c})::text"),
        (Agg::Sum, _) => format!("SUM({c})::double precision"),
        (Agg::Avg, _) => format!("AVG({c})::double precision"),
        (Agg::Min, SqlType::Bool) => format!("BOOL_AND({c})"),
        (Agg::Max, SqlType::Bool) => format!("BOOL_OR({c})"),
        (_, SqlType::Text) => format!("{f}({c}::text COLLATE \"C\")"),
        (_, SqlType::Real) => format!("{f}({c})::double precision"),
        _ => format!("{f}({c})"),
    }
}

/// The columns a `select` names, as a schema of their own (`None` for `*`: every column).
/// Only the table's columns are accepted, each once.
fn select_view(spec: &str, schema: &Schema) -> Result<Option<Schema>> {
    if spec.trim() == "*" {
        return Ok(None);
    }
    let bad = |why: String| Err(Error::InvalidInput(format!("select {spec:?}: {why}")));
    let mut columns = Vec::new();
    for item in spec.split(',') {
        let item = item.trim();
        let name = item
            .strip_prefix('"')
            .and_then(|c| c.strip_suffix('"'))
            .unwrap_or(item);
        let Some(i) = schema.column_index(name) else {
            return if name.is_empty() {
                bad("empty column name".into())
            } else {
                bad(format!("{name:?} is not a column of {}", schema.name))
            };
        };
        if columns.iter().any(|c: &crate::Column| c.name == name) {
            return bad(format!("{name:?} is named twice"));
        }
        columns.push(schema.columns[i].clone());
    }
    let pk = schema
        .pk
        .iter()
        .filter_map(|&i| {
            columns
                .iter()
                .position(|c| c.name == schema.columns[i].name)
        })
        .collect();
    Ok(Some(Schema {
        name: schema.name.clone(),
        columns,
        pk,
        indexes: Vec::new(),
    }))
}
