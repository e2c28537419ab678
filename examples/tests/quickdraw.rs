//! The QuickDraw example (drawing rooms, a Fabric.js canvas saved to the database): test
//! client and browser.

mod common;

#[allow(dead_code)]
#[path = "../examples/quickdraw/main.rs"]
mod quickdraw;

use base64::Engine;
use common::{Running, TempDir, client};
use ft_web::Client;

/// A real 1x1 PNG.
const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

fn png_bytes() -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(PNG_1X1)
        .expect("base64")
}

fn data_url() -> String {
    format!("data:image/png;base64,{PNG_1X1}")
}

fn canvas(n: usize) -> String {
    let objects: Vec<_> = (0..n)
        .map(|i| serde_json::json!({ "type": "Path", "stroke": "#ff0000", "left": i }))
        .collect();
    serde_json::json!({ "version": "7.4.0", "objects": objects, "background": "#ffffff" })
        .to_string()
}

async fn app(dir: &TempDir) -> Client {
    client(quickdraw::app(&dir.file("draw.db"))).await
}

async fn create_room(c: &Client, name: &str) -> ft_web::TestResponse {
    c.post("/rooms").htmx().form([("name", name)]).send().await
}

async fn save(c: &Client, room: i64, canvas_data: &str, image: &str) -> ft_web::TestResponse {
    c.post(&format!("/rooms/{room}/save"))
        .htmx()
        .form([("canvas_data", canvas_data), ("image", image)])
        .send()
        .await
}

