//! SPEC area 8 (MiniDataAPI) as tests, part 2: rows. Insert, get and contains, update,
//! delete and upsert. Each scenario runs on SQLite and, when DATABASE_URL is set, on
//! PostgreSQL, and must give the same transcript on both. Item numbers refer to SPEC.md; where
//! ft-data deliberately differs from fastlite the comment says why. Tables are in
//! `spec_8_minidata_tables.rs`, queries in `spec_8_minidata_queries.rs`.
mod common;

use common::minidata::*;
use common::{check, on_both};
use ft_data::{Value, row};
use serde_json::json;

/// 8.10-8.20: insert returns the stored row; ids 1, 2, 3; compound pks; duplicate pk is a
/// Constraint error; unknown columns are refused; ids are NOT reused after deletes (fastlite
/// reuses them, 8.17); dynamic inserts return maps.
#[tokio::test]
async fn spec_8b_insert() {
    let got = on_both("spec_8b_insert", |db| async move {
        let mut out = Vec::new();
        let users = db.create::<User>().await.unwrap();
        out.push(format!(
            "{:?}",
            users
                .insert(&user("Braden", "b@example.com", 2018))
                .await
                .unwrap()
        ));
        let todos = db.create::<Todo>().await.unwrap();
        for (t, s, n) in [
            ("Write MiniDataAPI spec", "open", "Braden"),
            ("Implement SSE in FastHTML", "open", "Alma"),
            ("Finish development of FastHTML", "closed", "Charlie"),
        ] {
            out.push(format!("{:?}", todos.insert(&todo(t, s, n)).await.unwrap()));
        }
        let p = db.create::<Publication>().await.unwrap();
        p.insert(&Publication {
            authors: "Alma".into(),
            year: 2019,
            title: "FastHTML".into(),
        })
        .await
        .unwrap();
        out.push(format!(
            "{:?}",
            p.insert(&Publication {
                authors: "Alma".into(),
                year: 2035,
                title: "FastHTML, the early years".into()
            })
            .await
            .unwrap()
        ));
        // 8.13 duplicate pk
        out.push(err(users
            .insert(&user("Braden", "dup", 1))
            .await
            .unwrap_err()));
        // 8.14 unknown column (dynamic rows)
        let du = db.t("user").await.unwrap();
        out.push(err(du
            .insert(&row(json!({"name": "Zed", "nickname": "z"})).unwrap())
            .await
            .unwrap_err()));
        // 8.16 empty insert
        out.push(err(du.insert(&row(json!({})).unwrap()).await.unwrap_err()));
        // 8.17 ids not reused
        todos.delete(3).await.unwrap();
        out.push(format!(
            "{}",
            todos.insert(&todo("d", "open", "x")).await.unwrap().id
        ));
        // explicit ids work through `insert_with_key` (fastlite's insert takes them; ft's
        // `insert` ignores an auto-id table's key, which may come from a request), and later
        // generated ids move past them
        let mut t = todo("explicit", "open", "x");
        t.id = 10;
        out.push(format!("{}", todos.insert_with_key(&t).await.unwrap().id));
        out.push(format!(
            "{}",
            todos.insert(&todo("next", "open", "x")).await.unwrap().id
        ));
        // 8.20 dynamic insert returns a map
        let ddl = match db.dialect() {
            ft_data::Dialect::Sqlite => "create table thing (id integer primary key, name text)",
            ft_data::Dialect::Postgres => {
                "create table thing (id bigserial primary key, name text)"
            }
        };
        db.execute(ddl, vec![]).await.unwrap();
        let thing = db.t("thing").await.unwrap();
        out.push(
            serde_json::Value::Object(
                thing
                    .insert(&row(json!({"name": "raw"})).unwrap())
                    .await
                    .unwrap(),
            )
            .to_string(),
        );
        out
    })
    .await;
    check(
        &got,
        &[
            "User { name: \"Braden\", email: Some(\"b@example.com\"), year_started: 2018 }",
            "Todo { id: 1, title: \"Write MiniDataAPI spec\", detail: None, status: \"open\", name: \"Braden\" }",
            "Todo { id: 2, title: \"Implement SSE in FastHTML\", detail: None, status: \"open\", name: \"Alma\" }",
            "Todo { id: 3, title: \"Finish development of FastHTML\", detail: None, status: \"closed\", name: \"Charlie\" }",
            "Publication { authors: \"Alma\", year: 2035, title: \"FastHTML, the early years\" }",
            "Constraint",
            "InvalidInput",
            "InvalidInput",
            "4",
            "10",
            "11",
            r#"{"id":1,"name":"raw"}"#,
        ],
    );
}

/// 8.21-8.26: get, NotFound, compound keys, wrong arity, try_get, a string key for an
/// integer pk, contains.
#[tokio::test]
async fn spec_8c_get_contains() {
    let got = on_both("spec_8c", |db| async move {
        let mut out = Vec::new();
        let users = users_fixture(&db).await;
        let todos = todos_fixture(&db).await;
        let p = db.create::<Publication>().await.unwrap();
        p.insert(&Publication {
            authors: "Alma".into(),
            year: 2019,
            title: "FastHTML".into(),
        })
        .await
        .unwrap();
        p.insert(&Publication {
            authors: "Alma".into(),
            year: 2030,
            title: "FastHTML and beyond".into(),
        })
        .await
        .unwrap();
        out.push(format!("{:?}", users.get("Alma").await.unwrap()));
        out.push(err(users.get("David").await.unwrap_err()));
        out.push(format!("{:?}", todos.get(1).await.unwrap().title));
        out.push(format!("{:?}", p.get(("Alma", 2019)).await.unwrap().title));
        out.push(format!(
            "{:?}",
            p.get(vec![Value::from("Alma"), Value::from(2030)])
                .await
                .unwrap()
                .title
        ));
        out.push(err(p.get("Alma").await.unwrap_err()));
        out.push(format!("{:?}", users.try_get("Nobody").await.unwrap()));
        out.push(format!("{:?}", todos.get("1").await.unwrap().id));
        out.push(format!(
            "{} {} {} {}",
            users.contains("Alma").await.unwrap(),
            users.contains("John").await.unwrap(),
            p.contains(("Alma", 2019)).await.unwrap(),
            p.contains(("John", 1967)).await.unwrap()
        ));
        out
    })
    .await;
    check(
        &got,
        &[
            "User { name: \"Alma\", email: Some(\"a@example.com\"), year_started: 2019 }",
            "NotFound",
            "\"Write MiniDataAPI spec\"",
            "\"FastHTML\"",
            "\"FastHTML and beyond\"",
            "InvalidKey { expected: 2, got: 1 }",
            "None",
            "1",
            "true false true false",
        ],
    );
}

