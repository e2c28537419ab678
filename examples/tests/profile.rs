//! The profile example (forms, fill_form, a table in SQLite): test client and browser.

mod common;

#[allow(dead_code)]
#[path = "../examples/profile.rs"]
mod profile;

use common::{Running, TempDir, client};

#[ft_web::test]
async fn save_then_show_the_filled_form() {
    let dir = TempDir::new("profile");
    let c = client(profile::app(&dir.file("p.db"))).await;
    let r = c.get("/").send().await;
    assert!(
        r.text().contains("method=\"post\" action=\"/profile\""),
        "{}",
        r.text()
    );

    let r = c
        .post("/profile")
        .form([
            ("email", "john@example.com"),
            ("phone", "123456789"),
            ("age", "5"),
        ])
        .send()
        .await;
    assert_eq!(r.status(), 303);
    // The link builder percent-encodes the path segment.
    assert_eq!(r.header("location"), Some("/profile/john%40example.com"));
    let html = c.get("/profile/john@example.com").send().await.text();
    assert!(html.contains("<title>Profile for john@example.com</title>"));
    assert!(
        html.contains("name=\"phone\" value=\"123456789\""),
        "{html}"
    );
    assert!(html.contains("value=\"5\""));

    // The same email updates the row.
    c.post("/profile")
        .form([
            ("email", "john@example.com"),
            ("phone", "7654321"),
            ("age", "25"),
        ])
        .send()
        .await;
    let html = c.get("/profile/john@example.com").send().await.text();
    assert!(
        html.contains("value=\"7654321\"") && html.contains("value=\"25\""),
        "{html}"
    );
    let list = c.get("/").send().await.text();
    assert_eq!(list.matches("<td>7654321</td>").count(), 1, "{list}");
}

#[ft_web::test]
async fn bad_input_is_a_400_naming_the_field() {
    let dir = TempDir::new("profile");
    let c = client(profile::app(&dir.file("p.db"))).await;
    let r = c
        .post("/profile")
        .form([("email", "a@b.c"), ("phone", "1"), ("age", "old")])
        .send()
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().contains("age"), "{}", r.text());
    let r = c
        .post("/profile")
        .form([("email", "a@b.c"), ("phone", "1")])
        .send()
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().contains("age"), "{}", r.text());
    assert_eq!(
        c.get("/profile/nobody@example.com").send().await.status(),
        404
    );
}

#[test]
fn browser_profile() {
    let dir = TempDir::new("profile-e2e");
    let db = dir.file("profiles.db");
    let server = Running::start(move || profile::app(&db));
    common::e2e("profile", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_profile_htmx4() {
    let dir = TempDir::new("profile-e2e-htmx4");
    let db = dir.file("profiles.db");
    let server = Running::start(move || profile::app(&db).htmx4(true));
    common::e2e_with("profile", &server, &[("E2E_HTMX", "4")]);
}
