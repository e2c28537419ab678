//! SPEC area 2 (routing) through the test Client: method inference, 404/405/307, HEAD,
//! path parameters and convertors, typed links, routes as attribute values, ApiRouter.

mod common;
use common::{client, client_for};
use ft_web::prelude::*;

mod a {
    use ft_web::prelude::*;
    #[rt("/a")]
    pub fn get() -> &'static str {
        "A"
    }
}
mod a_del {
    use ft_web::prelude::*;
    #[rt("/a")]
    pub fn delete() -> &'static str {
        "D"
    }
}

#[rt("/b")]
fn foo() -> &'static str {
    "B"
}

#[rt]
fn index() -> &'static str {
    "home"
}

#[rt]
fn yoyo() -> &'static str {
    "a yoyo"
}

mod p {
    use ft_web::prelude::*;
    #[rt]
    pub fn post() -> &'static str {
        "p"
    }
}

#[post("/c")]
fn whatever() -> &'static str {
    "C"
}

#[get]
fn autoget() -> &'static str {
    "auto"
}

#[rt("/m", methods = ["put", "PATCH"])]
fn several() -> &'static str {
    "m"
}

#[get("/items/")]
fn items() -> &'static str {
    "items"
}

/// A route written by a `macro_rules!` that takes its visibility and the handler's body as
/// fragments (`$v:vis`, `$b:block`: the route macro gets them in invisible groups), as code
/// that generates routes does.
macro_rules! generated {
    ($v:vis, $b:block) => {
        #[get("/generated")]
        $v fn generated() -> &'static str $b
    };
}
generated!(pub(crate), { "made" });

#[actix_web::test]
async fn a_route_written_by_a_macro_rules() {
    let cli = client(routes![generated]).await;
    assert_eq!(cli.get("/generated").send().await.text(), "made");
    assert_eq!(cli.post("/generated").send().await.status(), 405);
}

#[actix_web::test]
async fn verb_named_functions_answer_only_their_verb() {
    // SPEC 2.1, 2.2
    let cli = client(routes![a::get, a_del::delete]).await;
    let r = cli.get("/a").send().await;
    assert_eq!((r.status(), r.text()), (200, "A".into()));
    assert_eq!(
        r.header("vary"),
        // and Accept-Encoding where ft compresses (the `compress` feature, on by default)
        Some(if cfg!(feature = "compress") {
            "HX-Request, HX-Request-Type, HX-History-Restore-Request, Accept-Encoding"
        } else {
            "HX-Request, HX-Request-Type, HX-History-Restore-Request"
        })
    );
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(cli.delete("/a").send().await.text(), "D");
    let r = cli.post("/a").send().await;
    assert_eq!(r.status(), 405);
    assert_eq!(r.text(), "Method Not Allowed");
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    let allow = r.header("allow").unwrap_or_default();
    for m in ["GET", "HEAD", "DELETE"] {
        assert!(allow.contains(m), "{allow}");
    }
}

#[actix_web::test]
async fn other_functions_answer_get_and_post() {
    // SPEC 2.3
    let cli = client(routes![foo]).await;
    assert_eq!(cli.get("/b").send().await.text(), "B");
    assert_eq!(cli.post("/b").send().await.text(), "B");
    let r = cli.put("/b").send().await;
    assert_eq!(r.status(), 405);
    assert_eq!(r.header("allow"), Some("GET, POST, HEAD"));
    assert_eq!(routes![foo][0].name, "foo");
}

#[actix_web::test]
async fn path_from_the_function_name() {
    // SPEC 2.4, 2.5, 2.6
    let defs = routes![index, yoyo, p::post, whatever, autoget];
    let summary: Vec<(String, Vec<ft_web::Method>)> = defs
        .iter()
        .map(|d| (d.path.clone(), d.methods.to_vec()))
        .collect();
    use ft_web::Method::*;
    assert_eq!(
        summary,
        [
            ("/".into(), vec![Get, Post]),
            ("/yoyo".into(), vec![Get, Post]),
            ("/post".into(), vec![Post]),
            ("/c".into(), vec![Post]),
            ("/autoget".into(), vec![Get]),
        ]
    );
    let cli = client(defs).await;
    assert_eq!(cli.post("/yoyo").send().await.text(), "a yoyo");
    assert_eq!(cli.get("/").send().await.text(), "home");
    assert_eq!(cli.get("/autoget").send().await.text(), "auto");
    assert_eq!(cli.get("/c").send().await.status(), 405);
}

