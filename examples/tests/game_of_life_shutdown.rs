//! The Game of Life's ticker ends on the shutdown signal (Ctrl-C or SIGTERM under `serve()`)
//! while the server is still draining. A test binary of its own: the signal is process-wide.

mod common;

#[allow(dead_code)]
#[path = "../examples/game_of_life/main.rs"]
mod game_of_life;

use common::{Running, TempDir, eventually, ws};
use game_of_life::game::Game;
use std::time::Duration;

#[tokio::test]
async fn the_ticker_ends_on_shutdown() {
    let dir = TempDir::new("gol-shutdown");
    let db = dir.file("g.db");
    let game = Game::new(Duration::from_millis(30));
    let g = game.clone();
    let server = Running::start(move || game_of_life::app_with(&db, g));
    let mut player = ws::connect(&server, "/gol", None).await;
    ws::next_text(&mut player).await;
    assert_eq!(ws::http(&server, "PUT", "/run", &[], "").await.status, 200);
    ws::until(&mut player, |m| m.contains("id=\"generation\">1<")).await;
    assert_eq!(game.tickers(), 1);

    ft_web::trigger_shutdown();
    assert!(
        eventually(|| game.tickers() == 0).await,
        "the ticker ended on the signal"
    );
    drop(server);
}