#[ft_web::test]
async fn rooms_are_created_and_listed_newest_first() {
    let dir = TempDir::new("quickdraw");
    let c = app(&dir).await;
    let page = c.get("/").send().await.text();
    assert!(page.contains("<title>QuickDraw</title>"), "{page}");
    assert!(page.contains(r#"hx-post="/rooms""#) && page.contains(r##"hx-target="#rooms-list""##));
    assert!(page.contains(r#"hx-swap="afterbegin""#));
    assert!(page.contains(r#"<ul id="rooms-list"></ul>"#), "{page}");

    let r = create_room(&c, "  Sunset  ").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.text(),
        r#"<li id="room-1"><a href="/rooms/1">Sunset</a></li>"#
    );
    create_room(&c, "Cats & <Dogs>").await;
    let page = c.get("/").send().await.text();
    let two = page.find(r#"id="room-2""#).expect("room 2");
    let one = page.find(r#"id="room-1""#).expect("room 1");
    assert!(two < one, "newest first: {page}");
    assert!(
        page.contains("Cats &amp; &lt;Dogs&gt;"),
        "names are escaped: {page}"
    );
}

#[ft_web::test]
async fn a_room_name_is_required_and_short() {
    let dir = TempDir::new("quickdraw");
    let c = app(&dir).await;
    for bad in ["", "   "] {
        let r = create_room(&c, bad).await;
        assert_eq!(r.status(), 400);
        assert!(
            r.text().contains("name: give the room a name"),
            "{}",
            r.text()
        );
    }
    let r = create_room(&c, &"x".repeat(61)).await;
    assert_eq!(r.status(), 400);
    assert!(r.text().contains("at most 60"), "{}", r.text());
    assert_eq!(
        c.post("/rooms")
            .htmx()
            .form([("other", "x")])
            .send()
            .await
            .status(),
        400
    );
    assert!(
        c.get("/")
            .send()
            .await
            .text()
            .contains(r#"<ul id="rooms-list"></ul>"#)
    );
}

#[ft_web::test]
async fn a_room_has_the_canvas_and_its_controls() {
    let dir = TempDir::new("quickdraw");
    let c = app(&dir).await;
    create_room(&c, "Sunset").await;
    let r = c.get("/rooms/1").send().await;
    assert_eq!(r.status(), 200);
    let page = r.text();
    assert!(page.contains("<title>Room: Sunset</title>"), "{page}");
    assert!(
        page.contains(r#"<canvas width="800" height="600" id="canvas"></canvas>"#),
        "{page}"
    );
    assert!(
        page.contains(r##"<input type="color" value="#000000" id="color-picker""##),
        "{page}"
    );
    assert!(
        page.contains(r#"<input type="range" min="1" max="50" value="10" id="brush-size""#),
        "{page}"
    );
    assert!(page.contains(r#"hx-post="/rooms/1/save""#), "{page}");
    assert!(page.contains(
        r#"hx-vals="js:{canvas_data: JSON.stringify(canvas.toJSON()), image: canvas.toDataURL("#
    ));
    assert!(page.contains(r#"<script src="/static/vendor/fabric-7.4.0.min.js"></script>"#));
    assert!(page.contains("fetch('/rooms/1/load')"), "{page}");
    assert!(
        page.contains(r#"<div id="drawings" class="drawings"></div>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"href="/" role="button""#),
        "Leave Room: {page}"
    );

    let js = c.get("/static/vendor/fabric-7.4.0.min.js").send().await;
    assert_eq!(js.status(), 200);
    assert!(
        js.header("content-type")
            .is_some_and(|t| t.contains("javascript"))
    );
    assert!(js.text().contains("fabric"));

    // Nothing saved yet: the seed's "{}".
    let load = c.get("/rooms/1/load").send().await;
    assert_eq!(load.header("content-type"), Some("application/json"));
    assert_eq!(load.text(), "{}");
    for missing in ["/rooms/9", "/rooms/9/load", "/rooms/abc"] {
        assert_eq!(c.get(missing).send().await.status(), 404, "{missing}");
    }
}

#[ft_web::test]
async fn saving_keeps_the_picture_and_the_canvas() {
    let dir = TempDir::new("quickdraw");
    let c = app(&dir).await;
    create_room(&c, "Sunset").await;
    create_room(&c, "Other").await;

    let r = save(&c, 1, &canvas(1), &data_url()).await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let body = r.text();
    assert!(
        body.contains(r#"id="drawing-1""#) && body.contains(r#"<img src="/drawings/1.png""#),
        "{body}"
    );
    assert!(
        body.contains(r#"hx-swap-oob="true""#) && body.contains("Canvas saved successfully"),
        "{body}"
    );

    let png = c.get("/drawings/1.png").send().await;
    assert_eq!(png.status(), 200);
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(png.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(png.bytes(), png_bytes().as_slice());
    let loaded = c.get("/rooms/1/load").send().await.json().expect("JSON");
    assert_eq!(loaded["objects"].as_array().map(Vec::len), Some(1));

    // A second save: both listed, newest first; the canvas loads from the newest.
    save(&c, 1, &canvas(2), &data_url()).await;
    let page = c.get("/rooms/1").send().await.text();
    let second = page.find(r#"id="drawing-2""#).expect("drawing 2");
    let first = page.find(r#"id="drawing-1""#).expect("drawing 1");
    assert!(second < first, "{page}");
    let loaded = c.get("/rooms/1/load").send().await.json().expect("JSON");
    assert_eq!(loaded["objects"].as_array().map(Vec::len), Some(2));

    // Another room has its own drawings.
    let other = c.get("/rooms/2").send().await.text();
    assert!(!other.contains("drawing-1"), "{other}");
    assert_eq!(c.get("/rooms/2/load").send().await.text(), "{}");
}

#[ft_web::test]
async fn bad_saves_are_refused_and_store_nothing() {
    let dir = TempDir::new("quickdraw");
    let c = app(&dir).await;
    create_room(&c, "Sunset").await;
    let not_png = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(b"GIF89a, not a png at all")
    );
    let cases: [(&str, String, u16, &str); 7] = [
        (
            "{}",
            data_url(),
            400,
            "canvas_data: expected Fabric.js canvas JSON",
        ),
        ("not json", data_url(), 400, "canvas_data: not JSON"),
        (
            &canvas(1),
            "https://example.com/x.png".into(),
            400,
            "image: expected a data:image/png;base64 URL",
        ),
        (
            &canvas(1),
            "data:image/svg+xml;base64,PHN2Zz4=".into(),
            400,
            "image: expected a data:image/png",
        ),
        (
            &canvas(1),
            "data:image/png;base64,%%%".into(),
            400,
            "image: the data URL is not valid base64",
        ),
        (&canvas(1), not_png, 400, "image: not a PNG"),
        (
            &canvas(1),
            format!("data:image/png;base64,{}", "A".repeat(3_000_000)),
            413,
            "image: larger than 2 MiB",
        ),
    ];
    for (canvas_data, image, status, msg) in cases {
        let r = save(&c, 1, canvas_data, &image).await;
        assert_eq!(r.status(), status, "{msg}: {}", r.text());
        assert!(r.text().contains(msg), "{msg}: {}", r.text());
    }
    // Missing fields name the field.
    let r = c
        .post("/rooms/1/save")
        .htmx()
        .form([("canvas_data", canvas(1))])
        .send()
        .await;
    assert_eq!(r.status(), 400);
    assert!(r.text().contains("image"), "{}", r.text());
    // A body over the app's limit is a 413 before anything is parsed.
    let huge = "A".repeat(9 * 1024 * 1024);
    assert_eq!(save(&c, 1, &canvas(1), &huge).await.status(), 413);
    // A room that does not exist.
    assert_eq!(save(&c, 7, &canvas(1), &data_url()).await.status(), 404);

    assert_eq!(c.get("/rooms/1/load").send().await.text(), "{}");
    assert_eq!(c.get("/drawings/1.png").send().await.status(), 404);
    // Pictures are found by integer id only.
    for path in [
        "/drawings/abc.png",
        "/drawings/..%2F..%2FCargo.toml.png",
        "/drawings/1.png/../../x",
    ] {
        assert_eq!(c.get(path).send().await.status(), 404, "{path}");
    }
}

#[test]
fn browser_quickdraw() {
    let dir = TempDir::new("quickdraw-e2e");
    let db = dir.file("draw.db");
    let server = Running::start(move || quickdraw::app(&db));
    common::e2e("quickdraw", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_quickdraw_htmx4() {
    let dir = TempDir::new("quickdraw-e2e-htmx4");
    let db = dir.file("draw.db");
    let server = Running::start(move || quickdraw::app(&db).htmx4(true));
    common::e2e_with("quickdraw", &server, &[("E2E_HTMX", "4")]);
}
