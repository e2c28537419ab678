//! ft-data benchmark: inserts/s, get-by-pk/s and a 100-row query/s, for ft-data (SQLite with
//! reads inline and on the blocking pool), raw rusqlite, raw sqlx (SQLite, tuned), fastlite
//! (Python, run from here), and, when DATABASE_URL is set, ft-data and raw sqlx on
//! PostgreSQL. One run, one table; ratios are against raw rusqlite.
//!
//! `cargo bench -p ft-data --bench data` (set `FT_BENCH_SCALE=0.2` for a quick run).

mod common;

use common::{Raw, Todo, fresh, todo};
use ft_data::{Database, ReadMode, SqliteOptions, Table};
use std::time::Instant;

struct Sizes {
    insert: usize,
    get: usize,
    query: usize,
}

#[derive(Clone, Copy, Default)]
struct Res {
    insert: f64,
    get: f64,
    query: f64,
}

fn rate(n: usize, t: Instant) -> f64 {
    n as f64 / t.elapsed().as_secs_f64()
}

async fn ft_data(db: Database, s: &Sizes) -> Res {
    let t: Table<Todo> = db.create::<Todo>().await.expect("create");
    let t0 = Instant::now();
    for i in 0..s.insert {
        t.insert(&todo(i)).await.expect("insert");
    }
    let insert = rate(s.insert, t0);
    let t0 = Instant::now();
    for i in 0..s.get {
        let r = t.get((i % s.insert) as i64 + 1).await.expect("get");
        std::hint::black_box(r);
    }
    let get = rate(s.get, t0);
    let t0 = Instant::now();
    for _ in 0..s.query {
        std::hint::black_box(common::ft_query100(&t).await);
    }
    Res {
        insert,
        get,
        query: rate(s.query, t0),
    }
}

fn rusqlite_raw(s: &Sizes) -> Res {
    let raw = Raw::open("rusqlite.db", 0);
    let t0 = Instant::now();
    for i in 0..s.insert {
        std::hint::black_box(raw.insert(&todo(i)));
    }
    let insert = rate(s.insert, t0);
    let t0 = Instant::now();
    for i in 0..s.get {
        std::hint::black_box(raw.get((i % s.insert) as i64 + 1));
    }
    let get = rate(s.get, t0);
    let t0 = Instant::now();
    for _ in 0..s.query {
        std::hint::black_box(raw.query100());
    }
    Res {
        insert,
        get,
        query: rate(s.query, t0),
    }
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

async fn sqlx_sqlite(s: &Sizes) -> Res {
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
    sqlx::query("CREATE TABLE todo (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done BOOLEAN NOT NULL, name TEXT NOT NULL, priority INTEGER NOT NULL)")
        .execute(&pool)
        .await
        .expect("schema");
    run_sqlx(&pool, s, "?1", "?2", "?3", "?4").await
}

async fn run_sqlx<DB: sqlx::Database>(
    pool: &sqlx::Pool<DB>,
    s: &Sizes,
    p1: &str,
    p2: &str,
    p3: &str,
    p4: &str,
) -> Res
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
    i64: for<'a> sqlx::Decode<'a, DB> + for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    bool: for<'a> sqlx::Decode<'a, DB> + for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: for<'a> sqlx::Decode<'a, DB> + for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let ins: &'static str = Box::leak(
        format!("INSERT INTO todo (title, done, name, priority) VALUES ({p1}, {p2}, {p3}, {p4}) RETURNING id, title, done, name, priority")
            .into_boxed_str(),
    );
    let get: &'static str = Box::leak(
        format!("SELECT id, title, done, name, priority FROM todo WHERE id = {p1}")
            .into_boxed_str(),
    );
    let t0 = Instant::now();
    for i in 0..s.insert {
        let v = todo(i);
        let r = sqlx::query(ins)
            .bind(v.title)
            .bind(v.done)
            .bind(v.name)
            .bind(v.priority)
            .fetch_one(pool)
            .await
            .expect("insert");
        std::hint::black_box(todo_from(&r));
    }
    let insert = rate(s.insert, t0);
    let t0 = Instant::now();
    for i in 0..s.get {
        let r = sqlx::query(get)
            .bind((i % s.insert) as i64 + 1)
            .fetch_one(pool)
            .await
            .expect("get");
        std::hint::black_box(todo_from(&r));
    }
    let getr = rate(s.get, t0);
    let t0 = Instant::now();
    for _ in 0..s.query {
        let rows =
            sqlx::query("SELECT id, title, done, name, priority FROM todo ORDER BY id LIMIT 100")
                .fetch_all(pool)
                .await
                .expect("query");
        let v: Vec<Todo> = rows.iter().map(todo_from).collect();
        assert_eq!(v.len(), 100);
        std::hint::black_box(v);
    }
    Res {
        insert,
        get: getr,
        query: rate(s.query, t0),
    }
}

