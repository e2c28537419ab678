//! The SQLite backend, on rusqlite.
//!
//! - One writer connection behind a mutex: in-process writers queue on the mutex (never on
//!   SQLite's lock, so "database is locked" cannot come from our own writers). An uncontended
//!   write runs inline; a contended one waits on tokio's blocking pool, where `busy_timeout`
//!   covers other processes.
//! - A pool of reader connections (WAL lets readers run beside the writer). Reads run inline on
//!   the calling task by default (see `ReadMode`): a WAL read never waits for a lock, and the
//!   thread hop would cost more than the read.
//! - Every connection keeps a prepared-statement cache.
//! - WAL checkpoints run on a thread of their own, not inside a write (`checkpoint.rs`).

use crate::checkpoint::Checkpointer;
use crate::decode::{Collect, Decode};
use crate::erased::{Out, boxed, unbox};
use crate::sql::Args;
use crate::{Error, ReadRow, Result, Value, ValueRef};
use rusqlite::Connection;
use rusqlite::types::{ToSqlOutput, ValueRef as SqlRef};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

/// Where SQLite reads run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReadMode {
    /// On the calling task's thread, with a pooled reader connection (the default: fastest;
    /// WAL readers never wait on locks). Suits short queries, which is what a page does.
    #[default]
    Inline,
    /// On tokio's blocking pool (for long analytical queries that should not hold an executor
    /// thread).
    Blocking,
}

/// Options for [`crate::Database::open_with`].
///
/// ```
/// let o = ft_data::SqliteOptions::default();
/// assert_eq!(o.busy_timeout_ms, 5000);
/// ```
#[derive(Clone, Debug)]
pub struct SqliteOptions {
    /// Where reads run.
    pub read_mode: ReadMode,
    /// Most reader connections kept open (default: 2 x CPUs, at least 4).
    pub max_readers: usize,
    /// How long a writer waits for another process's lock, in milliseconds.
    pub busy_timeout_ms: u32,
    /// Prepared statements cached per connection.
    pub statement_cache: usize,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        SqliteOptions {
            read_mode: ReadMode::Inline,
            max_readers: (cpus * 2).max(4),
            busy_timeout_ms: 5000,
            statement_cache: 128,
        }
    }
}

pub(crate) struct Sqlite {
    writer: Arc<Mutex<Connection>>,
    /// WAL checkpoints (files only).
    checkpoints: Option<Arc<Checkpointer>>,
    busy_timeout_ms: u32,
    readers: Option<Arc<ReaderPool>>,
    mode: ReadMode,
}

struct ReaderPool {
    path: PathBuf,
    /// Up to `max_readers` connections, each opened on first use.
    slots: Box<[Mutex<Option<Connection>>]>,
    opts: SqliteOptions,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves a usable connection (SQLite rolls back an
    // unfinished statement), so poisoning is ignored.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Refuse double-quoted string literals: with them SQLite reads `"no_such_column"` as the
/// text 'no_such_column' instead of failing.
fn strict_quotes(c: &Connection) -> Result<()> {
    c.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DQS_DML, false)?;
    c.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DQS_DDL, false)?;
    Ok(())
}

