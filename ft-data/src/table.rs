//! Table handles, scoping (xtra) and queries.

use crate::sql::{Args, Dialect, column_list, push_ident, translate_order_by, translate_where};
use crate::{Database, Error, Key, Params, Record, Result, RowAccess, Schema, Value};
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock};

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
pub trait RowType: Sized + Send + 'static {
    /// Decode a fetched row (columns in schema order).
    fn decode(
        schema: &Arc<Schema>,
    ) -> impl Fn(&mut dyn RowAccess) -> Result<Self> + Send + Sync + 'static;
    /// The values to write, one per schema column; `None` for a column the row does not set.
    fn encode(&self, schema: &Schema) -> Result<Vec<Option<Value>>>;
}

impl<T: Record> RowType for T {
    fn decode(
        _: &Arc<Schema>,
    ) -> impl Fn(&mut dyn RowAccess) -> Result<Self> + Send + Sync + 'static {
        |r| T::from_row(r)
    }
    fn encode(&self, _: &Schema) -> Result<Vec<Option<Value>>> {
        Ok(self.to_values().into_iter().map(Some).collect())
    }
}

impl RowType for Row {
    fn decode(
        schema: &Arc<Schema>,
    ) -> impl Fn(&mut dyn RowAccess) -> Result<Self> + Send + Sync + 'static {
        let s = schema.clone();
        move |r| {
            let mut m = Row::new();
            for (i, c) in s.columns.iter().enumerate() {
                m.insert(c.name.clone(), c.ty.coerce_read(r.take(i)?).to_json());
            }
            Ok(m)
        }
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
        let cols: Vec<&str> = self
            .scope
            .schema
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        write!(
            f,
            "<Table {} ({})>",
            self.scope.schema.name,
            cols.join(", ")
        )
    }
}

const SQL_GET: usize = 0;
const SQL_CONTAINS: usize = 1;
const SQL_DELETE: usize = 2;
const SQL_ALL: usize = 3;
const SQL_INSERT_FULL: usize = 4;
const SQL_INSERT_AUTO: usize = 5;
const SQL_UPDATE_FULL: usize = 6;
const SQL_UPSERT_FULL: usize = 7;

struct Scope {
    schema: Arc<Schema>,
    /// (column index, value), in the order they were added.
    xtra: Vec<(usize, Value)>,
    cache: [OnceLock<Arc<str>>; 8],
}

impl Scope {
    fn is_xtra(&self, col: usize) -> bool {
        self.xtra.iter().any(|(i, _)| *i == col)
    }
}

/// Builds SQL text for one table and scope.
struct SqlGen<'a> {
    s: &'a Scope,
    d: Dialect,
    out: String,
    n: usize,
}

impl<'a> SqlGen<'a> {
    fn new(s: &'a Scope, d: Dialect) -> Self {
        SqlGen {
            s,
            d,
            out: String::with_capacity(128),
            n: 0,
        }
    }
    fn push(&mut self, t: &str) -> &mut Self {
        self.out.push_str(t);
        self
    }
    fn ident(&mut self, t: &str) -> &mut Self {
        push_ident(&mut self.out, t);
        self
    }
    fn table(&mut self) -> &mut Self {
        let name = &self.s.schema.name;
        push_ident(&mut self.out, name);
        self
    }
    fn ph(&mut self) -> &mut Self {
        self.n += 1;
        self.d.ph(&mut self.out, self.n);
        self
    }
    fn cols(&mut self) -> &mut Self {
        let c = column_list(&self.s.schema);
        self.out.push_str(&c);
        self
    }
    /// `"pk1" = ? AND ... AND "x1" = ? ...` (pk then xtra), qualified with the table name.
    fn pk_and_xtra(&mut self, qualify: bool) -> &mut Self {
        let s = self.s;
        let mut first = true;
        for &i in &s.schema.pk {
            self.cond(i, qualify, &mut first);
        }
        for (i, _) in &s.xtra {
            self.cond(*i, qualify, &mut first);
        }
        self
    }
    fn xtra_only(&mut self, qualify: bool) -> bool {
        let s = self.s;
        let mut first = true;
        for (i, _) in &s.xtra {
            self.cond(*i, qualify, &mut first);
        }
        !first
    }
    fn cond(&mut self, i: usize, qualify: bool, first: &mut bool) {
        if !*first {
            self.out.push_str(" AND ");
        }
        *first = false;
        if qualify {
            self.table().push(".");
        }
        let name = &self.s.schema.columns[i].name;
        push_ident(&mut self.out, name);
        self.out.push_str(" = ");
        self.ph();
    }
    fn finish(self) -> Arc<str> {
        self.out.into()
    }
}

