//! The forms example (validation rules, 422 swapped in place, inline editing, a typed sort):
//! test client and browser.

mod common;

#[allow(dead_code)]
#[path = "../examples/forms.rs"]
mod forms;

use common::{Running, TempDir, client};
use ft_web::prelude::*;

/// A registration that breaks every rule kind at once.
const BAD: &[(&str, &str)] = &[
    ("username", "Bad Name!"),          // pattern
    ("email", "not-an-email"),          // email
    ("age", "12"),                      // min
    ("website", "javascript:alert(1)"), // url (optional, but not empty)
    ("start", "1999-12-31"),            // min (a date)
    ("plan", "legacy"),                 // one_of
    ("nickname", "admin"),              // check (a function)
    ("password", "short"),              // min_len with its own message
    ("confirm", "shorter"),             // the struct's check
];

/// The same registration, every value fixed.
const GOOD: &[(&str, &str)] = &[
    ("username", "ada_l"),
    ("email", "ada@example.org"),
    ("age", "36"),
    ("website", ""),
    ("start", "2024-05-01"),
    ("plan", "pro"),
    ("nickname", "countess"),
    ("password", "analytical"),
    ("confirm", "analytical"),
];

async fn app_client(dir: &TempDir) -> Client {
    client(forms::app(&dir.file("forms.db"))).await
}

/// The element `<tag ... name="name" ...>` in `html`, up to its `>`.
fn element_named<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no field {name} in {html}"));
    let start = html[..at].rfind('<').expect("an element");
    let end = at + html[at..].find('>').expect("closed");
    &html[start..=end]
}