#[actix_web::test]
async fn explicit_methods() {
    // SPEC 2.7 (methods are case-insensitive)
    let cli = client(routes![several]).await;
    assert_eq!(cli.patch("/m").send().await.text(), "m");
    assert_eq!(cli.put("/m").send().await.text(), "m");
    assert_eq!(cli.get("/m").send().await.status(), 405);
}

mod dup1 {
    use ft_web::prelude::*;
    #[rt("/dup")]
    pub fn get() -> &'static str {
        "first"
    }
}
mod dup2 {
    use ft_web::prelude::*;
    #[rt("/dup")]
    pub fn get() -> &'static str {
        "second"
    }
}

#[actix_web::test]
async fn latest_registration_wins() {
    // SPEC 2.10
    let cli = client(routes![dup1::get, dup2::get]).await;
    assert_eq!(cli.get("/dup").send().await.text(), "second");
}

#[rt("/user/{nm}", name = "gday")]
fn user_get(nm: String) -> String {
    format!("Good day {nm}")
}

#[test]
fn a_route_is_a_value_that_can_still_be_called() {
    // SPEC 2.11
    assert_eq!(user_get::call("bob".into()), "Good day bob");
    assert_eq!(user_get.to_string(), "/user/{nm}");
    assert_eq!(routes![user_get][0].name, "gday");
}

#[actix_web::test]
async fn unknown_paths_are_404() {
    // SPEC 2.12 (ft adds a text/plain content type to its 404 body)
    let cli = client(routes![index]).await;
    let r = cli.get("/nope").send().await;
    assert_eq!((r.status(), r.text()), (404, "404 Not Found".into()));
}

#[actix_web::test]
async fn trailing_slash_twin_redirects() {
    // SPEC 2.13 (the Location is the path, relative to the host that was asked)
    let cli = client(routes![items]).await;
    let r = cli.get("/items").query("x", 1).send().await;
    assert_eq!(r.status(), 307);
    assert_eq!(r.header("location"), Some("/items/?x=1"));
}

#[actix_web::test]
async fn vary_and_head() {
    // SPEC 2.14, 2.15
    let cli = client(routes![items]).await;
    let r = cli.get("/items/").send().await;
    assert_eq!(
        r.header("vary"),
        // and Accept-Encoding where ft compresses (the `compress` feature, on by default)
        Some(if cfg!(feature = "compress") {
            "HX-Request, HX-Request-Type, HX-History-Restore-Request, Accept-Encoding"
        } else {
            "HX-Request, HX-Request-Type, HX-History-Restore-Request"
        })
    );
    let r = cli
        .request(actix_web::http::Method::HEAD, "/items/")
        .send()
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text(), "");
}

#[rt("/{name}/{age}")]
fn greet(name: String, age: u32) -> String {
    format!("Hello {name}, age {age}")
}

#[rt("/e/{s}")]
fn empty_ok(s: String) -> String {
    format!("[{s}]")
}

#[actix_web::test]
async fn path_params_are_typed() {
    // SPEC 2.16, 2.17
    let cli = client(routes![empty_ok, greet]).await;
    assert_eq!(cli.get("/uma/5").send().await.text(), "Hello uma, age 5");
    let r = cli.get("/uma/five").send().await;
    assert_eq!(r.status(), 404);
    assert_eq!(cli.get("/e/").send().await.text(), "[]");
    assert_eq!(cli.get("/a%20b/7").send().await.text(), "Hello a b, age 7");
}

