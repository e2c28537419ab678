//! Delete by condition, aggregates beyond `count`, and one placeholder style for raw SQL. Each
//! scenario runs on SQLite and, when DATABASE_URL is set, on PostgreSQL, and must give the
//! same transcript on both (the expected lines are the same for both backends).

mod common;

use common::{Todo, check, on_both, todo};
use ft_data::{Database, Dialect, Error, Record, Table, params};

fn kind<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => format!("Ok({v:?})"),
        Err(Error::InvalidInput(_)) => "InvalidInput".into(),
        Err(Error::Conversion { column, .. }) => format!("Conversion({column})"),
        Err(Error::Database(_)) => "Database".into(),
        Err(e) => format!("{e:?}"),
    }
}

async fn titles(t: &Table<Todo>) -> String {
    let rows = t.query().order_by("id").fetch().await.unwrap();
    let v: Vec<String> = rows
        .iter()
        .map(|t| format!("{}:{}", t.name, t.title))
        .collect();
    v.join(" ")
}

async fn owners(db: &Database) -> Table<Todo> {
    let todos = db.create::<Todo>().await.unwrap();
    for (title, name) in [
        ("a1", "alma"),
        ("a2", "alma"),
        ("x", "alma"),
        ("b1", "bob"),
        ("x", "bob"),
    ] {
        todos.insert(&todo(title, name)).await.unwrap();
    }
    todos
}

/// A scoped handle deletes only its own rows, whatever its condition says.
#[tokio::test]
async fn delete_by_condition_stays_in_scope() {
    let got = on_both("delete_scope", |db| async move {
        let mut out = Vec::new();
        let todos = owners(&db).await;
        let alma = todos.xtra("name", "alma").unwrap();
        let bob = todos.xtra("name", "bob").unwrap();
        // a condition naming another owner's rows matches nothing in scope
        out.push(kind(alma.delete_where("name = ?", ["bob"]).await));
        // a condition true for every row deletes only the scope's
        out.push(kind(alma.delete_where("title = ? OR 1 = 1", ["x"]).await));
        out.push(titles(&todos).await);
        // Query::delete with a filter, on the other scope
        out.push(kind(bob.query().filter("title = ?", ["x"]).delete().await));
        out.push(titles(&todos).await);
        // eq and filters combine; nothing matches: 0, not NotFound
        out.push(kind(bob.query().eq("title", "nope").delete().await));
        // a second scope on another column narrows further
        let bob_b1 = bob.xtra("title", "b1").unwrap();
        out.push(kind(bob_b1.query().delete().await));
        out.push(titles(&todos).await);
        out
    })
    .await;
    check(
        &got,
        &[
            "Ok(0)",
            "Ok(3)",
            "bob:b1 bob:x",
            "Ok(1)",
            "bob:b1",
            "Ok(0)",
            "Ok(1)",
            "",
        ],
    );
}

/// No filter: every row in scope (and only those); unscoped: the whole table.
#[tokio::test]
async fn delete_without_filter_empties_the_scope() {
    let got = on_both("delete_all", |db| async move {
        let mut out = Vec::new();
        let todos = owners(&db).await;
        out.push(kind(
            todos.xtra("name", "bob").unwrap().query().delete().await,
        ));
        out.push(kind(
            todos
                .xtra("name", "alma")
                .unwrap()
                .delete_where("", ())
                .await,
        ));
        out.push(kind(todos.query().count().await));
        owners(&db).await;
        out.push(kind(todos.query().delete().await));
        out.push(kind(todos.query().count().await));
        out
    })
    .await;
    check(&got, &["Ok(2)", "Ok(3)", "Ok(0)", "Ok(5)", "Ok(0)"]);
}

/// Hostile fragments, unknown columns and paging are refused before anything is deleted.
#[tokio::test]
async fn hostile_or_unportable_deletes_are_refused() {
    let got = on_both("delete_refused", |db| async move {
        let mut out = Vec::new();
        let todos = owners(&db).await;
        let alma = todos.xtra("name", "alma").unwrap();
        for frag in [
            "1 = 1) OR (1 = 1",
            "1 = 1; DELETE FROM todo",
            "title = 'x' -- ",
            "title = 'x' /* */",
            "title = $1",
            "title = :t",
            "title = ?1",
            "title = E'x'",
            "(title = 'x'",
            "title = 'x",
        ] {
            out.push(format!(
                "{frag}: {}",
                kind(alma.delete_where(frag, ()).await)
            ));
        }
        out.push(kind(alma.delete_where("title = ?", ()).await));
        out.push(kind(
            alma.query().eq("title = 'x' OR 1", "x").delete().await,
        ));
        out.push(kind(alma.query().limit(1).delete().await));
        out.push(kind(alma.query().offset(1).delete().await));
        out.push(kind(alma.query().order_by("id").delete().await));
        out.push(kind(alma.query().select("id").delete().await));
        // nothing was deleted by any of them
        out.push(kind(todos.query().count().await));
        out
    })
    .await;
    check(
        &got,
        &[
            "1 = 1) OR (1 = 1: InvalidInput",
            "1 = 1; DELETE FROM todo: InvalidInput",
            "title = 'x' -- : InvalidInput",
            "title = 'x' /* */: InvalidInput",
            "title = $1: InvalidInput",
            "title = :t: InvalidInput",
            "title = ?1: InvalidInput",
            "title = E'x': InvalidInput",
            "(title = 'x': InvalidInput",
            "title = 'x: InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "Ok(5)",
        ],
    );
}