fn configure(c: &Connection, o: &SqliteOptions) -> Result<()> {
    strict_quotes(c)?;
    c.busy_timeout(std::time::Duration::from_millis(u64::from(
        o.busy_timeout_ms,
    )))?;
    c.set_prepared_statement_cache_capacity(o.statement_cache);
    c.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

impl Sqlite {
    pub fn open(path: &str, opts: SqliteOptions) -> Result<Sqlite> {
        let memory = path == ":memory:" || path.is_empty();
        if memory {
            let c = Connection::open_in_memory()?;
            configure(&c, &opts)?;
            return Ok(Sqlite {
                writer: Arc::new(Mutex::new(c)),
                checkpoints: None,
                busy_timeout_ms: opts.busy_timeout_ms,
                readers: None,
                mode: opts.read_mode,
            });
        }
        let p = Path::new(path);
        if let Some(dir) = p.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::Database(format!("creating {}: {e}", dir.display())))?;
        }
        let c = Connection::open(p)?;
        configure(&c, &opts)?;
        let mode: String = c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Database(format!(
                "could not enable WAL on {path} (journal_mode is {mode})"
            )));
        }
        c.busy_timeout(std::time::Duration::ZERO)?;
        let checkpoints = Checkpointer::install(&c, p.to_path_buf());
        Ok(Sqlite {
            writer: Arc::new(Mutex::new(c)),
            checkpoints: Some(Arc::new(checkpoints)),
            busy_timeout_ms: opts.busy_timeout_ms,
            readers: Some(Arc::new(ReaderPool {
                path: p.to_path_buf(),
                slots: (0..opts.max_readers.max(1))
                    .map(|_| Mutex::new(None))
                    .collect(),
                opts: opts.clone(),
            })),
            mode: opts.read_mode,
        })
    }

    /// Run `f` with the writer connection. Fast path: when no other task holds the writer,
    /// run inline with SQLite's busy timeout at zero (an uncontended WAL write takes
    /// microseconds, less than a thread hop). If the writer is taken, or another process holds
    /// SQLite's lock (`SQLITE_BUSY`), the write goes to tokio's blocking pool and waits there
    /// (mutex, then busy timeout), never on an executor thread.
    pub async fn write<R, F>(&self, f: F) -> Result<R>
    where
        F: Fn(&mut Connection) -> Result<R> + Send + 'static,
        R: Send + 'static,
    {
        unbox(self.write_boxed(Box::new(move |c| f(c).map(boxed))).await?)
    }

    /// [`Sqlite::write`] with the job and its result boxed: one copy of this code and of
    /// tokio's blocking task serves every row type (each generic copy is compiled again into
    /// the app on every rebuild).
    pub(crate) async fn write_boxed(&self, f: WriteJob) -> Result<Out> {
        if let Ok(mut c) = self.writer.try_lock() {
            let r = f(&mut c);
            after_write(&self.checkpoints, &c);
            drop(c);
            match r {
                Err(Error::Busy) => {}
                r => return r,
            }
        }
        let w = self.writer.clone();
        let checkpoints = self.checkpoints.clone();
        let timeout = std::time::Duration::from_millis(u64::from(self.busy_timeout_ms));
        blocking(Box::new(move || {
            let mut c = lock(&w);
            c.busy_timeout(timeout)?;
            let r = f(&mut c);
            c.busy_timeout(std::time::Duration::ZERO)?;
            after_write(&checkpoints, &c);
            r
        }))
        .await
    }

    /// Run `f` with a reader connection (the writer for `:memory:`).
    pub async fn read<R, F>(&self, f: F) -> Result<R>
    where
        F: FnOnce(&Connection) -> Result<R> + Send + 'static,
        R: Send + 'static,
    {
        if self.reads_inline() {
            return self.read_inline(f);
        }
        let w = self.writer.clone();
        let pool = self.readers.clone();
        unbox(
            blocking(Box::new(move || match &pool {
                Some(p) => p.with(f).map(boxed),
                None => f(&lock(&w)).map(boxed),
            }))
            .await?,
        )
    }

    /// Whether reads run on the calling thread ([`ReadMode::Inline`]).
    pub fn reads_inline(&self) -> bool {
        self.mode == ReadMode::Inline
    }

    /// Run `f` with a reader connection (the writer for `:memory:`) on this thread.
    pub fn read_inline<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        match &self.readers {
            Some(p) => p.with(f),
            None => f(&lock(&self.writer)),
        }
    }
}

/// A write, run once on the writer, or again in the blocking pool when SQLite was busy.
pub(crate) type WriteJob = Box<dyn Fn(&mut Connection) -> Result<Out> + Send>;

/// Runs `job` on tokio's blocking pool.
async fn blocking(job: Box<dyn FnOnce() -> Result<Out> + Send>) -> Result<Out> {
    match tokio::task::spawn_blocking(job).await {
        Ok(r) => r,
        Err(e) => Err(Error::Database(format!("database task failed: {e}"))),
    }
}

fn after_write(cp: &Option<Arc<Checkpointer>>, c: &Connection) {
    if let Some(cp) = cp {
        cp.after_write(c);
    }
}

