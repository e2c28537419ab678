//! SPEC area 3 (handler parameters) through the test Client: lookup by name and source,
//! conversions, special parameters, body structs, JSON and multipart bodies, and the errors
//! for bad input.

mod common;
use common::client;
use ft_web::prelude::*;

#[rt("/echo")]
fn echo(name: String) -> String {
    name
}

#[rt("/ua")]
fn ua(user_agent: Header<String>, x_api_key: Header<Option<String>>) -> String {
    format!("{} {:?}", user_agent.0, x_api_key.0)
}

#[rt("/hostq")]
fn hostq(host: String) -> String {
    host
}

#[rt("/theme")]
fn show_theme(theme: Cookie<String>) -> String {
    theme.0
}

#[actix_web::test]
async fn lookup_sources_and_order() {
    // SPEC 3.1, 3.2. Deliberate difference: a plain parameter comes from the path, the query and
    // the body only. FastHTML fills it from a cookie or header of the same name, ahead of the
    // query (`?host=x` gives the Host header there), so a cookie planted by another page of the
    // same host lands in a form field (SPEC Appendix B). ft reads cookies and headers only
    // through `Cookie<T>` / `Header<T>`.
    let cli = client(routes![echo, ua, hostq, show_theme]).await;
    assert_eq!(cli.get("/echo").query("name", "q").send().await.text(), "q");
    assert_eq!(
        cli.post("/echo").form([("name", "f")]).send().await.text(),
        "f"
    );
    // For POST the body wins over the query (FastHTML: the query wins, SPEC 3.1): a link
    // cannot override what the form posted.
    assert_eq!(
        cli.post("/echo")
            .query("name", "q")
            .form([("name", "f")])
            .send()
            .await
            .text(),
        "f"
    );
    // ...and for GET the query comes first.
    assert_eq!(
        cli.get("/echo")
            .query("name", "q")
            .form([("name", "f")])
            .send()
            .await
            .text(),
        "q"
    );
    cli.set_cookie("name", "from-cookie");
    let r = cli.get("/echo").send().await;
    assert_eq!(r.status(), 400, "a cookie never fills a plain parameter");
    assert_eq!(
        r.text(),
        "Missing required field: name (looked in query, body)"
    );
    assert_eq!(cli.get("/echo").query("name", "q").send().await.text(), "q");
    cli.set_cookie("theme", "dark");
    assert_eq!(cli.get("/theme").send().await.text(), "dark");
    // SPEC 3.3: snake_case names match Hyphen-Case headers, case-insensitively (through
    // `Header<T>`)
    let r = cli
        .get("/ua")
        .header("User-Agent", "probe/1")
        .header("X-API-KEY", "k")
        .send()
        .await;
    assert_eq!(r.text(), r#"probe/1 Some("k")"#);
    assert_eq!(
        cli.get("/ua")
            .query("user_agent", "q")
            .send()
            .await
            .status(),
        400,
        "Header<T> reads headers only"
    );
    assert_eq!(
        cli.get("/hostq")
            .query("host", "mine")
            .header("Host", "h.example")
            .send()
            .await
            .text(),
        "mine"
    );
    assert_eq!(
        cli.get("/hostq")
            .header("Host", "h.example")
            .send()
            .await
            .status(),
        400,
        "a header never fills a plain parameter"
    );
}

#[rt("/hy")]
fn hy(first_name: String) -> String {
    first_name
}

#[rt("/last")]
fn last(n: i32) -> String {
    n.to_string()
}

#[actix_web::test]
async fn hyphens_and_repeats() {
    // SPEC 3.4, 3.5, 3.6
    let cli = client(routes![hy, last]).await;
    assert_eq!(
        cli.post("/hy")
            .form([("first-name", "Ann")])
            .send()
            .await
            .text(),
        "Ann"
    );
    assert_eq!(
        cli.get("/hy").query("first-name", "Bo").send().await.text(),
        "Bo"
    );
    assert_eq!(
        cli.post("/hy")
            .form([("first-name", "x"), ("first_name", "exact")])
            .send()
            .await
            .text(),
        "exact"
    );
    assert_eq!(
        cli.get("/last")
            .query("n", 1)
            .query("n", 2)
            .send()
            .await
            .text(),
        "2"
    );
}

#[post("/req")]
fn req_field(username: String) -> String {
    username
}

#[actix_web::test]
async fn missing_required_field_is_400() {
    // SPEC 3.7 (ft also says where it looked)
    let cli = client(routes![req_field]).await;
    let r = cli
        .post("/req")
        .form(Vec::<(String, String)>::new())
        .send()
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(
        r.text(),
        "Missing required field: username (looked in body, query)"
    );
}

#[rt("/opt")]
fn opt(s: Option<String>, i: Option<i64>, b: bool, d: Option<ft_web::chrono::NaiveDate>) -> String {
    format!("{s:?} {i:?} {b} {d:?}")
}

#[actix_web::test]
async fn defaults_and_empty_values() {
    // SPEC 3.8, 3.9. Deliberate difference: an empty value for an Option is None; for a
    // required number it is a 400 (FastHTML turns '' into 0).
    let cli = client(routes![opt, last]).await;
    assert_eq!(cli.get("/opt").send().await.text(), "None None false None");
    let r = cli.get("/opt?s=&i=&b=&d=").send().await;
    assert_eq!(r.text(), r#"Some("") None false None"#);
    assert_eq!(
        cli.get("/opt?s=x&i=4&b=on&d=2024-01-02")
            .send()
            .await
            .text(),
        r#"Some("x") Some(4) true Some(2024-01-02)"#
    );
    assert_eq!(cli.get("/last?n=").send().await.status(), 400);
}

#[actix_web::test]
async fn numbers_and_bools() {
    // SPEC 3.10, 3.11. Deliberate differences: a query value that is not a number is a 400
    // (FastHTML: 404; a path value still gives 404); `on`/`none` are not numbers; an unknown
    // bool word is a 400 (FastHTML: 500).
    let cli = client(routes![last, opt]).await;
    for (v, status, body) in [
        ("5", 200, "5"),
        ("-2", 200, "-2"),
        (" 7 ", 200, "7"),
        ("1.5", 400, ""),
        ("x", 400, ""),
    ] {
        let r = cli.get("/last").query("n", v).send().await;
        assert_eq!(r.status(), status, "{v}");
        if status == 200 {
            assert_eq!(r.text(), body);
        } else {
            assert!(r.text().contains("is not an integer"), "{}", r.text());
        }
    }
    assert_eq!(
        cli.get("/opt?b=YES").send().await.text(),
        "None None true None"
    );
    assert_eq!(cli.get("/opt?b=maybe").send().await.status(), 400);
}

#[rt("/tags")]
fn tag_list(t: Vec<i32>) -> String {
    format!("{t:?}")
}

#[actix_web::test]
async fn repeated_fields_into_vec() {
    // SPEC 3.15, 3.16
    let cli = client(routes![tag_list]).await;
    assert_eq!(cli.get("/tags").send().await.text(), "[]");
    assert_eq!(cli.get("/tags?t=1").send().await.text(), "[1]");
    assert_eq!(
        cli.post("/tags")
            .form([("t", "1"), ("t", "2")])
            .send()
            .await
            .text(),
        "[1, 2]"
    );
    assert_eq!(cli.get("/tags?t=1&t=x").send().await.status(), 400);
}

#[post("/up")]
fn up(uf: UploadFile, msg: String) -> String {
    format!(
        "{} {} {:?} {msg}",
        uf.filename,
        uf.content_type,
        String::from_utf8_lossy(&uf.bytes)
    )
}

#[post("/ups")]
fn ups(files: Files) -> String {
    files
        .iter()
        .map(|f| f.filename.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[actix_web::test]
async fn uploads() {
    // SPEC 3.19
    let cli = client(routes![up, ups]).await;
    let r = cli
        .post("/up")
        .file("uf", "a.txt", "text/plain", "hello")
        .multipart_field("msg", "hi")
        .send()
        .await;
    assert_eq!(r.text(), r#"a.txt text/plain "hello" hi"#);
    let r = cli
        .post("/ups")
        .file("files", "a.txt", "text/plain", "1")
        .file("files", "b.txt", "text/plain", "2")
        .send()
        .await;
    assert_eq!(r.text(), "a.txt, b.txt");
    let r = cli.post("/up").multipart_field("msg", "hi").send().await;
    assert_eq!(
        (r.status(), r.text()),
        (400, "Missing required file: uf".into())
    );
    assert_eq!(
        UploadFile {
            field: "f".into(),
            filename: "../../etc/passwd".into(),
            content_type: String::new(),
            bytes: Default::default()
        }
        .safe_name(),
        "passwd"
    );
}

#[rt("/special")]
fn special(req: Request, session: Session, htmx: Htmx) -> String {
    let n: i64 = session.get("n").unwrap_or(0) + 1;
    let _ = session.insert("n", n);
    format!("{} {} {} {:?}", req.method(), n, htmx.request, htmx.target)
}

#[actix_web::test]
async fn special_parameters_by_type() {
    // SPEC 3.20-3.23 (by type, not by name: `req: Request`, `session: Session`, `htmx: Htmx`)
    let cli = client(routes![special]).await;
    assert_eq!(cli.get("/special").send().await.text(), "GET 1 false None");
    let r = cli
        .post("/special")
        .header("HX-Request", "true")
        .header("HX-Target", "main")
        .send()
        .await;
    assert_eq!(r.text(), r#"POST 2 true Some("main")"#);
    assert_eq!(cli.session().get("n"), Some(&serde_json::json!(2)));
}

#[rt("/me")]
fn me(user: Auth<String>) -> String {
    format!("hello {}", *user)
}

#[actix_web::test]
async fn auth_cannot_come_from_the_client() {
    // SPEC 3.30: the authenticated user comes only from beforeware
    let cli = client(routes![me]).await;
    let r = cli
        .get("/me?user=admin&auth=admin")
        .header("Auth", "admin")
        .send()
        .await;
    assert_eq!(r.status(), 401);
    let app = fast_app()
        .routes(routes![me])
        .before(Beforeware::sync(|ctx: &mut Ctx| {
            ctx.set_auth(String::from("uma"));
            None
        }));
    let cli = common::client_for(app).await;
    assert_eq!(cli.get("/me?user=admin").send().await.text(), "hello uma");
}

#[derive(FormFields, Debug, PartialEq)]
struct Profile {
    email: String,
    age: u32,
    newsletter: bool,
}

#[post("/profile")]
fn profile(p: Profile, email: String) -> String {
    format!("{p:?} / {email}")
}

#[post("/profile2")]
fn profile_checked(p: Result<Profile, ft_web::values::FieldErrors>) -> Ft {
    match p {
        Ok(p) => P!(format!("ok {}", p.email)),
        Err(errs) => {
            let form = fill_form(&Form!(Input!(name = "email"), Input!(name = "age")), &errs);
            Div!(
                form,
                Ul!(errs.errors.iter().map(|(f, m)| Li!(format!("{f}: {m}"))))
            )
        }
    }
}

#[actix_web::test]
async fn struct_bodies() {
    // SPEC 3.33: a struct built from the whole form, other params can read the same fields
    let cli = client(routes![profile, profile_checked]).await;
    let r = cli
        .post("/profile")
        .form([("email", "a@b.c"), ("age", "30"), ("extra", "x")])
        .send()
        .await;
    assert_eq!(
        r.text(),
        r#"Profile { email: "a@b.c", age: 30, newsletter: false } / a@b.c"#
    );
    // SPEC 3.34, 3.35: FastHTML gives 500s; ft gives a 400 naming every bad field
    let r = cli.post("/profile").form([("age", "old")]).send().await;
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.text(),
        "Invalid form: email: required; age: expected an integer (u32)"
    );
    // ...or the handler takes the errors and re-renders the form with what was typed
    let r = cli
        .post("/profile2")
        .htmx()
        .form([("email", "x@y"), ("age", "old")])
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.text(),
        concat!(
            r#"<div><form enctype="multipart/form-data"><input name="email" value="x@y">"#,
            r#"<input name="age" value="old" aria-invalid="true" aria-describedby="age-error">"#,
            r#"<small id="age-error">expected an integer (u32)</small></form>"#,
            r#"<ul><li>age: expected an integer (u32)</li></ul></div>"#
        )
    );
}

#[derive(FormFields, Debug)]
struct Bodie {
    a: i64,
    b: String,
}

#[post("/j")]
fn j(it: Bodie) -> String {
    format!("{it:?}")
}

#[post("/j2")]
fn j2(a: i64, tags: Vec<i64>) -> String {
    format!("{a} {tags:?}")
}

#[post("/j3")]
fn j3(body: Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(serde_json::json!({"got": body.0}))
}

#[actix_web::test]
async fn json_bodies() {
    // SPEC 3.41, 3.42 (FastHTML 500s on a list of JSON numbers), 3.43 (FastHTML ignores JSON
    // with a charset parameter)
    let cli = client(routes![j, j2, j3]).await;
    let r = cli
        .post("/j")
        .body(r#"{"b":"Lorem","a":15}"#, "application/json")
        .send()
        .await;
    assert_eq!(r.text(), r#"Bodie { a: 15, b: "Lorem" }"#);
    let r = cli
        .post("/j")
        .body(r#"{"b":"L","a":"15"}"#, "application/json")
        .send()
        .await;
    assert_eq!(r.text(), r#"Bodie { a: 15, b: "L" }"#);
    let r = cli
        .post("/j2")
        .body(r#"{"a":3,"tags":["1","2"]}"#, "application/json")
        .send()
        .await;
    assert_eq!(r.text(), "3 [1, 2]");
    let r = cli
        .post("/j2")
        .body(r#"{"a":3,"tags":[1,2]}"#, "application/json")
        .send()
        .await;
    assert_eq!(r.text(), "3 [1, 2]");
    let r = cli
        .post("/j2")
        .body(r#"{"a":3}"#, "application/json; charset=utf-8")
        .send()
        .await;
    assert_eq!(r.text(), "3 []");
    let r = cli
        .post("/j3")
        .json(serde_json::json!({"x": [1, "é"]}))
        .send()
        .await;
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json(), Some(serde_json::json!({"got": {"x": [1, "é"]}})));
}

#[actix_web::test]
async fn bad_bodies_are_400() {
    // SPEC 3.44, 3.45
    let cli = client(routes![j2]).await;
    for (body, ctype, msg) in [
        ("{bad", "application/json", "Invalid JSON body"),
        ("[1,2]", "application/json", "JSON body must be an object"),
        (
            "",
            "application/json",
            "Missing required field: a (looked in body, query)",
        ),
        ("x", "multipart/form-data", ""),
        ("", "multipart/form-data; boundary=abc", ""),
        (
            "a=%ff%fe",
            "application/x-www-form-urlencoded",
            "Invalid UTF-8 in form data",
        ),
    ] {
        let r = cli.post("/j2").body(body, ctype).send().await;
        assert_eq!(r.status(), 400, "{body:?} {ctype}: {}", r.text());
        if !msg.is_empty() {
            assert_eq!(r.text(), msg);
        }
    }
}

#[derive(FormFields, Debug)]
struct Person {
    first_name: String,
    #[form(default)]
    age: i64,
}

#[rt("/person")]
fn person(p: Person) -> String {
    format!("{}|{}", p.first_name, p.age)
}

#[actix_web::test]
async fn hyphenated_names_fill_struct_fields() {
    // SPEC 3.4, 3.5 (FastHTML 0.14.13/14: a body type's fields also accept hyphenated form
    // and query names, `first-name` for `first_name`, and an exact name wins). FastHTML 0.14.14
    // answers: 'Ann|3', 'exact|0', 'Bo|0'.
    let cli = client(routes![person]).await;
    let r = cli
        .post("/person")
        .form([("first-name", "Ann"), ("age", "3")])
        .send()
        .await;
    assert_eq!(r.text(), "Ann|3");
    let r = cli
        .post("/person")
        .form([("first-name", "x"), ("first_name", "exact")])
        .send()
        .await;
    assert_eq!(r.text(), "exact|0");
    let r = cli.get("/person").query("first-name", "Bo").send().await;
    assert_eq!(r.text(), "Bo|0");
    // Multipart fields too.
    let r = cli
        .post("/person")
        .multipart_field("first-name", "Cy")
        .send()
        .await;
    assert_eq!(r.text(), "Cy|0");
}
