//! The todo app (examples/examples/todo.rs): through the in-process test client, then in a
//! real browser (e2e/todo.mjs).

mod common;

#[allow(dead_code)]
#[path = "../examples/todo.rs"]
mod todo;

use common::{Running, TempDir, client};

async fn logged_in(db: &str, name: &str) -> ft_web::Client {
    common::logged_in(todo::app(db), name).await
}

/// The first `<li id="todo-N">` of a response: N.
fn todo_id(html: &str) -> i64 {
    let rest = html.split("id=\"todo-").nth(1).expect("a todo item");
    rest[..rest.find('"').unwrap()].parse().unwrap()
}

#[ft_web::test]
async fn visitors_are_sent_to_login() {
    let dir = TempDir::new("todo");
    let c = client(todo::app(&dir.file("t.db"))).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("location"), Some("/login"));
    let r = c.get("/login").send().await;
    assert_eq!(r.status(), 200);
    assert!(r.text().contains("<h1>Login</h1>"));
    // The vendored scripts are reachable without a login and nothing comes from a CDN.
    assert!(!r.text().contains("cdn.jsdelivr"), "{}", r.text());
    for js in [
        "/static/vendor/sortable-1.15.7.esm.js",
        "/static/vendor/marked-18.2.1.esm.js",
    ] {
        assert!(r.text().contains(js));
        let r = c.get(js).send().await;
        assert_eq!(r.status(), 200, "{js}");
        assert!(r.header("content-type").unwrap().contains("javascript"));
    }
}

#[ft_web::test]
async fn login_creates_the_account_and_checks_the_password() {
    let dir = TempDir::new("todo");
    let db = dir.file("t.db");
    let c = logged_in(&db, "alice").await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    assert!(r.text().contains("alice&#x27;s Todo list") || r.text().contains("alice's Todo list"));

    let other = client(todo::app(&db)).await;
    let r = other
        .post("/login")
        .form([("name", "alice"), ("pwd", "wrong")])
        .send()
        .await;
    assert_eq!(r.header("location"), Some("/login"));
    assert_eq!(other.get("/").send().await.status(), 303);

    // Logging out forgets the user; it is a POST with the CSRF token (a GET is a 405).
    assert_eq!(c.get("/logout").send().await.status(), 405);
    let r = c.post("/logout").send().await;
    assert_eq!(r.header("location"), Some("/login"));
    assert_eq!(c.get("/").send().await.status(), 303);
}

#[ft_web::test]
async fn add_edit_toggle_show_delete() {
    let dir = TempDir::new("todo");
    let c = logged_in(&dir.file("t.db"), "alice").await;

    let r = c
        .post("/")
        .htmx()
        .form([("title", "Buy milk")])
        .send()
        .await;
    assert_eq!(r.status(), 200);
    let html = r.text();
    assert!(html.contains(">Buy milk</a>"), "{html}");
    // The new-title input comes back empty, out of band.
    assert!(html.contains("id=\"new-title\"") && html.contains("hx-swap-oob=\"true\""));
    let id = todo_id(&html);

    // The edit form is filled from the row.
    let r = c.get(&format!("/edit/{id}")).htmx().send().await;
    assert!(r.text().contains("value=\"Buy milk\""), "{}", r.text());

    // Save: new title, details, done.
    let r = c
        .put("/")
        .htmx()
        .form([
            ("id", id.to_string().as_str()),
            ("title", "Buy oat milk"),
            ("done", "1"),
            ("details", "**oat**"),
        ])
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().contains("✅ "), "{}", r.text());
    assert!(r.text().contains("hx-swap-oob=\"innerHTML\""));

    // Details carry the Markdown for the browser to render.
    let r = c.get(&format!("/todos/{id}")).htmx().send().await;
    assert!(r.text().contains("<h2>Buy oat milk</h2>"));
    assert!(
        r.text().contains("class=\"markdown\">**oat**</div>"),
        "{}",
        r.text()
    );

    // Toggle back: an unchecked box sends no `done`.
    let r = c
        .put("/")
        .htmx()
        .form([("id", id.to_string().as_str()), ("title", "Buy oat milk")])
        .send()
        .await;
    assert!(!r.text().contains("✅"), "{}", r.text());

    let r = c.delete(&format!("/todos/{id}")).htmx().send().await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        c.get(&format!("/todos/{id}")).htmx().send().await.status(),
        404
    );
}

