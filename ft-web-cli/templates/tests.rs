//! The app's tests (`cargo test`): each request goes through the app in-process with
//! `Client`, against a fresh SQLite file from `TempDb` that is removed afterwards.

use super::*;
use ft_web::testing::TempDb;

/// A client for the app on a temporary database.
async fn client(db: &TempDb) -> Client {
    Client::new(app(db.path()).secret_key("test")).await
}

#[ft_web::test]
async fn the_page_has_the_title_the_form_and_the_styles() {
    let db = TempDb::new();
    let c = client(&db).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    let page = r.text();
    assert!(page.contains(&format!("<title>{TITLE}</title>")), "{page}");
    assert!(page.contains(r#"hx-post="/items""#), "{page}");
    assert_eq!(c.get("/app.css").send().await.status(), 200);
}

#[ft_web::test]
async fn an_added_item_is_listed_until_it_is_deleted() {
    let db = TempDb::new();
    let c = client(&db).await;
    let r = c
        .post("/items")
        .htmx()
        .form([("name", " Apples "), ("qty", "3")])
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().starts_with("<tr id=\"item-1\">"), "{}", r.text());
    let page = c.get("/").send().await.text();
    assert!(page.contains("<td>Apples</td><td>3</td>"), "{page}");

    assert_eq!(c.delete("/items/1").htmx().send().await.status(), 200);
    assert!(!c.get("/").send().await.text().contains("Apples"));
}

#[ft_web::test]
async fn a_bad_form_is_refused() {
    let db = TempDb::new();
    let c = client(&db).await;
    let bad = [
        vec![("name", "Pears"), ("qty", "many")], // not a number
        vec![("name", "Pears")],                  // a missing field
        vec![("name", "  "), ("qty", "1")],       // a blank name
        vec![("name", "Pears"), ("qty", "-1")],   // a negative quantity
    ];
    for form in bad {
        let r = c.post("/items").htmx().form(form.clone()).send().await;
        assert_eq!(r.status(), 400, "{form:?}: {}", r.text());
    }
    assert!(!c.get("/").send().await.text().contains("Pears"));
}