fn fastlite(s: &Sizes) -> Option<Res> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/fastlite_bench.py");
    let path = fresh("fastlite.db");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&path)
        .arg(s.insert.to_string())
        .arg(s.get.to_string())
        .arg(s.query.to_string())
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

fn main() {
    let scale: f64 = std::env::var("FT_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let n = |x: f64| ((x * scale) as usize).max(100);
    let s = Sizes {
        insert: n(5000.0),
        get: n(50000.0),
        query: n(5000.0),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut rows: Vec<(&str, Res)> = Vec::new();
    rows.push(("raw rusqlite (sync)", rusqlite_raw(&s)));
    rows.push((
        "ft-data SQLite (reads inline)",
        rt.block_on(async {
            let db = Database::open(fresh("ft-inline.db")).await.expect("open");
            ft_data(db, &s).await
        }),
    ));
    rows.push((
        "ft-data SQLite (reads on blocking pool)",
        rt.block_on(async {
            let opts = SqliteOptions {
                read_mode: ReadMode::Blocking,
                ..Default::default()
            };
            let db = Database::open_with(fresh("ft-blocking.db"), opts)
                .await
                .expect("open");
            ft_data(db, &s).await
        }),
    ));
    rows.push((
        "ft-data SQLite :memory:",
        rt.block_on(async {
            let db = Database::open(":memory:").await.expect("open");
            ft_data(db, &s).await
        }),
    ));
    rows.push(("raw sqlx SQLite (tuned)", rt.block_on(sqlx_sqlite(&s))));
    match fastlite(&s) {
        Some(r) => rows.push(("fastlite 0.2.4 (Python)", r)),
        None => println!("fastlite: not run (python3 with fastlite not available)"),
    }
    if let Ok(url) = std::env::var("DATABASE_URL") {
        let schema = format!("ft_bench_{}", std::process::id());
        rows.push((
            "ft-data PostgreSQL",
            rt.block_on(async {
                let db = Database::connect_in_schema(&url, Some(&schema))
                    .await
                    .expect("pg");
                let r = ft_data(db.clone(), &s).await;
                db.execute(&format!("DROP SCHEMA \"{schema}\" CASCADE"), vec![])
                    .await
                    .expect("drop");
                r
            }),
        ));
        rows.push((
            "raw sqlx PostgreSQL",
            rt.block_on(async {
                // a regular table in its own schema, like ft-data's (a TEMP table would skip
                // the WAL and flatter raw sqlx)
                use std::str::FromStr;
                let raw_schema = format!("ft_bench_raw_{}", std::process::id());
                let setup = sqlx::postgres::PgPoolOptions::new().max_connections(1).connect(&url).await.expect("pg");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{raw_schema}\"")))
                    .execute(&setup)
                    .await
                    .expect("schema");
                let opts = sqlx::postgres::PgConnectOptions::from_str(&url)
                    .expect("url")
                    .options([("search_path", raw_schema.as_str())]);
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(4)
                    .connect_with(opts)
                    .await
                    .expect("pg");
                sqlx::query("CREATE TABLE todo (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title TEXT NOT NULL, done BOOLEAN NOT NULL, name TEXT NOT NULL, priority BIGINT NOT NULL)")
                    .execute(&pool)
                    .await
                    .expect("table");
                let r = run_sqlx(&pool, &s, "$1", "$2", "$3", "$4").await;
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA \"{raw_schema}\" CASCADE")))
                    .execute(&setup)
                    .await
                    .expect("drop");
                r
            }),
        ));
    } else {
        println!("PostgreSQL rows skipped (DATABASE_URL not set)");
    }
    let base = rows[0].1;
    println!(
        "\nft-data benchmark: {} inserts, {} gets by pk, {} queries of 100 rows (ops/s; ratio vs raw rusqlite)\n",
        s.insert, s.get, s.query
    );
    println!(
        "| {:<40} | {:>16} | {:>16} | {:>16} |",
        "", "insert/s", "get by pk/s", "100-row query/s"
    );
    println!("|{:-<42}|{:->18}|{:->18}|{:->18}|", "", "", "", "");
    for (name, r) in &rows {
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