impl<T: RowType> Table<T> {
    pub(crate) fn new(db: Database, schema: Arc<Schema>) -> Table<T> {
        Table {
            db,
            scope: Arc::new(Scope {
                schema,
                xtra: Vec::new(),
                cache: Default::default(),
            }),
            _t: PhantomData,
        }
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
        &self.scope.schema.name
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
        &self.scope.schema
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
        let schema = &self.scope.schema;
        let Some(i) = schema.column_index(column) else {
            return Err(Error::InvalidInput(format!(
                "xtra: {column:?} is not a column of {}",
                schema.name
            )));
        };
        if self.scope.is_xtra(i) {
            return Err(Error::InvalidInput(format!(
                "xtra: {column:?} is already scoped on this handle"
            )));
        }
        let mut xtra = self.scope.xtra.clone();
        xtra.push((i, schema.columns[i].ty.coerce(value.into())));
        Ok(Table {
            db: self.db.clone(),
            scope: Arc::new(Scope {
                schema: schema.clone(),
                xtra,
                cache: Default::default(),
            }),
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
        self.scope
            .xtra
            .iter()
            .map(|(i, v)| (self.scope.schema.columns[*i].name.as_str(), v))
            .collect()
    }

    fn cached(&self, slot: usize, build: impl FnOnce(&mut SqlGen<'_>)) -> Arc<str> {
        self.scope.cache[slot]
            .get_or_init(|| {
                let mut g = SqlGen::new(&self.scope, self.db.dialect());
                build(&mut g);
                g.finish()
            })
            .clone()
    }

    fn key_args(&self, key: Key) -> Result<Args> {
        let schema = &self.scope.schema;
        if key.0.len() != schema.pk.len() {
            return Err(Error::InvalidKey {
                expected: schema.pk.len(),
                got: key.0.len(),
            });
        }
        let mut a = Args::with_capacity(key.0.len() + self.scope.xtra.len());
        for (v, &i) in key.0.into_iter().zip(&schema.pk) {
            a.push(v, Some(schema.columns[i].ty));
        }
        self.push_xtra(&mut a);
        Ok(a)
    }

    fn push_xtra(&self, a: &mut Args) {
        for (i, v) in &self.scope.xtra {
            a.push(v.clone(), Some(self.scope.schema.columns[*i].ty));
        }
    }

    async fn fetch(&self, sql: Arc<str>, args: Args, write: bool) -> Result<Vec<T>> {
        let decode = T::decode(&self.scope.schema);
        self.db.fetch(sql, args, write, decode).await
    }

    async fn fetch_one(&self, sql: Arc<str>, args: Args, write: bool) -> Result<T> {
        self.fetch(sql, args, write)
            .await?
            .pop()
            .ok_or(Error::NotFound)
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
        let sql = self.cached(SQL_GET, |g| {
            g.push("SELECT ")
                .cols()
                .push(" FROM ")
                .table()
                .push(" WHERE ");
            g.pk_and_xtra(false);
        });
        self.fetch_one(sql, args, false).await
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
        let sql = self.cached(SQL_CONTAINS, |g| {
            g.push("SELECT 1 FROM ").table().push(" WHERE ");
            g.pk_and_xtra(false);
        });
        let rows = self.db.fetch(sql, args, false, |_| Ok(())).await?;
        Ok(!rows.is_empty())
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
        let mut args = Args::with_capacity(self.scope.xtra.len());
        self.push_xtra(&mut args);
        let sql = self.cached(SQL_ALL, |g| {
            g.push("SELECT ").cols().push(" FROM ").table();
            let mark = g.out.len();
            g.push(" WHERE ");
            if !g.xtra_only(false) {
                g.out.truncate(mark);
            }
            order_by_pk(g);
        });
        self.fetch(sql, args, false).await
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
        Query {
            table: self.clone(),
            filters: Vec::new(),
            order_by: None,
            limit: None,
            offset: None,
        }
    }

    fn present(&self, row: &T) -> Result<Vec<Option<Value>>> {
        let mut vals = row.encode(&self.scope.schema)?;
        if vals.len() != self.scope.schema.columns.len() {
            return Err(Error::InvalidInput(
                "row does not match the table schema".into(),
            ));
        }
        for (i, v) in &self.scope.xtra {
            vals[*i] = Some(v.clone());
        }
        Ok(vals)
    }

    fn auto_id_unset(&self, vals: &[Option<Value>]) -> bool {
        let s = &self.scope.schema;
        s.auto_id()
            && matches!(
                &vals[s.pk[0]],
                None | Some(Value::Null) | Some(Value::Integer(0))
            )
    }

    /// Insert a row and return it as stored (with its generated id). On a table with a single
    /// integer pk, an id of `0` (or `None`) means "assign one"; ids are never reused. In a
    /// scoped handle the scope's values are written whatever the row says.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String, detail: Option<String> }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// let t = todos.insert(&Todo { id: 0, title: "a".into(), detail: None }).await?;
    /// assert_eq!((t.id, t.detail), (1, None));
    /// # Ok(()) }
    /// ```
    pub async fn insert(&self, row: &T) -> Result<T> {
        let mut vals = self.present(row)?;
        let auto = self.auto_id_unset(&vals);
        if auto {
            vals[self.scope.schema.pk[0]] = None;
        }
        let full = vals.iter().all(Option::is_some);
        let explicit_id = self.scope.schema.auto_id() && !auto;
        let schema = self.scope.schema.clone();
        let build = |g: &mut SqlGen<'_>| {
            g.push("INSERT INTO ").table().push(" (");
            let mut first = true;
            for (c, v) in schema.columns.iter().zip(&vals) {
                if v.is_some() {
                    if !first {
                        g.push(", ");
                    }
                    first = false;
                    g.ident(&c.name);
                }
            }
            g.push(") VALUES (");
            for k in 0..vals.iter().filter(|v| v.is_some()).count() {
                if k > 0 {
                    g.push(", ");
                }
                g.ph();
            }
            g.push(") RETURNING ").cols();
        };
        if vals.iter().all(Option::is_none) {
            if !auto {
                return Err(Error::InvalidInput("insert of an empty row".into()));
            }
            // only the generated id: every other column takes its default
            let mut g = SqlGen::new(&self.scope, self.db.dialect());
            g.push("INSERT INTO ")
                .table()
                .push(" DEFAULT VALUES RETURNING ")
                .cols();
            return self.fetch_one(g.finish(), Args::default(), true).await;
        }
        let sql = if full {
            self.cached(SQL_INSERT_FULL, build)
        } else if auto && vals.iter().filter(|v| v.is_none()).count() == 1 {
            self.cached(SQL_INSERT_AUTO, build)
        } else {
            let mut g = SqlGen::new(&self.scope, self.db.dialect());
            build(&mut g);
            g.finish()
        };
        let mut args = Args::with_capacity(vals.len());
        let mut id_arg = None;
        for (i, (c, v)) in schema.columns.iter().zip(vals).enumerate() {
            if let Some(v) = v {
                if explicit_id && i == schema.pk[0] {
                    id_arg = Some(v.clone());
                }
                args.push(v, Some(c.ty));
            }
        }
        let r = self.fetch_one(sql, args, true).await?;
        if let Some(id) = id_arg {
            self.bump_identity(id).await?;
        }
        Ok(r)
    }

    /// After an explicit id went into an identity column (PostgreSQL), move the sequence past
    /// it so later generated ids do not collide (and never go backwards).
    async fn bump_identity(&self, id: Value) -> Result<()> {
        if self.db.dialect() != Dialect::Postgres {
            return Ok(());
        }
        let s = &self.scope.schema;
        let sql = "SELECT setval(s, GREATEST($3, COALESCE(pg_sequence_last_value(s::regclass), 0), 1)) FROM pg_get_serial_sequence($1, $2) AS s WHERE s IS NOT NULL";
        let mut a = Args::default();
        a.push(Value::Text(crate::quote_ident(&s.name)), None);
        a.push(Value::Text(s.columns[s.pk[0]].name.clone()), None);
        a.push(id, Some(crate::SqlType::Integer));
        self.db.fetch(sql.into(), a, true, |_| Ok(())).await?;
        Ok(())
    }

    fn pk_values(&self, vals: &[Option<Value>]) -> Result<Vec<Value>> {
        let s = &self.scope.schema;
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
    /// row writes every column; a [`Row`] map writes the columns it has. Scope columns keep
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
        let s = self.scope.clone();
        let fields: Vec<(usize, Value)> = vals
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !s.schema.pk.contains(i) && !s.is_xtra(*i))
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let settable = (0..s.schema.columns.len())
            .filter(|i| !s.schema.pk.contains(i) && !s.is_xtra(*i))
            .count();
        let full = fields.len() == settable;
        self.update_cols(Key(key), fields, full).await
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
        let s = &self.scope.schema;
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
            if !self.scope.is_xtra(i) {
                cols.push((i, v.into()));
            }
        }
        self.update_cols(key.into(), cols, false).await
    }