#[derive(Record, Debug, Clone, PartialEq)]
struct Sale {
    id: i64,
    qty: i64,
    price: f64,
    note: Option<String>,
    paid: bool,
    owner: String,
    discount: Option<i64>,
}

fn sale(qty: i64, price: f64, note: Option<&str>, paid: bool, owner: &str) -> Sale {
    Sale {
        id: 0,
        qty,
        price,
        note: note.map(Into::into),
        paid,
        owner: owner.into(),
        discount: None,
    }
}

/// Every aggregate on one query, as a line.
async fn aggregates(q: impl Fn() -> ft_data::Query<Sale>) -> String {
    format!(
        "sum(qty)={} sum(price)={} avg(qty)={} min(price)={} max(qty)={} min(note)={} max(note)={} min(paid)={} max(paid)={} sum(discount)={} avg(discount)={} distinct(owner)={}",
        kind(q().sum::<i64>("qty").await),
        kind(q().sum::<f64>("price").await),
        kind(q().avg("qty").await),
        kind(q().min::<f64>("price").await),
        kind(q().max::<i64>("qty").await),
        kind(q().min::<String>("note").await),
        kind(q().max::<String>("note").await),
        kind(q().min::<bool>("paid").await),
        kind(q().max::<bool>("paid").await),
        kind(q().sum::<i64>("discount").await),
        kind(q().avg("discount").await),
        kind(q().count_distinct("owner").await),
    )
}

/// Empty, NULL-only, filtered and scoped sets give the same values (and types) on both.
#[tokio::test]
async fn aggregates_on_empty_null_filtered_and_scoped_sets() {
    let got = on_both("aggregates", |db| async move {
        let mut out = Vec::new();
        let sales = db.create::<Sale>().await.unwrap();
        out.push(aggregates(|| sales.query()).await);
        for s in [
            sale(2, 1.25, Some("b"), true, "alma"),
            sale(3, 2.5, Some("B"), false, "alma"),
            sale(5, 0.5, None, true, "bob"),
        ] {
            sales.insert(&s).await.unwrap();
        }
        out.push(aggregates(|| sales.query()).await);
        out.push(aggregates(|| sales.query().filter("qty > ?", [2])).await);
        out.push(aggregates(|| sales.query().eq("paid", true)).await);
        let bob = sales.xtra("owner", "bob").unwrap();
        out.push(aggregates(|| bob.query()).await);
        // the filter cannot reach past the scope
        out.push(aggregates(|| bob.query().filter("owner = ? OR 1 = 1", ["alma"])).await);
        out.push(aggregates(|| bob.query().filter("qty > ?", [9])).await);
        // an integer sum read as f64, and a small type that cannot hold it
        out.push(kind(sales.query().sum::<f64>("qty").await));
        out.push(kind(sales.query().avg("price").await));
        out
    })
    .await;
    check(
        &got,
        &[
            "sum(qty)=Ok(None) sum(price)=Ok(None) avg(qty)=Ok(None) min(price)=Ok(None) max(qty)=Ok(None) min(note)=Ok(None) max(note)=Ok(None) min(paid)=Ok(None) max(paid)=Ok(None) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(0)",
            "sum(qty)=Ok(Some(10)) sum(price)=Ok(Some(4.25)) avg(qty)=Ok(Some(3.3333333333333335)) min(price)=Ok(Some(0.5)) max(qty)=Ok(Some(5)) min(note)=Ok(Some(\"B\")) max(note)=Ok(Some(\"b\")) min(paid)=Ok(Some(false)) max(paid)=Ok(Some(true)) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(2)",
            "sum(qty)=Ok(Some(8)) sum(price)=Ok(Some(3.0)) avg(qty)=Ok(Some(4.0)) min(price)=Ok(Some(0.5)) max(qty)=Ok(Some(5)) min(note)=Ok(Some(\"B\")) max(note)=Ok(Some(\"B\")) min(paid)=Ok(Some(false)) max(paid)=Ok(Some(true)) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(2)",
            "sum(qty)=Ok(Some(7)) sum(price)=Ok(Some(1.75)) avg(qty)=Ok(Some(3.5)) min(price)=Ok(Some(0.5)) max(qty)=Ok(Some(5)) min(note)=Ok(Some(\"b\")) max(note)=Ok(Some(\"b\")) min(paid)=Ok(Some(true)) max(paid)=Ok(Some(true)) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(2)",
            "sum(qty)=Ok(Some(5)) sum(price)=Ok(Some(0.5)) avg(qty)=Ok(Some(5.0)) min(price)=Ok(Some(0.5)) max(qty)=Ok(Some(5)) min(note)=Ok(None) max(note)=Ok(None) min(paid)=Ok(Some(true)) max(paid)=Ok(Some(true)) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(1)",
            "sum(qty)=Ok(Some(5)) sum(price)=Ok(Some(0.5)) avg(qty)=Ok(Some(5.0)) min(price)=Ok(Some(0.5)) max(qty)=Ok(Some(5)) min(note)=Ok(None) max(note)=Ok(None) min(paid)=Ok(Some(true)) max(paid)=Ok(Some(true)) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(1)",
            "sum(qty)=Ok(None) sum(price)=Ok(None) avg(qty)=Ok(None) min(price)=Ok(None) max(qty)=Ok(None) min(note)=Ok(None) max(note)=Ok(None) min(paid)=Ok(None) max(paid)=Ok(None) sum(discount)=Ok(None) avg(discount)=Ok(None) distinct(owner)=Ok(0)",
            "Ok(Some(10.0))",
            "Ok(Some(1.4166666666666667))",
        ],
    );
}

