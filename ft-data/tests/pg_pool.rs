//! The PostgreSQL pool hands out connections without a round trip to test them: a
//! connection the server dropped (a restart, an idle timeout, an administrator) is noticed by
//! its driver task and replaced, and the next query goes through. Skipped, saying why,
//! without DATABASE_URL.

mod common;

use common::{Todo, drop_schema, pg_url, todo, unique};
use ft_data::{Database, params};
use std::time::Duration;

#[tokio::test]
async fn connections_the_server_dropped_while_idle_are_replaced() {
    let Some(url) = pg_url("pg_pool") else {
        return;
    };
    // The pool's connections carry a name of their own, so only they are cut below.
    let name = unique("pool");
    let sep = if url.contains('?') { '&' } else { '?' };
    let named = format!("{url}{sep}application_name={name}");
    let schema = unique("pg_pool");
    let db = Database::connect_in_schema(&named, Some(&schema))
        .await
        .expect("connect");
    let todos = db.create::<Todo>().await.unwrap();
    todos.insert(&todo("before", "ann")).await.unwrap();
    assert_eq!(todos.query().count().await.unwrap(), 1);

    // The server ends every connection of the pool, as a restart would.
    let admin = Database::connect(&url).await.expect("connect");
    let cut = admin
        .q(
            "SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = ?",
            params![name.as_str()],
        )
        .await
        .unwrap();
    assert!(!cut.is_empty(), "the pool had connections to cut");

    // The driver tasks read the server's goodbye; the pool then opens new connections.
    tokio::time::sleep(Duration::from_millis(300)).await;
    todos
        .insert(&todo("after", "ann"))
        .await
        .expect("a write after the cut");
    let titles: Vec<String> = todos
        .query()
        .order_by("id")
        .fetch()
        .await
        .expect("a read after the cut")
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(titles, ["before", "after"]);
    drop_schema(&admin, &schema).await;
}

/// A query whose caller gave up (a dropped future: a client gone, a timeout) does not hold up
/// the next query: its connection is closed and the statement cancelled, not put back busy.
#[tokio::test]
async fn a_query_given_up_mid_way_does_not_delay_the_next() {
    let Some(url) = pg_url("pg_pool") else {
        return;
    };
    let db = Database::connect(&url).await.expect("connect");
    let slow = db.q("SELECT pg_sleep(3) AS z", vec![]);
    assert!(
        tokio::time::timeout(Duration::from_millis(100), slow)
            .await
            .is_err(),
        "pg_sleep(3) finished within 100 ms?"
    );
    for _ in 0..16 {
        let t = std::time::Instant::now();
        let rows = db.q("SELECT 1 AS one", vec![]).await.expect("select 1");
        assert_eq!(rows[0]["one"], 1);
        assert!(
            t.elapsed() < Duration::from_millis(1000),
            "a query waited {:?} behind the abandoned one",
            t.elapsed()
        );
    }
}

/// A NULL reads as NULL whatever its type; a value of a type ft-data does not read is an error.
#[tokio::test]
async fn a_null_of_any_type_is_null() {
    let Some(url) = pg_url("pg_pool") else {
        return;
    };
    let db = Database::connect(&url).await.expect("connect");
    let rows = db
        .q("SELECT NULL::numeric AS n, NULL::jsonb AS j", vec![])
        .await
        .expect("NULLs of unread types");
    assert!(rows[0]["n"].is_null() && rows[0]["j"].is_null(), "{rows:?}");
    let err = db.q("SELECT 1.5::numeric AS n", vec![]).await.unwrap_err();
    assert!(err.to_string().contains("NUMERIC"), "{err}");
}
