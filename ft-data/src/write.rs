//! Inserts and upserts. The keys of an auto-id table are made by the database: `insert`
//! ignores a row's id and `upsert` only updates by it, so a struct filled from a form can
//! never choose its key; `insert_with_key` is the explicit way to write one.

use crate::decode::{Rows, Unit};
use crate::erased::{Fetch, Out, Sink, Typed};
use crate::shape::{Fixed, Shape, SqlGen};
use crate::sql::{Args, Dialect};
use crate::{Database, Error, Result, Row, RowType, Table, Value};

impl<T: RowType> Table<T> {
    fn auto_id_unset(&self, vals: &[Option<Value>]) -> bool {
        let s = self.schema();
        s.auto_id()
            && matches!(
                &vals[s.pk[0]],
                None | Some(Value::Null) | Some(Value::Integer(0))
            )
    }

    /// Insert a row and return it as stored (with its generated id). On a table with a single
    /// integer pk the database makes the id: the row's id is ignored (ids are never reused),
    /// so a row built from request data cannot choose its key - neither another account's
    /// row nor the largest id, after which no insert would get one. Use
    /// [`Table::insert_with_key`] to write a given id. In a scoped handle the scope's values
    /// are written whatever the row says.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String, detail: Option<String> }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// let t = todos.insert(&Todo { id: 0, title: "a".into(), detail: None }).await?;
    /// assert_eq!((t.id, t.detail), (1, None));
    /// let t = todos.insert(&Todo { id: i64::MAX, title: "b".into(), detail: None }).await?;
    /// assert_eq!(t.id, 2); // the given id is not used
    /// # Ok(()) }
    /// ```
    pub async fn insert(&self, row: &T) -> Result<T> {
        self.insert_row(row, false).await
    }

    /// Insert a row with the key it gives, also on an auto-id table (an id of `0` still means
    /// "assign one"): for imports and fixtures, never for keys that come from a request. On
    /// PostgreSQL later generated ids move past the given one.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> ft_data::Result<()> {
    /// # use ft_data::{Record, Table};
    /// #[derive(Record, Debug)] struct Todo { id: i64, title: String }
    /// let db = ft_data::Database::open(":memory:").await?;
    /// let todos = db.create::<Todo>().await?;
    /// assert_eq!(todos.insert_with_key(&Todo { id: 10, title: "a".into() }).await?.id, 10);
    /// assert_eq!(todos.insert(&Todo { id: 0, title: "b".into() }).await?.id, 11);
    /// # Ok(()) }
    /// ```
    pub async fn insert_with_key(&self, row: &T) -> Result<T> {
        self.insert_row(row, true).await
    }

    async fn insert_row(&self, row: &T, keep_key: bool) -> Result<T> {
        let vals = self.present(row)?;
        let rows = Rows::<T>::new(self.schema_arc().clone());
        let sink = Box::new(Typed::<_, Option<T>>::new(rows));
        let out = insert_untyped(self.clone().cast(), vals, keep_key, sink);
        Fetch::<Option<T>>::new(out).await?.ok_or(Error::NotFound)
    }

    fn value_args(&self, vals: Vec<Option<Value>>, explicit_id: bool) -> (Args, Option<Value>) {
        let schema = self.schema();
        let mut args = Args::with_capacity(vals.len() + self.xtra_len());
        let mut id_arg = None;
        for (i, (c, v)) in schema.columns.iter().zip(vals).enumerate() {
            if let Some(v) = v {
                if explicit_id && i == schema.pk[0] {
                    id_arg = Some(v.clone());
                }
                args.push(v, Some(c.ty));
            }
        }
        (args, id_arg)
    }