/// Integer sums are exact 64-bit integers on both backends (PostgreSQL's NUMERIC is not
/// rounded through a float), and a sum past `i64` is the same error on both.
#[tokio::test]
async fn integer_sums_are_exact_and_overflow_the_same_way() {
    let got = on_both("aggregate_sums", |db| async move {
        let mut out = Vec::new();
        let sales = db.create::<Sale>().await.unwrap();
        for q in [(1_i64 << 53) + 1, 2] {
            sales
                .insert(&sale(q, 0.0, None, false, "alma"))
                .await
                .unwrap();
        }
        out.push(kind(sales.query().sum::<i64>("qty").await));
        out.push(kind(sales.query().sum::<i32>("qty").await));
        out.push(kind(sales.query().min::<i64>("qty").await));
        sales
            .insert(&sale(i64::MAX, 0.0, None, false, "bob"))
            .await
            .unwrap();
        out.push(kind(sales.query().sum::<i64>("qty").await));
        out.push(kind(
            sales.query().eq("owner", "bob").sum::<i64>("qty").await,
        ));
        out.push(kind(sales.query().max::<i64>("qty").await));
        out
    })
    .await;
    check(
        &got,
        &[
            "Ok(Some(9007199254740995))",
            "Conversion(qty)",
            "Ok(Some(2))",
            "Conversion(qty)",
            "Ok(Some(9223372036854775807))",
            "Ok(Some(9223372036854775807))",
        ],
    );
}

/// Columns are checked like `eq` does; types an aggregate does not take and paging are refused.
#[tokio::test]
async fn aggregate_columns_are_checked() {
    let got = on_both("aggregate_refused", |db| async move {
        let mut out = Vec::new();
        let sales = db.create::<Sale>().await.unwrap();
        sales
            .insert(&sale(1, 1.0, Some("n"), true, "alma"))
            .await
            .unwrap();
        out.push(kind(sales.query().sum::<i64>("nope").await));
        out.push(kind(sales.query().sum::<i64>("qty) FROM sale; --").await));
        out.push(kind(sales.query().max::<i64>("\"qty\"").await));
        out.push(kind(sales.query().sum::<i64>("owner").await));
        out.push(kind(sales.query().avg("paid").await));
        out.push(kind(sales.query().limit(1).sum::<i64>("qty").await));
        out.push(kind(sales.query().offset(1).max::<i64>("qty").await));
        // a value that is not the type asked for
        out.push(kind(sales.query().sum::<i64>("price").await));
        out.push(kind(sales.query().max::<i64>("note").await));
        // order plays no part in an aggregate
        out.push(kind(
            sales.query().order_by("qty desc").sum::<i64>("qty").await,
        ));
        // a dynamic table (rows as maps) has the same aggregates
        let t = db.t("sale").await.unwrap();
        out.push(kind(t.query().sum::<i64>("qty").await));
        out.push(kind(t.query().max::<String>("owner").await));
        out
    })
    .await;
    check(
        &got,
        &[
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "Conversion(price)",
            "Conversion(note)",
            "Ok(Some(1))",
            "Ok(Some(1))",
            "Ok(Some(\"alma\"))",
        ],
    );
}

