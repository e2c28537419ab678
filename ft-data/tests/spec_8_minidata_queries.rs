//! SPEC area 8 (MiniDataAPI) as tests, part 3: queries. Queries, `select` and `with_pk`,
//! the query text cache, scoped handles (xtra), dynamic tables (`db.t`). Each scenario runs on
//! SQLite and, when DATABASE_URL is set, on PostgreSQL, and must give the same transcript on
//! both. Item numbers refer to SPEC.md; where ft-data deliberately differs from fastlite the
//! comment says why. Tables are in `spec_8_minidata_tables.rs`, rows in
//! `spec_8_minidata_rows.rs`.
mod common;

use common::minidata::*;
use common::{check, on_both};
use ft_data::{CreateOptions, Record, params, row};
use serde_json::json;

/// 8.27-8.33: queries. Rows come in pk order by default (deterministic on both backends;
/// fastlite gives rowid order); offset works without limit (fastlite raises, 8.29); a
/// spliced where string cannot inject (8.31 shows fastlite's); one() is selectone; q() is
/// raw SQL.
#[tokio::test]
async fn spec_8d_queries() {
    let got = on_both("spec_8d", |db| async move {
        let mut out = Vec::new();
        let users = users_fixture(&db).await;
        let names = |v: Vec<User>| v.into_iter().map(|u| u.name).collect::<Vec<_>>().join(",");
        out.push(names(users.all().await.unwrap()));
        out.push(names(users.query().order_by("name").fetch().await.unwrap()));
        out.push(names(
            users
                .query()
                .filter("name='Alma'", ())
                .fetch()
                .await
                .unwrap(),
        ));
        out.push(names(
            users
                .query()
                .filter("name=?", ["Alma"])
                .fetch()
                .await
                .unwrap(),
        ));
        out.push(names(
            users
                .query()
                .filter("year_started > ?", [2018])
                .fetch()
                .await
                .unwrap(),
        ));
        out.push(names(
            users
                .query()
                .order_by("year_started desc, name")
                .fetch()
                .await
                .unwrap(),
        ));
        out.push(names(
            users
                .query()
                .order_by("year_started, name")
                .limit(1)
                .fetch()
                .await
                .unwrap(),
        ));
        out.push(names(
            users
                .query()
                .order_by("name")
                .limit(5)
                .offset(1)
                .fetch()
                .await
                .unwrap(),
        ));
        out.push(names(
            users
                .query()
                .order_by("name")
                .offset(2)
                .fetch()
                .await
                .unwrap(),
        ));
        let evil = "x' OR '1'='1";
        out.push(format!(
            "{} {}",
            users
                .query()
                .filter(&format!("name='{evil}'"), ())
                .count()
                .await
                .unwrap(),
            users
                .query()
                .filter("name=?", [evil])
                .count()
                .await
                .unwrap()
        ));
        out.push(format!(
            "{:?}",
            users
                .query()
                .filter("name=?", ["Alma"])
                .one()
                .await
                .unwrap()
                .name
        ));
        out.push(err(users
            .query()
            .filter("year_started=2018", ())
            .one()
            .await
            .unwrap_err()));
        out.push(err(users
            .query()
            .filter("name=?", ["none"])
            .one()
            .await
            .unwrap_err()));
        let sql = match db.dialect() {
            ft_data::Dialect::Sqlite => {
                "select name, year_started from \"user\" where year_started=?"
            }
            ft_data::Dialect::Postgres => {
                "select name, year_started from \"user\" where year_started=$1"
            }
        };
        out.push(serde_json::to_string(&db.q(sql, params![2019]).await.unwrap()).unwrap());
        out.push(names(
            users
                .query()
                .eq("year_started", 2018)
                .order_by("name desc")
                .fetch()
                .await
                .unwrap(),
        ));
        out
    })
    .await;
    check(
        &got,
        &[
            "Alma,Braden,Charlie",
            "Alma,Braden,Charlie",
            "Alma",
            "Alma",
            "Alma",
            "Alma,Braden,Charlie",
            "Braden",
            "Braden,Charlie",
            "Charlie",
            // a where string is SQL written by the developer: splicing a value into it is
            // theirs to avoid (the injection tests show it still cannot escape a scope or add
            // a statement); the bound form is safe
            "3 0",
            "\"Alma\"",
            "NotUnique",
            "NotFound",
            r#"[{"name":"Alma","year_started":2019}]"#,
            "Charlie,Braden",
        ],
    );
}

