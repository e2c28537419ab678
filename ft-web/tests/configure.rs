//! `FastApp::configure`: the app mounted into an actix `App` of your own, as actix resources
//! (served apps route through ft's router instead; both must answer alike: SPEC 2.3, 2.10,
//! 2.15, 2.18).

use actix_web::test::{TestRequest, call_service, init_service, read_body};
use actix_web::{App, HttpResponse, web};
use ft_web::prelude::*;

#[rt("/items/{id}")]
fn item(id: i64) -> String {
    format!("item {id}")
}

#[post("/items/{id}")]
fn save(id: i64, title: String) -> String {
    format!("saved {id}: {title}")
}

#[get("/f/{name:path}")]
fn file(name: String) -> String {
    name
}

fn app() -> FastApp {
    fast_app()
        .routes(routes![item, save, file])
        .secret_key("test-secret")
        .static_files(false)
}

#[actix_web::test]
async fn mounted_routes_answer_as_served_ones() {
    let cfg = app().configure().expect("the app builds");
    let svc = init_service(App::new().configure(cfg).route(
        "/mine",
        web::get().to(|| async { HttpResponse::Ok().body("mine") }),
    ))
    .await;
    let cli = Client::new(app()).await;

    let get = |path: &'static str| TestRequest::get().uri(path).to_request();
    let res = call_service(&svc, get("/items/7")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(read_body(res).await, "item 7");
    assert_eq!(cli.get("/items/7").send().await.text(), "item 7");

    // The latest registration of POST on the path wins (SPEC 2.10).
    let post = TestRequest::post()
        .uri("/items/3")
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload("title=a+b")
        .to_request();
    assert_eq!(
        read_body(call_service(&svc, post).await).await,
        "saved 3: a b"
    );
    let r = cli.post("/items/3").form([("title", "a b")]).send().await;
    assert_eq!(r.text(), "saved 3: a b");

    // Another method is a 405 with the same `Allow` (GET implies HEAD, SPEC 2.15).
    let put = TestRequest::put().uri("/items/3").to_request();
    let res = call_service(&svc, put).await;
    assert_eq!(res.status(), 405);
    let allow = res.headers().get("allow").and_then(|v| v.to_str().ok());
    let served = cli.put("/items/3").send().await;
    assert_eq!(served.status(), 405);
    assert_eq!(allow, served.header("allow"));
    assert_eq!(allow, Some("GET, POST, HEAD"));

    // A path convertor spans segments (SPEC 2.18); an unparsable int is a 404 either way.
    assert_eq!(
        read_body(call_service(&svc, get("/f/a/b.txt")).await).await,
        "a/b.txt"
    );
    assert_eq!(cli.get("/f/a/b.txt").send().await.text(), "a/b.txt");
    assert_eq!(call_service(&svc, get("/items/x")).await.status(), 404);
    assert_eq!(cli.get("/items/x").send().await.status(), 404);

    // The host app's own routes still answer.
    assert_eq!(
        read_body(call_service(&svc, get("/mine")).await).await,
        "mine"
    );
}

/// Mounted, the app is one service in front of ft's router: the host's routes keep the other
/// paths, a percent-escaped path matches as actix normalises it, and the app's route names
/// still serve actix's `url_for`.
#[actix_web::test]
async fn mounted_router_keeps_host_routes_and_route_names() {
    let cfg = app().configure().expect("the app builds");
    let svc = init_service(
        App::new()
            .configure(cfg)
            .route(
                "/link",
                web::get().to(|req: actix_web::HttpRequest| async move {
                    let url = req.url_for("item", ["7"]).expect("a named route");
                    HttpResponse::Ok().body(url.path().to_owned())
                }),
            )
            .default_service(web::to(|| async {
                HttpResponse::NotFound().body("host 404")
            })),
    )
    .await;
    let get = |path: &'static str| TestRequest::get().uri(path).to_request();
    assert_eq!(
        read_body(call_service(&svc, get("/link")).await).await,
        "/items/7"
    );
    assert_eq!(
        read_body(call_service(&svc, get("/it%65ms/7")).await).await,
        "item 7"
    );
    let res = call_service(&svc, get("/nothing")).await;
    assert_eq!(res.status(), 404);
    assert_eq!(read_body(res).await, "host 404");
}
