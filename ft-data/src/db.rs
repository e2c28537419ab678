//! The database handle.

use crate::erased::{Out, Sink};
use crate::index::index_scope;
use crate::shape::{Shape, Shapes};
use crate::sql::{Args, Dialect};
use crate::sqlite::{Sqlite, SqliteOptions};
use crate::{Column, Error, Record, Result, Row, Schema, SqlType, Table, Value};
use std::sync::Arc;

/// A database: a SQLite file (or `:memory:`) or a PostgreSQL server. Cheap to clone (one
/// `Arc`), `Send + Sync`; keep one per app and clone it where needed.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
/// use ft_data::{Database, Record, Table};
/// #[derive(Record, Debug, Clone, PartialEq)]
/// struct Todo { id: i64, title: String, done: bool }
///
/// let db = Database::open(":memory:").await?;
/// let todos = db.create::<Todo>().await?;
/// let t = todos.insert(&Todo { id: 0, title: "write docs".into(), done: false }).await?;
/// assert_eq!(t.id, 1);
/// assert_eq!(todos.get(1).await?.title, "write docs");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Database {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Backend,
    dialect: Dialect,
    /// The SQL text built for each table and scope, shared by all their handles.
    shapes: Shapes,
}

enum Backend {
    Sqlite(Sqlite),
    #[cfg(feature = "postgres")]
    Pg(crate::pg::Pg),
}

/// Rows of a raw query: column names, then one `Vec<Value>` per row.
#[doc(hidden)]
pub struct RawRows {
    pub names: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// Options for [`Database::create_with`] and [`Database::create_table`].
///
/// ```
/// let o = ft_data::CreateOptions { transform: true, ..Default::default() };
/// assert!(!o.replace);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreateOptions {
    /// If the table exists, add the columns it lacks (rows are kept; new NOT NULL columns get
    /// their type's zero as default).
    pub transform: bool,
    /// Drop and re-create the table (rows are lost).
    pub replace: bool,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Database({:?})", self.inner.dialect)
    }
}

impl Database {
    /// Open (or create) a SQLite database file, creating missing folders; `":memory:"` gives a
    /// private in-memory database (for tests). Files use WAL, `synchronous = NORMAL`, a busy
    /// timeout, a prepared-statement cache, one writer connection and a pool of readers.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(db.table_names().await?.is_empty());
    /// // A URL is not a path (it would be a folder named `postgres:`): that is `connect`.
    /// assert!(ft_data::Database::open("postgres://127.0.0.1/app").await.is_err());
    /// # Ok(()) }
    /// ```
    pub async fn open(path: impl AsRef<std::path::Path>) -> Result<Database> {
        Self::open_with(path, SqliteOptions::default()).await
    }

    /// [`Database::open`] with options.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// use ft_data::{Database, ReadMode, SqliteOptions};
    /// let opts = SqliteOptions { read_mode: ReadMode::Blocking, ..Default::default() };
    /// let db = Database::open_with(":memory:", opts).await?;
    /// # Ok(()) }
    /// ```
    pub async fn open_with(
        path: impl AsRef<std::path::Path>,
        opts: SqliteOptions,
    ) -> Result<Database> {
        let path = path.as_ref().to_string_lossy().into_owned();
        if path.starts_with("postgres://") || path.starts_with("postgresql://") {
            // Else it would be a SQLite file in a folder named `postgres:`.
            return Err(Error::InvalidInput(
                "Database::open takes a SQLite path; connect to a database URL with Database::connect".into(),
            ));
        }
        let s = tokio::task::spawn_blocking(move || Sqlite::open(&path, opts))
            .await
            .map_err(|e| Error::Database(format!("opening the database: {e}")))??;
        Ok(Database {
            inner: Arc::new(Inner {
                backend: Backend::Sqlite(s),
                dialect: Dialect::Sqlite,
                shapes: Shapes::default(),
            }),
        })
    }

