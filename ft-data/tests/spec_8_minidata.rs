//! SPEC area 8 (MiniDataAPI) as tests: each scenario runs on SQLite and, when DATABASE_URL
//! is set, on PostgreSQL, and must give the same transcript on both. Item numbers refer to
//! SPEC.md; where ft-data deliberately differs from fastlite the comment says why.

mod common;

use common::{check, on_both};
use ft_data::{CreateOptions, Database, Error, Record, Table, Value, params, row};
use serde_json::json;

#[derive(Record, Debug, Clone, PartialEq)]
#[table(pk = "name")]
struct User {
    name: String,
    email: Option<String>,
    year_started: i64,
}

mod v2 {
    /// `User` with a new field (SPEC 8.7/8.8).
    #[derive(ft_data::Record, Debug, Clone, PartialEq)]
    #[table(name = "user", pk = "name")]
    pub struct User {
        pub name: String,
        pub email: Option<String>,
        pub year_started: i64,
        pub pwd: String,
    }
}

#[derive(Record, Debug, Clone, PartialEq)]
struct Todo {
    id: i64,
    title: String,
    detail: Option<String>,
    status: String,
    name: String,
}

fn todo(title: &str, status: &str, name: &str) -> Todo {
    Todo {
        id: 0,
        title: title.into(),
        detail: None,
        status: status.into(),
        name: name.into(),
    }
}

#[derive(Record, Debug, Clone, PartialEq)]
struct TodoItem {
    id: i64,
    text: String,
}

#[derive(Record, Debug, Clone, PartialEq)]
#[table(pk = "authors, year")]
struct Publication {
    authors: String,
    year: i64,
    title: String,
}

fn user(name: &str, email: &str, year: i64) -> User {
    User {
        name: name.into(),
        email: Some(email.into()),
        year_started: year,
    }
}

async fn users_fixture(db: &Database) -> Table<User> {
    let users = db.create::<User>().await.unwrap();
    users
        .insert(&user("Braden", "b@example.com", 2018))
        .await
        .unwrap();
    users
        .insert(&user("Alma", "a@example.com", 2019))
        .await
        .unwrap();
    users
        .insert(&user("Charlie", "c@example.com", 2018))
        .await
        .unwrap();
    users
}

async fn todos_fixture(db: &Database) -> Table<Todo> {
    let todos = db.create::<Todo>().await.unwrap();
    todos
        .insert(&todo("Write MiniDataAPI spec", "open", "Braden"))
        .await
        .unwrap();
    todos
        .insert(&todo("Implement SSE in FastHTML", "open", "Alma"))
        .await
        .unwrap();
    todos
        .insert(&todo("Finish development of FastHTML", "closed", "Charlie"))
        .await
        .unwrap();
    todos
}

fn err(e: Error) -> String {
    match e {
        Error::Constraint(_) => "Constraint".into(),
        Error::InvalidInput(_) => "InvalidInput".into(),
        Error::Database(_) => "Database".into(),
        e => format!("{e:?}"),
    }
}

/// 8.1-8.4: table names, columns, primary keys (single, default `id`, compound).
#[tokio::test]
async fn spec_8a_create() {
    let got = on_both("spec_8a_create", |db| async move {
        let mut out = Vec::new();
        let users = db.create::<User>().await.unwrap();
        out.push(format!("{users:?} {:?}", users.schema().pk_names()));
        let todos = db.create::<Todo>().await.unwrap();
        out.push(format!("{todos:?} {}", todos.schema().auto_id()));
        out.push(db.create::<TodoItem>().await.unwrap().name().to_owned());
        let p = db.create::<Publication>().await.unwrap();
        out.push(format!("{p:?} {:?}", p.schema().pk_names()));
        out.push(format!("{:?}", db.table_names().await.unwrap()));
        out
    })
    .await;
    check(
        &got,
        &[
            "<Table user (name, email, year_started)> [\"name\"]",
            "<Table todo (id, title, detail, status, name)> true",
            "todo_item",
            "<Table publication (authors, year, title)> [\"authors\", \"year\"]",
            "[\"publication\", \"todo\", \"todo_item\", \"user\"]",
        ],
    );
}

#[derive(Debug, Clone, PartialEq)]
enum Color {
    Red,
    Blue,
}
impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Color::Red => "r",
            Color::Blue => "b",
        })
    }
}
impl std::str::FromStr for Color {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "r" => Ok(Color::Red),
            "b" => Ok(Color::Blue),
            o => Err(format!("no color {o}")),
        }
    }
}

#[derive(Record, Debug, Clone, PartialEq)]
struct AllTypes {
    id: i64,
    s: String,
    i: i32,
    f: f64,
    b: bool,
    by: Vec<u8>,
    d: chrono::NaiveDate,
    dt: chrono::NaiveDateTime,
    o: Option<i64>,
    #[table(as_text)]
    e: Color,
    #[table(as_text)]
    oe: Option<Color>,
    #[table(json)]
    l: Vec<i64>,
    #[table(json)]
    dd: std::collections::BTreeMap<String, i64>,
}