    async fn update_cols(&self, key: Key, fields: Vec<(usize, Value)>, full: bool) -> Result<T> {
        if fields.is_empty() {
            return self.get(key).await;
        }
        let mut args = Args::with_capacity(fields.len() + key.0.len() + self.scope.xtra.len());
        let s = self.scope.schema.clone();
        let build = |g: &mut SqlGen<'_>| {
            g.push("UPDATE ").table().push(" SET ");
            for (k, (i, _)) in fields.iter().enumerate() {
                if k > 0 {
                    g.push(", ");
                }
                g.ident(&s.columns[*i].name).push(" = ").ph();
            }
            g.push(" WHERE ")
                .pk_and_xtra(false)
                .push(" RETURNING ")
                .cols();
        };
        let sql = if full {
            self.cached(SQL_UPDATE_FULL, build)
        } else {
            let mut g = SqlGen::new(&self.scope, self.db.dialect());
            build(&mut g);
            g.finish()
        };
        let key_args = self.key_args(key)?;
        for (i, v) in fields {
            args.push(v, Some(s.columns[i].ty));
        }
        args.values.extend(key_args.values);
        args.types.extend(key_args.types);
        self.fetch_one(sql, args, true).await
    }

    /// Insert the row, or update it if its primary key exists (in scope); returns the stored
    /// row. On an auto-id table a row without an id (`0`) is inserted. A key that exists
    /// outside the scope is [`Error::NotFound`] and the row is left alone.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] #[table(pk = "name")] struct User { name: String, year: i64 }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let users = db.create::<User>().await?;
    /// users.upsert(&User { name: "Dana".into(), year: 2020 }).await?;
    /// assert_eq!(users.upsert(&User { name: "Dana".into(), year: 2021 }).await?.year, 2021);
    /// # Ok(()) }
    /// ```
    pub async fn upsert(&self, row: &T) -> Result<T> {
        let vals = self.present(row)?;
        if self.auto_id_unset(&vals) {
            return self.insert(row).await;
        }
        self.pk_values(&vals)?;
        let s = self.scope.clone();
        let schema = s.schema.clone();
        let full = vals.iter().all(Option::is_some);
        let explicit_id = schema.auto_id();
        let build = |g: &mut SqlGen<'_>| {
            g.push("INSERT INTO ").table().push(" (");
            let mut first = true;
            for (c, v) in schema.columns.iter().zip(&vals) {
                if v.is_some() {
                    if !first {
                        g.push(", ");
                    }
                    first = false;
                    g.ident(&c.name);
                }
            }
            g.push(") VALUES (");
            for k in 0..vals.iter().filter(|v| v.is_some()).count() {
                if k > 0 {
                    g.push(", ");
                }
                g.ph();
            }
            g.push(") ON CONFLICT (");
            for (k, &i) in schema.pk.iter().enumerate() {
                if k > 0 {
                    g.push(", ");
                }
                g.ident(&schema.columns[i].name);
            }
            g.push(") DO UPDATE SET ");
            let mut first = true;
            for (i, (c, v)) in schema.columns.iter().zip(&vals).enumerate() {
                if v.is_some() && !schema.pk.contains(&i) && !s.is_xtra(i) {
                    if !first {
                        g.push(", ");
                    }
                    first = false;
                    g.ident(&c.name).push(" = excluded.").ident(&c.name);
                }
            }
            if first {
                let pk = &schema.columns[schema.pk[0]].name;
                g.ident(pk).push(" = excluded.").ident(pk);
            }
            let mark = g.out.len();
            g.push(" WHERE ");
            if !g.xtra_only(true) {
                g.out.truncate(mark);
            }
            g.push(" RETURNING ").cols();
        };
        let sql = if full {
            self.cached(SQL_UPSERT_FULL, build)
        } else {
            let mut g = SqlGen::new(&self.scope, self.db.dialect());
            build(&mut g);
            g.finish()
        };
        let mut args = Args::with_capacity(vals.len() + s.xtra.len());
        let mut id_arg = None;
        for (i, (c, v)) in schema.columns.iter().zip(vals).enumerate() {
            if let Some(v) = v {
                if explicit_id && i == schema.pk[0] {
                    id_arg = Some(v.clone());
                }
                args.push(v, Some(c.ty));
            }
        }
        self.push_xtra(&mut args);
        let r = self.fetch_one(sql, args, true).await?;
        if let Some(id) = id_arg {
            self.bump_identity(id).await?;
        }
        Ok(r)
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
        let sql = self.cached(SQL_DELETE, |g| {
            g.push("DELETE FROM ").table().push(" WHERE ");
            g.pk_and_xtra(false);
        });
        match self.db.execute_write(sql, args).await? {
            0 => Err(Error::NotFound),
            _ => Ok(()),
        }
    }
}

