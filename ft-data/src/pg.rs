//! The PostgreSQL backend, on tokio-postgres with a deadpool-postgres pool: statements are
//! prepared once per connection and cached, parameters are sent with their types, and rows
//! are read straight from the driver's buffers. (It was on sqlx; the numbers that decided
//! the move are in ARCHITECTURE.md and docs/perf-pg.md.)

use crate::decode::Decode;
use crate::erased::RowSink;
use crate::sql::Args;
use crate::{Error, ReadRow, Result, SqlType, Value, ValueRef};
use deadpool_postgres::{
    Manager, ManagerConfig, Object, Pool, PoolError, RecyclingMethod, Runtime, TimeoutType,
    Timeouts,
};
use futures_util::TryStreamExt;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::types::{FromSql, ToSql, Type};
use tokio_postgres::{NoTls, Row, RowStream, Statement};

pub(crate) struct Pg {
    pool: Pool,
}

/// Statements cached per connection, at most: ft's own SQL is a few per table, but raw SQL
/// (`Database::q`) may be built with varying text, and each connection's cache would grow with it.
const MAX_CACHED: usize = 256;
/// How long a request waits for a free connection before it fails (sqlx's default).
const WAIT: Duration = Duration::from_secs(30);

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Error {
        if let Some(d) = e.as_db_error() {
            let code = d.code().code();
            // 23502 not null, 23503 foreign key, 23505 unique, 23514 check.
            if matches!(code, "23502" | "23503" | "23505" | "23514") {
                return Error::Constraint(d.message().to_owned());
            }
            // SQLSTATE class 22 (data exception: out of range, too long) and 54 (limit exceeded:
            // an indexed text too long for its index) come from the values the client sent.
            if code.starts_with("22") || code.starts_with("54") {
                return Error::InvalidInput(format!("the database refused a value ({code})"));
            }
            return Error::Database(format!("error returned from database: {}", d.message()));
        }
        Error::Database(e.to_string())
    }
}

impl From<deadpool_postgres::PoolError> for Error {
    fn from(e: deadpool_postgres::PoolError) -> Error {
        match e {
            deadpool_postgres::PoolError::Backend(e) => e.into(),
            other => Error::Database(format!("database pool: {other}")),
        }
    }
}