/// 8.5/8.6/8.19: every field type maps to a column and READS BACK WITH ITS TYPE (fastlite
/// returns 1/0, ISO strings, enum values and JSON text: SPEC 8.6).
#[tokio::test]
async fn spec_8_5_types_round_trip() {
    let got = on_both("spec_8_5_types", |db| async move {
        let t = db.create::<AllTypes>().await.unwrap();
        let v = AllTypes {
            id: 0,
            s: "x".into(),
            i: 1,
            f: 1.5,
            b: true,
            by: b"ab".to_vec(),
            d: chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(),
            dt: chrono::NaiveDate::from_ymd_opt(2024, 1, 2)
                .unwrap()
                .and_hms_opt(3, 4, 0)
                .unwrap(),
            o: None,
            e: Color::Red,
            oe: Some(Color::Blue),
            l: vec![1, 2],
            dd: [("a".to_string(), 1)].into_iter().collect(),
        };
        let back = t.insert(&v).await.unwrap();
        let got = t.get(back.id).await.unwrap();
        let dynrow = db.t("all_types").await.unwrap().get(1).await.unwrap();
        vec![
            format!("{}", got == AllTypes { id: 1, ..v.clone() }),
            format!("{got:?}"),
            serde_json::Value::Object(dynrow).to_string(),
        ]
    })
    .await;
    check(
        &got,
        &[
            "true",
            "AllTypes { id: 1, s: \"x\", i: 1, f: 1.5, b: true, by: [97, 98], d: 2024-01-02, dt: 2024-01-02T03:04:00, o: None, e: Red, oe: Some(Blue), l: [1, 2], dd: {\"a\": 1} }",
            r#"{"b":true,"by":[97,98],"d":"2024-01-02","dd":"{\"a\":1}","dt":"2024-01-02T03:04:00","e":"r","f":1.5,"i":1,"id":1,"l":"[1,2]","o":null,"oe":"b","s":"x"}"#,
        ],
    );
}

/// 8.7 (create is idempotent), 8.8 (transform adds the missing column, keeping rows; the new
/// NOT NULL column gets its type's zero so old rows read back), 8.9 (replace).
#[tokio::test]
async fn spec_8_7_transform_and_replace() {
    let got = on_both("spec_8_7", |db| async move {
        let mut out = Vec::new();
        users_fixture(&db).await;
        let u2 = db.create::<v2::User>().await.unwrap();
        out.push(format!("{:?}", db.t("user").await.unwrap()));
        out.push(
            err(u2.get("Alma").await.unwrap_err())
                .chars()
                .take(10)
                .collect(),
        );
        let u2 = db
            .create_with::<v2::User>(CreateOptions {
                transform: true,
                ..Default::default()
            })
            .await
            .unwrap();
        out.push(format!("{u2:?}"));
        out.push(format!("{:?}", u2.get("Alma").await.unwrap()));
        let u2 = db
            .create_with::<v2::User>(CreateOptions {
                replace: true,
                ..Default::default()
            })
            .await
            .unwrap();
        out.push(format!("{}", u2.all().await.unwrap().len()));
        out
    })
    .await;
    check(
        &got,
        &[
            "<Table user (name, email, year_started)>",
            "Database",
            "<Table user (name, email, year_started, pwd)>",
            "User { name: \"Alma\", email: Some(\"a@example.com\"), year_started: 2019, pwd: \"\" }",
            "0",
        ],
    );
}

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