impl ReaderPool {
    /// Run `f` with the first free reader (opened on first use); when every reader is busy,
    /// with one opened for this read only.
    fn with<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let (mut f, mut out) = (Some(f), None);
        self.with_dyn(&mut |c| out = f.take().map(|f| f(c)))?;
        out.unwrap_or_else(|| Err(Error::Database("no reader ran the query".into())))
    }

    /// [`ReaderPool::with`]'s work, not generic (one copy for every row type).
    fn with_dyn(&self, f: &mut dyn FnMut(&Connection)) -> Result<()> {
        for slot in self.slots.iter() {
            let mut c = match slot.try_lock() {
                Ok(c) => c,
                Err(TryLockError::Poisoned(p)) => p.into_inner(),
                Err(TryLockError::WouldBlock) => continue,
            };
            let conn = match &mut *c {
                Some(conn) => conn,
                empty => empty.insert(self.open()?),
            };
            f(conn);
            return Ok(());
        }
        f(&self.open()?);
        Ok(())
    }

    fn open(&self) -> Result<Connection> {
        let c = Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_URI
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        c.busy_timeout(std::time::Duration::from_millis(u64::from(
            self.opts.busy_timeout_ms,
        )))?;
        c.set_prepared_statement_cache_capacity(self.opts.statement_cache);
        strict_quotes(&c)?;
        Ok(c)
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => SqlRef::Null,
            Value::Integer(i) => SqlRef::Integer(*i),
            Value::Real(f) => SqlRef::Real(*f),
            Value::Text(s) => SqlRef::Text(s.as_bytes()),
            Value::Blob(b) => SqlRef::Blob(b),
            Value::Bool(b) => SqlRef::Integer(i64::from(*b)),
        }))
    }
}

struct SqliteRow<'a, 'b>(&'a rusqlite::Row<'b>);

impl ReadRow for SqliteRow<'_, '_> {
    #[inline(always)]
    fn value_ref(&self, idx: usize) -> Result<ValueRef<'_>> {
        Ok(match self.0.get_ref(idx)? {
            SqlRef::Null => ValueRef::Null,
            SqlRef::Integer(i) => ValueRef::Integer(i),
            SqlRef::Real(f) => ValueRef::Real(f),
            SqlRef::Text(t) => ValueRef::Text(
                std::str::from_utf8(t)
                    .map_err(|e| Error::Database(format!("invalid UTF-8 in column {idx}: {e}")))?,
            ),
            SqlRef::Blob(b) => ValueRef::Blob(b),
        })
    }
}

/// Run a query and decode its rows into `C` (`cap`: how many rows to make room for). The
/// statement is always stepped to its end: a write's commit (and its WAL hook) happens there.
pub(crate) fn query<D: Decode, C: Collect<D::Out>>(
    c: &Connection,
    sql: &str,
    args: &Args,
    cap: usize,
    decode: &D,
) -> Result<C> {
    let mut out = C::with_capacity(cap);
    let mut failed = None;
    let stepped = each_row(c, sql, args, &mut |row| match decode.decode(row) {
        Ok(v) => out.push(v),
        Err(e) => {
            failed = Some(e);
            false
        }
    });
    // The first error is the one to report: a row that did not decode comes before any
    // error stepping past it.
    match (failed, stepped) {
        (Some(e), _) | (None, Err(e)) => Err(e),
        (None, Ok(())) => Ok(out),
    }
}

/// Steps the statement to its end, handing each row to `each` until it answers `false` (a
/// row that failed to decode included: the rest is stepped through all the same). Not
/// generic: rusqlite's stepping (`sqlite3_step`, `sqlite3_reset`) is compiled here once,
/// not into the app for every row type, so an app linked against ft-data in a shared
/// library references no SQLite symbol of its own.
fn each_row(
    c: &Connection,
    sql: &str,
    args: &Args,
    each: &mut dyn FnMut(&SqliteRow<'_, '_>) -> bool,
) -> Result<()> {
    let mut st = c.prepare_cached(sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(args.values()))?;
    let mut more = true;
    while let Some(row) = rows.next()? {
        if more {
            more = each(&SqliteRow(row));
        }
    }
    Ok(())
}

/// Run a statement, returning the number of changed rows.
pub(crate) fn execute(c: &Connection, sql: &str, args: &Args) -> Result<u64> {
    let mut st = c.prepare_cached(sql)?;
    let n = st.execute(rusqlite::params_from_iter(args.values()))?;
    Ok(n as u64)
}

/// Rows of a raw query as `(column names, values)`.
pub(crate) fn query_raw(c: &Connection, sql: &str, args: &Args) -> Result<crate::RawRows> {
    let mut st = c.prepare(sql)?;
    let names: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
    let decls: Vec<Option<crate::SqlType>> = st
        .columns()
        .iter()
        .map(|c| c.decl_type().map(crate::SqlType::from_decl))
        .collect();
    let n = names.len();
    let mut rows = st.query(rusqlite::params_from_iter(args.values()))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let r = SqliteRow(row);
        let mut vals = Vec::with_capacity(n);
        for (i, decl) in decls.iter().enumerate() {
            let v = r.value_ref(i)?;
            vals.push(
                match decl {
                    Some(t) => t.coerce_read(v),
                    None => v,
                }
                .to_value(),
            );
        }
        out.push(vals);
    }
    Ok(crate::RawRows { names, rows: out })
}
