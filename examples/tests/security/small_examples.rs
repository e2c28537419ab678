//! Smaller holes in the examples: a websocket into a room the chat keeps for itself, a GET
//! that writes a row, a saved drawing that makes visitors' browsers fetch other sites.

use crate::common::sse::Sse;
use crate::common::{Running, TempDir, client, e2e, logged_in};
use crate::{image_gen, profile, quickdraw, ws_chat};
use ft_web::data::{Database, params};
use ft_web::testing::WsError;

/// The status a websocket handshake to `path` gets (101 when it opens).
async fn handshake(server: &Running, path: &str) -> u16 {
    match server.ws(path).await {
        Ok(_) => 101,
        Err(WsError::Refused { status, .. }) => status,
        Err(e) => panic!("{path}: {e}"),
    }
}

/// FastHTML's ws example joins whatever the path names; ft's chat only its listed rooms. The
/// lobby's feed is a hub room too: joined by a socket, anything said there would land on
/// every visitor's lobby page.
#[ft_web::test]
async fn small_examples_ws_chat_refuses_internal_and_unknown_rooms() {
    let server = Running::start(ws_chat::app);
    let mut feed = Sse::open(&server, "/feed");
    for path in [
        "/ws/lobby",
        "/ws/cats",
        "/ws/lob%62y",
        "/ws/general%2F..%2Flobby",
    ] {
        let status = handshake(&server, path).await;
        assert!(
            (400..500).contains(&status),
            "{path}: handshake answered {status}"
        );
    }
    // A listed room opens, and its arrival is the feed's first event: the refused sockets
    // joined nothing and announced nothing (before, "someone joined #lobby" came first).
    let _ws = server.ws("/ws/rust").await.expect("a listed room opens");
    assert_eq!(
        feed.next_event().expect("the feed goes on"),
        "event: joined\ndata: <li>someone joined #rust</li>"
    );
}

async fn count(db: &Database, table: &str) -> i64 {
    let rows = db
        .q(&format!("SELECT count(*) AS n FROM {table}"), vec![])
        .await
        .expect("count");
    rows[0]["n"].as_i64().expect("a number")
}

/// FastHTML's image app buys credits with a GET link (`/buy_global`), so a crawler, a link
/// preview or an `<img src>` on any page creates checkout rows. ft's example: no GET writes.
#[ft_web::test]
async fn small_examples_image_gen_writes_nothing_on_get() {
    let dir = TempDir::new("sec-image-gen");
    let db_path = dir.file("gens.db");
    let c = client(image_gen::app(&db_path, image_gen::Settings::default())).await;
    for path in ["/", "/balance", "/buy_global", "/success", "/cancel"] {
        c.get(path).send().await;
    }
    let r = c.get("/buy_global").send().await;
    assert_eq!(r.status(), 405, "{}", r.text());
    let db = Database::open(&db_path).await.expect("db");
    for table in ["checkouts", "gens", "credits"] {
        assert_eq!(count(&db, table).await, 0, "{table} after anonymous GETs");
    }
    // The button posts (with the session's CSRF token), and that creates one checkout.
    let page = c.get("/").send().await.text();
    assert!(
        page.contains(r#"method="post" action="/buy_global""#),
        "{page}"
    );
    assert_eq!(c.post("/buy_global").send().await.status(), 303);
    assert_eq!(count(&db, "checkouts").await, 1);
    // Without the token (another site's form): refused, nothing written.
    let forged = c.post("/buy_global").no_csrf().send().await;
    assert_eq!(forged.status(), 403);
    assert_eq!(count(&db, "checkouts").await, 1);
}

const PNG_1X1: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/// Stores a tracking canvas in room 1 behind the app's back (an older version, a database edit).
async fn plant_tracking_drawing(db_path: &str) {
    let db = Database::open(db_path).await.expect("db");
    db.execute(
        "INSERT INTO drawings (room_id, png, canvas_data, created_at) VALUES (?, ?, ?, ?)",
        params![
            1,
            Vec::<u8>::new(),
            tracking_canvas(),
            "2026-01-01T00:00:00Z"
        ],
    )
    .await
    .expect("insert");
}

/// A canvas whose pictures come from another site, in the places Fabric.js loads them from.
fn tracking_canvas() -> String {
    serde_json::json!({
        "version": "7.4.0",
        "objects": [
            {"type": "Path", "path": [["M", 1, 1], ["L", 5, 5]], "stroke": "#000"},
            {"type": "Image", "src": "https://tracker.example/pixel.gif"},
            {"type": "Rect", "fill": {"type": "pattern", "source": "//tracker.example/p.png"}}
        ],
        "backgroundImage": {"type": "Image", "src": "http://127.0.0.1:9/bg.png"}
    })
    .to_string()
}

/// FastHTML's QuickDraw stores and serves whatever canvas JSON it gets, so a saved drawing
/// can make every visitor's browser fetch any URL. ft's example refuses such a save, and
/// leaves those parts out when it loads a canvas stored before the check.
#[ft_web::test]
async fn small_examples_quickdraw_loads_no_third_party_images() {
    let dir = TempDir::new("sec-quickdraw");
    let db_path = dir.file("draw.db");
    let c = client(quickdraw::app(&db_path)).await;
    let r = c
        .post("/rooms")
        .htmx()
        .form([("name", "Gallery")])
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());

    let save = c
        .post("/rooms/1/save")
        .htmx()
        .form([
            ("canvas_data", tracking_canvas().as_str()),
            ("image", PNG_1X1),
        ])
        .send()
        .await;
    assert_eq!(save.status(), 400, "{}", save.text());
    assert!(
        save.text()
            .contains("images must be data: URLs or paths on this site"),
        "{}",
        save.text()
    );
    assert_eq!(c.get("/rooms/1/load").send().await.text(), "{}");

    // Stored some other way (an older version, a database edit): still loads no third party.
    plant_tracking_drawing(&db_path).await;
    let loaded = c.get("/rooms/1/load").send().await.text();
    assert!(
        !loaded.contains("tracker.example") && !loaded.contains("127.0.0.1"),
        "{loaded}"
    );
    let canvas: serde_json::Value = serde_json::from_str(&loaded).expect("JSON");
    assert_eq!(
        canvas["objects"].as_array().map(Vec::len),
        Some(2),
        "{loaded}"
    );

    // Pictures of its own (data: URLs, paths on this site) are kept.
    let own = serde_json::json!({
        "objects": [
            {"type": "Image", "src": PNG_1X1},
            {"type": "Image", "src": "/drawings/1.png"}
        ]
    })
    .to_string();
    let r = c
        .post("/rooms/1/save")
        .htmx()
        .form([("canvas_data", own.as_str()), ("image", PNG_1X1)])
        .send()
        .await;
    assert_eq!(r.status(), 200, "{}", r.text());
    let loaded: serde_json::Value = c.get("/rooms/1/load").send().await.json().expect("JSON");
    assert_eq!(loaded["objects"].as_array().map(Vec::len), Some(2));
}

