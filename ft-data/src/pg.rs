//! The PostgreSQL backend, on sqlx (a connection pool; statements are prepared and cached per
//! connection by sqlx).

use crate::decode::{Collect, Decode};
use crate::sql::Args;
use crate::{Error, ReadRow, Result, SqlType, Value, ValueRef};
use sqlx::postgres::{PgArguments, PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::query::Query;
use sqlx::{AssertSqlSafe, Column, Postgres, Row, TypeInfo, ValueRef as _};
use std::str::FromStr;
use std::sync::Arc;

pub(crate) struct Pg {
    pub pool: sqlx::PgPool,
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Error {
        if let sqlx::Error::Database(d) = &e {
            use sqlx::error::ErrorKind;
            if matches!(
                d.kind(),
                ErrorKind::UniqueViolation
                    | ErrorKind::ForeignKeyViolation
                    | ErrorKind::NotNullViolation
                    | ErrorKind::CheckViolation
            ) {
                return Error::Constraint(d.message().to_owned());
            }
            // SQLSTATE class 22 (data exception: out of range, too long) and 54 (limit exceeded:
            // an indexed text too long for its index) come from the values the client sent.
            if let Some(code) = d
                .code()
                .filter(|c| c.starts_with("22") || c.starts_with("54"))
            {
                return Error::InvalidInput(format!("the database refused a value ({code})"));
            }
        }
        Error::Database(e.to_string())
    }
}

/// A pooled connection idle for this long is pinged before it is handed out again.
const IDLE_PING: std::time::Duration = std::time::Duration::from_secs(1);

impl Pg {
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<Pg> {
        let mut opts = PgConnectOptions::from_str(url)?.statement_cache_capacity(256);
        if let Some(s) = schema {
            let mut c = sqlx::ConnectOptions::connect(&opts).await?;
            let sql = format!("CREATE SCHEMA IF NOT EXISTS {}", crate::quote_ident(s));
            sqlx::Executor::execute(&mut c, sqlx::query(AssertSqlSafe(sql))).await?;
            sqlx::Connection::close(c).await?;
            opts = opts.options([("search_path", s)]);
        }
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        let pool = PgPoolOptions::new()
            .max_connections(u32::try_from(cpus * 4).unwrap_or(16).clamp(4, 32))
            // sqlx pings every connection it hands out: a round trip per query. A connection
            // in steady use is known to be alive; only one that sat idle (the server may have
            // restarted or dropped it meanwhile) is pinged first.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= IDLE_PING {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect_with(opts)
            .await?;
        Ok(Pg { pool })
    }

    pub async fn query<D: Decode, C: Collect<D::Out>>(
        &self,
        sql: Arc<str>,
        args: Args,
        decode: &D,
    ) -> Result<C> {
        let rows = bind(sqlx::query(AssertSqlSafe(sql)), args)
            .fetch_all(&self.pool)
            .await?;
        let mut out = C::with_capacity(rows.len());
        for r in &rows {
            if !out.push(decode.decode(&PgRowRef(r))?) {
                break;
            }
        }
        Ok(out)
    }

    pub async fn execute(&self, sql: Arc<str>, args: Args) -> Result<u64> {
        Ok(bind(sqlx::query(AssertSqlSafe(sql)), args)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    pub async fn query_raw(&self, sql: String, args: Args) -> Result<crate::RawRows> {
        let rows = bind(sqlx::query(AssertSqlSafe(sql)), args)
            .fetch_all(&self.pool)
            .await?;
        let names = rows.first().map_or_else(Vec::new, |r| {
            r.columns().iter().map(|c| c.name().to_owned()).collect()
        });
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

fn bind(mut q: Query<'_, Postgres, PgArguments>, args: Args) -> Query<'_, Postgres, PgArguments> {
    for (v, t) in args.into_typed() {
        q = match v {
            Value::Null => match t {
                Some(SqlType::Integer) => q.bind(None::<i64>),
                Some(SqlType::Real) => q.bind(None::<f64>),
                Some(SqlType::Bool) => q.bind(None::<bool>),
                Some(SqlType::Blob) => q.bind(None::<Vec<u8>>),
                Some(SqlType::Text) | None => q.bind(None::<String>),
            },
            Value::Integer(i) => q.bind(i),
            Value::Real(f) => q.bind(f),
            Value::Text(s) => q.bind(s),
            Value::Blob(b) => q.bind(b),
            Value::Bool(b) => q.bind(b),
        };
    }
    q
}

struct PgRowRef<'a>(&'a PgRow);

/// The PostgreSQL types ft-data reads, by the name sqlx gives them.
enum PgKind {
    Int8,
    Int4,
    Int2,
    Float8,
    Float4,
    Bool,
    Bytea,
    Text,
}

impl ReadRow for PgRowRef<'_> {
    fn value_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        let r = self.0;
        let raw = r.try_get_raw(idx)?;
        if raw.is_null() {
            return Ok(ValueRef::Null);
        }
        let kind = match raw.type_info().name() {
            "INT8" => PgKind::Int8,
            "INT4" => PgKind::Int4,
            "INT2" => PgKind::Int2,
            "FLOAT8" => PgKind::Float8,
            "FLOAT4" => PgKind::Float4,
            "BOOL" => PgKind::Bool,
            "BYTEA" => PgKind::Bytea,
            "TEXT" | "VARCHAR" | "BPCHAR" | "NAME" | "CHAR" => PgKind::Text,
            other => {
                return Err(Error::Database(format!(
                    "column {idx} has PostgreSQL type {other}, which ft-data does not read"
                )));
            }
        };
        drop(raw);
        Ok(match kind {
            PgKind::Int8 => ValueRef::Integer(r.try_get::<i64, _>(idx)?),
            PgKind::Int4 => ValueRef::Integer(i64::from(r.try_get::<i32, _>(idx)?)),
            PgKind::Int2 => ValueRef::Integer(i64::from(r.try_get::<i16, _>(idx)?)),
            PgKind::Float8 => ValueRef::Real(r.try_get::<f64, _>(idx)?),
            PgKind::Float4 => ValueRef::Real(f64::from(r.try_get::<f32, _>(idx)?)),
            PgKind::Bool => ValueRef::Bool(r.try_get::<bool, _>(idx)?),
            PgKind::Bytea => ValueRef::Blob(r.try_get::<&[u8], _>(idx)?),
            PgKind::Text => ValueRef::Text(r.try_get::<&str, _>(idx)?),
        })
    }
}
