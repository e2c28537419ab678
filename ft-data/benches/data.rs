//! ft-data benchmark: inserts/s, get-by-pk/s and a 100-row query/s, for ft-data (SQLite with
//! reads inline and on the blocking pool, and `:memory:`), raw rusqlite, raw sqlx (SQLite,
//! tuned), fastlite (Python, run from here), and, when DATABASE_URL is set, ft-data and raw
//! sqlx on PostgreSQL. Ratios are against raw rusqlite.
//!
//! The Rust variants run in interleaved rounds (each round: every variant does a batch of the
//! operation, one after another) and each keeps its best round, so a burst of load from other
//! processes on the machine does not land on one variant only. fastlite runs once, in its own
//! process.
//!
//! `cargo bench -p ft-data --bench data` (`FT_BENCH_SCALE=0.2` for a quick run,
//! `FT_BENCH_ROUNDS` for the number of rounds, default 5).

mod common;

use common::{Raw, Todo, fresh, todo};
use ft_data::{Database, ReadMode, SqliteOptions, Table};
use std::hint::black_box;
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

#[derive(Clone, Copy, Default)]
struct Res {
    insert: f64,
    get: f64,
    query: f64,
}

/// One contestant: runs a batch of an operation and says how long it took.
trait Variant {
    /// Insert rows `from..from + n`.
    fn insert(&mut self, from: usize, n: usize) -> Duration;
    /// `n` gets by primary key, over ids `1..=rows`.
    fn get(&mut self, n: usize, rows: usize) -> Duration;
    /// `n` queries of 100 rows.
    fn query(&mut self, n: usize) -> Duration;
}

fn timed(f: impl FnOnce()) -> Duration {
    let t0 = Instant::now();
    f();
    t0.elapsed()
}

fn id(i: usize, rows: usize) -> i64 {
    (i % rows) as i64 + 1
}

impl Variant for Raw {
    fn insert(&mut self, from: usize, n: usize) -> Duration {
        let rows: Vec<Todo> = (from..from + n).map(todo).collect();
        timed(|| {
            rows.iter()
                .for_each(|r| drop(black_box(Raw::insert(self, r))))
        })
    }
    fn get(&mut self, n: usize, rows: usize) -> Duration {
        timed(|| (0..n).for_each(|i| drop(black_box(Raw::get(self, id(i, rows))))))
    }
    fn query(&mut self, n: usize) -> Duration {
        timed(|| (0..n).for_each(|_| drop(black_box(self.query100()))))
    }
}

struct Ft<'a> {
    rt: &'a Runtime,
    t: Table<Todo>,
}

impl Ft<'_> {
    fn run<F: Future<Output = ()>>(&self, f: F) -> Duration {
        self.rt.block_on(async {
            let t0 = Instant::now();
            f.await;
            t0.elapsed()
        })
    }
}

impl Variant for Ft<'_> {
    fn insert(&mut self, from: usize, n: usize) -> Duration {
        let rows: Vec<Todo> = (from..from + n).map(todo).collect();
        self.run(async {
            for r in &rows {
                black_box(self.t.insert(r).await.expect("insert"));
            }
        })
    }
    fn get(&mut self, n: usize, rows: usize) -> Duration {
        self.run(async {
            for i in 0..n {
                black_box(self.t.get(id(i, rows)).await.expect("get"));
            }
        })
    }
    fn query(&mut self, n: usize) -> Duration {
        self.run(async {
            for _ in 0..n {
                black_box(common::ft_query100(&self.t).await);
            }
        })
    }
}

struct Sqlx<'a, DB: sqlx::Database> {
    rt: &'a Runtime,
    pool: sqlx::Pool<DB>,
    insert: &'static str,
    get: &'static str,
}

fn todo_from<R: sqlx::Row>(r: &R) -> Todo
where
    usize: sqlx::ColumnIndex<R>,
    i64: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    bool: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Todo {
        id: r.get(0),
        title: r.get(1),
        done: r.get(2),
        name: r.get(3),
        priority: r.get(4),
    }
}