/// 8.53: a file database creates ALL missing folders (fastlite only one level) and uses WAL.
#[tokio::test]
async fn spec_8_53_file_database() {
    let dir = std::env::temp_dir().join(common::unique("dbdir"));
    let path = dir.join("sub/deeper/app.db");
    let db = Database::open(&path).await.unwrap();
    assert!(path.exists());
    let mode = db.q("pragma journal_mode", vec![]).await.unwrap();
    assert_eq!(mode[0]["journal_mode"], "wal");
    let users = users_fixture(&db).await;
    // a second handle on the same file sees the rows (readers are separate connections)
    let db2 = Database::open(&path).await.unwrap();
    assert_eq!(db2.table::<User>().all().await.unwrap().len(), 3);
    assert_eq!(users.get("Alma").await.unwrap().year_started, 2019);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A partial struct over `user` (SPEC 8.30: typed rows of chosen columns).
#[derive(Record, Debug, Clone, PartialEq)]
#[table(name = "user", pk = "name")]
struct UserYear {
    name: String,
    year_started: i64,
}

fn json_rows(rows: Vec<ft_data::Row>) -> String {
    serde_json::Value::Array(rows.into_iter().map(serde_json::Value::Object).collect()).to_string()
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

/// SPEC 8.15: a column added to the table behind the struct's back (fastlite's `alter=True`)
/// does not break the typed handle (it reads the struct's columns by name), and `db.t` sees
/// the new column. SPEC 8.18: a text primary key is NOT NULL, so a row without one is refused
/// instead of stored with a NULL key.
#[tokio::test]
async fn spec_8_15_8_18_schema_drift_and_text_keys() {
    #[derive(Record, Debug, Clone, PartialEq)]
    struct Alt {
        id: i64,
        a: String,
    }
    #[derive(Record, Debug, Clone, PartialEq)]
    struct Doc {
        id: Option<String>,
        body: String,
    }
    let got = on_both("spec_8_15", |db| async move {
        let mut out = Vec::new();
        let alt = db.create::<Alt>().await.unwrap();
        alt.insert(&Alt {
            id: 0,
            a: "x".into(),
        })
        .await
        .unwrap();
        db.execute("ALTER TABLE alt ADD COLUMN extra TEXT", vec![])
            .await
            .unwrap();
        db.t("alt")
            .await
            .unwrap()
            .insert(&row(json!({"a": "y", "extra": "e"})).unwrap())
            .await
            .unwrap();
        out.push(format!("{:?}", alt.all().await.unwrap()));
        out.push(format!(
            "{:?}",
            alt.insert(&Alt {
                id: 0,
                a: "z".into()
            })
            .await
            .unwrap()
        ));
        out.push(json_rows(db.t("alt").await.unwrap().all().await.unwrap()));
        let docs = db.create::<Doc>().await.unwrap();
        out.push(err(docs
            .insert(&Doc {
                id: None,
                body: "x".into(),
            })
            .await
            .unwrap_err()));
        out.push(format!(
            "{:?}",
            docs.insert(&Doc {
                id: Some("d1".into()),
                body: "x".into()
            })
            .await
            .unwrap()
        ));
        out
    })
    .await;
    check(
        &got,
        &[
            "[Alt { id: 1, a: \"x\" }, Alt { id: 2, a: \"y\" }]",
            "Alt { id: 3, a: \"z\" }",
            r#"[{"a":"x","extra":null,"id":1},{"a":"y","extra":"e","id":2},{"a":"z","extra":null,"id":3}]"#,
            "Constraint",
            "Doc { id: Some(\"d1\"), body: \"x\" }",
        ],
    );
}

/// SPEC 8.50: FastHTML's `t.dataclass()` makes a class from a table at run time; here the
/// struct is written at compile time and reads a table made SQL-first. SPEC 8.52: `t.c`
/// column references are `Table::c` (quoted, qualified, checked). SPEC 8.28: named
/// `:placeholders` are refused (only `?`), and `order_by` takes several columns. SPEC 8.55:
/// columns named like app options (`title`, `debug`, `live`, `routes`, `hdrs`) are columns.
#[tokio::test]
async fn spec_8_28_8_50_8_52_8_55_struct_over_sql_table() {
    #[derive(Record, Debug, Clone, PartialEq)]
    #[table(name = "items")]
    struct Items {
        id: i64,
        title: String,
        debug: bool,
        live: Option<i64>,
        routes: String,
        hdrs: String,
    }
    let got = on_both("spec_8_50", |db| async move {
        use ft_data::{Column, SqlType};
        let mut out = Vec::new();
        let cols = ["title", "routes", "hdrs"].map(|c| Column::new(c, SqlType::Text));
        let mut columns = vec![
            Column::new("id", SqlType::Integer),
            Column::new("debug", SqlType::Bool),
            Column::nullable("live", SqlType::Integer),
        ];
        columns.extend(cols);
        let dynamic = db
            .create_table("items", columns, &["id"], CreateOptions::default())
            .await
            .unwrap();
        out.push(format!("{dynamic:?}"));
        dynamic
            .insert(&row(json!({"title": "t1", "debug": true, "routes": "/", "hdrs": ""})).unwrap())
            .await
            .unwrap();
        let items = db.table::<Items>();
        out.push(format!("{:?}", items.get(1).await.unwrap()));
        out.push(format!(
            "{} {}",
            items.c("title").unwrap(),
            err(items.c("nope").unwrap_err())
        ));
        let n = items
            .query()
            .filter(&format!("{} = ?", items.c("debug").unwrap()), [true])
            .order_by("title desc, id")
            .count()
            .await
            .unwrap();
        out.push(n.to_string());
        out.push(err(items
            .query()
            .filter("title = :t", ())
            .fetch()
            .await
            .unwrap_err()));
        out
    })
    .await;
    check(
        &got,
        &[
            "<Table items (id, debug, live, title, routes, hdrs)>",
            "Items { id: 1, title: \"t1\", debug: true, live: None, routes: \"/\", hdrs: \"\" }",
            "\"items\".\"title\" InvalidInput",
            "1",
            "InvalidInput",
        ],
    );
}
