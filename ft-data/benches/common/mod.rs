//! What the ft-data benchmarks share: the row type, the data, and raw rusqlite doing the same
//! operations by hand (the peer ft-data is measured against).
#![allow(dead_code)]

use ft_data::{Database, Record, Table};
use std::path::PathBuf;

#[derive(Record, Debug, Clone)]
pub struct Todo {
    pub id: i64,
    pub title: String,
    pub done: bool,
    pub name: String,
    pub priority: i64,
}

pub fn todo(i: usize) -> Todo {
    Todo {
        id: 0,
        title: format!("todo number {i}"),
        done: i.is_multiple_of(3),
        name: format!("user{}", i % 7),
        priority: (i % 5) as i64,
    }
}

/// A fresh database path in this process's temp folder (old files removed).
pub fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ft-data-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(name);
    for suf in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suf}", p.display()));
    }
    p
}

pub fn cleanup() {
    let _ = std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("ft-data-bench-{}", std::process::id())),
    );
}

/// ft-data's table on a fresh SQLite file, with `seed` rows.
pub async fn ft_table(name: &str, seed: usize) -> Table<Todo> {
    let db = Database::open(fresh(name)).await.expect("open");
    let t = db.create::<Todo>().await.expect("create");
    for i in 0..seed {
        t.insert(&todo(i)).await.expect("seed");
    }
    // reads start from the same state in every variant: the seed copied into the file
    db.q("PRAGMA wal_checkpoint(TRUNCATE)", vec![])
        .await
        .expect("checkpoint");
    t
}

pub async fn ft_query100(t: &Table<Todo>) -> Vec<Todo> {
    let rows = t
        .query()
        .order_by("id")
        .limit(100)
        .fetch()
        .await
        .expect("query");
    assert_eq!(rows.len(), 100);
    rows
}

/// Hand-written rusqlite: one connection (WAL, `synchronous = NORMAL`), cached statements,
/// the same SQL ft-data sends.
pub struct Raw(pub rusqlite::Connection);

fn map(r: &rusqlite::Row<'_>) -> rusqlite::Result<Todo> {
    Ok(Todo {
        id: r.get(0)?,
        title: r.get(1)?,
        done: r.get(2)?,
        name: r.get(3)?,
        priority: r.get(4)?,
    })
}

impl Raw {
    pub fn open(name: &str, seed: usize) -> Raw {
        let c = rusqlite::Connection::open(fresh(name)).expect("open");
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE todo (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done BOOLEAN NOT NULL, name TEXT NOT NULL, priority INTEGER NOT NULL)",
        )
        .expect("schema");
        let raw = Raw(c);
        for i in 0..seed {
            raw.insert(&todo(i));
        }
        raw.0
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        raw
    }

    pub fn insert(&self, v: &Todo) -> Todo {
        let mut st = self
            .0
            .prepare_cached("INSERT INTO todo (title, done, name, priority) VALUES (?1, ?2, ?3, ?4) RETURNING id, title, done, name, priority")
            .expect("prepare");
        st.query_row(rusqlite::params![v.title, v.done, v.name, v.priority], map)
            .expect("insert")
    }

    pub fn get(&self, id: i64) -> Todo {
        let mut st = self
            .0
            .prepare_cached("SELECT id, title, done, name, priority FROM todo WHERE id = ?1")
            .expect("prepare");
        st.query_row([id], map).expect("get")
    }

    pub fn query100(&self) -> Vec<Todo> {
        let mut st = self
            .0
            .prepare_cached(
                "SELECT id, title, done, name, priority FROM todo ORDER BY id LIMIT 100",
            )
            .expect("prepare");
        let rows: Vec<Todo> = st
            .query_map([], map)
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(rows.len(), 100);
        rows
    }
}