/// 8.42-8.47: xtra. A scoped handle filters get/contains/query/update/delete and forces its
/// values into insert/update/upsert. Unlike fastlite it is a NEW handle (the original is
/// unchanged, 8.46/8.47), and an upsert cannot take over another scope's row (8.45 lets it).
#[tokio::test]
async fn spec_8h_xtra() {
    let got = on_both("spec_8h", |db| async move {
        let mut out = Vec::new();
        let todos = todos_fixture(&db).await;
        let ct = todos.xtra("name", "Charlie").unwrap();
        out.push(format!("{:?}", ct.scope()));
        out.push(format!(
            "{:?}",
            ct.all()
                .await
                .unwrap()
                .iter()
                .map(|t| t.id)
                .collect::<Vec<_>>()
        ));
        out.push(format!(
            "{} {} {}",
            ct.contains(3).await.unwrap(),
            ct.contains(1).await.unwrap(),
            ct.contains(2).await.unwrap()
        ));
        out.push(err(ct.get(2).await.unwrap_err()));
        let mut t1 = todos.get(1).await.unwrap();
        t1.title = "Finish MiniDataAPI Spec".into();
        out.push(err(ct.update(&t1).await.unwrap_err()));
        out.push(err(ct.delete(1).await.unwrap_err()));
        out.push(err(ct
            .update_fields(1, [("title", "x")])
            .await
            .unwrap_err()));
        ct.delete(3).await.unwrap();
        let mut n = ct
            .insert(&todo("Rewrite personal site in FastHTML", "open", ""))
            .await
            .unwrap();
        out.push(format!("{n:?}"));
        n.name = "Braden".into();
        out.push(format!("{:?}", ct.update(&n).await.unwrap()));
        out.push(format!(
            "{:?}",
            ct.update_fields(n.id, [("name", "Braden")])
                .await
                .unwrap()
                .name
        ));
        out.push(format!(
            "{:?}",
            ct.insert(&todo("sneaky", "", "Braden")).await.unwrap()
        ));
        let mut up = todo("via upsert", "x", "Someone");
        up.id = 5;
        out.push(format!("{:?}", ct.upsert(&up).await.unwrap()));
        // 8.45 done right: upserting another scope's row is NotFound and changes nothing
        let mut steal = todo("stolen", "x", "Charlie");
        steal.id = 1;
        out.push(err(ct.upsert(&steal).await.unwrap_err()));
        out.push(format!("{:?}", todos.get(1).await.unwrap().title));
        // the unscoped handle still sees everything; per-query scopes on top of it
        out.push(format!("{}", todos.all().await.unwrap().len()));
        out.push(format!(
            "{}",
            todos
                .xtra("name", "Alma")
                .unwrap()
                .query()
                .count()
                .await
                .unwrap()
        ));
        out.push(format!(
            "{}",
            ct.query()
                .filter("title like ?", ["%site%"])
                .count()
                .await
                .unwrap()
        ));
        out
    })
    .await;
    check(
        &got,
        &[
            "[(\"name\", Text(\"Charlie\"))]",
            "[3]",
            "true false false",
            "NotFound",
            "NotFound",
            "NotFound",
            "NotFound",
            "Todo { id: 4, title: \"Rewrite personal site in FastHTML\", detail: None, status: \"open\", name: \"Charlie\" }",
            "Todo { id: 4, title: \"Rewrite personal site in FastHTML\", detail: None, status: \"open\", name: \"Charlie\" }",
            "\"Charlie\"",
            "Todo { id: 5, title: \"sneaky\", detail: None, status: \"\", name: \"Charlie\" }",
            "Todo { id: 5, title: \"via upsert\", detail: None, status: \"x\", name: \"Charlie\" }",
            "NotFound",
            "\"Write MiniDataAPI spec\"",
            "4",
            "1",
            "1",
        ],
    );
}

/// 8.49-8.51: table names, db.t by name with map rows, the dynamic create, scoping on
/// dynamic tables.
#[tokio::test]
async fn spec_8i_dynamic() {
    let got = on_both("spec_8i", |db| async move {
        let mut out = Vec::new();
        users_fixture(&db).await;
        let items = db
            .create_table(
                "items",
                vec![
                    ft_data::Column::new("id", ft_data::SqlType::Integer),
                    ft_data::Column::new("task", ft_data::SqlType::Text),
                    ft_data::Column::new("done", ft_data::SqlType::Bool),
                    ft_data::Column::nullable("owner", ft_data::SqlType::Text),
                ],
                &["id"],
                CreateOptions::default(),
            )
            .await
            .unwrap();
        out.push(format!("{:?}", db.table_names().await.unwrap()));
        out.push(format!(
            "{:?} {}",
            items,
            db.has_table("nope").await.unwrap()
        ));
        let r = items
            .insert(&row(json!({"task": "t1", "done": false, "owner": "a"})).unwrap())
            .await
            .unwrap();
        out.push(serde_json::Value::Object(r).to_string());
        let mine = items.xtra("owner", "b").unwrap();
        out.push(
            serde_json::Value::Object(
                mine.insert(&row(json!({"task": "t2", "done": 1})).unwrap())
                    .await
                    .unwrap(),
            )
            .to_string(),
        );
        out.push(format!("{}", mine.all().await.unwrap().len()));
        out.push(err(mine.get(1).await.unwrap_err()));
        let u = db.t("user").await.unwrap();
        out.push(
            serde_json::Value::Array(
                u.query()
                    .order_by("name")
                    .limit(1)
                    .fetch()
                    .await
                    .unwrap()
                    .into_iter()
                    .map(serde_json::Value::Object)
                    .collect(),
            )
            .to_string(),
        );
        out.push(format!("{:?}", db.t("nope").await.unwrap_err()));
        out
    })
    .await;
    check(
        &got,
        &[
            "[\"items\", \"user\"]",
            "<Table items (id, task, done, owner)> false",
            r#"{"done":false,"id":1,"owner":"a","task":"t1"}"#,
            r#"{"done":true,"id":2,"owner":"b","task":"t2"}"#,
            "1",
            "NotFound",
            r#"[{"email":"a@example.com","name":"Alma","year_started":2019}]"#,
            "NoSuchTable(\"nope\")",
        ],
    );
}

