//! Table handles: the MiniDataAPI operations, and scoping (xtra).

use crate::decode::{Collect, Decode, Rows, Unit};
use crate::erased::{Fetch, Typed};
use crate::shape::{Fixed, Shape, SqlGen};
use crate::sql::Args;
use crate::{Database, Error, Key, Params, Query, Result, RowType, Schema, Value};
use std::marker::PhantomData;
use std::sync::Arc;

/// A handle on one table: typed rows (`Table<Todo>`, from `#[derive(Record)]`) or JSON maps
/// (`Table<Row>`, from [`Database::t`]). Cheap to clone, `Send + Sync` whatever `T` is.
///
/// A handle may be scoped with [`Table::xtra`]: the scope's column values filter every read,
/// update and delete, and are written into every insert, update and upsert. Scoping returns a
/// new handle; nothing is shared or mutated, so one request's scope can never leak into
/// another's.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
/// use ft_data::{Database, Record, Table};
/// #[derive(Record, Debug, Clone, PartialEq)]
/// struct Todo { id: i64, title: String, name: String }
/// let db = Database::open(":memory:").await?;
/// let todos = db.create::<Todo>().await?;
/// let alice = todos.xtra("name", "alice")?;
/// let t = alice.insert(&Todo { id: 0, title: "mine".into(), name: "mallory".into() }).await?;
/// assert_eq!(t.name, "alice"); // forced by the scope
/// let bob = todos.xtra("name", "bob")?;
/// assert!(bob.get(t.id).await.unwrap_err().is_not_found());
/// # Ok(()) }
/// ```
pub struct Table<T> {
    db: Database,
    scope: Arc<Scope>,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            db: self.db.clone(),
            scope: self.scope.clone(),
            _t: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.scope.shape.schema;
        let cols: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
        write!(f, "<Table {} ({})>", s.name, cols.join(", "))
    }
}

/// A handle's scope: its shape (which columns are scoped) and the scoped columns' values.
struct Scope {
    shape: Arc<Shape>,
    /// One value per `shape.xtra` column.
    values: Vec<Value>,
}

impl Scope {
    /// This scope and `column = value` ([`Table::xtra`]; not generic over the row type).
    fn with(&self, column: &str, value: Value) -> Result<Arc<Scope>> {
        let schema = &self.shape.schema;
        let Some(i) = schema.column_index(column) else {
            return Err(Error::InvalidInput(format!(
                "xtra: {column:?} is not a column of {}",
                schema.name
            )));
        };
        if self.shape.is_xtra(i) {
            return Err(Error::InvalidInput(format!(
                "xtra: {column:?} is already scoped on this handle"
            )));
        }
        let mut values = Vec::with_capacity(self.values.len() + 1);
        values.extend(self.values.iter().cloned());
        values.push(schema.columns[i].ty.coerce(value));
        Ok(Arc::new(Scope {
            shape: self.shape.scoped(i),
            values,
        }))
    }
}

impl<T: RowType> Table<T> {
    pub(crate) fn new(db: Database, schema: Arc<Schema>) -> Table<T> {
        let shape = db.shape(schema);
        Table {
            db,
            scope: Arc::new(Scope {
                shape,
                values: Vec::new(),
            }),
            _t: PhantomData,
        }
    }

    /// The same handle with another row type (a query's `select` reads maps).
    pub(crate) fn cast<U>(self) -> Table<U> {
        Table {
            db: self.db,
            scope: self.scope,
            _t: PhantomData,
        }
    }

    pub(crate) fn shape(&self) -> &Shape {
        &self.scope.shape
    }

    pub(crate) fn schema_arc(&self) -> &Arc<Schema> {
        &self.scope.shape.schema
    }

    /// The table name.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] struct TodoItem { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert_eq!(db.create::<TodoItem>().await?.name(), "todo_item");
    /// # Ok(()) }
    /// ```
    pub fn name(&self) -> &str {
        &self.scope.shape.schema.name
    }

    /// The table's schema (columns, types, primary key).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] #[table(pk = "authors, year")] struct Publication { authors: String, year: i64, title: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let p = db.create::<Publication>().await?;
    /// assert_eq!(p.schema().pk_names(), vec!["authors", "year"]);
    /// # Ok(()) }
    /// ```
    pub fn schema(&self) -> &Schema {
        &self.scope.shape.schema
    }

