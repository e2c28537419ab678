//! High 2, mass assignment: a struct that is both a table row and a form must not let the
//! client choose the primary key or the scoped owner column, and a constraint the client trips
//! is a clean 409 without the database's text.

use crate::common::{TempDir, client, logged_in};
use crate::todo;
use ft_web::prelude::*;

/// The id of the first `<li id="todo-N">` in a response.
fn todo_id(html: &str) -> i64 {
    let rest = html.split("id=\"todo-").nth(1).expect("a todo item");
    rest[..rest.find('"').unwrap()].parse().unwrap()
}

async fn add(c: &ft_web::Client, form: &[(&str, &str)]) -> (u16, String) {
    let r = c.post("/").htmx().form(form.to_vec()).send().await;
    (r.status(), r.text())
}

/// FastHTML's todo app takes a posted `id` too: fastlite inserts the dataclass as given
/// (SPEC 8.10). ft's `insert` never takes an auto-id table's key from the row.
#[ft_web::test]
async fn mass_assignment_a_posted_max_id_does_not_stop_later_inserts() {
    let dir = TempDir::new("sec-mass");
    let db = dir.file("t.db");
    let mallory = logged_in(todo::app(&db), "mallory").await;
    let (status, html) = add(&mallory, &[("title", "x"), ("id", "9223372036854775807")]).await;
    assert_eq!(status, 200, "{html}");
    assert_ne!(todo_id(&html), i64::MAX, "the posted id was used: {html}");

    // Every later insert, by anyone, still gets an id.
    let alice = logged_in(todo::app(&db), "alice").await;
    let (status, html) = add(&alice, &[("title", "after")]).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(">after</a>"), "{html}");
    let (status, _) = add(&mallory, &[("title", "again")]).await;
    assert_eq!(status, 200);
}

/// In FastHTML posting an existing id is a UNIQUE-constraint failure (SPEC 8.13) and a 500,
/// which tells the attacker the id exists. Here the id is ignored: an existing id of another
/// account and an id nobody has get the same answer, and the other account's row is intact.
#[ft_web::test]
async fn mass_assignment_another_accounts_id_reveals_nothing_and_changes_nothing() {
    let dir = TempDir::new("sec-mass");
    let db = dir.file("t.db");
    let alice = logged_in(todo::app(&db), "alice").await;
    let (_, html) = add(&alice, &[("title", "alice's secret")]).await;
    let theirs = todo_id(&html).to_string();
    let mallory = logged_in(todo::app(&db), "mallory").await;

    let (s1, h1) = add(&mallory, &[("title", "probe"), ("id", &theirs)]).await;
    let (s2, h2) = add(&mallory, &[("title", "probe"), ("id", "987654")]).await;
    assert_eq!((s1, s2), (200, 200), "{h1}\n{h2}");
    for h in [&h1, &h2] {
        assert!(!h.to_lowercase().contains("constraint"), "{h}");
        assert_ne!(todo_id(h).to_string(), theirs);
    }
    // The owner column comes from the session's scope, not from the form.
    let (s, h) = add(&mallory, &[("title", "planted"), ("name", "alice")]).await;
    assert_eq!(s, 200, "{h}");
    let page = alice.get("/").send().await.text();
    assert!(
        !page.contains("planted") && !page.contains("probe"),
        "{page}"
    );

    // Saving (update) someone else's id stays a 404 and leaves their row alone.
    let r = mallory
        .put("/")
        .htmx()
        .form([("id", theirs.as_str()), ("title", "hacked")])
        .send()
        .await;
    assert_eq!(r.status(), 404, "{}", r.text());
    let r = alice.get(&format!("/todos/{theirs}")).htmx().send().await;
    assert!(r.text().contains("alice&#39;s secret") || r.text().contains("alice's secret"));
}

#[derive(Record, FormFields, Clone, Debug)]
#[table(pk = "handle")]
struct Member {
    handle: String,
    bio: String,
}

#[post("/join")]
async fn join(member: Member, members: Tbl<Member>) -> Result<String> {
    Ok(members.insert(&member).await?.handle)
}

/// A unique column the client fills (a taken handle): FastHTML answers a 500 with the
/// database's exception. ft answers 409 with a generic text; the details go to the log.
#[ft_web::test]
async fn mass_assignment_a_constraint_error_is_a_clean_409() {
    let dir = TempDir::new("sec-mass");
    let app = || {
        fast_app()
            .db(dir.file("m.db"))
            .table::<Member>()
            .routes(routes![join])
    };
    let c = client(app()).await;
    let form = [("handle", "neo"), ("bio", "one")];
    let r = c.post("/join").form(form).send().await;
    assert_eq!((r.status(), r.text()), (200, "neo".to_owned()));
    let r = c.post("/join").form(form).send().await;
    assert_eq!(r.status(), 409);
    let body = r.text().to_lowercase();
    for leak in ["unique", "constraint", "member", "handle", "sqlite"] {
        assert!(
            !body.contains(leak),
            "database text reached the client: {body}"
        );
    }
    // The same over htmx (a partial), and the first row is unchanged.
    assert_eq!(c.post("/join").htmx().form(form).send().await.status(), 409);
    let db = ft_web::data::Database::open(&dir.file("m.db"))
        .await
        .unwrap();
    let rows = db.q("select bio from member", vec![]).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["bio"], "one");
}
