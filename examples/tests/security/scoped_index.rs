//! Scoped queries: the column a beforeware scopes by has an index, so one user's page does
//! not read every other user's rows. (The page's speed beside another user's 100k rows is
//! measured by `bench/scoped.sh`.)

use crate::common::{TempDir, logged_in};
use crate::todo;

/// SQLite's plan for the todo page's query, as the scoped handle runs it.
async fn plan(db: &ft_web::data::Database) -> String {
    let sql = r#"EXPLAIN QUERY PLAN SELECT "id", "title", "done", "name", "details", "priority" FROM "todos" WHERE "name" = ? ORDER BY "priority""#;
    let rows = db.q(sql, vec!["alice".into()]).await.unwrap();
    rows.iter()
        .map(|r| r["detail"].as_str().unwrap_or("").to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

/// FastHTML's todo app has no index on `name` (fastlite creates only the table), so every
/// page scans the table. ft's todo declares `#[table(index = "name")]`.
#[ft_web::test]
async fn scoped_index_the_todo_page_searches_by_index() {
    let dir = TempDir::new("sec-index");
    let path = dir.file("t.db");
    let c = logged_in(todo::app(&path), "alice").await;
    assert_eq!(c.get("/").send().await.status(), 200);
    let db = ft_web::data::Database::open(&path).await.unwrap();
    let p = plan(&db).await;
    assert!(
        p.contains("USING INDEX idx_todos_name") && !p.contains("SCAN todos"),
        "{p}"
    );
}

#[derive(ft_web::prelude::Record, Clone, Debug)]
struct Note {
    id: i64,
    owner: String,
    text: String,
}

/// A table that declares nothing still gets an index on the column it is scoped by, the
/// first time a scoped handle is used (and only then: unscoped tables get none).
#[ft_web::test]
async fn scoped_index_an_undeclared_scope_column_gets_an_index() {
    let dir = TempDir::new("sec-index");
    let db = ft_web::data::Database::open(&dir.file("n.db"))
        .await
        .unwrap();
    let notes = db.create::<Note>().await.unwrap();
    let indexes = || async {
        db.q(
            "select name from sqlite_master where type = 'index' and tbl_name = 'note'",
            vec![],
        )
        .await
        .unwrap()
        .len()
    };
    notes.all().await.unwrap();
    assert_eq!(indexes().await, 0);
    let mine = notes.xtra("owner", "alice").unwrap();
    assert!(mine.all().await.unwrap().is_empty());
    assert_eq!(indexes().await, 1);
    let sql = r#"EXPLAIN QUERY PLAN SELECT "id" FROM "note" WHERE "owner" = ?"#;
    let p = db.q(sql, vec!["alice".into()]).await.unwrap();
    assert!(
        format!("{p:?}").contains("INDEX idx_note_owner (owner=?)"),
        "{p:?}"
    );
}