fn order_by_pk(g: &mut SqlGen<'_>) {
    let s = g.s;
    if s.schema.pk.is_empty() {
        return;
    }
    g.push(" ORDER BY ");
    for (k, &i) in s.schema.pk.iter().enumerate() {
        if k > 0 {
            g.push(", ");
        }
        let name = &s.schema.columns[i].name;
        g.ident(name);
    }
}

/// A query under construction: filters, ordering, limit and offset. Run it with
/// [`Query::fetch`], [`Query::first`], [`Query::one`] or [`Query::count`].
///
/// `filter` takes a SQL expression with `?` placeholders and the values for them. Values are
/// bound; the expression is checked (one expression, no `;`, no comments, balanced
/// parentheses and quotes) and parenthesised, so it cannot undo the handle's scope.
/// `order_by` accepts only column names with `ASC`/`DESC`/`NULLS FIRST|LAST`.
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
    filters: Vec<(String, Vec<Value>)>,
    order_by: Option<String>,
    limit: Option<u64>,
    offset: Option<u64>,
}

impl<T> Clone for Query<T> {
    fn clone(&self) -> Self {
        Query {
            table: self.table.clone(),
            filters: self.filters.clone(),
            order_by: self.order_by.clone(),
            limit: self.limit,
            offset: self.offset,
        }
    }
}