/// A partial struct over `user` (SPEC 8.30: typed rows of chosen columns).
#[derive(Record, Debug, Clone, PartialEq)]
#[table(name = "user", pk = "name")]
struct UserYear {
    name: String,
    year_started: i64,
}

/// SPEC 8.30: `select='name'` reads only the named columns. fastlite fills the other
/// dataclass fields with UNSET; here `select` gives maps ([`ft_data::Row`]) holding just those
/// columns (`"*"` is every column: `as_cls=False`), and `fetch_as` gives a smaller derived
/// struct. `with_pk=True` is `fetch_with_pk`: `(key, row)` pairs, compound keys included. The
/// same on typed and dynamic (`db.t`) tables, with and without a scope.
#[tokio::test]
async fn spec_8_30_select_and_with_pk() {
    let got = on_both("spec_8_30", |db| async move {
        let mut out = Vec::new();
        let users = users_fixture(&db).await;
        let todos = todos_fixture(&db).await;
        // select='name', limit=1
        out.push(json_rows(
            users.query().select("name").limit(1).fetch().await.unwrap(),
        ));
        // as_cls=False
        out.push(json_rows(
            users.query().select("*").limit(1).fetch().await.unwrap(),
        ));
        // with_pk=True
        let (k, t) = todos
            .query()
            .limit(1)
            .fetch_with_pk()
            .await
            .unwrap()
            .remove(0);
        out.push(format!("{:?} {t:?}", k.values()));
        // select and with_pk together; the key is there even when its column is not selected
        let pairs = todos
            .query()
            .select("title, status")
            .order_by("id desc")
            .limit(2)
            .fetch_with_pk()
            .await
            .unwrap();
        for (k, r) in pairs {
            out.push(format!("{:?} {}", k.values(), serde_json::Value::Object(r)));
        }
        // a partial struct: only its columns are read
        let ys: Vec<UserYear> = users
            .query()
            .filter("year_started = ?", [2018])
            .fetch_as()
            .await
            .unwrap();
        out.push(format!("{ys:?}"));
        // compound keys
        let p = db.create::<Publication>().await.unwrap();
        for (y, t) in [(2019, "FastHTML"), (2030, "FastHTML and beyond")] {
            p.insert(&Publication {
                authors: "Alma".into(),
                year: y,
                title: t.into(),
            })
            .await
            .unwrap();
        }
        let pk: Vec<_> = p
            .query()
            .select("title")
            .fetch_with_pk()
            .await
            .unwrap()
            .into_iter()
            .map(|(k, r)| format!("{:?}={}", k.values(), r["title"]))
            .collect();
        out.push(pk.join(" "));
        // dynamic tables: the same operations
        let du = db.t("user").await.unwrap();
        out.push(json_rows(
            du.query()
                .select("\"year_started\", name")
                .order_by("name desc")
                .offset(1)
                .fetch()
                .await
                .unwrap(),
        ));
        let dk: Vec<_> = du
            .query()
            .select("email")
            .filter("year_started < ?", [2019])
            .fetch_with_pk()
            .await
            .unwrap()
            .into_iter()
            .map(|(k, r)| format!("{:?} {}", k.values(), serde_json::Value::Object(r)))
            .collect();
        out.push(dk.join(" | "));
        // within a scope: only the scope's rows, whatever the columns
        let alma = todos.xtra("name", "Alma").unwrap();
        out.push(json_rows(
            alma.query().select("id, title").fetch().await.unwrap(),
        ));
        let dt = db.t("todo").await.unwrap().xtra("name", "Charlie").unwrap();
        out.push(format!(
            "{:?}",
            dt.query()
                .select("title")
                .fetch_with_pk()
                .await
                .unwrap()
                .into_iter()
                .map(|(k, _)| k)
                .collect::<Vec<_>>()
        ));
        // column names are checked, never spliced
        for bad in [
            "nope",
            "name, nope",
            "name; drop table \"user\"",
            "name as x",
            "count(*)",
            "",
            "name,",
            "name, name",
        ] {
            out.push(format!(
                "{bad:?} -> {}",
                err(users.query().select(bad).fetch().await.unwrap_err())
            ));
        }
        #[derive(Record, Debug)]
        #[table(name = "user", pk = "name")]
        struct Stranger {
            name: String,
            shoe_size: i64,
        }
        out.push(err(users.query().fetch_as::<Stranger>().await.unwrap_err()));
        out
    })
    .await;
    check(
        &got,
        &[
            r#"[{"name":"Alma"}]"#,
            r#"[{"email":"a@example.com","name":"Alma","year_started":2019}]"#,
            "[Integer(1)] Todo { id: 1, title: \"Write MiniDataAPI spec\", detail: None, status: \"open\", name: \"Braden\" }",
            r#"[Integer(3)] {"status":"closed","title":"Finish development of FastHTML"}"#,
            r#"[Integer(2)] {"status":"open","title":"Implement SSE in FastHTML"}"#,
            "[UserYear { name: \"Braden\", year_started: 2018 }, UserYear { name: \"Charlie\", year_started: 2018 }]",
            r#"[Text("Alma"), Integer(2019)]="FastHTML" [Text("Alma"), Integer(2030)]="FastHTML and beyond""#,
            r#"[{"name":"Braden","year_started":2018},{"name":"Alma","year_started":2019}]"#,
            r#"[Text("Braden")] {"email":"b@example.com"} | [Text("Charlie")] {"email":"c@example.com"}"#,
            r#"[{"id":2,"title":"Implement SSE in FastHTML"}]"#,
            "[Key([Integer(3)])]",
            "\"nope\" -> InvalidInput",
            "\"name, nope\" -> InvalidInput",
            "\"name; drop table \\\"user\\\"\" -> InvalidInput",
            "\"name as x\" -> InvalidInput",
            "\"count(*)\" -> InvalidInput",
            "\"\" -> InvalidInput",
            "\"name,\" -> InvalidInput",
            "\"name, name\" -> InvalidInput",
            "InvalidInput",
        ],
    );
}

