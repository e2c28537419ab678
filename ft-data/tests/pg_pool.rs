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
