//! The database in the app (SPEC 8J): `fast_app().db("todos.db").table::<Todo>()` opens
//! the database and creates the tables at startup; a [`Tbl<T>`] handler parameter is the
//! table, already scoped to what a beforeware said for this request (`ctx.scope::<Todo>("name",
//! user)`) — FastHTML's `todos.xtra(name=auth)` without its shared, mutated table object
//! (SPEC 8K): two users' requests can never see each other's rows.

use crate::Error;
use crate::ctx::{Ctx, Extract, Where};
use ft_data::{Database, Record, Table};
use std::any::TypeId;

/// A table as a handler parameter, scoped for this request. Derefs to [`ft_data::Table`]
/// (`insert`, `get`, `try_get`, `update`, `upsert`, `delete`, `all`, `query`, ...).
///
/// The table must be registered with `.table::<T>()` (created, or given the columns its
/// struct gained, at startup). When a beforeware called [`Ctx::scope`] for `T`, the handle
/// only reads and changes the rows of that scope, and writes the scope's value into every row
/// it inserts or updates (FastHTML's `todos.xtra(name=auth)`, made per request).
///
/// ```
/// use ft_web::prelude::*;
///
/// #[derive(Record, FormFields, Clone, Debug, Default)]
/// #[form(default)] // a posted form has no `id` or `owner`: they take their defaults
/// struct Todo { id: i64, title: String, owner: String }
///
/// #[rt]
/// async fn index(todos: Tbl<Todo>) -> Result<Ft> {
///     let items = todos.all().await?;
///     Ok(Ul!(items.iter().map(|t| Li!(&t.title))))
/// }
///
/// #[post("/add")]
/// async fn add(todo: Todo, todos: Tbl<Todo>) -> Result<Ft> {
///     let saved = todos.insert(&todo).await?; // `owner` comes from the scope, not the form
///     Ok(Li!(format!("{} ({})", saved.title, saved.owner)))
/// }
///
/// // Every request of this app sees only the rows of the user "uma".
/// let scope = Beforeware::sync(|ctx: &mut Ctx| {
///     ctx.scope::<Todo>("owner", "uma");
///     None
/// });
/// # actix_web::rt::System::new().block_on(async {
/// let app = fast_app().db(":memory:").table::<Todo>().before(scope).routes(routes![index, add]);
/// let c = Client::new(app.secret_key("test")).await;
/// let r = c.post("/add").htmx().form([("title", "Buy milk"), ("owner", "eve")]).send().await;
/// assert_eq!(r.text(), "<li>Buy milk (uma)</li>");
/// assert_eq!(c.get("/").htmx().send().await.text(), "<ul><li>Buy milk</li></ul>");
/// # });
/// ```
pub struct Tbl<T>(pub Table<T>);

impl<T> std::ops::Deref for Tbl<T> {
    type Target = Table<T>;
    fn deref(&self) -> &Table<T> {
        &self.0
    }
}

/// A scope a beforeware put on a table type for this request.
pub(crate) struct TableScope {
    pub(crate) table: TypeId,
    pub(crate) column: String,
    pub(crate) value: ft_data::Value,
}

impl Ctx {
    /// Scopes the table of `T` for the rest of this request: every `Tbl<T>` parameter only sees,
    /// inserts and changes rows whose `column` is `value` (FastHTML's `xtra`).
    pub fn scope<T: Record>(&mut self, column: &str, value: impl Into<ft_data::Value>) {
        self.scopes.push(TableScope {
            table: TypeId::of::<T>(),
            column: column.to_owned(),
            value: value.into(),
        });
    }

    /// The app's database.
    pub async fn db(&self) -> Result<Database, Error> {
        self.app().db.get().await
    }
}

impl crate::ctx::App {
    /// The app's database, for code that has the [`App`](crate::App) but no request:
    /// websocket handlers and hooks (whose parameters are read synchronously, so they cannot
    /// take a `Tbl<T>`) and background tasks. Tables from it are not scoped by beforeware.
    ///
    /// ```
    /// use ft_web::prelude::*;
    ///
    /// #[derive(Record, Clone, Debug)]
    /// struct Note { id: i64, text: String }
    ///
    /// #[ws("/notes")]
    /// async fn notes(text: String, app: App) -> Result<Ft> {
    ///     let note = app.db().await?.table::<Note>().insert(&Note { id: 0, text }).await?;
    ///     Ok(P!(format!("saved #{}", note.id), id = "status"))
    /// }
    ///
    /// #[get("/count")]
    /// async fn count(app: App) -> Result<String> {
    ///     Ok(app.db().await?.table::<Note>().query().count().await?.to_string())
    /// }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = fast_app().db(":memory:").table::<Note>().routes(routes![notes, count]);
    /// let cli = Client::new(app.secret_key("k")).await;
    /// assert_eq!(cli.get("/count").send().await.text(), "0");
    /// # });
    /// ```
    pub async fn db(&self) -> Result<Database, Error> {
        self.0.db.get().await
    }
}

impl<T: Record> Extract for Tbl<T> {
    async fn extract(ctx: &mut Ctx, _: &'static str, _: Where) -> Result<Self, Error> {
        // The app's handle when the table was registered (`.table::<T>()`): cloning it costs
        // two reference counts and keeps its cached SQL text; a new handle would build both.
        let mut table = match ctx.app().db.handle::<T>() {
            Some(t) => t,
            None => ctx.db().await?.table::<T>(),
        };
        for s in ctx.scopes.iter().filter(|s| s.table == TypeId::of::<T>()) {
            table = table.xtra(&s.column, s.value.clone())?;
        }
        Ok(Tbl(table))
    }
}

