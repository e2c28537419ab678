//! Statements of several record types share one path to the backend, generic only at its ends
//! (the decoder, and the result given back in its type): rows of one type never come back as
//! another's, in either read mode, under concurrent reads and writes.

mod common;

use common::{Todo, todo};
use ft_data::{Database, ReadMode, Record, SqliteOptions};

#[derive(Record, Debug, Clone, PartialEq)]
struct Note {
    id: i64,
    body: String,
    stars: i64,
}

fn note(body: &str, stars: i64) -> Note {
    Note {
        id: 0,
        body: body.into(),
        stars,
    }
}

/// 200 tasks, each inserting a row of one of the two types and reading both tables back (rows,
/// one row, a count, a partial select), on a multi-threaded runtime where writes contend for
/// the writer and, in `Blocking` mode, reads run on tokio's blocking pool.
async fn mixed(mode: ReadMode) {
    let dir = std::env::temp_dir().join(common::unique("row_types"));
    std::fs::create_dir_all(&dir).unwrap();
    let opts = SqliteOptions {
        read_mode: mode,
        ..Default::default()
    };
    let db = Database::open_with(dir.join("m.db"), opts).await.unwrap();
    let todos = db.create::<Todo>().await.unwrap();
    let notes = db.create::<Note>().await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..200i64 {
        let (todos, notes) = (todos.clone(), notes.clone());
        tasks.push(tokio::spawn(async move {
            if i % 2 == 0 {
                let t = todos.insert(&todo(&format!("t{i}"), "n")).await.unwrap();
                assert_eq!(todos.get(t.id).await.unwrap(), t);
            } else {
                let n = notes.insert(&note(&format!("n{i}"), i)).await.unwrap();
                assert_eq!(notes.get(n.id).await.unwrap(), n);
            }
            let all_todos: Vec<Todo> = todos.all().await.unwrap();
            assert!(all_todos.iter().all(|t| t.title.starts_with('t')));
            let all_notes: Vec<Note> = notes.all().await.unwrap();
            assert!(all_notes.iter().all(|n| n.body == format!("n{}", n.stars)));
            notes.query().count().await.unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(todos.query().count().await.unwrap(), 100);
    assert_eq!(notes.query().count().await.unwrap(), 100);
    let top = notes
        .query()
        .order_by("stars desc")
        .limit(1)
        .select("body")
        .fetch()
        .await
        .unwrap();
    assert_eq!(top[0]["body"], "n199");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_row_types_inline_reads() {
    mixed(ReadMode::Inline).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_row_types_blocking_reads() {
    mixed(ReadMode::Blocking).await;
}
