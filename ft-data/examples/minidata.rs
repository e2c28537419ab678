//! The MiniDataAPI tour (FastHTML's `fastlite` walkthrough) on a SQLite file or, with a
//! `postgres://` URL, on PostgreSQL:
//!
//! `cargo run -p ft-data --example minidata [-- path-or-url]`

use ft_data::{Database, Record, Result, Table};

#[derive(Record, Debug, Clone)]
#[table(pk = "name")]
struct User {
    name: String,
    email: Option<String>,
    year_started: i64,
}

#[derive(Record, Debug, Clone)]
struct Todo {
    id: i64,
    title: String,
    done: bool,
    name: String,
}

/// Only the columns a list page shows (`select` into a smaller struct).
#[derive(Record, Debug)]
#[table(name = "todo")]
struct TodoTitle {
    id: i64,
    title: String,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let target = std::env::args().nth(1).unwrap_or_else(|| {
        std::env::temp_dir()
            .join("minidata.db")
            .display()
            .to_string()
    });
    let db = if target.starts_with("postgres") {
        Database::connect(&target).await?
    } else {
        Database::open(&target).await?
    };
    let users: Table<User> = db.create().await?;
    let todos: Table<Todo> = db.create().await?;
    for (name, year) in [("Alma", 2019), ("Braden", 2018)] {
        let email = Some(format!("{}@example.com", name.to_lowercase()));
        let u = User {
            name: name.into(),
            email,
            year_started: year,
        };
        users.upsert(&u).await?;
    }
    let alma = todos.xtra("name", "Alma")?; // a scoped handle: only Alma's rows
    let t = alma
        .insert(&Todo {
            id: 0,
            title: "Write the MiniDataAPI tour".into(),
            done: false,
            name: String::new(),
        })
        .await?;
    println!("inserted {t:?}");
    println!("users[Alma] = {:?}", users.get("Alma").await?);
    println!(
        "started after 2018: {:?}",
        users
            .query()
            .filter("year_started > ?", [2018])
            .fetch()
            .await?
    );
    let names = users
        .query()
        .select("name")
        .order_by("name")
        .fetch()
        .await?;
    let names: Vec<_> = names.into_iter().map(serde_json::Value::Object).collect();
    println!("names only: {}", serde_json::Value::Array(names));
    println!(
        "Alma's titles: {:?}",
        alma.query().fetch_as::<TodoTitle>().await?
    );
    for (pk, todo) in alma.query().limit(3).fetch_with_pk().await? {
        println!("{:?} -> {}", pk.values(), todo.title);
    }
    println!("Alma has {} todos", alma.query().count().await?);
    Ok(())
}