/// The app's whole database as a handler parameter: ft-data's [`Database`] (it derefs to it),
/// for SQL of your own — a join, an aggregate, an atomic update — and for tables by name
/// (`db.t("name")`). Values are always bound (`?` on SQLite, `$1` on PostgreSQL).
///
/// Unlike [`Tbl<T>`], nothing here is scoped by beforeware: a query through `Db` sees every
/// user's rows, so a per-user condition belongs in its SQL.
///
/// ```
/// use ft_web::prelude::*;
///
/// #[derive(Record, Clone, Debug)]
/// #[table(name = "counters", pk = "name")]
/// struct Counter { name: String, hits: i64 }
///
/// #[post("/hit/{name}")]
/// async fn hit(name: String, db: Db) -> Result<String> {
///     // The increment is one statement: two requests at once never lose a hit.
///     let add = "INSERT INTO counters (name, hits) VALUES (?, 1) \
///                ON CONFLICT (name) DO UPDATE SET hits = hits + 1";
///     db.execute(add, ft_web::data::params![name.as_str()]).await?;
///     let sql = "SELECT hits FROM counters WHERE name = ?";
///     let rows = db.q(sql, ft_web::data::params![name.as_str()]).await?;
///     Ok(rows[0]["hits"].to_string())
/// }
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = fast_app().db(":memory:").table::<Counter>().routes(routes![hit]);
/// let c = Client::new(app.secret_key("test")).await;
/// assert_eq!(c.post("/hit/home").send().await.text(), "1");
/// assert_eq!(c.post("/hit/home").send().await.text(), "2");
/// # });
/// ```
#[derive(Clone)]
pub struct Db(pub Database);

impl std::ops::Deref for Db {
    type Target = Database;
    fn deref(&self) -> &Database {
        &self.0
    }
}

impl Extract for Db {
    async fn extract(ctx: &mut Ctx, _: &'static str, _: Where) -> Result<Self, Error> {
        ctx.db().await.map(Db)
    }
}

/// Creates one registered table and returns the app's handle on it.
type TableInit = Box<
    dyn Fn(
            Database,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = ft_data::Result<(TypeId, TableHandle)>> + Send>,
        > + Send
        + Sync,
>;

/// A `Table<T>` of a registered table, as `Any` (its type is in the `TypeId` next to it).
type TableHandle = Box<dyn std::any::Any + Send + Sync>;

/// The open database and a handle per registered table.
struct Opened {
    db: Database,
    handles: Vec<(TypeId, TableHandle)>,
}

/// The app's database: where it is, the tables to create, and the open handle (opened and
/// the tables created once, at startup by `serve()` and the test `Client`, else on first use).
#[derive(Default)]
pub(crate) struct DbConfig {
    path: Option<String>,
    given: Option<Database>,
    tables: Vec<TableInit>,
    cell: tokio::sync::OnceCell<Opened>,
}

impl DbConfig {
    pub(crate) fn set_path(&mut self, path: String) {
        self.path = Some(path);
    }
    pub(crate) fn set_database(&mut self, db: Database) {
        self.given = Some(db);
    }
    pub(crate) fn add_table<T: Record>(&mut self) {
        self.tables.push(Box::new(|db: Database| {
            Box::pin(async move {
                // A field added to the struct becomes a column of the existing table.
                let opts = ft_data::CreateOptions {
                    transform: true,
                    ..Default::default()
                };
                let table = db.create_with::<T>(opts).await?;
                Ok((TypeId::of::<T>(), Box::new(table) as TableHandle))
            })
        }));
    }
    pub(crate) fn is_set(&self) -> bool {
        self.path.is_some() || self.given.is_some()
    }

    /// The app's handle on the registered table of `T`, once the database is open.
    pub(crate) fn handle<T: Record>(&self) -> Option<Table<T>> {
        let opened = self.cell.get()?;
        let (_, handle) = opened
            .handles
            .iter()
            .find(|(t, _)| *t == TypeId::of::<T>())?;
        handle.downcast_ref::<Table<T>>().cloned()
    }

    /// The open database (opening it and creating the tables the first time).
    pub(crate) async fn get(&self) -> Result<Database, Error> {
        if let Some(opened) = self.cell.get() {
            return Ok(opened.db.clone());
        }
        // Boxed: opening is a large future (a PostgreSQL connect is ~10 KB) that would
        // otherwise be part of every handler's future that takes a table, and be copied on
        // every request.
        Box::pin(self.open()).await
    }

    async fn open(&self) -> Result<Database, Error> {
        let opened = self
            .cell
            .get_or_try_init(|| async {
                let db = match (&self.given, &self.path) {
                    (Some(db), _) => db.clone(),
                    (None, Some(path))
                        if path.starts_with("postgres://") || path.starts_with("postgresql://") =>
                    {
                        Database::connect(path).await?
                    }
                    (None, Some(path)) => Database::open(path).await?,
                    (None, None) => {
                        return Err(Error::internal(
                            "this app has no database: add fast_app().db(\"app.db\")",
                        ));
                    }
                };
                let mut handles = Vec::with_capacity(self.tables.len());
                for init in &self.tables {
                    handles.push(init(db.clone()).await?);
                }
                Ok::<Opened, Error>(Opened { db, handles })
            })
            .await?;
        Ok(opened.db.clone())
    }
}
