//! SQLite's row loop (not generic over the row type, so an app linked against ft-data as a
//! shared library references no SQLite symbol itself): a row that fails to decode is an
//! error naming its column, the statement is stepped to its end all the same, and the
//! connection serves the next statement; a lookup that wants one row takes the first.

use ft_data::{Database, Error, Record, Table};

#[derive(Record, Debug, Clone, PartialEq)]
#[table(name = "counts")]
struct Count {
    id: i64,
    label: String,
    n: i64,
}

/// A database file of the test's own (reads go through the reader pool, as in an app).
async fn table_with_a_bad_middle_row(test: &str) -> (std::path::PathBuf, Database, Table<Count>) {
    let dir = std::env::temp_dir().join(format!("ft-row-loop-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = Database::open(dir.join("loop.db")).await.unwrap();
    let counts = db.create::<Count>().await.unwrap();
    for (label, n) in [("a", 1), ("b", 2), ("c", 3)] {
        counts
            .insert(&Count {
                id: 0,
                label: label.into(),
                n,
            })
            .await
            .unwrap();
    }
    // SQLite keeps what it is given: a text that is no number in the integer column.
    db.execute("UPDATE counts SET n = 'many' WHERE label = 'b'", Vec::new())
        .await
        .unwrap();
    (dir, db, counts)
}

#[tokio::test]
async fn a_row_that_does_not_decode_is_an_error_naming_its_column() {
    let (dir, _db, counts) = table_with_a_bad_middle_row("error").await;
    match counts.query().order_by("id").fetch().await {
        Err(Error::Conversion { column, .. }) => assert_eq!(column, "n"),
        other => panic!("expected a conversion error on `n`, got {other:?}"),
    }
    // The connection is ready for the next statements, the same one included.
    let good = counts
        .query()
        .filter("n < ?", ft_data::params![3])
        .order_by("id")
        .fetch()
        .await
        .unwrap();
    assert_eq!(good.iter().map(|c| c.n).collect::<Vec<_>>(), [1]);
    assert!(counts.query().order_by("id").fetch().await.is_err());
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_lookup_takes_the_first_row_and_the_rest_is_not_decoded() {
    let (dir, _db, counts) = table_with_a_bad_middle_row("first").await;
    let first = counts.query().order_by("id").first().await.unwrap();
    assert_eq!(first.map(|c| c.label), Some("a".to_string()));
    assert_eq!(counts.get(3).await.unwrap().label, "c");
    assert!(counts.get(2).await.is_err(), "the bad row itself");
    std::fs::remove_dir_all(dir).unwrap();
}
