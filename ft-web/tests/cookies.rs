//! Cookies through the test `Client` (SPEC 4.27-4.28, 6.3-6.4): several cookies, reading them
//! back by name through `Cookie<T>`, raw responses' cookies. Sessions are in `sessions.rs`,
//! toasts in `toasts.rs`.
//! Each test cites the SPEC item it checks: FastHTML's output, compact (ft renders without
//! FastHTML's indentation), or a documented deliberate difference.

use ft_web::Cookie;
use ft_web::prelude::*;

// ---------------------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------------------

#[rt("/two")]
fn two() -> impl IntoFt {
    (P!("x"), cookie("a", "1"), cookie("b", "2"))
}

#[rt("/setc")]
fn setc() -> impl IntoFt {
    (
        P!("set"),
        cookie("now", "2024-05-17 14:00:00"),
        cookie("odd", "a b;c=\"d\""),
    )
}

#[rt("/getc")]
fn getc(now: Cookie<String>, odd: Cookie<String>) -> Ft {
    P!(format!("{}|{}", now.0, odd.0))
}

#[rt("/only_cookie")]
fn only_cookie(theme: Cookie<String>) -> Ft {
    P!(theme.0)
}

#[rt("/raw")]
fn raw_resp() -> ft_web::actix_web::HttpResponse {
    ft_web::actix_web::HttpResponse::Ok()
        .cookie(ft_web::actix_web::cookie::Cookie::new("now", "2024-07-20"))
        .body("Set")
}

fn cookie_app() -> FastApp {
    fast_app()
        .routes(routes![two, setc, getc, only_cookie, raw_resp])
        .secret_key("k")
}

// SPEC 4.27: FastHTML keeps only the last Set-Cookie (`b=2`); ft sends both (deliberate fix,
// Appendix B).
#[actix_web::test]
async fn several_cookies_all_survive() {
    let cli = Client::new(cookie_app()).await;
    let r = cli.get("/two").htmx().send().await;
    assert_eq!(r.text(), "<p>x</p>");
    assert_eq!(
        r.headers_all("set-cookie"),
        vec!["a=1; SameSite=Lax; Path=/", "b=2; SameSite=Lax; Path=/"]
    );
    assert_eq!(cli.cookie("a").as_deref(), Some("1"));
    assert_eq!(cli.cookie("b").as_deref(), Some("2"));
}

// SPEC 4.28: a cookie set by `cookie()` reads back by a parameter of the same name, through
// `Cookie<T>` (FastHTML reads it into a plain parameter; ft never does, so a planted cookie
// cannot fill a form field, SPEC Appendix B). FastHTML quotes values with spaces
// (`now="2024-05-17 14:00:00"`, SPEC 4.25); ft percent-encodes them, and they read back
// unchanged.
#[actix_web::test]
async fn cookies_read_back_by_name() {
    let cli = Client::new(cookie_app()).await;
    let r = cli.get("/setc").send().await;
    assert_eq!(
        r.headers_all("set-cookie"),
        vec![
            "now=2024-05-17%2014%3A00%3A00; SameSite=Lax; Path=/",
            "odd=a%20b%3Bc%3D%22d%22; SameSite=Lax; Path=/"
        ]
    );
    assert_eq!(
        cli.get("/getc").htmx().send().await.text(),
        "<p>2024-05-17 14:00:00|a b;c=\"d\"</p>"
    );
}

// SPEC 6.3: cookies are available by parameter name through `Cookie<T>`, which reads only
// cookies (a plain parameter never reads one).
#[actix_web::test]
async fn cookie_wrapper_reads_cookies_only() {
    let cli = Client::new(cookie_app()).await;
    let r = cli
        .get("/only_cookie")
        .query("theme", "dark")
        .htmx()
        .send()
        .await;
    assert_eq!(r.status(), 400, "a query parameter is not a cookie");
    cli.set_cookie("theme", "dark");
    assert_eq!(
        cli.get("/only_cookie").htmx().send().await.text(),
        "<p>dark</p>"
    );
}

// SPEC 6.4: a raw response's own cookies pass through untouched.
#[actix_web::test]
async fn raw_response_cookies_pass_through() {
    let cli = Client::new(cookie_app()).await;
    let r = cli.get("/raw").send().await;
    assert_eq!(r.text(), "Set");
    assert_eq!(r.headers_all("set-cookie"), vec!["now=2024-07-20"]);
}
