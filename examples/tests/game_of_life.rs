//! The multiplayer Game of Life: the page and the moves through the test client, the shared
//! board over real websockets (two players), the ticker's life cycle, and the browser.
//! The rules themselves are unit-tested in `examples/examples/game_of_life/life.rs`.

mod common;

#[allow(dead_code)]
#[path = "../examples/game_of_life/main.rs"]
mod game_of_life;

use common::ws::{self, Ws};
use common::{Running, TempDir, client, eventually};
use game_of_life::game::{Game, SIZE};
use std::time::Duration;

/// The cells of a page or a message, in order: `true` for alive.
fn cells(html: &str) -> Vec<bool> {
    html.match_indices("class=\"cell ")
        .map(|(i, m)| html[i + m.len()..].starts_with("alive"))
        .collect()
}

fn alive(html: &str, x: usize, y: usize) -> bool {
    cells(html)[y * SIZE + x]
}

/// The generation a page or message shows.
fn generation(html: &str) -> u64 {
    let at = html.find("id=\"generation\">").expect("a generation") + 16;
    html[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a number")
}

async fn put(c: &ft_web::Client, path: &str, x: &str, y: &str) -> ft_web::TestResponse {
    c.put(path).htmx().form([("x", x), ("y", y)]).send().await
}

#[ft_web::test]
async fn the_page_shows_the_board_the_controls_and_the_socket() {
    let dir = TempDir::new("gol");
    let c = client(game_of_life::app(&dir.file("g.db"))).await;
    let r = c.get("/").send().await;
    assert_eq!(r.status(), 200);
    let page = r.text();
    assert_eq!(cells(&page), vec![false; SIZE * SIZE]);
    assert!(page.contains("<title>Game of Life</title>"), "{page}");
    assert!(page.contains(r#"hx-ext="ws""#) && page.contains(r#"ws-connect="/gol""#));
    for (label, path) in [("Run", "/run"), ("Pause", "/pause"), ("Reset", "/reset")] {
        assert!(
            page.contains(&format!(r#"hx-put="{path}""#)) && page.contains(label),
            "{label} button"
        );
    }
    // The cells PUT their coordinates; the grid tells htmx to swap nothing (the socket does).
    assert!(page.contains(r#"hx-put="/update" hx-vals='{"x": 19, "y": 19}'"#));
    assert!(
        page.contains(r#"id="grid" hx-swap="none""#)
            || page.contains(r#"hx-swap="none" id="grid""#)
    );
    assert_eq!(generation(&page), 0);
    assert!(page.contains("paused"));
    // The htmx ws extension is served by the app (the page works offline).
    assert!(page.contains("/_ft/htmx-ext-ws"), "{page}");
}

#[ft_web::test]
async fn a_click_toggles_a_cell_and_the_board_is_saved() {
    let dir = TempDir::new("gol");
    let db = dir.file("g.db");
    let c = client(game_of_life::app(&db)).await;
    let r = put(&c, "/update", "3", "4").await;
    assert_eq!((r.status(), r.text()), (200, String::new()));
    let page = c.get("/").send().await.text();
    assert!(alive(&page, 3, 4) && !alive(&page, 4, 3));
    assert_eq!(cells(&page).iter().filter(|&&a| a).count(), 1);
    put(&c, "/update", "3", "4").await;
    put(&c, "/update", "0", "19").await;
    let page = c.get("/").send().await.text();
    assert!(!alive(&page, 3, 4) && alive(&page, 0, 19));

    // Another server on the same file (a restart) shows the saved board.
    let restarted = client(game_of_life::app(&db)).await;
    let page = restarted.get("/").send().await.text();
    assert!(alive(&page, 0, 19));
    assert_eq!(cells(&page).iter().filter(|&&a| a).count(), 1);
}

#[ft_web::test]
async fn cells_off_the_board_or_not_numbers_are_400s() {
    let dir = TempDir::new("gol");
    let c = client(game_of_life::app(&dir.file("g.db"))).await;
    for (x, y) in [
        ("20", "0"),
        ("0", "20"),
        ("-1", "0"),
        ("a", "1"),
        ("1.5", "2"),
    ] {
        assert_eq!(put(&c, "/update", x, y).await.status(), 400, "({x}, {y})");
    }
    assert_eq!(
        c.put("/update").form([("x", "1")]).send().await.status(),
        400
    );
    assert_eq!(c.get("/update").send().await.status(), 405);
    let page = c.get("/").send().await.text();
    assert!(cells(&page).iter().all(|a| !a), "nothing changed");
}

#[ft_web::test]
async fn run_pause_and_reset_start_and_stop_one_ticker() {
    let dir = TempDir::new("gol");
    let game = Game::new(Duration::from_millis(20));
    let c = client(game_of_life::app_with(&dir.file("g.db"), game.clone())).await;
    put(&c, "/update", "5", "5").await;
    assert_eq!(c.put("/run").send().await.status(), 200);
    assert!(c.get("/").send().await.text().contains("running"));
    // Run twice is one ticker.
    c.put("/run").send().await;
    assert_eq!(game.tickers(), 1);
    // With nobody connected the board holds still, as in FastHTML's example.
    ft_web::actix_web::rt::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(game.snapshot().0.generation(), 0);

    c.put("/pause").send().await;
    assert!(c.get("/").send().await.text().contains("paused"));
    assert!(eventually(|| game.tickers() == 0).await, "the ticker ended");

    c.put("/run").send().await;
    c.put("/reset").send().await;
    let page = c.get("/").send().await.text();
    assert!(cells(&page).iter().all(|a| !a) && page.contains("paused"));
    assert!(
        eventually(|| game.tickers() == 0).await,
        "reset ends the ticker"
    );
}

/// A player: a socket that has received its first board.
async fn player(server: &Running) -> (Ws, String) {
    let mut sock = ws::connect(server, "/gol", None).await;
    let first = ws::next_text(&mut sock).await;
    (sock, first)
}

/// Reads a player's messages until one satisfies `pred`; returns it.
async fn sees(sock: &mut Ws, pred: impl Fn(&str) -> bool) -> String {
    ws::until(sock, pred).await.pop().expect("a message")
}

/// A PUT with a form body, as htmx sends it; the status.
async fn put_http(server: &Running, path: &str, body: &str) -> u16 {
    let form = [("content-type", "application/x-www-form-urlencoded")];
    ws::http(server, "PUT", path, &form, body).await.status
}

#[tokio::test]
async fn every_player_sees_every_click_and_the_player_count() {
    let dir = TempDir::new("gol-ws");
    let db = dir.file("g.db");
    let server = Running::start(move || game_of_life::app(&db));
    let (mut a, first) = player(&server).await;
    assert_eq!(
        cells(&first),
        vec![false; SIZE * SIZE],
        "a joins an empty board"
    );
    assert!(first.contains("1 player"), "{first}");
    let (mut b, _) = player(&server).await;
    // Joining shows everyone the new count.
    sees(&mut a, |m| m.contains("2 players")).await;

    assert_eq!(put_http(&server, "/update", "x=2&y=7").await, 200);
    for sock in [&mut a, &mut b] {
        let board = sees(sock, |m| alive(m, 2, 7)).await;
        assert_eq!(cells(&board).iter().filter(|&&c| c).count(), 1);
        // The board and the status replace the page's by their ids.
        assert!(board.contains(r#"id="grid""#) && board.contains(r#"id="status""#));
    }

    // A player leaving is shown to the others.
    drop(b);
    sees(&mut a, |m| m.contains("1 player")).await;
}

#[tokio::test]
async fn running_advances_every_players_board_and_pause_stops_it() {
    let dir = TempDir::new("gol-ws");
    let db = dir.file("g.db");
    let game = Game::new(Duration::from_millis(60));
    let g = game.clone();
    let server = Running::start(move || game_of_life::app_with(&db, g));
    let (mut a, _) = player(&server).await;
    let (mut b, _) = player(&server).await;
    // A blinker: three cells in a row.
    for x in 4..=6 {
        assert_eq!(
            put_http(&server, "/update", &format!("x={x}&y=5")).await,
            200
        );
    }
    for sock in [&mut a, &mut b] {
        sees(sock, |m| alive(m, 4, 5) && alive(m, 5, 5) && alive(m, 6, 5)).await;
    }

    put_http(&server, "/run", "").await;
    assert_eq!(game.tickers(), 1);
    for sock in [&mut a, &mut b] {
        // Generation 1: the blinker stands up; generation 2: it lies down again.
        let one = sees(sock, |m| generation(m) == 1).await;
        assert!(alive(&one, 5, 4) && alive(&one, 5, 5) && alive(&one, 5, 6));
        assert!(!alive(&one, 4, 5) && !alive(&one, 6, 5));
        assert!(one.contains("running"));
        let two = sees(sock, |m| generation(m) == 2).await;
        assert!(alive(&two, 4, 5) && alive(&two, 6, 5) && !alive(&two, 5, 4));
    }

    put_http(&server, "/pause", "").await;
    let paused = generation(&sees(&mut a, |m| m.contains("paused")).await);
    sees(&mut b, |m| m.contains("paused")).await;
    // Several periods later the board has not moved (a tick that had already stepped when
    // the pause came may still show that same board once more).
    for later in ws::during(&mut a, 400).await {
        assert_eq!(generation(&later), paused, "no generation after the pause");
    }
    let (life, running) = game.snapshot();
    assert!(!running && life.generation() == paused);
    assert!(eventually(|| game.tickers() == 0).await);

    // Reset clears everyone's board.
    put_http(&server, "/reset", "").await;
    for sock in [&mut a, &mut b] {
        let board = sees(sock, |m| generation(m) == 0).await;
        assert!(cells(&board).iter().all(|c| !c));
    }
}

#[tokio::test]
async fn the_ticker_ends_with_the_server() {
    let dir = TempDir::new("gol-ws");
    let db = dir.file("g.db");
    let game = Game::new(Duration::from_millis(30));
    let g = game.clone();
    let server = Running::start(move || game_of_life::app_with(&db, g));
    let (mut a, _) = player(&server).await;
    put_http(&server, "/run", "").await;
    sees(&mut a, |m| generation(m) >= 1).await;
    assert_eq!(game.tickers(), 1);
    drop(server);
    assert!(
        eventually(|| game.tickers() == 0).await,
        "the ticker task went away with its server"
    );
}

#[test]
fn browser_two_players_stay_in_sync() {
    let dir = TempDir::new("gol-e2e");
    let db = dir.file("game_of_life.db");
    // A quicker clock than the app's second keeps the browser test short.
    let server =
        Running::start(move || game_of_life::app_with(&db, Game::new(Duration::from_millis(400))));
    common::e2e("game_of_life", &server);
}

/// The same with the app on htmx 4.
#[test]
fn browser_two_players_stay_in_sync_htmx4() {
    let dir = TempDir::new("gol-e2e-htmx4");
    let db = dir.file("game_of_life.db");
    let server = Running::start(move || {
        game_of_life::app_with(&db, Game::new(Duration::from_millis(400))).htmx4(true)
    });
    common::e2e_with("game_of_life", &server, &[("E2E_HTMX", "4")]);
}
