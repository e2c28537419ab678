//! The login example (Beforeware, sessions, Auth): test client and browser.

mod common;

#[allow(dead_code)]
#[path = "../examples/login.rs"]
mod login;

use common::{Running, TempDir, client};

#[ft_web::test]
async fn beforeware_guards_the_dashboard() {
    let dir = TempDir::new("login");
    let c = client(login::app(&dir.file("l.db"))).await;
    // Skipped paths answer without a session.
    assert_eq!(c.get("/").send().await.status(), 200);
    assert_eq!(c.get("/login").send().await.status(), 200);
    let r = c.get("/dashboard").send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("location"), Some("/login"));

    let r = c
        .post("/login")
        .form([("name", "ann"), ("pwd", "pw")])
        .send()
        .await;
    assert_eq!(r.header("location"), Some("/dashboard"));
    let r = c.get("/dashboard").send().await;
    assert!(r.text().contains("Welcome, ann!"), "{}", r.text());
    assert!(c.get("/").send().await.text().contains("Logged in as ann"));

    // A forged auth value in the query or a cookie is not a session.
    let other = client(login::app(&dir.file("l.db"))).await;
    assert_eq!(other.get("/dashboard?auth=ann").send().await.status(), 303);

    // Logging out is a POST with the page's CSRF token: a GET (a link or an image on another
    // site) does nothing, nor does a POST without the token.
    assert_eq!(c.get("/logout").send().await.status(), 405);
    assert_eq!(c.post("/logout").no_csrf().send().await.status(), 403);
    assert_eq!(c.get("/dashboard").send().await.status(), 200);
    let r = c.post("/logout").send().await;
    assert_eq!(r.header("location"), Some("/"));
    assert_eq!(c.get("/dashboard").send().await.status(), 303);
}

#[ft_web::test]
async fn wrong_password_is_refused_with_a_toast() {
    let dir = TempDir::new("login");
    let db = dir.file("l.db");
    let c = client(login::app(&db)).await;
    c.post("/login")
        .form([("name", "ann"), ("pwd", "right")])
        .send()
        .await;
    let c2 = client(login::app(&db)).await;
    let r = c2
        .post("/login")
        .form([("name", "ann"), ("pwd", "wrong")])
        .send()
        .await;
    assert_eq!(r.header("location"), Some("/login"));
    assert!(
        c2.get("/login")
            .send()
            .await
            .text()
            .contains("Wrong password")
    );
    assert_eq!(c2.get("/dashboard").send().await.status(), 303);
}

#[test]
fn browser_login() {
    let dir = TempDir::new("login-e2e");
    let db = dir.file("login.db");
    let server = Running::start(move || login::app(&db));
    common::e2e("login", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_login_htmx4() {
    let dir = TempDir::new("login-e2e-htmx4");
    let db = dir.file("login.db");
    let server = Running::start(move || login::app(&db).htmx4(true));
    common::e2e_with("login", &server, &[("E2E_HTMX", "4")]);
}