impl<'a, DB: sqlx::Database> Sqlx<'a, DB> {
    /// `ph(n)` is the dialect's n-th placeholder.
    fn new(rt: &'a Runtime, pool: sqlx::Pool<DB>, ph: fn(usize) -> String) -> Self {
        let insert = format!(
            "INSERT INTO todo (title, done, name, priority) VALUES ({}, {}, {}, {}) RETURNING id, title, done, name, priority",
            ph(1),
            ph(2),
            ph(3),
            ph(4)
        );
        let get = format!(
            "SELECT id, title, done, name, priority FROM todo WHERE id = {}",
            ph(1)
        );
        Sqlx {
            rt,
            pool,
            insert: Box::leak(insert.into_boxed_str()),
            get: Box::leak(get.into_boxed_str()),
        }
    }
}

impl<DB: sqlx::Database> Variant for Sqlx<'_, DB>
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
    i64: for<'a> sqlx::Decode<'a, DB> + for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    bool: for<'a> sqlx::Decode<'a, DB> + for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: for<'a> sqlx::Decode<'a, DB> + for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    fn insert(&mut self, from: usize, n: usize) -> Duration {
        let rows: Vec<Todo> = (from..from + n).map(todo).collect();
        self.rt.block_on(async {
            let t0 = Instant::now();
            for v in rows {
                let r = sqlx::query(self.insert)
                    .bind(v.title)
                    .bind(v.done)
                    .bind(v.name)
                    .bind(v.priority)
                    .fetch_one(&self.pool)
                    .await
                    .expect("insert");
                black_box(todo_from(&r));
            }
            t0.elapsed()
        })
    }
    fn get(&mut self, n: usize, rows: usize) -> Duration {
        self.rt.block_on(async {
            let t0 = Instant::now();
            for i in 0..n {
                let r = sqlx::query(self.get)
                    .bind(id(i, rows))
                    .fetch_one(&self.pool)
                    .await
                    .expect("get");
                black_box(todo_from(&r));
            }
            t0.elapsed()
        })
    }
    fn query(&mut self, n: usize) -> Duration {
        self.rt.block_on(async {
            let t0 = Instant::now();
            for _ in 0..n {
                let rows = sqlx::query(
                    "SELECT id, title, done, name, priority FROM todo ORDER BY id LIMIT 100",
                )
                .fetch_all(&self.pool)
                .await
                .expect("query");
                let v: Vec<Todo> = rows.iter().map(todo_from).collect();
                assert_eq!(v.len(), 100);
                black_box(v);
            }
            t0.elapsed()
        })
    }
}

const TODO_SQLITE: &str = "CREATE TABLE todo (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done BOOLEAN NOT NULL, name TEXT NOT NULL, priority INTEGER NOT NULL)";
const TODO_PG: &str = "CREATE TABLE todo (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title TEXT NOT NULL, done BOOLEAN NOT NULL, name TEXT NOT NULL, priority BIGINT NOT NULL)";

async fn sqlx_sqlite() -> sqlx::SqlitePool {
    use sqlx::sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    };
    let opts = SqliteConnectOptions::new()
        .filename(fresh("sqlx.db"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .statement_cache_capacity(128);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await
        .expect("sqlx sqlite");
    sqlx::query(TODO_SQLITE)
        .execute(&pool)
        .await
        .expect("schema");
    pool
}

/// Raw sqlx on PostgreSQL: a regular table in its own schema, like ft-data's (a TEMP table
/// would skip the WAL and flatter raw sqlx). Returns the pool and the schema to drop.
async fn sqlx_pg(url: &str) -> (sqlx::PgPool, String) {
    use std::str::FromStr;
    let schema = format!("ft_bench_raw_{}", std::process::id());
    let opts = sqlx::postgres::PgConnectOptions::from_str(url).expect("url");
    let setup = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect_with(opts.clone())
        .await
        .expect("pg");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{schema}\"")))
        .execute(&setup)
        .await
        .expect("schema");
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect_with(opts.options([("search_path", schema.as_str())]))
        .await
        .expect("pg");
    sqlx::query(TODO_PG).execute(&pool).await.expect("table");
    (pool, schema)
}

async fn drop_schema(db: &Database, schema: &str) {
    db.execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"), vec![])
        .await
        .expect("drop");
}

fn fastlite(insert: usize, get: usize, query: usize) -> Option<Res> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/fastlite_bench.py");
    let path = fresh("fastlite.db");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&path)
        .arg(insert.to_string())
        .arg(get.to_string())
        .arg(query.to_string())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("fastlite: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(Res {
        insert: v["insert"].as_f64()?,
        get: v["get"].as_f64()?,
        query: v["query100"].as_f64()?,
    })
}