/// `value` as a `-c` option of the connection string: spaces and backslashes escaped.
fn option_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c == ' ' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Pg {
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<Pg> {
        let mut cfg: tokio_postgres::Config = url
            .parse()
            .map_err(|e| Error::Database(format!("database URL: {e}")))?;
        if let Some(s) = schema {
            let (client, conn) = cfg.connect(NoTls).await?;
            let task = tokio::spawn(conn);
            let sql = format!("CREATE SCHEMA IF NOT EXISTS {}", crate::quote_ident(s));
            client.batch_execute(&sql).await?;
            drop(client);
            let _ = task.await;
            let path = format!("-c search_path={}", option_value(&crate::quote_ident(s)));
            let options = match cfg.get_options() {
                Some(o) if !o.is_empty() => format!("{o} {path}"),
                _ => path,
            };
            cfg.options(&options);
        }
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        // A connection the server closed (a restart, an idle timeout) is noticed by its
        // driver task and not handed out again; nothing is sent to test the others.
        let manager = Manager::from_config(
            cfg,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size((cpus * 4).clamp(4, 32))
            .wait_timeout(Some(WAIT))
            .create_timeout(Some(WAIT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| Error::Database(format!("database pool: {e}")))?;
        // One connection now, so a bad URL or an unreachable server is an error here.
        drop(pool.get().await?);
        Ok(Pg { pool })
    }

    /// A connection from the pool: a free one at once, without arming the wait's timer (the
    /// usual case), else the first one given back within [`WAIT`]. (The semaphore behind the
    /// pool hands a permit to the requests already waiting first, so trying at once does
    /// not jump their queue.)
    async fn connection(&self) -> Result<Object> {
        let at_once = Timeouts {
            wait: Some(Duration::ZERO),
            ..self.pool.timeouts()
        };
        match self.pool.timeout_get(&at_once).await {
            Err(PoolError::Timeout(TimeoutType::Wait)) => Ok(self.pool.get().await?),
            other => Ok(other?),
        }
    }

    /// A connection and the statement for `sql` with these parameters' types, prepared on it
    /// once and cached.
    async fn prepare(&self, sql: &str, params: &Params) -> Result<(Lease, Statement)> {
        let client = Lease(Some(self.connection().await?));
        let prepared = {
            let c = client.get()?;
            if c.statement_cache.size() >= MAX_CACHED {
                c.statement_cache.clear();
            }
            c.prepare_typed_cached(sql, &params.types).await
        };
        match prepared {
            Ok(stmt) => Ok((client, stmt)),
            Err(e) => client.finish(Err(e)),
        }
    }

    /// Runs a statement that returns rows, handing each to `rows` as the driver reads it.
    pub(crate) async fn query(
        &self,
        sql: Arc<str>,
        args: Args,
        rows: &mut dyn RowSink,
    ) -> Result<()> {
        let params = Params::new(args);
        let (client, stmt) = self.prepare(&sql, &params).await?;
        let decoded = fetch(client.get()?, &stmt, &params, rows).await;
        client.finish(decoded)?
    }

    pub async fn execute(&self, sql: Arc<str>, args: Args) -> Result<u64> {
        let params = Params::new(args);
        let (client, stmt) = self.prepare(&sql, &params).await?;
        let n = client.get()?.execute_raw(&stmt, params.refs()).await;
        client.finish(n)
    }

    pub async fn query_raw(&self, sql: String, args: Args) -> Result<crate::RawRows> {
        let params = Params::new(args);
        let (client, stmt) = self.prepare(&sql, &params).await?;
        let rows = client.get()?.query_raw(&stmt, params.refs()).await;
        let rows: Vec<Row> = client.finish(collect_rows(rows).await)?;
        let names: Vec<String> = stmt.columns().iter().map(|c| c.name().to_owned()).collect();
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let r = PgRowRef(r);
            let mut vals = Vec::with_capacity(names.len());
            for i in 0..names.len() {
                vals.push(r.value_ref(i)?.to_value());
            }
            out.push(vals);
        }
        Ok(crate::RawRows { names, rows: out })
    }
}

/// Runs `stmt` and hands each row to `sink` as the driver hands it over, so no `Vec` of the
/// driver's rows is built and a row's buffers are freed before the next row is read. The rows
/// are read to their end even when the sink wants no more or a row fails to decode, so the
/// connection goes back to the pool ready; the outer error is the driver's (it decides what
/// becomes of the connection, [`Lease::finish`]), the inner one the decoding's. Not generic
/// over the row type (`crate::erased`).
async fn fetch(
    client: &Object,
    stmt: &Statement,
    params: &Params,
    sink: &mut dyn RowSink,
) -> std::result::Result<Result<()>, tokio_postgres::Error> {
    let rows = client.query_raw(stmt, params.refs()).await?;
    let mut rows = std::pin::pin!(rows);
    let (mut failed, mut wanted) = (None, true);
    while let Some(row) = rows.try_next().await? {
        if !wanted {
            continue;
        }
        match sink.push(&row) {
            Ok(more) => wanted = more,
            Err(e) => {
                failed = Some(e);
                wanted = false;
            }
        }
    }
    Ok(failed.map_or(Ok(()), Err))
}

/// One row decoded by `decode` (for `erased::Typed`'s [`RowSink`]).
pub(crate) fn decode_row<D: Decode>(decode: &D, row: &Row) -> Result<D::Out> {
    decode.decode(&PgRowRef(row))
}

/// Every row of a raw query (`Database::q`), which reads the columns by index.
async fn collect_rows(
    rows: std::result::Result<RowStream, tokio_postgres::Error>,
) -> std::result::Result<Vec<Row>, tokio_postgres::Error> {
    rows?.try_collect().await
}

/// A pooled connection in use. Dropped before [`Lease::done`] (the caller's future was
/// dropped mid-query: a client gone, a timeout), the connection may still be busy with the
/// statement on the server, so it is not given back to the pool: it is closed, and the
/// statement cancelled, in the background.
struct Lease(Option<Object>);

impl Lease {
    fn get(&self) -> Result<&Object> {
        self.0
            .as_ref()
            .ok_or_else(|| Error::Database("the connection was given back".into()))
    }
    /// The statement's outcome. When it ran to its end (or the server refused it), the
    /// connection goes back to the pool; after any other error (the connection broke) it is
    /// closed.
    fn finish<T>(mut self, r: std::result::Result<T, tokio_postgres::Error>) -> Result<T> {
        match r {
            Ok(v) => {
                drop(self.0.take());
                Ok(v)
            }
            Err(e) => {
                if e.as_db_error().is_some() {
                    drop(self.0.take());
                }
                Err(e.into())
            }
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        let Some(obj) = self.0.take() else { return };
        let client = Object::take(obj);
        let cancel = client.cancel_token();
        drop(client);
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                let _ = cancel.cancel_query(NoTls).await;
            });
        }
    }
}

/// A statement's parameters with the PostgreSQL type each is sent as (the statement is
/// prepared with them, so `$1` of an `int4` column takes an `int8`, as with any client that
/// types its parameters). The values are sent from the arguments, without a copy or a box.
struct Params {
    args: Args,
    types: Vec<Type>,
}

