//! The rows, tables and fixtures the SPEC area 8 (MiniDataAPI) tests share
//! (`spec_8_minidata_{tables,rows,queries}.rs`).

use ft_data::{Database, Error, Record, Table};

#[derive(Record, Debug, Clone, PartialEq)]
#[table(pk = "name")]
pub struct User {
    pub name: String,
    pub email: Option<String>,
    pub year_started: i64,
}

pub mod v2 {
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
pub struct Todo {
    pub id: i64,
    pub title: String,
    pub detail: Option<String>,
    pub status: String,
    pub name: String,
}

pub fn todo(title: &str, status: &str, name: &str) -> Todo {
    Todo {
        id: 0,
        title: title.into(),
        detail: None,
        status: status.into(),
        name: name.into(),
    }
}

#[derive(Record, Debug, Clone, PartialEq)]
pub struct TodoItem {
    pub id: i64,
    pub text: String,
}

#[derive(Record, Debug, Clone, PartialEq)]
#[table(pk = "authors, year")]
pub struct Publication {
    pub authors: String,
    pub year: i64,
    pub title: String,
}

pub fn user(name: &str, email: &str, year: i64) -> User {
    User {
        name: name.into(),
        email: Some(email.into()),
        year_started: year,
    }
}

pub async fn users_fixture(db: &Database) -> Table<User> {
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

pub async fn todos_fixture(db: &Database) -> Table<Todo> {
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

pub fn err(e: Error) -> String {
    match e {
        Error::Constraint(_) => "Constraint".into(),
        Error::InvalidInput(_) => "InvalidInput".into(),
        Error::Database(_) => "Database".into(),
        e => format!("{e:?}"),
    }
}

pub fn json_rows(rows: Vec<ft_data::Row>) -> String {
    serde_json::Value::Array(rows.into_iter().map(serde_json::Value::Object).collect()).to_string()
}
