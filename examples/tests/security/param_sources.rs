//! Parameters from the wrong place: a cookie planted by a page on another port of the same host
//! (cookies ignore ports) or a request header filling a form field the request did not send,
//! and a query string overriding what a form posted. The todo example, as its users run it.

use crate::common::{TempDir, logged_in};
use crate::todo;
use ft_web::Client;

/// A logged-in client of the todo app on a fresh database.
async fn todo_user(dir: &TempDir) -> Client {
    logged_in(todo::app(&dir.file("t.db")), "victim").await
}

/// The id of the todo an add answered with (`<li id="todo-N">`).
fn added_id(html: &str) -> i64 {
    html.split("id=\"todo-")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a todo in {html}"))
}

/// The todo's edit form (its fields filled from the row).
async fn edit_form(c: &Client, id: i64) -> String {
    let r = c.get(&format!("/edit/{id}")).htmx().send().await;
    assert_eq!(r.status(), 200);
    r.text()
}

// FastHTML fills a parameter (and a dataclass field) the request did not send from a cookie or
// header of the same name, ahead of the query (SPEC 3.1, 3.2, Appendix B): the planted
// `details` lands in the victim's todo there. ft reads cookies and headers only through
// `Cookie<T>` / `Header<T>`.
#[ft_web::test]
async fn param_sources_planted_cookie_or_header_does_not_fill_a_form_field() {
    let dir = TempDir::new("sec-params");
    let c = todo_user(&dir).await;
    let payload = "<img src=x onerror=alert(1)> planted";
    c.set_cookie("details", payload);
    let r = c
        .post("/")
        .header("details", payload)
        .header("priority", "99")
        .form([("title", "groceries")])
        .htmx()
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let form = edit_form(&c, added_id(&r.text())).await;
    assert!(form.contains("groceries"), "{form}");
    assert!(
        !form.contains("planted"),
        "a cookie or header filled the form: {form}"
    );
    let details = form
        .split("<textarea")
        .nth(1)
        .and_then(|t| t.split_once('>'))
        .map(|(_, rest)| rest);
    assert!(
        details.is_some_and(|d| d.starts_with("</textarea>")),
        "the details are not empty: {form}"
    );
}

// FastHTML: the query string beats the body (SPEC 3.1), so a link like
// `/?title=...` can rewrite what a posted form says. ft: for POST/PUT/PATCH/DELETE the body
// wins; the query still fills what the body does not send.
#[ft_web::test]
async fn param_sources_body_wins_over_the_query_on_post() {
    let dir = TempDir::new("sec-params");
    let c = todo_user(&dir).await;
    let r = c
        .post("/")
        .query("title", "from-the-link")
        .query("details", "query-details")
        .form([("title", "from-the-form")])
        .htmx()
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let text = r.text();
    assert!(text.contains("from-the-form"), "{text}");
    assert!(!text.contains("from-the-link"), "{text}");
    let form = edit_form(&c, added_id(&text)).await;
    assert!(form.contains("query-details"), "{form}");
}