    /// Connect by URL: `postgres://..` / `postgresql://..` (PostgreSQL, with a connection pool),
    /// `sqlite://path` or `sqlite::memory:` (SQLite).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::connect("sqlite::memory:").await?;
    /// assert_eq!(db.dialect(), ft_data::Dialect::Sqlite);
    /// # Ok(()) }
    /// ```
    pub async fn connect(url: &str) -> Result<Database> {
        Self::connect_in_schema(url, None).await
    }

    /// Connect, keeping every table in a PostgreSQL schema (created if missing), e.g. one per
    /// tenant or per test. On SQLite the schema is ignored.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::connect_in_schema("sqlite::memory:", Some("t1")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<Database> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            return Self::open(path).await;
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            #[cfg(feature = "postgres")]
            {
                let pg = crate::pg::Pg::connect(url, schema).await?;
                return Ok(Database {
                    inner: Arc::new(Inner {
                        backend: Backend::Pg(pg),
                        dialect: Dialect::Postgres,
                        shapes: Shapes::default(),
                    }),
                });
            }
            #[cfg(not(feature = "postgres"))]
            {
                let _ = schema;
                return Err(Error::InvalidInput(
                    "PostgreSQL support is not in this build: enable the `postgres` cargo \
                     feature of ft-web (or ft-data)"
                        .into(),
                ));
            }
        }
        Err(Error::InvalidInput(format!(
            "unsupported database URL {url:?} (use postgres://.. or sqlite://..)"
        )))
    }

    /// Which SQL dialect this database speaks.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert_eq!(db.dialect(), ft_data::Dialect::Sqlite);
    /// # Ok(()) }
    /// ```
    pub fn dialect(&self) -> Dialect {
        self.inner.dialect
    }

    /// A handle on `T`'s table, without touching the database (use [`Database::create`] once
    /// at startup to make sure it exists).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Database, Record, Table};
    /// #[derive(Record)]
    /// struct Note { id: i64, body: String }
    /// let db = Database::open(":memory:").await?;
    /// db.create::<Note>().await?;
    /// let notes = db.table::<Note>();
    /// assert_eq!(notes.name(), "note");
    /// # Ok(()) }
    /// ```
    pub fn table<T: Record>(&self) -> Table<T> {
        Table::new(self.clone(), T::schema())
    }

    /// Create `T`'s table if it does not exist (idempotent) and return a handle on it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Database, Record, Table};
    /// #[derive(Record)]
    /// struct Note { id: i64, body: String }
    /// let db = Database::open(":memory:").await?;
    /// db.create::<Note>().await?;
    /// db.create::<Note>().await?; // no-op
    /// assert_eq!(db.table_names().await?, vec!["note".to_string()]);
    /// # Ok(()) }
    /// ```
    pub async fn create<T: Record>(&self) -> Result<Table<T>> {
        self.create_with::<T>(CreateOptions::default()).await
    }

    /// Create `T`'s table with options: `transform` adds missing columns to an existing table,
    /// `replace` drops and re-creates it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{CreateOptions, Database, Record, Table};
    /// mod v1 { #[derive(ft_data::Record)] #[table(name = "user")] pub struct User { pub id: i64, pub name: String } }
    /// mod v2 { #[derive(ft_data::Record, Debug)] #[table(name = "user")] pub struct User { pub id: i64, pub name: String, pub pwd: String } }
    /// let db = Database::open(":memory:").await?;
    /// db.create::<v1::User>().await?.insert(&v1::User { id: 0, name: "a".into() }).await?;
    /// let users = db.create_with::<v2::User>(CreateOptions { transform: true, ..Default::default() }).await?;
    /// assert_eq!(users.get(1).await?.pwd, ""); // the old row is kept, the new column has its default
    /// # Ok(()) }
    /// ```
    pub async fn create_with<T: Record>(&self, opts: CreateOptions) -> Result<Table<T>> {
        let schema = T::schema();
        self.create_schema(&schema, opts).await?;
        Ok(Table::new(self.clone(), schema))
    }

    /// Create a table from a column list (the SQL-first style) and return a handle whose rows
    /// are JSON maps ([`Row`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// use ft_data::{Column, CreateOptions, Database, SqlType};
    /// use serde_json::json;
    /// let db = Database::open(":memory:").await?;
    /// let items = db.create_table("items", vec![
    ///     Column::new("id", SqlType::Integer),
    ///     Column::new("task", SqlType::Text),
    ///     Column::new("done", SqlType::Bool),
    /// ], &["id"], CreateOptions::default()).await?;
    /// let row = items.insert(&ft_data::row(json!({"task": "t1", "done": false}))?).await?;
    /// assert_eq!(serde_json::Value::Object(row), json!({"id": 1, "task": "t1", "done": false}));
    /// # Ok(()) }
    /// ```
    pub async fn create_table(
        &self,
        name: &str,
        columns: Vec<Column>,
        pk: &[&str],
        opts: CreateOptions,
    ) -> Result<Table<Row>> {
        let schema = Arc::new(Schema::new(name, columns, pk)?);
        self.create_schema(&schema, opts).await?;
        self.t(name).await
    }

    async fn create_schema(&self, schema: &Schema, opts: CreateOptions) -> Result<()> {
        let d = self.dialect();
        if opts.replace {
            let drop = format!("DROP TABLE IF EXISTS {}", crate::quote_ident(&schema.name));
            self.execute_write(drop.into(), Args::default()).await?;
        }
        // Several instances may start at once on one database: PostgreSQL can refuse the second
        // of two concurrent `CREATE .. IF NOT EXISTS` or `ADD COLUMN`s (its catalog's unique
        // keys), so a failed step counts as done when the thing it made is there afterwards.
        let mut exists = self.has_table(&schema.name).await?;
        if !exists {
            let sql = crate::sql::create_table(schema, d, true);
            if let Err(e) = self.execute_write(sql.into(), Args::default()).await {
                if !self.has_table(&schema.name).await? {
                    return Err(e);
                }
                exists = true;
            }
        }
        if exists && opts.transform {
            self.transform(schema).await?;
        }
        // Every time, not only with a new table: a table made before an index was declared
        // gets it on the next start (IF NOT EXISTS makes this a no-op otherwise).
        for ix in &schema.indexes {
            if let Err(e) = self.create_index(schema, ix).await
                && self.create_index(schema, ix).await.is_err()
            {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Adds the columns an existing table lacks (rows are kept; a new NOT NULL column gets its
    /// type's zero), never drops or rewrites one, and refuses a column whose stored type no
    /// longer fits the field, naming both.
    async fn transform(&self, schema: &Schema) -> Result<()> {
        let d = self.dialect();
        let have = self.columns_of(&schema.name).await?;
        for c in &schema.columns {
            match have.iter().find(|h| h.name == c.name) {
                Some(h) if !type_fits(d, h.ty, c.ty) => {
                    return Err(Error::Database(format!(
                        "table {:?}, column {:?}: the database stores {:?} but the struct's field is {:?}; \
                         migrate the column (or rename the field) before starting",
                        schema.name, c.name, h.ty, c.ty
                    )));
                }
                Some(_) => {}
                None => {
                    let sql = crate::sql::add_column(&schema.name, c, d);
                    if let Err(e) = self.execute_write(sql.into(), Args::default()).await {
                        let now = self.columns_of(&schema.name).await?;
                        if !now.iter().any(|h| h.name == c.name) {
                            return Err(e);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// A handle on an existing table by name, with rows as JSON maps: the SQL-first style
    /// (FastHTML's `db.t.todos`). Its schema is read from the database.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// db.execute("create table thing (id integer primary key, name text)", vec![]).await?;
    /// let thing = db.t("thing").await?;
    /// let row = thing.insert(&ft_data::row(serde_json::json!({"name": "raw"}))?).await?;
    /// assert_eq!(row["id"], 1);
    /// assert!(db.t("nope").await.is_err());
    /// # Ok(()) }
    /// ```
    pub async fn t(&self, name: &str) -> Result<Table<Row>> {
        let columns = self.columns_of(name).await?;
        if columns.is_empty() {
            return Err(Error::NoSuchTable(name.to_owned()));
        }
        let pk_names = self.pk_of(name).await?;
        let pk = pk_names
            .iter()
            .filter_map(|p| columns.iter().position(|c| c.name == *p))
            .collect();
        let schema = Schema {
            name: name.to_owned(),
            columns,
            pk,
            indexes: Vec::new(),
        };
        Ok(Table::new(self.clone(), Arc::new(schema)))
    }

    /// Whether a table exists.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// assert!(!db.has_table("user").await?);
    /// # Ok(()) }
    /// ```
    pub async fn has_table(&self, name: &str) -> Result<bool> {
        Ok(self.table_names().await?.iter().any(|n| n == name))
    }

    /// The names of the tables, sorted.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// db.execute("create table b (x int)", vec![]).await?;
    /// db.execute("create table a (x int)", vec![]).await?;
    /// assert_eq!(db.table_names().await?, vec!["a", "b"]);
    /// # Ok(()) }
    /// ```
    pub async fn table_names(&self) -> Result<Vec<String>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Dialect::Postgres => {
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
            }
        };
        let rows = self.raw(sql.into(), Args::default()).await?;
        Ok(rows
            .rows
            .into_iter()
            .filter_map(|mut r| match r.pop() {
                Some(Value::Text(s)) => Some(s),
                _ => None,
            })
            .collect())
    }

    async fn columns_of(&self, table: &str) -> Result<Vec<Column>> {
        let (sql, args) = match self.dialect() {
            Dialect::Sqlite => (
                "SELECT name, type, \"notnull\", dflt_value IS NOT NULL FROM pragma_table_info(?1) ORDER BY cid",
                vec![Value::from(table)],
            ),
            Dialect::Postgres => (
                "SELECT column_name::text, data_type::text, (is_nullable = 'NO'), (column_default IS NOT NULL) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                vec![Value::from(table)],
            ),
        };
        let rows = self.raw(sql.into(), Args::untyped(args)).await?;
        let mut out = Vec::new();
        for r in rows.rows {
            let mut it = r.into_iter();
            let (Some(Value::Text(name)), Some(ty), Some(nn), Some(def)) =
                (it.next(), it.next(), it.next(), it.next())
            else {
                continue;
            };
            let ty = match ty {
                Value::Text(t) => SqlType::from_decl(&t),
                _ => SqlType::Text,
            };
            let truthy = |v: &Value| matches!(v, Value::Bool(true) | Value::Integer(1));
            out.push(Column {
                name,
                ty,
                nullable: !truthy(&nn),
                zero_default: truthy(&def),
            });
        }
        Ok(out)
    }

    async fn pk_of(&self, table: &str) -> Result<Vec<String>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk",
            Dialect::Postgres => {
                "SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                 WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)"
            }
        };
        let rows = self
            .raw(sql.into(), Args::untyped(vec![Value::from(table)]))
            .await?;
        Ok(rows
            .rows
            .into_iter()
            .filter_map(|mut r| match r.pop() {
                Some(Value::Text(s)) => Some(s),
                _ => None,
            })
            .collect())
    }

    /// Run raw SQL (one statement) and return its rows as JSON maps (FastHTML's `db.q`).
    ///
    /// Placeholders are `?` on both backends (rewritten to `$1`, `$2`, .. for PostgreSQL), so
    /// one statement text runs on either; their number must match the values given.
    /// Numbered placeholders (`$1`, or SQLite's `?1`) also work on both, but one statement
    /// cannot mix the two styles ([`Error::InvalidInput`]). A `?` inside a string literal,
    /// a quoted identifier or a comment is left alone; a `?` that is SQL rather than a
    /// placeholder (PostgreSQL's jsonb `?`, `?|`, `?&`) is written `??`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let rows = db.q("select 1 + ? as n, '?' as q", ft_data::params![2]).await?;
    /// assert_eq!((rows[0]["n"].as_i64(), rows[0]["q"].as_str()), (Some(3), Some("?")));
    /// let rows = db.q("select $2 - $1 as n", ft_data::params![1, 5]).await?; // numbered: also fine
    /// assert_eq!(rows[0]["n"], 4);
    /// assert!(db.q("select ? + $1", ft_data::params![1]).await.is_err()); // mixed styles
    /// # Ok(()) }
    /// ```
    pub async fn q(&self, sql: &str, params: Vec<Value>) -> Result<Vec<Row>> {
        let sql = crate::sql::translate_raw(sql, self.dialect(), params.len())?;
        let raw = self.raw(sql.as_ref().into(), Args::untyped(params)).await?;
        Ok(raw
            .rows
            .into_iter()
            .map(|r| {
                raw.names
                    .iter()
                    .cloned()
                    .zip(r.iter().map(Value::to_json))
                    .collect()
            })
            .collect())
    }

    /// Run one raw SQL statement that returns no rows; returns the number of rows changed.
    /// Placeholders are `?` on both backends, as for [`Database::q`] (numbered `$1` also
    /// work; the styles cannot be mixed; `??` is a literal `?`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// let db = ft_data::Database::open(":memory:").await?;
    /// db.execute("create table n (x int, note text)", vec![]).await?;
    /// assert_eq!(db.execute("insert into n values (?, 'why?')", ft_data::params![1]).await?, 1);
    /// assert!(db.execute("insert into n values (?, ?)", ft_data::params![1]).await.is_err());
    /// # Ok(()) }
    /// ```
    pub async fn execute(&self, sql: &str, params: Vec<Value>) -> Result<u64> {
        let sql = crate::sql::translate_raw(sql, self.dialect(), params.len())?;
        self.execute_write(sql.as_ref().into(), Args::untyped(params))
            .await
    }

    /// The shape (SQL text cache) of a table with this schema.
    pub(crate) fn shape(&self, schema: Arc<Schema>) -> Arc<Shape> {
        self.inner.shapes.root(schema, self.inner.dialect)
    }

    // ---- the two primitives every operation goes through ----

    /// Run a statement of a table of this shape that returns rows and collect them with
    /// `sink` (a decoder and a `Vec` of every row, or an `Option` of the first; `cap`: the rows
    /// expected, at most), after the scope's index is made (`index::index_scope`).
    pub(crate) async fn fetch(
        &self,
        shape: &Shape,
        sql: Arc<str>,
        args: Args,
        write: bool,
        cap: usize,
        sink: Box<dyn Sink>,
    ) -> Result<Out> {
        index_scope(self, shape).await?;
        args.check()?;
        match &self.inner.backend {
            Backend::Sqlite(s) => {
                let run = move |c: &rusqlite::Connection| sink.sqlite(c, &sql, &args, cap);
                if write {
                    s.write_boxed(Box::new(move |c| run(c))).await
                } else if s.reads_inline() {
                    s.read_inline(run)
                } else {
                    s.read(run).await
                }
            }
            #[cfg(feature = "postgres")]
            Backend::Pg(p) => {
                let mut rows = sink.pg(cap);
                p.query(sql, args, &mut *rows).await?;
                Ok(rows.finish())
            }
        }
    }

    pub(crate) async fn execute_write(&self, sql: Arc<str>, args: Args) -> Result<u64> {
        args.check()?;
        match &self.inner.backend {
            Backend::Sqlite(s) => {
                s.write(move |c| crate::sqlite::execute(c, &sql, &args))
                    .await
            }
            #[cfg(feature = "postgres")]
            Backend::Pg(p) => p.execute(sql, args).await,
        }
    }

    async fn raw(&self, sql: Arc<str>, args: Args) -> Result<RawRows> {
        args.check()?;
        match &self.inner.backend {
            Backend::Sqlite(s) => {
                // Raw SQL may write, so it runs on the writer connection.
                s.write(move |c| crate::sqlite::query_raw(c, &sql, &args))
                    .await
            }
            #[cfg(feature = "postgres")]
            Backend::Pg(p) => p.query_raw(sql.to_string(), args).await,
        }
    }
}

/// Can a column stored as `stored` be read and written as `field`? The same type; on SQLite
/// also an integer for a bool and back (both are stored as integers there).
fn type_fits(d: Dialect, stored: SqlType, field: SqlType) -> bool {
    stored == field
        || (d == Dialect::Sqlite
            && matches!(
                (stored, field),
                (SqlType::Integer, SqlType::Bool) | (SqlType::Bool, SqlType::Integer)
            ))
}
