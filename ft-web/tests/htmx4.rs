//! htmx 2 and htmx 4 on the server: which requests get a whole page (htmx 4's
//! `HX-Request-Type: full`), what the `Htmx` parameter reads (`HX-Source`, the request type),
//! `Vary`, and the status a form's 422 goes out with. The page heads of `.htmx4(true)` are in
//! assets_and_headers.rs (SPEC 5.4, 5.6); what the browser does with them in
//! examples/tests/{todo,ws_chat,realtime}.rs, run under both versions.

use ft_web::prelude::*;
use ft_web::{Htmx, Partial, RequestType, Swap};

#[rt("/")]
fn index() -> Ft {
    P!("hi")
}

#[rt("/who")]
fn who(hx: Htmx) -> String {
    format!(
        "source={:?} id={:?} type={:?} partial={}",
        hx.source,
        hx.source_id(),
        hx.request_type,
        hx.wants_partial()
    )
}

#[rt("/gone")]
fn gone() -> Result<Ft, Error> {
    Err(Error::new(404, "gone"))
}

#[rt("/add")]
fn add() -> Ft {
    (
        Li!("tea"),
        Partial::new("count", P!("4 todos")),
        Partial::new("log", P!("added")).swap(Swap::BeforeEnd),
        Partial::new("badge", Span!("new", id = "badge")).swap(Swap::OuterHtml),
        HxPartial!(P!("x"), id = "p"),
    )
        .into_ft()
}

#[rt("/bad")]
fn bad() -> FtResponse {
    FtResponse::new(Form!(P!("name is required", cls = "error"))).status(422)
}

async fn cli(htmx4: bool) -> Client {
    Client::new(
        fast_app()
            .secret_key("k")
            .htmx4(htmx4)
            .routes(routes![index, who, bad, gone, add])
            .exception_handler(404, |_| Titled!("Lost", P!("no such page"))),
    )
    .await
}

const VARY: &str = "HX-Request, HX-Request-Type, HX-History-Restore-Request";

fn vary(r: &ft_web::TestResponse) -> String {
    r.header("vary").unwrap_or("").to_owned()
}

// htmx 4 sets `HX-Request-Type: full` when the answer replaces <body> or is read with
// hx-select: that request gets the whole page although `HX-Request` is set (FastHTML looks at
// HX-Request only and sends the partial). `partial` (and htmx 2, which sends no type) gets the
// partial. The answer varies on the type, so a cache keeps the two apart.
#[actix_web::test]
async fn request_type_full_gets_the_whole_page() {
    for htmx4 in [false, true] {
        let c = cli(htmx4).await;
        let r = c
            .get("/")
            .htmx()
            .header("HX-Request-Type", "full")
            .send()
            .await;
        assert_eq!(r.status(), 200);
        assert!(r.text().starts_with("<!doctype html>"), "{}", r.text());
        assert!(r.text().contains("<body><p>hi</p></body>"), "{}", r.text());
        assert!(vary(&r).starts_with(VARY), "{}", vary(&r));

        let r = c
            .get("/")
            .htmx()
            .header("HX-Request-Type", "partial")
            .send()
            .await;
        assert_eq!(r.text(), "<p>hi</p>");
        assert!(vary(&r).starts_with(VARY), "{}", vary(&r));
        let r = c.get("/").htmx().send().await;
        assert_eq!(r.text(), "<p>hi</p>");
        let r = c.get("/").send().await;
        assert!(r.text().starts_with("<!doctype html>"), "{}", r.text());
        assert!(vary(&r).starts_with(VARY), "{}", vary(&r));
    }
}

// An error page from an exception handler, for a handler's error, follows the same rule.
#[actix_web::test]
async fn error_pages_follow_the_request_type() {
    let c = cli(true).await;
    let r = c
        .get("/gone")
        .htmx()
        .header("HX-Request-Type", "full")
        .send()
        .await;
    assert_eq!(r.status(), 404);
    assert!(r.text().starts_with("<!doctype html>"), "{}", r.text());
    let r = c
        .get("/gone")
        .htmx()
        .header("HX-Request-Type", "partial")
        .send()
        .await;
    assert_eq!(r.status(), 404);
    assert!(!r.text().contains("<html"), "{}", r.text());
    assert!(r.text().contains("no such page"), "{}", r.text());
}

