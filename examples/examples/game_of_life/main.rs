//! Multiplayer Game of Life over websockets (FastHTML by Example, "Full Example #4").
//!
//! ```text
//! cargo run -p ft-examples --example game_of_life     # http://127.0.0.1:5001
//! ```
//! Open it in two browser windows: a click on a cell flips it for every player, Run makes the
//! board come alive on every screen at once, Pause stops it, Reset clears it. The board is
//! saved in `data/game_of_life.db`, so a restarted server shows it again.
//!
//! How it maps to the FastHTML original:
//!
//! | FastHTML | here |
//! |---|---|
//! | `update_grid(grid)` | [`life::Life::step`] (same rules, dead edges), unit-tested in `life.rs` |
//! | `Grid()`: a `Div` per cell with `hx_put='/update'`, `hx_vals={'x':..,'y':..}` | [`grid`]; `hx-swap="none"` sits on `#grid` once and the cells inherit it |
//! | `@rt('/update') async def put(x:int, y:int)` | [`update`]: `x: usize, y: usize` (off the board or not a number: 400) |
//! | `/run`, `/pause`, `/reset` PUT routes | [`run`], [`pause`], [`reset`] |
//! | `player_queue` + `update_players()` sending `Grid()` to each `send` | the [`Hub`] room `"gol"`: [`game::Game`] publishes the board once to every socket in it |
//! | `@app.ws('/gol', conn=on_connect, disconn=on_disconnect)` | [`gol`] with [`joined`] / [`left`] |
//! | `background_task()`: a `while True` loop started with `asyncio.create_task` | a ticker task that exists only while the game runs: Pause/Reset end it, as does server shutdown |
//! | `game_state` dict in memory | [`game::Game`] in the app's state, the board also saved in SQLite |
//! | flexboxgrid from a CDN (`row center-xs`) | the two classes written out in [`styles`]; nothing loads from outside the app |
//!
//! Additions: a status line (generation, running or paused, players connected) and the board
//! sent to a player as soon as their socket connects, so a page opened mid-game is never stale.

pub mod game;
pub mod life;

use ft_web::prelude::*;
use game::{Board, Game, SIZE};
use life::Life;
use std::time::Duration;

/// Time between generations (FastHTML's example sleeps one second).
pub const TICK: Duration = Duration::from_secs(1);

/// One cell: a click PUTs its coordinates to [`update`].
fn cell(x: usize, y: usize, alive: bool) -> Ft {
    Div!(
        cls = if alive { "cell alive" } else { "cell dead" },
        hx_put = update,
        hx_vals = format!(r#"{{"x": {x}, "y": {y}}}"#),
    )
}

/// The board (FastHTML's `Grid()`); every message on the socket replaces it by its id.
fn grid(life: &Life) -> Ft {
    let cells: Vec<Ft> = life
        .rows()
        .enumerate()
        .flat_map(|(y, row)| {
            row.iter()
                .enumerate()
                .map(move |(x, &alive)| cell(x, y, alive))
        })
        .collect();
    // The PUTs answer nothing: the new board arrives over the socket.
    Div!(cells, id = "grid", hx_swap = "none")
}

/// Generation, state and players, under the board.
fn status(life: &Life, running: bool, players: usize) -> Ft {
    P!(
        "Generation ",
        Strong!(life.generation(), id = "generation"),
        if running {
            " · running · "
        } else {
            " · paused · "
        },
        Span!(
            match players {
                1 => "1 player".to_owned(),
                n => format!("{n} players"),
            },
            id = "players"
        ),
        id = "status",
    )
}

/// What every player is sent after each change.
pub fn board_view(life: &Life, running: bool, players: usize) -> Ft {
    (grid(life), status(life, running, players)).into_ft()
}

/// FastHTML's grid CSS, plus flexboxgrid's `row center-xs`.
fn styles() -> Ft {
    Style!(format!(
        "#grid {{ display: grid; grid-template-columns: repeat({SIZE}, 20px); \
         grid-template-rows: repeat({SIZE}, 20px); gap: 1px; }}
.cell {{ width: 20px; height: 20px; border: 1px solid black; cursor: pointer; }}
.alive {{ background-color: green; }}
.dead {{ background-color: white; }}
.row {{ display: flex; flex-wrap: wrap; gap: 0.5rem; }}
.center-xs {{ justify-content: center; text-align: center; }}
#gol {{ flex-direction: column; align-items: center; }}"
    ))
}

/// A button that PUTs to `route`; the answer is empty, the board updates over the socket.
fn control(label: &'static str, id: &'static str, route: impl IntoAttr) -> Ft {
    Button!(label, id = id, hx_put = route, hx_swap = "none")
}

#[get("/")]
async fn index(game: State<Game>, app: App, hub: Hub) -> Result<Ft> {
    let (life, running) = game.current(&app).await?;
    Ok((
        Title!("Game of Life"),
        Main!(
            H1!("Game of Life"),
            Div!(
                control("Run", "run", run),
                control("Pause", "pause", pause),
                control("Reset", "reset", reset),
                cls = "row center-xs",
            ),
            Div!(
                board_view(&life, running, hub.local_members(game::ROOM)),
                id = "gol",
                cls = "row center-xs",
            ),
            cls = "container",
            hx_ext = "ws",
            ws_connect = gol,
        ),
    )
        .into_ft())
}

#[put("/update")]
async fn update(x: usize, y: usize, game: State<Game>, app: App) -> Result<()> {
    game.toggle(&app, x, y).await
}

#[put("/run")]
async fn run(game: State<Game>, app: App) -> Result<()> {
    game.run(&app).await
}

#[put("/pause")]
async fn pause(game: State<Game>, app: App) -> Result<()> {
    game.pause(&app).await
}

#[put("/reset")]
async fn reset(game: State<Game>, app: App) -> Result<()> {
    game.reset(&app).await
}

async fn joined(send: WsSend, game: State<Game>, app: App) -> Result<()> {
    game.join(&app, &send).await
}

async fn left(game: State<Game>, app: App) -> Result<()> {
    game.left(&app).await
}

/// Players only listen on the socket; their moves arrive over HTTP, as in FastHTML's example.
#[ws("/gol", conn = joined, disconn = left)]
async fn gol() {}

/// The app on the SQLite file `db`, with generations every [`TICK`].
pub fn app(db: &str) -> FastApp {
    app_with(db, Game::new(TICK))
}

/// The app with a game of your own (the tests keep a handle on it and tick faster).
pub fn app_with(db: &str, game: Game) -> FastApp {
    fast_app()
        .db(db)
        .table::<Board>()
        .state(game)
        .exts(["ws"])
        .hdrs(styles())
        .routes(routes![index, update, run, pause, reset, gol])
}

#[ft_web::main]
async fn main() -> std::io::Result<()> {
    app("data/game_of_life.db")
        .htmx4(ft_examples::htmx4())
        .serve()
        .await
}