#[ft_web::test]
async fn reorder_and_per_user_scoping() {
    let dir = TempDir::new("todo");
    let db = dir.file("t.db");
    let alice = logged_in(&db, "alice").await;
    let mut ids = Vec::new();
    for t in ["one", "two", "three"] {
        let r = alice.post("/").htmx().form([("title", t)]).send().await;
        ids.push(todo_id(&r.text()));
    }
    let order = [ids[2], ids[0], ids[1]];
    let form: Vec<(&str, String)> = order.iter().map(|i| ("id", i.to_string())).collect();
    let r = alice.post("/reorder").htmx().form(form).send().await;
    assert_eq!(r.status(), 200);
    let page = alice.get("/").send().await.text();
    let pos = |t: &str| page.find(&format!(">{t}</a>")).unwrap();
    assert!(
        pos("three") < pos("one") && pos("one") < pos("two"),
        "{page}"
    );

    // Bob sees none of them and cannot read, edit or delete them.
    let bob = logged_in(&db, "bob").await;
    let page = bob.get("/").send().await.text();
    assert!(!page.contains(">one</a>"), "{page}");
    assert_eq!(
        bob.get(&format!("/todos/{}", ids[0]))
            .htmx()
            .send()
            .await
            .status(),
        404
    );
    assert_eq!(
        bob.get(&format!("/edit/{}", ids[0]))
            .htmx()
            .send()
            .await
            .status(),
        404
    );
    assert_eq!(
        bob.delete(&format!("/todos/{}", ids[0]))
            .htmx()
            .send()
            .await
            .status(),
        404
    );
    assert!(
        alice
            .get(&format!("/todos/{}", ids[0]))
            .htmx()
            .send()
            .await
            .status()
            == 200
    );
}

#[ft_web::test]
async fn unknown_pages_are_the_custom_404() {
    let dir = TempDir::new("todo");
    let c = logged_in(&dir.file("t.db"), "alice").await;
    let r = c.get("/nope/nope").send().await;
    assert_eq!(r.status(), 404);
    assert!(r.text().contains("Oh no!"));
}

/// The browser test: e2e/todo.mjs against a real server.
#[test]
fn browser_todo() {
    let dir = TempDir::new("todo-e2e");
    let db = dir.file("todos.db");
    let server = Running::start(move || todo::app(&db));
    common::e2e("todo", &server);
}

/// The same browser test with the app on htmx 4 (`FT_HTMX=4` for `cargo run`).
#[test]
fn browser_todo_htmx4() {
    let dir = TempDir::new("todo-e2e-htmx4");
    let db = dir.file("todos.db");
    let server = Running::start(move || todo::app(&db).htmx4(true));
    common::e2e_with("todo", &server, &[("E2E_HTMX", "4")]);
}

/// An empty title is a 422 that htmx swaps into the form's message slot, in both modes.
#[ft_web::test]
async fn an_empty_title_is_a_422_for_the_message_slot() {
    let dir = TempDir::new("todo");
    let c = logged_in(&dir.file("t.db"), "alice").await;
    let r = c.post("/").htmx().form([("title", " ")]).send().await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.header("hx-retarget"), Some("#add-error"));
    assert!(r.text().contains("A todo needs a title."), "{}", r.text());
    let r = c.post("/").htmx().form([("title", "Tea")]).send().await;
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .contains(r##"<div hx-swap-oob="innerHTML:#add-error"></div>"##),
        "{}",
        r.text()
    );
}