// The `Htmx` parameter reads htmx 4's `HX-Source` (`tag#id`) and `HX-Request-Type`;
// `source_id` gives the sender's id from either version's header.
#[actix_web::test]
async fn htmx_parameter_reads_source_and_request_type() {
    let c = cli(true).await;
    let r = c
        .get("/who")
        .htmx()
        .header("HX-Source", "button#save")
        .header("HX-Request-Type", "partial")
        .send()
        .await;
    assert_eq!(
        r.text(),
        "source=Some(\"button#save\") id=Some(\"save\") type=Some(Partial) partial=true"
    );
    let r = c
        .get("/who")
        .htmx()
        .header("HX-Source", "form")
        .header("HX-Request-Type", "full")
        .send()
        .await;
    assert!(
        r.text().contains("id=None type=Some(Full) partial=false"),
        "{}",
        r.text()
    );
    let r = c
        .get("/who")
        .htmx()
        .header("HX-Trigger", "save")
        .send()
        .await;
    assert!(
        r.text()
            .contains("source=None id=Some(\"save\") type=None partial=true"),
        "{}",
        r.text()
    );
    assert_eq!(
        Htmx::default().request_type,
        None::<RequestType>,
        "htmx 2 sends no type"
    );
}

// A form that failed validation goes out as a 422 partial in both modes; ft.js makes htmx 2
// swap it (a responseHandling rule) and htmx 4 swaps it by itself (only 204 and 304 are in its
// noSwap list). The browser half is e2e/todo.mjs (the empty title).
#[actix_web::test]
async fn a_422_goes_out_as_a_partial_in_both_modes() {
    for htmx4 in [false, true] {
        let c = cli(htmx4).await;
        let r = c.post("/bad").htmx().send().await;
        assert_eq!(r.status(), 422);
        assert!(r.text().starts_with("<form"), "{}", r.text());
    }
    let ft = std::str::from_utf8(ft_web::assets::ft_js().bytes()).unwrap();
    assert!(ft.contains("config.noSwap.push(422)"));
    assert!(ft.contains("rules.unshift({ code: '422', swap: true, error: false })"));
}

// SPEC 1.92: `HxPartial!` writes htmx 4's `<hx-partial>`. ft makes it, and the typed
// `Partial`, an out-of-band update that works under either htmx: an htmx 4 app's answer keeps
// the `<hx-partial>` elements (htmx 4 swaps each into its hx-target, else `#id`); an htmx 2
// app's answer has their hx-swap-oob equivalent (a wrapper whose children htmx 2 swaps; for
// outerHTML the element itself). Full pages are left as they are.
#[actix_web::test]
async fn spec_1_92_partials_follow_the_apps_htmx() {
    let c = cli(true).await;
    let r = c.post("/add").htmx().send().await;
    assert_eq!(
        r.text(),
        concat!(
            "<li>tea</li>",
            r##"<hx-partial hx-target="#count" hx-swap="innerHTML"><p>4 todos</p></hx-partial>"##,
            r##"<hx-partial hx-target="#log" hx-swap="beforeend"><p>added</p></hx-partial>"##,
            r##"<hx-partial hx-target="#badge" hx-swap="outerHTML"><span id="badge">new</span></hx-partial>"##,
            r##"<hx-partial id="p"><p>x</p></hx-partial>"##,
        )
    );
    let c = cli(false).await;
    let r = c.post("/add").htmx().send().await;
    assert_eq!(
        r.text(),
        concat!(
            "<li>tea</li>",
            r##"<div hx-swap-oob="innerHTML:#count"><p>4 todos</p></div>"##,
            r##"<div hx-swap-oob="beforeend:#log"><p>added</p></div>"##,
            r##"<span id="badge" hx-swap-oob="outerHTML:#badge">new</span>"##,
            r##"<div hx-swap-oob="innerHTML:#p"><p>x</p></div>"##,
        )
    );
    // A full page (no htmx) is not an out-of-band answer: left as written.
    let r = c.post("/add").send().await;
    assert!(
        r.text().contains(r##"<hx-partial hx-target="#count""##),
        "{}",
        r.text()
    );
}

// ft's own page scripts ride along under htmx 4 as under htmx 2: live reload's script, the
// toast container script (htmx.onLoad, htmx.find: both in htmx 4) and ft.js, after htmx 4.
// What they do in a browser under htmx 4 is in the examples' browser tests (quickstart's
// toasts and their dismiss button, every htmx POST's CSRF header in todo, login, forms).
#[actix_web::test]
async fn own_scripts_come_with_htmx4() {
    let c = Client::new(
        fast_app()
            .secret_key("k")
            .htmx4(true)
            .live(true)
            .toasts(1000)
            .routes(routes![index]),
    )
    .await;
    let page = c.get("/").send().await.text();
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {page}"))
    };
    assert!(at("/_ft/htmx-4.0.0.min.js") < at(&ft_web::assets::ft_js().url()));
    at("/live-reload");
    at("htmx.onLoad(");
    assert!(!page.contains("htmx-2.0.7"), "{page}");
}