/// The same planted canvas in Chromium: opening the room fetches nothing outside the app
/// (e2e/security_quickdraw.mjs; the browser harness refuses and reports any such request).
#[ft_web::test]
async fn small_examples_quickdraw_in_chromium_fetches_no_third_party_images() {
    let dir = TempDir::new("sec-quickdraw-e2e");
    let db_path = dir.file("draw.db");
    let path = db_path.clone();
    let server = Running::start(move || quickdraw::app(&path));
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let r = crate::common::ws::http(&server, "POST", "/rooms", &form, "name=Planted").await;
    assert_eq!(r.status, 200, "{}", r.body);
    plant_tracking_drawing(&db_path).await;
    tokio::task::spawn_blocking(move || e2e("security_quickdraw", &server))
        .await
        .expect("the browser test ran");
}

/// A typed link fills a path value percent-encoded: an e-mail address holding `/`, `?` or `#`
/// stays one path segment, so the profile it names opens (it was a 404, or another page),
/// over the test client and over real HTTP.
#[ft_web::test]
async fn small_examples_typed_links_encode_path_values() {
    let dir = TempDir::new("sec-links");
    let db = dir.file("p.db");
    let c = client(profile::app(&db)).await;
    for email in [
        "a/b@x.example",
        "who?@x.example",
        "c#d@x.example",
        "../e@x.example",
    ] {
        let r = c
            .post("/profile")
            .form([("email", email), ("phone", "1"), ("age", "3")])
            .send()
            .await;
        assert_eq!(r.status(), 303, "{email}: {}", r.text());
        let to = r.header("location").unwrap_or_default().to_owned();
        assert!(
            to.starts_with("/profile/") && to[9..].find(['/', '?', '#']).is_none(),
            "{to}"
        );
        let page = c.get(&to).send().await;
        assert_eq!(page.status(), 200, "{to}: {}", page.text());
        assert!(
            page.text().contains(&format!("value=\"{email}\"")),
            "{}",
            page.text()
        );
    }
    let index = c.get("/").send().await.text();
    assert!(
        index.contains(r#"href="/profile/a%2Fb%40x.example""#),
        "{index}"
    );
    let server = Running::start(move || profile::app(&db));
    // Raw HTTP: no client library normalises the path.
    let res = crate::common::ws::http(&server, "GET", "/profile/a%2Fb%40x.example", &[], "").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.body.contains("value=\"a/b@x.example\""), "{}", res.body);
}

/// The examples log out with a POST that carries the session's CSRF token: a link, an image
/// or another site's form cannot log the user out.
#[ft_web::test]
async fn small_examples_logout_is_a_post_with_csrf() {
    let dir = TempDir::new("sec-logout");
    let c = logged_in(crate::todo::app(&dir.file("t.db")), "uma").await;
    let page = c.get("/").send().await.text();
    assert!(
        page.contains(r#"action="/logout" method="post""#)
            || page.contains(r#"method="post" action="/logout""#),
        "{page}"
    );
    assert_eq!(c.get("/logout").send().await.status(), 405);
    assert_eq!(c.post("/logout").no_csrf().send().await.status(), 403);
    assert_eq!(c.get("/").send().await.status(), 200, "still logged in");
    assert_eq!(c.post("/logout").send().await.status(), 303);
    assert_eq!(c.get("/").send().await.status(), 303, "logged out");
}
