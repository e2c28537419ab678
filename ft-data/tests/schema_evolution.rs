//! A table whose struct changes, and several instances creating one schema at once.

mod common;

use ft_data::{CreateOptions, Database};

mod v1 {
    #[derive(ft_data::Record, Debug, Clone)]
    #[table(name = "book")]
    pub struct Book {
        pub id: i64,
        pub title: String,
        pub done: bool,
    }
}

mod v2 {
    /// Two fields added, one of them indexed.
    #[derive(ft_data::Record, Debug, Clone)]
    #[table(name = "book", index = "author")]
    pub struct Book {
        pub id: i64,
        pub title: String,
        pub done: bool,
        pub author: String,
        pub rating: Option<f64>,
    }
}

mod v3 {
    /// `title` is now a number: it no longer fits the stored text.
    #[derive(ft_data::Record, Debug, Clone)]
    #[table(name = "book")]
    pub struct Book {
        pub id: i64,
        pub title: i64,
    }
}

const TRANSFORM: CreateOptions = CreateOptions {
    transform: true,
    replace: false,
};

async fn evolves(db: Database) {
    let books = db.create::<v1::Book>().await.unwrap();
    books
        .insert(&v1::Book {
            id: 0,
            title: "Dune".into(),
            done: true,
        })
        .await
        .unwrap();
    let books = db.create_with::<v2::Book>(TRANSFORM).await.unwrap();
    let b = books.get(1).await.unwrap();
    assert_eq!(
        (b.title.as_str(), b.author.as_str(), b.rating),
        ("Dune", "", None)
    );
    let b = books
        .insert(&v2::Book {
            id: 0,
            title: "Emma".into(),
            done: false,
            author: "Austen".into(),
            rating: Some(4.5),
        })
        .await
        .unwrap();
    assert_eq!(b.id, 2);
    // Starting again changes nothing; the old struct still reads its columns.
    db.create_with::<v2::Book>(TRANSFORM).await.unwrap();
    let old = db.table::<v1::Book>().get(1).await.unwrap();
    assert!(old.done);

    let err = db.create_with::<v3::Book>(TRANSFORM).await.unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("\"book\"") && msg.contains("\"title\""),
        "{msg}"
    );
    assert_eq!(books.query().count().await.unwrap(), 2, "nothing changed");
}

#[tokio::test]
async fn a_field_added_to_the_struct_becomes_a_column_and_rows_stay() {
    evolves(Database::open(":memory:").await.unwrap()).await;
    if let Some(url) = common::pg_url("a_field_added_to_the_struct_becomes_a_column_and_rows_stay")
    {
        let (db, schema) = common::pg("evolve", &url).await;
        evolves(db.clone()).await;
        common::drop_schema(&db, &schema).await;
    }
}

/// Four instances of an app start at once on an empty PostgreSQL schema, twenty times: each
/// creates the tables (with an index) and adds a column, and every one of them starts.
#[tokio::test]
async fn concurrent_starts_on_postgresql_all_succeed() {
    let Some(url) = common::pg_url("concurrent_starts_on_postgresql_all_succeed") else {
        return;
    };
    for round in 0..20 {
        let (admin, schema) = common::pg(&format!("race{round}"), &url).await;
        admin.execute("SELECT 1", vec![]).await.unwrap(); // the schema exists
        let starts = (0..4).map(|_| {
            let (url, schema) = (url.clone(), schema.clone());
            tokio::spawn(async move {
                let db = Database::connect_in_schema(&url, Some(&schema)).await?;
                db.create::<v1::Book>().await?;
                db.create_with::<v2::Book>(TRANSFORM).await.map(|_| ())
            })
        });
        for (i, start) in futures_join(starts).await.into_iter().enumerate() {
            if let Err(e) = start {
                panic!("round {round}, instance {i}: {e}");
            }
        }
        common::drop_schema(&admin, &schema).await;
    }
}

async fn futures_join(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<ft_data::Result<()>>>,
) -> Vec<ft_data::Result<()>> {
    let mut out = Vec::new();
    for t in tasks.collect::<Vec<_>>() {
        out.push(t.await.expect("task"));
    }
    out
}