    /// The database this table lives in.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] struct N { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let t = db.create::<N>().await?;
    /// assert_eq!(t.database().dialect(), ft_data::Dialect::Sqlite);
    /// # Ok(()) }
    /// ```
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// A new handle scoped to rows where `column = value` (FastHTML's `xtra`), on top of this
    /// handle's scope. Reads, updates and deletes see only matching rows; inserts, updates and
    /// upserts write `value` into `column`. The value is always bound, never part of the SQL
    /// text. Scoping the same column twice is refused.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String, name: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// todos.insert(&Todo { id: 0, title: "a".into(), name: "alice".into() }).await?;
    /// todos.insert(&Todo { id: 0, title: "b".into(), name: "bob".into() }).await?;
    /// let mine = todos.xtra("name", "alice")?;
    /// assert_eq!(mine.all().await?.len(), 1);
    /// assert!(mine.xtra("name", "bob").is_err());
    /// assert!(todos.xtra("nope", 1).is_err());
    /// # Ok(()) }
    /// ```
    pub fn xtra(&self, column: &str, value: impl Into<Value>) -> Result<Table<T>> {
        Ok(Table {
            db: self.db.clone(),
            scope: self.scope.with(column, value.into())?,
            _t: PhantomData,
        })
    }

    /// The scope of this handle: `(column, value)` pairs.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] struct Todo { id: i64, name: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let t = db.create::<Todo>().await?.xtra("name", "a")?;
    /// assert_eq!(t.scope(), vec![("name", &ft_data::Value::from("a"))]);
    /// # Ok(()) }
    /// ```
    pub fn scope(&self) -> Vec<(&str, &Value)> {
        let s = &self.scope.shape;
        s.xtra
            .iter()
            .zip(&self.scope.values)
            .map(|(i, v)| (s.schema.columns[*i].name.as_str(), v))
            .collect()
    }

    /// A column reference for SQL you write: the quoted, table-qualified name (FastHTML's
    /// `t.c.name`), checked against the schema.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] #[table(pk = "name")] struct User { name: String, year: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// assert_eq!(users.c("name")?, r#""user"."name""#);
    /// assert!(users.c("nope").is_err());
    /// let recent = users.query().filter(&format!("{} > ?", users.c("year")?), [2018]);
    /// assert_eq!(recent.count().await?, 0);
    /// # Ok(()) }
    /// ```
    pub fn c(&self, column: &str) -> Result<String> {
        let s = self.schema();
        if s.column_index(column).is_none() {
            return Err(Error::InvalidInput(format!(
                "{column:?} is not a column of {}",
                s.name
            )));
        }
        Ok(format!(
            "{}.{}",
            crate::quote_ident(&s.name),
            crate::quote_ident(column)
        ))
    }

    pub(crate) fn fixed(&self, which: Fixed, build: impl FnOnce(&mut SqlGen<'_>)) -> Arc<str> {
        self.scope.shape.fixed(which, build)
    }

    /// Statement text for this shape that is not cached (a row with an unusual set of columns).
    pub(crate) fn build(&self, build: impl FnOnce(&mut SqlGen<'_>)) -> Arc<str> {
        let mut g = SqlGen::new(&self.scope.shape);
        build(&mut g);
        g.finish()
    }

    /// Arguments for `WHERE pk = ? AND <scope>`.
    fn key_args(&self, key: Key) -> Result<Args> {
        let mut a = Args::with_capacity(key.len() + self.scope.values.len());
        self.push_key(&mut a, key)?;
        Ok(a)
    }

    fn push_key(&self, a: &mut Args, key: Key) -> Result<()> {
        let schema = self.schema();
        if key.len() != schema.pk.len() {
            return Err(Error::InvalidKey {
                expected: schema.pk.len(),
                got: key.len(),
            });
        }
        for (v, &i) in key.into_values().zip(&schema.pk) {
            a.push(v, Some(schema.columns[i].ty));
        }
        self.push_xtra(a);
        Ok(())
    }

    pub(crate) fn push_xtra(&self, a: &mut Args) {
        let s = &self.scope.shape;
        for (i, v) in s.xtra.iter().zip(&self.scope.values) {
            a.push(v.clone(), Some(s.schema.columns[*i].ty));
        }
    }

    pub(crate) fn xtra_len(&self) -> usize {
        self.scope.values.len()
    }

    /// Run a statement returning rows, decoded into `C` (a `Vec`, or an `Option` of the first).
    pub(crate) fn run<D: Decode, C: Collect<D::Out>>(
        &self,
        sql: Arc<str>,
        args: Args,
        write: bool,
        cap: usize,
        decode: D,
    ) -> Fetch<'_, C> {
        let sink = Box::new(Typed::<D, C>::new(decode));
        let shape = self.shape();
        Fetch::new(self.db.fetch(shape, sql, args, write, cap, sink))
    }

    pub(crate) async fn fetch_one(&self, sql: Arc<str>, args: Args, write: bool) -> Result<T> {
        let rows = Rows::new(self.schema_arc().clone());
        let row: Option<T> = self.run(sql, args, write, 1, rows).await?;
        row.ok_or(Error::NotFound)
    }

    /// The row with this primary key (in scope), or [`Error::NotFound`]. Compound keys are
    /// tuples: `get(("Alma", 2019))`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// todos.insert(&Todo { id: 0, title: "a".into() }).await?;
    /// assert_eq!(todos.get(1).await?.title, "a");
    /// assert!(todos.get(2).await.unwrap_err().is_not_found());
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, key: impl Into<Key>) -> Result<T> {
        let args = self.key_args(key.into())?;
        let sql = self.fixed(Fixed::Get, |g| {
            g.push("SELECT ")
                .cols()
                .push(" FROM ")
                .table()
                .push(" WHERE ")
                .pk_and_xtra();
        });
        let rows = Rows::new(self.schema_arc().clone());
        let row: Option<T> = self.run(sql, args, false, 1, rows).await?;
        row.ok_or(Error::NotFound)
    }