impl<T: RowType> Query<T> {
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
        self.filters.push((sql.to_owned(), params.into().0));
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
        let sql = match self.table.scope.schema.column_index(column) {
            Some(_) => format!("{} = ?", crate::quote_ident(column)),
            // refused when the query runs
            None => format!("\u{0}{column}"),
        };
        let v = value.into();
        self.filter(&sql, vec![v])
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
        self.order_by = Some(spec.to_owned());
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

    fn build(&self, select: &str, paged: bool) -> Result<(Arc<str>, Args)> {
        let t = &self.table;
        let d = t.db.dialect();
        let mut g = SqlGen::new(&t.scope, d);
        g.push("SELECT ");
        if select.is_empty() {
            g.cols();
        } else {
            g.push(select);
        }
        g.push(" FROM ").table();
        let mut args = Args::default();
        t.push_xtra(&mut args);
        let mut any = false;
        let mark = g.out.len();
        g.push(" WHERE ");
        if g.xtra_only(false) {
            any = true;
        } else {
            g.out.truncate(mark);
        }
        for (sql, params) in &self.filters {
            if let Some(bad) = sql.strip_prefix('\u{0}') {
                return Err(Error::InvalidInput(format!(
                    "{bad:?} is not a column of {}",
                    t.scope.schema.name
                )));
            }
            if sql.trim().is_empty() {
                continue;
            }
            let w = translate_where(sql, d, g.n + 1, params.len())?;
            g.push(if any { " AND " } else { " WHERE " }).push(&w);
            any = true;
            g.n += params.len();
            for p in params {
                args.push(p.clone(), None);
            }
        }
        if !paged {
            return Ok((g.finish(), args));
        }
        match &self.order_by {
            Some(o) if !o.trim().is_empty() => {
                let o = translate_order_by(o, &t.scope.schema)?;
                g.push(" ORDER BY ").push(&o);
            }
            _ => order_by_pk(&mut g),
        }
        if let Some(l) = self.limit {
            g.push(&format!(" LIMIT {l}"));
        }
        if let Some(o) = self.offset {
            if self.limit.is_none() && d == Dialect::Sqlite {
                g.push(" LIMIT -1");
            }
            g.push(&format!(" OFFSET {o}"));
        }
        Ok((g.finish(), args))
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
    pub async fn fetch(self) -> Result<Vec<T>> {
        let (sql, args) = self.build("", true)?;
        self.table.fetch(sql, args, false).await
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
    pub async fn count(self) -> Result<u64> {
        let (sql, args) = self.build("COUNT(*)", false)?;
        let rows = self
            .table
            .db
            .fetch(sql, args, false, |r| match r.take(0)? {
                Value::Integer(n) => Ok(u64::try_from(n).unwrap_or(0)),
                other => Err(Error::Database(format!("COUNT(*) returned {other:?}"))),
            })
            .await?;
        Ok(rows.into_iter().next().unwrap_or(0))
    }
}