/// `?` placeholders in raw SQL on both backends; `?` inside literals, quoted identifiers and
/// comments untouched; numbered `$n` still works; mixing is refused.
#[tokio::test]
async fn raw_sql_takes_question_mark_placeholders_on_both() {
    let got = on_both("raw_placeholders", |db| async move {
        let mut out = Vec::new();
        db.execute(
            "CREATE TABLE note (id BIGINT PRIMARY KEY, body TEXT, \"why?\" TEXT)",
            vec![],
        )
        .await
        .unwrap();
        let ins = "INSERT INTO note (id, body, \"why?\") VALUES (?, ?, 'because?') -- a comment?";
        out.push(kind(db.execute(ins, params![1, "one?"]).await));
        out.push(kind(
            db.execute(
                "/* ? */ INSERT INTO note (id, body, \"why?\") VALUES (?, '?', ?)",
                params![2, "it's"],
            )
            .await,
        ));
        // numbered placeholders, as PostgreSQL code already writes them, on both backends
        out.push(kind(
            db.execute(
                "INSERT INTO note (id, body) VALUES ($2, $1)",
                params!["three", 3],
            )
            .await,
        ));
        let rows = db
            .q(
                "SELECT id, body, \"why?\" AS why, '?' AS lit FROM note WHERE id >= ? AND body <> ? ORDER BY id",
                params![1, "?"],
            )
            .await
            .unwrap();
        out.push(serde_json::to_string(&rows).unwrap());
        let n = db
            .q("SELECT COUNT(*) AS n FROM note WHERE body = $1 OR \"why?\" = $1", params![
                "one?"
            ])
            .await;
        out.push(kind(n.map(|r| r[0]["n"].clone())));
        // mixing styles, or the wrong number of values: refused before the database
        out.push(kind(db.q("SELECT ? + $1 AS n", params![1]).await));
        out.push(kind(db.execute("DELETE FROM note WHERE id = ? OR id = ?1", params![1]).await));
        out.push(kind(db.execute("DELETE FROM note WHERE id = ? OR id = ?", params![1]).await));
        out.push(kind(db.q("SELECT COUNT(*) AS n FROM note", vec![]).await.map(|r| r[0]["n"].clone())));
        // `??` is a literal `?`: PostgreSQL's jsonb key test; SQLite has JSON functions instead
        let has = match db.dialect() {
            Dialect::Postgres => {
                db.q("SELECT ('{\"a?\": 1}'::jsonb ?? ?) AS has", params!["a?"]).await
            }
            Dialect::Sqlite => {
                db.q(
                    "SELECT json_extract('{\"a?\": 1}', '$.\"a?\"') IS NOT NULL AND ? = 'a?' AS has",
                    params!["a?"],
                )
                .await
            }
        };
        let has = has.map(|r| matches!(&r[0]["has"], serde_json::Value::Bool(true)) || r[0]["has"] == 1);
        out.push(kind(has));
        out
    })
    .await;
    check(
        &got,
        &[
            "Ok(1)",
            "Ok(1)",
            "Ok(1)",
            r#"[{"body":"one?","id":1,"lit":"?","why":"because?"},{"body":"three","id":3,"lit":"?","why":null}]"#,
            "Ok(Number(1))",
            "InvalidInput",
            "InvalidInput",
            "InvalidInput",
            "Ok(Number(3))",
            "Ok(true)",
        ],
    );
}

/// PostgreSQL only: escape strings and dollar quotes keep their `?`.
#[tokio::test]
async fn raw_sql_postgres_quoting() {
    let Some(url) = common::pg_url("raw_sql_postgres_quoting") else {
        return;
    };
    let (db, schema) = common::pg("raw_pg_quoting", &url).await;
    let rows = db
        .q(
            "SELECT E'it\\'s ?' AS e, $$dollar ?$$ AS d, $t$tagged ? $t$ AS t, ?::text AS p",
            params!["x"],
        )
        .await
        .unwrap();
    common::drop_schema(&db, &schema).await;
    assert_eq!(
        serde_json::to_string(&rows).unwrap(),
        r#"[{"d":"dollar ?","e":"it's ?","p":"x","t":"tagged ? "}]"#
    );
}