fn env_num(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let scale = env_num("FT_BENCH_SCALE", 1.0);
    let rounds = env_num("FT_BENCH_ROUNDS", 5.0).max(1.0) as usize;
    let n = |x: f64| ((x * scale) as usize).max(20);
    let (n_insert, n_get, n_query) = (n(1000.0), n(10000.0), n(1000.0));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let ft = |db: Database| -> Ft<'_> {
        Ft {
            rt: &rt,
            t: rt.block_on(db.create::<Todo>()).expect("create"),
        }
    };
    let open = |name: &str, mode: ReadMode| {
        let opts = SqliteOptions {
            read_mode: mode,
            ..Default::default()
        };
        rt.block_on(Database::open_with(fresh(name), opts))
            .expect("open")
    };
    let mut variants: Vec<(&str, Box<dyn Variant + '_>)> = vec![
        ("raw rusqlite (sync)", Box::new(Raw::open("rusqlite.db", 0))),
        (
            "ft-data SQLite (reads inline)",
            Box::new(ft(open("ft-inline.db", ReadMode::Inline))),
        ),
        (
            "ft-data SQLite (reads on blocking pool)",
            Box::new(ft(open("ft-blocking.db", ReadMode::Blocking))),
        ),
        (
            "ft-data SQLite :memory:",
            Box::new(ft(rt.block_on(Database::open(":memory:")).expect("open"))),
        ),
        (
            "raw sqlx SQLite (tuned)",
            Box::new(Sqlx::new(&rt, rt.block_on(sqlx_sqlite()), |i| {
                format!("?{i}")
            })),
        ),
    ];
    let url = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty());
    let mut cleanup = Vec::new();
    if let Some(url) = &url {
        let schema = format!("ft_bench_{}", std::process::id());
        let db = rt
            .block_on(Database::connect_in_schema(url, Some(&schema)))
            .expect("pg");
        cleanup.push((db.clone(), schema));
        variants.push(("ft-data PostgreSQL", Box::new(ft(db))));
        let (pool, raw_schema) = rt.block_on(sqlx_pg(url));
        cleanup.push((cleanup[0].0.clone(), raw_schema));
        variants.push((
            "raw sqlx PostgreSQL",
            Box::new(Sqlx::new(&rt, pool, |i| format!("${i}"))),
        ));
    } else {
        println!("PostgreSQL rows skipped (DATABASE_URL not set)");
    }

    let mut best = vec![Res::default(); variants.len()];
    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    for r in 0..rounds {
        for (k, (_, v)) in variants.iter_mut().enumerate() {
            let ops = rate(n_insert, v.insert(r * n_insert, n_insert));
            best[k].insert = best[k].insert.max(ops);
        }
    }
    let rows = rounds * n_insert;
    for _ in 0..rounds {
        for (k, (_, v)) in variants.iter_mut().enumerate() {
            best[k].get = best[k].get.max(rate(n_get, v.get(n_get, rows)));
        }
    }
    for _ in 0..rounds {
        for (k, (_, v)) in variants.iter_mut().enumerate() {
            best[k].query = best[k].query.max(rate(n_query, v.query(n_query)));
        }
    }
    let mut table: Vec<(&str, Res)> = variants.iter().map(|(n, _)| *n).zip(best).collect();
    match fastlite(rows, rounds * n_get, rounds * n_query) {
        Some(r) => table.insert(5, ("fastlite 0.2.4 (Python, one pass)", r)),
        None => println!("fastlite: not run (python3 with fastlite not available)"),
    }
    drop(variants);
    for (db, schema) in &cleanup {
        rt.block_on(drop_schema(db, schema));
    }

    let base = table[0].1;
    println!(
        "\nft-data benchmark: best of {rounds} interleaved rounds of {n_insert} inserts, {n_get} gets by pk, {n_query} queries of 100 rows (ops/s; ratio vs raw rusqlite)\n"
    );
    println!(
        "| {:<40} | {:>16} | {:>16} | {:>16} |",
        "", "insert/s", "get by pk/s", "100-row query/s"
    );
    println!("|{:-<42}|{:->18}|{:->18}|{:->18}|", "", "", "", "");
    for (name, r) in &table {
        let cell = |v: f64, b: f64| format!("{:>8.0} ({:.2}x)", v, v / b);
        println!(
            "| {:<40} | {:>16} | {:>16} | {:>16} |",
            name,
            cell(r.insert, base.insert),
            cell(r.get, base.get),
            cell(r.query, base.query)
        );
    }
    common::cleanup();
}
