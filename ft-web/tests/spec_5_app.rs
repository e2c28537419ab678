//! SPEC area 5 (the app) through the test Client: page options, body_wrap, beforeware and
//! its skip patterns, body limits.

mod common;
use common::client_for;
use ft_web::prelude::*;

#[rt]
fn index() -> Ft {
    P!("hi")
}

#[rt]
fn login() -> &'static str {
    "login page"
}

#[rt("/login/extra")]
fn login_extra() -> &'static str {
    "extra"
}

#[rt]
fn whoami(user: Auth<String>) -> String {
    user.0
}

fn bare() -> FastApp {
    FastApp::new().secret_key("test-secret").default_hdrs(false)
}

#[actix_web::test]
async fn page_options() {
    // SPEC 5.3 (no default headers), 5.7 (hdrs after defaults, ftrs at the end of body,
    // html/body attributes, title)
    let app = bare()
        .title("My app")
        .hdrs(Link!(rel = "stylesheet", href = "/app.css"))
        .ftrs(Script!("init()"))
        .htmlkw("lang", "en")
        .bodykw("cls", "dark")
        .routes(routes![index]);
    let cli = client_for(app).await;
    assert_eq!(
        cli.get("/").send().await.text(),
        r#"<!doctype html><html lang="en"><head><title>My app</title><link rel="stylesheet" href="/app.css"></head><body class="dark"><p>hi</p><script>init()</script></body></html>"#
    );
    // SPEC 5.11, 5.12: fast_app adds Pico after the default headers
    let cli = client_for(fast_app().routes(routes![index])).await;
    let page = cli.get("/").send().await.text();
    let (charset, pico) = (
        page.find("charset").unwrap_or(usize::MAX),
        page.find("pico").unwrap_or(0),
    );
    assert!(charset < pico, "{page}");
    let cli = client_for(fast_app().pico(false).routes(routes![index])).await;
    assert!(!cli.get("/").send().await.text().contains("pico"));
}

