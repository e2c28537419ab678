//! Shared test helpers: run one scenario on SQLite and (when DATABASE_URL is set) on
//! PostgreSQL, and check that both give the same transcript.
#![allow(dead_code)]

pub mod minidata;

use ft_data::{Database, Record};
use std::future::Future;

/// The rows the safety and WAL tests write: a title and an owner.
#[derive(Record, Debug, Clone, PartialEq)]
pub struct Todo {
    pub id: i64,
    pub title: String,
    pub name: String,
}

pub fn todo(title: &str, name: &str) -> Todo {
    Todo {
        id: 0,
        title: title.into(),
        name: name.into(),
    }
}

/// A unique PostgreSQL schema name for a test run.
pub fn unique(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("ft_{test}_{}_{nanos}", std::process::id())
}

/// The PostgreSQL URL, or None after printing why the PostgreSQL run is skipped.
pub fn pg_url(test: &str) -> Option<String> {
    if !cfg!(feature = "postgres") {
        println!("skipped: {test} on PostgreSQL (ft-data built without its `postgres` feature)");
        return None;
    }
    match std::env::var("DATABASE_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            println!("skipped: {test} on PostgreSQL (DATABASE_URL not set)");
            None
        }
    }
}

/// A PostgreSQL database in a fresh schema, and the schema's name (for `drop_schema`).
pub async fn pg(test: &str, url: &str) -> (Database, String) {
    let schema = unique(test);
    let db = Database::connect_in_schema(url, Some(&schema))
        .await
        .expect("connect to DATABASE_URL");
    (db, schema)
}

pub async fn drop_schema(db: &Database, schema: &str) {
    db.execute(
        &format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"),
        vec![],
    )
    .await
    .expect("drop test schema");
}

/// Run `scenario` on SQLite (in memory) and on PostgreSQL; assert equal transcripts; return
/// the SQLite one.
pub async fn on_both<F, Fut>(test: &str, scenario: F) -> Vec<String>
where
    F: Fn(Database) -> Fut,
    Fut: Future<Output = Vec<String>>,
{
    let sqlite = scenario(Database::open(":memory:").await.expect("sqlite")).await;
    if let Some(url) = pg_url(test) {
        let (db, schema) = pg(test, &url).await;
        let pg = scenario(db.clone()).await;
        drop_schema(&db, &schema).await;
        for (i, (a, b)) in sqlite.iter().zip(&pg).enumerate() {
            assert_eq!(
                a, b,
                "{test}: line {i} differs between SQLite and PostgreSQL"
            );
        }
        assert_eq!(sqlite.len(), pg.len(), "{test}: transcript lengths differ");
    }
    sqlite
}

/// Compare a transcript with the expected lines, showing both on failure.
pub fn check(got: &[String], want: &[&str]) {
    let got: Vec<&str> = got.iter().map(String::as_str).collect();
    assert_eq!(got, want, "\ngot:\n{}\n", got.join("\n"));
}
