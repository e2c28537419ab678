//! ft-data in the app (SPEC 8J, 8K): tables created at startup, `Tbl<T>` parameters, a
//! beforeware that scopes a table per request, and one struct that is a row, a form and a
//! fill_form source.

mod common;
use common::client_for;
use ft_web::prelude::*;

#[derive(Record, FormFields, Clone, Debug, PartialEq)]
#[table(name = "todos")]
struct Todo {
    #[form(default)]
    id: i64,
    title: String,
    done: bool,
    #[form(default)]
    name: String,
}

#[rt("/")]
async fn list(todos: Tbl<Todo>) -> Result<Ft> {
    let items = todos.query().order_by("id").fetch().await?;
    Ok(Ul!(items
        .iter()
        .map(|t| Li!(&t.title, id = format!("todo-{}", t.id)))))
}

#[post("/")]
async fn add(todo: Todo, todos: Tbl<Todo>) -> Result<Ft> {
    let t = todos.insert(&todo).await?;
    Ok(Li!(t.title, id = format!("todo-{}", t.id)))
}

#[rt("/todos/{id}")]
async fn show(id: i64, todos: Tbl<Todo>) -> Result<Ft> {
    let t = todos.get(id).await?;
    Ok(fill_form(
        &Form!(
            Input!(name = "title"),
            Input!(name = "done", r#type = "checkbox")
        ),
        &t,
    ))
}

fn scoped_by_user() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| {
        let user = ctx.header("x-user").unwrap_or("anon").to_owned();
        ctx.scope::<Todo>("name", user);
        None
    })
}

fn app() -> FastApp {
    FastApp::new()
        .db(":memory:")
        .table::<Todo>()
        .before(scoped_by_user())
        .routes(routes![list, add, show])
}

#[actix_web::test]
async fn tables_params_and_not_found() {
    let cli = client_for(app()).await;
    let r = cli
        .post("/")
        .htmx()
        .header("x-user", "ann")
        .form([("title", "Milk")])
        .send()
        .await;
    assert_eq!(r.text(), r#"<li id="todo-1">Milk</li>"#);
    let r = cli
        .get("/todos/1")
        .htmx()
        .header("x-user", "ann")
        .send()
        .await;
    assert_eq!(
        r.text(),
        r#"<form enctype="multipart/form-data"><input name="title" value="Milk"><input name="done" type="checkbox"></form>"#
    );
    // another user cannot see it: NotFound is a 404
    let r = cli
        .get("/todos/1")
        .htmx()
        .header("x-user", "bob")
        .send()
        .await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        cli.get("/")
            .htmx()
            .header("x-user", "bob")
            .send()
            .await
            .text(),
        "<ul></ul>"
    );
}

#[actix_web::test]
async fn interleaved_users_never_see_each_others_rows() {
    // SPEC 8K is FastHTML's data leak (a shared table mutated per request); here every
    // request gets its own scoped handle.
    let cli = client_for(app()).await;
    for i in 0..200 {
        for user in ["ann", "bob"] {
            let r = cli
                .post("/")
                .htmx()
                .header("x-user", user)
                .form([("title", format!("{user}-{i}"))])
                .send()
                .await;
            assert_eq!(r.status(), 200);
        }
    }
    for user in ["ann", "bob"] {
        let page = cli
            .get("/")
            .htmx()
            .header("x-user", user)
            .send()
            .await
            .text();
        let other = if user == "ann" { "bob-" } else { "ann-" };
        assert!(!page.contains(other), "{user} saw {other}");
        assert_eq!(page.matches("<li").count(), 200);
    }
}

#[test]
fn the_table_tag_and_the_record_derive_live_together() {
    // The derive is `Record` so that `Table!` stays the <table> tag in the prelude.
    assert_eq!(
        Table!(Tr!(Td!(1))).render(),
        "<table><tr><td>1</td></tr></table>"
    );
}

/// Writes through `App::db` (the unscoped database a websocket handler or background task
/// uses) land in the same tables as `Tbl<T>` sees.
#[post("/raw-add")]
async fn raw_add(title: String, app: App) -> Result<String> {
    let todo = Todo {
        id: 0,
        title,
        done: false,
        name: "anon".into(),
    };
    let t = app.db().await?.table::<Todo>().insert(&todo).await?;
    Ok(t.id.to_string())
}

#[actix_web::test]
async fn app_db_is_the_tables_database() {
    let cli = client_for(app().routes(routes![raw_add])).await;
    let id = cli
        .post("/raw-add")
        .form([("title", "from App::db")])
        .send()
        .await
        .text();
    assert_eq!(id, "1");
    let page = cli.get("/").send().await.text();
    assert!(
        page.contains(r#"<li id="todo-1">from App::db</li>"#),
        "{page}"
    );
}

mod later {
    /// The todo struct of a later version of the app: one field more.
    #[derive(ft_web::prelude::Record, Clone, Debug)]
    #[table(name = "todos")]
    pub struct Todo {
        pub id: i64,
        pub title: String,
        pub done: bool,
        pub name: String,
        pub priority: i64,
    }
}

#[get("/later")]
async fn later_list(todos: Tbl<later::Todo>) -> Result<String> {
    let all = todos.all().await?;
    Ok(all
        .iter()
        .map(|t| format!("{}:{}", t.title, t.priority))
        .collect::<Vec<_>>()
        .join(","))
}

// A field added to the struct: the next start adds its column to the existing table (rows
// kept, the new column at its default), so the app's pages work instead of failing with "no
// such column" (SPEC 8.8's transform, on by default for `.table::<T>()`).
#[actix_web::test]
async fn a_new_field_becomes_a_column_at_the_next_start() {
    let dir = std::env::temp_dir().join(format!("ft-evolve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("app.db").to_string_lossy().into_owned();
    let v1 = client_for(fast_app().db(&db).table::<Todo>().routes(routes![add])).await;
    let r = v1
        .post("/")
        .form([("title", "kept"), ("done", "")])
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let v2 = client_for(
        fast_app()
            .db(&db)
            .table::<later::Todo>()
            .routes(routes![later_list]),
    )
    .await;
    let r = v2.get("/later").send().await;
    assert_eq!((r.status(), r.text()), (200, "kept:0".to_owned()));
    std::fs::remove_dir_all(&dir).unwrap();
}