impl Params {
    fn new(args: Args) -> Params {
        let types = args
            .typed()
            .map(|(v, t)| match (v, t) {
                (Value::Integer(_), _) | (Value::Null, Some(SqlType::Integer)) => Type::INT8,
                (Value::Real(_), _) | (Value::Null, Some(SqlType::Real)) => Type::FLOAT8,
                (Value::Bool(_), _) | (Value::Null, Some(SqlType::Bool)) => Type::BOOL,
                (Value::Blob(_), _) | (Value::Null, Some(SqlType::Blob)) => Type::BYTEA,
                (Value::Text(_), _) | (Value::Null, Some(SqlType::Text) | None) => Type::TEXT,
            })
            .collect();
        Params { args, types }
    }

    /// Each value as the driver takes it, lent from the arguments; a NULL as the `None` of its
    /// type's Rust type (the driver checks each parameter's Rust type against the statement's).
    fn refs(&self) -> impl ExactSizeIterator<Item = &(dyn ToSql + Sync)> {
        self.args
            .values()
            .zip(&self.types)
            .map(|(v, ty)| -> &(dyn ToSql + Sync) {
                match v {
                    Value::Null => null_of(ty),
                    Value::Integer(i) => i,
                    Value::Real(f) => f,
                    Value::Text(s) => s,
                    Value::Blob(b) => b,
                    Value::Bool(b) => b,
                }
            })
    }
}

/// The NULL of a parameter of type `ty` (one of the types [`Params::new`] gives).
fn null_of(ty: &Type) -> &'static (dyn ToSql + Sync) {
    static INT: Option<i64> = None;
    static REAL: Option<f64> = None;
    static BOOL: Option<bool> = None;
    static BLOB: Option<Vec<u8>> = None;
    static TEXT: Option<String> = None;
    if *ty == Type::INT8 {
        &INT
    } else if *ty == Type::FLOAT8 {
        &REAL
    } else if *ty == Type::BOOL {
        &BOOL
    } else if *ty == Type::BYTEA {
        &BLOB
    } else {
        &TEXT
    }
}

struct PgRowRef<'a>(&'a Row);

impl ReadRow for PgRowRef<'_> {
    fn value_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        let r = self.0;
        let Some(col) = r.columns().get(idx) else {
            return Err(Error::Database(format!("no column {idx} in the row")));
        };
        match r.try_get::<_, Cell>(idx)? {
            Cell::Read(v) => Ok(v),
            Cell::Unread => Err(Error::Database(format!(
                "column {idx} has PostgreSQL type {}, which ft-data does not read",
                col.type_().name().to_ascii_uppercase()
            ))),
        }
    }
}

/// A column's value as ft-data reads it. One `FromSql` for every type, so reading a column is
/// one call into the driver whatever its type; a NULL of any type, even one ft-data does not
/// read, is NULL.
enum Cell<'a> {
    Read(ValueRef<'a>),
    /// A value of a type ft-data does not read.
    Unread,
}

impl<'a> FromSql<'a> for Cell<'a> {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, FromSqlError> {
        let v = if *ty == Type::INT8 {
            ValueRef::Integer(i64::from_sql(ty, raw)?)
        } else if *ty == Type::INT4 {
            ValueRef::Integer(i64::from(i32::from_sql(ty, raw)?))
        } else if *ty == Type::INT2 {
            ValueRef::Integer(i64::from(i16::from_sql(ty, raw)?))
        } else if *ty == Type::FLOAT8 {
            ValueRef::Real(f64::from_sql(ty, raw)?)
        } else if *ty == Type::FLOAT4 {
            ValueRef::Real(f64::from(f32::from_sql(ty, raw)?))
        } else if *ty == Type::BOOL {
            ValueRef::Bool(bool::from_sql(ty, raw)?)
        } else if *ty == Type::BYTEA {
            ValueRef::Blob(<&[u8]>::from_sql(ty, raw)?)
        } else if *ty == Type::TEXT
            || *ty == Type::VARCHAR
            || *ty == Type::BPCHAR
            || *ty == Type::NAME
        {
            // What `&str`'s `FromSql` does with these four types, without first comparing the
            // type's name with the ltree extension's (three lookups per value).
            ValueRef::Text(std::str::from_utf8(raw)?)
        } else {
            return Ok(Cell::Unread);
        };
        Ok(Cell::Read(v))
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Self, FromSqlError> {
        Ok(Cell::Read(ValueRef::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// What a `FromSql` returns on a value it cannot read.
type FromSqlError = Box<dyn std::error::Error + Sync + Send>;