    /// Insert the row, or update it if its primary key exists (in scope); returns the stored
    /// row. On an auto-id table a row without an id (`0`) is inserted, and a row with an id
    /// updates that row: the database makes an auto-id table's keys, so a key no row in scope
    /// has is [`Error::NotFound`] (as a key that exists outside the scope is) and nothing is
    /// written.
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
        if self.schema().auto_id() {
            return self.update(row).await;
        }
        self.pk_values(&vals)?;
        let s = self.shape();
        let schema = &s.schema;
        let full = vals.iter().all(Option::is_some);
        let build = |g: &mut SqlGen<'_>| {
            insert_into(g, &vals);
            g.push(" ON CONFLICT (")
                .col_list(schema.pk.iter().map(|&i| schema.columns[i].name.as_str()))
                .push(") DO UPDATE SET ");
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
            g.where_xtra(true);
            g.push(" RETURNING ").cols();
        };
        let sql = if full {
            self.fixed(Fixed::UpsertFull, build)
        } else {
            self.build(build)
        };
        let (mut args, _) = self.value_args(vals, false);
        self.push_xtra(&mut args);
        self.fetch_one(sql, args, true).await
    }
}

/// `INSERT INTO "t" ("a", "b") VALUES (?, ?)` for the columns that have a value.
fn insert_into(g: &mut SqlGen<'_>, vals: &[Option<Value>]) {
    let s = g.s;
    let set = || {
        s.schema
            .columns
            .iter()
            .zip(vals)
            .filter(|(_, v)| v.is_some())
    };
    g.push("INSERT INTO ")
        .table()
        .push(" (")
        .col_list(set().map(|(c, _)| c.name.as_str()))
        .push(") VALUES (");
    for k in 0..set().count() {
        if k > 0 {
            g.push(", ");
        }
        g.ph();
    }
    g.push(")");
}

/// After an explicit id went into an identity column (PostgreSQL), move the sequence past it
/// so later generated ids do not collide (and never go backwards). Not generic over the row
/// type: compiled once.
async fn bump_identity(db: &Database, shape: &Shape, id: Value) -> Result<()> {
    if db.dialect() != Dialect::Postgres {
        return Ok(());
    }
    let s = &shape.schema;
    let sql = "SELECT setval(s, GREATEST($3, COALESCE(pg_sequence_last_value(s::regclass), 0), 1)) FROM pg_get_serial_sequence($1, $2) AS s WHERE s IS NOT NULL";
    let mut a = Args::default();
    a.push(Value::Text(crate::quote_ident(&s.name)), None);
    a.push(Value::Text(s.columns[s.pk[0]].name.clone()), None);
    a.push(id, Some(crate::SqlType::Integer));
    let sink = Box::new(Typed::<Unit, Option<()>>::new(Unit));
    db.fetch(shape, sql.into(), a, true, 1, sink).await?;
    Ok(())
}

/// An insert's work with the row type erased (`crate::erased`), on the handle as untyped rows:
/// compiled once, not once per record type. `sink` decodes the row `RETURNING` gives.
async fn insert_untyped(
    t: Table<Row>,
    mut vals: Vec<Option<Value>>,
    keep_key: bool,
    sink: Box<dyn Sink>,
) -> Result<Out> {
    let schema = t.schema_arc();
    // The database makes the key unless the caller asked to keep a key the row sets.
    let auto = schema.auto_id() && (!keep_key || t.auto_id_unset(&vals));
    if auto {
        vals[schema.pk[0]] = None;
    }
    let explicit_id = schema.auto_id() && !auto;
    let build = |g: &mut SqlGen<'_>| {
        insert_into(g, &vals);
        g.push(" RETURNING ").cols();
    };
    if vals.iter().all(Option::is_none) {
        if !auto {
            return Err(Error::InvalidInput("insert of an empty row".into()));
        }
        // only the generated id: every other column takes its default
        let sql = t.build(|g| {
            g.push("INSERT INTO ")
                .table()
                .push(" DEFAULT VALUES RETURNING ")
                .cols();
        });
        return t
            .database()
            .fetch(t.shape(), sql, Args::default(), true, 1, sink)
            .await;
    }
    let unset = vals.iter().filter(|v| v.is_none()).count();
    let sql = match (unset, auto) {
        (0, _) => t.fixed(Fixed::InsertFull, build),
        (1, true) => t.fixed(Fixed::InsertAuto, build),
        _ => t.build(build),
    };
    let (args, id_arg) = t.value_args(vals, explicit_id);
    let r = t
        .database()
        .fetch(t.shape(), sql, args, true, 1, sink)
        .await?;
    if let Some(id) = id_arg {
        bump_identity(t.database(), t.shape(), id).await?;
    }
    Ok(r)
}