#[rt("/conv/{x:int}")]
fn conv_int(x: i64) -> String {
    format!("int {x}")
}
#[rt("/conv/{x:float}")]
fn conv_float(x: f64) -> String {
    format!("float {x}")
}
#[rt("/files/{p:path}/meta")]
fn conv_path(p: String) -> String {
    format!("path {p}")
}
#[rt("/id/{u:uuid}")]
fn conv_uuid(u: String) -> String {
    format!("uuid {u}")
}

#[actix_web::test]
async fn convertors_constrain_matching() {
    // SPEC 2.18, 2.19 (path is non-greedy: a literal can follow it)
    let cli = client(routes![conv_int, conv_float, conv_path, conv_uuid]).await;
    assert_eq!(cli.get("/conv/12").send().await.text(), "int 12");
    assert_eq!(cli.get("/conv/1.5").send().await.text(), "float 1.5");
    assert_eq!(cli.get("/conv/x").send().await.status(), 404);
    assert_eq!(
        cli.get("/files/a/b/c/meta").send().await.text(),
        "path a/b/c"
    );
    assert_eq!(
        cli.get("/id/12345678-1234-1234-1234-123456789abc")
            .send()
            .await
            .text(),
        "uuid 12345678-1234-1234-1234-123456789abc"
    );
    assert_eq!(cli.get("/id/nope").send().await.status(), 404);
}

#[rt("/img/{f:imgext}")]
fn custom_conv(f: String) -> String {
    format!("img {f}")
}

#[rt("/{fname:path}.{ext:static}")]
fn static_like(fname: String, ext: String) -> String {
    format!("{fname} . {ext}")
}

#[actix_web::test]
async fn custom_and_static_convertors() {
    // SPEC 2.20, 2.21
    let cli = client_for(
        fast_app()
            .reg_re_param("imgext", "[a-z]+\\.(?:png|jpg)")
            .routes(routes![custom_conv, static_like]),
    )
    .await;
    assert_eq!(cli.get("/img/cat.png").send().await.text(), "img cat.png");
    assert_eq!(cli.get("/img/cat.tiffany").send().await.status(), 404);
    assert_eq!(cli.get("/a/b.css").send().await.text(), "a/b . css");
    assert_eq!(cli.get("/a/b.unknownext").send().await.status(), 404);
    assert_eq!(ft_web::STATIC_EXTS.len(), 58);
}

#[derive(StrEnum, Debug, Clone, Copy, PartialEq)]
enum Model {
    #[str_enum(rename = "alexnet")]
    AlexNet,
    #[str_enum(rename = "resnet")]
    ResNet,
}

#[rt("/models/{m}")]
fn model(m: Model) -> String {
    format!("model {m} {:?}", m)
}

#[actix_web::test]
async fn enum_params() {
    // SPEC 2.22
    let cli = client(routes![model]).await;
    assert_eq!(
        cli.get("/models/resnet").send().await.text(),
        "model resnet ResNet"
    );
    assert_eq!(cli.get("/models/vgg").send().await.status(), 404);
    assert_eq!(Model::ALL, [Model::AlexNet, Model::ResNet]);
}

#[rt("/todos/{id}")]
fn show(id: i64, tab: Option<String>, tags: Vec<String>) -> String {
    format!("{id} {tab:?} {tags:?}")
}

#[rt]
fn toggle(id: i64) -> String {
    format!("toggled {id}")
}