    /// Like [`Table::get`], but `None` when there is no such row (FastHTML's
    /// `get(pk, default=None)`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<Todo>().await?.try_get(9).await?.is_none());
    /// # Ok(()) }
    /// ```
    pub async fn try_get(&self, key: impl Into<Key>) -> Result<Option<T>> {
        match self.get(key).await {
            Ok(r) => Ok(Some(r)),
            Err(Error::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether a row with this primary key exists (in scope): FastHTML's `pk in table`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] #[table(pk = "name")] struct User { name: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// users.insert(&User { name: "Alma".into() }).await?;
    /// assert!(users.contains("Alma").await? && !users.contains("John").await?);
    /// # Ok(()) }
    /// ```
    pub async fn contains(&self, key: impl Into<Key>) -> Result<bool> {
        let args = self.key_args(key.into())?;
        let sql = self.fixed(Fixed::Contains, |g| {
            g.push("SELECT 1 FROM ")
                .table()
                .push(" WHERE ")
                .pk_and_xtra();
        });
        let row: Option<()> = self.run(sql, args, false, 1, Unit).await?;
        Ok(row.is_some())
    }

    /// Every row in scope, in primary-key order.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] struct Todo { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.create::<Todo>().await?.all().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn all(&self) -> Result<Vec<T>> {
        let mut args = Args::with_capacity(self.scope.values.len());
        self.push_xtra(&mut args);
        let sql = self.fixed(Fixed::All, |g| {
            g.push("SELECT ").cols().push(" FROM ").table();
            g.where_xtra(false);
            g.order_by_pk();
        });
        let rows = Rows::new(self.schema_arc().clone());
        self.run(sql, args, false, 0, rows).await
    }

    /// A query on this table (FastHTML's `table(where, args, order_by=.., limit=.., offset=..)`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] #[table(pk = "name")] struct User { name: String, year: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// for (n, y) in [("Braden", 2018), ("Alma", 2019), ("Charlie", 2018)] {
    ///     users.insert(&User { name: n.into(), year: y }).await?;
    /// }
    /// let r = users.query().filter("year > ?", [2018]).fetch().await?;
    /// assert_eq!(r[0].name, "Alma");
    /// let names: Vec<String> = users.query().order_by("year desc, name").limit(2).fetch().await?
    ///     .into_iter().map(|u| u.name).collect();
    /// assert_eq!(names, ["Alma", "Braden"]);
    /// # Ok(()) }
    /// ```
    pub fn query(&self) -> Query<T> {
        Query::new(self.clone())
    }

    pub(crate) fn present(&self, row: &T) -> Result<Vec<Option<Value>>> {
        let s = &self.scope.shape;
        let mut vals = row.encode(&s.schema)?;
        if vals.len() != s.schema.columns.len() {
            return Err(Error::InvalidInput(
                "row does not match the table schema".into(),
            ));
        }
        for (i, v) in s.xtra.iter().zip(&self.scope.values) {
            vals[*i] = Some(v.clone());
        }
        Ok(vals)
    }

    pub(crate) fn pk_values(&self, vals: &[Option<Value>]) -> Result<Vec<Value>> {
        let s = self.schema();
        s.pk.iter()
            .map(|&i| match &vals[i] {
                Some(v) if !v.is_null() => Ok(v.clone()),
                _ => Err(Error::InvalidInput(format!(
                    "update of {} needs the primary key column {}",
                    s.name, s.columns[i].name
                ))),
            })
            .collect()
    }

    /// Update the row with this row's primary key (in scope) and return it as stored. A typed
    /// row writes every column; a [`Row`](crate::Row) map writes the columns it has. Scope columns keep
    /// the scope's values. A missing row is [`Error::NotFound`].
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug, Clone)] struct Todo { id: i64, done: bool }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// let mut t = todos.insert(&Todo { id: 0, done: false }).await?;
    /// t.done = true;
    /// assert!(todos.update(&t).await?.done);
    /// assert!(todos.update(&Todo { id: 7, done: true }).await.unwrap_err().is_not_found());
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, row: &T) -> Result<T> {
        let vals = self.present(row)?;
        let key = self.pk_values(&vals)?;
        let s = &self.scope.shape;
        let settable = |i: &usize| !s.schema.pk.contains(i) && !s.is_xtra(*i);
        let fields: Vec<(usize, Value)> = vals
            .into_iter()
            .enumerate()
            .filter(|(i, _)| settable(i))
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let settable = (0..s.schema.columns.len()).filter(settable).count();
        let full = fields.len() == settable;
        self.update_cols(Key::from(key), fields, full).await
    }

    /// Update chosen columns of the row with this key (in scope) and return it. Scope
    /// columns cannot be changed (they are skipped).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String, status: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// todos.insert(&Todo { id: 0, title: "a".into(), status: "open".into() }).await?;
    /// let t = todos.update_fields(1, [("status", "done")]).await?;
    /// assert_eq!((t.title.as_str(), t.status.as_str()), ("a", "done"));
    /// # Ok(()) }
    /// ```
    pub async fn update_fields<V: Into<Value>>(
        &self,
        key: impl Into<Key>,
        fields: impl IntoIterator<Item = (&str, V)>,
    ) -> Result<T> {
        let s = self.schema();
        let mut cols = Vec::new();
        for (name, v) in fields {
            let Some(i) = s.column_index(name) else {
                return Err(Error::InvalidInput(format!(
                    "table {} has no column named {name}",
                    s.name
                )));
            };
            if s.pk.contains(&i) {
                return Err(Error::InvalidInput(format!(
                    "update_fields cannot change the primary key column {name}"
                )));
            }
            if !self.scope.shape.is_xtra(i) {
                cols.push((i, v.into()));
            }
        }
        self.update_cols(key.into(), cols, false).await
    }

    async fn update_cols(&self, key: Key, fields: Vec<(usize, Value)>, full: bool) -> Result<T> {
        if fields.is_empty() {
            return self.get(key).await;
        }
        let s = self.schema();
        let build = |g: &mut SqlGen<'_>| {
            g.push("UPDATE ").table().push(" SET ");
            for (k, (i, _)) in fields.iter().enumerate() {
                if k > 0 {
                    g.push(", ");
                }
                g.ident(&s.columns[*i].name).push(" = ").ph();
            }
            g.push(" WHERE ").pk_and_xtra().push(" RETURNING ").cols();
        };
        let sql = if full {
            self.fixed(Fixed::UpdateFull, build)
        } else {
            self.build(build)
        };
        let mut args = Args::with_capacity(fields.len() + key.len() + self.scope.values.len());
        for (i, v) in fields {
            args.push(v, Some(s.columns[i].ty));
        }
        self.push_key(&mut args, key)?;
        self.fetch_one(sql, args, true).await
    }

    /// Delete the row with this key (in scope); [`Error::NotFound`] if there is none.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record)] struct Todo { id: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// todos.insert(&Todo { id: 0 }).await?;
    /// todos.delete(1).await?;
    /// assert!(todos.delete(1).await.unwrap_err().is_not_found());
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, key: impl Into<Key>) -> Result<()> {
        let args = self.key_args(key.into())?;
        let sql = self.fixed(Fixed::Delete, |g| {
            g.push("DELETE FROM ").table().push(" WHERE ").pk_and_xtra();
        });
        self.scope_indexed().await?;
        match self.db.execute_write(sql, args).await? {
            0 => Err(Error::NotFound),
            _ => Ok(()),
        }
    }

    /// Delete the rows (in scope) that match a condition, and return how many were deleted:
    /// `self.query().filter(sql, params).delete()` (see [`Query::delete`]). The condition is
    /// checked like [`Query::filter`]'s (one expression, `?` placeholders, values bound) and
    /// ANDed with the handle's scope, so a scoped handle only ever deletes its own rows. An
    /// empty condition (`""` with no values) deletes every row in scope.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, done: bool, name: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// for name in ["alma", "bob"] { todos.insert(&Todo { id: 0, done: true, name: name.into() }).await?; }
    /// let bob = todos.xtra("name", "bob")?;
    /// assert_eq!(bob.delete_where("done = ? OR name = ?", ft_data::params![true, "alma"]).await?, 1);
    /// assert_eq!(todos.all().await?[0].name, "alma"); // alma's row is outside bob's scope
    /// assert!(todos.delete_where("1 = 1; drop table todo", ()).await.is_err());
    /// # Ok(()) }
    /// ```
    pub async fn delete_where(&self, sql: &str, params: impl Into<Params>) -> Result<u64> {
        self.query().filter(sql, params).delete().await
    }
}
