//! SPEC area 8 (MiniDataAPI) as tests, part 1: tables. Creating tables (names, columns,
//! primary keys), column types, transform and replace, file databases, schema drift and text
//! keys, structs over tables made SQL-first. Each scenario runs on SQLite and, when
//! DATABASE_URL is set, on PostgreSQL, and must give the same transcript on both. Item numbers
//! refer to SPEC.md; where ft-data deliberately differs from fastlite the comment says why.
//! Rows are in `spec_8_minidata_rows.rs`, queries in `spec_8_minidata_queries.rs`; the shared
//! rows and fixtures in `common/minidata.rs`.
mod common;

use common::minidata::*;
use common::{check, on_both};
use ft_data::{CreateOptions, Database, Record, row};
use serde_json::json;

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