#[actix_web::test]
async fn typed_links() {
    // SPEC 2.25, 2.32: path params fill placeholders, the rest becomes the query string.
    assert_eq!(show.to(3).to_string(), "/todos/3");
    assert_eq!(
        show.to(3)
            .tab("a b")
            .tags(["x", "y"].map(String::from))
            .to_string(),
        "/todos/3?tab=a+b&tags=x&tags=y"
    );
    assert_eq!(toggle.to(3).to_string(), "/toggle?id=3");
    assert_eq!(greet.to("a/b c", 5).to_string(), "/a%2Fb%20c/5");
    let cli = client(routes![show, toggle]).await;
    let r = cli.get(&show.to(3).tab("x").to_string()).send().await;
    assert_eq!(r.text(), r#"3 Some("x") []"#);
    assert_eq!(
        cli.get(&toggle.to(9).to_string()).send().await.text(),
        "toggled 9"
    );
}

#[test]
fn routes_as_attribute_values() {
    // SPEC 2.26
    assert_eq!(
        Button!(hx_post = toggle).render(),
        r#"<button hx-post="/toggle"></button>"#
    );
    assert_eq!(
        A!("x", href = show.to(4)).render(),
        r#"<a href="/todos/4">x</a>"#
    );
    assert_eq!(
        Div!(hx_get = show).render(),
        r#"<div hx-get="/todos/{id}"></div>"#
    );
}

#[rt("/where")]
fn where_am_i(req: Request, app: App) -> String {
    let link = app
        .url_for("gday", &[("nm", &"ann")])
        .map(|l| l.to_string());
    format!(
        "{} {:?} {:?}",
        req.path(),
        link,
        app.url_for("missing", &[])
    )
}

#[actix_web::test]
async fn url_for_by_name() {
    // SPEC 2.31: named routes resolve to links; an unknown name is None (FastHTML: a 500)
    let cli = client(routes![where_am_i, user_get]).await;
    assert_eq!(
        cli.get("/where").send().await.text(),
        r#"/where Some("/user/ann") None"#
    );
}

pub const ADMIN: ApiRouter = ApiRouter::new("/admin");

#[rt("/users/{id}", router = ADMIN)]
fn admin_user(id: i64) -> String {
    format!("admin user {id}")
}

#[get(router = ADMIN)]
fn stats() -> &'static str {
    "stats"
}

#[actix_web::test]
async fn api_router_prefixes() {
    // SPEC 2.33: paths and links carry the prefix
    assert_eq!(admin_user.to(2).to_string(), "/admin/users/2");
    assert_eq!(stats.to_string(), "/admin/stats");
    let cli = client(routes![admin_user, stats]).await;
    assert_eq!(
        cli.get("/admin/users/2").send().await.text(),
        "admin user 2"
    );
    assert_eq!(cli.get("/admin/stats").send().await.text(), "stats");
    assert_eq!(cli.get("/users/2").send().await.status(), 404);
}

// Route groups: FastHTML's class decorated with `@rt`.
mod groups {
    use ft_web::prelude::*;

    pub struct Cards;

    #[rt("/cards/{id}")]
    impl Cards {
        pub fn get(id: i64) -> String {
            format!("get {id}")
        }
        pub async fn delete(id: i64) -> String {
            format!("del {}", Self::label(id)) // `Self` is the group
        }
        /// Not a verb: stays an ordinary associated function.
        fn label(id: i64) -> String {
            id.to_string()
        }
    }

    pub struct MyThing;

    #[rt]
    impl MyThing {
        pub fn post() -> &'static str {
            "posted"
        }
    }

    pub const ADMIN: ApiRouter = ApiRouter::new("/admin");
    pub struct Board;

    #[rt("/board", router = ADMIN)]
    impl Board {
        pub fn get(page: Option<u32>) -> String {
            format!("page {}", page.unwrap_or(1))
        }
        pub fn put() -> &'static str {
            "saved"
        }
    }
}

