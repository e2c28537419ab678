//! A form that fails validation answers 422 Unprocessable Entity with the form shown again,
//! and ft's pages make htmx swap that 422 in place (htmx 2 swaps no 4xx by default): ft.js
//! puts `{code: "422", swap: true, error: false}` first in `htmx.config.responseHandling`,
//! unless `fast_app().swap_422(false)`. The browser side (htmx really swaps it) is
//! `e2e/forms.mjs`, run by `examples/tests/forms.rs`.

mod common;
use common::client_for;
use ft_web::prelude::*;
use ft_web::values::FieldErrors;

#[derive(FormFields, Debug)]
struct Signup {
    email: String,
    age: u32,
}

fn signup_form() -> Ft {
    Form!(
        Input!(name = "email"),
        Input!(name = "age"),
        Button!("Sign up"),
        hx_post = "/signup",
        hx_swap = "outerHTML",
        id = "signup"
    )
}

#[get("/")]
fn index() -> Ft {
    signup_form()
}

#[post("/signup")]
fn signup(form: Result<Signup, FieldErrors>) -> FtResponse {
    match form {
        Ok(s) => FtResponse::new(P!(format!("welcome {} ({})", s.email, s.age))),
        Err(errors) => FtResponse::new(fill_form(&signup_form(), &errors)).status(422),
    }
}

fn app() -> FastApp {
    fast_app().routes(routes![index, signup])
}

/// The `<script>` tag of ft.js in a page.
fn ft_js_tag(page: &str) -> &str {
    let src = ft_web::assets::ft_js().url();
    let at = page.find(&src).expect("the page links ft.js");
    let start = page[..at].rfind("<script").expect("in a script tag");
    let end = at + page[at..].find('>').expect("closed");
    &page[start..=end]
}

#[actix_web::test]
async fn pages_load_the_422_rule_by_default() {
    let c = client_for(app()).await;
    let page = c.get("/").send().await.text();
    let tag = ft_js_tag(&page);
    assert_eq!(
        tag,
        format!(r#"<script src="{}">"#, ft_web::assets::ft_js().url())
    );
    // ft.js comes right after htmx, so htmx.config exists when it runs.
    let htmx = page.find("/_ft/htmx-2.0.7.min.js").expect("htmx");
    assert!(htmx < page.find(tag).expect("tag"), "{page}");

    // The rule, as served.
    let js = c.get(&ft_web::assets::ft_js().url()).send().await;
    assert_eq!(js.status(), 200);
    let js = js.text();
    assert!(
        js.contains("rules.unshift({ code: '422', swap: true, error: false })"),
        "{js}"
    );
    assert!(js.contains("'data-ft-swap-422') === 'off'"), "{js}");
}

#[actix_web::test]
async fn swap_422_off_marks_the_script_tag() {
    let c = client_for(app().swap_422(false)).await;
    let page = c.get("/").send().await.text();
    assert_eq!(
        ft_js_tag(&page),
        format!(
            r#"<script src="{}" data-ft-swap-422="off">"#,
            ft_web::assets::ft_js().url()
        )
    );
    // No htmx, no ft.js, nothing to mark.
    let c = client_for(app().htmx(false)).await;
    let page = c.get("/").send().await.text();
    assert!(
        !page.contains("ft-swap-422") && !page.contains("/_ft/ft."),
        "{page}"
    );
}

#[actix_web::test]
async fn a_failed_form_is_a_422_with_the_form_again() {
    let c = client_for(app()).await;
    // htmx: the partial, the values kept, status 422.
    let r = c
        .post("/signup")
        .htmx()
        .form([("email", "a@b.c"), ("age", "old")])
        .send()
        .await;
    assert_eq!(r.status(), 422, "{}", r.text());
    let html = r.text();
    assert!(html.starts_with(r#"<form "#), "{html}");
    assert!(!html.contains("<html"), "a partial: {html}");
    assert!(html.contains(r#"id="signup""#), "{html}");
    assert!(
        html.contains(r#"name="email" value="a@b.c""#),
        "the typed value is kept: {html}"
    );
    assert!(html.contains(r#"value="old""#), "{html}");

    // Without htmx: a full page, still 422 (a browser shows it as the page).
    let r = c
        .post("/signup")
        .form([("email", "a@b.c"), ("age", "old")])
        .send()
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text().contains("<html") && r.text().contains(r#"value="old""#),
        "{}",
        r.text()
    );

    // A good one is a 200.
    let r = c
        .post("/signup")
        .htmx()
        .form([("email", "a@b.c"), ("age", "30")])
        .send()
        .await;
    assert_eq!(
        (r.status(), r.text()),
        (200, "<p>welcome a@b.c (30)</p>".into())
    );
}