#[ft_web::test]
async fn a_bad_registration_shows_every_message_at_once_and_keeps_every_value() {
    let dir = TempDir::new("forms");
    let c = app_client(&dir).await;
    let r = c
        .post("/register")
        .htmx()
        .form(BAD.iter().copied())
        .send()
        .await;
    assert_eq!(r.status(), 422, "{}", r.text());
    let html = r.text();
    // The form, to be swapped in place of the one that was sent.
    assert!(html.starts_with("<form"), "{html}");
    assert!(html.contains(r#"id="signup""#), "{html}");

    // One message per rule kind.
    for message in [
        "must match the pattern",      // username: pattern
        "must be an email address",    // email
        "must be at least 18",         // age: min
        "must be a web address",       // website: url
        "must be at least 2000-01-01", // start: min on a date
        "must be one of: free, pro",   // plan: one_of
        "\"admin\" is reserved",       // nickname: a function
        "Use at least 8 characters",   // password: the rule's own message
        "Passwords differ",            // confirm: the struct's check
    ] {
        assert!(html.contains(message), "missing {message:?} in {html}");
    }
    // Each bad field is marked and points at its message, which follows it.
    for field in [
        "username", "email", "age", "website", "start", "plan", "nickname", "password", "confirm",
    ] {
        let el = element_named(&html, field);
        assert!(el.contains(r#"aria-invalid="true""#), "{field}: {el}");
        assert!(
            el.contains(&format!(r#"aria-describedby="{field}-error""#)),
            "{field}: {el}"
        );
        assert!(
            html.contains(&format!(r#"<small id="{field}-error""#)),
            "{field}'s message: {html}"
        );
    }
    // Every value kept as typed, but the passwords: they do not travel back in the page.
    for (field, value) in BAD {
        let el = element_named(&html, field);
        if matches!(*field, "password" | "confirm") {
            assert!(!el.contains("value="), "{field}: {el}");
        } else if *field == "plan" {
            let select = &html[html.find(r#"name="plan""#).expect("plan")..];
            let select = &select[..select.find("</select>").expect("closed")];
            assert!(
                select.contains(r#"<option value="legacy" selected"#),
                "{select}"
            );
        } else {
            let value = value.replace('&', "&amp;").replace('"', "&quot;");
            assert!(el.contains(&format!(r#"value="{value}""#)), "{field}: {el}");
        }
    }
    // And the summary above the fields.
    assert!(html.contains("Please fix 9 fields:"), "{html}");
}

#[ft_web::test]
async fn a_good_registration_succeeds_and_the_client_cannot_pick_the_id() {
    let dir = TempDir::new("forms");
    let c = app_client(&dir).await;
    let mut form: Vec<(&str, &str)> = GOOD.to_vec();
    form.push(("id", "999"));
    let r = c.post("/register").htmx().form(form.clone()).send().await;
    assert_eq!(r.status(), 200, "{}", r.text());
    assert_eq!(
        r.text(),
        r#"<article id="signup"><h2>Welcome, ada_l!</h2><p>Account #1 on the pro plan, starting 2024-05-01.</p></article>"#
    );
    // The next one is #2, whatever it sends.
    let r = c.post("/register").htmx().form(form).send().await;
    assert!(r.text().contains("Account #2 "), "{}", r.text());

    // The optional website, when given, must be a web address.
    let mut form: Vec<(&str, &str)> = GOOD.to_vec();
    form.retain(|(k, _)| *k != "website");
    form.push(("website", "https://ada.example.org"));
    let r = c.post("/register").htmx().form(form).send().await;
    assert_eq!(r.status(), 200, "{}", r.text());

    // Without htmx, a failed form is a full page with the same 422.
    let r = c.post("/register").form(BAD.iter().copied()).send().await;
    assert_eq!(r.status(), 422);
    assert!(r.text().contains("<html") && r.text().contains("Passwords differ"));
}

#[ft_web::test]
async fn the_page_carries_the_422_rule() {
    let dir = TempDir::new("forms");
    let c = app_client(&dir).await;
    let page = c.get("/").send().await.text();
    let ft_js = ft_web::assets::ft_js().url();
    assert!(
        page.contains(&format!(r#"<script src="{ft_js}"></script>"#)),
        "{page}"
    );
    let js = c.get(&ft_js).send().await.text();
    assert!(js.contains("code: '422', swap: true, error: false"), "{js}");
}

/// The row `<tr id="member-{id}">..</tr>` in `html`.
fn row(html: &str, id: i64) -> &str {
    let start = html
        .find(&format!(r#"<tr id="member-{id}""#))
        .unwrap_or_else(|| panic!("no row {id} in {html}"));
    let end = start + html[start..].find("</tr>").expect("closed") + "</tr>".len();
    &html[start..end]
}

#[ft_web::test]
async fn inline_edit_checks_the_row_and_keeps_key_and_team() {
    let dir = TempDir::new("forms");
    let c = app_client(&dir).await;
    let page = c.get("/").send().await.text();
    assert!(row(&page, 1).contains("<td>Ada</td>"), "{page}");

    // Edit: the row becomes a form, filled from the row.
    let r = c.get("/members/1/edit").htmx().send().await;
    assert_eq!(r.status(), 200);
    let html = r.text();
    assert!(html.starts_with(r#"<tr id="member-1""#), "{html}");
    assert!(html.contains(r#"hx-post="/members/1""#), "{html}");
    assert!(
        element_named(&html, "name").contains(r#"value="Ada""#),
        "{html}"
    );

    // Bad input: the row as a form again, what was typed, each message, 422.
    let r = c
        .post("/members/1")
        .htmx()
        .form([("name", ""), ("email", "ada@"), ("level", "9")])
        .send()
        .await;
    assert_eq!(r.status(), 422, "{}", r.text());
    let html = r.text();
    assert!(html.starts_with(r#"<tr id="member-1""#), "{html}");
    for message in ["required", "must be an email address", "must be at most 5"] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(
        element_named(&html, "email").contains(r#"value="ada@""#),
        "{html}"
    );
    assert!(
        element_named(&html, "level").contains(r#"value="9""#),
        "{html}"
    );
    // Nothing was written.
    assert!(
        c.get("/")
            .send()
            .await
            .text()
            .contains("<td>ada@example.org</td>")
    );

    // Good input: the display row. A posted `id` or `team` is not used.
    let r = c
        .post("/members/1")
        .htmx()
        .form([
            ("name", "Ada Lovelace"),
            ("email", "ada@example.org"),
            ("level", "5"),
            ("id", "2"),
            ("team", "ops"),
        ])
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    assert!(r.text().starts_with(r#"<tr id="member-1""#), "{}", r.text());
    assert!(r.text().contains("<td>Ada Lovelace</td>"), "{}", r.text());
    let page = c.get("/").send().await.text();
    // Row 1 changed (still in this team's list), row 2 did not.
    assert!(row(&page, 1).contains("<td>Ada Lovelace</td>"), "{page}");
    assert!(row(&page, 2).contains("<td>Grace</td>"), "{page}");

    // A row that does not exist (or is another team's) is a 404, good input or bad.
    let good = [("name", "X"), ("email", "x@example.org"), ("level", "1")];
    assert_eq!(
        c.post("/members/99")
            .htmx()
            .form(good)
            .send()
            .await
            .status(),
        404
    );
    let bad = [("name", ""), ("email", "x"), ("level", "1")];
    assert_eq!(
        c.post("/members/99").htmx().form(bad).send().await.status(),
        404
    );
}

#[ft_web::test]
async fn adding_uses_the_same_struct_and_ignores_id_and_team() {
    let dir = TempDir::new("forms");
    let c = app_client(&dir).await;
    c.get("/").send().await; // the three seeded members: ids 1 to 3
    let r = c
        .post("/members")
        .htmx()
        .form([
            ("name", "Barbara"),
            ("email", "barbara@example.org"),
            ("level", "3"),
            ("id", "1"),
            ("team", "ops"),
        ])
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let html = r.text();
    // A new id from the database; in this team (the scoped list shows it); row 1 untouched.
    assert!(row(&html, 4).contains("<td>Barbara</td>"), "{html}");
    assert!(row(&html, 1).contains("<td>Ada</td>"), "{html}");
    assert!(
        element_named(&html, "name").contains("id=\"new-name\""),
        "{html}"
    );
    assert!(
        !element_named(&html, "name").contains("value="),
        "empty again: {html}"
    );

    let r = c
        .post("/members")
        .htmx()
        .form([("name", "Zed"), ("email", "zed"), ("level", "0")])
        .send()
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text();
    assert!(html.contains("must be an email address") && html.contains("must be at least 1"));
    assert!(
        element_named(&html, "name").contains(r#"value="Zed""#),
        "{html}"
    );
    assert!(!html.contains("<td>Zed</td>"), "{html}");
}

#[ft_web::test]
async fn search_sort_links_round_trip() {
    let dir = TempDir::new("forms");
    let c = app_client(&dir).await;
    let html = c.get("/search?q=a&sort=name").send().await.text();
    // "a" matches Ada and Grace (not Linus), by name.
    assert!(
        html.contains(r#"<ol id="results"><li>Ada (level 5)</li><li>Grace (level 4)</li></ol>"#),
        "{html}"
    );
    // The current sort is not a link; the others keep the query and name their sort.
    assert!(html.contains("<strong>By name</strong>"), "{html}");
    let level = forms::sort_link("a", forms::Sort::Level).to_string();
    assert_eq!(level, "/search?q=a&sort=level");
    let escaped = level.replace('&', "&amp;");
    assert!(html.contains(&format!(r#"href="{escaped}""#)), "{html}");

    // Following it sorts by level, and its own links come back the same way.
    let html = c.get(&level).send().await.text();
    assert!(html.contains("<strong>By level</strong>"), "{html}");
    assert!(
        html.contains(r#"href="/search?q=a&amp;sort=name""#),
        "{html}"
    );
    let all = c.get("/search?sort=level").send().await.text();
    assert!(
        all.contains(r#"<ol id="results"><li>Ada (level 5)</li><li>Grace (level 4)</li><li>Linus (level 2)</li></ol>"#),
        "{all}"
    );
    let newest = c.get("/search?sort=newest").send().await.text();
    assert!(
        newest.contains(r#"<li>Linus (level 2)</li><li>Grace"#),
        "{newest}"
    );
    // The select shows the sort that was asked for.
    assert!(
        newest.contains(r#"<option value="newest" selected"#),
        "{newest}"
    );
    // A sort that is no variant is a 400 naming the parameter.
    let r = c.get("/search?sort=price").send().await;
    assert_eq!(r.status(), 400);
    assert!(r.text().contains("sort"), "{}", r.text());
}

#[test]
fn browser_forms() {
    let dir = TempDir::new("forms-e2e");
    let db = dir.file("forms.db");
    let server = Running::start(move || forms::app(&db));
    common::e2e("forms", &server);
}

/// The same with the app on htmx 4, which swaps a 422 by itself.
#[test]
fn browser_forms_htmx4() {
    let dir = TempDir::new("forms-e2e-htmx4");
    let db = dir.file("forms.db");
    let server = Running::start(move || forms::app(&db).htmx4(true));
    common::e2e_with("forms", &server, &[("E2E_HTMX", "4")]);
}

/// With `swap_422(false)` under htmx 4: 422 joins htmx 4's noSwap, nothing is swapped.
#[test]
fn browser_forms_without_the_422_rule_htmx4() {
    let dir = TempDir::new("forms-e2e-off-htmx4");
    let db = dir.file("forms.db");
    let server = Running::start(move || forms::app(&db).swap_422(false).htmx4(true));
    common::e2e_with("forms_no_swap", &server, &[("E2E_HTMX", "4")]);
}

/// With `swap_422(false)` a 422 is htmx's error again: nothing is swapped.
#[test]
fn browser_forms_without_the_422_rule() {
    let dir = TempDir::new("forms-e2e-off");
    let db = dir.file("forms.db");
    let server = Running::start(move || forms::app(&db).swap_422(false));
    common::e2e("forms_no_swap", &server);
}