#[actix_web::test]
async fn route_groups_answer_each_verb_of_one_path() {
    // SPEC 2.9: every verb-named function of the group is a route on its path, named after
    // the type (first letter lower-cased), and the path defaults to that name.
    use groups::{Board, Cards, MyThing};
    let defs = routes![Cards, MyThing];
    let seen: Vec<(&str, &str, &[ft_web::Method])> = defs
        .iter()
        .map(|d| (d.path.as_str(), d.name, d.methods))
        .collect();
    assert_eq!(
        seen,
        [
            ("/cards/{id}", "cards", &[ft_web::Method::Get][..]),
            ("/cards/{id}", "cards", &[ft_web::Method::Delete][..]),
            ("/myThing", "myThing", &[ft_web::Method::Post][..]),
        ]
    );
    let cli = client(routes![Cards, MyThing, Board]).await;
    assert_eq!(cli.get("/cards/3").send().await.text(), "get 3");
    assert_eq!(cli.delete("/cards/4").send().await.text(), "del 4");
    assert_eq!(cli.post("/myThing").send().await.text(), "posted");
    let wrong = cli.post("/cards/3").send().await;
    assert_eq!(wrong.status(), 405);
    assert_eq!(wrong.header("allow"), Some("GET, DELETE, HEAD"));
    // HEAD for GET (SPEC 2.15), the router's prefix (SPEC 2.33).
    let head = cli.request(actix_web::http::Method::HEAD, "/cards/3");
    assert_eq!(head.send().await.status(), 200);
    assert_eq!(cli.get("/admin/board?page=2").send().await.text(), "page 2");
    assert_eq!(cli.put("/admin/board").send().await.text(), "saved");
    // Typed links per verb; the group itself is its path (SPEC 2.26).
    assert_eq!(Cards::get.to(3).to_string(), "/cards/3");
    assert_eq!(Board::get.to().page(2).to_string(), "/admin/board?page=2");
    assert_eq!(
        Button!("x", hx_delete = Cards::delete.to(5)).render(),
        r#"<button hx-delete="/cards/5">x</button>"#
    );
    assert_eq!(
        Form!(hx_post = MyThing).render(),
        r#"<form enctype="multipart/form-data" hx-post="/myThing"></form>"#
    );
    // One verb of a group can be registered alone.
    let one = client(routes![Cards::delete]).await;
    assert_eq!(one.delete("/cards/9").send().await.text(), "del 9");
    assert_eq!(one.get("/cards/9").send().await.status(), 405);
}

mod guarded {
    use ft_web::prelude::*;

    pub fn guard(ctx: &mut Ctx) -> Option<Ft> {
        let ok = ctx.query_pairs().iter().any(|(k, _)| k == "x");
        (!ok).then(|| "blocked".into_ft())
    }

    pub fn order(ctx: &mut Ctx) -> Option<Ft> {
        let s = ctx.session();
        let seen: String = s.get("order").unwrap_or_default();
        let _ = s.insert("order", format!("{seen}route "));
        None
    }

    #[get("/g", before = guard)]
    pub fn g() -> &'static str {
        "handler ran"
    }

    #[get("/o", before = [order, Beforeware::new(async |ctx: &mut Ctx| {
        let s = ctx.session();
        let seen: String = s.get("order").unwrap_or_default();
        let _ = s.insert("order", format!("{seen}async "));
        None
    })])]
    pub fn o(session: Session) -> String {
        session.get::<String>("order").unwrap_or_default()
    }

    pub struct Admin;

    #[rt("/admin-area", before = guard)]
    impl Admin {
        pub fn get() -> &'static str {
            "admin get"
        }
        pub fn post() -> &'static str {
            "admin post"
        }
    }
}

#[actix_web::test]
async fn route_beforeware_runs_after_the_apps_and_can_answer() {
    // SPEC 2.49: a per-route `before=` runs after the app's beforewares; a non-None return
    // short-circuits the handler.
    use guarded::{Admin, g, o};
    let cli = client(routes![g, o, Admin]).await;
    assert_eq!(cli.get("/g").send().await.text(), "blocked");
    assert_eq!(cli.get("/g?x=1").send().await.text(), "handler ran");
    // A group's `before` guards every verb.
    assert_eq!(cli.get("/admin-area").send().await.text(), "blocked");
    assert_eq!(
        cli.post("/admin-area?x=1").send().await.text(),
        "admin post"
    );

    let app = fast_app()
        .routes(routes![o])
        .before(Beforeware::sync(|ctx: &mut Ctx| {
            let s = ctx.session();
            let _ = s.insert("order", "app ");
            None
        }));
    let cli = client_for(app).await;
    assert_eq!(cli.get("/o").send().await.text(), "app route async ");
}