#[actix_web::test]
async fn body_wrap_wraps_full_pages_only() {
    // SPEC 5.8
    let app = bare()
        .body_wrap(|c| Main!(c, cls = "wrap"))
        .routes(routes![index]);
    let cli = client_for(app).await;
    assert!(
        cli.get("/")
            .send()
            .await
            .text()
            .contains(r#"<body><main class="wrap"><p>hi</p></main></body>"#)
    );
    assert_eq!(cli.get("/").htmx().send().await.text(), "<p>hi</p>");
}

fn auth_before() -> Beforeware {
    Beforeware::sync(|ctx: &mut Ctx| match ctx.session().get::<String>("auth") {
        Some(user) => {
            ctx.set_auth(user);
            None
        }
        None => Some(Redirect::to("/login").into_ft()),
    })
    .skip(["/login", r"/static/.*"])
}

#[rt]
fn sign_in(session: Session) -> Result<Redirect> {
    session.insert("auth", "uma")?;
    Ok(Redirect::to("/whoami"))
}

#[actix_web::test]
async fn beforeware_short_circuits_and_sets_auth() {
    // SPEC 5.15, 5.16, 5.17
    let app = bare()
        .before(auth_before().skip(["/sign_in"]))
        .routes(routes![index, login, login_extra, whoami, sign_in]);
    let cli = client_for(app).await;
    let r = cli.get("/").send().await;
    assert_eq!((r.status(), r.header("location")), (303, Some("/login")));
    assert_eq!(cli.get("/login").send().await.text(), "login page");
    // the whole path must match: /login/extra is not skipped
    assert_eq!(cli.get("/login/extra").send().await.status(), 303);
    // the query is not part of the match
    assert_eq!(cli.get("/login?next=/").send().await.text(), "login page");
    let r = cli.get("/sign_in").send().await;
    assert_eq!(r.status(), 303);
    assert_eq!(cli.get("/whoami").send().await.text(), "uma");
    assert_eq!(cli.get("/").htmx().send().await.text(), "<p>hi</p>");
}

#[actix_web::test]
async fn beforewares_run_in_order_first_answer_wins() {
    // SPEC 5.18, 5.19, 5.20 (async), 5.24 (not for unmatched routes)
    let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::<&'static str>::new()));
    let (o1, o2) = (order.clone(), order.clone());
    let app = bare()
        .before(Beforeware::sync(move |_| {
            o1.lock().unwrap().push("first");
            None
        }))
        .before(Beforeware::new(async move |ctx: &mut Ctx| {
            o2.lock().unwrap().push("second");
            (ctx.path() == "/stop").then(|| P!("stopped"))
        }))
        .before(Beforeware::sync(|_| Some(P!("never here when stopped").into_ft())).skip(["/"]))
        .routes(routes![index]);
    let cli = client_for(app).await;
    assert_eq!(cli.get("/").htmx().send().await.text(), "<p>hi</p>");
    assert_eq!(*order.lock().unwrap(), ["first", "second"]);
    // /stop has no route: a 404, and no beforeware ran
    assert_eq!(cli.get("/stop").send().await.status(), 404);
    assert_eq!(order.lock().unwrap().len(), 2);
}

#[post("/upload")]
fn upload(data: String) -> String {
    data.len().to_string()
}

#[actix_web::test]
async fn body_size_limit() {
    // SPEC 5.39: an oversized body is a 413, and the server answers the next request
    let app = bare().max_body(1024).routes(routes![upload]);
    let cli = client_for(app).await;
    let big = "x".repeat(4096);
    let r = cli
        .post("/upload")
        .form([("data", big.as_str())])
        .send()
        .await;
    assert_eq!(r.status(), 413);
    let r = cli
        .post("/upload")
        .file("data", "a.bin", "application/octet-stream", big.clone())
        .send()
        .await;
    assert_eq!(r.status(), 413);
    assert_eq!(
        cli.post("/upload")
            .form([("data", "abc")])
            .send()
            .await
            .text(),
        "3"
    );
}

#[actix_web::test]
async fn a_client_can_start_with_a_session() {
    // SPEC 5.32: FastHTML's get_client(**sess)
    let app = bare().before(auth_before()).routes(routes![whoami, login]);
    let cli = client_for(app)
        .await
        .with_session(serde_json::json!({"auth": "preloaded"}));
    assert_eq!(cli.get("/whoami").send().await.text(), "preloaded");
    assert_eq!(
        cli.session().get("auth"),
        Some(&serde_json::json!("preloaded"))
    );
}

#[post("/part")]
fn part(a: Option<String>, f: ft_web::Files) -> String {
    match (a, f.first()) {
        (_, Some(f)) => format!("file {}", f.len()),
        (Some(a), None) => format!("text {}", a.len()),
        (None, None) => "none".into(),
    }
}

#[actix_web::test]
async fn max_part_size_limits_non_file_fields() {
    // SPEC 5.39: `max_part_size` limits non-file multipart fields (over the limit: 400
    // `Part exceeded maximum size of 0KB.`); file parts are not limited by it.
    let app = bare().max_part_size(10).routes(routes![part]);
    let cli = client_for(app).await;
    let r = cli
        .post("/part")
        .file("f", "f.txt", "text/plain", "x".repeat(100))
        .send()
        .await;
    assert_eq!(r.text(), "file 100");
    let r = cli
        .post("/part")
        .multipart_field("a", &"y".repeat(100))
        .send()
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.text(), "Part exceeded maximum size of 0KB.");
    let r = cli.post("/part").multipart_field("a", "short").send().await;
    assert_eq!(r.text(), "text 5");
    // Exactly the limit is accepted; a urlencoded body is not multipart and is not limited.
    let r = cli
        .post("/part")
        .multipart_field("a", "0123456789")
        .send()
        .await;
    assert_eq!(r.text(), "text 10");
    let long = "z".repeat(100);
    let r = cli.post("/part").form([("a", long.as_str())]).send().await;
    assert_eq!(r.text(), "text 100");
    // The default is FastHTML's 100 MiB: max_body decides.
    let cli = client_for(bare().routes(routes![part])).await;
    let big = "w".repeat(64 * 1024);
    let r = cli.post("/part").multipart_field("a", &big).send().await;
    assert_eq!(r.text(), "text 65536");
}