/// 8.34-8.38: update a whole row, chosen fields, None writes NULL, NotFound, update without
/// the pk is refused, update_fields by key.
#[tokio::test]
async fn spec_8e_update() {
    let got = on_both("spec_8e", |db| async move {
        let mut out = Vec::new();
        let users = users_fixture(&db).await;
        let todos = todos_fixture(&db).await;
        let mut u = users.get("Alma").await.unwrap();
        u.year_started = 2099;
        out.push(format!("{:?}", users.update(&u).await.unwrap()));
        out.push(format!(
            "{:?}",
            users
                .update_fields("Alma", [("year_started", 2149)])
                .await
                .unwrap()
        ));
        out.push(format!(
            "{:?}",
            users
                .update_fields("Alma", [("email", "new@x")])
                .await
                .unwrap()
        ));
        out.push(format!(
            "{:?}",
            users
                .update_fields("Alma", [("email", None::<String>)])
                .await
                .unwrap()
        ));
        out.push(err(users
            .update(&user("John", "j@example.com", 2024))
            .await
            .unwrap_err()));
        let du = db.t("user").await.unwrap();
        out.push(err(du
            .update(&row(json!({"email": "x"})).unwrap())
            .await
            .unwrap_err()));
        out.push(
            serde_json::Value::Object(
                du.update(&row(json!({"name": "Alma", "email": "dyn@x"})).unwrap())
                    .await
                    .unwrap(),
            )
            .to_string(),
        );
        out.push(format!(
            "{:?}",
            todos.update_fields(2, [("status", "done")]).await.unwrap()
        ));
        out.push(err(todos
            .update_fields(2, [("nope", "x")])
            .await
            .unwrap_err()));
        out
    })
    .await;
    check(
        &got,
        &[
            "User { name: \"Alma\", email: Some(\"a@example.com\"), year_started: 2099 }",
            "User { name: \"Alma\", email: Some(\"a@example.com\"), year_started: 2149 }",
            "User { name: \"Alma\", email: Some(\"new@x\"), year_started: 2149 }",
            "User { name: \"Alma\", email: None, year_started: 2149 }",
            "NotFound",
            "InvalidInput",
            r#"{"email":"dyn@x","name":"Alma","year_started":2149}"#,
            "Todo { id: 2, title: \"Implement SSE in FastHTML\", detail: None, status: \"done\", name: \"Alma\" }",
            "InvalidInput",
        ],
    );
}

/// 8.39-8.41: delete (NotFound when missing, compound keys need the full key); upsert inserts
/// or updates, and on an auto-id table works without the pk (fastlite raises KeyError, 8.41).
#[tokio::test]
async fn spec_8fg_delete_upsert() {
    let got = on_both("spec_8fg", |db| async move {
        let mut out = Vec::new();
        let users = users_fixture(&db).await;
        let todos = todos_fixture(&db).await;
        let p = db.create::<Publication>().await.unwrap();
        p.insert(&Publication {
            authors: "Alma".into(),
            year: 2035,
            title: "x".into(),
        })
        .await
        .unwrap();
        out.push(format!("{:?}", users.delete("Charlie").await));
        out.push(err(users.delete("Charlies").await.unwrap_err()));
        out.push(format!("{:?}", p.delete(("Alma", 2035)).await));
        out.push(err(p.delete("Alma").await.unwrap_err()));
        out.push(format!(
            "{:?}",
            users.upsert(&user("Dana", "d@x", 2020)).await.unwrap()
        ));
        out.push(format!(
            "{:?}",
            users.upsert(&user("Dana", "d@x", 2021)).await.unwrap()
        ));
        out.push(format!("{:?}", users.get("Dana").await.unwrap()));
        out.push(format!(
            "{:?}",
            todos.upsert(&todo("up", "open", "Alma")).await.unwrap()
        ));
        let mut t = todo("Implement SSE (upserted)", "open", "Alma");
        t.id = 2;
        out.push(format!("{:?}", todos.upsert(&t).await.unwrap()));
        out
    })
    .await;
    check(
        &got,
        &[
            "Ok(())",
            "NotFound",
            "Ok(())",
            "InvalidKey { expected: 2, got: 1 }",
            "User { name: \"Dana\", email: Some(\"d@x\"), year_started: 2020 }",
            "User { name: \"Dana\", email: Some(\"d@x\"), year_started: 2021 }",
            "User { name: \"Dana\", email: Some(\"d@x\"), year_started: 2021 }",
            "Todo { id: 4, title: \"up\", detail: None, status: \"open\", name: \"Alma\" }",
            "Todo { id: 2, title: \"Implement SSE (upserted)\", detail: None, status: \"open\", name: \"Alma\" }",
        ],
    );
}