/// The SQL text of a query is cached per shape; the cache must not change answers: the same
/// filter with other values, other limits and offsets (bound), the same query on a scoped and
/// an unscoped handle, and a filter whose value count does not match (refused every time).
#[tokio::test]
async fn query_text_cache_keeps_answers_apart() {
    let got = on_both("query_cache", |db| async move {
        let mut out = Vec::new();
        let todos = todos_fixture(&db).await;
        let alma = todos.xtra("name", "Alma").unwrap();
        for who in ["Alma", "Braden", "Nobody"] {
            let n = todos
                .query()
                .filter("name = ?", [who])
                .count()
                .await
                .unwrap();
            out.push(format!("{who} {n}"));
        }
        for (l, o) in [(1, 0), (2, 0), (2, 1), (5, 2)] {
            let ids: Vec<i64> = todos
                .query()
                .limit(l)
                .offset(o)
                .fetch()
                .await
                .unwrap()
                .iter()
                .map(|t| t.id)
                .collect();
            out.push(format!("{l}/{o} {ids:?}"));
        }
        for _ in 0..2 {
            out.push(format!(
                "{} {}",
                alma.query()
                    .filter("status = ?", ["open"])
                    .count()
                    .await
                    .unwrap(),
                todos
                    .query()
                    .filter("status = ?", ["open"])
                    .count()
                    .await
                    .unwrap()
            ));
            out.push(err(todos
                .query()
                .filter("status = ?", ())
                .fetch()
                .await
                .unwrap_err()));
        }
        // a handle made per request (as ft-web does) shares the text, not the scope
        for who in ["Alma", "Charlie"] {
            let t = db.table::<Todo>().xtra("name", who).unwrap();
            out.push(format!(
                "{:?}",
                t.all()
                    .await
                    .unwrap()
                    .iter()
                    .map(|t| t.id)
                    .collect::<Vec<_>>()
            ));
        }
        out
    })
    .await;
    check(
        &got,
        &[
            "Alma 1",
            "Braden 1",
            "Nobody 0",
            "1/0 [1]",
            "2/0 [1, 2]",
            "2/1 [2, 3]",
            "5/2 [3]",
            "1 2",
            "InvalidInput",
            "1 2",
            "InvalidInput",
            "[2]",
            "[3]",
        ],
    );
}
